//! `plein init DIR`: writes a small working site — `site.yaml`, a home page, one section and an
//! accessibility statement (with the contact details of `site.yaml`) per edition, the site's Fluent file per edition and a README for the editor — that builds with no
//! error and no warning, and whose translations start current (their `source_hash` recorded).
//!
//! Editions are named on the command line by their codes, the first being the default (at the
//! site's root) and every other one falling back to it: `--editions nl,en`. A code is also the
//! edition's language tag unless one is given (`--editions be=nl-BE,fr`); `--plain CODE=ORIGINAL`
//! makes an edition the plain-language version of another (`--plain eenvoudig=nl`), with the
//! original's language. The starter texts are neutral (no organisation is named) and exist in
//! Dutch and English (`src/init/`); an edition in another language starts from the English
//! ones, and from a copy of the theme's English strings to translate.

use crate::config::is_safe_name;
use crate::content::Drafts;
use crate::diagnostics::Diagnostics;
use std::path::{Path, PathBuf};

/// What `plein init` was asked for.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The folder to write the site into (created if missing).
    pub dir: PathBuf,
    /// Edition codes, the default first, each `CODE` or `CODE=LANG`.
    pub editions: Vec<String>,
    /// Plain-language editions, each `CODE=ORIGINAL`.
    pub plain: Vec<String>,
    /// The site's address; `https://example.org/` when not given.
    pub base_url: Option<String>,
    /// Write into a folder that is not empty (still never over an existing file).
    pub force: bool,
}

/// One edition as `init` writes it.
#[derive(Debug, Clone)]
struct NewEdition {
    code: String,
    lang: String,
    plain_of: Option<String>,
}

/// The starter texts of one language: (path in the edition, text).
struct Starter {
    pages: [(&'static str, &'static str); 4],
    strings: &'static str,
}

const DUTCH: Starter = Starter {
    pages: [
        ("_index.md", include_str!("init/nl/_index.md")),
        ("topics/_index.md", include_str!("init/nl/topics/_index.md")),
        ("topics/example.md", include_str!("init/nl/topics/example.md")),
        ("accessibility.md", include_str!("init/nl/accessibility.md")),
    ],
    strings: include_str!("init/nl/main.ftl"),
};

const ENGLISH: Starter = Starter {
    pages: [
        ("_index.md", include_str!("init/en/_index.md")),
        ("topics/_index.md", include_str!("init/en/topics/_index.md")),
        ("topics/example.md", include_str!("init/en/topics/example.md")),
        ("accessibility.md", include_str!("init/en/accessibility.md")),
    ],
    strings: include_str!("init/en/main.ftl"),
};

const EDITOR_README: &str = include_str!("init/README.md");

