//! Internal links: every link and image of a page, written in Markdown, in raw HTML or by a
//! template, leads to a page or a file the build publishes, and every `#anchor` to an id on
//! that page. Problems in a body point at its Markdown; problems a template makes on many
//! pages are reported once, at the template line when it can be found.

mod body;
mod targets;
mod template;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;

use super::Sources;
use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::site::Site;

use body::body_links;
pub use targets::{Problem, Resolved, Route, Targets, from_anywhere};
use template::template_links;

/// `from_settings` are the links of `site.yaml` as templates write them
/// (made by the settings check): checked there, left out here.
pub fn check(
    site: &Site,
    bodies: &[Arc<Rendered>],
    targets: &Targets<'_>,
    sources: &Sources,
    from_settings: &HashSet<String>,
) -> Vec<Diagnostic> {
    let per_doc: Vec<Vec<Diagnostic>> = site
        .docs
        .par_iter()
        .zip(bodies)
        .map(|(doc, body)| body_links(doc, body, targets, site.config.raw_html))
        .collect();
    let lenient = site.config.content_links == crate::config::LinkSeverity::Warning;
    let mut out: Vec<Diagnostic> = per_doc
        .into_iter()
        .flatten()
        .map(|mut d| {
            if lenient {
                d.severity = crate::diagnostic::Severity::Warning;
            }
            d
        })
        .collect();
    out.extend(template_links(site, targets, sources, from_settings));
    out
}
