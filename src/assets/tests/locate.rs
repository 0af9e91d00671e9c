//! `locate`: explicit copies, cache, downloads, and their errors.

use std::fs;
use std::sync::Barrier;

use super::*;
use crate::assets::{AssetError, DEFAULT_REGISTRY, cache, locate, locate_with, root_with};

#[test]
fn downloads_verifies_installs_then_reuses_the_cache() {
    let (bytes, spec) = fake_tarball("1.15.3");
    let server = serve(vec![(TARBALL_PATH.into(), 200, bytes)]);
    let cache = tempfile::tempdir().unwrap();
    let mut opts = options(&server.base, cache.path());

    let pkg = locate_with(&spec, &opts, &no_proxy_agent).unwrap();
    let entry = cache::entry_dir(cache.path(), &spec, &Sri::parse("p", &spec.integrity).unwrap());
    assert_eq!(pkg.root, entry.join("package"));
    assert_eq!(
        (pkg.version.as_str(), pkg.terms_version.as_str()),
        ("1.15.3", "1.0.1")
    );
    assert_eq!(
        fs::read_to_string(entry.join(".atelier-complete")).unwrap(),
        format!("{}\n", spec.integrity)
    );
    let names: Vec<_> = fs::read_dir(cache.path().join("dsfr"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [entry.file_name().unwrap()], "no temporary directory left");

    opts.offline = true;
    assert_eq!(locate_with(&spec, &opts, &no_proxy_agent).unwrap(), pkg);
    assert_eq!(*server.hits.lock().unwrap(), [TARBALL_PATH]);
}

#[test]
fn falls_back_to_the_registry_metadata_for_mirrors() {
    let (bytes, spec) = fake_tarball("1.15.3");
    let server = serve_with(|base| {
        let meta = format!(r#"{{"dist":{{"tarball":"{base}/store/dsfr.tgz"}}}}"#);
        vec![
            ("/@gouvfr%2fdsfr/1.15.3".to_string(), 200, meta.into_bytes()),
            ("/store/dsfr.tgz".to_string(), 200, bytes),
        ]
    });
    let cache = tempfile::tempdir().unwrap();
    let pkg = locate_with(&spec, &options(&server.base, cache.path()), &no_proxy_agent).unwrap();
    assert_eq!(pkg.version, "1.15.3");
    assert_eq!(
        *server.hits.lock().unwrap(),
        [TARBALL_PATH, "/@gouvfr%2fdsfr/1.15.3", "/store/dsfr.tgz"]
    );
}

#[test]
fn rejects_a_tampered_download_before_unpacking() {
    let (_, spec) = fake_tarball("1.15.3");
    let (other, _) = fake_tarball("1.15.4");
    let server = serve(vec![(TARBALL_PATH.into(), 200, other.clone())]);
    let cache = tempfile::tempdir().unwrap();
    let err = locate_with(&spec, &options(&server.base, cache.path()), &no_proxy_agent).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "integrity check failed for {}{TARBALL_PATH}: expected {}, got {}",
            server.base,
            spec.integrity,
            Sri::of(&other)
        )
    );
    // The cache folder is made before the download; nothing is unpacked into it.
    let entries = std::fs::read_dir(cache.path().join("dsfr")).map_or(0, |d| d.count());
    assert_eq!(entries, 0, "nothing unpacked");
}

#[test]
fn names_the_url_on_http_errors() {
    let server = serve(vec![(TARBALL_PATH.into(), 500, b"oops".to_vec())]);
    let cache = tempfile::tempdir().unwrap();
    let spec = PackageSpec::dsfr_1_15_3();
    let err = locate_with(&spec, &options(&server.base, cache.path()), &no_proxy_agent).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}{TARBALL_PATH} answered HTTP 500", server.base)
    );
    assert!(err.help().contains("HTTPS_PROXY"));
}

#[test]
fn offline_without_a_cached_copy_says_how_to_get_one() {
    let cache = tempfile::tempdir().unwrap();
    let mut opts = options("http://127.0.0.1:9", cache.path());
    opts.offline = true;
    let err = locate_with(&PackageSpec::dsfr_1_15_3(), &opts, &no_proxy_agent).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "@gouvfr/dsfr 1.15.3 is not in the cache {} and offline mode is on",
            cache.path().display()
        )
    );
    assert_eq!(
        err.help(),
        "go online once (unset ATELIER_OFFLINE) so atelier downloads and caches it, or point \
         --dsfr-dir / ATELIER_DSFR_DIR at a copy of the package: `npm pack @gouvfr/dsfr@1.15.3` \
         writes gouvfr-dsfr-1.15.3.tgz, which ATELIER_DSFR_DIR may name directly (or unpack it \
         and name its `package` folder)"
    );
}

