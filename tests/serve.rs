//! `atelier serve` end to end: the real binary on a copy of a fixture site, over real HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve-site");
const BIN: &str = env!("CARGO_BIN_EXE_atelier");
const SCRIPT_TAG: &str = "<script src=\"/__atelier/live.js\" defer></script>";
const WAIT: Duration = Duration::from_secs(20);

/// `style.0c0b6c3b22.css` → `style.css`: the names of `build`'s hashed assets, as `serve`
/// writes them.
fn unhash(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let hashed = b[i] == b'.'
            && b.len() > i + 11
            && b[i + 11] == b'.'
            && b[i + 1..i + 11]
                .iter()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
            && b[i + 12..].first().is_some_and(u8::is_ascii_alphabetic);
        if hashed {
            i += 11;
        } else {
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + len]);
            i += len;
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A running `atelier serve` on a copy of the fixture site; stopped (SIGTERM) on drop.
struct Server {
    child: Child,
    addr: String,
    root: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        Server::start_with(&[], extra)
    }

    /// Serves the fixture site with more files (path, text).
    fn start_with(files: &[(&str, &str)], extra: &[&str]) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(Path::new(FIXTURE), &root);
        for (rel, text) in files {
            std::fs::write(root.join(rel), text).unwrap();
        }
        let mut child = Command::new(BIN)
            .args(["serve", "--date", "2026-06-01", "--root"])
            .arg(&root)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let url = line
            .trim()
            .strip_prefix("Serving the site at ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_string();
        let addr = url
            .strip_prefix("http://")
            .and_then(|u| u.strip_suffix('/'))
            .unwrap()
            .to_string();
        Server {
            child,
            addr,
            root,
            _tmp: tmp,
        }
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.root.join(rel), text).unwrap();
    }

    fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        assert!(text.contains(from), "`{from}` in {rel}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// One raw HTTP/1.1 request, the path sent exactly as given.
    fn request(&self, method: &str, path: &str) -> Response {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        Response::parse(&raw)
    }

    fn get(&self, path: &str) -> Response {
        self.request("GET", path)
    }

    fn events(&self) -> Events {
        Events::open(&self.addr)
    }

    fn stop(mut self) -> (std::process::ExitStatus, String) {
        terminate(&self.child);
        let status = wait_exit(&mut self.child);
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        (status, err)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn terminate(child: &Child) {
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -TERM");
}

fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the server did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&raw[..end]).into_owned();
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = raw[end + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v == "chunked")
        {
            body = dechunk(&body);
        }
        Response {
            status,
            headers,
            body,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&data[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
    out
}

/// The live-reload event stream, read on a thread: (event name, data) pairs.
struct Events {
    rx: mpsc::Receiver<(String, String)>,
}

impl Events {
    fn open(addr: &str) -> Events {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(s, "GET /__atelier/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(s).lines() {
                let Ok(line) = line else { break };
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    if tx.send((std::mem::take(&mut name), d.to_string())).is_err() {
                        break;
                    }
                }
            }
        });
        Events { rx }
    }

    /// The next event named `name` whose data passes `ok`, skipping others.
    fn wait(&self, name: &str, ok: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (n, data) = self
                .rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no `{name}` event in time"));
            let value: serde_json::Value = serde_json::from_str(&data).unwrap();
            if n == name && ok(&value) {
                return value;
            }
        }
    }

    fn reload_of(&self, path: &str) -> serde_json::Value {
        self.wait("reload", |v| {
            v["paths"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p == path || p == "*")
        })
    }
}

