//! Rendering: Tera templates of the theme, fed with a context built from the read-only [`Site`].
//!
//! One Tera instance per edition carries that edition's template functions (`t`, `url`,
//! `asset`, `num`, `date`); they share the parsed templates.

use crate::data::{Kind, Status};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::job::JobPart;
use crate::markdown::{self, Hooks, Origin, Rendered, Term};
use crate::site::{Page, Site, HOME};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use tera::Tera;

/// Rendered output of one page, with what the checker needs to know about it.
pub struct PageOutput {
    pub html: String,
    /// Ids defined in the page (for `#anchor` checks).
    pub ids: Vec<String>,
    pub links: Vec<markdown::LinkRef>,
    /// Text blocks of the markdown body (readability, search).
    pub blocks: Vec<String>,
}

/// Templates and their per-edition functions.
pub struct Renderer {
    teras: Vec<Tera>,
    pub templates_dir: PathBuf,
    /// Message keys the templates could not find in any edition of the chain.
    missing: Arc<Mutex<BTreeSet<(usize, String)>>>,
    /// Page keys `url()` was asked for that the site has no page for (see [`UrlFunction`]).
    missing_pages: Arc<Mutex<BTreeSet<String>>>,
    /// Messages Fluent could not format as a template asked for them.
    fluent_errors: Arc<Mutex<BTreeSet<FluentError>>>,
    glossaries: Vec<Vec<Term>>,
    matchers: Vec<Option<aho_corasick::AhoCorasick>>,
    /// Asset name → hashed root-relative URL.
    pub assets: Arc<BTreeMap<String, String>>,
    /// The rendered main menu per edition and [`MenuState`] slot, filled on first use.
    menus: Vec<Vec<OnceLock<String>>>,
    /// The pages of each top-level section per edition (none marked), filled on first use.
    sections: Vec<Vec<OnceLock<Vec<Value>>>>,
    /// The `site` object and each edition's `edition` object, the same for every page.
    site_value: Value,
    edition_values: Vec<Value>,
    /// The footer links of each edition, none marked.
    footers: Vec<Vec<Value>>,
    /// Where the page jobs spend their time.
    pub times: crate::job::JobTimes,
}

/// The template of the main menu: rendered once per edition and state, not once per page.
pub(crate) const MENU_TEMPLATE: &str = "partials/menu.html";

/// What the main menu shows of where a page is: the top-level item it is in (itself, or the
/// section it belongs to), and whether it is that item. Every page of a section shares one.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MenuState {
    pub active: Option<usize>,
    pub on_item: bool,
}

impl MenuState {
    /// The state for `page` (or for a page outside the navigation, like the 404 page).
    pub fn of(site: &Site, edition: usize, page: Option<&Page>) -> MenuState {
        let nav = &site.editions[edition].nav;
        let active = page.and_then(|p| nav.iter().position(|n| n.key == p.key || p.parent.as_deref() == Some(n.key.as_str())));
        MenuState { active, on_item: active.zip(page).is_some_and(|(i, p)| nav[i].key == p.key) }
    }

    fn slot(self) -> usize {
        self.active.map_or(0, |i| 1 + 2 * i + usize::from(self.on_item))
    }
}

/// Loads the theme's templates; syntax errors are reported with their template and position.
pub fn load_templates(theme: &crate::theme::Theme, diagnostics: &Diagnostics) -> Option<Tera> {
    load_templates_trimmed(theme, diagnostics, true)
}

/// The theme's templates as written, not trimmed: for the trimmer's differential test, which
/// renders every page both ways and compares what a browser would show.
pub fn load_templates_as_written(theme: &crate::theme::Theme, diagnostics: &Diagnostics) -> Option<Tera> {
    load_templates_trimmed(theme, diagnostics, false)
}

fn load_templates_trimmed(theme: &crate::theme::Theme, diagnostics: &Diagnostics, trim: bool) -> Option<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    let path_of = |name: &str| theme.templates.get(name).map_or_else(|| PathBuf::from(name), crate::theme::ThemeFile::path);
    // Templates are parsed trimmed (see `minify`); only when that fails are they parsed as
    // written, so that the error's line and column are the ones in the file.
    let trimmed: Vec<(String, String)> = theme
        .templates
        .iter()
        .map(|(name, file)| {
            let text = file.text();
            (name.clone(), if trim && name.ends_with(".html") { crate::minify::template(&text) } else { text.into_owned() })
        })
        .collect();
    let mut fast = tera.clone();
    if fast.add_raw_templates(trimmed).is_ok() {
        return without_cycles(fast, &path_of, diagnostics);
    }
    let written: Vec<(String, String)> = theme.templates.iter().map(|(name, file)| (name.clone(), file.text().into_owned())).collect();
    if let Err(e) = tera.add_raw_templates(written) {
        // Tera names the failing template (in quotes): point at that file.
        let text = e.to_string();
        let quoted = text.split(['"', '\'']).nth(1).unwrap_or_default();
        diagnostics.push(tera_diagnostic(&path_of(quoted), &e));
        return None;
    }
    without_cycles(tera, &path_of, diagnostics)
}

/// The templates, if their includes and macro calls form no cycle (one would never finish).
fn without_cycles(tera: Tera, path_of: &dyn Fn(&str) -> PathBuf, diagnostics: &Diagnostics) -> Option<Tera> {
    let cycles = crate::template_cycles::check(&tera, path_of);
    if cycles.is_empty() {
        return Some(tera);
    }
    diagnostics.extend(cycles);
    None
}

