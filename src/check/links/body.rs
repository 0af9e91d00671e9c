//! The links of Markdown bodies, Markdown and raw HTML, each located in its file.

use super::targets::Targets;
use crate::check::{html, scan};
use crate::content::Document;
use crate::diagnostic::{Diagnostic, Lines};
use crate::markdown::{LinkKind, Rendered};
use crate::site::Site;

/// Links of one Markdown body, Markdown and raw HTML, located in the file. Raw HTML is read
/// as the page publishes it: the links of an element the filter removes lead nowhere.
pub(super) fn body_links(
    doc: &Document,
    body: &Rendered,
    targets: &Targets<'_>,
    raw_html: crate::raw_html::Mode,
) -> Vec<Diagnostic> {
    let src = doc.body();
    let lines = Lines::new(&doc.path, src, doc.body_line);
    let at = |start: usize, len: usize| lines.locate(start, len);
    let mut out = Vec::new();
    for l in &body.links {
        if l.kind == LinkKind::Email {
            continue;
        }
        let image = l.kind == LinkKind::Image;
        // Reported by `check::drafts` as a link to a draft.
        if !image && targets.draft(&l.href, &doc.url).is_some() {
            continue;
        }
        if let Some(p) = targets.problem(&l.href, &doc.url, !image) {
            out.push(p.diagnostic(&l.dest, image).at(at(l.range.start, l.range.len())));
        }
    }
    // Raw HTML starts with `<`: the tables of a body without it need not be scanned.
    let raw = if src.contains('<') {
        scan::scan(src).raw
    } else {
        Vec::new()
    };
    for range in raw {
        let chunk = &src[range.clone()];
        let mut published = String::new();
        crate::raw_html::filter(chunk, raw_html, &mut published);
        let mut place = Placer::new(chunk);
        for link in html::parse(&published).links {
            if let Some(p) = targets.problem(&link.value, &doc.url, link.navigation) {
                let offset = place.link(&link);
                let image = !link.navigation;
                out.push(
                    p.diagnostic(&link.value, image)
                        .at(at(range.start + offset, link.value.len())),
                );
            }
        }
    }
    out
}

/// Finds where the links of a fragment of raw HTML are written, in bounded time: links
/// come in the order they are written, so each is looked for from where the last one was
/// found (or from the line its tag ends on, if later), and no further than [`REACH`] bytes
/// on: a value written with character references (`&amp;`) is not found as it was decoded,
/// and looking for it to the end of a large fragment, once per link, took minutes.
struct Placer<'a> {
    chunk: &'a str,
    /// Byte offset of each line start, made when the first link is placed.
    lines: Vec<usize>,
    from: usize,
}

const REACH: usize = 4096;

impl<'a> Placer<'a> {
    fn new(chunk: &'a str) -> Self {
        Placer {
            chunk,
            lines: Vec::new(),
            from: 0,
        }
    }

    /// The byte offset of `link` in the fragment, or of the line its tag ends on.
    fn link(&mut self, link: &html::Link) -> usize {
        let chunk = self.chunk;
        if self.lines.is_empty() {
            self.lines = std::iter::once(0)
                .chain(chunk.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
        }
        let line_start = self.lines[link.line.clamp(1, self.lines.len()) - 1];
        let start = self.from.max(line_start);
        let mut end = (start + REACH + link.value.len()).min(chunk.len());
        while !chunk.is_char_boundary(end) {
            end -= 1;
        }
        match chunk[start..end].find(&link.value) {
            Some(i) => {
                self.from = start + i + link.value.len();
                start + i
            }
            None => start.min(chunk.len()),
        }
    }
}

/// The HTML of a body, rendered as the pages have it.
pub(super) fn body_html(site: &Site, doc: &Document) -> String {
    let resolve = |rel: &str| site.resolve_in_body(rel);
    let options = crate::markdown::Options {
        base_path: &site.base_path,
        resolve: &resolve,
        raw_html: site.config.raw_html,
        typography: site.config.french_typography(),
        images: &|_| None,
        // What shortcodes write is checked as the templates' own links.
        shortcode: None,
    };
    crate::markdown::render(doc.body(), &options).html
}
