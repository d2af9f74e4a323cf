//! The whole agreement: every page of an edition in reading order on one page, for reading and
//! printing in one go. A page asks for it with `template: agreement.html`; the template gets
//! `agreement`.

use crate::context::is_footer_page;
use crate::diagnostics::Diagnostics;
use crate::feature::{Feature, Named, PageRendering};
use crate::markdown::MarkdownOptions;
use crate::site::{Page, Site, HOME};
use serde::Serialize;
use serde_json::Value;

/// The page template that gets `agreement`.
pub(crate) const TEMPLATE: &str = "agreement.html";

/// The whole agreement, as the engine sees it: a value for [`TEMPLATE`].
pub(crate) struct AgreementFeature;

impl Feature for AgreementFeature {
    fn page_template(&self) -> Option<&'static str> {
        Some(TEMPLATE)
    }

    fn page_value(&self, site: &Site, page: &Page, rendering: &dyn PageRendering, diagnostics: &Diagnostics) -> Option<Named> {
        Some(Named::new("agreement", agreement(site, page.edition, rendering, diagnostics)))
    }
}

/// `agreement` in the context of [`TEMPLATE`].
#[derive(Serialize)]
pub(crate) struct AgreementContext<'a> {
    /// Every page in reading order except the home page, footer pages and pages with a
    /// template of their own.
    parts: Vec<Part<'a>>,
    /// The glossary entries the parts use, each once.
    terms: Vec<Value>,
}

/// One page of the agreement.
#[derive(Serialize)]
struct Part<'a> {
    /// The page's key.
    key: &'a str,
    /// The id of its section on the agreement page; its headings' ids start with it.
    id: String,
    /// The page's title.
    title: &'a str,
    /// The page's own URL.
    url: String,
    /// The page's HTML, headings one level down.
    content: String,
    /// Whether the page is shown from a fallback edition.
    fallback: bool,
    /// The language of the text shown.
    lang: &'a str,
}

/// The whole agreement of an edition: every page in reading order except the home page and
/// pages marked `extra: {footer: true}` or with a template of their own.
fn agreement<'a>(site: &'a Site, edition: usize, rendering: &dyn PageRendering, diagnostics: &Diagnostics) -> AgreementContext<'a> {
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
        match rendering.markdown(site, page, options) {
            Ok(r) => {
                for t in &r.terms {
                    if !terms.contains(t) {
                        terms.push(*t);
                    }
                }
                parts.push(Part {
                    key,
                    id: prefix.trim_end_matches('-').to_string(),
                    title: &source.front.title,
                    url: site.url(page),
                    content: r.html,
                    fallback: page.fallback,
                    lang: &site.config.editions[site.sources[page.source].edition].lang,
                });
            }
            Err(d) => diagnostics.push(d),
        }
    }
    AgreementContext { parts, terms: rendering.glossary_entries(site, edition, &terms) }
}
