//! Incremental updates: which pages an edit re-renders, and that the result is always the
//! site a fresh build makes of the same files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::*;

mod paging;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve-site");

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

struct Fixture {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    project: Project,
}

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        date: Some(Date::parse("2026-06-01").unwrap()),
        ..Options::default()
    }
}

/// A project opened as `serve` opens it, once its search index is made.
fn open(root: &Path) -> Project {
    let mut project = Project::open(&options(root), &mut Timings::default()).unwrap();
    project.poll_search(true);
    project
}

impl Fixture {
    fn new() -> Fixture {
        Fixture::with(&[])
    }

    /// The fixture site with more files (path, text).
    fn with(files: &[(&str, &str)]) -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(Path::new(FIXTURE), &root);
        for (rel, text) in files {
            std::fs::write(root.join(rel), text).unwrap();
        }
        let mut project = open(&root);
        assert_eq!(project.diagnostics(), Vec::new(), "the fixture builds cleanly");
        project.track();
        Fixture {
            _tmp: tmp,
            root,
            project,
        }
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "`{from}` is in {rel}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Applies a change of the given site-relative paths as `serve` does, the search index
    /// left to be made; returns what was re-rendered.
    fn apply_only(&mut self, paths: &[&str]) -> Plan {
        let change = super::classify::classify(&self.root, "mini", paths);
        let plan = self.project.apply(&change);
        self.project.render(&plan.render);
        self.project.sync_hosting();
        self.project.index_search();
        plan
    }

    /// [`Fixture::apply_only`], then waits for the search index; returns what was re-rendered.
    fn apply(&mut self, paths: &[&str]) -> Plan {
        let plan = self.apply_only(paths);
        self.project.poll_search(true);
        plan
    }

    /// The text of every page in the search index.
    fn indexed(&self) -> String {
        let files: Vec<Output> = self
            .project
            .outputs()
            .iter()
            .filter(|(path, _)| path.starts_with("pagefind/"))
            .map(|(path, bytes)| Output {
                path: path.clone(),
                bytes: bytes.to_vec(),
            })
            .collect();
        crate::hosting::search::indexed_text(&files).join("\n")
    }

    /// The project equals a fresh build of the same files, output for output.
    fn assert_fresh(&self, step: &str) {
        let fresh = open(&self.root);
        assert_eq!(
            self.project.diagnostics(),
            fresh.diagnostics(),
            "{step}: diagnostics"
        );
        let ours: BTreeSet<&String> = self.project.outputs().keys().collect();
        let theirs: BTreeSet<&String> = fresh.outputs().keys().collect();
        assert_eq!(ours, theirs, "{step}: the same pages");
        for (path, bytes) in fresh.outputs() {
            assert!(
                self.project.output(path) == Some(bytes),
                "{step}: `{path}` differs from a fresh build:\n--- incremental\n{}\n--- fresh\n{}",
                String::from_utf8_lossy(self.project.output(path).unwrap()),
                String::from_utf8_lossy(bytes)
            );
        }
        assert_eq!(self.project.copies(), fresh.copies(), "{step}: copied files");
    }
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

const ADA: &str = "startups/ada/index.html";
const BABEL: &str = "startups/babel/index.html";
const CARTO: &str = "startups/carto/index.html";
const LIST: &str = "startups/index.html";
const HOME: &str = "index.html";
const MAP: &str = "plan-du-site/index.html";
const MC: &str = "organisations/mc/index.html";
const BUILDING: &str = "startups/phase/construction/index.html";
const ACCELERATING: &str = "startups/phase/acceleration/index.html";
const READING: &str = "startups/thematique/lecture/index.html";
const HERITAGE: &str = "startups/thematique/patrimoine/index.html";
const SHOWS: &str = "startups/thematique/spectacle/index.html";
const NEWS_LIST: &str = "actualites/index.html";

/// One edit, then the pages it must re-render (no more, no less) and those it removes.
struct Case {
    name: &'static str,
    edit: fn(&Fixture),
    paths: &'static [&'static str],
    render: &'static [&'static str],
    removed: &'static [&'static str],
}

