//! Bringing the fiches of one incubator, and their sponsors, from the beta.gouv.fr network
//! into the site (`atelier import betagouv`). This module only plans (no IO): it is handed
//! the text of every network fiche and of every fiche of the site, and says which files to
//! add, update, keep or report. `cmd/import.rs` reads, writes and prints.
//!
//! The network's fiches are untrusted: each is parsed as the build parses it and refused
//! when the build would refuse it; its file name becomes a file name of the site only when
//! it is a plain name ([`check_id`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::content::{self, Data, Document, front_matter};
use crate::diagnostic::{Diagnostic, Location};
use crate::{msg, tr};

/// A fiche as a file: its id (the file name without `.md`), where it was read (as shown to
/// the user) and its text.
#[derive(Debug, Clone)]
pub struct Fiche {
    pub id: String,
    pub shown: PathBuf,
    pub text: String,
}

/// What the planner is handed.
#[derive(Debug, Default)]
pub struct Input {
    /// The incubator whose fiches are imported (`incubator` in `site.yaml`).
    pub incubator: String,
    pub network_startups: Vec<Fiche>,
    pub network_organisations: Vec<Fiche>,
    pub site_startups: Vec<Fiche>,
    pub site_organisations: Vec<Fiche>,
}

/// The two folders of the site the import writes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Folder {
    Startups,
    Organisations,
}

impl Folder {
    /// The folder inside `content/`.
    pub fn name(self) -> &'static str {
        match self {
            Folder::Startups => "startups",
            Folder::Organisations => "organisations",
        }
    }
}

/// What happens to one fiche.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// New in the network: written.
    Add(String),
    /// Changed in the network: written over the site's copy.
    Update(String),
    /// The same bytes on both sides.
    Unchanged,
    /// In the site, no longer in the network: reported, never deleted.
    Removed,
    /// In the network, but the site keeps its own (`source: local`, or a fiche that does
    /// not load and would be lost).
    Kept(Kept),
}

/// Why the site keeps its own fiche.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// `source: local` in its front matter.
    Local,
    /// It does not load: importing would replace what the editor has to fix.
    DoesNotLoad,
}

impl Kept {
    /// The reason, as the listing shows it.
    pub fn reason(self) -> String {
        match self {
            Kept::Local => "source: local".to_string(),
            Kept::DoesNotLoad => tr!("import-kept-does-not-load"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub folder: Folder,
    pub id: String,
    pub action: Action,
}

impl Step {
    /// The file of the site, relative to the site root (`content/startups/ada.md`).
    pub fn path(&self) -> PathBuf {
        Path::new("content")
            .join(self.folder.name())
            .join(format!("{}.md", self.id))
    }
}

#[derive(Debug, Default)]
pub struct Plan {
    /// Sorted by folder, then id.
    pub steps: Vec<Step>,
    /// Network fiches refused (bad id, does not load), and sponsors the network lacks.
    pub diagnostics: Vec<Diagnostic>,
}

impl Plan {
    pub fn count(&self, pred: impl Fn(&Action) -> bool) -> usize {
        self.steps.iter().filter(|s| pred(&s.action)).count()
    }
}

/// Why a file name of the network cannot be a file name of the site, if it cannot.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err(tr!("import-id-empty"));
    }
    if id.len() > 200 {
        return Err(tr!("import-id-too-long"));
    }
    if id.contains(['/', '\\']) {
        return Err(tr!("import-id-separator"));
    }
    if id.contains("..") {
        return Err(tr!("import-id-dot-dot"));
    }
    if id.chars().any(char::is_control) {
        return Err(tr!("import-id-control"));
    }
    if id == "_index" || content::is_ignored(id) || content::is_ignored(&format!("{id}.md")) {
        return Err(tr!("import-id-ignored"));
    }
    Ok(())
}

/// Parses a fiche as the build would, at its place in the site's content. `None` with the
/// build's diagnostics when the build would refuse it.
fn load(folder: Folder, fiche: &Fiche) -> Result<Document, Vec<Diagnostic>> {
    let rel = format!("{}/{}.md", folder.name(), fiche.id);
    let text = front_matter::normalize(fiche.text.clone());
    let mut diags = Vec::new();
    let doc = content::parse_document(&fiche.shown, &rel, &text, &mut diags);
    diags.retain(|d| d.is_error());
    match doc {
        Some(doc) if diags.is_empty() => Ok(doc),
        _ => Err(diags),
    }
}

/// `source: local` in the front matter of a site fiche.
fn is_local(doc: &Document) -> bool {
    doc.front_matter().parse().ok().is_some_and(|map| {
        map.get("source")
            .and_then(|v| v.as_str())
            .is_some_and(|s| s.trim().eq_ignore_ascii_case("local"))
    })
}

fn refused_id(fiche: &Fiche, why: &str) -> Diagnostic {
    Diagnostic::error(msg!(
        "import-refused-id",
        id = crate::diagnostic::printable(&fiche.id, true).into_owned(),
        why = why
    ))
    .at(Location::file(&fiche.shown))
    .help(tr!("import-refused-id-help"))
}

/// The step for one network fiche against the site's copy, if any.
fn compare(folder: Folder, fiche: &Fiche, site: Option<&Fiche>) -> Step {
    let action = match site {
        None => Action::Add(fiche.text.clone()),
        Some(mine) => match load(folder, mine) {
            Err(_) => Action::Kept(Kept::DoesNotLoad),
            Ok(doc) if is_local(&doc) => Action::Kept(Kept::Local),
            Ok(_) if mine.text == fiche.text => Action::Unchanged,
            Ok(_) => Action::Update(fiche.text.clone()),
        },
    };
    Step {
        folder,
        id: fiche.id.clone(),
        action,
    }
}

fn by_id(fiches: &[Fiche]) -> BTreeMap<&str, &Fiche> {
    fiches.iter().map(|f| (f.id.as_str(), f)).collect()
}

/// Whether a fiche that does not load names the incubator, so that refusing it is reported
/// (a broken fiche of another incubator is none of the site's business).
fn names_incubator(text: &str, incubator: &str) -> bool {
    text.lines().any(|l| {
        l.strip_prefix("incubator:")
            .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == incubator)
    })
}

