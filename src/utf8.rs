//! UTF-8 checks where megabytes go through them: the sources, the kept bodies' HTML, every
//! page. French text puts an accent every few words, which takes the standard library's
//! check off its fast path (1.6 GB/s on the 10,000 fiches of the bench, 44 MB); `simdutf8`
//! checks the same bytes six times as fast. Errors are told by the standard library, which
//! says where the first bad byte is.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// `bytes` as text, when they are UTF-8.
pub fn str(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// `bytes` as a `String`, or the standard library's error saying where they are not UTF-8.
/// The text is copied once checked (a copy costs less than the standard library's check).
pub fn string(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    match str(&bytes) {
        Some(text) => Ok(text.to_owned()),
        None => String::from_utf8(bytes),
    }
}

/// Deserializes a string through the fast check (`#[serde(deserialize_with = ...)]`): for
/// the long texts of the build cache, which `postcard` writes as it writes bytes.
pub fn deserialize_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;
    impl<'de> Visitor<'de> for Text {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("UTF-8 text")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<String, E> {
            str(v)
                .map(str::to_owned)
                .ok_or_else(|| E::invalid_value(de::Unexpected::Bytes(v), &self))
        }
        fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<String, E> {
            string(v).map_err(|e| E::invalid_value(de::Unexpected::Bytes(e.as_bytes()), &self))
        }
    }
    d.deserialize_bytes(Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_with_accents_is_text_and_a_bad_byte_is_placed() {
        let text = "Écrire à l'Atelier, déjà ouvert — ça marche".repeat(100);
        assert_eq!(str(text.as_bytes()), Some(text.as_str()));
        assert_eq!(string(text.clone().into_bytes()).unwrap(), text);
        let mut bad = text.clone().into_bytes();
        bad[70] = 0xff;
        assert_eq!(str(&bad), None);
        assert_eq!(string(bad).unwrap_err().utf8_error().valid_up_to(), 70);
    }

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Kept {
        #[serde(deserialize_with = "deserialize_string")]
        html: String,
        n: u32,
    }

    #[test]
    fn a_kept_text_comes_back_and_bad_bytes_are_refused() {
        let kept = Kept {
            html: "<p>Déjà là</p>".into(),
            n: 7,
        };
        let bytes = postcard::to_allocvec(&kept).unwrap();
        assert_eq!(postcard::from_bytes::<Kept>(&bytes).unwrap(), kept);
        // The same text written as bytes, one of them not UTF-8.
        let mut bad = bytes.clone();
        bad[3] = 0xff;
        assert!(postcard::from_bytes::<Kept>(&bad).is_err());
        // JSON hands the text over as a string.
        let json = serde_json::to_string(&kept).unwrap();
        assert_eq!(serde_json::from_str::<Kept>(&json).unwrap(), kept);
    }
}
