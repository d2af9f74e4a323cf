//! Content checks for the Almere site: the three editions (`nl`, `en`, `eenvoudig`) against the
//! source text of the agreement and against each other.
//!
//! 1. coverage: every sentence of the source is on the nl pages (only listed corrections and
//!    exclusions allowed); the excluded finance table lines match `content/_data/finance.yaml`;
//! 2. commitments: the same `{#id}` markers in the same order in every edition, numbered 1..N;
//! 3. numbers: every number on a Dutch theme page is on its English page (English format) and
//!    on its eenvoudig page (Dutch format);
//! 4. readability of the eenvoudig pages (table printed; run with `-- --nocapture`);
//! 5. every nl page exists in `en` and `eenvoudig` (no fallbacks).
//!
//! Every test collects all gaps and fails once with the full list.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const EDITIONS: [&str; 3] = ["nl", "en", "eenvoudig"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())).replace("\r\n", "\n")
}

/// One page of one edition.
struct Page {
    /// Path relative to `content/<edition>/`, e.g. `opgaven/wonen.md`.
    rel: String,
    title: String,
    body: String,
}

impl Page {
    fn stem(&self) -> &str {
        let file = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        file.trim_end_matches(".md")
    }
}

/// YAML through plein's own parser (`plein::yaml`), as the site is read.
fn yaml<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> T {
    plein::yaml::parse(text, path, 1).unwrap_or_else(|d| panic!("{d}"))
}

fn split_front_matter(text: &str, path: &Path) -> (serde_json::Value, String) {
    let rest = text.strip_prefix("---\n").unwrap_or_else(|| panic!("{}: no front matter", path.display()));
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front: serde_json::Value = yaml(&rest[..offset], path);
            return (front, rest[offset + line.len()..].to_string());
        }
        offset += line.len();
    }
    panic!("{}: front matter not closed", path.display());
}

/// All pages of an edition, by translation key (front matter `key`, or the path without `.md`).
fn pages(edition: &str) -> BTreeMap<String, Page> {
    let dir = root().join("content").join(edition);
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.expect("walk content");
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let rel = path.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
        if rel.split('/').any(|seg| seg.starts_with('_') && seg != "_index.md") {
            continue; // _data and the like
        }
        let (front, body) = split_front_matter(&read(path), path);
        let title = front.get("title").and_then(|t| t.as_str()).unwrap_or("").to_string();
        let key = front.get("key").and_then(|k| k.as_str()).map(str::to_string).unwrap_or_else(|| rel.trim_end_matches(".md").to_string());
        out.insert(key, Page { rel, title, body });
    }
    out
}

/// A shortcode line: `{{ name(...) }}` on its own.
fn is_shortcode_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("{{") && t.ends_with("}}")
}

/// Removes a leading `{#id}` commitment marker from a block's text.
fn strip_marker(text: &str) -> &str {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix("{#") {
        if let Some(end) = rest.find('}') {
            if !rest[..end].contains(char::is_whitespace) {
                return rest[end + 1..].trim_start();
            }
        }
    }
    text
}

fn normalise_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Unifies typographic quotes and dashes that smart punctuation or an editor may introduce.
fn normalise_chars(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '‘' | '’' | '‚' | '′' => '\'',
            '“' | '”' | '„' => '"',
            '\u{a0}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect()
}

/// A text block of a markdown body: paragraph, list item, heading or table cell, with the
/// commitment id it belongs to (if any).
#[derive(Debug, Clone)]
struct Block {
    text: String,
    commitment: Option<String>,
    heading: bool,
}

