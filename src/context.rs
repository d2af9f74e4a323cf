//! The template contexts: what a theme's templates receive, one type per context.
//!
//! These types are the theme contract. Each borrows from the read-only [`Site`] (and from the
//! page's rendered markdown) rather than copying it; what is the same for many pages (the
//! `site` and `edition` objects, the footer links, a section's pages) is built once by the
//! renderer and borrowed into every page's context. Every field is always
//! serialised, so a theme sees `null` where a value is absent, never a missing key.
//! `docs/theme.md` lists the same fields for theme authors; the test at the end of this file
//! fails when the two disagree.
//!
//! The feature values (`data`, `progress`, `agreement`, `page.progress_summary`, the finance,
//! portfolio and commitment values of shortcodes and partials) are produced by their features
//! as JSON and carried here as they are.

use crate::content::SourcePage;
use crate::markdown::TocEntry;
use crate::site::{Page, Site, HOME};
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Converts a context into Tera's. The one place the template engine sees a context, so that
/// moving to another engine version changes one line.
pub(crate) fn to_tera(ctx: &impl Serialize) -> tera::Context {
    tera::Context::from_serialize(ctx).unwrap_or_default()
}

/// A part of the contexts that is the same for many pages (the site, an edition), converted
/// into Tera's value once. Tera 2's values are reference-counted and its serialiser takes a
/// value it meets inside a context as it is, so every page's context holds a pointer to this one
/// instead of a copy made again for each page. It serialises as the `T` it was made from, so the
/// theme contract is `T`'s.
pub(crate) struct Shared<T> {
    value: tera::Value,
    typed: std::marker::PhantomData<T>,
}

impl<T: Serialize> Shared<T> {
    pub(crate) fn new(typed: &T) -> Shared<T> {
        // A context is maps, lists, strings, numbers and booleans: converting it cannot fail.
        let value = tera::Value::try_from_serializable(typed);
        debug_assert!(value.is_ok(), "a shared context does not convert into a Tera value");
        let value = value.unwrap_or_else(|_| tera::Value::none());
        Shared { value, typed: std::marker::PhantomData }
    }
}

impl<T> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// `site`: the site as a whole, the same in every template of every edition.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct SiteContext<'a> {
    /// The site's public address from `site.yaml` (`https://example.org/akkoord/`), with the
    /// trailing slash.
    pub(crate) base_url: &'a str,
    /// The path part of `base_url` (`/akkoord/`, or `/`): the start of every root-relative URL.
    pub(crate) base_path: &'a str,
    /// The publisher's contact details (`contact:` in `site.yaml`), or null.
    pub(crate) contact: Option<ContactContext<'a>>,
    /// The site's branding (`branding:` in `site.yaml`), or null.
    pub(crate) branding: Option<BrandingContext<'a>>,
    /// The published document (`document:` in `site.yaml`), or null.
    pub(crate) document: Option<DocumentContext<'a>>,
    /// Every edition, in the order of `site.yaml`.
    pub(crate) editions: Vec<EditionContext<'a>>,
}

/// `site.contact`: the publisher's contact details; each may be null.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct ContactContext<'a> {
    /// The publishing organisation's name.
    pub(crate) organisation: Option<&'a str>,
    /// Its postal address, as one line.
    pub(crate) address: Option<&'a str>,
    /// Its phone number, as written in `site.yaml`.
    pub(crate) phone: Option<&'a str>,
    /// Its e-mail address.
    pub(crate) email: Option<&'a str>,
    /// Its own website.
    pub(crate) url: Option<&'a str>,
}

/// `site.branding`: the site's own look.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct BrandingContext<'a> {
    /// The logo, a path among the static files (`logo.svg`; give it to `asset()`); null when
    /// none is set or the file does not exist (that is one error at `site.yaml`).
    pub(crate) logo: Option<&'a str>,
    /// The brand colour, `#rrggbb`, or null.
    pub(crate) colour: Option<&'a str>,
}

/// `site.document`: the document the site publishes; each may be null.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct DocumentContext<'a> {
    /// Its date, `YYYY-MM-DD`.
    pub(crate) date: Option<&'a str>,
    /// Its title as published.
    pub(crate) title: Option<&'a str>,
    /// Who published it.
    pub(crate) publisher: Option<&'a str>,
    /// Its licence, a name or a URL.
    pub(crate) licence: Option<&'a str>,
}

/// `edition` (and each of `site.editions`): one language version of the site.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct EditionContext<'a> {
    /// The edition's code from `site.yaml` (`nl`, `en`, `eenvoudig`).
    pub(crate) code: &'a str,
    /// Its BCP 47 language tag, for `lang` attributes (`nl`, `en-GB`).
    pub(crate) lang: &'a str,
    /// Its writing direction, `ltr` or `rtl`, for `dir` attributes.
    pub(crate) dir: &'static str,
    /// Its name in its own language, for the edition switcher (`English`).
    pub(crate) name: &'a str,
    /// Its URL prefix from `site.yaml` (empty for the edition at the root).
    pub(crate) prefix: &'a str,
    /// The root-relative URL of its home page.
    pub(crate) home_url: String,
    /// Whether it is the site's default edition.
    pub(crate) is_default: bool,
    /// For a plain-language edition, the code of the edition it simplifies; else null.
    pub(crate) plain_of: Option<&'a str>,
    /// Whether it is a plain-language edition.
    pub(crate) is_plain: bool,
}

