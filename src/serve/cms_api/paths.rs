//! Which files the CMS may name: paths relative to the site's folder, under `content/`
//! (Markdown entries) or the media folder (images), checked as text first ([`checked`],
//! pure), then on disk ([`resolve`]): no symbolic link may lead out of its folder, and a
//! file is never written through one.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location};
use crate::i18n::Message;
use crate::{msg, tr};

/// The folder of the entries.
pub const CONTENT: &str = "content";

/// The extensions of the images the CMS may write into the media folder (lowercase): the
/// ones the images pipeline reads. SVG is left out: an SVG file can carry a script, which
/// would run at the preview's own address, the one allowed to write through this API.
pub const IMAGES: [&str; 5] = crate::images::EXTENSIONS;

/// What a path is for: an entry (a `.md` file under `content/`) or a media file (an image
/// under the media folder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Entry,
    Media,
}

/// A path the CMS gave, checked: relative to the site's folder, `/`-separated, inside
/// `area` (`content` or the media folder), with neither `.`, `..`, empty segments,
/// backslashes, control characters nor a drive letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rel {
    pub path: String,
    pub area: String,
}

/// Why `path` is refused (`message` names it), as the CMS shows it.
fn refused(path: &str, message: Message, help: String) -> Diagnostic {
    Diagnostic::error(message)
        .at(Location::file(printable(path)))
        .help(help)
}

fn printable(path: &str) -> String {
    crate::diagnostic::printable(path, true).into_owned()
}

/// The segments of a path the CMS gave, or why it names no file of the site.
fn segments(raw: &str) -> Result<Vec<&str>, Diagnostic> {
    let path = || printable(raw);
    let bad = |message: Message| refused(raw, message, tr!("cms-path-relative-help"));
    if raw.is_empty() {
        return Err(bad(msg!("cms-path-empty", path = path())));
    }
    if raw.starts_with('/') {
        return Err(bad(msg!("cms-path-absolute", path = path())));
    }
    if raw.contains('\\') {
        return Err(bad(msg!("cms-path-backslash", path = path())));
    }
    if raw.chars().any(char::is_control) {
        return Err(bad(msg!("cms-path-control-character", path = path())));
    }
    if raw.contains(':') {
        return Err(bad(msg!("cms-path-colon", path = path())));
    }
    let segments: Vec<&str> = raw.split('/').collect();
    if segments.iter().any(|s| matches!(*s, "" | "." | "..")) {
        return Err(bad(msg!("cms-path-dot-segment", path = path())));
    }
    Ok(segments)
}

/// `raw` checked as a folder the CMS lists: `area` itself or a folder under it.
pub fn folder(raw: &str, area: &str) -> Result<Rel, Diagnostic> {
    let raw = raw.trim_end_matches('/');
    let segs = segments(raw)?;
    let area_segs: Vec<&str> = area.split('/').collect();
    if !segs.starts_with(&area_segs) {
        return Err(refused(
            raw,
            msg!("cms-path-not-listable", path = printable(raw), area = area),
            tr!("cms-path-not-listable-help"),
        ));
    }
    Ok(Rel {
        path: segs.join("/"),
        area: area.to_string(),
    })
}

/// `raw` checked as a file of `kind`: under `content/` and ending in `.md` for an entry,
/// under `media` with an image's extension for a media file.
pub fn file(raw: &str, kind: Kind, media: &str) -> Result<Rel, Diagnostic> {
    let segs = segments(raw)?;
    let area = match kind {
        Kind::Entry => CONTENT,
        Kind::Media => media,
    };
    let area_segs: Vec<&str> = area.split('/').collect();
    let name = segs.last().copied().unwrap_or_default();
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    let typed = match kind {
        Kind::Entry => ext == "md",
        Kind::Media => IMAGES.iter().any(|e| e.eq_ignore_ascii_case(ext)),
    };
    if segs.len() <= area_segs.len() || !segs.starts_with(&area_segs) || !typed {
        let path = printable(raw);
        return Err(match kind {
            Kind::Entry => refused(
                raw,
                msg!("cms-path-not-an-entry", path = path),
                tr!("cms-path-not-an-entry-help"),
            ),
            Kind::Media => refused(
                raw,
                msg!("cms-path-not-an-image", path = path),
                tr!("cms-path-not-an-image-help", media = media),
            ),
        });
    }
    Ok(Rel {
        path: segs.join("/"),
        area: area.to_string(),
    })
}

