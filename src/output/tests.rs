//! The publish stage on real folders, with a disk that fails on demand.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use super::publish::publish_with;
use super::sync::{Disk, RealDisk};
use super::*;
use crate::pipeline::{CopiedFile, Output};

fn out(path: &str, text: &str) -> Output {
    Output {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn target(dir: &Path) -> Target {
    Target {
        dir: dir.to_path_buf(),
        shown: PathBuf::from("public"),
        origin: Origin::Flag,
        force: false,
    }
}

fn publish_to(dir: &Path, outputs: &[Output]) -> Result<Published, Failure> {
    publish(&target(dir), outputs, &[])
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Every file and folder under `dir`, relative, sorted; folders end with `/`.
fn tree(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            if e.file_type().is_dir() {
                format!("{rel}/")
            } else {
                rel
            }
        })
        .collect();
    files.sort();
    files
}

/// Every file under `dir` with its text, sorted.
fn contents(dir: &Path) -> Vec<(String, String)> {
    tree(dir)
        .into_iter()
        .filter(|f| !f.ends_with('/'))
        .map(|f| {
            let text = read(&dir.join(&f));
            (f, text)
        })
        .collect()
}

fn age(path: &Path) {
    let old = SystemTime::now() - Duration::from_secs(3600 * 24);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// A disk whose writes fail (as on a full disk) after `ok` of them, or whose renames fail
/// after `ok_renames`, or that cannot exchange folders.
#[derive(Default)]
struct Faulty {
    ok: Option<usize>,
    ok_renames: Option<usize>,
    no_exchange: bool,
    writes: AtomicUsize,
    renames: AtomicUsize,
}

impl Faulty {
    fn full_after(ok: usize) -> Faulty {
        Faulty {
            ok: Some(ok),
            ..Faulty::default()
        }
    }
    fn tick(&self) -> io::Result<()> {
        let n = self.writes.fetch_add(1, Ordering::SeqCst);
        match self.ok {
            Some(ok) if n >= ok => Err(io::Error::from_raw_os_error(28)),
            _ => Ok(()),
        }
    }
}

impl Disk for Faulty {
    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.tick()?;
        RealDisk.write(path, bytes)
    }
    fn copy(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.tick()?;
        RealDisk.copy(from, to)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        let n = self.renames.fetch_add(1, Ordering::SeqCst);
        match self.ok_renames {
            Some(ok) if n >= ok => Err(io::Error::from_raw_os_error(1)),
            _ => RealDisk.rename(from, to),
        }
    }
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        if self.no_exchange {
            return Err(io::Error::from_raw_os_error(22));
        }
        RealDisk.exchange(a, b)
    }
}

fn pages(n: usize, version: &str) -> Vec<Output> {
    (0..n)
        .map(|i| out(&format!("p{i}/index.html"), &format!("page {i} {version}")))
        .chain([out("index.html", &format!("home {version}"))])
        .collect()
}

#[test]
fn the_folder_ends_up_holding_exactly_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    let staging = staging_dir(&public).unwrap();
    let first = [
        out("a/index.html", "A"),
        out("b/c/index.html", "C"),
        out("404.html", "N"),
    ];
    let p = publish_to(&public, &first).unwrap();
    assert!(p.whole && p.notes.is_empty());
    assert!(
        !staging.exists(),
        "a first build moves the staging folder into place"
    );
    publish_to(&public, &[out("a/index.html", "A2"), out("404.html", "N")]).unwrap();
    assert_eq!(read(&public.join("a/index.html")), "A2");
    assert_eq!(
        tree(&public),
        [".atelier-manifest", "404.html", "a/", "a/index.html"],
        "stale pages and folders are removed"
    );
    assert_eq!(
        read(&staging.join("b/c/index.html")),
        "C",
        "the staging folder keeps the previous generation"
    );
    let mut beside: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [".public.atelier-next", ".public.atelier-stamps", "public"],
        "only the staging folder and the stamps are left beside the output"
    );
    // The third build syncs the first generation: one page changed, one unchanged, one gone.
    let p = publish_to(&public, &[out("a/index.html", "A3"), out("404.html", "N")]).unwrap();
    assert_eq!(
        (p.synced.written, p.synced.unchanged, p.synced.removed),
        (1, 1, 1)
    );
    assert_eq!(
        tree(&public),
        [".atelier-manifest", "404.html", "a/", "a/index.html"]
    );
    assert_eq!(read(&public.join("a/index.html")), "A3");
    assert_eq!(
        read(&public.join(MANIFEST))
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>(),
        ["w 404.html", "w a/index.html"],
        "the manifest is the same for the same site: no stamp in it"
    );
}