impl<'a> SiteContext<'a> {
    pub(crate) fn of(site: &'a Site) -> SiteContext<'a> {
        let config = &site.config;
        let contact = config.contact.as_ref().map(|c| ContactContext {
            organisation: c.organisation.as_deref(),
            address: c.address.as_deref(),
            phone: c.phone.as_deref(),
            email: c.email.as_deref(),
            url: c.url.as_deref(),
        });
        // A logo that failed the theme's checks is one error at site.yaml (`Theme::apply_branding`);
        // the pages leave it out instead of failing one by one on it.
        let branding = config.branding.as_ref().map(|b| BrandingContext { logo: site.theme.logo.as_deref(), colour: b.colour.as_deref() });
        let document = config.document.as_ref().map(|d| DocumentContext {
            date: d.date.as_deref(),
            title: d.title.as_deref(),
            publisher: d.publisher.as_deref(),
            licence: d.licence.as_deref(),
        });
        SiteContext {
            base_url: &config.base_url,
            base_path: &site.base_path,
            contact,
            branding,
            document,
            editions: (0..site.editions.len()).map(|e| EditionContext::of(site, e)).collect(),
        }
    }
}

impl<'a> EditionContext<'a> {
    pub(crate) fn of(site: &'a Site, edition: usize) -> EditionContext<'a> {
        let e = &site.config.editions[edition];
        EditionContext {
            code: &e.code,
            lang: &e.lang,
            dir: e.dir.as_str(),
            name: &e.name,
            prefix: &e.prefix,
            home_url: site.home_url(edition),
            is_default: edition == site.default_edition,
            plain_of: e.plain_of.as_deref(),
            is_plain: e.plain_of.is_some(),
        }
    }
}

/// The context of a page's template (`page.html`, `section.html`, `index.html` and the
/// templates pages name with `template:`).
#[derive(Serialize)]
pub(crate) struct PageTemplateContext<'r> {
    /// The site: see [`SiteContext`].
    pub(crate) site: &'r Shared<SiteContext<'r>>,
    /// The page's edition: see [`EditionContext`].
    pub(crate) edition: &'r Shared<EditionContext<'r>>,
    /// The main menu as HTML (`partials/menu.html`, rendered once per edition and section),
    /// empty when the theme has no such partial.
    pub(crate) menu: &'r str,
    /// The site's own pages (`extra: {footer: true}`: about, accessibility), this page marked.
    pub(crate) footer_nav: Marked<'r>,
    /// The pages of the section this page is in, this page marked; empty for a section's own
    /// page and for pages outside sections.
    pub(crate) section_nav: Marked<'r>,
    /// The section this page is in, or null (the home page, top-level pages).
    pub(crate) section: Option<LinkContext<'r>>,
    /// Every top-level item of the edition with its pages; only on pages with a template of
    /// their own (search, index), else null.
    pub(crate) nav: Option<Vec<FullNavItem<'r>>>,
    /// The page itself (its fields are below).
    pub(crate) page: PageContext<'r>,
    /// The edition's data files (`content/_data/NAME.yaml` as `data.NAME`); only on pages with a
    /// template of their own, else null.
    pub(crate) data: Option<&'r BTreeMap<String, Value>>,
    /// What features give the page template they serve, each under its name and only there:
    /// `progress` (the progress overview, `progress.html`), `agreement` (the whole agreement,
    /// `agreement.html`); see "Features" in docs/theme.md.
    #[serde(flatten)]
    pub(crate) features: BTreeMap<&'static str, Value>,
}

/// `page`: the page being rendered.
#[derive(Serialize)]
pub(crate) struct PageContext<'r> {
    /// The page's key, the same in every edition (`opgaven/wonen`, `_index` for the home page).
    pub(crate) key: &'r str,
    /// Its title (isolated with U+2068/U+2069 when shown from an edition of the other writing
    /// direction).
    pub(crate) title: String,
    /// Its description from the front matter, or null.
    pub(crate) description: Option<&'r str>,
    /// Its body as HTML (safe: output it with `| safe`).
    pub(crate) content: &'r str,
    /// Its table of contents: the headings of the body.
    pub(crate) toc: &'r [TocEntry],
    /// The glossary terms marked in the body, in order of use, for their explanations.
    pub(crate) terms: Vec<crate::feature::glossary::TermContext<'r>>,
    /// Its root-relative URL.
    pub(crate) url: String,
    /// Its absolute URL.
    pub(crate) permalink: String,
    /// Whether it is the edition's home page.
    pub(crate) is_home: bool,
    /// Whether it is a section's own page (`_index.md`).
    pub(crate) is_section: bool,
    /// Whether it is shown from a fallback edition because this edition has no translation.
    pub(crate) fallback: bool,
    /// The language tag of the edition its text comes from.
    pub(crate) source_lang: &'r str,
    /// The writing direction of the edition its text comes from.
    pub(crate) source_dir: &'static str,
    /// The name of the edition its text comes from.
    pub(crate) source_name: &'r str,
    /// The front matter's `extra:` table, as written (the site's own fields).
    pub(crate) extra: &'r serde_json::Map<String, Value>,
    /// The sections above the page, outermost first (not the home page).
    pub(crate) breadcrumbs: Vec<LinkContext<'r>>,
    /// The page before it in reading order, or null.
    pub(crate) previous: Option<LinkContext<'r>>,
    /// The page after it in reading order, or null.
    pub(crate) next: Option<LinkContext<'r>>,
    /// The same page in every edition, for the edition switcher.
    pub(crate) translations: Vec<Translation<'r>>,
    /// The `<link rel="alternate" hreflang>` entries.
    pub(crate) alternates: Vec<Alternate<'r>>,
    /// On a plain-language page: the same page in the edition it simplifies, else null.
    pub(crate) original: Option<EditionLink<'r>>,
    /// On every edition but the default: the same page in the edition whose text is official,
    /// else null.
    pub(crate) official: Option<EditionLink<'r>>,
    /// The same page in the plain-language version of this edition, where that has its own
    /// page, else null.
    pub(crate) plain_version: Option<PlainVersion<'r>>,
    /// The ids of the commitments on the page (list items starting with `{#id}`), in order.
    pub(crate) commitments: Vec<&'r str>,
    /// What features add to every page, each under its name: `progress_summary` (how far the
    /// page's commitments are, counts per status); see "Features" in docs/theme.md.
    #[serde(flatten)]
    pub(crate) features: BTreeMap<&'static str, Value>,
    /// The parts of the original that changed since this translation was checked, or null
    /// when it is up to date or is no translation.
    pub(crate) stale: Option<Vec<String>>,
    /// How a translated or plain page was made and checked, or null on originals and fallbacks.
    pub(crate) review: Option<Review<'r>>,
}

