//! The theme a site is rendered with, loaded once: the built-in theme (embedded in the binary
//! from `themes/default/`) or a theme folder the site selects with `theme:`, and over it the
//! site's own `templates/` and `static/`, which replace the theme's files file by file (the same
//! relative path wins). Render, assets, fingerprints and the message check all read this one
//! value. The lookup order is documented in `docs/theme.md`.

use crate::boundary::{Kind, SiteRoot};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/built_in_theme.rs"));

/// The name of the built-in theme, as `theme:` may also name it.
pub(crate) const BUILT_IN_NAME: &str = "default";

/// How diagnostics name a file of the built-in theme (it has no path on disk).
const BUILT_IN_PREFIX: &str = "<built-in theme>";

/// The manifest's file name inside a theme.
pub(crate) const MANIFEST_FILE: &str = "theme.yaml";

/// Where a theme file came from, so that a diagnostic points at the file to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Embedded in the binary.
    BuiltIn,
    /// A file on disk: in the theme folder or in the site's `templates/` or `static/`.
    File(PathBuf),
}

/// A static file of the theme as published: content-hashed below `assets/`, so that it can be
/// cached for ever.
pub(crate) struct Asset<'t> {
    /// Its name below `static/` (`style.css`): what templates give `asset()`.
    pub(crate) name: &'t str,
    /// Its output path (`assets/style.3f2a9c1e.css`).
    pub(crate) path: String,
    pub(crate) bytes: &'t [u8],
}

/// What `asset()` gives a template for each of `assets` (from [`Theme::assets`]): its name → its
/// root-relative URL below `base_path` (the site's path, `/` or `/akkoord/`).
pub(crate) fn asset_urls(assets: &[Asset<'_>], base_path: &str) -> BTreeMap<String, String> {
    assets.iter().map(|a| (a.name.to_string(), format!("{base_path}{}", a.path))).collect()
}

/// One file of the theme.
#[derive(Debug, Clone)]
pub(crate) struct ThemeFile {
    pub(crate) bytes: Cow<'static, [u8]>,
    pub(crate) origin: Origin,
    /// Its path in the theme (`templates/base.html`), for the built-in file's name.
    rel: String,
}

/// What is wrong with the logo's bytes, if anything: they must be the image their name says
/// (a text file named `logo.png` is a broken image on every page), and an SVG may not carry
/// script: opened at its own address it runs with the site's origin, where the pages'
/// Content-Security-Policy does not reach it.
fn logo_problem(logo: &str, bytes: &[u8]) -> Option<(String, &'static str)> {
    let ext = logo.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let is = match ext.as_str() {
        "png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "webp" => bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        "svg" => {
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Some((format!("the logo `{logo}` is not an SVG image (not text)"), "export the logo again as SVG, or use a PNG"));
            };
            let text = text.to_ascii_lowercase();
            if !text.contains("<svg") {
                return Some((
                    format!("the logo `{logo}` is not an SVG image (no <svg> element)"),
                    "export the logo again as SVG, or use a PNG",
                ));
            }
            if let Some(found) = svg_active_content(&text) {
                return Some((
                    format!("the logo `{logo}` contains {found}: an SVG logo may hold no script"),
                    "save the logo without scripts, event handlers and links (most editors have a \"plain SVG\" export), or use a PNG",
                ));
            }
            true
        }
        _ => true,
    };
    (!is).then(|| {
        (
            format!("the logo `{logo}` is not a {} image", ext.to_ascii_uppercase()),
            "export the logo again in the format its name says, or rename it",
        )
    })
}

/// The first kind of active content in an SVG's (lowercased) text: elements and attributes that
/// run script or load other documents. Deliberately strict: a logo needs none of them.
fn svg_active_content(text: &str) -> Option<&'static str> {
    const ELEMENTS: [(&str, &str); 7] = [
        ("<script", "a <script> element"),
        ("<foreignobject", "a <foreignObject> element"),
        ("<iframe", "an <iframe> element"),
        ("<embed", "an <embed> element"),
        ("<object", "an <object> element"),
        ("<!entity", "an entity declaration"),
        ("javascript:", "a javascript: link"),
    ];
    if let Some((_, what)) = ELEMENTS.iter().find(|(needle, _)| text.contains(needle)) {
        return Some(what);
    }
    // An event handler: `on` + letters + optional spaces + `=`, after a space, tab or newline.
    let bytes = text.as_bytes();
    let handler = text.match_indices("on").any(|(i, _)| {
        let before = i.checked_sub(1).map(|b| bytes[b]);
        if !matches!(before, Some(b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            return false;
        }
        let rest = &bytes[i + 2..];
        let letters = rest.iter().take_while(|b| b.is_ascii_lowercase()).count();
        letters > 0 && rest[letters..].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'=')
    });
    handler.then_some("an event handler attribute (like onload=)")
}

