# The site's own strings. The built-in theme brings every other text of the design
# (themes/default/locales/en/theme.ftl in plein's repository); a message written here replaces
# the theme's message with the same id, for this edition.

# Name of the site, in the browser tab and the header.
site-title = New site
