//! The site in memory, with every stage of the pipeline kept between runs, so that a
//! change to a few files re-does only what depends on them.
//!
//! `build` opens a project once (load → model → markdown → render) and writes its outputs;
//! `serve` keeps one open and [`Project::apply`]s each batch of changed files to it, then
//! renders the pages the update says are affected. Both go through the same code.
//!
//! While a file is broken, the last good version of it stays in use and its problems are
//! reported: an edit never empties the site.
//!
//! Split by what each part owns:
//! - `inputs`: all the reading from disk (`site.yaml`, templates, content, copied files);
//! - `refresh`: the inputs made into the model, the bodies, the summaries and the plan of
//!   what to render again, without IO;
//! - `bodies`: a Markdown body rendered with what it looked up while it rendered;
//! - `tracking`: which pages read what, for `serve`;
//! - `outputs`: rendering, minifying and keeping the pages, the DSFR and hosting files;
//! - `view`: what the rest of the crate reads of a project (problems, outputs, model);
//! - this file: opening a project and applying a batch of changes.

use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use tera::Value;

use crate::config::SiteConfig;
use crate::content::{Document, StaticFile};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::pipeline::{CopiedFile, Output};
use crate::pipeline::{Options, Timings};
use crate::render::{Shared, Templates};
use crate::site::Site;

use bodies::Body;
use inputs::{Inputs, load_config, rel_of};
#[cfg(test)]
use outputs::ONCE_CHUNK;
use tracking::Tracking;

mod bodies;
mod body_memo;
mod cached;
pub mod check_memo;
pub mod classify;
mod doc_memo;
mod dsfr;
mod images;
mod inputs;
mod keys;
pub mod lint_memo;
mod outputs;
mod refresh;
mod search;
#[cfg(test)]
mod tests;
mod tracking;
mod view;

/// The inputs a batch of file changes touches (made by [`classify`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Change {
    /// `site.yaml`: everything is made again (content files are not read again).
    pub config: bool,
    /// Template files, as shown paths (`themes/dsfr/templates/base.html`).
    pub templates: BTreeSet<PathBuf>,
    /// Files or folders inside `content/`, `/`-separated (`startups/ada.md`).
    pub content: BTreeSet<String>,
    /// A file of a static folder: the list of copied files is made again.
    pub statics: bool,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        !self.config && self.templates.is_empty() && self.content.is_empty() && !self.statics
    }
}

/// What an update does to the built site.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Output paths to render again: pages of the changed files first, then the others.
    pub render: Vec<String>,
    /// How many of `render` are pages of the changed files themselves.
    pub own: usize,
    /// Output paths that are no longer part of the site.
    pub removed: Vec<String>,
    /// The copied files (static folders, content images) changed.
    pub copies: bool,
}

