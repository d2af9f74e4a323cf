//! The `Site` model: every page of every edition (translated or fallback), their URLs, the
//! navigation, translations and data. Built once, then only read while output jobs run.

use crate::config::Config;
use crate::content::{Content, SourcePage, StaticFile};
use crate::data::SiteData;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// Key of an edition's home page.
pub(crate) const HOME: &str = "_index";

/// One page of one edition, as it will be written.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub(crate) edition: usize,
    pub(crate) key: String,
    /// Index into [`Site::sources`]: the edition's own file, or the fallback's.
    pub(crate) source: usize,
    /// The page is shown from another edition because this one has no translation.
    pub(crate) fallback: bool,
    /// Path below the site root, without leading slash, ending in `/` ("" for the root home).
    pub(crate) path: String,
    /// Key of the section this page belongs to (its parent `_index`), `None` for the home page.
    pub(crate) parent: Option<String>,
}

/// A navigation entry: a page and, for a section, its pages.
#[derive(Debug, Clone)]
pub(crate) struct NavItem {
    pub(crate) key: String,
    pub(crate) children: Vec<String>,
}

/// An edition as the model sees it.
#[derive(Debug, Clone)]
pub(crate) struct EditionModel {
    /// "" or "en/".
    pub(crate) path_prefix: String,
    /// Fallback chain (itself first, default edition last).
    pub(crate) chain: Vec<usize>,
    /// Top-level navigation in order.
    pub(crate) nav: Vec<NavItem>,
    /// Page keys in reading order (depth-first through the navigation).
    pub(crate) order: Vec<String>,
    /// Position of each key in `order`.
    order_index: HashMap<String, usize>,
}

impl EditionModel {
    /// Position of a page key in the reading order.
    pub(crate) fn position(&self, key: &str) -> Option<usize> {
        self.order_index.get(key).copied()
    }
}

/// The whole site, read-only once built.
pub struct Site {
    pub(crate) root: PathBuf,
    pub(crate) config: Config,
    /// Root-relative path of the site (`/` or `/akkoord/`), from the base URL.
    pub(crate) base_path: String,
    pub(crate) editions: Vec<EditionModel>,
    pub(crate) sources: Vec<SourcePage>,
    /// Page files that did not load (their errors are reported; see [`crate::content::FailedPage`]).
    pub(crate) failed: Vec<crate::content::FailedPage>,
    pub(crate) statics: Vec<StaticFile>,
    pub(crate) pages: Vec<Page>,
    /// Per edition: page key → index into `pages`.
    lookup: Vec<HashMap<String, usize>>,
    pub(crate) data: SiteData,
    pub(crate) i18n: I18n,
    pub(crate) default_edition: usize,
    /// The theme the site is rendered with (built-in, theme folder and the site's overrides).
    pub(crate) theme: crate::theme::Theme,
}

impl Site {
    /// Assembles the model from loaded content. Problems (duplicate keys, colliding output
    /// paths) are reported to `diagnostics`.
    pub(crate) fn build(root: PathBuf, config: Config, content: Content, data: SiteData, i18n: I18n, diagnostics: &Diagnostics) -> Site {
        let default_edition = config.editions.iter().position(|e| e.code == config.default_edition).unwrap_or(0);
        let base_path = base_path_of(&config.base_url);
        let chains = crate::i18n::fallback_chains(&config);
        let sources = content.pages;
        let by_key = index_sources(&sources, &root, diagnostics);
        let mut site = Site {
            root,
            base_path,
            editions: Vec::new(),
            sources,
            failed: content.failed,
            statics: content.statics,
            pages: Vec::new(),
            lookup: Vec::new(),
            data,
            i18n,
            default_edition,
            config,
            theme: Default::default(),
        };
        for (index, edition) in site.config.editions.iter().enumerate() {
            let path_prefix = if edition.prefix.is_empty() { String::new() } else { format!("{}/", edition.prefix) };
            site.editions.push(EditionModel {
                path_prefix,
                chain: chains[index].clone(),
                nav: Vec::new(),
                order: Vec::new(),
                order_index: HashMap::new(),
            });
        }
        site.plan_pages(&by_key, diagnostics);
        for e in 0..site.editions.len() {
            let (nav, order) = site.navigation(e);
            site.editions[e].order_index = order.iter().enumerate().map(|(i, k)| (k.clone(), i)).collect();
            site.editions[e].nav = nav;
            site.editions[e].order = order;
        }
        site
    }

