//! What readers can rely on (issue 23): the review state of translated and plain pages, site
//! text marked as such, numbers and negations compared across editions, finance figures as
//! printed, and every contact channel in the footer and the accessibility statement.
//!
//! The fixture is the small village plan of `tests/fixtures/progress` (nl, en, plain Dutch with
//! the default theme), with pages written by each test.

mod common;

use common::{plein_in, Run, TestSite};
use serde_json::Value;

fn site() -> TestSite {
    TestSite::copy_of("tests/fixtures/progress")
}

fn status_json(site: &TestSite) -> Value {
    let run = plein_in(site.tmp.path(), &["status", "--root", site.root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn edition<'a>(status: &'a Value, code: &str) -> &'a Value {
    status["editions"].as_array().unwrap().iter().find(|e| e["code"] == code).unwrap()
}

fn page<'a>(edition: &'a Value, key: &str) -> &'a Value {
    edition["pages"].as_array().unwrap().iter().find(|p| p["key"] == key).unwrap()
}

fn built(site: &TestSite) -> Run {
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

/// The element starting at the first `marker`, up to the end of its line of markup (the
/// minified output has no line breaks inside a paragraph).
fn element_with<'a>(html: &'a str, marker: &str) -> &'a str {
    let start = html.find(marker).unwrap_or_else(|| panic!("no {marker} in the page"));
    let open = html[..start].rfind('<').unwrap();
    let tag: String = html[open + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let close = format!("</{tag}>");
    let end = html[start..].find(&close).map_or(html.len(), |e| start + e + close.len());
    &html[open..end]
}

/// The text of an HTML fragment, tags removed and the entities HTML writers use decoded
/// (pulldown-cmark writes `"` as `&quot;`; minify-html writes it as it is).
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

const REVIEWED_EN: &str = "---\ntitle: Green village\nweight: 1\nreview:\n  status: checked\n  by: Translation office Example\n  date: 2027-03-01\n---\n\n## What we will do\n\n- {#groen-1} we plant a hundred trees;\n- {#groen-2} we make the *village square* green;\n- {#groen-3} we create a [vegetable garden](@/thema/verkeer.md).\n";

#[test]
fn review_states_are_shown_in_each_language_and_reported_by_status() {
    let site = site();
    site.write("content/en/thema/groen.md", REVIEWED_EN);
    site.edit("content/eenvoudig/thema/groen.md", "weight: 1\n", "weight: 1\nreview:\n  status: machine\n");
    site.edit(
        "content/en/thema/verkeer.md",
        "---\ntitle:",
        "---\nreview: {status: approved, by: Gemeente Voorbeeld, date: 2027-04-02}\ntitle:",
    );
    built(&site);

    let review_min = |rel: &str| {
        let html = site.output(rel);
        let marker = if html.contains("class=\"review ") { "class=\"review " } else { "class=review" };
        text(element_with(&html, marker))
    };
    assert_eq!(review_min("en/thema/groen/index.html"), "Checked by Translation office Example on 1 March 2027.");
    assert_eq!(review_min("en/thema/verkeer/index.html"), "Approved by Gemeente Voorbeeld on 2 April 2027.");
    assert!(review_min("eenvoudig/thema/groen/index.html").contains("Niemand van de gemeente heeft de tekst gelezen"));
    // A translation that records nothing says so; the original and fallbacks show no review.
    assert!(review_min("en/thema/index.html").contains("Nothing is recorded"));
    assert!(!site.output("thema/groen/index.html").contains("class=review"));
    assert!(!site.output("eenvoudig/thema/verkeer/index.html").contains("class=review"), "a fallback page has its own notice");

    let status = status_json(&site);
    let en = edition(&status, "en");
    assert_eq!(
        page(en, "thema/groen")["review"],
        serde_json::json!({"status": "checked", "by": "Translation office Example", "date": "2027-03-01"})
    );
    assert_eq!(page(en, "thema/verkeer")["review"]["status"], "approved");
    assert_eq!(page(en, "thema/_index")["review"], Value::Null);
    assert_eq!(en["reviews"]["checked"], 1);
    assert_eq!(en["reviews"]["approved"], 1);
    assert_eq!(page(edition(&status, "eenvoudig"), "thema/groen")["review"]["status"], "machine");
    let table = plein_in(site.tmp.path(), &["status", "--root", site.root.to_str().unwrap()]);
    assert!(table.stdout.contains("  review: 0 machine, 1 checked, 1 approved,"), "{}", table.stdout);
}

