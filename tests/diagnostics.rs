//! The bad-input corpus: small broken sites (tests/fixtures/bad/ overlays, or variants of
//! tests/fixtures/base written here), each with the diagnostic it must produce. Every case also
//! checks that plein did not panic, and failing builds that the previous output is untouched.

mod common;
use common::*;

/// Builds the good base first, breaks it with `setup`, builds again: exit 1, every line of
/// `expected` among stderr's error lines, and the previous output byte-for-byte the same.
fn fails(setup: impl FnOnce(&TestSite), expected: &[&str]) -> Run {
    let site = TestSite::base();
    let first = site.build(&[]);
    assert_eq!(first.code, 0, "the base site must build:\n{}", first.stderr);
    let before = snapshot(&site.out);
    assert!(!before.is_empty());
    setup(&site);
    let run = site.build(&[]);
    if std::env::var("DUMP").is_ok() {
        eprintln!("----- stderr -----\n{}------------------", run.stderr);
    }
    assert_eq!(run.code, 1, "expected exit 1, stderr:\n{}", run.stderr);
    let errors = run.errors();
    for line in expected {
        // A trailing `…` makes the expected line a prefix.
        let found = match line.strip_suffix('…') {
            Some(prefix) => errors.iter().any(|e| e.starts_with(prefix)),
            None => errors.contains(line),
        };
        assert!(found, "expected diagnostic\n  {line}\nnot among the errors:\n  {}", errors.join("\n  "));
    }
    for e in &errors {
        assert!(e.contains(": error: "), "unpositioned error line: {e}");
    }
    assert!(snapshot(&site.out) == before, "a failed build changed the previous output");
    run
}

/// Builds the base after `setup`: exit 0, no panic; returns the site to inspect.
fn works(setup: impl FnOnce(&TestSite)) -> (TestSite, Run) {
    let site = TestSite::base();
    setup(&site);
    let run = site.build(&[]);
    if std::env::var("DUMP").is_ok() {
        eprintln!("----- stderr -----\n{}------------------", run.stderr);
    }
    assert_eq!(run.code, 0, "expected success, stderr:\n{}", run.stderr);
    (site, run)
}

fn page(front: &str, body: &str) -> String {
    format!("---\n{front}---\n\n{body}\n")
}

const ABOUT: &str = "content/en/about.md";

// ---------- front matter ----------

#[test]
fn yaml_bad_indentation() {
    fails(
        |s| s.write(ABOUT, "---\ntitle: About\n  weight: 1\n---\nx\n"),
        &["content/en/about.md:3:9: error: invalid YAML: mapping values are not allowed in this context"],
    );
}

#[test]
fn yaml_tab_indentation() {
    fails(
        |s| s.write(ABOUT, "---\ntitle: About\naliases:\n\t- /old/\n---\nx\n"),
        &["content/en/about.md:4:1: error: YAML does not allow tabs for indentation"],
    );
}

#[test]
fn yaml_unterminated_quote() {
    fails(
        |s| s.write(ABOUT, "---\ntitle: \"About\nweight: 1\n---\nx\n"),
        &["content/en/about.md:4:1: error: invalid YAML: found unexpected end of stream"],
    );
}

#[test]
fn yaml_duplicate_key() {
    fails(
        |s| s.write(ABOUT, "---\ntitle: About\ntitle: Again\n---\nx\n"),
        &["content/en/about.md:2:1: error: invalid YAML: duplicate field `title`"],
    );
}

#[test]
fn yaml_string_weight() {
    fails(
        |s| s.write(ABOUT, "---\ntitle: About\nweight: heavy\n---\nx\n"),
        &["content/en/about.md:3:9: error: invalid YAML: weight: invalid type: string \"heavy\", expected i64"],
    );
}

#[test]
fn yaml_unknown_front_matter_field() {
    fails(|s| s.write(ABOUT, "---\ntitle: About\ncolour: red\n---\nx\n"), &["content/en/about.md:3:1: error: invalid YAML: unknown field `colour`, expected one of `title`, `description`, `weight`, `key`, `slug`, `draft`, `aliases`, `source_hash`, `template`, `extra`"]);
}

#[test]
fn missing_title() {
    fails(|s| s.write(ABOUT, "---\nweight: 1\n---\nx\n"), &["content/en/about.md:2:1: error: invalid YAML: missing field `title`"]);
}

#[test]
fn empty_title() {
    fails(|s| s.write(ABOUT, "---\ntitle: \"  \"\n---\nx\n"), &["content/en/about.md:2:1: error: the page has an empty title"]);
}

