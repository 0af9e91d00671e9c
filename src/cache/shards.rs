//! One kind of result kept in [`SHARDS`] memo files, each result in the file its key picks:
//! a build that changes a few results writes a few files again, not the whole memo.
//!
//! A build reads every file at the start ([`Shards::open`]), takes what it can use, and
//! hands back at the end everything it keeps ([`Shards::seal`]): only the files whose
//! content changed are made again.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Cache, Key, Memo};

/// How many files one kind of result is kept in.
pub const SHARDS: usize = 16;

fn shard(key: Key) -> usize {
    (key.0 % SHARDS as u128) as usize
}

/// The results of one kind an earlier build kept.
pub struct Shards<T> {
    memos: Vec<Memo>,
    /// What the files hold; results are taken out of it.
    pub known: HashMap<Key, T>,
    /// The keys the files held, taken or not.
    found: HashSet<Key>,
    /// Files to make again whatever this build keeps: damaged, or holding a result in
    /// the wrong file (not put there by atelier).
    stale: Vec<bool>,
    /// Why a file was not used, if one is damaged.
    pub note: Option<String>,
}

impl<T: DeserializeOwned + Send> Shards<T> {
    /// The files `<name>-NN.memo` of `cache`, read side by side; `None` when the cache is
    /// not written.
    pub fn open(cache: &Cache, name: &str) -> Option<Shards<T>> {
        let memos: Vec<Memo> = (0..SHARDS)
            .map(|i| cache.memo(&format!("{name}-{i:02}")))
            .collect::<Option<_>>()?;
        let read: Vec<(HashMap<Key, T>, Option<String>)> = memos.par_iter().map(Memo::read_noting).collect();
        let mut known = HashMap::new();
        let mut stale = vec![false; SHARDS];
        let mut note = None;
        for (i, (entries, damaged)) in read.into_iter().enumerate() {
            stale[i] = damaged.is_some();
            note = note.or(damaged);
            stale[i] |= entries.keys().any(|k| shard(*k) != i);
            known.extend(entries.into_iter().filter(|(k, _)| shard(*k) == i));
        }
        let found = known.keys().copied().collect();
        Some(Shards {
            memos,
            known,
            found,
            stale,
            note,
        })
    }
}

impl<T> Shards<T> {
    /// The new content of the files that change, given every result this build keeps:
    /// a file is made again when it is to hold a result it did not hold, or held one that
    /// is not kept any more. A file that cannot be made is made again by the next build.
    pub fn seal<V: Serialize>(&self, mut entries: Vec<(Key, V)>) -> Vec<(Memo, Vec<u8>)> {
        entries.sort_by_key(|(k, _)| *k);
        entries.dedup_by_key(|(k, _)| *k);
        let mut stale = self.stale.clone();
        let kept: HashSet<Key> = entries.iter().map(|(k, _)| *k).collect();
        for k in self.found.difference(&kept) {
            stale[shard(*k)] = true;
        }
        let mut by_shard: Vec<Vec<(Key, &V)>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for (k, v) in &entries {
            stale[shard(*k)] |= !self.found.contains(k);
            by_shard[shard(*k)].push((*k, v));
        }
        self.memos
            .iter()
            .zip(by_shard)
            .zip(stale)
            .filter(|(_, stale)| *stale)
            .filter_map(|((memo, entries), _)| Some((memo.clone(), memo.encode(&entries)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache(dir: &std::path::Path) -> Cache {
        Cache::open(dir, "test")
    }

    fn save(shards: &Shards<String>, entries: Vec<(Key, String)>) -> usize {
        let files = shards.seal(entries);
        for (memo, bytes) in &files {
            crate::cache::ensure(memo.path.parent().unwrap()).unwrap();
            memo.write(bytes).unwrap();
        }
        files.len()
    }

    #[test]
    fn only_the_files_whose_results_changed_are_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let entries: Vec<(Key, String)> = (0..100u128).map(|i| (Key(i), format!("r{i}"))).collect();
        let first: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        assert_eq!(
            save(&first, entries.clone()),
            SHARDS,
            "a first build writes every file"
        );

        let again: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        assert_eq!(again.known.len(), 100);
        assert_eq!(again.known[&Key(7)], "r7");
        assert_eq!(
            save(&again, entries.clone()),
            0,
            "nothing changed, nothing written"
        );

        let mut edited = entries.clone();
        edited[3] = (Key(1003), "new".into());
        let third: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        assert_eq!(
            save(&third, edited.clone()),
            2,
            "the file that lost a result and the one that gained one"
        );
        let fourth: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        assert!(
            !fourth.known.contains_key(&Key(3)),
            "a result no build keeps is let go of"
        );
        assert_eq!(fourth.known[&Key(1003)], "new");
    }

    #[test]
    fn a_damaged_file_is_noted_and_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let entries: Vec<(Key, String)> = (0..40u128).map(|i| (Key(i), format!("r{i}"))).collect();
        let first: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        save(&first, entries.clone());
        let file = dir.path().join(super::super::DIR).join("t-05.memo");
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&file, bytes).unwrap();
        let again: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        assert!(again.note.as_deref().is_some_and(|n| n.contains("t-05.memo")));
        assert!(!again.known.contains_key(&Key(5)), "nothing is taken from it");
        assert_eq!(again.known.len(), 40 - 3);
        assert_eq!(save(&again, entries), 1, "it alone is made again");
    }
}
