//! Ready for static hosting: what a host needs beyond the rendered pages.
//!
//! - [`sitemap`]: `sitemap.xml`, each page dated by its content ([`lastmod`]);
//! - [`robots`]: `robots.txt`, from `site.yaml`, with the sitemap line;
//! - [`feed`]: the Atom feed of the news, `actualites/atom.xml`;
//! - [`api`]: the startups as open data, `api/startups.json` (shape: `docs/api.md`);
//! - [`search`]: the full-text search index of the pages (Pagefind).
//!
//! Each part is a function of the model and the rendered outputs. The project (shared by
//! `build` and `serve`) adds [`files`] and the search index to its outputs once pages are
//! rendered. The transforms of the write stage (hashed asset names, precompressed
//! siblings) are in [`crate::output`]; the meta data of each page, which templates read,
//! in the `meta` module of `render`.

pub mod api;
pub mod feed;
pub mod lastmod;
pub mod robots;
pub mod search;
pub mod sitemap;

use std::borrow::Borrow;

use crate::markdown::Rendered;
use crate::pipeline::Output;
use crate::site::Site;

/// `https://example.org` for `https://example.org/atelier/`; `None` when the base URL has no
/// host (`/`), in which case absolute URLs cannot be made.
pub fn origin(base_url: &str) -> Option<&str> {
    let url = base_url.trim();
    let scheme = if url.starts_with("https://") {
        "https://".len()
    } else if url.starts_with("http://") {
        "http://".len()
    } else {
        return None;
    };
    let end = url[scheme..].find('/').map_or(url.len(), |i| scheme + i);
    (end > scheme).then(|| &url[..end])
}

/// The absolute URL of a site path (`/startups/` → `https://example.org/atelier/startups/`);
/// root-relative (`/atelier/startups/`) when the base URL has no host.
pub fn absolute(site: &Site, path: &str) -> String {
    let link = site.link(path);
    match origin(&site.config.base_url) {
        Some(o) => format!("{o}{link}"),
        None => link,
    }
}

/// XML text content, escaping only what XML requires there (`<`, `>`, `&`).
fn xml_text(value: &str) -> quick_xml::events::BytesText<'_> {
    quick_xml::events::BytesText::from_escaped(quick_xml::escape::partial_escape(value))
}

/// The `robots` value a document states (startups and pages may).
pub fn robots_of(doc: &crate::content::Document) -> Option<&str> {
    match &doc.data {
        crate::content::Data::Startup(s) => s.robots.as_deref(),
        crate::content::Data::Page(p) => p.robots.as_deref(),
        crate::content::Data::News(_) | crate::content::Data::Organisation(_) => None,
    }
}

/// Whether a `robots` value keeps a page out of search engines.
pub fn is_noindex(robots: Option<&str>) -> bool {
    robots.is_some_and(|r| {
        r.split(',')
            .any(|part| part.trim().eq_ignore_ascii_case("noindex"))
    })
}

/// The files made from the model: `robots.txt`, `sitemap.xml`, the news feed and the open
/// data. `bodies` are the documents' rendered Markdown, in the order of `site.docs`. The
/// search index, which takes seconds on a large site, is made on its own thread
/// ([`search::Pending`]): `build` beside the checks, `serve` after the reloads.
pub fn files<B: Borrow<Rendered>>(site: &Site, bodies: &[B]) -> Vec<Output> {
    let sitemap = sitemap::sitemap(site);
    let mut out = vec![robots::robots(site, sitemap.is_some())];
    out.extend(sitemap);
    out.extend(feed::feed(site, bodies));
    out.push(api::startups(site));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert_eq!(
            origin("https://example.org/atelier/"),
            Some("https://example.org")
        );
        assert_eq!(origin("http://127.0.0.1:8080"), Some("http://127.0.0.1:8080"));
        assert_eq!(origin("/"), None);
        assert_eq!(origin("/preview/"), None);
    }

    #[test]
    fn noindex_values() {
        assert!(is_noindex(Some("noindex")));
        assert!(is_noindex(Some("NOINDEX, nofollow")));
        assert!(!is_noindex(Some("nofollow")));
        assert!(!is_noindex(None));
    }
}
