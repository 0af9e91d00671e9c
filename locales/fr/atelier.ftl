# Les messages d'atelier en français : chaque message qu'un rédacteur peut lire, par domaine.
# Mêmes identifiants et mêmes variables que le catalogue anglais (vérifié par `tests/all/i18n.rs`).
# Typographie française : espace fine insécable (U+202F) avant ; : ! ? et dans « », apostrophe ’.

## Affichage des problèmes (src/diagnostic.rs)

label-error = erreur
label-warning = avertissement
label-help = aide
label-note = note
report-more-in-file = { $count ->
    [one] 1 autre problème dans { $file } non affiché ({ $counts })
   *[other] { $count } autres problèmes dans { $file } non affichés ({ $counts })
}
report-not-shown-by-kind = { $count ->
    [one] 1 problème non affiché ({ $counts }), par sorte :
   *[other] { $count } problèmes non affichés ({ $counts }), par sorte :
}
report-other-kinds = de { $count } autres sortes
report-verbose-help = `--verbose` affiche tous les problèmes
counts-and = { $first } et { $second }

## Bilans des commandes (src/cmd/)

summary-errors = { $count ->
    [one] { $count } erreur
   *[other] { $count } erreurs
}
summary-warnings = { $count ->
    [one] { $count } avertissement
   *[other] { $count } avertissements
}
summary-pages = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}
summary-files = { $count ->
    [one] { $count } fichier
   *[other] { $count } fichiers
}
check-no-problems = aucun problème
check-external-summary = Liens externes : { $checked } vérifiés en { $seconds } s, { $broken } cassés, { $unreachable } injoignables.
check-not-rendered = Le site n’a pas pu être produit : { $found }.
check-checked = { $count ->
    [one] 1 page vérifiée : { $found }.
   *[other] { $count } pages vérifiées : { $found }.
}
check-strict-failed = Les avertissements font échouer la vérification (--strict).
build-built = { $pages ->
    [one] 1 page produite
   *[other] { $pages } pages produites
} et { $files ->
    [one] 1 fichier copié
   *[other] { $files } fichiers copiés
} dans { $folder } en { $ms } ms ({ $warnings }).
build-timings-images = images : { $encoded } encodées, { $reused } reprises du cache
build-timings-cache = cache : { $reused } pages reprises sur { $total }
build-timings-cache-documents = cache : { $taken } en-têtes de fichiers de contenu repris sur { $total }
build-timings-cache-bodies = cache : { $taken } corps Markdown repris sur { $total }
build-timings-cache-linted = cache : { $taken } corps connus sans remarque des relectures sur { $total }
build-timings-cache-checked = cache : { $taken } pages lues par les vérifications reprises sur { $total }
build-output-folder = le dossier de sortie
build-left-nothing = rien n’a été écrit
build-left-unchanged = `{ $folder }` est resté tel quel
build-left-partly = `{ $folder }` a été en partie mis à jour ({ $done } des { $of } fichiers modifiés sont nouveaux, les autres inchangés, chacun entier) : relancez la construction une fois le problème corrigé
build-failed = Échec de la construction : { $errors } et { $warnings } ; { $left }.

## Fichiers de contenu et front matter (src/content/)

content-no-folder = le site n’a pas de dossier `content`
content-no-folder-help = créez `{ $folder }` avec un fichier `_index.md` pour la page d’accueil
content-unreadable = impossible de lire `{ $path }` : { $error }
content-unreadable-help = vérifiez les droits d’accès du dossier
content-name-line-break = un retour à la ligne
content-name-carriage-return = un retour chariot
content-name-tab = une tabulation
content-name-control = le caractère de contrôle U+{ $code }
content-name-control-character = le nom `{ $name }` contient { $what } : l’adresse de sa page ne serait pas celle où mènent les liens
content-name-control-character-help = renommez le fichier (ou son dossier) avec uniquement des lettres, des chiffres, `-` et `.`
content-nesting-too-deep = le texte imbrique plus de { $limit } éléments les uns dans les autres (citations, listes, emphase ou balises HTML)
content-nesting-too-deep-help = aucune page n’a besoin d’autant de niveaux : fermez plus tôt les citations, listes ou balises, et écrivez les balises de fin que HTML permet d’omettre (`</td>`, `</tr>`) : sans elles, chaque ligne d’un tableau s’imbrique dans la cellule qui la précède ; cette limite évite que la construction épuise la mémoire
front-matter-missing = le fichier ne commence pas par une ligne de front matter `---`
front-matter-missing-help = commencez le fichier par `---`, puis `title: ...` et les autres clés, puis une ligne `---` de fermeture
front-matter-unclosed = le front matter ouvert à la ligne 1 n’est jamais fermé
front-matter-unclosed-help = ajoutez une ligne `---` après la dernière ligne `clé: valeur`, avant le texte
content-file-needs-name = un fichier de contenu doit avoir un nom avant `.md`
front-matter-key-empty = `{ $key }` est vide
front-matter-key-missing = il manque la clé obligatoire `{ $key }`
front-matter-key-missing-help = ajoutez une ligne comme `{ $example }` entre les deux lignes `---`
did-you-mean = vouliez-vous dire `{ $suggestion }` ?
phase-unknown = phase inconnue `{ $phase }`
phase-known = phases connues : { $phases }
user-type-unknown = type d’utilisateur inconnu `{ $value }`
user-type-unknown-help = vouliez-vous dire `{ $suggestion }` ? Les autres valeurs sont affichées telles qu’écrites
accessibility-status-unknown = statut d’accessibilité inconnu `{ $status }`
accessibility-status-unknown-help = écrivez l’une de ces valeurs : { $statuses }
paginate-by-zero = `paginate_by` vaut { $value } : chaque page de la liste doit montrer au moins un élément
paginate-by-zero-help = indiquez combien d’éléments chaque page montre (`paginate_by: 10`), ou retirez la clé pour tout montrer sur une seule page
terms-paginate-by-zero = `terms_paginate_by` vaut 0 : chaque page d’une phase ou d’une thématique doit montrer au moins une startup
terms-paginate-by-zero-help = indiquez combien de startups chaque page d’une phase ou d’une thématique montre (`terms_paginate_by: 12`), ou retirez la clé pour les montrer toutes sur une seule page
news-name-without-date = le nom du fichier d’actualité `{ $name }` ne commence pas par une date suivie d’un nom
news-name-without-date-help = nommez les fichiers d’actualité `AAAA-MM-JJ-titre-court.md`, par exemple `2025-03-14-lancement.md`
news-date-differs = la date { $date } diffère de celle du nom du fichier ({ $name_date })
news-date-differs-help = accordez-les, ou retirez `date:` pour utiliser la date du nom du fichier

## YAML (src/content/yaml/)

