//! `atelier check --format gitlab` and `--format github`, run as the real binary on a site
//! with problems, validated against what each service documents:
//!
//! - GitLab Code Quality (docs.gitlab.com/ci/testing/code_quality, "Code Quality report
//!   format"): a JSON array of objects, each with a string `description`, `check_name` and
//!   `fingerprint`, a `severity` among `info`, `minor`, `major`, `critical`, `blocker`, and
//!   `location.path` (a path relative to the repository) with an integer
//!   `location.lines.begin` (or `location.positions.begin.line`).
//! - GitHub workflow commands (docs.github.com, "Workflow commands for GitHub Actions"):
//!   `::error` / `::warning`, then `file`, `line`, `col`, `title` parameters separated by
//!   commas, `::`, the message; `%`, `\r`, `\n` escaped as `%25`, `%0D`, `%0A` in the
//!   message and also `:` and `,` in parameters.

use std::collections::BTreeSet;

use crate::check_site::{DATE, Run, STARTUP, Site};

/// `atelier check --format <format>` as a CI job runs it: in the repository, here the
/// site's own folder, or its parent with `--root <folder>` when `in_parent`.
fn check_as_ci(site: &Site, format: &str, in_parent: bool) -> Run {
    let (cwd, root) = if in_parent {
        let name = site.root().file_name().unwrap().to_str().unwrap();
        (site.root().parent().unwrap(), name)
    } else {
        (site.root(), ".")
    };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(["check", "--date", DATE, "--format", format, "--root", root])
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A site with an error and warnings in two files, one problem twice.
fn site_with_problems() -> Site {
    let site = Site::new();
    site.write(
        "content/a-propos.md",
        "---\ntitle: À propos\n---\n[ici](/startups/)\n\nEt [ici](/startups/) encore.\n",
    );
    site.write(
        "content/startups/ada.md",
        &STARTUP.replace("incubator: culture\n", "incubator: culture\nmisson: typo\n"),
    );
    site.write(
        "content/contact.md",
        "---\ntitle: Contact\n---\nVoir [la page](/nulle-part/).\n",
    );
    site
}

const SEVERITIES: [&str; 5] = ["info", "minor", "major", "critical", "blocker"];

/// The documented requirements of one Code Quality issue; panics with the offending issue.
fn assert_code_quality_issue(issue: &serde_json::Value) {
    let text = |key: &str| {
        issue[key]
            .as_str()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| panic!("`{key}` must be a non-empty string: {issue}"))
    };
    text("description");
    text("check_name");
    text("fingerprint");
    assert!(SEVERITIES.contains(&text("severity")), "{issue}");
    let path = issue["location"]["path"]
        .as_str()
        .unwrap_or_else(|| panic!("{issue}"));
    assert!(
        !path.is_empty() && !path.starts_with('/') && !path.starts_with("./"),
        "{issue}"
    );
    let begin = issue["location"]["lines"]["begin"]
        .as_u64()
        .unwrap_or_else(|| panic!("{issue}"));
    assert!(begin >= 1, "{issue}");
}

#[test]
fn gitlab_code_quality_report_of_a_site_with_problems() {
    let site = site_with_problems();
    let run = check_as_ci(&site, "gitlab", false);
    assert_eq!(run.code, 1, "an error fails the job: {}", run.stderr);
    assert_eq!(run.stderr, "Checked 12 pages: 1 error and 3 warnings.\n");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    let issues = report.as_array().expect("an array of issues");
    assert_eq!(issues.len(), 4, "{}", run.stdout);
    for issue in issues {
        assert_code_quality_issue(issue);
    }
    let summary: Vec<(&str, &str, u64)> = issues
        .iter()
        .map(|i| {
            (
                i["severity"].as_str().unwrap(),
                i["location"]["path"].as_str().unwrap(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("minor", "content/a-propos.md", 4),
            ("minor", "content/a-propos.md", 6),
            ("major", "content/contact.md", 4),
            ("minor", "content/startups/ada.md", 5),
        ]
    );
    assert_eq!(issues[3]["check_name"], "unknown key `…`");
    assert_eq!(
        issues[3]["description"],
        "unknown key `misson`\ndid you mean `mission`?"
    );

    // One fingerprint per problem, the same problem twice included, and the same next run.
    let fingerprints: BTreeSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), issues.len());
    assert_eq!(check_as_ci(&site, "gitlab", false).stdout, run.stdout);
}

#[test]
fn gitlab_report_of_a_clean_site_is_an_empty_array() {
    let run = check_as_ci(&Site::new(), "gitlab", false);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "[]\n");
}

/// The parts of a workflow command line, checked against the documented syntax.
fn parse_command(line: &str) -> (&str, Vec<(&str, &str)>, &str) {
    let rest = line
        .strip_prefix("::")
        .unwrap_or_else(|| panic!("not a command: {line}"));
    let (head, message) = rest
        .split_once("::")
        .unwrap_or_else(|| panic!("no message: {line}"));
    let (command, params) = head.split_once(' ').unwrap_or((head, ""));
    assert!(["error", "warning", "notice"].contains(&command), "{line}");
    let params: Vec<(&str, &str)> = params
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.split_once('=')
                .unwrap_or_else(|| panic!("parameter without `=`: {line}"))
        })
        .collect();
    for (key, value) in &params {
        assert!(
            ["file", "line", "endLine", "col", "endColumn", "title"].contains(key),
            "{line}"
        );
        assert!(
            !value.contains(':') && !value.contains(','),
            "unescaped parameter: {line}"
        );
    }
    assert!(!message.contains('\r') && !message.contains('\n'), "{line}");
    (command, params, message)
}

#[test]
fn github_annotations_of_a_site_with_problems() {
    let site = site_with_problems();
    let run = check_as_ci(&site, "github", false);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "Checked 12 pages: 1 error and 3 warnings.\n");
    let commands: Vec<_> = run.stdout.lines().map(parse_command).collect();
    assert_eq!(commands.len(), 4, "{}", run.stdout);
    let (command, params, message) = &commands[3];
    assert_eq!(*command, "warning");
    assert_eq!(
        params,
        &[
            ("file", "content/startups/ada.md"),
            ("line", "5"),
            ("col", "1"),
            ("title", "atelier check"),
        ]
    );
    assert_eq!(*message, "unknown key `misson`%0Adid you mean `mission`?");
    assert_eq!(commands[2].0, "error");
    assert_eq!(commands[2].1[0], ("file", "content/contact.md"));
    assert!(
        commands[2]
            .2
            .starts_with("broken link: `/nulle-part/` leads to no page of the site")
    );
}

#[test]
fn paths_stay_relative_to_the_repository_for_a_site_in_a_folder() {
    let site = site_with_problems();
    let name = site.root().file_name().unwrap().to_str().unwrap().to_string();
    let gitlab = check_as_ci(&site, "gitlab", true);
    let issues: serde_json::Value = serde_json::from_str(&gitlab.stdout).unwrap();
    assert_eq!(
        issues[0]["location"]["path"],
        format!("{name}/content/a-propos.md")
    );
    let github = check_as_ci(&site, "github", true);
    assert!(
        github
            .stdout
            .starts_with(&format!("::warning file={name}/content/a-propos.md,line=4,")),
        "{}",
        github.stdout
    );
}
