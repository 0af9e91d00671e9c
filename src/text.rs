//! Text values of front matter: trimmed, with empty meaning absent, and tolerant of
//! scalars YAML reads as numbers or booleans (`title: 1000`).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A trimmed string. Use `Option<Text>` in front matter structs and [`opt`] to turn an
/// empty value (`link: ''`) into `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.trim().to_string()))
            }
            fn visit_string<E: de::Error>(self, mut v: String) -> Result<Text, E> {
                if v.trim().len() == v.len() {
                    return Ok(Text(v));
                }
                v = v.trim().to_string();
                Ok(Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `Some(text)` unless absent or empty after trimming.
pub fn opt(t: Option<Text>) -> Option<String> {
    t.map(|t| t.0).filter(|s| !s.is_empty())
}

/// A list of texts without its empty items.
pub fn list(items: Option<Vec<Text>>) -> Vec<String> {
    items
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.0)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_drops_empty() {
        let t: Vec<Text> = serde_yaml::from_str("['a ', '', ' b', 12, true]").unwrap();
        assert_eq!(list(Some(t)), ["a", "b", "12", "true"]);
        assert_eq!(opt(Some(Text(String::new()))), None);
    }
}