yaml-duplicate-key = la clé `{ $key }` apparaît deux fois
yaml-duplicate-key-help = chaque clé ne peut apparaître qu’une fois : gardez l’une des deux lignes
yaml-invalid = YAML invalide : { $details }
yaml-syntax-mapping-values = un « : » suivi d’une valeur n’est pas permis à cet endroit
yaml-syntax-expected-key = une clé était attendue à cet endroit
yaml-syntax-bad-start = ce caractère ne peut pas commencer une valeur
yaml-syntax-end-of-stream = le texte s’arrête avant la fin attendue
yaml-syntax-quoted = en lisant un texte entre guillemets
yaml-syntax-expected-dash = un tiret d’élément de liste était attendu
yaml-syntax-expected-content = une valeur était attendue
yaml-syntax-list-here = un élément de liste n’est pas permis à cet endroit
yaml-syntax-in-mapping = en lisant une suite de clés
yaml-syntax-in-list = en lisant une liste
yaml-syntax-in-key = en lisant une clé
yaml-syntax-expected-colon = un « : » était attendu
yaml-syntax-tab = une tabulation se trouve là où l’indentation demande des espaces
yaml-not-a-mapping = le front matter doit être fait de lignes `clé: valeur`, trouvé { $found }
yaml-not-a-mapping-help = écrivez une ligne `clé: valeur` par clé, par exemple `title: Mon titre`
yaml-unknown-key = clé inconnue `{ $key }`
yaml-unknown-key-kept = elle est gardée dans le fichier mais le site ne s’en sert pas
yaml-known-keys = clés connues ici : { $keys }
yaml-expected-found = attendu { $expected }, trouvé { $found }
yaml-missing-key = il manque la clé `{ $key }`
yaml-field-problem = `{ $key }` : { $problem }
yaml-value-empty = une valeur vide
yaml-value-number = le nombre { $number }
yaml-value-text = le texte `{ $text }`
yaml-value-list = une liste
yaml-value-mapping = un bloc de lignes `clé: valeur`
yaml-value-tagged = une valeur marquée `{ $tag }`
yaml-value-plain-text = du texte
yaml-value-boolean = `true` ou `false`
yaml-value-whole-number = un nombre entier
yaml-help-colon-in-value = une valeur contient `: ` ; mettez toute la valeur entre guillemets, par exemple `title: "Compar:IA : le comparateur"`
yaml-help-indentation = vérifiez l’indentation : les clés d’un même bloc doivent commencer à la même colonne
yaml-help-bad-start = YAML n’accepte pas les tabulations pour indenter, et les valeurs qui commencent par `@` ou par un accent grave doivent être entre guillemets
yaml-help-unclosed-quote = un guillemet ouvert ici n’est jamais fermé ; fermez-le sur la même ligne, et doublez l’apostrophe droite dans une valeur entre apostrophes (`'l''atelier'`)
yaml-help-list-item = chaque élément de liste commence par `- ` avec la même indentation
yaml-help-alias = `*` commence un alias YAML ; mettez la valeur entre guillemets
yaml-help-unfinished = une liste entre crochets `[a, b]` ou une valeur n’est pas terminée
yaml-help-too-deep = ici, listes et blocs s’imbriquent sur plus de 128 niveaux : aucun front matter n’en a besoin ; fermez plus tôt les crochets `[` `{"{"}`
yaml-help-too-many-aliases = les alias `*nom` répètent les valeurs marquées `&nom` jusqu’à une valeur trop grande pour être lue : écrivez plutôt les valeurs en entier
yaml-help-list-after-value = un élément de liste `- ` ne peut pas suivre une valeur sur la même clé ; commencez la liste à la ligne suivante

## Accessibilité (src/check/accessibility.rs)

a11y-image-without-alt = image sans texte alternatif
a11y-image-without-alt-help = décrivez l’image entre les crochets : `![Capture de l'écran d'accueil](…)` ; une image purement décorative s’écrit en HTML avec une description vide : `<img src="…" alt="">`
a11y-html-image-without-alt-help = ajoutez `alt="…"` avec une description, ou `alt=""` si l’image est décorative
a11y-second-h1 = un deuxième titre de niveau 1 : le titre de la page est déjà son h1
a11y-second-h1-help = commencez les intertitres du texte à `##`
a11y-heading-skipped = niveau de titre sauté : un h{ $level } suit un h{ $previous }
a11y-heading-skipped-help = écrivez `{ $hashes }` (h{ $expected }) ici, ou ajoutez au-dessus le niveau qui manque
a11y-table-without-header = tableau sans ligne d’en-tête
a11y-table-without-header-help = écrivez le titre de chaque colonne dans la première ligne, pour que les lecteurs d’écran puissent l’annoncer
a11y-link-without-text = lien sans texte
a11y-link-without-text-help = écrivez entre les crochets où mène le lien : `[le formulaire de candidature](…)` ; pour une image cliquable, décrivez l’image
a11y-link-bare-address = le texte de ce lien est une adresse brute : `{ $text }`
a11y-link-bare-address-help = écrivez plutôt où mène le lien : `[le site de Compar:IA](https://comparia.beta.gouv.fr)`
a11y-link-vague = le texte de lien `{ $text }` ne dit rien hors de son contexte
a11y-link-vague-help = les lecteurs d’écran listent les liens d’une page à part : dites où mène celui-ci, par exemple `[le bilan de l'investigation](…)`
a11y-no-statement = le site n’a pas de page de déclaration d’accessibilité
a11y-no-statement-help = créez `content/accessibilite.md` avec `template: { $template }` : la loi demande une déclaration, liée depuis le pied de chaque page
a11y-statement-body-differs = la page de déclaration dit que le site est `{ $found }`, mais `site.yaml` dit `{ $status }`
a11y-statement-body-differs-help = la page affiche déjà le statut de `site.yaml` : retirez cette phrase, ou changez `accessibility_status` si un audit a donné un autre résultat
a11y-statement-never-says = la page de déclaration `{ $url }` ne dit nulle part que le site est `{ $status }`, comme le dit `site.yaml`
a11y-statement-never-says-help = son gabarit devrait afficher le réglage : `{"{{ site.accessibility_status }}"}` dans `{ $template }`
a11y-statement-template-differs = le gabarit de la page de déclaration dit que le site est `{ $found }`, mais `site.yaml` dit `{ $status }`
a11y-print-status-help = affichez `{"{{ site.accessibility_status }}"}` au lieu d’un statut écrit en dur
a11y-on-page = la page `{ $page }`
a11y-on-pages = { $count } pages, dont `{ $page }`
a11y-footer-no-link = le pied de page ne mène pas à la déclaration d’accessibilité `{ $url }` sur { $pages }
a11y-footer-no-link-help = la loi demande un lien `Accessibilité : { $status }` dans le pied de chaque page
a11y-footer-no-status = le lien du pied de page vers la déclaration d’accessibilité n’indique pas le statut sur { $pages }
a11y-footer-no-status-help = écrivez le lien ainsi : `Accessibilité : {"{{ site.accessibility_status }}"}`
a11y-footer-differs = le pied de page dit que le site est `{ $found }`, mais `site.yaml` dit `{ $status }` (sur { $pages })
a11y-footer-differs-help = affichez `{"{{ site.accessibility_status }}"}` dans le pied de page au lieu d’un statut écrit en dur

## Fiches startup et adresses (src/check/front_matter.rs)

phase-starts-before-previous = la phase `{ $phase }` commence le { $start }, avant la phase précédente (`{ $previous }`, { $previous_start })
phase-starts-before-previous-help = listez les phases dans l’ordre où elles ont eu lieu, de la plus ancienne à la plus récente, et vérifiez leurs dates
phase-ends-before-start = la phase `{ $phase }` se termine le { $end }, avant d’avoir commencé ({ $start })
phase-ends-before-start-help = vérifiez les deux dates ; `end` peut être omis : la phase se termine alors quand la suivante commence
phase-far-ahead = la phase `{ $phase }` commence le { $start }, plus d’un an après la date de construction ({ $today })
phase-far-ahead-help = vérifiez l’année ; une phase n’apparaît comme en cours qu’à partir de sa date de début
front-matter-url-left-out = { $why } ; `{ $key }` n’apparaît pas sur la page
not-a-web-address = `{ $key }` n’est pas une adresse web : `{ $value }`
not-an-email = `{ $key }` n’est pas une adresse électronique : `{ $value }`
web-address-add-https = ajoutez `https://` devant : `https://{ $value }`
web-address-not-full = écrivez une adresse complète commençant par `https://`, comme `https://exemple.gouv.fr/`
web-address-spaces = retirez les espaces de l’adresse (ou écrivez-les `%20`)
web-address-unreadable = l’adresse est illisible ({ $error })
web-address-no-domain = après `https://` vient un nom de domaine, comme `exemple.gouv.fr`
email-without-mailto = écrivez l’adresse seule, sans `mailto:` : `{ $value }`
email-one-only = écrivez une seule adresse
email-shape = une adresse électronique s’écrit comme `equipe@exemple.gouv.fr`
email-domain-incomplete = le domaine `{ $domain }` est incomplet : il s’écrit comme `exemple.gouv.fr`
startup-id-case = l’identifiant de startup `{ $id }` ne diffère de `{ $other }` que par les majuscules
startup-id-case-help = renommez ce fichier ou `{ $path }` : beaucoup de systèmes et d’hébergeurs les prennent pour un seul fichier
startup-title-twice = le titre `{ $title }` est aussi celui de `{ $path }`
startup-title-twice-help = donnez à chaque startup son propre titre, pour que les visiteurs puissent les distinguer
url-scheme-refused = { $what } : le type d’adresse `{ $scheme }:` n’est pas accepté, seulement http, https, mailto, tel et les adresses du site
url-scheme-runs-code-help = une telle adresse exécute du code ou insère un fichier dans la page, elle n’est donc jamais publiée : faites un lien vers une page web (`https://...`) ou vers un fichier du site (`/fichiers/doc.pdf`)
url-scheme-refused-help = écrivez une adresse web (`https://...`), une adresse électronique (`mailto:...`), un numéro de téléphone (`tel:...`) ou une adresse du site (`/startups/`, `@/a-propos.md`)

