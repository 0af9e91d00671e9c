//! One fragment read by html5ever's tokenizer and written back token by token, in one
//! canonical form, with what was removed and where.

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::diagnostic::Severity;
use crate::tr;

use super::allowlist::{attribute, element_allowed, plain_name};
use super::{Finding, Mode, Verdict};

/// The tokens of `fragment` that `mode` keeps, written to `out`.
pub(super) fn tokens(fragment: &str, mode: Mode, out: &mut String) -> Vec<Finding> {
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