#[test]
fn unclosed_front_matter_fence() {
    fails(
        |s| s.write(ABOUT, "---\ntitle: About\n\nAbout this site.\n"),
        &["content/en/about.md:1:1: error: the front matter is not closed"],
    );
}

#[test]
fn no_front_matter() {
    fails(|s| s.write(ABOUT, "# About\n\ntext\n"), &["content/en/about.md:1:1: error: the page has no front matter"]);
}

#[test]
fn empty_file() {
    fails(|s| s.write(ABOUT, ""), &["content/en/about.md:1:1: error: the file is empty"]);
}

#[test]
fn whitespace_only_file() {
    fails(|s| s.write(ABOUT, "\n  \n"), &["content/en/about.md:1:1: error: the file is empty"]);
}

#[test]
fn non_utf8_bytes() {
    fails(
        |s| s.write(ABOUT, b"---\ntitle: About\n---\n\ncaf\xe9 au lait\n"),
        &["content/en/about.md:5:4: error: the file is not valid UTF-8 (byte 0xe9)"],
    );
}

// ---------- names, keys and paths ----------

#[test]
fn unknown_edition_folder() {
    fails(|s| s.write("content/de/_index.md", page("title: Start\n", "Hallo.")), &["content/de: error: `de` is not an edition folder"]);
}

#[test]
fn two_pages_same_output_path() {
    fails(
        |s| s.write("content/en/other.md", page("title: Other\nslug: about\n", "Other.")),
        &["content/en/other.md:1:1: error: this page would be written to `/about/`, like …"],
    );
}

#[test]
fn two_pages_same_key() {
    fails(
        |s| s.write("content/en/other.md", page("title: Other\nkey: about\n", "Other.")),
        &["content/en/other.md:1:1: error: two pages in this edition have the key `about` (the other is …"],
    );
}

#[test]
fn slug_with_dotdot() {
    fails(
        |s| s.write(ABOUT, page("title: About\nslug: \"..\"\n", "x")),
        &["content/en/about.md:3:1: error: invalid slug `..`: `.` and `..` are not allowed"],
    );
}

#[test]
fn slug_with_slash() {
    fails(
        |s| s.write(ABOUT, page("title: About\nslug: a/../../b\n", "x")),
        &["content/en/about.md:3:1: error: invalid slug `a/../../b`: it contains a slash"],
    );
}

#[test]
fn slug_with_nul() {
    fails(
        |s| s.write(ABOUT, page("title: About\nslug: \"a\\0b\"\n", "x")),
        &["content/en/about.md:3:1: error: invalid slug `a\\0b`: it contains a NUL character"],
    );
}

#[test]
fn slug_reserved_name() {
    fails(
        |s| s.write(ABOUT, page("title: About\nslug: assets\n", "x")),
        &["content/en/about.md:3:1: error: invalid slug `assets`: `assets` is a reserved name"],
    );
}

#[test]
fn slug_windows_reserved_name() {
    fails(
        |s| s.write(ABOUT, page("title: About\nslug: CON\n", "x")),
        &["content/en/about.md:3:1: error: invalid slug `CON`: `CON` is a reserved name"],
    );
}

#[test]
fn key_with_dotdot() {
    fails(
        |s| s.write(ABOUT, page("title: About\nkey: ../../etc/passwd\n", "x")),
        &["content/en/about.md:3:1: error: invalid key `../../etc/passwd`: `.` and `..` are not allowed"],
    );
}

#[test]
fn key_with_leading_slash() {
    fails(
        |s| s.write(ABOUT, page("title: About\nkey: /about\n", "x")),
        &["content/en/about.md:3:1: error: invalid key `/about`: it starts or ends with a slash"],
    );
}

#[test]
fn key_with_nul() {
    fails(
        |s| s.write(ABOUT, page("title: About\nkey: \"ab\\0\"\n", "x")),
        &["content/en/about.md:3:1: error: invalid key `ab\\0`: it contains a NUL character"],
    );
}

#[test]
fn key_reserved_name() {
    fails(
        |s| s.write(ABOUT, page("title: About\nkey: _data\n", "x")),
        &["content/en/about.md:3:1: error: invalid key `_data`: `_data` is a reserved name"],
    );
}

#[test]
fn file_name_reserved() {
    fails(
        |s| s.write("content/en/sitemap.xml.md", page("title: Map\n", "x")),
        &["content/en/sitemap.xml.md: error: the file name gives the invalid page path `sitemap.xml`: `sitemap.xml` is a reserved name"],
    );
}