/// A link to a page: `section`, `page.breadcrumbs[]`, `page.previous`, `page.next`, the
/// `pages` of the pages shortcode.
#[derive(Serialize, Debug)]
pub(crate) struct LinkContext<'a> {
    /// The page's key.
    pub(crate) key: &'a str,
    /// Its title.
    pub(crate) title: String,
    /// Its root-relative URL.
    pub(crate) url: String,
    /// Its description, or null.
    pub(crate) description: Option<&'a str>,
    /// Whether it is shown from a fallback edition.
    pub(crate) fallback: bool,
}

impl<'a> LinkContext<'a> {
    pub(crate) fn of(site: &'a Site, page: &'a Page) -> LinkContext<'a> {
        LinkContext {
            key: &page.key,
            title: display_title(site, page),
            url: site.url(page),
            description: site.source(page).front.description.as_deref(),
            fallback: page.fallback,
        }
    }
}

/// An entry of a navigation list: `footer_nav[]`, `section_nav[]`.
#[derive(Serialize, Debug)]
pub(crate) struct NavLink<'a> {
    /// The page's key.
    pub(crate) key: &'a str,
    /// Its title.
    pub(crate) title: Cow<'a, str>,
    /// Its root-relative URL.
    pub(crate) url: Cow<'a, str>,
    /// Whether it is shown from a fallback edition.
    pub(crate) fallback: bool,
    /// Whether it is the page being rendered.
    pub(crate) current: bool,
    /// Whether it is one of the site's own pages (`extra: {footer: true}`).
    pub(crate) footer: bool,
}

impl<'a> NavLink<'a> {
    /// A navigation entry: a link to the page `key`, marked when it is `current`.
    pub(crate) fn of(site: &'a Site, edition: usize, key: &str, current: Option<&Page>) -> Option<NavLink<'a>> {
        let page = site.page(edition, key)?;
        Some(NavLink {
            key: &page.key,
            title: Cow::Owned(display_title(site, page)),
            url: Cow::Owned(site.url(page)),
            fallback: page.fallback,
            current: current.is_some_and(|c| c.key == key),
            footer: is_footer_page(site.source(page)),
        })
    }

    /// The same link, borrowing this one's text, marked `current` or not.
    fn marked(&self, current: bool) -> NavLink<'_> {
        NavLink {
            key: self.key,
            title: Cow::Borrowed(&self.title),
            url: Cow::Borrowed(&self.url),
            fallback: self.fallback,
            current,
            footer: self.footer,
        }
    }
}

