//! Internal links: every link and image of a page, written in Markdown, in raw HTML or by a
//! template, leads to a page or a file the build publishes, and every `#anchor` to an id on
//! that page. Problems in a body point at its Markdown; problems a template makes on many
//! pages are reported once, at the template line when it can be found.

use std::collections::{BTreeMap, HashMap, HashSet};

use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use url::Url;

use super::html::{self, Page};
use super::{Sources, scan};
use crate::content::Document;
use crate::diagnostic::{Closest, Diagnostic, Lines, Location};
use crate::{msg, tr};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::markdown::{LinkKind, Rendered};
use crate::pipeline::{CopiedFile, Output};
use crate::site::Site;

/// The host given to the site while resolving relative links.
const HOST: &str = "atelier.invalid";

#[derive(Debug, Clone, Copy)]
enum Served {
    /// A page, with the index of its output (none when it failed to render).
    Page(Option<usize>),
    File,
}

/// A page to check the links of.
pub struct Route {
    /// Site path, without the base path (`/startups/ada/`).
    pub url: String,
    /// Index of its output and parsed HTML.
    pub output: usize,
    /// Index of its document, when it has one.
    pub doc: Option<usize>,
}

/// Everything the build publishes, to resolve links against.
pub struct Targets<'a> {
    site: &'a Site,
    pub pages: &'a [Option<Page>],
    pub routes: Vec<Route>,
    served: HashMap<String, Served>,
    /// Site paths of files that failed to load (already reported).
    not_loaded: HashSet<String>,
    /// The site's own public address, to take absolute links to it as internal.
    own: Option<Url>,
    /// `http://atelier.invalid/`, against which links from the root are resolved.
    root: Url,
    outputs: &'a [Output],
    /// The page closest to each path that leads nowhere, once found. A broken link in a
    /// template is on every page, and comparing it with every page each time made the
    /// check quadratic (one broken menu link: 1 s more at 1,000 pages).
    closest: Mutex<HashMap<String, Option<String>>>,
    /// The routes' addresses, indexed for suggestions when the first broken link is found:
    /// at 66,000 pages with a broken relative link on each, comparing each with every page
    /// took most of `check`.
    urls: OnceLock<Closest>,
    /// The ids of each page with many, indexed for suggestions once one is needed.
    ids: Mutex<HashMap<usize, Arc<Closest>>>,
}

/// Where a link leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Nothing to check: empty, `mailto:`, `tel:`, or an `@/` link (resolved by rendering).
    Skip,
    External(Url),
    /// A path of the site, base path included, decoded; and the anchor, decoded.
    Internal {
        path: String,
        fragment: String,
    },
    Malformed(String),
}

/// What is wrong with an internal link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NoPage {
        path: String,
        closest: Option<String>,
    },
    NoFile {
        path: String,
    },
    NoAnchor {
        page: String,
        id: String,
        closest: Option<String>,
    },
    OutsideBase {
        base: String,
    },
    Malformed(String),
}

impl Problem {
    /// The diagnostic for a link written `written` (not yet located).
    pub fn diagnostic(&self, written: &str, image: bool) -> Diagnostic {
        match self {
            Problem::NoPage { closest, .. } => {
                Diagnostic::error(msg!("link-no-page", link = written)).help(match closest {
                    Some(c) => tr!("did-you-mean", suggestion = c.as_str()),
                    None => tr!("link-no-page-help"),
                })
            }
            Problem::NoFile { path } => {
                let message = if image {
                    tr!("link-missing-image", link = written)
                } else {
                    tr!("link-missing-file", link = written)
                };
                Diagnostic::error(message).help(tr!("link-missing-file-help", path = path.to_string()))
            }
            Problem::NoAnchor { page, id, closest } => Diagnostic::error(msg!(
                "link-no-anchor",
                link = written,
                page = page.to_string(),
                id = id.to_string()
            ))
            .help(match closest {
                Some(c) => tr!("link-did-you-mean-anchor", suggestion = c.to_string()),
                None => tr!("link-no-anchor-help"),
            }),
            Problem::OutsideBase { base } => {
                Diagnostic::error(msg!("link-outside-base", link = written, base = base.to_string()))
                    .help(tr!("link-outside-base-help"))
            }
            Problem::Malformed(why) => {
                Diagnostic::error(msg!("link-malformed", link = written, why = why.as_str()))
                    .help(tr!("link-malformed-help"))
            }
        }
    }
}

