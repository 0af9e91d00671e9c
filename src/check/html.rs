//! What the checks need from rendered HTML, read with a real HTML parser (html5ever through
//! `scraper`): the ids of a page, its links and images, and which of them sit in the footer.

use std::collections::HashSet;

use scraper::{ElementRef, Html};

/// What the checks read of one page (`pages::read`; kept by the build cache, by the digest
/// of the page's bytes).
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Page {
    /// Every `id` (and `<a name>`), the targets of `#anchors`.
    pub ids: HashSet<String>,
    /// Links and embedded files, in document order.
    pub links: Vec<Link>,
    /// Whether the page has a `<footer>`.
    pub has_footer: bool,
    /// The inline scripts its own Content-Security-Policy blocks (read by `csp::blocked`,
    /// not by [`parse`]).
    pub blocked: Vec<Blocked>,
}

/// An inline script of a page, with the policy in force where it stands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Blocked {
    /// The script's text, as the page has it.
    pub text: String,
    /// The `script-src` (or `default-src`) that blocks it.
    pub directive: String,
}

/// A URL written in an attribute.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    /// The attribute value, entities decoded.
    pub value: String,
    /// A page to go to (`a`, `area`, `iframe`, canonical links) rather than a file the page
    /// loads (images, scripts, styles, media).
    pub navigation: bool,
    pub in_footer: bool,
    /// Text of a link in the footer (whitespace collapsed, images' alternative text
    /// included), which says the accessibility status; empty elsewhere, as no check reads it
    /// (the text of a body's links is checked in its Markdown).
    pub text: String,
    /// The line of the parsed text where its tag ends (1-based).
    pub line: usize,
}

/// Reads the ids, links and footer of a document or of a fragment (a Markdown body, raw
/// HTML from Markdown) with html5ever's tokenizer alone: no tree is built, which made this
/// the most expensive stage of a large build. End tags the author left out close nothing
/// here; the links and ids found are the same, and the text of a link ends at its `</a>`
/// (or at the next `<a>`, as in a browser).
pub fn parse(html: &str) -> Page {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};

    let sink = Sink::default();
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut state = tokenizer.sink.state.into_inner();
    state.close_link();
    // All the pages' links are kept until the links are checked.
    state.page.links.shrink_to_fit();
    state.page
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Sink {
    state: std::cell::RefCell<State>,
}

#[derive(Default)]
struct State {
    page: Page,
    /// Open `<footer>` elements.
    footers: usize,
    /// The `<a>` of the footer whose text is being read: its index in `page.links`.
    open_link: Option<usize>,
    /// The line of the token being read.
    line: usize,
}

impl State {
    fn close_link(&mut self) {
        if let Some(i) = self.open_link.take() {
            self.page.links[i].text = collapse(&self.page.links[i].text);
        }
    }

