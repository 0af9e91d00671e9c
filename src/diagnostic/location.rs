//! Where a problem is: a place in a file with the text of its line, and the lines of a
//! source counted in bounded time.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::printable;

/// A place in a file: 1-based line and column (in characters), the width to underline,
/// and the text of that line, captured when the location is made so printing needs no IO.
/// A long line is kept only around the problem: `line_text` then starts `skipped`
/// characters into the line, so a problem on a 50 MB line holds a few hundred bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    #[serde(skip)]
    pub len: usize,
    #[serde(skip)]
    pub line_text: String,
    /// Characters of the line left out before `line_text` (0 unless the line is long).
    #[serde(skip)]
    pub skipped: usize,
}

/// Characters of a source line kept before a problem's column, and from it onwards.
const BEFORE: usize = 80;
const FROM: usize = 160;

impl Location {
    /// A whole file, without a line (unreadable files, missing files).
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            ..Location::default()
        }
    }

    /// The location of byte `offset` in `src`, underlining `len` bytes (at least one
    /// character, at most the rest of the line). `first_line` is the line number of the
    /// first line of `src` in the file, so a slice of a file still reports file lines.
    /// Reads `src` up to `offset`: to locate many problems in one text, use [`Lines`].
    pub fn in_source(path: &Path, src: &str, first_line: usize, offset: usize, len: usize) -> Self {
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_no = first_line + memchr_count(&src.as_bytes()[..line_start]);
        let col = char_count(&src.as_bytes()[line_start..offset]) + 1;
        Location::on_line(path, src, line_no, line_start, col, offset, len)
    }

    /// `offset` sits on line `line_no` starting at byte `line_start`, at character `col`.
    fn on_line(
        path: &Path,
        src: &str,
        line_no: usize,
        line_start: usize,
        col: usize,
        offset: usize,
        len: usize,
    ) -> Self {
        let line_end = src[offset..].find('\n').map_or(src.len(), |i| offset + i);
        let end = floor_char_boundary(src, offset.saturating_add(len).min(line_end)).max(offset);
        // The text shown: the whole line, or a window around the problem on a long line.
        let from = if col - 1 > BEFORE {
            src[line_start..offset]
                .char_indices()
                .rev()
                .nth(BEFORE - 1)
                .map_or(line_start, |(i, _)| line_start + i)
        } else {
            line_start
        };
        let to = src[offset..line_end]
            .char_indices()
            .nth(FROM)
            .map_or(line_end, |(i, _)| offset + i);
        let skipped = if from == line_start { 0 } else { col - 1 - BEFORE };
        let mut line_text = src[from..to].trim_end_matches('\r').to_string();
        if to < line_end {
            line_text.push('…');
        }
        Location {
            path: path.to_path_buf(),
            line: line_no,
            col,
            len: src[offset..end.min(to)].chars().count().max(1),
            line_text,
            skipped,
        }
    }

    /// Line `line` (1-based, counted in `src`) at character column `col` (1-based).
    pub fn at_line(path: &Path, src: &str, line: usize, col: usize, len: usize) -> Self {
        let line_start = if line <= 1 {
            0
        } else {
            src.match_indices('\n')
                .nth(line - 2)
                .map_or(src.len(), |(i, _)| i + 1)
        };
        let line_text = &src[line_start..src[line_start..].find('\n').map_or(src.len(), |i| line_start + i)];
        let col = col.max(1);
        let offset = line_text
            .char_indices()
            .nth(col - 1)
            .map_or(line_text.len(), |(i, _)| i);
        let found = line_text[..offset].chars().count() + 1;
        let mut loc = Location::on_line(path, src, line, line_start, found, line_start + offset, 0);
        loc.col = col;
        loc.len = len.max(1);
        loc
    }
}

/// The lines of one text, to locate many problems in it: each location costs a binary
/// search and at most a few kilobytes of counting, where [`Location::in_source`] reads
/// the text from its start (a file with 50,000 problems took minutes that way).
pub struct Lines<'a> {
    path: &'a Path,
    src: &'a str,
    first_line: usize,
    /// Byte offset of each line start, and the characters before every [`STRIDE`] bytes;
    /// made on first use, as most texts have no problem at all.
    index: std::sync::OnceLock<(Vec<usize>, Vec<usize>)>,
}

/// Bytes between two character counts of [`Lines`].
const STRIDE: usize = 4096;

impl<'a> Lines<'a> {
    pub fn new(path: &'a Path, src: &'a str, first_line: usize) -> Self {
        Lines {
            path,
            src,
            first_line,
            index: std::sync::OnceLock::new(),
        }
    }

    /// The location of byte `offset`, underlining `len` bytes, as [`Location::in_source`].
    pub fn locate(&self, offset: usize, len: usize) -> Location {
        let src = self.src;
        let (starts, chars) = self.index.get_or_init(|| {
            let bytes = src.as_bytes();
            let starts = std::iter::once(0)
                .chain(
                    bytes
                        .iter()
                        .enumerate()
                        .filter(|(_, b)| **b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect();
            let mut chars = vec![0];
            for chunk in bytes.chunks(STRIDE) {
                chars.push(chars[chars.len() - 1] + char_count(chunk));
            }
            (starts, chars)
        });
        let offset = floor_char_boundary(src, offset.min(src.len()));
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let line_start = starts[line];
        // Characters before a byte: the count at the stride below, plus the rest. Most
        // lines are shorter than a stride and counted directly.
        let before = |at: usize| chars[at / STRIDE] + char_count(&src.as_bytes()[at / STRIDE * STRIDE..at]);
        let col = if offset - line_start <= STRIDE {
            char_count(&src.as_bytes()[line_start..offset])
        } else {
            before(offset) - before(line_start)
        } + 1;
        Location::on_line(
            self.path,
            src,
            self.first_line + line,
            line_start,
            col,
            offset,
            len,
        )
    }
}

fn memchr_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Characters in UTF-8 bytes that start and end on character boundaries.
fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", printable(&self.path.to_string_lossy(), true))?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col)?;
        }
        Ok(())
    }
}
