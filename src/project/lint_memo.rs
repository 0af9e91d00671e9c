//! The bodies the accessibility lints found nothing in (`lints-NN.memo`), kept in the build
//! cache by what the lints read of a body: its text, and the links and headings Markdown
//! found in it ([`crate::check::accessibility::body`]). A build lints again only the bodies
//! that changed, and those that had something to say (their messages are made anew, in the
//! language of the day).

use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{Hasher, Keeping, Key, Shards};
use crate::content::Document;
use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::site::Site;

/// The memo files' name in the cache folder.
const NAME: &str = "lints";

/// What decides whether the lints find anything in a body (where they would point is
/// left out: a body they find nothing in has nothing to point at).
fn key(doc: &Document, body: &Rendered) -> Key {
    let mut h = Hasher::new();
    h.str(doc.body());
    for l in &body.links {
        h.hashed(&l.kind).str(&l.text);
    }
    for heading in &body.headings {
        h.u64(heading.range.start as u64).u64(u64::from(heading.level));
    }
    h.finish()
}

/// What the checks of the documents found, and what the cache did for them.
pub struct Linted {
    pub found: Vec<Diagnostic>,
    /// Bodies known clean from the cache, and bodies in all (when the cache is used).
    pub reused: Option<(usize, usize)>,
    /// Why a memo file was not used, if one is damaged.
    pub note: Option<String>,
}

/// The checks of the documents ([`crate::check::documents`]), taking from the cache of
/// `keeping` which bodies the lints found nothing in, and keeping there those of this
/// build (saved only once the site is published).
pub fn documents(site: &Site, bodies: &[Arc<Rendered>], keeping: Option<&mut Keeping>) -> Linted {
    let Some((keeping, mut memo)) = keeping.and_then(|k| {
        let memo = Shards::<()>::open(&k.cache, NAME)?;
        Some((k, memo))
    }) else {
        return Linted {
            found: crate::check::documents(site, bodies),
            reused: None,
            note: None,
        };
    };
    let keys: Vec<Key> = site
        .docs
        .par_iter()
        .zip(bodies)
        .map(|(doc, body)| key(doc, body))
        .collect();
    let known: Vec<bool> = keys.iter().map(|k| memo.get(k).is_some()).collect();
    let (found, clean) = crate::check::documents_knowing(site, bodies, &known);
    memo.used(keys.iter().zip(&known).filter(|(_, k)| **k).map(|(k, _)| *k));
    let entries: Vec<(Key, ())> = keys
        .iter()
        .zip(&clean)
        .filter(|(_, c)| **c)
        .map(|(k, _)| (*k, ()))
        .collect();
    keeping.memos.extend(memo.seal(entries));
    Linted {
        found,
        reused: Some((memo.used_count(), keys.len())),
        note: memo.note,
    }
}
