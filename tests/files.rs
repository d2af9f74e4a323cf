//! Files beside pages (`docs/content-format.md`, "Files beside pages"): an image or document next
//! to a page's `.md` file is linked relative to that file, published at its own path, and
//! checked: a missing file or an image without a text alternative is an error at its position.

mod common;

use common::{tags, TestSite};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
const PDF: &[u8] = b"%PDF-1.7\n%plan\n";

fn page(front: &str, body: &str) -> String {
    format!("---\n{front}---\n\n{body}\n")
}

#[test]
fn images_and_documents_beside_pages() {
    let site = TestSite::base();
    site.write("content/en/guide/map.png", PNG);
    site.write("content/en/guide/docs/plan.pdf", PDF);
    site.write("content/en/guide/docs/plan 2027.pdf", PDF);
    site.write("content/en/border.png", PNG);
    site.write(
        "content/en/guide/start.md",
        page(
            "title: Start\n",
            "![A map of the districts](map.png)\n\n[The plan](docs/plan.pdf#page=2) and [next year](docs/plan%202027.pdf).\n\n![-](../border.png)",
        ),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.output("guide/start/index.html");
    let images: Vec<(String, String)> = tags(&html)
        .into_iter()
        .filter(|t| t.name == "img")
        .map(|t| (t.attr("src").unwrap_or("").into(), t.attr("alt").unwrap_or("?").into()))
        .collect();
    assert_eq!(images, [("/guide/map.png".to_string(), "A map of the districts".to_string()), ("/border.png".into(), "".into())]);
    let hrefs: Vec<String> = tags(&html).into_iter().filter(|t| t.name == "a").filter_map(|t| t.attr("href").map(str::to_string)).collect();
    assert!(hrefs.contains(&"/guide/docs/plan.pdf#page=2".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"/guide/docs/plan%202027.pdf".to_string()), "{hrefs:?}");
    assert_eq!(std::fs::read(site.out.join("guide/map.png")).unwrap(), PNG, "the file is published where the page links it");
    assert_eq!(std::fs::read(site.out.join("guide/docs/plan 2027.pdf")).unwrap(), PDF);
    // The Dutch edition has no page of its own: its fallback page links the same files.
    let fallback = site.output("nl/guide/start/index.html");
    assert!(fallback.contains("/guide/map.png"), "{fallback}");
}

#[test]
fn missing_files_and_alt_texts_are_errors_at_their_position() {
    let site = TestSite::base();
    site.write("content/en/photo.png", PNG);
    site.write(
        "content/en/about.md",
        page(
            "title: About\n",
            "Text.\n\n![](photo.png)\n\n![A photo](fotoo.png)\n\nSee [the plan](plan.pdf) or [the old one](../plan.pdf).",
        ),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.errors();
    for expected in [
        "content/en/about.md:7:1: error: this image has no text alternative",
        "content/en/about.md:9:1: error: there is no file `fotoo.png` beside this page (looked for content/en/fotoo.png)",
        "content/en/about.md:11:5: error: there is no file `plan.pdf` beside this page (looked for content/en/plan.pdf)",
        "content/en/about.md:11:29: error: the file `../plan.pdf` would be outside the edition's folder",
    ] {
        assert!(errors.contains(&expected), "expected\n  {expected}\namong\n  {}", errors.join("\n  "));
    }
    assert_eq!(errors.len(), 4, "{}", run.stderr);
    assert!(run.stderr.contains("help: describe what the image shows between the brackets: ![A map of the districts](photo.png); for an image that only decorates, write ![-](photo.png)"));
}
