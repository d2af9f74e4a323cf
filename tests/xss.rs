//! XSS payloads through every input of a site (markdown, front matter, Fluent, data, glossary,
//! configuration, aliases): the output may contain no script but the theme's own, no event
//! handler attributes and no `javascript:` URLs, and nothing may be written outside the output.

mod common;
use common::*;
use std::path::Path;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<ScRiPt src=//evil.example/x.js></ScRiPt>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<div onclick=\"alert(1)\" onmouseover='alert(2)'>hover</div>",
    "<a href=\"javascript:alert(1)\">a</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">b</a>",
    "<a href=\"&#106;avascript:alert(1)\">c</a>",
    "<a href=\"&#x6A;&#x61;vascript&#58;alert(1)\">d</a>",
    "<a href=\" java\tscript:alert(1)\">e</a>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">f</button></form>",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)' autofocus='",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
];

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// `javascript:` hidden by case, entities, whitespace or control characters?
fn is_script_url(value: &str) -> bool {
    let decoded = unescape(value).replace("&#58;", ":").replace("&colon;", ":").to_ascii_lowercase();
    let squeezed: String = decoded.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    squeezed.contains("javascript:") || squeezed.contains("vbscript:") || squeezed.starts_with("data:text/html")
}

/// Asserts every HTML file of the output is free of injected script.
fn assert_safe(out: &Path, base_path: &str) {
    let files: Vec<_> = walkdir(out).into_iter().filter(|p| p.extension().is_some_and(|x| x == "html")).collect();
    assert!(!files.is_empty());
    for path in files {
        let html = std::fs::read_to_string(&path).unwrap();
        let name = path.strip_prefix(out).unwrap().display().to_string();
        let tags = tags(&html);
        for t in &tags {
            if t.name == "script" {
                let src = t.attr("src").unwrap_or_default();
                let theme_script = src
                    .strip_prefix(&format!("{base_path}assets/js/"))
                    .is_some_and(|n| !n.contains('/') && unhash(n) != n && n.ends_with(".js"));
                let ok = theme_script && t.attr("defer").is_some() && t.attrs.len() == 2;
                assert!(ok, "{name}: unexpected script tag {t:?}");
                let end = html[t.end..].find("</script>").map(|e| e + t.end).unwrap();
                assert_eq!(&html[t.end..end], "", "{name}: inline script");
            }
            assert!(
                !["iframe", "object", "embed", "base", "style", "math", "svg", "frame", "frameset", "applet", "textarea", "xmp"]
                    .contains(&t.name.as_str()),
                "{name}: dangerous element {t:?}"
            );
            assert!(t.name != "form" || t.attr("action").is_some_and(|a| a.starts_with(base_path)), "{name}: a form from a payload {t:?}");
            for (attr, value) in &t.attrs {
                assert!(!attr.starts_with("on"), "{name}: event handler attribute {attr}={value:?} on <{}>", t.name);
                assert!(attr != "style" || !is_script_url(value), "{name}: script in style");
                if ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "cite"]
                    .contains(&attr.as_str())
                {
                    assert!(!is_script_url(value), "{name}: script URL in {attr}={value:?} on <{}>", t.name);
                }
                if attr == "content" && t.attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("refresh")) {
                    assert!(!is_script_url(value), "{name}: script URL in meta refresh");
                }
            }
        }
    }
}

/// Asserts that apart from `out` the folder holding the site and output got no new files.
fn assert_nothing_outside(site: &TestSite, before: &std::collections::BTreeMap<String, Vec<u8>>) {
    let after = snapshot(site.tmp.path());
    for name in after.keys() {
        if !before.contains_key(name) {
            assert!(name.starts_with("out/") || name.starts_with("site/.plein-cache/"), "written outside the output folder: {name}");
        }
    }
}

