//! Finance: the tables of figures (`content/_data/finance.yaml`, labels per edition in
//! `content/<edition>/_data/finance.yaml`), their checks (one value per column, stated totals
//! against their line items), the `finance` shortcode's `table` value and the tables' CSV files.
//!
//! The theme needs `shortcodes/finance.html` (see docs/theme.md, "Features").

pub(crate) mod schema;
pub(crate) use schema::*;

use crate::feature::{Feature, Named, Output, ShortcodeCall};
use crate::site::Site;
use serde::Serialize;
use std::collections::BTreeMap;

/// The template of the `finance` shortcode gets the table as `table`.
pub(crate) const SHORTCODE: &str = "finance";

/// Finance, as the engine sees it: the `finance` shortcode and the CSV files.
pub(crate) struct FinanceFeature;

impl Feature for FinanceFeature {
    fn shortcodes(&self) -> &'static [&'static str] {
        &[SHORTCODE]
    }

    fn shortcode(&self, call: &ShortcodeCall) -> Result<Vec<Named>, String> {
        let id = call.args.get("table").ok_or_else(|| format!("the {} shortcode needs table=\"id\"", call.name))?;
        Ok(vec![Named::new("table", table_context(call.site, call.edition, id)?)])
    }

    fn shortcode_help(&self, call: &ShortcodeCall) -> Option<String> {
        let id = call.args.get("table")?;
        let ids: Vec<&str> = call.site.data.finance.tables.iter().map(|t| t.id.as_str()).collect();
        let list = ids.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        Some(match crate::suggest::closest(id, ids.iter().copied()) {
            Some(best) => format!("did you mean `table=\"{best}\"`? The tables are {list}"),
            None if ids.is_empty() => "content/_data/finance.yaml has no tables".to_string(),
            None => format!("the tables in content/_data/finance.yaml are {list}"),
        })
    }

    fn outputs(&self, site: &Site) -> Vec<Output> {
        let mut out = Vec::new();
        for e in 0..site.editions.len() {
            for table in &site.data.finance.tables {
                out.push(Output {
                    edition: e,
                    path: format!("{}data/{}.csv", site.editions[e].path_prefix, table.id),
                    what: "CSV download of a finance table",
                    bytes: csv(site, e, &table.id).into_bytes(),
                });
            }
        }
        out
    }
}

/// `table` in the template of the `finance` shortcode: a finance table with its labels in the
/// edition's language, amounts formatted, stated totals kept and mismatches flagged.
#[derive(Serialize)]
pub(crate) struct TableContext<'a> {
    /// The table's id in `content/_data/finance.yaml` (for element ids).
    id: &'a str,
    /// The table's caption in the edition's language.
    caption: String,
    /// The kinds the table's rows use (structural, incidental), in that order, for the legend.
    legend: Vec<LegendItem>,
    /// A sentence on what the table shows (the chart's title too), if the edition gives one.
    summary: Option<String>,
    /// The note below the table, if any.
    note: Option<String>,
    /// The unit of the amounts ("× € 1 mln").
    unit: &'a str,
    /// The column headers in the edition's language.
    columns: Vec<String>,
    /// Whether the table has a column with each row's kind.
    kind_column: bool,
    /// The rows, in runs of the same group.
    groups: Vec<GroupContext>,
    /// The totals that are not a group's own total (overall totals, totals per kind).
    totals: Vec<TotalContext>,
    /// Every stated total that differs from the sum of its rows.
    mismatches: Vec<MismatchContext>,
    /// The one printed figure that explains every mismatch, if the data can tell.
    likely_cause: Option<LikelyCauseSummary>,
    /// The URL of the table's CSV file in this edition.
    csv_url: String,
    /// Bars of a simple chart of the table.
    chart: ChartContext,
}

/// One kind in a table's legend.
#[derive(Serialize)]
struct LegendItem {
    /// The kind's abbreviation as the kind column shows it.
    abbr: String,
    /// The kind's name in full.
    label: String,
}

