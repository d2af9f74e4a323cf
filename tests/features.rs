//! Features and the engine apart (issue 18): a shortcode the built-in theme does not have works
//! from the site's own template alone, and the engine (`render.rs`, `build.rs`) names no
//! feature's shortcode or template.

mod common;
use common::*;

/// A site adds a shortcode by adding its template: `render.rs` gives it `args`, `site` and
/// `edition` without knowing its name.
#[test]
fn a_site_shortcode_renders_from_its_template_alone() {
    let site = TestSite::example();
    site.write("templates/shortcodes/card.html", "<p class=\"card\">{{ args.label }} · {{ edition.lang }} · {{ site.base_url }}</p>");
    site.edit("content/en/hours.md", "Ask at the desk for a library card.", "{{ card(label=\"Ask at the desk\") }}");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    assert!(run.diagnostic_lines().is_empty(), "no diagnostics:\n{}", run.stderr);
    let html = site.output("hours/index.html");
    assert!(
        html.contains("<p class=card>Ask at the desk · en · https://library.example.org/</p>")
            || html.contains("<p class=\"card\">Ask at the desk · en · https://library.example.org/</p>"),
        "the site's shortcode is rendered with its arguments, edition and site:\n{html}"
    );
}

/// The string constants of `src/feature/` (shortcode names, template names) appear in no string
/// literal of the engine: the engine asks `feature::FEATURES` instead.
#[test]
fn the_engine_names_no_feature_shortcode_or_template() {
    let src = repo().join("src");
    let mut names = Vec::new();
    let files = walkdir::WalkDir::new(src.join("feature")).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file());
    for entry in files {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for line in text.lines() {
            let line = line.trim();
            let is_const = line.starts_with("pub(crate) const ") || line.starts_with("pub const ") || line.starts_with("const ");
            if let (true, Some((_, value))) = (is_const && line.contains(": &str = \""), line.split_once(": &str = \"")) {
                names.push(value.trim_end_matches("\";").to_string());
            }
        }
    }
    for expected in ["finance", "portfolio", "pages", "progress.html", "partials/commitment.html", "agreement.html"] {
        assert!(names.iter().any(|n| n == expected), "src/feature/ declares `{expected}` as a const: {names:?}");
    }
    for engine in ["render.rs", "build.rs"] {
        let text = std::fs::read_to_string(src.join(engine)).unwrap();
        for name in &names {
            let literal = format!("\"{name}\"");
            assert!(!text.contains(&literal), "src/{engine} names the feature string {literal}; ask crate::feature instead");
            let template = format!("\"shortcodes/{name}.html\"");
            assert!(!text.contains(&template), "src/{engine} names {template}");
        }
    }
}
