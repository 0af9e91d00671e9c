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

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use pagefind::api::{PageRecord, PagefindIndex};
use pagefind::options::PagefindServiceConfig;

use crate::cache::{Bytes, Hasher, Key, Memo, Shards};
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

/// What Pagefind is given of a page: its `<main>` element, with the page's `<html>` tag
/// (its language); the whole page when it has no `<main>`. Pagefind indexes only `<main>`,
/// and parsing the header and footer of every page would double its work.
enum Source<'a> {
    Main { html_tag: &'a str, main: &'a str },
    Whole(&'a str),
}

impl<'a> Source<'a> {
    fn of(html: &'a str) -> Source<'a> {
        let (Some(start), Some(end)) = (html.find("<main"), html.rfind("</main>")) else {
            return Source::Whole(html);
        };
        if end < start {
            return Source::Whole(html);
        }
        let html_tag = html
            .find("<html")
            .and_then(|i| html[i..].find('>').map(|j| &html[i..i + j + 1]))
            .unwrap_or("<html>");
        Source::Main {
            html_tag,
            main: &html[start..end + "</main>".len()],
        }
    }

    /// The document Pagefind reads: `<main>` in an otherwise empty one.
    fn html(&self) -> String {
        match self {
            Source::Main { html_tag, main } => {
                format!("<!doctype html>{html_tag}<body>{}</body></html>", spaced(main))
            }
            Source::Whole(html) => spaced(html),
        }
    }
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

/// A page of the index.
#[derive(Debug, Clone)]
pub struct Page {
    /// Its site path.
    pub url: String,
    /// Its output path, where its rendered bytes are found.
    pub path: String,
    /// The key of its record ([`record_key`]).
    pub key: Key,
    /// What Pagefind reads of it (see [`Source`]); `None` when a kept record has its key,
    /// so that it need not be made.
    pub html: Option<String>,
}

/// Pages are the same when their paths and keys are: a key says what Pagefind reads.
impl PartialEq for Page {
    fn eq(&self, other: &Page) -> bool {
        self.url == other.url && self.key == other.key
    }
}

/// A rendered page's text (its bytes are UTF-8 as rendered; any other byte is replaced).
fn text_of(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    crate::utf8::str(bytes).map_or_else(|| String::from_utf8_lossy(bytes), std::borrow::Cow::Borrowed)
}

/// What goes into the index, in `language`: each indexed page (`page`: the bytes of a
/// rendered page by output path), with what Pagefind reads of it unless `known` has its
/// record's key. Taken apart from [`build`], so that the index can be built on its own
/// thread; the pages' text is made only for the pages read again (at 10,000 pages of the
/// DSFR theme, the `<main>` of every page was 277 MB).
pub fn pages<'a>(
    site: &Site,
    language: &str,
    page: impl Fn(&str) -> Option<&'a [u8]> + Sync,
    known: impl Fn(&Key) -> bool + Sync,
) -> Vec<Page> {
    let mut pages = keyed(site, language, &page);
    with_text(&mut pages, page, known);
    pages
}

/// [`pages`] without their text: enough for the index's [`key`], which a build looks up
/// in its cache before anything else is made for the index.
pub fn keyed<'a>(site: &Site, language: &str, page: impl Fn(&str) -> Option<&'a [u8]> + Sync) -> Vec<Page> {
    site.routes
        .par_iter()
        .filter(|r| indexed(site, r))
        .filter_map(|r| {
            let path = site.output_path(r);
            let text = text_of(page(&path)?);
            let url = site.url(r);
            let key = record_key(language, &url, &Source::of(&text));
            Some(Page {
                url,
                path,
                key,
                html: None,
            })
        })
        .collect()
}

/// Makes the text of the pages from [`keyed`] whose record `known` does not have.
pub fn with_text<'a>(
    pages: &mut [Page],
    page: impl Fn(&str) -> Option<&'a [u8]> + Sync,
    known: impl Fn(&Key) -> bool + Sync,
) {
    pages
        .par_iter_mut()
        .filter(|p| p.html.is_none() && !known(&p.key))
        .for_each(|p| p.html = page(&p.path).map(|bytes| Source::of(&text_of(bytes)).html()));
}

/// What Pagefind made in an earlier run, to use again for the same input: each page's
/// record (its words packed for the index, and its fragment) by [`record_key`], and the
/// gzipped files of the index by the SHA-1 of their uncompressed bytes. Reading a page is
/// two thirds of Pagefind's work and gzip most of the rest: after an edit, only the edited
/// page is read again and only the files that changed are compressed. The index is the
/// same bytes, as a page's record is a function of its key (`tests/cache.rs` compares with
/// clean builds).
#[derive(Default)]
pub struct Reuse {
    /// Each page's record as postcard writes it: records are decoded in parallel, and
    /// those of unchanged pages written back as they were read.
    pub records: rustc_hash::FxHashMap<Key, Bytes>,
    pub gzipped: HashMap<String, Vec<u8>>,
    /// The records of `records` that were kept as they were read (the others are new).
    pub unchanged: Vec<Key>,
}

