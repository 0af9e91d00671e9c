//! One kind of result kept in [`SHARDS`] memo files, each result in the file its key picks:
//! a build that changes a few results writes a few files again, not the whole memo.
//!
//! A build reads every file at the start ([`Shards::open`]), takes what it can use and
//! says what it used ([`Shards::used`]), and hands back at the end everything it keeps
//! ([`Shards::seal`]): only the files whose content changed are made again.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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
    known: HashMap<Key, T>,
    /// The keys the files held, taken or not.
    found: HashSet<Key>,
    /// The results this build used as they were kept.
    used: HashSet<Key>,
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
        let mut known = HashMap::default();
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
            used: HashSet::default(),
            stale,
            note,
        })
    }
}

impl<T> Shards<T> {
    /// The result kept under `key`.
    pub fn get(&self, key: &Key) -> Option<&T> {
        self.known.get(key)
    }

    /// Takes out the result kept under `key`.
    pub fn take(&mut self, key: Key) -> Option<T> {
        self.known.remove(&key)
    }

    /// Takes out every result kept, for a caller that picks among them later (and then
    /// says which it used as they were).
    pub fn take_all(&mut self) -> HashMap<Key, T> {
        std::mem::take(&mut self.known)
    }

    /// Says which results this build used as they were kept: any other it keeps is new,
    /// and its file is made again. Lets go of the results not taken.
    pub fn used(&mut self, keys: impl IntoIterator<Item = Key>) {
        self.used.extend(keys);
        self.known = HashMap::default();
    }

    /// How many results this build used as they were kept.
    pub fn used_count(&self) -> usize {
        self.used.len()
    }

    /// The new content of the files that change, given every result this build keeps:
    /// a file is made again when it is to hold a result it did not hold as it is now (not
    /// [`Shards::used`]), or held one that is not kept any more. A file that cannot be made
    /// is made again by the next build.
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
            stale[shard(*k)] |= !self.used.contains(k);
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

    /// Keeps `entries`, using those the memo holds as they are; returns how many files
    /// were written.
    fn save(shards: &mut Shards<String>, entries: Vec<(Key, String)>) -> usize {
        let used: Vec<Key> = entries
            .iter()
            .filter(|(k, v)| shards.get(k) == Some(v))
            .map(|(k, _)| *k)
            .collect();
        shards.used(used);
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
        let mut first: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        assert_eq!(
            save(&mut first, entries.clone()),
            SHARDS,
            "a first build writes every file"
        );

        let mut again: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        assert_eq!(again.known.len(), 100);
        assert_eq!(again.known[&Key(7)], "r7");
        assert_eq!(
            save(&mut again, entries.clone()),
            0,
            "nothing changed, nothing written"
        );

        let mut edited = entries.clone();
        edited[3] = (Key(1003), "new".into());
        let mut third: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        assert_eq!(
            save(&mut third, edited.clone()),
            2,
            "the file that lost a result and the one that gained one"
        );
        let mut fourth: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        assert!(
            !fourth.known.contains_key(&Key(3)),
            "a result no build keeps is let go of"
        );
        assert_eq!(fourth.known[&Key(1003)], "new");
        edited[4].1 = "same key, made again".into();
        assert_eq!(
            save(&mut fourth, edited),
            1,
            "a result made anew under a key the memo holds is written"
        );
    }

    #[test]
    fn a_damaged_file_is_noted_and_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let entries: Vec<(Key, String)> = (0..40u128).map(|i| (Key(i), format!("r{i}"))).collect();
        let mut first: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        save(&mut first, entries.clone());
        let file = dir.path().join(super::super::DIR).join("t-05.memo");
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&file, bytes).unwrap();
        let mut again: Shards<String> = Shards::open(&cache(dir.path()), "t").unwrap();
        assert!(again.note.as_deref().is_some_and(|n| n.contains("t-05.memo")));
        assert!(!again.known.contains_key(&Key(5)), "nothing is taken from it");
        assert_eq!(again.known.len(), 40 - 3);
        assert_eq!(save(&mut again, entries), 1, "it alone is made again");
    }
}
