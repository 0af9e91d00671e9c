//! Content-hashed asset names: `dsfr/dsfr.min.css` becomes `dsfr/dsfr.min.<hash>.css`, so
//! a host may let browsers keep it for a year: a new content is a new name.
//!
//! Stylesheets name fonts and icons by relative `url()`, and the web app manifest names its
//! icons by relative `src`. Rather than leaving such files unhashed, their references are
//! rewritten: leaves are hashed first, then each file that refers to them is rewritten to
//! the new names and hashed in turn, so its name changes whenever a file it refers to
//! changes. Renamed files stay in their folder, so the relative references of a renamed
//! file still resolve. Files referring to each other in a cycle (none in DSFR) keep their
//! names, with their references to other files rewritten. Pages follow through
//! [`rewrite_references`].

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::assets::css;
use crate::diagnostic::Diagnostic;
use crate::pipeline::{CopiedFile, Output};

/// Hex digits of the content hash in a name.
pub const HASH_LEN: usize = 10;

/// One file to hash: its path in the output and its content.
#[derive(Debug, Clone, Copy)]
pub struct Asset<'a> {
    pub path: &'a str,
    pub bytes: &'a [u8],
}

/// What [`plan`] decided.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Old path → new path, for every renamed asset.
    pub renamed: HashMap<String, String>,
    /// New content of the assets whose references were rewritten, by old path.
    pub rewritten: HashMap<String, Vec<u8>>,
}

/// `dir/name.ext` → `dir/name.<hash of bytes>.ext` (the hash goes before the last extension).
pub fn hashed_name(path: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest
        .iter()
        .take(HASH_LEN / 2)
        .map(|b| format!("{b:02x}"))
        .collect();
    let (dir, file) = match path.rsplit_once('/') {
        Some((dir, file)) => (Some(dir), file),
        None => (None, path),
    };
    let name = match file.rfind('.') {
        Some(dot) if dot > 0 => format!("{}.{hex}{}", &file[..dot], &file[dot..]),
        _ => format!("{file}.{hex}"),
    };
    match dir {
        Some(dir) => format!("{dir}/{name}"),
        None => name,
    }
}

/// Decides the new name of every asset, and the new content of those referring to others.
pub fn plan(assets: &[Asset<'_>]) -> Plan {
    let by_path: HashMap<&str, &Asset<'_>> = assets.iter().map(|a| (a.path, a)).collect();
    let deps: HashMap<&str, Vec<String>> = assets
        .iter()
        .map(|a| {
            let mut d: Vec<String> = references(a)
                .into_iter()
                .filter(|r| r != a.path && by_path.contains_key(r.as_str()))
                .collect();
            d.sort();
            d.dedup();
            (a.path, d)
        })
        .collect();
    let mut pending: Vec<&str> = assets.iter().map(|a| a.path).collect();
    pending.sort_unstable();
    let mut plan = Plan::default();
    loop {
        let before = pending.len();
        pending.retain(|path| {
            if !deps[path].iter().all(|d| plan.renamed.contains_key(d)) {
                return true;
            }
            let asset = by_path[path];
            let content = rewrite(asset, &plan.renamed);
            let bytes = content.as_deref().unwrap_or(asset.bytes);
            plan.renamed.insert(path.to_string(), hashed_name(path, bytes));
            if let Some(c) = content {
                plan.rewritten.insert(path.to_string(), c);
            }
            false
        });
        if pending.len() == before {
            break;
        }
    }
    for path in pending {
        if let Some(c) = rewrite(by_path[path], &plan.renamed) {
            plan.rewritten.insert(path.to_string(), c);
        }
    }
    plan
}

/// The folder of a path (`dsfr/utility` for `dsfr/utility/icons.css`).
fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// What a file refers to by relative path, resolved to output paths.
fn references(asset: &Asset<'_>) -> Vec<String> {
    let dir = dir_of(asset.path);
    let mut found = Vec::new();
    match kind(asset) {
        Some(Kind::Css(text)) => {
            for url in css::local_urls(text) {
                found.extend(css::resolve(dir, &url));
            }
        }
        Some(Kind::Manifest(json)) => {
            each_src(&json, &mut |src| {
                if let Some(path) = local(src) {
                    found.extend(css::resolve(dir, path));
                }
            });
        }
        None => {}
    }
    found
}

enum Kind<'a> {
    Css(&'a str),
    Manifest(serde_json::Value),
}

fn kind<'a>(asset: &Asset<'a>) -> Option<Kind<'a>> {
    if asset.path.ends_with(".css") {
        std::str::from_utf8(asset.bytes).ok().map(Kind::Css)
    } else if asset.path.ends_with(".webmanifest") {
        serde_json::from_slice(asset.bytes).ok().map(Kind::Manifest)
    } else {
        None
    }
}

