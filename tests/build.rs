//! Builds examples/minimal with the real binary and compares structured extracts of the output
//! with expected values.

mod common;
use common::*;

const B: &str = "https://library.example.org/";

fn built() -> TestSite {
    let site = TestSite::example();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    assert!(run.diagnostic_lines().is_empty(), "the example builds without warnings:\n{}", run.stderr);
    site
}

#[test]
fn output_files() {
    let site = built();
    // Of each search bundle only its entry script is listed here (tests/search.rs looks inside).
    let in_bundle = |f: &String| f.contains("pagefind/") && !f.ends_with("pagefind/pagefind.js");
    let files: Vec<String> = file_list(&site.out).iter().filter(|f| !in_bundle(f)).map(|f| unhash(f)).collect();
    assert_eq!(
        files,
        [
            ".plein-output",
            "404.html",
            "_headers",
            "assets/css/style.HASH.css",
            "assets/favicon.HASH.svg",
            "assets/js/plein.HASH.js",
            "assets/js/search.HASH.js",
            "feed.xml",
            "fr/404.html",
            "fr/feed.xml",
            "fr/heures/index.html",
            "fr/horaires/index.html",
            "fr/index.html",
            "fr/pagefind/pagefind.js",
            "fr/recherche/index.html",
            "fr/services/index.html",
            "fr/services/lending/index.html",
            "fr/services/reading-room/index.html",
            "hours/index.html",
            "index.html",
            "manifest.json",
            "opening-times/index.html",
            "pagefind/pagefind.js",
            "robots.txt",
            "search/index.html",
            "services/index.html",
            "services/lending/index.html",
            "services/reading-room/index.html",
            "sitemap.xml",
        ]
    );
}