#[test]
fn a_half_unpacked_cache_entry_is_ignored_and_replaced() {
    let (bytes, spec) = fake_tarball("1.15.3");
    let cache = tempfile::tempdir().unwrap();
    let sri = Sri::parse("p", &spec.integrity).unwrap();
    let entry = cache::entry_dir(cache.path(), &spec, &sri);
    let half = fake_package(&entry, "1.15.3");
    fs::remove_file(half.join("dist/dsfr.min.css")).unwrap();
    let mut opts = options("http://127.0.0.1:9", cache.path());
    opts.offline = true;

    // No marker, then a marker for other bytes: both untrusted.
    assert!(matches!(
        locate_with(&spec, &opts, &no_proxy_agent),
        Err(AssetError::NotCached { .. })
    ));
    fs::write(entry.join(".atelier-complete"), Sri::of(b"other").to_string()).unwrap();
    assert!(matches!(
        locate_with(&spec, &opts, &no_proxy_agent),
        Err(AssetError::NotCached { .. })
    ));

    let server = serve(vec![(TARBALL_PATH.into(), 200, bytes)]);
    opts = options(&server.base, cache.path());
    let pkg = locate_with(&spec, &opts, &no_proxy_agent).unwrap();
    assert!(
        pkg.root.join("dist/dsfr.min.css").is_file(),
        "replaced by a complete copy"
    );
    assert!(cache::is_complete(&entry, &sri));
}

#[test]
fn concurrent_installs_keep_one_complete_entry() {
    let (bytes, spec) = fake_tarball("1.15.3");
    let cache = tempfile::tempdir().unwrap();
    let sri = Sri::parse("p", &spec.integrity).unwrap();
    let entry = cache::entry_dir(cache.path(), &spec, &sri);
    let barrier = Barrier::new(4);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                barrier.wait();
                cache::install(&bytes, "t.tgz", &entry, &sri).unwrap();
                assert!(entry.join("package/dist/dsfr.min.css").is_file());
            });
        }
    });
    assert!(cache::is_complete(&entry, &sri));
    assert_eq!(fs::read_dir(cache.path().join("dsfr")).unwrap().count(), 1);
}

#[test]
fn an_explicit_directory_must_hold_the_pinned_version() {
    let dir = tempfile::tempdir().unwrap();
    let root = fake_package(dir.path(), "1.14.4");
    let opts = FetchOptions {
        package_dir: Some(root.clone()),
        registry: DEFAULT_REGISTRY.into(),
        cache_dir: None,
        offline: true,
    };
    let err = locate(&PackageSpec::dsfr_1_15_3(), &opts).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} holds @gouvfr/dsfr 1.14.4, but this site needs @gouvfr/dsfr 1.15.3",
            root.display()
        )
    );
    assert_eq!(
        err.help(),
        "obtain the pinned version with `npm pack @gouvfr/dsfr@1.15.3` and point --dsfr-dir / \
         ATELIER_DSFR_DIR at it, or unset ATELIER_DSFR_DIR to let atelier download it"
    );
}

#[test]
fn an_explicit_directory_may_be_the_package_or_its_parent() {
    let dir = tempfile::tempdir().unwrap();
    let root = fake_package(dir.path(), "1.15.3");
    for given in [dir.path(), root.as_path()] {
        let opts = FetchOptions {
            package_dir: Some(given.to_path_buf()),
            registry: DEFAULT_REGISTRY.into(),
            cache_dir: None,
            offline: true,
        };
        let pkg = locate(&PackageSpec::dsfr_1_15_3(), &opts).unwrap();
        assert_eq!((pkg.root, pkg.terms_version), (root.clone(), "1.0.1".to_string()));
    }
    let manifest = root.join("package.json");
    let missing = dir.path().join("missing");
    let notes = root.join("README.md");
    fs::write(&notes, "# DSFR").unwrap();
    for (given, outcome) in [
        (&manifest, Ok(())),
        (&root.join("dist"), Err("it has no package.json")),
        (&missing, Err("it does not exist")),
        (&notes, Err("it is a file, but not a .tgz archive")),
    ] {
        let opts = FetchOptions {
            package_dir: Some(given.clone()),
            ..options("x", dir.path())
        };
        let got = locate(&PackageSpec::dsfr_1_15_3(), &opts)
            .map(|_| ())
            .map_err(|e| e.to_string());
        let want =
            outcome.map_err(|reason| format!("{} is not a usable npm package: {reason}", given.display()));
        assert_eq!(got, want);
    }
}