/// One edit of each kind, with the pages it re-renders.
fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "body of a startup: only its page",
            edit: |f| {
                f.replace(
                    "content/startups/ada.md",
                    "manquent d'outils",
                    "n'ont pas d'outil",
                )
            },
            paths: &["content/startups/ada.md"],
            render: &[ADA],
            removed: &[],
        },
        Case {
            name: "mission: its page and every page showing its summary",
            edit: |f| {
                f.replace(
                    "content/startups/ada.md",
                    "prêter des livres",
                    "prêter des liseuses",
                )
            },
            paths: &["content/startups/ada.md"],
            render: &[ADA, BABEL, LIST, HOME, MAP, MC, BUILDING, READING, HERITAGE],
            removed: &[],
        },
        Case {
            name: "a startup's cover image: its page and every page showing its card",
            edit: |f| {
                std::fs::write(f.root.join("content/startups/ada.png"), png(1200, 600)).unwrap();
                f.replace(
                    "content/startups/ada.md",
                    "incubator: essai\n",
                    "incubator: essai\nimage: ada.png\nimage_alt: Une liseuse\n",
                )
            },
            paths: &["content/startups/ada.png", "content/startups/ada.md"],
            // The news list calls `image()`, which reads every image of the site.
            render: &[
                ADA, BABEL, LIST, HOME, MAP, MC, BUILDING, READING, HERITAGE, NEWS_LIST,
            ],
            removed: &[],
        },
        Case {
            name: "title (changes the model): pages naming it",
            edit: |f| f.replace("content/startups/carto.md", "title: Carto", "title: Cartes"),
            paths: &["content/startups/carto.md"],
            render: &[CARTO, BABEL, LIST, MAP, ACCELERATING, SHOWS],
            removed: &[],
        },
        Case {
            name: "title of a page: the page and the site map",
            edit: |f| f.replace("content/a-propos.md", "title: À propos", "title: Qui sommes-nous"),
            paths: &["content/a-propos.md"],
            render: &["a-propos/index.html", MAP],
            removed: &[],
        },
        Case {
            name: "name of a sponsor: every summary naming it",
            edit: |f| {
                f.replace(
                    "content/organisations/mc.md",
                    "name: Ministère",
                    "name: Le ministère",
                )
            },
            paths: &["content/organisations/mc.md"],
            render: &[
                MC, ADA, BABEL, CARTO, LIST, HOME, MAP, BUILDING, READING, HERITAGE,
            ],
            removed: &[],
        },
        Case {
            name: "text of a sponsor: its page only",
            edit: |f| {
                f.replace(
                    "content/organisations/mc.md",
                    "politique culturelle",
                    "politique des arts",
                )
            },
            paths: &["content/organisations/mc.md"],
            render: &[MC],
            removed: &[],
        },
        Case {
            name: "a template: the pages using it",
            edit: |f| f.replace("themes/mini/templates/startup.html", "Phase :", "Étape :"),
            paths: &["themes/mini/templates/startup.html"],
            render: &[ADA, BABEL, CARTO],
            removed: &[],
        },
        Case {
            name: "an included template: the pages including it",
            edit: |f| {
                f.replace(
                    "themes/mini/templates/card.html",
                    "class=\"carte\"",
                    "class=\"fiche\"",
                )
            },
            paths: &["themes/mini/templates/card.html"],
            render: &[HOME, LIST, MC, BUILDING, ACCELERATING, READING, HERITAGE, SHOWS],
            removed: &[],
        },
        Case {
            name: "a news item: its page and the news list",
            edit: |f| {
                f.write(
                    "content/actualites/2026-02-01-suite.md",
                    "---\ntitle: La suite\ndate: 2026-02-01\n---\nDeux nouvelles équipes.\n",
                )
            },
            paths: &["content/actualites/2026-02-01-suite.md"],
            render: &["actualites/suite/index.html", "actualites/index.html"],
            removed: &[],
        },
        Case {
            name: "a deleted startup: its pages go, the listings follow",
            edit: |f| std::fs::remove_file(f.root.join("content/startups/carto.md")).unwrap(),
            paths: &["content/startups/carto.md"],
            render: &[BABEL, LIST, MAP, HOME],
            removed: &[CARTO, ACCELERATING, SHOWS],
        },
        Case {
            name: "an editor's swap file: nothing",
            edit: |f| f.write("content/startups/.ada.md.swp", "binary"),
            paths: &["content/startups/.ada.md.swp"],
            render: &[],
            removed: &[],
        },
    ]
}