/// Links shared by many pages, serialised with the link to the current page marked `current`:
/// the list itself is built once and never copied per page.
pub(crate) struct Marked<'r> {
    /// The shared list (built once per edition or section), none marked.
    pub(crate) links: &'r [NavLink<'r>],
    /// The key of the page being rendered, if any.
    pub(crate) current: Option<&'r str>,
}

impl Serialize for Marked<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.links.len()))?;
        for link in self.links {
            seq.serialize_element(&link.marked(link.current || self.current == Some(link.key)))?;
        }
        seq.end()
    }
}

/// An item of the main menu (`nav[]` in `partials/menu.html`): a top-level page or section.
#[derive(Serialize, Debug)]
pub(crate) struct MenuItem<'a> {
    /// The link: `key`, `title`, `url`, `fallback`, `footer`, as in a [`NavLink`], and `current`,
    /// whether the page being rendered is this item itself.
    #[serde(flatten)]
    pub(crate) link: NavLink<'a>,
    /// Whether the page being rendered is this item or one of its pages.
    pub(crate) active: bool,
}

/// An item of the whole navigation (`nav[]` on pages with a template of their own).
#[derive(Serialize, Debug)]
pub(crate) struct FullNavItem<'a> {
    /// The link: `key`, `title`, `url`, `fallback`, `current`, `footer`, as in a [`NavLink`].
    #[serde(flatten)]
    pub(crate) link: NavLink<'a>,
    /// The pages of the section, each with `key`, `title`, `url`, `fallback`, `current` and
    /// `footer` like the item itself (empty for a page).
    pub(crate) children: Vec<NavLink<'a>>,
    /// Whether the page being rendered is this item or one of its pages.
    pub(crate) active: bool,
}

/// The context of `partials/menu.html`.
#[derive(Serialize)]
pub(crate) struct MenuContext<'r> {
    /// The site: see [`SiteContext`].
    pub(crate) site: &'r Shared<SiteContext<'r>>,
    /// The edition: see [`EditionContext`].
    pub(crate) edition: &'r Shared<EditionContext<'r>>,
    /// The top-level items of the main menu.
    pub(crate) nav: Vec<MenuItem<'r>>,
}

/// The context of the special pages (`404.html`, `redirect.html`, and the pages the theme
/// provides itself, like its search page): the edition's, plus what the page adds (`extra`).
#[derive(Serialize)]
pub(crate) struct SpecialContext<'r, E: Serialize> {
    /// The site: see [`SiteContext`].
    pub(crate) site: &'r Shared<SiteContext<'r>>,
    /// The edition: see [`EditionContext`].
    pub(crate) edition: &'r Shared<EditionContext<'r>>,
    /// The main menu as HTML, nothing marked.
    pub(crate) menu: &'r str,
    /// The site's own pages, none marked.
    pub(crate) footer_nav: Marked<'r>,
    /// Always empty: a special page is in no section.
    pub(crate) section_nav: [(); 0],
    /// The page's own fields (a redirect page's, a theme page's).
    #[serde(flatten)]
    pub(crate) extra: E,
}

/// What `redirect.html` adds to the special page context: the page an old address points to.
#[derive(Serialize)]
pub(crate) struct Redirect<'a> {
    /// The page's absolute URL.
    pub(crate) target: String,
    /// Its root-relative URL.
    pub(crate) target_path: String,
    /// Its title.
    pub(crate) title: &'a str,
}

/// What a page the theme provides itself (its search page, `pages:` of `theme.yaml`) adds to
/// the special page context: a `page` and `nav` shaped like a site page's, with less in them.
#[derive(Serialize)]
pub(crate) struct ThemePage<'a> {
    /// The page (its fields are below).
    pub(crate) page: ThemePageFields<'a>,
    /// Every top-level item of the edition with its pages.
    pub(crate) nav: Vec<ThemeNavItem<'a>>,
}

/// `page` on a page the theme provides.
#[derive(Serialize)]
pub(crate) struct ThemePageFields<'a> {
    /// Its title: the theme's Fluent message named in `theme.yaml`.
    pub(crate) title: String,
    /// Always empty: the template writes the whole page.
    pub(crate) content: &'static str,
    /// Its absolute URL.
    pub(crate) permalink: String,
    /// Its root-relative URL.
    pub(crate) url: &'a str,
    /// Its key from `theme.yaml` (`zoeken`).
    pub(crate) key: &'a str,
    /// Always false.
    pub(crate) is_home: bool,
    /// Always empty: the page exists only in the theme.
    pub(crate) alternates: [(); 0],
    /// Always empty.
    pub(crate) translations: [(); 0],
    /// Always empty.
    pub(crate) breadcrumbs: [(); 0],
    /// Always empty.
    pub(crate) terms: [(); 0],
}

/// An item of `nav` on a page the theme provides: a top-level page or section.
#[derive(Serialize)]
pub(crate) struct ThemeNavItem<'a> {
    /// The page's title.
    pub(crate) title: &'a str,
    /// Its root-relative URL.
    pub(crate) url: String,
    /// The pages of the section (each with `title` and `url`), empty for a page.
    pub(crate) children: Vec<ThemeNavLink<'a>>,
}

