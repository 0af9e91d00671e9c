use std::collections::HashSet;
use std::path::Path;

use super::*;
use crate::diagnostic::Location;

fn resolve(path: &str) -> Option<String> {
    match path {
        "startups/languia.md" => Some("/startups/languia/".into()),
        "_index.md" => Some("/".into()),
        _ => None,
    }
}

fn md(src: &str) -> Rendered {
    render(
        src,
        &Options {
            base_path: "/",
            resolve: &resolve,
            raw_html: raw_html::Mode::Sanitize,
            typography: false,
            images: &|_| None,
            shortcode: None,
        },
    )
}

fn html(src: &str) -> String {
    md(src).html
}

fn ids(r: &Rendered) -> Vec<&str> {
    r.headings.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn heading_ids() {
    let src = "##\n## Le problème\n## Le problème \n### **Contexte**\n## Problème 👀\n## 👀\n\
               ## 🎁 2. La solution\n## Déci\u{200b}sion\u{feff}\nSetext\n------\n#NoSpace\n";
    let r = md(src);
    let expected = [
        "le-probleme",
        "le-probleme-2",
        "contexte",
        "probleme",
        "section",
        "2-la-solution",
        "decision",
        "setext",
    ];
    assert_eq!(ids(&r), expected);
    assert_eq!(r.headings[2].text, "Contexte");
    assert_eq!(r.headings[6].text, "Décision");
    assert_eq!(&src[r.headings[7].range.clone()], "Setext\n------\n");
    let h = &r.html;
    assert!(h.starts_with("<h2 id=\"le-probleme\">Le problème</h2>\n"), "{h}");
    assert!(h.contains("<h3 id=\"contexte\"><strong>Contexte</strong></h3>\n"));
    assert!(h.contains("<h2 id=\"section\">👀</h2>\n"));
    assert!(h.ends_with("<h2 id=\"setext\">Setext</h2>\n<p>#NoSpace</p>\n"));
    assert_eq!(
        html("## ![](a.png)\n"),
        "<p><img src=\"a.png\" alt=\"\" class=\"fr-responsive-img\"></p>\n"
    );
}

#[test]
fn explicit_ids_win_and_are_reserved() {
    let src = "## Contexte\n## Autre {#contexte .large}\n## Contexte\n## Dup {#contexte}\n";
    let r = md(src);
    assert_eq!(ids(&r), ["contexte-2", "contexte", "contexte-3", "contexte-4"]);
    assert!(
        r.html
            .contains("<h2 id=\"contexte\" class=\"large\">Autre</h2>\n")
    );
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].kind, ProblemKind::DuplicateId);
    assert_eq!(r.problems[0].message, "duplicate heading id `contexte`");
    assert_eq!(src[r.problems[0].range.clone()].trim_end(), "## Dup {#contexte}");
}

#[test]
fn toc_nesting() {
    let entry = |level, title: &str, children| TocEntry {
        level,
        id: title.to_lowercase(),
        title: title.into(),
        children,
    };
    let r = md("## A\n### A1\n#### A1a\n### A2\n## B\n");
    let a1 = entry(3, "A1", vec![entry(4, "A1a", vec![])]);
    let a = entry(2, "A", vec![a1, entry(3, "A2", vec![])]);
    assert_eq!(r.toc, [a, entry(2, "B", vec![])]);
    let r = md("### X\n## Y\n### Y1\n");
    let y = entry(2, "Y", vec![entry(3, "Y1", vec![])]);
    assert_eq!(r.toc, [entry(3, "X", vec![]), y]);
}

