//! Helpers shared by the integration tests: copy a site to a temporary folder, run the real
//! `plein` binary on it, and pull structured facts out of the (minified) HTML it writes.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `src` into `dst` recursively. Symbolic links are followed (a copied example then
/// carries its own copy of the theme it links to).
pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    let mut entries: Vec<_> = std::fs::read_dir(src).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "public" || name == ".plein-cache" {
            continue;
        }
        let target = dst.join(&name);
        if std::fs::metadata(&path).unwrap().is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The lines of stderr that are diagnostics (`help:` lines left out).
    pub fn diagnostic_lines(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| !l.starts_with("  help:") && !l.trim().is_empty()).collect()
    }

    /// The error lines of stderr.
    pub fn errors(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.contains(": error: ") || l.starts_with("error: ")).collect()
    }
}

/// Runs `plein` with `args` in `dir`, asserting it did not panic.
pub fn plein_in(dir: &Path, args: &[&str]) -> Run {
    plein_with_env(dir, args, &[])
}

/// [`plein_in`] with extra environment variables.
pub fn plein_with_env(dir: &Path, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_plein"));
    command.args(args).current_dir(dir).env("RUST_BACKTRACE", "0");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("run plein");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "plein panicked on {args:?}:\n{}", run.stderr);
    assert!(output.status.code().is_some(), "plein was killed by a signal (stack overflow?) on {args:?}:\n{}", run.stderr);
    run
}

/// A site copied into a temporary folder; `root` is the site, `out` the output folder next to it.
pub struct TestSite {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub out: PathBuf,
}

impl TestSite {
    /// A copy of the folder `rel` of the repository (`examples/minimal`, `tests/fixtures/base`).
    pub fn copy_of(rel: &str) -> TestSite {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(&repo().join(rel), &root);
        let out = tmp.path().join("out");
        TestSite { tmp, root, out }
    }

    /// A copy of the bundled Almere site (its content, locales, themes and site.yaml).
    pub fn almere() -> TestSite {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for dir in ["content", "locales", "themes"] {
            copy_dir(&repo().join(dir), &root.join(dir));
        }
        std::fs::copy(repo().join("site.yaml"), root.join("site.yaml")).unwrap();
        let out = tmp.path().join("out");
        TestSite { tmp, root, out }
    }

    pub fn example() -> TestSite {
        Self::copy_of("examples/minimal")
    }

    pub fn base() -> TestSite {
        Self::copy_of("tests/fixtures/base")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes a file of the site (creating folders).
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn remove(&self, rel: &str) {
        let path = self.path(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
    }

    /// Replaces `from` by `to` in a file of the site, asserting `from` is there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1));
    }

    /// Overlays every file of `dir` onto the site.
    pub fn overlay(&self, dir: &Path) {
        copy_dir(dir, &self.root);
    }

    /// `plein build --root SITE --out OUT --no-compress` plus `extra`.
    pub fn build(&self, extra: &[&str]) -> Run {
        let (root, out) = (self.root.to_str().unwrap(), self.out.to_str().unwrap());
        let mut args = vec!["build", "--root", root, "--out", out, "--no-compress"];
        args.extend_from_slice(extra);
        plein_in(self.tmp.path(), &args)
    }

    /// `plein check --root SITE`.
    pub fn check(&self) -> Run {
        plein_in(self.tmp.path(), &["check", "--root", self.root.to_str().unwrap()])
    }

    pub fn output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("cannot read output {rel}: {e}"))
    }
}

/// Every file below `dir` with its bytes, keyed by its `/`-separated relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir(dir) {
        let rel = entry.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        files.insert(rel, std::fs::read(&entry).unwrap());
    }
    files
}

