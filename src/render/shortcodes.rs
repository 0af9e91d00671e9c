//! Shortcodes as templates: `templates/shortcodes/<name>.html` (the site's over the
//! theme's), each declaring its arguments in a Tera comment at its top:
//!
//! ```text
//! {#- args
//! body: markdown
//! title: text
//! expanded: bool?
//! -#}
//! ```
//!
//! One line per argument, `name: type`, `?` when it may be left out. Types: `text`, `int`,
//! `bool`, `url` (checked by [`crate::url_policy`], `@/file.md` resolved), `file` (a file of
//! the site: the template gets its `url`, `format` and `size`), `phase` (a phase name),
//! `thematique` (a thematique of the site, by slug or name: the template gets its slug).
//! `body: markdown` says the shortcode takes a body (`body: markdown?`: may take one); `reads: startups` gives the
//! template every startup summary as `startups`. The declaration sits in the template so
//! that a site overriding a shortcode states its arguments in the same file, and the
//! comment leaves the template's output unchanged.

use tera::{Context, Value};

use super::Templates;
use crate::markdown::shortcodes::{ArgValue, ErrorAt, Shortcode, ShortcodeError};
use crate::tr;

/// What a shortcode takes, from its template's header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    /// None: no body; Some(true): a body is required.
    pub body: Option<bool>,
    pub args: Vec<ArgSpec>,
    /// Reads every startup summary (`reads: startups`).
    pub startups: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgSpec {
    pub name: String,
    pub kind: ArgKind,
    pub required: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    Text,
    Int,
    Bool,
    Url,
    File,
    /// A phase name (`investigation`, `construction`…): a misspelt one is an error, where
    /// it would silently match no startup.
    Phase,
    /// A thematique of the site, written as its slug (`patrimoine`) or its name
    /// (`Patrimoine`); the template gets the slug. Unknown: an error, as for a phase.
    Thematique,
}

impl ArgKind {
    fn parse(s: &str) -> Option<ArgKind> {
        Some(match s {
            "text" => ArgKind::Text,
            "int" => ArgKind::Int,
            "bool" => ArgKind::Bool,
            "url" => ArgKind::Url,
            "file" => ArgKind::File,
            "phase" => ArgKind::Phase,
            "thematique" => ArgKind::Thematique,
            _ => return None,
        })
    }
    fn expected(self) -> String {
        match self {
            ArgKind::Text => tr!("shortcode-expects-text"),
            ArgKind::Int => tr!("shortcode-expects-int"),
            ArgKind::Bool => tr!("shortcode-expects-bool"),
            ArgKind::Url => tr!("shortcode-expects-url"),
            ArgKind::File => tr!("shortcode-expects-file"),
            ArgKind::Phase => tr!("shortcode-expects-phase"),
            ArgKind::Thematique => tr!("shortcode-expects-thematique"),
        }
    }
}

/// Reads the header of a shortcode template. `Err`: the line (1-based) and what is wrong.
pub fn schema(text: &str) -> Result<Schema, (usize, String)> {
    let mut schema = Schema::default();
    let start = text.trim_start();
    let Some(rest) = start.strip_prefix("{#") else {
        return Ok(schema);
    };
    let Some(end) = rest.find("#}") else {
        return Ok(schema);
    };
    let comment = rest[..end].trim_start_matches('-');
    // Where `comment` starts in `text`.
    let offset = text.len() - start.len() + 2 + (end - comment.len());
    let comment = comment.trim_end_matches('-');
    let line_of = |i: usize| text[..offset + i].matches('\n').count() + 1;
    let mut lines = comment.split('\n');
    let mut at = 0;
    let head = lines.next().unwrap_or("");
    at += head.len() + 1;
    if head.trim() != "args" {
        return Ok(schema);
    }
    for line in lines {
        let here = at;
        at += line.len() + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Some((name, kind)) = line.split_once(':') else {
            return Err((line_of(here), format!("expected `name: type`, found `{line}`")));
        };
        let (name, kind) = (name.trim(), kind.trim());
        let (kind, required) = match kind.strip_suffix('?') {
            Some(k) => (k.trim(), false),
            None => (kind, true),
        };
        match (name, kind) {
            ("body", "markdown") => schema.body = Some(required),
            ("reads", "startups") => schema.startups = true,
            _ => match ArgKind::parse(kind) {
                Some(kind) => schema.args.push(ArgSpec {
                    name: name.to_string(),
                    kind,
                    required,
                }),
                None => {
                    return Err((line_of(here), tr!("shortcode-schema-unknown-type", kind = kind)));
                }
            },
        }
    }
    Ok(schema)
}