/// Where [`Reuse`] is kept between builds: the records in [`SHARDS`] memo files of the
/// build cache (after an edit, the one or two that change are written again, not the
/// whole: 87 MB at 10,000 pages of the DSFR theme), the gzipped files in one.
///
/// [`SHARDS`]: crate::cache::shards::SHARDS
pub struct Memos {
    records: Shards<Bytes>,
    gzipped: Memo,
}

impl Memos {
    /// The memo files of `cache`, read, when it is written.
    pub fn open(cache: &crate::cache::Cache) -> Option<Memos> {
        Some(Memos {
            records: Shards::open(cache, "search-pages")?,
            gzipped: cache.memo("search-gzip")?,
        })
    }

    /// What they hold, and one line for each that is damaged.
    fn read(&mut self) -> (Reuse, Vec<String>) {
        let records = self.records.take_all();
        let (mut gzipped, damaged) = self.gzipped.read_noting::<Vec<(String, Bytes)>>();
        let gzipped = gzipped.remove(&gzip_key()).unwrap_or_default();
        let reuse = Reuse {
            records,
            gzipped: gzipped.into_iter().map(|(k, v)| (k, v.0)).collect(),
            unchanged: Vec::new(),
        };
        (reuse, self.records.note.iter().cloned().chain(damaged).collect())
    }

    /// The new content of the files that change: what `reuse` holds.
    fn encode(mut self, reuse: &Reuse) -> Vec<(Memo, Vec<u8>)> {
        self.records.used(reuse.unchanged.iter().copied());
        let records: Vec<(Key, &Bytes)> = reuse.records.iter().map(|(k, r)| (*k, r)).collect();
        let mut gzipped: Vec<(String, Bytes)> = reuse
            .gzipped
            .iter()
            .map(|(k, v)| (k.clone(), Bytes(v.clone())))
            .collect();
        gzipped.sort_by(|a, b| a.0.cmp(&b.0));
        let gzipped = self
            .gzipped
            .encode(&[(gzip_key(), &gzipped)])
            .map(|b| (self.gzipped, b));
        self.records.seal(records).into_iter().chain(gzipped).collect()
    }
}

/// The one entry of the memo of gzipped files.
fn gzip_key() -> Key {
    Hasher::new().str("pagefind-gzip").finish()
}

/// The key of a page's record: what Pagefind reads of it (`source`, of which the document
/// it is given is made), in `language`. Pagefind's options are constants of this file, and
/// its version and patch are in the digest of the atelier that made the cache (`build.rs`).
fn record_key(language: &str, url: &str, source: &Source<'_>) -> Key {
    let mut h = Hasher::new();
    h.str("pagefind-record/2").str(language).str(url);
    match source {
        Source::Main { html_tag, main } => h.u64(1).str(html_tag).str(main),
        Source::Whole(html) => h.u64(0).str(html),
    };
    h.finish()
}

/// What the memos held, decoded: each page's record by its key, with what the next memo
/// keeps of them, and a line for each memo that was damaged. A record that does not
/// decode is left out: its page is read again.
#[derive(Default)]
pub struct Kept {
    pub reuse: Reuse,
    pub records: rustc_hash::FxHashMap<Key, PageRecord>,
    pub notes: Vec<String>,
    /// Where they were read, to keep the next index's there.
    memos: Option<Memos>,
}

impl Kept {
    /// What `memos` hold (read by a build on a thread of its own, [`KeptReading`]).
    pub fn read(mut memos: Memos) -> Kept {
        let (reuse, notes) = memos.read();
        Kept {
            memos: Some(memos),
            ..Kept::decoded(reuse, notes)
        }
    }

    /// What an earlier index of this process left (`serve`).
    pub fn decoded(reuse: Reuse, notes: Vec<String>) -> Kept {
        let records = reuse
            .records
            .par_iter()
            .filter_map(|(key, bytes)| Some((*key, postcard::from_bytes(&bytes.0).ok()?)))
            .collect();
        Kept {
            reuse,
            records,
            notes,
            memos: None,
        }
    }

    /// Whether a page whose record has `key` can be indexed without being read.
    pub fn has(&self, key: &Key) -> bool {
        self.records.contains_key(key)
    }
}

/// The records kept by the last build, read and decoded on a thread of their own once
/// told to go ([`KeptReading::go`]): decoding them is a third of the index's time after an
/// edit, so it starts as soon as a build knows something changed; a rebuild with nothing
/// changed takes its whole index from the cache and reads none of them.
pub struct KeptReading {
    told: Arc<(Mutex<Option<bool>>, Condvar)>,
    thread: Option<std::thread::JoinHandle<Kept>>,
}

