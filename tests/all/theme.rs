//! The DSFR theme on the real site: builds the repository's own `site.yaml`, `content/`
//! and `themes/dsfr/` once (the DSFR package comes from the user cache, or is downloaded
//! once), then checks the structure of the generated pages with an HTML parser: the
//! DSFR page skeleton, headings, navigation state, footer, breadcrumbs, the startups
//! listing and its filter pages, the accessibility statement and the 404 page.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use scraper::{ElementRef, Html, Selector};

/// The built site: every HTML page by its path in the output (`startups/index.html`).
struct Built {
    out: PathBuf,
    pages: BTreeMap<String, String>,
}

fn built() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("theme-site");
        common::build_real_site(
            root,
            &[
                "--quiet",
                "--date",
                common::DATE,
                "--output",
                out.to_str().unwrap(),
            ],
        );
        // The editors' CMS (`admin/`, checked by tests/all/cms.rs) is a JavaScript application,
        // not a page of the theme.
        let pages = common::tree(&out)
            .into_iter()
            .filter(|(path, _)| path.ends_with(".html") && !path.starts_with("admin/"))
            .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
            .collect();
        Built { out, pages }
    })
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn page(path: &str) -> Html {
    let text = built()
        .pages
        .get(path)
        .unwrap_or_else(|| panic!("no page `{path}` in the output"));
    Html::parse_document(text)
}

/// Pages built from the theme's layout (the redirect pages are not).
fn layout_pages() -> impl Iterator<Item = (&'static String, Html)> {
    built()
        .pages
        .iter()
        .map(|(path, text)| (path, Html::parse_document(text)))
        .filter(|(_, doc)| doc.select(&sel("header.fr-header")).next().is_some())
}

/// The text of an element, text nodes separated by a space, whitespace collapsed
/// (`Ministère<br>de la Culture` → `Ministère de la Culture`).
fn text(el: ElementRef<'_>) -> String {
    el.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css)).map(text).collect()
}

fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(css))
        .filter_map(|e| e.attr(attr).map(str::to_string))
        .collect()
}

/// The output file a site path refers to (`/startups/` → `startups/index.html`).
fn target_file(href: &str) -> String {
    let path = href.split(['#', '?']).next().unwrap_or_default();
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The name a template gives an asset: theme and DSFR files are written under
/// content-hashed names (`/dsfr/dsfr.min.0123456789.css` → `/dsfr/dsfr.min.css`).
fn logical(url: &str) -> String {
    let (dir, file) = url.rsplit_once('/').unwrap_or(("", url));
    let parts: Vec<&str> = file.split('.').collect();
    let hashed = parts.len() >= 3 && {
        let hash = parts[parts.len() - 2];
        hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    };
    if !hashed {
        return url.to_string();
    }
    let mut kept = parts.clone();
    kept.remove(parts.len() - 2);
    format!("{dir}/{}", kept.join("."))
}

fn exists(href: &str) -> bool {
    built().out.join(target_file(href)).is_file()
}

/// `accessibility_status` of the repository's `site.yaml`.
fn status_setting() -> String {
    let yaml = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("site.yaml")).unwrap();
    yaml.lines()
        .find_map(|l| l.strip_prefix("accessibility_status:"))
        .map(|v| v.trim().trim_matches('"').to_string())
        .expect("site.yaml sets accessibility_status")
}

