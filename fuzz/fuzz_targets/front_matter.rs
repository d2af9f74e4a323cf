//! Front matter: bytes → (lossy) UTF-8 → the normalisation of `content::read_text` →
//! `split_front_matter` → `yaml::parse::<FrontMatter>` and the key/slug checks of a page load.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plein::content::{check_key, check_segment, split_front_matter, FrontMatter};
use std::path::Path;

#[path = "common.rs"]
mod common;

fn one(text: &str) {
    let path = Path::new("content/nl/fuzz.md");
    let (front, body_start, line) = match split_front_matter(text, path) {
        Ok(split) => (split.front, split.body_start, split.front_line),
        Err(diagnostic) => {
            let _ = diagnostic.to_string();
            return;
        }
    };
    // What `load_page` and `read_body` do with the offsets.
    let body = &text[body_start..];
    let _ = text[..body_start].matches('\n').count() + 1;
    let _ = body.trim().is_empty();
    match plein::yaml::parse::<FrontMatter>(front, path, line) {
        Ok(fm) => {
            if let Some(key) = &fm.key {
                let _ = check_key(key);
            }
            let _ = check_key(&"fuzz".replace("/_index", "").replace("_index", "index"));
            if let Some(slug) = &fm.slug {
                let _ = check_segment(slug);
            }
        }
        Err(diagnostic) => {
            let _ = diagnostic.to_string();
        }
    }
    // Data files (`_data/*.yaml`) go through the same parser as generic values.
    let _ = plein::yaml::parse::<serde_json::Value>(front, path, line);
}

fuzz_target!(|data: &[u8]| common::on_plein_stack(|| run(data)));

fn run(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    // As `content::read_text`: a byte-order mark removed, CRLF made LF.
    let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_string() };
    one(&text);
    // `split_front_matter` is public: it must also cope with text that was not normalised.
    if text.len() != raw.len() {
        one(&raw);
    }
}
