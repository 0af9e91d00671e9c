//! French typography as a reader sees it in the built pages: apostrophes, « », no-break
//! spaces before `; : ! ?` and in numbers, and nothing changed in code or URLs.

use crate::common::TestSite;

const PAGE: &str = "---
title: L'atelier \"ouvert\"
description: Qu'est-ce que c'est ?
---
L'équipe a dit \"bienvenue\": 400 000 visites, 50 % de plus!

Voir https://exemple.fr/page?id=3 ou [le guide](https://exemple.fr/guide?a=1) à 10:30.

La commande `git commit -m 'l\\'essai: ok?'` suffit.

```
let x = \"n'importe quoi: 1 000!\";
```
";

fn built(settings: &str) -> String {
    let site = TestSite::minimal();
    site.write("site.yaml", &format!("title: Essai\ntheme: test\n{settings}"));
    site.write("content/typo.md", PAGE);
    site.build(&[]);
    site.read("public/typo/index.html")
}

#[test]
fn french_pages_get_french_typography_outside_code_and_urls() {
    let html = built("");
    for typeset in [
        // Body text: apostrophe, guillemets with no-break spaces inside, narrow no-break
        // spaces before : and !, thousands and percent.
        "L’équipe a dit «\u{a0}bienvenue\u{a0}»\u{202f}: 400\u{202f}000 visites, 50\u{202f}% de plus\u{202f}!",
        // Front matter: the title as shown.
        "L’atelier «\u{a0}ouvert\u{a0}»",
    ] {
        assert!(html.contains(typeset), "missing {typeset:?} in:\n{html}");
    }
    for as_written in [
        "https://exemple.fr/page?id=3 ou",
        "href=\"https://exemple.fr/guide?a=1\"",
        "à 10:30.",
        "<code>git commit -m 'l\\'essai: ok?'</code>",
        "n'importe quoi: 1 000!",
    ] {
        assert!(html.contains(as_written), "changed {as_written:?} in:\n{html}");
    }
}

#[test]
fn the_setting_and_other_languages_leave_text_as_written() {
    for settings in ["typography: false\n", "language: en\n"] {
        let html = built(settings);
        assert!(
            html.contains("L'équipe a dit \"bienvenue\": 400 000 visites, 50 % de plus!"),
            "{settings}: {html}"
        );
    }
}

/// Templates show some front matter text as written (a news item's authors, a phase's
/// comment): the `french` filter typesets it, only where the site has typography on.
#[test]
fn the_french_filter_follows_the_setting() {
    for (settings, expected) in [
        ("", "L’équipe «\u{a0}ouverte\u{a0}»\u{202f}!"),
        ("typography: false\n", "L'équipe \"ouverte\" !"),
    ] {
        let site = TestSite::minimal();
        site.write("site.yaml", &format!("title: Essai\ntheme: test\n{settings}"));
        site.write(
            "templates/auteurs.html",
            "<p>{{ \"L'équipe \\\"ouverte\\\" !\" | french }}</p>",
        );
        site.write(
            "content/auteurs.md",
            "---\ntitle: Auteurs\ntemplate: auteurs.html\n---\n",
        );
        let run = site.build(&[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let html = site.read("public/auteurs/index.html");
        assert!(html.contains(expected), "{settings:?}: {html}");
    }
}