#[test]
fn a_review_without_who_or_when_is_a_positioned_error() {
    let site = site();
    site.edit("content/en/thema/groen.md", "weight: 1\n", "weight: 1\nreview:\n  status: checked\n");
    site.edit(
        "content/eenvoudig/thema/groen.md",
        "weight: 1\n",
        "weight: 1\nreview:\n  status: approved\n  by: Gemeente\n  date: 2027-02-30\n",
    );
    site.edit("content/en/thema/verkeer.md", "---\ntitle:", "---\nreview: {status: mostly}\ntitle:");
    let run = site.check();
    assert_eq!(run.code, 1);
    let errors = run.errors();
    for expected in [
        "content/en/thema/groen.md:5:3: error: `review: checked` needs `by:`",
        "content/en/thema/groen.md:5:3: error: `review: checked` needs `date:`",
        "content/eenvoudig/thema/groen.md:7:9: error: `review.date` `2027-02-30` is not a date",
    ] {
        assert!(errors.iter().any(|e| e.ends_with(expected) || e.contains(expected)), "expected {expected} among\n{}", errors.join("\n"));
    }
    assert!(
        errors.iter().any(|e| e.contains("content/en/thema/verkeer.md:2:") && e.contains("`mostly` is not a value allowed here")),
        "{}",
        errors.join("\n")
    );
}

#[test]
fn site_text_is_labelled_listed_by_check_and_its_class_is_refused_in_content() {
    let site = site();
    site.write(
        "content/en/thema/_index.md",
        "---\ntitle: Themes\nweight: 1\nsite_text:\n  parts: [intro]\n  phrases: [\"(the village square)\"]\n---\n\nAll themes, chosen by this website.\n\n## More\n\nThe dorpsplein (the village square) is green.\n",
    );
    built(&site);
    let html = site.output("en/thema/index.html");
    // The intro sits in a block that starts with the label.
    let intro = html.find("All themes").unwrap();
    let block_start = html[..intro].rfind("plein-site-text").expect("the intro is marked");
    assert!(text(&html[block_start..intro]).contains("Explanation added by this website, not text of the agreement"));
    let phrase = element_with(&html, "(the village square)");
    assert_eq!(text(phrase), "(the village square)website note");
    assert!(!text(element_with(&html, "The dorpsplein")).contains("Explanation added"), "the section after the intro is not site text");

    let check = site.check();
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains("  en         thema/_index                     intro, \"(the village square)\""), "{}", check.stdout);

    site.write(
        "content/en/thema/groen.md",
        "---\ntitle: Green\n---\n\n## Fake {.plein-site-text}\n\nText <span class=\"plein-site-text\">mine</span>.\n",
    );
    site.write(
        "content/en/thema/verkeer.md",
        "---\ntitle: Traffic\nsite_text:\n  phrases: [\"not in the text\"]\n  parts: [outro]\n---\n\nTraffic.\n",
    );
    let run = site.check();
    assert_eq!(run.code, 1);
    let errors = run.errors();
    for expected in [
        "content/en/thema/groen.md:5:1: error: the class `plein-site-text` is reserved for plein",
        "content/en/thema/groen.md:7:6: error: classes starting with `plein-` are reserved for plein",
        "content/en/thema/verkeer.md:4:13: error: site text `not in the text` does not occur in the page's text",
        "content/en/thema/verkeer.md:5:11: error: `outro` is not a part of a page",
    ] {
        assert!(errors.iter().any(|e| e.contains(expected)), "expected {expected} among\n{}", errors.join("\n"));
    }
}

#[test]
fn numbers_and_negations_are_compared_per_commitment_and_paragraph() {
    let site = site();
    site.write(
        "content/nl/thema/verkeer.md",
        "---\ntitle: Verkeer\nweight: 2\n---\n\nWe geven 0,25 miljoen uit aan fietspaden.\n\nDe weg wordt in 2027 klaar.\n\n## Dit gaan we doen\n\n- {#verkeer-1} we maken 30% van de straten autovrij;\n- {#verkeer-2} we verlagen de snelheid;\n- {#verkeer-3} we bouwen 3 bruggen.\n",
    );
    site.write(
        "content/en/thema/verkeer.md",
        "---\ntitle: Traffic\nweight: 2\nchecked_differences: [c:verkeer-3]\n---\n\nWe spend €250,000 on cycle paths.\n\nThe road will be ready.\n\n## What we will do\n\n- {#verkeer-1} we make 30% of the streets car-free;\n- {#verkeer-2} we do not lower the speed;\n- {#verkeer-3} we build three bridges or 4.\n",
    );
    let status = status_json(&site);
    let diffs = edition(&status, "en")["differences"].as_array().unwrap().clone();
    let find = |part: &str| diffs.iter().find(|d| d["key"] == "thema/verkeer" && d["part"] == part);
    assert!(find("intro/p1").is_none(), "0,25 miljoen = €250,000: {diffs:?}");
    let year = find("intro/p2").expect("the year is missing");
    assert_eq!(year["missing"], serde_json::json!(["2027"]));
    assert_eq!(year["line"], 9);
    let negation = find("c:verkeer-2").expect("an extra negation");
    assert_eq!((negation["negations_original"].as_u64(), negation["negations_translation"].as_u64()), (Some(0), Some(1)));
    assert_eq!(negation["checked"], false);
    assert!(find("c:verkeer-1").is_none(), "30% = 30%");
    let checked = find("c:verkeer-3").expect("the marked difference is still listed");
    assert_eq!(checked["checked"], true);
    assert_eq!(checked["extra"], serde_json::json!(["4"]));

    let table = plein_in(site.tmp.path(), &["status", "--root", site.root.to_str().unwrap()]);
    assert!(table.stdout.contains("content/en/thema/verkeer.md:9 intro/p2: missing 2027"), "{}", table.stdout);
    assert!(!table.stdout.contains("c:verkeer-3:"), "a checked difference is not listed as open");
    let check = site.check();
    let warnings: Vec<&str> = check.stderr.lines().filter(|l| l.contains("content/en/thema/verkeer.md") && l.contains("warning")).collect();
    assert_eq!(warnings.len(), 2, "{}", check.stderr);
    assert!(warnings
        .iter()
        .any(|w| w.contains("verkeer.md:14:1: warning: numbers or negations differ from the original in `c:verkeer-2`")));
}

