//! The preview outlives its own failures. A rebuild that panics (a bug of atelier that some
//! input sets off) is caught: the last good pages stay served, the problem is shown over
//! every page, and the next change builds the whole site again. And deep nesting in a page
//! recurses in the minifier: the preview renders on threads with a large stack, so that a
//! page `build` refuses does not end the preview.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::live::{Live, LiveEvent, Update};
use super::reload;
use crate::diagnostic::{Diagnostic, Location};
use crate::pipeline::Timings;
use crate::project::{Change, Project};

/// The stack of the threads that open, render and minify in `serve`: with the default
/// 2 MB, a blockquote 700 levels deep overflowed it in the minifier (debug build), and a
/// stack overflow ends the process. Only the pages of the stack that are used take memory.
pub const STACK: usize = 256 << 20;

/// Gives rayon's threads, which render and minify the pages, a [`STACK`]. Call before any
/// parallel work: the pool is made once per process.
pub fn large_stack_pool() {
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK)
        .thread_name(|i| format!("atelier-render-{i}"))
        .build_global();
}

/// Runs `f` on a new thread named `name` with a [`STACK`]; `Err` with the panic's message.
pub fn on_large_stack<T: Send>(name: &str, f: impl FnOnce() -> T + Send) -> Result<T, String> {
    std::thread::scope(|s| {
        let thread = std::thread::Builder::new()
            .name(name.to_string())
            .stack_size(STACK)
            .spawn_scoped(s, f)
            .map_err(|e| crate::tr!("serve-no-thread", error = e.to_string()))?;
        thread.join().map_err(|p| panic_message(&*p))
    })
}

/// The message a panic was raised with.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

impl Live {
    /// [`Live::update`], with a panic caught: `Err` with the problem shown over the pages.
    /// After a panic the project may be half updated, so the next batch opens the site
    /// again from scratch.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Result<Option<Update>, Diagnostic> {
        if self.broken.is_some() {
            return self.reopen(paths);
        }
        match catch_unwind(AssertUnwindSafe(|| self.update(paths))) {
            Ok(update) => Ok(update),
            Err(p) => Err(self.fail(paths, &panic_message(&*p))),
        }
    }

    /// Opens the site again, in place of a project left half updated by a panic, and
    /// publishes all of it.
    fn reopen(&mut self, paths: &[PathBuf]) -> Result<Option<Update>, Diagnostic> {
        let started = Instant::now();
        let opened = catch_unwind(AssertUnwindSafe(|| {
            Project::open(&self.opts, &mut Timings::default()).map(|mut p| {
                p.track();
                p
            })
        }));
        self.project = match opened {
            Ok(Ok(project)) => project,
            Ok(Err(d)) => return Err(self.fail(paths, &d.message)),
            Err(p) => return Err(self.fail(paths, &panic_message(&*p))),
        };
        self.broken = None;
        let mut all: Vec<String> = self.hub.served().pages.keys().cloned().collect();
        all.extend(self.project.outputs().keys().cloned());
        all.sort();
        all.dedup();
        let problems = self.project.problems();
        let reloaded = self.announce(&all, true, true, Some(problems));
        let elapsed = started.elapsed();
        Ok(Some(Update {
            change: Change {
                config: true,
                ..Change::default()
            },
            rendered: self.project.outputs().len(),
            reloaded,
            first_reload: Some(elapsed),
            elapsed,
            new_problems: std::mem::take(&mut self.new_problems),
        }))
    }

    /// Shows a failed rebuild over every page, the last good pages kept, and returns its
    /// problem.
    fn fail(&mut self, paths: &[PathBuf], message: &str) -> Diagnostic {
        let inputs: Vec<&Path> = paths
            .iter()
            .filter_map(|p| p.strip_prefix(&self.root).ok())
            .collect();
        let message = match inputs.as_slice() {
            [] => crate::tr!("serve-rebuild-failed", problem = message),
            [one] => crate::tr!(
                "serve-rebuild-failed-after-one",
                file = one.display().to_string(),
                problem = message
            ),
            [one, ..] => crate::tr!(
                "serve-rebuild-failed-after-many",
                file = one.display().to_string(),
                others = inputs.len() - 1,
                problem = message
            ),
        };
        let mut d = Diagnostic::error(message).help(crate::tr!("serve-rebuild-failed-help"));
        if let [one] = inputs.as_slice() {
            d = d.at(Location::file(*one));
        }
        let mut problems: Vec<Diagnostic> = self
            .problems
            .iter()
            .filter(|p| Some(*p) != self.broken.as_ref())
            .cloned()
            .collect();
        problems.push(d.clone());
        let payload = Arc::new(reload::errors_payload(&problems));
        self.hub.update(|s| s.errors = payload.clone());
        let _ = self.hub.events.send(LiveEvent::Errors(payload));
        self.problems = problems;
        self.broken = Some(d.clone());
        d
    }
}