#[test]
fn every_page_has_the_dsfr_head() {
    for (path, doc) in layout_pages() {
        let html = doc.select(&sel("html")).next().unwrap();
        assert_eq!(html.attr("lang"), Some("fr"), "{path}");
        assert_eq!(html.attr("data-fr-scheme"), Some("system"), "{path}");
        for css in [
            "meta[charset]",
            "meta[name=viewport]",
            "meta[name=format-detection]",
            "meta[name=theme-color][content='#000091']",
            "link[rel=apple-touch-icon]",
            "link[rel=icon][type='image/svg+xml']",
            "link[rel=manifest][crossorigin=use-credentials]",
            // The policy comes first: it governs only what follows it.
            "meta[charset] + meta[http-equiv=Content-Security-Policy]",
        ] {
            assert!(doc.select(&sel(css)).next().is_some(), "{path}: no `{css}`");
        }
        let title = texts(&doc, "title");
        assert!(
            title.len() == 1 && title[0].ends_with("L’Atelier numérique") || path == "index.html",
            "{path}: {title:?}"
        );
        let description = attrs(&doc, "meta[name=description]", "content");
        assert!(
            description.len() == 1 && description[0].len() > 20,
            "{path}: {description:?}"
        );
        let css: Vec<String> = attrs(&doc, "link[rel=stylesheet]", "href")
            .iter()
            .map(|u| logical(u))
            .collect();
        assert_eq!(
            css,
            [
                "/dsfr/dsfr.min.css",
                "/dsfr/utility/icons.css",
                "/theme/atelier.css"
            ],
            "{path}"
        );
        assert_eq!(
            attrs(&doc, "script[type=module]", "src")
                .iter()
                .map(|u| logical(u))
                .collect::<Vec<_>>(),
            ["/dsfr/dsfr.module.min.js"],
            "{path}"
        );
        assert_eq!(
            attrs(&doc, "script[nomodule]", "src")
                .iter()
                .map(|u| logical(u))
                .collect::<Vec<_>>(),
            ["/dsfr/dsfr.nomodule.min.js"],
            "{path}"
        );
        // The display setting is applied before the first paint, by a file the policy allows:
        // no inline script anywhere.
        assert_eq!(
            attrs(&doc, "head > script:not([defer]):not([async]):not([type])", "src")
                .iter()
                .map(|u| logical(u))
                .collect::<Vec<_>>(),
            ["/theme/apparence.js"],
            "{path}"
        );
        assert!(doc.select(&sel("script:not([src])")).next().is_none(), "{path}");
        if path != "404.html" {
            let canonical = attrs(&doc, "link[rel=canonical]", "href");
            assert_eq!(canonical.len(), 1, "{path}");
            assert!(
                canonical[0].starts_with("https://atelier-numerique.culture.gouv.fr/"),
                "{path}"
            );
        }
    }
}

