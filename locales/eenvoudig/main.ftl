# UI strings of the plain Dutch edition (eenvoudig Nederlands, level B1).
# Translated from locales/nl/main.ftl. Address the reader with "u"; short sentences, common words.
# Each message has a comment for translators. Keep {$variables} as they are.
# Only what this site says differently from the built-in theme's strings (themes/default/locales/), and its name.

# Name of the site, in the browser tab and the header.
site-title = Het plan voor Almere 2026-2030
# First link on every page, for keyboard and screen-reader users: jumps to the text.
skip-to-content = Direct naar de tekst
# Accessible name of the main menu.
main-nav-label = Menu
# Heading above the list of the pages of the section a page belongs to (after the text). $section is the section's title.
section-nav-title = Alle pagina's over { $section }
# Notice on a page that is not translated yet; {$language} is the name of the language shown instead.
plain-fallback-notice = Deze pagina is er nog niet in eenvoudig Nederlands. Hieronder staat de gewone tekst ({$language}).
# Notice on a translation whose original changed after it was translated.
plain-stale-notice = Let op: de gewone tekst van deze pagina is veranderd. Deze eenvoudige tekst is nog niet aangepast.
# On translated and plain-language pages: the original is the official text.
plain-official-text-notice = Dit is een eenvoudige versie. De gewone tekst is de officiële tekst.
# Heading of the list of explained words at the bottom of a page.
terms-title = Moeilijke woorden op deze pagina
# Heading of the progress summary on a theme page.
progress-summary-title = Hoe ver is het?
# Button that shows the history of progress updates of a commitment.
progress-history = Wat is er eerder gebeurd?
# Shown on the progress page when nothing has been reported yet.
progress-none = De gemeente heeft nog niets gemeld. Meldt de gemeente iets? Dan ziet u dat hier. U ziet het ook bij elke afspraak.
# Statuses of a commitment.
status-not-reported = Nog niets gemeld
status-started = Begonnen
status-done = Klaar
status-changed = Veranderd
# Text of the link on a page that moved.
redirect-text = Deze pagina staat nu ergens anders. Ga naar de nieuwe pagina.
corrections-source = Eerst stond er
corrections-corrected = Nu staat er
corrections-where = Op pagina
# Note on the portfolio page: the link between people and themes is our reading.
portfolio-editorial = Op deze site staat bij elke bestuurder een aantal thema's. Die keuze hebben wij zelf gemaakt. Het akkoord zegt dit niet.
# Header of the first column of a finance table.
finance-item = Waarvoor
# Link to download a table as a CSV file.
finance-csv = Download deze tabel (CSV-bestand voor Excel)
# Intro to the list of totals that do not add up in the source.
finance-mismatch-intro = Let op: soms klopt een totaal in het akkoord niet met de bedragen erboven. Wij laten de bedragen zien zoals ze in het akkoord staan.
# One total that does not add up. {$total} name, {$column} column, {$stated} and {$computed} amounts.
finance-mismatch = {$total}, {$column}: in het akkoord staat {$stated}. Opgeteld is het {$computed}.
# Progress overview page (voortgang).
# Date of the most recent progress update; {$date} is a date like 2027-03-01.
progress-latest = De laatste melding is van {$date}.
# Link to the Atom news feed with every change of status, for feed readers.
progress-feed = Blijf op de hoogte met een nieuwsfeed (Atom)
# Caption of the table that counts the commitments per theme (rows) and status (columns).
progress-table-caption = Hoeveel afspraken per onderwerp, en hoe ver ze zijn
# Header of the first column of that table: the themes.
progress-theme = Onderwerp
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
# Knop voor meer resultaten.
search-more = Meer resultaten
# How a translated or plain page was made and checked (front matter `review:`).
review-machine = Deze tekst is gemaakt met een computerprogramma (AI). Een programma heeft de tekst gecontroleerd. Niemand van de gemeente heeft de tekst gelezen.
review-checked = { $by } heeft deze tekst gelezen op { $date }.
review-approved = { $by } heeft deze tekst goedgekeurd op { $date }.
review-none = We weten niet of iemand deze tekst heeft gelezen.
# Text that the website adds, not text of the agreement.
site-text-label = Uitleg van deze website. Dit staat niet in het akkoord.
site-text-short = uitleg website
finance-chart-computed = De totalen in deze grafiek zijn opgeteld door deze website ({ $first } tot en met { $last }). Ze staan niet in het akkoord.
finance-likely-cause = Misschien staat er een fout in de regel "{ $row }". De totalen kloppen alleen als daar { $fitting } staat. Er staat { $printed }.
finance-likely-cause-sign = Misschien staat er een fout in de regel "{ $row }". De totalen kloppen alleen als daar { $fitting } staat. Er staat { $printed }: een plus in plaats van een min, of andersom.
finance-shown-as-printed = In de tabel staan de bedragen zoals ze in het akkoord staan.
