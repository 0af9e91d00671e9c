//! French typography for the text of French pages: typographic apostrophe, « » quotes,
//! non-breaking spaces before `; : ! ?`, in numbers (`400 000`), before units and `%`, and
//! after `n°`.
//!
//! Pure functions over plain text (never HTML: the caller hands over text outside code,
//! tags and attributes). Only spaces, quotes and apostrophes ever change, and running the
//! rules twice changes nothing more. Words that look like a URL or an e-mail address
//! (`https://…`, `www.…`, `nom@domaine.fr`) are left exactly as written. Conservative: a
//! space is added only where the punctuation is clearly French (`mot!` → `mot !`), never
//! inside `10:30`, `1:2` or `page?id=3`.

use std::borrow::Cow;

/// No-break space (U+00A0): after « and before », between a number and its unit, after `n°`.
pub const NBSP: char = '\u{a0}';
/// Narrow no-break space (U+202F): before `; : ! ?` and `%`, between groups of digits.
pub const NNBSP: char = '\u{202f}';

/// Units and amounts written after a number, joined to it by a no-break space.
const UNITS: &[&str] = &[
    "€",
    "k€",
    "M€",
    "Md€",
    "euros",
    "km",
    "km²",
    "m²",
    "m",
    "cm",
    "mm",
    "kg",
    "ha",
    "Ko",
    "Mo",
    "Go",
    "To",
    "h",
    "min",
    "ans",
    "mois",
    "jours",
    "heures",
    "semaines",
    "millions",
    "milliards",
];

/// What carries over from one piece of text to the next inside one block (a paragraph,
/// a heading): the character before, whether a « is open, whether a URL is running on.
#[derive(Debug, Clone, Copy, Default)]
pub struct State {
    prev: Option<char>,
    quote_open: bool,
    in_url: bool,
}

impl State {
    /// Text shown but not typeset (inline code): it is the context of what follows.
    pub fn skip(&mut self, text: &str) {
        if let Some(c) = text.chars().next_back() {
            self.prev = Some(c);
            self.in_url = false;
        }
    }
}

/// Typesets one whole text.
pub fn french(text: &str) -> Cow<'_, str> {
    french_in(text, &mut State::default())
}

/// Typesets one piece of a block's text, `state` carrying the context between pieces.
pub fn french_in<'t>(text: &'t str, state: &mut State) -> Cow<'t, str> {
    let relevant = |c: char| {
        matches!(
            c,
            '\'' | '"' | ';' | ':' | '!' | '?' | '0'..='9' | '«' | '»' | '°'
        )
    };
    if !state.in_url && !text.chars().any(relevant) {
        state.skip(text);
        return Cow::Borrowed(text);
    }
    // Words are looked at for a URL only when the text may hold one.
    let urls = state.in_url || text.contains("://") || text.contains('@') || text.contains("www.");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    // The end of the word last looked at for a URL: each word is looked at once.
    let mut checked = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = out.chars().next_back().or(state.prev);
        let next = chars.get(i + 1).copied();
        // A word that is a URL or an e-mail address: copied as it is, to its end.
        if state.in_url
            || (urls && i >= checked && prev.is_none_or(|p| p.is_whitespace() || p == '(' || p == '<'))
        {
            let end = chars[i..]
                .iter()
                .position(|c| c.is_whitespace())
                .map_or(chars.len(), |n| i + n);
            checked = end;
            if state.in_url || looks_like_url(&chars[i..end]) {
                out.extend(&chars[i..end]);
                state.in_url = end == chars.len();
                i = end.max(i + 1);
                continue;
            }
        }
        match c {
            '\'' if prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic) => {
                out.push('’');
            }
            '"' if !state.quote_open && prev.is_none_or(|p| p.is_whitespace() || p == '(' || p == '[') => {
                out.push('«');
                out.push(NBSP);
                state.quote_open = true;
                if next == Some(' ') {
                    i += 1;
                }
            }
            '"' if state.quote_open && prev.is_some() => {
                close_quote(&mut out);
                state.quote_open = false;
            }
            '«' => {
                out.push('«');
                state.quote_open = true;
                match next {
                    Some(' ') => {
                        out.push(NBSP);
                        i += 1;
                    }
                    Some(n) if !n.is_whitespace() => out.push(NBSP),
                    _ => {}
                }
            }
            '»' => {
                if prev.is_some() {
                    close_quote(&mut out);
                } else {
                    out.push('»');
                }
                state.quote_open = false;
            }
            ';' | ':' | '!' | '?' if next.is_none_or(|n| !n.is_alphanumeric() && n != '/') => {
                if out.ends_with(' ') && out.chars().rev().nth(1).is_some_and(|p| !p.is_whitespace()) {
                    out.pop();
                    out.push(NNBSP);
                } else if prev.is_some_and(|p| p.is_alphanumeric() || p == '»')
                    && next.is_none_or(|n| n.is_whitespace() || n == '»' || n == '"')
                {
                    out.push(NNBSP);
                }
                out.push(c);
            }
            ' ' => out.push(space(&out, state.prev, &chars[i + 1..])),
            _ => out.push(c),
        }
        i += 1;
    }
    if let Some(c) = out.chars().next_back() {
        state.prev = Some(c);
    }
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// Closes a quote: the space before » becomes a no-break one.
fn close_quote(out: &mut String) {
    if out.ends_with(' ') || out.ends_with(NNBSP) {
        out.pop();
    }
    if !out.ends_with(NBSP) {
        out.push(NBSP);
    }
    out.push('»');
}

