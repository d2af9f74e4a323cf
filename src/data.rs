//! Typed data files: figures (finance tables), glossary, portfolio division, corrections and
//! progress updates. Language-neutral values live in `content/_data/`, each edition's text in
//! `content/<edition>/_data/`. Shapes are checked strictly, and stated totals are checked against
//! their line items.

use crate::content::{edition_data_path, parse_data, shared_data_path, DataFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Structural or incidental (one-off) money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Structural,
    Incidental,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Structural => "structural",
            Kind::Incidental => "incidental",
        }
    }
}

/// `content/_data/finance.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Finance {
    pub tables: Vec<FinanceTable>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FinanceTable {
    pub id: String,
    pub columns: Vec<String>,
    #[serde(default)]
    pub kind_column: bool,
    pub rows: Vec<FinanceRow>,
    #[serde(default)]
    pub totals: Vec<FinanceTotal>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FinanceRow {
    pub id: String,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub kind: Option<Kind>,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FinanceTotal {
    pub id: String,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub kind: Option<Kind>,
    pub values: Vec<Option<f64>>,
}

/// The column id whose value, for a total, is the sum of the total's other columns.
pub const PERIOD_COLUMN: &str = "period";

/// `content/<edition>/_data/finance.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FinanceText {
    pub unit: String,
    pub tables: BTreeMap<String, TableText>,
    #[serde(default)]
    pub kinds: BTreeMap<String, String>,
    #[serde(default)]
    pub kind_labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TableText {
    pub caption: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    #[serde(default)]
    pub groups: BTreeMap<String, String>,
    #[serde(default)]
    pub rows: BTreeMap<String, String>,
    #[serde(default)]
    pub totals: BTreeMap<String, String>,
}

/// One entry of `content/<edition>/_data/glossary.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub term: String,
    /// Other spellings marked as this term ("HBO" beside "hbo"): one entry, one anchor.
    #[serde(default)]
    pub also: Vec<String>,
    #[serde(default)]
    pub expansion: Option<String>,
    pub explanation: String,
}

/// `content/_data/portfolio.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Mayor,
    Alderman,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub party: Option<String>,
    #[serde(default)]
    pub themes: Vec<String>,
}

/// `content/<edition>/_data/portfolio.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PortfolioText {
    pub members: BTreeMap<String, MemberText>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MemberText {
    pub title: String,
    #[serde(default)]
    pub portfolio: Option<String>,
    #[serde(default)]
    pub groups: Vec<TopicGroup>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TopicGroup {
    #[serde(default)]
    pub heading: Option<String>,
    pub topics: Vec<String>,
}

/// One entry of `content/<edition>/_data/corrections.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub source: String,
    pub corrected: String,
    pub page: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// Status of a commitment in a progress update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Planned,
    Started,
    Done,
    Changed,
    Stopped,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::Planned, Status::Started, Status::Done, Status::Changed, Status::Stopped];
    pub fn key(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Started => "started",
            Status::Done => "done",
            Status::Changed => "changed",
            Status::Stopped => "stopped",
        }
    }
}

/// `content/_data/progress.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    #[serde(default)]
    pub updates: Vec<Update>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    pub commitment: String,
    pub date: String,
    pub status: Status,
    #[serde(default)]
    pub links: Vec<DocumentLink>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentLink {
    pub url: String,
    pub title: String,
}

/// `content/<edition>/_data/progress.yaml`: explanation per commitment and update date.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ProgressText {
    #[serde(default)]
    pub explanations: BTreeMap<String, BTreeMap<String, String>>,
}

