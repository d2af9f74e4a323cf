//! Writing the site: a staging folder that replaces the output folder only when the build
//! succeeded, minified HTML, content-hashed assets, precompressed siblings (cached by content
//! hash), the manifest, sitemap, robots.txt, redirects and the `_headers` file.

use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// What a build recorded about a file it wrote: its hash and size, and its modification time
/// (nanoseconds), which tells whether the file is still the one the build wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FileRecord {
    pub(crate) hash: blake3::Hash,
    pub(crate) size: u64,
    pub(crate) modified: u128,
    /// The file's inode and status-change time (ns), which nobody can choose: a record in the
    /// cache folder (which can be committed) matches only the very file plein left, never a file
    /// someone put in the output with the same size and modification time.
    pub(crate) inode: u64,
    pub(crate) changed: i128,
}

impl FileRecord {
    /// Whether the file at `path` is still the one this record describes: a regular file (not
    /// a link) with its size, modification time, inode and status-change time.
    fn matches(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path)
            .is_ok_and(|m| m.is_file() && FileRecord::stamp(&m) == Some((self.size, self.modified, self.inode, self.changed)))
    }

    /// Size, modification time, inode and status-change time of a file.
    fn stamp(m: &std::fs::Metadata) -> Option<(u64, u128, u64, i128)> {
        use std::os::unix::fs::MetadataExt;
        Some((m.len(), modified_nanos(m)?, m.ino(), i128::from(m.ctime()) * 1_000_000_000 + i128::from(m.ctime_nsec())))
    }

    /// This record with the current stamp of the file at `path` (after linking a file, its
    /// status-change time moves on).
    fn restamped(&self, path: &Path) -> Option<FileRecord> {
        let (size, modified, inode, changed) = FileRecord::stamp(&std::fs::symlink_metadata(path).ok()?)?;
        Some(FileRecord { size, modified, inode, changed, ..*self })
    }
}

fn modified_nanos(metadata: &std::fs::Metadata) -> Option<u128> {
    metadata.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok().map(|d| d.as_nanos())
}

/// The files of the previous build (from `.plein-cache/pages-v3.tsv`, or held in memory by
/// `plein serve`): where they are, what they were, and for pages the fingerprint of the inputs
/// they were rendered from. They list every file the build left in the output but the marker
/// and `manifest.json` (which every build makes): compressed siblings and search bundles too, so
/// that a file-by-file publish knows every file the next build no longer makes.
#[derive(Default, Clone)]
pub(crate) struct Previous {
    /// The output folder the records describe.
    pub(crate) out: PathBuf,
    pub(crate) files: HashMap<String, (FileRecord, Option<String>)>,
}

impl Previous {
    /// v3: the records list every file (v2 listed no compressed siblings nor search bundles).
    const HEADER: &'static str = "plein-pages v3";

    /// Reads the records; `None` when there are none or they are not readable (a clean build).
    pub(crate) fn load(path: &Path) -> Option<Previous> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        let mut head = lines.next()?.split('\t');
        if head.next()? != Self::HEADER {
            return None;
        }
        let out = PathBuf::from(head.next()?);
        let mut files = HashMap::new();
        for line in lines {
            let mut f = line.split('\t');
            let (rel, hash, size, modified, fingerprint) = (f.next()?, f.next()?, f.next()?, f.next()?, f.next()?);
            let (inode, changed) = (f.next()?, f.next()?);
            let record = FileRecord {
                hash: blake3::Hash::from_hex(hash).ok()?,
                size: size.parse().ok()?,
                modified: modified.parse().ok()?,
                inode: inode.parse().ok()?,
                changed: changed.parse().ok()?,
            };
            files.insert(rel.to_string(), (record, Some(fingerprint.to_string()).filter(|f| f != "-")));
        }
        Some(Previous { out, files })
    }

    /// The records of a published build, with the fingerprints of the pages among them. Files
    /// the publish placed (or linked) are stamped now: renaming and linking moved their
    /// status-change times on; kept files keep their records as they were, unread.
    pub(crate) fn from_published(out: &Path, published: Published, fingerprints: &HashMap<String, String>) -> Previous {
        let files = published
            .records
            .into_iter()
            .filter_map(|(rel, r)| {
                let r = if r.inode == 0 { r.restamped(&out.join(&rel))? } else { r };
                let fingerprint = fingerprints.get(&rel).cloned();
                Some((rel, (r, fingerprint)))
            })
            .collect();
        Previous { out: out.to_path_buf(), files }
    }

    /// Writes the records to `path`.
    pub(crate) fn save(&self, path: &Path) -> std::io::Result<()> {
        use std::fmt::Write as _;
        let mut text = format!("{}\t{}\n", Self::HEADER, self.out.display());
        let sorted: BTreeMap<&String, &(FileRecord, Option<String>)> = self.files.iter().collect();
        for (rel, (r, fingerprint)) in sorted {
            let fingerprint = fingerprint.as_deref().unwrap_or("-");
            let _ = writeln!(text, "{rel}\t{}\t{}\t{}\t{fingerprint}\t{}\t{}", r.hash.to_hex(), r.size, r.modified, r.inode, r.changed);
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        write_atomically(path, text.as_bytes()).map_err(|d| std::io::Error::other(d.message))
    }
}

/// Removes a folder and everything in it, subfolders in parallel: the previous output of a
/// large site holds tens of thousands of files, and removing them one by one would take longer
/// than the rebuild itself. Symbolic links are removed, never followed.
pub(crate) fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        // A link (or a file) in place of a folder: remove the link itself, never its target.
        let _ = std::fs::remove_file(dir);
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let entries: Vec<_> = entries.flatten().collect();
    entries.par_iter().for_each(|entry| {
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_tree(&entry.path());
        } else {
            let _ = std::fs::remove_file(entry.path());
        }
    });
    let _ = std::fs::remove_dir(dir);
}

