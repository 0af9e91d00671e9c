//! YAML front matter: parsed with serde_yaml, deserialized into typed structs while
//! collecting every problem of the file (not only the first), each located on its file line.
//!
//! serde_yaml reads the YAML; [`locator`] finds where a key or a value is written, and
//! [`messages`] puts serde_yaml's errors in an editor's words.

mod locator;
mod messages;
#[cfg(test)]
mod tests;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::de::{self, DeserializeOwned, Deserializer, IntoDeserializer};
use serde_yaml::{Mapping, Value};

use self::locator::Locator;
use self::messages::describe;
pub use self::messages::humanize;
use crate::diagnostic::{Diagnostic, Lines, Location, did_you_mean};
use crate::{msg, tr};

/// The YAML text of one file and where it sits in that file. Keep one for all the
/// problems of a file: it indexes the text on the first problem located, so that each
/// next one costs a lookup, not a reading of the whole text (40,000 unknown keys took
/// 50 s when each was found from the top).
#[derive(Clone)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub yaml: &'a str,
    /// File line of the first YAML line.
    pub first_line: usize,
    index: Arc<OnceLock<(Locator<'a>, Lines<'a>)>>,
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// What to do with a key no struct field takes.
#[derive(Clone, Copy)]
pub enum Unknown<'a> {
    /// Report an error (settings files are strict).
    Error(&'a dyn Fn(&[Seg]) -> &'static [&'static str]),
    /// Report a warning (front matter is open: fiches from other tools may carry more keys).
    Warn(&'a dyn Fn(&[Seg]) -> &'static [&'static str]),
}

impl<'a> Source<'a> {
    pub fn new(path: &'a Path, yaml: &'a str, first_line: usize) -> Self {
        Source {
            path,
            yaml,
            first_line,
            index: Arc::default(),
        }
    }

    fn index(&self) -> &(Locator<'a>, Lines<'a>) {
        self.index.get_or_init(|| {
            (
                Locator::new(self.yaml),
                Lines::new(self.path, self.yaml, self.first_line),
            )
        })
    }

    fn loc(&self, offset: usize, len: usize) -> Location {
        self.index().1.locate(offset, len)
    }

    /// The opening `---` line of the front matter (for problems of the whole block).
    pub fn opening(&self) -> Location {
        let line = self.first_line.saturating_sub(1).max(1);
        Location {
            path: self.path.to_path_buf(),
            line,
            col: 1,
            len: 3,
            line_text: "---".into(),
            skipped: 0,
        }
    }

    /// The location of the value at `path` (or of its key when the value is a block),
    /// falling back to the closest ancestor that can be found.
    pub fn locate(&self, path: &[Seg]) -> Location {
        let (offset, len) = self.index().0.find(path);
        self.loc(offset, len)
    }

    /// The location of the key at the end of `path` (for unknown or duplicate keys).
    pub fn locate_key(&self, path: &[Seg]) -> Location {
        let (offset, len) = self.index().0.find_key(path);
        self.loc(offset, len)
    }

    /// Parses the text into a mapping; YAML syntax errors are located and explained.
    pub fn parse(&self) -> Result<Mapping, Diagnostic> {
        if self.yaml.trim().is_empty() {
            return Ok(Mapping::new());
        }
        match serde_yaml::from_str::<Value>(self.yaml) {
            Ok(Value::Mapping(m)) => Ok(m),
            Ok(Value::Null) => Ok(Mapping::new()),
            Ok(other) => Err(
                Diagnostic::error(msg!("yaml-not-a-mapping", found = describe(&other)))
                    .at(self.loc(0, self.yaml.find('\n').unwrap_or(self.yaml.len())))
                    .help(tr!("yaml-not-a-mapping-help")),
            ),
            Err(e) => Err(self.syntax_error(&e)),
        }
    }

    /// Deserializes `map` into `T`. Every field that fails is reported and left out, and the
    /// rest is tried again, so one run reports all the problems of the file. Returns `None`
    /// only when nothing can be built.
    pub fn deserialize<T: DeserializeOwned>(
        &self,
        mut map: Mapping,
        unknown: Unknown<'_>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let mut failed = 0;
        loop {
            let mut ignored = Vec::new();
            let value = Value::Mapping(map);
            let result = {
                let mut record = |p: serde_ignored::Path<'_>| ignored.push(ignored_path(&p));
                let de = serde_ignored::Deserializer::new(&value, &mut record);
                serde_path_to_error::deserialize::<_, T>(de)
            };
            let Value::Mapping(m) = value else { unreachable!() };
            map = m;
            match result {
                Ok(v) => {
                    self.report_unknown(&ignored, unknown, out);
                    return Some(v);
                }
                Err(e) => {
                    let path = error_path(e.path());
                    let raw = e.inner().to_string();
                    let message = humanize(&raw);
                    let (loc, msg) = match raw.starts_with("missing field ") {
                        // Missing keys belong to the block that lacks them.
                        true if !path.is_empty() => (self.locate(&path), message.clone()),
                        true => (self.loc(0, 0), message.clone()),
                        false => (self.locate(&path), field_message(&path, &message)),
                    };
                    out.push(Diagnostic::error(msg).at(loc));
                    failed += 1;
                    let removed = match path.first() {
                        Some(Seg::Key(k)) => map.remove(k.as_str()).is_some(),
                        _ => false,
                    };
                    if !removed || failed > 64 {
                        return None;
                    }
                }
            }
        }
    }

    fn report_unknown(&self, ignored: &[Vec<Seg>], unknown: Unknown<'_>, out: &mut Vec<Diagnostic>) {
        for path in ignored {
            let Some(Seg::Key(key)) = path.last() else {
                continue;
            };
            let (known, warn) = match unknown {
                Unknown::Error(f) => (f(&path[..path.len() - 1]), false),
                Unknown::Warn(f) => (f(&path[..path.len() - 1]), true),
            };
            let message = msg!("yaml-unknown-key", key = dotted(path));
            let d = if warn {
                Diagnostic::warning(message)
            } else {
                Diagnostic::error(message)
            };
            let help = match did_you_mean(key, known.iter().copied()) {
                Some(k) => tr!("did-you-mean", suggestion = k),
                None if warn => tr!("yaml-unknown-key-kept"),
                None => tr!("yaml-known-keys", keys = known.join(", ")),
            };
            out.push(d.at(self.locate_key(path)).help(help));
        }
    }
}

/// The field names of a struct, as serde sees them (for "did you mean" hints).
pub fn fields<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("probe"))
        }
        fn deserialize_struct<V: de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut out: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut out));
    out
}

