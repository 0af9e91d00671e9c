//! Test harness: fixture sites copied into a temporary folder, and runs of the real binary.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const DATE: &str = "2026-11-28";

/// The accessibility statement every site needs (its footer links to it).
pub const STATEMENT: &str = "---\ntitle: Déclaration d'accessibilité\n---\nCe site est non conforme au RGAA : aucun audit n'a encore été réalisé.\n";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The repository's own site (its `site.yaml` and `content/`) with the shipped DSFR theme,
/// in a temporary folder.
pub fn real_site() -> TestSite {
    let site = TestSite::fixture("basic");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::remove_dir_all(site.root().join("content")).unwrap();
    copy_tree(&root.join("content"), &site.root().join("content"));
    copy_tree(&root.join("themes/dsfr"), &site.root().join("themes/dsfr"));
    std::fs::copy(root.join("site.yaml"), site.root().join("site.yaml")).unwrap();
    packages_fetched(site.root());
    site
}

/// The DSFR and Decap CMS packages of the real site in the cache, fetched once per test
/// run with `atelier dsfr fetch`, as a CI job does ahead of its builds. Otherwise, on a
/// machine whose cache is empty, the first build of a test prints that it downloads them
/// and the next does not: a test comparing two builds' messages would see that difference.
fn packages_fetched(site: &Path) {
    static FETCHED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    FETCHED.get_or_init(|| {
        let run = run_at(site, &["dsfr", "fetch"], &[]);
        assert_eq!(run.code, 0, "atelier dsfr fetch:\n{}", run.stderr);
    });
}

/// `atelier build <args>` of the repository's real site at `root` (a copy, as
/// [`real_site`] makes, or the repository itself), asserting that it succeeded.
pub fn build_real_site(root: &Path, args: &[&str]) -> Run {
    let args: Vec<&str> = ["build"].iter().chain(args).copied().collect();
    let run = run_at(root, &args, &[]);
    assert_eq!(run.code, 0, "the real site must build:\n{}", run.stderr);
    run
}

/// Runs `atelier <args>` in the folder `root`, the locale cleared and then `env` set.
pub fn run_at(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_atelier"));
    cmd.args(args)
        .current_dir(root)
        .env_remove("SOURCE_DATE_EPOCH")
        // Messages in English whatever the machine's locale (`tests/all/i18n.rs` sets it).
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `N` and `M` of the line `cache: N of M <what>` that `build --timings` prints (`what`:
/// `pages reused`, `Markdown bodies reused`, `pages read by the checks reused`).
pub fn cache_use(stdout: &str, what: &str) -> (usize, usize) {
    let line = stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("cache: "))
        .find(|l| l.ends_with(what))
        .unwrap_or_else(|| panic!("no `cache: … {what}` line in:\n{stdout}"));
    let number = |w: &str| w.replace(',', "").parse::<usize>().unwrap();
    let words: Vec<&str> = line.split_whitespace().collect();
    (number(words[0]), number(words[2]))
}

/// Copies `from` into `to`, skipping `expected/` folders.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_entry(|e| e.file_name() != "expected")
    {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A site in a temporary folder, with the test theme installed as `themes/test`.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl TestSite {
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::bare();
        copy_tree(&fixtures().join("sites").join(name), site.root());
        site
    }

    /// A one-page site: settings, home page and the test theme.
    pub fn minimal() -> TestSite {
        let site = TestSite::bare();
        site.write("site.yaml", "title: Essai\ntheme: test\n");
        site.write("content/_index.md", "---\ntitle: Accueil\n---\nBonjour.\n");
        site.write("content/accessibilite.md", STATEMENT);
        site
    }

    fn bare() -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixtures().join("theme"), &dir.path().join("themes/test"));
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Runs `atelier <args>` in the site's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_at(self.root(), args, env)
    }

    /// `atelier build --date DATE <extra>`, asserting success.
    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build", "--date", DATE];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// Every file under `dir`, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Every HTML page under `dir`, by relative path (`startups/ada/index.html`), sorted; not
/// the editors' CMS (the page that loads `decap-cms.js`, tested by tests/all/cms.rs), which is
/// a JavaScript application, not a page of the site.
pub fn html_pages(dir: &Path) -> Vec<(String, String)> {
    tree(dir)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .map(|(rel, bytes)| (rel, String::from_utf8(bytes).unwrap()))
        .filter(|(_, html)| !html.contains("/decap-cms.js\""))
        .collect()
}

/// The beta.gouv.fr corpus: `../shared/corpus/betagouv` beside the repository, or
/// `$ATELIER_CORPUS`; `None` when it is not there.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("ATELIER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/betagouv"));
    dir.join("startups").is_dir().then_some(dir)
}

/// A site with the test theme and every fiche and organisation of the corpus at `dir`
/// (see [`corpus`]), its links to images left on beta.gouv.fr reported as warnings. Returns
/// the site and the fiches written (`content/startups/*.md`), sorted.
pub fn corpus_site(dir: &Path) -> (TestSite, Vec<String>) {
    let site = TestSite::minimal();
    site.write("site.yaml", "title: Essai\ntheme: test\ncontent_links: warning\n");
    let mut fiches = Vec::new();
    for kind in ["startups", "organisations"] {
        for entry in std::fs::read_dir(dir.join(kind)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // Two organisation files of the corpus have no extension.
            let name = if name.ends_with(".md") {
                name
            } else {
                format!("{name}.md")
            };
            let rel = format!("content/{kind}/{name}");
            site.write_bytes(&rel, &std::fs::read(&path).unwrap());
            if kind == "startups" {
                fiches.push(rel);
            }
        }
    }
    fiches.sort();
    (site, fiches)
}

/// Starts `atelier serve` with `args`, the locale cleared and then `env` set, its standard
/// error thrown away; returns the process and the address it serves (`127.0.0.1:PORT`),
/// read after `http://` on its first line, whatever the language.
pub fn serve(args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_atelier"))
        .arg("serve")
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .split_once("http://")
        .and_then(|(_, u)| u.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line of serve: {line:?}"))
        .to_string();
    (child, addr)
}
