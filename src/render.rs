//! Rendering: Tera templates of the theme, fed with a context built from the read-only [`Site`].
//!
//! Tera 2. One Tera instance per edition carries that edition's template functions (`t`, `url`,
//! `asset`, `num`, `link`) and its `date` filter; the parsed templates are shared between them
//! (cloning a `Tera` clones its compiled templates once per edition, at start).

use crate::context::{self, to_tera, EditionContext, LinkContext, Marked, NavLink, Shared, SiteContext};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::job::JobPart;
use crate::markdown::{self, Hooks, MarkdownOptions, Origin, Rendered, Term};
use crate::site::{Page, Site, HOME};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use tera::{Kwargs, State, Tera, TeraResult};

/// Tera 2's value: reference-counted, so a value shared by many pages is built once.
type TeraValue = tera::Value;

/// Rendered output of one page, with what the checker needs to know about it.
pub(crate) struct PageOutput {
    pub(crate) html: String,
    /// Ids defined in the page (for `#anchor` checks).
    pub(crate) ids: Vec<String>,
    pub(crate) links: Vec<markdown::LinkRef>,
    /// Text blocks of the markdown body (readability, search).
    pub(crate) blocks: Vec<String>,
}

/// Templates and their per-edition functions, and the parts of the template contexts that are
/// the same for many pages, borrowed from the site `'s`.
pub(crate) struct Renderer<'s> {
    /// The site the shared context parts borrow from.
    site: &'s Site,
    teras: Vec<Tera>,
    /// Message keys the templates could not find in any edition of the chain.
    missing: Arc<Mutex<BTreeSet<(usize, String)>>>,
    /// Page keys `url()` was asked for that the site has no page for (see [`UrlFunction`]).
    missing_pages: Arc<Mutex<BTreeSet<String>>>,
    /// Messages Fluent could not format as a template asked for them.
    fluent_errors: Arc<Mutex<BTreeSet<FluentError>>>,
    glossaries: Vec<Vec<Term>>,
    matchers: Vec<Option<aho_corasick::AhoCorasick>>,
    /// The rendered main menu per edition and [`MenuState`] slot, filled on first use.
    menus: Vec<Vec<OnceLock<String>>>,
    /// The pages of each top-level section per edition (none marked), filled on first use.
    sections: Vec<Vec<OnceLock<Vec<NavLink<'s>>>>>,
    /// The `site` object and each edition's `edition` object, the same for every page.
    site_value: Shared<SiteContext<'s>>,
    edition_values: Vec<Shared<EditionContext<'s>>>,
    /// The footer links of each edition, none marked.
    footers: Vec<Vec<NavLink<'s>>>,
    /// Errors of templates while rendering pages, by where in which template (the same mistake
    /// fails every page that uses the template: it is reported once, with the pages it failed on).
    render_failures: Mutex<BTreeMap<FailureAt, RenderFailure>>,
    /// Where the page jobs spend their time.
    pub(crate) times: crate::job::JobTimes,
    /// Every context given to a template, as JSON, when recording (the theme contract's test).
    recorded: Option<Mutex<Vec<RecordedContext>>>,
}

/// Where a template failed: its file, line, column and Tera's message.
type FailureAt = (PathBuf, usize, usize, String);

/// A template error while rendering pages, and the pages it failed on.
struct RenderFailure {
    /// The error as the first page met it (at the template's line, with Tera's message).
    diagnostic: Diagnostic,
    /// The pages it failed on by their source file and URL (a fallback page has its original's
    /// file), with the page template each was rendered with (`page.html`, which may extend the
    /// failing one).
    pages: BTreeMap<(PathBuf, String), String>,
}

/// A context given to a template, recorded for the theme contract's test.
#[derive(Debug, Clone)]
#[cfg_attr(not(test), allow(dead_code, reason = "only the theme contract's test reads them"))]
pub(crate) struct RecordedContext {
    /// Which context it is: the `<!-- contract: NAME -->` of its table in docs/theme.md.
    pub(crate) kind: &'static str,
    /// The context as the template got it.
    pub(crate) value: Value,
}

/// The template of the main menu: rendered once per edition and state, not once per page.
pub(crate) const MENU_TEMPLATE: &str = "partials/menu.html";

/// The template a rendering error happened in (Tera 2 names it: an include or parent of the
/// template rendered, or that template), its path and its text as written.
fn failing_template(site: &Site, template: &str, error: &tera::Error) -> (PathBuf, Option<String>) {
    let name = match error.kind() {
        tera::ErrorKind::RenderingError(report) | tera::ErrorKind::SyntaxError(report) if !report.filename().is_empty() => {
            report.filename()
        }
        _ => template,
    };
    (site.theme.template_path(&site.root, name), site.theme.templates.get(name).map(|f| f.text().into_owned()))
}

