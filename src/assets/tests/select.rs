//! `select` on the fake package, and the real package (ignored test).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::time::Instant;

use super::fake_package;
use crate::assets::*;

fn fake_pkg(dir: &Path) -> Package {
    Package {
        root: fake_package(dir, "1.15.3"),
        version: "1.15.3".into(),
        terms_version: "1.0.1".into(),
    }
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn selects_what_the_pages_need_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = fake_pkg(dir.path());
    let used = set(&["fr-icon-arrow-right-line", "fr-icon-typo", "fr-collapse", "fr-x"]);
    let art = set(&["artwork/pictograms/buildings/city-hall.svg", "artwork/light.svg"]);
    let files = select(&pkg, &used, &art).unwrap();
    let dests: Vec<&str> = files.iter().map(|f| f.dest.as_str()).collect();
    assert_eq!(
        dests,
        [
            "artwork/light.svg",
            "artwork/pictograms/buildings/city-hall.svg",
            "artwork/pictograms/environment/moon.svg",
            "artwork/pictograms/environment/sun.svg",
            "artwork/pictograms/system/system.svg",
            "dsfr.min.css",
            "dsfr.module.min.js",
            "dsfr.nomodule.min.js",
            "favicon/favicon.svg",
            "favicon/manifest.webmanifest",
            "fonts/M.woff",
            "fonts/M.woff2",
            "icons/arrows/arrow-right-line.svg",
            "utility/icons.css",
        ]
    );
    let dist = pkg.root.join("dist");
    let text = |dest: &str| {
        let file = files.iter().find(|f| f.dest == dest).unwrap();
        String::from_utf8(file.contents().unwrap().into_owned()).unwrap()
    };
    for file in &files {
        if let Source::File(path) = &file.source {
            assert_eq!(*path, dist.join(&file.dest));
        }
    }
    assert_eq!(
        text(ICONS_CSS),
        "/*!\n * DSFR v1.15.3 | SPDX-License-Identifier: Etalab-2.0\n */\n\
         .fr-icon-arrow-right-line:after,.fr-icon-arrow-right-line:before\
         {mask-image:url(../icons/arrows/arrow-right-line.svg)}\n"
    );
    // The close button's rule (and its icon) go: no page has `fr-btn--close`. The state
    // classes DSFR's script adds to a collapse stay, and so does what requires no class.
    assert_eq!(
        text(MAIN_CSS),
        "@charset \"UTF-8\";\n/*!\n * DSFR v1.15.3 | SPDX-License-Identifier: Etalab-2.0\n */\n\
         /* The rules that can apply to the classes of this site's pages (atelier). */\n\
         a{color:inherit}\n\
         @font-face{font-family:Marianne;src:url(fonts/M.woff2) format(\"woff2\"),url(fonts/M.woff) format(\"woff\")}\n\
         .fr-x{background:url(\"data:image/svg+xml;charset=utf8,<svg xmlns='http://www.w3.org/2000/svg'/>\")}\n\
         .fr-collapse{--collapse:-99999px}\n\
         .fr-collapse--expanded,.fr-collapsing{--collapse:0}\n\
         @media (min-width:48em){.fr-x{margin:0}}\n"
    );
    assert_eq!(files[0].contents().unwrap().as_ref(), b"<svg/>");
    assert_eq!(select(&pkg, &used, &art).unwrap(), files, "deterministic");
    let known = all_icon_classes(&pkg).unwrap();
    assert_eq!(known, set(&["fr-icon-arrow-right-line", "fr-icon-mail-line"]));

    // A page with a close button: its rule comes back, with the icon it references.
    let more = set(&["fr-btn--close"]);
    let files = select(&pkg, &more, &set(&[])).unwrap();
    assert!(files.iter().any(|f| f.dest == "icons/system/close-line.svg"));
    let main = files.iter().find(|f| f.dest == MAIN_CSS).unwrap();
    let main = String::from_utf8(main.contents().unwrap().into_owned()).unwrap();
    assert!(main.contains("\n.fr-btn--close:after{mask-image:url(icons/system/close-line.svg)}\n"));
    assert!(!main.contains(".fr-collapse"), "{main}");
}

