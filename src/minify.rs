//! Minification, done once per piece of HTML rather than once per page.
//!
//! A page is its template's markup around the HTML rendered from its markdown. Minifying whole
//! pages would minify the same template markup again on every page (most of the bytes of a small
//! page), so plein splits the work: a theme's templates are trimmed of insignificant whitespace
//! once, when they are loaded ([`template`]), and only the HTML rendered from markdown goes
//! through minify-html ([`fragment`]). Values inserted by templates are escaped text and need no
//! minifying.

/// Fragments whose elements nest deeper than this are left as they are: the minifier recurses
/// once per element and would overflow the stack (`*****x*****` thousands deep, or raw `<div>`s).
const MAX_MINIFY_DEPTH: usize = 512;

/// Minifies a fragment of HTML (the rendered markdown of a page) with minify-html.
pub fn fragment(html: &str) -> String {
    if nesting_depth(html) > MAX_MINIFY_DEPTH {
        return html.to_string();
    }
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    String::from_utf8(minify_html::minify(html.as_bytes(), &cfg)).unwrap_or_else(|_| html.to_string())
}

/// An upper estimate of how deep the elements of `html` nest (start tags minus end tags, void
/// and self-closing elements not counted).
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&[u8]] =
        &[b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"track", b"wbr"];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(|&b| b == b'<') {
        i += p + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = bytes[i..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |e| i + e);
                let name = &bytes[i..name_end];
                let self_closing =
                    bytes[name_end..].iter().position(|&b| b == b'>').is_some_and(|e| e > 0 && bytes[name_end + e - 1] == b'/');
                if !VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) && !self_closing {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

/// Elements around which whitespace never shows: blocks, and what lives in `<head>`.
const BLOCK_ELEMENTS: &[&str] = &[
    "!doctype",
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
    "hr",
    "html",
    "legend",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "noscript",
    "ol",
    "p",
    "pre",
    "script",
    "search",
    "section",
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

/// Elements whose content is copied exactly as written.
const VERBATIM_ELEMENTS: &[&str] = &["pre", "textarea", "script", "style"];

/// One piece of a template's source.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Piece {
    /// A run of whitespace in text.
    Space,
    /// Text, or a `{{ expression }}` (which prints text).
    Text,
    /// A `{% statement %}` or `{# comment #}`: prints nothing by itself.
    Statement,
    /// An HTML tag; `true` for block-level elements.
    Tag(bool),
    /// An HTML comment: removed, and looked through like a statement (it is inline: the
    /// whitespace on its two sides becomes one space, `one <!-- x --> two` stays `one two`).
    Comment,
}

/// Trims a template's insignificant whitespace, leaving Tera's tags and every value untouched:
/// HTML comments go, whitespace next to a block-level tag goes, other runs of whitespace become
/// one space, line breaks inside tags become spaces, and the content of
/// `<pre>`, `<textarea>`, `<script>` and `<style>` is kept as written. Statement tags
/// (`{% if %}`…) and other whitespace are looked through, so whitespace between `</li>` and
/// `{% endfor %}` goes too.
pub(crate) fn template(source: &str) -> String {
    // Comments go first; the whitespace around a comment then meets and is one run.
    let mut pieces: Vec<(Piece, std::borrow::Cow<'_, str>)> = Vec::new();
    for (kind, text) in split(source) {
        match (kind, pieces.last_mut()) {
            (Piece::Comment, _) => {}
            (Piece::Space, Some((Piece::Space, previous))) => previous.to_mut().push_str(&text),
            _ => pieces.push((kind, text)),
        }
    }
    let neighbour = |mut i: usize, forward: bool| -> Option<Piece> {
        loop {
            if forward {
                i += 1;
            } else if i == 0 {
                return None;
            } else {
                i -= 1;
            }
            let (kind, text) = pieces.get(i)?;
            match kind {
                // A loop goes back to its start (`</a>{% if not loop.last %}, {% endif %}{%
                // endfor %}</p>` is followed by the next `<a>`, not by `</p>`), and an `else`
                // leads past the other branch: past those the neighbour is unknown.
                Piece::Statement if jumps(text, forward) => return None,
                Piece::Statement | Piece::Space => continue,
                kind => return Some(*kind),
            }
        }
    };
    let mut out = String::with_capacity(source.len());
    for (i, (kind, text)) in pieces.iter().enumerate() {
        if *kind != Piece::Space {
            out.push_str(text);
            continue;
        }
        // At either end of a template the neighbour is unknown (a partial may be included in
        // the middle of a sentence), so that whitespace stays as one space.
        let removable = |p: Option<Piece>| p == Some(Piece::Tag(true));
        if !(removable(neighbour(i, false)) || removable(neighbour(i, true))) {
            out.push(' ');
        }
    }
    out
}

/// Whether looking past the statement `tag` (forward or backward) could reach text that does
/// not follow it when the template runs: the end or start of a loop, or a branch boundary.
fn jumps(tag: &str, forward: bool) -> bool {
    let inner = tag.trim_start_matches("{%").trim_start_matches('-').trim_start();
    let keyword = inner.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    match keyword {
        "else" | "elif" => true,
        "endfor" => forward,
        "for" => !forward,
        _ => false,
    }
}

/// Splits a template into pieces; tags come out with their inner whitespace collapsed.
fn split(source: &str) -> Vec<(Piece, std::borrow::Cow<'_, str>)> {
    let bytes = source.as_bytes();
    let mut pieces = Vec::new();
    let mut i = 0;
    let mut text_start = None;
    let flush = |pieces: &mut Vec<_>, start: &mut Option<usize>, end: usize| {
        if let Some(s) = start.take() {
            pieces.push((Piece::Text, std::borrow::Cow::Borrowed(&source[s..end])));
        }
    };
    while i < bytes.len() {
        let rest = &source[i..];
        if let Some(end) = tera_tag_end(rest) {
            flush(&mut pieces, &mut text_start, i);
            let tag = &rest[..end];
            if is_raw_start(tag) {
                // `{% raw %}…{% endraw %}` is printed as written.
                let close = rest.find("endraw").and_then(|e| rest[e..].find("%}").map(|c| e + c + 2)).unwrap_or(rest.len());
                pieces.push((Piece::Text, rest[..close].into()));
                i += close;
                continue;
            }
            let kind = if tag.starts_with("{{") { Piece::Text } else { Piece::Statement };
            pieces.push((kind, tag.into()));
            i += end;
        } else if rest.starts_with("<!--") {
            flush(&mut pieces, &mut text_start, i);
            let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
            pieces.push((Piece::Comment, rest[..end].into()));
            i += end;
        } else if let Some(name) = tag_name(rest) {
            flush(&mut pieces, &mut text_start, i);
            let (tag, end) = collapse_tag(rest);
            let lower = name.trim_start_matches('/').to_ascii_lowercase();
            pieces.push((Piece::Tag(BLOCK_ELEMENTS.contains(&lower.as_str())), tag.into()));
            i += end;
            if !name.starts_with('/') && VERBATIM_ELEMENTS.contains(&lower.as_str()) {
                let close = format!("</{lower}");
                let body_end = source[i..].to_ascii_lowercase().find(&close).map_or(source.len(), |e| i + e);
                if body_end > i {
                    pieces.push((Piece::Text, source[i..body_end].into()));
                }
                i = body_end;
            }
        } else if bytes[i].is_ascii_whitespace() {
            flush(&mut pieces, &mut text_start, i);
            let end = bytes[i..].iter().position(|b| !b.is_ascii_whitespace()).map_or(bytes.len(), |e| i + e);
            pieces.push((Piece::Space, source[i..end].into()));
            i = end;
        } else {
            text_start.get_or_insert(i);
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    flush(&mut pieces, &mut text_start, bytes.len());
    pieces
}

/// The length of the Tera tag (`{{ }}`, `{% %}`, `{# #}`) at the start of `text`, if any.
fn tera_tag_end(text: &str) -> Option<usize> {
    let close = match text.get(..2)? {
        "{{" => "}}",
        "{%" => "%}",
        "{#" => "#}",
        _ => return None,
    };
    Some(text[2..].find(close).map_or(text.len(), |e| e + 4))
}

fn is_raw_start(tag: &str) -> bool {
    tag.starts_with("{%") && tag.trim_matches(|c: char| c == '{' || c == '}' || c == '%' || c == '-' || c.is_whitespace()) == "raw"
}

/// The name of the HTML tag at the start of `text` (`p`, `/p`, `!DOCTYPE`), if it is one.
fn tag_name(text: &str) -> Option<&str> {
    let after = text.strip_prefix('<')?;
    let first = after.chars().next()?;
    let start = usize::from(first == '/' || first == '!');
    if !after[start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = after[start..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).map_or(after.len(), |e| e + start);
    Some(&after[..end])
}

/// The tag at the start of `text` with runs of whitespace outside quotes and Tera tags made one
/// space and the quotes dropped from values that need none, and the length it had in the source.
fn collapse_tag(text: &str) -> (String, usize) {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(end) = tera_tag_end(&text[i..]) {
            out.push_str(&text[i..i + end]);
            i += end;
            continue;
        }
        let c = bytes[i];
        match c {
            b'"' | b'\'' => {
                let end = quoted_value_end(text, i);
                let value = &text[i + 1..end.saturating_sub(1).max(i + 1)];
                // `<br class="x"/>` must keep its quotes: `class=x/` would be the value `x/`.
                let closed = end > i + 1 && bytes[end - 1] == c && bytes.get(end) != Some(&b'/');
                if out.ends_with('=') && closed && needs_no_quotes(value) {
                    out.push_str(value);
                } else {
                    out.push_str(&text[i..end]);
                }
                i = end;
                continue;
            }
            b'>' => {
                out.push('>');
                return (out, i + 1);
            }
            c if c.is_ascii_whitespace() => {
                let end = bytes[i..].iter().position(|b| !b.is_ascii_whitespace()).map_or(bytes.len(), |e| i + e);
                if bytes.get(end) != Some(&b'>') {
                    out.push(' ');
                }
                i = end;
                continue;
            }
            _ => {}
        }
        let len = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + len]);
        i += len;
    }
    (out, bytes.len())
}

/// Where the quoted value starting at `start` ends (after its closing quote); Tera tags inside
/// it may hold quotes of their own.
fn quoted_value_end(text: &str, start: usize) -> usize {
    let quote = text.as_bytes()[start];
    let mut i = start + 1;
    while i < text.len() {
        if let Some(end) = tera_tag_end(&text[i..]) {
            i += end;
        } else if text.as_bytes()[i] == quote {
            return i + 1;
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    text.len()
}

/// Whether an attribute value can be written without quotes (and holds no Tera tag, whose
/// output could need them).
fn needs_no_quotes(value: &str) -> bool {
    !value.is_empty() && !value.contains(['{', '}']) && !value.contains(|c: char| c.is_ascii_whitespace() || "\"'=<>`".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_not_minified() {
        assert_eq!(nesting_depth("<p>a<br><img src=x /><em>b</em></p><p>c</p>"), 2);
        let deep = format!("{}x{}", "<em>".repeat(5000), "</em>".repeat(5000));
        assert_eq!(fragment(&deep), deep);
    }

    #[test]
    fn fragments_are_minified() {
        assert_eq!(fragment("<p>a  b</p>\n<ul>\n<li id=\"x\">c</li>\n</ul>\n"), "<p>a b</p><ul><li id=x>c</li></ul>");
    }

    #[test]
    fn whitespace_next_to_blocks_goes() {
        let source = "<!DOCTYPE html>\n<html lang=\"{{ lang }}\">\n<head>\n  <meta charset=\"utf-8\">\n</head>\n<body>\n  <ul>\n  {% for i in items %}\n    <li>{{ i }}</li>\n  {% endfor %}\n  </ul>\n</body>\n</html>\n";
        assert_eq!(
            template(source),
            "<!DOCTYPE html><html lang=\"{{ lang }}\"><head><meta charset=utf-8></head><body><ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul></body></html>"
        );
    }

    #[test]
    fn whitespace_between_inline_content_becomes_one_space() {
        assert_eq!(
            template("<p><a href=\"/\">a</a>\n   <a href=\"/b\">b</a>  {{ c }}\n{% if d %}\n<em>d</em>{% endif %}</p>"),
            "<p><a href=/>a</a> <a href=/b>b</a> {{ c }} {% if d %} <em>d</em>{% endif %}</p>"
        );
        assert_eq!(template("<span>word</span> {{ t(key=\"x\") }}"), "<span>word</span> {{ t(key=\"x\") }}");
    }

    #[test]
    fn whitespace_at_the_ends_of_a_partial_stays() {
        assert_eq!(template(" <span>x</span>\n"), " <span>x</span> ");
        assert_eq!(template("\n<p>x</p>\n"), "<p>x</p>");
    }

    #[test]
    fn tags_keep_their_values() {
        let source = "<section id=\"s\" hidden\n    data-a=\"{{ t(key='a b') }}\"\n    data-b='x  y' {% if c > 1 %}class=\"c\"{% endif %}>\n<p>x</p></section>";
        assert_eq!(
            template(source),
            "<section id=s hidden data-a=\"{{ t(key='a b') }}\" data-b='x  y' {% if c > 1 %}class=c{% endif %}><p>x</p></section>"
        );
    }

    #[test]
    fn whitespace_before_a_loop_or_condition_end_stays() {
        let source = "<p>{% for a in x %}<a>{{ a }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</p>";
        assert_eq!(template(source), source);
        assert_eq!(
            template("<ul>\n{% for i in x %}\n<li>{{ i }}</li>\n{% endfor %}\n</ul>"),
            "<ul>{% for i in x %}<li>{{ i }}</li>{% endfor %}</ul>"
        );
    }

    #[test]
    fn comments_are_inline_and_removed() {
        assert_eq!(template("<p>one <!-- x --> two</p>"), "<p>one two</p>");
        assert_eq!(template("<p>one<!-- x -->two</p>"), "<p>onetwo</p>");
        assert_eq!(template("<div>\n<!-- a block\n comment -->\n<p>x</p>\n</div>"), "<div><p>x</p></div>");
        assert_eq!(template("<script><!-- kept --></script>"), "<script><!-- kept --></script>");
    }

    #[test]
    fn verbatim_elements_raw_blocks_and_comments_are_kept() {
        assert_eq!(template("<div>\n<pre>a\n  b</pre>\n</div>"), "<div><pre>a\n  b</pre></div>");
        assert_eq!(template("<p>{% raw %}{{ x }}\n  y{% endraw %}</p>"), "<p>{% raw %}{{ x }}\n  y{% endraw %}</p>");
        assert_eq!(template("<p>a {# note\n #}\n b</p>"), "<p>a {# note\n #} b</p>");
        assert_eq!(template("<br class=\"x\"/><img alt=\"\" src='a.svg'>"), "<br class=\"x\"/><img alt=\"\" src=a.svg>");
        assert_eq!(template("<textarea>\n  x </textarea>"), "<textarea>\n  x </textarea>");
        assert_eq!(template("a < b\n  and c"), "a < b and c");
    }

    #[test]
    fn unfinished_input_does_not_panic() {
        for source in ["<a href=\"x", "{{ a", "{% if", "<!-- x", "<pre>x", "<", "é <é>", "{% raw %}x"] {
            let _ = template(source);
        }
    }
}
