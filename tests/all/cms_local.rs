//! The CMS's local backend in `atelier serve` (`POST /api/v1`), end to end: the real binary
//! on a copy of a fixture site, spoken to over HTTP as Decap CMS does
//! (`decap-cms-backend-proxy`: a JSON body `{action, params}`, from a page of the preview).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve-site");
use crate::common;
const WAIT: Duration = Duration::from_secs(20);

/// A running `atelier serve` on a copy of the fixture site (in `tmp/site`, so that
/// `tmp/outside` is a folder next to the site); killed on drop.
struct Preview {
    child: Child,
    addr: String,
    root: PathBuf,
    tmp: tempfile::TempDir,
}

impl Preview {
    fn start(extra: &[&str]) -> Preview {
        Preview::start_env(extra, &[])
    }

    /// [`Preview::start`] with `env` set, in English unless `env` says otherwise.
    fn start_env(extra: &[&str], env: &[(&str, &str)]) -> Preview {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        common::copy_tree(std::path::Path::new(FIXTURE), &root);
        std::fs::create_dir_all(tmp.path().join("outside")).unwrap();
        std::fs::write(tmp.path().join("outside/secret.md"), "secret\n").unwrap();
        let mut args: Vec<&std::ffi::OsStr> = ["--date", "2026-06-01", "--port", "0", "--root"]
            .iter()
            .map(std::ffi::OsStr::new)
            .collect();
        args.push(root.as_os_str());
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        let (child, addr) = common::serve(&args, env);
        Preview {
            child,
            addr,
            root,
            tmp,
        }
    }