impl ThemeFile {
    /// The path diagnostics name: the file on disk, or `<built-in theme>/templates/base.html`.
    pub(crate) fn path(&self) -> PathBuf {
        match &self.origin {
            Origin::BuiltIn => PathBuf::from(format!("{BUILT_IN_PREFIX}/{}", self.rel)),
            Origin::File(path) => path.clone(),
        }
    }

    /// The text of the file (templates and Fluent files are UTF-8; a file that is not is shown
    /// with replacement characters and fails where it is parsed).
    pub(crate) fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }
}

/// The Fluent files a theme ships for one language, from one layer (theme folder or built-in).
#[derive(Debug, Clone, Default)]
pub(crate) struct LocaleLayer {
    /// Language folder name (`nl`, `en`) → its `.ftl` files, sorted by name.
    pub(crate) by_language: BTreeMap<String, Vec<ThemeFile>>,
}

impl LocaleLayer {
    /// The files for an edition's language tag: the folder named exactly like it (`en-GB`),
    /// else the one named like its language (`en`).
    pub(crate) fn for_lang(&self, lang: &str) -> &[ThemeFile] {
        let primary = lang.split(['-', '_']).next().unwrap_or(lang).to_ascii_lowercase();
        self.by_language.get(lang).or_else(|| self.by_language.get(&primary)).map_or(&[], Vec::as_slice)
    }
}

/// The loaded theme: every template and static file by its relative path, with where it came
/// from, and the theme's own Fluent strings.
#[derive(Debug, Clone, Default)]
pub(crate) struct Theme {
    /// Path below `templates/` → file.
    pub(crate) templates: BTreeMap<String, ThemeFile>,
    /// Path below `static/` → file.
    pub(crate) statics: BTreeMap<String, ThemeFile>,
    /// The theme's Fluent strings (one layer today: the theme's own; a list so that a theme
    /// could extend another); the site's own `locales/` override them per message.
    pub(crate) locales: Vec<LocaleLayer>,
    /// The theme folder in use, when `theme:` names one.
    pub(crate) folder: Option<PathBuf>,
    /// The manifest file and where it came from.
    pub(crate) manifest: Option<ThemeFile>,
    /// What the manifest declares (empty when the theme has none or it did not parse).
    pub(crate) declared: Manifest,
    /// `branding.logo` of `site.yaml` when it passed the checks of [`Theme::apply_branding`]
    /// (a file of the site's `static/`, the image its name says): the only logo pages show.
    pub(crate) logo: Option<String>,
}

/// `theme.yaml`: what a theme provides and needs (documented in `docs/theme.md`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Manifest {
    /// Templates a page may name with `template:` (and a misspelt name is compared with).
    #[serde(default)]
    pub(crate) page_templates: Vec<String>,
    /// Pages the theme renders itself in every edition that has no page with their key.
    #[serde(default)]
    pub(crate) pages: Vec<ThemePage>,
    /// Optional links: name → page key. `link(name=…)` gives the page's URL in the current
    /// edition, the theme page's URL when the theme generates it, else nothing (the template
    /// leaves the link out; no diagnostic).
    #[serde(default)]
    pub(crate) links: BTreeMap<String, String>,
    /// The colour of the theme's text on the brand colour (`branding.colour` is the background
    /// of that text), `#rrggbb`: a brand colour must contrast with it by 4.5:1 at least.
    #[serde(default)]
    pub(crate) brand_text: Option<String>,
}

/// A page the theme generates when the site has none with its key.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ThemePage {
    /// The page key a site's own page would have (`zoeken`).
    pub(crate) key: String,
    /// The template it is rendered with.
    pub(crate) template: String,
    /// Its URL folder below the edition (`zoeken` → `/en/zoeken/`).
    pub(crate) path: String,
    /// The Fluent message of its title.
    pub(crate) title: String,
}

