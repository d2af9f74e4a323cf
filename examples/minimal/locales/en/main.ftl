# UI strings of the English edition (the default).
# Only what this site says differently from the built-in theme's strings (themes/default/locales/), and its name.

site-title = Riverside Public Library
skip-to-content = Skip to content
edition-switcher-label = Choose a language
menu = All pages
fallback-notice = This page has not been translated yet. Below is the text in {$language}.
stale-notice = The original text of this page has changed since it was translated.
official-text-notice = The English text is the official text.
official-text-link = Read the official text
plain-version-link = Read this page in plain language
terms-title = Words explained on this page
commitment-link = Link to this item
progress-summary-count = { $count ->
    [one] There is 1 item on this page.
   *[other] There are {$count} items on this page.
}
progress-none = Nothing has been reported yet.
status-not-reported = Not reported yet
not-found-text = This page does not exist (any more).
portfolio-editorial = The link between people and topics is an editorial reading.
portfolio-themes = Topics on this site:
finance-kind = Kind
# Before the visible legend of the kind column of a finance table ("I = incidenteel, S = structureel").
finance-legend = Kind:
finance-chart = Chart
finance-mismatch-intro = Note: not every total in the source adds up.
finance-mismatch = {$total}, {$column}: stated {$stated}, computed {$computed}.
progress-latest = Latest report: {$date}
progress-table-caption = Number of items per topic and status
progress-theme = Topic
progress-theme-page = Read these items on the topic page
search-unavailable = Search does not work right now. Choose a page from the list below.
search-commitment = Item:
# Text that the website adds, not text of the agreement.
site-text-label = Explanation added by this website, not text of the agreement
finance-chart-computed = The totals in this chart ({ $first } to { $last } added up) were computed by this website; they are not in the agreement.
finance-shown-as-printed = The table shows the amounts as the agreement states them.
