//! Accessibility problems an editor can fix in a body (alternative text, heading levels,
//! link text, table headers), and the accessibility status: `site.yaml` gives it, the
//! footer of every page and the statement page must say the same thing.

use std::collections::HashSet;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::links::{Resolved, Targets, from_anywhere};
use super::{Sources, html, scan};
use crate::config::AccessibilityStatus;
use crate::content::yaml::Seg;
use crate::content::{Data, Document};
use crate::diagnostic::{Diagnostic, Lines, Location};
use crate::markdown::{LinkKind, Rendered};
use crate::site::Site;
use crate::{msg, tr};

/// The template of the accessibility statement page.
pub const STATEMENT_TEMPLATE: &str = "accessibilite.html";

/// Link texts that say nothing once read out of context, normalized (lowercase, no accents).
const VAGUE: [&str; 20] = [
    "ici",
    "cliquez ici",
    "cliquer ici",
    "clique ici",
    "par ici",
    "lire la suite",
    "la suite",
    "suite",
    "lire plus",
    "en savoir plus",
    "savoir plus",
    "plus",
    "voir",
    "voir plus",
    "lien",
    "ce lien",
    "cette page",
    "here",
    "click here",
    "read more",
];

/// The lints of one body.
pub fn body(doc: &Document, body: &Rendered) -> Vec<Diagnostic> {
    let src = doc.body();
    let lines = Lines::new(&doc.path, src, doc.body_line);
    let at = |start: usize, len: usize| lines.locate(start, len);
    let mut out = Vec::new();
    for l in &body.links {
        let loc = || at(l.range.start, l.range.len());
        match l.kind {
            LinkKind::Image if l.text.trim().is_empty() => {
                out.push(
                    Diagnostic::warning(msg!("a11y-image-without-alt"))
                        .at(loc())
                        .help(tr!("a11y-image-without-alt-help")),
                );
            }
            LinkKind::Link | LinkKind::Autolink => {
                if let Some(d) = link_text(&l.text) {
                    out.push(d.at(loc()));
                }
            }
            _ => {}
        }
    }
    let scan = scan::scan(src);
    // (position, level) of every heading, Markdown or raw HTML.
    let mut headings: Vec<(usize, u8)> = body.headings.iter().map(|h| (h.range.start, h.level)).collect();
    for range in &scan.raw {
        let chunk = &src[range.clone()];
        let elements = html::elements(chunk);
        let has_th = elements.iter().any(|(n, _)| n == "th");
        // Where each tag is written, whatever its case. Elements the parser adds (`tbody`)
        // are not found; a name not found once is not looked for again, as each search
        // starts after the last tag found (each looked to the end of the block).
        let lower = chunk.to_ascii_lowercase();
        let mut missing: HashSet<&str> = HashSet::new();
        let mut from = 0;
        for (name, attrs) in &elements {
            let found = if missing.contains(name.as_str()) {
                None
            } else {
                lower[from..].find(&format!("<{name}"))
            };
            let offset = match found {
                Some(i) => {
                    from += i + 1;
                    from - 1
                }
                None => {
                    missing.insert(name);
                    0
                }
            };
            let start = range.start + offset;
            match name.as_str() {
                "img" if !attrs.iter().any(|(k, _)| k == "alt") => {
                    out.push(
                        Diagnostic::warning(msg!("a11y-image-without-alt"))
                            .at(at(start, name.len() + 1))
                            .help(tr!("a11y-html-image-without-alt-help")),
                    );
                }
                "table" if !has_th => {
                    out.push(no_header(at(start, name.len() + 1)));
                }
                h if h.len() == 2 && h.starts_with('h') => {
                    if let Some(level) = h[1..].parse::<u8>().ok().filter(|l| (1..=6).contains(l)) {
                        headings.push((start, level));
                    }
                }
                _ => {}
            }
        }
    }
    headings.sort_unstable();
    let mut previous = 1;
    for (start, level) in headings {
        let loc = at(start, src.len());
        if level == 1 {
            out.push(
                Diagnostic::warning(msg!("a11y-second-h1"))
                    .at(loc)
                    .help(tr!("a11y-second-h1-help")),
            );
        } else if level > previous + 1 {
            out.push(
                Diagnostic::warning(msg!("a11y-heading-skipped", level = level, previous = previous))
                    .at(loc)
                    .help(tr!(
                        "a11y-heading-skipped-help",
                        hashes = "#".repeat(usize::from(previous) + 1),
                        expected = previous + 1
                    )),
            );
        }
        previous = level;
    }
    for t in &scan.tables {
        if t.head.iter().all(|c| c.trim().is_empty()) {
            out.push(no_header(at(t.range.start, src.len())));
        }
    }
    out
}

