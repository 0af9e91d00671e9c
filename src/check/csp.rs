//! Inline scripts that a page's own Content-Security-Policy (`<meta http-equiv>`) blocks:
//! they would not run, and nothing else would say so. One written by a template is an error
//! at the template's line (the theme is broken); one written in trusted raw HTML is a warning
//! at the content line. A policy's hashes are not taken as allowing a script: the build
//! minifies inline scripts after the checks, so a hash of the script as written would not
//! match what is published. The way out is a file of `static/` loaded with `<script src>`.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::Sources;
use super::links::Targets;
use crate::diagnostic::{Diagnostic, Location};
use crate::site::Site;
use crate::{msg, tr};

pub use super::html::Blocked;

/// The inline scripts the pages' policies block (read with each page, by `pages::read`),
/// once per script.
pub fn check(site: &Site, targets: &Targets<'_>, sources: &Sources) -> Vec<Diagnostic> {
    let found: Vec<(usize, &Blocked)> = targets
        .routes
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, route)| {
            let page = targets.pages[route.output].as_ref();
            page.into_iter()
                .flat_map(move |p| p.blocked.iter().map(move |b| (i, b)))
        })
        .collect();
    // A template's script is on every page: once per script.
    let mut by_text: BTreeMap<&str, (usize, &Blocked, usize)> = BTreeMap::new();
    for (route, b) in &found {
        by_text.entry(b.text.as_str()).or_insert((*route, b, 0)).2 += 1;
    }
    let mut out = Vec::new();
    for (text, (route, b, pages)) in by_text {
        let route = &targets.routes[route];
        let needle = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        let directive = b.directive.to_string();
        let message = msg!("csp-inline-script", directive = directive.as_str());
        let body = route
            .doc
            .map(|i| &site.docs[i])
            .filter(|d| d.body().contains(needle));
        let d = match (sources.template_with(needle), body) {
            (Some(at), _) => Diagnostic::error(message).at(at).help(tr!(
                "help-and-more",
                help = tr!("csp-move-script-help"),
                more = tr!("csp-on-pages", count = pages, page = route.url.as_str())
            )),
            (None, Some(doc)) => {
                let offset = doc.body().find(needle).unwrap_or(0);
                let at = Location::in_source(&doc.path, doc.body(), doc.body_line, offset, needle.len());
                Diagnostic::warning(message)
                    .at(at)
                    .help(tr!("csp-body-script-help"))
            }
            (None, None) => Diagnostic::error(msg!(
                "csp-inline-script-on-page",
                directive = directive,
                page = route.url.as_str()
            ))
            .help(tr!("csp-move-script-help")),
        };
        out.push(d);
    }
    out
}

/// The inline scripts of `html` that a policy of the page blocks, in order.
pub fn blocked(html: &str) -> Vec<Blocked> {
    if !has_inline_script(html) {
        return Vec::new();
    }
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.state.into_inner().blocked
}

