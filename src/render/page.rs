//! Each page's own template data: `page`, `meta`, `paginator` and the kind-specific
//! variables (`startup`, `news`, `organisation`, `startups`, `term`, `share`...).

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Value};

use crate::content::{Data, Document};
use crate::date::Date;
use crate::markdown::{Rendered, TocEntry};
use crate::site::{Listing, Route, Site, Term, startup};

use super::data::{Shared, kind_name, link_view};
use super::reads::{Read, Reads};
use super::summary::{OrgRef, PhaseView, TermView, org_refs, phase_view, thematique_terms};
use super::typeset::shown;

#[derive(Serialize)]
struct Crumb {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct PageView<'a> {
    kind: &'static str,
    title: String,
    description: String,
    url: String,
    path: String,
    /// Absolute URL of the page (for `rel="canonical"`), when `base_url` has a host.
    permalink: Option<String>,
    source: Option<&'a str>,
    content: &'a str,
    toc: &'a [TocEntry],
    summary: bool,
    /// `draft: true`: only `serve` (and `check`) render it; the theme says so on the page.
    draft: bool,
    word_count: usize,
    extra: Option<&'a serde_json::Value>,
    breadcrumbs: Vec<Crumb>,
    /// The cover image its front matter names (`image:`).
    image: Option<crate::images::View>,
    /// Site path of the menu entry this page belongs to (the longest matching prefix).
    menu_active: String,
}

#[derive(Serialize)]
struct PhaseRow<'a> {
    name: &'a str,
    label: &'a str,
    start: Date,
    start_fr: String,
    end: Option<Date>,
    end_fr: Option<String>,
    comment: Option<&'a str>,
    current: bool,
    future: bool,
}

#[derive(Serialize)]
struct EventRow<'a> {
    name: &'a str,
    date: Date,
    date_fr: String,
    comment: Option<&'a str>,
}

#[derive(Serialize)]
struct OrganisationView<'a> {
    #[serde(flatten)]
    fiche: &'a crate::content::Organisation,
    /// As shown, typeset: written after the fiche's own, which it replaces.
    name: Cow<'a, str>,
}

#[derive(Serialize)]
struct StartupView<'a> {
    #[serde(flatten)]
    fiche: &'a crate::content::Startup,
    /// As shown, typeset: written after the fiche's own, which they replace.
    title: Cow<'a, str>,
    mission: Cow<'a, str>,
    phase: Option<PhaseView<'a>>,
    active: bool,
    timeline: Vec<PhaseRow<'a>>,
    event_rows: Vec<EventRow<'a>>,
    sponsor_orgs: Vec<OrgRef<'a>>,
    thematique_terms: Vec<TermView<'a>>,
    previous: Option<Value>,
    next: Option<Value>,
}

