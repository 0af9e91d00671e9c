//! The language of what an editor reads: every message atelier prints comes from a Fluent
//! catalogue (`locales/<lang>/atelier.ftl`, embedded in the binary), in English or in
//! French. The language is set once, at startup, from `--lang` or the locale
//! ([`from_env`]); the library, its tests included, speaks English until told otherwise.
//!
//! Messages are looked up by an id named after what they say, with [`tr!`]:
//! `tr!("yaml-duplicate-key", key = key)` gives "the key `title` appears twice" or « la
//! clé `title` apparaît deux fois ».

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use fluent_bundle::FluentValue as Value;

/// A language atelier speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// Every language, the reference one (English) first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The catalogue's text, as embedded in the binary.
    pub fn catalogue(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../locales/en/atelier.ftl"),
            Lang::Fr => include_str!("../../locales/fr/atelier.ftl"),
        }
    }

    fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message from now on (the binary does it once, at startup).
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are in now.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Fr,
        _ => Lang::En,
    }
}

/// The language the locale asks for, the POSIX way: the first of `LC_ALL`, `LC_MESSAGES`
/// and `LANG` that is set and not empty decides; French when it starts with `fr`
/// (`fr_FR.UTF-8`, `fr_CA`, `fr`), English otherwise (`C`, `en_GB.UTF-8`, `de_DE`, none).
pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
    let chosen = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.is_empty());
    match chosen {
        Some(value) if value.starts_with("fr") => Lang::Fr,
        _ => Lang::En,
    }
}

/// One catalogue, parsed once. The catalogues are part of the binary and `tests/all/i18n.rs`
/// parses them, so a syntax error cannot ship; should one slip through, the messages that
/// did parse are still used.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [LazyLock<FluentBundle<FluentResource>>; 2] =
        [LazyLock::new(|| make(Lang::En)), LazyLock::new(|| make(Lang::Fr))];
    &BUNDLES[lang as usize]
}

fn make(lang: Lang) -> FluentBundle<FluentResource> {
    let id = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No U+2068/U+2069 around each value: a terminal shows them, or garbles the line.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::En => |v, _| whole_number(v, ","),
        Lang::Fr => |v, _| whole_number(v, "\u{202f}"),
    }));
    let resource = FluentResource::try_new(lang.catalogue().to_string()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

/// A count as the language writes it: `53,950` in English, `53 950` (narrow no-break
/// space) in French. Other values are left to Fluent.
fn whole_number(value: &FluentValue<'_>, separator: &str) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    if n.value.fract() != 0.0 || n.value.abs() >= 1e15 {
        return None;
    }
    Some(group(n.value as i64, separator))
}

/// `-1234567` → `-1,234,567` with `,` as `separator`.
pub fn group(n: i64, separator: &str) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() * 2);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// A count in the current language, as messages print them.
pub fn count(n: usize) -> String {
    let separator = match current() {
        Lang::En => ",",
        Lang::Fr => "\u{202f}",
    };
    group(i64::try_from(n).unwrap_or(i64::MAX), separator)
}

/// Message `id` of `lang`'s catalogue with `args`, and the problems formatting met
/// (a missing message or variable). Falls back to English, then to the id itself.
pub fn format_in(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> (String, Vec<String>) {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    for lang in [lang, Lang::En] {
        let bundle = bundle(lang);
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            return (text.into_owned(), errors.iter().map(|e| e.to_string()).collect());
        }
    }
    (id.to_string(), vec![format!("no message `{id}`")])
}

/// Message `id` in the current language, with `args`.
pub fn message(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    format_in(current(), id, args).0
}

/// A message and, when it comes from the catalogues, its id: the stable `code` a
/// diagnostic carries into `--format json`, whatever the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub code: Option<&'static str>,
}

impl From<String> for Message {
    fn from(text: String) -> Self {
        Message { text, code: None }
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message {
            text: text.to_string(),
            code: None,
        }
    }
}

/// A message of the catalogues in the current language, as a `String`:
/// `tr!("yaml-unknown-key", key = name)`. Values are text or
/// numbers (numbers choose plural forms and print grouped by thousands).
#[macro_export]
macro_rules! tr {
    ($id:literal $(,)?) => {
        $crate::i18n::message($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message(
            $id,
            &[$((stringify!($name), $crate::i18n::Value::from($value))),+],
        )
    };
}

/// [`tr!`] with its id kept: a [`Message`], for the message of a diagnostic.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $($args:tt)*)?) => {
        $crate::i18n::Message {
            text: $crate::tr!($id $(, $($args)*)?),
            code: Some($id),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn the_locale_is_read_in_posix_order() {
        assert_eq!(from_env(env(&[])), Lang::En);
        assert_eq!(from_env(env(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        assert_eq!(from_env(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(
            from_env(env(&[("LANG", "fr_FR.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            from_env(env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "fr_CA")])),
            Lang::Fr
        );
        assert_eq!(
            from_env(env(&[("LC_MESSAGES", "fr_FR"), ("LC_ALL", "C")])),
            Lang::En
        );
        assert_eq!(from_env(env(&[("LC_ALL", "fr"), ("LANG", "C")])), Lang::Fr);
        // An empty variable is as good as none: the next one decides.
        assert_eq!(
            from_env(env(&[("LC_ALL", ""), ("LANG", "fr_BE.UTF-8")])),
            Lang::Fr
        );
        assert_eq!(from_env(env(&[("LANG", "french")])), Lang::Fr);
        assert_eq!(from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
    }

    #[test]
    fn counts_are_grouped_the_way_each_language_writes_them() {
        assert_eq!(group(53950, ","), "53,950");
        assert_eq!(group(999, ","), "999");
        assert_eq!(group(-1234567, "\u{202f}"), "-1\u{202f}234\u{202f}567");
        let (en, _) = format_in(Lang::En, "summary-errors", &[("count", 1203.into())]);
        assert_eq!(en, "1,203 errors");
        let (fr, _) = format_in(Lang::Fr, "summary-errors", &[("count", 1203.into())]);
        assert_eq!(fr, "1\u{202f}203 erreurs");
    }

    #[test]
    fn plural_forms_follow_each_language() {
        let one = |lang, n: usize| format_in(lang, "summary-errors", &[("count", n.into())]).0;
        assert_eq!(one(Lang::En, 0), "0 errors");
        assert_eq!(one(Lang::En, 1), "1 error");
        // French counts zero in the singular.
        assert_eq!(one(Lang::Fr, 0), "0 erreur");
        assert_eq!(one(Lang::Fr, 1), "1 erreur");
        assert_eq!(one(Lang::Fr, 2), "2 erreurs");
    }

    #[test]
    fn an_unknown_id_gives_the_id_and_says_so() {
        let (text, errors) = format_in(Lang::Fr, "no-such-message", &[]);
        assert_eq!(text, "no-such-message");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn values_are_not_wrapped_in_isolation_marks() {
        let (text, errors) = format_in(Lang::En, "summary-errors", &[("count", 2.into())]);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
    }
}
