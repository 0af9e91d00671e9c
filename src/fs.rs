//! File helpers whose errors always name the path and say what to do.

use std::io;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Location};
use crate::{msg, tr};

/// An I/O error as a diagnostic naming the path, with what to check. `action` is what
/// failed, in English words (`read`, `create the folder`), said in the language of the
/// messages; an action without a message of its own is shown as given.
pub fn io_error(action: &str, path: &Path, err: &io::Error) -> Diagnostic {
    let help = match err.kind() {
        io::ErrorKind::NotFound => tr!("fs-not-found-help"),
        io::ErrorKind::PermissionDenied => tr!("fs-permission-help"),
        _ => tr!("fs-other-help"),
    };
    let action = match action {
        "read" => tr!("fs-read"),
        "read the folder" => tr!("fs-read-folder"),
        "read the site's folder" => tr!("fs-read-site-folder"),
        "write" => tr!("fs-write"),
        "create" => tr!("fs-create"),
        "create the folder" => tr!("fs-create-folder"),
        "create the folder of" => tr!("fs-create-folder-of"),
        "remove" => tr!("fs-remove"),
        "remove the folder" => tr!("fs-remove-folder"),
        other => other.to_string(),
    };
    Diagnostic::error(msg!(
        "fs-cannot",
        action = action,
        path = path.display().to_string(),
        error = err.to_string()
    ))
    .at(Location::file(path))
    .help(help)
}

/// Reads a UTF-8 text file; invalid UTF-8 is reported at its line and column.
/// `shown` is the path as the user should see it (relative to the site root).
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| io_error("read", shown, &e))?;
    crate::utf8::string(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes());
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        Diagnostic::error(msg!("fs-not-utf8"))
            .at(Location::in_source(shown, &text, 1, prefix.len(), 1))
            .help(tr!("fs-not-utf8-help"))
    })
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    std::fs::write(path, bytes).map_err(|e| io_error("write", path, &e))
}

/// Replaces `path` at once: the bytes go to `tmp` (same folder), which is then renamed over
/// `path`, so a reader sees the old bytes or the new ones, never a part.
pub fn write_replacing(path: &Path, tmp: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Err(e) = std::fs::write(tmp, bytes) {
        let _ = std::fs::remove_file(tmp);
        return Err(io_error("write", tmp, &e));
    }
    rename(tmp, path)
}

/// Writes a new file `rel` under `root`, its folders created, never over an existing file:
/// `create_new`, so even a file created meanwhile by someone else is kept. Errors name `rel`.
pub fn write_new(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use io::Write as _;
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error("create the folder of", rel, &e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| io_error("create", rel, &e))?;
    file.write_all(bytes).map_err(|e| io_error("write", rel, &e))
}

pub fn create_dir_all(path: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(path).map_err(|e| io_error("create the folder", path, &e))
}

pub fn rename(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    std::fs::rename(from, to)
        .map_err(|e| io_error(&tr!("fs-move-to", path = to.display().to_string()), from, &e))
}

pub fn remove_dir_all(path: &Path) -> Result<(), Diagnostic> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error("remove", path, &e)),
        _ => Ok(()),
    }
}

pub fn remove_file(path: &Path) -> Result<(), Diagnostic> {
    std::fs::remove_file(path).map_err(|e| io_error("remove", path, &e))
}

pub fn copy(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| io_error(&tr!("fs-copy-to", path = to.display().to_string()), from, &e))
}

pub fn read(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(path).map_err(|e| io_error("read", path, &e))
}