/// Publishes a tick of the file system's clock after the last build: a file changed in
/// the same tick as its manifest was written has no stamp trusted (see `Manifest::read`),
/// and a build that follows at once would read it again.
fn publish_later(dir: &Path, outputs: &[Output]) -> Published {
    std::thread::sleep(Duration::from_millis(25));
    publish_to(dir, outputs).unwrap()
}

/// Once both folders hold a generation, a rebuild reads no file it left unchanged: the
/// manifest's stamps tell them. A file changed by hand since (same size, its modification
/// time put back) is read, found changed, and written again.
#[test]
fn unchanged_files_are_told_by_their_stamps_and_hand_edits_still_seen() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    let staging = staging_dir(&public).unwrap();
    let site = pages(20, "v1");
    publish_later(&public, &site);
    assert_eq!(
        publish_later(&public, &site).synced.written,
        21,
        "the staging folder was empty"
    );
    // Each folder is synced once more: files of the last tick are read and stamped again.
    publish_later(&public, &site);
    publish_later(&public, &site);
    let mut next = site.clone();
    next[3] = out("p3/index.html", "page 3 v2");
    for round in 0..2 {
        let p = publish_later(&public, &next);
        assert_eq!(
            (p.synced.written, p.synced.unchanged),
            (1, 20),
            "one file written"
        );
        // The first round reads no file; the second may read the page the first wrote, in
        // the same tick as its manifest, to take its time.
        assert!(p.synced.compared <= round, "{} read", p.synced.compared);
        assert_eq!(read(&public.join("p3/index.html")), "page 3 v2");
    }

    // By hand, in the served folder, then in the staging folder: same size, same time.
    for dir in [&public, &staging] {
        let hand = dir.join("p5/index.html");
        let time = modified(&hand);
        std::fs::write(&hand, "PAGE 5 v1").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&hand)
            .unwrap()
            .set_modified(time)
            .unwrap();
    }
    for _ in 0..2 {
        let p = publish_later(&public, &next);
        assert_eq!(p.synced.written, 1, "the hand edit is undone");
        assert!(p.synced.compared >= 1);
        assert_eq!(read(&public.join("p5/index.html")), "page 5 v1");
    }
    for _ in 0..2 {
        assert_eq!(publish_later(&public, &next).synced.written, 0);
    }
    assert_eq!(contents(&public), contents(&staging));
}

/// Without the stamps file beside the output (deleted, or never written), every file is
/// read and compared, then stamped for the next build.
#[test]
fn without_stamps_files_are_read_and_stamped_again() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    let site = pages(5, "v1");
    publish_later(&public, &site);
    publish_later(&public, &site);
    let kept = tmp.path().join(".public.atelier-stamps");
    assert!(read(&kept).contains("\ns "));
    std::fs::remove_file(&kept).unwrap();
    let p = publish_later(&public, &site);
    assert_eq!((p.synced.written, p.synced.compared), (0, 6));
    publish_later(&public, &site);
    let p = publish_later(&public, &site);
    assert_eq!((p.synced.written, p.synced.compared), (0, 0));
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    let style = tmp.path().join("style.css");
    std::fs::write(&style, "body{}").unwrap();
    let copies = [CopiedFile {
        src: style.clone(),
        dest: "style.css".into(),
    }];
    let site = |b: &str| vec![out("a/index.html", "A"), out("b/index.html", b)];
    let t = target(&public);
    publish(&t, &site("B"), &copies).unwrap();
    // A file of someone else's keeps the site in place, where modification times show.
    std::fs::write(public.join("CNAME"), "example.org").unwrap();
    for f in ["a/index.html", "b/index.html", "style.css"] {
        age(&public.join(f));
    }
    let when = |f: &str| modified(&public.join(f));
    let (before, b_before, css_before) = (when("a/index.html"), when("b/index.html"), when("style.css"));
    let p = publish(&t, &site("B!"), &copies).unwrap();
    assert!(!p.whole);
    assert_eq!(when("a/index.html"), before, "same bytes: not touched");
    assert_eq!(when("style.css"), css_before, "same copy: not touched");
    assert_ne!(when("b/index.html"), b_before);
    assert_eq!(read(&public.join("b/index.html")), "B!");
    assert_eq!((p.synced.written, p.synced.unchanged), (1, 2));
    std::fs::write(&style, "body{color:red}").unwrap();
    publish(&t, &site("B!"), &copies).unwrap();
    assert_eq!(
        read(&public.join("style.css")),
        "body{color:red}",
        "a changed copy is copied"
    );
    assert_eq!(read(&public.join("CNAME")), "example.org");
}

