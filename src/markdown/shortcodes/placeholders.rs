//! The placeholders that stand for calls while the body is rendered as Markdown, and the
//! calls' HTML put back in their place.

/// Private-use characters: a placeholder is OPEN, digits as DIGIT0 + d, CLOSE.
pub(super) const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';
const DIGIT0: u32 = 0xE010;

pub(super) fn placeholder(n: usize) -> String {
    let mut s = String::from(OPEN);
    for d in n.to_string().chars() {
        let d = d.to_digit(10).unwrap_or(0);
        s.push(char::from_u32(DIGIT0 + d).unwrap_or(CLOSE));
    }
    s.push(CLOSE);
    s
}

pub(super) fn is_placeholder_char(c: char) -> bool {
    ('\u{E000}'..='\u{E01F}').contains(&c)
}

/// Puts each call's HTML in place of its placeholder; a placeholder alone in a paragraph
/// replaces the paragraph.
pub(super) fn fill(html: &str, htmls: &[String]) -> String {
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
pub(super) fn unwrap_paragraphs(html: &str, htmls: &[String]) -> String {
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
