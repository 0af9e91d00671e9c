//! The clean data of each kind, built from its front matter: required keys checked,
//! strings trimmed, empty values dropped, open vocabularies warned about.

use serde::{Deserialize, Serialize};
use serde_yaml::Mapping;

use super::kinds::{NewsFm, OrganisationFm, PageFm, StartupFm};
use super::yaml::{Seg, Source, Unknown};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::phase;
use crate::text::{list, opt};
use crate::{msg, tr};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page {
    pub title: String,
    pub description: Option<String>,
    pub summary: bool,
    pub weight: i64,
    pub template: Option<String>,
    /// Where `template:` is written, to point at it when the template does not exist.
    #[serde(skip)]
    pub template_at: Option<crate::diagnostic::Location>,
    pub draft: bool,
    pub highlighted_startups: Vec<String>,
    pub extra: serde_json::Value,
    /// `noindex` keeps the page out of search engines.
    pub robots: Option<String>,
    /// Listing pages: items per page (at least 1); `None`: one page.
    pub paginate_by: Option<usize>,
    /// Where `paginate_by:` is written, to point at it when the page lists nothing.
    #[serde(skip)]
    pub paginate_by_at: Option<crate::diagnostic::Location>,
    /// The cover image (`image:`); templates see it processed, as `page.image`.
    #[serde(skip)]
    pub image: Option<Box<Cover>>,
}

/// A cover image named in front matter (`image:`, `image_alt:`), as written: the project
/// finds the file and makes its variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    /// A path relative to the content file's folder, or from the site's root (`/img/x.jpg`).
    pub path: String,
    /// `None` when not given (a warning); `Some("")` for a decorative image.
    pub alt: Option<String>,
    /// Where `image:` is written.
    pub at: crate::diagnostic::Location,
}

/// The cover image of a front matter: an address on another host (or any URL with a
/// scheme) is an error, as the pipeline works on the site's own files; no alternative text
/// is a warning.
fn cover(
    src: &Source<'_>,
    image: Option<crate::text::Text>,
    alt: Option<crate::text::Text>,
    out: &mut Vec<Diagnostic>,
) -> Option<Box<Cover>> {
    let path = opt(image)?;
    let at = src.locate(&key("image"));
    if path.starts_with("//") || path.contains(':') || path.contains('\\') {
        out.push(
            Diagnostic::error(msg!("cover-not-a-site-file", image = path.as_str()))
                .at(at)
                .help(tr!("cover-not-a-site-file-help")),
        );
        return None;
    }
    let alt = alt.map(|t| t.0.trim().to_string());
    if alt.is_none() {
        out.push(
            Diagnostic::warning(msg!("cover-without-alt", image = path.as_str()))
                .at(at.clone())
                .help(tr!("cover-without-alt-help")),
        );
    }
    Some(Box::new(Cover { path, alt, at }))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Phase {
    pub name: String,
    pub start: Date,
    pub end: Option<Date>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub name: String,
    pub date: Date,
    pub comment: Option<String>,
}

/// A startup fiche.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Startup {
    pub id: String,
    /// `draft: true`: shown by `serve` and checked, never published by `build`.
    #[serde(skip)]
    pub draft: bool,
    pub title: String,
    pub mission: String,
    pub incubator: String,
    pub contact: String,
    pub phases: Vec<Phase>,
    pub link: Option<String>,
    pub repository: Option<String>,
    pub stats: bool,
    pub stats_url: Option<String>,
    pub impact_url: Option<String>,
    pub dashlord_url: Option<String>,
    pub budget_url: Option<String>,
    pub accessibility_status: Option<String>,
    /// Organisation ids (`/organisations/mc` → `mc`).
    pub sponsors: Vec<String>,
    pub usertypes: Vec<String>,
    pub thematiques: Vec<String>,
    pub techno: Vec<String>,
    pub events: Vec<Event>,
    pub redirect_from: Vec<String>,
    /// `noindex` keeps the page out of search engines.
    pub robots: Option<String>,
    /// URL fields the URL rule refuses: left out of the fiche, reported by the checks.
    #[serde(skip)]
    pub refused_urls: Vec<RefusedUrl>,
    /// The cover image (`image:`), atelier's own field.
    #[serde(skip)]
    pub image: Option<Box<Cover>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: Option<String>,
    pub domaine_ministeriel: Option<String>,
    pub website: Option<String>,
    /// See [`Startup::refused_urls`].
    #[serde(skip)]
    pub refused_urls: Vec<RefusedUrl>,
}