/// All typed data of a site, per edition where it is text.
#[derive(Debug, Default)]
pub struct SiteData {
    pub finance: Finance,
    pub finance_text: Vec<FinanceText>,
    pub glossary: Vec<Vec<GlossaryEntry>>,
    pub portfolio: Portfolio,
    pub portfolio_text: Vec<PortfolioText>,
    pub corrections: Vec<Vec<Correction>>,
    pub progress: Progress,
    /// Path of progress.yaml, for positioned diagnostics.
    pub progress_path: Option<std::path::PathBuf>,
    pub progress_text: Vec<ProgressText>,
    /// Which edition's file each edition's progress text came from (for "missing" reports).
    pub progress_text_own: Vec<bool>,
    /// Every data file, generic, per edition (for templates: `data.NAME`).
    pub generic: Vec<BTreeMap<String, serde_json::Value>>,
}

/// Loads the typed data for every edition; `chains` are the editions' fallback chains.
pub fn load(files: &[DataFile], chains: &[Vec<usize>], diagnostics: &Diagnostics) -> SiteData {
    let shared = |name: &str| shared_data_path(files, name);
    let mut data = SiteData {
        finance: load_shared(shared("finance"), diagnostics),
        portfolio: load_shared(shared("portfolio"), diagnostics),
        progress: load_shared(shared("progress"), diagnostics),
        progress_path: shared("progress").map(|f| f.path.clone()),
        ..SiteData::default()
    };
    if let Some(file) = shared("finance") {
        check_finance_shape(&data.finance, &file.path, diagnostics);
        diagnostics.extend(check_totals(&data.finance, &file.path));
    }
    for chain in chains {
        let per = |name: &str| edition_data_path(files, name, chain);
        data.finance_text.push(load_shared(per("finance"), diagnostics));
        data.glossary.push(load_shared(per("glossary"), diagnostics));
        if let (Some(file), Some(entries)) = (per("glossary").filter(|f| f.edition == Some(chain[0])), data.glossary.last()) {
            check_glossary(entries, &file.path, diagnostics);
        }
        data.portfolio_text.push(load_shared(per("portfolio"), diagnostics));
        data.corrections.push(load_shared(per("corrections"), diagnostics));
        data.progress_text.push(load_shared(per("progress"), diagnostics));
        data.progress_text_own.push(per("progress").is_some_and(|f| f.edition == Some(chain[0])));
        data.generic.push(crate::content::generic_data(files, chain, &Diagnostics::new()));
    }
    data
}

fn load_shared<T: serde::de::DeserializeOwned + Default>(file: Option<&DataFile>, diagnostics: &Diagnostics) -> T {
    match file {
        None => T::default(),
        Some(file) => parse_data(file).unwrap_or_else(|d| {
            diagnostics.push(d.with_help("see docs/content-format.md for the shape of this data file"));
            T::default()
        }),
    }
}

/// Two spellings of a glossary (terms and their `also`) that give the same anchor would give one
/// page two elements with the same id: one entry with `also:` says they are the same term.
fn check_glossary(entries: &[GlossaryEntry], path: &Path, diagnostics: &Diagnostics) {
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

fn check_finance_shape(finance: &Finance, path: &Path, diagnostics: &Diagnostics) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    for table in &finance.tables {
        let lines = table.rows.iter().map(|r| (&r.id, r.values.len())).chain(table.totals.iter().map(|t| (&t.id, t.values.len())));
        for (id, count) in lines {
            if count != table.columns.len() {
                let (line, column) = position_of_id(&text, id);
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        line,
                        column,
                        format!("`{id}` in table `{}` has {count} values but the table has {} columns", table.id, table.columns.len()),
                    )
                    .with_help("give one value per column; write null for a blank cell"),
                );
            }
        }
    }
}

/// Where `id: X` stands in a YAML file (for positioned warnings).
pub fn position_of_id(text: &str, id: &str) -> (usize, usize) {
    let needles = [format!("id: {id},"), format!("id: {id}}}"), format!("id: {id}\n"), format!("id: \"{id}\""), format!("id: {id}")];
    for needle in &needles {
        if let Some(offset) = text.find(needle.as_str()) {
            return crate::diagnostics::LineIndex::new(text).position(offset);
        }
    }
    (0, 0)
}

