//! Loading `content/`: pages with their front matter, per edition, and the data files.
//!
//! Only front matter and a light scan of the body (commitment ids) are kept; the markdown body is
//! read again and rendered inside each output job, so a large site never holds all its markdown
//! in memory.

use crate::boundary::{check_source_folder, Kind, SiteRoot};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Names that may not be used as a URL segment, key or slug: they collide with build output or
/// are reserved by common file systems.
const RESERVED_NAMES: &[&str] = &[
    "_data",
    "static",
    "assets",
    "index.html",
    "404",
    "404.html",
    "sitemap.xml",
    "robots.txt",
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

/// The YAML front matter of a page.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) weight: Option<i64>,
    #[serde(default)]
    /// The page's key in every edition (`opgaven/wonen`); by default its path below the edition's folder.
    pub key: Option<String>,
    #[serde(default)]
    /// The last segment of the page's URL in this edition; by default its file name.
    pub slug: Option<String>,
    #[serde(default)]
    pub(crate) draft: bool,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    #[serde(default)]
    pub(crate) source_hash: Option<String>,
    #[serde(default)]
    pub(crate) template: Option<String>,
    /// On translations and plain versions: how far the page was checked, and by whom.
    #[serde(default)]
    pub(crate) review: Option<Review>,
    /// Text on this page that the site adds, not the document's own words.
    #[serde(default)]
    pub(crate) site_text: Option<SiteText>,
    /// Parts (`c:wonen-3`, `intro`, `s:doel`) whose numbers or negations differ from the
    /// original and that a translator has checked (see `crate::compare`).
    #[serde(default)]
    pub(crate) checked_differences: Vec<String>,
    /// Free data for the theme (`extra: {footer: true}` puts a page in the footer menu).
    #[serde(default)]
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
}

/// How a translated or plain page was made and checked (`review:` in front matter). It records
/// only reviews that happened: `machine` means no person has checked the text.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Review {
    pub(crate) status: ReviewStatus,
    /// Who checked or approved it: a role or an organisation.
    #[serde(default)]
    pub(crate) by: Option<String>,
    /// When, as YYYY-MM-DD.
    #[serde(default)]
    pub(crate) date: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ReviewStatus {
    /// Made by a program (machine translation, AI), checked by programs only.
    Machine,
    /// Read and corrected by a person.
    Checked,
    /// Approved by the publisher.
    Approved,
}

impl ReviewStatus {
    pub(crate) fn key(self) -> &'static str {
        match self {
            ReviewStatus::Machine => "machine",
            ReviewStatus::Checked => "checked",
            ReviewStatus::Approved => "approved",
        }
    }
}

pub(crate) use crate::markdown::SiteText;

/// A commitment found in a page's body (`- {#id} text`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommitmentRef {
    pub(crate) id: String,
    /// The commitment's markdown text without the marker.
    pub(crate) text: String,
    pub(crate) line: usize,
}

/// A page as found on disk, before the site model is assembled.
#[derive(Debug, Clone)]
pub(crate) struct SourcePage {
    /// Index of the edition in the configuration.
    pub(crate) edition: usize,
    /// Absolute path of the markdown file.
    pub(crate) path: PathBuf,
    /// Path relative to the edition folder, with `/` separators (`opgaven/wonen.md`).
    pub(crate) rel: String,
    /// Translation key: `key` from front matter, or `rel` without `.md`.
    pub(crate) key: String,
    pub(crate) front: FrontMatter,
    /// 1-based line at which the markdown body starts.
    pub(crate) body_line: usize,
    pub(crate) commitments: Vec<CommitmentRef>,
    /// blake3 of the file's bytes as loaded: what a rebuild compares to decide whether the page
    /// changed (bytes, not modification times, which `touch -r` or two saves in one clock tick
    /// leave as they were).
    pub(crate) hash: blake3::Hash,
    /// blake3 of the raw front matter: what other pages can show of this one (titles in the
    /// navigation, translations, breadcrumbs) comes from it.
    pub(crate) front_hash: blake3::Hash,
    /// Warnings found while loading (an empty page): kept with the page so that a page taken
    /// from [`PageCache`] reports them again.
    pub(crate) warnings: Vec<Diagnostic>,
}

