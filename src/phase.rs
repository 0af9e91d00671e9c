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

/// Every known phase, in the order of a startup's life.
pub const PHASES: [PhaseInfo; 8] = [
    info(
        "investigation",
        "Investigation",
        "En investigation",
        "L'équipe vérifie que le problème existe et qu'un service numérique peut y répondre.",
        true,
        1,
    ),
    info(
        "construction",
        "Construction",
        "En construction",
        "Une première version du service est construite et mise entre les mains des usagers.",
        true,
        2,
    ),
    info(
        "acceleration",
        "Accélération",
        "En accélération",
        "Le service a trouvé ses usagers et étend sa portée.",
        true,
        3,
    ),
    info(
        "consolidation",
        "Consolidation",
        "En consolidation",
        "Le service prépare sa pérennité hors de l'incubateur.",
        true,
        4,
    ),
    info(
        "opere",
        "Opéré",
        "Opérées par beta.gouv.fr",
        "Le service est durablement opéré au sein du réseau beta.gouv.fr.",
        true,
        5,
    ),
    info(
        "transfere",
        "Transféré",
        "Transférées",
        "Le service est repris et exploité par une administration.",
        false,
        6,
    ),
    info(
        "abandon-investigation",
        "Investigation close",
        "Investigations non concluantes",
        "L'investigation a montré qu'un service numérique n'était pas la bonne réponse.",
        false,
        7,
    ),
    info(
        "abandon",
        "Arrêté",
        "Services arrêtés",
        "Le service a été arrêté ; ce qu'il a appris reste documenté.",
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
}
