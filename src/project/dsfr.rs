//! The DSFR files of a project: the package its theme pins (prepared again when the
//! settings or the theme change), and the files its pages use. What each page uses is
//! counted, so an edit updates the selection in time proportional to the pages it
//! re-renders, not to the site: the stylesheets follow when a class or an artwork appears
//! on the site or leaves it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use serde::{Deserialize, Serialize};

use crate::assets::{self, Package, Used};
use crate::cache::key::{Hasher, Key};
use crate::cache::{Keeping, Memo};
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::pipeline::{CopiedFile, FetchOptions, Output};
use crate::render::Templates;

#[derive(Default)]
pub(super) struct Dsfr {
    pkg: Option<Package>,
    pub(super) diags: Vec<Diagnostic>,
    /// The `static/` folders of the site and of its theme, whose scripts are read for the
    /// classes they name.
    static_dirs: Vec<PathBuf>,
    /// The classes the site's scripts name, as last read.
    script_classes: BTreeSet<String>,
    /// Output path → what that page uses: its classes as ids of `classes`, sorted.
    used: HashMap<String, PageUse>,
    /// Every class seen, by id, with the number of pages using it.
    classes: Interned,
    /// How many pages use each artwork file.
    artwork: BTreeMap<String, usize>,
    /// A class or artwork appeared or disappeared since the last selection.
    stale: bool,
    pub(super) generated: Vec<Output>,
    pub(super) copies: Vec<CopiedFile>,
}

/// What one page uses, kept small: a site of 10,000 pages holds a million class names.
#[derive(PartialEq, Eq)]
struct PageUse {
    classes: Vec<u32>,
    artwork: BTreeSet<String>,
}

/// Class names by id, with how many pages use each.
#[derive(Default)]
struct Interned {
    ids: HashMap<String, u32>,
    names: Vec<String>,
    pages: Vec<usize>,
}

impl Interned {
    fn ids_of(&mut self, classes: &BTreeSet<String>) -> Vec<u32> {
        let mut ids: Vec<u32> = classes.iter().map(|c| self.id_of(c)).collect();
        ids.sort_unstable();
        ids
    }

    fn id_of(&mut self, class: &str) -> u32 {
        match self.ids.get(class) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
                self.ids.insert(class.to_string(), id);
                self.names.push(class.to_string());
                self.pages.push(0);
                id
            }
        }
    }

    /// Counts (or uncounts) a page's classes; returns whether one appeared or disappeared.
    fn count(&mut self, ids: &[u32], add: bool) -> bool {
        let mut changed = false;
        for &id in ids {
            let Some(n) = self.pages.get_mut(id as usize) else {
                continue;
            };
            if add {
                *n += 1;
                changed |= *n == 1;
            } else if *n > 0 {
                *n -= 1;
                changed |= *n == 0;
            }
        }
        changed
    }

    fn in_use(&self) -> impl Iterator<Item = &String> {
        self.names
            .iter()
            .zip(&self.pages)
            .filter(|(_, n)| **n > 0)
            .map(|(c, _)| c)
    }
}

fn count<'a>(
    counts: &mut BTreeMap<String, usize>,
    items: impl Iterator<Item = &'a String>,
    add: bool,
) -> bool {
    let mut changed = false;
    for item in items {
        if add {
            let n = counts.entry(item.clone()).or_insert(0);
            *n += 1;
            changed |= *n == 1;
        } else if let Some(n) = counts.get_mut(item) {
            *n -= 1;
            if *n == 0 {
                counts.remove(item);
                changed = true;
            }
        }
    }
    changed
}

/// The DSFR classes the scripts (`.js`, `.mjs`) under `dirs` name, in file name order.
fn script_classes(dirs: &[PathBuf]) -> BTreeSet<String> {
    let mut classes = BTreeSet::new();
    for dir in dirs {
        for entry in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let path = entry.path();
            let script = path.extension().is_some_and(|e| e == "js" || e == "mjs");
            if script
                && entry.file_type().is_file()
                && let Ok(bytes) = std::fs::read(path)
            {
                assets::collect_script_classes(&String::from_utf8_lossy(&bytes), &mut classes);
            }
        }
    }
    classes
}

