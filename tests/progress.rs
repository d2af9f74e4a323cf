//! Progress per commitment, end to end: the real `plein` binary builds the fixture
//! `tests/fixtures/progress` (a village plan in nl, en and plain Dutch) after an editor records
//! updates, and the commitment, its theme page's summary, the overview page and the Atom feed of
//! every edition must show them; every validation message is checked with its position; and the
//! Almere site, which ships without updates, must say "no progress reported yet" everywhere.

mod common;

use common::{copy_dir, repo};
use std::path::{Path, PathBuf};

struct Site {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

impl Site {
    fn fixture() -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(&repo().join("tests/fixtures/progress"), &root);
        let out = tmp.path().join("out");
        Site { _tmp: tmp, root, out }
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn build(&self) -> Run {
        build(&self.root, &self.out)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

struct Run {
    code: i32,
    stderr: String,
}

impl Run {
    /// Diagnostic lines (without their `help:` lines).
    fn lines(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.contains(": error: ") || l.contains(": warning: ")).collect()
    }
}

fn build(root: &Path, out: &Path) -> Run {
    let args = ["build", "--no-compress", "--quiet", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let run = common::plein_with_env(root, &args, &[("PLEIN_PAGEFIND", std::ffi::OsStr::new("off"))]);
    Run { code: run.code, stderr: run.stderr }
}

/// The element whose start tag carries `id="…"` (quoted or, minified, unquoted), up to its
/// matching end tag.
fn element_by_id<'a>(html: &'a str, id: &str) -> &'a str {
    let at = [format!(" id={id}>"), format!(" id={id} "), format!(" id=\"{id}\"")]
        .iter()
        .find_map(|needle| html.find(needle.as_str()))
        .unwrap_or_else(|| panic!("no element with id `{id}`"));
    let start = html[..at].rfind('<').unwrap();
    element_at(html, start)
}

/// `marker` with its unquoted attribute values quoted: templates quote their attributes, while
/// minify-html drops the quotes in the HTML rendered from markdown.
fn quoted(marker: &str) -> String {
    let mut out = String::new();
    let mut chars = marker.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '=' && chars.peek().is_some_and(|n| *n != '"' && *n != '\'') {
            out.push('"');
            while let Some(n) = chars.next_if(|n| !n.is_whitespace() && *n != '>') {
                out.push(n);
            }
            out.push('"');
        }
    }
    out
}

/// Where `marker` is in `html`, with attribute values quoted or not.
fn find(html: &str, marker: &str) -> Option<usize> {
    html.find(marker).or_else(|| html.find(&quoted(marker)))
}

/// The first element whose start tag contains `marker`.
fn element_with<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = find(html, marker).unwrap_or_else(|| panic!("no `{marker}` in the page"));
    element_at(html, html[..=at].rfind('<').unwrap())
}

