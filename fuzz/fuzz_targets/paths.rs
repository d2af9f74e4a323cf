//! Aliases, slugs, keys, base URLs and output paths: every text one of the validators accepts
//! must be safe where plein uses it (inside the output folder, one URL segment, a base URL that
//! normalises to itself), and the output plan must refuse a second owner of any path.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::on_plein_stack(|| run(data)));

fn run(data: &[u8]) {
    use plein::plan::{OutputPlan, Owner};
    use std::path::Path;
    let text = String::from_utf8_lossy(data);
    for line in text.split('\n') {
        if plein::content::check_alias(line).is_ok() {
            let rel = format!("{}/index.html", line.trim_matches('/'));
            let joined = plein::output::safe_join(Path::new("/out"), &rel).expect("an accepted alias is a safe output path");
            assert!(joined.starts_with("/out/"));
            assert!(!rel.split('/').any(|s| s == ".." || s == "." || s.is_empty()), "{rel:?}");
        }
        if plein::content::check_segment(line).is_ok() {
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
