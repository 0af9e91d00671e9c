//! Writing the built site: minify, then bring the output folder in line with the site
//! rendered in memory, in place: files whose bytes are unchanged are left alone, changed
//! and new files are written, files of deleted pages are removed.
//!
//! [`write_site`] is only called once the whole site has rendered without error, and it
//! checks everything it can before touching the folder (every path stays inside it,
//! every copied file exists), so a failed build leaves the previous output untouched.
//! Measured on this project's disk (`bench/README.md`, "Write strategy"), this beats
//! writing a fresh folder and swapping it in: as fast on a first build, and a rebuild
//! that changes one page writes one file instead of re-creating and deleting them all.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::render::Output;

/// A file copied as it is (theme static files, DSFR assets, content images).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub src: PathBuf,
    /// Path relative to the output folder, `/`-separated.
    pub dest: String,
}

/// What [`write_site`] did, file by file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Synced {
    /// Files written because they were new or their bytes changed.
    pub written: usize,
    /// Files already holding the right bytes, left alone.
    pub unchanged: usize,
    /// Files and folders of the previous output that the site no longer has.
    pub removed: usize,
}

/// Minifies the HTML outputs in parallel. Deterministic: same bytes in, same bytes out.
pub fn minify(outputs: &mut [Output]) {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    // Without its end tag, `<p>Séjour<p>Accélération` ends its paragraph where the next
    // begins, and the search index (which reads the minified pages) lost the full stop it
    // puts between paragraphs in result excerpts. The end tags add 1 % to the gzipped pages.
    cfg.keep_closing_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = true;
    outputs
        .par_iter_mut()
        .filter(|o| o.path.ends_with(".html"))
        .for_each(|o| {
            o.bytes = minify_page(&o.bytes, &cfg);
            o.bytes.shrink_to_fit();
        });
}

/// minify-html takes `crossorigin` for a boolean attribute and drops its value, which would
/// turn the DSFR manifest link's `crossorigin="use-credentials"` into `anonymous`. The value
/// is hidden from the minifier under a private attribute, then written back.
const USE_CREDENTIALS: [&str; 2] = ["crossorigin=\"use-credentials\"", "crossorigin='use-credentials'"];
const HIDDEN_CREDENTIALS: &str = "data-atelier-use-credentials";

fn minify_page(html: &[u8], cfg: &minify_html::Cfg) -> Vec<u8> {
    match std::str::from_utf8(html) {
        Ok(text) if USE_CREDENTIALS.iter().any(|a| text.contains(a)) => {
            let hidden = USE_CREDENTIALS
                .iter()
                .fold(text.to_string(), |t, a| t.replace(a, HIDDEN_CREDENTIALS));
            let min = minify_html::minify(hidden.as_bytes(), cfg);
            String::from_utf8_lossy(&min)
                .replace(HIDDEN_CREDENTIALS, "crossorigin=use-credentials")
                .into_bytes()
        }
        _ => minify_html::minify(html, cfg),
    }
}

/// A relative output path that cannot leave the output folder.
fn safe_join(base: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
    let mut path = base.to_path_buf();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(Diagnostic::error(format!(
                    "refusing to write `{rel}` outside the output folder"
                ))
                .help("a page path or `redirect_from` contains `..`"));
            }
            p => path.push(p),
        }
    }
    if path == base {
        return Err(
            Diagnostic::error(format!("`{rel}` names the output folder itself, not a file"))
                .help("give every page and copied file a file name"),
        );
    }
    Ok(path)
}

/// Where the bytes of one output file come from.
#[derive(Clone, Copy)]
enum Source<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
}

fn io_error(action: &str, path: &Path, err: &io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot {action} `{}`: {err}", path.display()))
        .help("check the output folder's permissions and free space")
}

