//! The links templates (and not the bodies) write, grouped by problem over all pages.

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

use super::body::body_html;
use super::targets::{Problem, Targets};
use crate::check::{Sources, html};
use crate::diagnostic::{Diagnostic, Location};
use crate::site::Site;
use crate::tr;

/// Links the templates (and not the bodies) write, grouped by problem over all pages.
pub(super) fn template_links(
    site: &Site,
    targets: &Targets<'_>,
    sources: &Sources,
    from_settings: &HashSet<String>,
) -> Vec<Diagnostic> {
    // Looked up for every link of every page: with a fast hash.
    let from_settings: rustc_hash::FxHashSet<&str> = from_settings.iter().map(String::as_str).collect();
    let found: Vec<Vec<(String, Problem, bool, String)>> = targets
        .routes
        .par_iter()
        .map(|route| {
            let Some(page) = &targets.pages[route.output] else {
                return Vec::new();
            };
            // Problem links of the whole page, by value, with how often each is written.
            let mut problems: Vec<(&html::Link, Problem, usize)> = Vec::new();
            let mut seen: rustc_hash::FxHashMap<&str, Option<usize>> = Default::default();
            for l in &page.links {
                match seen.get(l.value.as_str()) {
                    Some(Some(i)) => problems[*i].2 += 1,
                    Some(None) => {}
                    None => {
                        let found = (!from_settings.contains(l.value.as_str()))
                            .then(|| targets.problem(&l.value, &route.url, l.navigation))
                            .flatten();
                        let index = found.map(|p| {
                            problems.push((l, p, 1));
                            problems.len() - 1
                        });
                        seen.insert(&l.value, index);
                    }
                }
            }
            // The body's own links are reported at their Markdown line: take them out. The
            // body is rendered again (the pages hold its HTML) and parsed only for pages
            // with problems, which a sound site has none of.
            if !problems.is_empty()
                && let Some(d) = route.doc
            {
                for l in html::parse(&body_html(site, &site.docs[d])).links {
                    if let Some(Some(i)) = seen.get(l.value.as_str()) {
                        problems[*i].2 = problems[*i].2.saturating_sub(1);
                    }
                }
            }
            let mut out = Vec::new();
            for (l, p, count) in problems {
                if count > 0 {
                    out.push((l.value.clone(), p, l.navigation, route.url.clone()));
                }
            }
            out
        })
        .collect();
    let mut groups: BTreeMap<(String, String), (Problem, bool, Vec<String>)> = BTreeMap::new();
    for (value, problem, navigation, page) in found.into_iter().flatten() {
        let key = (value, format!("{problem:?}"));
        groups
            .entry(key)
            .or_insert_with(|| (problem, navigation, Vec::new()))
            .2
            .push(page);
    }
    let theme_dir = std::path::Path::new("themes")
        .join(&site.config.theme)
        .join("templates");
    groups
        .into_iter()
        .map(|((value, _), (problem, navigation, pages))| {
            let stripped = value
                .strip_prefix(site.base_path.trim_end_matches('/'))
                .unwrap_or(&value);
            let at = sources
                .template_with(&value)
                .or_else(|| sources.template_with(stripped))
                .unwrap_or_else(|| Location::file(&theme_dir));
            let mut d = problem.diagnostic(&value, !navigation).at(at);
            let help = d.help.unwrap_or_default();
            d.help = Some(if pages.len() == 1 {
                tr!("link-in-theme-on-page", help = help, page = pages[0].to_string())
            } else {
                tr!(
                    "link-in-theme-on-pages",
                    help = help,
                    count = pages.len(),
                    page = pages[0].to_string()
                )
            });
            d
        })
        .collect()
}
