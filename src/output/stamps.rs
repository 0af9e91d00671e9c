//! What atelier knows of the files it left in an output folder, so that a rebuild can tell
//! a file that still holds the bytes it wrote without reading it: kept beside the output
//! folder (`.public.atelier-stamps`, next to the staging folder), never inside it, since
//! what is published must be the same bytes for the same site.
//!
//! A stamp is the XXH3-128 digest of the bytes written, and what the file system said of
//! the file just after: size, inode, modification and change times. A file whose metadata
//! still says so holds those bytes: any write since changed its change time, which no one
//! can set back, and a file put in its place has another inode. Stamps are kept per folder
//! (the output and its staging folder), by the folder's device and inode, which follow it
//! through the exchange. A file changed in the same tick of the file system's clock as the
//! stamps file was written could have changed again unseen: its stamp is not trusted (git's
//! "racily clean" rule). Anything unreadable is no stamp at all: files are then read and
//! compared, as without this file.
//!
//! ```text
//! # atelier output stamps, format 1
//! f <device> <inode>
//! s <digest> <size> <inode> <modified ns> <changed ns> <path>
//! ```

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use super::manifest::{escape, unescape};

const HEADER: &str = "# atelier output stamps, format 1";
const SUFFIX: &str = ".atelier-stamps";

/// A file as atelier left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub digest: u128,
    pub file: FileStamp,
}

/// What the file system says of a file: its size, inode, modification and change times
/// (nanoseconds since 1970; on systems without inodes or change times, 0 and the
/// modification time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub ino: u64,
    pub modified: i128,
    pub changed: i128,
}

/// The stamps of one folder's files, by relative path.
pub type Folder = BTreeMap<String, Stamp>;

/// A folder by device and inode.
type FolderId = (u64, u64);

impl FileStamp {
    #[cfg(unix)]
    pub fn of(m: &Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        FileStamp {
            len: m.len(),
            ino: m.ino(),
            modified: i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
            changed: i128::from(m.ctime()) * 1_000_000_000 + i128::from(m.ctime_nsec()),
        }
    }

    #[cfg(not(unix))]
    pub fn of(m: &Metadata) -> FileStamp {
        let modified = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        FileStamp {
            len: m.len(),
            ino: 0,
            modified,
            changed: modified,
        }
    }
}

