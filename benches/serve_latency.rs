//! Edit-to-reload latency of `atelier serve` (a benchmark, not a test):
//!
//!     cargo bench --bench serve_latency [-- end-to-end | in-memory]
//!
//! End to end (`end_to_end.rs`): the `atelier` binary serves a copy of the site, a client
//! listens on its event stream, and a fiche is saved as editors' tools save it; the clock
//! runs from the save to the reload event arriving. Sites: the repository's own,
//! and the corpus site below. `ATELIER_BASELINE=<binary>` measures another build of
//! `atelier` in alternate blocks (before/after figures); `ATELIER_ROUNDS` sets the number
//! of saves per row (40).
//!
//! In memory: for each site, one startup fiche is edited again and again; each time the
//! clock runs from the changed path reaching the rebuild loop (the watcher excluded) to the
//! reload event being sent, with every affected page re-rendered and published.
//! Sites: the 662 fiches of the beta.gouv.fr corpus (skipped when `../shared/corpus` is
//! absent) with the site's own pages and theme, and a synthetic site of 10,000 pages.
//!
//! The search index is made again in the background after the pages: on the corpus, each
//! round waits for it, and the time it took from the batch is reported too. The synthetic
//! site has no search page (Pagefind would take half a minute per round there).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use atelier::date::Date;
use atelier::pipeline::Options;
use atelier::serve::live::Live;
use atelier::serve::reconcile;

#[path = "serve_latency/end_to_end.rs"]
mod end_to_end;

/// Where the corpus may be, from the repository: beside the main checkout or beside the
/// folder of worktrees.
const CORPUS: [&str; 2] = ["../shared/corpus/betagouv", "../../shared/corpus/betagouv"];
const ROUNDS: usize = 41;

fn copy_dir(from: &Path, to: &Path, keep: impl Fn(&Path) -> bool) {
    for e in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if keep(e.path()) {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The repository's own site as it is (settings, theme, pages); returns a fiche with a
/// body to edit.
fn own_site(root: &Path) -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("themes"), &root.join("themes"), |_| true);
    copy_dir(&repo.join("content"), &root.join("content"), |_| true);
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
    root.join("content/startups/dedale.md")
}

/// The repository's own site (settings, theme, pages) with every startup published.
fn base_site(root: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    own_site(root);
    let yaml = std::fs::read_to_string(repo.join("site.yaml")).unwrap();
    let yaml: String = yaml
        .lines()
        .filter(|l| !l.starts_with("incubator:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(root.join("site.yaml"), yaml).unwrap();
}

fn corpus_site(root: &Path) -> Option<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = CORPUS
        .iter()
        .map(|c| repo.join(c))
        .find(|c| c.join("startups").is_dir())?;
    base_site(root);
    let md = |p: &Path| p.extension().is_some_and(|e| e == "md");
    copy_dir(&corpus.join("startups"), &root.join("content/startups"), md);
    copy_dir(
        &corpus.join("organisations"),
        &root.join("content/organisations"),
        md,
    );
    // A fiche of the corpus with a Markdown body, edited in every round.
    Some(root.join("content/startups/acceslibre.md"))
}

/// A site of `pages` pages: the site's own pages, 50 organisations, and startups.
fn synthetic_site(root: &Path, pages: usize) -> PathBuf {
    base_site(root);
    std::fs::remove_file(root.join("content/recherche.md")).unwrap();
    let themes = [
        "Culture",
        "Patrimoine",
        "Éducation",
        "Santé",
        "Emploi",
        "Open-Data",
        "Démocratie",
        "Écologie",
        "Formation",
        "Transport",
    ];
    let phases = [
        "investigation",
        "construction",
        "acceleration",
        "consolidation",
        "transfere",
        "alumni",
    ];
    for o in 0..50 {
        std::fs::write(
            root.join(format!("content/organisations/org{o}.md")),
            format!("---\nname: Organisation {o}\nacronym: O{o}\n---\nUne administration.\n"),
        )
        .unwrap();
    }
    let existing = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_type().is_file())
        .count();
    let paragraph = "Le service aide les usagers à **faire leurs démarches** en ligne, sans se déplacer, et les agents à suivre les demandes. ".repeat(4);
    for i in 0..pages.saturating_sub(existing + 30) {
        let mut text = format!(
            "---\ntitle: Service numérique {i:05}\nmission: Aider les usagers numéro {i} dans leurs démarches.\nincubator: culture\ncontact: contact{i}@example.fr\nsponsors:\n  - /organisations/org{}\nthematiques:\n  - {}\n  - {}\nphases:\n",
            i % 50,
            themes[i % themes.len()],
            themes[(i / 10) % themes.len()],
        );
        for (k, p) in phases.iter().take(1 + i % 5).enumerate() {
            text.push_str(&format!(
                "  - name: {p}\n    start: {}-0{}-1{}\n",
                2018 + k,
                1 + i % 9,
                i % 9
            ));
        }
        text.push_str(&format!(
            "---\n## Le problème\n\n{paragraph}\n\n## La solution\n\n{paragraph}\n\n- un\n- deux\n- trois\n"
        ));
        std::fs::write(root.join(format!("content/startups/s{i:05}.md")), text).unwrap();
    }
    root.join("content/startups/s04321.md")
}

