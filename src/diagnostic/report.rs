//! Problems as a terminal shows them: sorted, errors first, within limits, then counted.

use std::path::Path;

use crate::tr;

use super::{Diagnostic, Location, Severity, printable};

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

/// The kind of a problem: its message without what it quotes (`unknown key `…``) nor the
/// numbers and dates it gives (`starts on …, more than a year after the build date (…)`).
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
            without_numbers(part, &mut out);
        }
    }
    out
}

/// Writes `text` with each word holding a digit (`2027-12-16`, `1.5`, `12:30`) as `…`,
/// the punctuation after it kept.
fn without_numbers(text: &str, out: &mut String) {
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let core = word.trim_end_matches(['.', ':', '-', '/']);
        if core.chars().any(|c| c.is_ascii_digit()) {
            out.push('…');
        } else {
            out.push_str(core);
        }
        out.push_str(&word[core.len()..]);
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | ':' | '.' | '/') {
            word.push(c);
        } else {
            flush(&mut word, out);
            out.push(c);
        }
    }
    flush(&mut word, out);
}
