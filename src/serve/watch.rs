//! Watches the site's inputs (notify, debounced) and hands batches of changed paths to
//! the rebuild loop. Only the inputs are watched — `site.yaml`, `content/`, `templates/`,
//! `static/` and the theme — never the output folder or `target/`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::diagnostic::Diagnostic;

/// How long the watcher waits for a burst of events to settle (editors save in several
/// steps: write a temporary file, rename it, touch the backup).
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// A batch of changed paths, or a watcher error to report.
pub enum Batch {
    Paths(Vec<PathBuf>),
    Error(String),
}

pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root` (canonical) for the theme `theme`; batches go to `tx`.
    pub fn start(root: &Path, theme: &str, tx: Sender<Batch>) -> Result<Watcher, Diagnostic> {
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let batch = match result {
                Ok(events) => {
                    let paths: Vec<PathBuf> = events
                        .into_iter()
                        // Reading a file (our own reads included) changes nothing.
                        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                        .flat_map(|e| e.event.paths)
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    Batch::Paths(paths)
                }
                Err(errors) => Batch::Error(
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            let _ = tx.send(batch);
        })
        .map_err(|e| Diagnostic::error(format!("cannot watch the site's files: {e}")))?;
        let mut w = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        w.debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| {
                Diagnostic::error(format!("cannot watch `{}`: {e}", root.display()))
                    .help("check the folder's permissions")
            })?;
        w.sync(theme);
        Ok(w)
    }

    /// Watches the input folders again from scratch (after one was replaced: a watch
    /// follows the folder it was set on, not its name).
    pub fn rewatch(&mut self, theme: &str) {
        for dir in std::mem::take(&mut self.watched) {
            let _ = self.debouncer.unwatch(&dir);
        }
        self.sync(theme);
    }

    /// Watches the input folders that exist now (a folder created after the start, or a
    /// new theme, is picked up here).
    pub fn sync(&mut self, theme: &str) {
        let wanted: BTreeSet<PathBuf> = ["content", "templates", "static"]
            .into_iter()
            .map(|d| self.root.join(d))
            .chain([self.root.join("themes").join(theme)])
            .filter(|d| d.is_dir())
            .collect();
        for gone in self.watched.difference(&wanted).cloned().collect::<Vec<_>>() {
            let _ = self.debouncer.unwatch(&gone);
            self.watched.remove(&gone);
        }
        for dir in wanted {
            if !self.watched.contains(&dir) && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok() {
                self.watched.insert(dir);
            }
        }
    }
}
