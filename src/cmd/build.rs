//! `atelier build`: the whole pipeline, then what it built or why it failed.

use std::process::ExitCode;

use super::{plural, report_some};
use crate::build::{self, Report};
use crate::cli::BuildArgs;
use crate::diagnostic::Severity;
use crate::output::Written;

/// Runs `atelier build`.
pub fn command(args: &BuildArgs, color: bool) -> ExitCode {
    let mut opts = args.site.options();
    opts.output = args.output.clone();
    if args.no_minify {
        opts.minify = Some(false);
    }
    opts.precompress = args.precompress;
    opts.force = args.force;
    opts.cache = !args.no_cache;
    let started = std::time::Instant::now();
    let mut timings = crate::pipeline::Timings::default();
    let built = build::build(&opts, &mut timings);
    let print_timings = || {
        if args.timings {
            for line in timings.lines() {
                println!("{line}");
            }
        }
    };
    match built {
        Ok(Report {
            pages,
            files,
            out_dir,
            warnings,
            notes,
            cache,
            images,
        }) => {
            report_some(&warnings, args.verbose, color);
            print_timings();
            if args.timings {
                println!(
                    "  images: {} encoded, {} from the cache",
                    images.encoded, images.reused
                );
            }
            if let Some(cache) = &cache {
                if args.timings {
                    println!(
                        "  cache: {} of {} pages reused",
                        cache.reused,
                        cache.reused + cache.rendered
                    );
                }
                if let Some(note) = &cache.note {
                    eprintln!("note: {note}");
                }
            }
            if !args.quiet {
                for note in notes {
                    println!("{note}");
                }
                println!(
                    "Built {} and copied {} into {} in {} ms ({}).",
                    plural(pages, "page"),
                    plural(files, "file"),
                    out_dir.strip_prefix(".").unwrap_or(&out_dir).display(),
                    started.elapsed().as_millis(),
                    plural(warnings.len(), "warning"),
                );
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            report_some(&failure.diagnostics, args.verbose, color);
            print_timings();
            let errors = failure.iter().filter(|d| d.severity == Severity::Error).count();
            let warnings = failure.len() - errors;
            let shown = failure
                .out_dir
                .clone()
                .unwrap_or_else(|| "the output folder".into());
            let left = match failure.written {
                Written::Nothing => "nothing was written".to_string(),
                Written::Unchanged => format!("`{}` is as it was", shown.display()),
                Written::Partly { done, of } => format!(
                    "`{}` was partly updated ({done} of {of} changed files are new, the others as they were, each whole): build again once the problem is fixed",
                    shown.display()
                ),
            };
            eprintln!(
                "Build failed: {} and {}; {left}.",
                plural(errors, "error"),
                plural(warnings, "warning")
            );
            // A refused output folder is a usage error: the command or `output_dir` must change.
            ExitCode::from(if failure.refused { 2 } else { 1 })
        }
    }
}
