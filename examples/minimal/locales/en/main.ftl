# UI strings of the English edition (the default). Every message id used by themes/default.
site-title = Riverside Public Library
skip-to-content = Skip to content
edition-switcher-label = Choose a language
search-label = Search this site
search-button = Search
# Button in the header on a phone that shows the search field (a link to the search page without JavaScript).
search-open = Search
main-nav-label = Main menu
menu = All pages
breadcrumbs-label = You are here
footer-nav-label = About this site
section-nav-title = All pages in { $section }
phone = Phone
fallback-notice = This page has not been translated yet. Below is the text in {$language}.
stale-notice = The original text of this page has changed since it was translated.
official-text-notice = The English text is the official text.
official-text-link = Read the official text
plain-version-link = Read this page in plain language
toc-title = On this page
terms-title = Words explained on this page
pager-label = Previous and next page
previous = Previous:
next = Next:
table-region = Table
commitment-link = Link to this item
progress-summary-title = Progress
progress-summary-count = { $count ->
    [one] There is 1 item on this page.
   *[other] There are {$count} items on this page.
}
progress-history = History
progress-none = Nothing has been reported yet.
status-not-reported = Not reported yet
status-planned = Planned
status-started = Started
status-done = Done
status-changed = Changed
status-stopped = Stopped
not-found-title = Page not found
not-found-text = This page does not exist (any more).
not-found-home = Go to the home page
redirect-text = This page has moved. Go to the new page.
corrections-caption = Corrected typing errors
corrections-source = In the source
corrections-corrected = Corrected
corrections-where = Where
portfolio-editorial = The link between people and topics is an editorial reading.
portfolio-themes = Topics on this site:
finance-item = Item
finance-kind = Kind
# Before the visible legend of the kind column of a finance table ("I = incidenteel, S = structureel").
finance-legend = Kind:
finance-csv = Download this table as a CSV file
finance-chart = Chart
finance-mismatch-intro = Note: not every total in the source adds up.
finance-mismatch = {$total}, {$column}: stated {$stated}, computed {$computed}.
search-all-pages = All pages
progress-latest = Latest report: {$date}
progress-feed = Follow progress with a news feed (Atom)
progress-table-caption = Number of items per topic and status
progress-theme = Topic
progress-total = Total
progress-theme-page = Read these items on the topic page
search-results-title = Search results
search-results-count = { $count ->
    [0] No results found. Try another word.
    [one] 1 result found.
   *[other] { $count } results found.
}
search-loading = Searching…
search-unavailable = Search does not work right now. Choose a page from the list below.
search-commitment = Item:
search-more = Show more results

# How a translated or plain page was made and checked (front matter `review:`).
review-machine = This page was made with a computer program (AI) and checked by programs only. Nobody at the municipality has read this text.
review-checked = Checked by { $by } on { $date }.
review-approved = Approved by { $by } on { $date }.
review-none = Nothing is recorded about whether anyone has checked this page.
# Contact details (footer and the accessibility statement).
email = Email
contact-organisation = Organisation
contact-address = Address
contact-website = Website
contact-none = This website does not list any contact details yet.
# Text that the website adds, not text of the agreement.
site-text-label = Explanation added by this website, not text of the agreement
site-text-short = website note
finance-chart-computed = The totals in this chart ({ $first } to { $last } added up) were computed by this website; they are not in the agreement.
finance-likely-cause = Likely cause: the row "{ $row }" only fits the stated totals if its amount is { $fitting } instead of { $printed }.
finance-likely-cause-sign = Likely cause: the row "{ $row }" only fits the stated totals if its amount is { $fitting } instead of { $printed } (the opposite sign).
finance-shown-as-printed = The table shows the amounts as the agreement states them.