## HTML brut dans les textes (src/raw_html.rs)

raw-html-element-help = le HTML brut garde la structure du texte (paragraphes, listes, tableaux, `<details>`, `<abbr>`, `<sup>`, images, liens) ; scripts, styles, cadres, formulaires et objets intégrés ne sont jamais publiés (voir le guide de rédaction, « HTML dans le Markdown »)
raw-html-handler-help = les attributs qui exécutent du code (`on...`) ne sont jamais publiés
raw-html-style-help = les attributs `style` ne sont pas publiés : utilisez les classes du DSFR (`class="fr-..."`)
raw-html-attribute-help = le HTML brut garde `id`, `class`, `lang`, `dir`, `title`, `role`, `aria-*` et les attributs propres à chaque élément gardé (`href`, `src`, `alt`, `colspan`...)
raw-html-unclosed-help = écrivez sa balise de fin là où son contenu se termine, dans le même bloc HTML (une balise écrite dans un paragraphe se termine avec lui) : un navigateur lirait tout le reste de la page comme son contenu
raw-html-foreign-help = fermez chaque élément que le bloc ouvre (dans `<svg>` et `<math>`, `<style>`, `<xmp>` et leurs semblables contiennent du balisage, pas du texte), et n’écrivez que des adresses acceptées
raw-html-unfinished-help = une ligne vide termine un bloc HTML : écrivez chaque balise en entier, sans ligne vide à l’intérieur
raw-html-url-in-foreign = HTML brut : un navigateur lirait dans ce bloc une adresse non acceptée (dans `<svg>` ou `<math>`), le bloc a été retiré
raw-html-hides-page = HTML brut : ce bloc cacherait au navigateur le reste de la page (un élément ou un commentaire resté ouvert), il a été retiré
raw-html-unclosed = HTML brut : `<{ $name }>` n’est pas fermé avant la fin de son bloc HTML
raw-html-element-removed = HTML brut : l’élément `<{ $name }>` a été retiré
raw-html-element-removed-with-content = HTML brut : l’élément `<{ $name }>` a été retiré avec son contenu
raw-html-attribute-removed = HTML brut : l’attribut `{ $attribute }` de `<{ $name }>` a été retiré
raw-html-attribute-of = `{ $attribute }` de `<{ $name }>`
raw-html-times = { $message } ({ $count } fois dans ce bloc)
raw-html-unfinished = HTML brut : une balise ou un commentaire n’est pas terminé à la fin de son bloc HTML, il a été retiré
heading-attribute-removed = l’attribut de titre `{ $name }` a été retiré
heading-attribute = l’attribut de titre `{ $name }`

## Liens, brouillons, images et réglages (src/check/)

link-no-page = lien cassé : `{ $link }` ne mène à aucune page du site
link-no-page-help = faites le lien vers le fichier de la page avec `@/`, comme `@/startups/languia.md` : ces liens suivent les renommages
link-missing-image = image manquante : `{ $link }` n’est pas publiée par le site
link-missing-file = fichier manquant : `{ $link }` n’est pas publié par le site
link-missing-file-help = rien n’est publié à `{ $path }` : placez le fichier dans `static/` ou dans `content/`, et vérifiez l’orthographe
link-no-anchor = lien cassé : `{ $link }` mène à `{ $page }`, qui n’a pas d’ancre `#{ $id }`
link-did-you-mean-anchor = vouliez-vous dire `#{ $suggestion }` ?
link-no-anchor-help = une ancre est l’identifiant d’un intertitre de cette page : `## Le problème` a l’ancre `#le-probleme`
link-outside-base = lien cassé : `{ $link }` mène hors du site, qui est publié sous `{ $base }`
link-outside-base-help = en Markdown, écrivez des chemins du site (`/startups/`) ou des liens `@/` ; les gabarits utilisent `url(path="...")`
link-malformed = lien mal formé `{ $link }` : { $why }
link-malformed-help = cherchez dans l’adresse des caractères en trop
link-in-theme-on-page = { $help } ; écrit par le thème sur la page `{ $page }`
link-in-theme-on-pages = { $help } ; écrit par le thème sur { $count } pages, dont `{ $page }`
link-to-draft = `{ $link }` mène à un brouillon : `{ $path }` a `draft: true` et n’est pas publié
link-to-draft-help = publiez d’abord la page visée (retirez `draft: true`), ou retirez le lien
draft-problem-help = ce fichier est un brouillon (`draft: true`) : `build` le laisse de côté, et ceci deviendra une erreur quand il sera publié
help-and-more = { $help } ; { $more }
placeholder-left = texte provisoire `{ $text }` laissé par `atelier new` ou `atelier init`
placeholder-left-help = écrivez le texte, ou gardez le fichier non publié avec `draft: true` dans son front matter
hosting-missing = les mentions légales ne nomment pas d’hébergeur : `hosting` n’est pas renseigné dans `site.yaml` (`{ $template }` l’affiche)
hosting-missing-help = ajoutez `hosting:` avec `name:` et `address:` (le nom et l’adresse postale de l’hébergeur) dans `site.yaml` avant la mise en ligne
image-over-budget = image de { $size } ko une fois réduite à { $width } pixels de large, au-delà du budget de { $budget } ko
image-over-budget-help = une photo enregistrée en JPEG pèse moins qu’en PNG ; recadrez l’image, ou enregistrez-la avec moins de couleurs (une capture d’écran, un dessin)
image-gps = `{ $file }` contient une position GPS dans ses métadonnées (le lieu de la prise de vue), publiée avec le fichier
image-gps-help = la page en montre des copies sans elle, mais chacun peut télécharger le fichier lui-même : retirez la position avant d’ajouter la photo (la plupart des outils photo le font, ou `exiftool -gps:all= FICHIER`)
settings-did-you-mean-file = vouliez-vous dire `@/{ $suggestion }` ?
settings-no-such-file-help = écrivez le chemin d’un fichier de `content/`, comme `@/a-propos.md`
settings-no-such-file = `{ $key }` : `{ $url }` ne désigne aucun fichier de `content/`

## Politique de sécurité des contenus et liens externes (src/check/csp.rs, src/check/external.rs)

csp-inline-script = un script écrit dans la page ne s’exécuterait pas : la Content-Security-Policy de la page dit `{ $directive }`
csp-inline-script-on-page = un script écrit dans la page ne s’exécuterait pas : la Content-Security-Policy de la page dit `{ $directive }`, sur la page `{ $page }`
csp-move-script-help = déplacez le script dans un fichier du dossier `static/` du thème et chargez-le avec `<script src="{"{{"} asset(path='...') {"}}"}">` ; la construction minifie les scripts écrits dans les pages, une empreinte dans la politique ne correspondrait donc pas à ce qui est publié
csp-on-pages = il figure sur { $count } page(s), dont `{ $page }`
csp-body-script-help = la politique du thème n’exécute que les scripts des fichiers du site : celui-ci est publié mais ne fait rien
external-generated-page = (page produite { $url })
external-elsewhere = (écrit à { $count } endroits ; voici le premier)
external-http-status = le lien externe `{ $url }` répond HTTP { $code }
external-http-status-help = ouvrez-le dans un navigateur : corrigez l’adresse, ou retirez le lien si la page n’existe plus
external-unreachable = le lien externe `{ $url }` est injoignable : { $why }
external-unreachable-help = vérifiez l’adresse ; le site peut aussi être momentanément indisponible
external-not-checked = non vérifié
external-timeout = pas de réponse à temps
external-unknown-host = hôte inconnu
external-connection-refused = connexion refusée

## Gabarits et pages (src/render.rs, src/render/)