impl KeptReading {
    /// A thread that waits to be told, then reads what `open` gives (or stops).
    pub fn start(open: impl FnOnce() -> Option<Memos> + Send + 'static) -> KeptReading {
        let told = Arc::new((Mutex::new(None), Condvar::new()));
        let waits = Arc::clone(&told);
        let thread = std::thread::Builder::new()
            .name("search-kept".to_string())
            .spawn(move || {
                let (lock, ready) = &*waits;
                let mut go = lock.lock().unwrap_or_else(PoisonError::into_inner);
                while go.is_none() {
                    go = ready.wait(go).unwrap_or_else(PoisonError::into_inner);
                }
                let go = *go == Some(true);
                if go {
                    open().map(Kept::read).unwrap_or_default()
                } else {
                    Kept::default()
                }
            })
            .ok();
        KeptReading { told, thread }
    }

    fn tell(&self, go: bool) {
        let (lock, ready) = &*self.told;
        let mut told = lock.lock().unwrap_or_else(PoisonError::into_inner);
        if told.is_none() {
            *told = Some(go);
            ready.notify_one();
        }
    }

    /// Starts reading, if not started yet.
    pub fn go(&self) {
        self.tell(true);
    }

    /// What was kept: read now if it was not told to go before.
    pub fn take(mut self) -> Kept {
        self.go();
        self.thread.take().and_then(|t| t.join().ok()).unwrap_or_default()
    }
}

/// Dropped untold, it reads nothing.
impl Drop for KeptReading {
    fn drop(&mut self) {
        self.tell(false);
    }
}

/// An index and what was made for it.
pub struct Made {
    /// The index's files (see [`build`]), or why it could not be made.
    pub files: Result<Vec<Output>, Diagnostic>,
    /// What the next index can reuse: the records of this one's pages and its gzipped files.
    pub reuse: Reuse,
    /// The memo files to write for the next build, with their content.
    pub memos: Vec<(Memo, Vec<u8>)>,
    /// One line for each memo file that was damaged, and not used.
    pub notes: Vec<String>,
    /// The time it took.
    pub took: Duration,
}

/// A search index being made on its own thread: Pagefind works for seconds on a large
/// site, while the other stages share the rest.
pub struct Pending(std::thread::JoinHandle<Made>);

impl Pending {
    /// Starts indexing `pages` (from [`pages`]) in `language`, with what `kept` gives (on
    /// the index's thread), and gives the new content of the memos it was read from.
    pub fn start(language: &str, pages: Vec<Page>, kept: impl FnOnce() -> Kept + Send + 'static) -> Pending {
        let language = language.to_string();
        Pending(std::thread::spawn(move || {
            let start = Instant::now();
            let mut kept = kept();
            let notes = std::mem::take(&mut kept.notes);
            let (files, reuse) = match build_reusing(&language, pages, &mut kept) {
                Ok((files, used)) => (Ok(files), used),
                Err(d) => (Err(d), std::mem::take(&mut kept.reuse)),
            };
            let memos = match (&files, kept.memos.take()) {
                (Ok(_), Some(m)) => m.encode(&reuse),
                _ => Vec::new(),
            };
            Made {
                files,
                reuse,
                memos,
                notes,
                took: start.elapsed(),
            }
        }))
    }

    /// An index made before (kept by the build cache).
    pub fn made(files: Vec<Output>) -> Pending {
        Pending(std::thread::spawn(move || Made {
            files: Ok(files),
            reuse: Reuse::default(),
            memos: Vec::new(),
            notes: Vec::new(),
            took: Duration::ZERO,
        }))
    }

    /// Whether the index is made: [`Pending::finish`] would not wait.
    pub fn is_finished(&self) -> bool {
        self.0.is_finished()
    }

    /// Waits for the index: its files (see [`build`]) and the time it took.
    pub fn finish(self) -> (Result<Vec<Output>, Diagnostic>, Duration) {
        let made = self.finish_all();
        (made.files, made.took)
    }

    /// Waits for the index, and what was made for it.
    pub fn finish_all(self) -> Made {
        self.0.join().unwrap_or_else(|_| Made {
            files: Err(failure(&"Pagefind stopped unexpectedly")),
            reuse: Reuse::default(),
            memos: Vec::new(),
            notes: Vec::new(),
            took: Duration::ZERO,
        })
    }
}

/// The key of what an index is made of: the same key, the same index files.
pub fn key(language: &str, pages: &[Page]) -> crate::cache::Key {
    let mut h = crate::cache::Hasher::new();
    h.str(language).u64(pages.len() as u64);
    for page in pages {
        h.str(&page.url).key(page.key);
    }
    h.finish()
}

