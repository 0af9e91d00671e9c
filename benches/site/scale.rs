//! Real content at scale: the corpus's fiches replicated K times (renamed per copy, their
//! text unchanged, so their broken relative links are as many distinct broken paths as
//! pages), built by atelier with `--timings` at two sizes. Each stage's growth is compared
//! with the growth of the page count; a stage that grows more than [`LIMIT`] times faster
//! fails the bench run. The synthetic sites are clean and cannot show this: it is what
//! made `check` quadratic (issue 22, item 4).

use std::collections::BTreeMap;
use std::path::Path;

use crate::measure;
use crate::timings;

/// A stage may grow at most this many times the page-count ratio. A linear stage measured
/// on this machine grows 0.8 to 1.25 times the page ratio between runs (caches, the other
/// builds sharing the 2 cores); a quadratic one grows the page ratio itself times more
/// (4 to 5 here). See bench/README.md for the measurements behind it.
pub const LIMIT: f64 = 1.6;

/// Stages shorter than this at the bigger size are printed but not judged: a few
/// milliseconds double from one run to the next.
pub const MIN_MS: f64 = 50.0;

pub struct Size {
    pub copies: usize,
    pub fiches: usize,
    pub pages: usize,
    /// Fastest time of each stage over the runs.
    pub stages: BTreeMap<String, f64>,
    pub order: Vec<String>,
    pub wall_ms: f64,
    pub warnings: Option<u64>,
    pub stderr_lines: usize,
    pub stderr_bytes: usize,
}

/// Builds the replicated corpus at `copies` copies, `runs` times, in a new process each,
/// output removed before each run (not timed).
pub fn measure(bin: &Path, corpus: &Path, work: &Path, copies: usize, runs: usize) -> Result<Size, String> {
    let dir = work.join(format!("corpus-x{copies}"));
    let fiches = crate::sites::replicated_corpus(corpus, &dir, copies)
        .map_err(|e| format!("assembling {}: {e}", dir.display()))?;
    let out = dir.join("public");
    let mut stages: BTreeMap<String, f64> = BTreeMap::new();
    let mut order = Vec::new();
    let mut walls = Vec::new();
    let mut last = None;
    for _ in 0..runs.max(1) {
        let run = measure::fresh(&out, || {
            measure::timed(
                bin,
                &[
                    "build".as_ref(),
                    "--timings".as_ref(),
                    // Each stage's own growth: nothing taken from the runs before.
                    "--no-cache".as_ref(),
                    "--date".as_ref(),
                    crate::generate::BUILD_DATE.as_ref(),
                    "--output".as_ref(),
                    out.as_os_str(),
                ],
                &dir,
            )
        })?;
        for (name, ms) in timings::stages(&run.stdout) {
            if !order.contains(&name) {
                order.push(name.clone());
            }
            let best = stages.entry(name).or_insert(f64::INFINITY);
            *best = best.min(ms);
        }
        walls.push(run.sample.wall_ms);
        last = Some(run);
    }
    let last = last.ok_or("no run")?;
    let size = Size {
        copies,
        fiches,
        pages: measure::count_pages(&out),
        stages,
        order,
        wall_ms: walls.iter().copied().fold(f64::INFINITY, f64::min),
        warnings: timings::warnings(&last.stdout),
        stderr_lines: last.stderr.lines().count(),
        stderr_bytes: last.stderr.len(),
    };
    crate::sites::remove(&dir).map_err(|e| e.to_string())?;
    Ok(size)
}

/// Prints each stage at both sizes and its growth; returns the stages that grew too fast.
pub fn report(small: &Size, big: &Size) -> Vec<String> {
    let ratio = big.pages as f64 / small.pages as f64;
    println!(
        "\n== real content at scale: the corpus's fiches x{} and x{} ({} and {} fiches, {} and {} pages; page ratio {ratio:.2}), fastest of the runs",
        small.copies, big.copies, small.fiches, big.fiches, small.pages, big.pages
    );
    println!(
        "| stage | x{} ms | x{} ms | growth | growth / page ratio |",
        small.copies, big.copies
    );
    println!("|---|---:|---:|---:|---:|");
    let mut too_fast = Vec::new();
    for name in &big.order {
        let (Some(&a), Some(&b)) = (small.stages.get(name), big.stages.get(name)) else {
            continue;
        };
        let growth = b / a;
        let judged = b >= MIN_MS;
        let verdict = if !judged {
            " (too short to judge)"
        } else if growth > LIMIT * ratio {
            too_fast.push(format!(
                "{name}: {a:.1} ms -> {b:.1} ms, {growth:.1}x for {ratio:.2}x the pages (limit {:.1}x)",
                LIMIT * ratio
            ));
            " TOO FAST"
        } else {
            ""
        };
        println!(
            "| {name} | {a:.1} | {b:.1} | {growth:.2} | {:.2}{verdict} |",
            growth / ratio
        );
    }
    println!(
        "| whole build (wall) | {:.0} | {:.0} | {:.2} | {:.2} |",
        small.wall_ms,
        big.wall_ms,
        big.wall_ms / small.wall_ms,
        big.wall_ms / small.wall_ms / ratio
    );
    println!(
        "warnings at x{}: {} reported; stderr {} lines, {:.1} KB (x{}: {} lines, {:.1} KB)",
        big.copies,
        big.warnings.map_or("?".to_string(), |w| w.to_string()),
        big.stderr_lines,
        big.stderr_bytes as f64 / 1024.0,
        small.copies,
        small.stderr_lines,
        small.stderr_bytes as f64 / 1024.0
    );
    too_fast
}
