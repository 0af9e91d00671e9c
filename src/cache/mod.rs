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
mod store;

pub use key::{Hasher, Key};
pub use store::{Cache, DIR, Entry, Page, SearchSlot};

/// The atelier that made a cache: its version and its very executable (size and time of
/// last change), so that a cache made by another build of atelier, whose template
/// functions or Markdown may render differently, is never used. `None` when the
/// executable cannot be looked at: then no cache is used.
pub fn identity() -> Option<String> {
    let meta = std::env::current_exe().and_then(|p| p.metadata()).ok()?;
    let changed = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!(
        "atelier {} {}:{}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        changed.as_nanos()
    ))
}
