//! This repository's own site, copied and built for the tests.

use std::path::{Path, PathBuf};

use crate::common::{self, DATE};

/// Where the repository's own site is.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of this repository's site (settings, content, themes) in `dir`, as shipped.
pub fn copy_repo_site(dir: &Path) -> PathBuf {
    let root = dir.join("site");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(repo().join("site.yaml"), root.join("site.yaml")).unwrap();
    for folder in ["content", "themes"] {
        common::copy_tree(&repo().join(folder), &root.join(folder));
    }
    root
}

/// Builds this repository's site (copied into `tmp`) into `out` with `extra` flags.
pub fn build_repo_site(tmp: &Path, out: &Path, base_url: &str, extra: &[&str]) {
    build_site(&copy_repo_site(tmp), out, base_url, extra);
}

/// `atelier build` of the site at `root` into `out`, asserting success.
pub fn build_site(root: &Path, out: &Path, base_url: &str, extra: &[&str]) {
    let mut args = vec![
        "--date",
        DATE,
        "--quiet",
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        base_url,
    ];
    args.extend_from_slice(extra);
    common::build_real_site(root, &args);
}

/// The site as shipped builds without a warning: every warning of its own build is a
/// defect of its content, settings or theme, or a message that is no longer true.
#[test]
fn the_site_builds_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let root = copy_repo_site(tmp.path());
    let out = tmp.path().join("public");
    let run = common::build_real_site(&root, &["--date", DATE, "--output", out.to_str().unwrap()]);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stdout.contains("(0 warnings)"), "{}", run.stdout);
}

/// `atelier <args>` in the site at `root`, without colours: (exit code, stdout, stderr).
fn atelier(root: &Path, args: &[&str]) -> (i32, String, String) {
    let run = common::run_at(root, args, &[]);
    (run.code, run.stdout, run.stderr)
}

/// The legal notice takes its host from `site.yaml`. The site as shipped does not know its
/// host yet: `check --strict` fails and says what to add, at `site.yaml`; the page says the
/// host will be named, and publishes no placeholder. With `hosting:` set, the page names it
/// and `check --strict` passes.
#[test]
fn the_legal_notice_names_the_host_of_site_yaml_or_strict_check_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let root = copy_repo_site(tmp.path());
    let (code, stdout, stderr) = atelier(&root, &["check", "--strict", "--date", DATE]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains(
            "warning: the legal notice names no host: `hosting` is not set in `site.yaml` (`themes/dsfr/templates/mentions-legales.html` shows it)\n --> site.yaml\n  = help: add `hosting:` with `name:` and `address:`"
        ),
        "{stderr}"
    );
    // The editors' CMS, published at /admin/, names no GitLab project yet either.
    assert!(
        stderr.contains("warning: the CMS at /admin/ names no GitLab project: editors cannot log in to it"),
        "{stderr}"
    );
    assert!(stdout.contains("0 errors and 2 warnings."), "{stdout}");
    let out = tmp.path().join("public");
    let (code, _, stderr) = atelier(
        &root,
        &["build", "--date", DATE, "--output", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    let page = std::fs::read_to_string(out.join("mentions-legales/index.html")).unwrap();
    assert!(page.contains("hebergement>Hébergement</h2>"), "{page}");
    assert!(
        page.contains("l’hébergeur de ce site seront indiqués ici lors de sa mise en ligne"),
        "{page}"
    );
    assert!(!page.contains("à préciser"), "{page}");
    assert!(!page.contains("À compléter"), "{page}");

    let settings = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        format!(
            "{settings}hosting:\n  name: Hébergeur & Cie\n  address: |\n    1 rue de l'Exemple\n    75000 Paris\n\
             cms:\n  repo: culture/atelier\n"
        ),
    )
    .unwrap();
    let (code, stdout, stderr) = atelier(&root, &["check", "--strict", "--date", DATE]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (code, _, stderr) = atelier(
        &root,
        &["build", "--date", DATE, "--output", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    let page = std::fs::read_to_string(out.join("mentions-legales/index.html")).unwrap();
    // As the minifier writes it: the name and the address lines, escaped where they must be.
    assert!(
        page.contains("<address id=hebergeur>Hébergeur & Cie<br>1 rue de l'Exemple<br>75000 Paris</address>"),
        "{page}"
    );
}