/// The key of the index of the site's pages by their page keys (`key_of`: a page's key
/// in the build cache, by output path), in `language`: a page's key gives its bytes, so
/// the same key gives the same index, found before any page is read. `None` when a page
/// has no key.
pub fn pages_key(site: &Site, language: &str, key_of: impl Fn(&str) -> Option<Key>) -> Option<Key> {
    let mut h = Hasher::new();
    h.str("pagefind-pages/1").str(language);
    for route in site.routes.iter().filter(|r| indexed(site, r)) {
        h.str(&site.url(route)).key(key_of(&site.output_path(route))?);
    }
    Some(h.finish())
}

/// The error of a search index that could not be built, for `reason`.
fn failure(reason: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(crate::msg!("search-index-failed", reason = reason.to_string()))
        .help(crate::tr!("search-index-failed-help"))
}

/// Builds the index of `pages` (from [`pages`]), in `language`: the files to write under
/// [`DIR`], sorted by path. Pages are read in parallel.
pub fn build(language: &str, pages: Vec<Page>) -> Result<Vec<Output>, Diagnostic> {
    build_reusing(language, pages, &mut Kept::default()).map(|(files, _)| files)
}

/// [`build`], taking from `kept` the records and gzipped files it holds (the same bytes
/// as made again), and returning with the files what this index used, for the next one.
/// Its parallel work runs in a thread pool of its own: in rayon's global pool, busy with
/// the checks and minification of the build, each of its parallel steps waited for them.
fn build_reusing(
    language: &str,
    pages: Vec<Page>,
    kept: &mut Kept,
) -> Result<(Vec<Output>, Reuse), Diagnostic> {
    match rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("search-{i}"))
        .build()
    {
        Ok(pool) => pool.install(|| build_in_pool(language, pages, kept)),
        Err(_) => build_in_pool(language, pages, kept),
    }
}

fn build_in_pool(
    language: &str,
    pages: Vec<Page>,
    known: &mut Kept,
) -> Result<(Vec<Output>, Reuse), Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failure(&e))?;
    let keys: Vec<Key> = pages.iter().map(|p| p.key).collect();
    let gzipped = std::mem::take(&mut known.reuse.gzipped);
    let mut records: Vec<Option<PageRecord>> = keys.iter().map(|k| known.records.remove(k)).collect();
    // The bytes of each record used, to keep them as they were.
    let kept: Vec<Option<Bytes>> = keys
        .iter()
        .zip(&records)
        .map(|(k, r)| r.as_ref().and_then(|_| known.reuse.records.remove(k)))
        .collect();
    let mut encoded = Vec::with_capacity(keys.len());
    let language = language.to_string();
    let (files, gzipped) = runtime
        .block_on(async {
            let options = PagefindServiceConfig::builder()
                .root_selector("main".to_string())
                .exclude_selectors(EXCLUDED.iter().map(|s| s.to_string()).collect())
                .force_language(language)
                .keep_index_url(false)
                .build();
            let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
            let unread: Vec<(String, String)> = pages
                .into_iter()
                .zip(&records)
                .filter(|(_, r)| r.is_none())
                .map(|(page, _)| Some((page.url, page.html?)))
                .collect::<Option<_>>()
                .ok_or("a page was given without its text, and no record of it was kept")?;
            let mut read = index.read_html_files(unread).await.into_iter();
            let mut fresh = vec![false; records.len()];
            for (record, fresh) in records.iter_mut().zip(&mut fresh).filter(|(r, _)| r.is_none()) {
                let page = read.next().ok_or("Pagefind did not read every page")?;
                *record = Some(page.map_err(|e| e.to_string())?);
                *fresh = true;
            }
            let records: Vec<PageRecord> = records.drain(..).flatten().collect();
            // The pages read anew are kept for the next index; the others as they were.
            encoded = records
                .par_iter()
                .zip(fresh)
                .zip(kept)
                .map(|((record, fresh), kept)| match kept {
                    Some(bytes) if !fresh => (Some(bytes), true),
                    _ => (postcard::to_allocvec(record).ok().map(Bytes), false),
                })
                .collect();
            index.add_records(records).await;
            index.reuse_compressed(gzipped).await;
            let files = index.get_files_once().await.map_err(|e| e.to_string())?;
            Ok::<_, String>((files, index.compressed_files().await))
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
    let unchanged = keys
        .iter()
        .zip(&encoded)
        .filter(|(_, (_, unchanged))| *unchanged)
        .map(|(k, _)| *k)
        .collect();
    let used = Reuse {
        records: keys
            .into_iter()
            .zip(encoded)
            .filter_map(|(k, (r, _))| Some((k, r?)))
            .collect(),
        gzipped: gzipped.into_iter().collect(),
        unchanged,
    };
    Ok((out, used))
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
mod tests;
