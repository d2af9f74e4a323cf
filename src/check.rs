//! Checks that need the whole rendered site: internal links and `#anchors`, messages used by
//! templates, and the readability of plain-language editions.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::job::PageFacts;
use crate::site::Site;
use crate::template_graph::{Call, Graph, KeyArg, Target};
use crate::url_path;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use tera::Tera;

/// Every `id="…"` in an HTML document.
pub(crate) fn ids_in_html(html: &str) -> Vec<String> {
    // Values are quoted in templates and unquoted where minify-html could drop the quotes.
    let mut ids = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=") {
        rest = &rest[i + 4..];
        let (value, len) = match rest.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => {
                let end = rest[1..].find(q as char).map_or(rest.len(), |e| e + 1);
                (&rest[1..end], end)
            }
            _ => {
                let end = rest.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(rest.len());
                (&rest[..end], end)
            }
        };
        ids.push(html_escape::decode_html_entities(value).into_owned());
        rest = &rest[len..];
    }
    ids
}

/// A URL in an `href`, `src` or `action` attribute of a built HTML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlLink {
    /// The attribute's value, entities decoded.
    pub(crate) url: String,
    /// Where the attribute's value starts in the file (1-based).
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// Every `href`, `src` and `action` in an HTML document, in order, outside comments, scripts
/// and styles. A small scanner: plein's own output is well-formed, and quotes may have been
/// dropped by the minifier.
pub(crate) fn links_in_html(html: &str) -> Vec<HtmlLink> {
    let bytes = html.as_bytes();
    let mut links = Vec::new();
    let mut i = 0;
    let position = |offset: usize| {
        let before = &html[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rfind('\n').map_or(offset, |n| offset - n - 1) + 1;
        (line, column)
    };
    while let Some(next) = html[i..].find('<') {
        i += next;
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        let name_start = i + 1;
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            i += 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let mut j = name_start + name_len;
        // Attributes up to the end of the tag.
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let attr_start = j;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            let attr = html[attr_start..j].to_ascii_lowercase();
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                let (value_start, value_end) = match bytes.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[j + 1..].find(q as char).map_or(bytes.len(), |e| j + 1 + e);
                        let range = (j + 1, end);
                        j = (end + 1).min(bytes.len());
                        range
                    }
                    _ => {
                        let start = j;
                        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                            j += 1;
                        }
                        (start, j)
                    }
                };
                if matches!(attr.as_str(), "href" | "src" | "action") {
                    let (line, column) = position(value_start);
                    let url = html_escape::decode_html_entities(&html[value_start..value_end]).into_owned();
                    links.push(HtmlLink { url, line, column });
                }
            }
        }
        i = (j + 1).min(bytes.len());
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i..].to_ascii_lowercase().find(&close).map_or(bytes.len(), |e| i + e);
        }
    }
    links
}

/// The output file a link's path (as written, `%XX` escapes and all) leads to from the output
/// folder `folder`: `.` and `..` resolved as a browser does, a folder's `index.html` for a path
/// that ends in a folder. `None` when a `..` climbs above the site's `base_path`, where a browser
/// leaves the site; at base path `/` a browser stays at the top, and so does this.
fn output_file(path: &str, folder: &[&str], base_path: &str) -> Option<String> {
    let path = url_path::decoded(path);
    let resolved = url_path::resolve(folder, &path);
    if resolved.above && base_path != "/" {
        return None;
    }
    let last = path.rsplit('/').next().unwrap_or("");
    let joined = resolved.joined();
    Some(if joined.is_empty() {
        "index.html".to_string()
    } else if last.is_empty() || last == "." || last == ".." {
        format!("{joined}/index.html")
    } else {
        joined
    })
}

