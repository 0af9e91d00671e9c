//! The `atelier` binary: parses the command line, runs the library, prints problems and
//! maps them to exit codes (0 success, 1 content or build errors, 2 usage errors).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use atelier::build::{self, Report};
use atelier::cli::{BuildArgs, Cli, Color, Command, ServeArgs};
use atelier::diagnostic::{Diagnostic, Severity};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Build(args) => run_build(&args, color),
        Command::Serve(args) => run_serve(&args, color),
    }
}

fn run_serve(args: &ServeArgs, color: bool) -> ExitCode {
    let mut opts = args.site.options();
    if args.no_minify {
        opts.minify = Some(false);
    }
    let settings = atelier::serve::Settings {
        opts,
        port: args.port,
        bind: args.bind,
        open: args.open,
        color,
    };
    match atelier::serve::run(settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            report(&[d], color);
            ExitCode::from(1)
        }
    }
}

/// Prints diagnostics to stderr, in order, then a count line.
fn report(diags: &[Diagnostic], color: bool) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}", d.render(color));
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn run_build(args: &BuildArgs, color: bool) -> ExitCode {
    let mut opts = args.site.options();
    opts.output = args.output.clone();
    if args.no_minify {
        opts.minify = Some(false);
    }
    opts.precompress = args.precompress;
    let started = std::time::Instant::now();
    match build::build(&opts) {
        Ok(Report {
            pages,
            files,
            out_dir,
            warnings,
            timings,
        }) => {
            report(&warnings, color);
            if args.timings {
                for (stage, d) in &timings.0 {
                    println!("  {stage:<9} {:>8.1} ms", d.as_secs_f64() * 1000.0);
                }
            }
            if !args.quiet {
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
        Err(diags) => {
            report(&diags, color);
            let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
            let warnings = diags.len() - errors;
            eprintln!(
                "Build failed: {} and {}; nothing was written.",
                plural(errors, "error"),
                plural(warnings, "warning")
            );
            ExitCode::from(1)
        }
    }
}
