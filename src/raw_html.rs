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

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::tr;
use crate::url_policy::{self, Refused};

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

/// The tokens of `fragment` that `mode` keeps, written to `out`.
fn tokens(fragment: &str, mode: Mode, out: &mut String) -> Vec<Finding> {
    let sink = Sink {
        mode,
        state: RefCell::new(State {
            out: std::mem::take(out),
            ..State::default()
        }),
    };
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(fragment));
    let opts = TokenizerOpts {
        discard_bom: false,
        ..TokenizerOpts::default()
    };
    let tokenizer = Tokenizer::new(sink, opts);
    let _ = tokenizer.feed(&input);
    tokenizer.sink.state.borrow_mut().at_eof = true;
    tokenizer.end();
    let mut state = tokenizer.sink.state.into_inner();
    if let Some(name) = state.raw_text.take() {
        state.note(
            Severity::Error,
            tr!("raw-html-unclosed", name = name.as_str()),
            tr!("raw-html-unclosed-help"),
            Needle::Tag(name.clone()),
        );
        state.out.push_str("</");
        state.out.push_str(&name);
        state.out.push('>');
    }
    *out = std::mem::take(&mut state.out);
    state.locate(fragment)
}

/// What becomes of attribute `name="value"` of element `element`.
pub fn attribute(element: &str, name: &str, value: &str, mode: Mode) -> Verdict {
    if !plain_name(name) {
        return Verdict::Remove(Removed::Attribute);
    }
    if let Some(kind) = url_attribute(element, name) {
        let urls = match kind {
            UrlList::One => vec![value],
            UrlList::Srcset => url_policy::srcset(value),
            UrlList::Spaced => value.split_ascii_whitespace().collect(),
            UrlList::Refresh => refresh_url(value).into_iter().collect(),
        };
        if let Some(refused) = urls.into_iter().find_map(|u| url_policy::check(u).err()) {
            return Verdict::Refuse(refused);
        }
    }
    if mode == Mode::Trusted {
        return Verdict::Keep;
    }
    if name.starts_with("on") {
        return Verdict::Remove(Removed::Handler);
    }
    if name == "style" {
        return Verdict::Remove(Removed::Style);
    }
    let global = matches!(
        name,
        "id" | "class" | "lang" | "dir" | "title" | "role" | "translate"
    ) || name.strip_prefix("aria-").is_some_and(|a| !a.is_empty());
    if global || own_attribute(element, name) {
        Verdict::Keep
    } else {
        Verdict::Remove(Removed::Attribute)
    }
}

/// Elements kept by [`Mode::Sanitize`].
fn element_allowed(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "address"
            | "article"
            | "aside"
            | "audio"
            | "b"
            | "bdi"
            | "bdo"
            | "blockquote"
            | "br"
            | "caption"
            | "cite"
            | "code"
            | "col"
            | "colgroup"
            | "data"
            | "dd"
            | "del"
            | "details"
            | "dfn"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "figcaption"
            | "figure"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "i"
            | "img"
            | "ins"
            | "kbd"
            | "li"
            | "mark"
            | "ol"
            | "p"
            | "picture"
            | "pre"
            | "q"
            | "rp"
            | "rt"
            | "ruby"
            | "s"
            | "samp"
            | "section"
            | "small"
            | "source"
            | "span"
            | "strong"
            | "sub"
            | "summary"
            | "sup"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "time"
            | "tr"
            | "track"
            | "u"
            | "ul"
            | "var"
            | "video"
            | "wbr"
    )
}

/// Attributes proper to a kept element (besides the global ones).
fn own_attribute(element: &str, name: &str) -> bool {
    match element {
        "a" => matches!(name, "href" | "target" | "rel" | "hreflang" | "type" | "download"),
        "img" => matches!(
            name,
            "src" | "srcset" | "sizes" | "alt" | "width" | "height" | "loading" | "decoding"
        ),
        "source" => matches!(
            name,
            "src" | "srcset" | "sizes" | "type" | "media" | "width" | "height"
        ),
        "video" => matches!(
            name,
            "src" | "poster" | "controls" | "width" | "height" | "preload" | "loop" | "muted" | "playsinline"
        ),
        "audio" => matches!(name, "src" | "controls" | "preload" | "loop" | "muted"),
        "track" => matches!(name, "src" | "kind" | "srclang" | "label" | "default"),
        "td" => matches!(name, "colspan" | "rowspan" | "headers"),
        "th" => matches!(name, "colspan" | "rowspan" | "headers" | "scope" | "abbr"),
        "col" | "colgroup" => name == "span",
        "ol" => matches!(name, "start" | "reversed" | "type"),
        "li" => name == "value",
        "details" => name == "open",
        "time" | "del" | "ins" => matches!(name, "datetime" | "cite"),
        "q" | "blockquote" => name == "cite",
        "data" => name == "value",
        _ => false,
    }
}

