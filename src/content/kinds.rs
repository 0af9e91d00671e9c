//! The typed front matter of each kind of content file, as editors write it.
//!
//! Every field is optional at this level so that one run can report all missing keys;
//! required keys are checked in [`super::load`]. Strings are trimmed and empty strings
//! mean absent (see [`super::text`]).

use serde::Deserialize;

use super::yaml::{Seg, fields};
use crate::date::Date;
use crate::text::Text;

/// A startup fiche, compatible with the beta.gouv.fr format.
#[derive(Debug, Deserialize, Default)]
pub struct StartupFm {
    pub title: Option<Text>,
    pub mission: Option<Text>,
    pub incubator: Option<Text>,
    pub incubators: Option<Vec<Text>>,
    pub contact: Option<Text>,
    pub phases: Option<Vec<PhaseFm>>,
    pub link: Option<Text>,
    pub repository: Option<Text>,
    pub stats: Option<bool>,
    pub stats_url: Option<Text>,
    pub impact_url: Option<Text>,
    pub dashlord_url: Option<Text>,
    pub budget_url: Option<Text>,
    pub analyse_risques: Option<bool>,
    pub analyse_risques_url: Option<Text>,
    pub mon_service_securise: Option<bool>,
    pub accessibility_status: Option<Text>,
    pub sponsors: Option<Vec<Text>>,
    pub usertypes: Option<Vec<Text>>,
    pub thematiques: Option<Vec<Text>>,
    pub techno: Option<Vec<Text>>,
    pub events: Option<Vec<EventFm>>,
    pub redirect_from: Option<Vec<Text>>,
    pub fast: Option<FastFm>,
    pub contact_dinum: Option<Text>,
    pub contact_incubator: Option<Text>,
    pub robots: Option<Text>,
    /// `true` keeps the fiche out of the published site (`serve` shows it).
    pub draft: Option<bool>,
    /// Personal-data register of the beta.gouv.fr network: accepted, not used.
    pub rgpd: Option<serde_yaml::Value>,
    /// `local`: the site wrote or rewrote this fiche, and `atelier import` never replaces it.
    pub source: Option<Text>,
    /// A cover image of the site (not in the beta.gouv.fr schema: atelier's own).
    pub image: Option<Text>,
    /// Its alternative text; `""` says it is decorative.
    pub image_alt: Option<Text>,
}

#[derive(Debug, Deserialize)]
pub struct PhaseFm {
    pub name: Text,
    pub start: Date,
    pub end: Option<Date>,
    pub comment: Option<Text>,
}

#[derive(Debug, Deserialize)]
pub struct EventFm {
    pub name: Text,
    pub date: Date,
    pub comment: Option<Text>,
}

#[derive(Debug, Deserialize)]
pub struct FastFm {
    pub promotion: Option<u32>,
    pub montant: Option<u64>,
}

impl StartupFm {
    /// Known keys at a path of the fiche, for "did you mean" hints.
    pub fn known(path: &[Seg]) -> &'static [&'static str] {
        match path.first() {
            None => fields::<StartupFm>(),
            Some(Seg::Key(k)) if k == "phases" => fields::<PhaseFm>(),
            Some(Seg::Key(k)) if k == "events" => fields::<EventFm>(),
            Some(Seg::Key(k)) if k == "fast" => fields::<FastFm>(),
            _ => &[],
        }
    }
}

/// Home, section (`_index.md`) and plain pages.
#[derive(Debug, Deserialize, Default)]
pub struct PageFm {
    pub title: Option<Text>,
    pub description: Option<Text>,
    /// Show a side table of contents.
    pub summary: Option<bool>,
    /// Order among sibling pages, smaller first.
    pub weight: Option<i64>,
    /// A theme template to use instead of the kind's default.
    pub template: Option<Text>,
    pub draft: Option<bool>,
    /// Home only: ids of the startups to highlight.
    pub highlighted_startups: Option<Vec<Text>>,
    /// Free data for templates, as `page.extra`.
    pub extra: Option<serde_yaml::Mapping>,
    /// `noindex` keeps the page out of search engines, the sitemap and the site search.
    pub robots: Option<Text>,
    /// Listing pages: how many items each page of the listing shows.
    pub paginate_by: Option<i64>,
    /// A cover image: a path relative to the file, or from the site's root (`/img/x.jpg`).
    pub image: Option<Text>,
    /// Its alternative text; `""` says it is decorative.
    pub image_alt: Option<Text>,
}

impl PageFm {
    pub fn known(path: &[Seg]) -> &'static [&'static str] {
        if path.is_empty() { fields::<PageFm>() } else { &[] }
    }
}

/// A sponsor administration (beta.gouv.fr organisation format).
#[derive(Debug, Deserialize, Default)]
pub struct OrganisationFm {
    pub name: Option<Text>,
    pub acronym: Option<Text>,
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub domaine_ministeriel: Option<Text>,
    pub id: Option<Text>,
    pub annuaire: Option<Text>,
    pub website: Option<Text>,
    /// `local`: the site wrote or rewrote this fiche, and `atelier import` never replaces it.
    pub source: Option<Text>,
}

impl OrganisationFm {
    pub fn known(path: &[Seg]) -> &'static [&'static str] {
        if path.is_empty() {
            fields::<OrganisationFm>()
        } else {
            &[]
        }
    }
}

/// A news item.
#[derive(Debug, Deserialize, Default)]
pub struct NewsFm {
    pub title: Option<Text>,
    pub date: Option<Date>,
    pub description: Option<Text>,
    pub authors: Option<Vec<Text>>,
    pub draft: Option<bool>,
    /// A cover image, as for pages.
    pub image: Option<Text>,
    pub image_alt: Option<Text>,
}

impl NewsFm {
    pub fn known(path: &[Seg]) -> &'static [&'static str] {
        if path.is_empty() { fields::<NewsFm>() } else { &[] }
    }
}
