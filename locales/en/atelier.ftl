# atelier's messages in English: every message an editor can see, by area.
# Ids say what the message says; `tests/i18n.rs` checks that the French catalogue has the
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
check-checked = Checked { $pages }: { $found }.
check-strict-failed = Warnings fail the check (--strict).
build-built = Built { $pages } and copied { $files } into { $folder } in { $ms } ms ({ $warnings }).
build-timings-images = images: { $encoded } encoded, { $reused } from the cache
build-timings-cache = cache: { $reused } of { $total } pages reused
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
content-nesting-too-deep-help = no page needs that many levels: close the quotes, lists or tags sooner; the limit keeps the build from running out of memory
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
news-name-without-date = the news file name `{ $name }` does not start with a date and a name
news-name-without-date-help = name news files `YYYY-MM-DD-titre-court.md`, e.g. `2025-03-14-lancement.md`
news-date-differs = the date { $date } differs from the date in the file name ({ $name_date })
news-date-differs-help = make them agree, or remove `date:` to use the file name's date

## YAML (src/content/yaml/)

yaml-duplicate-key = the key `{ $key }` appears twice
yaml-duplicate-key-help = each key may appear only once: keep one of the two lines
yaml-invalid = invalid YAML: { $details }
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