/// A run of rows of the same group.
#[derive(Serialize)]
struct GroupContext {
    /// The group's label; null for rows without a group.
    label: Option<String>,
    /// The group's rows.
    rows: Vec<RowContext>,
    /// The group's own total, if the data states one.
    total: Option<TotalContext>,
}

/// One row of figures.
#[derive(Serialize)]
struct RowContext {
    /// The row's label in the edition's language.
    label: String,
    /// One formatted amount per column, empty where the source leaves the cell blank.
    cells: Vec<String>,
    /// The row's kind, abbreviated; empty without a kind.
    kind: String,
    /// The row's kind in full; empty without a kind.
    kind_label: String,
}

/// A stated total.
#[derive(Serialize)]
struct TotalContext {
    /// The total's label in the edition's language.
    label: String,
    /// One formatted amount per column, as the source states it.
    cells: Vec<String>,
    /// Whether some figure of it differs from the sum of its rows.
    mismatch: bool,
}

/// A stated figure that differs from the sum of its rows.
#[derive(Serialize)]
struct MismatchContext {
    /// The total's label.
    total: String,
    /// The column's label.
    column: String,
    /// The figure as the source states it.
    stated: String,
    /// The sum of the rows, as the site computed it.
    computed: String,
}

/// One likely cause, before it is summarised.
struct CauseContext {
    row: String,
    column: String,
    printed: String,
    fitting: String,
    sign: bool,
}

/// The likely cause of a table's mismatches, for the note.
#[derive(Serialize)]
struct LikelyCauseSummary {
    /// The label of the row whose printed figure is likely wrong.
    row: String,
    /// The figure as printed.
    printed: String,
    /// The figure that would make every stated total fit.
    fitting: String,
    /// Whether the fitting figure is the printed one with the other sign.
    sign: bool,
    /// The labels of the columns where this holds.
    columns: Vec<String>,
}

/// Bars of a simple chart: each group total (or row) summed over the year columns.
#[derive(Serialize)]
struct ChartContext {
    /// The bars, top to bottom.
    bars: Vec<Bar>,
    /// The chart's height in SVG units (28 per bar).
    height: usize,
    /// The label of the first column summed, if any.
    first_column: Option<String>,
    /// The label of the last column summed, if any.
    last_column: Option<String>,
}

/// One bar of a chart.
#[derive(Serialize)]
struct Bar {
    /// The group's (or row's) label.
    label: String,
    /// The sum, formatted.
    value: String,
    /// Whether the sum is below zero.
    negative: bool,
    /// The bar's length in percent of the longest bar (one decimal).
    width: f64,
    /// The bar's length in the chart's SVG units (300 for the longest), written as SVG wants it
    /// (`300`, `60.3`): computed here, since template arithmetic prints floats as `300.0`.
    length: String,
    /// The bar's top in SVG units.
    y: usize,
}

