#!/usr/bin/env python3
"""Deterministic synthetic site for plein's benchmark, plus the same site for Hugo.

    python3 bench/gen.py --pages 1000 --out bench/out/n1000

writes

    OUT/plein/   a plein site: site.yaml, content/<edition>/..., locales/<edition>/main.ftl,
                 themes -> the project's themes/ (symlink)
    OUT/hugo/    a Hugo site from the same markdown: hugo.toml with three languages, one content
                 directory per language, layouts (baseof, single with the section's navigation,
                 list, index), minify on
    OUT/MANIFEST.txt

Three editions: nl (default, at the root), en (/en/) and eenvoudig (/eenvoudig/, plain_of nl).
Every edition has N pages with the same paths (translations of each other), in sections of at most
--section-size pages. Each page has about 1,500 words: YAML front matter (title, description,
weight), h2/h3 headings, paragraphs with emphasis, one 10-item list, one 6x10 table, 3-5 links to
other pages of the same edition and one external link.

Internal links are written the idiomatic way for each tool: `@/thema-001/pagina-00001.md` for plein
(resolved and checked per edition), a root-relative URL (`/en/thema-001/pagina-00001/`) for Hugo.
That is the only difference between the two trees of markdown.

Only the Python standard library is used; the output depends only on --pages, --section-size and
--seed.
"""

import argparse
import os
import random
import shutil
import sys

EDITIONS = ["nl", "en", "eenvoudig"]
DEFAULT = "nl"
NAMES = {"nl": "Nederlands", "en": "English", "eenvoudig": "Eenvoudig Nederlands"}
HOME_TITLES = {"nl": "Informatie voor inwoners", "en": "Information for residents", "eenvoudig": "Uitleg voor inwoners"}
SECTION_WORD = {"nl": "Thema", "en": "Theme", "eenvoudig": "Onderwerp"}
SEARCH = {
    "nl": ("Zoeken", "Zoek in de tekst van deze site."),
    "en": ("Search", "Search the text of this site."),
    "eenvoudig": ("Zoeken", "Zoek op deze site."),
}

# Word classes per edition: (function words, nouns, verbs, adjectives), link phrases, external link,
# sentence length range.
WORDS = {
    "nl": dict(
        func="de het een en van voor met op in bij als dat u uw kunt moet mag niet ook nog wel dan of maar door over na om tot uit aan te zijn wordt worden heeft deze die dit er naar zonder tijdens binnen via sinds per",
        noun="gemeente aanvraag vergunning inwoner toeslag belasting formulier afspraak paspoort rijbewijs uitkering zorg woning huurtoeslag subsidie termijn kosten voorwaarden inkomen loket bezwaar besluit adres verhuizing identiteitskaart parkeervergunning afvalinzameling bijstand schuldhulp mantelzorg jeugdhulp leerlingenvervoer kwijtschelding aanslag betalingsregeling machtiging handtekening gegevens uittreksel huwelijk omgevingsvergunning bouwplan buurt wijkteam ondersteuning voorziening regeling ouderen jongeren ondernemer evenement ontheffing melding straatverlichting geluidsoverlast energietoeslag isolatie",
        verb="aanvragen indienen betalen ontvangen controleren wijzigen doorgeven opzeggen verlengen ophalen meenemen invullen ondertekenen uploaden beoordelen beslissen informeren helpen regelen melden verhuizen aanmelden afmelden terugbetalen aanvullen bewaren inzien bellen plannen geüpload geïnformeerd verwerkt",
        adj="snel eenvoudig digitaal persoonlijk gratis verplicht geldig volledig juist belangrijk nieuw tijdelijk maandelijks jaarlijks financiële lokale openbare zorgvuldig duidelijk mogelijk nodig actueel beschikbaar direct",
        link=["Lees meer over", "Zie ook", "Meer informatie over", "Bekijk"],
        ext=("de landelijke overheid", "https://www.example.nl/regels"),
        sent=(9, 22),
        head=["Onderwerp", "Kosten", "Termijn", "Aanvragen", "Loket", "Opmerking"],
        chan=["online", "aan de balie", "per post", "telefonisch"],
        desk=["Stadhuis", "Wijkcentrum Noord", "Servicepunt Zuid", "Digitaal loket"],
        weeks="weken",
    ),
    "en": dict(
        func="the a an and of for with on in at as that you your can must may not also still then or but by about after to until from into is are be been has have this these those there without during within via since per which when where while",
        noun="council application permit resident allowance tax form appointment passport licence benefit care housing rent subsidy deadline costs conditions income desk objection decision notice address move registration identity card parking collection assistance debt counselling carer youth transport exemption valuation assessment arrangement authorisation evidence signature processing data records statement extract marriage partnership planning neighbourhood team support facility scheme pensioner student entrepreneur event trader report lighting noise insulation grant",
        verb="apply submit pay receive check change notify cancel renew collect bring complete sign upload assess decide inform help arrange report register deregister refund supplement keep view call email plan provide processed received approved reviewed",
        adj="quick simple digital personal free mandatory valid complete correct important new temporary monthly annual financial local national public careful clear possible necessary current available direct",
        link=["Read more about", "See also", "More information on", "View"],
        ext=("the national government", "https://www.example.org/rules"),
        sent=(9, 22),
        head=["Topic", "Cost", "Deadline", "Apply", "Desk", "Note"],
        chan=["online", "at the desk", "by post", "by phone"],
        desk=["City hall", "North community centre", "South service point", "Online desk"],
        weeks="weeks",
    ),
    "eenvoudig": dict(
        func="de het een en van voor met op in bij als dat u uw kunt moet mag niet ook nog wel dan of maar naar om aan te is zijn heeft hebt dit die er wat wie hoe waar wanneer",
        noun="gemeente aanvraag geld hulp huis huur brief formulier afspraak paspoort rijbewijs zorg werk school kind kinderen ouders buurt loket telefoon computer website adres papieren bewijs naam datum week maand jaar kosten regels vraag antwoord wijkteam schuld rekening bank inkomen toeslag uitkering",
        verb="vragen sturen betalen krijgen kijken veranderen zeggen stoppen halen meenemen invullen tekenen helpen regelen bellen mailen maken wachten lezen zoeken kiezen weten",
        adj="snel makkelijk gratis nodig goed nieuw oud klein groot belangrijk duidelijk eerst later zelf samen online",
        link=["Lees ook", "Kijk bij", "Meer over"],
        ext=("de overheid", "https://www.example.nl/uitleg"),
        sent=(6, 12),
        head=["Wat", "Kosten", "Hoe lang", "Hoe", "Waar", "Let op"],
        chan=["online", "op het loket", "met de post", "bellen"],
        desk=["Stadhuis", "Wijkcentrum", "Servicepunt", "Website"],
        weeks="weken",
    ),
}
for _w in WORDS.values():
    for _k in ("func", "noun", "verb", "adj"):
        _w[_k] = _w[_k].split()


