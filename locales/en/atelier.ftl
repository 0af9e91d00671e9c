# atelier's messages in English: every message an editor can see, by area.
# Ids say what the message says; `tests/all/i18n.rs` checks that the French catalogue has the
# same ids with the same variables, and that the code uses every one of them.

## How problems are printed (src/diagnostic.rs)

label-error = error
label-warning = warning
label-help = help
label-note = note
report-more-in-file = { $count ->
    [one] 1 more problem in { $file } not shown ({ $counts })
   *[other] { $count } more problems in { $file } not shown ({ $counts })
}
report-not-shown-by-kind = { $count ->
    [one] 1 problem not shown ({ $counts }), by kind:
   *[other] { $count } problems not shown ({ $counts }), by kind:
}
report-other-kinds = of { $count } other kinds
report-verbose-help = `--verbose` prints every problem
counts-and = { $first } and { $second }

## Summaries of the commands (src/cmd/)

summary-errors = { $count ->
    [one] 1 error
   *[other] { $count } errors
}
summary-warnings = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}
summary-pages = { $count ->
    [one] 1 page
   *[other] { $count } pages
}
summary-files = { $count ->
    [one] 1 file
   *[other] { $count } files
}
check-no-problems = no problems found
check-external-summary = External links: { $checked } checked in { $seconds } s, { $broken } broken, { $unreachable } unreachable.
check-not-rendered = The site could not be rendered: { $found }.
check-checked = { $count ->
    [one] Checked 1 page: { $found }.
   *[other] Checked { $count } pages: { $found }.
}
check-strict-failed = Warnings fail the check (--strict).
build-built = Built { $pages ->
    [one] 1 page
   *[other] { $pages } pages
} and copied { $files ->
    [one] 1 file
   *[other] { $files } files
} into { $folder } in { $ms } ms ({ $warnings }).
build-timings-images = images: { $encoded } encoded, { $reused } from the cache
build-timings-cache = cache: { $reused } of { $total } pages reused
build-timings-cache-documents = cache: { $taken } of { $total } front matters reused
build-timings-cache-bodies = cache: { $taken } of { $total } Markdown bodies reused
build-timings-cache-linted = cache: { $taken } of { $total } bodies known clean by the lints
build-timings-cache-checked = cache: { $taken } of { $total } pages read by the checks reused
build-output-folder = the output folder
build-left-nothing = nothing was written
build-left-unchanged = `{ $folder }` is as it was
build-left-partly = `{ $folder }` was partly updated ({ $done } of { $of } changed files are new, the others as they were, each whole): build again once the problem is fixed
build-failed = Build failed: { $errors } and { $warnings }; { $left }.

## Content files and their front matter (src/content/)

content-no-folder = no `content` folder in the site
content-no-folder-help = create `{ $folder }` with an `_index.md` for the home page
content-unreadable = cannot read `{ $path }`: { $error }
content-unreadable-help = check the folder's permissions
content-name-line-break = a line break
content-name-carriage-return = a carriage return
content-name-tab = a tab
content-name-control = the control character U+{ $code }
content-name-control-character = the name `{ $name }` contains { $what }: the address of its page would not be the one links lead to
content-name-control-character-help = rename the file (or its folder) with letters, digits, `-` and `.` only
content-nesting-too-deep = the text nests more than { $limit } elements inside one another (block quotes, lists, emphasis or HTML tags)
content-nesting-too-deep-help = no page needs that many levels: close the quotes, lists or tags sooner, and write the end tags HTML lets you leave out (`</td>`, `</tr>`): without them each row of a table nests inside the cell before it; the limit keeps the build from running out of memory
front-matter-missing = the file does not start with a front matter line `---`
front-matter-missing-help = start the file with `---`, then `title: ...` and other keys, then a closing `---` line
front-matter-unclosed = the front matter opened on line 1 is never closed
front-matter-unclosed-help = add a line `---` after the last `key: value` line, before the text
content-file-needs-name = a content file needs a name before `.md`
front-matter-key-empty = `{ $key }` is empty
front-matter-key-missing = missing required key `{ $key }`
front-matter-key-missing-help = add a line like `{ $example }` between the two `---` lines
did-you-mean = did you mean `{ $suggestion }`?
phase-unknown = unknown phase `{ $phase }`
phase-known = known phases: { $phases }
user-type-unknown = unknown user type `{ $value }`
user-type-unknown-help = did you mean `{ $suggestion }`? Other values are shown as written
accessibility-status-unknown = unknown accessibility status `{ $status }`
accessibility-status-unknown-help = write one of: { $statuses }
paginate-by-zero = `paginate_by` is { $value }: each page of the listing must show at least one item
paginate-by-zero-help = write how many items each page shows (`paginate_by: 10`), or remove the key to show them all on one page
terms-paginate-by-zero = `terms_paginate_by` is 0: each page of a phase or thématique must show at least one startup
terms-paginate-by-zero-help = write how many startups each page of a phase or thématique shows (`terms_paginate_by: 12`), or remove the key to show them all on one page
news-name-without-date = the news file name `{ $name }` does not start with a date and a name
news-name-without-date-help = name news files `YYYY-MM-DD-titre-court.md`, e.g. `2025-03-14-lancement.md`
news-date-differs = the date { $date } differs from the date in the file name ({ $name_date })
news-date-differs-help = make them agree, or remove `date:` to use the file name's date

## YAML (src/content/yaml/)

