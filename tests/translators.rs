//! Translators' workflow on a copy of the Almere site: a right-to-left edition added without
//! code, `plein status` (table, JSON, --strict), stale translations by content hash, and the
//! errors translators can make.

mod common;

use common::{alternates, html_lang_dir, plein_in, repo, strip_tags, tags, text_of, unescape, Run};
use serde_json::Value;
use std::path::{Path, PathBuf};

struct Site {
    tmp: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

impl Site {
    fn almere() -> Site {
        let common::TestSite { tmp, root, out } = common::TestSite::almere();
        Site { tmp, root, out }
    }
    fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }
    fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--root", self.root.to_str().unwrap()]);
        plein_in(self.tmp.path(), &all)
    }
    fn build(&self) -> Run {
        let run = self.run(&["build", "--no-compress", "--out", self.out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }
    fn page(&self, path: &str) -> String {
        std::fs::read_to_string(self.out.join(path).join("index.html")).unwrap_or_else(|e| panic!("no page {path}: {e}"))
    }
    fn status_json(&self) -> Value {
        let run = self.run(&["status", "--format", "json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str(&run.stdout).unwrap()
    }
}

fn edition<'a>(status: &'a Value, code: &str) -> &'a Value {
    status["editions"].as_array().unwrap().iter().find(|e| e["code"] == code).unwrap_or_else(|| panic!("no edition {code} in {status}"))
}

fn page_status<'a>(edition: &'a Value, key: &str) -> &'a Value {
    edition["pages"].as_array().unwrap().iter().find(|p| p["key"] == key).unwrap_or_else(|| panic!("no page {key}"))
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

/// The value of a message in a site's Fluent file, else in the built-in theme's strings for the
/// same language (the site overrides those per message); single-line messages only.
fn message(path: &Path, id: &str) -> String {
    let language = path.parent().and_then(|p| p.file_name()).unwrap().to_string_lossy().to_string();
    let theme = repo().join("themes/default/locales").join(language).join("theme.ftl");
    let find = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        text.lines().find_map(|l| l.strip_prefix(&format!("{id} = ")).map(str::to_string))
    };
    find(path).or_else(|| find(&theme)).unwrap_or_else(|| panic!("{id} not in {} nor in the theme", path.display()))
}

fn add_arabic(site: &Site) {
    // The edition, its locale and home page: tests/fixtures/rtl, shared with the browser audit.
    let fixture = repo().join("tests/fixtures/rtl");
    let config = site.read("site.yaml");
    let edition = std::fs::read_to_string(fixture.join("edition.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}{edition}"));
    for rel in ["locales/ar/main.ftl", "content/ar/_index.md"] {
        site.write(rel, &std::fs::read_to_string(fixture.join(rel)).unwrap());
    }
    let wonen = site.read("content/nl/opgaven/wonen.md");
    site.write("content/ar/opgaven/wonen.md", &wonen.replacen("title: 'Opgave 1: Een woning voor iedereen'", "title: السكن", 1));
    // leefomgeving: commitment 10 missing, 1 and 2 swapped, one extra.
    let leef = site.read("content/nl/bestaande-stad/leefomgeving.md");
    let body = leef.split("## Dit gaan we doen").nth(1).unwrap();
    let items: Vec<&str> = body.lines().filter(|l| l.starts_with("- {#")).collect();
    let mut list = vec![items[1], items[0]];
    list.extend(&items[2..9]);
    list.push("- {#leefomgeving-99} extra;");
    site.write(
        "content/ar/bestaande-stad/leefomgeving.md",
        &format!("---\ntitle: البيئة\nweight: 1\n---\n\n## ما سنفعله\n\n{}\n", list.join("\n")),
    );
}

#[test]
fn the_plain_version_link_only_leads_to_a_plain_page() {
    let site = Site::almere();
    std::fs::remove_file(site.root.join("content/eenvoudig/opgaven/jeugd.md")).unwrap();
    site.build();
    let link = message(&site.root.join("locales/nl/main.ftl"), "plain-version-link");
    let plain_links = |html: &str| tags(html).into_iter().filter(|t| t.name == "p" && t.attr("class") == Some("plain-link")).count();
    assert_eq!(plain_links(&site.page("opgaven/wonen")), 1, "a page with a plain version links to it");
    assert!(unescape(&strip_tags(&site.page("opgaven/wonen"))).contains(&link));
    assert_eq!(plain_links(&site.page("opgaven/jeugd")), 0, "no link to a plain page that only falls back to this one");
}

