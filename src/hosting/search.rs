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

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::content::Data;
use crate::diagnostic::Diagnostic;
use crate::render::Output;
use crate::site::{Route, Site};

/// Folder of the index in the output.
pub const DIR: &str = "pagefind";
/// The theme template of the results page.
pub const TEMPLATE: &str = "search.html";
/// Parts of `<main>` that are navigation, not content.
const EXCLUDED: [&str; 3] = ["nav", ".fr-breadcrumb", "[data-search-ignore]"];

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
            !is_results_page(&doc.data) && !super::is_noindex(super::meta::robots_of(doc))
        }
        _ => false,
    }
}

/// The `<main>` element of a page in an otherwise empty document: Pagefind indexes only
/// `<main>`, and parsing the header and footer of every page would double its work. A page
/// without `<main>` is given whole.
fn main_part(html: &str) -> String {
    let (Some(start), Some(end)) = (html.find("<main"), html.rfind("</main>")) else {
        return html.to_string();
    };
    if end < start {
        return html.to_string();
    }
    let lang = html
        .find("<html")
        .and_then(|i| html[i..].find('>').map(|j| &html[i..i + j + 1]))
        .unwrap_or("<html>");
    format!(
        "<!doctype html>{lang}<body>{}</body></html>",
        &html[start..end + "</main>".len()]
    )
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

/// Builds the index of the rendered pages (`page`: the bytes of a page by output path): the
/// files to write under [`DIR`].
pub fn index<'a>(site: &Site, page: impl Fn(&str) -> Option<&'a [u8]>) -> Result<Vec<Output>, Diagnostic> {
    build(&site.config.language, pages(site, page))
}

/// What goes into the index: the site path and the `<main>` of each indexed page. Taken
/// apart from [`build`], so that the index can be built on its own thread.
pub fn pages<'a>(site: &Site, page: impl Fn(&str) -> Option<&'a [u8]>) -> Vec<(String, String)> {
    site.routes
        .iter()
        .filter(|r| indexed(site, r))
        .filter_map(|r| {
            let bytes = page(&site.output_path(r))?;
            Some((site.url(r), main_part(&String::from_utf8_lossy(bytes))))
        })
        .collect()
}

/// The error of a search index that could not be built, for `reason`.
pub fn failure(reason: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(format!("cannot build the search index: {reason}")).help(
        "this is a bug of atelier or Pagefind; remove the page using `search.html` to build without search",
    )
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