#[test]
fn a_failed_write_keeps_the_previous_output() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    publish_to(&public, &[out("index.html", "old"), out("x/index.html", "x")]).unwrap();
    let missing = CopiedFile {
        src: tmp.path().join("nope.css"),
        dest: "x.css".into(),
    };
    let err = publish(&target(&public), &[out("index.html", "new")], &[missing]).unwrap_err();
    assert!(
        err.diagnostic.message.contains("nope.css"),
        "{}",
        err.diagnostic.message
    );
    assert_eq!(err.written, Written::Nothing);
    assert_eq!(read(&public.join("index.html")), "old");
    assert_eq!(
        tree(&public),
        [".atelier-manifest", "index.html", "x/", "x/index.html"]
    );
}

#[test]
fn refuses_paths_leaving_the_folder_before_touching_it() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("p");
    publish_to(&public, &[out("index.html", "old")]).unwrap();
    let err = publish_to(&public, &[out("index.html", "new"), out("../evil.html", "x")]).unwrap_err();
    assert!(err.diagnostic.message.contains("outside"));
    assert!(!tmp.path().join("evil.html").exists());
    assert_eq!(read(&public.join("index.html")), "old");
}

#[test]
fn files_and_folders_swap_places() {
    for foreign in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        publish_to(&public, &[out("a", "file"), out("b/index.html", "B")]).unwrap();
        if foreign {
            std::fs::write(public.join("CNAME"), "x").unwrap();
        }
        let p = publish_to(&public, &[out("a/index.html", "A"), out("b", "file")]).unwrap();
        assert_eq!(p.whole, !foreign);
        let mut want = vec![".atelier-manifest", "a/", "a/index.html", "b"];
        if foreign {
            want.insert(1, "CNAME");
        }
        assert_eq!(tree(&public), want);
        assert_eq!(read(&public.join("b")), "file");
    }
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_symbolic_link() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    let outside = tmp.path().join("outside.html");
    std::fs::write(&outside, "mine").unwrap();
    publish_to(&public, &[out("index.html", "page")]).unwrap();
    std::fs::remove_file(public.join("index.html")).unwrap();
    std::os::unix::fs::symlink(&outside, public.join("index.html")).unwrap();
    let err = publish_to(&public, &[out("index.html", "new page")]).unwrap_err();
    assert!(
        err.diagnostic.message.contains("`index.html`"),
        "{}",
        err.diagnostic.message
    );
    assert_eq!(err.written, Written::Nothing);
    assert_eq!(read(&outside), "mine");
    assert!(
        std::fs::symlink_metadata(public.join("index.html"))
            .unwrap()
            .is_symlink()
    );
}

