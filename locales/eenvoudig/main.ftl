# UI strings of the plain Dutch edition (eenvoudig Nederlands, level B1).
# Translated from locales/nl/main.ftl. Address the reader with "u"; short sentences, common words.
# Each message has a comment for translators. Keep {$variables} as they are.

# Name of the site, in the browser tab and the header.
site-title = Het plan voor Almere 2026-2030
# First link on every page, for keyboard and screen-reader users: jumps to the text.
skip-to-content = Direct naar de tekst
# Accessible name of the list of editions (languages) in the header.
edition-switcher-label = Kies een taal of versie
# Label of the search field in the header.
search-label = Zoeken op deze site
# Button next to the search field.
search-button = Zoek
# Button in the header on a phone that shows the search field (a link to the search page without JavaScript).
search-open = Zoeken
# Accessible name of the main menu.
main-nav-label = Menu
# Button that opens the menu of themes.
menu = Alle onderwerpen
# Accessible name of the breadcrumb trail ("you are here").
breadcrumbs-label = U bent hier
# Accessible name of the footer menu.
footer-nav-label = Over deze site
# Heading above the list of the pages of the section a page belongs to (after the text). $section is the section's title.
section-nav-title = Alle pagina's over { $section }
# Before the phone number in the footer.
phone = Telefoon
# Notice on a page that is not translated yet; {$language} is the name of the language shown instead.
fallback-notice = Deze pagina is er nog niet in eenvoudig Nederlands. Hieronder staat de gewone tekst ({$language}).
# Notice on a translation whose original changed after it was translated.
stale-notice = Let op: de gewone tekst van deze pagina is veranderd. Deze eenvoudige tekst is nog niet aangepast.
# On translated and plain-language pages: the original is the official text.
official-text-notice = Dit is een eenvoudige versie. De gewone tekst is de officiële tekst.
# Link text to the original of this page.
official-text-link = Lees de officiële tekst
# Link from an original page to its plain-language version.
plain-version-link = Lees deze pagina in eenvoudig Nederlands
# Heading of the table of contents of a page.
toc-title = Op deze pagina
# Heading of the list of explained words at the bottom of a page.
terms-title = Moeilijke woorden op deze pagina
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
progress-summary-title = Hoe ver is het?
# Number of commitments on a page; {$count} is a number.
progress-summary-count = { $count ->
    [one] Op deze pagina staat 1 afspraak.
   *[other] Op deze pagina staan {$count} afspraken.
}
# Button that shows the history of progress updates of a commitment.
progress-history = Wat is er eerder gebeurd?
# Shown on the progress page when nothing has been reported yet.
progress-none = De gemeente heeft nog niets gemeld. Meldt de gemeente iets? Dan ziet u dat hier. U ziet het ook bij elke afspraak.
# Statuses of a commitment.
status-not-reported = Nog niets gemeld
status-planned = Gepland
status-started = Begonnen
status-done = Klaar
status-changed = Veranderd
status-stopped = Gestopt
# 404 page.
not-found-title = Pagina niet gevonden
not-found-text = Deze pagina bestaat niet (meer). Misschien is het adres veranderd.
not-found-home = Naar de startpagina
# Text of the link on a page that moved.
redirect-text = Deze pagina staat nu ergens anders. Ga naar de nieuwe pagina.
# Column headings of the corrections table.
corrections-caption = Verbeterde typfouten
corrections-source = Eerst stond er
corrections-corrected = Nu staat er
corrections-where = Op pagina
# Note on the portfolio page: the link between people and themes is our reading.
portfolio-editorial = Op deze site staat bij elke bestuurder een aantal thema's. Die keuze hebben wij zelf gemaakt. Het akkoord zegt dit niet.
# Before the list of themes a portfolio holder covers.
portfolio-themes = Thema's op deze site:
# Header of the first column of a finance table.
finance-item = Waarvoor
# Header of the column with S (structureel) or I (incidenteel).
finance-kind = Soort
# Before the visible legend of the kind column of a finance table ("I = incidenteel, S = structureel").
finance-legend = Soort:
# Link to download a table as a CSV file.
finance-csv = Download deze tabel (CSV-bestand voor Excel)
# Button that shows the chart of a table.
finance-chart = Grafiek: totaal 2027-2030 per onderdeel
# Intro to the list of totals that do not add up in the source.
finance-mismatch-intro = Let op: soms klopt een totaal in het akkoord niet met de bedragen erboven. Wij laten de bedragen zien zoals ze in het akkoord staan.
# One total that does not add up. {$total} name, {$column} column, {$stated} and {$computed} amounts.
finance-mismatch = {$total}, {$column}: in het akkoord staat {$stated}. Opgeteld is het {$computed}.
# Heading above the list of all pages on the search page.
search-all-pages = Alle pagina's

# Progress overview page (voortgang).
# Date of the most recent progress update; {$date} is a date like 2027-03-01.
progress-latest = De laatste melding is van {$date}.
# Link to the Atom news feed with every change of status, for feed readers.
progress-feed = Blijf op de hoogte met een nieuwsfeed (Atom)
# Caption of the table that counts the commitments per theme (rows) and status (columns).
progress-table-caption = Hoeveel afspraken per onderwerp, en hoe ver ze zijn
# Header of the first column of that table: the themes.
progress-theme = Onderwerp
# Header of the last column and the last row of that table: the sum.
progress-total = Totaal
# Link under a theme's heading to the page with the full text of its commitments.
progress-theme-page = Lees deze afspraken op de pagina over dit onderwerp

# Kop boven de zoekresultaten.
search-results-title = Wat we vonden
# Aantal zoekresultaten. Houd { $count } in *[other].
search-results-count = { $count ->
    [0] We vonden niets. Probeer een ander woord.
    [one] We vonden 1 pagina.
   *[other] We vonden { $count } pagina's.
}
# Tijdens het zoeken.
search-loading = We zoeken…
# Als zoeken niet werkt.
search-unavailable = Zoeken werkt nu niet. Kies een pagina uit de lijst hieronder.
# Voor een afspraak in een zoekresultaat.
search-commitment = Afspraak:
# Knop voor meer resultaten.
search-more = Meer resultaten

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
review-machine = Deze tekst is gemaakt met een computerprogramma (AI). Een programma heeft de tekst gecontroleerd. Niemand van de gemeente heeft de tekst gelezen.
review-checked = { $by } heeft deze tekst gelezen op { $date }.
review-approved = { $by } heeft deze tekst goedgekeurd op { $date }.
review-none = We weten niet of iemand deze tekst heeft gelezen.
# Contact details (footer and the accessibility statement).
email = E-mail
contact-organisation = Organisatie
contact-address = Adres
contact-website = Website
contact-none = Deze website heeft nog geen contactgegevens.
# Text that the website adds, not text of the agreement.
site-text-label = Uitleg van deze website. Dit staat niet in het akkoord.
site-text-short = uitleg website
finance-chart-computed = De totalen in deze grafiek zijn opgeteld door deze website ({ $first } tot en met { $last }). Ze staan niet in het akkoord.
finance-likely-cause = Misschien staat er een fout in de regel "{ $row }". De totalen kloppen alleen als daar { $fitting } staat. Er staat { $printed }.
finance-likely-cause-sign = Misschien staat er een fout in de regel "{ $row }". De totalen kloppen alleen als daar { $fitting } staat. Er staat { $printed }: een plus in plaats van een min, of andersom.
finance-shown-as-printed = In de tabel staan de bedragen zoals ze in het akkoord staan.