/// A URL of the front matter that is never published (`link: javascript:...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedUrl {
    /// The key it is written under.
    pub key: &'static str,
    pub value: String,
    pub refused: crate::url_policy::Refused,
}

/// A URL field: `None` when empty, or when the URL rule refuses it (then set aside in
/// `refused`, for the checks to report at its line).
fn url(value: Option<crate::text::Text>, key: &'static str, refused: &mut Vec<RefusedUrl>) -> Option<String> {
    let value = opt(value)?;
    match crate::url_policy::check(&value) {
        Ok(()) => Some(value),
        Err(why) => {
            refused.push(RefusedUrl {
                key,
                value,
                refused: why,
            });
            None
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct News {
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub description: Option<String>,
    pub authors: Vec<String>,
    pub draft: bool,
    /// The cover image (`image:`).
    #[serde(skip)]
    pub image: Option<Box<Cover>>,
}

/// User types of the beta.gouv.fr schema; others are accepted with a warning.
pub const USERTYPES: [&str; 6] = [
    "etat",
    "particulier",
    "collectivite-territoriale",
    "entreprise",
    "association",
    "etablissement-scolaire",
];

/// Accessibility statuses a fiche may state.
pub const ACCESSIBILITY_STATUSES: [&str; 3] =
    ["non conforme", "partiellement conforme", "totalement conforme"];

fn key(k: &str) -> Vec<Seg> {
    vec![Seg::Key(k.to_string())]
}

/// Reports a missing required key (or one left empty) with an example of what to write.
fn required(src: &Source<'_>, map_had: bool, name: &str, example: &str, out: &mut Vec<Diagnostic>) {
    let (message, loc) = if map_had {
        (msg!("front-matter-key-empty", key = name), src.locate(&key(name)))
    } else {
        (msg!("front-matter-key-missing", key = name), src.opening())
    };
    let help = tr!("front-matter-key-missing-help", example = example);
    out.push(Diagnostic::error(message).at(loc).help(help));
}

/// Takes a required text, reporting it when absent or empty.
fn need(
    src: &Source<'_>,
    map: &Mapping,
    value: Option<crate::text::Text>,
    name: &str,
    example: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let v = opt(value);
    if v.is_none() && !failed(out, name) {
        required(src, map.contains_key(name), name, example, out);
    }
    v
}

/// Whether a problem was already reported on this key (a wrong type), so it is not also
/// reported as missing.
fn failed(out: &[Diagnostic], name: &str) -> bool {
    let [plain, indexed, nested] = [format!("`{name}`"), format!("`{name}["), format!("`{name}.")];
    out.iter().any(|d| {
        d.message.starts_with(&plain) || d.message.starts_with(&indexed) || d.message.starts_with(&nested)
    })
}

pub fn startup(src: &Source<'_>, map: Mapping, id: &str, out: &mut Vec<Diagnostic>) -> Option<Startup> {
    let raw_map = map.clone();
    let fm: StartupFm = src
        .deserialize(map, Unknown::Warn(&StartupFm::known), out)
        .unwrap_or_default();
    let title = need(src, &raw_map, fm.title, "title", "title: Nom du service", out);
    let mission = need(
        src,
        &raw_map,
        fm.mission,
        "mission",
        "mission: Une phrase qui dit le problème résolu",
        out,
    );
    let incubator = need(
        src,
        &raw_map,
        fm.incubator,
        "incubator",
        "incubator: culture",
        out,
    );
    let contact = need(
        src,
        &raw_map,
        fm.contact,
        "contact",
        "contact: equipe@exemple.gouv.fr",
        out,
    );
    let phases: Vec<Phase> = fm
        .phases
        .unwrap_or_default()
        .into_iter()
        .map(|p| Phase {
            name: p.name.0,
            start: p.start,
            end: p.end,
            comment: opt(p.comment),
        })
        .collect();
    if phases.is_empty() && !failed(out, "phases") {
        let example = "phases: [{name: investigation, start: 2024-01-15}]";
        required(src, raw_map.contains_key("phases"), "phases", example, out);
    }
    for (i, p) in phases.iter().enumerate() {
        if phase::lookup(&p.name).is_none() {
            let path = [Seg::Key("phases".into()), Seg::Index(i), Seg::Key("name".into())];
            let help = match did_you_mean(&p.name, phase::names()) {
                Some(s) => tr!("did-you-mean", suggestion = s),
                None => tr!(
                    "phase-known",
                    phases = phase::names().collect::<Vec<_>>().join(", ")
                ),
            };
            out.push(
                Diagnostic::warning(msg!("phase-unknown", phase = p.name.as_str()))
                    .at(src.locate(&path))
                    .help(help),
            );
        }
    }
    let usertypes = list(fm.usertypes);
    // The network's publics are free text beside the known names (`Enseignants`), which the
    // theme shows as written: only a near miss of a known name is worth a warning.
    for (i, u) in usertypes.iter().enumerate() {
        if USERTYPES.contains(&u.as_str()) {
            continue;
        }
        if let Some(s) = did_you_mean(u, USERTYPES) {
            out.push(
                Diagnostic::warning(msg!("user-type-unknown", value = u.as_str()))
                    .at(src.locate(&[Seg::Key("usertypes".into()), Seg::Index(i)]))
                    .help(tr!("user-type-unknown-help", suggestion = s)),
            );
        }
    }
    let accessibility_status = opt(fm.accessibility_status);
    if let Some(s) = &accessibility_status
        && !ACCESSIBILITY_STATUSES.contains(&s.as_str())
    {
        out.push(
            Diagnostic::warning(msg!("accessibility-status-unknown", status = s.as_str()))
                .at(src.locate(&key("accessibility_status")))
                .help(tr!(
                    "accessibility-status-unknown-help",
                    statuses = ACCESSIBILITY_STATUSES.join(", ")
                )),
        );
    }
    let sponsors = list(fm.sponsors)
        .into_iter()
        .map(|s| {
            s.trim_start_matches("/organisations/")
                .trim_end_matches('/')
                .to_string()
        })
        .collect();
    let events = fm
        .events
        .unwrap_or_default()
        .into_iter()
        .map(|e| Event {
            name: e.name.0,
            date: e.date,
            comment: opt(e.comment),
        })
        .collect();
    let mut refused_urls = Vec::new();
    let refused = &mut refused_urls;
    let link = url(fm.link, "link", refused);
    let repository = url(fm.repository, "repository", refused);
    let stats_url = url(fm.stats_url, "stats_url", refused);
    let impact_url = url(fm.impact_url, "impact_url", refused);
    let dashlord_url = url(fm.dashlord_url, "dashlord_url", refused);
    let budget_url = url(fm.budget_url, "budget_url", refused);
    let image = cover(src, fm.image, fm.image_alt, out);
    Some(Startup {
        id: id.to_string(),
        draft: fm.draft.unwrap_or(false),
        title: title?,
        mission: mission?,
        incubator: incubator?,
        contact: contact?,
        phases,
        link,
        repository,
        stats: fm.stats.unwrap_or(false),
        stats_url,
        impact_url,
        dashlord_url,
        budget_url,
        accessibility_status,
        sponsors,
        usertypes,
        thematiques: list(fm.thematiques),
        techno: list(fm.techno),
        events,
        redirect_from: list(fm.redirect_from),
        robots: opt(fm.robots),
        refused_urls,
        image,
    })
}

pub fn page(src: &Source<'_>, map: Mapping, out: &mut Vec<Diagnostic>) -> Option<Page> {
    let raw_map = map.clone();
    let fm: PageFm = src
        .deserialize(map, Unknown::Warn(&PageFm::known), out)
        .unwrap_or_default();
    let title = need(src, &raw_map, fm.title, "title", "title: Titre de la page", out)?;
    let extra = fm
        .extra
        .map(|m| serde_json::to_value(serde_yaml::Value::Mapping(m)).unwrap_or_default())
        .unwrap_or(serde_json::Value::Object(Default::default()));
    let paginate_by_at = fm.paginate_by.is_some().then(|| src.locate(&key("paginate_by")));
    if let Some(n) = fm.paginate_by.filter(|&n| n < 1) {
        out.push(
            Diagnostic::error(msg!("paginate-by-zero", value = n.to_string()))
                .at(src.locate(&key("paginate_by")))
                .help(tr!("paginate-by-zero-help")),
        );
    }
    let image = cover(src, fm.image, fm.image_alt, out);
    Some(Page {
        title,
        description: opt(fm.description),
        summary: fm.summary.unwrap_or(false),
        weight: fm.weight.unwrap_or(0),
        template_at: fm.template.is_some().then(|| src.locate(&key("template"))),
        template: opt(fm.template),
        draft: fm.draft.unwrap_or(false),
        highlighted_startups: list(fm.highlighted_startups),
        extra,
        robots: opt(fm.robots),
        paginate_by: fm
            .paginate_by
            .and_then(|n| usize::try_from(n).ok())
            .filter(|&n| n > 0),
        paginate_by_at,
        image,
    })
}

pub fn organisation(
    src: &Source<'_>,
    map: Mapping,
    id: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Organisation> {
    let raw_map = map.clone();
    let fm: OrganisationFm = src
        .deserialize(map, Unknown::Warn(&OrganisationFm::known), out)
        .unwrap_or_default();
    let name = need(
        src,
        &raw_map,
        fm.name,
        "name",
        "name: Ministère de la Culture",
        out,
    )?;
    let mut refused_urls = Vec::new();
    let website = match fm.website.filter(|w| !w.0.is_empty()) {
        Some(w) => url(Some(w), "website", &mut refused_urls),
        None => url(fm.annuaire, "annuaire", &mut refused_urls),
    };
    Some(Organisation {
        id: id.to_string(),
        name,
        acronym: opt(fm.acronym),
        kind: opt(fm.kind),
        domaine_ministeriel: opt(fm.domaine_ministeriel),
        website,
        refused_urls,
    })
}

/// The date and the slug a news file's name gives (`2025-03-14-lancement` → 2025-03-14,
/// `lancement`); `None` when the name does not start with a date and a name.
pub fn news_name(stem: &str) -> Option<(Date, &str)> {
    let date = Date::parse(stem.get(..10)?).ok()?;
    let slug = stem
        .get(11..)
        .filter(|s| stem.as_bytes()[10] == b'-' && !s.is_empty())?;
    Some((date, slug))
}

/// News files are named `<YYYY-MM-DD>-<slug>.md`; the date in front matter, when given,
/// must agree with the name.
pub fn news(src: &Source<'_>, map: Mapping, stem: &str, out: &mut Vec<Diagnostic>) -> Option<News> {
    let raw_map = map.clone();
    let fm: NewsFm = src
        .deserialize(map, Unknown::Warn(&NewsFm::known), out)
        .unwrap_or_default();
    let title = need(
        src,
        &raw_map,
        fm.title,
        "title",
        "title: Titre de l'actualité",
        out,
    );
    let Some((named, slug)) = news_name(stem) else {
        out.push(
            Diagnostic::error(msg!("news-name-without-date", name = format!("{stem}.md")))
                .at(crate::diagnostic::Location::file(src.path))
                .help(tr!("news-name-without-date-help")),
        );
        return None;
    };
    let date = match (fm.date, named) {
        (Some(d), n) if d != n => {
            out.push(
                Diagnostic::error(msg!(
                    "news-date-differs",
                    date = d.to_string(),
                    name_date = n.to_string()
                ))
                .at(src.locate(&key("date")))
                .help(tr!("news-date-differs-help")),
            );
            return None;
        }
        (Some(d), _) => d,
        (None, n) => n,
    };
    let image = cover(src, fm.image, fm.image_alt, out);
    Some(News {
        slug: slug.to_string(),
        title: title?,
        date,
        description: opt(fm.description),
        authors: list(fm.authors),
        draft: fm.draft.unwrap_or(false),
        image,
    })
}
