//! Filling the cache ahead of time (`atelier dsfr fetch`): on a machine with network, for
//! one without, or in a CI job whose cache (`ATELIER_CACHE_DIR`) later builds reuse.

use std::path::{Path, PathBuf};

use super::{FetchOptions, cache, locate, sri::Sri};
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Location};
use crate::theme::ThemeConfig;

/// What [`fetch_ahead`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The package the site's theme pins, at this folder; `downloaded` unless it was there.
    Package {
        name: String,
        version: String,
        root: PathBuf,
        downloaded: bool,
    },
    /// The site's theme pins no DSFR package: there is nothing to fetch.
    NoPin { theme: String },
}

/// Obtains the DSFR package the theme of the site at `root` pins, as a build would
/// (`--dsfr-dir`, else the cache, else the registry), and says where it is.
pub fn fetch_ahead(root: &Path, opts: &FetchOptions) -> Result<Fetched, Vec<Diagnostic>> {
    let (config, _) = SiteConfig::load(root)?;
    let shown = Path::new("themes").join(&config.theme);
    let theme_dir = root.join(&shown);
    if !theme_dir.is_dir() {
        return Err(vec![
            Diagnostic::error(format!("the theme `{}` does not exist", config.theme))
                .at(Location::file(&shown))
                .help("`theme` in site.yaml names a folder of `themes/`"),
        ]);
    }
    let theme = ThemeConfig::load(&theme_dir, &shown)?;
    let Some(pin) = theme.dsfr else {
        return Ok(Fetched::NoPin { theme: config.theme });
    };
    let spec = pin.spec();
    let at = || Location::file(shown.join("theme.yaml"));
    let problem = |e: super::AssetError| vec![Diagnostic::error(e.to_string()).at(at()).help(e.help())];
    let sri = Sri::parse(&spec.name, &spec.integrity).map_err(problem)?;
    let cached = opts.package_dir.is_none()
        && opts
            .cache_dir
            .as_deref()
            .is_some_and(|c| cache::is_complete(&cache::entry_dir(c, &spec, &sri), &sri));
    let package = locate(&spec, opts).map_err(problem)?;
    Ok(Fetched::Package {
        name: spec.name,
        version: package.version,
        root: package.root,
        downloaded: opts.package_dir.is_none() && !cached,
    })
}
