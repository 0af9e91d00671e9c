//! Which pages read what (for `serve`): made once, then kept up to date page by page, so
//! that an update renders again only the pages that read what changed.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::render::{self, Read};
use crate::site::Route;

use super::Project;

impl Project {
    /// Starts recording which pages read what, so that [`Project::apply`] can tell which
    /// pages a change affects. `build` does not need it.
    pub fn track(&mut self) {
        let mut t = Tracking {
            reads: self.all_reads(),
            ..Tracking::default()
        };
        t.index();
        self.tracking = Some(t);
    }

    pub(super) fn all_reads(&self) -> HashMap<String, Vec<Read>> {
        let site = &self.site;
        site.routes
            .par_iter()
            .map(|r| (site.output_path(r), self.reads_of(r)))
            .collect()
    }

    /// What the page of `route` reads, as building its context records it; nothing
    /// without settings, when nothing renders.
    pub(super) fn reads_of(&self, route: &Route) -> Vec<Read> {
        match &self.shared {
            Some(shared) => render::reads(&self.site, &self.bodies, shared, route),
            None => Vec::new(),
        }
    }
}

/// Which pages read what; made by [`Project::track`], for `serve` only.
#[derive(Default)]
pub(super) struct Tracking {
    pub(super) reads: HashMap<String, Vec<Read>>,
    pub(super) readers: HashMap<Read, Vec<String>>,
}

impl Tracking {
    /// Replaces what one page reads.
    pub(super) fn retrack(&mut self, path: &str, reads: Vec<Read>) {
        for r in self.reads.remove(path).unwrap_or_default() {
            if let Some(list) = self.readers.get_mut(&r) {
                list.retain(|p| p != path);
            }
        }
        for r in &reads {
            self.readers.entry(r.clone()).or_default().push(path.to_string());
        }
        self.reads.insert(path.to_string(), reads);
    }

    pub(super) fn index(&mut self) {
        self.readers.clear();
        for (path, reads) in &self.reads {
            for r in reads {
                self.readers.entry(r.clone()).or_default().push(path.clone());
            }
        }
    }
}
