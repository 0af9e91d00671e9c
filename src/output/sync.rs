//! Brings one folder in line with the site, in place: files whose bytes are unchanged are
//! left alone, changed and new ones are written, files of an earlier build the site no
//! longer has are removed, and nothing atelier did not write is ever touched.
//!
//! Files are told unchanged by their stamps ([`super::stamps`]) where these still describe
//! them, and read and compared otherwise.
//!
//! The manifest is written before (listing the old files, the new ones and the temporary
//! names, so a kill at any moment leaves nothing of atelier's unrecorded) and after
//! (listing the new files only).
//!
//! [`Style::Atomic`] is for a folder being served: every changed file is first written
//! under a temporary name beside it, and only once all of them are written are they
//! renamed over the old ones, so a full disk or an unwritable folder leaves the old site
//! as it was; stale files are removed last. [`Style::Direct`] is for the staging folder,
//! which no one reads: files are written in place.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;

use super::manifest::{self, Manifest};
use super::plan::{Plan, Source, parents, tmp_path};
use super::stamps::{self, FileStamp, Folder, Stamp};
use super::survey::Survey;

#[derive(Debug, Clone, Copy)]
pub enum Style<'a> {
    /// The staging folder, which no one reads: files are written in place. A file that
    /// ends up holding the same bytes as the served folder's copy gets that copy's
    /// modification time, so that once the folders are exchanged, a file whose bytes did
    /// not change keeps its time (and its `Last-Modified` and `ETag` on a web server).
    Direct(Option<Served<'a>>),
    /// The served folder: each file is written under a temporary name, then renamed in.
    Atomic,
}

/// The served folder beside a staging folder, which of its files are atelier's, and their
/// stamps.
#[derive(Debug, Clone, Copy)]
pub struct Served<'a> {
    pub dir: &'a Path,
    pub owned: &'a rustc_hash::FxHashSet<String>,
    pub stamps: &'a Folder,
    /// The listings of its folders, as its survey found them.
    pub listings: &'a super::stamps::Listings,
}

/// One file of the site that the folder does not hold yet, or whose time must be set.
struct Change<'a> {
    rel: &'a str,
    src: Source<'a>,
    /// The bytes must be written (otherwise only the time is set).
    write: bool,
    /// The modification time to give the file: the served copy's, holding these bytes.
    time: Option<SystemTime>,
    /// The digest of the bytes, for the file's stamp (none for a copied file).
    digest: Option<u128>,
}

/// What a sync did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// Files written because they were new or their bytes changed.
    pub written: usize,
    /// Files already holding the right bytes, left alone.
    pub unchanged: usize,
    /// Files read to be compared with the site's bytes (the others were told unchanged by
    /// their stamp, or are new).
    pub compared: usize,
    /// The stamps of the folder's files once synced (see [`super::stamps`]).
    pub stamps: Folder,
    /// Files of the previous output that the site no longer has, removed.
    pub removed: usize,
    /// Problems after the new files were in place (a stale file that could not be
    /// removed, the final manifest); the site is published all the same.
    pub warnings: Vec<Diagnostic>,
}

/// How far a failed sync got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    /// Every file of the folder is as it was.
    Unchanged,
    /// `done` of `of` files are new, the others are their old bytes; every one is whole.
    Partly { done: usize, of: usize },
}

#[derive(Debug)]
pub struct SyncError {
    pub diagnostic: Diagnostic,
    pub left: Left,
}

/// The writes and renames of a sync, so that tests can make them fail.
pub trait Disk: Sync {
    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(path, bytes)
    }
    fn copy(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::copy(from, to).map(drop)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        super::switch::exchange(a, b)
    }
}

/// The disk as it is.
pub struct RealDisk;
impl Disk for RealDisk {}

fn fail(diagnostic: Diagnostic, left: Left) -> SyncError {
    SyncError { diagnostic, left }
}

