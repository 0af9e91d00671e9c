//! `atelier check`, `build` and `new`, run as the real binary on small sites written in a
//! temporary folder. Each diagnostic kind is asserted with its exact message and location.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::check_site::{DATE, STARTUP, Site, TEMPLATES};

/// Problems reported for the file `rel` written with `text` in an otherwise clean site.
fn problems_with(rel: &str, text: &str) -> Vec<String> {
    let site = Site::new();
    site.write(rel, text);
    site.problems()
}

fn startup(front: &str, body: &str) -> String {
    format!("---\n{front}---\n{body}")
}

const HEAD: &str = "title: Bob\nmission: Une mission.\nincubator: culture\ncontact: bob@beta.gouv.fr\n";

#[test]
fn a_clean_site_passes() {
    let site = Site::new();
    let run = site.check(&[]);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, "Checked 10 pages: no problems found.\n");
    assert_eq!(run.code, 0);
}

#[test]
fn loading_problems_are_reported_once() {
    let text = startup(
        "title: Bob\nmisson: Une mission.\nincubator: culture\ncontact: bob@beta.gouv.fr\nphases:\n  - name: constructon\n    start: 2024-01-01\nusertypes: construction\n",
        "",
    );
    assert_eq!(
        problems_with("content/startups/bob.md", &text),
        [
            "error content/startups/bob.md:1:1 missing required key `mission` | add a line like `mission: Une phrase qui dit le problème résolu` between the two `---` lines",
            "warning content/startups/bob.md:3:1 unknown key `misson` | did you mean `mission`?",
            "warning content/startups/bob.md:7:11 unknown phase `constructon` | did you mean `construction`?",
            "error content/startups/bob.md:9:12 `usertypes`: expected a list, found the text `construction` | ",
        ]
    );
}

#[test]
fn phases_out_of_order_ending_early_or_far_ahead() {
    let text = startup(
        &format!(
            "{HEAD}phases:\n  - name: investigation\n    start: 2024-05-01\n    end: 2024-04-01\n  - name: construction\n    start: 2024-02-01\n  - name: acceleration\n    start: 2027-03-01\n"
        ),
        "",
    );
    assert_eq!(
        problems_with("content/startups/bob.md", &text),
        [
            "error content/startups/bob.md:9:10 phase `investigation` ends on 2024-04-01, before it starts (2024-05-01) | check both dates; `end` may be left out: a phase then ends when the next one starts",
            "error content/startups/bob.md:11:12 phase `construction` starts on 2024-02-01, before the phase above it (`investigation`, 2024-05-01) | list the phases in the order they happened, oldest first, and check their dates",
            "warning content/startups/bob.md:13:12 phase `acceleration` starts on 2027-03-01, more than a year after the build date (2026-01-15) | check the year; a phase shows as current only from its start date",
        ]
    );
}

#[test]
fn malformed_addresses_and_unknown_sponsors() {
    let text = startup(
        "title: Bob\nmission: Une mission.\nincubator: culture\ncontact: ' bob@beta.gouv.f '\nphases:\n  - name: investigation\n    start: 2024-01-01\nlink: ' www.bob.fr '\nrepository: https:&#x2F;&#x2F;github.com&#x2F;bob\nsponsors:\n  - /organisations/mc\n  - /organisations/dgpa\n",
        "",
    );
    assert_eq!(
        problems_with("content/startups/bob.md", &text),
        [
            "warning content/startups/bob.md:5:10 `contact` is not an e-mail address: `bob@beta.gouv.f` | the domain `beta.gouv.f` is incomplete: it looks like `exemple.gouv.fr`",
            "warning content/startups/bob.md:9:7 `link` is not a web address: `www.bob.fr` | add `https://` in front: `https://www.bob.fr`",
            "warning content/startups/bob.md:10:13 `repository` is not a web address: `https:&#x2F;&#x2F;github.com&#x2F;bob` | write a full address starting with `https://`, like `https://exemple.gouv.fr/`",
            "warning content/startups/bob.md:13:5 sponsor `/organisations/dgpa` names no organisation | create `content/organisations/dgpa.md` with at least `name:`",
        ]
    );
}

