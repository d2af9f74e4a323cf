//! One build: load → model → render (in parallel) → write into staging → publish atomically.

use crate::check;
pub use crate::check::{ReadabilityRow, SiteTextRow};
use crate::config::Config;
use crate::content::{self, Drafts};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
pub(crate) use crate::job::{JobPart, PageFacts};
pub use crate::job::{Reuse, Stage};
use crate::output::{self, SitemapEntry, Staging};
use crate::plan::{OutputPlan, Owner};
use crate::render::{self, PageOutput, Renderer};
use crate::site::{Page, Site};
use rayon::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a build should do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (with `site.yaml`).
    pub root: PathBuf,
    /// The output folder; replaced as a whole when the build succeeds.
    pub out: PathBuf,
    /// A base URL that replaces the one in `site.yaml` (`--base-url`).
    pub base_url: Option<String>,
    /// Whether pages with `draft: true` are built.
    pub drafts: Drafts,
    /// Build and publish, or only check.
    pub mode: Mode,
    /// Write `.br`/`.gz` siblings (off for the dev server).
    pub precompress: bool,
    /// Where compressed files are cached (by content hash).
    pub cache_dir: PathBuf,
    /// Pages rendered by the previous build of this process: with it, a rebuild re-renders only
    /// pages whose inputs changed and rewrites only files whose bytes changed (`plein serve`).
    pub cache: Option<Arc<RenderCache>>,
}

/// What `plein serve` keeps between its builds, in memory: the parsed front matter of
/// unchanged files, and the records of the files its last build left in the output (what
/// `plein build` reads from `.plein-cache/pages-v3.tsv`). With it, a build is the same build as
/// any other, only without reading the records from disk.
#[derive(Default)]
pub struct RenderCache {
    /// Parsed front matter of unchanged files.
    sources: content::PageCache,
    /// The records of the last published build.
    previous: std::sync::Mutex<Option<output::Previous>>,
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.previous.lock().ok().and_then(|p| p.as_ref().map(|p| p.files.len())).unwrap_or(0);
        write!(f, "RenderCache({n} files)")
    }
}

/// Build for publishing, or only check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Render, check and publish into the output folder.
    Build,
    /// Render and check everything, links and readability too; write nothing.
    Check,
}

/// Facts about a finished (or failed) build, for the summary.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Every error and warning, in no particular order (`main` sorts them).
    pub diagnostics: Vec<Diagnostic>,
    /// Pages per edition, in the order of `site.yaml`.
    pub pages: Vec<EditionPages>,
    /// Wall-clock time of each stage, in the order they ran.
    pub stages: Vec<Stage>,
    /// CPU time of the parts of the page jobs (inside the `render` stage).
    pub job_times: Vec<Stage>,
    /// Pages rendered, and pages kept from the previous build.
    pub pages_rendered: Reuse,
    /// Wall-clock time of the whole build.
    pub total: Duration,
    /// Files written to the output folder (unchanged files are not rewritten).
    pub files_written: usize,
    /// Files precompressed (`--precompress`), and those whose compressed siblings came from the cache.
    pub compressed: Reuse,
    /// Readability figures per page of plain-language editions (check mode).
    pub readability: Vec<check::ReadabilityRow>,
    /// Text each page marks as the site's own (check mode).
    pub site_text: Vec<check::SiteTextRow>,
    /// Whether the output folder now holds this build (false after errors, and in check mode).
    pub published: bool,
}

/// The pages of one edition.
#[derive(Debug, Clone)]
pub struct EditionPages {
    /// The edition's code (`nl`, `en`).
    pub edition: String,
    /// Pages written for this edition.
    pub own: usize,
    /// Pages shown in another edition's words because this one has none (fallback pages).
    pub fallback: usize,
}

