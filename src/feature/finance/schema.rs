//! The finance feature's data as the data files write it, and its checks that need nothing but
//! the files: read by `data` before there is a site (the rest of the feature works on the site).
use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
/// Structural or incidental (one-off) money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Structural,
    Incidental,
}

impl Kind {
    pub(crate) fn key(self) -> &'static str {
        match self {
            Kind::Structural => "structural",
            Kind::Incidental => "incidental",
        }
    }
}

/// `content/_data/finance.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Finance {
    pub(crate) tables: Vec<FinanceTable>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FinanceTable {
    pub(crate) id: String,
    pub(crate) columns: Vec<String>,
    #[serde(default)]
    pub(crate) kind_column: bool,
    pub(crate) rows: Vec<FinanceRow>,
    #[serde(default)]
    pub(crate) totals: Vec<FinanceTotal>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FinanceRow {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) group: Option<String>,
    #[serde(default)]
    pub(crate) kind: Option<Kind>,
    pub(crate) values: Vec<Option<Amount>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FinanceTotal {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) group: Option<String>,
    #[serde(default)]
    pub(crate) kind: Option<Kind>,
    pub(crate) values: Vec<Option<Amount>>,
}

/// An amount as the source prints it: its value and the number of decimals it is printed with
/// ("-3,0" is `-3.0` with one decimal, not `-3`). Read from the YAML scalar as written, so the
/// data file keeps the source's precision cell by cell.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct Amount {
    pub(crate) value: f64,
    pub(crate) decimals: u8,
}

impl Amount {
    /// Parses a number as written in the data file (`-3.0`, `0.25`, `12`).
    pub(crate) fn parse(text: &str) -> Option<Amount> {
        let text = text.trim();
        let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let plain = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !plain(whole) || !plain(fraction) || fraction.len() > 6 {
            return None;
        }
        Some(Amount { value: text.parse().ok()?, decimals: fraction.len() as u8 })
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number like -3.0 or 0.25")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::parse(v).ok_or_else(|| E::custom(format!("`{v}` is not an amount; write a number like -3.0 or 0.25")))
            }
            // Other readers than serde_yaml may hand over the number itself: its shortest form
            // is then the best guess of the printed decimals.
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Amount, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount { value: v as f64, decimals: 0 })
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount { value: v as f64, decimals: 0 })
            }
        }
        // serde_yaml gives a plain scalar's text as written when asked for a string: that is
        // where the printed decimals are.
        deserializer.deserialize_str(Visitor)
    }
}

/// The column id whose value, for a total, is the sum of the total's other columns.
pub(crate) const PERIOD_COLUMN: &str = "period";

/// `content/<edition>/_data/finance.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct FinanceText {
    pub(crate) unit: String,
    pub(crate) tables: BTreeMap<String, TableText>,
    #[serde(default)]
    pub(crate) kinds: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) kind_labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct TableText {
    pub(crate) caption: String,
    #[serde(default)]
    pub(crate) summary: Option<String>,
    #[serde(default)]
    pub(crate) note: Option<String>,
    #[serde(default)]
    pub(crate) columns: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) groups: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) rows: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) totals: BTreeMap<String, String>,
}

/// Checks the tables' shape (one value per column) and their stated totals.
pub(crate) fn check(finance: &Finance, path: &Path, diagnostics: &Diagnostics) {
    check_shape(finance, path, diagnostics);
    diagnostics.extend(check_totals(finance, path));
}

