//! `site.yaml`: the site's configuration, read strictly (unknown fields are errors) and validated
//! before anything else is loaded.

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// The file name of the configuration at the site root.
pub(crate) const CONFIG_FILE: &str = "site.yaml";

/// Writing direction of an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Contact details of the publisher, used by the footer and the accessibility statement.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    pub(crate) organisation: Option<String>,
    pub(crate) address: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) url: Option<String>,
}

/// One edition of the site: a language, or a plain-language version of another edition.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Edition {
    /// Names the edition: its content and locale folders.
    pub(crate) code: String,
    /// Its URL folder, "" for the root.
    pub(crate) prefix: String,
    /// BCP 47 language tag written into the HTML.
    pub(crate) lang: String,
    #[serde(default)]
    pub(crate) dir: Direction,
    /// The edition's name in its own language.
    pub(crate) name: String,
    /// Editions to take untranslated pages and strings from, in order.
    #[serde(default)]
    pub(crate) fallback: Vec<String>,
    /// The edition this one is a plain-language version of.
    #[serde(default)]
    pub(crate) plain_of: Option<String>,
}

/// Limits for the readability report of plain-language editions.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct ReadabilityLimits {
    /// Pages with fewer words are not measured.
    pub(crate) min_words: usize,
    pub(crate) max_words_per_sentence: f64,
    pub(crate) max_lix: f64,
    pub(crate) min_flesch_douma: f64,
}

impl Default for ReadabilityLimits {
    fn default() -> Self {
        ReadabilityLimits { min_words: 60, max_words_per_sentence: 12.0, max_lix: 38.0, min_flesch_douma: 60.0 }
    }
}

/// The whole `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub(crate) base_url: String,
    pub(crate) default_edition: String,
    /// A theme folder under `themes/` that replaces the built-in theme file by file; without
    /// it the built-in theme is used (see `docs/theme.md`).
    #[serde(default)]
    pub(crate) theme: Option<String>,
    #[serde(default)]
    pub(crate) contact: Option<Contact>,
    pub(crate) editions: Vec<Edition>,
    #[serde(default)]
    pub(crate) readability: ReadabilityLimits,
    /// Facts of the published document itself; optional.
    #[serde(default)]
    pub(crate) document: Option<Document>,
    /// The organisation's look: logo and brand colour; optional (see README, Configuration).
    #[serde(default)]
    pub(crate) branding: Option<Branding>,
    /// Whether the HTML rendered from markdown goes through minify-html. Off by default: after
    /// brotli it saves about 0.5 % of the bytes (18 bytes a page on the Almere site) for a quarter
    /// to a third of the page jobs' CPU (BENCHMARKS.md, "minify-html after brotli"); templates are
    /// trimmed either way.
    #[serde(default)]
    pub(crate) minify_html: bool,
}

/// `branding:` in `site.yaml`. The organisation's name is `contact.organisation`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Branding {
    /// An image in the site's own `static/` folder (`logo.svg`), shown in the header.
    #[serde(default)]
    pub(crate) logo: Option<String>,
    /// The header's background, `#rrggbb`; the theme's text on it must have a contrast of at
    /// least 4.5:1 (WCAG 2.2, 1.4.3).
    #[serde(default)]
    pub(crate) colour: Option<String>,
}

/// `document:` in `site.yaml`: the published document (the agreement), not the site.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Document {
    /// The document's date (YYYY-MM-DD): the `updated` date of feeds that have no entry yet.
    #[serde(default)]
    pub(crate) date: Option<String>,
    /// Its title, as published (`Hoofdlijnenakkoord 2026-2030`).
    #[serde(default)]
    pub(crate) title: Option<String>,
    /// Who published it (a council, a coalition).
    #[serde(default)]
    pub(crate) publisher: Option<String>,
    /// Its licence, as a name or URL (`CC BY 4.0`).
    #[serde(default)]
    pub(crate) licence: Option<String>,
}