/// The `table` value of the `finance` shortcode for table `id`.
pub(crate) fn table_context<'a>(site: &'a Site, edition: usize, id: &str) -> Result<TableContext<'a>, String> {
    let table = site
        .data
        .finance
        .tables
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| format!("no finance table `{id}` in content/_data/finance.yaml"))?;
    let text = &site.data.finance_text[edition];
    let labels = text.tables.get(id).cloned().unwrap_or_default();
    let label = |map: &BTreeMap<String, String>, key: &str| map.get(key).cloned().unwrap_or_else(|| key.to_string());
    // Every cell with the decimals the source prints it with.
    let fmt = |v: Option<Amount>| v.map(|a| site.i18n.format_number(edition, a.value, Some(usize::from(a.decimals)))).unwrap_or_default();
    // A figure the site computed: with as many decimals as the most precise figure it came from.
    let column_decimals = |c: usize| -> usize {
        table
            .rows
            .iter()
            .map(|r| &r.values)
            .chain(table.totals.iter().map(|t| &t.values))
            .filter_map(|v| v.get(c).copied().flatten())
            .map(|a| usize::from(a.decimals))
            .max()
            .unwrap_or(0)
    };
    let fmt_computed =
        |v: Option<f64>, c: usize| v.map(|v| site.i18n.format_number(edition, v, Some(column_decimals(c)))).unwrap_or_default();
    let kind_abbr = |k: Option<Kind>| k.map(|k| label(&text.kinds, k.key())).unwrap_or_default();
    let kind_label = |k: Option<Kind>| k.map(|k| label(&text.kind_labels, k.key())).unwrap_or_default();
    let mismatches = total_mismatches(&site.data.finance);
    let total_context = |t: &FinanceTotal| TotalContext {
        label: label(&labels.totals, &t.id),
        cells: t.values.iter().map(|v| fmt(*v)).collect(),
        mismatch: mismatches.iter().any(|m| m.table == id && m.total == t.id),
    };
    let mut groups: Vec<GroupContext> = Vec::new();
    let mut current_group: Option<String> = None;
    for row in &table.rows {
        if row.group != current_group || groups.is_empty() {
            current_group = row.group.clone();
            let total = table.totals.iter().find(|t| t.group.is_some() && t.group == row.group && t.kind.is_none());
            groups.push(GroupContext {
                label: row.group.as_ref().map(|g| label(&labels.groups, g)),
                rows: Vec::new(),
                total: total.map(total_context),
            });
        }
        if let Some(group) = groups.last_mut() {
            group.rows.push(RowContext {
                label: label(&labels.rows, &row.id),
                cells: row.values.iter().map(|v| fmt(*v)).collect(),
                kind: kind_abbr(row.kind),
                kind_label: kind_label(row.kind),
            });
        }
    }
    let totals: Vec<TotalContext> = table.totals.iter().filter(|t| t.group.is_none() || t.kind.is_some()).map(total_context).collect();
    let column_index = |name: &str| table.columns.iter().position(|c| c == name).unwrap_or(0);
    let table_mismatches: Vec<MismatchContext> = mismatches
        .iter()
        .filter(|m| m.table == id)
        .map(|m| {
            let c = column_index(&m.column);
            // The stated figure as printed; the computed one with the same decimals, unless
            // that would round it.
            let printed = table.totals.iter().find(|t| t.id == m.total).and_then(|t| t.values.get(c).copied().flatten());
            let decimals = printed.map_or(column_decimals(c), |a| usize::from(a.decimals));
            let exact = |v: f64| ((v * 10f64.powi(decimals as i32)).round() / 10f64.powi(decimals as i32) - v).abs() < 1e-9;
            let computed_decimals = if m.computed.is_none_or(exact) { decimals } else { column_decimals(c) };
            let show = |v: Option<f64>, d: usize| v.map(|v| site.i18n.format_number(edition, v, Some(d))).unwrap_or_default();
            MismatchContext {
                total: label(&labels.totals, &m.total),
                column: label(&labels.columns, &m.column),
                stated: printed.map(|a| fmt(Some(a))).unwrap_or_else(|| show(m.stated, decimals)),
                computed: show(m.computed, computed_decimals),
            }
        })
        .collect();
    let causes: Vec<CauseContext> = likely_causes(table)
        .iter()
        .map(|cause| {
            let c = column_index(&cause.column);
            CauseContext {
                row: label(&labels.rows, &cause.row),
                column: label(&labels.columns, &cause.column),
                printed: fmt_computed(Some(cause.printed), c),
                fitting: fmt_computed(Some(cause.fitting), c),
                sign: cause.fitting == -cause.printed,
            }
        })
        .collect();
    // The legend of the kind column: each kind the table uses, in the order of the enum.
    let legend: Vec<LegendItem> = [Kind::Structural, Kind::Incidental]
        .into_iter()
        .filter(|k| table.rows.iter().any(|r| r.kind == Some(*k)))
        .map(|k| LegendItem { abbr: kind_abbr(Some(k)), label: kind_label(Some(k)) })
        .collect();
    Ok(TableContext {
        id: &table.id,
        caption: labels.caption.clone(),
        legend,
        summary: labels.summary.clone(),
        note: labels.note.clone(),
        unit: &text.unit,
        columns: table.columns.iter().map(|c| label(&labels.columns, c)).collect(),
        kind_column: table.kind_column,
        groups,
        totals,
        mismatches: table_mismatches,
        likely_cause: likely_cause_summary(&causes),
        csv_url: format!("{}data/{id}.csv", site.home_url(edition)),
        chart: chart(site, edition, table, &labels),
    })
}

