//! Watches the site's inputs (notify) and hands batches of changed paths to the rebuild
//! loop. Only the inputs are watched — `site.yaml`, `content/`, `templates/`, `static/`
//! and the theme — never the output folder or `target/`.
//!
//! A batch is the set of every path named by any event of a burst, nothing more: the
//! rebuild loop looks at each path on disk again, so what kind of event named it does not
//! matter. (Debouncers that merge events by kind lose paths: notify-debouncer-full turned
//! "rename `a` to `b`, then delete `b`" into "delete `b`", and `a`'s page stayed served.)
//! When a batch goes out is [`debounce`]'s business.

mod debounce;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Instant;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::diagnostic::Diagnostic;
pub use debounce::{DEBOUNCE, Debouncer, MAX_WAIT, SETTLE};

/// What changed during one burst of events.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Batch {
    /// Every path an event named, in any role (both names of a rename).
    pub paths: BTreeSet<PathBuf>,
    /// Events were lost (the kernel's queue overflowed): everything must be looked at.
    pub rescan: bool,
    /// Watcher errors, to report.
    pub errors: Vec<String>,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rescan && self.errors.is_empty()
    }

    /// Adds one event (or watcher error).
    pub fn add(&mut self, event: notify::Result<Event>) {
        match event {
            Ok(e) if e.need_rescan() => self.rescan = true,
            // Reading a file (our own reads included) changes nothing.
            Ok(e) if matches!(e.kind, EventKind::Access(_)) => {}
            Ok(e) => self.paths.extend(e.paths),
            Err(e) => self.errors.push(e.to_string()),
        }
    }

    /// Merges a later batch into this one.
    pub fn merge(&mut self, later: Batch) {
        self.paths.extend(later.paths);
        self.rescan |= later.rescan;
        self.errors.extend(later.errors);
    }
}

pub struct Watcher {
    watcher: RecommendedWatcher,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root` (canonical) for the theme `theme`; batches go to `tx`.
    pub fn start(root: &Path, theme: &str, tx: Sender<Batch>) -> Result<Watcher, Diagnostic> {
        let (raw_tx, raw_rx) = channel();
        let watcher = notify::recommended_watcher(raw_tx)
            .map_err(|e| Diagnostic::error(crate::msg!("serve-cannot-watch-files", error = e.to_string())))?;
        std::thread::Builder::new()
            .name("atelier-watch".into())
            .spawn(move || batches(&raw_rx, &tx))
            .map_err(|e| Diagnostic::error(crate::msg!("serve-cannot-watch-files", error = e.to_string())))?;
        let mut w = Watcher {
            watcher,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        w.watcher.watch(root, RecursiveMode::NonRecursive).map_err(|e| {
            Diagnostic::error(crate::msg!(
                "serve-cannot-watch",
                folder = root.display().to_string(),
                error = e.to_string()
            ))
            .help(crate::tr!("content-unreadable-help"))
        })?;
        w.sync(theme);
        Ok(w)
    }

    /// Watches the input folders again from scratch (after one was replaced: a watch
    /// follows the folder it was set on, not its name). Returns the folders now watched:
    /// what changed in them before their watch was set (while the last rebuild ran, or
    /// between the unwatch and the watch) made no event, so the caller looks at them again.
    pub fn rewatch(&mut self, theme: &str) -> Vec<PathBuf> {
        for dir in std::mem::take(&mut self.watched) {
            let _ = self.watcher.unwatch(&dir);
        }
        self.sync(theme);
        self.watched.iter().cloned().collect()
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
            let _ = self.watcher.unwatch(&gone);
            self.watched.remove(&gone);
        }
        for dir in wanted {
            if !self.watched.contains(&dir) && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok() {
                self.watched.insert(dir);
            }
        }
    }
}

/// Collects raw events into batches ([`Debouncer`]) until either side hangs up.
fn batches(rx: &Receiver<notify::Result<Event>>, tx: &Sender<Batch>) {
    let mut debouncer = Debouncer::default();
    loop {
        let event = match debouncer.due() {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(due) => rx.recv_timeout(due.saturating_duration_since(Instant::now())),
        };
        match event {
            Ok(e) => debouncer.add(e, Instant::now()),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if let Some(batch) = debouncer.take(Instant::now())
            && tx.send(batch).is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, Flag, ModifyKind, RemoveKind, RenameMode};

    /// A watcher event, as `notify` sends it (also used by the debouncer's tests).
    pub(super) fn event(kind: EventKind, paths: &[&str]) -> notify::Result<Event> {
        Ok(Event {
            kind,
            paths: paths.iter().map(PathBuf::from).collect(),
            attrs: Default::default(),
        })
    }

    fn paths(b: &Batch) -> Vec<&str> {
        b.paths.iter().map(|p| p.to_str().unwrap()).collect()
    }

    #[test]
    fn every_path_of_a_burst_is_kept_whatever_the_events_say() {
        // Rename `carto.md` away, create it again, rename it away again, delete both: the
        // name that was served must be looked at, though no event says it is gone.
        let mut b = Batch::default();
        let rename = |from: &str, to: &str| {
            [
                event(EventKind::Modify(ModifyKind::Name(RenameMode::From)), &[from]),
                event(EventKind::Modify(ModifyKind::Name(RenameMode::To)), &[to]),
                event(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), &[from, to]),
            ]
        };
        for e in rename("/s/content/carto.md", "/s/content/x1.md") {
            b.add(e);
        }
        b.add(event(
            EventKind::Create(CreateKind::File),
            &["/s/content/carto.md"],
        ));
        for e in rename("/s/content/carto.md", "/s/content/x2.md") {
            b.add(e);
        }
        b.add(event(EventKind::Remove(RemoveKind::File), &["/s/content/x1.md"]));
        b.add(event(EventKind::Remove(RemoveKind::File), &["/s/content/x2.md"]));
        assert_eq!(
            paths(&b),
            ["/s/content/carto.md", "/s/content/x1.md", "/s/content/x2.md"]
        );
        assert!(!b.rescan);
    }

    #[test]
    fn reads_are_left_out_and_lost_events_ask_for_a_rescan() {
        let mut b = Batch::default();
        b.add(event(EventKind::Access(AccessKind::Read), &["/s/content/a.md"]));
        assert!(b.is_empty());
        b.add(Ok(Event::new(EventKind::Other).set_flag(Flag::Rescan)));
        assert!(b.rescan && b.paths.is_empty());
        b.add(Err(notify::Error::generic("gone")));
        let mut later = Batch::default();
        later.add(event(EventKind::Any, &["/s/site.yaml"]));
        b.merge(later);
        assert_eq!(paths(&b), ["/s/site.yaml"]);
        assert_eq!(b.errors, ["gone"]);
    }
}
