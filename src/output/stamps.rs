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
//! The folders' listings are kept the same way: what a folder of the output held when a
//! survey last read it, with the folder's own stamp taken just before. Adding, removing or
//! renaming an entry changes a folder's change time, so while the stamp still says so, the
//! listing is what reading the folder would give, for one `stat` instead of opening and
//! reading it. A listing is recorded only when the folder's change time was older, at the
//! moment it was looked at, than the clock's coarsest tick (see [`SETTLED_NS`]): an entry
//! added in that same tick would leave the stamp as it was.
//!
//! ```text
//! # atelier output stamps, format 2
//! f <device> <inode>
//! s <digest> <size> <inode> <modified ns> <changed ns> <path>
//! d <size> <inode> <modified ns> <changed ns> <folder path, empty for the folder itself>
//! e <f|d|o> <name>
//! ```
//!
//! Each `e` line is an entry of the `d` line above it: a file, a folder, or anything else.
//! Format 1 (no listings) is still read.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::Metadata;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::manifest::{escape, unescape};

const HEADER: &str = "# atelier output stamps, format 2";
const HEADER_1: &str = "# atelier output stamps, format 1";
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

/// What a folder held when it was read, while its own stamp is `stamp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub stamp: FileStamp,
    pub entries: Vec<Entry>,
}

/// One entry of a folder, as reading the folder tells it (links are not followed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Other,
}

/// The listings of an output folder's folders, by path relative to it (`""` for itself).
pub type Listings = BTreeMap<String, Listing>;

/// What is kept of one output folder.
#[derive(Debug, Default)]
struct Kept {
    files: Folder,
    listings: Listings,
}

/// How long before the moment a folder is looked at its change time must be for its
/// listing to be recorded: longer than a tick of the clock file systems stamp with (a few
/// milliseconds) where times carry nanoseconds, and than the coarsest granularity (two
/// seconds) where they do not.
const SETTLED_NS: (i128, i128) = (100_000_000, 2_000_000_000);

/// Whether a folder whose stamp is `stamp`, looked at when the clock said `now` (ns since
/// 1970), changed long enough before for its listing to be trusted later.
pub fn settled(stamp: &FileStamp, now: i128) -> bool {
    let fine = stamp.changed % 1_000_000_000 != 0;
    let margin = if fine { SETTLED_NS.0 } else { SETTLED_NS.1 };
    stamp.changed.saturating_add(margin) < now
}

/// The clock, in ns since 1970 (0 if it is set before).
pub fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

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