impl BuildReport {
    /// How many of the diagnostics are errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    /// How many of the diagnostics are warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

struct Timer {
    stages: Vec<Stage>,
    last: Instant,
}

impl Timer {
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.stages.push(Stage { name, time: now - self.last });
        self.last = now;
    }
}

/// Loads everything up to the read-only site model. Used by build, check and status.
pub fn load_site(
    root: &Path,
    base_url: Option<&str>,
    drafts: Drafts,
    diagnostics: &Diagnostics,
    cache: Option<&RenderCache>,
) -> Option<Site> {
    let mut config = match Config::load(root) {
        Ok(config) => config,
        Err(errors) => {
            diagnostics.extend(errors);
            return None;
        }
    };
    if let Some(url) = base_url {
        match crate::config::normalize_base_url(url) {
            Ok(url) => config.base_url = url,
            Err(e) => {
                diagnostics.push(Diagnostic::error("--base-url", 0, 0, e.message).with_help(e.help));
                return None;
            }
        }
    }
    let theme = crate::theme::Theme::load(root, &config, diagnostics);
    let i18n = I18n::load_with_theme(root, &config, &theme, diagnostics);
    let content = content::load(root, &config, drafts, diagnostics, cache.map(|c| &c.sources));
    let chains = crate::i18n::fallback_chains(&config);
    let data = crate::data::load(&content.data, &chains, diagnostics);
    let mut site = Site::build(root.to_path_buf(), config, content, data, i18n, diagnostics);
    site.theme = theme;
    crate::feature::validate(&site, diagnostics);
    diagnostics.extend(crate::status::translation_diagnostics(&site));
    Some(site)
}