impl SourcePage {
    /// True for `_index.md`: the page of a section (or the home page).
    pub(crate) fn is_section(&self) -> bool {
        self.rel == "_index.md" || self.rel.ends_with("/_index.md")
    }

    /// Reads the markdown body again (for rendering).
    pub(crate) fn read_body(&self) -> Result<String, Diagnostic> {
        let text = read_text(&self.path)?;
        let body_start = split_front_matter(&text, &self.path)?.body_start;
        Ok(text[body_start..].to_string())
    }
}

/// A non-markdown file in an edition folder, copied as it is.
#[derive(Debug, Clone)]
pub(crate) struct StaticFile {
    pub(crate) edition: usize,
    pub(crate) path: PathBuf,
    pub(crate) rel: String,
}

/// A data file: `content/_data/NAME.yaml` (edition `None`) or `content/CODE/_data/NAME.yaml`.
#[derive(Debug, Clone)]
pub(crate) struct DataFile {
    pub(crate) edition: Option<usize>,
    pub(crate) name: String,
    pub(crate) path: PathBuf,
}

/// A page file that did not load (its errors are reported): links to it and its translations
/// are consequences, folded into its error instead of being reported on their own.
#[derive(Debug, Clone)]
pub(crate) struct FailedPage {
    pub(crate) edition: usize,
    pub(crate) path: PathBuf,
    /// Path relative to the edition folder (`opgaven/wonen.md`).
    pub(crate) rel: String,
    /// The commitment ids its body marks, as far as they can be read.
    pub(crate) commitments: Vec<String>,
}

impl FailedPage {
    /// The page key the file would have had (its path without `.md`).
    pub(crate) fn key(&self) -> &str {
        self.rel.trim_end_matches(".md")
    }
}

/// Everything found under `content/`.
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub(crate) pages: Vec<SourcePage>,
    pub(crate) failed: Vec<FailedPage>,
    pub(crate) statics: Vec<StaticFile>,
    pub(crate) data: Vec<DataFile>,
}

/// Whether drafts are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    /// Build pages with `draft: true` too (`--drafts`).
    Include,
    /// Leave pages with `draft: true` out.
    Exclude,
}

/// Loads every page and data file under `root/content`. Problems are reported to `diagnostics`;
/// what could be loaded is returned.
pub(crate) fn load(root: &Path, config: &Config, drafts: Drafts, diagnostics: &Diagnostics, cache: Option<&PageCache>) -> Content {
    let content_dir = root.join("content");
    let mut content = Content::default();
    let site_root = SiteRoot::new(root);
    if let Err(d) = check_source_folder(&site_root, &content_dir) {
        diagnostics.push(d);
        return content;
    }
    let entries = match std::fs::read_dir(&content_dir) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(&content_dir, 0, 0, format!("cannot read the content folder: {e}"))
                    .with_help("create content/<edition>/_index.md for every edition"),
            );
            return content;
        }
    };
    let mut top: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    top.sort();
    let mut page_files = Vec::new();
    for path in top {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let kind = match site_root.check(&path) {
            Ok(kind) => kind,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        if name == "_data" && kind == Kind::Dir {
            content.data.extend(data_files(&site_root, &path, None, diagnostics));
            continue;
        }
        match config.editions.iter().position(|e| e.code == name) {
            Some(edition) if kind == Kind::Dir => collect_edition(&site_root, &path, edition, &mut page_files, &mut content, diagnostics),
            _ => {
                let codes: Vec<&str> = config.editions.iter().map(|e| e.code.as_str()).collect();
                diagnostics.push(Diagnostic::error(&path, 0, 0, format!("`{name}` is not an edition folder")).with_help(format!(
                    "content/ holds one folder per edition ({}) and _data/; add the edition to site.yaml or move this",
                    codes.join(", ")
                )));
            }
        }
    }
    let loaded: Vec<Result<Option<SourcePage>, Vec<Diagnostic>>> = page_files
        .par_iter()
        .map(|(edition, path, rel)| match cache {
            Some(cache) => cache.load(*edition, path, rel, drafts),
            None => read_text(path).map_err(|d| vec![d]).and_then(|text| load_page(*edition, path, rel, drafts, &text)),
        })
        .collect();
    for (result, (edition, path, rel)) in loaded.into_iter().zip(page_files) {
        match result {
            Ok(Some(page)) => {
                diagnostics.extend(page.warnings.iter().cloned());
                content.pages.push(page);
            }
            Ok(None) => {}
            Err(errors) => {
                diagnostics.extend(errors);
                let commitments = commitment_ids_of(&path);
                content.failed.push(FailedPage { edition, path, rel, commitments });
            }
        }
    }
    check_commitment_ids(root, &content.pages, diagnostics);
    content
}