impl Dsfr {
    /// Finds the package the theme pins and checks the settings accept its terms.
    pub(super) fn prepare(
        &mut self,
        templates: Option<&Templates>,
        config: Option<&SiteConfig>,
        fetch: &FetchOptions,
    ) {
        self.diags.clear();
        self.pkg = None;
        self.stale = true;
        let (Some(templates), Some(config)) = (templates, config) else {
            return;
        };
        // The theme is `<root>/themes/<name>`: the site's own files are in `<root>/static`.
        let theme_dir = &templates.sources().theme_dir;
        let root = theme_dir.parent().and_then(Path::parent);
        self.static_dirs = root.map(|r| r.join("static")).into_iter().collect();
        self.static_dirs.push(theme_dir.join("static"));
        let shown = std::path::Path::new("themes").join(&config.theme);
        let pin = templates.sources().theme.dsfr.as_ref().map(|p| p.spec());
        match assets::prepare(
            pin.as_ref(),
            &shown,
            config.dsfr_terms.as_deref(),
            config.dsfr_terms_at.as_ref(),
            fetch,
        ) {
            Ok(pkg) => self.pkg = pkg,
            Err(d) => self.diags.push(d),
        }
    }

    fn forget(&mut self, path: &str) {
        if let Some(old) = self.used.remove(path) {
            self.stale |= self.classes.count(&old.classes, false);
            self.stale |= count(&mut self.artwork, old.artwork.iter(), false);
        }
    }

    /// Without a package: nothing is used, no file is selected. Returns whether files went.
    fn pages_without_package<'a>(&mut self, removed: impl Iterator<Item = &'a str>) -> bool {
        for path in removed {
            self.forget(path);
        }
        self.used.clear();
        self.classes = Interned::default();
        self.artwork.clear();
        self.script_classes.clear();
        self.stale = false;
        let had = !self.generated.is_empty() || !self.copies.is_empty();
        self.generated.clear();
        self.copies.clear();
        had
    }

    /// Records what re-rendered pages use and forgets removed ones, reads the site's
    /// scripts again, then selects the files again if the set of what is used changed.
    /// Returns whether the files changed.
    pub(super) fn pages<'a, 's>(
        &mut self,
        rendered: impl Iterator<Item = (&'a str, &'a [u8])>,
        removed: impl Iterator<Item = &'a str>,
        scan: impl Fn(&str, &[u8]) -> Scanned<'s> + Sync,
        select: impl FnOnce(&Package, &Used) -> Selection,
    ) -> bool {
        // A theme without DSFR has nothing to select: its pages are not read. The package
        // only appears with new settings or a new theme, after which every page renders.
        if self.pkg.is_none() {
            return self.pages_without_package(removed);
        }
        let rendered: Vec<(&str, &[u8])> = rendered.collect();
        let scanned: Vec<(&str, Scanned<'s>)> = rendered
            .par_iter()
            .map(|&(path, bytes)| (path, scan(path, bytes)))
            .collect();
        // The memo's names, each looked up here once (its pages name them by number).
        let mut known_ids: Vec<Option<u32>> = Vec::new();
        for (path, scanned) in scanned {
            let page = match scanned {
                Scanned::Read(used) => PageUse {
                    classes: self.classes.ids_of(&used.classes),
                    artwork: used.artwork,
                },
                Scanned::Known { names, page } => {
                    known_ids.resize(names.len(), None);
                    let mut classes: Vec<u32> = page
                        .classes
                        .iter()
                        .filter_map(|&n| {
                            let slot = known_ids.get_mut(n as usize)?;
                            Some(*slot.get_or_insert_with(|| self.classes.id_of(&names[n as usize])))
                        })
                        .collect();
                    classes.sort_unstable();
                    PageUse {
                        classes,
                        artwork: page
                            .artwork
                            .iter()
                            .filter_map(|&n| names.get(n as usize).cloned())
                            .collect(),
                    }
                }
            };
            if self.used.get(path) == Some(&page) {
                continue;
            }
            self.forget(path);
            self.stale |= self.classes.count(&page.classes, true);
            self.stale |= count(&mut self.artwork, page.artwork.iter(), true);
            self.used.insert(path.to_string(), page);
        }
        for path in removed {
            self.forget(path);
        }
        let scripts = script_classes(&self.static_dirs);
        if scripts != self.script_classes {
            self.script_classes = scripts;
            self.stale = true;
        }
        if !std::mem::take(&mut self.stale) {
            return false;
        }
        let Some(pkg) = &self.pkg else {
            return self.pages_without_package(std::iter::empty());
        };
        let mut classes: BTreeSet<String> = self.classes.in_use().cloned().collect();
        classes.extend(self.script_classes.iter().cloned());
        let union = Used {
            classes,
            artwork: self.artwork.keys().cloned().collect(),
        };
        self.diags.clear();
        match select(pkg, &union) {
            Ok((generated, copies)) => {
                self.generated = generated;
                self.copies = copies;
            }
            Err(d) => self.diags.push(d),
        }
        true
    }
}

