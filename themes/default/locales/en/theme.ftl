# UI strings of the built-in theme, in English. A site's own locales/<edition>/*.ftl replace any of
# them message by message; `site-title`, the site's name, is not here: every site names itself.
# Each message has a comment for translators. Keep {$variables} as they are.

# First link on every page, for keyboard and screen-reader users: jumps to the text.
skip-to-content = Skip to main content
# Accessible name of the list of editions (languages) in the header.
edition-switcher-label = Choose a language or version
# Label of the search field in the header.
search-label = Search this site
# Button next to the search field.
search-button = Search
# Button in the header on a phone that shows the search field (a link to the search page without JavaScript).
search-open = Search
# Accessible name of the main menu.
main-nav-label = Main menu
# Button that opens the menu of themes.
menu = All topics
# Accessible name of the breadcrumb trail ("you are here").
breadcrumbs-label = You are here
# Accessible name of the footer menu.
footer-nav-label = About this site
# Heading above the list of the pages of the section a page belongs to (after the text). $section is the section's title.
section-nav-title = All pages in { $section }
# Before the phone number in the footer.
phone = Phone
# Notice on a page that is not translated yet; {$language} is the name of the language shown instead.
fallback-notice = This page has not been translated yet. The text below is in another language: {$language}.
# The same notice in a plain-language edition; {$language} is the name of the edition shown instead.
plain-fallback-notice = This page is not in plain language yet. Below is the full text ({$language}).
# Notice on a translation whose original changed after it was translated.
stale-notice = The original text of this page has changed since this translation was made.
# The same notice in a plain-language edition.
plain-stale-notice = Please note: the full text of this page has changed. This plain-language text has not been updated yet.
# On translated pages: the original is the official text; {$language} is the name of the edition with the official text.
official-text-notice = Only the text in this language is official: {$language}.
# The same notice in a plain-language edition.
plain-official-text-notice = This is a plain-language version. The full text is the official text.
# Link text to the original of this page.
official-text-link = Read the official text
# Link from an original page to its plain-language version.
plain-version-link = Read this page in plain Dutch
# Heading of the table of contents of a page.
toc-title = On this page
# Heading of the list of explained words at the bottom of a page.
terms-title = Terms explained on this page
# Accessible name of the previous/next links.
pager-label = Previous and next page
# Label before the title of the previous page.
previous = Previous:
# Label before the title of the next page.
next = Next:
# Accessible name of a scrollable table.
table-region = Table
# Visible link on every commitment: copy this link to point someone at this one promise.
commitment-link = Link to this commitment
# Heading of the progress summary on a theme page.
progress-summary-title = Progress
# Number of commitments on a page; {$count} is a number.
progress-summary-count = { $count ->
    [one] This page contains 1 commitment.
   *[other] This page contains {$count} commitments.
}
# Button that shows the history of progress updates of a commitment.
progress-history = History
# Shown on the progress page when nothing has been reported yet.
progress-none = No progress has been reported yet. As soon as the municipality reports progress, you will see it here and with each commitment.
# Statuses of a commitment.
status-not-reported = No progress reported yet
status-planned = Planned
status-started = Started
status-done = Done
status-changed = Changed
status-stopped = Stopped
# 404 page.
not-found-title = Page not found
not-found-text = This page does not exist (any more). The address may have changed.
not-found-home = Go to the home page
# Text of the link on a page that moved.
redirect-text = This page has moved. Go to the new page.
# Column headings of the corrections table.
corrections-caption = Corrected typing errors
corrections-source = In the source
corrections-corrected = Corrected
corrections-where = Where
# Note on the portfolio page: the link between people and themes is our reading.
portfolio-editorial = The link between the portfolio holders and the themes on this site is our own editorial reading of their topics; the document itself does not make this link.
# Before the list of themes a portfolio holder covers.
portfolio-themes = Themes on this site:
# Header of the first column of a finance table.
finance-item = Item
# Header of the column with S (structureel) or I (incidenteel).
finance-kind = Type
# Before the visible legend of the kind column of a finance table ("I = incidenteel, S = structureel").
finance-legend = Type:
# Link to download a table as a CSV file.
finance-csv = Download this table as a CSV file
# Button that shows the chart of a table.
finance-chart = Chart: total 2027-2030 per item
# Intro to the list of totals that do not add up in the source.
finance-mismatch-intro = Please note: in the source text, not every total matches the amounts above it. We show the amounts as they appear in the document.
# One total that does not add up. {$total} name, {$column} column, {$stated} and {$computed} amounts.
finance-mismatch = {$total}, {$column}: {$stated} in the document, {$computed} when added up.
# Title of the search page the theme makes when the site has none.
search-page-title = Search
# Heading above the list of all pages on the search page.
search-all-pages = All pages

# Progress overview page (voortgang).
# Date of the most recent progress update; {$date} is a date like 2027-03-01.
progress-latest = Latest update: {$date}
# Link to the Atom news feed with every change of status, for feed readers.
progress-feed = Follow progress with a news feed (Atom)
# Caption of the table that counts the commitments per theme (rows) and status (columns).
progress-table-caption = Number of commitments per theme and status
# Header of the first column of that table: the themes.
progress-theme = Theme
# Header of the last column and the last row of that table: the sum.
progress-total = Total
# Link under a theme's heading to the page with the full text of its commitments.
progress-theme-page = Read these commitments on the theme page

# Heading above the search results.
search-results-title = Search results
# Number of search results. Keep { $count } inside *[other].
search-results-count = { $count ->
    [0] No results found. Try another word.
    [one] 1 result found.
   *[other] { $count } results found.
}
# Shown while the search runs.
search-loading = Searching…
# Shown when search cannot run (for example without JavaScript support).
search-unavailable = Search is not working right now. Choose a page from the list below.
# Label before a matching commitment in a search result.
search-commitment = Commitment:
# Button that shows more search results.
search-more = Show more results

# Month names, used to write dates in full (in date-long).
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# A date written in full: {$day} is the day number, {$month} a month name from above, {$year} the year.
date-long = {$day} {$month} {$year}

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
# Text that the website adds, not text of the document.
site-text-label = Explanation added by this website, not text of the document
site-text-short = website note
finance-chart-computed = The totals in this chart ({ $first } to { $last } added up) were computed by this website; they are not in the document.
finance-likely-cause = Likely cause: the row "{ $row }" only fits the stated totals if its amount is { $fitting } instead of { $printed }.
finance-likely-cause-sign = Likely cause: the row "{ $row }" only fits the stated totals if its amount is { $fitting } instead of { $printed } (the opposite sign).
finance-shown-as-printed = The table shows the amounts as the document states them.
