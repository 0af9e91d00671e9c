//! Filling the cache ahead of time (`atelier dsfr fetch`): on a machine with network, for
//! one without, or in a CI job whose cache (`ATELIER_CACHE_DIR`) later builds reuse.

use super::{AssetError, Package, PackageSpec, cache, locate, sri::Sri};
use crate::pipeline::FetchOptions;

/// Obtains the package `spec` names as a build would (`--dsfr-dir`, else the cache, else
/// the registry). Also says whether it was downloaded now (it was neither given nor cached).
pub fn fetch_ahead(spec: &PackageSpec, opts: &FetchOptions) -> Result<(Package, bool), AssetError> {
    let sri = Sri::parse(&spec.name, &spec.integrity)?;
    let cached = opts.package_dir.is_none()
        && opts
            .cache_dir
            .as_deref()
            .is_some_and(|c| cache::is_complete(&cache::entry_dir(c, spec, &sri), &sri));
    let package = locate(spec, opts)?;
    Ok((package, opts.package_dir.is_none() && !cached))
}