/// A theme page to render in one edition: where it goes and its context.
pub(crate) struct Generated<'a> {
    pub(crate) edition: usize,
    pub(crate) page: &'a ThemePage,
    /// Output path below the output folder (`en/zoeken/index.html`).
    pub(crate) output: String,
    /// Its root-relative URL (`/en/zoeken/`).
    pub(crate) url: String,
}

impl Theme {
    /// The built-in theme alone.
    pub(crate) fn built_in() -> Theme {
        let mut theme = Theme::default();
        let mut layer = LocaleLayer::default();
        for (rel, bytes) in BUILT_IN {
            let file = ThemeFile { bytes: Cow::Borrowed(bytes), origin: Origin::BuiltIn, rel: (*rel).to_string() };
            theme.place(rel, file, &mut layer);
        }
        theme.locales.push(layer);
        if let Some(file) = &theme.manifest {
            // The built-in manifest is checked by a test; it parses.
            theme.declared = crate::yaml::parse(&file.text(), &file.path(), 1).unwrap_or_default();
        }
        theme
    }

    /// Loads the theme of the site in `root`: the folder `theme:` names, or else the built-in
    /// theme, with the site's `templates/` and `static/` over it file by file. Files on disk are
    /// trusted (they are the site's own design) but read through the read boundary: a link out
    /// of the site, or a device, is an error at the link.
    pub(crate) fn load(root: &Path, config: &Config, diagnostics: &Diagnostics) -> Theme {
        let site_root = SiteRoot::new(root);
        let folder = config.theme.as_ref().map(|name| (name, root.join("themes").join(name)));
        let mut theme =
            match folder {
                Some((_, folder)) if folder.is_dir() => {
                    let mut theme = Theme { folder: Some(folder.clone()), ..Theme::default() };
                    let mut layer = LocaleLayer::default();
                    for (rel, file) in read_folder(&site_root, &folder, diagnostics) {
                        theme.place(&rel, file, &mut layer);
                    }
                    theme.locales.push(layer);
                    if !folder.join("templates").is_dir() {
                        diagnostics.push(Diagnostic::error(folder.join("templates"), 0, 0, "the theme has no templates folder").with_help(
                            "a theme folder holds templates/ (and static/, locales/); run `plein theme eject` for a complete one",
                        ));
                    }
                    theme
                }
                Some((name, _)) if name != BUILT_IN_NAME => {
                    let path = root.join(crate::config::CONFIG_FILE);
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    let (line, column) = crate::yaml::Index::new(&text, 1).at(&["theme"]);
                    diagnostics.push(
                        Diagnostic::error(&path, line, column, format!("theme `{name}` is not a folder under themes/"))
                            .with_help(format!("create themes/{name}/, or remove `theme:` to use the built-in theme")),
                    );
                    Theme::built_in()
                }
                _ => Theme::built_in(),
            };
        if let Some(file) = &theme.manifest {
            match crate::yaml::parse::<Manifest>(&file.text(), &file.path(), 1) {
                Ok(manifest) => theme.declared = manifest,
                Err(d) => diagnostics.push(d),
            }
        }
        for (part, map) in [("templates", &mut theme.templates), ("static", &mut theme.statics)] {
            let dir = root.join(part);
            if let Err(d) = crate::boundary::check_source_folder(&site_root, &dir) {
                diagnostics.push(d);
                continue;
            }
            for (rel, file) in read_folder(&site_root, &dir, diagnostics) {
                map.insert(rel, file);
            }
        }
        theme.apply_branding(root, config, diagnostics);
        theme
    }

