//! Numbers and negations compared across editions: each commitment and each paragraph of a
//! translated or plain page against its original. A translation that drops "30%", turns
//! "0,25 miljoen" into "2.5 million" or adds a "not" is reported by `plein status` and, as a
//! warning, by `plein check`.
//!
//! Normalisation (documented in TRANSLATING.md):
//! - the edition's language decides the separators: `nl` reads "1.500,5", other languages
//!   "1,500.5"; a lone separator followed by exactly three digits is a thousands separator;
//! - "miljoen"/"million"/"mln", "miljard"/"billion"/"mld"/"bn" and "duizend"/"thousand" multiply, so
//!   "0,25 miljoen" = "250.000 euro" = "0.25 million" = "€250,000"; in a range ("45 tot 60
//!   miljoen") the first number takes the scale of the second;
//! - "%", "procent" and "percent" make a percentage (30% ≠ 30);
//! - "€" and "euro" are dropped: an amount is its number;
//! - the number words two to twelve count as numbers in Dutch and English ("drie" = 3), when
//!   both editions are in one of these languages;
//! - the same number twice counts once: repeating a figure is a matter of style;
//! - negations are the words niet, geen, nooit, niets, niemand, nergens, zonder (Dutch) and not,
//!   no, never, nothing, none, nobody, nowhere, without, cannot and words ending in n't
//!   (English); a translated part differs when it has another number of them, a plain-language
//!   part when it has none where the original has some, or the other way round.
//!
//! A translator who has looked at a difference and found it right lists the part in the
//! page's front matter: `checked_differences: [c:wonen-3, intro]`.

use crate::content::SourcePage;
use crate::diagnostics::Diagnostic;
use crate::site::Site;
use serde::Serialize;
use std::collections::BTreeSet;

/// One number as it stands in a text, with its normalised form.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Figure {
    /// The text as written ("0,25 miljoen").
    pub(crate) printed: String,
    /// The value normalised: "250000", "30%".
    pub(crate) key: String,
}

/// A part of a page whose numbers or negations differ from the original's.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Difference {
    pub(crate) key: String,
    pub(crate) path: String,
    /// `c:<id>` for a commitment, `intro`/`s:<id>` (the original's heading id) for the prose of
    /// a section, with `/p<n>` for its n-th paragraph when both editions have as many.
    pub(crate) part: String,
    /// Line of the part in the translation.
    pub(crate) line: usize,
    /// Numbers of the original that the translation lacks, as the original prints them.
    pub(crate) missing: Vec<String>,
    /// Numbers of the translation that the original lacks, as the translation prints them.
    pub(crate) extra: Vec<String>,
    pub(crate) negations_original: usize,
    pub(crate) negations_translation: usize,
    /// Listed in the page's `checked_differences`.
    pub(crate) checked: bool,
    /// The translation is a plain-language version (negations compared by presence only).
    #[serde(skip)]
    pub(crate) plain: bool,
}

/// A comparable part of a page: name, text, line.
struct Part {
    name: String,
    text: String,
    line: usize,
}

