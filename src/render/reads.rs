//! What each page reads, besides the shared `site` variable: recorded while its context is
//! built (`page_context`). Every look-up of something outside the page's
//! own route (another document, a title, a summary, a term, an organisation, the paging of
//! a listing) goes through [`Reads`], which returns the value and notes the read, so the
//! list cannot drift from the context. `serve` re-renders a page when something it reads
//! has changed; the build cache keys each page by the values of its reads.

use tera::Value;

use crate::content::Document;
use crate::site::{Listing, Paging, Route, Site, Term};

/// One thing a page reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Read {
    /// The template the page is rendered with (its deps say which files and `site` fields).
    Template(String),
    /// A document's own data and its Markdown body (by `rel`).
    Doc(String),
    /// The title of the page at a site path, or that there is none (breadcrumbs, redirects).
    Title(String),
    /// The summary of one startup (by `rel`).
    Summary(String),
    /// Every startup summary, in list order.
    AllSummaries,
    /// The name, count and URL of a phase or thematique: `phase:construction`.
    Term(String),
    /// An organisation as startup pages name it: id, name, acronym, URL (by `rel`).
    OrgRef(String),
    /// A field of the shared `site` data read by the page context itself.
    Site(&'static str),
    /// The paginator of a listing split into pages: this page's number, the number of
    /// pages and of items. The read carries its value: when a new item moves items across
    /// pages, the reads of every page of the listing change.
    Paging { page: usize, pages: usize, items: usize },
}

/// The recorder of one page's reads: each method looks something up and notes that the
/// page read it.
#[derive(Debug, Default)]
pub struct Reads(Vec<Read>);

impl Reads {
    /// The reads, in a stable order, each once.
    pub fn into_vec(self) -> Vec<Read> {
        let mut reads = self.0;
        reads.sort();
        reads.dedup();
        reads
    }

    /// The template the page is rendered with.
    pub(super) fn template(&mut self, name: &str) {
        self.0.push(Read::Template(name.to_string()));
    }

    /// Document `i`: its data and body.
    pub(super) fn doc<'a>(&mut self, site: &'a Site, i: usize) -> &'a Document {
        let doc = &site.docs[i];
        self.0.push(Read::Doc(doc.rel.clone()));
        doc
    }

    /// The title of the page at `path`, if there is one.
    pub(super) fn title_at(&mut self, site: &Site, path: &str) -> Option<String> {
        self.0.push(Read::Title(path.to_string()));
        site.title_at(path)
    }

    /// The ancestors of the page at `url`, from the home page down, without the page itself:
    /// every parent path that is a page of the site, with its title. Every parent path is
    /// read, whether a page is there or not (one may appear).
    pub(super) fn ancestors(&mut self, site: &Site, url: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if url == "/" {
            return out;
        }
        let mut path = String::from("/");
        out.extend(self.title_at(site, "/").map(|t| (path.clone(), t)));
        let segments: Vec<&str> = url.trim_matches('/').split('/').collect();
        for seg in &segments[..segments.len().saturating_sub(1)] {
            path.push_str(seg);
            path.push('/');
            if let Some(t) = self.title_at(site, &path) {
                out.push((path.clone(), t));
            }
        }
        out
    }

    /// The summary of the startup at `pos` in list order.
    pub(super) fn summary(&mut self, site: &Site, summaries: &[Value], pos: usize) -> Value {
        self.0
            .push(Read::Summary(site.docs[site.startups[pos].doc].rel.clone()));
        summaries[pos].clone()
    }

    /// Every startup summary, in list order.
    pub(super) fn all_summaries(&mut self, summaries: &[Value]) -> Value {
        self.0.push(Read::AllSummaries);
        Value::from(summaries.to_vec())
    }

    /// A phase (`kind` `phase`) or thematique term: its name, count and URL.
    pub(super) fn term<'a>(&mut self, kind: &str, t: &'a Term) -> &'a Term {
        self.0.push(Read::Term(format!("{kind}:{}", t.slug)));
        t
    }

    /// Organisation document `i` as startup pages name it.
    pub(super) fn org<'a>(&mut self, site: &'a Site, i: usize) -> &'a Document {
        let doc = &site.docs[i];
        self.0.push(Read::OrgRef(doc.rel.clone()));
        doc
    }

    /// A field of the shared `site` data.
    pub(super) fn site_field(&mut self, name: &'static str) {
        self.0.push(Read::Site(name));
    }

    /// How the listing `route` belongs to is split into pages, with the listing's document
    /// and this page's number; `None` when it is not split.
    pub(super) fn paging(&mut self, site: &Site, route: &Route) -> Option<(Listing, Paging, usize)> {
        let (listing, paging, page) = paging_of(site, route)?;
        self.0.push(Read::Paging {
            page,
            pages: paging.pages,
            items: paging.items,
        });
        Some((listing, paging, page))
    }
}

/// The listing `route` belongs to, how it is split into pages and this page's number.
fn paging_of(site: &Site, route: &Route) -> Option<(Listing, Paging, usize)> {
    let listing = Site::listing_of(route)?;
    let paging = site.paging_of(listing)?;
    let page = match route {
        Route::Paged { page, .. } => *page,
        _ => 1,
    };
    Some((listing, paging, page))
}

/// The paging read the page at `route` makes now, if it reads one: a read that carries its
/// value, told again from the model (the build cache checks a kept read against it).
pub fn paging_now(site: &Site, route: &Route) -> Option<Read> {
    paging_of(site, route).map(|(_, paging, page)| Read::Paging {
        page,
        pages: paging.pages,
        items: paging.items,
    })
}