/// The text blocks of a markdown body: front matter already removed, shortcode lines dropped,
/// markup stripped, commitment markers removed (the id is kept on the block).
fn blocks(body: &str) -> Vec<Block> {
    let body: String = body.lines().filter(|l| !is_shortcode_line(l)).map(|l| format!("{l}\n")).collect();
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut out: Vec<Block> = Vec::new();
    let mut current = String::new();
    let mut heading = false;
    // commitment of the innermost open list item
    let mut item_stack: Vec<Option<String>> = Vec::new();
    let mut item_fresh = false;
    let flush = |current: &mut String, out: &mut Vec<Block>, commitment: Option<String>, heading: bool| {
        let text = normalise_space(strip_marker(current));
        if !text.is_empty() {
            out.push(Block { text, commitment, heading });
        }
        current.clear();
    };
    for event in Parser::new_ext(&body, options) {
        let commitment = item_stack.last().cloned().flatten();
        match event {
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut out, commitment, false);
                item_stack.push(None);
                item_fresh = true;
            }
            Event::End(TagEnd::Item) => {
                flush(&mut current, &mut out, commitment, false);
                item_stack.pop();
            }
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut out, commitment, heading);
                heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut current, &mut out, commitment, true);
                heading = false;
            }
            Event::Start(Tag::Paragraph | Tag::TableCell | Tag::BlockQuote(_))
            | Event::End(TagEnd::Paragraph | TagEnd::TableCell | TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut out, commitment, heading);
            }
            Event::Text(t) | Event::Code(t) => {
                current.push_str(&t);
                if item_fresh {
                    // the marker is the start of the item's first text
                    let t = current.trim_start();
                    if let Some(rest) = t.strip_prefix("{#") {
                        if let Some(end) = rest.find('}') {
                            if let Some(top) = item_stack.last_mut() {
                                *top = Some(rest[..end].to_string());
                            }
                            item_fresh = false;
                        }
                    } else if !t.is_empty() && !"{#".starts_with(t) {
                        item_fresh = false;
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::FootnoteReference(_) => {}
            Event::Html(_) | Event::InlineHtml(_) => current.push(' '),
            _ => {}
        }
    }
    let commitment = item_stack.last().cloned().flatten();
    flush(&mut current, &mut out, commitment, heading);
    for b in &mut out {
        b.text = normalise_chars(&b.text);
    }
    out
}

fn block_texts(body: &str) -> Vec<String> {
    blocks(body).into_iter().map(|b| b.text).collect()
}

// ---------------------------------------------------------------------------------------------
// 1. Coverage of the source
// ---------------------------------------------------------------------------------------------

const SOURCE: &str = "tests/source/hoofdlijnenakkoord-almere-2026-2030.txt";

#[derive(serde::Deserialize)]
struct Exclusion {
    lines: String,
    reason: String,
}

#[derive(serde::Deserialize)]
struct Correction {
    source: String,
    corrected: String,
    #[allow(dead_code)]
    page: String,
}

fn exclusions() -> Vec<(usize, usize, String)> {
    let list: Vec<Exclusion> = yaml(&read(&root().join("tests/source/exclusions.yaml")), Path::new("exclusions.yaml"));
    list.into_iter()
        .map(|e| {
            let (a, b) = match e.lines.split_once('-') {
                Some((a, b)) => (a.trim().parse().unwrap(), b.trim().parse().unwrap()),
                None => {
                    let n = e.lines.trim().parse().unwrap();
                    (n, n)
                }
            };
            assert!(a <= b, "exclusion range {} is reversed", e.lines);
            (a, b, e.reason)
        })
        .collect()
}

fn is_excluded(line: usize, excl: &[(usize, usize, String)]) -> bool {
    excl.iter().any(|(a, b, _)| (*a..=*b).contains(&line))
}

/// Splits a line into sentences at `.`, `?` and `!` followed by a space (over-splitting at
/// abbreviations such as "incl." only makes pieces shorter, never hides a gap).
fn sentences(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        if matches!(c, '.' | '?' | '!') && chars.get(i + 1).is_some_and(|n| n.is_whitespace()) {
            out.push(std::mem::take(&mut current));
        }
    }
    out.push(current);
    out.into_iter().map(|s| normalise_space(&s)).filter(|s| !s.is_empty()).collect()
}