fn no_header(at: Location) -> Diagnostic {
    Diagnostic::warning(msg!("a11y-table-without-header"))
        .at(at)
        .help(tr!("a11y-table-without-header-help"))
}

/// A lint on the text of a link, if it needs one.
fn link_text(text: &str) -> Option<Diagnostic> {
    let text = text.trim();
    let lower = text.to_lowercase();
    if text.is_empty() {
        return Some(
            Diagnostic::warning(msg!("a11y-link-without-text")).help(tr!("a11y-link-without-text-help")),
        );
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return Some(
            Diagnostic::warning(msg!("a11y-link-bare-address", text = text))
                .help(tr!("a11y-link-bare-address-help")),
        );
    }
    let normalized = deunicode::deunicode(&lower);
    let normalized = normalized.trim_matches(|c: char| !c.is_alphanumeric());
    let normalized = normalized.split_whitespace().collect::<Vec<_>>().join(" ");
    VAGUE
        .contains(&normalized.as_str())
        .then(|| Diagnostic::warning(msg!("a11y-link-vague", text = text)).help(tr!("a11y-link-vague-help")))
}

/// Statements of an accessibility status in a text: "non conforme", "partiellement
/// conforme", "totalement conforme", "en conformité partielle"…, with their byte ranges.
pub fn statements(text: &str) -> Vec<(Range<usize>, AccessibilityStatus)> {
    let mut words: Vec<(Range<usize>, String)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s..i, deunicode::deunicode(&text[s..i]).to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (k, pair) in words.windows(2).enumerate() {
        let status = match (pair[0].1.as_str(), pair[1].1.as_str()) {
            ("non", "conforme") => AccessibilityStatus::NonConforme,
            ("partiellement", "conforme") | ("conformite", "partielle") => {
                AccessibilityStatus::PartiellementConforme
            }
            ("totalement" | "pleinement", "conforme") | ("conformite", "totale") => {
                AccessibilityStatus::TotalementConforme
            }
            _ => continue,
        };
        // "n'est pas totalement conforme" states no status.
        if k > 0 && words[k - 1].1 == "pas" {
            continue;
        }
        out.push((pair[0].0.start..pair[1].0.end, status));
    }
    out
}

/// The statement page: the page that uses the statement template, else `/accessibilite/`.
fn statement_doc(site: &Site) -> Option<&Document> {
    site.docs
        .iter()
        .find(|d| matches!(&d.data, Data::Page(p) if p.template.as_deref() == Some(STATEMENT_TEMPLATE)))
        .map(|d| &**d)
        .or_else(|| site.by_url.get("/accessibilite/").map(|&i| &*site.docs[i]))
}