/// Every page, redirects included, carries the same Content-Security-Policy right after its
/// `<meta charset>`: scripts from the site's files only (no inline script, handler or
/// `javascript:` URL runs), no plugin, no `<base>`, forms to the site only.
#[test]
fn every_page_has_a_strict_content_security_policy() {
    let mut policies = BTreeSet::new();
    for (path, text) in &built().pages {
        let doc = Html::parse_document(text);
        let policy = attrs(
            &doc,
            "meta[charset] + meta[http-equiv=Content-Security-Policy]",
            "content",
        );
        assert_eq!(policy.len(), 1, "{path}: no policy right after <meta charset>");
        policies.insert(policy[0].clone());
    }
    assert_eq!(policies.len(), 1, "{policies:?}");
    let policy = policies.pop_first().unwrap();
    let directive = |name: &str| -> Vec<String> {
        policy
            .split(';')
            .map(|d| d.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .find(|d| d.first().is_some_and(|n| n == name))
            .unwrap_or_else(|| panic!("no `{name}` in {policy}"))[1..]
            .to_vec()
    };
    assert_eq!(directive("script-src"), ["'self'", "'wasm-unsafe-eval'"]);
    assert_eq!(directive("default-src"), ["'self'"]);
    assert_eq!(directive("style-src"), ["'self'"]);
    assert_eq!(directive("object-src"), ["'none'"]);
    assert_eq!(directive("base-uri"), ["'self'"]);
    assert_eq!(directive("form-action"), ["'self'"]);
}

#[test]
fn titles_are_unique() {
    let mut seen = BTreeMap::new();
    for (path, doc) in layout_pages() {
        let title = texts(&doc, "title").join("");
        if let Some(other) = seen.insert(title.clone(), path.clone()) {
            panic!("`{path}` and `{other}` have the same title `{title}`");
        }
    }
}

#[test]
fn skip_links_lead_somewhere() {
    for (path, doc) in layout_pages() {
        let targets = attrs(&doc, ".fr-skiplinks a", "href");
        assert_eq!(
            targets,
            ["#content", "#header-navigation", "#header-search", "#footer"],
            "{path}"
        );
        for t in targets {
            let id = &t[1..];
            assert_eq!(
                doc.select(&sel(&format!("[id='{id}']"))).count(),
                1,
                "{path}: the skip link target `{t}` must exist once"
            );
        }
        assert!(doc.select(&sel("main#content")).next().is_some(), "{path}");
        assert!(
            doc.select(&sel("footer#footer.fr-footer")).next().is_some(),
            "{path}"
        );
    }
}

#[test]
fn ids_are_unique() {
    for (path, doc) in layout_pages() {
        let mut seen = BTreeSet::new();
        for id in attrs(&doc, "[id]", "id") {
            assert!(seen.insert(id.clone()), "{path}: duplicate id `{id}`");
        }
    }
}

#[test]
fn one_h1_and_no_skipped_heading_level() {
    let headings = sel("h1, h2, h3, h4, h5, h6");
    for (path, doc) in layout_pages() {
        let levels: Vec<u8> = doc
            .select(&headings)
            .map(|h| h.value().name()[1..].parse().unwrap())
            .collect();
        assert_eq!(
            levels.iter().filter(|&&l| l == 1).count(),
            1,
            "{path}: {levels:?}"
        );
        assert_eq!(levels.first(), Some(&1), "{path}: the first heading is the h1");
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{path}: heading level jumps from h{} to h{} ({levels:?})",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn header_has_the_bloc_marque_service_and_tools() {
    let doc = page("a-propos/index.html");
    assert_eq!(texts(&doc, ".fr-header .fr-logo"), ["Ministère de la Culture"]);
    assert_eq!(
        doc.select(&sel(".fr-header .fr-logo br")).count(),
        1,
        "the official title keeps its line break"
    );
    assert_eq!(texts(&doc, ".fr-header__service-title"), ["L’Atelier numérique"]);
    assert_eq!(texts(&doc, ".fr-header__service-tagline").len(), 1);
    let quick = doc.select(&sel(".fr-header__tools-links li")).count();
    assert!(quick <= 4, "at most three quick links and the display button");
    let display = sel(".fr-header__tools-links button.fr-btn--display[aria-controls=fr-theme-modal]");
    assert_eq!(doc.select(&display).count(), 1);
    let form = doc
        .select(&sel("#header-search form[role=search]"))
        .next()
        .unwrap();
    assert!(matches!(form.attr("method"), None | Some("get")), "a GET form");
    assert_eq!(form.attr("action"), Some("/recherche/"));
    let input = doc
        .select(&sel("#header-search input[type=search][name=q]"))
        .next()
        .unwrap();
    let id = input.attr("id").unwrap();
    assert_eq!(
        doc.select(&sel(&format!("label[for='{id}']"))).count(),
        1,
        "the search input is labelled"
    );
}

#[test]
fn the_display_dialog_offers_three_schemes_with_their_pictograms() {
    let doc = page("index.html");
    let dialog = doc
        .select(&sel(
            "dialog#fr-theme-modal[aria-labelledby=fr-theme-modal-title]",
        ))
        .next()
        .expect("display dialog");
    let values: Vec<&str> = dialog
        .select(&sel("input[type=radio][name=fr-radios-theme]"))
        .filter_map(|i| i.attr("value"))
        .collect();
    assert_eq!(values, ["light", "dark", "system"]);
    let published: BTreeSet<&str> = dialog
        .select(&sel("svg.fr-artwork use"))
        .filter_map(|u| u.attr("href"))
        .map(|h| h.split('#').next().unwrap())
        .collect();
    let art: BTreeSet<String> = published.iter().map(|h| logical(h)).collect();
    assert_eq!(
        art.iter().map(String::as_str).collect::<Vec<_>>(),
        [
            "/dsfr/artwork/pictograms/environment/moon.svg",
            "/dsfr/artwork/pictograms/environment/sun.svg",
            "/dsfr/artwork/pictograms/system/system.svg"
        ]
    );
    for a in &published {
        assert!(exists(a), "{a} is published");
    }
}

#[test]
fn main_navigation_marks_the_current_page_and_its_section() {
    let current = |path: &str| -> Vec<(String, String)> {
        page(path)
            .select(&sel("#header-navigation a.fr-nav__link[aria-current]"))
            .map(|a| (text(a), a.attr("aria-current").unwrap().to_string()))
            .collect()
    };
    let pair = |t: &str, v: &str| vec![(t.to_string(), v.to_string())];
    assert_eq!(current("index.html"), pair("Accueil", "page"));
    assert_eq!(current("startups/index.html"), pair("Les startups", "page"));
    assert_eq!(
        current("startups/languia/index.html"),
        pair("Les startups", "true")
    );
    assert_eq!(
        current("startups/phase/construction/index.html"),
        pair("Les startups", "true")
    );
    assert_eq!(current("a-propos/index.html"), pair("À propos", "page"));
    assert_eq!(
        current("actualites/comparia-entre-en-consolidation/index.html"),
        pair("Actualités", "true")
    );
    assert_eq!(current("404.html"), vec![]);
    assert_eq!(current("mentions-legales/index.html"), vec![]);
}

#[test]
fn footer_has_the_mandatory_links_in_order() {
    let status = status_setting();
    for (path, doc) in layout_pages() {
        let institutional: Vec<(String, String, String)> = doc
            .select(&sel(".fr-footer__content-list a.fr-footer__content-link"))
            .map(|a| {
                assert_eq!(a.attr("target"), Some("_blank"), "{path}");
                (
                    text(a),
                    a.attr("href").unwrap().to_string(),
                    a.attr("title").unwrap().to_string(),
                )
            })
            .collect();
        let expected: Vec<(String, String, String)> = [
            "info.gouv.fr",
            "service-public.gouv.fr",
            "legifrance.gouv.fr",
            "data.gouv.fr",
        ]
        .iter()
        .map(|d| {
            (
                d.to_string(),
                format!("https://{d}"),
                format!("{d} - nouvelle fenêtre"),
            )
        })
        .collect();
        assert_eq!(institutional, expected, "{path}");

        let bottom = texts(&doc, ".fr-footer__bottom-list a.fr-footer__bottom-link");
        assert_eq!(
            bottom,
            [
                "Plan du site".to_string(),
                format!("Accessibilité : {status}"),
                "Mentions légales".into(),
                "Données personnelles".into(),
                "Gestion des cookies".into(),
            ],
            "{path}"
        );
        for href in attrs(&doc, ".fr-footer__bottom-list a", "href") {
            assert!(exists(&href), "{path}: the footer link `{href}` leads to no page");
        }
        let licence = doc.select(&sel(".fr-footer__bottom-copy a")).next().unwrap();
        assert_eq!(
            licence.attr("href"),
            Some("https://github.com/etalab/licence-ouverte/blob/master/LO.md")
        );
        assert!(text(licence).contains("etalab-2.0"), "{path}");
    }
}

#[test]
fn accessibility_statement_shows_the_footer_status_after_the_commitment() {
    let status = status_setting();
    let doc = page("accessibilite/index.html");
    assert_eq!(texts(&doc, "#statut-accessibilite"), [status.as_str()]);
    let footer = texts(&doc, ".fr-footer__bottom-list a[href='/accessibilite/']");
    assert_eq!(footer, [format!("Accessibilité : {status}")]);
    let sections = texts(&doc, "main h2");
    assert_eq!(
        sections[..3],
        [
            "Engagement du ministère",
            "État de conformité",
            "Résultats des tests"
        ],
        "{sections:?}"
    );
    let summary = attrs(&doc, ".fr-summary a", "href");
    assert_eq!(
        summary[1], "#etat-de-conformite",
        "the summary lists the status section"
    );
    for href in summary {
        assert_eq!(
            doc.select(&sel(&format!("[id='{}']", &href[1..]))).count(),
            1,
            "{href}"
        );
    }
}

#[test]
fn breadcrumb_on_inner_pages_only() {
    for (path, doc) in layout_pages() {
        let crumbs = doc.select(&sel("nav.fr-breadcrumb")).count();
        if path == "index.html" || path == "404.html" {
            assert_eq!(crumbs, 0, "{path}");
            continue;
        }
        assert_eq!(crumbs, 1, "{path}");
        let links: Vec<ElementRef<'_>> = doc.select(&sel(".fr-breadcrumb__list a")).collect();
        assert!(links.len() >= 2, "{path}");
        assert_eq!(text(links[0]), "Accueil", "{path}");
        let last = links.last().unwrap();
        assert_eq!(last.attr("aria-current"), Some("page"), "{path}");
        assert_eq!(last.attr("href"), None, "{path}");
        let h1 = texts(&doc, "h1").join("");
        assert!(
            h1.starts_with(&text(*last)),
            "{path}: `{}` vs `{h1}`",
            text(*last)
        );
        for a in &links[..links.len() - 1] {
            let href = a.attr("href").unwrap();
            assert!(exists(href), "{path}: breadcrumb link `{href}`");
        }
    }
}

#[test]
fn nothing_is_requested_from_another_host() {
    // Only `<a href>` may leave the site; everything a page loads is local.
    let loads = sel("[src], link[href], use[href], image[href], object[data], form[action]");
    for (path, text) in &built().pages {
        let doc = Html::parse_document(text);
        for el in doc.select(&loads) {
            let url = ["src", "href", "data", "action"]
                .iter()
                .find_map(|a| el.attr(a))
                .unwrap();
            let canonical = el.value().name() == "link" && el.attr("rel") == Some("canonical");
            assert!(
                canonical || url.starts_with('/') && !url.starts_with("//"),
                "{path}: <{}> loads `{url}`",
                el.value().name()
            );
        }
    }
}

#[test]
fn every_local_asset_a_page_loads_is_published() {
    let loads = sel("script[src], link[href]:not([rel=canonical]), use[href], img[src]");
    let mut checked = BTreeSet::new();
    for (_, doc) in layout_pages() {
        for el in doc.select(&loads) {
            let url = el.attr("src").or_else(|| el.attr("href")).unwrap().to_string();
            if checked.insert(url.clone()) {
                assert!(exists(&url), "`{url}` is not in the output");
            }
        }
    }
    assert!(
        checked.iter().any(|u| logical(u) == "/theme/filtres.js"),
        "{checked:?}"
    );
    // The text fonts are preloaded, so that the page is not laid out again when they arrive.
    for font in ["Marianne-Regular", "Marianne-Bold"] {
        let path = format!("/dsfr/fonts/{font}.woff2");
        assert!(checked.iter().any(|u| logical(u) == path), "{path}: {checked:?}");
    }
}

fn cards(doc: &Html) -> Vec<ElementRef<'_>> {
    doc.select(&sel("#startups-list > li")).collect()
}

#[test]
fn listing_shows_a_card_per_startup() {
    let fiches = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/startups"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.ends_with(".md") && name != "_index.md"
        })
        .count();
    let doc = page("startups/index.html");
    let cards = cards(&doc);
    assert_eq!(cards.len(), fiches);
    for card in &cards {
        let title = card
            .select(&sel(".fr-card h2.fr-card__title a[href]"))
            .next()
            .expect("title link");
        assert!(exists(title.attr("href").unwrap()));
        assert!(!text(card.select(&sel(".fr-card__desc")).next().unwrap()).is_empty());
        assert_eq!(
            card.select(&sel(".fr-card__start .fr-badge")).count(),
            1,
            "{}",
            text(title)
        );
    }
    assert_eq!(
        texts(&doc, "#startups-count[role=status]"),
        [format!("{fiches} startups")]
    );
}