/// Whether some `<script` tag of `html` has no `src`: most pages have none to read.
fn has_inline_script(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    lower.match_indices("<script").any(|(at, _)| {
        let tag = &lower[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        !tag.contains("src")
    })
}

/// The sources a directive allows inline scripts with: `None` when the page says nothing.
fn script_sources(policy: &str) -> Option<(String, bool)> {
    let mut default = None;
    for directive in policy.split(';') {
        let mut words = directive.split_ascii_whitespace();
        let Some(name) = words.next() else { continue };
        // A hash or a nonce turns 'unsafe-inline' off (CSP level 2).
        let words: Vec<&str> = words.collect();
        let inline = words.iter().any(|w| w.eq_ignore_ascii_case("'unsafe-inline'"))
            && !words.iter().any(|w| {
                let w = w.to_ascii_lowercase();
                w.starts_with("'sha") || w.starts_with("'nonce-")
            });
        let whole = directive.trim().to_string();
        if name.eq_ignore_ascii_case("script-src") {
            return Some((whole, inline));
        }
        if name.eq_ignore_ascii_case("default-src") && default.is_none() {
            default = Some((whole, inline));
        }
    }
    default
}

#[derive(Default)]
struct Sink {
    state: std::cell::RefCell<State>,
}

#[derive(Default)]
struct State {
    /// The directives of the policies met so far that block inline scripts.
    blocking: Vec<String>,
    /// The text of the inline script being read.
    script: Option<String>,
    blocked: Vec<Blocked>,
}

impl html5ever::tokenizer::TokenSink for Sink {
    type Handle = ();

    fn process_token(
        &self,
        token: html5ever::tokenizer::Token,
        _line: u64,
    ) -> html5ever::tokenizer::TokenSinkResult<()> {
        use html5ever::tokenizer::states::RawKind;
        use html5ever::tokenizer::{TagKind, Token, TokenSinkResult};
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let attr = |name: &str| {
                    tag.attrs
                        .iter()
                        .find(|a| &*a.name.local == name)
                        .map(|a| a.value.to_string())
                };
                match &*tag.name {
                    "meta" => {
                        let csp = attr("http-equiv")
                            .is_some_and(|v| v.trim().eq_ignore_ascii_case("content-security-policy"));
                        if let Some((directive, false)) = csp
                            .then(|| attr("content"))
                            .flatten()
                            .as_deref()
                            .and_then(script_sources)
                        {
                            state.blocking.push(directive);
                        }
                    }
                    "script" => {
                        // Data blocks (`application/ld+json`…) are not scripts.
                        let script = attr("type").is_none_or(|t| {
                            let t = t.trim().to_ascii_lowercase();
                            t.is_empty()
                                || t == "module"
                                || t.contains("javascript")
                                || t.contains("ecmascript")
                        });
                        if attr("src").is_none() && script && !state.blocking.is_empty() {
                            state.script = Some(String::new());
                        }
                        return TokenSinkResult::RawData(RawKind::ScriptData);
                    }
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        return TokenSinkResult::RawData(RawKind::Rawtext);
                    }
                    "title" | "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => {}
                }
            }
            Token::TagToken(tag) if &*tag.name == "script" => {
                if let Some(text) = state.script.take()
                    && !text.trim().is_empty()
                {
                    let directive = state.blocking[0].clone();
                    state.blocked.push(Blocked { text, directive });
                }
            }
            Token::CharacterTokens(text) => {
                if let Some(script) = &mut state.script {
                    script.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; \
                          script-src 'self' 'sha256-abc='\">";

    #[test]
    fn finds_the_inline_scripts_a_policy_blocks() {
        let page = format!(
            "<head><script>before()</script>{POLICY}<script>\n  dark();\n</script>\
             <script src=\"/a.js\"></script><script type=\"application/ld+json\">{{}}</script>\
             <script type=module>m()</script><script> </script></head>\
             <body><p>&lt;script&gt;x()&lt;/script&gt;</p><textarea><script>t()</script></textarea></body>"
        );
        let blocked = blocked(&page);
        let texts: Vec<&str> = blocked.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["\n  dark();\n", "m()"]);
        assert_eq!(blocked[0].directive, "script-src 'self' 'sha256-abc='");
    }

    #[test]
    fn a_policy_that_allows_inline_scripts_or_none_blocks_nothing() {
        let allowing =
            "<meta http-equiv=content-security-policy content=\"script-src 'self' 'unsafe-inline'\">";
        let only_images = "<meta http-equiv=Content-Security-Policy content=\"img-src 'self'\">";
        for head in ["", allowing, only_images] {
            assert!(
                blocked(&format!("{head}<script>x()</script>")).is_empty(),
                "{head}"
            );
        }
        let by_default = "<meta http-equiv=Content-Security-Policy content=\"default-src 'self'\">";
        assert_eq!(blocked(&format!("{by_default}<script>x()</script>")).len(), 1);
        assert!(!has_inline_script(
            "<script src=a.js></script><SCRIPT defer src=b.js>"
        ));
        assert!(has_inline_script("<script src=a.js></script><SCRIPT>x</SCRIPT>"));
    }
}