#[test]
fn an_edit_re_renders_exactly_what_depends_on_it() {
    for case in cases() {
        let mut f = Fixture::new();
        (case.edit)(&f);
        let plan = f.apply(case.paths);
        assert_eq!(
            plan.render.iter().cloned().collect::<BTreeSet<_>>(),
            set(case.render),
            "{}: pages rendered",
            case.name
        );
        assert_eq!(
            plan.removed,
            set(case.removed).into_iter().collect::<Vec<_>>(),
            "{}",
            case.name
        );
        f.assert_fresh(case.name);
    }
}

/// The reads recorded while pages are built miss nothing: after an edit of each kind,
/// every page whose bytes a clean build changes is rendered again. (A few more may be: a
/// page reads a whole summary and shows part of it; the exact sets are the test above.)
#[test]
fn an_edit_re_renders_every_page_a_clean_build_changes() {
    for case in cases() {
        let mut f = Fixture::new();
        let before: BTreeMap<String, Vec<u8>> = f
            .project
            .outputs()
            .iter()
            .map(|(p, b)| (p.clone(), b.to_vec()))
            .collect();
        (case.edit)(&f);
        let plan = f.apply(case.paths);
        let clean = open(&f.root);
        let changed: BTreeSet<String> = clean
            .outputs()
            .iter()
            .filter(|(p, b)| p.ends_with(".html") && before.get(*p).map(Vec::as_slice) != Some(&b[..]))
            .map(|(p, _)| p.clone())
            .collect();
        let rendered: BTreeSet<String> = plan.render.iter().cloned().collect();
        assert!(
            !changed.is_empty() || case.render.is_empty(),
            "{}: a change",
            case.name
        );
        let missed: Vec<&String> = changed.difference(&rendered).collect();
        assert!(
            missed.is_empty(),
            "{}: changed, not rendered again: {missed:?}",
            case.name
        );
    }
}

#[test]
fn the_changed_page_is_rendered_first() {
    let mut f = Fixture::new();
    f.replace("content/startups/babel.md", "Traduire", "Traduire vite");
    let plan = f.apply(&["content/startups/babel.md"]);
    assert_eq!(plan.render[0], BABEL);
}

#[test]
fn the_site_settings_re_render_everything() {
    let mut f = Fixture::new();
    f.replace("site.yaml", "title: Atelier d'essai", "title: Atelier de test");
    let plan = f.apply(&["site.yaml"]);
    let pages = f.project.outputs().len() - f.project.hosting_paths.len();
    assert_eq!(plan.render.len(), pages);
    assert!(String::from_utf8_lossy(f.project.output(HOME).unwrap()).contains("Atelier de test"));
    f.assert_fresh("site.yaml");
}

#[test]
fn a_broken_file_keeps_its_last_good_version_until_fixed() {
    let mut f = Fixture::new();
    let good = f.project.output(ADA).unwrap().clone();
    f.replace("content/startups/ada.md", "mission: Aider", "mission: \"Aider");
    let plan = f.apply(&["content/startups/ada.md"]);
    assert!(plan.render.is_empty(), "nothing to render: {:?}", plan.render);
    assert_eq!(f.project.output(ADA), Some(&good), "the last good page stays");
    let errors: Vec<_> = f
        .project
        .diagnostics()
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let at = errors[0].location.as_ref().unwrap();
    assert_eq!(
        (at.path.as_path(), at.line),
        (Path::new("content/startups/ada.md"), 3)
    );

    f.replace(
        "content/startups/ada.md",
        "mission: \"Aider",
        "mission: Aider enfin",
    );
    f.apply(&["content/startups/ada.md"]);
    assert_eq!(f.project.diagnostics(), Vec::new());
    assert!(String::from_utf8_lossy(f.project.output(ADA).unwrap()).contains("Aider enfin"));
    f.assert_fresh("fixed");
}

