//! The output side of a project: pages rendered, minified and kept in memory, the DSFR
//! files, the hosting files (sitemap, feed, open data) and the CMS's page kept in line with
//! them.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::output;
use crate::pipeline::Output;
use crate::render;
use crate::site::Route;

use super::{Project, dsfr};

impl Project {
    /// Renders the given output paths (from a [`Plan`]) and keeps them. Returns the paths
    /// whose bytes changed. A page that fails keeps its last good bytes.
    pub fn render(&mut self, paths: &[String]) -> Vec<String> {
        let outputs = self.render_pages(paths);
        let outputs = self.minify(outputs);
        let mut changed = self.store(outputs);
        changed.extend(self.sync_dsfr(&changed));
        changed.extend(self.sync_images());
        changed
    }

    /// Brings the sitemap, robots.txt, the feed and the open data in line with the site;
    /// returns the output paths that changed. The search index follows on its own
    /// ([`Project::index_search`]).
    pub fn sync_hosting(&mut self) -> Vec<String> {
        if self.config.is_none() {
            return Vec::new();
        }
        let mut files = crate::hosting::files(&self.site, &self.bodies);
        if let Some(cms) = &self.cms {
            let home = self.outputs.get("index.html").map(|b| b.as_slice());
            files.extend(cms.outputs(&self.site, home, self.serving));
        }
        replace_files(&mut self.outputs, &mut self.hosting_paths, files)
    }

    pub(super) fn prepare_dsfr(&mut self) {
        let fetch = self
            .opts
            .fetch
            .clone()
            .unwrap_or_else(crate::pipeline::FetchOptions::from_env);
        self.dsfr
            .prepare(self.templates.as_ref(), self.config.as_ref(), &fetch);
        // The CMS, published by default with a theme that uses the DSFR.
        let dsfr_theme = self
            .templates
            .as_ref()
            .is_some_and(|t| t.sources().theme.dsfr.is_some());
        // When DSFR could not be had, its error says why (the network, most often): the
        // CMS is not tried, so that one cause makes one error.
        let prepared = match &self.config {
            Some(config) if self.dsfr.diags.is_empty() => crate::cms::prepare(config, dsfr_theme, &fetch),
            _ => Ok(None),
        };
        (self.cms, self.cms_diags) = match prepared {
            Ok(cms) => (cms, Vec::new()),
            Err(d) => (None, vec![d]),
        };
    }

    /// Brings the DSFR files in line with pages whose bytes changed; returns the output
    /// paths of DSFR files that changed.
    pub(super) fn sync_dsfr(&mut self, changed: &[String]) -> Vec<String> {
        let outputs = &self.outputs;
        let rendered = changed
            .iter()
            .filter_map(|p| outputs.get(p).map(|b| (p.as_str(), b.as_slice())));
        let removed = changed
            .iter()
            .filter(|p| !outputs.contains_key(*p))
            .map(String::as_str);
        let scans = dsfr::Scans::open(self.keeping.as_ref());
        let keeping = self.keeping.as_mut();
        let changed = self.dsfr.pages(
            rendered,
            removed,
            |path, bytes| scans.scan(path, bytes),
            |pkg, used| dsfr::select(pkg, used, keeping),
        );
        scans.keep(self.keeping.as_mut());
        if !changed {
            return Vec::new();
        }
        let prefix = format!("{}/", crate::assets::DSFR_DIR);
        let mut paths: Vec<String> = self
            .outputs
            .keys()
            .filter(|p| p.starts_with(&prefix))
            .cloned()
            .collect();
        for p in &paths {
            self.outputs.remove(p);
        }
        for o in &self.dsfr.generated {
            self.outputs.insert(o.path.clone(), Arc::new(o.bytes.clone()));
            paths.push(o.path.clone());
        }
        self.merge_copies();
        paths.sort();
        paths.dedup();
        paths
    }

    /// Copies = static and content files, then DSFR files; the first of a path wins.
    pub(super) fn merge_copies(&mut self) {
        let mut copies = self.static_copies.clone();
        copies.extend(self.dsfr.copies.iter().cloned());
        copies.extend(self.cms.iter().flat_map(crate::cms::Cms::copies));
        copies.sort_by(|a, b| a.dest.cmp(&b.dest));
        copies.dedup_by(|later, earlier| later.dest == earlier.dest);
        self.copies = copies;
    }

    pub(super) fn render_pages(&self, paths: &[String]) -> Vec<(String, Result<Output, Diagnostic>)> {
        let (Some(templates), Some(shared)) = (&self.templates, &self.shared) else {
            return Vec::new();
        };
        paths
            .par_iter()
            .filter_map(|p| {
                let route = &self.site.routes[*self.routes.get(p)?];
                let out = render::render_route(&self.site, &self.bodies, templates, shared, route);
                Some((p.clone(), out))
            })
            .collect()
    }