pub struct Project {
    opts: Options,
    build_date: Date,
    config: Option<SiteConfig>,
    /// The text of `site.yaml` the settings were read from, for the checks.
    config_text: Option<String>,
    config_diags: Vec<Diagnostic>,
    templates: Option<Templates>,
    template_diags: Vec<Diagnostic>,
    /// Every loaded content file, published or not, by path inside `content/`.
    docs: BTreeMap<String, Arc<Document>>,
    doc_diags: BTreeMap<String, Vec<Diagnostic>>,
    content_files: BTreeMap<String, StaticFile>,
    walk_diags: Vec<Diagnostic>,
    site: Site,
    model_diags: Vec<Diagnostic>,
    /// Rendered bodies, in the order of `site.docs`.
    bodies: Vec<Arc<Rendered>>,
    body_cache: HashMap<String, Body>,
    /// Startup summaries, in the order of `site.startups`.
    summaries: Vec<Value>,
    shared: Option<Shared>,
    /// Every copied file: static folders, content files and DSFR files.
    copies: Vec<CopiedFile>,
    /// Static folders and content files only.
    static_copies: Vec<CopiedFile>,
    copy_diags: Vec<Diagnostic>,
    dsfr: dsfr::Dsfr,
    /// The editors' CMS the site publishes, if any, and why it cannot be.
    cms: Option<crate::cms::Cms>,
    cms_diags: Vec<Diagnostic>,
    /// `serve`: the CMS edits the working tree through the preview server.
    serving: bool,
    /// Output path → index in `site.routes`.
    routes: HashMap<String, usize>,
    tracking: Option<Tracking>,
    outputs: BTreeMap<String, Arc<Vec<u8>>>,
    render_diags: BTreeMap<String, Diagnostic>,
    /// Output paths of pages gone, dropped at the next [`Project::render`].
    pending_removal: Vec<String>,
    /// Output paths of the files of [`crate::hosting::files`] (sitemap, feed, open data).
    hosting_paths: Vec<String>,
    /// The search index of `serve`, made again in the background after edits.
    live_search: Option<search::LiveSearch>,
    /// The search index of a build, started once the pages are rendered.
    search_job: Option<crate::hosting::search::Pending>,
    /// The search records kept by the last build, read and decoded on a thread of their
    /// own once the build knows something changed.
    search_kept: Option<crate::hosting::search::KeptReading>,
    /// What the build cache did, for a build that used it.
    cache_use: Option<crate::pipeline::CacheUse>,
    /// What the build keeps in the cache once published.
    keeping: Option<crate::cache::Keeping>,
    /// A build with the cache: the cache as found at the start, until the pages are
    /// looked up in it, and the time it took to read.
    cache_store: Option<(crate::cache::Cache, std::time::Duration)>,
    /// A build with the cache: the Markdown bodies kept by an earlier build.
    body_memo: Option<body_memo::BodyMemo>,
    /// A build with the cache: what the documents' memo gave, and what to write of it.
    doc_memo: Option<doc_memo::Sealed>,
    /// Where the search index being made goes in the cache.
    search_slot: Option<crate::cache::SearchSlot>,
    /// The key of the indexed pages by their page keys, for the cache to keep the index
    /// under ([`crate::hosting::search::pages_key`]).
    search_pages: Option<crate::cache::Key>,
    /// The search index the cache held for these very pages, found before they were read.
    search_made: Option<Vec<Output>>,
    /// Image variants: the sources looked at, the variants encoded or kept.
    images: Arc<crate::images::Library>,
    /// Output paths of image variants among the outputs, with their source.
    image_paths: BTreeMap<String, PathBuf>,
    image_diags: Vec<Diagnostic>,
    image_counts: crate::images::Counts,
}

/// What a project is opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    /// `serve`: renders again on every edit, search index included.
    Serve,
    /// One `check`: renders once, no search index.
    Check,
    /// One `build`: renders once, the search index on its own thread.
    Build,
}

/// Where image variants are kept between runs: in `.atelier-cache/images/`, written by
/// `serve` as they are encoded and by a build with the cache once the site is published;
/// `check`, which writes nothing, only reads them.
fn image_library(opts: &Options, used: Use) -> crate::images::Library {
    use crate::images::Write;
    let write = match used {
        Use::Build if opts.cache => Write::Held,
        Use::Serve => Write::Now,
        Use::Build | Use::Check => Write::No,
    };
    let read = write != Write::No || used == Use::Check;
    let dir = read.then(|| crate::cache::subdir(&opts.root, "images", write != Write::No));
    crate::images::Library::new(dir.flatten(), write)
}

impl Project {
    /// Loads, models and renders the whole site. `Err` only when nothing can be done (a bad
    /// build date); otherwise problems are in [`Project::diagnostics`].
    pub fn open(opts: &Options, timings: &mut Timings) -> Result<Project, Diagnostic> {
        Project::open_with(opts, timings, Use::Serve)
    }

    /// [`Project::open`] for one build or check, which never render again: letting go of the
    /// template data as soon as the pages are rendered (the startup summaries are 33 MB at
    /// 10,000 startups). `check` has no use for the search index. With `search`, for
    /// `build`, Pagefind starts on its own thread right after rendering, on the pages as
    /// rendered, while the rest of the build goes on: take it with [`Project::take_search`].
    pub fn open_once(opts: &Options, timings: &mut Timings, search: bool) -> Result<Project, Diagnostic> {
        Project::open_with(opts, timings, if search { Use::Build } else { Use::Check })
    }

