//! Diagnostics: every problem plein finds in a site, with the file and position where the user
//! can fix it.
//!
//! Stages never print: they return or collect [`Diagnostic`]s, and `main` formats them. A build
//! keeps going after an error so that all problems of a site are reported in one run.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot produce a correct site.
    Error,
    /// The site is built, but something deserves a look.
    Warning,
}

/// One problem, positioned in the user's file (1-based line and column; 0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in, as the site names it.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem is the file as a whole.
    pub line: usize,
    /// 1-based column, counted in characters; 0 when unknown.
    pub column: usize,
    /// What is wrong, in an editor's words.
    pub message: String,
    /// How to fix it, when plein can say.
    pub help: Option<String>,
    /// Cause and consequences; boxed, as diagnostics travel in `Result`s that should stay small.
    cascade: Option<Box<Cascade>>,
}

/// How a diagnostic relates to others.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Cascade {
    /// Set on a problem that only exists because another file failed (a link to a page that did
    /// not load): [`Diagnostics::into_sorted`] folds it into that file's error.
    follows: Option<Follows>,
    /// Consequences folded into this error, in file order.
    folded: Vec<Diagnostic>,
}

/// The file whose error causes a diagnostic, and what kind of consequence it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Follows {
    pub(crate) cause: PathBuf,
    pub(crate) what: Consequence,
}

/// Kinds of consequences, as they are counted in the cause's note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Consequence {
    /// A link to a page that did not load.
    Link,
    /// A translation of a page that did not load.
    Translation,
    /// A progress update of a commitment on a page that did not load.
    ProgressUpdate,
}

