//! `plein serve` end to end: serves the dev build, never a file outside it, reloads tabs on a
//! change, and keeps serving the last good build when a change breaks the site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // No themes/ folder: the built-in theme is used.
    for dir in ["content", "locales"] {
        copy_dir(&root.join(dir), &tmp.path().join(dir));
    }
    std::fs::copy(root.join("site.yaml"), tmp.path().join("site.yaml")).unwrap();
    tmp
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response)
}

/// Starts `plein serve --bind ADDRESS --port 0` on `root`; returns the server (stopped when
/// dropped) and the port it printed for that address.
fn start(root: &Path, address: &str) -> (Server, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plein"))
        .args(["serve", "--bind", address, "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let prefix = format!("http://{address}:");
    let port: u16 = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| l.split(prefix.as_str()).nth(1).and_then(|r| r.trim_end_matches(|c| c != '/').trim_end_matches('/').parse().ok()))
        .expect("the server prints the address it listens on");
    std::thread::spawn(move || for _ in lines {});
    (server, port)
}

/// Waits (long poll) for the next build after `version`; returns (new version, error).
fn next_build(port: u16, version: u64) -> (u64, Option<String>) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        let (status, response) = get(port, &format!("/__plein/poll?v={version}"));
        assert_eq!(status, 200);
        let body = response.split("\r\n\r\n").nth(1).unwrap_or_default();
        let state: serde_json::Value = serde_json::from_str(body).unwrap();
        let v = state["version"].as_u64().unwrap();
        if v != version {
            return (v, state["error"].as_str().map(str::to_string));
        }
    }
    panic!("no rebuild within two minutes");
}

fn current(port: u16) -> u64 {
    let (_, response) = get(port, "/__plein/poll");
    let body = response.split("\r\n\r\n").nth(1).unwrap_or_default();
    serde_json::from_str::<serde_json::Value>(body).unwrap()["version"].as_u64().unwrap()
}

