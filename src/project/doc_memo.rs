//! The documents' data kept in the build cache (`documents-NN.memo`): what loading made of
//! each content file's front matter, found again by the file's path and text, so that a
//! build parses only the files that changed ([`crate::content::Earlier`]).
//!
//! Only files that loaded without a problem are kept: a file with a warning is read again
//! by every build, so that its messages are made anew, in the language of the day.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::cache::{Bytes, Cache, Hasher, Key, Memo, Shards};
use crate::content::{Data, Document, Earlier, record};
use crate::diagnostic::Diagnostic;

/// The memo files' name in the cache folder.
const NAME: &str = "documents";

pub(super) struct DocMemo {
    shards: Shards<Bytes>,
}

/// What a build did with the memo, once the content is loaded.
pub(super) struct Sealed {
    /// The new content of the memo files that change.
    pub(super) files: Vec<(Memo, Vec<u8>)>,
    /// Why a memo file was not used, if one is damaged.
    pub(super) note: Option<String>,
    /// The documents taken from the memo, and the documents in all.
    pub(super) taken: (usize, usize),
}

fn key(path: &Path, rel: &str, source: &str) -> Key {
    Hasher::new()
        .str(&path.to_string_lossy())
        .str(rel)
        .str(source)
        .finish()
}

impl DocMemo {
    /// The memo of `cache`; `None` when the cache is not written.
    pub(super) fn open(cache: &Cache) -> Option<DocMemo> {
        Some(DocMemo {
            shards: Shards::open(cache, NAME)?,
        })
    }

    /// Once the content is loaded: what to write of the memo to keep every document of
    /// `docs` that loaded without a problem (none in `diags`), and what the memo gave.
    pub(super) fn seal(
        mut self,
        docs: &BTreeMap<String, Arc<Document>>,
        diags: &BTreeMap<String, Vec<Diagnostic>>,
    ) -> Sealed {
        use rayon::prelude::*;
        let mut used = Vec::new();
        // The keys hash every source again (10 ms at 10,000 fiches): on the pool.
        let loaded: Vec<&Arc<Document>> = docs.values().filter(|d| !diags.contains_key(&d.rel)).collect();
        let keys: Vec<Key> = loaded
            .par_iter()
            .map(|d| key(&d.path, &d.rel, &d.source))
            .collect();
        let entries: Vec<(Key, Bytes)> = loaded
            .into_iter()
            .zip(keys)
            .filter_map(|(d, key)| {
                if let Some(bytes) = self.shards.take(key) {
                    used.push(key);
                    return Some((key, bytes));
                }
                Some((key, Bytes(record::encode(&d.data)?)))
            })
            .collect();
        self.shards.used(used);
        Sealed {
            files: self.shards.seal(entries),
            note: self.shards.note.take(),
            taken: (self.shards.used_count(), docs.len()),
        }
    }
}

impl Earlier for DocMemo {
    fn data(&self, path: &Path, rel: &str, source: &str) -> Option<Data> {
        let bytes = self.shards.get(&key(path, rel, source))?;
        record::decode(&bytes.0)
    }
}
