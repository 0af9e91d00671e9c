//! No page asks another host for anything: references to other hosts are ordinary links.

use super::site::build_repo_site;
use super::web::{css_urls, origin_of, references, resolve};

#[test]
fn no_page_references_another_host_except_by_a_link() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let base = "https://atelier.exemple.gouv.fr/atelier/";
    build_repo_site(tmp.path(), &out, base, &[]);
    let site_origin = origin_of(base).unwrap();
    let mut offending = Vec::new();
    let mut outbound = 0;
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        let rel = path.strip_prefix(&out).unwrap().display().to_string();
        let text = match path.extension().and_then(|e| e.to_str()) {
            Some("html" | "css") => std::fs::read_to_string(path).unwrap(),
            _ => continue,
        };
        let refs = if rel.ends_with(".css") {
            css_urls(&text)
                .into_iter()
                .map(|u| ("css".into(), "url()".into(), u))
                .collect()
        } else {
            pages += 1;
            references(&text)
        };
        for (element, attr, value) in refs {
            let absolute = value.trim_start().starts_with("//") || value.contains("://");
            let other_host = absolute
                && resolve(base, &value)
                    .and_then(|u| origin_of(&u).map(str::to_string))
                    .is_some_and(|o| o != site_origin);
            if !other_host {
                continue;
            }
            if element == "a" && attr == "href" {
                outbound += 1;
            } else {
                offending.push(format!("{rel}: <{element} {attr}=\"{value}\">"));
            }
        }
    }
    assert!(pages > 70, "{pages} pages checked");
    assert!(
        outbound > 0,
        "the checker sees outbound links (startups link their services)"
    );
    assert!(
        offending.is_empty(),
        "references to other hosts:\n{}",
        offending.join("\n")
    );
}