#[test]
fn every_filter_leads_to_a_page_with_only_its_startups() {
    let listing = page("startups/index.html");
    let all = cards(&listing).len();
    let filters = listing
        .select(&sel("[data-filters] a.fr-tag[data-filter]"))
        .map(|a| {
            (
                a.attr("data-filter").unwrap().to_string(),
                a.attr("data-value").unwrap().to_string(),
                a.attr("href").unwrap().to_string(),
            )
        })
        .collect::<Vec<_>>();
    assert!(filters.iter().any(|f| f.0 == "phase") && filters.iter().any(|f| f.0 == "thematique"));
    let mut phase_total = 0;
    for (kind, value, href) in filters {
        assert_eq!(href, format!("/startups/{kind}/{value}/"));
        let doc = page(&target_file(&href));
        let cards = cards(&doc);
        assert!(!cards.is_empty() && cards.len() <= all, "{href}");
        for card in &cards {
            let field = if kind == "phase" {
                "data-phase"
            } else {
                "data-thematiques"
            };
            let values = card.attr(field).unwrap();
            assert!(
                values.split(' ').any(|v| v == value),
                "{href}: a card with {field}=`{values}`"
            );
        }
        let current = doc
            .select(&sel("a.fr-tag[aria-current=page]"))
            .collect::<Vec<_>>();
        assert_eq!(current.len(), 1, "{href}");
        assert_eq!(current[0].attr("href"), Some(href.as_str()));
        assert!(
            doc.select(&sel("[data-filters]")).next().is_none(),
            "{href}: no instant filters"
        );
        if kind == "phase" {
            phase_total += cards.len();
        }
    }
    assert_eq!(phase_total, all, "every startup is in exactly one phase page");
}