impl Consequence {
    fn count(self, n: usize) -> String {
        let (one, many) = match self {
            Consequence::Link => ("link to it", "links to it"),
            Consequence::Translation => ("translation of it", "translations of it"),
            Consequence::ProgressUpdate => ("progress update of its commitments", "progress updates of its commitments"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

impl Diagnostic {
    /// An error at a position in a file.
    pub(crate) fn error(path: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, path: path.into(), line, column, message: message.into(), help: None, cascade: None }
    }

    /// A warning at a position in a file.
    pub(crate) fn warning(path: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, line, column, message) }
    }

    /// Adds a hint on how to fix the problem.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Marks the problem as a consequence of the error in `cause` (see [`Follows`]).
    pub(crate) fn following(mut self, cause: impl Into<PathBuf>, what: Consequence) -> Self {
        self.cascade.get_or_insert_default().follows = Some(Follows { cause: cause.into(), what });
        self
    }

    /// Shows the path relative to `root` when it lies inside it.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.path.strip_prefix(root) {
            self.path = rel.to_path_buf();
        }
        if let Some(cascade) = &mut self.cascade {
            cascade.folded = std::mem::take(&mut cascade.folded).into_iter().map(|d| d.relative_to(root)).collect();
        }
        self
    }

    /// The diagnostic as [`Display`](fmt::Display) writes it, with the source line it points at
    /// and a caret under the column (as rustc shows them), read from `root.join(path)`.
    pub fn with_source(&self, root: &Path) -> String {
        let text = self.to_string();
        let Some(snippet) = self.snippet(root) else { return text };
        match text.split_once('\n') {
            Some((first, rest)) => format!("{first}\n{snippet}\n{rest}"),
            None => format!("{text}\n{snippet}"),
        }
    }

    fn snippet(&self, root: &Path) -> Option<String> {
        use std::io::BufRead;
        if self.line == 0 {
            return None;
        }
        let path = if self.path.is_absolute() { self.path.clone() } else { root.join(&self.path) };
        let file = std::fs::File::open(path).ok()?;
        let mut reader = std::io::BufReader::new(file);
        let mut bytes = Vec::new();
        for _ in 0..self.line {
            bytes.clear();
            if reader.read_until(b'\n', &mut bytes).ok()? == 0 {
                return None;
            }
        }
        let line = String::from_utf8_lossy(&bytes);
        let line = line.trim_end_matches(['\n', '\r']).trim_start_matches('\u{feff}');
        // Long lines are shown around the column, so the caret stays on screen.
        const WIDTH: usize = 100;
        let chars: Vec<char> = line.chars().collect();
        let column = self.column.max(1).min(chars.len() + 1);
        let start = if chars.len() > WIDTH { column.saturating_sub(WIDTH / 2).min(chars.len().saturating_sub(WIDTH)) } else { 0 };
        let end = (start + WIDTH).min(chars.len());
        let shown: String = chars[start..end].iter().collect();
        let lead = if start > 0 { "…" } else { "" };
        let tail = if end < chars.len() { "…" } else { "" };
        let number = self.line.to_string();
        let gutter = " ".repeat(number.len());
        let mut out = format!("{gutter} |\n{number} | {lead}{shown}{tail}");
        if self.column > 0 {
            // Tabs before the column are repeated so the caret lines up in any terminal.
            let pad: String = chars[start..column - 1].iter().map(|c| if *c == '\t' { '\t' } else { ' ' }).collect();
            out.push_str(&format!("\n{gutter} | {}{pad}^", if start > 0 { " " } else { "" }));
        }
        Some(out)
    }

    /// Whether this is an error (the build fails) rather than a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The error this one is a consequence of, if any.
    pub(crate) fn follows(&self) -> Option<&Follows> {
        self.cascade.as_ref()?.follows.as_ref()
    }

    /// The consequences folded into this error.
    pub(crate) fn folded(&self) -> &[Diagnostic] {
        self.cascade.as_ref().map_or(&[], |c| &c.folded)
    }

    /// `path:line:column` (as far as known).
    pub(crate) fn position(&self) -> String {
        let path = self.path.display();
        match (self.line, self.column) {
            (0, _) => format!("{path}"),
            (line, 0) => format!("{path}:{line}"),
            (line, column) => format!("{path}:{line}:{column}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {kind}: {}", self.position(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        let folded = self.folded();
        if !folded.is_empty() {
            let mut kinds: Vec<Consequence> = folded.iter().filter_map(|d| d.follows().map(|w| w.what)).collect();
            kinds.sort();
            kinds.dedup();
            let counts: Vec<String> =
                kinds.iter().map(|k| k.count(folded.iter().filter(|d| d.follows().is_some_and(|w| w.what == *k)).count())).collect();
            let places: Vec<String> = folded.iter().take(3).map(Diagnostic::position).collect();
            let more = if folded.len() > 3 { ", …" } else { "" };
            write!(f, "\n  note: … and {} ({}{more}), which work again once this is fixed", counts.join(", "), places.join(", "))?;
        }
        Ok(())
    }
}

/// A thread-safe list of diagnostics, shared by the stages of one build.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn push(&self, diagnostic: Diagnostic) {
        self.lock().push(diagnostic);
    }

    pub(crate) fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.lock().extend(diagnostics);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.lock().iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file and position so the report is the same on every run,
    /// whatever the thread scheduling. A consequence of another file's error is folded into the
    /// first error of that file (root cause first, no cascade); one whose cause reported no
    /// error stays on its own.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().unwrap_or_else(|e| e.into_inner());
        let order = |a: &Diagnostic, b: &Diagnostic| {
            (&a.path, a.line, a.column, a.severity, &a.message).cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
        };
        items.sort_by(order);
        items.dedup();
        let (consequences, mut items): (Vec<Diagnostic>, Vec<Diagnostic>) = items.into_iter().partition(|d| d.follows().is_some());
        for consequence in consequences {
            let cause = consequence.follows().map(|f| f.cause.clone()).unwrap_or_default();
            match items.iter_mut().find(|d| d.is_error() && d.path == cause) {
                Some(error) => error.cascade.get_or_insert_default().folded.push(consequence),
                None => items.push(consequence),
            }
        }
        items.sort_by(order);
        items
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Diagnostic>> {
        // A panic while holding the lock cannot leave the Vec inconsistent.
        self.items.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Maps byte offsets in a text to 1-based line and column (columns count characters).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// Line and column of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_position_and_help() {
        let d = Diagnostic::error("content/nl/a.md", 3, 7, "bad thing").with_help("do this");
        assert_eq!(d.to_string(), "content/nl/a.md:3:7: error: bad thing\n  help: do this");
        let w = Diagnostic::warning("site.yaml", 0, 0, "hmm");
        assert_eq!(w.to_string(), "site.yaml: warning: hmm");
    }

    #[test]
    fn line_index_counts_characters() {
        let idx = LineIndex::new("ab\ncdé\nf");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(7), (2, 4));
        assert_eq!(idx.position(8), (3, 1));
    }

    #[test]
    fn sorted_and_deduplicated() {
        let ds = Diagnostics::new();
        ds.push(Diagnostic::error("b", 1, 1, "x"));
        ds.push(Diagnostic::error("a", 2, 1, "y"));
        ds.push(Diagnostic::error("a", 2, 1, "y"));
        let v = ds.into_sorted();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].path, PathBuf::from("a"));
    }
}
