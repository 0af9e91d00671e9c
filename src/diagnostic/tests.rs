//! Unit tests of diagnostics: locations, lines, reports and suggestions.

use std::path::Path;

use super::suggest::similarity;
use super::*;

#[test]
fn locates_offsets_in_file_lines() {
    let src = "a: 1\nmission: x\n";
    let loc = Location::in_source(Path::new("f.md"), src, 2, 5, 7);
    assert_eq!((loc.line, loc.col, loc.len), (3, 1, 7));
    assert_eq!(loc.line_text, "mission: x");
}

#[test]
fn columns_count_characters_not_bytes() {
    let src = "titre: é x";
    let loc = Location::in_source(Path::new("f.md"), src, 1, "titre: é ".len(), 1);
    assert_eq!(loc.col, 10);
}

#[test]
fn renders_like_a_compiler() {
    let src = "---\nmisson: Aider\n---\n";
    let d = Diagnostic::error("unknown key `misson`")
        .at(Location::in_source(Path::new("content/x.md"), src, 1, 4, 6))
        .help("did you mean `mission`?");
    assert_eq!(
        d.render(false),
        "error: unknown key `misson`\n \
         --> content/x.md:2:1\n  \
         |\n\
         2 | misson: Aider\n  \
         | ^^^^^^\n  \
         = help: did you mean `mission`?\n"
    );
}

#[test]
fn suggests_close_words_only() {
    let keys = ["title", "mission", "phases"];
    assert_eq!(did_you_mean("misson", keys), Some("mission"));
    assert_eq!(did_you_mean("Titre", keys), Some("title"));
    assert_eq!(did_you_mean("zzz", keys), None);
}

#[test]
fn lines_locate_as_a_one_off_does() {
    let mut src = String::from("a: 1\n\nété: é\tx\n");
    // A long line, crossing several strides, with characters of every width.
    src.push_str(&"aé€𝄞 ".repeat(3000));
    src.push_str("\nfin\n");
    let lines = Lines::new(Path::new("f.md"), &src, 3);
    for (offset, _) in src.char_indices().step_by(7).chain([(src.len(), ' ')]) {
        assert_eq!(
            lines.locate(offset, 5),
            Location::in_source(Path::new("f.md"), &src, 3, offset, 5),
            "offset {offset}"
        );
    }
}

#[test]
fn a_long_line_is_kept_around_the_problem() {
    let src = format!("{}ERREUR{}\n", "x".repeat(50_000), "y".repeat(50_000));
    let loc = Location::in_source(Path::new("f.md"), &src, 1, 50_000, 6);
    assert_eq!((loc.line, loc.col, loc.len), (1, 50_001, 6));
    assert!(loc.line_text.len() < 300, "{}", loc.line_text.len());
    let shown = Diagnostic::error("là").at(loc).render(false);
    let text = shown.lines().nth(3).unwrap();
    let carets = shown.lines().nth(4).unwrap();
    assert!(text.starts_with("1 | …xxx") && text.ends_with("yyy…"), "{text}");
    let at = carets.find('^').unwrap();
    assert_eq!(&text.chars().skip(at).take(6).collect::<String>(), "ERREUR");
    assert_eq!(carets.trim_end().len() - at, 6);
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let src = "titre: \u{1b}[2Jeffacé\n";
    let d = Diagnostic::warning("clé `\u{1b}[2J`").at(Location::in_source(
        Path::new("content/a\nb.md"),
        src,
        1,
        7,
        4,
    ));
    let shown = d.render(false);
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("content/a\\nb.md:1:8"), "{shown}");
    assert!(shown.contains("1 | titre: �[2Jeffacé"), "{shown}");
}

fn many(path: &str, n: usize, severity: Severity) -> Vec<Diagnostic> {
    (0..n)
        .map(|i| Diagnostic {
            severity,
            location: Some(Box::new(Location::at_line(Path::new(path), "x\n", 1, 1, 1))),
            message: format!("unknown key `k{i}`"),
            help: None,
            code: None,
        })
        .collect()
}