/// The plan of an import: pure, deterministic (sorted by folder and id).
pub fn plan(input: &Input) -> Plan {
    let mut plan = Plan::default();
    let site_startups = by_id(&input.site_startups);
    let mut sponsors: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut in_network = BTreeSet::new();
    for fiche in &input.network_startups {
        let doc = match load(Folder::Startups, fiche) {
            Ok(doc) => doc,
            Err(diags) => {
                if names_incubator(&fiche.text, &input.incubator) {
                    match check_id(&fiche.id) {
                        Err(why) => plan.diagnostics.push(refused_id(fiche, &why)),
                        Ok(()) => plan.diagnostics.extend(diags),
                    }
                }
                continue;
            }
        };
        let Data::Startup(startup) = &doc.data else {
            continue;
        };
        if startup.incubator != input.incubator {
            continue;
        }
        if let Err(why) = check_id(&fiche.id) {
            plan.diagnostics.push(refused_id(fiche, &why));
            continue;
        }
        in_network.insert(fiche.id.as_str());
        for sponsor in &startup.sponsors {
            sponsors
                .entry(sponsor.clone())
                .or_insert_with(|| fiche.shown.clone());
        }
        plan.steps.push(compare(
            Folder::Startups,
            fiche,
            site_startups.get(fiche.id.as_str()).copied(),
        ));
    }
    for mine in &input.site_startups {
        if in_network.contains(mine.id.as_str()) {
            continue;
        }
        let local = load(Folder::Startups, mine).is_ok_and(|d| is_local(&d));
        if !local {
            plan.steps.push(Step {
                folder: Folder::Startups,
                id: mine.id.clone(),
                action: Action::Removed,
            });
        }
    }

    let network_orgs = by_id(&input.network_organisations);
    let site_orgs = by_id(&input.site_organisations);
    for (id, named_in) in &sponsors {
        if let Err(why) = check_id(id) {
            plan.diagnostics.push(
                Diagnostic::error(msg!(
                    "import-sponsor-refused",
                    id = crate::diagnostic::printable(id, true).into_owned(),
                    why = why
                ))
                .at(Location::file(named_in))
                .help(tr!("import-sponsor-refused-help")),
            );
            continue;
        }
        let Some(fiche) = network_orgs.get(id.as_str()) else {
            if !site_orgs.contains_key(id.as_str()) {
                plan.diagnostics.push(
                    Diagnostic::warning(msg!("import-sponsor-unknown", id = id.as_str()))
                        .at(Location::file(named_in))
                        .help(tr!("import-sponsor-unknown-help", id = id.as_str())),
                );
            }
            continue;
        };
        match load(Folder::Organisations, fiche) {
            Ok(_) => plan.steps.push(compare(
                Folder::Organisations,
                fiche,
                site_orgs.get(id.as_str()).copied(),
            )),
            Err(diags) => plan.diagnostics.extend(diags),
        }
    }
    for mine in &input.site_organisations {
        if network_orgs.contains_key(mine.id.as_str()) {
            continue;
        }
        let local = load(Folder::Organisations, mine).is_ok_and(|d| is_local(&d));
        if !local {
            plan.steps.push(Step {
                folder: Folder::Organisations,
                id: mine.id.clone(),
                action: Action::Removed,
            });
        }
    }
    plan.steps
        .sort_by(|a, b| (a.folder, &a.id).cmp(&(b.folder, &b.id)));
    plan
}

#[cfg(test)]
mod tests;
