//! The speed benchmark: `atelier build` against Zola and Hugo on the same synthetic sites,
//! cold and rebuilt after one edit, on disk and on a tmpfs; the I/O floor; the real corpus
//! with the DSFR theme; the corpus replicated, to see each stage grow. See
//! `bench/README.md`.
//!
//! `cargo bench --bench site -- [--sizes 1000,10000|none] [--runs N] [--minify]
//! [--only atelier,zola,hugo] [--zola PATH] [--where disk,tmpfs] [--no-corpus] [--rebuild]
//! [--scale 2,8|none] [--atelier PATH] [--work DIR]`

mod floor;
mod generate;
mod measure;
mod scale;
mod sites;
mod timings;
mod tools;
mod words;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use measure::{Sample, Summary};
use tools::{Tool, Tools};

/// What to run, from the command line.
#[derive(Debug, Clone)]
struct Plan {
    sizes: Vec<usize>,
    /// Runs per tool and size; `None`: 5 up to 10,000 pages, 3 above.
    runs: Option<usize>,
    minify: bool,
    /// Tools asked for (atelier always).
    only: Option<Vec<Tool>>,
    zola: Option<PathBuf>,
    corpus: bool,
    rebuild: bool,
    /// Disk, tmpfs or both.
    places: Vec<Place>,
    /// Copies of the corpus for the growth check: the small and the big size.
    scale: Option<(usize, usize)>,
    atelier: PathBuf,
    work: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Disk,
    Tmpfs,
}

impl Place {
    fn name(self) -> &'static str {
        match self {
            Place::Disk => "disk",
            Place::Tmpfs => "tmpfs",
        }
    }
}

fn usage() -> &'static str {
    "usage: cargo bench --bench site -- [--sizes 1000,10000,100000] [--runs N] [--minify]\n\
     \x20      [--only atelier,zola,hugo] [--zola PATH] [--where disk,tmpfs] [--no-corpus]\n\
     \x20      [--rebuild] [--scale 2,8|none] [--atelier PATH] [--work DIR]"
}