/// Every file below `dir` (recursively, sorted; symbolic links not followed).
pub fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let ft = entry.file_type().unwrap();
            if ft.is_dir() {
                stack.push(entry.path());
            } else {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

/// Relative paths of every file below `dir`.
pub fn file_list(dir: &Path) -> Vec<String> {
    snapshot(dir).into_keys().collect()
}

/// A start tag: its name and attributes (values unescaped of the common entities).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Byte offset just after the tag's `>`.
    pub end: usize,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Every start tag of `html` (handles minified HTML: unquoted and valueless attributes).
pub fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(pos) = html[i..].find('<') {
        i += pos + 1;
        if i >= bytes.len() || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b':') {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i += 1;
                break;
            }
            let a = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
                i += 1;
            }
            let attr_name = html[a..i].to_ascii_lowercase();
            if a == i {
                i += 1;
                continue;
            }
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let q = bytes[i];
                    i += 1;
                    let v = i;
                    while i < bytes.len() && bytes[i] != q {
                        i += 1;
                    }
                    value = html[v..i].to_string();
                    i += 1;
                } else {
                    let v = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = html[v..i].to_string();
                }
            }
            attrs.push((attr_name, unescape(&value)));
        }
        let end = i.min(bytes.len());
        // Raw text and escapable raw text elements: their content is not markup.
        if ["title", "textarea", "script", "style", "xmp"].contains(&name.as_str()) {
            let close = format!("</{name}");
            if let Some(c) = html[end..].to_ascii_lowercase().find(&close) {
                i = end + c;
            }
        }
        out.push(Tag { name, attrs, end });
    }
    out
}

/// Decodes the entities minifiers and escapers produce.
pub fn unescape(s: &str) -> String {
    s.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The text content of the first `<name>` element (tags inside removed, entities decoded).
pub fn text_of(html: &str, name: &str) -> Option<String> {
    let tag = tags(html).into_iter().find(|t| t.name == name)?;
    let close = format!("</{name}>");
    let end = html[tag.end..].find(&close)? + tag.end;
    Some(unescape(&strip_tags(&html[tag.end..end])).trim().to_string())
}

/// Removes every tag from an HTML fragment.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `(hreflang, href)` of every `<link rel=alternate hreflang=…>`.
pub fn alternates(html: &str) -> Vec<(String, String)> {
    tags(html)
        .into_iter()
        .filter(|t| t.name == "link" && t.attr("rel") == Some("alternate") && t.attr("hreflang").is_some())
        .map(|t| (t.attr("hreflang").unwrap().to_string(), t.attr("href").unwrap_or_default().to_string()))
        .collect()
}

/// The canonical URL.
pub fn canonical(html: &str) -> Option<String> {
    tags(html).into_iter().find(|t| t.name == "link" && t.attr("rel") == Some("canonical")).and_then(|t| t.attr("href").map(str::to_string))
}

/// `(lang, dir)` of `<html>`.
pub fn html_lang_dir(html: &str) -> (String, String) {
    let t = tags(html).into_iter().find(|t| t.name == "html").expect("an <html> tag");
    (t.attr("lang").unwrap_or_default().to_string(), t.attr("dir").unwrap_or_default().to_string())
}

/// The part of `html` between the first `<{name}` whose attributes contain `class_or_label` and
/// its matching close (`</{name}>`, nesting counted).
pub fn element<'a>(html: &'a str, name: &str, marker: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut from = 0;
    while let Some(p) = html[from..].find(&open) {
        let start = from + p;
        let tag_end = html[start..].find('>')? + start + 1;
        if html[start..tag_end].contains(marker) {
            let mut depth = 1;
            let mut i = tag_end;
            while depth > 0 {
                let next_open = html[i..].find(&open).map(|x| x + i);
                let next_close = html[i..].find(&close)? + i;
                match next_open {
                    Some(o) if o < next_close => {
                        depth += 1;
                        i = o + open.len();
                    }
                    _ => {
                        depth -= 1;
                        i = next_close + close.len();
                    }
                }
            }
            return Some(&html[start..i]);
        }
        from = tag_end;
    }
    None
}

/// `(href, text)` of every `<a>` in a fragment.
pub fn links(fragment: &str) -> Vec<(String, String)> {
    tags(fragment)
        .into_iter()
        .filter(|t| t.name == "a")
        .map(|t| {
            let end = fragment[t.end..].find("</a>").map_or(t.end, |e| e + t.end);
            (t.attr("href").unwrap_or_default().to_string(), unescape(&strip_tags(&fragment[t.end..end])).trim().to_string())
        })
        .collect()
}

/// Replaces the 10-hex-digit content hash in asset names by `HASH`, so lists do not change
/// whenever the theme's CSS does.
pub fn unhash(path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    parts.iter().map(|p| if p.len() == 10 && p.chars().all(|c| c.is_ascii_hexdigit()) { "HASH" } else { p }).collect::<Vec<_>>().join(".")
}
