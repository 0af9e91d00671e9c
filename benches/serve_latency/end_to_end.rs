//! End to end, as an editor sees it: `atelier serve` (the release binary) on a copy of a
//! site, a client on its event stream (the one the pages' live-reload script listens to),
//! and a fiche saved the way editors' tools save: written in place, or written to a
//! temporary file renamed over it (gedit's `.goutputstream-*`). The clock runs from the
//! save to the `reload` event arriving at the client: the watcher's wait for the save to
//! settle, the rebuild and the HTTP stream included.
//!
//! After each reload, the round waits for the search index (made again in the background
//! after every edit) to be published, so that one save is measured at a time on an idle
//! server. `ATELIER_BASELINE=/path/to/atelier` measures that binary too, in alternate
//! blocks with this tree's, for before/after figures from the same hour.
//!
//! Measured with `ATELIER_ROUNDS=30`, the binary of `0832749` (a fixed 50 ms wait after
//! the last event) as baseline against `watch::debounce` (2 ms once the save is whole),
//! 2 cores shared with other builds (load average 4–8), medians and p90 in ms:
//!
//! | site | save | before | after |
//! |---|---|---:|---:|
//! | repository (78 pages) | in place | 53.3 / 60.2 | 7.9 / 26.5 |
//! | repository | temporary file renamed | 54.2 / 55.2 | 5.7 / 7.1 |
//! | corpus (981 pages) | in place | 61.8 / 70.7 | 14.1 / 28.2 |
//! | corpus | temporary file renamed | 62.9 / 68.8 | 16.0 / 26.6 |
//!
//! Every save made one rebuild, before and after.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// The longest a round waits for the reload, then for the search index.
const WAIT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy)]
pub enum Save {
    InPlace,
    Rename,
}

impl Save {
    pub fn name(self) -> &'static str {
        match self {
            Save::InPlace => "written in place",
            Save::Rename => "temporary file renamed",
        }
    }

    fn write(self, file: &Path, text: &str, round: usize) {
        match self {
            Save::InPlace => std::fs::write(file, text).unwrap(),
            Save::Rename => {
                let tmp = file.with_file_name(format!(".goutputstream-{round:06X}"));
                std::fs::write(&tmp, text).unwrap();
                std::fs::rename(&tmp, file).unwrap();
            }
        }
    }
}

/// What the client and the server's terminal saw of the rounds.
#[derive(Default)]
pub struct Figures {
    /// From the save to the first `reload` event.
    pub reload: Vec<Duration>,
    /// Rebuilds `serve` reported per save (one when the save made one batch).
    pub rebuilds: Vec<usize>,
    /// Rounds whose search index was not published in time.
    pub no_search: usize,
}

impl Figures {
    pub fn line(&self, what: &str) -> String {
        let mut t = self.reload.clone();
        t.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let pct = |p: usize| ms(t[(t.len() * p / 100).min(t.len() - 1)]);
        let max_rebuilds = self.rebuilds.iter().max().copied().unwrap_or(0);
        let single = self.rebuilds.iter().filter(|&&n| n == 1).count();
        format!(
            "  {what:<58} median {:>6.1} ms  p90 {:>6.1} ms  min {:>5.1}  max {:>6.1} | one rebuild in {single}/{} saves (at most {max_rebuilds}){}",
            pct(50),
            pct(90),
            ms(t[0]),
            ms(t[t.len() - 1]),
            self.rebuilds.len(),
            if self.no_search > 0 {
                format!(" | {} rounds without a search index in time", self.no_search)
            } else {
                String::new()
            },
        )
    }

    pub fn extend(&mut self, more: Figures) {
        self.reload.extend(more.reload);
        self.rebuilds.extend(more.rebuilds);
        self.no_search += more.no_search;
    }
}

/// A line the server wrote (to stderr) or an event of its stream, with when it came.
enum Seen {
    Line(String),
    Event { name: String, data: String },
}

/// `atelier serve` running on a site, with what it says and sends read on threads.
pub struct Server {
    child: Child,
    seen: Receiver<(Instant, Seen)>,
    /// What the server said of its first build (`Built 984 pages in memory in 2100 ms.`).
    pub built: String,
}

