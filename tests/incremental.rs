//! The differential property test of reuse: seeded random sequences of edits to a site (page
//! text, front matter, a translation's original, `.ftl`, `_data`, templates, `site.yaml`, pages
//! added, deleted and renamed, same-size edits with the old modification time restored, edits
//! that break the site and their repair), and after every step:
//!
//! - the incremental `build` (the previous output and `.plein-cache/pages-v3.tsv` reused) is
//!   byte-identical, file for file, to a clean build of the same sources into another folder;
//! - the `serve` build (one `RenderCache` across the sequence) equals the same clean build,
//!   except for the files `serve` does not write (documented in docs/serve.md: the search
//!   bundle, `manifest.json` and the output marker);
//! - when the edit breaks the site, all three fail with the same diagnostics and leave their
//!   previous output exactly as it was.
//!
//! The seed is printed on failure; `PLEIN_PROPTEST_SEED=N` replays one sequence,
//! `PLEIN_PROPTEST_STEPS` (edits per sequence) and `PLEIN_PROPTEST_SEQUENCES` make a larger run.

mod common;

use common::copy_dir;
use plein::build::{self, BuildOptions, BuildReport, Mode, RenderCache};
use plein::content::Drafts;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// splitmix64: a seeded generator without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// A site under test: its sources, and the three output folders.
struct Fixture {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    tmp: PathBuf,
    default: &'static str,
    others: &'static [&'static str],
    base_url: Option<String>,
    serve: Arc<RenderCache>,
    /// Pages the sequence added (site-relative paths).
    added: Vec<String>,
    /// Files a breaking edit changed, with their bytes before it.
    broken: Vec<(PathBuf, Vec<u8>)>,
    counter: usize,
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