/// The file every output folder plein writes carries, so that a later build replaces only a
/// folder it recognises as its own (`docs/security.md`, guarantee 2).
pub(crate) const MARKER: &str = ".plein-output";
const MARKER_TEXT: &str = "This folder was written by plein. plein replaces it on every build; do not keep other files here.\n";

/// Where the output folder may be: never a link, never the site itself or a folder that
/// contains it, never inside the site's sources or its theme. Paths are compared after
/// resolving every link, so `public -> ..` or `--out content/../content` are caught.
pub fn check_output_location(root: &Path, out: &Path, theme_dir: Option<&Path>) -> Result<(), Diagnostic> {
    let refuse = |message: String, help: &str| Err(Diagnostic::error(out, 0, 0, message).with_help(help));
    match std::fs::symlink_metadata(out) {
        Ok(m) if m.file_type().is_symlink() => {
            return refuse(
                "the output folder is a symbolic link; plein never writes or deletes through a link".into(),
                "remove the link and let plein create a real folder; to publish into a web root, copy or sync public/ there after the build (rsync -a --delete public/ /var/www/site/)",
            )
        }
        Ok(m) if !m.is_dir() => {
            return refuse(
                "the output path is a file, not a folder".into(),
                "move the file away (mv public public.old) or choose another output folder with --out",
            )
        }
        _ => {}
    }
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let out_real = resolve_missing(out);
    if root.starts_with(&out_real) {
        return refuse(
            format!("the output folder {} is the site's folder or contains it", out_real.display()),
            "choose a folder inside the site such as public/, or one outside it",
        );
    }
    let mut sources: Vec<PathBuf> = ["content", "locales", "themes", "templates", "static"].iter().map(|s| root.join(s)).collect();
    sources.extend(theme_dir.map(resolve_missing));
    for source in sources {
        let source = resolve_missing(&source);
        if out_real.starts_with(&source) {
            return refuse(
                format!("the output folder {} is inside the site's sources ({})", out_real.display(), source.display()),
                "choose a folder outside the sources, like public/",
            );
        }
    }
    Ok(())
}

/// `path` with every existing ancestor resolved through its links and the rest appended.
fn resolve_missing(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut out = real;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(p) => out.push(p),
                    _ => {}
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Whether an existing output folder is one plein may replace: empty, or carrying plein's
/// marker, or (written by an older plein) holding exactly the files its `manifest.json` lists.
pub(crate) fn check_owned(out: &Path) -> Result<(), Diagnostic> {
    let Ok(meta) = std::fs::symlink_metadata(out) else { return Ok(()) };
    if meta.file_type().is_symlink() || !meta.is_dir() {
        return Err(Diagnostic::error(out, 0, 0, "the output path is not a folder plein wrote")
            .with_help("move it away (mv public public.old) or choose another folder with --out"));
    }
    if is_ours(out) || std::fs::read_dir(out).is_ok_and(|mut d| d.next().is_none()) {
        return Ok(());
    }
    Err(Diagnostic::error(out, 0, 0, "the output folder exists and was not written by plein; plein will not replace it")
        .with_help("move it aside (mv public public.old) and build again, or choose an empty folder with --out; plein replaces only folders it wrote itself"))
}

/// A folder plein wrote: a real folder with the marker, or an older plein's output whose
/// manifest lists exactly its files.
fn is_ours(dir: &Path) -> bool {
    if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return false;
    }
    let marker = dir.join(MARKER);
    if std::fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        return std::fs::read_to_string(&marker).is_ok_and(|t| t == MARKER_TEXT);
    }
    let Ok(manifest) = std::fs::read(dir.join("manifest.json")) else { return false };
    let Ok(manifest) = serde_json::from_slice::<serde_json::Value>(&manifest) else { return false };
    let Some(listed) = manifest.get("files").and_then(|f| f.as_object()) else { return false };
    let mut found = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let Ok(entry) = entry else { return false };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        if rel != "manifest.json" {
            found.insert(rel);
        }
    }
    found.len() == listed.len() && listed.keys().all(|k| found.contains(k))
}

/// `dir`, plein's cache folder for this build: created, and checked with [`own_cache_dir`] when
/// it lies inside the site (where a committed link could point it elsewhere).
pub(crate) fn ensure_cache_dir(root: &Path, dir: &Path) -> Result<PathBuf, Diagnostic> {
    match dir.strip_prefix(root) {
        Ok(rel) => own_cache_dir(root, &rel.to_string_lossy().replace('\\', "/")),
        Err(_) => {
            std::fs::create_dir_all(dir).map_err(|e| Diagnostic::error(dir, 0, 0, format!("cannot create the cache folder: {e}")))?;
            Ok(dir.to_path_buf())
        }
    }
}

/// A folder of plein's own below the site (`.plein-cache/…`): created if missing, refused if it
/// or `.plein-cache` is a link (a committed link would make plein write elsewhere).
pub(crate) fn own_cache_dir(root: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
    let mut dir = root.to_path_buf();
    for part in rel.split('/') {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(Diagnostic::error(
                    &dir,
                    0,
                    0,
                    "plein's cache folder is a link or a file; plein writes its cache only into a real folder",
                )
                .with_help("delete it (rm .plein-cache/… or rm -r .plein-cache) and add .plein-cache/ to .gitignore"))
            }
            Err(_) => {
                std::fs::create_dir(&dir).map_err(|e| Diagnostic::error(&dir, 0, 0, format!("cannot create the cache folder: {e}")))?
            }
        }
    }
    Ok(dir)
}

/// Puts the file `from` at `to`, replacing what is there: as a hard link where the file system
/// allows (the same bytes are not written again), else as a copy. For files that never change
/// in place (cache entries, build output).
pub(crate) fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    let _ = std::fs::remove_file(to);
    std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()))
}