/// A file of the site named by a `file` argument.
pub struct FileInfo {
    /// Its public address (base path included).
    pub url: String,
    pub bytes: u64,
}

/// What to do about a thematique the site does not have (`slug`, the one written, as a
/// slug): the closest one, else them all (or that there is none yet).
fn thematique_help(slug: &str, terms: &[crate::site::Term]) -> String {
    let slugs = || terms.iter().map(|t| t.slug.as_str());
    match crate::diagnostic::did_you_mean(slug, slugs()) {
        Some(near) => tr!("did-you-mean", suggestion = near),
        None if terms.is_empty() => tr!("shortcode-no-thematique"),
        None => tr!(
            "shortcode-thematique-known",
            thematiques = slugs().collect::<Vec<_>>().join(", ")
        ),
    }
}

/// What rendering a shortcode may look up, given by the project.
pub struct Env<'a> {
    pub base_path: &'a str,
    /// `@/file.md` → its address.
    pub resolve: &'a dyn Fn(&str) -> Option<String>,
    /// A site address (`/fichiers/guide.pdf`) → the file there.
    pub file: &'a dyn Fn(&str) -> Option<FileInfo>,
    /// Every startup summary, in list order.
    pub startups: &'a Value,
    /// The site's thematiques (`thematique` arguments are checked against them).
    pub thematiques: &'a [crate::site::Term],
    /// French typography on `text` arguments, as on the body's text.
    pub typography: bool,
}

const PREFIX: &str = "shortcodes/";

impl Templates {
    /// The names of the shortcodes the templates define, sorted.
    pub fn shortcode_names(&self) -> impl Iterator<Item = &str> {
        self.sources
            .templates
            .keys()
            .filter_map(|n| n.strip_prefix(PREFIX)?.strip_suffix(".html"))
    }

    /// The schema of a shortcode; None when there is no such shortcode.
    pub fn shortcode_schema(&self, name: &str) -> Option<Result<Schema, (usize, String)>> {
        let (_, text) = self.sources.templates.get(&format!("{PREFIX}{name}.html"))?;
        Some(schema(text))
    }

