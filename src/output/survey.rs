//! What an output folder holds, measured against its manifest and the site about to be
//! published: atelier's own files, and the entries it did not write (which it leaves
//! alone, and which must not stand where the site needs a file or a folder).
//!
//! Only folders that hold, or will hold, atelier's files are read: a `.git/` or any other
//! folder of someone else's is seen as one entry and never walked.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

use crate::diagnostic::Diagnostic;

use super::manifest::{self, Manifest};
use super::plan::{Plan, parents};

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
}

impl Survey {
    /// Reads `dir` (which must be a folder) given its manifest. The folders read are those
    /// holding the site's files and the manifest's entries, so that what was found and
    /// kept last time is seen the same way this time.
    pub fn of(dir: &Path, manifest: &Manifest, plan: &Plan<'_>) -> Result<Survey, Diagnostic> {
        let mut interest: HashSet<&str> = plan.dirs.iter().map(String::as_str).collect();
        for path in manifest.files.iter().chain(&manifest.kept) {
            interest.extend(parents(path.trim_end_matches('/')));
        }
        let mut survey = walk(dir, "", &manifest.files, &interest)?;
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
) -> Result<Survey, Diagnostic> {
    let read_error = |e: &std::io::Error| crate::fs::io_error("read the folder", dir, e);
    let mut here = Survey::default();
    let mut subdirs = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| read_error(&e))? {
        let entry = entry.map_err(|e| read_error(&e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if rel.is_empty() && (name == manifest::NAME || name == manifest::TMP_NAME) {
            continue;
        }
        let path = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        let kind = entry.file_type().map_err(|e| read_error(&e))?;
        if kind.is_file() && listed.contains(&path) {
            here.owned.insert(path);
        } else if kind.is_dir() && interest.contains(path.as_str()) {
            subdirs.push((entry.path(), path));
        } else if kind.is_dir() {
            here.foreign.push(format!("{path}/"));
        } else {
            here.foreign.push(path);
        }
    }
    let below: Vec<Survey> = subdirs
        .par_iter()
        .map(|(abs, rel)| walk(abs, rel, listed, interest))
        .collect::<Result<_, _>>()?;
    for (s, (_, rel)) in below.into_iter().zip(subdirs) {
        here.owned.extend(s.owned);
        here.foreign.extend(s.foreign);
        here.dirs.extend(s.dirs);
        here.dirs.insert(rel);
    }
    Ok(here)
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
        let s = Survey::of(d, &listed, &plan).unwrap();
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
        let s = Survey::of(&d, &listed, &plan).unwrap();
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
        let s = Survey::of(d, &Manifest::default(), &plan).unwrap();
        assert_eq!(s.collisions(&plan), ["b", "c", "index.html"]);
    }
}
