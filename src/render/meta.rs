//! What a page tells search engines and social networks, for the theme's
//! `partials/meta.html` (template variable `meta`): its canonical URL, its share image, its
//! robots directive, its Open Graph type and locale, and the news feed.
//!
//! URLs are absolute (`base_url` + path), as Open Graph and canonical links want; they are
//! root-relative only when `base_url` has no host.

use serde::Serialize;

use crate::content::Data;
use crate::date::Date;
use crate::markdown::{LinkKind, Rendered};
use crate::site::{Route, Site};

/// The `meta` template variable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageMeta {
    /// Absolute URL of the page (of the target, for a redirect page); none for the 404 page,
    /// which is served at every missing address.
    pub canonical: Option<String>,
    /// Open Graph type: `article` for news, `website` otherwise.
    pub og_type: &'static str,
    /// Absolute URL of the page's cover image, else of its first local image, else of the
    /// site's share image.
    pub image: String,
    /// Alternative text of that image.
    pub image_alt: String,
    /// `noindex` (or what the page says) for pages search engines should not list.
    pub robots: Option<String>,
    /// Publication date of a news item (`article:published_time`).
    pub published: Option<Date>,
    /// Open Graph locale, `fr_FR` for `language: fr`.
    pub locale: String,
    /// Address of the Atom feed of the news, when there is one (a path: the page and the
    /// feed are on the same host).
    pub feed: Option<String>,
}

/// The meta data of one route; `body` is its rendered Markdown (empty for generated pages).
pub fn page_meta(site: &Site, route: &Route, body: &Rendered) -> PageMeta {
    let doc = Site::doc_of(route).map(|i| &site.docs[i]);
    let canonical_path = match route {
        Route::Redirect { to, .. } => site.docs[*to].url.clone(),
        _ => site.url(route),
    };
    let robots = match route {
        Route::Redirect { .. } => Some("noindex".to_string()),
        _ => doc.and_then(|d| crate::hosting::robots_of(d)).map(str::to_string),
    };
    // The cover image first: a photo's largest copy (1,440 pixels at most, as networks
    // want), a drawing's original.
    let cover = body.cover.as_ref().and_then(|c| c.as_ref().ok()).map(|c| {
        let path = match c.picture.format {
            crate::images::Format::Jpeg => &c.picture.largest().path,
            crate::images::Format::WebpLossless => &c.dest,
        };
        (crate::hosting::absolute(site, &format!("/{path}")), c.alt.clone())
    });
    let own_image = cover.or_else(|| {
        body.links.iter().find_map(|l| {
            (l.kind == LinkKind::Image)
                .then(|| local_image(site, &site.url(route), &l.href))
                .flatten()
                .map(|url| (url, l.text.clone()))
        })
    });
    let (image, image_alt) = own_image.unwrap_or_else(|| {
        (
            crate::hosting::absolute(site, &site.config.share_image),
            site.config.title.clone(),
        )
    });
    let published = doc.and_then(|d| match &d.data {
        Data::News(n) => Some(n.date),
        _ => None,
    });
    PageMeta {
        canonical: (*route != Route::NotFound).then(|| crate::hosting::absolute(site, &canonical_path)),
        og_type: if published.is_some() { "article" } else { "website" },
        image,
        image_alt,
        robots,
        published,
        locale: locale(&site.config.language),
        feed: crate::hosting::feed::exists(site).then(|| site.link(crate::hosting::feed::PATH)),
    }
}

/// The absolute URL of an image of the site (rendered `href`), `None` for another host's.
fn local_image(site: &Site, page_path: &str, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with("//") || href.contains("://") || href.starts_with("data:") {
        return None;
    }
    if href.starts_with('/') {
        let origin = crate::hosting::origin(&site.config.base_url).unwrap_or_default();
        return Some(format!("{origin}{href}"));
    }
    let page_dir = page_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let path = crate::assets::css::resolve(page_dir, href.split(['?', '#']).next()?)?;
    Some(crate::hosting::absolute(site, &path))
}

/// `fr` → `fr_FR`; `en-GB` → `en_GB`.
pub fn locale(language: &str) -> String {
    let language = language.trim();
    match language.split_once(['-', '_']) {
        Some((lang, region)) => format!("{}_{}", lang.to_lowercase(), region.to_uppercase()),
        None => format!("{}_{}", language.to_lowercase(), language.to_uppercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales() {
        assert_eq!(locale("fr"), "fr_FR");
        assert_eq!(locale("en-gb"), "en_GB");
        assert_eq!(locale("pt_BR"), "pt_BR");
    }
}