/// Names of editions in their own language, for the language menu (`name:` in site.yaml, where
/// the editor can change them). A language not listed is named by its code.
const NAMES: &[(&str, &str)] = &[
    ("nl", "Nederlands"),
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("fy", "Frysk"),
    ("es", "Español"),
    ("pl", "Polski"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
];

/// Names of plain-language editions by the original's language.
const PLAIN_NAMES: &[(&str, &str)] = &[("nl", "Eenvoudig Nederlands"), ("en", "Easy English"), ("de", "Leichte Sprache")];

/// Languages written right to left.
const RTL: &[&str] = &["ar", "fa", "he", "ur"];

/// What `plein init` wrote.
#[derive(Debug)]
pub struct Written {
    /// The files, relative to the folder.
    pub files: Vec<PathBuf>,
    /// Editions in a language plein has no starter texts for: their pages and strings are
    /// English to translate, while their pages say they are in the edition's language.
    pub to_translate: Vec<String>,
}

/// Writes the site and returns what it wrote. Refuses (with a message for the user) bad edition
/// specifications and a folder that is not empty.
pub fn run(options: &InitOptions) -> Result<Written, String> {
    let editions = parse_editions(&options.editions, &options.plain)?;
    let base_url = options.base_url.as_deref().unwrap_or("https://example.org/");
    let base_url = crate::config::normalize_base_url(base_url).map_err(|e| format!("{}; {}", e.message, e.help))?;
    let dir = &options.dir;
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() && !options.force {
            return Err(format!("{} is not empty; choose a new folder, or add --force to write into it", dir.display()));
        }
    } else if dir.exists() {
        return Err(format!("{} exists and is not a folder", dir.display()));
    }
    // Every file first, then written only if none of them exists: `--force` lets init write into
    // a folder with other files, never over one (an editor's own site.yaml or page is not lost).
    let mut files: Vec<(String, String)> = Vec::new();
    let mut to_translate = Vec::new();
    files.push(("site.yaml".into(), site_yaml(&base_url, &editions)));
    let theme = crate::theme::Theme::built_in();
    // The section's folder is the key every edition shares (and its URL in each): named in the
    // default edition's language, since that edition is the original.
    let section = if primary(&editions[0].lang) == "nl" { "onderwerpen" } else { "topics" };
    for edition in &editions {
        let language = primary(&edition.lang);
        let starter = match language.as_str() {
            "nl" => &DUTCH,
            "en" => &ENGLISH,
            _ => {
                to_translate.push(edition.code.clone());
                &ENGLISH
            }
        };
        for (rel, text) in &starter.pages {
            let rel = rel.replace("topics/", &format!("{section}/"));
            files.push((format!("content/{}/{rel}", edition.code), text.replace("@/topics/", &format!("@/{section}/"))));
        }
        let mut strings = starter.strings.to_string();
        if theme.locales.iter().all(|layer| layer.for_lang(&edition.lang).is_empty()) {
            // The theme does not speak this language: its English strings, to translate here.
            let english: String = theme.locales.iter().flat_map(|l| l.for_lang("en")).map(|f| f.text().into_owned()).collect();
            strings.push_str(&format!(
                "\n# The built-in theme has no strings in `{}`: these are its English ones. Translate them.\n{english}",
                edition.lang
            ));
        }
        files.push((format!("locales/{}/main.ftl", edition.code), strings));
    }
    files.push(("README.md".into(), EDITOR_README.replace("topics/", &format!("{section}/"))));
    files.push((".gitignore".into(), "public/\n.plein-cache/\n".into()));
    let existing: Vec<&str> = files.iter().map(|(rel, _)| rel.as_str()).filter(|rel| dir.join(rel).symlink_metadata().is_ok()).collect();
    if !existing.is_empty() {
        return Err(format!(
            "{} already has {}; plein init replaces no file: move them away or choose a new folder",
            dir.display(),
            existing.join(", ")
        ));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(PathBuf::from(rel));
    }
    mark_translations_current(dir)?;
    Ok(Written { files: written, to_translate })
}

/// Records in every translated page the `source_hash` of its original, as `plein status
/// --mark-current` does, so the new translations are current and show no stale notice.
fn mark_translations_current(dir: &Path) -> Result<(), String> {
    let diagnostics = Diagnostics::new();
    let site = crate::build::load_site(dir, None, Drafts::Exclude, &diagnostics, None);
    let problems: Vec<String> = diagnostics.into_sorted().iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    let Some(site) = site.filter(|_| problems.is_empty()) else {
        return Err(format!("the new site does not load (a bug in plein init): {}", problems.join("; ")));
    };
    for source in site.sources.iter().filter(|s| s.edition != site.default_edition) {
        crate::status::mark_current(&site, &source.path).map_err(|d| d.to_string())?;
    }
    Ok(())
}

fn primary(lang: &str) -> String {
    lang.split(['-', '_']).next().unwrap_or(lang).to_ascii_lowercase()
}

