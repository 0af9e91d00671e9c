//! The editors' CMS, Decap CMS, published with the site (`/admin/` by default, `cms:` in
//! `site.yaml`, `docs/cms.md` for editors):
//!
//! - the `decap-cms` npm package, pinned and verified like the DSFR package
//!   ([`crate::assets::locate_root`]); the site publishes its `dist/decap-cms.js`, the
//!   chunks it loads on demand and its licence notice, never committed to the repository;
//! - `config.yml`, generated from the content model ([`decap`], [`fields`]): one
//!   collection per kind, one widget per field, in French; in `serve` only, pointed at
//!   the preview server's local backend (`/api/v1`);
//! - `index.html`, which loads the CMS from the site itself, and `atelier-cms.js`, which
//!   gives the CMS's preview the site's stylesheets (those of the home page as rendered,
//!   whose icons the page shows too).
//!
//! Environment: `ATELIER_DECAP_DIR`, an unpacked `decap-cms` package or its `.tgz`, like
//! `ATELIER_DSFR_DIR` for DSFR; the rest as for DSFR (`ATELIER_CACHE_DIR`,
//! `ATELIER_OFFLINE`, the npm registry variables).

pub mod decap;
pub mod fields;
pub mod page;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::assets::{PackageSpec, locate_root};
use crate::config::{CmsSettings, SiteConfig};
use crate::content::Data;
use crate::diagnostic::{Diagnostic, Location};
use crate::pipeline::{CopiedFile, FetchOptions, Output};
use crate::site::Site;

/// The folder of the site where the CMS saves images (`static/images`): the one folder
/// beside `content/` the CMS writes to.
pub fn media_folder(_config: &SiteConfig) -> &'static str {
    decap::MEDIA_FOLDER
}

/// The CMS a run publishes: its settings and the unpacked package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cms {
    pub settings: CmsSettings,
    /// The folder holding the package's `package.json` and `dist/`.
    pub root: PathBuf,
}

/// The CMS `config` publishes, with its package located (downloaded once, then cached);
/// `None` when nothing is published (`cms: none`, or a theme without DSFR and no `cms:`).
pub fn prepare(
    config: &SiteConfig,
    dsfr_theme: bool,
    opts: &FetchOptions,
) -> Result<Option<Cms>, Diagnostic> {
    let Some(settings) = config.cms.published(dsfr_theme) else {
        return Ok(None);
    };
    let spec = PackageSpec::decap_cms_3_16_3();
    let root = locate_root(&spec, &fetch_options(opts)).map_err(|e| not_published(&spec, &e))?;
    Ok(Some(Cms { settings, root }))
}

/// Why the CMS's package could not be had, and how to get it (not DSFR's way).
fn not_published(spec: &PackageSpec, e: &crate::assets::AssetError) -> Diagnostic {
    Diagnostic::error(crate::msg!("cms-not-published", error = e.to_string()))
        .at(Location::file("site.yaml"))
        .help(crate::tr!(
            "cms-not-published-help",
            name = spec.name.as_str(),
            version = spec.version.as_str()
        ))
}

