//! The editors' CMS as the binary publishes it: `/admin/` (or the `cms.path`) holds Decap
//! CMS from the verified package (the package comes from the user cache, or is downloaded
//! once, like DSFR's), a `config.yml` made from the content model and a French page that
//! loads nothing from another host; `cms: none` publishes nothing; `serve`'s copy edits the
//! working tree through the preview server. That the configuration has every field of every
//! kind is tested beside the code (`src/cms/tests.rs`), against the loader's own structs.

use crate::common;

use std::io::{Read, Write};
use std::net::TcpStream;

use crate::common::TestSite;

const SETTINGS: &str =
    "cms:\n  repo: culture/atelier\n  app_id: abc123\n  base_url: https://gitlab.exemple.gouv.fr/\n";

fn site(cms: &str) -> TestSite {
    let site = TestSite::minimal();
    site.write("site.yaml", &format!("title: Essai\ntheme: test\n{cms}"));
    site.write(
        "content/startups/ada.md",
        "---\ntitle: Ada\nmission: Aider.\nincubator: culture\ncontact: ada@exemple.gouv.fr\n\
         phases: [{name: investigation, start: 2024-01-15}]\nthematiques: [Open-Data, Patrimoine]\n---\nTexte.\n",
    );
    site
}

fn files_under(site: &TestSite, dir: &str) -> Vec<String> {
    common::tree(&site.root().join("public"))
        .into_keys()
        .filter(|p| p.starts_with(dir))
        .collect()
}

