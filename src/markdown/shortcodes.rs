//! Shortcodes: components written in Markdown with Zola's syntax, `{{ name(arg="v") }}`
//! inline and `{% name(arg="v") %}` body `{% end %}`.
//!
//! Owns finding the calls in a body (never inside code spans or code blocks: pulldown-cmark
//! says where those are), parsing their arguments, and putting what the caller renders in
//! their place. Each call is replaced in the source by a placeholder Markdown leaves alone
//! (private-use characters), the rest is rendered as usual, then each placeholder is
//! replaced by the call's HTML (a placeholder alone in its paragraph takes the paragraph's
//! place). A body is itself rendered as Markdown, shortcodes included, before the call.
//! What a shortcode is and which arguments it takes is the caller's business
//! ([`super::Options::shortcode`]): this module knows only the syntax.

use std::cell::Cell;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::{Options, Problem, ProblemKind, Rendered};
use crate::diagnostic::Severity;
use crate::tr;

/// One argument's value as written.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl ArgValue {
    /// What the value is, as an editor reads it in a message.
    pub fn kind(&self) -> String {
        match self {
            ArgValue::Str(_) => tr!("shortcode-value-text"),
            ArgValue::Int(_) => tr!("shortcode-expects-int"),
            ArgValue::Float(_) => tr!("shortcode-value-number"),
            ArgValue::Bool(_) => tr!("shortcode-expects-bool"),
        }
    }
}

/// One call, as the caller sees it.
pub struct Shortcode<'s> {
    pub name: &'s str,
    pub args: &'s [(String, ArgValue)],
    /// The body rendered to HTML, for a call written `{% name() %}…{% end %}`.
    pub body: Option<&'s str>,
    /// An id unique in the page and the same on every build: `sc-<name>-<n>`.
    pub id: String,
    /// Its place among the calls of the same body (or of the page), from 1.
    pub index: usize,
    /// The calls written directly in its body, rendered (tabs list their panels' titles).
    pub children: &'s [Child],
}

/// A call rendered inside another's body.
#[derive(Debug, Clone, PartialEq)]
pub struct Child {
    pub name: String,
    pub id: String,
    pub args: Vec<(String, ArgValue)>,
    pub html: String,
}

/// Why a call could not be rendered, and where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortcodeError {
    pub message: String,
    pub help: String,
    pub at: ErrorAt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorAt {
    /// The shortcode's name.
    Name,
    /// The argument at this index (its name).
    Arg(usize),
    /// The whole opening tag.
    Call,
}

/// Renders one call: its HTML, or why not.
pub type Render<'a> = dyn Fn(&Shortcode<'_>) -> Result<String, ShortcodeError> + 'a;

/// The longest a tag may be, in bytes.
const MAX_TAG: usize = 4096;

/// How deep bodies may nest (a group of accordions is 2).
const MAX_DEPTH: usize = 8;

/// Private-use characters: a placeholder is OPEN, digits as DIGIT0 + d, CLOSE.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';
const DIGIT0: u32 = 0xE010;

fn placeholder(n: usize) -> String {
    let mut s = String::from(OPEN);
    for d in n.to_string().chars() {
        let d = d.to_digit(10).unwrap_or(0);
        s.push(char::from_u32(DIGIT0 + d).unwrap_or(CLOSE));
    }
    s.push(CLOSE);
    s
}

fn is_placeholder_char(c: char) -> bool {
    ('\u{E000}'..='\u{E01F}').contains(&c)
}

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
struct Call {
    name: Range<usize>,
    args: Vec<(Range<usize>, String, ArgValue)>,
    /// The whole call, closing tag included.
    range: Range<usize>,
    /// The opening tag alone.
    open: Range<usize>,
    /// What is between the tags.
    body: Option<Range<usize>>,
}

/// Where code spans and code blocks are: nothing in them is a shortcode.
fn code_ranges(src: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(src, super::parser_options()).into_offset_iter() {
        match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => out.push(range),
            _ => {}
        }
    }
    out
}

