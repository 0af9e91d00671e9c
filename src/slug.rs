//! Readable ASCII slugs for French text (heading ids, taxonomy URLs).

use deunicode::deunicode_char;

/// `Œuvres d'art & médiation` → `oeuvres-d-art-mediation`.
///
/// Letters and digits are transliterated with deunicode and lower-cased; every other
/// character (punctuation, spaces, emoji, symbols) separates words; runs of separators
/// become one `-`, never at either end. Invisible characters (zero-width, BOM, soft
/// hyphen, combining marks) are dropped without separating. The result may be empty.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut sep = false;
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            if sep && !out.is_empty() {
                out.push('-');
            }
            sep = false;
            out.push(c.to_ascii_lowercase());
        } else {
            sep = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c);
        } else if matches!(c, '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}') {
            // Invisible: must not split a word.
        } else {
            match deunicode_char(c) {
                // Letters and digits only: deunicode would spell emoji and symbols out.
                Some(ascii) if c.is_alphanumeric() => ascii.chars().for_each(&mut push),
                Some("") => {} // combining marks and other invisible characters
                _ => push(' '),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn french_slugs() {
        for (text, slug) in [
            ("Le problème", "le-probleme"),
            ("Œuvres d'art & médiation", "oeuvres-d-art-mediation"),
            ("Écologie", "ecologie"),
            ("Open-Data", "open-data"),
            ("L’équipe", "l-equipe"),
            ("  Problème 👀 ", "probleme"),
            ("🎁 2. La solution", "2-la-solution"),
            ("Objectifs à 6 mois :", "objectifs-a-6-mois"),
            ("a -- b__c", "a-b-c"),
            ("Ville\u{a0}:\u{202f}Paris", "ville-paris"),
            ("déci\u{200b}sion\u{feff}", "decision"),
            ("Cafe\u{301} ou thé", "cafe-ou-the"),
            ("ligne\u{2028}suivante", "ligne-suivante"),
            ("collectif_objets", "collectif-objets"),
            ("Straße", "strasse"),
        ] {
            assert_eq!(slugify(text), slug, "{text:?}");
        }
    }

    #[test]
    fn empty_slugs() {
        for text in ["", "👀", " - ", "«\u{a0}»", "\u{200b}"] {
            assert_eq!(slugify(text), "", "{text:?}");
        }
    }
}