#[test]
fn files_atelier_did_not_write_stay_and_are_mentioned_once() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    publish_to(&public, &[out("index.html", "1"), out("old/index.html", "o")]).unwrap();
    for (f, text) in [
        ("CNAME", "example.org"),
        (".well-known/security.txt", "s"),
        ("old/notes.txt", "n"),
    ] {
        std::fs::create_dir_all(public.join(f).parent().unwrap()).unwrap();
        std::fs::write(public.join(f), text).unwrap();
    }
    let p = publish_to(&public, &[out("index.html", "2")]).unwrap();
    assert!(!p.whole);
    assert_eq!(p.notes.len(), 1, "{:?}", p.notes);
    assert!(
        p.notes[0].contains("3 entries")
            && p.notes[0].contains("`CNAME`")
            && p.notes[0].contains("`.well-known/`"),
        "{}",
        p.notes[0]
    );
    assert_eq!(
        tree(&public),
        [
            ".atelier-manifest",
            ".well-known/",
            ".well-known/security.txt",
            "CNAME",
            "index.html",
            "old/",
            "old/notes.txt"
        ],
        "the stale page went, its folder stays for the file atelier did not write"
    );
    let p = publish_to(&public, &[out("index.html", "3")]).unwrap();
    assert!(p.notes.is_empty(), "said once: {:?}", p.notes);
    assert_eq!(read(&public.join("index.html")), "3");
}

#[test]
fn a_file_of_someone_else_where_a_page_goes_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    publish_to(&public, &[out("index.html", "1")]).unwrap();
    std::fs::write(public.join("contact"), "mine").unwrap();
    let before = contents(&public);
    let err = publish_to(&public, &[out("index.html", "2"), out("contact/index.html", "c")]).unwrap_err();
    assert!(
        err.diagnostic.message.contains("`contact`"),
        "{}",
        err.diagnostic.message
    );
    assert!(!err.refused);
    assert_eq!(err.written, Written::Nothing);
    assert_eq!(contents(&public), before);
}

#[test]
fn a_folder_without_manifest_is_refused_unless_forced_and_keeps_its_files() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    std::fs::create_dir_all(public.join("img")).unwrap();
    std::fs::write(public.join("img/logo.png"), "png").unwrap();
    std::fs::write(public.join("index.html"), "home").unwrap();
    let site = [out("index.html", "home"), out("a/index.html", "A")];
    let err = publish_to(&public, &site).unwrap_err();
    assert!(err.refused);
    assert!(
        err.diagnostic
            .message
            .contains("1 entry atelier did not write (`img/`)"),
        "{}",
        err.diagnostic.message
    );
    assert!(err.diagnostic.help.as_ref().unwrap().contains("rm -r public"));
    assert_eq!(tree(&public), ["img/", "img/logo.png", "index.html"]);
    let forced = Target {
        force: true,
        ..target(&public)
    };
    publish(&forced, &site, &[]).unwrap();
    assert_eq!(read(&public.join("img/logo.png")), "png");
    assert_eq!(read(&public.join("a/index.html")), "A");
    let m = read(&public.join(MANIFEST));
    assert!(m.contains("w index.html"), "same bytes: taken as atelier's\n{m}");
    assert!(m.contains("k img/"), "{m}");
    // A different file where a page goes stays an error, even with --force.
    std::fs::write(public.join("b.html"), "mine").unwrap();
    let err = publish(&forced, &[out("index.html", "home"), out("b.html", "page")], &[]).unwrap_err();
    assert!(
        err.diagnostic.message.contains("`b.html`"),
        "{}",
        err.diagnostic.message
    );
    assert_eq!(read(&public.join("b.html")), "mine");
}

#[test]
fn an_output_of_atelier_before_the_manifest_is_taken_over() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    std::fs::create_dir_all(public.join("a")).unwrap();
    std::fs::write(public.join("index.html"), "old home").unwrap();
    std::fs::write(public.join("a/index.html"), "A").unwrap();
    let p = publish_to(&public, &[out("index.html", "home"), out("a/index.html", "A")]).unwrap();
    assert!(
        p.notes[0].contains("taken as written by an earlier atelier"),
        "{:?}",
        p.notes
    );
    assert_eq!(read(&public.join("index.html")), "home");
    let p = publish_to(&public, &[out("index.html", "home")]).unwrap();
    assert!(p.notes.is_empty());
    assert_eq!(
        tree(&public),
        [".atelier-manifest", "index.html"],
        "its pages are atelier's now"
    );
}

