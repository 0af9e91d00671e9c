//! The files of an [`Action`]: read, listed, written or deleted under the site's folder,
//! every path resolved first ([`paths::resolve`]). A file is written whole or not at all:
//! into a temporary file of the same folder, renamed over the old one.

use std::io::Write as _;
use std::path::Path;

use base64::Engine as _;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::paths::{self, Rel};
use super::protocol::{Action, DataFile, Failure};
use crate::diagnostic::{Diagnostic, Location};
use crate::i18n::Message;
use crate::{msg, tr};

/// Carries out `action` in the site's folder `root` (canonical) and gives the JSON
/// `decap-server` answers with.
pub fn run(root: &Path, action: Action) -> Result<Value, Failure> {
    match action {
        Action::Info => Ok(json!({
            "repo": root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            "publish_modes": ["simple"],
            "type": "local_fs",
        })),
        Action::EntriesByFolder {
            folder,
            extension,
            depth,
        } => {
            let dir = paths::resolve(root, &folder, false)?;
            let files = list(&dir, &folder.path, &extension, depth);
            Ok(Value::Array(
                files
                    .into_iter()
                    .map(|path| {
                        let rel = Rel {
                            path,
                            area: folder.area.clone(),
                        };
                        entry(root, &rel, None)
                    })
                    .collect::<Result<_, _>>()?,
            ))
        }
        Action::EntriesByFiles(files) => Ok(Value::Array(
            files
                .iter()
                .map(|(rel, label)| entry(root, rel, label.as_deref()))
                .collect::<Result<_, _>>()?,
        )),
        Action::GetEntry(rel) => entry(root, &rel, None),
        Action::PersistEntry { files, assets } => {
            // Every path is resolved before anything is written.
            let mut writes = Vec::new();
            for f in &files {
                writes.push((paths::resolve(root, &f.path, true)?, &f.path, f.raw.as_bytes()));
                if let Some(new) = &f.new_path
                    && new.path != f.path.path
                    && paths::resolve(root, new, true)?.symlink_metadata().is_ok()
                {
                    return Err(Failure::from(
                        Diagnostic::error(msg!("cms-entry-exists", path = new.path.as_str()))
                            .at(Location::file(&new.path))
                            .help(tr!("cms-entry-exists-help")),
                    ));
                }
            }
            for (rel, bytes) in &assets {
                writes.push((paths::resolve(root, rel, true)?, rel, bytes.as_slice()));
            }
            for (path, rel, bytes) in writes {
                write(path.as_path(), rel, bytes)?;
            }
            for f in &files {
                rename(root, f)?;
            }
            Ok(json!({ "message": "entry persisted" }))
        }
        Action::GetMedia(folder) => {
            let dir = paths::resolve(root, &folder, false)?;
            let files = list(&dir, &folder.path, "", 1);
            Ok(Value::Array(
                files
                    .iter()
                    .filter(|rel| crate::images::processed(rel))
                    .filter_map(|rel| media_file(root, rel).ok())
                    .collect(),
            ))
        }
        Action::GetMediaFile(rel) => {
            paths::resolve(root, &rel, false)?;
            media_file(root, &rel.path)
        }
        Action::PersistMedia(rel, bytes) => {
            let path = paths::resolve(root, &rel, true)?;
            write(&path, &rel, &bytes)?;
            media_file(root, &rel.path)
        }
        Action::DeleteFiles(rels) => {
            let found = rels
                .iter()
                .map(|rel| paths::resolve(root, rel, true))
                .collect::<Result<Vec<_>, _>>()?;
            for (path, rel) in found.iter().zip(&rels) {
                match std::fs::remove_file(path) {
                    Ok(()) => {}
                    // Already gone: what the CMS asked for.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        return Err(io_failure(
                            &rel.path,
                            msg!(
                                "cms-delete-failed",
                                path = rel.path.as_str(),
                                error = e.to_string()
                            ),
                        ));
                    }
                }
            }
            let names: Vec<&str> = rels.iter().map(|r| r.path.as_str()).collect();
            Ok(json!({ "message": format!("deleted files {}", names.join(", ")) }))
        }
        Action::GetDeployPreview => Ok(Value::Null),
    }
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// An entry as the CMS reads it: its text and its digest, or nulls when it cannot be read
/// (as `decap-server` answers for a missing file). A path leading out is refused.
fn entry(root: &Path, rel: &Rel, label: Option<&str>) -> Result<Value, Failure> {
    let read = std::fs::read(paths::resolve(root, rel, false)?)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let (data, id) = match &read {
        Some(text) => (json!(text), json!(sha256(text.as_bytes()))),
        None => (Value::Null, Value::Null),
    };
    let mut file = json!({ "path": rel.path, "id": id });
    if let Some(label) = label {
        file["label"] = json!(label);
    }
    Ok(json!({ "data": data, "file": file }))
}

