//! `atelier serve` end to end: the real binary on a copy of a fixture site, over real HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common;

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
        Server::start_at(tmp, root, files, extra)
    }

    /// Serves the site copied at `root` (inside `tmp`) with more files (path, text).
    fn start_at(tmp: tempfile::TempDir, root: PathBuf, files: &[(&str, &str)], extra: &[&str]) -> Server {
        for (rel, text) in files {
            std::fs::write(root.join(rel), text).unwrap();
        }
        let mut child = Command::new(BIN)
            // Messages in English whatever the machine's locale.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
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
        // "Serving the site at <url>", or its French words with `--lang fr`.
        let url = line
            .trim()
            .split_once("http://")
            .map(|(_, rest)| format!("http://{rest}"))
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
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

    /// Sends `request` as it is on a new connection and reads the answer to its end.
    fn raw(&self, request: &[u8]) -> Vec<u8> {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        s.write_all(request).unwrap();
        let mut raw = Vec::new();
        // A server that closes while the request is still being sent resets the connection.
        let _ = s.read_to_end(&mut raw);
        raw
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
        Events::open_with(addr, "")
    }

    /// The event stream, asked for with more header lines (`Origin: ...\r\n`).
    fn open_with(addr: &str, headers: &str) -> Events {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(
            s,
            "GET /__atelier/events HTTP/1.1\r\nHost: {addr}\r\n{headers}\r\n"
        )
        .unwrap();
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
        self.wait_any(|n, v| n == name && ok(v))
    }

    /// The next event whose name and data pass `ok`, skipping others.
    fn wait_any(&self, ok: impl Fn(&str, &serde_json::Value) -> bool) -> serde_json::Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (n, data) = self
                .rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no such event in time"));
            let value: serde_json::Value = serde_json::from_str(&data).unwrap();
            if ok(&n, &value) {
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
    assert!(home.text().contains("Atelier d’essai"));
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

    // A link in `content/` to a file or folder outside the site is not followed, as `build`
    // does not follow it (an edit after them says when the preview has seen them).
    #[cfg(unix)]
    {
        let outside = server.root.parent().unwrap().join("outside.txt");
        std::fs::write(&outside, "secret outside").unwrap();
        std::os::unix::fs::symlink(&outside, server.root.join("content/outside.txt")).unwrap();
        let folder = server.root.parent().unwrap().join("outside");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("x.txt"), "secret outside").unwrap();
        std::os::unix::fs::symlink(&folder, server.root.join("content/linked")).unwrap();
        server.replace("content/startups/ada.md", "Aider enfin", "Aider toujours");
        events.reload_of("/startups/ada/");
    }

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
        ("/%c0%ae%c0%ae/site.yaml", 400),
        ("/startups/ada/%2e%2e/%2e%2e/site.yaml", 400),
        ("/.%2e/site.yaml", 400),
        ("/%252e%252e/site.yaml", 404),
        ("/site.yaml", 404),
        ("/content/startups/ada.md", 404),
        ("/themes/mini/templates/base.html", 404),
        ("/outside.txt", 404),
        ("/linked/x.txt", 404),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, status, "{path}");
        assert!(!r.text().contains("title: Atelier"), "{path} leaked a file");
        assert!(!r.text().contains("secret outside"), "{path} leaked a file");
    }
    let absolute = server.get(&format!("http://{}/../site.yaml", server.addr));
    assert_eq!(absolute.status, 400);
    assert_eq!(home.header("x-content-type-options"), Some("nosniff"));

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
        write!(s, "GET /plan-du-site/ HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).unwrap();
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
fn the_overlay_speaks_french_with_lang_fr() {
    let server = Server::start(&["--port", "0", "--lang", "fr"]);
    let events = server.events();
    events.wait("errors", |_| true);
    let script = server.get("/__atelier/live.js").text();
    assert!(
        script.contains("problèmes à corriger (les dernières pages correctes sont affichées)\u{202f}:"),
        "{script}"
    );
    assert!(!script.contains("problems to fix"), "{script}");
    // The problems shown over the page are French too, label and help included.
    server.replace("content/startups/ada.md", "mission: Aider", "mission: \"Aider");
    let broken = events.wait("errors", |v| !v["errors"].as_array().unwrap().is_empty());
    let text = broken["errors"][0]["text"].as_str().unwrap();
    assert!(
        text.starts_with("erreur\u{202f}: YAML invalide\u{202f}: "),
        "{text}"
    );
    assert!(
        text.contains("aide\u{202f}: un guillemet ouvert ici n’est jamais fermé"),
        "{text}"
    );
    let (_, stderr) = server.stop();
    assert!(stderr.contains("pages construites en mémoire"), "{stderr}");
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

/// Renames, re-creations and deletions of fiches, each sequence faster than the watcher
/// settles: after each one, once the server has published an edit made after it, the
/// served site has exactly the fiches on disk (no page left by a name that is gone, the
/// counts on the listing and the home page right).
#[test]
fn rename_storms_never_leave_a_ghost_page() {
    let server = Server::start(&["--port", "0"]);
    let events = server.events();
    events.wait("errors", |_| true);
    let dir = server.root.join("content/startups");
    let md = |name: &str| dir.join(format!("{name}.md"));
    let carto = std::fs::read_to_string(md("carto")).unwrap();
    let ada = std::fs::read_to_string(md("ada")).unwrap();
    let mv = |a: &str, b: &str| std::fs::rename(md(a), md(b)).unwrap();
    let write = |name: &str| std::fs::write(md(name), &carto).unwrap();
    let rm = |name: &str| std::fs::remove_file(md(name)).unwrap();
    let others = ["carto", "x1", "x2"];
    for i in 0..42 {
        // Each sequence starts from ada, babel and carto; the fiches left besides ada and
        // babel:
        let left: &[&str] = match i % 7 {
            0 => {
                mv("carto", "x1");
                write("carto");
                mv("carto", "x2");
                rm("x1");
                rm("x2");
                &[]
            }
            1 => {
                mv("carto", "x1");
                write("carto");
                mv("x1", "carto");
                &["carto"]
            }
            2 => {
                mv("carto", "x1");
                rm("x1");
                &[]
            }
            3 => {
                mv("carto", "x1");
                write("carto");
                mv("carto", "x2");
                &["x1", "x2"]
            }
            4 => {
                mv("carto", "x1");
                mv("x1", "x2");
                mv("x2", "carto");
                &["carto"]
            }
            5 => {
                write("x1");
                mv("x1", "carto");
                rm("carto");
                write("carto");
                &["carto"]
            }
            _ => {
                rm("carto");
                write("x1");
                mv("x1", "x2");
                &["x2"]
            }
        };
        // An edit after the sequence: once the listing shows it, the server has taken in
        // everything before it.
        let marker = format!("(version {i})");
        std::fs::write(
            md("ada"),
            ada.replacen("livres numériques.", &format!("livres numériques {marker}."), 1),
        )
        .unwrap();
        let listing = loop {
            events.reload_of("/startups/");
            let page = server.get("/startups/").text();
            if page.contains(&marker) {
                break page;
            }
        };
        for name in others {
            let want = if left.contains(&name) { 200 } else { 404 };
            let got = server.get(&format!("/startups/{name}/")).status;
            assert_eq!(got, want, "sequence {i}: /startups/{name}/");
        }
        let count = 2 + left.len();
        assert_eq!(
            listing.matches("class=carte").count(),
            count,
            "sequence {i}: the listing\n{listing}"
        );
        let home = server.get("/").text();
        assert!(
            home.contains(&format!("{count} startups, dont")),
            "sequence {i}: the home page\n{home}"
        );
        // Back to ada, babel and carto for the next sequence.
        for name in left.iter().chain(&["carto"]) {
            let _ = std::fs::remove_file(md(name));
        }
        write("carto");
    }
    let (status, stderr) = server.stop();
    assert!(status.success(), "{stderr}");
}

/// DNS rebinding: a page of another site whose name resolves to 127.0.0.1 reaches the
/// preview with that name in `Host:`, and could read the answers as its own. The preview
/// answers only the names of the address it listens on.
#[test]
fn requests_for_another_host_are_refused() {
    let server = Server::start(&["--port", "0"]);
    let port: u16 = server.addr.rsplit(':').next().unwrap().parse().unwrap();
    let get = |target: &str, headers: &str| {
        let request = format!("GET {target} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n");
        Response::parse(&server.raw(request.as_bytes()))
    };
    let ours = [
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        // Through a forwarded port (`ssh -L 8080:localhost:1111`).
        "localhost:8080".to_string(),
    ];
    for host in &ours {
        let r = get("/startups/ada/", &format!("Host: {host}\r\n"));
        assert_eq!(r.status, 200, "Host: {host}");
        assert!(r.text().contains("prêter des livres"), "Host: {host}");
    }
    let foreign = [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("192.168.1.10:{port}"),
        String::new(),
    ];
    for host in &foreign {
        for target in [
            "/startups/ada/",
            "/",
            "/__atelier/events",
            "/__atelier/live.js",
            "/style.css",
        ] {
            let r = get(target, &format!("Host: {host}\r\n"));
            assert_eq!(r.status, 421, "Host: {host} {target}");
            let text = r.text();
            assert!(
                text.contains("421\u{a0}: l’aperçu d’atelier ne répond qu’aux adresses localhost")
                    && text.contains("the atelier preview answers only to localhost"),
                "{text}"
            );
            assert!(!text.contains("prêter des livres") && !text.contains("EventSource"));
        }
    }
    let ours_line = format!("Host: 127.0.0.1:{port}\r\n");
    // An absolute URL naming another host, two `Host:` lines, none.
    assert_eq!(get("http://evil.example/startups/ada/", &ours_line).status, 421);
    assert_eq!(
        get(&format!("http://127.0.0.1:{port}/startups/ada/"), &ours_line).status,
        200
    );
    let two = get("/startups/ada/", &format!("{ours_line}Host: evil.example\r\n"));
    assert!(
        two.status == 421 || two.status == 400,
        "two Host lines: {}",
        two.status
    );
    let none = Response::parse(&server.raw(b"GET /startups/ada/ HTTP/1.0\r\n\r\n"));
    assert_eq!(none.status, 421, "no Host line");

    // The event stream, asked for by a script of another site: refused.
    let other_app = format!("http://localhost:{}", port.wrapping_add(1));
    for origin in [
        "http://evil.example",
        "null",
        &format!("http://evil.example:{port}"),
        &other_app,
    ] {
        let r = get("/__atelier/events", &format!("{ours_line}Origin: {origin}\r\n"));
        assert_eq!(r.status, 403, "Origin: {origin}");
        assert!(r.text().contains("only pages of the preview"), "{}", r.text());
    }
    // By a page of the preview: the stream.
    let events = Events::open_with(&server.addr, &format!("Origin: http://{}\r\n", server.addr));
    assert_eq!(events.wait("errors", |_| true)["errors"], serde_json::json!([]));
    assert_eq!(server.get("/").status, 200, "still serving");
}

/// Reads one answer (head and `Content-Length` body) from a kept-alive connection.
fn read_one(s: &mut TcpStream) -> Response {
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "closed before a whole answer");
        raw.extend_from_slice(&buf[..n]);
        let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let r = Response::parse(&raw);
        let len: usize = r.header("content-length").unwrap().parse().unwrap();
        if raw.len() >= end + 4 + len {
            return r;
        }
    }
}

