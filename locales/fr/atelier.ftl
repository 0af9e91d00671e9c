# Les messages d'atelier en français : chaque message qu'un rédacteur peut lire, par domaine.
# Mêmes identifiants et mêmes variables que le catalogue anglais (vérifié par `tests/i18n.rs`).
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
check-checked = { $pages } vérifiées : { $found }.
check-strict-failed = Les avertissements font échouer la vérification (--strict).
build-built = { $pages } produites et { $files } copiés dans { $folder } en { $ms } ms ({ $warnings }).
build-timings-images = images : { $encoded } encodées, { $reused } reprises du cache
build-timings-cache = cache : { $reused } pages reprises sur { $total }
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
content-nesting-too-deep-help = aucune page n’a besoin d’autant de niveaux : fermez plus tôt les citations, listes ou balises ; cette limite évite que la construction épuise la mémoire
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
news-name-without-date = le nom du fichier d’actualité `{ $name }` ne commence pas par une date suivie d’un nom
news-name-without-date-help = nommez les fichiers d’actualité `AAAA-MM-JJ-titre-court.md`, par exemple `2025-03-14-lancement.md`
news-date-differs = la date { $date } diffère de celle du nom du fichier ({ $name_date })
news-date-differs-help = accordez-les, ou retirez `date:` pour utiliser la date du nom du fichier

## YAML (src/content/yaml/)

yaml-duplicate-key = la clé `{ $key }` apparaît deux fois
yaml-duplicate-key-help = chaque clé ne peut apparaître qu’une fois : gardez l’une des deux lignes
yaml-invalid = YAML invalide : { $details }
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
