//! The model brought in line with the loaded inputs: the site, the rendered Markdown
//! bodies, the startup summaries, the data shared by every page, and the plan of what to
//! render again. Pure but for the time it records: functions of what the inputs hold.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use crate::content::{Data, Document};
use crate::pipeline::Timings;
use crate::render::{self, Read};
use crate::site::{ModelKey, Route, Site, startup};

use super::bodies::{Body, BodyEnv, render_body, same_body, same_reads};
use super::body_memo::Stored;
use super::{Plan, Project};

impl Project {
    /// Brings the model, bodies, summaries and shared data in line with the loaded inputs
    /// and says which pages to render. `full`: everything (first run, settings, theme).
    pub(super) fn refresh(
        &mut self,
        full: bool,
        changed_docs: &BTreeMap<String, Option<Arc<Document>>>,
        changed_templates: &BTreeSet<String>,
        mut timings: Option<&mut Timings>,
    ) -> Plan {
        // Without settings nothing renders, but the model and bodies still report problems.
        let renders = self.config.is_some();
        let config = self.config.clone().unwrap_or_default();
        let structural = full
            || changed_docs.iter().any(|(rel, old)| {
                let new = self.docs.get(rel);
                match (old, new) {
                    (Some(o), Some(n)) => ModelKey::of(o, &config) != ModelKey::of(n, &config),
                    _ => true,
                }
            });

        // Model.
        let mut time = |stage: &'static str, f: &mut dyn FnMut()| match timings.as_deref_mut() {
            Some(t) => t.time(stage, f),
            None => f(),
        };
        let mut old_site = None;
        time("model", &mut || {
            if structural {
                let mut diags = Vec::new();
                let docs = self.docs.values().cloned().collect();
                let site = Site::new(config.clone(), self.build_date, docs, &mut diags);
                self.model_diags = diags;
                old_site = Some(std::mem::replace(&mut self.site, site));
            } else {
                for rel in changed_docs.keys() {
                    if let (Some(&i), Some(doc)) = (self.site.by_rel.get(rel), self.docs.get(rel)) {
                        self.site.docs[i] = doc.clone();
                    }
                }
            }
        });
        let site = &self.site;
        let mut dirty: HashSet<Read> = HashSet::new();
        for rel in changed_docs.keys() {
            dirty.insert(Read::Doc(rel.clone()));
        }
        // Titles of pages (breadcrumbs, redirects).
        let old_view = old_site.as_ref().unwrap_or(site);
        for (rel, old) in changed_docs {
            let before = old
                .as_ref()
                .filter(|_| old_view.by_rel.contains_key(rel))
                .map(|d| (d.url.clone(), d.title().to_string()));
            let after = site
                .by_rel
                .get(rel)
                .map(|&i| (site.docs[i].url.clone(), site.docs[i].title().to_string()));
            if before != after {
                dirty.extend(before.into_iter().chain(after).map(|(url, _)| Read::Title(url)));
            }
        }