#[test]
fn a_right_to_left_edition_needs_no_code() {
    let site = Site::almere();
    add_arabic(&site);
    site.build();

    let home = site.page("ar");
    assert_eq!(html_lang_dir(&home), ("ar".to_string(), "rtl".to_string()), "lang and dir of the new edition");
    assert_eq!(text_of(&home, "title").as_deref(), Some("اتفاق ألمير 2026-2030"), "UI strings of the edition");

    // An untranslated page falls back (to English, the first edition of the chain that has it)
    // with a notice in the reader's language, and its text is marked with the original's language.
    let jeugd = site.page("ar/opgaven/jeugd");
    assert_eq!(html_lang_dir(&jeugd), ("ar".to_string(), "rtl".to_string()));
    assert!(strip_tags(&jeugd).contains("هذه الصفحة غير مترجمة"), "fallback notice from the ar locale");
    let article = tags(&jeugd).into_iter().find(|t| t.name == "article").unwrap();
    assert_eq!((article.attr("lang"), article.attr("dir")), (Some("en"), Some("ltr")), "fallback text marked as English");

    // A UI string missing in ar comes from en (the chain), not from the default edition.
    let text = unescape(&strip_tags(&jeugd));
    let search_label = message(&site.root.join("locales/en/main.ftl"), "search-label");
    assert!(text.contains(&search_label), "search label falls back to English: {search_label}");
    // … isolated (U+2068 … U+2069, as <bdi> does), so the right-to-left text around it does not
    // reorder it.
    assert!(text.contains(&format!("\u{2068}{search_label}\u{2069}")), "the English fallback string is isolated");
    assert!(!text.contains("\u{2068}اتفاق"), "strings of the edition itself are not isolated");
    assert!(!text.contains(&message(&site.root.join("locales/nl/main.ftl"), "search-label")));

    // Plural rules are CLDR's for Arabic: 10 is "few", 33 is "many".
    assert!(site.page("ar/opgaven/wonen").contains("MANY 33"));
    assert!(site.page("ar/bestaande-stad/leefomgeving").contains("FEW 10"), "10 commitments on the ar leefomgeving page");

    // The edition is in every switcher and in the sitemap.
    for page in ["", "en/opgaven/wonen", "eenvoudig/beleidsthemas/sport", "ar/inleiding"] {
        let html = site.page(page);
        assert!(
            tags(&html).iter().any(|t| t.name == "a" && t.attr("hreflang") == Some("ar") && t.attr("lang") == Some("ar")),
            "switcher on /{page} links to ar"
        );
    }
    let ar_alternate = ("ar".to_string(), "https://akkoord.almere.nl/ar/opgaven/wonen/".to_string());
    assert!(alternates(&site.page("opgaven/wonen")).contains(&ar_alternate), "hreflang to the real ar page");
    assert!(!alternates(&site.page("opgaven/jeugd")).iter().any(|(lang, _)| lang == "ar"), "no hreflang to a fallback page");
    let sitemap = std::fs::read_to_string(site.out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://akkoord.almere.nl/ar/opgaven/wonen/</loc>"));
    assert!(!sitemap.contains("<loc>https://akkoord.almere.nl/ar/opgaven/jeugd/</loc>"), "fallback pages are not in the sitemap");
}

#[test]
fn the_layout_mirrors_with_logical_properties() {
    let css = std::fs::read_to_string(repo().join("themes/default/static/css/style.css")).unwrap();
    let physical = [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "border-left",
        "border-right",
        "text-align: left",
        "text-align: right",
        "float: left",
        "float: right",
        " left:",
        " right:",
        "{left:",
        "{right:",
        ";left:",
        ";right:",
    ];
    let found: Vec<&str> = physical.iter().copied().filter(|p| css.contains(p)).collect();
    assert!(found.is_empty(), "physical direction properties break right-to-left editions: {found:?}");
}

#[test]
fn status_reports_pages_messages_and_commitments() {
    let site = Site::almere();
    add_arabic(&site);
    let status = site.status_json();
    let ar = edition(&status, "ar");
    assert_eq!(page_status(ar, "opgaven/wonen")["status"], "stale");
    assert_eq!(strings(&page_status(ar, "opgaven/wonen")["changed"]), vec!["no source_hash recorded"]);
    assert_eq!(page_status(ar, "opgaven/jeugd")["status"], "fallback");
    assert_eq!(page_status(ar, "opgaven/jeugd")["path"], "content/nl/opgaven/jeugd.md".replace("nl", "en"));
    let missing = strings(&ar["keys"]["missing"]);
    assert!(missing.contains(&"search-label".to_string()) && !missing.contains(&"site-title".to_string()));
    assert_eq!(strings(&ar["keys"]["unused"]), vec!["only-in-ar"]);
    assert_eq!(strings(&ar["keys"]["mismatched"]), vec!["fallback-notice"], "the ar notice lacks $language");
    assert_eq!(strings(&ar["commitments"]["missing"]), vec!["leefomgeving-10"]);
    assert_eq!(strings(&ar["commitments"]["extra"]), vec!["leefomgeving-99"]);
    assert_eq!(strings(&ar["commitments"]["out_of_order"]), vec!["leefomgeving-2", "leefomgeving-1"]);
    // The bundled editions are complete.
    for code in ["en", "eenvoudig"] {
        let e = edition(&status, code);
        assert!(e["pages"].as_array().unwrap().iter().all(|p| p["status"] == "translated"), "{code}: {e}");
        assert!(strings(&e["keys"]["missing"]).is_empty());
    }
    let table = site.run(&["status"]);
    assert!(table.stdout.contains("Edition ar (العربية): 35 pages"), "{}", table.stdout);
    assert!(table.stdout.contains("  missing commitments: leefomgeving-10"));
    assert_eq!(site.run(&["status", "--strict"]).code, 1, "--strict fails on gaps");
}

#[test]
fn strict_status_passes_on_the_bundled_site() {
    let site = Site::almere();
    let run = site.run(&["status", "--strict"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
}

#[test]
fn stale_translations_are_found_by_content_hash() {
    let site = Site::almere();
    let nl = "content/nl/opgaven/wonen.md";
    // Re-wrapping lines is not a change.
    let text = site.read(nl);
    site.write(
        nl,
        &text.replacen("Almeerders zijn trots op hun stad, wijk of buurt. ", "Almeerders zijn trots op hun stad, wijk of buurt.\n", 1),
    );
    let status = site.status_json();
    assert_eq!(page_status(edition(&status, "en"), "opgaven/wonen")["status"], "translated");

    // Changing one commitment makes the translations stale, naming the commitment and section.
    site.write(
        nl,
        &text.replacen("we verdichten rond de OV-knooppunten in Almere;", "we verdichten rond alle OV-knooppunten in Almere;", 1),
    );
    let status = site.status_json();
    for code in ["en", "eenvoudig"] {
        let page = page_status(edition(&status, code), "opgaven/wonen");
        assert_eq!(page["status"], "stale", "{code}");
        assert_eq!(strings(&page["changed"]), vec!["c:wonen-3", "s:woningbouw-en-programmering"], "{code}");
    }
    assert_eq!(page_status(edition(&status, "en"), "opgaven/jeugd")["status"], "translated", "other pages stay current");

    // Readers of the stale page see a notice in their language.
    site.build();
    let notice = message(&site.root.join("locales/en/main.ftl"), "stale-notice");
    assert!(site.page("en/opgaven/wonen").contains(&notice));
    assert!(!site.page("en/opgaven/jeugd").contains(&notice));

    // After updating the translation, --mark-current records the new version.
    let path = site.root.join("content/en/opgaven/wonen.md");
    let run = site.run(&["status", "--mark-current", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(page_status(edition(&site.status_json(), "en"), "opgaven/wonen")["status"], "translated");
}

#[test]
fn translator_mistakes_are_positioned_errors() {
    let site = Site::almere();
    site.write("content/en/extra.md", "---\ntitle: Extra\nkey: nothing-here\n---\n\nText.\n");
    site.write("content/eenvoudig/alleen.md", "---\ntitle: Alleen\nsource_hash: \"v1 title=00000000\"\n---\n\nTekst.\n");
    site.write("content/en/broken.md", "---\ntitle: Broken\n---\n\nSee [this](@/opgaven/wonen.md#wonen-999).\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    let errors = run.errors();
    let expect = [
        "content/en/extra.md:3:6: error: `key: nothing-here` refers to no page of the original edition `nl`",
        "content/eenvoudig/alleen.md:3:14: error: `source_hash` is set, but the original edition `nl` has no page `alleen`",
        "content/en/broken.md:5:5: error: broken anchor: `/en/opgaven/wonen/` has no element with id `wonen-999`",
    ];
    for e in expect {
        assert!(errors.contains(&e), "expected {e}\namong:\n{}", errors.join("\n"));
    }
}
