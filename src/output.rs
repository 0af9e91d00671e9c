//! Writing the built site: minify, then write everything into a fresh folder beside the
//! output folder and swap it in only when all of it was written. A failed build leaves the
//! previous output untouched, and files of deleted pages never survive.

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

/// Minifies the HTML outputs in parallel. Deterministic: same bytes in, same bytes out.
pub fn minify(outputs: &mut [Output]) {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = true;
    outputs
        .par_iter_mut()
        .filter(|o| o.path.ends_with(".html"))
        .for_each(|o| o.bytes = minify_page(&o.bytes, &cfg));
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
    Ok(path)
}

/// Writes `outputs` and `copies` as the new content of `out_dir`.
pub fn write_site(out_dir: &Path, outputs: &[Output], copies: &[Copy]) -> Result<(), Diagnostic> {
    let name = out_dir
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::fs::create_dir_all(parent)?;
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.tmp-{pid}"));
    crate::fs::remove_dir_all(&tmp)?;
    let result = fill(&tmp, outputs, copies);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let old = parent.join(format!(".{name}.old-{pid}"));
    if out_dir.exists() {
        if let Err(e) = crate::fs::rename(out_dir, &old) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    }
    if let Err(e) = crate::fs::rename(&tmp, out_dir) {
        // Put the previous output back where it was.
        let _ = std::fs::rename(&old, out_dir);
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    crate::fs::remove_dir_all(&old)
}

fn fill(dir: &Path, outputs: &[Output], copies: &[Copy]) -> Result<(), Diagnostic> {
    crate::fs::create_dir_all(dir)?;
    let mut dirs: Vec<PathBuf> = outputs
        .iter()
        .map(|o| o.path.as_str())
        .chain(copies.iter().map(|c| c.dest.as_str()))
        .map(|rel| safe_join(dir, rel).map(|p| p.parent().unwrap_or(dir).to_path_buf()))
        .collect::<Result<_, _>>()?;
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        crate::fs::create_dir_all(d)?;
    }
    outputs
        .par_iter()
        .try_for_each(|o| crate::fs::write(&safe_join(dir, &o.path)?, &o.bytes))?;
    copies
        .par_iter()
        .try_for_each(|c| crate::fs::copy(&c.src, &safe_join(dir, &c.dest)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str, text: &str) -> Output {
        Output {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_the_whole_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        write_site(
            &public,
            &[out("a/index.html", "A"), out("b/index.html", "B")],
            &[],
        )
        .unwrap();
        write_site(&public, &[out("a/index.html", "A2")], &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(public.join("a/index.html")).unwrap(),
            "A2"
        );
        assert!(!public.join("b").exists(), "stale pages are removed");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folder left behind");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        write_site(&public, &[out("index.html", "old")], &[]).unwrap();
        let missing = Copy {
            src: tmp.path().join("nope.css"),
            dest: "x.css".into(),
        };
        let err = write_site(&public, &[out("index.html", "new")], &[missing]).unwrap_err();
        assert!(err.message.contains("nope.css"), "{}", err.message);
        assert_eq!(std::fs::read_to_string(public.join("index.html")).unwrap(), "old");
    }

    #[test]
    fn refuses_paths_leaving_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let err = write_site(&tmp.path().join("p"), &[out("../evil.html", "x")], &[]).unwrap_err();
        assert!(err.message.contains("outside"));
        assert!(!tmp.path().join("evil.html").exists());
    }

    #[test]
    fn minifies_html_only() {
        let mut o = vec![out("a.html", "<p>  a  </p>\n\n"), out("a.css", "a  {  }")];
        minify(&mut o);
        assert_eq!(o[0].bytes, b"<p>a");
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