#[test]
fn payloads_through_every_input() {
    let site = TestSite::example();
    let all = PAYLOADS.join(" ");
    let body: String = PAYLOADS
        .iter()
        .map(|p| {
            format!("{p}\n\nText {p} inline.\n\n- item {p}\n\n> quote {p}\n\n| a | b |\n|---|---|\n| {} | x |\n\n", p.replace('|', "\\|"))
        })
        .collect();
    for (i, p) in PAYLOADS.iter().enumerate() {
        site.write(
            &format!("content/en/x{i}.md"),
            format!(
                "---\ntitle: {}\ndescription: {}\nweight: {}\nextra: {{footer: true}}\n---\n\n{body}\n\nWord {} here.\n",
                q(&format!("T{i} {p}")),
                q(p),
                10 + i,
                "Wi-Fi"
            ),
        );
    }
    // Titles and descriptions of existing pages (nav, breadcrumbs, pager, alternates, redirects).
    site.edit("content/en/hours.md", "title: \"Opening hours\"", &format!("title: {}", q(&all)));
    site.edit("content/en/hours.md", "description: \"When the library is open.\"", &format!("description: {}", q(&all)));
    site.edit("content/fr/services/_index.md", "title: \"Services\"", &format!("title: {}", q(PAYLOADS[12])));
    // Fluent strings (Fluent has no `{}` in these payloads; one message per payload).
    let mut ftl = site.read("locales/en/main.ftl");
    for (id, p) in [
        ("site-title", 12),
        ("skip-to-content", 0),
        ("search-label", 15),
        ("menu", 2),
        ("fallback-notice", 5),
        ("not-found-title", 16),
        ("redirect-text", 13),
        ("terms-title", 3),
    ] {
        let line = format!("{id} = {}", PAYLOADS[p].replace(['{', '}'], ""));
        // The site overrides the built-in theme's message, or its own.
        match ftl.find(&format!("\n{id} = ")) {
            Some(start) => {
                let end = ftl[start + 1..].find('\n').unwrap() + start + 1;
                ftl.replace_range(start + 1..end, &line);
            }
            None => ftl.push_str(&format!("\n{line}\n")),
        }
    }
    site.write("locales/en/main.ftl", ftl);
    // Glossary (marked in the text at first use) and a page showing all glossary data.
    let glossary: String = PAYLOADS
        .iter()
        .map(|p| {
            format!(
                "- term: {}\n  expansion: {}\n  explanation: {}\n",
                q(&format!("Wi-Fi{}", if p.starts_with('<') { "" } else { p })),
                q(p),
                q(p)
            )
        })
        .take(1)
        .chain(
            PAYLOADS
                .iter()
                .enumerate()
                .map(|(i, p)| format!("- term: {}\n  expansion: {}\n  explanation: {}\n", q(&format!("term{i} {p}")), q(p), q(p))),
        )
        .collect();
    site.write("content/en/_data/glossary.yaml", glossary);
    site.write("content/en/words.md", format!("---\ntitle: Words\ntemplate: glossary.html\n---\n\nWi-Fi and {}.\n", PAYLOADS[12]));
    // Free data for the theme.
    site.write("content/_data/misc.yaml", format!("items: [{}]\n", PAYLOADS.iter().map(|p| q(p)).collect::<Vec<_>>().join(", ")));
    // Contact details from site.yaml.
    site.edit("site.yaml", "organisation: Riverside Public Library", &format!("organisation: {}", q(PAYLOADS[14])));
    // A phone number must look like one (a payload there is a positioned error, see
    // `contact_url_must_be_http`); free text goes through the address.
    site.edit("site.yaml", "phone: \"+44 20 7946 0000\"", &format!("phone: \"+44 20 7946 0000\"\n  address: {}", q(PAYLOADS[12])));
    let before = snapshot(site.tmp.path());
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_nothing_outside(&site, &before);
    assert_safe(&site.out, "/");
    // The payloads are shown as text, not dropped silently: the title is there, escaped.
    let hours = site.output("hours/index.html");
    assert!(text_of(&hours, "h1").unwrap().contains("<script>alert(1)</script>"), "the title is kept as text");
}