struct Figures {
    /// To the reload event of the edited page.
    times: Vec<Duration>,
    /// To the last affected page published.
    totals: Vec<Duration>,
    /// To the search index published, when the site has one.
    searches: Vec<Duration>,
    rendered: Vec<usize>,
}

impl Figures {
    fn line(&self, what: &str) -> String {
        let mut t = self.times.clone();
        t.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut r = self.rendered.clone();
        r.sort();
        let mut all = self.totals.clone();
        all.sort();
        let mut search = self.searches.clone();
        search.sort();
        let search = search
            .get(search.len() / 2)
            .map(|d| format!(" | search index: median {:>7.1} ms", ms(*d)))
            .unwrap_or_default();
        format!(
            "  {what:<34} reload median {:>6.1} ms  p90 {:>6.1} ms  min {:>5.1} ms  max {:>6.1} ms | all pages done: median {:>7.1} ms ({} pages re-rendered){search}",
            ms(t[t.len() / 2]),
            ms(t[t.len() * 9 / 10]),
            ms(t[0]),
            ms(t[t.len() - 1]),
            ms(all[all.len() / 2]),
            r[r.len() / 2],
        )
    }
}

/// Edits `file` `ROUNDS` times with `edit(text, round)`, timing each update.
fn rounds(live: &mut Live, file: &Path, edit: impl Fn(&str, usize) -> String) -> Figures {
    let original = std::fs::read_to_string(file).unwrap();
    let mut f = Figures {
        times: Vec::new(),
        totals: Vec::new(),
        searches: Vec::new(),
        rendered: Vec::new(),
    };
    let mut events = live.hub().events.subscribe();
    for round in 0..ROUNDS {
        std::fs::write(file, edit(&original, round)).unwrap();
        let started = Instant::now();
        let u = live.update(&[file.to_path_buf()]).expect("an input changed");
        assert!(
            u.new_problems.iter().all(|d| !d.is_error()),
            "{:?}",
            u.new_problems
        );
        assert!(events.try_recv().is_ok(), "a reload event was sent");
        // As an editor who reads the page before the next save: the index is done.
        let search = live.poll_search(true).map(|_| started.elapsed());
        while events.try_recv().is_ok() {}
        // The first round warms caches up; it is not counted.
        if round > 0 {
            f.times.push(u.first_reload.expect("a page changed"));
            f.totals.push(u.elapsed);
            f.searches.extend(search);
            f.rendered.push(u.rendered);
        }
    }
    std::fs::write(file, original).unwrap();
    live.update(&[file.to_path_buf()]);
    live.poll_search(true);
    f
}

