//! Same content, same bytes: the search index, the hashed names and every generated file do
//! not depend on the number of threads or on the run; the search index not even on
//! minification.

use std::process::Command;

use super::site::copy_repo_site;
use crate::common::{DATE, tree};

#[test]
fn the_whole_site_is_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let root = copy_repo_site(tmp.path());
    let build = |out: &str, threads: &str, minify: bool| {
        let run = Command::new(env!("CARGO_BIN_EXE_atelier"))
            .args(["build", "--date", DATE, "--quiet", "--output", out])
            .args((!minify).then_some("--no-minify"))
            .args(["--base-url", "https://atelier.exemple.gouv.fr/atelier/"])
            .current_dir(&root)
            .env_remove("SOURCE_DATE_EPOCH")
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        tree(&root.join(out))
    };
    let (one, four) = (build("one", "1", true), build("four", "4", true));
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

    // Pagefind reads the pages as rendered, before they are minified.
    let readable = build("readable", "4", false);
    let index = |files: &std::collections::BTreeMap<String, Vec<u8>>| {
        files
            .iter()
            .filter(|(k, _)| k.starts_with("pagefind/"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    assert!(
        index(&one) == index(&readable),
        "the search index differs with `--no-minify`"
    );
    assert!(
        one["index.html"].len() < readable["index.html"].len(),
        "pages are minified"
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