#[test]
fn alias_with_dotdot() {
    fails(
        |s| s.write(ABOUT, page("title: About\naliases: [\"/../../outside/\"]\n", "x")),
        &["content/en/about.md:3:12: error: invalid alias `/../../outside/`: it contains an empty, `.` or `..` segment"],
    );
}

#[test]
fn alias_replacing_home() {
    fails(
        |s| s.write(ABOUT, page("title: About\naliases: [\"/\"]\n", "x")),
        &["content/en/about.md:3:12: error: invalid alias `/`: it would replace the home page"],
    );
}

#[test]
fn output_path_whose_parent_is_a_file() {
    // A static file `about` and the page about.md, which needs a folder `about/`.
    let run = fails(|s| s.write("content/en/about", "plain file"), &[]);
    assert!(
        run.errors().iter().any(|e| e.contains("about") && (e.contains("cannot create output folder") || e.contains("cannot write"))),
        "{}",
        run.stderr
    );
}

// ---------- markdown ----------

#[test]
fn broken_internal_link() {
    fails(
        |s| s.write(ABOUT, page("title: About\n", "See [this](@/nope.md).")),
        &["content/en/about.md:5:5: error: link to a page that does not exist: `@/nope.md`"],
    );
}

#[test]
fn javascript_link() {
    fails(
        |s| s.write(ABOUT, page("title: About\n", "A [link](javascript:alert(1)).")),
        &["content/en/about.md:5:3: error: unsafe link `javascript:alert(1)`"],
    );
}

#[test]
fn javascript_link_mixed_case() {
    let run = fails(|s| s.write(ABOUT, page("title: About\n", "A [link](JaVaScRiPt:alert(1)).")), &[]);
    assert!(run.errors().iter().any(|e| e.starts_with("content/en/about.md:5:3: error: unsafe link")), "{}", run.stderr);
}

#[test]
fn javascript_image() {
    let run = fails(|s| s.write(ABOUT, page("title: About\n", "![x](javascript:alert(1))")), &[]);
    assert!(run.errors().iter().any(|e| e.starts_with("content/en/about.md:5:1: error: unsafe link")), "{}", run.stderr);
}

#[test]
fn duplicate_commitment_id() {
    fails(
        |s| s.write(ABOUT, page("title: About\n", "- {#about-1} one\n- {#about-1} two")),
        &["content/en/about.md:6:3: error: commitment id `about-1` is used twice on this page"],
    );
}

#[test]
fn unknown_shortcode() {
    let run = fails(|s| s.write(ABOUT, page("title: About\n", "{{ nope() }}")), &[]);
    assert!(run.errors().iter().any(|e| e.starts_with("content/en/about.md:5:")), "{}", run.stderr);
}

// ---------- templates ----------

#[test]
fn missing_template() {
    fails(
        |s| s.write(ABOUT, page("title: About\ntemplate: nope.html\n", "x")),
        &["content/en/about.md:3:1: error: template `nope.html` does not exist in the theme"],
    );
}

#[test]
fn tera_syntax_error() {
    fails(
        |s| s.overlay(&repo().join("tests/fixtures/bad/tera-syntax")),
        &["themes/tiny/templates/page.html:3:7: error: template error: Failed to parse …"],
    );
}

#[test]
fn tera_runtime_error() {
    fails(
        |s| {
            s.write("themes/tiny/templates/broken.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nothing.deeper }}\n{% endblock content %}\n");
            s.write(ABOUT, page("title: About\ntemplate: broken.html\n", "x"));
        },
        &["content/en/about.md:1:1: error: rendering this page with `broken.html` failed: Failed to render 'broken.html': Variable `page.nothing.deeper` not found in context while rendering 'broken.html'"],
    );
}

#[test]
fn menu_template_runtime_error() {
    fails(
        |s| s.write("themes/tiny/templates/partials/menu.html", "<nav>{{ nav.nothing.deeper }}</nav>\n"),
        &["themes/tiny/templates/partials/menu.html: error: template error: Failed to render 'partials/menu.html': Variable `nav.nothing.deeper` not found in context while rendering 'partials/menu.html'"],
    );
}

#[test]
fn template_uses_undefined_message() {
    fails(
        |s| {
            s.write(
                "themes/tiny/templates/page.html",
                "{% extends \"base.html\" %}\n{% block content %}<h1>{{ t(key=\"no-such-message\") }}</h1>{% endblock content %}\n",
            )
        },
        &["themes/tiny/templates/page.html:2:27: error: message `no-such-message` is not defined in any edition"],
    );
}

