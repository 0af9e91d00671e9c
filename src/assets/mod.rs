//! The DSFR package (`@gouvfr/dsfr` on npm): obtaining it, checking that
//! the site accepts its terms of use, and choosing which of its files a
//! built site publishes. Nothing of DSFR is committed to the repository.
//! The editors' CMS (`decap-cms`) is obtained the same way ([`locate_root`]),
//! and published by the `cms` module:
//!
//! 1. [`locate`] finds the pinned package: an explicit copy
//!    (`--dsfr-dir` / `ATELIER_DSFR_DIR`), else the cache, else a download
//!    from the npm registry, checked against the pinned sha512 before it is
//!    unpacked (see `cache.rs` for the layout). No Node or npm is needed.
//! 2. [`check_terms`] demands that `site.yaml` accepts the terms version
//!    that the package's own install check demands (`dsfr_terms`).
//! 3. [`collect_classes`] / [`collect_artwork`] scan the generated pages
//!    ([`collect_script_classes`] the site's scripts), and [`select`] lists
//!    the files to copy under the site's `dsfr/`, including a generated
//!    `dsfr.min.css` holding only the rules that can apply to the pages and a
//!    generated `utility/icons.css` holding only the icon rules they use.
//!
//! Environment: `ATELIER_DSFR_DIR`, `ATELIER_CACHE_DIR`, `ATELIER_OFFLINE`,
//! `npm_config_registry` / `NPM_CONFIG_REGISTRY`, and the proxy variables
//! (`HTTPS_PROXY`, `https_proxy`, `ALL_PROXY`, `HTTP_PROXY`, `NO_PROXY`).

mod ahead;
mod cache;
pub(crate) mod css;
mod error;
mod fetch;
mod publish;
mod scan;
mod select;
mod sri;
mod terms;
mod unpack;

#[cfg(test)]
mod tests;

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

pub use ahead::{fetch_ahead, fetch_root_ahead};
pub use error::AssetError;
pub use publish::{DSFR_DIR, Used, files, prepare};
pub use scan::{collect_artwork, collect_classes, collect_script_classes};
pub use select::{
    AssetFile, DISPLAY_ARTWORK, ICONS_CSS, MAIN_CSS, Source, all_icon_classes, is_icon_class, select,
};
pub use terms::check_terms;

use crate::pipeline::FetchOptions;

use error::io_err;
use sri::Sri;

/// The public npm registry, used unless `npm_config_registry` says otherwise.
pub const DEFAULT_REGISTRY: &str = "https://registry.npmjs.org/";

/// The pinned package: name, version and the registry's `dist.integrity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageSpec {
    /// `@gouvfr/dsfr`
    pub name: String,
    /// `1.15.3`
    pub version: String,
    /// `sha512-...`, the `dist.integrity` of the registry metadata.
    pub integrity: String,
}

impl PackageSpec {
    /// The version atelier is developed and tested with.
    pub fn dsfr_1_15_3() -> Self {
        Self {
            name: "@gouvfr/dsfr".into(),
            version: "1.15.3".into(),
            integrity: "sha512-R9AALZc1LfZjtytWZMOaUIOHWTkllBZ/sZlsL8TpKZVgF3qUKXt/uNYh+L1D1Fh4p92ZqWxbtNcebsigBZe5pQ==".into(),
        }
    }

    /// Decap CMS, the editors' CMS published at `/admin/` (see the `cms` module): its tarball
    /// is 15.9 MB, of which the site publishes `dist/decap-cms.js` (5.2 MB, 1.5 MB gzipped)
    /// and the chunks it loads on demand.
    pub fn decap_cms_3_16_3() -> Self {
        Self {
            name: "decap-cms".into(),
            version: "3.16.3".into(),
            integrity: "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==".into(),
        }
    }

    /// The folder of the cache holding this package's versions: the name without its scope
    /// (`dsfr`, `decap-cms`).
    pub(crate) fn short_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }

    /// Whether this is the DSFR package, whose terms of use a site must accept.
    pub(crate) fn is_dsfr(&self) -> bool {
        self.name == "@gouvfr/dsfr"
    }
}

/// Where to look for the package: a run option, defined with the others in
/// [`crate::pipeline`], read from the environment here.
impl FetchOptions {
    /// Reads the options from the environment (empty variables are unset).
    pub fn from_env() -> Self {
        Self::from_lookup(|key| std::env::var_os(key))
    }

    fn from_lookup(get: impl Fn(&str) -> Option<OsString>) -> Self {
        let var = |key: &str| get(key).filter(|v| !v.is_empty());
        let text = |key: &str| var(key).map(|v| v.to_string_lossy().trim().to_string());
        Self {
            package_dir: var("ATELIER_DSFR_DIR").map(PathBuf::from),
            registry: text("npm_config_registry")
                .or_else(|| text("NPM_CONFIG_REGISTRY"))
                .unwrap_or_else(|| DEFAULT_REGISTRY.to_string()),
            cache_dir: var("ATELIER_CACHE_DIR")
                .map(PathBuf::from)
                .or_else(|| dirs::cache_dir().map(|d| d.join("atelier"))),
            offline: text("ATELIER_OFFLINE")
                .is_some_and(|v| ["1", "true", "yes"].contains(&v.to_ascii_lowercase().as_str())),
        }
    }
}

