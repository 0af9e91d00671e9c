//! What the checks need from rendered HTML, read with a real HTML parser (html5ever through
//! `scraper`): the ids of a page, its links and images, and which of them sit in the footer.

use std::collections::HashSet;

use rayon::prelude::*;
use scraper::{ElementRef, Html};

use crate::render::Output;

/// One parsed page.
#[derive(Debug, Default, Clone)]
pub struct Page {
    /// Every `id` (and `<a name>`), the targets of `#anchors`.
    pub ids: HashSet<String>,
    /// Links and embedded files, in document order.
    pub links: Vec<Link>,
    /// Whether the page has a `<footer>`.
    pub has_footer: bool,
}

/// A URL written in an attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The attribute value, entities decoded.
    pub value: String,
    /// A page to go to (`a`, `area`, `iframe`, canonical links) rather than a file the page
    /// loads (images, scripts, styles, media).
    pub navigation: bool,
    pub in_footer: bool,
    /// Text of a link, alternative text of an image, whitespace collapsed.
    pub text: String,
}

/// Parses every HTML output, in parallel; `None` for other files.
pub fn index(outputs: &[Output]) -> Vec<Option<Page>> {
    outputs
        .par_iter()
        .map(|o| {
            o.path
                .ends_with(".html")
                .then(|| parse(&String::from_utf8_lossy(&o.bytes), false))
        })
        .collect()
}

/// Parses a whole document, or a fragment (a Markdown body, raw HTML from Markdown).
pub fn parse(html: &str, fragment: bool) -> Page {
    let doc = if fragment {
        Html::parse_fragment(html)
    } else {
        Html::parse_document(html)
    };
    let mut page = Page::default();
    for node in doc.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let e = el.value();
        if let Some(id) = e.attr("id") {
            page.ids.insert(id.to_string());
        }
        let name = e.name();
        if name == "a"
            && let Some(n) = e.attr("name")
        {
            page.ids.insert(n.to_string());
        }
        if name == "footer" {
            page.has_footer = true;
        }
        let mut push = |value: &str, navigation: bool| {
            let in_footer = el
                .ancestors()
                .any(|a| a.value().as_element().is_some_and(|a| a.name() == "footer"));
            let text = match name {
                "img" => e.attr("alt").unwrap_or("").to_string(),
                _ => text_of(el),
            };
            page.links.push(Link {
                value: value.to_string(),
                navigation,
                in_footer,
                text,
            });
        };
        match name {
            "a" | "area" => {
                if let Some(v) = e.attr("href") {
                    push(v, true);
                }
            }
            "link" => {
                if let Some(v) = e.attr("href") {
                    let rel = e.attr("rel").unwrap_or("");
                    push(
                        v,
                        rel.split_whitespace()
                            .any(|r| r == "canonical" || r == "alternate"),
                    );
                }
            }
            "iframe" => {
                if let Some(v) = e.attr("src") {
                    push(v, true);
                }
            }
            "img" | "source" | "script" | "video" | "audio" | "track" | "embed" => {
                for attr in ["src", "poster"] {
                    if let Some(v) = e.attr(attr) {
                        push(v, false);
                    }
                }
                if let Some(set) = e.attr("srcset") {
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
    page
}

/// The text of an element, with whitespace collapsed and the alternative text of images.
pub fn text_of(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        if let Some(t) = node.value().as_text() {
            out.push_str(t);
        } else if let Some(e) = node.value().as_element()
            && e.name() == "img"
        {
            out.push(' ');
            out.push_str(e.attr("alt").unwrap_or(""));
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
             <footer><a href=\"/accessibilite/\">Accessibilité : non conforme</a></footer></body></html>",
            false,
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
                ("/x/#a", true, false, "Voir le logo"),
                ("i.png", false, false, "le  logo"),
                ("/s.css", false, false, ""),
                ("a.png", false, false, ""),
                ("b.png", false, false, ""),
                ("/accessibilite/", true, true, "Accessibilité : non conforme"),
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