    /// Renders one shortcode call, its arguments checked against its template's header.
    pub fn shortcode(&self, call: &Shortcode<'_>, env: &Env<'_>) -> Result<String, ShortcodeError> {
        let name = call.name;
        let template = format!("{PREFIX}{name}.html");
        let error = |message: String, help: String, at: ErrorAt| ShortcodeError { message, help, at };
        let Some(schema) = self.shortcode_schema(name) else {
            let help = match crate::diagnostic::did_you_mean(name, self.shortcode_names()) {
                Some(near) => tr!("shortcode-did-you-mean", suggestion = near),
                None => tr!(
                    "shortcode-known",
                    names = self.shortcode_names().collect::<Vec<_>>().join(", ")
                ),
            };
            return Err(error(tr!("shortcode-unknown", name = name), help, ErrorAt::Name));
        };
        let path = self.sources.templates[&template].0.display().to_string();
        let schema = schema.map_err(|(line, m)| {
            error(
                tr!(
                    "shortcode-bad-schema",
                    name = name,
                    path = path.as_str(),
                    line = line.to_string(),
                    problem = m
                ),
                tr!("shortcode-bad-schema-help"),
                ErrorAt::Name,
            )
        })?;
        match (schema.body, call.body.is_some()) {
            (None, true) => {
                return Err(error(
                    tr!("shortcode-takes-no-body", name = name),
                    tr!("shortcode-takes-no-body-help", name = name),
                    ErrorAt::Name,
                ));
            }
            (Some(true), false) => {
                return Err(error(
                    tr!("shortcode-needs-body", name = name),
                    tr!("shortcode-needs-body-help", name = name),
                    ErrorAt::Name,
                ));
            }
            _ => {}
        }
        let known = || schema.args.iter().map(|a| a.name.as_str());
        let mut ctx = Context::new();
        for (i, (arg, value)) in call.args.iter().enumerate() {
            let Some(spec) = schema.args.iter().find(|s| s.name == *arg) else {
                let help = match crate::diagnostic::did_you_mean(arg, known()) {
                    Some(near) => tr!("did-you-mean", suggestion = near),
                    None if schema.args.is_empty() => tr!("shortcode-takes-no-argument", name = name),
                    None => tr!(
                        "shortcode-takes",
                        name = name,
                        arguments = known().collect::<Vec<_>>().join(", ")
                    ),
                };
                return Err(error(
                    tr!("shortcode-no-such-argument", name = name, argument = arg.as_str()),
                    help,
                    ErrorAt::Arg(i),
                ));
            };
            if call.args[..i].iter().any(|(a, _)| a == arg) {
                return Err(error(
                    tr!("shortcode-argument-twice", name = name, argument = arg.as_str()),
                    tr!("shortcode-argument-twice-help"),
                    ErrorAt::Arg(i),
                ));
            }
            let wrong = || {
                error(
                    tr!(
                        "shortcode-argument-wrong",
                        name = name,
                        argument = arg.as_str(),
                        expected = spec.kind.expected(),
                        found = value.kind()
                    ),
                    tr!(
                        "shortcode-argument-wrong-help",
                        argument = arg.as_str(),
                        expected = spec.kind.expected()
                    ),
                    ErrorAt::Arg(i),
                )
            };
            match (spec.kind, value) {
                (ArgKind::Text, ArgValue::Str(s)) if env.typography => {
                    ctx.insert(arg.clone(), &crate::typography::french(s))
                }
                (ArgKind::Text, ArgValue::Str(s)) => ctx.insert(arg.clone(), s),
                (ArgKind::Int, ArgValue::Int(n)) => ctx.insert(arg.clone(), n),
                (ArgKind::Bool, ArgValue::Bool(b)) => ctx.insert(arg.clone(), b),
                (ArgKind::Url, ArgValue::Str(s)) => {
                    let url = if let Some(rel) = s.strip_prefix("@/") {
                        let rel = rel.split('#').next().unwrap_or(rel);
                        let Some(to) = (env.resolve)(rel) else {
                            return Err(error(
                                tr!("shortcode-no-content-file", name = name, url = s.as_str()),
                                tr!("link-unknown-file-help"),
                                ErrorAt::Arg(i),
                            ));
                        };
                        match s.find('#') {
                            Some(f) => format!("{to}{}", &s[f..]),
                            None => to,
                        }
                    } else {
                        if let Err(refused) = crate::url_policy::check(s) {
                            return Err(error(
                                refused.message(&tr!(
                                    "shortcode-argument-of",
                                    name = name,
                                    argument = arg.as_str()
                                )),
                                refused.help(),
                                ErrorAt::Arg(i),
                            ));
                        }
                        if s.starts_with('/') && !s.starts_with("//") {
                            format!("{}{}", env.base_path, s.trim_start_matches('/'))
                        } else {
                            s.clone()
                        }
                    };
                    ctx.insert(arg.clone(), &url);
                }
                (ArgKind::File, ArgValue::Str(s)) => {
                    let Some(file) = (env.file)(s) else {
                        return Err(error(
                            tr!("shortcode-no-file", name = name, file = s.as_str()),
                            tr!("shortcode-no-file-help"),
                            ErrorAt::Arg(i),
                        ));
                    };
                    let format = s
                        .rsplit_once('.')
                        .map(|(_, ext)| ext.to_uppercase())
                        .unwrap_or_default();
                    let value = tera::Value::from_serializable(&serde_json::json!({
                        "url": file.url,
                        "format": format,
                        "bytes": file.bytes,
                        "size": size_fr(file.bytes),
                    }));
                    ctx.insert_value(arg.clone(), value);
                }
                (ArgKind::Phase, ArgValue::Str(s)) => {
                    if crate::phase::lookup(s).is_none() {
                        let help = match crate::diagnostic::did_you_mean(s, crate::phase::names()) {
                            Some(near) => tr!("shortcode-phase-did-you-mean", suggestion = near),
                            None => tr!(
                                "shortcode-phase-known",
                                phases = crate::phase::names().collect::<Vec<_>>().join(", ")
                            ),
                        };
                        return Err(error(
                            tr!("shortcode-unknown-phase", name = name, phase = s.as_str()),
                            help,
                            ErrorAt::Arg(i),
                        ));
                    }
                    ctx.insert(arg.clone(), s);
                }
                (ArgKind::Thematique, ArgValue::Str(s)) => {
                    let slug = crate::slug::slugify(s);
                    let Some(term) = env.thematiques.iter().find(|t| t.slug == slug) else {
                        return Err(error(
                            tr!(
                                "shortcode-unknown-thematique",
                                name = name,
                                thematique = s.as_str()
                            ),
                            thematique_help(&slug, env.thematiques),
                            ErrorAt::Arg(i),
                        ));
                    };
                    ctx.insert(arg.clone(), &term.slug);
                }
                _ => return Err(wrong()),
            }
        }
        if let Some(missing) = schema
            .args
            .iter()
            .find(|s| s.required && !call.args.iter().any(|(a, _)| *a == s.name))
        {
            return Err(error(
                tr!(
                    "shortcode-argument-missing",
                    name = name,
                    argument = missing.name.as_str()
                ),
                tr!(
                    "shortcode-argument-missing-help",
                    argument = missing.name.as_str(),
                    expected = missing.kind.expected()
                ),
                ErrorAt::Call,
            ));
        }
        ctx.insert("id", &call.id);
        ctx.insert("index", &call.index);
        let children: Vec<serde_json::Value> = call
            .children
            .iter()
            .map(|c| {
                let args: serde_json::Map<String, serde_json::Value> =
                    c.args.iter().map(|(k, v)| (k.clone(), json(v))).collect();
                serde_json::json!({"name": c.name, "id": c.id, "html": c.html, "args": args})
            })
            .collect();
        ctx.insert_value("children", tera::Value::from_serializable(&children));
        ctx.insert("base_path", env.base_path);
        if let Some(body) = call.body {
            ctx.insert("body", body);
        }
        if schema.startups {
            ctx.insert_value("startups", env.startups.clone());
        }
        self.tera.render(&template, &ctx).map_err(|e| {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                message.push_str(&format!(": {s}"));
                source = s.source();
            }
            error(
                tr!("shortcode-failed", name = name, details = message),
                tr!("shortcode-failed-help", path = path.as_str()),
                ErrorAt::Name,
            )
        })
    }
}

