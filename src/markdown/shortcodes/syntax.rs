//! Finding shortcode calls in a body and parsing their arguments: tags outside code,
//! bounded in length, bodies matched with their `{% end %}`.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use crate::diagnostic::Severity;
use crate::markdown::{Problem, ProblemKind};
use crate::tr;

use super::ArgValue;

/// The longest a tag may be, in bytes.
const MAX_TAG: usize = 4096;

/// A tag found in the source.
#[derive(Debug)]
enum Token {
    /// `{{ … }}` (`body: false`) or `{% … %}` (`body: true`).
    Call {
        name: Range<usize>,
        args: Vec<(Range<usize>, String, ArgValue)>,
        body: bool,
        range: Range<usize>,
    },
    End(Range<usize>),
}

/// A call at the top level of a body, with its arguments.
#[derive(Debug)]
pub(super) struct Call {
    pub(super) name: Range<usize>,
    pub(super) args: Vec<(Range<usize>, String, ArgValue)>,
    /// The whole call, closing tag included.
    pub(super) range: Range<usize>,
    /// The opening tag alone.
    pub(super) open: Range<usize>,
    /// What is between the tags.
    pub(super) body: Option<Range<usize>>,
}

/// Where code spans and code blocks are: nothing in them is a shortcode.
fn code_ranges(src: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(src, crate::markdown::parser_options()).into_offset_iter() {
        match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => out.push(range),
            _ => {}
        }
    }
    out
}

/// Whether `src` may hold a shortcode at all (a cheap test before the real scan).
pub(super) fn maybe(src: &str) -> bool {
    src.contains("{{") || src.contains("{%")
}

/// Every tag outside code, in source order, and the syntax errors.
fn tokens(src: &str, problems: &mut Vec<Problem>) -> Vec<Token> {
    // In source order, none inside another.
    let code = code_ranges(src);
    let in_code = |at: usize| {
        let i = code.partition_point(|r| r.start <= at);
        i > 0 && code[i - 1].contains(&at)
    };
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        let body = match (bytes[i], bytes[i + 1]) {
            (b'{', b'{') => false,
            (b'{', b'%') => true,
            _ => {
                i += 1;
                continue;
            }
        };
        if in_code(i) {
            i += 2;
            continue;
        }
        match tag(src, i, body) {
            Ok(Some((token, end))) => {
                out.push(token);
                i = end;
            }
            Ok(None) => i += 2,
            Err((message, at)) => {
                problems.push(syntax(message, at));
                i += 2;
            }
        }
    }
    out
}

fn syntax(message: String, range: Range<usize>) -> Problem {
    Problem {
        kind: ProblemKind::Shortcode,
        severity: Severity::Error,
        message,
        help: tr!("shortcode-syntax-help"),
        range,
    }
}

type TagResult = Result<Option<(Token, usize)>, (String, Range<usize>)>;

/// Reads the tag starting at `start` (`{{` or `{%`). `Ok(None)`: not a shortcode (text
/// that happens to hold braces).
fn tag(src: &str, start: usize, body: bool) -> TagResult {
    let close = if body { "%}" } else { "}}" };
    // A tag is read within a bounded window, so that text full of unfinished tags costs
    // linear time.
    let mut end = (start + MAX_TAG).min(src.len());
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    let mut c = Cursor {
        src: &src[..end],
        at: start + 2,
    };
    c.space();
    let name_start = c.at;
    let name = c.ident();
    if name.is_empty() {
        return Ok(None);
    }
    let name_range = name_start..c.at;
    c.space();
    if body && name == "end" && c.rest().starts_with(close) {
        return Ok(Some((Token::End(start..c.at + 2), c.at + 2)));
    }
    if !c.eat("(") {
        return Ok(None);
    }
    let mut args = Vec::new();
    loop {
        c.space();
        if c.eat(")") {
            break;
        }
        let arg_start = c.at;
        let arg = c.ident();
        if arg.is_empty() {
            return Err((
                tr!("shortcode-expected-argument", name = name),
                c.at..c.at + c.next_len(),
            ));
        }
        let arg_range = arg_start..c.at;
        c.space();
        if !c.eat("=") {
            return Err((
                tr!("shortcode-expected-equals", name = name, argument = arg),
                arg_range,
            ));
        }
        c.space();
        let value = c.value().map_err(|m| {
            (
                tr!("shortcode-bad-value", name = name, problem = m),
                c.at..c.at + c.next_len(),
            )
        })?;
        args.push((arg_range, arg.to_string(), value));
        c.space();
        if c.eat(",") {
            continue;
        }
        c.space();
        if c.eat(")") {
            break;
        }
        return Err((
            tr!("shortcode-expected-comma", name = name, argument = arg),
            c.at..c.at + c.next_len(),
        ));
    }
    c.space();
    if !c.eat(close) {
        return Err((
            tr!("shortcode-expected-close", name = name, close = close),
            start..c.at,
        ));
    }
    let token = Token::Call {
        name: name_range,
        args,
        body,
        range: start..c.at,
    };
    Ok(Some((token, c.at)))
}

