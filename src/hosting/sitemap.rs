//! `sitemap.xml` (sitemaps.org protocol 0.9): every public page with its absolute URL and
//! the date of its last change ([`super::lastmod`]). Left out: the 404 page, redirect pages,
//! and pages marked `robots: noindex`. Needs a base URL with a host, as the protocol wants
//! absolute URLs; without one there is no sitemap.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};

use crate::pipeline::Output;
use crate::site::{Route, Site};

pub const PATH: &str = "sitemap.xml";
const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// Whether a route is a page search engines may list.
pub fn listed(site: &Site, route: &Route) -> bool {
    match route {
        Route::NotFound | Route::Redirect { .. } => false,
        Route::Paged { of, .. } => listed(site, &of.route()),
        Route::Doc(i) => !super::is_noindex(super::robots_of(&site.docs[*i])),
        Route::Phase(_) | Route::Thematique(_) | Route::SiteMap => true,
    }
}

/// The sitemap, or `None` when the base URL has no host.
pub fn sitemap(site: &Site) -> Option<Output> {
    super::origin(&site.config.base_url)?;
    let mut dates = super::lastmod::Dates::new(site);
    let mut entries: Vec<(String, String)> = site
        .routes
        .iter()
        .filter(|r| listed(site, r))
        .map(|r| (super::absolute(site, &site.url(r)), dates.of(r).to_string()))
        .collect();
    entries.sort();
    Some(Output {
        path: PATH.into(),
        bytes: write(&entries).expect("writing XML to memory cannot fail"),
    })
}

fn write(entries: &[(String, String)]) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("urlset")
        .with_attribute(("xmlns", NAMESPACE))
        .write_inner_content(|w| {
            for (loc, lastmod) in entries {
                w.create_element("url").write_inner_content(|w| {
                    w.create_element("loc").write_text_content(super::xml_text(loc))?;
                    w.create_element("lastmod")
                        .write_text_content(super::xml_text(lastmod))?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    Ok(out)
}