/// A page in a section of `nav[].children` on a page the theme provides.
#[derive(Serialize)]
pub(crate) struct ThemeNavLink<'a> {
    /// The page's title.
    pub(crate) title: &'a str,
    /// Its root-relative URL.
    pub(crate) url: String,
}

/// The context of a shortcode template (`shortcodes/NAME.html`).
#[derive(Serialize)]
pub(crate) struct ShortcodeContext<'r> {
    /// The shortcode's arguments as written (`table="begroting"` gives `args.table`).
    pub(crate) args: &'r BTreeMap<String, String>,
    /// The site: see [`SiteContext`].
    pub(crate) site: &'r Shared<SiteContext<'r>>,
    /// The edition: see [`EditionContext`].
    pub(crate) edition: &'r Shared<EditionContext<'r>>,
    /// What the feature serving the shortcode gives it, each under its name and only for that
    /// shortcode: `table` (`finance`), `portfolio` (`portfolio`), `pages` (`pages`); see
    /// "Features" in docs/theme.md.
    #[serde(flatten)]
    pub(crate) features: BTreeMap<&'static str, Value>,
}

/// The context of `partials/commitment.html`, rendered after each commitment (a list item starting with `{#id}`).
#[derive(Serialize)]
pub(crate) struct CommitmentContext<'r> {
    /// The commitment's id.
    pub(crate) id: &'r str,
    /// What the feature giving the partial adds, each under its name: `progress` (the
    /// commitment's updates, newest last, and the current one).
    #[serde(flatten)]
    pub(crate) features: BTreeMap<&'static str, Value>,
    /// The edition: see [`EditionContext`].
    pub(crate) edition: &'r Shared<EditionContext<'r>>,
}

/// The same page in another edition: `page.translations[]`.
#[derive(Serialize, Debug)]
pub(crate) struct Translation<'a> {
    /// The edition's code.
    pub(crate) code: &'a str,
    /// The edition's name in its own language.
    pub(crate) name: &'a str,
    /// The edition's language tag.
    pub(crate) lang: &'a str,
    /// The page's URL in that edition (its home page when the edition lacks the page).
    pub(crate) url: String,
    /// Whether it is the edition being rendered.
    pub(crate) current: bool,
    /// Whether the edition has its own text of the page (not a fallback).
    pub(crate) exists: bool,
    /// Whether it is a plain-language edition.
    pub(crate) is_plain: bool,
}

/// A `<link rel="alternate">` entry: `page.alternates[]`.
#[derive(Serialize, Debug)]
pub(crate) struct Alternate<'a> {
    /// The language tag, or `x-default`.
    pub(crate) hreflang: &'a str,
    /// The absolute URL of the page in that language.
    pub(crate) href: String,
}

/// The same page in a related edition: `page.original`, `page.official`.
#[derive(Serialize, Debug)]
pub(crate) struct EditionLink<'a> {
    /// The page's root-relative URL in that edition.
    pub(crate) url: String,
    /// The edition's name.
    pub(crate) name: &'a str,
    /// The edition's language tag.
    pub(crate) lang: &'a str,
}

/// The page in the plain-language edition: `page.plain_version`.
#[derive(Serialize, Debug)]
pub(crate) struct PlainVersion<'a> {
    /// The page's root-relative URL there.
    pub(crate) url: String,
    /// The plain edition's name.
    pub(crate) name: &'a str,
    /// The plain edition's language tag.
    pub(crate) lang: &'a str,
    /// Always true: the link is only given where the plain page exists.
    pub(crate) exists: bool,
}

/// How a translated or plain page was made and checked: `page.review`.
#[derive(Serialize, Debug)]
pub(crate) struct Review<'a> {
    /// `machine`, `checked`, `approved`, or `none` when the page records nothing.
    pub(crate) status: &'static str,
    /// Who checked it, or null.
    pub(crate) by: Option<&'a str>,
    /// When, `YYYY-MM-DD`, or null.
    pub(crate) date: Option<&'a str>,
}

/// Pages that belong to the site rather than to the agreement (about, accessibility).
pub(crate) fn is_footer_page(source: &SourcePage) -> bool {
    source.front.extra.get("footer").and_then(Value::as_bool).unwrap_or(false)
}

/// `text` from edition `from`, shown in edition `shown`: wrapped in Unicode's first-strong isolate
/// (U+2068 … U+2069, what `<bdi>` does in markup) when the two editions are written in different
/// directions, so a fallback string keeps its own order in the other direction's text. Plain
/// characters, so the same string is safe in text, attributes and `<title>`.
pub(crate) fn isolate_if(site: &Site, shown: usize, from: usize, text: String) -> String {
    if site.config.editions[shown].dir == site.config.editions[from].dir || text.is_empty() {
        return text;
    }
    format!("\u{2068}{text}\u{2069}")
}

