//! Front matter problems that need more than one key, or more than one file: phases in
//! order and dated sensibly, web and e-mail addresses, URLs the URL rule refuses (loading
//! left them out of the fiche; they are reported here, where the settings say how), startups
//! sharing an id or a title. (Missing keys, wrong types, unknown keys, phases and user types
//! are loading's job.)

use std::collections::HashMap;

use url::{Host, Url};

use crate::config::LinkSeverity;
use crate::content::meta::RefusedUrl;
use crate::content::yaml::Seg;
use crate::content::{Data, Document, Organisation, Startup};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Location};
use crate::site::{Site, sort_key};
use crate::{msg, tr};

pub fn check(site: &Site) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let lenient = site.config.content_links == LinkSeverity::Warning;
    // Each fiche on the pool (its addresses are parsed: 30 ms of CPU at 10,000 fiches),
    // the problems in the order of the fiches.
    let per_doc: Vec<Vec<Diagnostic>> = site
        .docs
        .par_iter()
        .map(|doc| {
            let mut out = Vec::new();
            match &doc.data {
                Data::Startup(s) => {
                    phases(doc, s, site.build_date, &mut out);
                    startup_addresses(doc, s, &mut out);
                    refused_urls(doc, &s.refused_urls, lenient, &mut out);
                }
                Data::Organisation(o) => {
                    organisation_address(doc, o, &mut out);
                    refused_urls(doc, &o.refused_urls, lenient, &mut out);
                }
                _ => {}
            }
            out
        })
        .collect();
    let mut out: Vec<Diagnostic> = per_doc.into_iter().flatten().collect();
    duplicates(site, &mut out);
    out
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

fn phases(doc: &Document, s: &Startup, today: Date, out: &mut Vec<Diagnostic>) {
    let fm = doc.front_matter();
    let at = |i: usize, k: &str| fm.locate(&[key("phases"), Seg::Index(i), key(k)]);
    let horizon = Date(today.0.saturating_add(jiff::Span::new().years(1)));
    for (i, p) in s.phases.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).map(|j| &s.phases[j])
            && p.start < prev.start
        {
            out.push(
                Diagnostic::error(msg!(
                    "phase-starts-before-previous",
                    phase = p.name.as_str(),
                    start = p.start.to_string(),
                    previous = prev.name.as_str(),
                    previous_start = prev.start.to_string()
                ))
                .at(at(i, "start"))
                .help(tr!("phase-starts-before-previous-help")),
            );
        }
        if let Some(end) = p.end
            && end < p.start
        {
            out.push(
                Diagnostic::error(msg!(
                    "phase-ends-before-start",
                    phase = p.name.as_str(),
                    end = end.to_string(),
                    start = p.start.to_string()
                ))
                .at(at(i, "end"))
                .help(tr!("phase-ends-before-start-help")),
            );
        }
        if p.start > horizon {
            out.push(
                Diagnostic::warning(msg!(
                    "phase-far-ahead",
                    phase = p.name.as_str(),
                    start = p.start.to_string(),
                    today = today.to_string()
                ))
                .at(at(i, "start"))
                .help(tr!("phase-far-ahead-help")),
            );
        }
    }
}

fn startup_addresses(doc: &Document, s: &Startup, out: &mut Vec<Diagnostic>) {
    let fm = doc.front_matter();
    let urls = [
        ("link", &s.link),
        ("repository", &s.repository),
        ("stats_url", &s.stats_url),
        ("impact_url", &s.impact_url),
        ("dashlord_url", &s.dashlord_url),
        ("budget_url", &s.budget_url),
    ];
    for (name, value) in urls {
        if let Some(v) = value
            && let Err(why) = web_address(v)
        {
            out.push(not_a_web_address(name, v, why, fm.locate(&[key(name)])));
        }
    }
    if let Err(why) = email(&s.contact) {
        out.push(not_an_email(
            "contact",
            &s.contact,
            why,
            fm.locate(&[key("contact")]),
        ));
    }
}

fn organisation_address(doc: &Document, o: &Organisation, out: &mut Vec<Diagnostic>) {
    let Some(v) = &o.website else { return };
    if let Err(why) = web_address(v) {
        let fm = doc.front_matter();
        let written = fm.parse().ok();
        let name = match written {
            Some(m) if !m.contains_key("website") => "annuaire",
            _ => "website",
        };
        out.push(not_a_web_address(name, v, why, fm.locate(&[key(name)])));
    }
}

/// URLs of the front matter that are not published: errors, or warnings when the settings
/// say content comes from elsewhere (`content_links: warning`).
fn refused_urls(doc: &Document, refused: &[RefusedUrl], lenient: bool, out: &mut Vec<Diagnostic>) {
    for r in refused {
        let message = r.refused.message(&format!("`{}`", r.key));
        let d = if lenient {
            Diagnostic::warning(message)
        } else {
            Diagnostic::error(message)
        };
        let help = tr!("front-matter-url-left-out", why = r.refused.help(), key = r.key);
        out.push(d.at(doc.front_matter().locate(&[key(r.key)])).help(help));
    }
}

pub fn not_a_web_address(name: &str, value: &str, why: String, at: Location) -> Diagnostic {
    Diagnostic::warning(msg!("not-a-web-address", key = name, value = value))
        .at(at)
        .help(why)
}

pub fn not_an_email(name: &str, value: &str, why: String, at: Location) -> Diagnostic {
    Diagnostic::warning(msg!("not-an-email", key = name, value = value))
        .at(at)
        .help(why)
}