/// Makes `dir` hold the site of `plan`, given its manifest `old` (`had_manifest`: whether
/// the file exists) and its survey.
pub fn sync(
    dir: &Path,
    old: &Manifest,
    had_manifest: bool,
    survey: &Survey,
    plan: &Plan<'_>,
    style: Style<'_>,
    disk: &dyn Disk,
) -> Result<Synced, SyncError> {
    let abs = |rel: &str| dir.join(rel);
    let served = match style {
        Style::Direct(served) => served,
        Style::Atomic => None,
    };
    let compared = AtomicUsize::new(0);
    let steps: Vec<Step<'_>> = plan
        .files
        .par_iter()
        .map(|(rel, src)| change(dir, survey, served, rel, *src, &compared))
        .collect();
    let (mut keeps, mut changes, mut touches) = (Vec::new(), Vec::new(), Vec::new());
    for step in steps {
        match step {
            Step::Keep(k) => keeps.push(k),
            Step::Change(c) if c.write => changes.push(c),
            Step::Change(c) => touches.push(c),
        }
    }
    let stamps_now = |changes: &[Change<'_>], touches: &[Change<'_>]| {
        let changed: Vec<&Change<'_>> = changes.iter().chain(touches).collect();
        stamps(dir, &survey.stamps, &keeps, &changed)
    };
    let mut stale: Vec<&str> = survey
        .owned
        .iter()
        .map(String::as_str)
        .filter(|rel| !plan.files.contains_key(*rel))
        .collect();
    stale.sort_unstable();
    let mut synced = Synced {
        unchanged: plan.files.len() - changes.len(),
        compared: compared.into_inner(),
        ..Synced::default()
    };
    let mut after = Manifest {
        files: plan.files.keys().cloned().collect(),
        kept: survey.foreign.iter().cloned().collect(),
    };
    if changes.is_empty() && stale.is_empty() {
        set_times(dir, &touches);
        synced.stamps = stamps_now(&changes, &touches);
        if !had_manifest || after != *old {
            after.write(dir).map_err(|d| fail(d, Left::Unchanged))?;
        }
        return Ok(synced);
    }

    // The manifest first: old files, new files and temporary names are all atelier's.
    let mut before = old.clone();
    before.files.extend(plan.files.keys().cloned());
    if matches!(style, Style::Atomic) {
        before.files.extend(changes.iter().map(|c| tmp_path(c.rel)));
    }
    // Often every path is listed already (a rebuild that adds no page): nothing to record.
    let recorded = had_manifest && before == *old;
    if !recorded {
        before.write(dir).map_err(|d| fail(d, Left::Unchanged))?;
    }
    let restore = || {
        if recorded {
            return;
        }
        let _ = if had_manifest {
            old.write(dir)
        } else {
            crate::fs::remove_file(&dir.join(manifest::NAME))
        };
    };

    // Files and folders trading places: the old one goes first (the only removal before
    // the new files are in place, and only where a page became a folder or the reverse).
    let mut removed_early = 0;
    let in_the_way: Vec<&str> = stale.iter().copied().filter(|r| plan.dirs.contains(*r)).collect();
    let mut folders_in_the_way: Vec<&String> =
        plan.files.keys().filter(|r| survey.dirs.contains(*r)).collect();
    folders_in_the_way.sort_unstable();
    for rel in in_the_way.iter().copied().chain(
        stale
            .iter()
            .copied()
            .filter(|r| folders_in_the_way.iter().any(|d| under(r, d))),
    ) {
        crate::fs::remove_file(&abs(rel)).map_err(|d| fail(d, partly(removed_early, changes.len())))?;
        removed_early += 1;
    }
    for folder in &folders_in_the_way {
        remove_empty_tree(dir, survey, folder).map_err(|d| fail(d, partly(removed_early, changes.len())))?;
    }

    // Folders the new files need.
    let mut created: Vec<PathBuf> = Vec::new();
    for rel in &plan.dirs {
        if survey.dirs.contains(rel) {
            continue;
        }
        let path = abs(rel);
        match std::fs::create_dir(&path) {
            Ok(()) => created.push(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && path.is_dir() => {}
            Err(e) => {
                remove_created(&created);
                if removed_early == 0 {
                    restore();
                }
                let d = crate::fs::io_error("create the folder", &path, &e);
                return Err(fail(d, partly(removed_early, changes.len())));
            }
        }
    }

    // The new bytes.
    match style {
        Style::Direct(_) => {
            let done = AtomicUsize::new(0);
            changes
                .par_iter()
                .try_for_each(|c| {
                    put(disk, &abs(c.rel), c.src)?;
                    done.fetch_add(1, Ordering::Relaxed);
                    Ok(())
                })
                .map_err(|d| fail(d, partly(done.load(Ordering::Relaxed), changes.len())))?;
            set_times(dir, &changes);
            set_times(dir, &touches);
        }
        Style::Atomic => {
            let written: Vec<Result<(), Diagnostic>> = changes
                .par_iter()
                .map(|c| put(disk, &abs(&tmp_path(c.rel)), c.src))
                .collect();
            if let Some(err) = written.iter().find_map(|r| r.as_ref().err()) {
                for c in &changes {
                    let _ = std::fs::remove_file(abs(&tmp_path(c.rel)));
                }
                remove_created(&created);
                if removed_early == 0 {
                    restore();
                }
                return Err(fail(err.clone(), partly(removed_early, changes.len())));
            }
            let renamed: Vec<Result<(), Diagnostic>> = changes
                .par_iter()
                .map(|c| {
                    let (from, to) = (abs(&tmp_path(c.rel)), abs(c.rel));
                    disk.rename(&from, &to).map_err(|e| {
                        let _ = std::fs::remove_file(&from);
                        crate::fs::io_error(
                            &crate::tr!("output-move-into-place-as", path = to.display().to_string()),
                            &from,
                            &e,
                        )
                    })
                })
                .collect();
            let done = renamed.iter().filter(|r| r.is_ok()).count();
            if let Some(err) = renamed.into_iter().find_map(Result::err) {
                return Err(fail(err, partly(done + removed_early, changes.len())));
            }
        }
    }
    synced.written = changes.len();
    synced.removed = removed_early;

    // Then what the site no longer has, and the folders that held only that.
    let mut kept_files = BTreeSet::new();
    for rel in &stale {
        match std::fs::remove_file(abs(rel)) {
            Ok(()) => synced.removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                synced.warnings.push(as_warning(
                    crate::fs::io_error("remove", &abs(rel), &e).help(crate::tr!("output-stale-file-help")),
                ));
                kept_files.insert(rel.to_string());
            }
        }
    }
    let mut emptied: Vec<&str> = stale
        .iter()
        .flat_map(|r| parents(r))
        .filter(|d| !plan.dirs.contains(*d))
        .collect();
    emptied.sort_unstable_by(|a, b| b.cmp(a));
    emptied.dedup();
    for rel in emptied {
        // Fails, and is left, when it holds anything else.
        let _ = std::fs::remove_dir(abs(rel));
    }
    after.files.extend(kept_files);
    synced.stamps = stamps_now(&changes, &touches);
    let on_disk = if recorded { old } else { &before };
    if after != *on_disk {
        if let Err(d) = after.write(dir) {
            synced.warnings.push(as_warning(d));
        }
    }
    Ok(synced)
}