        // Markdown bodies.
        let mut body_cache = std::mem::take(&mut self.body_cache);
        if full {
            body_cache.clear();
        }
        let images = self.image_sources();
        let todo: Vec<usize> = if structural {
            (0..site.docs.len()).collect()
        } else {
            // And the bodies showing an image that changed (`serve`).
            let stale = body_cache.values().filter(|b| !b.same_images(site, &images));
            let mut todo: Vec<usize> = changed_docs
                .keys()
                .chain(stale.map(|b| &b.doc.rel))
                .filter_map(|rel| site.by_rel.get(rel).copied())
                .collect();
            todo.sort_unstable();
            todo.dedup();
            todo
        };
        let files = self.file_sizes();
        // Bodies showing a file of the site whose size changed (a shortcode shows it).
        let mut todo = todo;
        if !structural {
            todo.extend(
                body_cache
                    .values()
                    .filter(|b| {
                        b.files
                            .iter()
                            .any(|(f, size)| files.get(f.as_str()) != size.as_ref())
                    })
                    .filter_map(|b| site.by_rel.get(&b.doc.rel).copied()),
            );
            todo.sort_unstable();
            todo.dedup();
        }
        let mut made: Vec<(usize, Option<Body>)> = Vec::new();
        let startups = Value::from(self.summaries.clone());
        let env = BodyEnv {
            templates: self.templates.as_ref(),
            files: &files,
            startups: &startups,
            images: &images,
        };
        // Without templates no body is kept.
        let mut memo = self.body_memo.take().filter(|_| self.templates.is_some());
        time("markdown", &mut || {
            // Bodies an earlier build kept (a build with the cache), taken out by key.
            let kept: Vec<Option<Stored>> = match (memo.as_mut(), env.templates) {
                (Some(m), Some(templates)) => {
                    m.prepare(site, templates, &self.opts.root);
                    todo.iter().map(|&i| m.take(m.keys[i])).collect()
                }
                _ => todo.iter().map(|_| None).collect(),
            };
            let with_hits: Vec<(usize, Option<Body>, bool)> = todo
                .par_iter()
                .zip(kept)
                .map(|(&i, kept)| {
                    let doc = &site.docs[i];
                    let reusable = body_cache.get(&doc.rel).is_some_and(|b| {
                        Arc::ptr_eq(&b.doc, doc)
                            && same_reads(site, &b.links, &b.files, &files)
                            && b.same_images(site, env.images)
                    });
                    if reusable {
                        return (i, None, false);
                    }
                    match kept.and_then(|k| k.into_body(site, doc, &files, env.images)) {
                        Some(body) => (i, Some(body), true),
                        None => (i, Some(render_body(site, doc, &env)), false),
                    }
                })
                .collect();
            if let Some(m) = memo.as_mut() {
                m.settle(
                    with_hits
                        .iter()
                        .filter(|(_, _, hit)| *hit)
                        .map(|(i, _, _)| m.keys[*i])
                        .collect(),
                );
            }
            made = with_hits.into_iter().map(|(i, b, _)| (i, b)).collect();
        });
        self.body_memo = memo;
        let rendered_now: Vec<usize> = made
            .iter()
            .filter(|(_, b)| b.is_some())
            .map(|(i, _)| *i)
            .collect();
        if structural {
            self.bodies = vec![Arc::default(); site.docs.len()];
        }
        for (i, body) in made {
            let rel = &site.docs[i].rel;
            match body {
                Some(b) => {
                    let changed = body_cache
                        .get(rel)
                        .is_none_or(|old| !same_body(&old.rendered, &b.rendered));
                    if changed {
                        dirty.insert(Read::Doc(rel.clone()));
                    }
                    self.bodies[i] = b.rendered.clone();
                    body_cache.insert(rel.clone(), b);
                }
                None => self.bodies[i] = body_cache[rel].rendered.clone(),
            }
        }
        if structural {
            body_cache.retain(|rel, _| site.by_rel.contains_key(rel));
        }
        self.body_cache = body_cache;
        if !renders {
            return Plan::default();
        }

