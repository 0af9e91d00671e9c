//! YAML front matter: parsed with serde_yaml, deserialized into typed structs while
//! collecting every problem of the file (not only the first), each located on its file line.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde::de::{self, DeserializeOwned, Deserializer, IntoDeserializer};
use serde_yaml::{Mapping, Value};

use crate::diagnostic::{Diagnostic, Lines, Location, did_you_mean};

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
            Ok(other) => Err(Diagnostic::error(format!(
                "the front matter must be `key: value` lines, found {}",
                describe(&other)
            ))
            .at(self.loc(0, self.yaml.find('\n').unwrap_or(self.yaml.len())))
            .help("write one `key: value` per line, for example `title: Mon titre`")),
            Err(e) => Err(self.syntax_error(&e)),
        }
    }

    fn syntax_error(&self, e: &serde_yaml::Error) -> Diagnostic {
        let raw = e.to_string();
        let (message, marks) = strip_marks(&raw);
        if let Some(key) = raw
            .strip_prefix("duplicate entry with key \"")
            .and_then(|r| r.split('"').next())
        {
            let (offset, len) = self.index().0.duplicate(key);
            return Diagnostic::error(format!("the key `{key}` appears twice"))
                .at(self.loc(offset, len))
                .help("each key may appear only once: keep one of the two lines");
        }
        // For an unclosed quote, point where it opened, not at the end of the text.
        let (line, col) = if message.contains("quoted scalar") {
            marks.last().copied()
        } else {
            marks.first().copied()
        }
        .or_else(|| e.location().map(|l| (l.line(), l.column())))
        .unwrap_or((1, 1));
        let help = syntax_help(&message);
        let mut loc = Location::at_line(self.path, self.yaml, line, col, 1);
        loc.line += self.first_line - 1;
        let d = Diagnostic::error(format!("invalid YAML: {message}")).at(loc);
        match help {
            Some(h) => d.help(h),
            None => d,
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
                    let message = humanize(&e.inner().to_string());
                    let (loc, msg) = match message.strip_prefix("missing key ") {
                        // Missing keys belong to the block that lacks them.
                        Some(_) if !path.is_empty() => (self.locate(&path), message.clone()),
                        Some(_) => (self.loc(0, 0), message.clone()),
                        None => (self.locate(&path), field_message(&path, &message)),
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
            let message = format!("unknown key `{}`", dotted(path));
            let d = if warn {
                Diagnostic::warning(message)
            } else {
                Diagnostic::error(message)
            };
            let help = match did_you_mean(key, known.iter().copied()) {
                Some(k) => format!("did you mean `{k}`?"),
                None if warn => "it is kept in the file but not used by the site".to_string(),
                None => format!("known keys here: {}", known.join(", ")),
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
        format!("`{}`: {message}", dotted(path))
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "an empty value".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text `{s}`"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a block of `key: value` lines".into(),
        Value::Tagged(t) => format!("a value tagged `{}`", t.tag),
    }
}

/// Rewrites serde's messages for editors: "invalid type: string \"x\", expected a
/// sequence" becomes "expected a list, found the text `x`".
pub fn humanize(msg: &str) -> String {
    let expected = |e: &str| -> String {
        let e = e.trim();
        if e.starts_with("a sequence") {
            "a list".into()
        } else if e.starts_with("struct ") || e.starts_with("a map") {
            "a block of `key: value` lines".into()
        } else if e == "a string" || e == "text" {
            "text".into()
        } else if e == "a boolean" {
            "`true` or `false`".into()
        } else if e.starts_with("u") || e.starts_with("i") {
            "a whole number".into()
        } else {
            e.to_string()
        }
    };
    if let Some(rest) = msg.strip_prefix("invalid type: ")
        && let Some((found, exp)) = rest.split_once(", expected ")
    {
        let found = if let Some(s) = found.strip_prefix("string ") {
            format!("the text `{}`", s.trim_matches('"'))
        } else if found == "map" {
            "a block of `key: value` lines".into()
        } else if found == "sequence" {
            "a list".into()
        } else if found == "unit value" {
            "an empty value".into()
        } else if let Some(n) = found
            .strip_prefix("integer ")
            .or(found.strip_prefix("floating point "))
        {
            format!("the number {}", n.trim_matches('`'))
        } else if let Some(b) = found.strip_prefix("boolean ") {
            b.to_string()
        } else {
            found.to_string()
        };
        return format!("expected {}, found {found}", expected(exp));
    }
    if let Some(field) = msg.strip_prefix("missing field ") {
        return format!("missing key {field}");
    }
    msg.to_string()
}

/// Splits "... at line 3 column 5, while ... at line 1 column 8" into the message without
/// positions and the positions.
fn strip_marks(raw: &str) -> (String, Vec<(usize, usize)>) {
    let mut message = String::new();
    let mut marks = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.find(" at line ") {
        message.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
        let n = digits(after);
        let line: usize = after[..n].parse().unwrap_or(1);
        let after = &after[n..];
        match after.strip_prefix(" column ") {
            Some(c) => {
                let m = digits(c);
                marks.push((line, c[..m].parse().unwrap_or(1)));
                rest = &c[m..];
            }
            None => {
                marks.push((line, 1));
                rest = after;
            }
        }
    }
    message.push_str(rest);
    (message, marks)
}

fn syntax_help(message: &str) -> Option<&'static str> {
    let pairs = [
        (
            "mapping values are not allowed",
            "a value contains `: `; put the whole value in quotes, e.g. title: \"Compar:IA : le comparateur\"",
        ),
        (
            "did not find expected key",
            "check the indentation: the keys of one block must start at the same column",
        ),
        (
            "cannot start any token",
            "YAML does not allow tabs for indentation, and values starting with `@` or a backtick must be quoted",
        ),
        (
            "quoted scalar",
            "a quote opened here is never closed; close it on the same line, and double a single quote inside single quotes ('l''atelier')",
        ),
        (
            "did not find expected '-'",
            "each list item starts with `- ` at the same indentation",
        ),
        (
            "unknown anchor",
            "`*` starts a YAML alias; put the value in quotes",
        ),
        (
            "did not find expected node content",
            "a list in brackets `[a, b]` or a value is not finished",
        ),
        (
            "recursion limit exceeded",
            "lists and blocks nest more than 128 levels deep here: no front matter needs that many; close the brackets `[` `{` sooner",
        ),
        (
            "repetition limit exceeded",
            "aliases `*name` repeat the values marked `&name` into a value too large to read: write the values out instead",
        ),
        (
            "block sequence entries are not allowed",
            "a list item `- ` cannot follow a value on the same key; start the list on the next line",
        ),
    ];
    pairs.iter().find(|(k, _)| message.contains(k)).map(|(_, h)| *h)
}

/// Finds keys and list items in block-style YAML text by indentation. Good enough for
/// pointing at problems; the real parsing is serde_yaml's. The keys and the items of a
/// block are listed the first time one of them is looked for, then found by lookup.
struct Locator<'a> {
    src: &'a str,
    lines: Vec<(usize, &'a str)>,
    /// The entries of each block looked into: its keys (the first line of each) and the
    /// starts of its list items.
    blocks: Mutex<HashMap<Node, Arc<Entries<'a>>>>,
    /// The block after each line looked at (see [`Locator::block_after`]).
    after: Mutex<HashMap<(usize, usize, usize), Option<Node>>>,
    root: Node,
}

#[derive(Default)]
struct Entries<'a> {
    keys: HashMap<&'a str, (usize, usize)>,
    dashes: Vec<(usize, usize)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Node {
    /// Byte offset of the node's text.
    offset: usize,
    /// Line index where it starts, and the first line index after it.
    first: usize,
    end: usize,
    /// Column of its keys or dashes.
    col: usize,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty() && !t.starts_with('#')
}

/// The length of a scalar on one line, without a trailing comment. Read up to
/// [`VALUE_LEN`] bytes only: a location underlines less than that, and a value on a line
/// of megabytes may be located for each of its items.
fn value_len(text: &str) -> usize {
    let mut cut = text.len().min(VALUE_LEN);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    let end = text.find(" #").unwrap_or(text.len());
    text[..end].trim_end().len()
}

const VALUE_LEN: usize = 1024;

impl<'a> Locator<'a> {
    fn new(src: &'a str) -> Self {
        let mut lines = Vec::new();
        let mut offset = 0;
        for line in src.split('\n') {
            lines.push((offset, line));
            offset += line.len() + 1;
        }
        let first = lines.iter().position(|(_, l)| is_content(l)).unwrap_or(0);
        let col = indent(lines[first].1);
        let root = Node {
            offset: lines[first].0 + col,
            first,
            end: lines.len(),
            col,
        };
        Locator {
            src,
            lines,
            blocks: Mutex::default(),
            after: Mutex::default(),
            root,
        }
    }

    /// The keys and list items of `node`, listed once.
    fn block(&self, node: Node) -> Arc<Entries<'a>> {
        let lock = || self.blocks.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = lock().get(&node) {
            return Arc::clone(found);
        }
        let mut entries = Entries::default();
        for (line_idx, off) in self.entries(node) {
            let text = &self.src[off..self.lines[line_idx].0 + self.lines[line_idx].1.len()];
            if let Some(key) = key_of(text) {
                entries.keys.entry(key).or_insert((line_idx, off));
            }
            let t = &self.src[off..];
            if t.starts_with("- ") || t.starts_with("-\n") || t == "-" {
                entries.dashes.push((line_idx, off));
            }
        }
        let entries = Arc::new(entries);
        lock().insert(node, Arc::clone(&entries));
        entries
    }

    fn root(&self) -> Node {
        self.root
    }

    /// Offset and length of the value at `path`, or of the deepest part found.
    fn find(&self, path: &[Seg]) -> (usize, usize) {
        let mut node = self.root();
        let mut found = (node.offset, 0);
        for seg in path {
            let next = match seg {
                Seg::Key(k) => self.key(node, k).map(|(key_off, key_len, value)| {
                    found = (key_off, key_len);
                    value
                }),
                Seg::Index(i) => self.item(node, *i),
            };
            match next {
                Some(n) => node = n,
                None => return found,
            }
            let line = self.lines[node.first].1;
            let start = node.offset - self.lines[node.first].0;
            let len = value_len(&line[start.min(line.len())..]);
            found = if len > 0 { (node.offset, len) } else { found };
        }
        found
    }

    fn find_key(&self, path: &[Seg]) -> (usize, usize) {
        let Some((Seg::Key(k), parent)) = path.split_last() else {
            return self.find(path);
        };
        let mut node = self.root();
        for seg in parent {
            let next = match seg {
                Seg::Key(k) => self.key(node, k).map(|(_, _, v)| v),
                Seg::Index(i) => self.item(node, *i),
            };
            match next {
                Some(n) => node = n,
                None => return self.find(parent),
            }
        }
        match self.key(node, k) {
            Some((off, len, _)) => (off, len),
            None => self.find(parent),
        }
    }

    /// The second top-level occurrence of `key`.
    fn duplicate(&self, key: &str) -> (usize, usize) {
        let root = self.root();
        let mut seen = 0;
        for (off, line) in &self.lines[root.first..] {
            if indent(line) == root.col && key_at(&line[root.col..], key).is_some() {
                seen += 1;
                if seen == 2 {
                    return (off + root.col, key.len());
                }
            }
        }
        (root.offset, 1)
    }

    /// Candidate starts of entries of `node`: its own first position, then every line of
    /// its range at its column.
    fn entries(&self, node: Node) -> impl Iterator<Item = (usize, usize)> + '_ {
        let first = std::iter::once((node.first, node.offset));
        let rest = (node.first + 1..node.end).filter_map(move |i| {
            let (off, line) = self.lines[i];
            (is_content(line) && indent(line) == node.col).then_some((i, off + node.col))
        });
        first.chain(rest)
    }

    fn key(&self, node: Node, key: &str) -> Option<(usize, usize, Node)> {
        let &(line_idx, off) = self.block(node).keys.get(key)?;
        let text = &self.src[off..self.lines[line_idx].0 + self.lines[line_idx].1.len()];
        let value_off = off + key_at(text, key)?;
        let rest = &self.src[value_off..off + text.len()];
        let skipped = rest.len() - rest.trim_start().len();
        let value = if is_content(rest) {
            Node {
                offset: value_off + skipped,
                first: line_idx,
                end: line_idx + 1,
                col: node.col,
            }
        } else {
            self.block_after(line_idx, node.col, node.end).unwrap_or(Node {
                offset: off,
                first: line_idx,
                end: line_idx + 1,
                col: node.col,
            })
        };
        Some((off, key.len(), value))
    }

    /// The block that holds the value of a key on `line_idx` at column `col`, found once.
    fn block_after(&self, line_idx: usize, col: usize, end: usize) -> Option<Node> {
        let lock = || self.after.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&found) = lock().get(&(line_idx, col, end)) {
            return found;
        }
        let found = self.find_block_after(line_idx, col, end);
        lock().insert((line_idx, col, end), found);
        found
    }

    fn find_block_after(&self, line_idx: usize, col: usize, end: usize) -> Option<Node> {
        let first = (line_idx + 1..end).find(|&i| is_content(self.lines[i].1))?;
        let line = self.lines[first].1;
        let ind = indent(line);
        let dash = line[ind..].starts_with('-');
        if ind < col || (ind == col && !dash) {
            return None;
        }
        let stop = (first + 1..end)
            .find(|&i| {
                let l = self.lines[i].1;
                is_content(l) && (indent(l) < ind || (indent(l) == ind && dash && !l[ind..].starts_with('-')))
            })
            .unwrap_or(end);
        Some(Node {
            offset: self.lines[first].0 + ind,
            first,
            end: stop,
            col: ind,
        })
    }

    fn item(&self, node: Node, index: usize) -> Option<Node> {
        let block = self.block(node);
        let dashes = &block.dashes;
        let &(line_idx, off) = dashes.get(index)?;
        let end = dashes.get(index + 1).map_or(node.end, |&(l, _)| l);
        let line_end = self.lines[line_idx].0 + self.lines[line_idx].1.len();
        let content = self.src[off + 1..line_end].trim_start();
        if content.is_empty() || content.starts_with('#') {
            return self.block_after(line_idx, node.col, end).or(Some(Node {
                offset: off,
                first: line_idx,
                end,
                col: node.col,
            }));
        }
        let content_off = line_end - self.src[off + 1..line_end].trim_start().len();
        let col = content_off - self.lines[line_idx].0;
        Some(Node {
            offset: content_off,
            first: line_idx,
            end,
            col,
        })
    }
}

