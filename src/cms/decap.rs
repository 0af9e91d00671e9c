//! The CMS's configuration, `config.yml`, from the content model: one folder collection per
//! kind of content under `content/`, one widget per field ([`super::fields`]), in French.
//! Pure and deterministic: the same site gives the same text.

use serde_yaml::{Mapping, Value};

use super::fields::{self, Field, Vocabulary, Widget};
use crate::config::CmsSettings;

/// What the configuration is made from.
pub struct Model<'a> {
    pub settings: &'a CmsSettings,
    /// The site's base path (`/`, `/atelier/`).
    pub base_path: &'a str,
    /// The thématiques written in the site's fiches, one spelling per thématique, with the
    /// name the site shows: (as written, as shown).
    pub thematiques: &'a [(String, String)],
    /// The incubator of the site's startups (`incubator:` of `site.yaml`), the default of
    /// new fiches.
    pub incubator: Option<&'a str>,
    /// `serve`: the CMS edits the working tree through the preview server's local backend
    /// (`/api/v1`, the protocol of `decap-server`). Decap wants its absolute address, which
    /// the page knows and the configuration does not (the port is chosen after the build,
    /// and the editor may open `localhost` or `127.0.0.1`): `atelier-cms.js` gives it, from
    /// the page's own origin. The published configuration has none.
    pub local_backend: bool,
}

/// A collection: its name, label, folder under `content/`, file name pattern and fields.
struct Collection {
    name: &'static str,
    label: &'static str,
    singular: &'static str,
    folder: &'static str,
    slug: &'static str,
    description: &'static str,
    fields: &'static [Field],
}

const COLLECTIONS: [Collection; 4] = [
    Collection {
        name: "startups",
        label: "Startups",
        singular: "Startup",
        folder: "startups",
        slug: "{{slug}}",
        description: "Les fiches des startups, au format du réseau beta.gouv.fr. L'identifiant de la fiche devient son adresse.",
        fields: fields::STARTUP,
    },
    Collection {
        name: "actualites",
        label: "Actualités",
        singular: "Actualité",
        folder: "actualites",
        slug: "{{year}}-{{month}}-{{day}}-{{slug}}",
        description: "Les actualités, de la plus récente à la plus ancienne. Le premier paragraphe sert d'accroche.",
        fields: fields::NEWS,
    },
    Collection {
        name: "pages",
        label: "Pages",
        singular: "Page",
        folder: "",
        slug: "{{slug}}",
        description: "Les pages à la racine du site (à propos, contact, mentions légales…) et la page d'accueil (_index).",
        fields: fields::PAGE,
    },
    Collection {
        name: "organisations",
        label: "Organisations",
        singular: "Organisation",
        folder: "organisations",
        slug: "{{slug}}",
        description: "Les administrations citées comme porteuses des startups.",
        fields: fields::ORGANISATION,
    },
];

/// The names of the collections, in the order of the CMS's menu.
pub fn collection_names() -> Vec<&'static str> {
    COLLECTIONS.iter().map(|c| c.name).collect()
}

/// The folder under the site where the CMS saves images: the site's `static/images/`,
/// published at `/images/`. Images of `static/` get the same resized copies as those of
/// `content/` (see the guide), and the folder keeps uploads apart from the text.
pub const MEDIA_FOLDER: &str = "static/images";

fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

fn map<const N: usize>(pairs: [(&str, Value); N]) -> Mapping {
    pairs.into_iter().map(|(k, v)| (s(k), v)).collect()
}

/// `config.yml` for the CMS.
pub fn config_yaml(model: &Model<'_>) -> String {
    let cms = model.settings;
    let mut backend = map([
        ("name", s("gitlab")),
        ("auth_type", s("pkce")),
        ("repo", s(cms.repo.as_deref().unwrap_or(""))),
        ("branch", s(&cms.branch)),
        ("base_url", s(&cms.base_url)),
        ("api_root", s(&format!("{}/api/v4", cms.base_url))),
        ("auth_endpoint", s("oauth/authorize")),
    ]);
    if let Some(id) = &cms.app_id {
        backend.insert(s("app_id"), s(id));
    }
    backend.insert(s("squash_merges"), Value::Bool(true));
    let mut root = map([
        ("locale", s("fr")),
        ("backend", Value::Mapping(backend)),
        ("publish_mode", s("editorial_workflow")),
        ("media_folder", s(MEDIA_FOLDER)),
        ("public_folder", s(&format!("{}images", model.base_path))),
        ("site_url", s(model.base_path)),
        ("display_url", s(model.base_path)),
        ("search", Value::Bool(false)),
        // File names as atelier wants them: ASCII letters, digits and `-` (`été` → `ete`).
        (
            "slug",
            Value::Mapping(map([
                ("encoding", s("ascii")),
                ("clean_accents", Value::Bool(true)),
            ])),
        ),
    ]);
    if model.local_backend {
        root.insert(s("local_backend"), Value::Bool(true));
    }
    let collections = COLLECTIONS.iter().map(|c| collection(c, model)).collect();
    root.insert(s("collections"), Value::Sequence(collections));
    let text = serde_yaml::to_string(&Value::Mapping(root)).unwrap_or_default();
    format!(
        "# Written by atelier from the site's content model: edit site.yaml (`cms:`), not this file.\n{text}"
    )
}

