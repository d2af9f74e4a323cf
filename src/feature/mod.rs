//! The site's features, one module each: its data files' schema and checks, the values its
//! templates get (typed structs, every field documented), and the files it writes besides pages.
//!
//! The engine (`render`, `build`) names no feature, no shortcode and no theme file of one: it asks
//! [`FEATURES`] through [`Feature`]: which shortcodes a feature gives data to, which page
//! templates it adds a value to, what it adds to a commitment, and which files it writes. A
//! shortcode without data (`contact`) needs no feature, only its template in the theme's
//! `shortcodes/` folder. docs/theme.md ("Features") lists what each feature needs of the theme.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::MarkdownOptions;
use crate::markdown::Rendered;
use crate::site::{Page, Site};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) mod agreement;
pub(crate) mod corrections;
pub(crate) mod finance;
pub(crate) mod glossary;
pub(crate) mod pages;
pub(crate) mod portfolio;
pub mod progress;

/// The positions of a data file's values (see [`crate::yaml::Index`]); empty when it no longer reads.
pub(crate) fn file_index(path: &Path) -> crate::yaml::Index {
    let text = crate::content::read_text(path).unwrap_or_default();
    crate::yaml::Index::new(&text, 1)
}

/// Every feature, in the order their outputs are planned and written.
pub(crate) static FEATURES: &[&dyn Feature] = &[
    &progress::ProgressFeature,
    &finance::FinanceFeature,
    &portfolio::PortfolioFeature,
    &pages::PagesFeature,
    &agreement::AgreementFeature,
];

/// A named value a feature adds to a template's context (`table`, `progress`, …).
pub(crate) struct Named {
    /// The variable's name in the template.
    pub(crate) name: &'static str,
    pub(crate) value: Value,
}

impl Named {
    /// `value` serialised once, into the JSON the engine's contexts are made of today.
    pub(crate) fn new(name: &'static str, value: impl serde::Serialize) -> Named {
        Named { name, value: serde_json::to_value(value).unwrap_or(Value::Null) }
    }
}

/// A shortcode call a feature answers: which shortcode, with which arguments, on which page.
pub(crate) struct ShortcodeCall<'a> {
    pub(crate) site: &'a Site,
    pub(crate) edition: usize,
    pub(crate) page: &'a Page,
    pub(crate) name: &'a str,
    pub(crate) args: &'a BTreeMap<String, String>,
}

/// A partial a feature renders after something of a page (a commitment's status and history).
pub(crate) struct Partial {
    /// The theme template; a theme without it shows nothing there.
    pub(crate) template: &'static str,
    pub(crate) values: Vec<Named>,
}

/// A file a feature writes besides the pages (a CSV download, a feed).
pub(crate) struct Output {
    /// The edition it belongs to (for the output plan's order).
    pub(crate) edition: usize,
    /// Output path, relative to the output folder.
    pub(crate) path: String,
    /// What the file is, for conflicts in the output plan.
    pub(crate) what: &'static str,
    pub(crate) bytes: Vec<u8>,
}

/// What a feature can ask of the renderer while it builds a page template's value.
pub(crate) trait PageRendering {
    /// `page`'s markdown as HTML, with `options`.
    fn markdown(&self, site: &Site, page: &Page, options: MarkdownOptions) -> Result<Rendered, Diagnostic>;
    /// The glossary entries `used` (indexes into the edition's glossary), as pages show them.
    fn glossary_entries(&self, site: &Site, edition: usize, used: &[usize]) -> Vec<Value>;
}