impl<'a> Targets<'a> {
    pub fn new(
        site: &'a Site,
        outputs: &'a [Output],
        copies: &[CopiedFile],
        pages: &'a [Option<Page>],
        not_loaded: HashSet<String>,
    ) -> Self {
        let by_path: HashMap<&str, usize> = outputs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.path.as_str(), i))
            .collect();
        let mut served = HashMap::new();
        let mut routes = Vec::new();
        for route in &site.routes {
            let url = site.url(route);
            let file = site.output_path(route);
            let output = by_path.get(file.as_str()).copied();
            served.insert(format!("/{file}"), Served::Page(output));
            served.insert(url.clone(), Served::Page(output));
            if let Some(output) = output {
                let doc = match route {
                    crate::site::Route::Doc(i) => Some(*i),
                    _ => None,
                };
                routes.push(Route { url, output, doc });
            }
        }
        for (i, o) in outputs.iter().enumerate() {
            let kind = if o.path.ends_with(".html") {
                Served::Page(Some(i))
            } else {
                Served::File
            };
            served.entry(format!("/{}", o.path)).or_insert(kind);
        }
        for c in copies {
            served.entry(format!("/{}", c.dest)).or_insert(Served::File);
        }
        let own = Url::parse(&site.config.base_url)
            .ok()
            .filter(|u| u.host_str().is_some());
        Targets {
            site,
            pages,
            routes,
            served,
            not_loaded,
            own,
            root: Url::parse(&format!("http://{HOST}/")).expect("a valid URL"),
            outputs,
            closest: Mutex::default(),
            urls: OnceLock::new(),
            ids: Mutex::default(),
        }
    }

    /// The HTML of the page at a site path, if it rendered.
    pub fn html(&self, url: &str) -> Option<&'a str> {
        match self.served.get(url) {
            Some(Served::Page(Some(i))) => std::str::from_utf8(&self.outputs[*i].bytes).ok(),
            _ => None,
        }
    }

    /// Resolves `href`, found on the page at site path `from`.
    pub fn resolve(&self, href: &str, from: &str) -> Resolved {
        let href = href.trim();
        if href.is_empty() || href.starts_with("@/") {
            return Resolved::Skip;
        }
        let url = match Url::parse(href) {
            Ok(u) => u,
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                // Most links start from the root (`/…`, `//host/…`): the page they are on
                // does not change where they lead, so its address is not parsed for them.
                let joined = if href.starts_with('/') {
                    self.root.join(href)
                } else {
                    Url::parse(&format!("http://{HOST}{}", self.site.link(from)))
                        .map_or_else(|_| self.root.join(href), |page| page.join(href))
                };
                match joined {
                    Ok(u) => u,
                    Err(e) => return Resolved::Malformed(e.to_string()),
                }
            }
            Err(e) => return Resolved::Malformed(e.to_string()),
        };
        if !matches!(url.scheme(), "http" | "https") {
            return Resolved::Skip;
        }
        let own = self.own.as_ref().is_some_and(|o| {
            o.host_str() == url.host_str()
                && o.port_or_known_default() == url.port_or_known_default()
                && url.path().starts_with(o.path())
        });
        if url.host_str() != Some(HOST) && !own {
            return Resolved::External(url);
        }
        let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
        Resolved::Internal {
            path: decode(url.path()),
            fragment: url.fragment().map(decode).unwrap_or_default(),
        }
    }

    /// The address of the page whose address is closest to `path`, if one is close.
    fn closest_page(&self, path: &str) -> Option<String> {
        let cache = || self.closest.lock().unwrap_or_else(PoisonError::into_inner);
        let known = cache().get(path).cloned();
        known.unwrap_or_else(|| {
            let urls = self
                .urls
                .get_or_init(|| Closest::new(self.routes.iter().map(|r| r.url.as_str())));
            let closest = urls.find(path).map(str::to_string);
            cache().insert(path.to_string(), closest.clone());
            closest
        })
    }

    /// The id of page `output` closest to `id`, if one is close.
    fn closest_id(&self, output: usize, id: &str) -> Option<String> {
        let ids = self.pages[output].as_ref()?.ids.iter().map(String::as_str);
        if ids.len() <= crate::diagnostic::SMALL {
            return crate::diagnostic::did_you_mean(id, ids).map(str::to_string);
        }
        let index = {
            let mut lock = self.ids.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(lock.entry(output).or_insert_with(|| Arc::new(Closest::new(ids))))
        };
        index.find(id).map(str::to_string)
    }

    /// What is wrong with `href` on the page at `from`, if anything. `navigation`: a link to
    /// follow rather than a file the page loads.
    /// The draft a link leads to: in the model (`serve`, `check`) or left out (`build`).
    pub fn draft(&self, href: &str, from: &str) -> Option<&'a Document> {
        let Resolved::Internal { path, .. } = self.resolve(href, from) else {
            return None;
        };
        let rest = path.strip_prefix(self.site.base_path.as_str())?;
        let site_path = format!("/{rest}");
        let site = self.site;
        site.draft_at(&site_path)
            .or_else(|| site.draft_at(&format!("{site_path}/")))
    }

    pub fn problem(&self, href: &str, from: &str, navigation: bool) -> Option<Problem> {
        let (path, fragment) = match self.resolve(href, from) {
            Resolved::Internal { path, fragment } => (path, fragment),
            Resolved::Malformed(why) => return Some(Problem::Malformed(why)),
            Resolved::Skip | Resolved::External(_) => return None,
        };
        let base = &self.site.base_path;
        let rest = match path.strip_prefix(base.as_str()) {
            Some(rest) => rest,
            None if path == base.trim_end_matches('/') => "",
            None => return Some(Problem::OutsideBase { base: base.clone() }),
        };
        let site_path = format!("/{rest}");
        let slashed = format!("{site_path}/");
        if self.not_loaded.contains(&site_path) || self.not_loaded.contains(&slashed) {
            return None;
        }
        // The DSFR package could not be had (`check::dsfr_missing`): its error is reported
        // once, not through every link into `dsfr/`.
        let dsfr = format!("/{}/", crate::assets::DSFR_DIR);
        if site_path.starts_with(&dsfr) && self.not_loaded.contains(&dsfr) {
            return None;
        }
        let served = self.served.get(&site_path).or_else(|| {
            (!site_path.ends_with('/'))
                .then(|| self.served.get(&slashed))
                .flatten()
        });
        match served {
            None if navigation => {
                let closest = self.closest_page(&site_path);
                Some(Problem::NoPage {
                    path: site_path,
                    closest,
                })
            }
            None => Some(Problem::NoFile { path: site_path }),
            Some(Served::Page(Some(i))) if !fragment.is_empty() && fragment != "top" => {
                let ids = &self.pages[*i].as_ref()?.ids;
                if ids.contains(&fragment) {
                    return None;
                }
                let closest = self.closest_id(*i, &fragment);
                Some(Problem::NoAnchor {
                    page: site_path,
                    id: fragment,
                    closest,
                })
            }
            Some(_) => None,
        }
    }
}

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

