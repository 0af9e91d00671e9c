//! The I/O floor: read every input file of a site and write as many files, of the same
//! sizes and paths, as atelier wrote, in parallel. No build can be faster than this copy.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

pub struct Floor {
    pub median_ms: f64,
    pub inputs: usize,
    pub input_bytes: u64,
    pub outputs: usize,
    pub output_bytes: u64,
}

fn files(dir: &Path) -> Vec<(PathBuf, u64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let len = e.metadata().map_or(0, |m| m.len());
            (e.into_path(), len)
        })
        .collect()
}

/// Runs the copy `runs` times (each into an emptied folder) and returns the median.
pub fn measure(site: &Path, built: &Path, runs: usize) -> std::io::Result<Floor> {
    let mut inputs = files(&site.join("content"));
    inputs.extend(files(&site.join("themes")));
    inputs.push((site.join("site.yaml"), 0));
    let outputs: Vec<(PathBuf, u64)> = files(built)
        .into_iter()
        .map(|(p, len)| (p.strip_prefix(built).unwrap_or(&p).to_path_buf(), len))
        .collect();
    let biggest = outputs.iter().map(|(_, l)| *l).max().unwrap_or(0) as usize;
    let filler = vec![b'x'; biggest];
    let dest = site.join("out-floor");
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        match std::fs::remove_dir_all(&dest) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let start = Instant::now();
        let read: u64 = inputs
            .par_iter()
            .map(|(p, _)| std::fs::read(p).map(|b| b.len() as u64))
            .sum::<std::io::Result<u64>>()?;
        let mut dirs: Vec<PathBuf> = outputs
            .iter()
            .filter_map(|(p, _)| p.parent().map(|d| dest.join(d)))
            .collect();
        dirs.sort();
        dirs.dedup();
        for d in &dirs {
            std::fs::create_dir_all(d)?;
        }
        outputs
            .par_iter()
            .try_for_each(|(p, len)| std::fs::write(dest.join(p), &filler[..*len as usize]))?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(read);
    }
    std::fs::remove_dir_all(&dest)?;
    times.sort_by(f64::total_cmp);
    Ok(Floor {
        median_ms: times[times.len() / 2],
        inputs: inputs.len(),
        input_bytes: inputs
            .iter()
            .map(|(p, _)| std::fs::metadata(p).map_or(0, |m| m.len()))
            .sum(),
        outputs: outputs.len(),
        output_bytes: outputs.iter().map(|(_, l)| l).sum(),
    })
}
