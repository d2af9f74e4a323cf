//! Starting a site of one's own: `plein init`, the built-in theme with file-by-file overrides, the
//! theme's generated search page and optional links, and the README's guide run as written.
//!
//! Pagefind is an external program that a new site does not have; where a test asserts that a
//! build has no warning at all, it turns search indexing off (`PLEIN_PAGEFIND=off`) so that the
//! one warning "search is disabled" does not hide plein's own diagnostics. The index itself is
//! tested by the browser audit, which builds an init site with Pagefind (scripts/check).

mod common;

use common::{copy_dir, plein_with_env, repo, Run};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

fn plein(dir: &Path, args: &[&str]) -> Run {
    plein_with_env(dir, args, &[("PLEIN_PAGEFIND", OsStr::new("off"))])
}

/// A new site made by `plein init` in a temporary folder: (the temporary folder, the site).
fn new_site(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let mut all = vec!["init", "site"];
    all.extend_from_slice(args);
    let run = plein(tmp.path(), &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = tmp.path().join("site");
    (tmp, site)
}

fn build(site: &Path) -> Run {
    let run = plein(site, &["build", "--no-compress"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    walkdir(dir)
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn init_then_build_has_no_warnings_and_names_no_municipality() {
    let (_tmp, site) = new_site(&[]);
    assert!(site.join("README.md").is_file() && site.join("locales/nl/main.ftl").is_file() && site.join("content/en/_index.md").is_file());
    let run = build(&site);
    assert!(run.diagnostic_lines().is_empty(), "warnings or errors: {}", run.stderr);
    assert!(run.stdout.contains("0 error(s), 0 warning(s)"), "{}", run.stdout);
    let check = plein(&site, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.diagnostic_lines().is_empty(), "check: {}", check.stderr);
    let home = read(site.join("public/index.html"));
    assert!(home.contains("<html lang=\"nl\"") && home.contains("Nieuwe site"), "{home}");
    assert!(read(site.join("public/en/index.html")).contains("New site"));
    for file in files(&site) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).to_lowercase();
        assert!(!text.contains("almere"), "{} names the bundled site's municipality", file.display());
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("site")).unwrap();
    std::fs::write(tmp.path().join("site/notes.txt"), "mine").unwrap();
    let run = plein(tmp.path(), &["init", "site"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not empty") && run.stderr.contains("--force"), "{}", run.stderr);
    assert!(!tmp.path().join("site/site.yaml").exists());
    let run = plein(tmp.path(), &["init", "site", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(tmp.path().join("site/notes.txt")), "mine");
}

#[test]
fn init_names_editions_by_code_language_and_plain_original() {
    let (_tmp, site) = new_site(&["--editions", "nl,en,eenvoudig,fr", "--plain", "eenvoudig=nl", "--base-url", "https://example.org/sub"]);
    let yaml = read(site.join("site.yaml"));
    assert!(yaml.contains("base_url: \"https://example.org/sub/\""), "{yaml}");
    assert!(yaml.contains("    lang: nl\n    name: \"Eenvoudig Nederlands\"\n    fallback: [nl]\n    plain_of: nl\n"), "{yaml}");
    // French is not among the theme's languages: its strings start as the theme's English ones.
    assert!(read(site.join("locales/fr/main.ftl")).contains("skip-to-content = "));
    let run = build(&site);
    assert!(run.diagnostic_lines().is_empty(), "{}", run.stderr);
    assert!(read(site.join("public/eenvoudig/index.html")).contains("<html lang=\"nl\""));
    let bad = plein(site.parent().unwrap(), &["init", "other", "--editions", "eenvoudig"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("is not a language tag"), "{}", bad.stderr);
}

#[test]
fn a_new_translation_is_not_stale() {
    let (_tmp, site) = new_site(&[]);
    let translation = read(site.join("content/en/onderwerpen/example.md"));
    assert!(translation.contains("source_hash: \"v1 "), "{translation}");
    let status = plein(&site, &["status", "--format", "json", "--strict"]);
    assert_eq!(status.code, 0, "{}{}", status.stdout, status.stderr);
    build(&site);
    let stale = read(repo().join("themes/default/locales/en/theme.ftl"));
    let notice = stale.lines().find_map(|l| l.strip_prefix("stale-notice = ")).unwrap();
    for page in ["public/en/index.html", "public/en/onderwerpen/index.html", "public/en/onderwerpen/a-first-page/index.html"] {
        assert!(!read(site.join(page)).contains(notice), "{page} shows the stale notice");
    }
    // Changing the original afterwards makes it stale, as it should (in a rebuild too).
    let original = site.join("content/nl/onderwerpen/example.md");
    std::fs::write(&original, read(&original).replace("Schrijf hier uw tekst.", "Schrijf hier uw tekst. Nieuw.")).unwrap();
    build(&site);
    assert!(read(site.join("public/en/onderwerpen/a-first-page/index.html")).contains(notice));
}

#[test]
fn a_site_with_no_themes_folder_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("minimal");
    copy_dir(&repo().join("examples/minimal"), &site);
    assert!(!site.join("themes").exists() && !site.join("templates").exists());
    let run = build(&site);
    assert!(run.errors().is_empty(), "{}", run.stderr);
    let home = read(site.join("public/index.html"));
    let css = home.split('"').find(|s| s.contains("assets/css/style.")).expect("the theme's style sheet");
    let built = read(site.join("public").join(css.trim_start_matches('/')));
    assert_eq!(built, read(repo().join("themes/default/static/css/style.css")), "the built-in style sheet");
}

#[test]
fn overriding_one_template_and_one_static_file() {
    let (_tmp, site) = new_site(&[]);
    let not_found = read(repo().join("themes/default/templates/404.html"));
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(site.join("templates/404.html"), not_found.replace("<h1>", "<h1 data-site-override=\"yes\">")).unwrap();
    std::fs::create_dir_all(site.join("static")).unwrap();
    let icon = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\" fill=\"#005a9c\"/></svg>\n";
    std::fs::write(site.join("static/favicon.svg"), icon).unwrap();
    let run = build(&site);
    assert!(run.diagnostic_lines().is_empty(), "{}", run.stderr);
    assert!(read(site.join("public/404.html")).contains("data-site-override"), "the site's 404.html is used");
    assert!(!read(site.join("public/index.html")).contains("data-site-override"), "other templates stay the theme's");
    let home = read(site.join("public/index.html"));
    let href = home.split('"').find(|s| s.contains("assets/favicon.")).expect("a favicon link");
    assert_eq!(read(site.join("public").join(href.trim_start_matches('/'))), icon, "the site's favicon replaces the theme's");
    assert!(home.split('"').any(|s| s.contains("assets/css/style.")), "the theme's other static files are still there");

    // A broken override is reported at the site's file, with its position.
    std::fs::write(site.join("templates/404.html"), "{% extends \"base.html\" %}\n{% block content %}{{ oops( }}{% endblock content %}\n")
        .unwrap();
    let run = plein(&site, &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.errors().iter().any(|e| e.starts_with("templates/404.html:2:")), "{}", run.stderr);
}

#[test]
fn an_override_that_links_out_of_the_site_is_refused() {
    let (tmp, site) = new_site(&[]);
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::fs::write(tmp.path().join("outside.css"), "body{}").unwrap();
    std::os::unix::fs::symlink(tmp.path().join("outside.css"), site.join("static/extra.css")).unwrap();
    let run = plein(&site, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.errors().iter().any(|e| e.starts_with("static/extra.css: error:") && e.contains("outside the site")), "{}", run.stderr);
}

#[test]
fn a_site_without_a_search_page_gets_the_themes() {
    let (_tmp, site) = new_site(&[]);
    assert!(!files(&site.join("content")).iter().any(|f| read(f).contains("search.html")), "init writes no search page");
    let run = build(&site);
    assert!(run.diagnostic_lines().is_empty(), "{}", run.stderr);
    for (page, title, action) in [
        ("public/search/index.html", "<h1>Zoeken</h1>", "action=\"/search/\""),
        ("public/en/search/index.html", "<h1>Search</h1>", "action=\"/en/search/\""),
    ] {
        let html = read(site.join(page));
        assert!(html.contains(title), "{page}: {html}");
        assert!(html.contains(action), "{page}");
    }
    assert!(read(site.join("public/en/index.html")).contains("action=\"/en/search/\""), "every page's search form leads there");

    // A theme whose manifest has no search page leaves the optional link out, without a diagnostic.
    let run = plein(&site, &["theme", "eject", "themes/mine"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = site.join("themes/mine/theme.yaml");
    let text = read(&manifest);
    let without: String = text.lines().filter(|l| !l.contains("key: zoeken")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&manifest, without.replace("pages:\n", "pages: []\n")).unwrap();
    std::fs::write(site.join("site.yaml"), read(site.join("site.yaml")) + "theme: mine\n").unwrap();
    let run = build(&site);
    assert!(run.diagnostic_lines().is_empty(), "{}", run.stderr);
    let home = read(site.join("public/index.html"));
    assert!(!home.contains("site-search") && !home.contains("search-toggle"), "no search link without a search page");
    assert!(!site.join("public/search").exists());
}

#[test]
fn the_installed_binary_works_from_another_folder() {
    // `cargo install` copies the binary alone: the theme must be inside it.
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_plein"), bin.join("plein")).unwrap();
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let run = |args: &[&str]| {
        let output =
            std::process::Command::new(bin.join("plein")).args(args).current_dir(&elsewhere).env("PLEIN_PAGEFIND", "off").output().unwrap();
        (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (code, _, stderr) = run(&["init", "../site"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, stdout, stderr) = run(&["build", "--root", "../site", "--no-compress"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("0 error(s), 0 warning(s)"), "{stdout}{stderr}");
    assert!(tmp.path().join("site/public/en/onderwerpen/a-first-page/index.html").is_file());
}

/// The README's "Start your own site" guide, run command by command as it is written (the
/// install step aside: the binary under test stands for the installed one, on PATH).
#[test]
fn the_readme_guide_runs_as_written() {
    let readme = read(repo().join("README.md"));
    let guide = readme.split("\n## Start your own site\n").nth(1).expect("a Start your own site section").split("\n## ").next().unwrap();
    let blocks: Vec<&str> = guide.split("```sh\n").skip(1).map(|b| b.split("```").next().unwrap()).collect();
    assert!(blocks.len() >= 2, "an install block and a commands block");
    assert!(blocks[0].contains("cargo install --locked --path ."), "{}", blocks[0]);
    let commands: Vec<&str> =
        blocks[1..].iter().flat_map(|b| b.lines()).map(|l| l.split(" #").next().unwrap().trim()).filter(|l| !l.is_empty()).collect();
    assert!(commands.iter().any(|c| c.starts_with("plein init")) && commands.iter().any(|c| c.starts_with("plein build")), "{commands:?}");
    let tmp = tempfile::tempdir().unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_plein")).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let script =
        format!("set -eu\n{}\n", commands.iter().filter(|c| !c.starts_with("plein serve")).copied().collect::<Vec<_>>().join("\n"));
    let output = std::process::Command::new("sh").arg("-c").arg(&script).current_dir(tmp.path()).env("PATH", path).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the guide failed:\n{script}\n{stderr}");
    assert!(!stderr.contains(": error: "), "{stderr}");
    let built: Vec<PathBuf> = walkdir(tmp.path()).into_iter().filter(|p| p.ends_with("public/en/index.html")).collect();
    assert_eq!(built.len(), 1, "the guide builds a site with an English edition");
}

#[test]
fn branding_logo_colour_contact_and_document_facts() {
    let (_tmp, site) = new_site(&[]);
    std::fs::create_dir_all(site.join("static")).unwrap();
    let logo = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 2 1\"><rect width=\"2\" height=\"1\" fill=\"#7a4b00\"/></svg>\n";
    std::fs::write(site.join("static/logo.svg"), logo).unwrap();
    let yaml = read(site.join("site.yaml"));
    let branded = format!(
        "{yaml}contact:\n  organisation: Gemeente Voorbeeld\n  email: info@example.org\nbranding:\n  logo: logo.svg\n  colour: \"#7a4b00\"\ndocument:\n  title: Het akkoord\n  date: \"2026-06-30\"\n  publisher: De gemeenteraad\n  licence: CC BY 4.0\n"
    );
    std::fs::write(site.join("site.yaml"), &branded).unwrap();
    let run = build(&site);
    assert!(run.diagnostic_lines().is_empty(), "{}", run.stderr);
    let home = read(site.join("public/index.html"));
    let logo_href = home.split('"').find(|s| s.contains("assets/logo.")).expect("the logo in the header");
    assert_eq!(read(site.join("public").join(logo_href.trim_start_matches('/'))), logo);
    assert!(home.contains("alt=\"Gemeente Voorbeeld\""), "the logo is named by the organisation");
    let brand = home.split('"').find(|s| s.contains("assets/brand.")).expect("the brand colour's style sheet");
    assert!(read(site.join("public").join(brand.trim_start_matches('/'))).contains("--brand:#7a4b00"));
    assert!(home.contains("info@example.org"), "contact in the footer");

    // A brand colour the theme's white header text cannot be read on: one error, at the value.
    std::fs::write(site.join("site.yaml"), branded.replace("#7a4b00", "#e0a000")).unwrap();
    let line = branded.lines().position(|l| l.contains("colour:")).unwrap() + 1;
    let run = plein(&site, &["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.errors(),
        [format!("site.yaml:{line}:11: error: brand colour `#e0a000` has a contrast of 2.28:1 with the theme's text on it (#ffffff); at least 4.5:1 is needed")],
        "{}",
        run.stderr
    );
    // A logo that is not in the site's static/ folder.
    std::fs::write(site.join("site.yaml"), branded.replace("logo: logo.svg", "logo: missing.svg")).unwrap();
    let line = branded.lines().position(|l| l.contains("logo:")).unwrap() + 1;
    let run = plein(&site, &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.errors().iter().any(|e| e.starts_with(&format!("site.yaml:{line}:9: error: the logo `missing.svg`"))), "{}", run.stderr);
}

#[test]
fn a_message_missing_for_an_override_is_added_to_the_sites_own_file() {
    let (_tmp, site) = new_site(&[]);
    let pager = read(repo().join("themes/default/templates/partials/pager.html"));
    assert!(pager.contains("t(key=\"previous\")"), "the theme's pager uses `previous`");
    std::fs::create_dir_all(site.join("templates/partials")).unwrap();
    std::fs::write(site.join("templates/partials/pager.html"), pager.replace("t(key=\"previous\")", "t(key=\"previous-page\")")).unwrap();
    let run = plein(&site, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.errors().len(), 1, "{}", run.stderr);
    // Not the built-in theme's theme.ftl, which lives inside the program.
    assert!(
        run.stderr.contains("help: add `previous-page = …` to locales/nl/main.ftl, and its translation to locales/en/main.ftl"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_logo_is_one_error_at_site_yaml_not_one_per_page() {
    let (_tmp, site) = new_site(&[]);
    let config = read(site.join("site.yaml"));
    std::fs::write(site.join("site.yaml"), format!("{config}branding:\n  logo: logo.svg\n")).unwrap();
    let run = plein(&site, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = config.lines().count() + 2;
    assert_eq!(
        run.errors(),
        vec![format!("site.yaml:{line}:9: error: the logo `logo.svg` is not a file in the site's static/ folder")],
        "{}",
        run.stderr
    );
}

#[test]
fn a_logo_must_be_the_image_its_name_says_and_an_svg_logo_holds_no_script() {
    let (_tmp, site) = new_site(&[]);
    let config = read(site.join("site.yaml"));
    std::fs::create_dir_all(site.join("static")).unwrap();
    let line = config.lines().count() + 2;
    let cases = [
        ("logo.png", "this is a text file\n".to_string(), "is not a PNG image"),
        ("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect/></svg>".into(), "an event handler attribute"),
        ("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".into(), "a <script> element"),
        (
            "logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\"><rect/></a></svg>".into(),
            "a javascript: link",
        ),
        ("logo.svg", "GIF89a".into(), "no <svg> element"),
    ];
    for (name, bytes, expected) in cases {
        std::fs::write(site.join("static").join(name), &bytes).unwrap();
        std::fs::write(site.join("site.yaml"), format!("{config}branding:\n  logo: {name}\n")).unwrap();
        let run = plein(&site, &["build"]);
        assert_eq!(run.code, 1, "{name} {bytes}: {}", run.stderr);
        let errors = run.errors();
        assert_eq!(errors.len(), 1, "{}", run.stderr);
        assert!(
            errors[0].starts_with(&format!("site.yaml:{line}:9: error: the logo `{name}`")) && errors[0].contains(expected),
            "{}",
            run.stderr
        );
        std::fs::remove_file(site.join("static").join(name)).unwrap();
    }
    // A plain SVG whose text merely mentions "on" words is fine.
    std::fs::write(site.join("static/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>onderwijs online</title><rect/></svg>")
        .unwrap();
    std::fs::write(site.join("site.yaml"), format!("{config}branding:\n  logo: logo.svg\n")).unwrap();
    let run = plein(&site, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_plain_edition_is_not_called_a_translation_and_the_official_text_is_the_sites_own_original() {
    // An English original with a Dutch translation and a plain English edition: no notice may
    // name Dutch as the official language or call the plain text a translation.
    let (_tmp, site) = new_site(&["--editions", "en,nl,easy", "--plain", "easy=en"]);
    let page = site.join("content/en/topics/example.md");
    std::fs::write(&page, format!("{}\nOne more sentence.\n", read(&page))).unwrap();
    let run = plein(&site, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = |edition: &str| {
        let dir = site.join("public").join(edition).join("topics");
        let page = walkdir(&dir).into_iter().find(|p| p.ends_with("index.html") && p.parent() != Some(dir.as_path())).unwrap();
        read(page)
    };
    let easy = html("easy");
    assert!(easy.contains("This plain-language text has not been updated yet"), "{easy}");
    assert!(easy.contains("This is a plain-language version. The full text is the official text."), "{easy}");
    assert!(!easy.contains("translat"), "a plain page calls itself a translation: {easy}");
    let dutch = html("nl");
    assert!(dutch.contains("Alleen de tekst in deze taal is officieel: English."), "{dutch}");
    assert!(!dutch.contains("Nederlandse tekst is de officiële"), "{dutch}");
}