fn bench(name: &str, root: &Path, file: &Path) {
    let opts = Options {
        root: root.to_path_buf(),
        date: Some(Date::parse("2026-08-01").unwrap()),
        ..Options::default()
    };
    let started = Instant::now();
    let (mut live, _) = Live::open(&opts).unwrap();
    let pages = live.project().outputs().len();
    let built = started.elapsed();
    let search = live
        .poll_search(true)
        .map(|_| format!(", search index ready after {} ms", started.elapsed().as_millis()))
        .unwrap_or_default();
    println!(
        "{name}: {pages} files, first build in memory {} ms{search}",
        built.as_millis()
    );
    let body = rounds(&mut live, file, |t, r| {
        format!("{t}\nUne phrase de plus ({r}).\n")
    });
    println!("{}", body.line("body edited"));
    let mission = rounds(&mut live, file, |t, r| {
        t.replacen("mission: ", &format!("mission: ({r}) "), 1)
    });
    println!("{}", mission.line("mission edited (listings follow)"));
    let title = rounds(&mut live, file, |t, r| {
        let start = t.find("\ntitle: ").unwrap() + 1;
        let end = start + t[start..].find('\n').unwrap();
        format!("{} {r}{}", &t[..end], &t[end..])
    });
    println!("{}", title.line("title edited (model rebuilt)"));

    // The check of the content files against the folder, made after every batch once the
    // edited pages are out (it counts in "all pages done", not in "reload").
    let mut checks: Vec<Duration> = (0..11)
        .map(|_| {
            let t = Instant::now();
            let on_disk = reconcile::content_on_disk(root);
            let unseen = reconcile::disagreements(&live.project().content_rels(), &on_disk);
            assert!(unseen.is_empty(), "{unseen:?}");
            t.elapsed()
        })
        .collect();
    checks.sort();
    println!(
        "  content folder check after each batch: median {:.1} ms",
        checks[checks.len() / 2].as_secs_f64() * 1000.0
    );

    // Shared template data, before (all summaries serialized per edit) and after.
    let site = live.project().site();
    let t = Instant::now();
    let summaries: Vec<tera::Value> = site
        .startups
        .iter()
        .map(|e| atelier::render::summary(site, e, None))
        .collect();
    let all = t.elapsed();
    let t = Instant::now();
    let shared = atelier::render::shared_from(site, Default::default(), summaries, &[]);
    let reuse = t.elapsed();
    drop(shared);
    println!(
        "  shared data: every summary serialized {:.1} ms; reassembled from kept summaries {:.2} ms",
        all.as_secs_f64() * 1000.0,
        reuse.as_secs_f64() * 1000.0
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a name picks one part.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let part = |name: &str| args.is_empty() || args.iter().any(|a| a == name);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "serve edit-to-reload latency ({} threads available; load average {})",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load.split(' ').take(3).collect::<Vec<_>>().join(" ")
    );
    let tmp = tempfile::tempdir().unwrap();
    let corpus_root = tmp.path().join("corpus");
    let corpus = corpus_site(&corpus_root);
    if part("end-to-end") {
        let rounds = std::env::var("ATELIER_ROUNDS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(40);
        let own_root = tmp.path().join("own");
        let file = own_site(&own_root);
        end_to_end::bench("the repository's site", &own_root, &file, rounds);
        match &corpus {
            Some(file) => end_to_end::bench("corpus site", &corpus_root, file, rounds),
            None => println!("corpus site: skipped, no corpus at ../shared/corpus/betagouv"),
        }
    }
    if !part("in-memory") {
        return;
    }
    match corpus {
        Some(file) => bench("corpus site (662 fiches)", &corpus_root, &file),
        None => println!("corpus site: skipped, no corpus at ../shared/corpus/betagouv"),
    }
    let synth_root = tmp.path().join("synthetic");
    let file = synthetic_site(&synth_root, 10_000);
    bench("synthetic site (10,000 pages)", &synth_root, &file);
}