/// Escapes text for HTML text and quoted attribute values. Tera's own escaping also turns `/`
/// into `&#x2F;`, which makes every URL in a page several times longer; `/` needs no escaping.
fn escape_html(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

/// A Tera error as a diagnostic, with the position Tera reports (`--> line:column`).
pub fn tera_diagnostic(path: &Path, error: &tera::Error) -> Diagnostic {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    let (line, column) = message
        .split("--> ")
        .nth(1)
        .and_then(|rest| {
            let mut parts = rest.split(|c: char| !c.is_ascii_digit());
            Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
        })
        .unwrap_or((0, 0));
    let message = message.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    Diagnostic::error(path, line, column, format!("template error: {message}")).with_help("fix the template; see the Tera documentation")
}

impl Renderer {
    /// Prepares one Tera per edition with its functions registered.
    pub fn new(site: &Arc<Site>, base: Tera, assets: BTreeMap<String, String>) -> Renderer {
        let missing = Arc::new(Mutex::new(BTreeSet::new()));
        let missing_pages = Arc::new(Mutex::new(BTreeSet::new()));
        let fluent_errors = Arc::new(Mutex::new(BTreeSet::new()));
        let assets = Arc::new(assets);
        let templates_dir = site.root.join("templates");
        let teras = (0..site.editions.len())
            .map(|edition| {
                let mut tera = base.clone();
                tera.register_function(
                    "t",
                    TFunction {
                        site: site.clone(),
                        edition,
                        missing: missing.clone(),
                        fluent_errors: fluent_errors.clone(),
                        plain: Default::default(),
                    },
                );
                tera.register_function("num", NumFunction { site: site.clone(), edition });
                tera.register_function("url", UrlFunction { site: site.clone(), edition, missing: missing_pages.clone() });
                tera.register_function("link", crate::theme::LinkFunction { site: site.clone(), edition });
                tera.register_filter("slugify", |value: &Value, _: &HashMap<String, Value>| {
                    Ok(Value::String(slug::slugify(value.as_str().unwrap_or_default())))
                });
                let dates = site.clone();
                tera.register_filter("date", move |value: &Value, _: &HashMap<String, Value>| {
                    Ok(Value::String(dates.i18n.format_date(edition, value.as_str().unwrap_or_default())))
                });
                let assets_for_fn = assets.clone();
                tera.register_function("asset", move |args: &HashMap<String, Value>| {
                    let name = args.get("path").and_then(Value::as_str).ok_or_else(|| tera::Error::msg("asset() needs path=\"...\""))?;
                    assets_for_fn
                        .get(name)
                        .map(|u| Value::String(u.clone()))
                        .ok_or_else(|| tera::Error::msg(format!("no asset `{name}` in the theme's static folder")))
                });
                tera
            })
            .collect();
        let glossaries: Vec<Vec<Term>> = site
            .data
            .glossary
            .iter()
            .map(|entries| {
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
            })
            .collect();
        let matchers = glossaries.iter().map(|terms| markdown::glossary_matcher(terms)).collect();
        let menus = site.editions.iter().map(|e| (0..1 + 2 * e.nav.len()).map(|_| OnceLock::new()).collect()).collect();
        let sections = site.editions.iter().map(|e| e.nav.iter().map(|_| OnceLock::new()).collect()).collect();
        let site_value = site_context(site);
        let edition_values = (0..site.editions.len()).map(|e| edition_context(site, e)).collect();
        let footers = (0..site.editions.len()).map(|e| footer_links(site, e)).collect();
        Renderer {
            teras,
            templates_dir,
            missing,
            missing_pages,
            fluent_errors,
            glossaries,
            matchers,
            assets,
            menus,
            sections,
            site_value,
            edition_values,
            footers,
            times: Default::default(),
        }
    }

    /// Message keys used by templates that no edition in the chain defines.
    pub fn missing_messages(&self) -> Vec<(usize, String)> {
        self.missing.lock().map(|m| m.iter().cloned().collect()).unwrap_or_default()
    }

    /// Page keys `url()` was asked for while rendering that no page of the site has.
    pub(crate) fn missing_pages(&self) -> Vec<String> {
        self.missing_pages.lock().map(|m| m.iter().cloned().collect()).unwrap_or_default()
    }

    /// Messages that Fluent could not format while rendering, with what it said.
    pub fn fluent_errors(&self) -> Vec<FluentError> {
        self.fluent_errors.lock().map(|m| m.iter().cloned().collect()).unwrap_or_default()
    }

    /// The main menu (`partials/menu.html`, if the theme has it) in `state`: rendered by the first
    /// page that needs it and shared by all the others, so that a site with hundreds of sections
    /// does not render hundreds of menu items on every page.
    pub fn menu(&self, site: &Site, edition: usize, state: MenuState, diagnostics: &Diagnostics) -> String {
        let Some(cell) = self.menus[edition].get(state.slot()) else { return String::new() };
        cell.get_or_init(|| {
            if self.teras[edition].get_template_names().all(|n| n != MENU_TEMPLATE) {
                return String::new();
            }
            let context =
                json!({ "site": self.site_value, "edition": self.edition_values[edition], "nav": menu_items(site, edition, state) });
            self.teras[edition].render(MENU_TEMPLATE, &tera::Context::from_value(context).unwrap_or_default()).unwrap_or_else(|e| {
                diagnostics.push(tera_diagnostic(&site.theme.template_path(&site.root, MENU_TEMPLATE), &e));
                String::new()
            })
        })
        .clone()
    }

    /// Renders markdown of `page`'s source with the hooks of `edition`.
    pub fn markdown(&self, site: &Site, page: &Page, options: MarkdownOptions) -> Result<Rendered, Diagnostic> {
        let source = site.source(page);
        let body = source.read_body()?;
        let hooks = PageHooks {
            site,
            renderer: self,
            edition: page.edition,
            glossary: if options.glossary { &self.glossaries[page.edition] } else { &[] },
            page,
        };
        let origin =
            Origin { path: &source.path, first_line: source.body_line, id_prefix: options.id_prefix, heading_shift: options.heading_shift };
        let start = std::time::Instant::now();
        let mut rendered = markdown::render(&body, &origin, &hooks);
        self.times.add(JobPart::Markdown, start);
        let start = std::time::Instant::now();
        rendered.html = crate::minify::fragment(&rendered.html);
        self.times.add(JobPart::Minify, start);
        Ok(rendered)
    }

    /// Renders a whole page to its final HTML.
    pub fn render_page(&self, site: &Site, page: &Page, diagnostics: &Diagnostics) -> Option<PageOutput> {
        let source = site.source(page);
        let rendered = match self.markdown(site, page, MarkdownOptions::default()) {
            Ok(r) => r,
            Err(d) => {
                diagnostics.push(d);
                return None;
            }
        };
        diagnostics.extend(rendered.diagnostics.iter().cloned());
        let template = template_name(page, source);
        let template_path = site.theme.template_path(&site.root, &template);
        let template_path = template_path.strip_prefix(&site.root).unwrap_or(&template_path);
        if self.teras[page.edition].get_template_names().all(|n| n != template) {
            let (line, column) = match source.front.template {
                Some(_) => crate::content::front_matter_position(&source.path, &["template"]),
                None => (1, 1),
            };
            // Templates a page can name (the manifest's page templates, else every template but
            // layouts and special pages), sorted: Tera's order varies.
            let declared = &site.theme.declared.page_templates;
            let mut names: Vec<&str> = self.teras[page.edition]
                .get_template_names()
                .filter(|n| match declared.is_empty() {
                    true => !n.contains('/') && !["base.html", "redirect.html", "404.html"].contains(n),
                    false => declared.iter().any(|d| d == n),
                })
                .collect();
            names.sort_unstable();
            let with_html = format!("{template}.html");
            let best =
                names.iter().copied().find(|n| *n == with_html).or_else(|| crate::suggest::closest(&template, names.iter().copied()));
            let help = match best {
                Some(best) => format!("did you mean `{best}`? Or add {} to the theme", template_path.display()),
                None => format!("add {} or use another template", template_path.display()),
            };
            diagnostics.push(
                Diagnostic::error(&source.path, line, column, format!("template `{template}` does not exist in the theme")).with_help(help),
            );
            return None;
        }
        let start = std::time::Instant::now();
        let menu = self.menu(site, page.edition, MenuState::of(site, page.edition, Some(page)), diagnostics);
        let mut context = self.page_context(site, page, &rendered, &self.glossary_entries(site, page.edition, &rendered.terms), menu);
        if template == "agreement.html" {
            context["agreement"] = self.agreement(site, page.edition, diagnostics);
        }
        let html = match self.teras[page.edition].render(&template, &tera::Context::from_value(context).unwrap_or_default()) {
            Ok(html) => html,
            Err(e) => {
                // Runtime errors carry no position in the template: name the page being rendered.
                let mut d = tera_diagnostic(template_path, &e);
                d.path = source.path.clone();
                d.line = 1;
                d.column = 1;
                d.message = format!("rendering this page with `{template}` failed: {}", d.message.trim_start_matches("template error: "));
                diagnostics.push(d.with_help(format!("fix {} or this page's front matter", template_path.display())));
                return None;
            }
        };
        self.times.add(JobPart::Templates, start);
        Some(PageOutput { html, ids: rendered.ids, links: rendered.links, blocks: rendered.blocks })
    }

    fn page_context(&self, site: &Site, page: &Page, rendered: &Rendered, terms: &[Value], menu: String) -> Value {
        let source = site.source(page);
        let edition = page.edition;
        let source_edition = &site.config.editions[site.sources[page.source].edition];
        let has_template = source.front.template.is_some();
        let order = &site.editions[edition].order;
        let position = site.editions[edition].position(&page.key);
        let neighbour = |offset: isize| -> Value {
            let Some(i) = position else { return Value::Null };
            let mut j = i as isize + offset;
            while j >= 0 && (j as usize) < order.len() {
                if let Some(p) = site.page(edition, &order[j as usize]) {
                    let s = site.source(p);
                    if p.key != HOME && !is_footer_page(s) && s.front.template.is_none() {
                        return link_context(site, p);
                    }
                }
                j += offset;
            }
            Value::Null
        };
        let mut breadcrumbs = Vec::new();
        let mut parent = page.parent.clone();
        while let Some(key) = parent {
            if let Some(p) = site.page(edition, &key) {
                breadcrumbs.insert(0, link_context(site, p));
                parent = p.parent.clone();
            } else {
                break;
            }
        }
        // Built entry by entry: `json!` would copy every `Value` given to it by serialising it.
        let page_value = object(vec![
            ("key", json!(page.key)),
            ("title", json!(display_title(site, page))),
            ("description", json!(source.front.description)),
            ("content", Value::String(rendered.html.clone())),
            ("toc", json!(rendered.toc)),
            ("terms", Value::Array(terms.to_vec())),
            ("url", Value::String(site.url(page))),
            ("permalink", Value::String(site.permalink(page))),
            ("is_home", Value::Bool(page.key == HOME)),
            ("is_section", Value::Bool(source.is_section())),
            ("fallback", Value::Bool(page.fallback)),
            ("source_lang", json!(source_edition.lang)),
            ("source_dir", json!(source_edition.dir.as_str())),
            ("source_name", json!(source_edition.name)),
            ("extra", json!(source.front.extra)),
            ("breadcrumbs", Value::Array(breadcrumbs)),
            ("previous", neighbour(-1)),
            ("next", neighbour(1)),
            ("translations", Value::Array(translations(site, page))),
            ("alternates", Value::Array(alternates(site, page))),
            ("original", original_link(site, page)),
            ("official", official_link(site, page)),
            ("plain_version", plain_link(site, page)),
            ("commitments", source.commitments.iter().map(|c| Value::String(c.id.clone())).collect()),
            ("progress_summary", progress_summary(site, edition, source.commitments.iter().map(|c| c.id.as_str()))),
            ("stale", json!(crate::status::staleness(site, page))),
            ("review", review_context(site, page)),
        ]);
        let section = page.parent.as_deref().filter(|&k| k != HOME).and_then(|k| site.page(edition, k)).map(|p| link_context(site, p));
        object(vec![
            ("site", self.site_value.clone()),
            ("edition", self.edition_values[edition].clone()),
            ("menu", Value::String(menu)),
            ("footer_nav", mark_current(&self.footers[edition], Some(page))),
            ("section_nav", self.section_nav(site, page)),
            ("section", section.unwrap_or(Value::Null)),
            // Listing every page of the edition on every page would make each page's work grow
            // with the site: only pages with a template of their own (search, index) get it.
            ("nav", if has_template { full_nav(site, edition, page) } else { Value::Null }),
            ("page", page_value),
            // Data files are large; only pages with a template of their own (glossary,
            // corrections) use them.
            ("data", if has_template { json!(site.data.generic[edition]) } else { Value::Null }),
            (
                "progress",
                if source.front.template.as_deref() == Some(crate::progress::TEMPLATE) {
                    crate::progress::overview(site, edition)
                } else {
                    Value::Null
                },
            ),
        ])
    }

    /// The pages of the section `page` belongs to, with `page` marked; empty for a section's own
    /// page and for pages outside sections. Built once per section, then copied per page.
    fn section_nav(&self, site: &Site, page: &Page) -> Value {
        let nav = &site.editions[page.edition].nav;
        let Some(i) = page.parent.as_deref().filter(|&k| k != HOME).and_then(|k| nav.iter().position(|n| n.key == k)) else {
            return Value::Array(Vec::new());
        };
        let links = self.sections[page.edition][i]
            .get_or_init(|| nav[i].children.iter().filter_map(|k| nav_link(site, page.edition, k, None)).collect());
        mark_current(links, Some(page))
    }

    /// Renders a template with the edition's context (404 page, redirect pages).
    pub fn render_special(&self, site: &Site, edition: usize, template: &str, extra: Value, diagnostics: &Diagnostics) -> Option<String> {
        let menu = self.menu(site, edition, MenuState::of(site, edition, None), diagnostics);
        let mut context = json!({
            "site": self.site_value,
            "edition": self.edition_values[edition],
            "menu": menu,
            "footer_nav": self.footers[edition],
            "section_nav": [],
        });
        if let (Value::Object(target), Value::Object(more)) = (&mut context, extra) {
            target.extend(more);
        }
        match self.teras[edition].render(template, &tera::Context::from_value(context).unwrap_or_default()) {
            Ok(html) => Some(html),
            Err(e) => {
                diagnostics.push(tera_diagnostic(&site.theme.template_path(&site.root, template), &e));
                None
            }
        }
    }

    fn glossary_entries(&self, site: &Site, edition: usize, used: &[usize]) -> Vec<Value> {
        let entries = &site.data.glossary[edition];
        used.iter()
            .filter_map(|&i| entries.get(i))
            .map(|g| json!({ "term": g.term, "anchor": term_anchor(&g.term), "expansion": g.expansion, "explanation": g.explanation }))
            .collect()
    }

    /// The whole agreement of an edition: every page in reading order except the home page and
    /// pages marked `extra: {footer: true}` or with a template of their own.
    fn agreement(&self, site: &Site, edition: usize, diagnostics: &Diagnostics) -> Value {
        let mut parts = Vec::new();
        let mut terms: Vec<usize> = Vec::new();
        for key in &site.editions[edition].order {
            let Some(page) = site.page(edition, key) else { continue };
            let source = site.source(page);
            if key == HOME || source.front.template.is_some() || is_footer_page(source) {
                continue;
            }
            let prefix = format!("{}--", key.trim_end_matches("/_index").replace('/', "-"));
            let options = MarkdownOptions { id_prefix: &prefix, heading_shift: 1, glossary: true };
            match self.markdown(site, page, options) {
                Ok(r) => {
                    for t in &r.terms {
                        if !terms.contains(t) {
                            terms.push(*t);
                        }
                    }
                    parts.push(json!({ "key": key, "id": prefix.trim_end_matches('-'), "title": source.front.title, "url": site.url(page), "content": r.html, "fallback": page.fallback, "lang": site.config.editions[site.sources[page.source].edition].lang }));
                }
                Err(d) => diagnostics.push(d),
            }
        }
        json!({ "parts": parts, "terms": self.glossary_entries(site, edition, &terms) })
    }
}

/// Options for rendering markdown.
#[derive(Clone, Copy)]
pub struct MarkdownOptions<'a> {
    pub id_prefix: &'a str,
    pub heading_shift: u8,
    pub glossary: bool,
}