/// A commitment id names one commitment in its edition: progress updates, links and the
/// progress page find it by that id, so two pages with the same id would share one record.
/// An error at the second place, naming the first.
fn check_commitment_ids(root: &Path, pages: &[SourcePage], diagnostics: &Diagnostics) {
    let mut first: std::collections::HashMap<(usize, &str), (&Path, usize)> = std::collections::HashMap::new();
    for page in pages {
        for c in &page.commitments {
            match first.get(&(page.edition, c.id.as_str())) {
                Some((path, line)) if *path != page.path.as_path() => {
                    let shown = path.strip_prefix(root).unwrap_or(path).display();
                    diagnostics.push(
                        Diagnostic::error(&page.path, c.line, 1, format!("commitment id `{}` is also used at {shown}:{line}", c.id))
                            .with_help("a commitment id names one commitment in the whole edition; give one of them another id"),
                    );
                }
                Some(_) => {}
                None => {
                    first.insert((page.edition, c.id.as_str()), (page.path.as_path(), c.line));
                }
            }
        }
    }
}

/// Pages parsed by an earlier load in the same process (`plein serve`), reused while their file
/// has the same bytes (every file is read anyway; parsing is what is saved).
#[derive(Default)]
pub(crate) struct PageCache {
    pages: std::sync::Mutex<std::collections::HashMap<(usize, PathBuf), CachedSource>>,
}

/// The hash of a file's bytes when it was parsed, and what it gave.
struct CachedSource {
    hash: blake3::Hash,
    drafts: Drafts,
    page: Option<SourcePage>,
}

impl PageCache {
    fn load(&self, edition: usize, path: &Path, rel: &str, drafts: Drafts) -> Result<Option<SourcePage>, Vec<Diagnostic>> {
        let text = read_text(path).map_err(|d| vec![d])?;
        let hash = blake3::hash(text.as_bytes());
        let key = (edition, path.to_path_buf());
        if let Ok(pages) = self.pages.lock() {
            if let Some(cached) = pages.get(&key) {
                if cached.hash == hash && cached.drafts == drafts && cached.page.as_ref().is_none_or(|p| p.rel == rel) {
                    return Ok(cached.page.clone());
                }
            }
        }
        let result = load_page(edition, path, rel, drafts, &text);
        if let (Ok(page), Ok(mut pages)) = (&result, self.pages.lock()) {
            pages.insert(key, CachedSource { hash, drafts, page: page.clone() });
        }
        result
    }
}