#[test]
fn payloads_under_a_sub_path() {
    let site = TestSite::example();
    site.write("content/en/x.md", format!("---\ntitle: {}\n---\n\n{}\n", q(&PAYLOADS.join(" ")), PAYLOADS.join("\n\n")));
    let run = site.build(&["--base-url", "https://example.org/a\"b/"]);
    if run.code == 0 {
        assert_safe(&site.out, "/a\"b/");
    }
    let run = site.build(&["--base-url", "https://example.org/sub/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_safe(&site.out, "/sub/");
}

#[test]
fn script_urls_in_markdown_links_are_refused() {
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript&#x3A;alert(1)",
        "java%73cript:alert(1)",
        "%6A%61vascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        " javascript:alert(1)",
        "<javascript:alert(1)>",
        "java\\\nscript:alert(1)",
    ] {
        for form in [format!("[x]({url})"), format!("![x]({url})"), format!("[x][r]\n\n[r]: {url}"), format!("<{url}>")] {
            let site = TestSite::example();
            site.write("content/en/x.md", format!("---\ntitle: X\n---\n\n{form}\n"));
            let run = site.build(&[]);
            if run.code == 0 {
                assert_safe(&site.out, "/");
            } else {
                assert_eq!(run.code, 1, "{form}: {}", run.stderr);
                assert!(run.errors().iter().any(|e| e.starts_with("content/en/x.md:")), "{form}: {}", run.stderr);
                assert!(!site.out.exists(), "{form}: a failed build wrote output");
            }
        }
    }
}

#[test]
fn malicious_aliases_write_nothing_outside() {
    for alias in [
        "/../../escaped/",
        "/a/../../../escaped/",
        "/\"><script>alert(1)</script>/",
        "/%2e%2e/%2e%2e/escaped/",
        "/a\\..\\..\\escaped/",
        "//evil.example/",
        "/javascript:alert(1)/",
        "/fr/../../escaped/",
        "/ok/\u{0}/",
    ] {
        let site = TestSite::example();
        site.edit("content/en/hours.md", "aliases: [\"/opening-times/\"]", &format!("aliases: [{}]", q(alias)));
        let before = snapshot(site.tmp.path());
        let run = site.build(&[]);
        assert_nothing_outside(&site, &before);
        assert!(!site.tmp.path().join("escaped").exists() && !site.tmp.path().parent().unwrap().join("escaped").exists(), "{alias}");
        if run.code == 0 {
            assert_safe(&site.out, "/");
            for f in file_list(&site.out) {
                assert!(!f.contains(".."), "{alias}: {f}");
            }
        } else {
            assert_eq!(run.code, 1, "{alias}: {}", run.stderr);
            assert!(run.errors().iter().any(|e| e.starts_with("content/en/hours.md:")), "{alias}: {}", run.stderr);
        }
    }
}

#[test]
fn malicious_slugs_keys_and_file_names_write_nothing_outside() {
    let cases = [
        ("content/en/x.md", "slug: \"..\"\n"),
        ("content/en/x.md", "key: \"../../escaped\"\n"),
        ("content/en/x.md", "slug: \"a/../../../escaped\"\n"),
        ("content/en/x.md", "template: \"../../../../etc/passwd\"\n"),
        ("content/en/a b.md", ""),
        ("content/en/..md", "title: hidden files are skipped\n"),
    ];
    for (file, front) in cases {
        let front = front.strip_prefix("title: hidden files are skipped\n").unwrap_or(front);
        let site = TestSite::example();
        site.write(file, format!("---\ntitle: X\n{front}---\n\nx\n"));
        let before = snapshot(site.tmp.path());
        let run = site.build(&[]);
        assert_nothing_outside(&site, &before);
        let expected = if file.ends_with("/..md") { 0 } else { 1 };
        assert_eq!(run.code, expected, "{file} {front}:\n{}", run.stderr);
    }
}

#[test]
fn contact_url_must_be_http() {
    let site = TestSite::example();
    site.edit("site.yaml", "url: https://council.example.org/libraries/", "url: \"javascript:alert(1)\"");
    let run = site.build(&[]);
    if run.code == 0 {
        assert_safe(&site.out, "/");
    } else {
        assert_eq!(run.code, 1);
        assert!(run.errors().iter().any(|e| e.starts_with("site.yaml:")), "refused in site.yaml: {}", run.stderr);
    }
    // Phone and e-mail end up in tel: and mailto: links: anything else than a number or an
    // address is refused where it is written.
    let site = TestSite::example();
    site.edit("site.yaml", "phone: \"+44 20 7946 0000\"", "phone: \"\\\" onmouseover=\\\"alert(1)\"\n  email: \"x@y.org\\\"><script>\"");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.errors();
    assert!(errors.iter().any(|e| e.starts_with("site.yaml:6:10: error: contact phone")), "{}", run.stderr);
    assert!(errors.iter().any(|e| e.starts_with("site.yaml:7:10: error: contact email")), "{}", run.stderr);
}