impl Config {
    /// Reads and validates `site.yaml` in `root`.
    pub(crate) fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![Diagnostic::error(&path, 0, 0, format!("cannot read the site configuration: {e}"))
                .with_help("run plein in the site's folder, or pass --root DIR")]
        })?;
        Self::parse(&text, &path)
    }

    /// Parses and validates configuration text; `path` is used in diagnostics.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(vec![Diagnostic::error(path, 1, 1, "the site configuration is empty")
                .with_help("add base_url, default_edition and editions; see README.md")]);
        }
        let mut config: Config = crate::yaml::parse(text, path, 1).map_err(|d| vec![d])?;
        let errors = config.validate(text, path);
        if !errors.is_empty() {
            return Err(errors);
        }
        config.base_url = normalize_base_url(&config.base_url).unwrap_or_default();
        Ok(config)
    }

    fn validate(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        // Positions from the parser's spans, built only when there is an error to place.
        let index = std::cell::OnceCell::new();
        let mut err = |field: &[&str], message: String, help: &str| {
            let (line, column) = index.get_or_init(|| crate::yaml::Index::new(text, 1)).at(field);
            errors.push(Diagnostic::error(path, line, column, message).with_help(help));
        };
        if let Err(BaseUrlError { message, help }) = normalize_base_url(&self.base_url) {
            err(&["base_url"], message, help);
        }
        if let Some(url) = self.contact.as_ref().and_then(|c| c.url.as_deref()) {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                err(
                    &["contact", "url"],
                    format!("contact url `{url}` is not an http(s) address"),
                    "write the full address, like https://www.example.org/",
                );
            }
        }
        if let Some(email) = self.contact.as_ref().and_then(|c| c.email.as_deref()) {
            let valid = email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
                && !email.chars().any(|c| c.is_whitespace() || "<>\"'".contains(c));
            if !valid {
                err(&["contact", "email"], format!("contact email `{email}` is not an e-mail address"), "write it like info@example.org");
            }
        }
        if let Some(phone) = self.contact.as_ref().and_then(|c| c.phone.as_deref()) {
            if !phone.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) || !phone.chars().any(|c| c.is_ascii_digit()) {
                err(
                    &["contact", "phone"],
                    format!("contact phone `{phone}` is not a phone number"),
                    "write digits, spaces, `+`, `-` and brackets only, like +31 36 123 4567",
                );
            }
        }
        if let Some(date) = self.document.as_ref().and_then(|d| d.date.as_deref()) {
            if !is_date(date) {
                err(
                    &["document", "date"],
                    format!("document date `{date}` is not a date of the form YYYY-MM-DD"),
                    "write it like 2026-06-30",
                );
            }
        }
        if let Some(colour) = self.branding.as_ref().and_then(|b| b.colour.as_deref()) {
            if parse_colour(colour).is_none() {
                err(
                    &["branding", "colour"],
                    format!("brand colour `{colour}` is not a colour of the form #rrggbb"),
                    "write it like \"#00456e\" (with the quotes: `#` starts a comment in YAML)",
                );
            }
        }
        // `colour: #00456e` unquoted is a key with no value and a comment: YAML reads nothing,
        // and the theme's colour would be used without a word.
        if self.branding.as_ref().is_some_and(|b| b.colour.is_none())
            && crate::yaml::Index::new(text, 1).key(&["branding", "colour"]).is_some()
        {
            err(
                &["branding", "colour"],
                "`colour` has no value: in YAML an unquoted `#` starts a comment".into(),
                "put the colour in quotes, like colour: \"#00456e\"",
            );
        }
        if let Some(logo) = self.branding.as_ref().and_then(|b| b.logo.as_deref()) {
            let ext = logo.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
            if logo.split('/').any(|p| p.is_empty() || p == "." || p == "..")
                || !["svg", "png", "jpg", "jpeg", "webp"].contains(&ext.as_str())
            {
                err(
                    &["branding", "logo"],
                    format!("logo `{logo}` is not an image path inside static/"),
                    "give an .svg, .png, .jpg or .webp file of the site's static/ folder, like logo.svg",
                );
            }
        }
        if self.editions.is_empty() {
            err(&["editions"], "no editions are defined".into(), "add at least one edition under `editions:`");
        }
        let codes: Vec<&str> = self.editions.iter().map(|e| e.code.as_str()).collect();
        let mut seen_codes = HashSet::new();
        let mut seen_prefixes = HashSet::new();
        for (number, edition) in self.editions.iter().enumerate() {
            let number = number.to_string();
            let field = |name: &'static str| [String::from("editions"), number.clone(), name.to_string()];
            let code_at = field("code");
            let code_at: Vec<&str> = code_at.iter().map(String::as_str).collect();
            if !is_safe_name(&edition.code) {
                err(
                    &code_at,
                    format!("edition code `{}` may only contain a-z, 0-9, `-` and `_`", edition.code),
                    "use a short code like `nl` or `ar`",
                );
            }
            if !seen_codes.insert(edition.code.as_str()) {
                err(&code_at, format!("edition code `{}` is used twice", edition.code), "every edition needs its own code");
            }
            let prefix_at = field("prefix");
            let prefix_at: Vec<&str> = prefix_at.iter().map(String::as_str).collect();
            if !edition.prefix.is_empty() && !edition.prefix.split('/').all(is_safe_name) {
                err(
                    &prefix_at,
                    format!("edition `{}` has an invalid prefix `{}`", edition.code, edition.prefix),
                    "use \"\" for the root or a simple folder name like `en`",
                );
            }
            if !seen_prefixes.insert(edition.prefix.as_str()) {
                err(
                    &prefix_at,
                    format!("edition `{}` uses the prefix `{}` of another edition", edition.code, edition.prefix),
                    "give every edition its own URL folder",
                );
            }
            if unic_langid::LanguageIdentifier::from_bytes(edition.lang.as_bytes()).is_err() {
                err(
                    &["editions", &number, "lang"],
                    format!("edition `{}` has an invalid language tag `{}`", edition.code, edition.lang),
                    "use a BCP 47 tag such as `nl`, `en-GB` or `ar`",
                );
            }
            for (i, fallback) in edition.fallback.iter().enumerate() {
                if !codes.contains(&fallback.as_str()) || fallback == &edition.code {
                    let others: Vec<&str> = codes.iter().copied().filter(|c| *c != edition.code).collect();
                    err(
                        &["editions", &number, "fallback", &i.to_string()],
                        format!("edition `{}` falls back to unknown edition `{fallback}`", edition.code),
                        &edition_help(fallback, &others),
                    );
                }
            }
            if let Some(original) = &edition.plain_of {
                if !codes.contains(&original.as_str()) || original == &edition.code {
                    let others: Vec<&str> = codes.iter().copied().filter(|c| *c != edition.code).collect();
                    err(
                        &["editions", &number, "plain_of"],
                        format!("edition `{}` is a plain version of unknown edition `{original}`", edition.code),
                        &edition_help(original, &others),
                    );
                }
            }
        }
        if !codes.contains(&self.default_edition.as_str()) {
            err(
                &["default_edition"],
                format!("default_edition `{}` is not one of the editions", self.default_edition),
                &edition_help(&self.default_edition, &codes),
            );
        }
        if let Some(theme) = self.theme.as_deref().filter(|t| !is_safe_name(t)) {
            err(
                &["theme"],
                format!("theme `{theme}` is not a simple folder name"),
                "name a folder under themes/, or remove `theme:` to use the built-in theme",
            );
        }
        errors
    }

    /// The codes of the editions, in the order of `site.yaml` (an edition's index everywhere).
    pub fn edition_codes(&self) -> Vec<&str> {
        self.editions.iter().map(|e| e.code.as_str()).collect()
    }
}

