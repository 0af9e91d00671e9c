//! A small site written in a temporary folder, and runs of the real binary on it.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

pub const DATE: &str = "2026-01-15";

/// A minimal theme: the templates the site needs, with the footer link the law asks for.
pub const TEMPLATES: [(&str, &str); 11] = [
    (
        "base.html",
        "<!doctype html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><title>{{ page.title }}</title></head>\n\
         <body>\n<header><a href=\"{{ url(path='/') }}\">{{ site.title }}</a>\n\
         <nav>{% for item in site.menu %}<a href=\"{{ item.url }}\">{{ item.title }}</a>{% endfor %}</nav></header>\n\
         <main id=\"contenu\">{% block content %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endblock content %}</main>\n\
         <footer><a href=\"{{ url(path='/plan-du-site/') }}\">Plan du site</a>\n\
         <a href=\"{{ url(path='/accessibilite/') }}\">Accessibilité : {{ site.accessibility_status }}</a></footer>\n\
         </body>\n</html>\n",
    ),
    ("page.html", "{% extends \"base.html\" %}"),
    ("home.html", "{% extends \"base.html\" %}"),
    ("startups.html", "{% extends \"base.html\" %}"),
    ("news_list.html", "{% extends \"base.html\" %}"),
    ("startup.html", "{% extends \"base.html\" %}"),
    ("organisation.html", "{% extends \"base.html\" %}"),
    ("news.html", "{% extends \"base.html\" %}"),
    ("sitemap.html", "{% extends \"base.html\" %}"),
    ("404.html", "{% extends \"base.html\" %}"),
    (
        "accessibilite.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>\
         <p>Le site est <strong>{{ site.accessibility_status }}</strong> avec le RGAA.</p>\
         {{ page.content | safe }}{% endblock content %}",
    ),
];

pub const STARTUP: &str = "---
title: Ada
mission: Aider les enseignants à trouver des ressources.
incubator: culture
contact: contact@ada.beta.gouv.fr
phases:
  - name: investigation
    start: 2024-01-15
  - name: construction
    start: 2024-06-01
link: https://ada.beta.gouv.fr/
sponsors:
  - /organisations/mc
---
## Contexte

Voir [l'accueil](@/_index.md) et [Compar:IA](@/startups/languia.md#contexte).
";

pub const LANGUIA: &str = "---
title: Compar:IA
mission: Comparer des modèles de langue.
incubator: culture
contact: comparia@beta.gouv.fr
phases:
  - name: investigation
    start: 2024-01-15
---
## Contexte

Du texte.
";

pub struct Site {
    pub dir: tempfile::TempDir,
}

/// One run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    /// A clean site: home, statement page, one listing, two startups, one organisation.
    pub fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write(
            "site.yaml",
            "title: Atelier\ntheme: test\naccessibility_status: non conforme\nmenu:\n  - title: Startups\n    url: \"@/startups/_index.md\"\n",
        );
        for (name, text) in TEMPLATES {
            site.write(&format!("themes/test/templates/{name}"), text);
        }
        site.write("content/_index.md", "---\ntitle: Accueil\n---\nBienvenue.\n");
        site.write(
            "content/accessibilite.md",
            "---\ntitle: Déclaration d'accessibilité\ntemplate: accessibilite.html\n---\n## Résultats des tests\n\nAucun audit n'a encore été réalisé.\n",
        );
        site.write("content/startups/_index.md", "---\ntitle: Les startups\n---\n");
        site.write("content/startups/ada.md", STARTUP);
        site.write("content/startups/languia.md", LANGUIA);
        site.write(
            "content/organisations/mc.md",
            "---\nname: Ministère de la Culture\n---\n",
        );
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Site {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out: Output = Command::new(env!("CARGO_BIN_EXE_atelier"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env_remove("SOURCE_DATE_EPOCH")
            // Messages in English whatever the machine's locale.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env("NO_PROXY", "127.0.0.1")
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    pub fn check(&self, extra: &[&str]) -> Run {
        let mut args = vec!["check", "--date", DATE];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// Every diagnostic of `check --format json`, as `severity path:line:col message | help`.
    pub fn problems(&self) -> Vec<String> {
        let run = self.check(&["--format", "json"]);
        run.stdout
            .lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let field = |k: &str| {
                    v.get(k)
                        .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                };
                let at = match (field("line"), field("col")) {
                    (Some(l), Some(c)) => format!("{}:{l}:{c}", field("path").unwrap()),
                    _ => field("path").unwrap_or_default(),
                };
                format!(
                    "{} {at} {} | {}",
                    field("severity").unwrap(),
                    field("message").unwrap(),
                    field("help").unwrap_or_default()
                )
            })
            .collect()
    }
}