impl Server {
    pub fn start(bin: &Path, root: &Path) -> Server {
        let mut child = Command::new(bin)
            .args(["serve", "--port", "0", "--date", "2026-08-01", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let addr = line
            .trim()
            .split_once("http://")
            .map(|(_, addr)| addr) // the first line, in whatever language
            .and_then(|u| u.split('/').next())
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_string();
        let (tx, seen) = channel();
        let lines = tx.clone();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = lines.send((Instant::now(), Seen::Line(line)));
            }
        });
        let mut s = TcpStream::connect(&addr).unwrap();
        s.set_nodelay(true).unwrap();
        write!(s, "GET /__atelier/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                let now = Instant::now();
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    let event = Seen::Event {
                        name: std::mem::take(&mut name),
                        data: d.to_string(),
                    };
                    if tx.send((now, event)).is_err() {
                        break;
                    }
                }
            }
        });
        let mut server = Server {
            child,
            seen,
            built: String::new(),
        };
        // Ready once the stream has sent the current problems and the first search index
        // is published.
        let mut seen = server
            .until(|s| matches!(s, Seen::Event { name, .. } if name == "errors"))
            .expect("the event stream");
        seen.extend(server.until(is_search).unwrap_or_default());
        seen.extend(server.quiet(Duration::from_millis(300)));
        server.built = seen
            .into_iter()
            .find_map(|(_, s)| match s {
                Seen::Line(l) if l.starts_with("Built ") => Some(l),
                _ => None,
            })
            .unwrap_or_default();
        server
    }

    /// Waits for what passes `ok`; what came before it is returned with it.
    fn until(&self, ok: impl Fn(&Seen) -> bool) -> Option<Vec<(Instant, Seen)>> {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.seen.recv_timeout(left) {
                Ok((t, s)) => {
                    let done = ok(&s);
                    seen.push((t, s));
                    if done {
                        return Some(seen);
                    }
                }
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => panic!("the server stopped"),
            }
        }
    }

    /// Waits until nothing came for `pause`; returns what came meanwhile.
    fn quiet(&self, pause: Duration) -> Vec<(Instant, Seen)> {
        self.seen
            .try_iter()
            .chain(std::iter::from_fn(|| self.seen.recv_timeout(pause).ok()))
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_search(s: &Seen) -> bool {
    matches!(s, Seen::Event { name, data } if name == "reload" && data.contains("/pagefind/"))
}

/// Saves `file` `rounds` times with `save` on the running server and times each reload.
pub fn rounds(server: &Server, file: &Path, save: Save, rounds: usize, seed: usize) -> Figures {
    let original = std::fs::read_to_string(file).unwrap();
    let mut f = Figures::default();
    for round in 0..rounds {
        let text = format!("{original}\nUne phrase de plus ({seed}-{round}).\n");
        // The clock starts as the save begins (writing a fiche takes microseconds): started
        // once it returned, it read 0 ms whenever this thread was preempted for longer
        // than the server took, which a loaded machine does.
        let saved = Instant::now();
        save.write(file, &text, round);
        let reload = |s: &Seen| matches!(s, Seen::Event { name, .. } if name == "reload") && !is_search(s);
        let Some(seen) = server.until(reload) else {
            panic!("no reload event {WAIT:?} after saving {}", file.display());
        };
        let reloaded = seen.last().unwrap().0;
        let mut seen: Vec<Seen> = seen.into_iter().map(|(_, s)| s).collect();
        match server.until(is_search) {
            Some(more) => seen.extend(more.into_iter().map(|(_, s)| s)),
            None => f.no_search += 1,
        }
        seen.extend(
            server
                .quiet(Duration::from_millis(100))
                .into_iter()
                .map(|(_, s)| s),
        );
        let rebuilds = seen
            .iter()
            .filter(|s| matches!(s, Seen::Line(l) if l.starts_with("Rebuilt ")))
            .count();
        f.reload.push(reloaded.saturating_duration_since(saved));
        f.rebuilds.push(rebuilds);
    }
    std::fs::write(file, original).unwrap();
    server.until(is_search);
    server.quiet(Duration::from_millis(300));
    f
}

/// A binary to measure, and what to call it.
pub struct Binary {
    pub name: String,
    pub path: PathBuf,
}

/// This tree's binary, and the one in `ATELIER_BASELINE` when given.
pub fn binaries() -> Vec<Binary> {
    let mut out = Vec::new();
    if let Some(path) = std::env::var_os("ATELIER_BASELINE").filter(|p| !p.is_empty()) {
        out.push(Binary {
            name: "baseline".into(),
            path: PathBuf::from(path),
        });
    }
    out.push(Binary {
        name: "this tree".into(),
        path: PathBuf::from(env!("CARGO_BIN_EXE_atelier")),
    });
    out
}

/// Measures every binary on the site at `root`, `file` saved `rounds` times each way per
/// binary, in two alternate blocks per binary.
pub fn bench(name: &str, root: &Path, file: &Path, rounds_each: usize) {
    let bins = binaries();
    let saves = [Save::InPlace, Save::Rename];
    let mut figures: Vec<Vec<Figures>> = bins
        .iter()
        .map(|_| saves.iter().map(|_| Figures::default()).collect())
        .collect();
    let blocks = 2;
    let mut built = String::new();
    for block in 0..blocks {
        for (b, bin) in bins.iter().enumerate() {
            let server = Server::start(&bin.path, root);
            built.clone_from(&server.built);
            for (s, save) in saves.iter().enumerate() {
                let n = rounds_each / blocks + usize::from(block < rounds_each % blocks);
                // One round first, not counted: the first rebuild fills caches.
                rounds(&server, file, *save, 1, 0);
                let f = rounds(&server, file, *save, n, 1 + block * 10 + b);
                figures[b][s].extend(f);
            }
        }
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{name}, end to end ({}; {rounds_each} saves per row; load average {}):",
        built.trim_end_matches('.'),
        load.split(' ').take(3).collect::<Vec<_>>().join(" ")
    );
    for (s, save) in saves.iter().enumerate() {
        for (b, bin) in bins.iter().enumerate() {
            println!(
                "{}",
                figures[b][s].line(&format!("{}, {}", save.name(), bin.name))
            );
        }
    }
}