/// A keyword argument that is a string (`None` when absent or another type).
fn string_arg<'a>(args: &'a Kwargs, name: &'a str) -> Option<&'a str> {
    args.get::<&TeraValue>(name).ok().flatten().and_then(TeraValue::as_str)
}

/// What the main menu shows of where a page is: the top-level item it is in (itself, or the
/// section it belongs to), and whether it is that item. Every page of a section shares one.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct MenuState {
    pub(crate) active: Option<usize>,
    pub(crate) on_item: bool,
}

impl MenuState {
    /// The state for `page` (or for a page outside the navigation, like the 404 page).
    pub(crate) fn of(site: &Site, edition: usize, page: Option<&Page>) -> MenuState {
        let nav = &site.editions[edition].nav;
        let active = page.and_then(|p| nav.iter().position(|n| n.key == p.key || p.parent.as_deref() == Some(n.key.as_str())));
        MenuState { active, on_item: active.zip(page).is_some_and(|(i, p)| nav[i].key == p.key) }
    }

    fn slot(self) -> usize {
        self.active.map_or(0, |i| 1 + 2 * i + usize::from(self.on_item))
    }
}

/// Loads the theme's templates; syntax errors are reported with their template and position.
pub(crate) fn load_templates(theme: &crate::theme::Theme, diagnostics: &Diagnostics) -> Option<Tera> {
    load_templates_trimmed(theme, diagnostics, true)
}

/// The theme's templates as written, not trimmed: for the trimmer's differential test, which
/// renders every page both ways and compares what a browser would show.
#[cfg(test)]
pub(crate) fn load_templates_as_written(theme: &crate::theme::Theme, diagnostics: &Diagnostics) -> Option<Tera> {
    load_templates_trimmed(theme, diagnostics, false)
}

/// The functions plein gives templates. Tera 2 refuses a template that calls a function or
/// filter it does not know when the template is loaded, so the loader registers stand-ins under
/// these names; [`Renderer::new`] replaces them with each edition's own.
const FUNCTIONS: [&str; 5] = ["t", "num", "url", "asset", "link"];

/// A Tera with plein's escaping, filters and the stand-ins of its functions, before templates.
fn engine() -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    for name in FUNCTIONS {
        tera.register_function(name, |_: Kwargs, _: &State| TeraValue::none());
    }
    // `date` is per edition (see `Renderer::new`); the others are the same in every edition.
    // Tera 1 had them built in; Tera 2 leaves them to the application.
    tera.register_filter("date", |value: TeraValue, _: Kwargs, _: &State| value);
    tera.register_filter("slugify", |value: TeraValue, _: Kwargs, _: &State| {
        TeraValue::from(slug::slugify(value.as_str().unwrap_or_default()))
    });
    tera.register_filter("trim_end_matches", |value: tera::StringInput, args: Kwargs, _: &State| -> TeraResult<TeraValue> {
        let pat: &str = args.must_get("pat")?;
        // Only removes text: the result is as safe as the input.
        Ok(value.inherit_safety(value.as_str().trim_end_matches(pat).to_string()))
    });
    // Tera 1's `json_encode`, kept for themes that write JSON (JSON-LD) and for the benchmark's
    // dump of a page's context: not safe, so it is escaped like any other text.
    tera.register_filter("json_encode", |value: TeraValue, args: Kwargs, _: &State| -> TeraResult<String> {
        let pretty = args.get::<bool>("pretty")?.unwrap_or(false);
        let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) };
        text.map_err(|e| tera::Error::message(format!("json_encode: {e}")))
    });
    tera
}

fn load_templates_trimmed(theme: &crate::theme::Theme, diagnostics: &Diagnostics, trim: bool) -> Option<Tera> {
    let path_of = |name: &str| theme.templates.get(name).map_or_else(|| PathBuf::from(name), crate::theme::ThemeFile::path);
    let written: BTreeMap<String, String> = theme.templates.iter().map(|(name, file)| (name.clone(), file.text().into_owned())).collect();
    // Templates are parsed trimmed (see `minify`); only when that fails are they parsed as
    // written, so that the error's line and column are the ones in the file.
    let trimmed = written
        .iter()
        .map(|(name, text)| (name.as_str(), if trim && name.ends_with(".html") { crate::minify::template(text) } else { text.clone() }));
    let mut fast = engine();
    if fast.add_raw_templates(trimmed).is_ok() {
        return Some(fast);
    }
    let mut tera = engine();
    match tera.add_raw_templates(written.iter()) {
        Ok(()) => Some(tera),
        Err(e) => {
            diagnostics.extend(load_diagnostics(&e, &path_of, &written));
            None
        }
    }
}