fn collect_edition(
    root: &SiteRoot,
    dir: &Path,
    edition: usize,
    pages: &mut Vec<(usize, PathBuf, String)>,
    content: &mut Content,
    diagnostics: &Diagnostics,
) {
    // Links are followed only after `SiteRoot::check` has seen that they stay inside the site.
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name();
    let mut it = walker.into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
                // A link that leaves the site is reported as that, even when it is also broken.
                if let Err(d) = root.check(&path) {
                    diagnostics.push(d);
                    continue;
                }
                let message = if e.loop_ancestor().is_some() {
                    "this symbolic link points at a folder that contains it (a loop)".to_string()
                } else {
                    format!("cannot read: {e}")
                };
                diagnostics.push(
                    Diagnostic::error(path, 0, 0, message)
                        .with_help("remove the link, or make the folder readable (its pages would otherwise be missing)"),
                );
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') && entry.depth() > 0 {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() || !(entry.file_type().is_file() || entry.file_type().is_dir()) {
            if let Err(d) = root.check(entry.path()) {
                diagnostics.push(d);
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        let rel = match entry.path().strip_prefix(dir) {
            Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
            Err(_) => continue,
        };
        if entry.depth() == 1 && name == "_data" && entry.file_type().is_dir() {
            content.data.extend(data_files(root, entry.path(), Some(edition), diagnostics));
            it.skip_current_dir();
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if rel.ends_with(".md") {
            pages.push((edition, entry.path().to_path_buf(), rel));
        } else {
            content.statics.push(StaticFile { edition, path: entry.path().to_path_buf(), rel });
        }
    }
}

fn data_files(root: &SiteRoot, dir: &Path, edition: Option<usize>, diagnostics: &Diagnostics) -> Vec<DataFile> {
    let mut files = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics
                .push(Diagnostic::error(dir, 0, 0, format!("cannot read the data folder: {e}")).with_help("make the folder readable"));
            return files;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let kind = match root.check(&path) {
            Ok(kind) => kind,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        match name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")) {
            Some(stem) if kind == Kind::File => files.push(DataFile { edition, name: stem.to_string(), path }),
            _ => diagnostics.push(Diagnostic::warning(&path, 0, 0, "not a YAML data file, ignored").with_help("data files end in .yaml")),
        }
    }
    files
}

fn load_page(edition: usize, path: &Path, rel: &str, drafts: Drafts, text: &str) -> Result<Option<SourcePage>, Vec<Diagnostic>> {
    let hash = blake3::hash(text.as_bytes());
    let Split { front: front_text, body_start, front_line } = split_front_matter(text, path).map_err(|d| vec![d])?;
    if front_text.trim().is_empty() {
        return Err(vec![Diagnostic::error(path, front_line, 1, "the front matter is empty")
            .with_help("add the page's title between the two `---` lines: `title: …`")]);
    }
    let front: FrontMatter = crate::yaml::parse(front_text, path, front_line).map_err(|d| vec![d])?;
    // Positions of fields, from the parser's spans; only built when there is something to report.
    let index = std::cell::OnceCell::new();
    let at = |field: &[&str], message: String| {
        let (line, column) = index.get_or_init(|| crate::yaml::Index::new(front_text, front_line)).at(field);
        Diagnostic::error(path, line, column, message)
    };
    let mut errors = Vec::new();
    if front.title.trim().is_empty() {
        errors.push(at(&["title"], "the page has an empty title".into()).with_help("write the page's title after `title: `"));
    }
    if front.draft && drafts == Drafts::Exclude {
        return Ok(None);
    }
    let key = match &front.key {
        Some(key) => {
            if let Err(why) = check_key(key) {
                errors.push(at(&["key"], format!("invalid key `{}`: {why}", key.escape_debug())).with_help(format!(
                    "a key is a page path like `{}`: lowercase letters, digits, `-`, `_` and `/`",
                    rel.trim_end_matches(".md")
                )));
            }
            key.clone()
        }
        None => rel.trim_end_matches(".md").to_string(),
    };
    if front.key.is_none() {
        if let Err(why) = check_key(&key.replace("/_index", "").replace("_index", "index")) {
            errors.push(
                Diagnostic::error(path, 0, 0, format!("the file name gives the invalid page path `{key}`: {why}"))
                    .with_help("rename the file: lowercase letters, digits, `-` and `_`"),
            );
        }
    }
    if let Some(slug) = &front.slug {
        if let Err(why) = check_segment(slug) {
            errors.push(
                at(&["slug"], format!("invalid slug `{}`: {why}", slug.escape_debug()))
                    .with_help("a slug is one URL segment: lowercase letters, digits, `-` and `_`"),
            );
        }
    }
    if front.slug.is_some() && rel.ends_with("_index.md") {
        // A section's folder is also the key its translations share, so its URL cannot differ
        // per edition; saying so beats ignoring the field.
        let (line, column) = front_matter_position(path, &["slug"]);
        errors.push(
            Diagnostic::warning(path, line, column, "`slug` has no effect in a section's `_index.md`: its URL is its folder's name")
                .with_help("remove `slug`, or rename the folder in every edition (the folder name is also the key translations share)"),
        );
    }
    for (i, alias) in front.aliases.iter().enumerate() {
        if let Err(why) = check_alias(alias) {
            errors.push(
                at(&["aliases", &i.to_string()], format!("invalid alias `{}`: {why}", alias.escape_debug()))
                    .with_help("an alias is a site path like `/old/page/`"),
            );
        }
    }
    let body_line = text[..body_start].matches('\n').count() + 1;
    check_review(path, front.review.as_ref(), &mut errors);
    check_site_text(path, &text[body_start..], front.site_text.as_ref(), &mut errors);
    let commitments = match scan_commitments(&text[body_start..], body_line, path) {
        Ok(c) => c,
        Err(mut e) => {
            errors.append(&mut e);
            Vec::new()
        }
    };
    if text[body_start..].trim().is_empty() && front.template.is_none() && !rel.ends_with("_index.md") {
        errors.push(
            Diagnostic::warning(path, body_line, 1, "the page has no text").with_help("write the page's text below the front matter"),
        );
    }
    if errors.iter().any(Diagnostic::is_error) {
        return Err(errors);
    }
    let front_hash = blake3::hash(front_text.as_bytes());
    Ok(Some(SourcePage {
        edition,
        path: path.to_path_buf(),
        rel: rel.to_string(),
        key,
        front,
        body_line,
        commitments,
        hash,
        front_hash,
        warnings: errors,
    }))
}