#[test]
fn startup_page_has_its_facts_timeline_and_neighbours() {
    let doc = page("startups/languia/index.html");
    assert_eq!(texts(&doc, "h1"), ["Compar:IA"]);
    assert_eq!(texts(&doc, "main .fr-badges-group .fr-badge"), ["Consolidation"]);
    let rows = texts(&doc, ".fr-table tbody th[scope=row]");
    assert_eq!(rows[0], "Investigation");
    assert!(
        rows.last().unwrap().starts_with("Consolidation (phase actuelle)"),
        "{rows:?}"
    );
    assert_eq!(texts(&doc, ".fr-table caption").len(), 1);
    for href in attrs(&doc, ".fr-summary a", "href") {
        assert_eq!(
            doc.select(&sel(&format!("[id='{}']", &href[1..]))).count(),
            1,
            "{href}"
        );
    }
    let aside = doc.select(&sel("aside")).next().unwrap();
    let links: Vec<&str> = aside.select(&sel("a")).filter_map(|a| a.attr("href")).collect();
    for expected in [
        "https://comparia.beta.gouv.fr/",
        "https://github.com/betagouv/comparia",
        "/organisations/dinum/",
        "/organisations/mc/",
        "/startups/thematique/open-data/",
        "mailto:contact@comparia.beta.gouv.fr",
    ] {
        assert!(links.contains(&expected), "{expected} in {links:?}");
    }
    assert!(text(aside).contains("Partiellement conforme"));
    let neighbours = texts(&doc, "nav[aria-label^='Startups voisines'] a");
    assert_eq!(neighbours.len(), 2, "{neighbours:?}");
    assert!(neighbours[0].starts_with("Startup précédente"));
}

