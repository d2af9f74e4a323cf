//! `plein check` checks the links of the final HTML, template and shortcode output included:
//! a missing page, a missing file and a `#fragment` no element carries.

mod common;

use common::TestSite;

#[test]
fn check_passes_a_site_whose_built_links_all_resolve() {
    let site = TestSite::base();
    // Links a theme writes: to the home page, to a page's own heading, to an absolute URL of the
    // site itself and to another host (not fetched).
    site.edit(
        "themes/tiny/templates/base.html",
        "<body>",
        "<body><a href=\"{{ edition.home_url }}\">home</a> <a href=\"#top\" id=\"top\">top</a> <a href=\"https://elsewhere.example/x#y\">x</a>",
    );
    let run = site.check();
    assert_eq!(run.code, 0, "a clean site passes:\n{}", run.stderr);
}

#[test]
fn check_reports_broken_links_in_template_output() {
    let site = TestSite::base();
    site.edit(
        "themes/tiny/templates/page.html",
        "<h1>{{ page.title }}</h1>",
        "<h1>{{ page.title }}</h1><a href=\"#term-nowhere\">t</a> <a href=\"{{ edition.home_url }}missing/\">m</a> <img alt=\"\" src=\"{{ edition.home_url }}logo.svg\">",
    );
    let run = site.check();
    assert_eq!(run.code, 1, "broken template links are errors:\n{}", run.stderr);
    let errors = run.errors();
    let anchor: Vec<&&str> = errors.iter().filter(|e| e.contains("broken anchor `#term-nowhere`")).collect();
    assert!(!anchor.is_empty(), "the fragment no element carries is reported:\n{}", run.stderr);
    // Reported at the page's source file, with the place in the built HTML.
    assert!(anchor.iter().any(|e| e.contains("content/en/about.md") && e.contains("built page `about/index.html`, line ")), "{anchor:?}");
    assert!(
        errors.iter().any(|e| e.contains("broken link `/missing/`") && e.contains("no `missing/index.html`")),
        "missing page:\n{}",
        run.stderr
    );
    assert!(errors.iter().any(|e| e.contains("broken link `/logo.svg`")), "missing file (src):\n{}", run.stderr);
    assert!(run.stderr.contains("help: the link is in the page's HTML as built"), "{}", run.stderr);
    // A build of the same site writes it anyway: only `check` looks at the built links.
    assert_eq!(site.build(&[]).code, 0);
}

/// A link that climbs above the site's base path leaves the site (a browser resolves `..` in the
/// URL, and the output folder is the base path), however it is written; on a site at the root
/// of its host a `..` at the top stays there, as in a browser.
#[test]
fn check_reports_links_that_climb_out_of_the_base_path() {
    let site = TestSite::base();
    site.edit("site.yaml", "base_url: https://example.org/", "base_url: https://example.org/sub/");
    site.edit(
        "themes/tiny/templates/page.html",
        "<h1>{{ page.title }}</h1>",
        "<h1>{{ page.title }}</h1><a href=\"{{ edition.home_url }}../about/\">a</a> <a href=\"../../about/\">b</a> <a href=\"../\">c</a>",
    );
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.errors();
    let outside = |link: &str| errors.iter().any(|e| e.contains(&format!("link `{link}` leads outside the site's base path `/sub/`")));
    assert!(outside("/sub/../about/"), "{}", run.stderr);
    assert!(outside("../../about/"), "{}", run.stderr);
    assert!(!errors.iter().any(|e| e.contains("link `../`")), "`../` from about/ is the home page:\n{}", run.stderr);

    let root = TestSite::base();
    root.edit("themes/tiny/templates/page.html", "<h1>{{ page.title }}</h1>", "<h1>{{ page.title }}</h1><a href=\"../../about/\">b</a>");
    let run = root.check();
    assert!(!run.stderr.contains("leads outside"), "at the root a `..` at the top stays there:\n{}", run.stderr);
}
