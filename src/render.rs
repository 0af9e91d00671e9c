//! Templates: loads the theme's Tera templates (overridable by the site's own
//! `templates/`), builds the data every page shares once per build, and renders each
//! route to an [`Output`] in memory.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Kwargs, State, Tera};

use crate::diagnostic::{Diagnostic, Location};
use crate::markdown::Rendered;
use crate::site::{Route, Site};
use crate::{msg, tr};

mod data;
pub mod deps;
pub mod meta;
mod page;
mod paginator;
mod reads;
pub mod share;
pub mod shortcodes;
mod summary;
mod typeset;

pub use data::{Shared, shared as data_shared, shared_from};
pub use deps::{SiteFields, TemplateDeps};
pub use reads::{Read, paging_now};
pub use summary::summary;

/// What rendering makes: one file of the built site, in memory (defined with the other
/// data of the pipeline).
use crate::pipeline::Output;

/// The compiled templates of the site's theme.
pub struct Templates {
    tera: Tera,
    pub theme_dir: PathBuf,
    sources: Sources,
    deps: BTreeMap<String, TemplateDeps>,
}

/// The template files of a site, as read: the theme's, with the site's own over them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    pub theme_dir: PathBuf,
    /// Template name → (file as shown to users, text).
    pub templates: BTreeMap<String, (PathBuf, String)>,
    /// The theme's `theme.yaml`.
    pub theme: crate::theme::ThemeConfig,
}

impl Sources {
    /// The theme's folder from the site's `root` (`themes/dsfr`), as template files are
    /// named: what the build cache's keys hold, so that a build run in the site's folder and
    /// one given `--root` find each other's pages.
    pub fn theme_dir_from(&self, root: &std::path::Path) -> String {
        let dir = &self.theme_dir;
        dir.strip_prefix(root)
            .unwrap_or(dir)
            .to_string_lossy()
            .into_owned()
    }

    /// Feeds what the templates are into a cache key: the theme's settings, its folder from
    /// `root` ([`Sources::theme_dir_from`]), and every template's name, file and text.
    pub fn key_into(&self, root: &std::path::Path, h: &mut crate::cache::Hasher) {
        h.debug(&self.theme).str(&self.theme_dir_from(root));
        for (name, (file, text)) in &self.templates {
            h.str(name).str(&file.to_string_lossy()).str(text);
        }
    }
}

/// Template used for each kind of route, unless a page names its own.
pub fn default_template(site: &Site, route: &Route) -> &'static str {
    use crate::content::Kind;
    match route {
        Route::Doc(i) => match (site.docs[*i].kind, site.docs[*i].url.as_str()) {
            (Kind::Home, _) => "home.html",
            (Kind::Section, "/startups/") => "startups.html",
            (Kind::Section, "/actualites/") => "news_list.html",
            (Kind::Section | Kind::Page, _) => "page.html",
            (Kind::Startup, _) => "startup.html",
            (Kind::Organisation, _) => "organisation.html",
            (Kind::News, _) => "news.html",
        },
        Route::Paged { of, .. } => default_template(site, &of.route()),
        Route::Phase(_) | Route::Thematique(_) => "startups.html",
        Route::SiteMap => "sitemap.html",
        Route::NotFound => "404.html",
        Route::Redirect { .. } => "redirect.html",
    }
}

impl Templates {
    /// Compiles `themes/<theme>/templates/**.html`, then the site's `templates/**.html`
    /// over them (same name replaces). Reports every template that fails to parse.
    pub fn load(root: &Path, theme: &str) -> Result<Templates, Vec<Diagnostic>> {
        Templates::compile(Templates::read(root, theme, &Sources::default())?)
    }

