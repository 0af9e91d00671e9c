//! Markdown bodies kept in the build cache between processes (`bodies-NN.memo`): a build that
//! finds a body rendered by an earlier one from the same text, with the same settings and
//! templates, takes it instead of rendering it again.
//!
//! A body's memo key is what its rendering reads of itself and of the settings: its text,
//! its URL, the base path, raw HTML mode, typography, the language of the messages and
//! every template (shortcodes are templates). What it reads of OTHER files is not in the
//! key but kept beside the body, and checked before it is used, as `serve` does: every
//! `@/` link with what it resolved to, every file a shortcode named with its size. Bodies
//! that show images (their variants), or whose shortcodes read the startups or the
//! thematiques, are never kept: they are rendered every time.
//!
//! Only a build that uses the cache reads and writes it. In a build, bodies are rendered
//! before the templates are given the shared `site` data, so that a shortcode sees the
//! same (empty) globals whether its body comes from here or is rendered again.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::cache::{Cache, Hasher, Key, Shards, Staged};
use crate::content::Document;
use crate::markdown::Rendered;
use crate::site::Site;

use super::bodies::Body;

/// The memo file's name in the cache folder.
const NAME: &str = "bodies";

/// A body as the memo keeps it.
#[derive(Deserialize)]
pub(super) struct Stored {
    rendered: Rendered,
    links: Vec<(String, Option<String>)>,
    files: Vec<(String, Option<u64>)>,
}

/// [`Stored`] borrowed from a body, written the same way.
#[derive(Serialize)]
struct Keep<'a> {
    rendered: &'a Rendered,
    links: &'a [(String, Option<String>)],
    files: &'a [(String, Option<u64>)],
}

/// The bodies an earlier build kept, for this one, in `bodies-NN.memo` by key, so that
/// an edit writes one file again, not all of them.
pub(super) struct BodyMemo {
    memo: Shards<Stored>,
    /// The key of what every body reads of the settings and templates.
    settings: Key,
    /// The key of each document's body, in the order of `site.docs`.
    pub(super) keys: Vec<Key>,
    /// The new content of the files that change, once the bodies are made
    /// ([`BodyMemo::seal`]), written beside them.
    sealed: Vec<Staged>,
}

impl BodyMemo {
    /// The memo of `cache`; `None` when the cache is not written.
    pub(super) fn open(cache: &Cache) -> Option<BodyMemo> {
        let memo = Shards::open(cache, NAME)?;
        Some(BodyMemo {
            memo,
            settings: Key(0),
            keys: Vec::new(),
            sealed: Vec::new(),
        })
    }

    /// Why a memo file was not used, if one is damaged.
    pub(super) fn note(&self) -> Option<&str> {
        self.memo.note.as_deref()
    }

    /// Computes the key of each body of `site` (at `root`), rendered with `templates`.
    pub(super) fn prepare(
        &mut self,
        site: &Site,
        templates: &crate::render::Templates,
        root: &std::path::Path,
    ) {
        use rayon::prelude::*;
        self.settings = settings(site, templates, root);
        let this = &*self;
        let keys = site.docs.par_iter().map(|d| this.key(d)).collect();
        self.keys = keys;
    }

    /// The key of one document's body.
    fn key(&self, doc: &Document) -> Key {
        Hasher::new()
            .key(self.settings)
            .str(&doc.url)
            .str(doc.body())
            .finish()
    }

    /// Takes out the body kept under `key`, if there is one.
    pub(super) fn take(&mut self, key: Key) -> Option<Stored> {
        self.memo.take(key)
    }

    /// Once the bodies are made, with the keys of those taken from here and used: lets go
    /// of the others (their files are written again without them).
    pub(super) fn settle(&mut self, taken: Vec<Key>) {
        self.memo.used(taken);
    }

    /// How many bodies this build took from the memo.
    pub(super) fn taken(&self) -> usize {
        self.memo.used_count()
    }

    /// Makes the new content of the files that changed, once the bodies are made and before
    /// a build lets go of their HTML: the bodies of `docs` (`site.docs`, as when the bodies
    /// were made) that may be kept, each under its key.
    pub(super) fn seal(&mut self, docs: &[Arc<Document>], bodies: &rustc_hash::FxHashMap<String, Body>) {
        let entries: Vec<(Key, Keep<'_>)> = docs
            .iter()
            .zip(&self.keys)
            .filter_map(|(doc, key)| {
                let body = bodies.get(&doc.rel).filter(|b| keepable(b))?;
                Some((
                    *key,
                    Keep {
                        rendered: &body.rendered,
                        links: &body.links,
                        files: &body.files,
                    },
                ))
            })
            .collect();
        self.sealed = self
            .memo
            .seal(entries)
            .into_iter()
            // A file that cannot be written is made again by the next build.
            .filter_map(|(memo, bytes)| memo.stage(&bytes).ok())
            .collect();
    }

    /// The memo files to put in place once the site is published.
    pub(super) fn into_staged(self) -> Vec<Staged> {
        self.sealed
    }
}

/// Whether a body may be kept: it shows no image and no shortcode of it read the startups
/// or the thematiques (those change with other files, and are not checked on reuse).
fn keepable(body: &Body) -> bool {
    body.images.is_empty() && body.rendered.pictures.is_empty() && !body.summaries
}

/// The key of what every body reads of the settings and templates.
fn settings(site: &Site, templates: &crate::render::Templates, root: &std::path::Path) -> Key {
    let mut h = Hasher::new();
    h.debug(&crate::i18n::current())
        .str(&site.base_path)
        .debug(&site.config.raw_html)
        .u64(site.config.french_typography() as u64);
    templates.sources().key_into(root, &mut h);
    h.finish()
}

impl Stored {
    /// The body, if what it read of other files is as it was
    /// ([`super::bodies::same_reads`]).
    pub(super) fn into_body(
        self,
        site: &Site,
        doc: &Arc<Document>,
        files: &HashMap<String, u64>,
        images: &super::images::Sources,
    ) -> Option<Body> {
        if !super::bodies::same_reads(site, &self.links, &self.files, files) {
            return None;
        }
        let mut rendered = self.rendered;
        let problems = super::bodies::finish(site, doc, &mut rendered, images);
        Some(Body {
            doc: doc.clone(),
            rendered: Arc::new(rendered),
            links: self.links,
            images: Vec::new(),
            files: self.files,
            summaries: false,
            problems,
        })
    }
}
