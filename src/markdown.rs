//! Markdown to HTML: pulldown-cmark plus what plein adds — heading ids and a table of contents,
//! commitment anchors, internal `@/` links, shortcodes, glossary terms at first use, scrollable
//! tables, a nesting guard and sanitising of raw HTML.
//!
//! The module knows nothing of the site: everything it needs from outside comes through [`Hooks`].

use crate::diagnostics::{Diagnostic, LineIndex};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Text the site adds to a page (`site_text:` in front matter; here because rendering marks
/// it, and content only reads it): whole parts of the body, and phrases inside
/// the document's text (an explanation in brackets, say). Kept in front matter so that marking
/// text never changes the text itself.
#[derive(Debug, Clone, serde::Deserialize, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SiteText {
    /// `intro` (the text before the first heading) or `s:<heading-id>` (a section up to the
    /// next heading).
    #[serde(default)]
    pub parts: Vec<String>,
    /// Exact phrases of the body, marked wherever they occur.
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// Containers nested deeper than this are flattened: browsers, minifiers and screen readers do
/// not cope with thousands of levels, and no real text needs more.
pub(crate) const MAX_NESTING: usize = 32;

/// A glossary entry, as the renderer needs it.
#[derive(Debug, Clone)]
pub struct Term {
    /// The spelling looked for in the text.
    pub term: String,
    /// The glossary entry it belongs to: several spellings of one entry share its explanation,
    /// and only the first of them on a page is marked.
    pub entry: usize,
    /// Anchor id of its explanation on the page (`term-wmo`).
    pub anchor: String,
    /// The words an abbreviation stands for, given as `<abbr title>` at its first use.
    pub expansion: Option<String>,
}

/// What the renderer asks of the site.
pub trait Hooks {
    /// Resolves `@/path.md#fragment` to a URL in the reader's edition.
    fn resolve_link(&self, target: &str) -> Result<String, String>;
    /// Renders a shortcode `{{ name(args) }}`.
    fn shortcode(&self, name: &str, args: &BTreeMap<String, String>) -> Result<String, String>;
    /// The help line for a `@/` link that did not resolve (the site's own pages as examples).
    fn link_help(&self, _target: &str) -> String {
        "link to a page by its path in the edition folder, like @/about.md".into()
    }
    /// The file whose failure to load explains why `@/target` did not resolve: the link's error
    /// is then folded into that file's.
    fn link_cause(&self, _target: &str) -> Option<std::path::PathBuf> {
        None
    }
    /// The help line for a shortcode that failed.
    fn shortcode_help(&self, _name: &str, _args: &BTreeMap<String, String>) -> String {
        "see docs/content-format.md for the available shortcodes".into()
    }
    /// HTML added at the end of a commitment's list item (link control, progress); an error
    /// message when the theme's partial fails to render.
    fn commitment_extra(&self, id: &str) -> Result<String, String>;
    /// Glossary terms to mark at their first use.
    fn glossary(&self) -> &[Term];
    /// A matcher over the terms of [`Hooks::glossary`] (pattern `i` is term `i`), built once per
    /// edition by [`glossary_matcher`]: without it every term is searched for separately.
    fn glossary_matcher(&self) -> Option<&aho_corasick::AhoCorasick> {
        None
    }
    /// Accessible name for a scrollable table region without a heading.
    fn table_label(&self) -> String;
    /// Resolves a relative link or image to a file beside the page (`plan.pdf`, `img/map.png`,
    /// relative to the page's file in `content/<edition>/`) to the URL it is published at;
    /// an error when there is no such file. Hooks without files keep the link as written.
    fn resolve_file(&self, target: &str) -> Result<String, String> {
        Ok(target.to_string())
    }
    /// The parts and phrases of the body that are the site's text, not the document's.
    fn site_text(&self) -> Option<&SiteText> {
        None
    }
    /// The visible label of site text: the long one above a marked part, the short one after a
    /// marked phrase.
    fn site_text_label(&self, short: bool) -> String {
        if short {
            "site".into()
        } else {
            "Site text".into()
        }
    }
}

/// Whether `url` names a file beside the page: relative, no scheme, and ending in a file name
/// with an extension other than `.md` (links to pages use `@/…`).
fn is_local_file(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path.is_empty() || path.starts_with('/') || path.contains(':') || path.ends_with('/') {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or("");
    name.rsplit_once('.').is_some_and(|(stem, ext)| !stem.is_empty() && !ext.eq_ignore_ascii_case("md"))
}

/// The alt text that marks an image as decorative: it is then published with `alt=""`, which
/// screen readers skip. Any other image needs a description (WCAG 1.1.1).
pub(crate) const DECORATIVE_ALT: &str = "-";

/// The class that marks site text. Content cannot set it (nor any class starting with
/// [`RESERVED_CLASS_PREFIX`]): readers must be able to trust that only the site marks its text.
pub(crate) const SITE_TEXT_CLASS: &str = "plein-site-text";
/// Classes starting with this are the engine's and refused in content.
pub(crate) const RESERVED_CLASS_PREFIX: &str = "plein-";

/// An entry of a page's table of contents.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct TocEntry {
    /// The heading's level (2 for `##`).
    pub level: u8,
    /// The heading's id, the anchor of its link.
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// A link found in the page, for the link checker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// The resolved URL (site-absolute path for internal links).
    pub url: String,
    /// 1-based line of the link in the page's file.
    pub line: usize,
    /// 1-based column of the link.
    pub column: usize,
}

/// The result of rendering one markdown body.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// The body's headings, for the table of contents.
    pub toc: Vec<TocEntry>,
    /// Every id the body defines (headings, commitments).
    pub ids: Vec<String>,
    /// Every link of the body, for the link checker.
    pub links: Vec<LinkRef>,
    /// Glossary entries ([`Term::entry`]) marked on this page, in order of use.
    pub terms: Vec<usize>,
    /// Text blocks (paragraphs, list items, headings, cells) for readability and search.
    pub blocks: Vec<String>,
    /// Problems found in the body (unknown shortcodes, bad attributes, missing files).
    pub diagnostics: Vec<Diagnostic>,
}