#[test]
fn a_report_shows_the_first_problems_and_counts_the_rest_by_kind() {
    let mut diags = many("content/a.md", 3, Severity::Warning);
    diags.extend(many("content/b.md", 53_960, Severity::Warning));
    diags.push(
        Diagnostic::error("broken link: `/x/` leads to no page of the site").at(Location::at_line(
            Path::new("content/b.md"),
            "x\n",
            1,
            99_999,
            1,
        )),
    );
    let mut out = Vec::new();
    let limits = Limits {
        per_file: 10,
        total: 12,
    };
    write_report(&mut out, &diags, Some(limits), false).unwrap();
    let out = String::from_utf8(out).unwrap();
    // The error comes first, wherever it is; then the warnings up to the limits.
    assert_eq!(out.matches("error: broken link").count(), 1);
    assert_eq!(out.matches("warning: unknown key `k").count(), 11);
    assert!(
        out.contains("note: 53,952 more problems in content/b.md not shown (53,952 warnings)"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "note: 53,952 problems not shown (53,952 warnings), by kind:\n  \
             53,952  warning: unknown key `…`\n  \
             = help: `--verbose` prints every problem\n\n"
        ),
        "{out}"
    );
    let mut all = Vec::new();
    write_report(&mut all, &diags, None, false).unwrap();
    assert_eq!(
        String::from_utf8(all).unwrap().matches("unknown key").count(),
        53_963
    );
}

#[test]
fn kinds_leave_out_what_messages_quote() {
    assert_eq!(
        kind("unknown key `titre` in `phases[0]`"),
        "unknown key `…` in `…`"
    );
    assert_eq!(kind("an odd `backtick"), "an odd `backtick");
    // Dates and numbers vary from one problem of a kind to the next.
    assert_eq!(
        kind("phase `fin` starts on 2027-12-16, more than a year after the build date (2026-12-07)"),
        "phase `…` starts on …, more than a year after the build date (…)"
    );
    assert_eq!(
        kind("image of 12.5 MB: more than 10 MB."),
        "image of … MB: more than … MB."
    );
    assert_eq!(
        kind("a title of H2O"),
        "a title of …",
        "a word with a digit is masked whole"
    );
}

#[test]
fn many_candidates_are_compared_a_bounded_number_of_times() {
    let words: Vec<String> = (0..100_000).map(|i| format!("/startups/fiche-{i:05}/")).collect();
    let index = Closest::new(words.iter().map(String::as_str));
    let (found, compared) = index.find_counted("/startups/fiche-4242/");
    assert!(compared <= SHORTLIST, "{compared}");
    assert!(found.is_some_and(|f| f.contains("4242")), "{found:?}");
    let (found, compared) = index.find_counted("/startups/fiche-04242/x");
    assert_eq!(
        (found, compared <= SHORTLIST),
        (Some("/startups/fiche-04242/"), true)
    );
    assert_eq!(index.find_counted(&"z".repeat(1000)), (None, 0));
    // A few candidates are all compared, as `did_you_mean` does.
    let few = Closest::new(["title", "mission", "phases"]);
    assert_eq!(few.find("misson"), Some("mission"));
    assert_eq!(few.find("zzz"), None);
}

#[test]
fn the_index_finds_what_comparing_with_every_candidate_finds() {
    let words: Vec<String> = (0..2_000)
        .map(|i| {
            format!(
                "/{}/{}-{i}/",
                ["startups", "actualites", "pages"][i % 3],
                ["ada", "languia", "rdv"][i % 7 % 3]
            )
        })
        .collect();
    let index = Closest::new(words.iter().map(String::as_str));
    // A typo of a candidate (a letter left out, doubled, or the slash forgotten): the
    // suggestion is at least as close as that candidate.
    for meant in words.iter().step_by(97) {
        let cut = meant.len() / 2;
        for typo in [
            format!("{}{}", &meant[..cut], &meant[cut + 1..]),
            format!("{}{}", &meant[..cut + 1], &meant[cut..]),
            meant.trim_end_matches('/').to_string(),
        ] {
            let found = index.find(&typo).unwrap_or_else(|| panic!("{typo}"));
            assert!(
                similarity(&typo, found) >= similarity(&typo, meant),
                "{typo}: {found}"
            );
        }
    }
}
