//! Markdown bodies → HTML with DSFR components, in one pass over pulldown-cmark's events.
//!
//! Owns: heading ids and the table of contents, GFM alerts as DSFR highlight/callout/alert,
//! DSFR table wrappers, link rewriting (`@/file.md` resolution, `base_path`, external links
//! opening in a new window), responsive images, accessible task lists, GFM-style footnotes,
//! the syntax of shortcodes (rendered by a callback: [`shortcodes`]),
//! and what the build needs beside the HTML: headings, links, problems, excerpt, word count.
//!
//! What content may publish is decided here too: every link and image URL passes
//! [`crate::url_policy`] (a refused one is a problem and is never written), and raw HTML
//! goes through [`crate::raw_html`] one fragment at a time (an HTML block, or one inline
//! tag), as do heading attributes (`{onclick=...}`).
//!
//! This module walks the events and dispatches them; each feature keeps its own state in
//! its module: [`headings`] (ids, table of contents), [`links`] (links and images),
//! [`footnotes`], [`blocks`] (DSFR alerts, callouts, tables, task lists), [`text`] (word
//! count, excerpt, plain text) and [`escape`] (HTML escaping).

mod blocks;
mod escape;
mod footnotes;
mod headings;
mod links;
pub mod shortcodes;
#[cfg(test)]
mod tests;
mod text;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use self::blocks::Blocks;
use self::footnotes::Notes;
use self::headings::Headings;
use self::links::Links;
use self::text::Text;
use crate::diagnostic::Severity;
use crate::images::Picture;
use crate::raw_html;
use crate::typography;
use crate::url_policy;

/// How to render one body.
pub struct Options<'a> {
    /// Path prefix of the site, "/" or "/atelier/" (always starts and ends with '/').
    pub base_path: &'a str,
    /// Resolves a link written `@/path/to/file.md#frag` (the part after "@/", fragment excluded)
    /// to a site-absolute URL path like "/startups/languia/" (already including base_path).
    /// None = unknown file.
    pub resolve: &'a dyn Fn(&str) -> Option<String>,
    /// What raw HTML may do (`raw_html:` in `site.yaml`).
    pub raw_html: raw_html::Mode,
    /// French typography on the text outside code and autolinks ([`crate::typography`]).
    pub typography: bool,
    /// The variants of the image at a URL as rendered (`href`): `None` for an image left
    /// as it is (another host, SVG, unknown file), `Err` for one that cannot be read.
    pub images: &'a dyn Fn(&str) -> crate::images::Looked,
    /// Renders a shortcode call ([`shortcodes`]); None = shortcodes are left as text.
    pub shortcode: Option<&'a shortcodes::Render<'a>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Rendered {
    #[serde(deserialize_with = "crate::utf8::deserialize_string")]
    pub html: String,
    /// Nested: each entry holds the following headings of a deeper level.
    pub toc: Vec<TocEntry>,
    /// Flat, in source order.
    pub headings: Vec<Heading>,
    /// Every link and image, in source order.
    pub links: Vec<LinkRef>,
    pub problems: Vec<Problem>,
    /// Plain text of the first non-empty paragraph, at most [`EXCERPT_CHARS`] characters.
    pub excerpt: String,
    pub word_count: usize,
    /// The images shown with variants, with where each is written in the source.
    #[serde(skip)]
    pub pictures: Vec<(Range<usize>, Arc<Picture>)>,
    /// The cover image the document's front matter names, set by the project after the
    /// body is rendered (`markdown` never looks it up).
    #[serde(skip)]
    pub cover: Option<crate::images::CoverLooked>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    /// Plain text, whitespace-collapsed.
    pub text: String,
    /// Byte range of the whole heading in the source.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    Link,
    Image,
    /// `<https://…>`
    Autolink,
    /// `<someone@example.fr>`
    Email,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRef {
    pub kind: LinkKind,
    /// Destination as written.
    pub dest: String,
    /// Destination as rendered (resolved, prefixed); `dest` itself when unresolved.
    pub href: String,
    /// Opens in a new window (http, https or protocol-relative URL).
    pub external: bool,
    /// Plain text of the link, or alt text of the image (may be empty).
    pub text: String,
    /// Byte range of the whole link or image in the source.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub kind: ProblemKind,
    pub severity: Severity,
    pub message: String,
    /// What to do about it.
    pub help: String,
    /// Byte range in the source.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// `@/path.md` names no known file.
    UnknownFile,
    /// Two headings written with the same `{#id}`.
    DuplicateId,
    /// A URL whose scheme content may not publish (`javascript:`…), in a link, an image, an
    /// attribute of raw HTML: never written. An error, unless `content_links: warning`.
    RefusedUrl,
    /// Raw HTML removed (sanitize mode), or left unfinished.
    RawHtml,
    /// An image that cannot be read (corrupt, unknown format, too large).
    Image,
    /// A shortcode written wrong, unknown, or given wrong arguments.
    Shortcode,
}

/// Maximum length of [`Rendered::excerpt`] in characters, "…" included.
pub const EXCERPT_CHARS: usize = 200;

/// The Markdown extensions every body is parsed with (also used by `check`, so both read
/// a body the same way).
pub fn parser_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options as O;
    O::ENABLE_TABLES
        | O::ENABLE_FOOTNOTES
        | O::ENABLE_STRIKETHROUGH
        | O::ENABLE_TASKLISTS
        | O::ENABLE_HEADING_ATTRIBUTES
        | O::ENABLE_GFM
}

