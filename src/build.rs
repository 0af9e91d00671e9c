//! The pipeline: load → model → render → write, with the time each stage took.
//! `build` runs it all; `check` stops before writing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::cache::Keeping;
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::markdown::Rendered;
use crate::output::{self, Origin, Target, Written};
use crate::pipeline::{CacheUse, CopiedFile, Output};
use crate::project::Project;
use crate::site::Site;

use crate::pipeline::{Options, Stage, Timings};

/// A site rendered in memory (and minified when `minify`), not yet written.
pub struct Rendering {
    pub site: Site,
    pub outputs: Vec<Output>,
    pub copies: Vec<CopiedFile>,
    /// The rendered Markdown of each document, in the order of `site.docs`, without its
    /// HTML (see [`Project::into_parts`]).
    pub bodies: Vec<Arc<Rendered>>,
    pub out_dir: PathBuf,
    pub minify: bool,
    /// What the build cache did, when the build used it.
    pub cache: Option<CacheUse>,
    /// Pages whose facts the checks took from the cache, and pages in all, when the build
    /// used it.
    pub checked: Option<(usize, usize)>,
    /// Bodies the lints knew clean from the cache, and bodies in all.
    pub linted: Option<(usize, usize)>,
    /// What to keep in the build cache once the site is published.
    pub keeping: Option<Keeping>,
    /// Image variants encoded, and taken from the cache.
    pub images: crate::images::Counts,
}

/// What a successful build did.
pub struct Report {
    pub pages: usize,
    pub files: usize,
    pub out_dir: PathBuf,
    pub warnings: Vec<Diagnostic>,
    /// Lines about the output folder worth telling once (files left alone in it, why the
    /// site was published file by file).
    pub notes: Vec<String>,
    /// What the build cache did, when the build used it.
    pub cache: Option<CacheUse>,
    /// Pages whose facts the checks took from the cache, and pages in all.
    pub checked: Option<(usize, usize)>,
    /// Bodies the lints knew clean from the cache, and bodies in all.
    pub linted: Option<(usize, usize)>,
    /// Image variants encoded, and taken from the cache.
    pub images: crate::images::Counts,
}

/// Why a build failed, and what it left in the output folder.
#[derive(Debug)]
pub struct Failure {
    /// Every problem found, errors and warnings, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// The output folder was refused: nothing was built or written.
    pub refused: bool,
    pub written: Written,
    /// The output folder as the user named it (when the build got that far).
    pub out_dir: Option<PathBuf>,
}