    /// Sends a whole request and reads the answer: status and body.
    fn send(&self, request: &[u8]) -> (u16, Vec<u8>) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        // A server that answers before the whole body is sent may reset the connection.
        let _ = s.write_all(request);
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let head_end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no answer: {:?}", String::from_utf8_lossy(&raw)));
        let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        let mut body = raw[head_end + 4..].to_vec();
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
            body = unchunk(&body);
        }
        (status, body)
    }

    /// A POST to the API with the given header lines (each ending in `\r\n`).
    fn post_with(&self, headers: &str, body: &[u8]) -> (u16, Value) {
        let mut req = format!(
            "POST /api/v1 HTTP/1.1\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        req.extend_from_slice(body);
        let (status, body) = self.send(&req);
        let value = serde_json::from_slice(&body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
        (status, value)
    }

    /// A POST as the CMS opened on the preview sends it.
    fn post(&self, action: &str, params: Value) -> (u16, Value) {
        let body = json!({ "action": action, "params": params }).to_string();
        self.post_with(&self.cms_headers(), body.as_bytes())
    }

    fn cms_headers(&self) -> String {
        format!(
            "Host: {0}\r\nOrigin: http://{0}\r\nContent-Type: application/json; charset=utf-8\r\n",
            self.addr
        )
    }

    fn get(&self, path: &str) -> (u16, String) {
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        );
        let (status, body) = self.send(req.as_bytes());
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    /// The page at `path` once `ok` holds for it (the preview rebuilds after a save).
    fn page_when(&self, path: &str, ok: impl Fn(u16, &str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let (status, body) = self.get(path);
            if ok(status, &body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never became as expected; last: {status} {body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.root.join(rel)).unwrap()
    }

    fn outside(&self) -> PathBuf {
        self.tmp.path().join("outside")
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = body.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(std::str::from_utf8(&body[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[eol + 2..eol + 2 + size]);
        body = &body[eol + 4 + size..];
    }
}

/// The preview's event stream, read on a thread: (event name, data).
fn events(addr: &str) -> mpsc::Receiver<(String, Value)> {
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
                let value = serde_json::from_str(d).unwrap_or(Value::Null);
                if tx.send((std::mem::take(&mut name), value)).is_err() {
                    break;
                }
            }
        }
    });
    rx
}

/// The next `errors` event whose list passes `ok`.
fn errors_when(rx: &mpsc::Receiver<(String, Value)>, ok: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let deadline = Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let (name, data) = rx.recv_timeout(left).expect("no such errors event in time");
        if name == "errors" {
            let list = data["errors"].as_array().unwrap().clone();
            if ok(&list) {
                return list;
            }
        }
    }
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn persist(path: &str, raw: &str) -> Value {
    json!({
        "branch": "main",
        "dataFiles": [{ "slug": "x", "path": path, "raw": raw }],
        "assets": [],
        "options": { "commitMessage": "Update", "useWorkflow": false, "status": "" },
    })
}

/// Every file of the site with its bytes, to show a refused request changed nothing.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            (
                e.path().to_path_buf(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

/// A real PNG image, `w` × `h` pixels.
fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([0, 0, 145]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

const NEW_STARTUP: &str = "---\ntitle: Nouvelle\nmission: Rendre les archives faciles à consulter.\n\
incubator: essai\ncontact: nouvelle@example.fr\nphases:\n  - name: investigation\n    start: 2026-01-05\n\
---\nUne startup créée dans le CMS, avec des accents : « déjà ».\n";

#[test]
fn the_cms_lists_reads_and_saves_entries_of_the_working_tree() {
    let p = Preview::start(&[]);
    let (status, info) = p.post("info", Value::Null);
    assert_eq!(status, 200, "{info}");
    assert_eq!(info["type"], "local_fs");
    assert_eq!(info["repo"], "site");
    assert_eq!(info["publish_modes"], json!(["simple"]));

    let (status, list) = p.post(
        "entriesByFolder",
        json!({"branch": "main", "folder": "content/startups", "extension": "md", "depth": 1}),
    );
    assert_eq!(status, 200, "{list}");
    let paths: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "content/startups/_index.md",
            "content/startups/ada.md",
            "content/startups/babel.md",
            "content/startups/carto.md"
        ]
    );
    let ada = p.read("content/startups/ada.md");
    assert_eq!(list[1]["data"], String::from_utf8(ada.clone()).unwrap());
    assert_eq!(list[1]["file"]["id"], sha256(&ada));

    let (status, entry) = p.post(
        "getEntry",
        json!({"branch": "main", "path": "content/startups/ada.md"}),
    );
    assert_eq!(status, 200);
    assert_eq!(entry, list[1]);
    let (status, both) = p.post(
        "entriesByFiles",
        json!({"branch": "main", "files": [
            {"path": "content/a-propos.md", "label": "À propos"},
            {"path": "content/absente.md"}]}),
    );
    assert_eq!(status, 200);
    assert_eq!(both[0]["file"]["label"], "À propos");
    assert_eq!(
        both[0]["data"],
        String::from_utf8(p.read("content/a-propos.md")).unwrap()
    );
    // A missing file: nulls, as decap-server answers.
    assert_eq!(both[1]["data"], Value::Null);
    assert_eq!(both[1]["file"]["id"], Value::Null);

    // A new startup: the exact bytes, then its page once the preview has rebuilt.
    let (status, saved) = p.post(
        "persistEntry",
        persist("content/startups/nouvelle.md", NEW_STARTUP),
    );
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["message"], "entry persisted");
    assert_eq!(p.read("content/startups/nouvelle.md"), NEW_STARTUP.as_bytes());
    let page = p.page_when("/startups/nouvelle/", |s, _| s == 200);
    assert!(
        page.contains("Rendre les archives faciles à consulter."),
        "{page}"
    );
    p.page_when("/startups/", |_, b| b.contains("Nouvelle"));

    // An edit of an existing fiche, in the older `entry` form.
    let edited = String::from_utf8(ada)
        .unwrap()
        .replace("Aider les bibliothèques", "Aider toutes les bibliothèques");
    let (status, _) = p.post(
        "persistEntry",
        json!({"branch": "main", "entry": {"slug": "ada", "path": "content/startups/ada.md", "raw": edited},
            "assets": [], "options": {"commitMessage": "Update", "useWorkflow": false, "status": ""}}),
    );
    assert_eq!(status, 200);
    assert_eq!(p.read("content/startups/ada.md"), edited.as_bytes());
    p.page_when("/startups/ada/", |_, b| {
        b.contains("Aider toutes les bibliothèques")
    });

    // Written whole through a temporary file, which is gone.
    let leftovers: Vec<_> = std::fs::read_dir(p.root.join("content/startups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let (status, preview) = p.post(
        "getDeployPreview",
        json!({"branch": "main", "collection": "startups", "slug": "ada"}),
    );
    assert_eq!((status, preview), (200, Value::Null));
    let (status, unknown) = p.post("unpublishedEntries", json!({"branch": "main"}));
    assert_eq!(status, 422);
    assert!(
        unknown["error"]
            .as_str()
            .unwrap()
            .contains("Unknown action unpublishedEntries")
    );
}

#[test]
fn images_are_saved_in_the_media_folder_and_read_back() {
    let p = Preview::start(&[]);
    // No media folder yet: nothing in it.
    let (status, none) = p.post(
        "getMedia",
        json!({"branch": "main", "mediaFolder": "static/images"}),
    );
    assert_eq!((status, none), (200, json!([])));
    let bytes = png(3, 2);
    let content = base64::engine::general_purpose::STANDARD.encode(&bytes);
    let (status, file) = p.post(
        "persistMedia",
        json!({"branch": "main", "asset": {"path": "static/images/carte.png", "content": content, "encoding": "base64"},
            "options": {"commitMessage": "Upload"}}),
    );
    assert_eq!(status, 200, "{file}");
    assert_eq!(p.read("static/images/carte.png"), bytes);
    assert_eq!(file["path"], "static/images/carte.png");
    assert_eq!(file["name"], "carte.png");
    assert_eq!(file["id"], sha256(&bytes));
    assert_eq!(file["content"], content);

    let (status, media) = p.post(
        "getMedia",
        json!({"branch": "main", "mediaFolder": "static/images"}),
    );
    assert_eq!(status, 200);
    assert_eq!(media, json!([file]));
    let (status, one) = p.post(
        "getMediaFile",
        json!({"branch": "main", "path": "static/images/carte.png"}),
    );
    assert_eq!((status, &one), (200, &file));
    // Published at /images/ once the preview has seen it.
    p.page_when("/images/carte.png", |s, _| s == 200);

    // An entry saved with an image it shows: both written, the page shows the image.
    let body = "---\ntitle: Carte\n---\n![Une carte des lieux](/images/plan.png)\n";
    let plan = png(4, 4);
    let (status, saved) = p.post(
        "persistEntry",
        json!({"branch": "main",
            "dataFiles": [{"slug": "carte", "path": "content/carte.md", "raw": body}],
            "assets": [{"path": "static/images/plan.png",
                "content": base64::engine::general_purpose::STANDARD.encode(&plan), "encoding": "base64"}],
            "options": {"commitMessage": "Create", "useWorkflow": false, "status": ""}}),
    );
    assert_eq!(status, 200, "{saved}");
    assert_eq!(p.read("static/images/plan.png"), plan);
    assert_eq!(p.read("content/carte.md"), body.as_bytes());
    p.page_when("/carte/", |s, b| s == 200 && b.contains("Une carte des lieux"));
}

#[test]
fn an_entry_moved_by_the_cms_leaves_its_old_path_and_never_replaces_another() {
    let p = Preview::start(&[]);
    let carto = String::from_utf8(p.read("content/startups/carto.md")).unwrap();
    let moved = |to: &str| {
        json!({"branch": "main",
            "dataFiles": [{"slug": "x", "path": "content/startups/carto.md", "raw": carto, "newPath": to}],
            "assets": [], "options": {"commitMessage": "Move", "useWorkflow": false, "status": ""}})
    };
    let before = tree(&p.root);
    let (status, refused) = p.post("persistEntry", moved("content/startups/ada.md"));
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused["error"].as_str().unwrap().contains("exists already"),
        "{refused}"
    );
    assert_eq!(tree(&p.root), before);
    let (status, _) = p.post("persistEntry", moved("content/startups/cartographie.md"));
    assert_eq!(status, 200);
    assert!(!p.root.join("content/startups/carto.md").exists());
    assert_eq!(p.read("content/startups/cartographie.md"), carto.as_bytes());
    p.page_when("/startups/cartographie/", |s, _| s == 200);
    p.page_when("/startups/carto/", |s, _| s == 404);
}