class Text:
    """Random prose in one edition's vocabulary; counts the words it writes."""

    def __init__(self, rng, edition):
        self.r = rng
        self.w = WORDS[edition]
        self.words = 0

    def word(self):
        x = self.r.random()
        key = "func" if x < 0.42 else "noun" if x < 0.72 else "verb" if x < 0.87 else "adj"
        return self.r.choice(self.w[key])

    def phrase(self, lo, hi):
        n = self.r.randint(lo, hi)
        self.words += n
        return " ".join(self.word() for _ in range(n))

    def sentence(self):
        n = self.r.randint(*self.w["sent"])
        self.words += n
        ws = [self.word() for _ in range(n)]
        if n > 6 and self.r.random() < 0.35:
            i = self.r.randrange(1, n - 3)
            mark = "**" if self.r.random() < 0.6 else "*"
            ws[i] = mark + ws[i]
            ws[i + 1] += mark
        if n > 8 and self.r.random() < 0.25:
            ws[self.r.randrange(2, n - 2)] += ","
        s = " ".join(ws)
        return s[0].upper() + s[1:] + ("?" if self.r.random() < 0.06 else ".")

    def paragraph(self, target):
        start, out = self.words, []
        while self.words - start < target:
            out.append(self.sentence())
        return " ".join(out)

    def title(self):
        s = self.phrase(2, 5)
        return s[0].upper() + s[1:]


def section_slug(sec):
    return f"thema-{sec + 1:03d}"


def page_slug(idx):
    return f"pagina-{idx + 1:05d}"


LINK = "\x00LINK:{}\x00"  # placeholder for an internal link target: the page's key