/// Feeds a program's identity (size and modification time) to `hasher`: outputs cached for one
/// version of plein or Pagefind must not be taken for another's.
pub(crate) fn hash_program(hasher: &mut blake3::Hasher, program: &Path) {
    if let Ok(m) = std::fs::metadata(program) {
        hasher.update(&m.len().to_le_bytes());
        hasher.update(format!("{:?}", m.modified().ok()).as_bytes());
    }
}

/// Joins `rel` to `dir`, refusing any path that would leave `dir`.
pub fn safe_join(dir: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
    let relative = Path::new(rel.trim_start_matches('/'));
    let safe = relative.components().all(|c| matches!(c, Component::Normal(_)));
    if !safe || rel.contains('\0') || rel.is_empty() {
        return Err(Diagnostic::error(rel, 0, 0, "refusing to write outside the output folder")
            .with_help("page paths, slugs and aliases may not contain `..`"));
    }
    Ok(dir.join(relative))
}

/// A folder the build writes its new and changed files into, and that becomes part of the
/// output only when the build succeeded.
///
/// A build of the same output folder as last time (its records describe this folder) writes
/// only what changed: a page whose inputs did not change ([`Staging::reuse`]), or a file whose
/// bytes are those of the previous build ([`Staging::write`]), is *kept* where it is in the
/// output, untouched, as long as it is still the very file that build left (its record's size,
/// times and inode). [`Staging::publish`] then takes one of two forms:
///
/// - **file by file**, when most files are kept: every file the build no longer makes, and every
///   file a staged one replaces, is renamed into a backup folder `.NAME.old-PID` beside the
///   output, then each staged file is renamed into the output. If a step fails, the steps done
///   so far are undone in reverse order, so a failed publish leaves the previous output as it
///   was. Only the changed files are touched: a one-page rebuild of 30,000 pages renames a
///   handful of files instead of linking 30,000.
/// - **the whole folder**, when there is nothing to keep (a first or clean build) or most files
///   changed: the kept files are hard-linked into the staging folder and the two folders are
///   swapped with two renames.
///
/// A crash (power loss, `kill -9`) in the middle of a file-by-file publish leaves the output a
/// mix of old and new files, each of them whole (each is placed by one rename), plus the backup
/// and staging folders. The build removes its records (`.plein-cache/pages-v3.tsv`) before the
/// first rename, so the next build trusts nothing of that mix: it keeps no file, renders every
/// page, replaces the folder whole and removes the two leftover folders (they carry the marker).
pub(crate) struct Staging {
    dir: PathBuf,
    out: PathBuf,
    /// Every file written into the staging folder, for the manifest (the jobs that write the
    /// files hash them, so the manifest need not read them back) and the next build's records.
    written: std::sync::Mutex<HashMap<String, FileRecord>>,
    /// Files of the previous output that stay as they are, with their records.
    kept: std::sync::Mutex<HashMap<String, FileRecord>>,
    /// The previous build's files (empty for a clean build or a check).
    previous: Previous,
    /// The build's output plan: a write outside it is a bug in plein, refused.
    plan: Option<crate::plan::OutputPlan>,
}

/// What a publish left in the output: every file with its record.
pub(crate) struct Published {
    pub(crate) records: HashMap<String, FileRecord>,
}