/// `<len> <ino> <modified> <changed>`, as the stamps file writes a stamp.
impl std::fmt::Display for FileStamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {} {}", self.len, self.ino, self.modified, self.changed)
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
    folders: BTreeMap<FolderId, Kept>,
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
        for kept in stamps.folders.values_mut() {
            kept.files.retain(|_, s| s.file.changed < written);
            kept.listings.retain(|_, l| l.stamp.changed < written);
        }
        stamps
    }

    /// The stamps of the files of `dir`.
    pub fn of(&self, dir: &Path) -> Folder {
        folder_id(dir)
            .and_then(|id| self.folders.get(&id))
            .map(|k| k.files.clone())
            .unwrap_or_default()
    }

    /// The listings of the folders of `dir`, taken out.
    pub fn take_listings(&mut self, dir: &Path) -> Listings {
        folder_id(dir)
            .and_then(|id| self.folders.get_mut(&id))
            .map(|k| std::mem::take(&mut k.listings))
            .unwrap_or_default()
    }

    /// Keeps `folders` (folder, its files' stamps, its folders' listings) beside `out`, in
    /// place of what was kept. Best effort: without it the next build reads the folders
    /// and the files to compare them. A file of that name that is not atelier's is left
    /// alone.
    pub fn write(out: &Path, folders: &[(&Path, &Folder, &Listings)]) {
        let Some(path) = file_of(out) else {
            return;
        };
        if !ours_or_none(&path) {
            return;
        }
        let mut text = format!("{HEADER}\n");
        for (dir, stamps, listings) in folders {
            let Some((dev, ino)) = folder_id(dir) else {
                continue;
            };
            // Writing to a `String` cannot fail.
            let _ = writeln!(text, "f {dev} {ino}");
            for (rel, s) in stamps.iter() {
                let _ = writeln!(text, "s {:032x} {} {}", s.digest, s.file, Escaped(rel));
            }
            for (rel, l) in listings.iter() {
                let _ = writeln!(text, "d {} {}", l.stamp, Escaped(rel));
                for e in &l.entries {
                    let kind = match e.kind {
                        Kind::File => 'f',
                        Kind::Dir => 'd',
                        Kind::Other => 'o',
                    };
                    let _ = writeln!(text, "e {kind} {}", Escaped(&e.name));
                }
            }
        }
        let mut tmp = path.clone().into_os_string();
        tmp.push(format!(".tmp{}", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let _ = crate::fs::write_replacing(&path, &tmp, text.as_bytes());
    }
}

/// Whether the file at `path` is absent, or begins as a stamps file does.
fn ours_or_none(path: &Path) -> bool {
    use std::io::BufRead;
    match std::fs::File::open(path) {
        Ok(file) => {
            let mut first = String::new();
            let read = std::io::BufReader::new(file).take(64).read_line(&mut first);
            read.is_ok() && matches!(first.trim_end_matches('\n'), HEADER | HEADER_1)
        }
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// A path as [`escape`] writes it, without making it first.
struct Escaped<'a>(&'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.contains(['%', '\n', '\r']) {
            f.write_str(&escape(self.0))
        } else {
            f.write_str(self.0)
        }
    }
}

/// One folder's lines, in the order they come.
type Lines = (FolderId, Vec<(String, Stamp)>, Vec<(String, Listing)>);

fn parse(text: &str) -> Option<Stamps> {
    let mut lines = text.lines();
    if !matches!(lines.next()?, HEADER | HEADER_1) {
        return None;
    }
    let mut folders: Vec<Lines> = Vec::new();
    // Whether an `e` line may come: after a `d` line or another `e`.
    let mut in_listing = false;
    for line in lines {
        let (tag, rest) = line.split_at_checked(2)?;
        let listing_before = std::mem::replace(&mut in_listing, false);
        match tag {
            "f " => {
                let (dev, ino) = rest.split_once(' ')?;
                folders.push(((dev.parse().ok()?, ino.parse().ok()?), Vec::new(), Vec::new()));
            }
            "s " => {
                let (stamp, rel) = parse_stamp(rest)?;
                folders.last_mut()?.1.push((unescape(rel)?, stamp));
            }
            "d " => {
                let (stamp, rel) = parse_file_stamp(rest)?;
                let listing = Listing {
                    stamp,
                    entries: Vec::new(),
                };
                folders.last_mut()?.2.push((unescape(rel)?, listing));
                in_listing = true;
            }
            "e " if listing_before => {
                let (kind, name) = rest.split_once(' ')?;
                let kind = match kind {
                    "f" => Kind::File,
                    "d" => Kind::Dir,
                    "o" => Kind::Other,
                    _ => return None,
                };
                let listing = &mut folders.last_mut()?.2.last_mut()?.1;
                listing.entries.push(Entry {
                    name: unescape(name)?,
                    kind,
                });
                in_listing = true;
            }
            _ => return None,
        }
    }
    let folders = folders.into_iter().map(|(id, files, listings)| {
        let kept = Kept {
            files: files.into_iter().collect(),
            listings: listings.into_iter().collect(),
        };
        (id, kept)
    });
    Some(Stamps {
        folders: folders.collect(),
    })
}

/// `<digest> <len> <ino> <modified> <changed> <path>`.
fn parse_stamp(rest: &str) -> Option<(Stamp, &str)> {
    let (digest, rest) = rest.split_once(' ')?;
    let digest = u128::from_str_radix(digest, 16).ok()?;
    let (file, path) = parse_file_stamp(rest)?;
    Some((Stamp { digest, file }, path))
}

/// `<len> <ino> <modified> <changed> <path>`.
fn parse_file_stamp(rest: &str) -> Option<(FileStamp, &str)> {
    let mut parts = rest.splitn(5, ' ');
    let mut next = || parts.next();
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
    Some((file, next()?))
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
        Stamps::write(&out, &[(&out, &folder, &Listings::new())]);
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
        Stamps::write(&out, &[(&out, &future, &Listings::new())]);
        assert!(Stamps::read(&out).of(&out).is_empty());
        // A file of that name that is not atelier's is neither read nor replaced.
        std::fs::write(tmp.path().join(".public.atelier-stamps"), "mine\n").unwrap();
        Stamps::write(&out, &[(&out, &folder, &Listings::new())]);
        assert!(Stamps::read(&out).of(&out).is_empty());
        assert_eq!(
            std::fs::read_to_string(tmp.path().join(".public.atelier-stamps")).unwrap(),
            "mine\n"
        );
        assert!(parse("# atelier output stamps, format 1\ns 0 1 2 3 4 a\n").is_none());
        assert!(parse("# atelier output stamps, format 1\nf 1 2\ns zz 1 2 3 4 a\n").is_none());
    }

    #[test]
    fn keeps_the_folders_listings_and_reads_the_first_format() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir(&out).unwrap();
        let stamp = |changed| FileStamp {
            len: 60,
            ino: 7,
            modified: 1_765_080_000_000_000_001,
            changed,
        };
        let entry = |name: &str, kind| Entry {
            name: name.into(),
            kind,
        };
        let listing = |changed| Listing {
            stamp: stamp(changed),
            entries: vec![
                entry("100%\nodd name.html", Kind::File),
                entry("a", Kind::Dir),
                entry("lien", Kind::Other),
            ],
        };
        let listings: Listings = [
            (String::new(), listing(5)),
            ("a b/c".to_string(), listing(6)),
            (
                "vide".to_string(),
                Listing {
                    stamp: stamp(7),
                    entries: Vec::new(),
                },
            ),
        ]
        .into();
        Stamps::write(&out, &[(&out, &Folder::new(), &listings)]);
        let mut read = Stamps::read(&out);
        assert_eq!(read.take_listings(&out), listings);
        assert!(read.take_listings(&out).is_empty(), "taken out");

        // Changed after the stamps were written: not trusted.
        let later: Listings = [("a".to_string(), listing(i128::MAX))].into();
        Stamps::write(&out, &[(&out, &Folder::new(), &later)]);
        assert!(Stamps::read(&out).take_listings(&out).is_empty());

        let first = "# atelier output stamps, format 1\nf 1 2\ns ff 1 2 3 4 a\n";
        assert_eq!(parse(first).unwrap().folders[&(1, 2)].files["a"].digest, 0xff);
        let format_2 = "# atelier output stamps, format 2\nf 1 2\n";
        assert!(
            parse(&format!("{format_2}s ff 1 2 3 4 a\ne f b\n")).is_none(),
            "an entry under a file"
        );
        assert!(
            parse(&format!("{format_2}d 1 2 3 4 a\ne x b\n")).is_none(),
            "an unknown kind"
        );
        assert!(
            parse(&format!("{format_2}e f b\n")).is_none(),
            "an entry of no folder"
        );
    }

    #[test]
    fn a_folder_settles_after_a_tick_or_two_seconds_without_nanoseconds() {
        let at = |changed| FileStamp {
            len: 0,
            ino: 1,
            modified: 0,
            changed,
        };
        let now = 1_765_080_010_500_000_000;
        assert!(settled(&at(now - 150_000_000 + 1), now));
        assert!(!settled(&at(now - 50_000_000 + 1), now));
        // Whole seconds: a file system with coarse times.
        assert!(!settled(&at(1_765_080_009_000_000_000), now));
        assert!(settled(&at(1_765_080_008_000_000_000), now));
    }
}
