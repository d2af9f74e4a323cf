//! The path of a URL as plein reads it in a link or a request: `%XX` escapes decoded, and `.`
//! and `..` segments resolved against a folder. One place for what the link checker, the
//! links to files beside a page and the dev server each need, so they read a path alike.

use percent_encoding::percent_decode_str;
use std::borrow::Cow;

/// `%XX` escapes decoded (file names with spaces are written `%20` in links). A `%` that does
/// not start an escape (`100%`) stays as written; bytes that are not UTF-8 once decoded become
/// U+FFFD, which no file name of the site matches.
pub(crate) fn decoded(path: &str) -> Cow<'_, str> {
    percent_decode_str(path).decode_utf8_lossy()
}

/// [`decoded`], refusing instead of guessing: `None` when a `%` does not start an escape or the
/// decoded bytes are not UTF-8 (a request for such a path is not for a file plein wrote).
pub(crate) fn decoded_strict(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let escapes_valid = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'%')
        .all(|(i, _)| bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)));
    if !escapes_valid {
        return None;
    }
    percent_decode_str(path).decode_utf8().ok().map(Cow::into_owned)
}

/// A path resolved against a folder.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Resolved<'a> {
    /// Its segments, without empty ones, `.` or `..`.
    pub(crate) segments: Vec<&'a str>,
    /// Whether a `..` went above the folder it was resolved against (and was dropped there, as a
    /// browser drops a `..` at the root of a site).
    pub(crate) above: bool,
}

impl Resolved<'_> {
    /// The segments joined with `/`.
    pub(crate) fn joined(&self) -> String {
        self.segments.join("/")
    }
}

/// Resolves the relative `path` (already decoded) against the folder `base` (its segments):
/// empty segments and `.` are dropped, `..` removes the segment before it.
pub(crate) fn resolve<'a>(base: &[&'a str], path: &'a str) -> Resolved<'a> {
    let mut segments: Vec<&str> = base.iter().copied().filter(|s| !s.is_empty()).collect();
    let mut above = false;
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => above |= segments.pop().is_none(),
            other => segments.push(other),
        }
    }
    Resolved { segments, above }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_keeps_what_is_not_an_escape() {
        assert_eq!(decoded("/caf%C3%A9/"), "/café/");
        assert_eq!(decoded("/100%/é%"), "/100%/é%");
        assert_eq!(decoded("plan%20B.pdf"), "plan B.pdf");
        assert_eq!(decoded("%FF"), "\u{fffd}");
    }

    #[test]
    fn strict_decoding_refuses_what_is_not_an_escape() {
        assert_eq!(decoded_strict("/caf%C3%A9/").as_deref(), Some("/café/"));
        assert_eq!(decoded_strict("/100%/"), None);
        assert_eq!(decoded_strict("/a%2"), None);
        assert_eq!(decoded_strict("/%FF"), None, "not UTF-8");
        assert_eq!(decoded_strict("/%2e%2e/x").as_deref(), Some("/../x"));
    }

    #[test]
    fn dots_are_resolved_against_the_folder() {
        assert_eq!(resolve(&["a", "b"], "../c/./d").joined(), "a/c/d");
        assert_eq!(resolve(&["a"], "x//y/").joined(), "a/x/y");
        assert!(!resolve(&["a"], "../b").above);
        let up = resolve(&["a"], "../../b");
        assert!(up.above);
        assert_eq!(up.joined(), "b", "a `..` at the top is dropped there");
        assert_eq!(resolve(&[], "").joined(), "");
    }
}
