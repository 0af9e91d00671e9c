//! The built site served by a real nginx under `/atelier/`, with the configuration of
//! `docs/deploiement.md`: every page and asset answers, the 404 page comes with status 404,
//! responses are compressed and cached as documented, and the search works in a browser.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::formats::sitemap_entries;
use super::site::{build_repo_site, repo};
use super::web::{css_urls, origin_of, references, resolve};

/// The nginx binary, if installed.
fn nginx_binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// The nginx directives documented in `docs/deploiement.md` (its `nginx` code block).
fn documented_nginx_config() -> String {
    let doc = std::fs::read_to_string(repo().join("docs/deploiement.md")).unwrap();
    let start = doc
        .find("```nginx\n")
        .expect("docs/deploiement.md has an nginx block")
        + 9;
    let end = start + doc[start..].find("```").unwrap();
    doc[start..end].to_string()
}

const BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// A running nginx, stopped when dropped.
struct Nginx {
    child: Child,
    dir: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Nginx {
    /// Starts nginx on `127.0.0.1:port`, serving `www` with the documented directives.
    fn start(binary: &Path, dir: &Path, www: &Path, port: u16) -> Nginx {
        let brotli = Path::new(BROTLI_MODULE).is_file();
        let mut site =
            documented_nginx_config().replace("root /var/www;", &format!("root {};", www.display()));
        if !brotli {
            site = site.replace("brotli_static on;", "");
        }
        let d = dir.display();
        let conf = format!(
            "{load}daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
             events {{ worker_connections 64; }}\n\
             http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n\
               client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n\
               uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
               server {{\n    listen 127.0.0.1:{port};\n    server_name localhost;\n{site}\n  }}\n}}\n",
            load = if brotli {
                format!("load_module {BROTLI_MODULE};\n")
            } else {
                String::new()
            },
        );
        let conf_path = dir.join("nginx.conf");
        std::fs::write(&conf_path, conf).unwrap();
        let child = Command::new(binary)
            .arg("-p")
            .arg(dir)
            .arg("-e")
            .arg(dir.join("error.log"))
            .arg("-c")
            .arg(&conf_path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut server = Nginx {
            child,
            dir: dir.to_path_buf(),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = server.child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                panic!("nginx exited with {status}: {err}{}", server.log());
            }
            assert!(
                Instant::now() < deadline,
                "nginx did not listen within 10 s{}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn log(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default();
        format!("\nnginx error.log:\n{log}")
    }
}

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Fetched {
    status: u16,
    content_type: String,
    header: BTreeMap<String, String>,
    body: Vec<u8>,
}

fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

fn fetch(agent: &ureq::Agent, url: &str, accept_encoding: Option<&str>) -> Fetched {
    let mut req = agent.get(url);
    if let Some(enc) = accept_encoding {
        req = req.header("Accept-Encoding", enc);
    }
    let mut resp = req.call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let header: BTreeMap<String, String> = resp
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_lowercase(),
                v.to_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let body = resp
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .unwrap();
    Fetched {
        status: resp.status().as_u16(),
        content_type: header.get("content-type").cloned().unwrap_or_default(),
        header,
        body,
    }
}

/// A breadth-first crawl of the served site: pages, stylesheets and the web app manifest
/// are read for references; every reference on the site's origin must answer 200.
struct Crawl {
    origin: String,
    base: String,
    seen: BTreeSet<String>,
    pages: BTreeSet<String>,
    broken: Vec<String>,
    types: BTreeMap<String, usize>,
}

impl Crawl {
    fn new(origin: &str, base: &str) -> Crawl {
        Crawl {
            origin: origin.to_string(),
            base: base.to_string(),
            seen: BTreeSet::new(),
            pages: BTreeSet::new(),
            broken: Vec::new(),
            types: BTreeMap::new(),
        }
    }

