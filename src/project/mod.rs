//! The site in memory, with every stage of the pipeline kept between runs, so that a
//! change to a few files re-does only what depends on them.
//!
//! `build` opens a project once (load → model → markdown → render) and writes its outputs;
//! `serve` keeps one open and [`Project::apply`]s each batch of changed files to it, then
//! renders the pages the update says are affected. Both go through the same code.
//!
//! While a file is broken, the last good version of it stays in use and its problems are
//! reported: an edit never empties the site.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use crate::config::SiteConfig;
use crate::content::{self, Data, Document, StaticFile};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::markdown::{self, Rendered};
use crate::output;
use crate::pipeline::{CopiedFile, Output};
use crate::pipeline::{Options, Timings};
use crate::render::{self, Read, Shared, Sources, Templates};
use crate::site::{ModelKey, Route, Site, startup};

pub mod classify;
mod dsfr;
mod search;
#[cfg(test)]
mod tests;

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

/// A rendered Markdown body and what it was made from.
struct Body {
    doc: Arc<Document>,
    rendered: Arc<Rendered>,
    /// Every `@/` link target looked up, with what it resolved to.
    links: Vec<(String, Option<String>)>,
    problems: Vec<Diagnostic>,
}

/// Which pages read what; made by [`Project::track`], for `serve` only.
#[derive(Default)]
struct Tracking {
    reads: HashMap<String, Vec<Read>>,
    readers: HashMap<Read, Vec<String>>,
}

impl Tracking {
    /// Replaces what one page reads.
    fn retrack(&mut self, path: &str, reads: Vec<Read>) {
        for r in self.reads.remove(path).unwrap_or_default() {
            if let Some(list) = self.readers.get_mut(&r) {
                list.retain(|p| p != path);
            }
        }
        for r in &reads {
            self.readers.entry(r.clone()).or_default().push(path.to_string());
        }
        self.reads.insert(path.to_string(), reads);
    }

    fn index(&mut self) {
        self.readers.clear();
        for (path, reads) in &self.reads {
            for r in reads {
                self.readers.entry(r.clone()).or_default().push(path.clone());
            }
        }
    }
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
}

