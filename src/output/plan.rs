//! What a build publishes: every file by its path inside the output folder, checked before
//! the disk is touched (no path leaves the folder, none uses a name atelier reserves, no
//! path is both a file and a folder, every copied file exists).

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::pipeline::{CopiedFile, Output};

/// Where the bytes of one output file come from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
}

/// The files of a site, by relative `/`-separated path, and the folders that hold them.
#[derive(Debug, Default)]
pub struct Plan<'a> {
    pub files: BTreeMap<String, Source<'a>>,
    pub dirs: BTreeSet<String>,
}

/// The prefix of the temporary name a file is written under before it is renamed into
/// place, in the same folder.
pub const TMP_PREFIX: &str = ".atelier-tmp.";

/// The temporary name of `path` (relative): `a/.atelier-tmp.index.html`.
pub fn tmp_path(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/{TMP_PREFIX}{name}"),
        None => format!("{TMP_PREFIX}{path}"),
    }
}

/// The folders holding `path`, nearest last: `a/b/c` → `a`, `a/b`.
pub fn parents(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

impl<'a> Plan<'a> {
    /// The site's files (a copy wins over a page of the same path). Checks every path and
    /// that every copied file exists; reads nothing else.
    pub fn new(outputs: &'a [Output], copies: &'a [CopiedFile]) -> Result<Plan<'a>, Diagnostic> {
        let mut files = BTreeMap::new();
        for o in outputs {
            files.insert(normalize(&o.path)?, Source::Bytes(&o.bytes));
        }
        for c in copies {
            match std::fs::metadata(&c.src) {
                Ok(m) if m.is_file() => {}
                Ok(_) => {
                    let e = io::Error::other("not a file");
                    return Err(crate::fs::io_error(
                        &crate::tr!("fs-copy-to", path = c.dest.as_str()),
                        &c.src,
                        &e,
                    ));
                }
                Err(e) => {
                    return Err(crate::fs::io_error(
                        &crate::tr!("fs-copy-to", path = c.dest.as_str()),
                        &c.src,
                        &e,
                    ));
                }
            }
            files.insert(normalize(&c.dest)?, Source::File(&c.src));
        }
        let mut dirs = BTreeSet::new();
        for path in files.keys() {
            for dir in parents(path) {
                if files.contains_key(dir) {
                    return Err(Diagnostic::error(crate::msg!(
                        "output-file-and-folder",
                        folder = dir,
                        path = path.as_str()
                    ))
                    .help(crate::tr!("output-file-and-folder-help")));
                }
                dirs.insert(dir.to_string());
            }
        }
        Ok(Plan { files, dirs })
    }
}

/// `rel` as a clean `/`-separated path inside the output folder.
fn normalize(rel: &str) -> Result<String, Diagnostic> {
    let mut parts = Vec::new();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(Diagnostic::error(crate::msg!("output-outside", path = rel))
                    .help(crate::tr!("output-outside-help")));
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Err(Diagnostic::error(crate::msg!("output-folder-itself", path = rel))
            .help(crate::tr!("output-folder-itself-help")));
    }
    let reserved = parts.len() == 1 && parts[0].starts_with(super::manifest::NAME);
    if reserved || parts.iter().any(|p| p.starts_with(TMP_PREFIX)) {
        return Err(
            Diagnostic::error(crate::msg!("output-reserved-name", path = rel)).help(crate::tr!(
                "output-reserved-name-help",
                manifest = super::manifest::NAME,
                prefix = TMP_PREFIX
            )),
        );
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str) -> Output {
        Output {
            path: path.into(),
            bytes: Vec::new(),
        }
    }

    #[test]
    fn paths_are_cleaned_and_folders_listed() {
        let outputs = [out("/a/./b/index.html"), out("c.css")];
        let plan = Plan::new(&outputs, &[]).unwrap();
        assert_eq!(plan.files.keys().collect::<Vec<_>>(), ["a/b/index.html", "c.css"]);
        assert_eq!(plan.dirs.iter().collect::<Vec<_>>(), ["a", "a/b"]);
        assert_eq!(tmp_path("a/b/index.html"), "a/b/.atelier-tmp.index.html");
        assert_eq!(tmp_path("c.css"), ".atelier-tmp.c.css");
    }

    #[test]
    fn refuses_paths_it_cannot_write() {
        let err = |p: &str| Plan::new(std::slice::from_ref(&out(p)), &[]).unwrap_err().message;
        assert!(err("../x.html").contains("outside"));
        assert!(err("./").contains("output folder itself"));
        assert!(err(".atelier-manifest").contains("reserved") || err(".atelier-manifest").contains("keeps"));
        assert!(err("a/.atelier-tmp.index.html").contains("keeps"));
        let both = [out("a"), out("a/index.html")];
        assert!(
            Plan::new(&both, &[])
                .unwrap_err()
                .message
                .contains("both a file and the folder")
        );
    }
}