#[test]
fn home_computes_its_figures_from_the_content() {
    let doc = page("index.html");
    let listing = page("startups/index.html");
    let total = cards(&listing).len();
    let figures = texts(&doc, "[aria-labelledby=chiffres] li p");
    assert_eq!(figures[0], format!("{total} startups accompagnées"));
    let by_phase: usize = doc
        .select(&sel("[aria-labelledby=chiffres] a.fr-tag"))
        .map(|a| text(a).rsplit(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(by_phase, total);
    assert!(
        doc.select(&sel("#a-la-une ~ ul .fr-card")).count() >= 3,
        "highlighted startups"
    );
    let apply = doc
        .select(&sel(".fr-callout a.fr-btn"))
        .next()
        .expect("call to apply");
    assert_eq!(apply.attr("href"), Some("/candidater/"));
}

#[test]
fn not_found_page_follows_the_dsfr_model() {
    let doc = page("404.html");
    assert_eq!(texts(&doc, "h1"), ["Page non trouvée"]);
    assert_eq!(texts(&doc, "main p.fr-text--sm")[0], "Erreur 404");
    assert_eq!(texts(&doc, "main p.fr-text--lead").len(), 1);
    let buttons = attrs(&doc, "main ul.fr-btns-group a.fr-btn", "href");
    assert_eq!(buttons[0], "/");
    assert!(
        doc.select(&sel("main svg.fr-artwork[aria-hidden=true]"))
            .next()
            .is_some()
    );
    assert!(
        doc.select(&sel("link[rel=canonical]")).next().is_none(),
        "a 404 has no canonical URL"
    );
}

#[test]
fn site_map_lists_pages_startups_and_news() {
    let doc = page("plan-du-site/index.html");
    let links: BTreeSet<String> = attrs(&doc, "main a", "href").into_iter().collect();
    for expected in [
        "/",
        "/a-propos/",
        "/accessibilite/",
        "/startups/languia/",
        "/actualites/",
        "/organisations/mc/",
    ] {
        assert!(links.contains(expected), "{expected}");
    }
    let news = built()
        .pages
        .keys()
        .filter(|p| p.starts_with("actualites/") && p.matches('/').count() == 2);
    for n in news {
        let href = format!("/{}", n.trim_end_matches("index.html"));
        assert!(links.contains(&href), "{href}");
    }
    for href in &links {
        assert!(exists(href), "{href}");
    }
}

#[test]
fn a_base_path_prefixes_every_local_url() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("theme-site-base-path");
    let run = Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args([
            "build",
            "--quiet",
            "--date",
            common::DATE,
            "--base-url",
            "https://example.org/atelier/",
        ])
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(&out)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let urls = sel("[href], [src], [action]");
    for (path, bytes) in common::tree(&out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        let doc = Html::parse_document(&String::from_utf8(bytes).unwrap());
        for el in doc.select(&urls) {
            let url = ["href", "src", "action"].iter().find_map(|a| el.attr(a)).unwrap();
            if url.starts_with('/') {
                assert!(
                    url.starts_with("/atelier/"),
                    "{path}: `{url}` misses the base path"
                );
            }
        }
        if let Some(canonical) = attrs(&doc, "link[rel=canonical]", "href").first() {
            assert!(
                canonical.starts_with("https://example.org/atelier/"),
                "{path}: {canonical}"
            );
        }
    }
}

/// The news list is split by 3 (`paginate_by` in `content/actualites/_index.md`): each
/// page has the DSFR pagination, the current page marked, the links that lead nowhere
/// disabled, `rel` links to its neighbours and its own canonical address.
#[test]
fn the_news_list_is_split_into_dsfr_pages() {
    let news = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/actualites"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != "_index.md")
        .count();
    let pages = news.div_ceil(3);
    assert!(pages >= 2, "the example site shows a second page");
    let mut listed = 0;
    for n in 1..=pages {
        let (path, url) = if n == 1 {
            ("actualites/index.html".to_string(), "/actualites/".to_string())
        } else {
            (
                format!("actualites/page/{n}/index.html"),
                format!("/actualites/page/{n}/"),
            )
        };
        let doc = page(&path);
        listed += doc.select(&sel("main .fr-card__title a")).count();
        let nav = "nav.fr-pagination[aria-label=Pagination] ul.fr-pagination__list";
        assert_eq!(
            attrs(&doc, &format!("{nav} a[aria-current=page]"), "href"),
            std::slice::from_ref(&url)
        );
        assert_eq!(
            texts(&doc, &format!("{nav} a[aria-current=page]")),
            [n.to_string()]
        );
        let disabled = texts(&doc, &format!("{nav} a[aria-disabled=true]"));
        let expected: Vec<&str> = match (n == 1, n == pages) {
            (true, _) => vec!["Première page", "Page précédente"],
            (_, true) => vec!["Page suivante", "Dernière page"],
            _ => vec![],
        };
        assert_eq!(disabled, expected, "{path}");
        for link in doc.select(&sel(&format!("{nav} a[href]"))) {
            assert!(
                exists(link.attr("href").unwrap()),
                "{path}: {:?}",
                link.attr("href")
            );
        }
        assert_eq!(
            attrs(&doc, "link[rel=canonical]", "href"),
            [format!("https://atelier-numerique.culture.gouv.fr{url}")]
        );
        assert_eq!(
            attrs(&doc, "link[rel=prev]", "href").len(),
            usize::from(n > 1),
            "{path}"
        );
        assert_eq!(
            attrs(&doc, "link[rel=next]", "href").len(),
            usize::from(n < pages),
            "{path}"
        );
        let title = texts(&doc, "title").concat();
        assert_eq!(title.contains(&format!("page {n} sur {pages}")), n > 1, "{title}");
    }
    assert_eq!(listed, news, "every news item is on one page");
}

/// `share: true` in `site.yaml`: news and startup pages have the DSFR share component,
/// whose links share the page's canonical address, and a copy button that the theme's
/// own script shows.
#[test]
fn news_and_startup_pages_have_the_share_component() {
    for path in [
        "actualites/comparia-entre-en-consolidation/index.html",
        "startups/pop/index.html",
    ] {
        let doc = page(path);
        let canonical = attrs(&doc, "link[rel=canonical]", "href").concat();
        let encoded: String = canonical.replace(':', "%3A").replace('/', "%2F");
        let links = attrs(&doc, ".fr-share ul.fr-btns-group a.fr-btn", "href");
        assert_eq!(links.len(), 4, "{path}: {links:?}");
        for href in &links {
            assert!(href.contains(&encoded), "{path}: {href} shares {canonical}");
        }
        assert_eq!(
            attrs(
                &doc,
                ".fr-share [data-share-copy][hidden] button.fr-btn--copy",
                "data-url"
            ),
            std::slice::from_ref(&canonical)
        );
        let scripts = attrs(&doc, "script[src]", "src");
        assert!(
            scripts.iter().any(|s| s.contains("theme/partage")),
            "{path}: {scripts:?}"
        );
    }
    assert_eq!(page("actualites/index.html").select(&sel(".fr-share")).count(), 0);
}
