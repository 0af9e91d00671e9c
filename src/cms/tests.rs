//! The CMS's configuration matches the content model: every field the loader reads, with
//! the loader's required-ness, and no other field.

use std::collections::BTreeSet;
use std::path::Path;

use serde_yaml::Value;

use super::decap::{Model, config_yaml};
use super::fields::{self, Field, Widget};
use crate::config::CmsSettings;
use crate::content::kinds::{EventFm, FastFm, NewsFm, OrganisationFm, PageFm, PhaseFm, StartupFm};
use crate::content::yaml::fields as loader_fields;

/// Each kind: the loader's field names, the CMS table, the collection, and a file the
/// loader accepts with only the required fields (one `key: value` a line).
struct Kind {
    loader: &'static [&'static str],
    table: &'static [Field],
    collection: &'static str,
    rel: &'static str,
    minimal: &'static [(&'static str, &'static str)],
}

fn kinds() -> [Kind; 4] {
    [
        Kind {
            loader: loader_fields::<StartupFm>(),
            table: fields::STARTUP,
            collection: "startups",
            rel: "startups/ada.md",
            minimal: &[
                ("title", "Ada"),
                ("mission", "Aider."),
                ("incubator", "culture"),
                ("contact", "ada@exemple.gouv.fr"),
                ("phases", "[{name: investigation, start: 2024-01-15}]"),
            ],
        },
        Kind {
            loader: loader_fields::<PageFm>(),
            table: fields::PAGE,
            collection: "pages",
            rel: "a-propos.md",
            minimal: &[("title", "À propos")],
        },
        Kind {
            loader: loader_fields::<NewsFm>(),
            table: fields::NEWS,
            collection: "actualites",
            rel: "actualites/2025-01-02-lancement.md",
            minimal: &[("title", "Lancement")],
        },
        Kind {
            loader: loader_fields::<OrganisationFm>(),
            table: fields::ORGANISATION,
            collection: "organisations",
            rel: "organisations/mc.md",
            minimal: &[("name", "Ministère de la Culture")],
        },
    ]
}

fn names(table: &[Field]) -> BTreeSet<&'static str> {
    table.iter().map(|f| f.name).collect()
}

/// The errors the loader reports on a file of `rel` made of `lines`.
fn load_errors(rel: &str, lines: &[(&str, &str)]) -> Vec<String> {
    let yaml: String = lines.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    let source = format!("---\n{yaml}---\nTexte.\n");
    let mut diags = Vec::new();
    let path = Path::new("content").join(rel);
    crate::content::parse_document(&path, rel, &source, &mut diags);
    diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect()
}

/// The top-level fields the loader demands: those whose absence from a file that has all
/// the others it demands is an error naming them.
fn loader_required(kind: &Kind) -> BTreeSet<&'static str> {
    assert_eq!(
        load_errors(kind.rel, kind.minimal),
        Vec::<String>::new(),
        "{}: the loader demands a field the minimal file lacks: add it to the test and the CMS",
        kind.rel
    );
    kind.loader
        .iter()
        .copied()
        .filter(|name| {
            let without: Vec<_> = kind.minimal.iter().copied().filter(|(k, _)| k != name).collect();
            load_errors(kind.rel, &without)
                .iter()
                .any(|m| m == &format!("missing required key `{name}`"))
        })
        .collect()
}

#[test]
fn every_field_of_every_kind_has_one_widget_and_no_other() {
    for kind in kinds() {
        let loader: BTreeSet<&str> = kind.loader.iter().copied().collect();
        assert_eq!(names(kind.table), loader, "{}", kind.collection);
        assert_eq!(
            kind.table.len(),
            loader.len(),
            "{}: a field twice",
            kind.collection
        );
    }
    let nested = |name: &str| match fields::STARTUP.iter().find(|f| f.name == name).map(|f| &f.widget) {
        Some(Widget::Objects(inner) | Widget::Object(inner)) => names(inner),
        other => panic!("{name}: {other:?}"),
    };
    let set = |f: &[&'static str]| f.iter().copied().collect::<BTreeSet<_>>();
    assert_eq!(nested("phases"), set(loader_fields::<PhaseFm>()));
    assert_eq!(nested("events"), set(loader_fields::<EventFm>()));
    assert_eq!(nested("fast"), set(loader_fields::<FastFm>()));
}

#[test]
fn required_fields_are_those_the_loader_demands() {
    for kind in kinds() {
        let cms: BTreeSet<&str> = kind.table.iter().filter(|f| f.required).map(|f| f.name).collect();
        assert_eq!(cms, loader_required(&kind), "{}", kind.collection);
    }
    // Inside a phase or an event, the loader demands what its struct does not make optional.
    let phase = "phases: [{start: 2024-01-15}]";
    let errors = load_errors(
        "startups/ada.md",
        &[
            ("title", "A"),
            ("mission", "B"),
            ("incubator", "c"),
            ("contact", "d"),
            ("phases", &phase[8..]),
        ],
    );
    assert!(errors.iter().any(|e| e.contains("name")), "{errors:?}");
    let required_in = |name: &str| match &fields::STARTUP.iter().find(|f| f.name == name).unwrap().widget {
        Widget::Objects(inner) => inner
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect::<Vec<_>>(),
        _ => unreachable!(),
    };
    assert_eq!(required_in("phases"), ["name", "start"]);
    assert_eq!(required_in("events"), ["name", "date"]);
}

fn generated(local_backend: bool) -> Value {
    let settings = CmsSettings {
        repo: Some("culture/atelier".into()),
        app_id: Some("abc123".into()),
        ..CmsSettings::default()
    };
    let thematiques = [("Open-Data".to_string(), "Open data".to_string())];
    let text = config_yaml(&Model {
        settings: &settings,
        base_path: "/atelier/",
        thematiques: &thematiques,
        incubator: Some("culture"),
        local_backend,
    });
    assert_eq!(
        text,
        config_yaml(&Model {
            settings: &settings,
            base_path: "/atelier/",
            thematiques: &thematiques,
            incubator: Some("culture"),
            local_backend,
        }),
        "deterministic"
    );
    serde_yaml::from_str(&text).unwrap()
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{key} in {v:?}"))
}

/// The widget a table entry must have in the configuration.
fn decap_widget(w: &Widget) -> &'static str {
    match w {
        Widget::Line => "string",
        Widget::Text => "text",
        Widget::Boolean => "boolean",
        Widget::Integer { .. } => "number",
        Widget::Date => "datetime",
        Widget::Select(_) | Widget::Many(_) => "select",
        Widget::Lines | Widget::Objects(_) => "list",
        Widget::Object(_) => "object",
        Widget::Startups => "relation",
        Widget::Image => "image",
        Widget::Hidden => "hidden",
    }
}

