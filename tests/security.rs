//! The adversarial corpus of `docs/security.md`: a contributor with a pull request tries to make
//! plein read outside the site, write or delete outside its output, publish something executable,
//! or crash or stall. Each case asserts the exact outcome: the exit code, the message and its
//! position, and that the previous output and everything outside it are byte-identical.

mod common;

use common::{plein_in, snapshot, Run, TestSite};
use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::PathBuf;

/// A site (the base fixture) with a built output and a folder `victim/` beside it that nothing
/// may touch.
struct Scene {
    site: TestSite,
    victim: PathBuf,
}

impl Scene {
    fn new() -> Scene {
        let site = TestSite::base();
        let victim = site.tmp.path().join("victim");
        std::fs::create_dir_all(victim.join("nested")).unwrap();
        std::fs::write(victim.join("precious.txt"), "keep me").unwrap();
        std::fs::write(victim.join("nested/page.md"), "---\ntitle: Outside\n---\nsecret text\n").unwrap();
        let first = site.build(&[]);
        assert_eq!(first.code, 0, "the base site must build:\n{}", first.stderr);
        Scene { site, victim }
    }

    /// Every file under the temporary folder (site, output, victim), with its bytes. Links are
    /// recorded as their target, not followed.
    fn world(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(self.site.tmp.path()).sort_by_file_name() {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(self.site.tmp.path()).unwrap().to_string_lossy().to_string();
            if rel.contains(".plein-cache") {
                continue;
            }
            let t = entry.path_is_symlink();
            if t {
                files.insert(rel, format!("-> {}", std::fs::read_link(entry.path()).unwrap().display()).into_bytes());
            } else if entry.file_type().is_file() {
                files.insert(rel, std::fs::read(entry.path()).unwrap());
            }
        }
        files
    }

    fn build(&self, extra: &[&str]) -> Run {
        self.site.build(extra)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        self.site.write(rel, bytes)
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        self.site.edit(rel, from, to)
    }
}

/// Runs `attack` on a fresh scene, then `run`, and asserts: exit `code`, every `expected` line
/// among stderr's lines (a trailing `…` makes it a prefix), and nothing changed anywhere.
fn refused(attack: impl FnOnce(&Scene), run: impl FnOnce(&Scene) -> Run, code: i32, expected: &[&str]) -> Run {
    let scene = Scene::new();
    attack(&scene);
    let before = scene.world();
    let out_before = snapshot(&scene.site.out);
    let result = run(&scene);
    let lines: Vec<&str> = result.stderr.lines().collect();
    assert_eq!(result.code, code, "exit code; stderr:\n{}", result.stderr);
    for line in expected {
        // `…` at the end makes the line a prefix, at the start a suffix.
        let found = match (line.strip_suffix('…'), line.strip_prefix('…')) {
            (Some(prefix), _) => lines.iter().any(|l| l.starts_with(prefix)),
            (_, Some(suffix)) => lines.iter().any(|l| l.ends_with(suffix)),
            _ => lines.contains(line),
        };
        assert!(found, "expected\n  {line}\namong\n  {}", lines.join("\n  "));
    }
    assert!(snapshot(&scene.site.out) == out_before, "the previous output changed");
    let after = scene.world();
    let changed: Vec<&String> = before.keys().chain(after.keys()).filter(|k| before.get(*k) != after.get(*k)).collect();
    assert!(changed.is_empty(), "files changed outside the output: {changed:?}");
    result
}

fn build(scene: &Scene) -> Run {
    scene.build(&[])
}

fn page(front: &str, body: &str) -> String {
    format!("---\n{front}---\n\n{body}\n")
}

// ---- 2. plein touches only its own output ------------------------------------------------------