#[test]
fn deleting_removes_entries_and_images_only() {
    let p = Preview::start(&[]);
    p.page_when("/startups/babel/", |s, _| s == 200);
    let (status, done) = p.post(
        "deleteFiles",
        json!({"branch": "main", "paths": ["content/startups/babel.md"], "options": {"commitMessage": "Delete"}}),
    );
    assert_eq!(status, 200, "{done}");
    assert!(!p.root.join("content/startups/babel.md").exists());
    p.page_when("/startups/babel/", |s, _| s == 404);
    let before = tree(&p.root);
    for path in [
        "site.yaml",
        "themes/mini/templates/base.html",
        "content/images/logo.svg",
        "content",
    ] {
        let (status, refused) = p.post(
            "deleteFile",
            json!({"branch": "main", "path": path, "options": {"commitMessage": "Delete"}}),
        );
        assert_eq!(status, 422, "{path}: {refused}");
        assert!(
            refused["error"].as_str().unwrap().contains("cannot delete"),
            "{refused}"
        );
    }
    assert_eq!(tree(&p.root), before);
}

#[test]
fn refused_requests_write_and_read_nothing() {
    let p = Preview::start(&[]);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(p.outside(), p.root.join("content/dehors")).unwrap();
        std::os::unix::fs::symlink(p.outside().join("secret.md"), p.root.join("content/lien.md")).unwrap();
    }
    let site = tree(&p.root);
    let outside = tree(&p.outside());
    let escapes = [
        "content/../site.yaml",
        "content/../themes/mini/templates/base.md",
        "../outside/new.md",
        "content/startups/../../../outside/new.md",
        "/tmp/new.md",
        "content\\..\\..\\outside\\new.md",
        "content/nul\u{0}.md",
        "content/dehors/new.md",
        "content/dehors/secret.md",
        "content/lien.md",
        "site.yaml",
        "content/startups/ada.html",
        "static/style.md",
        "C:/content/a.md",
    ];
    for path in escapes {
        let (status, refused) = p.post("persistEntry", persist(path, "---\ntitle: x\n---\n"));
        assert_eq!(status, 422, "{path:?}: {refused}");
        let message = refused["error"].as_str().unwrap();
        assert!(message.contains("the CMS cannot use"), "{message}");
        let (status, read) = p.post("getEntry", json!({"branch": "main", "path": path}));
        assert_eq!(status, 422, "{path:?}: {read}");
    }
    let (status, listed) = p.post(
        "entriesByFolder",
        json!({"branch": "main", "folder": "content/dehors", "extension": "md", "depth": 1}),
    );
    assert_eq!(status, 422, "{listed}");
    // A link out of the folder is not listed with the entries either.
    let (_, all) = p.post(
        "entriesByFolder",
        json!({"branch": "main", "folder": "content", "extension": "md", "depth": 3}),
    );
    assert!(!all.to_string().contains("secret"), "{all}");

    // Media: only images, only in the media folder, only what their names say.
    let page = base64::engine::general_purpose::STANDARD.encode("<script>alert(1)</script>");
    let png = base64::engine::general_purpose::STANDARD.encode(png(1, 1));
    for (path, content) in [
        ("static/images/x.png", &page),
        ("static/images/x.svg", &png),
        ("static/images/x.html", &png),
        ("static/x.png", &png),
        ("content/x.png", &png),
        ("static/images/../../site.png", &png),
    ] {
        let (status, refused) = p.post(
            "persistMedia",
            json!({"branch": "main", "asset": {"path": path, "content": content, "encoding": "base64"},
                "options": {"commitMessage": "Upload"}}),
        );
        assert_eq!(status, 422, "{path}: {refused}");
    }

    // Who may ask: a page of the preview, with JSON.
    let body = json!({"action": "persistEntry", "params": persist("content/pirate.md", "x")}).to_string();
    let host = format!("Host: {}\r\n", p.addr);
    let json_type = "Content-Type: application/json\r\n";
    let cases = [
        (format!("{host}{json_type}"), 403),
        (format!("{host}Origin: http://evil.example\r\n{json_type}"), 403),
        (format!("{host}Origin: null\r\n{json_type}"), 403),
        (format!("{host}Origin: http://localhost:1\r\n{json_type}"), 403),
        (
            format!("{host}Origin: http://{}\r\nContent-Type: text/plain\r\n", p.addr),
            415,
        ),
        (
            format!(
                "{host}Origin: http://{}\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                p.addr
            ),
            415,
        ),
        // DNS rebinding: another name for the preview's address.
        (
            format!("Host: evil.example\r\nOrigin: http://evil.example\r\n{json_type}"),
            421,
        ),
    ];
    for (headers, want) in cases {
        let (status, answer) = p.post_with(&headers, body.as_bytes());
        assert_eq!(status, want, "{headers}: {answer}");
        if want != 421 {
            assert!(answer["error"].is_string(), "{answer}");
        }
    }
    let (status, _) = p.get("/api/v1");
    assert_eq!(status, 405);

    // Too large: refused from the length it announces, before it is read.
    let huge = format!(
        "POST /api/v1 HTTP/1.1\r\n{}Content-Length: 100000000\r\nConnection: close\r\n\r\n{{",
        p.cms_headers()
    );
    let (status, answer) = p.send(huge.as_bytes());
    assert_eq!(status, 413, "{}", String::from_utf8_lossy(&answer));
    let big = "x".repeat(2 * 1024 * 1024);
    let (status, _) = p.post("persistEntry", persist("content/gros.md", &big));
    assert_eq!(status, 413);

    assert_eq!(tree(&p.root), site);
    assert_eq!(tree(&p.outside()), outside);
}

