//! The theme's own pages (the manifest's `pages:`, like the search page) and optional links,
//! resolved against the site: the render stage's side of the theme. Kept apart from
//! [`crate::theme`], which loads the theme before there is a site, so that the model does not
//! depend on the site built from it.

use crate::site::Site;
use crate::theme::{Generated, Theme};
use serde_json::Value;
use std::collections::HashMap;

impl Theme {
    /// The theme pages to render: every declared page, in every edition whose site has no
    /// page with its key.
    pub(crate) fn generated<'a>(&'a self, site: &Site) -> Vec<Generated<'a>> {
        let mut out = Vec::new();
        for page in &self.declared.pages {
            for (edition, model) in site.editions.iter().enumerate() {
                if site.page(edition, &page.key).is_none() {
                    let folder = format!("{}{}/", model.path_prefix, page.path.trim_matches('/'));
                    out.push(Generated {
                        edition,
                        page,
                        output: format!("{folder}index.html"),
                        url: format!("{}{folder}", site.base_path),
                    });
                }
            }
        }
        out
    }

    /// The URL an optional link of the manifest leads to in `edition`, if its target exists.
    pub(crate) fn link(&self, site: &Site, edition: usize, name: &str) -> Option<String> {
        let key = self.declared.links.get(name)?;
        if let Some(page) = site.page(edition, key) {
            return Some(site.url(page));
        }
        let page = self.declared.pages.iter().find(|p| &p.key == key)?;
        Some(format!("{}{}{}/", site.base_path, site.editions[edition].path_prefix, page.path.trim_matches('/')))
    }
}

impl Generated<'_> {
    /// The template context of the page besides the edition's (`page`, `nav`), shaped like a
    /// site page's so the same templates render it.
    pub(crate) fn context<'s>(&'s self, site: &'s Site) -> crate::context::ThemePage<'s> {
        use crate::context::{ThemeNavItem, ThemeNavLink, ThemePage, ThemePageFields};
        let title = site.i18n.message(self.edition, &self.page.title, None).map(|(text, _)| text).unwrap_or_else(|| self.page.key.clone());
        let link = |key: &str| {
            let page = site.page(self.edition, key)?;
            Some(ThemeNavLink { title: &site.source(page).front.title, url: site.url(page) })
        };
        let nav = site.editions[self.edition]
            .nav
            .iter()
            .filter_map(|item| {
                let entry = link(&item.key)?;
                Some(ThemeNavItem { title: entry.title, url: entry.url, children: item.children.iter().filter_map(|k| link(k)).collect() })
            })
            .collect();
        let permalink = format!("{}{}", site.config.base_url, self.output.trim_end_matches("index.html"));
        let page = ThemePageFields {
            title,
            content: "",
            permalink,
            url: &self.url,
            key: &self.page.key,
            is_home: false,
            alternates: [],
            translations: [],
            breadcrumbs: [],
            terms: [],
        };
        ThemePage { page, nav }
    }
}

/// `link(name="search")` in templates: the URL of one of the manifest's optional links, or an
/// empty string when its target does not exist (templates test it with `{% if %}`).
pub(crate) struct LinkFunction {
    pub(crate) site: std::sync::Arc<Site>,
    pub(crate) edition: usize,
}

impl tera::Function for LinkFunction {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let name = args.get("name").and_then(Value::as_str).ok_or_else(|| tera::Error::msg("link() needs name=\"…\""))?;
        if !self.site.theme.declared.links.contains_key(name) {
            let names: Vec<&str> = self.site.theme.declared.links.keys().map(String::as_str).collect();
            return Err(tera::Error::msg(format!("link(): `{name}` is not a link of the theme's manifest (it has: {})", names.join(", "))));
        }
        Ok(Value::String(self.site.theme.link(&self.site, self.edition, name).unwrap_or_default()))
    }

    fn is_safe(&self) -> bool {
        false
    }
}