/// Where to find the CMS's package: as for DSFR, but `ATELIER_DECAP_DIR` for a given copy.
fn fetch_options(opts: &FetchOptions) -> FetchOptions {
    let mut opts = opts.clone();
    opts.package_dir = std::env::var_os("ATELIER_DECAP_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    opts
}

/// `atelier dsfr fetch`: puts the CMS's package in the cache too when the site publishes
/// the CMS, so that a machine without network builds it. `None` when it does not;
/// otherwise the package's name, version, folder, and whether it was downloaded now.
pub fn fetch_ahead(
    config: &SiteConfig,
    dsfr_theme: bool,
    opts: &FetchOptions,
) -> Option<Result<(String, String, PathBuf, bool), Diagnostic>> {
    config.cms.published(dsfr_theme)?;
    let spec = PackageSpec::decap_cms_3_16_3();
    Some(
        crate::assets::fetch_root_ahead(&spec, &fetch_options(opts))
            .map(|(root, downloaded)| (spec.name.clone(), spec.version.clone(), root, downloaded))
            .map_err(|e| not_published(&spec, &e)),
    )
}

impl Cms {
    /// The package's files the site publishes under the CMS's folder: `decap-cms.js`, its
    /// licence notice and the chunks it loads on demand (`<n>.decap-cms.js`), not the
    /// source maps nor the second copy of the bundle (`cms.js`).
    pub fn copies(&self) -> Vec<CopiedFile> {
        let dist = self.root.join("dist");
        let mut names: Vec<String> = std::fs::read_dir(&dist)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|n| published(n))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|n| CopiedFile {
                src: dist.join(&n),
                dest: format!("{}/{n}", self.settings.path),
            })
            .collect()
    }

    /// `index.html`, `config.yml` and `atelier-cms.js`; with `serve`, the page also loads
    /// the preview server's script ([`page::SERVE_SCRIPT`]), and the CMS edits the working
    /// tree through the server. `home` is the
    /// home page as rendered, whose stylesheets the preview uses.
    pub fn outputs(&self, site: &Site, home: Option<&[u8]>, serve: bool) -> Vec<Output> {
        let base_path = site.config.base_path();
        let thematiques = thematiques(site);
        let model = decap::Model {
            settings: &self.settings,
            base_path: &base_path,
            thematiques: &thematiques,
            incubator: site.config.incubator.as_deref(),
            local_backend: serve,
        };
        let head = home
            .map(|h| page::head_links(&String::from_utf8_lossy(h)))
            .unwrap_or_default();
        let dir = &self.settings.path;
        vec![
            Output {
                path: format!("{dir}/atelier-cms.js"),
                bytes: page::script(&decap::collection_names()).into_bytes(),
            },
            Output {
                path: format!("{dir}/config.yml"),
                bytes: decap::config_yaml(&model).into_bytes(),
            },
            Output {
                path: format!("{dir}/index.html"),
                bytes: page::index(
                    &site.config.title,
                    &head,
                    serve.then_some(base_path.as_str()),
                    &gitlab_origin(&self.settings.base_url),
                    &format!("{base_path}{dir}/"),
                )
                .into_bytes(),
            },
        ]
    }
}

/// `check --strict`: the CMS is published but names no GitLab project, so no editor can log
/// in on the site once live. Not a problem before (`atelier serve` edits the working
/// tree without it), hence only under `--strict`, where what a live site needs is checked.
pub fn login_problem(cms: Option<&Cms>, sources: &crate::check::Sources) -> Option<Diagnostic> {
    let cms = cms?;
    let missing = cms.settings.repo.as_deref().is_none_or(|r| r.trim().is_empty());
    missing.then(|| {
        Diagnostic::warning(crate::msg!(
            "cms-no-gitlab-project",
            path = cms.settings.path.as_str()
        ))
        .at(sources.config_at(&[crate::content::yaml::Seg::Key("cms".into())]))
        .help(crate::tr!("cms-no-gitlab-project-help"))
    })
}

/// `https://gitlab.example.org` for `https://gitlab.example.org/gitlab`: what the CMS's
/// policy lets it connect to.
fn gitlab_origin(base_url: &str) -> String {
    let rest = base_url.strip_prefix("https://").unwrap_or(base_url);
    format!("https://{}", rest.split('/').next().unwrap_or(rest))
}

/// Whether a file of the package's `dist/` is published.
fn published(name: &str) -> bool {
    if name == "decap-cms.js" || name == "decap-cms.js.LICENSE.txt" {
        return true;
    }
    name.strip_suffix(".decap-cms.js")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The thématiques written in the site's fiches, one spelling per slug (the first in the
/// order of the documents), with the name the site shows, sorted by that name.
pub fn thematiques(site: &Site) -> Vec<(String, String)> {
    let mut by_slug: BTreeMap<String, String> = BTreeMap::new();
    for doc in &site.docs {
        if let Data::Startup(s) = &doc.data {
            for t in &s.thematiques {
                let slug = crate::slug::slugify(t);
                if !slug.is_empty() {
                    by_slug.entry(slug).or_insert_with(|| t.clone());
                }
            }
        }
    }
    let mut out: Vec<(String, String)> = by_slug
        .into_values()
        .map(|t| {
            let shown = crate::thematique::display(&t);
            (t, shown)
        })
        .collect();
    out.sort_by(|a, b| (a.1.to_lowercase(), &a.0).cmp(&(b.1.to_lowercase(), &b.0)));
    out
}

#[cfg(test)]
mod tests;