#[test]
fn selection_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = fake_pkg(dir.path());
    let dist = pkg.root.join("dist");
    for (bad, reason) in [
        (
            "artwork/pictograms/x/none.svg",
            format!(
                "{} does not exist",
                dist.join("artwork/pictograms/x/none.svg").display()
            ),
        ),
        (
            "artwork/../dsfr.min.css",
            "it is not an .svg file under artwork/".to_string(),
        ),
        ("../../etc/passwd.svg", "it climbs out of dist/".to_string()),
    ] {
        let err = select(&pkg, &set(&[]), &set(&[bad])).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("artwork reference {bad:?} cannot be served: {reason}")
        );
    }
    fs::remove_file(dist.join("dsfr.module.js")).unwrap();
    let err = select(&pkg, &set(&[]), &set(&[])).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} is missing from the DSFR package (referenced by the selection of dsfr.min.css (it names the classes DSFR adds))",
            dist.join("dsfr.module.js").display()
        )
    );
    fs::write(dist.join("dsfr.module.js"), "").unwrap();
    fs::remove_file(dist.join("fonts/M.woff")).unwrap();
    let err = select(&pkg, &set(&[]), &set(&[])).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} is missing from the DSFR package (referenced by {})",
            dist.join("fonts/M.woff").display(),
            dist.join("dsfr.min.css").display()
        )
    );
}

/// Downloads the real @gouvfr/dsfr 1.15.3 from registry.npmjs.org (23 MB)
/// into a temporary cache, then checks the selection of a page using
/// `fr-icon-arrow-right-line`. Run with
/// `cargo test real_dsfr -- --ignored --nocapture` (needs the network;
/// honours HTTPS_PROXY and npm_config_registry).
#[test]
#[ignore = "downloads 23 MB from the npm registry"]
fn real_dsfr_1_15_3_download_and_selection() {
    let cache = tempfile::tempdir().unwrap();
    let opts = FetchOptions {
        package_dir: None,
        cache_dir: Some(cache.path().to_path_buf()),
        offline: false,
        ..FetchOptions::from_env()
    };
    let start = Instant::now();
    let pkg = locate(&PackageSpec::dsfr_1_15_3(), &opts).unwrap();
    println!("download + verify + unpack: {:?}", start.elapsed());
    assert_eq!(
        (pkg.version.as_str(), pkg.terms_version.as_str()),
        ("1.15.3", "1.0.1")
    );
    check_terms(&pkg, Some("1.0.1")).unwrap();

    let start = Instant::now();
    let pkg2 = locate(
        &PackageSpec::dsfr_1_15_3(),
        &FetchOptions {
            offline: true,
            ..opts
        },
    )
    .unwrap();
    println!("cached locate: {:?}", start.elapsed());
    assert_eq!(pkg2, pkg);

    let mut used = BTreeSet::new();
    collect_classes(
        r#"<a class="fr-link fr-icon-arrow-right-line fr-link--icon-right">"#,
        &mut used,
    );
    let start = Instant::now();
    let files = select(&pkg, &used, &BTreeSet::new()).unwrap();
    println!("select: {:?}", start.elapsed());
    let size: usize = files.iter().map(|f| f.contents().unwrap().len()).sum();
    println!("{} files, {} bytes", files.len(), size);
    let dests: BTreeSet<&str> = files.iter().map(|f| f.dest.as_str()).collect();
    for file in files.iter().filter(|f| f.dest.ends_with(".css")) {
        let text = String::from_utf8(file.contents().unwrap().into_owned()).unwrap();
        let dir = file.dest.rsplit_once('/').map_or("", |(d, _)| d);
        for url in css::local_urls(&text) {
            let target = css::resolve(dir, &url).unwrap();
            assert!(
                dests.contains(target.as_str()),
                "{} -> {url} not selected",
                file.dest
            );
        }
    }
    assert!(dests.contains("icons/arrows/arrow-right-line.svg"));
    assert!(dests.contains("fonts/Marianne-Regular.woff2"));
    let icons = files.iter().find(|f| f.dest == ICONS_CSS).unwrap();
    println!("{}", String::from_utf8_lossy(&icons.contents().unwrap()));
}