/// The likely cause of a table's mismatches for the note: one row whose printed figure, if it
/// were another, makes every stated total fit. When the same row fits in every column with the
/// same figure, one sentence says so ("only fits if it is −0,25"); `columns` lists where.
fn likely_cause_summary(causes: &[CauseContext]) -> Option<LikelyCauseSummary> {
    let first = causes.first()?;
    let same = causes.iter().all(|c| c.row == first.row && c.fitting == first.fitting && c.printed == first.printed);
    if !same {
        return None;
    }
    Some(LikelyCauseSummary {
        row: first.row.clone(),
        printed: first.printed.clone(),
        fitting: first.fitting.clone(),
        sign: first.sign,
        columns: causes.iter().map(|c| c.column.clone()).collect(),
    })
}

/// Bars for a simple chart: each group total (or row) summed over the year columns.
fn chart(site: &Site, edition: usize, table: &FinanceTable, labels: &TableText) -> ChartContext {
    let years: Vec<usize> = table.columns.iter().enumerate().filter(|(_, c)| c.as_str() != PERIOD_COLUMN).map(|(i, _)| i).collect();
    let sum = |values: &[Option<Amount>]| -> f64 { years.iter().filter_map(|&i| values.get(i).copied().flatten()).map(|a| a.value).sum() };
    // The sums are the site's own figures, shown with the precision of the figures they add up.
    let decimals = table
        .rows
        .iter()
        .map(|r| &r.values)
        .chain(table.totals.iter().map(|t| &t.values))
        .flat_map(|v| v.iter().flatten())
        .map(|a| usize::from(a.decimals))
        .max()
        .unwrap_or(0);
    let group_totals: Vec<(String, f64)> = table
        .totals
        .iter()
        .filter(|t| t.group.is_some() && t.kind.is_none())
        .map(|t| (labels.totals.get(&t.id).cloned().unwrap_or(t.id.clone()), sum(&t.values)))
        .collect();
    let bars: Vec<(String, f64)> = if group_totals.is_empty() {
        table.rows.iter().map(|r| (labels.rows.get(&r.id).cloned().unwrap_or(r.id.clone()), sum(&r.values))).collect()
    } else {
        group_totals
    };
    let max = bars.iter().map(|(_, v)| v.abs()).fold(0.0_f64, f64::max).max(0.0001);
    let bars: Vec<Bar> = bars
        .iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let width = (value.abs() / max * 100.0 * 10.0).round() / 10.0;
            Bar {
                label: label.clone(),
                value: site.i18n.format_number(edition, (value * 100.0).round() / 100.0, Some(decimals)),
                negative: *value < 0.0,
                width,
                length: format!("{}", (width * 3.0 * 10.0).round() / 10.0),
                y: i * 28,
            }
        })
        .collect();
    let years_label: Vec<String> =
        years.iter().map(|&i| labels.columns.get(&table.columns[i]).cloned().unwrap_or(table.columns[i].clone())).collect();
    ChartContext { height: bars.len() * 28, bars, first_column: years_label.first().cloned(), last_column: years_label.last().cloned() }
}