/// Where the body sits in its file, for diagnostics.
pub struct Origin<'a> {
    /// The page's file.
    pub path: &'a Path,
    /// 1-based line of the file on which the body starts.
    pub first_line: usize,
    /// Prefix for heading ids, so several bodies can share one page without clashing.
    pub id_prefix: &'a str,
    /// Levels to add to every heading (1 turns `##` into `<h3>`), when a body is nested.
    pub heading_shift: u8,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
}

/// A shortcode found in a body: name, arguments, line.
type Shortcode = (String, BTreeMap<String, String>, usize);

/// Where trusted HTML (theme partials, shortcodes) goes: a mark in the rendered HTML that is
/// replaced only after ammonia has cleaned the author's HTML, so the theme's markup is never
/// altered. The mark holds a random number drawn for each body, so content cannot write one.
struct Slots {
    mark: String,
    html: Vec<String>,
}

impl Slots {
    fn new() -> Slots {
        use std::hash::{BuildHasher, Hasher};
        let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
        Slots { mark: format!("plein-slot-{random:016x}-"), html: Vec::new() }
    }

    /// The mark of slot `n` (the final `.` keeps slot 1 from being a prefix of slot 10).
    fn mark(&self, n: usize) -> String {
        format!("{}{n}.", self.mark)
    }

    /// Reserves a slot for `html`, returning its mark.
    fn add(&mut self, html: String) -> String {
        self.html.push(html);
        self.mark(self.html.len() - 1)
    }

    /// Puts every slot's HTML in place of its mark (a mark that is a paragraph of its own, as a
    /// shortcode on its own line is, is replaced with its paragraph).
    fn fill(&self, mut html: String) -> String {
        for (n, piece) in self.html.iter().enumerate() {
            let mark = self.mark(n);
            let paragraph = format!("<p>{mark}</p>");
            html = if html.contains(&paragraph) { html.replacen(&paragraph, piece, 1) } else { html.replacen(&mark, piece, 1) };
        }
        html
    }
}

