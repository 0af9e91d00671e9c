//! What `build` and `serve` keep of images: each source's plan, read again only when the
//! file changed (size or modification time), and the encoded variants, kept in
//! `.atelier-cache/images/` so that a build re-encodes nothing unchanged.
//!
//! A kept variant is its bytes followed by their XXH3-64 digest: one that does not match
//! (a file cut short) is encoded again.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::plan::{Picture, Variant};
use super::{decode, encode};
use crate::cache::Hasher;

/// What a run did with variants.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Variants encoded.
    pub encoded: usize,
    /// Variants taken from `.atelier-cache/images/`.
    pub reused: usize,
}

/// A source file as last looked at: its size and modification time.
type Stamp = (u64, Option<SystemTime>);

type Looked = (Stamp, Result<Arc<Picture>, String>);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// When a library writes the variants it encodes into the cache folder.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// Never (`check`, or no cache).
    #[default]
    No,
    /// As soon as encoded (`serve`, which has no end to wait for).
    Now,
    /// Once the build is published: a build that fails or is refused leaves the cache as it
    /// was.
    Held,
}

#[derive(Default)]
pub struct Library {
    /// Where variants are kept between runs; `None` without the build cache.
    dir: Option<PathBuf>,
    /// What is done with variants encoded: kept there at once (`serve`), held until the
    /// build is published ([`Library::take_held`]), or not kept (`check` writes nothing).
    write: Write,
    held: Mutex<Vec<(PathBuf, Vec<u8>)>>,
    /// With [`Write::Held`]: the file of every variant this build showed, kept or encoded.
    used: Mutex<Vec<PathBuf>>,
    /// When the library was made (the build's start): files of the folder written since
    /// are another process's (a `serve` next to the build) and are never pruned.
    made: Option<SystemTime>,
    looked: Mutex<HashMap<(PathBuf, String), Looked>>,
    encoded: AtomicUsize,
    reused: AtomicUsize,
}

impl Library {
    /// `dir`: the folder variants are kept in, if any (created when first written).
    pub fn new(dir: Option<PathBuf>, write: Write) -> Library {
        Library {
            dir,
            write,
            made: Some(SystemTime::now()),
            ..Library::default()
        }
    }