/// A located, unpacked package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// The folder holding `package.json` and `dist/`.
    pub root: PathBuf,
    pub version: String,
    /// The terms-of-use version the package's install check demands
    /// (`cguVersion` of `doc/legal/cgu.md`), e.g. `1.0.1`.
    pub terms_version: String,
}

/// Finds the DSFR package: explicit copy, else cache, else download (see the
/// module doc), and reads the terms version it demands. Never touches the network when
/// `opts.offline` is set.
pub fn locate(spec: &PackageSpec, opts: &FetchOptions) -> Result<Package, AssetError> {
    locate_with(spec, opts, &fetch::agent)
}

/// Finds any pinned npm package as [`locate`] does (same override, cache, download and
/// checks); returns the folder holding its `package.json` and `dist/`.
pub fn locate_root(spec: &PackageSpec, opts: &FetchOptions) -> Result<PathBuf, AssetError> {
    root_with(spec, opts, &fetch::agent)
}

fn locate_with(
    spec: &PackageSpec,
    opts: &FetchOptions,
    agent: &dyn Fn() -> ureq::Agent,
) -> Result<Package, AssetError> {
    let root = root_with(spec, opts, agent)?;
    let terms_version = terms::read_terms_version(&root)?;
    Ok(Package {
        root,
        version: spec.version.clone(),
        terms_version,
    })
}

fn root_with(
    spec: &PackageSpec,
    opts: &FetchOptions,
    agent: &dyn Fn() -> ureq::Agent,
) -> Result<PathBuf, AssetError> {
    let sri = Sri::parse(&spec.name, &spec.integrity)?;
    let explicit = opts.package_dir.as_deref();
    if let Some(path) = explicit {
        if path.file_name().is_some_and(|n| n == "package.json") {
            return open(path.parent().unwrap_or(path), spec);
        }
        if !path.is_file() {
            return open(path, spec);
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if !(name.ends_with(".tgz") || name.ends_with(".tar.gz")) {
            return Err(AssetError::NotAPackage {
                path: path.to_path_buf(),
                reason: "it is a file, but not a .tgz archive".to_string(),
            });
        }
    }
    let cache = opts.cache_dir.as_deref().ok_or_else(|| AssetError::NoCacheDir {
        name: spec.name.clone(),
        version: spec.version.clone(),
    })?;
    let entry = cache::entry_dir(cache, spec, &sri);
    if !cache::is_complete(&entry, &sri) {
        let (origin, bytes) = match explicit {
            Some(tgz) => (
                tgz.display().to_string(),
                fs::read(tgz).map_err(io_err("read", tgz))?,
            ),
            None if opts.offline => {
                return Err(AssetError::NotCached {
                    name: spec.name.clone(),
                    version: spec.version.clone(),
                    cache: cache.to_path_buf(),
                });
            }
            None => {
                cache::make_room(&entry)?;
                fetch::download(&agent(), &opts.registry, spec, &entry)?
            }
        };
        sri.verify(&bytes, &origin)?;
        cache::install(&bytes, &origin, &entry, &sri)?;
    }
    open(&entry.join("package"), spec)
}

/// Opens an unpacked package and checks it is the pinned one; returns its root.
fn open(dir: &Path, spec: &PackageSpec) -> Result<PathBuf, AssetError> {
    let root = if !dir.join("package.json").exists() && dir.join("package/package.json").exists() {
        dir.join("package")
    } else {
        dir.to_path_buf()
    };
    let manifest = root.join("package.json");
    let not_a_package = |reason: &str| AssetError::NotAPackage {
        path: root.clone(),
        reason: reason.to_string(),
    };
    if !root.exists() {
        return Err(not_a_package("it does not exist"));
    }
    if !manifest.is_file() {
        return Err(not_a_package("it has no package.json"));
    }
    let text = fs::read(&manifest).map_err(io_err("read", &manifest))?;
    let json: serde_json::Value =
        serde_json::from_slice(&text).map_err(|_| not_a_package("its package.json is not JSON"))?;
    let field = |key| json.get(key).and_then(|v| v.as_str()).unwrap_or("?").to_string();
    let (found_name, found_version) = (field("name"), field("version"));
    if found_name != spec.name || found_version != spec.version {
        return Err(AssetError::VersionMismatch {
            path: root,
            name: spec.name.clone(),
            version: spec.version.clone(),
            found_name,
            found_version,
        });
    }
    if !root.join("dist").is_dir() {
        return Err(not_a_package("it has no dist/ folder"));
    }
    Ok(root)
}