/// Renders a markdown body.
pub fn render(body: &str, origin: &Origin, hooks: &dyn Hooks) -> Rendered {
    let mut out = Rendered::default();
    let index = LineIndex::new(body);
    let position = |offset: usize| {
        let (line, column) = index.position(offset);
        (line + origin.first_line - 1, column)
    };
    let mut slots = Slots::new();
    let (source, shortcodes) = extract_shortcodes(body, origin, &slots.mark, &mut out.diagnostics);
    // Slots 0..n are the shortcodes', whose marks the source already holds.
    slots.html.resize(shortcodes.len(), String::new());
    let mut events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(&source, options()).into_offset_iter().collect();
    let site_text = hooks.site_text();
    let phrases: Vec<&str> =
        site_text.map(|s| s.phrases.iter().map(String::as_str).filter(|p| !p.is_empty()).collect()).unwrap_or_default();
    let site_parts: Vec<&str> = site_text.map(|s| s.parts.iter().map(String::as_str).collect()).unwrap_or_default();
    if !phrases.is_empty() {
        // The parser splits text at quotes and brackets; a phrase is looked for in whole runs.
        events = merge_text_events(events);
    }
    let mut found_phrases: HashSet<&str> = HashSet::new();
    // Site text parts open lazily at their first block, so an empty part shows no label.
    let mut site_pending = site_parts.contains(&"intro");
    let mut site_open = false;
    let open_site = |emitted: &mut Vec<Event>| {
        emitted.push(Event::Html(
            format!("<div class=\"{SITE_TEXT_CLASS}\"><p class=\"plein-site-label\">{}</p>\n", text_html(&hooks.site_text_label(false)))
                .into(),
        ));
    };
    let mut state = State::new(hooks);
    let mut emitted: Vec<Event> = Vec::with_capacity(events.len() + 16);
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        i += 1;
        // Positions are only needed for diagnostics and links; counting characters for every
        // event would cost more than rendering.
        let at = || position(range.start);
        if !site_parts.is_empty() && state.depth == 0 {
            let is_block = matches!(
                event,
                Event::Start(Tag::Paragraph | Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_) | Tag::CodeBlock(_) | Tag::HtmlBlock)
            );
            let is_shortcode = matches!(event, Event::Start(Tag::Paragraph))
                && matches!(events.get(i), Some((Event::Text(t), _)) if t.starts_with(&slots.mark));
            if (is_shortcode || matches!(event, Event::Start(Tag::Heading { .. }))) && site_open {
                emitted.push(Event::Html("</div>\n".into()));
                site_open = false;
            }
            if is_shortcode || matches!(event, Event::Start(Tag::Heading { .. })) {
                site_pending = false;
            } else if is_block && site_pending {
                open_site(&mut emitted);
                site_open = true;
                site_pending = false;
            }
        }
        match event {
            Event::Start(tag) if is_container(tag) => {
                state.depth += 1;
                if state.depth > MAX_NESTING {
                    if !state.warned_depth {
                        state.warned_depth = true;
                        let (line, column) = at();
                        out.diagnostics.push(
                            Diagnostic::warning(
                                origin.path,
                                line,
                                column,
                                format!("lists or quotes are nested more than {MAX_NESTING} levels deep; the deeper levels are flattened"),
                            )
                            .with_help("use fewer levels of nesting"),
                        );
                    }
                    continue;
                }
                if matches!(tag, Tag::Item) {
                    if let Some(id) = commitment_id(&events, i) {
                        state.items.push(Some((id.clone(), range.start)));
                        state.strip_marker = true;
                        out.ids.push(id.clone());
                        emitted.push(Event::Html(format!("<li id=\"{}\" class=\"commitment\">", attr(&id)).into()));
                        continue;
                    }
                    state.items.push(None);
                }
                emitted.push(Event::Start(tag.clone()));
            }
            Event::End(end) if is_container_end(end) => {
                state.depth -= 1;
                if state.depth >= MAX_NESTING {
                    continue;
                }
                if matches!(end, TagEnd::Item) {
                    if let Some(Some((id, start))) = state.items.pop() {
                        match hooks.commitment_extra(&id) {
                            Ok(html) => emitted.push(Event::Html(slots.add(html).into())),
                            Err(message) => {
                                let (line, column) = position(start);
                                out.diagnostics.push(
                                    Diagnostic::error(
                                        origin.path,
                                        line,
                                        column,
                                        format!("the theme's commitment partial failed for `{id}`: {message}"),
                                    )
                                    .with_help("fix partials/commitment.html in the theme"),
                                );
                            }
                        }
                    }
                }
                if matches!(end, TagEnd::Item | TagEnd::BlockQuote(_)) {
                    state.flush_block(&mut out.blocks);
                }
                emitted.push(Event::End(*end));
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                if let Some(class) = classes.iter().find(|c| c.starts_with(RESERVED_CLASS_PREFIX)) {
                    let (line, column) = at();
                    out.diagnostics.push(
                        Diagnostic::error(origin.path, line, column, format!("the class `{class}` is reserved for plein"))
                            .with_help("mark the site's own text with `site_text:` in the front matter (see docs/content-format.md)"),
                    );
                }
                // Attributes other than `id` and `class` would let content add event handlers
                // (`{onfocus=…}`) or styles; classes are plain names.
                let (line, column) = at();
                for (name, _) in attrs {
                    out.diagnostics.push(
                        Diagnostic::error(origin.path, line, column, format!("heading attribute `{name}` is not allowed"))
                            .with_help("headings may only have an id and classes: `## Title {#id .class}`; remove the attribute"),
                    );
                }
                for class in classes {
                    if !class.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                        out.diagnostics.push(
                            Diagnostic::error(
                                origin.path,
                                line,
                                column,
                                format!("heading class `{}` is not a plain class name", class.escape_debug()),
                            )
                            .with_help("a class is made of letters, digits, `-` and `_`"),
                        );
                    }
                }
                let classes: Vec<CowStr> =
                    classes.iter().filter(|c| c.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')).cloned().collect();
                let attrs: Vec<(CowStr, Option<CowStr>)> = Vec::new();
                let text = heading_text(&events, i);
                let base = match id {
                    Some(id) => id.to_string(),
                    None => slug::slugify(&text),
                };
                let id = state.unique_id(&format!("{}{base}", origin.id_prefix));
                let level = shift_heading(*level, origin.heading_shift);
                state.used_ids.insert(id.clone());
                out.ids.push(id.clone());
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    out.toc.push(TocEntry { level: level as u8, id: id.clone(), title: text.clone() });
                }
                state.last_heading = Some(text);
                state.in_heading = true;
                if site_parts.iter().any(|p| p.strip_prefix("s:") == Some(base.as_str())) {
                    site_pending = true;
                }
                emitted.push(Event::Start(Tag::Heading { level, id: Some(id.into()), classes, attrs }));
            }
            Event::End(TagEnd::Heading(level)) => {
                state.in_heading = false;
                state.flush_block(&mut out.blocks);
                emitted.push(Event::End(TagEnd::Heading(shift_heading(*level, origin.heading_shift))));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let (line, column) = at();
                let url = match check_url(dest_url, hooks).and_then(|url| local_file(url, hooks)) {
                    Ok(url) => url,
                    Err(message) => {
                        let d = Diagnostic::error(origin.path, line, column, message.0).with_help(message.1);
                        out.diagnostics.push(follow_link(d, dest_url, hooks));
                        "#".to_string()
                    }
                };
                out.links.push(LinkRef { url: url.clone(), line, column });
                state.in_link += 1;
                emitted.push(Event::Start(Tag::Link { link_type: *link_type, dest_url: url.into(), title: title.clone(), id: id.clone() }));
            }
            Event::End(TagEnd::Link) => {
                state.in_link = state.in_link.saturating_sub(1);
                emitted.push(event.clone());
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let url = match check_url(dest_url, hooks).and_then(|url| local_file(url, hooks)) {
                    Ok(url) => url,
                    Err(message) => {
                        let (line, column) = at();
                        let d = Diagnostic::error(origin.path, line, column, message.0).with_help(message.1);
                        out.diagnostics.push(follow_link(d, dest_url, hooks));
                        String::new()
                    }
                };
                let alt = image_alt(&events, i);
                if alt.trim().is_empty() {
                    let (line, column) = at();
                    out.diagnostics.push(
                        Diagnostic::error(origin.path, line, column, "this image has no text alternative")
                            .with_help(format!(
                                "describe what the image shows between the brackets: ![A map of the districts]({dest_url}); for an image that only decorates, write ![{DECORATIVE_ALT}]({dest_url})"
                            )),
                    );
                }
                state.decorative_image = alt.trim() == DECORATIVE_ALT;
                emitted.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: url.into(),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Table(alignments)) => {
                let label = state.last_heading.clone().unwrap_or_else(|| hooks.table_label());
                emitted.push(Event::Html(
                    format!("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">", attr(&label)).into(),
                ));
                emitted.push(Event::Start(Tag::Table(alignments.clone())));
            }
            Event::End(TagEnd::Table) => {
                emitted.push(Event::End(TagEnd::Table));
                emitted.push(Event::Html("</div>".into()));
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::TableCell) => {
                state.flush_block(&mut out.blocks);
                emitted.push(event.clone());
            }
            Event::Start(Tag::CodeBlock(_)) => {
                state.in_code = true;
                emitted.push(event.clone());
            }
            Event::End(TagEnd::CodeBlock) => {
                state.in_code = false;
                emitted.push(event.clone());
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.contains(RESERVED_CLASS_PREFIX) && html.to_ascii_lowercase().contains("class") {
                    let (line, column) = at();
                    out.diagnostics.push(
                        Diagnostic::error(
                            origin.path,
                            line,
                            column,
                            format!("classes starting with `{RESERVED_CLASS_PREFIX}` are reserved for plein"),
                        )
                        .with_help("mark the site's own text with `site_text:` in the front matter (see docs/content-format.md)"),
                    );
                }
                state.raw_html = true;
                emitted.push(event.clone());
            }
            Event::Text(_) if state.decorative_image => {}
            Event::End(TagEnd::Image) => {
                state.decorative_image = false;
                emitted.push(event.clone());
            }
            Event::Text(text) if text.starts_with(&slots.mark) => emitted.push(Event::Html(text.clone())),
            Event::Text(text) => {
                let mut text: &str = text;
                if state.strip_marker {
                    state.strip_marker = false;
                    if let Some(end) = text.find('}') {
                        text = text[end + 1..].trim_start();
                    }
                }
                state.block.push_str(text);
                if state.in_heading || state.in_link > 0 || state.in_code {
                    emitted.push(Event::Text(text.to_string().into()));
                } else if phrases.is_empty() {
                    state.mark_terms(text, &mut emitted, &mut out.terms);
                } else {
                    let mut rest = text;
                    while let Some((pos, phrase)) =
                        phrases.iter().filter_map(|p| rest.find(p).map(|i| (i, *p))).min_by_key(|(i, p)| (*i, std::cmp::Reverse(p.len())))
                    {
                        state.mark_terms(&rest[..pos], &mut emitted, &mut out.terms);
                        emitted.push(Event::InlineHtml(
                            format!(
                                "<span class=\"{SITE_TEXT_CLASS}\">{}<small class=\"plein-site-label\">{}</small></span>",
                                text_html(phrase),
                                text_html(&hooks.site_text_label(true))
                            )
                            .into(),
                        ));
                        found_phrases.insert(phrase);
                        rest = &rest[pos + phrase.len()..];
                    }
                    state.mark_terms(rest, &mut emitted, &mut out.terms);
                }
            }
            Event::Code(code) => {
                state.block.push_str(code);
                emitted.push(event.clone());
            }
            Event::SoftBreak | Event::HardBreak => {
                state.block.push(' ');
                emitted.push(event.clone());
            }
            _ => emitted.push(event.clone()),
        }
    }
    state.flush_block(&mut out.blocks);
    if site_open {
        emitted.push(Event::Html("</div>\n".into()));
    }
    for phrase in phrases.iter().filter(|p| !found_phrases.contains(*p)) {
        out.diagnostics.push(
            Diagnostic::warning(origin.path, origin.first_line, 1, format!("site text `{phrase}` was not found in the rendered text"))
                .with_help("a phrase is matched in the text as readers see it: inside one paragraph, without markdown marks or quotes"),
        );
    }
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, emitted.into_iter());
    if state.raw_html {
        html = sanitize(&html);
    }
    render_shortcodes(&mut slots, &shortcodes, origin, hooks, &mut out.diagnostics);
    out.html = slots.fill(html);
    out
}

