//! DSFR in a build: find the package a theme pins and check the site accepts its terms
//! (before rendering), then add the files the rendered pages use (after rendering).

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use super::{
    AssetError, FetchOptions, Package, Source, check_terms, collect_artwork, collect_classes, locate, select,
};
use crate::diagnostic::{Diagnostic, Location};
use crate::output::Copy;
use crate::render::Output;
use crate::theme::ThemeConfig;

/// Folder of the output where DSFR files go.
pub const DSFR_DIR: &str = "dsfr";

fn diagnostic(e: &AssetError, at: Location) -> Diagnostic {
    Diagnostic::error(e.to_string()).at(at).help(e.help())
}

/// The DSFR package of the theme, if it pins one, with its terms accepted by `site.yaml`.
pub fn prepare(
    theme: &ThemeConfig,
    theme_dir_shown: &Path,
    accepted: Option<&str>,
    opts: &FetchOptions,
) -> Result<Option<Package>, Diagnostic> {
    let Some(pin) = &theme.dsfr else { return Ok(None) };
    let pkg = locate(&pin.spec(), opts)
        .map_err(|e| diagnostic(&e, Location::file(theme_dir_shown.join("theme.yaml"))))?;
    check_terms(&pkg, accepted).map_err(|e| diagnostic(&e, Location::file("site.yaml")))?;
    Ok(Some(pkg))
}

/// The DSFR files the pages use: generated ones as outputs, package files as copies.
pub fn publish(pkg: &Package, outputs: &[Output]) -> Result<(Vec<Output>, Vec<Copy>), Diagnostic> {
    let (classes, artwork) = outputs
        .par_iter()
        .filter(|o| o.path.ends_with(".html"))
        .map(|o| {
            let html = String::from_utf8_lossy(&o.bytes);
            let (mut c, mut a) = (BTreeSet::new(), BTreeSet::new());
            collect_classes(&html, &mut c);
            collect_artwork(&html, &mut a);
            (c, a)
        })
        .reduce(
            || (BTreeSet::new(), BTreeSet::new()),
            |(mut c1, mut a1), (c2, a2)| {
                c1.extend(c2);
                a1.extend(a2);
                (c1, a1)
            },
        );
    let files = select(pkg, &classes, &artwork).map_err(|e| diagnostic(&e, Location::file(&pkg.root)))?;
    let mut generated = Vec::new();
    let mut copies = Vec::new();
    for f in files {
        let dest = format!("{DSFR_DIR}/{}", f.dest);
        match f.source {
            Source::File(src) => copies.push(Copy { src, dest }),
            Source::Bytes(bytes) => generated.push(Output { path: dest, bytes }),
        }
    }
    Ok((generated, copies))
}
