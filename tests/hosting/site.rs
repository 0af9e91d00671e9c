//! This repository's own site, copied and built for the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

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
        "build",
        "--date",
        DATE,
        "--quiet",
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        base_url,
    ];
    args.extend_from_slice(extra);
    let run = Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(&args)
        .current_dir(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "building the site failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The site as shipped builds without a warning: every warning of its own build is a
/// defect of its content, settings or theme, or a message that is no longer true.
#[test]
fn the_site_builds_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let root = copy_repo_site(tmp.path());
    let out = tmp.path().join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(["build", "--date", DATE, "--output", out.to_str().unwrap()])
        .current_dir(&root)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(stdout.contains("(0 warnings)"), "{stdout}");
}
