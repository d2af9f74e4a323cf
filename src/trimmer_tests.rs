//! The differential test (a unit test: it drives the renderer, which is not part of the library's
//! surface) of the template trimmer (`minify::template`): every page of the
//! bundled site and of `examples/minimal` (so every template, partial and shortcode of the
//! default theme they use), the 404 page and a redirect page are rendered with the templates
//! trimmed and as written, and what a browser makes of the two — the text, with whitespace as
//! HTML renders it, and every element with its attributes — must be the same.

use crate::build;
use crate::content::Drafts;
use crate::diagnostics::Diagnostics;
use crate::render::{self, Renderer};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

/// Elements at whose edges whitespace does not show (block boxes, and what is not shown).
/// Written out here rather than taken from `minify::template`'s own list: a differential test
/// that shared the trimmer's list would agree with the trimmer's mistakes.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "blockquote",
    "body",
    "caption",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "noscript",
    "ol",
    "option",
    "p",
    "pre",
    "script",
    "section",
    "select",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// A block edge in the flattened page.
const EDGE: char = '\u{1}';

struct Flatten(RefCell<String>);

impl TokenSink for Flatten {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut out = self.0.borrow_mut();
        match token {
            Token::CharacterTokens(text) => out.push_str(&text),
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                let block = BLOCKS.contains(&name.as_str());
                if block {
                    out.push(EDGE);
                }
                let mut attrs: Vec<String> = tag.attrs.iter().map(|a| format!("{}={:?}", a.name.local, a.value.to_string())).collect();
                attrs.sort();
                let slash = if tag.kind == TagKind::EndTag { "/" } else { "" };
                out.push_str(&format!("<{slash}{name} {}>", attrs.join(" ")));
                if block {
                    out.push(EDGE);
                }
            }
            Token::DoctypeToken(_) => out.push_str("<!doctype>"),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// What a browser shows of `html`: elements and text, whitespace runs as one space, none at a
/// block's edge. Text inside `<pre>` is not special here: the trimmer copies it verbatim, and a
/// difference there would still show as a difference.
fn shown(html: &str) -> String {
    let tokenizer = Tokenizer::new(Flatten(RefCell::new(String::new())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let flat = tokenizer.sink.0.borrow().clone();
    let mut out = String::with_capacity(flat.len());
    let mut space = false;
    for c in flat.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && c != EDGE && !out.ends_with(EDGE) && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if !(c == EDGE && out.ends_with(EDGE)) {
            out.push(c);
        }
    }
    out
}

/// The first place where two flattened pages differ, with some context.
fn first_difference(a: &str, b: &str) -> String {
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let context = |s: &str| s.chars().skip(at.saturating_sub(80)).take(160).collect::<String>().replace(EDGE, "¶");
    format!("trimmed:     …{}…\nas written:  …{}…", context(a), context(b))
}

fn compare_site(root: &Path) -> usize {
    let diagnostics = Diagnostics::new();
    let site = Arc::new(build::load_site(root, None, Drafts::Exclude, &diagnostics, None).expect("the site loads"));
    let assets = crate::theme::asset_urls(&site.theme().assets(), &site.base_path);
    let trimmed = Renderer::new(&site, render::load_templates(site.theme(), &diagnostics).unwrap(), assets.clone());
    let written = Renderer::new(&site, render::load_templates_as_written(site.theme(), &diagnostics).unwrap(), assets);
    let mut compared = 0;
    for page in &site.pages {
        let a = trimmed.render_page(&site, page, &diagnostics).expect("renders trimmed").html;
        let b = written.render_page(&site, page, &diagnostics).expect("renders as written").html;
        let (a, b) = (shown(&a), shown(&b));
        assert!(a == b, "{}: the trimmed templates show something else:\n{}", page.path, first_difference(&a, &b));
        compared += 1;
    }
    for edition in 0..site.editions.len() {
        let extra = serde_json::json!({ "target": "https://example.org/x/", "target_path": "/x/", "title": "X" });
        for (template, extra) in [("404.html", serde_json::json!({})), ("redirect.html", extra)] {
            let a = trimmed.render_special(&site, edition, template, extra.clone(), &diagnostics).unwrap();
            let b = written.render_special(&site, edition, template, extra, &diagnostics).unwrap();
            let (a, b) = (shown(&a), shown(&b));
            assert!(a == b, "{template}: the trimmed template shows something else:\n{}", first_difference(&a, &b));
            compared += 1;
        }
    }
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.into_sorted());
    compared
}

#[test]
fn trimmed_templates_show_what_the_templates_as_written_show() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = compare_site(repo) + compare_site(&repo.join("examples/minimal"));
    assert!(pages > 100, "only {pages} pages compared");
}

#[test]
fn the_comparison_sees_a_lost_space() {
    assert_ne!(shown("<p>one <!-- x --> two</p>"), shown("<p>one<!-- x -->two</p>"));
    assert_eq!(shown("<p>one <!-- x --> two</p>"), shown("<p>one two</p>"));
    assert_eq!(shown("<div>\n  <p>x</p>\n</div>"), shown("<div><p>x</p></div>"));
    assert_ne!(shown("<a href=\"/a\">x</a>"), shown("<a href=\"/b\">x</a>"));
}
