//! Compatibility with the beta.gouv.fr network: every real fiche of the corpus in
//! `../shared/corpus/betagouv` (or `$ATELIER_CORPUS`) builds with zero errors.
//! The corpus is read where it is, never copied into the repository.
//!
//! Ignored by a plain `cargo test` (it says so, with the reason); `.ci/run` runs it with
//! `-- --ignored`, and then a missing corpus is a failure, not a skip.

use crate::common;

use crate::common::{DATE, corpus};

#[test]
#[ignore = "needs the beta.gouv.fr corpus (../shared/corpus/betagouv or ATELIER_CORPUS); run with -- --ignored"]
fn all_corpus_fiches_build_without_errors() {
    let dir = corpus()
        .expect("no beta.gouv.fr corpus at ../shared/corpus/betagouv: set ATELIER_CORPUS to its folder");
    let (site, fiches) = common::corpus_site(&dir);
    let fiches = fiches.len();
    assert_eq!(fiches, 662, "the corpus should hold 662 fiches");
    let run = site.run(&["build", "--date", DATE]);
    assert_eq!(run.code, 0, "the corpus must build:\n{}", run.stderr);
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
    for id in [
        "languia",
        "scienceinfuse",
        "collectif_objets",
        "api.gouv.fr",
        "1000.jours",
    ] {
        let page = site.read(&format!("public/startups/{id}/index.html"));
        assert!(page.contains("<h1>"), "{id}");
    }
    // `pop` has a transfer dated 2026-12-18: on the build date it is still in consolidation.
    assert!(
        site.read("public/startups/pop/index.html")
            .contains("Phase : Consolidation")
    );
    assert!(
        run.stderr.contains("warning: missing image: `/img/"),
        "{}",
        run.stderr
    );
    let warnings = run.stderr.matches("warning:").count();
    eprintln!("corpus: 662 fiches built, {warnings} warnings");
}
