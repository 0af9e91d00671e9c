//! A build's pages through the build cache (`crate::cache`): the pages whose key the cache
//! holds are taken from it, the others rendered and minified, and all of them kept for the
//! next build once the site is published (`cache::Keeping`). The result is the same as
//! [`Project::render_pages_once`] then [`Project::minify`]: the pages as rendered (what the
//! search index reads; none when nothing reads them), and, when the build minifies, the
//! pages to write. A build that minifies and has no search index keeps its pages minified
//! only; one that needs them as rendered does not take those.

use std::time::Instant;

use rayon::prelude::*;

use crate::cache::{self, Cache, Keeping, Kept, Key, Page};
use crate::diagnostic::Diagnostic;
use crate::pipeline::{CacheUse, Output, Stage, Timings};

use super::Project;

/// Pages by output path: each rendered, or the reason it could not be.
pub(super) type Pages = Vec<(String, Result<Output, Diagnostic>)>;

/// A page's key and what it was made from (`None` when nothing renders).
type Traced = Option<(Key, Vec<u8>)>;

impl Project {
    /// Renders (or takes from the cache) the pages at `paths`; returns them as rendered,
    /// and minified when the build minifies (else they are written as rendered).
    pub(super) fn render_cached(
        &mut self,
        paths: &[String],
        timings: &mut Timings,
    ) -> (Pages, Option<Pages>) {
        let started = Instant::now();
        let (store, opened) = self.cache_store.take().unwrap_or_else(|| {
            (
                Cache::open(&self.opts.root, &cache::identity()),
                Default::default(),
            )
        });
        let minify = self.minifies();
        // The pages as rendered are read by the search index, and written when the build
        // does not minify; otherwise a page taken from the cache is read minified only.
        let as_rendered = !minify || self.config.is_some() && crate::hosting::search::enabled(&self.site);
        // A page the cache holds is looked up by the key its kept reads give now; only the
        // others have their context made to find their key (and their reads, kept next).
        let (keyed, traced): (bool, Vec<Traced>) = match self.key_values() {
            Some(values) => (
                true,
                paths
                    .par_iter()
                    .map(|path| {
                        let route = self.route_at(path);
                        let kept = store.trace(path).and_then(|(key, trace)| {
                            let reads = values.reads_of_trace(trace)?;
                            (values.key_of(route, &reads) == key).then(|| (key, trace.to_vec()))
                        });
                        Some(kept.unwrap_or_else(|| {
                            let (key, reads) = values.page(route);
                            (key, values.trace(&reads))
                        }))
                    })
                    .collect(),
            ),
            None => (false, paths.iter().map(|_| None).collect()),
        };
        // With minification, the pages as rendered are read only for the search index:
        // not when the cache holds the index of these very pages.
        let index_kept = self.index_of_pages(paths, &traced, &store, minify && as_rendered);
        let read_rendered = as_rendered && index_kept.is_none();
        self.search_made = index_kept;
        // Each page read from the pack (and its digest checked) on the pool, a chunk at a
        // time; the body of a page taken is let go of at once, as the pages rendered let
        // go of theirs (the pages' bytes come while the bodies' HTML goes).
        let news = self.let_go_of_bodies();
        let mut found: Vec<Option<Page>> = Vec::with_capacity(paths.len());
        for (chunk, chunk_traced) in paths
            .chunks(super::outputs::ONCE_CHUNK)
            .zip(traced.chunks(super::outputs::ONCE_CHUNK))
        {
            let read: Vec<Option<Page>> = chunk
                .par_iter()
                .zip(chunk_traced)
                .map(|(path, traced)| {
                    traced
                        .as_ref()
                        .and_then(|(k, _)| store.get_some(path, *k, read_rendered))
                        .filter(|p| p.minified.is_some() == minify)
                })
                .collect();
            for (path, page) in chunk.iter().zip(&read) {
                if page.is_some() {
                    self.let_go_of_body(path, &news);
                }
            }
            found.extend(read);
        }
        let mut hits = Vec::new();
        let mut misses = Vec::new();
        let mut miss_keys = Vec::new();
        for ((path, traced), page) in paths.iter().zip(traced).zip(found) {
            match (traced, page) {
                (Some((k, _)), Some(p)) => hits.push((path.clone(), k, p)),
                (traced, _) => {
                    misses.push(path.clone());
                    miss_keys.push(traced);
                }
            }
        }
        let looked_up = started.elapsed();
        // A page changed: the search index is likely made again, from the records kept.
        if !misses.is_empty() && self.search_made.is_none() {
            if let Some(kept) = &self.search_kept {
                kept.go();
            }
        }
        let fresh = timings.time("render", || self.render_pages_once(&misses));
        // The pages as rendered are kept beside the minified ones only when something reads
        // them (the search index); else they are minified in place and kept minified only.
        let (fresh, fresh_minified) = match (minify, as_rendered) {
            (true, true) => {
                let minified = timings.time("minify", || self.minify(fresh.clone()));
                (fresh, Some(minified))
            }
            (true, false) => (Vec::new(), Some(timings.time("minify", || self.minify(fresh)))),
            (false, _) => (fresh, None),
        };
        let keeping = Instant::now();
        let mut kept = Vec::new();
        let made = fresh_minified.as_ref().unwrap_or(&fresh);
        for (i, ((path, out), key)) in made.iter().zip(&miss_keys).enumerate() {
            let (Ok(out), Some((key, trace))) = (out, key) else {
                continue;
            };
            let bytes = Some(out.bytes.clone());
            let page = match (&fresh_minified, fresh.get(i)) {
                (None, _) => Page {
                    rendered: bytes,
                    minified: None,
                },
                (Some(_), Some((_, Ok(r)))) => Page {
                    rendered: Some(r.bytes.clone()),
                    minified: bytes,
                },
                (Some(_), None) if !as_rendered => Page {
                    rendered: None,
                    minified: bytes,
                },
                _ => continue,
            };
            kept.push(Kept {
                path: path.clone(),
                key: *key,
                trace: trace.clone(),
                page,
            });
        }
        let reused = hits.iter().map(|(path, key, _)| (path.clone(), *key)).collect();
        let memo = self.body_memo.as_ref();
        let note = store
            .note
            .clone()
            .or_else(|| memo.and_then(|m| m.note().map(str::to_string)))
            .or_else(|| self.doc_memo.as_ref().and_then(|d| d.note.clone()));
        let bodies = memo.map(|m| (m.taken(), self.site.docs.len()));
        if keyed {
            self.keeping = Some(Keeping {
                cache: store,
                fresh: kept,
                reused,
                search: None,
                memos: Vec::new(),
                staged: Vec::new(),
                files: Vec::new(),
                only: None,
            });
        }
        timings.0.push(Stage {
            name: "cache",
            took: opened + looked_up + keeping.elapsed(),
            waited: None,
        });
        self.cache_use = Some(CacheUse {
            reused: hits.len(),
            rendered: misses.len(),
            bodies,
            documents: self.doc_memo.as_ref().map(|d| d.taken),
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
            if let Some(bytes) = page.rendered {
                rendered.push((path.clone(), Ok(Output { path, bytes })));
            }
        }
        (rendered, written)
    }

    /// The search index the cache holds for the pages of `paths` with the keys of
    /// `traced` (when `wanted`), taken whole; the key of those pages is kept for the
    /// index made otherwise ([`crate::hosting::search::pages_key`]).
    fn index_of_pages(
        &mut self,
        paths: &[String],
        traced: &[Traced],
        store: &Cache,
        wanted: bool,
    ) -> Option<Vec<Output>> {
        if !wanted {
            return None;
        }
        let keys: std::collections::HashMap<&str, Key> = paths
            .iter()
            .zip(traced)
            .filter_map(|(path, t)| Some((path.as_str(), t.as_ref()?.0)))
            .collect();
        let language = &self.site.config.language;
        self.search_pages =
            crate::hosting::search::pages_key(&self.site, language, |path| keys.get(path).copied());
        let files = store.search_of_pages(self.search_pages?)?;
        Some(
            files
                .into_iter()
                .map(|(path, bytes)| Output { path, bytes })
                .collect(),
        )
    }
}
