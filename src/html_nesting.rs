//! How deep the elements of an HTML text nest, as minify-html's parser builds its tree,
//! found without recursion.
//!
//! minify-html recurses once per element nested in another, while parsing, minifying and
//! dropping its tree: on a 2 MiB stack (a rayon worker's) an optimised build survives about
//! 460 levels. Its parser is not a browser's: an end tag closes the current element only
//! if it names it (or its parent, when the current one's end tag may be left out), and a
//! start tag closes the current element only where the HTML standard lets its end tag be
//! left out before that one (`<li>` before `<li>`, `<td>` before `<td>`, but not `<td>`
//! before `<tr>`). [`Nesting`] follows these rules, with minify-html's own tables, so that
//! the depth it finds is the one minify-html reaches.
//!
//! Two users: `content::limits` reads the raw HTML of a body between its Markdown elements
//! (pushed as [`Nesting::open_opaque`], closed by their writer, never by a raw tag), and
//! `output::minify` measures each page before handing it to minify-html.

use minify_html_common::spec::tag::omission::{can_omit_as_before, can_omit_as_last_node};
use minify_html_common::spec::tag::void::VOID_TAGS;

/// The open elements of an HTML text read so far, innermost last.
#[derive(Debug, Default)]
pub struct Nesting {
    open: Vec<Open>,
    /// The names of the open elements read from the HTML, end to end (a stack, as `open`).
    names: Vec<u8>,
    /// The name of the tag being read, lowercase.
    tag: Vec<u8>,
    /// Inside a comment, a declaration, or an element whose content is text (`script`…):
    /// what ends it (ASCII, matched ignoring case).
    awaiting: Option<&'static str>,
}

#[derive(Debug)]
enum Open {
    /// An element read from the HTML: where its name (lowercase) is in `names`, and
    /// whether it is in SVG.
    Element { from: usize, to: usize, svg: bool },
    /// An element written by someone else (a Markdown writer): no tag read here closes it.
    Opaque,
}

impl Nesting {
    /// How many elements are open.
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// Opens an element that tags read here never close.
    pub fn open_opaque(&mut self) {
        self.open.push(Open::Opaque);
    }

    /// Closes the innermost element if it is opaque; an element read from the HTML and left
    /// open inside it keeps it open, as minify-html ignores an end tag that does not match.
    pub fn close_opaque(&mut self) {
        if matches!(self.open.last(), Some(Open::Opaque)) {
            self.pop();
        }
    }

    /// Ends what `text` left open that holds text (a comment, a script's content), as the
    /// Markdown writer ends each fragment of raw HTML; the element stays open.
    pub fn end_fragment(&mut self) {
        self.awaiting = None;
    }

