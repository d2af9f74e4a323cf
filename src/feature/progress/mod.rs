//! Progress per commitment: validation of `content/_data/progress.yaml`, the data of the
//! progress overview page and the Atom feeds of status changes.
//!
//! The updates are language-neutral (`content/_data/progress.yaml`): commitment id, date, status
//! and links. Each edition explains an update in its own words in
//! `content/<edition>/_data/progress.yaml` (`explanations: {wonen-1: {"2027-03-01": "..."}}`).
//! A commitment's current status is its last update; updates are listed oldest first.

//!
//! The theme needs `progress.html` (a page template that gets `progress`), and may have
//! `partials/commitment.html` (after each commitment) and use `page.progress_summary` (see
//! docs/theme.md, "Features").

pub(crate) mod schema;
pub(crate) use schema::*;

use crate::config::is_date;
use crate::content::CommitmentRef;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::feature::{Feature, Named, Output, PageRendering, Partial};
use crate::site::{Page, Site};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// `updated` of a feed without any update and without a document date in site.yaml: a fixed
/// date, so that builds are reproducible.
const EMPTY_FEED_UPDATED: &str = "1970-01-01T00:00:00Z";

/// The template of the progress overview page (its page is the feed's `alternate` link).
pub(crate) const TEMPLATE: &str = "progress.html";

/// The partial shown after each commitment: its status and history.
pub(crate) const COMMITMENT_PARTIAL: &str = "partials/commitment.html";

/// Progress, as the engine sees it: the overview page's `progress`, `page.progress_summary`,
/// the partial after each commitment and the feeds.
pub(crate) struct ProgressFeature;

impl Feature for ProgressFeature {
    fn page_template(&self) -> Option<&'static str> {
        Some(TEMPLATE)
    }

    fn page_value(&self, site: &Site, page: &Page, _: &dyn PageRendering, _: &Diagnostics) -> Option<Named> {
        Some(Named::new("progress", overview(site, page.edition)))
    }

    fn page_fields(&self, site: &Site, page: &Page) -> Vec<Named> {
        let ids = site.source(page).commitments.iter().map(|c| c.id.as_str());
        vec![Named::new("progress_summary", summary(site, ids))]
    }

    fn commitment(&self, site: &Site, edition: usize, id: &str) -> Option<Partial> {
        Some(Partial { template: COMMITMENT_PARTIAL, values: vec![Named::new("progress", commitment_progress(site, edition, id))] })
    }

    fn validate(&self, site: &Site, diagnostics: &Diagnostics) {
        validate(site, diagnostics);
    }

    fn outputs(&self, site: &Site) -> Vec<Output> {
        (0..site.editions.len())
            .map(|e| Output {
                edition: e,
                path: format!("{}feed.xml", site.editions[e].path_prefix),
                what: "progress feed",
                bytes: feed(site, e).into_bytes(),
            })
            .collect()
    }
}

