//! What an output folder holds, measured against its manifest and the site about to be
//! published: atelier's own files, and the entries it did not write (which it leaves
//! alone, and which must not stand where the site needs a file or a folder).
//!
//! Only folders that hold, or will hold, atelier's files are read: a `.git/` or any other
//! folder of someone else's is seen as one entry and never walked. A folder whose listing
//! was kept by an earlier build and whose stamp still says so is not read again (see
//! [`super::stamps`]): its entries are the listing's.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

use crate::diagnostic::Diagnostic;

use super::manifest::{self, Manifest};
use super::plan::{Plan, parents};
use super::stamps::{self, Entry, FileStamp, Kind, Listing, Listings};

#[derive(Debug, Default)]
pub struct Survey {
    /// Files of the manifest found as regular files.
    pub owned: HashSet<String>,
    /// The topmost entries atelier did not write (folders end with `/`), sorted.
    pub foreign: Vec<String>,
    /// The folders read (relative).
    pub dirs: HashSet<String>,
    /// The stamps of atelier's files in it, from the last build (see [`super::stamps`]);
    /// set by the caller, who knows where they are kept.
    pub stamps: super::stamps::Folder,
    /// The listings of the folders read or known, that a later survey may trust.
    pub listings: Listings,
}

impl Survey {
    /// Reads `dir` (which must be a folder) given its manifest and the listings kept of its
    /// folders. The folders read are those holding the site's files and the manifest's
    /// entries, so that what was found and kept last time is seen the same way this time.
    pub fn of(
        dir: &Path,
        manifest: &Manifest,
        plan: &Plan<'_>,
        known: &Listings,
    ) -> Result<Survey, Diagnostic> {
        let mut interest: HashSet<&str> = plan.dirs.iter().map(String::as_str).collect();
        for path in manifest.files.iter().chain(&manifest.kept) {
            interest.extend(parents(path.trim_end_matches('/')));
        }
        let mut survey = walk(dir, "", &manifest.files, &interest, known)?;
        survey.foreign.sort();
        Ok(survey)
    }

    /// The entries atelier did not write that stand where the site needs to write a file,
    /// or a folder, or that sit in a folder the site needs to turn into a file. Sorted.
    pub fn collisions(&self, plan: &Plan<'_>) -> Vec<&str> {
        self.foreign
            .iter()
            .map(|f| f.trim_end_matches('/'))
            .filter(|f| {
                plan.files.contains_key(*f)
                    || plan.dirs.contains(*f)
                    || parents(f).any(|p| plan.files.contains_key(p))
            })
            .collect()
    }
}

fn walk(
    dir: &Path,
    rel: &str,
    listed: &BTreeSet<String>,
    interest: &HashSet<&str>,
    known: &Listings,
) -> Result<Survey, Diagnostic> {
    let mut here = Survey::default();
    let mut subdirs = Vec::new();
    let (entries, listing) = entries(dir, known.get(rel))?;
    for Entry { name, kind } in &entries {
        if rel.is_empty() && (name == manifest::NAME || name == manifest::TMP_NAME) {
            continue;
        }
        let path = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        match kind {
            Kind::File if listed.contains(&path) => {
                here.owned.insert(path);
            }
            Kind::Dir if interest.contains(path.as_str()) => subdirs.push((dir.join(name), path)),
            Kind::Dir => here.foreign.push(format!("{path}/")),
            _ => here.foreign.push(path),
        }
    }
    if let Some(stamp) = listing {
        here.listings.insert(rel.to_string(), Listing { stamp, entries });
    }
    let below: Vec<Survey> = subdirs
        .par_iter()
        .map(|(abs, rel)| walk(abs, rel, listed, interest, known))
        .collect::<Result<_, _>>()?;
    for (s, (_, rel)) in below.into_iter().zip(subdirs) {
        here.owned.extend(s.owned);
        here.foreign.extend(s.foreign);
        here.dirs.extend(s.dirs);
        here.listings.extend(s.listings);
        here.dirs.insert(rel);
    }
    Ok(here)
}

