//! DSFR blocks: GFM alerts as highlights, callouts and alerts, tables in the DSFR table
//! wrappers, accessible task lists.

use pulldown_cmark::{Alignment, BlockQuoteKind};

#[derive(Default)]
pub(super) struct Blocks {
    /// One entry per open block quote or list item: is it a DSFR callout (TIP, IMPORTANT)?
    callouts: Vec<bool>,
    /// Position of the last `<li>` written, to mark task items.
    li_pos: usize,
    table: Table,
}

#[derive(Default)]
struct Table {
    aligns: Vec<Alignment>,
    cell: usize,
    /// Where the content of the current cell starts.
    cell_start: usize,
    in_head: bool,
    tbody: bool,
}

impl Blocks {
    /// The opening tag of a paragraph: a callout's text inside a callout.
    pub(super) fn paragraph(&self) -> &'static str {
        if self.callouts.last() == Some(&true) {
            "<p class=\"fr-callout__text\">"
        } else {
            "<p>"
        }
    }

    /// A block quote, or a GFM alert (`> [!NOTE]`…) as its DSFR component.
    pub(super) fn open_quote(&mut self, kind: Option<BlockQuoteKind>, h: &mut String) {
        h.push_str(match kind {
            None => "<blockquote>\n",
            Some(BlockQuoteKind::Note) => "<div class=\"fr-highlight\">\n<p class=\"fr-sr-only\">Note</p>\n",
            Some(BlockQuoteKind::Tip) => {
                "<div class=\"fr-callout fr-icon-lightbulb-line\">\n\
                 <p class=\"fr-callout__title\">Astuce</p>\n"
            }
            Some(BlockQuoteKind::Important) => {
                "<div class=\"fr-callout fr-icon-information-line\">\n\
                 <p class=\"fr-callout__title\">Important</p>\n"
            }
            Some(BlockQuoteKind::Warning) => {
                "<div class=\"fr-alert fr-alert--warning\">\n\
                 <p class=\"fr-alert__title\">Attention</p>\n"
            }
            Some(BlockQuoteKind::Caution) => {
                "<div class=\"fr-alert fr-alert--error\">\n\
                 <p class=\"fr-alert__title\">Danger</p>\n"
            }
        });
        let callout = matches!(kind, Some(BlockQuoteKind::Tip | BlockQuoteKind::Important));
        self.callouts.push(callout);
    }

    pub(super) fn close_quote(&mut self, kind: Option<BlockQuoteKind>, h: &mut String) {
        self.callouts.pop();
        h.push_str(if kind.is_some() {
            "</div>\n"
        } else {
            "</blockquote>\n"
        });
    }

    pub(super) fn open_item(&mut self, h: &mut String) {
        self.li_pos = h.len();
        h.push_str("<li>");
        self.callouts.push(false);
    }

    pub(super) fn close_item(&mut self, h: &mut String) {
        h.push_str("</li>\n");
        self.callouts.pop();
    }

    /// A task list item's checkbox. A disabled checkbox keeps the done/to-do state in the
    /// accessibility tree; its aria-label names it, so neither axe-core ("label") nor the
    /// Nu checker complains.
    pub(super) fn task_marker(&self, done: bool, h: &mut String) {
        if h.get(self.li_pos..).is_some_and(|s| s.starts_with("<li>")) {
            let li = "<li class=\"task-list-item\">";
            h.replace_range(self.li_pos..self.li_pos + 4, li);
        }
        h.push_str(if done {
            "<input type=\"checkbox\" disabled checked aria-label=\"fait\"> "
        } else {
            "<input type=\"checkbox\" disabled aria-label=\"à faire\"> "
        });
    }

    pub(super) fn open_table(&mut self, aligns: Vec<Alignment>, h: &mut String) {
        h.push_str(
            "<div class=\"fr-table fr-table--no-caption\"><div class=\"fr-table__wrapper\">\
             <div class=\"fr-table__container\"><div class=\"fr-table__content\"><table>\n",
        );
        self.table.aligns = aligns;
        self.table.tbody = false;
    }

    pub(super) fn close_table(&mut self, h: &mut String) {
        if self.table.tbody {
            h.push_str("</tbody>\n");
        }
        h.push_str("</table></div></div></div></div>\n");
    }

    pub(super) fn open_head(&mut self, h: &mut String) {
        h.push_str("<thead>\n<tr>");
        self.table.in_head = true;
        self.table.cell = 0;
    }

    pub(super) fn close_head(&mut self, h: &mut String) {
        h.push_str("</tr>\n</thead>\n");
        self.table.in_head = false;
    }

    pub(super) fn open_row(&mut self, h: &mut String) {
        if !self.table.tbody {
            h.push_str("<tbody>\n");
            self.table.tbody = true;
        }
        h.push_str("<tr>");
        self.table.cell = 0;
    }

    pub(super) fn open_cell(&mut self, h: &mut String) {
        let table = &mut self.table;
        h.push_str(if table.in_head { "<th scope=\"col\"" } else { "<td" });
        // Classes, not the obsolete `align` attribute (rejected by the Nu checker).
        match table.aligns.get(table.cell) {
            Some(Alignment::Center) => h.push_str(" class=\"fr-cell--center\""),
            Some(Alignment::Right) => h.push_str(" class=\"fr-cell--right\""),
            _ => {}
        }
        h.push('>');
        table.cell_start = h.len();
    }

    pub(super) fn close_cell(&mut self, h: &mut String) {
        let table = &mut self.table;
        if table.in_head && h.len() == table.cell_start {
            // An empty header cell (row labels' column) is no header (axe "empty-table-header").
            h.truncate(h.rfind("<th").unwrap_or(h.len()));
            h.push_str("<td></td>");
        } else {
            h.push_str(if table.in_head { "</th>" } else { "</td>" });
        }
        table.cell += 1;
    }
}