fn element_at(html: &str, start: usize) -> &str {
    let name: String = html[start + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 0;
    let mut i = start;
    loop {
        let next_open = html[i..].find(&open).map(|n| i + n).filter(|&n| html[n + open.len()..].starts_with([' ', '>']));
        let next_close = html[i..].find(&close).map(|n| i + n).expect("unclosed element");
        match next_open {
            Some(o) if o < next_close => {
                depth += 1;
                i = o + open.len();
            }
            _ => {
                depth -= 1;
                i = next_close + close.len();
                if depth == 0 {
                    return &html[start..i];
                }
            }
        }
    }
}

/// Text content: tags removed (block-level tags count as a space), entities decoded, white
/// space collapsed.
fn text(html: &str) -> String {
    const BLOCKS: [&str; 10] = ["li", "ol", "ul", "p", "details", "summary", "td", "th", "tr", "div"];
    let mut out = String::new();
    let mut in_tag = false;
    for (i, c) in html.char_indices() {
        match c {
            '<' => {
                in_tag = true;
                let name: String = html[i + 1..].trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                if BLOCKS.contains(&name.as_str()) {
                    out.push(' ');
                }
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Texts of the direct and nested `<li>` items of the element (each item's whole text).
fn items(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<li") {
        let el = element_at(rest, i);
        out.push(text(el));
        rest = &rest[i + el.len()..];
    }
    out
}

/// Texts of `tag` elements in `xml`, in order.
fn xml_values(xml: &str, tag: &str) -> Vec<String> {
    xml.split(&format!("<{tag}")).skip(1).map(|s| s[s.find('>').unwrap() + 1..s.find(&format!("</{tag}>")).unwrap()].to_string()).collect()
}

/// Values of `attr` on `<link rel="alternate" …/>` inside each entry.
fn entry_links(xml: &str) -> Vec<String> {
    xml.split("<entry>")
        .skip(1)
        .map(|e| e.split("<link rel=\"alternate\" type=\"text/html\" href=\"").nth(1).unwrap().split('"').next().unwrap().to_string())
        .collect()
}

const UPDATES: &str = "# Progress of the village plan.\nupdates:\n  - commitment: groen-2\n    date: \"2025-03-01\"\n    status: started\n    links:\n      - url: \"https://example.org/besluit?a=1&b=2\"\n        title: Raadsbesluit <groen>\n  - commitment: verkeer-1\n    date: \"2025-04-10\"\n    status: planned\n  - commitment: groen-2\n    date: \"2025-06-15\"\n    status: done\n";
const NL: &str = "explanations:\n  groen-2:\n    \"2025-03-01\": \"De raad stemde in & de aannemer begint.\"\n    \"2025-06-15\": \"Het plein is klaar.\"\n  verkeer-1:\n    \"2025-04-10\": \"Start na de zomer.\"\n";
const EN: &str = "explanations:\n  groen-2:\n    \"2025-03-01\": \"The council agreed & the contractor starts.\"\n    \"2025-06-15\": \"The square is <b>finished</b>.\"\n  verkeer-1:\n    \"2025-04-10\": \"Starts after the summer.\"\n";
const EENVOUDIG: &str = "explanations:\n  groen-2:\n    \"2025-03-01\": \"De raad zegt ja.\"\n    \"2025-06-15\": \"Het plein is klaar.\"\n  verkeer-1:\n    \"2025-04-10\": \"We beginnen na de zomer.\"\n";

/// What one edition must show: (prefix, current status of groen-2, history lines, summary of
/// the green page, statuses of the overview table's green row, feed titles, explanation of 2025-06-15).
struct Expected {
    prefix: &'static str,
    commitment: &'static str,
    summary: [&'static str; 2],
    overview_row: &'static str,
    overview_item: &'static str,
    feed_title: &'static str,
    titles: [&'static str; 3],
    contents: [&'static str; 3],
    /// The date of the latest update, written in the edition's language.
    latest: &'static str,
}

#[test]
fn an_update_shows_on_the_commitment_summary_overview_and_feed_of_every_edition() {
    let site = Site::fixture();
    site.write("content/_data/progress.yaml", UPDATES);
    site.write("content/nl/_data/progress.yaml", NL);
    site.write("content/en/_data/progress.yaml", EN);
    site.write("content/eenvoudig/_data/progress.yaml", EENVOUDIG);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.lines(), Vec::<&str>::new(), "every update is explained in every edition");

    let editions = [
        Expected {
            prefix: "",
            latest: "15 juni 2025",
            commitment: "we maken het dorpsplein groen; Uitgevoerd · 15 juni 2025 Link naar deze afspraak groen-2 Geschiedenis 1 maart 2025: Gestart – De raad stemde in & de aannemer begint. Raadsbesluit <groen> 15 juni 2025: Uitgevoerd – Het plein is klaar.",
            summary: ["Nog geen voortgang gemeld: 2", "Uitgevoerd: 1"],
            overview_row: "Groen dorp 2 0 0 1 0 0 3",
            overview_item: "we maken het dorpsplein groen; Uitgevoerd · 15 juni 2025 Het plein is klaar.",
            feed_title: "Dorpsplan Voorbeeld – Voortgang",
            titles: ["groen-2: Uitgevoerd", "verkeer-1: Gepland", "groen-2: Gestart"],
            contents: ["Het plein is klaar.", "Start na de zomer.", "De raad stemde in &amp; de aannemer begint."],
        },
        Expected {
            prefix: "en/",
            latest: "15 June 2025",
            commitment: "we make the village square green; Done · 15 June 2025 Link to this commitment groen-2 History 1 March 2025: Started – The council agreed & the contractor starts. Raadsbesluit <groen> 15 June 2025: Done – The square is <b>finished</b>.",
            summary: ["No progress reported yet: 2", "Done: 1"],
            overview_row: "Green village 2 0 0 1 0 0 3",
            overview_item: "we make the village square green; Done · 15 June 2025 The square is <b>finished</b>.",
            feed_title: "Village plan Voorbeeld – Progress",
            titles: ["groen-2: Done", "verkeer-1: Planned", "groen-2: Started"],
            contents: ["The square is &lt;b&gt;finished&lt;/b&gt;.", "Starts after the summer.", "The council agreed &amp; the contractor starts."],
        },
        Expected {
            prefix: "eenvoudig/",
            latest: "15 juni 2025",
            commitment: "We maken het plein in het dorp groen. Klaar · 15 juni 2025 Link naar deze afspraak groen-2 Wat is er eerder gebeurd? 1 maart 2025: Begonnen – De raad zegt ja. Raadsbesluit <groen> 15 juni 2025: Klaar – Het plein is klaar.",
            summary: ["Nog niets gemeld: 2", "Klaar: 1"],
            overview_row: "Een groen dorp 2 0 0 1 0 0 3",
            overview_item: "We maken het plein in het dorp groen. Klaar · 15 juni 2025 Het plein is klaar.",
            // The plain edition has no progress page of its own: the Dutch one is its fallback.
            feed_title: "Dorpsplan Voorbeeld – Voortgang",
            titles: ["groen-2: Klaar", "verkeer-1: Gepland", "groen-2: Begonnen"],
            contents: ["Het plein is klaar.", "We beginnen na de zomer.", "De raad zegt ja."],
        },
    ];
    for e in &editions {
        let p = e.prefix;
        // The commitment on its theme page: current status and date as text, then the history.
        let page = site.read(&format!("{p}thema/groen/index.html"));
        assert_eq!(text(element_by_id(&page, "groen-2")), e.commitment, "{p}thema/groen/");
        let status = element_with(element_by_id(&page, "groen-2"), "class=\"status status-");
        assert!(status.contains("status-done"), "{status}");
        // The theme page's summary counts the statuses.
        let summary = element_with(&page, "class=progress-summary");
        assert_eq!(items(summary), e.summary, "{p}thema/groen/ summary");
        // An untouched commitment still says nothing was reported.
        assert!(text(element_by_id(&page, "groen-1")).contains(&e.summary[0][..e.summary[0].len() - 3]), "{p} groen-1");

        // The overview: counts per theme and status, and the commitment in its status group.
        let overview = site.read(&format!("{p}voortgang/index.html"));
        let table = element_with(&overview, "class=\"progress-table stack\"");
        let rows: Vec<String> = element_with(table, "<tbody").split("<tr>").skip(1).map(text).collect();
        assert_eq!(rows[0], e.overview_row, "{p}voortgang/ table");
        assert_eq!(text(element_by_id(&overview, "progress-groen-2")), e.overview_item, "{p}voortgang/ item");
        let link = element_by_id(&overview, "progress-groen-2");
        assert!(find(link, &format!("href=/{p}thema/groen/#groen-2>")).is_some(), "{link}");
        let latest = element_with(&overview, "class=progress-latest");
        assert!(text(latest).trim_end_matches('.').ends_with(e.latest), "{latest}");
        assert!(find(&overview, "class=notice>").is_none(), "no 'nothing reported' notice once there are updates");
        let feed_link = common::tags(&overview).into_iter().any(|t| {
            t.name == "a" && t.attr("href") == Some(format!("/{p}feed.xml").as_str()) && t.attr("type") == Some("application/atom+xml")
        });
        assert!(feed_link, "feed link on {p}voortgang/");

        // The feed: newest first, in the edition's language, escaped, deterministic dates.
        let feed = site.read(&format!("{p}feed.xml"));
        assert!(feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""), "{feed}");
        assert_eq!(xml_values(&feed, "title"), [vec![e.feed_title.to_string()], e.titles.iter().map(|s| s.to_string()).collect()].concat());
        assert_eq!(xml_values(&feed, "content"), e.contents);
        assert_eq!(
            xml_values(&feed, "updated"),
            ["2025-06-15T00:00:00Z", "2025-06-15T00:00:00Z", "2025-04-10T00:00:00Z", "2025-03-01T00:00:00Z"]
        );
        assert_eq!(xml_values(&feed, "id")[0], format!("https://plan.example.org/{p}feed.xml"));
        assert_eq!(
            entry_links(&feed),
            [
                format!("https://plan.example.org/{p}thema/groen/#groen-2"),
                format!("https://plan.example.org/{p}thema/verkeer/#verkeer-1"),
                format!("https://plan.example.org/{p}thema/groen/#groen-2")
            ]
        );
        assert!(
            feed.contains("<link rel=\"related\" href=\"https://example.org/besluit?a=1&amp;b=2\" title=\"Raadsbesluit &lt;groen&gt;\"/>"),
            "{feed}"
        );
    }

    // Reproducible: a second build writes the same feed.
    let first = site.read("feed.xml");
    let again = site.build();
    assert_eq!(again.code, 0);
    assert_eq!(site.read("feed.xml"), first);
}

#[test]
fn every_validation_problem_is_reported_at_its_position() {
    let site = Site::fixture();
    site.write(
        "content/_data/progress.yaml",
        "updates:\n  - commitment: groen-9\n    date: \"2025-03-01\"\n    status: started\n  - commitment: groen-1\n    date: \"2025-3-1\"\n    status: planned\n  - commitment: groen-1\n    date: \"2999-01-01\"\n    status: started\n  - commitment: verkeer-1\n    date: \"2025-05-01\"\n    status: started\n  - {commitment: verkeer-1, date: \"2025-02-01\", status: done}\n  - commitment: groen-3\n    date: \"2025-01-01\"\n    status: planned\n    links:\n      - {url: \"https://example.org/ok\", title: Goed}\n      - url: \"www.example.org/besluit\"\n        title: Besluit\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let today = plein::feature::progress::today();
    let path = Path::new("content").join("_data").join("progress.yaml");
    let p = path.display();
    let errors: Vec<&str> = run.lines().into_iter().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            format!("{p}:2:17: error: progress update for unknown commitment `groen-9`"),
            format!("{p}:6:11: error: `2025-3-1` is not a date written as YYYY-MM-DD"),
            format!("{p}:9:11: error: the update of `groen-1` is dated 2999-01-01, which is in the future (today is {today})"),
            format!("{p}:14:35: error: the update of `verkeer-1` dated 2025-02-01 is listed after its update dated 2025-05-01 (line 12)"),
            format!("{p}:20:14: error: link `www.example.org/besluit` of the update of `groen-3` is not a web address"),
        ]
    );
    assert!(run.stderr.contains("help: `groen` has the commitments `groen-1` to `groen-3`"), "{}", run.stderr);
    assert!(!site.out.exists(), "nothing is published when the progress data has errors");
}

#[test]
fn an_unknown_status_is_a_yaml_error_with_its_position() {
    let site = Site::fixture();
    site.write("content/_data/progress.yaml", "updates:\n  - commitment: groen-1\n    date: \"2025-03-01\"\n    status: begonnen\n");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors: Vec<&str> = run.lines().into_iter().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    let p = Path::new("content").join("_data").join("progress.yaml");
    assert!(
        errors[0] == format!("{}:4:13: error: `begonnen` is not a value allowed here", p.display())
            && run.stderr.contains("help: use one of `planned`, `started`, `done`, `changed`, `stopped`"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_missing_explanation_is_a_warning_naming_edition_commitment_and_date() {
    let site = Site::fixture();
    site.write("content/_data/progress.yaml", "updates:\n  - commitment: groen-1\n    date: \"2025-03-01\"\n    status: started\n  - commitment: verkeer-2\n    date: 2025-04-01\n    status: done\n");
    site.write("content/nl/_data/progress.yaml", "explanations:\n  groen-1:\n    \"2025-03-01\": \"De eerste bomen staan.\"\n  verkeer-2:\n    \"2025-04-01\": \"Het fietspad is open.\"\n");
    // English explains one update, and one with a mistyped date.
    site.write("content/en/_data/progress.yaml", "explanations:\n  groen-1:\n    \"2025-03-01\": \"The first trees are planted.\"\n  verkeer-2:\n    \"2025-04-02\": \"The cycle path is open.\"\n");
    let run = site.build();
    assert_eq!(run.code, 0, "warnings do not stop the build:\n{}", run.stderr);
    let data = Path::new("content").join("_data").join("progress.yaml");
    let en = Path::new("content").join("en").join("_data").join("progress.yaml");
    assert_eq!(
        run.lines(),
        [
            format!("{}:3:11: warning: edition `eenvoudig` has no explanation of the update of `groen-1` dated 2025-03-01 (the text of another edition is shown)", data.display()),
            format!("{}:6:11: warning: edition `eenvoudig` has no explanation of the update of `verkeer-2` dated 2025-04-01 (the text of another edition is shown)", data.display()),
            format!("{}:6:11: warning: edition `en` has no explanation of the update of `verkeer-2` dated 2025-04-01", data.display()),
            format!("{}:5:5: warning: explanation of `verkeer-2` dated 2025-04-02 matches no update in content/_data/progress.yaml", en.display()),
        ]
    );
    assert!(run.stderr.contains("help: add it to content/en/_data/progress.yaml:"), "{}", run.stderr);
    // The English page shows the update without an explanation; plain Dutch shows the Dutch one.
    let en_page = site.read("en/thema/verkeer/index.html");
    assert_eq!(text(element_with(element_by_id(&en_page, "verkeer-2"), "<details")), "History 1 April 2025: Done");
    let plain = site.read("eenvoudig/thema/verkeer/index.html");
    assert_eq!(
        text(element_with(element_by_id(&plain, "verkeer-2"), "<details")),
        "Wat is er eerder gebeurd? 1 april 2025: Klaar – Het fietspad is open."
    );
}

#[test]
fn the_almere_site_shows_no_progress_reported_yet_for_every_commitment() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = build(&repo(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let editions = [
        ("nl", "", "Nog geen voortgang gemeld"),
        ("en", "en/", "No progress reported yet"),
        ("eenvoudig", "eenvoudig/", "Nog niets gemeld"),
    ];
    for (code, prefix, none) in editions {
        // Every commitment id of the edition's markdown.
        let mut ids = std::collections::BTreeSet::new();
        for entry in walk(&repo().join("content").join(code)) {
            if entry.extension().is_some_and(|e| e == "md") {
                for line in std::fs::read_to_string(&entry).unwrap().lines() {
                    if let Some(rest) = line.trim_start().strip_prefix("- {#") {
                        ids.insert(rest.split('}').next().unwrap().to_string());
                    }
                }
            }
        }
        assert!(ids.len() > 100, "{code}: {} commitments", ids.len());
        // Every commitment on the edition's theme pages says nothing was reported.
        let mut seen = std::collections::BTreeSet::new();
        for file in walk(&out.join(prefix.trim_end_matches('/'))) {
            if file.file_name().is_none_or(|n| n != "index.html")
                || (prefix.is_empty() && ["en", "eenvoudig"].iter().any(|e| file.starts_with(out.join(e))))
            {
                continue;
            }
            let html = std::fs::read_to_string(&file).unwrap();
            // `<li id="x" class="commitment">`, or minified (`minify_html`) `<li class=commitment id=x>`.
            for part in html.split("<li ").skip(1) {
                let tag = part.split('>').next().unwrap();
                let attrs: Vec<&str> = tag.split_whitespace().collect();
                if !attrs.iter().any(|a| *a == "class=\"commitment\"" || *a == "class=commitment") {
                    continue;
                }
                let Some(id) = attrs.iter().find_map(|a| a.strip_prefix("id=")) else { continue };
                let id = id.trim_matches('"').to_string();
                let status = text(element_with(part, "class=\"status status-"));
                assert_eq!(status, none, "{code} {id} in {}", file.display());
                assert!(part.find("class=\"status status-not-reported\"").is_some());
                seen.insert(id);
            }
        }
        assert_eq!(seen, ids, "{code}: every commitment is shown with its status");
        // The overview lists all of them as not reported, and says so.
        let overview = std::fs::read_to_string(out.join(prefix).join("voortgang/index.html"))
            .or_else(|_| std::fs::read_to_string(out.join("voortgang/index.html")))
            .unwrap();
        let table = element_with(&overview, "class=\"progress-table stack\"");
        let total = text(element_with(table, "<tfoot"));
        assert!(total.ends_with(&format!(" {n} 0 0 0 0 0 {n}", n = ids.len())), "{code}: {total}");
        assert!(find(&overview, "class=notice>").is_some(), "{code}: the overview says nothing was reported yet");
        // The feed is empty and dated by the agreement's date (`document.date` in site.yaml).
        let feed = std::fs::read_to_string(out.join(prefix).join("feed.xml")).unwrap();
        assert!(!feed.contains("<entry>"), "{feed}");
        assert_eq!(xml_values(&feed, "updated"), ["2026-06-30T00:00:00Z"]);
        assert_eq!(xml_values(&feed, "id"), [format!("https://akkoord.almere.nl/{prefix}feed.xml")]);
    }
}

#[test]
fn a_feed_without_entries_is_dated_by_the_document_date_or_else_a_fixed_date() {
    let site = Site::fixture();
    site.write("content/_data/progress.yaml", "updates: []\n");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let feed = std::fs::read_to_string(site.out.join("feed.xml")).unwrap();
    assert_eq!(xml_values(&feed, "updated"), ["1970-01-01T00:00:00Z"], "no document date: a fixed, reproducible date");

    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}document:\n  date: \"2027-01-15\"\n"));
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let feed = std::fs::read_to_string(site.out.join("feed.xml")).unwrap();
    assert_eq!(xml_values(&feed, "updated"), ["2027-01-15T00:00:00Z"]);

    site.write("site.yaml", &format!("{config}document:\n  date: 15-01-2027\n"));
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("site.yaml:") && run.stderr.contains("error: document date `15-01-2027` is not a date of the form YYYY-MM-DD"),
        "{}",
        run.stderr
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn updates_of_commitments_on_a_page_that_failed_to_load_are_folded_into_its_error() {
    // The page's commitments are unknown only because the page did not load: its error comes
    // first and alone, the updates (and the translations of the page) are a note under it.
    let site = Site::fixture();
    site.write(
        "content/_data/progress.yaml",
        "updates:\n  - commitment: groen-1\n    date: \"2025-03-01\"\n    status: started\n  - commitment: groen-2\n    date: \"2025-04-01\"\n    status: done\n",
    );
    let page = std::fs::read_to_string(site.root.join("content/nl/thema/groen.md")).unwrap();
    site.write("content/nl/thema/groen.md", &page.replacen("title: Groen dorp", "title: Groen: dorp", 1));
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors: Vec<&str> = run.lines().into_iter().filter(|l| l.contains(": error: ")).collect();
    let page = Path::new("content").join("nl").join("thema").join("groen.md");
    assert_eq!(
        errors,
        [format!("{}:2:13: error: the value of `title` contains `: `, which YAML reads as the start of another field", page.display())],
        "{}",
        run.stderr
    );
    let note = run.stderr.lines().find(|l| l.trim_start().starts_with("note:")).unwrap_or_default();
    assert!(note.contains("2 progress updates of its commitments"), "{}", run.stderr);
    let yaml = Path::new("content").join("_data").join("progress.yaml");
    assert!(note.contains(&format!("{}:2:17", yaml.display())) && note.contains(&format!("{}:5:17", yaml.display())), "{note}");
}