/// The key `text` starts with, plain or quoted, as [`key_at`] finds it: a plain key ends
/// at the first colon followed by a space, a tab or the end of the line.
fn key_of(text: &str) -> Option<&str> {
    let colon_after = |rest: &str| {
        let rest = rest.trim_start_matches(' ');
        rest.strip_prefix(':')
            .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t']))
    };
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote) {
            let end = inner.find(quote)?;
            return colon_after(&inner[end + 1..]).then_some(&inner[..end]);
        }
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(':') {
        let at = from + i;
        let after = &text[at + 1..];
        if after.is_empty() || after.starts_with([' ', '\t']) {
            return Some(text[..at].trim_end_matches(' '));
        }
        from = at + 1;
    }
    None
}

/// If `text` starts with `key:` (plain or quoted), the byte length up to after the colon.
fn key_at(text: &str, key: &str) -> Option<usize> {
    for (open, close) in [("", ""), ("\"", "\""), ("'", "'")] {
        let Some(rest) = text.strip_prefix(open).and_then(|t| t.strip_prefix(key)) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix(close) else {
            continue;
        };
        let trimmed = rest.trim_start_matches(' ');
        if let Some(after) = trimmed.strip_prefix(':')
            && (after.is_empty() || after.starts_with([' ', '\t']))
        {
            return Some(text.len() - after.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    const DOC: &str = "title: Ada\nphases:\n  - name: investigation\n    start: 2022-04-08\n  - name: construction\n    start: 2023-13-11\nthematiques: [a, b]\nsponsors:\n- /organisations/mc\n";

    fn src(yaml: &str) -> Source<'_> {
        Source::new(Path::new("f.md"), yaml, 2)
    }

    fn at(s: &Source<'_>, path: &[Seg]) -> (usize, usize, usize) {
        let l = s.locate(path);
        (l.line, l.col, l.len)
    }

    fn k(s: &str) -> Seg {
        Seg::Key(s.into())
    }

    #[test]
    fn locates_values_in_block_yaml() {
        let s = src(DOC);
        assert_eq!(at(&s, &[k("title")]), (2, 8, 3));
        assert_eq!(at(&s, &[k("phases"), Seg::Index(1), k("start")]), (7, 12, 10));
        assert_eq!(at(&s, &[k("phases"), Seg::Index(0), k("name")]), (4, 11, 13));
        assert_eq!(at(&s, &[k("thematiques"), Seg::Index(1)]), (8, 14, 6));
        assert_eq!(at(&s, &[k("sponsors"), Seg::Index(0)]), (10, 3, 17));
        // Unknown paths fall back to the deepest part found (here the list).
        assert_eq!(at(&s, &[k("phases"), Seg::Index(5)]), (4, 3, 21));
    }

    #[test]
    fn locates_keys() {
        let s = src(DOC);
        let l = s.locate_key(&[k("phases"), Seg::Index(1), k("start")]);
        assert_eq!((l.line, l.col, l.len), (7, 5, 5));
    }

    #[derive(Deserialize, Debug)]
    struct Ph {
        #[allow(dead_code)]
        name: String,
        #[allow(dead_code)]
        start: crate::date::Date,
    }
    #[derive(Deserialize, Debug)]
    struct Doc {
        #[allow(dead_code)]
        title: Option<String>,
        phases: Option<Vec<Ph>>,
        #[allow(dead_code)]
        thematiques: Option<Vec<String>>,
        #[allow(dead_code)]
        sponsors: Option<Vec<String>>,
    }

    fn known(p: &[Seg]) -> &'static [&'static str] {
        if p.is_empty() {
            fields::<Doc>()
        } else {
            fields::<Ph>()
        }
    }

    #[test]
    fn reports_every_problem_and_keeps_the_rest() {
        let yaml = "title: [x]\nphases: construction\nthematiques: [a]\ntitel: x\n";
        let s = src(yaml);
        let mut out = Vec::new();
        let doc: Doc = s
            .deserialize(s.parse().unwrap(), Unknown::Warn(&known), &mut out)
            .unwrap();
        assert!(doc.phases.is_none());
        let msgs: Vec<String> = out
            .iter()
            .map(|d| format!("{} {}", d.location.as_ref().unwrap(), d.message))
            .collect();
        assert_eq!(
            msgs,
            [
                "f.md:2:8 `title`: expected text, found a list",
                "f.md:3:9 `phases`: expected a list, found the text `construction`",
                "f.md:5:1 unknown key `titel`",
            ]
        );
        assert_eq!(out[2].help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn nested_errors_point_at_the_nested_value() {
        let s = src(DOC);
        let mut out = Vec::new();
        let _: Option<Doc> = s.deserialize(s.parse().unwrap(), Unknown::Warn(&known), &mut out);
        assert_eq!(out.len(), 1);
        let d = &out[0];
        assert_eq!(d.location.as_ref().unwrap().to_string(), "f.md:7:12");
        assert_eq!(
            d.message,
            "`phases[1].start`: expected a date written YYYY-MM-DD (like 2024-01-15), found `2023-13-11`"
        );
    }

    #[test]
    fn missing_nested_key_points_at_the_item() {
        let s = src("phases:\n  - start: 2024-01-01\n");
        let mut out = Vec::new();
        let _: Option<Doc> = s.deserialize(s.parse().unwrap(), Unknown::Warn(&known), &mut out);
        assert_eq!(out[0].message, "missing key `name`");
        assert_eq!(out[0].location.as_ref().unwrap().to_string(), "f.md:3:5");
    }

    #[test]
    fn syntax_errors_are_located_and_explained() {
        let s = src("title: Ada\nmission: Compar:IA: x\n");
        let d = s.parse().unwrap_err();
        assert_eq!(d.location.as_ref().unwrap().to_string(), "f.md:3:19");
        assert_eq!(
            d.message,
            "invalid YAML: mapping values are not allowed in this context"
        );
        assert!(d.help.unwrap().contains("quotes"));

        let d = src("title: 'Ada\nmission: x\n").parse().unwrap_err();
        assert_eq!(d.location.as_ref().unwrap().to_string(), "f.md:2:8");

        let d = src("title: a\nmission: b\ntitle: c\n").parse().unwrap_err();
        assert_eq!(d.message, "the key `title` appears twice");
        assert_eq!(d.location.as_ref().unwrap().to_string(), "f.md:4:1");
    }

    #[test]
    fn non_mapping_front_matter() {
        let d = src("- a\n- b\n").parse().unwrap_err();
        assert!(d.message.contains("found a list"), "{}", d.message);
    }

    #[test]
    fn humanizes_serde_messages() {
        assert_eq!(
            humanize("invalid type: string \"x\", expected a sequence"),
            "expected a list, found the text `x`"
        );
        assert_eq!(
            humanize("invalid type: map, expected a string"),
            "expected text, found a block of `key: value` lines"
        );
        assert_eq!(humanize("missing field `name`"), "missing key `name`");
    }

    #[test]
    fn keys_are_read_as_yaml_reads_them() {
        assert_eq!(key_of("title: Ada"), Some("title"));
        assert_eq!(key_of("title   :"), Some("title"));
        assert_eq!(key_of("url: https://a.fr: b"), Some("url"));
        assert_eq!(key_of("http://a.fr: x"), Some("http://a.fr"));
        assert_eq!(key_of("\"a: b\": x"), Some("a: b"));
        assert_eq!(key_of("'l''x': y"), None);
        assert_eq!(key_of("- item"), None);
        assert_eq!(key_of("texte sans clé"), None);
    }

    #[test]
    fn every_unknown_key_of_many_is_found_on_its_line() {
        let mut yaml = String::from("title: Ada\nphases:\n");
        for i in 0..2_000 {
            yaml.push_str(&format!(
                "  - name: investigation\n    start: 2024-01-01\n    note{i}: x\n"
            ));
        }
        for i in 0..2_000 {
            let key = match i % 3 {
                0 => format!("k{i}"),
                1 => format!("\"k {i}\""),
                _ => format!("k{i}  "),
            };
            yaml.push_str(&format!("{key}: v\n"));
        }
        let s = src(&yaml);
        let mut out = Vec::new();
        let _: Option<Doc> = s.deserialize(s.parse().unwrap(), Unknown::Warn(&known), &mut out);
        assert_eq!(out.len(), 4_000);
        for d in &out {
            let loc = d.location.as_ref().unwrap();
            let key = d
                .message
                .trim_start_matches("unknown key `")
                .trim_end_matches('`');
            let key = key.rsplit('.').next().unwrap();
            assert!(loc.line_text.contains(key), "{}: {}", d.message, loc.line_text);
            assert_eq!(
                loc.line_text[loc.col - 1..]
                    .trim_start_matches('"')
                    .split([':', '"'])
                    .next()
                    .unwrap()
                    .trim_end(),
                key
            );
        }
    }

    #[test]
    fn field_names_by_probe() {
        assert_eq!(fields::<Ph>(), ["name", "start"]);
    }
}
