//! Reading what `atelier build --timings` prints: one line per stage
//! (`  check       324.0 ms`, see `Timings::lines` in `src/pipeline.rs`), and the line of
//! the build cache when atelier has one.

/// The stages of one build, in the order printed.
pub fn stages(stdout: &str) -> Vec<(String, f64)> {
    stdout
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let name = words.next()?;
            let ms = words.next()?.parse::<f64>().ok()?;
            (words.next() == Some("ms")).then(|| (name.to_string(), ms))
        })
        .collect()
}

/// How much of a build the persistent build cache (`.atelier-cache/`) served: the first
/// line of `--timings`' output that speaks of the cache and holds `N of M`
/// (`cache: 9 of 10,001 pages reused`). `None` when atelier prints no such line: the
/// build has no cache yet, or says so in other words (then adapt this parser).
pub fn cache_hits(stdout: &str) -> Option<CacheHits> {
    stdout
        .lines()
        .filter(|l| l.to_ascii_lowercase().contains("cache"))
        .find_map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let number = |w: &str| {
                w.trim_matches(|c: char| !c.is_ascii_digit())
                    .replace([',', '_'], "")
                    .parse::<u64>()
                    .ok()
            };
            words.windows(3).find_map(|w| {
                (w[1] == "of").then_some(())?;
                Some(CacheHits {
                    hits: number(w[0])?,
                    of: number(w[2])?,
                    line: l.trim().to_string(),
                })
            })
        })
}

#[derive(Debug, Clone, PartialEq)]
pub struct CacheHits {
    pub hits: u64,
    pub of: u64,
    pub line: String,
}

impl CacheHits {
    pub fn rate(&self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            self.hits as f64 / self.of as f64
        }
    }
}

/// `Built 984 pages and copied ... (177,377 warnings).` → 177377.
pub fn warnings(stdout: &str) -> Option<u64> {
    let line = stdout.lines().find(|l| l.starts_with("Built "))?;
    let (_, tail) = line.rsplit_once('(')?;
    let count = tail.split_whitespace().next()?;
    if count == "no" {
        return Some(0);
    }
    count.replace(',', "").parse().ok()
}
