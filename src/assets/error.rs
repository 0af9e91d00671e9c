//! The error type of the assets module: every variant names the file or URL
//! at fault, and [`AssetError::help`] says what to do about it.

use std::io;
use std::path::{Path, PathBuf};

/// Everything that can go wrong while obtaining the DSFR package or
/// choosing its files. The lead converts it into the crate's `Diagnostic`
/// (message = `to_string()`, help = [`AssetError::help`]).
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("invalid integrity {integrity:?} for {package}: {reason}")]
    BadIntegrity {
        package: String,
        integrity: String,
        reason: &'static str,
    },
    #[error("{} is not a usable DSFR package: {reason}", path.display())]
    NotAPackage { path: PathBuf, reason: String },
    #[error("{} holds {found_name} {found_version}, but this site needs {name} {version}", path.display())]
    VersionMismatch {
        path: PathBuf,
        name: String,
        version: String,
        found_name: String,
        found_version: String,
    },
    #[error("cannot download {url}: {detail}")]
    Network { url: String, detail: String },
    #[error("{url} answered HTTP {status}")]
    HttpStatus { url: String, status: u16 },
    #[error("unexpected registry metadata at {url}: {detail}")]
    Metadata { url: String, detail: String },
    #[error("integrity check failed for {origin}: expected {expected}, got {actual}")]
    Integrity {
        origin: String,
        expected: String,
        actual: String,
    },
    #[error("{origin} is not a valid .tgz archive: {detail}")]
    BadArchive { origin: String, detail: String },
    #[error("unsafe entry {entry:?} in {origin}: {reason}")]
    UnsafeEntry {
        origin: String,
        entry: String,
        reason: &'static str,
    },
    #[error("{name} {version} is not in the cache {} and offline mode is on", cache.display())]
    NotCached {
        name: String,
        version: String,
        cache: PathBuf,
    },
    #[error(
        "no cache directory to store {name} {version}: ATELIER_CACHE_DIR is unset and the system has none"
    )]
    NoCacheDir { name: String, version: String },
    #[error("{} has no terms-of-use version (`cguVersion` in its front matter)", path.display())]
    TermsVersionMissing { path: PathBuf },
    #[error(
        "site.yaml does not accept the DSFR terms of use: DSFR {version} requires accepting version {required}"
    )]
    TermsNotAccepted {
        version: String,
        required: String,
        cgu: PathBuf,
    },
    #[error(
        "site.yaml accepts the DSFR terms of use version {accepted}, but DSFR {version} requires version {required}"
    )]
    TermsMismatch {
        version: String,
        accepted: String,
        required: String,
        cgu: PathBuf,
    },
    #[error("{} is missing from the DSFR package (referenced by {referenced_by})", path.display())]
    MissingFile { path: PathBuf, referenced_by: String },
    #[error("artwork reference {reference:?} cannot be served: {reason}")]
    BadArtwork { reference: String, reason: String },
}

impl AssetError {
    /// What the user should do, in one or two sentences.
    pub fn help(&self) -> String {
        match self {
            Self::Io { path, .. } => format!(
                "check that {} exists and is readable/writable, and that the disk is not full",
                path.display()
            ),
            Self::BadIntegrity { package, .. } => format!(
                "the pinned integrity of {package} must be the `dist.integrity` value of the registry \
                 (\"sha512-\" followed by 88 base64 characters); this is a bug in atelier's pin"
            ),
            Self::NotAPackage { path, .. } => format!(
                "point --dsfr-dir / ATELIER_DSFR_DIR at the unpacked npm package (the `package` folder \
                 holding package.json and dist/) or at the .tgz made by `npm pack`; {} is not one",
                path.display()
            ),
            Self::VersionMismatch { name, version, .. } => format!(
                "obtain the pinned version with `npm pack {name}@{version}` and point --dsfr-dir / \
                 ATELIER_DSFR_DIR at it, or unset ATELIER_DSFR_DIR to let atelier download it"
            ),
            Self::Network { .. } | Self::HttpStatus { .. } => format!(
                "check the network and the proxy (HTTPS_PROXY, NO_PROXY) or the registry \
                 (npm_config_registry); for a machine without network, run `atelier dsfr fetch` \
                 where there is one and copy its cache (ATELIER_CACHE_DIR), or use --dsfr-dir / \
                 ATELIER_DSFR_DIR ({})",
                OBTAIN_HINT
            ),
            Self::Metadata { .. } => {
                "the registry (npm_config_registry) does not look like an npm registry; unset it to \
                 use https://registry.npmjs.org/"
                    .to_string()
            }
            Self::Integrity { .. } => {
                "the downloaded file is not the published package: a proxy or mirror altered it, or \
                 the file given in ATELIER_DSFR_DIR is another version; do not use it"
                    .to_string()
            }
            Self::BadArchive { .. } | Self::UnsafeEntry { .. } => {
                "this archive cannot be the published DSFR package; get it again with `npm pack`".to_string()
            }
            Self::NotCached { name, version, .. } => format!(
                "go online once (unset ATELIER_OFFLINE) so atelier downloads and caches it, or point \
                 --dsfr-dir / ATELIER_DSFR_DIR at a copy of the package: `npm pack {name}@{version}` \
                 writes {}-{version}.tgz, which ATELIER_DSFR_DIR may name directly (or unpack it \
                 and name its `package` folder)",
                name.trim_start_matches('@').replace('/', "-")
            ),
            Self::NoCacheDir { .. } => "set ATELIER_CACHE_DIR to a writable directory, or point \
                --dsfr-dir / ATELIER_DSFR_DIR at an unpacked copy of the package"
                .to_string(),
            Self::TermsVersionMissing { .. } => {
                "this DSFR version keeps its terms of use elsewhere; atelier supports DSFR 1.15 and \
                 later, whose doc/legal/cgu.md starts with `cguVersion:`"
                    .to_string()
            }
            Self::TermsNotAccepted { required, cgu, .. } => terms_help("", required, cgu),
            Self::TermsMismatch {
                accepted,
                required,
                cgu,
                ..
            } => terms_help(
                &format!("The terms changed since version {accepted}. "),
                required,
                cgu,
            ),
            Self::MissingFile { .. } => {
                "the package copy is incomplete or damaged: delete it (or the atelier cache entry) \
                 so it is obtained again"
                    .to_string()
            }
            Self::BadArtwork { .. } => {
                "artwork references must look like `dsfr/artwork/pictograms/<category>/<name>.svg`; \
                 the list of pictograms is in the package's dist/artwork/pictograms/"
                    .to_string()
            }
        }
    }
}

const OBTAIN_HINT: &str = "`npm pack @gouvfr/dsfr@<version>` writes gouvfr-dsfr-<version>.tgz, \
     which ATELIER_DSFR_DIR may name directly";

fn terms_help(intro: &str, required: &str, cgu: &Path) -> String {
    format!(
        "{intro}DSFR use is restricted to State services (sites on .gouv.fr domains with the SIG \
         agreement): read the terms in {}, then write in site.yaml:\n    dsfr_terms: \"{required}\"",
        cgu.display()
    )
}

/// `map_err` helper: an I/O error on `path` while doing `action`.
pub(crate) fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> AssetError {
    let path = path.to_path_buf();
    move |source| AssetError::Io { action, path, source }
}
