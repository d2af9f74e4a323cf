//! `plein serve`: builds into a dev folder, serves it on 127.0.0.1, rebuilds when a source
//! changes and reloads open tabs. A failed rebuild keeps the last good site and shows the errors
//! in the terminal and as an overlay in the browser.

use crate::build::{self, BuildOptions, BuildReport, Mode};
use crate::content::Drafts;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Path of the live-reload script the server injects into pages.
const LIVE_JS_PATH: &str = "/__plein/live.js";
/// Long-polling endpoint: answers when the build version differs from `?v=`.
const POLL_PATH: &str = "/__plein/poll";

const LIVE_JS: &str = r#"(function () {
  "use strict";
  var version = null;
  function show(error) {
    var box = document.getElementById("plein-errors") || document.createElement("div");
    box.id = "plein-errors";
    box.setAttribute("role", "alert");
    var pre = document.createElement("pre");
    pre.textContent = error;
    box.replaceChildren(pre);
    document.body.prepend(box);
  }
  function poll() {
    fetch("/__plein/poll" + (version === null ? "" : "?v=" + version), { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.error) { show(state.error); }
        else if (version !== null && state.version !== version) { location.reload(); return; }
        version = state.version;
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

/// The state browsers wait on: a build counter and the errors of the last build, if it failed.
#[derive(Default)]
struct Live {
    state: Mutex<(u64, Option<String>)>,
    changed: Condvar,
}

impl Live {
    fn publish(&self, error: Option<String>) {
        if let Ok(mut state) = self.state.lock() {
            state.0 += 1;
            state.1 = error;
        }
        self.changed.notify_all();
    }

    /// Waits until the version differs from `seen` (or a timeout), then returns the state.
    fn wait(&self, seen: Option<u64>) -> (u64, Option<String>) {
        let Ok(mut state) = self.state.lock() else { return (0, None) };
        if let Some(seen) = seen {
            let deadline = Instant::now() + Duration::from_secs(25);
            while state.0 == seen {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                state = match self.changed.wait_timeout(state, left) {
                    Ok((s, _)) => s,
                    Err(_) => return (0, None),
                };
            }
        }
        state.clone()
    }
}

/// Options of the dev server.
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on: 127.0.0.1 by default, another address (or 0.0.0.0) to preview
    /// on a phone in the same network.
    pub bind: std::net::IpAddr,
    /// The port to listen on.
    pub port: u16,
    /// Whether pages with `draft: true` are shown.
    pub drafts: Drafts,
}

/// Runs the dev server until the process is stopped.
pub fn run(options: ServeOptions) -> Result<(), String> {
    let dev_dir = crate::output::own_cache_dir(&options.root, ".plein-cache/serve").map_err(|d| d.to_string())?;
    // Whatever an earlier session (or a commit) left there is not trusted: start from nothing,
    // so every file in the folder is one this server wrote.
    crate::output::remove_tree(&dev_dir);
    let dev_dir = crate::output::own_cache_dir(&options.root, ".plein-cache/serve").map_err(|d| d.to_string())?;
    let bind = options.bind;
    let server =
        tiny_http::Server::http((bind, options.port)).map_err(|e| format!("cannot listen on {}: {e}", host_of(bind, options.port)))?;
    let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(options.port);
    // Pages link root-relative, so they work at every address the server answers on; the base
    // URL (canonical links, feeds) is the address the server was asked to listen on.
    let shown = if bind.is_unspecified() { std::net::IpAddr::from([127, 0, 0, 1]) } else { bind };
    let build_options = BuildOptions {
        root: options.root.clone(),
        out: dev_dir.clone(),
        base_url: Some(format!("http://{}/", host_of(shown, port))),
        drafts: options.drafts,
        mode: Mode::Build,
        precompress: false,
        cache_dir: options.root.join(".plein-cache").join("compressed"),
        cache: Some(Arc::new(build::RenderCache::default())),
    };
    let live = Arc::new(Live::default());
    rebuild(&build_options, &live, Instant::now());
    println!("Serving {} on http://{}/ (Ctrl+C to stop)", dev_dir.display(), host_of(shown, port));
    if bind.is_unspecified() {
        match local_address() {
            Some(address) => println!("On a phone in the same network, open http://{}/", host_of(address, port)),
            None => println!("On a phone in the same network, open http://<this computer's address>:{port}/"),
        }
    } else if !bind.is_loopback() {
        println!("On a phone in the same network, open http://{}/", host_of(bind, port));
    }
    let _watcher = watch(&options.root, build_options, live.clone())?;
    let dev_dir = Arc::new(dev_dir);
    for request in server.incoming_requests() {
        let live = live.clone();
        let dev_dir = dev_dir.clone();
        std::thread::spawn(move || handle(request, &dev_dir, &live, bind));
    }
    Ok(())
}

fn rebuild(options: &BuildOptions, live: &Live, changed_at: Instant) -> BuildReport {
    let report = build::run(options);
    let errors: Vec<String> = report.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    for d in &report.diagnostics {
        eprintln!("{}", d.with_source(&options.root));
    }
    if errors.is_empty() {
        let stages: Vec<String> = report.stages.iter().map(|s| format!("{} {:.0}", s.name, s.time.as_secs_f64() * 1000.0)).collect();
        println!(
            "rebuilt in {:.0} ms ({} ms after the change; {})",
            report.total.as_secs_f64() * 1000.0,
            changed_at.elapsed().as_millis(),
            stages.join(", ")
        );
        live.publish(None);
    } else {
        let text = errors.join("\n");
        println!("build failed; still serving the last good build");
        live.publish(Some(text));
    }
    report
}

fn watch(root: &Path, options: BuildOptions, live: Arc<Live>) -> Result<notify::RecommendedWatcher, String> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
    for dir in ["content", "locales", "themes", "templates", "static"] {
        let path = root.join(dir);
        if path.exists() {
            watcher.watch(&path, RecursiveMode::Recursive).map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    // Watch the folder for site.yaml (editors replace files on save, which a file watch loses).
    watcher.watch(root, RecursiveMode::NonRecursive).map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    // Events carry absolute, resolved paths: compare against the resolved root.
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    std::thread::spawn(move || rebuild_loop(&root, &rx, &options, &live));
    Ok(watcher)
}

fn rebuild_loop(root: &Path, rx: &Receiver<notify::Result<notify::Event>>, options: &BuildOptions, live: &Live) {
    let relevant = |event: &notify::Event| {
        event.paths.iter().any(|p| {
            let resolved = p.parent().and_then(|d| std::fs::canonicalize(d).ok()).map(|d| d.join(p.file_name().unwrap_or_default()));
            let rel = resolved.as_deref().and_then(|r| r.strip_prefix(root).ok()).or_else(|| p.strip_prefix(root).ok()).unwrap_or(p);
            let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
            matches!(first.as_str(), "content" | "locales" | "themes" | "templates" | "static" | "site.yaml") && !event.kind.is_access()
        })
    };
    while let Ok(event) = rx.recv() {
        let Ok(event) = event else { continue };
        if !relevant(&event) {
            continue;
        }
        let changed_at = Instant::now();
        // Editors write a file in several steps; wait until the burst is over.
        while rx.recv_timeout(Duration::from_millis(30)).is_ok() {}
        rebuild(options, live, changed_at);
    }
}

/// `ADDR:PORT`, with brackets around an IPv6 address.
fn host_of(address: std::net::IpAddr, port: u16) -> String {
    std::net::SocketAddr::new(address, port).to_string()
}

/// This computer's address in its network, if it has a route out: the local address of a UDP
/// socket "connected" to a documentation address (nothing is sent).
fn local_address() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    socket.local_addr().ok().map(|a| a.ip()).filter(|ip| !ip.is_unspecified() && !ip.is_loopback())
}

/// Whether a request's `Host` header may be answered. A page on another site can make a
/// browser send requests to the preview under a name it controls (DNS rebinding) and read the
/// answers; it cannot make the browser send an IP address as the name. So the server answers
/// only loopback names (`localhost`, `*.localhost`), loopback addresses, and the address it
/// listens on (any IP address when it listens on all of them).
pub(crate) fn host_allowed(host: Option<&str>, bind: std::net::IpAddr) -> bool {
    let Some(host) = host else { return false };
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) && !name.ends_with(':') => name,
        _ => host,
    };
    let name = name.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    match name.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bind || bind.is_unspecified(),
        Err(_) => false,
    }
}

