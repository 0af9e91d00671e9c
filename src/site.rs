//! The site model: pure data computed from settings and content, no IO. URLs, the
//! startup list and its taxonomies, sponsors resolved to organisations, the current phase
//! of each startup as of the build date, the pages to generate and their breadcrumbs.

use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::content::{Data, Document, Kind, Startup};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Location};
use crate::phase::{self, PhaseInfo};
use crate::{msg, tr};

mod model_key;
mod terms;

pub use model_key::ModelKey;
use terms::{phase_terms, thematique_terms};

/// A startup with what the build date and the other files say about it.
#[derive(Debug, Clone)]
pub struct StartupEntry {
    /// Index in [`Site::docs`].
    pub doc: usize,
    /// Index of the current phase in the fiche's `phases`, if one has started.
    pub current: Option<usize>,
    /// Indices in [`Site::docs`] of the sponsor organisations that exist.
    pub sponsors: Vec<usize>,
}

/// A group of startups: one phase or one thématique.
#[derive(Debug, Clone)]
pub struct Term {
    pub slug: String,
    pub name: String,
    /// Positions in [`Site::startups`].
    pub startups: Vec<usize>,
    /// Set for phases.
    pub phase: Option<&'static PhaseInfo>,
}

/// A page to write.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Route {
    Doc(usize),
    /// Startups of one phase (index in [`Site::phases`]).
    Phase(usize),
    /// Startups of one thématique (index in [`Site::thematiques`]).
    Thematique(usize),
    SiteMap,
    NotFound,
    /// An old URL of a startup (`redirect_from`): its target document.
    Redirect {
        from: String,
        to: usize,
    },
    /// Page `page` (2 or more) of a listing split into pages (`paginate_by` of a document,
    /// `terms_paginate_by` of the phases and thématiques); its first page is the listing's
    /// own route.
    Paged {
        of: Listing,
        page: usize,
    },
}

/// A listing that can be split into pages: a listing document, or the page of a phase or
/// of a thématique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Listing {
    Doc(usize),
    Phase(usize),
    Thematique(usize),
}

impl Listing {
    /// The route of the listing's first page.
    pub fn route(self) -> Route {
        match self {
            Listing::Doc(i) => Route::Doc(i),
            Listing::Phase(i) => Route::Phase(i),
            Listing::Thematique(i) => Route::Thematique(i),
        }
    }
}

/// How a listing document splits into pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// Items per page.
    pub per_page: usize,
    /// Items in the whole listing.
    pub items: usize,
    /// Number of pages, at least 1.
    pub pages: usize,
}

impl Paging {
    /// The positions in the listing shown on page `page` (from 1).
    pub fn range(&self, page: usize) -> std::ops::Range<usize> {
        let start = (page.saturating_sub(1) * self.per_page).min(self.items);
        start..(start + self.per_page).min(self.items)
    }
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// `/` or `/atelier/`: prefixed to every site path in the output.
    pub base_path: String,
    pub build_date: Date,
    /// Every published document, sorted by URL. Shared, so that `serve` can rebuild the
    /// model after an edit without copying every document.
    pub docs: Vec<Arc<Document>>,
    /// `startups/ada.md` → index in `docs`.
    pub by_rel: HashMap<String, usize>,
    /// Site path → index in `docs`.
    pub by_url: HashMap<String, usize>,
    /// Startups sorted by title.
    pub startups: Vec<StartupEntry>,
    /// For each document, its position in `startups` (a page looks itself up in O(1)).
    pub startup_pos: Vec<Option<usize>>,
    /// Organisation (index in `docs`) → positions in `startups` of what it sponsors.
    pub sponsored: HashMap<usize, Vec<usize>>,
    /// Organisation id → index in `docs`.
    pub organisations: BTreeMap<String, usize>,
    /// News, newest first.
    pub news: Vec<usize>,
    /// Phases that have startups, in life order.
    pub phases: Vec<Term>,
    /// Thématiques with their startups, by name.
    pub thematiques: Vec<Term>,
    pub routes: Vec<Route>,
    /// The drafts a run without drafts (`build`) left out, by site path: links to them
    /// are reported as links to a draft, not as links to nowhere.
    pub drafts_left_out: HashMap<String, Arc<Document>>,
    /// The same drafts: `startups/ada.md` → site path, for `@/` links.
    draft_urls: HashMap<String, String>,
}

pub const SITEMAP_URL: &str = "/plan-du-site/";
pub const PHASE_URL: &str = "/startups/phase/";
pub const THEMATIQUE_URL: &str = "/startups/thematique/";

