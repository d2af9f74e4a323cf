//! Regression tests for the fuzz targets in `fuzz/`: every input that once crashed a target, and
//! every hand-written seed of its corpus (`fuzz/corpus/<target>/seed_*`), goes through the same
//! code path as the target, on a thread with the 2 MiB stack that rayon workers and `plein serve`
//! give it. Passing means: no panic, no stack overflow.

use fluent_bundle::{FluentArgs, FluentValue};
use plein::config::Config;
use plein::content::{check_key, check_segment, split_front_matter, FrontMatter, Split};
use plein::diagnostics::Diagnostics;
use plein::i18n::I18n;
use plein::markdown::{attr, render, Hooks, Origin, Term};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The stack of a rayon worker or a spawned thread.
const PLEIN_STACK: usize = 2 * 1024 * 1024;

/// Runs `f` on a thread with [`PLEIN_STACK`]; a panic fails the test, a stack overflow aborts it.
fn on_plein_stack<F: FnOnce() + Send>(name: &str, f: F) {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new().name(name.to_string()).stack_size(PLEIN_STACK).spawn_scoped(scope, f).expect("spawn");
        if handle.join().is_err() {
            panic!("fuzz case `{name}` panicked");
        }
    });
}

// ---- front_matter ----------------------------------------------------------------------------

fn front_matter_one(text: &str) {
    let path = Path::new("content/nl/fuzz.md");
    let Ok(Split { front, body_start, front_line: line }) = split_front_matter(text, path) else { return };
    let _ = text[body_start..].trim().is_empty();
    let _ = text[..body_start].matches('\n').count() + 1;
    if let Ok(fm) = plein::yaml::parse::<FrontMatter>(front, path, line) {
        if let Some(key) = &fm.key {
            let _ = check_key(key);
        }
        if let Some(slug) = &fm.slug {
            let _ = check_segment(slug);
        }
    }
    let _ = plein::yaml::parse::<serde_json::Value>(front, path, line);
}

/// What `fuzz_targets/front_matter.rs` does.
fn front_matter(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_string() };
    front_matter_one(&text);
    if text.len() != raw.len() {
        front_matter_one(&raw);
    }
}

// ---- markdown --------------------------------------------------------------------------------

struct FuzzHooks(Vec<Term>);

impl Hooks for FuzzHooks {
    fn resolve_link(&self, target: &str) -> Result<String, String> {
        let (path, fragment) = target.split_once('#').map_or((target, None), |(p, f)| (p, Some(f)));
        let key = path.trim_end_matches(".md").trim_end_matches('/');
        let url = if key.is_empty() || key == "index" { "/".to_string() } else { format!("/{key}/") };
        Ok(fragment.map_or(url.clone(), |f| format!("{url}#{f}")))
    }
    fn shortcode(&self, _: &str, _: &BTreeMap<String, String>) -> Result<String, String> {
        Ok(String::new())
    }
    fn commitment_extra(&self, id: &str) -> Result<String, String> {
        Ok(format!("<span class=\"commitment-meta\"><a class=\"commitment-link\" href=\"#{0}\">Link</a></span>", attr(id)))
    }
    fn glossary(&self) -> &[Term] {
        &self.0
    }
    fn table_label(&self) -> String {
        "Tabel".into()
    }
}

fn fuzz_hooks() -> FuzzHooks {
    // One entry per term; `entry` is numbered below.
    let term = |t: &str, e: Option<&str>| Term {
        term: t.into(),
        entry: 0,
        anchor: format!("term-{}", t.to_lowercase().replace(' ', "-")),
        expansion: e.map(Into::into),
    };
    FuzzHooks(
        vec![
            term("Wmo", Some("Wet maatschappelijke ondersteuning")),
            term("PGA", Some("Positief Gezond Almere")),
            term("sociaal domein", None),
            term("raad", None),
            term("gemeenteraad", None),
            term("café", None),
            term("R&D", Some("\"research\" & <development>")),
            term("بلدية", None),
            term("a", None),
        ]
        .into_iter()
        .enumerate()
        .map(|(entry, t)| Term { entry, ..t })
        .collect(),
    )
}

