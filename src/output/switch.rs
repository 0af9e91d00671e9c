//! The staging folder beside an output folder, and the one system call that switches the
//! two: `renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on macOS (both
//! through rustix). Elsewhere, and on file systems that do not know it, the exchange
//! reports [`io::ErrorKind::Unsupported`] or the system's error, and the caller publishes
//! in place instead.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

const STAGING_SUFFIX: &str = ".atelier-next";

/// `public` → `.public.atelier-next`, in the same parent folder (so on the same file
/// system, as the exchange needs).
pub fn staging_dir(out: &Path) -> Option<PathBuf> {
    let name = out.file_name()?;
    let mut staged = OsString::from(".");
    staged.push(name);
    staged.push(STAGING_SUFFIX);
    Some(out.with_file_name(staged))
}

/// Whether `dir` is named like a staging folder.
pub fn is_staging_name(dir: &Path) -> bool {
    dir.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.starts_with('.') && n.ends_with(STAGING_SUFFIX) && n.len() > 1 + STAGING_SUFFIX.len()
    })
}

/// Swaps the folders `a` and `b` in one step: every reader sees one or the other.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
pub fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
pub fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "this system cannot swap two folders at once",
    ))
}

/// Renames `from` to `to`, failing if `to` exists (where the system can tell).
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
pub fn rename_new(from: &Path, to: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => std::fs::rename(from, to),
        r => r.map_err(io::Error::from),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
pub fn rename_new(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::rename(from, to)
}

/// Takes the exclusive advisory lock of `file` (a folder), failing with
/// [`io::ErrorKind::WouldBlock`] when another process holds it.
#[cfg(unix)]
pub fn try_lock(file: &std::fs::File) -> io::Result<()> {
    use rustix::fs::{FlockOperation, flock};
    flock(file, FlockOperation::NonBlockingLockExclusive).map_err(io::Error::from)
}

#[cfg(not(unix))]
pub fn try_lock(_: &std::fs::File) -> io::Result<()> {
    Ok(())
}

/// Whether `dir` is on the same file system as its parent folder (not a mount point), so
/// that a folder beside it can be swapped with it.
#[cfg(unix)]
pub fn beside_parent(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Some(parent) = dir.parent() else {
        return false;
    };
    match (std::fs::metadata(dir), std::fs::metadata(parent)) {
        (Ok(d), Ok(p)) => d.dev() == p.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
pub fn beside_parent(_: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_names() {
        let s = staging_dir(Path::new("/site/public")).unwrap();
        assert_eq!(s, Path::new("/site/.public.atelier-next"));
        assert!(is_staging_name(&s));
        assert!(!is_staging_name(Path::new("/site/public")));
        assert!(!is_staging_name(Path::new("/site/.atelier-next")));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchanges_two_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("f"), "a").unwrap();
        std::fs::write(b.join("f"), "b").unwrap();
        exchange(&a, &b).unwrap();
        assert_eq!(std::fs::read_to_string(a.join("f")).unwrap(), "b");
        assert_eq!(std::fs::read_to_string(b.join("f")).unwrap(), "a");
        let c = tmp.path().join("c");
        rename_new(&a, &c).unwrap();
        assert!(rename_new(&c, &b).is_err(), "never replaces a folder");
        assert!(beside_parent(&b));
    }
}
