//! Resolving links against what a build publishes.

use std::path::Path;

use url::Url;

use super::*;
use crate::check::html;
use crate::config::SiteConfig;
use crate::content::parse_document;
use crate::date::Date;
use crate::pipeline::{CopiedFile, Output};

fn site(base_url: &str) -> Site {
    let mut diags = Vec::new();
    let docs = ["_index.md", "données.md", "startups/ada.md"]
        .iter()
        .map(|rel| {
            let text = match *rel {
                "startups/ada.md" => "---\ntitle: Ada\nmission: M\nincubator: c\ncontact: a@b.fr\nphases: [{name: investigation, start: 2024-01-01}]\n---\n",
                _ => "---\ntitle: T\n---\n",
            };
            std::sync::Arc::new(parse_document(&Path::new("content").join(rel), rel, text, &mut diags).unwrap())
        })
        .collect();
    let config = SiteConfig {
        base_url: base_url.into(),
        ..SiteConfig::default()
    };
    let site = Site::new(config, Date::parse("2025-01-01").unwrap(), docs, &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    site
}

fn outputs(site: &Site) -> Vec<Output> {
    site.routes
        .iter()
        .map(|r| Output {
            path: site.output_path(r),
            bytes: b"<html><body><h2 id=\"contexte\">C</h2></body></html>".to_vec(),
        })
        .collect()
}

/// The pages parsed, as `check::pages` reads them.
fn index(outputs: &[Output]) -> Vec<Option<html::Page>> {
    outputs
        .iter()
        .map(|o| Some(html::parse(std::str::from_utf8(&o.bytes).unwrap())))
        .collect()
}

#[test]
fn resolves_relative_absolute_and_own_links() {
    let site = site("https://exemple.gouv.fr/atelier/");
    let outputs = outputs(&site);
    let copies = [CopiedFile {
        src: "static/logo.png".into(),
        dest: "img/logo.png".into(),
    }];
    let pages = index(&outputs);
    let t = Targets::new(&site, &outputs, &copies, &pages, HashSet::new());
    let ok = |href: &str, from: &str| t.problem(href, from, true);
    assert_eq!(ok("/atelier/startups/ada/", "/"), None);
    assert_eq!(ok("../ada/#contexte", "/startups/ada/"), None);
    assert_eq!(ok("/atelier/donn%C3%A9es/", "/"), None);
    assert_eq!(ok("/atelier/données", "/"), None, "the host adds the slash");
    assert_eq!(ok("/atelier/startups/ada/index.html?x=1", "/"), None);
    assert_eq!(ok("https://exemple.gouv.fr/atelier/startups/ada/", "/"), None);
    assert_eq!(ok("mailto:a@b.fr", "/"), None);
    assert_eq!(ok("@/inconnu.md", "/"), None, "reported by rendering");
    assert_eq!(t.problem("/atelier/img/logo.png", "/", false), None);
    assert_eq!(
        t.resolve("//cdn.exemple.fr/x.js", "/"),
        Resolved::External(Url::parse("http://cdn.exemple.fr/x.js").unwrap())
    );
    assert_eq!(
        ok("/startups/ada/", "/"),
        Some(Problem::OutsideBase {
            base: "/atelier/".into()
        })
    );
    assert_eq!(
        ok("https://exemple.gouv.fr/atelier/startups/adda/", "/"),
        Some(Problem::NoPage {
            path: "/startups/adda/".into(),
            closest: Some("/startups/ada/".into())
        })
    );
    assert_eq!(
        ok("#contxte", "/startups/ada/"),
        Some(Problem::NoAnchor {
            page: "/startups/ada/".into(),
            id: "contxte".into(),
            closest: Some("contexte".into())
        })
    );
    assert_eq!(
        t.problem("img/logo.png", "/startups/ada/", false),
        Some(Problem::NoFile {
            path: "/startups/ada/img/logo.png".into()
        })
    );
    assert!(matches!(ok("http://[::1", "/"), Some(Problem::Malformed(_))));
    // Links from the root lead to the same place from every page.
    for from in ["/", "/startups/ada/", "/a/b/c"] {
        assert_eq!(
            t.resolve("/atelier/startups/ada/#contexte", from),
            Resolved::Internal {
                path: "/atelier/startups/ada/".into(),
                fragment: "contexte".into()
            },
            "{from}"
        );
        assert!(matches!(
            t.resolve("//cdn.exemple.fr/x.js", from),
            Resolved::External(_)
        ));
    }
}

#[test]
fn each_broken_path_keeps_its_own_suggestion_on_every_page() {
    let site = site("/");
    let outputs = outputs(&site);
    let pages = index(&outputs);
    let t = Targets::new(&site, &outputs, &[], &pages, HashSet::new());
    let no_page = |path: &str, closest: Option<&str>| {
        Some(Problem::NoPage {
            path: path.into(),
            closest: closest.map(Into::into),
        })
    };
    // Found once per path, then remembered: asked again from other pages, in turns.
    for from in ["/", "/startups/ada/", "/données/"] {
        assert_eq!(
            t.problem("/startups/adda/", from, true),
            no_page("/startups/adda/", Some("/startups/ada/"))
        );
        assert_eq!(
            t.problem("/donnes/", from, true),
            no_page("/donnes/", Some("/données/"))
        );
        assert_eq!(
            t.problem("/zzzzzzzzzzzz/", from, true),
            no_page("/zzzzzzzzzzzz/", None)
        );
    }
}
