//! Problems that used to pass without a word (issue 17): each is now a diagnostic with its
//! position, and a build with an error leaves the previous output as it was.

mod common;
use common::*;

/// Builds the base site, applies `setup`, builds again; returns the second run.
fn rebuild(setup: impl FnOnce(&TestSite)) -> (TestSite, Run) {
    let site = TestSite::base();
    let first = site.build(&[]);
    assert_eq!(first.code, 0, "the base site must build:\n{}", first.stderr);
    setup(&site);
    let run = site.build(&[]);
    (site, run)
}

/// The diagnostic lines (without help and source lines) of a run.
fn lines(run: &Run) -> Vec<&str> {
    run.stderr.lines().filter(|l| l.contains(": error: ") || l.contains(": warning: ")).collect()
}

fn has(run: &Run, prefix: &str) -> bool {
    lines(run).iter().any(|l| l.starts_with(prefix))
}

#[test]
fn broken_generic_data_file_is_an_error_at_its_line() {
    let (site, run) = rebuild(|site| site.write("content/_data/contacts.yaml", "people:\n  - name: Ann\n    phone: [unclosed\n"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(has(&run, "content/_data/contacts.yaml:3:"), "{}", run.stderr);
    assert_eq!(lines(&run).iter().filter(|l| l.starts_with("content/_data/contacts.yaml")).count(), 1, "reported once: {}", run.stderr);
    assert!(site.out.join("index.html").is_file(), "the previous output stays");
}

#[test]
fn failing_commitment_partial_is_an_error_at_the_commitment() {
    let (_, run) = rebuild(|site| {
        site.write("themes/tiny/templates/partials/commitment.html", "{{ progress.nothing.deeper }}");
        site.write("content/en/about.md", "---\ntitle: About\n---\n\nAbout this site.\n\n- {#c-1} We do one thing.\n");
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(has(&run, "content/en/about.md:7:1: error: the theme's commitment partial failed for `c-1`"), "{}", run.stderr);
}

#[test]
fn fluent_formatting_error_is_an_error_at_the_message() {
    let (_, run) = rebuild(|site| {
        site.write("locales/en/main.ftl", "site-title = Tiny site\nnot-found = Not found\nredirect-text = Moved\ngreet = Hello { $who }\n");
        site.edit("themes/tiny/templates/page.html", "<h1>", "<p>{{ t(key=\"greet\") }}</p><h1>");
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(has(&run, "locales/en/main.ftl:4:1: error: message `greet` cannot be formatted: "), "{}", run.stderr);
    assert!(run.stderr.contains("help: the templates give this message no variables"), "{}", run.stderr);
}

#[test]
fn misspelt_variable_in_a_translation_is_a_warning_at_its_line() {
    let (site, run) = rebuild(|site| {
        site.write(
            "locales/en/main.ftl",
            "site-title = Tiny site\nnot-found = Not found\nredirect-text = Moved\nin-language = In { $language }\n",
        );
        site.write(
            "locales/nl/main.ftl",
            "site-title = Klein\nnot-found = Niet gevonden\nredirect-text = Verhuisd\nin-language = In het { $langauge }\n",
        );
    });
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        has(&run, "locales/nl/main.ftl:4:1: warning: message `in-language` uses the variable `$langauge`, which the default edition's message does not have"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: the default edition's message has `$language`; correct the name"), "{}", run.stderr);
    assert!(site.out.join("index.html").is_file());
}

#[test]
fn misspelt_variable_in_a_message_replacing_the_themes_is_one_error_at_its_line() {
    // The site's Dutch file replaces the theme's `fallback-notice` with a misspelt variable, and a
    // Dutch page falls back to English, so the message is also formatted while rendering: the
    // cause is reported once, at the message, not again by the renderer.
    let (site, run) = rebuild(|site| {
        site.write("themes/tiny/locales/nl/theme.ftl", "fallback-notice = Nog niet vertaald ({ $language }).\n");
        site.write("themes/tiny/locales/en/theme.ftl", "fallback-notice = Not translated yet ({ $language }).\n");
        site.edit(
            "themes/tiny/templates/page.html",
            "<h1>",
            "{% if page.fallback %}<p>{{ t(key=\"fallback-notice\", language=page.source_name) }}</p>{% endif %}<h1>",
        );
        site.write(
            "locales/nl/main.ftl",
            "site-title = Klein\nnot-found = Niet gevonden\nredirect-text = Verhuisd\nfallback-notice = Niet vertaald, zie { $langauge }\n",
        );
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        lines(&run),
        ["locales/nl/main.ftl:4:1: error: message `fallback-notice` uses the variable `$langauge`, which the theme does not give it"],
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: the theme gives this message `$language`; correct the name"), "{}", run.stderr);
    assert!(site.out.join("index.html").is_file(), "the previous output stays");
}

#[test]
fn a_placeable_left_open_is_reported_where_the_brace_is_missing() {
    let (_, run) = rebuild(|site| {
        site.write("locales/en/main.ftl", "site-title = Tiny site\nnot-found = Not found { $x\nredirect-text = Moved\n");
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(has(&run, "locales/en/main.ftl:2:27: error: Fluent syntax error: Expected a token starting with \"}\""), "{}", run.stderr);
    assert!(run.stderr.contains("2 | not-found = Not found { $x"), "the line with the open placeable is shown: {}", run.stderr);
}

#[test]
fn same_commitment_id_on_two_pages_is_an_error_naming_both() {
    let (_, run) = rebuild(|site| {
        site.write("content/en/about.md", "---\ntitle: About\n---\n\nAbout.\n\n- {#c-1} One thing.\n");
        site.write("content/en/guide/start.md", "---\ntitle: Start\n---\n\nStart.\n\n- {#c-2} Other.\n- {#c-1} The same id.\n");
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(has(&run, "content/en/guide/start.md:8:1: error: commitment id `c-1` is also used at content/en/about.md:7"), "{}", run.stderr);
}

#[test]
fn missing_local_image_and_file_are_errors_at_the_markdown() {
    let (_, run) = rebuild(|site| {
        site.write("content/en/about.md", "---\ntitle: About\n---\n\nSee the ![map](img/map.png) and\nthe [plan](plan.pdf).\n");
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(has(&run, "content/en/about.md:5:9: error: there is no file `img/map.png` beside this page"), "{}", run.stderr);
    assert!(has(&run, "content/en/about.md:6:5: error: there is no file `plan.pdf` beside this page"), "{}", run.stderr);
    // With the files, the same page builds and links them.
    let (site, run) = rebuild(|site| {
        site.write("content/en/about.md", "---\ntitle: About\n---\n\nSee the ![map](img/map.png) and\nthe [plan](plan.pdf).\n");
        site.write("content/en/img/map.png", b"\x89PNG\r\n\x1a\n");
        site.write("content/en/plan.pdf", b"%PDF-1.4\n");
    });
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.output("about/index.html");
    assert!(html.contains("src=\"/img/map.png\"") && html.contains("href=\"/plan.pdf\""), "{html}");
}

#[test]
fn warnings_of_a_reused_page_are_reported_again() {
    let site = TestSite::base();
    // Quotes nested too deep: a warning that only rendering the page finds.
    site.write("content/en/about.md", format!("---\ntitle: About\n---\n\n{}deep\n", "> ".repeat(40)));
    let first = site.build(&[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let warning = "content/en/about.md:5:";
    assert!(lines(&first).iter().any(|l| l.starts_with(warning) && l.contains("nested more than")), "{}", first.stderr);
    let second = site.build(&[]);
    assert!(
        lines(&second).iter().any(|l| l.starts_with(warning) && l.contains("nested more than")),
        "a rebuild must report what a clean build reports:\n{}",
        second.stderr
    );
}

/// Issue 17's first finding: a translation's stale notice depends on its original's text, so
/// changing the original must reach the translation on a normal rebuild, also when the
/// original keeps its size and modification time.
#[test]
fn stale_notice_appears_after_a_normal_rebuild() {
    let site = TestSite::example();
    let marked = plein_in(
        site.tmp.path(),
        &["status", "--root", site.root.to_str().unwrap(), "--mark-current", site.path("content/fr/hours.md").to_str().unwrap()],
    );
    assert_eq!(marked.code, 0, "{}", marked.stderr);
    let first = site.build(&[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let notice = "Le texte original de cette page a changé";
    assert!(!site.output("fr/horaires/index.html").contains(notice), "marked as current: no notice");
    let original = site.path("content/en/hours.md");
    let text = site.read("content/en/hours.md");
    let modified = std::fs::metadata(&original).unwrap().modified().unwrap();
    // One letter of the first sentence changed: same size; then the old modification time.
    let at = text.find("open six").expect("a word to change");
    site.write("content/en/hours.md", format!("{}OPEN{}", &text[..at], &text[at + 4..]));
    std::fs::File::options().write(true).open(&original).unwrap().set_modified(modified).unwrap();
    let second = site.build(&[]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(site.output("hours/index.html").contains("OPEN"), "the same-size edit reached the original's page");
    assert!(site.output("fr/horaires/index.html").contains(notice), "the translation shows the stale notice after a rebuild");
}