/// Checks every link of every built HTML file in `dir` (template and shortcode output included):
/// the target file exists in the output and a `#fragment` names an element of the target page.
/// Links that come from a page's markdown were checked with their position in the markdown by
/// [`check_links`] and are not reported twice. Links to other hosts are not fetched.
pub(crate) fn check_built_html(site: &Site, dir: &Path, facts: &[PageFacts], diagnostics: &Diagnostics) {
    let mut files: HashMap<String, String> = HashMap::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else { continue };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if let Ok(html) = std::fs::read_to_string(entry.path()) {
            files.insert(rel, html);
        }
    }
    let ids: HashMap<&str, HashSet<String>> =
        files.iter().map(|(rel, html)| (rel.as_str(), ids_in_html(html).into_iter().collect())).collect();
    let page_of: HashMap<String, usize> = site.pages.iter().enumerate().map(|(i, p)| (format!("{}index.html", p.path), i)).collect();
    let markdown_links: HashMap<usize, HashSet<&str>> =
        facts.iter().map(|f| (f.page, f.links.iter().map(|l| l.url.as_str()).collect())).collect();
    let base_url = site.config.base_url.trim_end_matches('/');
    let mut rels: Vec<&String> = files.keys().collect();
    rels.sort();
    for rel in rels {
        let page = page_of.get(rel.as_str()).copied();
        let skip = page.and_then(|p| markdown_links.get(&p));
        let folder: Vec<&str> = rel.rsplit_once('/').map_or("", |(d, _)| d).split('/').collect();
        for link in links_in_html(&files[rel]) {
            let url = link.url.trim();
            if skip.is_some_and(|s| s.contains(url)) || url.is_empty() {
                continue;
            }
            // The site's own absolute URLs (canonical, hreflang, og:url) point into this output.
            let local = match url.strip_prefix(base_url) {
                Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("{}{}", site.base_path, rest.trim_start_matches('/')),
                _ if url.contains(':') && !url.starts_with('/') && !url.starts_with('#') => continue, // other hosts, mailto:, tel:
                _ => url.to_string(),
            };
            let (path, fragment) = local.split_once('#').map_or((local.as_str(), None), |(p, f)| (p, Some(f)));
            let path = path.split('?').next().unwrap_or_default();
            let target = if path.is_empty() {
                Some(rel.clone())
            } else if let Some(inside) = path.strip_prefix(site.base_path.as_str()) {
                output_file(inside, &[], &site.base_path)
            } else if path.starts_with('/') {
                None
            } else {
                output_file(path, &folder, &site.base_path)
            };
            let Some(target) = target else {
                report(
                    site,
                    rel,
                    page,
                    &link,
                    diagnostics,
                    format!("link `{url}` leads outside the site's base path `{}`", site.base_path),
                );
                continue;
            };
            let exists = files.contains_key(&target) || dir.join(&target).is_file();
            if !exists {
                report(site, rel, page, &link, diagnostics, format!("broken link `{url}`: the built site has no `{target}`"));
                continue;
            }
            if let (Some(fragment), Some(target_ids)) = (fragment.filter(|f| !f.is_empty()), ids.get(target.as_str())) {
                let fragment = url_path::decoded(fragment).into_owned();
                if !target_ids.contains(&fragment) {
                    report(
                        site,
                        rel,
                        page,
                        &link,
                        diagnostics,
                        format!("broken anchor `{url}`: `{target}` has no element with id `{fragment}`"),
                    );
                }
            }
        }
    }
}

/// A finding of [`check_built_html`], reported at the page's source file (or the output file for
/// pages without one, like the 404 page) with the place in the built HTML.
fn report(site: &Site, rel: &str, page: Option<usize>, link: &HtmlLink, diagnostics: &Diagnostics, message: String) {
    let (path, position) = match page {
        Some(p) => (site.source(&site.pages[p]).path.clone(), format!(" (built page `{rel}`, line {}, column {})", link.line, link.column)),
        None => (std::path::PathBuf::from(rel), String::new()),
    };
    let (line, column) = if page.is_some() { (0, 0) } else { (link.line, link.column) };
    diagnostics.push(
        Diagnostic::error(&path, line, column, format!("{message}{position}"))
            .with_help("the link is in the page's HTML as built: it comes from the theme's templates, a shortcode or data"),
    );
}