/// `https://example.org/atelier/` + `/startups/` → `https://example.org/atelier/startups/`;
/// none when the base URL has no host.
fn permalink(base_url: &str, path: &str) -> Option<String> {
    let base = base_url.trim();
    (base.starts_with("https://") || base.starts_with("http://"))
        .then(|| format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/')))
}

fn menu_active(site: &Site, path: &str, reads: &mut Reads) -> String {
    reads.site_field("menu");
    site.config
        .menu
        .iter()
        .map(|l| link_view(site, l).path)
        .filter(|p| !p.is_empty() && (p == path || (p != "/" && path.starts_with(p.as_str()))))
        .max_by_key(String::len)
        .unwrap_or_default()
}

/// What templates see of the cover image of a rendered document, when it has one.
fn cover_view(site: &Site, body: &Rendered) -> Option<crate::images::View> {
    let c = body.cover.as_ref()?.as_ref().ok()?;
    crate::images::View::new(&c.picture, &site.base_path, &c.alt)
}

fn description(site: &Site, doc: Option<&Document>, body: Option<&Rendered>) -> String {
    let own = doc.and_then(|d| match &d.data {
        Data::Page(p) => p.description.clone(),
        Data::News(n) => n.description.clone(),
        Data::Startup(s) => Some(s.mission.clone()),
        Data::Organisation(_) => None,
    });
    own.or_else(|| body.map(|b| b.excerpt.clone()).filter(|e| !e.is_empty()))
        .unwrap_or_else(|| site.config.description.clone())
}

/// Title and description of generated pages.
fn generated_title(site: &Site, route: &Route, reads: &mut Reads) -> (String, String) {
    match route {
        Route::Phase(i)
        | Route::Paged {
            of: Listing::Phase(i),
            ..
        } => {
            let t = reads.term("phase", &site.phases[*i]);
            (
                format!("Startups : {}", t.name.to_lowercase()),
                t.phase.map_or_else(String::new, |p| p.description.to_string()),
            )
        }
        Route::Thematique(i)
        | Route::Paged {
            of: Listing::Thematique(i),
            ..
        } => {
            let t = reads.term("thematique", &site.thematiques[*i]);
            (
                format!("Startups : {}", t.name),
                format!("Les startups de l’Atelier sur la thématique {}.", t.name),
            )
        }
        Route::SiteMap => ("Plan du site".into(), "Toutes les pages du site.".into()),
        Route::NotFound => ("Page non trouvée".into(), "La page demandée n’existe pas.".into()),
        Route::Redirect { to, .. } => (
            reads.title_at(site, &site.docs[*to].url).unwrap_or_default(),
            String::new(),
        ),
        Route::Doc(_)
        | Route::Paged {
            of: Listing::Doc(_), ..
        } => unreachable!(),
    }
}

/// A template a page names in its front matter (`template:`), and where it is written.
pub struct NamedTemplate {
    pub name: String,
    pub at: Option<crate::diagnostic::Location>,
}

/// What rendering one route takes besides the templates.
pub struct PageContext {
    /// The template the page names; `None`: the default of its kind.
    pub template: Option<NamedTemplate>,
    pub context: Context,
    /// The source file, for error messages (`(generated page /path/)` for the others).
    pub source: PathBuf,
    /// What the page read to make its context, besides the shared `site` variable.
    pub reads: Vec<Read>,
}

/// The template, the context and the source file of one route, and what the page read.
pub fn page_context(site: &Site, bodies: &[Arc<Rendered>], shared: &Shared, route: &Route) -> PageContext {
    let mut ctx = Context::new();
    let reads = &mut Reads::default();
    let path = site.url(route);
    let empty = Rendered::default();
    // A page reads its own body and no other: `build` lets go of a body's HTML once its page
    // is rendered (`Project::render_pages_once`).
    let (doc, body) = match Site::doc_of(route) {
        Some(i) => (Some(reads.doc(site, i)), &*bodies[i]),
        None => (None, &empty),
    };
    // A listing split into pages: how it splits, and the number of this page.
    let paging = reads.paging(site, route);
    let number = paging.map_or(1, |(_, _, number)| number);
    let (title, desc) = match doc {
        Some(d) => (d.title().to_string(), description(site, Some(d), Some(body))),
        None => generated_title(site, route, reads),
    };
    let title = match paging {
        Some((_, p, _)) if number > 1 => format!("{title} – page {number} sur {}", p.pages),
        _ => title,
    };
    let mut breadcrumbs: Vec<Crumb> = reads
        .ancestors(site, &path)
        .into_iter()
        .map(|(p, t)| Crumb {
            title: shown(site, &t).into_owned(),
            url: site.link(&p),
        })
        .collect();
    if matches!(
        Site::listing_of(route),
        Some(Listing::Phase(_) | Listing::Thematique(_))
    ) && !breadcrumbs.iter().any(|c| c.url == site.link("/startups/"))
    {
        if let Some(t) = reads.title_at(site, "/startups/") {
            breadcrumbs.push(Crumb {
                title: shown(site, &t).into_owned(),
                url: site.link("/startups/"),
            });
        }
    }
    let (summary_flag, extra, named) = match doc.map(|d| &d.data) {
        Some(Data::Page(p)) => (
            p.summary,
            Some(&p.extra),
            p.template.clone().map(|name| NamedTemplate {
                name,
                at: p.template_at.clone(),
            }),
        ),
        _ => (false, None, None),
    };
    let page = PageView {
        kind: match route {
            Route::Doc(i)
            | Route::Paged {
                of: Listing::Doc(i), ..
            } => kind_name(site.docs[*i].kind),
            Route::Phase(_)
            | Route::Paged {
                of: Listing::Phase(_),
                ..
            } => "phase",
            Route::Thematique(_)
            | Route::Paged {
                of: Listing::Thematique(_),
                ..
            } => "thematique",
            Route::SiteMap => "sitemap",
            Route::NotFound => "404",
            Route::Redirect { .. } => "redirect",
        },
        title: shown(site, &title).into_owned(),
        description: shown(
            site,
            if desc.is_empty() {
                &site.config.description
            } else {
                &desc
            },
        )
        .into_owned(),
        url: site.link(&path),
        permalink: permalink(&site.config.base_url, &path),
        path: path.clone(),
        source: doc.map(|d| d.rel.as_str()),
        draft: doc.is_some_and(|d| d.is_draft()),
        // The listing's introduction is on its first page only.
        content: if number > 1 { "" } else { &body.html },
        toc: if number > 1 { &[] } else { &body.toc },
        summary: summary_flag,
        word_count: body.word_count,
        extra,
        breadcrumbs,
        image: cover_view(site, body),
        menu_active: menu_active(site, &path, reads),
    };
    ctx.insert("page", &page);
    ctx.insert("meta", &super::meta::page_meta(site, route, body));
    let source = doc.map_or_else(
        || PathBuf::from(format!("(generated page {path})")),
        |d| d.path.clone(),
    );
    if let Some((i, p, _)) = paging {
        ctx.insert("paginator", &super::paginator::paginator(site, i, p, number));
    }
    match route {
        Route::Doc(i)
        | Route::Paged {
            of: Listing::Doc(i), ..
        } => doc_context(site, shared, *i, &mut ctx, reads),
        Route::Phase(i)
        | Route::Paged {
            of: Listing::Phase(i),
            ..
        } => listing(site, shared, Some(("phase", &site.phases[*i])), &mut ctx, reads),
        Route::Thematique(i)
        | Route::Paged {
            of: Listing::Thematique(i),
            ..
        } => listing(
            site,
            shared,
            Some(("thematique", &site.thematiques[*i])),
            &mut ctx,
            reads,
        ),
        Route::Redirect { to, .. } => {
            // The target's address, read with its title.
            let to = &site.docs[*to].url;
            reads.title_at(site, to);
            ctx.insert("redirect_to", &site.link(to));
        }
        Route::SiteMap | Route::NotFound => {}
    }
    reads.template(
        named
            .as_ref()
            .map_or_else(|| super::default_template(site, route), |n| n.name.as_str()),
    );
    PageContext {
        template: named,
        context: ctx,
        source,
        reads: std::mem::take(reads).into_vec(),
    }
}

#[derive(Serialize)]
struct TermRef<'a> {
    kind: &'a str,
    slug: &'a str,
    name: &'a str,
    description: Option<&'a str>,
}

