//! `atelier dsfr fetch`: fills the DSFR cache ahead of time, for machines without network.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::report;
use crate::assets::{self, FetchOptions, Fetched};

/// Downloads the theme's DSFR package into the cache (or `dsfr_dir`), or says it is there.
pub fn fetch(root: &Path, dsfr_dir: Option<PathBuf>, color: bool) -> ExitCode {
    let mut fetch = FetchOptions::from_env();
    fetch.package_dir = dsfr_dir.or(fetch.package_dir);
    match assets::fetch_ahead(root, &fetch) {
        Ok(Fetched::Package {
            name,
            version,
            root,
            downloaded,
        }) => {
            let was = if downloaded { "" } else { " (it was already there)" };
            println!("{name} {version} is ready in {}{was}.", root.display());
            ExitCode::SUCCESS
        }
        Ok(Fetched::NoPin { theme }) => {
            println!("The theme `{theme}` uses no DSFR package: nothing to fetch.");
            ExitCode::SUCCESS
        }
        Err(diags) => {
            report(&diags, color);
            ExitCode::from(1)
        }
    }
}