yaml-duplicate-key = the key `{ $key }` appears twice
yaml-duplicate-key-help = each key may appear only once: keep one of the two lines
yaml-invalid = invalid YAML: { $details }
yaml-syntax-mapping-values = mapping values are not allowed in this context
yaml-syntax-expected-key = did not find expected key
yaml-syntax-bad-start = found character that cannot start any token
yaml-syntax-end-of-stream = found unexpected end of stream
yaml-syntax-quoted = while scanning a quoted scalar
yaml-syntax-expected-dash = did not find expected '-' indicator
yaml-syntax-expected-content = did not find expected node content
yaml-syntax-list-here = block sequence entries are not allowed in this context
yaml-syntax-in-mapping = while parsing a block mapping
yaml-syntax-in-list = while parsing a block collection
yaml-syntax-in-key = while scanning a simple key
yaml-syntax-expected-colon = could not find expected ':'
yaml-syntax-tab = found a tab character that violates indentation
yaml-not-a-mapping = the front matter must be `key: value` lines, found { $found }
yaml-not-a-mapping-help = write one `key: value` per line, for example `title: Mon titre`
yaml-unknown-key = unknown key `{ $key }`
yaml-unknown-key-kept = it is kept in the file but not used by the site
yaml-known-keys = known keys here: { $keys }
yaml-expected-found = expected { $expected }, found { $found }
yaml-missing-key = missing key `{ $key }`
yaml-field-problem = `{ $key }`: { $problem }
yaml-value-empty = an empty value
yaml-value-number = the number { $number }
yaml-value-text = the text `{ $text }`
yaml-value-list = a list
yaml-value-mapping = a block of `key: value` lines
yaml-value-tagged = a value tagged `{ $tag }`
yaml-value-plain-text = text
yaml-value-boolean = `true` or `false`
yaml-value-whole-number = a whole number
yaml-help-colon-in-value = a value contains `: `; put the whole value in quotes, e.g. title: "Compar:IA : le comparateur"
yaml-help-indentation = check the indentation: the keys of one block must start at the same column
yaml-help-bad-start = YAML does not allow tabs for indentation, and values starting with `@` or a backtick must be quoted
yaml-help-unclosed-quote = a quote opened here is never closed; close it on the same line, and double a single quote inside single quotes ('l''atelier')
yaml-help-list-item = each list item starts with `- ` at the same indentation
yaml-help-alias = `*` starts a YAML alias; put the value in quotes
yaml-help-unfinished = a list in brackets `[a, b]` or a value is not finished
yaml-help-too-deep = lists and blocks nest more than 128 levels deep here: no front matter needs that many; close the brackets `[` `{"{"}` sooner
yaml-help-too-many-aliases = aliases `*name` repeat the values marked `&name` into a value too large to read: write the values out instead
yaml-help-list-after-value = a list item `- ` cannot follow a value on the same key; start the list on the next line

## Accessibility (src/check/accessibility.rs)

a11y-image-without-alt = image without alternative text
a11y-image-without-alt-help = describe the image between the brackets: `![Capture de l'écran d'accueil](…)`; a purely decorative image is written in HTML with an empty description: `<img src="…" alt="">`
a11y-html-image-without-alt-help = add `alt="…"` with a description, or `alt=""` if the image is decorative
a11y-second-h1 = a second level-1 heading: the page title is already the page's h1
a11y-second-h1-help = start the headings of the text at `##`
a11y-heading-skipped = heading level skipped: h{ $level } follows h{ $previous }
a11y-heading-skipped-help = use `{ $hashes }` (h{ $expected }) here, or add the missing level above
a11y-table-without-header = table without header row
a11y-table-without-header-help = write the title of each column in the first row, so screen readers can announce them
a11y-link-without-text = link without text
a11y-link-without-text-help = write where the link leads between the brackets: `[le formulaire de candidature](…)`; for a linked image, describe the image
a11y-link-bare-address = the text of this link is a bare address: `{ $text }`
a11y-link-bare-address-help = write where the link leads instead: `[le site de Compar:IA](https://comparia.beta.gouv.fr)`
a11y-link-vague = the link text `{ $text }` says nothing out of context
a11y-link-vague-help = screen readers list the links of a page on their own: say where this one leads, like `[le bilan de l'investigation](…)`
a11y-no-statement = the site has no accessibility statement page
a11y-no-statement-help = create `content/accessibilite.md` with `template: { $template }`: the law asks for a statement, linked from the footer of every page
a11y-statement-body-differs = the statement page says the site is `{ $found }`, but `site.yaml` says `{ $status }`
a11y-statement-body-differs-help = the page already states the status of `site.yaml`: remove this sentence, or change `accessibility_status` if an audit gave another result
a11y-statement-never-says = the statement page `{ $url }` never says that the site is `{ $status }`, as `site.yaml` does
a11y-statement-never-says-help = its template should print the setting: `{"{{ site.accessibility_status }}"}` in `{ $template }`
a11y-statement-template-differs = the template of the statement page says the site is `{ $found }`, but `site.yaml` says `{ $status }`
a11y-print-status-help = print `{"{{ site.accessibility_status }}"}` instead of a fixed status
a11y-on-page = the page `{ $page }`
a11y-on-pages = { $count } pages, such as `{ $page }`
a11y-footer-no-link = the footer does not link to the accessibility statement `{ $url }` on { $pages }
a11y-footer-no-link-help = the law asks for a link `Accessibilité : { $status }` in the footer of every page
a11y-footer-no-status = the footer link to the accessibility statement does not state the status on { $pages }
a11y-footer-no-status-help = write the link as `Accessibilité : {"{{ site.accessibility_status }}"}`
a11y-footer-differs = the footer says the site is `{ $found }`, but `site.yaml` says `{ $status }` (on { $pages })
a11y-footer-differs-help = print `{"{{ site.accessibility_status }}"}` in the footer instead of a fixed status

## Startup fiches and addresses (src/check/front_matter.rs)

phase-starts-before-previous = phase `{ $phase }` starts on { $start }, before the phase above it (`{ $previous }`, { $previous_start })
phase-starts-before-previous-help = list the phases in the order they happened, oldest first, and check their dates
phase-ends-before-start = phase `{ $phase }` ends on { $end }, before it starts ({ $start })
phase-ends-before-start-help = check both dates; `end` may be left out: a phase then ends when the next one starts
phase-far-ahead = phase `{ $phase }` starts on { $start }, more than a year after the build date ({ $today })
phase-far-ahead-help = check the year; a phase shows as current only from its start date
front-matter-url-left-out = { $why }; `{ $key }` is left out of the page
not-a-web-address = `{ $key }` is not a web address: `{ $value }`
not-an-email = `{ $key }` is not an e-mail address: `{ $value }`
web-address-add-https = add `https://` in front: `https://{ $value }`
web-address-not-full = write a full address starting with `https://`, like `https://exemple.gouv.fr/`
web-address-spaces = remove the spaces from the address (or write them `%20`)
web-address-unreadable = the address cannot be read ({ $error })
web-address-no-domain = after `https://` comes a domain name, like `exemple.gouv.fr`
email-without-mailto = write the address alone, without `mailto:`: `{ $value }`
email-one-only = write one address only
email-shape = an e-mail address looks like `equipe@exemple.gouv.fr`
email-domain-incomplete = the domain `{ $domain }` is incomplete: it looks like `exemple.gouv.fr`
startup-id-case = the startup id `{ $id }` differs only in case from `{ $other }`
startup-id-case-help = rename this file or `{ $path }`: many systems and web hosts take them for one file
startup-title-twice = the title `{ $title }` is also the title of `{ $path }`
startup-title-twice-help = give each startup its own title, so that visitors can tell them apart
url-scheme-refused = { $what }: the URL scheme `{ $scheme }:` is not allowed, only http, https, mailto, tel and addresses of the site
url-scheme-runs-code-help = such an address runs code or embeds a file in the page, so it is never published: link to a web page (`https://...`) or to a file of the site (`/fichiers/doc.pdf`)
url-scheme-refused-help = write a web address (`https://...`), an e-mail (`mailto:...`), a phone number (`tel:...`) or an address of the site (`/startups/`, `@/a-propos.md`)

