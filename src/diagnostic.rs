//! The one user-facing problem type: every error and warning atelier reports is a
//! [`Diagnostic`], located in a file when there is one, printed with the offending line.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::tr;

/// How bad a problem is. Errors stop a build; warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A place in a file: 1-based line and column (in characters), the width to underline,
/// and the text of that line, captured when the location is made so printing needs no IO.
/// A long line is kept only around the problem: `line_text` then starts `skipped`
/// characters into the line, so a problem on a 50 MB line holds a few hundred bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    #[serde(skip)]
    pub len: usize,
    #[serde(skip)]
    pub line_text: String,
    /// Characters of the line left out before `line_text` (0 unless the line is long).
    #[serde(skip)]
    pub skipped: usize,
}

/// Characters of a source line kept before a problem's column, and from it onwards.
const BEFORE: usize = 80;
const FROM: usize = 160;

impl Location {
    /// A whole file, without a line (unreadable files, missing files).
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            ..Location::default()
        }
    }

    /// The location of byte `offset` in `src`, underlining `len` bytes (at least one
    /// character, at most the rest of the line). `first_line` is the line number of the
    /// first line of `src` in the file, so a slice of a file still reports file lines.
    /// Reads `src` up to `offset`: to locate many problems in one text, use [`Lines`].
    pub fn in_source(path: &Path, src: &str, first_line: usize, offset: usize, len: usize) -> Self {
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_no = first_line + memchr_count(&src.as_bytes()[..line_start]);
        let col = char_count(&src.as_bytes()[line_start..offset]) + 1;
        Location::on_line(path, src, line_no, line_start, col, offset, len)
    }

    /// `offset` sits on line `line_no` starting at byte `line_start`, at character `col`.
    fn on_line(
        path: &Path,
        src: &str,
        line_no: usize,
        line_start: usize,
        col: usize,
        offset: usize,
        len: usize,
    ) -> Self {
        let line_end = src[offset..].find('\n').map_or(src.len(), |i| offset + i);
        let end = floor_char_boundary(src, offset.saturating_add(len).min(line_end)).max(offset);
        // The text shown: the whole line, or a window around the problem on a long line.
        let from = if col - 1 > BEFORE {
            src[line_start..offset]
                .char_indices()
                .rev()
                .nth(BEFORE - 1)
                .map_or(line_start, |(i, _)| line_start + i)
        } else {
            line_start
        };
        let to = src[offset..line_end]
            .char_indices()
            .nth(FROM)
            .map_or(line_end, |(i, _)| offset + i);
        let skipped = if from == line_start { 0 } else { col - 1 - BEFORE };
        let mut line_text = src[from..to].trim_end_matches('\r').to_string();
        if to < line_end {
            line_text.push('…');
        }
        Location {
            path: path.to_path_buf(),
            line: line_no,
            col,
            len: src[offset..end.min(to)].chars().count().max(1),
            line_text,
            skipped,
        }
    }

    /// Line `line` (1-based, counted in `src`) at character column `col` (1-based).
    pub fn at_line(path: &Path, src: &str, line: usize, col: usize, len: usize) -> Self {
        let line_start = if line <= 1 {
            0
        } else {
            src.match_indices('\n')
                .nth(line - 2)
                .map_or(src.len(), |(i, _)| i + 1)
        };
        let line_text = &src[line_start..src[line_start..].find('\n').map_or(src.len(), |i| line_start + i)];
        let col = col.max(1);
        let offset = line_text
            .char_indices()
            .nth(col - 1)
            .map_or(line_text.len(), |(i, _)| i);
        let found = line_text[..offset].chars().count() + 1;
        let mut loc = Location::on_line(path, src, line, line_start, found, line_start + offset, 0);
        loc.col = col;
        loc.len = len.max(1);
        loc
    }
}

/// The lines of one text, to locate many problems in it: each location costs a binary
/// search and at most a few kilobytes of counting, where [`Location::in_source`] reads
/// the text from its start (a file with 50,000 problems took minutes that way).
pub struct Lines<'a> {
    path: &'a Path,
    src: &'a str,
    first_line: usize,
    /// Byte offset of each line start, and the characters before every [`STRIDE`] bytes;
    /// made on first use, as most texts have no problem at all.
    index: std::sync::OnceLock<(Vec<usize>, Vec<usize>)>,
}

/// Bytes between two character counts of [`Lines`].
const STRIDE: usize = 4096;

