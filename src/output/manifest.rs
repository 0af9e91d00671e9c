//! `.atelier-manifest`: the list of files atelier wrote in an output folder, kept in that
//! folder. A build deletes only files an earlier build listed there; everything else in
//! the folder belongs to someone else and is left alone.
//!
//! The format is text, one entry a line, sorted, so the same site always gives the same
//! bytes:
//!
//! ```text
//! # atelier output manifest, format 1
//! # ...comment...
//! w 404.html
//! w startups/carto/index.html
//! k CNAME
//! ```
//!
//! `w` is a file atelier wrote, `k` an entry it found and kept (a folder ends with `/`),
//! remembered so that it is mentioned once, not at every build. Paths are `/`-separated and
//! relative to the folder; `%`, line feeds and carriage returns are written `%25`, `%0A`,
//! `%0D`. The manifest is always replaced whole (written beside, then renamed).

use std::collections::BTreeSet;
use std::io;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Location};

/// The manifest's file name, in the output folder.
pub const NAME: &str = ".atelier-manifest";
/// Where a new manifest is written before it replaces the old one.
pub const TMP_NAME: &str = ".atelier-manifest.tmp";
const HEADER: &str = "# atelier output manifest, format ";
const FORMAT: u32 = 1;
const COMMENT: &str = "# atelier wrote the files marked `w` and deletes nothing else in this folder; \
                       `k` marks what it found here and left alone.";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Files atelier wrote, relative, `/`-separated.
    pub files: BTreeSet<String>,
    /// Entries it found and left alone (folders end with `/`).
    pub kept: BTreeSet<String>,
}

impl Manifest {
    pub fn render(&self) -> String {
        let mut out = format!("{HEADER}{FORMAT}\n{COMMENT}\n");
        for (tag, set) in [("w", &self.files), ("k", &self.kept)] {
            for path in set {
                out.push_str(tag);
                out.push(' ');
                out.push_str(&escape(path));
                out.push('\n');
            }
        }
        out
    }

    /// Parses a manifest; `shown` names it in errors.
    pub fn parse(text: &str, shown: &Path) -> Result<Manifest, Diagnostic> {
        let at = |line: usize, len: usize| Location::at_line(shown, text, line, 1, len);
        let help = crate::tr!("manifest-help");
        let first = text.lines().next().unwrap_or("");
        let Some(format) = first.strip_prefix(HEADER) else {
            return Err(Diagnostic::error(crate::msg!("manifest-not-a-manifest"))
                .at(at(1, first.len()))
                .help(help));
        };
        if format.trim() != FORMAT.to_string() {
            return Err(Diagnostic::error(crate::msg!(
                "manifest-unknown-format",
                format = format.trim(),
                known = FORMAT.to_string()
            ))
            .at(at(1, first.len()))
            .help(crate::tr!("manifest-unknown-format-help")));
        }
        let mut m = Manifest::default();
        for (i, line) in text.lines().enumerate().skip(1) {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let bad = || {
                Diagnostic::error(crate::msg!("manifest-unreadable-line"))
                    .at(at(i + 1, line.len()))
                    .help(help.clone())
            };
            let (set, rest) = match line.split_once(' ') {
                Some(("w", rest)) => (&mut m.files, rest),
                Some(("k", rest)) => (&mut m.kept, rest),
                _ => return Err(bad()),
            };
            let path = unescape(rest).ok_or_else(bad)?;
            if !is_relative_inside(path.trim_end_matches('/')) {
                return Err(
                    Diagnostic::error(crate::msg!("manifest-path-outside", path = path.as_str()))
                        .at(at(i + 1, line.len()))
                        .help(help),
                );
            }
            set.insert(path);
        }
        Ok(m)
    }

    /// The manifest of `dir`, `None` when it has none.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, Diagnostic> {
        let path = dir.join(NAME);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                Manifest::parse(&text, &path).map(Some)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(crate::fs::io_error("read", &path, &e)),
        }
    }

    /// Replaces the manifest of `dir` at once: written beside, then renamed over.
    pub fn write(&self, dir: &Path) -> Result<(), Diagnostic> {
        crate::fs::write_replacing(&dir.join(NAME), &dir.join(TMP_NAME), self.render().as_bytes())
    }
}

/// A relative path without empty, `.` or `..` parts.
fn is_relative_inside(path: &str) -> bool {
    !path.is_empty() && path.split('/').all(|p| !p.is_empty() && p != "." && p != "..")
}

/// A path on one line of a text file: `%`, line feeds and carriage returns as `%25`,
/// `%0A`, `%0D` (the manifest's and the stamps' format).
pub(super) fn escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\n' => out.push_str("%0A"),
            '\r' => out.push_str("%0D"),
            c => out.push(c),
        }
    }
    out
}

/// The path [`escape`] wrote; `None` for any other `%` sequence.
pub(super) fn unescape(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3)?;
        out.push(match code {
            "25" => '%',
            "0A" => '\n',
            "0D" => '\r',
            _ => return None,
        });
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        Manifest {
            files: ["index.html", "a b/100%.html", "odd\nname/index.html"]
                .map(String::from)
                .into(),
            kept: ["CNAME", ".well-known/"].map(String::from).into(),
        }
    }

    #[test]
    fn round_trips_and_is_sorted() {
        let m = sample();
        let text = m.render();
        assert_eq!(
            text.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>(),
            [
                "w a b/100%25.html",
                "w index.html",
                "w odd%0Aname/index.html",
                "k .well-known/",
                "k CNAME"
            ]
        );
        assert_eq!(Manifest::parse(&text, Path::new("m")).unwrap(), m);
    }

    #[test]
    fn refuses_what_it_cannot_trust() {
        let parse = |t: &str| Manifest::parse(t, Path::new("public/.atelier-manifest"));
        assert!(
            parse("hello\n")
                .unwrap_err()
                .message
                .contains("not an atelier manifest")
        );
        let newer = parse("# atelier output manifest, format 2\n").unwrap_err();
        assert!(newer.message.contains("format 2"), "{}", newer.message);
        let header = "# atelier output manifest, format 1\n";
        let outside = parse(&format!("{header}w ../site.yaml\n")).unwrap_err();
        assert!(
            outside.message.contains("not a path inside"),
            "{}",
            outside.message
        );
        assert_eq!(outside.location.unwrap().line, 2);
        assert!(parse(&format!("{header}w /etc/passwd\n")).is_err());
        assert!(parse(&format!("{header}x a\n")).is_err());
        assert!(parse(&format!("{header}w a%zz\n")).is_err());
        assert_eq!(parse(header).unwrap(), Manifest::default());
    }
}
