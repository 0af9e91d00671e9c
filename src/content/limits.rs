//! Limits on what a content file may hold, checked when it is loaded, before anything
//! renders it: a file past them is an error, located where the limit is crossed, and is
//! never rendered, by `build`, `check` or `serve`.
//!
//! - **Nesting.** The minifier (minify-html) recurses once per element nested in another;
//!   a 5,000-deep block quote overflowed the stack and killed the process. A body may nest
//!   [`MAX_NESTING`] elements: block quotes, lists and their items, emphasis, links, and
//!   raw HTML tags, counted as the Markdown writer writes them and as minify-html reads
//!   raw HTML ([`crate::html_nesting`]: it does not close a cell at the next row, so rows
//!   written without `</td>` nest). Measured on a 2 MiB stack (a rayon worker thread's):
//!   minify-html survives about 460 nested elements in an optimised build, and the theme
//!   puts about 25 around a body; `output::minify` writes a page deeper than 300 as
//!   rendered, should one get past this count. pulldown-cmark, atelier's Markdown writer
//!   and html5ever's tokenizer keep no recursion and survive any depth. YAML is limited by
//!   serde_yaml itself (128 levels), which reports the line and column.
//! - **File names.** A control character (a line break, a tab, an escape) in the name of
//!   a file or folder under `content/` makes a page address that a browser and a link
//!   checker read differently, and garbles messages: such names are refused.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::html_nesting::Nesting;

/// Elements a body may nest inside one another.
pub const MAX_NESTING: usize = 100;

/// Where a body nests more than [`MAX_NESTING`] elements: the byte range, in the body,
/// of the element that crosses the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    pub offset: usize,
    pub len: usize,
}

/// The first element of `body` nested deeper than [`MAX_NESTING`], if any. One pass
/// over the Markdown events (raw HTML read tag by tag), in time linear in the body.
pub fn nesting(body: &str) -> Option<TooDeep> {
    if 2 * openers(body) + INNERMOST <= MAX_NESTING {
        return None;
    }
    scan(body)
}

/// The most elements the innermost block of a body opens without a character of its own:
/// a table (its four wrappers and itself, a row and its `tbody`, a cell).
const INNERMOST: usize = 8;

/// How many levels of nesting `body` could open at most, halved, counted without parsing
/// it: most bodies open too few to need the scan. Every level but the innermost block is
/// opened by a character of its own: a `>`, a list marker or a footnote definition starting
/// a line (after others), or `*`, `_`, `~`, `[` or `<` anywhere. A list marker opens two
/// elements (the list and its item), a footnote three (counted as two openers), any other
/// one.
fn openers(body: &str) -> usize {
    let mut count = 0;
    for line in body.split('\n') {
        let b = line.as_bytes();
        let mut i = 0;
        // The line's start: indentation, quote markers and list markers.
        loop {
            while i < b.len() && matches!(b[i], b' ' | b'\t') {
                i += 1;
            }
            let ends = |at: usize| at == b.len() || matches!(b[at], b' ' | b'\t');
            let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let quote = i < b.len() && b[i] == b'>';
            // A footnote definition (`[^1]: `) is a container too: what follows it on the
            // line may open lists and quotes of its own.
            let footnote = b[i..]
                .starts_with(b"[^")
                .then(|| b[i..].windows(2).position(|w| w == b"]:"))
                .flatten();
            if quote || (i < b.len() && matches!(b[i], b'-' | b'+' | b'*') && ends(i + 1)) {
                i += 1;
            } else if let Some(end) = footnote {
                i += end + 2;
                count += 1;
            } else if digits > 0
                && i + digits < b.len()
                && matches!(b[i + digits], b'.' | b')')
                && ends(i + digits + 1)
            {
                i += digits + 1;
            } else {
                break;
            }
            count += 1;
        }
        count += b[i..]
            .iter()
            .filter(|c| matches!(c, b'*' | b'_' | b'~' | b'[' | b'<'))
            .count();
    }
    count
}

/// [`nesting`], reading every event: Markdown's elements are opened as their writer
/// (`crate::markdown`) writes them, each fragment of raw HTML is written as that writer
/// writes it ([`crate::raw_html::filter`]) and read as minify-html reads it
/// ([`crate::html_nesting`]).
fn scan(body: &str) -> Option<TooDeep> {
    events(body).err()
}