impl<'a> Lines<'a> {
    pub fn new(path: &'a Path, src: &'a str, first_line: usize) -> Self {
        Lines {
            path,
            src,
            first_line,
            index: std::sync::OnceLock::new(),
        }
    }

    /// The location of byte `offset`, underlining `len` bytes, as [`Location::in_source`].
    pub fn locate(&self, offset: usize, len: usize) -> Location {
        let src = self.src;
        let (starts, chars) = self.index.get_or_init(|| {
            let bytes = src.as_bytes();
            let starts = std::iter::once(0)
                .chain(
                    bytes
                        .iter()
                        .enumerate()
                        .filter(|(_, b)| **b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect();
            let mut chars = vec![0];
            for chunk in bytes.chunks(STRIDE) {
                chars.push(chars[chars.len() - 1] + char_count(chunk));
            }
            (starts, chars)
        });
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let line_start = starts[line];
        // Characters before a byte: the count at the stride below, plus the rest. Most
        // lines are shorter than a stride and counted directly.
        let before = |at: usize| chars[at / STRIDE] + char_count(&src.as_bytes()[at / STRIDE * STRIDE..at]);
        let col = if offset - line_start <= STRIDE {
            char_count(&src.as_bytes()[line_start..offset])
        } else {
            before(offset) - before(line_start)
        } + 1;
        Location::on_line(
            self.path,
            src,
            self.first_line + line,
            line_start,
            col,
            offset,
            len,
        )
    }
}

fn memchr_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Characters in UTF-8 bytes that start and end on character boundaries.
fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", printable(&self.path.to_string_lossy(), true))?;
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

/// How many problems a terminal is shown before the rest is counted: 177,000 warnings
/// printed in full are a million lines nobody reads, and took longer than the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Problems shown per file.
    pub per_file: usize,
    /// Problems shown in all.
    pub total: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_file: 10,
            total: 100,
        }
    }
}

/// Writes sorted diagnostics for a terminal. With `limits`, shows at most `per_file` of
/// each file and `total` in all, errors before warnings, then says how many more each
/// file cut short has, and counts all that was not shown by kind. Without, writes them all.
pub fn write_report(
    out: &mut impl std::io::Write,
    diags: &[Diagnostic],
    limits: Option<Limits>,
    color: bool,
) -> std::io::Result<()> {
    let shown = select(diags, limits);
    let mut i = 0;
    while i < diags.len() {
        let file = diags[i].location.as_ref().map(|l| &l.path);
        let end = i + diags[i..]
            .iter()
            .position(|d| d.location.as_ref().map(|l| &l.path) != file)
            .unwrap_or(diags.len() - i);
        for (d, _) in diags[i..end].iter().zip(&shown[i..end]).filter(|(_, s)| **s) {
            writeln!(out, "{}", d.render(color))?;
        }
        let hidden: Vec<&Diagnostic> = diags[i..end]
            .iter()
            .zip(&shown[i..end])
            .filter(|(_, s)| !**s)
            .map(|(d, _)| d)
            .collect();
        if let Some(path) = file
            && !hidden.is_empty()
            && hidden.len() < end - i
        {
            let loc = Location::file(path.clone());
            writeln!(
                out,
                "{}{} {}\n",
                tr!("label-note"),
                colon(),
                tr!(
                    "report-more-in-file",
                    count = hidden.len(),
                    file = loc.to_string(),
                    counts = counts(&hidden)
                )
            )?;
        }
        i = end;
    }
    let hidden: Vec<&Diagnostic> = diags
        .iter()
        .zip(&shown)
        .filter(|(_, s)| !**s)
        .map(|(d, _)| d)
        .collect();
    if hidden.is_empty() {
        return Ok(());
    }
    let mut kinds: std::collections::HashMap<(Severity, String), usize> = std::collections::HashMap::new();
    for d in &hidden {
        *kinds.entry((d.severity, kind(&d.message))).or_default() += 1;
    }
    let mut kinds: Vec<((Severity, String), usize)> = kinds.into_iter().collect();
    kinds.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| b.0.0.cmp(&a.0.0))
            .then_with(|| a.0.1.cmp(&b.0.1))
    });
    writeln!(
        out,
        "{}{} {}",
        tr!("label-note"),
        colon(),
        tr!(
            "report-not-shown-by-kind",
            count = hidden.len(),
            counts = counts(&hidden)
        )
    )?;
    let width = crate::i18n::count(kinds[0].1).chars().count();
    const KINDS: usize = 10;
    for ((severity, message), n) in kinds.iter().take(KINDS) {
        let label = match severity {
            Severity::Error => tr!("label-error"),
            Severity::Warning => tr!("label-warning"),
        };
        writeln!(
            out,
            "  {:>width$}  {label}{} {}",
            crate::i18n::count(*n),
            colon(),
            printable(message, false)
        )?;
    }
    if kinds.len() > KINDS {
        let rest: usize = kinds[KINDS..].iter().map(|(_, n)| n).sum();
        writeln!(
            out,
            "  {:>width$}  {}",
            crate::i18n::count(rest),
            tr!("report-other-kinds", count = kinds.len() - KINDS)
        )?;
    }
    writeln!(
        out,
        "  = {}{} {}\n",
        tr!("label-help"),
        colon(),
        tr!("report-verbose-help")
    )
}

