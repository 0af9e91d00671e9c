//! The cache folder on disk: `.atelier-cache/` at the site root, which atelier alone writes.
//!
//! - `CACHEDIR.TAG` marks it as a cache (backup tools skip it) and as atelier's: a folder of
//!   that name without it is someone else's, never read nor written;
//! - `.gitignore` keeps it out of Git (`*`);
//! - `pages.pack`: the bytes of the pages, one after the other, only ever appended to (or
//!   written anew, when most of it is no longer used);
//! - `pages.idx`: which pages the pack holds, with what they were made from. Written to a
//!   temporary file, then renamed over the old one;
//! - `search.bin`: the search index of the last build, whole, with the key of what it
//!   indexed, and the key of its pages by their page keys (found before any page is read).
//!
//! Nothing read is trusted: the index must parse and name this very atelier, and each
//! page's bytes are checked against the digest the index gives before they are used. A
//! cache that fails is set aside with one line, and the build renders what it needs.

use rustc_hash::FxHashMap as HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::key::Key;

/// The folder, at the site root.
pub const DIR: &str = ".atelier-cache";
const TAG: &str = "CACHEDIR.TAG";
const TAG_TEXT: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# The build cache of atelier: it holds only what a build can make again, and may be deleted.\n";
/// Whether a `CACHEDIR.TAG` is atelier's: the standard signature, then a comment naming
/// atelier. Its wording may change between versions (the tag is written again at the next
/// save), so only this is compared: an older atelier's folder is still its cache.
fn is_atelier_tag(text: &str) -> bool {
    let mut lines = text.lines();
    lines.next() == TAG_TEXT.lines().next()
        && lines
            .next()
            .is_some_and(|l| l.starts_with('#') && l.contains("atelier"))
}

const INDEX: &str = "pages.idx";
const SEARCH: &str = "search.bin";
const PACK: &str = "pages.pack";
/// Files that earlier atelier versions kept in the cache and this one no longer reads,
/// removed when a build saves the cache: `check.memo`, every page's parsed links in one
/// file, now `check-NN.memo` (`project/check_memo.rs`); `search-pages.memo`, every page's
/// search record in one file, now `search-pages-NN.memo` (`hosting/search.rs`).
const RETIRED: &[&str] = &["check.memo", "search-pages.memo"];
/// The index's format: a change of layout changes it.
const FORMAT: &str = "atelier-cache/4";

/// Where a page's bytes are in the pack, and their digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Blob {
    offset: u64,
    len: u64,
    digest: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    path: String,
    key: Key,
    /// The page as rendered, when the build that kept it had a search index to read it,
    /// or did not minify.
    rendered: Option<Blob>,
    /// The minified page, when the build minified.
    minified: Option<Blob>,
    /// What the key was made from, as the project writes it (opaque here): a build that
    /// finds the same key from it again has the page without working out its key anew.
    trace: super::Bytes,
}

/// The start of an index, the same in every format: what it is and which atelier wrote it.
#[derive(Deserialize)]
struct Header {
    format: String,
    identity: String,
}

#[derive(Serialize, Deserialize)]
struct Index {
    format: String,
    /// The atelier that wrote it (see [`super::identity`]).
    identity: String,
    pages: Vec<Stored>,
}

/// A page as the cache holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// As rendered, before minification (what the search index reads): `None` when the
    /// build had no use for it (it minified, and had no search index).
    pub rendered: Option<Vec<u8>>,
    pub minified: Option<Vec<u8>>,
}

/// A page this build rendered, to keep for the next one.
pub struct Kept {
    pub path: String,
    pub key: Key,
    /// What the key was made from (see [`Cache::trace`]).
    pub trace: Vec<u8>,
    pub page: Page,
}

/// The cache of a site, as found at the start of a build: its index in memory, its pack
/// open (pages are read from it one by one, when asked for).
pub struct Cache {
    dir: PathBuf,
    identity: String,
    entries: HashMap<String, Stored>,
    pack: Option<std::fs::File>,
    /// The folder is atelier's, or not there yet.
    writable: bool,
    /// Why the cache was not used (one line), if it was not.
    pub note: Option<String>,
}

impl Cache {
    /// Reads the index of the cache of the site at `root`. Never fails: what cannot be
    /// used is noted.
    pub fn open(root: &Path, identity: &str) -> Cache {
        Cache::open_with(root, identity, true)
    }

    /// The cache of the site at `root` for its memo files only: its index of pages is not
    /// read (a tenth of the memo files' time at 10,000 pages), so none is found in it.
    pub fn open_for_memos(root: &Path, identity: &str) -> Cache {
        Cache::open_with(root, identity, false)
    }

