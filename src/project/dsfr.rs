//! The DSFR files of a project: the package its theme pins (prepared again when the
//! settings or the theme change), and the files its pages use. What each page uses is
//! counted, so an edit updates the selection in time proportional to the pages it
//! re-renders, not to the site.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::assets::{self, FetchOptions, Package, Used};
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::pipeline::{CopiedFile, Output};
use crate::render::Templates;

#[derive(Default)]
pub(super) struct Dsfr {
    pkg: Option<Package>,
    pub(super) diags: Vec<Diagnostic>,
    /// Output path → what that page uses.
    used: HashMap<String, Used>,
    /// How many pages use each icon class and each artwork file.
    classes: BTreeMap<String, usize>,
    artwork: BTreeMap<String, usize>,
    /// A class or artwork appeared or disappeared since the last selection.
    stale: bool,
    pub(super) generated: Vec<Output>,
    pub(super) copies: Vec<CopiedFile>,
}

fn count<'a>(
    counts: &mut BTreeMap<String, usize>,
    items: impl Iterator<Item = &'a String>,
    add: bool,
) -> bool {
    let mut changed = false;
    for item in items {
        if add {
            let n = counts.entry(item.clone()).or_insert(0);
            *n += 1;
            changed |= *n == 1;
        } else if let Some(n) = counts.get_mut(item) {
            *n -= 1;
            if *n == 0 {
                counts.remove(item);
                changed = true;
            }
        }
    }
    changed
}

impl Dsfr {
    /// Finds the package the theme pins and checks the settings accept its terms.
    pub(super) fn prepare(
        &mut self,
        templates: Option<&Templates>,
        config: Option<&SiteConfig>,
        fetch: &FetchOptions,
    ) {
        self.diags.clear();
        self.pkg = None;
        self.stale = true;
        let (Some(templates), Some(config)) = (templates, config) else {
            return;
        };
        let shown = std::path::Path::new("themes").join(&config.theme);
        let pin = templates.sources().theme.dsfr.as_ref().map(|p| p.spec());
        match assets::prepare(pin.as_ref(), &shown, config.dsfr_terms.as_deref(), fetch) {
            Ok(pkg) => self.pkg = pkg,
            Err(d) => self.diags.push(d),
        }
    }

    fn forget(&mut self, path: &str) {
        if let Some(old) = self.used.remove(path) {
            self.stale |= count(&mut self.classes, old.classes.iter(), false);
            self.stale |= count(&mut self.artwork, old.artwork.iter(), false);
        }
    }

    /// Without a package: nothing is used, no file is selected. Returns whether files went.
    fn pages_without_package<'a>(&mut self, removed: impl Iterator<Item = &'a str>) -> bool {
        for path in removed {
            self.forget(path);
        }
        self.used.clear();
        self.classes.clear();
        self.artwork.clear();
        self.stale = false;
        let had = !self.generated.is_empty() || !self.copies.is_empty();
        self.generated.clear();
        self.copies.clear();
        had
    }

    /// Records what re-rendered pages use and forgets removed ones, then selects the
    /// files again if the set of what is used changed. Returns whether the files changed.
    pub(super) fn pages<'a>(
        &mut self,
        rendered: impl Iterator<Item = (&'a str, &'a [u8])>,
        removed: impl Iterator<Item = &'a str>,
    ) -> bool {
        // A theme without DSFR has nothing to select: its pages are not read. The package
        // only appears with new settings or a new theme, after which every page renders.
        if self.pkg.is_none() {
            return self.pages_without_package(removed);
        }
        let rendered: Vec<(&str, &[u8])> = rendered.collect();
        let scanned: Vec<(&str, Used)> = rendered
            .par_iter()
            .map(|&(path, bytes)| (path, Used::of(path, bytes)))
            .collect();
        for (path, used) in scanned {
            if self.used.get(path) == Some(&used) {
                continue;
            }
            self.forget(path);
            self.stale |= count(&mut self.classes, used.classes.iter(), true);
            self.stale |= count(&mut self.artwork, used.artwork.iter(), true);
            self.used.insert(path.to_string(), used);
        }
        for path in removed {
            self.forget(path);
        }
        if !std::mem::take(&mut self.stale) {
            return false;
        }
        let Some(pkg) = &self.pkg else {
            return self.pages_without_package(std::iter::empty());
        };
        let union = Used {
            classes: self.classes.keys().cloned().collect(),
            artwork: self.artwork.keys().cloned().collect(),
        };
        self.diags.clear();
        match assets::files(pkg, &union) {
            Ok((generated, copies)) => {
                self.generated = generated;
                self.copies = copies;
            }
            Err(d) => self.diags.push(d),
        }
        true
    }
}
