//! The folders the benchmark builds: one synthetic site per size (generated content, the
//! bench theme for atelier and the equivalent Hugo layouts side by side, so both tools
//! read the very same `content/`; Zola's copy of it in `zola/`, the front matter in
//! Zola's shape), the real corpus with the DSFR theme, and the corpus replicated.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

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
    copy_tree_except(from, to, |_| false)
}

/// Copies a folder tree, leaving out the top-level entries `skip` names.
fn copy_tree_except(from: &Path, to: &Path, skip: impl Fn(&str) -> bool) -> std::io::Result<()> {
    let walk = walkdir::WalkDir::new(from)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || !skip(&e.file_name().to_string_lossy()));
    for entry in walk {
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
    for sub in ["themes", "layouts", "hugo-content", "data", "static", "zola"] {
        reset(&dir.join(sub))?;
    }
    copy_tree(&bench.join("atelier"), dir)?;
    copy_tree(&bench.join("hugo"), dir)?;
    copy_tree(&bench.join("static"), &dir.join("static"))?;
    zola_site(dir)?;
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

/// Zola's copy of the site in `dir/zola`: its settings and templates from `bench/zola`, the
/// same `content/` with each front matter in Zola's shape ([`zola_front_matter`]), its
/// phase and site map pages (`bench/zola/zola-content`, as `bench/hugo/hugo-content`), the
/// same static files.
fn zola_site(dir: &Path) -> std::io::Result<()> {
    let bench = manifest().join("bench/zola");
    let zola = dir.join("zola");
    std::fs::create_dir_all(&zola)?;
    std::fs::copy(bench.join("config.toml"), zola.join("config.toml"))?;
    copy_tree(&bench.join("templates"), &zola.join("templates"))?;
    copy_tree(&manifest().join("bench/static"), &zola.join("static"))?;
    let content = dir.join("content");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    for sub in ["startups", "organisations"] {
        std::fs::create_dir_all(zola.join("content").join(sub))?;
    }
    files.par_iter().try_for_each(|path| {
        let relative = path.strip_prefix(&content).unwrap_or(path);
        let text = std::fs::read_to_string(path)?;
        let kind = relative
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let is_index = relative.file_name().is_some_and(|n| n == "_index.md");
        std::fs::write(
            zola.join("content").join(relative),
            zola_front_matter(&text, kind.as_deref(), is_index),
        )
    })?;
    copy_tree(&bench.join("zola-content"), &zola.join("content"))
}

/// The generated file `text` with its front matter in Zola's shape, the body unchanged:
/// `title` and `description` stay, `thematiques` and `sponsors` become the taxonomies
/// `thematique` and `sponsors`, every other key moves under `extra` (Zola keeps only the
/// keys it knows at the top); an organisation's `name` is its title. The sections
/// `startups` and `organisations` name their templates and sort the startups by title.
pub fn zola_front_matter(text: &str, kind: Option<&str>, is_index: bool) -> String {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text.to_string();
    };
    let Some((front, body)) = rest.split_once("\n---\n") else {
        return text.to_string();
    };
    // Each top-level key with the indented lines under it.
    let mut keys: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in front.lines() {
        match (line.starts_with(' '), keys.last_mut()) {
            (true, Some((_, lines))) => lines.push(line),
            _ => keys.push((line.split(':').next().unwrap_or(""), vec![line])),
        }
    }
    let mut top = String::new();
    let mut taxonomies = String::new();
    let mut extra = String::new();
    for (key, lines) in &keys {
        match *key {
            "title" | "description" => lines.iter().for_each(|l| push_line(&mut top, "", l)),
            "name" if kind == Some("organisations") => {
                push_line(&mut top, "", &lines[0].replacen("name:", "title:", 1));
            }
            "thematiques" | "sponsors" => {
                let name = if *key == "thematiques" {
                    "thematique:"
                } else {
                    "sponsors:"
                };
                push_line(&mut taxonomies, "  ", name);
                lines[1..]
                    .iter()
                    .for_each(|l| push_line(&mut taxonomies, "  ", l));
            }
            _ => lines.iter().for_each(|l| push_line(&mut extra, "  ", l)),
        }
    }
    if is_index {
        match kind {
            Some("startups") => {
                top.push_str("sort_by: title\ntemplate: startups.html\npage_template: startup.html\n")
            }
            Some("organisations") => top.push_str("page_template: organisation.html\n"),
            _ => {}
        }
    }
    let mut out = format!("---\n{top}");
    if !taxonomies.is_empty() {
        out.push_str("taxonomies:\n");
        out.push_str(&taxonomies);
    }
    if !extra.is_empty() {
        out.push_str("extra:\n");
        out.push_str(&extra);
    }
    out.push_str("---\n");
    out.push_str(body);
    out
}

fn push_line(out: &mut String, indent: &str, line: &str) {
    out.push_str(indent);
    out.push_str(line);
    out.push('\n');
}

/// A copy of the site `from` in `to` (on a tmpfs), without the outputs built there.
pub fn copy_site(from: &Path, to: &Path) -> std::io::Result<()> {
    reset(to)?;
    copy_tree_except(from, to, |name| {
        name.starts_with("out-") || name.starts_with(".out-")
    })
}

/// A tmpfs to put sites and outputs on without root: `/dev/shm` when it is one.
pub fn tmpfs_root() -> Option<PathBuf> {
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    mounts
        .lines()
        .any(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.len() > 2 && f[1] == "/dev/shm" && f[2] == "tmpfs"
        })
        .then(|| PathBuf::from(format!("/dev/shm/atelier-bench-{}", std::process::id())))
}

pub fn remove(dir: &Path) -> std::io::Result<()> {
    reset(dir)
}

/// The corpus site with every fiche of the corpus `copies` times: the first copy under its
/// own name, the others renamed `<name>-r<k>.md` with their text unchanged, so their
/// relative links (broken ones included) stay as they are. Organisations once.
pub fn replicated_corpus(corpus: &Path, dir: &Path, copies: usize) -> std::io::Result<usize> {
    corpus_site(corpus, dir)?;
    let startups = dir.join("content/startups");
    let fiches: Vec<PathBuf> = std::fs::read_dir(corpus.join("startups"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    (1..copies).into_par_iter().try_for_each(|k| {
        fiches.iter().try_for_each(|f| {
            let stem = f.file_stem().unwrap_or_default().to_string_lossy();
            std::fs::copy(f, startups.join(format!("{stem}-r{k}.md"))).map(|_| ())
        })
    })?;
    Ok(fiches.len() * copies)
}