#[test]
fn alerts() {
    let cases = [
        (
            "NOTE",
            "<div class=\"fr-highlight\">\n<p class=\"fr-sr-only\">Note</p>\n<p>Texte.</p>\n",
        ),
        (
            "TIP",
            "<div class=\"fr-callout fr-icon-lightbulb-line\">\n\
             <p class=\"fr-callout__title\">Astuce</p>\n<p class=\"fr-callout__text\">Texte.</p>\n",
        ),
        (
            "IMPORTANT",
            "<div class=\"fr-callout fr-icon-information-line\">\n\
             <p class=\"fr-callout__title\">Important</p>\n<p class=\"fr-callout__text\">Texte.</p>\n",
        ),
        (
            "WARNING",
            "<div class=\"fr-alert fr-alert--warning\">\n\
             <p class=\"fr-alert__title\">Attention</p>\n<p>Texte.</p>\n",
        ),
        (
            "CAUTION",
            "<div class=\"fr-alert fr-alert--error\">\n\
             <p class=\"fr-alert__title\">Danger</p>\n<p>Texte.</p>\n",
        ),
    ];
    for (kind, open) in cases {
        assert_eq!(
            html(&format!("> [!{kind}]\n> Texte.\n")),
            format!("{open}</div>\n")
        );
    }
    assert_eq!(
        html("> [!TIP]\n> Un.\n>\n> - *deux*\n>\n>   trois\n"),
        "<div class=\"fr-callout fr-icon-lightbulb-line\">\n\
         <p class=\"fr-callout__title\">Astuce</p>\n<p class=\"fr-callout__text\">Un.</p>\n\
         <ul>\n<li>\n<p><em>deux</em></p>\n<p>trois</p>\n</li>\n</ul>\n</div>\n"
    );
    assert_eq!(
        html("> Citation\n"),
        "<blockquote>\n<p>Citation</p>\n</blockquote>\n"
    );
}

#[test]
fn tables() {
    assert_eq!(
        html("| a | b | c | d |\n|---|:--|:-:|--:|\n| 1 | **2** | 3 | 4 |\n"),
        "<div class=\"fr-table fr-table--no-caption\"><div class=\"fr-table__wrapper\">\
         <div class=\"fr-table__container\"><div class=\"fr-table__content\"><table>\n\
         <thead>\n<tr><th scope=\"col\">a</th><th scope=\"col\">b</th>\
         <th scope=\"col\" class=\"fr-cell--center\">c</th>\
         <th scope=\"col\" class=\"fr-cell--right\">d</th></tr>\n</thead>\n\
         <tbody>\n<tr><td>1</td><td><strong>2</strong></td><td class=\"fr-cell--center\">3</td>\
         <td class=\"fr-cell--right\">4</td></tr>\n</tbody>\n</table></div></div></div></div>\n"
    );
    assert_eq!(
        html("| | a |\n|---|---|\n"),
        "<div class=\"fr-table fr-table--no-caption\"><div class=\"fr-table__wrapper\">\
         <div class=\"fr-table__container\"><div class=\"fr-table__content\"><table>\n\
         <thead>\n<tr><td></td><th scope=\"col\">a</th></tr>\n</thead>\n\
         </table></div></div></div></div>\n"
    );
}

#[test]
fn links() {
    let r = md(
        "[Site](https://exemple.fr) [T](http://a.fr \"Doc\") [P](//cdn.fr/x) \
                [Mail](mailto:a@b.fr) <https://c.fr> <d@e.fr> [Int](/startups/) \
                [Rel](../x/) [Ancre](#contexte)",
    );
    assert_eq!(
        r.html,
        "<p><a href=\"https://exemple.fr\" title=\"Site - nouvelle fenêtre\" target=\"_blank\" \
         rel=\"noopener noreferrer\">Site</a> <a href=\"http://a.fr\" title=\"Doc - nouvelle \
         fenêtre\" target=\"_blank\" rel=\"noopener noreferrer\">T</a> <a href=\"//cdn.fr/x\" \
         title=\"P - nouvelle fenêtre\" target=\"_blank\" rel=\"noopener noreferrer\">P</a> \
         <a href=\"mailto:a@b.fr\">Mail</a> <a href=\"https://c.fr\" title=\"https://c.fr - \
         nouvelle fenêtre\" target=\"_blank\" rel=\"noopener noreferrer\">https://c.fr</a> \
         <a href=\"mailto:d@e.fr\">d@e.fr</a> <a href=\"/startups/\">Int</a> \
         <a href=\"../x/\">Rel</a> <a href=\"#contexte\">Ancre</a></p>\n"
    );
    let kinds: Vec<_> = r
        .links
        .iter()
        .map(|l| (l.kind, l.external, l.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (LinkKind::Link, true, "Site"),
            (LinkKind::Link, true, "T"),
            (LinkKind::Link, true, "P"),
            (LinkKind::Link, false, "Mail"),
            (LinkKind::Autolink, true, "https://c.fr"),
            (LinkKind::Email, false, "d@e.fr"),
            (LinkKind::Link, false, "Int"),
            (LinkKind::Link, false, "Rel"),
            (LinkKind::Link, false, "Ancre"),
        ]
    );
    assert_eq!(
        (r.links[5].dest.as_str(), r.links[5].href.as_str()),
        ("d@e.fr", "mailto:d@e.fr")
    );
    assert!(r.problems.is_empty());
    assert_eq!(
        html("## Voir [le *site*](https://x.fr)\n"),
        "<h2 id=\"voir-le-site\">Voir <a href=\"https://x.fr\" title=\"le site - nouvelle fenêtre\" \
         target=\"_blank\" rel=\"noopener noreferrer\">le <em>site</em></a></h2>\n"
    );
}

