//! The one user-facing problem type: every error and warning atelier reports is a
//! [`Diagnostic`], located in a file when there is one, printed with the offending line.

use std::fmt::{self, Write as _};
use std::path::PathBuf;

use serde::Serialize;

use crate::tr;

mod location;
mod report;
mod suggest;

pub use location::{Lines, Location};
pub use report::{Limits, colon, kind, write_report};
pub use suggest::{Closest, SHORTLIST, SMALL, did_you_mean};

/// How bad a problem is. Errors stop a build; warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem, with where it is, what is wrong and, where we know, what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct Diagnostic {
    pub severity: Severity,
    #[serde(flatten, serialize_with = "serialize_location")]
    pub location: Option<Box<Location>>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The id of the message in the catalogues (`yaml-unknown-key`), the same in every
    /// language, for tools reading `--format json`; `None` for a message built otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

fn serialize_location<S: serde::Serializer>(loc: &Option<Box<Location>>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(None)?;
    if let Some(loc) = loc {
        map.serialize_entry("path", &loc.path)?;
        if loc.line > 0 {
            map.serialize_entry("line", &loc.line)?;
            map.serialize_entry("col", &loc.col)?;
        }
    }
    map.end()
}

impl Diagnostic {
    pub fn error(message: impl Into<crate::i18n::Message>) -> Self {
        let message = message.into();
        Diagnostic {
            severity: Severity::Error,
            location: None,
            message: message.text,
            help: None,
            code: message.code,
        }
    }

    pub fn warning(message: impl Into<crate::i18n::Message>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Prints the diagnostic the way a compiler does: header, location, source line with a
    /// caret under the problem, and the help.
    pub fn render(&self, color: bool) -> String {
        let paint = |code: &str, text: &str| {
            if color {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let (label, code) = match self.severity {
            Severity::Error => (tr!("label-error"), "1;31"),
            Severity::Warning => (tr!("label-warning"), "1;33"),
        };
        let colon = colon();
        let help_label = tr!("label-help");
        let mut out = format!(
            "{}{colon} {}\n",
            paint(code, &label),
            paint("1", &printable(&self.message, false))
        );
        if let Some(loc) = &self.location {
            let line_no = if loc.line > 0 {
                loc.line.to_string()
            } else {
                String::new()
            };
            let gutter = " ".repeat(line_no.len().max(1));
            let _ = writeln!(out, "{gutter}{} {loc}", paint("1;34", "-->"));
            if loc.line > 0 {
                let bar = paint("1;34", "|");
                // Column within the text shown, which starts with `…` when the line is cut.
                let col = loc
                    .col
                    .saturating_sub(loc.skipped)
                    .clamp(1, loc.line_text.chars().count() + 1);
                let lead = if loc.skipped > 0 { "…" } else { "" };
                let text = format!("{lead}{}", printable(&loc.line_text, false).replace('\t', "    "));
                let tabs = loc.line_text.chars().take(col - 1).filter(|&c| c == '\t').count();
                let pad = " ".repeat(col - 1 + lead.chars().count() + tabs * 3);
                let carets = paint(code, &"^".repeat(loc.len));
                let _ = writeln!(out, "{gutter} {bar}");
                let _ = writeln!(out, "{} {bar} {text}", paint("1;34", &line_no));
                let _ = writeln!(out, "{gutter} {bar} {pad}{carets}");
            }
            if let Some(help) = &self.help {
                let _ = writeln!(
                    out,
                    "{gutter} {} {help_label}{colon} {}",
                    paint("1;34", "="),
                    printable(help, false)
                );
            }
        } else if let Some(help) = &self.help {
            let _ = writeln!(
                out,
                "  {} {help_label}{colon} {}",
                paint("1;34", "="),
                printable(help, false)
            );
        }
        out
    }
}

/// `text` without the control characters a terminal would obey (escape sequences from a
/// file could rewrite the screen): `escaped` writes them as `\n`, `\u{1b}`, otherwise each
/// becomes `�`, one character for one, which keeps a caret under its column. Tabs and
/// line breaks of a message stay.
pub fn printable(text: &str, escaped: bool) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && (escaped || !matches!(c, '\t' | '\n'));
    if !text.chars().any(bad) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if !bad(c) => out.push(c),
            c if escaped => out.extend(c.escape_debug()),
            _ => out.push(char::REPLACEMENT_CHARACTER),
        }
    }
    out.into()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render(false).trim_end())
    }
}

/// Everything a run found, errors and warnings, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sorts by file, then line and column, so output never depends on thread timing.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            fn key(d: &Diagnostic) -> Option<(&PathBuf, usize, usize)> {
                d.location.as_ref().map(|l| (&l.path, l.line, l.col))
            }
            key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
        });
        self.0.dedup();
        self.0
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests;