/// Waits for the server to close `s`; returns the bytes it sent before, and when.
fn wait_closed(s: &mut TcpStream, since: Instant) -> (Vec<u8>, Duration) {
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("the server did not close the connection: {e}"),
        }
    }
    (got, since.elapsed())
}

/// Connections that hold the server without asking anything are closed after the header
/// timeout (10 s): one that never speaks, one kept alive after an answer, one that sends
/// its headers a byte at a time (slowloris). The event stream, an answer in progress, is
/// not: it still carries the next reload after that time.
#[test]
fn idle_and_slow_connections_are_closed_but_not_the_event_stream() {
    let server = Server::start(&["--port", "0"]);
    let events = server.events();
    events.wait("errors", |_| true);
    let started = Instant::now();
    let mut silent = TcpStream::connect(&server.addr).unwrap();
    let mut kept = TcpStream::connect(&server.addr).unwrap();
    for _ in 0..2 {
        write!(kept, "GET /robots.txt HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).unwrap();
        assert_eq!(read_one(&mut kept).status, 200);
    }
    let addr = server.addr.clone();
    let slow = std::thread::spawn(move || {
        let mut s = TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
        write!(s, "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ").unwrap();
        let mut buf = [0u8; 1024];
        let mut got = Vec::new();
        loop {
            assert!(started.elapsed() < Duration::from_secs(30), "never closed");
            match s.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
                Err(_) => {}
            }
            if s.write_all(b"a").is_err() {
                break;
            }
        }
        (got, started.elapsed())
    });
    let limit = Duration::from_secs(10 + 4);
    for (name, (got, after)) in [
        ("silent", wait_closed(&mut silent, started)),
        ("kept alive", wait_closed(&mut kept, started)),
        ("slowloris", slow.join().unwrap()),
    ] {
        assert!(after < limit, "{name}: closed after {after:?}");
        assert!(
            after > Duration::from_secs(5),
            "{name}: closed too soon, after {after:?}"
        );
        let got = String::from_utf8_lossy(&got);
        assert!(!got.contains("200 OK"), "{name}: {got}");
    }
    // The event stream, open since before, still carries reloads.
    server.replace(
        "content/startups/ada.md",
        "prêter des livres",
        "prêter des disques",
    );
    events.reload_of("/startups/ada/");
    assert!(server.get("/startups/ada/").text().contains("prêter des disques"));
}