/// Checks progress updates against the site's commitments: unknown ids, malformed or future
/// dates, updates of one commitment out of order, links that are not web addresses, and
/// explanations missing in an edition (a warning).
pub(crate) fn validate(site: &Site, diagnostics: &Diagnostics) {
    let updates = &site.data.progress.updates;
    let Some(path) = site.data.progress_path.clone() else { return };
    // Positions from the parser's spans, built once there is something to report.
    let index = std::cell::OnceCell::new();
    let at = |field: &[&str]| index.get_or_init(|| crate::feature::file_index(&path)).at(field);
    let known = default_commitments(site);
    let today = today();
    // Per commitment: (date, line) of its latest update so far.
    let mut last: HashMap<&str, (&str, usize)> = HashMap::new();
    for (i, update) in updates.iter().enumerate() {
        let number = i.to_string();
        let (c_line, c_col) = at(&["updates", &number, "commitment"]);
        let (d_line, d_col) = at(&["updates", &number, "date"]);
        let id = update.commitment.as_str();
        if !known.iter().any(|k| k == id) {
            let d = Diagnostic::error(&path, c_line, c_col, format!("progress update for unknown commitment `{id}`"))
                .with_help(unknown_help(site, &known, id));
            // A commitment on a page that failed to load is unknown only because of that page.
            let failed = site.failed.iter().find(|f| f.edition == site.default_edition && f.commitments.iter().any(|c| c == id));
            diagnostics.push(match failed {
                Some(f) => d.following(&f.path, crate::diagnostics::Consequence::ProgressUpdate),
                None => d,
            });
        }
        let date = update.date.as_str();
        if !is_date(date) {
            diagnostics.push(
                Diagnostic::error(&path, d_line, d_col, format!("`{date}` is not a date written as YYYY-MM-DD"))
                    .with_help("write year-month-day with leading zeros, like \"2027-03-01\""),
            );
        } else {
            if date > today.as_str() {
                diagnostics.push(
                    Diagnostic::error(
                        &path,
                        d_line,
                        d_col,
                        format!("the update of `{id}` is dated {date}, which is in the future (today is {today})"),
                    )
                    .with_help("record progress once it has happened; correct the date"),
                );
            }
            match last.get(id) {
                Some(&(previous, line)) if date == previous => diagnostics.push(
                    Diagnostic::error(&path, d_line, d_col, format!("`{id}` has two updates dated {date} (the other is on line {line})"))
                        .with_help("merge them into one update, or correct one of the dates"),
                ),
                Some(&(previous, line)) if date < previous => diagnostics.push(
                    Diagnostic::error(
                        &path,
                        d_line,
                        d_col,
                        format!("the update of `{id}` dated {date} is listed after its update dated {previous} (line {line})"),
                    )
                    .with_help("list the updates of a commitment oldest first: add a new update below the earlier ones"),
                ),
                _ => {
                    last.insert(id, (date, d_line));
                }
            }
        }
        for (k, link) in update.links.iter().enumerate() {
            if !is_web_address(&link.url) {
                let (line, column) = at(&["updates", &number, "links", &k.to_string(), "url"]);
                diagnostics.push(
                    Diagnostic::error(&path, line, column, format!("link `{}` of the update of `{id}` is not a web address", link.url))
                        .with_help(format!("links start with https:// (or http://), like {}", site.config.base_url)),
                );
            }
        }
    }
    check_explanations(site, &path, &at, diagnostics);
}

/// Warns about updates an edition does not explain, and explanations that match no update.
fn check_explanations(site: &Site, path: &Path, at: &dyn Fn(&[&str]) -> (usize, usize), diagnostics: &Diagnostics) {
    let updates = &site.data.progress.updates;
    for e in 0..site.editions.len() {
        let code = &site.config.editions[e].code;
        let own = site.data.progress_text_own.get(e).copied().unwrap_or(false);
        let own_file = site.root.join("content").join(code).join("_data").join("progress.yaml");
        let explanations = site.data.progress_text.get(e).map(|t| &t.explanations);
        for (i, update) in updates.iter().enumerate() {
            let has = explanations.and_then(|x| x.get(&update.commitment)).is_some_and(|x| x.contains_key(&update.date));
            if own && has {
                continue;
            }
            let (line, column) = at(&["updates", &i.to_string(), "date"]);
            let shown = if has { " (the text of another edition is shown)" } else { "" };
            diagnostics.push(
                Diagnostic::warning(path, line, column, format!("edition `{code}` has no explanation of the update of `{}` dated {}{shown}", update.commitment, update.date)).with_help(format!(
                    "add it to content/{code}/_data/progress.yaml:\n    explanations:\n      {}:\n        \"{}\": \"what happened, in a sentence or two\"",
                    update.commitment, update.date
                )),
            );
        }
        if !own {
            continue;
        }
        let own_index = std::cell::OnceCell::new();
        for (id, dates) in explanations.into_iter().flatten() {
            for date in dates.keys() {
                if updates.iter().any(|u| &u.commitment == id && &u.date == date) {
                    continue;
                }
                let index = own_index.get_or_init(|| crate::feature::file_index(&own_file));
                let (line, column) = index.key(&["explanations", id, date]).unwrap_or_else(|| index.at(&["explanations", id]));
                diagnostics.push(
                    Diagnostic::warning(
                        &own_file,
                        line,
                        column,
                        format!("explanation of `{id}` dated {date} matches no update in content/_data/progress.yaml"),
                    )
                    .with_help("correct the commitment id or the date, or remove the explanation"),
                );
            }
        }
    }
}