    /// Fetches `start` (URL, where it was found) and everything they lead to on the site.
    fn run(&mut self, agent: &ureq::Agent, start: Vec<(String, String)>) {
        let mut queue: VecDeque<(String, String)> = start.into_iter().collect();
        self.seen.extend(queue.iter().map(|(u, _)| u.clone()));
        let started = Instant::now();
        while let Some((url, from)) = queue.pop_front() {
            assert!(self.seen.len() < 5000, "more than 5000 URLs: a crawl loop?");
            assert!(
                started.elapsed() < Duration::from_secs(240),
                "crawl took over 4 minutes"
            );
            let got = fetch(agent, &url, None);
            if got.status != 200 {
                self.broken
                    .push(format!("{} {url} (linked from {from})", got.status));
                continue;
            }
            let kind = got.content_type.split(';').next().unwrap_or_default().to_string();
            *self.types.entry(kind.clone()).or_default() += 1;
            let text = String::from_utf8_lossy(&got.body);
            let found: Vec<String> = match kind.as_str() {
                "text/html" => {
                    self.pages.insert(url.clone());
                    references(&text).into_iter().map(|(_, _, v)| v).collect()
                }
                "text/css" => css_urls(&text),
                _ if url.ends_with(".webmanifest") => {
                    let json: serde_json::Value = serde_json::from_slice(&got.body).unwrap();
                    json["icons"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|i| i["src"].as_str().map(str::to_string))
                        .collect()
                }
                _ => Vec::new(),
            };
            for reference in found {
                let Some(target) = resolve(&url, &reference) else {
                    continue;
                };
                if origin_of(&target) != Some(self.origin.as_str()) {
                    continue; // another host: checked by no_page_references_another_host...
                }
                if !target.starts_with(&self.base) {
                    self.broken
                        .push(format!("outside the site: {target} (linked from {url})"));
                    continue;
                }
                if self.seen.insert(target.clone()) {
                    queue.push_back((target, url.clone()));
                }
            }
        }
    }
}

/// Ignored by a plain `cargo test` (it says so, with the reason); `.ci/run` installs nginx
/// and Chromium and runs it with `-- --ignored`, and then a missing tool is a failure.
#[test]
#[ignore = "needs nginx, its brotli module and Chromium (.ci/run installs them); run with -- --ignored"]
fn served_by_nginx_under_a_sub_path() {
    let binary = nginx_binary()
        .expect("nginx is not installed (Debian: apt-get install nginx libnginx-mod-http-brotli-static)");
    let tmp = tempfile::tempdir().unwrap();
    let www = tmp.path().join("www");
    let port = free_port();
    let origin = format!("http://127.0.0.1:{port}");
    let base = format!("{origin}/atelier/");
    build_repo_site(tmp.path(), &www.join("atelier"), &base, &["--precompress"]);
    let run = tmp.path().join("nginx");
    std::fs::create_dir_all(&run).unwrap();
    let server = Nginx::start(&binary, &run, &www, port);
    let agent = client();

    // Crawl every page and asset reachable from the home page, then from the pages no link
    // leads to (redirects of old addresses, pages only the sitemap lists), so that every
    // page built is fetched and every reference of every page is followed.
    let mut crawl = Crawl::new(&origin, &base);
    crawl.run(&agent, vec![(base.clone(), "(start)".to_string())]);
    let from_home = crawl.pages.len();
    let built_with = |exts: &[&str]| -> Vec<String> {
        walkdir::WalkDir::new(www.join("atelier"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| exts.iter().any(|ext| x == *ext))
            })
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&www)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                format!("{origin}/{}", rel.strip_suffix("index.html").unwrap_or(&rel))
            })
            .collect()
    };
    let built = built_with(&["html"]);
    // Stylesheets and the manifest too, whatever the layout links: their references must work.
    let unreached: Vec<(String, String)> = built
        .iter()
        .chain(&built_with(&["css", "webmanifest"]))
        .filter(|u| !crawl.seen.contains(*u))
        .map(|u| (u.clone(), "(not linked from the home page)".to_string()))
        .collect();
    crawl.run(&agent, unreached);
    eprintln!(
        "crawl: {from_home} pages reached from the home page, {} in all, {} URLs, {:?}",
        crawl.pages.len(),
        crawl.seen.len(),
        crawl.types
    );
    assert!(
        crawl.broken.is_empty(),
        "broken links or assets:\n{}{}",
        crawl.broken.join("\n"),
        server.log()
    );
    assert!(
        from_home >= 30,
        "only {from_home} pages reached from the home page"
    );
    assert_eq!(crawl.pages.len(), built.len(), "every page built is served");
    assert!(crawl.types.contains_key("text/css"), "{:?}", crawl.types);

    // Every page of the sitemap, the feed and the open data are served too.
    let sitemap = fetch(&agent, &format!("{base}sitemap.xml"), None);
    assert_eq!(sitemap.status, 200);
    let locs = sitemap_entries(&String::from_utf8(sitemap.body).unwrap());
    assert!(locs.len() > 50, "{locs:?}");
    for (loc, _) in &locs {
        assert!(
            crawl.pages.contains(loc),
            "in the sitemap but not a page of the site: {loc}"
        );
    }
    for path in [
        "robots.txt",
        "actualites/atom.xml",
        "api/startups.json",
        "pagefind/pagefind.js",
    ] {
        let got = fetch(&agent, &format!("{base}{path}"), None);
        assert_eq!(got.status, 200, "{path}");
    }

    // The 404 page, with status 404, for a missing page and a missing asset.
    let not_found = std::fs::read(www.join("atelier/404.html")).unwrap();
    for missing in ["page-absente/", "dsfr/absent.css", "startups/absente/"] {
        let got = fetch(&agent, &format!("{base}{missing}"), None);
        assert_eq!(got.status, 404, "{missing}");
        assert_eq!(got.body, not_found, "{missing}: not the site's 404 page");
    }
    // Without the final slash: a relative redirect to the folder.
    let got = fetch(&agent, &format!("{origin}/atelier"), None);
    assert_eq!(
        (got.status, got.header.get("location").map(String::as_str)),
        (301, Some("/atelier/"))
    );

    // Compressed responses: the precompressed siblings, as they are.
    let css_url = built_with(&["css"])
        .into_iter()
        .find(|u| u.starts_with(&format!("{base}dsfr/dsfr.min.")))
        .expect("a hashed dsfr/dsfr.min.<hash>.css is built");
    let css_file = www.join(css_url.trim_start_matches(&format!("{origin}/")));
    let gz = fetch(&agent, &css_url, Some("gzip"));
    assert_eq!(
        gz.header.get("content-encoding").map(String::as_str),
        Some("gzip")
    );
    assert_eq!(gz.body, std::fs::read(css_file.with_extension("css.gz")).unwrap());
    assert!(
        gz.header
            .get("vary")
            .is_some_and(|v| v.contains("Accept-Encoding"))
    );
    assert!(
        gz.header
            .get("cache-control")
            .is_some_and(|v| v.contains("immutable")),
        "hashed assets are cached for a year: {:?}",
        gz.header
    );
    let page = fetch(&agent, &base, Some("gzip"));
    assert_eq!(
        page.header.get("content-encoding").map(String::as_str),
        Some("gzip")
    );
    assert_eq!(
        page.header.get("cache-control").map(String::as_str),
        Some("no-cache")
    );
    // The policy the pages carry, plus what only a header can say; on assets too.
    let home = std::fs::read_to_string(www.join("atelier/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&home);
    let selector = scraper::Selector::parse("meta[http-equiv=Content-Security-Policy]").unwrap();
    let meta = doc
        .select(&selector)
        .next()
        .expect("a policy meta")
        .attr("content")
        .unwrap();
    let policy = format!("{meta}; frame-ancestors 'none'");
    for response in [&page, &gz] {
        assert_eq!(
            response.header.get("content-security-policy"),
            Some(&policy),
            "{:?}",
            response.header
        );
    }
    // The editors' CMS gets the policy its own page carries (Decap needs 'unsafe-eval'), and
    // only its folder does.
    let cms_page = std::fs::read_to_string(www.join("atelier/admin/index.html")).unwrap();
    let cms_doc = scraper::Html::parse_document(&cms_page);
    let cms_meta = cms_doc
        .select(&selector)
        .next()
        .expect("a policy meta on the CMS page")
        .attr("content")
        .unwrap();
    assert!(cms_meta.contains("'unsafe-eval'") && !meta.contains("'unsafe-eval'"));
    let cms = fetch(&agent, &format!("{base}admin/"), None);
    assert_eq!(
        cms.header.get("content-security-policy"),
        Some(&format!("{cms_meta}; frame-ancestors 'none'")),
        "{:?}",
        cms.header
    );
    assert!(
        Path::new(BROTLI_MODULE).is_file(),
        "{BROTLI_MODULE} is not installed (Debian: apt-get install libnginx-mod-http-brotli-static)"
    );
    let br = fetch(&agent, &css_url, Some("br, gzip"));
    assert_eq!(br.header.get("content-encoding").map(String::as_str), Some("br"));
    assert_eq!(br.body, std::fs::read(css_file.with_extension("css.br")).unwrap());
    let plain = fetch(&agent, &css_url, None);
    assert_eq!(plain.header.get("content-encoding"), None);
    assert_eq!(plain.body, std::fs::read(&css_file).unwrap());

    search_in_a_browser(&base, &crawl.pages);
    drop(server);
}

/// The results page finds a startup in a real browser, from the static index alone.
fn search_in_a_browser(base: &str, pages: &BTreeSet<String>) {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .find(|p| Path::new(p).is_file())
        .expect("Chromium is not installed (Debian: apt-get install chromium)");
    let profile = tempfile::tempdir().unwrap();
    let url = format!("{base}recherche/?q=op%C3%A9ra");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(&url)
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let doc = scraper::Html::parse_document(&dom);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let status: String = doc
        .select(&select("#recherche-statut"))
        .flat_map(|e| e.text())
        .collect();
    let links: Vec<String> = doc
        .select(&select("#recherche-resultats li h2 a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    let marks = doc.select(&select("#recherche-resultats mark")).count();
    assert!(
        links
            .iter()
            .any(|l| l == "/atelier/startups/opera-comique-and-mediation/"),
        "searching `opéra` finds the Opéra-Comique startup; status {status:?}, results {links:?}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(status.contains("résultat"), "{status:?}");
    assert!(marks > 0, "excerpts highlight the words found");
    for link in &links {
        let page = resolve(base, link).unwrap();
        assert!(pages.contains(&page), "result {link} is not a page of the site");
    }
}