/// Runs a build (or a check) and reports what happened. Never panics on bad input: every
/// problem ends up in the report's diagnostics.
///
/// One sequence for every build: load → plan → render (keeping what the previous build left,
/// when its records are there) → extras → search → messages → compress → manifest → publish.
/// A clean build is this build with no records; `plein serve` is this build with its records
/// in memory (and without the search index and the manifest, see README); a check is this build
/// with no records, more checks and nothing published.
pub fn run(options: &BuildOptions) -> BuildReport {
    let start = Instant::now();
    let mut timer = Timer { stages: Vec::new(), last: start };
    let diagnostics = Diagnostics::new();
    let mut report = BuildReport::default();
    let dev = options.cache.as_deref();
    let Some(site) = load_site(&options.root, options.base_url.as_deref(), options.drafts, &diagnostics, dev) else {
        report.diagnostics = relative(diagnostics.into_sorted(), &options.root);
        return report;
    };
    timer.lap("load");
    let site = Arc::new(site);
    report.pages = (0..site.editions.len())
        .map(|e| EditionPages { edition: site.config.editions[e].code.clone(), own: site.counts(e).0, fallback: site.counts(e).1 })
        .collect();
    let templates = render::load_templates(&site.theme, &diagnostics);
    let assets = site.theme.assets();
    let Some(templates) = templates else {
        report.diagnostics = relative(diagnostics.into_sorted(), &options.root);
        return report;
    };
    let (plan, conflicts) = plan_outputs(&site, &assets);
    diagnostics.extend(conflicts);
    if options.mode == Mode::Build && dev.is_none() {
        // Refused before any work: an output folder plein must not replace. (`serve` writes
        // into its own cache folder, checked when it starts.)
        let location = output::check_output_location(&site.root, &options.out, site.theme.folder.as_deref())
            .and_then(|()| output::check_owned(&options.out));
        let location = location.and_then(|()| output::ensure_cache_dir(&options.root, &options.cache_dir).map(|_| ()));
        if let Err(d) = location {
            diagnostics.push(d);
            report.diagnostics = relative(diagnostics.into_sorted(), &options.root);
            return report;
        }
    }
    let sources: BTreeMap<String, String> =
        site.theme.templates.iter().map(|(name, file)| (name.clone(), file.text().into_owned())).collect();
    let themed = check::ThemeTemplates { tera: &templates, sources: &sources, theme: &site.theme, root: &site.root };
    let scan = check::check_theme(&site, &themed, options.mode == Mode::Check, &diagnostics);
    let renderer = Renderer::new(&site, templates, crate::theme::asset_urls(&assets, &site.base_path));
    timer.lap("templates");
    let staging_target = match options.mode {
        Mode::Build => options.out.clone(),
        Mode::Check => std::env::temp_dir().join(format!("plein-check-{}", std::process::id())),
    };
    // A build keeps what the previous build of this output left (pages whose inputs did not
    // change, files whose bytes did not); a check starts from nothing and keeps every fact.
    let records_path = options.cache_dir.parent().unwrap_or(&options.cache_dir).join("pages-v3.tsv");
    let (pass, previous) = match options.mode {
        Mode::Check => (Pass::Check, output::Previous::default()),
        Mode::Build => {
            let previous = match dev {
                Some(cache) => cache.previous.lock().ok().and_then(|p| p.clone()),
                None => output::Previous::load(&records_path),
            };
            (Pass::Build(page_fingerprints(&site, inputs_fingerprint(&site, options))), previous.unwrap_or_default())
        }
    };
    let staging = match Staging::create(&staging_target) {
        Ok(s) => s.with_previous(previous).with_plan(plan),
        Err(d) => {
            diagnostics.push(d);
            report.diagnostics = relative(diagnostics.into_sorted(), &options.root);
            return report;
        }
    };
    for asset in &assets {
        if let Err(d) = staging.write(&asset.path, asset.bytes) {
            diagnostics.push(d);
        }
    }
    let rendered = render_pages(&site, &renderer, &staging, &pass, &diagnostics);
    let reusable: std::collections::HashSet<usize> = rendered.iter().filter(|r| r.reusable).map(|r| r.facts.page).collect();
    let outputs: Vec<PageFacts> = rendered.into_iter().map(|r| r.facts).collect();
    timer.lap("render");
    report.job_times = renderer.times.parts();
    report.pages_rendered = renderer.times.pages();
    write_extras(&site, &renderer, &staging, &diagnostics);
    timer.lap("extras");
    if dev.is_none() {
        // No search index while editing: `serve` rebuilds on every save.
        crate::search::index(&site, &staging, &diagnostics);
        timer.lap("search");
    }
    check::report_after_render(&site, &renderer, &scan, &diagnostics);
    report_fluent_errors(&site, &renderer, &diagnostics);
    diagnostics.extend(renderer.render_failures());
    if options.mode == Mode::Check {
        check::check_links(&site, &outputs, &diagnostics);
        diagnostics.extend(crate::status::difference_diagnostics(&site));
        check::check_built_html(&site, staging.dir(), &outputs, &diagnostics);
        report.readability = check::readability(&site, &outputs, &diagnostics);
        report.site_text = check::site_text(&site);
        timer.lap("check");
    }
    report.files_written = outputs.len();
    if diagnostics.has_errors() || options.mode == Mode::Check {
        staging.discard();
        return finish(report, timer, start, diagnostics, &options.root);
    }
    if options.precompress {
        match output::precompress(&staging, &options.cache_dir) {
            Ok((done, reused)) => report.compressed = Reuse { done, reused },
            Err(d) => diagnostics.push(d),
        }
        timer.lap("compress");
    }
    if dev.is_none() {
        if let Err(d) = staging.write_manifest() {
            diagnostics.push(d);
        }
    }
    if diagnostics.has_errors() {
        staging.discard();
        return finish(report, timer, start, diagnostics, &options.root);
    }
    // The records go before the first file moves (see `output::Staging` for what a crash in
    // the middle leaves): without them the next build trusts nothing it finds.
    match dev {
        Some(cache) => {
            if let Ok(mut previous) = cache.previous.lock() {
                *previous = None;
            }
        }
        None => {
            let _ = std::fs::remove_file(&records_path);
        }
    }
    match staging.publish() {
        Ok(published) => {
            report.published = true;
            let fingerprints: std::collections::HashMap<String, String> = match &pass {
                Pass::Build(fingerprints) => site
                    .pages
                    .iter()
                    .zip(fingerprints)
                    .enumerate()
                    .filter(|(i, _)| reusable.contains(i))
                    .filter_map(|(_, (p, f))| Some((format!("{}index.html", p.path), f.as_ref()?.to_hex().to_string())))
                    .collect(),
                Pass::Check => Default::default(),
            };
            let records = output::Previous::from_published(&options.out, published, &fingerprints);
            match dev {
                Some(cache) => {
                    if let Ok(mut previous) = cache.previous.lock() {
                        *previous = Some(records);
                    }
                }
                // Without the records the next build is a clean one: nothing is lost.
                None => {
                    let _ = records.save(&records_path);
                }
            }
        }
        Err(d) => diagnostics.push(d),
    }
    timer.lap("write");
    finish(report, timer, start, diagnostics, &options.root)
}

