//! Markdown bodies → HTML with DSFR components, in one pass over pulldown-cmark's events.
//!
//! Owns: heading ids and the table of contents, GFM alerts as DSFR highlight/callout/alert,
//! DSFR table wrappers, link rewriting (`@/file.md` resolution, `base_path`, external links
//! opening in a new window), responsive images, accessible task lists, GFM-style footnotes,
//! and what the build needs beside the HTML: headings, links, problems, excerpt, word count.
//!
//! What content may publish is decided here too: every link and image URL passes
//! [`crate::url_policy`] (a refused one is a problem and is never written), and raw HTML
//! goes through [`crate::raw_html`] one fragment at a time (an HTML block, or one inline
//! tag), as do heading attributes (`{onclick=...}`).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd,
};
use serde::Serialize;

use crate::diagnostic::Severity;
use crate::raw_html;
use crate::slug::slugify;
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
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Rendered {
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    /// Plain text, whitespace-collapsed.
    pub text: String,
    /// Byte range of the whole heading in the source.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    Link,
    Image,
    /// `<https://…>`
    Autolink,
    /// `<someone@example.fr>`
    Email,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    pub severity: Severity,
    pub message: String,
    /// What to do about it.
    pub help: String,
    /// Byte range in the source.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// Renders a Markdown body (front matter already removed).
pub fn render(src: &str, opts: &Options<'_>) -> Rendered {
    let ext = parser_options();
    let mut w = Writer {
        opts,
        src,
        raw_block: None,
        definitions: HashMap::new(),
        html: String::with_capacity(src.len() + src.len() / 2),
        out: Rendered::default(),
        reserved: explicit_ids(src),
        used: HashSet::new(),
        callouts: Vec::new(),
        heading: None,
        heading_text: String::new(),
        links: Vec::new(),
        image_depth: 0,
        aligns: Vec::new(),
        cell: 0,
        cell_start: 0,
        in_head: false,
        tbody: false,
        li_pos: 0,
        notes: Vec::new(),
        note_defs: Vec::new(),
        note_stack: Vec::new(),
        excerpt: Excerpt::Waiting,
        in_word: false,
    };
    let parser = Parser::new_ext(src, ext);
    // Where each reference definition is, to point at a refused URL written in one.
    w.definitions = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| (label.to_lowercase(), def.span.clone()))
        .collect();
    for (event, range) in parser.into_offset_iter() {
        w.event(event, range);
    }
    w.finish()
}

struct OpenHeading<'a> {
    level: HeadingLevel,
    /// Where the opening tag goes once the text, hence the id, is known.
    pos: usize,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    range: Range<usize>,
}

struct OpenLink<'a> {
    /// Index in `Rendered::links`.
    index: usize,
    /// Where the opening tag goes once the text (for an external link's title) is known.
    pos: usize,
    title: CowStr<'a>,
    /// The URL is refused: the text is written without a link, an image not at all.
    refused: bool,
}

/// The lines of an HTML block, filtered together once the block ends (a tag may span lines).
#[derive(Default)]
struct RawBlock {
    text: String,
    /// Where each line starts: in `text`, and in the source.
    starts: Vec<(usize, usize)>,
}

#[derive(PartialEq)]
enum Excerpt {
    Waiting,
    Capturing,
    Done,
}

