//! What the checks read of each page (`check-NN.memo`): its ids, links, footer and the
//! inline scripts its policy blocks ([`crate::check::pages::read`]), kept in the build
//! cache by the digest of the page's bytes, so that a build reads again only the pages
//! whose bytes changed.
//!
//! Only these facts of one page are kept. What depends on other pages (does a link lead
//! to a page, does the page have that id, does the footer link to the statement) is found
//! again by every build from the facts of all pages ([`crate::check::rendered`]): a page
//! removed or renamed elsewhere is still reported on the pages that link to it.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use crate::cache::{Keeping, Key, Shards};
use crate::check::html::Page;
use crate::check::pages;
use crate::pipeline::Output;

/// The memo files' name in the cache folder.
const NAME: &str = "check";

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
    let Some((keeping, mut memo)) = keeping.and_then(|k| {
        let memo = Shards::<Page>::open(&k.cache, NAME)?;
        Some((k, memo))
    }) else {
        let pages = pages::index(outputs);
        let total = pages.iter().flatten().count();
        return Read {
            pages,
            reused: (0, total),
            note: None,
        };
    };
    let keys: Vec<Option<Key>> = outputs
        .par_iter()
        .map(|o| pages::is_page(o).then(|| crate::cache::key::of_bytes(&o.bytes)))
        .collect();
    // Taken out of what was kept; a second page of the same bytes gets a copy.
    let mut first: HashMap<Key, usize> = HashMap::default();
    let mut used = Vec::new();
    let mut pages: Vec<Option<Page>> = Vec::with_capacity(outputs.len());
    for (i, key) in keys.iter().enumerate() {
        let page = key.and_then(|k| match first.get(&k) {
            Some(&j) => pages[j].clone(),
            None => {
                first.insert(k, i);
                let page = memo.take(k);
                if page.is_some() {
                    used.push(k);
                }
                page
            }
        });
        pages.push(page);
    }
    memo.used(used);
    pages
        .par_iter_mut()
        .zip(outputs)
        .zip(&keys)
        .filter(|((page, _), key)| page.is_none() && key.is_some())
        .for_each(|((page, output), _)| *page = Some(pages::read(&output.bytes)));
    let entries: Vec<(Key, &Page)> = first
        .iter()
        .filter_map(|(k, &i)| Some((*k, pages[i].as_ref()?)))
        .collect();
    keeping.memos.extend(memo.seal(entries));
    Read {
        reused: (memo.used_count(), first.len()),
        note: memo.note.clone(),
        pages,
    }
}