/// Makes `out_dir` hold exactly `outputs` and `copies` (a copy wins over a page of the
/// same path). Nothing is changed if a path leaves the folder or a copied file is missing.
pub fn write_site(out_dir: &Path, outputs: &[Output], copies: &[Copy]) -> Result<Synced, Diagnostic> {
    // Plan first, touching nothing.
    let mut wanted: HashMap<PathBuf, Source<'_>> = HashMap::with_capacity(outputs.len() + copies.len());
    for o in outputs {
        wanted.insert(safe_join(out_dir, &o.path)?, Source::Bytes(&o.bytes));
    }
    for c in copies {
        match std::fs::metadata(&c.src) {
            Ok(m) if m.is_file() => {}
            Ok(_) => return Err(io_error("copy", &c.src, &io::Error::other("not a file"))),
            Err(e) => return Err(io_error(&format!("copy to `{}`", c.dest), &c.src, &e)),
        }
        wanted.insert(safe_join(out_dir, &c.dest)?, Source::File(&c.src));
    }
    let mut dirs: HashSet<PathBuf> = HashSet::new();
    for path in wanted.keys() {
        let mut d = path.parent();
        while let Some(p) = d {
            if p == out_dir || !dirs.insert(p.to_path_buf()) {
                break;
            }
            d = p.parent();
        }
    }

    // Then bring the folder in line: remove what the site no longer has (and anything in
    // the way of a file or folder it needs), then write what is new or changed.
    let mut synced = Synced::default();
    match std::fs::symlink_metadata(out_dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            std::fs::remove_file(out_dir).map_err(|e| io_error("remove", out_dir, &e))?;
            synced.removed += 1;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error("read", out_dir, &e)),
    }
    crate::fs::create_dir_all(out_dir)?;
    let mut existing = HashSet::new();
    prune(out_dir, &wanted, &dirs, &mut existing, &mut synced)?;
    let mut missing: Vec<&PathBuf> = dirs.iter().filter(|d| !existing.contains(*d)).collect();
    missing.sort();
    for d in missing {
        crate::fs::create_dir_all(d)?;
    }
    let results: Vec<bool> = wanted
        .par_iter()
        .map(|(path, source)| sync_file(path, *source, existing.contains(path)))
        .collect::<Result<_, _>>()?;
    let written = results.iter().filter(|w| **w).count();
    synced.written += written;
    synced.unchanged += results.len() - written;
    Ok(synced)
}

/// Walks the previous output: removes files and folders the site no longer has, files
/// where a folder is needed and the reverse, and symbolic links (never written through).
/// Records in `existing` the files and folders that stay.
fn prune(
    dir: &Path,
    wanted: &HashMap<PathBuf, Source<'_>>,
    dirs: &HashSet<PathBuf>,
    existing: &mut HashSet<PathBuf>,
    synced: &mut Synced,
) -> Result<(), Diagnostic> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_error("read the folder", dir, &e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io_error("read the folder", dir, &e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| io_error("read", &path, &e))?;
        if kind.is_dir() {
            if dirs.contains(&path) {
                prune(&path, wanted, dirs, existing, synced)?;
                existing.insert(path);
            } else {
                std::fs::remove_dir_all(&path).map_err(|e| io_error("remove", &path, &e))?;
                synced.removed += 1;
            }
        } else if kind.is_file() && wanted.contains_key(&path) {
            existing.insert(path);
        } else {
            std::fs::remove_file(&path).map_err(|e| io_error("remove", &path, &e))?;
            synced.removed += 1;
        }
    }
    Ok(())
}