fn listing(site: &Site, shared: &Shared, term: Option<(&str, &Term)>, ctx: &mut Context, reads: &mut Reads) {
    let startups = match term {
        Some((_, t)) => Value::from(
            t.startups
                .iter()
                .map(|&pos| reads.summary(site, &shared.startups, pos))
                .collect::<Vec<_>>(),
        ),
        None => reads.all_summaries(&shared.startups),
    };
    ctx.insert_value("startups", startups);
    if let Some((kind, t)) = term {
        let t = reads.term(kind, t);
        ctx.insert(
            "term",
            &TermRef {
                kind,
                slug: &t.slug,
                name: &t.name,
                description: t.phase.map(|p| p.description),
            },
        );
    }
}

fn doc_context(site: &Site, shared: &Shared, i: usize, ctx: &mut Context, reads: &mut Reads) {
    let doc = &site.docs[i];
    match &doc.data {
        Data::Startup(s) => {
            let pos = site.startup_pos[i].unwrap_or(0);
            let entry = &site.startups[pos];
            let timeline = s
                .phases
                .iter()
                .enumerate()
                .map(|(k, p)| {
                    let info = crate::phase::lookup(&p.name);
                    PhaseRow {
                        name: &p.name,
                        label: info.map_or(p.name.as_str(), |i| i.label),
                        start: p.start,
                        start_fr: p.start.french(),
                        end: p.end,
                        end_fr: p.end.map(Date::french),
                        comment: p.comment.as_deref(),
                        current: entry.current == Some(k),
                        future: p.start > site.build_date,
                    }
                })
                .collect();
            let phase = phase_view(site, entry, reads);
            let view = StartupView {
                fiche: s,
                title: shown(site, &s.title),
                mission: shown(site, &s.mission),
                active: phase.as_ref().is_some_and(|p| p.active),
                phase,
                timeline,
                event_rows: s
                    .events
                    .iter()
                    .filter(|e| e.date <= site.build_date)
                    .map(|e| EventRow {
                        name: &e.name,
                        date: e.date,
                        date_fr: e.date.french(),
                        comment: e.comment.as_deref(),
                    })
                    .collect(),
                sponsor_orgs: org_refs(site, &entry.sponsors, reads),
                thematique_terms: thematique_terms(site, s, reads),
                previous: pos
                    .checked_sub(1)
                    .map(|p| reads.summary(site, &shared.startups, p)),
                next: (pos + 1 < shared.startups.len())
                    .then(|| reads.summary(site, &shared.startups, pos + 1)),
            };
            ctx.insert("startup", &view);
            share(site, doc, &s.title, ctx);
        }
        Data::News(n) => {
            share(site, doc, &n.title, ctx);
            ctx.insert("news", n);
            ctx.insert("date_fr", &n.date.french());
        }
        Data::Organisation(o) => {
            let view = OrganisationView {
                fiche: o,
                name: shown(site, &o.name),
            };
            ctx.insert("organisation", &view);
            let sponsored: Vec<Value> = site
                .sponsored
                .get(&i)
                .into_iter()
                .flatten()
                .map(|&pos| reads.summary(site, &shared.startups, pos))
                .collect();
            ctx.insert_value("startups", Value::from(sponsored));
        }
        Data::Page(p) => {
            if doc.url == "/startups/" {
                listing(site, shared, None, ctx, reads);
            }
            if !p.highlighted_startups.is_empty() {
                let highlighted: Vec<Value> = p
                    .highlighted_startups
                    .iter()
                    .filter_map(|id| {
                        site.startups
                            .iter()
                            .position(|e| startup(&site.docs[e.doc]).id == *id)
                    })
                    .map(|pos| reads.summary(site, &shared.startups, pos))
                    .collect();
                ctx.insert_value("highlighted", Value::from(highlighted));
            }
        }
    }
}

/// The `share` variable of a news or startup page, when `share` is on and the base URL
/// has a host (the networks need an absolute URL).
fn share(site: &Site, doc: &Document, title: &str, ctx: &mut Context) {
    if site.config.share && crate::hosting::origin(&site.config.base_url).is_some() {
        let url = crate::hosting::absolute(site, &doc.url);
        ctx.insert("share", &super::share::share(&url, title));
    }
}
