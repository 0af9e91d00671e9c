//! Which folder a build writes into, and the folders it refuses before it reads a page:
//! the file system's root, the home folder, the site's own folder or one holding it, a
//! source folder or anything inside one, another site's folder, a repository, a symbolic
//! link, a file. Each refusal names the flag or the `site.yaml` line it came from.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location};
use crate::{msg, tr};

/// The folders of a site that hold its sources; nothing is ever written inside them.
pub const SOURCE_FOLDERS: [&str; 4] = ["content", "themes", "templates", "static"];

/// Where the output folder was named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `--output` on the command line.
    Flag,
    /// `output_dir` in `site.yaml` (or its default, `public`, when the key is absent).
    Setting(Option<Location>),
}

/// An output folder that passed every check.
#[derive(Debug, Clone)]
pub struct Target {
    /// Absolute, with `.`, `..` and the symbolic links of its parents resolved. The build
    /// writes here and nowhere else (and in the staging folder beside it).
    pub dir: PathBuf,
    /// The path as the user wrote it, for messages.
    pub shown: PathBuf,
    pub origin: Origin,
    /// `--force`: build into a folder that holds files atelier did not write.
    pub force: bool,
}

/// What a [`Target`] is resolved from.
pub struct Request<'a> {
    /// The site's folder, as given (`--root`).
    pub root: &'a Path,
    /// `--output`, relative to `cwd`, or `output_dir`, relative to the site's folder.
    pub path: &'a Path,
    pub origin: Origin,
    pub force: bool,
    /// The working folder, for relative paths.
    pub cwd: &'a Path,
    /// The user's home folder, when known.
    pub home: Option<&'a Path>,
}

impl Target {
    /// Checks the requested output folder. Reads the disk (to resolve links and look at
    /// what is there) but never writes.
    pub fn resolve(req: &Request<'_>) -> Result<Target, Diagnostic> {
        let refuse = |why: String| Err(refusal(req, &why));
        if req.path.as_os_str().is_empty() {
            return refuse(tr!("output-empty"));
        }
        let root = absolute(req.cwd, req.root)
            .canonicalize()
            .map_err(|e| crate::fs::io_error("read the site's folder", req.root, &e))?;
        let base = match req.origin {
            Origin::Flag => req.cwd.to_path_buf(),
            Origin::Setting(_) => root.clone(),
        };
        let (dir, link) = match resolve_path(&absolute(&base, req.path)) {
            Ok(r) => r,
            Err(e) => return refuse(tr!("output-unreadable", error = e.to_string())),
        };
        if let Some(to) = link {
            return refuse(tr!("output-symlink", target = to.display().to_string()));
        }
        if let Some(why) = dangerous(&dir, &root, req.home) {
            return refuse(why);
        }
        match std::fs::metadata(&dir) {
            Ok(m) if !m.is_dir() => return refuse(tr!("output-is-file")),
            Ok(_) => {
                if dir.join("site.yaml").exists() {
                    return refuse(tr!("output-is-site"));
                }
                let ours = dir.join(super::manifest::NAME).is_file();
                if dir.join(".git").exists() && !ours && !req.force {
                    return Err(refusal(req, &tr!("output-is-repository")).help(tr!(
                        "output-is-repository-help",
                        folder = req.path.display().to_string()
                    )));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return refuse(tr!("output-unreadable", error = e.to_string())),
        }
        if super::switch::is_staging_name(&dir) {
            return refuse(tr!("output-is-staging"));
        }
        Ok(Target {
            dir,
            shown: req.path.to_path_buf(),
            origin: req.origin.clone(),
            force: req.force,
        })
    }
}

fn absolute(base: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    }
}

/// Why `dir` (resolved) can never be an output folder, if it cannot. Pure.
pub fn dangerous(dir: &Path, root: &Path, home: Option<&Path>) -> Option<String> {
    if dir.parent().is_none() {
        return Some(tr!("output-is-root"));
    }
    if let Some(home) = home {
        if dir == home {
            return Some(tr!("output-is-home"));
        }
        if home.starts_with(dir) {
            return Some(tr!("output-holds-home", home = home.display().to_string()));
        }
    }
    if dir == root {
        return Some(tr!("output-is-site-folder"));
    }
    if root.starts_with(dir) {
        return Some(tr!("output-holds-site", root = root.display().to_string()));
    }
    for source in SOURCE_FOLDERS {
        let folder = root.join(source);
        if dir == folder {
            return Some(tr!("output-is-source", source = source));
        }
        if dir.starts_with(&folder) {
            return Some(tr!("output-in-source", source = source));
        }
    }
    if dir.starts_with(root.join(crate::cache::DIR)) {
        return Some(tr!("output-is-cache", cache = crate::cache::DIR));
    }
    None
}

/// `path` (absolute) with `.` and `..` applied and every symbolic link among its existing
/// parents resolved. When the last component itself is a link, returns where it points
/// as the second value (the caller refuses it). Nothing has to exist: the part of the path
/// that does not is applied as written.
fn resolve_path(path: &Path) -> io::Result<(PathBuf, Option<PathBuf>)> {
    let parts: Vec<Component<'_>> = path.components().collect();
    let mut resolved = PathBuf::new();
    let mut exists = true;
    for (i, part) in parts.iter().enumerate() {
        match part {
            Component::Prefix(_) | Component::RootDir => resolved.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                let next = resolved.join(name);
                if exists {
                    match std::fs::symlink_metadata(&next) {
                        Ok(m) if m.is_symlink() => {
                            let target = std::fs::read_link(&next)?;
                            let last = parts[i + 1..].iter().all(|p| matches!(p, Component::CurDir));
                            if last {
                                return Ok((next, Some(target)));
                            }
                            // A dangling link among the parents fails: the folder cannot be made.
                            resolved = next.canonicalize()?;
                            continue;
                        }
                        Ok(_) => {}
                        Err(e) if e.kind() == io::ErrorKind::NotFound => exists = false,
                        Err(e) => return Err(e),
                    }
                }
                resolved = next;
            }
        }
    }
    Ok((resolved, None))
}

