//! Same content, same bytes: the search index, the hashed names and every generated file do
//! not depend on the number of threads or on the run.

use std::process::Command;

use crate::common::{DATE, tree};
use crate::site::copy_repo_site;

#[test]
fn the_whole_site_is_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let root = copy_repo_site(tmp.path());
    let build = |out: &str, threads: &str| {
        let run = Command::new(env!("CARGO_BIN_EXE_atelier"))
            .args(["build", "--date", DATE, "--quiet", "--output", out])
            .args(["--base-url", "https://atelier.exemple.gouv.fr/atelier/"])
            .current_dir(&root)
            .env_remove("SOURCE_DATE_EPOCH")
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        tree(&root.join(out))
    };
    let (one, four) = (build("one", "1"), build("four", "4"));
    assert!(
        one.keys().any(|k| k.starts_with("pagefind/fragment/")),
        "the search index is built"
    );
    assert!(
        one.keys()
            .any(|k| k.starts_with("dsfr/dsfr.min.") && k.ends_with(".css"))
    );
    let differ: Vec<&String> = one
        .keys()
        .chain(four.keys())
        .filter(|k| one.get(*k) != four.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "files that differ between two builds: {differ:?}"
    );
}

/// Pagefind runs on its own thread beside the checks: `--timings` shows it apart, and the
/// index is written with the pages.
#[test]
fn the_search_index_is_built_and_timed_on_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let root = copy_repo_site(tmp.path());
    let run = Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(["build", "--date", DATE, "--timings", "--no-minify"])
        .current_dir(&root)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stages: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let at = |s: &str| stages.iter().position(|x| *x == s);
    assert!(at("search") > at("check") && at("check").is_some(), "{stdout}");
    assert!(at("write") > at("search"), "{stdout}");
    assert!(root.join("public/pagefind/pagefind-entry.json").is_file());
}