theme-missing = le thème `{ $theme }` n’existe pas
theme-missing-no-folder-help = le site n’a pas de dossier `themes` ; copiez-y un thème, ou corrigez `theme:`
theme-missing-available-help = thèmes disponibles : { $themes }
template-while-rendering = en produisant `{ $page }`
template-help-while-rendering = { $help } ({ $note })
template-error = erreur de gabarit : { $details }
template-undefined-help = vérifiez le nom de la variable, ou protégez-la avec `{"{%"} if x is defined {"%}"}`
template-unknown-filter-help = atelier ajoute les filtres `date_fr` et `slugify` à ceux de Tera
template-missing = le gabarit `{ $template }` n’existe pas
template-missing-help = retirez `template:` ou ajoutez `{ $template }` au dossier des gabarits du thème

## Shortcodes (src/render/shortcodes.rs, src/markdown/shortcodes.rs)

shortcode-expects-text = un texte entre guillemets
shortcode-expects-int = un nombre entier
shortcode-expects-bool = true ou false
shortcode-expects-url = une adresse entre guillemets
shortcode-expects-file = l’adresse d’un fichier du site entre guillemets, comme "/fichiers/guide.pdf"
shortcode-expects-phase = le nom d’une phase entre guillemets, comme "construction"
shortcode-unknown-phase = shortcode `{ $name }` : il n’y a pas de phase `{ $phase }`
shortcode-phase-did-you-mean = vouliez-vous dire `{ $suggestion }` ?
shortcode-phase-known = les phases sont : { $phases }
shortcode-expects-thematique = une thématique du site entre guillemets, son identifiant ou son nom, comme "patrimoine"
shortcode-unknown-thematique = shortcode `{ $name }` : le site n’a pas de thématique `{ $thematique }`
shortcode-thematique-known = les thématiques du site sont : { $thematiques }
shortcode-no-thematique = aucune startup du site ne nomme encore de thématique
shortcode-value-text = un texte
shortcode-value-number = un nombre
shortcode-schema-unknown-type = type inconnu `{ $kind }` : utilisez text, int, bool, url, file, phase ou thematique
shortcode-did-you-mean = vouliez-vous dire `{ $suggestion }` ? (les shortcodes sont les fichiers de `templates/shortcodes/`)
shortcode-known = shortcodes connus : { $names }
shortcode-unknown = shortcode inconnu `{ $name }`
shortcode-bad-schema = shortcode `{ $name }` : son gabarit déclare mal ses arguments ({ $path }, ligne { $line }) : { $problem }
shortcode-bad-schema-help = corrigez le commentaire `{"{#-"} args ... {"-#}"}` en haut du gabarit
shortcode-takes-no-body = le shortcode `{ $name }` ne prend pas de contenu
shortcode-takes-no-body-help = écrivez-le `{"{{"} { $name }(...) {"}}"}`, sans `{"{%"} end {"%}"}`
shortcode-needs-body = le shortcode `{ $name }` a besoin d’un contenu
shortcode-needs-body-help = écrivez-le `{"{%"} { $name }(...) {"%}"}`, puis son contenu, puis `{"{%"} end {"%}"}`
shortcode-takes-no-argument = `{ $name }` ne prend pas d’argument
shortcode-takes = `{ $name }` prend : { $arguments }
shortcode-no-such-argument = le shortcode `{ $name }` n’a pas d’argument `{ $argument }`
shortcode-argument-twice = shortcode `{ $name }` : l’argument `{ $argument }` est donné deux fois
shortcode-argument-twice-help = gardez-en un seul
shortcode-argument-wrong = shortcode `{ $name }` : l’argument `{ $argument }` doit être { $expected }, pas { $found }
shortcode-argument-wrong-help = écrivez `{ $argument }=` puis { $expected }
shortcode-no-content-file = shortcode `{ $name }` : `{ $url }` ne désigne aucun fichier de `content/`
shortcode-argument-of = shortcode `{ $name }`, argument `{ $argument }`
shortcode-no-file = shortcode `{ $name }` : le site n’a pas de fichier `{ $file }`
shortcode-no-file-help = désignez un fichier de `static/` ou de `content/` par son adresse, comme "/fichiers/guide.pdf"
shortcode-argument-missing = le shortcode `{ $name }` a besoin de l’argument `{ $argument }`
shortcode-argument-missing-help = ajoutez `{ $argument }=` puis { $expected }
shortcode-failed = le shortcode `{ $name }` n’a pas pu être produit : { $details }
shortcode-failed-help = vérifiez le gabarit `{ $path }`
shortcode-syntax-help = un shortcode s’écrit `{"{{"} nom(arg="texte", n=3, option=true) {"}}"}`, ou `{"{%"} nom(arg="texte") {"%}"}` puis du Markdown puis `{"{%"} end {"%}"}`
shortcode-expected-argument = shortcode `{ $name }` : un nom d’argument ou `)` est attendu
shortcode-expected-equals = shortcode `{ $name }` : `=` est attendu après l’argument `{ $argument }`
shortcode-bad-value = shortcode `{ $name }` : { $problem }
shortcode-expected-comma = shortcode `{ $name }` : `,` ou `)` est attendu après l’argument `{ $argument }`
shortcode-expected-close = shortcode `{ $name }` : `{ $close }` est attendu pour fermer la balise
shortcode-unclosed-text = un texte ouvert par { $quote } n’est pas fermé
shortcode-expected-value = une valeur est attendue : un texte entre guillemets, un nombre, true ou false
shortcode-end-without-open = `{"{%"} end {"%}"}` ne ferme aucun shortcode
shortcode-end-without-open-help = retirez-le, ou ouvrez le shortcode avant : `{"{%"} nom(...) {"%}"}`
shortcode-never-closed = le shortcode `{ $name }` est ouvert ici et jamais fermé
shortcode-never-closed-help = terminez son contenu par `{"{%"} end {"%}"}`, ou écrivez-le `{"{{"} { $name }(...) {"}}"}` s’il ne prend pas de contenu
shortcode-too-deep = les shortcodes s’imbriquent ici sur plus de { $limit } niveaux
shortcode-too-deep-help = fermez-en quelques-uns (`{"{%"} end {"%}"}`) avant d’en ouvrir d’autres

## Textes en Markdown (src/markdown/)

heading-id-twice = identifiant d’intertitre en double `{ $id }`
heading-id-twice-help = donnez à chaque intertitre son propre identifiant, ou retirez le `{"{#...}"}`
link-unknown-file = lien vers un fichier inconnu `{ $path }`
link-unknown-file-help = un lien écrit `@/...` désigne un fichier de `content/`, comme `@/startups/languia.md`
image-unreadable = l’image `{ $image }` est illisible : { $problem }
image-unreadable-help = enregistrez de nouveau l’image en JPEG, PNG, GIF ou WebP (40 mégapixels au plus), ou retirez-la

## atelier new (src/cmd/new.rs)

new-rule-like = { $rule }, par exemple `{ $suggestion }`
new-invalid-startup-id = `{ $name }` n’est pas un identifiant de startup valide
new-startup-id-rule = utilisez des lettres minuscules et des chiffres, séparés par `-`, `.` ou `_`
new-invalid-page-path = `{ $name }` n’est pas un chemin de page valide
new-page-path-rule = utilisez des lettres minuscules, des chiffres et `-`, avec `/` entre les dossiers
new-invalid-news-slug = `{ $name }` n’est pas un nom court d’actualité valide
new-news-slug-rule = utilisez des lettres minuscules, des chiffres et `-`
new-no-site = pas de fichier `site.yaml` dans `{ $folder }`
new-no-site-help = lancez atelier dans le dossier du site, ou indiquez `--root <dossier>`
new-startup-exists = une startup avec l’identifiant `{ $id }` existe déjà
new-startup-exists-help = des identifiants qui ne diffèrent que par les majuscules désignent le même fichier sur beaucoup de systèmes : choisissez un autre identifiant
new-organisation-file = un fichier `content/organisations/<id>.md` avec `name:`
new-not-pages = `{ $folder }/` contient un autre type de contenu que des pages
new-use-instead = utilisez { $command }
new-news-exists = une actualité est déjà publiée à `/actualites/{ $slug }/`
new-news-exists-help = choisissez un autre nom court : l’adresse d’une actualité n’est faite que de son nom court
new-file-exists = `{ $path }` existe déjà
new-file-exists-help = atelier n’écrase jamais un fichier : modifiez-le, ou choisissez un autre nom
build-date-help = retirez la variable SOURCE_DATE_EPOCH ou indiquez `--date AAAA-MM-JJ`
new-created = { $path } créé : complétez-le, puis lancez `atelier check`.

