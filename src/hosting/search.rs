//! Full-text search on plain static hosting: a [Pagefind](https://pagefind.app) index of the
//! pages, written under `pagefind/`, which the results page queries from the browser (no
//! server, no request to another host). Pagefind stems French words, ranks results and cuts
//! excerpts; its index is split in small fragments so a search loads only what it needs.
//!
//! Pages are indexed by their site path (`/startups/ada/`): the results page gives Pagefind
//! the base path (`baseUrl`), which it puts in front.
//!
//! The search exists when a page uses the theme's `search.html` template (this site:
//! `content/recherche.md`). Indexed: the `<main>` of every document page, except pages marked
//! `robots: noindex` and the results page itself; generated listings, redirects and the
//! 404 page are left out, as they repeat what the pages say.

use std::time::{Duration, Instant};

use rayon::prelude::*;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::content::Data;
use crate::diagnostic::Diagnostic;
use crate::pipeline::Output;
use crate::site::{Route, Site};

/// Folder of the index in the output.
pub const DIR: &str = "pagefind";
/// The theme template of the results page.
pub const TEMPLATE: &str = "search.html";
/// Parts of `<main>` that are navigation, not content.
const EXCLUDED: [&str; 2] = ["nav", ".fr-breadcrumb"];

fn is_results_page(data: &Data) -> bool {
    matches!(data, Data::Page(p) if p.template.as_deref() == Some(TEMPLATE))
}

/// Whether the site has a search: some page uses the `search.html` template.
pub fn enabled(site: &Site) -> bool {
    site.docs.iter().any(|d| is_results_page(&d.data))
}

/// Whether a route's page goes into the index.
pub fn indexed(site: &Site, route: &Route) -> bool {
    match route {
        Route::Doc(i) => {
            let doc = &site.docs[*i];
            !is_results_page(&doc.data) && !super::is_noindex(super::robots_of(doc))
        }
        _ => false,
    }
}

/// The `<main>` element of a page in an otherwise empty document: Pagefind indexes only
/// `<main>`, and parsing the header and footer of every page would double its work. A page
/// without `<main>` is given whole.
fn main_part(html: &str) -> String {
    let (Some(start), Some(end)) = (html.find("<main"), html.rfind("</main>")) else {
        return spaced(html);
    };
    if end < start {
        return spaced(html);
    }
    let lang = html
        .find("<html")
        .and_then(|i| html[i..].find('>').map(|j| &html[i..i + j + 1]))
        .unwrap_or("<html>");
    format!(
        "<!doctype html>{lang}<body>{}</body></html>",
        spaced(&html[start..end + "</main>".len()])
    )
}

/// The elements Pagefind lets text run across, adding no space (its own list).
const INLINE: [&str; 33] = [
    "a", "abbr", "acronym", "b", "bdo", "big", "br", "button", "cite", "code", "dfn", "em", "i", "img",
    "input", "kbd", "label", "map", "object", "output", "q", "samp", "script", "select", "small", "span",
    "strong", "sub", "sup", "textarea", "time", "tt", "var",
];

/// `html` with a space before every opening tag and after every end tag, but inline ones.
/// Minification drops the whitespace between block elements and their optional end tags,
/// which browsers do not show, but Pagefind reads the text on both sides as one:
/// `<th>Phase<th>Début` was indexed as the word `PhaseDébut`, and a search for `début`
/// missed the page. With the spaces, a minified page is indexed like the readable one.
fn spaced(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut copied = 0;
    let mut from = 0;
    while let Some(i) = html[from..].find('<') {
        let start = from + i;
        let end = tag_end(html, start);
        if !INLINE.contains(&tag_name(&html[start..end])) {
            // Outside the element: the text of `<p>Fin.</p>` keeps its last character,
            // after which Pagefind adds a full stop to separate sentences in excerpts.
            if html[start..].starts_with("</") {
                out.push_str(&html[copied..end]);
                out.push(' ');
            } else {
                out.push_str(&html[copied..start]);
                out.push(' ');
                out.push_str(&html[start..end]);
            }
            copied = end;
        }
        from = end;
    }
    out.push_str(&html[copied..]);
    out
}