fn events(body: &str) -> Result<(), TooDeep> {
    let mut nesting = Nesting::default();
    let mut opened = Vec::new();
    // An HTML block is one fragment for the writer: its lines, from where it starts.
    let mut block: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::parser_options()).into_offset_iter() {
        match event {
            // An HTML block is no element of its own: its tags are.
            Event::Start(Tag::HtmlBlock) => block = Some((range.start, String::new())),
            Event::End(TagEnd::HtmlBlock) => {
                let (start, text) = block.take().unwrap_or_default();
                fragment(&mut nesting, body, start, &text)?;
            }
            Event::Html(text) => match &mut block {
                Some((_, lines)) => lines.push_str(&text),
                None => fragment(&mut nesting, body, range.start, &text)?,
            },
            Event::InlineHtml(text) => fragment(&mut nesting, body, range.start, &text)?,
            Event::Start(tag) => {
                let elements = elements_written(&tag);
                for _ in 0..elements {
                    nesting.open_opaque();
                }
                opened.push(elements);
                if nesting.depth() > MAX_NESTING {
                    return Err(TooDeep {
                        offset: range.start,
                        len: 1,
                    });
                }
            }
            Event::End(_) => {
                for _ in 0..opened.pop().unwrap_or(0) {
                    nesting.close_opaque();
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Reads one fragment of raw HTML, `text`, found at `start` in `body`, as the writer
/// publishes it (trusted, which keeps the most); `Err` where it nests too deep.
fn fragment(nesting: &mut Nesting, body: &str, start: usize, text: &str) -> Result<(), TooDeep> {
    let mut written = String::new();
    crate::raw_html::filter(text, crate::raw_html::Mode::Trusted, &mut written);
    let deep = nesting.read(&written, MAX_NESTING);
    nesting.end_fragment();
    match deep {
        None => Ok(()),
        // The text is the source's, unless a container's markers were taken out or the
        // writer wrote it otherwise: then the fragment's start is shown.
        Some((at, len)) if written == text && body.get(start..start + text.len()) == Some(text) => {
            Err(TooDeep {
                offset: start + at,
                len,
            })
        }
        Some(_) => Err(TooDeep {
            offset: start,
            len: 1,
        }),
    }
}

/// How many elements the Markdown writer opens for `tag`: a table sits in four `div`s
/// (the DSFR's scrolling wrapper), a row in `tbody` or `thead`, a code block is `pre` and
/// `code`, a footnote goes in the notes' `section`, `ol` and `li`.
fn elements_written(tag: &Tag<'_>) -> usize {
    match tag {
        Tag::Table(_) => 5,
        Tag::TableHead | Tag::TableRow | Tag::CodeBlock(_) => 2,
        Tag::FootnoteDefinition(_) => 3,
        _ => 1,
    }
}

/// The first control character of a path inside `content/`, if any.
pub fn control_character(rel: &str) -> Option<char> {
    rel.chars().find(|c| c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(body: &str) -> Option<(usize, usize, usize)> {
        nesting(body).map(|d| {
            let line = body[..d.offset].matches('\n').count() + 1;
            let col = body[..d.offset].rsplit('\n').next().unwrap().chars().count() + 1;
            (line, col, d.len)
        })
    }

    #[test]
    fn usual_bodies_are_within_the_limit() {
        let body = "> [!NOTE]\n> Une *note* avec **du gras** et [un lien](/a/).\n\n\
                    - un\n  - deux\n    1. trois\n       > cité\n\n\
                    <details><summary>Plus</summary>\n<p>texte<br>suite<p>encore</details>\n\n\
                    | a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(nesting(body), None);
        let many_paragraphs = "<p>Un paragraphe sans fin.\n\n".repeat(500);
        assert_eq!(nesting(&many_paragraphs), None);
        let many_items = "<ul>\n".to_string() + &"<li>item\n".repeat(500) + "</ul>\n";
        assert_eq!(nesting(&many_items), None);
        let rows = "<table>\n".to_string() + &"<tr><td>a</td><td>b</td></tr>\n".repeat(500) + "</table>\n";
        assert_eq!(nesting(&rows), None);
        let svg = "<svg viewBox=\"0 0 1 1\">".to_string() + &"<path d=\"M0 0\"/>".repeat(500) + "</svg>\n";
        assert_eq!(nesting(&svg), None);
        let nested_lists = "<ul><li>a\n".repeat(40) + &"</ul>\n".repeat(40) + &"<ul><li>b\n".repeat(40);
        assert_eq!(nesting(&nested_lists), None);
        let script = "<script>\n".to_string() + &"x = '<div>';\n".repeat(500) + "</script>\n";
        assert_eq!(nesting(&script), None);
        let comment = "<!--\n".to_string() + &"<div>\n".repeat(500) + "-->\n";
        assert_eq!(nesting(&comment), None);
    }

    #[test]
    fn deep_quotes_lists_and_tags_are_found_where_the_limit_is_crossed() {
        // Block quotes: the 101st `>`, on the first line.
        let quotes = "> ".repeat(5_000) + "x\n";
        assert_eq!(
            depth_error(&quotes).map(|(l, c, _)| (l, c)),
            Some((1, 2 * MAX_NESTING + 1))
        );
        // Lists: a list and its item per level, the limit crossed at the 51st marker.
        let list = "- ".repeat(5_000) + "x\n";
        assert_eq!(depth_error(&list).map(|(l, c, _)| (l, c)), Some((1, 101)));
        let indented: String = (0..200).map(|i| "  ".repeat(i) + "- a\n").collect();
        assert_eq!(depth_error(&indented).map(|(l, _, _)| l), Some(51));
        // Raw HTML: the 101st `<div>`, underlined whole.
        let html = "<div>".repeat(5_000) + "x" + &"</div>".repeat(5_000) + "\n";
        assert_eq!(depth_error(&html), Some((1, 5 * MAX_NESTING + 1, 5)));
        // Elements a browser nests though their end tags are optional.
        let items = "<li><dd>".repeat(2_000) + "x\n";
        assert_eq!(depth_error(&items).map(|(_, c, l)| (c, l)), Some((8 * 50 + 1, 4)));
        let tables = "<table><tr><td>".repeat(2_000) + "x\n";
        assert!(nesting(&tables).is_some());
        // minify-html ends a cell at the next cell, not at the next row: without `</td>`,
        // each row nests inside the cell before it (300 rows overflowed its stack).
        let rows = "<table>\n".to_string() + &"<tr><td>a<td>b\n".repeat(500) + "</table>\n";
        assert_eq!(depth_error(&rows).map(|(l, _, _)| l), Some(51));
        let cells = "<tr><td>".repeat(2_000) + "x\n";
        assert!(nesting(&cells).is_some());
        let slashes = "<div/>".repeat(2_000) + "x\n";
        assert!(nesting(&slashes).is_some());
        let spans = "texte ".to_string() + &"<span>".repeat(5_000) + "x\n";
        assert_eq!(
            depth_error(&spans).map(|(l, c, _)| (l, c)),
            Some((1, 7 + 6 * (MAX_NESTING - 1)))
        );
        // Inline elements nest too (links cannot, in CommonMark: the inner one wins).
        let emphasis = "*a ".repeat(5_000) + "x" + &" a*".repeat(5_000) + "\n";
        assert!(nesting(&emphasis).is_some());
        let images = "![".repeat(5_000) + "x" + &"](a.png)".repeat(5_000) + "\n";
        assert!(nesting(&images).is_some());
        let links = "[".repeat(5_000) + "x" + &"](/)".repeat(5_000) + "\n";
        assert_eq!(nesting(&links), None);
        // Markdown and HTML add up.
        let both = "> ".repeat(60) + &"<div>".repeat(60) + "\n";
        assert!(nesting(&both).is_some());
    }

    #[test]
    fn closing_tags_free_their_level() {
        let flat = "<div>x</div>\n".repeat(5_000);
        assert_eq!(nesting(&flat), None);
        let wide = "<div>".repeat(MAX_NESTING)
            + &"</div>".repeat(MAX_NESTING)
            + "\n\n"
            + &"<div>".repeat(MAX_NESTING);
        assert_eq!(nesting(&wide), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, failure_persistence: None, ..Default::default() })]

        /// The count that spares most bodies the scan never spares one the scan refuses.
        #[test]
        fn counting_openers_never_hides_a_deep_body(parts in proptest::collection::vec(
            (proptest::sample::select(&[
                "> ", "- ", "* ", "+ ", "1. ", "2) ", "  ", "\t", "\n", "*", "**", "_", "~~", "[", "![", "](/)", "<div>",
                "<em>", "</div>", "[^1]: ", "| a |", "|---|", "x", "-", "10.", "```", "    ",
            ][..]), 1..40usize),
            1..12,
        )) {
            let body: String = parts.iter().map(|(p, n)| p.repeat(*n)).collect();
            proptest::prop_assert!(
                scan(&body).is_none() || 2 * openers(&body) + INNERMOST > MAX_NESTING,
                "{:?}",
                body
            );
        }
    }

    #[test]
    fn lists_after_a_footnote_definition_are_counted() {
        // Found by `counting_openers_never_hides_a_deep_body`: the markers after `[^1]:` open
        // lists inside the footnote, though they do not start the line.
        let body = "- ".repeat(22) + "[^1]: " + &"+ ".repeat(28);
        assert!(scan(&body).is_some());
        assert!(2 * openers(&body) + INNERMOST > MAX_NESTING, "{}", openers(&body));
    }

    #[test]
    fn most_bodies_are_not_scanned() {
        let fiche = "## Le problème\n\nLes agents **perdent** du temps : c'est-à-dire 2.5 jours par mois (v1.0).\n\n\
                     - un *point*\n- un [lien](/a/)\n  - un sous-point\n\n1. premier\n2. second\n";
        assert!(
            2 * openers(fiche) + INNERMOST <= MAX_NESTING,
            "{}",
            openers(fiche)
        );
        assert_eq!(openers("> - > 1. ~~*x*~~ [a](<b>)"), 12);
    }

    #[test]
    fn control_characters_in_names() {
        assert_eq!(control_character("startups/a\nb.md"), Some('\n'));
        assert_eq!(control_character("a\tb/c.md"), Some('\t'));
        assert_eq!(control_character("données-ouvertes/ça.md"), None);
    }
}