/// Headers too long or too many: refused, and the server goes on.
#[test]
fn oversized_requests_are_refused() {
    let server = Server::start(&["--port", "0"]);
    let big = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nX-Big: {}\r\n\r\n",
        server.addr,
        "a".repeat(1 << 20)
    );
    let many = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\n{}\r\n",
        server.addr,
        (0..1000).map(|i| format!("X-{i}: a\r\n")).collect::<String>()
    );
    for request in [big, many] {
        let raw = server.raw(request.as_bytes());
        let head = String::from_utf8_lossy(&raw[..raw.len().min(64)]).into_owned();
        assert!(raw.is_empty() || head.starts_with("HTTP/1.1 431"), "{head}");
    }
    let long_path = format!("/{}", "a/".repeat(100_000));
    assert!(matches!(server.get(&long_path).status, 404 | 414 | 431 | 400));
    assert_eq!(server.get("/").status, 200);
}

/// Files `build` refuses, or that once killed the preview, saved while it runs: it keeps
/// serving, shows the problem over the pages when there is one, and takes the page back
/// once the file is fixed.
#[test]
fn the_preview_survives_every_broken_file_and_recovers_when_it_is_fixed() {
    let server = Server::start(&["--port", "0"]);
    let events = server.events();
    events.wait("errors", |_| true);
    let head = "---\ntitle: Pathos\nmission: Éprouver l'aperçu.\nincubator: essai\n\
                contact: p@example.fr\nphases:\n  - name: investigation\n    start: 2025-01-15\n---\n";
    let bomb = "---\ntitle: Pathos\na: &a [x, x, x, x, x, x, x, x, x]\n".to_string()
        + &(b'b'..=b'i')
            .map(|c| {
                let prev = (c - 1) as char;
                let c = c as char;
                format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n")
            })
            .collect::<String>()
        + "---\n";
    let mut invalid_utf8 = head.as_bytes().to_vec();
    invalid_utf8.extend_from_slice(b"caf\xe9 \xff\xfe\n");
    let cases: Vec<(&str, Vec<u8>, bool)> = vec![
        // (what, bytes, whether `build` reports an error for it today)
        ("invalid UTF-8", invalid_utf8, true),
        ("binary", (0..=255u8).cycle().take(25_600).collect(), true),
        (
            "unclosed front matter",
            b"---\ntitle: Pathos\nmission: x\n".to_vec(),
            true,
        ),
        (
            "YAML nested 5,000 deep",
            format!("---\ntitle: {}{}\n---\n", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
            true,
        ),
        ("YAML alias bomb", bomb.into_bytes(), true),
        // Deep nesting: a stack overflow in the minifier ended the preview; the nesting limit
        // of the loader (`content::limits`) makes it an error.
        (
            "blockquote 5,000 deep",
            format!("{head}{} fond\n", ">".repeat(5000)).into_bytes(),
            true,
        ),
        (
            "list 5,000 deep",
            format!("{head}{}fond\n", "- ".repeat(5000)).into_bytes(),
            true,
        ),
        (
            "emphasis 10,000 deep",
            format!("{head}{}fond{}\n", "*".repeat(10_000), "*".repeat(10_000)).into_bytes(),
            true,
        ),
        (
            "HTML 5,000 deep",
            format!("{head}{}fond{}\n", "<div>".repeat(5000), "</div>".repeat(5000)).into_bytes(),
            true,
        ),
    ];
    let file = server.root.join("content/startups/pathos.md");
    for (i, (what, bytes, error)) in cases.into_iter().enumerate() {
        std::fs::write(&file, &bytes).unwrap();
        if error {
            events.wait("errors", |v| {
                v["errors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|e| e["path"] == "content/startups/pathos.md")
            });
        } else {
            // Served as it is, or refused with an error: either way, an answer.
            events.wait_any(|_, v| {
                let named = |key: &str, want: &str| {
                    v[key]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x == want || x == "*" || x["path"] == want))
                };
                named("paths", "/startups/pathos/") || named("errors", "content/startups/pathos.md")
            });
        }
        assert_eq!(server.get("/").status, 200, "{what}: the preview answers");
        assert_eq!(server.get("/startups/ada/").status, 200, "{what}");
        // Fixed: the page is back, without a problem.
        let fixed = format!("{head}Version {i} réparée.\n");
        std::fs::write(&file, fixed).unwrap();
        loop {
            events.reload_of("/startups/pathos/");
            if server
                .get("/startups/pathos/")
                .text()
                .contains(&format!("Version {i} réparée."))
            {
                break;
            }
        }
        if error {
            let errors = events.wait("errors", |_| true);
            assert_eq!(errors["errors"], serde_json::json!([]), "{what}: fixed");
        }
    }
    // A name with a line break is refused by name (`content::limits`); the other pages stay,
    // and the problem goes with the file.
    let odd = server.root.join("content/startups/deux\nlignes.md");
    std::fs::write(&odd, format!("{head}Drôle de nom.\n")).unwrap();
    let named = |v: &serde_json::Value| {
        v["errors"].as_array().unwrap().iter().any(|e| {
            e["path"]
                .as_str()
                .is_some_and(|p| p.starts_with("content/startups/deux"))
        })
    };
    events.wait("errors", named);
    assert_eq!(server.get("/startups/ada/").status, 200);
    std::fs::remove_file(&odd).unwrap();
    events.wait("errors", |v| !named(v));
    std::fs::remove_file(&file).unwrap();
    events.reload_of("/startups/pathos/");
    assert_eq!(server.get("/startups/pathos/").status, 404);
    assert_eq!(server.get("/startups/ada/").status, 200);
    let (status, stderr) = server.stop();
    assert!(status.success(), "{stderr}");
}

