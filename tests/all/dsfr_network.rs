//! Network honesty: the DSFR download says what it does, fails with one clear error, and
//! can be done ahead of time (`atelier dsfr fetch`) into the cache `ATELIER_CACHE_DIR`
//! names. The registry is a local HTTP server or a closed port (`npm_config_registry`,
//! the variable npm mirrors use): no test touches the network.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::common::{self, DATE, TestSite};
use base64::Engine;
use sha2::{Digest, Sha512};

/// A `.tgz` shaped like `@gouvfr/dsfr` 1.15.3 (its manifest, `dist/`, the terms of use),
/// and its `sha512-…` integrity.
fn fake_package() -> (Vec<u8>, String) {
    let mut tar = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::fast(),
    ));
    let files = [
        (
            "package/package.json",
            "{\"name\":\"@gouvfr/dsfr\",\"version\":\"1.15.3\"}\n",
        ),
        ("package/dist/dsfr.min.css", "body{}\n"),
        (
            "package/doc/legal/cgu.md",
            "---\ncguVersion: 1.0.1\n---\nConditions.\n",
        ),
    ];
    for (path, text) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, path, text.as_bytes()).unwrap();
    }
    let bytes = tar.into_inner().unwrap().finish().unwrap();
    let integrity = format!(
        "sha512-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha512::digest(&bytes))
    );
    (bytes, integrity)
}

/// An npm registry on loopback serving `tgz` at the conventional tarball path; answers
/// until the test ends. Returns its base URL.
fn registry(tgz: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let found = request.starts_with("GET /@gouvfr/dsfr/-/dsfr-1.15.3.tgz ");
            let (status, body): (&str, &[u8]) = if found {
                ("200 OK", &tgz)
            } else {
                ("404 Not Found", b"")
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(body);
        }
    });
    base
}

/// A registry address where nothing listens: every download fails at once.
fn closed_registry() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}/", listener.local_addr().unwrap())
}

/// A test site whose theme pins the fake package, without the editors' CMS (whose package
/// has a test of its own: `dsfr_fetch_also_readies_the_cms_the_site_publishes`).
fn site_pinning(integrity: &str) -> TestSite {
    let site = TestSite::minimal();
    site.write(
        "site.yaml",
        "title: Essai\ntheme: test\ndsfr_terms: \"1.0.1\"\ncms: none\n",
    );
    site.write(
        "themes/test/theme.yaml",
        &format!("dsfr:\n  version: 1.15.3\n  integrity: {integrity}\n"),
    );
    site
}

#[test]
fn dsfr_fetch_fills_the_cache_ahead_of_time() {
    let (tgz, integrity) = fake_package();
    let site = site_pinning(&integrity);
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let url = registry(tgz);
    let env = [
        ("ATELIER_CACHE_DIR", cache_dir),
        ("npm_config_registry", url.as_str()),
    ];

    let first = site.run_env(&["dsfr", "fetch"], &env);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let entry = std::fs::read_dir(cache.path().join("dsfr"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("1.15.3-"))
        .expect("a cache entry for 1.15.3");
    // The one line a download prints: what, from where, into which folder.
    assert_eq!(
        first.stderr,
        format!(
            "Downloading @gouvfr/dsfr 1.15.3 from {url}@gouvfr/dsfr/-/dsfr-1.15.3.tgz into {} \
             (once: later builds use this copy; `atelier dsfr fetch` does it ahead of time).\n",
            entry.display()
        )
    );
    assert_eq!(
        first.stdout,
        format!(
            "@gouvfr/dsfr 1.15.3 is ready in {}.\n",
            entry.join("package").display()
        )
    );
    assert!(entry.join("package/dist/dsfr.min.css").is_file());

    // Offline now (nothing listens there): the cache serves, and nothing is downloaded.
    let offline = [
        ("ATELIER_CACHE_DIR", cache_dir),
        ("npm_config_registry", &closed_registry()),
    ];
    let again = site.run_env(&["dsfr", "fetch"], &offline);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stderr, "");
    assert!(
        again.stdout.ends_with("(it was already there).\n"),
        "{}",
        again.stdout
    );
}