/// Escapes text for HTML text and quoted attribute values. Tera's own escaping also turns `/`
/// into `&#x2F;`, which makes every URL in a page several times longer; `/` needs no escaping.
fn escape_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(html_escape::encode_quoted_attribute(text).as_bytes())
}

/// A position Tera reports (`--> name:line:column`, 1-based) with the report's first line.
struct Reported {
    template: String,
    line: usize,
    column: usize,
    message: String,
}

/// The reports in a Tera error's text: Tera 2 joins the reports of every unknown function,
/// filter, test, component and template of a load into one message, each with its span.
fn reports(text: &str) -> Vec<Reported> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(message) = line.strip_prefix("error: ") else { continue };
        let Some(at) = lines.get(i + 1).and_then(|l| l.trim_start().strip_prefix("--> ")) else { continue };
        let mut parts = at.rsplitn(3, ':');
        let (Some(column), Some(line), Some(template)) = (parts.next(), parts.next(), parts.next()) else { continue };
        let (Ok(line), Ok(column)) = (line.parse(), column.parse()) else { continue };
        out.push(Reported { template: template.to_string(), line, column, message: message.to_string() });
    }
    out
}

/// Where `{% word "target" %}` (an include or extends) is written in a template, 1-based.
fn tag_position(source: &str, word: &str, target: Option<&str>) -> (usize, usize) {
    let index = crate::diagnostics::LineIndex::new(source);
    let found = source.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = source[..at].trim_end_matches([' ', '\t', '\n', '\r', '-']);
        let after = &source[at + word.len()..];
        before.ends_with("{%") && target.is_none_or(|t| after.trim_start().get(1..).is_some_and(|a| a.starts_with(t)))
    });
    found.map_or((0, 0), |at| index.position(at))
}

/// The errors of loading the theme's templates (parsed as written), each at its template and
/// position: syntax errors and unknown names with Tera's span, cycles and missing parents at
/// the tag that causes them.
fn load_diagnostics(error: &tera::Error, path_of: &dyn Fn(&str) -> PathBuf, sources: &BTreeMap<String, String>) -> Vec<Diagnostic> {
    let help = "fix the template; see the Tera 2 documentation and docs/theme.md";
    let at_tag = |template: &str, word: &str, target: Option<&str>, message: String, help: &str| {
        let (line, column) = sources.get(template).map_or((0, 0), |s| tag_position(s, word, target));
        Diagnostic::error(path_of(template), line, column, message).with_help(help.to_string())
    };
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) => {
            // Parsed as written (see `load_templates_trimmed`): Tera's span is the file's.
            vec![span_diagnostic(&path_of(report.filename()), report, None)]
        }
        tera::ErrorKind::CircularInclude { tpl, include_chain }
        | tera::ErrorKind::CircularExtend { tpl, inheritance_chain: include_chain } => {
            let word = if matches!(error.kind(), tera::ErrorKind::CircularInclude { .. }) { "include" } else { "extends" };
            let mut chain: Vec<&str> = include_chain.iter().map(String::as_str).collect();
            if chain.first() != Some(&tpl.as_str()) {
                chain.insert(0, tpl);
            }
            if chain.last() != Some(&tpl.as_str()) {
                chain.push(tpl);
            }
            let next = chain.get(1).copied();
            vec![at_tag(
                tpl,
                word,
                next,
                format!("the theme's templates form a cycle: {}", chain.join(" → ")),
                "an include or extends may not lead back to itself (it would never finish); break the cycle in the theme",
            )]
        }
        tera::ErrorKind::MissingParent { current, parent } => vec![at_tag(
            current,
            "extends",
            Some(parent),
            format!("template error: `{current}` extends `{parent}`, which the theme does not have"),
            help,
        )],
        _ => {
            let text = error.to_string();
            let found = reports(&text);
            if found.is_empty() {
                let message = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
                return vec![Diagnostic::error(path_of(""), 0, 0, format!("template error: {message}")).with_help(help)];
            }
            found
                .into_iter()
                .map(|r| {
                    Diagnostic::error(path_of(&r.template), r.line, r.column, format!("template error: {}", r.message)).with_help(help)
                })
                .collect()
        }
    }
}

/// A Tera error with a span as a diagnostic at that span. `trimmed_from` is the template as
/// written when Tera parsed it trimmed (see `minify::template`): the span is then in the
/// trimmed text, and the spanned text is looked up in the written one.
fn span_diagnostic(path: &Path, report: &tera::ReportError, trimmed_from: Option<&str>) -> Diagnostic {
    let span = report.span();
    let (line, column) = match trimmed_from {
        Some(text) if report.filename().ends_with(".html") => written_position(text, span),
        _ => (span.start_line, span.start_col + 1),
    };
    Diagnostic::error(path, line, column, format!("template error: {}", report.message()))
        .with_help("fix the template; see the Tera 2 documentation and docs/theme.md")
}