/// Whether `bytes` are an image of the type `path`'s extension says (its signature), so
/// that a page or a script is never saved under an image's name.
pub fn is_image_of_its_type(path: &str, bytes: &[u8]) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "gif" => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
        "webp" => bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP",
        _ => false,
    }
}

/// The file `rel` names under `root` (the site's folder, canonical), once no symbolic
/// link on the way leads out of its area. The deepest part of the path that exists is
/// resolved and must stay inside the area, itself resolved; with `write`, the file itself
/// must not be a symbolic link (a rename would replace the link, a write would follow it).
pub fn resolve(root: &Path, rel: &Rel, write: bool) -> Result<PathBuf, Diagnostic> {
    let area = root.join(&rel.area);
    let area = match std::fs::canonicalize(&area) {
        Ok(a) => a,
        // A missing media folder is made at the first image saved; nothing can lead out
        // of a folder that does not exist yet, but its parent may.
        Err(_) => return resolve_missing_area(root, rel, write),
    };
    if !area.starts_with(root) {
        return Err(refused(
            &rel.area,
            msg!("cms-path-folder-leads-out", path = printable(&rel.area)),
            tr!("cms-path-folder-leads-out-help"),
        ));
    }
    let path = root.join(&rel.path);
    inside(&path, &area, &rel.path, write)?;
    Ok(path)
}

fn resolve_missing_area(root: &Path, rel: &Rel, write: bool) -> Result<PathBuf, Diagnostic> {
    let path = root.join(&rel.path);
    inside(&path, root, &rel.path, write)?;
    Ok(path)
}