/// Checks a web address (already trimmed); the error says how to fix it.
pub fn web_address(v: &str) -> Result<(), String> {
    let lower = v.to_ascii_lowercase();
    if !lower.starts_with("https://") && !lower.starts_with("http://") {
        let bare_domain =
            !v.contains(':') && !v.starts_with('/') && v.split('/').next().is_some_and(is_domain);
        return Err(if bare_domain {
            tr!("web-address-add-https", value = v)
        } else {
            tr!("web-address-not-full")
        });
    }
    if v.chars().any(char::is_whitespace) {
        return Err(tr!("web-address-spaces"));
    }
    let url = Url::parse(v).map_err(|e| tr!("web-address-unreadable", error = e.to_string()))?;
    match url.host() {
        Some(Host::Domain(d)) if is_domain(d) => Ok(()),
        Some(Host::Ipv4(_) | Host::Ipv6(_)) => Ok(()),
        _ => Err(tr!("web-address-no-domain")),
    }
}

/// A domain name with at least two labels and a real top-level domain (`exemple.gouv.fr`).
fn is_domain(d: &str) -> bool {
    let labels: Vec<&str> = d.trim_end_matches('.').split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld_ok = labels.last().is_some_and(|t| {
        t.starts_with("xn--") || (t.chars().count() >= 2 && t.chars().all(char::is_alphabetic))
    });
    d == "localhost" || (labels.len() >= 2 && labels.iter().all(label_ok) && tld_ok)
}

/// Checks one e-mail address (already trimmed); the error says how to fix it.
pub fn email(v: &str) -> Result<(), String> {
    if let Some(rest) = v.strip_prefix("mailto:") {
        return Err(tr!("email-without-mailto", value = rest.trim()));
    }
    if v.contains([',', ';', ' ']) {
        return Err(tr!("email-one-only"));
    }
    let options = email_address::Options::default().without_display_text();
    let Ok(addr) = email_address::EmailAddress::parse_with_options(v, options) else {
        return Err(tr!("email-shape"));
    };
    if !is_domain(addr.domain()) || addr.domain() == "localhost" {
        return Err(tr!("email-domain-incomplete", domain = addr.domain()));
    }
    Ok(())
}

/// Startup ids that differ only in case, and startups with the same title.
fn duplicates(site: &Site, out: &mut Vec<Diagnostic>) {
    use rayon::prelude::*;
    // The names compared are made on the pool, the pairs found in the fiches' order, and
    // each problem (its place in the front matter looked up) made on the pool again.
    let names: Vec<(&Document, String, String)> = site
        .docs
        .par_iter()
        .filter_map(|doc| match &doc.data {
            Data::Startup(s) => Some((&**doc, s.id.to_lowercase(), sort_key(&s.title))),
            _ => None,
        })
        .collect();
    let mut ids: HashMap<&str, &Document> = HashMap::new();
    let mut titles: HashMap<&str, &Document> = HashMap::new();
    let mut found: Vec<(Twice, &Document, &Document)> = Vec::new();
    for (doc, id, title) in &names {
        if let Some(other) = ids.insert(id, doc) {
            found.push((Twice::Id, doc, other));
        }
        if let Some(other) = titles.insert(title, doc) {
            found.push((Twice::Title, doc, other));
        }
    }
    let made: Vec<Diagnostic> = found
        .par_iter()
        .map(|(twice, doc, other)| {
            let s = crate::site::startup(doc);
            match twice {
                Twice::Id => Diagnostic::error(msg!(
                    "startup-id-case",
                    id = s.id.as_str(),
                    other = crate::site::startup(other).id.as_str()
                ))
                .at(Location::file(&doc.path))
                .help(tr!(
                    "startup-id-case-help",
                    path = other.path.display().to_string()
                )),
                Twice::Title => Diagnostic::warning(msg!(
                    "startup-title-twice",
                    title = s.title.as_str(),
                    path = other.path.display().to_string()
                ))
                .at(doc.front_matter().locate(&[key("title")]))
                .help(tr!("startup-title-twice-help")),
            }
        })
        .collect();
    out.extend(made);
}

/// What two startups share.
enum Twice {
    /// Their ids, but for upper and lower case (each is a page's address).
    Id,
    /// Their titles, as sorted.
    Title,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses() {
        for ok in [
            "https://comparia.beta.gouv.fr",
            "http://exemple.fr/a?b=c#d",
            "https://données.gouv.fr/",
            "https://127.0.0.1:8080/x",
        ] {
            assert_eq!(web_address(ok), Ok(()), "{ok}");
        }
        assert_eq!(
            web_address("www.exemple.fr/x").unwrap_err(),
            "add `https://` in front: `https://www.exemple.fr/x`"
        );
        for bad in [
            "https:&#x2F;&#x2F;kwenduparis.wixsite.com",
            "ftp://exemple.fr",
            "/startups/",
            "https://exemple",
            "https://exemple.f",
            "https://exem ple.fr",
            "https://",
        ] {
            assert!(web_address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(email("contact@exemple.beta.gouv.fr"), Ok(()));
        assert_eq!(email("prénom.nom@culture.gouv.fr"), Ok(()));
        assert_eq!(
            email("incubateur@anct.gouv.f").unwrap_err(),
            "the domain `anct.gouv.f` is incomplete: it looks like `exemple.gouv.fr`"
        );
        assert!(email("mailto:a@b.fr").unwrap_err().contains("without `mailto:`"));
        assert_eq!(email("a@b.fr, c@d.fr").unwrap_err(), "write one address only");
        for bad in ["Équipe <a@b.fr>", "contact", "a@", "@b.fr", "a@@b.fr"] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }
}
