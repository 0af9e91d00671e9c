//! Headings: their ids (explicit `{#id}`, or the slug of the text, made unique in the page),
//! their attributes (through the raw HTML policy), the flat list and the table of contents.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{CowStr, HeadingLevel, Tag};

use super::text::push_plain;
use super::{Heading, Problem, ProblemKind, TocEntry, Writer, escape};
use crate::diagnostic::Severity;
use crate::raw_html;
use crate::slug::slugify;

pub(super) struct Headings<'a> {
    /// Ids written `{#id}` anywhere: never given to a generated id.
    reserved: HashSet<String>,
    used: HashSet<String>,
    open: Option<OpenHeading<'a>>,
    /// Flat, in source order.
    pub(super) list: Vec<Heading>,
}

struct OpenHeading<'a> {
    level: HeadingLevel,
    /// Where the opening tag goes once the text, hence the id, is known.
    pos: usize,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    range: Range<usize>,
    /// Plain text so far.
    text: String,
}

impl<'a> Headings<'a> {
    pub(super) fn new(src: &str) -> Self {
        Headings {
            reserved: explicit_ids(src),
            used: HashSet::new(),
            open: None,
            list: Vec::new(),
        }
    }

    /// A heading opens at `pos` of the HTML; its tag is written when it closes. `heading`
    /// is the event's tag, with the `{#id .class name=value}` written after the text.
    pub(super) fn open(&mut self, heading: Tag<'a>, pos: usize, range: Range<usize>) {
        let Tag::Heading {
            level,
            id,
            classes,
            attrs,
        } = heading
        else {
            return;
        };
        self.open = Some(OpenHeading {
            level,
            pos,
            id,
            classes,
            attrs,
            range,
            text: String::new(),
        });
    }

    pub(super) fn feed(&mut self, text: &str) {
        if let Some(open) = &mut self.open {
            push_plain(&mut open.text, text);
        }
    }

    /// An explicit `{#id}` wins; otherwise the slug of the text (or `section`), with a `-2`,
    /// `-3`… suffix when already used or reserved by an explicit id elsewhere in the page.
    /// The flag tells that the explicit id was already used.
    fn unique_id(&mut self, explicit: Option<&str>, text: &str) -> (String, bool) {
        let base = match explicit {
            Some(id) if !self.used.contains(id) => {
                self.used.insert(id.to_owned());
                return (id.to_owned(), false);
            }
            Some(id) => id.to_owned(),
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
        (id, explicit.is_some())
    }
}

impl Writer<'_> {
    pub(super) fn close_heading(&mut self) {
        let Some(h) = self.headings.open.take() else {
            return;
        };
        let text = h.text.trim_end().to_owned();
        if text.is_empty() {
            // `##` alone, or only an image without alt: no empty heading (axe "empty-heading").
            if self.html.len() > h.pos {
                self.html.insert_str(h.pos, "<p>");
                self.html.push_str("</p>\n");
            }
            return;
        }
        let explicit = h.id.as_deref();
        let (id, duplicate) = self.headings.unique_id(explicit, &text);
        if duplicate {
            let message = crate::tr!("heading-id-twice", id = explicit.unwrap_or_default());
            self.problem(ProblemKind::DuplicateId, message, &h.range);
        }
        let level = h.level as u8;
        let mut tag = format!("<h{level} id=\"");
        escape::attr(&mut tag, &id);
        tag.push('"');
        if !h.classes.is_empty() {
            tag.push_str(" class=\"");
            escape::attr(&mut tag, &h.classes.join(" "));
            tag.push('"');
        }
        for (name, value) in &h.attrs {
            let element = format!("h{level}");
            let lower = name.to_ascii_lowercase();
            let written = value.as_deref().unwrap_or("");
            match raw_html::attribute(&element, &lower, written, self.opts.raw_html) {
                raw_html::Verdict::Keep => {}
                raw_html::Verdict::Remove(help) => {
                    self.problems.push(Problem {
                        kind: ProblemKind::RawHtml,
                        severity: Severity::Warning,
                        message: crate::tr!("heading-attribute-removed", name = &**name),
                        help: help.help(),
                        range: h.range.clone(),
                    });
                    continue;
                }
                raw_html::Verdict::Refuse(refused) => {
                    let what = crate::tr!("heading-attribute", name = &**name);
                    self.refused(&refused, &what, written, &h.range);
                    continue;
                }
            }
            tag.push(' ');
            escape::attr(&mut tag, name);
            if let Some(value) = value {
                tag.push_str("=\"");
                escape::attr(&mut tag, value);
                tag.push('"');
            }
        }
        tag.push('>');
        self.html.insert_str(h.pos, &tag);
        _ = writeln!(self.html, "</h{level}>");
        let range = h.range;
        self.headings.list.push(Heading {
            level,
            id,
            text,
            range,
        });
    }
}

/// Nests a flat list of headings: each heading goes under the last one of a lower level.
pub(super) fn toc(headings: &[Heading]) -> Vec<TocEntry> {
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
