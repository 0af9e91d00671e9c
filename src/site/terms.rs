//! The taxonomies of the startups: their current phases and their thematiques, as terms
//! with the startups of each.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::content::Document;
use crate::phase;
use crate::slug::slugify;

use super::{StartupEntry, Term, sort_key, startup};

pub(super) fn phase_terms(docs: &[Arc<Document>], startups: &[StartupEntry]) -> Vec<Term> {
    let mut terms: BTreeMap<(u8, String), Term> = BTreeMap::new();
    for (pos, e) in startups.iter().enumerate() {
        let Some(cur) = e.current else { continue };
        let name = &startup(&docs[e.doc]).phases[cur].name;
        let info = phase::lookup(name);
        let order = info.map_or(u8::MAX, |i| i.order);
        terms
            .entry((order, name.clone()))
            .or_insert_with(|| Term {
                slug: slugify(name),
                name: info.map_or_else(|| name.clone(), |i| i.plural.to_string()),
                startups: Vec::new(),
                phase: info,
            })
            .startups
            .push(pos);
    }
    terms.into_values().filter(|t| !t.slug.is_empty()).collect()
}

/// The thématiques of the startups, by slug, named as the site shows them, but those the
/// settings hide (`hidden_thematiques`).
pub(super) fn thematique_terms(
    docs: &[Arc<Document>],
    startups: &[StartupEntry],
    hidden: &[String],
) -> Vec<Term> {
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    for (pos, e) in startups.iter().enumerate() {
        for t in &startup(&docs[e.doc]).thematiques {
            let slug = slugify(t);
            if slug.is_empty() || crate::thematique::is_hidden(t, hidden) {
                continue;
            }
            let term = terms.entry(slug.clone()).or_insert_with(|| Term {
                slug,
                name: crate::thematique::display(t),
                startups: Vec::new(),
                phase: None,
            });
            if term.startups.last() != Some(&pos) {
                term.startups.push(pos);
            }
        }
    }
    let mut out: Vec<Term> = terms.into_values().collect();
    out.sort_by_cached_key(|t| (sort_key(&t.name), t.slug.clone()));
    out
}
