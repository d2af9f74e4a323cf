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

/// Like [`fails`], and the run has exactly this one error, with this help line.
fn fails_once(setup: impl FnOnce(&TestSite), error: &str, help: &str) -> Run {
    let run = fails(setup, &[error]);
    assert_eq!(run.errors(), vec![error], "exactly one error expected:\n{}", run.stderr);
    assert_eq!(help_of(&run, error), Some(help), "help line of\n  {error}\nin:\n{}", run.stderr);
    run
}

/// The help line printed for the diagnostic that starts with `first_line` (after its source
/// line and caret).
fn help_of<'a>(run: &'a Run, first_line: &str) -> Option<&'a str> {
    let mut lines = run.stderr.lines().skip_while(|l| *l != first_line).skip(1);
    lines
        .find(|l| l.starts_with("  help: ") || l.contains(": error: ") || l.contains(": warning: "))
        .and_then(|l| l.strip_prefix("  help: "))
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
    fails_once(
        |s| s.write(ABOUT, "---\ntitle: About\n  weight: 1\n---\nx\n"),
        "content/en/about.md:3:9: error: `weight` is indented by 2 spaces, more than the field above it",
        "start `weight:` in the same column as the field above it, or put the value above in quotes",
    );
}

#[test]
fn yaml_tab_indentation() {
    fails_once(
        |s| s.write(ABOUT, "---\ntitle: About\naliases:\n\t- /old/\n---\nx\n"),
        "content/en/about.md:4:1: error: this line is indented with a tab, which YAML does not allow",
        "replace the tab at the start of the line by spaces (two per level)",
    );
}

#[test]
fn yaml_unterminated_quote() {
    fails_once(
        |s| s.write(ABOUT, "---\ntitle: \"About\nweight: 1\n---\nx\n"),
        "content/en/about.md:2:8: error: the quote that starts here is not closed",
        "add the closing quote at the end of the value",
    );
}

#[test]
fn yaml_duplicate_key() {
    fails_once(
        |s| s.write(ABOUT, "---\ntitle: About\ntitle: Again\n---\nx\n"),
        "content/en/about.md:3:1: error: `title` is given a second time",
        "keep one `title:` line and remove the other",
    );
}

#[test]
fn yaml_string_weight() {
    fails_once(
        |s| s.write(ABOUT, "---\ntitle: About\nweight: heavy\n---\nx\n"),
        "content/en/about.md:3:9: error: the value of `weight` must be a whole number",
        "write a number such as `10`, without quotes",
    );
}

#[test]
fn yaml_unknown_front_matter_field() {
    fails_once(
        |s| s.write(ABOUT, "---\ntitle: About\ncolour: red\n---\nx\n"),
        "content/en/about.md:3:1: error: unknown field `colour`",
        "remove the field or correct its spelling; the fields here are `title`, `description`, `weight`, `key`, `slug`, `draft`, `aliases`, `source_hash`, `template`, `review`, `site_text`, `checked_differences`, `extra`",
    );
}

#[test]
fn missing_title() {
    fails_once(
        |s| s.write(ABOUT, "---\nweight: 1\n---\nx\n"),
        "content/en/about.md:2:1: error: the field `title` is missing",
        "add a line `title: …` here; see docs/content-format.md",
    );
}

#[test]
fn empty_title() {
    fails_once(
        |s| s.write(ABOUT, "---\ntitle: \"  \"\n---\nx\n"),
        "content/en/about.md:2:8: error: the page has an empty title",
        "write the page's title after `title: `",
    );
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
        &["content/en/about.md:3:7: error: invalid slug `..`: `.` and `..` are not allowed"],
    );
}

#[test]
fn slug_with_slash() {
    fails(
        |s| s.write(ABOUT, page("title: About\nslug: a/../../b\n", "x")),
        &["content/en/about.md:3:7: error: invalid slug `a/../../b`: it contains a slash"],
    );
}

#[test]
fn slug_with_nul() {
    fails(
        |s| s.write(ABOUT, page("title: About\nslug: \"a\\0b\"\n", "x")),
        &["content/en/about.md:3:7: error: invalid slug `a\\0b`: it contains a NUL character"],
    );
}

#[test]
fn slug_reserved_name() {
    fails(
        |s| s.write(ABOUT, page("title: About\nslug: assets\n", "x")),
        &["content/en/about.md:3:7: error: invalid slug `assets`: `assets` is a reserved name"],
    );
}

#[test]
fn slug_windows_reserved_name() {
    fails(
        |s| s.write(ABOUT, page("title: About\nslug: CON\n", "x")),
        &["content/en/about.md:3:7: error: invalid slug `CON`: `CON` is a reserved name"],
    );
}