/// The entries of the folder `dir`: its kept listing's when the folder's stamp still says
/// so, read otherwise. With them, the stamp to keep them under when they may be trusted
/// later.
fn entries(dir: &Path, kept: Option<&Listing>) -> Result<(Vec<Entry>, Option<FileStamp>), Diagnostic> {
    let read_error = |e: &std::io::Error| crate::fs::io_error("read the folder", dir, e);
    let now = stamps::now_ns();
    let stamp = match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => Some(FileStamp::of(&m)),
        Ok(_) => None,
        Err(e) => return Err(read_error(&e)),
    };
    if let (Some(stamp), Some(kept)) = (stamp, kept)
        && kept.stamp == stamp
    {
        return Ok((kept.entries.clone(), Some(stamp)));
    }
    let mut entries = Vec::new();
    // A name that is not UTF-8 is shown with replacement characters: such a listing is not
    // kept, since it would not name the entry.
    let mut lossy = false;
    for entry in std::fs::read_dir(dir).map_err(|e| read_error(&e))? {
        let entry = entry.map_err(|e| read_error(&e))?;
        let kind = entry.file_type().map_err(|e| read_error(&e))?;
        let name = entry.file_name().into_string().unwrap_or_else(|name| {
            lossy = true;
            name.to_string_lossy().into_owned()
        });
        entries.push(Entry {
            name,
            kind: if kind.is_file() {
                Kind::File
            } else if kind.is_dir() {
                Kind::Dir
            } else {
                Kind::Other
            },
        });
    }
    entries.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    Ok((entries, stamp.filter(|s| !lossy && stamps::settled(s, now))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Output;

    fn out(path: &str) -> Output {
        Output {
            path: path.into(),
            bytes: b"x".to_vec(),
        }
    }

    #[test]
    fn sorts_owned_from_foreign_without_entering_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        for f in [
            "index.html",
            "old/index.html",
            "CNAME",
            ".git/HEAD",
            ".well-known/security.txt",
            "a/notes.txt",
        ] {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), "x").unwrap();
        }
        std::fs::write(d.join(manifest::NAME), "").unwrap();
        let listed = Manifest {
            files: ["index.html", "old/index.html", "gone.html"]
                .map(String::from)
                .into(),
            kept: BTreeSet::new(),
        };
        let outputs = [out("index.html"), out("a/index.html")];
        let plan = Plan::new(&outputs, &[]).unwrap();
        let s = Survey::of(d, &listed, &plan, &Listings::new()).unwrap();
        let mut owned: Vec<_> = s.owned.iter().map(String::as_str).collect();
        owned.sort();
        assert_eq!(owned, ["index.html", "old/index.html"]);
        assert_eq!(s.foreign, [".git/", ".well-known/", "CNAME", "a/notes.txt"]);
        assert!(s.collisions(&plan).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_where_a_folder_of_the_site_goes_is_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let (d, elsewhere) = (tmp.path().join("out"), tmp.path().join("elsewhere"));
        std::fs::create_dir_all(elsewhere.join("inside")).unwrap();
        std::fs::write(elsewhere.join("index.html"), "x").unwrap();
        std::fs::create_dir(&d).unwrap();
        std::os::unix::fs::symlink(&elsewhere, d.join("a")).unwrap();
        let listed = Manifest {
            files: ["a/index.html".to_string()].into(),
            kept: BTreeSet::new(),
        };
        let outputs = [out("a/index.html")];
        let plan = Plan::new(&outputs, &[]).unwrap();
        let s = Survey::of(&d, &listed, &plan, &Listings::new()).unwrap();
        assert!(s.owned.is_empty(), "{:?}", s.owned);
        assert_eq!(s.foreign, ["a"]);
        assert_eq!(s.collisions(&plan), ["a"]);
    }

    #[test]
    fn finds_what_stands_in_the_way() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        for f in ["index.html", "b", "c/hand.txt"] {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), "x").unwrap();
        }
        let outputs = [out("index.html"), out("b/index.html"), out("c")];
        let plan = Plan::new(&outputs, &[]).unwrap();
        let s = Survey::of(d, &Manifest::default(), &plan, &Listings::new()).unwrap();
        assert_eq!(s.collisions(&plan), ["b", "c", "index.html"]);
    }

    /// A folder's kept listing stands for it while the folder's stamp holds (here it names
    /// a file that is not there, to show it was not read), and is read again as soon as an
    /// entry is added: a file of someone else's put there since is seen.
    #[test]
    fn a_kept_listing_is_trusted_only_while_the_folder_is_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::create_dir_all(d.join("a")).unwrap();
        std::fs::write(d.join("a/index.html"), "x").unwrap();
        let listed = Manifest {
            files: ["a/index.html".to_string()].into(),
            kept: BTreeSet::new(),
        };
        let outputs = [out("a/index.html")];
        let plan = Plan::new(&outputs, &[]).unwrap();
        let stamp = FileStamp::of(&std::fs::symlink_metadata(d.join("a")).unwrap());
        let file = |name: &str| Entry {
            name: name.into(),
            kind: Kind::File,
        };
        let kept: Listings = [(
            "a".to_string(),
            Listing {
                stamp,
                entries: vec![file("ghost.txt"), file("index.html")],
            },
        )]
        .into();
        let s = Survey::of(d, &listed, &plan, &kept).unwrap();
        assert_eq!(s.foreign, ["a/ghost.txt"], "the listing was taken");
        assert!(s.owned.contains("a/index.html"));

        std::fs::write(d.join("a/notes.txt"), "mine").unwrap();
        let s = Survey::of(d, &listed, &plan, &kept).unwrap();
        assert_eq!(s.foreign, ["a/notes.txt"], "the folder was read again");
        assert!(s.owned.contains("a/index.html"));
    }

    /// Only folders that changed longer ago than a tick of the clock are listed for later;
    /// the listing is what reading the folder gives, sorted by name.
    #[test]
    fn lists_for_later_only_the_folders_that_settled() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::create_dir_all(d.join("a")).unwrap();
        std::fs::write(d.join("a/index.html"), "x").unwrap();
        std::fs::write(d.join("a/b.css"), "x").unwrap();
        let outputs = [out("a/index.html")];
        let plan = Plan::new(&outputs, &[]).unwrap();
        let s = Survey::of(d, &Manifest::default(), &plan, &Listings::new()).unwrap();
        assert!(s.listings.is_empty(), "changed just now: {:?}", s.listings.keys());

        std::thread::sleep(std::time::Duration::from_millis(150));
        let s = Survey::of(d, &Manifest::default(), &plan, &Listings::new()).unwrap();
        let names: Vec<&str> = s.listings["a"].entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["b.css", "index.html"]);
        assert!(s.listings["a"].entries.iter().all(|e| e.kind == Kind::File));
        let top = &s.listings[""];
        assert_eq!(
            top.entries,
            [Entry {
                name: "a".into(),
                kind: Kind::Dir
            }]
        );
    }

    /// A folder holding a name that is not UTF-8 is read every time: its listing would
    /// not name the entry. (Linux: macOS refuses such names.)
    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_with_a_name_not_in_utf8_is_not_listed_for_later() {
        use std::os::unix::ffi::OsStrExt;
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::create_dir_all(d.join("a")).unwrap();
        std::fs::write(d.join("a/index.html"), "x").unwrap();
        let odd = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(d.join("a").join(odd), "x").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(150));
        let outputs = [out("a/index.html")];
        let plan = Plan::new(&outputs, &[]).unwrap();
        let s = Survey::of(d, &Manifest::default(), &plan, &Listings::new()).unwrap();
        assert_eq!(s.foreign, ["a/caf\u{fffd}.txt", "a/index.html"]);
        assert!(!s.listings.contains_key("a"), "{:?}", s.listings.keys());
        assert!(s.listings.contains_key(""));
    }
}