/// A fiche written by `atelier new` is a draft: the preview serves it with the shipped
/// theme's notice, and `build` of the same site publishes nothing of it: no page, no card,
/// no line in the sitemap, the site map page, the home page or the API.
#[test]
fn a_new_fiche_is_a_draft_served_with_its_notice_and_never_built() {
    let site = common::real_site();
    let root = site.root().to_path_buf();
    let new = site.run(&["new", "startup", "essai-brouillon", "--date", "2026-05-01"]);
    assert_eq!(new.code, 0, "{}", new.stderr);

    // The server owns a temporary folder of its own: `site` outlives it, for the build.
    let server = Server::start_at(tempfile::tempdir().unwrap(), root.clone(), &[], &[]);
    let page = server.get("/startups/essai-brouillon/");
    assert_eq!(page.status, 200);
    let html = String::from_utf8_lossy(&page.body).into_owned();
    assert!(html.contains("Essai brouillon"), "{html}");
    assert!(
        html.contains("id=\"brouillon\"") || html.contains("id=brouillon"),
        "{html}"
    );
    assert!(
        html.contains("Brouillon\u{202f}: cette page n’est pas publiée"),
        "{html}"
    );
    let published = String::from_utf8_lossy(&server.get("/a-propos/").body).into_owned();
    assert!(published.contains("<h1"), "{published}");
    assert!(
        !published.contains("Brouillon\u{202f}: cette page"),
        "{published}"
    );
    server.stop();

    common::build_real_site(&root, &["--date", "2026-06-01"]);
    let out = root.join("public");
    assert!(out.join("startups/index.html").is_file());
    assert!(!out.join("startups/essai-brouillon").exists());
    for file in [
        "sitemap.xml",
        "plan-du-site/index.html",
        "index.html",
        "startups/index.html",
        "api/startups.json",
    ] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(!text.contains("essai-brouillon"), "{file}");
        assert!(!text.contains("Essai brouillon"), "{file}");
    }
}

