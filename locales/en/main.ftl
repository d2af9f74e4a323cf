# UI strings of the English edition. Translated from locales/nl/main.ftl (the Dutch original).
# Each message has a comment for translators. Keep {$variables} as they are.
# Only what this site says differently from the built-in theme's strings (themes/default/locales/), and its name.

# Name of the site, in the browser tab and the header.
site-title = Almere coalition agreement 2026-2030
# Label of the search field in the header.
search-label = Search the agreement
# Note on the portfolio page: the link between people and themes is our reading.
portfolio-editorial = The link between the portfolio holders and the themes on this site is our own editorial reading of their topics; the agreement itself does not make this link.
# Intro to the list of totals that do not add up in the source.
finance-mismatch-intro = Please note: in the source text, not every total matches the amounts above it. We show the amounts as they appear in the agreement.
# One total that does not add up. {$total} name, {$column} column, {$stated} and {$computed} amounts.
finance-mismatch = {$total}, {$column}: {$stated} in the agreement, {$computed} when added up.
# Text that the website adds, not text of the agreement.
site-text-label = Explanation added by this website, not text of the agreement
finance-chart-computed = The totals in this chart ({ $first } to { $last } added up) were computed by this website; they are not in the agreement.
finance-shown-as-printed = The table shows the amounts as the agreement states them.
# On translated pages: the Dutch original is the official text.
official-text-notice = The Dutch text is the official text.
# Link text to the Dutch original of this page.
official-text-link = Read the official text (in Dutch)
