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

/// The whole document; `R`, each startup as it is written.
#[derive(Serialize)]
struct Document<'a, R> {
    links: Links,
    meta: Meta<'a>,
    data: Vec<R>,
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
    use rayon::prelude::*;
    let mut order: Vec<&StartupEntry> = site.startups.iter().collect();
    order.sort_by_key(|e| startup(&site.docs[e.doc]).id.as_str());
    // Each startup is written on its own (21 MB of JSON at 10,000 startups), as it stands
    // in the document, then put in the document's `data`: a chunk at a time, each on the
    // pool, so that the startups are not held twice, apart and in the document.
    let empty = document(site, Vec::<Resource<'_>>::new(), order.len());
    let Some(at) = (!order.is_empty())
        .then(|| find(&empty.bytes, EMPTY_DATA))
        .flatten()
    else {
        return empty;
    };
    let (head, tail) = empty.bytes.split_at(at + EMPTY_DATA.len() - 1);
    let mut bytes = head.to_vec();
    for (n, chunk) in order.chunks(CHUNK).enumerate() {
        let data: Vec<Vec<u8>> = chunk.par_iter().map(|e| placed(&resource(site, e))).collect();
        if n == 0 {
            // The document is grown once, to what the first chunk says the whole will
            // take, rather than doubled and copied as it fills (25 ms at 10,000).
            let first: usize = data.iter().map(|d| d.len() + 6).sum();
            bytes.reserve(first / chunk.len() * order.len() / 16 * 17 + tail.len());
        }
        for (i, d) in data.iter().enumerate() {
            bytes.extend_from_slice(if n == 0 && i == 0 { b"\n    " } else { b",\n    " });
            bytes.extend_from_slice(d);
        }
    }
    bytes.extend_from_slice(b"\n  ");
    bytes.extend_from_slice(tail);
    Output {
        path: PATH.into(),
        bytes,
    }
}

/// Startups written at once ([`startups`]): enough for the pool's threads to share, few
/// enough that they are a small part of the document. Two in tests, whose sites are small,
/// so that they go through several chunks.
const CHUNK: usize = if cfg!(test) { 2 } else { 512 };

/// `data` of a document without startups, as pretty-printed JSON writes it. Its quotes are
/// not escaped: it is the key itself, not a string value holding the same letters.
const EMPTY_DATA: &[u8] = b"\"data\": []";

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A startup pretty-printed as it stands in the document: two levels down, inside `data`.
/// JSON text has no line break but between tokens, so every line after the first is
/// indented by those two levels (put in after the whole startup is written: serde writes
/// token by token, and looking at each of its writes cost more than the writing).
fn placed(resource: &Resource<'_>) -> Vec<u8> {
    const INDENT: &[u8] = b"    ";
    let flat = serde_json::to_vec_pretty(resource).expect("a startup serializes to JSON");
    let breaks = memchr::memchr_iter(b'\n', &flat).count();
    let mut out = Vec::with_capacity(flat.len() + breaks * INDENT.len());
    let mut from = 0;
    for at in memchr::memchr_iter(b'\n', &flat) {
        out.extend_from_slice(&flat[from..=at]);
        out.extend_from_slice(INDENT);
        from = at + 1;
    }
    out.extend_from_slice(&flat[from..]);
    out
}

/// The document around `data` (`count` startups), pretty-printed.
fn document<R: Serialize>(site: &Site, data: Vec<R>, count: usize) -> Output {
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
            count,
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

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::config::SiteConfig;
    use crate::content::parse_document;

    /// The real site's content with the corpus-like variety of its fiches: written one
    /// startup at a time, the document is the bytes of one pretty-printed whole.
    #[test]
    fn startups_written_apart_make_the_document_written_whole() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::content::load(root);
        let mut diags = Vec::new();
        let mut docs: Vec<Arc<crate::content::Document>> =
            loaded.documents.into_iter().map(Arc::new).collect();
        let fiche = "---\ntitle: \"Guillemets \\\" et\\nligne\"\nmission: M\nincubator: c\ncontact: a@b.fr\n\
                     phases: [{name: investigation, start: 2024-01-01, comment: \"a\\tb\"}]\n---\n";
        let extra = parse_document(
            Path::new("content/startups/zz.md"),
            "startups/zz.md",
            fiche,
            &mut diags,
        );
        docs.push(Arc::new(extra.unwrap()));
        let config = SiteConfig {
            base_url: "https://example.org/".into(),
            title: "Un titre \"data\": [] piégé".into(),
            ..SiteConfig::default()
        };
        let date = Date::parse("2026-01-01").unwrap();
        let site = Site::new(config.clone(), date, docs, &mut diags);
        assert!(site.startups.len() > 5);
        let mut whole: Vec<Resource<'_>> = site.startups.iter().map(|e| resource(&site, e)).collect();
        whole.sort_by(|a, b| a.id.cmp(b.id));
        let count = whole.len();
        let expected = document(&site, whole, count);
        let written = startups(&site);
        assert_eq!(
            String::from_utf8(written.bytes).unwrap(),
            String::from_utf8(expected.bytes).unwrap()
        );
        let none = Site::new(config, date, Vec::new(), &mut diags);
        assert_eq!(
            startups(&none).bytes,
            document(&none, Vec::<Resource<'_>>::new(), 0).bytes
        );
    }
}
