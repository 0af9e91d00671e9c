//! The inputs of a project, read from disk: `site.yaml`, the templates, a changed path
//! of `content/` and the files copied as they are. All the reading the project does after
//! it is opened happens here.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::content::{self, Document, StaticFile};
use crate::diagnostic::Diagnostic;
use crate::pipeline::CopiedFile;
use crate::pipeline::Options;
use crate::render::{Sources, Templates};

use super::Project;

/// Everything a project starts from, read from disk.
pub(super) struct Inputs {
    pub(super) config: LoadedConfig,
    pub(super) content: content::Loaded,
    /// The templates, compiled; `Err` without settings (no theme to look for) or with
    /// broken templates.
    pub(super) templates: Result<Templates, Vec<Diagnostic>>,
}

/// Reads `site.yaml`, then the content and the templates side by side.
/// With `earlier`, the front matter of the files it knows is taken from it.
pub(super) fn read_all(opts: &Options, earlier: Option<&dyn content::Earlier>) -> Inputs {
    let root = &opts.root;
    let config = load_config(opts);
    // Without settings there is no theme to look for.
    let theme = config.config.as_ref().map(|c| c.theme.clone());
    let (content, templates) = rayon::join(
        || content::load_with(root, earlier),
        || match &theme {
            Some(theme) => Templates::read(root, theme, &Sources::default()).and_then(Templates::compile),
            None => Err(Vec::new()),
        },
    );
    Inputs {
        config,
        content,
        templates,
    }
}

impl Project {
    pub(super) fn reload_templates(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        theme_changed: bool,
    ) -> BTreeSet<String> {
        let theme = self
            .config
            .as_ref()
            .map_or("dsfr", |c| c.theme.as_str())
            .to_string();
        let old = self
            .templates
            .as_ref()
            .map(|t| t.sources().clone())
            .unwrap_or_default();
        let mut reuse = old.clone();
        reuse
            .templates
            .retain(|_, (path, _)| !changed.iter().any(|c| path.starts_with(c)));
        if theme_changed {
            reuse = Sources::default();
        }
        match Templates::read(&self.opts.root, &theme, &reuse).and_then(Templates::compile) {
            Ok(t) => {
                let new = t.sources();
                let names: BTreeSet<&String> = old.templates.keys().chain(new.templates.keys()).collect();
                let diff = names
                    .into_iter()
                    .filter(|n| old.templates.get(*n) != new.templates.get(*n))
                    .cloned()
                    .collect();
                self.templates = Some(t);
                self.template_diags.clear();
                diff
            }
            Err(ds) => {
                self.template_diags = ds;
                BTreeSet::new()
            }
        }
    }

    /// Reads one changed path of `content/` again: a file, a new folder, or a path that
    /// is gone (a deleted file or folder). `changed` collects the previous version of
    /// every document that changed.
    pub(super) fn reload_content(
        &mut self,
        rel: &str,
        changed: &mut BTreeMap<String, Option<Arc<Document>>>,
        files_changed: &mut bool,
    ) {
        let root = self.opts.root.clone();
        // An empty `rel` is the whole `content` folder.
        let abs = if rel.is_empty() {
            root.join("content")
        } else {
            root.join("content").join(rel)
        };
        let mut present: Vec<(String, PathBuf)> = Vec::new();
        // As `content::load` lists the folder: a symbolic link inside it is not followed
        // (one to a file outside the site would be published), the folder itself is.
        let meta = if rel.is_empty() {
            std::fs::metadata(&abs)
        } else {
            std::fs::symlink_metadata(&abs)
        };
        let meta = meta.ok();
        if meta.as_ref().is_some_and(std::fs::Metadata::is_file) {
            present.push((rel.to_string(), abs.clone()));
        } else if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            let walker = walkdir::WalkDir::new(&abs)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !content::is_ignored(&e.file_name().to_string_lossy()));
            for e in walker.filter_map(Result::ok) {
                if e.file_type().is_file() {
                    let sub = e.path().strip_prefix(&abs).unwrap_or(e.path());
                    let sub: Vec<String> = sub
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    present.push((join_rel(rel, &sub.join("/")), e.into_path()));
                }
            }
        }
        // What was known at or under this path and is no longer there.
        let prefix = join_rel(rel, "");
        let under = |k: &String| k == rel || k.starts_with(&prefix);
        let here: HashSet<&String> = present.iter().map(|(r, _)| r).collect();
        let gone_docs: Vec<String> = self
            .docs
            .keys()
            .chain(self.doc_diags.keys())
            .filter(|k| under(k) && !here.contains(k))
            .cloned()
            .collect();
        for k in gone_docs {
            self.doc_diags.remove(&k);
            if let Some(old) = self.docs.remove(&k) {
                changed.entry(k).or_insert(Some(old));
            }
        }
        let gone_files: Vec<String> = self
            .content_files
            .keys()
            .filter(|k| under(k) && !here.contains(k))
            .cloned()
            .collect();
        for k in gone_files {
            self.content_files.remove(&k);
            *files_changed = true;
        }
        for (sub, abs) in present {
            if content::without_md(&sub).is_none() {
                let file = StaticFile {
                    src: abs,
                    dest: sub.clone(),
                };
                if self.content_files.insert(sub, file).is_none() {
                    *files_changed = true;
                }
                continue;
            }
            let shown = Path::new("content").join(&sub);
            let mut diags = Vec::new();
            let doc = content::load_file(&abs, &shown, &sub, None, &mut diags);
            let has_errors = diags.iter().any(Diagnostic::is_error);
            self.doc_diags.remove(&sub);
            if !diags.is_empty() {
                self.doc_diags.insert(sub.clone(), diags);
            }
            match doc {
                Some(d) if !has_errors => {
                    let old = self.docs.insert(sub.clone(), Arc::new(d));
                    changed.entry(sub).or_insert(old);
                }
                // Broken: the last good version stays in use.
                _ => {}
            }
        }
    }

    /// The size of each copied file, by output path: what shortcodes show of the files
    /// they link to (a file that cannot be read is left out, as if absent).
    pub(super) fn file_sizes(&self) -> HashMap<String, u64> {
        self.copies
            .iter()
            .filter_map(|c| Some((c.dest.clone(), std::fs::metadata(&c.src).ok()?.len())))
            .collect()
    }

    pub(super) fn make_copies(&mut self) {
        let mut diags = Vec::new();
        let theme_dir = self
            .opts
            .root
            .join("themes")
            .join(self.config.as_ref().map_or("dsfr", |c| c.theme.as_str()));
        let files: Vec<StaticFile> = self.content_files.values().cloned().collect();
        let mut copies = static_files(&self.opts.root, &theme_dir, &files, &mut diags);
        copies.sort_by(|a, b| a.dest.cmp(&b.dest));
        copies.dedup_by(|later, earlier| later.dest == earlier.dest);
        self.static_copies = copies;
        self.copy_diags = diags;
        self.merge_copies();
    }
}