/// Links of one Markdown body, Markdown and raw HTML, located in the file. Raw HTML is read
/// as the page publishes it: the links of an element the filter removes lead nowhere.
fn body_links(
    doc: &Document,
    body: &Rendered,
    targets: &Targets<'_>,
    raw_html: crate::raw_html::Mode,
) -> Vec<Diagnostic> {
    let src = doc.body();
    let lines = Lines::new(&doc.path, src, doc.body_line);
    let at = |start: usize, len: usize| lines.locate(start, len);
    let mut out = Vec::new();
    for l in &body.links {
        if l.kind == LinkKind::Email {
            continue;
        }
        let image = l.kind == LinkKind::Image;
        // Reported by `check::drafts` as a link to a draft.
        if !image && targets.draft(&l.href, &doc.url).is_some() {
            continue;
        }
        if let Some(p) = targets.problem(&l.href, &doc.url, !image) {
            out.push(p.diagnostic(&l.dest, image).at(at(l.range.start, l.range.len())));
        }
    }
    // Raw HTML starts with `<`: the tables of a body without it need not be scanned.
    let raw = if src.contains('<') {
        scan::scan(src).raw
    } else {
        Vec::new()
    };
    for range in raw {
        let chunk = &src[range.clone()];
        let mut published = String::new();
        crate::raw_html::filter(chunk, raw_html, &mut published);
        let mut place = Placer::new(chunk);
        for link in html::parse(&published).links {
            if let Some(p) = targets.problem(&link.value, &doc.url, link.navigation) {
                let offset = place.link(&link);
                let image = !link.navigation;
                out.push(
                    p.diagnostic(&link.value, image)
                        .at(at(range.start + offset, link.value.len())),
                );
            }
        }
    }
    out
}

