//! The error type of the assets module: every variant names the file or URL
//! at fault, and [`AssetError::help`] says what to do about it.

use std::io;
use std::path::{Path, PathBuf};

use crate::tr;

/// Everything that can go wrong while obtaining the DSFR package or
/// choosing its files. The lead converts it into the crate's `Diagnostic`
/// (message = `to_string()`, help = [`AssetError::help`]).
#[derive(Debug)]
pub enum AssetError {
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    BadIntegrity {
        package: String,
        integrity: String,
        reason: &'static str,
    },
    NotAPackage {
        path: PathBuf,
        reason: String,
    },
    VersionMismatch {
        path: PathBuf,
        name: String,
        version: String,
        found_name: String,
        found_version: String,
    },
    Network {
        url: String,
        detail: String,
    },
    HttpStatus {
        url: String,
        status: u16,
    },
    Metadata {
        url: String,
        detail: String,
    },
    Integrity {
        origin: String,
        expected: String,
        actual: String,
    },
    BadArchive {
        origin: String,
        detail: String,
    },
    UnsafeEntry {
        origin: String,
        entry: String,
        reason: &'static str,
    },
    NotCached {
        name: String,
        version: String,
        cache: PathBuf,
    },
    NoCacheDir {
        name: String,
        version: String,
    },
    TermsVersionMissing {
        path: PathBuf,
    },
    TermsNotAccepted {
        version: String,
        required: String,
        cgu: PathBuf,
    },
    TermsMismatch {
        version: String,
        accepted: String,
        required: String,
        cgu: PathBuf,
    },
    MissingFile {
        path: PathBuf,
        referenced_by: String,
    },
    BadArtwork {
        reference: String,
        reason: String,
    },
}

impl std::fmt::Display for AssetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |p: &Path| p.display().to_string();
        f.write_str(&match self {
            Self::Io { action, path, source } => tr!(
                "dsfr-io",
                action = *action,
                path = shown(path),
                error = source.to_string()
            ),
            Self::BadIntegrity {
                package,
                integrity,
                reason,
            } => tr!(
                "dsfr-bad-integrity",
                integrity = format!("{integrity:?}"),
                package = package.as_str(),
                reason = *reason
            ),
            Self::NotAPackage { path, reason } => {
                tr!("dsfr-not-a-package", path = shown(path), reason = reason.as_str())
            }
            Self::VersionMismatch {
                path,
                name,
                version,
                found_name,
                found_version,
            } => tr!(
                "dsfr-version-mismatch",
                path = shown(path),
                found_name = found_name.as_str(),
                found_version = found_version.as_str(),
                name = name.as_str(),
                version = version.as_str()
            ),
            Self::Network { url, detail } => {
                tr!("dsfr-network", url = url.as_str(), detail = detail.as_str())
            }
            Self::HttpStatus { url, status } => {
                tr!(
                    "dsfr-http-status",
                    url = url.as_str(),
                    status = status.to_string()
                )
            }
            Self::Metadata { url, detail } => {
                tr!("dsfr-metadata", url = url.as_str(), detail = detail.as_str())
            }
            Self::Integrity {
                origin,
                expected,
                actual,
            } => tr!(
                "dsfr-integrity",
                origin = origin.as_str(),
                expected = expected.as_str(),
                actual = actual.as_str()
            ),
            Self::BadArchive { origin, detail } => {
                tr!(
                    "dsfr-bad-archive",
                    origin = origin.as_str(),
                    detail = detail.as_str()
                )
            }
            Self::UnsafeEntry {
                origin,
                entry,
                reason,
            } => tr!(
                "dsfr-unsafe-entry",
                entry = format!("{entry:?}"),
                origin = origin.as_str(),
                reason = *reason
            ),
            Self::NotCached { name, version, cache } => tr!(
                "dsfr-not-cached",
                name = name.as_str(),
                version = version.as_str(),
                cache = shown(cache)
            ),
            Self::NoCacheDir { name, version } => {
                tr!(
                    "dsfr-no-cache-dir",
                    name = name.as_str(),
                    version = version.as_str()
                )
            }
            Self::TermsVersionMissing { path } => tr!("dsfr-terms-version-missing", path = shown(path)),
            Self::TermsNotAccepted {
                version, required, ..
            } => tr!(
                "dsfr-terms-not-accepted",
                version = version.as_str(),
                required = required.as_str()
            ),
            Self::TermsMismatch {
                version,
                accepted,
                required,
                ..
            } => tr!(
                "dsfr-terms-mismatch",
                accepted = accepted.as_str(),
                version = version.as_str(),
                required = required.as_str()
            ),
            Self::MissingFile { path, referenced_by } => tr!(
                "dsfr-missing-file",
                path = shown(path),
                referenced_by = referenced_by.as_str()
            ),
            Self::BadArtwork { reference, reason } => tr!(
                "dsfr-bad-artwork",
                reference = format!("{reference:?}"),
                reason = reason.as_str()
            ),
        })
    }
}

impl std::error::Error for AssetError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl AssetError {
    /// What the user should do, in one or two sentences.
    pub fn help(&self) -> String {
        match self {
            Self::Io { path, .. } => tr!("dsfr-io-help", path = path.display().to_string()),
            Self::BadIntegrity { package, .. } => tr!("dsfr-bad-integrity-help", package = package.as_str()),
            Self::NotAPackage { path, .. } => {
                tr!("dsfr-not-a-package-help", path = path.display().to_string())
            }
            Self::VersionMismatch { name, version, .. } => tr!(
                "dsfr-version-mismatch-help",
                name = name.as_str(),
                version = version.as_str()
            ),
            Self::Network { .. } | Self::HttpStatus { .. } => tr!("dsfr-network-help"),
            Self::Metadata { .. } => tr!("dsfr-metadata-help"),
            Self::Integrity { .. } => tr!("dsfr-integrity-help"),
            Self::BadArchive { .. } | Self::UnsafeEntry { .. } => tr!("dsfr-bad-archive-help"),
            Self::NotCached { name, version, .. } => tr!(
                "dsfr-not-cached-help",
                name = name.as_str(),
                version = version.as_str(),
                file = name.trim_start_matches('@').replace('/', "-")
            ),
            Self::NoCacheDir { .. } => tr!("dsfr-no-cache-dir-help"),
            Self::TermsVersionMissing { .. } => tr!("dsfr-terms-version-missing-help"),
            Self::TermsNotAccepted { required, cgu, .. } => terms_help(None, required, cgu),
            Self::TermsMismatch {
                accepted,
                required,
                cgu,
                ..
            } => terms_help(Some(accepted), required, cgu),
            Self::MissingFile { .. } => tr!("dsfr-missing-file-help"),
            Self::BadArtwork { .. } => tr!("dsfr-bad-artwork-help"),
        }
    }
}

/// How to accept the terms of use (`required`, read in `cgu`), after saying that they
/// changed since `accepted`.
fn terms_help(accepted: Option<&String>, required: &str, cgu: &Path) -> String {
    let terms = tr!("dsfr-terms-help", cgu = cgu.display().to_string());
    let read = match accepted {
        Some(a) => format!("{} {terms}", tr!("dsfr-terms-changed", accepted = a.as_str())),
        None => terms,
    };
    format!("{read}\n    dsfr_terms: \"{required}\"")
}

/// `map_err` helper: an I/O error on `path` while doing `action`.
pub(crate) fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> AssetError {
    let path = path.to_path_buf();
    move |source| AssetError::Io { action, path, source }
}
