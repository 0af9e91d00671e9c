//! The CI templates of `docs/ci/`, for a site's own repository: every `atelier` command
//! they run, run here on a site as the CI service would (its variables given sample
//! values), and what the service then reads checked (the Code Quality file the job
//! declares, annotations, a site built for the review or Pages address).

use crate::common;

use std::path::Path;

use crate::common::TestSite;
use serde_yaml::Value;

fn template(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci").join(name);
    serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The `atelier` command of a script line, its variables replaced, split into arguments
/// as a shell would (double quotes), and the file its stdout is redirected to.
fn command(line: &str, vars: &[(&str, &str)]) -> Option<(Vec<String>, Option<String>)> {
    let mut line = line.trim().strip_prefix("atelier ")?.to_string();
    for (name, value) in vars {
        line = line.replace(name, value);
    }
    let (line, redirect) = match line.split_once(" > ") {
        Some((cmd, file)) => (cmd.to_string(), Some(file.trim().to_string())),
        None => (line, None),
    };
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !current.is_empty() {
                    args.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    args.extend((!current.is_empty()).then_some(current));
    assert!(!line.contains('$'), "a variable this test does not know: {line}");
    Some((args, redirect))
}

fn site_with_a_problem() -> TestSite {
    let site = TestSite::minimal();
    site.write("content/contact.md", "---\ntitle: Contact\n---\nVoir [ici](/).\n");
    site
}

fn run(site: &TestSite, args: &[String]) -> common::Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    site.run_env(&args, &[("SOURCE_DATE_EPOCH", "1764288000")])
}

const GITLAB_VARS: [(&str, &str); 2] = [
    ("$CI_PAGES_URL", "https://groupe.gitlab.io/site"),
    ("$CI_MERGE_REQUEST_IID", "7"),
];

fn gitlab_script(job: &str) -> Vec<(Vec<String>, Option<String>)> {
    let ci = template("gitlab-ci.yml");
    let script = ci[job]["script"]
        .as_sequence()
        .unwrap_or_else(|| panic!("no job `{job}`"));
    let commands: Vec<_> = script
        .iter()
        .filter_map(|l| command(l.as_str().unwrap(), &GITLAB_VARS))
        .collect();
    assert_eq!(commands.len(), 1, "{job}: one atelier command");
    commands
}

#[test]
fn gitlab_check_job_writes_the_code_quality_report_it_declares() {
    let ci = template("gitlab-ci.yml");
    let declared = ci["check"]["artifacts"]["reports"]["codequality"]
        .as_str()
        .unwrap();
    assert_eq!(
        ci["check"]["artifacts"]["when"], "always",
        "the report of a failed check too"
    );
    let (args, redirect) = gitlab_script("check").remove(0);
    assert_eq!(redirect.as_deref(), Some(declared));
    let site = site_with_a_problem();
    let out = run(&site, &args);
    assert_eq!(out.code, 0, "warnings only: {}", out.stderr);
    let issues: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(issues[0]["location"]["path"], "content/contact.md");
    assert_eq!(issues[0]["severity"], "minor");
}

#[test]
fn gitlab_review_and_pages_jobs_build_for_their_address() {
    let ci = template("gitlab-ci.yml");
    for (job, url) in [
        ("review", "https://groupe.gitlab.io/site/mr-7/"),
        ("pages", "https://groupe.gitlab.io/site/"),
    ] {
        assert_eq!(ci[job]["artifacts"]["paths"][0], "public", "{job}");
        let environment = ci[job]["environment"]["url"].as_str().unwrap();
        let (args, _) = gitlab_script(job).remove(0);
        let site = TestSite::minimal();
        let out = run(&site, &args);
        assert_eq!(out.code, 0, "{job}: {}", out.stderr);
        let sitemap = site.read("public/sitemap.xml");
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{job}: {sitemap}");
        assert_eq!(
            environment
                .replace("$CI_PAGES_URL", GITLAB_VARS[0].1)
                .replace("$CI_MERGE_REQUEST_IID", "7"),
            url,
            "{job}: the environment links to what was built"
        );
    }
    assert_eq!(ci["review"]["pages"]["path_prefix"], "mr-$CI_MERGE_REQUEST_IID");
}

#[test]
fn github_workflow_annotates_then_builds_for_pages() {
    let workflow = template("github-workflow.yml");
    let vars = [(
        "${{ steps.config.outputs.base_url }}",
        "https://org.github.io/site",
    )];
    let mut commands = Vec::new();
    for job in ["check", "pages"] {
        for step in workflow["jobs"][job]["steps"].as_sequence().unwrap() {
            if let Some(script) = step["run"].as_str() {
                commands.extend(script.lines().filter_map(|l| command(l, &vars)));
            }
        }
    }
    let [(check, None), (build, None)] = &commands[..] else {
        panic!("one check, then one build: {commands:?}");
    };
    let site = site_with_a_problem();
    let out = run(&site, check);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("::warning file=content/contact.md,line=4,col=6,"),
        "{}",
        out.stdout
    );
    let out = run(&site, build);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        site.read("public/sitemap.xml")
            .contains("<loc>https://org.github.io/site/</loc>")
    );
}

/// atelier's own release pipelines: valid YAML, building the `dist` profile for the four
/// platforms on a tag, and both container images.
#[test]
fn release_pipelines_build_every_platform_on_a_tag() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |rel: &str| -> (String, Value) {
        let text = std::fs::read_to_string(repo.join(rel)).unwrap();
        let value = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        (text, value)
    };
    let (github_text, github) = read(".github/workflows/release.yml");
    assert_eq!(github["on"]["push"]["tags"][0], "v*");
    let targets: Vec<&str> = github["jobs"]["binary"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    let (gitlab_text, gitlab) = read(".gitlab-ci.yml");
    assert_eq!(gitlab["workflow"]["rules"][0]["if"], "$CI_COMMIT_TAG =~ /^v/");
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&target), "GitHub: {target}");
        assert!(gitlab_text.contains(target), "GitLab: {target}");
    }
    for text in [&github_text, &gitlab_text] {
        assert!(text.contains("cargo build --profile dist --locked"));
        assert!(
            text.contains("target: ci") || text.contains("--target ci"),
            "the -ci image"
        );
    }
}

/// Whoever can write a cache the deployment reads can publish any page (the digests in
/// `.atelier-cache/` catch damage, not tampering): GitLab keeps one cache per branch, so a
/// merge request's pipeline never writes the cache the main branch publishes from.
#[test]
fn gitlab_caches_are_kept_per_branch() {
    let ci = template("gitlab-ci.yml");
    let mut caches = vec![("default", &ci["default"]["cache"])];
    if let Some(jobs) = ci.as_mapping() {
        for (name, job) in jobs {
            if let (Some(name), Some(cache)) = (name.as_str(), job.get("cache")) {
                caches.push((name, cache));
            }
        }
    }
    for (job, cache) in caches {
        let prefix = cache["key"]["prefix"].as_str().unwrap_or_default();
        assert!(
            prefix.contains("$CI_COMMIT_REF_SLUG") || prefix.contains("$CI_COMMIT_REF_NAME"),
            "the cache of `{job}` is shared between branches: {cache:?}"
        );
    }
}