impl Default for MarkdownOptions<'_> {
    fn default() -> Self {
        MarkdownOptions { id_prefix: "", heading_shift: 0, glossary: true }
    }
}

/// Pages that belong to the site rather than to the agreement (about, accessibility).
pub fn is_footer_page(source: &crate::content::SourcePage) -> bool {
    source.front.extra.get("footer").and_then(Value::as_bool).unwrap_or(false)
}

pub(crate) fn template_name(page: &Page, source: &crate::content::SourcePage) -> String {
    if let Some(t) = &source.front.template {
        return t.clone();
    }
    if page.key == HOME {
        "index.html".into()
    } else if source.is_section() {
        "section.html".into()
    } else {
        "page.html".into()
    }
}

/// The anchor of a glossary term's explanation on a page.
pub fn term_anchor(term: &str) -> String {
    let slug = slug::slugify(term);
    format!("term-{}", if slug.is_empty() { "x".to_string() } else { slug })
}

struct PageHooks<'a> {
    site: &'a Site,
    renderer: &'a Renderer,
    edition: usize,
    glossary: &'a [Term],
    page: &'a Page,
}

impl Hooks for PageHooks<'_> {
    fn resolve_link(&self, target: &str) -> Result<String, String> {
        self.site.resolve_link(self.edition, target)
    }

    fn link_cause(&self, target: &str) -> Option<std::path::PathBuf> {
        self.site.failed_target(self.edition, target).map(|f| f.path.clone())
    }

    fn link_help(&self, target: &str) -> String {
        let (path, fragment) = target.split_once('#').map_or((target, None), |(p, f)| (p, Some(f)));
        let files: Vec<String> =
            self.site.pages.iter().filter(|p| p.edition == self.edition).map(|p| self.site.source(p).rel.clone()).collect();
        let wanted = if path.ends_with(".md") || path.is_empty() { path.to_string() } else { format!("{path}.md") };
        match crate::suggest::closest(&wanted, files.iter().map(String::as_str)) {
            Some(best) => {
                let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
                format!("did you mean `@/{best}{fragment}`?")
            }
            None => {
                let example = files.iter().find(|f| !f.ends_with("_index.md")).or(files.first()).map_or("about.md", String::as_str);
                format!("link to a page by its path in the edition folder, like `@/{example}`")
            }
        }
    }

    fn shortcode_help(&self, name: &str, args: &BTreeMap<String, String>) -> String {
        let tera = &self.renderer.teras[self.edition];
        let mut names: Vec<&str> = tera.get_template_names().filter_map(|n| n.strip_prefix("shortcodes/")?.strip_suffix(".html")).collect();
        names.sort_unstable();
        let list = |items: &[&str]| items.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        if !names.contains(&name) {
            return match crate::suggest::closest(name, names.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? The theme's shortcodes are {}", list(&names)),
                None if names.is_empty() => "the theme has no shortcodes; remove this line".to_string(),
                None => format!("the theme's shortcodes are {}", list(&names)),
            };
        }
        if let Some(id) = args.get("table").filter(|_| name == "finance") {
            let ids: Vec<&str> = self.site.data.finance.tables.iter().map(|t| t.id.as_str()).collect();
            return match crate::suggest::closest(id, ids.iter().copied()) {
                Some(best) => format!("did you mean `table=\"{best}\"`? The tables are {}", list(&ids)),
                None if ids.is_empty() => "content/_data/finance.yaml has no tables".to_string(),
                None => format!("the tables in content/_data/finance.yaml are {}", list(&ids)),
            };
        }
        "see docs/content-format.md for the shortcodes and their arguments".into()
    }

    fn shortcode(&self, name: &str, args: &BTreeMap<String, String>) -> Result<String, String> {
        let template = format!("shortcodes/{name}.html");
        let tera = &self.renderer.teras[self.edition];
        if tera.get_template_names().all(|n| n != template) {
            return Err(format!("unknown shortcode `{name}` (the theme has no {template})"));
        }
        let mut context = json!({ "args": args, "edition": edition_context(self.site, self.edition), "site": site_context(self.site) });
        match name {
            "finance" => {
                let id = args.get("table").ok_or("the finance shortcode needs table=\"id\"")?;
                context["table"] = finance_table(self.site, self.edition, id)?;
            }
            "portfolio" => context["portfolio"] = portfolio(self.site, self.edition),
            "pages" => context["pages"] = Value::Array(section_pages(self.site, self.page)),
            _ => {}
        }
        tera.render(&template, &tera::Context::from_value(context).unwrap_or_default())
            .map_err(|e| tera_diagnostic(Path::new(&template), &e).message)
    }

    fn commitment_extra(&self, id: &str) -> Result<String, String> {
        let context = json!({ "id": id, "progress": commitment_progress(self.site, self.edition, id), "edition": edition_context(self.site, self.edition) });
        let tera = &self.renderer.teras[self.edition];
        // A theme without the partial shows commitments without controls.
        if tera.get_template_names().all(|n| n != "partials/commitment.html") {
            return Ok(String::new());
        }
        tera.render("partials/commitment.html", &tera::Context::from_value(context).unwrap_or_default())
            .map_err(|e| tera_diagnostic(&self.renderer.templates_dir.join("partials/commitment.html"), &e).message)
    }

    fn glossary(&self) -> &[Term] {
        self.glossary
    }

    fn glossary_matcher(&self) -> Option<&aho_corasick::AhoCorasick> {
        if self.glossary.is_empty() {
            return None;
        }
        self.renderer.matchers[self.edition].as_ref()
    }

    fn table_label(&self) -> String {
        self.site.i18n.message(self.edition, "table-region", None).map(|(t, _)| t).unwrap_or_else(|| "Table".into())
    }

    fn resolve_file(&self, target: &str) -> Result<String, String> {
        self.site.resolve_file(self.site.source(self.page), target)
    }

    fn site_text(&self) -> Option<&crate::content::SiteText> {
        self.site.source(self.page).front.site_text.as_ref()
    }

    fn site_text_label(&self, short: bool) -> String {
        let key = if short { "site-text-short" } else { "site-text-label" };
        self.site.i18n.message(self.edition, key, None).map(|(t, _)| t).unwrap_or_else(|| key.into())
    }
}