/// A media file as the CMS reads it: base64 content, digest, name.
fn media_file(root: &Path, rel: &str) -> Result<Value, Failure> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| {
        let status = if e.kind() == std::io::ErrorKind::NotFound {
            404
        } else {
            500
        };
        Failure::new(status, read_error(rel, &e))
    })?;
    Ok(json!({
        "id": sha256(&bytes),
        "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
        "encoding": "base64",
        "path": rel,
        "name": rel.rsplit('/').next().unwrap_or(rel),
    }))
}

fn read_error(rel: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(msg!("cms-read-failed", path = rel, error = e.to_string())).at(Location::file(rel))
}

/// The files under `dir` (the folder `rel`, relative to the site) ending in `extension`,
/// down to `depth` folders, sorted; symbolic links are left out.
fn list(dir: &Path, rel: &str, extension: &str, depth: u64) -> Vec<String> {
    let depth = usize::try_from(depth).unwrap_or(usize::MAX);
    if depth == 0 {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .max_depth(depth)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let sub = e.path().strip_prefix(dir).ok()?.to_str()?.replace('\\', "/");
            sub.ends_with(extension).then(|| format!("{rel}/{sub}"))
        })
        .collect()
}

/// A file of the site that could not be changed at `rel` (`message` says how).
fn io_failure(rel: &str, message: Message) -> Failure {
    Failure::new(
        500,
        Diagnostic::error(message)
            .at(Location::file(rel))
            .help(tr!("cms-write-failed-help")),
    )
}

/// Writes `bytes` at `path` whole: a temporary file in the same folder, renamed over the
/// old file. An existing file keeps its permissions; a new one is readable by all, as a
/// file an editor makes.
fn write(path: &Path, rel: &Rel, bytes: &[u8]) -> Result<(), Failure> {
    let fail = |e: std::io::Error| {
        io_failure(
            &rel.path,
            msg!(
                "cms-write-failed",
                path = rel.path.as_str(),
                error = e.to_string()
            ),
        )
    };
    let dir = path
        .parent()
        .ok_or_else(|| fail(std::io::ErrorKind::InvalidInput.into()))?;
    std::fs::create_dir_all(dir).map_err(fail)?;
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        // Nothing to change: no event for the watcher, no rebuild.
        return Ok(());
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".atelier-cms-")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    let permissions = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => new_file_permissions(),
    };
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p).map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

/// An entry the CMS renamed: the file written at its old path moves to the new one (the
/// other files of its folder stay where they are).
fn rename(root: &Path, f: &DataFile) -> Result<(), Failure> {
    let Some(new) = &f.new_path else {
        return Ok(());
    };
    if new.path == f.path.path {
        return Ok(());
    }
    let from = paths::resolve(root, &f.path, true)?;
    let to = paths::resolve(root, new, true)?;
    let fail = |e: std::io::Error| {
        io_failure(
            &new.path,
            msg!("cms-move-failed", path = new.path.as_str(), error = e.to_string()),
        )
    };
    std::fs::create_dir_all(to.parent().unwrap_or(root)).map_err(fail)?;
    std::fs::rename(&from, &to).map_err(fail)
}