#[test]
fn theme_missing() {
    fails(
        |s| s.edit("site.yaml", "theme: tiny", "theme: nothere"),
        &["themes/nothere/templates: error: the theme has no templates folder"],
    );
}

// ---------- Fluent ----------

#[test]
fn fluent_syntax_error() {
    fails(
        |s| s.write("locales/nl/main.ftl", "site-title = Klein\nnot-found = Niet gevonden\nredirect-text = { \n"),
        &["locales/nl/main.ftl:4:1: error: Fluent syntax error: Expected an inline expression"],
    );
}

#[test]
fn fluent_reference_to_missing_message() {
    fails(
        |s| s.write("locales/nl/main.ftl", "site-title = Klein { missing-one }\nnot-found = Niet gevonden\nredirect-text = Verhuisd\n"),
        &["locales/nl/main.ftl:1:1: error: reference to missing message `missing-one`"],
    );
}

#[test]
fn fluent_reference_to_missing_term() {
    fails(
        |s| s.write("locales/nl/main.ftl", "site-title = Klein\nnot-found = { -brand } niet gevonden\nredirect-text = Verhuisd\n"),
        &["locales/nl/main.ftl:2:1: error: reference to missing term `-brand`"],
    );
}

#[test]
fn fluent_duplicate_message() {
    fails(
        |s| {
            s.write(
                "locales/nl/main.ftl",
                "site-title = Klein\nnot-found = Niet gevonden\nredirect-text = Verhuisd\nsite-title = Nog eens\n",
            )
        },
        &["locales/nl/main.ftl:4:1: error: message `site-title` is defined twice"],
    );
}

// ---------- site.yaml ----------

#[test]
fn site_yaml_unknown_field() {
    fails(|s| s.overlay(&repo().join("tests/fixtures/bad/site-unknown-field")), &["site.yaml:4:1: error: invalid YAML: unknown field `colour`, expected one of `base_url`, `default_edition`, `theme`, `contact`, `editions`, `readability`, `document`"]);
}

#[test]
fn site_yaml_missing_field() {
    fails(|s| s.edit("site.yaml", "theme: tiny\n", ""), &["site.yaml:1:1: error: invalid YAML: missing field `theme`"]);
}

#[test]
fn site_yaml_invalid_yaml() {
    fails(
        |s| s.edit("site.yaml", "default_edition: en", "default_edition: [en"),
        &["site.yaml:2:18: error: invalid YAML: default_edition: invalid type: sequence, expected a string"],
    );
}

#[test]
fn site_yaml_empty() {
    fails(|s| s.write("site.yaml", ""), &["site.yaml:1:1: error: the site configuration is empty"]);
}

#[test]
fn site_yaml_missing() {
    fails(|s| s.remove("site.yaml"), &["site.yaml: error: cannot read the site configuration: No such file or directory (os error 2)"]);
}

#[test]
fn site_yaml_bad_default_edition() {
    fails(
        |s| s.edit("site.yaml", "default_edition: en", "default_edition: fr"),
        &["site.yaml:2:1: error: default_edition `fr` is not one of the editions"],
    );
}

#[test]
fn site_yaml_relative_base_url() {
    fails(
        |s| s.edit("site.yaml", "base_url: https://example.org/", "base_url: /just/a/path/"),
        &["site.yaml:1:1: error: base_url `/just/a/path/` is not an absolute http(s) URL"],
    );
}

#[test]
fn site_yaml_unknown_fallback() {
    fails(
        |s| s.edit("site.yaml", "fallback: [en]", "fallback: [de]"),
        &["site.yaml:9:5: error: edition `nl` falls back to unknown edition `de`"],
    );
}

#[test]
fn site_yaml_unsafe_edition_prefix() {
    fails(
        |s| s.edit("site.yaml", "prefix: nl", "prefix: \"../nl\""),
        &["site.yaml:9:5: error: edition `nl` has an invalid prefix `../nl`"],
    );
}

// ---------- data ----------

#[test]
fn data_file_wrong_shape() {
    fails(
        |s| s.write("content/en/_data/glossary.yaml", "term: guide\nexplanation: not a list\n"),
        &["content/en/_data/glossary.yaml:1:1: error: invalid YAML: invalid type: map, expected a sequence"],
    );
}

