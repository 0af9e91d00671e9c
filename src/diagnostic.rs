//! The one user-facing problem type: every error and warning atelier reports is a
//! [`Diagnostic`], located in a file when there is one, printed with the offending line.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a problem is. Errors stop a build; warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A place in a file: 1-based line and column (in characters), the width to underline,
/// and the text of that line, captured when the location is made so printing needs no IO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    #[serde(skip)]
    pub len: usize,
    #[serde(skip)]
    pub line_text: String,
}

impl Location {
    /// A whole file, without a line (unreadable files, missing files).
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: 0,
            col: 0,
            len: 0,
            line_text: String::new(),
        }
    }

    /// The location of byte `offset` in `src`, underlining `len` bytes (at least one
    /// character, at most the rest of the line). `first_line` is the line number of the
    /// first line of `src` in the file, so a slice of a file still reports file lines.
    pub fn in_source(path: &Path, src: &str, first_line: usize, offset: usize, len: usize) -> Self {
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[offset..].find('\n').map_or(src.len(), |i| offset + i);
        let line_no = first_line + src[..line_start].matches('\n').count();
        let line_text = src[line_start..line_end].trim_end_matches('\r');
        let end = floor_char_boundary(src, (offset + len).min(line_end)).max(offset);
        Location {
            path: path.to_path_buf(),
            line: line_no,
            col: src[line_start..offset].chars().count() + 1,
            len: src[offset..end].chars().count().max(1),
            line_text: line_text.to_string(),
        }
    }

    /// Line `line` (1-based, counted in `src`) at character column `col` (1-based).
    pub fn at_line(path: &Path, src: &str, line: usize, col: usize, len: usize) -> Self {
        let text = src.lines().nth(line.saturating_sub(1)).unwrap_or("");
        Location {
            path: path.to_path_buf(),
            line,
            col: col.max(1),
            len: len.max(1),
            line_text: text.trim_end_matches('\r').to_string(),
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col)?;
        }
        Ok(())
    }
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
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
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
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let mut out = format!("{}: {}\n", paint(code, label), paint("1", &self.message));
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
                let text = loc.line_text.replace('\t', "    ");
                let tabs = loc
                    .line_text
                    .chars()
                    .take(loc.col - 1)
                    .filter(|&c| c == '\t')
                    .count();
                let pad = " ".repeat(loc.col - 1 + tabs * 3);
                let carets = paint(code, &"^".repeat(loc.len));
                let _ = writeln!(out, "{gutter} {bar}");
                let _ = writeln!(out, "{} {bar} {text}", paint("1;34", &line_no));
                let _ = writeln!(out, "{gutter} {bar} {pad}{carets}");
            }
            if let Some(help) = &self.help {
                let _ = writeln!(out, "{gutter} {} help: {help}", paint("1;34", "="));
            }
        } else if let Some(help) = &self.help {
            let _ = writeln!(out, "  {} help: {help}", paint("1;34", "="));
        }
        out
    }
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
            let key = |d: &Diagnostic| {
                d.location
                    .as_ref()
                    .map(|l| (l.path.clone(), l.line, l.col))
                    .unwrap_or_default()
            };
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

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets_in_file_lines() {
        let src = "a: 1\nmission: x\n";
        let loc = Location::in_source(Path::new("f.md"), src, 2, 5, 7);
        assert_eq!((loc.line, loc.col, loc.len), (3, 1, 7));
        assert_eq!(loc.line_text, "mission: x");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "titre: é x";
        let loc = Location::in_source(Path::new("f.md"), src, 1, "titre: é ".len(), 1);
        assert_eq!(loc.col, 10);
    }

    #[test]
    fn renders_like_a_compiler() {
        let src = "---\nmisson: Aider\n---\n";
        let d = Diagnostic::error("unknown key `misson`")
            .at(Location::in_source(Path::new("content/x.md"), src, 1, 4, 6))
            .help("did you mean `mission`?");
        assert_eq!(
            d.render(false),
            "error: unknown key `misson`\n \
             --> content/x.md:2:1\n  \
             |\n\
             2 | misson: Aider\n  \
             | ^^^^^^\n  \
             = help: did you mean `mission`?\n"
        );
    }

    #[test]
    fn suggests_close_words_only() {
        let keys = ["title", "mission", "phases"];
        assert_eq!(did_you_mean("misson", keys), Some("mission"));
        assert_eq!(did_you_mean("Titre", keys), Some("title"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }
}
