//! The share tags of every page of this repository's site, built from the shipped theme as it
//! is: what a link shared on a social network, a search engine or a feed reader shows.

use std::collections::BTreeSet;

use super::site::{build_repo_site, repo};

const BASE: &str = "https://atelier.exemple.gouv.fr/";

/// The output page of each content file whose front matter asks for `robots: noindex`.
fn pages_asking_noindex() -> BTreeSet<String> {
    let content = repo().join("content");
    walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let front = text.split("\n---").next().unwrap_or("");
            front.lines().any(|l| l.trim() == "robots: noindex")
        })
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&content)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let stem = rel.trim_end_matches(".md");
            match stem.strip_suffix("_index") {
                Some(dir) => format!("{dir}index.html"),
                None => format!("{stem}/index.html"),
            }
        })
        .collect()
}

#[test]
fn every_page_of_the_shipped_site_carries_its_share_tags() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_repo_site(tmp.path(), &out, BASE, &[]);
    let noindex = pages_asking_noindex();
    assert!(
        !noindex.is_empty(),
        "the site has a page asking for noindex (the search results)"
    );
    let has_news = std::fs::read_dir(repo().join("content/actualites"))
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name() != "_index.md");
    let mut checked = 0;
    let mut robots_seen = BTreeSet::new();
    for (rel, html) in crate::common::html_pages(&out) {
        if html.contains("http-equiv=refresh") || html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        let doc = scraper::Html::parse_document(&html);
        let attr = |css: &str, name: &str| -> Vec<String> {
            doc.select(&scraper::Selector::parse(css).unwrap())
                .filter_map(|e| e.value().attr(name).map(str::to_string))
                .collect()
        };
        let one = |css: &str, name: &str| -> String {
            let found = attr(css, name);
            assert!(
                found.len() == 1 && !found[0].trim().is_empty(),
                "{rel}: expected one non-empty `{css}`, found {found:?}"
            );
            found[0].clone()
        };
        let title = doc
            .select(&scraper::Selector::parse("h1").unwrap())
            .next()
            .map(|h| h.text().collect::<String>());
        let og_title = one("meta[property='og:title']", "content");
        if let Some(h1) = title {
            // The page's own title (a heading may add an acronym after it).
            // Both read with their spaces as one (no-break spaces of French typography too).
            let h1 = h1.split_whitespace().collect::<Vec<_>>().join(" ");
            let og_title = og_title.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                h1.starts_with(&og_title),
                "{rel}: og:title {og_title:?}, h1 {h1:?}"
            );
        }
        one("meta[name='twitter:title']", "content");
        let image = one("meta[property='og:image']", "content");
        let file = image
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{rel}: og:image {image} is not an absolute URL of the site"));
        assert!(out.join(file).is_file(), "{rel}: og:image {file} is missing");
        assert_eq!(
            one("meta[name='twitter:card']", "content"),
            "summary_large_image",
            "{rel}"
        );
        if rel == "404.html" {
            assert!(
                attr("link[rel=canonical]", "href").is_empty(),
                "{rel}: served at any address"
            );
        } else {
            let own = format!("{BASE}{}", rel.trim_end_matches("index.html"));
            assert_eq!(one("link[rel=canonical]", "href"), own, "{rel}");
        }
        if has_news {
            assert_eq!(
                one("link[rel=alternate][type='application/atom+xml']", "href"),
                "/actualites/atom.xml",
                "{rel}"
            );
        }
        if !attr("meta[name=robots]", "content").is_empty() {
            assert_eq!(one("meta[name=robots]", "content"), "noindex", "{rel}");
            robots_seen.insert(rel.clone());
        }
        checked += 1;
    }
    assert!(checked > 70, "{checked} pages checked");
    assert_eq!(
        robots_seen, noindex,
        "pages with a robots meta, against the pages asking for it"
    );
}