/// Renders a Markdown body (front matter already removed), shortcodes included.
pub fn render(src: &str, opts: &Options<'_>) -> Rendered {
    match opts.shortcode {
        Some(call) => shortcodes::render(src, opts, call, &std::cell::Cell::new(0), &mut Vec::new(), 0),
        None => render_markdown(src, opts),
    }
}

/// Renders Markdown alone (shortcodes already replaced, or off).
fn render_markdown(src: &str, opts: &Options<'_>) -> Rendered {
    let parser = Parser::new_ext(src, parser_options());
    // Where each reference definition is, to point at a refused URL written in one.
    let definitions = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| (label.to_lowercase(), def.span.clone()))
        .collect();
    let mut w = Writer {
        opts,
        src,
        html: String::with_capacity(src.len() + src.len() / 2),
        problems: Vec::new(),
        raw_block: None,
        headings: Headings::new(src),
        links: Links::new(definitions),
        notes: Notes::default(),
        blocks: Blocks::default(),
        text: Text::default(),
        typo: opts.typography.then(typography::State::default),
        code_block: false,
        autolink: false,
    };
    for (event, range) in parser.into_offset_iter() {
        w.event(event, range);
    }
    w.finish()
}

/// The lines of an HTML block, filtered together once the block ends (a tag may span lines).
#[derive(Default)]
struct RawBlock {
    text: String,
    /// Where each line starts: in `text`, and in the source.
    starts: Vec<(usize, usize)>,
}

/// Walks the events once; each feature keeps its own state, the HTML and the problems are
/// shared.
struct Writer<'a> {
    opts: &'a Options<'a>,
    src: &'a str,
    /// Output; swapped with a fresh buffer while inside a footnote definition.
    html: String,
    problems: Vec<Problem>,
    /// The HTML block being read.
    raw_block: Option<RawBlock>,
    headings: Headings<'a>,
    links: Links<'a>,
    notes: Notes<'a>,
    blocks: Blocks,
    text: Text,
    /// French typography's context inside the current block; None when it is off.
    typo: Option<typography::State>,
    /// Inside a code block, or an autolink (its text is the URL): text left as written.
    code_block: bool,
    autolink: bool,
}

