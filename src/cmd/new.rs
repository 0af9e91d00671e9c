//! `atelier new`: writes a new content file from a commented model (startup fiche, page,
//! news item), with every key and French comments saying what each is for. Refuses names
//! that would make a bad address, and never overwrites a file. Every model is a draft
//! (`draft: true`): `serve` shows it, `build` does not publish it, and `check` warns on
//! its placeholder text ([`PLACEHOLDER`]) once `draft: true` is removed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::SiteConfig;
use crate::content::PLACEHOLDER;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Location};
use crate::slug::slugify;
use crate::{msg, tr};

use super::{Refusal, report};
use crate::cli::NewCommand;

/// What to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A startup fiche, by id (`content/startups/<id>.md`).
    Startup(String),
    /// A page, by path inside `content/` (`aide/faq` → `content/aide/faq.md`).
    Page(String),
    /// A news item, by slug (`content/actualites/<date>-<slug>.md`).
    News(String),
}

/// What an identifier, a slug or a path segment may be: lowercase letters and digits,
/// with single separators between them.
pub(crate) fn is_name(name: &str, separators: &[char]) -> bool {
    !name.is_empty()
        && name.split(|c| separators.contains(&c)).all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `message` says that `name` is not valid; `rule` what a valid one is.
fn invalid(message: crate::i18n::Message, name: &str, rule: String) -> Refusal {
    let suggestion = slugify(name);
    let help = if suggestion.is_empty() || suggestion == name {
        rule
    } else {
        tr!("new-rule-like", rule = rule, suggestion = suggestion)
    };
    Refusal::Usage(Diagnostic::error(message).help(help))
}

/// `Compte rendu vif` from `compte.rendu.vif`: a first title, to be rewritten.
fn title_from(name: &str) -> String {
    let words = name.replace(['-', '_', '.'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The path of the new file inside the site, and its text. Reads the site to refuse names
/// already taken; writes nothing.
pub fn plan(root: &Path, what: &What, date: Date) -> Result<(PathBuf, String), Refusal> {
    if !root.join("site.yaml").is_file() {
        return Err(Refusal::Problem(
            Diagnostic::error(msg!("new-no-site", folder = root.display().to_string()))
                .help(tr!("new-no-site-help")),
        ));
    }
    let config = SiteConfig::load(root).map(|(c, _)| c).unwrap_or_default();
    let content = root.join("content");
    match what {
        What::Startup(id) => {
            if !is_name(id, &['-', '.', '_']) {
                return Err(invalid(
                    msg!("new-invalid-startup-id", name = id.as_str()),
                    id,
                    tr!("new-startup-id-rule"),
                ));
            }
            let rel = PathBuf::from(format!("content/startups/{id}.md"));
            refuse_existing(root, &rel)?;
            if let Some(other) = same_name_ignoring_case(&content.join("startups"), &format!("{id}.md")) {
                return Err(Refusal::Problem(
                    Diagnostic::error(msg!("new-startup-exists", id = id.as_str()))
                        .at(Location::file(Path::new("content/startups").join(other)))
                        .help(tr!("new-startup-exists-help")),
                ));
            }
            let incubator = config.incubator.as_deref().unwrap_or("culture");
            let contact = config
                .contact_email
                .as_deref()
                .unwrap_or("equipe@exemple.gouv.fr");
            Ok((rel, startup_text(id, incubator, contact, date)))
        }
        What::Page(path) => {
            let path = path.trim_matches('/');
            let path = path.strip_suffix(".md").unwrap_or(path);
            if path.is_empty() || !path.split('/').all(|s| is_name(s, &['-'])) {
                return Err(invalid(
                    msg!("new-invalid-page-path", name = path),
                    path,
                    tr!("new-page-path-rule"),
                ));
            }
            let first = path.split('/').next().unwrap_or(path);
            if let Some(command) = match first {
                "startups" => Some("`atelier new startup <id>`".to_string()),
                "actualites" => Some("`atelier new actualite <slug>`".to_string()),
                "organisations" => Some(tr!("new-organisation-file")),
                _ => None,
            } {
                return Err(Refusal::Usage(
                    Diagnostic::error(msg!("new-not-pages", folder = first))
                        .help(tr!("new-use-instead", command = command)),
                ));
            }
            let rel = PathBuf::from(format!("content/{path}.md"));
            refuse_existing(root, &rel)?;
            refuse_existing(root, &PathBuf::from(format!("content/{path}/_index.md")))?;
            let name = path.rsplit('/').next().unwrap_or(path);
            Ok((rel, page_text(path, &title_from(name))))
        }
        What::News(slug) => {
            if !is_name(slug, &['-']) {
                return Err(invalid(
                    msg!("new-invalid-news-slug", name = slug.as_str()),
                    slug,
                    tr!("new-news-slug-rule"),
                ));
            }
            let suffix = format!("-{slug}.md");
            if let Ok(entries) = std::fs::read_dir(content.join("actualites")) {
                let mut taken: Vec<String> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.len() == 10 + suffix.len() && n.ends_with(&suffix))
                    .collect();
                taken.sort();
                if let Some(other) = taken.first() {
                    return Err(Refusal::Problem(
                        Diagnostic::error(msg!("new-news-exists", slug = slug.as_str()))
                            .at(Location::file(Path::new("content/actualites").join(other)))
                            .help(tr!("new-news-exists-help")),
                    ));
                }
            }
            let rel = PathBuf::from(format!("content/actualites/{date}-{slug}.md"));
            Ok((rel, news_text(slug, &title_from(slug), date)))
        }
    }
}

fn refuse_existing(root: &Path, rel: &Path) -> Result<(), Refusal> {
    if root.join(rel).exists() {
        return Err(Refusal::Problem(
            Diagnostic::error(msg!("new-file-exists", path = rel.display().to_string()))
                .at(Location::file(rel))
                .help(tr!("new-file-exists-help")),
        ));
    }
    Ok(())
}

fn same_name_ignoring_case(dir: &Path, name: &str) -> Option<String> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.to_lowercase() == name)
}

/// Writes the new file; returns its path inside the site.
pub fn create(root: &Path, what: &What, date: Date) -> Result<PathBuf, Refusal> {
    let (rel, text) = plan(root, what, date)?;
    crate::fs::write_new(root, &rel, text.as_bytes()).map_err(Refusal::Problem)?;
    Ok(rel)
}

/// The model of a startup fiche (beta.gouv.fr format).
pub fn startup_text(id: &str, incubator: &str, contact: &str, date: Date) -> String {
    let title = title_from(id);
    format!(
        r#"---
# Fiche de la startup d'État « {id} », au format des fiches beta.gouv.fr.
# Les clés marquées (obligatoire) doivent être remplies. Les autres sont facultatives :
# une valeur vide ('' ou []) vaut une clé absente. Guide : docs/guide-redaction.md.

# Brouillon : la fiche est visible avec atelier serve, mais pas publiée. Retirez cette
# ligne (ou écrivez false) quand elle est prête ; check signale alors le texte à compléter.
draft: true
# Nom du service, en titre de la fiche et dans les listes. (obligatoire)
title: {title}
# Une phrase qui dit quel problème le service résout, et pour qui. (obligatoire)
mission: {PLACEHOLDER} en une phrase.
# Incubateur qui accompagne la startup. (obligatoire)
incubator: {incubator}
# Adresse électronique de l'équipe, affichée sur la fiche. (obligatoire)
contact: {contact}
# Étapes de la vie de la startup, de la plus ancienne à la plus récente. (obligatoire)
#   name : investigation, construction, acceleration, consolidation, opere, transfere,
#          abandon-investigation ou abandon ;
#   start : date de début, AAAA-MM-JJ ;
#   end : date de fin, facultative (sinon, l'étape finit quand la suivante commence) ;
#   comment : remarque libre, facultative.
phases:
  - name: investigation
    start: {date}
# Adresse du service en ligne, quand il existe.
link: ''
# Adresse du code source.
repository: ''
# true si le service publie ses statistiques d'usage.
stats: false
# Page des statistiques d'usage.
stats_url: ''
# Page qui mesure l'impact du service.
impact_url: ''
# Page DashLord du service (bonnes pratiques techniques).
dashlord_url: ''
# Page du budget.
budget_url: ''
# Conformité du service au RGAA : non conforme, partiellement conforme ou totalement conforme.
accessibility_status: ''
# Administrations qui portent la startup, une ligne `- /organisations/<id>` chacune ;
# chacune est décrite dans content/organisations/<id>.md (par exemple `- /organisations/mc`).
sponsors: []
# Thématiques en toutes lettres (par exemple `- Patrimoine`) ; chacune a sa page de liste.
thematiques: []
# Publics du service : etat, particulier, collectivite-territoriale, entreprise,
# association, etablissement-scolaire (une autre valeur est affichée telle quelle).
usertypes: []
# Technologies employées (par exemple `- python`).
techno: []
# Dates marquantes : name (committee, product_launch, national_impact, fast, eig, end
# ou other), date (AAAA-MM-JJ) et comment (facultatif).
events: []
# Anciennes adresses de la fiche, qui mèneront à elle (par exemple `- /startups/ancien-nom`).
redirect_from: []
---
## Contexte

<!-- La situation de départ : qui est concerné, comment les choses se passent aujourd'hui. -->

{PLACEHOLDER}.

## Problème

<!-- Ce qui ne va pas pour les usagers ou les agents, avec des faits et des chiffres. -->

{PLACEHOLDER}.

## Solution

<!-- Le service imaginé pour y répondre, et ce qu'il change pour ceux qui s'en servent. -->

{PLACEHOLDER}.

## Stratégie

<!-- Les prochaines étapes, les partenaires, la façon de savoir si le service réussit. -->

{PLACEHOLDER}.
"#
    )
}

/// The model of a page.
pub fn page_text(path: &str, title: &str) -> String {
    format!(
        r#"---
# Page publiée à l'adresse /{path}/. Guide : docs/guide-redaction.md.

# Titre de la page : son seul titre de niveau 1, et le titre de l'onglet. (obligatoire)
title: {title}
# Une ou deux phrases qui résument la page, pour les moteurs de recherche (recommandé).
description: ''
# true pour afficher un sommaire des intertitres à côté du texte.
summary: false
# Rang parmi les pages voisines dans le plan du site : les plus petits d'abord.
weight: 0
# Brouillon : la page est visible avec atelier serve, mais pas publiée. Retirez cette
# ligne (ou écrivez false) quand elle est prête.
draft: true
# Autres clés possibles : template (un gabarit du thème à la place de page.html),
# extra (données libres pour les gabarits) ; sur la page d'accueil seulement,
# highlighted_startups (identifiants des startups mises en avant).
---
<!-- Les intertitres commencent à ## (le titre de la page est le seul titre de niveau 1),
     puis ### sous un ##, sans sauter de niveau. -->

## Première partie

{PLACEHOLDER}.

## Deuxième partie

{PLACEHOLDER}.
"#
    )
}

/// The model of a news item.
pub fn news_text(slug: &str, title: &str, date: Date) -> String {
    format!(
        r#"---
# Actualité publiée à l'adresse /actualites/{slug}/. Guide : docs/guide-redaction.md.

# Titre de l'actualité. (obligatoire)
title: {title}
# Date de publication, AAAA-MM-JJ : celle du nom du fichier, à laquelle elle doit être égale.
date: {date}
# Une phrase de résumé, reprise dans la liste des actualités (recommandé).
description: ''
# Auteurs, un par ligne (par exemple `- L'équipe de l'Atelier`).
authors: []
# Brouillon : l'actualité est visible avec atelier serve, mais pas publiée. Retirez
# cette ligne (ou écrivez false) quand elle est prête.
draft: true
---
<!-- Le premier paragraphe est l'accroche : l'essentiel en deux ou trois phrases. -->

{PLACEHOLDER}.

## Ce qui change

{PLACEHOLDER}.
"#
    )
}

/// Runs `atelier new`.
pub fn command(cmd: NewCommand, color: bool) -> ExitCode {
    let (what, args) = match cmd {
        NewCommand::Startup { id, args } => (What::Startup(id), args),
        NewCommand::Page { path, args } => (What::Page(path), args),
        NewCommand::Actualite { slug, args } => (What::News(slug), args),
    };
    let date = match Date::build_date(args.date) {
        Ok(d) => d,
        Err(e) => {
            report(&[Diagnostic::error(e).help(tr!("build-date-help"))], color);
            return ExitCode::from(2);
        }
    };
    match create(&args.root, &what, date) {
        Ok(path) => {
            println!("{}", tr!("new-created", path = path.display().to_string()));
            ExitCode::SUCCESS
        }
        Err(refusal) => refusal.exit(color),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_document;

    fn date() -> Date {
        Date::parse("2026-01-15").unwrap()
    }

    /// Each model loads without a single diagnostic.
    #[test]
    fn models_load_cleanly() {
        let cases = [
            (
                "startups/ada.md",
                startup_text("ada", "culture", "contact@exemple.gouv.fr", date()),
            ),
            ("aide/faq.md", page_text("aide/faq", "Faq")),
            (
                "actualites/2026-01-15-lancement.md",
                news_text("lancement", "Lancement", date()),
            ),
        ];
        for (rel, text) in cases {
            let mut diags = Vec::new();
            let path = Path::new("content").join(rel);
            let doc = parse_document(&path, rel, &text, &mut diags);
            assert!(diags.is_empty(), "{rel}: {diags:?}");
            assert!(doc.is_some(), "{rel}");
        }
    }

    #[test]
    fn names() {
        assert!(is_name("compte.rendu.vif", &['-', '.', '_']));
        assert!(is_name("collectif_objets", &['-', '.', '_']));
        for bad in [
            "Ada",
            "ada lovelace",
            "-ada",
            "ada--x",
            "",
            "été",
            "a/b",
            "_index",
        ] {
            assert!(!is_name(bad, &['-', '.', '_']), "{bad}");
        }
        assert_eq!(title_from("compte.rendu.vif"), "Compte rendu vif");
    }
}
