//! What the checks read of each page (`check-NN.memo`): its ids, links, footer and the
//! inline scripts its policy blocks ([`crate::check::pages::read`]), kept in the build
//! cache by the digest of the page's bytes, so that a build reads again only the pages
//! whose bytes changed.
//!
//! Only these facts of one page are kept. What depends on other pages (does a link lead
//! to a page, does the page have that id, does the footer link to the statement) is found
//! again by every build from the facts of all pages ([`crate::check::rendered`]): a page
//! removed or renamed elsewhere is still reported on the pages that link to it.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::cache::{Cache, Keeping, Key, Memo};
use crate::check::html::Page;
use crate::check::pages;
use crate::pipeline::Output;

/// The memo files' name in the cache folder.
const NAME: &str = "check";

/// How many files the pages' facts are kept in: an edit writes one again, not all.
const SHARDS: usize = 16;

fn shard(key: Key) -> usize {
    (key.0 % SHARDS as u128) as usize
}

/// The pages read, in the order of the outputs (`None` for files that are not pages).
pub struct Read {
    pub pages: Vec<Option<Page>>,
    /// Pages taken from the cache, and pages in all.
    pub reused: (usize, usize),
    /// Why a memo file was not used, if one is damaged.
    pub note: Option<String>,
}

/// Reads the pages among `outputs` for the checks, taking from the cache of `keeping`
/// the facts of pages whose bytes were read before, and keeping there the facts of this
/// build's pages for the next one (saved only once the site is published). Without the
/// cache, every page is read.
pub fn read(outputs: &[Output], keeping: Option<&mut Keeping>) -> Read {
    let Some((keeping, shards)) = keeping.and_then(|k| {
        let shards = memos(&k.cache)?;
        Some((k, shards))
    }) else {
        let pages = pages::index(outputs);
        let total = pages.iter().flatten().count();
        return Read {
            pages,
            reused: (0, total),
            note: None,
        };
    };
    let found: Vec<(HashMap<Key, Page>, Option<String>)> = shards.par_iter().map(Memo::read_noting).collect();
    let mut known = HashMap::new();
    let mut stale = vec![false; SHARDS];
    let mut note = None;
    for (i, (entries, damaged)) in found.into_iter().enumerate() {
        stale[i] = damaged.is_some();
        note = note.or(damaged);
        // Facts in the wrong file were not put there by atelier.
        stale[i] |= entries.keys().any(|k| shard(*k) != i);
        known.extend(entries.into_iter().filter(|(k, _)| shard(*k) == i));
    }
    let keys: Vec<Option<Key>> = outputs
        .par_iter()
        .map(|o| pages::is_page(o).then(|| crate::cache::key::of_bytes(&o.bytes)))
        .collect();
    // Taken out of what was kept; a second page of the same bytes gets a copy.
    let mut first: HashMap<Key, usize> = HashMap::new();
    let mut taken = 0;
    let mut pages: Vec<Option<Page>> = Vec::with_capacity(outputs.len());
    for (i, key) in keys.iter().enumerate() {
        let page = key.and_then(|k| match first.get(&k) {
            Some(&j) => pages[j].clone(),
            None => {
                first.insert(k, i);
                let page = known.remove(&k);
                taken += usize::from(page.is_some());
                page
            }
        });
        pages.push(page);
    }
    let fresh: Vec<bool> = pages
        .iter()
        .zip(&keys)
        .map(|(p, k)| p.is_none() && k.is_some())
        .collect();
    pages
        .par_iter_mut()
        .zip(outputs)
        .zip(&fresh)
        .filter(|(_, fresh)| **fresh)
        .for_each(|((page, output), _)| *page = Some(pages::read(&output.bytes)));
    // Facts no page of this build has: their files are written again without them; and
    // the files of pages read now, with them.
    for k in known.keys() {
        stale[shard(*k)] = true;
    }
    drop(known);
    for (k, fresh) in keys.iter().zip(&fresh) {
        if let (Some(k), true) = (k, fresh) {
            stale[shard(*k)] = true;
        }
    }
    let mut by_shard: Vec<Vec<(Key, &Page)>> = (0..SHARDS).map(|_| Vec::new()).collect();
    for (&i, k) in first.values().zip(first.keys()) {
        if let Some(page) = &pages[i] {
            by_shard[shard(*k)].push((*k, page));
        }
    }
    for ((memo, mut entries), stale) in shards.into_iter().zip(by_shard).zip(stale) {
        if !stale {
            continue;
        }
        entries.sort_by_key(|(k, _)| *k);
        // A file that cannot be made is made again by the next build.
        if let Some(bytes) = memo.encode(&entries) {
            keeping.memos.push((memo, bytes));
        }
    }
    Read {
        reused: (taken, first.len()),
        pages,
        note,
    }
}

/// The memo files of `cache`; `None` when the cache is not written.
fn memos(cache: &Cache) -> Option<Vec<Memo>> {
    (0..SHARDS)
        .map(|i| cache.memo(&format!("{NAME}-{i:02}")))
        .collect()
}
