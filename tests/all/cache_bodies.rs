//! Markdown bodies kept in the build cache (`bodies-NN.memo`): a build that takes a body from
//! it writes the same bytes, and prints the same problems, as a build without the cache,
//! whatever changed: the body, its front matter, a setting, a template, a file it links
//! to, a startup a shortcode lists, a file a shortcode shows, the language of the messages.
//! Each round compares the two builds file by file and says how many bodies were reused.

use std::path::Path;

use crate::cache::{damage_largest_memo, same_trees, says_damaged_once};
use crate::common::{self, TestSite, copy_tree};

/// The shortcodes fixture with the shipped theme's shortcodes, and a page that links to a
/// startup and whose raw HTML is cut (a warning, which must be told the same way when the
/// body comes from the cache).
fn site() -> TestSite {
    let site = TestSite::fixture("shortcodes");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/dsfr/templates");
    let test_theme = site.root().join("themes/test/templates");
    copy_tree(&theme.join("shortcodes"), &test_theme.join("shortcodes"));
    std::fs::copy(theme.join("components.html"), test_theme.join("components.html")).unwrap();
    site.write(
        "content/liens.md",
        "---\ntitle: Liens\n---\nVoir [Beta](@/startups/beta.md) et <span onclick=\"x()\">ceci</span>.\n",
    );
    site
}

/// `cache: N of M Markdown bodies reused`, from `build --timings`.
fn bodies(stdout: &str) -> (usize, usize) {
    crate::common::cache_use(stdout, "Markdown bodies reused")
}

fn append(site: &TestSite, rel: &str, text: &str) {
    let old = site.read(rel);
    site.write(rel, &format!("{old}{text}"));
}

fn replace(site: &TestSite, rel: &str, from: &str, to: &str) {
    let old = site.read(rel);
    assert!(old.contains(from), "{rel} has no {from:?}");
    site.write(rel, &old.replacen(from, to, 1));
}

/// Builds with the cache, then without, and returns the bodies the cached build reused.
fn reused_then_compare(site: &TestSite, name: &str) -> (usize, usize) {
    let cached = site.build(&["--timings"]);
    let clean = site.build(&["--no-cache", "-o", "clean"]);
    assert_eq!(cached.stderr, clean.stderr, "{name}: not the same problems");
    same_trees(site, name);
    bodies(&cached.stdout)
}

#[test]
fn kept_bodies_build_what_a_clean_build_builds_after_each_kind_of_edit() {
    let site = site();
    let (taken, total) = reused_then_compare(&site, "first build");
    assert_eq!(taken, 0, "nothing kept before the first build");
    let (kept, _) = reused_then_compare(&site, "no change");
    // The bodies whose shortcodes list the startups (`reads: startups`) are never kept.
    assert!(kept > 0 && kept < total, "{kept} of {total} bodies reused");
    let warned = site.build(&["--no-cache", "-o", "clean"]).stderr;
    assert!(
        warned.contains("content/liens.md"),
        "the warning of a kept body is told:\n{warned}"
    );

    append(&site, "content/badge.md", "\nUn paragraphe de plus.\n");
    assert_eq!(reused_then_compare(&site, "a body").0, kept - 1);

    replace(&site, "content/badge.md", "title: Badge", "title: Badges");
    assert_eq!(
        reused_then_compare(&site, "front matter only").0,
        kept,
        "the body is the same"
    );

    // A startup a shortcode lists: its new phase and title show on the cards.
    replace(
        &site,
        "content/startups/alpha.md",
        "title: Alpha",
        "title: Alpha bis",
    );
    replace(
        &site,
        "content/startups/alpha.md",
        "  - name: construction",
        "  - name: acceleration",
    );
    assert_eq!(reused_then_compare(&site, "a startup the cards list").0, kept);

    // A file a shortcode shows, with its size.
    append(&site, "content/fichiers/guide.pdf", "% une page de plus\n");
    assert_eq!(reused_then_compare(&site, "a file a shortcode shows").0, kept - 1);

    // A template: shortcodes are templates, every body is made again.
    replace(
        &site,
        "themes/test/templates/shortcodes/badge.html",
        "fr-badge--sm",
        "fr-badge--sm fr-badge--no-icon",
    );
    assert_eq!(reused_then_compare(&site, "a shortcode template").0, 0);
    assert!(site.read("public/badge/index.html").contains("fr-badge--no-icon"));

    // A setting bodies read: the base path of every link.
    replace(
        &site,
        "site.yaml",
        "base_url: https://exemple.gouv.fr/",
        "base_url: https://exemple.gouv.fr/atelier/",
    );
    assert_eq!(reused_then_compare(&site, "the base path").0, 0);
    assert!(
        site.read("public/liens/index.html")
            .contains("/atelier/startups/beta/")
    );
    assert_eq!(reused_then_compare(&site, "again").0, kept);
}

