//! Search per edition, with [Pagefind](https://pagefind.app/).
//!
//! After every page is written into the staging folder, each edition gets its own Pagefind
//! bundle at `<prefix>pagefind/` (`/pagefind/`, `/en/pagefind/`, `/eenvoudig/pagefind/`), so
//! two editions in the same language (Dutch and plain Dutch) keep separate indexes. Only the
//! edition's own pages are indexed: not the one-page agreement (its text is also on the theme
//! pages, whose results are more precise), not the progress overview (it repeats every
//! commitment too), not the search page, the 404 page or redirects.
//!
//! Pagefind is an external program. It is looked for in this order:
//! `PLEIN_PAGEFIND` (a path; `off` disables search), `pagefind` on `PATH`, then the npm
//! installs `deploy/search/node_modules` and `tests/browser/node_modules` below the site root.
//! Without it the build still succeeds with a warning: the search page then shows its list of
//! all pages, which is what readers without JavaScript get anyway.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::link_or_copy;
use crate::site::Site;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Templates whose pages are not indexed: the one-page agreement and the progress overview
/// repeat every commitment of the theme pages (results should lead to the theme page), the
/// search page would only find itself.
const NOT_INDEXED: &[&str] = &["agreement.html", "progress.html", "search.html", "redirect.html", "404.html"];

/// Parts of `<main>` that only repeat navigation, status or the glossary, and would spoil
/// excerpts (header, navigation and footer are outside `<main>`, which is the indexed root).
const EXCLUDE_SELECTORS: &str =
    ".commitment-meta, .progress-summary, .breadcrumbs, .notice, .official, .plain-link, .toc, .terms, .pager, .history";

/// The folder of an edition's bundle below the output folder (`pagefind`, `en/pagefind`).
pub fn bundle_dir(site: &Site, edition: usize) -> String {
    format!("{}pagefind", site.editions[edition].path_prefix)
}

/// Builds the search index of every edition into the output folder `dir`.
pub fn index(site: &Site, dir: &Path, diagnostics: &Diagnostics) {
    let help = "install it with `npm ci --prefix deploy/search` (or put `pagefind` on PATH, or set PLEIN_PAGEFIND to its path)";
    let binary = match find_pagefind(&site.root) {
        Found::Yes(binary) => binary,
        Found::Off => return,
        Found::No(why) => {
            diagnostics.push(
                Diagnostic::warning(
                    site.root.join("deploy/search/package.json"),
                    0,
                    0,
                    format!("search is disabled: {why}; the search pages list all pages instead"),
                )
                .with_help(help),
            );
            return;
        }
    };
    std::thread::scope(|scope| {
        for edition in 0..site.editions.len() {
            let binary = &binary;
            scope.spawn(move || {
                if let Err(message) = index_edition(site, dir, edition, binary) {
                    let code = &site.config.editions[edition].code;
                    diagnostics.push(
                        Diagnostic::warning(&binary.0, 0, 0, format!("search index of edition `{code}` failed: {message}"))
                            .with_help("the search page of this edition falls back to the list of all pages"),
                    );
                }
            });
        }
    });
}

/// The output paths of the pages of `edition` that are indexed.
fn indexed_pages(site: &Site, dir: &Path, edition: usize) -> Vec<String> {
    site.pages
        .iter()
        .filter(|p| p.edition == edition)
        .filter(|p| !NOT_INDEXED.contains(&site.source(p).front.template.as_deref().unwrap_or("")))
        .map(|p| format!("{}index.html", p.path))
        .filter(|rel| dir.join(rel).is_file())
        .collect()
}

/// Indexes one edition by linking its pages into a scratch folder that mirrors the output and
/// letting Pagefind write the bundle into the output. Bundles are not kept between builds: a
/// cached bundle would sit in `.plein-cache/`, which can be committed, and its script runs on
/// every search page, so it could only be trusted after checking it against its input, which
/// costs as much as indexing again (`docs/security.md`, guarantee 6).
fn index_edition(site: &Site, dir: &Path, edition: usize, binary: &Binary) -> Result<(), String> {
    let pages = indexed_pages(site, dir, edition);
    if pages.is_empty() {
        return Ok(());
    }
    let lang = &site.config.editions[edition].lang;
    let out = dir.join(bundle_dir(site, edition));
    run_pagefind(dir, edition, &pages, &out, lang, binary)
}