#[cfg(test)]
mod tests {
    use super::super::live::tests::{open_fixture, served};
    use super::*;

    /// After a failed rebuild, the last good pages stay served with the problem over them,
    /// and the next batch builds the whole site again, the files changed meanwhile included.
    #[test]
    fn a_failed_rebuild_keeps_the_pages_and_the_next_change_builds_everything_again() {
        let (tmp, mut live) = open_fixture();
        let root = tmp.path().join("site");
        let ada = root.join("content/startups/ada.md");
        let mut stream = live.hub().events.subscribe();
        let d = live.fail(std::slice::from_ref(&ada), "boom");
        assert!(
            d.message
                .ends_with("after a change to `content/startups/ada.md`: boom"),
            "{d:?}"
        );
        assert!(live.problems().contains(&d));
        let errors = live.hub().served().errors.clone();
        assert!(
            errors.contains("boom") && errors.contains("content/startups/ada.md"),
            "{errors}"
        );
        assert!(matches!(stream.try_recv(), Ok(LiveEvent::Errors(e)) if e.contains("boom")));
        assert!(
            served(&live, "startups/ada/index.html").is_some(),
            "the last good page"
        );

        // The next batch, whatever it names, opens the site again.
        let text = std::fs::read_to_string(&ada).unwrap();
        std::fs::write(&ada, text.replace("prêter des livres", "prêter des cartes")).unwrap();
        std::fs::remove_file(root.join("content/startups/carto.md")).unwrap();
        let u = live.apply(&[root.join("README.md")]).unwrap().expect("a rebuild");
        assert_eq!(u.reloaded, ["*"]);
        assert!(!live.problems().contains(&d), "{:?}", live.problems());
        assert!(!live.hub().served().errors.contains("boom"));
        assert!(
            served(&live, "startups/ada/index.html")
                .unwrap()
                .contains("prêter des cartes")
        );
        assert_eq!(served(&live, "startups/carto/index.html"), None);
        // And the batches after it are incremental again.
        std::fs::write(&ada, text).unwrap();
        let u = live
            .apply(std::slice::from_ref(&ada))
            .unwrap()
            .expect("an update");
        assert!(
            u.reloaded.contains(&"/startups/ada/".to_string()),
            "{:?}",
            u.reloaded
        );
    }

    #[test]
    fn a_panic_on_a_large_stack_thread_is_a_message() {
        assert_eq!(on_large_stack("t", || 6 * 7), Ok(42));
        let r: Result<(), String> = on_large_stack("t", || panic!("boom {}", 1));
        assert_eq!(r, Err("boom 1".to_string()));
        let r: Result<(), String> = on_large_stack("t", || std::panic::panic_any(7_u8));
        assert_eq!(r, Err("unknown panic".to_string()));
    }

    /// Recursion far deeper than the default 2 MB stack of a thread allows.
    #[test]
    fn the_large_stack_holds_deep_recursion() {
        fn depth(n: u32) -> u32 {
            let pad = std::hint::black_box([0u8; 1024]);
            if n == 0 {
                u32::from(pad[0])
            } else {
                1 + depth(n - 1)
            }
        }
        assert_eq!(on_large_stack("t", || depth(50_000)), Ok(50_000));
    }
}
