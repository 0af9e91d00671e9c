//! Problems in the formats CI services show where a reviewer looks: GitLab's Code Quality
//! report (the merge request widget and the diff) and GitHub's workflow commands (the
//! annotations of a pull request). Pure functions, diagnostics in, text out.
//!
//! - GitLab: a JSON array of issues with `description`, `check_name`, `fingerprint`,
//!   `severity` and `location.path` / `location.lines.begin`, the fields
//!   <https://docs.gitlab.com/ci/testing/code_quality/> requires.
//! - GitHub: one `::error file=…,line=…,col=…,title=…::message` line per problem, escaped
//!   as the Actions toolkit does (`%`, `\r`, `\n` everywhere; also `:` and `,` in
//!   properties).

use std::collections::HashMap;
use std::path::{Component, Path};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diagnostic::{self, Diagnostic, Severity};

/// The GitLab Code Quality report of `diags`, one issue per diagnostic, in their order.
/// Paths are made relative to where the command runs (the repository, in CI) by putting
/// `root`, the site's folder as given (`--root`), before them. A problem without a file
/// is reported on the site's `site.yaml`, line 1, since GitLab requires a path.
pub fn gitlab(diags: &[Diagnostic], root: &Path) -> String {
    let fingerprints = fingerprints(diags, root);
    let issues: Vec<Issue<'_>> = diags
        .iter()
        .zip(&fingerprints)
        .map(|(d, fingerprint)| {
            let (path, line) = place(d, root);
            Issue {
                kind: "issue",
                description: description(d),
                check_name: diagnostic::kind(&d.message),
                fingerprint: fingerprint.clone(),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: IssueLocation {
                    path,
                    lines: Lines { begin: line.max(1) },
                },
                engine_name: "atelier",
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation,
    engine_name: &'a str,
}

#[derive(Serialize)]
struct IssueLocation {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// GitHub workflow commands for `diags`, one line each: `::error` or `::warning`, with
/// the file (under `root`, as for [`gitlab`]), line and column when the problem has them.
pub fn github(diags: &[Diagnostic], root: &Path) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(match d.severity {
            Severity::Error => "::error ",
            Severity::Warning => "::warning ",
        });
        let mut props = Vec::new();
        if let Some(loc) = &d.location {
            props.push(format!(
                "file={}",
                escape_property(&slash_path(&root.join(&loc.path)))
            ));
            if loc.line > 0 {
                props.push(format!("line={}", loc.line));
                props.push(format!("col={}", loc.col.max(1)));
            }
        }
        props.push(format!("title={}", escape_property("atelier check")));
        out.push_str(&props.join(","));
        out.push_str("::");
        out.push_str(&escape_data(&description(d)));
        out.push('\n');
    }
    out
}

/// The site's folder as the CI service needs it, relative to `cwd` (the repository):
/// `root` as given when relative, else with `cwd` taken off when it is inside it.
pub fn relative_root(root: &Path, cwd: &Path) -> std::path::PathBuf {
    root.strip_prefix(cwd).unwrap_or(root).to_path_buf()
}

/// The message, then what to do on the next line.
fn description(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) if !help.is_empty() => format!("{}\n{help}", d.message),
        _ => d.message.clone(),
    }
}

/// The path under `root` with `/` between components, without `./`, and the line (0: none).
fn place(d: &Diagnostic, root: &Path) -> (String, usize) {
    match &d.location {
        Some(loc) => (slash_path(&root.join(&loc.path)), loc.line),
        None => (slash_path(&root.join("site.yaml")), 0),
    }
}

fn slash_path(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let joined = parts.join("/");
    // A leading root component already ends with a separator (`/`): do not double it.
    joined.replacen("//", "/", 1)
}

/// One fingerprint per diagnostic: a hash of its path, severity and message, and of how
/// many identical problems of the same file came before it. Lines are left out so that
/// a problem keeps its fingerprint when text above it moves (GitLab then shows it as
/// unchanged, not fixed and new); two identical problems of one file still differ.
fn fingerprints(diags: &[Diagnostic], root: &Path) -> Vec<String> {
    let mut seen: HashMap<(String, Severity, &str), usize> = HashMap::new();
    diags
        .iter()
        .map(|d| {
            let (path, _) = place(d, root);
            let nth = seen.entry((path.clone(), d.severity, &d.message)).or_insert(0);
            let mut hash = Sha256::new();
            for part in [
                path.as_bytes(),
                format!("{:?}", d.severity).as_bytes(),
                d.message.as_bytes(),
                nth.to_string().as_bytes(),
            ] {
                hash.update((part.len() as u64).to_le_bytes());
                hash.update(part);
            }
            *nth += 1;
            hash.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
        })
        .collect()
}

/// A message, escaped as `@actions/core` escapes command data. Other control characters
/// (a terminal escape from a file) are written as `\u{1b}`.
fn escape_data(text: &str) -> String {
    let text = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    diagnostic::printable(&text, true).into_owned()
}