## atelier dsfr fetch (src/cmd/dsfr.rs)

dsfr-theme-missing-help = `theme` dans site.yaml désigne un dossier de `themes/`
dsfr-not-used = Le thème `{ $theme }` n’utilise pas de paquet DSFR : rien à télécharger.
dsfr-ready = { $package } { $version } est prêt dans { $folder }.
dsfr-was-ready = { $package } { $version } est prêt dans { $folder } (il y était déjà).

## atelier init (src/cmd/init.rs)

init-bad-incubator = `{ $id }` n’est pas un identifiant d’incubateur
init-bad-incubator-help = utilisez l’identifiant de l’incubateur dans le réseau beta.gouv.fr : des lettres minuscules et des chiffres, séparés par `-`, `_` ou `.` (`culture`, `dinum`)
init-folder-not-empty = le dossier `{ $folder }` n’est pas vide
init-folder-not-empty-help = atelier init n’écrase jamais rien : indiquez un dossier nouveau ou vide, comme `atelier init mon-site`
init-not-a-folder = `{ $folder }` existe et n’est pas un dossier qu’atelier peut lire
init-not-a-folder-help = indiquez un dossier nouveau ou vide, comme `atelier init mon-site`
init-cannot-create = impossible de créer le dossier `{ $folder }` : { $error }
init-cannot-create-help = vérifiez les droits d’accès du dossier parent
init-write-failed-help = vérifiez les droits d’accès du dossier ; les fichiers listés plus haut ont été écrits
init-created = Nouveau site créé dans `{ $folder }` : site.yaml (tous les réglages, commentés), { $pages } dans content/, le thème DSFR dans { $theme_folder }/ ({ $files }).
init-next = Écrivez les passages marqués « À compléter », puis :

## atelier import betagouv (src/cmd/import.rs)

import-not-a-folder = `{ $folder }` n’est pas un dossier
import-not-a-folder-help = indiquez le dossier d’une copie du dépôt beta.gouv.fr : git clone https://github.com/betagouv/beta.gouv.fr
import-not-a-checkout = `{ $folder }` n’est pas une copie du dépôt beta.gouv.fr : il n’a pas de dossier `content/_startups`
import-not-a-checkout-help = indiquez le dossier racine de la copie de github.com/betagouv/beta.gouv.fr
import-no-incubator = `site.yaml` ne nomme pas d’incubateur : atelier ne sait pas de qui importer les fiches
import-no-incubator-help = ajoutez `incubator: <id>` dans site.yaml, le nom du fichier de l’incubateur dans `content/_incubators` du réseau (par exemple `incubator: culture`)
import-exists = `{ $path }` existe déjà (écrit entre-temps, ou sous un nom qui ne diffère que par les majuscules)
import-exists-help = atelier n’écrase jamais un fichier qu’il n’avait pas prévu d’écrire : renommez l’un des deux, puis importez de nouveau
import-removed = - { $path } (n’est plus dans le réseau : pas supprimé, supprimez-le s’il doit disparaître)
import-kept = = { $path } (gardé : { $why })
import-summary = { $new } nouveaux, { $updated } mis à jour, { $removed } retirés du réseau, { $kept } gardés, { $unchanged } inchangés.
import-dry-run = Essai à blanc : rien n’a été écrit.
import-wrote = { $count ->
    [one] 1 fichier écrit : relisez-le (`git diff`), puis lancez `atelier check`.
   *[other] { $count } fichiers écrits : relisez-les (`git diff`), puis lancez `atelier check`.
}

## atelier serve (src/serve/)

serve-port-taken = Le port { $port } est occupé ; le port { $other } est utilisé à la place.
serve-cannot-listen = impossible d’écouter sur { $address } : { $error }
serve-cannot-listen-help = choisissez une autre adresse avec `--bind` ou un autre port avec `--port`
serve-ports-taken = les ports { $first } à { $last } sont tous occupés
serve-ports-taken-because = les ports { $first } à { $last } sont tous occupés : { $error }
serve-ports-taken-help = choisissez un autre port avec `--port`, ou `--port 0` pour n’importe quel port libre
serve-failed-to-build = atelier n’a pas pu construire l’aperçu : { $panic }
serve-built = { $pages ->
    [one] 1 page construite en mémoire en { $ms } ms.
   *[other] { $pages } pages construites en mémoire en { $ms } ms.
}
serve-built-with-errors = { $pages } pages construites en mémoire en { $ms } ms, avec { $errors } erreur(s), affichées sur chaque page jusqu’à leur correction.
serve-not-loopback = aperçu servi sur { $address } : les autres machines du réseau peuvent le lire ; l’aperçu n’a aucun contrôle d’accès
serve-cannot-start = impossible de démarrer l’aperçu : { $error }
serve-cannot-start-server = impossible de démarrer le serveur : { $error }
serve-serving = Le site est servi à { $url }
serve-watching = Les modifications sont suivies ; Ctrl-C pour arrêter.
serve-no-browser = impossible d’ouvrir un navigateur : { $error }
serve-stopped = Arrêté.
serve-watch-error = suivi des fichiers : { $error }
serve-watch-lost = le suivi des fichiers a perdu des événements ; tout le site est relu
serve-rebuilt = { $pages } page(s) reconstruite(s) : { $first }terminé en { $ms } ms ; { $changed } modifiée(s).
serve-rebuilt-with-errors = { $pages } page(s) reconstruite(s) : { $first }terminé en { $ms } ms ; { $changed } modifiée(s) ; { $errors } erreur(s) à corriger.
serve-first-reload = pages modifiées rechargées après { $ms } ms,{" "}
serve-cannot-open = impossible d’ouvrir `{ $folder }` : { $error }
serve-cannot-watch-files = impossible de suivre les fichiers du site : { $error }
serve-cannot-watch = impossible de suivre `{ $folder }` : { $error }
serve-rebuild-failed = atelier n’a pas pu reconstruire l’aperçu : { $problem }
serve-rebuild-failed-after-one = atelier n’a pas pu reconstruire l’aperçu après une modification de `{ $file }` : { $problem }
serve-rebuild-failed-after-many = atelier n’a pas pu reconstruire l’aperçu après une modification de `{ $file }` et de { $others } autre(s) fichier(s) : { $problem }
serve-rebuild-failed-help = les dernières pages correctes sont affichées ; corrigez ou annulez la modification et enregistrez pour réessayer (c’est un défaut d’atelier : signalez-le avec le fichier)
serve-overlay-one = 1 problème à corriger (les dernières pages correctes sont affichées) :
serve-overlay-many = { $count } problèmes à corriger (les dernières pages correctes sont affichées) :

## Dates, pages et startups du site (src/date.rs, src/site.rs, src/project/)

date-invalid = une date écrite AAAA-MM-JJ (comme 2024-01-15) est attendue, trouvé `{ $text }`
date-epoch-not-a-number = SOURCE_DATE_EPOCH doit être un nombre de secondes, trouvé `{ $value }`
date-epoch-out-of-range = SOURCE_DATE_EPOCH `{ $value }` est hors limites : { $error }
page-two-files = deux fichiers produisent la page `{ $url }`
page-two-files-help = `{ $other }` la produit aussi ; renommez ou retirez l’un des deux
paginate-by-nothing-listed = `paginate_by` sur une page qui ne liste rien
paginate-by-nothing-listed-help = seules la liste des actualités (`actualites/_index.md`) et celle des startups (`startups/_index.md`) sont découpées en pages ; retirez la clé
paged-url-taken = la page { $page } de cette liste serait `{ $url }`, qui est déjà une page du site
paged-url-taken-help = déplacez ou renommez la page à cette adresse, ou montrez plus d’éléments par page
redirect-from-taken = `redirect_from: { $path }` est déjà une page du site
redirect-from-taken-help = retirez cet ancien chemin, ou la page qui l’utilise maintenant
sponsor-did-you-mean = vouliez-vous dire `/organisations/{ $id }` ?
sponsor-create = créez `content/organisations/{ $id }.md` avec au moins `name:`
sponsor-unknown = le sponsor `/organisations/{ $id }` ne désigne aucune organisation
image-undecodable = l’image `{ $image }` ne peut pas être décodée : { $error }
image-undecodable-help = enregistrez de nouveau l’image en JPEG, PNG, GIF ou WebP, ou retirez-la
base-url-help = corrigez la valeur donnée à `--base-url`
static-unreadable = impossible de lire un fichier statique : { $error }