/// A page's title for links and headings in its edition, isolated when it falls back to a page of
/// an edition with the other writing direction.
pub(crate) fn display_title(site: &Site, page: &Page) -> String {
    isolate_if(site, page.edition, site.sources[page.source].edition, site.source(page).front.title.clone())
}

/// The whole navigation of an edition, every section with all its pages: for pages with a
/// template of their own (the search page lists it for readers without JavaScript).
pub(crate) fn full_nav<'a>(site: &'a Site, edition: usize, current: &Page) -> Vec<FullNavItem<'a>> {
    site.editions[edition]
        .nav
        .iter()
        .filter_map(|n| {
            Some(FullNavItem {
                link: NavLink::of(site, edition, &n.key, Some(current))?,
                children: n.children.iter().filter_map(|k| NavLink::of(site, edition, k, Some(current))).collect(),
                active: current.key == n.key || current.parent.as_deref() == Some(n.key.as_str()),
            })
        })
        .collect()
}

/// The top-level items of the main menu in `state` (no pages of sections: the menu is shared by
/// all pages of a section).
pub(crate) fn menu_items(site: &Site, edition: usize, active: Option<usize>, on_item: bool) -> Vec<MenuItem<'_>> {
    let nav = &site.editions[edition].nav;
    nav.iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let mut link = NavLink::of(site, edition, &n.key, None)?;
            link.current = active == Some(i) && on_item;
            Some(MenuItem { link, active: active == Some(i) })
        })
        .collect()
}

/// The site's own pages (about, accessibility) for the footer, none marked.
pub(crate) fn footer_links(site: &Site, edition: usize) -> Vec<NavLink<'_>> {
    let footer = |key: &str| site.page(edition, key).is_some_and(|p| is_footer_page(site.source(p)));
    site.editions[edition].nav.iter().filter(|n| footer(&n.key)).filter_map(|n| NavLink::of(site, edition, &n.key, None)).collect()
}

/// The same page in every edition, for the edition switcher.
pub(crate) fn translations<'a>(site: &'a Site, page: &Page) -> Vec<Translation<'a>> {
    (0..site.editions.len())
        .filter_map(|e| {
            let other = site.page(e, &page.key).or_else(|| site.page(e, HOME))?;
            let ed = &site.config.editions[e];
            Some(Translation {
                code: &ed.code,
                name: &ed.name,
                lang: &ed.lang,
                url: site.url(other),
                current: e == page.edition,
                exists: !other.fallback,
                is_plain: ed.plain_of.is_some(),
            })
        })
        .collect()
}

/// `<link rel="alternate" hreflang>` entries: the non-plain editions where the page really
/// exists, plus `x-default`; a plain-language page only names itself.
pub(crate) fn alternates<'a>(site: &'a Site, page: &Page) -> Vec<Alternate<'a>> {
    if page.fallback {
        return Vec::new();
    }
    let own = &site.config.editions[page.edition];
    if own.plain_of.is_some() {
        return vec![Alternate { hreflang: &own.lang, href: site.permalink(page) }];
    }
    let mut out: Vec<Alternate<'a>> = (0..site.editions.len())
        .filter(|&e| site.config.editions[e].plain_of.is_none())
        .filter_map(|e| site.page(e, &page.key).filter(|p| !p.fallback))
        .map(|p| Alternate { hreflang: &site.config.editions[p.edition].lang, href: site.permalink(p) })
        .collect();
    if let Some(default) = site.page(site.default_edition, &page.key).filter(|p| !p.fallback) {
        out.push(Alternate { hreflang: "x-default", href: site.permalink(default) });
    }
    out
}

/// How a translated or plain page was made and checked, for the notice above its text: null on
/// originals and on pages shown from a fallback (their own notice says where the text is from).
pub(crate) fn review<'a>(site: &'a Site, page: &Page) -> Option<Review<'a>> {
    if page.fallback || page.edition == crate::status::original_edition(site, page.edition) {
        return None;
    }
    Some(match &site.source(page).front.review {
        Some(r) => Review { status: r.status.key(), by: r.by.as_deref(), date: r.date.as_deref() },
        None => Review { status: "none", by: None, date: None },
    })
}

/// The link to the same page in `edition`, named as that edition.
fn edition_link<'a>(site: &'a Site, edition: usize, page: &Page) -> EditionLink<'a> {
    let e = &site.config.editions[edition];
    EditionLink { url: site.url(page), name: &e.name, lang: &e.lang }
}

/// On a plain-language page: the same page in the edition it simplifies.
pub(crate) fn original_link<'a>(site: &'a Site, page: &Page) -> Option<EditionLink<'a>> {
    let original = site.plain_of(page.edition)?;
    let p = site.page(original, &page.key)?;
    Some(edition_link(site, original, p))
}

/// For every edition but the default: the same page in the edition whose text is official (the
/// original of a plain-language edition, otherwise the default edition).
pub(crate) fn official_link<'a>(site: &'a Site, page: &Page) -> Option<EditionLink<'a>> {
    if page.edition == site.default_edition {
        return None;
    }
    let official = site.plain_of(page.edition).unwrap_or(site.default_edition);
    let p = site.page(official, &page.key).or_else(|| site.page(official, HOME))?;
    Some(edition_link(site, official, p))
}