#[test]
fn coverage_every_source_sentence_is_on_the_nl_pages() {
    let source = read(&root().join(SOURCE));
    let excl = exclusions();
    let corrections: Vec<Correction> = yaml(&read(&root().join("content/nl/_data/corrections.yaml")), Path::new("corrections.yaml"));
    let total_lines = source.lines().count();
    let mut problems = Vec::new();
    for (a, b, reason) in &excl {
        if *a < 1 || *a > total_lines {
            problems.push(format!("exclusions.yaml: range {a}-{b} ({reason}) starts outside the source ({total_lines} lines)"));
        }
    }
    // every correction must match the source at least once, or it is a stale entry
    for c in &corrections {
        if !source.contains(&c.source) {
            problems.push(format!("corrections.yaml: source text {:?} does not occur in the source", c.source));
        }
    }

    // the nl pages as one text: front matter titles and the text blocks of every body, one
    // block per line so that no sentence can match across blocks
    let nl = pages("nl");
    let mut text = String::new();
    for page in nl.values() {
        text.push_str(&normalise_space(&normalise_chars(&page.title)));
        text.push('\n');
        for block in block_texts(&page.body) {
            text.push_str(&block);
            text.push('\n');
            if block == "Dit gaan we doen" {
                text.push_str("Dit gaan we doen:\n"); // the source's "Dit gaan we doen:" is this heading
            }
        }
    }

    let mut checked = 0;
    for (i, raw) in source.lines().enumerate() {
        let n = i + 1;
        if is_excluded(n, &excl) || raw.trim().is_empty() {
            continue;
        }
        let mut line = raw.to_string();
        for c in &corrections {
            line = line.replace(&c.source, &c.corrected);
        }
        let line = line.replace("**", "").replace('*', "");
        let line = normalise_chars(line.trim());
        let line = line.strip_prefix("- ").unwrap_or(&line);
        for sentence in sentences(line) {
            checked += 1;
            if !text.contains(&sentence) {
                problems.push(format!("source line {n}: not on any nl page: {sentence:?}"));
            }
        }
    }
    assert!(checked > 300, "only {checked} source sentences checked: is the source complete?");
    println!("coverage: {checked} source sentences checked against {} nl pages", nl.len());
    assert!(problems.is_empty(), "{} coverage gap(s):\n  {}", problems.len(), problems.join("\n  "));
}

/// Which excluded source lines hold which table of `content/_data/finance.yaml`.
const FINANCE_TABLE_LINES: [(usize, usize, &str); 5] = [
    (556, 603, "investeringen"),
    (607, 611, "neutraal-wonen"),
    (615, 624, "neutraal-jeugd"),
    (634, 647, "bezuinigingen"),
    (653, 662, "totaalbeeld"),
];

/// A Dutch amount cell such as `-3,0`, `0,25` or `33,1`.
fn dutch_amount(cell: &str) -> Option<f64> {
    let c = cell.trim();
    let digits = c.strip_prefix('-').unwrap_or(c);
    let (int, frac) = digits.split_once(',')?;
    if int.is_empty() || frac.is_empty() || !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    c.replace(',', ".").parse().ok()
}