## Réglages (src/config.rs)

settings-title-missing-help = ajoutez une ligne comme `title: L'Atelier numérique`
settings-base-url-help = écrivez une adresse comme `https://example.org/` ou `https://example.org/atelier/`
settings-too-many-quick-links = { $count } accès rapides, le DSFR en permet au plus trois dans l’en-tête
settings-too-many-quick-links-help = déplacez les autres dans `menu` ou `footer.links`
settings-base-url-no-host = `base_url` n’a pas de nom d’hôte valide : `{ $url }`
settings-base-url-scheme = `base_url` doit commencer par `https://`, `http://` ou `/`, trouvé `{ $url }`
settings-base-url-query = `base_url` ne peut contenir ni requête, ni fragment, ni espaces : `{ $url }`

## Fichiers (src/fs.rs, src/theme.rs)

fs-cannot = impossible de { $action } `{ $path }` : { $error }
fs-not-found-help = vérifiez que le chemin existe et qu’il est bien orthographié
fs-permission-help = vérifiez les droits d’accès du fichier
fs-other-help = vérifiez le système de fichiers (disque plein, montage en lecture seule...)
fs-read = lire
fs-write = écrire
fs-create = créer
fs-create-folder = créer le dossier
fs-create-folder-of = créer le dossier de
fs-move-to = déplacer vers `{ $path }`
fs-copy-to = copier vers `{ $path }`
fs-remove = supprimer
fs-not-utf8 = le fichier n’est pas du texte UTF-8 valide
fs-not-utf8-help = enregistrez le fichier avec l’encodage UTF-8 (la plupart des éditeurs le proposent dans « Enregistrer sous »)
theme-dsfr-pin = `dsfr` demande une `version` exacte et son `integrity` (`sha512-...`)
theme-dsfr-pin-help = copiez les deux depuis `npm view @gouvfr/dsfr@<version> dist.integrity`
fs-read-folder = lire le dossier
fs-read-site-folder = lire le dossier du site
fs-remove-folder = supprimer le dossier

## Import des fiches du réseau (src/import/)

import-id-empty = il est vide
import-id-too-long = il dépasse 200 octets
import-id-separator = il contient un séparateur de chemin
import-id-dot-dot = il contient `..`
import-id-control = il contient un caractère de contrôle
import-id-ignored = atelier ne le lirait pas comme une fiche (caché, temporaire ou `_index`)
import-refused-id = `{ $id }` ne peut pas être importé : son nom n’est pas un identifiant utilisable ({ $why })
import-refused-id-help = rien n’a été écrit pour cette fiche ; demandez au réseau de la renommer
import-kept-does-not-load = elle ne se charge pas : corrigez-la, ou supprimez-la pour l’importer de nouveau
import-sponsor-refused = le sponsor `{ $id }` ne peut pas être importé : ce n’est pas un identifiant utilisable ({ $why })
import-sponsor-refused-help = rien n’a été écrit pour lui ; demandez au réseau de corriger la fiche
import-sponsor-unknown = le sponsor `{ $id }` ne fait pas partie des organisations du réseau
import-sponsor-unknown-help = écrivez `content/organisations/{ $id }.md` avec `name:` et `source: local`, sinon le sponsor de la fiche reste sans page

## Images (src/images/)

image-format-unknown = ce n’est pas une image qu’atelier sait lire (JPEG, PNG, GIF ou WebP)
image-no-pixels = l’image n’a aucun pixel
image-too-many-pixels = l’image fait { $width }×{ $height } pixels, plus qu’atelier n’en lit ({ $limit } mégapixels)
image-too-heavy = l’image pèse { $size } Mo, plus qu’atelier n’en lit ({ $limit } Mo)
image-cannot-read = impossible de lire l’image : { $error }
search-index-failed = impossible de construire l’index de recherche : { $reason }
search-index-failed-help = c’est un défaut d’atelier ou de Pagefind ; retirez la page qui utilise `search.html` pour construire sans recherche

## Le dossier de sortie (src/output/)

output-empty = il est vide
output-unreadable = il est illisible : { $error }
output-symlink = c’est un lien symbolique (vers `{ $target }`), et atelier n’écrit jamais à travers un lien
output-is-file = c’est un fichier, pas un dossier
output-is-site = il contient un `site.yaml` : c’est le dossier d’un site
output-is-repository = il contient `.git` : c’est un dépôt, et atelier ne l’a pas écrit
output-is-repository-help = construisez dans un dossier réservé ; si `{ $folder }` est une copie de déploiement (comme une branche `gh-pages`), passez `--force` une fois : atelier laisse alors `.git` et tous les fichiers qu’il n’a pas écrits
output-is-staging = c’est le dossier de préparation qu’atelier garde à côté d’un dossier de sortie
output-is-root = c’est la racine du système de fichiers
output-is-home = c’est votre dossier personnel
output-holds-home = il contient votre dossier personnel (`{ $home }`)
output-is-site-folder = c’est le dossier même du site, à côté de `site.yaml` et de `content/`
output-holds-site = il contient le dossier du site (`{ $root }`)
output-is-source = c’est le dossier `{ $source }/` du site
output-in-source = il est dans le dossier `{ $source }/` du site
output-is-cache = c’est le cache de construction d’atelier (`{ $cache }/`), que la construction suivante peut remplacer
output-refused-flag = construction refusée dans `--output { $folder }` : { $why }
output-refused-flag-help = indiquez un dossier réservé, comme `--output public` : atelier le remplit et n’y supprime que ce qu’il a écrit
output-refused-setting = construction refusée dans `{ $folder }` (`output_dir` dans site.yaml) : { $why }
output-refused-setting-help = réglez `output_dir` sur un dossier réservé, comme `output_dir: public` : atelier le remplit et n’y supprime que ce qu’il a écrit
output-file-and-folder = `{ $folder }` serait à la fois un fichier et le dossier qui contient `{ $path }`
output-file-and-folder-help = renommez la page ou le fichier pour que leurs chemins diffèrent
output-outside = écriture de `{ $path }` hors du dossier de sortie refusée
output-outside-help = un chemin de page ou un `redirect_from` contient `..`
output-folder-itself = `{ $path }` désigne le dossier de sortie lui-même, pas un fichier
output-folder-itself-help = donnez un nom de fichier à chaque page et à chaque fichier copié
output-reserved-name = `{ $path }` utilise un nom qu’atelier réserve à ses propres fichiers dans le dossier de sortie
output-reserved-name-help = renommez-le : `{ $manifest }` et les noms qui commencent par `{ $prefix }` sont réservés
manifest-help = ce fichier est le registre de ce qu’atelier a écrit ici ; s’il a été modifié à la main, supprimez le dossier de sortie et reconstruisez
manifest-not-a-manifest = ce n’est pas un registre (manifest) d’atelier
manifest-unknown-format = le format de registre { $format } est inconnu de cette version d’atelier (format { $known })
manifest-unknown-format-help = construisez avec la version d’atelier qui l’a écrit, ou une plus récente
manifest-unreadable-line = ligne illisible dans le registre
manifest-path-outside = le registre nomme `{ $path }`, qui n’est pas un chemin à l’intérieur du dossier
output-no-longer-folder = `{ $folder }` n’est plus un dossier
output-entries = { $count ->
    [one] { $count } élément
   *[other] { $count } éléments
}
output-sample-more = { $shown } et { $count } de plus
output-foreign = `{ $folder }` contient déjà { $entries } qu’atelier n’a pas écrits ({ $sample }), et aucun `.atelier-manifest` ne dit ce qu’il y a écrit
output-foreign-help = si une version antérieure d’atelier l’a construit, supprimez-le une fois et reconstruisez (`rm -r { $folder }`) ; pour y construire en gardant ces fichiers, passez `--force` : atelier ne les supprime jamais
output-left-alone = Laissés en place dans `{ $folder }` : { $entries } qu’atelier n’a pas écrits ({ $sample }) ; ils restent, et le site est publié fichier par fichier à côté d’eux.
output-in-place = `{ $folder }` publié fichier par fichier plutôt qu’échangé d’un bloc : { $why }.
output-collision = { $count ->
    [one] { $entries } de `{ $folder }` qu’atelier n’a pas écrit occupe la place d’un fichier ou d’un dossier que le site publie : { $sample }
   *[other] { $entries } de `{ $folder }` qu’atelier n’a pas écrits occupent la place de fichiers ou de dossiers que le site publie : { $sample }
}
output-collision-help = atelier ne remplace jamais ce qu’il n’a pas écrit : déplacez-le ou supprimez-le, ou renommez la page ou le fichier statique qui prend sa place
output-locked = une autre construction d’atelier publie dans `{ $folder }` en ce moment
output-locked-help = attendez qu’elle se termine, puis reconstruisez
staging-no-name = il n’a pas de nom
staging-not-ours = `{ $name }`, à côté, n’est pas un dossier fait par atelier
staging-cannot-make = le dossier de préparation `{ $name }` ne peut pas être créé à côté ({ $error })
staging-unreadable = le dossier de préparation `{ $name }` est illisible ({ $error })
staging-manifest-unreadable = le registre du dossier de préparation est illisible ({ $error })
staging-foreign = `{ $name }`, à côté, contient des fichiers qu’atelier n’a pas écrits (supprimez-le pour que les sites soient de nouveau échangés d’un bloc)
staging-no-swap = son système de fichiers ne sait pas échanger deux dossiers d’un coup ({ $error })
staging-mount-point = c’est un point de montage, et le dossier de préparation à côté serait sur un autre système de fichiers
output-move-into-place-as = mettre en place sous le nom `{ $path }`
output-stale-file-help = un fichier d’une construction précédente reste dans le dossier de sortie ; la prochaine construction réessaiera
cache-not-written = impossible d’écrire le cache de construction dans { $folder } ({ $error }) : la prochaine construction produira toutes les pages