/// What each page uses, read from its bytes, or taken from the build cache
/// (`dsfr-uses.memo`) for bytes read before: a rebuild that takes most pages from the
/// cache does not read them all again for their classes.
pub(super) struct Scans {
    memo: Option<Memo>,
    /// The names the memo's pages use, by number.
    names: Vec<String>,
    known: rustc_hash::FxHashMap<Key, KeptPage>,
    /// Every page scanned, by the digest of its bytes, with what it uses when it was read
    /// anew (the others' is in `known`).
    seen: Mutex<Vec<(Key, Option<Used>)>>,
}

/// What a page uses, as [`Scans::scan`] found it.
pub(super) enum Scanned<'s> {
    /// Read from the page.
    Read(Used),
    /// As the memo keeps it: numbers into `names`.
    Known { names: &'s [String], page: &'s KeptPage },
}

/// The memo of what pages use (`dsfr-uses.memo`): one entry holds every name (classes and
/// artwork), each page's entry the numbers of its names. Decoding a million class names
/// and writing them all again after one edit was most of the selection at 10,000 pages.
#[derive(Serialize, Deserialize)]
enum KeptUse {
    Names(Vec<String>),
    Page(KeptPage),
}

#[derive(Serialize, Deserialize)]
pub(super) struct KeptPage {
    classes: Vec<u32>,
    artwork: Vec<u32>,
}

/// The number of `name` in `names`, given it when it has none yet.
fn number<'n>(name: &'n str, numbers: &mut HashMap<&'n str, u32>, names: &mut Vec<String>) -> u32 {
    *numbers.entry(name).or_insert_with(|| {
        names.push(name.to_string());
        u32::try_from(names.len() - 1).unwrap_or(u32::MAX)
    })
}

/// The key of the memo's entry of names.
fn names_key() -> Key {
    Hasher::new().str("dsfr-uses/names").finish()
}

impl Scans {
    /// Without the build cache, every page is read.
    pub(super) fn open(keeping: Option<&Keeping>) -> Scans {
        let memo = keeping.and_then(|k| k.cache.memo("dsfr-uses"));
        let mut read: rustc_hash::FxHashMap<Key, KeptUse> = memo.as_ref().map(Memo::read).unwrap_or_default();
        let names = match read.remove(&names_key()) {
            Some(KeptUse::Names(names)) => names,
            _ => Vec::new(),
        };
        let known = read
            .into_iter()
            .filter_map(|(key, kept)| match kept {
                // A page naming a number the names do not have is read again.
                KeptUse::Page(page)
                    if page
                        .classes
                        .iter()
                        .chain(&page.artwork)
                        .all(|&n| (n as usize) < names.len()) =>
                {
                    Some((key, page))
                }
                _ => None,
            })
            .collect();
        Scans {
            memo,
            names,
            known,
            seen: Mutex::default(),
        }
    }

