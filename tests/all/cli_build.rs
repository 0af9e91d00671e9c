//! `atelier build` as an editor meets it: exit codes and the exact text of diagnostics
//! for each kind of bad input, and what a failed build leaves behind.

use crate::common;

use crate::common::{DATE, TestSite, tree};

const FICHE: &str = "---\ntitle: Ada\nmission: Aider les enseignants\nincubator: culture\ncontact: a@b.fr\nphases:\n  - name: construction\n    start: 2024-01-01\n---\n";

/// Builds the minimal site after `setup` and returns (exit code, stderr).
fn fails_with(setup: impl FnOnce(&TestSite)) -> (i32, String) {
    let site = TestSite::minimal();
    setup(&site);
    let run = site.run(&["build", "--date", DATE]);
    (run.code, run.stderr)
}

fn assert_error(setup: impl FnOnce(&TestSite), expected: &str) {
    let (code, stderr) = fails_with(setup);
    assert_eq!(stderr, expected);
    assert_eq!(code, 1);
}

#[test]
fn unclosed_quote_in_yaml() {
    assert_error(
        |s| s.write("content/startups/ada.md", "---\ntitle: 'Ada\nmission: x\n---\n"),
        "error: invalid YAML: found unexpected end of stream, while scanning a quoted scalar
 --> content/startups/ada.md:2:8
  |
2 | title: 'Ada
  |        ^
  = help: a quote opened here is never closed; close it on the same line, and double a single quote inside single quotes ('l''atelier')

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn wrong_type() {
    assert_error(
        |s| {
            s.write(
                "content/startups/ada.md",
                &FICHE.replace(
                    "phases:\n  - name: construction\n    start: 2024-01-01\n",
                    "phases: construction\n",
                ),
            )
        },
        "error: `phases`: expected a list, found the text `construction`
 --> content/startups/ada.md:6:9
  |
6 | phases: construction
  |         ^^^^^^^^^^^^

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn missing_required_field() {
    assert_error(
        |s| {
            s.write(
                "content/startups/ada.md",
                &FICHE.replace("mission: Aider les enseignants\n", ""),
            )
        },
        "error: missing required key `mission`
 --> content/startups/ada.md:1:1
  |
1 | ---
  | ^^^
  = help: add a line like `mission: Une phrase qui dit le problème résolu` between the two `---` lines

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn bad_date_is_reported_once_at_the_value() {
    assert_error(
        |s| {
            s.write(
                "content/startups/ada.md",
                &FICHE.replace("2024-01-01", "2024-13-01"),
            )
        },
        "error: `phases[0].start`: expected a date written YYYY-MM-DD (like 2024-01-15), found `2024-13-01`
 --> content/startups/ada.md:8:12
  |
8 |     start: 2024-13-01
  |            ^^^^^^^^^^

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn unknown_key_and_phase_are_warnings_with_suggestions() {
    let site = TestSite::minimal();
    site.write(
        "content/startups/ada.md",
        &FICHE
            .replace("mission:", "misson: x\nmission:")
            .replace("name: construction", "name: constuction"),
    );
    let run = site.run(&["build", "--date", DATE, "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: unknown key `misson`
 --> content/startups/ada.md:3:1
  |
3 | misson: x
  | ^^^^^^
  = help: did you mean `mission`?

warning: unknown phase `constuction`
 --> content/startups/ada.md:8:11
  |
8 |   - name: constuction
  |           ^^^^^^^^^^^
  = help: did you mean `construction`?

"
    );
    assert!(site.root().join("public/startups/ada/index.html").is_file());
}

#[test]
fn unknown_setting_is_an_error_with_a_suggestion() {
    assert_error(
        |s| {
            s.write(
                "site.yaml",
                "title: Essai\ntheme: test\nbase_ur: https://exemple.gouv.fr/\n",
            )
        },
        "error: unknown key `base_ur`
 --> site.yaml:3:1
  |
3 | base_ur: https://exemple.gouv.fr/
  | ^^^^^^^
  = help: did you mean `base_url`?

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn template_syntax_error() {
    assert_error(
        |s| {
            s.write(
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block content %}{{ page.title }\n{% endblock content %}\n",
            );
            s.write("content/x.md", "---\ntitle: X\n---\n");
        },
        "error: template error: Found `}` but expected }}.
 --> templates/page.html:2:34
  |
2 | {% block content %}{{ page.title }
  |                                  ^

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn template_render_error_names_the_page() {
    assert_error(
        |s| {
            s.write("templates/nope.html", "{% extends \"base.html\" %}\n{% block content %}{{ page.nope | upper }}{% endblock content %}\n");
            s.write("content/x.md", "---\ntitle: X\ntemplate: nope.html\n---\n");
        },
        "error: template error: Invalid type for the value, expected `string` but got `undefined`
 --> templates/nope.html:2:23
  |
2 | {% block content %}{{ page.nope | upper }}{% endblock content %}
  |                       ^^^^
  = help: check the variable's name, or guard it with `{% if x is defined %}` (while rendering `content/x.md`)

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn missing_theme() {
    assert_error(
        |s| s.write("site.yaml", "title: Essai\ntheme: dsfrr\n"),
        "error: the theme `dsfrr` does not exist
 --> themes/dsfrr
  = help: available themes: test

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn unreadable_file_invalid_utf8() {
    assert_error(
        |s| s.write_bytes("content/x.md", b"---\ntitle: X\n---\nCaf\xe9 cr\xe8me\n"),
        "error: the file is not valid UTF-8 text
 --> content/x.md:4:4
  |
4 | Caf\u{fffd} cr\u{fffd}me
  |    ^
  = help: save the file with the UTF-8 encoding (most editors offer it in \"Save as\")

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn missing_and_unclosed_front_matter_and_duplicate_keys_all_reported() {
    assert_error(
        |s| {
            s.write("content/a.md", "# Titre\n");
            s.write("content/b.md", "---\ntitle: X\n");
            s.write("content/c.md", "---\ntitle: X\ntitle: Y\n---\n");
        },
        "error: the file does not start with a front matter line `---`
 --> content/a.md:1:1
  |
1 | # Titre
  | ^^^^^^^
  = help: start the file with `---`, then `title: ...` and other keys, then a closing `---` line

error: the front matter opened on line 1 is never closed
 --> content/b.md:1:1
  |
1 | ---
  | ^^^
  = help: add a line `---` after the last `key: value` line, before the text

error: the key `title` appears twice
 --> content/c.md:3:1
  |
3 | title: Y
  | ^^^^^
  = help: each key may appear only once: keep one of the two lines

Build failed: 3 errors and 0 warnings; nothing was written.
",
    );
}

#[test]
fn news_file_without_date() {
    assert_error(
        |s| s.write("content/actualites/lancement.md", "---\ntitle: X\n---\n"),
        "error: the news file name `lancement.md` does not start with a date and a name
 --> content/actualites/lancement.md
  = help: name news files `YYYY-MM-DD-titre-court.md`, e.g. `2025-03-14-lancement.md`

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn link_to_a_missing_file() {
    assert_error(
        |s| {
            s.write(
                "content/x.md",
                "---\ntitle: X\n---\nVoir [ada](@/startups/ada.md).\n",
            )
        },
        "error: link to unknown file `startups/ada.md`
 --> content/x.md:4:6
  |
4 | Voir [ada](@/startups/ada.md).
  |      ^^^^^^^^^^^^^^^^^^^^^^^^
  = help: a link written `@/...` names a file inside `content/`, like `@/startups/languia.md`

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn no_settings_file() {
    assert_error(
        |s| std::fs::remove_file(s.root().join("site.yaml")).unwrap(),
        "error: no `site.yaml` in `.`
 --> site.yaml
  = help: run atelier in the site's folder, or pass `--root <folder>`

Build failed: 1 error and 0 warnings; nothing was written.
",
    );
}

#[test]
fn usage_errors_exit_2() {
    let site = TestSite::minimal();
    let run = site.run(&["build", "--date", "2026-13-01"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "invalid value '2026-13-01' for '--date <YYYY-MM-DD>': expected a date written YYYY-MM-DD"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["buidl"]).code, 2);
}

#[test]
fn all_problems_of_all_files_in_one_run() {
    let (code, stderr) = fails_with(|s| {
        s.write(
            "content/startups/a.md",
            &FICHE.replace("mission: Aider les enseignants\n", ""),
        );
        s.write("content/startups/b.md", &FICHE.replace("2024-01-01", "hier"));
        s.write("content/x.md", "---\ntitle: [X\n---\n");
    });
    assert_eq!(code, 1);
    assert!(stderr.contains("content/startups/a.md:1:1"), "{stderr}");
    assert!(stderr.contains("content/startups/b.md:8:12"), "{stderr}");
    assert!(stderr.contains("content/x.md:"), "{stderr}");
    assert!(
        stderr.ends_with("Build failed: 3 errors and 0 warnings; nothing was written.\n"),
        "{stderr}"
    );
}

#[test]
fn failed_build_leaves_public_untouched() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let before = tree(&site.root().join("public"));
    assert!(before.len() > 10);
    // Beside the output: the stamps of its files (see `output/stamps.rs`), and nothing else.
    let beside = || -> Vec<(String, Vec<u8>)> {
        let mut found: Vec<_> = std::fs::read_dir(site.root())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".public"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).unwrap_or_default())
            })
            .collect();
        found.sort();
        found
    };
    let stamps = beside();
    assert_eq!(
        stamps.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        [".public.atelier-stamps"]
    );
    site.write("content/startups/gamma.md", "---\ntitle: 'cassé\n---\n");
    let run = site.run(&["build", "--date", DATE]);
    assert_eq!(run.code, 1);
    assert_eq!(
        tree(&site.root().join("public")),
        before,
        "public/ changed after a failed build"
    );
    assert_eq!(beside(), stamps, "temporary folders left, or the stamps changed");
}

#[test]
fn deleted_pages_do_not_survive_a_build() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    assert!(site.root().join("public/startups/gamma/index.html").exists());
    std::fs::remove_file(site.root().join("content/startups/gamma.md")).unwrap();
    site.build(&[]);
    assert!(!site.root().join("public/startups/gamma").exists());
    assert!(!site.read("public/startups/index.html").contains("Gamma"));
}

#[test]
fn same_input_same_bytes_whatever_the_thread_count() {
    let site = TestSite::fixture("basic");
    let one = site.run_env(
        &["build", "--date", DATE, "--output", "one"],
        &[("RAYON_NUM_THREADS", "1")],
    );
    let four = site.run_env(
        &["build", "--date", DATE, "--output", "four"],
        &[("RAYON_NUM_THREADS", "4")],
    );
    assert_eq!((one.code, four.code), (0, 0));
    let (a, b) = (tree(&site.root().join("one")), tree(&site.root().join("four")));
    assert!(a.len() > 10);
    assert_eq!(a, b);
}

#[test]
fn summary_line_and_quiet_and_timings() {
    let site = TestSite::fixture("basic");
    let run = site.build(&[]);
    assert!(
        run.stdout
            .starts_with("Built 16 pages and copied 4 files into public in "),
        "{}",
        run.stdout
    );
    // The fixture has a phase in 2030, more than a year after the build date.
    assert!(run.stdout.ends_with(" ms (1 warning).\n"), "{}", run.stdout);
    assert_eq!(site.build(&["--quiet"]).stdout, "");
    let timed = site.build(&["--quiet", "--timings"]).stdout;
    for stage in ["load", "model", "markdown", "render", "minify", "write"] {
        assert!(timed.contains(stage), "{timed}");
    }
}

#[test]
fn build_date_from_source_date_epoch() {
    let site = TestSite::fixture("basic");
    // 2030-01-02: Alpha's transfer (2030-01-01) has started.
    let run = site.run_env(&["build"], &[("SOURCE_DATE_EPOCH", "1893542400")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.read("public/startups/alpha.beta/index.html")
            .contains("Phase : Transférée")
    );
    site.build(&[]);
    assert!(
        site.read("public/startups/alpha.beta/index.html")
            .contains("Phase : Construction")
    );
}

#[test]
fn root_output_and_base_url_flags() {
    let site = TestSite::fixture("basic");
    let other = tempfile::tempdir().unwrap();
    let out = other.path().join("site");
    let run = common::TestSite::minimal().run(&[
        "build",
        "--date",
        DATE,
        "--root",
        site.root().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        "https://preview.exemple.fr/pr-12/",
        "--no-minify",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("href=\"/pr-12/startups/alpha.beta/#le-probleme\""),
        "{home}"
    );
}

/// A startup page finds its neighbours in the list, and an organisation page its startups,
/// from indexes made once with the model (they used to search the whole list per page).
#[test]
fn neighbours_and_sponsored_startups_follow_the_title_order() {
    let site = TestSite::minimal();
    site.write(
        "content/organisations/mc.md",
        "---\nname: Ministère de la Culture\nacronym: MC\n---\nLe ministère.\n",
    );
    let fiche = |title: &str, sponsors: &str| {
        format!(
            "---\ntitle: {title}\nmission: Une mission.\nincubator: essai\ncontact: a@example.fr\n\
             sponsors: {sponsors}\nphases:\n  - name: investigation\n    start: 2024-01-15\n---\nCorps.\n"
        )
    };
    site.write("content/startups/gamma.md", &fiche("Gamma", "[]"));
    // Named twice: listed once.
    site.write(
        "content/startups/alpha.md",
        &fiche("alpha", "[/organisations/mc, /organisations/mc]"),
    );
    site.write("content/startups/beta.md", &fiche("Bêta", "[/organisations/mc]"));
    let run = site.build(&["--quiet", "--no-minify"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let org = site.read("public/organisations/mc/index.html");
    let section = &org[org.find("Startups soutenues").expect(&org)..];
    let section = &section[..section.find("</ul>").unwrap()];
    let listed: Vec<&str> = section
        .split("<li>")
        .skip(1)
        .map(|li| li.trim_end_matches("</li>"))
        .collect();
    assert_eq!(
        listed,
        [
            "<a href=\"/startups/alpha/\">alpha</a>",
            "<a href=\"/startups/beta/\">Bêta</a>"
        ],
        "{org}"
    );
    let beta = site.read("public/startups/beta/index.html");
    assert!(
        beta.contains("Précédente : <a href=\"/startups/alpha/\">alpha</a>"),
        "{beta}"
    );
    assert!(
        beta.contains("Suivante : <a href=\"/startups/gamma/\">Gamma</a>"),
        "{beta}"
    );
    let gamma = site.read("public/startups/gamma/index.html");
    assert!(!gamma.contains("Suivante"), "{gamma}");
}

/// `--timings` names every stage once, in the order they end, and says which one ran on its
/// own thread: its time overlaps the others', so the times add up to more than the build.
#[test]
fn timings_name_every_stage_and_the_one_beside_the_others() {
    let site = TestSite::minimal();
    site.write("themes/test/templates/search.html", "{% extends \"base.html\" %}");
    site.write(
        "content/recherche.md",
        "---\ntitle: Rechercher\ntemplate: search.html\n---\n",
    );
    let run = site.build(&["--timings"]);
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.ends_with("ms") || l.ends_with(')'))
        .collect();
    let names: Vec<&str> = lines.iter().map(|l| l[2..11].trim()).collect();
    assert_eq!(
        names,
        [
            "load", "dsfr pkg", "model", "markdown", "render", "minify", "cache", "dsfr css", "hosting",
            "images", "lint", "check", "search", "hashing", "write"
        ],
        "{}",
        run.stdout
    );
    let search = lines[12];
    assert!(
        search.contains("(own thread, beside the stages after render; the build waited ")
            && search.ends_with(" ms for it)"),
        "{search}"
    );
    assert!(
        lines.iter().filter(|l| l.contains("own thread")).count() == 1,
        "{}",
        run.stdout
    );

    // A build that fails says where its time went too.
    site.write("content/startups/ada.md", "---\ntitle: 'Ada\n---\n");
    let failed = site.run(&["build", "--date", DATE, "--timings"]);
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert!(failed.stdout.starts_with("  load "), "{}", failed.stdout);
    assert!(
        failed.stderr.ends_with("nothing was written.\n"),
        "{}",
        failed.stderr
    );
}