struct Cursor<'s> {
    src: &'s str,
    at: usize,
}

impl<'s> Cursor<'s> {
    fn rest(&self) -> &'s str {
        &self.src[self.at..]
    }
    fn next_len(&self) -> usize {
        self.rest().chars().next().map_or(0, char::len_utf8)
    }
    fn space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }
    fn eat(&mut self, s: &str) -> bool {
        let found = self.rest().starts_with(s);
        if found {
            self.at += s.len();
        }
        found
    }
    fn ident(&mut self) -> &'s str {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(i, c)| !(c == '_' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())))
            .map_or(rest.len(), |(i, _)| i);
        self.at += len;
        &rest[..len]
    }
    fn value(&mut self) -> Result<ArgValue, String> {
        let rest = self.rest();
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let mut out = String::new();
            let mut chars = rest[1..].char_indices();
            while let Some((i, ch)) = chars.next() {
                match ch {
                    '\\' => match chars.next() {
                        Some((_, e)) if e == quote || e == '\\' => out.push(e),
                        Some((_, 'n')) => out.push('\n'),
                        Some((_, e)) => {
                            out.push('\\');
                            out.push(e);
                        }
                        None => break,
                    },
                    c if c == quote => {
                        self.at += 1 + i + 1;
                        return Ok(ArgValue::Str(out));
                    }
                    c => out.push(c),
                }
            }
            return Err(tr!("shortcode-unclosed-text", quote = quote.to_string()));
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_'))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        let value = match word {
            "true" => ArgValue::Bool(true),
            "false" => ArgValue::Bool(false),
            _ => {
                if let Ok(n) = word.parse::<i64>() {
                    ArgValue::Int(n)
                } else if let Some(x) = word.parse::<f64>().ok().filter(|x| x.is_finite()) {
                    ArgValue::Float(x)
                } else {
                    return Err(tr!("shortcode-expected-value"));
                }
            }
        };
        self.at += len;
        Ok(value)
    }
}

/// The calls at the top level (a call's body keeps its own calls), and the errors of
/// tags that do not pair up.
pub(super) fn calls(src: &str, problems: &mut Vec<Problem>) -> Vec<Call> {
    let mut out = Vec::new();
    let mut open: Vec<Call> = Vec::new();
    for token in tokens(src, problems) {
        match token {
            Token::Call {
                name,
                args,
                body,
                range,
            } => {
                let call = Call {
                    name,
                    args,
                    range: range.clone(),
                    open: range.clone(),
                    body: body.then_some(range.end..range.end),
                };
                if body {
                    open.push(call);
                } else if open.is_empty() {
                    out.push(call);
                }
            }
            Token::End(range) => match open.pop() {
                Some(mut call) => {
                    call.range.end = range.end;
                    call.body = Some(call.open.end..range.start);
                    if open.is_empty() {
                        out.push(call);
                    }
                }
                None => problems.push(Problem {
                    kind: ProblemKind::Shortcode,
                    severity: Severity::Error,
                    message: tr!("shortcode-end-without-open"),
                    help: tr!("shortcode-end-without-open-help"),
                    range,
                }),
            },
        }
    }
    for call in open {
        let name = &src[call.name.clone()];
        problems.push(Problem {
            kind: ProblemKind::Shortcode,
            severity: Severity::Error,
            message: tr!("shortcode-never-closed", name = name),
            help: tr!("shortcode-never-closed-help", name = name),
            range: call.open,
        });
    }
    out
}
