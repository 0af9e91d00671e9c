//! One name per phase and per thématique across the pages of this repository's site, as
//! shipped: the badges, the filters, the home page, the phase pages and the open data.

use std::collections::BTreeSet;

use atelier::phase::PHASES;

use super::site::build_repo_site;

fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    doc.select(&scraper::Selector::parse(css).unwrap())
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn each_phase_and_thematique_has_one_name_on_every_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_repo_site(
        tmp.path(),
        &out,
        "https://atelier.exemple.gouv.fr/",
        &["--no-minify"],
    );
    let read = |rel: &str| scraper::Html::parse_document(&std::fs::read_to_string(out.join(rel)).unwrap());
    let labels: BTreeSet<&str> = PHASES.iter().map(|p| p.label).collect();

    // The listing: every badge is a label of the table, and its intro defines each one.
    let listing = read("startups/index.html");
    let badges: BTreeSet<String> = texts(&listing, ".fr-card .fr-badge").into_iter().collect();
    assert!(badges.len() > 3, "{badges:?}");
    let legend = texts(&listing, "#phases-legende + ul li strong");
    for badge in &badges {
        assert!(
            labels.contains(badge.as_str()),
            "badge {badge:?} is not a label of src/phase.rs"
        );
        assert!(
            legend.contains(badge),
            "the listing's intro does not define {badge:?}: {legend:?}"
        );
    }
    let filters = texts(&listing, "[data-filter=phase]");
    for f in &filters {
        let label = f.rsplit_once(" (").map_or(f.as_str(), |(l, _)| l);
        assert!(labels.contains(label), "phase filter {f:?}");
    }

    // The home page and the phase pages say the plural of the same words.
    let home = read("index.html");
    let home_phases = texts(&home, "a.fr-tag[href*='/startups/phase/']");
    assert_eq!(home_phases.len(), filters.len(), "{home_phases:?}");
    for p in PHASES {
        let Ok(html) = std::fs::read_to_string(out.join(format!("startups/phase/{}/index.html", p.name)))
        else {
            continue;
        };
        let page = scraper::Html::parse_document(&html);
        assert_eq!(
            texts(&page, "h1"),
            [format!("Startups : {}", p.plural.to_lowercase())],
            "{}",
            p.name
        );
        assert!(
            home_phases
                .iter()
                .any(|t| t.starts_with(&format!("{} : ", p.plural))),
            "home page: {home_phases:?} lacks {:?}",
            p.plural
        );
    }

    // The open data uses the labels too.
    let api: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("api/startups.json")).unwrap()).unwrap();
    let mut api_labels = 0;
    for s in api["data"].as_array().unwrap() {
        if let Some(label) = s["attributes"]["current_phase"]["label"].as_str() {
            assert!(labels.contains(label), "api label {label:?}");
            api_labels += 1;
        }
    }
    assert!(api_labels > 20, "{api_labels}");

    // Thématiques in French; the site's own domain (`hidden_thematiques: [Culture]`) nowhere.
    let mut tags = BTreeSet::new();
    for (_, html) in crate::common::html_pages(&out) {
        let doc = scraper::Html::parse_document(&html);
        tags.extend(texts(&doc, ".fr-tag"));
        tags.extend(texts(&doc, "[data-filter=thematique]"));
    }
    let thematique = |name: &str| {
        tags.iter()
            .any(|t| t == name || t.starts_with(&format!("{name} (")))
    };
    for shown in ["Open data", "Éducation", "Marchés publics", "Patrimoine"] {
        assert!(thematique(shown), "{shown:?} not among {tags:?}");
    }
    for hidden in ["Open-Data", "Education", "Marchés Publics", "Culture"] {
        assert!(!thematique(hidden), "{hidden:?} shown");
    }
    assert!(!out.join("startups/thematique/culture").exists());
    // The open data keeps the network's spelling.
    let written = std::fs::read_to_string(out.join("api/startups.json")).unwrap();
    assert!(written.contains("\"Open-Data\"") && written.contains("\"Culture\""));
}