    fn start(&mut self, tag: &html5ever::tokenizer::Tag) {
        let attr = |name: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| a.value.as_ref())
        };
        let name = tag.name.as_ref();
        if let Some(id) = attr("id") {
            self.page.ids.insert(id.to_string());
        }
        if name == "a" {
            if let Some(n) = attr("name") {
                self.page.ids.insert(n.to_string());
            }
            // An `<a>` inside an open one closes it first, as browsers do.
            self.close_link();
        }
        if name == "footer" {
            self.page.has_footer = true;
            self.footers += 1;
        }
        if name == "img"
            && let Some(i) = self.open_link
        {
            let text = &mut self.page.links[i].text;
            text.push(' ');
            text.push_str(attr("alt").unwrap_or(""));
            text.push(' ');
        }
        let in_footer = self.footers > 0;
        let line = self.line;
        let mut push = |value: &str, navigation: bool| {
            self.page.links.push(Link {
                value: value.to_string(),
                navigation,
                in_footer,
                text: String::new(),
                line,
            });
        };
        match name {
            "a" => {
                if let Some(v) = attr("href") {
                    push(v, true);
                    if in_footer && !tag.self_closing {
                        self.open_link = Some(self.page.links.len() - 1);
                    }
                }
            }
            "area" => {
                if let Some(v) = attr("href") {
                    push(v, true);
                }
            }
            "link" => {
                if let Some(v) = attr("href") {
                    let rel = attr("rel").unwrap_or("");
                    let navigation = rel
                        .split_whitespace()
                        .any(|r| r == "canonical" || r == "alternate");
                    push(v, navigation);
                }
            }
            "iframe" => {
                if let Some(v) = attr("src") {
                    push(v, true);
                }
            }
            "img" | "source" | "script" | "video" | "audio" | "track" | "embed" => {
                for key in ["src", "poster"] {
                    if let Some(v) = attr(key) {
                        push(v, false);
                    }
                }
                if let Some(set) = attr("srcset") {
                    for candidate in set.split(',') {
                        if let Some(url) = candidate.split_whitespace().next() {
                            push(url, false);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

impl html5ever::tokenizer::TokenSink for Sink {
    type Handle = ();

    fn process_token(
        &self,
        token: html5ever::tokenizer::Token,
        line: u64,
    ) -> html5ever::tokenizer::TokenSinkResult<()> {
        use html5ever::tokenizer::states::RawKind;
        use html5ever::tokenizer::{TagKind, Token, TokenSinkResult};
        let mut state = self.state.borrow_mut();
        state.line = usize::try_from(line).unwrap_or(usize::MAX);
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                state.start(&tag);
                if tag.self_closing {
                    return TokenSinkResult::Continue;
                }
                // Elements whose content is text, not markup (`noscript` too: the checks
                // read pages as a browser with scripts does).
                return match tag.name.as_ref() {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                };
            }
            Token::TagToken(tag) => match tag.name.as_ref() {
                "a" => state.close_link(),
                "footer" => state.footers = state.footers.saturating_sub(1),
                _ => {}
            },
            Token::CharacterTokens(text) => {
                if let Some(i) = state.open_link {
                    state.page.links[i].text.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The text of a whole page but its footer (for statements about accessibility).
pub fn page_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    for node in doc.root_element().descendants() {
        let Some(t) = node.value().as_text() else { continue };
        let hidden = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "footer" | "head" | "script" | "style"))
        });
        if !hidden {
            out.push_str(t);
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements of a fragment of raw HTML, by tag name, with their attributes.
pub fn elements(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let doc = Html::parse_fragment(html);
    doc.root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .skip(1) // the fragment's own <html> wrapper
        .map(|e| {
            let attrs = e
                .value()
                .attrs()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            (e.value().name().to_string(), attrs)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_ids_links_and_footer() {
        let p = parse(
            "<!doctype html><html><body><h2 id=\"a\">A</h2><a name=\"old\"></a>\
             <p><a href=\"/x/#a\">Voir <img src=\"i.png\" alt=\"le  logo\"></a></p>\
             <link rel=\"stylesheet\" href=\"/s.css\"><img srcset=\"a.png 1x, b.png 2x\" alt=\"\">\
             <footer><a href=\"/accessibilite/\">Accessibilité : <img src=\"c.png\" alt=\"non\"> \
             conforme</a></footer></body></html>",
        );
        assert_eq!(p.ids, HashSet::from(["a".to_string(), "old".to_string()]));
        let links: Vec<_> = p
            .links
            .iter()
            .map(|l| (l.value.as_str(), l.navigation, l.in_footer, l.text.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                // Only the footer's link text is read.
                ("/x/#a", true, false, ""),
                ("i.png", false, false, ""),
                ("/s.css", false, false, ""),
                ("a.png", false, false, ""),
                ("b.png", false, false, ""),
                ("/accessibilite/", true, true, "Accessibilité : non conforme"),
                ("c.png", false, true, ""),
            ]
        );
        assert!(p.has_footer);
    }

    #[test]
    fn elements_of_raw_html() {
        let e = elements("<img src=\"a.png\" width=\"200\">");
        assert_eq!(e[0].0, "img");
        assert!(e[0].1.contains(&("src".to_string(), "a.png".to_string())));
    }
}