/// The space to write for an ordinary space, given what is before (`out`, then `before`
/// the piece) and after it.
fn space(out: &str, before: Option<char>, after: &[char]) -> char {
    let digits = out.chars().rev().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let lead = out
            .chars()
            .rev()
            .nth(digits)
            .or(if digits == out.chars().count() {
                before
            } else {
                None
            });
        let number_starts = lead.is_none_or(|p| p.is_whitespace() || p == '(');
        // 400 000: a group of three digits after a group of at most three.
        let group = after.len() >= 3
            && after[..3].iter().all(char::is_ascii_digit)
            && after.get(3).is_none_or(|c| !c.is_alphanumeric());
        if digits <= 3 && number_starts && group {
            return NNBSP;
        }
        if after.first() == Some(&'%') && after.get(1).is_none_or(|c| !c.is_alphanumeric()) {
            return NNBSP;
        }
        if UNITS.iter().any(|u| unit_at(after, u)) {
            return NBSP;
        }
    }
    let mut back = out.chars().rev();
    if back.next() == Some('°')
        && matches!(back.next(), Some('n' | 'N'))
        && back.next().is_none_or(|p| !p.is_alphanumeric())
    {
        return NBSP;
    }
    ' '
}

/// Whether `after` starts with the unit `unit` as a whole word.
fn unit_at(after: &[char], unit: &str) -> bool {
    let n = unit.chars().count();
    after.len() >= n
        && after.iter().take(n).copied().eq(unit.chars())
        && after.get(n).is_none_or(|c| !c.is_alphanumeric())
}