/// Reports links to pages that do not exist and `#fragments` that no element carries.
pub(crate) fn check_links(site: &Site, facts: &[PageFacts], diagnostics: &Diagnostics) {
    let mut ids_by_url: HashMap<String, HashSet<&str>> = HashMap::new();
    for f in facts {
        let url = site.url(&site.pages[f.page]);
        ids_by_url.entry(url).or_default().extend(f.ids.iter().chain(f.html_ids.iter()).map(String::as_str));
    }
    let extra_files: HashSet<String> =
        site.statics.iter().map(|s| format!("{}{}{}", site.base_path, site.editions[s.edition].path_prefix, s.rel)).collect();
    // A page shown in several editions (fallbacks) is one source: its links are reported once.
    let mut reported: HashSet<(std::path::PathBuf, usize, usize)> = HashSet::new();
    for f in facts {
        let page = &site.pages[f.page];
        let source = site.source(page);
        let own_url = site.url(page);
        for link in &f.links {
            let url = link.url.as_str();
            if url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
                || url.starts_with("tel:")
                || url == "#"
            {
                continue;
            }
            let (path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (url, None),
            };
            let target = if path.is_empty() { own_url.clone() } else { path.to_string() };
            if !target.starts_with('/') {
                continue;
            }
            let Some(ids) = ids_by_url.get(&target) else {
                if !extra_files.contains(&target)
                    && !target.contains("/data/")
                    && reported.insert((source.path.clone(), link.line, link.column))
                {
                    diagnostics.push(
                        Diagnostic::error(&source.path, link.line, link.column, format!("broken link: no page at `{target}`"))
                            .with_help("link to pages with @/path.md so plein resolves them per edition"),
                    );
                }
                continue;
            };
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                if !ids.contains(fragment) && reported.insert((source.path.clone(), link.line, link.column)) {
                    diagnostics.push(
                        Diagnostic::error(
                            &source.path,
                            link.line,
                            link.column,
                            format!("broken anchor: `{target}` has no element with id `{fragment}`"),
                        )
                        .with_help(match crate::suggest::closest(fragment, ids.iter().copied()) {
                            Some(best) => format!("did you mean `#{best}`?"),
                            None => "check the heading or commitment id".to_string(),
                        }),
                    );
                }
            }
        }
    }
}

/// The theme's templates as loaded, for the checks of what they need from the site.
pub(crate) struct ThemeTemplates<'a> {
    pub(crate) tera: &'a Tera,
    /// Each template's text by name, as written: the graph of includes and calls is read from
    /// it (Tera 2's syntax tree is private, see [`crate::template_graph`]).
    pub(crate) sources: &'a BTreeMap<String, String>,
    /// Where each template comes from (the theme or the site's override), for diagnostics.
    pub(crate) theme: &'a crate::theme::Theme,
    pub(crate) root: &'a Path,
}

impl ThemeTemplates<'_> {
    fn path(&self, template: &str) -> PathBuf {
        self.theme.template_path(self.root, template)
    }
}

/// What [`check_theme`] saw, so that the reports after rendering do not repeat it.
#[derive(Debug, Default)]
pub(crate) struct ThemeScan {
    /// Message keys written literally in any template: checked before rendering.
    literal_messages: BTreeSet<String>,
    /// Page keys reported as missing before rendering.
    reported_pages: BTreeSet<String>,
    /// Where templates the site renders build a message key while rendering (path, line, column).
    computed_messages: Vec<(PathBuf, usize, usize)>,
}