enum UrlList {
    One,
    Srcset,
    /// `ping`: URLs separated by spaces.
    Spaced,
    /// `<meta http-equiv="refresh" content="0; url=...">`.
    Refresh,
}

/// Attributes whose value is a URL a browser may follow or load, in any element.
fn url_attribute(element: &str, name: &str) -> Option<UrlList> {
    Some(match name {
        "href" | "src" | "action" | "formaction" | "xlink:href" | "poster" | "cite" | "background"
        | "longdesc" | "lowsrc" | "dynsrc" | "manifest" | "codebase" | "icon" | "profile" | "classid"
        | "archive" | "itemtype" => UrlList::One,
        "data" if element == "object" => UrlList::One,
        "srcset" | "imagesrcset" => UrlList::Srcset,
        "ping" => UrlList::Spaced,
        "content" if element == "meta" => UrlList::Refresh,
        _ => return None,
    })
}

/// The URL of a refresh value (`5; url=/x`), if it has one.
fn refresh_url(value: &str) -> Option<&str> {
    let rest = value
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let rest = rest.trim_start().strip_prefix([';', ','])?.trim_start();
    let rest = match rest.get(..3) {
        Some(k) if k.eq_ignore_ascii_case("url") => rest[3..].trim_start().strip_prefix('=')?.trim_start(),
        _ => rest,
    };
    Some(rest.trim_matches(['"', '\'']))
}

/// A name html5ever may hand over that is safe to write back as it is.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
}

/// Elements whose content a browser reads as text up to their end tag.
fn raw_kind(name: &str) -> Option<TokenSinkResult<()>> {
    Some(match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => return None,
    })
}

struct Sink {
    mode: Mode,
    state: RefCell<State>,
}

/// What a finding points at: found again in the fragment's text, from the token's line.
#[derive(Clone)]
enum Needle {
    Tag(String),
    Attribute(String),
    /// The last `<` of the fragment: where what is left unfinished starts.
    LastOpen,
}

struct Note {
    severity: Severity,
    refused_url: bool,
    message: String,
    help: String,
    needle: Needle,
    line: u64,
}

#[derive(Default)]
struct State {
    out: String,
    notes: Vec<Note>,
    line: u64,
    /// An element removed with its content (sanitize), until its end tag.
    skipping: Option<String>,
    /// A kept element whose content is text (trusted), until its end tag.
    raw_text: Option<String>,
    /// Inside it, the content is escaped text (`textarea`, `title`), not raw.
    rcdata: bool,
    /// The tokenizer is reading the end of the input: what it reports is unfinished.
    at_eof: bool,
    /// Something was left unfinished: what the tokenizer makes of it is dropped.
    unfinished: bool,
}

impl State {
    fn note(&mut self, severity: Severity, message: String, help: String, needle: Needle) {
        self.notes.push(Note {
            severity,
            refused_url: false,
            message,
            help,
            needle,
            line: self.line.max(1),
        });
    }

    fn start(&mut self, tag: &Tag, mode: Mode) -> TokenSinkResult<()> {
        let name = tag.name.as_ref();
        let raw = raw_kind(name);
        // `<plaintext>` has no end: the rest of the page would be its text, trusted or not.
        let keep =
            plain_name(name) && name != "plaintext" && (mode == Mode::Trusted || element_allowed(name));
        // URLs are checked on every element, kept or not: a refused one is an error even
        // where the element goes anyway.
        let verdicts: Vec<Verdict> = tag
            .attrs
            .iter()
            .map(|a| attribute(name, &a.name.local, &a.value, mode))
            .collect();
        if !keep {
            let message = if raw.is_some() {
                tr!("raw-html-element-removed-with-content", name = name)
            } else {
                tr!("raw-html-element-removed", name = name)
            };
            self.note(
                Severity::Warning,
                message,
                tr!("raw-html-element-help"),
                Needle::Tag(name.to_string()),
            );
        } else {
            self.out.push('<');
            self.out.push_str(name);
        }
        for (attr, verdict) in tag.attrs.iter().zip(verdicts) {
            let attr_name = attr.name.local.as_ref();
            match verdict {
                Verdict::Keep if keep => {
                    self.out.push(' ');
                    self.out.push_str(attr_name);
                    self.out.push_str("=\"");
                    escape(&mut self.out, &attr.value, true);
                    self.out.push('"');
                }
                Verdict::Keep => {}
                Verdict::Remove(_) if !keep => {}
                Verdict::Remove(help) => self.note(
                    Severity::Warning,
                    tr!("raw-html-attribute-removed", attribute = attr_name, name = name),
                    help.help(),
                    Needle::Attribute(attr_name.to_string()),
                ),
                Verdict::Refuse(refused) => {
                    self.note(
                        Severity::Error,
                        refused.message(&tr!("raw-html-attribute-of", attribute = attr_name, name = name)),
                        refused.help(),
                        Needle::Attribute(attr_name.to_string()),
                    );
                    self.notes.last_mut().expect("just noted").refused_url = true;
                }
            }
        }
        if !keep {
            if let Some(result) = raw {
                self.skipping = Some(name.to_string());
                return result;
            }
            return TokenSinkResult::Continue;
        }
        if tag.self_closing {
            self.out.push_str(" /");
        }
        self.out.push('>');
        match raw {
            Some(result) => {
                self.raw_text = Some(name.to_string());
                self.rcdata = matches!(name, "title" | "textarea");
                result
            }
            None => TokenSinkResult::Continue,
        }
    }