#[test]
fn a_full_disk_while_staging_leaves_the_output_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    publish_to(&public, &pages(20, "v1")).unwrap();
    publish_to(&public, &pages(20, "v2")).unwrap();
    let before = contents(&public);
    let err = publish_with(&target(&public), &pages(30, "v3"), &[], &Faulty::full_after(7)).unwrap_err();
    assert_eq!(err.written, Written::Unchanged);
    assert!(
        err.diagnostic.message.contains("No space left"),
        "{}",
        err.diagnostic.message
    );
    assert_eq!(contents(&public), before);
    // Once there is room again, the build goes through.
    publish_to(&public, &pages(30, "v3")).unwrap();
    assert_eq!(read(&public.join("p29/index.html")), "page 29 v3");
}

#[test]
fn a_full_disk_in_place_leaves_every_file_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    publish_to(&public, &pages(20, "v1")).unwrap();
    std::fs::write(public.join("CNAME"), "example.org").unwrap();
    publish_to(&public, &pages(20, "v2")).unwrap();
    let before = contents(&public);
    let err = publish_with(&target(&public), &pages(30, "v3"), &[], &Faulty::full_after(7)).unwrap_err();
    assert_eq!(err.written, Written::Unchanged);
    assert_eq!(
        contents(&public),
        before,
        "no temporary file, no new folder, the old manifest"
    );
}

#[test]
fn a_failed_rename_in_place_leaves_each_file_old_or_new() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    publish_to(&public, &pages(20, "v1")).unwrap();
    std::fs::write(public.join("CNAME"), "example.org").unwrap();
    let disk = Faulty {
        ok_renames: Some(5),
        ..Faulty::default()
    };
    let err = publish_with(&target(&public), &pages(20, "v2"), &[], &disk).unwrap_err();
    assert_eq!(err.written, Written::Partly { done: 5, of: 21 });
    let files = contents(&public);
    let pages_now: Vec<_> = files.iter().filter(|(f, _)| f.ends_with("index.html")).collect();
    assert_eq!(pages_now.len(), 21, "{files:?}");
    let new = pages_now.iter().filter(|(_, t)| t.ends_with("v2")).count();
    assert_eq!(new, 5);
    assert!(
        pages_now
            .iter()
            .all(|(_, t)| t.ends_with("v1") || t.ends_with("v2"))
    );
    // The next build finishes the job and removes what the failed one left.
    publish_to(&public, &pages(20, "v2")).unwrap();
    assert!(
        tree(&public).iter().all(|f| !f.contains(".atelier-tmp")),
        "{:?}",
        tree(&public)
    );
}

#[test]
fn without_the_exchange_the_site_is_published_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    publish_to(&public, &pages(3, "v1")).unwrap();
    let disk = Faulty {
        no_exchange: true,
        ..Faulty::default()
    };
    let p = publish_with(&target(&public), &pages(3, "v2"), &[], &disk).unwrap();
    assert!(!p.whole);
    assert!(p.notes[0].contains("cannot swap two folders"), "{:?}", p.notes);
    assert_eq!(read(&public.join("p2/index.html")), "page 2 v2");
    assert_eq!(contents(&public).len(), 5);
}

#[test]
fn a_switched_site_keeps_the_times_of_unchanged_files() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    let site = |a: &str, b: &str| vec![out("a.html", a), out("b.html", b), out("c.html", "C")];
    publish_to(&public, &site("A", "B")).unwrap();
    for f in ["a.html", "b.html", "c.html"] {
        age(&public.join(f));
    }
    let when = |f: &str| modified(&public.join(f));
    let (a0, b0, c0) = (when("a.html"), when("b.html"), when("c.html"));
    // The staging folder is empty: every file is written there, then the folders swap.
    assert!(publish_to(&public, &site("A", "B2")).unwrap().whole);
    assert_eq!(
        (when("a.html"), when("c.html")),
        (a0, c0),
        "same bytes, same time"
    );
    assert_ne!(when("b.html"), b0);
    let b1 = when("b.html");
    // The staging folder holds the first generation now.
    assert!(publish_to(&public, &site("A2", "B2")).unwrap().whole);
    assert_eq!((when("b.html"), when("c.html")), (b1, c0));
    assert_ne!(when("a.html"), a0);
    assert_eq!(read(&public.join("a.html")), "A2");
    // A time is never taken from a file whose bytes differ.
    assert!(publish_to(&public, &site("A3", "B2")).unwrap().whole);
    assert_eq!(read(&public.join("a.html")), "A3");
    assert_eq!(contents(&public).len(), 4);
}

