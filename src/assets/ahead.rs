//! Filling the cache ahead of time (`atelier dsfr fetch`): on a machine with network, for
//! one without, or in a CI job whose cache (`ATELIER_CACHE_DIR`) later builds reuse.

use std::path::PathBuf;

use super::{AssetError, Package, PackageSpec, cache, locate, locate_root, sri::Sri};
use crate::pipeline::FetchOptions;

/// Obtains the package `spec` names as a build would (`--dsfr-dir`, else the cache, else
/// the registry). Also says whether it was downloaded now (it was neither given nor cached).
pub fn fetch_ahead(spec: &PackageSpec, opts: &FetchOptions) -> Result<(Package, bool), AssetError> {
    let was_there = in_cache(spec, opts)?;
    let package = locate(spec, opts)?;
    Ok((package, opts.package_dir.is_none() && !was_there))
}

/// [`fetch_ahead`] for a package atelier only publishes files of (Decap CMS): its folder.
pub fn fetch_root_ahead(spec: &PackageSpec, opts: &FetchOptions) -> Result<(PathBuf, bool), AssetError> {
    let was_there = in_cache(spec, opts)?;
    let root = locate_root(spec, opts)?;
    Ok((root, opts.package_dir.is_none() && !was_there))
}

/// Whether the cache holds the whole package already (a given folder counts as not).
fn in_cache(spec: &PackageSpec, opts: &FetchOptions) -> Result<bool, AssetError> {
    let sri = Sri::parse(&spec.name, &spec.integrity)?;
    Ok(opts.package_dir.is_none()
        && opts
            .cache_dir
            .as_deref()
            .is_some_and(|c| cache::is_complete(&cache::entry_dir(c, spec, &sri), &sri)))
}
