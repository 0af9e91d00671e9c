//! When a batch of events goes out. An editor saves in several steps (writes a temporary
//! file and renames it over the page, or renames the page to a backup and writes it again,
//! then changes its mode); a batch cut in the middle would show a page missing or a
//! temporary file for a moment, then rebuild again. Waiting for a fixed pause after the
//! last event (50 ms here before) made every save wait that long.
//!
//! The events say when a save is whole: a file written is closed (Linux reports closes),
//! a file renamed into place arrives whole, a temporary file created and gone again is done
//! with. Once every path of the batch is in such a state, the batch goes out after
//! [`SETTLE`] without events. While one is not (a file still open, a page removed that may
//! come back, a new file that may be a temporary one about to be renamed, a folder created,
//! or a system that does not report closes), it goes out after [`DEBOUNCE`] without events.
//! A batch that begins less than [`DEBOUNCE`] after the batch before is part of a long
//! burst (a copy of many files, a `git checkout`) and waits for that pause too, so a burst
//! makes a few batches, not one per file. [`MAX_WAIT`] bounds every batch.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
use notify::{Event, EventKind};

use super::Batch;

/// How long the events of a save known to be whole must leave the watcher alone before
/// the batch goes out: the last steps of the save (a change of mode, the backup removed)
/// come within it.
pub const SETTLE: Duration = Duration::from_millis(2);

/// How long a batch waits without events when the events do not say the save is whole,
/// or when it follows the batch before in a long burst.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// The longest a batch waits while events keep coming (a copy of many files, a `git
/// checkout`): the preview follows a long burst in steps rather than at its end.
pub const MAX_WAIT: Duration = Duration::from_millis(500);

/// Where one path stands in the events of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Created, or its data changed, and not closed since.
    Writing,
    /// Closed after writing, or only its mode or times changed.
    Written,
    /// Renamed to a name not known yet (the other half of the rename may be on its way).
    Leaving,
    /// Removed, or renamed to a name known.
    Gone,
    /// Renamed into place: a whole file at once.
    Arrived,
    /// A folder created, a rename or change of an unknown kind: the end cannot be told.
    Unknown,
}

/// One path's stage, and whether the batch's first event for it made it (`born`: it was
/// not there before the batch).
#[derive(Debug, Clone, Copy)]
struct Trace {
    stage: Stage,
    born: bool,
}

impl Trace {
    /// Whether what happened to this path is over, as far as the events tell.
    fn whole(self) -> bool {
        match self.stage {
            // A file that was there and is closed again; a new one closed may be a
            // temporary file about to be renamed over a page.
            Stage::Written => !self.born,
            Stage::Arrived => true,
            // A temporary file that came and went; a file that was there and is gone may
            // be written again (editors that rename the page to a backup first).
            Stage::Gone => self.born,
            Stage::Writing | Stage::Leaving | Stage::Unknown => false,
        }
    }
}

/// Groups raw events into batches ([module documentation](self)). Pure: each event comes
/// with the time it was received, so the rules are tested with a clock of the test's own.
#[derive(Debug, Default)]
pub struct Debouncer {
    batch: Batch,
    traces: HashMap<PathBuf, Trace>,
    /// How many traces are not [`Trace::whole`].
    open: usize,
    /// When the batch's first and last events came.
    first: Option<Instant>,
    last: Option<Instant>,
    /// The batch began less than [`DEBOUNCE`] after the batch before's last event.
    follows: bool,
    /// When the last event of the batch before came.
    before: Option<Instant>,
}

impl Debouncer {
    /// Takes in one event (or watcher error) received at `now`.
    pub fn add(&mut self, event: notify::Result<Event>, now: Instant) {
        if let Ok(e) = &event
            && matches!(e.kind, EventKind::Access(k) if k != AccessKind::Close(AccessMode::Write))
        {
            // Reads (ours included) change nothing and say nothing of a save.
            return;
        }
        if self.first.is_none() {
            self.first = Some(now);
            self.follows = self
                .before
                .is_some_and(|b| now.saturating_duration_since(b) < DEBOUNCE);
        }
        self.last = Some(now);
        if let Ok(e) = &event {
            self.trace(e);
        }
        self.batch.add(event);
    }

    /// When the batch goes out if no other event comes; `None` when no batch is open.
    pub fn due(&self) -> Option<Instant> {
        let (first, last) = (self.first?, self.last?);
        let quiet = if self.whole() && !self.follows {
            SETTLE
        } else {
            DEBOUNCE
        };
        Some((last + quiet).min(first + MAX_WAIT))
    }

    /// The batch, if it is due at `now` and holds something.
    pub fn take(&mut self, now: Instant) -> Option<Batch> {
        if self.due()? > now {
            return None;
        }
        let batch = std::mem::take(&mut self.batch);
        self.traces.clear();
        self.open = 0;
        self.before = self.last.take();
        self.first = None;
        (!batch.is_empty()).then_some(batch)
    }

    /// Whether the events of the open batch say every save in it is whole.
    fn whole(&self) -> bool {
        self.open == 0 && !self.batch.rescan
    }

    fn trace(&mut self, e: &Event) {
        use Stage::*;
        let kind = e.kind;
        // A path the batch's first event for creates, or renames into place, was not there
        // before the batch.
        let born = matches!(
            kind,
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(RenameMode::To))
        );
        if kind == EventKind::Modify(ModifyKind::Name(RenameMode::Both)) {
            // Both names of a rename seen: the old name is gone, the new one arrived.
            if let [from, to] = e.paths.as_slice() {
                self.set(from, false, |_| Gone);
                self.set(to, true, |_| Arrived);
            } else {
                for p in &e.paths {
                    self.set(p, false, |_| Unknown);
                }
            }
            return;
        }
        for p in &e.paths {
            self.set(p, born, |stage| match kind {
                // Only the close of a file written gets here (see `add`).
                EventKind::Access(_) => match stage {
                    Some(Writing) | None => Written,
                    Some(s) => s,
                },
                EventKind::Create(CreateKind::File) => Writing,
                EventKind::Modify(ModifyKind::Metadata(_)) => stage.unwrap_or(Written),
                EventKind::Modify(ModifyKind::Name(RenameMode::From)) => Leaving,
                EventKind::Modify(ModifyKind::Name(RenameMode::To)) => Arrived,
                EventKind::Modify(ModifyKind::Name(_)) => Unknown,
                EventKind::Modify(_) => Writing,
                EventKind::Remove(_) => Gone,
                EventKind::Create(_) | EventKind::Any | EventKind::Other => Unknown,
            });
        }
    }

    /// Moves `path` to the stage `f` gives from its stage (`None`: no event of the batch
    /// named it yet); `born` says whether a path new to the batch was not there before.
    fn set(&mut self, path: &Path, born: bool, f: impl FnOnce(Option<Stage>) -> Stage) {
        let old = self.traces.get(path).copied();
        let new = Trace {
            stage: f(old.map(|t| t.stage)),
            born: old.map_or(born, |t| t.born),
        };
        if old.is_some_and(|t| !t.whole()) {
            self.open -= 1;
        }
        if !new.whole() {
            self.open += 1;
        }
        self.traces.insert(path.to_path_buf(), new);
    }
}

#[cfg(test)]
mod tests;