#[cfg(unix)]
#[test]
fn two_builds_never_publish_into_the_same_place_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    publish_to(&public, &[out("index.html", "1")]).unwrap();
    let other = std::fs::File::open(&public).unwrap();
    switch::try_lock(&other).unwrap();
    let err = publish_to(&public, &[out("index.html", "2")]).unwrap_err();
    assert!(
        err.diagnostic.message.contains("another atelier build"),
        "{}",
        err.diagnostic.message
    );
    assert_eq!(err.written, Written::Nothing);
    // A build into a folder beside it is another place.
    publish_to(&tmp.path().join("other"), &[out("index.html", "x")]).unwrap();
    drop(other);
    publish_to(&public, &[out("index.html", "2")]).unwrap();
    assert_eq!(read(&public.join("index.html")), "2");
}

mod properties {
    use std::collections::BTreeSet;
    use std::path::Path;

    use proptest::prelude::*;

    use super::super::manifest::Manifest;
    use super::super::target::{Origin, Request, SOURCE_FOLDERS, Target};

    /// A file name: any characters but `/`, biased towards those the manifest escapes.
    fn name() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just('%'),
                Just('\n'),
                Just('\r'),
                Just(' '),
                Just('é'),
                any::<char>()
            ],
            1..8,
        )
        .prop_map(|cs| cs.into_iter().filter(|c| *c != '/').collect::<String>())
        .prop_filter("a real name", |n| !n.is_empty() && n != "." && n != "..")
    }

    fn path() -> impl Strategy<Value = String> {
        prop::collection::vec(name(), 1..4).prop_map(|parts| parts.join("/"))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn any_manifest_reads_back_as_written(files in prop::collection::btree_set(path(), 0..20),
                                              kept in prop::collection::btree_set(path(), 0..5)) {
            let m = Manifest { files, kept };
            let text = m.render();
            prop_assert_eq!(text.lines().count(), 2 + m.files.len() + m.kept.len(), "one line each");
            prop_assert_eq!(Manifest::parse(&text, Path::new("m")).unwrap(), m);
        }
    }

    /// The parts of an output path a user might write.
    fn part() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "..",
            ".",
            "",
            "content",
            "public",
            "themes",
            "static",
            "templates",
            "x",
            "site",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

        /// Whatever `--output` or `output_dir` is made of, an accepted output folder is never
        /// the site's folder, a folder holding it, the home folder or one holding it, nor a
        /// source folder or anything inside one.
        #[test]
        fn an_accepted_output_is_never_dangerous(parts in prop::collection::vec(part(), 1..6),
                                                 from_flag in any::<bool>(),
                                                 in_sub in any::<bool>()) {
            let tmp = tempfile::tempdir().unwrap();
            let base = tmp.path().canonicalize().unwrap();
            let root = base.join("home/ana/site");
            for dir in ["content/x", "themes/x", "static", "public", "x"] {
                std::fs::create_dir_all(root.join(dir)).unwrap();
            }
            let home = base.join("home/ana");
            let cwd = if in_sub { root.join("x") } else { root.clone() };
            let raw = parts.join("/");
            let request = Request {
                root: &root,
                path: Path::new(&raw),
                origin: if from_flag { Origin::Flag } else { Origin::Setting(None) },
                force: false,
                cwd: &cwd,
                home: Some(&home),
            };
            if let Ok(target) = Target::resolve(&request) {
                let dir = &target.dir;
                prop_assert!(dir != &root && !root.starts_with(dir), "{raw} → {}", dir.display());
                prop_assert!(dir != &home && !home.starts_with(dir), "{raw} → {}", dir.display());
                for source in SOURCE_FOLDERS {
                    prop_assert!(!dir.starts_with(root.join(source)), "{raw} → {}", dir.display());
                }
                let seen: BTreeSet<_> = dir.components().collect();
                prop_assert!(!seen.contains(&std::path::Component::ParentDir), "{}", dir.display());
            }
        }
    }
}