fn unknown_help(site: &Site, known: &[String], id: &str) -> String {
    let default = &site.config.editions[site.default_edition].code;
    let stem = id.rsplit_once('-').map_or(id, |(s, _)| s);
    let same: Vec<&String> = known.iter().filter(|k| k.rsplit_once('-').is_some_and(|(s, _)| s == stem)).collect();
    match (same.first(), same.last()) {
        (Some(first), Some(last)) => format!("`{stem}` has the commitments `{first}` to `{last}`; use the id shown by \"link to this commitment\" in the `{default}` edition"),
        _ => match crate::suggest::closest(id, known.iter().map(String::as_str)).or(known.first().map(String::as_str)) {
            Some(example) if crate::suggest::closest(id, [example]).is_some() => format!("did you mean `{example}`?"),
            Some(example) => format!("use the id of a commitment in the `{default}` edition, like `{example}` (the page's file name and the number of the commitment)"),
            None => format!("the `{default}` edition has no commitments yet; mark one in a page as `- {{#page-1}} text`"),
        },
    }
}

/// Ids of every commitment in the pages of the default edition, in reading order.
fn default_commitments(site: &Site) -> Vec<String> {
    themes(site, site.default_edition).into_iter().flat_map(|(_, list)| list.into_iter().map(|c| c.id.clone())).collect()
}

/// The pages of an edition that hold commitments, in reading order, each with its commitments
/// (an id is listed once, on the first page that has it).
fn themes(site: &Site, edition: usize) -> Vec<(&Page, Vec<&CommitmentRef>)> {
    let order: HashMap<&str, usize> = site.editions[edition].order.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let mut pages: Vec<&Page> = site.pages.iter().filter(|p| p.edition == edition && !site.source(p).commitments.is_empty()).collect();
    pages.sort_by_key(|p| (order.get(p.key.as_str()).copied().unwrap_or(usize::MAX), p.key.clone()));
    let mut seen = HashSet::new();
    pages
        .into_iter()
        .map(|p| (p, site.source(p).commitments.iter().filter(|c| seen.insert(c.id.clone())).collect::<Vec<_>>()))
        .filter(|(_, list)| !list.is_empty())
        .collect()
}

/// The page of `edition` that shows commitment `id` (the default edition's page key when the
/// edition's own page lacks it).
fn commitment_page<'a>(site: &'a Site, edition: usize, id: &str) -> Option<&'a Page> {
    let holds = |p: &&Page| site.source(p).commitments.iter().any(|c| c.id == id);
    site.pages
        .iter()
        .filter(|p| p.edition == edition)
        .find(holds)
        .or_else(|| site.pages.iter().filter(|p| p.edition == site.default_edition).find(holds).and_then(|p| site.page(edition, &p.key)))
}

/// The updates of one commitment, in the order of the file (oldest first).
fn updates_of<'a>(site: &'a Site, id: &str) -> Vec<&'a Update> {
    site.data.progress.updates.iter().filter(|u| u.commitment == id).collect()
}

/// The edition's explanation of an update, if any (from the edition's file or its fallback).
fn explanation<'a>(site: &'a Site, edition: usize, update: &Update) -> Option<&'a String> {
    site.data.progress_text.get(edition)?.explanations.get(&update.commitment)?.get(&update.date)
}

fn status_text(site: &Site, edition: usize, status: &str) -> String {
    site.i18n.message(edition, &format!("status-{status}"), None).map_or_else(|| status.to_string(), |(t, _)| t)
}