/// The byte offset of a 1-based line and 0-based character column in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = text.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum::<usize>();
    let rest = text.get(line_start..)?;
    Some(line_start + rest.char_indices().nth(column).map_or(rest.len(), |(i, _)| i))
}

/// The 1-based position in `written` of the text that Tera's `span` covers in the trimmed
/// template: the same occurrence of that text in the written template (the trimmer keeps
/// Tera's tags, and their order, as they are); the span's own position when it is not found.
fn written_position(written: &str, span: &tera::Span) -> (usize, usize) {
    let as_is = (span.start_line, span.start_col + 1);
    let trimmed = crate::minify::template(written);
    let (Some(start), Some(end)) = (offset_of(&trimmed, span.start_line, span.start_col), offset_of(&trimmed, span.end_line, span.end_col))
    else {
        return as_is;
    };
    let Some(snippet) = trimmed.get(start..end).filter(|s| !s.trim().is_empty()) else { return as_is };
    let nth = trimmed[..start].matches(snippet).count();
    written.match_indices(snippet).nth(nth).map_or(as_is, |(at, _)| crate::diagnostics::LineIndex::new(written).position(at))
}

/// A Tera error as a diagnostic: at the template's line and column when Tera gives a span
/// (Tera 2 does for rendering errors), else at `path` as a whole; `written` is the failing
/// template's text as written when Tera parsed it trimmed, to position the error in the file.
fn tera_diagnostic(path: &Path, error: &tera::Error, written: Option<&str>) -> Diagnostic {
    if let tera::ErrorKind::RenderingError(report) | tera::ErrorKind::SyntaxError(report) = error.kind() {
        return span_diagnostic(path, report, written);
    }
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    let message = message.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    Diagnostic::error(path, 0, 0, format!("template error: {message}"))
        .with_help("fix the template; see the Tera 2 documentation and docs/theme.md")
}