fn almere() -> TestSite {
    TestSite::almere()
}

#[test]
fn finance_figures_are_printed_as_the_source_prints_them_and_computed_ones_are_labelled() {
    let site = almere();
    built(&site);
    let html = site.output("uitwerking-financien/index.html");
    let row = element_with(&html, "Transformatiebudget");
    let row = &html[html[..html.find(row).unwrap()].rfind("<tr").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(text(row).contains("\u{2212}3,0\u{2212}3,0\u{2212}3,0\u{2212}3,0"), "{}", text(row));
    assert!(text(&html).contains("\u{2212}0,25"), "two decimals where the source has two");
    assert!(html.contains("heeft deze website berekend"), "the chart's sums are labelled as computed");
    let note = text(element_with(&html, "id=\"note-investeringen\""));
    assert!(note.contains("de regel \"Versnellen woningbouw/ Centrumontwikkeling\" past alleen bij de genoemde totalen als het bedrag \u{2212}0,25 is in plaats van 0,25"), "{note}");
    assert!(note.contains("Toelichting van deze website"), "{note}");
    let csv = site.output("data/investeringen.csv");
    assert!(csv.contains("-3.0,-3.0,-3.0,-3.0"), "{csv}");
    let en = site.output("en/uitwerking-financien/index.html");
    assert!(text(&en).contains("\u{2212}3.0"), "English separators, same decimals");
}

fn footer(html: &str) -> String {
    text(&html[html.find("<footer").unwrap()..])
}

#[test]
fn every_contact_channel_is_shown_in_the_footer_and_the_statement() {
    let site = site();
    site.write(
        "content/nl/toegankelijkheid.md",
        "---\ntitle: Toegankelijkheid\nextra:\n  footer: true\n---\n\nMeld een probleem:\n\n{{ contact() }}\n",
    );
    site.write(
        "content/en/toegankelijkheid.md",
        "---\ntitle: Accessibility\nextra:\n  footer: true\n---\n\nReport a problem:\n\n{{ contact() }}\n",
    );
    built(&site);
    // The fixture has only an organisation.
    assert!(footer(&site.output("index.html")).contains("Gemeente Voorbeeld"));
    assert!(!footer(&site.output("index.html")).contains("E-mail"));
    let statement = site.output("en/toegankelijkheid/index.html");
    assert!(text(element_with(&statement, "class=contact")).contains("OrganisationGemeente Voorbeeld"));

    let yaml = site.read("site.yaml").replace(
        "  organisation: Gemeente Voorbeeld\n",
        "  organisation: Gemeente Voorbeeld\n  address: Dorpsstraat 1, 1234 AB Voorbeeld\n  phone: 012 345 6789\n  email: info@voorbeeld.example\n  url: https://www.voorbeeld.example/\n",
    );
    site.write("site.yaml", yaml);
    built(&site);
    let foot = footer(&site.output("en/index.html"));
    for expected in [
        "Gemeente Voorbeeld",
        "Dorpsstraat 1, 1234 AB Voorbeeld",
        "Phone 012 345 6789",
        "Email info@voorbeeld.example",
        "www.voorbeeld.example",
    ] {
        assert!(foot.contains(expected), "{expected} in {foot}");
    }
    assert!(site.output("index.html").contains("mailto:info@voorbeeld.example"));
    let statement = text(element_with(&site.output("toegankelijkheid/index.html"), "class=contact"));
    for expected in ["AdresDorpsstraat 1", "Telefoon012 345 6789", "E-mailinfo@voorbeeld.example", "Websitehttps://www.voorbeeld.example/"]
    {
        assert!(statement.contains(expected), "{expected} in {statement}");
    }

    site.write("site.yaml", site.read("site.yaml").replace("info@voorbeeld.example", "info at voorbeeld"));
    let run = site.check();
    assert!(
        run.errors().iter().any(|e| e.contains("site.yaml:") && e.contains("contact email `info at voorbeeld` is not an e-mail address")),
        "{}",
        run.stderr
    );

    let no_contact = site.read("site.yaml");
    let start = no_contact.find("contact:").unwrap();
    let end = no_contact.find("editions:").unwrap();
    site.write("site.yaml", format!("{}{}", &no_contact[..start], &no_contact[end..]));
    built(&site);
    assert!(text(&site.output("en/toegankelijkheid/index.html")).contains("This website does not list any contact details yet."));
}