#[test]
fn internal_links() {
    let src = "Voir [Compar:IA](@/startups/languia.md#equipe), [l’accueil][a] et [x](@/startups/x.md).\n\n\
               [a]: @/_index.md\n";
    let r = md(src);
    assert_eq!(
        r.html,
        "<p>Voir <a href=\"/startups/languia/#equipe\">Compar:IA</a>, <a href=\"/\">l’accueil</a> \
         et <a href=\"@/startups/x.md\">x</a>.</p>\n"
    );
    assert_eq!(r.links[0].dest, "@/startups/languia.md#equipe");
    assert_eq!(r.links[0].href, "/startups/languia/#equipe");
    assert_eq!(
        r.problems,
        [Problem {
            kind: ProblemKind::UnknownFile,
            severity: Severity::Error,
            message: "link to unknown file `startups/x.md`".into(),
            help: "a link written `@/...` names a file inside `content/`, like `@/startups/languia.md`"
                .into(),
            range: src.find("[x]").unwrap()..src.find(").").unwrap() + 1,
        }]
    );
}

#[test]
fn base_path_rewriting() {
    let resolve = |p: &str| (p == "candidater.md").then(|| "/atelier/candidater/".to_owned());
    let opts = Options {
        base_path: "/atelier/",
        resolve: &resolve,
        raw_html: raw_html::Mode::Sanitize,
        typography: false,
        images: &|_| None,
        shortcode: None,
    };
    let r = render(
        "[a](/startups/) [b](@/candidater.md) [c](img/x.png) [d](#x) [e](//cdn.fr/) ![i](/img/a.png)",
        &opts,
    );
    let hrefs: Vec<_> = r.links.iter().map(|l| l.href.as_str()).collect();
    let expected = [
        "/atelier/startups/",
        "/atelier/candidater/",
        "img/x.png",
        "#x",
        "//cdn.fr/",
    ];
    assert_eq!(hrefs[..5], expected);
    assert_eq!(hrefs[5], "/atelier/img/a.png");
    assert!(
        r.html
            .contains("<img src=\"/atelier/img/a.png\" alt=\"i\" class=\"fr-responsive-img\">")
    );
}

#[test]
fn images() {
    let r = md(
        "![Logo de *l’Atelier*](/img/logo.png \"Le logo\") ![](<https://x.fr/a b.png>)\n\n\
                [![Compar:IA](i.png)](https://comparia.beta.gouv.fr)",
    );
    assert_eq!(
        r.html,
        "<p><img src=\"/img/logo.png\" alt=\"Logo de l’Atelier\" class=\"fr-responsive-img\" \
         title=\"Le logo\"> <img src=\"https://x.fr/a%20b.png\" alt=\"\" class=\"fr-responsive-img\"></p>\n\
         <p><a href=\"https://comparia.beta.gouv.fr\" title=\"Compar:IA - nouvelle fenêtre\" \
         target=\"_blank\" rel=\"noopener noreferrer\"><img src=\"i.png\" alt=\"Compar:IA\" \
         class=\"fr-responsive-img\"></a></p>\n"
    );
    let texts: Vec<_> = r.links.iter().map(|l| (l.kind, l.text.as_str())).collect();
    assert_eq!(
        texts,
        [
            (LinkKind::Image, "Logo de l’Atelier"),
            (LinkKind::Image, ""),
            (LinkKind::Link, "Compar:IA"),
            (LinkKind::Image, "Compar:IA"),
        ]
    );
    assert_eq!(r.word_count, 0);
    assert_eq!(r.excerpt, "");
}