/// Completes a report with the stage times and the diagnostics, sorted and site-relative.
fn finish(mut report: BuildReport, timer: Timer, start: Instant, diagnostics: Diagnostics, root: &Path) -> BuildReport {
    report.stages = timer.stages;
    report.total = start.elapsed();
    report.diagnostics = relative(diagnostics.into_sorted(), root);
    report
}

/// Messages Fluent could not format as a template used them (a variable the template does not
/// give): an error at the message's line, since the page would show `{$name}` as written.
fn report_fluent_errors(site: &Site, renderer: &Renderer, diagnostics: &Diagnostics) {
    for error in renderer.fluent_errors().into_iter().filter(|e| !site.i18n.misspelt_variable(e.edition, &e.key)) {
        let (path, line, column) = match site.i18n.declared(error.edition).get(&error.key) {
            Some(info) => (info.path.clone(), info.line, info.column),
            None => (site.root.join("locales").join(&site.config.editions[error.edition].code), 0, 0),
        };
        let given: Vec<String> = error.given.iter().map(|v| format!("`${v}`")).collect();
        let help = if given.is_empty() {
            "the templates give this message no variables; write it without them".to_string()
        } else {
            format!("the templates give this message {}; use those names", given.join(", "))
        };
        diagnostics.push(
            Diagnostic::error(path, line, column, format!("message `{}` cannot be formatted: {}", error.key, error.errors.join("; ")))
                .with_help(help),
        );
    }
}

/// A fingerprint of every input a page's output depends on besides its own file and its
/// translations: the program, the options that change output, the configuration file and every
/// file of the theme, locales and data (bytes, whatever the file is), the raw front matter of
/// every page (navigation, translations and breadcrumbs show other pages' titles), the static
/// files (links to them resolve or fail) and the pages that failed to load.
///
/// Whole files are hashed rather than chosen fields, so that a new input of the renderer is
/// covered without anyone remembering to add it here; `tests/incremental.rs` checks the rest.
fn inputs_fingerprint(site: &Site, options: &BuildOptions) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    // Another plein may render the same inputs differently.
    if let Ok(exe) = std::env::current_exe() {
        output::hash_program(&mut hasher, &exe);
    }
    let field = |hasher: &mut blake3::Hasher, bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    // The options as the build used them (the base URL after `--base-url`), then the file.
    field(&mut hasher, serde_json::to_string(&site.config).unwrap_or_default().as_bytes());
    field(&mut hasher, format!("{:?} {:?} {}", options.drafts, options.mode, options.cache.is_some()).as_bytes());
    // The theme as loaded: built-in files, the theme folder and the site's overrides.
    site.theme.hash_into(&mut hasher);
    let mut dirs = vec![site.root.join("locales"), site.root.join("content").join("_data")];
    dirs.extend(site.config.editions.iter().map(|e| site.root.join("content").join(&e.code).join("_data")));
    let files = std::iter::once(site.root.join("site.yaml")).chain(dirs.into_iter().flat_map(|dir| {
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
    }));
    for file in files {
        field(&mut hasher, file.to_string_lossy().as_bytes());
        match std::fs::read(&file) {
            Ok(bytes) => field(&mut hasher, &bytes),
            Err(_) => field(&mut hasher, b"\0unreadable"),
        }
    }
    for source in &site.sources {
        field(&mut hasher, source.path.to_string_lossy().as_bytes());
        field(&mut hasher, source.key.as_bytes());
        hasher.update(&source.edition.to_le_bytes());
        hasher.update(source.front_hash.as_bytes());
    }
    for file in &site.statics {
        field(&mut hasher, file.path.to_string_lossy().as_bytes());
        hasher.update(&file.edition.to_le_bytes());
    }
    for failed in &site.failed {
        field(&mut hasher, failed.path.to_string_lossy().as_bytes());
    }
    hasher.finalize()
}