    /// What a page uses: as the memo knows it (by number: not a name is copied), or read.
    pub(super) fn scan(&self, path: &str, bytes: &[u8]) -> Scanned<'_> {
        if self.memo.is_none() || !path.ends_with(".html") {
            return Scanned::Read(Used::of(path, bytes));
        }
        let key = crate::cache::key::of_bytes(bytes);
        let (scanned, fresh) = match self.known.get(&key) {
            Some(page) => (
                Scanned::Known {
                    names: &self.names,
                    page,
                },
                None,
            ),
            None => {
                let used = Used::of(path, bytes);
                (Scanned::Read(used.clone()), Some(used))
            }
        };
        if let Ok(mut seen) = self.seen.lock() {
            seen.push((key, fresh));
        }
        scanned
    }

    /// Keeps what this build's pages use for the next build, if it differs from the memo:
    /// the names numbered anew (those no page uses any more are left out), in the order
    /// the pages' keys give, so that the same pages make the same file.
    pub(super) fn keep(self, keeping: Option<&mut Keeping>) {
        let (Some(memo), Some(keeping)) = (self.memo, keeping) else {
            return;
        };
        let mut seen = self.seen.into_inner().unwrap_or_default();
        let fresh = seen.iter().any(|(_, fresh)| fresh.is_some());
        seen.sort_by_key(|(k, _)| *k);
        seen.dedup_by_key(|(k, _)| *k);
        if !fresh && seen.len() == self.known.len() {
            return;
        }
        let mut names: Vec<String> = Vec::new();
        let mut numbers: HashMap<&str, u32> = HashMap::new();
        let mut pages: Vec<(Key, KeptUse)> = Vec::with_capacity(seen.len());
        for (key, fresh) in &seen {
            let (classes, artwork): (Vec<&str>, Vec<&str>) = match (fresh, self.known.get(key)) {
                (Some(used), _) => (
                    used.classes.iter().map(String::as_str).collect(),
                    used.artwork.iter().map(String::as_str).collect(),
                ),
                (None, Some(page)) => (
                    page.classes
                        .iter()
                        .map(|&n| self.names[n as usize].as_str())
                        .collect(),
                    page.artwork
                        .iter()
                        .map(|&n| self.names[n as usize].as_str())
                        .collect(),
                ),
                (None, None) => continue,
            };
            let page = KeptPage {
                classes: classes
                    .into_iter()
                    .map(|c| number(c, &mut numbers, &mut names))
                    .collect(),
                artwork: artwork
                    .into_iter()
                    .map(|a| number(a, &mut numbers, &mut names))
                    .collect(),
            };
            pages.push((*key, KeptUse::Page(page)));
        }
        let names = KeptUse::Names(names);
        let mut entries: Vec<(Key, &KeptUse)> = vec![(names_key(), &names)];
        entries.extend(pages.iter().map(|(k, p)| (*k, p)));
        if let Some(bytes) = memo.encode(&entries) {
            keeping.memos.push((memo, bytes));
        }
    }
}

/// The files of the package a site uses: made, and copied.
pub(super) type Selection = Result<(Vec<Output>, Vec<CopiedFile>), Diagnostic>;

/// The selection as the build cache keeps it (`dsfr.memo`).
#[derive(Serialize, Deserialize)]
struct Kept {
    generated: Vec<(String, crate::cache::Bytes)>,
    copies: Vec<(PathBuf, String)>,
}

