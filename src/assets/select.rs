//! Which files of the package's `dist/` a built site publishes under its
//! `dsfr/` folder, keeping the relative layout DSFR's CSS expects:
//!
//! ```text
//! dsfr/dsfr.min.css  generated: the rules of the package's that can apply to the pages
//! dsfr/dsfr.module.min.js  dsfr.nomodule.min.js
//! dsfr/fonts/...     every font dsfr.min.css references (woff2 + woff)
//! dsfr/icons/...     the icons dsfr.min.css or utility/icons.css reference
//! dsfr/favicon/*     all of them
//! dsfr/artwork/...   the display-dialog pictograms + those pages reference
//! dsfr/utility/icons.css   generated: the fr-icon-* rules the pages use
//! ```
//!
//! The package's `dsfr.min.css` (731 KB) styles every DSFR component; a site uses a few.
//! The published one keeps, in their order, the rules that can apply to an element of the
//! site (see [`css::select_rules`]): a rule goes only when it requires a class that no page
//! and no script of the site names, and that DSFR's own script does not add (its state
//! classes, `fr-collapsing`, `fr-collapse--expanded`, are found in `dsfr.module.js`, see
//! [`possible`]). States (`:hover`, `[aria-expanded]`), the dark theme, media queries and
//! selectors without classes stay, since they require no class.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::css;
use super::error::io_err;
use super::{AssetError, Package};

/// Always published as they are: the two scripts.
const MAIN_FILES: [&str; 2] = ["dsfr.module.min.js", "dsfr.nomodule.min.js"];

/// The main stylesheet, published as the rules of the package's that the pages can use.
pub const MAIN_CSS: &str = "dsfr.min.css";

/// DSFR's script, unminified: where the classes it adds are named.
const SCRIPT_SOURCE: &str = "dsfr.module.js";

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
/// classes of all pages ([`super::collect_classes`]) and those the site's own
/// scripts name; `artwork` the artwork paths they reference
/// ([`super::collect_artwork`]), like `artwork/pictograms/buildings/city-hall.svg`.
/// `utility/icons.css` is always produced (only its licence banner when no
/// icon is used) so that layouts can link it unconditionally.
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
    let css_path = dist.join(MAIN_CSS);
    let main = main_css(&dist, used_classes)?;
    for url in css::local_urls(&main) {
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
    let icons: BTreeSet<String> = used_classes
        .iter()
        .filter(|c| is_icon_class(c))
        .cloned()
        .collect();
    let (subset, refs) = css::subset(&read(&src_path)?, src_dir, dest_dir, &icons).map_err(|reason| {
        AssetError::NotAPackage {
            path: src_path.clone(),
            reason,
        }
    })?;
    for rel in refs {
        add(&rel, &src_path.display().to_string())?;
    }
    files.insert(ICONS_CSS.to_string(), Source::Bytes(subset.into_bytes()));
    files.insert(MAIN_CSS.to_string(), Source::Bytes(main.into_bytes()));

    Ok(files
        .into_iter()
        .map(|(dest, source)| AssetFile { dest, source })
        .collect())
}

/// The rules of the package's `dsfr.min.css` that can apply to elements of `used` classes.
fn main_css(dist: &Path, used: &BTreeSet<String>) -> Result<String, AssetError> {
    let script = dist.join(SCRIPT_SOURCE);
    if !script.is_file() {
        return Err(AssetError::MissingFile {
            path: script,
            referenced_by: format!("the selection of {MAIN_CSS} (it names the classes DSFR adds)"),
        });
    }
    let names = css::script_names(&read(&script)?);
    let css_path = dist.join(MAIN_CSS);
    css::select_rules(&read(&css_path)?, &|class| possible(class, used, &names)).map_err(|reason| {
        AssetError::NotAPackage {
            path: css_path,
            reason,
        }
    })
}

/// Whether an element of the site can have `class`: a page or a script of the site names
/// it (`used`), or DSFR's script adds it: `fr-<name>` for a word `name` of the script
/// (`fr-collapsing`), or a state modifier `<class>--<name>` of a class it can have
/// (`fr-collapse--expanded`, made by the script from `expanded`).
pub(crate) fn possible(class: &str, used: &BTreeSet<String>, names: &BTreeSet<String>) -> bool {
    used.contains(class)
        || class.strip_prefix("fr-").is_some_and(|name| names.contains(name))
        || class
            .match_indices("--")
            .any(|(at, _)| names.contains(&class[at + 2..]) && possible(&class[..at], used, names))
}

/// Whether `class` is one of the icon utilities (`fr-icon-*`, and the deprecated `fr-fi-*`),
/// except the `fr-icon--sm` style size modifiers (those live in dsfr.min.css).
pub fn is_icon_class(class: &str) -> bool {
    (class.starts_with("fr-icon-") || class.starts_with("fr-fi-")) && !class.starts_with("fr-icon--")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_is_possible_when_named_or_added_by_dsfr() {
        let set = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let (used, names) = (
            set(&["fr-collapse", "fr-nav__item"]),
            set(&["collapsing", "expanded"]),
        );
        let possible = |c| possible(c, &used, &names);
        assert!(possible("fr-collapse") && possible("fr-collapsing"));
        assert!(possible("fr-collapse--expanded") && possible("fr-collapsing--expanded"));
        assert!(possible("fr-nav__item--expanded--expanded"));
        assert!(!possible("fr-modal--expanded") && !possible("fr-collapse--opened"));
        assert!(!possible("fr-expanded-x") && !possible("collapsing"));
    }
}
