//! Results computed from a file's bytes (what the checks read of a page), kept in the cache
//! folder by the digest of those bytes, one file per kind of result (`<name>.memo`): a
//! page unchanged since the last build is not read again.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::key::Key;

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    identity: String,
    /// Digest of `entries` as postcard writes them.
    digest: u64,
    entries: Vec<u8>,
}

const FORMAT: &str = "atelier-memo/1";

/// One memo file of the cache (see [`super::Cache::memo`]).
pub struct Memo {
    pub(super) path: PathBuf,
    pub(super) identity: String,
}

impl Memo {
    /// What the file holds, if it is this atelier's and intact; else nothing.
    pub fn read<T: DeserializeOwned>(&self) -> HashMap<Key, T> {
        let Ok(bytes) = std::fs::read(&self.path) else {
            return HashMap::new();
        };
        let Ok(file) = postcard::from_bytes::<File>(&bytes) else {
            return HashMap::new();
        };
        if file.format != FORMAT || file.identity != self.identity || xxh3_64(&file.entries) != file.digest {
            return HashMap::new();
        }
        postcard::from_bytes::<Vec<(Key, T)>>(&file.entries)
            .map(|e| e.into_iter().collect())
            .unwrap_or_default()
    }

    /// The file's new content: `entries`, the results this build used.
    pub fn encode<T: Serialize>(&self, entries: &[(Key, &T)]) -> Option<Vec<u8>> {
        let entries = postcard::to_allocvec(entries).ok()?;
        let file = File {
            format: FORMAT.to_string(),
            identity: self.identity.clone(),
            digest: xxh3_64(&entries),
            entries,
        };
        postcard::to_allocvec(&file).ok()
    }

    /// Writes `bytes` (from [`Memo::encode`]) in place of the file.
    pub(super) fn write(&self, bytes: &[u8]) -> std::io::Result<()> {
        let tmp = self
            .path
            .with_extension(format!("memo.{}.tmp", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(tmp, &self.path)
    }
}
