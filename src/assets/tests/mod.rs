//! Tests of `locate` and `select` on a tiny fake package, served by a
//! loopback HTTP server when a download is needed (never the network).
//! This file holds the fixtures.

mod locate;
mod select;

use std::fs;
use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::sri::Sri;
use super::{FetchOptions, PackageSpec};

const CSS: &str = "@charset \"UTF-8\";\n/*!\n * DSFR v1.15.3 | SPDX-License-Identifier: Etalab-2.0\n */\
    a{color:inherit}\
    @font-face{font-family:Marianne;src:url(fonts/M.woff2) format(\"woff2\"),url(fonts/M.woff) format(\"woff\")}\
    .fr-btn--close:after{mask-image:url(icons/system/close-line.svg)}\
    .fr-x{background:url(\"data:image/svg+xml;charset=utf8,<svg xmlns='http://www.w3.org/2000/svg'/>\")}\
    .fr-collapse{--collapse:-99999px}.fr-collapse--expanded,.fr-collapsing{--collapse:0}\
    @media (min-width:48em){.fr-x,.fr-y{margin:0}.fr-z{margin:0}}";
/// The unminified script, where DSFR names the classes it adds.
const SCRIPT: &str = "const CollapseSelector = { COLLAPSING: ns.selector('collapsing') };\n\
    const DisclosureType = { EXPANDED: { id: 'expanded' } };";
const ICONS: &str = "/*!\n * DSFR v1.15.3 | SPDX-License-Identifier: Etalab-2.0\n */\
    .fr-icon-arrow-right-line:after,.fr-icon-arrow-right-line:before{mask-image:url(../../icons/arrows/arrow-right-line.svg)}\
    .fr-icon-mail-line:after,.fr-icon-mail-line:before{mask-image:url(../../icons/business/mail-line.svg)}";

/// Writes a fake `@gouvfr/dsfr@<version>` package under `dir/package`.
pub(super) fn fake_package(dir: &Path, version: &str) -> PathBuf {
    let root = dir.join("package");
    let files: &[(&str, &str)] = &[
        (
            "package.json",
            &format!(r#"{{"name":"@gouvfr/dsfr","version":"{version}"}}"#),
        ),
        (
            "doc/legal/cgu.md",
            "---\ncguVersion: '1.0.1'\n---\n\n## Modalités d’utilisation\n",
        ),
        ("dist/dsfr.min.css", CSS),
        ("dist/dsfr.module.min.js", "m"),
        ("dist/dsfr.module.js", SCRIPT),
        ("dist/dsfr.nomodule.min.js", "n"),
        ("dist/dsfr.min.css.map", "{}"),
        ("dist/fonts/M.woff2", "w2"),
        ("dist/fonts/M.woff", "w"),
        ("dist/fonts/Unused.woff2", "u"),
        ("dist/icons/system/close-line.svg", "<svg/>"),
        ("dist/icons/arrows/arrow-right-line.svg", "<svg>arrow</svg>"),
        ("dist/icons/business/mail-line.svg", "<svg/>"),
        ("dist/favicon/favicon.svg", "<svg/>"),
        ("dist/favicon/manifest.webmanifest", "{}"),
        ("dist/artwork/light.svg", "<svg/>"),
        ("dist/artwork/pictograms/environment/sun.svg", "<svg/>"),
        ("dist/artwork/pictograms/environment/moon.svg", "<svg/>"),
        ("dist/artwork/pictograms/system/system.svg", "<svg/>"),
        ("dist/artwork/pictograms/buildings/city-hall.svg", "<svg/>"),
        ("dist/utility/icons/icons.min.css", ICONS),
        (
            "dist/utility/utility.min.css",
            "ignored when icons.min.css exists",
        ),
    ];
    for (rel, text) in files {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    root
}

/// The fake package as an npm-style .tgz, and the spec pinning it.
pub(super) fn fake_tarball(version: &str) -> (Vec<u8>, PackageSpec) {
    let dir = tempfile::tempdir().unwrap();
    let root = fake_package(dir.path(), version);
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    tar.append_dir_all("package", &root).unwrap();
    let bytes = tar.into_inner().unwrap().finish().unwrap();
    let spec = PackageSpec {
        name: "@gouvfr/dsfr".into(),
        version: version.into(),
        integrity: Sri::of(&bytes).to_string(),
    };
    (bytes, spec)
}

/// A loopback HTTP server answering `routes` (path → body; others 404)
/// for at most 10 requests or 20 seconds; records the paths asked.
pub(super) struct Server {
    pub(super) base: String,
    pub(super) hits: Arc<Mutex<Vec<String>>>,
}

pub(super) fn serve(routes: Vec<(String, u16, Vec<u8>)>) -> Server {
    serve_with(|_| routes)
}

/// [`serve`] with routes that depend on the server's base URL.
pub(super) fn serve_with(routes: impl FnOnce(&str) -> Vec<(String, u16, Vec<u8>)>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = routes(&base);
    let hits = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&hits);
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut served = 0;
        while served < 10 && Instant::now() < deadline {
            let Ok((mut conn, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            };
            served += 1;
            conn.set_nonblocking(false).unwrap();
            conn.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut request = Vec::new();
            let mut buf = [0; 1024];
            while !request.ends_with(b"\r\n\r\n") {
                match conn.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let request = String::from_utf8_lossy(&request);
            let path = request.split(' ').nth(1).unwrap_or("").to_string();
            let (status, body) = routes
                .iter()
                .find(|(p, _, _)| *p == path)
                .map_or((404, &b"not found"[..]), |(_, s, b)| (*s, &b[..]));
            log.lock().unwrap().push(path);
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = conn
                .write_all(head.as_bytes())
                .and_then(|()| conn.write_all(body));
        }
    });
    Server { base, hits }
}

pub(super) fn no_proxy_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .proxy(None)
        .http_status_as_error(false)
        .build()
        .into()
}

pub(super) fn options(registry: &str, cache: &Path) -> FetchOptions {
    FetchOptions {
        package_dir: None,
        registry: format!("{registry}/"),
        cache_dir: Some(cache.to_path_buf()),
        offline: false,
    }
}

pub(super) const TARBALL_PATH: &str = "/@gouvfr/dsfr/-/dsfr-1.15.3.tgz";
