//! `atelier build`: the whole pipeline, then what it built or why it failed.

use std::process::ExitCode;

use super::report_some;
use crate::build::{self, Report};
use crate::cli::BuildArgs;
use crate::diagnostic::Severity;
use crate::output::Written;
use crate::tr;

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
            checked,
            linted,
            images,
        }) => {
            report_some(&warnings, args.verbose, color);
            print_timings();
            if args.timings {
                println!(
                    "  {}",
                    tr!(
                        "build-timings-images",
                        encoded = images.encoded,
                        reused = images.reused
                    )
                );
            }
            if let Some(cache) = &cache {
                if args.timings {
                    println!(
                        "  {}",
                        tr!(
                            "build-timings-cache",
                            reused = cache.reused,
                            total = cache.reused + cache.rendered
                        )
                    );
                    if let Some((taken, total)) = cache.documents {
                        println!(
                            "  {}",
                            tr!("build-timings-cache-documents", taken = taken, total = total)
                        );
                    }
                    if let Some((taken, total)) = cache.bodies {
                        println!(
                            "  {}",
                            tr!("build-timings-cache-bodies", taken = taken, total = total)
                        );
                    }
                    if let Some((taken, total)) = linted {
                        println!(
                            "  {}",
                            tr!("build-timings-cache-linted", taken = taken, total = total)
                        );
                    }
                    if let Some((taken, total)) = checked {
                        println!(
                            "  {}",
                            tr!("build-timings-cache-checked", taken = taken, total = total)
                        );
                    }
                }
                if let Some(note) = &cache.note {
                    eprintln!("{}{} {note}", tr!("label-note"), crate::diagnostic::colon());
                }
            }
            if !args.quiet {
                for note in notes {
                    println!("{note}");
                }
                println!(
                    "{}",
                    tr!(
                        "build-built",
                        pages = pages,
                        files = files,
                        folder = out_dir
                            .strip_prefix(".")
                            .unwrap_or(&out_dir)
                            .display()
                            .to_string(),
                        ms = started.elapsed().as_millis().to_string(),
                        warnings = tr!("summary-warnings", count = warnings.len()),
                    )
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
                .unwrap_or_else(|| tr!("build-output-folder").into());
            let folder = shown.display().to_string();
            let left = match failure.written {
                Written::Nothing => tr!("build-left-nothing"),
                Written::Unchanged => tr!("build-left-unchanged", folder = folder),
                Written::Partly { done, of } => {
                    tr!("build-left-partly", folder = folder, done = done, of = of)
                }
            };
            eprintln!(
                "{}",
                tr!(
                    "build-failed",
                    errors = tr!("summary-errors", count = errors),
                    warnings = tr!("summary-warnings", count = warnings),
                    left = left
                )
            );
            // A refused output folder is a usage error: the command or `output_dir` must change.
            ExitCode::from(if failure.refused { 2 } else { 1 })
        }
    }
}