    /// Checks `branding:` against the theme and the site's files, and adds `brand.css` (the
    /// brand colour as the CSS variable `--brand`: a file, as the pages' Content-Security-Policy
    /// allows no inline style). Errors are positioned at the field in `site.yaml`.
    fn apply_branding(&mut self, root: &Path, config: &Config, diagnostics: &Diagnostics) {
        let Some(branding) = &config.branding else { return };
        let path = root.join(crate::config::CONFIG_FILE);
        let at = |field: &[&str]| {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            crate::yaml::Index::new(&text, 1).at(field)
        };
        if let Some(logo) = &branding.logo {
            let problem = match self.statics.get(logo) {
                Some(ThemeFile { origin: Origin::File(p), bytes, .. }) if p.starts_with(root.join("static")) => {
                    logo_problem(logo, bytes).map(|(message, help)| (message, help.to_string()))
                }
                _ => Some((
                    format!("the logo `{logo}` is not a file in the site's static/ folder"),
                    format!("put the image at static/{logo}, or correct the name"),
                )),
            };
            match problem {
                Some((message, help)) => {
                    let (line, column) = at(&["branding", "logo"]);
                    diagnostics.push(Diagnostic::error(&path, line, column, message).with_help(help));
                }
                None => self.logo = Some(logo.clone()),
            }
        }
        let Some(colour) = branding.colour.as_deref() else { return };
        let Some(rgb) = crate::config::parse_colour(colour) else { return };
        let text = self.declared.brand_text.as_deref().and_then(crate::config::parse_colour);
        if let Some(text) = text {
            let ratio = crate::config::contrast(rgb, text);
            if ratio < 4.5 {
                let (line, column) = at(&["branding", "colour"]);
                let theme_text = self.declared.brand_text.as_deref().unwrap_or_default();
                diagnostics.push(
                    Diagnostic::error(
                        &path,
                        line,
                        column,
                        format!("brand colour `{colour}` has a contrast of {ratio:.2}:1 with the theme's text on it ({theme_text}); at least 4.5:1 is needed"),
                    )
                    .with_help("choose a darker colour (WCAG 2.2, success criterion 1.4.3: text must stay readable on it)"),
                );
                // brand.css is still added below: the pages render, only this error is reported.
            }
        }
        let css = format!(":root{{--brand:{colour};--accent:{colour}}}\n");
        let rel = "brand.css".to_string();
        self.statics.insert(rel.clone(), ThemeFile { bytes: Cow::Owned(css.into_bytes()), origin: Origin::File(path), rel });
    }

    /// Files a layer of the theme provides, by their path in the theme.
    fn place(&mut self, rel: &str, file: ThemeFile, locales: &mut LocaleLayer) {
        if let Some(name) = rel.strip_prefix("templates/") {
            self.templates.insert(name.to_string(), file);
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics.insert(name.to_string(), file);
        } else if let Some((language, name)) = rel.strip_prefix("locales/").and_then(|r| r.split_once('/')) {
            if name.ends_with(".ftl") && !name.contains('/') {
                locales.by_language.entry(language.to_string()).or_default().push(file);
            }
        } else if rel == MANIFEST_FILE {
            self.manifest = Some(file);
        }
    }

    /// Where a template came from, for diagnostics; a template the theme does not have is
    /// named where it would be added (the theme folder's `templates/`, else the site's).
    pub(crate) fn template_path(&self, root: &Path, name: &str) -> PathBuf {
        let add_at = || self.folder.as_deref().unwrap_or(root).join("templates").join(name);
        self.templates.get(name).map_or_else(add_at, ThemeFile::path)
    }

    /// The static files as published, in name order.
    pub(crate) fn assets(&self) -> Vec<Asset<'_>> {
        self.statics
            .iter()
            .map(|(rel, file)| Asset {
                name: rel,
                path: format!("assets/{}", crate::output::hashed_name(rel, &file.bytes)),
                bytes: &file.bytes,
            })
            .collect()
    }

    /// Feeds every file of the theme (path and bytes, in a fixed order) to a fingerprint.
    pub(crate) fn hash_into(&self, hasher: &mut blake3::Hasher) {
        let layers = self.locales.iter().flat_map(|l| l.by_language.values().flatten());
        let files = self.templates.values().chain(self.statics.values()).chain(layers).chain(&self.manifest);
        for file in files {
            hasher.update(file.path().to_string_lossy().as_bytes());
            hasher.update(&(file.bytes.len() as u64).to_le_bytes());
            hasher.update(&file.bytes);
        }
    }
}

/// Every regular file below `dir` (if it exists), by its path relative to `dir`, sorted; links
/// that leave the site and special files are reported and skipped.
fn read_folder(site_root: &SiteRoot, dir: &Path, diagnostics: &Diagnostics) -> Vec<(String, ThemeFile)> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return files;
    }
    let mut walk = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                diagnostics.push(
                    Diagnostic::error(&path, 0, 0, format!("cannot read the theme file: {e}"))
                        .with_help("remove it or fix its permissions"),
                );
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        // A followed link is checked where it is; files below a checked folder stay inside it.
        let kind = if entry.path_is_symlink() || !entry.file_type().is_dir() {
            match site_root.check(entry.path()) {
                Ok(kind) => kind,
                Err(d) => {
                    diagnostics.push(d);
                    if entry.file_type().is_dir() {
                        walk.skip_current_dir();
                    }
                    continue;
                }
            }
        } else {
            Kind::Dir
        };
        if kind == Kind::Dir {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                let file = ThemeFile { bytes: Cow::Owned(bytes), origin: Origin::File(entry.path().to_path_buf()), rel: rel.clone() };
                files.push((rel, file));
            }
            Err(e) => {
                diagnostics.push(Diagnostic::error(entry.path(), 0, 0, format!("cannot read: {e}")).with_help("check that you may read it"))
            }
        }
    }
    files
}