impl Fixture {
    fn new(copy: impl FnOnce(&Path), default: &'static str, others: &'static [&'static str], base_url: Option<String>) -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy(&root);
        let tmp_path = tmp.path().to_path_buf();
        Fixture {
            _tmp: tmp,
            root,
            tmp: tmp_path,
            default,
            others,
            base_url,
            serve: Arc::new(RenderCache::default()),
            added: Vec::new(),
            broken: Vec::new(),
            counter: 0,
        }
    }

    fn options(&self, out: PathBuf, cache_dir: PathBuf, cache: Option<Arc<RenderCache>>) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            out,
            base_url: self.base_url.clone(),
            drafts: Drafts::Exclude,
            mode: Mode::Build,
            precompress: false,
            cache_dir,
            cache,
        }
    }

    fn live(&self) -> PathBuf {
        self.root.join("public")
    }

    fn serve_dir(&self) -> PathBuf {
        self.tmp.join("serve")
    }

    /// The incremental build, as `plein build` runs it after an earlier build.
    fn build(&self) -> BuildReport {
        build::run(&self.options(self.live(), self.root.join(".plein-cache").join("compressed"), None))
    }

    /// A clean build: a fresh output folder and a fresh cache.
    fn clean(&self) -> (BuildReport, PathBuf) {
        let dir = self.tmp.join("clean");
        let _ = std::fs::remove_dir_all(&dir);
        let out = dir.join("public");
        (build::run(&self.options(out.clone(), dir.join("cache").join("compressed"), None)), out)
    }

    /// The build `plein serve` runs on a change.
    fn serve(&self) -> BuildReport {
        build::run(&self.options(self.serve_dir(), self.tmp.join("serve-cache").join("compressed"), Some(self.serve.clone())))
    }

    fn files(&self, under: &str, ext: &str) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(self.root.join(under))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().to_string_lossy().ends_with(ext))
            .map(|e| e.into_path())
            .collect();
        found.sort();
        found
    }

    fn pages(&self) -> Vec<PathBuf> {
        self.files("content", ".md")
    }

    fn next(&mut self) -> usize {
        self.counter += 1;
        self.counter
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Writes `text` into `path`; with `keep_time` the file gets back its modification time (an
/// editor's `cp -p`, or two saves within one tick of the file system's clock).
fn write(path: &Path, text: &str, keep_time: bool) {
    let before = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    if let (true, Some(time)) = (keep_time, before) {
        std::fs::File::options().write(true).open(path).unwrap().set_modified(time).unwrap();
    }
}

/// Where a page's body starts (after the closing `---`).
fn body_start(text: &str) -> usize {
    text.match_indices("\n---").next().map_or(0, |(i, _)| i + 4)
}

/// One random edit; returns what it did, for the failure message.
fn edit(f: &mut Fixture, rng: &mut Rng) -> String {
    let n = f.next();
    let rel = |p: &Path, f: &Fixture| p.strip_prefix(&f.root).unwrap().display().to_string();
    if !f.broken.is_empty() && rng.below(2) == 0 {
        let (path, bytes) = f.broken.pop().unwrap();
        std::fs::write(&path, bytes).unwrap();
        return format!("repair {}", rel(&path, f));
    }
    match rng.below(15) {
        0 | 1 => {
            // Page text (a different size).
            let Some(page) = rng.pick(&f.pages()).cloned() else { return "nothing".into() };
            write(&page, &format!("{}\nA sentence {n} added.\n", read(&page)), false);
            format!("append text to {}", rel(&page, f))
        }
        2 | 3 => {
            // The same size and the old modification time: only the bytes tell.
            let Some(page) = rng.pick(&f.pages()).cloned() else { return "nothing".into() };
            let text = read(&page);
            let start = body_start(&text);
            let candidates: Vec<usize> = text[start..]
                .char_indices()
                .filter(|(i, c)| {
                    let line_start = text[start..start + i].rfind('\n').map_or(0, |l| l + 1);
                    let line = &text[start + line_start..];
                    c.is_ascii_lowercase()
                        && line.starts_with(|c: char| c.is_alphabetic())
                        && !line.lines().next().unwrap_or("").contains(['(', '{', '[', '<', '|'])
                })
                .map(|(i, _)| start + i)
                .collect();
            let Some(&at) = rng.pick(&candidates) else { return "nothing".into() };
            let old = text.as_bytes()[at];
            let new = if old == b'z' { b'a' } else { old + 1 };
            let mut bytes = text.into_bytes();
            bytes[at] = new;
            write(&page, &String::from_utf8(bytes).unwrap(), true);
            format!("same-size edit with the old mtime in {} at byte {at}", rel(&page, f))
        }
        4 => {
            // Front matter: the title, which other pages show in their navigation.
            let Some(page) = rng.pick(&f.pages()).cloned() else { return "nothing".into() };
            let text = read(&page);
            let Some(at) = text.find("\ntitle: ") else { return "nothing".into() };
            let at = at + "\ntitle: ".len();
            let at = if text[at..].starts_with(['"', '\'']) { at + 1 } else { at };
            write(&page, &format!("{}T{n} {}", &text[..at], &text[at..]), false);
            format!("retitle {}", rel(&page, f))
        }
        5 => {
            // An original that has translations: their stale notice depends on it.
            let originals: Vec<PathBuf> = f
                .pages()
                .into_iter()
                .filter(|p| {
                    let r = rel(p, f);
                    r.starts_with(&format!("content/{}/", f.default))
                        && f.others
                            .iter()
                            .any(|o| f.root.join(r.replacen(&format!("content/{}/", f.default), &format!("content/{o}/"), 1)).is_file())
                })
                .collect();
            let Some(page) = rng.pick(&originals).cloned() else { return "nothing".into() };
            write(&page, &format!("{}\nThe original changed ({n}).\n", read(&page)), rng.below(2) == 0);
            format!("change the original {}", rel(&page, f))
        }
        6 => {
            // A message.
            let Some(file) = rng.pick(&f.files("locales", ".ftl")).cloned() else { return "nothing".into() };
            let text = read(&file);
            let lines: Vec<usize> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| {
                    l.starts_with(|c: char| c.is_ascii_lowercase()) && l.contains(" = ") && l.ends_with(|c: char| c.is_alphabetic())
                })
                .map(|(i, _)| i)
                .collect();
            let Some(&line) = rng.pick(&lines) else { return "nothing".into() };
            let edited: Vec<String> =
                text.lines().enumerate().map(|(i, l)| if i == line { format!("{l} m{n}") } else { l.to_string() }).collect();
            write(&file, &(edited.join("\n") + "\n"), false);
            format!("change message line {} of {}", line + 1, rel(&file, f))
        }
        7 => {
            // A data file: a text value.
            let Some(file) = rng.pick(&f.files("content", ".yaml")).cloned() else { return "nothing".into() };
            let text = read(&file);
            let lines: Vec<usize> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| {
                    let t = l.trim_start().trim_start_matches("- ");
                    t.split_once(": ").is_some_and(|(k, v)| {
                        k != "id"
                            && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                            && v.starts_with(|c: char| c.is_alphabetic())
                            && v.ends_with(|c: char| c.is_alphabetic())
                    })
                })
                .map(|(i, _)| i)
                .collect();
            let Some(&line) = rng.pick(&lines) else { return "nothing".into() };
            let edited: Vec<String> =
                text.lines().enumerate().map(|(i, l)| if i == line { format!("{l} d{n}") } else { l.to_string() }).collect();
            write(&file, &(edited.join("\n") + "\n"), rng.below(2) == 0);
            format!("change data line {} of {}", line + 1, rel(&file, f))
        }
        8 => {
            // A template.
            let Some(file) = rng.pick(&f.files("themes", ".html")).cloned() else { return "nothing".into() };
            let text = read(&file);
            let mark = format!("<b>t{n}</b>");
            let edited = if let Some(i) = text.find("{% block content %}") {
                format!("{}{mark}{}", &text[..i + "{% block content %}".len()], &text[i + "{% block content %}".len()..])
            } else if let Some(i) = text.find("</body>") {
                format!("{}{mark}{}", &text[..i], &text[i..])
            } else if !text.contains("{% extends") {
                format!("{text}{mark}")
            } else {
                return "nothing".into();
            };
            write(&file, &edited, false);
            format!("change template {}", rel(&file, f))
        }
        9 => {
            let path = f.root.join("site.yaml");
            let text = read(&path);
            let Some(i) = text.find("organisation: ") else { return "nothing".into() };
            let end = i + text[i..].find('\n').unwrap();
            write(&path, &format!("{} O{n}{}", &text[..end], &text[end..]), false);
            "change site.yaml".into()
        }
        10 => {
            // A new page, in the default edition or as a translation of one added before.
            let (edition, name) = match (rng.below(2), rng.pick(&f.added).cloned()) {
                (0, Some(existing)) if !f.others.is_empty() => {
                    let other = f.others[rng.below(f.others.len())];
                    let name = Path::new(&existing).file_name().unwrap().to_string_lossy().to_string();
                    (other, name)
                }
                _ => (f.default, format!("extra-{n}.md")),
            };
            let page = format!("content/{edition}/{name}");
            write(&f.root.join(&page), &format!("---\ntitle: Extra {n}\n---\n\nThe text of page {n}.\n\n## Part\n\nMore.\n"), false);
            f.added.push(page.clone());
            format!("add {page}")
        }
        11 => {
            // Delete a page: one the sequence added, or a translation (it becomes a fallback).
            let page = if !f.added.is_empty() && rng.below(3) > 0 {
                f.added.remove(rng.below(f.added.len()))
            } else {
                let translations: Vec<String> = f
                    .pages()
                    .iter()
                    .map(|p| rel(p, f))
                    .filter(|r| f.others.iter().any(|o| r.starts_with(&format!("content/{o}/"))) && !r.ends_with("_index.md"))
                    .collect();
                let Some(page) = rng.pick(&translations).cloned() else { return "nothing".into() };
                page
            };
            let _ = std::fs::remove_file(f.root.join(&page));
            f.broken.retain(|(p, _)| p != &f.root.join(&page));
            format!("delete {page}")
        }
        12 => {
            let Some(i) = (!f.added.is_empty()).then(|| rng.below(f.added.len())) else { return "nothing".into() };
            let from = f.added[i].clone();
            let to = from.replace(".md", &format!("-r{n}.md"));
            std::fs::rename(f.root.join(&from), f.root.join(&to)).unwrap();
            f.broken.retain(|(p, _)| p != &f.root.join(&from));
            f.added[i] = to.clone();
            format!("rename {from} to {to}")
        }
        13 => {
            // Break the site: front matter that does not parse, or a data file that does not.
            let target = if rng.below(2) == 0 { rng.pick(&f.pages()).cloned() } else { rng.pick(&f.files("content", ".yaml")).cloned() };
            let Some(path) = target else { return "nothing".into() };
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8(bytes.clone()).unwrap();
            let broken = if path.extension().is_some_and(|e| e == "md") {
                text.replacen("\ntitle:", "\ntitle: [unclosed\nx:", 1)
            } else {
                format!("{text}\n  : : [broken\n")
            };
            write(&path, &broken, false);
            f.broken.push((path.clone(), bytes));
            format!("break {}", rel(&path, f))
        }
        _ => {
            // Touch a file without changing it: nothing may change.
            let Some(page) = rng.pick(&f.pages()).cloned() else { return "nothing".into() };
            std::fs::File::options().write(true).open(&page).unwrap().set_modified(std::time::SystemTime::now()).unwrap();
            format!("touch {}", rel(&page, f))
        }
    }
}