        // Startup summaries.
        let changed_orgs: HashSet<&str> = changed_docs
            .iter()
            .filter(|(rel, old)| org_ref(old.as_deref()) != org_ref(self.docs.get(*rel).map(|d| &**d)))
            .filter_map(|(rel, _)| rel.strip_prefix("organisations/")?.strip_suffix(".md"))
            .collect();
        for id in &changed_orgs {
            dirty.insert(Read::OrgRef(format!("organisations/{id}.md")));
        }
        let changed_terms = match &old_site {
            Some(old) => term_changes(old, site),
            None => BTreeSet::new(),
        };
        dirty.extend(changed_terms.iter().map(|t| Read::Term(t.clone())));
        let old_summaries: HashMap<String, Value> = match &old_site {
            Some(old) => old
                .startups
                .iter()
                .zip(std::mem::take(&mut self.summaries))
                .map(|(e, v)| (old.docs[e.doc].rel.clone(), v))
                .collect(),
            None => HashMap::default(),
        };
        // A startup whose body was rendered again may show another cover image: its
        // summary carries the cover's copies.
        let covered_now: HashSet<usize> = rendered_now.iter().copied().collect();
        let needs_summary = |pos: usize| {
            let entry = &site.startups[pos];
            let doc = &site.docs[entry.doc];
            let s = startup(doc);
            full || changed_docs.contains_key(&doc.rel)
                || covered_now.contains(&entry.doc)
                || (structural && !old_summaries.contains_key(&doc.rel))
                || s.sponsors.iter().any(|id| changed_orgs.contains(id.as_str()))
                || (!changed_terms.is_empty()
                    && s.thematiques
                        .iter()
                        .map(|t| format!("thematique:{}", crate::slug::slugify(t)))
                        .chain(phase_term(site, pos))
                        .any(|t| changed_terms.contains(&t)))
        };
        let mut all_summaries = structural
            && old_site.as_ref().is_none_or(|old| {
                old.startups.len() != site.startups.len()
                    || old
                        .startups
                        .iter()
                        .zip(&site.startups)
                        .any(|(a, b)| old.docs[a.doc].rel != site.docs[b.doc].rel)
            });
        let positions: Vec<usize> = if structural || !changed_orgs.is_empty() {
            (0..site.startups.len()).collect()
        } else {
            let mut positions: Vec<usize> = changed_docs
                .keys()
                .filter_map(|rel| site.by_rel.get(rel).copied())
                .chain(rendered_now.iter().copied())
                .filter_map(|i| site.startups.iter().position(|e| e.doc == i))
                .collect();
            positions.sort_unstable();
            positions.dedup();
            positions
        };
        let fresh: Vec<(usize, Option<Value>)> = positions
            .par_iter()
            .map(|&pos| {
                (
                    pos,
                    needs_summary(pos).then(|| {
                        let entry = &site.startups[pos];
                        render::summary(site, entry, self.bodies.get(entry.doc).map(|b| &**b))
                    }),
                )
            })
            .collect();
        if structural {
            self.summaries = site
                .startups
                .iter()
                .map(|e| {
                    old_summaries
                        .get(&site.docs[e.doc].rel)
                        .cloned()
                        .unwrap_or_else(Value::none)
                })
                .collect();
        }
        for (pos, value) in fresh {
            let Some(value) = value else { continue };
            let rel = &site.docs[site.startups[pos].doc].rel;
            let before = if structural {
                old_summaries.get(rel)
            } else {
                Some(&self.summaries[pos])
            };
            if before != Some(&value) {
                dirty.insert(Read::Summary(rel.clone()));
                all_summaries = true;
            }
            self.summaries[pos] = value;
        }
        if let Some(old) = &old_site {
            for e in &old.startups {
                let rel = &old.docs[e.doc].rel;
                if !site.by_rel.contains_key(rel) {
                    dirty.insert(Read::Summary(rel.clone()));
                }
            }
        }
        if all_summaries {
            dirty.insert(Read::AllSummaries);
        }

        // Bodies showing startups (`reads: startups` shortcodes) were rendered with the
        // summaries of before: render them again with the new ones.
        let startups = Value::from(self.summaries.clone());
        let env = BodyEnv {
            templates: self.templates.as_ref(),
            files: &files,
            startups: &startups,
            images: &images,
        };
        let again: Vec<usize> = if all_summaries {
            (0..site.docs.len()).collect()
        } else {
            rendered_now
        };
        for i in again {
            let doc = &site.docs[i];
            if !self.body_cache.get(&doc.rel).is_some_and(|b| b.summaries) {
                continue;
            }
            let b = render_body(site, doc, &env);
            if !same_body(&self.bodies[i], &b.rendered) {
                dirty.insert(Read::Doc(doc.rel.clone()));
            }
            self.bodies[i] = b.rendered.clone();
            self.body_cache.insert(doc.rel.clone(), b);
        }

        // Shared data: which `site` fields changed.
        let assets = self.shared.as_ref().map(|s| s.assets.clone()).unwrap_or_default();
        let shared = render::shared_from(site, assets, self.summaries.clone(), &self.bodies);
        let mut fields: BTreeSet<String> = BTreeSet::new();
        match self.shared.as_ref().and_then(|s| s.site.as_map()) {
            Some(old) if !full => {
                for (k, v) in shared.site.as_map().into_iter().flatten() {
                    let key = k.to_string();
                    if key == "startups" {
                        if all_summaries {
                            fields.insert(key);
                        }
                    } else if old.get(k) != Some(v) {
                        fields.insert(key);
                    }
                }
            }
            _ => {}
        }
        for f in &fields {
            if let Some(f) = ["menu"].into_iter().find(|m| m == f) {
                dirty.insert(Read::Site(f));
            }
        }
        if let Some(t) = self.templates.as_mut() {
            t.set_shared(&shared);
        }
        self.shared = Some(shared);

