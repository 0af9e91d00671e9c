//! `atelier check`: the whole build in memory, every check of [`crate::check`], nothing
//! written; external links on demand.

use std::io::Write;
use std::process::ExitCode;

use super::report_some;
use crate::build;
use crate::check::external;
use crate::cli::{CheckArgs, Format};
use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::{Options, Timings};
use crate::tr;

/// What `atelier check` found.
pub struct Report {
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages rendered (0 when the site could not be rendered at all).
    pub pages: usize,
    /// Set when external links were checked.
    pub external: Option<external::Summary>,
}

/// `atelier check`: the whole build in memory, every check, nothing written. External
/// links are checked only when `external` is given.
pub fn run(opts: &Options, external: Option<&external::Options>) -> Report {
    let mut timings = Timings::default();
    // No search index: nothing in it can be wrong that the pages do not show already. No
    // minification either: it changes neither ids, nor links, nor the words of a page.
    // Drafts too: an editor wants to know what is wrong before publishing.
    let opts = &Options {
        minify: Some(false),
        drafts: true,
        ..opts.clone()
    };
    let (rendering, mut diags) = build::render_checked(opts, &mut timings, false);
    let pages = rendering.as_ref().map_or(0, |r| {
        r.outputs.iter().filter(|o| o.path.ends_with(".html")).count()
    });
    let external = match (external, &rendering) {
        (Some(ext), Some(r)) => {
            let (found, summary) = external::check(&r.site, &r.bodies, &r.outputs, &r.copies, ext);
            diags.extend(found);
            Some(summary)
        }
        _ => None,
    };
    let diagnostics = match &rendering {
        Some(r) => crate::check::drafts::in_drafts(&r.site, diags.sorted()),
        None => diags.sorted(),
    };
    Report {
        diagnostics,
        pages,
        external,
    }
}

/// Runs `atelier check` and prints what it found.
pub fn command(args: &CheckArgs, color: bool) -> ExitCode {
    let external = args.external.then(|| external::Options {
        jobs: args.external_jobs.into(),
        timeout: std::time::Duration::from_secs(args.external_timeout),
    });
    let opts = crate::pipeline::Options {
        strict: args.strict,
        ..args.site.options()
    };
    let result = run(&opts, external.as_ref());
    let diags = &result.diagnostics;
    match args.format {
        Format::Human => report_some(diags, args.verbose, color),
        Format::Json => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for d in diags {
                if let Ok(line) = serde_json::to_string(d) {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
        Format::Gitlab | Format::Github => {
            let cwd = std::env::current_dir().unwrap_or_default();
            let root = crate::report::relative_root(&args.site.root, &cwd);
            print!(
                "{}",
                match args.format {
                    Format::Gitlab => crate::report::gitlab(diags, &root),
                    _ => crate::report::github(diags, &root),
                }
            );
        }
    }
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.len() - errors;
    let mut lines = Vec::new();
    if let Some(s) = &result.external {
        lines.push(tr!(
            "check-external-summary",
            checked = s.checked,
            seconds = format!("{:.1}", s.elapsed.as_secs_f64()),
            broken = s.broken,
            unreachable = s.unreachable
        ));
    }
    let found = if diags.is_empty() {
        tr!("check-no-problems")
    } else {
        tr!(
            "counts-and",
            first = tr!("summary-errors", count = errors),
            second = tr!("summary-warnings", count = warnings)
        )
    };
    let failed = errors > 0 || (args.strict && warnings > 0);
    lines.push(match result.pages {
        0 => tr!("check-not-rendered", found = found),
        n => tr!("check-checked", count = n, found = found),
    });
    if failed && errors == 0 {
        lines.push(tr!("check-strict-failed"));
    }
    for line in lines {
        match args.format {
            Format::Human => println!("{line}"),
            Format::Json | Format::Gitlab | Format::Github => eprintln!("{line}"),
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
