//! The build cache: what a build made, kept in `.atelier-cache/` for the next process, so
//! that a build after a small edit renders and minifies only the pages whose inputs
//! changed. Output is the same bytes with or without it (`--no-cache`).
//!
//! - `key`: fingerprints of inputs (pure);
//! - `store`: the folder on disk, read once at the start and written once at the end.
//!
//! What a page is made from (its key) is computed by the project from what the page reads
//! (`render::reads`, the same dependencies `serve` follows), so this module knows nothing
//! of pages but their output paths and keys.

pub mod key;
mod memo;
mod store;

pub use key::{Hasher, Key};
pub use memo::Memo;
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
    /// Files a stage keeps in a folder of its own in the cache (image variants), by path.
    pub files: Vec<(std::path::PathBuf, Vec<u8>)>,
    /// A folder of the cache and the files of it this build used: the others are removed
    /// once the rest is saved (variants of images no page shows any more).
    pub only: Option<(std::path::PathBuf, std::collections::BTreeSet<std::path::PathBuf>)>,
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
        for (file, bytes) in &self.files {
            if let Err(e) = store::put_file(self.cache.dir(), file, bytes) {
                return Some(failed(e));
            }
        }
        if let Some((folder, used)) = &self.only
            && let Ok(entries) = std::fs::read_dir(folder)
        {
            for entry in entries.flatten() {
                let path = entry.path();
                if entry.file_type().is_ok_and(|t| t.is_file()) && !used.contains(&path) {
                    let _ = std::fs::remove_file(&path);
                }
            }
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