/// The templates plein renders for this site: each page's template, and the ones plein renders
/// by name (see `render`): the 404 page of every edition, the menu, redirects when a page has
/// aliases, the commitment partial when a page marks commitments, and the shortcodes. Whether a
/// body calls a shortcode is only known when it is rendered, and an editor may add a call to any
/// page: a shortcode is offered to the site's editors, so its messages count as the site's.
fn rendered_templates(site: &Site, tera: &Tera) -> BTreeSet<String> {
    let mut roots: BTreeSet<String> = site.pages.iter().map(|p| crate::render::template_name(p, site.source(p))).collect();
    roots.insert("404.html".into());
    roots.insert(crate::render::MENU_TEMPLATE.into());
    if site.pages.iter().any(|p| !p.fallback && !site.source(p).front.aliases.is_empty()) {
        roots.insert("redirect.html".into());
    }
    if site.sources.iter().any(|s| !s.commitments.is_empty()) {
        roots.insert("partials/commitment.html".into());
    }
    roots.extend(tera.get_template_names().filter(|n| n.starts_with("shortcodes/")).map(String::from));
    roots
}

/// Checks, before rendering, what the templates this site renders need from it, from the
/// templates' graph (see [`crate::template_graph::Graph`]):
/// - every message used with a literal key (`t(key="x")`, spaces, quotes and components included)
///   exists: one error per key missing in an edition and its fallbacks, at the template that
///   uses it first, naming the `.ftl` file to add it to; a warning per edition that shows it
///   from a fallback;
/// - every page linked with a literal key (`url(key="zoeken")`) exists: one error per key, at
///   no template position, naming the file to create.
///
/// Templates that no page of this site renders (directly or through extends, include or a
/// component call) are not the editor's concern: their missing messages are not reported, except
/// under `plein check` (`lint_unused`) as one warning per key for the theme's author.
pub(crate) fn check_theme(site: &Site, templates: &ThemeTemplates, lint_unused: bool, diagnostics: &Diagnostics) -> ThemeScan {
    let graph = Graph::of(templates.sources);
    let roots = rendered_templates(site, templates.tera);
    let used = graph.reachable(roots.iter().map(String::as_str));
    let mut scan = ThemeScan::default();
    // Each message key at its first use, a use in a rendered template first.
    let mut messages: BTreeMap<&str, (bool, &Target, &Call)> = BTreeMap::new();
    let mut pages: BTreeSet<&str> = BTreeSet::new();
    for (target, call) in graph.calls() {
        let in_use = used.contains(target);
        match (call.function.as_str(), &call.key) {
            ("t", KeyArg::Literal(key)) => {
                scan.literal_messages.insert(key.clone());
                let entry = messages.entry(key).or_insert((in_use, target, call));
                if in_use && !entry.0 {
                    *entry = (in_use, target, call);
                }
            }
            ("t", KeyArg::Computed) if in_use => {
                scan.computed_messages.push((templates.path(target.file()), call.line, call.column));
            }
            ("url", KeyArg::Literal(key)) if in_use => {
                pages.insert(key);
            }
            _ => {}
        }
    }
    scan.computed_messages.dedup();
    for (key, (in_use, target, call)) in messages {
        let lacking: Vec<usize> = (0..site.editions.len()).filter(|&e| site.i18n.message(e, key, None).is_none()).collect();
        let from_fallback: Vec<(usize, usize)> = (0..site.editions.len())
            .filter(|&e| !site.i18n.declared(e).contains_key(key))
            .filter_map(|e| Some((e, site.i18n.message(e, key, None)?.1)))
            .collect();
        let (line, column) = (call.line, call.column);
        let path = templates.path(target.file());
        if !in_use {
            if lint_unused && !lacking.is_empty() {
                diagnostics.push(
                    Diagnostic::warning(
                        &path,
                        line,
                        column,
                        format!("message `{key}` is not defined, but no page of this site is rendered with this template"),
                    )
                    .with_help(format!("for the theme's author: {}", message_help(site, key, &lacking))),
                );
            }
            continue;
        }
        if !lacking.is_empty() {
            let message = if lacking.len() == site.editions.len() {
                format!("message `{key}` is not defined in any edition")
            } else {
                format!("message `{key}` is not defined in edition {} nor in the editions it falls back to", codes(site, &lacking))
            };
            diagnostics.push(Diagnostic::error(&path, line, column, message).with_help(message_help(site, key, &lacking)));
        }
        for (e, from) in from_fallback {
            let code = &site.config.editions[e].code;
            diagnostics.push(
                Diagnostic::warning(
                    &path,
                    line,
                    column,
                    format!("message `{key}` is missing in edition `{code}`; using `{}`", site.config.editions[from].code),
                )
                .with_help(format!("translate it in {}", ftl_file(site, e, key))),
            );
        }
    }
    for key in pages {
        if let Some(d) = missing_page(site, key, false) {
            scan.reported_pages.insert(key.to_string());
            diagnostics.push(d);
        }
    }
    scan
}