#[test]
fn duplicate_startup_ids_and_titles() {
    let site = Site::new();
    site.write(
        "content/startups/Ada.md",
        &STARTUP.replace("title: Ada", "title: Ada bis"),
    );
    let bob = format!(
        "{}phases:\n  - name: investigation\n    start: 2024-01-01\n",
        HEAD.replace("Bob", "ADA")
    );
    site.write("content/startups/bob.md", &startup(&bob, ""));
    assert_eq!(
        site.problems(),
        [
            "error content/startups/ada.md the startup id `ada` differs only in case from `Ada` | rename this file or `content/startups/Ada.md`: many systems and web hosts take them for one file",
            "warning content/startups/bob.md:2:8 the title `ADA` is also the title of `content/startups/ada.md` | give each startup its own title, so that visitors can tell them apart",
        ]
    );
}

#[test]
fn broken_internal_links_anchors_and_images() {
    let body = "## Liens\n\n\
                [Une page](/nulle-part/) et [une ancre](/startups/ada/#equipe).\n\
                [Un fichier](@/startups/inconnue.md) et [une autre ancre](@/startups/ada.md#contxte).\n\
                ![Le logo](/img/logo.png) [ici-même](#liens) [haut](#bas)\n\n\
                <a href=\"/startups/adda/\">brut</a>\n";
    assert_eq!(
        problems_with(
            "content/a-propos.md",
            &format!("---\ntitle: À propos\n---\n{body}")
        ),
        [
            "error content/a-propos.md:6:1 broken link: `/nulle-part/` leads to no page of the site | link to the page's file with `@/`, like `@/startups/languia.md`: such links follow renames",
            "error content/a-propos.md:6:29 broken link: `/startups/ada/#equipe` leads to `/startups/ada/`, which has no anchor `#equipe` | an anchor is the id of a heading of that page: `## Le problème` has the anchor `#le-probleme`",
            "error content/a-propos.md:7:1 link to unknown file `startups/inconnue.md` | a link written `@/...` names a file inside `content/`, like `@/startups/languia.md`",
            "error content/a-propos.md:7:41 broken link: `@/startups/ada.md#contxte` leads to `/startups/ada/`, which has no anchor `#contxte` | did you mean `#contexte`?",
            "error content/a-propos.md:8:1 missing image: `/img/logo.png` is not published by the site | nothing is published at `/img/logo.png`: put the file in `static/` or in `content/`, and check the spelling",
            "error content/a-propos.md:8:46 broken link: `#bas` leads to `/a-propos/`, which has no anchor `#bas` | an anchor is the id of a heading of that page: `## Le problème` has the anchor `#le-probleme`",
            "error content/a-propos.md:10:10 broken link: `/startups/adda/` leads to no page of the site | did you mean `/startups/ada/`?",
        ]
    );
}

