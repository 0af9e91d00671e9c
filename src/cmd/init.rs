//! `atelier init [DIR]`: a new site in an empty folder, from the starter shipped in the
//! binary (`starter/`: a commented `site.yaml`, the home page, the startups and news
//! listings, the pages the law asks for) and the DSFR theme (`themes/dsfr/`), so that an
//! installed binary needs nothing else. Refuses a folder that holds anything, and creates
//! every file with `create_new`: nothing is ever overwritten. What it writes builds and
//! passes `atelier check` as written; the text only the site's owners can write is marked
//! « À compléter ».

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use include_dir::{Dir, include_dir};

use crate::cli::InitArgs;
use crate::diagnostic::{Diagnostic, Location};
use crate::{msg, tr};

use super::Refusal;

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");
static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/dsfr");

/// The theme the starter's `site.yaml` names, and where it is written.
const THEME_DIR: &str = "themes/dsfr";
const INCUBATOR_LINE: &str = "__INCUBATOR_LINE__";
const INCUBATOR_SENTENCE: &str = "__INCUBATOR_SENTENCE__";

/// Every file of the new site, by path inside it, sorted; writes nothing.
pub fn files(incubator: Option<&str>) -> Result<Vec<(PathBuf, Vec<u8>)>, Refusal> {
    if let Some(id) = incubator
        && !super::new::is_name(id, &['-', '_', '.'])
    {
        return Err(Refusal::Usage(
            Diagnostic::error(msg!("init-bad-incubator", id = id)).help(tr!("init-bad-incubator-help")),
        ));
    }
    let mut out = Vec::new();
    collect(&STARTER, Path::new(""), &mut out);
    collect(&THEME, Path::new(THEME_DIR), &mut out);
    for (path, bytes) in &mut out {
        if path == Path::new("site.yaml") {
            *bytes = site_yaml(incubator).into_bytes();
        } else if path == Path::new("content/_index.md") {
            *bytes = home(incubator).into_bytes();
        }
    }
    out.sort();
    Ok(out)
}

fn collect(dir: &Dir<'static>, under: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for file in dir.files() {
        out.push((under.join(file.path()), file.contents().to_vec()));
    }
    for sub in dir.dirs() {
        collect(sub, under, out);
    }
}

fn starter_text(path: &str) -> &'static str {
    STARTER
        .get_file(path)
        .and_then(|f| f.contents_utf8())
        .unwrap_or_default()
}

/// The starter's `site.yaml`, with the `incubator` setting.
pub fn site_yaml(incubator: Option<&str>) -> String {
    let line = match incubator {
        Some(id) => format!("incubator: {id}"),
        None => "# incubator: identifiant-de-l-incubateur".to_string(),
    };
    starter_text("site.yaml").replace(INCUBATOR_LINE, &line)
}

/// The starter's home page, naming the incubator when there is one.
fn home(incubator: Option<&str>) -> String {
    let sentence = match incubator {
        Some(id) => {
            format!("Ce site présente les startups d'État de l'incubateur « {id} » du réseau beta.gouv.fr.")
        }
        None => "Ce site présente les startups d'État d'un incubateur du réseau beta.gouv.fr.".to_string(),
    };
    starter_text("content/_index.md").replace(INCUBATOR_SENTENCE, &sentence)
}

/// Refuses a folder that holds anything, or a path that is not a folder; creates it when
/// it does not exist.
fn prepare(dir: &Path) -> Result<(), Refusal> {
    let shown = dir.display().to_string();
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Refusal::Usage(
                    Diagnostic::error(msg!("init-folder-not-empty", folder = shown))
                        .at(Location::file(dir))
                        .help(tr!("init-folder-not-empty-help")),
                ));
            }
            Ok(())
        }
        Err(_) if dir.exists() => Err(Refusal::Usage(
            Diagnostic::error(msg!("init-not-a-folder", folder = shown))
                .at(Location::file(dir))
                .help(tr!("init-not-a-folder-help")),
        )),
        Err(_) => std::fs::create_dir_all(dir).map_err(|e| {
            Refusal::Problem(
                Diagnostic::error(msg!("init-cannot-create", folder = shown, error = e.to_string()))
                    .help(tr!("init-cannot-create-help")),
            )
        }),
    }
}

/// Writes the new site into `dir` (new or empty); returns the files written.
pub fn create(dir: &Path, incubator: Option<&str>) -> Result<Vec<PathBuf>, Refusal> {
    let files = files(incubator)?;
    prepare(dir)?;
    let mut written = Vec::with_capacity(files.len());
    for (rel, bytes) in files {
        crate::fs::write_new(dir, &rel, &bytes)
            .map_err(|d| Refusal::Problem(d.help(tr!("init-write-failed-help"))))?;
        written.push(rel);
    }
    Ok(written)
}

