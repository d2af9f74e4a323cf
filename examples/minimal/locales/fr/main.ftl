# Textes de l'interface de l'édition française.
site-title = Bibliothèque publique de Riverside
skip-to-content = Aller au contenu
edition-switcher-label = Choisir une langue
search-label = Rechercher sur ce site
search-button = Rechercher
# Button in the header on a phone that shows the search field (a link to the search page without JavaScript).
search-open = Rechercher
main-nav-label = Menu principal
menu = Toutes les pages
breadcrumbs-label = Vous êtes ici
footer-nav-label = À propos de ce site
section-nav-title = Toutes les pages de la rubrique { $section }
phone = Téléphone
fallback-notice = Cette page n’est pas encore traduite. Voici le texte en {$language}.
stale-notice = Le texte original de cette page a changé depuis sa traduction.
official-text-notice = Le texte anglais est le texte officiel.
official-text-link = Lire le texte officiel
plain-version-link = Lire cette page en langage simple
toc-title = Sur cette page
terms-title = Mots expliqués sur cette page
pager-label = Page précédente et suivante
previous = Précédente :
next = Suivante :
table-region = Tableau
commitment-link = Lien vers cet élément
progress-summary-title = Avancement
progress-summary-count = { $count ->
    [one] Il y a 1 élément sur cette page.
   *[other] Il y a {$count} éléments sur cette page.
}
progress-history = Historique
progress-none = Rien n’a encore été signalé.
status-not-reported = Pas encore signalé
status-planned = Prévu
status-started = Commencé
status-done = Terminé
status-changed = Modifié
status-stopped = Arrêté
not-found-title = Page introuvable
not-found-text = Cette page n’existe pas (ou plus).
not-found-home = Aller à la page d’accueil
redirect-text = Cette page a été déplacée. Aller à la nouvelle page.
corrections-caption = Fautes de frappe corrigées
corrections-source = Dans la source
corrections-corrected = Corrigé
corrections-where = Où
portfolio-editorial = Le lien entre les personnes et les thèmes est une lecture éditoriale.
portfolio-themes = Thèmes sur ce site :
finance-item = Élément
finance-kind = Type
# Before the visible legend of the kind column of a finance table ("I = incidenteel, S = structureel").
finance-legend = Type :
finance-csv = Télécharger ce tableau au format CSV
finance-chart = Graphique
finance-mismatch-intro = Attention : tous les totaux de la source ne sont pas exacts.
finance-mismatch = {$total}, {$column} : indiqué {$stated}, calculé {$computed}.
search-all-pages = Toutes les pages
# Title of the search page the theme makes when the site has none.
search-page-title = Recherche
progress-latest = Dernier signalement : {$date}
progress-feed = Suivre l’avancement avec un fil d’actualité (Atom)
progress-table-caption = Nombre d’éléments par thème et par statut
progress-theme = Thème
progress-total = Total
progress-theme-page = Lire ces éléments sur la page du thème
search-results-title = Résultats de la recherche
search-results-count = { $count ->
    [0] Aucun résultat. Essayez un autre mot.
    [one] 1 résultat trouvé.
   *[other] { $count } résultats trouvés.
}
search-loading = Recherche en cours…
search-unavailable = La recherche ne fonctionne pas pour le moment. Choisissez une page dans la liste ci-dessous.
search-commitment = Élément :
search-more = Afficher plus de résultats

# How a translated or plain page was made and checked (front matter `review:`).
review-machine = Cette page a été faite avec un programme informatique (IA) et vérifiée seulement par des programmes. Personne n'a relu ce texte.
review-checked = Relu par { $by } le { $date }.
review-approved = Approuvé par { $by } le { $date }.
review-none = Rien n'indique que quelqu'un a relu cette page.
# Contact details (footer and the accessibility statement).
email = Courriel
contact-organisation = Organisation
contact-address = Adresse
contact-website = Site web
contact-none = Ce site n'indique pas encore de coordonnées.
# Text that the website adds, not text of the document.
site-text-label = Explication ajoutée par ce site, pas le texte du document
site-text-short = note du site
finance-chart-computed = Les totaux de ce graphique ({ $first } à { $last } additionnés) ont été calculés par ce site ; ils ne figurent pas dans le document.
finance-likely-cause = Cause probable : la ligne « { $row } » ne correspond aux totaux indiqués que si son montant est { $fitting } au lieu de { $printed }.
finance-likely-cause-sign = Cause probable : la ligne « { $row } » ne correspond aux totaux indiqués que si son montant est { $fitting } au lieu de { $printed } (le signe opposé).
finance-shown-as-printed = Le tableau montre les montants tels que le document les indique.
