//! The sitemap, the Atom feed and the open data, read with an XML parser and a JSON parser
//! and checked against their formats.

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::events::Event;

use crate::common::{DATE, TestSite};

/// `(loc, lastmod)` of each `<url>` of a sitemap, checking the document's structure.
pub fn sitemap_entries(xml: &str) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut path: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    let (mut loc, mut lastmod) = (None, None);
    loop {
        let event = reader.read_event().expect("sitemap.xml is well-formed XML");
        match event {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if path.is_empty() {
                    assert_eq!(name, "urlset");
                    let ns = e.try_get_attribute("xmlns").unwrap().expect("urlset has xmlns");
                    assert_eq!(&*ns.value, b"http://www.sitemaps.org/schemas/sitemap/0.9");
                }
                path.push(name);
            }
            Event::Text(_) | Event::GeneralRef(_) => {
                let text = xml_text(&event);
                match path.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                    ["urlset", "url", "loc"] => loc.get_or_insert_with(String::new).push_str(&text),
                    ["urlset", "url", "lastmod"] => lastmod.get_or_insert_with(String::new).push_str(&text),
                    ref other => panic!("unexpected text in sitemap at {other:?}"),
                }
            }
            Event::End(_) => {
                if path.len() == 2 {
                    entries.push((
                        loc.take().expect("url has loc"),
                        lastmod.take().expect("url has lastmod"),
                    ));
                }
                path.pop();
            }
            Event::Eof => break,
            Event::Decl(_) => {}
            other => panic!("unexpected XML in sitemap: {other:?}"),
        }
    }
    entries
}

/// The text of a text event, or the character of an entity reference (`&amp;` → `&`).
fn xml_text(event: &Event<'_>) -> String {
    match event {
        Event::Text(t) => t.decode().unwrap().into_owned(),
        Event::GeneralRef(r) => {
            if let Some(c) = r.resolve_char_ref().unwrap() {
                return c.to_string();
            }
            let name = r.decode().unwrap();
            quick_xml::escape::resolve_predefined_entity(&name)
                .unwrap_or_else(|| panic!("unknown entity &{name};"))
                .to_string()
        }
        _ => String::new(),
    }
}

/// An Atom entry or feed as read by [`atom`].
#[derive(Debug, Default)]
struct AtomNode {
    /// Element name → text, for simple children.
    text: BTreeMap<String, String>,
    /// `rel` → `href` of `<link>` children.
    links: BTreeMap<String, String>,
    authors: Vec<String>,
    content_type: Option<String>,
}