fn section_pages(site: &Site, page: &Page) -> Vec<Value> {
    site.pages
        .iter()
        .filter(|p| p.edition == page.edition && p.parent.as_deref() == Some(page.key.as_str()))
        .map(|p| (site.source(p).front.weight.unwrap_or(i64::MAX), p))
        .collect::<std::collections::BTreeMap<_, _>>()
        .values()
        .map(|p| link_context(site, p))
        .collect()
}

/// A link to a page: title, URL, description.
fn link_context(site: &Site, page: &Page) -> Value {
    let front = &site.source(page).front;
    json!({ "key": page.key, "title": display_title(site, page), "url": site.url(page), "description": front.description, "fallback": page.fallback })
}

/// The `site` object of every template.
pub fn site_context(site: &Site) -> Value {
    // A logo that is not among the static files is one error at site.yaml (`theme::load`); the
    // pages leave it out instead of failing one by one on it.
    let mut branding = serde_json::to_value(&site.config.branding).unwrap_or_default();
    if site.config.branding.as_ref().and_then(|b| b.logo.as_ref()).is_some_and(|logo| !site.theme.statics.contains_key(logo)) {
        branding["logo"] = Value::Null;
    }
    json!({
        "base_url": site.config.base_url,
        "base_path": site.base_path,
        "contact": site.config.contact,
        "branding": branding,
        "document": site.config.document,
        "editions": (0..site.editions.len()).map(|e| edition_context(site, e)).collect::<Vec<_>>(),
    })
}