/// A finance table as CSV (open data): labels in the edition's language, plain decimal points,
/// RFC 4180 quoting and CRLF line ends. Text cells that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) get a leading `'`, as the
/// OWASP guidance on CSV injection says; numbers stay numbers.
fn csv(site: &Site, edition: usize, id: &str) -> String {
    let Some(table) = site.data.finance.tables.iter().find(|t| t.id == id) else { return String::new() };
    let text = &site.data.finance_text[edition];
    let labels = text.tables.get(id).cloned().unwrap_or_default();
    // As printed: "-3.0" stays "-3.0".
    let num = |v: &Option<Amount>| v.map(|a| format!("{:.*}", usize::from(a.decimals), a.value)).unwrap_or_default();
    let mut out = String::new();
    let mut header = vec![String::new()];
    header.extend(table.columns.iter().map(|c| csv_text(labels.columns.get(c).map_or(c, |s| s))));
    if table.kind_column {
        header.push("kind".into());
    }
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in &table.rows {
        let mut line = vec![csv_text(labels.rows.get(&row.id).map_or(&row.id, |s| s))];
        line.extend(row.values.iter().map(num));
        if table.kind_column {
            line.push(row.kind.map(|k| k.key().to_string()).unwrap_or_default());
        }
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    for total in &table.totals {
        let mut line = vec![csv_text(labels.totals.get(&total.id).map_or(&total.id, |s| s))];
        line.extend(total.values.iter().map(num));
        if table.kind_column {
            line.push(String::new());
        }
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One text cell of a CSV file, neutralised and quoted.
fn csv_text(text: &str) -> String {
    let neutral = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn table() -> Finance {
        crate::yaml::parse(
            "tables:\n  - id: t\n    columns: [a, b, period]\n    rows:\n      - {id: r1, group: g, kind: structural, values: [1.0, 2.0, null]}\n      - {id: r2, group: g, kind: incidental, values: [0.5, null, null]}\n    totals:\n      - {id: tg, group: g, values: [1.5, 2.0, null]}\n      - {id: ti, kind: incidental, values: [0.7, null, 0.7]}\n",
            Path::new("finance.yaml"),
            1,
        )
        .unwrap()
    }

    #[test]
    fn consistent_totals_pass_and_wrong_ones_are_reported() {
        let m = total_mismatches(&table());
        assert_eq!(
            m,
            vec![TotalMismatch {
                table_index: 0,
                total_index: 1,
                column_index: 0,
                table: "t".into(),
                total: "ti".into(),
                column: "a".into(),
                stated: Some(0.7),
                computed: Some(0.5)
            }]
        );
    }

    #[test]
    fn the_likely_cause_is_a_row_with_the_wrong_sign() {
        let f: Finance = crate::yaml::parse(
            "tables:\n  - id: t\n    columns: [a]\n    rows:\n      - {id: up, group: g, kind: incidental, values: [0.25]}\n      - {id: down, group: h, kind: incidental, values: [-3.0]}\n    totals:\n      - {id: tg, group: g, values: [0.25]}\n      - {id: ti, kind: incidental, values: [-3.25]}\n",
            std::path::Path::new("finance.yaml"),
            1,
        )
        .unwrap();
        assert_eq!(f.tables[0].rows[1].values[0], Some(Amount { value: -3.0, decimals: 1 }), "the printed decimals are kept");
        let causes = likely_causes(&f.tables[0]);
        assert_eq!(causes, vec![LikelyCause { row: "up".into(), column: "a".into(), printed: 0.25, fitting: -0.25 }]);
    }

    #[test]
    fn period_column_sums_the_total_itself() {
        let f = table();
        let computed = computed_total(&f.tables[0], &f.tables[0].totals[1]);
        assert_eq!(computed, vec![Some(0.5), None, Some(0.7)]);
        assert_eq!(Amount::parse("-3.0"), Some(Amount { value: -3.0, decimals: 1 }));
        assert_eq!(Amount::parse("12"), Some(Amount { value: 12.0, decimals: 0 }));
        assert_eq!(Amount::parse("1e5"), None);
    }

    #[test]
    fn csv_cells_are_neutralised_and_quoted() {
        assert_eq!(csv_text("Wonen"), "Wonen");
        assert_eq!(csv_text("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("+1"), "'+1");
        assert_eq!(csv_text("-x"), "'-x");
        assert_eq!(csv_text("\tx"), "'\tx");
        assert_eq!(csv_text("a\rb"), "\"a\rb\"");
        assert_eq!(csv_text("\rb"), "\"'\rb\"");
        assert_eq!(csv_text("a, b"), "\"a, b\"");
    }
}
