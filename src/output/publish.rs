//! Publishing a site into its output folder, so that what is served is always one whole
//! site, the old or the new, and nothing atelier did not write is ever touched.
//!
//! The usual way (**switch**): the staging folder beside the output (`.public.atelier-next`)
//! holds the generation before last; it is synced in place to the new site (a one-page
//! change writes a few files, not all of them), then the two folders are exchanged in one
//! system call. A kill, a full disk or an I/O error before the exchange leaves the output
//! as it was; after it, the output is the new site.
//!
//! When the output holds entries atelier did not write (a `CNAME`, a `.git/`), is a mount
//! point, or its file system cannot exchange folders, the site is published **in place**:
//! each changed file written under a temporary name and renamed over the old one once all
//! are written, stale files removed last (see [`super::sync`]). Entries atelier did not
//! write stay where they are, served with the site; the exchange would carry them away.

use std::io;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::pipeline::{CopiedFile, Output};

use super::manifest::Manifest;
use super::plan::Plan;
use super::stamps::Stamps;
use super::survey::Survey;
use super::switch;
use super::sync::{self, Disk, Left, RealDisk, Served, Style, Synced};
use super::target::Target;

/// What a publish did.
#[derive(Debug)]
pub struct Published {
    pub synced: Synced,
    /// Whether the site switched whole (`true`) or file by file.
    pub whole: bool,
    /// Lines worth telling the user (files left alone, why the site was published in
    /// place), each said once.
    pub notes: Vec<String>,
}

/// What the output folder holds after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Nothing was written anywhere.
    Nothing,
    /// The output folder holds the old site, as it was (the staging folder beside it may
    /// have been written).
    Unchanged,
    /// `done` of `of` changed files of the output folder are new, the others are their old
    /// bytes; every file is whole.
    Partly { done: usize, of: usize },
}

#[derive(Debug)]
pub struct Failure {
    pub diagnostic: Diagnostic,
    /// The output folder was refused as it is (before anything was written).
    pub refused: bool,
    pub written: Written,
}

impl Failure {
    fn before_writing(diagnostic: Diagnostic) -> Failure {
        Failure {
            diagnostic,
            refused: false,
            written: Written::Nothing,
        }
    }

    fn from_sync(e: sync::SyncError) -> Failure {
        Failure {
            diagnostic: e.diagnostic,
            refused: false,
            written: match e.left {
                Left::Unchanged => Written::Unchanged,
                Left::Partly { done, of } => Written::Partly { done, of },
            },
        }
    }
}

/// Publishes `outputs` and `copies` into `target`.
pub fn publish(target: &Target, outputs: &[Output], copies: &[CopiedFile]) -> Result<Published, Failure> {
    publish_with(target, outputs, copies, &RealDisk)
}

