//! The phases of a startup d'État (beta.gouv.fr vocabulary), their French labels, and the
//! current phase as of a date.

use serde::Serialize;

use crate::date::Date;

/// What the site knows about a phase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PhaseInfo {
    /// The name as written in fiches (`acceleration`).
    pub name: &'static str,
    /// Badge text for one startup (`Accélération`).
    pub label: &'static str,
    /// Title of the list of startups in this phase (`En accélération`).
    pub plural: &'static str,
    /// One sentence for the listing's legend.
    pub description: &'static str,
    /// Whether a startup in this phase is still being built or run by its team.
    pub active: bool,
    /// Order in the life of a startup, for sorting and figures.
    pub order: u8,
}

const fn info(
    name: &'static str,
    label: &'static str,
    plural: &'static str,
    description: &'static str,
    active: bool,
    order: u8,
) -> PhaseInfo {
    PhaseInfo {
        name,
        label,
        plural,
        description,
        active,
        order,
    }
}

/// Every known phase, in the order of a startup's life. Each phase has one name for the
/// visitor: its `label` (badges, filters, the timeline, the API) and the same words in the
/// plural for a list (`plural`: the home page's figures, the phase pages' titles), in the
/// feminine of "une startup".
pub const PHASES: [PhaseInfo; 8] = [
    info(
        "investigation",
        "Investigation",
        "En investigation",
        "L’équipe étudie le problème sur le terrain, auprès des personnes qui le vivent, et vérifie qu’un service numérique peut y répondre.",
        true,
        1,
    ),
    info(
        "construction",
        "Construction",
        "En construction",
        "Une première version du service est mise en ligne et testée par de vrais usagers.",
        true,
        2,
    ),
    info(
        "acceleration",
        "Accélération",
        "En accélération",
        "Le service, devenu utile, s’étend à de nouveaux usagers et mesure son impact.",
        true,
        3,
    ),
    info(
        "consolidation",
        "Consolidation",
        "En consolidation",
        "L’équipe prépare la pérennité du service et sa reprise par une administration.",
        true,
        4,
    ),
    info(
        "opere",
        "Opérée par beta.gouv.fr",
        "Opérées par beta.gouv.fr",
        "Le service est durablement opéré au sein du réseau beta.gouv.fr.",
        true,
        5,
    ),
    info(
        "transfere",
        "Transférée",
        "Transférées",
        "Une direction ou un opérateur a repris le service et en assure le fonctionnement.",
        false,
        6,
    ),
    info(
        "abandon-investigation",
        "Investigation non concluante",
        "Investigations non concluantes",
        "L’investigation a montré qu’un service numérique n’était pas la bonne réponse au problème ; elle s’est arrêtée là.",
        false,
        7,
    ),
    info(
        "abandon",
        "Arrêtée",
        "Arrêtées",
        "Le service a été arrêté après sa construction ; ses enseignements ont été conservés.",
        false,
        8,
    ),
];

/// The known phase of that name, if any.
pub fn lookup(name: &str) -> Option<&'static PhaseInfo> {
    PHASES.iter().find(|p| p.name == name)
}

/// The names of known phases, for hints.
pub fn names() -> impl Iterator<Item = &'static str> {
    PHASES.iter().map(|p| p.name)
}

/// The index of the current phase among `starts`: the latest start that is not after
/// `today` (on equal starts, the later entry wins). None when no phase has started yet.
pub fn current(starts: impl IntoIterator<Item = Date>, today: Date) -> Option<usize> {
    let mut best: Option<(Date, usize)> = None;
    for (i, start) in starts.into_iter().enumerate() {
        if start <= today && best.is_none_or(|(d, _)| start >= d) {
            best = Some((start, i));
        }
    }
    best.map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn current_is_latest_started_phase() {
        let starts = [
            d("2018-04-01"),
            d("2023-01-01"),
            d("2024-01-01"),
            d("2026-04-06"),
            d("2026-12-18"),
        ];
        assert_eq!(
            current(starts, d("2026-11-28")),
            Some(3),
            "a future transfer never shows early"
        );
        assert_eq!(
            current(starts, d("2026-12-18")),
            Some(4),
            "the day it starts, it is current"
        );
        assert_eq!(current(starts, d("2017-01-01")), None);
    }

    #[test]
    fn unordered_phases_use_dates_not_positions() {
        let starts = [d("2024-01-01"), d("2020-01-01")];
        assert_eq!(current(starts, d("2025-01-01")), Some(0));
    }

    #[test]
    fn equal_starts_take_the_later_entry() {
        let starts = [d("2021-12-31"), d("2021-12-31")];
        assert_eq!(current(starts, d("2022-01-01")), Some(1));
    }

    #[test]
    fn vocabulary() {
        assert!(lookup("acceleration").unwrap().active);
        assert!(!lookup("transfere").unwrap().active);
        assert!(lookup("success").is_none());
        assert_eq!(names().count(), 8);
    }

    /// The words of a label or heading, without the plural's `s`, the leading `en` of the
    /// phases a startup is in, and case.
    fn stem(text: &str) -> Vec<String> {
        let lower = text.to_lowercase();
        let words = lower.strip_prefix("en ").unwrap_or(&lower);
        words
            .split(' ')
            .map(|w| w.strip_suffix('s').unwrap_or(w).to_string())
            .collect()
    }

    #[test]
    fn each_phase_has_one_name_singular_and_plural() {
        for p in PHASES {
            assert_eq!(
                stem(p.label),
                stem(p.plural),
                "{}: {:?} / {:?}",
                p.name,
                p.label,
                p.plural
            );
            assert!(p.description.ends_with('.'), "{}", p.name);
        }
        let mut labels: Vec<&str> = PHASES.iter().map(|p| p.label).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), PHASES.len(), "two phases share a label");
    }
}
