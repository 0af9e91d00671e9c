//! Which inputs of the site a batch of changed paths touches. Pure: no IO, so the rules
//! are table-tested; the project then works out the pages each input affects.

use std::path::{Component, Path};

use super::Change;
use crate::content::is_ignored;

/// Sorts changed paths (absolute, or relative to the site folder) into a [`Change`].
/// `root` is the site folder and `theme` the theme in use. Paths outside the site's
/// inputs (the output folder, `target/`, other themes) and editor leftovers (swap files,
/// backups, lock files, hidden files) are left out.
pub fn classify<P: AsRef<Path>>(root: &Path, theme: &str, paths: &[P]) -> Change {
    let mut change = Change::default();
    for path in paths {
        let path = path.as_ref();
        let rel = if path.is_absolute() {
            match path.strip_prefix(root) {
                Ok(r) => r,
                Err(_) => continue,
            }
        } else {
            path
        };
        let Some(parts) = parts(rel) else { continue };
        if parts.iter().any(|p| is_ignored(p)) {
            continue;
        }
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        match parts.as_slice() {
            ["site.yaml"] => change.config = true,
            ["content"] => {
                change.content.insert(String::new());
            }
            ["content", rest @ ..] => {
                change.content.insert(rest.join("/"));
            }
            ["templates", ..] => {
                change.templates.insert(rel.to_path_buf());
            }
            ["static", ..] => change.statics = true,
            ["themes", t, rest @ ..] if *t == theme => match rest {
                ["templates", ..] => {
                    change.templates.insert(rel.to_path_buf());
                }
                ["static", ..] => change.statics = true,
                // The theme folder itself or its settings: everything.
                [] | ["theme.yaml"] => change.config = true,
                _ => {}
            },
            _ => {}
        }
    }
    change
}

/// The components of a relative path, or `None` if it leaves the folder.
fn parts(rel: &Path) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(s) => out.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    fn content(rels: &[&str]) -> Change {
        Change {
            content: rels.iter().map(|s| s.to_string()).collect(),
            ..Change::default()
        }
    }

    fn templates(paths: &[&str]) -> Change {
        Change {
            templates: paths.iter().map(PathBuf::from).collect(),
            ..Change::default()
        }
    }

    #[test]
    fn sorts_paths_into_inputs() {
        let config = Change {
            config: true,
            ..Change::default()
        };
        let statics = Change {
            statics: true,
            ..Change::default()
        };
        let cases: Vec<(Vec<&str>, Change)> = vec![
            (vec!["/site/site.yaml"], config.clone()),
            (vec!["/site/themes/dsfr/theme.yaml"], config.clone()),
            (vec!["/site/themes/dsfr"], config.clone()),
            (
                vec!["/site/content/startups/ada.md"],
                content(&["startups/ada.md"]),
            ),
            (vec!["content/startups/ada.md"], content(&["startups/ada.md"])),
            (vec!["/site/content/startups"], content(&["startups"])),
            (vec!["/site/content"], content(&[""])),
            (vec!["/site/content/img/logo.png"], content(&["img/logo.png"])),
            // A rename reports both names; both are looked at again.
            (
                vec!["/site/content/startups/old.md", "/site/content/startups/new.md"],
                content(&["startups/new.md", "startups/old.md"]),
            ),
            (
                vec!["/site/themes/dsfr/templates/base.html"],
                templates(&["themes/dsfr/templates/base.html"]),
            ),
            (
                vec!["/site/templates/page.html"],
                templates(&["templates/page.html"]),
            ),
            (vec!["/site/static/logo.svg"], statics.clone()),
            (vec!["/site/themes/dsfr/static/css/site.css"], statics.clone()),
            // Not inputs of the site.
            (vec!["/site/public/index.html"], Change::default()),
            (vec!["/site/target/debug/atelier"], Change::default()),
            (vec!["/site/themes/other/templates/base.html"], Change::default()),
            (vec!["/site/README.md"], Change::default()),
            (vec!["/elsewhere/content/a.md"], Change::default()),
            (vec!["/site/.git/index"], Change::default()),
            (vec!["../content/a.md"], Change::default()),
        ];
        for (paths, want) in cases {
            assert_eq!(classify(Path::new("/site"), "dsfr", &paths), want, "{paths:?}");
        }
    }

    #[test]
    fn editor_leftovers_never_count() {
        let leftovers = [
            "/site/content/startups/.ada.md.swp",
            "/site/content/startups/.ada.md.swx",
            "/site/content/startups/ada.md~",
            "/site/content/startups/4913",
            "/site/content/startups/#ada.md#",
            "/site/content/startups/.#ada.md",
            "/site/content/startups/ada.md___jb_tmp___",
            "/site/content/startups/ada.md___jb_old___",
            "/site/themes/dsfr/templates/.base.html.swp",
            "/site/content/.obsidian/workspace.json",
        ];
        for p in leftovers {
            assert!(classify(Path::new("/site"), "dsfr", &[p]).is_empty(), "{p}");
        }
        // The file an atomic save renames into place does count.
        let atomic = classify(
            Path::new("/site"),
            "dsfr",
            &[
                "/site/content/startups/ada.md___jb_tmp___",
                "/site/content/startups/ada.md",
            ],
        );
        assert_eq!(atomic.content, BTreeSet::from(["startups/ada.md".to_string()]));
    }
}