fn parse_editions(items: &[String], plain: &[String]) -> Result<Vec<NewEdition>, String> {
    let items: Vec<&str> = items.iter().flat_map(|i| i.split(',')).map(str::trim).collect();
    // `--editions ,en` or `nl,,en` is a slip of the keyboard, not a request for fewer editions.
    if items.contains(&"") {
        return Err(format!("--editions `{}` has an empty edition code; write the codes separated by commas, like nl,en", items.join(",")));
    }
    let items = if items.is_empty() { vec!["nl", "en"] } else { items };
    let mut editions: Vec<NewEdition> = Vec::new();
    for item in items {
        let (code, lang) = item.split_once('=').unwrap_or((item, item));
        if !is_safe_name(code) {
            return Err(format!("edition code `{code}` may only contain a-z, 0-9, `-` and `_` (like `nl` or `eenvoudig`)"));
        }
        if editions.iter().any(|e| e.code == code) {
            return Err(format!("edition `{code}` is named twice"));
        }
        editions.push(NewEdition { code: code.to_string(), lang: lang.to_string(), plain_of: None });
    }
    for item in plain.iter().flat_map(|i| i.split(',')).map(str::trim) {
        if item.is_empty() {
            return Err("--plain has an empty item; write CODE=ORIGINAL, like eenvoudig=nl".into());
        }
        let Some((code, original)) = item.split_once('=') else {
            return Err(format!("--plain `{item}` is not CODE=ORIGINAL (like eenvoudig=nl)"));
        };
        let known = |c: &str| editions.iter().any(|e| e.code == c);
        if !known(code) || !known(original) || code == original {
            return Err(format!("--plain {item}: both must be editions named in --editions, and different"));
        }
        let lang = editions.iter().find(|e| e.code == original).map(|e| e.lang.clone()).unwrap_or_default();
        if code == editions[0].code {
            return Err("the first edition is the default, the original: it cannot be a plain version".into());
        }
        let edition = editions.iter_mut().find(|e| e.code == code).expect("checked above");
        // A plain edition speaks its original's language. Its code (`eenvoudig`) is rarely a
        // language tag; when it is one (`en`), or a language was given (`easy=en`), and it is
        // another language than the original's, the editor confused two editions.
        let named_language = edition.lang != edition.code || (2..=3).contains(&edition.code.len());
        if named_language && primary(&edition.lang) != primary(&lang) {
            return Err(format!(
                "--plain {item}: edition `{code}` is in `{}` and `{original}` in `{lang}`; a plain-language version is written in its original's language: name it with a word, like `--editions {original},eenvoudig --plain eenvoudig={original}`",
                edition.lang
            ));
        }
        if edition.lang == edition.code {
            edition.lang = lang;
        }
        edition.plain_of = Some(original.to_string());
    }
    for e in &editions {
        if unic_langid::LanguageIdentifier::from_bytes(e.lang.as_bytes()).is_err() {
            return Err(format!("`{}` is not a language tag; give edition `{}` one, like `--editions {}=nl`", e.lang, e.code, e.code));
        }
    }
    Ok(editions)
}

