//! What templates see: `site` (shared by every page, built once per build) and each
//! page's own `page` and kind-specific variables.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Value};

use crate::content::{Data, Document, Kind};
use crate::date::Date;
use crate::markdown::{Rendered, TocEntry};
use crate::phase::PhaseInfo;
use crate::site::{Route, Site, StartupEntry, Term, startup};

/// The data every page shares, serialized once per build.
#[derive(Clone)]
pub struct Shared {
    /// The `site` template variable.
    pub site: Value,
    pub base_path: String,
    /// Asset path as templates name it → path written (content-hashed names, later).
    pub assets: Arc<HashMap<String, String>>,
    /// One summary per startup, in list order, reused by listing pages.
    pub startups: Vec<Value>,
    /// French typography on (`typography` setting, French site): the `french` filter's switch.
    pub typography: bool,
}

#[derive(Serialize)]
struct LinkView {
    title: String,
    url: String,
    /// Site path (without base path) for matching the current page; empty when external.
    path: String,
    icon: Option<String>,
    external: bool,
}

#[derive(Serialize)]
struct PhaseView<'a> {
    name: &'a str,
    /// Slug of the phase's listing page (`/startups/phase/<slug>/`).
    slug: Option<&'a str>,
    label: &'a str,
    plural: &'a str,
    description: &'a str,
    active: bool,
    start: Option<Date>,
    start_fr: Option<String>,
    url: Option<String>,
}

#[derive(Serialize)]
struct TermView<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    phase: Option<&'a PhaseInfo>,
}

#[derive(Serialize)]
struct OrgRef<'a> {
    id: &'a str,
    name: Cow<'a, str>,
    acronym: Option<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct StartupSummary<'a> {
    id: &'a str,
    title: Cow<'a, str>,
    mission: Cow<'a, str>,
    url: String,
    phase: Option<PhaseView<'a>>,
    active: bool,
    thematiques: Vec<TermView<'a>>,
    sponsors: Vec<OrgRef<'a>>,
    link: Option<&'a str>,
    accessibility_status: Option<&'a str>,
}

#[derive(Serialize)]
struct NewsSummary<'a> {
    title: Cow<'a, str>,
    url: String,
    date: Date,
    date_fr: String,
    description: Option<Cow<'a, str>>,
    /// The site path of the cover image (`image:`), for `image(path=...)`.
    image: Option<String>,
}

#[derive(Serialize)]
struct PageRef<'a> {
    title: Cow<'a, str>,
    url: String,
    path: &'a str,
    kind: &'static str,
    weight: i64,
}

#[derive(Serialize)]
struct Figures {
    startups: usize,
    active: usize,
    by_phase: Vec<(String, usize)>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: Cow<'a, str>,
    tagline: Cow<'a, str>,
    official_title: &'a str,
    description: Cow<'a, str>,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    accessibility_status: &'static str,
    contact_email: Option<&'a str>,
    /// The host, for the legal notice (`hosting:` in `site.yaml`).
    hosting: Option<&'a crate::config::Hosting>,
    menu: Vec<LinkView>,
    quick_links: Vec<LinkView>,
    footer_description: Cow<'a, str>,
    footer_links: Vec<LinkView>,
    build_date: Date,
    build_date_fr: String,
    phases: Vec<TermView<'a>>,
    thematiques: Vec<TermView<'a>>,
    news: Vec<NewsSummary<'a>>,
    /// Every image shown with variants, by site path (see [`image_views`]).
    images: BTreeMap<String, crate::images::View>,
    pages: Vec<PageRef<'a>>,
    /// Every organisation, by name.
    organisations: Vec<OrgRef<'a>>,
    figures: Figures,
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Home => "home",
        Kind::Section => "section",
        Kind::Page => "page",
        Kind::Startup => "startup",
        Kind::Organisation => "organisation",
        Kind::News => "news",
    }
}

fn link_view(site: &Site, l: &crate::config::Link) -> LinkView {
    let external =
        l.url.starts_with("http://") || l.url.starts_with("https://") || l.url.starts_with("mailto:");
    let path = if external {
        String::new()
    } else if let Some(rel) = l.url.strip_prefix("@/") {
        site.by_rel
            .get(rel)
            .map_or_else(|| l.url.clone(), |&i| site.docs[i].url.clone())
    } else {
        l.url.clone()
    };
    let url = if external { l.url.clone() } else { site.link(&path) };
    LinkView {
        title: l.title.clone(),
        url,
        path,
        icon: l.icon.clone(),
        external,
    }
}

