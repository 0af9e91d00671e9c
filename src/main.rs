//! The `atelier` binary: parses the command line, runs the library, prints problems and
//! maps them to exit codes (0 success, 1 content or build errors, 2 usage errors).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use atelier::build::{self, Report};
use atelier::check;
use atelier::cli::{BuildArgs, CheckArgs, Cli, Color, Command, DsfrCommand, Format, NewCommand, ServeArgs};
use atelier::date::Date;
use atelier::diagnostic::{self, Diagnostic, Limits, Severity};
use atelier::new::{self, Refusal, What};
use atelier::output::Written;
use clap::Parser;

/// jemalloc: about a quarter less wall time on the corpus than glibc's malloc, which a
/// profile showed taking that much of it (`bench/README.md`).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Build(args) => run_build(&args, color),
        Command::Check(args) => run_check(&args, color),
        Command::New(cmd) => run_new(cmd, color),
        Command::Serve(args) => run_serve(&args, color),
        Command::Dsfr(DsfrCommand::Fetch { root, dsfr_dir }) => run_dsfr_fetch(&root, dsfr_dir, color),
    }
}

fn run_dsfr_fetch(root: &std::path::Path, dsfr_dir: Option<std::path::PathBuf>, color: bool) -> ExitCode {
    let mut fetch = atelier::assets::FetchOptions::from_env();
    fetch.package_dir = dsfr_dir.or(fetch.package_dir);
    match atelier::assets::fetch_ahead(root, &fetch) {
        Ok(atelier::assets::Fetched::Package {
            name,
            version,
            root,
            downloaded,
        }) => {
            let was = if downloaded { "" } else { " (it was already there)" };
            println!("{name} {version} is ready in {}{was}.", root.display());
            ExitCode::SUCCESS
        }
        Ok(atelier::assets::Fetched::NoPin { theme }) => {
            println!("The theme `{theme}` uses no DSFR package: nothing to fetch.");
            ExitCode::SUCCESS
        }
        Err(diags) => {
            report(&diags, color);
            ExitCode::from(1)
        }
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

/// Prints every diagnostic to stderr, in order.
fn report(diags: &[Diagnostic], color: bool) {
    report_some(diags, true, color);
}

/// Prints diagnostics to stderr, in order: all of them when `all`, otherwise the first of
/// each file and of the run, then a count by kind of the rest.
fn report_some(diags: &[Diagnostic], all: bool, color: bool) {
    let limits = (!all).then(Limits::default);
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let _ = diagnostic::write_report(&mut err, diags, limits, color);
    let _ = err.flush();
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
    opts.force = args.force;
    let started = std::time::Instant::now();
    let mut timings = build::Timings::default();
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
        }) => {
            report_some(&warnings, args.verbose, color);
            print_timings();
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

fn run_check(args: &CheckArgs, color: bool) -> ExitCode {
    let external = args.external.then(|| check::external::Options {
        jobs: args.external_jobs.into(),
        timeout: std::time::Duration::from_secs(args.external_timeout),
    });
    let result = check::run(&args.site.options(), external.as_ref());
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
            let root = atelier::report::relative_root(&args.site.root, &cwd);
            print!(
                "{}",
                match args.format {
                    Format::Gitlab => atelier::report::gitlab(diags, &root),
                    _ => atelier::report::github(diags, &root),
                }
            );
        }
    }
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.len() - errors;
    let mut lines = Vec::new();
    if let Some(s) = &result.external {
        lines.push(format!(
            "External links: {} checked in {:.1} s, {} broken, {} unreachable.",
            s.checked,
            s.elapsed.as_secs_f64(),
            s.broken,
            s.unreachable
        ));
    }
    let found = if diags.is_empty() {
        "no problems found".to_string()
    } else {
        format!("{} and {}", plural(errors, "error"), plural(warnings, "warning"))
    };
    let failed = errors > 0 || (args.strict && warnings > 0);
    lines.push(match result.pages {
        0 => format!("The site could not be rendered: {found}."),
        n => format!("Checked {}: {found}.", plural(n, "page")),
    });
    if failed && errors == 0 {
        lines.push("Warnings fail the check (--strict).".into());
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

fn run_new(cmd: NewCommand, color: bool) -> ExitCode {
    let (what, args) = match cmd {
        NewCommand::Startup { id, args } => (What::Startup(id), args),
        NewCommand::Page { path, args } => (What::Page(path), args),
        NewCommand::Actualite { slug, args } => (What::News(slug), args),
    };
    let date = match Date::build_date(args.date) {
        Ok(d) => d,
        Err(e) => {
            report(
                &[Diagnostic::error(e).help("unset SOURCE_DATE_EPOCH or pass `--date YYYY-MM-DD`")],
                color,
            );
            return ExitCode::from(2);
        }
    };
    match new::create(&args.root, &what, date) {
        Ok(path) => {
            println!(
                "Created {}: fill it in, then run `atelier check`.",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(Refusal::Usage(d)) => {
            report(&[d], color);
            ExitCode::from(2)
        }
        Err(Refusal::Problem(d)) => {
            report(&[d], color);
            ExitCode::from(1)
        }
    }
}