fn assert_fields(generated: &Value, table: &[Field], at: &str) {
    let list = generated.as_sequence().unwrap();
    let got: Vec<&str> = list.iter().map(|f| str_of(f, "name")).collect();
    let want: Vec<&str> = table.iter().map(|f| f.name).collect();
    assert_eq!(got, want, "{at}");
    for (g, f) in list.iter().zip(table) {
        assert_eq!(str_of(g, "widget"), decap_widget(&f.widget), "{at}.{}", f.name);
        assert_eq!(
            g.get("required"),
            Some(&Value::Bool(f.required)),
            "{at}.{}",
            f.name
        );
        assert!(!str_of(g, "hint").is_empty(), "{at}.{}", f.name);
        if let Widget::Objects(inner) | Widget::Object(inner) = &f.widget {
            assert_fields(&g["fields"], inner, &format!("{at}.{}", f.name));
        }
    }
}

#[test]
fn the_configuration_has_every_field_with_its_widget_and_required_ness() {
    let config = generated(false);
    assert_eq!(str_of(&config, "locale"), "fr");
    assert_eq!(
        config.get("local_backend"),
        None,
        "only serve's configuration has one"
    );
    let backend = &config["backend"];
    assert_eq!(
        ["name", "auth_type", "repo", "app_id", "base_url"].map(|k| str_of(backend, k)),
        [
            "gitlab",
            "pkce",
            "culture/atelier",
            "abc123",
            "https://gitlab.com"
        ]
    );
    assert_eq!(str_of(&config, "media_folder"), "static/images");
    assert_eq!(str_of(&config["slug"], "encoding"), "ascii");
    assert_eq!(config["slug"]["clean_accents"], Value::Bool(true));
    assert_eq!(str_of(&config, "public_folder"), "/atelier/images");
    let collections = config["collections"].as_sequence().unwrap();
    let names: Vec<&str> = collections.iter().map(|c| str_of(c, "name")).collect();
    assert_eq!(names, ["startups", "actualites", "pages", "organisations"]);
    for kind in kinds() {
        let c = collections
            .iter()
            .find(|c| str_of(c, "name") == kind.collection)
            .unwrap();
        let folder = str_of(c, "folder");
        assert!(folder == "content" || folder.starts_with("content/"), "{folder}");
        let fields = c["fields"].as_sequence().unwrap();
        let (body, front) = fields.split_last().unwrap();
        assert_eq!(
            (str_of(body, "name"), str_of(body, "widget")),
            ("body", "markdown")
        );
        assert_fields(&Value::Sequence(front.to_vec()), kind.table, kind.collection);
    }
}

#[test]
fn closed_vocabularies_are_selects_of_their_values() {
    let config = generated(false);
    let startups = &config["collections"][0]["fields"];
    let field = |name: &str| {
        startups
            .as_sequence()
            .unwrap()
            .iter()
            .find(|f| str_of(f, "name") == name)
            .unwrap()
            .clone()
    };
    let values = |f: &Value| -> Vec<String> {
        f["options"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|o| str_of(o, "value").to_string())
            .collect()
    };
    let phase_name = &field("phases")["fields"][0];
    let phases: Vec<&str> = crate::phase::PHASES.iter().map(|p| p.name).collect();
    assert_eq!(values(phase_name), phases);
    assert_eq!(values(&field("usertypes")), crate::content::meta::USERTYPES);
    assert_eq!(field("usertypes")["multiple"], Value::Bool(true));
    assert_eq!(
        values(&field("accessibility_status")),
        crate::content::meta::ACCESSIBILITY_STATUSES
    );
    assert_eq!(values(&field("thematiques")), ["Open-Data"]);
    assert_eq!(str_of(&field("thematiques")["options"][0], "label"), "Open data");
    assert_eq!(str_of(&field("incubator"), "default"), "culture");
}

#[test]
fn serve_points_the_cms_at_its_local_backend() {
    assert_eq!(generated(true)["local_backend"], Value::Bool(true));
}

#[test]
fn published_files_of_the_package() {
    for name in [
        "decap-cms.js",
        "decap-cms.js.LICENSE.txt",
        "103.decap-cms.js",
        "7.decap-cms.js",
    ] {
        assert!(super::published(name), "{name}");
    }
    for name in [
        "cms.js",
        "103.cms.js",
        "decap-cms.js.map",
        "103.decap-cms.js.map",
        ".decap-cms.js",
        "a.decap-cms.js",
    ] {
        assert!(!super::published(name), "{name}");
    }
}
