//! The Atom 1.0 feed (RFC 4287) of the news, `actualites/atom.xml`: newest first, each entry
//! with its description as summary and its rendered text as HTML content. Atom wants
//! absolute IRIs as ids, so there is a feed only when the base URL has a host and the site
//! has news.

use std::borrow::Borrow;
use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};

use crate::content::Data;
use crate::date::Date;
use crate::markdown::Rendered;
use crate::pipeline::Output;
use crate::site::Site;

/// Where the feed is written, relative to the output folder.
pub const PATH: &str = "actualites/atom.xml";
const NEWS_URL: &str = "/actualites/";
const NAMESPACE: &str = "http://www.w3.org/2005/Atom";

/// Whether the site gets a feed.
pub fn exists(site: &Site) -> bool {
    !site.news.is_empty() && super::origin(&site.config.base_url).is_some()
}

/// Midnight UTC of a day, as Atom dates are date-times.
fn timestamp(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

pub fn feed<B: Borrow<Rendered>>(site: &Site, bodies: &[B]) -> Option<Output> {
    if !exists(site) {
        return None;
    }
    Some(Output {
        path: PATH.into(),
        bytes: write(site, bodies).expect("writing XML to memory cannot fail"),
    })
}

fn text<W: Write>(w: &mut Writer<W>, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(super::xml_text(value))?;
    Ok(())
}

fn link<W: Write>(w: &mut Writer<W>, rel: &str, kind: &str, href: &str) -> std::io::Result<()> {
    w.create_element("link")
        .with_attributes([("rel", rel), ("type", kind), ("href", href)])
        .write_empty()?;
    Ok(())
}

fn write<B: Borrow<Rendered>>(site: &Site, bodies: &[B]) -> std::io::Result<Vec<u8>> {
    let c = &site.config;
    let section = site.by_url.get(NEWS_URL).map(|&i| &site.docs[i]);
    let title = match section {
        Some(s) => format!("{} - {}", s.title(), c.title),
        None => format!("Actualités - {}", c.title),
    };
    let subtitle = section
        .and_then(|s| match &s.data {
            Data::Page(p) => p.description.clone(),
            _ => None,
        })
        .unwrap_or_else(|| c.description.clone());
    let newest = site
        .news
        .iter()
        .map(|&i| super::lastmod::of(site, &crate::site::Route::Doc(i)))
        .max();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.create_element("feed")
        .with_attributes([("xmlns", NAMESPACE), ("xml:lang", c.language.as_str())])
        .write_inner_content(|w| {
            text(w, "title", &title)?;
            if !subtitle.is_empty() {
                text(w, "subtitle", &subtitle)?;
            }
            text(w, "id", &super::absolute(site, NEWS_URL))?;
            link(w, "self", "application/atom+xml", &super::absolute(site, PATH))?;
            link(w, "alternate", "text/html", &super::absolute(site, NEWS_URL))?;
            text(w, "updated", &timestamp(newest.unwrap_or(site.build_date)))?;
            w.create_element("author")
                .write_inner_content(|w| text(w, "name", &c.title))?;
            for &i in &site.news {
                let doc = &site.docs[i];
                let Data::News(n) = &doc.data else { continue };
                let url = super::absolute(site, &doc.url);
                w.create_element("entry").write_inner_content(|w| {
                    text(w, "title", &n.title)?;
                    text(w, "id", &url)?;
                    link(w, "alternate", "text/html", &url)?;
                    text(w, "published", &timestamp(n.date))?;
                    text(w, "updated", &timestamp(n.date))?;
                    for author in &n.authors {
                        w.create_element("author")
                            .write_inner_content(|w| text(w, "name", author))?;
                    }
                    if let Some(d) = &n.description {
                        text(w, "summary", d)?;
                    }
                    if let Some(body) = bodies.get(i).map(B::borrow).filter(|b| !b.html.is_empty()) {
                        w.create_element("content")
                            .with_attributes([("type", "html"), ("xml:base", url.as_str())])
                            .write_text_content(super::xml_text(&body.html))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    Ok(out)
}
