//! Whatever bytes a content file holds, `check` and `build` never panic: they end either in
//! success or in diagnostics, and they agree (build refuses exactly what check calls errors).

use crate::check_site::{DATE, Site};
use atelier::build;
use atelier::cmd::check;
use atelier::diagnostic::Severity;
use atelier::pipeline::{Options, Timings};
use proptest::prelude::*;

/// Where the bytes go: each kind of content file.
const FILES: [&str; 5] = [
    "content/startups/fuzz.md",
    "content/a-propos.md",
    "content/organisations/fuzz.md",
    "content/actualites/2025-03-14-fuzz.md",
    "content/accessibilite.md",
];

/// Beginnings that take the bytes past the front matter splitter and into YAML or Markdown.
const PREFIXES: [&str; 5] = [
    "",
    "---\n",
    "---\ntitle: Essai\n---\n",
    "---\ntitle: T\nmission: M\nincubator: culture\ncontact: a@b.fr\nphases:\n  - name: investigation\n    start: 2024-01-01\n",
    "---\ntitle: Déclaration\ntemplate: accessibilite.html\n---\n",
];

/// Bytes biased towards what YAML, Markdown and HTML give meaning to.
fn text() -> impl Strategy<Value = Vec<u8>> {
    let interesting = prop::sample::select(
        b"-:\n #[]!()@/|<>*`'\"{}_~\\\t\r&=?.ab0189"
            .iter()
            .copied()
            .chain([0x00, 0xc3, 0xa9, 0xff])
            .collect::<Vec<u8>>(),
    );
    let byte = prop_oneof![3 => interesting, 1 => any::<u8>()];
    prop::collection::vec(byte, 0..400)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_end_in_success_or_diagnostics(file in 0..FILES.len(), prefix in 0..PREFIXES.len(), bytes in text()) {
        let site = Site::new();
        let mut content = PREFIXES[prefix].as_bytes().to_vec();
        content.extend(&bytes);
        let path = site.root().join(FILES[file]);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &content).unwrap();
        let opts = Options {
            root: site.root().to_path_buf(),
            output: Some(site.root().join("public")),
            date: Some(DATE.parse().unwrap()),
            ..Default::default()
        };
        let report = check::run(&opts, None);
        let errors = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        for d in &report.diagnostics {
            prop_assert!(!d.render(false).is_empty());
        }
        match build::build(&opts, &mut Timings::default()) {
            Ok(r) => {
                prop_assert_eq!(errors, 0, "build succeeded where check found errors: {:?}", report.diagnostics);
                prop_assert!(r.warnings.iter().all(|d| d.severity == Severity::Warning));
            }
            Err(diags) => {
                prop_assert!(diags.iter().any(|d| d.severity == Severity::Error), "{:?}", diags);
                prop_assert!(errors > 0, "check found no error where build failed: {:?}", diags);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Bounded work: the real binary on inputs made to be large or deep. None is timed (a
// timed test fails on a slow machine); each is big enough that work growing faster than
// the input would take minutes, which CI's timeout catches, and takes about a second when
// it grows with the input.

use crate::common;

use crate::common::TestSite;

/// A page with this front matter and body, in a one-page site.
fn site_with(front_matter: &str, body: &str) -> TestSite {
    let site = TestSite::minimal();
    site.write(
        "content/p.md",
        &format!("---\ntitle: Essai\n{front_matter}---\n{body}"),
    );
    site
}

/// `build` and `check` both refuse the site, with `message` located at `at`, and write
/// nothing.
fn refused(site: &TestSite, message: &str, at: &str) {
    for command in ["build", "check"] {
        let run = site.run(&[command, "--date", common::DATE]);
        assert_eq!(run.code, 1, "{command}:\n{}", run.stderr);
        let output = if command == "check" {
            &run.stdout
        } else {
            &run.stderr
        };
        assert!(
            run.stderr.contains(message),
            "{command}: {message}\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("--> {at}\n")),
            "{command}: {at}\n{}",
            run.stderr
        );
        assert!(output.contains("1 error"), "{command}:\n{output}");
    }
    assert!(!site.root().join("public").exists());
}

const TOO_DEEP: &str = "error: the text nests more than 100 elements inside one another";

#[test]
fn deep_block_quotes_are_refused_where_they_get_too_deep() {
    // 5,000 levels overflowed the minifier's stack: the process aborted (exit 134).
    let site = site_with("", &("> ".repeat(5_000) + "Citation.\n"));
    refused(&site, TOO_DEEP, "content/p.md:4:201");
}

#[test]
fn deep_lists_are_refused_where_they_get_too_deep() {
    let site = site_with("", &("- ".repeat(5_000) + "Élément.\n"));
    refused(&site, TOO_DEEP, "content/p.md:4:101");
    let indented: String = (0..400).map(|i| "   ".repeat(i) + "1. niveau\n").collect();
    let site = site_with("", &indented);
    refused(&site, TOO_DEEP, "content/p.md:54:151");
}

#[test]
fn deep_raw_html_is_refused_where_it_gets_too_deep() {
    let site = site_with(
        "",
        &("<div>".repeat(5_000) + "x" + &"</div>".repeat(5_000) + "\n"),
    );
    refused(&site, TOO_DEEP, "content/p.md:4:501");
    let inline = "Du texte ".to_string() + &"<em>".repeat(5_000) + "x\n";
    let site = site_with("", &inline);
    refused(&site, TOO_DEEP, "content/p.md:4:406");
}

#[test]
fn deep_yaml_is_refused_with_its_place() {
    let flow = format!("extra: {}{}\n", "[".repeat(5_000), "]".repeat(5_000));
    refused(
        &site_with(&flow, "x\n"),
        "error: invalid YAML: recursion limit exceeded",
        "content/p.md:3:135",
    );
    let block: String =
        "extra:\n".to_string() + &(1..2_000).map(|i| " ".repeat(i) + "k:\n").collect::<String>();
    refused(
        &site_with(&block, "x\n"),
        "error: invalid YAML: recursion limit exceeded",
        "content/p.md:131:129",
    );
    let aliases = (1..12).fold("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_string(), |s, i| {
        s + &format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", "))
    });
    refused(
        &site_with(&aliases, "x\n"),
        "error: invalid YAML: repetition limit exceeded",
        "content/p.md:2:1",
    );
}

#[test]
fn nesting_under_the_limit_builds() {
    let quotes = "> ".repeat(90) + "Citation.\n\n";
    let html = "<div>".repeat(90) + "x" + &"</div>".repeat(90) + "\n";
    let site = site_with("", &(quotes + &html));
    site.build(&[]);
    let page = site.read("public/p/index.html");
    assert_eq!(page.matches("<blockquote>").count(), 90);
    assert_eq!(page.matches("<div>").count(), 90);
}

#[test]
fn a_file_name_with_a_line_break_is_refused_by_name() {
    // It used to build a page whose address browsers read without the line break, and
    // every link to it was reported broken, blamed on the theme.
    let site = TestSite::minimal();
    site.write("content/a\nb.md", "---\ntitle: Essai\n---\nx\n");
    site.write("content/images/c\td.png", "png");
    let run = site.run(&["build", "--date", common::DATE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: the name `a\\nb.md` contains a line break: the address of its page would not be the one links lead to\n --> content/a\\nb.md\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: the name `images/c\\td.png` contains a tab"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("broken link"), "{}", run.stderr);
    assert!(run.stderr.contains("2 errors"), "{}", run.stderr);
}

/// A page with `n` problems of each of three kinds: unknown keys, vague link texts and
/// broken links, each on its own line.
fn many_problems(n: usize) -> TestSite {
    let keys: String = (0..n).map(|i| format!("cle{i}: valeur\n")).collect();
    let body: String = (0..n)
        .map(|i| format!("Voir [ici](/) ou [la fiche {i}](/startups/fiche-{i}/).\n\n"))
        .collect();
    site_with(&keys, &body)
}

#[test]
fn many_problems_are_all_found_and_the_first_shown() {
    // 40,000 unknown keys took 50 s, 54,000 warnings in one page 86 s: each problem was
    // located by reading the file from its start.
    let site = many_problems(15_000);
    let run = site.run(&["check", "--date", common::DATE]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("Checked 5 pages: 15,000 errors and 30,000 warnings."),
        "{}",
        run.stdout
    );
    // Errors first: the 10 a file shows are its first broken links.
    assert_eq!(
        run.stderr
            .matches("error: broken link: `/startups/fiche-")
            .count(),
        10
    );
    assert_eq!(run.stderr.matches("\nwarning: ").count(), 0, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: broken link: `/startups/fiche-0/` leads to no page of the site\n     --> content/p.md:15004:18\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "note: 44,990 more problems in content/p.md not shown (14,990 errors and 30,000 warnings)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "note: 44,990 problems not shown (14,990 errors and 30,000 warnings), by kind:\n  \
             15,000  warning: the link text `…` says nothing out of context\n  \
             15,000  warning: unknown key `…`\n  \
             14,990  error: broken link: `…` leads to no page of the site\n  \
             = help: `--verbose` prints every problem\n\n"
        ),
        "{}",
        run.stderr
    );
    // The build says the same, and refuses to publish.
    let build = site.run(&["build", "--date", common::DATE]);
    assert_eq!(build.code, 1);
    assert!(
        build
            .stderr
            .contains("Build failed: 15,000 errors and 30,000 warnings; nothing was written.")
    );
    assert!(build.stderr.contains("note: 44,990 problems not shown"));
}

#[test]
fn every_problem_is_printed_on_demand_and_in_json() {
    let site = many_problems(400);
    let verbose = site.run(&["check", "--date", common::DATE, "--verbose"]);
    assert_eq!(verbose.stderr.matches("--> content/p.md:").count(), 1_200);
    assert!(!verbose.stderr.contains("not shown"));
    let json = site.run(&["check", "--date", common::DATE, "--format", "json"]);
    assert_eq!(json.stdout.lines().count(), 1_200);
    assert!(json.stdout.lines().all(|l| l.starts_with("{\"severity\":")));
    let build = site.run(&["build", "--date", common::DATE, "--verbose"]);
    assert_eq!(build.stderr.matches("--> content/p.md:").count(), 1_200);
}

/// `GET path` on a running `serve`: the status, or `None` when nothing answers.
fn get(addr: &str, path: &str) -> Option<u16> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    String::from_utf8_lossy(&raw).split(' ').nth(1)?.parse().ok()
}

#[test]
fn serve_survives_what_build_refuses() {
    // The same file killed the preview server: its stack overflowed while minifying.
    let site = site_with("", &("> ".repeat(5_000) + "Citation.\n"));
    let (mut child, addr) = common::serve(
        &[
            "--port".as_ref(),
            "0".as_ref(),
            "--date".as_ref(),
            common::DATE.as_ref(),
            "--root".as_ref(),
            site.root().as_os_str(),
        ],
        &[],
    );
    assert_eq!(get(&addr, "/"), Some(200));
    // Deeper still, while it runs; then a version it can show.
    site.write(
        "content/p.md",
        &format!("---\ntitle: Essai\n---\n{}", "<div>".repeat(50_000)),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    site.write("content/q.md", "---\ntitle: Essai\n---\n> Citation.\n");
    while get(&addr, "/q/") != Some(200) {
        assert!(std::time::Instant::now() < deadline, "the new page never came");
        assert!(child.try_wait().unwrap().is_none(), "serve died");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_ne!(get(&addr, "/p/"), Some(200));
    assert_eq!(get(&addr, "/"), Some(200));
    assert!(child.try_wait().unwrap().is_none(), "serve died");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Renders `body` and minifies it inside 24 more elements (a theme's), on a thread with
/// the stack of a rayon worker (2 MiB); `false` if the page nests deeper than the limit
/// and those 24 (the count at load time missed some: such a page is written unminified).
fn renders_on_a_worker_stack(body: String) -> bool {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let resolve = |_: &str| None;
            // Trusted raw HTML reaches the minifier as written: the deepest output there is.
            let opts = atelier::markdown::Options {
                base_path: "/",
                resolve: &resolve,
                raw_html: atelier::raw_html::Mode::Trusted,
                typography: true,
                images: &|_| None,
                shortcode: None,
            };
            let html = atelier::markdown::render(&body, &opts).html;
            let page = "<div>".repeat(24) + &html + &"</div>".repeat(24);
            let depth = atelier::html_nesting::deepest(page.as_bytes());
            assert!(
                depth <= atelier::content::limits::MAX_NESTING + 24,
                "{depth} levels"
            );
            let mut outputs = vec![atelier::pipeline::Output {
                path: "p/index.html".into(),
                bytes: page.into_bytes(),
            }];
            atelier::output::minify(&mut outputs);
            atelier::check::html::parse(&String::from_utf8_lossy(&outputs[0].bytes))
                .links
                .len()
        })
        .unwrap()
        .join()
        .is_ok()
}

#[test]
fn the_deepest_bodies_the_limit_accepts_render_within_a_worker_stack() {
    // The shapes that make the most elements per level counted: GFM alerts (DSFR
    // callouts), tables whose body the parser adds, lists written in HTML and Markdown.
    let alerts: String = (1..=99)
        .map(|k| "> ".repeat(k) + "[!TIP]\n" + &"> ".repeat(k) + "x\n")
        .collect();
    let bodies = [
        alerts,
        "<table><tr><td>".repeat(33) + "x\n",
        "<ul><li>".repeat(50) + "x\n",
        "<li><dd>".repeat(50) + "x\n",
        "- ".repeat(50) + "x\n",
        (0..49).map(|i| "   ".repeat(i) + "1. a\n\n").collect::<String>() + &"   ".repeat(49) + "**gras**\n",
        "> ".repeat(98) + "*x*\n",
    ];
    for body in bodies {
        let text = format!("---\ntitle: Essai\n---\n{body}");
        let mut diags = Vec::new();
        let doc =
            atelier::content::parse_document(std::path::Path::new("content/p.md"), "p.md", &text, &mut diags);
        assert!(doc.is_some(), "{diags:?}\n{body}");
        // Each is as deep as the limit lets it be.
        let deeper = body.trim_end().to_string() + "<span><span>\n";
        assert!(atelier::content::limits::nesting(&deeper).is_some(), "{body}");
        assert!(renders_on_a_worker_stack(body.clone()), "{body}");
    }
}

/// Openers of nesting, Markdown and HTML, that a body may pile up.
const OPENERS: [&str; 26] = [
    "> ",
    "- ",
    "1. ",
    "* ",
    "   ",
    "\n",
    "<div>",
    "</div>",
    "<span>",
    "<li>",
    "<dd>",
    "<tr><td>",
    "<p>",
    "<svg>",
    "<path/>",
    "*a ",
    "![",
    "[^n]: ",
    "<!--",
    "<td>",
    "</td>",
    "<math>",
    "<title>",
    "| a |\n|---|\n| ",
    "```\n",
    "<option>",
];

fn nested() -> impl Strategy<Value = String> {
    prop::collection::vec((0..OPENERS.len(), 1..80usize), 1..12).prop_map(|runs| {
        let mut body = String::new();
        for (opener, times) in runs {
            body.push_str(&OPENERS[opener].repeat(times));
        }
        body.push_str("texte\n");
        body
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever the nesting, loading a body ends in a document or in the nesting error,
    /// and a body that loads is rendered and minified on a stack the size of a rayon
    /// worker's (2 MiB), in this unoptimised build whose frames are the largest.
    #[test]
    fn any_nesting_is_refused_or_rendered_within_a_worker_stack(body in nested()) {
        let text = format!("---\ntitle: Essai\n---\n{body}");
        let mut diags = Vec::new();
        let path = std::path::Path::new("content/p.md");
        let doc = atelier::content::parse_document(path, "p.md", &text, &mut diags);
        match doc {
            None => prop_assert!(
                diags.len() == 1 && diags[0].message.contains("nests more than 100 elements"),
                "{diags:?}"
            ),
            Some(_) => {
                prop_assert!(diags.is_empty(), "{diags:?}");
                prop_assert!(renders_on_a_worker_stack(body));
            }
        }
    }
}
