//! This repository's own site, copied and built for the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{self, DATE};

/// Where the repository's own site is.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of this repository's site (settings, content, themes) in `dir`. Until the DSFR
/// theme's `base.html` includes `partials/meta.html` itself, the copy gets a site template
/// overriding it with the include line after `</title>`, so the partial is checked too.
pub fn copy_repo_site(dir: &Path) -> PathBuf {
    let root = dir.join("site");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(repo().join("site.yaml"), root.join("site.yaml")).unwrap();
    for folder in ["content", "themes"] {
        common::copy_tree(&repo().join(folder), &root.join(folder));
    }
    let base = std::fs::read_to_string(repo().join("themes/dsfr/templates/base.html")).unwrap();
    if !base.contains("partials/meta.html") {
        // What the partial says replaces what the layout said itself.
        let base: String = base
            .lines()
            .filter(|l| !l.contains("<meta name=\"description\"") && !l.contains("rel=\"canonical\""))
            .map(|l| format!("{l}\n"))
            .collect();
        let at = base.find("</title>").expect("base.html has a <title>") + "</title>".len();
        let with_meta = format!(
            "{}\n{{% include \"partials/meta.html\" %}}{}",
            &base[..at],
            &base[at..]
        );
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(root.join("templates/base.html"), with_meta).unwrap();
    }
    root
}

/// Builds this repository's site (copied into `tmp`) into `out` with `extra` flags.
pub fn build_repo_site(tmp: &Path, out: &Path, base_url: &str, extra: &[&str]) {
    let root = copy_repo_site(tmp);
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
        .current_dir(&root)
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
