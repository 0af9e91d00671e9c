//! Ready for static hosting: what a host needs beyond the rendered pages.
//!
//! - [`sitemap`]: `sitemap.xml`, each page dated by its content ([`lastmod`]);
//! - [`robots`]: `robots.txt`, from `site.yaml`, with the sitemap line;
//! - [`feed`]: the Atom feed of the news, `actualites/atom.xml`;
//! - [`api`]: the startups as open data, `api/startups.json` (shape: `docs/api.md`);
//! - [`meta`]: canonical URL, share image and robots of each page, for the theme's
//!   `partials/meta.html`;
//! - [`search`]: the full-text search index of the pages (Pagefind);
//! - [`hashing`]: content-hashed names for the theme and DSFR assets, every reference
//!   following;
//! - [`precompress`]: `.gz` and `.br` siblings of text files (`--precompress`).
//!
//! Each part is a function of the model and the rendered outputs; only [`hash_assets`] and
//! [`precompress::siblings`] read the files that are copied as they are. The project
//! (shared by `build` and `serve`) adds [`files`] and the search index to its outputs once
//! pages are rendered; `build` then calls [`hash_assets`] and, with `--precompress`,
//! [`precompress::siblings`].

pub mod api;
pub mod feed;
pub mod hashing;
pub mod lastmod;
pub mod meta;
pub mod precompress;
pub mod robots;
pub mod search;
pub mod sitemap;

use std::borrow::Borrow;
use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::output::Copy;
use crate::render::Output;
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

/// Whether a file is a theme or DSFR asset whose name gets a content hash.
fn hashed(dest: &str, src: Option<&Path>, theme_static: &Path) -> bool {
    let dsfr = dest.starts_with(&format!("{}/", crate::assets::DSFR_DIR));
    dsfr || src.is_some_and(|s| s.starts_with(theme_static))
}

/// Gives the DSFR files and the theme's static files content-hashed names ([`hashing`]),
/// rewriting the pages' references. Returns the renaming.
pub fn hash_assets(
    site: &Site,
    theme_static: &Path,
    outputs: &mut Vec<Output>,
    copies: &mut Vec<Copy>,
) -> Result<HashMap<String, String>, Diagnostic> {
    let read: Vec<(usize, Vec<u8>)> = copies
        .par_iter()
        .enumerate()
        .filter(|(_, c)| hashed(&c.dest, Some(&c.src), theme_static))
        .map(|(i, c)| crate::fs::read(&c.src).map(|bytes| (i, bytes)))
        .collect::<Result<_, _>>()?;
    let mut assets: Vec<hashing::Asset<'_>> = read
        .iter()
        .map(|(i, bytes)| hashing::Asset {
            path: &copies[*i].dest,
            bytes,
        })
        .collect();
    assets.extend(
        outputs
            .iter()
            .filter(|o| hashed(&o.path, None, theme_static))
            .map(|o| hashing::Asset {
                path: &o.path,
                bytes: &o.bytes,
            }),
    );
    let plan = hashing::plan(&assets);
    drop(assets);

    let mut rewritten = plan.rewritten;
    let mut kept = Vec::with_capacity(copies.len());
    for c in copies.drain(..) {
        let new_path = plan.renamed.get(&c.dest).cloned();
        match rewritten.remove(&c.dest) {
            Some(bytes) => outputs.push(Output {
                path: new_path.unwrap_or(c.dest),
                bytes,
            }),
            None => kept.push(Copy {
                dest: new_path.unwrap_or(c.dest),
                src: c.src,
            }),
        }
    }
    *copies = kept;
    let base_path = site.base_path.as_str();
    let origin = origin(&site.config.base_url);
    outputs.par_iter_mut().for_each(|o| {
        if let Some(bytes) = rewritten.get(&o.path) {
            o.bytes.clone_from(bytes);
        }
        if let Some(new) = plan.renamed.get(&o.path) {
            o.path.clone_from(new);
        }
        if o.path.ends_with(".html")
            && let Ok(text) = std::str::from_utf8(&o.bytes)
            && let Some(new) = hashing::rewrite_references(text, base_path, origin, &plan.renamed)
        {
            o.bytes = new.into_bytes();
        }
    });
    Ok(plan.renamed)
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