/// A failed build reads as its problems (`for d in failure.iter()`).
impl std::ops::Deref for Failure {
    type Target = [Diagnostic];
    fn deref(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl Failure {
    fn before_writing(diagnostics: Vec<Diagnostic>) -> Failure {
        Failure {
            diagnostics,
            refused: false,
            written: Written::Nothing,
            out_dir: None,
        }
    }
}

/// Loads, models, renders and checks the site (through [`Project`], the same code `serve`
/// keeps open), then gives assets their hashed names. Returns every diagnostic; errors
/// make it fail.
pub fn render_site(opts: &Options, timings: &mut Timings) -> (Option<Rendering>, Diagnostics) {
    let (rendering, mut diags) = render_checked(opts, timings, true);
    let Some(mut r) = rendering.filter(|_| !diags.has_errors()) else {
        return (None, diags);
    };
    let theme_static = opts.root.join("themes").join(&r.site.config.theme).join("static");
    let origin = crate::hosting::origin(&r.site.config.base_url);
    let hashing = || {
        output::hashing::hash_assets(
            &r.site.base_path,
            origin,
            &theme_static,
            &mut r.outputs,
            &mut r.copies,
        )
    };
    if let Err(d) = timings.time("hashing", hashing) {
        diags.push(d);
        return (None, diags);
    }
    (Some(r), diags)
}

/// Loads, models, renders and checks the site (every check but external links), and with
/// `search` makes the search index. The rendering is returned even when there are errors,
/// so `check` can look at all of it.
pub fn render_checked(
    opts: &Options,
    timings: &mut Timings,
    search: bool,
) -> (Option<Rendering>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut project = match Project::open_once(opts, timings, search) {
        Ok(p) => p,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    diags.extend(project.diagnostics());
    // Without settings or templates there are no pages whose links could be followed.
    let config = project.config().cloned().filter(|_| project.has_templates());
    let sources = project.check_sources();
    let cms_login = opts.strict.then(|| project.cms_login_problem()).flatten();
    let not_loaded = project.not_loaded();
    // Pagefind has been at work on its own thread since the pages were rendered.
    let index = project.take_search();
    let mut cache = project.cache_use().cloned();
    let images = project.image_counts();
    let (mut keeping, search_slot) = match project.take_keeping() {
        Some((k, slot)) => (Some(k), slot),
        None => (None, None),
    };
    let (site, mut outputs, copies, bodies) = project.into_parts();
    let mut checked = None;
    let mut linted = None;
    timings.time("lint", || {
        let lints = crate::project::lint_memo::documents(&site, &bodies, keeping.as_mut());
        diags.extend(lints.found);
        if let Some(c) = cache.as_mut() {
            linted = lints.reused;
            if let Some(line) = lints.note {
                c.note.get_or_insert(line);
            }
        }
    });
    if config.is_some() {
        timings.time("check", || {
            let mut not_loaded = not_loaded;
            if crate::check::dsfr_missing(&site, &outputs, &copies, &diags) {
                not_loaded.insert(format!("/{}/", crate::assets::DSFR_DIR));
            }
            let read = crate::project::check_memo::read(&outputs, keeping.as_mut());
            if let Some(c) = cache.as_mut() {
                checked = Some(read.reused);
                if let Some(line) = read.note {
                    c.note.get_or_insert(line);
                }
            }
            let pages = read.pages;
            let found =
                crate::check::rendered(&sources, &site, &bodies, &outputs, &copies, not_loaded, &pages);
            diags.extend(found);
            // What the checks read of every page is let go of on a thread of its own
            // (9 ms at 10,000 pages).
            let _ = std::thread::Builder::new().spawn(move || drop(pages));
            if opts.strict {
                diags.extend(crate::check::drafts::hosting(&site, &sources));
                diags.extend(cms_login);
            }
        });
    }
    if let Some(index) = index {
        let waiting = Instant::now();
        let made = index.finish_all();
        timings.0.push(Stage {
            name: "search",
            took: made.took,
            waited: Some(waiting.elapsed()),
        });
        if let Some(k) = keeping.as_mut() {
            k.memos.extend(made.memos);
        }
        if let (Some(c), Some(line)) = (cache.as_mut(), made.notes.into_iter().next()) {
            c.note.get_or_insert(line);
        }
        match made.files {
            Ok(files) => {
                if let (Some(k), Some(slot)) = (keeping.as_mut(), search_slot) {
                    k.search = Some((
                        slot,
                        files.iter().map(|f| (f.path.clone(), f.bytes.clone())).collect(),
                    ));
                }
                outputs.extend(files);
                outputs.sort_by(|a, b| a.path.cmp(&b.path));
            }
            Err(d) => diags.push(d),
        }
    }
    let Some(config) = config else {
        return (None, diags);
    };
    let out_dir = match &opts.output {
        Some(p) => p.clone(),
        None => opts.root.join(&config.output_dir),
    };
    let minify = opts.minify.unwrap_or(config.minify);
    (
        Some(Rendering {
            site,
            outputs,
            copies,
            bodies,
            out_dir,
            minify,
            cache,
            checked,
            linted,
            keeping,
            images,
        }),
        diags,
    )
}

/// The output folder a build writes into, checked before anything is read or written
/// (see [`output::Target`]). `Ok(None)` when `site.yaml` cannot be read: the build then
/// fails on it before it would write.
pub fn output_target(opts: &Options) -> Result<Option<Target>, Diagnostic> {
    let Ok((config, _)) = SiteConfig::load(&opts.root) else {
        return Ok(None);
    };
    let cwd = std::env::current_dir().map_err(|e| crate::fs::io_error("read", Path::new("."), &e))?;
    let home = dirs::home_dir().and_then(|h| h.canonicalize().ok());
    let (path, origin) = match &opts.output {
        Some(p) => (p.clone(), Origin::Flag),
        None => (
            config.output_dir.clone(),
            Origin::Setting(crate::config::output_dir_location(&opts.root)),
        ),
    };
    let request = output::Request {
        root: &opts.root,
        path: &path,
        origin,
        force: opts.force,
        cwd: &cwd,
        home: home.as_deref(),
    };
    Target::resolve(&request).map(Some)
}

/// The whole build, timing its stages into `timings` (a failed build has timings too). A
/// refused output folder stops it before anything is read; an error before the write stage
/// leaves the output folder untouched; the write stage itself publishes the new site whole
/// or, failing, says what it left (see [`output::publish`]).
pub fn build(opts: &Options, timings: &mut Timings) -> Result<Report, Failure> {
    let target = match output_target(opts) {
        Ok(t) => t,
        Err(d) => {
            return Err(Failure {
                diagnostics: vec![d],
                refused: true,
                written: Written::Nothing,
                out_dir: None,
            });
        }
    };
    let (rendering, diags) = render_site(opts, timings);
    let Some(mut r) = rendering else {
        return Err(Failure::before_writing(diags.sorted()));
    };
    let target = match target {
        Some(t) => t,
        None => match output_target(opts) {
            Ok(Some(t)) => t,
            Ok(None) => return Err(Failure::before_writing(diags.sorted())),
            Err(d) => {
                return Err(Failure {
                    diagnostics: diags.sorted().into_iter().chain([d]).collect(),
                    refused: true,
                    written: Written::Nothing,
                    out_dir: None,
                });
            }
        },
    };
    let pages = r.outputs.iter().filter(|o| o.path.ends_with(".html")).count();
    if opts.precompress {
        match timings.time("compress", || {
            output::precompress::siblings(&r.outputs, &r.copies)
        }) {
            Ok(siblings) => r.outputs.extend(siblings),
            Err(d) => {
                return Err(Failure::before_writing(
                    diags.sorted().into_iter().chain([d]).collect(),
                ));
            }
        }
    }
    let published = timings.time("write", || output::publish(&target, &r.outputs, &r.copies));
    let mut warnings: Vec<Diagnostic> = diags.sorted();
    let published = match published {
        Ok(p) => p,
        Err(f) => {
            warnings.push(f.diagnostic);
            return Err(Failure {
                diagnostics: warnings,
                refused: f.refused,
                written: f.written,
                out_dir: Some(target.shown.clone()),
            });
        }
    };
    warnings.extend(published.synced.warnings);
    // The site is published: what it was made from is kept for the next build.
    if let Some(note) = r.keeping.take().and_then(Keeping::save)
        && let Some(cache) = r.cache.as_mut()
    {
        cache.note = Some(note);
    }
    debug_assert!(warnings.iter().all(|d| d.severity == Severity::Warning));
    let report = Report {
        pages,
        files: r.copies.len() + r.outputs.len() - pages,
        out_dir: r.out_dir.clone(),
        warnings,
        notes: published.notes,
        cache: r.cache.take(),
        checked: r.checked,
        linted: r.linted,
        images: r.images,
    };
    // The model and every page's bytes are let go of on a thread of their own: freeing
    // them took 30 ms of a 10,000-page rebuild, which the command need not wait for.
    // Without a thread to spare, they are let go of here.
    let _ = std::thread::Builder::new().spawn(move || drop(r));
    Ok(report)
}