fn json(v: &ArgValue) -> serde_json::Value {
    match v {
        ArgValue::Str(s) => s.clone().into(),
        ArgValue::Int(n) => (*n).into(),
        ArgValue::Float(x) => (*x).into(),
        ArgValue::Bool(b) => (*b).into(),
    }
}

/// A file size as DSFR shows it in French: "61,88 ko", "1,2 Mo".
pub fn size_fr(bytes: u64) -> String {
    let units = ["octets", "ko", "Mo", "Go"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < units.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} octets")
    } else {
        let shown = format!("{value:.2}");
        let shown = shown
            .trim_end_matches('0')
            .trim_end_matches('.')
            .replace('.', ",");
        format!("{shown}\u{a0}{}", units[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_header() {
        let s = schema("{#- args\nbody: markdown\ntitle: text\nopen: bool?\nreads: startups\n-#}\n<div>")
            .unwrap();
        assert_eq!(s.body, Some(true));
        assert!(s.startups);
        assert_eq!(s.args.len(), 2);
        assert!(!s.args[1].required);
        assert_eq!(schema("{#- args\nx: colour\n-#}").unwrap_err().0, 2);
        assert_eq!(schema("<p>no header</p>").unwrap(), Schema::default());
    }

    #[test]
    fn sizes_in_french() {
        assert_eq!(size_fr(512), "512 octets");
        assert_eq!(size_fr(61_880), "61,88\u{a0}ko");
        assert_eq!(size_fr(2_000_000), "2\u{a0}Mo");
    }
}
