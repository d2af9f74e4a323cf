//! The markdown-to-final-HTML pipeline: bytes → (lossy) UTF-8 → the normalisation of
//! `content::read_text` → body after the front matter (if any) → `markdown::render` with hooks
//! that resolve every `@/` link, render shortcodes as "" and know a small glossary → a page shell
//! as the templates make → `minify::fragment`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plein::markdown::{attr, render, Hooks, Origin, Term};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

#[path = "common.rs"]
mod common;

struct FuzzHooks {
    glossary: Vec<Term>,
}

impl Hooks for FuzzHooks {
    fn resolve_link(&self, target: &str) -> Result<String, String> {
        // Like `Site::resolve_link`, but every page exists.
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        let key = path.trim_end_matches(".md").trim_end_matches('/');
        let url = if key.is_empty() || key == "index" { "/".to_string() } else { format!("/{key}/") };
        Ok(match fragment {
            Some(f) => format!("{url}#{f}"),
            None => url,
        })
    }

    fn shortcode(&self, _name: &str, _args: &BTreeMap<String, String>) -> Result<String, String> {
        Ok(String::new())
    }

    fn commitment_extra(&self, id: &str) -> Result<String, String> {
        Ok(format!("<span class=\"commitment-meta\"><a class=\"commitment-link\" href=\"#{0}\">Link<span class=\"visually-hidden\"> {0}</span></a></span>", attr(id)))
    }

    fn glossary(&self) -> &[Term] {
        &self.glossary
    }

    fn table_label(&self) -> String {
        "Tabel".into()
    }
}

fn term(term: &str, expansion: Option<&str>) -> Term {
    // `entry` is numbered where the glossary is built.
    Term { term: term.into(), entry: 0, anchor: format!("term-{}", term.to_lowercase().replace(' ', "-")), expansion: expansion.map(Into::into) }
}

fn hooks() -> &'static FuzzHooks {
    static HOOKS: OnceLock<FuzzHooks> = OnceLock::new();
    HOOKS.get_or_init(|| FuzzHooks {
        glossary: vec![
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
    })
}

fuzz_target!(|data: &[u8]| common::on_plein_stack(|| run(data)));

fn run(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_string() };
    let path = Path::new("content/nl/fuzz.md");
    let (body, first_line) = match plein::content::split_front_matter(&text, path) {
        Ok(split) => (&text[split.body_start..], text[..split.body_start].matches('\n').count() + 1),
        Err(_) => (text.as_str(), 1),
    };
    // Pages render with no prefix and no shift; the agreement page nests every page with a prefix
    // and one level of shift. Pick one by the input's length so seeds stay plain markdown.
    let origin = if data.len() % 2 == 0 {
        Origin { path, first_line, id_prefix: "", heading_shift: 0 }
    } else {
        Origin { path, first_line, id_prefix: "opgaven-wonen--", heading_shift: 1 }
    };
    let rendered = render(body, &origin, hooks());
    for d in &rendered.diagnostics {
        let _ = d.to_string();
    }
    let page = format!(
        "<!DOCTYPE html><html lang=\"nl\" dir=\"ltr\"><head><meta charset=\"utf-8\"><title>Fuzz</title></head><body><main id=\"main\"><h1>Fuzz</h1>{}</main></body></html>",
        rendered.html
    );
    let _ = plein::minify::fragment(&page);
}