/// Where a front matter field's value stands in a page file (`field` as for
/// [`crate::yaml::Index::at`]); (0, 0) when the file no longer reads.
pub(crate) fn front_matter_position(path: &Path, field: &[&str]) -> (usize, usize) {
    let Ok(text) = read_text(path) else { return (0, 0) };
    match split_front_matter(&text, path) {
        Ok(split) => crate::yaml::Index::new(split.front, split.front_line).at(field),
        Err(_) => (0, 0),
    }
}

fn check_review(path: &Path, review: Option<&Review>, errors: &mut Vec<Diagnostic>) {
    let Some(review) = review else { return };
    let needs_person = review.status != ReviewStatus::Machine;
    match review.by.as_deref().map(str::trim) {
        Some("") => errors.push(
            at_field(path, &["review", "by"], "`review.by` is empty".into())
                .with_help("name the role or organisation that checked the page"),
        ),
        None if needs_person => errors.push(
            at_field(path, &["review"], format!("`review: {}` needs `by:`", review.status.key()))
                .with_help("say who checked it, as a role or organisation: `by: Vertaalbureau X`"),
        ),
        _ => {}
    }
    match review.date.as_deref() {
        Some(date) if !crate::config::is_date(date) => errors.push(
            at_field(path, &["review", "date"], format!("`review.date` `{}` is not a date", date.escape_debug()))
                .with_help("write the date as YYYY-MM-DD, like 2027-03-01"),
        ),
        None if needs_person => errors.push(
            at_field(path, &["review"], format!("`review: {}` needs `date:`", review.status.key()))
                .with_help("give the day of the review as YYYY-MM-DD"),
        ),
        _ => {}
    }
}

fn check_site_text(path: &Path, body: &str, site_text: Option<&SiteText>, errors: &mut Vec<Diagnostic>) {
    let Some(site_text) = site_text else { return };
    for (i, part) in site_text.parts.iter().enumerate() {
        let ok = part == "intro" || part.strip_prefix("s:").is_some_and(|id| !id.is_empty());
        if !ok {
            errors.push(
                at_field(path, &["site_text", "parts", &i.to_string()], format!("`{}` is not a part of a page", part.escape_debug()))
                    .with_help("use `intro` (the text before the first heading) or `s:<heading-id>`"),
            );
        }
    }
    let folded: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    for (i, phrase) in site_text.phrases.iter().enumerate() {
        let needle: String = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        if needle.is_empty() || !folded.contains(&needle) {
            errors.push(
                at_field(
                    path,
                    &["site_text", "phrases", &i.to_string()],
                    format!("site text `{}` does not occur in the page's text", phrase.escape_debug()),
                )
                .with_help("copy the phrase exactly as it stands in the text, or remove it from `site_text.phrases`"),
            );
        }
    }
}