/// The digest a [`Stamp`] records of a file's bytes.
pub fn digest(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

#[cfg(unix)]
fn folder_id(dir: &Path) -> Option<FolderId> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(dir).ok()?;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_id(_: &Path) -> Option<FolderId> {
    None
}

/// `public` → `.public.atelier-stamps`, beside it.
fn file_of(out: &Path) -> Option<PathBuf> {
    let mut name = std::ffi::OsString::from(".");
    name.push(out.file_name()?);
    name.push(SUFFIX);
    Some(out.with_file_name(name))
}

/// The stamps kept beside an output folder.
#[derive(Debug, Default)]
pub struct Stamps {
    folders: BTreeMap<FolderId, Folder>,
}

impl Stamps {
    /// The stamps beside `out`, those that can be trusted; none when there are none or
    /// the file is not atelier's.
    pub fn read(out: &Path) -> Stamps {
        let Some(path) = file_of(out) else {
            return Stamps::default();
        };
        let (Ok(text), Ok(meta)) = (std::fs::read_to_string(&path), std::fs::symlink_metadata(&path)) else {
            return Stamps::default();
        };
        let written = FileStamp::of(&meta).modified;
        let mut stamps = parse(&text).unwrap_or_default();
        for folder in stamps.folders.values_mut() {
            folder.retain(|_, s| s.file.changed < written);
        }
        stamps
    }

    /// The stamps of the files of `dir`.
    pub fn of(&self, dir: &Path) -> Folder {
        folder_id(dir)
            .and_then(|id| self.folders.get(&id).cloned())
            .unwrap_or_default()
    }

    /// Keeps `folders` (folder, its stamps) beside `out`, in place of what was kept. Best
    /// effort: without it the next build reads the files to compare them. A file of that
    /// name that is not atelier's is left alone.
    pub fn write(out: &Path, folders: &[(&Path, &Folder)]) {
        let Some(path) = file_of(out) else {
            return;
        };
        match std::fs::read_to_string(&path) {
            Ok(text) if parse(&text).is_none() => return,
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return,
            _ => {}
        }
        let mut text = format!("{HEADER}\n");
        for (dir, stamps) in folders {
            let Some((dev, ino)) = folder_id(dir) else {
                continue;
            };
            text.push_str(&format!("f {dev} {ino}\n"));
            for (rel, s) in stamps.iter() {
                let f = &s.file;
                text.push_str(&format!(
                    "s {:032x} {} {} {} {} {}\n",
                    s.digest,
                    f.len,
                    f.ino,
                    f.modified,
                    f.changed,
                    escape(rel)
                ));
            }
        }
        let mut tmp = path.clone().into_os_string();
        tmp.push(format!(".tmp{}", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let _ = crate::fs::write_replacing(&path, &tmp, text.as_bytes());
    }
}

fn parse(text: &str) -> Option<Stamps> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let mut stamps = Stamps::default();
    let mut current: Option<&mut Folder> = None;
    for line in lines {
        if let Some(id) = line.strip_prefix("f ") {
            let (dev, ino) = id.split_once(' ')?;
            current = Some(
                stamps
                    .folders
                    .entry((dev.parse().ok()?, ino.parse().ok()?))
                    .or_default(),
            );
        } else if let Some(rest) = line.strip_prefix("s ") {
            let (stamp, rel) = parse_stamp(rest)?;
            current.as_mut()?.insert(unescape(rel)?, stamp);
        } else {
            return None;
        }
    }
    Some(stamps)
}

/// `<digest> <len> <ino> <modified> <changed> <path>`.
fn parse_stamp(rest: &str) -> Option<(Stamp, &str)> {
    let mut parts = rest.splitn(6, ' ');
    let mut next = || parts.next();
    let digest = u128::from_str_radix(next()?, 16).ok()?;
    let len = next()?.parse().ok()?;
    let ino = next()?.parse().ok()?;
    let modified = next()?.parse().ok()?;
    let changed = next()?.parse().ok()?;
    let file = FileStamp {
        len,
        ino,
        modified,
        changed,
    };
    Some((Stamp { digest, file }, next()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_trusts_only_what_it_can() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir(&out).unwrap();
        let stamp = |changed| Stamp {
            digest: digest(b"<p>100 %</p>"),
            file: FileStamp {
                len: 12,
                ino: 40213,
                modified: 1_765_080_000_123_456_789,
                changed,
            },
        };
        let folder: Folder = [("a b/100%.html\nx".to_string(), stamp(-5))].into();
        Stamps::write(&out, &[(&out, &folder)]);
        assert!(tmp.path().join(".public.atelier-stamps").is_file());
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            2,
            "no temporary file left"
        );
        assert_eq!(Stamps::read(&out).of(&out), folder);
        assert!(Stamps::read(&out).of(tmp.path()).is_empty(), "another folder");
        // Changed after the file was written (here, in the future): not trusted.
        let future: Folder = [("a.html".to_string(), stamp(i128::MAX))].into();
        Stamps::write(&out, &[(&out, &future)]);
        assert!(Stamps::read(&out).of(&out).is_empty());
        // A file of that name that is not atelier's is neither read nor replaced.
        std::fs::write(tmp.path().join(".public.atelier-stamps"), "mine\n").unwrap();
        Stamps::write(&out, &[(&out, &folder)]);
        assert!(Stamps::read(&out).of(&out).is_empty());
        assert_eq!(
            std::fs::read_to_string(tmp.path().join(".public.atelier-stamps")).unwrap(),
            "mine\n"
        );
        assert!(parse("# atelier output stamps, format 1\ns 0 1 2 3 4 a\n").is_none());
        assert!(parse("# atelier output stamps, format 1\nf 1 2\ns zz 1 2 3 4 a\n").is_none());
    }
}