fn parse_args() -> Result<Plan, String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut plan = Plan {
        sizes: vec![1_000, 10_000, 100_000],
        runs: None,
        minify: false,
        only: None,
        zola: None,
        corpus: true,
        rebuild: false,
        places: vec![Place::Disk, Place::Tmpfs],
        scale: Some((2, 8)),
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
            "--only" => {
                let tools = value()?
                    .split(',')
                    .map(|t| {
                        Tool::parse(t.trim())
                            .ok_or_else(|| format!("--only takes atelier, zola and hugo, not `{t}`"))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                plan.only = Some(tools);
            }
            "--zola" => plan.zola = Some(PathBuf::from(value()?)),
            "--where" => {
                plan.places = value()?
                    .split(',')
                    .map(|p| match p.trim() {
                        "disk" => Ok(Place::Disk),
                        "tmpfs" => Ok(Place::Tmpfs),
                        other => Err(format!("--where takes disk and tmpfs, not `{other}`")),
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--tmpfs" => plan.places = vec![Place::Tmpfs],
            "--no-corpus" => plan.corpus = false,
            "--rebuild" => plan.rebuild = true,
            "--scale" => {
                let v = value()?;
                plan.scale = if v == "none" {
                    None
                } else {
                    let k: Vec<usize> = v
                        .split(',')
                        .map(|s| s.trim().parse::<usize>())
                        .collect::<Result<_, _>>()
                        .map_err(|e| format!("--scale: {e}"))?;
                    match k[..] {
                        [a, b] if a >= 1 && b > a => Some((a, b)),
                        _ => {
                            return Err(
                                "--scale takes two copy counts, the smaller first: `--scale 2,8`".into()
                            );
                        }
                    }
                };
            }
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
    let tmpfs = sites::tmpfs_root();
    let result = run(&plan, tmpfs.as_deref());
    if let Some(t) = &tmpfs {
        let _ = sites::remove(t);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One line of the final table: a scenario of one size in one place.
struct Row {
    size: usize,
    place: Place,
    scenario: &'static str,
    tools: BTreeMap<Tool, Summary>,
    floor_ms: Option<f64>,
    cache: Option<timings::CacheHits>,
}

fn run(plan: &Plan, tmpfs: Option<&Path>) -> Result<(), String> {
    let wanted = |t: Tool| plan.only.as_ref().is_none_or(|o| o.contains(&t));
    measure::check_tools(wanted(Tool::Hugo))?;
    println!("{}", measure::machine());
    println!("atelier: {}", plan.atelier.display());
    let zola = if wanted(Tool::Zola) {
        tools::find_zola(plan.zola.clone())?
    } else {
        None
    };
    let tools = Tools {
        atelier: plan.atelier.clone(),
        zola,
        hugo: wanted(Tool::Hugo),
    };
    if let Some(z) = &tools.zola {
        println!(
            "zola:    {} ({})",
            tools::version(z).unwrap_or_default(),
            z.display()
        );
    }
    if tools.hugo {
        println!(
            "hugo:    {}",
            tools::version(Path::new("hugo")).unwrap_or_default()
        );
    }
    let places: Vec<Place> = plan
        .places
        .iter()
        .copied()
        .filter(|p| {
            let ok = *p != Place::Tmpfs || tmpfs.is_some();
            if !ok {
                println!("tmpfs:   SKIPPED (/dev/shm is not a tmpfs here)");
            }
            ok
        })
        .collect();
    let mut rows = Vec::new();
    for &size in &plan.sizes {
        let disk = plan.work.join(format!("site-{size}"));
        let made =
            sites::synthetic(&disk, size).map_err(|e| format!("generating {}: {e}", disk.display()))?;
        println!(
            "\n== {size} pages: {} fiches, {} organisations, {} input files, {:.1} MB of Markdown (generated in {:.1} s)",
            made.shape.startups,
            made.shape.organisations,
            made.input_files,
            made.input_bytes as f64 / 1e6,
            made.seconds
        );
        let runs = plan.runs.unwrap_or(if size <= 10_000 { 5 } else { 3 });
        for &place in &places {
            let dir = match (place, tmpfs) {
                (Place::Tmpfs, Some(t)) => {
                    let dir = t.join(format!("site-{size}"));
                    sites::copy_site(&disk, &dir)
                        .map_err(|e| format!("copying to {}: {e}", dir.display()))?;
                    dir
                }
                _ => disk.clone(),
            };
            println!("-- {}: {}", place.name(), dir.display());
            rows.push(cold(&tools, &dir, size, place, runs, false)?);
            if plan.minify {
                rows.push(cold(&tools, &dir, size, place, runs, true)?);
            }
            if plan.rebuild {
                rows.push(rebuild(&tools, &dir, size, place, runs)?);
            }
            if place == Place::Tmpfs {
                sites::remove(&dir).map_err(|e| e.to_string())?;
            }
        }
    }
    if !rows.is_empty() {
        println!("\n== summary (wall median; ratios: atelier / the other, same run)\n");
        print_summary(&rows, &tools.present());
    }
    if plan.corpus {
        corpus(plan)?;
    }
    if let Some((small, big)) = plan.scale {
        growth(plan, tmpfs, small, big)?;
    }
    Ok(())
}

/// The tools in the order of run `r`: rotated each run, so none always runs first.
fn order(tools: &[Tool], r: usize) -> Vec<Tool> {
    let mut order = tools.to_vec();
    let n = order.len();
    if n > 0 {
        order.rotate_left(r % n);
    }
    order
}

/// A peer's build failed: said, and the peer left out of the rest of the scenario (Hugo
/// 0.111 gives up on a partial that takes more than 30 s at 100,000 pages). atelier
/// failing stops the bench.
fn left_out(tool: Tool, error: String, present: &mut Vec<Tool>) -> Result<(), String> {
    if tool == Tool::Atelier {
        return Err(error);
    }
    let reason = error
        .lines()
        .find(|l| l.starts_with("Error") || l.starts_with("error"))
        .or_else(|| error.lines().next())
        .unwrap_or_default();
    println!("  {:<9} FAILED, left out of this scenario: {reason}", tool.name());
    present.retain(|t| *t != tool);
    Ok(())
}

/// Builds one site with every tool, alternating, each into an emptied folder (the removal
/// is not timed), then the floor; prints and returns a row.
fn cold(
    tools: &Tools,
    dir: &Path,
    size: usize,
    place: Place,
    runs: usize,
    minify: bool,
) -> Result<Row, String> {
    let label = if minify { "cold, minify on" } else { "cold" };
    println!("-- {label}, {runs} runs per tool, alternating");
    let mut present = tools.present();
    let mut samples: BTreeMap<Tool, Vec<Sample>> = BTreeMap::new();
    for r in 0..runs {
        for tool in order(&present, r) {
            let out = tool.output(dir);
            match measure::fresh(&out, || tools.build(tool, dir, minify, false)) {
                Ok(run) => samples.entry(tool).or_default().push(run.sample),
                Err(e) => {
                    left_out(tool, e, &mut present)?;
                    samples.remove(&tool);
                }
            }
        }
    }
    let summaries = summarise(dir, &samples);
    let floor = floor::measure(dir, &Tool::Atelier.output(dir), runs).map_err(|e| format!("floor: {e}"))?;
    println!(
        "  floor     median {:>8.1} ms  (read {} input files, {:.1} MB; write {} files, {:.1} MB)",
        floor.median_ms,
        floor.inputs,
        floor.input_bytes as f64 / 1e6,
        floor.outputs,
        floor.output_bytes as f64 / 1e6
    );
    Ok(Row {
        size,
        place,
        scenario: if minify { "cold, minified" } else { "cold" },
        tools: summaries,
        floor_ms: Some(floor.median_ms),
        cache: None,
    })
}

/// Each tool's summary, printed.
fn summarise(dir: &Path, samples: &BTreeMap<Tool, Vec<Sample>>) -> BTreeMap<Tool, Summary> {
    samples
        .iter()
        .map(|(&tool, s)| {
            let summary = Summary::of(s, measure::count_pages(&tool.output(dir)));
            measure::print_tool(tool.name(), &summary);
            (tool, summary)
        })
        .collect()
}

/// One fiche edited, then each tool builds again in a new process with its output folder
/// as the build before left it (the tools alternating, `sync` before each run so none pays
/// for the writeback of another). One rebuild per tool first, not measured: atelier's
/// first rebuild after a fresh output fills its staging folder once, which every later
/// rebuild finds (bench/README.md, "Write strategy").
fn rebuild(tools: &Tools, dir: &Path, size: usize, place: Place, runs: usize) -> Result<Row, String> {
    println!(
        "-- rebuild: one fiche edited, new process, output kept; {runs} runs per tool after one not measured"
    );
    let mut present = tools.present();
    let fiche = sites::first_fiche(dir).ok_or("no fiche to change")?;
    let originals: Vec<(PathBuf, String)> = present
        .iter()
        .map(|t| t.source_of(dir, &fiche))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|p| {
            std::fs::read_to_string(&p)
                .map(|t| (p, t))
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    let edit = |n: &str| -> Result<(), String> {
        for (path, text) in &originals {
            std::fs::write(path, format!("{text}\nModification n° {n}.\n")).map_err(|e| e.to_string())?;
        }
        Ok(())
    };
    let mut samples: BTreeMap<Tool, Vec<Sample>> = BTreeMap::new();
    let mut cache = None;
    let mut result = || {
        for tool in present.clone() {
            if !tool.output(dir).is_dir()
                && let Err(e) = tools.build(tool, dir, false, false)
            {
                left_out(tool, e, &mut present)?;
            }
        }
        edit("0")?;
        for tool in present.clone() {
            measure::settle();
            if let Err(e) = tools.build(tool, dir, false, true) {
                left_out(tool, e, &mut present)?;
            }
        }
        for r in 0..runs {
            edit(&(r + 1).to_string())?;
            for tool in order(&present, r) {
                measure::settle();
                match tools.build(tool, dir, false, true) {
                    Ok(run) => {
                        if tool == Tool::Atelier {
                            cache = timings::cache_hits(&run.stdout);
                        }
                        samples.entry(tool).or_default().push(run.sample);
                    }
                    Err(e) => {
                        left_out(tool, e, &mut present)?;
                        samples.remove(&tool);
                    }
                }
            }
        }
        Ok::<(), String>(())
    };
    let result = result();
    for (path, text) in &originals {
        std::fs::write(path, text).map_err(|e| e.to_string())?;
    }
    result?;
    let summaries = summarise(dir, &samples);
    match &cache {
        Some(c) => println!("  atelier's cache: {} ({:.1} % reused)", c.line, 100.0 * c.rate()),
        None => println!("  atelier's cache: no cache line in `build --timings` (no build cache yet)"),
    }
    Ok(Row {
        size,
        place,
        scenario: "rebuild",
        tools: summaries,
        floor_ms: None,
        cache,
    })
}

fn print_summary(rows: &[Row], tools: &[Tool]) {
    let others: Vec<Tool> = tools.iter().copied().filter(|t| *t != Tool::Atelier).collect();
    let mut head = String::from("| pages | where | build |");
    let mut rule = String::from("|---:|---|---|");
    for t in tools {
        head.push_str(&format!(" {} |", t.name()));
        rule.push_str("---:|");
    }
    for t in &others {
        head.push_str(&format!(" atelier/{} |", t.name()));
        rule.push_str("---:|");
    }
    for t in tools {
        head.push_str(&format!(" {} RSS |", t.name()));
        rule.push_str("---:|");
    }
    head.push_str(" floor | atelier cache |");
    rule.push_str("---:|---:|");
    println!("{head}\n{rule}");
    let ms = |m: f64| {
        if m >= 10_000.0 {
            format!("{:.1} s", m / 1000.0)
        } else {
            format!("{m:.0} ms")
        }
    };
    for r in rows {
        let mut line = format!("| {} | {} | {} |", r.size, r.place.name(), r.scenario);
        for t in tools {
            line.push_str(&format!(
                " {} |",
                r.tools.get(t).map_or("-".into(), |s| ms(s.median_ms))
            ));
        }
        let atelier = r.tools.get(&Tool::Atelier);
        for t in &others {
            let ratio = match (atelier, r.tools.get(t)) {
                (Some(a), Some(o)) => format!("{:.2}", a.median_ms / o.median_ms),
                _ => "-".into(),
            };
            line.push_str(&format!(" {ratio} |"));
        }
        for t in tools {
            line.push_str(&format!(
                " {} |",
                r.tools
                    .get(t)
                    .map_or("-".into(), |s| format!("{:.0} MB", s.rss_mb))
            ));
        }
        line.push_str(&format!(
            " {} | {} |",
            r.floor_ms.map_or("-".into(), ms),
            match (&r.cache, r.scenario) {
                (Some(c), _) => format!("{:.1} %", 100.0 * c.rate()),
                (None, "rebuild") => "no cache line".into(),
                (None, _) => "-".into(),
            }
        ));
        println!("{line}");
    }
    let at = |n: usize, place: Place| {
        rows.iter()
            .find(|r| r.size == n && r.place == place && r.scenario == "cold")
    };
    for place in [Place::Disk, Place::Tmpfs] {
        if let (Some(a), Some(b)) = (at(10_000, place), at(100_000, place)) {
            // Writes make the spread: the fastest runs say what the program does, the
            // medians what the disk allowed that day.
            let growth: Vec<String> = tools
                .iter()
                .filter_map(|t| {
                    let (x, y) = (a.tools.get(t)?, b.tools.get(t)?);
                    Some(format!(
                        "{} {:.2} (fastest runs {:.2})",
                        t.name(),
                        y.median_ms / x.median_ms,
                        y.min_ms / x.min_ms
                    ))
                })
                .collect();
            println!(
                "\ngrowth on {}, time(100,000) / time(10,000), cold: {}, floor {:.2}",
                place.name(),
                growth.join(", "),
                b.floor_ms.unwrap_or(f64::NAN) / a.floor_ms.unwrap_or(f64::NAN)
            );
        }
    }
}

/// The corpus replicated at two sizes, built by atelier; fails when a stage grows too fast.
fn growth(plan: &Plan, tmpfs: Option<&Path>, small: usize, big: usize) -> Result<(), String> {
    let Some(corpus) = sites::corpus_dir() else {
        println!(
            "\n== real content at scale: SKIPPED (no beta.gouv.fr corpus at ../shared/corpus/betagouv; set ATELIER_CORPUS)"
        );
        return Ok(());
    };
    // On a tmpfs when there is one: the stages judged are the program's, not the disk's.
    let work = tmpfs.map_or_else(|| plan.work.clone(), Path::to_path_buf);
    let runs = plan.runs.unwrap_or(3);
    let a = scale::measure(&plan.atelier, &corpus, &work, small, runs)?;
    let b = scale::measure(&plan.atelier, &corpus, &work, big, runs)?;
    let too_fast = scale::report(&a, &b);
    if too_fast.is_empty() {
        println!(
            "every stage of at least {} ms grew less than {}x the page ratio",
            scale::MIN_MS,
            scale::LIMIT
        );
        Ok(())
    } else {
        Err(format!(
            "stages grew faster than {}x the page count on real content:\n  {}",
            scale::LIMIT,
            too_fast.join("\n  ")
        ))
    }
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