#[test]
fn coverage_finance_table_lines_match_the_data() {
    let source = read(&root().join(SOURCE));
    let lines: Vec<&str> = source.lines().collect();
    let excl = exclusions();
    let data: serde_json::Value = yaml(&read(&root().join("content/_data/finance.yaml")), Path::new("finance.yaml"));
    let tables = data["tables"].as_array().expect("tables");
    let mut problems = Vec::new();
    for (from, to, id) in FINANCE_TABLE_LINES {
        for n in from..=to {
            if !is_excluded(n, &excl) {
                problems.push(format!("source line {n} (table {id}) is not in exclusions.yaml"));
            }
        }
        let Some(table) = tables.iter().find(|t| t["id"].as_str() == Some(id)) else {
            problems.push(format!("finance.yaml has no table {id:?}"));
            continue;
        };
        let kind_column = table["kind_column"].as_bool().unwrap_or(false);
        let ncols = table["columns"].as_array().map_or(0, |c| c.len());
        // (name, kind, values) of every row and total, each to be matched by one source line
        let mut entries: Vec<DataLine> = Vec::new();
        for part in ["rows", "totals"] {
            for r in table[part].as_array().into_iter().flatten() {
                let values = r["values"].as_array().expect("values").iter().map(|v| v.as_f64()).collect::<Vec<_>>();
                let kind = r["kind"].as_str().map(str::to_string);
                entries.push((format!("{part}/{}", r["id"].as_str().unwrap_or("?")), kind, values, false));
            }
        }
        for n in from..=to {
            let raw = lines[n - 1];
            let cells: Vec<&str> = raw.split('\t').collect();
            if cells.len() < 2 || !cells[1..].iter().any(|c| dutch_amount(c).is_some()) {
                continue; // unit line, header row, group heading or note
            }
            // amounts by column position; the last column of a kind table holds I/S or an amount
            let mut values: Vec<Option<f64>> = Vec::new();
            let mut kind: Option<&str> = None;
            for cell in &cells[1..] {
                let c = cell.trim();
                match c {
                    "" => values.push(None),
                    "I" if kind_column => {
                        kind = Some("incidental");
                        values.push(None)
                    }
                    "S" if kind_column => {
                        kind = Some("structural");
                        values.push(None)
                    }
                    _ => match dutch_amount(c) {
                        Some(v) => values.push(Some(v)),
                        None => {
                            problems.push(format!("source line {n} (table {id}): cell {c:?} is neither an amount nor a kind"));
                            values.push(None)
                        }
                    },
                }
            }
            values.resize(ncols.max(values.len()), None);
            let same = |a: &[Option<f64>], b: &[Option<f64>]| {
                a.len() == b.len()
                    && a.iter().zip(b).all(|(x, y)| match (x, y) {
                        (None, None) => true,
                        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
                        _ => false,
                    })
            };
            let found = entries.iter_mut().find(|(_, k, v, used)| {
                !*used && same(v, &values) && (kind.is_none() || k.as_deref() == kind || k.is_none() && kind.is_none())
            });
            match found {
                Some(e) => e.3 = true,
                None => problems.push(format!(
                    "source line {n} (table {id}): no row or total in finance.yaml has the values {:?}{}: {:?}",
                    values,
                    kind.map(|k| format!(" and kind {k}")).unwrap_or_default(),
                    raw.split('\t').next().unwrap_or("")
                )),
            }
        }
        for (name, _, values, used) in &entries {
            if !used {
                problems
                    .push(format!("finance.yaml table {id}: {name} {values:?} matches no line of the source table (lines {from}-{to})"));
            }
        }
    }
    assert!(problems.is_empty(), "{} finance table gap(s):\n  {}", problems.len(), problems.join("\n  "));
}

// ---------------------------------------------------------------------------------------------
// 2. Commitments
// ---------------------------------------------------------------------------------------------

/// All `{#id}` markers of a body, in order, outside code fences, with whether each one starts a
/// list item (a commitment).
fn markers(body: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in body.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let item_text = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| t.strip_prefix("+ "))
            .or_else(|| {
                let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
                (digits > 0).then(|| t[digits..].strip_prefix(". ").or_else(|| t[digits..].strip_prefix(") "))).flatten()
            })
            .map(str::trim_start);
        let mut rest = line;
        while let Some(pos) = rest.find("{#") {
            let after = &rest[pos + 2..];
            let Some(end) = after.find('}') else { break };
            let id = after[..end].to_string();
            let is_item = item_text.is_some_and(|it| it.starts_with(&format!("{{#{id}}}")));
            out.push((id, is_item));
            rest = &after[end + 1..];
        }
    }
    out
}

