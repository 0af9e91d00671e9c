//! The folders the benchmark builds: one synthetic site per size (generated content, the
//! bench theme for atelier and the equivalent Hugo layouts side by side, so both tools
//! read the very same `content/`), and the real corpus with the DSFR theme.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::generate::{self, Shape};

const SEED: u64 = 0x00A7_E11E;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Made {
    pub shape: Shape,
    pub input_files: usize,
    pub input_bytes: u64,
    pub seconds: f64,
}

/// Copies a folder tree (small: themes, layouts).
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.map_err(std::io::Error::other)?;
        let dest = to.join(entry.path().strip_prefix(from).unwrap_or(entry.path()));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

fn reset(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Makes (or reuses) the site of `pages` pages in `dir`. Content is regenerated only when
/// the generator changed; the themes are always copied afresh from `bench/`.
pub fn synthetic(dir: &Path, pages: usize) -> std::io::Result<Made> {
    let start = Instant::now();
    let stamp = dir.join(".generated");
    let expected = format!("generator {} pages {pages} seed {SEED}\n", generate::VERSION);
    let shape = if std::fs::read_to_string(&stamp).ok().as_deref() == Some(expected.as_str()) {
        Shape::for_pages(pages)
    } else {
        reset(dir)?;
        std::fs::create_dir_all(dir)?;
        let shape = generate::write_content(dir, pages, SEED)?;
        std::fs::write(&stamp, &expected)?;
        shape
    };
    let bench = manifest().join("bench");
    for sub in ["themes", "layouts", "hugo-content", "data", "static"] {
        reset(&dir.join(sub))?;
    }
    copy_tree(&bench.join("atelier"), dir)?;
    copy_tree(&bench.join("hugo"), dir)?;
    copy_tree(&bench.join("static"), &dir.join("static"))?;
    let (input_files, input_bytes) = walkdir::WalkDir::new(dir.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(n, b), e| {
            (n + 1, b + e.metadata().map_or(0, |m| m.len()))
        });
    Ok(Made {
        shape,
        input_files,
        input_bytes,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// A fiche of a synthetic site, to change between two builds.
pub fn first_fiche(dir: &Path) -> Option<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join("content/startups"))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .collect();
    names.sort();
    names.into_iter().next()
}

/// The beta.gouv.fr corpus: `$ATELIER_CORPUS`, else `shared/corpus/betagouv` beside the
/// repository (or beside the folder of git worktrees).
pub fn corpus_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("ATELIER_CORPUS").map(PathBuf::from),
        Some(manifest().join("../shared/corpus/betagouv")),
        Some(manifest().join("../../shared/corpus/betagouv")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|d| d.join("startups").is_dir())
}

/// The real site with every fiche of the corpus: the repository's own pages, settings
/// (without the incubator filter) and DSFR theme, the corpus's fiches and organisations.
/// Assembled under `target/`, never in the repository.
pub fn corpus_site(corpus: &Path, dir: &Path) -> std::io::Result<()> {
    let repo = manifest();
    reset(dir)?;
    std::fs::create_dir_all(dir)?;
    copy_tree(&repo.join("themes/dsfr"), &dir.join("themes/dsfr"))?;
    copy_tree(&repo.join("content"), &dir.join("content"))?;
    for kind in ["startups", "organisations"] {
        for entry in std::fs::read_dir(dir.join("content").join(kind))? {
            let path = entry?.path();
            if path.file_name().is_some_and(|n| n != "_index.md") {
                std::fs::remove_file(path)?;
            }
        }
        for entry in std::fs::read_dir(corpus.join(kind))? {
            let path = entry?.path();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            // Two organisation files of the corpus have no extension.
            let name = if name.ends_with(".md") {
                name
            } else {
                format!("{name}.md")
            };
            std::fs::copy(&path, dir.join("content").join(kind).join(name))?;
        }
    }
    let settings = std::fs::read_to_string(repo.join("site.yaml"))?;
    let settings: String = settings
        .lines()
        .filter(|l| !l.starts_with("incubator:"))
        .map(|l| format!("{l}\n"))
        .collect();
    // The fiches link to images that stayed on the beta.gouv.fr site.
    let settings = settings + "content_links: warning\n";
    std::fs::write(dir.join("site.yaml"), settings)
}
