//! Shortcodes as editors write them: the shipped DSFR theme's `templates/shortcodes/`
//! (copied into the test theme) on the site of `tests/fixtures/sites/shortcodes/`, one page
//! per shortcode, each compared with `expected/<page>.html` (the page's `<main>`).
//!
//! To accept new output after an intended change: `BLESS=1 cargo test --test all shortcodes::`,
//! then review the diff of `expected/` before committing.

use crate::common;

use std::path::Path;

use crate::common::{TestSite, copy_tree, fixtures};

/// The fixture site with the theme's shortcodes (and the components they use).
fn site() -> TestSite {
    let site = TestSite::fixture("shortcodes");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/dsfr/templates");
    let test_theme = site.root().join("themes/test/templates");
    copy_tree(&theme.join("shortcodes"), &test_theme.join("shortcodes"));
    std::fs::copy(theme.join("components.html"), test_theme.join("components.html")).unwrap();
    site
}

/// The `<main>` of a built page.
fn main_of(site: &TestSite, out: &str, page: &str) -> String {
    let html = site.read(&format!("{out}/{page}/index.html"));
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    html[start..end].to_string()
}

const PAGES: [&str; 11] = [
    "accordion",
    "tabs",
    "quote",
    "tiles",
    "cartes",
    "buttons",
    "download",
    "callout",
    "badge",
    "video",
    "code",
];

#[test]
fn each_shortcode_renders_its_dsfr_markup() {
    let site = site();
    site.build(&["--no-minify", "--output", "out"]);
    let expected = fixtures().join("sites/shortcodes/expected");
    let bless = std::env::var_os("BLESS").is_some();
    for page in PAGES {
        let got = main_of(&site, "out", page);
        let path = expected.join(format!("{page}.html"));
        if bless {
            std::fs::create_dir_all(&expected).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{page}: differs at line {}:\n  got:      {}\n  expected: {}\n(BLESS=1 cargo test --test all shortcodes:: to accept)",
                line + 1,
                got.lines().nth(line).unwrap_or("<end>"),
                want.lines().nth(line).unwrap_or("<end>"),
            );
        }
    }
}

#[test]
fn code_spans_and_blocks_are_left_as_written() {
    let site = site();
    site.build(&["--no-minify", "--output", "out"]);
    let code = main_of(&site, "out", "code");
    assert!(code.contains("<code>{{ badge(label=\"x\") }}</code>"), "{code}");
    assert!(
        code.contains("{% accordion(title=\"pas un accordéon\") %}\n{{ unknown() }}"),
        "{code}"
    );
    assert!(code.contains("<code>{{ badge(label=\"indenté\") }}"), "{code}");
    // Braces that make no call stay text.
    assert!(code.contains("{{ pas un appel }}"), "{code}");
    assert!(
        !code.contains("fr-badge") && !code.contains("fr-accordion"),
        "{code}"
    );
}

#[test]
fn ids_are_unique_in_a_page_and_stable() {
    let site = site();
    site.build(&["--no-minify", "--output", "a"]);
    site.build(&["--no-minify", "--output", "b", "--no-cache"]);
    for page in PAGES {
        let a = main_of(&site, "a", page);
        assert_eq!(a, main_of(&site, "b", page), "{page}");
        let mut ids: Vec<&str> = a
            .split(" id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{page}: an id is repeated");
    }
}

/// The located errors of a run, as `file:line:column message`.
fn errors(stderr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut message = None;
    for line in stderr.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.to_string());
        } else if let (Some(at), Some(m)) = (line.trim_start().strip_prefix("--> "), message.take()) {
            out.push(format!("{at} {m}"));
        }
    }
    out
}

#[test]
fn mistakes_are_errors_at_their_place_in_check_and_build() {
    let site = site();
    // One mistake every other line, from line 4 (after the front matter).
    let mistakes = [
        "{{ acordion(title=\"x\") }}",
        "{{ button(label=\"x\") }}",
        "{{ badge(label=\"x\", colour=\"red\") }}",
        "{{ tile(title=3, url=\"/\") }}",
        "{{ button(label=\"x\", url=\"javascript:alert(1)\") }}",
        "{{ download(label=\"x\", file=\"/fichiers/absent.pdf\") }}",
        "{% badge(label=\"x\") %}corps{% end %}",
        "{{ quote() }}",
        "{{ badge(label=\"x\" kind=\"new\") }}",
        "{% end %}",
        "{% callout(title=\"x\") %}",
    ];
    site.write(
        "content/erreurs.md",
        &format!(
            "---\ntitle: Erreurs\n---\n{}\nJamais fermé.\n",
            mistakes.join("\n\n")
        ),
    );
    let check = site.run(&["check", "--date", common::DATE]);
    let build = site.run(&["build", "--date", common::DATE, "--verbose"]);
    assert_ne!(check.code, 0);
    assert_ne!(build.code, 0);
    let check_check = site.run(&["check", "--date", common::DATE, "--verbose"]);
    let found = errors(&check_check.stderr);
    let expected = [
        "content/erreurs.md:4:4 unknown shortcode `acordion`",
        "content/erreurs.md:6:1 shortcode `button` needs the argument `url`",
        "content/erreurs.md:8:21 shortcode `badge` has no argument `colour`",
        "content/erreurs.md:10:9 shortcode `tile`: the argument `title` must be a text in quotes, not a whole number",
        "content/erreurs.md:12:22 shortcode `button`, argument `url`: the URL scheme `javascript:` is not allowed",
        "content/erreurs.md:14:24 shortcode `download`: there is no file `/fichiers/absent.pdf` in the site",
        "content/erreurs.md:16:4 shortcode `badge` takes no body",
        "content/erreurs.md:18:4 shortcode `quote` needs a body",
        "content/erreurs.md:20:20 shortcode `badge`: expected `,` or `)` after the argument `label`",
        "content/erreurs.md:22:1 `{% end %}` closes no shortcode",
        "content/erreurs.md:24:1 shortcode `callout` is opened here and never closed",
    ];
    for want in expected {
        let (at, message) = want.split_once(' ').unwrap();
        assert!(
            found.iter().any(|f| f.starts_with(at) && f.contains(message)),
            "missing `{want}` in:\n{}",
            found.join("\n")
        );
    }
    assert!(
        check_check.stderr.contains("did you mean `accordion`?"),
        "{}",
        check_check.stderr
    );
    assert!(
        check_check.stderr.contains("`badge` takes: label, kind"),
        "{}",
        check_check.stderr
    );
    assert_eq!(found.len(), expected.len(), "{}", found.join("\n"));
    assert_eq!(
        errors(&build.stderr),
        found,
        "check and build report the same errors"
    );
}

