//! Checks over the loaded and rendered site: what loading one file at a time cannot see.
//!
//! One module per family:
//! - [`front_matter`]: phases in order and dated sensibly, web and e-mail addresses,
//!   startups that share an id or a title;
//! - [`settings`]: the links and the contact address of `site.yaml`;
//! - [`links`]: internal links, anchors and images of Markdown bodies and templates;
//! - [`accessibility`]: what an editor can fix in a body (alternative text, headings, link
//!   text, table headers), and the accessibility status given by the settings, stated by the
//!   footer and by the statement page;
//! - [`csp`]: inline scripts that a page's own Content-Security-Policy would block;
//! - [`external`]: external links, only on demand (`check --external`), never in a build.
//!
//! Every family but `external` is pure and runs in every build, so `build` refuses exactly
//! what `check` reports as errors. Problems that loading already reports (missing keys, wrong
//! types, unknown keys, phases and user types, sponsors, `@/` links to unknown files,
//! duplicate heading ids, template errors) are not reported again.

pub mod accessibility;
pub mod csp;
pub mod drafts;
pub mod external;
pub mod front_matter;
pub mod html;
pub mod images;
pub mod links;
pub mod pages;
mod scan;
pub mod settings;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_yaml::Mapping;

use crate::content::yaml::{self, Seg};
use crate::diagnostic::{Diagnostic, Location};
use std::sync::Arc;

use crate::markdown::Rendered;
use crate::pipeline::{CopiedFile, Output};
use crate::site::Site;

/// Checks that need the documents and their Markdown only (run even when templates fail).
pub fn documents(site: &Site, bodies: &[Arc<Rendered>]) -> Vec<Diagnostic> {
    documents_knowing(site, bodies, &[]).0
}

/// [`documents`], without linting again the bodies `clean` says the lints found nothing
/// in (`clean[i]` for `site.docs[i]`; a shorter list says nothing of the rest). Also
/// returns, for each body, whether its lints found nothing.
pub fn documents_knowing(
    site: &Site,
    bodies: &[Arc<Rendered>],
    clean: &[bool],
) -> (Vec<Diagnostic>, Vec<bool>) {
    let mut out = front_matter::check(site);
    out.extend(drafts::placeholders(site));
    let lints: Vec<Vec<Diagnostic>> = site
        .docs
        .par_iter()
        .zip(bodies)
        .enumerate()
        .map(|(i, (doc, body))| {
            if clean.get(i).copied().unwrap_or(false) {
                Vec::new()
            } else {
                accessibility::body(doc, body)
            }
        })
        .collect();
    let found_nothing = lints.iter().map(Vec::is_empty).collect();
    out.extend(lints.into_iter().flatten());
    (out, found_nothing)
}

/// Checks that need the rendered pages: links, anchors, images, settings, drafts, the
/// accessibility statement and the CSP. `pages` are the HTML outputs read
/// ([`pages::read`]), in the order of `outputs`. `not_loaded` are
/// the URLs of content files that failed to load (the project knows them), so that such a
/// file is not reported again through every link to it. `sources`, the text of `site.yaml`
/// and of the templates, is only read to point at their lines.
pub fn rendered(
    sources: &Sources,
    site: &Site,
    bodies: &[Arc<Rendered>],
    outputs: &[Output],
    copies: &[CopiedFile],
    not_loaded: HashSet<String>,
    pages: &[Option<html::Page>],
) -> Vec<Diagnostic> {
    let targets = links::Targets::new(site, outputs, copies, pages, not_loaded);
    let mut out = settings::check(site, &targets, sources);
    out.extend(links::check(
        site,
        bodies,
        &targets,
        sources,
        &settings::hrefs(site),
    ));
    out.extend(drafts::links(site, bodies, &targets));
    out.extend(accessibility::statement(site, &targets, sources));
    out.extend(csp::check(site, &targets, sources));
    out
}

