//! The CI templates of `docs/ci/` (documented in `docs/deploiement.md`): valid files whose
//! Pages jobs build this site.

use std::process::Command;

use super::site::{copy_repo_site, repo};
use crate::common::DATE;

fn template(name: &str) -> serde_yaml::Value {
    let text = std::fs::read_to_string(repo().join("docs/ci").join(name)).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name} is not YAML: {e}"))
}

/// The arguments of an `atelier build` command line of a CI example, with the CI's variable
/// replaced by a sample URL.
fn build_args(line: &str, url: &str) -> Vec<String> {
    let command = line.split("atelier build").nth(1).unwrap();
    // Shell words: double quotes keep spaces (`"${{ steps.pages.outputs.base_url }}/"`).
    let mut words = vec![String::new()];
    let mut quoted = false;
    for c in command.trim().chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => words.push(String::new()),
            c => words.last_mut().unwrap().push(c),
        }
    }
    let mut args = vec!["build".to_string()];
    for word in words.into_iter().filter(|w| !w.is_empty()) {
        args.push(if word.contains('$') { url.to_string() } else { word });
    }
    args
}

#[test]
fn ci_templates_are_valid_files_whose_pages_jobs_build_the_site() {
    let gitlab = template("gitlab-ci.yml");
    let github = template("github-workflow.yml");

    let job = &gitlab["pages"];
    assert_eq!(
        job["artifacts"]["paths"][0], "public",
        "GitLab Pages publishes public/"
    );
    let gitlab_build = job["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|l| l.as_str())
        .find(|l| l.contains("atelier build"))
        .expect("the GitLab job runs atelier build")
        .to_string();

    let pages = &github["jobs"]["pages"];
    let steps = pages["steps"].as_sequence().unwrap();
    let github_build = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .find(|r| r.contains("atelier build"))
        .expect("the GitHub job runs atelier build")
        .to_string();
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("the GitHub job uploads the Pages artifact");
    assert_eq!(upload["with"]["path"], "public");
    assert_eq!(pages["permissions"]["pages"], "write");
    assert_eq!(pages["permissions"]["id-token"], "write");
    let deploy = steps.last().unwrap()["uses"].as_str().unwrap();
    assert!(deploy.starts_with("actions/deploy-pages@"), "{deploy}");

    // Both command lines build this site, under a path, with a 404 page at the top.
    for (line, url) in [
        (gitlab_build, "https://groupe.gitlab.io/projet/"),
        (github_build, "https://organisation.github.io/depot/"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let root = copy_repo_site(tmp.path());
        let mut args = build_args(&line, url);
        args.extend(["--date".into(), DATE.into(), "--quiet".into()]);
        let run = Command::new(env!("CARGO_BIN_EXE_atelier"))
            .args(&args)
            .current_dir(&root)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(root.join("public/404.html").is_file(), "{args:?}");
        let robots = std::fs::read_to_string(root.join("public/robots.txt")).unwrap();
        assert!(
            robots.contains(&format!("Sitemap: {url}sitemap.xml")),
            "{args:?}: {robots}"
        );
        assert_eq!(
            args.contains(&"--precompress".to_string()),
            root.join("public/index.html.gz").is_file(),
            "{args:?}"
        );
    }
}
