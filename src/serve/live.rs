//! The site as the preview serves it: [`Live`] owns the open [`Project`], applies each
//! batch of changed files to it, and publishes the pages into the [`Hub`] the HTTP server
//! reads, with the reload and error events for the open tabs.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use tokio::sync::{broadcast, watch as signal};

use super::{reconcile, reload};
use crate::diagnostic::{Diagnostic, Location};
use crate::pipeline::{Options, Timings};
use crate::project::{Change, Project};

/// What the server answers from.
pub struct Served {
    pub base_path: String,
    /// Built pages by output path (`startups/ada/index.html`), without the reload script.
    pub pages: HashMap<String, Arc<Vec<u8>>>,
    /// Copied files by output path → file on disk.
    pub files: HashMap<String, PathBuf>,
    /// The current `errors` event.
    pub errors: Arc<String>,
}

/// An event for the open tabs.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    Reload(Arc<String>),
    Errors(Arc<String>),
}

/// What the rebuild thread and the HTTP server share.
pub struct Hub {
    pub(super) served: RwLock<Served>,
    pub events: broadcast::Sender<LiveEvent>,
    pub(super) stop: signal::Sender<bool>,
}

impl Hub {
    pub fn served(&self) -> RwLockReadGuard<'_, Served> {
        self.served.read().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn update(&self, f: impl FnOnce(&mut Served)) {
        let mut guard = self.served.write().unwrap_or_else(|e| e.into_inner());
        f(&mut guard);
    }
}

/// One rebuild after a batch of changes.
#[derive(Debug)]
pub struct Update {
    pub change: Change,
    /// Pages rendered again.
    pub rendered: usize,
    /// Site paths of the pages whose bytes changed (`*` when copied files changed).
    pub reloaded: Vec<String>,
    /// From the batch of paths to the first reload event (the edited pages), the debounce
    /// delay excluded; `None` when no page changed.
    pub first_reload: Option<Duration>,
    /// From the batch of paths to the last page published.
    pub elapsed: Duration,
    /// Problems that appeared with this update.
    pub new_problems: Vec<Diagnostic>,
}

impl Update {
    /// This update followed by `later`, for the same batch.
    pub(super) fn then(mut self, later: Update) -> Update {
        self.change.config |= later.change.config;
        self.change.statics |= later.change.statics;
        self.change.templates.extend(later.change.templates);
        self.change.content.extend(later.change.content);
        self.rendered += later.rendered;
        self.reloaded.extend(later.reloaded);
        self.reloaded.dedup();
        self.first_reload = self.first_reload.or(later.first_reload);
        self.elapsed = later.elapsed;
        self.new_problems.extend(later.new_problems);
        self
    }
}

/// The live site: the open project and what the server answers from.
pub struct Live {
    pub(super) project: Project,
    pub(super) opts: Options,
    pub(super) hub: Arc<Hub>,
    pub(super) root: PathBuf,
    pub(super) problems: Vec<Diagnostic>,
    pub(super) new_problems: Vec<Diagnostic>,
    /// The failure of the last rebuild, which left the project half updated (see
    /// [`recover`]).
    pub(super) broken: Option<Diagnostic>,
}

impl Live {
    /// Builds the site in memory. `Err` when there is nothing to serve at all.
    pub fn open(opts: &Options) -> Result<(Live, Timings), Diagnostic> {
        if !opts.root.join("site.yaml").is_file() {
            return Err(Diagnostic::error(crate::msg!(
                "new-no-site",
                folder = opts.root.display().to_string()
            ))
            .at(Location::file("site.yaml"))
            .help(crate::tr!("new-no-site-help")));
        }
        let root = std::fs::canonicalize(&opts.root).map_err(|e| {
            Diagnostic::error(crate::msg!(
                "serve-cannot-open",
                folder = opts.root.display().to_string(),
                error = e.to_string()
            ))
        })?;
        let mut timings = Timings::default();
        let mut project = Project::open(opts, &mut timings)?;
        project.track();
        let problems = project.problems();
        let (events, _) = broadcast::channel(64);
        let (stop, _) = signal::channel(false);
        let base_path = base_path(&project);
        let served = Served {
            base_path,
            pages: project
                .outputs()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            files: files(&project),
            errors: Arc::new(reload::errors_payload(&problems)),
        };
        let hub = Arc::new(Hub {
            served: RwLock::new(served),
            events,
            stop,
        });
        Ok((
            Live {
                project,
                opts: opts.clone(),
                hub,
                root,
                problems,
                new_problems: Vec::new(),
                broken: None,
            },
            timings,
        ))
    }

    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    pub fn problems(&self) -> &[Diagnostic] {
        &self.problems
    }