/// A property value (`file=`, `title=`), escaped as `@actions/core` escapes properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    fn at(d: Diagnostic, path: &str, line: usize, col: usize) -> Diagnostic {
        d.at(Location {
            path: path.into(),
            line,
            col,
            ..Location::default()
        })
    }

    fn sample() -> Vec<Diagnostic> {
        vec![
            at(
                Diagnostic::error("unknown phase `constructon`").help("did you mean `construction`?"),
                "content/startups/bob.md",
                7,
                11,
            ),
            at(
                Diagnostic::warning("the link text `ici` says nothing out of context"),
                "./content/a-propos.md",
                4,
                1,
            ),
            Diagnostic::error("cannot download `https://registry.example/dsfr.tgz`"),
        ]
    }

    #[test]
    fn gitlab_issues_carry_the_required_fields() {
        let text = gitlab(&sample(), Path::new("."));
        let issues: serde_json::Value = serde_json::from_str(&text).unwrap();
        let issues = issues.as_array().unwrap();
        assert_eq!(issues.len(), 3);
        assert_eq!(
            issues[0],
            serde_json::json!({
                "type": "issue",
                "description": "unknown phase `constructon`\ndid you mean `construction`?",
                "check_name": "unknown phase `…`",
                "fingerprint": issues[0]["fingerprint"],
                "severity": "major",
                "location": { "path": "content/startups/bob.md", "lines": { "begin": 7 } },
                "engine_name": "atelier",
            })
        );
        assert_eq!(issues[1]["severity"], "minor");
        assert_eq!(issues[1]["location"]["path"], "content/a-propos.md");
        // A problem of no file lands on the settings, line 1: GitLab requires a path.
        assert_eq!(
            issues[2]["location"],
            serde_json::json!({ "path": "site.yaml", "lines": { "begin": 1 } })
        );
    }

    #[test]
    fn gitlab_of_nothing_is_an_empty_array() {
        assert_eq!(gitlab(&[], Path::new(".")), "[]\n");
    }

    #[test]
    fn fingerprints_are_stable_distinct_and_ignore_lines() {
        let diags = sample();
        let first = fingerprints(&diags, Path::new("."));
        assert_eq!(first, fingerprints(&diags, Path::new(".")));
        assert!(first.iter().all(|f| f.len() == 32));
        let distinct: std::collections::BTreeSet<_> = first.iter().collect();
        assert_eq!(distinct.len(), 3);

        // The same problem twice in one file: two fingerprints.
        let twice = vec![diags[1].clone(), diags[1].clone()];
        let two = fingerprints(&twice, Path::new("."));
        assert_ne!(two[0], two[1]);
        assert_eq!(two[0], first[1]);

        // Moved three lines down: the same fingerprint.
        let moved = at(
            Diagnostic::warning("the link text `ici` says nothing out of context"),
            "content/a-propos.md",
            7,
            1,
        );
        assert_eq!(fingerprints(&[moved], Path::new("."))[0], first[1]);

        // The same message in another file, or as an error: another fingerprint.
        let elsewhere = at(
            Diagnostic::warning("the link text `ici` says nothing out of context"),
            "content/contact.md",
            4,
            1,
        );
        assert_ne!(fingerprints(&[elsewhere], Path::new("."))[0], first[1]);
        let mut as_error = diags[1].clone();
        as_error.severity = Severity::Error;
        assert_ne!(fingerprints(&[as_error], Path::new("."))[0], first[1]);
    }

    #[test]
    fn github_commands_for_each_problem() {
        assert_eq!(
            github(&sample(), Path::new(".")),
            "::error file=content/startups/bob.md,line=7,col=11,title=atelier check::unknown phase `constructon`%0Adid you mean `construction`?\n\
             ::warning file=content/a-propos.md,line=4,col=1,title=atelier check::the link text `ici` says nothing out of context\n\
             ::error title=atelier check::cannot download `https://registry.example/dsfr.tgz`\n"
        );
    }

    #[test]
    fn github_escapes_as_the_toolkit_does() {
        let d = at(
            Diagnostic::warning("100% sure:\r\nline two, \u{1b}[31mred"),
            "content/a,b:c%.md",
            2,
            0,
        );
        assert_eq!(
            github(&[d], Path::new(".")),
            "::warning file=content/a%2Cb%3Ac%25.md,line=2,col=1,title=atelier check::100%25 sure:%0D%0Aline two, \\u{1b}[31mred\n"
        );
    }

    #[test]
    fn paths_are_under_the_site_folder_given() {
        let diags = sample();
        let issues: serde_json::Value = serde_json::from_str(&gitlab(&diags, Path::new("site"))).unwrap();
        assert_eq!(issues[0]["location"]["path"], "site/content/startups/bob.md");
        assert_eq!(issues[1]["location"]["path"], "site/content/a-propos.md");
        assert_eq!(issues[2]["location"]["path"], "site/site.yaml");
        assert!(
            github(&diags, Path::new("./site/")).starts_with("::error file=site/content/startups/bob.md,")
        );
    }

    #[test]
    fn an_absolute_root_inside_the_repository_becomes_relative() {
        let cwd = Path::new("/builds/groupe/projet");
        assert_eq!(
            relative_root(Path::new("/builds/groupe/projet/site"), cwd),
            Path::new("site")
        );
        assert_eq!(relative_root(Path::new("site"), cwd), Path::new("site"));
        assert_eq!(
            relative_root(Path::new("/elsewhere/site"), cwd),
            Path::new("/elsewhere/site")
        );
    }

    #[test]
    fn a_file_without_a_line_has_no_line() {
        let d = Diagnostic::error("cannot read the file").at(Location::file("content/x.md"));
        assert_eq!(
            github(std::slice::from_ref(&d), Path::new(".")),
            "::error file=content/x.md,title=atelier check::cannot read the file\n"
        );
        let issues: serde_json::Value = serde_json::from_str(&gitlab(&[d], Path::new("."))).unwrap();
        assert_eq!(issues[0]["location"]["lines"]["begin"], 1);
    }
}