/// The path part of a relative reference; `None` for absolute URLs, data URIs, fragments.
fn local(reference: &str) -> Option<&str> {
    let path = reference.trim().split(['?', '#']).next().unwrap_or_default();
    let scheme = path.find(':').is_some_and(|c| !path[..c].contains('/'));
    (!path.is_empty() && !scheme && !path.starts_with('/')).then_some(path)
}

/// The reference with its last path segment replaced by the renamed file's, when it points
/// at a renamed file. Query and fragment are kept.
fn renamed_reference(dir: &str, reference: &str, renamed: &HashMap<String, String>) -> Option<String> {
    let path = local(reference)?;
    let new = renamed.get(&css::resolve(dir, path)?)?;
    let new_file = new.rsplit_once('/').map_or(new.as_str(), |(_, f)| f);
    let trimmed = reference.trim();
    let head = path.rsplit_once('/').map_or("", |(d, _)| d);
    let rest = &trimmed[path.len()..];
    Some(if head.is_empty() {
        format!("{new_file}{rest}")
    } else {
        format!("{head}/{new_file}{rest}")
    })
}

/// The content with its references to renamed files rewritten, if any changed.
fn rewrite(asset: &Asset<'_>, renamed: &HashMap<String, String>) -> Option<Vec<u8>> {
    let dir = dir_of(asset.path);
    match kind(asset)? {
        Kind::Css(text) => {
            let mut changed = false;
            let out = css::rewrite_urls(text, |target| {
                let new = renamed_reference(dir, target, renamed);
                changed |= new.is_some();
                new
            });
            changed.then(|| out.into_bytes())
        }
        Kind::Manifest(mut json) => {
            let mut changed = false;
            each_src_mut(&mut json, &mut |src| {
                if let Some(new) = renamed_reference(dir, src, renamed) {
                    *src = new;
                    changed = true;
                }
            });
            if !changed {
                return None;
            }
            let mut out = serde_json::to_vec_pretty(&json).ok()?;
            out.push(b'\n');
            Some(out)
        }
    }
}

/// Calls `f` on every string value of a `src` key (web app manifest icons, screenshots).
fn each_src(value: &serde_json::Value, f: &mut impl FnMut(&str)) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match v {
                    serde_json::Value::String(s) if k == "src" => f(s),
                    other => each_src(other, f),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| each_src(v, f)),
        _ => {}
    }
}

fn each_src_mut(value: &mut serde_json::Value, f: &mut impl FnMut(&mut String)) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                match v {
                    serde_json::Value::String(s) if k == "src" => f(s),
                    other => each_src_mut(other, f),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| each_src_mut(v, f)),
        _ => {}
    }
}

