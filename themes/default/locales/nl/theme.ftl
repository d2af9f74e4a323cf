# UI strings of the built-in theme, in Dutch. A site's own locales/<edition>/*.ftl replace any of
# them message by message; `site-title`, the site's name, is not here: every site names itself.
# Each message has a comment for translators. Keep {$variables} as they are.

# First link on every page, for keyboard and screen-reader users: jumps to the text.
skip-to-content = Direct naar de inhoud
# Accessible name of the list of editions (languages) in the header.
edition-switcher-label = Kies een taal of versie
# Label of the search field in the header.
search-label = Zoeken op deze site
# Button next to the search field.
search-button = Zoek
# Button in the header on a phone that shows the search field (a link to the search page without JavaScript).
search-open = Zoeken
# Accessible name of the main menu.
main-nav-label = Hoofdmenu
# Button that opens the menu of themes.
menu = Alle onderwerpen
# Accessible name of the breadcrumb trail ("you are here").
breadcrumbs-label = U bent hier
# Accessible name of the footer menu.
footer-nav-label = Over deze site
# Heading above the list of the pages of the section a page belongs to (after the text). $section is the section's title.
section-nav-title = Alle pagina's in { $section }
# Before the phone number in the footer.
phone = Telefoon
# Notice on a page that is not translated yet; {$language} is the name of the language shown instead.
fallback-notice = Deze pagina is nog niet vertaald. U leest hieronder de tekst in het {$language}.
# The same notice in a plain-language edition; {$language} is the name of the edition shown instead.
plain-fallback-notice = Deze pagina is er nog niet in eenvoudige taal. Hieronder staat de gewone tekst ({$language}).
# Notice on a translation whose original changed after it was translated.
stale-notice = De oorspronkelijke tekst van deze pagina is veranderd sinds deze vertaling is gemaakt.
# The same notice in a plain-language edition.
plain-stale-notice = Let op: de gewone tekst van deze pagina is veranderd. Deze eenvoudige tekst is nog niet aangepast.
# On translated pages: the original is the official text; {$language} is the name of the edition with the official text.
official-text-notice = Alleen de tekst in deze taal is officieel: {$language}.
# The same notice in a plain-language edition.
plain-official-text-notice = Dit is een eenvoudige versie. De gewone tekst is de officiële tekst.
# Link text to the original of this page.
official-text-link = Lees de officiële tekst
# Link from an original page to its plain-language version.
plain-version-link = Lees deze pagina in eenvoudig Nederlands
# Heading of the table of contents of a page.
toc-title = Op deze pagina
# Heading of the list of explained words at the bottom of a page.
terms-title = Uitleg van woorden op deze pagina
# Accessible name of the previous/next links.
pager-label = Vorige en volgende pagina
# Label before the title of the previous page.
previous = Vorige:
# Label before the title of the next page.
next = Volgende:
# Accessible name of a scrollable table.
table-region = Tabel
# Visible link on every commitment: copy this link to point someone at this one promise.
commitment-link = Link naar deze afspraak
# Heading of the progress summary on a theme page.
progress-summary-title = Voortgang
# Number of commitments on a page; {$count} is a number.
progress-summary-count = { $count ->
    [one] Op deze pagina staat 1 afspraak.
   *[other] Op deze pagina staan {$count} afspraken.
}
# Button that shows the history of progress updates of a commitment.
progress-history = Geschiedenis
# Shown on the progress page when nothing has been reported yet.
progress-none = Er is nog geen voortgang gemeld. Zodra de gemeente voortgang meldt, ziet u dat hier en bij elke afspraak.
# Statuses of a commitment.
status-not-reported = Nog geen voortgang gemeld
status-planned = Gepland
status-started = Gestart
status-done = Uitgevoerd
status-changed = Gewijzigd
status-stopped = Gestopt
# 404 page.
not-found-title = Pagina niet gevonden
not-found-text = Deze pagina bestaat niet (meer). Misschien is het adres veranderd.
not-found-home = Naar de startpagina
# Text of the link on a page that moved.
redirect-text = Deze pagina is verhuisd. Ga naar de nieuwe pagina.
# Column headings of the corrections table.
corrections-caption = Verbeterde typfouten
corrections-source = In de bron
corrections-corrected = Verbeterd
corrections-where = Waar
# Note on the portfolio page: the link between people and themes is our reading.
portfolio-editorial = De koppeling tussen de portefeuillehouders en de thema's op deze site is een redactionele lezing van de onderwerpen; het document legt die koppeling niet zelf.
# Before the list of themes a portfolio holder covers.
portfolio-themes = Thema's op deze site:
# Header of the first column of a finance table.
finance-item = Onderdeel
# Header of the column with S (structureel) or I (incidenteel).
finance-kind = Soort
# Before the visible legend of the kind column of a finance table ("I = incidenteel, S = structureel").
finance-legend = Soort:
# Link to download a table as a CSV file.
finance-csv = Download deze tabel als CSV-bestand
# Button that shows the chart of a table.
finance-chart = Grafiek: totaal 2027-2030 per onderdeel
# Intro to the list of totals that do not add up in the source.
finance-mismatch-intro = Let op: in de brontekst klopt niet elk totaal met de bedragen erboven. Wij tonen de bedragen zoals ze in het document staan.
# One total that does not add up. {$total} name, {$column} column, {$stated} and {$computed} amounts.
finance-mismatch = {$total}, {$column}: in het document {$stated}, opgeteld {$computed}.
# Title of the search page the theme makes when the site has none.
search-page-title = Zoeken
# Heading above the list of all pages on the search page.
search-all-pages = Alle pagina's