impl Staging {
    /// Creates a fresh staging folder next to `out` (same file system, so every move is a rename).
    pub(crate) fn create(out: &Path) -> Result<Staging, Diagnostic> {
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .map_err(|e| Diagnostic::error(parent, 0, 0, format!("cannot create the output's parent folder: {e}")))?;
        let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
        // Folders left by a build that was killed: removed only when they carry the marker.
        if let Ok(entries) = std::fs::read_dir(parent) {
            let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
            for entry in entries.flatten() {
                let file = entry.file_name().to_string_lossy().to_string();
                if prefixes.iter().any(|p| file.starts_with(p)) && is_ours(&entry.path()) {
                    remove_tree(&entry.path());
                }
            }
        }
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if std::fs::symlink_metadata(&dir).is_ok() {
            return Err(Diagnostic::error(&dir, 0, 0, "a staging folder of this name exists and was not written by plein")
                .with_help("remove it by hand"));
        }
        std::fs::create_dir(&dir).map_err(|e| Diagnostic::error(&dir, 0, 0, format!("cannot create the staging folder: {e}")))?;
        std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| Diagnostic::error(&dir, 0, 0, format!("cannot write: {e}")))?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            written: Default::default(),
            kept: Default::default(),
            previous: Previous::default(),
            plan: None,
        })
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Lets this build keep the files of the previous one (if they describe this output folder).
    pub(crate) fn with_previous(mut self, previous: Previous) -> Staging {
        if previous.out == self.out {
            self.previous = previous;
        }
        self
    }

    /// Refuses, from now on, every write that `plan` does not list.
    pub(crate) fn with_plan(mut self, plan: crate::plan::OutputPlan) -> Staging {
        self.plan = Some(plan);
        self
    }

    /// Keeps the previous build's page at `rel` if it was rendered from inputs with this
    /// `fingerprint` and is still in the output as that build left it; `false` means it must be
    /// rendered.
    pub(crate) fn reuse(&self, rel: &str, fingerprint: &str) -> bool {
        let rel = rel.trim_start_matches('/');
        let Some((record, fp)) = self.previous.files.get(rel) else { return false };
        if fp.as_deref() != Some(fingerprint) || !self.previous_still_there(rel, record) {
            return false;
        }
        self.keep(rel, *record);
        true
    }

    /// Keeps the previous build's file at `rel` if it is still as that build left it.
    fn keep_previous(&self, rel: &str) -> bool {
        let Some((record, _)) = self.previous.files.get(rel) else { return false };
        if !self.previous_still_there(rel, record) {
            return false;
        }
        self.keep(rel, *record);
        true
    }

    fn previous_still_there(&self, rel: &str, record: &FileRecord) -> bool {
        safe_join(&self.out, rel).is_ok_and(|path| record.matches(&path))
    }

    fn keep(&self, rel: &str, record: FileRecord) {
        if let Ok(mut written) = self.written.lock() {
            if written.remove(rel).is_some() {
                if let Ok(path) = self.path_of(rel) {
                    let _ = std::fs::remove_file(path);
                }
            }
        }
        if let Ok(mut kept) = self.kept.lock() {
            kept.insert(rel.to_string(), record);
        }
    }

    /// The files the build made so far (written or kept), with their records.
    pub(crate) fn records(&self) -> HashMap<String, FileRecord> {
        let mut all = self.written.lock().map(|w| w.clone()).unwrap_or_default();
        if let Ok(kept) = self.kept.lock() {
            all.extend(kept.iter().map(|(k, v)| (k.clone(), *v)));
        }
        all
    }

    /// The bytes of a file the build made, written or kept.
    pub(crate) fn read(&self, rel: &str) -> Option<Vec<u8>> {
        let rel = rel.trim_start_matches('/');
        let kept = self.kept.lock().ok()?.contains_key(rel);
        let path = if kept { safe_join(&self.out, rel).ok()? } else { self.path_of(rel).ok()? };
        std::fs::read(path).ok()
    }

    /// Writes a file at `rel` (a `/`-separated path below the output), refusing any path that
    /// would leave the output folder.
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.path_of(rel)?;
        if self.plan.as_ref().is_some_and(|plan| plan.is_conflicted(rel)) {
            return Ok(());
        }
        if self.plan.as_ref().is_some_and(|plan| !plan.contains(rel)) {
            return Err(Diagnostic::error(&path, 0, 0, format!("plein wrote `{rel}` without planning it first"))
                .with_help("this is a bug in plein: every output is claimed in the output plan (src/plan.rs)"));
        }
        self.write_unplanned(rel, bytes)
    }

    /// [`Staging::write`] without the plan: for the compressed siblings of planned files.
    fn write_unplanned(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.path_of(rel)?;
        let key = rel.trim_start_matches('/');
        let hash = blake3::hash(bytes);
        // The same bytes as the previous build's file, which is still there: keep that file.
        if let Some((record, _)) = self.previous.files.get(key) {
            if record.hash == hash && record.size == bytes.len() as u64 && self.previous_still_there(key, record) {
                self.keep(key, *record);
                return Ok(());
            }
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(parent, 0, 0, format!("cannot create output folder for `{rel}`: {e}"))
                    .with_help("another output file may have the name of this folder; rename one of the pages")
            })?;
        }
        std::fs::write(&path, bytes).map_err(|e| {
            Diagnostic::error(&path, 0, 0, format!("cannot write `{rel}`: {e}"))
                .with_help("a folder may have the name of this file; rename one of the pages")
        })?;
        if let Ok(mut kept) = self.kept.lock() {
            kept.remove(key);
        }
        if let Ok(mut written) = self.written.lock() {
            written.insert(key.to_string(), FileRecord { hash, size: bytes.len() as u64, modified: 0, inode: 0, changed: 0 });
        }
        Ok(())
    }

    /// Writes `manifest.json`: every file of the build with its BLAKE3 hash and size, sorted,
    /// so a deploy can upload only what changed. Returns the number of files listed.
    pub(crate) fn write_manifest(&self) -> Result<usize, Diagnostic> {
        use rayon::prelude::*;
        let known = self.records();
        // Files written by others (none today, but a tool may write into the folder) are read
        // and hashed here.
        let staged: Vec<(String, PathBuf)> = walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(&self.dir).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default(), e.into_path()))
            .filter(|(rel, _)| !known.contains_key(rel))
            .collect();
        let others: Result<Vec<(String, blake3::Hash, u64)>, Diagnostic> = staged
            .into_par_iter()
            .map(|(rel, path)| {
                let bytes = std::fs::read(&path).map_err(|e| Diagnostic::error(&path, 0, 0, format!("cannot read: {e}")))?;
                Ok((rel, blake3::hash(&bytes), bytes.len() as u64))
            })
            .collect();
        let mut files: BTreeMap<String, serde_json::Value> = known
            .iter()
            .map(|(rel, r)| (rel.clone(), serde_json::json!({ "blake3": r.hash.to_hex().to_string(), "size": r.size })))
            .collect();
        for (rel, hash, size) in others? {
            files.insert(rel, serde_json::json!({ "blake3": hash.to_hex().to_string(), "size": size }));
        }
        let count = files.len();
        let json = serde_json::to_vec_pretty(&serde_json::json!({ "files": files })).unwrap_or_default();
        std::fs::write(self.dir.join("manifest.json"), json)
            .map_err(|e| Diagnostic::error(&self.dir, 0, 0, format!("cannot write manifest.json: {e}")))?;
        Ok(count)
    }

    fn path_of(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        safe_join(&self.dir, rel)
    }

    /// Puts the build's files into the output folder (see [`Staging`] for the two ways and what
    /// a crash leaves), and returns the records of every file it holds now; records whose file
    /// was placed by this publish carry no stamp yet (inode 0), see [`Previous::from_published`].
    pub(crate) fn publish(self) -> Result<Published, Diagnostic> {
        let kept = std::mem::take(&mut *self.kept.lock().unwrap_or_else(|e| e.into_inner()));
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        if std::fs::symlink_metadata(&self.out).is_ok() {
            check_owned(&self.out)?;
        }
        if kept.is_empty() || kept.len() < written.len() {
            self.publish_folder(kept, written)
        } else {
            self.publish_files(kept, written)
        }
    }

    /// The whole-folder form: the kept files are linked into the staging folder, which then
    /// replaces the output.
    fn publish_folder(self, kept: HashMap<String, FileRecord>, written: HashMap<String, FileRecord>) -> Result<Published, Diagnostic> {
        let mut records = written;
        for (rel, record) in kept {
            let (from, to) = (safe_join(&self.out, &rel)?, self.path_of(&rel)?);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Diagnostic::error(parent, 0, 0, format!("cannot create folder: {e}")))?;
            }
            link_or_copy(&from, &to).map_err(|e| Diagnostic::error(&to, 0, 0, format!("cannot keep `{rel}`: {e}")))?;
            // Linking moved the file's status-change time on: stamped again after publishing.
            records.insert(rel, FileRecord { inode: 0, ..record });
        }
        let old = self.sibling("old");
        let had_output = std::fs::symlink_metadata(&self.out).is_ok();
        if had_output {
            std::fs::rename(&self.out, &old)
                .map_err(|e| Diagnostic::error(&self.out, 0, 0, format!("cannot move the previous output aside: {e}")))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            if had_output {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(Diagnostic::error(&self.out, 0, 0, format!("cannot publish the new output: {e}")));
        }
        if had_output {
            remove_tree(&old);
        }
        Ok(Published { records })
    }

    /// `.NAME.KIND-PID` beside the output.
    fn sibling(&self, kind: &str) -> PathBuf {
        let name = self.out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        self.out.with_file_name(format!(".{name}.{kind}-{}", std::process::id()))
    }

    /// The file-by-file form: only what changed is moved, each step undone if a later one fails.
    fn publish_files(self, kept: HashMap<String, FileRecord>, written: HashMap<String, FileRecord>) -> Result<Published, Diagnostic> {
        let backup = self.sibling("old");
        std::fs::create_dir(&backup)
            .and_then(|()| std::fs::write(backup.join(MARKER), MARKER_TEXT))
            .map_err(|e| Diagnostic::error(&backup, 0, 0, format!("cannot create the backup folder: {e}")))?;
        let mut moves = Moves { out: &self.out, done: Vec::new(), created: Vec::new(), real: std::collections::HashSet::new() };
        // Staged files, and files written beside them (the manifest): everything in the folder.
        let mut staged: Vec<String> = walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&self.dir).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default())
            .collect();
        // The output's marker stays if it is plein's (the staging folder keeps its own, so a
        // leftover staging folder is still recognised).
        let marker_ok = std::fs::read_to_string(self.out.join(MARKER)).is_ok_and(|t| t == MARKER_TEXT);
        staged.retain(|rel| !(rel == MARKER && marker_ok));
        staged.sort();
        // Everything in the output the build does not make goes, whether the last build made it or
        // someone put it there by hand: a clean build would not have it either. The walk reads
        // the folders only (the entries' types come with them), no file.
        let made = |rel: &str| kept.contains_key(rel) || written.contains_key(rel) || rel == MARKER;
        let mut gone: Vec<String> = Vec::new();
        let mut folders: Vec<String> = Vec::new();
        for entry in walkdir::WalkDir::new(&self.out).min_depth(1).follow_links(false).into_iter().filter_map(Result::ok) {
            let rel = entry.path().strip_prefix(&self.out).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
            if entry.file_type().is_dir() {
                folders.push(rel);
            } else if !made(&rel) {
                gone.push(rel);
            }
        }
        let result = (|| {
            for rel in &gone {
                let live = safe_join(&self.out, rel)?;
                if std::fs::symlink_metadata(&live).is_ok() {
                    moves.move_out(&live, &safe_join(&backup, rel)?)?;
                }
            }
            for rel in &staged {
                let live = safe_join(&self.out, rel)?;
                if std::fs::symlink_metadata(&live).is_ok() {
                    moves.move_out(&live, &safe_join(&backup, rel)?)?;
                }
                moves.move_in(&self.path_of(rel)?, &live)?;
            }
            Ok(())
        })();
        if let Err(d) = result {
            moves.undo();
            remove_tree(&backup);
            return Err(d);
        }
        // Folders that hold no file the build makes go too, as in a clean build: deepest first,
        // each removed only if empty by then.
        let needed: std::collections::HashSet<&str> = kept
            .keys()
            .chain(written.keys())
            .flat_map(|rel| std::iter::successors(Path::new(rel.as_str()).parent(), |p| p.parent()))
            .filter_map(|p| p.to_str())
            .collect();
        folders.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
        for folder in folders.iter().filter(|f| !needed.contains(f.as_str())) {
            let _ = std::fs::remove_dir(self.out.join(folder));
        }
        remove_tree(&backup);
        remove_tree(&self.dir);
        let mut records = kept;
        records.extend(written);
        Ok(Published { records })
    }

    /// Removes the staging folder, leaving the previous output untouched.
    pub(crate) fn discard(self) {}
}