def make_page(seed, edition, idx, n_pages, section_size):
    """(title, description, body with link placeholders, words) of one page."""
    rng = random.Random(f"{seed}:{edition}:{idx}")
    t = Text(rng, edition)
    w = WORDS[edition]
    title = f"{t.title()} ({idx + 1})"
    description = t.sentence()
    blocks = [t.paragraph(rng.randint(48, 72))]
    paragraphs = [0]
    list_at = rng.randrange(6)
    table_at = (list_at + 1 + rng.randrange(5)) % 6
    for h in range(6):
        blocks.append("## " + t.title())
        for _ in range(2):
            blocks.append(t.paragraph(rng.randint(48, 72)))
            paragraphs.append(len(blocks) - 1)
        if h == list_at:
            items = []
            for _ in range(10):
                item = t.phrase(4, 10)
                item = item[0].upper() + item[1:]
                items.append("- " + ("**" + item + "**" if rng.random() < 0.3 else item))
            blocks.append("\n".join(items))
        if h == table_at:
            t.words += 6
            rows = ["| " + " | ".join(w["head"]) + " |", "|" + "---|" * 6]
            for _ in range(10):
                cells = [
                    t.phrase(1, 3),
                    f"€ {rng.randint(0, 250)},{rng.randint(0, 99):02d}",
                    f"{rng.randint(1, 12)} {w['weeks']}",
                    rng.choice(w["chan"]),
                    rng.choice(w["desk"]),
                    t.phrase(2, 5),
                ]
                t.words += 4
                rows.append("| " + " | ".join(cells) + " |")
            blocks.append("\n".join(rows))
        blocks.append("### " + t.title())
        blocks.append(t.paragraph(rng.randint(48, 72)))
        paragraphs.append(len(blocks) - 1)
    for _ in range(rng.randint(3, 5)):
        j = rng.randrange(n_pages)
        if j == idx:
            j = (j + 1) % n_pages
        key = f"{section_slug(j // section_size)}/{page_slug(j)}"
        label = t.phrase(2, 4)
        blocks[rng.choice(paragraphs)] += f" {rng.choice(w['link'])} [{label}]({LINK.format(key)})."
        t.words += 3
    ext_label, ext_url = w["ext"]
    blocks[rng.choice(paragraphs)] += f" *{rng.choice(w['link'])}* [{ext_label}]({ext_url})."
    t.words += 4
    return title, description, "\n\n".join(blocks) + "\n", t.words


def section_meta(seed, edition, sec):
    rng = random.Random(f"{seed}:{edition}:section:{sec}")
    t = Text(rng, edition)
    return f"{SECTION_WORD[edition]} {sec + 1}: {t.title()}", t.sentence(), t.paragraph(40) + "\n"