/// Pages rendered at once by [`Project::render_pages_once`]: enough for two cores to share
/// evenly, few enough that the bodies' HTML goes while the pages come. Two in tests, whose
/// sites are small, so that they go through many chunks.
const ONCE_CHUNK: usize = if cfg!(test) { 2 } else { 256 };

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
            .map_err(|e| Diagnostic::error(e).help("unset SOURCE_DATE_EPOCH or pass `--date YYYY-MM-DD`"))?;
        let root = &opts.root;
        let (config, loaded, sources) = timings.time("load", || {
            let config = load_config(opts);
            // Without settings there is no theme to look for.
            let theme = config.config.as_ref().map(|c| c.theme.clone());
            let (loaded, sources) = rayon::join(
                || content::load(root),
                || match &theme {
                    Some(theme) => {
                        Templates::read(root, theme, &Sources::default()).and_then(Templates::compile)
                    }
                    None => Err(Vec::new()),
                },
            );
            (config, loaded, sources)
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
            body_cache: HashMap::new(),
            summaries: Vec::new(),
            shared: None,
            copies: Vec::new(),
            static_copies: Vec::new(),
            copy_diags: Vec::new(),
            dsfr: dsfr::Dsfr::default(),
            routes: HashMap::new(),
            tracking: None,
            outputs: BTreeMap::new(),
            render_diags: BTreeMap::new(),
            pending_removal: Vec::new(),
            hosting_paths: Vec::new(),
            live_search: (!once).then(search::LiveSearch::default),
            search_job: None,
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
        timings.time("dsfr pkg", || p.prepare_dsfr());
        p.make_copies();
        let plan = p.refresh(true, &BTreeMap::new(), &BTreeSet::new(), Some(timings));
        let outputs = timings.time("render", || {
            if once {
                p.render_pages_once(&plan.render)
            } else {
                p.render_pages(&plan.render)
            }
        });
        if used == Use::Build {
            p.search_job = p.start_search(&outputs);
        }
        if once {
            p.shared = None;
            p.summaries = Vec::new();
            if let Some(t) = p.templates.as_mut() {
                t.clear_shared();
            }
        }
        let outputs = timings.time("minify", || p.minify(outputs));
        let changed = p.store(outputs);
        timings.time("dsfr css", || p.sync_dsfr(&changed));
        timings.time("hosting", || p.sync_hosting());
        p.index_search();
        Ok(p)
    }

    /// The search index of a build ([`Project::open_once`] with `search`), when the site has
    /// one.
    pub fn take_search(&mut self) -> Option<crate::hosting::search::Pending> {
        self.search_job.take()
    }

    /// Starts the search index of freshly rendered pages, when the site has a search page.
    /// Pagefind is given the pages before minification, so that it can work while they are
    /// minified: its input is the same with and without `--no-minify`.
    fn start_search(
        &self,
        rendered: &[(String, Result<Output, Diagnostic>)],
    ) -> Option<crate::hosting::search::Pending> {
        let pages: HashMap<&str, &[u8]> = rendered
            .iter()
            .filter_map(|(path, o)| Some((path.as_str(), o.as_ref().ok()?.bytes.as_slice())))
            .collect();
        let pages = self.search_input(|path| pages.get(path).copied())?;
        Some(crate::hosting::search::Pending::start(
            &self.site.config.language,
            pages,
        ))
    }

    /// What the search index is made of (`page`: a rendered page by output path); `None`
    /// when the site has no search page, or no settings or templates to have one.
    fn search_input<'a>(&self, page: impl Fn(&str) -> Option<&'a [u8]> + Sync) -> search::Input {
        use crate::hosting::search::{enabled, pages};
        if self.config.is_none() || self.templates.is_none() || !enabled(&self.site) {
            return None;
        }
        Some(pages(&self.site, page))
    }

    /// `serve`: has the search index made again, in the background, if what it indexes
    /// changed since it was last made. [`Project::poll_search`] takes the new one in.
    pub fn index_search(&mut self) {
        if self.live_search.is_none() {
            return;
        }
        let outputs = &self.outputs;
        let input = self.search_input(|path| outputs.get(path).map(|b| b.as_slice()));
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

    /// Starts recording which pages read what, so that [`Project::apply`] can tell which
    /// pages a change affects. `build` does not need it.
    pub fn track(&mut self) {
        let mut t = Tracking {
            reads: self.all_reads(),
            ..Tracking::default()
        };
        t.index();
        self.tracking = Some(t);
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
            full |= theme_changed;
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

    /// Renders the given output paths (from a [`Plan`]) and keeps them. Returns the paths
    /// whose bytes changed. A page that fails keeps its last good bytes.
    pub fn render(&mut self, paths: &[String]) -> Vec<String> {
        let outputs = self.render_pages(paths);
        let outputs = self.minify(outputs);
        let mut changed = self.store(outputs);
        changed.extend(self.sync_dsfr(&changed));
        changed
    }

    /// Brings the sitemap, robots.txt, the feed and the open data in line with the site;
    /// returns the output paths that changed. The search index follows on its own
    /// ([`Project::index_search`]).
    pub fn sync_hosting(&mut self) -> Vec<String> {
        if self.config.is_none() {
            return Vec::new();
        }
        let files = crate::hosting::files(&self.site, &self.bodies);
        replace_files(&mut self.outputs, &mut self.hosting_paths, files)
    }

    fn prepare_dsfr(&mut self) {
        let fetch = self
            .opts
            .fetch
            .clone()
            .unwrap_or_else(crate::assets::FetchOptions::from_env);
        self.dsfr
            .prepare(self.templates.as_ref(), self.config.as_ref(), &fetch);
    }

    /// Brings the DSFR files in line with pages whose bytes changed; returns the output
    /// paths of DSFR files that changed.
    fn sync_dsfr(&mut self, changed: &[String]) -> Vec<String> {
        let outputs = &self.outputs;
        let rendered = changed
            .iter()
            .filter_map(|p| outputs.get(p).map(|b| (p.as_str(), b.as_slice())));
        let removed = changed
            .iter()
            .filter(|p| !outputs.contains_key(*p))
            .map(String::as_str);
        if !self.dsfr.pages(rendered, removed) {
            return Vec::new();
        }
        let prefix = format!("{}/", crate::assets::DSFR_DIR);
        let mut paths: Vec<String> = self
            .outputs
            .keys()
            .filter(|p| p.starts_with(&prefix))
            .cloned()
            .collect();
        for p in &paths {
            self.outputs.remove(p);
        }
        for o in &self.dsfr.generated {
            self.outputs.insert(o.path.clone(), Arc::new(o.bytes.clone()));
            paths.push(o.path.clone());
        }
        self.merge_copies();
        paths.sort();
        paths.dedup();
        paths
    }

    /// Copies = static and content files, then DSFR files; the first of a path wins.
    fn merge_copies(&mut self) {
        let mut copies = self.static_copies.clone();
        copies.extend(self.dsfr.copies.iter().cloned());
        copies.sort_by(|a, b| a.dest.cmp(&b.dest));
        copies.dedup_by(|later, earlier| later.dest == earlier.dest);
        self.copies = copies;
    }

    /// Every problem found, sorted: errors make a build fail; `serve` shows them.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = Diagnostics::default();
        all.extend(self.config_diags.iter().cloned());
        all.extend(self.template_diags.iter().cloned());
        all.extend(self.walk_diags.iter().cloned());
        all.extend(self.doc_diags.values().flatten().cloned());
        all.extend(self.model_diags.iter().cloned());
        all.extend(self.body_cache.values().flat_map(|b| b.problems.iter().cloned()));
        all.extend(self.copy_diags.iter().cloned());
        all.extend(self.dsfr.diags.iter().cloned());
        all.extend(self.live_search.iter().flat_map(|s| s.diags().iter().cloned()));
        all.extend(self.render_diags.values().cloned());
        all.sorted()
    }

    /// Every file of `content/` the project knows of (loaded, broken or copied), by path
    /// inside `content/`: what `serve` checks the folder against after each batch.
    pub fn content_rels(&self) -> BTreeSet<&str> {
        self.docs
            .keys()
            .chain(self.doc_diags.keys())
            .chain(self.content_files.keys())
            .map(String::as_str)
            .collect()
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The built file at an output path (`startups/ada/index.html`).
    pub fn output(&self, path: &str) -> Option<&Arc<Vec<u8>>> {
        self.outputs.get(path)
    }

    pub fn outputs(&self) -> &BTreeMap<String, Arc<Vec<u8>>> {
        &self.outputs
    }

    /// Files copied as they are, by output path; site files win over theme files.
    pub fn copies(&self) -> &[CopiedFile] {
        &self.copies
    }

    pub fn config(&self) -> Option<&SiteConfig> {
        self.config.as_ref()
    }

    /// The text of `site.yaml` and of the templates, as they were read: the checks point
    /// into them.
    pub fn check_sources(&self) -> crate::check::Sources {
        crate::check::Sources::new(
            self.config_text.as_deref(),
            self.templates.as_ref().map(|t| t.sources()),
        )
    }

    /// Whether the templates loaded (without them no page renders).
    pub fn has_templates(&self) -> bool {
        self.templates.is_some()
    }

    /// The site, its outputs for writing (each output moves out if nothing else holds it),
    /// its copied files and the rendered Markdown bodies, in the order of `site.docs`,
    /// without their HTML: the pages hold it now, and the checks read the pages, the links
    /// and the headings (at 10,000 pages, the bodies' HTML is 45 MB).
    pub fn into_parts(self) -> (Site, Vec<Output>, Vec<CopiedFile>, Vec<Arc<Rendered>>) {
        let mut bodies = self.bodies.clone();
        let (site, outputs, copies) = self.into_outputs();
        for body in &mut bodies {
            if let Some(body) = Arc::get_mut(body) {
                body.html = String::new();
            }
        }
        (site, outputs, copies, bodies)
    }

    /// The site's outputs, for writing (each output moves out if nothing else holds it).
    pub fn into_outputs(self) -> (Site, Vec<Output>, Vec<CopiedFile>) {
        let outputs = self
            .outputs
            .into_iter()
            .map(|(path, bytes)| Output {
                path,
                bytes: Arc::try_unwrap(bytes).unwrap_or_else(|b| (*b).clone()),
            })
            .collect();
        (self.site, outputs, self.copies)
    }

    fn reload_templates(&mut self, changed: &BTreeSet<PathBuf>, theme_changed: bool) -> BTreeSet<String> {
        let theme = self
            .config
            .as_ref()
            .map_or("dsfr", |c| c.theme.as_str())
            .to_string();
        let old = self
            .templates
            .as_ref()
            .map(|t| t.sources().clone())
            .unwrap_or_default();
        let mut reuse = old.clone();
        reuse
            .templates
            .retain(|_, (path, _)| !changed.iter().any(|c| path.starts_with(c)));
        if theme_changed {
            reuse = Sources::default();
        }
        match Templates::read(&self.opts.root, &theme, &reuse).and_then(Templates::compile) {
            Ok(t) => {
                let new = t.sources();
                let names: BTreeSet<&String> = old.templates.keys().chain(new.templates.keys()).collect();
                let diff = names
                    .into_iter()
                    .filter(|n| old.templates.get(*n) != new.templates.get(*n))
                    .cloned()
                    .collect();
                self.templates = Some(t);
                self.template_diags.clear();
                diff
            }
            Err(ds) => {
                self.template_diags = ds;
                BTreeSet::new()
            }
        }
    }

    /// Reads one changed path of `content/` again: a file, a new folder, or a path that
    /// is gone (a deleted file or folder). `changed` collects the previous version of
    /// every document that changed.
    fn reload_content(
        &mut self,
        rel: &str,
        changed: &mut BTreeMap<String, Option<Arc<Document>>>,
        files_changed: &mut bool,
    ) {
        let root = self.opts.root.clone();
        // An empty `rel` is the whole `content` folder.
        let abs = if rel.is_empty() {
            root.join("content")
        } else {
            root.join("content").join(rel)
        };
        let mut present: Vec<(String, PathBuf)> = Vec::new();
        // As `content::load` lists the folder: a symbolic link inside it is not followed
        // (one to a file outside the site would be published), the folder itself is.
        let meta = if rel.is_empty() {
            std::fs::metadata(&abs)
        } else {
            std::fs::symlink_metadata(&abs)
        };
        let meta = meta.ok();
        if meta.as_ref().is_some_and(std::fs::Metadata::is_file) {
            present.push((rel.to_string(), abs.clone()));
        } else if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            let walker = walkdir::WalkDir::new(&abs)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !content::is_ignored(&e.file_name().to_string_lossy()));
            for e in walker.filter_map(Result::ok) {
                if e.file_type().is_file() {
                    let sub = e.path().strip_prefix(&abs).unwrap_or(e.path());
                    let sub: Vec<String> = sub
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    present.push((join_rel(rel, &sub.join("/")), e.into_path()));
                }
            }
        }
        // What was known at or under this path and is no longer there.
        let prefix = join_rel(rel, "");
        let under = |k: &String| k == rel || k.starts_with(&prefix);
        let here: HashSet<&String> = present.iter().map(|(r, _)| r).collect();
        let gone_docs: Vec<String> = self
            .docs
            .keys()
            .chain(self.doc_diags.keys())
            .filter(|k| under(k) && !here.contains(k))
            .cloned()
            .collect();
        for k in gone_docs {
            self.doc_diags.remove(&k);
            if let Some(old) = self.docs.remove(&k) {
                changed.entry(k).or_insert(Some(old));
            }
        }
        let gone_files: Vec<String> = self
            .content_files
            .keys()
            .filter(|k| under(k) && !here.contains(k))
            .cloned()
            .collect();
        for k in gone_files {
            self.content_files.remove(&k);
            *files_changed = true;
        }
        for (sub, abs) in present {
            if content::without_md(&sub).is_none() {
                let file = StaticFile {
                    src: abs,
                    dest: sub.clone(),
                };
                if self.content_files.insert(sub, file).is_none() {
                    *files_changed = true;
                }
                continue;
            }
            let shown = Path::new("content").join(&sub);
            let mut diags = Vec::new();
            let doc = content::load_file(&abs, &shown, &sub, &mut diags);
            let has_errors = diags.iter().any(Diagnostic::is_error);
            self.doc_diags.remove(&sub);
            if !diags.is_empty() {
                self.doc_diags.insert(sub.clone(), diags);
            }
            match doc {
                Some(d) if !has_errors => {
                    let old = self.docs.insert(sub.clone(), Arc::new(d));
                    changed.entry(sub).or_insert(old);
                }
                // Broken: the last good version stays in use.
                _ => {}
            }
        }
    }

    fn make_copies(&mut self) {
        let mut diags = Vec::new();
        let theme_dir = self
            .opts
            .root
            .join("themes")
            .join(self.config.as_ref().map_or("dsfr", |c| c.theme.as_str()));
        let files: Vec<StaticFile> = self.content_files.values().cloned().collect();
        let mut copies = static_files(&self.opts.root, &theme_dir, &files, &mut diags);
        copies.sort_by(|a, b| a.dest.cmp(&b.dest));
        copies.dedup_by(|later, earlier| later.dest == earlier.dest);
        self.static_copies = copies;
        self.copy_diags = diags;
        self.merge_copies();
    }

    /// Brings the model, bodies, summaries and shared data in line with the loaded inputs
    /// and says which pages to render. `full`: everything (first run, settings, theme).
    fn refresh(
        &mut self,
        full: bool,
        changed_docs: &BTreeMap<String, Option<Arc<Document>>>,
        changed_templates: &BTreeSet<String>,
        mut timings: Option<&mut Timings>,
    ) -> Plan {
        // Without settings nothing renders, but the model and bodies still report problems.
        let renders = self.config.is_some();
        let config = self.config.clone().unwrap_or_default();
        let structural = full
            || changed_docs.iter().any(|(rel, old)| {
                let new = self.docs.get(rel);
                match (old, new) {
                    (Some(o), Some(n)) => ModelKey::of(o, &config) != ModelKey::of(n, &config),
                    _ => true,
                }
            });

        // Model.
        let mut time = |stage: &'static str, f: &mut dyn FnMut()| match timings.as_deref_mut() {
            Some(t) => t.time(stage, f),
            None => f(),
        };
        let mut old_site = None;
        time("model", &mut || {
            if structural {
                let mut diags = Vec::new();
                let docs = self.docs.values().cloned().collect();
                let site = Site::new(config.clone(), self.build_date, docs, &mut diags);
                self.model_diags = diags;
                old_site = Some(std::mem::replace(&mut self.site, site));
            } else {
                for rel in changed_docs.keys() {
                    if let (Some(&i), Some(doc)) = (self.site.by_rel.get(rel), self.docs.get(rel)) {
                        self.site.docs[i] = doc.clone();
                    }
                }
            }
        });
        let site = &self.site;
        let mut dirty: HashSet<Read> = HashSet::new();
        for rel in changed_docs.keys() {
            dirty.insert(Read::Doc(rel.clone()));
        }
        // Titles of pages (breadcrumbs, redirects).
        let old_view = old_site.as_ref().unwrap_or(site);
        for (rel, old) in changed_docs {
            let before = old
                .as_ref()
                .filter(|_| old_view.by_rel.contains_key(rel))
                .map(|d| (d.url.clone(), d.title().to_string()));
            let after = site
                .by_rel
                .get(rel)
                .map(|&i| (site.docs[i].url.clone(), site.docs[i].title().to_string()));
            if before != after {
                dirty.extend(before.into_iter().chain(after).map(|(url, _)| Read::Title(url)));
            }
        }

        // Markdown bodies.
        let mut body_cache = std::mem::take(&mut self.body_cache);
        if full {
            body_cache.clear();
        }
        let todo: Vec<usize> = if structural {
            (0..site.docs.len()).collect()
        } else {
            changed_docs
                .keys()
                .filter_map(|rel| site.by_rel.get(rel).copied())
                .collect()
        };
        let mut made: Vec<(usize, Option<Body>)> = Vec::new();
        time("markdown", &mut || {
            made = todo
                .par_iter()
                .map(|&i| {
                    let doc = &site.docs[i];
                    let reusable = body_cache.get(&doc.rel).is_some_and(|b| {
                        Arc::ptr_eq(&b.doc, doc) && b.links.iter().all(|(rel, to)| site.resolve(rel) == *to)
                    });
                    (i, (!reusable).then(|| render_body(site, doc)))
                })
                .collect();
        });
        if structural {
            self.bodies = vec![Arc::default(); site.docs.len()];
        }
        for (i, body) in made {
            let rel = &site.docs[i].rel;
            match body {
                Some(b) => {
                    let changed = body_cache
                        .get(rel)
                        .is_none_or(|old| !same_body(&old.rendered, &b.rendered));
                    if changed {
                        dirty.insert(Read::Doc(rel.clone()));
                    }
                    self.bodies[i] = b.rendered.clone();
                    body_cache.insert(rel.clone(), b);
                }
                None => self.bodies[i] = body_cache[rel].rendered.clone(),
            }
        }
        if structural {
            body_cache.retain(|rel, _| site.by_rel.contains_key(rel));
        }
        self.body_cache = body_cache;
        if !renders {
            return Plan::default();
        }

        // Startup summaries.
        let changed_orgs: HashSet<&str> = changed_docs
            .iter()
            .filter(|(rel, old)| org_ref(old.as_deref()) != org_ref(self.docs.get(*rel).map(|d| &**d)))
            .filter_map(|(rel, _)| rel.strip_prefix("organisations/")?.strip_suffix(".md"))
            .collect();
        for id in &changed_orgs {
            dirty.insert(Read::OrgRef(format!("organisations/{id}.md")));
        }
        let changed_terms = match &old_site {
            Some(old) => term_changes(old, site),
            None => BTreeSet::new(),
        };
        dirty.extend(changed_terms.iter().map(|t| Read::Term(t.clone())));
        let old_summaries: HashMap<String, Value> = match &old_site {
            Some(old) => old
                .startups
                .iter()
                .zip(std::mem::take(&mut self.summaries))
                .map(|(e, v)| (old.docs[e.doc].rel.clone(), v))
                .collect(),
            None => HashMap::new(),
        };
        let needs_summary = |pos: usize| {
            let entry = &site.startups[pos];
            let doc = &site.docs[entry.doc];
            let s = startup(doc);
            full || changed_docs.contains_key(&doc.rel)
                || (structural && !old_summaries.contains_key(&doc.rel))
                || s.sponsors.iter().any(|id| changed_orgs.contains(id.as_str()))
                || (!changed_terms.is_empty()
                    && s.thematiques
                        .iter()
                        .map(|t| format!("thematique:{}", crate::slug::slugify(t)))
                        .chain(phase_term(site, pos))
                        .any(|t| changed_terms.contains(&t)))
        };
        let mut all_summaries = structural
            && old_site.as_ref().is_none_or(|old| {
                old.startups.len() != site.startups.len()
                    || old
                        .startups
                        .iter()
                        .zip(&site.startups)
                        .any(|(a, b)| old.docs[a.doc].rel != site.docs[b.doc].rel)
            });
        let positions: Vec<usize> = if structural || !changed_orgs.is_empty() {
            (0..site.startups.len()).collect()
        } else {
            changed_docs
                .keys()
                .filter_map(|rel| site.by_rel.get(rel))
                .filter_map(|&i| site.startups.iter().position(|e| e.doc == i))
                .collect()
        };
        let fresh: Vec<(usize, Option<Value>)> = positions
            .par_iter()
            .map(|&pos| {
                (
                    pos,
                    needs_summary(pos).then(|| render::summary(site, &site.startups[pos])),
                )
            })
            .collect();
        if structural {
            self.summaries = site
                .startups
                .iter()
                .map(|e| {
                    old_summaries
                        .get(&site.docs[e.doc].rel)
                        .cloned()
                        .unwrap_or_else(Value::none)
                })
                .collect();
        }
        for (pos, value) in fresh {
            let Some(value) = value else { continue };
            let rel = &site.docs[site.startups[pos].doc].rel;
            let before = if structural {
                old_summaries.get(rel)
            } else {
                Some(&self.summaries[pos])
            };
            if before != Some(&value) {
                dirty.insert(Read::Summary(rel.clone()));
                all_summaries = true;
            }
            self.summaries[pos] = value;
        }
        if let Some(old) = &old_site {
            for e in &old.startups {
                let rel = &old.docs[e.doc].rel;
                if !site.by_rel.contains_key(rel) {
                    dirty.insert(Read::Summary(rel.clone()));
                }
            }
        }
        if all_summaries {
            dirty.insert(Read::AllSummaries);
        }

        // Shared data: which `site` fields changed.
        let assets = self.shared.as_ref().map(|s| s.assets.clone()).unwrap_or_default();
        let shared = render::shared_from(site, assets, self.summaries.clone());
        let mut fields: BTreeSet<String> = BTreeSet::new();
        match self.shared.as_ref().and_then(|s| s.site.as_map()) {
            Some(old) if !full => {
                for (k, v) in shared.site.as_map().into_iter().flatten() {
                    let key = k.to_string();
                    if key == "startups" {
                        if all_summaries {
                            fields.insert(key);
                        }
                    } else if old.get(k) != Some(v) {
                        fields.insert(key);
                    }
                }
            }
            _ => {}
        }
        for f in &fields {
            if let Some(f) = ["menu"].into_iter().find(|m| m == f) {
                dirty.insert(Read::Site(f));
            }
        }
        if let Some(t) = self.templates.as_mut() {
            t.set_shared(&shared);
        }
        self.shared = Some(shared);

        // Templates whose files or `site` fields changed.
        if let Some(t) = &self.templates {
            let mut names: BTreeSet<String> = changed_templates.clone();
            for name in t.sources().templates.keys() {
                if let Some(deps) = t.deps(name)
                    && (deps.files.iter().any(|f| changed_templates.contains(f))
                        || fields.iter().any(|f| deps.site.reads(f)))
                {
                    names.insert(name.clone());
                }
            }
            dirty.extend(names.into_iter().map(Read::Template));
        }

        // Pages.
        let mut removed: Vec<String> = Vec::new();
        if structural {
            let routes: HashMap<String, usize> = site
                .routes
                .iter()
                .enumerate()
                .map(|(i, r)| (site.output_path(r), i))
                .collect();
            removed = self
                .routes
                .keys()
                .filter(|p| !routes.contains_key(*p))
                .cloned()
                .collect();
            removed.sort();
            self.routes = routes;
        }
        let mut render: BTreeSet<String> = BTreeSet::new();
        if full || self.tracking.is_none() {
            render.extend(self.routes.keys().cloned());
        }
        if structural && self.tracking.is_some() {
            let reads = self.all_reads();
            let tracking = self.tracking.get_or_insert_default();
            for (path, r) in &reads {
                if tracking.reads.get(path) != Some(r) {
                    render.insert(path.clone());
                }
            }
            tracking.reads = reads;
            tracking.index();
        }
        if !structural && self.tracking.is_some() {
            // The model kept its shape: only the pages of the changed files can read
            // something else now (another `template:`, other highlighted startups).
            let tracking = self.tracking.get_or_insert_default();
            for rel in changed_docs.keys() {
                let Some(&i) = site.by_rel.get(rel) else { continue };
                let route = Route::Doc(i);
                let path = site.output_path(&route);
                let reads = render::reads(site, &route);
                if tracking.reads.get(&path) != Some(&reads) {
                    tracking.retrack(&path, reads);
                    render.insert(path);
                }
            }
        }
        if let Some(tracking) = &self.tracking {
            for d in &dirty {
                render.extend(tracking.readers.get(d).into_iter().flatten().cloned());
            }
        }
        // Pages of the changed files first: they are the ones being looked at.
        let own: Vec<String> = changed_docs
            .keys()
            .filter_map(|rel| self.site.by_rel.get(rel))
            .map(|&i| self.site.output_path(&Route::Doc(i)))
            .filter(|p| render.remove(p))
            .collect();
        self.pending_removal.extend(removed.iter().cloned());
        Plan {
            own: own.len(),
            render: own.into_iter().chain(render).collect(),
            removed,
            copies: false,
        }
    }

    fn all_reads(&self) -> HashMap<String, Vec<Read>> {
        let site = &self.site;
        site.routes
            .par_iter()
            .map(|r| (site.output_path(r), render::reads(site, r)))
            .collect()
    }

    fn render_pages(&self, paths: &[String]) -> Vec<(String, Result<Output, Diagnostic>)> {
        let (Some(templates), Some(shared)) = (&self.templates, &self.shared) else {
            return Vec::new();
        };
        paths
            .par_iter()
            .filter_map(|p| {
                let route = &self.site.routes[*self.routes.get(p)?];
                let out = render::render_route(&self.site, &self.bodies, templates, shared, route);
                Some((p.clone(), out))
            })
            .collect()
    }

    /// [`Project::render_pages`] for a project that never renders again, lighter at its peak:
    /// each body's HTML is read by its own page only, and is let go of as soon as that page
    /// is rendered (the pages pile up meanwhile: 74 MB at 10,000 startups, beside 45 MB of
    /// bodies' HTML). The news feed still needs the news bodies. Pages are rendered in chunks
    /// of [`ONCE_CHUNK`], in parallel within a chunk; the result is the same, in the same order.
    fn render_pages_once(&mut self, paths: &[String]) -> Vec<(String, Result<Output, Diagnostic>)> {
        // The body cache is there to render again: it lets go of its share of the bodies.
        let empty = Arc::new(Rendered::default());
        for body in self.body_cache.values_mut() {
            body.rendered = empty.clone();
        }
        let news: HashSet<usize> = self.site.news.iter().copied().collect();
        let mut outputs = Vec::with_capacity(paths.len());
        for chunk in paths.chunks(ONCE_CHUNK) {
            outputs.extend(self.render_pages(chunk));
            for path in chunk {
                let Some(&Route::Doc(i)) = self.routes.get(path).map(|&r| &self.site.routes[r]) else {
                    continue;
                };
                if !news.contains(&i)
                    && let Some(body) = Arc::get_mut(&mut self.bodies[i])
                {
                    body.html = String::new();
                }
            }
        }
        outputs
    }

    fn minify(
        &self,
        mut outputs: Vec<(String, Result<Output, Diagnostic>)>,
    ) -> Vec<(String, Result<Output, Diagnostic>)> {
        let minify = self
            .opts
            .minify
            .unwrap_or_else(|| self.config.as_ref().is_none_or(|c| c.minify));
        if minify {
            outputs.par_iter_mut().for_each(|(_, o)| {
                if let Ok(o) = o {
                    output::minify(std::slice::from_mut(o));
                }
            });
        }
        outputs
    }

    /// Keeps rendered pages; returns the paths whose bytes changed.
    fn store(&mut self, outputs: Vec<(String, Result<Output, Diagnostic>)>) -> Vec<String> {
        let mut changed = Vec::new();
        for (path, out) in outputs {
            match out {
                Ok(o) => {
                    self.render_diags.remove(&path);
                    if self.outputs.get(&path).is_none_or(|b| **b != o.bytes) {
                        self.outputs.insert(path.clone(), Arc::new(o.bytes));
                        changed.push(path);
                    }
                }
                Err(d) => {
                    self.render_diags.insert(path, d);
                }
            }
        }
        for p in std::mem::take(&mut self.pending_removal) {
            self.render_diags.remove(&p);
            if !self.routes.contains_key(&p) && self.outputs.remove(&p).is_some() {
                changed.push(p);
            }
        }
        changed
    }
}