/// What follows a label (`error: `): a colon, after a narrow no-break space in French.
pub fn colon() -> &'static str {
    match crate::i18n::current() {
        crate::i18n::Lang::En => ":",
        crate::i18n::Lang::Fr => "\u{202f}:",
    }
}

/// Which of `diags` a terminal shows: errors first, then warnings, within the limits.
fn select(diags: &[Diagnostic], limits: Option<Limits>) -> Vec<bool> {
    let Some(limits) = limits else {
        return vec![true; diags.len()];
    };
    let mut shown = vec![false; diags.len()];
    let mut per_file: std::collections::HashMap<&Path, usize> = std::collections::HashMap::new();
    let mut total = 0;
    for severity in [Severity::Error, Severity::Warning] {
        for (i, d) in diags.iter().enumerate().filter(|(_, d)| d.severity == severity) {
            if total == limits.total {
                return shown;
            }
            if let Some(loc) = &d.location {
                let n = per_file.entry(&loc.path).or_default();
                if *n == limits.per_file {
                    continue;
                }
                *n += 1;
            }
            shown[i] = true;
            total += 1;
        }
    }
    shown
}

/// "2 errors and 1,203 warnings", leaving out a count of zero.
fn counts(diags: &[&Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match (errors, warnings) {
        (0, n) => tr!("summary-warnings", count = n),
        (n, 0) => tr!("summary-errors", count = n),
        (e, w) => tr!(
            "counts-and",
            first = tr!("summary-errors", count = e),
            second = tr!("summary-warnings", count = w)
        ),
    }
}

/// The kind of a problem: its message without what it quotes (`unknown key `…``).
pub fn kind(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let parts = message.split('`').count();
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts sit between backticks; an unpaired last one is kept as it is.
        if i % 2 == 1 && i + 1 < parts {
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    out
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

/// Words longer than this get no suggestion: a typo is made in a word, not in a page of
/// text, and comparing two strings costs the product of their lengths.
const SUGGEST_LEN: usize = 200;

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
/// Compares `word` with every candidate: for many candidates, see [`Closest`].
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if word.len() > SUGGEST_LEN {
        return None;
    }
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| c.len() <= SUGGEST_LEN)
        .map(|c| (similarity(&lower, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Jaro-Winkler similarity of a lowercase word and a candidate, ignoring its case.
fn similarity(lower: &str, candidate: &str) -> f64 {
    if candidate.chars().any(char::is_uppercase) {
        strsim::jaro_winkler(lower, &candidate.to_lowercase())
    } else {
        strsim::jaro_winkler(lower, candidate)
    }
}

/// Many candidates, indexed by the three-letter sequences they contain, to suggest the
/// closest of them to a word in bounded time: only the candidates that share the most
/// sequences with the word ([`SHORTLIST`] of them) are compared with it, and the
/// sequences are read from the rarest, up to [`BUDGET`] candidates. A site with 66,000 pages
/// and a broken link on each compared every link with every page (18.8 s of `check`).
/// Up to [`SMALL`] candidates, every one is compared, as [`did_you_mean`] does.
pub struct Closest {
    /// Sorted and without duplicates, so the shortlist never depends on the input order.
    candidates: Vec<String>,
    grams: std::collections::HashMap<[char; 3], Vec<u32>>,
}

/// Candidates compared with every word, below which no index is made.
pub const SMALL: usize = 64;
/// Candidates compared with one word at most, when there are many.
pub const SHORTLIST: usize = 32;
/// Candidates counted for one word at most, over the sequences it shares with them.
const BUDGET: usize = 4096;

impl Closest {
    pub fn new<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut candidates: Vec<String> = candidates
            .into_iter()
            .filter(|c| c.len() <= SUGGEST_LEN)
            .map(str::to_string)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut grams: std::collections::HashMap<[char; 3], Vec<u32>> = std::collections::HashMap::new();
        if candidates.len() > SMALL {
            for (i, c) in candidates.iter().enumerate() {
                let mut seen = trigrams(&c.to_lowercase());
                seen.sort_unstable();
                seen.dedup();
                for g in seen {
                    grams.entry(g).or_default().push(i as u32);
                }
            }
        }
        Closest { candidates, grams }
    }

    /// The closest candidate to `word`, if it is close enough to be a likely typo.
    pub fn find(&self, word: &str) -> Option<&str> {
        self.find_counted(word).0
    }

    /// [`Closest::find`], and how many candidates were compared with `word`.
    fn find_counted(&self, word: &str) -> (Option<&str>, usize) {
        if self.candidates.len() <= SMALL {
            return (
                did_you_mean(word, self.candidates.iter().map(String::as_str)),
                self.candidates.len(),
            );
        }
        if word.len() > SUGGEST_LEN {
            return (None, 0);
        }
        let mut shared: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        let mut grams = trigrams(&word.to_lowercase());
        grams.sort_unstable();
        grams.dedup();
        // The rarest sequences first, as far as the budget goes.
        let mut lists: Vec<&Vec<u32>> = grams.iter().filter_map(|g| self.grams.get(g)).collect();
        lists.sort_by_key(|l| l.len());
        let mut budget = BUDGET;
        for list in lists {
            if list.len() > budget {
                break;
            }
            budget -= list.len();
            for &i in list {
                *shared.entry(i).or_default() += 1;
            }
        }
        let mut best: Vec<(u32, u32)> = shared.into_iter().collect();
        best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(SHORTLIST);
        let shortlist = best.iter().map(|&(i, _)| self.candidates[i as usize].as_str());
        (did_you_mean(word, shortlist), best.len())
    }
}

/// The three-character sequences of a word, with its two ends marked.
fn trigrams(word: &str) -> Vec<[char; 3]> {
    let chars: Vec<char> = ['\0', '\0']
        .into_iter()
        .chain(word.chars())
        .chain(['\0'])
        .collect();
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
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

    #[test]
    fn lines_locate_as_a_one_off_does() {
        let mut src = String::from("a: 1\n\nété: é\tx\n");
        // A long line, crossing several strides, with characters of every width.
        src.push_str(&"aé€𝄞 ".repeat(3000));
        src.push_str("\nfin\n");
        let lines = Lines::new(Path::new("f.md"), &src, 3);
        for (offset, _) in src.char_indices().step_by(7).chain([(src.len(), ' ')]) {
            assert_eq!(
                lines.locate(offset, 5),
                Location::in_source(Path::new("f.md"), &src, 3, offset, 5),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn a_long_line_is_kept_around_the_problem() {
        let src = format!("{}ERREUR{}\n", "x".repeat(50_000), "y".repeat(50_000));
        let loc = Location::in_source(Path::new("f.md"), &src, 1, 50_000, 6);
        assert_eq!((loc.line, loc.col, loc.len), (1, 50_001, 6));
        assert!(loc.line_text.len() < 300, "{}", loc.line_text.len());
        let shown = Diagnostic::error("là").at(loc).render(false);
        let text = shown.lines().nth(3).unwrap();
        let carets = shown.lines().nth(4).unwrap();
        assert!(text.starts_with("1 | …xxx") && text.ends_with("yyy…"), "{text}");
        let at = carets.find('^').unwrap();
        assert_eq!(&text.chars().skip(at).take(6).collect::<String>(), "ERREUR");
        assert_eq!(carets.trim_end().len() - at, 6);
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let src = "titre: \u{1b}[2Jeffacé\n";
        let d = Diagnostic::warning("clé `\u{1b}[2J`").at(Location::in_source(
            Path::new("content/a\nb.md"),
            src,
            1,
            7,
            4,
        ));
        let shown = d.render(false);
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert!(shown.contains("content/a\\nb.md:1:8"), "{shown}");
        assert!(shown.contains("1 | titre: �[2Jeffacé"), "{shown}");
    }

    fn many(path: &str, n: usize, severity: Severity) -> Vec<Diagnostic> {
        (0..n)
            .map(|i| Diagnostic {
                severity,
                location: Some(Box::new(Location::at_line(Path::new(path), "x\n", 1, 1, 1))),
                message: format!("unknown key `k{i}`"),
                help: None,
                code: None,
            })
            .collect()
    }

    #[test]
    fn a_report_shows_the_first_problems_and_counts_the_rest_by_kind() {
        let mut diags = many("content/a.md", 3, Severity::Warning);
        diags.extend(many("content/b.md", 53_960, Severity::Warning));
        diags.push(
            Diagnostic::error("broken link: `/x/` leads to no page of the site").at(Location::at_line(
                Path::new("content/b.md"),
                "x\n",
                1,
                99_999,
                1,
            )),
        );
        let mut out = Vec::new();
        let limits = Limits {
            per_file: 10,
            total: 12,
        };
        write_report(&mut out, &diags, Some(limits), false).unwrap();
        let out = String::from_utf8(out).unwrap();
        // The error comes first, wherever it is; then the warnings up to the limits.
        assert_eq!(out.matches("error: broken link").count(), 1);
        assert_eq!(out.matches("warning: unknown key `k").count(), 11);
        assert!(
            out.contains("note: 53,952 more problems in content/b.md not shown (53,952 warnings)"),
            "{out}"
        );
        assert!(
            out.ends_with(
                "note: 53,952 problems not shown (53,952 warnings), by kind:\n  \
                 53,952  warning: unknown key `…`\n  \
                 = help: `--verbose` prints every problem\n\n"
            ),
            "{out}"
        );
        let mut all = Vec::new();
        write_report(&mut all, &diags, None, false).unwrap();
        assert_eq!(
            String::from_utf8(all).unwrap().matches("unknown key").count(),
            53_963
        );
    }

    #[test]
    fn kinds_leave_out_what_messages_quote() {
        assert_eq!(
            kind("unknown key `titre` in `phases[0]`"),
            "unknown key `…` in `…`"
        );
        assert_eq!(kind("an odd `backtick"), "an odd `backtick");
    }

    #[test]
    fn many_candidates_are_compared_a_bounded_number_of_times() {
        let words: Vec<String> = (0..100_000).map(|i| format!("/startups/fiche-{i:05}/")).collect();
        let index = Closest::new(words.iter().map(String::as_str));
        let (found, compared) = index.find_counted("/startups/fiche-4242/");
        assert!(compared <= SHORTLIST, "{compared}");
        assert!(found.is_some_and(|f| f.contains("4242")), "{found:?}");
        let (found, compared) = index.find_counted("/startups/fiche-04242/x");
        assert_eq!(
            (found, compared <= SHORTLIST),
            (Some("/startups/fiche-04242/"), true)
        );
        assert_eq!(index.find_counted(&"z".repeat(1000)), (None, 0));
        // A few candidates are all compared, as `did_you_mean` does.
        let few = Closest::new(["title", "mission", "phases"]);
        assert_eq!(few.find("misson"), Some("mission"));
        assert_eq!(few.find("zzz"), None);
    }

    #[test]
    fn the_index_finds_what_comparing_with_every_candidate_finds() {
        let words: Vec<String> = (0..2_000)
            .map(|i| {
                format!(
                    "/{}/{}-{i}/",
                    ["startups", "actualites", "pages"][i % 3],
                    ["ada", "languia", "rdv"][i % 7 % 3]
                )
            })
            .collect();
        let index = Closest::new(words.iter().map(String::as_str));
        // A typo of a candidate (a letter left out, doubled, or the slash forgotten): the
        // suggestion is at least as close as that candidate.
        for meant in words.iter().step_by(97) {
            let cut = meant.len() / 2;
            for typo in [
                format!("{}{}", &meant[..cut], &meant[cut + 1..]),
                format!("{}{}", &meant[..cut + 1], &meant[cut..]),
                meant.trim_end_matches('/').to_string(),
            ] {
                let found = index.find(&typo).unwrap_or_else(|| panic!("{typo}"));
                assert!(
                    similarity(&typo, found) >= similarity(&typo, meant),
                    "{typo}: {found}"
                );
            }
        }
    }
}