    fn open_with(opts: &Options, timings: &mut Timings, used: Use) -> Result<Project, Diagnostic> {
        let once = used != Use::Serve;
        let build_date = Date::build_date(opts.date)
            .map_err(|e| Diagnostic::error(e).help(crate::tr!("build-date-help")))?;
        // A build with the cache takes from it the front matter of the files it knows, and
        // reads the bodies it kept beside the inputs (a tenth of the time of the reading).
        let with_cache = used == Use::Build && opts.cache;
        let cached = with_cache.then(|| {
            let root = opts.root.clone();
            std::thread::spawn(move || {
                let store = crate::cache::Cache::open(&root, &crate::cache::identity());
                let memo = body_memo::BodyMemo::open(&store);
                (store, memo)
            })
        });
        // The search index's records too, once something changed (see `KeptReading`).
        let search_kept = with_cache.then(|| {
            let root = opts.root.clone();
            crate::hosting::search::KeptReading::start(move || {
                let store = crate::cache::Cache::open_for_memos(&root, &crate::cache::identity());
                crate::hosting::search::Memos::open(&store)
            })
        });
        let started = std::time::Instant::now();
        let doc_memo = with_cache
            .then(|| crate::cache::Cache::open_for_memos(&opts.root, &crate::cache::identity()))
            .and_then(|c| doc_memo::DocMemo::open(&c));
        let opened = started.elapsed();
        let Inputs {
            config,
            content: loaded,
            templates: sources,
        } = timings.time("load", || {
            inputs::read_all(opts, doc_memo.as_ref().map(|m| m as &dyn crate::content::Earlier))
        });
        let mut p = Project {
            opts: opts.clone(),
            build_date,
            config: None,
            config_text: None,
            config_diags: Vec::new(),
            templates: None,
            template_diags: Vec::new(),
            docs: BTreeMap::new(),
            doc_diags: BTreeMap::new(),
            content_files: BTreeMap::new(),
            walk_diags: Vec::new(),
            site: Site::new(SiteConfig::default(), build_date, Vec::new(), &mut Vec::new()),
            model_diags: Vec::new(),
            bodies: Vec::new(),
            body_cache: HashMap::default(),
            summaries: Vec::new(),
            shared: None,
            copies: Vec::new(),
            static_copies: Vec::new(),
            copy_diags: Vec::new(),
            dsfr: dsfr::Dsfr::default(),
            cms: None,
            cms_diags: Vec::new(),
            serving: used == Use::Serve,
            routes: HashMap::default(),
            tracking: None,
            outputs: BTreeMap::new(),
            render_diags: BTreeMap::new(),
            pending_removal: Vec::new(),
            hosting_paths: Vec::new(),
            live_search: (!once).then(search::LiveSearch::default),
            search_job: None,
            search_kept,
            cache_use: None,
            keeping: None,
            cache_store: None,
            body_memo: None,
            doc_memo: None,
            search_slot: None,
            search_pages: None,
            search_made: None,
            images: Arc::new(image_library(opts, used)),
            image_paths: BTreeMap::new(),
            image_diags: Vec::new(),
            image_counts: crate::images::Counts::default(),
        };
        (p.config, p.config_text, p.config_diags) = (config.config, config.text, config.diags);
        match sources {
            Ok(t) => p.templates = Some(t),
            Err(ds) => p.template_diags = ds,
        }
        for doc in loaded.documents {
            p.docs.insert(doc.rel.clone(), Arc::new(doc));
        }
        for d in loaded.diagnostics {
            match d.location.as_ref().and_then(|l| rel_of(&l.path)) {
                Some(rel) => p.doc_diags.entry(rel).or_default().push(d),
                None => p.walk_diags.push(d),
            }
        }
        p.content_files = loaded.files.into_iter().map(|f| (f.dest.clone(), f)).collect();
        if let Some(cached) = cached {
            // The time waited for it, and the documents' memo, count with the cache's.
            let started = std::time::Instant::now();
            let (store, memo) = match cached.join() {
                Ok(read) => read,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            p.body_memo = memo;
            p.doc_memo = doc_memo.map(|docs| docs.seal(&p.docs, &p.doc_diags));
            p.cache_store = Some((store, opened + started.elapsed()));
        }
        timings.time("dsfr pkg", || p.prepare_dsfr());
        p.make_copies();
        let plan = p.refresh(true, &BTreeMap::new(), &BTreeSet::new(), Some(timings));
        // The bodies' memo is made before the pages let go of the bodies' HTML; its time
        // counts with the cache's.
        if let (Some(memo), Some((_, took))) = (p.body_memo.as_mut(), p.cache_store.as_mut()) {
            let started = std::time::Instant::now();
            memo.seal(&p.site.docs, &p.body_cache);
            *took += started.elapsed();
        }
        let (outputs, minified) = if used == Use::Build && opts.cache {
            p.render_cached(&plan.render, timings)
        } else {
            let outputs = timings.time("render", || {
                if once {
                    p.render_pages_once(&plan.render)
                } else {
                    p.render_pages(&plan.render)
                }
            });
            (outputs, None)
        };
        if used == Use::Build {
            p.search_job = p.start_search(&outputs);
        }
        if once {
            // The shared data of the templates is let go of on a thread of its own:
            // freeing it took 14 ms of a 10,000-page rebuild's single-threaded part.
            let shared = p.shared.take();
            let summaries = std::mem::take(&mut p.summaries);
            let global = p.templates.as_mut().and_then(Templates::clear_shared);
            let _ = std::thread::Builder::new().spawn(move || drop((shared, summaries, global)));
        }
        let outputs = match minified {
            // The pages as rendered are let go of at once (the search index has its input).
            Some(m) => {
                drop(outputs);
                m
            }
            None => timings.time("minify", || p.minify(outputs)),
        };
        let changed = p.store(outputs);
        timings.time("dsfr css", || p.sync_dsfr(&changed));
        timings.time("hosting", || p.sync_hosting());
        timings.time("images", || p.sync_images());
        p.index_search();
        Ok(p)
    }

    /// What the build cache did, for a build that used it.
    pub fn cache_use(&self) -> Option<&crate::pipeline::CacheUse> {
        self.cache_use.as_ref()
    }

    /// What to keep in the build cache once the site is published, with the search index
    /// `index` gives when it is done (`None`: taken from the cache, or none).
    pub fn take_keeping(&mut self) -> Option<(crate::cache::Keeping, Option<crate::cache::SearchSlot>)> {
        let mut keeping = self.keeping.take()?;
        (keeping.files, keeping.only) = self.images.take_held();
        if let Some(memo) = self.body_memo.take() {
            keeping.staged.extend(memo.into_staged());
        }
        if let Some(docs) = self.doc_memo.as_mut() {
            keeping.memos.append(&mut docs.files);
        }
        Some((keeping, self.search_slot.take()))
    }

    /// The search index of a build ([`Project::open_once`] with `search`), when the site has
    /// one.
    pub fn take_search(&mut self) -> Option<crate::hosting::search::Pending> {
        self.search_job.take()
    }

    /// Starts the search index of freshly rendered pages, when the site has a search page.
    /// Pagefind is given the pages before minification, so that it can work while they are
    /// minified: its input is the same with and without `--no-minify`. An index the cache
    /// holds is taken from it without reading the records kept for its pages.
    fn start_search(
        &mut self,
        rendered: &[(String, Result<Output, Diagnostic>)],
    ) -> Option<crate::hosting::search::Pending> {
        use crate::hosting::search::{self, KeptReading, Pending};
        let kept = self.search_kept.take();
        if !self.searches() {
            return None;
        }
        if let Some(files) = self.search_made.take() {
            return Some(Pending::made(files));
        }
        let pages: HashMap<&str, &[u8]> = rendered
            .iter()
            .filter_map(|(path, o)| Some((path.as_str(), o.as_ref().ok()?.bytes.as_slice())))
            .collect();
        let page = |path: &str| pages.get(path).copied();
        let language = self.site.config.language.clone();
        let mut input = search::keyed(&self.site, &language, page);
        let slot = self
            .keeping
            .as_ref()
            .and_then(|k| k.cache.search(search::key(&language, &input)))
            .map(|slot| slot.pages(self.search_pages));
        if let Some(files) = slot.as_ref().and_then(|s| s.get()) {
            let files = files
                .into_iter()
                .map(|(path, bytes)| Output { path, bytes })
                .collect();
            return Some(Pending::made(files));
        }
        let kept = kept.map(KeptReading::take).unwrap_or_default();
        search::with_text(&mut input, page, |key| kept.has(key));
        self.search_slot = slot;
        Some(Pending::start(&language, input, move || kept))
    }

    /// Whether the site has a search index: it has settings and templates, and a search
    /// page.
    fn searches(&self) -> bool {
        self.config.is_some() && self.templates.is_some() && crate::hosting::search::enabled(&self.site)
    }

    /// `serve`: has the search index made again, in the background, if what it indexes
    /// changed since it was last made. [`Project::poll_search`] takes the new one in.
    pub fn index_search(&mut self) {
        if self.live_search.is_none() {
            return;
        }
        let outputs = &self.outputs;
        let page = |path: &str| outputs.get(path).map(|b| b.as_slice());
        let language = &self.site.config.language;
        let input = self
            .searches()
            .then(|| crate::hosting::search::pages(&self.site, language, page, |_| false));
        if let Some(live) = self.live_search.as_mut() {
            live.want(&self.site.config.language, input);
        }
    }

    /// Whether a search index is being made, for [`Project::poll_search`] to take in.
    pub fn search_pending(&self) -> bool {
        self.live_search.as_ref().is_some_and(search::LiveSearch::pending)
    }

    /// Once the search index being made is done (at once with `wait`), puts its files among
    /// the outputs and returns the paths that changed; `None` while it is being made, or
    /// when none is.
    pub fn poll_search(&mut self, wait: bool) -> Option<Vec<String>> {
        self.live_search.as_mut()?.poll(&mut self.outputs, wait)
    }

    /// Takes in a batch of changed inputs: reads the changed files again, updates the
    /// model and the shared data, and says which pages to render again. Call
    /// [`Project::render`] with the plan's pages next.
    pub fn apply(&mut self, change: &Change) -> Plan {
        if self.tracking.is_none() {
            self.track();
        }
        let mut full = false;
        let mut theme_changed = false;
        if change.config {
            let old_theme = self.config.as_ref().map(|c| c.theme.clone());
            let loaded = load_config(&self.opts);
            match loaded.config {
                Some(c) => {
                    theme_changed = old_theme.as_deref() != Some(c.theme.as_str());
                    self.config = Some(c);
                    self.config_text = loaded.text;
                    self.config_diags = loaded.diags;
                    full = true;
                }
                None => self.config_diags = loaded.diags,
            }
        }
        let mut changed_templates = BTreeSet::new();
        // `site.yaml` or `theme.yaml`: the theme's settings are read with its templates.
        if change.config || theme_changed || !change.templates.is_empty() {
            changed_templates = self.reload_templates(&change.templates, theme_changed);
            // Shortcodes render inside the bodies: every body is made again.
            full |= theme_changed || changed_templates.iter().any(|t| t.starts_with("shortcodes/"));
        }
        let mut changed_docs = BTreeMap::new();
        let mut files_changed = false;
        for rel in &change.content {
            self.reload_content(rel, &mut changed_docs, &mut files_changed);
        }
        let copies_before = self.copies.clone();
        if change.config || theme_changed {
            self.prepare_dsfr();
            self.make_copies();
        } else if change.statics || files_changed {
            self.make_copies();
        }
        let mut plan = self.refresh(full, &changed_docs, &changed_templates, None);
        plan.copies = self.copies != copies_before;
        plan
    }
}