fn collection(c: &Collection, model: &Model<'_>) -> Value {
    let folder = if c.folder.is_empty() {
        "content".to_string()
    } else {
        format!("content/{}", c.folder)
    };
    let mut m = map([
        ("name", s(c.name)),
        ("label", s(c.label)),
        ("label_singular", s(c.singular)),
        ("description", s(c.description)),
        ("folder", s(&folder)),
        ("extension", s("md")),
        ("format", s("frontmatter")),
        ("create", Value::Bool(true)),
        ("slug", s(c.slug)),
        ("identifier_field", s(identifier(c.fields))),
    ]);
    let mut list: Vec<Value> = c.fields.iter().map(|f| widget(f, c.name, model)).collect();
    list.push(Value::Mapping(map([
        ("name", s("body")),
        ("label", s("Texte")),
        ("widget", s("markdown")),
        ("required", Value::Bool(false)),
        (
            "hint",
            s("Le texte, en Markdown : des intertitres ## et ###, jamais de titre de niveau 1."),
        ),
    ])));
    m.insert(s("fields"), Value::Sequence(list));
    Value::Mapping(m)
}

/// The field naming an entry in the CMS's lists: `title`, or `name` for organisations.
fn identifier(fields: &[Field]) -> &'static str {
    if fields.iter().any(|f| f.name == "title") {
        "title"
    } else {
        "name"
    }
}

fn widget(f: &Field, collection: &str, model: &Model<'_>) -> Value {
    let mut m = map([
        ("name", s(f.name)),
        ("label", s(f.label)),
        ("required", Value::Bool(f.required)),
        ("hint", s(f.hint)),
    ]);
    let mut set = |k: &str, v: Value| {
        m.insert(s(k), v);
    };
    match &f.widget {
        Widget::Line => set("widget", s("string")),
        Widget::Text => set("widget", s("text")),
        Widget::Boolean => set("widget", s("boolean")),
        Widget::Integer { min } => {
            set("widget", s("number"));
            set("value_type", s("int"));
            if let Some(min) = min {
                set("min", Value::Number((*min).into()));
            }
        }
        Widget::Date => {
            set("widget", s("datetime"));
            set("format", s("YYYY-MM-DD"));
            set("date_format", s("DD/MM/YYYY"));
            set("time_format", Value::Bool(false));
            set("picker_utc", Value::Bool(true));
        }
        Widget::Select(v) | Widget::Many(v) => {
            set("widget", s("select"));
            set("multiple", Value::Bool(matches!(f.widget, Widget::Many(_))));
            set("options", options(*v, model));
        }
        Widget::Lines => set("widget", s("list")),
        Widget::Objects(inner) | Widget::Object(inner) => {
            let many = matches!(f.widget, Widget::Objects(_));
            set("widget", s(if many { "list" } else { "object" }));
            if many {
                set("summary", s(&format!("{{{{fields.{}}}}}", inner[0].name)));
                // Decap says « Ajouter phase » and « 1 phase » with the singular, where
                // the label gave « Ajouter phases » and « 1 phases » (« une phase » gave
                // « 1 une phase »).
                let one = match f.name {
                    "phases" => Some("phase"),
                    "events" => Some("événement"),
                    _ => None,
                };
                if let Some(one) = one {
                    set("label_singular", s(one));
                }
                if f.required {
                    set("min", Value::Number(1.into()));
                }
            }
            let fields = inner.iter().map(|i| widget(i, collection, model)).collect();
            set("fields", Value::Sequence(fields));
        }
        Widget::Startups => {
            set("widget", s("relation"));
            set("collection", s("startups"));
            set("value_field", s("{{slug}}"));
            set("search_fields", Value::Sequence(vec![s("title")]));
            set("display_fields", Value::Sequence(vec![s("title")]));
            set("multiple", Value::Bool(true));
        }
        Widget::Image => {
            set("widget", s("image"));
            // A file of the site only: the build makes its variants.
            set("choose_url", Value::Bool(false));
        }
        Widget::Hidden => set("widget", s("hidden")),
    }
    if collection == "startups" && f.name == "incubator" {
        if let Some(default) = model.incubator {
            set("default", s(default));
        }
    }
    Value::Mapping(m)
}

fn options(v: Vocabulary, model: &Model<'_>) -> Value {
    let option = |value: &str, label: &str| Value::Mapping(map([("label", s(label)), ("value", s(value))]));
    let list = match v {
        Vocabulary::Thematiques => model
            .thematiques
            .iter()
            .map(|(w, shown)| option(w, shown))
            .collect(),
        Vocabulary::Phases => crate::phase::PHASES
            .iter()
            .map(|p| option(p.name, p.label))
            .collect(),
        _ => v.fixed().iter().map(|o| option(o, o)).collect(),
    };
    Value::Sequence(list)
}
