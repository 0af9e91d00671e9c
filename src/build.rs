//! The pipeline: load → model → render → write, with the time each stage took.
//! `build` runs it all; `check` stops before writing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::content::{self, Document};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity};
use crate::markdown::{self, Rendered};
use crate::output::{self, Copy};
use crate::render::{self, Output, Templates};
use crate::site::Site;

/// What a run may override from `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub date: Option<Date>,
    /// `Some(false)` for `--no-minify`.
    pub minify: Option<bool>,
    /// Where to find the DSFR package (`--dsfr-dir`, `--offline` and the environment).
    pub fetch: Option<crate::assets::FetchOptions>,
}

/// Time spent in each stage.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push((stage, start.elapsed()));
        out
    }
}

/// A site rendered in memory, not yet written.
pub struct Rendering {
    pub site: Site,
    pub outputs: Vec<Output>,
    pub copies: Vec<Copy>,
    pub out_dir: PathBuf,
    pub minify: bool,
}

/// What a successful build did.
pub struct Report {
    pub pages: usize,
    pub files: usize,
    pub out_dir: PathBuf,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
}

/// Loads, models and renders the site. Returns every diagnostic (errors make it fail).
pub fn render_site(opts: &Options, timings: &mut Timings) -> (Option<Rendering>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let root = &opts.root;
    let build_date = match Date::build_date(opts.date) {
        Ok(d) => d,
        Err(e) => {
            diags.push(Diagnostic::error(e).help("unset SOURCE_DATE_EPOCH or pass `--date YYYY-MM-DD`"));
            return (None, diags);
        }
    };
    let config = match SiteConfig::load(root) {
        Ok((config, problems)) => {
            diags.extend(problems);
            config
        }
        Err(problems) => {
            diags.extend(problems);
            return (None, diags);
        }
    };
    let (loaded, templates) = timings.time("load", || {
        rayon::join(|| content::load(root), || Templates::load(root, &config.theme))
    });
    let mut config = Some(config);
    diags.extend(loaded.diagnostics);
    let mut templates = match templates {
        Ok(t) => Some(t),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    if let (Some(c), Some(url)) = (config.as_mut(), &opts.base_url) {
        match crate::config::base_path(url) {
            Ok(_) => c.base_url = url.clone(),
            Err(e) => diags.push(Diagnostic::error(e).help("fix the value given to `--base-url`")),
        }
    }
    let site = timings.time("model", || {
        let mut model_diags = Vec::new();
        let site = Site::new(
            config.clone().unwrap_or_default(),
            build_date,
            loaded.documents,
            &mut model_diags,
        );
        diags.extend(model_diags);
        site
    });
    let bodies = timings.time("markdown", || render_markdown(&site, &mut diags));
    let (Some(config), Some(templates)) = (config, templates.as_mut()) else {
        return (None, diags);
    };
    let mut copies = static_files(root, &templates.theme_dir, &loaded.files, &mut diags);
    let fetch = opts
        .fetch
        .clone()
        .unwrap_or_else(crate::assets::FetchOptions::from_env);
    let theme_shown = Path::new("themes").join(&config.theme);
    let dsfr = timings.time("dsfr", || {
        crate::assets::prepare(
            &templates.theme,
            &theme_shown,
            config.dsfr_terms.as_deref(),
            &fetch,
        )
    });
    let dsfr = dsfr.unwrap_or_else(|d| {
        diags.push(d);
        None
    });
    let mut outputs = timings.time("render", || {
        let shared = render::data_shared(&site, Default::default());
        templates.set_shared(&shared);
        let (outputs, render_diags) = render::render_all(&site, &bodies, templates, &shared);
        diags.extend(render_diags);
        outputs
    });
    if let Some(pkg) = &dsfr
        && !diags.has_errors()
    {
        match timings.time("dsfr", || crate::assets::publish(pkg, &outputs)) {
            Ok((generated, files)) => {
                outputs.extend(generated);
                copies.extend(files);
            }
            Err(d) => diags.push(d),
        }
    }
    copies.sort_by(|a, b| a.dest.cmp(&b.dest));
    copies.dedup_by(|later, earlier| later.dest == earlier.dest);
    if diags.has_errors() {
        return (None, diags);
    }
    let out_dir = match &opts.output {
        Some(p) => p.clone(),
        None => root.join(&config.output_dir),
    };
    let minify = opts.minify.unwrap_or(config.minify);
    (
        Some(Rendering {
            site,
            outputs,
            copies,
            out_dir,
            minify,
        }),
        diags,
    )
}

/// Renders every document's Markdown in parallel; problems are located in the file.
pub fn render_markdown(site: &Site, diags: &mut Diagnostics) -> Vec<Rendered> {
    let results: Vec<Rendered> = site
        .docs
        .par_iter()
        .map(|d| {
            let resolve = |rel: &str| site.resolve(rel);
            markdown::render(
                d.body(),
                &markdown::Options {
                    base_path: &site.base_path,
                    resolve: &resolve,
                },
            )
        })
        .collect();
    for (doc, r) in site.docs.iter().zip(&results) {
        for p in &r.problems {
            diags.push(markdown_problem(doc, p));
        }
    }
    results
}

fn markdown_problem(doc: &Document, p: &markdown::Problem) -> Diagnostic {
    let loc = Location::in_source(&doc.path, doc.body(), doc.body_line, p.range.start, p.range.len());
    let help = match p.kind {
        markdown::ProblemKind::UnknownFile => {
            "a link written `@/...` names a file inside `content/`, like `@/startups/languia.md`"
        }
        markdown::ProblemKind::DuplicateId => "give each heading its own `{#id}`, or remove the explicit id",
    };
    Diagnostic::error(p.message.clone()).at(loc).help(help)
}

/// Theme static files, then the site's `static/` over them, then files of `content/`.
fn static_files(
    root: &Path,
    theme_dir: &Path,
    content_files: &[content::StaticFile],
    diags: &mut Diagnostics,
) -> Vec<Copy> {
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
                    copies.push(Copy {
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
    copies.extend(content_files.iter().map(|f| Copy {
        src: f.src.clone(),
        dest: f.dest.clone(),
    }));
    // Site files first in the list win over theme files (dedup keeps the first).
    copies
}

/// The whole build. On error nothing is written and every problem is returned.
pub fn build(opts: &Options) -> Result<Report, Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let (rendering, diags) = render_site(opts, &mut timings);
    let Some(mut r) = rendering else {
        return Err(diags.sorted());
    };
    if r.minify {
        timings.time("minify", || output::minify(&mut r.outputs));
    }
    let written = timings.time("write", || output::write_site(&r.out_dir, &r.outputs, &r.copies));
    let warnings: Vec<Diagnostic> = diags.sorted();
    if let Err(e) = written {
        let mut all = warnings;
        all.push(e);
        return Err(all);
    }
    debug_assert!(warnings.iter().all(|d| d.severity == Severity::Warning));
    Ok(Report {
        pages: r.outputs.len(),
        files: r.copies.len(),
        out_dir: r.out_dir,
        warnings,
        timings,
    })
}
