//! Which files of the package's `dist/` a built site publishes under its
//! `dsfr/` folder, keeping the relative layout DSFR's CSS expects:
//!
//! ```text
//! dsfr/dsfr.min.css  dsfr.module.min.js  dsfr.nomodule.min.js
//! dsfr/fonts/...     every font dsfr.min.css references (woff2 + woff)
//! dsfr/icons/...     the icons dsfr.min.css or utility/icons.css reference
//! dsfr/favicon/*     all of them
//! dsfr/artwork/...   the display-dialog pictograms + those pages reference
//! dsfr/utility/icons.css   generated: the fr-icon-* rules the pages use
//! ```

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::css;
use super::error::io_err;
use super::{AssetError, Package};

/// Always published: the stylesheet and the two scripts.
const MAIN_FILES: [&str; 3] = ["dsfr.min.css", "dsfr.module.min.js", "dsfr.nomodule.min.js"];

/// The pictograms of the display-settings dialog (`#fr-theme-modal`) as
/// documented in DSFR 1.15.3 (`component/display`): always published. The
/// older `artwork/{light,dark,system}.svg` are those of the deprecated
/// dialog; they are published only when a page references them.
pub const DISPLAY_ARTWORK: [&str; 3] = [
    "artwork/pictograms/environment/sun.svg",
    "artwork/pictograms/environment/moon.svg",
    "artwork/pictograms/system/system.svg",
];

/// The generated icon subset, relative to the site's `dsfr/` folder.
pub const ICONS_CSS: &str = "utility/icons.css";

/// The icon stylesheets of the package, best first, relative to dist/.
const ICON_SOURCES: [&str; 2] = ["utility/icons/icons.min.css", "utility/utility.min.css"];

/// One file to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetFile {
    /// Path under the site's `dsfr/` folder, `/`-separated, e.g.
    /// `fonts/Marianne-Regular.woff2`.
    pub dest: String,
    pub source: Source,
}

/// Where the bytes of an [`AssetFile`] come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file of the package, copied as is.
    File(PathBuf),
    /// Generated content (the icon subset).
    Bytes(Vec<u8>),
}

impl AssetFile {
    /// The file's content.
    pub fn contents(&self) -> Result<Cow<'_, [u8]>, AssetError> {
        match &self.source {
            Source::File(path) => Ok(Cow::Owned(fs::read(path).map_err(io_err("read", path))?)),
            Source::Bytes(bytes) => Ok(Cow::Borrowed(bytes)),
        }
    }
}

/// Chooses the files to publish, sorted by `dest`. `used_classes` are the
/// icon classes of all pages ([`super::collect_classes`]); `artwork` the
/// artwork paths they reference ([`super::collect_artwork`]), like
/// `artwork/pictograms/buildings/city-hall.svg`. `utility/icons.css` is
/// always produced (only its licence banner when no icon is used) so that
/// layouts can link it unconditionally.
pub fn select(
    pkg: &Package,
    used_classes: &BTreeSet<String>,
    artwork: &BTreeSet<String>,
) -> Result<Vec<AssetFile>, AssetError> {
    let dist = pkg.root.join("dist");
    let mut files = BTreeMap::new();
    let mut add = |rel: &str, referenced_by: &str| -> Result<(), AssetError> {
        let path = dist.join(rel);
        if !path.is_file() {
            let referenced_by = referenced_by.to_string();
            return Err(AssetError::MissingFile { path, referenced_by });
        }
        files.insert(rel.to_string(), Source::File(path));
        Ok(())
    };

    for main in MAIN_FILES {
        add(main, "atelier's page layout")?;
    }
    let css_path = dist.join("dsfr.min.css");
    for url in css::local_urls(&read(&css_path)?) {
        let Some(rel) = css::resolve("", &url) else {
            return Err(outside(&css_path, &url));
        };
        add(&rel, &css_path.display().to_string())?;
    }

    let favicon = dist.join("favicon");
    for item in fs::read_dir(&favicon).map_err(io_err("list", &favicon))? {
        let item = item.map_err(io_err("list", &favicon))?;
        if item.path().is_file() {
            let name = item.file_name().to_string_lossy().into_owned();
            add(&format!("favicon/{name}"), "atelier's page layout")?;
        }
    }

    for reference in DISPLAY_ARTWORK
        .iter()
        .copied()
        .chain(artwork.iter().map(String::as_str))
    {
        let rel = check_artwork(reference)?;
        if !dist.join(&rel).is_file() {
            return Err(AssetError::BadArtwork {
                reference: reference.to_string(),
                reason: format!("{} does not exist", dist.join(&rel).display()),
            });
        }
        add(&rel, "a page")?;
    }

    let (src_rel, src_path) = icon_source(&dist)?;
    let src_dir = src_rel.rsplit_once('/').map_or("", |(dir, _)| dir);
    let dest_dir = ICONS_CSS.rsplit_once('/').map_or("", |(dir, _)| dir);
    let (subset, refs) =
        css::subset(&read(&src_path)?, src_dir, dest_dir, used_classes).map_err(|reason| {
            AssetError::NotAPackage {
                path: src_path.clone(),
                reason,
            }
        })?;
    for rel in refs {
        add(&rel, &src_path.display().to_string())?;
    }
    files.insert(ICONS_CSS.to_string(), Source::Bytes(subset.into_bytes()));

    Ok(files
        .into_iter()
        .map(|(dest, source)| AssetFile { dest, source })
        .collect())
}

/// Every icon class the package defines (`fr-icon-*` and `fr-fi-*`), to
/// warn about unknown ones (typos) in pages.
pub fn all_icon_classes(pkg: &Package) -> Result<BTreeSet<String>, AssetError> {
    let (_, path) = icon_source(&pkg.root.join("dist"))?;
    let text = read(&path)?;
    let mut classes = BTreeSet::new();
    for part in text.split('.').skip(1) {
        let end = part
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(part.len());
        let class = &part[..end];
        if class.starts_with("fr-icon-") || class.starts_with("fr-fi-") {
            classes.insert(class.to_string());
        }
    }
    Ok(classes)
}

/// The normalised dist-relative path of an artwork reference.
fn check_artwork(reference: &str) -> Result<String, AssetError> {
    let bad = |reason: &str| AssetError::BadArtwork {
        reference: reference.to_string(),
        reason: reason.to_string(),
    };
    let rel = css::resolve("", reference).ok_or_else(|| bad("it climbs out of dist/"))?;
    if reference.starts_with('/') || !rel.starts_with("artwork/") || !rel.ends_with(".svg") {
        return Err(bad("it is not an .svg file under artwork/"));
    }
    Ok(rel)
}

fn icon_source(dist: &Path) -> Result<(&'static str, PathBuf), AssetError> {
    ICON_SOURCES
        .iter()
        .map(|rel| (*rel, dist.join(rel)))
        .find(|(_, path)| path.is_file())
        .ok_or_else(|| AssetError::MissingFile {
            path: dist.join(ICON_SOURCES[0]),
            referenced_by: format!("the icon classes (nor is {} there)", ICON_SOURCES[1]),
        })
}

fn read(path: &Path) -> Result<String, AssetError> {
    let bytes = fs::read(path).map_err(io_err("read", path))?;
    String::from_utf8(bytes).map_err(|_| AssetError::NotAPackage {
        path: path.to_path_buf(),
        reason: "this stylesheet is not UTF-8".to_string(),
    })
}

fn outside(css_path: &Path, url: &str) -> AssetError {
    AssetError::NotAPackage {
        path: css_path.to_path_buf(),
        reason: format!("url({url}) points outside dist/"),
    }
}