/// Where the tag (or comment) starting at `start` ends: after its `>`, which a quoted
/// attribute value may contain.
fn tag_end(html: &str, start: usize) -> usize {
    let rest = &html[start..];
    if rest.starts_with("<!--") {
        return rest.find("-->").map_or(html.len(), |i| start + i + "-->".len());
    }
    let mut quote = None;
    for (i, b) in rest.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return start + i + 1,
            _ => {}
        }
    }
    html.len()
}

/// The element name of a tag starting at `tag` (`<p class=x>`, `</td>`), lowercase ASCII
/// as minification and the templates write it; empty for a comment or a doctype.
fn tag_name(tag: &str) -> &str {
    let name = tag.trim_start_matches('<').trim_start_matches('/');
    let len = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    &name[..len]
}

/// Pagefind's own search interfaces: the results page has its own, in the theme.
fn is_ui_file(name: &str) -> bool {
    [
        "pagefind-ui.",
        "pagefind-modular-ui.",
        "pagefind-component-ui.",
        "pagefind-highlight.",
    ]
    .iter()
    .any(|ui| name.starts_with(ui))
}

/// What goes into the index: the site path and the `<main>` of each indexed page (`page`:
/// the bytes of a rendered page by output path). Taken apart from [`build`], so that the
/// index can be built on its own thread.
pub fn pages<'a>(site: &Site, page: impl Fn(&str) -> Option<&'a [u8]> + Sync) -> Vec<(String, String)> {
    site.routes
        .par_iter()
        .filter(|r| indexed(site, r))
        .filter_map(|r| {
            let bytes = page(&site.output_path(r))?;
            Some((site.url(r), main_part(&String::from_utf8_lossy(bytes))))
        })
        .collect()
}

/// A search index being made on its own thread: Pagefind works on one thread for seconds on
/// a large site, while the other stages share the rest.
pub struct Pending(std::thread::JoinHandle<(Result<Vec<Output>, Diagnostic>, Duration)>);

impl Pending {
    /// Starts indexing `pages` (from [`pages`]) in `language`.
    pub fn start(language: &str, pages: Vec<(String, String)>) -> Pending {
        let language = language.to_string();
        Pending(std::thread::spawn(move || {
            let start = Instant::now();
            (build(&language, pages), start.elapsed())
        }))
    }

    /// An index made before (kept by the build cache).
    pub fn made(files: Vec<Output>) -> Pending {
        Pending(std::thread::spawn(move || (Ok(files), Duration::ZERO)))
    }

    /// Whether the index is made: [`Pending::finish`] would not wait.
    pub fn is_finished(&self) -> bool {
        self.0.is_finished()
    }

    /// Waits for the index: its files (see [`build`]) and the time it took.
    pub fn finish(self) -> (Result<Vec<Output>, Diagnostic>, Duration) {
        self.0
            .join()
            .unwrap_or_else(|_| (Err(failure(&"Pagefind stopped unexpectedly")), Duration::ZERO))
    }
}

/// The key of what an index is made of: the same key, the same index files.
pub fn key(language: &str, pages: &[(String, String)]) -> crate::cache::Key {
    let mut h = crate::cache::Hasher::new();
    h.str(language).u64(pages.len() as u64);
    for (url, html) in pages {
        h.str(url).str(html);
    }
    h.finish()
}

/// The error of a search index that could not be built, for `reason`.
fn failure(reason: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(crate::msg!("search-index-failed", reason = reason.to_string()))
        .help(crate::tr!("search-index-failed-help"))
}