/// What must happen to one file of the site in the folder.
enum Step<'a> {
    Keep(Kept<'a>),
    Change(Change<'a>),
}

/// A file that holds the site's bytes already.
struct Kept<'a> {
    rel: &'a str,
    /// Its stamp said so, and still describes the file (otherwise it was read, and is
    /// stamped again).
    by_stamp: bool,
    digest: Option<u128>,
}

/// What must happen to `rel` in `dir`, if anything. A file whose stamp still describes it
/// is not read (it holds `src` when the stamp's digest is that of `src`); others are read
/// and compared.
fn change<'a>(
    dir: &Path,
    survey: &Survey,
    served: Option<Served<'_>>,
    rel: &'a str,
    src: Source<'a>,
    compared: &AtomicUsize,
) -> Step<'a> {
    let path = dir.join(rel);
    let read_same = |path: &Path, len: Option<u64>, src: Source<'_>| {
        compared.fetch_add(1, Ordering::Relaxed);
        same(path, len, src)
    };
    let held = survey.owned.contains(rel);
    let digest = match src {
        Source::Bytes(b) => Some(stamps::digest(b)),
        Source::File(_) => None,
    };
    let change = |write: bool, time: Option<SystemTime>| {
        Step::Change(Change {
            rel,
            src,
            write,
            time,
            digest,
        })
    };
    let staged = if held { std::fs::metadata(&path).ok() } else { None };
    // What the stamp says, when it still describes the file: whether it holds `src`.
    let told = staged.as_ref().and_then(|m| {
        let s = survey.stamps.get(rel).filter(|s| s.file == FileStamp::of(m))?;
        Some(digest.is_some_and(|d| d == s.digest))
    });
    let stamped = told == Some(true);
    // Whether the folder's file holds `src`: by its stamp, or by reading it.
    let holds = || {
        told.unwrap_or_else(|| {
            staged
                .as_ref()
                .is_some_and(|m| read_same(&path, Some(m.len()), src))
        })
    };
    let keep = || {
        Step::Keep(Kept {
            rel,
            by_stamp: stamped,
            digest,
        })
    };
    let Some(served) = served.filter(|s| s.owned.contains(rel)) else {
        return if held && holds() {
            keep()
        } else {
            change(true, None)
        };
    };
    let live = served.dir.join(rel);
    let stamp = |m: &std::fs::Metadata| (m.len(), m.modified().ok());
    let live_meta = std::fs::metadata(&live).ok();
    let live_stamp = live_meta.as_ref().map(stamp);
    // What the served file's stamp says, when it still describes the file.
    let live_told = live_meta.as_ref().and_then(|m| {
        let s = served.stamps.get(rel).filter(|s| s.file == FileStamp::of(m))?;
        Some(digest.is_some_and(|d| d == s.digest))
    });
    let staged_stamp = staged.as_ref().map(stamp);
    if live_stamp.is_some() && live_stamp == staged_stamp {
        // Same size and time: the staged file was given the served file's time when they
        // held the same bytes, and neither has been written since.
        return if holds() { keep() } else { change(true, None) };
    }
    let live_holds = |len| live_told.unwrap_or_else(|| read_same(&live, Some(len), src));
    let time = live_stamp.and_then(|(len, t)| t.filter(|_| live_holds(len)));
    match (held && holds(), time) {
        (true, None) => keep(),
        (true, Some(t)) if staged_stamp.and_then(|(_, s)| s) == Some(t) => keep(),
        (staged_same, time) => change(!staged_same, time),
    }
}

