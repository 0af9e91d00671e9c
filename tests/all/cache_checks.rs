//! What the checks read of each page, kept in the build cache (`check-NN.memo`): a build
//! that takes a page's links and ids from it reports the same problems, in the same words,
//! as a build without the cache, when ANOTHER page changes under the links: an anchor
//! removed, a page renamed, a page put back. Each round compares the two builds (problems,
//! exit code, and file by file when they publish) and says how many pages were reused.

use crate::cache::{damage_largest_memo, same_trees, says_damaged_once};
use crate::common::{DATE, Run, TestSite};

/// Page A links to an anchor of page B; A's page does not change when B does.
fn site(content_links: &str) -> TestSite {
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        &format!("title: Essai\ntheme: test\ncontent_links: {content_links}\n"),
    );
    site.write(
        "content/a.md",
        "---\ntitle: Page A\n---\nLire [la seconde partie de la page B](/b/#suite) et [toute la page B](/b/).\n",
    );
    site.write("content/b.md", B);
    site
}

const B: &str = "---\ntitle: Page B\n---\n## Début\n\nTexte.\n\n## Suite\n\nFin.\n";

/// `cache: N of M pages read by the checks reused`, from `build --timings`.
fn checked(stdout: &str) -> (usize, usize) {
    crate::common::cache_use(stdout, "pages read by the checks reused")
}

/// Builds with the cache, then without into `clean/`: the same exit code and problems, and
/// the same files when they publish. Returns the run with the cache.
fn compare(site: &TestSite, round: &str) -> Run {
    let cached = site.run(&["build", "--date", DATE, "--timings"]);
    let clean = site.run(&["build", "--date", DATE, "--no-cache", "-o", "clean"]);
    assert_eq!(cached.code, clean.code, "{round}: {}", cached.stderr);
    assert_eq!(cached.stderr, clean.stderr, "{round}: not the same problems");
    if cached.code == 0 {
        same_trees(site, round);
    }
    cached
}

#[test]
fn links_of_a_kept_page_are_checked_again_against_the_pages_that_changed() {
    let site = site("warning");
    let first = compare(&site, "first build");
    assert_eq!(checked(&first.stdout).0, 0, "nothing kept before the first build");
    let again = compare(&site, "no change");
    let (reused, total) = checked(&again.stdout);
    assert_eq!(reused, total, "every page is taken back:\n{}", again.stdout);
    assert!(!again.stderr.contains("warning"), "{}", again.stderr);

    // B loses the anchor A links to: A's page is the same bytes, taken from the cache, and
    // its link is reported all the same.
    site.write("content/b.md", &B.replace("## Suite", "## Conclusion"));
    let run = compare(&site, "anchor removed");
    let (reused, total) = checked(&run.stdout);
    assert!(reused > 0 && reused < total, "{reused} of {total}");
    assert!(
        run.stderr.contains("content/a.md") && run.stderr.contains("suite"),
        "the link of the kept page is reported:\n{}",
        run.stderr
    );

    // B renamed: both links of A lead nowhere.
    std::fs::remove_file(site.root().join("content/b.md")).unwrap();
    site.write("content/c.md", B);
    let run = compare(&site, "page renamed");
    assert!(checked(&run.stdout).0 > 0, "{}", run.stdout);
    assert_eq!(
        run.stderr.matches("content/a.md").count(),
        2,
        "both links of the kept page are reported:\n{}",
        run.stderr
    );

    // B back as it was: nothing to report, from kept pages either.
    std::fs::remove_file(site.root().join("content/c.md")).unwrap();
    site.write("content/b.md", B);
    let run = compare(&site, "page back");
    assert!(checked(&run.stdout).0 > 0, "{}", run.stdout);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn a_removed_anchor_fails_a_cached_build_as_it_fails_a_clean_one() {
    let site = site("error");
    compare(&site, "first build");
    compare(&site, "no change");
    site.write("content/b.md", &B.replace("## Suite", "## Conclusion"));
    let run = compare(&site, "anchor removed");
    assert_ne!(run.code, 0, "a broken link is an error");
    assert!(
        run.stderr.contains("content/a.md") && run.stderr.contains("#suite"),
        "{}",
        run.stderr
    );
    // The failed build saved nothing: the next one, with the anchor back, is clean.
    site.write("content/b.md", B);
    let run = compare(&site, "anchor back");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A damaged memo file is not trusted: one note says so and the pages are read again.
#[test]
fn a_damaged_checks_memo_is_read_again_with_one_note() {
    let site = site("warning");
    site.build(&[]);
    let (_, name) = damage_largest_memo(&site, "check-", 16);
    site.write("content/b.md", &B.replace("## Suite", "## Conclusion"));
    let cached = site.build(&["--timings"]);
    says_damaged_once(&cached.stderr, &name);
    let (reused, total) = checked(&cached.stdout);
    assert!(reused < total, "{reused} of {total}");
    let clean = site.build(&["--no-cache", "-o", "clean"]);
    let without_note: String = cached
        .stderr
        .lines()
        .filter(|l| !l.starts_with("note:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(without_note, clean.stderr);
    same_trees(&site, "damaged memo");
}

/// The one file an earlier atelier kept every page's links in (`check.memo`, 10 MB at
/// 10,000 pages) is not left behind in the cache once the pages' facts are kept in shards;
/// nor is the one it kept every page's search record in (`search-pages.memo`, 87 MB at
/// 10,000 pages of the DSFR theme).
#[test]
fn the_single_file_of_earlier_versions_is_removed_when_the_cache_is_saved() {
    let site = site("warning");
    site.build(&[]);
    let olds = ["check.memo", "search-pages.memo"].map(|n| site.root().join(".atelier-cache").join(n));
    for old in &olds {
        std::fs::write(old, b"kept by an earlier atelier").unwrap();
    }
    site.write("content/b.md", &B.replace("Fin.", "Fin, enfin."));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for old in &olds {
        assert!(!old.exists(), "{} is still in the cache", old.display());
    }
    let kept: Vec<String> = std::fs::read_dir(site.root().join(".atelier-cache"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(kept.iter().any(|n| n.starts_with("check-")), "{kept:?}");
}