#[test]
fn content_links_warning_publishes_broken_content_links_with_a_warning() {
    let site = Site::new();
    site.write(
        "content/a-propos.md",
        "---\ntitle: À propos\n---\n![Le logo](/img/logo.png)\n",
    );
    let settings = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    assert_eq!(site.check(&[]).code, 1, "an error by default");
    site.write("site.yaml", &format!("{settings}content_links: warning\n"));
    assert_eq!(
        site.problems(),
        [
            "warning content/a-propos.md:4:1 missing image: `/img/logo.png` is not published by the site | nothing is published at `/img/logo.png`: put the file in `static/` or in `content/`, and check the spelling"
        ]
    );
    let built = site.run(&["build", "--date", DATE, "--quiet"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(
        built.stderr.contains("warning: missing image"),
        "{}",
        built.stderr
    );
}

#[test]
fn links_written_by_templates_and_settings() {
    let site = Site::new();
    let base = TEMPLATES[0].1.replace(
        "Plan du site</a>",
        "Plan du site</a> <a href=\"{{ url(path='/contact/') }}\">Contact</a>",
    );
    site.write("themes/test/templates/base.html", &base);
    site.write(
        "site.yaml",
        "title: Atelier\ntheme: test\nmenu:\n  - title: Startups\n    url: \"@/startups/index.md\"\n  - title: Aide\n    url: /aide/\n",
    );
    assert_eq!(
        site.problems(),
        [
            "error site.yaml:5:10 `menu[0].url`: `@/startups/index.md` names no file of `content/` | did you mean `@/startups/_index.md`?",
            "error site.yaml:7:10 broken link: `/aide/` leads to no page of the site | link to the page's file with `@/`, like `@/startups/languia.md`: such links follow renames",
            "error themes/test/templates/base.html:8:91 broken link: `/contact/` leads to no page of the site | link to the page's file with `@/`, like `@/startups/languia.md`: such links follow renames; written by the theme on 10 pages, such as `/`",
        ]
    );
}

#[test]
fn accessibility_of_bodies() {
    let body = "# Un second titre\n\n\
                #### Trop profond\n\n\
                ![](/img/a.png) [](https://exemple.fr/) [cliquez ici](@/startups/ada.md)\n\
                [https://exemple.fr/page](https://exemple.fr/page) <https://exemple.fr/>\n\n\
                | | |\n|---|---|\n| 1 | 2 |\n\n\
                <img src=\"/startups/ada/\">\n";
    let site = Site::new();
    // A real image: the image pipeline reads it (a file that is not one is an error).
    let mut png = Vec::new();
    image::RgbImage::new(4, 4)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    std::fs::create_dir_all(site.root().join("static/img")).unwrap();
    std::fs::write(site.root().join("static/img/a.png"), png).unwrap();
    site.write(
        "content/a-propos.md",
        &format!("---\ntitle: À propos\n---\n{body}"),
    );
    assert_eq!(
        site.problems(),
        [
            "warning content/a-propos.md:4:1 a second level-1 heading: the page title is already the page's h1 | start the headings of the text at `##`",
            "warning content/a-propos.md:6:1 heading level skipped: h4 follows h1 | use `##` (h2) here, or add the missing level above",
            "warning content/a-propos.md:8:1 image without alternative text | describe the image between the brackets: `![Capture de l'écran d'accueil](…)`; a purely decorative image is written in HTML with an empty description: `<img src=\"…\" alt=\"\">`",
            "warning content/a-propos.md:8:17 link without text | write where the link leads between the brackets: `[le formulaire de candidature](…)`; for a linked image, describe the image",
            "warning content/a-propos.md:8:41 the link text `cliquez ici` says nothing out of context | screen readers list the links of a page on their own: say where this one leads, like `[le bilan de l'investigation](…)`",
            "warning content/a-propos.md:9:1 the text of this link is a bare address: `https://exemple.fr/page` | write where the link leads instead: `[le site de Compar:IA](https://comparia.beta.gouv.fr)`",
            "warning content/a-propos.md:9:52 the text of this link is a bare address: `https://exemple.fr/` | write where the link leads instead: `[le site de Compar:IA](https://comparia.beta.gouv.fr)`",
            "warning content/a-propos.md:11:1 table without header row | write the title of each column in the first row, so screen readers can announce them",
            "warning content/a-propos.md:15:1 image without alternative text | add `alt=\"…\"` with a description, or `alt=\"\"` if the image is decorative",
        ]
    );
}

#[test]
fn accessibility_status_must_agree_everywhere() {
    // The statement page's text says another status than the settings.
    let site = Site::new();
    site.write(
        "content/accessibilite.md",
        "---\ntitle: Déclaration\ntemplate: accessibilite.html\n---\nLe site est partiellement conforme au RGAA.\n",
    );
    assert_eq!(
        site.problems(),
        [
            "error content/accessibilite.md:5:13 the statement page says the site is `partiellement conforme`, but `site.yaml` says `non conforme` | the page already states the status of `site.yaml`: remove this sentence, or change `accessibility_status` if an audit gave another result"
        ]
    );

    // The theme writes a fixed status in the statement page and in the footer.
    let site = Site::new();
    site.write(
        "themes/test/templates/accessibilite.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1><p>Le site est totalement conforme.</p>{% endblock content %}",
    );
    site.write(
        "themes/test/templates/base.html",
        &TEMPLATES[0].1.replace(
            "Accessibilité : {{ site.accessibility_status }}",
            "Accessibilité : totalement conforme",
        ),
    );
    assert_eq!(
        site.problems(),
        [
            "error site.yaml:3:23 the statement page `/accessibilite/` never says that the site is `non conforme`, as `site.yaml` does | its template should print the setting: `{{ site.accessibility_status }}` in `accessibilite.html`",
            "error themes/test/templates/accessibilite.html:1:85 the template of the statement page says the site is `totalement conforme`, but `site.yaml` says `non conforme` | print `{{ site.accessibility_status }}` instead of a fixed status",
            "error themes/test/templates/base.html:9:61 the footer says the site is `totalement conforme`, but `site.yaml` says `non conforme` (on 10 pages, such as `/`) | print `{{ site.accessibility_status }}` in the footer instead of a fixed status",
        ]
    );

    // No statement page at all.
    let site = Site::new();
    std::fs::remove_file(site.root().join("content/accessibilite.md")).unwrap();
    assert_eq!(
        site.problems(),
        [
            "error site.yaml:3:23 the site has no accessibility statement page | create `content/accessibilite.md` with `template: accessibilite.html`: the law asks for a statement, linked from the footer of every page",
            "error themes/test/templates/base.html:9:23 broken link: `/accessibilite/` leads to no page of the site | link to the page's file with `@/`, like `@/startups/languia.md`: such links follow renames; written by the theme on 9 pages, such as `/`",
        ]
    );
}

#[test]
fn human_format_shows_the_line_and_a_caret() {
    let site = Site::new();
    site.write(
        "content/a-propos.md",
        "---\ntitle: À propos\n---\nVoir [la page](/nulle-part/).\n",
    );
    let run = site.check(&[]);
    assert_eq!(
        run.stderr,
        "error: broken link: `/nulle-part/` leads to no page of the site\n \
         --> content/a-propos.md:4:6\n  \
         |\n\
         4 | Voir [la page](/nulle-part/).\n  \
         |      ^^^^^^^^^^^^^^^^^^^^^^^\n  \
         = help: link to the page's file with `@/`, like `@/startups/languia.md`: such links follow renames\n\n"
    );
    assert_eq!(run.stdout, "Checked 11 pages: 1 error and 0 warnings.\n");
    assert_eq!(run.code, 1);
}

#[test]
fn json_lines_for_ci() {
    let site = Site::new();
    site.write(
        "content/a-propos.md",
        "---\ntitle: À propos\n---\n[ici](/startups/)\n",
    );
    let run = site.check(&["--format", "json"]);
    assert_eq!(
        run.stdout,
        "{\"severity\":\"warning\",\"path\":\"content/a-propos.md\",\"line\":4,\"col\":1,\
         \"message\":\"the link text `ici` says nothing out of context\",\
         \"help\":\"screen readers list the links of a page on their own: say where this one leads, like `[le bilan de l'investigation](…)`\",\
         \"code\":\"a11y-link-vague\"}\n"
    );
    assert_eq!(run.stderr, "Checked 11 pages: 0 errors and 1 warning.\n");
    assert_eq!(run.code, 0);
}

#[test]
fn strict_makes_warnings_fail() {
    let site = Site::new();
    site.write(
        "content/a-propos.md",
        "---\ntitle: À propos\n---\n[ici](/startups/)\n",
    );
    let run = site.check(&["--strict"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.ends_with("Warnings fail the check (--strict).\n"),
        "{}",
        run.stdout
    );
    assert_eq!(site.check(&[]).code, 0);
}

#[test]
fn usage_errors_exit_with_2() {
    let site = Site::new();
    assert_eq!(site.check(&["--format", "xml"]).code, 2);
    assert_eq!(site.check(&["--external-jobs", "4"]).code, 2, "needs --external");
}

#[test]
fn build_refuses_errors_and_prints_warnings() {
    let site = Site::new();
    site.write(
        "content/a-propos.md",
        "---\ntitle: À propos\n---\n[ici](/nulle-part/)\n",
    );
    let out = site.root().join("public");
    let run = site.run(&["build", "--date", DATE, "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: broken link: `/nulle-part/` leads to no page of the site")
    );
    assert!(
        run.stderr
            .contains("warning: the link text `ici` says nothing out of context")
    );
    assert!(
        run.stderr
            .ends_with("Build failed: 1 error and 1 warning; nothing was written.\n")
    );
    assert!(!out.exists());

    site.write(
        "content/a-propos.md",
        "---\ntitle: À propos\n---\n[ici](/startups/)\n",
    );
    let run = site.run(&["build", "--date", DATE, "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: the link text `ici` says nothing out of context")
    );
    assert!(out.join("a-propos/index.html").is_file());
}

/// A local server: `/ok` answers 200, `/gone` 404, anything else 500. Never the network.
fn serve(requests: usize) -> (String, std::thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for stream in listener.incoming().take(requests) {
            let mut stream = stream.unwrap();
            let mut first = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            reader.read_line(&mut first).unwrap();
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap() > 2 {
                line.clear();
            }
            let path = first.split_whitespace().nth(1).unwrap_or("").to_string();
            let status = match path.as_str() {
                "/ok" => "200 OK",
                "/gone" => "404 Not Found",
                _ => "500 Internal Server Error",
            };
            seen.push(format!(
                "{} {path}",
                first.split_whitespace().next().unwrap_or("")
            ));
            write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
        }
        seen
    });
    (addr, handle)
}

#[test]
fn external_links_are_checked_on_demand_only() {
    let (addr, server) = serve(2);
    let site = Site::new();
    // The fixture's only other external address, which must not be fetched here.
    site.write(
        "content/startups/ada.md",
        &STARTUP.replace("https://ada.beta.gouv.fr/", "''"),
    );
    let body = format!("[Le service]({addr}/ok) et [l'ancien site]({addr}/gone#x).\n");
    site.write(
        "content/a-propos.md",
        &format!("---\ntitle: À propos\n---\n{body}"),
    );
    let col = body.find("[l'ancien").unwrap() as u64 + 1;
    // Without --external, nothing is fetched (the server would answer the next run).
    assert_eq!(site.check(&[]).code, 0);
    let run = site.check(&["--external", "--format", "json", "--external-jobs", "2"]);
    let mut seen = server.join().unwrap();
    seen.sort();
    assert_eq!(seen, ["HEAD /gone", "HEAD /ok"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(
        v["message"],
        format!("external link `{addr}/gone` answers HTTP 404")
    );
    assert_eq!((v["line"].as_u64(), v["col"].as_u64()), (Some(4), Some(col)));
    assert!(
        run.stderr.starts_with("External links: 2 checked in "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(" s, 1 broken, 0 unreachable.\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 1);
}

#[test]
fn new_files_pass_check_as_written() {
    let site = Site::new();
    for args in [
        ["new", "startup", "ada-lovelace", "--date", DATE],
        ["new", "page", "aide/faq", "--date", DATE],
        ["new", "actualite", "lancement", "--date", DATE],
    ] {
        let run = site.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    assert!(site.root().join("content/startups/ada-lovelace.md").is_file());
    assert!(site.root().join("content/aide/faq.md").is_file());
    let news = site.root().join("content/actualites/2026-01-15-lancement.md");
    assert!(news.is_file());
    let text = std::fs::read_to_string(site.root().join("content/startups/ada-lovelace.md")).unwrap();
    assert!(
        text.contains("  - name: investigation\n    start: 2026-01-15\n"),
        "{text}"
    );
    assert!(text.contains(
        "# Nom du service, en titre de la fiche et dans les listes. (obligatoire)\ntitle: Ada lovelace\n"
    ));
    let run = site.check(&["--strict"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout, "Checked 13 pages: no problems found.\n");
}

#[test]
fn new_refuses_bad_names_and_existing_files() {
    let site = Site::new();
    let run = site.run(&["new", "startup", "Ada Lovelace"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `Ada Lovelace` is not a valid startup id\n  = help: use lowercase letters and digits, with `-`, `.` or `_` between them, like `ada-lovelace`\n\n"
    );
    let run = site.run(&["new", "startup", "ada"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("error: `content/startups/ada.md` already exists\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/startups/ada.md")).unwrap(),
        STARTUP
    );
    assert_eq!(site.run(&["new", "page", "startups/x"]).code, 2);
    assert_eq!(site.run(&["new", "page", "../x"]).code, 2);
    site.write(
        "content/actualites/2025-01-01-lancement.md",
        "---\ntitle: A\n---\n",
    );
    let run = site.run(&["new", "actualite", "lancement", "--date", DATE]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("a news item is already published at `/actualites/lancement/`")
    );
}

#[test]
fn footer_without_the_statement_link_or_its_status() {
    let site = Site::new();
    let no_link = TEMPLATES[0].1.replace(
        "\n<a href=\"{{ url(path='/accessibilite/') }}\">Accessibilité : {{ site.accessibility_status }}</a>",
        "",
    );
    site.write("themes/test/templates/base.html", &no_link);
    assert_eq!(
        site.problems(),
        [
            "error site.yaml:3:23 the footer does not link to the accessibility statement `/accessibilite/` on 10 pages, such as `/` | the law asks for a link `Accessibilité : non conforme` in the footer of every page"
        ]
    );
    let unstated = TEMPLATES[0]
        .1
        .replace("Accessibilité : {{ site.accessibility_status }}", "Accessibilité");
    site.write("themes/test/templates/base.html", &unstated);
    assert_eq!(
        site.problems(),
        [
            "error themes/test/templates/base.html:9:23 the footer link to the accessibility statement does not state the status on 10 pages, such as `/` | write the link as `Accessibilité : {{ site.accessibility_status }}`"
        ]
    );
}

#[test]
fn links_outside_the_base_path_and_malformed_links() {
    let site = Site::new();
    site.write(
        "content/a-propos.md",
        "---\ntitle: À propos\n---\n<a href=\"/startups/\">Les startups</a> et [un lien](http://[::1/).\n",
    );
    let run = site.check(&[
        "--base-url",
        "https://exemple.gouv.fr/atelier/",
        "--format",
        "json",
    ]);
    let messages: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!("{}:{} {}", v["line"], v["col"], v["message"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        messages,
        [
            "4:10 broken link: `/startups/` leads outside the site, which is published under `/atelier/`",
            "4:42 malformed link `http://[::1/`: invalid IPv6 address",
        ]
    );
}

#[test]
fn unreachable_external_links_are_warnings() {
    // A port that was free a moment ago: the connection is refused, nothing leaves the machine.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let site = Site::new();
    site.write(
        "content/startups/ada.md",
        &STARTUP.replace("https://ada.beta.gouv.fr/", "''"),
    );
    site.write(
        "content/a-propos.md",
        &format!("---\ntitle: À propos\n---\n[Le service](http://127.0.0.1:{port}/)\n"),
    );
    let run = site.check(&["--external", "--external-timeout", "5"]);
    assert!(
        run.stderr.starts_with(&format!(
            "warning: external link `http://127.0.0.1:{port}/` could not be reached: connection refused\n"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.starts_with("External links: 1 checked in "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(" s, 0 broken, 1 unreachable.\nChecked 11 pages: 0 errors and 1 warning.\n")
    );
    assert_eq!(run.code, 0);
}

/// What `new` writes is a draft: `check` says nothing of its placeholder text. Once
/// `draft: true` is removed, each placeholder is a warning at its line and column, in
/// `check` and in `build`, and `check --strict` fails.
#[test]
fn placeholders_of_new_are_warned_at_their_place_once_the_file_is_not_a_draft() {
    let site = Site::new();
    let run = site.run(&["new", "startup", "grace-hopper", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.problems(), Vec::<String>::new());
    let rel = "content/startups/grace-hopper.md";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    assert!(text.contains("\ndraft: true\n"), "{text}");
    let published = text.replacen("\ndraft: true\n", "\n", 1);
    site.write(rel, &published);
    let expected: Vec<String> = published
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let col = line.find("À compléter")?;
            Some(format!(
                "warning {rel}:{}:{} placeholder text `À compléter` left by `atelier new` or `atelier init` | write the text, or keep the file unpublished with `draft: true` in its front matter",
                i + 1,
                line[..col].chars().count() + 1
            ))
        })
        .collect();
    // The mission and the four sections of the fiche.
    assert_eq!(expected.len(), 5, "{published}");
    // `mission: À compléter en une phrase.`, the value after `mission: `.
    assert!(expected[0].contains(":11:10 "), "{expected:?}");
    assert_eq!(site.problems(), expected);
    let run = site.check(&["--strict"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let run = site.run(&["build", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("placeholder text `À compléter`").count(),
        5,
        "{}",
        run.stderr
    );
}

/// A draft is checked like any page, its problems told as warnings since `build` leaves it
/// out; a published page that links to it is an error that names the draft, in `check` and
/// in `build`. `check` fails on exactly the errors `build` refuses.
#[test]
fn a_link_to_a_draft_is_an_error_and_drafts_are_checked() {
    let site = Site::new();
    site.write(
        "content/projet.md",
        "---\ntitle: Projet\ndraft: true\n---\nVoir [l'accueil](/nulle-part/).\n",
    );
    site.write(
        "content/aide.md",
        "---\ntitle: Aide\n---\nLire [le projet](@/projet.md).\n",
    );
    let problems = site.problems();
    assert!(
        problems.contains(&"error content/aide.md:4:6 `@/projet.md` links to a draft: `content/projet.md` has `draft: true` and is not published | publish the target first (remove `draft: true`), or remove the link".to_string()),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|p| p.starts_with("warning content/projet.md:5:6 broken link: `/nulle-part/`")
            && p.ends_with("this file is a draft (`draft: true`): `build` leaves it out, and this becomes an error when it is published")),
        "{problems:#?}"
    );
    let errors: Vec<&String> = problems.iter().filter(|p| p.starts_with("error ")).collect();
    assert_eq!(errors.len(), 1, "{problems:#?}");
    // `build` leaves the draft out, and says why the link is refused: once, as a link to
    // a draft, not as a link to nowhere.
    let run = site.run(&["build", "--date", DATE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: `@/projet.md` links to a draft: `content/projet.md` has `draft: true` and is not published\n --> content/aide.md:4:6\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("Build failed: 1 error and 0 warnings; nothing was written.\n"),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("public/projet").exists());
}
