//! Links and images: `@/file.md` resolution, `base_path` prefixing, the URL policy,
//! external links opening in a new window (said in their title), responsive images.
//!
//! An image the pipeline resized ([`crate::images`]) is written as a `<picture>`: its
//! variants in a `<source>` with `srcset` and `sizes`, and as the `<img>` every browser
//! falls back to, the original (a photo: its largest copy, without metadata), with the
//! intrinsic `width` and `height` (no layout shift once it loads). The first image of a body loads at once (it may be what the page opens on);
//! the others load when scrolled near (`loading="lazy"`). All decode off the main thread.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::CowStr;

use super::text::{push_plain, trim_end};
use super::{LinkKind, LinkRef, ProblemKind, Writer, escape};
use crate::images::Picture;
use crate::url_policy;

/// How wide an image of a body is shown: the content column (8 of 12 columns of the
/// DSFR's 78 rem container) from the `lg` breakpoint, the screen's width below.
const SIZES: &str = "(min-width: 62em) 800px, 100vw";

pub(super) struct Links<'a> {
    /// The source of each reference definition (`[label]: url`), by lowercased label.
    definitions: HashMap<String, Range<usize>>,
    open: Vec<OpenLink<'a>>,
    /// > 0 inside an image: its content is alt text, not HTML.
    image_depth: usize,
    /// Every link and image, in source order.
    pub(super) list: Vec<LinkRef>,
    /// The images written with variants, and where.
    pub(super) pictures: Vec<(Range<usize>, Arc<Picture>)>,
}

struct OpenLink<'a> {
    /// Index in `list`.
    index: usize,
    /// Where the opening tag goes once the text (for an external link's title) is known.
    pos: usize,
    title: CowStr<'a>,
    /// The URL is refused: the text is written without a link, an image not at all.
    refused: bool,
}

impl Links<'_> {
    pub(super) fn new(definitions: HashMap<String, Range<usize>>) -> Self {
        Links {
            definitions,
            open: Vec::new(),
            image_depth: 0,
            list: Vec::new(),
            pictures: Vec::new(),
        }
    }

    /// Inside an image: text is alt text, markup and raw HTML are dropped.
    pub(super) fn in_alt(&self) -> bool {
        self.image_depth > 0
    }

    /// Adds text to every open link's plain text.
    pub(super) fn feed(&mut self, text: &str) {
        for open in &self.open {
            push_plain(&mut self.list[open.index].text, text);
        }
    }
}

impl<'a> Writer<'a> {
    pub(super) fn open_image(
        &mut self,
        dest: CowStr<'a>,
        title: CowStr<'a>,
        label: &str,
        range: Range<usize>,
    ) {
        self.open_link(LinkKind::Image, dest, title, label, range);
        self.links.image_depth += 1;
    }

    pub(super) fn close_image(&mut self) {
        self.links.image_depth -= 1;
        self.close_link();
    }

    /// `label`: the reference the link is written with (`[text][label]`), if any.
    pub(super) fn open_link(
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
            let written = match self.links.definitions.get(&label.to_lowercase()) {
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
                    let message = crate::tr!("link-unknown-file", path = path);
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
        let index = self.links.list.len();
        let (dest, text) = (dest.into_string(), String::new());
        self.links.list.push(LinkRef {
            kind,
            dest,
            href,
            external,
            text,
            range,
        });
        self.links.open.push(OpenLink {
            index,
            pos: self.html.len(),
            title,
            refused: refused.is_some(),
        });
    }

    pub(super) fn close_link(&mut self) {
        let Some(open) = self.links.open.pop() else { return };
        let link = &mut self.links.list[open.index];
        trim_end(&mut link.text);
        if self.links.image_depth > 0 || (open.refused && link.kind == LinkKind::Image) {
            return; // an image or link inside alt text, or an image that cannot be shown
        }
        if open.refused {
            return; // the text alone
        }
        if link.kind == LinkKind::Image {
            let (href, range) = (link.href.clone(), link.range.clone());
            let picture = match (self.opts.images)(&href) {
                Some(Ok(p)) => Some(p),
                Some(Err(message)) => {
                    let message = crate::tr!(
                        "image-unreadable",
                        image = link.dest.to_string(),
                        problem = message
                    );
                    self.problem(ProblemKind::Image, message, &range);
                    None
                }
                None => None,
            };
            let link = &self.links.list[open.index];
            let Some(picture) = picture else {
                self.html.push_str("<img src=\"");
                escape::href(&mut self.html, &link.href);
                self.html.push_str("\" alt=\"");
                escape::attr(&mut self.html, &link.text);
                self.html.push_str("\" class=\"fr-responsive-img\"");
                escape::push_attr(&mut self.html, "title", &open.title);
                self.html.push('>');
                return;
            };
            let first = self.links.pictures.is_empty();
            self.html.push_str("<picture><source type=\"");
            self.html.push_str(picture.format.mime());
            self.html.push_str("\" srcset=\"");
            let base = self.opts.base_path.trim_end_matches('/');
            for (i, v) in picture.variants.iter().enumerate() {
                if i > 0 {
                    self.html.push_str(", ");
                }
                escape::href(&mut self.html, &format!("{base}/{}", v.path));
                let _ = write!(self.html, " {}w", v.width);
            }
            self.html.push_str("\" sizes=\"");
            self.html.push_str(SIZES);
            self.html.push_str("\"><img src=\"");
            // A photo's fallback is its largest copy, which holds pixels only: the page
            // never points at the original, whose metadata may tell where it was taken.
            let largest = picture.largest();
            match picture.format {
                crate::images::Format::Jpeg => {
                    escape::href(&mut self.html, &format!("{base}/{}", largest.path))
                }
                crate::images::Format::WebpLossless => escape::href(&mut self.html, &link.href),
            }
            self.html.push_str("\" alt=\"");
            escape::attr(&mut self.html, &link.text);
            self.html.push_str("\" class=\"fr-responsive-img\"");
            escape::push_attr(&mut self.html, "title", &open.title);
            let _ = write!(
                self.html,
                " width=\"{}\" height=\"{}\"",
                largest.width, largest.height
            );
            if !first {
                self.html.push_str(" loading=\"lazy\"");
            }
            self.html.push_str(" decoding=\"async\"></picture>");
            self.links.pictures.push((range, picture));
            return;
        }
        let mut tag = String::from("<a href=\"");
        escape::href(&mut tag, &link.href);
        tag.push('"');
        if link.external {
            // DSFR/RGAA: tell that the link opens a new window, in its title.
            let name = if open.title.is_empty() {
                &link.text
            } else {
                &*open.title
            };
            let sep = if name.is_empty() { "" } else { " - " };
            escape::push_attr(&mut tag, "title", &format!("{name}{sep}nouvelle fenêtre"));
            tag.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
        } else {
            escape::push_attr(&mut tag, "title", &open.title);
        }
        tag.push('>');
        self.html.insert_str(open.pos, &tag);
        self.html.push_str("</a>");
    }
}

fn is_external(href: &str) -> bool {
    let lower = |p: &str| href.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    href.starts_with("//") || lower("http://") || lower("https://")
}