#[test]
fn a_broken_template_keeps_the_last_good_templates() {
    let mut f = Fixture::new();
    f.replace(
        "themes/mini/templates/startup.html",
        "{% endblock content %}",
        "{% endblock %",
    );
    f.apply(&["themes/mini/templates/startup.html"]);
    let errors = f.project.diagnostics();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].location.as_ref().unwrap().path,
        Path::new("themes/mini/templates/startup.html")
    );
    assert!(f.project.output(ADA).is_some());
    f.replace(
        "themes/mini/templates/startup.html",
        "{% endblock %",
        "{% endblock content %}",
    );
    f.apply(&["themes/mini/templates/startup.html"]);
    f.assert_fresh("template fixed");
}

#[test]
fn renames_and_folders_follow_the_files() {
    let mut f = Fixture::new();
    std::fs::rename(
        f.root.join("content/startups/babel.md"),
        f.root.join("content/startups/babel-traduction.md"),
    )
    .unwrap();
    let plan = f.apply(&[
        "content/startups/babel.md",
        "content/startups/babel-traduction.md",
    ]);
    assert!(plan.removed.contains(&BABEL.to_string()));
    assert!(f.project.output("startups/babel-traduction/index.html").is_some());
    f.assert_fresh("rename");

    // A whole folder moved away, then back.
    std::fs::rename(f.root.join("content/actualites"), f.root.join("actus-old")).unwrap();
    f.apply(&["content/actualites"]);
    assert!(f.project.output("actualites/index.html").is_none());
    f.assert_fresh("folder gone");
    std::fs::rename(f.root.join("actus-old"), f.root.join("content/actualites")).unwrap();
    f.apply(&["content/actualites"]);
    assert!(f.project.output("actualites/lancement/index.html").is_some());
    f.assert_fresh("folder back");
}

/// A fixed sequence of varied edits, compared with a fresh build after each one: the
/// guard against a page context reading something without recording it (`render::reads`).
#[test]
fn many_edits_always_match_a_fresh_build() {
    let mut f = Fixture::new();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let startups = ["ada", "babel", "carto", "delta"];
    let themes = ["Lecture", "Patrimoine", "Spectacle", "Musique"];
    let phases = ["investigation", "construction", "acceleration", "alumni"];
    for step in 0..60 {
        let id = startups[next(startups.len())];
        let rel = format!("content/startups/{id}.md");
        let what = next(7);
        if what == 0 {
            let _ = std::fs::remove_file(f.root.join(&rel));
        } else if what == 6 {
            let mc = format!(
                "---\nname: Ministère {}\nacronym: MC\n---\nTexte {step}.\n",
                ["de la Culture", "des Arts"][next(2)]
            );
            f.write("content/organisations/mc.md", &mc);
            f.apply(&["content/organisations/mc.md"]);
            f.assert_fresh(&format!("step {step}: organisation"));
            continue;
        } else {
            let title = if what == 1 {
                format!("{id} bis")
            } else {
                id.to_string()
            };
            let title = title[..1].to_uppercase() + &title[1..];
            let sponsors = if next(2) == 0 {
                "sponsors:\n  - /organisations/mc\n"
            } else {
                ""
            };
            let text = format!(
                "---\ntitle: {title}\nmission: Mission {} de {id}.\nincubator: essai\ncontact: {id}@example.fr\n{sponsors}thematiques:\n  - {}\nphases:\n  - name: {}\n    start: 2024-0{}-01\n---\nTexte {step} de {id}, voir [Ada](@/startups/ada.md).\n",
                next(3),
                themes[next(themes.len())],
                phases[next(phases.len())],
                1 + next(9),
            );
            f.write(&rel, &text);
        }
        f.apply(&[&rel]);
        if f.project.diagnostics().iter().any(|d| d.is_error()) {
            // A link to a deleted `ada.md`: put it back, as an editor would.
            f.write(
                "content/startups/ada.md",
                &std::fs::read_to_string(Path::new(FIXTURE).join("content/startups/ada.md")).unwrap(),
            );
            f.apply(&["content/startups/ada.md"]);
        }
        f.assert_fresh(&format!("step {step}: {rel}"));
    }
}