/// Runs Pagefind over `pages` (paths below `dir`), writing the bundle to `out`.
fn run_pagefind(dir: &Path, edition: usize, pages: &[String], out: &Path, lang: &str, binary: &Binary) -> Result<(), String> {
    let name = dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let scratch = dir.with_file_name(format!("{name}.search-{edition}"));
    let _ = std::fs::remove_dir_all(&scratch);
    let result = (|| {
        for rel in pages {
            let (from, to) = (dir.join(rel), scratch.join(rel));
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            link_or_copy(&from, &to).map_err(|e| format!("cannot copy {rel}: {e}"))?;
        }
        let output = Command::new(&binary.0)
            .arg("--site")
            .arg(&scratch)
            .arg("--output-path")
            .arg(out)
            .args(["--force-language", lang.split('-').next().unwrap_or(lang)])
            .args(["--root-selector", "main"])
            .args(["--exclude-selectors", EXCLUDE_SELECTORS])
            .arg("--quiet")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", binary.0.display()))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let stdout = String::from_utf8_lossy(&output.stdout);
            return Err(format!("pagefind exited with {}: {}{}", output.status, stderr.trim(), stdout.trim()));
        }
        // The bundled UI libraries are not used: the theme has its own search.js.
        if let Ok(entries) = std::fs::read_dir(out) {
            for entry in entries.flatten() {
                let file = entry.file_name().to_string_lossy().to_string();
                if ["pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight."]
                    .iter()
                    .any(|p| file.starts_with(p))
                {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        if !out.join("pagefind.js").is_file() {
            return Err(format!("pagefind wrote no pagefind.js into {}", out.display()));
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

/// The Pagefind program.
struct Binary(PathBuf);

enum Found {
    Yes(Binary),
    Off,
    No(String),
}

fn find_pagefind(root: &Path) -> Found {
    if let Some(value) = std::env::var_os("PLEIN_PAGEFIND").filter(|v| !v.is_empty()) {
        if value == "off" || value == "0" || value == "false" {
            return Found::Off;
        }
        let path = PathBuf::from(&value);
        return if works(&path) { Found::Yes(Binary(path)) } else { Found::No(format!("PLEIN_PAGEFIND={} does not run", path.display())) };
    }
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(paths) = std::env::var_os("PATH") {
        for p in std::env::split_paths(&paths) {
            candidates.push(p.join(exe("pagefind")));
            candidates.push(p.join(exe("pagefind_extended")));
        }
    }
    for modules in [root.join("deploy/search/node_modules"), root.join("tests/browser/node_modules")] {
        // The platform package's binary runs without node; the .bin wrapper needs node.
        if let Ok(platforms) = std::fs::read_dir(modules.join("@pagefind")) {
            let mut platforms: Vec<PathBuf> = platforms.flatten().map(|e| e.path()).collect();
            platforms.sort();
            for platform in platforms {
                candidates.push(platform.join("bin").join(exe("pagefind_extended")));
                candidates.push(platform.join("bin").join(exe("pagefind")));
            }
        }
        candidates.push(modules.join(".bin").join(if cfg!(windows) { "pagefind.cmd" } else { "pagefind" }));
    }
    for candidate in candidates {
        if candidate.is_file() && works(&candidate) {
            return Found::Yes(Binary(candidate));
        }
    }
    Found::No("no pagefind binary found".into())
}

fn exe(name: &str) -> String {
    if cfg!(windows) {
        format!("{name}.exe")
    } else {
        name.to_string()
    }
}

/// True when the program answers `--version` like Pagefind 1.x does.
fn works(path: &Path) -> bool {
    Command::new(path)
        .arg("--version")
        .output()
        .map(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).starts_with("pagefind 1."))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_does_not_work() {
        assert!(!works(Path::new("/nonexistent/pagefind")));
    }
}