impl Drop for Staging {
    /// A staging folder that was not published (a failed build, a check) is removed. (It is
    /// small or half-written; see [`remove_tree`] for the previous output.) After a publish it
    /// is gone already.
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The renames of a file-by-file publish, so that they can be undone.
struct Moves<'a> {
    out: &'a Path,
    /// (where the file is now, where it was), in order.
    done: Vec<(PathBuf, PathBuf)>,
    /// Folders created in the output, in order.
    created: Vec<PathBuf>,
    /// Folders of the output known to be real folders, not links.
    real: std::collections::HashSet<PathBuf>,
}

impl Moves<'_> {
    /// Moves a file (or what stands in its place) of the output into the backup folder.
    fn move_out(&mut self, live: &Path, backup: &Path) -> Result<(), Diagnostic> {
        self.real_parents(live, false)?;
        if let Some(parent) = backup.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Diagnostic::error(parent, 0, 0, format!("cannot create folder: {e}")))?;
        }
        std::fs::rename(live, backup).map_err(|e| Diagnostic::error(live, 0, 0, format!("cannot move the previous file aside: {e}")))?;
        self.done.push((backup.to_path_buf(), live.to_path_buf()));
        Ok(())
    }

    /// Moves a staged file into the output.
    fn move_in(&mut self, staged: &Path, live: &Path) -> Result<(), Diagnostic> {
        #[cfg(test)]
        if tests::FAIL_AT_MOVE.with(|n| n.get() == Some(self.done.len())) {
            return Err(Diagnostic::error(live, 0, 0, "cannot publish the file: the test's planned failure"));
        }
        self.real_parents(live, true)?;
        std::fs::rename(staged, live).map_err(|e| Diagnostic::error(live, 0, 0, format!("cannot publish the file: {e}")))?;
        self.done.push((live.to_path_buf(), staged.to_path_buf()));
        Ok(())
    }

    /// Every folder between the output and `path` is a real folder (never a link, which would
    /// make plein write or remove elsewhere); missing ones are created when `create`.
    fn real_parents(&mut self, path: &Path, create: bool) -> Result<(), Diagnostic> {
        let Ok(rel) = path.strip_prefix(self.out) else { return Ok(()) };
        let mut dir = self.out.to_path_buf();
        let parts: Vec<_> = rel.components().collect();
        for part in parts.iter().take(parts.len().saturating_sub(1)) {
            dir.push(part);
            if self.real.contains(&dir) {
                continue;
            }
            match std::fs::symlink_metadata(&dir) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    return Err(Diagnostic::error(&dir, 0, 0, "the output folder holds a link or a file where plein needs a folder")
                        .with_help("plein never writes through a link: delete the output folder and build again"))
                }
                Err(_) if create => {
                    std::fs::create_dir(&dir).map_err(|e| Diagnostic::error(&dir, 0, 0, format!("cannot create folder: {e}")))?;
                    self.created.push(dir.clone());
                }
                Err(_) => return Ok(()),
            }
            self.real.insert(dir.clone());
        }
        Ok(())
    }

    /// Puts every moved file back and removes the folders created, newest first.
    fn undo(&mut self) {
        for (now, was) in self.done.drain(..).rev() {
            let _ = std::fs::rename(&now, &was);
        }
        for dir in self.created.drain(..).rev() {
            let _ = std::fs::remove_dir(&dir);
        }
    }
}