/// The same page in the plain-language version of the edition.
pub(crate) fn plain_link<'a>(site: &'a Site, page: &Page) -> Option<PlainVersion<'a>> {
    let plain = site.plain_version(page.edition)?;
    // Only where the plain edition has its own page: a fallback would say "not written in plain
    // language yet" right after a link promising it.
    let p = site.page(plain, &page.key).filter(|p| !p.fallback)?;
    let e = &site.config.editions[plain];
    Some(PlainVersion { url: site.url(p), name: &e.name, lang: &e.lang, exists: !p.fallback })
}

#[cfg(test)]
mod tests {
    //! The theme contract: docs/theme.md lists, per context, every path of a key the templates
    //! get (`page.breadcrumbs[].url`); the contexts of every page of Almere and of
    //! examples/minimal, recorded as the renderer gives them to Tera, must have exactly those.

    use super::Redirect;
    use crate::diagnostics::Diagnostics;
    use crate::render::{self, RecordedContext, Renderer};
    use serde_json::Value;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;
    use std::sync::Arc;

    /// Every key path of `value` below `prefix`, with the JSON types seen there.
    fn collect(value: &Value, prefix: &str, out: &mut BTreeMap<String, BTreeSet<&'static str>>) {
        let kind = match value {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        // An array's elements have no row of their own: the array's row says what they are.
        if !prefix.is_empty() && !prefix.ends_with("[]") {
            out.entry(prefix.to_string()).or_default().insert(kind);
        }
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                    collect(v, &path, out);
                }
            }
            Value::Array(items) => {
                for v in items {
                    collect(v, &format!("{prefix}[]"), out);
                }
            }
            _ => {}
        }
    }

    /// Every context the renderer gives the templates while it renders every page, the special
    /// pages and the theme's own pages of the site at `root`, and the errors of rendering them
    /// (looked at after the contract: a renamed key usually breaks a template too).
    fn contexts(root: &Path) -> (Vec<RecordedContext>, Vec<crate::diagnostics::Diagnostic>) {
        let diagnostics = Diagnostics::new();
        let site =
            Arc::new(crate::build::load_site(root, None, crate::content::Drafts::Exclude, &diagnostics, None).expect("the site loads"));
        let assets = crate::theme::asset_urls(&site.theme.assets(), &site.base_path);
        let mut renderer = Renderer::new(&site, render::load_templates(&site.theme, &diagnostics).expect("templates load"), assets);
        renderer.record_contexts();
        for page in &site.pages {
            renderer.render_page(&site, page, &diagnostics);
        }
        for edition in 0..site.editions.len() {
            renderer.render_special(&site, edition, "404.html", serde_json::json!({}), &diagnostics);
            let redirect = Redirect { target: "https://example.org/x/".into(), target_path: "/x/".into(), title: "X" };
            renderer.render_special(&site, edition, "redirect.html", redirect, &diagnostics);
        }
        for generated in site.theme.generated(&site) {
            let context = generated.context(&site);
            renderer.render_special(&site, generated.edition, &generated.page.template, context, &diagnostics);
        }
        diagnostics.extend(renderer.render_failures());
        let errors = diagnostics.into_sorted().into_iter().filter(|d| d.severity == crate::diagnostics::Severity::Error).collect();
        (renderer.recorded(), errors)
    }

    /// A documented path (a row of a table).
    struct Documented {
        /// What is below it is not checked (a feature's value, the site's own fields).
        opaque: bool,
        /// Its line in docs/theme.md, for the message.
        line: usize,
    }

    /// The tables of docs/theme.md: context → path → row. A table belongs to the context named
    /// by the `<!-- contract: NAME -->` line above it; its rows start with the path in backticks.
    fn documented(text: &str) -> BTreeMap<String, BTreeMap<String, Documented>> {
        let mut out: BTreeMap<String, BTreeMap<String, Documented>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if let Some(name) = line.strip_prefix("<!-- contract:").and_then(|l| l.strip_suffix("-->")) {
                current = Some(name.trim().to_string());
                continue;
            }
            let Some(context) = &current else { continue };
            if !line.starts_with('|') {
                if !line.is_empty() {
                    current = None;
                }
                continue;
            }
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let Some(path) = cells.first().and_then(|c| c.strip_prefix('`')).and_then(|c| c.strip_suffix('`')) else { continue };
            let opaque = cells.get(1).is_some_and(|t| t.contains("opaque"));
            out.entry(context.clone()).or_default().insert(path.to_string(), Documented { opaque, line: n + 1 });
        }
        out
    }

    /// The shared objects documented once: observed paths below them are checked against their
    /// own table (`site.editions[].code` against `edition.code`).
    fn shared(path: &str) -> Option<(&'static str, String)> {
        if let Some(rest) = path.strip_prefix("site.editions[]") {
            return Some(("edition", format!("edition{rest}")));
        }
        ["site.", "edition."]
            .iter()
            .find(|p| path.starts_with(*p))
            .map(|p| (if *p == "site." { "site" } else { "edition" }, path.to_string()))
    }

    /// What is wrong between the documented contract and the observed contexts.
    fn differences(
        docs: &BTreeMap<String, BTreeMap<String, Documented>>,
        seen: &BTreeMap<&str, BTreeMap<String, BTreeSet<&str>>>,
    ) -> Vec<String> {
        let mut problems = Vec::new();
        let mut used: BTreeSet<(String, String)> = BTreeSet::new();
        let covered = |table: &BTreeMap<String, Documented>, path: &str| {
            table.contains_key(path)
                || table.iter().any(|(p, d)| d.opaque && (path.starts_with(&format!("{p}.")) || path.starts_with(&format!("{p}[]"))))
        };
        let empty = BTreeMap::new();
        for (kind, paths) in seen {
            if !docs.contains_key(*kind) {
                problems.push(format!("docs/theme.md has no table for the context `{kind}` (a `<!-- contract: {kind} -->` line)"));
                continue;
            }
            for (path, types) in paths {
                let (table_name, key) = shared(path).map_or((kind.to_string(), path.clone()), |(t, k)| (t.to_string(), k));
                let target = docs.get(&table_name).unwrap_or(&empty);
                if covered(target, &key) {
                    used.insert((table_name, key));
                    // A shared object's own row is in the context's table too.
                } else {
                    let types: Vec<&str> = types.iter().copied().collect();
                    problems.push(format!(
                        "`{path}` ({}) of the context `{kind}` is not documented in the table `{table_name}`",
                        types.join(", ")
                    ));
                }
            }
        }
        for (table_name, rows) in docs {
            for (path, row) in rows {
                if !used.contains(&(table_name.clone(), path.clone())) {
                    problems
                        .push(format!("docs/theme.md:{}: `{path}` (table `{table_name}`) is in no context the templates get", row.line));
                }
            }
        }
        problems
    }

    #[test]
    fn docs_theme_md_lists_exactly_the_fields_of_the_template_contexts() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen: BTreeMap<&str, BTreeMap<String, BTreeSet<&str>>> = BTreeMap::new();
        let mut count = 0;
        let mut errors = Vec::new();
        // A new site has no search page: the theme renders its own (the `theme page` context).
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let new_site = tmp.path().join("site");
        let options = crate::init::InitOptions {
            dir: new_site.clone(),
            editions: vec!["nl".into(), "en".into()],
            plain: Vec::new(),
            base_url: None,
            force: false,
        };
        crate::init::run(&options).expect("plein init writes a site");
        // With branding, so that `site.branding` is an object somewhere.
        std::fs::create_dir_all(new_site.join("static")).expect("static/");
        std::fs::write(new_site.join("static/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").expect("logo");
        let yaml = std::fs::read_to_string(new_site.join("site.yaml")).expect("site.yaml");
        std::fs::write(new_site.join("site.yaml"), format!("branding:\n  logo: logo.svg\n  colour: \"#1a3d6b\"\n{yaml}"))
            .expect("site.yaml");
        for root in [repo.to_path_buf(), repo.join("examples/minimal"), new_site] {
            let (recorded, site_errors) = contexts(&root);
            for recorded in recorded {
                collect(&recorded.value, "", seen.entry(recorded.kind).or_default());
                count += 1;
            }
            errors.extend(site_errors);
        }
        assert!(count > 200, "only {count} contexts recorded");
        for kind in ["page", "menu", "404", "redirect", "theme page", "shortcode", "commitment"] {
            assert!(seen.contains_key(kind), "no `{kind}` context was recorded: {:?}", seen.keys());
        }
        let text = std::fs::read_to_string(repo.join("docs/theme.md")).expect("docs/theme.md");
        let problems = differences(&documented(&text), &seen);
        assert!(problems.is_empty(), "docs/theme.md and src/context.rs disagree:\n{}", problems.join("\n"));
        assert!(errors.is_empty(), "the sites do not render: {errors:?}");
    }

    #[test]
    fn the_contract_check_finds_a_missing_and_an_undocumented_field() {
        let docs = documented(
            "<!-- contract: page -->\n| path | type | meaning |\n|---|---|---|\n| `page` | object | |\n| `page.title` | string | |\n| `page.extra` | object, opaque | |\n",
        );
        let mut seen: BTreeMap<&str, BTreeMap<String, BTreeSet<&str>>> = BTreeMap::new();
        let value = serde_json::json!({ "page": { "titel": "x", "extra": { "anything": 1 } } });
        collect(&value, "", seen.entry("page").or_default());
        let problems = differences(&docs, &seen);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("`page.titel`"), "{problems:?}");
        assert!(problems[1].contains("`page.title`"), "{problems:?}");
    }
}