/// The order in which statuses are listed; commitments without updates first.
fn status_order() -> impl Iterator<Item = &'static str> {
    std::iter::once("not-reported").chain(Status::ALL.iter().map(|s| s.key()))
}

/// `progress` in the context of [`TEMPLATE`]: every commitment of the edition, by theme and by
/// status, with counts.
#[derive(Serialize)]
pub(crate) struct Overview<'a> {
    /// The number of commitments.
    total: usize,
    /// The number of commitments with at least one update.
    reported: usize,
    /// The number of updates in the data file.
    updates: usize,
    /// The date of the newest update, if any.
    latest: Option<&'a str>,
    /// The URL of the edition's Atom feed of updates.
    feed_url: String,
    /// Every status (`not-reported` first), also with count 0.
    statuses: Vec<StatusCount>,
    /// The pages that hold commitments, in reading order.
    themes: Vec<Theme<'a>>,
}

/// How many commitments have a status.
#[derive(Serialize)]
struct StatusCount {
    /// `not-reported`, `planned`, `started`, `done`, `changed` or `stopped`.
    status: &'static str,
    /// How many commitments have it now.
    count: usize,
}

/// A page with commitments, in the overview.
#[derive(Serialize)]
struct Theme<'a> {
    /// The page's key.
    key: &'a str,
    /// The page's title.
    title: &'a str,
    /// The page's URL.
    url: String,
    /// The id of the theme's section on the overview page.
    anchor: String,
    /// The number of commitments on the page.
    total: usize,
    /// Every status, also with count 0.
    statuses: Vec<StatusCount>,
    /// The commitments by status, only statuses some commitment has.
    groups: Vec<StatusGroup<'a>>,
}

/// The commitments of a theme with one status.
#[derive(Serialize)]
struct StatusGroup<'a> {
    /// The status.
    status: &'static str,
    /// How many commitments have it.
    count: usize,
    /// The commitments, in reading order.
    commitments: Vec<CommitmentStatus<'a>>,
}

/// One commitment in the overview.
#[derive(Serialize)]
struct CommitmentStatus<'a> {
    /// The commitment's id (its anchor on its page).
    id: &'a str,
    /// The URL of the commitment on its page.
    url: String,
    /// The commitment's text without markup.
    text: String,
    /// Its current status.
    status: &'static str,
    /// The date of its latest update, if any.
    date: Option<&'a str>,
    /// The edition's explanation of its latest update, if any.
    explanation: Option<&'a str>,
    /// The documents its latest update links to.
    links: &'a [DocumentLink],
}

/// Data of the progress overview page.
pub(crate) fn overview(site: &Site, edition: usize) -> Overview<'_> {
    let mut overall: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    let mut reported = 0;
    let mut themes_out = Vec::new();
    let counts_of = |counts: &BTreeMap<&str, usize>| -> Vec<StatusCount> {
        status_order().map(|s| StatusCount { status: s, count: counts.get(s).copied().unwrap_or(0) }).collect()
    };
    for (page, commitments) in themes(site, edition) {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        let mut groups: BTreeMap<&str, Vec<CommitmentStatus>> = BTreeMap::new();
        for c in &commitments {
            let updates = updates_of(site, &c.id);
            let current = updates.last();
            let status = current.map_or("not-reported", |u| u.status.key());
            total += 1;
            reported += usize::from(current.is_some());
            *counts.entry(status).or_default() += 1;
            *overall.entry(status).or_default() += 1;
            groups.entry(status).or_default().push(CommitmentStatus {
                id: &c.id,
                url: format!("{}#{}", site.url(page), c.id),
                text: plain_text(&c.text),
                status,
                date: current.map(|u| u.date.as_str()),
                explanation: current.and_then(|u| explanation(site, edition, u)).map(String::as_str),
                links: current.map_or(&[], |u| u.links.as_slice()),
            });
        }
        themes_out.push(Theme {
            key: &page.key,
            title: &site.source(page).front.title,
            url: site.url(page),
            anchor: format!("theme-{}", slug::slugify(&page.key)),
            total: commitments.len(),
            statuses: counts_of(&counts),
            groups: status_order()
                .filter_map(|s| groups.remove(s).map(|list| StatusGroup { status: s, count: list.len(), commitments: list }))
                .collect(),
        });
    }
    Overview {
        total,
        reported,
        updates: site.data.progress.updates.len(),
        latest: site.data.progress.updates.iter().map(|u| u.date.as_str()).max(),
        feed_url: format!("{}feed.xml", site.home_url(edition)),
        statuses: counts_of(&overall),
        themes: themes_out,
    }
}

