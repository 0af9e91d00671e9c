//! Golden tests: each site of `tests/fixtures/sites/<case>/` is built and its output
//! compared with `tests/fixtures/sites/<case>/expected/`, file by file.
//!
//! To accept new output after an intended change: `BLESS=1 cargo test --test all golden::`,
//! then review the diff of `expected/` before committing.

use crate::common::{TestSite, fixtures, tree};

fn golden(case: &str) {
    let site = TestSite::fixture(case);
    site.build(&["--no-minify", "--output", "out"]);
    let actual = tree(&site.root().join("out"));
    let expected_dir = fixtures().join("sites").join(case).join("expected");
    if std::env::var_os("BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&expected_dir);
        for (rel, bytes) in &actual {
            let path = expected_dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        return;
    }
    let expected = tree(&expected_dir);
    let missing: Vec<&String> = expected.keys().filter(|k| !actual.contains_key(*k)).collect();
    let extra: Vec<&String> = actual.keys().filter(|k| !expected.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{case}: files not produced: {missing:?}; unexpected files: {extra:?} (BLESS=1 to accept)"
    );
    for (rel, bytes) in &expected {
        let got = String::from_utf8_lossy(&actual[rel]);
        let want = String::from_utf8_lossy(bytes);
        if got != want {
            let first = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{case}/{rel} differs from the expected output at line {}:\n  got:      {}\n  expected: {}\n(BLESS=1 cargo test --test all golden:: to accept)",
                first + 1,
                got.lines().nth(first).unwrap_or("<end>"),
                want.lines().nth(first).unwrap_or("<end>"),
            );
        }
    }
}

#[test]
fn basic_site() {
    golden("basic");
}

#[test]
fn front_matter_edge_cases() {
    golden("edge-cases");
}

/// Listings split into pages (`paginate_by`: the news by 2, the startups by 1, with gaps
/// in the page numbers) and the share links of news and startup pages (`share: true`),
/// under a base path.
#[test]
fn pagination_and_share() {
    golden("paging");
}