#[test]
fn excerpt() {
    assert_eq!(
        md("## Titre\n\n![img](a.png)\n\nUn  *premier*\nparagraphe.\n\nSuite.").excerpt,
        "Un premier paragraphe."
    );
    let long = "Le ministère de la Culture accompagne des projets numériques. ".repeat(5);
    let r = md(&long);
    assert!(r.excerpt.ends_with('…') && r.excerpt.chars().count() <= EXCERPT_CHARS);
    let kept = r.excerpt.trim_end_matches('…');
    assert!(
        long.starts_with(kept) && long[kept.len()..].starts_with(' '),
        "{kept:?}"
    );
    assert!(kept.chars().count() > 180, "{kept:?}");
}

#[test]
fn word_count() {
    assert_eq!(
        md("Le problème : l’accès — 3 mots ?\n\nun**deux** trois\n- a\n- b").word_count,
        9
    );
}

fn with_raw_html(src: &str, raw_html: raw_html::Mode) -> Rendered {
    let opts = Options {
        base_path: "/",
        resolve: &resolve,
        raw_html,
        typography: false,
        images: &|_| None,
        shortcode: None,
    };
    render(src, &opts)
}

/// Each problem with the source text it points at.
fn problems(src: &str, r: &Rendered) -> Vec<(Severity, String, String)> {
    let at = |p: &Problem| src[p.range.clone()].to_string();
    r.problems
        .iter()
        .map(|p| (p.severity, p.message.clone(), at(p)))
        .collect()
}

#[test]
fn raw_html_is_filtered_and_reported_at_its_line() {
    let src = "<iframe src=\"https://www.dailymotion.com/embed/video/x\" title=\"Vidéo\"></iframe>\n\n\
               Texte<br>fin <img src=\"/img/a.png\" width=\"200\" alt=\"\" onerror=\"x()\"> &nbsp;&#39;\n\n\
               <!-- note -->\n";
    let r = md(src);
    assert_eq!(
        r.html,
        "\n<p>Texte<br>fin <img src=\"/img/a.png\" width=\"200\" alt=\"\"> \u{a0}'</p>\n\n"
    );
    let removed = |what: &str| format!("raw HTML: {what} was removed");
    assert_eq!(
        problems(src, &r),
        [
            (
                Severity::Warning,
                removed("the element `<iframe>`") + " with its content",
                "<iframe".into()
            ),
            (
                Severity::Warning,
                removed("the attribute `onerror` of `<img>`"),
                "onerror".into()
            ),
        ]
    );
    // Trusted: as written.
    let r = with_raw_html(src, raw_html::Mode::Trusted);
    assert_eq!(
        r.html,
        "<iframe src=\"https://www.dailymotion.com/embed/video/x\" title=\"Vidéo\"></iframe>\n\
         <p>Texte<br>fin <img src=\"/img/a.png\" width=\"200\" alt=\"\" onerror=\"x()\"> \u{a0}'</p>\n\
         <!-- note -->\n"
    );
    assert!(r.problems.is_empty());
}

#[test]
fn html_blocks_are_filtered_whole_and_located_in_their_container() {
    // A tag over three lines of a block quote; a `<details>` around Markdown.
    let src = "> <div class=\"fr-callout\">\n> <img src=\"a.png\"\n>   onerror=\"x()\" alt=\"\">\n> </div>\n\n\
               <details>\n<summary>Plus</summary>\n\n*Texte* caché.\n\n</details>\n";
    let r = md(src);
    assert_eq!(
        r.html,
        "<blockquote>\n<div class=\"fr-callout\">\n<img src=\"a.png\" alt=\"\">\n</div>\n</blockquote>\n\
         <details>\n<summary>Plus</summary>\n<p><em>Texte</em> caché.</p>\n</details>\n"
    );
    let found = problems(src, &r);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, "onerror");
    let line = Location::in_source(Path::new("a.md"), src, 1, r.problems[0].range.start, 1);
    assert_eq!((line.line, line.col), (3, 5));
}