## Le paquet DSFR (src/assets/)

dsfr-io = impossible de { $action } { $path } : { $error }
dsfr-bad-integrity = empreinte d’intégrité { $integrity } invalide pour { $package } : { $reason }
dsfr-not-a-package = { $path } n’est pas un paquet DSFR utilisable : { $reason }
dsfr-version-mismatch = { $path } contient { $found_name } { $found_version }, mais ce site a besoin de { $name } { $version }
dsfr-network = impossible de télécharger { $url } : { $detail }
dsfr-http-status = { $url } a répondu HTTP { $status }
dsfr-metadata = métadonnées inattendues du registre à { $url } : { $detail }
dsfr-integrity = échec du contrôle d’intégrité de { $origin } : attendu { $expected }, obtenu { $actual }
dsfr-bad-archive = { $origin } n’est pas une archive .tgz valide : { $detail }
dsfr-unsafe-entry = entrée dangereuse { $entry } dans { $origin } : { $reason }
dsfr-not-cached = { $name } { $version } n’est pas dans le cache { $cache } et le mode hors ligne est activé
dsfr-no-cache-dir = pas de dossier de cache où ranger { $name } { $version } : ATELIER_CACHE_DIR n’est pas défini et le système n’en a pas
dsfr-terms-version-missing = { $path } n’a pas de version des conditions d’utilisation (`cguVersion` dans son front matter)
dsfr-terms-not-accepted = site.yaml n’accepte pas les conditions d’utilisation du DSFR : le DSFR { $version } demande d’accepter la version { $required }
dsfr-terms-mismatch = site.yaml accepte la version { $accepted } des conditions d’utilisation du DSFR, mais le DSFR { $version } demande la version { $required }
dsfr-missing-file = { $path } manque dans le paquet DSFR (cité par { $referenced_by })
dsfr-bad-artwork = le pictogramme { $reference } ne peut pas être servi : { $reason }
dsfr-io-help = vérifiez que { $path } existe et peut être lu et écrit, et que le disque n’est pas plein
dsfr-bad-integrity-help = l’empreinte épinglée de { $package } doit être la valeur `dist.integrity` du registre ("sha512-" suivi de 88 caractères base64) ; c’est un défaut de l’épinglage d’atelier
dsfr-not-a-package-help = indiquez avec --dsfr-dir / ATELIER_DSFR_DIR le paquet npm décompressé (le dossier `package` qui contient package.json et dist/) ou le .tgz produit par `npm pack` ; { $path } n’en est pas un
dsfr-version-mismatch-help = obtenez la version épinglée avec `npm pack { $name }@{ $version }` et indiquez-la avec --dsfr-dir / ATELIER_DSFR_DIR, ou retirez ATELIER_DSFR_DIR pour qu’atelier la télécharge
dsfr-network-help = vérifiez le réseau et le proxy (HTTPS_PROXY, NO_PROXY) ou le registre (npm_config_registry) ; pour une machine sans réseau, lancez `atelier dsfr fetch` sur une machine qui en a et copiez son cache (ATELIER_CACHE_DIR), ou utilisez --dsfr-dir / ATELIER_DSFR_DIR (`npm pack @gouvfr/dsfr@<version>` écrit gouvfr-dsfr-<version>.tgz, qu’ATELIER_DSFR_DIR peut désigner directement)
dsfr-metadata-help = le registre (npm_config_registry) ne ressemble pas à un registre npm ; retirez ce réglage pour utiliser https://registry.npmjs.org/
dsfr-integrity-help = le fichier téléchargé n’est pas le paquet publié : un proxy ou un miroir l’a modifié, ou le fichier donné dans ATELIER_DSFR_DIR est d’une autre version ; ne l’utilisez pas
dsfr-bad-archive-help = cette archive ne peut pas être le paquet DSFR publié ; obtenez-le de nouveau avec `npm pack`
dsfr-not-cached-help = connectez-vous une fois (retirez ATELIER_OFFLINE) pour qu’atelier le télécharge et le garde en cache, ou indiquez avec --dsfr-dir / ATELIER_DSFR_DIR une copie du paquet : `npm pack { $name }@{ $version }` écrit { $file }-{ $version }.tgz, qu’ATELIER_DSFR_DIR peut désigner directement (ou décompressez-le et désignez son dossier `package`)
dsfr-no-cache-dir-help = donnez à ATELIER_CACHE_DIR un dossier où l’on peut écrire, ou indiquez avec --dsfr-dir / ATELIER_DSFR_DIR une copie décompressée du paquet
dsfr-terms-version-missing-help = cette version du DSFR range ses conditions d’utilisation ailleurs ; atelier prend en charge le DSFR 1.15 et suivants, dont doc/legal/cgu.md commence par `cguVersion:`
dsfr-terms-help = L’usage du DSFR est réservé aux services de l’État (sites en .gouv.fr avec l’accord du SIG) : lisez les conditions dans { $cgu }, puis écrivez dans site.yaml :
dsfr-terms-changed = Les conditions ont changé depuis la version { $accepted }.
dsfr-missing-file-help = la copie du paquet est incomplète ou abîmée : supprimez-la (ou l’entrée du cache d’atelier) pour qu’elle soit obtenue de nouveau
dsfr-bad-artwork-help = un pictogramme se désigne comme `dsfr/artwork/pictograms/<categorie>/<nom>.svg` ; la liste des pictogrammes est dans dist/artwork/pictograms/ du paquet
serve-no-address = impossible de lire l’adresse du serveur : { $error }
serve-no-socket = impossible de préparer la connexion du serveur : { $error }
serve-no-thread = impossible de démarrer un fil d’exécution : { $error }

## Le CMS (src/cms/, src/serve/cms_api/)