/// What `build` refuses after loading (the checks that read the documents: phases in
/// order, addresses) shows in the preview as soon as the file is saved, not first in CI.
#[test]
fn the_preview_names_what_the_build_would_refuse() {
    let server = Server::start(&["--port", "0"]);
    let events = server.events();
    assert_eq!(events.wait("errors", |_| true)["errors"], serde_json::json!([]));
    server.replace(
        "content/startups/ada.md",
        "    start: 2024-01-15\n",
        "    start: 2024-01-15\n    end: 2023-01-01\n",
    );
    let shown = events.wait("errors", |v| !v["errors"].as_array().unwrap().is_empty());
    let e = &shown["errors"][0];
    assert_eq!(e["path"], "content/startups/ada.md");
    assert_eq!(e["line"], 14, "{e}");
    assert!(e["text"].as_str().unwrap().contains("before it starts"), "{e}");
    // The build says the same.
    let built = Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(["build", "--root"])
        .arg(&server.root)
        .arg("--output")
        .arg(server.root.join("out"))
        .output()
        .unwrap();
    assert!(!built.status.success());
    assert!(String::from_utf8_lossy(&built.stderr).contains("before it starts"));
    server.replace("content/startups/ada.md", "    end: 2023-01-01\n", "");
    events.wait("errors", |v| v["errors"].as_array().unwrap().is_empty());
}
