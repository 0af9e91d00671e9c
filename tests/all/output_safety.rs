//! The output folder, on the real binary: dangerous folders refused with everything left as
//! it was, files atelier did not write kept, a first build into a folder that is not empty,
//! an output of atelier from before the manifest, symbolic links, and what kill -9, a full
//! disk and an unwritable file leave behind. All in temporary folders.
//!
//! Exit codes: a refused output folder is a usage error (2): the command or `output_dir`
//! must change, and nothing was read or written. A problem met while publishing (a file of
//! someone else's where a page goes, a full disk) is a build error (1).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{DATE, Run, STATEMENT, copy_tree, fixtures, tree};

/// A temporary folder holding a site (`site/`, the test theme, two pages) and a sibling
/// project (`sibling/`), so that what a build does around the site can be seen too.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        Workspace::with(tempfile::tempdir().unwrap())
    }

    /// In memory (`/dev/shm`) where there is one: the kill tests create and delete
    /// thousands of files per build, which a disk makes slow.
    fn in_memory() -> Workspace {
        let shm = Path::new("/dev/shm");
        match shm.is_dir().then(|| tempfile::tempdir_in(shm).ok()).flatten() {
            Some(dir) => Workspace::with(dir),
            None => Workspace::new(),
        }
    }

    fn with(dir: tempfile::TempDir) -> Workspace {
        let ws = Workspace { dir };
        copy_tree(&fixtures().join("theme"), &ws.site().join("themes/test"));
        ws.write("site/site.yaml", "title: Essai\ntheme: test\n");
        ws.write("site/content/_index.md", "---\ntitle: Accueil\n---\nBonjour.\n");
        ws.write("site/content/accessibilite.md", STATEMENT);
        ws.write(
            "site/content/projets/carto.md",
            "---\ntitle: Carto\n---\nUne carte.\n",
        );
        ws.write("sibling/README.md", "another project\n");
        ws.write("sibling/src/main.rs", "fn main() {}\n");
        ws
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn site(&self) -> PathBuf {
        self.path().join("site")
    }

    fn public(&self) -> PathBuf {
        self.site().join("public")
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// `atelier <args>` in the site's folder.
    fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let out = atelier(&self.site(), args, env).output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `atelier build --date DATE <extra>`, asserting success.
    fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build", "--date", DATE];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }
}

fn atelier(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_atelier"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Every entry under `dir`: files with their bytes, folders as `None`, links with their
/// target; so that a refused build can be shown to have changed nothing.
fn entries(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(Result::unwrap)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let t = e.file_type();
            let what = if t.is_symlink() {
                Some(
                    std::fs::read_link(e.path())
                        .unwrap()
                        .to_string_lossy()
                        .as_bytes()
                        .to_vec(),
                )
            } else if t.is_dir() {
                None
            } else {
                Some(std::fs::read(e.path()).unwrap())
            };
            (rel, what)
        })
        .collect()
}

/// Runs a build that must be refused: exit 2, the reason and its origin in the message,
/// and nothing changed anywhere in the workspace.
fn assert_refused(ws: &Workspace, args: &[&str], env: &[(&str, &str)], reason: &str) -> Run {
    let before = entries(ws.path());
    let mut all = vec!["build", "--date", DATE];
    all.extend_from_slice(args);
    let run = ws.run_env(&all, env);
    assert_eq!(
        run.code, 2,
        "{args:?} must be refused:\n{}{}",
        run.stdout, run.stderr
    );
    assert!(
        run.stderr.contains(reason),
        "{args:?}: expected `{reason}` in:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("nothing was written.\n"),
        "{args:?}:\n{}",
        run.stderr
    );
    assert_eq!(entries(ws.path()), before, "{args:?} changed the workspace");
    run
}

