//! Portfolio: the division of tasks among the mayor and aldermen (`content/_data/portfolio.yaml`,
//! titles and topics per edition in `content/<edition>/_data/portfolio.yaml`) and the
//! `portfolio` shortcode's `portfolio` value.
//!
//! The theme needs `shortcodes/portfolio.html` (see docs/theme.md, "Features").

pub(crate) mod schema;
pub(crate) use schema::*;

use crate::feature::{Feature, Named, ShortcodeCall};
use crate::site::Site;
use serde::Serialize;

/// The template of the `portfolio` shortcode gets the members as `portfolio`.
pub(crate) const SHORTCODE: &str = "portfolio";

/// Portfolio, as the engine sees it: the `portfolio` shortcode.
pub(crate) struct PortfolioFeature;

impl Feature for PortfolioFeature {
    fn shortcodes(&self) -> &'static [&'static str] {
        &[SHORTCODE]
    }

    fn shortcode(&self, call: &ShortcodeCall) -> Result<Vec<Named>, String> {
        Ok(vec![Named::new("portfolio", members(call.site, call.edition))])
    }
}

/// One member in `portfolio[]`.
#[derive(Serialize)]
pub(crate) struct MemberContext<'a> {
    /// The member's id in the data file (for element ids).
    id: &'a str,
    /// The member's name.
    name: &'a str,
    /// `mayor` or `alderman`.
    role: Role,
    /// The member's party, if given.
    party: Option<&'a str>,
    /// The member's title in the edition's language ("Wethouder"); empty if the edition has none.
    title: &'a str,
    /// The name of the member's portfolio, if given.
    portfolio: Option<&'a str>,
    /// The member's topics in groups, each with an optional heading.
    groups: &'a [TopicGroup],
    /// Links (key, title, url, description, fallback) to the theme pages the member answers for.
    themes: Vec<serde_json::Value>,
}

/// Every member, in the order of the data file, with the edition's texts.
pub(crate) fn members(site: &Site, edition: usize) -> Vec<MemberContext<'_>> {
    let text = &site.data.portfolio_text[edition];
    site.data
        .portfolio
        .members
        .iter()
        .map(|m| {
            let t = text.members.get(&m.id);
            MemberContext {
                id: &m.id,
                name: &m.name,
                role: m.role,
                party: m.party.as_deref(),
                title: t.map_or("", |t| t.title.as_str()),
                portfolio: t.and_then(|t| t.portfolio.as_deref()),
                groups: t.map_or(&[], |t| t.groups.as_slice()),
                themes: m
                    .themes
                    .iter()
                    .filter_map(|k| site.page(edition, k))
                    .map(|p| serde_json::to_value(crate::context::LinkContext::of(site, p)).unwrap_or_default())
                    .collect(),
            }
        })
        .collect()
}