impl<'a> Writer<'a> {
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        let in_alt = self.links.in_alt();
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                let text = self.typeset(text);
                self.plain(&text);
                if !in_alt {
                    escape::text(&mut self.html, &text);
                }
            }
            Event::Code(text) => {
                if let Some(state) = &mut self.typo {
                    state.skip(&text);
                }
                self.plain(&text);
                if !in_alt {
                    self.html.push_str("<code>");
                    escape::text(&mut self.html, &text);
                    self.html.push_str("</code>");
                }
            }
            // Raw HTML inside alt text is dropped, like the alt text's markup.
            Event::Html(html) if !in_alt => match &mut self.raw_block {
                Some(block) => {
                    block.starts.push((block.text.len(), range.start));
                    block.text.push_str(&html);
                }
                None => self.raw_fragment(&html, &[(0, range.start)]),
            },
            Event::InlineHtml(html) if !in_alt => self.raw_fragment(&html, &[(0, range.start)]),
            Event::SoftBreak | Event::HardBreak => {
                self.plain(" ");
                if !in_alt {
                    let hard = matches!(event, Event::HardBreak);
                    self.html.push_str(if hard { "<br>\n" } else { "\n" });
                }
            }
            Event::Rule => {
                self.block_start();
                self.html.push_str("<hr>\n");
            }
            Event::FootnoteReference(label) if !in_alt => self.notes.reference(label, &mut self.html),
            Event::TaskListMarker(done) => self.blocks.task_marker(done, &mut self.html),
            _ => {} // math is not enabled; HTML and notes inside alt text are dropped
        }
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) {
        if matches!(
            tag,
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Item
                | Tag::Table(_)
        ) {
            self.block_start();
        }
        let h = &mut self.html;
        match tag {
            Tag::Paragraph => {
                h.push_str(self.blocks.paragraph());
                self.text.paragraph_start(self.notes.inside());
            }
            Tag::Heading { .. } => self.headings.open(tag, h.len(), range),
            Tag::BlockQuote(kind) => self.blocks.open_quote(kind, h),
            Tag::CodeBlock(kind) => {
                self.code_block = true;
                h.push_str("<pre><code");
                let info = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next(),
                    CodeBlockKind::Indented => None,
                };
                if let Some(lang) = info {
                    h.push_str(" class=\"language-");
                    escape::attr(h, lang);
                    h.push('"');
                }
                h.push('>');
            }
            Tag::List(Some(1)) => h.push_str("<ol>\n"),
            Tag::List(Some(start)) => _ = writeln!(h, "<ol start=\"{start}\">"),
            Tag::List(None) => h.push_str("<ul>\n"),
            Tag::Item => self.blocks.open_item(h),
            Tag::HtmlBlock => self.raw_block = Some(RawBlock::default()),
            Tag::FootnoteDefinition(label) => self.notes.open_definition(label, h),
            Tag::Table(aligns) => self.blocks.open_table(aligns, h),
            Tag::TableHead => self.blocks.open_head(h),
            Tag::TableRow => self.blocks.open_row(h),
            Tag::TableCell => {
                self.text.word_break();
                self.blocks.open_cell(h);
            }
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough if self.links.in_alt() => {}
            Tag::Emphasis => h.push_str("<em>"),
            Tag::Strong => h.push_str("<strong>"),
            Tag::Strikethrough => h.push_str("<del>"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let kind = match link_type {
                    LinkType::Autolink => LinkKind::Autolink,
                    LinkType::Email => LinkKind::Email,
                    _ => LinkKind::Link,
                };
                self.autolink = kind != LinkKind::Link;
                self.open_link(kind, dest_url, title, &id, range);
            }
            Tag::Image {
                dest_url, title, id, ..
            } => self.open_image(dest_url, title, &id, range),
            _ => {} // not enabled: metadata, definition lists, super/subscript
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let h = &mut self.html;
        match tag {
            TagEnd::Paragraph => {
                h.push_str("</p>\n");
                self.text.paragraph_end();
            }
            TagEnd::Heading(_) => self.close_heading(),
            TagEnd::BlockQuote(kind) => self.blocks.close_quote(kind, h),
            TagEnd::CodeBlock => {
                self.code_block = false;
                h.push_str("</code></pre>\n");
            }
            TagEnd::List(true) => h.push_str("</ol>\n"),
            TagEnd::List(false) => h.push_str("</ul>\n"),
            TagEnd::Item => self.blocks.close_item(h),
            TagEnd::FootnoteDefinition => self.notes.close_definition(h),
            TagEnd::Table => self.blocks.close_table(h),
            TagEnd::TableHead => self.blocks.close_head(h),
            TagEnd::TableRow => h.push_str("</tr>\n"),
            TagEnd::TableCell => self.blocks.close_cell(h),
            TagEnd::Image => self.close_image(),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough if self.links.in_alt() => {}
            TagEnd::Emphasis => h.push_str("</em>"),
            TagEnd::Strong => h.push_str("</strong>"),
            TagEnd::Strikethrough => h.push_str("</del>"),
            TagEnd::Link => {
                self.autolink = false;
                self.close_link();
            }
            TagEnd::HtmlBlock => {
                if let Some(block) = self.raw_block.take() {
                    self.raw_fragment(&block.text, &block.starts);
                }
            }
            _ => {}
        }
    }

    /// Writes a fragment of raw HTML through the filter, and reports what it found at the
    /// source line. `starts` maps offsets of the fragment to the source, line by line.
    fn raw_fragment(&mut self, fragment: &str, starts: &[(usize, usize)]) {
        for found in raw_html::filter(fragment, self.opts.raw_html, &mut self.html) {
            let line = starts.partition_point(|(at, _)| *at <= found.range.start);
            let (at, from) = starts.get(line.wrapping_sub(1)).copied().unwrap_or((0, 0));
            let start = (from + found.range.start - at).min(self.src.len());
            let end = (start + found.range.len()).min(self.src.len());
            let kind = if found.refused_url {
                ProblemKind::RefusedUrl
            } else {
                ProblemKind::RawHtml
            };
            self.problems.push(Problem {
                kind,
                severity: found.severity,
                message: found.message,
                help: found.help.to_string(),
                range: start..end,
            });
        }
    }

    /// French typography on a text event, unless it is code or a URL.
    fn typeset(&mut self, text: CowStr<'a>) -> CowStr<'a> {
        let Some(state) = &mut self.typo else {
            return text;
        };
        if self.code_block || self.autolink {
            state.skip(&text);
            return text;
        }
        match typography::french_in(&text, state) {
            Cow::Owned(typeset) => typeset.into(),
            Cow::Borrowed(_) => text,
        }
    }

    /// Starts a block on a new line (and a new word).
    fn block_start(&mut self) {
        if let Some(state) = &mut self.typo {
            *state = typography::State::default();
        }
        self.text.word_break();
        if !self.html.is_empty() && !self.html.ends_with('\n') {
            self.html.push('\n');
        }
    }

    /// Feeds rendered text to the word count and to every plain-text collector open.
    fn plain(&mut self, text: &str) {
        // Alt text is neither counted nor part of the excerpt.
        if !self.links.in_alt() {
            self.text.feed(text);
        }
        self.headings.feed(text);
        self.links.feed(text);
    }

    fn problem(&mut self, kind: ProblemKind, message: String, range: &Range<usize>) {
        let help = match kind {
            ProblemKind::UnknownFile => crate::tr!("link-unknown-file-help"),
            ProblemKind::DuplicateId => crate::tr!("heading-id-twice-help"),
            ProblemKind::Image => crate::tr!("image-unreadable-help"),
            ProblemKind::RefusedUrl | ProblemKind::RawHtml | ProblemKind::Shortcode => String::new(),
        };
        self.problems.push(Problem {
            kind,
            severity: Severity::Error,
            message,
            help,
            range: range.clone(),
        });
    }

    /// Reports a URL the policy refuses, pointing at it in the source when it is written
    /// there as it reads, in `range` (the link, or its reference definition).
    fn refused(&mut self, refused: &url_policy::Refused, what: &str, url: &str, range: &Range<usize>) {
        let range = self
            .src
            .get(range.clone())
            .and_then(|s| s.find(url))
            .filter(|_| !url.is_empty())
            .map_or(range.clone(), |i| range.start + i..range.start + i + url.len());
        self.problems.push(Problem {
            kind: ProblemKind::RefusedUrl,
            severity: Severity::Error,
            message: refused.message(what),
            help: refused.help(),
            range,
        });
    }

    fn finish(mut self) -> Rendered {
        self.notes.write(&mut self.html);
        let mut html = self.html;
        // Kept for the whole build: give back what the estimate over-reserved.
        html.shrink_to_fit();
        let headings = self.headings.list;
        Rendered {
            html,
            toc: headings::toc(&headings),
            headings,
            links: self.links.list,
            pictures: self.links.pictures,
            cover: None,
            problems: self.problems,
            excerpt: self.text.finish_excerpt(),
            word_count: self.text.word_count,
        }
    }
}