/// What `fuzz_targets/markdown.rs` does: render, wrap in a page, minify. Returns the page.
fn markdown(data: &[u8]) -> Vec<u8> {
    let raw = String::from_utf8_lossy(data);
    let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_string() };
    let path = Path::new("content/nl/fuzz.md");
    let (body, first_line) = match split_front_matter(&text, path) {
        Ok(split) => (&text[split.body_start..], text[..split.body_start].matches('\n').count() + 1),
        Err(_) => (text.as_str(), 1),
    };
    let origin = if data.len().is_multiple_of(2) {
        Origin { path, first_line, id_prefix: "", heading_shift: 0 }
    } else {
        Origin { path, first_line, id_prefix: "opgaven-wonen--", heading_shift: 1 }
    };
    let rendered = render(body, &origin, &fuzz_hooks());
    let page = format!(
        "<!DOCTYPE html><html lang=\"nl\" dir=\"ltr\"><head><meta charset=\"utf-8\"><title>Fuzz</title></head><body><main id=\"main\"><h1>Fuzz</h1>{}</main></body></html>",
        rendered.html
    );
    plein::minify::fragment(&page).into_bytes()
}

// ---- fluent ----------------------------------------------------------------------------------

const FLUENT_SITE: &str = "base_url: https://example.org/\ndefault_edition: nl\ntheme: default\neditions:\n  - {code: nl, prefix: \"\", lang: nl, name: Nederlands}\n";

fn fluent_args<'a>() -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    for (name, n) in [("count", 3.0), ("total", 1234.5), ("computed", -0.5), ("stated", 12.0), ("day", 1.0), ("year", 2027.0)] {
        args.set(name, FluentValue::from(n));
    }
    for name in ["column", "language", "variables", "name", "date", "month"] {
        args.set(name, FluentValue::from("x"));
    }
    args
}

/// Loads `data` as `locales/nl/main.ftl` the way a build does, formats every declared message and
/// returns the diagnostics: what `fuzz_targets/fluent.rs` does.
fn load_ftl(data: &[u8]) -> Vec<plein::diagnostics::Diagnostic> {
    let root = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(root.path().join("locales/nl")).expect("locales");
    std::fs::write(root.path().join("locales/nl/main.ftl"), data).expect("write ftl");
    let config = Config::parse(FLUENT_SITE, Path::new("site.yaml")).expect("config");
    let diagnostics = Diagnostics::new();
    let i18n = I18n::load(root.path(), &config, &diagnostics);
    let args = fluent_args();
    for id in i18n.message_ids(0) {
        let _ = i18n.message(0, id, None);
        let _ = i18n.message(0, id, Some(&args));
    }
    diagnostics.into_sorted()
}

fn fluent(data: &[u8]) {
    load_ftl(data);
}

// ---- site_yaml -------------------------------------------------------------------------------

/// What `fuzz_targets/site_yaml.rs` does.
fn site_yaml(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(config) = Config::parse(&text, Path::new("site.yaml")) {
        assert_eq!(plein::i18n::fallback_chains(&config).len(), config.edition_codes().len());
        let i18n = I18n::empty(&config);
        for e in 0..config.edition_codes().len() {
            let _ = i18n.format_number(e, -1234.5, None);
            let _ = i18n.format_number(e, 0.25, Some(2));
        }
    }
}

// ---- paths -----------------------------------------------------------------------------------

/// What `fuzz_targets/paths.rs` does.
fn paths(data: &[u8]) {
    use plein::plan::{OutputPlan, Owner};
    let text = String::from_utf8_lossy(data);
    for line in text.split('\n') {
        if plein::content::check_alias(line).is_ok() {
            let rel = format!("{}/index.html", line.trim_matches('/'));
            let joined = plein::output::safe_join(Path::new("/out"), &rel).expect("an accepted alias is a safe output path");
            assert!(joined.starts_with("/out/"));
            assert!(!rel.split('/').any(|s| s == ".." || s == "." || s.is_empty()), "{rel:?}");
        }
        if check_segment(line).is_ok() {
            assert!(!line.contains(['/', '\\']) && line != "." && line != "..", "{line:?}");
        }
        if let Ok(url) = plein::config::normalize_base_url(line) {
            assert!(url.ends_with('/') && !url.ends_with("//"), "{url:?}");
            assert!(!url.chars().any(|c| c.is_whitespace() || c.is_control()), "{url:?}");
            assert_eq!(plein::config::normalize_base_url(&url).as_ref(), Ok(&url), "normalising twice changes {line:?}");
        }
        let mut plan = OutputPlan::default();
        plan.claim(line, Owner::plein("first"));
        plan.claim(line, Owner::plein("second"));
        assert_eq!(plan.finish().len(), 1, "{line:?}");
    }
}