    fn plan_pages(&mut self, by_key: &BTreeMap<(usize, String), usize>, diagnostics: &Diagnostics) {
        let mut keys: Vec<&String> = by_key.keys().map(|(_, k)| k).collect();
        keys.sort();
        keys.dedup();
        let mut taken: HashMap<String, usize> = HashMap::new();
        self.lookup = vec![HashMap::new(); self.editions.len()];
        for e in 0..self.editions.len() {
            for key in &keys {
                let own = by_key.get(&(e, (*key).clone()));
                let source = own.or_else(|| self.editions[e].chain.iter().find_map(|f| by_key.get(&(*f, (*key).clone()))));
                let Some(&source) = source else { continue };
                // Pages that exist only in a non-default edition are not spread to others.
                if own.is_none() && !by_key.contains_key(&(self.default_edition, (*key).clone())) {
                    continue;
                }
                let path = format!("{}{}", self.editions[e].path_prefix, page_path(&self.sources[source]));
                let page = Page {
                    edition: e,
                    key: (*key).clone(),
                    source,
                    fallback: own.is_none(),
                    path: path.clone(),
                    parent: parent_key(&self.sources[source].rel),
                };
                if let Some(&other) = taken.get(&path) {
                    let first = &self.sources[self.pages[other].source];
                    let this = &self.sources[source];
                    diagnostics.push(
                        Diagnostic::error(
                            &this.path,
                            1,
                            1,
                            format!(
                                "this page would be written to `/{path}`, like {}",
                                first.path.strip_prefix(&self.root).unwrap_or(&first.path).display()
                            ),
                        )
                        .with_help("give one of them another `slug` or file name"),
                    );
                    continue;
                }
                taken.insert(path, self.pages.len());
                self.lookup[e].insert((*key).clone(), self.pages.len());
                self.pages.push(page);
            }
        }
    }

    fn navigation(&self, edition: usize) -> (Vec<NavItem>, Vec<String>) {
        let mut children: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
        for page in self.pages.iter().filter(|p| p.edition == edition) {
            if let Some(parent) = &page.parent {
                children.entry(parent.clone()).or_default().push(page);
            }
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| {
                let (fa, fb) = (&self.sources[a.source].front, &self.sources[b.source].front);
                (fa.weight.unwrap_or(i64::MAX), &fa.title, &a.key).cmp(&(fb.weight.unwrap_or(i64::MAX), &fb.title, &b.key))
            });
        }
        let kids = |key: &str| -> Vec<String> { children.get(key).map(|l| l.iter().map(|p| p.key.clone()).collect()).unwrap_or_default() };
        let nav: Vec<NavItem> = kids(HOME).into_iter().map(|key| NavItem { children: kids(&key), key }).collect();
        let mut order = vec![HOME.to_string()];
        for item in &nav {
            order.push(item.key.clone());
            order.extend(deep_children(&item.key, &kids));
        }
        order.retain(|k| self.lookup[edition].contains_key(k));
        (nav, order)
    }

    /// The page `key` in `edition` (its translation or fallback).
    pub(crate) fn page(&self, edition: usize, key: &str) -> Option<&Page> {
        self.lookup.get(edition)?.get(key).map(|&i| &self.pages[i])
    }

    /// Root-relative URL of a page (`/akkoord/en/opgaven/wonen/`).
    pub(crate) fn url(&self, page: &Page) -> String {
        format!("{}{}", self.base_path, page.path)
    }

    /// Absolute URL of a page.
    pub(crate) fn permalink(&self, page: &Page) -> String {
        format!("{}{}", self.config.base_url, page.path)
    }

    /// The source file behind a page.
    pub(crate) fn source(&self, page: &Page) -> &SourcePage {
        &self.sources[page.source]
    }

    /// Root-relative URL of the home page of an edition.
    pub(crate) fn home_url(&self, edition: usize) -> String {
        format!("{}{}", self.base_path, self.editions[edition].path_prefix)
    }

    /// Resolves an internal link `opgaven/wonen.md#x` (relative to the edition folder) to a URL
    /// in `edition`.
    pub(crate) fn resolve_link(&self, edition: usize, target: &str) -> Result<String, String> {
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        let key = path.trim_end_matches(".md").trim_end_matches('/');
        let key = if key.is_empty() || key == "index" { HOME } else { key };
        // Links name files; a page whose front matter sets another `key` is found by its file.
        let by_file = || {
            let rel = format!("{key}.md");
            self.pages.iter().find(|p| p.edition == edition && self.sources[p.source].rel == rel)
        };
        let page = self.page(edition, key).or_else(by_file).ok_or_else(|| format!("link to a page that does not exist: `@/{target}`"))?;
        Ok(match fragment {
            Some(f) => format!("{}#{f}", self.url(page)),
            None => self.url(page),
        })
    }

    /// The page file that did not load and that a failed link `target` (as for
    /// [`Site::resolve_link`]) in `edition` would have reached, in the edition's fallback chain.
    pub(crate) fn failed_target(&self, edition: usize, target: &str) -> Option<&crate::content::FailedPage> {
        let path = target.split('#').next().unwrap_or("").trim_end_matches(".md").trim_end_matches('/');
        let key = if path.is_empty() || path == "index" { "_index" } else { path };
        self.editions[edition]
            .chain
            .iter()
            .find_map(|e| self.failed.iter().find(|f| f.edition == *e && (f.key() == key || f.key() == format!("{key}/_index"))))
    }

    /// Number of pages per edition: (translated, fallback).
    pub(crate) fn counts(&self, edition: usize) -> (usize, usize) {
        let pages = self.pages.iter().filter(|p| p.edition == edition);
        let fallback = pages.clone().filter(|p| p.fallback).count();
        (pages.count() - fallback, fallback)
    }

    /// Is the edition a plain-language version of another?
    pub(crate) fn plain_of(&self, edition: usize) -> Option<usize> {
        let original = self.config.editions[edition].plain_of.as_ref()?;
        self.config.editions.iter().position(|e| &e.code == original)
    }

    /// The plain-language edition of `edition`, if there is one.
    pub(crate) fn plain_version(&self, edition: usize) -> Option<usize> {
        (0..self.editions.len()).find(|&e| self.plain_of(e) == Some(edition))
    }
}