/// The `edition` object of every template.
pub fn edition_context(site: &Site, edition: usize) -> Value {
    let e = &site.config.editions[edition];
    json!({
        "code": e.code, "lang": e.lang, "dir": e.dir.as_str(), "name": e.name, "prefix": e.prefix,
        "home_url": site.home_url(edition),
        "is_default": edition == site.default_edition,
        "plain_of": e.plain_of,
        "is_plain": e.plain_of.is_some(),
    })
}

/// `text` from edition `from`, shown in edition `shown`: wrapped in Unicode's first-strong isolate
/// (U+2068 … U+2069, what `<bdi>` does in markup) when the two editions are written in different
/// directions, so a fallback string keeps its own order in the other direction's text. Plain
/// characters, so the same string is safe in text, attributes and `<title>`.
fn isolate_if(site: &Site, shown: usize, from: usize, text: String) -> String {
    if site.config.editions[shown].dir == site.config.editions[from].dir || text.is_empty() {
        return text;
    }
    format!("\u{2068}{text}\u{2069}")
}

/// A page's title for links and headings in its edition, isolated when it falls back to a page of
/// an edition with the other writing direction.
fn display_title(site: &Site, page: &Page) -> String {
    isolate_if(site, page.edition, site.sources[page.source].edition, site.source(page).front.title.clone())
}

