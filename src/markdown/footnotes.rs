//! GFM-style footnotes: numbered references in the text, and the notes section at the end
//! of the body, with ids `fn:N` and back references `fnref:N[:K]` (a generated heading id
//! never contains ':', so they cannot collide).

use std::fmt::Write as _;

use pulldown_cmark::CowStr;

#[derive(Default)]
pub(super) struct Notes<'a> {
    /// Referenced footnotes and their reference counts; number = index + 1 (GFM order).
    refs: Vec<(CowStr<'a>, usize)>,
    /// Each definition's label and HTML.
    defs: Vec<(CowStr<'a>, String)>,
    /// Open footnote definitions: label and the HTML saved meanwhile.
    stack: Vec<(CowStr<'a>, String)>,
}

impl<'a> Notes<'a> {
    /// Inside a footnote definition.
    pub(super) fn inside(&self) -> bool {
        !self.stack.is_empty()
    }

    /// A definition opens: the body's HTML is set aside and `html` collects the note's.
    pub(super) fn open_definition(&mut self, label: CowStr<'a>, html: &mut String) {
        let saved = std::mem::take(html);
        self.stack.push((label, saved));
    }

    /// A definition closes: its HTML is kept for the notes section, the body's is back.
    pub(super) fn close_definition(&mut self, html: &mut String) {
        if let Some((label, saved)) = self.stack.pop() {
            let def = std::mem::replace(html, saved);
            self.defs.push((label, def));
        }
    }

    /// Writes a reference: the note's number, linked to the note.
    pub(super) fn reference(&mut self, label: CowStr<'a>, html: &mut String) {
        let i = match self.refs.iter().position(|n| same_label(&n.0, &label)) {
            Some(i) => i,
            None => {
                self.refs.push((label, 0));
                self.refs.len() - 1
            }
        };
        self.refs[i].1 += 1;
        let (n, k) = (i + 1, self.refs[i].1);
        let k = if k == 1 { String::new() } else { format!(":{k}") };
        _ = write!(
            html,
            "<sup class=\"footnote-ref\"><a href=\"#fn:{n}\" id=\"fnref:{n}{k}\" \
             aria-label=\"Note {n}\">{n}</a></sup>"
        );
    }

    /// Writes the notes section, when a note is referenced.
    pub(super) fn write(&self, h: &mut String) {
        if self.refs.is_empty() {
            return;
        }
        h.push_str("<section class=\"footnotes\" aria-label=\"Notes de bas de page\">\n<ol>\n");
        for (i, (label, refs)) in self.refs.iter().enumerate() {
            let n = i + 1;
            // pulldown-cmark only reports references to defined notes.
            let def = self.defs.iter().find(|d| same_label(&d.0, label));
            let def = def.map_or("", |d| d.1.as_str());
            let mut back = String::new();
            for k in 1..=*refs {
                let (id, sup, which) = match k {
                    1 if *refs == 1 => (String::new(), String::new(), String::new()),
                    1 => (String::new(), String::new(), " 1".into()),
                    k => (format!(":{k}"), format!("<sup>{k}</sup>"), format!(" {k}")),
                };
                _ = write!(
                    back,
                    " <a href=\"#fnref:{n}{id}\" class=\"footnote-backref\" \
                     aria-label=\"Retour à l’appel{which} de la note {n}\">↩{sup}</a>"
                );
            }
            _ = writeln!(h, "<li id=\"fn:{n}\">");
            match def.strip_suffix("</p>\n") {
                Some(body) => _ = writeln!(h, "{body}{back}</p>"),
                None => _ = writeln!(h, "{def}<p>{}</p>", back.trim_start()),
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ol>\n</section>\n");
    }
}

/// Footnote labels match case-insensitively, as pulldown-cmark does.
fn same_label(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}