#[test]
fn commitments_same_ids_in_every_edition() {
    let editions: Vec<BTreeMap<String, Page>> = EDITIONS.iter().map(|e| pages(e)).collect();
    let mut problems = Vec::new();
    let mut total = 0;
    for (key, nl_page) in &editions[0] {
        let nl_markers = markers(&nl_page.body);
        // numbering of the nl page: <file-stem>-<n>, n = 1..N in order
        let stem = nl_page.stem().to_string();
        for (i, (id, is_item)) in nl_markers.iter().enumerate() {
            let expected = format!("{stem}-{}", i + 1);
            if *id != expected {
                problems.push(format!("nl/{}: marker {} is {{#{id}}}, expected {{#{expected}}}", nl_page.rel, i + 1));
            }
            if !is_item {
                problems.push(format!("nl/{}: {{#{id}}} does not start a list item", nl_page.rel));
            }
        }
        total += nl_markers.len();
        let nl_ids: Vec<&str> = nl_markers.iter().map(|(id, _)| id.as_str()).collect();
        for (e, pages) in EDITIONS.iter().zip(&editions).skip(1) {
            let Some(page) = pages.get(key) else {
                if !nl_ids.is_empty() {
                    problems.push(format!("{e}/{}: page missing, so its {} commitments are missing", nl_page.rel, nl_ids.len()));
                }
                continue;
            };
            let ms = markers(&page.body);
            let ids: Vec<&str> = ms.iter().map(|(id, _)| id.as_str()).collect();
            for (id, is_item) in &ms {
                if !is_item {
                    problems.push(format!("{e}/{}: {{#{id}}} does not start a list item", page.rel));
                }
            }
            if ids != nl_ids {
                let missing: Vec<&&str> = nl_ids.iter().filter(|id| !ids.contains(id)).collect();
                let extra: Vec<&&str> = ids.iter().filter(|id| !nl_ids.contains(id)).collect();
                let mut msg = format!("{e}/{}: ids differ from nl ({} vs {})", page.rel, ids.len(), nl_ids.len());
                if !missing.is_empty() {
                    let _ = write!(msg, "; missing {missing:?}");
                }
                if !extra.is_empty() {
                    let _ = write!(msg, "; extra {extra:?}");
                }
                if missing.is_empty() && extra.is_empty() {
                    let dup: BTreeSet<&&str> = ids.iter().filter(|id| ids.iter().filter(|x| x == id).count() > 1).collect();
                    if dup.is_empty() {
                        let _ = write!(msg, "; order differs: {ids:?}");
                    } else {
                        let _ = write!(msg, "; duplicated {dup:?}");
                    }
                }
                problems.push(msg);
            }
        }
    }
    assert!(total > 150, "only {total} commitments found on the nl pages");
    println!("commitments: {total} ids on the nl pages checked in {} editions", EDITIONS.len());
    assert!(problems.is_empty(), "{} commitment problem(s):\n  {}", problems.len(), problems.join("\n  "));
}

// ---------------------------------------------------------------------------------------------
// 3. Numbers
// ---------------------------------------------------------------------------------------------

/// The theme pages: every page in the three section folders (their intros included), plus the
/// introduction and the finance chapter, whose text also carries figures.
fn is_theme_page(key: &str) -> bool {
    ["opgaven/", "bestaande-stad/", "beleidsthemas/"].iter().any(|s| key.starts_with(s))
        || key == "inleiding"
        || key == "uitwerking-financien"
}

/// Numbers that are allowed to be absent from an edition's page, with the reason.
/// (edition, page key, number as written on the nl page, reason). Empty: nothing is exempt.
const NUMBER_EXEMPTIONS: &[(&str, &str, &str, &str)] = &[];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    Dutch,
    English,
}

/// A number as written: the text, its value, and whether the text is valid in `style`.
#[derive(Debug, Clone)]
struct Num {
    text: String,
    value: f64,
    valid: bool,
}

/// Parses a run of digits with `.`/`,` separators in a style. Thousands separators must be
/// followed by groups of exactly three digits; a single decimal separator may follow.
fn parse_number(text: &str, style: Style) -> (f64, bool) {
    let (thousands, decimal) = match style {
        Style::Dutch => ('.', ','),
        Style::English => (',', '.'),
    };
    let (int_part, frac_part) = match text.rsplit_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let groups: Vec<&str> = int_part.split(thousands).collect();
    let mut valid = !groups[0].is_empty() && groups[0].len() <= 3 || groups.len() == 1;
    valid &= groups.iter().all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()));
    valid &= groups.iter().skip(1).all(|g| g.len() == 3);
    if let Some(f) = frac_part {
        valid &= !f.is_empty() && f.chars().all(|c| c.is_ascii_digit());
    }
    let mut s: String = groups.concat();
    if let Some(f) = frac_part {
        s.push('.');
        s.push_str(f);
    }
    (s.parse().unwrap_or(f64::NAN), valid)
}