/// `site.yaml` as loaded: the settings (defaults where a key failed; none without a
/// usable `site.yaml`), its text (normalized) and its problems.
pub(super) struct LoadedConfig {
    pub(super) config: Option<SiteConfig>,
    pub(super) text: Option<String>,
    pub(super) diags: Vec<Diagnostic>,
}

pub(super) fn load_config(opts: &Options) -> LoadedConfig {
    let loaded = SiteConfig::read(&opts.root)
        .and_then(|text| SiteConfig::parse_partial(&text).map(|(config, diags)| (config, diags, text)));
    let (mut config, mut diags, text) = match loaded {
        Ok(loaded) => loaded,
        Err(diags) => {
            return LoadedConfig {
                config: None,
                text: None,
                diags,
            };
        }
    };
    config.drafts = opts.drafts;
    if let Some(url) = &opts.base_url {
        match crate::config::base_path(url) {
            Ok(_) => config.base_url = url.clone(),
            Err(e) => diags.push(Diagnostic::error(e).help(crate::tr!("base-url-help"))),
        }
    }
    LoadedConfig {
        config: Some(config),
        text: Some(text),
        diags,
    }
}

/// `startups` + `ada.md` → `startups/ada.md`; `` + `ada.md` → `ada.md`.
pub(super) fn join_rel(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// `content/startups/ada.md` → `startups/ada.md`.
pub(super) fn rel_of(shown: &Path) -> Option<String> {
    let rest = shown.strip_prefix("content").ok()?;
    let parts: Vec<String> = rest
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Theme static files, then the site's `static/` over them, then files of `content/`.
pub fn static_files(
    root: &Path,
    theme_dir: &Path,
    content_files: &[StaticFile],
    diags: &mut Vec<Diagnostic>,
) -> Vec<CopiedFile> {
    let mut copies = Vec::new();
    for dir in [root.join("static"), theme_dir.join("static")] {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            match entry {
                Ok(e)
                    if e.file_type().is_file() && !content::is_ignored(&e.file_name().to_string_lossy()) =>
                {
                    let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                    let dest = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    copies.push(CopiedFile {
                        src: e.into_path(),
                        dest,
                    });
                }
                Ok(_) => {}
                Err(e)
                    if e.io_error()
                        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) => {}
                Err(e) => diags.push(
                    Diagnostic::error(crate::msg!("static-unreadable", error = e.to_string()))
                        .help(crate::tr!("content-unreadable-help")),
                ),
            }
        }
    }
    copies.extend(content_files.iter().map(|f| CopiedFile {
        src: f.src.clone(),
        dest: f.dest.clone(),
    }));
    // Site files first in the list win over theme files (dedup keeps the first).
    copies
}