    /// The theme in use, to classify and watch its files.
    pub fn theme(&self) -> String {
        self.project
            .config()
            .map_or_else(|| "dsfr".to_string(), |c| c.theme.clone())
    }

    /// Applies a batch of changed paths: rebuilds what they affect, publishes the pages and
    /// tells the open tabs. Then, whatever the events said, brings the content files in
    /// line with the `content` folder ([`reconcile`]); checked once the edited pages are
    /// out, so that the check adds nothing to the time an edit takes to show. `None` when
    /// nothing of the site changed.
    pub fn update(&mut self, paths: &[PathBuf]) -> Option<Update> {
        let started = Instant::now();
        let change = crate::project::classify::classify(&self.root, &self.theme(), paths);
        let mut update = (!change.is_empty()).then(|| self.rebuild(change, started));
        let on_disk = reconcile::content_on_disk(&self.root);
        let unseen = reconcile::disagreements(&self.project.content_rels(), &on_disk);
        if !unseen.is_empty() {
            let change = Change {
                content: unseen,
                ..Change::default()
            };
            let fix = self.rebuild(change, started);
            update = Some(match update {
                Some(u) => u.then(fix),
                None => fix,
            });
        }
        update
    }

    /// Rebuilds and publishes what `change` affects; times count from `started`.
    pub(super) fn rebuild(&mut self, change: Change, started: Instant) -> Update {
        let plan = self.project.apply(&change);
        // Two waves: the pages of the edited files first, reloaded as soon as they are
        // ready; then the pages that show them (listings, taxonomies), whose size grows
        // with the site. Tabs showing those reload when the second wave is published.
        let (first, rest) = plan.render.split_at(plan.own.min(plan.render.len()));
        let files_changed = change.statics
            || change
                .content
                .iter()
                .any(|r| crate::content::without_md(r).is_none());
        let reload_all = plan.copies || change.config || files_changed;
        let mut reloaded = Vec::new();
        let mut first_reload = None;
        for (wave, paths) in [first, rest].into_iter().enumerate() {
            if wave == 1 && paths.is_empty() {
                break;
            }
            let changed = self.project.render(paths);
            let last = wave == 1 || rest.is_empty();
            let sent = self.announce(&changed, plan.copies && last, reload_all && last, None);
            if !sent.is_empty() {
                first_reload.get_or_insert_with(|| started.elapsed());
                reloaded.extend(sent);
            }
            if last {
                // Once the pages are out: the sitemap, feed and open data follow them, then
                // the problems (the reload event comes first, then the overlay's list).
                let hosting = self.project.sync_hosting();
                let problems = self.project.problems();
                reloaded.extend(self.announce(&hosting, false, false, Some(problems)));
            }
        }
        let elapsed = started.elapsed();
        // The search index follows in the background (see `Live::poll_search`).
        self.project.index_search();
        reloaded.dedup();
        Update {
            change,
            rendered: plan.render.len(),
            reloaded,
            first_reload,
            elapsed,
            new_problems: std::mem::take(&mut self.new_problems),
        }
    }

    /// Takes in the search index made in the background once it is done (at once with
    /// `wait`), and publishes it. Returns the problems that appeared with it; `None` when no
    /// index was done.
    pub fn poll_search(&mut self, wait: bool) -> Option<Vec<Diagnostic>> {
        let changed = self.project.poll_search(wait)?;
        let problems = self.project.problems();
        self.announce(&changed, false, false, Some(problems));
        Some(std::mem::take(&mut self.new_problems))
    }

    /// Whether a search index is being made, for [`Live::poll_search`].
    pub fn search_pending(&self) -> bool {
        self.project.search_pending()
    }

