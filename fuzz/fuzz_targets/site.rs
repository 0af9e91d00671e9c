//! A whole one-page site through the library: settings, theme, one fuzzed content file
//! beside a home page; load, model, Markdown, templates and checks, all in memory; then,
//! when the site has no error, the pages minified as `build` publishes them.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const FILES: [&str; 5] = [
    "startups/ada.md",
    "a-propos.md",
    "organisations/mc.md",
    "actualites/2025-03-14-lancement.md",
    "accessibilite.md",
];

fn root() -> &'static Path {
    static ROOT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &ROOT
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().to_path_buf();
            let themes = Path::new(env!("CARGO_MANIFEST_DIR")).join("../themes");
            std::os::unix::fs::symlink(themes.canonicalize().unwrap(), root.join("themes")).unwrap();
            std::fs::write(root.join("site.yaml"), "title: Atelier\nmenu:\n  - {title: Accueil, url: \"@/_index.md\"}\n").unwrap();
            (dir, root)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let root = root();
    let content = root.join("content");
    let _ = std::fs::remove_dir_all(&content);
    std::fs::create_dir_all(content.join("startups")).unwrap();
    std::fs::create_dir_all(content.join("organisations")).unwrap();
    std::fs::create_dir_all(content.join("actualites")).unwrap();
    std::fs::write(content.join("_index.md"), "---\ntitle: Accueil\n---\nBienvenue.\n").unwrap();
    std::fs::write(content.join(FILES[pick as usize % FILES.len()]), rest).unwrap();
    let opts = atelier::pipeline::Options {
        root: root.to_path_buf(),
        date: Some("2026-01-15".parse().unwrap()),
        ..Default::default()
    };
    let report = atelier::cmd::check::run(&opts, None);
    for d in &report.diagnostics {
        let _ = d.render(false);
        let _ = serde_json::to_string(d);
    }
    let mut out = Vec::new();
    let _ = atelier::diagnostic::write_report(&mut out, &report.diagnostics, Some(Default::default()), false);
    if !report.diagnostics.iter().any(|d| d.is_error()) {
        let opts = atelier::pipeline::Options { minify: Some(true), ..opts };
        let (rendering, _) = atelier::build::render_site(&opts, &mut atelier::pipeline::Timings::default());
        assert!(rendering.is_some(), "check found no error, the build must render");
    }
});