/// Every difference between `translation` and its `original`.
pub(crate) fn compare_pages(site: &Site, original: &SourcePage, translation: &SourcePage) -> Vec<Difference> {
    let (Ok(orig_body), Ok(tr_body)) = (original.read_body(), translation.read_body()) else { return Vec::new() };
    let orig_lang = &site.config.editions[original.edition].lang;
    let tr_lang = &site.config.editions[translation.edition].lang;
    let path = translation.path.strip_prefix(&site.root).unwrap_or(&translation.path).to_string_lossy().replace('\\', "/");
    let mut out = Vec::new();
    let checked = &translation.front.checked_differences;
    let plain = site.config.editions[translation.edition].plain_of.is_some();
    // "six" against "6" is only fair when both languages have their number words listed.
    let with_words = !number_words(orig_lang).is_empty() && !number_words(tr_lang).is_empty();
    let mut compare = |name: &str, a: &str, b: &str, line: usize| {
        let (fa, fb) = (figures(a, orig_lang, with_words), figures(b, tr_lang, with_words));
        let keys_a: BTreeSet<&str> = fa.iter().map(|f| f.key.as_str()).collect();
        let keys_b: BTreeSet<&str> = fb.iter().map(|f| f.key.as_str()).collect();
        let mut missing: Vec<String> = Vec::new();
        for f in fa.iter().filter(|f| !keys_b.contains(f.key.as_str())) {
            if !missing.contains(&f.printed) {
                missing.push(f.printed.clone());
            }
        }
        let mut extra: Vec<String> = Vec::new();
        for f in fb.iter().filter(|f| !keys_a.contains(f.key.as_str())) {
            if !extra.contains(&f.printed) {
                extra.push(f.printed.clone());
            }
        }
        let (na, nb) = (negations(a), negations(b));
        // Plain language rewrites sentences, and "not … no" may become one "no": there only a
        // negation that appears or disappears counts.
        let negation_differs = if plain { (na == 0) != (nb == 0) } else { na != nb };
        if !missing.is_empty() || !extra.is_empty() || negation_differs {
            out.push(Difference {
                key: translation.key.clone(),
                path: path.clone(),
                part: name.to_string(),
                line,
                missing,
                extra,
                negations_original: na,
                negations_translation: nb,
                checked: checked.iter().any(|c| c == name),
                plain,
            });
        }
    };
    for c in &translation.commitments {
        if let Some(o) = original.commitments.iter().find(|o| o.id == c.id) {
            compare(&format!("c:{}", c.id), &o.text, &c.text, c.line);
        }
    }
    let orig_parts = prose_parts(&orig_body, original.body_line);
    let tr_parts = prose_parts(&tr_body, translation.body_line);
    if orig_parts.len() == tr_parts.len() {
        for (o, t) in orig_parts.iter().zip(&tr_parts) {
            let (op, tp) = (paragraphs(&o.text, o.line), paragraphs(&t.text, t.line));
            if op.len() == tp.len() && op.len() > 1 {
                for (n, (a, b)) in op.iter().zip(&tp).enumerate() {
                    compare(&format!("{}/p{}", o.name, n + 1), &a.text, &b.text, b.line);
                }
            } else {
                compare(&o.name, &o.text, &t.text, tp.first().map_or(t.line, |p| p.line));
            }
        }
    } else {
        let join = |parts: &[Part]| parts.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n\n");
        compare("body", &join(&orig_parts), &join(&tr_parts), translation.body_line);
    }
    out
}

/// Warnings for `plein check`: every difference not marked as checked, and every
/// `checked_differences` entry that names no difference (left over after a fix).
pub(crate) fn diagnostics(site: &Site, differences: &[Difference], translation: &SourcePage) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in differences.iter().filter(|d| !d.checked) {
        out.push(
            Diagnostic::warning(
                &translation.path,
                d.line,
                1,
                format!("numbers or negations differ from the original in `{}`: {}", d.part, describe(d)),
            )
            .with_help("correct the translation, or if it is right list the part under `checked_differences:` in the front matter"),
        );
    }
    let text = std::fs::read_to_string(&translation.path).unwrap_or_default();
    for name in &translation.front.checked_differences {
        if !differences.iter().any(|d| &d.part == name) {
            let line = text.lines().position(|l| l.contains(name.as_str())).map_or(1, |l| l + 1);
            out.push(
                Diagnostic::warning(
                    &translation.path,
                    line,
                    1,
                    format!("`{name}` is listed in `checked_differences`, but it no longer differs"),
                )
                .with_help("remove it from `checked_differences`"),
            );
        }
    }
    let _ = site;
    out
}

/// A difference in words, for the terminal.
pub(crate) fn describe(d: &Difference) -> String {
    let mut parts = Vec::new();
    if !d.missing.is_empty() {
        parts.push(format!("missing {}", d.missing.join(", ")));
    }
    if !d.extra.is_empty() {
        parts.push(format!("extra {}", d.extra.join(", ")));
    }
    if d.negations_original != d.negations_translation && (d.negations_original == 0 || d.negations_translation == 0 || !d.plain) {
        parts.push(format!("negations {} in the original, {} here", d.negations_original, d.negations_translation));
    }
    parts.join("; ")
}

