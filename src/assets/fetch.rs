//! Downloading a package tarball from an npm registry (no Node, no npm).
//! The proxy comes from the usual variables (HTTPS_PROXY, https_proxy,
//! ALL_PROXY, HTTP_PROXY, NO_PROXY), read by ureq. Certificates are checked
//! against the system's trust store (SSL_CERT_FILE / SSL_CERT_DIR honoured),
//! so TLS-inspecting proxies whose CA the system trusts work; the pinned
//! sha512 is what guarantees the content anyway.

use std::path::Path;
use std::time::Duration;

use ureq::tls::{RootCerts, TlsConfig};

use super::{AssetError, PackageSpec};

/// Largest tarball accepted (DSFR 1.15.3 is 23 MB).
const MAX_TARBALL: u64 = 256 * 1024 * 1024;
const MAX_METADATA: u64 = 4 * 1024 * 1024;

/// The HTTP client used for downloads: rustls, proxy from the environment,
/// HTTP errors returned as statuses, bounded time.
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_global(Some(Duration::from_secs(600)))
        .user_agent(concat!("atelier/", env!("CARGO_PKG_VERSION")))
        .tls_config(
            TlsConfig::builder()
                .root_certs(RootCerts::PlatformVerifier)
                .build(),
        )
        .build()
        .into()
}

/// `<registry>/<name>/-/<basename>-<version>.tgz`, the layout of every npm
/// registry and mirror.
pub(crate) fn tarball_url(registry: &str, spec: &PackageSpec) -> String {
    let base = spec.name.rsplit('/').next().unwrap_or(&spec.name);
    format!(
        "{}/{}/-/{base}-{}.tgz",
        registry.trim_end_matches('/'),
        spec.name,
        spec.version
    )
}

/// `<registry>/<name with / escaped>/<version>`: the version's metadata.
fn metadata_url(registry: &str, spec: &PackageSpec) -> String {
    format!(
        "{}/{}/{}",
        registry.trim_end_matches('/'),
        spec.name.replace('/', "%2f"),
        spec.version
    )
}

/// The line a download prints before it starts: what, from where, into which cache, so a
/// first build that waits on the network says why, and a CI knows what to cache.
pub(crate) fn announcement(registry: &str, spec: &PackageSpec, entry: &Path) -> String {
    let ahead = if spec.is_dsfr() {
        "; `atelier dsfr fetch` does it ahead of time"
    } else {
        ""
    };
    format!(
        "Downloading {} {} from {} into {} (once: later builds use this copy{ahead}).",
        spec.name,
        spec.version,
        tarball_url(registry, spec),
        entry.display()
    )
}

/// Downloads the tarball; returns its URL and bytes (not yet verified).
/// When the conventional URL is not found, asks the registry metadata for
/// `dist.tarball` (mirrors that store tarballs elsewhere). Says so on stderr first
/// ([`announcement`]), `entry` being where the package is cached.
pub(crate) fn download(
    agent: &ureq::Agent,
    registry: &str,
    spec: &PackageSpec,
    entry: &Path,
) -> Result<(String, Vec<u8>), AssetError> {
    eprintln!("{}", announcement(registry, spec, entry));
    let url = tarball_url(registry, spec);
    match get(agent, &url, MAX_TARBALL) {
        Ok(bytes) => Ok((url, bytes)),
        Err(AssetError::HttpStatus { status: 404, .. }) => {
            let meta_url = metadata_url(registry, spec);
            let meta = get(agent, &meta_url, MAX_METADATA)?;
            let tarball = tarball_from_metadata(&meta).map_err(|detail| AssetError::Metadata {
                url: meta_url,
                detail,
            })?;
            let bytes = get(agent, &tarball, MAX_TARBALL)?;
            Ok((tarball, bytes))
        }
        Err(e) => Err(e),
    }
}

fn tarball_from_metadata(meta: &[u8]) -> Result<String, String> {
    let json: serde_json::Value = serde_json::from_slice(meta).map_err(|e| format!("not JSON ({e})"))?;
    json.pointer("/dist/tarball")
        .and_then(|t| t.as_str())
        .map(str::to_string)
        .ok_or_else(|| "no `dist.tarball` field".to_string())
}

fn get(agent: &ureq::Agent, url: &str, limit: u64) -> Result<Vec<u8>, AssetError> {
    let network = |e: ureq::Error| AssetError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    };
    let mut response = agent.get(url).call().map_err(network)?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(AssetError::HttpStatus {
            url: url.to_string(),
            status,
        });
    }
    response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(network)
}