/// Maps a request path to a file below `root`, refusing anything that would leave it.
pub(crate) fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let decoded = crate::url_path::decoded_strict(path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let relative = Path::new(decoded.trim_start_matches('/'));
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(relative);
    if decoded.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    let canonical = std::fs::canonicalize(&file).ok()?;
    let root = std::fs::canonicalize(root).ok()?;
    canonical.starts_with(&root).then_some(canonical)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "pdf" => "application/pdf",
        "vtt" => "text/vtt; charset=utf-8",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| tiny_http::Header::from_bytes(&b"X-Plein"[..], &b"1"[..]).expect("static header"))
}

fn handle(request: tiny_http::Request, root: &Path, live: &Live, bind: std::net::IpAddr) {
    let url = request.url().to_string();
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_string());
    if !host_allowed(host.as_deref(), bind) {
        let _ = request.respond(
            tiny_http::Response::from_string("This preview answers only to its own address.\n")
                .with_status_code(403)
                .with_header(header("Content-Type", "text/plain; charset=utf-8")),
        );
        return;
    }
    let head = *request.method() == tiny_http::Method::Head;
    if !(head || *request.method() == tiny_http::Method::Get) {
        let _ = request.respond(
            tiny_http::Response::from_string("Only GET and HEAD are answered.\n")
                .with_status_code(405)
                .with_header(header("Allow", "GET, HEAD"))
                .with_header(header("Content-Type", "text/plain; charset=utf-8")),
        );
        return;
    }
    if url == LIVE_JS_PATH {
        let _ = request
            .respond(tiny_http::Response::from_string(LIVE_JS).with_header(header("Content-Type", "text/javascript; charset=utf-8")));
        return;
    }
    if url == POLL_PATH || url.starts_with(&format!("{POLL_PATH}?")) {
        let seen = url.split("v=").nth(1).and_then(|v| v.parse().ok());
        let (version, error) = live.wait(seen);
        let body = serde_json::json!({ "version": version, "error": error }).to_string();
        let _ = request.respond(
            tiny_http::Response::from_string(body)
                .with_header(header("Content-Type", "application/json"))
                .with_header(header("Cache-Control", "no-store")),
        );
        return;
    }
    let (status, path) = match resolve(root, &url) {
        Some(path) => (200, path),
        None => {
            // The edition's 404 page, found the same way as any file: never outside the folder.
            let first = url.trim_start_matches('/').split(['/', '?', '#']).next().unwrap_or_default();
            let edition_404 = resolve(root, &format!("/{first}/404.html")).or_else(|| resolve(root, "/404.html"));
            (404, edition_404.unwrap_or_default())
        }
    };
    let mut body = std::fs::read(&path).unwrap_or_else(|_| b"Not found".to_vec());
    if content_type(&path).starts_with("text/html") {
        body = inject_live_reload(body);
    }
    if head {
        body.clear();
    }
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type(&path)))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

