//! DSFR in a build: find the package a theme pins and check the site accepts its terms
//! (before rendering), then add the files the rendered pages use (after rendering).

use std::collections::BTreeSet;
use std::path::Path;

use super::{
    AssetError, Package, PackageSpec, Source, check_terms, collect_artwork, collect_classes, locate, select,
};
use crate::diagnostic::{Diagnostic, Location};
use crate::pipeline::FetchOptions;
use crate::pipeline::{CopiedFile, Output};

/// Folder of the output where DSFR files go.
pub const DSFR_DIR: &str = "dsfr";

fn diagnostic(e: &AssetError, at: Location) -> Diagnostic {
    Diagnostic::error(e.to_string()).at(at).help(e.help())
}

/// The DSFR package the theme pins (`pin`, none for a theme without DSFR), with its terms
/// accepted by `site.yaml` (`accepted`, written at `accepted_at`; when it is not written,
/// a refusal names the file).
pub fn prepare(
    pin: Option<&PackageSpec>,
    theme_dir_shown: &Path,
    accepted: Option<&str>,
    accepted_at: Option<&Location>,
    opts: &FetchOptions,
) -> Result<Option<Package>, Diagnostic> {
    let Some(pin) = pin else { return Ok(None) };
    let pkg =
        locate(pin, opts).map_err(|e| diagnostic(&e, Location::file(theme_dir_shown.join("theme.yaml"))))?;
    check_terms(&pkg, accepted).map_err(|e| {
        let at = accepted_at
            .cloned()
            .unwrap_or_else(|| Location::file("site.yaml"));
        diagnostic(&e, at)
    })?;
    Ok(Some(pkg))
}

/// The classes and artwork one page uses (or, for `classes`, the site's scripts name).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Used {
    pub classes: BTreeSet<String>,
    pub artwork: BTreeSet<String>,
}

impl Used {
    /// What an HTML page uses (other outputs use nothing).
    pub fn of(path: &str, bytes: &[u8]) -> Used {
        let mut used = Used::default();
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            collect_classes(&html, &mut used.classes);
            collect_artwork(&html, &mut used.artwork);
        }
        used
    }

    pub fn extend(&mut self, other: &Used) {
        self.classes.extend(other.classes.iter().cloned());
        self.artwork.extend(other.artwork.iter().cloned());
    }
}

/// The DSFR files for what the pages use: generated ones as outputs, package files as copies.
pub fn files(pkg: &Package, used: &Used) -> Result<(Vec<Output>, Vec<CopiedFile>), Diagnostic> {
    let files =
        select(pkg, &used.classes, &used.artwork).map_err(|e| diagnostic(&e, Location::file(&pkg.root)))?;
    let mut generated = Vec::new();
    let mut copies = Vec::new();
    for f in files {
        let dest = format!("{DSFR_DIR}/{}", f.dest);
        match f.source {
            Source::File(src) => copies.push(CopiedFile { src, dest }),
            Source::Bytes(bytes) => generated.push(Output { path: dest, bytes }),
        }
    }
    Ok((generated, copies))
}