impl<'s> Renderer<'s> {
    /// Prepares one Tera per edition with its functions registered.
    pub(crate) fn new(site: &'s Arc<Site>, base: Tera, assets: BTreeMap<String, String>) -> Renderer<'s> {
        let missing = Arc::new(Mutex::new(BTreeSet::new()));
        let missing_pages = Arc::new(Mutex::new(BTreeSet::new()));
        let fluent_errors = Arc::new(Mutex::new(BTreeSet::new()));
        let assets = Arc::new(assets);
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
                tera.register_function("link", crate::theme_pages::LinkFunction { site: site.clone(), edition });
                let dates = site.clone();
                tera.register_filter("date", move |value: TeraValue, _: Kwargs, _: &State| {
                    TeraValue::from(dates.i18n.format_date(edition, value.as_str().unwrap_or_default()))
                });
                let assets_for_fn = assets.clone();
                tera.register_function("asset", move |args: Kwargs, _: &State| -> TeraResult<String> {
                    let name = string_arg(&args, "path").ok_or_else(|| tera::Error::message("asset() needs path=\"...\""))?;
                    assets_for_fn
                        .get(name)
                        .cloned()
                        .ok_or_else(|| tera::Error::message(format!("no asset `{name}` in the theme's static folder")))
                });
                tera
            })
            .collect();
        let glossaries: Vec<Vec<Term>> =
            site.data.glossary.iter().map(|entries| crate::feature::glossary::markdown_terms(entries)).collect();
        let matchers = glossaries.iter().map(|terms| markdown::glossary_matcher(terms)).collect();
        let menus = site.editions.iter().map(|e| (0..1 + 2 * e.nav.len()).map(|_| OnceLock::new()).collect()).collect();
        let sections = site.editions.iter().map(|e| e.nav.iter().map(|_| OnceLock::new()).collect()).collect();
        let site_value = Shared::new(&SiteContext::of(site));
        let edition_values = (0..site.editions.len()).map(|e| Shared::new(&EditionContext::of(site, e))).collect();
        let footers = (0..site.editions.len()).map(|e| context::footer_links(site, e)).collect();
        Renderer {
            site,
            teras,
            missing,
            missing_pages,
            fluent_errors,
            glossaries,
            matchers,
            menus,
            sections,
            site_value,
            edition_values,
            footers,
            render_failures: Mutex::new(BTreeMap::new()),
            times: Default::default(),
            recorded: None,
        }
    }

    /// Records every context given to a template from now on (see [`Renderer::recorded`]).
    #[cfg(test)]
    pub(crate) fn record_contexts(&mut self) {
        self.recorded = Some(Mutex::new(Vec::new()));
    }

    /// The contexts recorded since [`Renderer::record_contexts`].
    #[cfg(test)]
    pub(crate) fn recorded(&self) -> Vec<RecordedContext> {
        self.recorded.as_ref().and_then(|r| r.lock().ok().map(|r| r.clone())).unwrap_or_default()
    }

    /// The Tera context of `ctx`, recorded as the context `kind` when recording.
    fn context(&self, kind: &'static str, ctx: &impl Serialize) -> tera::Context {
        if let Some(recorded) = &self.recorded {
            if let (Ok(value), Ok(mut recorded)) = (serde_json::to_value(ctx), recorded.lock()) {
                recorded.push(RecordedContext { kind, value });
            }
        }
        to_tera(ctx)
    }

    /// Message keys used by templates that no edition in the chain defines.
    pub(crate) fn missing_messages(&self) -> Vec<(usize, String)> {
        self.missing.lock().map(|m| m.iter().cloned().collect()).unwrap_or_default()
    }

    /// Page keys `url()` was asked for while rendering that no page of the site has.
    pub(crate) fn missing_pages(&self) -> Vec<String> {
        self.missing_pages.lock().map(|m| m.iter().cloned().collect()).unwrap_or_default()
    }

    /// One error for each place a template failed while rendering pages, naming the first page
    /// it failed on and how many others (a mistake in a template fails every page that uses it).
    pub(crate) fn render_failures(&self) -> Vec<Diagnostic> {
        let failures = self.render_failures.lock().unwrap_or_else(|e| e.into_inner());
        failures
            .values()
            .map(|failure| {
                let (first, template) = failure
                    .pages
                    .iter()
                    .next()
                    .map_or((String::new(), ""), |((path, _), template)| (path.display().to_string(), template.as_str()));
                // The others by their URL: a fallback page has the same source file.
                let urls: Vec<String> = failure.pages.keys().skip(1).map(|(_, url)| format!("{}{url}", self.site.base_path)).collect();
                let shown = urls.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
                let more = if urls.len() > 3 { ", …" } else { "" };
                let others = match urls.len() {
                    0 => String::new(),
                    1 => format!(" (and on 1 other page: {shown})"),
                    n => format!(" (and on {n} other pages: {shown}{more})"),
                };
                let mut d = failure.diagnostic.clone();
                d.message =
                    format!("rendering {first} with `{template}` failed{others}: {}", d.message.trim_start_matches("template error: "));
                let file = d.path.strip_prefix(&self.site.root).unwrap_or(&d.path).display().to_string();
                d.with_help(if failure.pages.len() > 1 {
                    format!(
                        "fix {}{file}: it fails on {} pages",
                        if failure.diagnostic.line > 0 { "this line of " } else { "" },
                        failure.pages.len()
                    )
                } else {
                    format!("fix {file} or the front matter of {first}")
                })
            })
            .collect()
    }

    /// Messages that Fluent could not format while rendering, with what it said.
    pub(crate) fn fluent_errors(&self) -> Vec<FluentError> {
        self.fluent_errors.lock().map(|m| m.iter().cloned().collect()).unwrap_or_default()
    }

    /// The main menu (`partials/menu.html`, if the theme has it) in `state`: rendered by the first
    /// page that needs it and shared by all the others, so that a site with hundreds of sections
    /// does not render hundreds of menu items on every page.
    fn menu_html(&self, site: &Site, edition: usize, state: MenuState, diagnostics: &Diagnostics) -> &str {
        let Some(cell) = self.menus[edition].get(state.slot()) else { return "" };
        cell.get_or_init(|| {
            if !self.teras[edition].contains_template(MENU_TEMPLATE) {
                return String::new();
            }
            let ctx = context::MenuContext {
                site: &self.site_value,
                edition: &self.edition_values[edition],
                nav: context::menu_items(site, edition, state.active, state.on_item),
            };
            self.teras[edition].render(MENU_TEMPLATE, &self.context("menu", &ctx)).unwrap_or_else(|e| {
                diagnostics.push(self.render_diagnostic(site, MENU_TEMPLATE, &e));
                String::new()
            })
        })
    }

    /// A rendering error of `template` at its position in the template as written.
    fn render_diagnostic(&self, site: &Site, template: &str, error: &tera::Error) -> Diagnostic {
        let (path, written) = failing_template(site, template, error);
        tera_diagnostic(&path, error, written.as_deref())
    }

    /// Renders markdown of `page`'s source with the hooks of `edition`.
    pub(crate) fn markdown(&self, site: &Site, page: &Page, options: MarkdownOptions) -> Result<Rendered, Diagnostic> {
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
        if site.config.minify_html {
            let start = std::time::Instant::now();
            rendered.html = crate::minify::fragment(&rendered.html);
            self.times.add(JobPart::Minify, start);
        }
        Ok(rendered)
    }

    /// Renders a whole page to its final HTML.
    pub(crate) fn render_page(&self, site: &Site, page: &Page, diagnostics: &Diagnostics) -> Option<PageOutput> {
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
        if !self.teras[page.edition].contains_template(&template) {
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
        let menu = self.menu_html(site, page.edition, MenuState::of(site, page.edition, Some(page)), diagnostics);
        // The values features give the page templates they serve (`progress`, `agreement`).
        let features =
            crate::feature::page_values(site, page, &template, self, diagnostics).into_iter().map(|v| (v.name, v.value)).collect();
        let html = {
            let ctx = self.page_context(site, page, &rendered, menu, features);
            match self.teras[page.edition].render(&template, &self.context("page", &ctx)) {
                Ok(html) => html,
                Err(e) => {
                    // At the template's line (Tera 2 gives a span); reported with the pages it
                    // failed on once all pages are rendered (`render_failures`).
                    let d = self.render_diagnostic(site, &template, &e);
                    let page_path = source.path.strip_prefix(&site.root).unwrap_or(&source.path).to_path_buf();
                    let at = (d.path.clone(), d.line, d.column, d.message.clone());
                    let mut failures = self.render_failures.lock().unwrap_or_else(|e| e.into_inner());
                    let failure = failures.entry(at).or_insert_with(|| RenderFailure { diagnostic: d, pages: BTreeMap::new() });
                    failure.pages.insert((page_path, page.path.clone()), template.clone());
                    return None;
                }
            }
        };
        self.times.add(JobPart::Templates, start);
        Some(PageOutput { html, ids: rendered.ids, links: rendered.links, blocks: rendered.blocks })
    }

    /// The context of `page`'s template: the shared parts borrowed from the renderer, the page's
    /// own from the site and its rendered markdown.
    fn page_context<'r>(
        &'r self,
        site: &'r Site,
        page: &'r Page,
        rendered: &'r Rendered,
        menu: &'r str,
        features: BTreeMap<&'static str, Value>,
    ) -> context::PageTemplateContext<'r> {
        let source = site.source(page);
        let edition = page.edition;
        let source_edition = &site.config.editions[site.sources[page.source].edition];
        let has_template = source.front.template.is_some();
        let order = &site.editions[edition].order;
        let position = site.editions[edition].position(&page.key);
        let neighbour = |offset: isize| -> Option<LinkContext<'r>> {
            let i = position?;
            let mut j = i as isize + offset;
            while j >= 0 && (j as usize) < order.len() {
                if let Some(p) = site.page(edition, &order[j as usize]) {
                    let s = site.source(p);
                    if p.key != HOME && !context::is_footer_page(s) && s.front.template.is_none() {
                        return Some(LinkContext::of(site, p));
                    }
                }
                j += offset;
            }
            None
        };
        let mut breadcrumbs = Vec::new();
        let mut parent = page.parent.as_deref();
        while let Some(key) = parent {
            let Some(p) = site.page(edition, key) else { break };
            breadcrumbs.insert(0, LinkContext::of(site, p));
            parent = p.parent.as_deref();
        }
        let page_value = context::PageContext {
            key: &page.key,
            title: context::display_title(site, page),
            description: source.front.description.as_deref(),
            content: &rendered.html,
            toc: &rendered.toc,
            terms: self.glossary_entries(site, edition, &rendered.terms),
            url: site.url(page),
            permalink: site.permalink(page),
            is_home: page.key == HOME,
            is_section: source.is_section(),
            fallback: page.fallback,
            source_lang: &source_edition.lang,
            source_dir: source_edition.dir.as_str(),
            source_name: &source_edition.name,
            extra: &source.front.extra,
            breadcrumbs,
            previous: neighbour(-1),
            next: neighbour(1),
            translations: context::translations(site, page),
            alternates: context::alternates(site, page),
            original: context::original_link(site, page),
            official: context::official_link(site, page),
            plain_version: context::plain_link(site, page),
            commitments: source.commitments.iter().map(|c| c.id.as_str()).collect(),
            features: crate::feature::page_fields(site, page).into_iter().map(|v| (v.name, v.value)).collect(),
            stale: crate::status::staleness(site, page),
            review: context::review(site, page),
        };
        let section = page.parent.as_deref().filter(|&k| k != HOME).and_then(|k| site.page(edition, k)).map(|p| LinkContext::of(site, p));
        context::PageTemplateContext {
            site: &self.site_value,
            edition: &self.edition_values[edition],
            menu,
            footer_nav: Marked { links: &self.footers[edition], current: Some(&page.key) },
            section_nav: Marked { links: self.section_nav(site, page), current: Some(&page.key) },
            section,
            // Listing every page of the edition on every page would make each page's work grow
            // with the site: only pages with a template of their own (search, index) get it.
            nav: has_template.then(|| context::full_nav(site, edition, page)),
            page: page_value,
            // Data files are large; only pages with a template of their own (glossary,
            // corrections) use them.
            data: has_template.then(|| &site.data.generic[edition]),
            features,
        }
    }

    /// The pages of the section `page` belongs to (none marked: [`Marked`] marks the page); empty
    /// for a section's own page and for pages outside sections. Built once per section.
    fn section_nav(&self, site: &Site, page: &Page) -> &[NavLink<'s>] {
        let nav = &site.editions[page.edition].nav;
        let Some(i) = page.parent.as_deref().filter(|&k| k != HOME).and_then(|k| nav.iter().position(|n| n.key == k)) else {
            return &[];
        };
        // The cached links borrow from the renderer's site, not from the `site` argument (the
        // same site): they are built from it.
        let own = self.site;
        self.sections[page.edition][i]
            .get_or_init(|| nav[i].children.iter().filter_map(|k| NavLink::of(own, page.edition, k, None)).collect())
    }

    /// Renders a template with the edition's context (404 page, redirect pages, the theme's own
    /// pages): `extra` adds the page's fields (a struct or a JSON object).
    pub(crate) fn render_special(
        &self,
        site: &Site,
        edition: usize,
        template: &str,
        extra: impl Serialize,
        diagnostics: &Diagnostics,
    ) -> Option<String> {
        let menu = self.menu_html(site, edition, MenuState::of(site, edition, None), diagnostics);
        let ctx = context::SpecialContext {
            site: &self.site_value,
            edition: &self.edition_values[edition],
            menu,
            footer_nav: Marked { links: &self.footers[edition], current: None },
            section_nav: [],
            extra,
        };
        match self.teras[edition].render(template, &self.context(special_kind(template), &ctx)) {
            Ok(html) => Some(html),
            Err(e) => {
                diagnostics.push(self.render_diagnostic(site, template, &e));
                None
            }
        }
    }

    fn glossary_entries<'r>(&self, site: &'r Site, edition: usize, used: &[usize]) -> Vec<crate::feature::glossary::TermContext<'r>> {
        crate::feature::glossary::used_terms(&site.data.glossary[edition], used)
    }
}

