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
/// overriding it with the include in place of the layout's own description, canonical and
/// robots lines, so the partial is checked too.
pub fn copy_repo_site(dir: &Path) -> PathBuf {
    let root = dir.join("site");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(repo().join("site.yaml"), root.join("site.yaml")).unwrap();
    for folder in ["content", "themes"] {
        common::copy_tree(&repo().join(folder), &root.join(folder));
    }
    let templates = repo().join("themes/dsfr/templates");
    let base = std::fs::read_to_string(templates.join("base.html")).unwrap();
    if !base.contains("partials/meta.html") {
        // What the partial says replaces what the layout said itself: the description line
        // and, when the layout has them, its canonical and robots blocks, which pages
        // override no more.
        let from = base
            .find("<meta name=\"description\"")
            .expect("base.html has a description");
        let to = ["{% endblock robots -%}", "{% endblock canonical -%}"]
            .iter()
            .find_map(|end| base.find(end).map(|i| i + end.len()))
            .unwrap_or_else(|| from + base[from..].find('\n').unwrap());
        let with_meta = format!(
            "{}{{% include \"partials/meta.html\" %}}{}",
            &base[..from],
            &base[to..]
        );
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(root.join("templates/base.html"), with_meta).unwrap();
        for entry in std::fs::read_dir(&templates).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let mut kept = text.clone();
            for block in ["canonical", "robots"] {
                let open = format!("{{% block {block} %}}");
                let close = format!("{{% endblock {block} %}}");
                if let (Some(a), Some(b)) = (kept.find(&open), kept.find(&close)) {
                    kept.replace_range(a..b + close.len(), "");
                }
            }
            if kept != text && path.file_name().unwrap() != "base.html" {
                std::fs::write(root.join("templates").join(path.file_name().unwrap()), kept).unwrap();
            }
        }
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