/// A heading found by [`scan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeadingRef {
    /// The id the rendered HTML gives it (`een`, then `een-1` for a second `## Een`).
    pub(crate) id: String,
    /// Byte offset of the heading in the body.
    pub(crate) offset: usize,
}

/// A commitment marker found by [`scan`]: a list item whose text starts with `{#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MarkerRef {
    /// What stands between `{#` and `}` (not checked), `None` when the `}` is missing.
    pub(crate) id: Option<String>,
    /// The rest of the marker's line, trimmed.
    pub(crate) text: String,
    /// Byte offset of the `{#`.
    pub(crate) offset: usize,
}

/// A part of a body for `source_hash`: `intro` (before the first heading) or `s:<id>` (a
/// heading and what follows it up to the next heading), with its source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub(crate) part: String,
    pub(crate) text: String,
}

/// What one reading of a body with pulldown-cmark finds: headings with the ids the HTML gets,
/// commitment markers, and the sections `source_hash` is made of. Code blocks, indented or
/// fenced, hold none of them, as in the rendered page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scan {
    pub(crate) headings: Vec<HeadingRef>,
    pub(crate) markers: Vec<MarkerRef>,
    pub(crate) sections: Vec<Section>,
}

/// Reads `body` once (see [`Scan`]).
pub(crate) fn scan(body: &str) -> Scan {
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(body, options()).into_offset_iter().collect();
    let mut out = Scan::default();
    let mut used: HashSet<String> = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        i += 1;
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                let base = match id {
                    Some(id) => id.to_string(),
                    None => slug::slugify(heading_text(&events, i)),
                };
                let base = if base.is_empty() { "section".to_string() } else { base };
                let id = if used.contains(&base) {
                    (1..).map(|n| format!("{base}-{n}")).find(|id| !used.contains(id)).unwrap_or_default()
                } else {
                    base
                };
                used.insert(id.clone());
                out.headings.push(HeadingRef { id, offset: range.start });
            }
            Event::Start(Tag::Item) => {
                let mut j = i;
                while let Some((Event::Start(Tag::Paragraph), _)) = events.get(j) {
                    j += 1;
                }
                let Some((Event::Text(_), text_range)) = events.get(j) else { continue };
                let rest = &body[text_range.start..];
                let Some(after) = rest.strip_prefix("{#") else { continue };
                let line = after.split('\n').next().unwrap_or("");
                let (id, text) = match line.find('}') {
                    Some(end) => (Some(line[..end].to_string()), line[end + 1..].trim().to_string()),
                    None => (None, String::new()),
                };
                out.markers.push(MarkerRef { id, text, offset: text_range.start });
            }
            _ => {}
        }
    }
    let starts: Vec<usize> = out.headings.iter().map(|h| h.offset).collect();
    let first = starts.first().copied().unwrap_or(body.len());
    out.sections.push(Section { part: "intro".into(), text: body[..first].to_string() });
    for (n, heading) in out.headings.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(body.len());
        out.sections.push(Section { part: format!("s:{}", heading.id), text: body[heading.offset..end].to_string() });
    }
    out
}