/// The numbers in a text. Tokens glued to letters (`D66`, `G40`, `IJ1`) are names, not
/// numbers: they are returned as literal text in the second list.
fn numbers(text: &str, style: Style) -> (Vec<Num>, Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut nums = Vec::new();
    let mut names = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit() || (matches!(chars[i], '.' | ',') && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())))
        {
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        let glued_before = start > 0 && chars[start - 1].is_alphabetic();
        let glued_after = chars.get(i).is_some_and(|c| c.is_alphabetic());
        if glued_before || glued_after {
            // a name such as D66 or a form such as "1e": keep the whole word as literal text
            let mut a = start;
            while a > 0 && chars[a - 1].is_alphanumeric() {
                a -= 1;
            }
            let mut b = i;
            while b < chars.len() && chars[b].is_alphanumeric() {
                b += 1;
            }
            names.push(chars[a..b].iter().collect());
            i = b;
            continue;
        }
        let (value, valid) = parse_number(&token, style);
        nums.push(Num { text: token, value, valid });
    }
    (nums, names)
}

#[test]
fn numbers_are_kept_in_every_edition() {
    let nl = pages("nl");
    let others: Vec<(&str, Style, BTreeMap<String, Page>)> =
        vec![("en", Style::English, pages("en")), ("eenvoudig", Style::Dutch, pages("eenvoudig"))];
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut used_exemptions = BTreeSet::new();
    for (key, page) in nl.iter().filter(|(k, _)| is_theme_page(k)) {
        let nl_text = block_texts(&page.body).join("\n");
        let (nl_nums, nl_names) = numbers(&nl_text, Style::Dutch);
        for n in nl_nums.iter().filter(|n| !n.valid) {
            problems.push(format!("nl/{}: {:?} is not a valid Dutch number", page.rel, n.text));
        }
        for (edition, style, pages) in &others {
            let Some(other) = pages.get(key) else {
                problems.push(format!("{edition}/{}: page missing, its numbers cannot be checked", page.rel));
                continue;
            };
            let text = block_texts(&other.body).join("\n");
            let (nums, names) = numbers(&text, *style);
            for n in nums.iter().filter(|n| !n.valid) {
                problems.push(format!(
                    "{edition}/{}: {:?} is not written the {} way",
                    other.rel,
                    n.text,
                    if *style == Style::English { "English" } else { "Dutch" }
                ));
            }
            let mut seen = BTreeSet::new();
            for n in &nl_nums {
                if !seen.insert(n.text.clone()) {
                    continue;
                }
                checked += 1;
                if nums.iter().any(|m| m.valid && (m.value - n.value).abs() < 1e-9) {
                    continue;
                }
                if let Some(ex) = NUMBER_EXEMPTIONS.iter().find(|(e, k, t, _)| e == edition && k == key && *t == n.text) {
                    used_exemptions.insert(ex.2);
                    continue;
                }
                let context = nl_text.lines().find(|l| numbers(l, Style::Dutch).0.iter().any(|m| m.text == n.text)).unwrap_or("");
                let short: String = context.chars().take(90).collect();
                problems.push(format!("{edition}/{}: number {} (nl {:?}) is missing; nl: {short:?}", other.rel, n.value, n.text));
            }
            for name in nl_names.iter().collect::<BTreeSet<_>>() {
                checked += 1;
                if !names.contains(name) && !text.contains(name.as_str()) {
                    problems.push(format!("{edition}/{}: {name:?} (a name with digits on the nl page) is missing", other.rel));
                }
            }
        }
    }
    println!("numbers: {checked} number checks on {} nl theme pages", nl.keys().filter(|k| is_theme_page(k)).count());
    assert!(problems.is_empty(), "{} number problem(s):\n  {}", problems.len(), problems.join("\n  "));
}

