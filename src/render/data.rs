//! The `site` template variable: the data every page shares, built once per build
//! (settings, menus, news, pages, organisations, figures, and the startup summaries).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;
use tera::Value;

use crate::content::{Data, Kind};
use crate::date::Date;
use crate::markdown::Rendered;
use crate::site::Site;

use super::summary::{OrgRef, TermView, org_refs, term_view};
use super::typeset::shown;

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
pub(super) struct LinkView {
    title: String,
    url: String,
    /// Site path (without base path) for matching the current page; empty when external.
    pub(super) path: String,
    icon: Option<String>,
    external: bool,
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

pub(super) fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Home => "home",
        Kind::Section => "section",
        Kind::Page => "page",
        Kind::Startup => "startup",
        Kind::Organisation => "organisation",
        Kind::News => "news",
    }
}

pub(super) fn link_view(site: &Site, l: &crate::config::Link) -> LinkView {
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

/// Builds the shared data. `assets` maps asset names to their written names.
pub fn shared(site: &Site, assets: HashMap<String, String>) -> Shared {
    let startups: Vec<Value> = site
        .startups
        .iter()
        .map(|e| super::summary::summary(site, e, None))
        .collect();
    shared_from(site, Arc::new(assets), startups, &[])
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
            // Part of the shared data, which no page's reads list.
            let ignored = &mut super::reads::Reads::default();
            let mut orgs = org_refs(
                site,
                &site.organisations.values().copied().collect::<Vec<_>>(),
                ignored,
            );
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