    /// The plan of the image read from `src` and published at `dest`, or why it cannot be
    /// read. Reads the file only when it changed since it was last looked at.
    pub fn look(&self, src: &Path, dest: &str) -> Result<Arc<Picture>, String> {
        let meta =
            std::fs::metadata(src).map_err(|e| crate::tr!("image-cannot-read", error = e.to_string()))?;
        let stamp = (meta.len(), meta.modified().ok());
        let key = (src.to_path_buf(), dest.to_string());
        if let Some((s, found)) = self.lock().get(&key)
            && *s == stamp
        {
            return found.clone();
        }
        let found = read(src, dest, meta.len()).map(Arc::new);
        self.lock().insert(key, (stamp, found.clone()));
        found
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(PathBuf, String), Looked>> {
        self.looked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The bytes of every variant of `pictures`, by output path: taken from the cache
    /// folder, or encoded (and kept there). An image that cannot be decoded gives its
    /// message, once per variant.
    pub fn make(&self, pictures: &[Arc<Picture>]) -> Vec<(String, Result<Vec<u8>, String>)> {
        pictures.par_iter().flat_map_iter(|p| self.variants(p)).collect()
    }

    /// The variants of one image, from the largest down: each is resized from the one
    /// above it (from a 1440-pixel image rather than from a 6000-pixel photo each time).
    fn variants(&self, p: &Picture) -> Vec<(String, Result<Vec<u8>, String>)> {
        let mut above: Option<Result<image::DynamicImage, String>> = None;
        let mut out: Vec<_> = p
            .variants
            .iter()
            .rev()
            .map(|v| {
                if self.write == Write::Held
                    && let Some(file) = self.file(v)
                {
                    lock(&self.used).push(file);
                }
                if let Some(bytes) = self.kept(v) {
                    self.reused.fetch_add(1, Ordering::Relaxed);
                    return (v.path.clone(), Ok(bytes));
                }
                let image = above.take().unwrap_or_else(|| {
                    let bytes = std::fs::read(&p.src)
                        .map_err(|e| crate::tr!("image-cannot-read", error = e.to_string()))?;
                    decode::pixels(&bytes, p.orientation)
                });
                let made = image.as_ref().map_err(Clone::clone).and_then(|image| {
                    let resized = encode::resize(image, v);
                    let bytes = encode::variant(&resized, p.format)?;
                    Ok((resized, bytes))
                });
                match made {
                    Ok((resized, bytes)) => {
                        above = Some(Ok(resized));
                        self.encoded.fetch_add(1, Ordering::Relaxed);
                        self.keep(v, &bytes);
                        (v.path.clone(), Ok(bytes))
                    }
                    Err(e) => {
                        above = Some(Err(e.clone()));
                        (v.path.clone(), Err(e))
                    }
                }
            })
            .collect();
        out.reverse();
        out
    }

    fn file(&self, v: &Variant) -> Option<PathBuf> {
        Some(
            self.dir
                .as_ref()?
                .join(format!("{:032x}.{}", v.key.0, ext(&v.path))),
        )
    }

    /// A kept variant, if intact.
    fn kept(&self, v: &Variant) -> Option<Vec<u8>> {
        let mut bytes = std::fs::read(self.file(v)?).ok()?;
        let at = bytes.len().checked_sub(8)?;
        let digest = u64::from_le_bytes(bytes[at..].try_into().ok()?);
        bytes.truncate(at);
        (xxh3_64(&bytes) == digest).then_some(bytes)
    }

    /// Keeps a variant for the next run; a failure only costs encoding it again.
    fn keep(&self, v: &Variant, bytes: &[u8]) {
        let Some(file) = self.file(v) else {
            return;
        };
        let mut kept = Vec::with_capacity(bytes.len() + 8);
        kept.extend_from_slice(bytes);
        kept.extend_from_slice(&xxh3_64(bytes).to_le_bytes());
        match self.write {
            Write::No => {}
            Write::Now => {
                // The cache folder is the variants folder's parent.
                if let Some(cache) = file.parent().and_then(Path::parent) {
                    let _ = crate::cache::put_file(cache, &file, &kept);
                }
            }
            Write::Held => lock(&self.held).push((file, kept)),
        }
    }

    /// The variants encoded and held since the last call, as files to write into the
    /// cache (with the rest of it, once the build is published), and the folder with the
    /// files of every variant the build showed: the others are variants of images no
    /// longer shown, which the save removes.
    pub fn take_held(&self) -> (Vec<(PathBuf, Vec<u8>)>, Option<crate::cache::Prune>) {
        let mut held = std::mem::take(&mut *lock(&self.held));
        held.sort_by(|a, b| a.0.cmp(&b.0));
        let used: BTreeSet<PathBuf> = std::mem::take(&mut *lock(&self.used)).into_iter().collect();
        let kept = (self.write == Write::Held)
            .then(|| self.dir.clone())
            .flatten()
            .map(|folder| crate::cache::Prune {
                folder,
                used,
                before: self.made.unwrap_or(SystemTime::UNIX_EPOCH),
            });
        (held, kept)
    }

    /// What was done since the last call, counted anew from there.
    pub fn take_counts(&self) -> Counts {
        Counts {
            encoded: self.encoded.swap(0, Ordering::Relaxed),
            reused: self.reused.swap(0, Ordering::Relaxed),
        }
    }
}

fn ext(path: &str) -> &str {
    path.rsplit_once('.').map_or("", |(_, e)| e)
}

/// Reads an image's header and digest, and plans its variants.
fn read(src: &Path, dest: &str, len: u64) -> Result<Picture, String> {
    if len > decode::MAX_BYTES {
        return Err(crate::tr!(
            "image-too-heavy",
            size = (len / 1_000_000).to_string(),
            limit = (decode::MAX_BYTES / 1024 / 1024).to_string()
        ));
    }
    let bytes = std::fs::read(src).map_err(|e| crate::tr!("image-cannot-read", error = e.to_string()))?;
    let (size, orientation) = decode::header(&bytes)?;
    let digest = Hasher::new().bytes(&bytes).finish();
    let mut picture = Picture::plan(src.to_path_buf(), dest, digest, len, orientation, size);
    picture.located = decode::located(&bytes);
    Ok(picture)
}
