//! A second, light pass over a Markdown body for what the rendered HTML no longer says
//! precisely: where raw HTML sits in the source, and the header row of each table.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// What the scan found in one body. Ranges are byte ranges of the body.
#[derive(Debug, Default)]
pub struct Scan {
    /// Raw HTML: each HTML block whole, each inline tag alone.
    pub raw: Vec<Range<usize>>,
    pub tables: Vec<Table>,
}

#[derive(Debug)]
pub struct Table {
    pub range: Range<usize>,
    /// Text of each header cell.
    pub head: Vec<String>,
}

pub fn scan(body: &str) -> Scan {
    let mut out = Scan::default();
    // Raw HTML starts with `<` and a table needs `|`: a body with neither, as most are, is
    // not parsed a second time.
    if !body.bytes().any(|b| b == b'<' || b == b'|') {
        return out;
    }
    let mut in_block = false;
    let mut head: Option<Vec<String>> = None;
    let mut in_head_cell = false;
    for (event, range) in Parser::new_ext(body, crate::markdown::parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                in_block = true;
                out.raw.push(range);
            }
            Event::End(TagEnd::HtmlBlock) => in_block = false,
            Event::InlineHtml(_) | Event::Html(_) if !in_block => out.raw.push(range),
            Event::Start(Tag::Table(_)) => out.tables.push(Table {
                range,
                head: Vec::new(),
            }),
            Event::Start(Tag::TableHead) => head = Some(Vec::new()),
            Event::End(TagEnd::TableHead) => {
                if let (Some(cells), Some(t)) = (head.take(), out.tables.last_mut()) {
                    t.head = cells;
                }
            }
            Event::Start(Tag::TableCell) if head.is_some() => {
                in_head_cell = true;
                if let Some(cells) = head.as_mut() {
                    cells.push(String::new());
                }
            }
            Event::End(TagEnd::TableCell) => in_head_cell = false,
            Event::Text(t) | Event::Code(t) if in_head_cell => {
                if let Some(cell) = head.as_mut().and_then(|c| c.last_mut()) {
                    cell.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_raw_html_and_table_heads() {
        let body =
            "Texte <img src=\"a.png\"> fin.\n\n<div>\n<p>bloc</p>\n</div>\n\n| a | |\n|---|---|\n| 1 | 2 |\n";
        let s = scan(body);
        let raw: Vec<&str> = s.raw.iter().map(|r| &body[r.clone()]).collect();
        assert_eq!(raw, ["<img src=\"a.png\">", "<div>\n<p>bloc</p>\n</div>\n"]);
        assert_eq!(s.tables.len(), 1);
        assert_eq!(s.tables[0].head, ["a", ""]);
    }
}