pub(crate) fn publish_with(
    target: &Target,
    outputs: &[Output],
    copies: &[CopiedFile],
    disk: &dyn Disk,
) -> Result<Published, Failure> {
    let plan = Plan::new(outputs, copies).map_err(Failure::before_writing)?;
    let out = target.dir.as_path();
    let parent = out.parent().unwrap_or(out);
    crate::fs::create_dir_all(parent).map_err(Failure::before_writing)?;

    let exists = match std::fs::symlink_metadata(out) {
        Ok(m) if m.is_dir() => true,
        Ok(_) => {
            return Err(Failure::before_writing(Diagnostic::error(crate::msg!(
                "output-no-longer-folder",
                folder = target.shown.display().to_string()
            ))));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(Failure::before_writing(crate::fs::io_error("read", out, &e))),
    };
    let _lock = if exists { lock(out, &target.shown)? } else { None };
    let (mut old, had_manifest) = if exists {
        match Manifest::read(out).map_err(Failure::before_writing)? {
            Some(m) => (m, true),
            None => (Manifest::default(), false),
        }
    } else {
        (Manifest::default(), false)
    };
    let mut stamps = Stamps::read(out);
    let mut survey = if exists {
        Survey::of(out, &old, &plan, &stamps.take_listings(out)).map_err(Failure::before_writing)?
    } else {
        Survey::default()
    };
    survey.stamps = stamps.of(out);
    let mut notes = Vec::new();
    if exists && !had_manifest && !survey.foreign.is_empty() {
        notes.extend(claim(target, &plan, &mut old, &mut survey)?);
    }
    let collisions = survey.collisions(&plan);
    if !collisions.is_empty() {
        return Err(Failure::before_writing(collision(target, &collisions)));
    }
    let kept_note = kept_note(target, &old, &survey.foreign);

    let why_in_place = if !survey.foreign.is_empty() {
        None
    } else if exists && !switch::beside_parent(out) {
        Some(crate::tr!("staging-mount-point"))
    } else {
        let unrecorded = (exists && !had_manifest).then_some(&old);
        let served = exists.then_some(Served {
            dir: out,
            owned: &survey.owned,
            stamps: &survey.stamps,
            listings: &survey.listings,
        });
        match staged(target, served, unrecorded, &plan, &mut stamps, disk)? {
            Ok(mut published) => {
                published.notes.splice(0..0, notes);
                return Ok(published);
            }
            Err(why) => Some(why),
        }
    };
    let _lock = if exists {
        _lock
    } else {
        crate::fs::create_dir_all(out).map_err(Failure::before_writing)?;
        lock(out, &target.shown)?
    };
    let synced = sync::sync(out, &old, had_manifest, &survey, &plan, Style::Atomic, disk)
        .map_err(Failure::from_sync)?;
    Stamps::write(out, &[(out, &synced.stamps, &survey.listings)]);
    notes.extend(kept_note);
    if let Some(why) = why_in_place {
        notes.push(crate::tr!(
            "output-in-place",
            folder = target.shown.display().to_string(),
            why = why
        ));
    }
    Ok(Published {
        synced,
        whole: false,
        notes,
    })
}

/// Syncs the staging folder and switches it in. `Ok(Err(why))` when the output should be
/// published in place instead (nothing of the output was touched). `unrecorded`: the
/// files of an output folder that had no manifest, recorded in it once it is the staging
/// folder.
fn staged(
    target: &Target,
    served: Option<Served<'_>>,
    unrecorded: Option<&Manifest>,
    plan: &Plan<'_>,
    stamps: &mut Stamps,
    disk: &dyn Disk,
) -> Result<Result<Published, String>, Failure> {
    let out = target.dir.as_path();
    let exists = served.is_some();
    let Some(staging) = switch::staging_dir(out) else {
        return Ok(Err(crate::tr!("staging-no-name")));
    };
    let name = staging
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    match std::fs::symlink_metadata(&staging) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Ok(Err(crate::tr!("staging-not-ours", name = name))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Err(e) = std::fs::create_dir(&staging) {
                return Ok(Err(crate::tr!(
                    "staging-cannot-make",
                    name = name,
                    error = e.to_string()
                )));
            }
        }
        Err(e) => {
            return Ok(Err(crate::tr!(
                "staging-unreadable",
                name = name,
                error = e.to_string()
            )));
        }
    }
    // A build into a folder that does not exist yet meets another one here.
    let _lock = lock(&staging, &target.shown)?;
    let (old, had_manifest) = match Manifest::read(&staging) {
        Ok(Some(m)) => (m, true),
        Ok(None) => (Manifest::default(), false),
        Err(d) => {
            return Ok(Err(crate::tr!("staging-manifest-unreadable", error = d.message)));
        }
    };
    let listings = stamps.take_listings(&staging);
    let mut survey = Survey::of(&staging, &old, plan, &listings).map_err(Failure::before_writing)?;
    survey.stamps = stamps.of(&staging);
    if !had_manifest && !survey.foreign.is_empty() || !survey.collisions(plan).is_empty() {
        return Ok(Err(crate::tr!("staging-foreign", name = name)));
    }
    let synced = sync::sync(
        &staging,
        &old,
        had_manifest,
        &survey,
        plan,
        Style::Direct(served),
        disk,
    )
    .map_err(|e| Failure {
        written: Written::Unchanged,
        ..Failure::from_sync(e)
    })?;
    let switched = if exists {
        disk.exchange(&staging, out)
    } else {
        switch::rename_new(&staging, out)
    };
    match switched {
        Ok(()) => {
            // The folders' stamps follow them: the new site's, and the old one's as read.
            let mut kept = vec![(out, &synced.stamps, &survey.listings)];
            kept.extend(served.map(|s| (staging.as_path(), s.stamps, s.listings)));
            Stamps::write(out, &kept);
            if let Some(m) = unrecorded {
                // Best effort: without it the next build publishes in place, and says why.
                let _ = m.write(&staging);
            }
            Ok(Ok(Published {
                synced,
                whole: true,
                notes: Vec::new(),
            }))
        }
        Err(e) if exists => Ok(Err(crate::tr!("staging-no-swap", error = e.to_string()))),
        Err(e) => Err(Failure {
            diagnostic: crate::fs::io_error(
                &crate::tr!("output-move-into-place-as", path = out.display().to_string()),
                &staging,
                &e,
            ),
            refused: false,
            written: Written::Unchanged,
        }),
    }
}

