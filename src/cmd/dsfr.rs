//! `atelier dsfr fetch`: fills the cache ahead of time, for machines without network: the
//! DSFR package, and the CMS's when the site publishes it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::report;
use crate::assets;
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Location};
use crate::pipeline::FetchOptions;
use crate::theme::ThemeConfig;
use crate::{msg, tr};

/// Downloads the DSFR package the theme of the site at `root` pins into the cache (or finds
/// it in `dsfr_dir`), and says where it is.
pub fn fetch(root: &Path, dsfr_dir: Option<PathBuf>, color: bool) -> ExitCode {
    let mut opts = FetchOptions::from_env();
    opts.package_dir = dsfr_dir.or(opts.package_dir);
    match fetch_for_site(root, &opts) {
        Ok(said) => {
            println!("{said}");
            ExitCode::SUCCESS
        }
        Err(diags) => {
            report(&diags, color);
            ExitCode::from(1)
        }
    }
}

/// What `dsfr fetch` did for the site at `root`, in one sentence.
fn fetch_for_site(root: &Path, opts: &FetchOptions) -> Result<String, Vec<Diagnostic>> {
    let (config, _) = SiteConfig::load(root)?;
    let shown = Path::new("themes").join(&config.theme);
    let theme_dir = root.join(&shown);
    if !theme_dir.is_dir() {
        return Err(vec![
            Diagnostic::error(msg!("theme-missing", theme = config.theme.as_str()))
                .at(Location::file(&shown))
                .help(tr!("dsfr-theme-missing-help")),
        ]);
    }
    let theme = ThemeConfig::load(&theme_dir, &shown)?;
    let Some(pin) = theme.dsfr else {
        return Ok(tr!("dsfr-not-used", theme = config.theme.as_str()));
    };
    let spec = pin.spec();
    let (package, downloaded) = assets::fetch_ahead(&spec, opts).map_err(|e| {
        vec![
            Diagnostic::error(e.to_string())
                .at(Location::file(shown.join("theme.yaml")))
                .help(e.help()),
        ]
    })?;
    let mut said = ready(&spec.name, &package.version, &package.root, downloaded);
    // The editors' CMS, when the site publishes it, comes from a package of its own.
    match crate::cms::fetch_ahead(&config, true, opts) {
        None => {}
        Some(Ok((name, version, root, downloaded))) => {
            said.push('\n');
            said.push_str(&ready(&name, &version, &root, downloaded));
        }
        Some(Err(d)) => return Err(vec![d]),
    }
    Ok(said)
}

/// "`package` `version` is ready in `folder`", saying whether it was there already.
fn ready(name: &str, version: &str, folder: &Path, downloaded: bool) -> String {
    let folder = folder.display().to_string();
    if downloaded {
        tr!("dsfr-ready", package = name, version = version, folder = folder)
    } else {
        tr!(
            "dsfr-was-ready",
            package = name,
            version = version,
            folder = folder
        )
    }
}