/// Joins runs of text events into one (with the range of the whole run).
fn merge_text_events(events: Vec<(Event<'_>, std::ops::Range<usize>)>) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
    let mut out: Vec<(Event, std::ops::Range<usize>)> = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(previous), previous_range))) = (&event, out.last_mut()) {
            let mut joined = previous.to_string();
            joined.push_str(next);
            *previous = CowStr::from(joined);
            previous_range.end = range.end;
            continue;
        }
        out.push((event, range));
    }
    out
}

struct State<'h> {
    hooks: &'h dyn Hooks,
    /// Inside an image marked decorative: its alt text is left out.
    decorative_image: bool,
    depth: usize,
    warned_depth: bool,
    /// Open list items: the commitment id and where the item starts, for commitments.
    items: Vec<Option<(String, usize)>>,
    strip_marker: bool,
    in_heading: bool,
    in_link: usize,
    in_code: bool,
    raw_html: bool,
    used_ids: HashSet<String>,
    used_terms: HashSet<usize>,
    last_heading: Option<String>,
    block: String,
}

impl<'h> State<'h> {
    fn new(hooks: &'h dyn Hooks) -> Self {
        State {
            hooks,
            decorative_image: false,
            depth: 0,
            warned_depth: false,
            items: Vec::new(),
            strip_marker: false,
            in_heading: false,
            in_link: 0,
            in_code: false,
            raw_html: false,
            used_ids: HashSet::new(),
            used_terms: HashSet::new(),
            last_heading: None,
            block: String::new(),
        }
    }

    fn unique_id(&self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        if !self.used_ids.contains(base) {
            return base.to_string();
        }
        (1..).map(|n| format!("{base}-{n}")).find(|id| !self.used_ids.contains(id)).unwrap_or_default()
    }

    fn flush_block(&mut self, blocks: &mut Vec<String>) {
        let text = self.block.trim();
        if !text.is_empty() {
            blocks.push(text.to_string());
        }
        self.block.clear();
    }

    /// Emits `text`, wrapping the first use of each glossary term on the page.
    fn mark_terms<'e>(&mut self, text: &str, emitted: &mut Vec<Event<'e>>, used: &mut Vec<usize>) {
        let terms = self.hooks.glossary();
        if terms.is_empty() || self.used_terms.len() == terms.last().map_or(0, |t| t.entry + 1) {
            emitted.push(Event::Text(CowStr::from(text.to_string())));
            return;
        }
        let matcher = self.hooks.glossary_matcher();
        let mut rest = text;
        loop {
            // The earliest unused term, the longest where several start at the same place.
            let next = match matcher {
                Some(matcher) => matcher
                    .find_overlapping_iter(rest)
                    .map(|m| (m.start(), m.pattern().as_usize()))
                    .filter(|(pos, i)| !self.used_terms.contains(&terms[*i].entry) && is_whole_word(rest, *pos, terms[*i].term.len()))
                    .min_by_key(|(pos, i)| (*pos, std::cmp::Reverse(terms[*i].term.len()))),
                None => terms
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| !self.used_terms.contains(&t.entry))
                    .filter_map(|(i, t)| find_word(rest, &t.term).map(|pos| (pos, i)))
                    .min_by_key(|(pos, i)| (*pos, std::cmp::Reverse(terms[*i].term.len()))),
            };
            let Some((pos, i)) = next else { break };
            let term = &terms[i];
            if pos > 0 {
                emitted.push(Event::Text(CowStr::from(rest[..pos].to_string())));
            }
            let word = &rest[pos..pos + term.term.len()];
            let inner = match &term.expansion {
                Some(expansion) => format!("<abbr title=\"{}\">{}</abbr>", attr(expansion), text_html(word)),
                None => text_html(word),
            };
            emitted.push(Event::InlineHtml(format!("<a class=\"term\" href=\"#{}\">{inner}</a>", attr(&term.anchor)).into()));
            self.used_terms.insert(term.entry);
            used.push(term.entry);
            rest = &rest[pos + term.term.len()..];
        }
        if !rest.is_empty() {
            emitted.push(Event::Text(CowStr::from(rest.to_string())));
        }
    }
}

/// A matcher for glossary terms, for [`Hooks::glossary_matcher`].
pub(crate) fn glossary_matcher(terms: &[Term]) -> Option<aho_corasick::AhoCorasick> {
    aho_corasick::AhoCorasick::new(terms.iter().map(|t| t.term.as_str())).ok()
}