    /// [`Project::render_pages`] for a project that never renders again, lighter at its peak:
    /// each body's HTML is read by its own page only, and is let go of as soon as that page
    /// is rendered (the pages pile up meanwhile: 74 MB at 10,000 startups, beside 45 MB of
    /// bodies' HTML). The news feed still needs the news bodies. Pages are rendered in chunks
    /// of [`ONCE_CHUNK`], in parallel within a chunk; the result is the same, in the same order.
    pub(super) fn render_pages_once(
        &mut self,
        paths: &[String],
    ) -> Vec<(String, Result<Output, Diagnostic>)> {
        let news = self.let_go_of_bodies();
        let mut outputs = Vec::with_capacity(paths.len());
        for chunk in paths.chunks(ONCE_CHUNK) {
            outputs.extend(self.render_pages(chunk));
            for path in chunk {
                self.let_go_of_body(path, &news);
            }
        }
        outputs
    }

    /// For a project that never renders again: the body cache (there to render again) lets
    /// go of its share of the bodies, so that each can go once its page is made
    /// ([`Project::let_go_of_body`]). Returns the news, whose bodies the feed still reads.
    pub(super) fn let_go_of_bodies(&mut self) -> HashSet<usize> {
        let empty = Arc::new(Rendered::default());
        for body in self.body_cache.values_mut() {
            body.rendered = empty.clone();
        }
        self.site.news.iter().copied().collect()
    }

    /// Lets go of the HTML of the body the page at `path` shows, once that page is made:
    /// each body's HTML is read by its own page only (and the feed's, for the `news`).
    pub(super) fn let_go_of_body(&mut self, path: &str, news: &HashSet<usize>) {
        let Some(&Route::Doc(i)) = self.routes.get(path).map(|&r| &self.site.routes[r]) else {
            return;
        };
        if !news.contains(&i)
            && let Some(body) = Arc::get_mut(&mut self.bodies[i])
        {
            body.html = String::new();
        }
    }

    /// Whether pages are minified: `--no-minify`, else `minify` in `site.yaml`.
    pub(super) fn minifies(&self) -> bool {
        self.opts
            .minify
            .unwrap_or_else(|| self.config.as_ref().is_none_or(|c| c.minify))
    }

    pub(super) fn minify(
        &self,
        mut outputs: Vec<(String, Result<Output, Diagnostic>)>,
    ) -> Vec<(String, Result<Output, Diagnostic>)> {
        if self.minifies() {
            outputs.par_iter_mut().for_each(|(_, o)| {
                if let Ok(o) = o {
                    output::minify(std::slice::from_mut(o));
                }
            });
        }
        outputs
    }

    /// Keeps rendered pages; returns the paths whose bytes changed.
    pub(super) fn store(&mut self, outputs: Vec<(String, Result<Output, Diagnostic>)>) -> Vec<String> {
        let mut changed = Vec::new();
        for (path, out) in outputs {
            match out {
                Ok(o) => {
                    self.render_diags.remove(&path);
                    if self.outputs.get(&path).is_none_or(|b| **b != o.bytes) {
                        self.outputs.insert(path.clone(), Arc::new(o.bytes));
                        changed.push(path);
                    }
                }
                Err(d) => {
                    self.render_diags.insert(path, d);
                }
            }
        }
        for p in std::mem::take(&mut self.pending_removal) {
            self.render_diags.remove(&p);
            if !self.routes.contains_key(&p) && self.outputs.remove(&p).is_some() {
                changed.push(p);
            }
        }
        changed
    }
}

/// Pages rendered at once by [`Project::render_pages_once`]: enough for two cores to share
/// evenly, few enough that the bodies' HTML goes while the pages come. Two in tests, whose
/// sites are small, so that they go through many chunks.
pub(super) const ONCE_CHUNK: usize = if cfg!(test) { 2 } else { 256 };

/// Puts `files` among `outputs` in place of the files at `paths` (made by the same step
/// before), and keeps their paths there; returns the output paths whose bytes changed.
pub(super) fn replace_files(
    outputs: &mut BTreeMap<String, Arc<Vec<u8>>>,
    paths: &mut Vec<String>,
    files: Vec<Output>,
) -> Vec<String> {
    let mut changed = Vec::new();
    let new_paths: BTreeSet<&str> = files.iter().map(|o| o.path.as_str()).collect();
    for old in std::mem::take(paths) {
        if !new_paths.contains(old.as_str()) && outputs.remove(&old).is_some() {
            changed.push(old);
        }
    }
    for o in files {
        paths.push(o.path.clone());
        if outputs.get(&o.path).is_none_or(|b| **b != o.bytes) {
            changed.push(o.path.clone());
            outputs.insert(o.path, Arc::new(o.bytes));
        }
    }
    changed.sort();
    changed
}