#[test]
fn number_parser_knows_both_styles() {
    let v = |t: &str, s| parse_number(t, s);
    assert_eq!(v("300.000", Style::Dutch), (300000.0, true));
    assert_eq!(v("0,25", Style::Dutch), (0.25, true));
    assert_eq!(v("3500", Style::Dutch), (3500.0, true));
    assert_eq!(v("300,000", Style::English), (300000.0, true));
    assert_eq!(v("3,500", Style::English), (3500.0, true));
    assert_eq!(v("0.25", Style::English), (0.25, true));
    assert!(!v("0,25", Style::English).1, "a decimal comma is not English");
    assert!(!v("0.25", Style::Dutch).1, "a decimal point is not Dutch");
    let (nums, names) = numbers("D66 en 18 tot 23 jaar, 30% en 2040.", Style::Dutch);
    assert_eq!(nums.iter().map(|n| n.value).collect::<Vec<_>>(), vec![18.0, 23.0, 30.0, 2040.0]);
    assert_eq!(names, vec!["D66".to_string()]);
}

// ---------------------------------------------------------------------------------------------
// 4. Readability
// ---------------------------------------------------------------------------------------------

const MIN_WORDS: usize = 60;
const MAX_WORDS_PER_SENTENCE: f64 = 12.0;
const MAX_LIX: f64 = 38.0;
const MIN_FLESCH_DOUMA: f64 = 60.0;
const MIN_GAIN_OVER_NL: f64 = 10.0;

#[test]
fn readability_of_the_plain_edition() {
    use plein::readability::measure;
    let nl = pages("nl");
    let plain = pages("eenvoudig");
    let en = pages("en");
    let mut problems = Vec::new();
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<34} {:>6} {:>5} {:>5} {:>6} | {:>6} {:>5} {:>5} {:>6} | {:>5}",
        "eenvoudig page", "words", "w/s", "LIX", "FD", "nl wds", "w/s", "LIX", "FD", "gain"
    );
    for (key, page) in &plain {
        let s = measure(&block_texts(&page.body));
        let o = nl.get(key).map(|p| measure(&block_texts(&p.body)));
        let measured = s.words > MIN_WORDS;
        let gain = o.map(|o| s.flesch_douma - o.flesch_douma);
        let _ = writeln!(
            table,
            "{:<34} {:>6} {:>5.1} {:>5.1} {:>6.1} | {} | {}{}",
            key,
            s.words,
            s.words_per_sentence,
            s.lix,
            s.flesch_douma,
            o.map(|o| format!("{:>6} {:>5.1} {:>5.1} {:>6.1}", o.words, o.words_per_sentence, o.lix, o.flesch_douma))
                .unwrap_or_else(|| format!("{:>26}", "(no nl page)")),
            gain.map(|g| format!("{g:>5.1}")).unwrap_or_else(|| format!("{:>5}", "-")),
            if measured { "" } else { "  (not measured: short)" }
        );
        if !measured {
            continue;
        }
        let mut why = Vec::new();
        if s.words_per_sentence > MAX_WORDS_PER_SENTENCE {
            why.push(format!("{:.1} words per sentence (max {MAX_WORDS_PER_SENTENCE})", s.words_per_sentence));
        }
        if s.lix > MAX_LIX {
            why.push(format!("LIX {:.1} (max {MAX_LIX})", s.lix));
        }
        if s.flesch_douma < MIN_FLESCH_DOUMA {
            why.push(format!("Flesch-Douma {:.1} (min {MIN_FLESCH_DOUMA})", s.flesch_douma));
        }
        match (o, gain) {
            (Some(o), Some(g)) if g < MIN_GAIN_OVER_NL => why.push(format!(
                "Flesch-Douma only {g:.1} above nl ({:.1} vs {:.1}; need +{MIN_GAIN_OVER_NL})",
                s.flesch_douma, o.flesch_douma
            )),
            (None, _) => why.push("no nl original to compare with".into()),
            _ => {}
        }
        if !why.is_empty() {
            problems.push(format!("eenvoudig/{}: {}", page.rel, why.join(", ")));
        }
    }
    let _ = writeln!(table, "\nEnglish pages (report only, not asserted):");
    let _ = writeln!(table, "{:<34} {:>6} {:>5} {:>6}", "en page", "words", "w/s", "FRE");
    for (key, page) in &en {
        let s = measure(&block_texts(&page.body));
        let _ = writeln!(table, "{:<34} {:>6} {:>5.1} {:>6.1}", key, s.words, s.words_per_sentence, s.flesch_reading_ease);
    }
    println!("readability (limits: pages over {MIN_WORDS} words; w/s <= {MAX_WORDS_PER_SENTENCE}, LIX <= {MAX_LIX}, FD >= {MIN_FLESCH_DOUMA}, FD >= nl + {MIN_GAIN_OVER_NL}):\n{table}");
    assert!(problems.is_empty(), "{} page(s) above the plain-language limits:\n  {}", problems.len(), problems.join("\n  "));
}