/// The status of `site.yaml` against the statement page and the footer of every page.
pub fn statement(site: &Site, targets: &Targets<'_>, sources: &Sources) -> Vec<Diagnostic> {
    let status = site.config.accessibility_status;
    let label = status.label();
    let setting = || sources.config_at(&[Seg::Key("accessibility_status".into())]);
    let Some(doc) = statement_doc(site) else {
        return vec![
            Diagnostic::error(msg!("a11y-no-statement"))
                .at(setting())
                .help(tr!("a11y-no-statement-help", template = STATEMENT_TEMPLATE)),
        ];
    };
    let mut out = Vec::new();
    let in_body = statements(doc.body());
    for (range, s) in &in_body {
        if *s != status {
            out.push(
                Diagnostic::error(msg!(
                    "a11y-statement-body-differs",
                    found = s.label(),
                    status = label
                ))
                .at(Location::in_source(
                    &doc.path,
                    doc.body(),
                    doc.body_line,
                    range.start,
                    range.len(),
                ))
                .help(tr!("a11y-statement-body-differs-help")),
            );
        }
    }
    let template = sources
        .template(STATEMENT_TEMPLATE)
        .map(|(path, _)| Location::file(path));
    if let Some(page) = targets.html(&doc.url) {
        let found = statements(&html::page_text(page));
        if !found.iter().any(|(_, s)| *s == status) {
            out.push(
                Diagnostic::error(msg!(
                    "a11y-statement-never-says",
                    url = doc.url.as_str(),
                    status = label
                ))
                .at(setting())
                .help(tr!(
                    "a11y-statement-never-says-help",
                    template = STATEMENT_TEMPLATE
                )),
            );
        }
        for other in [
            AccessibilityStatus::NonConforme,
            AccessibilityStatus::PartiellementConforme,
            AccessibilityStatus::TotalementConforme,
        ] {
            let count = |list: &[(Range<usize>, AccessibilityStatus)]| {
                list.iter().filter(|(_, s)| *s == other).count()
            };
            if other != status && count(&found) > count(&in_body) {
                out.push(
                    Diagnostic::error(msg!(
                        "a11y-statement-template-differs",
                        found = other.label(),
                        status = label
                    ))
                    .at(sources
                        .status_in_templates(other, |path, _| path.ends_with(STATEMENT_TEMPLATE))
                        .or_else(|| template.clone())
                        .unwrap_or_else(setting))
                    .help(tr!("a11y-print-status-help")),
                );
            }
        }
    }
    out.extend(footers(site, doc, targets, sources, status));
    out
}

