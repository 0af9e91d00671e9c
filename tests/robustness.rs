//! Whatever bytes a content file holds, `check` and `build` never panic: they end either in
//! success or in diagnostics, and they agree (build refuses exactly what check calls errors).

mod check_site;

use atelier::build::{self, Options};
use atelier::check;
use atelier::diagnostic::Severity;
use check_site::{DATE, Site};
use proptest::prelude::*;

/// Where the bytes go: each kind of content file.
const FILES: [&str; 5] = [
    "content/startups/fuzz.md",
    "content/a-propos.md",
    "content/organisations/fuzz.md",
    "content/actualites/2025-03-14-fuzz.md",
    "content/accessibilite.md",
];

/// Beginnings that take the bytes past the front matter splitter and into YAML or Markdown.
const PREFIXES: [&str; 5] = [
    "",
    "---\n",
    "---\ntitle: Essai\n---\n",
    "---\ntitle: T\nmission: M\nincubator: culture\ncontact: a@b.fr\nphases:\n  - name: investigation\n    start: 2024-01-01\n",
    "---\ntitle: Déclaration\ntemplate: accessibilite.html\n---\n",
];

/// Bytes biased towards what YAML, Markdown and HTML give meaning to.
fn text() -> impl Strategy<Value = Vec<u8>> {
    let interesting = prop::sample::select(
        b"-:\n #[]!()@/|<>*`'\"{}_~\\\t\r&=?.ab0189"
            .iter()
            .copied()
            .chain([0x00, 0xc3, 0xa9, 0xff])
            .collect::<Vec<u8>>(),
    );
    let byte = prop_oneof![3 => interesting, 1 => any::<u8>()];
    prop::collection::vec(byte, 0..400)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_end_in_success_or_diagnostics(file in 0..FILES.len(), prefix in 0..PREFIXES.len(), bytes in text()) {
        let site = Site::new();
        let mut content = PREFIXES[prefix].as_bytes().to_vec();
        content.extend(&bytes);
        let path = site.root().join(FILES[file]);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &content).unwrap();
        let opts = Options {
            root: site.root().to_path_buf(),
            output: Some(site.root().join("public")),
            date: Some(DATE.parse().unwrap()),
            ..Default::default()
        };
        let report = check::run(&opts, None);
        let errors = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        for d in &report.diagnostics {
            prop_assert!(!d.render(false).is_empty());
        }
        match build::build(&opts, &mut build::Timings::default()) {
            Ok(r) => {
                prop_assert_eq!(errors, 0, "build succeeded where check found errors: {:?}", report.diagnostics);
                prop_assert!(r.warnings.iter().all(|d| d.severity == Severity::Warning));
            }
            Err(diags) => {
                prop_assert!(diags.iter().any(|d| d.severity == Severity::Error), "{:?}", diags);
                prop_assert!(errors > 0, "check found no error where build failed: {:?}", diags);
            }
        }
    }
}