/// Reports, after rendering, what only rendering could see, once per key: messages whose key a
/// template builds while rendering (`t(key="status-" ~ s)`), and pages asked for by `url()` with
/// a key built while rendering. Keys [`check_theme`] saw were reported by it.
pub(crate) fn report_after_render(site: &Site, renderer: &crate::render::Renderer, scan: &ThemeScan, diagnostics: &Diagnostics) {
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (edition, key) in renderer.missing_messages() {
        by_key.entry(key).or_default().push(edition);
    }
    let relative = |p: &Path| p.strip_prefix(&site.root).unwrap_or(p).to_string_lossy().replace('\\', "/");
    let built_at: Vec<String> = scan.computed_messages.iter().take(3).map(|(p, l, c)| format!("{}:{l}:{c}", relative(p))).collect();
    let built_at = match scan.computed_messages.len() {
        0 => String::new(),
        n if n > built_at.len() => format!(" (a key built by a template: {}, …)", built_at.join(", ")),
        _ => format!(" (a key built by a template: {})", built_at.join(", ")),
    };
    for (key, mut lacking) in by_key.into_iter().filter(|(key, _)| !scan.literal_messages.contains(key)) {
        lacking.sort_unstable();
        lacking.dedup();
        let file = site.root.join(ftl_file(site, site.default_edition, &key));
        diagnostics.push(
            Diagnostic::error(
                file,
                0,
                0,
                format!("message `{key}` is used by a template but not defined in edition {}{built_at}", codes(site, &lacking)),
            )
            .with_help(message_help(site, &key, &lacking)),
        );
    }
    for key in renderer.missing_pages().iter().filter(|k| !scan.reported_pages.contains(*k)) {
        diagnostics.extend(missing_page(site, key, true));
    }
}

/// `` `en` `` or `` `en`, `nl` ``.
fn codes(site: &Site, editions: &[usize]) -> String {
    editions.iter().map(|&e| format!("`{}`", site.config.editions[e].code)).collect::<Vec<_>>().join(", ")
}

/// The Fluent file of `edition` to add `key` to, site-relative: the one declaring the key that
/// shares the longest start with it (`search-…` beside `search-open`), else the edition's first.
fn ftl_file(site: &Site, edition: usize, key: &str) -> String {
    let declared = site.i18n.declared(edition);
    let shared = |other: &str| other.chars().zip(key.chars()).take_while(|(a, b)| a == b).count();
    let mut best: Option<(usize, &Path)> = None;
    // Only the site's own files: a message of a built-in theme lives inside the program, where
    // the editor cannot add one; a site's file with the same id replaces it.
    let own = site.root.join("locales");
    for (other, info) in declared.iter().filter(|(_, info)| info.path.starts_with(&own)) {
        let n = shared(other);
        if best.is_none_or(|(m, _)| n > m) {
            best = Some((n, &info.path));
        }
    }
    match best {
        Some((_, path)) => path.strip_prefix(&site.root).unwrap_or(path).to_string_lossy().replace('\\', "/"),
        None => format!("locales/{}/main.ftl", site.config.editions[edition].code),
    }
}

