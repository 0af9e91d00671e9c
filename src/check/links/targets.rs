//! Everything the build publishes (pages, their ids, files), and where a link leads.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};

use percent_encoding::percent_decode_str;
use rustc_hash::FxHashMap as HashMap;
use url::Url;

use crate::check::html::Page;
use crate::content::Document;
use crate::diagnostic::{Closest, Diagnostic};
use crate::pipeline::{CopiedFile, Output};
use crate::site::Site;
use crate::{msg, tr};

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
    /// What is wrong with each link that leads to the same place from every page (from the
    /// root, or absolute), by `navigation`, once found: the menu, the footer, the styles
    /// and scripts are written on every page, and resolving them again on each was most of
    /// the links' time at 10,000 pages.
    fixed: RwLock<HashMap<String, Fixed<'a>>>,
    /// Whether the site has a draft ([`Site::has_drafts`]): without one, no link is looked
    /// up for one.
    pub has_drafts: bool,
}

/// What was found of a link that leads to the same place from every page.
#[derive(Default)]
struct Fixed<'a> {
    /// [`Targets::problem`], by `navigation`.
    problem: [Option<Option<Problem>>; 2],
    /// [`Targets::draft`].
    draft: Option<Option<&'a Document>>,
}

/// Whether `href` leads to the same place from every page: written from the root
/// (`/…`, `//host/…`) or with a scheme (`https:`, `mailto:`).
pub fn from_anywhere(href: &str) -> bool {
    let href = href.trim();
    if href.starts_with('/') {
        return true;
    }
    let Some((scheme, _)) = href.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
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
        let mut served = HashMap::default();
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
            fixed: RwLock::default(),
            has_drafts: site.has_drafts(),
        }
    }

    /// The HTML of the page at a site path, if it rendered.
    pub fn html(&self, url: &str) -> Option<&'a str> {
        match self.served.get(url) {
            Some(Served::Page(Some(i))) => crate::utf8::str(&self.outputs[*i].bytes),
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

    /// What was found of `href` before, if it leads to the same place from every page.
    fn known<T>(&self, href: &str, get: impl Fn(&Fixed<'a>) -> Option<T>) -> Option<T> {
        let fixed = self.fixed.read().unwrap_or_else(PoisonError::into_inner);
        fixed.get(href).and_then(get)
    }

    /// Keeps what was found of `href`, which leads to the same place from every page.
    fn keep(&self, href: &str, set: impl FnOnce(&mut Fixed<'a>)) {
        let mut fixed = self.fixed.write().unwrap_or_else(PoisonError::into_inner);
        set(fixed.entry(href.to_string()).or_default());
    }

    /// The draft a link leads to: in the model (`serve`, `check`) or left out (`build`).
    pub fn draft(&self, href: &str, from: &str) -> Option<&'a Document> {
        if !self.has_drafts {
            return None;
        }
        if !from_anywhere(href) {
            return self.find_draft(href, from);
        }
        if let Some(found) = self.known(href, |f| f.draft) {
            return found;
        }
        let found = self.find_draft(href, from);
        self.keep(href, |f| f.draft = Some(found));
        found
    }

    /// [`Targets::draft`], found anew.
    fn find_draft(&self, href: &str, from: &str) -> Option<&'a Document> {
        let Resolved::Internal { path, .. } = self.resolve(href, from) else {
            return None;
        };
        let rest = path.strip_prefix(self.site.base_path.as_str())?;
        let site_path = format!("/{rest}");
        let site = self.site;
        site.draft_at(&site_path)
            .or_else(|| site.draft_at(&format!("{site_path}/")))
    }

    /// What is wrong with `href` on the page at `from`, if anything. `navigation`: a link to
    /// follow rather than a file the page loads.
    pub fn problem(&self, href: &str, from: &str, navigation: bool) -> Option<Problem> {
        if !from_anywhere(href) {
            return self.find_problem(href, from, navigation);
        }
        let slot = usize::from(navigation);
        if let Some(found) = self.known(href, |f| f.problem[slot].clone()) {
            return found;
        }
        let found = self.find_problem(href, from, navigation);
        self.keep(href, |f| f.problem[slot] = Some(found.clone()));
        found
    }

    /// [`Targets::problem`], found anew.
    fn find_problem(&self, href: &str, from: &str, navigation: bool) -> Option<Problem> {
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
