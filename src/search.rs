//! Search per edition, with [Pagefind](https://pagefind.app/) as a library.
//!
//! After every page is written into the staging folder, each edition gets its own Pagefind
//! bundle at `<prefix>pagefind/` (`/pagefind/`, `/en/pagefind/`, `/eenvoudig/pagefind/`), so
//! two editions in the same language (Dutch and plain Dutch) keep separate indexes. Only the
//! edition's own pages are indexed: not the one-page agreement (its text is also on the theme
//! pages, whose results are more precise), not the progress overview (it repeats every
//! commitment too), not the search page, the 404 page or redirects.
//!
//! The indexer is the `pagefind` crate, compiled into plein: nothing has to be installed. Its
//! files (the index, its JavaScript and WebAssembly) come back in memory and are written
//! through the staging folder like every other output, inside the folder the output plan
//! claimed for the bundle (`src/plan.rs`). `PLEIN_PAGEFIND=off` skips indexing (benchmarks,
//! tests that do not look at search); the search page then lists all pages, which is what
//! readers without JavaScript get anyway.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Staging;
use crate::site::Site;
use std::path::PathBuf;

/// Templates whose pages are not indexed: the one-page agreement and the progress overview
/// repeat every commitment of the theme pages (results should lead to the theme page), the
/// search page would only find itself.
const NOT_INDEXED: &[&str] = &["agreement.html", "progress.html", "search.html", "redirect.html", "404.html"];

/// Parts of `<main>` that only repeat navigation, status or the glossary, and would spoil
/// excerpts (header, navigation and footer are outside `<main>`, which is the indexed root).
const EXCLUDE_SELECTORS: &[&str] = &[
    ".commitment-meta",
    ".progress-summary",
    ".breadcrumbs",
    ".notice",
    ".official",
    ".plain-link",
    ".toc",
    ".terms",
    ".pager",
    ".history",
];

/// Files of Pagefind's bundle that are not published: its ready-made search interfaces. The
/// theme has its own `search.js`, and a script nobody loads is still a script on the site.
const UNUSED_FILES: &[&str] = &["pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight."];

/// The folder of an edition's bundle below the output folder (`pagefind`, `en/pagefind`).
pub(crate) fn bundle_dir(site: &Site, edition: usize) -> String {
    format!("{}pagefind", site.editions[edition].path_prefix)
}

/// Whether search was switched off for this run (`PLEIN_PAGEFIND=off`).
fn switched_off() -> bool {
    std::env::var("PLEIN_PAGEFIND").is_ok_and(|v| ["off", "0", "false"].contains(&v.as_str()))
}

/// Builds the search index of every edition and writes it into `staging`. An edition whose
/// index fails gets one error (the build then keeps the previous output): a site published
/// without its search would look fine and not work.
pub(crate) fn index(site: &Site, staging: &Staging, diagnostics: &Diagnostics) {
    if switched_off() {
        return;
    }
    std::thread::scope(|scope| {
        for edition in 0..site.editions.len() {
            scope.spawn(move || {
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| index_edition(site, staging, edition)))
                    .unwrap_or_else(|_| Err(Failure::new(PathBuf::new(), "the indexer stopped with an internal error (see above)")));
                let code = &site.config.editions[edition].code;
                if let Err(failure) = result {
                    diagnostics.push(
                        Diagnostic::error(failure.path, 0, 0, format!("the search index of edition `{code}` failed: {}", failure.message))
                            .with_help(failure.help),
                    );
                }
            });
        }
    });
}

/// Why an edition's index failed, the file it failed at (empty: not one file) and what to do.
struct Failure {
    path: PathBuf,
    message: String,
    help: &'static str,
}

impl Failure {
    /// A failure inside the indexer, which no input should cause.
    fn new(path: PathBuf, message: impl Into<String>) -> Failure {
        let help = "this is a bug in plein or Pagefind; to publish without search meanwhile, build with PLEIN_PAGEFIND=off";
        Failure { path, message: message.into(), help }
    }
}

/// A page to index: its file below the output folder, its URL below the site's base path
/// (as `search.js` expects it: Pagefind's results are prefixed with the base path) and the
/// markdown it comes from (for diagnostics).
struct Indexed {
    rel: String,
    url: String,
    source: PathBuf,
}

/// The pages of `edition` that are indexed, in the site's order (so the bundle is the same on
/// every build).
fn indexed_pages(site: &Site, edition: usize) -> Vec<Indexed> {
    site.pages
        .iter()
        .filter(|p| p.edition == edition)
        .filter(|p| !NOT_INDEXED.contains(&site.source(p).front.template.as_deref().unwrap_or("")))
        .map(|p| Indexed { rel: format!("{}index.html", p.path), url: format!("/{}", p.path), source: site.source(p).path.clone() })
        .collect()
}