/// `progress` in the context of [`COMMITMENT_PARTIAL`]: one commitment's updates.
#[derive(Serialize)]
pub(crate) struct CommitmentProgress<'a> {
    /// Its updates, oldest first.
    updates: Vec<UpdateContext<'a>>,
    /// Its latest update (its current status), if any.
    current: Option<UpdateContext<'a>>,
}

/// One update of a commitment.
#[derive(Serialize, Clone)]
struct UpdateContext<'a> {
    /// The update's date (`YYYY-MM-DD`).
    date: &'a str,
    /// The status it gave the commitment.
    status: &'static str,
    /// The edition's explanation of it, if any.
    text: Option<&'a str>,
    /// The documents it links to (`url`, `title`).
    links: &'a [DocumentLink],
}

/// The progress of one commitment: its updates, newest last, with the edition's explanations.
pub(crate) fn commitment_progress<'a>(site: &'a Site, edition: usize, id: &str) -> CommitmentProgress<'a> {
    let explanations = site.data.progress_text[edition].explanations.get(id);
    let updates: Vec<UpdateContext> = updates_of(site, id)
        .into_iter()
        .map(|u| UpdateContext {
            date: &u.date,
            status: u.status.key(),
            text: explanations.and_then(|e| e.get(&u.date)).map(String::as_str),
            links: &u.links,
        })
        .collect();
    let current = updates.last().cloned();
    CommitmentProgress { updates, current }
}

/// `page.progress_summary`: how the commitments of one page stand.
#[derive(Serialize)]
pub(crate) struct Summary {
    /// The number of commitments on the page.
    total: usize,
    /// The statuses the page's commitments have (`not-reported` first), with counts; statuses
    /// no commitment has are left out.
    statuses: Vec<StatusCount>,
}

/// The summary of the commitments `ids`.
fn summary<'a>(site: &Site, ids: impl Iterator<Item = &'a str>) -> Summary {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    for id in ids {
        total += 1;
        let status = site.data.progress.updates.iter().rfind(|u| u.commitment == id).map_or("not-reported", |u| u.status.key());
        *counts.entry(status).or_default() += 1;
    }
    let statuses = status_order().filter_map(|s| counts.get(s).map(|&count| StatusCount { status: s, count })).collect();
    Summary { total, statuses }
}

