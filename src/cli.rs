//! The command line: one `Args` struct per command.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::date::Date;

/// atelier builds the site of L'Atelier numérique du ministère de la Culture: Markdown
/// with YAML front matter, rendered through a DSFR theme into a static site.
#[derive(Debug, Parser)]
#[command(name = "atelier", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to color messages.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,
    /// Language of the messages (default: French when `LC_ALL`, `LC_MESSAGES` or `LANG`
    /// starts with `fr`, English otherwise).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    En,
    Fr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (`public/` by default).
    Build(BuildArgs),
    /// Check the whole site without writing anything: front matter, links, accessibility.
    Check(CheckArgs),
    /// Start a new site in an empty folder: commented settings, the pages every site needs,
    /// and the DSFR theme.
    Init(InitArgs),
    /// Create a content file from a commented model: a startup, a page or a news item.
    #[command(subcommand)]
    New(NewCommand),
    /// Preview the site while you write: serve it, rebuild on every save, reload the browser.
    Serve(ServeArgs),
    /// The DSFR package the theme uses (downloaded once, then cached).
    #[command(subcommand)]
    Dsfr(DsfrCommand),
    /// Bring fiches up to date from elsewhere.
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// The fiches of the site's incubator (`incubator` in site.yaml) and their sponsors,
    /// from a checkout of the beta.gouv.fr repository: adds new ones, updates changed ones,
    /// reports removed ones (never deletes them), keeps fiches marked `source: local`.
    Betagouv {
        /// The beta.gouv.fr checkout (holding `content/_startups/`), or a folder holding
        /// its `startups/` and `organisations/` folders.
        path: PathBuf,
        /// Folder of the site (the one holding `site.yaml`).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Print what would change, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DsfrCommand {
    /// Download the DSFR package, and Decap CMS's when the site publishes the editors' CMS,
    /// into the cache now, so that builds need no network (`ATELIER_CACHE_DIR` chooses the
    /// cache folder).
    Fetch {
        /// Folder of the site (the one holding `site.yaml`).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// An unpacked `@gouvfr/dsfr` package (or its `.tgz`) to use instead of downloading it.
        #[arg(long, value_name = "DIR", env = "ATELIER_DSFR_DIR")]
        dsfr_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Each problem with its source line and a hint.
    Human,
    /// One JSON object per line (severity, path, line, col, message, help), for CI.
    Json,
    /// GitLab's Code Quality report (JSON), for `artifacts:reports:codequality`.
    Gitlab,
    /// GitHub Actions workflow commands (`::error file=…`): annotations on a pull request.
    Github,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Fail on warnings too, not only on errors.
    #[arg(long)]
    pub strict: bool,
    /// Print every problem (by default: at most 10 per file and 100 in all, then a count
    /// by kind of the rest; the other formats always print every problem).
    #[arg(long, short)]
    pub verbose: bool,
    /// Also check external links over the network (never done otherwise).
    #[arg(long)]
    pub external: bool,
    /// With `--external`: requests at the same time.
    #[arg(long, value_name = "N", default_value_t = 8, requires = "external",
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub external_jobs: u16,
    /// With `--external`: seconds to wait for each link.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, requires = "external",
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub external_timeout: u64,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder of the new site: created if absent, refused unless empty.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Id of the site's incubator in the beta.gouv.fr network (`culture`, `dinum`): only
    /// its startups are published.
    #[arg(long, value_name = "ID")]
    pub incubator: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A startup fiche: `content/startups/<ID>.md`, published at `/startups/<ID>/`.
    Startup {
        /// Identifier: lowercase letters and digits, with `-`, `.` or `_` between them.
        id: String,
        #[command(flatten)]
        args: NewArgs,
    },
    /// A page: `content/<PATH>.md`, published at `/<PATH>/`.
    Page {
        /// Path inside `content/`, without `.md` (`aide/faq`).
        path: String,
        #[command(flatten)]
        args: NewArgs,
    },
    /// A news item: `content/actualites/<DATE>-<SLUG>.md`, published at `/actualites/<SLUG>/`.
    Actualite {
        /// Short name for the address: lowercase letters, digits and `-`.
        slug: String,
        #[command(flatten)]
        args: NewArgs,
    },
}

#[derive(Debug, Args, Clone)]
pub struct NewArgs {
    /// Folder of the site (the one holding `site.yaml`).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Date of the first phase, or of the news item. Default: SOURCE_DATE_EPOCH, else today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<Date>,
}

/// Options every command that reads a site takes.
#[derive(Debug, Args, Clone)]
pub struct SiteArgs {
    /// Folder of the site (the one holding `site.yaml`).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Public URL of the site, overriding `base_url` (e.g. for a preview deployment).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Build date, which decides each startup's current phase. Default: SOURCE_DATE_EPOCH, else today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<Date>,
    /// An unpacked `@gouvfr/dsfr` package (or its `.tgz`) to use instead of downloading it.
    #[arg(long, value_name = "DIR", env = "ATELIER_DSFR_DIR")]
    pub dsfr_dir: Option<PathBuf>,
    /// Never download: use the DSFR package from `--dsfr-dir` or the cache only.
    #[arg(long)]
    pub offline: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder, overriding `output_dir`.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Build into an output folder that holds files atelier did not write (no
    /// `.atelier-manifest` in it): they are kept, never deleted.
    #[arg(long)]
    pub force: bool,
    /// Write readable HTML instead of minified HTML.
    #[arg(long)]
    pub no_minify: bool,
    /// Also write gzip (`.gz`) and brotli (`.br`) copies of text files, for hosts that serve them.
    #[arg(long)]
    pub precompress: bool,
    /// Render every page again, neither reading nor writing the build cache
    /// (`.atelier-cache/`, which only ever holds what a build can make again).
    #[arg(long)]
    pub no_cache: bool,
    /// Print nothing but problems.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the time each stage took.
    #[arg(long)]
    pub timings: bool,
    /// Print every problem (by default: at most 10 per file and 100 in all, then a count
    /// by kind of the rest).
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on; the next free one is taken when it is busy, 0 picks any.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Anything but a loopback address shares the preview with the
    /// network.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Serve readable HTML instead of minified HTML.
    #[arg(long)]
    pub no_minify: bool,
}

impl SiteArgs {
    pub fn options(&self) -> crate::pipeline::Options {
        let mut fetch = crate::pipeline::FetchOptions::from_env();
        if let Some(dir) = &self.dsfr_dir {
            fetch.package_dir = Some(dir.clone());
        }
        fetch.offline |= self.offline;
        crate::pipeline::Options {
            root: self.root.clone(),
            base_url: self.base_url.clone(),
            date: self.date,
            fetch: Some(fetch),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