/// French sort key: accents and case do not change the order.
pub fn sort_key(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

impl Site {
    /// Builds the model. Drafts and startups of other incubators (when `incubator` is set)
    /// are left out; URL collisions are errors.
    pub fn new(
        config: SiteConfig,
        build_date: Date,
        docs: Vec<Arc<Document>>,
        diags: &mut Vec<Diagnostic>,
    ) -> Site {
        let base_path = config.base_path();
        let (mut docs, left_out): (Vec<Arc<Document>>, Vec<Arc<Document>>) =
            docs.into_iter().partition(|d| published(d, &config));
        let drafts_left_out: HashMap<String, Arc<Document>> = left_out
            .into_iter()
            .filter(|d| d.is_draft())
            .map(|d| (d.url.clone(), d))
            .collect();
        let draft_urls = drafts_left_out
            .values()
            .map(|d| (d.rel.clone(), d.url.clone()))
            .collect();
        docs.sort_by(|a, b| a.url.cmp(&b.url).then_with(|| a.rel.cmp(&b.rel)));
        let mut by_url: HashMap<String, usize> = HashMap::default();
        let mut keep = vec![true; docs.len()];
        for (i, d) in docs.iter().enumerate() {
            if let Some(&first) = by_url.get(&d.url) {
                let other: &Document = &docs[first];
                diags.push(
                    Diagnostic::error(msg!("page-two-files", url = d.url.as_str()))
                        .at(Location::file(&d.path))
                        .help(tr!(
                            "page-two-files-help",
                            other = other.path.display().to_string()
                        )),
                );
                keep[i] = false;
            } else {
                by_url.insert(d.url.clone(), i);
            }
        }
        let mut i = 0;
        docs.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        let by_url: HashMap<String, usize> =
            docs.iter().enumerate().map(|(i, d)| (d.url.clone(), i)).collect();
        let by_rel = docs.iter().enumerate().map(|(i, d)| (d.rel.clone(), i)).collect();
        let organisations: BTreeMap<String, usize> = docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| match &d.data {
                Data::Organisation(o) => Some((o.id.clone(), i)),
                _ => None,
            })
            .collect();
        // Indexed once for the suggestions: every fiche may name an unknown sponsor.
        let org_ids = crate::diagnostic::Closest::new(organisations.keys().map(String::as_str));

        let mut startups: Vec<StartupEntry> = docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| match &d.data {
                Data::Startup(s) => Some(StartupEntry {
                    doc: i,
                    current: phase::current(s.phases.iter().map(|p| p.start), build_date),
                    sponsors: resolve_sponsors(s, d, &organisations, &org_ids, diags),
                }),
                _ => None,
            })
            .collect();
        startups.sort_by_cached_key(|e| {
            let s = startup(&docs[e.doc]);
            (sort_key(&s.title), s.id.clone())
        });

        let mut news: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].kind == Kind::News).collect();
        news.sort_by(|&a, &b| match (&docs[a].data, &docs[b].data) {
            (Data::News(x), Data::News(y)) => y.date.cmp(&x.date).then_with(|| x.slug.cmp(&y.slug)),
            _ => std::cmp::Ordering::Equal,
        });

        let mut startup_pos = vec![None; docs.len()];
        let mut sponsored: HashMap<usize, Vec<usize>> = HashMap::default();
        for (pos, e) in startups.iter().enumerate() {
            startup_pos[e.doc] = Some(pos);
            for &org in &e.sponsors {
                let list = sponsored.entry(org).or_default();
                // A fiche may name the same sponsor twice.
                if list.last() != Some(&pos) {
                    list.push(pos);
                }
            }
        }

        let phases = phase_terms(&docs, &startups);
        let thematiques = thematique_terms(&docs, &startups, &config.hidden_thematiques);
        let mut site = Site {
            config,
            base_path,
            build_date,
            docs,
            by_rel,
            by_url,
            startups,
            startup_pos,
            sponsored,
            organisations,
            news,
            phases,
            thematiques,
            routes: Vec::new(),
            drafts_left_out,
            draft_urls,
        };
        site.routes = site.compute_routes(diags);
        site
    }

    fn compute_routes(&self, diags: &mut Vec<Diagnostic>) -> Vec<Route> {
        let mut routes: Vec<Route> = (0..self.docs.len()).map(Route::Doc).collect();
        routes.extend((0..self.phases.len()).map(Route::Phase));
        routes.extend((0..self.thematiques.len()).map(Route::Thematique));
        routes.push(Route::SiteMap);
        routes.push(Route::NotFound);
        let mut taken: std::collections::HashSet<String> = routes.iter().map(|r| self.url(r)).collect();
        for doc in 0..self.docs.len() {
            let Data::Page(p) = &self.docs[doc].data else {
                continue;
            };
            if p.paginate_by.is_none() {
                continue;
            }
            let Some(paging) = self.paging(doc) else {
                diags.push(
                    Diagnostic::warning(msg!("paginate-by-nothing-listed"))
                        .at(p
                            .paginate_by_at
                            .clone()
                            .unwrap_or_else(|| Location::file(&self.docs[doc].path)))
                        .help(tr!("paginate-by-nothing-listed-help")),
                );
                continue;
            };
            for page in 2..=paging.pages {
                let route = Route::Paged {
                    of: Listing::Doc(doc),
                    page,
                };
                if taken.insert(self.url(&route)) {
                    routes.push(route);
                } else {
                    diags.push(
                        Diagnostic::error(msg!("paged-url-taken", page = page, url = self.url(&route)))
                            .at(p
                                .paginate_by_at
                                .clone()
                                .unwrap_or_else(|| Location::file(&self.docs[doc].path)))
                            .help(tr!("paged-url-taken-help")),
                    );
                }
            }
        }
        let terms = (0..self.phases.len())
            .map(Listing::Phase)
            .chain((0..self.thematiques.len()).map(Listing::Thematique));
        for listing in terms {
            let Some(paging) = self.paging_of(listing) else {
                continue;
            };
            for page in 2..=paging.pages {
                let route = Route::Paged { of: listing, page };
                if taken.insert(self.url(&route)) {
                    routes.push(route);
                } else {
                    diags.push(
                        Diagnostic::error(msg!("paged-url-taken", page = page, url = self.url(&route)))
                            .at(self
                                .config
                                .terms_paginate_by_at
                                .clone()
                                .unwrap_or_else(|| Location::file("site.yaml")))
                            .help(tr!("paged-url-taken-help")),
                    );
                }
            }
        }
        for entry in &self.startups {
            let doc = &self.docs[entry.doc];
            for old in &startup(doc).redirect_from {
                let from = normalize_path(old);
                if taken.insert(from.clone()) {
                    routes.push(Route::Redirect { from, to: entry.doc });
                } else {
                    diags.push(
                        Diagnostic::warning(msg!("redirect-from-taken", path = old.as_str()))
                            .at(Location::file(&doc.path))
                            .help(tr!("redirect-from-taken-help")),
                    );
                }
            }
        }
        routes
    }

    /// The site path of a route, without the base path.
    pub fn url(&self, route: &Route) -> String {
        match route {
            Route::Doc(i) => self.docs[*i].url.clone(),
            Route::Phase(i) => format!("{PHASE_URL}{}/", self.phases[*i].slug),
            Route::Thematique(i) => format!("{THEMATIQUE_URL}{}/", self.thematiques[*i].slug),
            Route::SiteMap => SITEMAP_URL.into(),
            Route::NotFound => "/404.html".into(),
            Route::Redirect { from, .. } => from.clone(),
            Route::Paged { of, page } => format!("{}page/{page}/", self.url(&of.route())),
        }
    }

    /// The items a document lists, when it is a listing: the news list, the startups.
    pub fn listing_len(&self, doc: usize) -> Option<usize> {
        let d = &self.docs[doc];
        match (d.kind, d.url.as_str()) {
            (Kind::Section, "/actualites/") => Some(self.news.len()),
            (Kind::Section, "/startups/") => Some(self.startups.len()),
            _ => None,
        }
    }

    /// How a listing document splits into pages (`paginate_by`); `None` when it does not.
    pub fn paging(&self, doc: usize) -> Option<Paging> {
        self.paging_of(Listing::Doc(doc))
    }

    /// How a listing splits into pages: a listing document by its `paginate_by`, the pages
    /// of the phases and thématiques by `terms_paginate_by`; `None` when it does not.
    pub fn paging_of(&self, listing: Listing) -> Option<Paging> {
        let (per_page, items) = match listing {
            Listing::Doc(doc) => {
                let Data::Page(p) = &self.docs[doc].data else {
                    return None;
                };
                (p.paginate_by?, self.listing_len(doc)?)
            }
            Listing::Phase(i) => (self.config.terms_paginate_by?, self.phases[i].startups.len()),
            Listing::Thematique(i) => (self.config.terms_paginate_by?, self.thematiques[i].startups.len()),
        };
        Some(Paging {
            per_page,
            items,
            pages: items.div_ceil(per_page).max(1),
        })
    }

    /// The document a route shows (its own, or the listing it is a page of).
    pub fn doc_of(route: &Route) -> Option<usize> {
        match route {
            Route::Doc(i)
            | Route::Paged {
                of: Listing::Doc(i), ..
            } => Some(*i),
            _ => None,
        }
    }

    /// The listing a route shows a page of, whether or not it is split.
    pub fn listing_of(route: &Route) -> Option<Listing> {
        match route {
            Route::Doc(i) => Some(Listing::Doc(*i)),
            Route::Phase(i) => Some(Listing::Phase(*i)),
            Route::Thematique(i) => Some(Listing::Thematique(*i)),
            Route::Paged { of, .. } => Some(*of),
            _ => None,
        }
    }

    /// The file a route is written to, relative to the output folder.
    pub fn output_path(&self, route: &Route) -> String {
        let url = self.url(route);
        if url.ends_with(".html") {
            url.trim_start_matches('/').to_string()
        } else {
            format!("{}index.html", url.trim_start_matches('/'))
        }
    }

    /// A site path with the base path in front: `/startups/` → `/atelier/startups/`.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// Resolves an `@/` link target (a file in `content/`) to its public URL.
    pub fn resolve(&self, rel: &str) -> Option<String> {
        self.by_rel.get(rel).map(|&i| self.link(&self.docs[i].url))
    }

    /// Resolves an `@/` link of a Markdown body: to a page of the site, or to a draft the
    /// run left out, at the address it will have once published, so that the link check
    /// reports it as a link to a draft rather than to nowhere.
    pub fn resolve_in_body(&self, rel: &str) -> Option<String> {
        self.resolve(rel)
            .or_else(|| self.draft_urls.get(rel).map(|url| self.link(url)))
    }

    /// Whether the site has a draft, in the model or left out: without one, no link can
    /// lead to a draft.
    pub fn has_drafts(&self) -> bool {
        !self.drafts_left_out.is_empty() || self.docs.iter().any(|d| d.is_draft())
    }

    /// The draft at a site path: in the model (`serve`, `check`) or left out (`build`).
    pub fn draft_at(&self, url: &str) -> Option<&Document> {
        match self.by_url.get(url) {
            Some(&i) => Some(&*self.docs[i]).filter(|d| d.is_draft()),
            None => self.drafts_left_out.get(url).map(|d| &**d),
        }
    }

    /// The title of the page at a site path, for breadcrumbs.
    pub fn title_at(&self, url: &str) -> Option<String> {
        if let Some(&i) = self.by_url.get(url) {
            return Some(self.docs[i].title().to_string());
        }
        if url == PHASE_URL || url == THEMATIQUE_URL {
            return None;
        }
        None
    }
}