# Progress overview page (voortgang).
# Date of the most recent progress update; {$date} is a date like 2027-03-01.
progress-latest = Laatste melding: {$date}
# Link to the Atom news feed with every change of status, for feed readers.
progress-feed = Volg de voortgang met een nieuwsfeed (Atom)
# Caption of the table that counts the commitments per theme (rows) and status (columns).
progress-table-caption = Aantal afspraken per thema en per status
# Header of the first column of that table: the themes.
progress-theme = Thema
# Header of the last column and the last row of that table: the sum.
progress-total = Totaal
# Link under a theme's heading to the page with the full text of its commitments.
progress-theme-page = Lees deze afspraken op de themapagina

# Search page (zoeken), shown when JavaScript runs the search.
# Heading above the search results.
search-results-title = Zoekresultaten
# Number of results, read out by screen readers after every search. {$count} is a number.
search-results-count = { $count ->
    [0] Geen resultaten gevonden. Probeer een ander woord.
    [one] 1 resultaat gevonden.
   *[other] { $count } resultaten gevonden.
}
# Shown while the search runs.
search-loading = Bezig met zoeken…
# Shown when the search cannot run (for example an old browser); the list of all pages stays.
search-unavailable = Zoeken werkt nu niet. Kies hieronder een pagina uit de lijst.
# Before the text of a commitment (afspraak) that contains the search words, inside a result.
search-commitment = Afspraak:
# Button under the results that shows the next results.
search-more = Meer resultaten tonen

# Month names, used to write dates in full (in date-long).
month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
# A date written in full: {$day} is the day number, {$month} a month name from above, {$year} the year.
date-long = {$day} {$month} {$year}

# How a translated or plain page was made and checked (front matter `review:`).
review-machine = Deze pagina is gemaakt met een computerprogramma (AI) en alleen automatisch gecontroleerd. Niemand van de gemeente heeft de tekst nagelezen.
review-checked = Nagelezen door { $by } op { $date }.
review-approved = Goedgekeurd door { $by } op { $date }.
review-none = Van deze pagina is niet vastgelegd of iemand de tekst heeft nagelezen.
# Contact details (footer and the accessibility statement).
email = E-mail
contact-organisation = Organisatie
contact-address = Adres
contact-website = Website
contact-none = Deze website heeft nog geen contactgegevens.
# Text that the website adds, not text of the agreement.
site-text-label = Toelichting van deze website, geen tekst uit het document
site-text-short = toelichting website
finance-chart-computed = De totalen in deze grafiek ({ $first } tot en met { $last } opgeteld) heeft deze website berekend; ze staan niet in het document.
finance-likely-cause = Waarschijnlijke oorzaak: de regel "{ $row }" past alleen bij de genoemde totalen als het bedrag { $fitting } is in plaats van { $printed }.
finance-likely-cause-sign = Waarschijnlijke oorzaak: de regel "{ $row }" past alleen bij de genoemde totalen als het bedrag { $fitting } is in plaats van { $printed } (het omgekeerde teken).
finance-shown-as-printed = De tabel toont de bedragen zoals het document ze noemt.
