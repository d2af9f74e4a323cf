//! Section pages: the `pages` shortcode lists the pages of the section it stands in, by weight.
//!
//! The theme needs `shortcodes/pages.html` (see docs/theme.md, "Features").

use crate::feature::{Feature, Named, ShortcodeCall};
use crate::site::{Page, Site};
use serde_json::Value;

/// The template of the `pages` shortcode gets the section's pages as `pages`.
pub(crate) const SHORTCODE: &str = "pages";

/// Section pages, as the engine sees them: the `pages` shortcode.
pub(crate) struct PagesFeature;

impl Feature for PagesFeature {
    fn shortcodes(&self) -> &'static [&'static str] {
        &[SHORTCODE]
    }

    fn shortcode(&self, call: &ShortcodeCall) -> Result<Vec<Named>, String> {
        Ok(vec![Named { name: "pages", value: Value::Array(section_pages(call.site, call.page)) }])
    }
}

/// Links (key, title, url, description, fallback) to the pages whose parent is `page`, by
/// weight (pages without a weight last; pages of the same weight in the site's order, all of
/// them: a map keyed by weight once kept only one of each weight).
fn section_pages(site: &Site, page: &Page) -> Vec<Value> {
    let mut pages: Vec<&Page> =
        site.pages.iter().filter(|p| p.edition == page.edition && p.parent.as_deref() == Some(page.key.as_str())).collect();
    pages.sort_by_key(|p| site.source(p).front.weight.unwrap_or(i64::MAX));
    pages.into_iter().map(|p| serde_json::to_value(crate::context::LinkContext::of(site, p)).unwrap_or_default()).collect()
}