fn inject_live_reload(body: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_JS_PATH}\" defer></script>");
    let text = String::from_utf8_lossy(&body);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_leaves_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/index.html"), "a").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "s").unwrap();
        assert!(resolve(&root, "/a/").is_some());
        assert!(resolve(&root, "/a").is_some());
        assert!(resolve(&root, "/../secret.txt").is_none());
        assert!(resolve(&root, "/%2e%2e/secret.txt").is_none());
        assert!(resolve(&root, "/a/%2E%2E/%2e%2e/secret.txt").is_none());
        assert!(resolve(&root, "//etc/passwd").is_none());
        assert!(resolve(&root, &format!("/{}", tmp.path().join("secret.txt").display())).is_none());
        assert!(resolve(&root, "/a%00/").is_none());
    }

    #[test]
    fn answers_only_its_own_names() {
        let loopback = std::net::IpAddr::from([127, 0, 0, 1]);
        let lan = std::net::IpAddr::from([192, 168, 1, 20]);
        let any = std::net::IpAddr::from([0, 0, 0, 0]);
        for ok in ["127.0.0.1:1111", "localhost", "localhost:8080", "app.localhost:1", "[::1]:1111", "127.0.0.2"] {
            assert!(host_allowed(Some(ok), loopback), "{ok}");
        }
        for bad in ["evil.example", "evil.example:1111", "127.0.0.1.evil.example", "192.168.1.20", "", "localhost.evil"] {
            assert!(!host_allowed(Some(bad), loopback), "{bad}");
        }
        assert!(!host_allowed(None, loopback));
        assert!(host_allowed(Some("192.168.1.20:1111"), lan));
        assert!(!host_allowed(Some("192.168.1.21:1111"), lan));
        assert!(host_allowed(Some("10.0.0.5:1111"), any));
        assert!(!host_allowed(Some("rebind.evil.example:1111"), any));
    }
}