#[test]
fn the_api_is_off_when_the_preview_listens_beyond_this_machine() {
    let p = Preview::start(&["--bind", "0.0.0.0"]);
    let (status, refused) = p.post("persistEntry", persist("content/startups/x.md", "x"));
    assert_eq!(status, 403, "{refused}");
    assert!(refused["error"].as_str().unwrap().contains("--bind"), "{refused}");
    assert!(!p.root.join("content/startups/x.md").exists());
}

#[test]
fn the_cms_shows_refusals_and_its_problems_panel_in_french_under_a_french_locale() {
    let p = Preview::start_env(&[], &[("LANG", "fr_FR.UTF-8")]);
    let site = tree(&p.root);
    let (status, refused) = p.post("persistEntry", persist("content/../site.yaml", "x"));
    assert_eq!(status, 422, "{refused}");
    let error = refused["error"].as_str().unwrap();
    assert!(
        error.contains(
            "le CMS ne peut pas utiliser `content/../site.yaml`\u{202f}: le chemin a un segment vide"
        ),
        "{error}"
    );
    assert!(
        error.contains("aide\u{202f}: donnez un chemin relatif"),
        "{error}"
    );
    assert!(!error.contains("the CMS cannot use"), "{error}");
    assert_eq!(tree(&p.root), site);
    // The panel the CMS shows the site's problems in speaks French too.
    let (status, script) = p.get("/__atelier/cms.js");
    assert_eq!(status, 200);
    assert!(script.contains("\"1 problème à corriger\u{202f}:\""), "{script}");
    assert!(
        script.contains("\"COUNT problèmes à corriger\u{202f}:\""),
        "{script}"
    );
    assert!(script.contains("\"Masquer les problèmes\""), "{script}");
}

