//! Running one build in a fresh process and measuring it: wall time from spawn to exit,
//! peak resident memory from GNU time (`%M`), and the tables printed at the end.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// One build.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub wall_ms: f64,
    pub rss_kb: u64,
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub median_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
    pub rss_mb: f64,
    pub pages: usize,
}

impl Summary {
    pub fn of(samples: &[Sample], pages: usize) -> Summary {
        let mut walls: Vec<f64> = samples.iter().map(|s| s.wall_ms).collect();
        walls.sort_by(f64::total_cmp);
        let median = if walls.is_empty() {
            f64::NAN
        } else if walls.len() % 2 == 1 {
            walls[walls.len() / 2]
        } else {
            (walls[walls.len() / 2 - 1] + walls[walls.len() / 2]) / 2.0
        };
        Summary {
            median_ms: median,
            min_ms: walls.first().copied().unwrap_or(f64::NAN),
            max_ms: walls.last().copied().unwrap_or(f64::NAN),
            rss_mb: samples.iter().map(|s| s.rss_kb).max().unwrap_or(0) as f64 / 1024.0,
            pages,
        }
    }

    pub fn pages_per_s(&self) -> f64 {
        self.pages as f64 / (self.median_ms / 1000.0)
    }
}

const TIME: &str = "/usr/bin/time";

pub fn check_tools(hugo: bool) -> Result<(), String> {
    if !Path::new(TIME).is_file() {
        return Err(
            "GNU time is missing (/usr/bin/time): run `bench/run.sh`, or `apt-get install -y time`".into(),
        );
    }
    if hugo && Command::new("hugo").arg("version").output().is_err() {
        return Err(
            "hugo is missing: run `bench/run.sh`, or `apt-get install -y hugo`, or pass `--only atelier`"
                .into(),
        );
    }
    Ok(())
}

/// CPU, cores and kernel, so figures can be compared across machines.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!("machine: {cpu}, {cores} cores, Linux {}", kernel.trim())
}

/// Flushes the writes of earlier runs to the disk (`sync`), so that the build measured next
/// does not pay for them: after a build that wrote 10,000 files, the disk is busy writing
/// them back for seconds.
pub fn settle() {
    let _ = Command::new("sync").status();
}

/// Removes `out` and atelier's staging folder beside it (not timed), then runs `build`.
pub fn fresh<T>(out: &Path, build: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    let staging = out.with_file_name(format!(".{name}.atelier-next"));
    for dir in [out, staging.as_path()] {
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("cannot remove {}: {e}", dir.display()));
            }
            _ => {}
        }
    }
    build()
}

/// One build run: its measure and what it printed.
pub struct Run {
    pub sample: Sample,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `program args` under GNU time; fails with its output if it fails.
pub fn timed(program: &Path, args: &[&std::ffi::OsStr], dir: &Path) -> Result<Run, String> {
    let rss_file = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    let mut cmd = Command::new(TIME);
    cmd.arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(rss_file.path())
        .arg(program)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null());
    let start = Instant::now();
    let out = cmd.output().map_err(|e| format!("{}: {e}", program.display()))?;
    let wall_ms = start.elapsed().as_secs_f64() * 1000.0;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        return Err(format!(
            "`{} {}` failed ({}):\n{stdout}{stderr}",
            program.display(),
            args.iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
            out.status,
        ));
    }
    let rss_kb = std::fs::read_to_string(rss_file.path())
        .ok()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()))
        .unwrap_or(0);
    Ok(Run {
        sample: Sample { wall_ms, rss_kb },
        stdout,
        stderr,
    })
}

/// A cold build of a site whose output is not a bench tool's (the corpus).
pub fn atelier_build(bin: &Path, site: &Path, out: &Path, minify: bool) -> Result<Sample, String> {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "build".as_ref(),
        "--quiet".as_ref(),
        // Cold: the build cache of the runs before is neither read nor written.
        "--no-cache".as_ref(),
        "--date".as_ref(),
        crate::generate::BUILD_DATE.as_ref(),
        "--output".as_ref(),
        out.as_os_str(),
    ];
    if !minify {
        args.push("--no-minify".as_ref());
    }
    timed(bin, &args, site).map(|r| r.sample)
}

/// The stage timings atelier prints with `--timings`, for one extra run.
pub fn atelier_timings(bin: &Path, site: &Path, out: &Path) -> Result<String, String> {
    let o = Command::new(bin)
        .args([
            "build",
            "--timings",
            "--no-cache",
            "--date",
            crate::generate::BUILD_DATE,
            "--output",
        ])
        .arg(out)
        .current_dir(site)
        .output()
        .map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&o.stdout).trim_end().to_string())
}

/// HTML files in a built site.
pub fn count_pages(out: &Path) -> usize {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

pub fn print_tool(name: &str, s: &Summary) {
    println!(
        "  {name:<9} median {:>8.1} ms  min {:>8.1}  max {:>8.1}  {:>7.0} pages/s  peak RSS {:>7.1} MB  ({} pages)",
        s.median_ms,
        s.min_ms,
        s.max_ms,
        s.pages_per_s(),
        s.rss_mb,
        s.pages
    );
}