/// The error for a refused output folder, naming where it was set.
fn refusal(req: &Request<'_>, why: &str) -> Diagnostic {
    let shown = req.path.display().to_string();
    match &req.origin {
        Origin::Flag => Diagnostic::error(msg!("output-refused-flag", folder = shown, why = why))
            .help(tr!("output-refused-flag-help")),
        Origin::Setting(at) => {
            let d = Diagnostic::error(msg!("output-refused-setting", folder = shown, why = why))
                .help(tr!("output-refused-setting-help"));
            match at {
                Some(loc) => d.at(loc.clone()),
                None => d.at(Location::file("site.yaml")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_folders() {
        let root = Path::new("/home/ana/site");
        let home = Some(Path::new("/home/ana"));
        let why = |d: &str| dangerous(Path::new(d), root, home);
        assert_eq!(why("/").unwrap(), "it is the root of the file system");
        assert_eq!(why("/home/ana").unwrap(), "it is your home folder");
        assert!(why("/home").unwrap().contains("holds your home folder"));
        assert!(why("/home/ana/site").unwrap().contains("site's own folder"));
        assert!(
            why("/home/ana/site/content")
                .unwrap()
                .contains("`content/` folder")
        );
        assert!(
            why("/home/ana/site/themes/dsfr/static")
                .unwrap()
                .contains("inside the site's `themes/`")
        );
        assert!(
            why("/home/ana/site/static/x")
                .unwrap()
                .contains("inside the site's `static/`")
        );
        assert!(why("/home/ana/site/templates").is_some());
        assert_eq!(why("/home/ana/site/public"), None);
        assert_eq!(
            why("/home/ana/site/contenu"),
            None,
            "a name starting like a source folder"
        );
        assert_eq!(why("/home/ana/other"), None);
        assert_eq!(why("/srv/www"), None);
    }

    #[test]
    fn resolves_dots_and_missing_parts() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(base.join("a")).unwrap();
        let (p, link) = resolve_path(&base.join("a/./b/../../c/")).unwrap();
        assert_eq!(p, base.join("c"));
        assert_eq!(link, None);
        let (p, _) = resolve_path(&base.join("a/missing/../..")).unwrap();
        assert_eq!(p, base);
    }

    #[cfg(unix)]
    #[test]
    fn follows_links_among_parents_and_reports_a_link_at_the_end() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(base.join("real/site")).unwrap();
        std::os::unix::fs::symlink(base.join("real"), base.join("link")).unwrap();
        let (p, link) = resolve_path(&base.join("link/site/public")).unwrap();
        assert_eq!(p, base.join("real/site/public"));
        assert_eq!(link, None);
        let (_, link) = resolve_path(&base.join("link/")).unwrap();
        assert_eq!(
            link,
            Some(base.join("real")),
            "a trailing slash does not hide the link"
        );
        let (p, _) = resolve_path(&base.join("link/..")).unwrap();
        assert_eq!(p, base, "`..` after a link leaves its target");
    }
}
