//! serde_yaml's errors in words an editor reads: syntax errors located on their line and
//! explained (the positions are parsed out of serde_yaml's message, which carries more of
//! them than its `location()`), duplicate keys pointed at, serde's type errors rewritten.

use serde_yaml::Value;

use super::Source;
use crate::diagnostic::{Diagnostic, Location};
use crate::{msg, tr};

impl Source<'_> {
    pub(super) fn syntax_error(&self, e: &serde_yaml::Error) -> Diagnostic {
        let raw = e.to_string();
        let (message, marks) = strip_marks(&raw);
        if let Some(key) = duplicate_key(&raw) {
            let (offset, len) = self.index().0.duplicate(key);
            return Diagnostic::error(msg!("yaml-duplicate-key", key = key))
                .at(self.loc(offset, len))
                .help(tr!("yaml-duplicate-key-help"));
        }
        // For an unclosed quote, point where it opened, not at the end of the text.
        let (line, col) = if message.contains("quoted scalar") {
            marks.last().copied()
        } else {
            marks.first().copied()
        }
        .or_else(|| e.location().map(|l| (l.line(), l.column())))
        .unwrap_or((1, 1));
        let help = syntax_help(&message);
        let mut loc = Location::at_line(self.path, self.yaml, line, col, 1);
        loc.line += self.first_line - 1;
        let d = Diagnostic::error(msg!("yaml-invalid", details = syntax_details(&message))).at(loc);
        match help {
            Some(h) => d.help(h),
            None => d,
        }
    }
}

/// The key serde_yaml found twice in a mapping: it says so only in its message.
fn duplicate_key(raw: &str) -> Option<&str> {
    raw.strip_prefix("duplicate entry with key \"")
        .and_then(|r| r.split('"').next())
}

pub(super) fn describe(v: &Value) -> String {
    match v {
        Value::Null => tr!("yaml-value-empty"),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => tr!("yaml-value-number", number = n.to_string()),
        Value::String(s) => tr!("yaml-value-text", text = s.as_str()),
        Value::Sequence(_) => tr!("yaml-value-list"),
        Value::Mapping(_) => tr!("yaml-value-mapping"),
        Value::Tagged(t) => tr!("yaml-value-tagged", tag = t.tag.to_string()),
    }
}

/// Rewrites serde's messages for editors: "invalid type: string \"x\", expected a
/// sequence" becomes "expected a list, found the text `x`".
pub fn humanize(msg: &str) -> String {
    let expected = |e: &str| -> String {
        let e = e.trim();
        if e.starts_with("a sequence") {
            tr!("yaml-value-list")
        } else if e.starts_with("struct ") || e.starts_with("a map") {
            tr!("yaml-value-mapping")
        } else if e == "a string" || e == "text" {
            tr!("yaml-value-plain-text")
        } else if e == "a boolean" {
            tr!("yaml-value-boolean")
        } else if e.starts_with("u") || e.starts_with("i") {
            tr!("yaml-value-whole-number")
        } else {
            e.to_string()
        }
    };
    if let Some(rest) = msg.strip_prefix("invalid type: ")
        && let Some((found, exp)) = rest.split_once(", expected ")
    {
        let found = if let Some(s) = found.strip_prefix("string ") {
            tr!("yaml-value-text", text = s.trim_matches('"'))
        } else if found == "map" {
            tr!("yaml-value-mapping")
        } else if found == "sequence" {
            tr!("yaml-value-list")
        } else if found == "unit value" {
            tr!("yaml-value-empty")
        } else if let Some(n) = found
            .strip_prefix("integer ")
            .or(found.strip_prefix("floating point "))
        {
            tr!("yaml-value-number", number = n.trim_matches('`'))
        } else if let Some(b) = found.strip_prefix("boolean ") {
            b.to_string()
        } else {
            found.to_string()
        };
        return tr!("yaml-expected-found", expected = expected(exp), found = found);
    }
    if let Some(field) = msg.strip_prefix("missing field ") {
        return tr!("yaml-missing-key", key = field.trim_matches('`'));
    }
    msg.to_string()
}

/// Splits "... at line 3 column 5, while ... at line 1 column 8" into the message without
/// positions and the positions.
fn strip_marks(raw: &str) -> (String, Vec<(usize, usize)>) {
    let mut message = String::new();
    let mut marks = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.find(" at line ") {
        message.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
        let n = digits(after);
        let line: usize = after[..n].parse().unwrap_or(1);
        let after = &after[n..];
        match after.strip_prefix(" column ") {
            Some(c) => {
                let m = digits(c);
                marks.push((line, c[..m].parse().unwrap_or(1)));
                rest = &c[m..];
            }
            None => {
                marks.push((line, 1));
                rest = after;
            }
        }
    }
    message.push_str(rest);
    (message, marks)
}

/// serde_yaml's words for a syntax error, in the language of the messages: each phrase
/// editors meet is replaced by the catalogue's (in English, the same words); a phrase not
/// in the list keeps serde_yaml's English.
fn syntax_details(message: &str) -> String {
    let phrases = [
        (
            "mapping values are not allowed in this context",
            tr!("yaml-syntax-mapping-values"),
        ),
        ("did not find expected key", tr!("yaml-syntax-expected-key")),
        (
            "found character that cannot start any token",
            tr!("yaml-syntax-bad-start"),
        ),
        ("found unexpected end of stream", tr!("yaml-syntax-end-of-stream")),
        ("while scanning a quoted scalar", tr!("yaml-syntax-quoted")),
        (
            "did not find expected '-' indicator",
            tr!("yaml-syntax-expected-dash"),
        ),
        (
            "did not find expected node content",
            tr!("yaml-syntax-expected-content"),
        ),
        (
            "block sequence entries are not allowed in this context",
            tr!("yaml-syntax-list-here"),
        ),
        ("while parsing a block mapping", tr!("yaml-syntax-in-mapping")),
        ("while parsing a block collection", tr!("yaml-syntax-in-list")),
        ("while scanning a simple key", tr!("yaml-syntax-in-key")),
        ("could not find expected ':'", tr!("yaml-syntax-expected-colon")),
        (
            "found a tab character that violates indentation",
            tr!("yaml-syntax-tab"),
        ),
    ];
    let mut out = message.to_string();
    for (phrase, said) in phrases {
        out = out.replace(phrase, &said);
    }
    out
}

fn syntax_help(message: &str) -> Option<String> {
    let has = |k: &str| message.contains(k);
    Some(if has("mapping values are not allowed") {
        tr!("yaml-help-colon-in-value")
    } else if has("did not find expected key") {
        tr!("yaml-help-indentation")
    } else if has("cannot start any token") {
        tr!("yaml-help-bad-start")
    } else if has("quoted scalar") {
        tr!("yaml-help-unclosed-quote")
    } else if has("did not find expected '-'") {
        tr!("yaml-help-list-item")
    } else if has("unknown anchor") {
        tr!("yaml-help-alias")
    } else if has("did not find expected node content") {
        tr!("yaml-help-unfinished")
    } else if has("recursion limit exceeded") {
        tr!("yaml-help-too-deep")
    } else if has("repetition limit exceeded") {
        tr!("yaml-help-too-many-aliases")
    } else if has("block sequence entries are not allowed") {
        tr!("yaml-help-list-after-value")
    } else {
        return None;
    })
}