/// A JSON object from its entries, moved in as they are.
fn object(entries: Vec<(&str, Value)>) -> Value {
    Value::Object(entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// A navigation entry: a link to the page `key`, marked when it is `current`.
fn nav_link(site: &Site, edition: usize, key: &str, current: Option<&Page>) -> Option<Value> {
    let page = site.page(edition, key)?;
    Some(json!({
        "key": page.key, "title": display_title(site, page), "url": site.url(page), "fallback": page.fallback,
        "current": current.is_some_and(|c| c.key == key), "footer": is_footer_page(site.source(page)),
    }))
}

/// The whole navigation of an edition, every section with all its pages: for pages with a
/// template of their own (the search page lists it for readers without JavaScript).
fn full_nav(site: &Site, edition: usize, current: &Page) -> Value {
    let items = site.editions[edition].nav.iter().filter_map(|n| {
        let mut v = nav_link(site, edition, &n.key, Some(current))?;
        v["children"] = n.children.iter().filter_map(|k| nav_link(site, edition, k, Some(current))).collect();
        v["active"] = json!(current.key == n.key || current.parent.as_deref() == Some(n.key.as_str()));
        Some(v)
    });
    Value::Array(items.collect())
}

/// The top-level items of the main menu in `state` (no pages of sections: the menu is shared by
/// all pages of a section).
fn menu_items(site: &Site, edition: usize, state: MenuState) -> Value {
    let nav = &site.editions[edition].nav;
    let items = nav.iter().enumerate().filter_map(|(i, n)| {
        let mut v = nav_link(site, edition, &n.key, None)?;
        v["active"] = json!(state.active == Some(i));
        v["current"] = json!(state.active == Some(i) && state.on_item);
        Some(v)
    });
    Value::Array(items.collect())
}

/// The site's own pages (about, accessibility) for the footer, none marked.
fn footer_links(site: &Site, edition: usize) -> Vec<Value> {
    let footer = |key: &str| site.page(edition, key).is_some_and(|p| is_footer_page(site.source(p)));
    site.editions[edition].nav.iter().filter(|n| footer(&n.key)).filter_map(|n| nav_link(site, edition, &n.key, None)).collect()
}

/// `links` with the one to `current` marked.
fn mark_current(links: &[Value], current: Option<&Page>) -> Value {
    let mut links = links.to_vec();
    if let Some(page) = current {
        for link in &mut links {
            if link["key"] == page.key.as_str() {
                link["current"] = Value::Bool(true);
            }
        }
    }
    Value::Array(links)
}

/// The same page in every edition, for the edition switcher.
fn translations(site: &Site, page: &Page) -> Vec<Value> {
    (0..site.editions.len())
        .filter_map(|e| {
            let other = site.page(e, &page.key).or_else(|| site.page(e, HOME))?;
            let ed = &site.config.editions[e];
            Some(json!({ "code": ed.code, "name": ed.name, "lang": ed.lang, "url": site.url(other), "current": e == page.edition, "exists": !other.fallback, "is_plain": ed.plain_of.is_some() }))
        })
        .collect()
}

/// `<link rel="alternate" hreflang>` entries: the non-plain editions where the page really
/// exists, plus `x-default`; a plain-language page only names itself.
fn alternates(site: &Site, page: &Page) -> Vec<Value> {
    if page.fallback {
        return Vec::new();
    }
    let own = &site.config.editions[page.edition];
    if own.plain_of.is_some() {
        return vec![json!({ "hreflang": own.lang, "href": site.permalink(page) })];
    }
    let mut out: Vec<Value> = (0..site.editions.len())
        .filter(|&e| site.config.editions[e].plain_of.is_none())
        .filter_map(|e| site.page(e, &page.key).filter(|p| !p.fallback))
        .map(|p| json!({ "hreflang": site.config.editions[p.edition].lang, "href": site.permalink(p) }))
        .collect();
    if let Some(default) = site.page(site.default_edition, &page.key).filter(|p| !p.fallback) {
        out.push(json!({ "hreflang": "x-default", "href": site.permalink(default) }));
    }
    out
}

/// How a translated or plain page was made and checked, for the notice above its text: `status`
/// is `machine`, `checked`, `approved`, or `none` when the page records nothing. Null on
/// originals and on pages shown from a fallback (their own notice says where the text is from).
fn review_context(site: &Site, page: &Page) -> Value {
    if page.fallback || page.edition == crate::status::original_edition(site, page.edition) {
        return Value::Null;
    }
    match &site.source(page).front.review {
        Some(r) => json!({ "status": r.status.key(), "by": r.by, "date": r.date }),
        None => json!({ "status": "none", "by": null, "date": null }),
    }
}

fn original_link(site: &Site, page: &Page) -> Value {
    let Some(original) = site.plain_of(page.edition) else { return Value::Null };
    let Some(p) = site.page(original, &page.key) else { return Value::Null };
    let e = &site.config.editions[original];
    json!({ "url": site.url(p), "name": e.name, "lang": e.lang })
}

/// For every edition but the default: the same page in the edition whose text is official (the
/// original of a plain-language edition, otherwise the default edition).
fn official_link(site: &Site, page: &Page) -> Value {
    if page.edition == site.default_edition {
        return Value::Null;
    }
    let official = site.plain_of(page.edition).unwrap_or(site.default_edition);
    let Some(p) = site.page(official, &page.key).or_else(|| site.page(official, HOME)) else { return Value::Null };
    let e = &site.config.editions[official];
    json!({ "url": site.url(p), "name": e.name, "lang": e.lang })
}

fn plain_link(site: &Site, page: &Page) -> Value {
    let Some(plain) = site.plain_version(page.edition) else { return Value::Null };
    // Only where the plain edition has its own page: a fallback would say "not written in plain
    // language yet" right after a link promising it.
    let Some(p) = site.page(plain, &page.key).filter(|p| !p.fallback) else { return Value::Null };
    let e = &site.config.editions[plain];
    json!({ "url": site.url(p), "name": e.name, "lang": e.lang, "exists": !p.fallback })
}

/// A finance table prepared for the `finance` shortcode: labels in the edition's language,
/// amounts formatted, stated totals kept and mismatches flagged.
pub fn finance_table(site: &Site, edition: usize, id: &str) -> Result<Value, String> {
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
    let fmt = |v: Option<crate::data::Amount>| {
        v.map(|a| site.i18n.format_number(edition, a.value, Some(usize::from(a.decimals)))).unwrap_or_default()
    };
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
    let mismatches = crate::data::total_mismatches(&site.data.finance);
    let mut groups: Vec<Value> = Vec::new();
    let mut current_group: Option<String> = None;
    for row in &table.rows {
        if row.group != current_group || groups.is_empty() {
            current_group = row.group.clone();
            let total = table.totals.iter().find(|t| t.group.is_some() && t.group == row.group && t.kind.is_none());
            groups.push(json!({
                "label": row.group.as_ref().map(|g| label(&labels.groups, g)),
                "rows": [],
                "total": total.map(|t| json!({ "label": label(&labels.totals, &t.id), "cells": t.values.iter().map(|v| fmt(*v)).collect::<Vec<_>>(), "mismatch": mismatches.iter().any(|m| m.table == id && m.total == t.id) })),
            }));
        }
        if let Some(Value::Array(rows)) = groups.last_mut().map(|g| &mut g["rows"]) {
            rows.push(json!({ "label": label(&labels.rows, &row.id), "cells": row.values.iter().map(|v| fmt(*v)).collect::<Vec<_>>(), "kind": kind_abbr(row.kind), "kind_label": kind_label(row.kind) }));
        }
    }
    let totals: Vec<Value> = table
        .totals
        .iter()
        .filter(|t| t.group.is_none() || t.kind.is_some())
        .map(|t| json!({ "label": label(&labels.totals, &t.id), "cells": t.values.iter().map(|v| fmt(*v)).collect::<Vec<_>>(), "mismatch": mismatches.iter().any(|m| m.table == id && m.total == t.id) }))
        .collect();
    let column_index = |name: &str| table.columns.iter().position(|c| c == name).unwrap_or(0);
    let table_mismatches: Vec<Value> = mismatches
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
            json!({ "total": label(&labels.totals, &m.total), "column": label(&labels.columns, &m.column), "stated": printed.map(|a| fmt(Some(a))).unwrap_or_else(|| show(m.stated, decimals)), "computed": show(m.computed, computed_decimals) })
        })
        .collect();
    let causes: Vec<Value> = crate::data::likely_causes(table)
        .iter()
        .map(|cause| {
            let c = column_index(&cause.column);
            json!({ "row": label(&labels.rows, &cause.row), "column": label(&labels.columns, &cause.column), "printed": fmt_computed(Some(cause.printed), c), "fitting": fmt_computed(Some(cause.fitting), c), "sign": cause.fitting == -cause.printed })
        })
        .collect();
    let likely_cause = likely_cause_summary(&causes);
    // The legend of the kind column: each kind the table uses, in the order of the enum.
    let legend: Vec<Value> = [Kind::Structural, Kind::Incidental]
        .into_iter()
        .filter(|k| table.rows.iter().any(|r| r.kind == Some(*k)))
        .map(|k| json!({ "abbr": kind_abbr(Some(k)), "label": kind_label(Some(k)) }))
        .collect();
    Ok(json!({
        "id": id,
        "caption": labels.caption,
        "legend": legend,
        "summary": labels.summary,
        "note": labels.note,
        "unit": text.unit,
        "columns": table.columns.iter().map(|c| label(&labels.columns, c)).collect::<Vec<_>>(),
        "kind_column": table.kind_column,
        "groups": groups,
        "totals": totals,
        "mismatches": table_mismatches,
        "likely_cause": likely_cause,
        "csv_url": format!("{}data/{id}.csv", site.home_url(edition)),
        "chart": chart(site, edition, table, &labels),
    }))
}

