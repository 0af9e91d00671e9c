//! What the rest of the crate reads of a project: its problems, its outputs and model, the
//! text the checks point into, and its parts once it is done.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::pipeline::{CopiedFile, Output};
use crate::site::Site;

use super::Project;

impl Project {
    /// Every problem found, sorted: errors make a build fail; `serve` shows them.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = Diagnostics::default();
        all.extend(self.config_diags.iter().cloned());
        all.extend(self.template_diags.iter().cloned());
        all.extend(self.walk_diags.iter().cloned());
        all.extend(self.doc_diags.values().flatten().cloned());
        all.extend(self.model_diags.iter().cloned());
        all.extend(self.body_cache.values().flat_map(|b| b.problems.iter().cloned()));
        all.extend(self.copy_diags.iter().cloned());
        all.extend(self.dsfr.diags.iter().cloned());
        all.extend(self.cms_diags.iter().cloned());
        all.extend(self.live_search.iter().flat_map(|s| s.diags().iter().cloned()));
        all.extend(self.render_diags.values().cloned());
        all.extend(self.image_diags.iter().cloned());
        all.sorted()
    }

    /// What `serve` shows: every problem of [`Project::diagnostics`], and those of the
    /// checks that read the documents only (`check::documents`: phases in order, addresses,
    /// text left to write, the accessibility of the text), which `build` runs before it
    /// publishes. So the preview names what would stop the build, as soon as the file is
    /// saved. In drafts, which `serve` shows, they are warnings, as `check` says them.
    pub fn problems(&self) -> Vec<Diagnostic> {
        let mut all = Diagnostics::default();
        all.extend(self.diagnostics());
        all.extend(crate::check::documents(&self.site, &self.bodies));
        crate::check::drafts::in_drafts(&self.site, all.sorted())
    }

    /// Every file of `content/` the project knows of (loaded, broken or copied), by path
    /// inside `content/`: what `serve` checks the folder against after each batch.
    pub fn content_rels(&self) -> BTreeSet<&str> {
        self.docs
            .keys()
            .chain(self.doc_diags.keys())
            .chain(self.content_files.keys())
            .map(String::as_str)
            .collect()
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The built file at an output path (`startups/ada/index.html`).
    pub fn output(&self, path: &str) -> Option<&Arc<Vec<u8>>> {
        self.outputs.get(path)
    }

    pub fn outputs(&self) -> &BTreeMap<String, Arc<Vec<u8>>> {
        &self.outputs
    }

    /// Files copied as they are, by output path; site files win over theme files.
    pub fn copies(&self) -> &[CopiedFile] {
        &self.copies
    }

    pub fn config(&self) -> Option<&SiteConfig> {
        self.config.as_ref()
    }

    /// The text of `site.yaml` and of the templates, as they were read: the checks point
    /// into them.
    pub fn check_sources(&self) -> crate::check::Sources {
        crate::check::Sources::new(
            self.config_text.as_deref(),
            self.templates.as_ref().map(|t| t.sources()),
        )
    }

    /// The URLs of the content files that failed to load (by their names, see
    /// [`content::url_of`]) and that no loaded file took: the checks do not report the
    /// links to them again.
    pub fn not_loaded(&self) -> HashSet<String> {
        self.doc_diags
            .iter()
            .filter(|(_, diags)| diags.iter().any(Diagnostic::is_error))
            .filter_map(|(rel, _)| crate::content::url_of(rel))
            .filter(|url| !self.site.by_url.contains_key(url))
            .collect()
    }

    /// `check --strict`: the problem of a published CMS editors could not log in to.
    pub fn cms_login_problem(&self) -> Option<Diagnostic> {
        crate::cms::login_problem(self.cms.as_ref(), &self.check_sources())
    }

    /// Whether the templates loaded (without them no page renders).
    pub fn has_templates(&self) -> bool {
        self.templates.is_some()
    }

    /// The site, its outputs for writing (each output moves out if nothing else holds it),
    /// its copied files and the rendered Markdown bodies, in the order of `site.docs`,
    /// without their HTML: the pages hold it now, and the checks read the pages, the links
    /// and the headings (at 10,000 pages, the bodies' HTML is 45 MB).
    pub fn into_parts(self) -> (Site, Vec<Output>, Vec<CopiedFile>, Vec<Arc<Rendered>>) {
        let mut bodies = self.bodies.clone();
        let (site, outputs, copies) = self.into_outputs();
        for body in &mut bodies {
            if let Some(body) = Arc::get_mut(body) {
                body.html = String::new();
            }
        }
        (site, outputs, copies, bodies)
    }

    /// The site's outputs, for writing (each output moves out if nothing else holds it).
    pub fn into_outputs(self) -> (Site, Vec<Output>, Vec<CopiedFile>) {
        let outputs = self
            .outputs
            .into_iter()
            .map(|(path, bytes)| Output {
                path,
                bytes: Arc::try_unwrap(bytes).unwrap_or_else(|b| (*b).clone()),
            })
            .collect();
        (self.site, outputs, self.copies)
    }
}