/// Checks that the deepest existing part of `path` resolves inside `area`.
fn inside(path: &Path, area: &Path, shown: &str, write: bool) -> Result<(), Diagnostic> {
    let link_out = || {
        refused(
            shown,
            msg!("cms-path-link-leads-out", path = printable(shown)),
            tr!("cms-path-link-leads-out-help"),
        )
    };
    if write && path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(refused(
            shown,
            msg!("cms-path-file-is-a-link", path = printable(shown)),
            tr!("cms-path-file-is-a-link-help"),
        ));
    }
    let mut existing = path;
    loop {
        if existing.symlink_metadata().is_ok() {
            break;
        }
        existing = existing.parent().ok_or_else(link_out)?;
    }
    let real = std::fs::canonicalize(existing).map_err(|_| link_out())?;
    if real.starts_with(area) {
        Ok(())
    } else {
        Err(link_out())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEDIA: &str = "static/images";

    #[test]
    fn entries_are_markdown_files_under_content() {
        for ok in [
            "content/startups/ada.md",
            "content/a-propos.md",
            "content/actualites/2026/lancement.md",
        ] {
            assert_eq!(file(ok, Kind::Entry, MEDIA).unwrap().path, ok);
        }
        for refused in [
            "",
            "content",
            "content/",
            "content/startups/ada.html",
            "content/startups/ada.md/",
            "content/startups/ada",
            "site.yaml",
            "static/images/a.md",
            "contents/a.md",
            "themes/dsfr/templates/base.md",
            "/content/a.md",
            "/etc/passwd.md",
            "content/../site.md",
            "content/startups/../../x.md",
            "content/./a.md",
            "content//a.md",
            "content\\startups\\ada.md",
            "content/startups\\..\\..\\x.md",
            "C:/content/a.md",
            "content/a.md\0.png",
            "content/a\n.md",
            "..",
            "../content/a.md",
        ] {
            assert!(file(refused, Kind::Entry, MEDIA).is_err(), "{refused:?}");
        }
    }

    #[test]
    fn media_files_are_images_under_the_media_folder() {
        for ok in [
            "static/images/logo.png",
            "static/images/a/b.JPG",
            "static/images/x.webp",
        ] {
            assert_eq!(file(ok, Kind::Media, MEDIA).unwrap().path, ok);
        }
        for refused in [
            "static/images/page.html",
            "static/images/x.svg",
            "static/images/x.js",
            "static/images",
            "static/style.png",
            "content/startups/ada.png",
            "static/images/../style.png",
            "static/imagesx/a.png",
        ] {
            assert!(file(refused, Kind::Media, MEDIA).is_err(), "{refused:?}");
        }
    }

    #[test]
    fn only_the_areas_and_their_folders_are_listed() {
        assert_eq!(
            folder("content/startups", CONTENT).unwrap().path,
            "content/startups"
        );
        assert_eq!(folder("content/", CONTENT).unwrap().path, "content");
        assert_eq!(folder("static/images", MEDIA).unwrap().path, MEDIA);
        for refused in ["", "/", "static", "content/..", "themes", "/content", "contentx"] {
            assert!(folder(refused, CONTENT).is_err(), "{refused:?}");
        }
    }

    #[test]
    fn refusals_name_the_path_and_say_what_is_allowed() {
        let d = file("content/../site.yaml", Kind::Entry, MEDIA).unwrap_err();
        assert!(d.message.contains("`content/../site.yaml`"), "{}", d.message);
        assert!(d.help.is_some());
        let d = file("content/a\u{1b}[2J.md", Kind::Entry, MEDIA).unwrap_err();
        assert!(!d.render(false).contains('\u{1b}'));
    }

    #[test]
    fn images_are_what_their_names_say() {
        assert!(is_image_of_its_type("a.png", b"\x89PNG\r\n\x1a\nrest"));
        assert!(is_image_of_its_type("a.JPG", &[0xFF, 0xD8, 0xFF, 0xE0]));
        assert!(is_image_of_its_type("a.gif", b"GIF89a..."));
        assert!(is_image_of_its_type("a.webp", b"RIFF\0\0\0\0WEBPVP8 "));
        assert!(!is_image_of_its_type("a.png", b"<html><script>"));
        assert!(!is_image_of_its_type("a.jpg", b"\x89PNG\r\n\x1a\n"));
        assert!(!is_image_of_its_type("a.webp", b"RIFF"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..Default::default() })]

        /// Whatever the CMS sends, a path taken stays under its area once joined to the
        /// site's folder, and names a file of its kind.
        #[test]
        fn a_path_taken_never_leaves_its_area(raw in "[a-z./\\\\:\\x00 ]{0,12}|content/[a-z./\\\\]{0,12}\\.md|static/images/[a-z./]{0,10}\\.png") {
            for kind in [Kind::Entry, Kind::Media] {
                if let Ok(rel) = file(&raw, kind, MEDIA) {
                    let root = Path::new("/site");
                    let joined = root.join(&rel.path);
                    let mut depth = 0i32;
                    for c in Path::new(&rel.path).components() {
                        match c {
                            std::path::Component::Normal(_) => depth += 1,
                            _ => proptest::prop_assert!(false, "{c:?} in {raw:?}"),
                        }
                    }
                    proptest::prop_assert!(depth >= 2);
                    proptest::prop_assert!(joined.starts_with(root.join(&rel.area)));
                    proptest::prop_assert!(!rel.path.contains(['\\', '\0', ':']));
                }
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_never_lead_out_nor_are_written_through() {
        let tmp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap().join("site");
        let outside = root.parent().unwrap().join("outside");
        std::fs::create_dir_all(root.join("content/startups")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.md"), "x").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("content/out")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.md"), root.join("content/link.md")).unwrap();
        std::fs::write(root.join("content/startups/ada.md"), "x").unwrap();
        std::os::unix::fs::symlink(
            root.join("content/startups/ada.md"),
            root.join("content/alias.md"),
        )
        .unwrap();
        let rel = |p: &str| file(p, Kind::Entry, MEDIA).unwrap();
        assert!(resolve(&root, &rel("content/startups/ada.md"), true).is_ok());
        assert!(resolve(&root, &rel("content/startups/new.md"), true).is_ok());
        assert!(resolve(&root, &rel("content/new/folder/new.md"), true).is_ok());
        // Out of the folder, by a linked folder or a linked file, existing or not.
        assert!(resolve(&root, &rel("content/out/secret.md"), false).is_err());
        assert!(resolve(&root, &rel("content/out/new.md"), true).is_err());
        assert!(resolve(&root, &rel("content/out/a/b.md"), true).is_err());
        assert!(resolve(&root, &rel("content/link.md"), false).is_err());
        // A link inside may be read, never written through.
        assert!(resolve(&root, &rel("content/alias.md"), false).is_ok());
        assert!(resolve(&root, &rel("content/alias.md"), true).is_err());
        // The media folder linked out of the site.
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("static/images")).unwrap();
        let media = file("static/images/a.png", Kind::Media, MEDIA).unwrap();
        assert!(resolve(&root, &media, true).is_err());
    }
}