#[test]
fn dangerous_output_flags_are_refused_before_anything_is_touched() {
    let ws = Workspace::new();
    ws.write("site/notes.txt", "mine\n");
    ws.write("other-site/site.yaml", "title: Autre\n");
    ws.write("repo/.git/HEAD", "ref: refs/heads/main\n");
    ws.write("repo/index.html", "a page of someone else's\n");
    let abs = |rel: &str| ws.path().join(rel).to_string_lossy().into_owned();
    let cases: &[(&str, &str)] = &[
        (".", "it is the site's own folder"),
        ("./", "it is the site's own folder"),
        ("..", "it holds the site's folder"),
        ("content", "it is the site's `content/` folder"),
        ("content/projets", "it is inside the site's `content/` folder"),
        (
            "content/nouveau/public",
            "it is inside the site's `content/` folder",
        ),
        ("themes", "it is the site's `themes/` folder"),
        (
            "themes/test/templates",
            "it is inside the site's `themes/` folder",
        ),
        ("static", "it is the site's `static/` folder"),
        ("templates", "it is the site's `templates/` folder"),
        ("public/../content", "it is the site's `content/` folder"),
        ("notes.txt", "it is a file, not a folder"),
    ];
    for (flag, reason) in cases {
        let run = assert_refused(&ws, &["--output", flag], &[], reason);
        assert!(
            run.stderr
                .contains(&format!("refusing to build into `--output {flag}`")),
            "{}",
            run.stderr
        );
    }
    assert_refused(
        &ws,
        &["--output", &abs("site")],
        &[],
        "it is the site's own folder",
    );
    assert_refused(&ws, &["--output", &abs("")], &[], "it holds the site's folder");
    assert_refused(
        &ws,
        &["--output", &abs("other-site")],
        &[],
        "it holds a `site.yaml`",
    );
    assert_refused(&ws, &["--output", &abs("repo")], &[], "it holds `.git`");
    assert_eq!(
        std::fs::read_to_string(ws.path().join("site/notes.txt")).unwrap(),
        "mine\n"
    );
}

