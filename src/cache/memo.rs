//! Results computed from a file's bytes (what the checks read of a page), kept in the cache
//! folder by the digest of those bytes, one file per kind of result (`<name>.memo`): a
//! page unchanged since the last build is not read again.

use rustc_hash::FxHashMap as HashMap;
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
    /// Read as one block (a `Vec<u8>` is read one byte at a time: a twentieth of a
    /// rebuild's time went there); postcard writes both the same way.
    entries: Bytes,
}

const FORMAT: &str = "atelier-memo/1";

/// One memo file of the cache (see [`super::Cache::memo`]).
#[derive(Clone)]
pub struct Memo {
    pub(super) path: PathBuf,
    pub(super) identity: String,
}

impl Memo {
    /// What the file holds, if it is this atelier's and intact; else nothing.
    pub fn read<T: DeserializeOwned>(&self) -> HashMap<Key, T> {
        self.read_noting().0
    }

    /// What the file holds, as [`Memo::read`], with one line saying why nothing was taken
    /// from a file that is there but damaged. A file made by another atelier is passed over
    /// without a word, as the rest of the cache is.
    pub fn read_noting<T: DeserializeOwned>(&self) -> (HashMap<Key, T>, Option<String>) {
        let Ok(bytes) = std::fs::read(&self.path) else {
            return (HashMap::default(), None);
        };
        let damaged = || {
            let line = format!("{}: damaged; not used, made again", self.path.display());
            (HashMap::default(), Some(line))
        };
        let Ok(file) = postcard::from_bytes::<File>(&bytes) else {
            return damaged();
        };
        if file.format != FORMAT || file.identity != self.identity {
            return (HashMap::default(), None);
        }
        if xxh3_64(&file.entries.0) != file.digest {
            return damaged();
        }
        match postcard::from_bytes::<Vec<(Key, T)>>(&file.entries.0) {
            Ok(e) => (e.into_iter().collect(), None),
            Err(_) => damaged(),
        }
    }

    /// The file's new content: `entries`, the results this build used.
    pub fn encode<T: Serialize>(&self, entries: &[(Key, &T)]) -> Option<Vec<u8>> {
        let entries = postcard::to_allocvec(entries).ok()?;
        let file = File {
            format: FORMAT.to_string(),
            identity: self.identity.clone(),
            digest: xxh3_64(&entries),
            entries: Bytes(entries),
        };
        postcard::to_allocvec(&file).ok()
    }

    /// Writes `bytes` (from [`Memo::encode`]) beside the file now, so that they need not be
    /// held until the site is published: [`super::Keeping::save`] puts them in its place,
    /// and they are removed if it never does. A build that makes the cache folder (the
    /// first) holds them instead: one that is refused or fails must leave no folder behind.
    pub fn stage(&self, bytes: &[u8]) -> std::io::Result<Staged> {
        let held = match self.path.parent() {
            Some(dir) if dir.is_dir() => {
                super::store::ensure(dir)?;
                let tmp = self
                    .path
                    .with_extension(format!("memo.{}.staged.tmp", std::process::id()));
                std::fs::write(&tmp, bytes)?;
                Held::Beside(tmp)
            }
            _ => Held::InMemory(bytes.to_vec()),
        };
        Ok(Staged {
            held,
            path: self.path.clone(),
            done: false,
        })
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

/// A memo file's new content ([`Memo::stage`]).
pub struct Staged {
    held: Held,
    path: PathBuf,
    done: bool,
}

/// Where a staged memo waits for the site to be published.
enum Held {
    /// In a temporary file beside the memo file.
    Beside(PathBuf),
    /// In memory, while the cache folder does not exist.
    InMemory(Vec<u8>),
}

impl Staged {
    /// Puts the new content in place of the file.
    pub(super) fn commit(mut self) -> std::io::Result<()> {
        self.done = true;
        match &self.held {
            Held::Beside(tmp) => std::fs::rename(tmp, &self.path),
            Held::InMemory(bytes) => {
                let dir = self.path.parent().unwrap_or(std::path::Path::new("."));
                super::store::put_file(dir, &self.path, bytes)
            }
        }
    }
}

impl Drop for Staged {
    /// A build that is not published leaves the cache as it found it.
    fn drop(&mut self) {
        if let (false, Held::Beside(tmp)) = (self.done, &self.held) {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Bytes kept in a memo as one block: serde writes a `Vec<u8>` one element at a time,
/// which made reading and writing the search records (megabytes) a tenth of the index's
/// time after an edit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bytes(pub Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

/// Borrowed bytes written as [`Bytes`] writes them.
pub struct BytesRef<'a>(pub &'a [u8]);

impl Serialize for BytesRef<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
        }
        deserializer.deserialize_byte_buf(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Bytes;

    #[test]
    fn bytes_are_written_as_a_sequence_of_bytes_is() {
        // Files written with a `Vec<u8>` read back as `Bytes`, and the other way round.
        let b: Vec<u8> = (0..=255).collect();
        let block = postcard::to_allocvec(&super::BytesRef(&b)).unwrap();
        assert_eq!(block, postcard::to_allocvec(&b).unwrap());
        assert_eq!(postcard::from_bytes::<Vec<u8>>(&block).unwrap(), b);
    }

    #[test]
    fn bytes_are_kept_as_they_were() {
        for b in [vec![], vec![0, 255, 7], vec![42; 1000]] {
            let encoded = postcard::to_allocvec(&Bytes(b.clone())).unwrap();
            assert!(encoded.len() <= b.len() + 2, "one block: a length and the bytes");
            assert_eq!(postcard::from_bytes::<Bytes>(&encoded).unwrap(), Bytes(b));
        }
    }
}