/// Whether `text[start..start + len]` is a whole word (no letter or digit on either side).
fn is_whole_word(text: &str, start: usize, len: usize) -> bool {
    let end = start + len;
    let before_ok = text.get(..start).and_then(|t| t.chars().next_back()).is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text.get(end..).and_then(|t| t.chars().next()).is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Finds `word` in `text` as a whole word.
fn find_word(text: &str, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let start = from + found;
        let end = start + word.len();
        let before_ok = text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(start);
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

fn shift_heading(level: HeadingLevel, shift: u8) -> HeadingLevel {
    let n = (level as u8 + shift).min(6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

fn is_container(tag: &Tag) -> bool {
    matches!(tag, Tag::List(_) | Tag::Item | Tag::BlockQuote(_))
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(tag, TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_))
}

/// If the item starting before `events[i]` begins with `{#id}`, returns the id.
fn commitment_id(events: &[(Event, std::ops::Range<usize>)], i: usize) -> Option<String> {
    let mut j = i;
    while let Some((Event::Start(Tag::Paragraph), _)) = events.get(j) {
        j += 1;
    }
    let Some((Event::Text(text), _)) = events.get(j) else { return None };
    let rest = text.strip_prefix("{#")?;
    let end = rest.find('}')?;
    let id = &rest[..end];
    crate::config::is_safe_name(id).then(|| id.to_string())
}

/// The plain text of the heading starting at `events[i]`.
fn heading_text(events: &[(Event, std::ops::Range<usize>)], i: usize) -> String {
    let mut text = String::new();
    let mut j = i;
    while let Some((event, _)) = events.get(j) {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
        j += 1;
    }
    text.trim().to_string()
}

/// Checks a link target: internal `@/` links are resolved, others must use a safe scheme.
/// The URL of a file beside the page, or the URL unchanged when it is not one.
fn local_file(url: String, hooks: &dyn Hooks) -> Result<String, (String, String)> {
    if !is_local_file(&url) {
        return Ok(url);
    }
    hooks.resolve_file(&url).map_err(|e| {
        (e, "put the file next to the page's .md file (or in a folder beside it), or correct its name; see docs/content-format.md".into())
    })
}

/// The text of the image that starts before `events[i]`: its alt text.
fn image_alt(events: &[(Event, std::ops::Range<usize>)], i: usize) -> String {
    let mut alt = String::new();
    for (event, _) in &events[i..] {
        match event {
            Event::End(TagEnd::Image) => break,
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            _ => {}
        }
    }
    alt
}

fn check_url(url: &str, hooks: &dyn Hooks) -> Result<String, (String, String)> {
    if let Some(target) = url.strip_prefix("@/") {
        return hooks.resolve_link(target).map_err(|e| (e, hooks.link_help(target)));
    }
    let trimmed: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    if let Some(colon) = trimmed.find(':') {
        let before = &trimmed[..colon];
        let is_scheme = !before.contains(['/', '?', '#']);
        if is_scheme && !["http", "https", "mailto", "tel"].contains(&before.to_ascii_lowercase().as_str()) {
            return Err((format!("unsafe link `{url}`"), "only http, https, mailto and tel links are allowed".into()));
        }
    }
    Ok(url.to_string())
}

/// Marks a link's error as a consequence of the page it points at failing to load.
fn follow_link(diagnostic: Diagnostic, url: &str, hooks: &dyn Hooks) -> Diagnostic {
    match url.strip_prefix("@/").and_then(|target| hooks.link_cause(target)) {
        Some(cause) => diagnostic.following(cause, crate::diagnostics::Consequence::Link),
        None => diagnostic,
    }
}

/// Escapes text for an HTML attribute value in double quotes.
pub fn attr(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).to_string()
}

/// Escapes text for HTML text content.
pub(crate) fn text_html(text: &str) -> String {
    html_escape::encode_text(text).to_string()
}

/// Cleans HTML that contains raw HTML from the author: an allow-list for public information,
/// no scripts, no event handlers, no `javascript:` URLs, no inline styles.
fn sanitize(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "lang", "dir", "role", "aria-label", "tabindex", "title"])
        .add_tags(["abbr", "dfn", "details", "summary", "figure", "figcaption", "section", "aside", "mark", "small", "sup", "sub", "input"])
        .add_tag_attributes("td", ["scope", "colspan", "rowspan"])
        .add_tag_attributes("th", ["scope", "colspan", "rowspan"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(None);
    builder.clean(html).to_string()
}

/// Replaces shortcode lines by placeholder paragraphs (`mark` and the shortcode's number),
/// keeping the line structure. Lines inside code blocks, fenced or indented, are code: where
/// they are comes from the markdown parser, not from a second reading of fences.
fn extract_shortcodes(body: &str, origin: &Origin, mark: &str, diagnostics: &mut Vec<Diagnostic>) -> (String, Vec<Shortcode>) {
    if !body.contains("{{") {
        return (body.to_string(), Vec::new());
    }
    let code: Vec<std::ops::Range<usize>> = Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(event, range)| matches!(event, Event::Start(Tag::CodeBlock(_))).then_some(range))
        .collect();
    let mut out = String::with_capacity(body.len());
    let mut codes = Vec::new();
    let mut offset = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        let in_code = code.iter().any(|r| r.start < start + line.len() && start < r.end);
        if !in_code && trimmed.starts_with("{{") && trimmed.ends_with("}}") {
            let line_no = origin.first_line + i;
            match parse_shortcode(&trimmed[2..trimmed.len() - 2]) {
                Ok((name, args)) => {
                    out.push_str(&format!("{mark}{}.\n", codes.len()));
                    codes.push((name, args, line_no));
                    continue;
                }
                Err(message) => diagnostics.push(
                    Diagnostic::error(
                        origin.path,
                        line_no,
                        line.len() - line.trim_start().len() + 1,
                        format!("invalid shortcode: {message}"),
                    )
                    .with_help("write a shortcode as {{ name(arg=\"value\") }} on its own line"),
                ),
            }
        }
        out.push_str(line);
    }
    (out, codes)
}