/// What `init` prints: what it created, then the next two commands.
fn summary(dir: &Path, written: &[PathBuf]) -> String {
    let pages = written
        .iter()
        .filter(|p| p.starts_with("content") && p.extension().is_some_and(|e| e == "md"))
        .count();
    let theme = written.iter().filter(|p| p.starts_with(THEME_DIR)).count();
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("  cd {}\n", dir.display())
    };
    let created = tr!(
        "init-created",
        folder = dir.display().to_string(),
        pages = tr!("summary-pages", count = pages),
        theme_folder = THEME_DIR,
        files = tr!("summary-files", count = theme)
    );
    let next = tr!("init-next");
    format!("{created}\n{next}\n{cd}  atelier serve --open\n  atelier check\n")
}

/// Runs `atelier init`.
pub fn command(args: &InitArgs, color: bool) -> ExitCode {
    match create(&args.dir, args.incubator.as_deref()) {
        Ok(written) => {
            print!("{}", summary(&args.dir, &written));
            ExitCode::SUCCESS
        }
        Err(refusal) => refusal.exit(color),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Footer, Link, Robots, SiteConfig};
    use crate::content::yaml::fields;

    /// The keys written in `text` at `indent`, set or commented out (`# key:`).
    fn keys(text: &str, indent: &str) -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix(indent))
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .map(|l| l.strip_prefix("- ").unwrap_or(l))
            .filter_map(|l| l.split_once(':').map(|(k, _)| k))
            .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .map(str::to_string)
            .collect()
    }

    /// Every setting of `SiteConfig` (and of its nested tables) is in the generated
    /// `site.yaml`, set or commented: a key added to the struct fails here until the
    /// starter documents it.
    #[test]
    fn site_yaml_has_every_setting() {
        for incubator in [None, Some("culture")] {
            let text = site_yaml(incubator);
            let top = keys(&text, "");
            for key in fields::<SiteConfig>() {
                assert!(top.contains(&key.to_string()), "`{key}` missing from site.yaml");
            }
            let nested = keys(&text, "  ");
            for key in fields::<Footer>().iter().chain(fields::<Robots>()) {
                assert!(
                    nested.contains(&key.to_string()),
                    "`{key}` missing from site.yaml"
                );
            }
            let links = keys(&text, "    ");
            let links: Vec<String> = links.into_iter().chain(keys(&text, "#     ")).collect();
            for key in fields::<Link>() {
                assert!(
                    text.contains(&format!("- {key}:")) || links.contains(&key.to_string()),
                    "`{key}` of a link missing from site.yaml"
                );
            }
            SiteConfig::parse(&text).unwrap();
        }
    }

    #[test]
    fn incubator_is_set_or_commented() {
        let set = SiteConfig::parse(&site_yaml(Some("dinum"))).unwrap();
        assert_eq!(set.incubator.as_deref(), Some("dinum"));
        let unset = SiteConfig::parse(&site_yaml(None)).unwrap();
        assert_eq!(unset.incubator, None);
        assert!(home(Some("dinum")).contains("« dinum »"));
        for text in [site_yaml(None), home(None)] {
            assert!(!text.contains("__INCUBATOR"), "{text}");
        }
    }

    #[test]
    fn refuses_a_bad_incubator_id() {
        for bad in ["", "Culture", "a b", "x\ny: 1", "culture: x"] {
            assert!(matches!(files(Some(bad)), Err(Refusal::Usage(_))), "{bad:?}");
        }
    }

    /// The files on disk under `root`, relative and sorted.
    fn on_disk(root: &Path) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
            .collect();
        paths.sort();
        paths
    }

    /// The binary holds exactly the files of `starter/` and `themes/dsfr/`: `include_dir!`
    /// sees an edited file but not a new one, until `src/cmd/init.rs` is compiled again
    /// (`touch src/cmd/init.rs`).
    #[test]
    fn embeds_the_current_starter_and_theme() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut embedded: Vec<PathBuf> = Vec::new();
        let mut theme: Vec<PathBuf> = Vec::new();
        for (path, _) in files(None).unwrap() {
            match path.strip_prefix(THEME_DIR) {
                Ok(rel) => theme.push(rel.to_path_buf()),
                Err(_) => embedded.push(path),
            }
        }
        theme.sort();
        assert_eq!(
            embedded,
            on_disk(&manifest.join("starter")),
            "touch src/cmd/init.rs"
        );
        assert_eq!(theme, on_disk(&manifest.join(THEME_DIR)), "touch src/cmd/init.rs");
    }

    /// The shipped theme is in the binary, whole.
    #[test]
    fn ships_the_theme() {
        let files = files(None).unwrap();
        for rel in [
            "themes/dsfr/theme.yaml",
            "themes/dsfr/templates/base.html",
            "site.yaml",
        ] {
            assert!(files.iter().any(|(p, _)| p == Path::new(rel)), "{rel}");
        }
    }
}
