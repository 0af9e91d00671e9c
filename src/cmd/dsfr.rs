//! `atelier dsfr fetch`: fills the DSFR cache ahead of time, for machines without network.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::report;
use crate::assets;
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Location};
use crate::pipeline::FetchOptions;
use crate::theme::ThemeConfig;

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
            Diagnostic::error(format!("the theme `{}` does not exist", config.theme))
                .at(Location::file(&shown))
                .help("`theme` in site.yaml names a folder of `themes/`"),
        ]);
    }
    let theme = ThemeConfig::load(&theme_dir, &shown)?;
    let Some(pin) = theme.dsfr else {
        return Ok(format!(
            "The theme `{}` uses no DSFR package: nothing to fetch.",
            config.theme
        ));
    };
    let spec = pin.spec();
    let (package, downloaded) = assets::fetch_ahead(&spec, opts).map_err(|e| {
        vec![
            Diagnostic::error(e.to_string())
                .at(Location::file(shown.join("theme.yaml")))
                .help(e.help()),
        ]
    })?;
    let was = if downloaded { "" } else { " (it was already there)" };
    Ok(format!(
        "{} {} is ready in {}{was}.",
        spec.name,
        package.version,
        package.root.display()
    ))
}
