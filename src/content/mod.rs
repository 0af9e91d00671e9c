//! Loading: walks `content/`, reads every Markdown file, splits and parses its front
//! matter into the typed data of its kind. Every problem becomes a [`Diagnostic`]; loading
//! goes on and reports all of them.

pub mod front_matter;
pub mod kinds;
pub mod limits;
pub mod meta;
pub mod record;
pub mod yaml;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Location};
use crate::{msg, tr};
use front_matter::SplitError;
/// The text `atelier new` writes where the editor has to write: `check` and `build` warn
/// on it in a file that is not a draft. One constant, so that the two cannot drift.
pub const PLACEHOLDER: &str = "À compléter";

pub use meta::{Cover, Event, News, Organisation, Page, Phase, Startup};

/// The kind of a content file, decided by its place in `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Home,
    /// `_index.md` of a folder: the folder's own page.
    Section,
    Page,
    Startup,
    Organisation,
    News,
}

/// One content file, parsed.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path as shown to the user, relative to the site root (`content/startups/ada.md`).
    pub path: PathBuf,
    /// Path inside `content/` with `/` separators (`startups/ada.md`), used by `@/` links.
    pub rel: String,
    pub kind: Kind,
    /// Site path of the page, without the base path (`/startups/ada/`).
    pub url: String,
    /// The whole file, normalized (no BOM, LF line endings), shared cheaply.
    pub source: Arc<str>,
    /// Byte range of the YAML front matter in `source`, and the file line it starts on.
    pub yaml: Range<usize>,
    pub yaml_line: usize,
    /// Byte range of the Markdown body in `source`, and the file line it starts on.
    pub body: Range<usize>,
    pub body_line: usize,
    pub data: Data,
}

#[derive(Debug, Clone)]
pub enum Data {
    Page(Page),
    Startup(Box<Startup>),
    Organisation(Organisation),
    News(News),
}

impl Document {
    /// The Markdown body.
    /// The cover image its front matter names (`image:`), for the kinds that have one.
    pub fn cover(&self) -> Option<&Cover> {
        match &self.data {
            Data::Page(p) => p.image.as_deref(),
            Data::News(n) => n.image.as_deref(),
            Data::Startup(s) => s.image.as_deref(),
            Data::Organisation(_) => None,
        }
    }

    pub fn body(&self) -> &str {
        &self.source[self.body.clone()]
    }

    /// The front matter, to locate a key path in it (`phases[1].start`).
    pub fn front_matter(&self) -> yaml::Source<'_> {
        yaml::Source::new(&self.path, &self.source[self.yaml.clone()], self.yaml_line)
    }

    /// `draft: true` in the front matter: `serve` shows the page, `build` never publishes it.
    pub fn is_draft(&self) -> bool {
        match &self.data {
            Data::Page(p) => p.draft,
            Data::Startup(s) => s.draft,
            Data::News(n) => n.draft,
            Data::Organisation(_) => false,
        }
    }

    pub fn title(&self) -> &str {
        match &self.data {
            Data::Page(p) => &p.title,
            Data::Startup(s) => &s.title,
            Data::Organisation(o) => &o.name,
            Data::News(n) => &n.title,
        }
    }
}

/// A file of `content/` that is not Markdown (images, documents): copied as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    pub src: PathBuf,
    /// Output path relative to the site output folder.
    pub dest: String,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub files: Vec<StaticFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Editor leftovers that must never become pages: vim swap and backups, emacs locks and
/// autosaves, JetBrains safe-write files, hidden files.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        || name == "4913"
}

/// What an earlier build made of content files, kept by the build cache: the data of a
/// file that loaded without a problem, found again by its text (see [`record`]).
pub trait Earlier: Sync {
    /// The data of the file shown as `path` (`rel` inside `content/`), if an earlier build
    /// loaded this very `source` from it without a problem.
    fn data(&self, path: &Path, rel: &str, source: &str) -> Option<Data>;
}

/// Lists the files of `root/content`, sorted, and loads them in parallel.
pub fn load(root: &Path) -> Loaded {
    load_with(root, None)
}

/// [`load`], taking from `earlier` the data of the files it knows.
pub fn load_with(root: &Path, earlier: Option<&dyn Earlier>) -> Loaded {
    let content = root.join("content");
    let mut out = Loaded::default();
    if !content.is_dir() {
        out.diagnostics.push(
            Diagnostic::error(msg!("content-no-folder"))
                .at(Location::file("content"))
                .help(tr!(
                    "content-no-folder-help",
                    folder = content.display().to_string()
                )),
        );
        return out;
    }
    let mut sources = Vec::new();
    let walker = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| shown(root, p))
                    .unwrap_or_else(|| "content".into());
                out.diagnostics.push(
                    Diagnostic::error(msg!(
                        "content-unreadable",
                        path = path.display().to_string(),
                        error = e.to_string()
                    ))
                    .at(Location::file(path))
                    .help(tr!("content-unreadable-help")),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(&content, entry.path());
        if without_md(&rel).is_some() {
            sources.push((entry.into_path(), rel));
        } else if let Err(d) = check_name(&shown(root, entry.path()), &rel) {
            out.diagnostics.push(d);
        } else {
            out.files.push(StaticFile {
                src: entry.into_path(),
                dest: rel,
            });
        }
    }
    let results: Vec<(Option<Document>, Vec<Diagnostic>)> = sources
        .par_iter()
        .map(|(abs, rel)| {
            let mut diags = Vec::new();
            let doc = load_file(abs, &shown(root, abs), rel, earlier, &mut diags);
            (doc, diags)
        })
        .collect();
    for (doc, diags) in results {
        out.documents.extend(doc);
        out.diagnostics.extend(diags);
    }
    out
}

fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Reads and parses one file. `abs` is read; `path` is how it is shown.
pub fn load_file(
    abs: &Path,
    path: &Path,
    rel: &str,
    earlier: Option<&dyn Earlier>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let source = match crate::fs::read_text(abs, path) {
        Ok(s) => front_matter::normalize(s),
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    parse_with(path, rel, &source, earlier, diags)
}

/// Parses the text of one content file (pure: no IO).
pub fn parse_document(path: &Path, rel: &str, source: &str, diags: &mut Vec<Diagnostic>) -> Option<Document> {
    parse_with(path, rel, source, None, diags)
}

/// [`parse_document`], taking the data from `earlier` when it knows this text.
fn parse_with(
    path: &Path,
    rel: &str,
    source: &str,
    earlier: Option<&dyn Earlier>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Document> {
    if let Err(d) = check_name(path, rel) {
        diags.push(d);
        return None;
    }
    let (kind, url) = match classify(rel) {
        Ok(k) => k,
        Err(d) => {
            diags.push(d.at(Location::file(path)));
            return None;
        }
    };
    let split = match front_matter::split(source) {
        Ok(s) => s,
        Err(e) => {
            diags.push(split_error(path, source, e));
            return None;
        }
    };
    let data = match earlier.and_then(|e| e.data(path, rel, source)) {
        Some(data) => data,
        None => parse_data(path, rel, kind, &split, diags)?,
    };
    let url = match &data {
        Data::News(n) => format!("/actualites/{}/", n.slug),
        _ => url,
    };
    Some(Document {
        path: path.to_path_buf(),
        rel: rel.to_string(),
        kind,
        url,
        source: Arc::from(source),
        yaml: offset(source, split.yaml),
        yaml_line: split.yaml_line,
        body: offset(source, split.body),
        body_line: split.body_line,
        data,
    })
}

/// The data of a file's front matter, its body checked against the nesting limit.
fn parse_data(
    path: &Path,
    rel: &str,
    kind: Kind,
    split: &front_matter::Split<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Data> {
    let src = yaml::Source::new(path, split.yaml, split.yaml_line);
    let map = match src.parse() {
        Ok(m) => m,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut stem = rel.rsplit('/').next().unwrap_or(rel);
    while let Some(s) = without_md(stem) {
        stem = s;
    }
    let data = match kind {
        Kind::Startup => meta::startup(&src, map, stem, diags).map(|s| Data::Startup(Box::new(s))),
        Kind::Organisation => meta::organisation(&src, map, stem, diags).map(Data::Organisation),
        Kind::News => meta::news(&src, map, stem, diags).map(Data::News),
        Kind::Home | Kind::Section | Kind::Page => meta::page(&src, map, diags).map(Data::Page),
    }?;
    if let Some(deep) = limits::nesting(split.body) {
        diags.push(too_deep(path, split.body, split.body_line, &deep));
        return None;
    }
    Some(data)
}

/// The byte range of `part`, a slice of `whole`.
fn offset(whole: &str, part: &str) -> Range<usize> {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    start..start + part.len()
}

/// Refuses a path inside `content/` with a control character (see [`limits`]).
pub fn check_name(path: &Path, rel: &str) -> Result<(), Diagnostic> {
    let Some(c) = limits::control_character(rel) else {
        return Ok(());
    };
    let what = match c {
        '\n' => tr!("content-name-line-break"),
        '\r' => tr!("content-name-carriage-return"),
        '\t' => tr!("content-name-tab"),
        c => tr!("content-name-control", code = format!("{:04X}", u32::from(c))),
    };
    Err(Diagnostic::error(msg!(
        "content-name-control-character",
        name = crate::diagnostic::printable(rel, true).into_owned(),
        what = what
    ))
    .at(Location::file(path))
    .help(tr!("content-name-control-character-help")))
}

fn too_deep(path: &Path, body: &str, body_line: usize, deep: &limits::TooDeep) -> Diagnostic {
    Diagnostic::error(msg!("content-nesting-too-deep", limit = limits::MAX_NESTING))
        .at(Location::in_source(path, body, body_line, deep.offset, deep.len))
        .help(tr!("content-nesting-too-deep-help"))
}

fn split_error(path: &Path, source: &str, e: SplitError) -> Diagnostic {
    let first = source.lines().next().unwrap_or("").len();
    match e {
        SplitError::Missing => Diagnostic::error(msg!("front-matter-missing"))
            .at(Location::in_source(path, source, 1, 0, first))
            .help(tr!("front-matter-missing-help")),
        SplitError::Unclosed => Diagnostic::error(msg!("front-matter-unclosed"))
            .at(Location::in_source(path, source, 1, 0, 3))
            .help(tr!("front-matter-unclosed-help")),
    }
}

/// A path or file name without its `.md` extension, written in any case (`Page.MD` is
/// Markdown as much as `page.md`); `None` when it is not a Markdown file. Users name the
/// files: every test of "is this a content document" goes through here.
pub fn without_md(name: &str) -> Option<&str> {
    let cut = name.len().checked_sub(3)?;
    let (stem, ext) = (name.get(..cut)?, name.get(cut..)?);
    ext.eq_ignore_ascii_case(".md").then_some(stem)
}

/// The URL a content file gets by its name alone: [`classify`]'s, with a news item's slug
/// without the date. What a file that did not load would have been published at.
pub fn url_of(rel: &str) -> Option<String> {
    let (kind, url) = classify(rel).ok()?;
    let stem = rel.rsplit('/').next().and_then(without_md);
    match stem.and_then(meta::news_name) {
        Some((_, slug)) if kind == Kind::News => Some(format!("/actualites/{slug}/")),
        _ => Some(url),
    }
}

/// The kind and URL of a file from its path inside `content/`.
pub fn classify(rel: &str) -> Result<(Kind, String), Diagnostic> {
    let without_ext = without_md(rel).unwrap_or(rel);
    let (dir, name) = match without_ext.rsplit_once('/') {
        Some((d, n)) => (d, n),
        None => ("", without_ext),
    };
    if name.is_empty() {
        return Err(Diagnostic::error(msg!("content-file-needs-name")));
    }
    if name == "_index" {
        return Ok(if dir.is_empty() {
            (Kind::Home, "/".into())
        } else {
            (Kind::Section, format!("/{dir}/"))
        });
    }
    let kind = match dir {
        "startups" => Kind::Startup,
        "organisations" => Kind::Organisation,
        "actualites" => Kind::News,
        _ => Kind::Page,
    };
    let url = if dir.is_empty() {
        format!("/{name}/")
    } else {
        format!("/{dir}/{name}/")
    };
    Ok((kind, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_folder() {
        let c = |r: &str| classify(r).unwrap();
        assert_eq!(c("_index.md"), (Kind::Home, "/".into()));
        assert_eq!(c("startups/_index.md"), (Kind::Section, "/startups/".into()));
        assert_eq!(
            c("startups/api.gouv.fr.md"),
            (Kind::Startup, "/startups/api.gouv.fr/".into())
        );
        assert_eq!(
            c("organisations/mc.md"),
            (Kind::Organisation, "/organisations/mc/".into())
        );
        assert_eq!(c("actualites/2025-01-02-x.md").0, Kind::News);
        assert_eq!(c("a-propos.md"), (Kind::Page, "/a-propos/".into()));
        assert_eq!(c("aide/faq.md"), (Kind::Page, "/aide/faq/".into()));
        assert_eq!(c("aide/Faq.MD"), (Kind::Page, "/aide/Faq/".into()));
        assert_eq!(url_of("actualites/2025-01-02-x.md").unwrap(), "/actualites/x/");
        assert_eq!(
            url_of("actualites/2025-01-02.md").unwrap(),
            "/actualites/2025-01-02/"
        );
        assert_eq!(url_of("startups/ada.md").unwrap(), "/startups/ada/");
        assert_eq!(without_md("a.Md"), Some("a"));
        assert_eq!(without_md("a.mdx"), None);
        assert_eq!(without_md("é.md"), Some("é"));
        assert_eq!(without_md("md"), None);
        assert_eq!(
            c("startups/vieux/x.md"),
            (Kind::Page, "/startups/vieux/x/".into())
        );
        assert_eq!(c("données-et-territoires.md").1, "/données-et-territoires/");
    }

    #[test]
    fn ignores_editor_files() {
        for name in [
            ".ada.md.swp",
            "ada.md~",
            "#ada.md#",
            ".#ada.md",
            "ada.md___jb_tmp___",
            "4913",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("ada.md"));
    }

    #[test]
    fn reports_missing_front_matter_with_location() {
        let mut d = Vec::new();
        assert!(parse_document(Path::new("content/a.md"), "a.md", "# Titre\n", &mut d).is_none());
        assert_eq!(d[0].location.as_ref().unwrap().to_string(), "content/a.md:1:1");
        assert!(d[0].message.contains("front matter"));
    }
}