/// `#rrggbb` as red, green and blue.
pub(crate) fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#').filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()))?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The contrast ratio of two colours (WCAG 2.2: (L1 + 0.05) / (L2 + 0.05) of their relative
/// luminances), from 1 to 21.
pub(crate) fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let luminance = |c: [u8; 3]| {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Letters, digits, `-` and `_`: safe in paths and URLs on every file system.
pub(crate) fn is_safe_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// "did you mean `nl`? The editions are …" for an edition code that is not one.
fn edition_help(code: &str, codes: &[&str]) -> String {
    let list = codes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
    match crate::suggest::closest(code, codes.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? The editions are {list}"),
        None => format!("use one of the editions: {list}"),
    }
}

/// Why a base URL was refused, in an editor's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrlError {
    /// What is wrong with the URL.
    pub message: String,
    /// How to correct it.
    pub help: &'static str,
}

/// Validates a base URL (from `site.yaml` or `--base-url`) and normalises it to end in exactly
/// one `/`. It is written into every page, the sitemap, `robots.txt` and `_headers`, so it must
/// be an absolute `https://` or `http://` URL with a host, without user, query, fragment,
/// whitespace, control characters or empty path segments (`https://x.org//` would make every
/// asset URL `//assets/…`, another host).
pub fn normalize_base_url(raw: &str) -> Result<String, BaseUrlError> {
    let refuse = |why: &str| {
        Err(BaseUrlError {
            message: format!("base_url `{}` {why}", raw.escape_debug()),
            help: "write it like https://example.org/ or https://example.org/sub/path/",
        })
    };
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("contains a space, line break or control character");
    }
    let lower = raw.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return refuse("is not an absolute http(s) URL");
    }
    let after_scheme = raw.split_once("://").map_or("", |(_, rest)| rest);
    if after_scheme.is_empty() || after_scheme.starts_with(['/', '\\']) {
        return refuse("has no host name");
    }
    let Ok(url) = url::Url::parse(raw) else { return refuse("is not a valid URL") };
    if url.host_str().is_none_or(str::is_empty) {
        return refuse("has no host name");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("contains a user name or password");
    }
    if url.query().is_some() || url.fragment().is_some() || raw.contains(['?', '#']) {
        return refuse("has a query (`?`) or fragment (`#`)");
    }
    // The URL parser resolves `..` and `.`; the address as written must not have them.
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    if path.contains("//")
        || path.split('/').any(|s| s == "." || s == ".." || s.eq_ignore_ascii_case("%2e") || s.eq_ignore_ascii_case("%2e%2e"))
    {
        return refuse("has an empty, `.` or `..` path segment");
    }
    if path.contains(['"', '<', '>', '\\', '\'', '`']) {
        return refuse("has characters that are not allowed in a site path");
    }
    let mut out = url.to_string();
    if !out.ends_with('/') {
        out.push('/');
    }
    Ok(out)
}

