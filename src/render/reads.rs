//! What each page reads, besides the shared `site` variable: the mirror of
//! [`super::data::page_context`], kept beside it. `serve` re-renders a page when something
//! it reads has changed, so a new dependency in a page context must be listed here too
//! (the `project` tests compare incremental and full builds to catch a missing one).

use crate::content::Data;
use crate::site::{Route, Site, startup};

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

/// Everything `route` reads, in a stable order.
pub fn reads(site: &Site, route: &Route) -> Vec<Read> {
    let mut out = Vec::new();
    let path = site.url(route);
    let template = match route {
        Route::Doc(i) => match &site.docs[*i].data {
            Data::Page(p) => p.template.clone(),
            _ => None,
        },
        _ => None,
    };
    out.push(Read::Template(
        template.unwrap_or_else(|| super::default_template(site, route).to_string()),
    ));
    // Breadcrumbs: every parent path, whether a page is there or not.
    if path != "/" {
        out.push(Read::Title("/".into()));
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let mut parent = String::from("/");
        for seg in &segments[..segments.len().saturating_sub(1)] {
            parent.push_str(seg);
            parent.push('/');
            out.push(Read::Title(parent.clone()));
        }
    }
    // `page.menu_active` comes from the resolved menu.
    out.push(Read::Site("menu"));
    let summary = |pos: usize| Read::Summary(site.docs[site.startups[pos].doc].rel.clone());
    if let Some(i) = Site::doc_of(route)
        && let Some(paging) = site.paging(i)
    {
        out.push(Read::Paging {
            page: match route {
                Route::Paged { page, .. } => *page,
                _ => 1,
            },
            pages: paging.pages,
            items: paging.items,
        });
    }
    match route {
        Route::Doc(i) | Route::Paged { doc: i, .. } => {
            let doc = &site.docs[*i];
            out.push(Read::Doc(doc.rel.clone()));
            match &doc.data {
                Data::Startup(s) => {
                    if let Some(pos) = site.startup_pos[*i] {
                        let entry = &site.startups[pos];
                        if let Some(prev) = pos.checked_sub(1) {
                            out.push(summary(prev));
                        }
                        if pos + 1 < site.startups.len() {
                            out.push(summary(pos + 1));
                        }
                        out.extend(
                            entry
                                .sponsors
                                .iter()
                                .map(|&o| Read::OrgRef(site.docs[o].rel.clone())),
                        );
                        if let Some(cur) = entry.current {
                            let info = crate::phase::lookup(&s.phases[cur].name);
                            if let Some(t) = site
                                .phases
                                .iter()
                                .find(|t| t.phase.map(|i| i.name) == info.map(|i| i.name))
                            {
                                out.push(Read::Term(format!("phase:{}", t.slug)));
                            }
                        }
                    }
                    for name in &s.thematiques {
                        let slug = crate::slug::slugify(name);
                        if site.thematiques.iter().any(|t| t.slug == slug) {
                            out.push(Read::Term(format!("thematique:{slug}")));
                        }
                    }
                }
                Data::Organisation(_) => {
                    out.extend(
                        site.sponsored
                            .get(i)
                            .into_iter()
                            .flatten()
                            .map(|&pos| summary(pos)),
                    );
                }
                Data::Page(p) => {
                    if doc.url == "/startups/" {
                        out.push(Read::AllSummaries);
                    }
                    out.extend(
                        p.highlighted_startups
                            .iter()
                            .filter_map(|id| {
                                site.startups
                                    .iter()
                                    .position(|e| startup(&site.docs[e.doc]).id == *id)
                            })
                            .map(summary),
                    );
                }
                Data::News(_) => {}
            }
        }
        Route::Phase(i) => {
            let t = &site.phases[*i];
            out.push(Read::Term(format!("phase:{}", t.slug)));
            out.extend(t.startups.iter().map(|&pos| summary(pos)));
        }
        Route::Thematique(i) => {
            let t = &site.thematiques[*i];
            out.push(Read::Term(format!("thematique:{}", t.slug)));
            out.extend(t.startups.iter().map(|&pos| summary(pos)));
        }
        Route::Redirect { to, .. } => out.push(Read::Title(site.docs[*to].url.clone())),
        Route::SiteMap | Route::NotFound => {}
    }
    out
}