/// What features ask of the renderer for their page values (the whole agreement renders every
/// page's markdown).
impl crate::feature::PageRendering for Renderer<'_> {
    fn markdown(&self, site: &Site, page: &Page, options: MarkdownOptions) -> Result<Rendered, Diagnostic> {
        Renderer::markdown(self, site, page, options)
    }

    fn glossary_entries(&self, site: &Site, edition: usize, used: &[usize]) -> Vec<Value> {
        Renderer::glossary_entries(self, site, edition, used).iter().filter_map(|t| serde_json::to_value(t).ok()).collect()
    }
}

/// Which context of docs/theme.md a special page's template gets.
fn special_kind(template: &str) -> &'static str {
    match template {
        "404.html" => "404",
        "redirect.html" => "redirect",
        _ => "theme page",
    }
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

struct PageHooks<'a, 's> {
    site: &'a Site,
    renderer: &'a Renderer<'s>,
    edition: usize,
    glossary: &'a [Term],
    page: &'a Page,
}

impl Hooks for PageHooks<'_, '_> {
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
        let call = crate::feature::ShortcodeCall { site: self.site, edition: self.edition, page: self.page, name, args };
        if let Some(help) = crate::feature::for_shortcode(name).and_then(|f| f.shortcode_help(&call)) {
            return help;
        }
        "see docs/content-format.md for the shortcodes and their arguments".into()
    }

    fn shortcode(&self, name: &str, args: &BTreeMap<String, String>) -> Result<String, String> {
        let template = format!("shortcodes/{name}.html");
        let tera = &self.renderer.teras[self.edition];
        if !tera.contains_template(&template) {
            return Err(format!("unknown shortcode `{name}` (the theme has no {template})"));
        }
        let mut ctx = context::ShortcodeContext {
            args,
            site: &self.renderer.site_value,
            edition: &self.renderer.edition_values[self.edition],
            features: BTreeMap::new(),
        };
        // A shortcode a feature gives data to gets the feature's values; any other only its
        // arguments (a theme or site adds one by adding its template).
        if let Some(feature) = crate::feature::for_shortcode(name) {
            let call = crate::feature::ShortcodeCall { site: self.site, edition: self.edition, page: self.page, name, args };
            for value in feature.shortcode(&call)? {
                ctx.features.insert(value.name, value.value);
            }
        }
        tera.render(&template, &self.renderer.context("shortcode", &ctx))
            .map_err(|e| self.renderer.render_diagnostic(self.site, &template, &e).message)
    }

    fn commitment_extra(&self, id: &str) -> Result<String, String> {
        let tera = &self.renderer.teras[self.edition];
        let mut html = String::new();
        for partial in crate::feature::commitment_partials(self.site, self.edition, id) {
            // A theme without the partial shows commitments without it.
            if tera.get_template_names().all(|n| n != partial.template) {
                continue;
            }
            let ctx = context::CommitmentContext {
                id,
                edition: &self.renderer.edition_values[self.edition],
                features: partial.values.into_iter().map(|v| (v.name, v.value)).collect(),
            };
            let rendered = tera
                .render(partial.template, &self.renderer.context("commitment", &ctx))
                .map_err(|e| self.renderer.render_diagnostic(self.site, partial.template, &e).message)?;
            html.push_str(&rendered);
        }
        Ok(html)
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

struct TFunction {
    site: Arc<Site>,
    edition: usize,
    missing: Arc<Mutex<BTreeSet<(usize, String)>>>,
    fluent_errors: Arc<Mutex<BTreeSet<FluentError>>>,
    /// Messages without arguments, formatted once: every page asks for the same ones.
    plain: std::sync::RwLock<HashMap<String, TeraValue>>,
}

impl tera::Function<TeraResult<TeraValue>> for TFunction {
    fn call(&self, args: Kwargs, _: &State) -> TeraResult<TeraValue> {
        let key = string_arg(&args, "key").ok_or_else(|| tera::Error::message("t() needs key=\"message-id\""))?;
        let only_key = args.iter().count() == 1;
        if only_key {
            if let Some(text) = self.plain.read().ok().and_then(|p| p.get(key).cloned()) {
                return Ok(text);
            }
        }
        let text = TeraValue::from(self.format(key, &args));
        if only_key {
            if let Ok(mut plain) = self.plain.write() {
                plain.insert(key.to_string(), text.clone());
            }
        }
        Ok(text)
    }
}

impl TFunction {
    fn format(&self, key: &str, args: &Kwargs) -> String {
        let rest: BTreeMap<String, Value> = args
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v)))
            .filter(|(k, _)| k != "key")
            .map(|(k, v)| (k, serde_json::to_value(v).unwrap_or_default()))
            .collect();
        let fluent_args = crate::i18n::fluent_args(&rest);
        match self.site.i18n.formatted(self.edition, key, Some(&fluent_args)) {
            Some(formatted) => {
                if !formatted.errors.is_empty() {
                    if let Ok(mut errors) = self.fluent_errors.lock() {
                        let given = rest.keys().cloned().collect();
                        errors.insert(FluentError { edition: formatted.from, key: key.to_string(), errors: formatted.errors, given });
                    }
                }
                context::isolate_if(&self.site, self.edition, formatted.from, formatted.text)
            }
            None => {
                if let Ok(mut m) = self.missing.lock() {
                    m.insert((self.edition, key.to_string()));
                }
                key.to_string()
            }
        }
    }
}

