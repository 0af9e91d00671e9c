//! What each page is made from, as one fingerprint (its key in the build cache): the
//! settings and templates every page shares, then the value of each thing the page reads
//! (`render::reads`, the dependencies `serve` follows to render again after an edit). Two
//! builds that give a page the same key render it to the same bytes. No IO.

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{Hasher, Key};
use crate::markdown::Rendered;
use crate::render::{self, Read, Shared};
use crate::site::{ModelKey, Route, Site};

use super::Project;

/// The fingerprints of the values pages read, computed once for all pages.
pub(super) struct Values<'a> {
    site: &'a Site,
    bodies: &'a [Arc<Rendered>],
    shared: &'a Shared,
    global: Key,
    /// The model's shape: what it reads of each document ([`ModelKey`]). Kept reads are
    /// taken back only in a model of the same shape, where a page reads something else
    /// only if something it read changed (as `serve` follows them).
    shape: Key,
    docs: HashMap<&'a str, Key>,
    summaries: HashMap<&'a str, Key>,
    all_summaries: Key,
    templates: HashMap<&'a str, Key>,
    /// Fields of the shared `site` variable, by name.
    fields: HashMap<String, Key>,
}

impl Project {
    /// The fingerprints of what pages read, to key them with; `None` without settings or
    /// templates, when nothing renders.
    pub(super) fn key_values(&self) -> Option<Values<'_>> {
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
        templates.sources().key_into(&self.opts.root, &mut global);
        let global = global.finish();
        let doc_shapes: Vec<Key> = self
            .docs
            .par_iter()
            .map(|(_, doc)| Hasher::new().hashed(&ModelKey::of(doc, config)).finish())
            .collect();
        let mut shape = Hasher::new();
        shape.key(global);
        for k in doc_shapes {
            shape.key(k);
        }
        let shape = shape.finish();

        let docs: HashMap<&str, Key> = site
            .docs
            .par_iter()
            .zip(self.bodies.par_iter())
            .map(|(doc, body)| {
                let mut h = Hasher::new();
                h.str(&doc.rel)
                    .str(&doc.path.to_string_lossy())
                    .str(&doc.url)
                    .hashed(&doc.kind)
                    .str(&doc.source)
                    .str(&body.html)
                    .hashed(&body.toc)
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
        let mut fields = HashMap::default();
        for (k, v) in shared.site.as_map().into_iter().flatten() {
            let name = k.to_string();
            let key = if name == "startups" {
                all_summaries
            } else {
                Hasher::new().json(v).finish()
            };
            fields.insert(name, key);
        }
        let templates_keys = templates
            .sources()
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
        Some(Values {
            site,
            bodies: &self.bodies,
            shared,
            global,
            shape,
            docs,
            summaries,
            all_summaries,
            templates: templates_keys,
            fields,
        })
    }

    /// The page at output path `path`: its route, if it is one.
    pub(super) fn route_at(&self, path: &str) -> Option<&Route> {
        self.routes.get(path).map(|&i| &self.site.routes[i])
    }
}

impl Values<'_> {
    /// The key of the page at `route` (`None`: an output that is no route) and what it
    /// reads, from its context.
    pub(super) fn page(&self, route: Option<&Route>) -> (Key, Vec<Read>) {
        let Some(route) = route else {
            return (self.global, Vec::new());
        };
        let reads = render::reads(self.site, self.bodies, self.shared, route);
        (self.key_of(Some(route), &reads), reads)
    }

    /// The key of the page at `route` if it reads `reads`. Given the reads a page made
    /// when it had some key, this gives that same key only when every value it read is as
    /// it was; the context, made from those values alone, then reads the same again: a
    /// page whose key this gives back is the page it was, without its context being made.
    pub(super) fn key_of(&self, route: Option<&Route>, reads: &[Read]) -> Key {
        let Some(route) = route else {
            return self.global;
        };
        let mut h = Hasher::new();
        h.key(self.global).str(&self.route_kind(route));
        for read in reads {
            match read {
                // The read carries its value: the paging as it is now is hashed in its place,
                // so that kept reads of a listing whose items moved give another key.
                Read::Paging { .. } => h.hashed(&render::paging_now(self.site, route)),
                _ => h.hashed(read).key(self.value(read)),
            };
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
                Hasher::new().hashed(&org).finish()
            }
            Read::Site(field) => self.fields.get(*field).copied().unwrap_or(missing),
            // The read carries its whole value, and the key hashes the read.
            Read::Paging { .. } => Key(1),
        }
    }
}