// ---- the cases -------------------------------------------------------------------------------

/// The hand-written seeds of a target's corpus and its saved crash inputs.
fn cases(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for (dir, prefix) in [(root.join("fuzz/corpus").join(target), "seed_"), (root.join("tests/fuzz_cases").join(target), "")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        files.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix))),
        );
    }
    files.sort();
    files
}

fn run_cases(target: &str, f: fn(&[u8])) {
    let files = cases(target);
    assert!(!files.is_empty(), "no cases for {target}");
    for file in files {
        let data = std::fs::read(&file).expect("read case");
        on_plein_stack(&file.display().to_string(), || f(&data));
    }
}

#[test]
fn front_matter_cases() {
    run_cases("front_matter", front_matter);
}

#[test]
fn markdown_cases() {
    run_cases("markdown", |data| {
        markdown(data);
    });
}

#[test]
fn fluent_cases() {
    run_cases("fluent", fluent);
}

#[test]
fn site_yaml_cases() {
    run_cases("site_yaml", site_yaml);
}

#[test]
fn paths_cases() {
    run_cases("paths", paths);
}

/// Found by the `fluent` target: fluent-syntax's recursive parser overflowed the stack on
/// `a = {{{{…` (2000 levels on a 2 MiB stack; any depth with a long enough file). Now the file is
/// parsed on a stack sized for it and reported as nested too deeply.
#[test]
fn fluent_deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 20_000;
    let texts = [
        format!("a = {}\"x\"{}\n", "{ ".repeat(depth), " }".repeat(depth)),
        format!("a = {}\n", "{".repeat(depth)),
        format!("a = {{ {}$x{} }}\n", "NUMBER(".repeat(depth), ")".repeat(depth)),
        format!("a = {{ {}\n", "-t(x: ".repeat(depth)),
        format!("a = {}x{}\n", "{ $n ->\n *[o] ".repeat(depth / 4), "\n}".repeat(depth / 4)),
        format!("ok = fine\na = {}\n", "{ F(".repeat(depth / 2)),
    ];
    for (n, text) in texts.into_iter().enumerate() {
        let diagnostics = std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(PLEIN_STACK)
                .spawn_scoped(s, || load_ftl(text.as_bytes()))
                .expect("spawn")
                .join()
                .expect("no panic")
        });
        assert!(diagnostics.iter().any(|d| d.is_error()), "case {n}: deep nesting must be reported");
    }
    // Shallow nesting is still fine.
    let ok = load_ftl(b"a = { { { $x } } }\nb = { NUMBER($n, minimumFractionDigits: 2) }\n");
    assert!(ok.is_empty(), "{ok:?}");
}

/// Found by the `fluent` target: fluent-syntax panicked ("byte index is not a char boundary") on a
/// `\\u` escape with fewer than 4 hex digits followed by a non-ASCII character
/// (projectfluent/fluent-rs#389). Now it is a positioned error and the file is skipped.
#[test]
fn fluent_short_unicode_escape_is_an_error_not_a_panic() {
    for text in ["a = { \"\\u\u{e9}\" }\n", "ok = fine\na = { \"\\U12\u{1F600}\" }\n", "a = { \"\\u00\u{e9}"] {
        let diagnostics = load_ftl(text.as_bytes());
        let error = diagnostics
            .iter()
            .find(|d| d.message.contains("invalid unicode escape"))
            .unwrap_or_else(|| panic!("{text:?}: {diagnostics:?}"));
        assert!(error.line >= 1 && error.column > 1, "{error:?}");
    }
    // Complete escapes and a non-ASCII character after them are fine.
    assert!(load_ftl("a = { \"\\u00E9\u{e9}\\U01F600\" }\n".as_bytes()).is_empty());
}
