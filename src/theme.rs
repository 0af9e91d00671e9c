//! A theme's own settings, `themes/<name>/theme.yaml`: its description and the exact DSFR
//! package it is written for (downloaded and verified by [`crate::assets`]).

use std::path::Path;

use serde::Deserialize;

use crate::assets::PackageSpec;
use crate::content::yaml::{Seg, Source, Unknown, fields};
use crate::diagnostic::Diagnostic;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ThemeConfig {
    /// What the theme is, for people choosing one.
    pub description: String,
    /// The `@gouvfr/dsfr` package the templates are written for; none for themes that do
    /// not use DSFR.
    pub dsfr: Option<DsfrPin>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct DsfrPin {
    /// Exact version, e.g. `1.15.3`.
    pub version: String,
    /// The registry's `dist.integrity` for that version (`sha512-...`).
    pub integrity: String,
}

impl DsfrPin {
    pub fn spec(&self) -> PackageSpec {
        PackageSpec {
            name: "@gouvfr/dsfr".into(),
            version: self.version.clone(),
            integrity: self.integrity.clone(),
        }
    }
}

fn known(path: &[Seg]) -> &'static [&'static str] {
    if path.is_empty() {
        fields::<ThemeConfig>()
    } else {
        fields::<DsfrPin>()
    }
}

impl ThemeConfig {
    /// Reads `theme.yaml` in `theme_dir` (absent: no settings). `shown` is how the theme
    /// folder is named to the user.
    pub fn load(theme_dir: &Path, shown: &Path) -> Result<ThemeConfig, Vec<Diagnostic>> {
        let path = theme_dir.join("theme.yaml");
        if !path.is_file() {
            return Ok(ThemeConfig::default());
        }
        let shown = shown.join("theme.yaml");
        let text = crate::fs::read_text(&path, &shown).map_err(|d| vec![d])?;
        let text = crate::content::front_matter::normalize(text);
        let src = Source::new(&shown, &text, 1);
        let map = src.parse().map_err(|d| vec![d])?;
        let mut diags = Vec::new();
        let theme: ThemeConfig = src
            .deserialize(map, Unknown::Error(&known), &mut diags)
            .unwrap_or_default();
        if let Some(pin) = &theme.dsfr
            && (pin.version.is_empty() || !pin.integrity.starts_with("sha512-"))
        {
            diags.push(
                Diagnostic::error(crate::msg!("theme-dsfr-pin"))
                    .at(src.locate(&[Seg::Key("dsfr".into())]))
                    .help(crate::tr!("theme-dsfr-pin-help")),
            );
        }
        if diags.is_empty() { Ok(theme) } else { Err(diags) }
    }
}
