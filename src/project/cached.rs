//! A build's pages through the build cache (`crate::cache`): the pages whose key the cache
//! holds are taken from it, the others rendered and minified, and all kept for the next
//! build. The result is the same as [`Project::render_pages_once`] then
//! [`Project::minify`]: the pages as rendered (what the search index reads), and, when the
//! build minifies, the pages to write.

use std::time::Instant;

use crate::cache::{self, Cache, Entry};
use crate::diagnostic::Diagnostic;
use crate::pipeline::{CacheUse, Output, Timings};

use super::Project;

/// Pages by output path: each rendered, or the reason it could not be.
pub(super) type Pages = Vec<(String, Result<Output, Diagnostic>)>;

impl Project {
    /// Renders (or takes from the cache) the pages at `paths`; returns them as rendered,
    /// and minified when the build minifies (else they are written as rendered).
    pub(super) fn render_cached(
        &mut self,
        paths: &[String],
        timings: &mut Timings,
    ) -> (Pages, Option<Pages>) {
        let started = Instant::now();
        let Some(identity) = cache::identity() else {
            self.cache_use = Some(CacheUse {
                note: Some(
                    "the build cache is not used: atelier's own executable could not be looked at".into(),
                ),
                ..CacheUse::default()
            });
            return (timings.time("render", || self.render_pages_once(paths)), None);
        };
        let mut store = Cache::open(&self.opts.root, &identity);
        let minify = self.minifies();
        let keys = self.page_keys(paths);
        let mut hits = Vec::new();
        let mut misses = Vec::new();
        let mut miss_keys = Vec::new();
        for (i, path) in paths.iter().enumerate() {
            let key = keys.as_ref().map(|k| k[i]);
            let page = key
                .and_then(|k| store.get(path, k))
                .filter(|p| p.minified.is_some() == minify);
            match (key, page) {
                (Some(k), Some(p)) => hits.push((path.clone(), k, p)),
                _ => {
                    misses.push(path.clone());
                    miss_keys.push(key);
                }
            }
        }
        let mut took = started.elapsed();
        let fresh = timings.time("render", || self.render_pages_once(&misses));
        let fresh_minified = minify.then(|| timings.time("minify", || self.minify(fresh.clone())));
        let saving = Instant::now();
        let mut entries = Vec::with_capacity(paths.len());
        for (i, ((path, out), key)) in fresh.iter().zip(&miss_keys).enumerate() {
            let min = fresh_minified.as_ref().map(|m| m[i].1.as_ref());
            let minified = match min {
                Some(Ok(m)) => Some(Some(m.bytes.as_slice())),
                Some(Err(_)) => None,
                None => Some(None),
            };
            if let (Ok(o), Some(minified), Some(key)) = (out, minified, key) {
                entries.push(Entry {
                    path,
                    key: *key,
                    rendered: &o.bytes,
                    minified,
                });
            }
        }
        for (path, key, page) in &hits {
            entries.push(Entry {
                path,
                key: *key,
                rendered: &page.rendered,
                minified: page.minified.as_deref(),
            });
        }
        entries.sort_by(|a, b| a.path.cmp(b.path));
        let saved = if keys.is_some() {
            store.save(&entries)
        } else {
            Ok(())
        };
        drop(entries);
        let note = match saved {
            Ok(()) => store.note.clone(),
            Err(e) => Some(format!(
                "could not write the build cache in {} ({e}): the next build renders every page",
                self.opts.root.join(cache::DIR).display()
            )),
        };
        took += saving.elapsed();
        store.forget_pages();
        self.cache_store = Some(store);
        timings.0.push(crate::pipeline::Stage {
            name: "cache",
            took,
            waited: None,
        });
        self.cache_use = Some(CacheUse {
            reused: hits.len(),
            rendered: misses.len(),
            note,
        });
        let mut rendered = fresh;
        let mut written = fresh_minified;
        for (path, _, page) in hits {
            if let (Some(w), Some(bytes)) = (written.as_mut(), page.minified) {
                w.push((
                    path.clone(),
                    Ok(Output {
                        path: path.clone(),
                        bytes,
                    }),
                ));
            }
            rendered.push((
                path.clone(),
                Ok(Output {
                    path,
                    bytes: page.rendered,
                }),
            ));
        }
        (rendered, written)
    }
}