fn relative(diagnostics: Vec<Diagnostic>, root: &Path) -> Vec<Diagnostic> {
    diagnostics.into_iter().map(|d| d.relative_to(root)).collect()
}

/// A page a build made (or kept), and whether a later build may reuse it.
struct RenderedPage {
    facts: PageFacts,
    /// False when rendering reported diagnostics: those must be reported again next time.
    reusable: bool,
}

/// What the page jobs do with the previous output.
enum Pass {
    /// A build: a page whose fingerprint (by page index; `None` for a page that is always
    /// rendered) is the one of its previous build, and whose file is still as that build left
    /// it, is kept; the facts only `plein check` reads are dropped, to keep memory flat.
    Build(Vec<Option<blake3::Hash>>),
    /// A check: every page is rendered and keeps its facts (links, ids, text).
    Check,
}

/// Renders every page into `staging`, or keeps it from the previous build (see [`Pass`]).
fn render_pages(site: &Site, renderer: &Renderer, staging: &Staging, pass: &Pass, diagnostics: &Diagnostics) -> Vec<RenderedPage> {
    let empty = |page| PageFacts { page, ids: Vec::new(), links: Vec::new(), blocks: Vec::new(), html_ids: Vec::new() };
    (0..site.pages.len())
        .into_par_iter()
        .filter_map(|i| {
            let page = &site.pages[i];
            let rel = format!("{}index.html", page.path);
            if let Pass::Build(fingerprints) = pass {
                if fingerprints[i].is_some_and(|fingerprint| staging.reuse(&rel, &fingerprint.to_hex())) {
                    renderer.times.count_reused();
                    return Some(RenderedPage { facts: empty(i), reusable: true });
                }
            }
            // A page that reported anything is never reused: a rebuild must say what a clean
            // build says, and only rendering says it.
            let own = Diagnostics::new();
            let rendered = renderer.render_page(site, page, &own);
            let own = own.into_sorted();
            let quiet = own.is_empty();
            diagnostics.extend(own);
            let PageOutput { html, ids, links, blocks } = rendered?;
            renderer.times.count_rendered();
            let keep_facts = matches!(pass, Pass::Check);
            let html_ids = if keep_facts { check::ids_in_html(&html) } else { Vec::new() };
            let writing = Instant::now();
            if let Err(d) = staging.write(&rel, html.as_bytes()) {
                diagnostics.push(d);
            }
            renderer.times.add(JobPart::Write, writing);
            let facts = if keep_facts { PageFacts { page: i, ids, links, blocks, html_ids } } else { empty(i) };
            Some(RenderedPage { facts, reusable: quiet })
        })
        .collect()
}