/// Finds where the links of a fragment of raw HTML are written, in bounded time: links
/// come in the order they are written, so each is looked for from where the last one was
/// found (or from the line its tag ends on, if later), and no further than [`REACH`] bytes
/// on: a value written with character references (`&amp;`) is not found as it was decoded,
/// and looking for it to the end of a large fragment, once per link, took minutes.
struct Placer<'a> {
    chunk: &'a str,
    /// Byte offset of each line start, made when the first link is placed.
    lines: Vec<usize>,
    from: usize,
}

const REACH: usize = 4096;

impl<'a> Placer<'a> {
    fn new(chunk: &'a str) -> Self {
        Placer {
            chunk,
            lines: Vec::new(),
            from: 0,
        }
    }

    /// The byte offset of `link` in the fragment, or of the line its tag ends on.
    fn link(&mut self, link: &html::Link) -> usize {
        let chunk = self.chunk;
        if self.lines.is_empty() {
            self.lines = std::iter::once(0)
                .chain(chunk.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
        }
        let line_start = self.lines[link.line.clamp(1, self.lines.len()) - 1];
        let start = self.from.max(line_start);
        let mut end = (start + REACH + link.value.len()).min(chunk.len());
        while !chunk.is_char_boundary(end) {
            end -= 1;
        }
        match chunk[start..end].find(&link.value) {
            Some(i) => {
                self.from = start + i + link.value.len();
                start + i
            }
            None => start.min(chunk.len()),
        }
    }
}

/// The HTML of a body, rendered as the pages have it.
fn body_html(site: &Site, doc: &Document) -> String {
    let resolve = |rel: &str| site.resolve_in_body(rel);
    let options = crate::markdown::Options {
        base_path: &site.base_path,
        resolve: &resolve,
        raw_html: site.config.raw_html,
        typography: site.config.french_typography(),
        images: &|_| None,
        // What shortcodes write is checked as the templates' own links.
        shortcode: None,
    };
    crate::markdown::render(doc.body(), &options).html
}

/// Links the templates (and not the bodies) write, grouped by problem over all pages.
fn template_links(
    site: &Site,
    targets: &Targets<'_>,
    sources: &Sources,
    from_settings: &HashSet<String>,
) -> Vec<Diagnostic> {
    let found: Vec<Vec<(String, Problem, bool, String)>> = targets
        .routes
        .par_iter()
        .map(|route| {
            let Some(page) = &targets.pages[route.output] else {
                return Vec::new();
            };
            // Problem links of the whole page, by value, with how often each is written.
            let mut problems: Vec<(&html::Link, Problem, usize)> = Vec::new();
            let mut seen: HashMap<&str, Option<usize>> = HashMap::new();
            for l in &page.links {
                match seen.get(l.value.as_str()) {
                    Some(Some(i)) => problems[*i].2 += 1,
                    Some(None) => {}
                    None => {
                        let found = (!from_settings.contains(&l.value))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::content::parse_document;
    use crate::date::Date;
    use std::path::Path;

    fn site(base_url: &str) -> Site {
        let mut diags = Vec::new();
        let docs = ["_index.md", "données.md", "startups/ada.md"]
            .iter()
            .map(|rel| {
                let text = match *rel {
                    "startups/ada.md" => "---\ntitle: Ada\nmission: M\nincubator: c\ncontact: a@b.fr\nphases: [{name: investigation, start: 2024-01-01}]\n---\n",
                    _ => "---\ntitle: T\n---\n",
                };
                std::sync::Arc::new(parse_document(&Path::new("content").join(rel), rel, text, &mut diags).unwrap())
            })
            .collect();
        let config = SiteConfig {
            base_url: base_url.into(),
            ..SiteConfig::default()
        };
        let site = Site::new(config, Date::parse("2025-01-01").unwrap(), docs, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        site
    }

    fn outputs(site: &Site) -> Vec<Output> {
        site.routes
            .iter()
            .map(|r| Output {
                path: site.output_path(r),
                bytes: b"<html><body><h2 id=\"contexte\">C</h2></body></html>".to_vec(),
            })
            .collect()
    }

    #[test]
    fn resolves_relative_absolute_and_own_links() {
        let site = site("https://exemple.gouv.fr/atelier/");
        let outputs = outputs(&site);
        let copies = [CopiedFile {
            src: "static/logo.png".into(),
            dest: "img/logo.png".into(),
        }];
        let pages = html::index(&outputs);
        let t = Targets::new(&site, &outputs, &copies, &pages, HashSet::new());
        let ok = |href: &str, from: &str| t.problem(href, from, true);
        assert_eq!(ok("/atelier/startups/ada/", "/"), None);
        assert_eq!(ok("../ada/#contexte", "/startups/ada/"), None);
        assert_eq!(ok("/atelier/donn%C3%A9es/", "/"), None);
        assert_eq!(ok("/atelier/données", "/"), None, "the host adds the slash");
        assert_eq!(ok("/atelier/startups/ada/index.html?x=1", "/"), None);
        assert_eq!(ok("https://exemple.gouv.fr/atelier/startups/ada/", "/"), None);
        assert_eq!(ok("mailto:a@b.fr", "/"), None);
        assert_eq!(ok("@/inconnu.md", "/"), None, "reported by rendering");
        assert_eq!(t.problem("/atelier/img/logo.png", "/", false), None);
        assert_eq!(
            t.resolve("//cdn.exemple.fr/x.js", "/"),
            Resolved::External(Url::parse("http://cdn.exemple.fr/x.js").unwrap())
        );
        assert_eq!(
            ok("/startups/ada/", "/"),
            Some(Problem::OutsideBase {
                base: "/atelier/".into()
            })
        );
        assert_eq!(
            ok("https://exemple.gouv.fr/atelier/startups/adda/", "/"),
            Some(Problem::NoPage {
                path: "/startups/adda/".into(),
                closest: Some("/startups/ada/".into())
            })
        );
        assert_eq!(
            ok("#contxte", "/startups/ada/"),
            Some(Problem::NoAnchor {
                page: "/startups/ada/".into(),
                id: "contxte".into(),
                closest: Some("contexte".into())
            })
        );
        assert_eq!(
            t.problem("img/logo.png", "/startups/ada/", false),
            Some(Problem::NoFile {
                path: "/startups/ada/img/logo.png".into()
            })
        );
        assert!(matches!(ok("http://[::1", "/"), Some(Problem::Malformed(_))));
        // Links from the root lead to the same place from every page.
        for from in ["/", "/startups/ada/", "/a/b/c"] {
            assert_eq!(
                t.resolve("/atelier/startups/ada/#contexte", from),
                Resolved::Internal {
                    path: "/atelier/startups/ada/".into(),
                    fragment: "contexte".into()
                },
                "{from}"
            );
            assert!(matches!(
                t.resolve("//cdn.exemple.fr/x.js", from),
                Resolved::External(_)
            ));
        }
    }

    #[test]
    fn each_broken_path_keeps_its_own_suggestion_on_every_page() {
        let site = site("/");
        let outputs = outputs(&site);
        let pages = html::index(&outputs);
        let t = Targets::new(&site, &outputs, &[], &pages, HashSet::new());
        let no_page = |path: &str, closest: Option<&str>| {
            Some(Problem::NoPage {
                path: path.into(),
                closest: closest.map(Into::into),
            })
        };
        // Found once per path, then remembered: asked again from other pages, in turns.
        for from in ["/", "/startups/ada/", "/données/"] {
            assert_eq!(
                t.problem("/startups/adda/", from, true),
                no_page("/startups/adda/", Some("/startups/ada/"))
            );
            assert_eq!(
                t.problem("/donnes/", from, true),
                no_page("/donnes/", Some("/données/"))
            );
            assert_eq!(
                t.problem("/zzzzzzzzzzzz/", from, true),
                no_page("/zzzzzzzzzzzz/", None)
            );
        }
    }
}