/// Parses `name(a="x", b="y")`.
fn parse_shortcode(inner: &str) -> Result<(String, BTreeMap<String, String>), String> {
    let inner = inner.trim();
    let open = inner.find('(').ok_or("missing `(`")?;
    let name = inner[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("`{name}` is not a shortcode name"));
    }
    let args_text = inner[open + 1..].strip_suffix(')').ok_or("missing `)`")?;
    let mut args = BTreeMap::new();
    let mut rest = args_text.trim();
    while !rest.is_empty() {
        let eq = rest.find('=').ok_or("an argument lacks `=`")?;
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let quoted = after.strip_prefix('"').ok_or("argument values must be in double quotes")?;
        let close = quoted.find('"').ok_or("an argument value is not closed")?;
        args.insert(key, quoted[..close].to_string());
        rest = quoted[close + 1..].trim_start().trim_start_matches(',').trim_start();
    }
    Ok((name.to_string(), args))
}

/// Renders the shortcodes into their slots (slot `n` is shortcode `n`, reserved before any
/// commitment took one).
fn render_shortcodes(slots: &mut Slots, codes: &[Shortcode], origin: &Origin, hooks: &dyn Hooks, diagnostics: &mut Vec<Diagnostic>) {
    for (n, (name, args, line)) in codes.iter().enumerate() {
        slots.html[n] = match hooks.shortcode(name, args) {
            Ok(rendered) => rendered,
            Err(message) => {
                diagnostics.push(Diagnostic::error(origin.path, *line, 1, message).with_help(hooks.shortcode_help(name, args)));
                String::new()
            }
        };
    }
}

/// Options for rendering a page's markdown: the prefix of its heading ids, how many levels its
/// headings move down (inside the whole agreement) and whether glossary terms are marked.
#[derive(Clone, Copy)]
pub(crate) struct MarkdownOptions<'a> {
    pub(crate) id_prefix: &'a str,
    pub(crate) heading_shift: u8,
    pub(crate) glossary: bool,
}

