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

use super::{Options, Problem, ProblemKind, Rendered};
use crate::diagnostic::Severity;
use crate::tr;

mod placeholders;
mod syntax;

use placeholders::{fill, is_placeholder_char, placeholder};
use syntax::{calls, maybe};

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

/// How deep bodies may nest (a group of accordions is 2).
const MAX_DEPTH: usize = 8;

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

#[cfg(test)]
mod tests;
