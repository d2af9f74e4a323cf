//! Fluent UI strings: text → plein's own loading, `I18n::load` of a `locales/nl/main.ftl` (which
//! reads it like any text file, parses it with fluent-syntax, collects the message info, adds it
//! to the edition's fluent-bundle and checks references), then every declared message formatted
//! with and without arguments, as templates do.
//!
//! fluent-syntax is not called directly: it recurses without limit and panics on some escapes,
//! which plein guards against in `i18n::parse_resource`; this target checks that guard.
#![no_main]

use fluent_bundle::{FluentArgs, FluentValue};
use libfuzzer_sys::fuzz_target;
use plein::config::Config;
use plein::diagnostics::Diagnostics;
use plein::i18n::I18n;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[path = "common.rs"]
mod common;

const SITE: &str = "base_url: https://example.org/\ndefault_edition: nl\ntheme: default\neditions:\n  - {code: nl, prefix: \"\", lang: nl, name: Nederlands}\n";

struct Fixture {
    root: PathBuf,
    config: Config,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        let root = base.join(format!("plein-fuzz-fluent-{}", std::process::id()));
        std::fs::create_dir_all(root.join("locales/nl")).expect("create fixture folder");
        let config = Config::parse(SITE, Path::new("site.yaml")).expect("fixture site.yaml");
        Fixture { root, config }
    })
}

/// The variables the real locale files use, numbers and strings.
fn args<'a>() -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    for (name, n) in [("count", 3.0), ("total", 1234.5), ("computed", -0.5), ("stated", 12.0), ("day", 1.0), ("year", 2027.0)] {
        args.set(name, FluentValue::from(n));
    }
    for name in ["column", "language", "variables", "name", "date", "month"] {
        args.set(name, FluentValue::from("x"));
    }
    args
}

fuzz_target!(|data: &[u8]| common::on_plein_stack(|| run(data)));

fn run(data: &[u8]) {
    let fixture = fixture();
    // Raw bytes: `read_text` itself handles invalid UTF-8, a BOM and CRLF.
    if std::fs::write(fixture.root.join("locales/nl/main.ftl"), data).is_err() {
        return;
    }
    let diagnostics = Diagnostics::new();
    let i18n = I18n::load(&fixture.root, &fixture.config, &diagnostics);
    for d in diagnostics.into_sorted() {
        let _ = d.to_string();
    }
    let args = args();
    for id in i18n.message_ids(0) {
        let _ = i18n.message(0, id, None);
        let _ = i18n.message(0, id, Some(&args));
    }
}