#[test]
fn serves_reloads_and_survives_errors() {
    let tmp = site();
    let (_server, port) = start(tmp.path(), "127.0.0.1");

    let (status, body) = get(port, "/opgaven/wonen/");
    assert_eq!(status, 200);
    assert!(body.contains("<script src=\"/__plein/live.js\" defer></script>"), "live reload is injected");
    assert!(!tmp.path().join("public").exists(), "serve never writes public/");
    for bad in ["/../site.yaml", "/%2e%2e/site.yaml", "/%2E%2E%2Fsite.yaml", "/..%2f..%2fetc/passwd", "//etc/passwd"] {
        let (status, body) = get(port, bad);
        assert_eq!(status, 404, "{bad} must not be served");
        assert!(!body.contains("base_url"), "{bad} leaked the config");
    }
    assert_eq!(get(port, "/en/no-such-page/").0, 404);

    let v = current(port);
    let page = tmp.path().join("content/nl/inleiding.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("Almere bestaat 50 jaar.", "Almere bestaat 50 jaar. Gewijzigd in de test.")).unwrap();
    let (v, error) = next_build(port, v);
    assert_eq!(error, None, "a content change rebuilds and reloads the tab");
    assert!(get(port, "/inleiding/").1.contains("Gewijzigd in de test."));

    std::fs::write(&page, "---\ntitle: [unclosed\n---\n").unwrap();
    let (v, error) = next_build(port, v);
    assert!(error.is_some_and(|e| e.contains("content/nl/inleiding.md")), "a broken page is reported to the browser");
    assert!(get(port, "/inleiding/").1.contains("Gewijzigd in de test."), "the last good build keeps being served");

    std::fs::write(&page, &text).unwrap();
    let (v, error) = next_build(port, v);
    assert_eq!(error, None, "fixing the page reloads");
    // The site overrides one static file of the built-in theme.
    let style = tmp.path().join("static/css/style.css");
    let css = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/css/style.css")).unwrap();
    std::fs::create_dir_all(style.parent().unwrap()).unwrap();
    std::fs::write(&style, format!("{css}\n/* changed */\n")).unwrap();
    let (v, error) = next_build(port, v);
    assert_eq!(error, None, "a theme change reloads");
    let (_, body) = get(port, "/");
    let href = body.split("href=").find(|s| s.contains("style.")).unwrap().split(['"', '>', ' ']).find(|s| s.contains("style.")).unwrap();
    assert!(get(port, href).1.contains("/* changed */"), "the site's static file replaces the theme's");
    let ftl = tmp.path().join("locales/nl/main.ftl");
    let messages = std::fs::read_to_string(&ftl).unwrap();
    std::fs::write(&ftl, format!("{messages}\nskip-to-content = Naar de tekst\n")).unwrap();
    let (v, error) = next_build(port, v);
    assert_eq!(error, None, "a locale change reloads");
    assert!(get(port, "/").1.contains("Naar de tekst"));
    let config = tmp.path().join("site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, yaml.replace("name: English", "name: English (UK)")).unwrap();
    let (_, error) = next_build(port, v);
    assert_eq!(error, None, "a site.yaml change reloads");
    assert!(get(port, "/").1.contains("English (UK)"));
}

/// Sends one request with `method` and `host` to `address:port`; returns status and response.
fn request(address: &str, port: u16, method: &str, path: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect((address, port)).unwrap();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, response)
}

/// `serve --bind` on another loopback address: it answers there, reloads, refuses other host
/// names (DNS rebinding), methods other than GET and HEAD, and paths that leave its folder.
#[test]
fn serve_bind_host_method_and_path_rules() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base"), tmp.path());
    std::fs::write(tmp.path().join("secret.txt"), "base_url: secret").unwrap();
    let (_server, port) = start(tmp.path(), "127.0.0.2");
    let host = format!("127.0.0.2:{port}");
    let (status, body) = request("127.0.0.2", port, "GET", "/", &host);
    assert_eq!(status, 200, "{body}");
    let (_, sitemap) = request("127.0.0.2", port, "GET", "/sitemap.xml", &host);
    assert!(sitemap.contains(&format!("<loc>http://127.0.0.2:{port}/</loc>")), "the site is built for the bound address:\n{sitemap}");
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "it listens only on the address it was given");

    for (host, expected) in [("evil.example", 403), (&format!("evil.example:{port}"), 403), ("localhost", 200), ("127.0.0.1", 200)] {
        assert_eq!(request("127.0.0.2", port, "GET", "/", host).0, expected, "Host: {host}");
    }
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let (status, response) = request("127.0.0.2", port, method, "/", &host);
        assert_eq!(status, 405, "{method}");
        assert!(response.contains("Allow: GET, HEAD"), "{response}");
    }
    let (status, response) = request("127.0.0.2", port, "HEAD", "/", &host);
    assert_eq!(status, 200);
    assert!(response.split("\r\n\r\n").nth(1).unwrap_or_default().is_empty(), "HEAD has no body");

    for bad in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/../../secret.txt",
        "/nl/../../secret.txt",
        "/..%5csecret.txt",
    ] {
        let (status, body) = request("127.0.0.2", port, "GET", bad, &host);
        assert_eq!(status, 404, "{bad}");
        assert!(!body.contains("secret"), "{bad} served a file outside the folder");
        assert!(body.contains("<html"), "{bad}: the 404 page comes from inside the folder");
    }

    let v = {
        let (_, response) = request("127.0.0.2", port, "GET", "/__plein/poll", &host);
        let body = response.split("\r\n\r\n").nth(1).unwrap_or_default().to_string();
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["version"].as_u64().unwrap()
    };
    let page = tmp.path().join("content/en/about.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nChanged while serving.\n")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (_, response) = request("127.0.0.2", port, "GET", &format!("/__plein/poll?v={v}"), &host);
        let body = response.split("\r\n\r\n").nth(1).unwrap_or_default().to_string();
        let state: serde_json::Value = serde_json::from_str(&body).unwrap();
        if state["version"].as_u64() != Some(v) {
            assert!(state["error"].is_null(), "{state}");
            break;
        }
        assert!(Instant::now() < deadline, "no rebuild within two minutes");
    }
    assert!(request("127.0.0.2", port, "GET", "/about/", &host).1.contains("Changed while serving."));
}
