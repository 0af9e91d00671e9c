//! `site.yaml` problems that need the content: links of the menus and the footer that lead
//! nowhere, and a contact address that is not one. (Syntax, types and unknown keys of
//! `site.yaml` are loading's job.)

use std::collections::HashSet;

use super::Sources;
use super::front_matter::{email, not_a_web_address, not_an_email, web_address};
use super::links::Targets;
use crate::config::Link;
use crate::content::yaml::{Seg, dotted};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::site::Site;
use crate::{msg, tr};

/// The link lists of `site.yaml`, with the key path of each.
fn lists(site: &Site) -> [(Vec<Seg>, &[Link]); 3] {
    let c = &site.config;
    let k = |s: &str| Seg::Key(s.to_string());
    [
        (vec![k("menu")], &c.menu),
        (vec![k("quick_links")], &c.quick_links),
        (vec![k("footer"), k("links")], &c.footer.links),
    ]
}

fn is_web(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

pub fn check(site: &Site, targets: &Targets<'_>, sources: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (prefix, links) in lists(site) {
        for (i, link) in links.iter().enumerate() {
            let mut path = prefix.clone();
            path.extend([Seg::Index(i), Seg::Key("url".into())]);
            let at = sources.config_at(&path);
            let url = link.url.trim();
            if let Some(rel) = url.strip_prefix("@/") {
                if !site.by_rel.contains_key(rel) {
                    let help = match did_you_mean(rel, site.by_rel.keys().map(String::as_str)) {
                        Some(k) => tr!("settings-did-you-mean-file", suggestion = k),
                        None => tr!("settings-no-such-file-help"),
                    };
                    out.push(
                        Diagnostic::error(msg!("settings-no-such-file", key = dotted(&path), url = url))
                            .at(at)
                            .help(help),
                    );
                }
            } else if is_web(url) {
                if let Err(why) = web_address(url) {
                    out.push(not_a_web_address(&dotted(&path), url, why, at));
                }
            } else if let Some(addr) = url.strip_prefix("mailto:") {
                if let Err(why) = email(addr) {
                    out.push(not_an_email(&dotted(&path), addr, why, at));
                }
            } else if let Some(problem) = targets.problem(&site.link(url), "/", true) {
                out.push(problem.diagnostic(url, false).at(at));
            }
        }
    }
    if let Some(addr) = &site.config.contact_email
        && let Err(why) = email(addr.trim())
    {
        let at = sources.config_at(&[Seg::Key("contact_email".into())]);
        out.push(not_an_email("contact_email", addr.trim(), why, at));
    }
    out
}

/// The links of `site.yaml` as templates write them: already checked here, so the checks
/// of template links leave them out.
pub fn hrefs(site: &Site) -> HashSet<String> {
    lists(site)
        .into_iter()
        .flat_map(|(_, links)| links.iter())
        .map(|l| {
            if is_web(&l.url) || l.url.starts_with("mailto:") {
                l.url.clone()
            } else {
                let path = match l.url.strip_prefix("@/") {
                    Some(rel) => site
                        .by_rel
                        .get(rel)
                        .map_or_else(|| l.url.clone(), |&i| site.docs[i].url.clone()),
                    None => l.url.clone(),
                };
                site.link(&path)
            }
        })
        .collect()
}