/// The prose of a body per section (text before the first heading: `intro`; then `s:<id>`),
/// without commitments (compared on their own), shortcodes, code and markup that carries no
/// text (commitment markers, link targets).
fn prose_parts(body: &str, first_line: usize) -> Vec<Part> {
    let mut parts = vec![Part { name: "intro".into(), text: String::new(), line: first_line }];
    // Headings and their ids from the one scan of the body, so that part names are the ids the
    // HTML gets (`s:een`, `s:een-1`) and a `#` that starts no heading is text.
    let index = crate::diagnostics::LineIndex::new(body);
    let headings: std::collections::HashMap<usize, String> =
        crate::markdown::scan(body).headings.into_iter().map(|h| (index.position(h.offset).0 - 1, h.id)).collect();
    let mut in_fence = false;
    for (i, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || (trimmed.starts_with("{{") && trimmed.ends_with("}}")) {
            continue;
        }
        if let Some(id) = headings.get(&i) {
            let heading = trimmed.trim_start_matches('#').trim();
            parts.push(Part { name: format!("s:{id}"), text: format!("{heading}\n"), line: first_line + i });
            continue;
        }
        let is_commitment = ["- {#", "* {#", "+ {#"].iter().any(|m| trimmed.starts_with(m));
        if is_commitment {
            // Its own text is compared with the commitment; a blank line keeps paragraphs apart.
            if let Some(p) = parts.last_mut() {
                p.text.push('\n');
            }
            continue;
        }
        if let Some(p) = parts.last_mut() {
            p.text.push_str(line);
            p.text.push('\n');
        }
    }
    if parts[0].text.trim().is_empty() && parts.len() > 1 {
        parts.remove(0);
    }
    parts
}

/// The paragraphs of a text (separated by blank lines), with their lines.
fn paragraphs(text: &str, first_line: usize) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    let mut current: Option<Part> = None;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            out.extend(current.take());
        } else {
            let part = current.get_or_insert_with(|| Part { name: String::new(), text: String::new(), line: first_line + i });
            part.text.push_str(line);
            part.text.push('\n');
        }
    }
    out.extend(current);
    out
}