/// Copies the built-in theme into `dir` (`templates/`, `static/`, `locales/`, the manifest), for
/// those who want to change more than a few files. Refuses to replace a file that exists.
pub fn eject(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let existing: Vec<String> = BUILT_IN.iter().map(|(rel, _)| *rel).filter(|rel| dir.join(rel).exists()).map(String::from).collect();
    if !existing.is_empty() {
        return Err(format!(
            "{} already has {} of the theme's files ({}…); choose an empty folder",
            dir.display(),
            existing.len(),
            existing[0]
        ));
    }
    let mut written = Vec::new();
    for (rel, bytes) in BUILT_IN {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_has_its_templates_assets_and_strings() {
        let theme = Theme::built_in();
        for name in ["base.html", "page.html", "404.html", "redirect.html", "partials/commitment.html"] {
            assert!(theme.templates.contains_key(name), "{name}");
        }
        assert!(theme.statics.contains_key("css/style.css"));
        assert_eq!(theme.template_path(Path::new("/site"), "base.html"), PathBuf::from("<built-in theme>/templates/base.html"));
        let layer = &theme.locales[0];
        assert!(!layer.for_lang("nl").is_empty() && !layer.for_lang("en-GB").is_empty());
        assert!(layer.for_lang("fr").is_empty());
        // The built-in manifest parses (Theme::built_in ignores its errors).
        let manifest = theme.manifest.as_ref().unwrap();
        let declared: Manifest = crate::yaml::parse(&manifest.text(), &manifest.path(), 1).unwrap();
        assert_eq!(declared.links.get("search").map(String::as_str), Some("zoeken"));
        assert!(declared.pages.iter().any(|p| p.key == "zoeken" && theme.templates.contains_key(&p.template)));
        assert!(declared.page_templates.iter().all(|t| theme.templates.contains_key(t)));
    }

    #[test]
    fn site_files_override_the_theme_file_by_file() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("templates/partials")).unwrap();
        std::fs::write(tmp.path().join("templates/partials/pager.html"), "mine").unwrap();
        std::fs::create_dir_all(tmp.path().join("static/css")).unwrap();
        std::fs::write(tmp.path().join("static/css/style.css"), "body{}").unwrap();
        let config = Config::parse(
            "base_url: https://x.org/\ndefault_edition: en\neditions:\n  - {code: en, prefix: \"\", lang: en, name: English}\n",
            Path::new("site.yaml"),
        )
        .unwrap();
        let diagnostics = Diagnostics::new();
        let theme = Theme::load(tmp.path(), &config, &diagnostics);
        assert!(diagnostics.into_sorted().is_empty());
        assert_eq!(&*theme.templates["partials/pager.html"].bytes, b"mine");
        assert_eq!(theme.templates["partials/pager.html"].origin, Origin::File(tmp.path().join("templates/partials/pager.html")));
        assert_eq!(theme.templates["base.html"].origin, Origin::BuiltIn);
        assert_eq!(&*theme.statics["css/style.css"].bytes, b"body{}");
    }

    #[test]
    fn a_link_out_of_the_site_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("static")).unwrap();
        std::fs::write(tmp.path().join("secret.css"), "x").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.css"), site.join("static/leak.css")).unwrap();
        let diagnostics = Diagnostics::new();
        let files = read_folder(&SiteRoot::new(&site), &site.join("static"), &diagnostics);
        assert!(files.is_empty());
        assert!(diagnostics.into_sorted()[0].message.contains("outside the site"));
    }

    #[test]
    fn eject_copies_the_theme_and_refuses_to_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        let written = eject(tmp.path()).unwrap();
        assert_eq!(written.len(), BUILT_IN.len());
        assert!(tmp.path().join("templates/base.html").is_file());
        assert!(eject(tmp.path()).unwrap_err().contains("already has"));
    }
}