#[test]
fn key_with_dotdot() {
    fails(
        |s| s.write(ABOUT, page("title: About\nkey: ../../etc/passwd\n", "x")),
        &["content/en/about.md:3:6: error: invalid key `../../etc/passwd`: `.` and `..` are not allowed"],
    );
}

#[test]
fn key_with_leading_slash() {
    fails(
        |s| s.write(ABOUT, page("title: About\nkey: /about\n", "x")),
        &["content/en/about.md:3:6: error: invalid key `/about`: it starts or ends with a slash"],
    );
}

#[test]
fn key_with_nul() {
    fails(
        |s| s.write(ABOUT, page("title: About\nkey: \"ab\\0\"\n", "x")),
        &["content/en/about.md:3:6: error: invalid key `ab\\0`: it contains a NUL character"],
    );
}

#[test]
fn key_reserved_name() {
    fails(
        |s| s.write(ABOUT, page("title: About\nkey: _data\n", "x")),
        &["content/en/about.md:3:6: error: invalid key `_data`: `_data` is a reserved name"],
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
        &["content/en/about.md:3:11: error: invalid alias `/../../outside/`: it contains an empty, `.` or `..` segment"],
    );
}

#[test]
fn alias_replacing_home() {
    fails(
        |s| s.write(ABOUT, page("title: About\naliases: [\"/\"]\n", "x")),
        &["content/en/about.md:3:11: error: invalid alias `/`: it would replace the home page"],
    );
}