#[test]
fn untrusted_values_stay_text() {
    let site = site();
    site.write(
        "content/piege.md",
        "---\ntitle: Piège\n---\n{{ badge(label=\"<script>alert(1)</script>\") }}\n\n\
         {% accordion(title=\"\\\" onclick=\\\"alert(1)\") %}\n<script>alert(2)</script>\n{% end %}\n",
    );
    site.build(&["--no-minify", "--output", "out"]);
    let page = main_of(&site, "out", "piege");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{page}");
    assert!(!page.contains("<script>"), "{page}");
    assert!(
        page.contains("onclick=") && !page.contains(" onclick=\""),
        "{page}"
    );
    // A fiche's front matter is never read as shortcodes: its card shows the text.
    let cards = main_of(&site, "out", "cartes");
    assert!(
        cards.contains("{{ button(label=&quot;piège&quot;, url=&quot;/&quot;) }} &lt;script&gt;"),
        "{cards}"
    );
}

/// The `<main>` of every shortcode page, after a cached build and after a clean one.
fn cached_and_clean(site: &TestSite) -> (Vec<String>, Vec<String>) {
    site.build(&["--no-minify", "--output", "cached"]);
    site.build(&["--no-minify", "--output", "clean", "--no-cache"]);
    let pages = |out: &str| PAGES.iter().map(|p| main_of(site, out, p)).collect::<Vec<_>>();
    (pages("cached"), pages("clean"))
}

#[test]
fn cached_builds_follow_the_startups_and_files_shortcodes_show() {
    let site = site();
    site.build(&["--no-minify", "--output", "cached"]);
    // A startup's title changes: the cards of `startups(...)` show the new one.
    let alpha = site
        .read("content/startups/alpha.md")
        .replace("title: Alpha", "title: Alpha Nouveau");
    site.write("content/startups/alpha.md", &alpha);
    // The downloaded file grows: its size is shown again.
    site.write_bytes("content/fichiers/guide.pdf", &vec![b'x'; 2_600_000]);
    let (cached, clean) = cached_and_clean(&site);
    assert_eq!(cached, clean);
    assert!(cached[4].contains("Alpha Nouveau"), "{}", cached[4]);
    assert!(cached[6].contains("PDF – 2,6\u{a0}Mo"), "{}", cached[6]);
}

/// A misspelt phase would list no startup, silently: it is an error naming the phase meant.
#[test]
fn a_misspelt_phase_is_an_error_with_the_phase_meant() {
    let site = site();
    site.write(
        "content/phases.md",
        "---\ntitle: Phases\n---\n{{ startups(phase=\"constuction\") }}\n\n{{ startups(phase=\"construction\") }}\n",
    );
    let check = site.run(&["check", "--date", common::DATE]);
    assert_eq!(
        errors(&check.stderr),
        ["content/phases.md:4:13 shortcode `startups`: there is no phase `constuction`"],
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("did you mean `construction`?"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_misspelt_thematique_is_an_error_with_the_thematique_meant() {
    let site = site();
    site.write(
        "content/thematiques.md",
        "---\ntitle: Thématiques\n---\n{{ startups(thematique=\"patrimone\") }}\n",
    );
    let check = site.run(&["check", "--date", common::DATE]);
    assert_eq!(
        errors(&check.stderr),
        ["content/thematiques.md:4:13 shortcode `startups`: the site has no thematique `patrimone`"],
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("did you mean `patrimoine`?"),
        "{}",
        check.stderr
    );

    // The slug or the name, as the fiches write it: the same cards.
    site.write(
        "content/thematiques.md",
        "---\ntitle: Thématiques\n---\n{{ startups(thematique=\"patrimoine\") }}\n\n---\n\n{{ startups(thematique=\"Patrimoine\") }}\n",
    );
    site.build(&[]);
    let html = site.read("public/thematiques/index.html");
    let (by_slug, by_name) = html.split_once("<hr").expect("two listings");
    let cards = |h: &str| h.matches("fr-card__title").count();
    assert!(cards(by_slug) > 0, "{html}");
    assert_eq!(cards(by_slug), cards(by_name), "{html}");
}