/// One feature, as the engine sees it. Every method has a default: a feature implements what
/// it does.
pub(crate) trait Feature: Sync {
    /// The shortcodes it gives data to (their templates are `shortcodes/NAME.html`).
    fn shortcodes(&self) -> &'static [&'static str] {
        &[]
    }

    /// The values the template of shortcode `call.name` gets besides `args`, `edition` and
    /// `site`; an error is the shortcode's error (a missing or wrong argument).
    fn shortcode(&self, _call: &ShortcodeCall) -> Result<Vec<Named>, String> {
        Ok(Vec::new())
    }

    /// Help for a failed call of one of its shortcodes (a did-you-mean for an argument), if it
    /// knows better than the general help.
    fn shortcode_help(&self, _call: &ShortcodeCall) -> Option<String> {
        None
    }

    /// The page template it adds a value to (the progress overview), if any.
    fn page_template(&self) -> Option<&'static str> {
        None
    }

    /// The value it adds to a page rendered with [`Feature::page_template`].
    fn page_value(&self, _site: &Site, _page: &Page, _rendering: &dyn PageRendering, _diagnostics: &Diagnostics) -> Option<Named> {
        None
    }

    /// Values it adds to every page's `page` object (`page.progress_summary`).
    fn page_fields(&self, _site: &Site, _page: &Page) -> Vec<Named> {
        Vec::new()
    }

    /// The partial shown after commitment `id`, if the feature has one.
    fn commitment(&self, _site: &Site, _edition: usize, _id: &str) -> Option<Partial> {
        None
    }

    /// Checks its data against the site (ids that must name a commitment, dates), once the site
    /// is read.
    fn validate(&self, _site: &Site, _diagnostics: &Diagnostics) {}

    /// The files it writes besides the pages.
    fn outputs(&self, _site: &Site) -> Vec<Output> {
        Vec::new()
    }
}

/// The feature that gives data to shortcode `name`, if any.
pub(crate) fn for_shortcode(name: &str) -> Option<&'static dyn Feature> {
    FEATURES.iter().copied().find(|f| f.shortcodes().contains(&name))
}

/// The values features add to a page rendered with `template`.
pub(crate) fn page_values(
    site: &Site,
    page: &Page,
    template: &str,
    rendering: &dyn PageRendering,
    diagnostics: &Diagnostics,
) -> Vec<Named> {
    FEATURES
        .iter()
        .filter(|f| f.page_template() == Some(template))
        .filter_map(|f| f.page_value(site, page, rendering, diagnostics))
        .collect()
}

/// The values features add to `page`'s `page` object.
pub(crate) fn page_fields(site: &Site, page: &Page) -> Vec<Named> {
    FEATURES.iter().flat_map(|f| f.page_fields(site, page)).collect()
}

/// The partials shown after commitment `id`, in the order of [`FEATURES`].
pub(crate) fn commitment_partials(site: &Site, edition: usize, id: &str) -> Vec<Partial> {
    FEATURES.iter().filter_map(|f| f.commitment(site, edition, id)).collect()
}

/// Every feature's checks of its data against the site.
pub(crate) fn validate(site: &Site, diagnostics: &Diagnostics) {
    for feature in FEATURES {
        feature.validate(site, diagnostics);
    }
}

/// Every file the features write besides pages.
pub(crate) fn outputs(site: &Site) -> Vec<Output> {
    FEATURES.iter().flat_map(|f| f.outputs(site)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shortcode or page template served by two features would get the values of the first
    /// only: each has one owner.
    #[test]
    fn every_shortcode_and_page_template_has_one_feature() {
        let mut shortcodes: Vec<&str> = FEATURES.iter().flat_map(|f| f.shortcodes().iter().copied()).collect();
        let mut templates: Vec<&str> = FEATURES.iter().filter_map(|f| f.page_template()).collect();
        let (all_shortcodes, all_templates) = (shortcodes.len(), templates.len());
        shortcodes.sort_unstable();
        shortcodes.dedup();
        templates.sort_unstable();
        templates.dedup();
        assert_eq!(shortcodes.len(), all_shortcodes, "a shortcode is claimed twice: {shortcodes:?}");
        assert_eq!(templates.len(), all_templates, "a page template is claimed twice: {templates:?}");
        assert_eq!(shortcodes, ["finance", "pages", "portfolio"]);
        assert_eq!(templates, ["agreement.html", "progress.html"]);
        assert!(for_shortcode("contact").is_none(), "a shortcode without data needs no feature");
    }
}
