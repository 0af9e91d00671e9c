//! What sanitize mode keeps: the elements and attributes of the allowlist, and the
//! attributes that hold URLs, each of which must pass `url_policy`.

use crate::url_policy;

use super::{Mode, Removed, Verdict};

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
pub(super) fn element_allowed(name: &str) -> bool {
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
pub(super) fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
}
