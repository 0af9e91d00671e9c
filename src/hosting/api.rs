//! `api/startups.json`: every startup as open data, in the shape of the beta.gouv.fr startup
//! API (`{links, data: [{id, type, attributes, relationships}], included}`), plus the
//! current phase as of the build date and the page URL. Every key is always present (`null`
//! or `[]` when the fiche says nothing), startups are sorted by id: the same content gives
//! the same bytes. The shape is documented in `docs/api.md`; change both together.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::content::{Data, Event, Phase};
use crate::date::Date;
use crate::pipeline::Output;
use crate::site::{Site, StartupEntry, startup};

pub const PATH: &str = "api/startups.json";
/// Version of the shape, bumped on any incompatible change.
pub const VERSION: &str = "1.0";

#[derive(Serialize)]
struct Document<'a> {
    links: Links,
    meta: Meta<'a>,
    data: Vec<Resource<'a>>,
    included: Vec<OrganisationResource<'a>>,
}

#[derive(Serialize)]
struct Links {
    #[serde(rename = "self")]
    this: String,
}

#[derive(Serialize)]
struct Meta<'a> {
    version: &'static str,
    /// The build date: current phases are computed as of that day.
    date: Date,
    count: usize,
    site: &'a str,
}

#[derive(Serialize)]
struct Resource<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    attributes: Attributes<'a>,
    relationships: Relationships<'a>,
    links: Links,
}

#[derive(Serialize)]
struct Attributes<'a> {
    name: &'a str,
    pitch: &'a str,
    url: String,
    current_phase: Option<CurrentPhase<'a>>,
    active: bool,
    link: Option<&'a str>,
    repository: Option<&'a str>,
    contact: &'a str,
    incubator: &'a str,
    sponsors: Vec<String>,
    phases: &'a [Phase],
    events: &'a [Event],
    usertypes: &'a [String],
    thematiques: &'a [String],
    techno: &'a [String],
    accessibility_status: Option<&'a str>,
    stats: bool,
    stats_url: Option<&'a str>,
    budget_url: Option<&'a str>,
    dashlord_url: Option<&'a str>,
    impact_url: Option<&'a str>,
}

#[derive(Serialize)]
struct CurrentPhase<'a> {
    name: &'a str,
    label: &'a str,
    start: Date,
}

#[derive(Serialize)]
struct Relationships<'a> {
    incubator: One<'a>,
    sponsors: Many<'a>,
}

#[derive(Serialize)]
struct One<'a> {
    data: Identifier<'a>,
}

#[derive(Serialize)]
struct Many<'a> {
    data: Vec<Identifier<'a>>,
}

#[derive(Serialize)]
struct Identifier<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
}

#[derive(Serialize)]
struct OrganisationResource<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    attributes: OrganisationAttributes<'a>,
    links: Links,
}

#[derive(Serialize)]
struct OrganisationAttributes<'a> {
    name: &'a str,
    acronym: Option<&'a str>,
    #[serde(rename = "type")]
    kind: Option<&'a str>,
    domaine_ministeriel: Option<&'a str>,
    website: Option<&'a str>,
}

fn resource<'a>(site: &'a Site, entry: &StartupEntry) -> Resource<'a> {
    let doc = &site.docs[entry.doc];
    let s = startup(doc);
    let current = entry.current.map(|k| {
        let p = &s.phases[k];
        CurrentPhase {
            name: &p.name,
            label: crate::phase::lookup(&p.name).map_or(p.name.as_str(), |i| i.label),
            start: p.start,
        }
    });
    let active = entry
        .current
        .and_then(|k| crate::phase::lookup(&s.phases[k].name))
        .is_some_and(|i| i.active);
    let url = super::absolute(site, &doc.url);
    Resource {
        id: &s.id,
        kind: "startup",
        attributes: Attributes {
            name: &s.title,
            pitch: &s.mission,
            url: url.clone(),
            current_phase: current,
            active,
            link: s.link.as_deref(),
            repository: s.repository.as_deref(),
            contact: &s.contact,
            incubator: &s.incubator,
            sponsors: s
                .sponsors
                .iter()
                .map(|id| format!("/organisations/{id}"))
                .collect(),
            phases: &s.phases,
            events: &s.events,
            usertypes: &s.usertypes,
            thematiques: &s.thematiques,
            techno: &s.techno,
            accessibility_status: s.accessibility_status.as_deref(),
            stats: s.stats,
            stats_url: s.stats_url.as_deref(),
            budget_url: s.budget_url.as_deref(),
            dashlord_url: s.dashlord_url.as_deref(),
            impact_url: s.impact_url.as_deref(),
        },
        relationships: Relationships {
            incubator: One {
                data: Identifier {
                    kind: "incubator",
                    id: &s.incubator,
                },
            },
            sponsors: Many {
                data: s
                    .sponsors
                    .iter()
                    .map(|id| Identifier {
                        kind: "organisation",
                        id,
                    })
                    .collect(),
            },
        },
        links: Links { this: url },
    }
}

/// The open data file of the startups.
pub fn startups(site: &Site) -> Output {
    let mut data: Vec<Resource<'_>> = site.startups.iter().map(|e| resource(site, e)).collect();
    data.sort_by(|a, b| a.id.cmp(b.id));
    let sponsors: BTreeSet<usize> = site
        .startups
        .iter()
        .flat_map(|e| e.sponsors.iter().copied())
        .collect();
    let mut included: Vec<OrganisationResource<'_>> = sponsors
        .into_iter()
        .filter_map(|i| match &site.docs[i].data {
            Data::Organisation(o) => Some(OrganisationResource {
                id: &o.id,
                kind: "organisation",
                attributes: OrganisationAttributes {
                    name: &o.name,
                    acronym: o.acronym.as_deref(),
                    kind: o.kind.as_deref(),
                    domaine_ministeriel: o.domaine_ministeriel.as_deref(),
                    website: o.website.as_deref(),
                },
                links: Links {
                    this: super::absolute(site, &site.docs[i].url),
                },
            }),
            _ => None,
        })
        .collect();
    included.sort_by(|a, b| a.id.cmp(b.id));
    let doc = Document {
        links: Links {
            this: super::absolute(site, PATH),
        },
        meta: Meta {
            version: VERSION,
            date: site.build_date,
            count: data.len(),
            site: &site.config.title,
        },
        data,
        included,
    };
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("the API document serializes to JSON");
    bytes.push(b'\n');
    // Serialization grows the buffer by doubling: 33 MB held for 21 MB of JSON at 10,000
    // startups.
    bytes.shrink_to_fit();
    Output {
        path: PATH.into(),
        bytes,
    }
}
