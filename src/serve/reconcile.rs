//! After every batch of events, the preview checks its list of content files against the
//! `content` folder: a file it serves that is gone, or a file on disk it does not know, is
//! looked at again whatever the events said. File events can be lost (a kernel queue that
//! overflows, a folder created and filled before its watch is set, a debouncer that merges
//! events), and a lost event must not leave a page served that no file makes.

use std::collections::BTreeSet;
use std::path::Path;

use crate::content::is_ignored;

/// The files of `root/content`, by `/`-separated path inside it, as the loader lists them
/// (editor leftovers and hidden files left out). Names only: no file is opened or stat'ed.
pub fn content_on_disk(root: &Path) -> BTreeSet<String> {
    let content = root.join("content");
    walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&content).unwrap_or(e.path());
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect()
}

/// The paths on which `known` (what the project holds) and `on_disk` disagree: files gone
/// from disk and files the project never saw.
pub fn disagreements<'a>(known: &BTreeSet<&'a str>, on_disk: &'a BTreeSet<String>) -> BTreeSet<String> {
    let on_disk_refs: BTreeSet<&str> = on_disk.iter().map(String::as_str).collect();
    known
        .symmetric_difference(&on_disk_refs)
        .map(|s| (*s).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_gone_and_files_unseen_are_looked_at_again() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content/startups");
        std::fs::create_dir_all(&content).unwrap();
        for f in ["ada.md", "new.md", ".ada.md.swp", "ada.md~"] {
            std::fs::write(content.join(f), "x").unwrap();
        }
        std::fs::create_dir_all(tmp.path().join("content/.git")).unwrap();
        std::fs::write(tmp.path().join("content/.git/HEAD"), "x").unwrap();
        let disk = content_on_disk(tmp.path());
        assert_eq!(
            disk,
            BTreeSet::from(["startups/ada.md".to_string(), "startups/new.md".to_string()])
        );
        let known = BTreeSet::from(["startups/ada.md", "startups/ghost.md"]);
        assert_eq!(
            disagreements(&known, &disk),
            BTreeSet::from(["startups/ghost.md".to_string(), "startups/new.md".to_string()])
        );
    }

    #[test]
    fn no_content_folder_means_no_content_file() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(content_on_disk(tmp.path()).is_empty());
    }
}