/// The likely cause of a table's mismatches for the note: one row whose printed figure, if it
/// were another, makes every stated total fit. When the same row fits in every column with the
/// same figure, one sentence says so ("only fits if it is −0,25"); `columns` lists where.
fn likely_cause_summary(causes: &[Value]) -> Value {
    let Some(first) = causes.first() else { return Value::Null };
    let same = causes.iter().all(|c| c["row"] == first["row"] && c["fitting"] == first["fitting"] && c["printed"] == first["printed"]);
    if !same {
        return Value::Null;
    }
    let columns: Vec<Value> = causes.iter().map(|c| c["column"].clone()).collect();
    json!({ "row": first["row"], "printed": first["printed"], "fitting": first["fitting"], "sign": first["sign"], "columns": columns })
}

/// Bars for a simple chart: each group total (or row) summed over the year columns.
fn chart(site: &Site, edition: usize, table: &crate::data::FinanceTable, labels: &crate::data::TableText) -> Value {
    let years: Vec<usize> =
        table.columns.iter().enumerate().filter(|(_, c)| c.as_str() != crate::data::PERIOD_COLUMN).map(|(i, _)| i).collect();
    let sum = |values: &[Option<crate::data::Amount>]| -> f64 {
        years.iter().filter_map(|&i| values.get(i).copied().flatten()).map(|a| a.value).sum()
    };
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
    let bars: Vec<Value> = bars
        .iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let width = (value.abs() / max * 100.0 * 10.0).round() / 10.0;
            json!({ "label": label, "value": site.i18n.format_number(edition, (value * 100.0).round() / 100.0, Some(decimals)), "negative": *value < 0.0, "width": width, "y": i * 28 })
        })
        .collect();
    let years_label: Vec<String> =
        years.iter().map(|&i| labels.columns.get(&table.columns[i]).cloned().unwrap_or(table.columns[i].clone())).collect();
    json!({ "bars": bars, "height": bars.len() * 28, "first_column": years_label.first(), "last_column": years_label.last() })
}

