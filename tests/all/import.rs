//! `atelier import betagouv PATH`: the real binary on a small site in a temporary folder,
//! against the real beta.gouv.fr corpus (`../shared/corpus/betagouv` or `$ATELIER_CORPUS`,
//! read where it is, never copied into the repository) and against small networks written
//! by the tests.

use std::path::PathBuf;

use crate::common::{DATE, TestSite, tree};

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("ATELIER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/betagouv"));
    dir.join("startups").is_dir().then_some(dir)
}

fn culture_site() -> TestSite {
    let site = TestSite::minimal();
    // The fiches link to images that stayed on the beta.gouv.fr site.
    site.write(
        "site.yaml",
        "title: Essai\ntheme: test\nincubator: culture\ncontent_links: warning\n",
    );
    site
}

const STARTUP: &str = "---\ntitle: Essai\nmission: Une mission.\nincubator: culture\ncontact: equipe@exemple.gouv.fr\nphases:\n  - name: investigation\n    start: 2024-01-01\n";

#[test]
#[ignore = "needs the beta.gouv.fr corpus (../shared/corpus/betagouv or ATELIER_CORPUS); run with -- --ignored"]
fn imports_the_incubator_fiches_of_the_corpus() {
    let corpus = corpus()
        .expect("no beta.gouv.fr corpus at ../shared/corpus/betagouv: set ATELIER_CORPUS to its folder");
    let net = corpus.to_str().unwrap();
    let site = culture_site();
    // Up to date, stale, the site's own rewrite, and a fiche the network no longer has.
    let pop = std::fs::read_to_string(corpus.join("startups/pop.md")).unwrap();
    site.write("content/startups/pop.md", &pop);
    let languia = std::fs::read_to_string(corpus.join("startups/languia.md")).unwrap();
    site.write(
        "content/startups/languia.md",
        &languia.replacen("---\n", "---\nsource: local\n", 1),
    );
    let dedale = std::fs::read_to_string(corpus.join("startups/dedale.md")).unwrap();
    site.write(
        "content/startups/dedale.md",
        &dedale.replacen("mission:", "mission: Ancienne mission.\n# mission:", 1),
    );
    site.write("content/startups/partie.md", &format!("{STARTUP}---\nTexte.\n"));
    let before = tree(site.root());

    let dry = site.run(&["import", "betagouv", net, "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(tree(site.root()), before, "--dry-run wrote something");
    assert!(
        dry.stdout.contains("+ content/startups/scienceinfuse.md\n"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout.contains("+ content/organisations/mc.md\n"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout.contains("~ content/startups/dedale.md\n"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout
            .contains("= content/startups/languia.md (kept: source: local)\n"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout
            .contains("- content/startups/partie.md (no longer in the network"),
        "{}",
        dry.stdout
    );
    assert!(!dry.stdout.contains("content/startups/pop.md"), "{}", dry.stdout);
    // Only the incubator's fiches: not a startup of another incubator.
    assert!(
        !dry.stdout.contains("content/startups/api.gouv.fr.md"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout.contains("Dry run: nothing was written."),
        "{}",
        dry.stdout
    );

    let run = site.run(&["import", "betagouv", net]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The same list as the dry run announced.
    let list = |s: &str| {
        s.lines()
            .filter(|l| l.starts_with(['+', '~', '-', '=']))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(list(&run.stdout), list(&dry.stdout));
    let summary = run
        .stdout
        .lines()
        .find(|l| l.contains(" new, "))
        .unwrap()
        .to_string();
    assert!(
        summary.ends_with("1 updated, 1 removed from the network, 1 kept, 1 unchanged."),
        "{summary}"
    );
    assert_eq!(
        site.read("content/startups/scienceinfuse.md"),
        std::fs::read_to_string(corpus.join("startups/scienceinfuse.md")).unwrap()
    );
    assert_eq!(site.read("content/startups/dedale.md"), dedale);
    assert!(
        site.read("content/startups/languia.md")
            .starts_with("---\nsource: local\n")
    );
    assert!(
        site.root().join("content/startups/partie.md").exists(),
        "a removed fiche is never deleted"
    );
    assert!(site.root().join("content/organisations/mc.md").exists());
    let leftovers: Vec<_> = tree(site.root())
        .into_keys()
        .filter(|k| k.contains("atelier-import"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The imported site builds, and a second import changes nothing.
    let build = site.run(&["build", "--date", DATE]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(!build.stderr.contains("error:"), "{}", build.stderr);
    let again = site.run(&["import", "betagouv", net]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        list(&again.stdout),
        [
            "= content/startups/languia.md (kept: source: local)",
            "- content/startups/partie.md (no longer in the network: not deleted, delete it if it should go)",
        ]
    );
    assert!(
        again
            .stdout
            .contains("0 new, 0 updated, 1 removed from the network, 1 kept,"),
        "{}",
        again.stdout
    );
    eprintln!("corpus import: {summary}");
}

/// A network in a temporary folder, laid out as the beta.gouv.fr repository.
fn network(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn hostile_names_and_fiches_are_refused_and_the_rest_imported() {
    let good = format!("{STARTUP}sponsors:\n  - /organisations/mc\n---\nTexte.\n");
    let net = network(&[
        ("content/_startups/bonne.md", &good),
        ("content/_startups/pi\u{1b}ge.md", &format!("{STARTUP}---\n")),
        // The build would refuse it: no contact.
        (
            "content/_startups/incomplete.md",
            "---\ntitle: X\nmission: Y\nincubator: culture\n---\n",
        ),
        (
            "content/_organisations/mc.md",
            "---\nname: Ministère de la Culture\n---\n",
        ),
    ]);
    let site = culture_site();
    let run = site.run(&["import", "betagouv", net.path().to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("not a usable id (it contains a control character)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("incomplete.md"), "{}", run.stderr);
    assert!(run.stdout.contains("2 new, 0 updated"), "{}", run.stdout);
    assert_eq!(site.read("content/startups/bonne.md"), good);
    assert!(site.root().join("content/organisations/mc.md").is_file());
    let names: Vec<String> = tree(site.root())
        .into_keys()
        .filter(|k| k.starts_with("content/startups/"))
        .collect();
    assert_eq!(names, ["content/startups/bonne.md"]);
    site.build(&[]);
}

#[test]
fn usage_errors_say_what_to_do() {
    let site = culture_site();
    let missing = site.run(&["import", "betagouv", "nulle-part"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("`nulle-part` is not a folder"),
        "{}",
        missing.stderr
    );
    assert!(missing.stderr.contains("help:"), "{}", missing.stderr);

    let empty = tempfile::tempdir().unwrap();
    let not_checkout = site.run(&["import", "betagouv", empty.path().to_str().unwrap()]);
    assert_eq!(not_checkout.code, 2);
    assert!(
        not_checkout
            .stderr
            .contains("is not a checkout of the beta.gouv.fr repository"),
        "{}",
        not_checkout.stderr
    );

    let net = network(&[("content/_startups/a.md", STARTUP)]);
    site.write("site.yaml", "title: Essai\ntheme: test\n");
    let before = tree(site.root());
    let no_incubator = site.run(&["import", "betagouv", net.path().to_str().unwrap()]);
    assert_eq!(no_incubator.code, 2);
    assert!(
        no_incubator.stderr.contains("site.yaml"),
        "{}",
        no_incubator.stderr
    );
    assert!(
        no_incubator.stderr.contains("incubator: <id>"),
        "{}",
        no_incubator.stderr
    );
    assert_eq!(tree(site.root()), before);
}