fn phase_view<'a>(site: &'a Site, entry: &'a StartupEntry) -> Option<PhaseView<'a>> {
    let s = startup(&site.docs[entry.doc]);
    let p = &s.phases[entry.current?];
    let info = crate::phase::lookup(&p.name);
    let term = site
        .phases
        .iter()
        .find(|t| t.phase.map(|i| i.name) == info.map(|i| i.name));
    Some(PhaseView {
        name: &p.name,
        slug: term.map(|t| t.slug.as_str()),
        label: info.map_or(p.name.as_str(), |i| i.label),
        plural: info.map_or(p.name.as_str(), |i| i.plural),
        description: info.map_or("", |i| i.description),
        active: info.is_some_and(|i| i.active),
        start: Some(p.start),
        start_fr: Some(p.start.french()),
        url: term.map(|t| site.link(&format!("{}{}/", crate::site::PHASE_URL, t.slug))),
    })
}

fn term_view<'a>(site: &Site, t: &'a Term, base: &str) -> TermView<'a> {
    TermView {
        slug: &t.slug,
        name: &t.name,
        url: site.link(&format!("{base}{}/", t.slug)),
        count: t.startups.len(),
        phase: t.phase,
    }
}

/// The summary of one startup that listings show (`site.startups`, `startups`).
pub fn summary(site: &Site, entry: &StartupEntry) -> Value {
    let doc = &site.docs[entry.doc];
    let s = startup(doc);
    let thematiques = s
        .thematiques
        .iter()
        .filter_map(|name| {
            let slug = crate::slug::slugify(name);
            site.thematiques.iter().find(|t| t.slug == slug)
        })
        .map(|t| term_view(site, t, crate::site::THEMATIQUE_URL))
        .collect();
    let summary = StartupSummary {
        id: &s.id,
        title: shown(site, &s.title),
        mission: shown(site, &s.mission),
        url: site.link(&doc.url),
        phase: phase_view(site, entry),
        active: phase_view(site, entry).is_some_and(|p| p.active),
        thematiques,
        sponsors: org_refs(site, &entry.sponsors),
        link: s.link.as_deref(),
        accessibility_status: s.accessibility_status.as_deref(),
    };
    Value::from_serializable(&summary)
}

fn org_refs<'a>(site: &'a Site, docs: &[usize]) -> Vec<OrgRef<'a>> {
    docs.iter()
        .filter_map(|&i| match &site.docs[i].data {
            Data::Organisation(o) => Some(OrgRef {
                id: &o.id,
                name: shown(site, &o.name),
                acronym: o.acronym.as_deref(),
                url: site.link(&site.docs[i].url),
            }),
            _ => None,
        })
        .collect()
}

/// Builds the shared data. `assets` maps asset names to their written names.
pub fn shared(site: &Site, assets: HashMap<String, String>) -> Shared {
    let startups: Vec<Value> = site.startups.iter().map(|e| summary(site, e)).collect();
    shared_from(site, Arc::new(assets), startups, &[])
}

/// What templates see of the cover image of a rendered document, when it has one.
fn cover_view(site: &Site, body: &Rendered) -> Option<crate::images::View> {
    let c = body.cover.as_ref()?.as_ref().ok()?;
    crate::images::View::new(&c.picture, &site.base_path, &c.alt)
}

/// Every image the site shows with variants (the bodies' and the covers'), by site path
/// (`/img/x.jpg`, without the base path): what the templates' `image()` function finds.
fn image_views(site: &Site, bodies: &[Arc<Rendered>]) -> BTreeMap<String, crate::images::View> {
    let mut out = BTreeMap::new();
    for body in bodies {
        let cover = match &body.cover {
            Some(Ok(c)) => Some(&c.picture),
            _ => None,
        };
        for p in body.pictures.iter().map(|(_, p)| p).chain(cover) {
            let key = format!("/{}", p.dest);
            if !out.contains_key(&key)
                && let Some(view) = crate::images::View::new(p, &site.base_path, "")
            {
                out.insert(key, view);
            }
        }
    }
    out
}

