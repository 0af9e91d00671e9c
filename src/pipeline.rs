//! The plain data that passes between the stages of the pipeline (load → model → render →
//! write): what a run may override, the time each stage took, and the files of the built
//! site, in memory or copied as they are. A leaf: it depends on no other module of the
//! crate but `date`, so every stage can name it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::date::Date;

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
    pub fetch: Option<FetchOptions>,
    /// Write `.gz` and `.br` siblings of text files (`--precompress`).
    pub precompress: bool,
    /// Build into an output folder that holds files atelier did not write (`--force`);
    /// they are left alone.
    pub force: bool,
    /// Put drafts (`draft: true`) in the site: `serve` shows them, `check` checks them;
    /// `build` leaves them out.
    pub drafts: bool,
    /// `check --strict`: also report what a site going live must have (the host of the
    /// legal notice).
    pub strict: bool,
    /// `build`: reuse and keep the pages of the last build in `.atelier-cache/` (off with
    /// `--no-cache`, and in tests unless they ask for it).
    pub cache: bool,
}

/// What the build cache did for a build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CacheUse {
    /// Pages taken from the cache.
    pub reused: usize,
    /// Pages rendered (not in the cache, or made from other inputs).
    pub rendered: usize,
    /// Markdown bodies taken from the cache, and bodies in all.
    pub bodies: Option<(usize, usize)>,
    /// Content files whose front matter was taken from the cache, and files in all.
    pub documents: Option<(usize, usize)>,
    /// Why the cache was not read or not written, in one line.
    pub note: Option<String>,
}

/// Time spent in each stage, in the order they ended.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<Stage>);

/// One stage of a build.
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    pub took: Duration,
    /// For a stage run on its own thread beside the others: how long the build waited for
    /// it once the rest was done.
    pub waited: Option<Duration>,
}

impl Timings {
    pub(crate) fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push(Stage {
            name: stage,
            took: start.elapsed(),
            waited: None,
        });
        out
    }

    /// The lines `--timings` prints, one per stage. A stage run beside the others says so,
    /// as the times then add up to more than the build took.
    pub fn lines(&self) -> Vec<String> {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        self.0
            .iter()
            .map(|s| {
                let line = format!("  {:<9} {:>8.1} ms", s.name, ms(s.took));
                match s.waited {
                    Some(w) => format!(
                        "{line}  (own thread, beside the stages after render; the build waited {:.1} ms for it)",
                        ms(w)
                    ),
                    None => line,
                }
            })
            .collect()
    }
}

/// One file of the built site, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder, `/`-separated (`startups/ada/index.html`).
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A file of the built site copied as it is (theme static files, DSFR assets, content
/// images).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedFile {
    pub src: PathBuf,
    /// Path relative to the output folder, `/`-separated.
    pub dest: String,
}

/// Where to look for the DSFR package (read from the environment by
/// `FetchOptions::from_env`, in the assets module).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// An already unpacked package (the folder holding `package.json` and
    /// `dist/`, or its parent), or the `.tgz` made by `npm pack`.
    /// From `--dsfr-dir` or `ATELIER_DSFR_DIR`.
    pub package_dir: Option<PathBuf>,
    /// npm registry base URL (`npm_config_registry`, `NPM_CONFIG_REGISTRY`).
    pub registry: String,
    /// Cache root (`ATELIER_CACHE_DIR`, default `<system cache>/atelier`).
    pub cache_dir: Option<PathBuf>,
    /// Never download (`ATELIER_OFFLINE=1`, or the lead's `--offline`).
    pub offline: bool,
}