#[test]
fn serve_previews_edits_deletions_and_errors_over_http() {
    let server = Server::start(&["--port", "0"]);
    let events = server.events();
    let first = events.wait("errors", |_| true);
    assert_eq!(first["errors"], serde_json::json!([]), "no problem at first");

    // Pages, with the live-reload script added.
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(home.text().contains("Atelier d'essai"));
    assert!(home.text().contains(SCRIPT_TAG));
    let ada = server.get("/startups/ada/");
    assert!(
        ada.text()
            .contains("Aider les bibliothèques à prêter des livres numériques.")
    );
    assert_eq!(
        server.get("/startups/ada").status,
        308,
        "a folder without its slash"
    );
    let script = server.get("/__atelier/live.js");
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.text().contains("EventSource(\"/__atelier/events\")"));

    // An edit: the reload event names the page, which has the new text.
    server.replace(
        "content/startups/ada.md",
        "prêter des livres",
        "prêter des liseuses",
    );
    events.reload_of("/startups/ada/");
    assert!(
        server
            .get("/startups/ada/")
            .text()
            .contains("prêter des liseuses")
    );
    // The listing follows, in a second wave once the edited page is out.
    events.reload_of("/startups/");
    assert!(server.get("/startups/").text().contains("prêter des liseuses"));

    // A YAML error: the overlay payload names the file, line and column, with the line.
    server.replace("content/startups/ada.md", "mission: Aider", "mission: \"Aider");
    let broken = events.wait("errors", |v| !v["errors"].as_array().unwrap().is_empty());
    let e = &broken["errors"][0];
    assert_eq!(e["path"], "content/startups/ada.md");
    assert_eq!(e["line"], 3);
    assert!(e["col"].as_u64().unwrap() >= 1);
    let text = e["text"].as_str().unwrap();
    assert!(text.contains("--> content/startups/ada.md:3:"), "{text}");
    assert!(text.contains("mission: \"Aider les"), "{text}");
    assert!(
        text.contains("help: a quote opened here is never closed"),
        "{text}"
    );
    let kept = server.get("/startups/ada/");
    assert_eq!(kept.status, 200);
    assert!(
        kept.text().contains("prêter des liseuses"),
        "the last good page is served"
    );

    // Fixed: the overlay goes away.
    server.replace(
        "content/startups/ada.md",
        "mission: \"Aider",
        "mission: Aider enfin",
    );
    // (The reload event comes first, then the empty list of problems.)
    events.reload_of("/startups/ada/");
    events.wait("errors", |v| v["errors"].as_array().unwrap().is_empty());
    assert!(server.get("/startups/ada/").text().contains("Aider enfin"));

    // A deleted startup: 404 with the site's page, and the listing without it.
    std::fs::remove_file(server.root.join("content/startups/carto.md")).unwrap();
    events.reload_of("/startups/carto/");
    let gone = server.get("/startups/carto/");
    assert_eq!(gone.status, 404);
    assert!(gone.text().contains("Page non trouvée"), "{}", gone.text());
    assert!(gone.text().contains(SCRIPT_TAG));
    events.reload_of("/startups/");
    assert!(!server.get("/startups/").text().contains("Carto"));

    // A renamed startup moves to its new address.
    std::fs::rename(
        server.root.join("content/startups/babel.md"),
        server.root.join("content/startups/babel-traduction.md"),
    )
    .unwrap();
    events.reload_of("/startups/babel-traduction/");
    assert_eq!(server.get("/startups/babel/").status, 404);
    let moved = server.get("/startups/babel-traduction/");
    assert_eq!(moved.status, 200);
    events.reload_of("/startups/");
    assert!(moved.text().contains("Traduire les notices"));
    assert!(
        server
            .get("/startups/")
            .text()
            .contains("/startups/babel-traduction/")
    );

    // Editor leftovers make no page and no error.
    server.write("content/startups/.ada.md.swp", "\u{0}binary");
    server.write("content/startups/ada.md~", "---\nnot: [valid\n");
    server.write("content/startups/ada.md___jb_tmp___", "---\n");
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(server.get("/startups/ada.md~").status, 404);
    assert!(server.get("/").text().contains(SCRIPT_TAG));

    // Nothing outside the site, whatever the spelling.
    for (path, status) in [
        ("/../site.yaml", 400),
        ("/%2e%2e/%2e%2e/etc/passwd", 400),
        ("/startups/..%2f..%2fsite.yaml", 400),
        ("/startups%2f..%2f..%2fsite.yaml", 400),
        ("/startups%5c..%5csite.yaml", 400),
        ("/startups\\..\\site.yaml", 400),
        ("/index.html%00.txt", 400),
        ("//etc/passwd", 400),
        ("/site.yaml", 404),
        ("/content/startups/ada.md", 404),
        ("/themes/mini/templates/base.html", 404),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, status, "{path}");
        assert!(!r.text().contains("title: Atelier"), "{path} leaked a file");
    }

    // Methods, content types.
    let post = server.request("POST", "/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
    let head = server.request("HEAD", "/startups/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        server.get("/style.css").header("content-type"),
        Some("text/css; charset=utf-8")
    );
    let logo = server.get("/images/logo.svg");
    assert_eq!(logo.status, 200);
    assert_eq!(logo.header("content-type"), Some("image/svg+xml; charset=utf-8"));
    assert!(!logo.text().contains("__atelier"));

    // A changed stylesheet reloads the open pages.
    server.write("themes/mini/static/style.css", "body { color: navy; }\n");
    events.wait("reload", |v| v["paths"] == serde_json::json!(["*"]));
    assert!(server.get("/style.css").text().contains("navy"));

    // A client that leaves mid-response disturbs nothing.
    for _ in 0..20 {
        let mut s = TcpStream::connect(&server.addr).unwrap();
        write!(s, "GET /plan-du-site/ HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut buf = [0u8; 16];
        let _ = s.read(&mut buf);
    }
    assert_eq!(server.get("/").status, 200);

    // SIGTERM stops it cleanly.
    drop(events);
    let (status, stderr) = server.stop();
    assert!(status.success(), "exit status {status}; stderr:\n{stderr}");
    assert!(stderr.contains("Stopped."), "{stderr}");
}

/// The search index is made in the background: the server answers before it is done, and
/// an edit reaches the index a moment after the edited page reloads.
#[test]
fn the_search_index_follows_edits() {
    let search = [
        ("themes/mini/templates/search.html", "{% extends \"base.html\" %}"),
        (
            "content/recherche.md",
            "---\ntitle: Rechercher\ntemplate: search.html\n---\n",
        ),
    ];
    let server = Server::start_with(&search, &["--port", "0"]);
    let events = server.events();
    // Pagefind's entry file names the current index by a hash of its words.
    let entry = || {
        let deadline = Instant::now() + WAIT;
        loop {
            let r = server.get("/pagefind/pagefind-entry.json");
            if r.status == 200 {
                return r.text();
            }
            assert!(Instant::now() < deadline, "no search index in time");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let before = entry();
    assert!(before.contains("\"fr\""), "{before}");

    server.replace(
        "content/startups/ada.md",
        "manquent d'outils",
        "manquent d'outils à Zanzibar",
    );
    events.reload_of("/startups/ada/");
    events.wait("reload", |v| {
        v["paths"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "/pagefind/pagefind-entry.json")
    });
    assert_ne!(entry(), before, "the index changed with the edit");
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::start(&["--port", &port.to_string()]);
    let got: u16 = server.addr.rsplit(':').next().unwrap().parse().unwrap();
    assert_ne!(got, port);
    assert_eq!(server.get("/").status, 200);
    let (_, stderr) = server.stop();
    assert!(
        stderr.contains(&format!("Port {port} is taken; using port {got} instead.")),
        "{stderr}"
    );
}

#[test]
fn a_non_loopback_address_is_warned_about() {
    let server = Server::start(&["--port", "0", "--bind", "0.0.0.0"]);
    let (_, stderr) = server.stop();
    assert!(stderr.contains("warning: serving on 0.0.0.0"), "{stderr}");
}

/// 500 rapid saves across several files; then the served site is the site a fresh
/// `atelier build` makes of the same files, and the server still answers.
#[test]
fn after_500_rapid_saves_the_served_site_equals_a_fresh_build() {
    let server = Server::start(&["--port", "0"]);
    let files = [
        ("content/startups/ada.md", "prêter des livres numériques"),
        ("content/startups/babel.md", "Traduire les notices"),
        ("content/startups/carto.md", "Cartographier les lieux"),
        ("content/a-propos.md", "Notre rôle"),
        ("content/organisations/mc.md", "politique culturelle"),
        ("content/actualites/2026-01-10-lancement.md", "premières startups"),
    ];
    let originals: Vec<String> = files
        .iter()
        .map(|(f, _)| std::fs::read_to_string(server.root.join(f)).unwrap())
        .collect();
    for i in 0..500 {
        let k = i % files.len();
        let (file, anchor) = files[k];
        let text = originals[k].replacen(anchor, &format!("{anchor} (version {i})"), 1);
        // Some saves go through a temporary file renamed into place, as many editors do.
        if i % 3 == 0 {
            let tmp = server.root.join(format!("{file}___jb_tmp___"));
            std::fs::write(&tmp, &text).unwrap();
            std::fs::rename(&tmp, server.root.join(file)).unwrap();
        } else {
            server.write(file, &text);
        }
        if i % 50 == 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    // A startup created then deleted during the burst leaves no page.
    server.write(
        "content/startups/ephemere.md",
        "---\ntitle: Éphémère\nmission: Passer.\nincubator: essai\ncontact: e@example.fr\n---\n",
    );
    std::fs::remove_file(server.root.join("content/startups/ephemere.md")).unwrap();

    let out = server.root.parent().unwrap().join("fresh");
    let build = Command::new(BIN)
        .args(["build", "--date", "2026-06-01", "--quiet", "--root"])
        .arg(&server.root)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let built: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        // `build`'s record of what it wrote is not a page of the site.
        .filter(|e| e.file_type().is_file() && e.file_name() != ".atelier-manifest")
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(e.path()).unwrap();
            // `build` gives assets content-hashed names; the preview keeps the plain ones.
            let bytes = match String::from_utf8(bytes) {
                Ok(text) => unhash(&text).into_bytes(),
                Err(e) => e.into_bytes(),
            };
            (unhash(&rel), bytes)
        })
        .collect();
    assert!(built.len() > 15, "{} files built", built.len());

    // The server catches up with the last saves within a moment.
    let deadline = Instant::now() + WAIT;
    let mismatch = loop {
        let mismatch = built.iter().find_map(|(rel, bytes)| {
            let url = format!("/{}", rel.strip_suffix("index.html").unwrap_or(rel));
            let r = server.get(&url);
            let served = r.text().replacen(SCRIPT_TAG, "", 1);
            let same = if rel.ends_with(".html") {
                served.as_bytes() == bytes.as_slice()
            } else {
                r.body == *bytes
            };
            (r.status != 200 || !same).then(|| format!("{url}: status {}\n{served}", r.status))
        });
        match mismatch {
            None => break None,
            Some(m) if Instant::now() > deadline => break Some(m),
            Some(_) => std::thread::sleep(Duration::from_millis(200)),
        }
    };
    assert_eq!(mismatch, None, "the served site differs from a fresh build");
    assert_eq!(server.get("/startups/ephemere/").status, 404);
    let (status, stderr) = server.stop();
    assert!(status.success(), "{stderr}");
}