/// Whether `src` may hold a shortcode at all (a cheap test before the real scan).
fn maybe(src: &str) -> bool {
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
fn calls(src: &str, problems: &mut Vec<Problem>) -> Vec<Call> {
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

/// Renders a body whose source may hold shortcodes (`opts.shortcode` is set).
/// The calls at its top level are added to `children`.
pub(super) fn render(
    src: &str,
    opts: &Options<'_>,
    render_call: &Render<'_>,
    ids: &Cell<usize>,
    children: &mut Vec<Child>,
    depth: usize,
) -> Rendered {
    if !maybe(src) {
        return super::render_markdown(src, opts);
    }
    let mut problems = Vec::new();
    let calls = calls(src, &mut problems);
    if calls.is_empty() && problems.is_empty() {
        return super::render_markdown(src, opts);
    }
    let mut source = String::with_capacity(src.len());
    // (offset in `source`, offset in `src`) where each copied piece starts.
    let mut map: Vec<(usize, usize)> = vec![(0, 0)];
    let mut htmls = Vec::with_capacity(calls.len());
    let mut inner_links = Vec::new();
    let mut inner_words = 0;
    let mut last = 0;
    for (index, call) in calls.iter().enumerate() {
        source.push_str(&src[last..call.range.start]);
        let id = ids.get() + 1;
        ids.set(id);
        let name = &src[call.name.clone()];
        let mut inner_calls = Vec::new();
        let body = call.body.clone().map(|b| {
            if depth >= MAX_DEPTH {
                problems.push(Problem {
                    kind: ProblemKind::Shortcode,
                    severity: Severity::Error,
                    message: tr!("shortcode-too-deep", limit = MAX_DEPTH),
                    help: tr!("shortcode-too-deep-help"),
                    range: call.open.clone(),
                });
                return String::new();
            }
            let mut inner = render(
                &src[b.clone()],
                opts,
                render_call,
                ids,
                &mut inner_calls,
                depth + 1,
            );
            let shift = |r: &mut Range<usize>| *r = r.start + b.start..r.end + b.start;
            for p in &mut inner.problems {
                shift(&mut p.range);
            }
            for l in &mut inner.links {
                shift(&mut l.range);
            }
            problems.append(&mut inner.problems);
            inner_links.append(&mut inner.links);
            inner_words += inner.word_count;
            inner.html
        });
        let args: Vec<(String, ArgValue)> =
            call.args.iter().map(|(_, n, v)| (n.clone(), v.clone())).collect();
        let shortcode = Shortcode {
            name,
            args: &args,
            body: body.as_deref(),
            id: format!("sc-{name}-{id}"),
            index: index + 1,
            children: &inner_calls,
        };
        let html = match render_call(&shortcode) {
            Ok(html) => html,
            Err(e) => {
                let range = match e.at {
                    ErrorAt::Name => call.name.clone(),
                    ErrorAt::Arg(i) => call.args.get(i).map_or(call.open.clone(), |a| a.0.clone()),
                    ErrorAt::Call => call.open.clone(),
                };
                problems.push(Problem {
                    kind: ProblemKind::Shortcode,
                    severity: Severity::Error,
                    message: e.message,
                    help: e.help,
                    range,
                });
                String::new()
            }
        };
        map.push((source.len(), call.range.start));
        source.push_str(&placeholder(htmls.len()));
        children.push(Child {
            name: name.to_string(),
            id: shortcode.id.clone(),
            args,
            html: html.clone(),
        });
        htmls.push(html);
        last = call.range.end;
        map.push((source.len(), last));
    }
    source.push_str(&src[last..]);
    let mut rendered = super::render_markdown(&source, opts);
    let back = |at: usize| {
        let i = map.partition_point(|(new, _)| *new <= at).saturating_sub(1);
        let (new, old) = map[i];
        // Odd entries start placeholders: an offset inside one is its call's start.
        if i % 2 == 1 { old } else { old + (at - new) }
    };
    let remap = |r: &mut Range<usize>| {
        let start = back(r.start);
        *r = start..back(r.end).max(start);
    };
    for h in &mut rendered.headings {
        remap(&mut h.range);
        h.text = strip(&h.text);
    }
    for l in &mut rendered.links {
        remap(&mut l.range);
    }
    for p in &mut rendered.problems {
        remap(&mut p.range);
    }
    strip_toc(&mut rendered.toc);
    rendered.excerpt = strip(&rendered.excerpt).trim().to_string();
    rendered.links.append(&mut inner_links);
    rendered.links.sort_by_key(|l| l.range.start);
    rendered.problems.append(&mut problems);
    rendered.problems.sort_by_key(|p| p.range.start);
    rendered.word_count += inner_words;
    rendered.html = fill(&rendered.html, &htmls);
    rendered
}

fn strip(text: &str) -> String {
    text.chars().filter(|c| !is_placeholder_char(*c)).collect()
}

fn strip_toc(toc: &mut [super::TocEntry]) {
    for e in toc {
        e.title = strip(&e.title);
        strip_toc(&mut e.children);
    }
}

/// Puts each call's HTML in place of its placeholder; a placeholder alone in a paragraph
/// replaces the paragraph.
fn fill(html: &str, htmls: &[String]) -> String {
    let html = unwrap_paragraphs(html, htmls);
    let mut out = String::with_capacity(html.len() + htmls.iter().map(String::len).sum::<usize>());
    let mut rest = html.as_str();
    while let Some(i) = rest.find(OPEN) {
        let after = &rest[i + OPEN.len_utf8()..];
        let Some(j) = after.find(CLOSE) else { break };
        let Some(call) = call_of(&after[..j], htmls) else {
            break;
        };
        let tail = &after[j + CLOSE.len_utf8()..];
        let head = &rest[..i];
        if head.ends_with("<p>") && tail.starts_with("</p>") && is_block(call) {
            out.push_str(&head[..head.len() - 3]);
            out.push_str(call.trim_end());
            out.push('\n');
            rest = tail[4..].strip_prefix('\n').unwrap_or(&tail[4..]);
        } else {
            out.push_str(head);
            out.push_str(call.trim());
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// Whether a call's HTML starts with a block element, which may not sit in a paragraph.
fn is_block(html: &str) -> bool {
    const BLOCKS: [&str; 12] = [
        "div",
        "section",
        "ul",
        "ol",
        "figure",
        "p",
        "table",
        "nav",
        "h2",
        "h3",
        "blockquote",
        "details",
    ];
    let Some(rest) = html.trim_start().strip_prefix('<') else {
        return false;
    };
    let name: String = rest.chars().take_while(char::is_ascii_alphanumeric).collect();
    BLOCKS.contains(&name.to_ascii_lowercase().as_str())
}

/// The call a placeholder stands for.
fn call_of<'h>(placeholder: &str, htmls: &'h [String]) -> Option<&'h String> {
    let digits: Option<String> = placeholder
        .chars()
        .filter(|c| *c != OPEN && *c != CLOSE)
        .map(|c| char::from_digit((c as u32).wrapping_sub(DIGIT0), 10))
        .collect();
    htmls.get(digits?.parse::<usize>().ok()?)
}

/// Paragraphs holding only placeholders of block calls (written on lines of their own,
/// without a blank line between them) lose their `<p>`: the calls' HTML takes their place.
fn unwrap_paragraphs(html: &str, htmls: &[String]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<p>") {
        let inner_start = i + 3;
        let Some(len) = rest[inner_start..].find("</p>") else {
            break;
        };
        let inner = &rest[inner_start..inner_start + len];
        out.push_str(&rest[..i]);
        let only_calls = inner.contains(OPEN)
            && inner.chars().all(|c| is_placeholder_char(c) || c.is_whitespace())
            && inner
                .split_whitespace()
                .all(|p| call_of(p, htmls).is_some_and(|h| is_block(h)));
        if only_calls {
            for line in inner.split_whitespace() {
                out.push_str(line);
                out.push('\n');
            }
            let after = &rest[inner_start + len + 4..];
            rest = after.strip_prefix('\n').unwrap_or(after);
        } else {
            out.push_str(&rest[i..inner_start + len + 4]);
            rest = &rest[inner_start + len + 4..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Options, render as render_body};

    /// Renders with a caller that writes `[name id index args | body | children]`.
    fn render(src: &str) -> Rendered {
        let resolve = |_: &str| None;
        let call = |c: &Shortcode<'_>| -> Result<String, ShortcodeError> {
            if c.name == "bad" {
                return Err(ShortcodeError {
                    message: "bad".into(),
                    help: String::new(),
                    at: ErrorAt::Arg(1),
                });
            }
            let args: Vec<String> = c.args.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
            let children: Vec<&str> = c.children.iter().map(|k| k.id.as_str()).collect();
            let body = c.body.unwrap_or("");
            let tag = if c.body.is_some() { "div" } else { "span" };
            Ok(format!(
                "<{tag}>[{} {} {} {}|{body}|{}]</{tag}>",
                c.name,
                c.id,
                c.index,
                args.join(","),
                children.join(",")
            ))
        };
        render_body(
            src,
            &Options {
                base_path: "/",
                resolve: &resolve,
                raw_html: crate::raw_html::Mode::Sanitize,
                typography: false,
                images: &|_| None,
                shortcode: Some(&call),
            },
        )
    }

    #[test]
    fn inline_calls_stay_in_their_paragraph() {
        let r = render("Avant {{ b(n=3, ok=true, x=-1.5, s='a\\'b') }} après.\n");
        assert_eq!(
            r.html,
            "<p>Avant <span>[b sc-b-1 1 n=Int(3),ok=Bool(true),x=Float(-1.5),s=Str(\"a'b\")||]</span> après.</p>\n"
        );
    }

    #[test]
    fn bodies_are_markdown_and_nest() {
        let src = "# Titre\n\n{% g() %}\n{% a(t=\"1\") %}\n*un*\n{% end %}\n{% a(t=\"2\") %}\ndeux\n{% end %}\n{% end %}\n\n## Suite {#suite}\n";
        let r = render(src);
        assert!(
            r.html
                .starts_with("<h1 id=\"titre\">Titre</h1>\n<div>[g sc-g-1 1 |"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<div>[a sc-a-2 1 t=Str(\"1\")|<p><em>un</em></p>\n|]</div>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("[a sc-a-3 2 t=Str(\"2\")|<p>deux</p>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("|sc-a-2,sc-a-3]</div>\n<h2 id=\"suite\">Suite</h2>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<p><div>"), "{}", r.html);
        // Ranges point into the source as written.
        let suite = &r.headings[1];
        assert_eq!(&src[suite.range.clone()], "## Suite {#suite}\n");
    }

    #[test]
    fn code_is_not_read() {
        let src = "`{{ b() }}`\n\n```\n{% a() %}\n```\n\n    {{ b() }}\n";
        let r = render(src);
        assert!(!r.html.contains('['), "{}", r.html);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn problems_point_at_the_source() {
        let src = "Texte.\n\n{{ ok(a=\"1\", b=2) }} {{ bad(a=\"1\", b=2) }}\n\n{% open() %}\n\n{{ b(a=) }}\n";
        let r = render(src);
        let at: Vec<(&str, &str)> = r
            .problems
            .iter()
            .map(|p| (&src[p.range.clone()], p.message.as_str()))
            .collect();
        assert_eq!(at[0], ("b", "bad"), "{at:?}");
        assert_eq!(at[1].0, "{% open() %}", "{at:?}");
        assert!(at[1].1.contains("never closed"), "{at:?}");
        assert!(at[2].1.contains("expected a value"), "{at:?}");
    }

    #[test]
    fn hostile_input_stays_bounded() {
        // Deep nesting is an error, not a stack overflow.
        let deep = "{% a() %}\n".repeat(5_000) + &"{% end %}\n".repeat(5_000);
        let r = render(&deep);
        assert!(
            r.problems.iter().any(|p| p.message.contains("nest more than")),
            "{:?}",
            r.problems.first()
        );
        // Unfinished tags cost linear time: four times as many take about four times as long.
        // (The best of three runs, and a wide margin: quadratic would be 16 times.)
        let time = |n: usize| {
            let src = "{{ a(x=\"".repeat(n);
            (0..3)
                .map(|_| {
                    let t = std::time::Instant::now();
                    let r = render(&src);
                    assert_eq!(r.problems.len(), n);
                    t.elapsed().as_secs_f64()
                })
                .fold(f64::MAX, f64::min)
        };
        let (small, large) = (time(10_000), time(40_000));
        assert!(
            large < small * 10.0,
            "10,000 tags: {small:.3} s, 40,000: {large:.3} s"
        );
    }

    #[test]
    fn excerpts_and_word_counts_leave_placeholders_out() {
        let r = render("{{ b() }} Bonjour le monde.\n");
        assert_eq!(r.excerpt, "Bonjour le monde.");
        assert!(!r.html.contains(OPEN));
    }
}