/// Builds the shared data from the startup summaries already made, in list order
/// (`serve` keeps them between edits). Cheap in the number of startups: the summaries are
/// shared, not copied. `bodies`: the rendered documents, by index, for their cover images
/// (none when empty).
pub fn shared_from(
    site: &Site,
    assets: Arc<HashMap<String, String>>,
    startups: Vec<Value>,
    bodies: &[Arc<Rendered>],
) -> Shared {
    let c = &site.config;
    let news = site
        .news
        .iter()
        .filter_map(|&i| match &site.docs[i].data {
            Data::News(n) => Some(NewsSummary {
                title: shown(site, &n.title),
                url: site.link(&site.docs[i].url),
                date: n.date,
                date_fr: n.date.french(),
                description: n.description.as_deref().map(|d| shown(site, d)),
                image: match bodies.get(i).and_then(|b| b.cover.as_ref()) {
                    Some(Ok(c)) => Some(format!("/{}", c.dest)),
                    _ => None,
                },
            }),
            _ => None,
        })
        .collect();
    let mut pages: Vec<PageRef<'_>> = site
        .docs
        .iter()
        .filter(|d| matches!(d.kind, Kind::Home | Kind::Section | Kind::Page))
        .map(|d| PageRef {
            title: shown(site, d.title()),
            url: site.link(&d.url),
            path: &d.url,
            kind: kind_name(d.kind),
            weight: match &d.data {
                Data::Page(p) => p.weight,
                _ => 0,
            },
        })
        .collect();
    pages.sort_by(|a, b| {
        (a.weight, crate::site::sort_key(&a.title)).cmp(&(b.weight, crate::site::sort_key(&b.title)))
    });
    let figures = Figures {
        startups: site.startups.len(),
        active: site
            .phases
            .iter()
            .filter(|t| t.phase.is_some_and(|p| p.active))
            .map(|t| t.startups.len())
            .sum(),
        by_phase: site
            .phases
            .iter()
            .map(|t| (t.name.clone(), t.startups.len()))
            .collect(),
    };
    let view = SiteView {
        title: shown(site, &c.title),
        tagline: shown(site, &c.tagline),
        official_title: &c.official_title,
        description: shown(site, &c.description),
        base_url: &c.base_url,
        base_path: &site.base_path,
        language: &c.language,
        accessibility_status: c.accessibility_status.label(),
        contact_email: c.contact_email.as_deref(),
        hosting: c.hosting.as_ref(),
        menu: c.menu.iter().map(|l| link_view(site, l)).collect(),
        quick_links: c.quick_links.iter().map(|l| link_view(site, l)).collect(),
        footer_description: shown(site, &c.footer.description),
        footer_links: c.footer.links.iter().map(|l| link_view(site, l)).collect(),
        build_date: site.build_date,
        build_date_fr: site.build_date.french(),
        phases: site
            .phases
            .iter()
            .map(|t| term_view(site, t, crate::site::PHASE_URL))
            .collect(),
        thematiques: site
            .thematiques
            .iter()
            .map(|t| term_view(site, t, crate::site::THEMATIQUE_URL))
            .collect(),
        news,
        images: image_views(site, bodies),
        pages,
        organisations: {
            let mut orgs = org_refs(site, &site.organisations.values().copied().collect::<Vec<_>>());
            orgs.sort_by_cached_key(|o| crate::site::sort_key(&o.name));
            orgs
        },
        figures,
    };
    let mut map = Value::from_serializable(&view).into_map().unwrap_or_default();
    map.insert("startups".into(), Value::from(startups.clone()));
    Shared {
        site: Value::from(map),
        base_path: site.base_path.clone(),
        assets,
        startups,
        typography: site.config.french_typography(),
    }
}

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

fn menu_active(site: &Site, path: &str) -> String {
    site.config
        .menu
        .iter()
        .map(|l| link_view(site, l).path)
        .filter(|p| !p.is_empty() && (p == path || (p != "/" && path.starts_with(p.as_str()))))
        .max_by_key(String::len)
        .unwrap_or_default()
}