fn looks_like_url(word: &[char]) -> bool {
    word.contains(&'@')
        || word.windows(3).any(|w| w == [':', '/', '/'])
        || word.windows(4).any(|w| w == ['w', 'w', 'w', '.'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(s: &str) -> String {
        french(s).into_owned()
    }

    #[test]
    fn apostrophe_between_letters() {
        assert_eq!(t("l'État et aujourd'hui"), "l’État et aujourd’hui");
        assert_eq!(t("'seul' et 'x"), "'seul' et 'x");
        assert_eq!(t("5'"), "5'");
    }

    #[test]
    fn quotes_become_guillemets_with_no_break_spaces() {
        assert_eq!(t("un \"service\" public"), "un «\u{a0}service\u{a0}» public");
        assert_eq!(t("« mot »"), "«\u{a0}mot\u{a0}»");
        assert_eq!(t("«mot»"), "«\u{a0}mot\u{a0}»");
        assert_eq!(t("\" espacé \""), "«\u{a0}espacé\u{a0}»");
        // A quote after a digit (inches) is not a quotation mark.
        assert_eq!(t("écran 15\""), "écran 15\"");
    }

    #[test]
    fn narrow_space_before_high_punctuation() {
        assert_eq!(
            t("Pourquoi ? Parce que ! Voici : a ; b"),
            "Pourquoi\u{202f}? Parce que\u{202f}! Voici\u{202f}: a\u{202f}; b"
        );
        assert_eq!(
            t("Pourquoi? Voici: rien!"),
            "Pourquoi\u{202f}? Voici\u{202f}: rien\u{202f}!"
        );
        assert_eq!(t("Quoi ?!"), "Quoi\u{202f}?!");
        // After a number too ("Étape 1:"), but not between numbers (10:30, 1:2).
        assert_eq!(t("Étape 1: candidater"), "Étape 1\u{202f}: candidater");
        assert_eq!(t("en 2024!"), "en 2024\u{202f}!");
    }

    #[test]
    fn punctuation_left_alone_where_it_is_not_french() {
        for s in [
            "à 10:30 précises",
            "un ratio 1:2",
            "voir https://exemple.fr/page?id=3 ou www.exemple.fr/a:b?",
            "écrire à contact@exemple.fr!",
            "file:///tmp",
            "Note:sans espace",
        ] {
            assert_eq!(t(s), s, "{s}");
        }
    }

    #[test]
    fn numbers_and_units() {
        assert_eq!(t("400 000 visiteurs"), "400\u{202f}000 visiteurs");
        assert_eq!(t("1 000 000 €"), "1\u{202f}000\u{202f}000\u{a0}€");
        assert_eq!(t("50 % des agents"), "50\u{202f}% des agents");
        assert_eq!(t("20 km et 3 mois"), "20\u{a0}km et 3\u{a0}mois");
        assert_eq!(t("le n° 12"), "le n°\u{a0}12");
        // Not a thousands group: a year, a phone number, a unit glued to a word.
        for s in ["en 2024 100 agents", "01 40 15 80 00", "3 missions", "12 1234"] {
            assert_eq!(t(s), s, "{s}");
        }
    }

    #[test]
    fn state_carries_across_pieces() {
        let mut st = State::default();
        let a = french_in("un \"", &mut st).into_owned();
        let b = french_in("mot", &mut st).into_owned();
        let c = french_in("\" ici", &mut st).into_owned();
        assert_eq!(a + &b + &c, "un «\u{a0}mot\u{a0}» ici");
        let mut st = State::default();
        french_in("voir https://exemple.fr/a", &mut st);
        assert_eq!(french_in("_b?", &mut st), "_b?");
    }

    /// Everything but spaces, quotes and apostrophes.
    fn skeleton(s: &str) -> String {
        s.chars()
            .filter(|c| !matches!(*c, ' ' | NBSP | NNBSP | '"' | '\'' | '’' | '«' | '»'))
            .collect()
    }

    proptest! {
        #[test]
        fn idempotent_and_only_spaces_and_quotes(s in "[a-zé'\" ;:!?0-9%€°n«»\u{a0}\u{202f}/.@(]{0,40}") {
            let once = t(&s);
            prop_assert_eq!(t(&once), once.clone());
            prop_assert_eq!(skeleton(&once), skeleton(&s));
        }

        #[test]
        fn urls_are_never_touched(path in "[a-z0-9:?!;'\"/=&.]{0,30}") {
            let s = format!("https://exemple.fr/{path}");
            prop_assert_eq!(t(&s), s.clone());
        }
    }
}