/// The first 10 hex digits of a file's BLAKE3 hash.
pub(crate) fn short_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..10].to_string()
}

/// `css/style.css` + hash → `css/style.3f9a1c2e01.css`.
pub(crate) fn hashed_name(rel: &str, bytes: &[u8]) -> String {
    let hash = short_hash(bytes);
    match rel.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') && !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
        _ => format!("{rel}.{hash}"),
    }
}

/// Extensions of text files that get precompressed siblings.
const COMPRESSIBLE: &[&str] = &["html", "css", "js", "svg", "xml", "txt", "json", "csv", "atom", "webmanifest"];

/// Writes `.br` (quality 11) and `.gz` siblings for every text file the build made, reusing
/// cached results for content seen before. A kept file whose siblings are kept too (the
/// previous build made them from the same bytes, and they are still as it left them) is not
/// read at all. Returns (files compressed, files taken from the cache or kept).
pub(crate) fn precompress(staging: &Staging, cache: &Path) -> Result<(usize, usize), Diagnostic> {
    use rayon::prelude::*;
    let _ = std::fs::create_dir_all(cache);
    let kept: std::collections::HashSet<String> = staging.kept.lock().map(|k| k.keys().cloned().collect()).unwrap_or_default();
    let mut files: Vec<String> = staging
        .records()
        .into_keys()
        .filter(|rel| Path::new(rel).extension().and_then(|x| x.to_str()).is_some_and(|x| COMPRESSIBLE.contains(&x)))
        .collect();
    files.sort();
    let results: Vec<Result<bool, Diagnostic>> = files
        .par_iter()
        .map(|rel| {
            let (br_rel, gz_rel) = (format!("{rel}.br"), format!("{rel}.gz"));
            if kept.contains(rel) && staging.keep_previous(&br_rel) && staging.keep_previous(&gz_rel) {
                return Ok(true);
            }
            let bytes = staging.read(rel).ok_or_else(|| Diagnostic::error(rel, 0, 0, "cannot read the file for compression"))?;
            let hash = blake3::hash(&bytes).to_hex().to_string();
            let (br_cache, gz_cache) = (cache.join(format!("{hash}.br")), cache.join(format!("{hash}.gz")));
            // The cache may have been tampered with (it sits in a folder that can be committed):
            // an entry is used only if it decompresses to exactly these bytes.
            let (br, gz, cached) = match cached_siblings(&br_cache, &gz_cache, &bytes) {
                Some((br, gz)) => (br, gz, true),
                None => {
                    let (br, gz) = (brotli_compress(&bytes), gzip_compress(&bytes));
                    write_atomically(&br_cache, &br)?;
                    write_atomically(&gz_cache, &gz)?;
                    (br, gz, false)
                }
            };
            staging.write_unplanned(&br_rel, &br)?;
            staging.write_unplanned(&gz_rel, &gz)?;
            Ok(cached)
        })
        .collect();
    let mut compressed = 0;
    let mut reused = 0;
    for r in results {
        if r? {
            reused += 1;
        } else {
            compressed += 1;
        }
    }
    Ok((compressed, reused))
}

/// The cached siblings of `bytes`, if both are regular files that decompress to exactly them.
fn cached_siblings(br: &Path, gz: &Path, bytes: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    use std::io::Read;
    let regular = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
    if !regular(br) || !regular(gz) {
        return None;
    }
    let (Ok(br), Ok(gz)) = (std::fs::read(br), std::fs::read(gz)) else { return None };
    let mut unbr = Vec::with_capacity(bytes.len());
    if brotli::BrotliDecompress(&mut &br[..], &mut unbr).is_err() || unbr != bytes {
        return None;
    }
    let mut ungz = Vec::with_capacity(bytes.len());
    // A bomb in the cache cannot grow past the size of the file it stands for.
    let limit = bytes.len() as u64 + 1;
    (flate2::read::GzDecoder::new(&gz[..]).take(limit).read_to_end(&mut ungz).is_ok() && ungz == bytes).then_some((br, gz))
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| Diagnostic::error(path, 0, 0, format!("cannot write the compression cache: {e}")))
}