    fn open_with(root: &Path, identity: &str, pages: bool) -> Cache {
        let dir = root.join(DIR);
        let mut cache = Cache {
            dir: dir.clone(),
            identity: identity.to_string(),
            entries: HashMap::default(),
            pack: None,
            writable: true,
            note: None,
        };
        if !dir.exists() {
            return cache;
        }
        let shown = dir.display();
        match std::fs::read_to_string(dir.join(TAG)) {
            Ok(t) if is_atelier_tag(&t) => {}
            _ => {
                cache.writable = false;
                cache.note = Some(format!(
                    "{shown} is not atelier's build cache (no {TAG} of atelier's in it): left alone, \
                     built without cache; remove or rename that folder to have one"
                ));
                return cache;
            }
        }
        if !pages {
            return cache;
        }
        let index = match std::fs::read(dir.join(INDEX)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return cache,
            Err(e) => {
                cache.note = Some(format!(
                    "{shown}: could not read {INDEX} ({e}); built without cache"
                ));
                return cache;
            }
        };
        // Another atelier's cache, whose pages may be laid out otherwise: quietly made
        // again, as cargo does after an update. Its header says so before the pages are read.
        let damaged = |mut cache: Cache| {
            cache.note = Some(format!("{shown}: {INDEX} is damaged; not used, made again"));
            cache
        };
        match postcard::take_from_bytes::<Header>(&index) {
            Ok((h, _)) if h.format == FORMAT && h.identity == identity => {}
            Ok(_) => return cache,
            Err(_) => return damaged(cache),
        }
        let Ok(index) = postcard::from_bytes::<Index>(&index) else {
            return damaged(cache);
        };
        match std::fs::File::open(dir.join(PACK)) {
            Ok(pack) => cache.pack = Some(pack),
            Err(e) => {
                cache.note = Some(format!(
                    "{shown}: could not read {PACK} ({e}); built without cache"
                ));
                return cache;
            }
        }
        cache.entries = index.pages.into_iter().map(|s| (s.path.clone(), s)).collect();
        cache
    }

    /// The memo file `name` (see [`super::Memo`]); `None` when the cache is not written.
    pub fn memo(&self, name: &str) -> Option<super::Memo> {
        self.writable.then(|| super::Memo {
            path: self.dir.join(format!("{name}.memo")),
            identity: self.identity.clone(),
        })
    }

    /// The cache's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The place of the search index made from inputs of key `key`; `None` when the cache
    /// is not written.
    pub fn search(&self, key: Key) -> Option<SearchSlot> {
        self.writable.then(|| SearchSlot {
            dir: self.dir.clone(),
            identity: self.identity.clone(),
            key,
            pages: None,
        })
    }

    /// The search index files kept for the pages whose page keys give `pages` (see
    /// [`SearchSlot::pages`]), if the cache holds them intact.
    pub fn search_of_pages(&self, pages: Key) -> Option<Vec<(String, Vec<u8>)>> {
        read_search(&self.dir, &self.identity, |kept| kept.pages == Some(pages))
    }

    /// The key the cache holds the page at output `path` under, with what it was made from
    /// (as [`Kept::trace`] gave it).
    pub fn trace(&self, path: &str) -> Option<(Key, &[u8])> {
        self.entries.get(path).map(|s| (s.key, s.trace.0.as_slice()))
    }

    /// The page at output `path`, if the cache holds it made from `key` and intact.
    pub fn get(&self, path: &str, key: Key) -> Option<Page> {
        self.get_some(path, key, true)
    }

    /// [`Cache::get`], without reading the page as rendered unless `rendered` (it is then
    /// `None`): a build that minifies and has no search index reads only the minified
    /// bytes. A page kept without its rendered bytes is not there for a build that asks
    /// for them.
    pub fn get_some(&self, path: &str, key: Key, rendered: bool) -> Option<Page> {
        let s = self.entries.get(path).filter(|s| s.key == key)?;
        let rendered = match (rendered, s.rendered) {
            (true, Some(b)) => Some(self.blob(b)?),
            (true, None) => return None,
            (false, _) => None,
        };
        let minified = match s.minified {
            Some(b) => Some(self.blob(b)?),
            None => None,
        };
        Some(Page { rendered, minified })
    }

    /// The bytes of a blob, if they are in the pack and match their digest.
    fn blob(&self, b: Blob) -> Option<Vec<u8>> {
        let mut bytes = vec![0; usize::try_from(b.len).ok()?];
        read_at(self.pack.as_ref()?, &mut bytes, b.offset).ok()?;
        (xxh3_64(&bytes) == b.digest).then_some(bytes)
    }