## Raw HTML in bodies (src/raw_html.rs)

raw-html-element-help = raw HTML keeps text structure (paragraphs, lists, tables, `<details>`, `<abbr>`, `<sup>`, images, links); scripts, styles, frames, forms and embedded objects are never published (see the editor's guide, "HTML dans le Markdown")
raw-html-handler-help = attributes that run code (`on...`) are never published
raw-html-style-help = `style` attributes are not published: use DSFR classes (`class="fr-..."`)
raw-html-attribute-help = raw HTML keeps `id`, `class`, `lang`, `dir`, `title`, `role`, `aria-*` and the attributes proper to each kept element (`href`, `src`, `alt`, `colspan`...)
raw-html-unclosed-help = write its end tag where its content ends, in the same HTML block (a tag written inside a paragraph ends with its paragraph): a browser would read the rest of the page as its content
raw-html-foreign-help = close every element the block opens (inside `<svg>` and `<math>`, `<style>`, `<xmp>` and the like hold markup, not text), and write only allowed URLs
raw-html-unfinished-help = a blank line ends an HTML block: write each tag whole, without a blank line inside it
raw-html-url-in-foreign = raw HTML: a browser would read a URL that is not allowed in this block (inside `<svg>` or `<math>`), the block was left out
raw-html-hides-page = raw HTML: this block would hide the rest of the page from a browser (an element or a comment left open), it was left out
raw-html-unclosed = raw HTML: `<{ $name }>` is not closed before the end of its HTML block
raw-html-element-removed = raw HTML: the element `<{ $name }>` was removed
raw-html-element-removed-with-content = raw HTML: the element `<{ $name }>` was removed with its content
raw-html-attribute-removed = raw HTML: the attribute `{ $attribute }` of `<{ $name }>` was removed
raw-html-attribute-of = `{ $attribute }` of `<{ $name }>`
raw-html-times = { $message } ({ $count } times in this block)
raw-html-unfinished = raw HTML: a tag or a comment is not finished at the end of its HTML block, it was left out
heading-attribute-removed = the heading attribute `{ $name }` was removed
heading-attribute = the heading attribute `{ $name }`

## Links, drafts, images and settings (src/check/)

link-no-page = broken link: `{ $link }` leads to no page of the site
link-no-page-help = link to the page's file with `@/`, like `@/startups/languia.md`: such links follow renames
link-missing-image = missing image: `{ $link }` is not published by the site
link-missing-file = missing file: `{ $link }` is not published by the site
link-missing-file-help = nothing is published at `{ $path }`: put the file in `static/` or in `content/`, and check the spelling
link-no-anchor = broken link: `{ $link }` leads to `{ $page }`, which has no anchor `#{ $id }`
link-did-you-mean-anchor = did you mean `#{ $suggestion }`?
link-no-anchor-help = an anchor is the id of a heading of that page: `## Le problème` has the anchor `#le-probleme`
link-outside-base = broken link: `{ $link }` leads outside the site, which is published under `{ $base }`
link-outside-base-help = in Markdown, write site paths (`/startups/`) or `@/` links; templates use `url(path="...")`
link-malformed = malformed link `{ $link }`: { $why }
link-malformed-help = check the address for stray characters
link-in-theme-on-page = { $help }; written by the theme on the page `{ $page }`
link-in-theme-on-pages = { $help }; written by the theme on { $count } pages, such as `{ $page }`
link-to-draft = `{ $link }` links to a draft: `{ $path }` has `draft: true` and is not published
link-to-draft-help = publish the target first (remove `draft: true`), or remove the link
draft-problem-help = this file is a draft (`draft: true`): `build` leaves it out, and this becomes an error when it is published
help-and-more = { $help }; { $more }
placeholder-left = placeholder text `{ $text }` left by `atelier new` or `atelier init`
placeholder-left-help = write the text, or keep the file unpublished with `draft: true` in its front matter
hosting-missing = the legal notice names no host: `hosting` is not set in `site.yaml` (`{ $template }` shows it)
hosting-missing-help = add `hosting:` with `name:` and `address:` (the host's name and postal address) to `site.yaml` before going live
image-over-budget = image of { $size } kB once resized to { $width } pixels wide, over the budget of { $budget } kB
image-over-budget-help = a photo saved as JPEG weighs less than as PNG; crop the image, or save it with fewer colours (a screenshot, a drawing)
image-gps = `{ $file }` holds a GPS position in its metadata (where the photo was taken), published with the file
image-gps-help = the page shows copies without it, but anyone can download the file itself: remove the position before adding the photo (most photo tools can, or `exiftool -gps:all= FILE`)
settings-did-you-mean-file = did you mean `@/{ $suggestion }`?
settings-no-such-file-help = write the path of a file inside `content/`, like `@/a-propos.md`
settings-no-such-file = `{ $key }`: `{ $url }` names no file of `content/`

## Content-Security-Policy and external links (src/check/csp.rs, src/check/external.rs)

csp-inline-script = an inline script would not run: the page's Content-Security-Policy says `{ $directive }`
csp-inline-script-on-page = an inline script would not run: the page's Content-Security-Policy says `{ $directive }`, on the page `{ $page }`
csp-move-script-help = move the script to a file of the theme's `static/` folder and load it with `<script src="{"{{"} asset(path='...') {"}}"}">`; the build minifies inline scripts, so a hash in the policy would not match what is published
csp-on-pages = it is on { $count } page(s), such as `{ $page }`
csp-body-script-help = the theme's policy runs scripts from the site's files only: this one is published but does nothing
external-generated-page = (generated page { $url })
external-elsewhere = (written in { $count } places; this is the first)
external-http-status = external link `{ $url }` answers HTTP { $code }
external-http-status-help = open it in a browser: fix the address, or remove the link if the page is gone
external-unreachable = external link `{ $url }` could not be reached: { $why }
external-unreachable-help = check the address; the site may also be down for a while
external-not-checked = not checked
external-timeout = no answer in time
external-unknown-host = unknown host
external-connection-refused = connection refused

## Templates and pages (src/render.rs, src/render/)

theme-missing = the theme `{ $theme }` does not exist
theme-missing-no-folder-help = there is no `themes` folder in the site; copy one in, or fix `theme:`
theme-missing-available-help = available themes: { $themes }
template-while-rendering = while rendering `{ $page }`
template-help-while-rendering = { $help } ({ $note })
template-error = template error: { $details }
template-undefined-help = check the variable's name, or guard it with `{"{%"} if x is defined {"%}"}`
template-unknown-filter-help = atelier adds the filters `date_fr` and `slugify` to Tera's own
template-missing = the template `{ $template }` does not exist
template-missing-help = remove `template:` or add `{ $template }` to the theme's templates folder

## Shortcodes (src/render/shortcodes.rs, src/markdown/shortcodes.rs)

shortcode-expects-text = a text in quotes
shortcode-expects-int = a whole number
shortcode-expects-bool = true or false
shortcode-expects-url = an address in quotes
shortcode-expects-file = the address of a file of the site in quotes, like "/fichiers/guide.pdf"
shortcode-expects-phase = a phase name in quotes, like "construction"
shortcode-unknown-phase = shortcode `{ $name }`: there is no phase `{ $phase }`
shortcode-phase-did-you-mean = did you mean `{ $suggestion }`?
shortcode-phase-known = the phases are: { $phases }
shortcode-expects-thematique = a thematique of the site in quotes, its slug or its name, like "patrimoine"
shortcode-unknown-thematique = shortcode `{ $name }`: the site has no thematique `{ $thematique }`
shortcode-thematique-known = the thematiques of the site are: { $thematiques }
shortcode-no-thematique = no startup of the site names a thematique yet
shortcode-value-text = a text
shortcode-value-number = a number
shortcode-schema-unknown-type = unknown type `{ $kind }`: use text, int, bool, url, file, phase or thematique
shortcode-did-you-mean = did you mean `{ $suggestion }`? (the shortcodes are the files of `templates/shortcodes/`)
shortcode-known = known shortcodes: { $names }
shortcode-unknown = unknown shortcode `{ $name }`
shortcode-bad-schema = shortcode `{ $name }`: its template declares its arguments wrongly ({ $path }, line { $line }): { $problem }
shortcode-bad-schema-help = fix the `{"{#-"} args ... {"-#}"}` comment at the top of the template
shortcode-takes-no-body = shortcode `{ $name }` takes no body
shortcode-takes-no-body-help = write it `{"{{"} { $name }(...) {"}}"}`, without `{"{%"} end {"%}"}`
shortcode-needs-body = shortcode `{ $name }` needs a body
shortcode-needs-body-help = write it `{"{%"} { $name }(...) {"%}"}`, then its content, then `{"{%"} end {"%}"}`
shortcode-takes-no-argument = `{ $name }` takes no argument
shortcode-takes = `{ $name }` takes: { $arguments }
shortcode-no-such-argument = shortcode `{ $name }` has no argument `{ $argument }`
shortcode-argument-twice = shortcode `{ $name }`: the argument `{ $argument }` is given twice
shortcode-argument-twice-help = keep one
shortcode-argument-wrong = shortcode `{ $name }`: the argument `{ $argument }` must be { $expected }, not { $found }
shortcode-argument-wrong-help = write `{ $argument }=` followed by { $expected }
shortcode-no-content-file = shortcode `{ $name }`: `{ $url }` names no file of `content/`
shortcode-argument-of = shortcode `{ $name }`, argument `{ $argument }`
shortcode-no-file = shortcode `{ $name }`: there is no file `{ $file }` in the site
shortcode-no-file-help = name a file of `static/` or `content/` by its address, like "/fichiers/guide.pdf"
shortcode-argument-missing = shortcode `{ $name }` needs the argument `{ $argument }`
shortcode-argument-missing-help = add `{ $argument }=` followed by { $expected }
shortcode-failed = shortcode `{ $name }` failed to render: { $details }
shortcode-failed-help = check the template `{ $path }`
shortcode-syntax-help = a shortcode is written `{"{{"} name(arg="text", n=3, flag=true) {"}}"}`, or `{"{%"} name(arg="text") {"%}"}` then Markdown then `{"{%"} end {"%}"}`
shortcode-expected-argument = shortcode `{ $name }`: expected an argument name or `)`
shortcode-expected-equals = shortcode `{ $name }`: expected `=` after the argument `{ $argument }`
shortcode-bad-value = shortcode `{ $name }`: { $problem }
shortcode-expected-comma = shortcode `{ $name }`: expected `,` or `)` after the argument `{ $argument }`
shortcode-expected-close = shortcode `{ $name }`: expected `{ $close }` to close the tag
shortcode-unclosed-text = a text value opened with { $quote } is not closed
shortcode-expected-value = expected a value: a text in quotes, a number, true or false
shortcode-end-without-open = `{"{%"} end {"%}"}` closes no shortcode
shortcode-end-without-open-help = remove it, or open the shortcode before: `{"{%"} name(...) {"%}"}`
shortcode-never-closed = shortcode `{ $name }` is opened here and never closed
shortcode-never-closed-help = end its body with `{"{%"} end {"%}"}`, or write it `{"{{"} { $name }(...) {"}}"}` if it takes no body
shortcode-too-deep = shortcodes nest more than { $limit } deep here
shortcode-too-deep-help = close some of them (`{"{%"} end {"%}"}`) before opening others

## Markdown bodies (src/markdown/)

heading-id-twice = duplicate heading id `{ $id }`
heading-id-twice-help = give each heading its own id, or remove the `{"{#...}"}`
link-unknown-file = link to unknown file `{ $path }`
link-unknown-file-help = a link written `@/...` names a file inside `content/`, like `@/startups/languia.md`
image-unreadable = image `{ $image }` cannot be read: { $problem }
image-unreadable-help = save the image again as JPEG, PNG, GIF or WebP (at most 40 megapixels), or remove it

## atelier new (src/cmd/new.rs)

new-rule-like = { $rule }, like `{ $suggestion }`
new-invalid-startup-id = `{ $name }` is not a valid startup id
new-startup-id-rule = use lowercase letters and digits, with `-`, `.` or `_` between them
new-invalid-page-path = `{ $name }` is not a valid page path
new-page-path-rule = use lowercase letters, digits and `-`, with `/` between folders
new-invalid-news-slug = `{ $name }` is not a valid news slug
new-news-slug-rule = use lowercase letters, digits and `-`
new-no-site = no `site.yaml` in `{ $folder }`
new-no-site-help = run atelier in the site's folder, or pass `--root <folder>`
new-startup-exists = a startup with the id `{ $id }` already exists
new-startup-exists-help = ids that differ only in case are the same file on many systems: choose another id
new-organisation-file = a file `content/organisations/<id>.md` with `name:`
new-not-pages = `{ $folder }/` holds another kind of content than pages
new-use-instead = use { $command }
new-news-exists = a news item is already published at `/actualites/{ $slug }/`
new-news-exists-help = choose another slug: the address of a news item is made from its slug only
new-file-exists = `{ $path }` already exists
new-file-exists-help = atelier never overwrites a file: edit it, or choose another name
build-date-help = unset SOURCE_DATE_EPOCH or pass `--date YYYY-MM-DD`
new-created = Created { $path }: fill it in, then run `atelier check`.

## atelier dsfr fetch (src/cmd/dsfr.rs)

dsfr-theme-missing-help = `theme` in site.yaml names a folder of `themes/`
dsfr-not-used = The theme `{ $theme }` uses no DSFR package: nothing to fetch.
dsfr-ready = { $package } { $version } is ready in { $folder }.
dsfr-was-ready = { $package } { $version } is ready in { $folder } (it was already there).

## atelier init (src/cmd/init.rs)

init-bad-incubator = `{ $id }` is not an incubator id
init-bad-incubator-help = use the incubator's id in the beta.gouv.fr network: lowercase letters and digits, with `-`, `_` or `.` between them (`culture`, `dinum`)
init-folder-not-empty = the folder `{ $folder }` is not empty
init-folder-not-empty-help = atelier init never writes over anything: name a new or empty folder, like `atelier init mon-site`
init-not-a-folder = `{ $folder }` exists and is not a folder atelier can read
init-not-a-folder-help = name a new or empty folder, like `atelier init mon-site`
init-cannot-create = cannot create the folder `{ $folder }`: { $error }
init-cannot-create-help = check the permissions of the folder above it
init-write-failed-help = check the folder's permissions; the files listed above were written
init-created = Created a new site in `{ $folder }`: site.yaml (every setting, commented), { $pages } in content/, the DSFR theme in { $theme_folder }/ ({ $files }).
init-next = Write the passages marked « À compléter », then:

## atelier import betagouv (src/cmd/import.rs)

import-not-a-folder = `{ $folder }` is not a folder
import-not-a-folder-help = pass the folder of a beta.gouv.fr checkout: git clone https://github.com/betagouv/beta.gouv.fr
import-not-a-checkout = `{ $folder }` is not a checkout of the beta.gouv.fr repository: it has no `content/_startups` folder
import-not-a-checkout-help = pass the root folder of the clone of github.com/betagouv/beta.gouv.fr
import-no-incubator = `site.yaml` names no incubator: atelier does not know whose fiches to import
import-no-incubator-help = add `incubator: <id>` to site.yaml, the file name of the incubator in the network's `content/_incubators` (for example `incubator: culture`)
import-exists = `{ $path }` already exists (written meanwhile, or under a name that differs only in case)
import-exists-help = atelier never overwrites a file it did not plan to: rename one of the two, then import again
import-removed = - { $path } (no longer in the network: not deleted, delete it if it should go)
import-kept = = { $path } (kept: { $why })
import-summary = { $new } new, { $updated } updated, { $removed } removed from the network, { $kept } kept, { $unchanged } unchanged.
import-dry-run = Dry run: nothing was written.
import-wrote = { $count ->
    [one] Wrote 1 file: review it (`git diff`), then run `atelier check`.
   *[other] Wrote { $count } files: review them (`git diff`), then run `atelier check`.
}

## atelier serve (src/serve/)

serve-port-taken = Port { $port } is taken; using port { $other } instead.
serve-cannot-listen = cannot listen on { $address }: { $error }
serve-cannot-listen-help = pick another address with `--bind` or port with `--port`
serve-ports-taken = ports { $first } to { $last } are all taken
serve-ports-taken-because = ports { $first } to { $last } are all taken: { $error }
serve-ports-taken-help = pick another port with `--port`, or `--port 0` for any free one
serve-failed-to-build = atelier failed to build the preview: { $panic }
serve-built = Built { $pages } pages in memory in { $ms } ms.
serve-built-with-errors = Built { $pages } pages in memory in { $ms } ms with { $errors } error(s), shown over every page until fixed.
serve-not-loopback = serving on { $address }: other machines on the network can read the preview; the preview has no access control
serve-cannot-start = cannot start the preview: { $error }
serve-cannot-start-server = cannot start the server: { $error }
serve-serving = Serving the site at { $url }
serve-watching = Watching for changes; press Ctrl-C to stop.
serve-no-browser = cannot open a browser: { $error }
serve-stopped = Stopped.
serve-watch-error = file watching: { $error }
serve-watch-lost = file watching lost events; reading the whole site again
serve-rebuilt = Rebuilt { $pages } page(s): { $first }all done in { $ms } ms; { $changed } changed.
serve-rebuilt-with-errors = Rebuilt { $pages } page(s): { $first }all done in { $ms } ms; { $changed } changed; { $errors } error(s) to fix.
serve-first-reload = edited pages reloaded after { $ms } ms,{" "}
serve-cannot-open = cannot open `{ $folder }`: { $error }
serve-cannot-watch-files = cannot watch the site's files: { $error }
serve-cannot-watch = cannot watch `{ $folder }`: { $error }
serve-rebuild-failed = atelier failed to rebuild the preview: { $problem }
serve-rebuild-failed-after-one = atelier failed to rebuild the preview after a change to `{ $file }`: { $problem }
serve-rebuild-failed-after-many = atelier failed to rebuild the preview after a change to `{ $file }` and { $others } other file(s): { $problem }
serve-rebuild-failed-help = the last good pages are shown; fix or undo the change and save to try again (this is a bug of atelier: please report it with the file)
serve-overlay-one = 1 problem to fix (the last good pages are shown):
serve-overlay-many = { $count } problems to fix (the last good pages are shown):

## Dates, pages and startups of the site (src/date.rs, src/site.rs, src/project/)

date-invalid = expected a date written YYYY-MM-DD (like 2024-01-15), found `{ $text }`
date-epoch-not-a-number = SOURCE_DATE_EPOCH must be a number of seconds, found `{ $value }`
date-epoch-out-of-range = SOURCE_DATE_EPOCH `{ $value }` is out of range: { $error }
page-two-files = two files make the page `{ $url }`
page-two-files-help = `{ $other }` makes it too; rename or remove one of them
paginate-by-nothing-listed = `paginate_by` on a page that lists nothing
paginate-by-nothing-listed-help = only the news list (`actualites/_index.md`) and the startups listing (`startups/_index.md`) are split into pages; remove the key
paged-url-taken = page { $page } of this listing would be `{ $url }`, which is already a page of the site
paged-url-taken-help = move or rename the page at that address, or show more items per page
redirect-from-taken = `redirect_from: { $path }` is already a page of the site
redirect-from-taken-help = remove this old path, or the page that now uses it
sponsor-did-you-mean = did you mean `/organisations/{ $id }`?
sponsor-create = create `content/organisations/{ $id }.md` with at least `name:`
sponsor-unknown = sponsor `/organisations/{ $id }` names no organisation
image-undecodable = image `{ $image }` cannot be decoded: { $error }
image-undecodable-help = save the image again as JPEG, PNG, GIF or WebP, or remove it
base-url-help = fix the value given to `--base-url`
static-unreadable = cannot read a static file: { $error }

## Settings (src/config.rs)

settings-title-missing-help = add a line like `title: L'Atelier numérique`
settings-base-url-help = write a URL like `https://example.org/` or `https://example.org/atelier/`
settings-too-many-quick-links = { $count } quick links, DSFR allows at most three in the header
settings-too-many-quick-links-help = move the others to `menu` or `footer.links`
settings-base-url-no-host = `base_url` has no valid host: `{ $url }`
settings-base-url-scheme = `base_url` must start with `https://`, `http://` or `/`, found `{ $url }`
settings-base-url-query = `base_url` cannot contain a query, a fragment or spaces: `{ $url }`

## Files (src/fs.rs, src/theme.rs)

fs-cannot = cannot { $action } `{ $path }`: { $error }
fs-not-found-help = check that the path exists and is spelled correctly
fs-permission-help = check the file's permissions
fs-other-help = check the file system (disk full, read-only mount, ...)
fs-read = read
fs-write = write
fs-create = create
fs-create-folder = create the folder
fs-create-folder-of = create the folder of
fs-move-to = move to `{ $path }`
fs-copy-to = copy to `{ $path }`
fs-remove = remove
fs-not-utf8 = the file is not valid UTF-8 text
fs-not-utf8-help = save the file with the UTF-8 encoding (most editors offer it in "Save as")
theme-dsfr-pin = `dsfr` needs an exact `version` and its `integrity` (`sha512-...`)
theme-dsfr-pin-help = copy both from `npm view @gouvfr/dsfr@<version> dist.integrity`
fs-read-folder = read the folder
fs-read-site-folder = read the site's folder
fs-remove-folder = remove the folder

## Import of network fiches (src/import/)

import-id-empty = it is empty
import-id-too-long = it is longer than 200 bytes
import-id-separator = it contains a path separator
import-id-dot-dot = it contains `..`
import-id-control = it contains a control character
import-id-ignored = atelier would not read it as a fiche (hidden, temporary or `_index`)
import-refused-id = `{ $id }` cannot be imported: its name is not a usable id ({ $why })
import-refused-id-help = nothing was written for it; ask the network to rename the fiche
import-kept-does-not-load = it does not load: fix it, or delete it to import it again
import-sponsor-refused = the sponsor `{ $id }` cannot be imported: it is not a usable id ({ $why })
import-sponsor-refused-help = nothing was written for it; ask the network to correct the fiche
import-sponsor-unknown = the sponsor `{ $id }` is not among the network's organisations
import-sponsor-unknown-help = write `content/organisations/{ $id }.md` with `name:` and `source: local`, or the fiche's sponsor stays without a page

## Images (src/images/)

image-format-unknown = not an image atelier can read (JPEG, PNG, GIF or WebP)
image-no-pixels = the image has no pixels
image-too-many-pixels = the image is { $width }×{ $height } pixels, more than atelier reads ({ $limit } megapixels)
image-too-heavy = the image weighs { $size } MB, more than atelier reads ({ $limit } MB)
image-cannot-read = cannot read the image: { $error }
search-index-failed = cannot build the search index: { $reason }
search-index-failed-help = this is a bug of atelier or Pagefind; remove the page using `search.html` to build without search

## The output folder (src/output/)

output-empty = it is empty
output-unreadable = it cannot be read: { $error }
output-symlink = it is a symbolic link (to `{ $target }`), and atelier never writes through a link
output-is-file = it is a file, not a folder
output-is-site = it holds a `site.yaml`: it is the folder of a site
output-is-repository = it holds `.git`: it is a repository, and atelier did not write it
output-is-repository-help = build into a folder of its own; if `{ $folder }` is a deployment clone (such as a `gh-pages` branch), pass `--force` once: atelier then leaves `.git` and every file it did not write alone
output-is-staging = it is the staging folder atelier keeps beside an output folder
output-is-root = it is the root of the file system
output-is-home = it is your home folder
output-holds-home = it holds your home folder (`{ $home }`)
output-is-site-folder = it is the site's own folder, beside `site.yaml` and `content/`
output-holds-site = it holds the site's folder (`{ $root }`)
output-is-source = it is the site's `{ $source }/` folder
output-in-source = it is inside the site's `{ $source }/` folder
output-is-cache = it is atelier's build cache (`{ $cache }/`), which the next build may replace
output-refused-flag = refusing to build into `--output { $folder }`: { $why }
output-refused-flag-help = pass a folder of its own, such as `--output public`: atelier fills it and deletes only what it wrote there
output-refused-setting = refusing to build into `{ $folder }` (`output_dir` in site.yaml): { $why }
output-refused-setting-help = set `output_dir` to a folder of its own, such as `output_dir: public`: atelier fills it and deletes only what it wrote there
output-file-and-folder = `{ $folder }` would be both a file and the folder holding `{ $path }`
output-file-and-folder-help = rename the page or the file so that their paths differ
output-outside = refusing to write `{ $path }` outside the output folder
output-outside-help = a page path or `redirect_from` contains `..`
output-folder-itself = `{ $path }` names the output folder itself, not a file
output-folder-itself-help = give every page and copied file a file name
output-reserved-name = `{ $path }` uses a name atelier keeps for its own files in the output folder
output-reserved-name-help = rename it: `{ $manifest }` and names starting with `{ $prefix }` are reserved
manifest-help = this file is atelier's record of what it wrote here; if it was edited by hand, delete the output folder and build again
manifest-not-a-manifest = this is not an atelier manifest
manifest-unknown-format = manifest format { $format } is not known to this version of atelier (format { $known })
manifest-unknown-format-help = build with the version of atelier that wrote it, or a newer one
manifest-unreadable-line = unreadable line in the manifest
manifest-path-outside = the manifest names `{ $path }`, which is not a path inside the folder
output-no-longer-folder = `{ $folder }` is no longer a folder
output-entries = { $count ->
    [one] 1 entry
   *[other] { $count } entries
}
output-sample-more = { $shown } and { $count } more
output-foreign = `{ $folder }` already holds { $entries } atelier did not write ({ $sample }), and no `.atelier-manifest` says what it wrote there
output-foreign-help = if an earlier atelier built it, remove it once and build again (`rm -r { $folder }`); to build into it and keep these files, pass `--force`: atelier never deletes them
output-left-alone = Left alone in `{ $folder }`: { $entries } atelier did not write ({ $sample }); they stay, and the site is published file by file beside them.
output-in-place = Published `{ $folder }` file by file rather than switched whole: { $why }.
output-collision = { $count ->
    [one] { $entries } in `{ $folder }` that atelier did not write stands where the site publishes a file or a folder: { $sample }
   *[other] { $entries } in `{ $folder }` that atelier did not write stand where the site publishes a file or a folder: { $sample }
}
output-collision-help = atelier never replaces what it did not write: move or remove it, or rename the page or static file that takes its place
output-locked = another atelier build is publishing into `{ $folder }` right now
output-locked-help = wait for it to finish, then build again
staging-no-name = it has no name
staging-not-ours = `{ $name }` beside it is not a folder atelier made
staging-cannot-make = the staging folder `{ $name }` cannot be made beside it ({ $error })
staging-unreadable = the staging folder `{ $name }` cannot be read ({ $error })
staging-manifest-unreadable = the staging folder's manifest cannot be read ({ $error })
staging-foreign = `{ $name }` beside it holds files atelier did not write (remove it to switch whole sites again)
staging-no-swap = its file system cannot swap two folders at once ({ $error })
staging-mount-point = it is a mount point, and the staging folder beside it would be on another file system
output-move-into-place-as = move into place as `{ $path }`
output-stale-file-help = a file of an earlier build stays in the output; the next build tries again
cache-not-written = could not write the build cache in { $folder } ({ $error }): the next build renders every page

## The DSFR package (src/assets/)

dsfr-io = cannot { $action } { $path }: { $error }
dsfr-bad-integrity = invalid integrity { $integrity } for { $package }: { $reason }
dsfr-not-a-package = { $path } is not a usable npm package: { $reason }
dsfr-version-mismatch = { $path } holds { $found_name } { $found_version }, but this site needs { $name } { $version }
dsfr-network = cannot download { $url }: { $detail }
dsfr-http-status = { $url } answered HTTP { $status }
dsfr-metadata = unexpected registry metadata at { $url }: { $detail }
dsfr-integrity = integrity check failed for { $origin }: expected { $expected }, got { $actual }
dsfr-bad-archive = { $origin } is not a valid .tgz archive: { $detail }
dsfr-unsafe-entry = unsafe entry { $entry } in { $origin }: { $reason }
dsfr-not-cached = { $name } { $version } is not in the cache { $cache } and offline mode is on
dsfr-no-cache-dir = no cache directory to store { $name } { $version }: ATELIER_CACHE_DIR is unset and the system has none
dsfr-terms-version-missing = { $path } has no terms-of-use version (`cguVersion` in its front matter)
dsfr-terms-not-accepted = site.yaml does not accept the DSFR terms of use: DSFR { $version } requires accepting version { $required }
dsfr-terms-mismatch = site.yaml accepts the DSFR terms of use version { $accepted }, but DSFR { $version } requires version { $required }
dsfr-missing-file = { $path } is missing from the DSFR package (referenced by { $referenced_by })
dsfr-bad-artwork = artwork reference { $reference } cannot be served: { $reason }
dsfr-io-help = check that { $path } exists and is readable/writable, and that the disk is not full
dsfr-bad-integrity-help = the pinned integrity of { $package } must be the `dist.integrity` value of the registry ("sha512-" followed by 88 base64 characters); this is a bug in atelier's pin
dsfr-not-a-package-help = point --dsfr-dir / ATELIER_DSFR_DIR at the unpacked npm package (the `package` folder holding package.json and dist/) or at the .tgz made by `npm pack`; { $path } is not one
dsfr-version-mismatch-help = obtain the pinned version with `npm pack { $name }@{ $version }` and point --dsfr-dir / ATELIER_DSFR_DIR at it, or unset ATELIER_DSFR_DIR to let atelier download it
dsfr-network-help = check the network and the proxy (HTTPS_PROXY, NO_PROXY) or the registry (npm_config_registry); for a machine without network, run `atelier dsfr fetch` where there is one and copy its cache (ATELIER_CACHE_DIR), or use --dsfr-dir / ATELIER_DSFR_DIR (`npm pack @gouvfr/dsfr@<version>` writes gouvfr-dsfr-<version>.tgz, which ATELIER_DSFR_DIR may name directly)
dsfr-metadata-help = the registry (npm_config_registry) does not look like an npm registry; unset it to use https://registry.npmjs.org/
dsfr-integrity-help = the downloaded file is not the published package: a proxy or mirror altered it, or the file given in ATELIER_DSFR_DIR is another version; do not use it
dsfr-bad-archive-help = this archive cannot be the published DSFR package; get it again with `npm pack`
dsfr-not-cached-help = go online once (unset ATELIER_OFFLINE) so atelier downloads and caches it, or point --dsfr-dir / ATELIER_DSFR_DIR at a copy of the package: `npm pack { $name }@{ $version }` writes { $file }-{ $version }.tgz, which ATELIER_DSFR_DIR may name directly (or unpack it and name its `package` folder)
dsfr-no-cache-dir-help = set ATELIER_CACHE_DIR to a writable directory, or point --dsfr-dir / ATELIER_DSFR_DIR at an unpacked copy of the package
dsfr-terms-version-missing-help = this DSFR version keeps its terms of use elsewhere; atelier supports DSFR 1.15 and later, whose doc/legal/cgu.md starts with `cguVersion:`
dsfr-terms-help = DSFR use is restricted to State services (sites on .gouv.fr domains with the SIG agreement): read the terms in { $cgu }, then write in site.yaml:
dsfr-terms-changed = The terms changed since version { $accepted }.
dsfr-missing-file-help = the package copy is incomplete or damaged: delete it (or the atelier cache entry) so it is obtained again
dsfr-bad-artwork-help = artwork references must look like `dsfr/artwork/pictograms/<category>/<name>.svg`; the list of pictograms is in the package's dist/artwork/pictograms/
serve-no-address = cannot read the server's address: { $error }
serve-no-socket = cannot set up the server socket: { $error }
serve-no-thread = cannot start a thread: { $error }

## The CMS (src/cms/, src/serve/cms_api/)

cms-not-published = the CMS cannot be published: { $error }
cms-not-published-help = check the network and the proxy (HTTPS_PROXY, NO_PROXY) or the registry (npm_config_registry); for a machine without network, run `atelier dsfr fetch` where there is one and copy its cache (ATELIER_CACHE_DIR), or name a copy of the package with ATELIER_DECAP_DIR (`npm pack { $name }@{ $version }` writes it); or write `cms: none` in site.yaml to publish no CMS
cms-no-gitlab-project = the CMS at /{ $path }/ names no GitLab project: editors cannot log in to it
cms-no-gitlab-project-help = add `cms:` with `repo:` (the GitLab project, like `ministere-culture/atelier`) and `app_id:` (its PKCE application) to `site.yaml`, see docs/cms.md; or `cms: none`
cms-setting-path = `cms.path` must be a folder of the site, found `{ $found }`
cms-setting-path-help = write lowercase letters, digits and `-`, with `/` between folders, like `path: admin`
cms-setting-base-url = `cms.base_url` must be the `https://` address of a GitLab, found `{ $found }`
cms-setting-base-url-help = write the address of the GitLab, like `base_url: https://gitlab.com`
cms-path-empty = the CMS cannot use `{ $path }`: the path is empty
cms-path-absolute = the CMS cannot use `{ $path }`: the path is absolute
cms-path-backslash = the CMS cannot use `{ $path }`: the path has a backslash
cms-path-control-character = the CMS cannot use `{ $path }`: the path has a control character
cms-path-colon = the CMS cannot use `{ $path }`: the path has a `:` (a drive letter or a stream name)
cms-path-dot-segment = the CMS cannot use `{ $path }`: the path has an empty, `.` or `..` segment
cms-path-relative-help = give a path relative to the site's folder, with `/` between folders
cms-path-not-listable = the CMS cannot use `{ $path }`: only `{ $area }/` and the folders under it can be listed
cms-path-not-listable-help = the CMS configuration names the folders under `content/` and the media folder
cms-path-not-an-entry = the CMS cannot use `{ $path }`: an entry is a Markdown file (`.md`) under `content/`
cms-path-not-an-entry-help = save entries of the collections the CMS configuration names
cms-path-not-an-image = the CMS cannot use `{ $path }`: a media file is an image (JPEG, PNG, GIF or WebP) in the media folder
cms-path-not-an-image-help = add images to `{ $media }/`, as a .jpg, .jpeg, .png, .gif or .webp file
cms-path-folder-leads-out = the CMS cannot use `{ $path }`: this folder is a symbolic link that leads out of the site
cms-path-folder-leads-out-help = make it a real folder of the site
cms-path-link-leads-out = the CMS cannot use `{ $path }`: a symbolic link on this path leads out of its folder
cms-path-link-leads-out-help = the CMS writes and reads only real files of `content/` and the media folder
cms-path-file-is-a-link = the CMS cannot use `{ $path }`: this file is a symbolic link, never written through
cms-path-file-is-a-link-help = replace the link by the file itself
cms-api-post-only = the CMS's API only answers POST
cms-api-open-the-cms-help = open the CMS at /admin/ on the preview; it sends its requests itself
cms-api-not-loopback = the CMS cannot save files: the preview listens on another address than this machine's own (`--bind`), and other machines must not write to the site
cms-api-not-loopback-help = run `atelier serve` without `--bind` to edit with the CMS
cms-api-other-origin = only the CMS opened on the preview itself may save files (the request did not come from a page of the preview)
cms-api-other-origin-help = open the CMS at { $url }admin/
cms-api-json-only = the CMS's API takes only JSON (`Content-Type: application/json`)
cms-api-request-too-large = the request is larger than the { $megabytes } MB the CMS may send
cms-api-request-too-large-help = add a smaller image (resize it before adding it)
cms-api-internal = the request failed inside atelier
cms-request-not-json = the request is not the CMS's JSON: { $error }
cms-request-bad-param = `params.{ $name }` is not what the CMS sends: { $error }
cms-request-entry-or-data-files = `params` must contain exactly one of `entry` and `dataFiles`
cms-request-no-paths = `params.paths` must contain at least 1 item
cms-request-unknown-action = Unknown action { $action }
cms-request-not-base64-encoding = `encoding` must be `base64`
cms-request-content-not-base64 = `content` of `{ $path }` is not base64: { $error }
cms-cannot-delete = the CMS cannot delete `{ $path }`: only entries (`.md` under `content/`) and images of `{ $media }/` can be deleted
cms-cannot-delete-help = delete other files in the site's folder, outside the CMS
cms-file-too-large = `{ $path }` is larger than the { $megabytes } MB the CMS may save
cms-file-too-large-help = make the file smaller (an image can be resized before it is added)
cms-not-an-image-of-its-type = `{ $path }` is not an image of the type its name says
cms-not-an-image-of-its-type-help = add a JPEG, PNG, GIF or WebP file, named with its own extension
cms-entry-exists = `{ $path }` exists already
cms-entry-exists-help = give the entry another name, or delete the other one first
cms-read-failed = cannot read `{ $path }`: { $error }
cms-write-failed = cannot write `{ $path }`: { $error }
cms-delete-failed = cannot delete `{ $path }`: { $error }
cms-move-failed = cannot move an entry to `{ $path }`: { $error }
cms-write-failed-help = check that the site's folder can be written to, then save again
cms-problems-title = { $count ->
    [one] 1 problem to fix:
   *[other] { $count } problems to fix:
}
cms-problems-hide = Hide the problems

## Cover images of front matter (src/content/meta.rs, src/project/images.rs)

cover-not-a-site-file = `image: { $image }` is not a file of the site: a cover image is an image of `static/` or `content/`
cover-not-a-site-file-help = put the image in `static/img/` and write `image: /img/name.jpg`, or beside this file and write `image: name.jpg`
cover-without-alt = the cover image `{ $image }` has no alternative text
cover-without-alt-help = add `image_alt: ` and what the image shows that matters (not "image of..."); write `image_alt: ""` if it is purely decorative
cover-missing = the cover image `{ $image }` is not a file of the site (`{ $path }` is not in `static/` nor in `content/`)
cover-missing-help = check the file's name (capitals, extension); a path starting with `/` is from the root of `static/`, any other from this file's folder
cover-escapes = the cover image `{ $image }` leads out of the site
cover-escapes-help = write a path inside the site: `/img/name.jpg` for `static/img/name.jpg`, or a file beside this one
cover-not-processed = the cover image `{ $image }` is not a JPEG, PNG, GIF or WebP file
cover-not-processed-help = save it as JPEG (a photo) or PNG (a drawing, a screenshot): social networks and the cards show only those
template-image-unknown = `image(path="{ $path }")`: no image of the site at this path has copies; the function knows the JPEG, PNG, GIF and WebP images pages show, in their text or as their cover (`image:`)
template-image-no-width = `image(path="{ $path }")`: no copy of the widths asked ({ $widths }); the image has copies { $have } pixels wide