    /// Reads the template files. The text of a file listed in `reuse` (under the same
    /// shown path) is taken from there instead of the disk.
    pub fn read(root: &Path, theme: &str, reuse: &Sources) -> Result<Sources, Vec<Diagnostic>> {
        let theme_dir = root.join("themes").join(theme);
        if !theme_dir.is_dir() {
            let available: Vec<String> = std::fs::read_dir(root.join("themes"))
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            let help = if available.is_empty() {
                tr!("theme-missing-no-folder-help")
            } else {
                tr!("theme-missing-available-help", themes = available.join(", "))
            };
            return Err(vec![
                Diagnostic::error(msg!("theme-missing", theme = theme))
                    .at(Location::file(Path::new("themes").join(theme)))
                    .help(help),
            ]);
        }
        let reused: HashMap<&Path, &String> =
            reuse.templates.values().map(|(p, t)| (p.as_path(), t)).collect();
        let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        let mut diags = Vec::new();
        let theme_config = crate::theme::ThemeConfig::load(&theme_dir, &Path::new("themes").join(theme))
            .unwrap_or_else(|ds| {
                diags.extend(ds);
                Default::default()
            });
        for dir in [theme_dir.join("templates"), root.join("templates")] {
            for entry in walkdir::WalkDir::new(&dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
            {
                if !entry.file_type().is_file()
                    || crate::content::is_ignored(&entry.file_name().to_string_lossy())
                {
                    continue;
                }
                let name = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let name = name.to_string_lossy().replace('\\', "/");
                let shown = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                if let Some(text) = reused.get(shown.as_path()) {
                    sources.insert(name, (shown, (*text).clone()));
                    continue;
                }
                match crate::fs::read_text(entry.path(), &shown) {
                    Ok(text) => {
                        sources.insert(name, (shown, text));
                    }
                    Err(d) => diags.push(d),
                }
            }
        }
        if diags.is_empty() {
            Ok(Sources {
                theme_dir,
                templates: sources,
                theme: theme_config,
            })
        } else {
            Err(diags)
        }
    }

    /// Compiles read templates, reporting every one that fails.
    pub fn compile(read: Sources) -> Result<Templates, Vec<Diagnostic>> {
        let sources = &read.templates;
        let mut diags = Vec::new();
        let files = sources;
        // Parse each file alone first, to report every broken template, not only the
        // first; references between templates are checked when all are loaded together.
        for (name, (path, text)) in sources {
            if let Err(e) = new_tera().add_raw_template(name, text)
                && !matches!(
                    e.kind(),
                    tera::ErrorKind::MissingParent { .. } | tera::ErrorKind::TemplateNotFound(_)
                )
                && !only_unknown_includes(&e)
            {
                diags.push(template_error(&e, files, path, text));
            }
        }
        let mut tera = new_tera();
        if diags.is_empty() {
            let all: Vec<(&String, &String)> = sources.iter().map(|(n, (_, t))| (n, t)).collect();
            if let Err(e) = tera.add_raw_templates(all) {
                let culprit = match e.kind() {
                    tera::ErrorKind::MissingParent { current, .. } => Some(current.clone()),
                    _ => None,
                };
                let (path, text) = culprit
                    .and_then(|c| sources.get(&c))
                    .or_else(|| sources.values().next())
                    .map(|(p, t)| (p.clone(), t.clone()))
                    .unwrap_or_default();
                diags.push(template_error(&e, files, &path, &text));
            }
        }
        if diags.is_empty() {
            let scans = sources
                .iter()
                .map(|(n, (_, text))| (n.clone(), deps::scan(text)))
                .collect();
            Ok(Templates {
                tera,
                theme_dir: read.theme_dir.clone(),
                deps: deps::resolve(&scans),
                sources: read,
            })
        } else {
            Err(diags)
        }
    }

    /// The template files as they were read.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// The files a template runs and the `site` fields they read; `None` for an unknown name.
    pub fn deps(&self, name: &str) -> Option<&TemplateDeps> {
        self.deps.get(name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Sets the data shared by every page. Called once per build.
    pub fn set_shared(&mut self, shared: &Shared) {
        let ctx = self.tera.global_context();
        ctx.insert_value("site", shared.site.clone());
        ctx.insert("base_path", &shared.base_path);
        ctx.insert("asset_names", &*shared.assets);
        ctx.insert("typography", &shared.typography);
    }

    /// Takes the shared data out once no page will render again (the caller frees it
    /// where it costs least).
    pub fn clear_shared(&mut self) -> Option<tera::Value> {
        self.tera.global_context().remove("site")
    }

    /// Renders one page with its own context; errors name the template line and the page.
    pub fn render(&self, template: &str, ctx: &Context, page: &Path) -> Result<String, Diagnostic> {
        self.tera.render(template, ctx).map_err(|e| {
            let mut d = match self.sources.templates.get(template) {
                Some((path, text)) => template_error(&e, &self.sources.templates, path, text),
                None => Diagnostic::error(e.to_string()),
            };
            let note = tr!("template-while-rendering", page = page.display().to_string());
            d.help = Some(match d.help.take() {
                Some(h) => tr!("template-help-while-rendering", help = h, note = note),
                None => note,
            });
            d
        })
    }
}

/// Whether a template parsed alone fails only on `{% include %}`s of other templates, or
/// components they define, which exist or not once all templates are loaded together.
fn only_unknown_includes(e: &tera::Error) -> bool {
    let text = e.to_string();
    let mut errors = text.lines().filter(|l| l.starts_with("error:")).peekable();
    errors.peek().is_some()
        && errors.all(|l| {
            l.starts_with("error: Unknown template `") || l.starts_with("error: Unknown component `")
        })
}

fn link(base: &str, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") || path.starts_with("mailto:") {
        path.to_string()
    } else {
        format!("{base}{}", path.trim_start_matches('/'))
    }
}

/// A Tera instance with atelier's filters and functions:
/// `url(path="/startups/")` prefixes the base path; `asset(path="dsfr/dsfr.min.css")` also
/// maps an asset to its written (possibly content-hashed) name; `date_fr` formats a date in
/// French; `slugify` makes a URL-safe name; `french` applies French typography where the
/// site has it.
fn new_tera() -> Tera {
    let mut tera = Tera::new();
    tera.register_function(
        "url",
        |kwargs: Kwargs, state: &State<'_>| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            let base: String = state.get("base_path")?.unwrap_or_else(|| "/".into());
            Ok(link(&base, &path))
        },
    );
    tera.register_function(
        "asset",
        |kwargs: Kwargs, state: &State<'_>| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            let base: String = state.get("base_path")?.unwrap_or_else(|| "/".into());
            let names: Option<tera::Value> = state.get("asset_names")?;
            let written = names
                .as_ref()
                .and_then(|m| m.as_map())
                .and_then(|m| m.get(&tera::value::Key::from(path.clone())))
                .and_then(|v| v.as_str().map(str::to_string));
            Ok(link(&base, written.as_deref().unwrap_or(&path)))
        },
    );
    tera.register_function("image", image_function);
    register_filters(&mut tera);
    tera
}