    /// Keeps, for the next build, the pages this one rendered (`fresh`) and those it took
    /// from the cache (`reused`, by path and key), in place of what the cache held. Reused
    /// pages keep their place in the pack and fresh ones are appended, unless most of the
    /// pack would then be pages no longer used: it is then written anew.
    pub fn save(&self, fresh: &[Kept], reused: &[(String, Key)]) -> std::io::Result<()> {
        if !self.writable {
            return Ok(());
        }
        ensure(&self.dir)?;
        let old: Vec<&Stored> = reused
            .iter()
            .filter_map(|(path, key)| self.entries.get(path).filter(|s| s.key == *key))
            .collect();
        let live: u64 = old
            .iter()
            .map(|s| s.rendered.map_or(0, |b| b.len) + s.minified.map_or(0, |b| b.len))
            .sum();
        let pack_len = match &self.pack {
            Some(f) => f.metadata()?.len(),
            None => 0,
        };
        let anew = pack_len == 0 || live * 2 < pack_len;
        let (mut pack, mut at) = if anew {
            (std::fs::File::create(self.temporary(PACK))?, 0u64)
        } else {
            let f = std::fs::OpenOptions::new()
                .append(true)
                .open(self.dir.join(PACK))?;
            let at = f.metadata()?.len();
            (f, at)
        };
        let mut buf: Vec<u8> = Vec::new();
        let mut put = |bytes: &[u8], buf: &mut Vec<u8>| {
            let blob = Blob {
                offset: at,
                len: bytes.len() as u64,
                digest: xxh3_64(bytes),
            };
            buf.extend_from_slice(bytes);
            at += bytes.len() as u64;
            blob
        };
        let mut stored: Vec<Stored> = Vec::with_capacity(fresh.len() + old.len());
        for s in old {
            if !anew {
                stored.push(s.clone());
                continue;
            }
            // Written anew: the page is copied from the old pack, if it is still intact.
            let rendered = match s.rendered {
                Some(b) => match self.blob(b) {
                    Some(r) => Some(r),
                    None => continue,
                },
                None => None,
            };
            let minified = match s.minified {
                Some(b) => match self.blob(b) {
                    Some(m) => Some(m),
                    None => continue,
                },
                None => None,
            };
            stored.push(Stored {
                path: s.path.clone(),
                key: s.key,
                rendered: rendered.map(|r| put(&r, &mut buf)),
                minified: minified.map(|m| put(&m, &mut buf)),
                trace: s.trace.clone(),
            });
            flush(&mut pack, &mut buf)?;
        }
        for k in fresh {
            stored.push(Stored {
                path: k.path.clone(),
                key: k.key,
                rendered: k.page.rendered.as_ref().map(|r| put(r, &mut buf)),
                minified: k.page.minified.as_ref().map(|m| put(m, &mut buf)),
                trace: super::Bytes(k.trace.clone()),
            });
            flush(&mut pack, &mut buf)?;
        }
        pack.write_all(&buf)?;
        drop(pack);
        if anew {
            std::fs::rename(self.temporary(PACK), self.dir.join(PACK))?;
        }
        stored.sort_by(|a, b| a.path.cmp(&b.path));
        let index = Index {
            format: FORMAT.to_string(),
            identity: self.identity.clone(),
            pages: stored,
        };
        let bytes = postcard::to_allocvec(&index).map_err(std::io::Error::other)?;
        std::fs::write(self.temporary(INDEX), bytes)?;
        std::fs::rename(self.temporary(INDEX), self.dir.join(INDEX))?;
        for name in RETIRED {
            match std::fs::remove_file(self.dir.join(name)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }

    /// A file of this process, renamed over `name` once written: two builds at once never
    /// write into the same file (their pages are checked by digest when read).
    fn temporary(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.{}.tmp", std::process::id()))
    }
}

/// Writes what `buf` holds once it is large enough.
fn flush(pack: &mut std::fs::File, buf: &mut Vec<u8>) -> std::io::Result<()> {
    if buf.len() >= 1 << 22 {
        pack.write_all(buf)?;
        buf.clear();
    }
    Ok(())
}

/// Fills `buf` from `file` at `offset`, leaving the file's position alone.
#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &std::fs::File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut std::mem::take(&mut buf)[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// The folder `name` inside the cache of the site at `root`, where a stage keeps files of
/// its own (the image variants); `None` when `.atelier-cache/` is someone else's, or when
/// it is not there and `create` is false. Nothing is created here: the first file kept
/// there makes the folders ([`ensure`]).
pub fn subdir(root: &Path, name: &str, create: bool) -> Option<PathBuf> {
    let dir = root.join(DIR);
    if dir.exists() {
        let ours = std::fs::read_to_string(dir.join(TAG)).is_ok_and(|t| is_atelier_tag(&t));
        return ours.then(|| dir.join(name));
    }
    create.then(|| dir.join(name))
}

/// Makes the cache folder `dir` (`.atelier-cache/`) atelier's if it is not yet: created,
/// with its tag and its own `.gitignore`.
pub fn ensure(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    if std::fs::read_to_string(dir.join(TAG)).ok().as_deref() != Some(TAG_TEXT) {
        std::fs::write(dir.join(TAG), TAG_TEXT)?;
        std::fs::write(dir.join(".gitignore"), "# atelier's build cache\n*\n")?;
    }
    Ok(())
}

/// Writes `bytes` at `file` under the cache folder `dir`, through a temporary file renamed
/// over it: a file is whole or absent.
pub fn put_file(dir: &Path, file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    ensure(dir)?;
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = file.with_extension(format!("{}.tmp", std::process::id()));
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, file));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The search index files, as kept.
#[derive(Serialize, Deserialize)]
struct SearchFile {
    format: String,
    identity: String,
    key: Key,
    /// The key of the pages it indexed, by their page keys (see [`SearchSlot::pages`]).
    pages: Option<Key>,
    /// Digest of `files` as postcard writes them.
    digest: u64,
    files: super::Bytes,
}

/// Where the search index made from given pages is kept (see [`Cache::search`]).
pub struct SearchSlot {
    dir: PathBuf,
    identity: String,
    key: Key,
    pages: Option<Key>,
}

/// The start of `search.bin`, as [`SearchFile`] begins: enough to know whether the files
/// are the ones looked for before reading them (25 MB at 10,000 pages of the DSFR theme).
#[derive(Deserialize)]
struct SearchHeader {
    format: String,
    identity: String,
    key: Key,
    pages: Option<Key>,
}

/// The search index files of `dir`, if they are this atelier's, intact and `fit`.
fn read_search(
    dir: &Path,
    identity: &str,
    fit: impl Fn(&SearchHeader) -> bool,
) -> Option<Vec<(String, Vec<u8>)>> {
    use std::io::Read;
    let mut file = std::fs::File::open(dir.join(SEARCH)).ok()?;
    let mut start = Vec::with_capacity(4096);
    (&mut file).take(4096).read_to_end(&mut start).ok()?;
    let (header, _) = postcard::take_from_bytes::<SearchHeader>(&start).ok()?;
    if header.format != FORMAT || header.identity != identity || !fit(&header) {
        return None;
    }
    let mut bytes = start;
    file.read_to_end(&mut bytes).ok()?;
    let kept: SearchFile = postcard::from_bytes(&bytes).ok()?;
    if xxh3_64(&kept.files.0) != kept.digest {
        return None;
    }
    let files: Vec<(String, super::Bytes)> = postcard::from_bytes(&kept.files.0).ok()?;
    Some(files.into_iter().map(|(path, bytes)| (path, bytes.0)).collect())
}

impl SearchSlot {
    /// The index files (path in the output, bytes), if the cache holds them for this key.
    pub fn get(&self) -> Option<Vec<(String, Vec<u8>)>> {
        read_search(&self.dir, &self.identity, |kept| kept.key == self.key)
    }

    /// Also keeps the index under `pages`: a key of the indexed pages' addresses and page
    /// keys (a page's key gives its bytes), which a later build can look up before it has
    /// read any page ([`Cache::search_of_pages`]).
    pub fn pages(self, pages: Option<Key>) -> SearchSlot {
        SearchSlot { pages, ..self }
    }

    /// Keeps the index files for the next build.
    pub fn put(&self, files: &[(&str, &[u8])]) -> std::io::Result<()> {
        let files: Vec<(&str, super::BytesRef<'_>)> = files
            .iter()
            .map(|(path, bytes)| (*path, super::BytesRef(bytes)))
            .collect();
        let files = postcard::to_allocvec(&files).map_err(std::io::Error::other)?;
        let kept = SearchFile {
            format: FORMAT.to_string(),
            identity: self.identity.clone(),
            key: self.key,
            pages: self.pages,
            digest: xxh3_64(&files),
            files: super::Bytes(files),
        };
        let bytes = postcard::to_allocvec(&kept).map_err(std::io::Error::other)?;
        let tmp = self.dir.join(format!("{SEARCH}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(tmp, self.dir.join(SEARCH))
    }
}