/// Indexes one edition from the pages in the staging folder (a build does not keep the pages'
/// HTML in memory, and pages reused from the previous build were never rendered) and writes
/// its bundle. Bundles are not kept between builds: a cached bundle would sit in
/// `.plein-cache/`, which can be committed, and its script runs on every search page, so it
/// could only be trusted after checking it against its input, which costs as much as indexing
/// again (`docs/security.md`, guarantee 6). Returns the number of pages indexed.
fn index_edition(site: &Site, staging: &Staging, edition: usize) -> Result<usize, Failure> {
    let pages: Vec<(Indexed, String)> = indexed_pages(site, edition)
        .into_iter()
        .filter_map(|page| {
            // A page that is not there had an error of its own (reported already).
            // Written by this build or kept from the previous one.
            let html = String::from_utf8(staging.read(&page.rel)?).ok()?;
            Some((page, html))
        })
        .collect();
    if pages.is_empty() {
        return Ok(0);
    }
    // Pagefind reads the working directory when it starts and panics without one.
    std::env::current_dir().map_err(|e| Failure {
        help: "run plein from a folder that exists (it was removed while plein ran, or before)",
        ..Failure::new(PathBuf::new(), format!("plein has no working directory: {e}"))
    })?;
    let lang = &site.config.editions[edition].lang;
    let options = pagefind::options::PagefindServiceConfig::builder()
        .force_language(lang.split('-').next().unwrap_or(lang).to_string())
        .root_selector("main".to_string())
        .exclude_selectors(EXCLUDE_SELECTORS.iter().map(|s| s.to_string()).collect())
        .build();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| Failure::new(PathBuf::new(), format!("cannot start the indexer: {e}")))?;
    let count = pages.len();
    let files = runtime.block_on(async move {
        let mut index = pagefind::api::PagefindIndex::new(Some(options))
            .map_err(|e| Failure::new(PathBuf::new(), format!("Pagefind refused its options: {e}")))?;
        for (page, html) in pages {
            index
                .add_html_file(None, Some(page.url), html)
                .await
                .map_err(|e| Failure::new(page.source, format!("cannot index its page `{}`: {e}", page.rel)))?;
        }
        index.get_files().await.map_err(|e| Failure::new(PathBuf::new(), format!("cannot build the index: {e}")))
    })?;
    let folder = bundle_dir(site, edition);
    let mut wrote_entry = false;
    for file in files {
        let name = file.filename.to_string_lossy().replace('\\', "/");
        if UNUSED_FILES.iter().any(|p| name.starts_with(p)) {
            continue;
        }
        wrote_entry |= name == "pagefind.js";
        staging.write(&format!("{folder}/{name}"), &file.contents).map_err(|d| Failure::new(d.path, d.message))?;
    }
    if !wrote_entry {
        return Err(Failure::new(PathBuf::new(), format!("Pagefind returned no pagefind.js for {folder}/")));
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The library returns the files the theme's `search.js` loads, and the index has the
    /// pages it was given (the entry file counts them).
    #[test]
    fn the_library_indexes_pages_in_memory() {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .force_language("nl".to_string())
            .root_selector("main".to_string())
            .exclude_selectors(EXCLUDE_SELECTORS.iter().map(|s| s.to_string()).collect())
            .build();
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let files = runtime.block_on(async {
            let mut index = pagefind::api::PagefindIndex::new(Some(options)).unwrap();
            for (url, text) in [("/wonen/", "woningen bouwen"), ("/afval/", "grofvuil ophalen")] {
                let html = format!("<html lang=nl><body><main><h1>{text}</h1><p class=toc>inhoud</p></main></body></html>");
                let page = index.add_html_file(None, Some(url.to_string()), html).await.unwrap();
                assert_eq!(page.page_url, url);
                assert_eq!(page.page_word_count, 2, "the excluded table of contents is not counted");
            }
            index.get_files().await.unwrap()
        });
        let names: Vec<String> = files.iter().map(|f| f.filename.to_string_lossy().to_string()).collect();
        for name in ["pagefind.js", "pagefind-entry.json", "wasm.nl.pagefind"] {
            assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        }
        let entry = files.iter().find(|f| f.filename.to_string_lossy() == "pagefind-entry.json").unwrap();
        let entry: serde_json::Value = serde_json::from_slice(&entry.contents).unwrap();
        assert_eq!(entry["languages"]["nl"]["page_count"], 2, "{entry}");
    }
}