/// "did you mean" for a message key missing in `lacking` editions, then the files to add it to.
fn message_help(site: &Site, key: &str, lacking: &[usize]) -> String {
    let first = lacking.iter().copied().find(|&e| e == site.default_edition).or(lacking.first().copied()).unwrap_or(site.default_edition);
    let mut files = format!("add `{key} = …` to {}", ftl_file(site, first, key));
    let others: Vec<String> = lacking.iter().filter(|&&e| e != first).map(|&e| ftl_file(site, e, key)).collect();
    if !others.is_empty() {
        files.push_str(&format!(", and its translation to {}", others.join(" and ")));
    }
    let declared = site.i18n.declared(first);
    match crate::suggest::closest(key, declared.keys().map(String::as_str)) {
        Some(best) => format!("did you mean `{best}`? Or {files}"),
        None => files,
    }
}

/// The error for a page key that templates link to (`url(key=…)`) and that some edition of the
/// site has no page for (not even by fallback): one per key, at the file to create. A key `built`
/// while rendering may come from content (front matter, a data file), where it may be misspelled.
fn missing_page(site: &Site, key: &str, built: bool) -> Option<Diagnostic> {
    let lacking: Vec<usize> = (0..site.editions.len()).filter(|&e| site.page(e, key).is_none()).collect();
    if lacking.is_empty() {
        return None;
    }
    let message = if lacking.len() == site.editions.len() {
        format!("the theme links to the page with key `{key}`, which this site does not have")
    } else {
        format!("the theme links to the page with key `{key}`, which edition {} does not have", codes(site, &lacking))
    };
    // A page in the default edition serves every edition that falls back to it; the others need
    // their own.
    let default = site.default_edition;
    let default_code = &site.config.editions[default].code;
    let needs_own = |e: usize| e == default || !lacking.contains(&default) || !site.config.editions[e].fallback.contains(default_code);
    let editions: Vec<&str> = lacking.iter().copied().filter(|&e| needs_own(e)).map(|e| site.config.editions[e].code.as_str()).collect();
    // The key names a file only if it is a plain relative path (it may come from data).
    let plain = !key.is_empty()
        && !key.starts_with('/')
        && key.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
        && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/'));
    let first = editions.first().copied().unwrap_or(default_code);
    let or_correct = if built { "; or, if the key comes from a page's front matter or a data file, correct it there" } else { "" };
    Some(if plain {
        let files: Vec<String> = editions.iter().map(|code| format!("content/{code}/{key}.md")).collect();
        let each = if files.len() > 1 { "each with" } else { "with" };
        Diagnostic::error(site.root.join("content").join(first).join(format!("{key}.md")), 0, 0, message).with_help(format!(
            "create {}, {each} a `title:` and `key: {key}` in its front matter; the theme's templates link to this page{or_correct}",
            files.join(" and ")
        ))
    } else {
        Diagnostic::error(site.root.join("content").join(first), 0, 0, message)
            .with_help("the key is not a page's path: correct it where it is written (the theme, or the data it comes from)")
    })
}

/// Readability of one page of a plain-language edition.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReadabilityRow {
    /// The edition's code.
    pub edition: String,
    /// The page's key (`opgaven/wonen`).
    pub key: String,
    /// The page's figures.
    pub scores: crate::readability::Scores,
    /// Scores of the original's page, for comparison.
    pub original: Option<crate::readability::Scores>,
    /// Whether the figures are within the limits of `site.yaml`'s `readability`.
    pub within_limits: bool,
}