/// The fingerprint of every page's inputs, by page index.
fn page_fingerprints(site: &Site, global: blake3::Hash) -> Vec<Option<blake3::Hash>> {
    // The files of every edition's version of a key: a translation's stale notice and
    // differences depend on its original's text, a fallback page is its original's text.
    let mut by_key: std::collections::HashMap<&str, Vec<&content::SourcePage>> = std::collections::HashMap::new();
    for source in &site.sources {
        by_key.entry(source.key.as_str()).or_default().push(source);
    }
    site.pages
        .iter()
        .map(|page| page_fingerprint(site, page, global, by_key.get(page.key.as_str()).map_or(&[][..], Vec::as_slice)))
        .collect()
}

/// The fingerprint of one page's inputs; `None` for pages that depend on other pages' bodies
/// (those with a template of their own, like the one-page agreement), which are always rendered.
fn page_fingerprint(site: &Site, page: &Page, global: blake3::Hash, versions: &[&content::SourcePage]) -> Option<blake3::Hash> {
    let source = site.source(page);
    if source.front.template.is_some() {
        return None;
    }
    let mut hasher = blake3::Hasher::new();
    hasher.update(global.as_bytes());
    hasher.update(&(page.path.len() as u64).to_le_bytes());
    hasher.update(page.path.as_bytes());
    hasher.update(&[u8::from(page.fallback)]);
    hasher.update(&page.edition.to_le_bytes());
    hasher.update(&(source.path.as_os_str().len() as u64).to_le_bytes());
    hasher.update(source.path.as_os_str().as_encoded_bytes());
    hasher.update(source.hash.as_bytes());
    for version in versions {
        hasher.update(&version.edition.to_le_bytes());
        hasher.update(version.hash.as_bytes());
    }
    Some(hasher.finalize())
}

