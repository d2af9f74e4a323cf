//! `site.yaml`: text → `Config::parse`, and for a valid configuration what is built from it
//! first (fallback chains, an empty I18n with number formatting per edition language).
#![no_main]

use libfuzzer_sys::fuzz_target;
use plein::config::Config;
use std::path::Path;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::on_plein_stack(|| run(data)));

fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Config::parse(&text, Path::new("site.yaml")) {
        Ok(config) => {
            let chains = plein::i18n::fallback_chains(&config);
            assert_eq!(chains.len(), config.edition_codes().len());
            let i18n = plein::i18n::I18n::empty(&config);
            for e in 0..config.edition_codes().len() {
                let _ = i18n.format_number(e, -1234.5, None);
                let _ = i18n.format_number(e, 0.25, Some(2));
            }
        }
        Err(diagnostics) => {
            for d in diagnostics {
                let _ = d.to_string();
            }
        }
    }
}
