//! Where a key or a value is in the YAML text, found by indentation (serde_yaml's values
//! carry no positions).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::Seg;

/// Finds keys and list items in block-style YAML text by indentation. Good enough for
/// pointing at problems; the real parsing is serde_yaml's. The keys and the items of a
/// block are listed the first time one of them is looked for, then found by lookup.
pub(super) struct Locator<'a> {
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
    pub(super) fn new(src: &'a str) -> Self {
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
    pub(super) fn find(&self, path: &[Seg]) -> (usize, usize) {
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

    pub(super) fn find_key(&self, path: &[Seg]) -> (usize, usize) {
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
    pub(super) fn duplicate(&self, key: &str) -> (usize, usize) {
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
pub(super) fn key_of(text: &str) -> Option<&str> {
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
