//! The speed benchmark: `atelier build` against `hugo` on the same synthetic sites, the I/O
//! floor, and the real corpus with the DSFR theme. See `bench/README.md`.
//!
//! `cargo bench --bench site -- [--sizes 1000,10000|none] [--runs N] [--minify] [--only atelier]
//! [--no-corpus] [--rebuild] [--atelier PATH]`

mod floor;
mod generate;
mod measure;
mod sites;
mod words;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use measure::{Sample, Summary};

/// What to run, from the command line.
#[derive(Debug, Clone)]
struct Plan {
    sizes: Vec<usize>,
    /// Runs per tool and size; `None`: 5 up to 10,000 pages, 3 above.
    runs: Option<usize>,
    minify: bool,
    hugo: bool,
    corpus: bool,
    rebuild: bool,
    atelier: PathBuf,
    work: PathBuf,
}

fn usage() -> &'static str {
    "usage: cargo bench --bench site -- [--sizes 1000,10000,100000] [--runs N] [--minify]\n\
     \x20      [--only atelier] [--no-corpus] [--rebuild] [--atelier PATH] [--work DIR]"
}

fn parse_args() -> Result<Plan, String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut plan = Plan {
        sizes: vec![1_000, 10_000, 100_000],
        runs: None,
        minify: false,
        hugo: true,
        corpus: true,
        rebuild: false,
        atelier: PathBuf::from(env!("CARGO_BIN_EXE_atelier")),
        work: manifest.join("target/bench"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("`{a}` needs a value\n{}", usage()))
        };
        match a.as_str() {
            // Passed by `cargo bench` to every bench target.
            "--bench" => {}
            // `--sizes none`: only the corpus.
            "--sizes" => {
                plan.sizes = value()?
                    .split(',')
                    .filter(|s| !s.is_empty() && *s != "none")
                    .map(|s| s.trim().replace('_', "").parse::<usize>())
                    .collect::<Result<_, _>>()
                    .map_err(|e| format!("--sizes: {e}"))?;
            }
            "--runs" => plan.runs = Some(value()?.parse().map_err(|e| format!("--runs: {e}"))?),
            "--minify" => plan.minify = true,
            "--only" => match value()?.as_str() {
                "atelier" => plan.hugo = false,
                other => return Err(format!("--only takes `atelier`, not `{other}`")),
            },
            "--no-corpus" => plan.corpus = false,
            "--rebuild" => plan.rebuild = true,
            "--atelier" => {
                let path = PathBuf::from(value()?);
                plan.atelier = path
                    .canonicalize()
                    .map_err(|e| format!("--atelier {}: {e}", path.display()))?;
            }
            "--work" => plan.work = PathBuf::from(value()?),
            "-h" | "--help" => return Err(usage().to_string()),
            other => return Err(format!("unknown argument `{other}`\n{}", usage())),
        }
    }
    Ok(plan)
}

