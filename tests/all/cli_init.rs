//! `atelier init`: a new site from the binary alone, which builds and passes `check` as
//! written, and never writes into a folder that holds anything.

use crate::common;

use std::path::Path;
use std::process::Command;

use crate::common::{DATE, Run};

/// Runs `atelier <args>` in `dir`.
fn run(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn new_site_builds_and_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let init = run(tmp.path(), &["init", "mon-site", "--incubator", "culture"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    for line in ["cd mon-site", "atelier serve --open", "atelier check"] {
        assert!(init.stdout.contains(line), "{line} not in:\n{}", init.stdout);
    }
    let site = tmp.path().join("mon-site");
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    assert!(yaml.lines().any(|l| l == "incubator: culture"), "{yaml}");

    // `check` passes with no error; its warnings are exactly the passages left to write,
    // each at its place, and they fail a production gate (`--strict`) until written.
    let check = run(&site, &["check", "--date", DATE]);
    assert_eq!(check.code, 0, "check:\n{}{}", check.stdout, check.stderr);
    assert!(check.stdout.contains("0 errors"), "{}", check.stdout);
    let warnings: Vec<&str> = check
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning"))
        .collect();
    assert!(!warnings.is_empty(), "{}", check.stderr);
    for w in &warnings {
        assert!(
            w.contains("À compléter"),
            "a warning that is not a passage to write: {w}"
        );
    }
    assert!(
        check.stderr.contains("content/mentions-legales.md:"),
        "{}",
        check.stderr
    );
    let strict = run(&site, &["check", "--strict", "--date", DATE]);
    assert_eq!(strict.code, 1, "{}{}", strict.stdout, strict.stderr);

    let build = run(&site, &["build", "--date", DATE]);
    assert_eq!(build.code, 0, "build:\n{}", build.stderr);
    assert!(
        build.stdout.contains(&format!("({} warnings)", warnings.len())),
        "{}",
        build.stdout
    );
    let read = |rel: &str| {
        std::fs::read_to_string(site.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    // French typography applies to what init writes, as to any page: l’incubateur « culture ».
    assert!(read("index.html").contains("l’incubateur «\u{a0}culture\u{a0}»"));
    for page in [
        "accessibilite/index.html",
        "mentions-legales/index.html",
        "donnees-personnelles/index.html",
        "gestion-des-cookies/index.html",
        "plan-du-site/index.html",
        "startups/index.html",
        "actualites/index.html",
    ] {
        // The mandatory pages, the listings and the generated site map are all published.
        let html = read(page);
        assert!(html.contains("<h1"), "{page}");
    }
    assert!(read("mentions-legales/index.html").contains("À compléter"));

    // What atelier writes beside the sources (the site, the generation kept beside it, the
    // stamps of the files it wrote, the build cache) is ignored by git: a second build
    // leaves all of them, and git sees only the sources.
    let again = run(&site, &["build", "--date", DATE]);
    assert_eq!(again.code, 0, "build:\n{}", again.stderr);
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(&site)
            .output()
            .expect("git, which cloning this repository needed");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    git(&["init", "-q"]);
    let seen = git(&["status", "--porcelain", "--untracked-files=all"]);
    let beside: Vec<String> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public") || name == ".atelier-cache" || name == "public")
        .collect();
    assert!(beside.len() >= 3, "{beside:?}");
    for name in &beside {
        assert!(
            !seen.lines().any(|l| l[3..].starts_with(name.as_str())),
            "git sees {name}:\n{seen}"
        );
    }
    assert!(seen.contains("?? site.yaml"), "{seen}");
}

#[test]
fn without_incubator_the_site_builds_and_a_new_fiche_is_a_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let init = run(tmp.path(), &["init"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(!init.stdout.contains("cd "), "{}", init.stdout);
    let yaml = std::fs::read_to_string(tmp.path().join("site.yaml")).unwrap();
    assert!(yaml.contains("\n# incubator: "), "{yaml}");
    assert!(!yaml.lines().any(|l| l.starts_with("incubator:")), "{yaml}");
    // A fiche made with `atelier new` is a draft: checked, never published.
    let new = run(tmp.path(), &["new", "startup", "ada", "--date", "2026-01-15"]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    let check = run(tmp.path(), &["check", "--date", DATE]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let build = run(tmp.path(), &["build", "--date", DATE]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(tmp.path().join("public/index.html").is_file());
    assert!(!tmp.path().join("public/startups/ada").exists());
    // The shipped theme names no particular incubator: a new site never speaks of the
    // Atelier of the ministry of Culture.
    for (page, html) in common::html_pages(&tmp.path().join("public")) {
        assert!(!html.contains("Atelier"), "{page} speaks of the Atelier");
    }
}

#[test]
fn refuses_a_folder_that_is_not_empty_and_leaves_it_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("existant");
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(dir.join("site.yaml"), "title: Le mien\n").unwrap();
    std::fs::write(dir.join("content/_index.md"), "---\ntitle: Mien\n---\n").unwrap();
    let before = common::tree(&dir);

    let init = run(tmp.path(), &["init", "existant"]);
    assert_eq!(init.code, 2, "{}{}", init.stdout, init.stderr);
    assert!(init.stderr.contains("`existant` is not empty"), "{}", init.stderr);
    assert_eq!(common::tree(&dir), before);

    // The same in the current folder, the default.
    let here = run(&dir, &["init"]);
    assert_eq!(here.code, 2, "{}", here.stderr);
    assert!(here.stderr.contains("`.` is not empty"), "{}", here.stderr);
    assert_eq!(common::tree(&dir), before);
    assert!(!dir.join("themes").exists());
}

#[test]
fn refuses_a_bad_incubator_id_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let init = run(tmp.path(), &["init", "site", "--incubator", "culture: x"]);
    assert_eq!(init.code, 2, "{}", init.stderr);
    assert!(init.stderr.contains("not an incubator id"), "{}", init.stderr);
    assert!(!tmp.path().join("site").exists());
}
