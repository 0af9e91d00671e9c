//! `atelier import betagouv PATH`: reads the network's fiches and the site's, has
//! [`crate::import::plan`] decide, writes each new or changed fiche atomically (a temporary
//! file in the same folder, renamed over the old one) and prints a diff-like list and a
//! summary. `--dry-run` prints the same and writes nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::report;
use crate::config::SiteConfig;
use crate::content;
use crate::diagnostic::{Diagnostic, Location};
use crate::import::{self, Action, Fiche, Input, Plan, Step};
use crate::{msg, tr};

/// Where the network keeps its fiches: a checkout of the beta.gouv.fr repository, or a
/// folder holding copies of its two folders.
const LAYOUTS: [(&str, &str); 2] = [
    ("content/_startups", "content/_organisations"),
    ("startups", "organisations"),
];

fn usage(d: Diagnostic, color: bool) -> ExitCode {
    report(&[d], color);
    ExitCode::from(2)
}

/// Runs `atelier import betagouv`.
pub fn betagouv(network: &Path, root: &Path, dry_run: bool, color: bool) -> ExitCode {
    if !network.is_dir() {
        return usage(
            Diagnostic::error(msg!(
                "import-not-a-folder",
                folder = network.display().to_string()
            ))
            .at(Location::file(network))
            .help(tr!("import-not-a-folder-help")),
            color,
        );
    }
    let Some((startups_dir, organisations_dir)) = LAYOUTS
        .iter()
        .map(|(s, o)| (network.join(s), network.join(o)))
        .find(|(s, _)| s.is_dir())
    else {
        return usage(
            Diagnostic::error(msg!(
                "import-not-a-checkout",
                folder = network.display().to_string()
            ))
            .at(Location::file(network))
            .help(tr!("import-not-a-checkout-help")),
            color,
        );
    };
    let config = match SiteConfig::load(root) {
        Ok((config, _)) => config,
        Err(diags) => {
            report(&diags, color);
            return ExitCode::from(2);
        }
    };
    let Some(incubator) = config.incubator.filter(|i| !i.trim().is_empty()) else {
        return usage(
            Diagnostic::error(msg!("import-no-incubator"))
                .at(Location::file("site.yaml"))
                .help(tr!("import-no-incubator-help")),
            color,
        );
    };
    let mut diags = Vec::new();
    let input = Input {
        incubator,
        network_startups: read_fiches(&startups_dir, &startups_dir, false, &mut diags),
        network_organisations: read_fiches(&organisations_dir, &organisations_dir, true, &mut diags),
        site_startups: read_site(root, "startups", &mut diags),
        site_organisations: read_site(root, "organisations", &mut diags),
    };
    let plan = import::plan(&input);
    diags.extend(plan.diagnostics.iter().cloned());
    let mut failed = false;
    if !dry_run {
        for step in &plan.steps {
            if let Err(d) = write(root, step) {
                diags.push(d);
                failed = true;
            }
        }
    }
    report(&diags, color);
    print!("{}", listing(&plan, dry_run));
    if failed || diags.iter().any(Diagnostic::is_error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The fiches of one folder of the network, sorted by file name. The two organisations of
/// the network without `.md` are read as well when `any_name`.
fn read_fiches(dir: &Path, shown_dir: &Path, any_name: bool, diags: &mut Vec<Diagnostic>) -> Vec<Fiche> {
    let mut fiches = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return fiches;
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let id = match content::without_md(&name) {
            Some(id) => id,
            None if any_name && !name.contains('.') => &name,
            None => continue,
        };
        if name == "_index.md" || content::is_ignored(&name) {
            continue;
        }
        let shown = shown_dir.join(&name);
        match crate::fs::read_text(&dir.join(&name), &shown) {
            Ok(text) => fiches.push(Fiche {
                id: id.to_string(),
                shown,
                text,
            }),
            Err(d) => diags.push(d),
        }
    }
    fiches
}

fn read_site(root: &Path, folder: &str, diags: &mut Vec<Diagnostic>) -> Vec<Fiche> {
    let shown = Path::new("content").join(folder);
    read_fiches(&root.join(&shown), &shown, false, diags)
}

/// Writes one new or changed fiche: to a temporary file beside it, then renamed over it.
fn write(root: &Path, step: &Step) -> Result<(), Diagnostic> {
    let text = match &step.action {
        Action::Add(text) | Action::Update(text) => text,
        _ => return Ok(()),
    };
    let rel = step.path();
    let path = root.join(&rel);
    if matches!(step.action, Action::Add(_)) && path.exists() {
        // Written meanwhile, or a fiche whose name differs only in case on a file system
        // that ignores case: never overwritten.
        return Err(
            Diagnostic::error(msg!("import-exists", path = rel.display().to_string()))
                .at(Location::file(&rel))
                .help(tr!("import-exists-help")),
        );
    }
    if let Some(dir) = path.parent() {
        crate::fs::create_dir_all(dir)?;
    }
    let tmp: PathBuf = path.with_file_name(format!(".{}.md.atelier-import", step.id));
    crate::fs::write_replacing(&path, &tmp, text.as_bytes())
}

/// The diff-like list (every step but the unchanged ones) and the summary line.
pub fn listing(plan: &Plan, dry_run: bool) -> String {
    let mut out = String::new();
    for step in &plan.steps {
        let path = step.path();
        let path = path.display().to_string();
        let line = match &step.action {
            Action::Add(_) => format!("+ {path}"),
            Action::Update(_) => format!("~ {path}"),
            Action::Unchanged => continue,
            Action::Removed => {
                tr!("import-removed", path = path)
            }
            Action::Kept(why) => tr!("import-kept", path = path, why = why.reason()),
        };
        out.push_str(&line);
        out.push('\n');
    }
    let new = plan.count(|a| matches!(a, Action::Add(_)));
    let updated = plan.count(|a| matches!(a, Action::Update(_)));
    let removed = plan.count(|a| matches!(a, Action::Removed));
    let kept = plan.count(|a| matches!(a, Action::Kept(_)));
    let unchanged = plan.count(|a| matches!(a, Action::Unchanged));
    out.push_str(&tr!(
        "import-summary",
        new = new,
        updated = updated,
        removed = removed,
        kept = kept,
        unchanged = unchanged
    ));
    out.push('\n');
    if dry_run {
        out.push_str(&tr!("import-dry-run"));
        out.push('\n');
    } else if new + updated > 0 {
        out.push_str(&tr!("import-wrote", count = new + updated));
        out.push('\n');
    }
    out
}