#[test]
fn linked_output_folder_is_not_followed() {
    let scene = Scene::new();
    let link = scene.site.tmp.path().join("linked-out");
    symlink(&scene.victim, &link).unwrap();
    let before = scene.world();
    let run = plein_in(scene.site.tmp.path(), &["build", "--root", "site", "--out", "linked-out"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("linked-out: error: the output folder is a symbolic link; plein never writes or deletes through a link"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: remove the link"), "{}", run.stderr);
    assert!(scene.world() == before);
}

#[test]
fn output_linked_to_the_site_root() {
    let scene = Scene::new();
    symlink(&scene.site.root, scene.site.tmp.path().join("to-site")).unwrap();
    let before = scene.world();
    let run = plein_in(scene.site.tmp.path(), &["build", "--root", "site", "--out", "to-site"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("to-site: error: the output folder is a symbolic link"), "{}", run.stderr);
    assert!(scene.world() == before);
}

#[test]
fn committed_public_link_to_another_folder() {
    let scene = Scene::new();
    symlink("../victim", scene.site.path("public")).unwrap();
    let before = scene.world();
    let run = plein_in(&scene.site.root, &["build", "--no-compress"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("public: error: the output folder is a symbolic link"), "{}", run.stderr);
    assert!(scene.world() == before);
}

#[test]
fn committed_serve_cache_link() {
    let scene = Scene::new();
    std::fs::create_dir_all(scene.site.path(".plein-cache")).unwrap();
    symlink("../../victim", scene.site.path(".plein-cache/serve")).unwrap();
    let run = plein_in(&scene.site.root, &["serve", "--port", "0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(".plein-cache/serve: error: plein's cache folder is a link or a file"), "{}", run.stderr);
    assert!(scene.victim.join("precious.txt").exists() && scene.victim.join("nested/page.md").exists());
}

#[test]
fn committed_cache_folder_link() {
    let scene = Scene::new();
    std::fs::remove_dir_all(scene.site.path(".plein-cache")).unwrap();
    symlink("../victim", scene.site.path(".plein-cache")).unwrap();
    let run = plein_in(&scene.site.root, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(".plein-cache: error: plein's cache folder is a link or a file"), "{}", run.stderr);
    let names: Vec<_> = std::fs::read_dir(&scene.victim).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "nothing written into the link's target: {names:?}");
}

#[test]
fn output_that_is_a_file() {
    let scene = Scene::new();
    std::fs::remove_dir_all(&scene.site.out).unwrap();
    std::fs::write(&scene.site.out, "a file").unwrap();
    let before = scene.world();
    let run = scene.build(&[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.lines().next().unwrap().ends_with("/out: error: the output path is a file, not a folder"), "{}", run.stderr);
    assert!(scene.world() == before, "the file was moved or changed");
}

#[test]
fn output_folder_plein_did_not_write() {
    refused(
        |s| {
            std::fs::remove_dir_all(&s.site.out).unwrap();
            std::fs::create_dir_all(&s.site.out).unwrap();
            std::fs::write(s.site.out.join("thesis.docx"), "years of work").unwrap();
        },
        build,
        1,
        &["…/out: error: the output folder exists and was not written by plein; plein will not replace it"],
    );
}

#[test]
fn output_inside_the_sources_through_dots() {
    let scene = Scene::new();
    let run = plein_in(scene.site.tmp.path(), &["build", "--root", "site", "--out", "site/content/../locales/x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is inside the site's sources"), "{}", run.stderr);
    assert!(!scene.site.path("locales/x").exists());
}

#[test]
fn leftover_staging_folders() {
    let scene = Scene::new();
    let tmp = scene.site.tmp.path();
    // One left by a killed build (it carries plein's marker), one that only looks like it, and a
    // link with the same kind of name.
    std::fs::create_dir_all(tmp.join(".out.staging-999999")).unwrap();
    std::fs::copy(scene.site.out.join(".plein-output"), tmp.join(".out.staging-999999/.plein-output")).unwrap();
    std::fs::create_dir_all(tmp.join(".out.staging-999998")).unwrap();
    std::fs::write(tmp.join(".out.staging-999998/mine.txt"), "not plein's").unwrap();
    symlink(&scene.victim, tmp.join(".out.old-999997")).unwrap();
    assert_eq!(scene.build(&[]).code, 0);
    assert!(!tmp.join(".out.staging-999999").exists(), "plein's own leftover is removed");
    assert!(tmp.join(".out.staging-999998/mine.txt").exists(), "a folder without the marker is kept");
    assert!(scene.victim.join("precious.txt").exists(), "a link is never followed");
}

// ---- 1. plein reads only the site ---------------------------------------------------------------

#[test]
fn link_to_the_environment() {
    let run = refused(|s| symlink("/proc/self/environ", s.site.path("content/en/env.txt")).unwrap(), build, 1, &[]);
    let line = run.errors().into_iter().find(|l| l.starts_with("content/en/env.txt: error: this symbolic link points outside the site"));
    assert!(line.is_some(), "{}", run.stderr);
}

#[test]
fn links_to_system_files_and_folders() {
    refused(
        |s| {
            symlink("/etc/passwd", s.site.path("content/en/passwd.txt")).unwrap();
            symlink("/etc", s.site.path("content/en/etc")).unwrap();
        },
        build,
        1,
        &[
            "content/en/etc: error: this symbolic link points outside the site, at /etc; plein reads nothing outside the site's folder",
            "content/en/passwd.txt: error: this symbolic link points outside the site, at /etc/passwd; plein reads nothing outside the site's folder",
        ],
    );
}

#[test]
fn link_to_markdown_outside_the_site() {
    let run = refused(|s| symlink(s.victim.join("nested/page.md"), s.site.path("content/en/outside.md")).unwrap(), build, 1, &[]);
    assert!(run.errors().iter().any(|l| l.starts_with("content/en/outside.md: error: this symbolic link points outside the site")));
    assert!(!run.stderr.contains("secret text"));
}

#[test]
fn linked_folders_and_locales_outside() {
    refused(
        |s| {
            symlink(s.victim.join("nested"), s.site.path("content/en/guide/more")).unwrap();
            symlink(s.victim.join("precious.txt"), s.site.path("locales/en/extra.ftl")).unwrap();
            std::fs::create_dir_all(s.site.path("content/_data")).unwrap();
            symlink(s.victim.join("precious.txt"), s.site.path("content/_data/stolen.yaml")).unwrap();
        },
        build,
        1,
        &[
            "content/en/guide/more: error: this symbolic link points outside the site, at …",
            "locales/en/extra.ftl: error: this symbolic link points outside the site, at …",
            "content/_data/stolen.yaml: error: this symbolic link points outside the site, at …",
        ],
    );
}

#[test]
fn linked_content_folder() {
    refused(
        |s| {
            std::fs::rename(s.site.path("content"), s.victim.join("content")).unwrap();
            symlink(s.victim.join("content"), s.site.path("content")).unwrap();
        },
        build,
        1,
        &["content: error: this symbolic link points outside the site, at …"],
    );
}

#[test]
fn a_pipe_does_not_stall_the_build() {
    refused(
        |s| {
            let status = std::process::Command::new("mkfifo").arg(s.site.path("content/en/pipe.txt")).status().unwrap();
            assert!(status.success());
        },
        build,
        1,
        &["content/en/pipe.txt: error: this is not a regular file or folder (a device, socket or pipe)"],
    );
}

#[test]
fn links_inside_the_site_work() {
    let scene = Scene::new();
    scene.site.write("content/en/notes.txt", "shared notes");
    symlink("../en/notes.txt", scene.site.path("content/nl/notes.txt")).unwrap();
    let run = scene.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(scene.site.out.join("nl/notes.txt")).unwrap(), "shared notes");
}

// ---- 4. nothing executable comes from content ---------------------------------------------------

#[test]
fn active_files_in_content() {
    refused(
        |s| {
            s.write("content/en/x.html", "<script>alert(1)</script>");
            s.write("content/en/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
            s.write("content/en/app.js", "alert(1)");
            s.write("content/en/feed.xml", "<?xml-stylesheet href='x.xsl'?><x/>");
            s.write("content/en/guide/start/index.html", "<p>replaced</p>");
        },
        build,
        1,
        &[
            "content/en/x.html: error: a `.html` file cannot be published from content/: only passive file types are",
            "content/en/logo.svg: error: a `.svg` file cannot be published from content/: only passive file types are",
            "content/en/app.js: error: a `.js` file cannot be published from content/: only passive file types are",
            "content/en/feed.xml: error: a `.xml` file cannot be published from content/: only passive file types are",
            "content/en/guide/start/index.html: error: a `.html` file cannot be published from content/: only passive file types are",
        ],
    );
}

#[test]
fn disguised_and_colliding_files() {
    refused(
        |s| {
            s.write("content/en/photo.png", "<html><script>alert(1)</script>");
            s.write("content/en/assets/js/plein.png", b"\x89PNG\r\n\x1a\nimage");
            s.write("content/en/sitemap.xml.txt", "fine");
            s.write("content/en/robots.txt", "User-agent: *\nDisallow: /");
        },
        build,
        1,
        &[
            "content/en/photo.png: error: this file is named `.png` but its content is not a .png file",
            "content/en/assets/js/plein.png: error: the file would be written to `assets/js/plein.png`, which plein's theme assets (assets/) already writes",
            "content/en/robots.txt: error: the file would be written to `robots.txt`, which plein's robots.txt already writes",
        ],
    );
}

#[test]
fn heading_attributes_are_limited_to_id_and_class() {
    let run = refused(
        |s| s.write("content/en/about.md", page("title: About\n", "## Hi {onfocus=alert(1) autofocus}\n\n## Ok {#fine .note}")),
        build,
        1,
        &[
            "content/en/about.md:5:1: error: heading attribute `onfocus` is not allowed",
            "content/en/about.md:5:1: error: heading attribute `autofocus` is not allowed",
        ],
    );
    assert_eq!(run.errors().len(), 2, "{}", run.stderr);
}

#[test]
fn allowed_heading_attributes_still_work() {
    let scene = Scene::new();
    scene.site.write("content/en/about.md", page("title: About\n", "## Ok {#fine .note}"));
    assert_eq!(scene.build(&[]).code, 0);
    assert!(std::fs::read_to_string(scene.site.out.join("about/index.html")).unwrap().contains("<h2 id=\"fine\" class=\"note\">"));
}

// ---- 3. every output path has one owner ---------------------------------------------------------

#[test]
fn aliases_over_pages_and_reserved_names() {
    refused(
        |s| {
            s.write(
                "content/en/about.md",
                page("title: About\naliases: [\"/guide/start/\", \"/nl/\", \"/sitemap.xml/\", \"/assets/x/\"]\n", "text"),
            );
        },
        build,
        1,
        &[
            "content/en/about.md:3:11: error: the alias would be written to `guide/start/index.html`, which the page content/en/guide/start.md:1:1 already writes",
            "content/en/about.md:3:28: error: the alias would be written to `nl/index.html`, which the page content/nl/_index.md:1:1 already writes",
            "content/en/about.md:3:36: error: the alias would be written to `sitemap.xml/index.html`, which plein's sitemap already writes",
            "content/en/about.md:3:53: error: the alias would be written to `assets/x/index.html`, which plein's theme assets (assets/) already writes",
        ],
    );
}

#[test]
fn two_pages_with_one_alias() {
    refused(
        |s| {
            s.write("content/en/about.md", page("title: About\naliases: [\"/old/\"]\n", "text"));
            s.write("content/en/guide/start.md", page("title: Start\naliases: [\"/old/\"]\n", "text"));
        },
        build,
        1,
        &["content/en/guide/start.md:3:11: error: the alias would be written to `old/index.html`, which the alias content/en/about.md:3:11 already writes"],
    );
}

#[test]
fn path_tricks_in_aliases_and_slugs() {
    refused(
        |s| {
            s.write("content/en/about.md", page("title: About\naliases: [\"/%2e%2e/x/\", \"/a/../../x/\"]\n", "text"));
        },
        build,
        1,
        &[
            "content/en/about.md:3:11: error: invalid alias `/%2e%2e/x/`: only letters, digits, `-`, `_` and `.` are allowed",
            "content/en/about.md:3:25: error: invalid alias `/a/../../x/`: it contains an empty, `.` or `..` segment",
        ],
    );
    refused(
        |s| s.write("content/en/about.md", page("title: About\nslug: \"..\"\n", "text")),
        build,
        1,
        &["content/en/about.md:3:7: error: invalid slug `..`: `.` and `..` are not allowed"],
    );
}

// ---- 5. configuration is validated where it enters ---------------------------------------------

#[test]
fn hostile_base_urls_on_the_command_line() {
    for (url, why) in [
        ("javascript:alert(1)//", "is not an absolute http(s) URL"),
        ("https://x.org//", "has an empty, `.` or `..` path segment"),
        ("https://", "has no host name"),
        ("https://x.org/?q=1#frag", "has a query (`?`) or fragment (`#`)"),
        ("https://x.org/\nDisallow: /", "contains a space, line break or control character"),
    ] {
        let run = refused(|_| {}, |s| s.build(&["--base-url", url]), 1, &[]);
        let expected = format!("--base-url: error: base_url `{}` {why}", url.escape_debug());
        assert!(run.stderr.lines().any(|l| l == expected), "{url:?}: expected {expected}\n{}", run.stderr);
    }
}

#[test]
fn base_url_with_a_newline_in_site_yaml() {
    refused(
        |s| s.edit("site.yaml", "base_url: https://example.org/", "base_url: \"https://example.org/\\nDisallow: /\""),
        build,
        1,
        &["site.yaml:1:11: error: base_url `https://example.org/\\nDisallow: /` contains a space, line break or control character"],
    );
}

// ---- 6. caches are never trusted ------------------------------------------------------------------

#[test]
fn poisoned_compression_cache_is_not_published() {
    let scene = Scene::new();
    let run = plein_in(&scene.site.root, &["build", "--out", scene.site.out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cache = scene.site.path(".plein-cache/compressed");
    let mut poisoned = 0;
    for entry in std::fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        let evil: &[u8] = b"<script>alert(document.cookie)</script>";
        let bytes = if path.extension().is_some_and(|e| e == "br") { brotli_of(evil) } else { gzip_of(evil) };
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, bytes).unwrap();
        poisoned += 1;
    }
    assert!(poisoned > 4);
    std::fs::remove_dir_all(&scene.site.out).unwrap();
    let run = plein_in(&scene.site.root, &["build", "--out", scene.site.out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&scene.site.out) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "br") {
            let original = std::fs::read(path.with_extension("")).unwrap();
            let mut plain = Vec::new();
            brotli::BrotliDecompress(&mut &std::fs::read(&path).unwrap()[..], &mut plain).unwrap();
            assert_eq!(plain, original, "{} is not its file compressed", path.display());
            checked += 1;
        }
    }
    assert!(checked > 4);
}

#[test]
fn planted_page_with_the_same_size_and_time_is_not_kept() {
    let scene = Scene::new();
    // A page replaced in the output with one of the same size and modification time: the
    // records of the previous build (size, time) match it, its inode and change time do not.
    let page = scene.site.out.join("about/index.html");
    let original = std::fs::read(&page).unwrap();
    let reference = scene.site.tmp.path().join("reference");
    assert!(std::process::Command::new("cp").arg("-p").arg(&page).arg(&reference).status().unwrap().success());
    let mut planted = b"<script>alert(1)</script>".to_vec();
    planted.resize(original.len(), b' ');
    std::fs::remove_file(&page).unwrap();
    std::fs::write(&page, &planted).unwrap();
    assert!(std::process::Command::new("touch").arg("-r").arg(&reference).arg(&page).status().unwrap().success());
    assert_eq!(scene.build(&[]).code, 0);
    assert_eq!(std::fs::read(&page).unwrap(), original, "the planted page was kept");
}

fn brotli_of(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &Default::default()).unwrap();
    out
}

fn gzip_of(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

// ---- 7. no crash and no stall -------------------------------------------------------------------

#[test]
fn template_that_includes_itself() {
    refused(
        |s| {
            s.write(
                "themes/tiny/templates/page.html",
                "{% extends \"base.html\" %}{% block content %}{% include \"page.html\" %}{% endblock content %}",
            )
        },
        build,
        1,
        // Tera 2 refuses the cycle when the theme loads; the error is at the include.
        &["themes/tiny/templates/page.html:1:48: error: the theme's templates form a cycle: page.html → page.html"],
    );
}

#[test]
fn recursive_component() {
    // Tera 2 has components, not macros: one that calls itself stops at a depth of 20 with an
    // error (Tera gives it no span: it is at the template the page renders), instead of
    // overflowing the stack.
    refused(
        |s| {
            s.write("themes/tiny/templates/components.html", "{% component down(n) %}{{ <down n={n} /> }}{% endcomponent down %}");
            s.write(
                "themes/tiny/templates/page.html",
                "{% extends \"base.html\" %}{% block content %}{{ <down n={1} /> }}{% endblock content %}",
            );
        },
        build,
        1,
        &["themes/tiny/templates/page.html: error: rendering content/en/about.md with `page.html` failed (and on 3 other pages: /nl/about/, /guide/start/, /nl/guide/start/): Maximum render recursion depth for components exceeded."],
    );
}

#[test]
fn fluent_messages_that_expand_or_loop() {
    refused(
        |s| {
            let mut lol = String::from("lol0 = lol\n");
            for i in 1..12 {
                let p = i - 1;
                lol.push_str(&format!("lol{i} = {{lol{p}}} {{lol{p}}} {{lol{p}}} {{lol{p}}} {{lol{p}}} {{lol{p}}} {{lol{p}}} {{lol{p}}} {{lol{p}}} {{lol{p}}}\n"));
            }
            lol.push_str("loop = { loop }\n");
            s.write("locales/en/lol.ftl", lol);
        },
        build,
        1,
        &[
            "locales/en/lol.ftl:3:1: error: message `lol2` expands into too many placeables and cannot be shown",
            "locales/en/lol.ftl:13:1: error: message `loop` refers back to itself and cannot be shown",
        ],
    );
}