#[test]
fn an_explicit_tarball_is_verified_then_cached() {
    let (bytes, spec) = fake_tarball("1.15.3");
    let dir = tempfile::tempdir().unwrap();
    let tgz = dir.path().join("gouvfr-dsfr-1.15.3.tgz");
    fs::write(&tgz, &bytes).unwrap();
    let mut opts = options("http://127.0.0.1:9", &dir.path().join("cache"));
    opts.package_dir = Some(tgz.clone());
    opts.offline = true;
    let pkg = locate_with(&spec, &opts, &no_proxy_agent).unwrap();
    assert!(pkg.root.starts_with(dir.path().join("cache/dsfr")));

    let other = PackageSpec {
        integrity: Sri::of(b"x").to_string(),
        ..spec
    };
    let err = locate_with(&other, &opts, &no_proxy_agent).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("integrity check failed for {}: ", tgz.display()))
    );
}

#[test]
fn reads_options_from_the_environment() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.into())
    };
    let opts = FetchOptions::from_lookup(vars(&[
        ("ATELIER_DSFR_DIR", "/opt/dsfr/package"),
        ("ATELIER_CACHE_DIR", "/var/cache/atelier"),
        ("NPM_CONFIG_REGISTRY", "https://mirror.test/npm/"),
        ("ATELIER_OFFLINE", "1"),
    ]));
    assert_eq!(
        opts,
        FetchOptions {
            package_dir: Some("/opt/dsfr/package".into()),
            registry: "https://mirror.test/npm/".into(),
            cache_dir: Some("/var/cache/atelier".into()),
            offline: true,
        }
    );
    let opts = FetchOptions::from_lookup(vars(&[("ATELIER_DSFR_DIR", ""), ("ATELIER_OFFLINE", "0")]));
    assert_eq!(
        (opts.package_dir, opts.registry.as_str(), opts.offline),
        (None, DEFAULT_REGISTRY, false)
    );
    assert_eq!(opts.cache_dir, dirs::cache_dir().map(|d| d.join("atelier")));
}

/// Another package (Decap CMS): same download, checks and cache, in its own cache folder,
/// without DSFR's terms of use; the announcement does not offer `atelier dsfr fetch`.
#[test]
fn any_pinned_package_is_located_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("package");
    fs::create_dir_all(root.join("dist")).unwrap();
    fs::write(
        root.join("package.json"),
        r#"{"name":"decap-cms","version":"3.16.3"}"#,
    )
    .unwrap();
    fs::write(root.join("dist/decap-cms.js"), "cms").unwrap();
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    tar.append_dir_all("package", &root).unwrap();
    let bytes = tar.into_inner().unwrap().finish().unwrap();
    let spec = PackageSpec {
        name: "decap-cms".into(),
        version: "3.16.3".into(),
        integrity: Sri::of(&bytes).to_string(),
    };
    let path = "/decap-cms/-/decap-cms-3.16.3.tgz";
    let server = serve(vec![(path.into(), 200, bytes)]);
    let cache = tempfile::tempdir().unwrap();
    let opts = options(&server.base, cache.path());
    let found = root_with(&spec, &opts, &no_proxy_agent).unwrap();
    let entry = cache::entry_dir(cache.path(), &spec, &Sri::parse("p", &spec.integrity).unwrap());
    assert_eq!(found, entry.join("package"));
    assert!(entry.starts_with(cache.path().join("decap-cms")));
    assert_eq!(
        fs::read_to_string(found.join("dist/decap-cms.js")).unwrap(),
        "cms"
    );
    assert_eq!(*server.hits.lock().unwrap(), [path]);
    let line = crate::assets::fetch::announcement(&server.base, &spec, &entry);
    assert!(line.ends_with("(once: later builds use this copy)."), "{line}");
    let dsfr = crate::assets::fetch::announcement(&server.base, &PackageSpec::dsfr_1_15_3(), &entry);
    assert!(
        dsfr.contains("`atelier dsfr fetch` does it ahead of time"),
        "{dsfr}"
    );
}