/// Brotli at quality 11.
pub(crate) fn brotli_compress(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

/// Gzip at the best level, with no timestamp so output is reproducible.
pub(crate) fn gzip_compress(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// The `_headers` file for Netlify / Cloudflare Pages style hosts.
pub(crate) fn headers_file(base_path: &str, csp: &str) -> String {
    let security = format!(
        "  Content-Security-Policy: {csp}\n  Strict-Transport-Security: max-age=63072000; includeSubDomains\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n  X-Frame-Options: DENY\n"
    );
    format!(
        "{base_path}*\n{security}  Cache-Control: public, max-age=300, must-revalidate\n\n{base_path}assets/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    )
}

/// The Content-Security-Policy every page is served with.
pub(crate) const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// `robots.txt` pointing at the sitemap.
pub(crate) fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}

/// One URL of the sitemap with its alternates (hreflang, href).
pub(crate) struct SitemapEntry {
    pub(crate) loc: String,
    pub(crate) alternates: Vec<(String, String)>,
}

/// `sitemap.xml` with `xhtml:link` alternates.
pub(crate) fn sitemap(entries: &[SitemapEntry]) -> String {
    let esc = |s: &str| html_escape::encode_double_quoted_attribute(s).to_string();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for entry in entries {
        out.push_str(&format!("<url><loc>{}</loc>", esc(&entry.loc)));
        for (lang, href) in &entry.alternates {
            out.push_str(&format!("<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>", esc(lang), esc(href)));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        let name = hashed_name("css/style.css", b"body{}");
        assert!(name.starts_with("css/style.") && name.ends_with(".css"));
        assert_eq!(name.len(), "css/style..css".len() + 10);
    }

    #[test]
    fn staging_refuses_to_leave_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = Staging::create(&tmp.path().join("public")).unwrap();
        assert!(staging.write("../evil.html", b"x").is_err());
        assert!(staging.write("/abs/../../x", b"x").is_err());
        assert!(staging.write("ok/index.html", b"x").is_ok());
    }

    #[test]
    fn failed_build_keeps_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        let staging = Staging::create(&out).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.discard();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
        let staging = Staging::create(&out).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.publish().unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "new");
    }

    /// Builds `files` into `out` on top of `previous`, and returns the new records.
    fn build_into(out: &Path, previous: Previous, files: &[(&str, &[u8])]) -> Result<Previous, Diagnostic> {
        let staging = Staging::create(out).unwrap().with_previous(previous);
        for (rel, bytes) in files {
            staging.write(rel, bytes).unwrap();
        }
        staging.write_manifest().unwrap();
        Ok(Previous::from_published(out, staging.publish()?, &HashMap::new()))
    }

    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| !e.file_type().is_dir())
            .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().to_string(), std::fs::read(e.path()).unwrap_or_default()))
            .collect()
    }

    /// Six pages `p0/index.html` … `p5/index.html`, the first build of the publish tests.
    const SIX_PAGES: [(&str, &[u8]); 6] = [
        ("p0/index.html", b"page 0"),
        ("p1/index.html", b"page 1"),
        ("p2/index.html", b"page 2"),
        ("p3/index.html", b"page 3"),
        ("p4/index.html", b"page 4"),
        ("p5/index.html", b"page 5"),
    ];

    #[test]
    fn a_rebuild_moves_only_what_changed_and_removes_what_is_gone() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = SIX_PAGES.to_vec();
        let previous = build_into(&out, Previous::default(), &first).unwrap();
        let inode = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
        let before = inode("p1/index.html");
        // p0 changes, p5 is gone, p6 is new, the rest are the same bytes.
        let mut second: Vec<(&str, &[u8])> = first[..5].to_vec();
        second[0].1 = b"page 0, edited";
        second.push(("p6/index.html", b"page 6"));
        let records = build_into(&out, previous, &second).unwrap();
        assert_eq!(inode("p1/index.html"), before, "an unchanged file is kept, not written again");
        assert_eq!(std::fs::read(out.join("p0/index.html")).unwrap(), b"page 0, edited");
        assert_eq!(std::fs::read(out.join("p6/index.html")).unwrap(), b"page 6");
        assert!(!out.join("p5").exists(), "a page no longer made goes, with its folder");
        assert!(out.join(MARKER).exists());
        assert_eq!(records.files.len(), 6, "{:?}", records.files.keys());
        let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(manifest["files"].as_object().unwrap().len(), 7, "six pages and the marker: {manifest}");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")], "no staging or backup folder stays");
        // The result is what a clean build of the same files gives.
        let clean = tmp.path().join("clean");
        build_into(&clean, Previous::default(), &second).unwrap();
        assert_eq!(tree(&out), tree(&clean));
    }

    thread_local! {
        /// Makes the file-by-file publish fail when it has done this many renames.
        pub(super) static FAIL_AT_MOVE: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
    }

    #[test]
    fn a_failed_publish_puts_every_file_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = SIX_PAGES.to_vec();
        let previous = build_into(&out, Previous::default(), &first).unwrap();
        std::fs::write(out.join("by-hand.txt"), b"x").unwrap();
        let before = tree(&out);
        let mut second: Vec<(&str, &[u8])> = first[1..5].to_vec();
        second.push(("p0/index.html", b"page 0, edited"));
        second.push(("z/index.html", b"new"));
        // The fourth rename fails: three were done (files moved aside, one moved in).
        FAIL_AT_MOVE.with(|n| n.set(Some(3)));
        let error = build_into(&out, previous, &second).err().expect("the publish fails");
        FAIL_AT_MOVE.with(|n| n.set(None));
        assert!(error.message.contains("planned failure"), "{}", error.message);
        assert_eq!(tree(&out), before, "the previous output is as it was");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")], "no staging or backup folder stays");
    }

    #[test]
    fn a_rebuild_removes_what_the_build_does_not_make_and_writes_through_no_link() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = SIX_PAGES.to_vec();
        let previous = build_into(&out, Previous::default(), &first).unwrap();
        // Put there by hand: a file, an empty folder, and a link where the next build writes a page.
        std::fs::write(out.join("p1/notes.txt"), b"mine").unwrap();
        std::fs::create_dir_all(out.join("empty/deeper")).unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("z")).unwrap();
        let mut second: Vec<(&str, &[u8])> = first[1..5].to_vec();
        second.push(("p0/index.html", b"page 0, edited"));
        second.push(("z/index.html", b"new"));
        build_into(&out, previous, &second).unwrap();
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0, "nothing was written through the link");
        assert!(std::fs::symlink_metadata(out.join("z")).unwrap().is_dir(), "z is a folder of the build now");
        assert!(!out.join("empty").exists(), "a folder the build does not make goes");
        let clean = tmp.path().join("clean");
        build_into(&clean, Previous::default(), &second).unwrap();
        assert_eq!(tree(&out), tree(&clean), "the rebuild is what a clean build gives");
    }

    #[test]
    fn remove_tree_removes_everything_and_follows_no_link() {
        let tmp = tempfile::tempdir().unwrap();
        let keep = tmp.path().join("keep");
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::write(keep.join("precious"), b"x").unwrap();
        let tree = tmp.path().join("tree");
        for d in ["a/b/c", "d", "e/f"] {
            std::fs::create_dir_all(tree.join(d)).unwrap();
            std::fs::write(tree.join(d).join("index.html"), b"page").unwrap();
        }
        std::os::unix::fs::symlink(&keep, tree.join("a/link")).unwrap();
        remove_tree(&tree);
        assert!(!tree.exists());
        assert!(keep.join("precious").exists(), "a link's target must survive");
    }

    #[test]
    fn manifest_lists_every_file_with_its_hash() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = Staging::create(&tmp.path().join("public")).unwrap();
        staging.write("a/index.html", b"page").unwrap();
        staging.write("a/index.html", b"page, written again").unwrap();
        // Written by another tool, as the search indexer does.
        std::fs::create_dir_all(staging.dir().join("pagefind")).unwrap();
        std::fs::write(staging.dir().join("pagefind/x.js"), b"js").unwrap();
        assert_eq!(staging.write_manifest().unwrap(), 3, "the two files and plein's marker");
        let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(staging.dir().join("manifest.json")).unwrap()).unwrap();
        for (rel, bytes) in [("a/index.html", &b"page, written again"[..]), ("pagefind/x.js", &b"js"[..])] {
            assert_eq!(manifest["files"][rel]["blake3"], blake3::hash(bytes).to_hex().to_string(), "{rel}");
            assert_eq!(manifest["files"][rel]["size"], bytes.len(), "{rel}");
        }
    }

    #[test]
    fn foreign_and_linked_outputs_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        let victim = tmp.path().join("victim");
        std::fs::create_dir_all(&victim).unwrap();
        std::fs::write(victim.join("precious"), "x").unwrap();
        std::os::unix::fs::symlink(&victim, site.join("public")).unwrap();
        std::os::unix::fs::symlink(&site, tmp.path().join("to-site")).unwrap();
        assert!(check_output_location(&site, &site.join("public"), None).unwrap_err().message.contains("symbolic link"));
        assert!(check_output_location(&site, &tmp.path().join("to-site"), None).is_err());
        assert!(check_output_location(&site, &site.join("content/../content/x"), None).unwrap_err().message.contains("sources"));
        assert!(check_output_location(&site, &tmp.path().join("to-site/content/out"), None).unwrap_err().message.contains("sources"));
        assert!(check_output_location(&site, &site.join("dist"), None).is_ok());
        assert!(check_owned(&victim).unwrap_err().message.contains("not written by plein"));
        assert!(check_owned(&tmp.path().join("absent")).is_ok());
        // A leftover staging folder is removed only when it carries the marker.
        let out = tmp.path().join("out");
        std::fs::create_dir_all(tmp.path().join(".out.staging-1")).unwrap();
        std::fs::write(tmp.path().join(".out.staging-1").join(MARKER), MARKER_TEXT).unwrap();
        std::fs::create_dir_all(tmp.path().join(".out.staging-2")).unwrap();
        std::os::unix::fs::symlink(&victim, tmp.path().join(".out.old-3")).unwrap();
        Staging::create(&out).unwrap().discard();
        assert!(!tmp.path().join(".out.staging-1").exists());
        assert!(tmp.path().join(".out.staging-2").exists());
        assert!(victim.join("precious").exists());
    }

    #[test]
    fn tampered_compression_cache_is_not_used() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, cache) = (tmp.path().join("out"), tmp.path().join("cache"));
        let hash = blake3::hash(b"<p>clean</p>").to_hex().to_string();
        std::fs::create_dir_all(&cache).unwrap();
        std::fs::write(cache.join(format!("{hash}.br")), brotli_compress(b"<script>evil()</script>")).unwrap();
        std::fs::write(cache.join(format!("{hash}.gz")), gzip_compress(b"<script>evil()</script>")).unwrap();
        let staging = Staging::create(&out).unwrap();
        staging.write("index.html", b"<p>clean</p>").unwrap();
        assert_eq!(precompress(&staging, &cache).unwrap(), (1, 0));
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &std::fs::read(staging.dir().join("index.html.br")).unwrap()[..], &mut plain).unwrap();
        assert_eq!(plain, b"<p>clean</p>");
        assert_eq!(precompress(&staging, &cache).unwrap(), (0, 1), "a verified entry is reused");
    }

    #[test]
    fn gzip_is_reproducible() {
        assert_eq!(gzip_compress(b"hello hello"), gzip_compress(b"hello hello"));
    }
}
