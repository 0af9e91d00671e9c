//! What each page is made from, as one fingerprint (its key in the build cache): the
//! settings and templates every page shares, then the value of each thing the page reads
//! (`render::reads`, the dependencies `serve` follows to render again after an edit). Two
//! builds that give a page the same key render it to the same bytes. No IO.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{Hasher, Key};
use crate::markdown::Rendered;
use crate::render::{self, Read, Shared};
use crate::site::{Route, Site};

use super::Project;

/// The fingerprints of the values pages read, computed once for all pages.
struct Values<'a> {
    site: &'a Site,
    bodies: &'a [Arc<Rendered>],
    shared: &'a Shared,
    global: Key,
    docs: HashMap<&'a str, Key>,
    summaries: HashMap<&'a str, Key>,
    all_summaries: Key,
    templates: HashMap<&'a str, Key>,
    /// Fields of the shared `site` variable, by name.
    fields: HashMap<String, Key>,
}

impl Project {
    /// The key of each page at `paths` (output paths of routes); `None` without settings
    /// or templates, when nothing renders.
    pub(super) fn page_keys(&self, paths: &[String]) -> Option<Vec<Key>> {
        let (templates, shared, config) = (
            self.templates.as_ref()?,
            self.shared.as_ref()?,
            self.config.as_ref()?,
        );
        let site = &self.site;
        let mut global = Hasher::new();
        global
            .opt_str(self.config_text.as_deref())
            .debug(config)
            .str(&site.base_path)
            .str(&site.build_date.to_string())
            .u64(crate::hosting::feed::exists(site) as u64)
            .u64(self.opts.drafts as u64);
        let mut assets: Vec<_> = shared.assets.iter().collect();
        assets.sort();
        global.json(&assets);
        let sources = templates.sources();
        global
            .debug(&sources.theme)
            .str(&sources.theme_dir.to_string_lossy());
        for (name, (file, text)) in &sources.templates {
            global.str(name).str(&file.to_string_lossy()).str(text);
        }
        let global = global.finish();

        let docs: HashMap<&str, Key> = site
            .docs
            .par_iter()
            .zip(self.bodies.par_iter())
            .map(|(doc, body)| {
                let mut h = Hasher::new();
                h.str(&doc.rel)
                    .str(&doc.path.to_string_lossy())
                    .str(&doc.url)
                    .debug(&doc.kind)
                    .str(&doc.source)
                    .str(&body.html)
                    .json(&body.toc)
                    .str(&body.excerpt)
                    .u64(body.word_count as u64);
                // The cover: its variants' names say its bytes, and its alternative text.
                if let Some(Ok(c)) = &body.cover {
                    h.str(&c.dest).str(&c.alt);
                    for v in &c.picture.variants {
                        h.str(&v.path);
                    }
                }
                (doc.rel.as_str(), h.finish())
            })
            .collect();
        let summary_keys: Vec<Key> = self
            .summaries
            .par_iter()
            .map(|v| Hasher::new().json(v).finish())
            .collect();
        let mut all = Hasher::new();
        for k in &summary_keys {
            all.key(*k);
        }
        let all_summaries = all.finish();
        let summaries = site
            .startups
            .iter()
            .zip(summary_keys)
            .map(|(e, k)| (site.docs[e.doc].rel.as_str(), k))
            .collect();
        let mut fields = HashMap::new();
        for (k, v) in shared.site.as_map().into_iter().flatten() {
            let name = k.to_string();
            let key = if name == "startups" {
                all_summaries
            } else {
                Hasher::new().json(v).finish()
            };
            fields.insert(name, key);
        }
        let templates_keys = sources
            .templates
            .keys()
            .map(|name| {
                let mut h = Hasher::new();
                h.key(global).str(name);
                if let Some(deps) = templates.deps(name) {
                    let mut read: Vec<(&String, &Key)> =
                        fields.iter().filter(|(f, _)| deps.site.reads(f)).collect();
                    read.sort();
                    for (f, k) in read {
                        h.str(f).key(*k);
                    }
                }
                (name.as_str(), h.finish())
            })
            .collect();
        let values = Values {
            site,
            bodies: &self.bodies,
            shared,
            global,
            docs,
            summaries,
            all_summaries,
            templates: templates_keys,
            fields,
        };
        Some(
            paths
                .par_iter()
                .map(|p| match self.routes.get(p) {
                    Some(&i) => values.page(&site.routes[i]),
                    None => values.global,
                })
                .collect(),
        )
    }
}

impl Values<'_> {
    fn page(&self, route: &Route) -> Key {
        let mut h = Hasher::new();
        h.key(self.global).debug(&self.route_kind(route));
        for read in render::reads(self.site, self.bodies, self.shared, route) {
            h.debug(&read).key(self.value(&read));
        }
        h.finish()
    }

    /// The route itself, without the indexes that another model numbers differently.
    fn route_kind(&self, route: &Route) -> String {
        let site = self.site;
        match route {
            Route::Doc(i) => format!("doc {}", site.docs[*i].rel),
            Route::Phase(i) => format!("phase {}", site.phases[*i].slug),
            Route::Thematique(i) => format!("thematique {}", site.thematiques[*i].slug),
            Route::Redirect { to, .. } => format!("redirect {} to {}", site.url(route), site.docs[*to].rel),
            Route::Paged { of, page } => format!("{} page {page}", self.route_kind(&of.route())),
            Route::SiteMap => "sitemap".into(),
            Route::NotFound => "404".into(),
        }
    }

    fn value(&self, read: &Read) -> Key {
        let site = self.site;
        let missing = Key(0);
        match read {
            Read::Template(name) => self.templates.get(name.as_str()).copied().unwrap_or(missing),
            Read::Doc(rel) => self.docs.get(rel.as_str()).copied().unwrap_or(missing),
            Read::Summary(rel) => self.summaries.get(rel.as_str()).copied().unwrap_or(missing),
            Read::AllSummaries => self.all_summaries,
            Read::Title(path) => Hasher::new().opt_str(site.title_at(path).as_deref()).finish(),
            Read::Term(key) => {
                let (kind, slug) = key.split_once(':').unwrap_or((key.as_str(), ""));
                let terms = if kind == "phase" {
                    &site.phases
                } else {
                    &site.thematiques
                };
                match terms.iter().find(|t| t.slug == slug) {
                    Some(t) => Hasher::new()
                        .str(&t.name)
                        .u64(t.startups.len() as u64)
                        .opt_str(t.phase.map(|p| p.name))
                        .finish(),
                    None => missing,
                }
            }
            Read::OrgRef(rel) => {
                let doc = site.by_rel.get(rel).map(|&i| &*site.docs[i]);
                let org = super::refresh::org_ref(doc);
                Hasher::new().debug(&org).finish()
            }
            Read::Site(field) => self.fields.get(*field).copied().unwrap_or(missing),
            // The read carries its whole value, and the key hashes the read.
            Read::Paging { .. } => Key(1),
        }
    }
}
