//! Translation status: which pages of each edition are translated, stale (their original changed
//! since `source_hash` was recorded), or shown from a fallback; Fluent messages missing, unused or
//! with other variables than the default edition's; commitments missing, extra or out of order.
//!
//! A `source_hash` records a short hash of the original page per part: its title (`title`), the
//! text before the first heading (`intro`), each section by heading id (`s:<id>`) and each
//! commitment (`c:<id>`). Text is compared with whitespace folded, so re-wrapping lines does not
//! make a translation stale.

use crate::content::SourcePage;
use crate::diagnostics::{Consequence, Diagnostic};
use crate::site::{Page, Site};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Version tag at the start of every `source_hash`.
const VERSION: &str = "v1";

/// Status of one page in one edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum PageStatus {
    Translated,
    Stale,
    Fallback,
    Missing,
}

impl PageStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            PageStatus::Translated => "translated",
            PageStatus::Stale => "stale",
            PageStatus::Fallback => "fallback",
            PageStatus::Missing => "missing",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageReport {
    pub(crate) key: String,
    pub(crate) path: String,
    pub(crate) status: PageStatus,
    /// Parts of the original that changed since the translation (`c:wonen-3`, `s:doel`, `title`).
    pub(crate) changed: Vec<String>,
    /// The page's `review:` (null when it records none, and for fallbacks).
    pub(crate) review: Option<crate::content::Review>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct KeyReport {
    pub(crate) missing: Vec<String>,
    pub(crate) unused: Vec<String>,
    pub(crate) mismatched: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct CommitmentReport {
    pub(crate) missing: Vec<String>,
    pub(crate) extra: Vec<String>,
    pub(crate) out_of_order: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct EditionReport {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) pages: Vec<PageReport>,
    pub(crate) keys: KeyReport,
    pub(crate) commitments: CommitmentReport,
    /// Progress updates without an explanation in this edition (`wonen-1@2027-03-01`).
    pub(crate) progress_missing: Vec<String>,
    /// Pages per review state (`machine`, `checked`, `approved`, `none`), translated pages only.
    pub(crate) reviews: BTreeMap<String, usize>,
    /// Numbers and negations that differ from the original, per commitment and paragraph
    /// (those marked as checked included, with `checked: true`). Not a gap for `--strict`:
    /// a person has to judge each one.
    pub(crate) differences: Vec<crate::compare::Difference>,
}

impl EditionReport {
    /// Any gap at all (for `--strict`).
    pub(crate) fn has_gaps(&self) -> bool {
        self.pages.iter().any(|p| p.status != PageStatus::Translated)
            || !self.keys.missing.is_empty()
            || !self.keys.unused.is_empty()
            || !self.keys.mismatched.is_empty()
            || !self.commitments.missing.is_empty()
            || !self.commitments.extra.is_empty()
            || !self.commitments.out_of_order.is_empty()
            || !self.progress_missing.is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
/// What `plein status` reports: per edition, its pages, messages and commitments against the original's.
pub struct StatusReport {
    pub(crate) editions: Vec<EditionReport>,
}

impl StatusReport {
    /// Whether any edition has a gap at all (what `plein status --strict` fails on).
    pub fn has_gaps(&self) -> bool {
        self.editions.iter().any(EditionReport::has_gaps)
    }
}

/// The original a page of `edition` is translated from: the `plain_of` edition for a plain
/// version, otherwise the default edition.
pub(crate) fn original_edition(site: &Site, edition: usize) -> usize {
    site.plain_of(edition).unwrap_or(site.default_edition)
}

/// Hashes of the parts of a page's source (title, intro, sections, commitments).
pub(crate) fn part_hashes(source: &SourcePage) -> Result<BTreeMap<String, String>, Diagnostic> {
    let body = source.read_body()?;
    let mut parts: BTreeMap<String, String> = BTreeMap::new();
    parts.insert("title".into(), short(&source.front.title));
    // The sections of the one scan of the body: their ids are the ones the HTML gets (a
    // second `## Een` is `s:een-1`), and code blocks hold no headings.
    for section in crate::markdown::scan(&body).sections {
        parts.insert(section.part, short(&section.text));
    }
    for c in &source.commitments {
        parts.insert(format!("c:{}", c.id), short(&c.text));
    }
    Ok(parts)
}

fn short(text: &str) -> String {
    let folded: Vec<&str> = text.split_whitespace().collect();
    blake3::hash(folded.join(" ").as_bytes()).to_hex()[..8].to_string()
}

/// Encodes part hashes as a `source_hash` value.
pub(crate) fn encode(parts: &BTreeMap<String, String>) -> String {
    let mut out = VERSION.to_string();
    for (k, v) in parts {
        out.push(' ');
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// Decodes a `source_hash`; `None` when it is not in the expected form.
pub(crate) fn decode(value: &str) -> Option<BTreeMap<String, String>> {
    let mut items = value.split_whitespace();
    if items.next()? != VERSION {
        return None;
    }
    items.map(|item| item.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()))).collect()
}

/// Parts that changed between a recorded and the current set of hashes.
pub(crate) fn changed_parts(recorded: &BTreeMap<String, String>, current: &BTreeMap<String, String>) -> Vec<String> {
    let keys: BTreeSet<&String> = recorded.keys().chain(current.keys()).collect();
    keys.into_iter().filter(|k| recorded.get(*k) != current.get(*k)).cloned().collect()
}

/// Whether a translated page is behind its original, and what changed. `None` when the page is
/// the original itself, a fallback, or has no original.
pub(crate) fn staleness(site: &Site, page: &Page) -> Option<Vec<String>> {
    if page.fallback || page.edition == original_edition(site, page.edition) {
        return None;
    }
    let original = site.page(original_edition(site, page.edition), &page.key).filter(|p| !p.fallback)?;
    let Some(recorded) = site.source(page).front.source_hash.as_deref() else {
        return Some(vec!["no source_hash recorded".into()]);
    };
    let current = part_hashes(site.source(original)).ok()?;
    let Some(recorded) = decode(recorded) else {
        return Some(vec!["source_hash is not in the form plein writes".into()]);
    };
    let changed = changed_parts(&recorded, &current);
    (!changed.is_empty()).then_some(changed)
}

/// Warnings for `plein check`: numbers and negations that differ from the original.
pub(crate) fn difference_diagnostics(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in site.pages.iter().filter(|p| !p.fallback) {
        let original = original_edition(site, page.edition);
        if page.edition == original {
            continue;
        }
        let Some(orig) = site.page(original, &page.key).filter(|p| !p.fallback) else { continue };
        let source = site.source(page);
        let differences = crate::compare::compare_pages(site, site.source(orig), source);
        out.extend(crate::compare::diagnostics(site, &differences, source));
    }
    out
}

/// Errors translators can make that only show up across editions: a `key` or `source_hash`
/// that refers to no original page.
pub(crate) fn translation_diagnostics(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for source in &site.sources {
        let original = original_edition(site, source.edition);
        if source.edition == original || source.edition == site.default_edition {
            continue;
        }
        let has_original = site.page(original, &source.key).is_some_and(|p| !p.fallback);
        if has_original {
            continue;
        }
        let at = |field: &str| crate::content::front_matter_position(&source.path, &[field]);
        // A translation of a page that failed to load is a consequence of that page's error.
        let failed = site.failed.iter().find(|f| f.edition == original && f.key() == source.key);
        let follow = |d: Diagnostic| match failed {
            Some(f) => d.following(&f.path, Consequence::Translation),
            None => d,
        };
        if source.front.key.is_some() {
            let (line, column) = at("key");
            out.push(follow(
                Diagnostic::error(
                    &source.path,
                    line,
                    column,
                    format!("`key: {}` refers to no page of the original edition `{}`", source.key, site.config.editions[original].code),
                )
                .with_help(key_help(site, original, &source.key)),
            ));
        } else if source.front.source_hash.is_some() {
            let (line, column) = at("source_hash");
            out.push(follow(
                Diagnostic::error(
                    &source.path,
                    line,
                    column,
                    format!(
                        "`source_hash` is set, but the original edition `{}` has no page `{}`",
                        site.config.editions[original].code, source.key
                    ),
                )
                .with_help("give the file the same path as its original, or remove `source_hash`"),
            ));
        }
    }
    out
}

/// "did you mean" for a `key:` that names no page of the original edition.
fn key_help(site: &Site, original: usize, key: &str) -> String {
    let keys: Vec<&str> = site.pages.iter().filter(|p| p.edition == original && !p.fallback).map(|p| p.key.as_str()).collect();
    match crate::suggest::closest(key, keys.iter().copied()) {
        Some(best) => format!("did you mean `key: {best}`? Use the key (path without .md) of the original page, or remove `key:`"),
        None => "use the key (path without .md) of the original page, or remove `key:`".to_string(),
    }
}

/// The status of every non-original edition.
pub fn report(site: &Site) -> StatusReport {
    let mut editions = Vec::new();
    for e in 0..site.editions.len() {
        if e == site.default_edition {
            continue;
        }
        let original = original_edition(site, e);
        let config = &site.config.editions[e];
        let mut pages = Vec::new();
        let mut commitments = CommitmentReport::default();
        let mut reviews: BTreeMap<String, usize> = BTreeMap::new();
        let mut differences = Vec::new();
        for page in site.pages.iter().filter(|p| p.edition == e) {
            let Some(orig) = site.page(original, &page.key).filter(|p| !p.fallback) else { continue };
            let source = site.source(page);
            let path = source.path.strip_prefix(&site.root).unwrap_or(&source.path).to_string_lossy().replace('\\', "/");
            let (status, changed) = if page.fallback {
                let status = if config.fallback.is_empty() { PageStatus::Missing } else { PageStatus::Fallback };
                (status, Vec::new())
            } else {
                match staleness(site, page) {
                    Some(changed) => (PageStatus::Stale, changed),
                    None => (PageStatus::Translated, Vec::new()),
                }
            };
            let review = if page.fallback { None } else { source.front.review.clone() };
            if !page.fallback {
                let state = review.as_ref().map_or("none", |r| r.status.key());
                *reviews.entry(state.to_string()).or_insert(0) += 1;
            }
            pages.push(PageReport { key: page.key.clone(), path, status, changed, review });
            if !page.fallback {
                compare_commitments(site.source(orig), source, &mut commitments);
                differences.extend(crate::compare::compare_pages(site, site.source(orig), source));
            }
        }
        editions.push(EditionReport {
            code: config.code.clone(),
            name: config.name.clone(),
            pages,
            keys: compare_keys(site, e),
            commitments,
            progress_missing: progress_missing(site, e),
            reviews,
            differences,
        });
    }
    StatusReport { editions }
}

fn compare_commitments(original: &SourcePage, translation: &SourcePage, out: &mut CommitmentReport) {
    let orig: Vec<&str> = original.commitments.iter().map(|c| c.id.as_str()).collect();
    let tr: Vec<&str> = translation.commitments.iter().map(|c| c.id.as_str()).collect();
    out.missing.extend(orig.iter().filter(|id| !tr.contains(id)).map(|s| s.to_string()));
    out.extra.extend(tr.iter().filter(|id| !orig.contains(id)).map(|s| s.to_string()));
    let common_orig: Vec<&&str> = orig.iter().filter(|id| tr.contains(id)).collect();
    let common_tr: Vec<&&str> = tr.iter().filter(|id| orig.contains(id)).collect();
    out.out_of_order.extend(common_tr.iter().zip(common_orig.iter()).filter(|(a, b)| a != b).map(|(a, _)| a.to_string()));
}

fn compare_keys(site: &Site, edition: usize) -> KeyReport {
    let default = site.i18n.declared(site.default_edition);
    let own = site.i18n.declared(edition);
    KeyReport {
        missing: default.keys().filter(|k| !own.contains_key(*k)).cloned().collect(),
        unused: own.keys().filter(|k| !default.contains_key(*k)).cloned().collect(),
        // Only the edition's own files: a message it takes from the theme is not its translator's.
        mismatched: own
            .iter()
            .filter(|(_, info)| info.path.starts_with(site.root.join("locales")))
            .filter_map(|(k, info)| default.get(k).filter(|d| d.variables != info.variables).map(|_| k.clone()))
            .collect(),
    }
}

fn progress_missing(site: &Site, edition: usize) -> Vec<String> {
    if !site.data.progress_text_own.get(edition).copied().unwrap_or(false) && site.data.progress.updates.is_empty() {
        return Vec::new();
    }
    let explanations = &site.data.progress_text[edition].explanations;
    site.data
        .progress
        .updates
        .iter()
        .filter(|u| !explanations.get(&u.commitment).is_some_and(|m| m.contains_key(&u.date)) || !site.data.progress_text_own[edition])
        .map(|u| format!("{}@{}", u.commitment, u.date))
        .collect()
}

/// The report as a table for the terminal.
pub fn format_table(report: &StatusReport) -> String {
    let mut out = String::new();
    for e in &report.editions {
        let count = |s: PageStatus| e.pages.iter().filter(|p| p.status == s).count();
        out.push_str(&format!(
            "Edition {} ({}): {} pages — {} translated, {} stale, {} fallback, {} missing\n",
            e.code,
            e.name,
            e.pages.len(),
            count(PageStatus::Translated),
            count(PageStatus::Stale),
            count(PageStatus::Fallback),
            count(PageStatus::Missing)
        ));
        for p in e.pages.iter().filter(|p| p.status != PageStatus::Translated) {
            let changed = if p.changed.is_empty() { String::new() } else { format!("  changed: {}", p.changed.join(", ")) };
            out.push_str(&format!("  {:<10} {:<34} {}{}\n", p.status.as_str(), p.key, p.path, changed));
        }
        let list = |name: &str, v: &[String]| if v.is_empty() { String::new() } else { format!("  {name}: {}\n", v.join(", ")) };
        out.push_str(&format!(
            "  messages: {} missing, {} unused, {} with other variables\n",
            e.keys.missing.len(),
            e.keys.unused.len(),
            e.keys.mismatched.len()
        ));
        out.push_str(&list("missing messages", &e.keys.missing));
        out.push_str(&list("unused messages", &e.keys.unused));
        out.push_str(&list("messages with other variables", &e.keys.mismatched));
        out.push_str(&format!(
            "  commitments: {} missing, {} extra, {} out of order\n",
            e.commitments.missing.len(),
            e.commitments.extra.len(),
            e.commitments.out_of_order.len()
        ));
        out.push_str(&list("missing commitments", &e.commitments.missing));
        out.push_str(&list("extra commitments", &e.commitments.extra));
        out.push_str(&list("commitments out of order", &e.commitments.out_of_order));
        out.push_str(&list("progress updates without explanation", &e.progress_missing));
        let reviews: Vec<String> = ["machine", "checked", "approved", "none"]
            .iter()
            .map(|k| format!("{} {}", e.reviews.get(*k).copied().unwrap_or(0), if *k == "none" { "not recorded" } else { k }))
            .collect();
        out.push_str(&format!("  review: {}\n", reviews.join(", ")));
        let open: Vec<&crate::compare::Difference> = e.differences.iter().filter(|d| !d.checked).collect();
        out.push_str(&format!(
            "  numbers and negations: {} part(s) differ from the original, {} more marked as checked\n",
            open.len(),
            e.differences.len() - open.len()
        ));
        for d in open {
            out.push_str(&format!("    {}:{} {}: {}\n", d.path, d.line, d.part, crate::compare::describe(d)));
        }
        out.push('\n');
    }
    out
}

/// Writes the current `source_hash` of its original into a translation's front matter.
pub fn mark_current(site: &Site, path: &std::path::Path) -> Result<String, Diagnostic> {
    let canonical = std::fs::canonicalize(path).map_err(|e| Diagnostic::error(path, 0, 0, format!("cannot read: {e}")))?;
    let source = site.sources.iter().find(|s| std::fs::canonicalize(&s.path).ok().as_ref() == Some(&canonical)).ok_or_else(|| {
        Diagnostic::error(path, 0, 0, "this file is not a page of the site").with_help(
            match site.sources.iter().find(|s| s.edition != site.default_edition) {
                Some(s) => {
                    format!("give the path of a translated page, like {}", s.path.strip_prefix(&site.root).unwrap_or(&s.path).display())
                }
                None => "give the path of a page of a translated edition".to_string(),
            },
        )
    })?;
    let original = original_edition(site, source.edition);
    if source.edition == original {
        return Err(Diagnostic::error(path, 0, 0, "this page is an original, not a translation")
            .with_help("mark translations, in editions other than the default"));
    }
    let orig = site
        .page(original, &source.key)
        .filter(|p| !p.fallback)
        .ok_or_else(|| Diagnostic::error(path, 0, 0, format!("the original edition has no page `{}`", source.key)))?;
    let value = encode(&part_hashes(site.source(orig))?);
    let text = crate::content::read_text(&source.path)?;
    let crate::content::Split { front, body_start, .. } = crate::content::split_front_matter(&text, &source.path)?;
    let mut lines: Vec<String> = front.lines().filter(|l| !l.starts_with("source_hash:")).map(str::to_string).collect();
    lines.push(format!("source_hash: \"{value}\""));
    let updated = format!("---\n{}\n---\n{}", lines.join("\n"), &text[body_start..]);
    std::fs::write(&source.path, updated).map_err(|e| Diagnostic::error(&source.path, 0, 0, format!("cannot write: {e}")))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let mut parts = BTreeMap::new();
        parts.insert("title".to_string(), "abcd1234".to_string());
        parts.insert("c:w-1".to_string(), "00ff00ff".to_string());
        let encoded = encode(&parts);
        assert_eq!(encoded, "v1 c:w-1=00ff00ff title=abcd1234");
        assert_eq!(decode(&encoded), Some(parts));
        assert_eq!(decode("v0 x=1"), None);
    }

    #[test]
    fn whitespace_does_not_count() {
        assert_eq!(short("a  b\nc"), short("a b c"));
        assert_ne!(short("a b c"), short("a b d"));
    }

    #[test]
    fn changed_parts_lists_differences() {
        let a: BTreeMap<String, String> = [("x", "1"), ("y", "2")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let b: BTreeMap<String, String> =
            [("x", "1"), ("y", "3"), ("z", "4")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(changed_parts(&a, &b), vec!["y", "z"]);
    }
}