    /// Publishes changed files and, when given, the current problems, and tells the open
    /// tabs (every tab with `reload_all`). Returns the site paths sent to reload.
    pub(super) fn announce(
        &mut self,
        changed: &[String],
        copies: bool,
        reload_all: bool,
        problems: Option<Vec<Diagnostic>>,
    ) -> Vec<String> {
        let errors_changed = problems.as_ref().is_some_and(|p| *p != self.problems);
        self.publish(changed, copies, problems.as_deref().filter(|_| errors_changed));
        let base = base_path(&self.project);
        let mut paths: Vec<String> = changed.iter().map(|p| site_path(&base, p)).collect();
        // Copied files are read from disk when asked for: a changed stylesheet or image
        // shows after a reload of whatever page uses it.
        if reload_all {
            paths = vec!["*".to_string()];
        }
        if !paths.is_empty() {
            let _ = self
                .hub
                .events
                .send(LiveEvent::Reload(Arc::new(reload::reload_payload(&paths))));
        }
        if errors_changed {
            let payload = self.hub.served().errors.clone();
            let _ = self.hub.events.send(LiveEvent::Errors(payload));
        }
        if let Some(problems) = problems {
            self.new_problems = problems
                .iter()
                .filter(|d| !self.problems.contains(d))
                .cloned()
                .collect();
            self.problems = problems;
        }
        paths
    }

    /// Makes changed pages (and copied files, problems) visible to the server.
    pub(super) fn publish(&self, changed: &[String], copies: bool, problems: Option<&[Diagnostic]>) {
        let project = &self.project;
        let base = base_path(project);
        self.hub.update(|s| {
            for path in changed {
                match project.output(path) {
                    Some(bytes) => s.pages.insert(path.clone(), bytes.clone()),
                    None => s.pages.remove(path),
                };
            }
            if copies {
                s.files = files(project);
            }
            if let Some(problems) = problems {
                s.errors = Arc::new(reload::errors_payload(problems));
            }
            s.base_path = base;
        });
    }
}

pub(super) fn base_path(project: &Project) -> String {
    project
        .config()
        .map_or_else(|| "/".to_string(), |c| c.base_path())
}

pub(super) fn files(project: &Project) -> HashMap<String, PathBuf> {
    project
        .copies()
        .iter()
        .map(|c| (c.dest.clone(), c.src.clone()))
        .collect()
}

/// `startups/ada/index.html` → `/startups/ada/`; `404.html` → `/404.html`.
pub fn site_path(base_path: &str, output: &str) -> String {
    let path = output.strip_suffix("index.html").unwrap_or(output);
    format!("{base_path}{path}")
}

#[cfg(test)]
pub(in crate::serve) mod tests {
    use super::*;
    use crate::date::Date;

    const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve-site");

    pub(in crate::serve) fn open_fixture() -> (tempfile::TempDir, Live) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for e in walkdir::WalkDir::new(FIXTURE).into_iter().map(Result::unwrap) {
            let dest = root.join(e.path().strip_prefix(FIXTURE).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(e.path(), &dest).unwrap();
            }
        }
        let opts = Options {
            root,
            date: Some(Date::parse("2026-06-01").unwrap()),
            ..Options::default()
        };
        let (live, _) = Live::open(&opts).unwrap();
        (tmp, live)
    }

    pub(in crate::serve) fn served(live: &Live, path: &str) -> Option<String> {
        let hub = live.hub().served();
        hub.pages
            .get(path)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }

    /// Events that never came (lost, merged away) do not leave a page served that no file
    /// makes, nor hide a file that is there.
    #[test]
    fn each_batch_brings_the_content_files_in_line_with_the_folder() {
        let (tmp, mut live) = open_fixture();
        let startups = tmp.path().join("site/content/startups");
        assert!(served(&live, "startups/carto/index.html").is_some());
        std::fs::remove_file(startups.join("carto.md")).unwrap();
        std::fs::write(
            startups.join("dora.md"),
            "---\ntitle: Dora\nmission: Numériser les partitions.\nincubator: essai\ncontact: d@example.fr\nphases:\n  - name: investigation\n    start: 2025-01-15\n---\n",
        )
        .unwrap();
        // A batch that names neither file: an unrelated edit elsewhere.
        let u = live
            .update(&[tmp.path().join("site/README.md")])
            .expect("an update");
        let looked_at: Vec<&str> = u.change.content.iter().map(String::as_str).collect();
        assert_eq!(looked_at, ["startups/carto.md", "startups/dora.md"]);
        assert_eq!(served(&live, "startups/carto/index.html"), None);
        assert!(
            served(&live, "startups/dora/index.html").is_some(),
            "{:?}",
            live.problems()
        );
        let listing = served(&live, "startups/index.html").unwrap();
        assert!(
            !listing.contains("Carto") && listing.contains("Dora"),
            "{listing}"
        );
        // In line again: the next batch finds nothing to do.
        assert!(live.update(&[tmp.path().join("site/README.md")]).is_none());
    }
}