/// `image(path="/img/x.jpg", widths=[480, 960], sizes="50vw", alt="...")`: an image the
/// site shows with copies (in a body or as a cover), as a theme writes its own `<picture>`:
/// `src`, `srcset`, `type`, `width`, `height`, `alt`, `sizes`, `variants`. `widths` keeps
/// only the copies of those widths. The images are the `site.images` field, which the
/// template scan counts as read by any template calling `image(`.
fn image_function(kwargs: Kwargs, state: &State<'_>) -> tera::TeraResult<tera::Value> {
    let path: String = kwargs.must_get("path")?;
    let widths: Option<Vec<u32>> = kwargs.get("widths")?;
    let sizes: Option<String> = kwargs.get("sizes")?;
    let alt: Option<String> = kwargs.get("alt")?;
    let key = format!("/{}", path.trim_start_matches('/'));
    let site: Option<tera::Value> = state.get("site")?;
    let images = site
        .as_ref()
        .and_then(|s| s.as_map())
        .and_then(|m| m.get(&tera::value::Key::from("images")))
        .and_then(|i| i.as_map());
    let key = tera::value::Key::from(key);
    let found = images
        .and_then(|m| m.get(&key))
        .and_then(|v| serde_json::to_value(v).ok())
        .and_then(|v| serde_json::from_value::<crate::images::View>(v).ok())
        .ok_or_else(|| tera::Error::message(tr!("template-image-unknown", path = path.as_str())))?;
    let have: Vec<String> = found.variants.iter().map(|v| v.width.to_string()).collect();
    let mut view = match &widths {
        Some(w) => found.with_variants(|x| w.contains(&x)).ok_or_else(|| {
            let asked: Vec<String> = w.iter().map(u32::to_string).collect();
            tera::Error::message(tr!(
                "template-image-no-width",
                path = path.as_str(),
                widths = asked.join(", "),
                have = have.join(", ")
            ))
        })?,
        None => found,
    };
    if let Some(alt) = alt {
        view.decorative = alt.is_empty();
        view.alt = alt;
    }
    view.sizes = sizes.unwrap_or_default();
    Ok(tera::Value::from_serializable(&view))
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter(
        "date_fr",
        |d: &str, _: Kwargs, _: &State<'_>| -> tera::TeraResult<String> {
            crate::date::Date::parse(d)
                .map(|d| d.french())
                .map_err(tera::Error::message)
        },
    );
    tera.register_filter("slugify", |s: &str, _: Kwargs, _: &State<'_>| {
        crate::slug::slugify(s)
    });
    // Text from front matter the page context gives as written (a news item's authors, a
    // phase's comment): French typography when the site has it on.
    tera.register_filter(
        "french",
        |s: &str, _: Kwargs, state: &State<'_>| -> tera::TeraResult<String> {
            Ok(match state.get::<bool>("typography")? {
                Some(true) => crate::typography::french(s).into_owned(),
                _ => s.to_string(),
            })
        },
    );
}