/// An output folder without a manifest that is not empty: taken as atelier's when every
/// file in it is one this build writes (an output of atelier before the manifest existed);
/// refused otherwise, unless `--force`, which keeps what is there and takes as its own
/// only the files that already hold the bytes this build writes.
fn claim(
    target: &Target,
    plan: &Plan<'_>,
    old: &mut Manifest,
    survey: &mut Survey,
) -> Result<Vec<String>, Failure> {
    let shown = target.shown.display();
    let is_file = |rel: &str| std::fs::symlink_metadata(target.dir.join(rel)).is_ok_and(|m| m.is_file());
    let ours = survey
        .foreign
        .iter()
        .all(|f| plan.files.contains_key(f.as_str()) && is_file(f));
    if ours {
        old.files = std::mem::take(&mut survey.foreign).into_iter().collect();
        survey.owned = old.files.iter().cloned().collect();
        return Ok(vec![format!(
            "`{shown}` had no `.atelier-manifest`, and every file in it is one this build writes: \
             taken as written by an earlier atelier."
        )]);
    }
    if !target.force {
        let others: Vec<&str> = survey
            .foreign
            .iter()
            .map(String::as_str)
            .filter(|f| !plan.files.contains_key(*f))
            .collect();
        return Err(Failure {
            diagnostic: Diagnostic::error(crate::msg!(
                "output-foreign",
                folder = shown.to_string(),
                entries = entries(others.len()),
                sample = sample(&others)
            ))
            .help(crate::tr!("output-foreign-help", folder = shown.to_string())),
            refused: true,
            written: Written::Nothing,
        });
    }
    let same: Vec<String> = survey
        .foreign
        .iter()
        .filter(|f| {
            is_file(f)
                && plan
                    .files
                    .get(f.as_str())
                    .is_some_and(|src| holds(&target.dir.join(f), *src))
        })
        .cloned()
        .collect();
    survey.foreign.retain(|f| !same.contains(f));
    survey.owned.extend(same.iter().cloned());
    old.files.extend(same);
    Ok(Vec::new())
}

fn holds(path: &Path, source: super::plan::Source<'_>) -> bool {
    let want = match source {
        super::plan::Source::Bytes(b) => std::borrow::Cow::Borrowed(b),
        super::plan::Source::File(f) => match std::fs::read(f) {
            Ok(b) => std::borrow::Cow::Owned(b),
            Err(_) => return false,
        },
    };
    std::fs::read(path).is_ok_and(|have| have == *want)
}

/// The line saying which entries atelier left alone, when they changed since the last build.
fn kept_note(target: &Target, old: &Manifest, foreign: &[String]) -> Option<String> {
    let now: Vec<&str> = foreign.iter().map(String::as_str).collect();
    if now.is_empty() || old.kept.iter().map(String::as_str).eq(now.iter().copied()) {
        return None;
    }
    Some(crate::tr!(
        "output-left-alone",
        folder = target.shown.display().to_string(),
        entries = entries(now.len()),
        sample = sample(&now)
    ))
}

fn collision(target: &Target, paths: &[&str]) -> Diagnostic {
    Diagnostic::error(crate::msg!(
        "output-collision",
        count = paths.len(),
        entries = entries(paths.len()),
        folder = target.shown.display().to_string(),
        sample = sample(paths)
    ))
    .help(crate::tr!("output-collision-help"))
}

/// `1 entry`, `3 entries`.
fn entries(n: usize) -> String {
    crate::tr!("output-entries", count = n)
}

/// The first few of `items`, and how many more.
fn sample(items: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut s = items
        .iter()
        .take(SHOWN)
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        s = crate::tr!("output-sample-more", shown = s, count = items.len() - SHOWN);
    }
    s
}

/// Holds the lock of `dir` (the output folder, or the staging folder beside it), so that two
/// builds never publish into the same place at once: the second stops. Both folders are
/// locked before either is changed, and the locks follow the folders through the exchange.
/// Systems without locks go without.
fn lock(dir: &Path, shown: &Path) -> Result<Option<std::fs::File>, Failure> {
    let Ok(file) = std::fs::File::open(dir) else {
        return Ok(None);
    };
    if switch::try_lock(&file).is_err_and(|e| e.kind() == io::ErrorKind::WouldBlock) {
        return Err(Failure::before_writing(
            Diagnostic::error(crate::msg!("output-locked", folder = shown.display().to_string()))
                .help(crate::tr!("output-locked-help")),
        ));
    }
    Ok(Some(file))
}
