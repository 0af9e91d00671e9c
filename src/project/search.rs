//! The search index of the preview, made again in the background: Pagefind takes seconds
//! on a large site (2.5 s on the 662 fiches of beta.gouv.fr), and an edited page must not
//! wait for it to reload. The index follows the pages a moment later, and is made again only
//! when what it indexes changed, reading again only the pages that changed.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::hosting::search::{Kept, Page, Pending, Reuse};

/// What the index is made of: each indexed page, with what Pagefind reads of it
/// ([`crate::hosting::search::pages`]); `None` when the site has no search page.
pub type Input = Option<Vec<Page>>;

#[derive(Default)]
enum Job {
    #[default]
    Idle,
    Running(Pending),
    /// The site no longer has a search page: the index goes at the next poll.
    Clear,
}

#[derive(Default)]
pub struct LiveSearch {
    /// What the index in the outputs, or the one being made, is made of.
    last: Input,
    job: Job,
    /// What came while a job was running, in its language: made next.
    queued: Option<(String, Input)>,
    /// Output paths of the index's files.
    paths: Vec<String>,
    /// Why the last index could not be made.
    diags: Vec<Diagnostic>,
    /// What the last index made that the next can use: only the pages edited since are
    /// read again (empty while a job runs, which has it).
    reuse: Reuse,
}

impl LiveSearch {
    /// Makes the index of `input`, unless it is what the index is or will be made of.
    /// While a job runs, the newest input waits for it.
    pub fn want(&mut self, language: &str, input: Input) {
        let latest = self.queued.as_ref().map_or(&self.last, |(_, q)| q);
        if *latest == input {
            return;
        }
        if matches!(self.job, Job::Running(_)) {
            self.queued = Some((language.to_string(), input));
        } else {
            self.start(language, input);
        }
    }

    fn start(&mut self, language: &str, input: Input) {
        self.job = match &input {
            Some(pages) => {
                let reuse = std::mem::take(&mut self.reuse);
                Job::Running(Pending::start(language, pages.clone(), move || {
                    Kept::decoded(reuse, Vec::new())
                }))
            }
            None => Job::Clear,
        };
        self.last = input;
    }

    /// Whether an index is being made (or removed), for [`LiveSearch::poll`] to take in.
    pub fn pending(&self) -> bool {
        !matches!(self.job, Job::Idle)
    }

    /// Once the index being made is done (at once with `wait`), puts its files in `outputs`
    /// and starts the next one. Returns the output paths that changed; `None` when no index
    /// was done. An index that fails leaves the last good one in place, with its problem.
    pub fn poll(&mut self, outputs: &mut BTreeMap<String, Arc<Vec<u8>>>, wait: bool) -> Option<Vec<String>> {
        let made = match std::mem::replace(&mut self.job, Job::Idle) {
            Job::Idle => return None,
            Job::Running(p) if !wait && !p.is_finished() => {
                self.job = Job::Running(p);
                return None;
            }
            Job::Running(p) => {
                let made = p.finish_all();
                self.reuse = made.reuse;
                made.files
            }
            Job::Clear => Ok(Vec::new()),
        };
        let changed = match made {
            Ok(files) => {
                self.diags.clear();
                super::outputs::replace_files(outputs, &mut self.paths, files)
            }
            Err(d) => {
                self.diags = vec![d];
                Vec::new()
            }
        };
        if let Some((language, input)) = self.queued.take() {
            self.start(&language, input);
        }
        Some(changed)
    }

    pub fn diags(&self) -> &[Diagnostic] {
        &self.diags
    }
}
