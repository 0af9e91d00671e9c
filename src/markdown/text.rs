//! Plain text beside the HTML: the word count and the excerpt (the first non-empty
//! paragraph), and the plain-text helpers headings and links use for their text.

use super::EXCERPT_CHARS;

/// The word count and the excerpt, fed with every piece of rendered text outside alt text.
#[derive(Default)]
pub(super) struct Text {
    excerpt: Excerpt,
    /// Plain text of the excerpt so far.
    pub(super) excerpt_text: String,
    /// The last text fed ended inside a word.
    in_word: bool,
    pub(super) word_count: usize,
}

#[derive(Default, PartialEq)]
enum Excerpt {
    #[default]
    Waiting,
    Capturing,
    Done,
}

impl Text {
    /// A paragraph opens: the excerpt starts with the first one, unless it is inside a
    /// footnote definition.
    pub(super) fn paragraph_start(&mut self, in_footnote: bool) {
        if self.excerpt == Excerpt::Waiting && !in_footnote {
            self.excerpt = Excerpt::Capturing;
        }
    }

    /// A paragraph closes: an empty one leaves the excerpt waiting for the next.
    pub(super) fn paragraph_end(&mut self) {
        if self.excerpt == Excerpt::Capturing {
            trim_end(&mut self.excerpt_text);
            let empty = self.excerpt_text.is_empty();
            self.excerpt = if empty { Excerpt::Waiting } else { Excerpt::Done };
        }
    }

    /// A block or a table cell starts: the next text starts a new word.
    pub(super) fn word_break(&mut self) {
        self.in_word = false;
    }

    pub(super) fn feed(&mut self, text: &str) {
        self.count_words(text);
        // Stop once it surely holds more than EXCERPT_CHARS characters.
        if self.excerpt == Excerpt::Capturing && self.excerpt_text.len() <= 4 * EXCERPT_CHARS {
            push_plain(&mut self.excerpt_text, text);
        }
    }

    /// The excerpt, cut at a word boundary to at most [`EXCERPT_CHARS`] characters.
    pub(super) fn finish_excerpt(&mut self) -> String {
        let mut excerpt = std::mem::take(&mut self.excerpt_text);
        truncate_words(&mut excerpt, EXCERPT_CHARS);
        excerpt
    }

    /// Counts whitespace-separated tokens holding a letter or digit ("—" or ":" alone do not
    /// count). Over bytes, decoding only a non-ASCII character that may start a word: this
    /// runs over all the text. NBSP does not split, so "mot\u{a0}:" is one word.
    fn count_words(&mut self, text: &str) {
        let (mut in_word, mut count) = (self.in_word, 0);
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b.is_ascii_whitespace() {
                in_word = false;
            } else if !in_word {
                in_word = b.is_ascii_alphanumeric()
                    || b >= 0xc0 && text[i..].chars().next().is_some_and(char::is_alphanumeric);
                count += usize::from(in_word);
            }
        }
        self.in_word = in_word;
        self.word_count += count;
    }
}

/// Appends text with whitespace runs collapsed to one space, none leading; drops zero-width
/// spaces and stray BOMs.
pub(super) fn push_plain(buf: &mut String, text: &str) {
    buf.reserve(text.len());
    let mut after_space = buf.is_empty() || buf.ends_with(' ');
    for c in text.chars() {
        match c {
            '\u{200b}' | '\u{feff}' => {}
            c if c.is_ascii_whitespace() || c == '\u{2028}' || c == '\u{2029}' => {
                if !after_space {
                    buf.push(' ');
                    after_space = true;
                }
            }
            c => {
                buf.push(c);
                after_space = false;
            }
        }
    }
}

pub(super) fn trim_end(buf: &mut String) {
    buf.truncate(buf.trim_end().len());
}

/// Cuts `text` at a word boundary so that it holds at most `max` characters with "…".
fn truncate_words(text: &mut String, max: usize) {
    if text.chars().nth(max).is_none() {
        return;
    }
    // Keep room for the ellipsis, then back up to the last space.
    let cut = text.char_indices().nth(max - 1).map_or(text.len(), |(i, _)| i);
    let end = match text[..cut].rfind(' ') {
        Some(space) if space > 0 && !text[cut..].starts_with(' ') => space,
        _ => cut,
    };
    let kept = text[..end].trim_end_matches(|c: char| c.is_whitespace() || ",;:.-–—".contains(c));
    text.truncate(kept.len());
    text.push('…');
}
