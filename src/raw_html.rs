//! Raw HTML written in Markdown: what of it a page publishes.
//!
//! By default ([`Mode::Sanitize`]) an allowlist keeps the structure editors write by hand
//! (tables with their spans, `<details>`/`<summary>`, `<abbr title>`, `<sup>`, images, links,
//! DSFR classes, `lang`, `aria-*`) and removes everything that can run code, load a frame or
//! a plugin, submit a form, restyle the page or change where its links lead: `<script>`,
//! `<style>`, `<iframe>`, `<form>`, `<input>`, `<object>`, `<embed>`, `<base>`, `<meta>`,
//! `<link>`, `<svg>`, `<math>`, event handlers (`on…=`), `style=`, comments. Each removal
//! is a [`Finding`] the build reports as a warning at the content line. [`Mode::Trusted`]
//! keeps every element and attribute, for sites whose every author is trusted.
//!
//! In both modes, every URL of an attribute (`href`, `src`, `srcset`, `action`, `poster`…)
//! must pass [`crate::url_policy`]: a refused one is an error and is never published.
//!
//! How: html5ever's tokenizer (the HTML standard's, the browsers' own state machine) reads
//! one fragment (an HTML block, or one inline tag), and only the tokens kept are written
//! back, each in one canonical form: names as the tokenizer read them, attribute values
//! double-quoted and escaped, text escaped. A fragment is read from the tokenizer's data
//! state and its output always ends in it (a tag cut at the end of a block is dropped), so
//! what atelier writes around it (escaped text, whole tags) is read by a browser exactly as
//! it is written: a fragment cannot open an attribute, a comment or a script that the next
//! one closes. No element kept in sanitize mode switches a browser's tokenizer out of its
//! data state (`<script>`, `<style>`, `<textarea>`, `<title>`, `<iframe>`, `<noscript>`,
//! `<xmp>`, `<noembed>`, `<noframes>`, `<plaintext>` are removed with their content), and no
//! foreign content (`<svg>`, `<math>`) is kept, so the browser reads the output as these
//! tokens and nothing else.
//!
//! Why not a whole-body tree sanitizer (ammonia): it parses and serializes the whole body,
//! which rewrites the markup atelier generates (`disabled=""`, `&nbsp;`), gives no account
//! of what it removed, and, run on one fragment at a time, closes every element the
//! fragment opens, which breaks a `<details>` around Markdown.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::tr;
use crate::url_policy::Refused;

mod allowlist;
mod tokenize;

pub use allowlist::attribute;
use allowlist::element_allowed;
use tokenize::tokens;

/// `raw_html:` in `site.yaml`: what raw HTML in Markdown may do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Only the allowlist below is published; the rest is removed, with a warning.
    #[default]
    Sanitize,
    /// Everything is published as written. The URL rule still holds, block by block: a
    /// safeguard against mistakes, not a boundary (trusted HTML may write a script anyway,
    /// which the theme's Content-Security-Policy then keeps from running).
    Trusted,
}

/// Something removed or refused in a fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// A URL refused by [`url_policy`] (its severity may follow `content_links`).
    pub refused_url: bool,
    pub message: String,
    pub help: String,
    /// Bytes of the fragment to point at.
    pub range: Range<usize>,
}

/// What becomes of one attribute.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Keep,
    /// Not published; the help says why.
    Remove(Removed),
    /// A URL the policy refuses.
    Refuse(Refused),
}

/// Why an attribute is not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    /// Not an attribute raw HTML keeps.
    Attribute,
    /// An event handler (`on...`).
    Handler,
    /// A `style` attribute.
    Style,
}

impl Removed {
    /// What the editor reads about it.
    pub fn help(self) -> String {
        match self {
            Removed::Attribute => tr!("raw-html-attribute-help"),
            Removed::Handler => tr!("raw-html-handler-help"),
            Removed::Style => tr!("raw-html-style-help"),
        }
    }
}

/// Filters one fragment of raw HTML into `out`.
pub fn filter(fragment: &str, mode: Mode, out: &mut String) -> Vec<Finding> {
    let before = out.len();
    let mut found = tokens(fragment, mode, out);
    // The tokenizer alone cannot always tell how a browser reads trusted HTML: inside
    // `<svg>` or `<math>`, `<style>` or `<xmp>` hold markup, not text. Its tree builder can.
    if mode == Mode::Trusted
        && let Some(problem) = in_browser(&out[before..], mode)
    {
        out.truncate(before);
        let (message, refused_url) = match problem {
            Unsafe::RefusedUrl { .. } => (tr!("raw-html-url-in-foreign"), true),
            _ => (tr!("raw-html-hides-page"), false),
        };
        let at = fragment.find('<').unwrap_or(0);
        found.push(Finding {
            severity: Severity::Error,
            refused_url,
            message,
            help: tr!("raw-html-foreign-help"),
            range: at..(at + 1).min(fragment.len()),
        });
    }
    found
}

/// Something a browser would build that content may not publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsafe {
    /// What follows the HTML in the page would not be shown.
    HidesWhatFollows,
    RefusedUrl {
        element: String,
        attribute: String,
        value: String,
    },
    /// An element [`Mode::Sanitize`] removes.
    Element(String),
    /// An attribute [`Mode::Sanitize`] removes.
    Attribute { element: String, attribute: String },
}

/// Reads `html` as a browser's tree builder does, inside a page and followed by more of it,
/// and returns the first thing built there that `mode` does not publish. In sanitize mode
/// the one element outside the allowlist that may be there is the disabled checkbox of a
/// task list, which the Markdown writer makes. For trusted HTML, and for the tests and the
/// fuzzer to check every rendered body.
pub fn in_browser(html: &str, mode: Mode) -> Option<Unsafe> {
    const END: &str = "atelier-end-of-block";
    let doc = scraper::Html::parse_fragment(&format!("{html}<p id=\"{END}\"></p>"));
    let mut ended = false;
    for node in doc.root_element().descendants().skip(1) {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        ended |= name == "p" && element.attr("id") == Some(END);
        let checkbox =
            name == "input" && element.attr("type") == Some("checkbox") && element.attr("disabled").is_some();
        if mode == Mode::Sanitize && !element_allowed(name) && !checkbox {
            return Some(Unsafe::Element(name.into()));
        }
        for (attribute_name, value) in element.attrs() {
            let wrong = |attribute: &str| (name.to_string(), attribute.to_string());
            match attribute(name, attribute_name, value, mode) {
                Verdict::Keep => {}
                Verdict::Remove(_) if checkbox => {}
                Verdict::Remove(_) => {
                    let (element, attribute) = wrong(attribute_name);
                    return Some(Unsafe::Attribute { element, attribute });
                }
                Verdict::Refuse(_) => {
                    let (element, attribute) = wrong(attribute_name);
                    let value = value.to_string();
                    return Some(Unsafe::RefusedUrl {
                        element,
                        attribute,
                        value,
                    });
                }
            }
        }
    }
    (!ended).then_some(Unsafe::HidesWhatFollows)
}

#[cfg(test)]
pub(crate) mod tests;
