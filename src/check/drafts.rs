//! Drafts and what `atelier new` leaves to write: a page that will be published linking to
//! a draft (the link would lead nowhere once built), placeholder text left in a file that
//! is not a draft, and the host of the legal notice, which a site going live must name.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use super::Sources;
use super::links::Targets;
use crate::content::PLACEHOLDER;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::markdown::{LinkKind, Rendered};
use crate::site::Site;
use crate::{msg, tr};

/// Links of published pages to drafts: an error, as `build` leaves the draft out. Found
/// whether the run has the drafts (`check`, `serve`) or left them out (`build`).
pub fn links(site: &Site, bodies: &[Arc<Rendered>], targets: &Targets<'_>) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    if !targets.has_drafts {
        return Vec::new();
    }
    let per_doc: Vec<Vec<Diagnostic>> = site
        .docs
        .par_iter()
        .zip(bodies)
        .filter(|(doc, _)| !doc.is_draft())
        .map(|(doc, body)| {
            let mut out = Vec::new();
            for l in &body.links {
                if l.kind == LinkKind::Email {
                    continue;
                }
                let Some(target) = targets.draft(&l.href, &doc.url) else {
                    continue;
                };
                let at =
                    Location::in_source(&doc.path, doc.body(), doc.body_line, l.range.start, l.range.len());
                out.push(
                    Diagnostic::error(msg!(
                        "link-to-draft",
                        link = l.dest.to_string(),
                        path = target.path.display().to_string()
                    ))
                    .at(at)
                    .help(tr!("link-to-draft-help")),
                );
            }
            out
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

/// `check` renders the drafts that `build` leaves out: an error found in a draft's page (a
/// broken link, a refused URL) is told as a warning, so that `check` fails on exactly what
/// `build` refuses. What stops a file from loading at all stays an error: `build` cannot
/// know it is a draft either.
pub fn in_drafts(site: &Site, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let drafts: HashSet<&Path> = site
        .docs
        .iter()
        .filter(|d| d.is_draft())
        .map(|d| d.path.as_path())
        .collect();
    if drafts.is_empty() {
        return diags;
    }
    diags
        .into_iter()
        .map(|mut d| {
            let in_draft = d
                .location
                .as_ref()
                .is_some_and(|l| drafts.contains(l.path.as_path()));
            if d.is_error() && in_draft {
                d.severity = Severity::Warning;
                let fix = tr!("draft-problem-help");
                d.help = Some(match d.help.take() {
                    Some(help) => tr!("help-and-more", help = help, more = fix),
                    None => fix,
                });
            }
            d
        })
        .collect()
}

/// Placeholder text of `atelier new` ([`PLACEHOLDER`]) in a file that is not a draft: a
/// warning at each place, as it would be published as is.
pub fn placeholders(site: &Site) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    // Every source is searched: `memmem` (vectorized) rather than the standard library's
    // search, which took 20 ms of CPU at 10,000 fiches.
    let finder = memchr::memmem::Finder::new(PLACEHOLDER);
    let per_doc: Vec<Vec<Diagnostic>> = site
        .docs
        .par_iter()
        .filter(|d| !d.is_draft())
        .map(|doc| {
            finder
                .find_iter(doc.source.as_bytes())
                .map(|offset| {
                    let found = PLACEHOLDER;
                    Diagnostic::warning(msg!("placeholder-left", text = found))
                        .at(Location::in_source(
                            &doc.path,
                            &doc.source,
                            1,
                            offset,
                            found.len(),
                        ))
                        .help(tr!("placeholder-left-help"))
                })
                .collect()
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

/// `check --strict`: a template shows the host of the site (`site.hosting`, the legal
/// notice of the DSFR theme) and `site.yaml` does not name it, or only in part.
pub fn hosting(site: &Site, sources: &Sources) -> Option<Diagnostic> {
    let shown = sources.template_with("site.hosting")?;
    let missing = match &site.config.hosting {
        None => true,
        Some(h) => h.name.trim().is_empty() || h.address.trim().is_empty(),
    };
    missing.then(|| {
        Diagnostic::warning(msg!(
            "hosting-missing",
            template = shown.path.display().to_string()
        ))
        .at(sources.config_at(&[crate::content::yaml::Seg::Key("hosting".into())]))
        .help(tr!("hosting-missing-help"))
    })
}