/// The computed value of each column of a total, from the table's rows.
pub fn computed_total(table: &FinanceTable, total: &FinanceTotal) -> Vec<Option<f64>> {
    let rows: Vec<&FinanceRow> = table
        .rows
        .iter()
        .filter(|r| total.group.as_ref().is_none_or(|g| r.group.as_ref() == Some(g)))
        .filter(|r| total.kind.is_none_or(|k| r.kind == Some(k)))
        .collect();
    let mut out: Vec<Option<f64>> = (0..table.columns.len())
        .map(|c| {
            let values: Vec<f64> = rows.iter().filter_map(|r| r.values.get(c).copied().flatten()).collect();
            (!values.is_empty()).then(|| round2(values.iter().sum()))
        })
        .collect();
    if let Some(period) = table.columns.iter().position(|c| c == PERIOD_COLUMN) {
        if out[period].is_none() && total.values.get(period).copied().flatten().is_some() {
            let own: f64 = total.values.iter().enumerate().filter(|(c, _)| *c != period).filter_map(|(_, v)| *v).sum();
            out[period] = Some(round2(own));
        }
    }
    out
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// One stated total that does not match its line items.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalMismatch {
    pub table: String,
    pub total: String,
    pub column: String,
    pub stated: Option<f64>,
    pub computed: Option<f64>,
}

/// Every stated total that differs from the sum of its rows.
pub fn total_mismatches(finance: &Finance) -> Vec<TotalMismatch> {
    let mut out = Vec::new();
    for table in &finance.tables {
        for total in &table.totals {
            let computed = computed_total(table, total);
            for (c, column) in table.columns.iter().enumerate() {
                let stated = total.values.get(c).copied().flatten().map(round2);
                let calc = computed.get(c).copied().flatten();
                let differs = match (stated, calc) {
                    (Some(s), Some(k)) => (s - k).abs() > 0.001,
                    (Some(s), None) => s.abs() > 0.001,
                    (None, Some(k)) => k.abs() > 0.001,
                    (None, None) => false,
                };
                if differs {
                    out.push(TotalMismatch {
                        table: table.id.clone(),
                        total: total.id.clone(),
                        column: column.clone(),
                        stated,
                        computed: calc,
                    });
                }
            }
        }
    }
    out
}

fn check_totals(finance: &Finance, path: &Path) -> Vec<Diagnostic> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let show = |v: Option<f64>| v.map_or("blank".to_string(), |v| format!("{v}"));
    total_mismatches(finance)
        .into_iter()
        .map(|m| {
            let (line, column) = position_of_id(&text, &m.total);
            Diagnostic::warning(
                path,
                line,
                column,
                format!(
                    "total `{}` of table `{}`, column `{}`: stated {}, but its line items add up to {}",
                    m.total,
                    m.table,
                    m.column,
                    show(m.stated),
                    show(m.computed)
                ),
            )
            .with_help("if the source states this figure, keep it and explain the difference in the table's note")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Finance {
        serde_yaml::from_str(
            "tables:\n  - id: t\n    columns: [a, b, period]\n    rows:\n      - {id: r1, group: g, kind: structural, values: [1.0, 2.0, null]}\n      - {id: r2, group: g, kind: incidental, values: [0.5, null, null]}\n    totals:\n      - {id: tg, group: g, values: [1.5, 2.0, null]}\n      - {id: ti, kind: incidental, values: [0.7, null, 0.7]}\n",
        )
        .unwrap()
    }

    #[test]
    fn consistent_totals_pass_and_wrong_ones_are_reported() {
        let m = total_mismatches(&table());
        assert_eq!(
            m,
            vec![TotalMismatch { table: "t".into(), total: "ti".into(), column: "a".into(), stated: Some(0.7), computed: Some(0.5) }]
        );
    }

    #[test]
    fn period_column_sums_the_total_itself() {
        let f = table();
        let computed = computed_total(&f.tables[0], &f.tables[0].totals[1]);
        assert_eq!(computed, vec![Some(0.5), None, Some(0.7)]);
    }
}