#[test]
fn refused_urls_are_problems_and_never_written() {
    let src = "[a](javascript:alert(1)) [b](<java\tscript:x>) [c](jav&#x61;script:x) ![i](data:image/png;base64,AA)\n\
               <javascript:alert(1)> [d][ref] [e](VBScript:x \"t\")\n\n## Titre {onclick=x() data-x=1}\n\n\
               [ref]: file:///etc/passwd\n";
    let r = md(src);
    assert_eq!(
        r.html,
        "<p>a b c \njavascript:alert(1) d e</p>\n<h2 id=\"titre\">Titre</h2>\n"
    );
    let refused = |what: &str, scheme: &str| {
        format!(
            "{what}: the URL scheme `{scheme}:` is not allowed, only http, https, mailto, tel \
             and addresses of the site"
        )
    };
    let e = Severity::Error;
    assert_eq!(
        problems(src, &r),
        [
            (e, refused("link", "javascript"), "javascript:alert(1)".into()),
            (e, refused("link", "javascript"), "java\tscript:x".into()),
            (e, refused("link", "javascript"), "[c](jav&#x61;script:x)".into()),
            (e, refused("image", "data"), "data:image/png;base64,AA".into()),
            (e, refused("link", "javascript"), "javascript:alert(1)".into()),
            (e, refused("link", "file"), "file:///etc/passwd".into()),
            (e, refused("link", "vbscript"), "VBScript:x".into()),
            (
                Severity::Warning,
                "the heading attribute `onclick` was removed".into(),
                "## Titre {onclick=x() data-x=1}\n".into()
            ),
            (
                Severity::Warning,
                "the heading attribute `data-x` was removed".into(),
                "## Titre {onclick=x() data-x=1}\n".into()
            ),
        ]
    );
    assert!(
        r.problems
            .iter()
            .take(7)
            .all(|p| p.kind == ProblemKind::RefusedUrl)
    );
    assert!(r.links.iter().all(|l| l.href.is_empty() && !l.external));
    // Trusted keeps the heading's attributes, not the URLs.
    let r = with_raw_html(src, raw_html::Mode::Trusted);
    assert!(
        r.html.contains("<h2 id=\"titre\" onclick=\"x()\" data-x=\"1\">"),
        "{}",
        r.html
    );
    assert_eq!(r.problems.len(), 7);
}

#[test]
fn inline_blocks_and_escaping() {
    assert_eq!(
        html(
            "a < b & `c<d`\nsoft  \nhard\\\nend ~~barré~~\n\n```rust ignore\nfn x() -> &'a str {}\n```\n\n---\n1. [a](x\"y 'z')\n"
        ),
        "<p>a &lt; b &amp; <code>c&lt;d</code>\nsoft<br>\nhard<br>\nend <del>barré</del></p>\n\
         <pre><code class=\"language-rust\">fn x() -&gt; &amp;'a str {}\n</code></pre>\n<hr>\n\
         <ol>\n<li><a href=\"x%22y\" title=\"z\">a</a></li>\n</ol>\n"
    );
    assert_eq!(html("3. trois\n"), "<ol start=\"3\">\n<li>trois</li>\n</ol>\n");
}

/// Apostrophes, frequent in French, stay as written in text and in the double-quoted
/// attributes (pulldown-cmark-escape alone would write them `&#39;`); a URL writes its
/// own `&#39;`, and quotes and `&` are always escaped.
#[test]
fn apostrophes_and_quotes_in_attributes() {
    assert_eq!(
        html(
            "[l'a \"b\"](https://x.fr/l'a&b \"l'équipe\") ![l'œil \"x\"](/i'.png \"d'a\")\n\n## L'été {#l'été .a'b}\n"
        ),
        "<p><a href=\"https://x.fr/l&#39;a&amp;b\" title=\"l'équipe - nouvelle fenêtre\" \
         target=\"_blank\" rel=\"noopener noreferrer\">l'a \"b\"</a> <img src=\"/i&#39;.png\" \
         alt=\"l'œil &quot;x&quot;\" class=\"fr-responsive-img\" title=\"d'a\"></p>\n\
         <h2 id=\"l'été\" class=\"a'b\">L'été</h2>\n"
    );
}

#[test]
fn task_lists() {
    assert_eq!(
        html("- [x] fait\n- [ ] à faire\n- normal\n"),
        "<ul>\n<li class=\"task-list-item\"><input type=\"checkbox\" disabled checked aria-label=\"fait\"> fait</li>\n\
         <li class=\"task-list-item\"><input type=\"checkbox\" disabled aria-label=\"à faire\"> à faire</li>\n\
         <li>normal</li>\n</ul>\n"
    );
}