/// The stamps of the site's files as they are now in `dir`: those still true kept from
/// `old`, the others (files written, given a time, or read) taken again. Files copied
/// from elsewhere get none: they are compared by reading.
fn stamps(dir: &Path, old: &Folder, keeps: &[Kept<'_>], changed: &[&Change<'_>]) -> Folder {
    let kept = keeps
        .iter()
        .filter(|k| k.by_stamp)
        .filter_map(|k| Some((k.rel.to_string(), *old.get(k.rel)?)));
    let again: Vec<(String, Stamp)> = changed
        .par_iter()
        .map(|c| (c.rel, c.digest))
        .chain(
            keeps
                .par_iter()
                .filter(|k| !k.by_stamp)
                .map(|k| (k.rel, k.digest)),
        )
        .filter_map(|(rel, digest)| {
            let m = std::fs::metadata(dir.join(rel)).ok()?;
            Some((
                rel.to_string(),
                Stamp {
                    digest: digest?,
                    file: FileStamp::of(&m),
                },
            ))
        })
        .collect();
    kept.chain(again).collect()
}

/// Gives files the modification times of their served copies. Best effort: a file whose
/// time could not be set only loses the time it would have kept.
fn set_times(dir: &Path, changes: &[Change<'_>]) {
    changes.par_iter().for_each(|c| {
        if let Some(t) = c.time {
            let file = std::fs::File::options().write(true).open(dir.join(c.rel));
            let _ = file.and_then(|f| f.set_modified(t));
        }
    });
}

/// A problem after the new site is in place: reported, and the build still succeeds.
fn as_warning(mut d: Diagnostic) -> Diagnostic {
    d.severity = crate::diagnostic::Severity::Warning;
    d
}

fn partly(done: usize, of: usize) -> Left {
    if done == 0 {
        Left::Unchanged
    } else {
        Left::Partly { done, of }
    }
}

/// Whether `rel` is inside the folder `dir` (both relative).
fn under(rel: &str, dir: &str) -> bool {
    rel.len() > dir.len() && rel.starts_with(dir) && rel.as_bytes()[dir.len()] == b'/'
}

/// Removes the folder `rel` of `root` and its subfolders, once the files in them are gone;
/// fails if anything else is left in them.
fn remove_empty_tree(root: &Path, survey: &Survey, rel: &str) -> Result<(), Diagnostic> {
    let mut inner: Vec<&str> = survey
        .dirs
        .iter()
        .map(String::as_str)
        .filter(|d| under(d, rel))
        .collect();
    inner.sort_unstable_by(|a, b| b.cmp(a));
    for d in inner.into_iter().chain([rel]) {
        let p = root.join(d);
        std::fs::remove_dir(&p).map_err(|e| crate::fs::io_error("remove the folder", &p, &e))?;
    }
    Ok(())
}

fn remove_created(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

fn put(disk: &dyn Disk, path: &Path, source: Source<'_>) -> Result<(), Diagnostic> {
    match source {
        Source::Bytes(bytes) => disk
            .write(path, bytes)
            .map_err(|e| crate::fs::io_error("write", path, &e)),
        Source::File(src) => disk.copy(src, path).map_err(|e| {
            crate::fs::io_error(
                &crate::tr!("fs-copy-to", path = path.display().to_string()),
                src,
                &e,
            )
        }),
    }
}

/// Whether `path` holds the bytes of `source` already; `len`: its length, when known.
fn same(path: &Path, len: Option<u64>, source: Source<'_>) -> bool {
    let len_of = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
    let have = len.or_else(|| len_of(path));
    match source {
        Source::Bytes(bytes) => {
            have == Some(bytes.len() as u64) && std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        Source::File(src) => {
            let want = len_of(src);
            want.is_some()
                && want == have
                && matches!((std::fs::read(src), std::fs::read(path)), (Ok(a), Ok(b)) if a == b)
        }
    }
}