fn deep_children(key: &str, kids: &dyn Fn(&str) -> Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for child in kids(key) {
        out.push(child.clone());
        if child.ends_with("/_index") {
            out.extend(deep_children(&child, kids));
        }
    }
    out
}

/// Indexes sources by (edition, key), reporting two pages with the same key in one edition.
fn index_sources(sources: &[SourcePage], root: &std::path::Path, diagnostics: &Diagnostics) -> BTreeMap<(usize, String), usize> {
    let mut map = BTreeMap::new();
    for (i, page) in sources.iter().enumerate() {
        let id = (page.edition, page.key.clone());
        if let Some(&other) = map.get(&id) {
            let first: &SourcePage = &sources[other];
            diagnostics.push(
                Diagnostic::error(
                    &page.path,
                    1,
                    1,
                    format!(
                        "two pages in this edition have the key `{}` (the other is {})",
                        page.key,
                        first.path.strip_prefix(root).unwrap_or(&first.path).display()
                    ),
                )
                .with_help("every page of an edition needs its own key; remove or change one `key:`"),
            );
            continue;
        }
        map.insert(id, i);
    }
    map
}

/// Path of a page below its edition (`opgaven/wonen/`), from its file and slug.
fn page_path(source: &SourcePage) -> String {
    let rel = source.rel.trim_end_matches(".md");
    let (dir, stem) = match rel.rsplit_once('/') {
        Some((d, s)) => (format!("{d}/"), s),
        None => (String::new(), rel),
    };
    if stem == "_index" {
        return dir;
    }
    let last = source.front.slug.clone().unwrap_or_else(|| stem.to_string());
    format!("{dir}{last}/")
}

/// The key of the section a file belongs to.
fn parent_key(rel: &str) -> Option<String> {
    let rel = rel.trim_end_matches(".md");
    if rel == HOME {
        return None;
    }
    let dir = rel.strip_suffix("/_index").unwrap_or(rel);
    Some(match dir.rsplit_once('/') {
        Some((parent, _)) => format!("{parent}/_index"),
        None => HOME.to_string(),
    })
}

impl Site {
    /// The theme as loaded (built in or a folder, with the site's overrides).
    #[cfg(test)]
    pub(crate) fn theme(&self) -> &crate::theme::Theme {
        &self.theme
    }

    /// The URL of the file `target` (relative, maybe with `?query` or `#fragment`) beside the
    /// page file `source`: files are found relative to the page's file, as an editor or a
    /// repository viewer sees them, and published at their own path in the edition's folder.
    pub(crate) fn resolve_file(&self, source: &SourcePage, target: &str) -> Result<String, String> {
        let split = target.find(['?', '#']).unwrap_or(target.len());
        let (path, rest) = target.split_at(split);
        let decoded = crate::url_path::decoded(path);
        let mut folder: Vec<&str> = source.rel.split('/').collect();
        folder.pop();
        let resolved = crate::url_path::resolve(&folder, &decoded);
        if resolved.above {
            return Err(format!("the file `{path}` would be outside the edition's folder"));
        }
        let rel = resolved.joined();
        match self.statics.iter().find(|f| f.edition == source.edition && f.rel == rel) {
            Some(file) => Ok(format!("{}{}{}{rest}", self.base_path, self.editions[file.edition].path_prefix, rel)),
            None => Err(format!(
                "there is no file `{path}` beside this page (looked for content/{}/{rel})",
                self.config.editions[source.edition].code
            )),
        }
    }
}

/// `/` or `/sub/path/` from the base URL.
fn base_path_of(base_url: &str) -> String {
    let without_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match without_scheme.find('/') {
        Some(i) => without_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents() {
        assert_eq!(parent_key("_index.md"), None);
        assert_eq!(parent_key("inleiding.md").as_deref(), Some("_index"));
        assert_eq!(parent_key("opgaven/_index.md").as_deref(), Some("_index"));
        assert_eq!(parent_key("opgaven/wonen.md").as_deref(), Some("opgaven/_index"));
        assert_eq!(parent_key("a/b/_index.md").as_deref(), Some("a/_index"));
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path_of("https://example.org/"), "/");
        assert_eq!(base_path_of("https://example.org/akkoord/"), "/akkoord/");
    }
}
