//! The pipeline: load → model → render → write, with the time each stage took.
//! `build` runs it all; `check` stops before writing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::output::{self, Copy};
use crate::project::Project;
use crate::render::Output;
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
    /// Write `.gz` and `.br` siblings of text files (`--precompress`).
    pub precompress: bool,
}

/// Time spent in each stage.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    pub(crate) fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push((stage, start.elapsed()));
        out
    }
}

/// A site rendered in memory (and minified when `minify`), not yet written.
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

/// Loads, models and renders the site (through [`Project`], the same code `serve` keeps
/// open). Returns every diagnostic (errors make it fail).
pub fn render_site(opts: &Options, timings: &mut Timings) -> (Option<Rendering>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let project = match Project::open(opts, timings) {
        Ok(p) => p,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    diags.extend(project.diagnostics());
    let Some(config) = project.config().cloned() else {
        return (None, diags);
    };
    if diags.has_errors() {
        return (None, diags);
    }
    let out_dir = match &opts.output {
        Some(p) => p.clone(),
        None => opts.root.join(&config.output_dir),
    };
    let minify = opts.minify.unwrap_or(config.minify);
    let (site, mut outputs, mut copies) = project.into_outputs();
    let theme_static = opts.root.join("themes").join(&config.theme).join("static");
    let hashing = || crate::hosting::hash_assets(&site, &theme_static, &mut outputs, &mut copies);
    if let Err(d) = timings.time("hashing", hashing) {
        diags.push(d);
        return (None, diags);
    }
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

/// The whole build. On error nothing is written and every problem is returned.
pub fn build(opts: &Options) -> Result<Report, Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let (rendering, diags) = render_site(opts, &mut timings);
    let Some(mut r) = rendering else {
        return Err(diags.sorted());
    };
    let pages = r.outputs.iter().filter(|o| o.path.ends_with(".html")).count();
    if opts.precompress {
        match timings.time("compress", || {
            crate::hosting::precompress::siblings(&r.outputs, &r.copies)
        }) {
            Ok(siblings) => r.outputs.extend(siblings),
            Err(d) => return Err(diags.sorted().into_iter().chain([d]).collect()),
        }
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
        pages,
        files: r.copies.len() + r.outputs.len() - pages,
        out_dir: r.out_dir,
        warnings,
        timings,
    })
}