#[test]
fn a_bad_value_saved_by_the_cms_reaches_the_editor() {
    let p = Preview::start(&[]);
    let rx = events(&p.addr);
    errors_when(&rx, <[Value]>::is_empty);
    let good = String::from_utf8(p.read("content/startups/ada.md")).unwrap();
    let bad = good.replace("start: 2024-06-01", "start: 2024-13-45");
    assert_ne!(bad, good);
    let (status, _) = p.post("persistEntry", persist("content/startups/ada.md", &bad));
    assert_eq!(status, 200);
    // The saved file's problem, with its line, on the channel the preview's pages (the
    // overlay) and the CMS's script listen to.
    let errors = errors_when(&rx, |e| !e.is_empty());
    let ada: Vec<&Value> = errors
        .iter()
        .filter(|e| e["path"] == "content/startups/ada.md")
        .collect();
    assert_eq!(ada.len(), 1, "{errors:?}");
    let line = bad.lines().position(|l| l.contains("2024-13-45")).unwrap() + 1;
    assert_eq!(ada[0]["line"], line, "{ada:?}");
    assert!(ada[0]["text"].as_str().unwrap().contains("2024-13-45"), "{ada:?}");
    // The CMS's page gets it through its own script, which follows that channel.
    let (status, script) = p.get("/__atelier/cms.js");
    assert_eq!(status, 200);
    assert!(
        script.contains("new EventSource(\"/__atelier/events\")"),
        "{script}"
    );
    assert!(script.contains("\"errors\""), "{script}");
    // The CMS's page (it loads that script) gets no live-reload script: its reloads would
    // lose what the editor is typing, its overlay would hide the CMS.
    std::fs::create_dir_all(p.root.join("static/admin")).unwrap();
    let admin = "<!doctype html><title>CMS</title><script src=\"/__atelier/cms.js\"></script>";
    std::fs::write(p.root.join("static/admin/index.html"), admin).unwrap();
    let page = p.page_when("/admin/", |s, _| s == 200);
    assert_eq!(page, admin);
    let (_, other) = p.get("/a-propos/");
    assert!(other.contains("/__atelier/live.js"), "{other}");
    // Fixed in the CMS: the problem goes.
    let (status, _) = p.post("persistEntry", persist("content/startups/ada.md", &good));
    assert_eq!(status, 200);
    errors_when(&rx, <[Value]>::is_empty);
}