/// A body kept while the page it links to was there is not taken once that page is gone:
/// the link is checked again, and both builds refuse the site with the same error.
#[test]
fn a_kept_body_whose_link_target_went_is_made_again() {
    let site = site();
    site.build(&[]);
    let beta = site.read("content/startups/beta.md");
    std::fs::remove_file(site.root().join("content/startups/beta.md")).unwrap();
    let cached = site.run(&["build", "--date", common::DATE]);
    let clean = site.run(&["build", "--date", common::DATE, "--no-cache", "-o", "clean"]);
    assert_eq!(cached.code, 1, "{}", cached.stderr);
    assert_eq!(cached.stderr, clean.stderr);
    assert!(cached.stderr.contains("content/liens.md"), "{}", cached.stderr);
    site.write("content/startups/beta.md", &beta);
    let (taken, total) = reused_then_compare(&site, "the page is back");
    assert!(taken > 0 && taken < total, "{taken} of {total}");
}

/// Problems are kept in the words of the language they were told in: a build in another
/// language renders the bodies again.
#[test]
fn kept_problems_are_told_in_the_language_of_the_build() {
    let site = site();
    site.build(&["--lang", "fr"]);
    let cached = site.build(&["--lang", "en", "--timings"]);
    assert_eq!(bodies(&cached.stdout).0, 0, "{}", cached.stdout);
    let clean = site.build(&["--lang", "en", "--no-cache", "-o", "clean"]);
    assert_eq!(cached.stderr, clean.stderr);
    let again = site.build(&["--lang", "en", "--timings"]);
    assert!(bodies(&again.stdout).0 > 0, "{}", again.stdout);
    assert_eq!(again.stderr, clean.stderr);
}

/// A damaged memo is not trusted: one note says so, and the bodies are made again as in a
/// clean build. One made by another atelier is passed over without a word.
#[test]
fn a_damaged_or_foreign_memo_is_not_used() {
    let site = site();
    site.build(&[]);
    let kept = bodies(&site.build(&["--timings"]).stdout).0;
    // The bodies are kept in several files: the largest one is damaged.
    let (memo, name) = damage_largest_memo(&site, "bodies-", 32);
    let cached = site.build(&["--timings"]);
    says_damaged_once(&cached.stderr, &name);
    assert!(bodies(&cached.stdout).0 < kept, "{}", cached.stdout);
    let clean = site.build(&["--no-cache", "-o", "clean"]);
    same_trees(&site, "damaged memo");
    assert!(!clean.stderr.contains("note:"));
    assert_eq!(
        bodies(&site.build(&["--timings"]).stdout).0,
        kept,
        "made again whole"
    );

    // Another atelier's memo: the identity in it differs.
    let mut foreign = std::fs::read(&memo).unwrap();
    let at = foreign
        .windows(8)
        .position(|w| w == b"atelier ")
        .expect("the memo names the atelier that made it");
    foreign[at] = b'A';
    std::fs::write(&memo, &foreign).unwrap();
    let cached = site.build(&["--timings"]);
    assert!(!cached.stderr.contains("note:"), "{}", cached.stderr);
    assert!(bodies(&cached.stdout).0 < kept, "{}", cached.stdout);
    same_trees(&site, "another atelier's memo");
}

/// The lints are run again on a body that changed, and on one they had something to say
/// about, whose warnings every cached build prints as a clean build does.
#[test]
fn the_lints_of_a_kept_body_are_told_again_until_it_is_fixed() {
    let site = site();
    let linted = |run: &common::Run| common::cache_use(&run.stdout, "bodies known clean by the lints");
    reused_then_compare(&site, "first build");
    let run = site.build(&["--timings"]);
    let (clean, total) = linted(&run);
    assert!(clean > 0 && clean <= total, "{clean} of {total}");
    append(&site, "content/liens.md", "\nLire [ici](@/startups/beta.md).\n");
    for round in ["a vague link", "the same vague link, nothing changed"] {
        let run = site.build(&["--timings"]);
        assert!(run.stderr.contains("`ici`"), "{round}: {}", run.stderr);
        assert_eq!(linted(&run).0, clean - 1, "{round}");
        reused_then_compare(&site, round);
    }
    replace(&site, "content/liens.md", "[ici]", "[la fiche de Beta]");
    let run = site.build(&["--timings"]);
    assert!(!run.stderr.contains("`ici`"), "{}", run.stderr);
    reused_then_compare(&site, "the link fixed");
    assert_eq!(
        linted(&site.build(&["--timings"])).0,
        clean,
        "clean again, and known so"
    );
}