/// Removes what is markup, not text: link targets `](...)`, commitment markers `{#id}`,
/// heading ids, footnote references `[^1]` and raw HTML tags.
fn visible_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let skip_to = |open: &str, close: char| -> Option<usize> {
            rest.strip_prefix(open).and_then(|r| r.find(close).map(|e| open.len() + e + close.len_utf8()))
        };
        let skip = skip_to("](", ')').or_else(|| skip_to("{#", '}')).or_else(|| skip_to("[^", ']')).or_else(|| {
            (c == '<' && rest[1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/')).then(|| skip_to("<", '>')).flatten()
        });
        match skip {
            Some(n) => {
                if rest.starts_with("](") {
                    out.push(']');
                }
                rest = &rest[n..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

const SCALES: &[(&str, f64)] = &[
    ("miljoen", 1e6),
    ("miljoenen", 1e6),
    ("million", 1e6),
    ("millions", 1e6),
    ("mln", 1e6),
    ("miljard", 1e9),
    ("miljarden", 1e9),
    ("billion", 1e9),
    ("mld", 1e9),
    ("bn", 1e9),
    ("duizend", 1e3),
    ("thousand", 1e3),
];

/// The number words of a language; "ten" and "elf" are other words in Dutch ("ten minste").
fn number_words(lang: &str) -> &'static [(&'static str, u32)] {
    if lang == "nl" || lang.starts_with("nl-") {
        &NUMBER_WORDS[..10]
    } else if lang == "en" || lang.starts_with("en-") {
        &NUMBER_WORDS[11..]
    } else {
        &[]
    }
}

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("twee", 2),
    ("drie", 3),
    ("vier", 4),
    ("vijf", 5),
    ("zes", 6),
    ("zeven", 7),
    ("acht", 8),
    ("negen", 9),
    ("tien", 10),
    ("twaalf", 12),
    ("elf", 11),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
];

const RANGE_WORDS: &[&str] = &["tot", "to", "-", "–", "en", "and", "of", "or", "à"];

const NEGATIONS: &[&str] = &[
    "niet", "geen", "nooit", "niets", "niemand", "nergens", "zonder", "not", "no", "never", "nothing", "none", "nobody", "nowhere",
    "without", "cannot",
];

/// Number of negation words in a text.
pub(crate) fn negations(text: &str) -> usize {
    words(&visible_text(text))
        .iter()
        .filter(|w| {
            let w = w.to_lowercase().replace('’', "'");
            NEGATIONS.contains(&w.as_str()) || w.ends_with("n't")
        })
        .count()
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).filter(|w| !w.is_empty()).collect()
}

/// A token of a text: a number, a word or a sign, with its byte range.
#[derive(Debug)]
enum Token<'a> {
    Number(&'a str),
    Word(&'a str),
    Sign(&'a str),
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (start, c) = bytes[i];
        let previous = if i > 0 { Some(bytes[i - 1].1) } else { None };
        let starts_number = c.is_ascii_digit()
            || ((c == '-' || c == '−')
                && bytes.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit())
                && previous.is_none_or(|p| p.is_whitespace() || p == '(' || p == '€'));
        if starts_number {
            let mut j = i + 1;
            while j < bytes.len() {
                let ch = bytes[j].1;
                let separator_then_digit = (ch == '.' || ch == ',') && bytes.get(j + 1).is_some_and(|(_, n)| n.is_ascii_digit());
                if ch.is_ascii_digit() || separator_then_digit {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = bytes.get(j).map_or(text.len(), |(e, _)| *e);
            out.push(Token::Number(&text[start..end]));
            i = j;
        } else if c.is_alphabetic() {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j].1.is_alphabetic() {
                j += 1;
            }
            let end = bytes.get(j).map_or(text.len(), |(e, _)| *e);
            out.push(Token::Word(&text[start..end]));
            i = j;
        } else {
            if !c.is_whitespace() {
                out.push(Token::Sign(&text[start..start + c.len_utf8()]));
            }
            i += 1;
        }
    }
    out
}

/// Reads a number as written in language `lang`.
fn parse_number(text: &str, lang: &str) -> Option<f64> {
    let negative = text.starts_with('-') || text.starts_with('−');
    let digits = text.trim_start_matches(['-', '−']);
    let (decimal, group) = if lang == "nl" || lang.starts_with("nl-") { (',', '.') } else { ('.', ',') };
    let mut normal = String::new();
    let groups: Vec<&str> = digits.split(group).collect();
    // "1.500" in Dutch is 1500, but "2.5" is not a Dutch number: read it the other way round.
    let grouped_ok = groups.len() > 1 && groups[1..].iter().all(|g| g.split(decimal).next().is_some_and(|h| h.len() == 3));
    let digits = if groups.len() > 1 && !grouped_ok && !digits.contains(decimal) {
        digits.replace(group, &decimal.to_string())
    } else {
        digits.replace(group, "")
    };
    for ch in digits.chars() {
        normal.push(if ch == decimal { '.' } else { ch });
    }
    let value: f64 = normal.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// Every number of a text, normalised (see the module documentation).
pub(crate) fn figures(text: &str, lang: &str, with_words: bool) -> Vec<Figure> {
    let visible = visible_text(text);
    let tokens = tokens(&visible);
    struct Raw {
        printed: String,
        value: f64,
        scale: Option<f64>,
        percent: bool,
    }
    let mut raw: Vec<Raw> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (value, mut printed) = match tokens[i] {
            Token::Number(n) => match parse_number(n, lang) {
                Some(v) => (v, n.to_string()),
                None => {
                    i += 1;
                    continue;
                }
            },
            Token::Word(w) => match number_words(lang).iter().filter(|_| with_words).find(|(word, _)| w.eq_ignore_ascii_case(word)) {
                Some((_, n)) => (f64::from(*n), w.to_string()),
                None => {
                    i += 1;
                    continue;
                }
            },
            Token::Sign(_) => {
                i += 1;
                continue;
            }
        };
        let mut scale = None;
        let mut percent = false;
        let mut j = i + 1;
        // "€ 2,5 miljoen", "2,5 mln euro", "30 procent", "30%".
        while let Some(t) = tokens.get(j) {
            match t {
                Token::Word(w) if scale.is_none() && SCALES.iter().any(|(s, _)| w.eq_ignore_ascii_case(s)) => {
                    scale = SCALES.iter().find(|(s, _)| w.eq_ignore_ascii_case(s)).map(|(_, v)| *v);
                    printed.push(' ');
                    printed.push_str(w);
                }
                Token::Word(w) if w.eq_ignore_ascii_case("procent") || w.eq_ignore_ascii_case("percent") => {
                    percent = true;
                    printed.push(' ');
                    printed.push_str(w);
                }
                Token::Sign("%") => {
                    percent = true;
                    printed.push('%');
                }
                Token::Word(w) if w.eq_ignore_ascii_case("euro") || w.eq_ignore_ascii_case("euros") => {}
                _ => break,
            }
            j += 1;
            if percent {
                break;
            }
        }
        raw.push(Raw { printed, value, scale, percent });
        i = j;
    }
    // A range shares its scale: "45 tot 60 miljoen" is 45 million to 60 million.
    let n = raw.len();
    for k in 0..n.saturating_sub(1) {
        if raw[k].scale.is_none() && raw[k + 1].scale.is_some() {
            let between = between_words(&visible, &raw[k].printed, &raw[k + 1].printed);
            if between.is_some_and(|w| RANGE_WORDS.contains(&w.as_str())) {
                raw[k].scale = raw[k + 1].scale;
            }
        }
    }
    raw.into_iter()
        .map(|r| {
            let value = r.value * r.scale.unwrap_or(1.0);
            let rounded = (value * 1e6).round() / 1e6;
            let mut key = format!("{rounded}");
            if r.percent {
                key.push('%');
            }
            Figure { printed: r.printed, key }
        })
        .collect()
}

/// The text between the first `a` and the next `b` after it, trimmed and lowercased, if short.
fn between_words(text: &str, a: &str, b: &str) -> Option<String> {
    let first = a.split(' ').next()?;
    let second = b.split(' ').next()?;
    let start = text.find(first)? + first.len();
    let end = text[start..].find(second)? + start;
    let between = text[start..end].trim().to_lowercase();
    (between.split_whitespace().count() <= 1).then_some(between)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, lang: &str) -> Vec<String> {
        figures(text, lang, true).into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn amounts_are_normalised_across_languages() {
        assert_eq!(keys("0,25 miljoen", "nl"), vec!["250000"]);
        assert_eq!(keys("250.000 euro", "nl"), vec!["250000"]);
        assert_eq!(keys("0.25 million", "en"), vec!["250000"]);
        assert_eq!(keys("€250,000", "en"), vec!["250000"]);
        assert_eq!(keys("€ 2,5 mln", "nl"), vec!["2500000"]);
        assert_eq!(keys("-3,0", "nl"), vec!["-3"]);
        assert_eq!(keys("45 tot 60 miljoen euro", "nl"), vec!["45000000", "60000000"]);
        assert_eq!(keys("45 to 60 million euros", "en"), vec!["45000000", "60000000"]);
    }

    #[test]
    fn percentages_years_ranges_and_words() {
        assert_eq!(keys("30% sociale huur, 35 procent", "nl"), vec!["30%", "35%"]);
        assert_eq!(keys("30 percent", "en"), vec!["30%"]);
        assert_eq!(keys("in 2027-2030", "nl"), vec!["2027", "2030"]);
        assert_eq!(keys("drie wijken", "nl"), keys("three districts", "en"));
        assert_eq!(keys("1.500 woningen", "nl"), keys("1,500 homes", "en"));
    }

    #[test]
    fn markup_carries_no_numbers() {
        assert!(keys("zie [opgave](@/opgaven/wonen.md#wonen-3)", "nl").is_empty());
        assert!(keys("{#wonen-12} we bouwen", "nl").is_empty());
    }

    #[test]
    fn negations_are_counted() {
        assert_eq!(negations("We verhogen de lasten niet, en geen extra heffing."), 2);
        assert_eq!(negations("We don't raise taxes and add no levy."), 2);
        assert_eq!(negations("Nothingness is notable."), 0);
    }

    #[test]
    fn paragraphs_and_sections() {
        let parts = prose_parts("Een 1.\n\nTwee 2.\n\n## Doel\n\n- {#a-1} x 3\n\nDrie 4.\n", 5);
        assert_eq!(parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["intro", "s:doel"]);
        assert_eq!(paragraphs(&parts[0].text, parts[0].line).len(), 2);
        assert!(!parts[1].text.contains('3'), "commitments are compared on their own");
    }
}
