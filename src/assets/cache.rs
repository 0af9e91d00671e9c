//! The on-disk cache of unpacked packages (DSFR shown; Decap CMS is in `<cache>/decap-cms/`):
//!
//! ```text
//! <cache>/dsfr/<version>-<first 16 hex of sha512>/package/...   the unpacked npm package
//! <cache>/dsfr/<version>-<first 16 hex of sha512>/.atelier-complete   marker, holds the SRI
//! <cache>/dsfr/.tmp-XXXXXX/                                     an install in progress
//! ```
//!
//! An install unpacks into a temporary directory next to the entry, writes
//! the marker last, then renames the whole directory into place, so an entry
//! is either complete or absent. When two builds race, the first rename wins
//! and the loser drops its copy.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::error::io_err;
use super::sri::Sri;
use super::unpack::unpack_tgz;
use super::{AssetError, PackageSpec};

const MARKER: &str = ".atelier-complete";
const TMP_PREFIX: &str = ".tmp-";
const STALE_PREFIX: &str = ".stale-";
/// Leftovers of crashed installs older than this are deleted.
const LEFTOVER_AGE: Duration = Duration::from_secs(3600);

/// `<cache>/<short name>/<version>-<hex16>` (`<cache>/dsfr/1.15.3-…`): the entry for this
/// exact tarball.
pub(crate) fn entry_dir(cache: &Path, spec: &PackageSpec, sri: &Sri) -> PathBuf {
    cache
        .join(spec.short_name())
        .join(format!("{}-{}", spec.version, sri.short_hex()))
}

/// Whether `entry` was completely installed from a tarball with hash `sri`.
pub(crate) fn is_complete(entry: &Path, sri: &Sri) -> bool {
    fs::read_to_string(entry.join(MARKER)).is_ok_and(|m| m.trim() == sri.to_string())
}

/// Creates the folder that will hold `entry`, so that an unwritable cache is reported
/// before a download, not after it.
pub(crate) fn make_room(entry: &Path) -> Result<(), AssetError> {
    let parent = entry.parent().unwrap_or(entry);
    fs::create_dir_all(parent).map_err(io_err("create the cache directory", parent))
}

/// Unpacks the verified tarball `bytes` into `entry` (see the module doc).
/// Returns once `entry` is complete, whoever completed it.
pub(crate) fn install(bytes: &[u8], origin: &str, entry: &Path, sri: &Sri) -> Result<(), AssetError> {
    make_room(entry)?;
    let parent = entry.parent().unwrap_or(entry);
    remove_leftovers(parent);
    let tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .tempdir_in(parent)
        .map_err(io_err("create a temporary directory in", parent))?;
    unpack_tgz(bytes, tmp.path(), origin)?;
    if !tmp.path().join("package/package.json").is_file() {
        return Err(AssetError::NotAPackage {
            path: PathBuf::from(origin),
            reason: "the archive has no package/package.json".to_string(),
        });
    }
    let marker = tmp.path().join(MARKER);
    fs::write(&marker, format!("{sri}\n")).map_err(io_err("write", &marker))?;

    for _ in 0..2 {
        match fs::rename(tmp.path(), entry) {
            Ok(()) => {
                let _ = tmp.keep();
                return Ok(());
            }
            // Another build finished first: keep its copy, drop ours.
            Err(_) if is_complete(entry, sri) => return Ok(()),
            // An incomplete entry (not made by this code): move it aside.
            Err(_) if entry.exists() => set_aside(entry, parent),
            Err(e) => return Err(io_err("move the unpacked package to", entry)(e)),
        }
    }
    Err(io_err("move the unpacked package to", entry)(io::Error::other(
        "the directory is in use; delete it and retry",
    )))
}

/// Renames an untrusted entry out of the way (atomically, so a concurrent
/// reader never sees it half-deleted), then deletes it.
fn set_aside(entry: &Path, parent: &Path) {
    let Ok(stale) = tempfile::Builder::new().prefix(STALE_PREFIX).tempdir_in(parent) else {
        return;
    };
    let aside = stale.path().join("entry");
    if fs::rename(entry, &aside).is_ok() {
        let _ = fs::remove_dir_all(&aside);
    }
}

/// Best-effort removal of temporary directories left by killed builds.
fn remove_leftovers(parent: &Path) {
    let Ok(dir) = fs::read_dir(parent) else {
        return;
    };
    let now = SystemTime::now();
    for item in dir.flatten() {
        let name = item.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TMP_PREFIX) || name.starts_with(STALE_PREFIX)) {
            continue;
        }
        let old = item
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).unwrap_or_default() > LEFTOVER_AGE);
        if old {
            let _ = fs::remove_dir_all(item.path());
        }
    }
}