fn portfolio(site: &Site, edition: usize) -> Value {
    let text = &site.data.portfolio_text[edition];
    let members: Vec<Value> = site
        .data
        .portfolio
        .members
        .iter()
        .map(|m| {
            let t = text.members.get(&m.id).cloned().unwrap_or_default();
            let themes: Vec<Value> = m.themes.iter().filter_map(|k| site.page(edition, k)).map(|p| link_context(site, p)).collect();
            json!({ "id": m.id, "name": m.name, "role": m.role, "party": m.party, "title": t.title, "portfolio": t.portfolio, "groups": t.groups, "themes": themes })
        })
        .collect();
    Value::Array(members)
}

/// The progress of one commitment: its updates, newest last, with the edition's explanations.
pub fn commitment_progress(site: &Site, edition: usize, id: &str) -> Value {
    let explanations = site.data.progress_text[edition].explanations.get(id);
    let updates: Vec<Value> = site
        .data
        .progress
        .updates
        .iter()
        .filter(|u| u.commitment == id)
        .map(|u| json!({ "date": u.date, "status": u.status.key(), "text": explanations.and_then(|e| e.get(&u.date)), "links": u.links }))
        .collect();
    let current = updates.last().cloned();
    json!({ "updates": updates, "current": current })
}

fn progress_summary<'a>(site: &Site, edition: usize, ids: impl Iterator<Item = &'a str>) -> Value {
    let _ = edition;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    for id in ids {
        total += 1;
        let status = site.data.progress.updates.iter().rfind(|u| u.commitment == id).map(|u| u.status.key()).unwrap_or("not-reported");
        *counts.entry(status).or_default() += 1;
    }
    let order = std::iter::once("not-reported").chain(Status::ALL.iter().map(|s| s.key()));
    let rows: Vec<Value> = order.filter_map(|s| counts.get(s).map(|n| json!({ "status": s, "count": n }))).collect();
    json!({ "total": total, "statuses": rows })
}

struct TFunction {
    site: Arc<Site>,
    edition: usize,
    missing: Arc<Mutex<BTreeSet<(usize, String)>>>,
    fluent_errors: Arc<Mutex<BTreeSet<FluentError>>>,
    /// Messages without arguments, formatted once: every page asks for the same ones.
    plain: std::sync::RwLock<HashMap<String, Value>>,
}

impl tera::Function for TFunction {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args.get("key").and_then(Value::as_str).ok_or_else(|| tera::Error::msg("t() needs key=\"message-id\""))?;
        if args.len() == 1 {
            if let Some(text) = self.plain.read().ok().and_then(|p| p.get(key).cloned()) {
                return Ok(text);
            }
        }
        let text = self.format(key, args);
        if args.len() == 1 {
            if let Ok(mut plain) = self.plain.write() {
                plain.insert(key.to_string(), text.clone());
            }
        }
        Ok(text)
    }
    fn is_safe(&self) -> bool {
        false
    }
}

impl TFunction {
    fn format(&self, key: &str, args: &HashMap<String, Value>) -> Value {
        let rest: BTreeMap<String, Value> = args.iter().filter(|(k, _)| k.as_str() != "key").map(|(k, v)| (k.clone(), v.clone())).collect();
        let fluent_args = crate::i18n::fluent_args(&rest);
        match self.site.i18n.formatted(self.edition, key, Some(&fluent_args)) {
            Some(formatted) => {
                if !formatted.errors.is_empty() {
                    if let Ok(mut errors) = self.fluent_errors.lock() {
                        let given = rest.keys().cloned().collect();
                        errors.insert(FluentError { edition: formatted.from, key: key.to_string(), errors: formatted.errors, given });
                    }
                }
                Value::String(isolate_if(&self.site, self.edition, formatted.from, formatted.text))
            }
            None => {
                if let Ok(mut m) = self.missing.lock() {
                    m.insert((self.edition, key.to_string()));
                }
                Value::String(key.to_string())
            }
        }
    }
}

/// A message Fluent could not format: in which edition's file, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FluentError {
    /// The edition whose file defines the message.
    pub edition: usize,
    pub key: String,
    pub errors: Vec<String>,
    /// The variables the template gave.
    pub given: Vec<String>,
}

struct NumFunction {
    site: Arc<Site>,
    edition: usize,
}

impl tera::Function for NumFunction {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let value = args.get("value").and_then(Value::as_f64).ok_or_else(|| tera::Error::msg("num() needs value=number"))?;
        let decimals = args.get("decimals").and_then(Value::as_u64).map(|d| d as usize);
        Ok(Value::String(self.site.i18n.format_number(self.edition, value, decimals)))
    }
}

/// `url(key=…)`: a key without a page is collected, not an error of the page being rendered:
/// every page would report the same missing page. The theme check (`check.rs`) reports it once, naming the
/// file to create; the build fails then, so the `#` put in its place is never published.
struct UrlFunction {
    site: Arc<Site>,
    edition: usize,
    missing: Arc<Mutex<BTreeSet<String>>>,
}

impl tera::Function for UrlFunction {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args.get("key").and_then(Value::as_str).ok_or_else(|| tera::Error::msg("url() needs key=\"page key\""))?;
        match self.site.page(self.edition, key) {
            Some(page) => Ok(Value::String(self.site.url(page))),
            None => {
                if let Ok(mut missing) = self.missing.lock() {
                    missing.insert(key.to_string());
                }
                Ok(Value::String("#".into()))
            }
        }
    }
}