#[test]
fn an_empty_output_is_a_usage_error() {
    let ws = Workspace::new();
    let before = entries(ws.path());
    let run = ws.run(&["build", "--date", DATE, "--output", ""]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(entries(ws.path()), before);
    ws.write("site/site.yaml", "title: Essai\ntheme: test\noutput_dir: ''\n");
    let run = assert_refused(&ws, &[], &[], "it is empty");
    assert!(run.stderr.contains("--> site.yaml:3:13"), "{}", run.stderr);
}

#[test]
fn dangerous_output_dir_settings_name_their_line() {
    let ws = Workspace::new();
    let root = ws.site().to_string_lossy().into_owned();
    let cases = [
        ("..", "it holds the site's folder"),
        (".", "it is the site's own folder"),
        ("content", "it is the site's `content/` folder"),
        ("themes/test", "it is inside the site's `themes/` folder"),
        (root.as_str(), "it is the site's own folder"),
    ];
    for (value, reason) in cases {
        ws.write(
            "site/site.yaml",
            &format!("title: Essai\ntheme: test\noutput_dir: {value}\n"),
        );
        let run = assert_refused(&ws, &[], &[], reason);
        assert!(
            run.stderr.contains(&format!(
                "refusing to build into `{value}` (`output_dir` in site.yaml)"
            )),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("--> site.yaml:3:13"), "{}", run.stderr);
        assert!(
            run.stderr.contains("output_dir: public"),
            "the help says what to write: {}",
            run.stderr
        );
    }
}

#[test]
fn the_home_folder_and_what_holds_it_are_refused() {
    let ws = Workspace::new();
    let home = ws.path().join("home/ana");
    std::fs::create_dir_all(home.join(".ssh")).unwrap();
    std::fs::write(home.join(".ssh/id_ed25519"), "secret").unwrap();
    let env = [("HOME", home.to_str().unwrap())];
    assert_refused(
        &ws,
        &["--output", home.to_str().unwrap()],
        &env,
        "it is your home folder",
    );
    let parent = ws.path().join("home");
    assert_refused(
        &ws,
        &["--output", parent.to_str().unwrap()],
        &env,
        "it holds your home folder",
    );
    assert_eq!(
        std::fs::read_to_string(home.join(".ssh/id_ed25519")).unwrap(),
        "secret"
    );
}

/// `/` itself: the library is asked first, and the binary runs only once the library has
/// refused the path without touching anything, so a regression fails here and can never
/// reach the real root.
#[cfg(unix)]
#[test]
fn the_root_of_the_file_system_is_refused() {
    let ws = Workspace::new();
    let ups = "../".repeat(ws.site().components().count() + 2);
    for flag in ["/", "/.", "//", ups.as_str()] {
        let request = atelier::output::Request {
            root: &ws.site(),
            path: Path::new(flag),
            origin: atelier::output::Origin::Flag,
            force: true,
            cwd: &ws.site(),
            home: None,
        };
        let refused = atelier::output::Target::resolve(&request)
            .expect_err("the library must refuse `/` before the binary is run with it");
        assert!(
            refused.message.contains("root of the file system"),
            "{}",
            refused.message
        );
        for force in [false, true] {
            let mut args = vec!["--output", flag];
            if force {
                args.push("--force");
            }
            assert_refused(&ws, &args, &[], "it is the root of the file system");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_as_output_is_refused_with_or_without_a_trailing_slash() {
    let ws = Workspace::new();
    ws.write("elsewhere/keep.txt", "mine\n");
    std::os::unix::fs::symlink(ws.path().join("elsewhere"), ws.public()).unwrap();
    assert_refused(&ws, &[], &[], "it is a symbolic link");
    assert_refused(&ws, &["--output", "public/"], &[], "it is a symbolic link");
    assert_refused(&ws, &["--output", "public/."], &[], "it is a symbolic link");
    assert!(std::fs::symlink_metadata(ws.public()).unwrap().is_symlink());
    // A link among the parents is followed: the output is the real folder behind it.
    std::os::unix::fs::symlink(ws.path().join("elsewhere"), ws.site().join("link")).unwrap();
    ws.build(&["--output", "link/public"]);
    assert!(ws.path().join("elsewhere/public/index.html").is_file());
    assert_eq!(
        std::fs::read_to_string(ws.path().join("elsewhere/keep.txt")).unwrap(),
        "mine\n"
    );
}

#[test]
fn files_put_in_the_output_by_hand_are_kept() {
    let ws = Workspace::new();
    ws.build(&[]);
    let public = ws.public();
    let hand = [
        ("CNAME", "atelier.culture.gouv.fr\n"),
        (".nojekyll", ""),
        (".well-known/security.txt", "Contact: mailto:x@culture.gouv.fr\n"),
        (
            "google1234abcd.html",
            "google-site-verification: google1234abcd.html",
        ),
        (".git/HEAD", "ref: refs/heads/gh-pages\n"),
        ("projets/carto/notes.txt", "hand notes\n"),
    ];
    for (f, text) in hand {
        ws.write(&format!("site/public/{f}"), text);
    }
    ws.write(
        "site/content/projets/carto.md",
        "---\ntitle: Carto\n---\nUne carte, revue.\n",
    );
    let run = ws.build(&[]);
    let left: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("Left alone"))
        .collect();
    assert_eq!(left.len(), 1, "one line:\n{}", run.stdout);
    assert!(
        left[0].contains("6 entries") && left[0].contains("`CNAME`") && left[0].contains("`.git/`"),
        "{}",
        left[0]
    );
    for (f, text) in hand {
        assert_eq!(std::fs::read_to_string(public.join(f)).unwrap(), text, "{f}");
    }
    assert!(
        std::fs::read_to_string(public.join("projets/carto/index.html"))
            .unwrap()
            .contains("revue")
    );
    // Said once: the next build is quiet about them, and still keeps them.
    std::fs::remove_file(ws.site().join("content/projets/carto.md")).unwrap();
    let run = ws.build(&[]);
    assert!(!run.stdout.contains("Left alone"), "{}", run.stdout);
    assert!(
        !public.join("projets/carto/index.html").exists(),
        "a deleted page goes"
    );
    for (f, text) in hand {
        assert_eq!(std::fs::read_to_string(public.join(f)).unwrap(), text, "{f}");
    }
    let manifest = std::fs::read_to_string(public.join(".atelier-manifest")).unwrap();
    assert!(
        manifest.contains("k CNAME\n") && manifest.contains("k .git/\n"),
        "{manifest}"
    );
}

/// Changes `rel` under `dir` by hand the way that hides best: same size, and its
/// modification time put back.
fn edit_keeping_size_and_time(dir: &Path, rel: &str) {
    let path = dir.join(rel);
    let time = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.iter().position(|b| b.is_ascii_lowercase()).unwrap();
    bytes[at] = bytes[at].to_ascii_uppercase();
    std::fs::write(&path, bytes).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(time).unwrap();
}

/// A rebuild reads no page it left unchanged (`.public.atelier-stamps` describes each one), yet a page
/// changed by hand in the output since, with its size and time kept, is still seen and
/// written again: in the served folder, in the staging folder beside it, and in an output
/// published in place.
#[test]
fn a_page_changed_by_hand_in_the_output_is_written_again() {
    let ws = Workspace::new();
    let page = "projets/carto/index.html";
    let built_later = || {
        // A tick of the file system's clock apart, so that stamps are trusted.
        std::thread::sleep(Duration::from_millis(25));
        ws.build(&[]);
    };
    for _ in 0..4 {
        built_later();
    }
    let public = ws.public();
    let staging = ws.site().join(".public.atelier-next");
    let want = std::fs::read(public.join(page)).unwrap();
    let site = entries(&public);
    assert_eq!(entries(&staging), site, "both folders hold the site");
    edit_keeping_size_and_time(&public, page);
    edit_keeping_size_and_time(&staging, page);
    for _ in 0..2 {
        built_later();
        assert_eq!(std::fs::read(public.join(page)).unwrap(), want);
    }
    assert_eq!(entries(&public), site);
    assert_eq!(entries(&staging), site);

    // In place, beside a file of someone else's.
    ws.write("site/public/CNAME", "atelier.culture.gouv.fr\n");
    for _ in 0..3 {
        built_later();
    }
    edit_keeping_size_and_time(&public, page);
    built_later();
    assert_eq!(std::fs::read(public.join(page)).unwrap(), want);
    assert_eq!(
        std::fs::read_to_string(public.join("CNAME")).unwrap(),
        "atelier.culture.gouv.fr\n"
    );
}

/// A rebuild does not read again the folders of the output whose listing it kept
/// (`.public.atelier-stamps`), yet a file put by hand in one of them since is seen: it stays
/// where it was put, with the site published in place beside it, and the next builds keep it.
#[test]
fn a_hand_file_put_in_a_folder_the_last_build_listed_is_seen_and_kept() {
    let ws = Workspace::new();
    let page = "projets/carto/index.html";
    let built_later = || {
        // Longer than a tick of the clock, so that the folders' listings are kept.
        std::thread::sleep(Duration::from_millis(150));
        ws.build(&[]);
    };
    for _ in 0..3 {
        built_later();
    }
    let stamps = std::fs::read_to_string(ws.site().join(".public.atelier-stamps")).unwrap();
    let listed = stamps
        .lines()
        .filter(|l| l.starts_with("d ") && l.ends_with(" projets/carto"));
    assert_eq!(listed.count(), 2, "both folders' listings kept:\n{stamps}");

    let public = ws.public();
    let want = std::fs::read(public.join(page)).unwrap();
    ws.write("site/public/projets/carto/notes.txt", "mes notes\n");
    for round in 0..2 {
        std::thread::sleep(Duration::from_millis(150));
        let run = ws.build(&[]);
        let left = run.stdout.lines().filter(|l| l.starts_with("Left alone")).count();
        // Said once, by the build that finds it.
        assert_eq!(left, usize::from(round == 0), "{}", run.stdout);
        if round == 0 {
            assert!(run.stdout.contains("`projets/carto/notes.txt`"), "{}", run.stdout);
        }
        assert_eq!(
            std::fs::read_to_string(public.join("projets/carto/notes.txt")).unwrap(),
            "mes notes\n"
        );
        assert_eq!(std::fs::read(public.join(page)).unwrap(), want);
    }
    let manifest = std::fs::read_to_string(public.join(".atelier-manifest")).unwrap();
    assert!(manifest.contains("k projets/carto/notes.txt\n"), "{manifest}");
}

#[test]
fn a_page_where_a_hand_file_stands_is_an_error() {
    let ws = Workspace::new();
    ws.build(&[]);
    ws.write("site/public/a-propos", "a file of someone else's\n");
    ws.write("site/content/a-propos.md", "---\ntitle: À propos\n---\nTexte.\n");
    let before = entries(&ws.public());
    let run = ws.run(&["build", "--date", DATE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("`a-propos`"), "{}", run.stderr);
    assert!(run.stderr.ends_with("nothing was written.\n"), "{}", run.stderr);
    assert_eq!(entries(&ws.public()), before);
}

#[test]
fn a_first_build_into_a_folder_that_is_not_empty_needs_force_and_keeps_it() {
    let ws = Workspace::new();
    ws.write("site/public/img/logo.png", "png");
    ws.write("site/public/old.html", "an old page\n");
    let run = assert_refused(&ws, &[], &[], "atelier did not write (`img/`, `old.html`)");
    assert!(
        run.stderr.contains("rm -r public") && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    let run = ws.build(&["--force"]);
    assert!(run.stdout.contains("Left alone"), "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(ws.public().join("img/logo.png")).unwrap(),
        "png"
    );
    assert_eq!(
        std::fs::read_to_string(ws.public().join("old.html")).unwrap(),
        "an old page\n"
    );
    assert!(ws.public().join("index.html").is_file());
    // From then on the manifest says what is atelier's: no --force needed.
    ws.build(&[]);
    assert!(ws.public().join("old.html").is_file());
}

#[test]
fn a_deployment_clone_needs_force_once() {
    let ws = Workspace::new();
    ws.write("site/public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    assert_refused(&ws, &[], &[], "it holds `.git`");
    ws.build(&["--force"]);
    ws.build(&[]);
    assert_eq!(
        std::fs::read_to_string(ws.public().join(".git/HEAD")).unwrap(),
        "ref: refs/heads/gh-pages\n"
    );
}

/// An output written by atelier before the manifest existed: same files, no manifest.
#[test]
fn an_output_without_manifest_from_an_earlier_atelier_is_taken_over() {
    let ws = Workspace::new();
    ws.build(&[]);
    std::fs::remove_file(ws.public().join(".atelier-manifest")).unwrap();
    ws.write(
        "site/content/projets/carto.md",
        "---\ntitle: Carto\n---\nChangé.\n",
    );
    let run = ws.build(&[]);
    assert!(
        run.stdout.contains("taken as written by an earlier atelier"),
        "{}",
        run.stdout
    );
    assert!(ws.public().join(".atelier-manifest").is_file());
    // When a page was deleted since, the folder holds a file this build does not write:
    // refused, and the message gives the one command that migrates.
    let ws = Workspace::new();
    ws.build(&[]);
    std::fs::remove_file(ws.public().join(".atelier-manifest")).unwrap();
    std::fs::remove_file(ws.site().join("content/projets/carto.md")).unwrap();
    let run = assert_refused(&ws, &[], &[], "`projets/`");
    assert!(run.stderr.contains("rm -r public"), "{}", run.stderr);
}

#[test]
fn the_previous_generation_waits_beside_the_output() {
    let ws = Workspace::new();
    ws.build(&[]);
    let staging = ws.site().join(".public.atelier-next");
    assert!(
        !staging.exists(),
        "a first build moves its staging folder into place"
    );
    let first = tree(&ws.public());
    ws.write(
        "site/content/projets/carto.md",
        "---\ntitle: Carto\n---\nChangé.\n",
    );
    ws.build(&[]);
    assert_eq!(
        tree(&staging),
        first,
        "the staging folder holds the previous site, whole"
    );
    assert_refused(&ws, &["--output", ".public.atelier-next"], &[], "staging folder");
}

/// A site whose every file changes from one generation to the next: a few pages, and
/// many static files (copied in the write stage, which they make long).
fn write_generation(ws: &Workspace, generation: usize, pages: usize, statics: usize) {
    for dir in ["site/content/pages", "site/static"] {
        let _ = std::fs::remove_dir_all(ws.path().join(dir));
    }
    ws.write(
        "site/site.yaml",
        &format!("title: Essai {generation}\ntheme: test\n"),
    );
    for i in 0..pages {
        ws.write(
            &format!("site/content/pages/p{i}.md"),
            &format!("---\ntitle: Page {i}\n---\nGénération {generation}.\n"),
        );
    }
    let block = format!("{generation}").repeat(3000);
    for i in 0..statics {
        ws.write(
            &format!("site/static/s/{}/f{i}.txt", i % 50),
            &format!("{i} {block}"),
        );
    }
}

/// The sources of several generations, written once and moved into the site in turn.
struct Generations<'a> {
    ws: &'a Workspace,
    current: usize,
}

impl<'a> Generations<'a> {
    const MOVED: [&'static str; 3] = ["site.yaml", "content/pages", "static"];

    fn new(ws: &'a Workspace, count: usize, pages: usize, statics: usize) -> Generations<'a> {
        for g in (0..count).rev() {
            write_generation(ws, g, pages, statics);
            if g > 0 {
                for m in Self::MOVED {
                    let to = ws.path().join(format!("gen{g}/{m}"));
                    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                    std::fs::rename(ws.site().join(m), to).unwrap();
                }
            }
        }
        Generations { ws, current: 0 }
    }

    fn switch_to(&mut self, g: usize) {
        if g == self.current {
            return;
        }
        let (site, ws) = (self.ws.site(), self.ws.path());
        for m in Self::MOVED {
            let away = ws.join(format!("gen{}/{m}", self.current));
            std::fs::create_dir_all(away.parent().unwrap()).unwrap();
            std::fs::rename(site.join(m), away).unwrap();
            std::fs::rename(ws.join(format!("gen{g}/{m}")), site.join(m)).unwrap();
        }
        self.current = g;
    }
}

/// Sizes and modification times of the files under `dir`: enough to see whether a killed
/// build wrote there, without reading it all.
fn fingerprint(dir: &Path) -> BTreeMap<String, (u64, std::time::SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, (m.len(), m.modified().unwrap()))
        })
        .collect()
}

/// A small deterministic generator, seeded from the clock and printed, so that a failing
/// run can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn seed() -> u64 {
    std::env::var("ATELIER_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        })
}

/// Builds, returning how long the build took and how long its write stage took.
fn timed_build(ws: &Workspace) -> (Duration, Duration) {
    let start = Instant::now();
    let run = ws.build(&["--no-minify", "--timings"]);
    let took = start.elapsed();
    let write = run
        .stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("write"))
        .and_then(|ms| ms.trim().trim_end_matches("ms").trim().parse::<f64>().ok())
        .expect("--timings prints the write stage");
    (took, Duration::from_secs_f64(write / 1000.0))
}

/// Where kills are aimed: at first over the write stage measured by `--timings` (the last
/// `write` of `took`), then narrowed to the moments between the latest kill that came too
/// early (nothing written yet) and the earliest that came too late (the build had
/// switched), so that on a fast or a loaded machine alike most kills land while files
/// are written.
struct Aim {
    lo: Duration,
    hi: Duration,
}

impl Aim {
    fn new(took: Duration, write: Duration) -> Aim {
        let write = write.max(Duration::from_millis(20));
        Aim {
            lo: took.saturating_sub(write.mul_f64(1.3)),
            hi: took + write.mul_f64(0.1),
        }
    }

    fn next(&self, rng: &mut Lcg) -> Duration {
        self.lo + (self.hi - self.lo).mul_f64(rng.next())
    }

    /// After a kill at `delay` that came too early (`Some(true)`), too late (`Some(false)`)
    /// or in time (`None`).
    fn learn(&mut self, delay: Duration, early: Option<bool>) {
        match early {
            Some(true) => self.lo = self.lo.max(delay),
            Some(false) => self.hi = self.hi.min(delay),
            None => {}
        }
        let margin = Duration::from_millis(5);
        if self.hi < self.lo + margin * 2 {
            // Timing drifts: open the window again around where it closed.
            self.lo = self.lo.saturating_sub(margin * 4);
            self.hi += margin * 4;
        }
    }
}

/// Starts a build and kills it with SIGKILL after `delay`. Returns whether it finished first.
fn build_killed_after(ws: &Workspace, delay: Duration) -> bool {
    let mut child = atelier(
        &ws.site(),
        &["build", "--quiet", "--no-minify", "--date", DATE],
        &[],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    std::thread::sleep(delay);
    let finished = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    child.wait().unwrap();
    finished
}

/// kill -9 at random moments of rebuilds where every file changes: after each kill, the
/// output is exactly the old site or exactly the new one, file for file and byte for byte.
/// Three generations take turns, so that the staging folder (the generation before last)
/// always has every file to write.
#[test]
fn a_kill_at_any_moment_leaves_one_whole_site() {
    let ws = Workspace::in_memory();
    let mut generations = Generations::new(&ws, 3, 40, 1500);
    let mut sites = Vec::new();
    let (mut took, mut write) = (Duration::ZERO, Duration::ZERO);
    for generation in 0..3 {
        generations.switch_to(generation);
        (took, write) = timed_build(&ws);
        sites.push(tree(&ws.public()));
    }
    let staging = ws.site().join(".public.atelier-next");
    let seed = seed();
    let mut rng = Lcg(seed);
    let mut aim = Aim::new(took, write);
    let mut now = 2;
    let mut outcomes: Vec<&str> = Vec::new();
    // 20 kills, and more (up to 60) until one has landed while the staging folder was
    // written: on a loaded machine, or beside the other tests of this binary, a build's
    // timing drifts more than the window of the write stage.
    let staged = |outcomes: &[&str]| outcomes.iter().any(|o| o.contains("while staging"));
    for kill in 0..60 {
        if kill >= 20 && staged(&outcomes) {
            break;
        }
        let next = (now + 1) % 3;
        generations.switch_to(next);
        let staged_before = fingerprint(&staging);
        let delay = aim.next(&mut rng);
        let finished = build_killed_after(&ws, delay);
        let public = tree(&ws.public());
        let outcome = if public == sites[now] {
            if fingerprint(&staging) == staged_before {
                "old site, staging untouched (killed before anything was written)"
            } else {
                "old site, staging partly written (killed while staging)"
            }
        } else if public == sites[next] {
            now = next;
            if finished {
                "new site (the build had finished)"
            } else {
                "new site (killed after the switch)"
            }
        } else {
            let differs: Vec<&String> = public
                .keys()
                .chain(sites[now].keys())
                .filter(|k| public.get(*k) != sites[now].get(*k) && public.get(*k) != sites[next].get(*k))
                .take(5)
                .collect();
            panic!("kill {kill} (seed {seed}, after {delay:?}) left a mixed output: {differs:?}");
        };
        eprintln!("kill {kill:2} after {:>4} ms: {outcome}", delay.as_millis());
        aim.learn(
            delay,
            if outcome.contains("untouched") {
                Some(true)
            } else if outcome.starts_with("new") {
                Some(false)
            } else {
                None
            },
        );
        outcomes.push(outcome);
    }
    eprintln!(
        "seed {seed}; a full rebuild took {} ms, its write stage {} ms",
        took.as_millis(),
        write.as_millis()
    );
    assert!(
        staged(&outcomes),
        "no kill landed while the staging folder was written (seed {seed}): {outcomes:?}"
    );
}

/// The same with a file atelier did not write in the output, which publishes in place:
/// every file is its old bytes or its new bytes, never a part, the hand file stays, and
/// the next build leaves no temporary file behind.
#[test]
fn a_kill_in_place_leaves_every_file_whole() {
    let ws = Workspace::in_memory();
    let mut generations = Generations::new(&ws, 2, 20, 800);
    let mut sites = Vec::new();
    let (mut took, mut write) = (Duration::ZERO, Duration::ZERO);
    for generation in 0..2 {
        generations.switch_to(generation);
        (took, write) = timed_build(&ws);
        let mut site = tree(&ws.public());
        site.remove(".atelier-manifest");
        sites.push(site);
    }
    ws.write("site/public/CNAME", "atelier.culture.gouv.fr\n");
    let seed = seed();
    let mut rng = Lcg(seed);
    let mut aim = Aim::new(took, write);
    let mut mixed = 0;
    for kill in 0..10 {
        let generation = kill % 2;
        generations.switch_to(generation);
        let delay = aim.next(&mut rng);
        build_killed_after(&ws, delay);
        let public = tree(&ws.public());
        let manifest = String::from_utf8(public[".atelier-manifest"].clone()).unwrap();
        let (mut old, mut new) = (0, 0);
        for (path, bytes) in &public {
            // The manifest, and the new one a kill can leave half-written beside it (the
            // next build ignores it and replaces it: checked at the end).
            if path == ".atelier-manifest" || path == ".atelier-manifest.tmp" || path == "CNAME" {
                continue;
            }
            if path.contains(".atelier-tmp.") {
                assert!(manifest.contains(&format!("w {path}\n")), "{path} is recorded");
                continue;
            }
            let (Some(a), Some(b)) = (sites[0].get(path), sites[1].get(path)) else {
                panic!("kill {kill} (seed {seed}) left {path}, a file of neither site");
            };
            assert!(
                bytes == a || bytes == b,
                "kill {kill} (seed {seed}): {path} is neither old nor new"
            );
            if a != b {
                if bytes == &sites[generation][path] {
                    new += 1
                } else {
                    old += 1
                }
            }
        }
        let missing: Vec<_> = sites[0].keys().filter(|k| !public.contains_key(*k)).collect();
        assert!(
            missing.is_empty(),
            "kill {kill} (seed {seed}) removed {missing:?}"
        );
        assert_eq!(public["CNAME"], b"atelier.culture.gouv.fr\n");
        if old > 0 && new > 0 {
            mixed += 1;
        }
        aim.learn(
            delay,
            match (old, new) {
                (_, 0) => Some(true),
                (0, _) => Some(false),
                _ => None,
            },
        );
        eprintln!("in place, kill {kill}: of the files that change, {new} new, {old} old");
    }
    eprintln!("in place: {mixed} of 10 kills landed while files were renamed in (seed {seed})");
    ws.build(&["--no-minify"]);
    let public = tree(&ws.public());
    assert!(
        public
            .keys()
            .all(|k| !k.contains(".atelier-tmp.") && k != ".atelier-manifest.tmp"),
        "temporary files are cleaned up"
    );
}

/// Mounts a tmpfs of `size` at `dir` (root only); unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A rebuild that needs more room than the disk has: the build fails, says the output is
/// as it was, and it is, file for file; once there is room, the build goes through.
#[test]
#[ignore = "needs root to mount a small tmpfs; .ci/run runs it with -- --ignored (src/output/tests.rs covers a full disk with a failing writer everywhere)"]
fn a_full_disk_leaves_the_old_site() {
    let ws = Workspace::new();
    let disk = ws.path().join("disk");
    let _mounted = Tmpfs::mount(&disk, "1200k").expect("cannot mount a tmpfs here: run as root");
    let out = disk.join("public");
    let out_arg = out.to_str().unwrap();
    for hand_file in [false, true] {
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_dir_all(disk.join(".public.atelier-next"));
        write_generation(&ws, 0, 10, 30);
        ws.build(&["--output", out_arg]);
        if hand_file {
            std::fs::write(out.join("CNAME"), "atelier.culture.gouv.fr\n").unwrap();
        }
        let before = tree(&out);
        write_generation(&ws, 1, 10, 400);
        let run = ws.run(&["build", "--date", DATE, "--output", out_arg]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("No space left on device"), "{}", run.stderr);
        assert!(
            run.stderr.ends_with(&format!("`{out_arg}` is as it was.\n")),
            "{}",
            run.stderr
        );
        assert_eq!(tree(&out), before, "hand file: {hand_file}");
        let _ = std::fs::remove_dir_all(disk.join(".public.atelier-next"));
        write_generation(&ws, 1, 10, 60);
        ws.build(&["--output", out_arg]);
        assert!(
            std::fs::read_to_string(out.join("index.html"))
                .unwrap()
                .contains("Essai 1"),
            "with room again, the new site is published"
        );
    }
}

/// An output folder that is a mount point cannot be swapped with a folder beside it (on
/// another file system): the site is published in place, and the build says why.
#[test]
#[ignore = "needs root to mount a tmpfs; .ci/run runs it with -- --ignored"]
fn a_mount_point_is_published_in_place() {
    let ws = Workspace::new();
    let mnt = ws.path().join("mnt");
    let _mounted = Tmpfs::mount(&mnt, "4m").expect("cannot mount a tmpfs here: run as root");
    let out = mnt.to_str().unwrap();
    for change in ["Une carte.", "Une carte, revue."] {
        ws.write(
            "site/content/projets/carto.md",
            &format!("---\ntitle: Carto\n---\n{change}\n"),
        );
        let run = ws.build(&["--output", out]);
        assert!(
            run.stdout
                .contains("file by file rather than switched whole: it is a mount point"),
            "{}",
            run.stdout
        );
        assert!(
            std::fs::read_to_string(mnt.join("projets/carto/index.html"))
                .unwrap()
                .contains(change)
        );
    }
    assert!(
        !ws.path().join(".mnt.atelier-next").exists(),
        "no staging folder on the other file system"
    );
}

/// Marks `path` immutable (root) or read-only (anyone else); `false` when neither holds.
#[cfg(unix)]
fn lock_down(path: &Path, on: bool) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if root {
        Command::new("chattr")
            .arg(if on { "+i" } else { "-i" })
            .arg(path)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    } else {
        let mode = if on { 0o555 } else { 0o755 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).is_ok()
    }
}

/// Something that cannot be written: a file of the staging folder (the site switches
/// whole) or a folder of the output (published in place, beside a hand file): the build
/// fails and the output stays the last whole site. An immutable file in an output
/// published in place stops the renames part way: the message says so, and every file is
/// whole.
#[cfg(unix)]
#[test]
fn something_unwritable_leaves_the_old_site() {
    for case in ["staging file", "output folder", "output file"] {
        let ws = Workspace::new();
        write_generation(&ws, 0, 5, 20);
        ws.build(&[]);
        let in_place = case.starts_with("output");
        if in_place {
            ws.write("site/public/CNAME", "atelier.culture.gouv.fr\n");
        }
        write_generation(&ws, 1, 5, 20);
        ws.build(&[]);
        let blocked = match case {
            "staging file" => ws.site().join(".public.atelier-next/s/3/f3.txt"),
            "output folder" => ws.public().join("s/3"),
            _ => ws.public().join("s/3/f3.txt"),
        };
        assert!(
            lock_down(&blocked, true),
            "cannot make {} unwritable here (chattr +i as root, chmod otherwise)",
            blocked.display()
        );
        let before = tree(&ws.public());
        write_generation(&ws, 2, 5, 20);
        let run = ws.run(&["build", "--date", DATE]);
        lock_down(&blocked, false);
        assert_eq!(run.code, 1, "{case}: {}", run.stderr);
        let after = tree(&ws.public());
        if case != "output file" {
            assert!(
                run.stderr.ends_with("`public` is as it was.\n"),
                "{case}: {}",
                run.stderr
            );
            assert_eq!(after, before, "{case}");
        }
        ws.build(&[]);
        assert!(
            std::fs::read_to_string(ws.public().join("index.html"))
                .unwrap()
                .contains("Essai 2")
        );
        if case == "output file" {
            assert!(
                run.stderr.contains("`public` was partly updated ("),
                "{}",
                run.stderr
            );
            let new = tree(&ws.public());
            for (path, bytes) in &after {
                if path != ".atelier-manifest" {
                    assert!(
                        before.get(path) == Some(bytes) || new.get(path) == Some(bytes),
                        "{path} is not whole"
                    );
                }
            }
            assert_eq!(
                after.len(),
                before.len(),
                "nothing removed, no temporary file left"
            );
        }
    }
}
