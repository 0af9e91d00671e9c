//! External links, checked over the network on demand (`check --external`): a bounded
//! number of requests at a time, each with a timeout, and a summary. Never part of a build.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use url::Url;

use super::links::{Resolved, Targets};
use super::pages;
use std::sync::Arc;

use crate::content::Data;
use crate::content::yaml::Seg;
use crate::diagnostic::{Diagnostic, Location};
use crate::markdown::LinkKind;
use crate::markdown::Rendered;
use crate::pipeline::{CopiedFile, Output};
use crate::site::Site;
use crate::{msg, tr};

/// How to check.
#[derive(Debug, Clone)]
pub struct Options {
    /// Requests at the same time.
    pub jobs: usize,
    /// Longest wait for one address, redirects included.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: 8,
            timeout: Duration::from_secs(10),
        }
    }
}

/// What the run found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Distinct addresses checked.
    pub checked: usize,
    /// Addresses that answered with an HTTP error.
    pub broken: usize,
    /// Addresses that did not answer (timeout, unknown host, refused connection, TLS).
    pub unreachable: usize,
    pub elapsed: Duration,
}

/// The answer for one address.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Fine,
    Status(u16),
    Failed(String),
}

/// Where an address is written: the first place found, and how many places in all.
struct Found {
    at: Location,
    places: usize,
}

/// Every external address of the site, with the first place each is written: Markdown
/// links, then front matter addresses, then the pages (templates, raw HTML).
fn collect(
    site: &Site,
    bodies: &[Arc<Rendered>],
    outputs: &[Output],
    copies: &[CopiedFile],
) -> BTreeMap<String, Found> {
    let mut found: BTreeMap<String, Found> = BTreeMap::new();
    let mut add = |url: &Url, at: &dyn Fn() -> Location, count: bool| {
        let mut url = url.clone();
        url.set_fragment(None);
        found
            .entry(url.to_string())
            .and_modify(|f| f.places += usize::from(count))
            .or_insert_with(|| Found { at: at(), places: 1 });
    };
    let pages = pages::index(outputs);
    let targets = Targets::new(site, outputs, copies, &pages, Default::default());
    for (doc, body) in site.docs.iter().zip(bodies) {
        for l in body.links.iter().filter(|l| l.kind != LinkKind::Email) {
            if let Resolved::External(url) = targets.resolve(&l.href, &doc.url) {
                let at = || {
                    Location::in_source(&doc.path, doc.body(), doc.body_line, l.range.start, l.range.len())
                };
                add(&url, &at, true);
            }
        }
        if let Data::Startup(s) = &doc.data {
            let fields = [
                ("link", &s.link),
                ("repository", &s.repository),
                ("stats_url", &s.stats_url),
                ("impact_url", &s.impact_url),
                ("dashlord_url", &s.dashlord_url),
                ("budget_url", &s.budget_url),
            ];
            for (name, value) in fields {
                if let Some(url) = value.as_deref().and_then(|v| Url::parse(v).ok())
                    && matches!(url.scheme(), "http" | "https")
                {
                    let at = || doc.front_matter().locate(&[Seg::Key(name.into())]);
                    add(&url, &at, true);
                }
            }
        }
    }
    for route in &targets.routes {
        let Some(page) = &pages[route.output] else {
            continue;
        };
        let file = match route.doc {
            Some(d) => site.docs[d].path.clone(),
            None => tr!("external-generated-page", url = route.url.as_str()).into(),
        };
        // Links of the bodies are already counted; these add what templates and raw HTML write.
        for l in &page.links {
            if crate::render::share::is_share_link(&l.value) {
                continue;
            }
            if let Resolved::External(url) = targets.resolve(&l.value, &route.url) {
                add(&url, &|| Location::file(&file), false);
            }
        }
    }
    found
}

/// Checks every external address of the site.
pub fn check(
    site: &Site,
    bodies: &[Arc<Rendered>],
    outputs: &[Output],
    copies: &[CopiedFile],
    opts: &Options,
) -> (Vec<Diagnostic>, Summary) {
    let started = Instant::now();
    let found = collect(site, bodies, outputs, copies);
    let urls: Vec<&String> = found.keys().collect();
    let outcomes = fetch_all(&urls, opts);
    let mut summary = Summary {
        checked: urls.len(),
        ..Summary::default()
    };
    let mut out = Vec::new();
    for (url, outcome) in urls.iter().zip(outcomes) {
        let f = &found[*url];
        let elsewhere = match f.places {
            1 => String::new(),
            n => format!(" {}", tr!("external-elsewhere", count = n)),
        };
        let d = match outcome {
            Outcome::Fine => continue,
            Outcome::Status(code) => {
                summary.broken += 1;
                let message = msg!(
                    "external-http-status",
                    url = url.as_str(),
                    code = code.to_string()
                );
                let d = if matches!(code, 404 | 410) {
                    Diagnostic::error(message)
                } else {
                    Diagnostic::warning(message)
                };
                d.help(format!("{}{elsewhere}", tr!("external-http-status-help")))
            }
            Outcome::Failed(why) => {
                summary.unreachable += 1;
                Diagnostic::warning(msg!("external-unreachable", url = url.as_str(), why = why))
                    .help(format!("{}{elsewhere}", tr!("external-unreachable-help")))
            }
        };
        out.push(d.at(f.at.clone()));
    }
    summary.elapsed = started.elapsed();
    (out, summary)
}

/// Fetches every address with at most `opts.jobs` requests at a time; outcomes in order.
fn fetch_all(urls: &[&String], opts: &Options) -> Vec<Outcome> {
    let agent = agent(opts.timeout);
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<Outcome>>> = urls.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..opts.jobs.clamp(1, 64).min(urls.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    let outcome = fetch(&agent, url);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(outcome);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|m| {
            m.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Outcome::Failed(tr!("external-not-checked")))
        })
        .collect()
}

fn agent(timeout: Duration) -> ureq::Agent {
    use ureq::tls::{RootCerts, TlsConfig};
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .max_redirects(10)
        .user_agent(concat!("atelier/", env!("CARGO_PKG_VERSION"), " (link check)"))
        .tls_config(
            TlsConfig::builder()
                .root_certs(RootCerts::PlatformVerifier)
                .build(),
        )
        .build()
        .into()
}

/// HEAD first; GET when the server does not answer HEAD properly.
fn fetch(agent: &ureq::Agent, url: &str) -> Outcome {
    let status = |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| match r {
        Ok(resp) => Ok(resp.status().as_u16()),
        Err(e) => Err(describe(&e)),
    };
    let head = status(agent.head(url).call());
    let code = match head {
        Ok(code) if code < 400 => return Outcome::Fine,
        Ok(code) if !matches!(code, 403 | 405 | 501) && code != 400 => Ok(code),
        _ => status(agent.get(url).call()),
    };
    match code {
        Ok(code) if code < 400 => Outcome::Fine,
        Ok(code) => Outcome::Status(code),
        Err(why) => Outcome::Failed(why),
    }
}

fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => tr!("external-timeout"),
        ureq::Error::HostNotFound => tr!("external-unknown-host"),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            tr!("external-connection-refused")
        }
        other => other.to_string(),
    }
}