/// Writes one file unless it already holds the right bytes. Returns whether it wrote.
fn sync_file(path: &Path, source: Source<'_>, exists: bool) -> Result<bool, Diagnostic> {
    match source {
        Source::Bytes(bytes) => {
            if exists && same_bytes(path, bytes) {
                return Ok(false);
            }
            crate::fs::write(path, bytes)?;
        }
        Source::File(src) => {
            if exists && same_file(src, path) {
                return Ok(false);
            }
            crate::fs::copy(src, path)?;
        }
    }
    Ok(true)
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

fn same_file(src: &Path, dest: &Path) -> bool {
    let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
    len(src).is_some() && len(src) == len(dest) && {
        match (std::fs::read(src), std::fs::read(dest)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::*;

    fn out(path: &str, text: &str) -> Output {
        Output {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    /// Every file under `dir`, relative, sorted.
    fn tree(dir: &Path) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                if e.file_type().is_dir() {
                    format!("{rel}/")
                } else {
                    rel
                }
            })
            .collect();
        files.sort();
        files
    }

    fn age(path: &Path) {
        let old = SystemTime::now() - Duration::from_secs(3600 * 24);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }

    fn modified(path: &Path) -> SystemTime {
        std::fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn the_folder_ends_up_holding_exactly_the_site() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        write_site(
            &public,
            &[
                out("a/index.html", "A"),
                out("b/c/index.html", "C"),
                out("404.html", "N"),
            ],
            &[],
        )
        .unwrap();
        let synced = write_site(&public, &[out("a/index.html", "A2"), out("404.html", "N")], &[]).unwrap();
        assert_eq!(read(&public.join("a/index.html")), "A2");
        assert_eq!(
            tree(&public),
            ["404.html", "a/", "a/index.html"],
            "stale pages and folders are removed"
        );
        assert_eq!(
            synced,
            Synced {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        let beside: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(beside.len(), 1, "nothing is left beside the output folder");
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        let style = tmp.path().join("style.css");
        std::fs::write(&style, "body{}").unwrap();
        let copies = [Copy {
            src: style.clone(),
            dest: "style.css".into(),
        }];
        write_site(
            &public,
            &[out("a/index.html", "A"), out("b/index.html", "B")],
            &copies,
        )
        .unwrap();
        for f in ["a/index.html", "b/index.html", "style.css"] {
            age(&public.join(f));
        }
        let when = |f: &str| modified(&public.join(f));
        let (before, b_before, css_before) = (when("a/index.html"), when("b/index.html"), when("style.css"));
        let synced = write_site(
            &public,
            &[out("a/index.html", "A"), out("b/index.html", "B!")],
            &copies,
        )
        .unwrap();
        assert_eq!(
            modified(&public.join("a/index.html")),
            before,
            "same bytes: not touched"
        );
        assert_eq!(
            modified(&public.join("style.css")),
            css_before,
            "same copy: not touched"
        );
        assert_ne!(modified(&public.join("b/index.html")), b_before);
        assert_eq!(read(&public.join("b/index.html")), "B!");
        assert_eq!((synced.written, synced.unchanged), (1, 2));
        std::fs::write(&style, "body{color:red}").unwrap();
        write_site(
            &public,
            &[out("a/index.html", "A"), out("b/index.html", "B!")],
            &copies,
        )
        .unwrap();
        assert_eq!(
            read(&public.join("style.css")),
            "body{color:red}",
            "a changed copy is copied"
        );
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        write_site(
            &public,
            &[out("index.html", "old"), out("x/index.html", "x")],
            &[],
        )
        .unwrap();
        let missing = Copy {
            src: tmp.path().join("nope.css"),
            dest: "x.css".into(),
        };
        let err = write_site(&public, &[out("index.html", "new")], &[missing]).unwrap_err();
        assert!(err.message.contains("nope.css"), "{}", err.message);
        assert_eq!(read(&public.join("index.html")), "old");
        assert_eq!(tree(&public), ["index.html", "x/", "x/index.html"]);
    }

    #[test]
    fn refuses_paths_leaving_the_folder_before_touching_it() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("p");
        write_site(&public, &[out("index.html", "old")], &[]).unwrap();
        let err = write_site(
            &public,
            &[out("index.html", "new"), out("../evil.html", "x")],
            &[],
        )
        .unwrap_err();
        assert!(err.message.contains("outside"));
        assert!(!tmp.path().join("evil.html").exists());
        assert_eq!(read(&public.join("index.html")), "old");
    }

    #[test]
    fn files_and_folders_swap_places() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        write_site(&public, &[out("a", "file"), out("b/index.html", "B")], &[]).unwrap();
        write_site(&public, &[out("a/index.html", "A"), out("b", "file")], &[]).unwrap();
        assert_eq!(tree(&public), ["a/", "a/index.html", "b"]);
        assert_eq!(read(&public.join("b")), "file");
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symbolic_link() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        let outside = tmp.path().join("outside.html");
        std::fs::write(&outside, "mine").unwrap();
        std::fs::create_dir_all(&public).unwrap();
        std::os::unix::fs::symlink(&outside, public.join("index.html")).unwrap();
        write_site(&public, &[out("index.html", "page")], &[]).unwrap();
        assert_eq!(read(&outside), "mine");
        assert_eq!(read(&public.join("index.html")), "page");
        assert!(
            !std::fs::symlink_metadata(public.join("index.html"))
                .unwrap()
                .is_symlink()
        );
    }

    #[test]
    fn minifies_html_only() {
        let mut o = vec![out("a.html", "<p>  a  </p>\n\n"), out("a.css", "a  {  }")];
        minify(&mut o);
        assert_eq!(o[0].bytes, b"<p>a</p>", "end tags are kept, for the search index");
        assert_eq!(o[1].bytes, b"a  {  }");
    }

    #[test]
    fn keeps_crossorigin_use_credentials() {
        let html = r#"<link rel="manifest" href="/m.webmanifest" crossorigin="use-credentials"><script crossorigin="anonymous" src="/a.js"></script>"#;
        let mut o = vec![out("a.html", html)];
        minify(&mut o);
        let min = String::from_utf8(o[0].bytes.clone()).unwrap();
        assert!(min.contains("crossorigin=use-credentials"), "{min}");
        assert!(!min.contains("data-atelier"), "{min}");
    }
}