        // Templates whose files or `site` fields changed.
        if let Some(t) = &self.templates {
            let mut names: BTreeSet<String> = changed_templates.clone();
            for name in t.sources().templates.keys() {
                if let Some(deps) = t.deps(name)
                    && (deps.files.iter().any(|f| changed_templates.contains(f))
                        || fields.iter().any(|f| deps.site.reads(f)))
                {
                    names.insert(name.clone());
                }
            }
            dirty.extend(names.into_iter().map(Read::Template));
        }

        // Pages.
        let mut removed: Vec<String> = Vec::new();
        if structural {
            let routes: HashMap<String, usize> = site
                .routes
                .iter()
                .enumerate()
                .map(|(i, r)| (site.output_path(r), i))
                .collect();
            removed = self
                .routes
                .keys()
                .filter(|p| !routes.contains_key(*p))
                .cloned()
                .collect();
            removed.sort();
            self.routes = routes;
        }
        let mut render: BTreeSet<String> = BTreeSet::new();
        if full || self.tracking.is_none() {
            render.extend(self.routes.keys().cloned());
        }
        if structural && self.tracking.is_some() {
            let reads = self.all_reads();
            let tracking = self.tracking.get_or_insert_default();
            for (path, r) in &reads {
                if tracking.reads.get(path) != Some(r) {
                    render.insert(path.clone());
                }
            }
            tracking.reads = reads;
            tracking.index();
        }
        if !structural && self.tracking.is_some() {
            // The model kept its shape: only the pages of the changed files can read
            // something else now (another `template:`, other highlighted startups).
            let now: Vec<(String, Vec<Read>)> = changed_docs
                .keys()
                .filter_map(|rel| site.by_rel.get(rel))
                .map(|&i| {
                    let route = Route::Doc(i);
                    (site.output_path(&route), self.reads_of(&route))
                })
                .collect();
            let tracking = self.tracking.get_or_insert_default();
            for (path, reads) in now {
                if tracking.reads.get(&path) != Some(&reads) {
                    tracking.retrack(&path, reads);
                    render.insert(path);
                }
            }
        }
        if let Some(tracking) = &self.tracking {
            for d in &dirty {
                render.extend(tracking.readers.get(d).into_iter().flatten().cloned());
            }
        }
        // Pages of the changed files first: they are the ones being looked at.
        let own: Vec<String> = changed_docs
            .keys()
            .filter_map(|rel| self.site.by_rel.get(rel))
            .map(|&i| self.site.output_path(&Route::Doc(i)))
            .filter(|p| render.remove(p))
            .collect();
        self.pending_removal.extend(removed.iter().cloned());
        Plan {
            own: own.len(),
            render: own.into_iter().chain(render).collect(),
            removed,
            copies: false,
        }
    }
}

/// What pages show of an organisation they name.
pub(super) fn org_ref(doc: Option<&Document>) -> Option<(&str, &str, Option<&str>)> {
    match &doc?.data {
        Data::Organisation(o) => Some((o.id.as_str(), o.name.as_str(), o.acronym.as_deref())),
        _ => None,
    }
}

/// The term key (`phase:construction`) of a startup's current phase, as pages look it up.
pub(super) fn phase_term(site: &Site, pos: usize) -> Option<String> {
    let entry = &site.startups[pos];
    let s = startup(&site.docs[entry.doc]);
    let info = crate::phase::lookup(&s.phases[entry.current?].name);
    site.phases
        .iter()
        .find(|t| t.phase.map(|i| i.name) == info.map(|i| i.name))
        .map(|t| format!("phase:{}", t.slug))
}

/// Phases and thematiques whose name, count or existence differ between two models.
pub(super) fn term_changes(old: &Site, new: &Site) -> BTreeSet<String> {
    let key = |site: &Site| -> BTreeMap<String, (String, usize, Option<&'static str>)> {
        let phases = site.phases.iter().map(|t| ("phase", t));
        let thematiques = site.thematiques.iter().map(|t| ("thematique", t));
        phases
            .chain(thematiques)
            .map(|(kind, t)| {
                (
                    format!("{kind}:{}", t.slug),
                    (t.name.clone(), t.startups.len(), t.phase.map(|p| p.name)),
                )
            })
            .collect()
    };
    let (a, b) = (key(old), key(new));
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}