/// Every file below `dir`, by `/`-separated relative path.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn diagnostics(report: &BuildReport) -> Vec<String> {
    let mut lines: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    lines.sort();
    lines
}

/// The files that differ between two snapshots, for the failure message.
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    for (path, bytes) in a {
        match b.get(path) {
            None => out.push(format!("only in the rebuild: {path}")),
            Some(other) if other != bytes => out.push(format!("differs: {path}")),
            _ => {}
        }
    }
    out.extend(b.keys().filter(|p| !a.contains_key(*p)).map(|p| format!("only in the clean build: {p}")));
    out
}

/// Files `serve` does not write: the search bundle (no index while editing) and the manifest.
fn served(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .filter(|(path, _)| !(path.as_str() == "manifest.json" || path.split('/').any(|s| s == "pagefind")))
        .map(|(p, b)| (p.clone(), b.clone()))
        .collect()
}

/// Runs one seeded sequence of `steps` edits on a fresh fixture.
fn sequence(make: &dyn Fn() -> Fixture, seed: u64, steps: usize) -> usize {
    let mut f = make();
    let mut rng = Rng(seed);
    let mut log: Vec<String> = Vec::new();
    let fail = |log: &[String], what: String| -> ! {
        panic!("seed {seed} (replay with PLEIN_PROPTEST_SEED={seed}), after the edits:\n  {}\n{what}", log.join("\n  "))
    };
    // The first build of each kind, from nothing.
    let first = f.build();
    let first_serve = f.serve();
    assert_eq!(first.errors(), 0, "seed {seed}: the fixture does not build: {:?}", diagnostics(&first));
    assert_eq!(first_serve.errors(), 0, "seed {seed}: the fixture does not build in serve: {:?}", diagnostics(&first_serve));
    let mut edits = 0;
    for _ in 0..steps {
        let what = edit(&mut f, &mut rng);
        if what == "nothing" {
            continue;
        }
        edits += 1;
        log.push(what);
        let live_before = snapshot(&f.live());
        let serve_before = snapshot(&f.serve_dir());
        let rebuild = f.build();
        let serve = f.serve();
        let (clean, clean_out) = f.clean();
        let expected = diagnostics(&clean);
        if diagnostics(&rebuild) != expected {
            fail(&log, format!("the rebuild reported\n{:#?}\na clean build\n{expected:#?}", diagnostics(&rebuild)));
        }
        if diagnostics(&serve) != expected {
            fail(&log, format!("serve reported\n{:#?}\na clean build\n{expected:#?}", diagnostics(&serve)));
        }
        let live = snapshot(&f.live());
        let serve_now = snapshot(&f.serve_dir());
        if clean.errors() > 0 {
            if rebuild.published || serve.published || live != live_before || serve_now != serve_before {
                fail(&log, format!("a failed build changed the previous output: {:?}", differences(&live, &live_before)));
            }
            continue;
        }
        let clean_files = snapshot(&clean_out);
        if live != clean_files {
            fail(&log, format!("the rebuild differs from a clean build: {:#?}", differences(&live, &clean_files)));
        }
        let expected_serve = served(&clean_files);
        if serve_now != expected_serve {
            fail(&log, format!("serve's folder differs from a clean build: {:#?}", differences(&serve_now, &expected_serve)));
        }
    }
    edits
}