/// Deserializes one value already parsed (used for nested free-form values).
pub fn from_value<T: DeserializeOwned>(v: Value) -> Result<T, String> {
    T::deserialize(v.into_deserializer()).map_err(|e: serde_yaml::Error| humanize(&e.to_string()))
}

fn ignored_path(p: &serde_ignored::Path<'_>) -> Vec<Seg> {
    use serde_ignored::Path as P;
    match p {
        P::Root => Vec::new(),
        P::Seq { parent, index } => {
            let mut v = ignored_path(parent);
            v.push(Seg::Index(*index));
            v
        }
        P::Map { parent, key } => {
            let mut v = ignored_path(parent);
            v.push(Seg::Key(key.clone()));
            v
        }
        P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
            ignored_path(parent)
        }
    }
}

fn error_path(p: &serde_path_to_error::Path) -> Vec<Seg> {
    use serde_path_to_error::Segment;
    p.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(Seg::Index(*index)),
            Segment::Map { key } => Some(Seg::Key(key.clone())),
            _ => None,
        })
        .collect()
}

/// `phases[1].start`
pub fn dotted(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if s.is_empty() => s.push_str(k),
            Seg::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

fn field_message(path: &[Seg], message: &str) -> String {
    if path.is_empty() {
        message.to_string()
    } else {
        tr!("yaml-field-problem", key = dotted(path), problem = message)
    }
}