struct Writer<'a> {
    opts: &'a Options<'a>,
    src: &'a str,
    /// The HTML block being read.
    raw_block: Option<RawBlock>,
    /// The source of each reference definition (`[label]: url`), by lowercased label.
    definitions: HashMap<String, Range<usize>>,
    /// Output; swapped with a fresh buffer while inside a footnote definition.
    html: String,
    out: Rendered,
    /// Ids written `{#id}` anywhere: never given to a generated id.
    reserved: HashSet<String>,
    used: HashSet<String>,
    /// One entry per open block quote or list item: is it a DSFR callout (TIP, IMPORTANT)?
    callouts: Vec<bool>,
    heading: Option<OpenHeading<'a>>,
    heading_text: String,
    links: Vec<OpenLink<'a>>,
    /// > 0 inside an image: its content is alt text, not HTML.
    image_depth: usize,
    aligns: Vec<Alignment>,
    cell: usize,
    /// Where the content of the current cell starts.
    cell_start: usize,
    in_head: bool,
    tbody: bool,
    /// Position of the last `<li>` written, to mark task items.
    li_pos: usize,
    /// Referenced footnotes and their reference counts; number = index + 1 (GFM order).
    notes: Vec<(CowStr<'a>, usize)>,
    note_defs: Vec<(CowStr<'a>, String)>,
    /// Open footnote definitions: label and the HTML saved meanwhile.
    note_stack: Vec<(CowStr<'a>, String)>,
    excerpt: Excerpt,
    in_word: bool,
}

impl<'a> Writer<'a> {
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                self.plain(&text);
                if self.image_depth == 0 {
                    escape(&mut self.html, &text, false);
                }
            }
            Event::Code(text) => {
                self.plain(&text);
                if self.image_depth == 0 {
                    self.html.push_str("<code>");
                    escape(&mut self.html, &text, false);
                    self.html.push_str("</code>");
                }
            }
            // Raw HTML inside alt text is dropped, like the alt text's markup.
            Event::Html(html) if self.image_depth == 0 => match &mut self.raw_block {
                Some(block) => {
                    block.starts.push((block.text.len(), range.start));
                    block.text.push_str(&html);
                }
                None => self.raw_fragment(&html, &[(0, range.start)]),
            },
            Event::InlineHtml(html) if self.image_depth == 0 => {
                self.raw_fragment(&html, &[(0, range.start)]);
            }
            Event::SoftBreak | Event::HardBreak => {
                self.plain(" ");
                if self.image_depth == 0 {
                    let hard = matches!(event, Event::HardBreak);
                    self.html.push_str(if hard { "<br>\n" } else { "\n" });
                }
            }
            Event::Rule => {
                self.block_start();
                self.html.push_str("<hr>\n");
            }
            Event::FootnoteReference(label) if self.image_depth == 0 => self.note_ref(label),
            // A disabled checkbox keeps the done/to-do state in the accessibility tree; its
            // aria-label names it, so neither axe-core ("label") nor the Nu checker complains.
            Event::TaskListMarker(done) => {
                if self
                    .html
                    .get(self.li_pos..)
                    .is_some_and(|s| s.starts_with("<li>"))
                {
                    let li = "<li class=\"task-list-item\">";
                    self.html.replace_range(self.li_pos..self.li_pos + 4, li);
                }
                self.html.push_str(if done {
                    "<input type=\"checkbox\" disabled checked aria-label=\"fait\"> "
                } else {
                    "<input type=\"checkbox\" disabled aria-label=\"à faire\"> "
                });
            }
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
                let callout = self.callouts.last() == Some(&true);
                h.push_str(if callout {
                    "<p class=\"fr-callout__text\">"
                } else {
                    "<p>"
                });
                if self.excerpt == Excerpt::Waiting && self.note_stack.is_empty() {
                    self.excerpt = Excerpt::Capturing;
                }
            }
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                self.heading_text.clear();
                let pos = h.len();
                self.heading = Some(OpenHeading {
                    level,
                    pos,
                    id,
                    classes,
                    attrs,
                    range,
                });
            }
            Tag::BlockQuote(kind) => {
                h.push_str(match kind {
                    None => "<blockquote>\n",
                    Some(BlockQuoteKind::Note) => {
                        "<div class=\"fr-highlight\">\n<p class=\"fr-sr-only\">Note</p>\n"
                    }
                    Some(BlockQuoteKind::Tip) => {
                        "<div class=\"fr-callout fr-icon-lightbulb-line\">\n\
                         <p class=\"fr-callout__title\">Astuce</p>\n"
                    }
                    Some(BlockQuoteKind::Important) => {
                        "<div class=\"fr-callout fr-icon-information-line\">\n\
                         <p class=\"fr-callout__title\">Important</p>\n"
                    }
                    Some(BlockQuoteKind::Warning) => {
                        "<div class=\"fr-alert fr-alert--warning\">\n\
                         <p class=\"fr-alert__title\">Attention</p>\n"
                    }
                    Some(BlockQuoteKind::Caution) => {
                        "<div class=\"fr-alert fr-alert--error\">\n\
                         <p class=\"fr-alert__title\">Danger</p>\n"
                    }
                });
                let callout = matches!(kind, Some(BlockQuoteKind::Tip | BlockQuoteKind::Important));
                self.callouts.push(callout);
            }
            Tag::CodeBlock(kind) => {
                h.push_str("<pre><code");
                let info = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next(),
                    CodeBlockKind::Indented => None,
                };
                if let Some(lang) = info {
                    h.push_str(" class=\"language-");
                    escape(h, lang, true);
                    h.push('"');
                }
                h.push('>');
            }
            Tag::List(Some(1)) => h.push_str("<ol>\n"),
            Tag::List(Some(start)) => _ = writeln!(h, "<ol start=\"{start}\">"),
            Tag::List(None) => h.push_str("<ul>\n"),
            Tag::Item => {
                self.li_pos = h.len();
                h.push_str("<li>");
                self.callouts.push(false);
            }
            Tag::HtmlBlock => self.raw_block = Some(RawBlock::default()),
            Tag::FootnoteDefinition(label) => {
                let saved = std::mem::take(h);
                self.note_stack.push((label, saved));
            }
            Tag::Table(aligns) => {
                h.push_str(
                    "<div class=\"fr-table fr-table--no-caption\"><div class=\"fr-table__wrapper\">\
                     <div class=\"fr-table__container\"><div class=\"fr-table__content\"><table>\n",
                );
                self.aligns = aligns;
                self.tbody = false;
            }
            Tag::TableHead => {
                h.push_str("<thead>\n<tr>");
                self.in_head = true;
                self.cell = 0;
            }
            Tag::TableRow => {
                if !self.tbody {
                    h.push_str("<tbody>\n");
                    self.tbody = true;
                }
                h.push_str("<tr>");
                self.cell = 0;
            }
            Tag::TableCell => {
                self.in_word = false;
                h.push_str(if self.in_head { "<th scope=\"col\"" } else { "<td" });
                // Classes, not the obsolete `align` attribute (rejected by the Nu checker).
                match self.aligns.get(self.cell) {
                    Some(Alignment::Center) => h.push_str(" class=\"fr-cell--center\""),
                    Some(Alignment::Right) => h.push_str(" class=\"fr-cell--right\""),
                    _ => {}
                }
                h.push('>');
                self.cell_start = h.len();
            }
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough if self.image_depth > 0 => {}
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
                self.open_link(kind, dest_url, title, &id, range);
            }
            Tag::Image {
                dest_url, title, id, ..
            } => {
                self.open_link(LinkKind::Image, dest_url, title, &id, range);
                self.image_depth += 1;
            }
            _ => {} // not enabled: metadata, definition lists, super/subscript
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let h = &mut self.html;
        match tag {
            TagEnd::Paragraph => {
                h.push_str("</p>\n");
                if self.excerpt == Excerpt::Capturing {
                    trim_end(&mut self.out.excerpt);
                    let empty = self.out.excerpt.is_empty();
                    self.excerpt = if empty { Excerpt::Waiting } else { Excerpt::Done };
                }
            }
            TagEnd::Heading(_) => self.close_heading(),
            TagEnd::BlockQuote(kind) => {
                self.callouts.pop();
                h.push_str(if kind.is_some() {
                    "</div>\n"
                } else {
                    "</blockquote>\n"
                });
            }
            TagEnd::CodeBlock => h.push_str("</code></pre>\n"),
            TagEnd::List(true) => h.push_str("</ol>\n"),
            TagEnd::List(false) => h.push_str("</ul>\n"),
            TagEnd::Item => {
                h.push_str("</li>\n");
                self.callouts.pop();
            }
            TagEnd::FootnoteDefinition => {
                if let Some((label, saved)) = self.note_stack.pop() {
                    let def = std::mem::replace(h, saved);
                    self.note_defs.push((label, def));
                }
            }
            TagEnd::Table => {
                if self.tbody {
                    h.push_str("</tbody>\n");
                }
                h.push_str("</table></div></div></div></div>\n");
            }
            TagEnd::TableHead => {
                h.push_str("</tr>\n</thead>\n");
                self.in_head = false;
            }
            TagEnd::TableRow => h.push_str("</tr>\n"),
            // An empty header cell (row labels' column) is no header (axe "empty-table-header").
            TagEnd::TableCell if self.in_head && h.len() == self.cell_start => {
                h.truncate(h.rfind("<th").unwrap_or(h.len()));
                h.push_str("<td></td>");
                self.cell += 1;
            }
            TagEnd::TableCell => {
                h.push_str(if self.in_head { "</th>" } else { "</td>" });
                self.cell += 1;
            }
            TagEnd::Image => {
                self.image_depth -= 1;
                self.close_link();
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough if self.image_depth > 0 => {}
            TagEnd::Emphasis => h.push_str("</em>"),
            TagEnd::Strong => h.push_str("</strong>"),
            TagEnd::Strikethrough => h.push_str("</del>"),
            TagEnd::Link => self.close_link(),
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
            self.out.problems.push(Problem {
                kind,
                severity: found.severity,
                message: found.message,
                help: found.help.to_string(),
                range: start..end,
            });
        }
    }

    /// Starts a block on a new line (and a new word).
    fn block_start(&mut self) {
        self.in_word = false;
        if !self.html.is_empty() && !self.html.ends_with('\n') {
            self.html.push('\n');
        }
    }

    /// Feeds rendered text to the word count and to every plain-text collector open.
    fn plain(&mut self, text: &str) {
        // Alt text is neither counted nor part of the excerpt.
        if self.image_depth == 0 {
            self.count_words(text);
            // Stop once it surely holds more than EXCERPT_CHARS characters.
            if self.excerpt == Excerpt::Capturing && self.out.excerpt.len() <= 4 * EXCERPT_CHARS {
                push_plain(&mut self.out.excerpt, text);
            }
        }
        if self.heading.is_some() {
            push_plain(&mut self.heading_text, text);
        }
        for open in &self.links {
            push_plain(&mut self.out.links[open.index].text, text);
        }
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
        self.out.word_count += count;
    }

    fn close_heading(&mut self) {
        let Some(h) = self.heading.take() else { return };
        let text = self.heading_text.trim_end().to_owned();
        if text.is_empty() {
            // `##` alone, or only an image without alt: no empty heading (axe "empty-heading").
            if self.html.len() > h.pos {
                self.html.insert_str(h.pos, "<p>");
                self.html.push_str("</p>\n");
            }
            return;
        }
        let id = self.unique_id(h.id.as_deref(), &text, &h.range);
        let level = h.level as u8;
        let mut tag = format!("<h{level} id=\"");
        escape(&mut tag, &id, true);
        tag.push('"');
        if !h.classes.is_empty() {
            tag.push_str(" class=\"");
            escape(&mut tag, &h.classes.join(" "), true);
            tag.push('"');
        }
        for (name, value) in &h.attrs {
            let element = format!("h{level}");
            let lower = name.to_ascii_lowercase();
            let written = value.as_deref().unwrap_or("");
            match raw_html::attribute(&element, &lower, written, self.opts.raw_html) {
                raw_html::Verdict::Keep => {}
                raw_html::Verdict::Remove(help) => {
                    self.out.problems.push(Problem {
                        kind: ProblemKind::RawHtml,
                        severity: Severity::Warning,
                        message: format!("the heading attribute `{name}` was removed"),
                        help: help.into(),
                        range: h.range.clone(),
                    });
                    continue;
                }
                raw_html::Verdict::Refuse(refused) => {
                    let what = format!("the heading attribute `{name}`");
                    self.refused(&refused, &what, written, &h.range);
                    continue;
                }
            }
            tag.push(' ');
            escape(&mut tag, name, true);
            if let Some(value) = value {
                tag.push_str("=\"");
                escape(&mut tag, value, true);
                tag.push('"');
            }
        }
        tag.push('>');
        self.html.insert_str(h.pos, &tag);
        _ = writeln!(self.html, "</h{level}>");
        let range = h.range;
        self.out.headings.push(Heading {
            level,
            id,
            text,
            range,
        });
    }

    /// An explicit `{#id}` wins; otherwise the slug of the text (or `section`), with a `-2`,
    /// `-3`… suffix when already used or reserved by an explicit id elsewhere in the page.
    fn unique_id(&mut self, explicit: Option<&str>, text: &str, range: &Range<usize>) -> String {
        let base = match explicit {
            Some(id) if !self.used.contains(id) => {
                self.used.insert(id.to_owned());
                return id.to_owned();
            }
            Some(id) => {
                let message = format!("duplicate heading id `{id}`");
                self.problem(ProblemKind::DuplicateId, message, range);
                id.to_owned()
            }
            None => {
                let slug = slugify(text);
                if slug.is_empty() {
                    "section".to_owned()
                } else {
                    slug
                }
            }
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.used.contains(&id) || self.reserved.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }

    fn problem(&mut self, kind: ProblemKind, message: String, range: &Range<usize>) {
        let help = match kind {
            ProblemKind::UnknownFile => {
                "a link written `@/...` names a file inside `content/`, like `@/startups/languia.md`"
            }
            ProblemKind::DuplicateId => "give each heading its own id, or remove the `{#...}`",
            ProblemKind::RefusedUrl | ProblemKind::RawHtml => "",
        };
        self.out.problems.push(Problem {
            kind,
            severity: Severity::Error,
            message,
            help: help.into(),
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
        self.out.problems.push(Problem {
            kind: ProblemKind::RefusedUrl,
            severity: Severity::Error,
            message: refused.message(what),
            help: refused.help().into(),
            range,
        });
    }

    /// `label`: the reference the link is written with (`[text][label]`), if any.
    fn open_link(
        &mut self,
        kind: LinkKind,
        dest: CowStr<'a>,
        title: CowStr<'a>,
        label: &str,
        range: Range<usize>,
    ) {
        let refused = match kind {
            LinkKind::Email => None,
            _ => url_policy::check(&dest).err(),
        };
        let href = if let Some(refused) = &refused {
            let what = if kind == LinkKind::Image { "image" } else { "link" };
            let written = match self.definitions.get(&label.to_lowercase()) {
                Some(definition) if !label.is_empty() => definition.clone(),
                _ => range.clone(),
            };
            self.refused(refused, what, &dest, &written);
            String::new()
        } else if kind == LinkKind::Email {
            format!("mailto:{dest}")
        } else if let Some(rest) = dest.strip_prefix("@/") {
            let (path, frag) = rest.split_at(rest.find('#').unwrap_or(rest.len()));
            match (self.opts.resolve)(path) {
                Some(url) => url + frag,
                None => {
                    let message = format!("link to unknown file `{path}`");
                    self.problem(ProblemKind::UnknownFile, message, &range);
                    dest.to_string()
                }
            }
        } else if dest.starts_with('/') && !dest.starts_with("//") {
            format!("{}{dest}", self.opts.base_path.trim_end_matches('/'))
        } else {
            dest.to_string()
        };
        let external = kind != LinkKind::Email && is_external(&href);
        let index = self.out.links.len();
        let (dest, text) = (dest.into_string(), String::new());
        self.out.links.push(LinkRef {
            kind,
            dest,
            href,
            external,
            text,
            range,
        });
        self.links.push(OpenLink {
            index,
            pos: self.html.len(),
            title,
            refused: refused.is_some(),
        });
    }

    fn close_link(&mut self) {
        let Some(open) = self.links.pop() else { return };
        let link = &mut self.out.links[open.index];
        trim_end(&mut link.text);
        if self.image_depth > 0 || (open.refused && link.kind == LinkKind::Image) {
            return; // an image or link inside alt text, or an image that cannot be shown
        }
        if open.refused {
            return; // the text alone
        }
        if link.kind == LinkKind::Image {
            self.html.push_str("<img src=\"");
            escape_href(&mut self.html, &link.href);
            self.html.push_str("\" alt=\"");
            escape(&mut self.html, &link.text, true);
            self.html.push_str("\" class=\"fr-responsive-img\"");
            push_attr(&mut self.html, "title", &open.title);
            self.html.push('>');
            return;
        }
        let mut tag = String::from("<a href=\"");
        escape_href(&mut tag, &link.href);
        tag.push('"');
        if link.external {
            // DSFR/RGAA: tell that the link opens a new window, in its title.
            let name = if open.title.is_empty() {
                &link.text
            } else {
                &*open.title
            };
            let sep = if name.is_empty() { "" } else { " - " };
            push_attr(&mut tag, "title", &format!("{name}{sep}nouvelle fenêtre"));
            tag.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
        } else {
            push_attr(&mut tag, "title", &open.title);
        }
        tag.push('>');
        self.html.insert_str(open.pos, &tag);
        self.html.push_str("</a>");
    }

    fn note_ref(&mut self, label: CowStr<'a>) {
        let i = match self.notes.iter().position(|n| same_label(&n.0, &label)) {
            Some(i) => i,
            None => {
                self.notes.push((label, 0));
                self.notes.len() - 1
            }
        };
        self.notes[i].1 += 1;
        let (n, k) = (i + 1, self.notes[i].1);
        let k = if k == 1 { String::new() } else { format!(":{k}") };
        _ = write!(
            self.html,
            "<sup class=\"footnote-ref\"><a href=\"#fn:{n}\" id=\"fnref:{n}{k}\" \
             aria-label=\"Note {n}\">{n}</a></sup>"
        );
    }

    fn finish(mut self) -> Rendered {
        if !self.notes.is_empty() {
            self.write_notes();
        }
        let out = &mut self.out;
        out.html = self.html;
        // Kept for the whole build: give back what the estimate over-reserved.
        out.html.shrink_to_fit();
        out.toc = toc(&out.headings);
        truncate_words(&mut out.excerpt, EXCERPT_CHARS);
        self.out
    }

    /// GFM-style footnotes section, ids `fn:N` and back references `fnref:N[:K]` (a generated
    /// heading id never contains ':', so they cannot collide).
    fn write_notes(&mut self) {
        let h = &mut self.html;
        h.push_str("<section class=\"footnotes\" aria-label=\"Notes de bas de page\">\n<ol>\n");
        for (i, (label, refs)) in self.notes.iter().enumerate() {
            let n = i + 1;
            // pulldown-cmark only reports references to defined notes.
            let def = self.note_defs.iter().find(|d| same_label(&d.0, label));
            let def = def.map_or("", |d| d.1.as_str());
            let mut back = String::new();
            for k in 1..=*refs {
                let (id, sup, which) = match k {
                    1 if *refs == 1 => (String::new(), String::new(), String::new()),
                    1 => (String::new(), String::new(), " 1".into()),
                    k => (format!(":{k}"), format!("<sup>{k}</sup>"), format!(" {k}")),
                };
                _ = write!(
                    back,
                    " <a href=\"#fnref:{n}{id}\" class=\"footnote-backref\" \
                     aria-label=\"Retour à l’appel{which} de la note {n}\">↩{sup}</a>"
                );
            }
            _ = writeln!(h, "<li id=\"fn:{n}\">");
            match def.strip_suffix("</p>\n") {
                Some(body) => _ = writeln!(h, "{body}{back}</p>"),
                None => _ = writeln!(h, "{def}<p>{}</p>", back.trim_start()),
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ol>\n</section>\n");
    }
}

/// Nests a flat list of headings: each heading goes under the last one of a lower level.
fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    let mut root: Vec<TocEntry> = Vec::new();
    for h in headings {
        let mut list = &mut root;
        while list.last().is_some_and(|last| last.level < h.level) {
            list = &mut list.last_mut().expect("checked").children;
        }
        let (id, title) = (h.id.clone(), h.text.clone());
        list.push(TocEntry {
            level: h.level,
            id,
            title,
            children: Vec::new(),
        });
    }
    root
}

/// Ids written as heading attributes (`{#id}` or `{.class #id}` at the end of a line).
/// A cheap over-approximation: lines in code blocks count too, which only costs a suffix.
fn explicit_ids(src: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    if src.contains('{') {
        for line in src.lines().map(str::trim_end) {
            let Some(attrs) = line.strip_suffix('}').and_then(|l| l.rsplit_once('{')) else {
                continue;
            };
            let ids_in_braces = attrs.1.split_whitespace().filter_map(|t| t.strip_prefix('#'));
            ids.extend(ids_in_braces.filter(|id| !id.is_empty()).map(str::to_owned));
        }
    }
    ids
}

fn is_external(href: &str) -> bool {
    let lower = |p: &str| href.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    href.starts_with("//") || lower("http://") || lower("https://")
}

/// Footnote labels match case-insensitively, as pulldown-cmark does.
fn same_label(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Appends text with whitespace runs collapsed to one space, none leading; drops zero-width
/// spaces and stray BOMs.
fn push_plain(buf: &mut String, text: &str) {
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

fn trim_end(buf: &mut String) {
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

/// Escapes text for HTML content, or for a double-quoted attribute value with `attr`.
fn escape(out: &mut String, text: &str, attr: bool) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attr => "&quot;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// Writes a URL for a double-quoted attribute: percent-encodes what is not allowed raw in a
/// URL (spaces, non-ASCII bytes, quotes…), keeps existing `%XX` escapes.
fn escape_href(out: &mut String, url: &str) {
    let mut last = 0;
    for (i, b) in url.bytes().enumerate() {
        if b.is_ascii_alphanumeric() || b"!#$%()*+,-./:;=?@^_~".contains(&b) {
            continue;
        }
        if last < i {
            out.push_str(&url[last..i]); // `last` may be inside a character being encoded
        }
        match b {
            b'&' => out.push_str("&amp;"),
            b'\'' => out.push_str("&#39;"),
            _ => _ = write!(out, "%{b:02X}"),
        }
        last = i + 1;
    }
    out.push_str(&url[last..]);
}

/// ` name="value"`, escaped; nothing when the value is empty.
fn push_attr(out: &mut String, name: &str, value: &str) {
    if !value.is_empty() {
        _ = write!(out, " {name}=\"");
        escape(out, value, true);
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostic::Location;

    fn resolve(path: &str) -> Option<String> {
        match path {
            "startups/languia.md" => Some("/startups/languia/".into()),
            "_index.md" => Some("/".into()),
            _ => None,
        }
    }

    fn md(src: &str) -> Rendered {
        render(
            src,
            &Options {
                base_path: "/",
                resolve: &resolve,
                raw_html: raw_html::Mode::Sanitize,
            },
        )
    }

    fn html(src: &str) -> String {
        md(src).html
    }

    fn ids(r: &Rendered) -> Vec<&str> {
        r.headings.iter().map(|h| h.id.as_str()).collect()
    }

    #[test]
    fn heading_ids() {
        let src = "##\n## Le problème\n## Le problème \n### **Contexte**\n## Problème 👀\n## 👀\n\
                   ## 🎁 2. La solution\n## Déci\u{200b}sion\u{feff}\nSetext\n------\n#NoSpace\n";
        let r = md(src);
        let expected = [
            "le-probleme",
            "le-probleme-2",
            "contexte",
            "probleme",
            "section",
            "2-la-solution",
            "decision",
            "setext",
        ];
        assert_eq!(ids(&r), expected);
        assert_eq!(r.headings[2].text, "Contexte");
        assert_eq!(r.headings[6].text, "Décision");
        assert_eq!(&src[r.headings[7].range.clone()], "Setext\n------\n");
        let h = &r.html;
        assert!(h.starts_with("<h2 id=\"le-probleme\">Le problème</h2>\n"), "{h}");
        assert!(h.contains("<h3 id=\"contexte\"><strong>Contexte</strong></h3>\n"));
        assert!(h.contains("<h2 id=\"section\">👀</h2>\n"));
        assert!(h.ends_with("<h2 id=\"setext\">Setext</h2>\n<p>#NoSpace</p>\n"));
        assert_eq!(
            html("## ![](a.png)\n"),
            "<p><img src=\"a.png\" alt=\"\" class=\"fr-responsive-img\"></p>\n"
        );
    }

    #[test]
    fn explicit_ids_win_and_are_reserved() {
        let src = "## Contexte\n## Autre {#contexte .large}\n## Contexte\n## Dup {#contexte}\n";
        let r = md(src);
        assert_eq!(ids(&r), ["contexte-2", "contexte", "contexte-3", "contexte-4"]);
        assert!(
            r.html
                .contains("<h2 id=\"contexte\" class=\"large\">Autre</h2>\n")
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].kind, ProblemKind::DuplicateId);
        assert_eq!(r.problems[0].message, "duplicate heading id `contexte`");
        assert_eq!(src[r.problems[0].range.clone()].trim_end(), "## Dup {#contexte}");
    }

    #[test]
    fn toc_nesting() {
        let entry = |level, title: &str, children| TocEntry {
            level,
            id: title.to_lowercase(),
            title: title.into(),
            children,
        };
        let r = md("## A\n### A1\n#### A1a\n### A2\n## B\n");
        let a1 = entry(3, "A1", vec![entry(4, "A1a", vec![])]);
        let a = entry(2, "A", vec![a1, entry(3, "A2", vec![])]);
        assert_eq!(r.toc, [a, entry(2, "B", vec![])]);
        let r = md("### X\n## Y\n### Y1\n");
        let y = entry(2, "Y", vec![entry(3, "Y1", vec![])]);
        assert_eq!(r.toc, [entry(3, "X", vec![]), y]);
    }

    #[test]
    fn alerts() {
        let cases = [
            (
                "NOTE",
                "<div class=\"fr-highlight\">\n<p class=\"fr-sr-only\">Note</p>\n<p>Texte.</p>\n",
            ),
            (
                "TIP",
                "<div class=\"fr-callout fr-icon-lightbulb-line\">\n\
                 <p class=\"fr-callout__title\">Astuce</p>\n<p class=\"fr-callout__text\">Texte.</p>\n",
            ),
            (
                "IMPORTANT",
                "<div class=\"fr-callout fr-icon-information-line\">\n\
                 <p class=\"fr-callout__title\">Important</p>\n<p class=\"fr-callout__text\">Texte.</p>\n",
            ),
            (
                "WARNING",
                "<div class=\"fr-alert fr-alert--warning\">\n\
                 <p class=\"fr-alert__title\">Attention</p>\n<p>Texte.</p>\n",
            ),
            (
                "CAUTION",
                "<div class=\"fr-alert fr-alert--error\">\n\
                 <p class=\"fr-alert__title\">Danger</p>\n<p>Texte.</p>\n",
            ),
        ];
        for (kind, open) in cases {
            assert_eq!(
                html(&format!("> [!{kind}]\n> Texte.\n")),
                format!("{open}</div>\n")
            );
        }
        assert_eq!(
            html("> [!TIP]\n> Un.\n>\n> - *deux*\n>\n>   trois\n"),
            "<div class=\"fr-callout fr-icon-lightbulb-line\">\n\
             <p class=\"fr-callout__title\">Astuce</p>\n<p class=\"fr-callout__text\">Un.</p>\n\
             <ul>\n<li>\n<p><em>deux</em></p>\n<p>trois</p>\n</li>\n</ul>\n</div>\n"
        );
        assert_eq!(
            html("> Citation\n"),
            "<blockquote>\n<p>Citation</p>\n</blockquote>\n"
        );
    }

    #[test]
    fn tables() {
        assert_eq!(
            html("| a | b | c | d |\n|---|:--|:-:|--:|\n| 1 | **2** | 3 | 4 |\n"),
            "<div class=\"fr-table fr-table--no-caption\"><div class=\"fr-table__wrapper\">\
             <div class=\"fr-table__container\"><div class=\"fr-table__content\"><table>\n\
             <thead>\n<tr><th scope=\"col\">a</th><th scope=\"col\">b</th>\
             <th scope=\"col\" class=\"fr-cell--center\">c</th>\
             <th scope=\"col\" class=\"fr-cell--right\">d</th></tr>\n</thead>\n\
             <tbody>\n<tr><td>1</td><td><strong>2</strong></td><td class=\"fr-cell--center\">3</td>\
             <td class=\"fr-cell--right\">4</td></tr>\n</tbody>\n</table></div></div></div></div>\n"
        );
        assert_eq!(
            html("| | a |\n|---|---|\n"),
            "<div class=\"fr-table fr-table--no-caption\"><div class=\"fr-table__wrapper\">\
             <div class=\"fr-table__container\"><div class=\"fr-table__content\"><table>\n\
             <thead>\n<tr><td></td><th scope=\"col\">a</th></tr>\n</thead>\n\
             </table></div></div></div></div>\n"
        );
    }

    #[test]
    fn links() {
        let r = md(
            "[Site](https://exemple.fr) [T](http://a.fr \"Doc\") [P](//cdn.fr/x) \
                    [Mail](mailto:a@b.fr) <https://c.fr> <d@e.fr> [Int](/startups/) \
                    [Rel](../x/) [Ancre](#contexte)",
        );
        assert_eq!(
            r.html,
            "<p><a href=\"https://exemple.fr\" title=\"Site - nouvelle fenêtre\" target=\"_blank\" \
             rel=\"noopener noreferrer\">Site</a> <a href=\"http://a.fr\" title=\"Doc - nouvelle \
             fenêtre\" target=\"_blank\" rel=\"noopener noreferrer\">T</a> <a href=\"//cdn.fr/x\" \
             title=\"P - nouvelle fenêtre\" target=\"_blank\" rel=\"noopener noreferrer\">P</a> \
             <a href=\"mailto:a@b.fr\">Mail</a> <a href=\"https://c.fr\" title=\"https://c.fr - \
             nouvelle fenêtre\" target=\"_blank\" rel=\"noopener noreferrer\">https://c.fr</a> \
             <a href=\"mailto:d@e.fr\">d@e.fr</a> <a href=\"/startups/\">Int</a> \
             <a href=\"../x/\">Rel</a> <a href=\"#contexte\">Ancre</a></p>\n"
        );
        let kinds: Vec<_> = r
            .links
            .iter()
            .map(|l| (l.kind, l.external, l.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (LinkKind::Link, true, "Site"),
                (LinkKind::Link, true, "T"),
                (LinkKind::Link, true, "P"),
                (LinkKind::Link, false, "Mail"),
                (LinkKind::Autolink, true, "https://c.fr"),
                (LinkKind::Email, false, "d@e.fr"),
                (LinkKind::Link, false, "Int"),
                (LinkKind::Link, false, "Rel"),
                (LinkKind::Link, false, "Ancre"),
            ]
        );
        assert_eq!(
            (r.links[5].dest.as_str(), r.links[5].href.as_str()),
            ("d@e.fr", "mailto:d@e.fr")
        );
        assert!(r.problems.is_empty());
        assert_eq!(
            html("## Voir [le *site*](https://x.fr)\n"),
            "<h2 id=\"voir-le-site\">Voir <a href=\"https://x.fr\" title=\"le site - nouvelle fenêtre\" \
             target=\"_blank\" rel=\"noopener noreferrer\">le <em>site</em></a></h2>\n"
        );
    }

    #[test]
    fn internal_links() {
        let src = "Voir [Compar:IA](@/startups/languia.md#equipe), [l’accueil][a] et [x](@/startups/x.md).\n\n\
                   [a]: @/_index.md\n";
        let r = md(src);
        assert_eq!(
            r.html,
            "<p>Voir <a href=\"/startups/languia/#equipe\">Compar:IA</a>, <a href=\"/\">l’accueil</a> \
             et <a href=\"@/startups/x.md\">x</a>.</p>\n"
        );
        assert_eq!(r.links[0].dest, "@/startups/languia.md#equipe");
        assert_eq!(r.links[0].href, "/startups/languia/#equipe");
        assert_eq!(
            r.problems,
            [Problem {
                kind: ProblemKind::UnknownFile,
                severity: Severity::Error,
                message: "link to unknown file `startups/x.md`".into(),
                help: "a link written `@/...` names a file inside `content/`, like `@/startups/languia.md`"
                    .into(),
                range: src.find("[x]").unwrap()..src.find(").").unwrap() + 1,
            }]
        );
    }

    #[test]
    fn base_path_rewriting() {
        let resolve = |p: &str| (p == "candidater.md").then(|| "/atelier/candidater/".to_owned());
        let opts = Options {
            base_path: "/atelier/",
            resolve: &resolve,
            raw_html: raw_html::Mode::Sanitize,
        };
        let r = render(
            "[a](/startups/) [b](@/candidater.md) [c](img/x.png) [d](#x) [e](//cdn.fr/) ![i](/img/a.png)",
            &opts,
        );
        let hrefs: Vec<_> = r.links.iter().map(|l| l.href.as_str()).collect();
        let expected = [
            "/atelier/startups/",
            "/atelier/candidater/",
            "img/x.png",
            "#x",
            "//cdn.fr/",
        ];
        assert_eq!(hrefs[..5], expected);
        assert_eq!(hrefs[5], "/atelier/img/a.png");
        assert!(
            r.html
                .contains("<img src=\"/atelier/img/a.png\" alt=\"i\" class=\"fr-responsive-img\">")
        );
    }

    #[test]
    fn images() {
        let r = md(
            "![Logo de *l’Atelier*](/img/logo.png \"Le logo\") ![](<https://x.fr/a b.png>)\n\n\
                    [![Compar:IA](i.png)](https://comparia.beta.gouv.fr)",
        );
        assert_eq!(
            r.html,
            "<p><img src=\"/img/logo.png\" alt=\"Logo de l’Atelier\" class=\"fr-responsive-img\" \
             title=\"Le logo\"> <img src=\"https://x.fr/a%20b.png\" alt=\"\" class=\"fr-responsive-img\"></p>\n\
             <p><a href=\"https://comparia.beta.gouv.fr\" title=\"Compar:IA - nouvelle fenêtre\" \
             target=\"_blank\" rel=\"noopener noreferrer\"><img src=\"i.png\" alt=\"Compar:IA\" \
             class=\"fr-responsive-img\"></a></p>\n"
        );
        let texts: Vec<_> = r.links.iter().map(|l| (l.kind, l.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (LinkKind::Image, "Logo de l’Atelier"),
                (LinkKind::Image, ""),
                (LinkKind::Link, "Compar:IA"),
                (LinkKind::Image, "Compar:IA"),
            ]
        );
        assert_eq!(r.word_count, 0);
        assert_eq!(r.excerpt, "");
    }

    #[test]
    fn excerpt() {
        assert_eq!(
            md("## Titre\n\n![img](a.png)\n\nUn  *premier*\nparagraphe.\n\nSuite.").excerpt,
            "Un premier paragraphe."
        );
        let long = "Le ministère de la Culture accompagne des projets numériques. ".repeat(5);
        let r = md(&long);
        assert!(r.excerpt.ends_with('…') && r.excerpt.chars().count() <= EXCERPT_CHARS);
        let kept = r.excerpt.trim_end_matches('…');
        assert!(
            long.starts_with(kept) && long[kept.len()..].starts_with(' '),
            "{kept:?}"
        );
        assert!(kept.chars().count() > 180, "{kept:?}");
    }

    #[test]
    fn word_count() {
        assert_eq!(
            md("Le problème : l’accès — 3 mots ?\n\nun**deux** trois\n- a\n- b").word_count,
            9
        );
    }

    fn with_raw_html(src: &str, raw_html: raw_html::Mode) -> Rendered {
        let opts = Options {
            base_path: "/",
            resolve: &resolve,
            raw_html,
        };
        render(src, &opts)
    }

    /// Each problem with the source text it points at.
    fn problems(src: &str, r: &Rendered) -> Vec<(Severity, String, String)> {
        let at = |p: &Problem| src[p.range.clone()].to_string();
        r.problems
            .iter()
            .map(|p| (p.severity, p.message.clone(), at(p)))
            .collect()
    }

    #[test]
    fn raw_html_is_filtered_and_reported_at_its_line() {
        let src = "<iframe src=\"https://www.dailymotion.com/embed/video/x\" title=\"Vidéo\"></iframe>\n\n\
                   Texte<br>fin <img src=\"/img/a.png\" width=\"200\" alt=\"\" onerror=\"x()\"> &nbsp;&#39;\n\n\
                   <!-- note -->\n";
        let r = md(src);
        assert_eq!(
            r.html,
            "\n<p>Texte<br>fin <img src=\"/img/a.png\" width=\"200\" alt=\"\"> \u{a0}'</p>\n\n"
        );
        let removed = |what: &str| format!("raw HTML: {what} was removed");
        assert_eq!(
            problems(src, &r),
            [
                (
                    Severity::Warning,
                    removed("the element `<iframe>`") + " with its content",
                    "<iframe".into()
                ),
                (
                    Severity::Warning,
                    removed("the attribute `onerror` of `<img>`"),
                    "onerror".into()
                ),
            ]
        );
        // Trusted: as written.
        let r = with_raw_html(src, raw_html::Mode::Trusted);
        assert_eq!(
            r.html,
            "<iframe src=\"https://www.dailymotion.com/embed/video/x\" title=\"Vidéo\"></iframe>\n\
             <p>Texte<br>fin <img src=\"/img/a.png\" width=\"200\" alt=\"\" onerror=\"x()\"> \u{a0}'</p>\n\
             <!-- note -->\n"
        );
        assert!(r.problems.is_empty());
    }

    #[test]
    fn html_blocks_are_filtered_whole_and_located_in_their_container() {
        // A tag over three lines of a block quote; a `<details>` around Markdown.
        let src = "> <div class=\"fr-callout\">\n> <img src=\"a.png\"\n>   onerror=\"x()\" alt=\"\">\n> </div>\n\n\
                   <details>\n<summary>Plus</summary>\n\n*Texte* caché.\n\n</details>\n";
        let r = md(src);
        assert_eq!(
            r.html,
            "<blockquote>\n<div class=\"fr-callout\">\n<img src=\"a.png\" alt=\"\">\n</div>\n</blockquote>\n\
             <details>\n<summary>Plus</summary>\n<p><em>Texte</em> caché.</p>\n</details>\n"
        );
        let found = problems(src, &r);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, "onerror");
        let line = Location::in_source(Path::new("a.md"), src, 1, r.problems[0].range.start, 1);
        assert_eq!((line.line, line.col), (3, 5));
    }

    #[test]
    fn refused_urls_are_problems_and_never_written() {
        let src = "[a](javascript:alert(1)) [b](<java\tscript:x>) [c](jav&#x61;script:x) ![i](data:image/png;base64,AA)\n\
                   <javascript:alert(1)> [d][ref] [e](VBScript:x \"t\")\n\n## Titre {onclick=x() data-x=1}\n\n\
                   [ref]: file:///etc/passwd\n";
        let r = md(src);
        assert_eq!(
            r.html,
            "<p>a b c \njavascript:alert(1) d e</p>\n<h2 id=\"titre\">Titre</h2>\n"
        );
        let refused = |what: &str, scheme: &str| {
            format!(
                "{what}: the URL scheme `{scheme}:` is not allowed, only http, https, mailto, tel \
                 and addresses of the site"
            )
        };
        let e = Severity::Error;
        assert_eq!(
            problems(src, &r),
            [
                (e, refused("link", "javascript"), "javascript:alert(1)".into()),
                (e, refused("link", "javascript"), "java\tscript:x".into()),
                (e, refused("link", "javascript"), "[c](jav&#x61;script:x)".into()),
                (e, refused("image", "data"), "data:image/png;base64,AA".into()),
                (e, refused("link", "javascript"), "javascript:alert(1)".into()),
                (e, refused("link", "file"), "file:///etc/passwd".into()),
                (e, refused("link", "vbscript"), "VBScript:x".into()),
                (
                    Severity::Warning,
                    "the heading attribute `onclick` was removed".into(),
                    "## Titre {onclick=x() data-x=1}\n".into()
                ),
                (
                    Severity::Warning,
                    "the heading attribute `data-x` was removed".into(),
                    "## Titre {onclick=x() data-x=1}\n".into()
                ),
            ]
        );
        assert!(
            r.problems
                .iter()
                .take(7)
                .all(|p| p.kind == ProblemKind::RefusedUrl)
        );
        assert!(r.links.iter().all(|l| l.href.is_empty() && !l.external));
        // Trusted keeps the heading's attributes, not the URLs.
        let r = with_raw_html(src, raw_html::Mode::Trusted);
        assert!(
            r.html.contains("<h2 id=\"titre\" onclick=\"x()\" data-x=\"1\">"),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 7);
    }

    #[test]
    fn inline_blocks_and_escaping() {
        assert_eq!(
            html(
                "a < b & `c<d`\nsoft  \nhard\\\nend ~~barré~~\n\n```rust ignore\nfn x() -> &'a str {}\n```\n\n---\n1. [a](x\"y 'z')\n"
            ),
            "<p>a &lt; b &amp; <code>c&lt;d</code>\nsoft<br>\nhard<br>\nend <del>barré</del></p>\n\
             <pre><code class=\"language-rust\">fn x() -&gt; &amp;'a str {}\n</code></pre>\n<hr>\n\
             <ol>\n<li><a href=\"x%22y\" title=\"z\">a</a></li>\n</ol>\n"
        );
        assert_eq!(html("3. trois\n"), "<ol start=\"3\">\n<li>trois</li>\n</ol>\n");
    }

    #[test]
    fn task_lists() {
        assert_eq!(
            html("- [x] fait\n- [ ] à faire\n- normal\n"),
            "<ul>\n<li class=\"task-list-item\"><input type=\"checkbox\" disabled checked aria-label=\"fait\"> fait</li>\n\
             <li class=\"task-list-item\"><input type=\"checkbox\" disabled aria-label=\"à faire\"> à faire</li>\n\
             <li>normal</li>\n</ul>\n"
        );
    }

    #[test]
    fn footnotes() {
        let r = md(
            "## Notes\nUn[^a], deux[^b], encore[^A].\n\n[^b]: Deuxième.\n[^a]: Première.\n[^x]: Inutilisée.\n",
        );
        assert_eq!(
            r.html,
            "<h2 id=\"notes\">Notes</h2>\n<p>Un<sup class=\"footnote-ref\"><a href=\"#fn:1\" id=\"fnref:1\" \
             aria-label=\"Note 1\">1</a></sup>, deux<sup class=\"footnote-ref\"><a href=\"#fn:2\" id=\"fnref:2\" \
             aria-label=\"Note 2\">2</a></sup>, encore<sup class=\"footnote-ref\"><a href=\"#fn:1\" \
             id=\"fnref:1:2\" aria-label=\"Note 1\">1</a></sup>.</p>\n\
             <section class=\"footnotes\" aria-label=\"Notes de bas de page\">\n<ol>\n\
             <li id=\"fn:1\">\n<p>Première. <a href=\"#fnref:1\" class=\"footnote-backref\" \
             aria-label=\"Retour à l’appel 1 de la note 1\">↩</a> <a href=\"#fnref:1:2\" \
             class=\"footnote-backref\" aria-label=\"Retour à l’appel 2 de la note 1\">↩<sup>2</sup></a></p>\n</li>\n\
             <li id=\"fn:2\">\n<p>Deuxième. <a href=\"#fnref:2\" class=\"footnote-backref\" \
             aria-label=\"Retour à l’appel de la note 2\">↩</a></p>\n</li>\n</ol>\n</section>\n"
        );
        assert_eq!(r.excerpt, "Un, deux, encore.");
    }

    /// Markdown and HTML a hostile author may combine; the property glues them at random.
    const HOSTILE: &[&str] = &[
        "[a](",
        "](",
        ")",
        "![i](",
        "[r]: ",
        "[x][r]",
        "<",
        ">",
        "\n",
        "\n\n",
        "> ",
        "- ",
        "1. ",
        "## ",
        "   ",
        "\t",
        "`",
        "```\n",
        "{onclick=alert(1) #i .c}",
        "*",
        "_",
        "~~",
        "|a|b|\n|-|-|\n| ",
        "[^1]",
        "[^1]: ",
        "javascript:alert(1)",
        "JaVa\tScRiPt:x",
        "jav&#x61;script:",
        "&#106;ava",
        "data:text/html,<script>x</script>",
        "vbscript:x",
        " \u{1}javascript:x",
        "<javascript:alert(1)>",
        "<a href=\"",
        "\">",
        "<a href=javascript:x>",
        "</a>",
        "<img src=x onerror=alert(1)>",
        "<script>",
        "</script>",
        "alert(1)",
        "<svg onload=alert(1)>",
        "<style>",
        "</style>",
        "<iframe src=//x>",
        "<!--",
        "-->",
        "<div class=\"fr-x\">",
        "</div>",
        "<details><summary>s</summary>",
        "</details>",
        "<form action=javascript:x><button>b</button>",
        "<textarea>",
        "<title>",
        "<noscript>",
        "<xmp>",
        "<math><mtext><table><mglyph><style><img src=x onerror=y>",
        "&",
        "\"",
        "'",
        "=",
        "texte",
        "https://exemple.fr",
        "@/a.md",
        "\\",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 1000, ..Default::default() })]

        /// Whatever an author writes, a browser builds nothing from the body that runs script
        /// or loads a refused URL, and what follows the body in the page is shown.
        #[test]
        fn no_body_ships_script(pieces in proptest::collection::vec(proptest::sample::select(HOSTILE), 0..40)) {
            let src = pieces.concat();
            let r = md(&src);
            crate::raw_html::tests::assert_inert(&r.html);
            proptest::prop_assert_eq!(crate::raw_html::in_browser(&r.html, raw_html::Mode::Sanitize), None);
            proptest::prop_assert!(!r.html.to_ascii_lowercase().contains("<script"), "{}", r.html);
            for p in &r.problems {
                proptest::prop_assert!(p.range.start <= p.range.end && p.range.end <= src.len());
            }
        }
    }

    /// Every real beta.gouv.fr body: no panic, unique ids, sane output.
    #[test]
    fn corpus() {
        let dir = std::path::Path::new("/work/shared/corpus/betagouv/startups");
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("skipped: corpus not found at {}", dir.display());
            return;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.retain(|p| p.extension().is_some_and(|e| e == "md"));
        files.sort();
        let (mut headings, mut links, mut words, mut filtered) = (0, 0, 0, 0);
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            // Front matter: first line `---`, up to the next `---` line.
            let rest = text.strip_prefix("---\n").expect("front matter");
            let end = rest
                .find("\n---\n")
                .map(|i| i + 5)
                .or_else(|| rest.ends_with("\n---").then_some(rest.len()));
            let body = &rest[end.expect("closing ---")..];
            let r = md(body);
            let name = path.display();
            assert!(!r.html.is_empty() || body.trim().is_empty(), "{name}");
            let mut seen = HashSet::new();
            for h in &r.headings {
                assert!(seen.insert(&h.id), "{name}: duplicate id {}", h.id);
                assert!(r.html.contains(&format!(" id=\"{}\"", h.id)), "{name}: {}", h.id);
                assert!(
                    h.text.trim() == h.text && !h.text.contains('\n'),
                    "{name}: {:?}",
                    h.text
                );
            }
            assert!(r.excerpt.chars().count() <= EXCERPT_CHARS, "{name}");
            // What the filters found is for the editor to see; nothing else is wrong.
            for p in &r.problems {
                assert!(
                    matches!(p.kind, ProblemKind::RawHtml | ProblemKind::RefusedUrl),
                    "{name}: {p:?}"
                );
                eprintln!("{name}: {}: {}", p.message, &body[p.range.clone()]);
            }
            filtered += r.problems.len();
            crate::raw_html::tests::assert_inert(&r.html);
            assert_eq!(
                render(
                    body,
                    &Options {
                        base_path: "/",
                        resolve: &resolve,
                        raw_html: raw_html::Mode::Sanitize,
                    }
                )
                .html,
                r.html
            );
            headings += r.headings.len();
            links += r.links.len();
            words += r.word_count;
        }
        eprintln!(
            "corpus: {} bodies, {headings} headings, {links} links, {words} words, \
             {filtered} problems of raw HTML and URLs",
            files.len()
        );
    }
}