#[test]
fn compressed_siblings_when_compressing() {
    let site = TestSite::example();
    let (root, out) = (site.root.to_str().unwrap().to_string(), site.out.to_str().unwrap().to_string());
    let run = plein_in(site.tmp.path(), &["build", "--root", &root, "--out", &out, "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "--quiet prints nothing on success");
    let files = file_list(&site.out);
    for f in ["index.html.br", "index.html.gz", "sitemap.xml.br", "fr/horaires/index.html.gz"] {
        assert!(files.contains(&f.to_string()), "missing {f}");
    }
}

/// The facts of a page compared in these tests.
#[derive(Debug, PartialEq)]
struct Facts {
    title: String,
    lang_dir: (String, String),
    canonical: Option<String>,
    alternates: Vec<(String, String)>,
    h1: String,
    nav: Vec<(String, String)>,
    editions: Vec<(String, String)>,
}

fn facts(html: &str) -> Facts {
    Facts {
        title: text_of(html, "title").unwrap(),
        lang_dir: html_lang_dir(html),
        canonical: canonical(html),
        alternates: alternates(html),
        h1: text_of(html, "h1").unwrap(),
        nav: links(element(html, "nav", "main-nav").expect("main nav")),
        editions: links(element(html, "nav", "editions").expect("edition switcher")),
    }
}

fn s(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

/// The main navigation outside the services section: sections without their pages.
fn en_nav() -> Vec<(String, String)> {
    vec![s("/hours/", "Opening hours"), s("/services/", "Services")]
}

/// The pages of the services section, as its pages list them below the text.
fn en_services() -> Vec<(String, String)> {
    vec![s("/services/lending/", "Lending"), s("/services/reading-room/", "Reading room")]
}

fn fr_nav() -> Vec<(String, String)> {
    vec![s("/fr/horaires/", "Horaires d’ouverture"), s("/fr/services/", "Services")]
}

fn fr_services() -> Vec<(String, String)> {
    vec![s("/fr/services/lending/", "Prêt"), s("/fr/services/reading-room/", "Reading room")]
}

/// The links of a page's section navigation, and which one is marked as the page itself.
fn section_nav(html: &str) -> (Vec<(String, String)>, Vec<String>) {
    let Some(nav) = element(html, "nav", "section-nav") else { return (Vec::new(), Vec::new()) };
    let current =
        tags(nav).into_iter().filter(|t| t.attr("aria-current") == Some("page")).filter_map(|t| t.attr("href").map(String::from)).collect();
    (links(nav), current)
}

#[test]
fn home_pages() {
    let site = built();
    assert_eq!(
        facts(&site.output("index.html")),
        Facts {
            title: "Riverside Public Library".into(),
            lang_dir: s("en", "ltr"),
            canonical: Some(B.into()),
            alternates: vec![s("en", B), s("fr", &format!("{B}fr/")), s("x-default", B)],
            h1: "Riverside Public Library".into(),
            nav: en_nav(),
            editions: vec![s("/", "English"), s("/fr/", "Français")],
        }
    );
    assert_eq!(
        facts(&site.output("fr/index.html")),
        Facts {
            title: "Bibliothèque publique de Riverside".into(),
            lang_dir: s("fr", "ltr"),
            canonical: Some(format!("{B}fr/")),
            alternates: vec![s("en", B), s("fr", &format!("{B}fr/")), s("x-default", B)],
            h1: "Bibliothèque publique de Riverside".into(),
            nav: fr_nav(),
            editions: vec![s("/", "English"), s("/fr/", "Français")],
        }
    );
}

#[test]
fn translated_page_with_slug() {
    let site = built();
    let alts = vec![s("en", &format!("{B}hours/")), s("fr", &format!("{B}fr/horaires/")), s("x-default", &format!("{B}hours/"))];
    assert_eq!(
        facts(&site.output("hours/index.html")),
        Facts {
            title: "Opening hours – Riverside Public Library".into(),
            lang_dir: s("en", "ltr"),
            canonical: Some(format!("{B}hours/")),
            alternates: alts.clone(),
            h1: "Opening hours".into(),
            nav: en_nav(),
            editions: vec![s("/hours/", "English"), s("/fr/horaires/", "Français")],
        }
    );
    let fr = site.output("fr/horaires/index.html");
    assert_eq!(
        facts(&fr),
        Facts {
            title: "Horaires d’ouverture – Bibliothèque publique de Riverside".into(),
            lang_dir: s("fr", "ltr"),
            canonical: Some(format!("{B}fr/horaires/")),
            alternates: alts,
            h1: "Horaires d’ouverture".into(),
            nav: fr_nav(),
            editions: vec![s("/hours/", "English"), s("/fr/horaires/", "Français")],
        }
    );
    // Internal search form goes to the French search page.
    let form = tags(&fr).into_iter().find(|t| t.name == "form").unwrap();
    assert_eq!(form.attr("action"), Some("/fr/recherche/"));
}

#[test]
fn fallback_page_is_marked_and_not_in_the_sitemap() {
    let site = built();
    let html = site.output("fr/services/reading-room/index.html");
    let f = facts(&html);
    assert_eq!(f.lang_dir, s("fr", "ltr"));
    assert_eq!(f.h1, "Reading room");
    let article = tags(&html).into_iter().find(|t| t.name == "article").unwrap();
    assert_eq!(article.attr("lang"), Some("en"), "the English text is marked as English");
    let notice = element(&html, "p", "notice").expect("fallback notice");
    assert_eq!(strip_tags(notice), "Cette page n’est pas encore traduite. Voici le texte en English.");
    assert!(!site.output("sitemap.xml").contains("fr/services/reading-room/"));
}

#[test]
fn aliases_redirect() {
    let site = built();
    for (alias, target_path, lang) in [("opening-times/index.html", "/hours/", "en"), ("fr/heures/index.html", "/fr/horaires/", "fr")] {
        let html = site.output(alias);
        let t = tags(&html);
        let refresh = t.iter().find(|t| t.name == "meta" && t.attr("http-equiv") == Some("refresh")).expect("meta refresh");
        assert_eq!(refresh.attr("content"), Some(format!("0; url={target_path}").as_str()), "{alias}");
        assert_eq!(canonical(&html), Some(format!("https://library.example.org{target_path}")), "{alias}");
        assert_eq!(links(&html).into_iter().map(|l| l.0).collect::<Vec<_>>(), vec![target_path.to_string()]);
        let robots = t.iter().find(|t| t.name == "meta" && t.attr("name") == Some("robots")).expect("noindex");
        assert_eq!(robots.attr("content"), Some("noindex"));
        assert_eq!(html_lang_dir(&html).0, lang, "{alias}");
    }
}

#[test]
fn sitemap_and_robots() {
    let site = built();
    let sitemap = site.output("sitemap.xml");
    let urls: Vec<&str> = sitemap.lines().filter(|l| l.starts_with("<url>")).collect();
    let locs: Vec<String> = urls.iter().map(|u| u["<url><loc>".len()..u.find("</loc>").unwrap()].to_string()).collect();
    assert_eq!(
        locs,
        [
            "",
            "hours/",
            "services/",
            "services/lending/",
            "services/reading-room/",
            "search/",
            "fr/",
            "fr/horaires/",
            "fr/services/",
            "fr/services/lending/",
            "fr/recherche/"
        ]
        .map(|p| format!("{B}{p}"))
    );
    let hours = urls.iter().find(|u| u.contains("<loc>https://library.example.org/hours/</loc>")).unwrap();
    let alts: Vec<(String, String)> = tags(hours)
        .into_iter()
        .filter(|t| t.name == "xhtml:link")
        .map(|t| (t.attr("hreflang").unwrap().into(), t.attr("href").unwrap().into()))
        .collect();
    assert_eq!(alts, vec![s("en", &format!("{B}hours/")), s("fr", &format!("{B}fr/horaires/")), s("x-default", &format!("{B}hours/"))]);
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    // Every translated URL has an x-default.
    assert!(urls.iter().all(|u| u.contains("hreflang=\"x-default\"")));
    assert_eq!(site.output("robots.txt"), format!("User-agent: *\nAllow: /\n\nSitemap: {B}sitemap.xml\n"));
}

#[test]
fn not_found_page_per_edition() {
    let site = built();
    let en = site.output("404.html");
    assert_eq!(html_lang_dir(&en), s("en", "ltr"));
    assert_eq!(text_of(&en, "h1").unwrap(), "Page not found");
    assert_eq!(text_of(&en, "title").unwrap(), "Page not found – Riverside Public Library");
    let fr = site.output("fr/404.html");
    assert_eq!(html_lang_dir(&fr), s("fr", "ltr"));
    assert_eq!(text_of(&fr, "h1").unwrap(), "Page introuvable");
    let home_link = links(&fr).into_iter().find(|(_, t)| t == "Aller à la page d’accueil").unwrap();
    assert_eq!(home_link.0, "/fr/");
}

/// Every `href`/`src`/`action` that is a root-relative link.
fn internal_links(html: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .flat_map(|t| t.attrs.into_iter().filter(|(n, _)| ["href", "src", "action"].contains(&n.as_str())).map(|(_, v)| v))
        .filter(|v| v.starts_with('/'))
        .collect()
}

#[test]
fn base_url_under_a_sub_path() {
    let site = TestSite::example();
    let run = site.build(&["--base-url", "https://example.org/akkoord/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut checked = 0;
    for file in file_list(&site.out).into_iter().filter(|f| f.ends_with(".html")) {
        let html = site.output(&file);
        for link in internal_links(&html) {
            assert!(link.starts_with("/akkoord/"), "{file}: internal link {link} does not start with /akkoord/");
            checked += 1;
        }
        for t in tags(&html) {
            for (n, v) in &t.attrs {
                if n == "href" || n == "src" || n == "action" {
                    assert!(!v.starts_with("https://library.example.org"), "{file}: {v} still uses site.yaml's base_url");
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} internal links found");
    let html = site.output("fr/horaires/index.html");
    assert_eq!(canonical(&html).as_deref(), Some("https://example.org/akkoord/fr/horaires/"));
    assert_eq!(links(element(&html, "nav", "main-nav").unwrap())[0], s("/akkoord/fr/horaires/", "Horaires d’ouverture"));
    let redirect = site.output("opening-times/index.html");
    let refresh = tags(&redirect).into_iter().find(|t| t.attr("http-equiv") == Some("refresh")).unwrap();
    assert_eq!(refresh.attr("content"), Some("0; url=/akkoord/hours/"));
    assert!(site.output("sitemap.xml").contains("<loc>https://example.org/akkoord/fr/horaires/</loc>"));
    assert_eq!(site.output("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/akkoord/sitemap.xml\n");
    assert!(site.output("_headers").starts_with("/akkoord/*\n"));
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = built();
    let before = snapshot(&site.out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write("content/en/hours.md", "---\ntitle: [unclosed\n---\nx\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("the previous output was left untouched"), "{}", run.stdout);
    assert_eq!(snapshot(&site.out), before, "the output changed after a failed build");
    let leftovers: Vec<String> = std::fs::read_dir(site.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("staging") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

#[test]
fn builds_are_reproducible() {
    let site = TestSite::example();
    let (root, out) = (site.root.to_str().unwrap().to_string(), site.out.to_str().unwrap().to_string());
    let run = plein_in(site.tmp.path(), &["build", "--root", &root, "--out", &out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = snapshot(&site.out);
    // A second build from a fresh copy elsewhere, with a cold compression cache.
    let other = TestSite::example();
    let out2 = other.out.to_str().unwrap().to_string();
    let run = plein_in(other.tmp.path(), &["build", "--root", other.root.to_str().unwrap(), "--out", &out2]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let second = snapshot(&other.out);
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (name, bytes) in &first {
        assert!(bytes == &second[name], "{name} differs between two builds");
    }
    // And again in place (warm cache).
    let run = plein_in(site.tmp.path(), &["build", "--root", &root, "--out", &out]);
    assert_eq!(run.code, 0);
    assert!(snapshot(&site.out) == first, "rebuilding in place changed the output");
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::example();
    let before = snapshot(site.tmp.path());
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.lines().any(|l| l.starts_with("Checked: pages en 6, fr 5 (+1 fallback); 0 error(s)")), "{}", run.stdout);
    assert_eq!(snapshot(site.tmp.path()).keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>(), "check created or removed files");
    assert!(!site.root.join("public").exists());
    assert!(!site.out.exists());
}

#[test]
fn check_reports_errors_without_writing() {
    let site = TestSite::example();
    site.edit("content/en/hours.md", "Ask at the desk", "See [nothing](@/nope.md). Ask at the desk");
    let before = snapshot(site.tmp.path());
    let run = site.check();
    assert_eq!(run.code, 1);
    assert_eq!(run.errors(), vec!["content/en/hours.md:16:5: error: link to a page that does not exist: `@/nope.md`"]);
    assert_eq!(snapshot(site.tmp.path()).keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>());
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let site = TestSite::example();
    site.write("content/en/draft.md", "---\ntitle: Secret plan\ndraft: true\n---\nNot yet.\n");
    assert_eq!(site.build(&[]).code, 0);
    assert!(!site.out.join("draft/index.html").exists());
    assert_eq!(site.build(&["--drafts"]).code, 0);
    assert_eq!(text_of(&site.output("draft/index.html"), "h1").unwrap(), "Secret plan");
}

#[test]
fn verbose_prints_stages() {
    let site = TestSite::example();
    let run = site.build(&["--verbose"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("Built: pages en 6, fr 5 (+1 fallback); 0 error(s)"), "{}", run.stdout);
    for stage in ["load", "templates", "render", "extras", "write"] {
        assert!(run.stdout.lines().any(|l| l.trim_start().starts_with(stage)), "no {stage} timing in:\n{}", run.stdout);
    }
}

#[test]
fn default_output_is_public_in_the_site() {
    let site = TestSite::example();
    let run = plein_in(&site.root, &["build", "--no-compress", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.root.join("public/index.html").is_file());
}

#[test]
fn navigation_lists_the_pages_of_the_current_section() {
    let site = built();
    // The main menu lists the top-level items only, the same on every page of a section (it is
    // rendered once per section); the section's item is marked as the page on the section's page.
    for page in ["services/lending/index.html", "services/index.html", "hours/index.html"] {
        assert_eq!(facts(&site.output(page)).nav, en_nav(), "{page}");
    }
    let current_in_menu = |page: &str| {
        let html = site.output(page);
        let menu = element(&html, "nav", "main-nav").unwrap().to_string();
        tags(&menu)
            .into_iter()
            .filter(|t| t.attr("aria-current") == Some("page"))
            .filter_map(|t| t.attr("href").map(String::from))
            .collect::<Vec<_>>()
    };
    assert_eq!(current_in_menu("services/index.html"), ["/services/"]);
    assert!(current_in_menu("services/lending/index.html").is_empty());
    assert_eq!(current_in_menu("hours/index.html"), ["/hours/"]);
    assert_eq!(facts(&site.output("fr/horaires/index.html")).nav, fr_nav());
    // A section's pages list the section's pages, with the page itself marked.
    assert_eq!(section_nav(&site.output("services/lending/index.html")), (en_services(), vec!["/services/lending/".to_string()]));
    assert_eq!(
        section_nav(&site.output("fr/services/reading-room/index.html")),
        (fr_services(), vec!["/fr/services/reading-room/".to_string()])
    );
    // The section's own page lists them in its text already; pages outside sections have none.
    assert_eq!(section_nav(&site.output("services/index.html")).0, Vec::<(String, String)>::new());
    assert_eq!(section_nav(&site.output("hours/index.html")).0, Vec::<(String, String)>::new());
}

/// Templates are trimmed once and, with `minify_html: true`, the markdown's HTML goes through
/// minify-html, so the pages must come out as small as minifying each whole page would make
/// them, give or take the quotes templates keep around inserted values.
#[test]
fn pages_are_minified_with_minify_html() {
    let site = TestSite::example();
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    std::fs::write(site.path("site.yaml"), format!("minify_html: true\n{yaml}")).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    let out = site.out.clone();
    let (mut ours, mut whole) = (0usize, 0usize);
    for file in walkdir(&out).into_iter().filter(|f| f.extension().is_some_and(|e| e == "html")) {
        let html = std::fs::read(&file).unwrap();
        let minified = minify_html::minify(&html, &cfg);
        let saved = 1.0 - minified.len() as f64 / html.len() as f64;
        eprintln!("{}: {} bytes, minify-html saves {:.1} %", file.strip_prefix(&out).unwrap().display(), html.len(), saved * 100.0);
        assert!(saved < 0.04, "{} is not minified: minify-html makes it {saved:.3} smaller", file.display());
        assert!(!String::from_utf8_lossy(&html).contains("\n\n"), "{} keeps blank lines", file.display());
        ours += html.len();
        whole += minified.len();
    }
    eprintln!("all pages: {ours} bytes; minified as whole pages: {whole} bytes");
    assert!(whole as f64 / ours as f64 > 0.97, "pages are {ours} bytes, {whole} when minified whole");
    // Without the option (the default) the markdown's HTML is as pulldown-cmark writes it: a
    // line break after each block; with it, none.
    let page = "services/lending/index.html";
    let default = built();
    let (minified, as_rendered) = (site.output(page), default.output(page));
    assert!(as_rendered.contains("</p>\n"), "{as_rendered}");
    assert!(!minified.contains("</p>\n"), "{minified}");
    assert!(minified.len() < as_rendered.len());
}

/// A second build of the same output renders only the pages whose inputs changed and keeps
/// every file whose bytes did not change as it is (kept in the output, never moved: same
/// inode), and gives exactly what a clean build of the same input gives.
#[test]
fn rebuild_reuses_what_did_not_change() {
    use std::os::unix::fs::MetadataExt;
    let site = built();
    let inode = |rel: &str| std::fs::metadata(site.out.join(rel)).unwrap().ino();
    let unchanged = ["services/lending/index.html", "fr/horaires/index.html", "sitemap.xml", "404.html"];
    let before: Vec<u64> = unchanged.iter().map(|r| inode(r)).collect();
    let hours_before = inode("hours/index.html");
    site.write("content/en/hours.md", site.read("content/en/hours.md") + "\nA sentence added for the rebuild test.\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(unchanged.iter().map(|r| inode(r)).collect::<Vec<_>>(), before, "unchanged files were written again");
    assert_ne!(inode("hours/index.html"), hours_before, "the changed page was not rendered again");
    assert!(site.output("hours/index.html").contains("A sentence added for the rebuild test."));

    // A template change (here: the site overriding one of the theme's) renders every page again.
    let pager = std::fs::read_to_string(repo().join("themes/default/templates/partials/pager.html")).unwrap();
    site.write("templates/partials/pager.html", pager.replace("<nav", "<nav data-rebuilt=\"yes\""));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.output("services/lending/index.html").contains("data-rebuilt"), "a template change must reach every page");

    // A page whose output file was changed by hand is rendered again, not trusted.
    std::fs::write(site.out.join("fr/horaires/index.html"), "tampered").unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_ne!(site.output("fr/horaires/index.html"), "tampered");

    // The result is what a clean build of the same input makes, file for file.
    let clean = site.tmp.path().join("clean");
    let run =
        plein_in(site.tmp.path(), &["build", "--root", site.root.to_str().unwrap(), "--out", clean.to_str().unwrap(), "--no-compress"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(snapshot(&site.out) == snapshot(&clean), "a rebuild differs from a clean build");
}