/// A message Fluent could not format: in which edition's file, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct FluentError {
    /// The edition whose file defines the message.
    pub(crate) edition: usize,
    pub(crate) key: String,
    pub(crate) errors: Vec<String>,
    /// The variables the template gave.
    pub(crate) given: Vec<String>,
}

struct NumFunction {
    site: Arc<Site>,
    edition: usize,
}

impl tera::Function<TeraResult<String>> for NumFunction {
    fn call(&self, args: Kwargs, _: &State) -> TeraResult<String> {
        let value =
            args.get::<&TeraValue>("value")?.and_then(TeraValue::as_f64).ok_or_else(|| tera::Error::message("num() needs value=number"))?;
        let decimals = args.get::<&TeraValue>("decimals")?.and_then(TeraValue::as_u64).map(|d| d as usize);
        Ok(self.site.i18n.format_number(self.edition, value, decimals))
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

impl tera::Function<TeraResult<String>> for UrlFunction {
    fn call(&self, args: Kwargs, _: &State) -> TeraResult<String> {
        let key = string_arg(&args, "key").ok_or_else(|| tera::Error::message("url() needs key=\"page key\""))?;
        match self.site.page(self.edition, key) {
            Some(page) => Ok(self.site.url(page)),
            None => {
                if let Ok(mut missing) = self.missing.lock() {
                    missing.insert(key.to_string());
                }
                Ok("#".into())
            }
        }
    }
}