#[test]
fn footnotes() {
    let r = md(
        "## Notes\nUn[^a], deux[^b], encore[^A].\n\n[^b]: Deuxième.\n[^a]: Première.\n[^x]: Inutilisée.\n",
    );
    assert_eq!(
        r.html,
        "<h2 id=\"notes\">Notes</h2>\n<p>Un<sup class=\"footnote-ref\"><a href=\"#fn:1\" id=\"fnref:1\" \
         aria-label=\"Note 1\">1</a></sup>, deux<sup class=\"footnote-ref\"><a href=\"#fn:2\" id=\"fnref:2\" \
         aria-label=\"Note 2\">2</a></sup>, encore<sup class=\"footnote-ref\"><a href=\"#fn:1\" \
         id=\"fnref:1:2\" aria-label=\"Note 1\">1</a></sup>.</p>\n\
         <section class=\"footnotes\" aria-label=\"Notes de bas de page\">\n<ol>\n\
         <li id=\"fn:1\">\n<p>Première. <a href=\"#fnref:1\" class=\"footnote-backref\" \
         aria-label=\"Retour à l’appel 1 de la note 1\">↩</a> <a href=\"#fnref:1:2\" \
         class=\"footnote-backref\" aria-label=\"Retour à l’appel 2 de la note 1\">↩<sup>2</sup></a></p>\n</li>\n\
         <li id=\"fn:2\">\n<p>Deuxième. <a href=\"#fnref:2\" class=\"footnote-backref\" \
         aria-label=\"Retour à l’appel de la note 2\">↩</a></p>\n</li>\n</ol>\n</section>\n"
    );
    assert_eq!(r.excerpt, "Un, deux, encore.");
}

/// Markdown and HTML a hostile author may combine; the property glues them at random.
const HOSTILE: &[&str] = &[
    "[a](",
    "](",
    ")",
    "![i](",
    "[r]: ",
    "[x][r]",
    "<",
    ">",
    "\n",
    "\n\n",
    "> ",
    "- ",
    "1. ",
    "## ",
    "   ",
    "\t",
    "`",
    "```\n",
    "{onclick=alert(1) #i .c}",
    "*",
    "_",
    "~~",
    "|a|b|\n|-|-|\n| ",
    "[^1]",
    "[^1]: ",
    "javascript:alert(1)",
    "JaVa\tScRiPt:x",
    "jav&#x61;script:",
    "&#106;ava",
    "data:text/html,<script>x</script>",
    "vbscript:x",
    " \u{1}javascript:x",
    "<javascript:alert(1)>",
    "<a href=\"",
    "\">",
    "<a href=javascript:x>",
    "</a>",
    "<img src=x onerror=alert(1)>",
    "<script>",
    "</script>",
    "alert(1)",
    "<svg onload=alert(1)>",
    "<style>",
    "</style>",
    "<iframe src=//x>",
    "<!--",
    "-->",
    "<div class=\"fr-x\">",
    "</div>",
    "<details><summary>s</summary>",
    "</details>",
    "<form action=javascript:x><button>b</button>",
    "<textarea>",
    "<title>",
    "<noscript>",
    "<xmp>",
    "<math><mtext><table><mglyph><style><img src=x onerror=y>",
    "&",
    "\"",
    "'",
    "=",
    "texte",
    "https://exemple.fr",
    "@/a.md",
    "\\",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 1000, ..Default::default() })]

    /// Whatever an author writes, a browser builds nothing from the body that runs script
    /// or loads a refused URL, and what follows the body in the page is shown.
    #[test]
    fn no_body_ships_script(pieces in proptest::collection::vec(proptest::sample::select(HOSTILE), 0..40)) {
        let src = pieces.concat();
        let r = md(&src);
        crate::raw_html::tests::assert_inert(&r.html);
        proptest::prop_assert_eq!(crate::raw_html::in_browser(&r.html, raw_html::Mode::Sanitize), None);
        proptest::prop_assert!(!r.html.to_ascii_lowercase().contains("<script"), "{}", r.html);
        for p in &r.problems {
            proptest::prop_assert!(p.range.start <= p.range.end && p.range.end <= src.len());
        }
    }
}