/// Rewrites, in a page, the URLs of renamed assets: `{base_path}{old}` and
/// `{origin}{base_path}{old}` become the new names, where they stand as a whole URL (after
/// a quote, `=`, `(`, `,` or a space, and up to a quote, `#`, `?`, `)`, `,`, `<`, `&` or a
/// space). `None` when nothing changed.
pub fn rewrite_references<S: std::hash::BuildHasher>(
    html: &str,
    base_path: &str,
    origin: Option<&str>,
    renamed: &HashMap<String, String, S>,
) -> Option<String> {
    if renamed.is_empty() || base_path.is_empty() {
        return None;
    }
    let starts_url = |before: &str| {
        before
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '"' | '\'' | '=' | '(' | ',') || c.is_whitespace())
    };
    let mut out = String::new();
    let mut copied = 0;
    for i in memchr::memmem::find_iter(html.as_bytes(), base_path) {
        if i < copied {
            continue;
        }
        let before = &html[..i];
        let at_start =
            starts_url(before) || origin.is_some_and(|o| before.strip_suffix(o).is_some_and(&starts_url));
        if !at_start {
            continue;
        }
        let start = i + base_path.len();
        let end = html[start..]
            .find(|c: char| {
                matches!(c, '"' | '\'' | '#' | '?' | ')' | ',' | '<' | '>' | '&') || c.is_whitespace()
            })
            .map_or(html.len(), |e| start + e);
        if let Some(new) = renamed.get(&html[start..end]) {
            out.push_str(&html[copied..start]);
            out.push_str(new);
            copied = end;
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// Whether a file is a theme or DSFR asset whose name gets a content hash.
fn hashed(dest: &str, src: Option<&Path>, theme_static: &Path) -> bool {
    let dsfr = dest.starts_with(&format!("{}/", crate::assets::DSFR_DIR));
    dsfr || src.is_some_and(|s| s.starts_with(theme_static))
}

/// Gives the DSFR files and the theme's static files content-hashed names, rewriting the
/// pages' references (under `base_path`, or absolute with `origin`). Returns the renaming.
pub fn hash_assets(
    base_path: &str,
    origin: Option<&str>,
    theme_static: &Path,
    outputs: &mut Vec<Output>,
    copies: &mut Vec<CopiedFile>,
) -> Result<HashMap<String, String>, Diagnostic> {
    let read: Vec<(usize, Vec<u8>)> = copies
        .par_iter()
        .enumerate()
        .filter(|(_, c)| hashed(&c.dest, Some(&c.src), theme_static))
        .map(|(i, c)| crate::fs::read(&c.src).map(|bytes| (i, bytes)))
        .collect::<Result<_, _>>()?;
    let mut assets: Vec<Asset<'_>> = read
        .iter()
        .map(|(i, bytes)| Asset {
            path: &copies[*i].dest,
            bytes,
        })
        .collect();
    assets.extend(
        outputs
            .iter()
            .filter(|o| hashed(&o.path, None, theme_static))
            .map(|o| Asset {
                path: &o.path,
                bytes: &o.bytes,
            }),
    );
    let plan = plan(&assets);
    drop(assets);

    let mut rewritten = plan.rewritten;
    let mut kept = Vec::with_capacity(copies.len());
    for c in copies.drain(..) {
        let new_path = plan.renamed.get(&c.dest).cloned();
        match rewritten.remove(&c.dest) {
            Some(bytes) => outputs.push(Output {
                path: new_path.unwrap_or(c.dest),
                bytes,
            }),
            None => kept.push(CopiedFile {
                dest: new_path.unwrap_or(c.dest),
                src: c.src,
            }),
        }
    }
    *copies = kept;
    // Every page is read for the addresses it names (each `/` may start one): looked up in
    // a map with a fast hash.
    let renamed: HashMap<String, String, rustc_hash::FxBuildHasher> =
        plan.renamed.clone().into_iter().collect();
    outputs.par_iter_mut().for_each(|o| {
        if let Some(bytes) = rewritten.get(&o.path) {
            o.bytes.clone_from(bytes);
        }
        if let Some(new) = renamed.get(&o.path) {
            o.path.clone_from(new);
        }
        if o.path.ends_with(".html")
            && let Some(text) = crate::utf8::str(&o.bytes)
            && let Some(new) = rewrite_references(text, base_path, origin, &renamed)
        {
            o.bytes = new.into_bytes();
        }
    });
    Ok(plan.renamed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset<'a>(path: &'a str, text: &'a str) -> Asset<'a> {
        Asset {
            path,
            bytes: text.as_bytes(),
        }
    }

    #[test]
    fn names_carry_the_hash_before_the_extension() {
        let name = hashed_name("dsfr/dsfr.min.css", b"a{}");
        let hash = &name["dsfr/dsfr.min.".len()..name.len() - ".css".len()];
        assert_eq!(hash.len(), HASH_LEN);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{name}");
        assert_ne!(name, hashed_name("dsfr/dsfr.min.css", b"b{}"));
        assert_eq!(name, hashed_name("dsfr/dsfr.min.css", b"a{}"));
        assert!(hashed_name("LICENSE", b"x").starts_with("LICENSE."));
    }

    #[test]
    fn stylesheets_follow_the_files_they_name() {
        let font = asset("dsfr/fonts/M.woff2", "font");
        let icon = asset("dsfr/icons/a/b.svg", "<svg/>");
        let sheet = asset(
            "dsfr/dsfr.min.css",
            "@font-face{src:url(fonts/M.woff2?v=1) format(\"woff2\")}.i{mask:url('icons/a/b.svg')}.d{background:url(data:image/png;base64,AA)}",
        );
        let sub = asset("dsfr/utility/icons.css", ".i{mask:url(../icons/a/b.svg)}");
        let plan = plan(&[font, icon, sheet, sub]);
        let new_font = &plan.renamed["dsfr/fonts/M.woff2"];
        let new_icon = &plan.renamed["dsfr/icons/a/b.svg"];
        let css = String::from_utf8(plan.rewritten["dsfr/dsfr.min.css"].clone()).unwrap();
        let font_file = new_font.rsplit('/').next().unwrap();
        let icon_file = new_icon.rsplit('/').next().unwrap();
        assert_eq!(
            css,
            format!(
                "@font-face{{src:url(fonts/{font_file}?v=1) format(\"woff2\")}}.i{{mask:url('icons/a/{icon_file}')}}.d{{background:url(data:image/png;base64,AA)}}"
            )
        );
        assert_eq!(
            plan.renamed["dsfr/dsfr.min.css"],
            hashed_name("dsfr/dsfr.min.css", css.as_bytes()),
            "the stylesheet is hashed after its references are rewritten"
        );
        let sub_css = String::from_utf8(plan.rewritten["dsfr/utility/icons.css"].clone()).unwrap();
        assert_eq!(sub_css, format!(".i{{mask:url(../icons/a/{icon_file})}}"));
    }

    #[test]
    fn a_changed_font_renames_its_stylesheet() {
        let sheet = "@font-face{src:url(fonts/M.woff2)}";
        let a = plan(&[asset("fonts/M.woff2", "v1"), asset("s.css", sheet)]);
        let b = plan(&[asset("fonts/M.woff2", "v2"), asset("s.css", sheet)]);
        assert_ne!(a.renamed["s.css"], b.renamed["s.css"]);
    }

    #[test]
    fn manifest_icons_follow() {
        let manifest = r#"{"icons":[{"src":"android-192.png","sizes":"192x192"}],"name":"x"}"#;
        let plan = plan(&[
            asset("dsfr/favicon/android-192.png", "png"),
            asset("dsfr/favicon/manifest.webmanifest", manifest),
        ]);
        let json: serde_json::Value =
            serde_json::from_slice(&plan.rewritten["dsfr/favicon/manifest.webmanifest"]).unwrap();
        let new = &plan.renamed["dsfr/favicon/android-192.png"];
        assert_eq!(
            json["icons"][0]["src"].as_str().unwrap(),
            new.rsplit('/').next().unwrap()
        );
        assert_eq!(json["name"], "x");
    }

    #[test]
    fn cycles_keep_their_names_but_rewrite_other_references() {
        let plan = plan(&[
            asset("a.css", "@import url(b.css);x{background:url(i.png)}"),
            asset("b.css", "@import url(a.css);"),
            asset("i.png", "png"),
        ]);
        assert!(!plan.renamed.contains_key("a.css") && !plan.renamed.contains_key("b.css"));
        let a = String::from_utf8(plan.rewritten["a.css"].clone()).unwrap();
        assert!(a.contains(&plan.renamed["i.png"]), "{a}");
        assert!(!plan.rewritten.contains_key("b.css"));
    }

    #[test]
    fn pages_follow_under_a_base_path_and_in_absolute_urls() {
        let renamed: HashMap<String, String> = [
            (
                "dsfr/dsfr.min.css".to_string(),
                "dsfr/dsfr.min.0123456789.css".to_string(),
            ),
            (
                "images/partage.png".to_string(),
                "images/partage.abcdef0123.png".to_string(),
            ),
            (
                "dsfr/artwork/sun.svg".to_string(),
                "dsfr/artwork/sun.9999999999.svg".to_string(),
            ),
        ]
        .into();
        let html = r#"<link href="/atelier/dsfr/dsfr.min.css"><meta content="https://example.org/atelier/images/partage.png"><use href="/atelier/dsfr/artwork/sun.svg#artwork-major"><a href="/other/atelier/dsfr/dsfr.min.css">x</a> /atelier/dsfr/dsfr.min.cssx"#;
        let out = rewrite_references(html, "/atelier/", Some("https://example.org"), &renamed).unwrap();
        assert_eq!(
            out,
            r#"<link href="/atelier/dsfr/dsfr.min.0123456789.css"><meta content="https://example.org/atelier/images/partage.abcdef0123.png"><use href="/atelier/dsfr/artwork/sun.9999999999.svg#artwork-major"><a href="/other/atelier/dsfr/dsfr.min.css">x</a> /atelier/dsfr/dsfr.min.cssx"#
        );
        assert_eq!(rewrite_references("<p>rien</p>", "/", None, &renamed), None);
        let root = rewrite_references(
            r#"<img src="/images/partage.png" srcset="/images/partage.png 2x">"#,
            "/",
            None,
            &renamed,
        )
        .unwrap();
        assert_eq!(
            root,
            r#"<img src="/images/partage.abcdef0123.png" srcset="/images/partage.abcdef0123.png 2x">"#
        );
    }
}
