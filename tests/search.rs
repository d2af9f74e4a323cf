//! Search bundles: Pagefind is compiled into plein, so a plain build on a machine without
//! Pagefind or Node writes a working bundle per edition (the browser audit runs a search in
//! each edition of the Almere site; these tests look at the files).

mod common;
use common::*;
use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;

/// The example's editions: the bundle folder, Pagefind's language and the URLs of the indexed
/// pages (every page but the search page; `fr` has `services/reading-room/` as a fallback page).
const EDITIONS: [(&str, &str, &[&str]); 2] = [
    ("pagefind", "en", &["/", "/hours/", "/services/", "/services/lending/", "/services/reading-room/"]),
    ("fr/pagefind", "fr", &["/fr/", "/fr/horaires/", "/fr/services/", "/fr/services/lending/", "/fr/services/reading-room/"]),
];

/// `plein build` with a `PATH` that has nothing on it (no `pagefind`, no `node`, no `npm`).
fn build_without_tools(site: &TestSite, out: &Path) -> Run {
    let empty = site.tmp.path().join("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    let (root, out) = (site.root.to_str().unwrap(), out.to_str().unwrap());
    plein_with_env(
        site.tmp.path(),
        &["build", "--root", root, "--out", out, "--no-compress"],
        &[("PATH", empty.as_os_str()), ("PLEIN_PAGEFIND", OsStr::new(""))],
    )
}

/// The URLs of the pages in a bundle's fragments (gzip, `pagefind_dcd` and JSON each).
fn fragment_urls(bundle: &Path) -> Vec<String> {
    let mut urls = Vec::new();
    for entry in std::fs::read_dir(bundle.join("fragment")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut text).unwrap();
        let json = text.strip_prefix(b"pagefind_dcd").expect("Pagefind's fragment signature");
        let fragment: serde_json::Value = serde_json::from_slice(json).unwrap();
        urls.push(fragment["url"].as_str().unwrap().to_string());
    }
    urls.sort();
    urls
}

#[test]
fn a_plain_build_writes_a_search_bundle_per_edition() {
    let site = TestSite::example();
    let run = build_without_tools(&site, &site.out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.diagnostic_lines().is_empty(), "no warning about search:\n{}", run.stderr);
    let manifest: serde_json::Value = serde_json::from_str(&site.output("manifest.json")).unwrap();
    for (folder, lang, pages) in EDITIONS {
        let bundle = site.out.join(folder);
        for file in ["pagefind.js", "pagefind-entry.json", "pagefind-worker.js", &format!("wasm.{lang}.pagefind")] {
            assert!(bundle.join(file).is_file(), "{folder}/{file}");
            assert!(manifest["files"][format!("{folder}/{file}")]["blake3"].is_string(), "the manifest lists {folder}/{file}");
        }
        let entry: serde_json::Value = serde_json::from_str(&site.output(&format!("{folder}/pagefind-entry.json"))).unwrap();
        assert_eq!(entry["languages"].as_object().unwrap().len(), 1, "one language per bundle: {entry}");
        assert_eq!(entry["languages"][lang]["page_count"], pages.len(), "{folder}: {entry}");
        let mut expected: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
        expected.sort();
        assert_eq!(fragment_urls(&bundle), expected, "{folder}: the edition's own pages, not the search page");
        let unused: Vec<String> =
            file_list(&bundle).into_iter().filter(|f| f.starts_with("pagefind-ui") || f.contains("highlight")).collect();
        assert!(unused.is_empty(), "Pagefind's own search interfaces are not published: {unused:?}");
    }
}

/// A rebuild equals a clean build byte for byte, the bundles included (Pagefind's files are
/// named by their content hash, so any difference would also change their names).
#[test]
fn search_bundles_are_the_same_on_every_build() {
    let site = TestSite::example();
    let other = site.tmp.path().join("other");
    for out in [&site.out, &other, &site.out] {
        let run = build_without_tools(&site, out);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let (first, second) = (snapshot(&site.out), snapshot(&other));
    assert!(first.keys().any(|k| k.starts_with("fr/pagefind/index/")), "the bundles are there");
    let differ: Vec<&String> = first.keys().filter(|k| first.get(*k) != second.get(*k)).collect();
    assert!(differ.is_empty() && first.len() == second.len(), "a rebuild differs from a clean build: {differ:?}");
}

/// A bundle file changed in the output (or planted in `.plein-cache/`) is never published
/// again: every build indexes every edition and writes its bundle.
#[test]
fn search_bundles_are_never_taken_from_an_old_output_or_a_cache() {
    let site = TestSite::example();
    assert_eq!(build_without_tools(&site, &site.out).code, 0);
    let script = site.output("pagefind/pagefind.js");
    std::fs::write(site.out.join("pagefind/pagefind.js"), "alert(document.cookie)").unwrap();
    site.write(".plein-cache/search/en-0123456789abcdef/pagefind.js", "alert(document.cookie)");
    let run = build_without_tools(&site, &site.out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.output("pagefind/pagefind.js"), script);
}

/// When the indexer cannot run, the build fails with one error per edition that names it, and
/// the previous output stays as it was. (Pagefind itself would panic without a working
/// directory; plein checks for one first.) A failure inside the indexer has the same form, with
/// a help line that says so.
#[test]
fn an_indexer_that_cannot_run_is_an_error_not_a_panic() {
    let site = TestSite::example();
    assert_eq!(build_without_tools(&site, &site.out).code, 0);
    let before = snapshot(&site.out);
    let gone = site.tmp.path().join("gone");
    std::fs::create_dir_all(&gone).unwrap();
    let (root, out) = (site.root.to_str().unwrap(), site.out.to_str().unwrap());
    // The shell enters the folder and removes it, so plein starts without a working directory.
    let output = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(format!(
            "cd '{}' && rmdir '{}' && exec \"$0\" build --root '{root}' --out '{out}' --no-compress",
            gone.display(),
            gone.display()
        ))
        .arg(env!("CARGO_BIN_EXE_plein"))
        .env("RUST_BACKTRACE", "0")
        .env_remove("PLEIN_PAGEFIND")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error: ")).collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    for code in ["en", "fr"] {
        assert!(
            errors.iter().any(|l| l.contains(&format!("the search index of edition `{code}` failed: plein has no working directory"))),
            "{stderr}"
        );
    }
    assert!(stderr.contains("help: run plein from a folder that exists"), "{stderr}");
    assert!(snapshot(&site.out) == before, "the previous output is unchanged");
}