/// An error at the value of a front matter `field`, positioned by the YAML parser.
fn at_field(path: &Path, field: &[&str], message: String) -> Diagnostic {
    let (line, column) = front_matter_position(path, field);
    Diagnostic::error(path, line, column, message)
}

/// Reads a text file: UTF-8 required, a byte-order mark removed, CRLF line endings made LF.
pub(crate) fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::error(path, 0, 0, format!("cannot read file: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let index = crate::diagnostics::LineIndex::new(&prefix);
            let (line, column) = index.position(valid);
            return Err(Diagnostic::error(path, line, column, format!("the file is not valid UTF-8 (byte 0x{:02x})", bytes[valid]))
                .with_help("save the file as UTF-8 in your editor"));
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    Ok(if text.contains('\r') { text.replace("\r\n", "\n") } else { text })
}

/// A page file cut in two at the `---` that closes its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The front matter's YAML, without its `---` lines.
    pub front: &'a str,
    /// The byte offset in the file at which the body starts.
    pub body_start: usize,
    /// The line of the file on which the YAML starts (2, after the opening `---`).
    pub front_line: usize,
}

/// Splits off the front matter; an error when the file has none or does not close it.
pub fn split_front_matter<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, 1, 1, "the file is empty")
            .with_help("a page starts with front matter:\n  ---\n  title: My page\n  ---"));
    }
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---").filter(|r| r.trim().is_empty())) else {
        return Err(Diagnostic::error(path, 1, 1, "the page has no front matter")
            .with_help("start the file with a line `---`, then `title: ...`, then a closing `---`"));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_start = 4 + offset + line.len();
            return Ok(Split { front: &rest[..offset], body_start: body_start.min(text.len()), front_line: 2 });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, 1, 1, "the front matter is not closed").with_help("add a line `---` after the last front matter field"))
}