/// Every page with a footer links to the statement, and the link states the status.
fn footers(
    site: &Site,
    doc: &Document,
    targets: &Targets<'_>,
    sources: &Sources,
    status: AccessibilityStatus,
) -> Vec<Diagnostic> {
    let label = status.label();
    let statement_paths = [site.link(&doc.url), site.link(&format!("{}index.html", doc.url))];
    let (mut missing, mut unstated, mut wrong) = (Vec::new(), Vec::new(), Vec::new());
    // The footer is the same on most pages: where a link leads from anywhere, and what a
    // link's text states, are found once (resolving every footer link of 10,000 pages
    // took 17 ms of a rebuild).
    let mut leads: FxHashMap<&str, bool> = FxHashMap::default();
    let mut says: FxHashMap<&str, Vec<(Range<usize>, AccessibilityStatus)>> = FxHashMap::default();
    let to_statement = |href: &str, from: &str| {
        matches!(targets.resolve(href, from),
            Resolved::Internal { path, .. } if statement_paths.contains(&path))
    };
    for route in &targets.routes {
        let Some(page) = &targets.pages[route.output] else {
            continue;
        };
        if !page.has_footer {
            continue;
        }
        let links: Vec<&html::Link> = page
            .links
            .iter()
            .filter(|l| l.in_footer)
            .filter(|l| {
                if !from_anywhere(&l.value) {
                    return to_statement(&l.value, &route.url);
                }
                *leads
                    .entry(&l.value)
                    .or_insert_with(|| to_statement(&l.value, &route.url))
            })
            .collect();
        if links.is_empty() {
            missing.push(route.url.as_str());
        }
        for l in links {
            let said = says.entry(&l.text).or_insert_with(|| statements(&l.text));
            if let Some((_, other)) = said.iter().find(|(_, s)| *s != status) {
                wrong.push((route.url.as_str(), *other));
            } else if said.is_empty() {
                unstated.push(route.url.as_str());
            }
        }
    }
    let at = || {
        sources
            .template_with(&doc.url)
            .unwrap_or_else(|| sources.config_at(&[Seg::Key("accessibility_status".into())]))
    };
    let on = |pages: &[&str]| match pages {
        [one] => tr!("a11y-on-page", page = *one),
        _ => tr!("a11y-on-pages", count = pages.len(), page = pages[0]),
    };
    let mut out = Vec::new();
    if !missing.is_empty() {
        out.push(
            Diagnostic::error(msg!(
                "a11y-footer-no-link",
                url = doc.url.as_str(),
                pages = on(&missing)
            ))
            .at(at())
            .help(tr!("a11y-footer-no-link-help", status = label)),
        );
    }
    if !unstated.is_empty() {
        out.push(
            Diagnostic::error(msg!("a11y-footer-no-status", pages = on(&unstated)))
                .at(at())
                .help(tr!("a11y-footer-no-status-help")),
        );
    }
    if let Some(&(_, other)) = wrong.first() {
        let pages: Vec<&str> = wrong.iter().map(|(p, _)| *p).collect();
        let written = sources.status_in_templates(other, |_, text| text.contains("<footer"));
        out.push(
            Diagnostic::error(msg!(
                "a11y-footer-differs",
                found = other.label(),
                status = label,
                pages = on(&pages)
            ))
            .at(written.unwrap_or_else(at))
            .help(tr!("a11y-footer-differs-help")),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use AccessibilityStatus::*;

    #[test]
    fn finds_statements_of_status() {
        let text = "Le site est **non conforme**. Puis partiellement-conforme, en conformité totale. \
                    Il n'est pas totalement conforme. Les non-conformités, les critères conformes.";
        let found: Vec<(&str, AccessibilityStatus)> =
            statements(text).into_iter().map(|(r, s)| (&text[r], s)).collect();
        assert_eq!(
            found,
            [
                ("non conforme", NonConforme),
                ("partiellement-conforme", PartiellementConforme),
                ("conformité totale", TotalementConforme),
            ]
        );
    }

    #[test]
    fn raw_html_problems_are_located_at_their_tag_whatever_its_case() {
        let md = "<table><TR><TD>a</TD></TR></table>\n<div>\n<IMG SRC=\"a.png\">\n<p>texte</p>\n<img src=\"b.png\">\n</div>\n";
        let text = format!("---\ntitle: T\n---\n{md}");
        let mut diags = Vec::new();
        let doc =
            crate::content::parse_document(std::path::Path::new("content/p.md"), "p.md", &text, &mut diags)
                .unwrap();
        let resolve = |_: &str| None;
        let rendered = crate::markdown::render(
            doc.body(),
            &crate::markdown::Options {
                base_path: "/",
                resolve: &resolve,
                raw_html: crate::raw_html::Mode::Sanitize,
                typography: false,
                images: &|_| None,
                shortcode: None,
            },
        );
        let found: Vec<String> = body(&doc, &rendered)
            .iter()
            .map(|d| format!("{} {}", d.location.as_ref().unwrap(), d.message))
            .collect();
        assert_eq!(
            found,
            [
                "content/p.md:4:1 table without header row",
                "content/p.md:6:1 image without alternative text",
                "content/p.md:8:1 image without alternative text",
            ]
        );
    }

    #[test]
    fn vague_and_bare_link_texts() {
        assert!(link_text("Cliquez ici !").is_some());
        assert!(link_text("« En savoir plus… »").is_some());
        assert!(link_text("https://exemple.fr").is_some());
        assert!(link_text("").is_some());
        assert!(link_text("le bilan de l'investigation").is_none());
        assert!(link_text("ici et là").is_none());
    }
}
