//! Glossary: the terms of each edition (`content/<edition>/_data/glossary.yaml`), the check that
//! no two spellings share an anchor, the terms the markdown marks at first use, and the entries
//! a page lists (`page.terms`). The glossary page itself is a page template of the theme
//! (`glossary.html` reads `data.glossary`); the engine does not name it.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Term;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One entry of `content/<edition>/_data/glossary.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GlossaryEntry {
    pub(crate) term: String,
    /// Other spellings marked as this term ("HBO" beside "hbo"): one entry, one anchor.
    #[serde(default)]
    pub(crate) also: Vec<String>,
    #[serde(default)]
    pub(crate) expansion: Option<String>,
    pub(crate) explanation: String,
}

/// Two spellings of a glossary (terms and their `also`) that give the same anchor would give one
/// page two elements with the same id: one entry with `also:` says they are the same term.
pub(crate) fn check(entries: &[GlossaryEntry], path: &Path, diagnostics: &Diagnostics) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    // Line of the n-th `- term:` entry, for positions (entries are written one `- term:` each).
    let lines: Vec<usize> = text.lines().enumerate().filter(|(_, l)| l.trim_start().starts_with("- term:")).map(|(n, _)| n + 1).collect();
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for spelling in std::iter::once(&entry.term).chain(&entry.also) {
            let slug = slug::slugify(spelling);
            match seen.get(&slug) {
                Some(first) if *first != entry.term.as_str() => diagnostics.push(
                    Diagnostic::error(
                        path,
                        lines.get(i).copied().unwrap_or(0),
                        1,
                        format!("glossary term `{spelling}` has the same anchor as `{first}`"),
                    )
                    .with_help(format!("make it one entry: `term: {first}` with `also: [{spelling}]`")),
                ),
                Some(_) => {}
                None => {
                    seen.insert(slug, entry.term.as_str());
                }
            }
        }
    }
}

/// The anchor of a glossary term's explanation on a page.
pub(crate) fn term_anchor(term: &str) -> String {
    let slug = slug::slugify(term);
    format!("term-{}", if slug.is_empty() { "x".to_string() } else { slug })
}

/// The terms the markdown marks at first use: every spelling of every entry, each pointing at
/// its entry's anchor.
pub(crate) fn markdown_terms(entries: &[GlossaryEntry]) -> Vec<Term> {
    entries
        .iter()
        .enumerate()
        .flat_map(|(entry, g)| {
            std::iter::once(&g.term).chain(&g.also).map(move |spelling| Term {
                term: spelling.clone(),
                entry,
                anchor: term_anchor(&g.term),
                expansion: g.expansion.clone(),
            })
        })
        .collect()
}

/// One glossary entry a page uses (`page.terms[]`, `agreement.terms[]`).
#[derive(Serialize)]
pub(crate) struct TermContext<'a> {
    /// The term as the glossary writes it.
    term: &'a str,
    /// The id of its explanation on the page (`term-…`).
    anchor: String,
    /// What an abbreviation stands for, if it is one.
    expansion: Option<&'a str>,
    /// The explanation.
    explanation: &'a str,
}

/// The entries `used` (indexes into the edition's glossary) as a page lists them.
pub(crate) fn used_terms<'a>(entries: &'a [GlossaryEntry], used: &[usize]) -> Vec<TermContext<'a>> {
    used.iter()
        .filter_map(|&i| entries.get(i))
        .map(|g| TermContext {
            term: &g.term,
            anchor: term_anchor(&g.term),
            expansion: g.expansion.as_deref(),
            explanation: &g.explanation,
        })
        .collect()
}