/// Puts `files` among `outputs` in place of the files at `paths` (made by the same step
/// before), and keeps their paths there; returns the output paths whose bytes changed.
fn replace_files(
    outputs: &mut BTreeMap<String, Arc<Vec<u8>>>,
    paths: &mut Vec<String>,
    files: Vec<Output>,
) -> Vec<String> {
    let mut changed = Vec::new();
    let new_paths: BTreeSet<&str> = files.iter().map(|o| o.path.as_str()).collect();
    for old in std::mem::take(paths) {
        if !new_paths.contains(old.as_str()) && outputs.remove(&old).is_some() {
            changed.push(old);
        }
    }
    for o in files {
        paths.push(o.path.clone());
        if outputs.get(&o.path).is_none_or(|b| **b != o.bytes) {
            changed.push(o.path.clone());
            outputs.insert(o.path, Arc::new(o.bytes));
        }
    }
    changed.sort();
    changed
}

/// The settings (defaults where a key failed; `None` without a usable `site.yaml`) and
/// their problems.
/// `site.yaml` as loaded: the settings (none when the file is unusable), its text
/// (normalized) and its problems.
struct LoadedConfig {
    config: Option<SiteConfig>,
    text: Option<String>,
    diags: Vec<Diagnostic>,
}

fn load_config(opts: &Options) -> LoadedConfig {
    let loaded = SiteConfig::read(&opts.root)
        .and_then(|text| SiteConfig::parse_partial(&text).map(|(config, diags)| (config, diags, text)));
    let (mut config, mut diags, text) = match loaded {
        Ok(loaded) => loaded,
        Err(diags) => {
            return LoadedConfig {
                config: None,
                text: None,
                diags,
            };
        }
    };
    if let Some(url) = &opts.base_url {
        match crate::config::base_path(url) {
            Ok(_) => config.base_url = url.clone(),
            Err(e) => diags.push(Diagnostic::error(e).help("fix the value given to `--base-url`")),
        }
    }
    LoadedConfig {
        config: Some(config),
        text: Some(text),
        diags,
    }
}