/// Selects the files of `pkg` that `used` needs, or takes them from the build cache when
/// the same package was cut down for the same classes and artwork before: cutting the main
/// stylesheet down reads 700 KB of CSS, on every build, for a result that rarely changes.
/// Whatever it selects anew is kept for the next build.
pub(super) fn select(pkg: &Package, used: &Used, keeping: Option<&mut Keeping>) -> Selection {
    let Some((keeping, memo)) = keeping.and_then(|k| k.cache.memo("dsfr").map(|m| (k, m))) else {
        return assets::files(pkg, used);
    };
    let mut key = Hasher::new();
    key.str(&pkg.root.to_string_lossy()).str(&pkg.version);
    for set in [&used.classes, &used.artwork] {
        key.u64(set.len() as u64);
        for name in set {
            key.str(name);
        }
    }
    let key = key.finish();
    if let Some(kept) = memo.read::<Kept>().remove(&key) {
        let generated = kept
            .generated
            .into_iter()
            .map(|(path, bytes)| Output { path, bytes: bytes.0 })
            .collect();
        let copies = kept
            .copies
            .into_iter()
            .map(|(src, dest)| CopiedFile { src, dest })
            .collect();
        return Ok((generated, copies));
    }
    let (generated, copies) = assets::files(pkg, used)?;
    let kept = Kept {
        generated: generated
            .iter()
            .map(|o| (o.path.clone(), crate::cache::Bytes(o.bytes.clone())))
            .collect(),
        copies: copies.iter().map(|c| (c.src.clone(), c.dest.clone())).collect(),
    };
    if let Some(bytes) = memo.encode(&[(key, &kept)]) {
        keeping.memos.push((memo, bytes));
    }
    Ok((generated, copies))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page read, as a build without the cache does.
    fn read(path: &str, bytes: &[u8]) -> Scanned<'static> {
        Scanned::Read(Used::of(path, bytes))
    }

    /// A package whose stylesheet has a rule per class, and the state class its script adds.
    fn package(dir: &Path) -> Package {
        let root = dir.join("package");
        for (rel, text) in [
            (
                "dist/dsfr.min.css",
                "/*! DSFR */a{x:y}.fr-card{x:card}.fr-card--sm{x:sm}.fr-collapsing{x:js}.fr-text--xs{x:xs}",
            ),
            ("dist/dsfr.module.js", "ns.selector('collapsing');"),
            ("dist/dsfr.module.min.js", "m"),
            ("dist/dsfr.nomodule.min.js", "n"),
            ("dist/favicon/favicon.svg", "<svg/>"),
            ("dist/utility/icons/icons.min.css", "/*! DSFR */"),
        ]
        .into_iter()
        .chain(assets::DISPLAY_ARTWORK.map(|art| (art, "<svg/>")))
        {
            let path = match rel.strip_prefix("artwork/") {
                Some(_) => root.join("dist").join(rel),
                None => root.join(rel),
            };
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Package {
            root,
            version: "1.15.3".into(),
            terms_version: "1.0.1".into(),
        }
    }

    fn main_css(dsfr: &Dsfr) -> String {
        let css = dsfr
            .generated
            .iter()
            .find(|o| o.path == "dsfr/dsfr.min.css")
            .unwrap();
        String::from_utf8(css.bytes.clone()).unwrap()
    }

    #[test]
    fn the_stylesheet_follows_the_classes_pages_and_scripts_use() {
        let dir = tempfile::tempdir().unwrap();
        let statics = dir.path().join("static");
        std::fs::create_dir_all(&statics).unwrap();
        let mut dsfr = Dsfr {
            pkg: Some(package(dir.path())),
            static_dirs: vec![statics.clone(), dir.path().join("missing")],
            ..Dsfr::default()
        };
        let none = std::iter::empty::<&str>;
        let page = |html: &'static str| [("a/index.html", html.as_bytes())].into_iter();

        assert!(dsfr.pages(page("<p class=fr-x>"), none(), read, assets::files));
        assert!(!main_css(&dsfr).contains(".fr-card"), "{}", main_css(&dsfr));
        assert!(main_css(&dsfr).contains("\na{x:y}\n.fr-collapsing{x:js}\n"));

        // A card appears on the page: its rule comes, not its unused size variant.
        assert!(dsfr.pages(page("<div class='fr-card fr-x'>"), none(), read, assets::files));
        assert!(main_css(&dsfr).contains("\n.fr-card{x:card}\n"));
        assert!(!main_css(&dsfr).contains("fr-card--sm"));
        // The same page again, or another class of no consequence: nothing to select.
        assert!(!dsfr.pages(page("<div class='fr-x fr-card'>"), none(), read, assets::files));
        assert!(!dsfr.pages(
            [("b/index.html", &b"<p class=\"fr-card fr-x\">"[..])].into_iter(),
            none(),
            read,
            assets::files
        ));

        // One of two pages with a card goes: the rule stays; the last goes: the rule goes.
        assert!(!dsfr.pages(
            std::iter::empty(),
            ["a/index.html"].into_iter(),
            read,
            assets::files
        ));
        assert!(main_css(&dsfr).contains(".fr-card{"));
        assert!(dsfr.pages(
            std::iter::empty(),
            ["b/index.html"].into_iter(),
            read,
            assets::files
        ));
        assert!(!main_css(&dsfr).contains(".fr-card{"));

        // A script of the site names a class: its rule comes at the next batch.
        std::fs::write(statics.join("recherche.js"), "p.className = 'fr-text--xs';").unwrap();
        assert!(dsfr.pages(std::iter::empty(), none(), read, assets::files));
        assert!(main_css(&dsfr).contains("\n.fr-text--xs{x:xs}\n"));
        assert!(!dsfr.pages(std::iter::empty(), none(), read, assets::files));
    }
}
