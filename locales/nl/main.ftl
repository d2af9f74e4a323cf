# UI strings of the Dutch edition (the default: every other edition falls back to these).
# Each message has a comment for translators. Keep {$variables} as they are.
# Only what this site says differently from the built-in theme's strings (themes/default/locales/), and its name.

# Name of the site, in the browser tab and the header.
site-title = Hoofdlijnenakkoord Almere 2026-2030
# Label of the search field in the header.
search-label = Zoeken in het akkoord
# Note on the portfolio page: the link between people and themes is our reading.
portfolio-editorial = De koppeling tussen de portefeuillehouders en de thema's op deze site is een redactionele lezing van de onderwerpen; het akkoord legt die koppeling niet zelf.
# Intro to the list of totals that do not add up in the source.
finance-mismatch-intro = Let op: in de brontekst klopt niet elk totaal met de bedragen erboven. Wij tonen de bedragen zoals ze in het akkoord staan.
# One total that does not add up. {$total} name, {$column} column, {$stated} and {$computed} amounts.
finance-mismatch = {$total}, {$column}: in het akkoord {$stated}, opgeteld {$computed}.
# Text that the website adds, not text of the agreement.
site-text-label = Toelichting van deze website, geen tekst uit het akkoord
finance-chart-computed = De totalen in deze grafiek ({ $first } tot en met { $last } opgeteld) heeft deze website berekend; ze staan niet in het akkoord.
finance-shown-as-printed = De tabel toont de bedragen zoals het akkoord ze noemt.
# On translated pages: the Dutch original is the official text.
official-text-notice = De Nederlandse tekst is de officiële tekst.