#[test]
fn a_page_that_reads_something_else_after_an_edit_is_tracked_anew() {
    let mut f = Fixture::new();
    f.replace("content/_index.md", "  - ada", "  - babel");
    f.apply(&["content/_index.md"]);
    f.replace("content/startups/babel.md", "Traduire", "Traduire et relire");
    let plan = f.apply(&["content/startups/babel.md"]);
    assert!(plan.render.contains(&HOME.to_string()), "{:?}", plan.render);
    f.replace(
        "content/startups/ada.md",
        "prêter des livres",
        "prêter des disques",
    );
    let plan = f.apply(&["content/startups/ada.md"]);
    assert!(!plan.render.contains(&HOME.to_string()), "{:?}", plan.render);
    f.assert_fresh("highlighted");
}

/// `build` renders once and lets go of each body's HTML as soon as its page is rendered
/// (in chunks of two pages here): the pages and the hosting files are those of the preview,
/// byte for byte, and the feed still carries the news body.
#[test]
fn a_single_build_renders_the_same_files_as_the_preview() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(Path::new(FIXTURE), &root);
    let preview = open(&root);
    let once = Project::open_once(&options(&root), &mut Timings::default(), false).unwrap();
    let paths = |p: &Project| p.outputs().keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(&once), paths(&preview));
    let differ: Vec<&String> = preview
        .outputs()
        .iter()
        .filter(|(path, bytes)| once.output(path) != Some(*bytes))
        .map(|(path, _)| path)
        .collect();
    assert!(
        differ.is_empty(),
        "files that differ from the preview: {differ:?}"
    );
    assert!(paths(&once).len() > 2 * ONCE_CHUNK, "several chunks");
    let feed = String::from_utf8_lossy(once.output(crate::hosting::feed::PATH).unwrap());
    assert!(feed.contains("trois premières startups"), "{feed}");
    assert_eq!(once.diagnostics(), preview.diagnostics());
}

/// A search page in the fixture's theme and content.
const SEARCH: [(&str, &str); 2] = [
    ("themes/mini/templates/search.html", "{% extends \"base.html\" %}"),
    (
        "content/recherche.md",
        "---\ntitle: Rechercher\ntemplate: search.html\n---\n",
    ),
];