/// Front matter and settings text as pages show it: typeset when the site is French and
/// `typography` is on (the body's text is typeset by `markdown`).
fn shown<'a>(site: &Site, text: &'a str) -> Cow<'a, str> {
    if site.config.french_typography() {
        crate::typography::french(text)
    } else {
        Cow::Borrowed(text)
    }
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
fn generated_title(site: &Site, route: &Route) -> (String, String) {
    match route {
        Route::Phase(i) => {
            let t = &site.phases[*i];
            (
                format!("Startups : {}", t.name.to_lowercase()),
                t.phase.map_or_else(String::new, |p| p.description.to_string()),
            )
        }
        Route::Thematique(i) => {
            let t = &site.thematiques[*i];
            (
                format!("Startups : {}", t.name),
                format!("Les startups de l’Atelier sur la thématique {}.", t.name),
            )
        }
        Route::SiteMap => ("Plan du site".into(), "Toutes les pages du site.".into()),
        Route::NotFound => ("Page non trouvée".into(), "La page demandée n’existe pas.".into()),
        Route::Redirect { to, .. } => (site.docs[*to].title().to_string(), String::new()),
        Route::Doc(_) | Route::Paged { .. } => unreachable!(),
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
}

/// The template, the context and the source file of one route.
pub fn page_context(site: &Site, bodies: &[Arc<Rendered>], shared: &Shared, route: &Route) -> PageContext {
    let mut ctx = Context::new();
    let path = site.url(route);
    let empty = Rendered::default();
    // A page reads its own body and no other: `build` lets go of a body's HTML once its page
    // is rendered (`Project::render_pages_once`).
    let (doc, body) = match route {
        Route::Doc(i) | Route::Paged { doc: i, .. } => (Some(&*site.docs[*i]), &*bodies[*i]),
        _ => (None, &empty),
    };
    // A listing split into pages: its number here, and how it splits.
    let paging = Site::doc_of(route).and_then(|i| Some((i, site.paging(i)?)));
    let number = match route {
        Route::Paged { page, .. } => *page,
        _ => 1,
    };
    let (title, desc) = match doc {
        Some(d) => (d.title().to_string(), description(site, Some(d), Some(body))),
        None => generated_title(site, route),
    };
    let title = match paging {
        Some((_, p)) if number > 1 => format!("{title} – page {number} sur {}", p.pages),
        _ => title,
    };
    let mut breadcrumbs: Vec<Crumb> = site
        .ancestors(&path)
        .into_iter()
        .map(|(p, t)| Crumb {
            title: shown(site, &t).into_owned(),
            url: site.link(&p),
        })
        .collect();
    if matches!(route, Route::Phase(_) | Route::Thematique(_))
        && !breadcrumbs.iter().any(|c| c.url == site.link("/startups/"))
    {
        if let Some(t) = site.title_at("/startups/") {
            breadcrumbs.push(Crumb {
                title: shown(site, &t).into_owned(),
                url: site.link("/startups/"),
            });
        }
    }
    let (summary_flag, extra, template) = match doc.map(|d| &d.data) {
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
            Route::Doc(i) | Route::Paged { doc: i, .. } => kind_name(site.docs[*i].kind),
            Route::Phase(_) => "phase",
            Route::Thematique(_) => "thematique",
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
        menu_active: menu_active(site, &path),
    };
    ctx.insert("page", &page);
    ctx.insert("meta", &super::meta::page_meta(site, route, body));
    let source = doc.map_or_else(
        || PathBuf::from(format!("(generated page {path})")),
        |d| d.path.clone(),
    );
    if let Some((i, p)) = paging {
        ctx.insert("paginator", &super::paginator::paginator(site, i, p, number));
    }
    match route {
        Route::Doc(i) | Route::Paged { doc: i, .. } => doc_context(site, shared, *i, &mut ctx),
        Route::Phase(i) => listing(shared, Some(("phase", &site.phases[*i])), &mut ctx),
        Route::Thematique(i) => listing(shared, Some(("thematique", &site.thematiques[*i])), &mut ctx),
        Route::Redirect { to, .. } => ctx.insert("redirect_to", &site.link(&site.docs[*to].url)),
        Route::SiteMap | Route::NotFound => {}
    }
    PageContext {
        template,
        context: ctx,
        source,
    }
}

#[derive(Serialize)]
struct TermRef<'a> {
    kind: &'a str,
    slug: &'a str,
    name: &'a str,
    description: Option<&'a str>,
}

fn listing(shared: &Shared, term: Option<(&str, &Term)>, ctx: &mut Context) {
    let startups: Vec<Value> = match term {
        Some((_, t)) => t
            .startups
            .iter()
            .map(|&pos| shared.startups[pos].clone())
            .collect(),
        None => shared.startups.clone(),
    };
    ctx.insert_value("startups", Value::from(startups));
    if let Some((kind, t)) = term {
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

fn doc_context(site: &Site, shared: &Shared, i: usize, ctx: &mut Context) {
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
            let phase = phase_view(site, entry);
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
                sponsor_orgs: org_refs(site, &entry.sponsors),
                thematique_terms: s
                    .thematiques
                    .iter()
                    .filter_map(|name| {
                        let slug = crate::slug::slugify(name);
                        site.thematiques.iter().find(|t| t.slug == slug)
                    })
                    .map(|t| term_view(site, t, crate::site::THEMATIQUE_URL))
                    .collect(),
                previous: pos.checked_sub(1).map(|p| shared.startups[p].clone()),
                next: shared.startups.get(pos + 1).cloned(),
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
                .map(|&pos| shared.startups[pos].clone())
                .collect();
            ctx.insert_value("startups", Value::from(sponsored));
        }
        Data::Page(p) => {
            if doc.url == "/startups/" {
                listing(shared, None, ctx);
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
                    .map(|pos| shared.startups[pos].clone())
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