    fn end(&mut self, tag: &Tag, mode: Mode) {
        let name = tag.name.as_ref();
        if self.raw_text.as_deref() == Some(name) {
            self.raw_text = None;
        }
        if plain_name(name) && (mode == Mode::Trusted || element_allowed(name)) {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    fn text(&mut self, text: &str) {
        if self.skipping.is_some() {
            return;
        }
        if self.raw_text.is_some() && !self.rcdata {
            self.out.push_str(text);
        } else {
            escape(&mut self.out, text, false);
        }
    }

    /// Turns the notes into findings located in `fragment`, one per message. Linear: notes
    /// come in the order of the text, so each needle is looked for from where the last one
    /// was found, up to the end of its token's line; past a budget of bytes looked at (a
    /// needle that cannot be found, many times over), a finding points at its line.
    fn locate(self, fragment: &str) -> Vec<Finding> {
        if self.notes.is_empty() {
            return Vec::new();
        }
        let lower = fragment.to_ascii_lowercase();
        let mut line_starts = vec![0];
        line_starts.extend(lower.match_indices('\n').map(|(i, _)| i + 1));
        let line_start = |line: u64| line_starts.get(line as usize - 1).copied().unwrap_or(lower.len());
        let mut budget = 4 * lower.len() + 1024;
        let mut findings: Vec<(Finding, usize)> = Vec::new();
        let mut by_message: HashMap<String, usize> = HashMap::new();
        let mut cursor = 0;
        for note in self.notes {
            let end = line_start(note.line + 1).max(cursor);
            let text = match &note.needle {
                Needle::Tag(name) => format!("<{name}"),
                Needle::Attribute(name) => name.clone(),
                Needle::LastOpen => "<".into(),
            };
            let found = match note.needle {
                Needle::LastOpen => lower.rfind('<'),
                _ if budget >= end - cursor => {
                    budget -= end - cursor;
                    lower[cursor..end].find(&text).map(|i| cursor + i)
                }
                _ => None,
            };
            let range = match found {
                Some(at) => {
                    cursor = cursor.max(at + text.len());
                    at..at + text.len()
                }
                None => {
                    let start = line_start(note.line);
                    start..start
                }
            };
            match by_message.get(&note.message) {
                Some(&i) => findings[i].1 += 1,
                None => {
                    by_message.insert(note.message.clone(), findings.len());
                    findings.push((
                        Finding {
                            severity: note.severity,
                            refused_url: note.refused_url,
                            message: note.message,
                            help: note.help,
                            range,
                        },
                        1,
                    ));
                }
            }
        }
        findings
            .into_iter()
            .map(|(mut f, count)| {
                if count > 1 {
                    f.message = tr!("raw-html-times", message = f.message, count = count);
                }
                f
            })
            .collect()
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        state.line = line;
        match token {
            Token::TagToken(tag) => {
                if let Some(skipped) = &state.skipping {
                    if tag.kind == TagKind::EndTag && &*tag.name == skipped.as_str() {
                        state.skipping = None;
                    }
                    return TokenSinkResult::Continue;
                }
                match tag.kind {
                    TagKind::StartTag => return state.start(&tag, self.mode),
                    TagKind::EndTag => state.end(&tag, self.mode),
                }
            }
            Token::CharacterTokens(text) => state.text(&text),
            Token::NullCharacterToken => state.text("\u{fffd}"),
            Token::CommentToken(text)
                if self.mode == Mode::Trusted && state.skipping.is_none() && !state.unfinished =>
            {
                // A comment's text never holds `-->`, nor ends a comment early when written back.
                state.out.push_str("<!--");
                state.out.push_str(&text);
                state.out.push_str("-->");
            }
            Token::ParseError(message) if state.at_eof && message.contains("EOF") => {
                state.unfinished = true;
                state.note(
                    Severity::Warning,
                    tr!("raw-html-unfinished"),
                    tr!("raw-html-unfinished-help"),
                    Needle::LastOpen,
                );
            }
            // Comments (sanitize), doctypes, other parse errors, the end.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Escapes text, or with `attr` a double-quoted attribute value, as the Markdown writer does.
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

#[cfg(test)]
pub(crate) mod tests;