/// Claims every output path of the build in one plan (see [`crate::plan`]); conflicts are
/// errors before anything is written.
fn plan_outputs(site: &Site, assets: &[crate::theme::Asset<'_>]) -> (OutputPlan, Vec<Diagnostic>) {
    let mut plan = OutputPlan::default();
    let features = crate::feature::outputs(site);
    for (name, what) in [
        ("sitemap.xml", "sitemap"),
        ("robots.txt", "robots.txt"),
        ("_headers", "_headers file"),
        ("manifest.json", "manifest"),
        (output::MARKER, "output marker"),
    ] {
        plan.claim(name, Owner::plein(what));
    }
    plan.claim_folder("assets", Owner::plein("theme assets (assets/)"));
    for asset in assets {
        plan.claim(&asset.path, Owner::plein("theme assets (assets/)"));
    }
    for e in 0..site.editions.len() {
        let prefix = &site.editions[e].path_prefix;
        plan.claim_folder(&crate::search::bundle_dir(site, e), Owner::plein("search index"));
        plan.claim(&format!("{prefix}404.html"), Owner::plein("404 page"));
        for generated in site.theme.generated(site).into_iter().filter(|g| g.edition == e) {
            plan.claim(&generated.output, Owner::plein("a page of the theme (theme.yaml)"));
        }
        for extra in features.iter().filter(|o| o.edition == e) {
            plan.claim(&extra.path, Owner::plein(extra.what));
        }
    }
    let rel = |p: &Path| p.strip_prefix(&site.root).unwrap_or(p).to_path_buf();
    for page in &site.pages {
        let source = site.source(page);
        let what = if page.fallback { "the fallback page of" } else { "the page" };
        plan.claim(&format!("{}index.html", page.path), Owner::new(what, rel(&source.path), 1, 1));
    }
    for page in site.pages.iter().filter(|p| !p.fallback) {
        let source = site.source(page);
        for (n, alias) in source.front.aliases.iter().enumerate() {
            let (line, column) = crate::content::front_matter_position(&source.path, &["aliases", &n.to_string()]);
            plan.claim(&format!("{}/index.html", alias.trim_matches('/')), Owner::new("the alias", rel(&source.path), line, column));
        }
    }
    for file in &site.statics {
        // A file of a type content may not publish is refused when it is written; planning it
        // would only add a second error about the same file.
        let ext = Path::new(&file.rel).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        if crate::boundary::PUBLISHABLE.iter().any(|(e, _)| *e == ext) {
            plan.claim(&format!("{}{}", site.editions[file.edition].path_prefix, file.rel), Owner::new("the file", rel(&file.path), 0, 0));
        }
    }
    let errors = plan.finish();
    (plan, errors)
}

/// Everything besides pages: 404 pages, redirects, sitemap, robots, the features' files (CSV
/// downloads, feeds), `_headers`,
/// static files of the content.
fn write_extras(site: &Site, renderer: &Renderer, staging: &Staging, diagnostics: &Diagnostics) {
    let write = |rel: &str, bytes: &[u8]| {
        if let Err(d) = staging.write(rel, bytes) {
            diagnostics.push(d);
        }
    };
    for e in 0..site.editions.len() {
        let prefix = &site.editions[e].path_prefix;
        if let Some(html) = renderer.render_special(site, e, "404.html", json!({}), diagnostics) {
            write(&format!("{prefix}404.html"), html.as_bytes());
        }
        // Pages the theme provides when the site has none (its search page).
        for generated in site.theme.generated(site).into_iter().filter(|g| g.edition == e) {
            if let Some(html) = renderer.render_special(site, e, &generated.page.template, generated.context(site), diagnostics) {
                write(&generated.output, html.as_bytes());
            }
        }
    }
    for page in &site.pages {
        let source = site.source(page);
        if page.fallback {
            continue;
        }
        for alias in &source.front.aliases {
            let target = site.permalink(page);
            let html = renderer.render_special(
                site,
                page.edition,
                "redirect.html",
                crate::context::Redirect { target, target_path: site.url(page), title: &source.front.title },
                diagnostics,
            );
            if let Some(html) = html {
                let rel = format!("{}/index.html", alias.trim_matches('/'));
                write(&rel, html.as_bytes());
            }
        }
    }
    for file in &site.statics {
        match std::fs::read(&file.path) {
            Ok(bytes) => match crate::boundary::check_publishable(&file.path, &bytes) {
                Ok(()) => write(&format!("{}{}", site.editions[file.edition].path_prefix, file.rel), &bytes),
                Err(d) => diagnostics.push(d),
            },
            Err(e) => diagnostics.push(Diagnostic::error(&file.path, 0, 0, format!("cannot read: {e}"))),
        }
    }
    // The features' own files (CSV downloads, feeds).
    for extra in crate::feature::outputs(site) {
        write(&extra.path, &extra.bytes);
    }
    write("sitemap.xml", output::sitemap(&sitemap_entries(site)).as_bytes());
    write("robots.txt", output::robots(&site.config.base_url).as_bytes());
    write("_headers", output::headers_file(&site.base_path, output::CSP).as_bytes());
}

fn sitemap_entries(site: &Site) -> Vec<SitemapEntry> {
    site.pages
        .iter()
        .filter(|p| !p.fallback)
        .map(|page| {
            let plain = site.config.editions[page.edition].plain_of.is_some();
            let alternates = if plain {
                vec![(site.config.editions[page.edition].lang.clone(), site.permalink(page))]
            } else {
                let mut alts: Vec<(String, String)> = (0..site.editions.len())
                    .filter(|&e| site.config.editions[e].plain_of.is_none())
                    .filter_map(|e| site.page(e, &page.key).filter(|p| !p.fallback))
                    .map(|p| (site.config.editions[p.edition].lang.clone(), site.permalink(p)))
                    .collect();
                if let Some(default) = site.page(site.default_edition, &page.key).filter(|p| !p.fallback) {
                    alts.push(("x-default".into(), site.permalink(default)));
                }
                alts
            };
            SitemapEntry { loc: site.permalink(page), alternates }
        })
        .collect()
}