fn check_shape(finance: &Finance, path: &Path, diagnostics: &Diagnostics) {
    let index = std::cell::OnceCell::new();
    for (t, table) in finance.tables.iter().enumerate() {
        let lines = table.rows.iter().enumerate().map(|(i, r)| ("rows", i, &r.id, r.values.len()));
        let lines = lines.chain(table.totals.iter().enumerate().map(|(i, r)| ("totals", i, &r.id, r.values.len())));
        for (list, i, id, count) in lines {
            if count != table.columns.len() {
                let (line, column) =
                    index.get_or_init(|| crate::feature::file_index(path)).at(&["tables", &t.to_string(), list, &i.to_string(), "values"]);
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

/// The computed value of each column of a total, from the table's rows.
pub(crate) fn computed_total(table: &FinanceTable, total: &FinanceTotal) -> Vec<Option<f64>> {
    let rows: Vec<&FinanceRow> = table
        .rows
        .iter()
        .filter(|r| total.group.as_ref().is_none_or(|g| r.group.as_ref() == Some(g)))
        .filter(|r| total.kind.is_none_or(|k| r.kind == Some(k)))
        .collect();
    let mut out: Vec<Option<f64>> = (0..table.columns.len())
        .map(|c| {
            let values: Vec<f64> = rows.iter().filter_map(|r| r.values.get(c).copied().flatten()).map(|a| a.value).collect();
            (!values.is_empty()).then(|| round2(values.iter().sum()))
        })
        .collect();
    if let Some(period) = table.columns.iter().position(|c| c == PERIOD_COLUMN) {
        if out[period].is_none() && total.values.get(period).copied().flatten().is_some() {
            let own: f64 = total.values.iter().enumerate().filter(|(c, _)| *c != period).filter_map(|(_, v)| v.map(|a| a.value)).sum();
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
pub(crate) struct TotalMismatch {
    pub(crate) table: String,
    /// Where the figure stands: the table's, the total's and the column's index.
    pub(crate) table_index: usize,
    pub(crate) total_index: usize,
    pub(crate) column_index: usize,
    pub(crate) total: String,
    pub(crate) column: String,
    pub(crate) stated: Option<f64>,
    pub(crate) computed: Option<f64>,
}

/// Every stated total that differs from the sum of its rows.
pub(crate) fn total_mismatches(finance: &Finance) -> Vec<TotalMismatch> {
    let mut out = Vec::new();
    for (table_index, table) in finance.tables.iter().enumerate() {
        for (total_index, total) in table.totals.iter().enumerate() {
            let computed = computed_total(table, total);
            for (c, column) in table.columns.iter().enumerate() {
                let stated = total.values.get(c).copied().flatten().map(|a| round2(a.value));
                let calc = computed.get(c).copied().flatten();
                let differs = match (stated, calc) {
                    (Some(s), Some(k)) => (s - k).abs() > 0.001,
                    (Some(s), None) => s.abs() > 0.001,
                    (None, Some(k)) => k.abs() > 0.001,
                    (None, None) => false,
                };
                if differs {
                    out.push(TotalMismatch {
                        table_index,
                        total_index,
                        column_index: c,
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

/// A printed figure that, if it were `fitting` instead, would make every stated total of its
/// column add up: the likely misprint behind a mismatch.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LikelyCause {
    pub(crate) row: String,
    pub(crate) column: String,
    pub(crate) printed: f64,
    pub(crate) fitting: f64,
}

/// For every column with a mismatch: the one row whose figure, with the opposite sign, makes
/// every mismatched total of that column fit (a dropped or added minus is the commonest
/// misprint); failing that, the one row whose figure, changed, makes every total of the column
/// fit. Nothing when no row or several rows would do: the data cannot tell which it is.
pub(crate) fn likely_causes(table: &FinanceTable) -> Vec<LikelyCause> {
    let finance = Finance { tables: vec![table.clone()] };
    let mismatches = total_mismatches(&finance);
    let mut out = Vec::new();
    for (c, column) in table.columns.iter().enumerate() {
        let here: Vec<&TotalMismatch> = mismatches.iter().filter(|m| &m.column == column).collect();
        let Some(first) = here.first() else { continue };
        let (Some(stated), Some(computed)) = (first.stated, first.computed) else { continue };
        let delta = stated - computed;
        let in_total = |row: &FinanceRow, total_id: &str| {
            table.totals.iter().find(|t| t.id == total_id).is_some_and(|t| {
                t.group.as_ref().is_none_or(|g| row.group.as_ref() == Some(g)) && t.kind.is_none_or(|k| row.kind == Some(k))
            })
        };
        let fixes = |r: usize, fitting: f64, all: bool| {
            let mut trial = table.clone();
            if let Some(cell) = trial.rows[r].values[c].as_mut() {
                cell.value = fitting;
            }
            let after = total_mismatches(&Finance { tables: vec![trial] });
            if all {
                after.iter().all(|m| &m.column != column)
            } else {
                here.iter().all(|m| !after.iter().any(|a| a.column == m.column && a.total == m.total))
            }
        };
        let mut sign = Vec::new();
        let mut any = Vec::new();
        for (r, row) in table.rows.iter().enumerate() {
            let Some(printed) = row.values.get(c).copied().flatten() else { continue };
            if !here.iter().all(|m| in_total(row, &m.total)) {
                continue;
            }
            let fitting = round2(printed.value + delta);
            let cause = LikelyCause { row: row.id.clone(), column: column.clone(), printed: printed.value, fitting };
            if (fitting + printed.value).abs() < 0.001 && fixes(r, fitting, false) {
                sign.push(cause.clone());
            }
            if fixes(r, fitting, true) {
                any.push(cause);
            }
        }
        if sign.len() == 1 {
            out.extend(sign);
        } else if any.len() == 1 {
            out.extend(any);
        }
    }
    out
}

fn check_totals(finance: &Finance, path: &Path) -> Vec<Diagnostic> {
    let index = std::cell::OnceCell::new();
    let show = |v: Option<f64>| v.map_or("blank".to_string(), |v| format!("{v}"));
    total_mismatches(finance)
        .into_iter()
        .map(|m| {
            let (line, column) = index.get_or_init(|| crate::feature::file_index(path)).at(&[
                "tables",
                &m.table_index.to_string(),
                "totals",
                &m.total_index.to_string(),
                "values",
                &m.column_index.to_string(),
            ]);
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