#[test]
fn output_path_whose_parent_is_a_file() {
    // A file `about` published as it is would take the name of the folder the page about.md needs;
    // it is refused for its type first, and then not planned, so no second error follows.
    fails(
        |s| s.write("content/en/about", "plain file"),
        &["content/en/about: error: a file without an extension cannot be published from content/: only passive file types are"],
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
    fails_once(
        |s| s.write(ABOUT, page("title: About\ntemplate: nope.html\n", "x")),
        "content/en/about.md:3:11: error: template `nope.html` does not exist in the theme",
        "did you mean `page.html`? Or add themes/tiny/templates/nope.html to the theme",
    );
}

#[test]
fn tera_syntax_error() {
    fails(
        |s| s.overlay(&repo().join("tests/fixtures/bad/tera-syntax")),
        &["themes/tiny/templates/page.html:3:7: error: template error: Found `%}` but expected one of: …"],
    );
}

#[test]
fn tera_runtime_error() {
    fails(
        |s| {
            s.write("themes/tiny/templates/broken.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nothing.deeper }}\n{% endblock content %}\n");
            s.write(ABOUT, page("title: About\ntemplate: broken.html\n", "x"));
        },
        // Tera 2 gives the span: the error is at the template's line, naming the page (and its
        // fallback in the other edition, which has the same source file).
        &["themes/tiny/templates/broken.html:3:9: error: rendering content/en/about.md with `broken.html` failed (and on 1 other page: /nl/about/): Field `nothing` is not defined. …"],
    );
}

/// A mistake in a template fails every page rendered with it: one error at the template's line,
/// naming the first page and counting the others, not one error per page.
#[test]
fn a_template_that_fails_on_many_pages_is_one_error() {
    let run = fails(
        |s| {
            s.write("themes/tiny/templates/broken.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nothing.deeper }}\n{% endblock content %}\n");
            s.write(ABOUT, page("title: About\ntemplate: broken.html\n", "x"));
            s.write("content/en/more.md", page("title: More\ntemplate: broken.html\n", "y"));
            s.write("content/en/most.md", page("title: Most\ntemplate: broken.html\n", "z"));
        },
        // Three pages and their fallbacks in the other edition: the first four URLs are named.
        &["themes/tiny/templates/broken.html:3:9: error: rendering content/en/about.md with `broken.html` failed (and on 5 other pages: /nl/about/, /more/, /nl/more/, …): Field `nothing` is not defined. …"],
    );
    assert_eq!(run.errors().len(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("help: fix this line of themes/tiny/templates/broken.html: it fails on 6 pages"), "{}", run.stderr);
}

#[test]
fn unknown_filter_and_function_are_errors_when_the_theme_loads() {
    // Tera 2 refuses them when the templates are loaded, each at its use, even in a template no
    // page renders (Tera 1 failed only when a page rendered it).
    let run = fails(
        |s| {
            s.write("themes/tiny/templates/unused.html", "<p>\n  {{ page.title | upperr }}</p>\n<p>{{ nope(x=1) }}</p>\n");
        },
        &[
            "themes/tiny/templates/unused.html:2:19: error: template error: Unknown filter `upperr`",
            "themes/tiny/templates/unused.html:3:7: error: template error: Unknown function `nope`",
        ],
    );
    assert_eq!(run.errors().len(), 2, "{}", run.stderr);
}

#[test]
fn include_cycle_is_one_error_at_the_include() {
    let run = fails(
        |s| {
            s.write("themes/tiny/templates/partials/a.html", "<p>a</p>\n{% include \"partials/b.html\" %}\n");
            s.write("themes/tiny/templates/partials/b.html", "{% if x %}{% include \"partials/a.html\" %}{% endif %}\n");
        },
        &["themes/tiny/templates/partials/a.html:2:4: error: the theme's templates form a cycle: partials/a.html → partials/b.html → partials/a.html"],
    );
    assert_eq!(run.errors().len(), 1, "{}", run.stderr);
}

#[test]
fn menu_template_runtime_error() {
    fails(
        |s| s.write("themes/tiny/templates/partials/menu.html", "<nav>{{ nav.nothing.deeper }}</nav>\n"),
        &["themes/tiny/templates/partials/menu.html:1:13: error: template error: Field `nothing` is not defined."],
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
        &["site.yaml:3:8: error: theme `nothere` is not a folder under themes/"],
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
    fails_once(
        |s| s.overlay(&repo().join("tests/fixtures/bad/site-unknown-field")),
        "site.yaml:4:1: error: unknown field `colour`",
        "remove the field or correct its spelling; the fields here are `base_url`, `default_edition`, `theme`, `contact`, `editions`, `readability`, `document`, `branding`, `minify_html`",
    );
}

#[test]
fn site_yaml_missing_field() {
    fails_once(
        |s| s.edit("site.yaml", "default_edition: en\n", ""),
        "site.yaml:3:1: error: the field `default_edition` is missing",
        "add a line `default_edition: …` here; see docs/content-format.md",
    );
}

#[test]
fn site_yaml_invalid_yaml() {
    fails_once(
        |s| s.edit("site.yaml", "default_edition: en", "default_edition: [en"),
        "site.yaml:2:18: error: the value of `default_edition` must be a single value, found a list in `[ ]`",
        "put the value in quotes: `default_edition: \"[en\"`",
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
    fails_once(
        |s| s.edit("site.yaml", "default_edition: en", "default_edition: fr"),
        "site.yaml:2:18: error: default_edition `fr` is not one of the editions",
        "use one of the editions: `en`, `nl`",
    );
}

#[test]
fn site_yaml_relative_base_url() {
    fails_once(
        |s| s.edit("site.yaml", "base_url: https://example.org/", "base_url: /just/a/path/"),
        "site.yaml:1:11: error: base_url `/just/a/path/` is not an absolute http(s) URL",
        "write it like https://example.org/ or https://example.org/sub/path/",
    );
}

#[test]
fn site_yaml_unknown_fallback() {
    fails_once(
        |s| s.edit("site.yaml", "fallback: [en]", "fallback: [de]"),
        "site.yaml:13:16: error: edition `nl` falls back to unknown edition `de`",
        "use one of the editions: `en`",
    );
}

#[test]
fn site_yaml_unsafe_edition_prefix() {
    fails_once(
        |s| s.edit("site.yaml", "prefix: nl", "prefix: \"../nl\""),
        "site.yaml:10:13: error: edition `nl` has an invalid prefix `../nl`",
        "use \"\" for the root or a simple folder name like `en`",
    );
}

// ---------- data ----------

#[test]
fn data_file_wrong_shape() {
    fails_once(
        |s| s.write("content/en/_data/glossary.yaml", "term: guide\nexplanation: not a list\n"),
        "content/en/_data/glossary.yaml:1:1: error: expected a list here (lines starting with `- `)",
        "start every entry of the list with `- `, indented under the line above",
    );
}

#[test]
fn data_file_invalid_yaml() {
    fails_once(
        |s| s.write("content/en/_data/glossary.yaml", "- term: guide\n  explanation: \"open\n"),
        "content/en/_data/glossary.yaml:2:16: error: the quote that starts here is not closed",
        "add the closing quote at the end of the value",
    );
}

// ---------- many errors at once ----------

#[test]
fn every_error_reported_at_once() {
    let run = fails(
        |s| s.overlay(&repo().join("tests/fixtures/bad/three-errors")),
        &[
            "content/en/about.md:3:9: error: the value of `weight` must be a whole number",
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
    // A cycle would be published as raw `{…}` text on every page: an error at each message.
    fails(
        |s| s.write("locales/nl/main.ftl", "site-title = { not-found }\nnot-found = { redirect-text }\nredirect-text = { site-title }\n"),
        &[
            "locales/nl/main.ftl:1:1: error: message `site-title` refers back to itself and cannot be shown",
            "locales/nl/main.ftl:2:1: error: message `not-found` refers back to itself and cannot be shown",
            "locales/nl/main.ftl:3:1: error: message `redirect-text` refers back to itself and cannot be shown",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_in_content() {
    // A loop would make the walk endless or silently drop pages: an error at each link.
    fails(
        |s| {
            std::os::unix::fs::symlink(s.path("content/en/guide"), s.path("content/en/guide/loop")).unwrap();
            std::os::unix::fs::symlink("self", s.path("content/en/self")).unwrap();
        },
        &[
            "content/en/guide/loop: error: this symbolic link points at a folder that contains it (a loop)",
            "content/en/self: error: this symbolic link points at nothing that can be read (Too many levels of symbolic links (os error 40))",
        ],
    );
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
    assert!(
        run.stderr.starts_with("content/public: error: the output folder ") && run.stderr.contains("is inside the site's sources"),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_output_is_the_site() {
    let run = usage(&["build", "--out", "."]);
    assert!(
        run.stderr.contains("error: the output folder") && run.stderr.contains("is the site's folder or contains it"),
        "{}",
        run.stderr
    );
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
        &["themes/tiny/templates/page.html:3:7: error: template error: Found `%}` but expected one of: …"],
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

// ---------- the mistakes of an editor in a hurry: one error each, in the editor's words ----------

/// A page file with this front matter and a line of text.
fn front(yaml: &str) -> String {
    page(yaml, "Some text.")
}

#[test]
fn unquoted_colon_in_title() {
    fails_once(
        |s| s.write(ABOUT, front("title: About: the site\n")),
        "content/en/about.md:2:13: error: the value of `title` contains `: `, which YAML reads as the start of another field",
        "put the value in quotes: `title: \"About: the site\"`",
    );
}

#[test]
fn title_starting_with_hash() {
    fails_once(
        |s| s.write(ABOUT, front("title: #1 guide\n")),
        "content/en/about.md:2:6: error: the value of `title` is empty: YAML reads everything after ` #` as a comment",
        "put the value in quotes: `title: \"#1 guide\"`",
    );
}

#[test]
fn title_starting_with_star() {
    fails_once(
        |s| s.write(ABOUT, front("title: *New* guide\n")),
        "content/en/about.md:2:8: error: the value of `title` starts with `*`, which YAML reads as a reference to an anchor",
        "put the value in quotes: `title: \"*New* guide\"`",
    );
}

#[test]
fn title_starting_with_at() {
    fails_once(
        |s| s.write(ABOUT, front("title: @home\n")),
        "content/en/about.md:2:8: error: the value of `title` may not start with `@` in YAML",
        "put the value in quotes: `title: \"@home\"`",
    );
}

#[test]
fn title_starting_with_percent() {
    fails_once(
        |s| s.write(ABOUT, front("title: %50 off\n")),
        "content/en/about.md:2:8: error: the value of `title` may not start with `%` in YAML",
        "put the value in quotes: `title: \"%50 off\"`",
    );
}

#[test]
fn title_starting_with_backtick() {
    fails_once(
        |s| s.write(ABOUT, front("title: `code` rules\n")),
        "content/en/about.md:2:8: error: the value of `title` may not start with a backtick in YAML",
        "put the value in quotes: `title: \"`code` rules\"`",
    );
}

#[test]
fn quote_inside_a_title_with_quotes() {
    fails_once(
        |s| s.write(ABOUT, front("title: \"The \"new\" plan\"\n")),
        "content/en/about.md:2:14: error: the value of `title` has text after its closing quote",
        "put the value in single quotes, so the double quotes inside stay: `title: 'The \"new\" plan'`",
    );
}

#[test]
fn misspelled_field_gets_a_suggestion() {
    fails_once(
        |s| s.write(ABOUT, front("title: About\nweigth: 1\n")),
        "content/en/about.md:3:1: error: unknown field `weigth`",
        "did you mean `weight`? The fields here are `title`, `description`, `weight`, `key`, `slug`, `draft`, `aliases`, `source_hash`, `template`, `review`, `site_text`, `checked_differences`, `extra`",
    );
}

#[test]
fn capitalised_field() {
    fails_once(
        |s| s.write(ABOUT, front("Title: About\n")),
        "content/en/about.md:2:1: error: unknown field `Title`",
        "did you mean `title`? The fields here are `title`, `description`, `weight`, `key`, `slug`, `draft`, `aliases`, `source_hash`, `template`, `review`, `site_text`, `checked_differences`, `extra`",
    );
}

#[test]
fn apostrophe_in_single_quotes() {
    fails_once(
        |s| s.write(ABOUT, front("title: 'Editor's guide'\n")),
        "content/en/about.md:2:16: error: the value of `title` has text after its closing quote",
        "inside single quotes write an apostrophe twice (`'it''s'`), or put the whole value in double quotes",
    );
}

#[test]
fn no_space_after_the_colon() {
    fails_once(
        |s| s.write(ABOUT, front("title:About\n")),
        "content/en/about.md:2:1: error: `title:About` needs a space after the colon",
        "write `title: About`",
    );
}

#[test]
fn alias_that_is_not_a_list() {
    fails_once(
        |s| s.write(ABOUT, front("title: About\naliases: /old/\n")),
        "content/en/about.md:3:10: error: `aliases` must be a list",
        "write it as a list: `aliases: [/old/]`, or one `- ` line per entry under `aliases:`",
    );
}

#[test]
fn unclosed_bracket() {
    fails_once(
        |s| s.write(ABOUT, front("title: About\naliases: [/old/\n")),
        "content/en/about.md:3:10: error: the `[` that starts here is not closed",
        "add `]` at the end of the value",
    );
}

#[test]
fn description_continued_without_indentation() {
    fails_once(
        |s| s.write(ABOUT, front("title: About\ndescription: A long text\nthat continues here\n")),
        "content/en/about.md:4:1: error: this line continues the text above, but YAML reads it as a new field",
        "indent the continuation by two spaces, or put the whole value in quotes on one line",
    );
}

#[test]
fn empty_front_matter() {
    fails_once(
        |s| s.write(ABOUT, "---\n---\n\nText.\n"),
        "content/en/about.md:2:1: error: the front matter is empty",
        "add the page's title between the two `---` lines: `title: …`",
    );
}

#[test]
fn title_without_value() {
    fails_once(
        |s| s.write(ABOUT, front("title:\nweight: 2\n")),
        "content/en/about.md:2:6: error: `title` has no value",
        "write the text after `title: `, or remove the line",
    );
}

#[test]
fn template_without_extension() {
    fails_once(
        |s| s.write(ABOUT, front("title: About\ntemplate: page\n")),
        "content/en/about.md:3:11: error: template `page` does not exist in the theme",
        "did you mean `page.html`? Or add themes/tiny/templates/page to the theme",
    );
}

#[test]
fn misspelled_page_link() {
    fails_once(
        |s| s.write(ABOUT, page("title: About\n", "See [the start](@/gide/start.md).")),
        "content/en/about.md:5:5: error: link to a page that does not exist: `@/gide/start.md`",
        "did you mean `@/guide/start.md`?",
    );
}

#[test]
fn page_link_help_uses_the_sites_own_pages() {
    fails_once(
        |s| s.write(ABOUT, page("title: About\n", "See [x](@/nothing-like-it.md).")),
        "content/en/about.md:5:5: error: link to a page that does not exist: `@/nothing-like-it.md`",
        "link to a page by its path in the edition folder, like `@/about.md`",
    );
}

#[test]
fn misspelled_shortcode() {
    fails_once(
        |s| {
            s.write("themes/tiny/templates/shortcodes/figure.html", "<figure>{{ args.src }}</figure>");
            s.write(ABOUT, page("title: About\n", "{{ figur(src=\"a.png\") }}"));
        },
        "content/en/about.md:5:1: error: unknown shortcode `figur` (the theme has no shortcodes/figur.html)",
        "did you mean `figure`? The theme's shortcodes are `figure`",
    );
}

#[test]
fn misspelled_finance_table() {
    fails_once(
        |s| {
            s.write("themes/tiny/templates/shortcodes/finance.html", "<table>{{ table.id }}</table>");
            s.write(
                "content/_data/finance.yaml",
                "tables:\n  - id: begroting\n    columns: [a]\n    rows:\n      - {id: r, values: [1]}\n",
            );
            s.write("content/en/_data/finance.yaml", "unit: million\ntables:\n  begroting: {caption: Budget}\n");
            s.write(ABOUT, page("title: About\n", "{{ finance(table=\"begrooting\") }}"));
        },
        "content/en/about.md:5:1: error: no finance table `begrooting` in content/_data/finance.yaml",
        "did you mean `table=\"begroting\"`? The tables are `begroting`",
    );
}

#[test]
fn misspelled_message_key_in_a_template() {
    fails_once(
        |s| {
            s.write(
                "themes/tiny/templates/page.html",
                "{% extends \"base.html\" %}\n{% block content %}<h1>{{ t(key=\"site-titel\") }}</h1>{% endblock content %}\n",
            )
        },
        "themes/tiny/templates/page.html:2:27: error: message `site-titel` is not defined in any edition",
        "did you mean `site-title`? Or add `site-titel = …` to locales/en/main.ftl, and its translation to locales/nl/main.ftl",
    );
}

#[test]
fn translation_key_typo() {
    fails_once(
        |s| s.write("content/nl/over.md", page("title: Over\nkey: abuot\n", "Over.")),
        "content/nl/over.md:3:6: error: `key: abuot` refers to no page of the original edition `en`",
        "did you mean `key: about`? Use the key (path without .md) of the original page, or remove `key:`",
    );
}

#[test]
fn glossary_field_typo() {
    fails_once(
        |s| s.write("content/en/_data/glossary.yaml", "- term: guide\n  explenation: a page that helps\n"),
        "content/en/_data/glossary.yaml:2:3: error: unknown field `explenation`",
        "did you mean `explanation`? The fields here are `term`, `also`, `expansion`, `explanation`",
    );
}

#[test]
fn site_yaml_wrong_indentation() {
    fails_once(
        |s| s.edit("site.yaml", "    prefix: nl", "     prefix: nl"),
        "site.yaml:10:12: error: `prefix` is indented by 5 spaces, more than the field above it",
        "start `prefix:` in the same column as the field above it, or put the value above in quotes",
    );
}

#[test]
fn site_yaml_list_where_fields_belong() {
    fails_once(
        |s| s.write("site.yaml", format!("{}contact:\n  - organisation: Town\n", s.read("site.yaml"))),
        "site.yaml:15:3: error: expected fields (`name: value` lines) here, found a list (lines starting with `- `)",
        "write the fields one per line, indented under the line above, without `- `",
    );
}

#[test]
fn site_yaml_default_edition_in_capitals() {
    fails_once(
        |s| s.edit("site.yaml", "default_edition: en", "default_edition: EN"),
        "site.yaml:2:18: error: default_edition `EN` is not one of the editions",
        "did you mean `en`? The editions are `en`, `nl`",
    );
}

#[test]
fn site_yaml_fallback_typo() {
    fails_once(
        |s| s.edit("site.yaml", "fallback: [en]", "fallback: [En]"),
        "site.yaml:13:16: error: edition `nl` falls back to unknown edition `En`",
        "did you mean `en`? The editions are `en`",
    );
}

#[test]
fn site_yaml_edition_without_name_counts_like_people() {
    // No `editions[1]`: the parser's position says which edition.
    let run = fails_once(
        |s| s.edit("site.yaml", "    name: Nederlands\n", ""),
        "site.yaml:12:5: error: the field `name` is missing",
        "add a line `name: …` here; see docs/content-format.md",
    );
    assert!(!run.stderr.contains("[1]"), "{}", run.stderr);
}

#[test]
fn duplicate_key_points_at_the_second() {
    fails_once(
        |s| s.write(ABOUT, front("title: About\nweight: 1\ntitle: Again\n")),
        "content/en/about.md:4:1: error: `title` is given a second time",
        "keep one `title:` line and remove the other",
    );
}

#[test]
fn source_line_and_caret_are_shown() {
    let run = fails_once(
        |s| s.write(ABOUT, front("title: Financiën: een gezonde begroting\n")),
        "content/en/about.md:2:17: error: the value of `title` contains `: `, which YAML reads as the start of another field",
        "put the value in quotes: `title: \"Financiën: een gezonde begroting\"`",
    );
    assert!(run.stderr.contains("  |\n2 | title: Financiën: een gezonde begroting\n  |                 ^\n  help: "), "{}", run.stderr);
}

// ---------- root cause first: consequences folded into the error that causes them ----------

#[test]
fn links_and_translations_of_a_broken_page_are_folded_into_its_error() {
    let run = fails_once(
        |s| {
            s.write("content/en/guide/start.md", front("title: Getting started: the basics\n"));
            s.write(ABOUT, page("title: About\n", "See [start](@/guide/start.md) and [again](@/guide/start.md#x)."));
            s.write("content/nl/guide/start.md", page("title: Beginnen\nsource_hash: abc\n", "Begin."));
        },
        "content/en/guide/start.md:2:23: error: the value of `title` contains `: `, which YAML reads as the start of another field",
        "put the value in quotes: `title: \"Getting started: the basics\"`",
    );
    assert!(
        run.stderr.contains("  note: … and 2 links to it, 1 translation of it (content/en/about.md:5:5, content/en/about.md:5:35, content/nl/guide/start.md:3:14), which work again once this is fixed"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_misspelled_field_does_not_cascade_either() {
    let run = fails_once(
        |s| {
            s.write("content/en/guide/start.md", front("title: Start\nwieght: 2\n"));
            s.write(ABOUT, page("title: About\n", "See [start](@/guide/start.md)."));
        },
        "content/en/guide/start.md:3:1: error: unknown field `wieght`",
        "did you mean `weight`? The fields here are `title`, `description`, `weight`, `key`, `slug`, `draft`, `aliases`, `source_hash`, `template`, `review`, `site_text`, `checked_differences`, `extra`",
    );
    assert!(run.stderr.contains("note: … and 1 link to it (content/en/about.md:5:5)"), "{}", run.stderr);
}

#[test]
fn a_link_to_a_missing_page_is_still_an_error_of_its_own() {
    // Without a page that failed to load there is no cause to fold into.
    let run = fails(|s| s.write(ABOUT, page("title: About\n", "See [x](@/gone.md).")), &[]);
    assert_eq!(run.errors(), vec!["content/en/about.md:5:5: error: link to a page that does not exist: `@/gone.md`"]);
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
}

#[test]
fn misspelled_anchor_in_check() {
    let site = TestSite::base();
    site.write(ABOUT, page("title: About\n", "## Our team\n\nSee [team](#our-teem)."));
    let run = plein_in(&site.root, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let error = "content/en/about.md:7:5: error: broken anchor: `/about/` has no element with id `our-teem`";
    assert_eq!(run.errors(), vec![error], "{}", run.stderr);
    assert_eq!(help_of(&run, error), Some("did you mean `#our-team`?"));
}

// ---------- theme messages and pages, from Tera's parsed templates ----------

/// The warning lines of stderr.
fn warnings(run: &Run) -> Vec<&str> {
    run.stderr.lines().filter(|l| l.contains(": warning: ")).collect()
}

/// `page.html` of the tiny theme with `content` in its content block, on line 2.
fn page_template(content: &str) -> String {
    format!("{{% extends \"base.html\" %}}\n{{% block content %}}{content}{{% endblock content %}}\n")
}

#[test]
fn message_key_with_spaces_and_single_quotes() {
    fails_once(
        |s| s.write("themes/tiny/templates/page.html", page_template("<h1>{{ t( key = 'no-such-message' ) }}</h1>")),
        "themes/tiny/templates/page.html:2:27: error: message `no-such-message` is not defined in any edition",
        "add `no-such-message = …` to locales/en/main.ftl, and its translation to locales/nl/main.ftl",
    );
}

#[test]
fn message_key_in_a_component() {
    // The call is in a component of another file (Tera 2 has components, not macros); the error
    // is where the component is written.
    fails_once(
        |s| {
            s.write(
                "themes/tiny/templates/components.html",
                "{% component heading(text) %}\n<h1>{{ text }}</h1>\n<p>{{ t(count=2, key=\"component-note\") }}</p>\n{% endcomponent heading %}\n",
            );
            s.write(
                "themes/tiny/templates/page.html",
                "{% extends \"base.html\" %}\n{% block content %}{{ <heading text={page.title} /> }}{% endblock content %}\n",
            );
        },
        "themes/tiny/templates/components.html:3:7: error: message `component-note` is not defined in any edition",
        "add `component-note = …` to locales/en/main.ftl, and its translation to locales/nl/main.ftl",
    );
}

#[test]
fn message_in_a_template_no_page_uses_is_not_the_editors() {
    let unused = "{% extends \"base.html\" %}\n{% block content %}{{ t(key=\"only-in-unused\") }}{% endblock content %}\n";
    // Nor a component that no rendered template calls.
    let components =
        "{% component used() %}x{% endcomponent used %}\n{% component unused() %}{{ t(key=\"only-in-a-component\") }}{% endcomponent unused %}\n";
    let (site, run) = works(|s| {
        s.write("themes/tiny/templates/unused.html", unused);
        s.write("themes/tiny/templates/components.html", components);
        s.write(
            "themes/tiny/templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}{{ <used /> }}{% endblock content %}\n",
        );
    });
    assert!(!run.stderr.contains("only-in"), "{}", run.stderr);
    // `plein check` tells the theme's author, as a warning.
    let check = site.check();
    assert_eq!(check.code, 0, "{}", check.stderr);
    let expected = [
        "themes/tiny/templates/components.html:2:28: warning: message `only-in-a-component` is not defined, but no page of this site is rendered with this template",
        "themes/tiny/templates/unused.html:2:23: warning: message `only-in-unused` is not defined, but no page of this site is rendered with this template",
    ];
    let found: Vec<&str> = warnings(&check).into_iter().filter(|w| w.contains("only-in")).collect();
    assert_eq!(found, expected, "{}", check.stderr);
    assert_eq!(
        help_of(&check, expected[1]),
        Some("for the theme's author: add `only-in-unused = …` to locales/en/main.ftl, and its translation to locales/nl/main.ftl")
    );
}

#[test]
fn missing_message_used_by_two_editions_is_one_error() {
    // base.html renders every page of both editions: still one error, naming both files.
    let run = fails_once(
        |s| s.edit("themes/tiny/templates/base.html", "<body>", "<body><p>{{ t(key=\"skip-link\") }}</p>"),
        "themes/tiny/templates/base.html:4:13: error: message `skip-link` is not defined in any edition",
        "add `skip-link = …` to locales/en/main.ftl, and its translation to locales/nl/main.ftl",
    );
    assert!(!run.stderr.contains("locales/en: error"), "{}", run.stderr);
    // Defined in English only: Dutch shows it from its fallback, a warning naming the Dutch file.
    let (_, run) = works(|s| {
        s.edit("themes/tiny/templates/base.html", "<body>", "<body><p>{{ t(key=\"skip-link\") }}</p>");
        s.edit("locales/en/main.ftl", "site-title = Tiny site", "site-title = Tiny site\nskip-link = Skip");
    });
    let warning = "themes/tiny/templates/base.html:4:13: warning: message `skip-link` is missing in edition `nl`; using `en`";
    assert_eq!(warnings(&run).into_iter().filter(|w| w.contains("skip-link")).collect::<Vec<_>>(), [warning], "{}", run.stderr);
    assert_eq!(help_of(&run, warning), Some("translate it in locales/nl/main.ftl"));
}

#[test]
fn message_key_built_while_rendering_is_reported_once() {
    let run = fails_once(
        |s| s.write("themes/tiny/templates/page.html", page_template("<h1>{{ t(key=\"gone-\" ~ edition.dir) }}</h1>")),
        "locales/en/main.ftl: error: message `gone-ltr` is used by a template but not defined in edition `en`, `nl` (a key built by a template: themes/tiny/templates/page.html:2:27)",
        "add `gone-ltr = …` to locales/en/main.ftl, and its translation to locales/nl/main.ftl",
    );
    assert_eq!(run.errors().len(), 1);
}

#[test]
fn theme_link_to_a_missing_page_names_the_file_to_create() {
    // Every page of both editions renders base.html: one error, at the file to create. Dutch
    // falls back to English, so one file serves both.
    fails_once(
        |s| s.edit("themes/tiny/templates/base.html", "<body>", "<body><a href=\"{{ url(key='zoeken') }}\">search</a>"),
        "content/en/zoeken.md: error: the theme links to the page with key `zoeken`, which this site does not have",
        "create content/en/zoeken.md, with a `title:` and `key: zoeken` in its front matter; the theme's templates link to this page",
    );
}

#[test]
fn theme_link_built_while_rendering_is_reported_once() {
    // A key in a variable is known only while rendering: reported after it, once, not per page.
    fails_once(
        |s| {
            s.edit(
                "themes/tiny/templates/base.html",
                "<body>",
                "<body>{% set search = 'zoeken' %}<a href=\"{{ url(key=search) }}\">search</a>",
            )
        },
        "content/en/zoeken.md: error: the theme links to the page with key `zoeken`, which this site does not have",
        "create content/en/zoeken.md, with a `title:` and `key: zoeken` in its front matter; the theme's templates link to this page; or, if the key comes from a page's front matter or a data file, correct it there",
    );
}

#[test]
fn theme_link_to_a_page_the_default_edition_lacks() {
    // Only the Dutch edition has the page: English, the default, has no fallback to look in.
    fails_once(
        |s| {
            s.write("content/nl/zoeken.md", page("title: Zoeken\n", "Zoek."));
            s.edit("themes/tiny/templates/base.html", "<body>", "<body><a href=\"{{ url(key='zoeken') }}\">search</a>");
        },
        "content/en/zoeken.md: error: the theme links to the page with key `zoeken`, which edition `en` does not have",
        "create content/en/zoeken.md, with a `title:` and `key: zoeken` in its front matter; the theme's templates link to this page",
    );
}

#[test]
fn theme_link_to_a_key_that_is_no_path_names_no_file() {
    // A key built while rendering may come from content: no file is suggested outside the edition.
    fails_once(
        |s| s.edit("themes/tiny/templates/base.html", "<body>", "<body>{% set k = '../../etc/x' %}<a href=\"{{ url(key=k) }}\">x</a>"),
        "content/en: error: the theme links to the page with key `../../etc/x`, which this site does not have",
        "the key is not a page's path: correct it where it is written (the theme, or the data it comes from)",
    );
}

#[test]
fn slug_in_a_section_index_is_a_warning_not_ignored() {
    let (_site, run) = works(|s| {
        let text = std::fs::read_to_string(s.root.join("content/en/guide/_index.md")).unwrap();
        s.write("content/en/guide/_index.md", text.replacen("---\n", "---\nslug: handbook\n", 1));
    });
    assert_eq!(
        warnings(&run),
        vec!["content/en/guide/_index.md:2:7: warning: `slug` has no effect in a section's `_index.md`: its URL is its folder's name"],
        "{}",
        run.stderr
    );
}