#[test]
fn build_publishes_the_cms_from_the_verified_package() {
    let site = site(SETTINGS);
    site.build(&[]);
    let files = files_under(&site, "admin/");
    for f in [
        "admin/index.html",
        "admin/config.yml",
        "admin/atelier-cms.js",
        "admin/decap-cms.js",
    ] {
        assert!(files.contains(&f.to_string()), "{f} in {files:?}");
    }
    assert!(files.contains(&"admin/decap-cms.js.LICENSE.txt".to_string()));
    // The chunks the bundle loads on demand, and nothing else of the package.
    let chunks = files.iter().filter(|f| f.ends_with(".decap-cms.js")).count();
    assert!(chunks > 50, "{chunks} chunks");
    assert!(
        !files.iter().any(|f| f.ends_with(".map") || f == "admin/cms.js"),
        "{files:?}"
    );
    assert_eq!(files.len(), chunks + 5, "{files:?}");
    let bundle = std::fs::metadata(site.root().join("public/admin/decap-cms.js"))
        .unwrap()
        .len();
    assert!(
        (4_000_000..8_000_000).contains(&bundle),
        "decap-cms.js is {bundle} bytes"
    );

    let html = site.read("public/admin/index.html");
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(
        html.contains("connect-src 'self' https://gitlab.exemple.gouv.fr;"),
        "{html}"
    );
    let srcs: Vec<&str> = html
        .split("src=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(srcs, ["/admin/decap-cms.js", "/admin/atelier-cms.js"]);

    let config: serde_yaml::Value = serde_yaml::from_str(&site.read("public/admin/config.yml")).unwrap();
    assert_eq!(config["locale"].as_str(), Some("fr"));
    assert_eq!(config["backend"]["repo"].as_str(), Some("culture/atelier"));
    assert_eq!(config["backend"]["app_id"].as_str(), Some("abc123"));
    assert_eq!(
        config["backend"]["base_url"].as_str(),
        Some("https://gitlab.exemple.gouv.fr")
    );
    assert_eq!(
        config.get("local_backend"),
        None,
        "the published CMS edits through GitLab only"
    );
    let startups = &config["collections"][0];
    assert_eq!(startups["folder"].as_str(), Some("content/startups"));
    let thematiques = startups["fields"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|f| f["name"].as_str() == Some("thematiques"))
        .unwrap();
    let values: Vec<&str> = thematiques["options"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        values,
        ["Open-Data", "Patrimoine"],
        "the thématiques of the site's fiches"
    );

    // Out of the sitemap, the search index and the feeds: only pages are listed there.
    for (rel, text) in common::tree(&site.root().join("public")) {
        if !rel.starts_with("admin/") && (rel.ends_with(".xml") || rel.ends_with(".json")) {
            assert!(!String::from_utf8_lossy(&text).contains("/admin/"), "{rel}");
        }
    }
}

#[test]
fn the_cms_is_published_where_the_settings_say_or_not_at_all() {
    let moved = site("cms:\n  path: /edition/cms/\n");
    moved.build(&[]);
    assert!(files_under(&moved, "admin/").is_empty());
    assert!(
        moved
            .read("public/edition/cms/index.html")
            .contains("src=\"/edition/cms/decap-cms.js\"")
    );
    assert!(moved.root().join("public/edition/cms/decap-cms.js").is_file());

    let none = site("cms: none\n");
    none.build(&[]);
    assert!(files_under(&none, "admin/").is_empty());
    // The test theme has no DSFR: without `cms:`, no CMS either.
    let default = site("");
    default.build(&[]);
    assert!(files_under(&default, "admin/").is_empty());
}

#[test]
fn bad_cms_settings_are_located_errors() {
    let site = site("cms: aucun\n");
    let run = site.run(&["build", "--date", common::DATE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("site.yaml:3:6"), "{}", run.stderr);
    assert!(run.stderr.contains("`none`"), "{}", run.stderr);
    site.write(
        "site.yaml",
        "title: Essai\ntheme: test\ncms:\n  repository: x\n  path: ../dehors\n",
    );
    let run = site.run(&["build", "--date", common::DATE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown key `cms.repository`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `repo`?"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`cms.path` must be a folder of the site, found `../dehors`"),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("dehors").exists());
}

#[test]
fn check_strict_wants_a_gitlab_project_for_the_published_cms() {
    let message = "names no GitLab project: editors cannot log in to it";
    let bare = site("cms:\n  path: admin\n");
    let run = bare.run(&["check", "--strict", "--date", common::DATE]);
    assert!(run.stderr.contains(message), "{}", run.stderr);
    assert!(run.stderr.contains("site.yaml:4:3"), "{}", run.stderr);
    // In French with `--lang fr`, where the editor reads it.
    let run = bare.run(&["check", "--strict", "--lang", "fr", "--date", common::DATE]);
    assert!(
        run.stderr.contains(
            "avertissement\u{202f}: le CMS de /admin/ ne désigne aucun projet GitLab\u{202f}: \
             les rédacteurs ne pourront pas s’y connecter"
        ),
        "{}",
        run.stderr
    );
    let run = bare.run(&["check", "--date", common::DATE]);
    assert!(!run.stderr.contains(message), "only --strict: {}", run.stderr);
    let set = site(SETTINGS);
    let run = set.run(&["check", "--strict", "--date", common::DATE]);
    assert!(!run.stderr.contains(message), "{}", run.stderr);
}

/// `GET path` on a running `atelier serve`: status line and body.
fn get(addr: &str, path: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_string(), body.to_string())
}

#[test]
fn serve_publishes_a_cms_that_edits_the_working_tree() {
    let site = site(SETTINGS);
    let (mut child, addr) = common::serve(
        &[
            "--date".as_ref(),
            common::DATE.as_ref(),
            "--root".as_ref(),
            site.root().as_os_str(),
        ],
        &[],
    );
    let (status, config) = get(&addr, "/admin/config.yml");
    let (_, html) = get(&addr, "/admin/");
    let (_, serve_js) = get(&addr, "/__atelier/cms.js");
    let (_, js) = get(&addr, "/admin/atelier-cms.js");
    let _ = child.kill();
    let _ = child.wait();
    assert!(status.contains("200"), "{status}");
    let config: serde_yaml::Value = serde_yaml::from_str(&config).unwrap();
    assert_eq!(config["local_backend"], serde_yaml::Value::Bool(true));
    assert!(
        html.find("/__atelier/cms.js") < html.find("/admin/decap-cms.js"),
        "{html}"
    );
    assert!(serve_js.contains("window.CMS_MANUAL_INIT = true;"), "{serve_js}");
    assert!(serve_js.contains("location.origin + \"/api/v1\""), "{serve_js}");
    assert!(js.contains("registerPreviewTemplate"), "{js}");
    assert!(
        !html.contains("live.js"),
        "the CMS page is never reloaded under the editor: {html}"
    );
    // What `build` publishes is the GitLab one.
    site.build(&[]);
    assert!(!site.read("public/admin/config.yml").contains("local_backend"));
    assert!(!site.read("public/admin/index.html").contains("__atelier"));
}

#[test]
fn without_the_package_the_build_says_how_to_get_it() {
    let site = site(SETTINGS);
    let cache = tempfile::tempdir().unwrap();
    let env = [
        ("ATELIER_CACHE_DIR", cache.path().to_str().unwrap()),
        ("ATELIER_OFFLINE", "1"),
    ];
    let run = site.run_env(&["build", "--date", common::DATE], &env);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: the CMS cannot be published: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ATELIER_DECAP_DIR"), "{}", run.stderr);
    assert!(run.stderr.contains("`cms: none`"), "{}", run.stderr);
    assert!(!site.root().join("public").exists());
    // `cms: none`: nothing to download.
    site.write("site.yaml", "title: Essai\ntheme: test\ncms: none\n");
    let run = site.run_env(&["build", "--date", common::DATE], &env);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