fn main() -> ExitCode {
    let plan = match parse_args() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(&plan) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(plan: &Plan) -> Result<(), String> {
    measure::check_tools(plan.hugo)?;
    println!("{}", measure::machine());
    println!("atelier: {}", plan.atelier.display());
    if plan.hugo {
        println!("hugo:    {}", measure::hugo_version()?);
    }
    let mut rows = Vec::new();
    for &size in &plan.sizes {
        let dir = plan.work.join(format!("site-{size}"));
        let made = sites::synthetic(&dir, size).map_err(|e| format!("generating {}: {e}", dir.display()))?;
        println!(
            "\n== {size} pages: {} fiches, {} organisations, {} input files, {:.1} MB of Markdown (generated in {:.1} s)",
            made.shape.startups,
            made.shape.organisations,
            made.input_files,
            made.input_bytes as f64 / 1e6,
            made.seconds
        );
        let runs = plan.runs.unwrap_or(if size <= 10_000 { 5 } else { 3 });
        rows.push(compare(plan, &dir, size, runs, false)?);
        if plan.minify {
            rows.push(compare(plan, &dir, size, runs, true)?);
        }
        if plan.rebuild {
            rebuild(plan, &dir, runs)?;
        }
    }
    if !rows.is_empty() {
        println!("\n== summary (wall median; ratio = atelier / hugo)\n");
        measure::print_summary(&rows);
    }
    if plan.corpus {
        corpus(plan)?;
    }
    Ok(())
}

/// Builds one site with both tools, alternating, then the floor; prints and returns a row.
fn compare(plan: &Plan, dir: &Path, size: usize, runs: usize, minify: bool) -> Result<measure::Row, String> {
    let label = if minify { "minify on" } else { "minify off" };
    println!("-- {label}, {runs} runs per tool, alternating");
    let out_a = dir.join("out-atelier");
    let out_h = dir.join("out-hugo");
    let mut atelier = Vec::new();
    let mut hugo = Vec::new();
    for r in 0..runs {
        let a_first = r % 2 == 0;
        for tool in if a_first {
            ["atelier", "hugo"]
        } else {
            ["hugo", "atelier"]
        } {
            match tool {
                "atelier" => atelier.push(measure::fresh(&out_a, || {
                    measure::atelier_build(&plan.atelier, dir, &out_a, minify)
                })?),
                _ if plan.hugo => hugo.push(measure::fresh(&out_h, || {
                    measure::hugo_build(dir, &out_h, minify)
                })?),
                _ => {}
            }
        }
    }
    let pages_a = measure::count_pages(&out_a);
    let pages_h = plan.hugo.then(|| measure::count_pages(&out_h));
    let floor = floor::measure(dir, &out_a, runs).map_err(|e| format!("floor: {e}"))?;
    let a = Summary::of(&atelier, pages_a);
    let h = pages_h.map(|p| Summary::of(&hugo, p));
    measure::print_tool("atelier", &a);
    if let Some(h) = &h {
        measure::print_tool("hugo", h);
    }
    println!(
        "  floor     median {:>8.1} ms  (read {} input files, {:.1} MB; write {} files, {:.1} MB)",
        floor.median_ms,
        floor.inputs,
        floor.input_bytes as f64 / 1e6,
        floor.outputs,
        floor.output_bytes as f64 / 1e6
    );
    Ok(measure::Row {
        size,
        minify,
        atelier: a,
        hugo: h,
        floor_ms: floor.median_ms,
    })
}

/// First build into an empty folder, then two rebuilds, each after one fiche changed
/// (atelier only), each once the disk has written back the one before (`sync`). The first rebuild finds no staging folder beside the output (a first
/// build moves it into place), so it writes every file there; the second finds the
/// generation before last in it, as every later rebuild does.
fn rebuild(plan: &Plan, dir: &Path, runs: usize) -> Result<(), String> {
    println!(
        "-- atelier rebuild: first build (empty output) / one fiche changed (output present) / one more"
    );
    let out = dir.join("out-atelier");
    let fiche = sites::first_fiche(dir).ok_or("no fiche to change")?;
    let original = std::fs::read_to_string(&fiche).map_err(|e| e.to_string())?;
    let mut first: Vec<Sample> = Vec::new();
    let mut again: Vec<Sample> = Vec::new();
    let mut steady: Vec<Sample> = Vec::new();
    let result = (|| {
        for r in 0..runs {
            first.push(measure::fresh(&out, || {
                measure::settle();
                measure::atelier_build(&plan.atelier, dir, &out, false)
            })?);
            for (change, samples) in [("a", &mut again), ("b", &mut steady)] {
                std::fs::write(&fiche, format!("{original}\nModification n° {r}{change}.\n"))
                    .map_err(|e| e.to_string())?;
                measure::settle();
                samples.push(measure::atelier_build(&plan.atelier, dir, &out, false)?);
            }
        }
        Ok::<(), String>(())
    })();
    std::fs::write(&fiche, &original).map_err(|e| e.to_string())?;
    result?;
    let pages = measure::count_pages(&out);
    measure::print_tool("first", &Summary::of(&first, pages));
    measure::print_tool("rebuild", &Summary::of(&again, pages));
    measure::print_tool("again", &Summary::of(&steady, pages));
    Ok(())
}

/// The 662 real fiches with the DSFR theme, minification on, as the site is deployed.
fn corpus(plan: &Plan) -> Result<(), String> {
    let Some(corpus) = sites::corpus_dir() else {
        println!(
            "\n== corpus: SKIPPED (no beta.gouv.fr corpus at ../shared/corpus/betagouv; set ATELIER_CORPUS)"
        );
        return Ok(());
    };
    let dir = plan.work.join("corpus");
    sites::corpus_site(&corpus, &dir).map_err(|e| format!("assembling the corpus site: {e}"))?;
    let out = dir.join("public");
    let runs = plan.runs.unwrap_or(7);
    let mut samples = Vec::new();
    for _ in 0..runs {
        samples.push(measure::fresh(&out, || {
            measure::atelier_build(&plan.atelier, &dir, &out, true)
        })?);
    }
    let s = Summary::of(&samples, measure::count_pages(&out));
    println!("\n== corpus: 662 fiches, DSFR theme, minify on, cold process, {runs} runs");
    measure::print_tool("atelier", &s);
    println!(
        "  stages of one run:\n{}",
        measure::atelier_timings(&plan.atelier, &dir, &out)?
    );
    Ok(())
}
