//! The output plan: every file a build writes is claimed, with its owner, before anything is
//! written, so two sources can never silently claim one path (an alias over a page, a content
//! file over a theme asset, a page named `sitemap.xml`). A feature that writes files claims them
//! here; the staging folder (`output::Staging`) refuses a write that was not planned.

use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Who claimed an output path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// What it is, in an editor's words ("the page", "an alias of", "the theme's assets").
    pub what: String,
    /// The file that asks for the output (or plein itself: empty).
    pub path: PathBuf,
    /// 1-based line in that file (0: the file as a whole).
    pub line: usize,
    /// 1-based column (0: unknown).
    pub column: usize,
}

impl Owner {
    pub(crate) fn new(what: impl Into<String>, path: impl Into<PathBuf>, line: usize, column: usize) -> Owner {
        Owner { what: what.into(), path: path.into(), line, column }
    }

    /// A path plein itself writes (`sitemap.xml`, `_headers`, …).
    pub fn plein(what: &str) -> Owner {
        Owner::new(format!("plein's {what}"), PathBuf::new(), 0, 0)
    }

    fn describe(&self) -> String {
        if self.path.as_os_str().is_empty() {
            self.what.clone()
        } else if self.line > 0 {
            format!("{} {}:{}:{}", self.what, self.path.display(), self.line, self.column)
        } else {
            format!("{} {}", self.what, self.path.display())
        }
    }
}

/// Output paths (`/`-separated, below the output folder) and folders, with their owners.
#[derive(Debug, Default)]
pub struct OutputPlan {
    files: BTreeMap<String, Owner>,
    /// Folders that belong entirely to one owner (`assets/`, a search bundle): nothing else may
    /// claim a path inside them.
    folders: BTreeMap<String, Owner>,
    /// Paths two owners claimed: reported once, then written by neither (no second error).
    conflicted: std::collections::BTreeSet<String>,
    errors: Vec<Diagnostic>,
}

impl OutputPlan {
    /// Claims the file at `rel` for `owner`. A second claim is an error at the later owner's
    /// position that names the first.
    pub fn claim(&mut self, rel: &str, owner: Owner) {
        let rel = rel.trim_start_matches('/').to_string();
        if let Some(folder) = self.folder_of(&rel) {
            let first = self.folders[&folder].clone();
            if first != owner {
                self.conflict(&rel, &first, owner);
            }
            return;
        }
        match self.files.get(&rel) {
            Some(first) if *first == owner => {}
            Some(first) => {
                let first = first.clone();
                self.conflict(&rel, &first, owner);
            }
            None => {
                self.files.insert(rel, owner);
            }
        }
    }

    /// Claims a whole folder (`assets/`) for `owner`.
    pub(crate) fn claim_folder(&mut self, rel: &str, owner: Owner) {
        let rel = format!("{}/", rel.trim_matches('/'));
        if let Some(first) = self.folders.get(&rel).cloned() {
            self.conflict(&rel, &first, owner);
            return;
        }
        let inside: Vec<(String, Owner)> =
            self.files.range(rel.clone()..).take_while(|(k, _)| k.starts_with(&rel)).map(|(k, v)| (k.clone(), v.clone())).collect();
        for (path, other) in inside {
            self.files.remove(&path);
            self.conflict(&path, &owner, other);
        }
        self.folders.insert(rel, owner);
    }

    /// Whether `rel` was planned (a file claimed, or inside a claimed folder).
    pub(crate) fn contains(&self, rel: &str) -> bool {
        let rel = rel.trim_start_matches('/');
        self.files.contains_key(rel) || self.folder_of(rel).is_some()
    }

    fn folder_of(&self, rel: &str) -> Option<String> {
        let mut end = 0;
        while let Some(i) = rel[end..].find('/') {
            end += i + 1;
            if self.folders.contains_key(&rel[..end]) {
                return Some(rel[..end].to_string());
            }
        }
        None
    }

    /// Whether `rel` was claimed twice (its error is already reported).
    pub(crate) fn is_conflicted(&self, rel: &str) -> bool {
        self.conflicted.contains(rel.trim_start_matches('/'))
    }

    fn conflict(&mut self, rel: &str, first: &Owner, second: Owner) {
        self.conflicted.insert(rel.to_string());
        let target = if second.path.as_os_str().is_empty() { first.clone() } else { second.clone() };
        let other = if second.path.as_os_str().is_empty() { second } else { first.clone() };
        self.errors.push(
            Diagnostic::error(
                &target.path,
                target.line,
                target.column,
                format!("{} would be written to `{rel}`, which {} already writes", target.what, other.describe()),
            )
            .with_help("every output path has one owner: rename the file, change the slug, or remove the alias"),
        );
    }

    /// The conflicts found, including a file claimed where another claim needs a folder
    /// (`a.html` and `a.html/index.html`).
    pub fn finish(&mut self) -> Vec<Diagnostic> {
        let mut extra = Vec::new();
        for (rel, owner) in &self.files {
            let mut end = 0;
            while let Some(i) = rel[end..].find('/') {
                end += i;
                if let Some(first) = self.files.get(&rel[..end]) {
                    extra.push((rel.clone(), first.clone(), owner.clone()));
                }
                end += 1;
            }
        }
        for (rel, first, second) in extra {
            self.conflict(&rel, &first, second);
        }
        std::mem::take(&mut self.errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(p: &str) -> Owner {
        Owner::new("the page", p, 1, 1)
    }

    #[test]
    fn second_claim_is_an_error_naming_the_first() {
        let mut plan = OutputPlan::default();
        plan.claim("hours/index.html", page("content/en/hours.md"));
        plan.claim("hours/index.html", Owner::new("an alias of", "content/en/other.md", 3, 5));
        let errors = plan.finish();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, PathBuf::from("content/en/other.md"));
        assert_eq!((errors[0].line, errors[0].column), (3, 5));
        assert!(errors[0].message.contains("content/en/hours.md"), "{}", errors[0].message);
    }

    #[test]
    fn folders_are_owned_whole() {
        let mut plan = OutputPlan::default();
        plan.claim_folder("assets", Owner::plein("theme assets"));
        plan.claim("assets/app.js", page("content/en/assets/app.js"));
        plan.claim("assets/style.123.css", Owner::plein("theme assets"));
        plan.claim("sitemap.xml", Owner::plein("sitemap"));
        plan.claim("sitemap.xml/index.html", page("content/en/x.md"));
        let errors = plan.finish();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(plan.contains("assets/style.123.css"));
        assert!(!plan.contains("other.css"));
    }

    #[test]
    fn the_same_owner_may_claim_twice() {
        let mut plan = OutputPlan::default();
        plan.claim("a", page("x"));
        plan.claim("a", page("x"));
        assert!(plan.finish().is_empty());
    }
}