/// `serve` makes the search index in the background: an edited page is published at once,
/// the index follows with the edit's words, and is made again only when what it indexes
/// changed.
#[test]
fn the_search_index_follows_edits_in_the_background() {
    let mut f = Fixture::with(&SEARCH);
    assert!(f.project.output("pagefind/pagefind-entry.json").is_some());
    assert!(
        f.indexed().contains("prêter des livres numériques"),
        "{}",
        f.indexed()
    );
    assert!(!f.indexed().contains("Zanzibar"));

    f.replace(
        "content/startups/ada.md",
        "manquent d'outils",
        "manquent d'outils à Zanzibar",
    );
    f.apply_only(&["content/startups/ada.md"]);
    let page = String::from_utf8_lossy(f.project.output(ADA).unwrap()).into_owned();
    assert!(
        page.contains("Zanzibar"),
        "the page is published before the index"
    );
    assert!(f.project.search_pending());
    assert!(
        !f.indexed().contains("Zanzibar"),
        "the index is still the last one"
    );
    let changed = f.project.poll_search(true).expect("an index was made");
    assert!(
        changed.iter().any(|p| p.starts_with("pagefind/fragment/")),
        "{changed:?}"
    );
    assert!(f.indexed().contains("Zanzibar"), "{}", f.indexed());
    assert!(!f.project.search_pending());
    f.assert_fresh("index after an edit");

    // An edit while the index is being made waits for it, then is indexed in turn.
    f.replace("content/startups/ada.md", "Zanzibar", "Tombouctou");
    f.apply_only(&["content/startups/ada.md"]);
    f.replace("content/startups/ada.md", "Tombouctou", "Samarcande");
    f.apply_only(&["content/startups/ada.md"]);
    f.project.poll_search(true).expect("the first index");
    assert!(f.indexed().contains("Tombouctou"), "{}", f.indexed());
    assert!(f.project.search_pending(), "the second edit is being indexed");
    f.project.poll_search(true).expect("the second index");
    assert!(f.indexed().contains("Samarcande"), "{}", f.indexed());
    assert!(!f.project.search_pending());

    // The footer is not indexed: the pages change, the index is not made again.
    f.replace("themes/mini/templates/base.html", "Plan du site", "Plan");
    let plan = f.apply_only(&["themes/mini/templates/base.html"]);
    assert!(plan.render.contains(&ADA.to_string()));
    assert!(!f.project.search_pending());

    // Without its search page, the site has no index.
    std::fs::remove_file(f.root.join("content/recherche.md")).unwrap();
    f.apply(&["content/recherche.md"]);
    let left: Vec<&String> = f
        .project
        .outputs()
        .keys()
        .filter(|p| p.starts_with("pagefind/"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    f.assert_fresh("no search page");
}

/// The preview's search index is the one `build` publishes, file for file.
#[test]
fn the_preview_indexes_the_pages_as_the_build_does() {
    let f = Fixture::with(&SEARCH);
    let mut once = Project::open_once(&options(&f.root), &mut Timings::default(), true).unwrap();
    let (built, _) = once.take_search().expect("the site has a search page").finish();
    let built: BTreeMap<String, Vec<u8>> = built
        .expect("an index")
        .into_iter()
        .map(|o| (o.path, o.bytes))
        .collect();
    let served: BTreeMap<String, Vec<u8>> = f
        .project
        .outputs()
        .iter()
        .filter(|(path, _)| path.starts_with("pagefind/"))
        .map(|(path, bytes)| (path.clone(), bytes.to_vec()))
        .collect();
    assert_eq!(
        served.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>()
    );
    let differ: Vec<&String> = built.keys().filter(|p| served[*p] != built[*p]).collect();
    assert!(differ.is_empty(), "{differ:?}");
}

/// A PNG of `w`×`h` pixels.
fn png(w: u32, h: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut out = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut out = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .unwrap();
    out
}

/// An image a body shows, changed on disk alone: the page shows its new variants, as a
/// fresh build does, and the old variants are gone.
#[test]
fn an_image_changed_alone_shows_its_new_variants() {
    let mut f = Fixture::new();
    std::fs::create_dir_all(f.root.join("static/img")).unwrap();
    std::fs::write(f.root.join("static/img/equipe.png"), png(600, 300)).unwrap();
    f.replace(
        "content/a-propos.md",
        "## Notre rôle",
        "![L'équipe](/img/equipe.png)\n\n## Notre rôle",
    );
    f.apply(&["static/img/equipe.png", "content/a-propos.md"]);
    f.assert_fresh("image added");
    let variants = |p: &Project| -> Vec<String> {
        p.outputs()
            .keys()
            .filter(|k| k.starts_with("img/equipe."))
            .cloned()
            .collect()
    };
    let before = variants(&f.project);
    assert_eq!(before.len(), 2, "{before:?}");
    assert!(
        f.project
            .output("a-propos/index.html")
            .is_some_and(|b| { String::from_utf8_lossy(b).contains(&before[0]) })
    );

    std::fs::write(f.root.join("static/img/equipe.png"), png(500, 300)).unwrap();
    let plan = f.apply(&["static/img/equipe.png"]);
    assert!(
        plan.render.contains(&"a-propos/index.html".to_string()),
        "{plan:?}"
    );
    f.assert_fresh("image changed");
    let after = variants(&f.project);
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(
        after.iter().all(|p| !before.contains(p)),
        "{before:?} → {after:?}"
    );
}

/// A news item's cover image, changed on disk alone: its page and the news list (whose
/// cards take it through `image()`) show its new variants, as a fresh build does.
#[test]
fn a_cover_image_changed_alone_shows_its_new_variants_on_the_page_and_the_cards() {
    let mut f = Fixture::new();
    let news = "content/actualites/2026-01-10-lancement.md";
    std::fs::write(f.root.join("content/actualites/vote.png"), png(1200, 600)).unwrap();
    f.replace(
        news,
        "date: 2026-01-10\n",
        "date: 2026-01-10\nimage: vote.png\nimage_alt: Un vote\n",
    );
    f.apply(&["content/actualites/vote.png", news]);
    f.assert_fresh("cover added");
    let page = "actualites/lancement/index.html";
    let list = "actualites/index.html";
    let shows = |p: &Project, path: &str, what: &str| {
        p.output(path)
            .is_some_and(|b| String::from_utf8_lossy(b).contains(what))
    };
    let before: Vec<String> = f
        .project
        .outputs()
        .keys()
        .filter(|k| k.starts_with("actualites/vote.480w."))
        .cloned()
        .collect();
    assert_eq!(before.len(), 1, "{before:?}");
    assert!(shows(&f.project, page, &before[0]) && shows(&f.project, list, &before[0]));

    std::fs::write(f.root.join("content/actualites/vote.png"), png(1000, 600)).unwrap();
    let plan = f.apply(&["content/actualites/vote.png"]);
    for p in [page, list] {
        assert!(plan.render.contains(&p.to_string()), "{p}: {plan:?}");
    }
    f.assert_fresh("cover changed");
    assert!(!shows(&f.project, page, &before[0]) && !shows(&f.project, list, &before[0]));

    // A startup's cover: its card, in every listing, shows its copies (up to the cards'
    // width) and follows the file changed alone.
    let fiche = "content/startups/ada.md";
    std::fs::write(f.root.join("content/startups/ada.jpg"), jpeg(2000, 1000)).unwrap();
    f.replace(
        fiche,
        "incubator: essai\n",
        "incubator: essai\nimage: ada.jpg\nimage_alt: Une liseuse\n",
    );
    f.apply(&["content/startups/ada.jpg", fiche]);
    f.assert_fresh("startup cover added");
    let variants = |p: &Project, prefix: &str| -> Vec<String> {
        p.outputs()
            .keys()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect()
    };
    let small = variants(&f.project, "startups/ada.480w.");
    let large = variants(&f.project, "startups/ada.1440w.");
    assert_eq!((small.len(), large.len()), (1, 1), "{small:?} {large:?}");
    for card in [LIST, MC, BUILDING, READING] {
        assert!(shows(&f.project, card, &small[0]), "{card}");
        assert!(
            !shows(&f.project, card, &large[0]),
            "{card}: no copy wider than a card"
        );
    }
    std::fs::write(f.root.join("content/startups/ada.jpg"), jpeg(1800, 1000)).unwrap();
    let plan = f.apply(&["content/startups/ada.jpg"]);
    for card in [LIST, MC, BUILDING, READING] {
        assert!(plan.render.contains(&card.to_string()), "{card}: {plan:?}");
        assert!(
            !shows(&f.project, card, &small[0]),
            "{card}: the old copy is gone"
        );
    }
    f.assert_fresh("startup cover changed");
}

/// A body showing shortcodes follows what they read: the startup summaries (a card's
/// title), a file of the site (its size), the shortcode's template; each time the page is
/// rendered again and equals a fresh build.
#[test]
fn bodies_with_shortcodes_follow_what_the_shortcodes_read() {
    let mut f = Fixture::new();
    f.write(
        "themes/mini/templates/shortcodes/cartes.html",
        "{#- args\nphase: text\nreads: startups\n-#}\n<ul>{% for s in startups %}{% if s.phase and s.phase.name == phase %}<li>{{ s.title }}</li>{% endif %}{% endfor %}</ul>\n",
    );
    f.write(
        "themes/mini/templates/shortcodes/fichier.html",
        "{#- args\nfile: file\n-#}\n<a href=\"{{ file.url }}\">{{ file.format }} {{ file.size }}</a>\n",
    );
    f.write("content/images/guide.pdf", "%PDF court");
    f.write(
        "content/composants.md",
        "---\ntitle: Composants\n---\n{{ cartes(phase=\"construction\") }}\n\n{{ fichier(file=\"/images/guide.pdf\") }}\n",
    );
    f.apply(&[
        "themes/mini/templates/shortcodes/cartes.html",
        "themes/mini/templates/shortcodes/fichier.html",
        "content/images/guide.pdf",
        "content/composants.md",
    ]);
    assert_eq!(f.project.diagnostics(), Vec::new());
    f.assert_fresh("shortcodes added");
    let page = "composants/index.html";
    let shown = |f: &Fixture| String::from_utf8_lossy(f.project.output(page).unwrap()).into_owned();
    let before = shown(&f);

    // Every startup of the fixture is in construction at its date: a title is in the cards.
    f.replace("content/startups/babel.md", "title: Babel", "title: Babel Deux");
    let plan = f.apply(&["content/startups/babel.md"]);
    assert!(plan.render.contains(&page.to_string()), "{:?}", plan.render);
    assert!(shown(&f).contains("Babel Deux"), "{}", shown(&f));
    f.assert_fresh("a startup's title");

    f.write("content/images/guide.pdf", &"x".repeat(5_000));
    let plan = f.apply(&["content/images/guide.pdf"]);
    assert!(plan.render.contains(&page.to_string()), "{:?}", plan.render);
    assert!(shown(&f).contains("PDF 5\u{a0}ko"), "{}", shown(&f));
    f.assert_fresh("the file's size");

    f.write(
        "themes/mini/templates/shortcodes/fichier.html",
        "{#- args\nfile: file\n-#}\n<a href=\"{{ file.url }}\">Fichier {{ file.format }}</a>\n",
    );
    f.apply(&["themes/mini/templates/shortcodes/fichier.html"]);
    assert!(shown(&f).contains("Fichier PDF"), "{}", shown(&f));
    assert_ne!(shown(&f), before);
    f.assert_fresh("the shortcode's template");
}

/// A `thematique` argument names a thematique of the site: when the last fiche naming it
/// drops it, the body using it is an error, as in a fresh build; named again, it is fine.
#[test]
fn a_thematique_argument_follows_the_thematiques_of_the_site() {
    let mut f = Fixture::new();
    f.write(
        "themes/mini/templates/shortcodes/theme.html",
        "{#- args\nthematique: thematique\n-#}\n<p class=\"theme\">{{ thematique }}</p>\n",
    );
    f.write(
        "content/theme.md",
        "---\ntitle: Thème\n---\n{{ theme(thematique=\"Spectacle\") }}\n",
    );
    f.apply(&["themes/mini/templates/shortcodes/theme.html", "content/theme.md"]);
    assert_eq!(f.project.diagnostics(), Vec::new());
    let page = "theme/index.html";
    let shown = String::from_utf8_lossy(f.project.output(page).unwrap()).into_owned();
    assert!(
        shown.contains("<p class=theme>spectacle</p>"),
        "the slug: {shown}"
    );
    f.assert_fresh("a thematique argument");

    let carto = "content/startups/carto.md";
    f.replace(carto, "  - Spectacle\n", "  - Lecture\n");
    f.apply(&[carto]);
    let errors = f.project.diagnostics();
    assert!(
        errors
            .iter()
            .any(|d| d.to_string().contains("thematique `Spectacle`")),
        "{errors:?}"
    );
    f.assert_fresh("the thematique gone");

    f.replace(carto, "  - Lecture\n", "  - Spectacle\n");
    f.apply(&[carto]);
    assert_eq!(f.project.diagnostics(), Vec::new());
    f.assert_fresh("the thematique back");
}