/// The text of the files that problems may point into, besides content files.
#[derive(Debug, Default)]
pub struct Sources {
    /// `site.yaml`, normalized, and its parsed keys (to know which keys are written).
    pub config: Option<(String, Mapping)>,
    /// Templates of the theme and of the site: the path shown, and the text.
    pub templates: Vec<(PathBuf, String)>,
}

impl Sources {
    /// The text of `site.yaml` (normalized) and the templates in use, as the project
    /// read them: reads nothing. Templates come in the order of their folders on disk,
    /// the theme's then the site's.
    pub fn new(config: Option<&str>, templates: Option<&crate::render::Sources>) -> Sources {
        let config = config.map(|text| {
            let keys = serde_yaml::from_str::<Mapping>(text).unwrap_or_default();
            (text.to_string(), keys)
        });
        let mut templates: Vec<(PathBuf, String)> = templates
            .map(|t| t.templates.values().cloned().collect())
            .unwrap_or_default();
        // Component by component, as the folders are walked: `partials/` before
        // `partials-old.html`.
        templates.sort_by(|(a, _), (b, _)| {
            (!a.starts_with("themes"), a.components()).cmp(&(!b.starts_with("themes"), b.components()))
        });
        Sources { config, templates }
    }

    /// Where a key of `site.yaml` is written; the file itself when the key is not written.
    pub fn config_at(&self, path: &[Seg]) -> Location {
        let file = Path::new("site.yaml");
        match &self.config {
            Some((text, keys)) if matches!(path.first(), Some(Seg::Key(k)) if keys.contains_key(k.as_str())) => {
                yaml::Source::new(file, text, 1).locate(path)
            }
            _ => Location::file(file),
        }
    }

    /// The template file of that name (the site's own when it overrides the theme's).
    pub fn template(&self, name: &str) -> Option<&(PathBuf, String)> {
        self.templates.iter().rev().find(|(path, _)| path.ends_with(name))
    }

    /// The first place in the templates chosen by `only` that states `status` (a status
    /// written in full instead of the setting).
    pub fn status_in_templates(
        &self,
        status: crate::config::AccessibilityStatus,
        only: impl Fn(&Path, &str) -> bool,
    ) -> Option<Location> {
        self.templates
            .iter()
            .filter(|(path, text)| only(path, text))
            .find_map(|(path, text)| {
                let (range, _) = accessibility::statements(text)
                    .into_iter()
                    .find(|(_, s)| *s == status)?;
                Some(Location::in_source(path, text, 1, range.start, range.len()))
            })
    }

    /// The first template line that contains `needle`, to point at a link the theme writes.
    pub fn template_with(&self, needle: &str) -> Option<Location> {
        if needle.is_empty() {
            return None;
        }
        self.templates.iter().find_map(|(path, text)| {
            text.find(needle)
                .map(|at| Location::in_source(path, text, 1, at, needle.len()))
        })
    }
}

/// Whether the DSFR package could not be had (a download that failed, terms not accepted):
/// no file under `dsfr/` and an error about `site.yaml` or the theme's `theme.yaml` among
/// `earlier`. That error is the one to read; the CSS, scripts and icons every page links to
/// under `dsfr/` are then not reported missing one by one.
pub fn dsfr_missing(
    site: &Site,
    outputs: &[Output],
    copies: &[CopiedFile],
    earlier: &crate::diagnostic::Diagnostics,
) -> bool {
    let prefix = format!("{}/", crate::assets::DSFR_DIR);
    if outputs.iter().any(|o| o.path.starts_with(&prefix))
        || copies.iter().any(|c| c.dest.starts_with(&prefix))
    {
        return false;
    }
    let theme_yaml = Path::new("themes").join(&site.config.theme).join("theme.yaml");
    earlier.iter().filter(|d| d.is_error()).any(|d| {
        d.location
            .as_ref()
            .is_some_and(|l| l.path == theme_yaml || l.path == Path::new("site.yaml"))
    })
}
