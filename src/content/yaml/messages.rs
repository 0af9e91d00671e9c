//! serde_yaml's errors in words an editor reads: syntax errors located on their line and
//! explained (the positions are parsed out of serde_yaml's message, which carries more of
//! them than its `location()`), duplicate keys pointed at, serde's type errors rewritten.

use serde_yaml::Value;

use super::Source;
use crate::diagnostic::{Diagnostic, Location};

impl Source<'_> {
    pub(super) fn syntax_error(&self, e: &serde_yaml::Error) -> Diagnostic {
        let raw = e.to_string();
        let (message, marks) = strip_marks(&raw);
        if let Some(key) = duplicate_key(&raw) {
            let (offset, len) = self.index().0.duplicate(key);
            return Diagnostic::error(format!("the key `{key}` appears twice"))
                .at(self.loc(offset, len))
                .help("each key may appear only once: keep one of the two lines");
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
        let d = Diagnostic::error(format!("invalid YAML: {message}")).at(loc);
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
        Value::Null => "an empty value".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text `{s}`"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a block of `key: value` lines".into(),
        Value::Tagged(t) => format!("a value tagged `{}`", t.tag),
    }
}

/// Rewrites serde's messages for editors: "invalid type: string \"x\", expected a
/// sequence" becomes "expected a list, found the text `x`".
pub fn humanize(msg: &str) -> String {
    let expected = |e: &str| -> String {
        let e = e.trim();
        if e.starts_with("a sequence") {
            "a list".into()
        } else if e.starts_with("struct ") || e.starts_with("a map") {
            "a block of `key: value` lines".into()
        } else if e == "a string" || e == "text" {
            "text".into()
        } else if e == "a boolean" {
            "`true` or `false`".into()
        } else if e.starts_with("u") || e.starts_with("i") {
            "a whole number".into()
        } else {
            e.to_string()
        }
    };
    if let Some(rest) = msg.strip_prefix("invalid type: ")
        && let Some((found, exp)) = rest.split_once(", expected ")
    {
        let found = if let Some(s) = found.strip_prefix("string ") {
            format!("the text `{}`", s.trim_matches('"'))
        } else if found == "map" {
            "a block of `key: value` lines".into()
        } else if found == "sequence" {
            "a list".into()
        } else if found == "unit value" {
            "an empty value".into()
        } else if let Some(n) = found
            .strip_prefix("integer ")
            .or(found.strip_prefix("floating point "))
        {
            format!("the number {}", n.trim_matches('`'))
        } else if let Some(b) = found.strip_prefix("boolean ") {
            b.to_string()
        } else {
            found.to_string()
        };
        return format!("expected {}, found {found}", expected(exp));
    }
    if let Some(field) = msg.strip_prefix("missing field ") {
        return format!("missing key {field}");
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

fn syntax_help(message: &str) -> Option<&'static str> {
    let pairs = [
        (
            "mapping values are not allowed",
            "a value contains `: `; put the whole value in quotes, e.g. title: \"Compar:IA : le comparateur\"",
        ),
        (
            "did not find expected key",
            "check the indentation: the keys of one block must start at the same column",
        ),
        (
            "cannot start any token",
            "YAML does not allow tabs for indentation, and values starting with `@` or a backtick must be quoted",
        ),
        (
            "quoted scalar",
            "a quote opened here is never closed; close it on the same line, and double a single quote inside single quotes ('l''atelier')",
        ),
        (
            "did not find expected '-'",
            "each list item starts with `- ` at the same indentation",
        ),
        (
            "unknown anchor",
            "`*` starts a YAML alias; put the value in quotes",
        ),
        (
            "did not find expected node content",
            "a list in brackets `[a, b]` or a value is not finished",
        ),
        (
            "recursion limit exceeded",
            "lists and blocks nest more than 128 levels deep here: no front matter needs that many; close the brackets `[` `{` sooner",
        ),
        (
            "repetition limit exceeded",
            "aliases `*name` repeat the values marked `&name` into a value too large to read: write the values out instead",
        ),
        (
            "block sequence entries are not allowed",
            "a list item `- ` cannot follow a value on the same key; start the list on the next line",
        ),
    ];
    pairs.iter().find(|(k, _)| message.contains(k)).map(|(_, h)| *h)
}
