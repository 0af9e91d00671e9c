//! Safe extraction of an npm `.tgz`: only plain files and directories with
//! relative paths are written; absolute paths, `..`, links and device
//! entries make the whole archive rejected.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use flate2::read::GzDecoder;
use tar::EntryType;

use super::AssetError;
use super::error::io_err;

/// Extracts the gzipped tar `bytes` into `dest` (an existing, empty
/// directory). `origin` names the archive (URL or path) in errors.
pub(crate) fn unpack_tgz(bytes: &[u8], dest: &Path, origin: &str) -> Result<(), AssetError> {
    let bad = |e: io::Error| AssetError::BadArchive {
        origin: origin.to_string(),
        detail: e.to_string(),
    };
    let mut archive = tar::Archive::new(GzDecoder::new(bytes));
    for entry in archive.entries().map_err(bad)? {
        let mut entry = entry.map_err(bad)?;
        let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let unsafe_entry = |reason| AssetError::UnsafeEntry {
            origin: origin.to_string(),
            entry: raw.clone(),
            reason,
        };
        let kind = entry.header().entry_type();
        match kind {
            EntryType::Regular | EntryType::Continuous | EntryType::Directory => {}
            // pax/GNU metadata records: nothing to write.
            EntryType::XGlobalHeader | EntryType::XHeader => continue,
            EntryType::Symlink => return Err(unsafe_entry("symbolic links are not allowed")),
            EntryType::Link => return Err(unsafe_entry("hard links are not allowed")),
            _ => return Err(unsafe_entry("only files and directories are allowed")),
        }
        let Some(rel) = safe_relative(&entry.path().map_err(bad)?) else {
            return Err(unsafe_entry(
                "the path must be relative and stay inside the package",
            ));
        };
        if rel.as_os_str().is_empty() {
            continue;
        }
        let target = dest.join(&rel);
        if kind == EntryType::Directory {
            fs::create_dir_all(&target).map_err(io_err("create directory", &target))?;
            continue;
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(io_err("create directory", parent))?;
        }
        let mut file = fs::File::create(&target).map_err(io_err("create", &target))?;
        io::copy(&mut entry, &mut file).map_err(bad)?;
    }
    Ok(())
}

/// The path with `.` removed, or `None` if it is absolute or uses `..`.
fn safe_relative(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write as _;

    /// Builds a .tgz from raw entries (path, type, link target, content),
    /// bypassing the `tar` crate's own path checks so hostile names can be
    /// written.
    pub(crate) fn tgz(entries: &[(&str, EntryType, &str, &[u8])]) -> Vec<u8> {
        let mut tar = Vec::new();
        for (path, kind, link, data) in entries {
            let mut header = tar::Header::new_old();
            let name = &mut header.as_old_mut().name;
            name[..path.len()].copy_from_slice(path.as_bytes());
            let linkname = &mut header.as_old_mut().linkname;
            linkname[..link.len()].copy_from_slice(link.as_bytes());
            header.set_entry_type(*kind);
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            tar.extend_from_slice(header.as_bytes());
            tar.extend_from_slice(data);
            tar.resize(tar.len().div_ceil(512) * 512, 0);
        }
        tar.resize(tar.len() + 1024, 0);
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&tar).unwrap();
        gz.finish().unwrap()
    }

    #[test]
    fn unpacks_plain_files_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = tgz(&[
            ("package/", EntryType::Directory, "", b""),
            ("package/./package.json", EntryType::Regular, "", b"{}"),
            ("package/dist/a.css", EntryType::Regular, "", b"a{}"),
        ]);
        unpack_tgz(&bytes, dir.path(), "t.tgz").unwrap();
        assert_eq!(fs::read(dir.path().join("package/package.json")).unwrap(), b"{}");
        assert_eq!(fs::read(dir.path().join("package/dist/a.css")).unwrap(), b"a{}");
    }

    #[test]
    fn rejects_unsafe_entries_without_writing_outside() {
        let cases: [(&str, EntryType, &str, &str); 5] = [
            (
                "../evil",
                EntryType::Regular,
                "",
                "the path must be relative and stay inside the package",
            ),
            (
                "package/../../evil",
                EntryType::Regular,
                "",
                "the path must be relative and stay inside the package",
            ),
            (
                "/tmp/evil",
                EntryType::Regular,
                "",
                "the path must be relative and stay inside the package",
            ),
            (
                "package/link",
                EntryType::Symlink,
                "/etc/passwd",
                "symbolic links are not allowed",
            ),
            (
                "package/hard",
                EntryType::Link,
                "../../etc/passwd",
                "hard links are not allowed",
            ),
        ];
        for (path, kind, link, reason) in cases {
            let root = tempfile::tempdir().unwrap();
            let dest = root.path().join("a/b");
            fs::create_dir_all(&dest).unwrap();
            let bytes = tgz(&[(path, kind, link, b"x")]);
            let err = unpack_tgz(&bytes, &dest, "https://r.test/p.tgz").unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("unsafe entry {path:?} in https://r.test/p.tgz: {reason}")
            );
            assert!(!root.path().join("evil").exists() && !root.path().join("a/evil").exists());
            assert_eq!(fs::read_dir(&dest).unwrap().count(), 0, "{path}");
        }
    }

    #[test]
    fn reports_garbage_as_a_bad_archive() {
        let dir = tempfile::tempdir().unwrap();
        let err = unpack_tgz(b"not gzip", dir.path(), "x.tgz").unwrap_err();
        assert!(
            err.to_string().starts_with("x.tgz is not a valid .tgz archive: "),
            "{err}"
        );
    }
}