/// The startup data of a startup document.
pub fn startup(doc: &Document) -> &Startup {
    match &doc.data {
        Data::Startup(s) => s,
        _ => unreachable!("startup entries only point at startup documents"),
    }
}

/// Whether the document is in the model: drafts only when the run shows them
/// (`serve`, `check`), startups of the site's incubator only.
fn published(doc: &Document, config: &SiteConfig) -> bool {
    (config.drafts || !doc.is_draft())
        && match &doc.data {
            Data::Startup(s) => config.incubator.as_ref().is_none_or(|inc| &s.incubator == inc),
            _ => true,
        }
}

fn resolve_sponsors(
    s: &Startup,
    doc: &Document,
    organisations: &BTreeMap<String, usize>,
    org_ids: &crate::diagnostic::Closest,
    diags: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let fm = doc.front_matter();
    s.sponsors
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let found = organisations.get(id).copied();
            if found.is_none() {
                let help = match org_ids.find(id) {
                    Some(k) => tr!("sponsor-did-you-mean", id = k),
                    None => tr!("sponsor-create", id = id.as_str()),
                };
                diags.push(
                    Diagnostic::warning(msg!("sponsor-unknown", id = id.as_str()))
                        .at(fm.locate(&[
                            crate::content::yaml::Seg::Key("sponsors".into()),
                            crate::content::yaml::Seg::Index(i),
                        ]))
                        .help(help),
                );
            }
            found
        })
        .collect()
}

/// `startups/apigouv` → `/startups/apigouv/`; `/x.html` stays a file.
fn normalize_path(p: &str) -> String {
    let p = p.trim();
    let p = if p.starts_with('/') {
        p.to_string()
    } else {
        format!("/{p}")
    };
    if p.ends_with('/') || p.ends_with(".html") {
        p
    } else {
        format!("{p}/")
    }
}