impl Default for MarkdownOptions<'_> {
    fn default() -> Self {
        MarkdownOptions { id_prefix: "", heading_shift: 0, glossary: true }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TestHooks(Vec<Term>, Option<aho_corasick::AhoCorasick>);
    impl Hooks for TestHooks {
        fn resolve_link(&self, target: &str) -> Result<String, String> {
            match target.split_once('#') {
                Some(("a.md", frag)) => Ok(format!("/a/#{frag}")),
                None if target == "a.md" => Ok("/a/".into()),
                _ => Err(format!("no page `{target}`")),
            }
        }
        fn shortcode(&self, name: &str, args: &BTreeMap<String, String>) -> Result<String, String> {
            if name == "box" {
                Ok(format!("<div class=\"box\">{}</div>", args.get("x").cloned().unwrap_or_default()))
            } else {
                Err(format!("unknown shortcode `{name}`"))
            }
        }
        fn commitment_extra(&self, id: &str) -> Result<String, String> {
            if id == "fails" {
                return Err("the partial failed".into());
            }
            if id == "timed" {
                return Ok("<time datetime=\"2026-06-30\">30 June</time>".into());
            }
            Ok(format!("<a href=\"#{id}\">link</a>"))
        }
        fn glossary(&self) -> &[Term] {
            &self.0
        }
        fn glossary_matcher(&self) -> Option<&aho_corasick::AhoCorasick> {
            self.1.as_ref()
        }
        fn table_label(&self) -> String {
            "Table".into()
        }
    }

    fn terms() -> Vec<Term> {
        vec![
            Term { term: "Wmo".into(), entry: 0, anchor: "term-wmo".into(), expansion: Some("Wet maatschappelijke ondersteuning".into()) },
            Term { term: "Wmo-budget".into(), entry: 1, anchor: "term-wmo-budget".into(), expansion: None },
            Term { term: "boa".into(), entry: 2, anchor: "term-boa".into(), expansion: None },
        ]
    }

    fn hooks() -> TestHooks {
        TestHooks(terms(), None)
    }

    /// The matcher finds the same first uses as the term-by-term search.
    #[test]
    fn glossary_matcher_agrees_with_plain_search() {
        let texts = ["De Wmo en de Wmo.", "Het Wmo-budget en de Wmo; boa's en de boa.", "Geen boas, wel boa", "éénWmo Wmo", "Wmo-budget"];
        for text in texts {
            let plain = render(text, &Origin { path: Path::new("t.md"), first_line: 1, id_prefix: "", heading_shift: 0 }, &hooks());
            let fast_hooks = TestHooks(terms(), glossary_matcher(&terms()));
            let fast = render(text, &Origin { path: Path::new("t.md"), first_line: 1, id_prefix: "", heading_shift: 0 }, &fast_hooks);
            assert_eq!(plain.html, fast.html, "{text}");
            assert_eq!(plain.terms, fast.terms, "{text}");
        }
        let fast = render(
            "Het Wmo-budget en de Wmo.",
            &Origin { path: Path::new("t.md"), first_line: 1, id_prefix: "", heading_shift: 0 },
            &TestHooks(terms(), glossary_matcher(&terms())),
        );
        assert_eq!(fast.terms, vec![1, 0], "the longest term at a position wins, then the next use of the shorter one");
    }

    fn md(text: &str) -> Rendered {
        render(text, &Origin { path: Path::new("t.md"), first_line: 5, id_prefix: "", heading_shift: 0 }, &hooks())
    }

    #[test]
    fn commitments_get_ids() {
        let r = md("## Doen\n\n- {#w-1} eerste;\n- {#w-2} tweede.\n");
        assert_eq!(
            r.html,
            "<h2 id=\"doen\">Doen</h2>\n<ul>\n<li id=\"w-1\" class=\"commitment\">eerste;<a href=\"#w-1\">link</a></li>\n<li id=\"w-2\" class=\"commitment\">tweede.<a href=\"#w-2\">link</a></li>\n</ul>\n"
        );
        assert_eq!(r.ids, vec!["doen", "w-1", "w-2"]);
    }

    #[test]
    fn headings_unique_ids_and_toc() {
        let r = md("## Een\n\n## Een\n\n### Twee {#custom}\n");
        assert_eq!(r.ids, vec!["een", "een-1", "custom"]);
        assert_eq!(r.toc.len(), 3);
    }

    #[test]
    fn glossary_first_use_only() {
        let r = md("De Wmo en de Wmo.\n\n## Wmo\n");
        assert_eq!(r.html.matches("class=\"term\"").count(), 1);
        assert!(r.html.contains("<a class=\"term\" href=\"#term-wmo\"><abbr title=\"Wet maatschappelijke ondersteuning\">Wmo</abbr></a>"));
        assert_eq!(r.terms, vec![0]);
        let r = md("De Wmoregels.\n");
        assert!(r.terms.is_empty(), "part of a compound word is not the term");
    }

    #[test]
    fn internal_links_and_positions() {
        let r = md("Zie [a](@/a.md#x) en [b](@/b.md).\n");
        assert!(r.html.contains("href=\"/a/#x\""));
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!((r.diagnostics[0].line, r.diagnostics[0].column), (5, 22));
    }

    #[test]
    fn unsafe_links_are_errors() {
        let r = md("[x](javascript:alert(1)) [y]( JaVaScRiPt:alert(1))\n");
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert_eq!(r.diagnostics.len(), 2);
    }

    #[test]
    fn raw_html_is_sanitised() {
        let r = md("<script>alert(1)</script>\n\n<p onclick=\"x()\">hi</p>\n\n<a href=\"javascript:x\">a</a>\n");
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("onclick"));
        assert!(!r.html.contains("javascript"));
    }

    #[test]
    fn shortcodes_render_in_place() {
        let r = md("Voor\n\n{{ box(x=\"1\") }}\n\nNa\n\n{{ nope() }}\n");
        assert!(r.html.contains("<div class=\"box\">1</div>"));
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].line, 11);
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let text = format!("{}deep\n", "> ".repeat(10_000));
        let r = md(&text);
        assert_eq!(r.html.matches("<blockquote>").count(), MAX_NESTING);
        assert_eq!(r.diagnostics.len(), 1);
    }

    #[test]
    fn tables_scroll_in_a_labelled_region() {
        let r = md("## Cijfers\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(r.html.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Cijfers\"><table>"));
    }

    #[test]
    fn theme_markup_is_inserted_after_sanitising() {
        let r = md("<span>raw</span>\n\n- {#timed} a commitment\n\n{{ box(x=\"<b onclick=x>\") }}\n");
        assert!(r.html.contains("<time datetime=\"2026-06-30\">30 June</time>"), "{}", r.html);
        assert!(r.html.contains("<div class=\"box\"><b onclick=x></div>"), "shortcode output is the theme's, not cleaned: {}", r.html);
        assert!(!r.html.contains("plein-slot-"), "{}", r.html);
    }

    #[test]
    fn content_cannot_write_a_slot_mark() {
        let r = md("- {#w-1} one\n\nplein-slot-0000000000000000-0.\n\n{{ box(x=\"1\") }}\n");
        assert!(r.html.contains("<p>plein-slot-0000000000000000-0.</p>"), "{}", r.html);
        assert_eq!(r.html.matches("<div class=\"box\">1</div>").count(), 1);
    }

    #[test]
    fn shortcodes_only_outside_code() {
        let r = md("Text\n\n    {{ box(x=\"indented\") }}\n\n```\n{{ box(x=\"fenced\") }}\n```\n\n~~~~\n```\n{{ box(x=\"tilde\") }}\n~~~~\n\n{{ box(x=\"real\") }}\n");
        assert!(r.html.contains("<div class=\"box\">real</div>"), "{}", r.html);
        for kept in ["indented", "fenced", "tilde"] {
            assert!(r.html.contains(&format!("{{{{ box(x=\"{kept}\") }}}}\n</code>")), "{kept}: {}", r.html);
        }
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    }

    #[test]
    fn a_failing_commitment_partial_is_an_error_at_the_item() {
        let r = md("Intro\n\n- {#fails} a commitment\n");
        assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
        let d = &r.diagnostics[0];
        assert!(d.is_error() && d.message.contains("`fails`") && d.message.contains("the partial failed"), "{d}");
        assert_eq!((d.line, d.column), (7, 1));
    }

    #[test]
    fn the_scan_gives_the_ids_the_html_gets() {
        let body = "Intro\n\n## Een\n\ntext\n\n## Een\n\n```\n## not a heading\n- {#no} code\n```\n\n    ## indented code\n\n### Twee {#custom}\n\n- {#w-1} first\n- plain\n  - {#w-2} nested\n";
        let scan = scan(body);
        let rendered = md(body);
        let ids: Vec<&str> = scan.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, vec!["een", "een-1", "custom"]);
        let heading_ids: Vec<&str> = rendered.ids.iter().map(String::as_str).filter(|id| !id.starts_with("w-")).collect();
        assert_eq!(ids, heading_ids, "the scan and the HTML agree");
        let parts: Vec<&str> = scan.sections.iter().map(|s| s.part.as_str()).collect();
        assert_eq!(parts, vec!["intro", "s:een", "s:een-1", "s:custom"]);
        let markers: Vec<Option<&str>> = scan.markers.iter().map(|m| m.id.as_deref()).collect();
        assert_eq!(markers, vec![Some("w-1"), Some("w-2")]);
        assert_eq!(scan.markers[0].text, "first");
    }
}