fn run(name: &str, make: &dyn Fn() -> Fixture, sequences: usize, steps: usize) {
    let start = std::time::Instant::now();
    let seeds: Vec<u64> = match std::env::var("PLEIN_PROPTEST_SEED").ok().and_then(|s| s.parse().ok()) {
        Some(seed) => vec![seed],
        None => {
            // A new seed every run, so CI explores; the seed of a failure is in its message.
            let base = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64);
            (0..sequences as u64).map(|i| base.wrapping_add(i.wrapping_mul(0x9E37_79B9))).collect()
        }
    };
    let mut edits = 0;
    for &seed in &seeds {
        edits += sequence(make, seed, steps);
    }
    eprintln!("{name}: {} sequence(s), {edits} edits, {:.1} s (seeds {seeds:?})", seeds.len(), start.elapsed().as_secs_f64());
}

fn minimal() -> Fixture {
    let f = Fixture::new(|root| copy_dir(&common::repo().join("examples/minimal"), root), "en", &["fr"], None);
    // The French pages record the hashes of their originals, so that their stale notice can
    // appear and disappear.
    let diagnostics = plein::diagnostics::Diagnostics::new();
    let site = build::load_site(&f.root, None, Drafts::Exclude, &diagnostics, None).unwrap();
    for page in f.files("content/fr", ".md") {
        plein::status::mark_current(&site, &page).unwrap();
    }
    f
}

fn bundled() -> Fixture {
    Fixture::new(
        |root| {
            std::fs::create_dir_all(root).unwrap();
            std::fs::copy(common::repo().join("site.yaml"), root.join("site.yaml")).unwrap();
            for dir in ["content", "locales", "themes"] {
                copy_dir(&common::repo().join(dir), &root.join(dir));
            }
        },
        "nl",
        &["en", "eenvoudig"],
        Some("http://127.0.0.1:8123/".into()),
    )
}

#[test]
fn rebuilds_of_the_minimal_example_equal_clean_builds() {
    run("examples/minimal", &minimal, env_number("PLEIN_PROPTEST_SEQUENCES", 3), env_number("PLEIN_PROPTEST_STEPS", 8));
}

#[test]
fn rebuilds_of_the_bundled_site_equal_clean_builds() {
    // Three builds of the whole agreement per edit: fewer, longer-running edits than above.
    run("bundled site", &bundled, env_number("PLEIN_PROPTEST_SEQUENCES", 3).div_ceil(3), env_number("PLEIN_PROPTEST_STEPS", 8) / 2);
}
