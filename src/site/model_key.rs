//! What the model reads from one document: when an edit leaves it unchanged, `serve` keeps
//! the model's shape and swaps the document in place.

use crate::config::SiteConfig;
use crate::content::{Data, Document, Kind};
use crate::date::Date;

use super::published;

/// Everything [`Site::new`] reads from one document. When an edit leaves it unchanged, the
/// model keeps its shape (same pages, order and groups) and `serve` swaps the document in
/// place instead of rebuilding the model. Keep it in step with `Site::new`.
#[derive(Debug, PartialEq, Hash)]
pub struct ModelKey<'a> {
    url: &'a str,
    rel: &'a str,
    kind: Kind,
    published: bool,
    /// id, title, phases (name, start), sponsors, thematiques, redirect_from.
    startup: Option<StartupKey<'a>>,
    organisation: Option<&'a str>,
    news: Option<(Date, &'a str)>,
    /// `paginate_by`: it decides the listing's pages.
    paginate_by: Option<usize>,
}

type StartupKey<'a> = (
    &'a str,
    &'a str,
    Vec<(&'a str, Date)>,
    &'a [String],
    &'a [String],
    &'a [String],
);

impl<'a> ModelKey<'a> {
    pub fn of(doc: &'a Document, config: &SiteConfig) -> ModelKey<'a> {
        ModelKey {
            url: &doc.url,
            rel: &doc.rel,
            kind: doc.kind,
            published: published(doc, config),
            startup: match &doc.data {
                Data::Startup(s) => Some((
                    &s.id,
                    &s.title,
                    s.phases.iter().map(|p| (p.name.as_str(), p.start)).collect(),
                    &s.sponsors,
                    &s.thematiques,
                    &s.redirect_from,
                )),
                _ => None,
            },
            organisation: match &doc.data {
                Data::Organisation(o) => Some(&o.id),
                _ => None,
            },
            news: match &doc.data {
                Data::News(n) => Some((n.date, n.slug.as_str())),
                _ => None,
            },
            paginate_by: match &doc.data {
                Data::Page(p) => p.paginate_by,
                _ => None,
            },
        }
    }
}