#[test]
fn data_file_invalid_yaml() {
    fails(
        |s| s.write("content/en/_data/glossary.yaml", "- term: guide\n  explanation: \"open\n"),
        &["content/en/_data/glossary.yaml:3:1: error: invalid YAML: found unexpected end of stream"],
    );
}

// ---------- many errors at once ----------

#[test]
fn every_error_reported_at_once() {
    let run = fails(
        |s| s.overlay(&repo().join("tests/fixtures/bad/three-errors")),
        &[
            "content/en/about.md:3:9: error: invalid YAML: weight: invalid type: string \"heavy\", expected i64",
            "content/en/extra.md:5:3: error: link to a page that does not exist: `@/missing-page.md`",
            "locales/en/main.ftl:4:13: error: Fluent syntax error: Expected one of \"a-zA-Z\"",
        ],
    );
    assert!(run.stdout.contains("3 error(s)"), "{}", run.stdout);
}

// ---------- inputs that must work ----------

#[test]
fn utf8_bom() {
    let (s, _) = works(|s| {
        s.write(ABOUT, "\u{feff}---\ntitle: About\n---\n\nAbout.\n");
        s.write("site.yaml", format!("\u{feff}{}", s.read("site.yaml")));
        s.write("locales/nl/main.ftl", format!("\u{feff}{}", s.read("locales/nl/main.ftl")));
    });
    assert_eq!(text_of(&s.output("about/index.html"), "h1").unwrap(), "About");
}

#[test]
fn crlf_line_endings() {
    let (s, _) = works(|s| {
        for f in [ABOUT, "site.yaml", "locales/en/main.ftl", "content/en/_data/glossary.yaml"] {
            s.write(f, s.read(f).replace('\n', "\r\n"));
        }
    });
    let html = s.output("about/index.html");
    assert_eq!(text_of(&html, "h1").unwrap(), "About");
    assert!(!html.contains('\r'));
}

#[test]
fn fifty_megabyte_page() {
    let (s, _) = works(|s| {
        let paragraph = "The quick brown fox jumps over the lazy dog, again and again and again.\n\n";
        let body = paragraph.repeat(50 * 1024 * 1024 / paragraph.len() + 1);
        s.write(ABOUT, page("title: About\n", &body));
    });
    assert!(std::fs::metadata(s.out.join("about/index.html")).unwrap().len() > 40 * 1024 * 1024);
}

#[test]
fn very_long_lines() {
    let (s, _) = works(|s| {
        let line = "word ".repeat(400_000);
        s.write(
            ABOUT,
            page(
                &format!("title: About\ndescription: \"{}\"\n", "d".repeat(100_000)),
                &format!("{line}\n\n|{}|\n|---|\n|x|", "a".repeat(200_000)),
            ),
        );
    });
    assert!(s.output("about/index.html").contains("word word"));
}

#[test]
fn deeply_nested_lists() {
    let (s, run) = works(|s| {
        let mut body = String::new();
        for i in 0..10_000 {
            body.push_str(&"  ".repeat(i));
            body.push_str("- item\n");
        }
        s.write(ABOUT, page("title: About\n", &body));
    });
    assert!(run.stderr.contains("nested more than"), "a warning about the nesting: {}", run.stderr);
    assert!(s.output("about/index.html").contains("<ul>"));
}

#[test]
fn deeply_nested_list_markers_on_one_line() {
    works(|s| s.write(ABOUT, page("title: About\n", &format!("{}item", "- ".repeat(10_000)))));
}

#[test]
fn deeply_nested_block_quotes() {
    let (s, _) = works(|s| s.write(ABOUT, page("title: About\n", &format!("{}deep", "> ".repeat(10_000)))));
    assert!(s.output("about/index.html").contains("<blockquote>"));
}

#[test]
fn deeply_nested_mixed_containers() {
    works(|s| s.write(ABOUT, page("title: About\n", &format!("{}deep", "> - 1. ".repeat(3_400)))));
}

#[test]
fn deeply_nested_emphasis_and_brackets() {
    works(|s| {
        s.write(
            ABOUT,
            page(
                "title: About\n",
                &format!("{}x{}\n\n{}x{}", "*".repeat(10_000), "*".repeat(10_000), "[".repeat(10_000), "]".repeat(10_000)),
            ),
        )
    });
}

#[test]
fn fluent_messages_in_a_cycle() {
    let (s, _) = works(|s| {
        s.write("locales/nl/main.ftl", "site-title = { not-found }\nnot-found = { redirect-text }\nredirect-text = { site-title }\n")
    });
    // The cycle renders as something, without hanging or crashing.
    assert!(s.output("nl/index.html").contains("<title>"));
}