fn feed(site: &Site, edition: usize) -> String {
    let lang = &site.config.editions[edition].lang;
    let feed_url = format!("{}{}feed.xml", site.config.base_url, site.editions[edition].path_prefix);
    let site_title = site.i18n.message(edition, "site-title", None).map_or_else(String::new, |(t, _)| t);
    let progress_page = site.pages.iter().find(|p| p.edition == edition && site.source(p).front.template.as_deref() == Some(TEMPLATE));
    let title = match progress_page {
        Some(p) if !site_title.is_empty() => format!("{site_title} – {}", site.source(p).front.title),
        Some(p) => site.source(p).front.title.clone(),
        None => site_title.clone(),
    };
    let alternate =
        progress_page.map_or_else(|| format!("{}{}", site.config.base_url, site.editions[edition].path_prefix), |p| site.permalink(p));
    let author = site.config.contact.as_ref().and_then(|c| c.organisation.clone()).unwrap_or_else(|| site_title.clone());
    // Newest first; of two updates on one day, the one listed later first.
    let mut updates: Vec<(usize, &Update)> = site.data.progress.updates.iter().enumerate().collect();
    updates.sort_by(|(i, a), (j, b)| b.date.cmp(&a.date).then(j.cmp(i)));
    // The newest entry, else the date of the document the feed is about, never the build's time.
    let document_date = site.config.document.as_ref().and_then(|d| d.date.as_deref());
    let updated = match (updates.first(), document_date) {
        (Some((_, u)), _) => timestamp(&u.date),
        (None, Some(date)) => timestamp(date),
        (None, None) => EMPTY_FEED_UPDATED.to_string(),
    };
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", xml(lang)));
    out.push_str(&format!("  <title>{}</title>\n", xml(&title)));
    out.push_str(&format!("  <id>{}</id>\n", xml(&feed_url)));
    out.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", xml(&feed_url)));
    out.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml(&alternate)));
    out.push_str(&format!("  <updated>{}</updated>\n", xml(&updated)));
    out.push_str(&format!("  <author><name>{}</name></author>\n", xml(&author)));
    for (_, update) in updates {
        let link = commitment_page(site, edition, &update.commitment)
            .map_or_else(|| alternate.clone(), |p| format!("{}#{}", site.permalink(p), update.commitment));
        let entry_title = format!("{}: {}", update.commitment, status_text(site, edition, update.status.key()));
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml(&entry_title)));
        out.push_str(&format!("    <id>{}</id>\n", xml(&format!("{feed_url}#{}-{}", update.commitment, update.date))));
        out.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml(&link)));
        for doc in &update.links {
            out.push_str(&format!("    <link rel=\"related\" href=\"{}\" title=\"{}\"/>\n", xml(&doc.url), xml(&doc.title)));
        }
        out.push_str(&format!("    <updated>{}</updated>\n", xml(&timestamp(&update.date))));
        if let Some(text) = explanation(site, edition, update) {
            out.push_str(&format!("    <content type=\"text\">{}</content>\n", xml(text)));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// An Atom date-time for a `YYYY-MM-DD` date (midnight UTC); other text is passed through.
fn timestamp(date: &str) -> String {
    if is_date(date) {
        format!("{date}T00:00:00Z")
    } else {
        date.to_string()
    }
}

/// Escapes text for XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The text of a commitment's markdown without its markup (links keep their text).
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn is_web_address(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.chars().any(char::is_whitespace))
}

/// Today's date as `YYYY-MM-DD`: the date somewhere on earth right now (UTC+14), so that an
/// update recorded today is never "in the future" in the editor's time zone.
pub fn today() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) + 14 * 3600;
    date_of_days((secs / 86_400) as i64)
}

/// The civil date of a day number counted from 1970-01-01 (H. Hinnant's algorithm).
fn date_of_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date("2027-03-01"));
        assert!(is_date("2028-02-29"));
        assert!(!is_date("2027-02-29"));
        assert!(!is_date("2027-3-1"));
        assert!(!is_date("2027-13-01"));
        assert!(!is_date("01-03-2027"));
        assert_eq!(date_of_days(0), "1970-01-01");
        assert_eq!(date_of_days(19_723), "2024-01-01");
        assert_eq!(date_of_days(20_513), "2026-03-01");
    }

    #[test]
    fn escapes_xml_and_strips_markdown() {
        assert_eq!(xml("a & <b> \"c\" 'd'"), "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;");
        assert_eq!(plain_text("we *bouwen* [huizen](@/opgaven/wonen.md) `snel`"), "we bouwen huizen snel");
    }

    #[test]
    fn web_addresses() {
        assert!(is_web_address("https://www.example.org/besluit"));
        assert!(is_web_address("http://example.org"));
        assert!(!is_web_address("ftp://example.org"));
        assert!(!is_web_address("www.example.org"));
        assert!(!is_web_address("https://"));
        assert!(!is_web_address("javascript:alert(1)"));
    }
}