/// Builds the index of `pages` (from [`pages`]), in `language`: the files to write under
/// [`DIR`], sorted by path. Pagefind works on one thread.
pub fn build(language: &str, pages: Vec<(String, String)>) -> Result<Vec<Output>, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failure(&e))?;
    let language = language.to_string();
    let files = runtime
        .block_on(async move {
            let options = PagefindServiceConfig::builder()
                .root_selector("main".to_string())
                .exclude_selectors(EXCLUDED.iter().map(|s| s.to_string()).collect())
                .force_language(language)
                .keep_index_url(false)
                .build();
            let mut index = PagefindIndex::new(Some(options))?;
            for (url, html) in pages {
                index.add_html_file(None, Some(url), html).await?;
            }
            index.get_files().await
        })
        .map_err(|e| failure(&e))?;
    let mut out: Vec<Output> = files
        .into_iter()
        .filter(|f| !is_ui_file(&f.filename.to_string_lossy()))
        .map(|f| Output {
            path: format!("{DIR}/{}", f.filename.to_string_lossy().replace('\\', "/")),
            bytes: f.contents,
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The text Pagefind stored for each page it indexed (for tests).
#[cfg(test)]
pub fn indexed_text(files: &[Output]) -> Vec<String> {
    use std::io::Read;
    files
        .iter()
        .filter(|f| f.path.starts_with("pagefind/fragment/"))
        .map(|f| {
            let mut json = String::new();
            flate2::read::GzDecoder::new(f.bytes.as_slice())
                .read_to_string(&mut json)
                .expect("a gzipped fragment");
            let json = json
                .strip_prefix("pagefind_dcd")
                .expect("Pagefind's fragment signature");
            let fragment: serde_json::Value = serde_json::from_str(json).expect("a JSON fragment");
            fragment["content"].as_str().expect("the page's text").to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minified page as minify-html writes it: no whitespace between elements, optional end
    /// tags left out.
    const MINIFIED: &str = "<!doctype html><html lang=fr><body><header>Menu</header><main>\
        <h1>Ada</h1><table><caption>Dates</caption><tr><th>Phase<th>Début<tr><td>Investigation<td>2025\
        </table><dl><dt>Statut<dd>en cours</dl><p><strong>Fa</strong><em>ritas</em></main></body></html>";

    #[test]
    fn words_of_touching_blocks_stay_apart_in_the_index() {
        let files = build("fr", pages_of(MINIFIED)).expect("an index");
        let text = indexed_text(&files);
        assert_eq!(text.len(), 1, "{text:?}");
        let words: Vec<&str> = text[0].split(|c: char| !c.is_alphanumeric()).collect();
        for word in ["Dates", "Phase", "Début", "Investigation", "2025", "Statut", "en"] {
            assert!(words.contains(&word), "`{word}` is not a word of {:?}", text[0]);
        }
        // Inline elements are left touching: a word split by emphasis stays one word.
        assert!(words.contains(&"Faritas"), "{:?}", text[0]);
        assert!(!text[0].contains("Menu"), "only <main> is indexed: {:?}", text[0]);
        // Pagefind ends a heading or a paragraph with a full stop, for excerpts that read well.
        assert!(text[0].starts_with("Ada. "), "{:?}", text[0]);
    }

    fn pages_of(html: &str) -> Vec<(String, String)> {
        vec![("/startups/ada/".to_string(), main_part(html))]
    }

    #[test]
    fn a_space_goes_around_every_tag_but_inline_ones() {
        let normalized = |html: &str| spaced(html).split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            normalized("<tr><th>A</th><th>B</th></tr>"),
            "<tr> <th>A</th> <th>B</th> </tr>"
        );
        // minify-html leaves out the end tags HTML lets go.
        assert_eq!(
            normalized("<dl><dt>Statut<dd>en cours</dl>"),
            "<dl> <dt>Statut <dd>en cours</dl>"
        );
        assert_eq!(normalized("<p><b>Fa</b><i>ritas</i>"), "<p><b>Fa</b><i>ritas</i>");
        assert_eq!(
            normalized("x<!-- a<b --><td title=\"a>b\">y"),
            "x <!-- a<b --> <td title=\"a>b\">y"
        );
        assert_eq!(spaced("texte sans balise"), "texte sans balise");
    }
}
