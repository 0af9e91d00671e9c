//! Fingerprints: 128-bit digests of what a cached result was made from (XXH3). Pure.
//!
//! Every part is written with its length in front, so that `("ab", "c")` and `("a", "bc")`
//! never give the same fingerprint.

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

/// The fingerprint of some inputs: equal fingerprints, same inputs (up to a collision of
/// XXH3-128, which the cache accepts as it accepts a file system's word).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Key(pub u128);

/// Builds a [`Key`] from parts, in order.
#[derive(Default, Clone)]
pub struct Hasher(Xxh3);

impl Hasher {
    pub fn new() -> Hasher {
        Hasher::default()
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Hasher {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Hasher {
        self.bytes(s.as_bytes())
    }

    pub fn u64(&mut self, n: u64) -> &mut Hasher {
        self.0.update(&n.to_le_bytes());
        self
    }

    pub fn key(&mut self, k: Key) -> &mut Hasher {
        self.0.update(&k.0.to_le_bytes());
        self
    }

    /// An optional part: `None` and `Some("")` differ.
    pub fn opt_str(&mut self, s: Option<&str>) -> &mut Hasher {
        match s {
            Some(s) => self.u64(1).str(s),
            None => self.u64(0),
        }
    }

    /// A value as its JSON text, streamed into the hash (maps keep their order).
    pub fn json(&mut self, value: &impl Serialize) -> &mut Hasher {
        let mut counted = Counted {
            hasher: &mut self.0,
            len: 0,
        };
        // Writing into a hash cannot fail; a value that cannot be serialized is told apart
        // by the marker.
        if serde_json::to_writer(&mut counted, value).is_err() {
            counted.hasher.update(b"\0unserializable");
        }
        let len = counted.len;
        self.u64(len)
    }

    /// Debug text: for settings whose type has no other stable form.
    pub fn debug(&mut self, value: &impl std::fmt::Debug) -> &mut Hasher {
        self.str(&format!("{value:?}"))
    }

    /// A value as the standard `Hash` gives it (lengths and variants included, so parts
    /// stay delimited): for the model's values that each page's key reads, where writing
    /// their `Debug` text took a tenth of a rebuild.
    pub fn hashed<T: std::hash::Hash + ?Sized>(&mut self, value: &T) -> &mut Hasher {
        value.hash(&mut Feed(&mut self.0));
        self
    }

    pub fn finish(&self) -> Key {
        Key(self.0.digest128())
    }
}

/// The fingerprint of one byte string.
pub fn of_bytes(b: &[u8]) -> Key {
    Hasher::new().bytes(b).finish()
}

/// Feeds what `Hash` writes into the hash.
struct Feed<'a>(&'a mut Xxh3);

impl std::hash::Hasher for Feed<'_> {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// Writes into the hash and counts the bytes, so a streamed part ends with its length.
struct Counted<'a> {
    hasher: &'a mut Xxh3,
    len: u64,
}

impl std::io::Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.hasher.update(buf);
        self.len += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_delimited() {
        let a = Hasher::new().str("ab").str("c").finish();
        let b = Hasher::new().str("a").str("bc").finish();
        assert_ne!(a, b);
        assert_ne!(
            Hasher::new().opt_str(None).finish(),
            Hasher::new().opt_str(Some("")).finish()
        );
    }

    #[test]
    fn same_parts_same_key() {
        let v = serde_json::json!({"b": 1, "a": [1, 2]});
        assert_eq!(Hasher::new().json(&v).finish(), Hasher::new().json(&v).finish());
        assert_ne!(
            Hasher::new().json(&v).finish(),
            Hasher::new().json(&serde_json::json!({"b": 2})).finish()
        );
        assert_eq!(of_bytes(b"x"), Hasher::new().bytes(b"x").finish());
    }

    #[test]
    fn hashed_values_stay_delimited() {
        let key = |parts: &[&str]| Hasher::new().hashed(parts).finish();
        assert_ne!(key(&["ab", "c"]), key(&["a", "bc"]));
        assert_ne!(key(&["a"]), key(&["a", ""]));
        assert_eq!(key(&["a", "b"]), key(&["a", "b"]));
        assert_ne!(
            Hasher::new().hashed(&Some(0u8)).finish(),
            Hasher::new().hashed(&None::<u8>).finish()
        );
    }
}