/// A read as the cache keeps it, beside its page ([`crate::cache::Kept::trace`]).
#[derive(serde::Serialize, serde::Deserialize)]
enum Traced {
    Template(String),
    Doc(String),
    Title(String),
    Summary(String),
    AllSummaries,
    Term(String),
    OrgRef(String),
    Site(String),
    Paging { page: u64, pages: u64, items: u64 },
}

/// The fields of the shared `site` data a page context reads itself (`Read::Site`): a
/// trace naming another is not taken back, and its page is keyed from its context.
const SITE_FIELDS: [&str; 1] = ["menu"];

impl Values<'_> {
    /// The reads of a page, as the cache keeps them: with the model's shape.
    pub(super) fn trace(&self, reads: &[Read]) -> Vec<u8> {
        let mut bytes = self.shape.0.to_le_bytes().to_vec();
        bytes.extend(encode_reads(reads));
        bytes
    }

    /// The reads [`Values::trace`] kept, if they were kept in a model of this shape.
    pub(super) fn reads_of_trace(&self, trace: &[u8]) -> Option<Vec<Read>> {
        let (shape, reads) = trace.split_at_checked(16)?;
        (shape == self.shape.0.to_le_bytes()).then(|| decode_reads(reads))?
    }
}

/// The reads of a page, in the cache's words.
fn encode_reads(reads: &[Read]) -> Vec<u8> {
    let traced: Vec<Traced> = reads
        .iter()
        .map(|r| match r {
            Read::Template(s) => Traced::Template(s.clone()),
            Read::Doc(s) => Traced::Doc(s.clone()),
            Read::Title(s) => Traced::Title(s.clone()),
            Read::Summary(s) => Traced::Summary(s.clone()),
            Read::AllSummaries => Traced::AllSummaries,
            Read::Term(s) => Traced::Term(s.clone()),
            Read::OrgRef(s) => Traced::OrgRef(s.clone()),
            Read::Site(s) => Traced::Site(s.to_string()),
            Read::Paging { page, pages, items } => Traced::Paging {
                page: *page as u64,
                pages: *pages as u64,
                items: *items as u64,
            },
        })
        .collect();
    postcard::to_allocvec(&traced).unwrap_or_default()
}

/// The reads [`encode_reads`] kept; `None` when they cannot be read back as they were.
fn decode_reads(bytes: &[u8]) -> Option<Vec<Read>> {
    let traced: Vec<Traced> = postcard::from_bytes(bytes).ok()?;
    traced
        .into_iter()
        .map(|t| {
            Some(match t {
                Traced::Template(s) => Read::Template(s),
                Traced::Doc(s) => Read::Doc(s),
                Traced::Title(s) => Read::Title(s),
                Traced::Summary(s) => Read::Summary(s),
                Traced::AllSummaries => Read::AllSummaries,
                Traced::Term(s) => Read::Term(s),
                Traced::OrgRef(s) => Read::OrgRef(s),
                Traced::Site(s) => Read::Site(SITE_FIELDS.into_iter().find(|f| *f == s)?),
                Traced::Paging { page, pages, items } => Read::Paging {
                    page: usize::try_from(page).ok()?,
                    pages: usize::try_from(pages).ok()?,
                    items: usize::try_from(items).ok()?,
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Read, decode_reads, encode_reads};

    #[test]
    fn kept_reads_read_back_as_they_were() {
        let reads = vec![
            Read::Template("page.html".into()),
            Read::Doc("startups/ada.md".into()),
            Read::Title("/startups/".into()),
            Read::Summary("startups/ada.md".into()),
            Read::AllSummaries,
            Read::Term("phase:construction".into()),
            Read::OrgRef("organisations/mc.md".into()),
            Read::Site("menu"),
            Read::Paging {
                page: 2,
                pages: 3,
                items: 25,
            },
        ];
        assert_eq!(decode_reads(&encode_reads(&reads)), Some(reads));
    }

    #[test]
    fn reads_that_cannot_be_read_back_are_not_taken() {
        let field = encode_reads(&[Read::Site("menu")]);
        let other = String::from_utf8_lossy(&field).replace("menu", "feed");
        assert_eq!(
            decode_reads(other.as_bytes()),
            None,
            "a field no page context reads"
        );
        assert_eq!(decode_reads(b""), None);
        assert_eq!(decode_reads(&[0xff; 3]), None);
    }
}