/// A Tera error as a diagnostic pointing into the template file.
fn template_error(
    e: &tera::Error,
    files: &BTreeMap<String, (PathBuf, String)>,
    fallback: &Path,
    text: &str,
) -> Diagnostic {
    use tera::ErrorKind;
    let report = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let Some(r) = report else {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            message.push_str(&format!(": {s}"));
            source = s.source();
        }
        return Diagnostic::error(msg!("template-error", details = message)).at(Location::file(fallback));
    };
    let (path, text) = files
        .get(r.filename())
        .map_or((fallback, text), |(p, t)| (p.as_path(), t.as_str()));
    let span = r.span();
    let len = if span.end_line == span.start_line {
        span.end_col.saturating_sub(span.start_col)
    } else {
        1
    };
    let loc = Location::at_line(path, text, span.start_line, span.start_col + 1, len);
    let help = match r.message() {
        m if m.contains("not found in context") || m.contains("undefined") => {
            Some(tr!("template-undefined-help"))
        }
        m if m.contains("Unknown filter") || m.contains("unknown filter") => {
            Some(tr!("template-unknown-filter-help"))
        }
        _ => None,
    };
    let d = Diagnostic::error(msg!("template-error", details = r.message())).at(loc);
    match help {
        Some(h) => d.help(h),
        None => d,
    }
}

/// Renders every route. Pages are rendered in parallel; their order in the result is the
/// order of `site.routes`, whatever the thread count.
pub fn render_all(
    site: &Site,
    bodies: &[Arc<Rendered>],
    templates: &Templates,
    shared: &Shared,
) -> (Vec<Output>, Vec<Diagnostic>) {
    let results: Vec<Result<Output, Diagnostic>> = site
        .routes
        .par_iter()
        .map(|route| render_route(site, bodies, templates, shared, route))
        .collect();
    let mut outputs = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(o) => outputs.push(o),
            Err(d) => diags.push(d),
        }
    }
    (outputs, diags)
}

/// Everything `route` reads besides the shared `site` variable, in a stable order: what
/// building its context looks up (`serve` follows these reads, the build cache keys each
/// page by their values).
pub fn reads(site: &Site, bodies: &[Arc<Rendered>], shared: &Shared, route: &Route) -> Vec<Read> {
    page::page_context(site, bodies, shared, route).reads
}

/// Renders one route (also used by `serve` to re-render a single page).
pub fn render_route(
    site: &Site,
    bodies: &[Arc<Rendered>],
    templates: &Templates,
    shared: &Shared,
    route: &Route,
) -> Result<Output, Diagnostic> {
    let page::PageContext {
        template,
        context: ctx,
        source,
        reads: _,
    } = page::page_context(site, bodies, shared, route);
    let template = match template {
        Some(named) if templates.has(&named.name) => named.name,
        Some(page::NamedTemplate { name: t, at }) => {
            return Err(Diagnostic::error(msg!("template-missing", template = t.as_str()))
                .at(at.unwrap_or_else(|| Location::file(&source)))
                .help(tr!("template-missing-help", template = t.as_str())));
        }
        None => default_template(site, route).to_string(),
    };
    let html = templates.render(&template, &ctx, &source)?;
    let mut bytes = html.into_bytes();
    // Every page stays in memory until the site is checked: Tera's buffer grows by
    // doubling, so without this a quarter of it would be spare capacity.
    bytes.shrink_to_fit();
    Ok(Output {
        path: site.output_path(route),
        bytes,
    })
}
