//! HTML escaping of what the writer writes, by pulldown-cmark-escape (the escaping
//! pulldown-cmark's own HTML writer uses).
//!
//! One difference is kept on purpose: the crate also writes `'` as `&#39;` in attribute
//! values (`&#x27;` in URLs), where the pages have always kept it as written. Every value
//! written here is double-quoted, so an apostrophe, frequent in French titles and alt
//! texts, is safe there; keeping it keeps the pages byte for byte what they were.

use pulldown_cmark_escape::{escape_href, escape_html, escape_html_body_text};

/// Text content: `&`, `<` and `>`.
pub(super) fn text(out: &mut String, text: &str) {
    _ = escape_html_body_text(&mut *out, text);
}

/// A double-quoted attribute value: `&`, `<`, `>` and `"`.
pub(super) fn attr(out: &mut String, value: &str) {
    between_apostrophes(out, value, "'", |out, part| _ = escape_html(out, part));
}

/// A URL in a double-quoted attribute: percent-encodes what is not allowed raw in a URL
/// (spaces, non-ASCII bytes, quotes…), keeps existing `%XX` escapes, writes `&` as `&amp;`
/// and `'` as `&#39;`.
pub(super) fn href(out: &mut String, url: &str) {
    between_apostrophes(out, url, "&#39;", |out, part| _ = escape_href(out, part));
}

/// ` name="value"`, escaped; nothing when the value is empty.
pub(super) fn push_attr(out: &mut String, name: &str, value: &str) {
    if !value.is_empty() {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        attr(out, value);
        out.push('"');
    }
}

/// Escapes each run between apostrophes with `escape`, and writes `apostrophe` for each.
fn between_apostrophes(out: &mut String, text: &str, apostrophe: &str, escape: impl Fn(&mut String, &str)) {
    let mut parts = text.split('\'');
    escape(out, parts.next().unwrap_or_default());
    for part in parts {
        out.push_str(apostrophe);
        escape(out, part);
    }
}