/// Reads an Atom 1.0 feed: the feed's own node and its entries. Panics on any departure
/// from the structure RFC 4287 requires of its root.
fn atom(xml: &str) -> (AtomNode, Vec<AtomNode>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut feed = AtomNode::default();
    let mut entries: Vec<AtomNode> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    loop {
        let event = reader.read_event().expect("the feed is well-formed XML");
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.to_owned()), false),
            Event::Empty(e) => (Some(e.to_owned()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
            let attr = |k: &str| {
                e.try_get_attribute(k).unwrap().map(|a| {
                    a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap()
                        .into_owned()
                })
            };
            if path.is_empty() {
                assert_eq!(name, "feed");
                assert_eq!(attr("xmlns").as_deref(), Some("http://www.w3.org/2005/Atom"));
            }
            if name == "entry" {
                entries.push(AtomNode::default());
            }
            let in_entry = path.get(1).is_some_and(|p| p == "entry") || name == "entry";
            let node = if in_entry {
                entries.last_mut().unwrap()
            } else {
                &mut feed
            };
            match name.as_str() {
                "link" => {
                    let rel = attr("rel").unwrap_or_else(|| "alternate".into());
                    node.links.insert(rel, attr("href").expect("link has href"));
                }
                "content" => node.content_type = attr("type"),
                _ => {}
            }
            if !empty {
                path.push(name);
                text.clear();
            }
            continue;
        }
        match event {
            Event::Text(_) | Event::GeneralRef(_) => text.push_str(&xml_text(&event)),
            Event::End(_) => {
                let in_entry = path.get(1).is_some_and(|p| p == "entry");
                let node = if in_entry {
                    entries.last_mut().unwrap()
                } else {
                    &mut feed
                };
                let name = path.pop().unwrap();
                let value = std::mem::take(&mut text);
                if name == "name" && path.last().is_some_and(|p| p == "author") {
                    node.authors.push(value);
                } else if !value.trim().is_empty() {
                    node.text.insert(name, value);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (feed, entries)
}

/// An RFC 3339 date-time as Atom requires (`2026-01-26T00:00:00Z`).
fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 20
        && text[..10].parse::<jiff::civil::Date>().is_ok()
        && &text[10..11] == "T"
        && text[11..19].parse::<jiff::civil::Time>().is_ok()
        && b[19] == b'Z'
}

fn fixture_with_extras() -> TestSite {
    let site = TestSite::fixture("basic");
    site.write(
        "content/startups/cachee.md",
        "---\ntitle: Cachée\nmission: Ne pas apparaître.\nincubator: culture\ncontact: a@b.fr\nrobots: noindex\nphases:\n  - name: investigation\n    start: 2025-01-10\n---\nTexte.\n",
    );
    site.write(
        "content/actualites/2025-06-01-deuxieme.md",
        "---\ntitle: Deuxième <nouvelle> & suite\ndate: 2025-06-01\ndescription: Une suite.\nauthors: [Camille]\n---\nUn **paragraphe** avec [un lien](@/startups/gamma.md).\n",
    );
    site
}

#[test]
fn sitemap_lists_public_pages_with_content_dates() {
    let site = fixture_with_extras();
    site.build(&["--no-minify"]);
    let entries = sitemap_entries(&site.read("public/sitemap.xml"));
    let urls: BTreeSet<&str> = entries.iter().map(|(l, _)| l.as_str()).collect();
    let base = "https://exemple.gouv.fr/";
    for page in [
        "",
        "startups/",
        "startups/gamma/",
        "actualites/lancement/",
        "plan-du-site/",
        "a-propos/",
    ] {
        assert!(
            urls.contains(format!("{base}{page}").as_str()),
            "{page} missing from {urls:?}"
        );
    }
    for hidden in ["404.html", "startups/cachee/", "startups/alpha-ancien/"] {
        assert!(
            !urls.contains(format!("{base}{hidden}").as_str()),
            "{hidden} is listed"
        );
    }
    let lastmod: BTreeMap<&str, &str> = entries.iter().map(|(l, d)| (l.as_str(), d.as_str())).collect();
    assert_eq!(
        lastmod[format!("{base}actualites/lancement/").as_str()],
        "2025-03-14"
    );
    assert_eq!(
        lastmod[format!("{base}actualites/").as_str()],
        "2025-06-01",
        "newest news"
    );
    assert_eq!(
        lastmod[format!("{base}a-propos/").as_str()],
        DATE,
        "build date otherwise"
    );
    for (loc, date) in &entries {
        assert!(date.parse::<jiff::civil::Date>().is_ok(), "{loc}: {date}");
        assert!(date.as_str() <= DATE, "{loc}: {date} is after the build date");
    }
    let mut sorted = entries.clone();
    sorted.sort();
    assert_eq!(entries, sorted, "sorted, so the file is stable");
    assert!(
        site.read("public/startups/cachee/index.html").contains("Cachée"),
        "noindex pages are still built"
    );
    let robots = site.read("public/robots.txt");
    assert_eq!(
        robots,
        "User-agent: *\nDisallow:\n\nSitemap: https://exemple.gouv.fr/sitemap.xml\n"
    );
}

#[test]
fn robots_follow_the_settings_and_the_base_path() {
    let site = TestSite::fixture("basic");
    let yaml = site.read("site.yaml") + "robots:\n  disallow: [/recherche/, /brouillons/]\n";
    site.write("site.yaml", &yaml);
    site.build(&["--base-url", "https://exemple.gouv.fr/atelier/"]);
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nDisallow: /atelier/recherche/\nDisallow: /atelier/brouillons/\n\nSitemap: https://exemple.gouv.fr/atelier/sitemap.xml\n"
    );
    site.write("site.yaml", &(site.read("site.yaml") + "  allow: false\n"));
    site.build(&["--base-url", "https://exemple.gouv.fr/atelier/"]);
    assert!(
        site.read("public/robots.txt")
            .starts_with("User-agent: *\nDisallow: /atelier/\n")
    );
    let bad = site.read("site.yaml").replace("allow: false", "alow: false");
    site.write("site.yaml", &bad);
    let run = site.run(&["build", "--date", DATE]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("unknown key `robots.alow`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `allow`?"), "{}", run.stderr);
}

#[test]
fn atom_feed_of_the_news() {
    let site = fixture_with_extras();
    site.build(&["--no-minify", "--base-url", "https://exemple.gouv.fr/atelier/"]);
    let (feed, entries) = atom(&site.read("public/actualites/atom.xml"));
    let base = "https://exemple.gouv.fr/atelier/";
    for required in ["id", "title", "updated"] {
        assert!(
            feed.text.contains_key(required),
            "feed lacks {required}: {feed:?}"
        );
    }
    assert_eq!(feed.text["id"], format!("{base}actualites/"));
    assert_eq!(feed.text["updated"], "2025-06-01T00:00:00Z");
    assert_eq!(feed.links["self"], format!("{base}actualites/atom.xml"));
    assert_eq!(feed.links["alternate"], format!("{base}actualites/"));
    assert!(
        !feed.authors.is_empty(),
        "a feed-level author covers entries without one"
    );
    let titles: Vec<&str> = entries.iter().map(|e| e.text["title"].as_str()).collect();
    assert_eq!(titles, ["Deuxième <nouvelle> & suite", "Lancement d'Alpha"]);
    for e in &entries {
        for required in ["id", "title", "updated", "published"] {
            assert!(e.text.contains_key(required), "entry lacks {required}: {e:?}");
        }
        assert!(is_rfc3339(&e.text["updated"]), "{:?}", e.text["updated"]);
        assert_eq!(e.links["alternate"], e.text["id"]);
        assert!(e.text["id"].starts_with(base));
    }
    let second = &entries[0];
    assert_eq!(second.authors, ["Camille"]);
    assert_eq!(second.text["summary"], "Une suite.");
    assert_eq!(second.content_type.as_deref(), Some("html"));
    assert!(
        second.text["content"].contains("<strong>paragraphe</strong>")
            && second.text["content"].contains("href=\"/atelier/startups/gamma/\""),
        "{:?}",
        second.text["content"]
    );
}

#[test]
fn open_data_of_the_startups() {
    let site = fixture_with_extras();
    site.build(&["--base-url", "https://exemple.gouv.fr/atelier/"]);
    let text = site.read("public/api/startups.json");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json["links"]["self"],
        "https://exemple.gouv.fr/atelier/api/startups.json"
    );
    assert_eq!(json["meta"]["version"], "1.0");
    assert_eq!(json["meta"]["date"], DATE);
    let data = json["data"].as_array().unwrap();
    assert_eq!(json["meta"]["count"], data.len());
    let ids: Vec<&str> = data.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["alpha.beta", "cachee", "gamma"],
        "every startup, sorted by id"
    );
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    for s in data {
        assert_eq!(s["type"], "startup");
        assert_eq!(
            keys(&s["attributes"]),
            keys(&data[0]["attributes"]),
            "same keys for every startup"
        );
        assert_eq!(s["relationships"]["incubator"]["data"]["type"], "incubator");
        assert_eq!(s["links"]["self"], s["attributes"]["url"]);
    }
    let alpha = &data[0]["attributes"];
    assert_eq!(
        alpha["url"],
        "https://exemple.gouv.fr/atelier/startups/alpha.beta/"
    );
    assert_eq!(
        alpha["current_phase"]["name"], "construction",
        "as of the build date"
    );
    assert_eq!(alpha["active"], true);
    assert!(
        alpha["phases"].as_array().unwrap().len() >= 2,
        "future phases are data too"
    );
    for org in json["included"].as_array().unwrap() {
        assert_eq!(org["type"], "organisation");
        assert!(
            org["links"]["self"]
                .as_str()
                .unwrap()
                .starts_with("https://exemple.gouv.fr/atelier/organisations/")
        );
    }
    site.build(&["--base-url", "https://exemple.gouv.fr/atelier/"]);
    assert_eq!(
        site.read("public/api/startups.json"),
        text,
        "same content, same bytes"
    );
}

#[test]
fn no_host_no_absolute_files() {
    let site = TestSite::minimal();
    site.build(&[]);
    assert!(
        !site.root().join("public/sitemap.xml").exists(),
        "a sitemap needs absolute URLs"
    );
    assert_eq!(site.read("public/robots.txt"), "User-agent: *\nDisallow:\n");
    let json: serde_json::Value = serde_json::from_str(&site.read("public/api/startups.json")).unwrap();
    assert_eq!(json["links"]["self"], "/api/startups.json");
}