/// Every real beta.gouv.fr body: no panic, unique ids, sane output.
#[test]
fn corpus() {
    let dir = std::path::Path::new("/work/shared/corpus/betagouv/startups");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipped: corpus not found at {}", dir.display());
        return;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    files.sort();
    let (mut headings, mut links, mut words, mut filtered) = (0, 0, 0, 0);
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        // Front matter: first line `---`, up to the next `---` line.
        let rest = text.strip_prefix("---\n").expect("front matter");
        let end = rest
            .find("\n---\n")
            .map(|i| i + 5)
            .or_else(|| rest.ends_with("\n---").then_some(rest.len()));
        let body = &rest[end.expect("closing ---")..];
        let r = md(body);
        let name = path.display();
        assert!(!r.html.is_empty() || body.trim().is_empty(), "{name}");
        let mut seen = HashSet::new();
        for h in &r.headings {
            assert!(seen.insert(&h.id), "{name}: duplicate id {}", h.id);
            assert!(r.html.contains(&format!(" id=\"{}\"", h.id)), "{name}: {}", h.id);
            assert!(
                h.text.trim() == h.text && !h.text.contains('\n'),
                "{name}: {:?}",
                h.text
            );
        }
        assert!(r.excerpt.chars().count() <= EXCERPT_CHARS, "{name}");
        // What the filters found is for the editor to see; nothing else is wrong.
        for p in &r.problems {
            assert!(
                matches!(p.kind, ProblemKind::RawHtml | ProblemKind::RefusedUrl),
                "{name}: {p:?}"
            );
            eprintln!("{name}: {}: {}", p.message, &body[p.range.clone()]);
        }
        filtered += r.problems.len();
        crate::raw_html::tests::assert_inert(&r.html);
        assert_eq!(
            render(
                body,
                &Options {
                    base_path: "/",
                    resolve: &resolve,
                    raw_html: raw_html::Mode::Sanitize,
                    typography: false,
                    images: &|_| None,
                    shortcode: None,
                }
            )
            .html,
            r.html
        );
        headings += r.headings.len();
        links += r.links.len();
        words += r.word_count;
    }
    eprintln!(
        "corpus: {} bodies, {headings} headings, {links} links, {words} words, \
         {filtered} problems of raw HTML and URLs",
        files.len()
    );
}

fn french(src: &str) -> Rendered {
    let opts = Options {
        base_path: "/",
        resolve: &resolve,
        raw_html: raw_html::Mode::Sanitize,
        typography: true,
        images: &|_| None,
        shortcode: None,
    };
    render(src, &opts)
}

#[test]
fn french_typography_on_text_never_on_code_or_urls() {
    let r = french(
        "L'équipe dit \"*bonjour*\" : 400 000 visites!\n\n\
         `l'a: \"b\"?` et <https://exemple.fr/a?b!> ou [lien](https://exemple.fr/?q=1)?\n\n\
         ```\nit's \"code\": 10 000!\n```\n\n\
         <span title=\"l'attribut : oui\">l'HTML</span>\n",
    );
    assert!(
        r.html.contains(
            "<p>L’équipe dit «\u{a0}<em>bonjour</em>\u{a0}»\u{202f}: 400\u{202f}000 visites\u{202f}!</p>"
        ),
        "{}",
        r.html
    );
    assert!(r.html.contains("<code>l'a: \"b\"?</code>"), "{}", r.html);
    assert!(r.html.contains(">https://exemple.fr/a?b!</a>"), "{}", r.html);
    assert!(r.html.contains("lien</a>\u{202f}?"), "{}", r.html);
    assert!(r.html.contains("it's \"code\": 10 000!"), "{}", r.html);
    assert!(r.html.contains("title=\"l'attribut : oui\""), "{}", r.html);
    assert!(r.html.contains(">l’HTML</span>"), "{}", r.html);
    // The excerpt (search index, feeds) reads as the page does.
    assert!(
        r.excerpt.starts_with("L’équipe dit «\u{a0}bonjour\u{a0}»"),
        "{}",
        r.excerpt
    );
    // Heading ids do not change with the apostrophe.
    assert_eq!(french("## L'équipe").headings[0].id, "l-equipe");
}

proptest::proptest! {
    #[test]
    fn french_typography_never_changes_code(code in "[a-z0-9'\" :;!?%]{1,30}") {
        let code = code.trim();
        proptest::prop_assume!(!code.is_empty());
        let inline = french(&format!("Voici `{code}` : fin"));
        let block = french(&format!("```\n{code}\n```\n"));
        let escaped = code;
        let inline_code = format!("<code>{escaped}</code>");
        let block_code = format!("<code>{escaped}\n</code>");
        proptest::prop_assert!(inline.html.contains(&inline_code), "{}", inline.html);
        proptest::prop_assert!(block.html.contains(&block_code), "{}", block.html);
    }
}