/// Measures every page of plain-language editions (and their originals) and warns for pages
/// above the configured limits.
pub(crate) fn readability(site: &Site, facts: &[PageFacts], diagnostics: &Diagnostics) -> Vec<ReadabilityRow> {
    let limits = &site.config.readability;
    let by_page: HashMap<usize, &PageFacts> = facts.iter().map(|f| (f.page, f)).collect();
    let mut rows = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        let Some(original) = site.plain_of(page.edition) else { continue };
        if page.fallback {
            continue;
        }
        let Some(f) = by_page.get(&i) else { continue };
        let scores = crate::readability::measure(&f.blocks);
        if scores.words < limits.min_words {
            continue;
        }
        let original_scores = site
            .page(original, &page.key)
            .and_then(|p| site.pages.iter().position(|q| std::ptr::eq(q, p)))
            .and_then(|j| by_page.get(&j))
            .map(|f| crate::readability::measure(&f.blocks));
        let within = scores.words_per_sentence <= limits.max_words_per_sentence
            && scores.lix <= limits.max_lix
            && scores.flesch_douma >= limits.min_flesch_douma;
        if !within {
            diagnostics.push(
                Diagnostic::warning(&site.source(page).path, 0, 0, format!(
                    "harder than the plain-language limits: {:.1} words per sentence (max {}), LIX {:.1} (max {}), Flesch-Douma {:.1} (min {})",
                    scores.words_per_sentence, limits.max_words_per_sentence, scores.lix, limits.max_lix, scores.flesch_douma, limits.min_flesch_douma
                ))
                .with_help("use shorter sentences and shorter, common words"),
            );
        }
        rows.push(ReadabilityRow {
            edition: site.config.editions[page.edition].code.clone(),
            key: page.key.clone(),
            scores,
            original: original_scores,
            within_limits: within,
        });
    }
    rows.sort_by(|a, b| (&a.edition, &a.key).cmp(&(&b.edition, &b.key)));
    rows
}

/// The text one page marks as the site's own.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SiteTextRow {
    /// The edition's code.
    pub edition: String,
    /// The page's key (`opgaven/wonen`).
    pub key: String,
    /// `description` (shown as a summary in section lists), `intro`, `s:<id>`, and each phrase
    /// in quotes.
    pub items: Vec<String>,
}

/// Every page's site text, from its front matter: what `plein check` lists.
pub(crate) fn site_text(site: &Site) -> Vec<SiteTextRow> {
    let mut rows: Vec<SiteTextRow> = site
        .pages
        .iter()
        .filter(|p| !p.fallback)
        .filter_map(|page| {
            let front = &site.source(page).front;
            let mut items = Vec::new();
            if front.description.is_some() {
                items.push("description".to_string());
            }
            if let Some(marked) = &front.site_text {
                items.extend(marked.parts.iter().cloned());
                items.extend(marked.phrases.iter().map(|p| format!("\"{p}\"")));
            }
            (!items.is_empty()).then(|| SiteTextRow {
                edition: site.config.editions[page.edition].code.clone(),
                key: page.key.clone(),
                items,
            })
        })
        .collect();
    rows.sort_by(|a, b| (&a.edition, &a.key).cmp(&(&b.edition, &b.key)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_html_reads_quoted_and_unquoted_values_outside_scripts_and_comments() {
        let html = "<p><a href=\"/a/#x\">a</a>\n<img alt=\"\" src=/b.svg><!-- <a href=\"/no/\"> --><script>var s = '<a href=\"/no2/\">';</script><form action='/q/'><a class=x href=\"/c?d=1&amp;e=2\">";
        let links = links_in_html(html);
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["/a/#x", "/b.svg", "/q/", "/c?d=1&e=2"]);
        assert_eq!((links[0].line, links[0].column), (1, 13));
        assert_eq!((links[1].line, links[1].column), (2, 17));
    }

    #[test]
    fn links_lead_to_output_files() {
        let at_root = |path: &str, folder: &[&str]| output_file(path, folder, "/").expect("a file at the root");
        assert_eq!(at_root("caf%C3%A9/", &[]), "café/index.html");
        assert_eq!(at_root("", &[]), "index.html");
        assert_eq!(at_root("../b/", &["a"]), "b/index.html");
        assert_eq!(at_root("..", &["a", "b"]), "a/index.html");
        assert_eq!(at_root("../../../etc/passwd", &["a"]), "etc/passwd", "never above the output folder");
        assert_eq!(at_root("plan.pdf", &["a"]), "a/plan.pdf");
        assert_eq!(output_file("../../x", &["a"], "/sub/"), None, "above a sub-path base the link leaves the site");
        assert_eq!(output_file("../x", &["a"], "/sub/").as_deref(), Some("x"));
    }
}