/// Finds `- {#id} text` list items (commitments), checking ids are well formed and unique.
fn scan_commitments(body: &str, first_line: usize, path: &Path) -> Result<Vec<CommitmentRef>, Vec<Diagnostic>> {
    // Without `{#` there is no marker, and no need to parse the body at load time.
    if !body.contains("{#") {
        return Ok(Vec::new());
    }
    // The markers the renderer will see: list items of the parsed body, never code.
    let scan = crate::markdown::scan(body);
    let index = crate::diagnostics::LineIndex::new(body);
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for marker in &scan.markers {
        let (line, column) = index.position(marker.offset);
        let line_no = line + first_line - 1;
        let Some(id) = marker.id.as_deref() else {
            errors.push(
                Diagnostic::error(path, line_no, column, "commitment marker `{#` is not closed")
                    .with_help("write it as `- {#theme-1} text`"),
            );
            continue;
        };
        if !crate::config::is_safe_name(id) {
            // The example is made from this page's own file name, as ids usually are.
            let stem = path.file_stem().map(|s| slug::slugify(s.to_string_lossy())).filter(|s| !s.is_empty() && s != "index");
            let example = format!("{}-{}", stem.unwrap_or_else(|| "theme".into()), found.len() + 1);
            errors.push(
                Diagnostic::error(path, line_no, column, format!("invalid commitment id `{id}`"))
                    .with_help(format!("ids use lowercase letters, digits and `-`, like `{example}`")),
            );
            continue;
        }
        if found.iter().any(|c: &CommitmentRef| c.id == id) {
            errors.push(
                Diagnostic::error(path, line_no, column, format!("commitment id `{id}` is used twice on this page"))
                    .with_help("every commitment needs its own id"),
            );
            continue;
        }
        found.push(CommitmentRef { id: id.to_string(), text: marker.text.clone(), line: line_no });
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// Every `{#id}` commitment marker in a page's body, also when the page has errors (for folding
/// progress updates of its commitments into the page's error).
fn commitment_ids_of(path: &Path) -> Vec<String> {
    let Ok(text) = read_text(path) else { return Vec::new() };
    let body = split_front_matter(&text, path).map_or(text.as_str(), |split| &text[split.body_start..]);
    crate::markdown::scan(body).markers.into_iter().filter_map(|m| m.id).collect()
}

/// Checks one URL segment (slug or part of a key).
pub fn check_segment(segment: &str) -> Result<(), String> {
    if segment.is_empty() {
        return Err("it is empty".into());
    }
    if segment.contains('\0') {
        return Err("it contains a NUL character".into());
    }
    if segment == ".." || segment == "." {
        return Err("`.` and `..` are not allowed".into());
    }
    if segment.contains('/') || segment.contains('\\') {
        return Err("it contains a slash".into());
    }
    if RESERVED_NAMES.contains(&segment.to_ascii_lowercase().as_str()) {
        return Err(format!("`{segment}` is a reserved name"));
    }
    if !segment.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_') {
        return Err("only lowercase letters, digits, `-` and `_` are allowed".into());
    }
    Ok(())
}

/// Checks a translation key: segments separated by `/`, each a valid segment (`_index` allowed
/// as the last one).
pub fn check_key(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("it is empty".into());
    }
    if key.starts_with('/') || key.ends_with('/') {
        return Err("it starts or ends with a slash".into());
    }
    for segment in key.split('/') {
        if segment == "_index" || segment == "index" {
            continue;
        }
        check_segment(segment)?;
    }
    Ok(())
}

/// Whether `alias` is a site path plein may write a redirect at (`/old/page/`).
pub fn check_alias(alias: &str) -> Result<(), String> {
    if !alias.starts_with('/') {
        return Err("it must start with `/`".into());
    }
    let trimmed = alias.trim_matches('/');
    if trimmed.is_empty() {
        return Err("it would replace the home page".into());
    }
    for segment in trimmed.split('/') {
        if segment.is_empty() || segment == ".." || segment == "." || segment.contains('\0') || segment.contains('\\') {
            return Err("it contains an empty, `.` or `..` segment".into());
        }
        if !segment.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c)) {
            return Err("only letters, digits, `-`, `_` and `.` are allowed".into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split_and_lines() {
        let text = "---\ntitle: A\n---\nbody\n";
        let split = split_front_matter(text, Path::new("a.md")).unwrap();
        assert_eq!(split.front, "title: A\n");
        assert_eq!(&text[split.body_start..], "body\n");
        assert_eq!(split.front_line, 2);
    }

    #[test]
    fn unclosed_front_matter() {
        let err = split_front_matter("---\ntitle: A\nbody\n", Path::new("a.md")).unwrap_err();
        assert!(err.message.contains("not closed"));
    }

    #[test]
    fn commitments_are_scanned() {
        let body = "intro\n\n- {#a-1} first\n- plain\n* {#a-2} second\n";
        let c = scan_commitments(body, 5, Path::new("a.md")).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].id.as_str(), c[0].line, c[0].text.as_str()), ("a-1", 7, "first"));
        let dup = scan_commitments("- {#a} x\n- {#a} y\n", 1, Path::new("a.md")).unwrap_err();
        assert!(dup[0].message.contains("used twice"));
    }

    #[test]
    fn key_and_slug_rules() {
        assert!(check_key("opgaven/wonen").is_ok());
        assert!(check_key("opgaven/_index").is_ok());
        assert!(check_key("../x").is_err());
        assert!(check_key("a//b").is_err());
        assert!(check_segment("a/b").is_err());
        assert!(check_segment("con").is_err());
        assert!(check_segment("a\0").is_err());
        assert!(check_alias("/oud/wonen/").is_ok());
        assert!(check_alias("/../x").is_err());
    }
}