fn site_yaml(base_url: &str, editions: &[NewEdition]) -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut out = String::from("# The settings of this site; every field is explained in plein's README (\"Configuration\").\n");
    out.push_str(&format!("base_url: {}\ndefault_edition: {}\neditions:\n", quote(base_url), editions[0].code));
    for (i, e) in editions.iter().enumerate() {
        let language = primary(&e.lang);
        let name = match &e.plain_of {
            Some(_) => {
                PLAIN_NAMES.iter().find(|(l, _)| *l == language).map_or_else(|| format!("{} (plain)", e.code), |(_, n)| n.to_string())
            }
            None => NAMES.iter().find(|(l, _)| *l == language).map_or_else(|| e.code.clone(), |(_, n)| n.to_string()),
        };
        let prefix = if i == 0 { String::new() } else { e.code.clone() };
        out.push_str(&format!("  - code: {}\n    prefix: {}\n    lang: {}\n    name: {}\n", e.code, quote(&prefix), e.lang, quote(&name)));
        if RTL.contains(&language.as_str()) {
            out.push_str("    dir: rtl\n");
        }
        if i > 0 {
            let fallback = e.plain_of.as_deref().unwrap_or(&editions[0].code);
            out.push_str(&format!("    fallback: [{fallback}]\n"));
        }
        if let Some(original) = &e.plain_of {
            out.push_str(&format!("    plain_of: {original}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_are_named_by_code_with_a_language_and_plain_versions() {
        let e = parse_editions(&["nl,en".into(), "eenvoudig".into()], &["eenvoudig=nl".into()]).unwrap();
        assert_eq!(
            e.iter().map(|e| (e.code.as_str(), e.lang.as_str())).collect::<Vec<_>>(),
            [("nl", "nl"), ("en", "en"), ("eenvoudig", "nl")]
        );
        assert_eq!(e[2].plain_of.as_deref(), Some("nl"));
        let yaml = site_yaml("https://x.org/", &e);
        assert!(
            yaml.contains("  - code: eenvoudig\n    prefix: \"eenvoudig\"\n    lang: nl\n    name: \"Eenvoudig Nederlands\"\n    fallback: [nl]\n    plain_of: nl\n"),
            "{yaml}"
        );
        assert_eq!(parse_editions(&[], &[]).unwrap().len(), 2, "Dutch and English by default");
        assert!(parse_editions(&["be=nl-BE".into()], &[]).unwrap()[0].lang == "nl-BE");
        assert!(parse_editions(&["NL".into()], &[]).unwrap_err().contains("may only contain"));
        assert!(parse_editions(&["eenvoudig".into()], &[]).unwrap_err().contains("not a language tag"));
        assert!(parse_editions(&["nl,en".into()], &["nl=en".into()]).unwrap_err().contains("default"));
        assert!(parse_editions(&["nl".into()], &["x=nl".into()]).unwrap_err().contains("--plain"));
    }

    #[test]
    fn refuses_a_folder_that_is_not_empty() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        let options = InitOptions { dir: tmp.path().to_path_buf(), editions: vec![], plain: vec![], base_url: None, force: false };
        assert!(run(&options).unwrap_err().contains("is not empty"));
        assert!(run(&InitOptions { force: true, ..options.clone() }).is_ok());
        assert_eq!(std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(), "mine");
    }

    #[test]
    fn force_never_replaces_a_file_and_writes_nothing_then() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("site.yaml"), "mine").unwrap();
        let options = InitOptions { dir: tmp.path().to_path_buf(), editions: vec![], plain: vec![], base_url: None, force: true };
        let error = run(&options).unwrap_err();
        assert!(error.contains("already has site.yaml") && error.contains("replaces no file"), "{error}");
        assert_eq!(std::fs::read_to_string(tmp.path().join("site.yaml")).unwrap(), "mine");
        assert!(!tmp.path().join("content").exists(), "nothing written when one file is in the way");
    }

    #[test]
    fn slips_in_the_edition_lists_are_refused() {
        for editions in [",en", "nl,,en", "nl,"] {
            let error = parse_editions(&[editions.into()], &[]).unwrap_err();
            assert!(error.contains("empty edition code"), "{editions}: {error}");
        }
        assert!(parse_editions(&["nl,en".into()], &["en=nl".into()]).unwrap_err().contains("in its original's language"));
        assert!(parse_editions(&["nl,easy=en".into()], &["easy=nl".into()]).unwrap_err().contains("in its original's language"));
        assert!(parse_editions(&["nl,en".into()], &[",".into()]).unwrap_err().contains("empty item"));
        let ok = parse_editions(&["nl,eenvoudig".into()], &["eenvoudig=nl".into()]).unwrap();
        assert_eq!(ok[1].lang, "nl");
    }
}
