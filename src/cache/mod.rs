//! The build cache: what a build made, kept in `.atelier-cache/` for the next process, so
//! that a build after a small edit renders and minifies only the pages whose inputs
//! changed. Output is the same bytes with or without it (`--no-cache`).
//!
//! - `key`: fingerprints of inputs (pure);
//! - `store`: the folder on disk, read once at the start and written once at the end;
//! - `memo`: one memo file, results keyed by what they were made from; `shards`: one kind
//!   of result kept in several memo files, so that an edit writes one again.
//!
//! What a page is made from (its key) is computed by the project from what the page reads
//! (`render::reads`, the same dependencies `serve` follows), so this module knows nothing
//! of pages but their output paths and keys.

pub mod key;
mod memo;
mod shards;
mod store;

pub use key::{Hasher, Key};
pub use memo::{Bytes, BytesRef, Memo, Staged};
pub use shards::Shards;
pub use store::{Cache, DIR, Kept, Page, SearchSlot, ensure, put_file, subdir};

/// Files by output path, as a search index is kept.
pub type Files = Vec<(String, Vec<u8>)>;

/// What a build keeps in the cache, saved only once its site is published: a build that
/// fails or is refused leaves the cache as it found it.
pub struct Keeping {
    pub cache: Cache,
    /// Pages this build rendered.
    pub fresh: Vec<Kept>,
    /// Pages it took from the cache, by path and key.
    pub reused: Vec<(String, Key)>,
    /// The search index it made, if the cache did not hold it.
    pub search: Option<(SearchSlot, Files)>,
    /// Memo files to write anew, with their new content.
    pub memos: Vec<(Memo, Vec<u8>)>,
    /// Memo files whose new content is written beside them already.
    pub staged: Vec<Staged>,
    /// Files a stage keeps in a folder of its own in the cache (image variants), by path.
    pub files: Vec<(std::path::PathBuf, Vec<u8>)>,
    /// A folder of the cache and the files of it this build used: the others are removed
    /// once the rest is saved (variants of images no page shows any more).
    pub only: Option<Prune>,
}

/// A folder of the cache to prune: every file in it that this build did not use and that
/// was last written before the build started. A file written since is another process's
/// (a `serve` beside the build writes its variants and their `.tmp` files there): it is
/// left alone, so two atelier processes never remove each other's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prune {
    pub folder: std::path::PathBuf,
    pub used: std::collections::BTreeSet<std::path::PathBuf>,
    pub before: std::time::SystemTime,
}

impl Prune {
    /// Removes the files of the folder the build neither used nor saw being written.
    fn apply(&self) {
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < self.before);
            if old && entry.file_type().is_ok_and(|t| t.is_file()) && !self.used.contains(&path) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

impl Keeping {
    /// Saves it all; `Some(line)` saying what failed, if anything did.
    pub fn save(self) -> Option<String> {
        let dir = self.cache.dir().display().to_string();
        let failed =
            |e: std::io::Error| crate::tr!("cache-not-written", folder = dir.as_str(), error = e.to_string());
        if let Err(e) = self.cache.save(&self.fresh, &self.reused) {
            return Some(failed(e));
        }
        for (memo, bytes) in &self.memos {
            if let Err(e) = memo.write(bytes) {
                return Some(failed(e));
            }
        }
        for staged in self.staged {
            if let Err(e) = staged.commit() {
                return Some(failed(e));
            }
        }
        for (file, bytes) in &self.files {
            if let Err(e) = store::put_file(self.cache.dir(), file, bytes) {
                return Some(failed(e));
            }
        }
        if let Some(prune) = &self.only {
            prune.apply();
        }
        if let Some((slot, files)) = &self.search {
            let files: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
            if let Err(e) = slot.put(&files) {
                return Some(failed(e));
            }
        }
        None
    }
}

/// The atelier that made a cache: its version and the digest of the sources it was built
/// from (`build.rs`), so that a cache made by another build of atelier, whose template
/// functions or Markdown may render differently, is never used, while the same atelier
/// copied or downloaded again (as in CI) finds its cache.
pub fn identity() -> String {
    format!(
        "atelier {} {}",
        env!("CARGO_PKG_VERSION"),
        env!("ATELIER_SOURCE_DIGEST")
    )
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::Prune;

    #[test]
    fn pruning_spares_what_was_used_and_what_another_process_wrote_since() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, age: u64| {
            let path = dir.path().join(name);
            std::fs::write(&path, name).unwrap();
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            f.set_modified(SystemTime::now() - Duration::from_secs(age))
                .unwrap();
            path
        };
        let used = file("used.webp", 3600);
        let stale = file("stale.webp", 3600);
        let crashed = file("stale.webp.123.tmp", 3600);
        let serve_new = file("new.webp", 0);
        let serve_tmp = file("new.webp.456.tmp", 0);
        Prune {
            folder: dir.path().to_path_buf(),
            used: [used.clone()].into(),
            before: SystemTime::now() - Duration::from_secs(60),
        }
        .apply();
        assert!(used.exists(), "a variant the build showed stays");
        assert!(
            serve_new.exists() && serve_tmp.exists(),
            "what another process wrote during the build stays"
        );
        assert!(
            !stale.exists() && !crashed.exists(),
            "old files no page uses are removed"
        );
    }
}
