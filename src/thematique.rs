//! How the site writes the thématiques of the beta.gouv.fr network. Fiches keep the
//! network's spelling (`Open-Data`, `Education`), which stays the key: the listing's pages
//! and filters are named after its slug, and the open data publishes it as written. The
//! site shows the display name: accents, French casing, the usual words.

use crate::slug::slugify;

/// The network's spelling → the site's, for values whose spelling differs from French
/// usage. Compared by slug, so `Open-Data`, `open data` and `OPEN DATA` are one key.
const DISPLAY: [(&str, &str); 8] = [
    ("Open-Data", "Open data"),
    ("Education", "Éducation"),
    ("Marchés Publics", "Marchés publics"),
    ("Etat", "État"),
    ("Énergies Renouvelables", "Énergies renouvelables"),
    ("Controle frontière", "Contrôle aux frontières"),
    ("Travail / Emploi", "Travail et emploi"),
    ("iso 9001", "ISO 9001"),
];

/// The name the site shows for the thématique written `name` in a fiche: the table's,
/// else the name trimmed with a capital first letter (`cybersécurité` → `Cybersécurité`).
pub fn display(name: &str) -> String {
    let slug = slugify(name);
    if let Some((_, shown)) = DISPLAY.iter().find(|(key, _)| slugify(key) == slug) {
        return (*shown).to_string();
    }
    let name = name.trim();
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether the thématique written `name` is one of `hidden` (the `hidden_thematiques`
/// setting), compared by slug.
pub fn is_hidden(name: &str, hidden: &[String]) -> bool {
    let slug = slugify(name);
    hidden.iter().any(|h| slugify(h) == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_network_spelling_is_shown_in_french() {
        assert_eq!(display("Open-Data"), "Open data");
        assert_eq!(display("open data"), "Open data");
        assert_eq!(display("Education"), "Éducation");
        assert_eq!(display("Éducation"), "Éducation");
        assert_eq!(display("Marchés Publics"), "Marchés publics");
        assert_eq!(display(" cybersécurité "), "Cybersécurité");
        assert_eq!(display("Patrimoine"), "Patrimoine");
        assert_eq!(display(""), "");
    }

    #[test]
    fn hidden_by_slug() {
        let hidden = vec!["Culture".to_string()];
        assert!(is_hidden("culture", &hidden));
        assert!(is_hidden(" Culture ", &hidden));
        assert!(!is_hidden("Cinéma", &hidden));
    }

    #[test]
    fn every_key_of_the_table_is_distinct() {
        let mut slugs: Vec<String> = DISPLAY.iter().map(|(k, _)| slugify(k)).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), DISPLAY.len());
    }
}