/// Plain language is ordinary adult Dutch, not a list of fragments: a plain edition where many
/// sentences start with "En" reads as childish (issue 22 counted 92 of 1,110).
const MAX_SHARE_STARTING_WITH_EN: f64 = 0.03;

#[test]
fn plain_sentences_rarely_start_with_en() {
    use plein::readability::sentences;
    let mut total = 0usize;
    let mut with_en = Vec::new();
    for page in pages("eenvoudig").values() {
        for block in block_texts(&page.body) {
            for sentence in sentences(&block) {
                total += 1;
                if sentence.starts_with("En ") {
                    with_en.push(format!("eenvoudig/{}: {sentence}", page.rel));
                }
            }
        }
    }
    let share = with_en.len() as f64 / total as f64;
    assert!(
        share < MAX_SHARE_STARTING_WITH_EN,
        "{} of {total} plain sentences ({:.1} %) start with \"En\" (fewer than {:.0} % allowed):\n  {}",
        with_en.len(),
        share * 100.0,
        MAX_SHARE_STARTING_WITH_EN * 100.0,
        with_en.join("\n  ")
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Every page in every edition
// ---------------------------------------------------------------------------------------------

/// eenvoudig pages that may be missing (served from nl with a notice), with the reason.
/// Empty: every nl page must have its own eenvoudig page.
const EENVOUDIG_MAY_BE_MISSING: &[(&str, &str)] = &[];

#[test]
fn every_nl_page_exists_in_every_edition() {
    let nl = pages("nl");
    let mut problems = Vec::new();
    for edition in &EDITIONS[1..] {
        let pages = pages(edition);
        for (key, page) in &nl {
            if pages.contains_key(key) {
                continue;
            }
            if *edition == "eenvoudig" && EENVOUDIG_MAY_BE_MISSING.iter().any(|(k, _)| k == key) {
                continue;
            }
            problems.push(format!("content/{edition}/{} is missing (nl has content/nl/{})", page.rel, page.rel));
        }
        for (key, page) in &pages {
            if !nl.contains_key(key) {
                problems.push(format!("content/{edition}/{} has no nl page with key {key:?}", page.rel));
            }
            if page.title.trim().is_empty() {
                problems.push(format!("content/{edition}/{} has no title", page.rel));
            }
        }
    }
    for (key, reason) in EENVOUDIG_MAY_BE_MISSING {
        assert!(!reason.is_empty(), "give a reason for allowing eenvoudig/{key} to be missing");
    }
    assert!(problems.is_empty(), "{} missing page(s):\n  {}", problems.len(), problems.join("\n  "));
}

// ---------------------------------------------------------------------------------------------
// self-checks of the helpers
// ---------------------------------------------------------------------------------------------

#[test]
fn blocks_strip_markup_markers_and_shortcodes() {
    let body =
        "Intro *met* **nadruk** en [link](@/x.md).\n\n## Dit gaan we doen\n\n- {#x-1} we doen iets;\n- {#x-2} nog iets.\n\n{{ pages() }}\n";
    let b = blocks(body);
    let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, vec!["Intro met nadruk en link.", "Dit gaan we doen", "we doen iets;", "nog iets."]);
    assert_eq!(b[2].commitment.as_deref(), Some("x-1"));
    assert!(b[1].heading);
    assert_eq!(markers(body), vec![("x-1".to_string(), true), ("x-2".to_string(), true)]);
    assert_eq!(sentences("Eén. Twee? Drie; vier"), vec!["Eén.", "Twee?", "Drie; vier"]);
}

/// A row or total of a finance table: name, kind, values, and whether a source line matched it.
type DataLine = (String, Option<String>, Vec<Option<f64>>, bool);