cms-not-published = le CMS ne peut pas être publié : { $error }
cms-not-published-help = vérifiez le réseau et le proxy (HTTPS_PROXY, NO_PROXY) ou le registre (npm_config_registry) ; sur une machine sans réseau, lancez `atelier dsfr fetch` là où il y en a et copiez son cache (ATELIER_CACHE_DIR), ou désignez une copie du paquet avec ATELIER_DECAP_DIR (`npm pack { $name }@{ $version }` la produit) ; ou écrivez `cms: none` dans site.yaml pour ne publier aucun CMS
cms-no-gitlab-project = le CMS de /{ $path }/ ne désigne aucun projet GitLab : les rédacteurs ne pourront pas s’y connecter
cms-no-gitlab-project-help = ajoutez à `site.yaml` `cms:` avec `repo:` (le projet GitLab, comme `ministere-culture/atelier`) et `app_id:` (son application PKCE), voir docs/cms.md ; ou `cms: none`
cms-setting-path = `cms.path` doit être un dossier du site, et vaut `{ $found }`
cms-setting-path-help = écrivez des minuscules, des chiffres et des `-`, avec `/` entre les dossiers, comme `path: admin`
cms-setting-base-url = `cms.base_url` doit être l’adresse `https://` d’un GitLab, et vaut `{ $found }`
cms-setting-base-url-help = écrivez l’adresse du GitLab, comme `base_url: https://gitlab.com`
cms-path-empty = le CMS ne peut pas utiliser `{ $path }` : le chemin est vide
cms-path-absolute = le CMS ne peut pas utiliser `{ $path }` : le chemin est absolu
cms-path-backslash = le CMS ne peut pas utiliser `{ $path }` : le chemin contient une barre oblique inverse (`\`)
cms-path-control-character = le CMS ne peut pas utiliser `{ $path }` : le chemin contient un caractère de contrôle
cms-path-colon = le CMS ne peut pas utiliser `{ $path }` : le chemin contient un `:` (lettre de lecteur ou nom de flux)
cms-path-dot-segment = le CMS ne peut pas utiliser `{ $path }` : le chemin a un segment vide, `.` ou `..`
cms-path-relative-help = donnez un chemin relatif au dossier du site, avec `/` entre les dossiers
cms-path-not-listable = le CMS ne peut pas utiliser `{ $path }` : seuls `{ $area }/` et ses sous-dossiers peuvent être listés
cms-path-not-listable-help = la configuration du CMS désigne les dossiers sous `content/` et le dossier des médias
cms-path-not-an-entry = le CMS ne peut pas utiliser `{ $path }` : une entrée est un fichier Markdown (`.md`) sous `content/`
cms-path-not-an-entry-help = enregistrez des entrées des collections que désigne la configuration du CMS
cms-path-not-an-image = le CMS ne peut pas utiliser `{ $path }` : un média est une image (JPEG, PNG, GIF ou WebP) du dossier des médias
cms-path-not-an-image-help = ajoutez les images à `{ $media }/`, en fichier .jpg, .jpeg, .png, .gif ou .webp
cms-path-folder-leads-out = le CMS ne peut pas utiliser `{ $path }` : ce dossier est un lien symbolique qui mène hors du site
cms-path-folder-leads-out-help = faites-en un vrai dossier du site
cms-path-link-leads-out = le CMS ne peut pas utiliser `{ $path }` : un lien symbolique de ce chemin mène hors de son dossier
cms-path-link-leads-out-help = le CMS n’écrit et ne lit que de vrais fichiers de `content/` et du dossier des médias
cms-path-file-is-a-link = le CMS ne peut pas utiliser `{ $path }` : ce fichier est un lien symbolique, par lequel le CMS n’écrit jamais
cms-path-file-is-a-link-help = remplacez le lien par le fichier lui-même
cms-api-post-only = l’API du CMS ne répond qu’aux requêtes POST
cms-api-open-the-cms-help = ouvrez le CMS à /admin/ sur l’aperçu ; il envoie lui-même ses requêtes
cms-api-not-loopback = le CMS ne peut pas enregistrer de fichiers : l’aperçu écoute sur une autre adresse que celle de cette machine (`--bind`), et d’autres machines ne doivent pas écrire dans le site
cms-api-not-loopback-help = lancez `atelier serve` sans `--bind` pour modifier le site avec le CMS
cms-api-other-origin = seul le CMS ouvert sur l’aperçu lui-même peut enregistrer des fichiers (la requête ne vient pas d’une page de l’aperçu)
cms-api-other-origin-help = ouvrez le CMS à { $url }admin/
cms-api-json-only = l’API du CMS n’accepte que du JSON (`Content-Type: application/json`)
cms-api-request-too-large = la requête dépasse les { $megabytes } Mo que le CMS peut envoyer
cms-api-request-too-large-help = ajoutez une image plus petite (réduisez-la avant de l’ajouter)
cms-api-internal = la requête a échoué dans atelier
cms-request-not-json = la requête n’est pas le JSON du CMS : { $error }
cms-request-bad-param = `params.{ $name }` n’est pas ce qu’envoie le CMS : { $error }
cms-request-entry-or-data-files = `params` doit contenir exactement un de `entry` et `dataFiles`
cms-request-no-paths = `params.paths` doit contenir au moins un chemin
cms-request-unknown-action = action inconnue { $action }
cms-request-not-base64-encoding = `encoding` doit valoir `base64`
cms-request-content-not-base64 = `content` de `{ $path }` n’est pas en base64 : { $error }
cms-cannot-delete = le CMS ne peut pas supprimer `{ $path }` : seules les entrées (`.md` sous `content/`) et les images de `{ $media }/` peuvent être supprimées
cms-cannot-delete-help = supprimez les autres fichiers dans le dossier du site, hors du CMS
cms-file-too-large = `{ $path }` dépasse les { $megabytes } Mo que le CMS peut enregistrer
cms-file-too-large-help = réduisez le fichier (une image peut être redimensionnée avant d’être ajoutée)
cms-not-an-image-of-its-type = `{ $path }` n’est pas une image du type que dit son nom
cms-not-an-image-of-its-type-help = ajoutez un fichier JPEG, PNG, GIF ou WebP, nommé avec sa propre extension
cms-entry-exists = `{ $path }` existe déjà
cms-entry-exists-help = donnez un autre nom à l’entrée, ou supprimez d’abord l’autre
cms-read-failed = impossible de lire `{ $path }` : { $error }
cms-write-failed = impossible d’écrire `{ $path }` : { $error }
cms-delete-failed = impossible de supprimer `{ $path }` : { $error }
cms-move-failed = impossible de déplacer une entrée vers `{ $path }` : { $error }
cms-write-failed-help = vérifiez que le dossier du site est accessible en écriture, puis enregistrez de nouveau
cms-problems-title = { $count ->
    [one] { $count } problème à corriger :
   *[other] { $count } problèmes à corriger :
}
cms-problems-hide = Masquer les problèmes

## Images de couverture du front matter (src/content/meta.rs, src/project/images.rs)

cover-not-a-site-file = `image: { $image }` n’est pas un fichier du site : une image de couverture est une image de `static/` ou de `content/`
cover-not-a-site-file-help = rangez l’image dans `static/img/` et écrivez `image: /img/nom.jpg`, ou à côté de ce fichier et écrivez `image: nom.jpg`
cover-without-alt = l’image de couverture `{ $image }` n’a pas de texte alternatif
cover-without-alt-help = ajoutez `image_alt: ` suivi de ce que l’image montre d’utile (pas « image de… ») ; écrivez `image_alt: ""` si elle est purement décorative
cover-missing = l’image de couverture `{ $image }` n’est pas un fichier du site (`{ $path }` n’est ni dans `static/` ni dans `content/`)
cover-missing-help = vérifiez le nom du fichier (majuscules, extension) ; un chemin qui commence par `/` part de la racine de `static/`, tout autre du dossier de ce fichier
cover-escapes = l’image de couverture `{ $image }` mène hors du site
cover-escapes-help = écrivez un chemin dans le site : `/img/nom.jpg` pour `static/img/nom.jpg`, ou un fichier à côté de celui-ci
cover-not-processed = l’image de couverture `{ $image }` n’est pas un fichier JPEG, PNG, GIF ou WebP
cover-not-processed-help = enregistrez-la en JPEG (une photo) ou en PNG (un dessin, une capture d’écran) : les réseaux sociaux et les cartes n’affichent que ceux-là
template-image-unknown = `image(path="{ $path }")` : aucune image du site à ce chemin n’a de copies ; la fonction connaît les images JPEG, PNG, GIF et WebP que les pages montrent, dans leur texte ou en couverture (`image:`)
template-image-no-width = `image(path="{ $path }")` : aucune copie des largeurs demandées ({ $widths }) ; l’image a des copies de { $have } pixels de large