    /// Reads `text`; if one of its tags opens an element more than `max` deep, that tag's
    /// byte range in `text`. In time linear in `text`.
    pub fn read(&mut self, text: &str, max: usize) -> Option<(usize, usize)> {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if let Some(end) = self.awaiting {
                // Unended: the rest is text, nothing deeper.
                let at = find_ascii_ci(&b[i..], end.as_bytes())?;
                // A raw text element ends at its end tag, read as a tag below.
                self.awaiting = None;
                i += at;
                if !end.starts_with("</") {
                    i += end.len();
                }
                continue;
            }
            let lt = memchr::memchr(b'<', &b[i..])?;
            let start = i + lt;
            let rest = &b[start + 1..];
            if rest.starts_with(b"!--") {
                self.awaiting = Some("-->");
                i = start + 4;
            } else if rest.starts_with(b"!") {
                // `<!doctype …>` and other declarations end at the next `>`.
                self.awaiting = Some(">");
                i = start + 2;
            } else if rest.starts_with(b"?") {
                self.awaiting = Some("?>");
                i = start + 2;
            } else if rest.starts_with(b"/") {
                let mut name = std::mem::take(&mut self.tag);
                tag_name(&rest[1..], &mut name);
                if name.is_empty() {
                    self.tag = name;
                    // Malformed: dropped up to the next `>`.
                    self.awaiting = Some(">");
                    i = start + 2;
                    continue;
                }
                i = tag_end(b, start + 2 + name.len()).0;
                self.close(&name);
                self.tag = name;
            } else if rest.first().is_some_and(|c| is_name_char(*c)) {
                let mut name = std::mem::take(&mut self.tag);
                tag_name(rest, &mut name);
                let (end, self_closing) = tag_end(b, start + 1 + name.len());
                i = end;
                let depth = self.start(&name, self_closing);
                self.tag = name;
                if depth > max {
                    return Some((start, end - start));
                }
            } else {
                i = start + 1;
            }
        }
        None
    }

    /// A start tag: closes what it implies, then opens its element unless it holds nothing.
    /// The depth of the element it opens, 0 if none.
    fn start(&mut self, name: &[u8], self_closing: bool) -> usize {
        while let Some(parent) = self.name(self.open.len().wrapping_sub(1)) {
            if !can_omit_as_before(parent, name) {
                break;
            }
            self.pop();
        }
        let svg = name == b"svg" || self.in_svg();
        if (self_closing && svg) || VOID_TAGS.contains(name) {
            return 0;
        }
        let text_end = match name {
            b"script" => Some("</script"),
            b"style" => Some("</style"),
            b"textarea" if !svg => Some("</textarea"),
            b"title" if !svg => Some("</title"),
            _ => None,
        };
        let from = self.names.len();
        self.names.extend_from_slice(name);
        self.open.push(Open::Element {
            from,
            to: self.names.len(),
            svg,
        });
        if let Some(end) = text_end {
            self.awaiting = Some(end);
        }
        self.open.len()
    }

    /// An end tag, as minify-html reads it: it closes the current element if it names it,
    /// or the current one and its parent if it names the parent and the current element's
    /// end tag may be left out there; otherwise it is dropped.
    fn close(&mut self, name: &[u8]) {
        loop {
            let n = self.open.len();
            let Some(parent) = self.name(n.wrapping_sub(1)) else {
                return;
            };
            if self.name(n.wrapping_sub(2)) == Some(name) && can_omit_as_last_node(name, parent) {
                self.pop();
                continue;
            }
            if parent == name && !VOID_TAGS.contains(name) {
                self.pop();
            }
            return;
        }
    }

    /// The name of the `k`th open element, if it was read from the HTML.
    fn name(&self, k: usize) -> Option<&[u8]> {
        match self.open.get(k)? {
            Open::Element { from, to, .. } => Some(&self.names[*from..*to]),
            Open::Opaque => None,
        }
    }

    /// Closes the innermost element.
    fn pop(&mut self) {
        if let Some(Open::Element { from, .. }) = self.open.pop() {
            self.names.truncate(from);
        }
    }

    /// Whether an element opened now is in SVG: the innermost open element is, and no opaque
    /// element (whose namespace is not known here) stands between.
    fn in_svg(&self) -> bool {
        matches!(self.open.last(), Some(Open::Element { svg: true, .. }))
    }
}

/// The greatest depth the elements of `html` reach.
pub fn deepest(html: &[u8]) -> usize {
    let text = String::from_utf8_lossy(html);
    let mut nesting = Nesting::default();
    let mut deepest = 0;
    // Each time a tag goes deeper than the deepest so far, read on from just after it.
    let mut at = 0;
    while let Some((start, len)) = nesting.read(&text[at..], deepest) {
        deepest = nesting.depth();
        at += start + len;
    }
    deepest
}

/// minify-html's tag name characters: ASCII letters and digits, `:` and `-`.
fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b':' || c == b'-'
}

/// The tag name at the start of `b`, lowercase, into `name`.
fn tag_name(b: &[u8], name: &mut Vec<u8>) {
    name.clear();
    name.extend(
        b.iter()
            .take_while(|c| is_name_char(**c))
            .map(u8::to_ascii_lowercase),
    );
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Where a tag whose name ends at `i` ends (after its `>`, or at the end of `b`), and
/// whether it ends with `/>`: its attributes read as minify-html reads them, a quoted value
/// running to its closing quote whatever it holds.
fn tag_end(b: &[u8], mut i: usize) -> (usize, bool) {
    loop {
        let mut last = None;
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            last = Some(b[i]);
            i += 1;
        }
        if i >= b.len() {
            return (i, last == Some(b'/'));
        }
        if b[i] == b'>' {
            return (i + 1, last == Some(b'/'));
        }
        // The attribute's name: its first character may be anything but a space or a slash.
        i += 1;
        while i < b.len() && !(is_space(b[i]) || matches!(b[i], b'/' | b'=' | b'>')) {
            i += 1;
        }
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    i += 1;
                    i = memchr::memchr(q, &b[i..]).map_or(b.len(), |e| i + e + 1);
                }
                _ => {
                    while i < b.len() && !(is_space(b[i]) || b[i] == b'>') {
                        i += 1;
                    }
                }
            }
        }
    }
}

/// The byte offset of `needle` (ASCII) in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    (0..=haystack.len() - needle.len()).find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests;