/// `YYYY-MM-DD` with a real month and day.
pub(crate) fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !text.chars().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()) {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (text[..4].parse::<u32>(), text[5..7].parse::<u32>(), text[8..].parse::<u32>()) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "base_url: https://example.org/sub\ndefault_edition: nl\ntheme: default\neditions:\n  - {code: nl, prefix: \"\", lang: nl, name: Nederlands}\n  - {code: en, prefix: en, lang: en, name: English, fallback: [nl]}\n";

    #[test]
    fn base_urls_are_validated() {
        let ok = |u: &str| normalize_base_url(u).unwrap();
        assert_eq!(ok("https://example.org"), "https://example.org/");
        assert_eq!(ok("https://example.org/sub"), "https://example.org/sub/");
        assert_eq!(ok("http://127.0.0.1:1111/"), "http://127.0.0.1:1111/");
        for bad in [
            "javascript:alert(1)//",
            "https://x.org/\nDisallow: /",
            "https://x.org//",
            "https://",
            "https:///path",
            "https://x.org/?q=1",
            "https://x.org/#frag",
            "https://user:pw@x.org/",
            "ftp://x.org/",
            "https://x.org/a/../b/",
            "https://x.org/a b/",
            "//x.org/",
        ] {
            assert!(normalize_base_url(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn parses_and_normalises_base_url() {
        let c = Config::parse(OK, Path::new("site.yaml")).unwrap();
        assert_eq!(c.base_url, "https://example.org/sub/");
        assert_eq!(c.editions[1].fallback, vec!["nl"]);
        assert_eq!(c.editions[0].dir, Direction::Ltr);
    }

    #[test]
    fn rejects_unknown_fallback_with_position() {
        let text = OK.replace("fallback: [nl]", "fallback: [xx]");
        let errs = Config::parse(&text, Path::new("site.yaml")).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 6);
        assert!(errs[0].message.contains("unknown edition `xx`"));
    }

    #[test]
    fn rejects_unknown_field() {
        let errs = Config::parse(&format!("{OK}colour: red\n"), Path::new("site.yaml")).unwrap_err();
        assert_eq!(errs[0].line, 7);
        assert!(errs[0].message.contains("unknown field `colour`"));
    }

    #[test]
    fn contrast_is_wcag_s() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([0x77, 0x77, 0x77], [255, 255, 255]) - 4.478).abs() < 0.01);
        assert_eq!(parse_colour("#00456e"), Some([0, 0x45, 0x6e]));
        assert_eq!(parse_colour("00456e"), None);
        let errs = Config::parse(&format!("{OK}branding:\n  colour: \"blue\"\n"), Path::new("site.yaml")).unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (8, 11), "{errs:?}");
    }

    #[test]
    fn an_unquoted_colour_is_not_read_as_a_comment_silently() {
        let errs = Config::parse(&format!("{OK}branding:\n  colour: #00456e\n"), Path::new("site.yaml")).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].line, 8, "{errs:?}");
        assert!(errs[0].message.contains("`colour` has no value"), "{errs:?}");
        assert!(Config::parse(&format!("{OK}branding:\n  colour: \"#00456e\"\n"), Path::new("site.yaml")).is_ok());
    }

    #[test]
    fn rejects_bad_default() {
        let errs = Config::parse(&OK.replace("default_edition: nl", "default_edition: fr"), Path::new("site.yaml")).unwrap_err();
        assert!(errs[0].message.contains("default_edition `fr`"));
    }
}