#[cfg(unix)]
#[test]
fn symlink_loop_in_content() {
    let (s, run) = works(|s| {
        std::os::unix::fs::symlink(s.path("content/en/guide"), s.path("content/en/guide/loop")).unwrap();
        std::os::unix::fs::symlink("self", s.path("content/en/self")).unwrap();
    });
    assert!(run.stderr.contains("content/en/guide/loop: warning: symbolic link loop, skipped"), "{}", run.stderr);
    assert!(s.out.join("guide/start/index.html").is_file());
}

#[test]
fn unicode_everywhere() {
    let (s, _) = works(|s| s.write(ABOUT, page("title: \"Über — 日本語 🚀\"\n", "Ünïcödé text: 你好, مرحبا, 🚀.")));
    assert_eq!(text_of(&s.output("about/index.html"), "h1").unwrap(), "Über — 日本語 🚀");
}

// ---------- usage errors ----------

fn usage(args: &[&str]) -> Run {
    let site = TestSite::base();
    let run = plein_in(&site.root, args);
    assert_eq!(run.code, 2, "expected exit 2 for {args:?}:\n{}{}", run.stdout, run.stderr);
    assert!(!site.root.join("public").exists() && !site.root.join("content/public").exists());
    run
}

#[test]
fn usage_output_inside_content() {
    let run = usage(&["build", "--out", "content/public"]);
    assert!(run.stderr.starts_with("error: the output folder ") && run.stderr.contains("is inside content/"), "{}", run.stderr);
}

#[test]
fn usage_output_is_the_site() {
    let run = usage(&["build", "--out", "."]);
    assert!(run.stderr.contains("contains the site itself"), "{}", run.stderr);
}

#[test]
fn usage_output_inside_themes() {
    usage(&["build", "--out", "themes/x"]);
}

#[test]
fn usage_unknown_flag() {
    let run = usage(&["build", "--frobnicate"]);
    assert!(run.stderr.contains("--frobnicate"), "{}", run.stderr);
}

#[test]
fn usage_unknown_command() {
    usage(&["publish"]);
}

#[test]
fn usage_no_command() {
    usage(&[]);
}

#[test]
fn usage_quiet_and_verbose() {
    usage(&["build", "--quiet", "--verbose"]);
}

#[test]
fn usage_flag_without_value() {
    usage(&["build", "--out"]);
}

#[test]
fn usage_check_takes_no_out() {
    usage(&["check", "--out", "x"]);
}

#[test]
fn deeply_nested_raw_html() {
    works(|s| s.write(ABOUT, page("title: About\n", &"<div>".repeat(3_000))));
}

// ---------- precision: diagnostics that are reported, but not where they should be ----------

#[test]
fn tera_syntax_error_names_the_file() {
    fails(
        |s| s.overlay(&repo().join("tests/fixtures/bad/tera-syntax")),
        &["themes/tiny/templates/page.html:3:7: error: template error: Failed to parse …"],
    );
}

#[test]
fn fluent_duplicate_message_points_at_the_duplicate() {
    let run = fails(
        |s| {
            s.write(
                "locales/nl/main.ftl",
                "site-title = Klein\nnot-found = Niet gevonden\nredirect-text = Verhuisd\nsite-title = Nog eens\n",
            )
        },
        &["locales/nl/main.ftl:4:1: error: message `site-title` is defined twice"],
    );
    assert_eq!(run.errors().len(), 1, "{}", run.stderr);
}

#[test]
fn diagnostics_use_site_relative_paths() {
    let run = fails(
        |s| s.write("content/en/other.md", page("title: Other\nkey: about\n", "Other.")),
        &["content/en/other.md:1:1: error: two pages in this edition have the key `about` (the other is content/en/about.md)"],
    );
    let tmp = run.stderr.contains("/tmp/") || run.stderr.contains(std::env::temp_dir().to_str().unwrap());
    assert!(!tmp, "absolute temporary paths in:\n{}", run.stderr);
}

#[test]
fn tera_runtime_error_is_positioned() {
    let run = fails(
        |s| {
            s.write(
                "themes/tiny/templates/broken.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nothing.deeper }}\n{% endblock content %}\n",
            );
            s.write(ABOUT, page("title: About\ntemplate: broken.html\n", "x"));
        },
        &[],
    );
    assert!(
        run.errors().iter().any(|e| e.starts_with("themes/tiny/templates/broken.html:3:") || e.starts_with("content/en/about.md:")),
        "{}",
        run.stderr
    );
}
