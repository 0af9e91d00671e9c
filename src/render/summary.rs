//! What pages show of other documents: the summary of a startup (listings, previous and
//! next), its phase, its thematiques and the organisations that sponsor it.

use std::borrow::Cow;

use serde::Serialize;
use tera::Value;

use crate::content::{Data, Startup};
use crate::date::Date;
use crate::images::View;
use crate::markdown::Rendered;
use crate::phase::PhaseInfo;
use crate::site::{Site, StartupEntry, Term, startup};

use super::reads::Reads;
use super::typeset::shown;

#[derive(Serialize)]
pub(super) struct PhaseView<'a> {
    name: &'a str,
    /// Slug of the phase's listing page (`/startups/phase/<slug>/`).
    slug: Option<&'a str>,
    label: &'a str,
    plural: &'a str,
    description: &'a str,
    pub(super) active: bool,
    start: Option<Date>,
    start_fr: Option<String>,
    url: Option<String>,
}

#[derive(Serialize)]
pub(super) struct TermView<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    phase: Option<&'a PhaseInfo>,
}

#[derive(Serialize)]
pub(super) struct OrgRef<'a> {
    id: &'a str,
    pub(super) name: Cow<'a, str>,
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
    /// The cover image (`image:`), ready to show: cards show it where `image()` cannot
    /// be called (a component, a shortcode in a body).
    image: Option<View>,
}

/// The widest copy a card shows: cards are at most a third of the page wide.
const CARD_WIDTH: u32 = 960;

/// The cover of a startup's rendered body as its card shows it: its copies up to
/// [`CARD_WIDTH`], without alternative text (the card's link names the startup).
fn card_image(site: &Site, body: Option<&Rendered>) -> Option<View> {
    let cover = body?.cover.as_ref()?.as_ref().ok()?;
    View::new(&cover.picture, &site.base_path, "")?.with_variants(|w| w <= CARD_WIDTH)
}

/// The current phase of a startup, with its term (read through `reads`).
pub(super) fn phase_view<'a>(
    site: &'a Site,
    entry: &'a StartupEntry,
    reads: &mut Reads,
) -> Option<PhaseView<'a>> {
    let s = startup(&site.docs[entry.doc]);
    let p = &s.phases[entry.current?];
    let info = crate::phase::lookup(&p.name);
    let term = site
        .phases
        .iter()
        .find(|t| t.phase.map(|i| i.name) == info.map(|i| i.name))
        .map(|t| reads.term("phase", t));
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

pub(super) fn term_view<'a>(site: &Site, t: &'a Term, base: &str) -> TermView<'a> {
    TermView {
        slug: &t.slug,
        name: &t.name,
        url: site.link(&format!("{base}{}/", t.slug)),
        count: t.startups.len(),
        phase: t.phase,
    }
}

/// The summary of one startup that listings show (`site.startups`, `startups`). `body`:
/// the startup's rendered body, for its cover image (none before the bodies are made).
pub fn summary(site: &Site, entry: &StartupEntry, body: Option<&Rendered>) -> Value {
    let doc = &site.docs[entry.doc];
    let s = startup(doc);
    // What a summary reads is not a page's: a page reads the summary's value.
    let reads = &mut Reads::default();
    let thematiques = thematique_terms(site, s, reads);
    let phase = phase_view(site, entry, reads);
    let summary = StartupSummary {
        id: &s.id,
        title: shown(site, &s.title),
        mission: shown(site, &s.mission),
        url: site.link(&doc.url),
        active: phase.as_ref().is_some_and(|p| p.active),
        phase,
        thematiques,
        sponsors: org_refs(site, &entry.sponsors, reads),
        link: s.link.as_deref(),
        accessibility_status: s.accessibility_status.as_deref(),
        image: card_image(site, body),
    };
    Value::from_serializable(&summary)
}

/// The thematiques of a startup that are terms of the site (read through `reads`).
pub(super) fn thematique_terms<'a>(site: &'a Site, s: &Startup, reads: &mut Reads) -> Vec<TermView<'a>> {
    s.thematiques
        .iter()
        .filter_map(|name| {
            let slug = crate::slug::slugify(name);
            site.thematiques.iter().find(|t| t.slug == slug)
        })
        .map(|t| term_view(site, reads.term("thematique", t), crate::site::THEMATIQUE_URL))
        .collect()
}

/// The organisations `docs` as startup pages name them (read through `reads`).
pub(super) fn org_refs<'a>(site: &'a Site, docs: &[usize], reads: &mut Reads) -> Vec<OrgRef<'a>> {
    docs.iter()
        .filter_map(|&i| match &reads.org(site, i).data {
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
