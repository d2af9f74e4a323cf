//! The floor of a build on plein's stack, for bench/run.sh: every `.md` under CONTENT_DIR is read,
//! its YAML front matter stripped, rendered with pulldown-cmark (tables, footnotes, heading
//! attributes, smart punctuation, strikethrough: plein's options), minified with minify-html (with
//! plein's settings) and written to OUT_DIR as `<path>/index.html`, in parallel on all cores with
//! rayon. No templates, no navigation, no link resolution: the least any generator on this stack does.
//!
//! Usage: floor CONTENT_DIR OUT_DIR [--no-write] [--no-minify]
//!
//! `--no-minify` writes the HTML as pulldown-cmark renders it (for bench/minify.sh's comparison).
use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn body_of(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else { return text };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => rest,
    }
}

fn render(text: &str, options: Options, cfg: Option<&minify_html::Cfg>) -> Vec<u8> {
    let body = body_of(text);
    let mut out = String::with_capacity(body.len() * 3 / 2 + 256);
    out.push_str("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>page</title></head><body><main>\n");
    html::push_html(&mut out, Parser::new_ext(body, options));
    out.push_str("</main></body></html>\n");
    match cfg {
        Some(cfg) => minify_html::minify(out.as_bytes(), cfg),
        None => out.into_bytes(),
    }
}

fn destination(src: &Path, out: &Path, file: &Path) -> PathBuf {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    if rel.file_name().is_some_and(|n| n == "_index") {
        out.join(rel.parent().unwrap_or(Path::new(""))).join("index.html")
    } else {
        out.join(rel).join("index.html")
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: floor CONTENT_DIR OUT_DIR [--no-write] [--no-minify]");
        std::process::exit(2);
    }
    let (src, out) = (PathBuf::from(&args[1]), PathBuf::from(&args[2]));
    let write = !args.iter().any(|a| a == "--no-write");
    let minify = !args.iter().any(|a| a == "--no-minify");
    let start = Instant::now();
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_STRIKETHROUGH;
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    let (bytes_in, bytes_out) = files
        .par_iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let html = render(&text, options, minify.then_some(&cfg));
            if write {
                let dest = destination(&src, &out, file);
                if let Some(dir) = dest.parent() {
                    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
                }
                std::fs::write(&dest, &html).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
            }
            (text.len(), html.len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    eprintln!("floor: files={} md_bytes={bytes_in} html_bytes={bytes_out} secs={:.3}", files.len(), start.elapsed().as_secs_f64());
}