#[test]
fn a_theme_without_dsfr_has_nothing_to_fetch() {
    let site = TestSite::minimal();
    let run = site.run_env(&["dsfr", "fetch"], &[("npm_config_registry", &closed_registry())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "The theme `test` uses no DSFR package: nothing to fetch.\n"
    );
}

#[test]
fn dsfr_fetch_outside_a_site_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(["dsfr", "fetch"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: no `site.yaml` in `.`"), "{stderr}");
}

#[test]
fn offline_with_an_empty_cache_the_download_is_the_one_error() {
    let site = common::real_site();
    let cache = tempfile::tempdir().unwrap();
    let url = closed_registry();
    let env = [
        ("ATELIER_CACHE_DIR", cache.path().to_str().unwrap()),
        ("npm_config_registry", url.as_str()),
    ];
    for command in ["build", "check"] {
        let run = site.run_env(&[command, "--date", DATE], &env);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert!(
            lines[0].starts_with(&format!("Downloading @gouvfr/dsfr 1.15.3 from {url}")),
            "{command}: {}",
            run.stderr
        );
        let errors: Vec<&&str> = lines.iter().filter(|l| l.starts_with("error")).collect();
        assert_eq!(errors.len(), 1, "{command}: {}", run.stderr);
        assert!(
            errors[0].starts_with(&format!(
                "error: cannot download {url}@gouvfr/dsfr/-/dsfr-1.15.3.tgz"
            )),
            "{command}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("missing"), "{command}: {}", run.stderr);
        assert!(!site.root().join("public").exists());
    }
}

#[test]
fn an_unwritable_cache_is_reported_before_any_download() {
    let (tgz, integrity) = fake_package();
    let site = site_pinning(&integrity);
    // A file where the cache folder should be: no user can create folders inside it.
    let cache = tempfile::NamedTempFile::new().unwrap();
    let url = registry(tgz);
    let env = [
        ("ATELIER_CACHE_DIR", cache.path().to_str().unwrap()),
        ("npm_config_registry", url.as_str()),
    ];
    let run = site.run_env(&["dsfr", "fetch"], &env);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(&format!(
            "error: cannot create the cache directory {}/dsfr:",
            cache.path().display()
        )),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Downloading"), "{}", run.stderr);
}

#[test]
fn dsfr_fetch_also_readies_the_cms_the_site_publishes() {
    let (tgz, integrity) = fake_package();
    let site = site_pinning(&integrity);
    site.write("site.yaml", "title: Essai\ntheme: test\ndsfr_terms: \"1.0.1\"\n");
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let url = registry(tgz);
    // Decap CMS's pinned digest is the real package's: a given copy stands in for it.
    let decap = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(decap.path().join("dist")).unwrap();
    std::fs::write(
        decap.path().join("package.json"),
        "{\"name\":\"decap-cms\",\"version\":\"3.16.3\"}\n",
    )
    .unwrap();
    std::fs::write(decap.path().join("dist/decap-cms.js"), "// CMS\n").unwrap();
    let run = site.run_env(
        &["dsfr", "fetch"],
        &[
            ("ATELIER_CACHE_DIR", cache_dir),
            ("npm_config_registry", url.as_str()),
            ("ATELIER_DECAP_DIR", decap.path().to_str().unwrap()),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with("@gouvfr/dsfr 1.15.3 is ready in "),
        "{}",
        run.stdout
    );
    assert!(
        lines[1].starts_with("decap-cms 3.16.3 is ready in "),
        "{}",
        run.stdout
    );

    // Without the CMS's package and without network, `dsfr fetch` does not say the
    // machine is ready: a build would fail there.
    let run = site.run_env(
        &["dsfr", "fetch"],
        &[
            ("ATELIER_CACHE_DIR", cache_dir),
            ("npm_config_registry", &closed_registry()),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("decap-cms"), "{}", run.stderr);
    // The way out is the CMS's own, not DSFR's.
    assert!(run.stderr.contains("ATELIER_DECAP_DIR"), "{}", run.stderr);
    assert!(!run.stderr.contains("ATELIER_DSFR_DIR"), "{}", run.stderr);
}

/// Terms the site does not accept are refused where `dsfr_terms` is written, or in
/// `site.yaml` itself when it is not written.
#[test]
fn terms_not_accepted_are_an_error_at_dsfr_terms() {
    let (tgz, integrity) = fake_package();
    let cache = tempfile::tempdir().unwrap();
    let url = registry(tgz);
    let env = [
        ("ATELIER_CACHE_DIR", cache.path().to_str().unwrap()),
        ("npm_config_registry", url.as_str()),
    ];
    for (terms, message, at) in [
        (
            "dsfr_terms: \"1.0.0\"\n",
            "error: site.yaml accepts the DSFR terms of use version 1.0.0, but DSFR 1.15.3 requires version 1.0.1",
            " --> site.yaml:3:13\n",
        ),
        (
            "",
            "error: site.yaml does not accept the DSFR terms of use: DSFR 1.15.3 requires accepting version 1.0.1",
            " --> site.yaml\n",
        ),
    ] {
        let site = site_pinning(&integrity);
        site.write(
            "site.yaml",
            &format!("title: Essai\ntheme: test\n{terms}cms: none\n"),
        );
        let run = site.run_env(&["build", "--date", DATE], &env);
        assert_eq!(run.code, 1, "{terms}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{message}\n{at}")),
            "{terms}: {}",
            run.stderr
        );
        assert!(!site.root().join("public").exists());
    }
}