/// `startups` + `ada.md` → `startups/ada.md`; `` + `ada.md` → `ada.md`.
fn join_rel(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// `content/startups/ada.md` → `startups/ada.md`.
fn rel_of(shown: &Path) -> Option<String> {
    let rest = shown.strip_prefix("content").ok()?;
    let parts: Vec<String> = rest
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn render_body(site: &Site, doc: &Arc<Document>) -> Body {
    let links = std::cell::RefCell::new(Vec::new());
    let resolve = |rel: &str| {
        let to = site.resolve(rel);
        links.borrow_mut().push((rel.to_string(), to.clone()));
        to
    };
    let rendered = markdown::render(
        doc.body(),
        &markdown::Options {
            base_path: &site.base_path,
            resolve: &resolve,
            raw_html: site.config.raw_html,
        },
    );
    let lenient = site.config.content_links == crate::config::LinkSeverity::Warning;
    let problems = rendered
        .problems
        .iter()
        .map(|p| markdown_problem(doc, p, lenient))
        .collect();
    Body {
        doc: doc.clone(),
        rendered: Arc::new(rendered),
        links: links.into_inner(),
        problems,
    }
}

/// What a page shows of a body.
fn same_body(a: &Rendered, b: &Rendered) -> bool {
    a.html == b.html && a.toc == b.toc && a.excerpt == b.excerpt && a.word_count == b.word_count
}

/// A problem of a body, located in its file. A refused URL follows `content_links`: with
/// `warning` (imported content) it is reported and left out of the page, the rest published.
fn markdown_problem(doc: &Document, p: &markdown::Problem, lenient: bool) -> Diagnostic {
    let loc = Location::in_source(&doc.path, doc.body(), doc.body_line, p.range.start, p.range.len());
    let warning = p.severity == crate::diagnostic::Severity::Warning
        || (lenient && p.kind == markdown::ProblemKind::RefusedUrl);
    let d = if warning {
        Diagnostic::warning(p.message.clone())
    } else {
        Diagnostic::error(p.message.clone())
    };
    d.at(loc).help(p.help.clone())
}

/// What pages show of an organisation they name.
fn org_ref(doc: Option<&Document>) -> Option<(&str, &str, Option<&str>)> {
    match &doc?.data {
        Data::Organisation(o) => Some((o.id.as_str(), o.name.as_str(), o.acronym.as_deref())),
        _ => None,
    }
}

/// The term key (`phase:construction`) of a startup's current phase, as pages look it up.
fn phase_term(site: &Site, pos: usize) -> Option<String> {
    let entry = &site.startups[pos];
    let s = startup(&site.docs[entry.doc]);
    let info = crate::phase::lookup(&s.phases[entry.current?].name);
    site.phases
        .iter()
        .find(|t| t.phase.map(|i| i.name) == info.map(|i| i.name))
        .map(|t| format!("phase:{}", t.slug))
}

/// Phases and thematiques whose name, count or existence differ between two models.
fn term_changes(old: &Site, new: &Site) -> BTreeSet<String> {
    let key = |site: &Site| -> BTreeMap<String, (String, usize, Option<&'static str>)> {
        let phases = site.phases.iter().map(|t| ("phase", t));
        let thematiques = site.thematiques.iter().map(|t| ("thematique", t));
        phases
            .chain(thematiques)
            .map(|(kind, t)| {
                (
                    format!("{kind}:{}", t.slug),
                    (t.name.clone(), t.startups.len(), t.phase.map(|p| p.name)),
                )
            })
            .collect()
    };
    let (a, b) = (key(old), key(new));
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// Theme static files, then the site's `static/` over them, then files of `content/`.
pub fn static_files(
    root: &Path,
    theme_dir: &Path,
    content_files: &[StaticFile],
    diags: &mut Vec<Diagnostic>,
) -> Vec<CopiedFile> {
    let mut copies = Vec::new();
    for dir in [root.join("static"), theme_dir.join("static")] {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            match entry {
                Ok(e)
                    if e.file_type().is_file() && !content::is_ignored(&e.file_name().to_string_lossy()) =>
                {
                    let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                    let dest = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    copies.push(CopiedFile {
                        src: e.into_path(),
                        dest,
                    });
                }
                Ok(_) => {}
                Err(e)
                    if e.io_error()
                        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) => {}
                Err(e) => diags.push(
                    Diagnostic::error(format!("cannot read a static file: {e}"))
                        .help("check the folder's permissions"),
                ),
            }
        }
    }
    copies.extend(content_files.iter().map(|f| CopiedFile {
        src: f.src.clone(),
        dest: f.dest.clone(),
    }));
    // Site files first in the list win over theme files (dedup keeps the first).
    copies
}