def yq(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front(title, description, weight, extra=""):
    return f"---\ntitle: {yq(title)}\ndescription: {yq(description)}\nweight: {weight}\n{extra}---\n\n"


def links_for(tool, edition, body):
    """Replaces link placeholders with each tool's idiomatic internal link."""
    parts = body.split("\x00")
    for i in range(1, len(parts), 2):
        key = parts[i][len("LINK:"):]
        if tool == "plein":
            parts[i] = f"@/{key}.md"
        else:
            prefix = "" if edition == DEFAULT else f"/{edition}"
            parts[i] = f"{prefix}/{key}/"
    return "".join(parts)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


SITE_YAML = """\
# Synthetic benchmark site (bench/gen.py): three editions like the Almere site.
base_url: https://example.org/
default_edition: nl
theme: default
# Like Hugo's --minify and the floor: every tool in the comparison minifies.
minify_html: true
contact:
  organisation: Gemeente Voorbeeld
  url: https://www.example.org/
editions:
  - code: nl
    prefix: ""
    lang: nl
    dir: ltr
    name: Nederlands
  - code: en
    prefix: en
    lang: en
    dir: ltr
    name: English
    fallback: [nl]
  - code: eenvoudig
    prefix: eenvoudig
    lang: nl
    dir: ltr
    name: Eenvoudig Nederlands
    fallback: [nl]
    plain_of: nl
"""

HUGO_TOML = """\
baseURL = "https://example.org/"
title = "Informatie voor inwoners"
defaultContentLanguage = "nl"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = true

[minify]
minifyOutput = true

[markup.goldmark.extensions]
table = true
footnote = true
typographer = true

[markup.goldmark.parser.attribute]
title = true

[markup.tableOfContents]
startLevel = 2
endLevel = 3
ordered = false

[languages.nl]
languageName = "Nederlands"
languageCode = "nl"
title = "Informatie voor inwoners"
contentDir = "content/nl"
weight = 1

[languages.en]
languageName = "English"
languageCode = "en"
title = "Information for residents"
contentDir = "content/en"
weight = 2

[languages.eenvoudig]
languageName = "Eenvoudig Nederlands"
languageCode = "nl"
title = "Uitleg voor inwoners"
contentDir = "content/eenvoudig"
weight = 3
"""

CSS = "body{font-family:sans-serif;max-width:70rem;margin:auto;line-height:1.5}.layout{display:flex;gap:2rem}.section-nav{flex:0 0 16rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem}"

# Hugo layouts with about the work of plein's default theme per page: head with canonical and
# hreflang alternates, edition switcher, breadcrumbs, the section's navigation (the 50 pages of
# the current section), table of contents, content, previous/next in the section, footer.
HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">
{{ end }}<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<style>%CSS%</style>
</head>
<body>
<a class="skip-link" href="#main">Direct naar de inhoud</a>
<header>
<a class="home" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav class="editions" aria-label="Editions">
<ul>
{{ range .AllTranslations }}<li><a hreflang="{{ .Lang }}" href="{{ .RelPermalink }}"{{ if eq .Lang $.Lang }} aria-current="true"{{ end }}>{{ .Language.LanguageName }}</a></li>
{{ end }}</ul>
</nav>
</header>
<main id="main">
{{ if not .IsHome }}<nav class="breadcrumbs"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li aria-current="page">{{ .Title }}</li></ol></nav>{{ end }}
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
""".replace("%CSS%", CSS)

HUGO_SINGLE = """\
{{ define "main" }}
<div class="layout">
<nav class="section-nav" aria-label="Section">
<h2><a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></h2>
<ul>
{{ range .CurrentSection.Pages }}<li><a href="{{ .RelPermalink }}"{{ if eq .RelPermalink $.RelPermalink }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
{{ end }}</ul>
</nav>
<article>
<h1>{{ .Title }}</h1>
<nav class="toc"><h2>Op deze pagina</h2>{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
</article>
</div>
<nav class="pager">
{{ with .NextInSection }}<a class="prev" rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a class="next" rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{ end }}
"""

HUGO_LIST = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<div class="prose">{{ .Content }}</div>
<ul class="pages">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>
{{ end }}</ul>
</article>
{{ end }}
"""

HUGO_INDEX = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<div class="prose">{{ .Content }}</div>
<ul class="sections">
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>
{{ end }}</ul>
</article>
{{ end }}
"""


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="pages per edition (N)")
    ap.add_argument("--out", required=True, help="output folder (gets plein/ and hugo/)")
    ap.add_argument("--section-size", type=int, default=50)
    ap.add_argument("--seed", default="plein-bench-1")
    ap.add_argument("--themes", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "themes"), help="themes folder to link to")
    ap.add_argument("--locale", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "locales", "nl", "main.ftl"), help="main.ftl copied to every edition")
    a = ap.parse_args(argv)
    if a.pages < 1 or a.section_size < 1:
        ap.error("--pages and --section-size must be >= 1")
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    plein = os.path.join(a.out, "plein")
    hugo = os.path.join(a.out, "hugo")

    write(os.path.join(plein, "site.yaml"), SITE_YAML)
    for e in EDITIONS:
        os.makedirs(os.path.join(plein, "locales", e))
        shutil.copyfile(a.locale, os.path.join(plein, "locales", e, "main.ftl"))
    os.symlink(os.path.abspath(a.themes), os.path.join(plein, "themes"))
    write(os.path.join(hugo, "hugo.toml"), HUGO_TOML)
    write(os.path.join(hugo, "layouts", "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(hugo, "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(hugo, "layouts", "_default", "list.html"), HUGO_LIST)
    write(os.path.join(hugo, "layouts", "index.html"), HUGO_INDEX)

    def both(rel, edition, text):
        write(os.path.join(plein, "content", edition, rel), links_for("plein", edition, text))
        write(os.path.join(hugo, "content", edition, rel), links_for("hugo", edition, text))

    for e in EDITIONS:
        rng = random.Random(f"{a.seed}:{e}:home")
        title = HOME_TITLES[e]
        both("_index.md", e, front(title, title + ".", 0) + Text(rng, e).paragraph(60) + "\n")
        # plein's theme links to the search page (key `zoeken`) from every page.
        st, sd = SEARCH[e]
        write(os.path.join(plein, "content", e, "zoeken.md"), front(st, sd, 999, "template: search.html\nextra:\n  footer: true\n") + sd + "\n")

    n_sections = (a.pages + a.section_size - 1) // a.section_size
    words = md_bytes = files = 0
    for sec in range(n_sections):
        for e in EDITIONS:
            title, desc, body = section_meta(a.seed, e, sec)
            both(f"{section_slug(sec)}/_index.md", e, front(title, desc, sec + 1) + body)
            files += 1
        first = sec * a.section_size
        for idx in range(first, min(first + a.section_size, a.pages)):
            for e in EDITIONS:
                title, desc, body, n = make_page(a.seed, e, idx, a.pages, a.section_size)
                words += n
                md_bytes += len(body.encode())
                both(f"{section_slug(sec)}/{page_slug(idx)}.md", e, front(title, desc, idx - first + 1) + body)
                files += 1
    total = a.pages * len(EDITIONS)
    summary = (
        f"pages_per_edition={a.pages} editions={len(EDITIONS)} pages_total={total} sections_per_edition={n_sections} "
        f"markdown_files={files + 2 * len(EDITIONS)} section_size={a.section_size} seed={a.seed} "
        f"avg_words_per_page={words / total:.0f} markdown_body_bytes={md_bytes}\n"
    )
    write(os.path.join(a.out, "MANIFEST.txt"), summary)
    sys.stdout.write(summary)


if __name__ == "__main__":
    main()
