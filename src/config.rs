//! The site's settings, read from `site.yaml`. Strict: an unknown key is an error with the
//! closest known key as a hint. Every key is documented here and in the README.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::yaml::{Seg, Source, Unknown, fields};
use crate::diagnostic::{Diagnostic, Location};

/// `site.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SiteConfig {
    /// Service title, in the header next to the bloc-marque. Required.
    pub title: String,
    /// Short line under the service title. Default: none.
    pub tagline: String,
    /// Official title of the bloc-marque (`fr-logo`); `<br>` breaks the line.
    /// Default: `République<br>Française`.
    pub official_title: String,
    /// Meta description of the home page, and fallback for pages without one.
    pub description: String,
    /// Public URL of the site, with a path when it is not at the domain root
    /// (`https://example.org/atelier/`). Default: `/` (links without a host).
    pub base_url: String,
    /// Language of the content (`lang` attribute). Default: `fr`.
    pub language: String,
    /// French typography (’, « », no-break spaces before `; : ! ?` and in numbers) on the
    /// text of pages, when `language` is French. Default: true.
    pub typography: bool,
    /// Theme folder under `themes/`. Default: `dsfr`.
    pub theme: String,
    /// Output folder, relative to the site root. Default: `public`.
    pub output_dir: PathBuf,
    /// Minify HTML output. Default: true (`--no-minify` turns it off).
    pub minify: bool,
    /// The DSFR terms of use version the site accepts (the package refuses to be used
    /// otherwise). Default: none.
    pub dsfr_terms: Option<String>,
    /// Not a setting: where `dsfr_terms` is written, for the message when it does not
    /// accept the package's terms; `None` when it is not.
    #[serde(skip)]
    pub dsfr_terms_at: Option<Location>,
    /// RGAA conformity of the site: `non conforme` until an audit says otherwise.
    /// Drives the footer link and the accessibility statement.
    pub accessibility_status: AccessibilityStatus,
    /// Main navigation, in order.
    pub menu: Vec<Link>,
    /// Header quick links (at most three).
    pub quick_links: Vec<Link>,
    /// Footer settings.
    pub footer: Footer,
    /// Contact e-mail shown by the theme.
    pub contact_email: Option<String>,
    /// Only startups of this incubator are published (all when unset).
    pub incubator: Option<String>,
    /// Thématiques of the fiches the site does not show (on a ministry's site, the
    /// ministry's own domain: every startup is about it), compared by slug. Default: none.
    pub hidden_thematiques: Vec<String>,
    /// The pages of one phase and of one thématique (`/startups/phases/…`,
    /// `/startups/thematiques/…`) split into pages of this many startups, as `paginate_by`
    /// splits a listing page. Default: none (all the startups on one page).
    pub terms_paginate_by: Option<usize>,
    /// Not a setting: where `terms_paginate_by` is written, for the messages about the
    /// pages it makes (as front matter keeps `paginate_by_at`); `None` when it is not.
    #[serde(skip)]
    pub terms_paginate_by_at: Option<Location>,
    /// What `robots.txt` tells crawlers.
    pub robots: Robots,
    /// Share image (Open Graph, Twitter) of pages without an image of their own: a path in
    /// the site's or the theme's `static/` folder. Default: `theme/partage.png`, which the
    /// DSFR theme provides.
    pub share_image: String,
    /// How a broken link, anchor or image written in content is reported: `error` (the
    /// build refuses to publish) or `warning` (published anyway, for content imported from
    /// another site whose images stayed there). Default: `error`.
    pub content_links: LinkSeverity,
    /// What raw HTML in Markdown may do: `sanitize` keeps an allowlist of elements and
    /// attributes and removes the rest, with a warning; `trusted` publishes it as written,
    /// for sites whose every author is trusted. In both, URLs follow the URL rule.
    /// Default: `sanitize`.
    pub raw_html: crate::raw_html::Mode,
    /// The host of the site, for the legal notice (`mentions légales`): `name` and
    /// `address`. `check --strict` fails without it. Default: none.
    pub hosting: Option<Hosting>,
    /// The DSFR share component (links to share the page on social networks and by mail,
    /// and a button that copies its address) on news and startup pages. Needs a `base_url`
    /// with a host. Default: false.
    pub share: bool,
    /// The editors' CMS (Decap CMS, see `docs/cms.md`): published at `/admin/` by default
    /// with a theme that uses the DSFR, at another `path`, or not at all (`cms: none`).
    pub cms: Cms,
    /// Not a setting: set by the run. Drafts (`draft: true`) are in the model (`serve`,
    /// `check`), or left out (`build`).
    #[serde(skip)]
    pub drafts: bool,
}

/// `hosting:` in `site.yaml`: who hosts the site, as the law asks the legal notice to say.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Hosting {
    /// Name of the host (company or administration).
    pub name: String,
    /// Postal address of the host, on one line or several.
    pub address: String,
}

/// `cms:` in `site.yaml`: absent, `none`, or settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub enum Cms {
    /// Not written: the CMS is published at `/admin/` when the theme uses the DSFR (the
    /// CMS's preview is the DSFR's look; a theme without it, like the tests', has no use
    /// for it and needs no download).
    #[default]
    Default,
    /// `cms: none`: nothing published.
    None,
    /// `cms:` with settings: published, whatever the theme.
    Settings(CmsSettings),
}

/// The settings under `cms:`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CmsSettings {
    /// Folder of the site where the CMS is published, without slashes around: `admin`
    /// (`/admin/`), `edition/cms`. Default: `admin`.
    pub path: String,
    /// The GitLab project the CMS commits to (`ministere-culture/atelier`). Without it,
    /// editors cannot log in on the published site (`atelier serve` still edits locally).
    pub repo: Option<String>,
    /// The branch the CMS reads and writes through merge requests. Default: `main`.
    pub branch: String,
    /// The application id of the PKCE application created on that GitLab.
    pub app_id: Option<String>,
    /// The address of the GitLab. Default: `https://gitlab.com`.
    pub base_url: String,
}

impl Default for CmsSettings {
    fn default() -> Self {
        CmsSettings {
            path: "admin".into(),
            repo: None,
            branch: "main".into(),
            app_id: None,
            base_url: "https://gitlab.com".into(),
        }
    }
}

impl<'de> Deserialize<'de> for Cms {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Cms;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("`none` or the CMS settings (`path`, `repo`, `branch`, `app_id`, `base_url`)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Cms, E> {
                if v.trim() == "none" {
                    Ok(Cms::None)
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Str(v), &self))
                }
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Cms, E> {
                Ok(Cms::Settings(CmsSettings::default()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Cms, A::Error> {
                CmsSettings::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Cms::Settings)
            }
        }
        de.deserialize_any(Visitor)
    }
}

impl Cms {
    /// The settings in force when the CMS is published (`dsfr_theme`: the theme uses the
    /// DSFR); `None` when nothing is published.
    pub fn published(&self, dsfr_theme: bool) -> Option<CmsSettings> {
        match self {
            Cms::Default if dsfr_theme => Some(CmsSettings::default()),
            Cms::Default | Cms::None => None,
            Cms::Settings(s) => Some(s.clone()),
        }
    }
}

/// `content_links:` in `site.yaml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkSeverity {
    #[default]
    Error,
    Warning,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: String::new(),
            tagline: String::new(),
            official_title: "République<br>Française".into(),
            description: String::new(),
            base_url: "/".into(),
            language: "fr".into(),
            typography: true,
            theme: "dsfr".into(),
            output_dir: "public".into(),
            minify: true,
            dsfr_terms: None,
            dsfr_terms_at: None,
            accessibility_status: AccessibilityStatus::NonConforme,
            menu: Vec::new(),
            quick_links: Vec::new(),
            footer: Footer::default(),
            contact_email: None,
            incubator: None,
            hidden_thematiques: Vec::new(),
            terms_paginate_by: None,
            terms_paginate_by_at: None,
            share: false,
            robots: Robots::default(),
            share_image: "theme/partage.png".into(),
            content_links: LinkSeverity::Error,
            raw_html: crate::raw_html::Mode::Sanitize,
            hosting: None,
            cms: Cms::Default,
            drafts: false,
        }
    }
}

/// `robots:` in `site.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Robots {
    /// Let crawlers visit the site. `false` (a preview) writes `Disallow` for the whole
    /// site. Default: true.
    pub allow: bool,
    /// Site paths crawlers should not visit (`/recherche/`), without the base path.
    pub disallow: Vec<String>,
}

impl Default for Robots {
    fn default() -> Self {
        Robots {
            allow: true,
            disallow: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessibilityStatus {
    #[serde(rename = "non conforme")]
    NonConforme,
    #[serde(rename = "partiellement conforme")]
    PartiellementConforme,
    #[serde(rename = "totalement conforme")]
    TotalementConforme,
}

impl AccessibilityStatus {
    pub fn label(self) -> &'static str {
        match self {
            AccessibilityStatus::NonConforme => "non conforme",
            AccessibilityStatus::PartiellementConforme => "partiellement conforme",
            AccessibilityStatus::TotalementConforme => "totalement conforme",
        }
    }
}

/// A link of a menu: `url` is a site path (`/startups/`), a source file (`@/a-propos.md`)
/// or an external URL.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Link {
    pub title: String,
    pub url: String,
    /// DSFR icon class for quick links (`fr-icon-mail-line`).
    pub icon: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Footer {
    /// Short text next to the footer's bloc-marque (three lines at most).
    pub description: String,
    /// Extra links of the footer's bottom list, after the mandatory ones.
    pub links: Vec<Link>,
}

fn known(path: &[Seg]) -> &'static [&'static str] {
    match path {
        [] => fields::<SiteConfig>(),
        [Seg::Key(k), ..] if k == "footer" && path.len() == 1 => fields::<Footer>(),
        [Seg::Key(k)] if k == "robots" => fields::<Robots>(),
        [Seg::Key(k)] if k == "hosting" => fields::<Hosting>(),
        [Seg::Key(k)] if k == "cms" => fields::<CmsSettings>(),
        _ => fields::<Link>(),
    }
}

impl SiteConfig {
    /// Reads `root/site.yaml`, reporting every problem of the file. `Err` when there is no
    /// usable file at all; otherwise the settings (defaults where a key failed) and the
    /// problems found, so a run can still report problems of content and templates.
    pub fn load(root: &Path) -> Result<(SiteConfig, Vec<Diagnostic>), Vec<Diagnostic>> {
        Self::parse_partial(&Self::read(root)?)
    }

    /// The text of `root/site.yaml`, normalized as [`SiteConfig::load`] parses it.
    pub fn read(root: &Path) -> Result<String, Vec<Diagnostic>> {
        let shown = Path::new("site.yaml");
        let path = root.join(shown);
        if !path.is_file() {
            return Err(vec![
                Diagnostic::error(crate::msg!("new-no-site", folder = root.display().to_string()))
                    .at(Location::file(shown))
                    .help(crate::tr!("new-no-site-help")),
            ]);
        }
        let text = crate::fs::read_text(&path, shown).map_err(|d| vec![d])?;
        Ok(crate::content::front_matter::normalize(text))
    }

    /// Parses the text of `site.yaml` (pure); fails on any error.
    pub fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let (config, diags) = Self::parse_partial(text)?;
        if diags.iter().any(Diagnostic::is_error) {
            Err(diags)
        } else {
            Ok(config)
        }
    }

    /// Parses what can be parsed; `Err` only when the file is not YAML at all.
    pub fn parse_partial(text: &str) -> Result<(SiteConfig, Vec<Diagnostic>), Vec<Diagnostic>> {
        let src = Source::new(Path::new("site.yaml"), text, 1);
        let map = src.parse().map_err(|d| vec![d])?;
        let mut diags = Vec::new();
        let config: Option<SiteConfig> = src.deserialize(map, Unknown::Error(&known), &mut diags);
        let mut config = config.unwrap_or_default();
        if config.title.trim().is_empty() {
            diags.push(
                Diagnostic::error(crate::msg!("front-matter-key-missing", key = "title"))
                    .at(src.locate(&[]))
                    .help(crate::tr!("settings-title-missing-help")),
            );
        }
        if let Err(msg) = base_path(&config.base_url) {
            diags.push(
                Diagnostic::error(msg)
                    .at(src.locate(&[Seg::Key("base_url".into())]))
                    .help(crate::tr!("settings-base-url-help")),
            );
        }
        config.dsfr_terms_at = config
            .dsfr_terms
            .is_some()
            .then(|| src.locate(&[Seg::Key("dsfr_terms".into())]));
        refuse_urls(&src, &mut config, &mut diags);
        check_cms(&src, &mut config, &mut diags);
        let terms_at = || src.locate(&[Seg::Key("terms_paginate_by".into())]);
        match config.terms_paginate_by {
            // Nothing split: no page of a phase could show a startup.
            Some(0) => {
                config.terms_paginate_by = None;
                diags.push(
                    Diagnostic::error(crate::msg!("terms-paginate-by-zero"))
                        .at(terms_at())
                        .help(crate::tr!("terms-paginate-by-zero-help")),
                );
            }
            Some(_) => config.terms_paginate_by_at = Some(terms_at()),
            None => {}
        }
        if config.quick_links.len() > 3 {
            diags.push(
                Diagnostic::error(crate::msg!(
                    "settings-too-many-quick-links",
                    count = config.quick_links.len()
                ))
                .at(src.locate(&[Seg::Key("quick_links".into()), Seg::Index(3)]))
                .help(crate::tr!("settings-too-many-quick-links-help")),
            );
        }
        Ok((config, diags))
    }

    /// The path part of the base URL: `/` or `/atelier/`.
    /// Whether pages get French typography: `typography` is on and the language is French
    /// (`fr`, `fr-FR`, `fr_CA`…).
    pub fn french_typography(&self) -> bool {
        let lang = self.language.trim().as_bytes();
        self.typography
            && lang.len() >= 2
            && lang[..2].eq_ignore_ascii_case(b"fr")
            && matches!(lang.get(2), None | Some(b'-' | b'_'))
    }

    pub fn base_path(&self) -> String {
        base_path(&self.base_url).unwrap_or_else(|_| "/".into())
    }
}

/// Links of the menus and the footer whose URL the URL rule refuses (`javascript:`…): an
/// error each, and the link is left out, so it is never published.
fn refuse_urls(src: &Source<'_>, config: &mut SiteConfig, diags: &mut Vec<Diagnostic>) {
    let lists: [(&[&str], &mut Vec<Link>); 3] = [
        (&["menu"], &mut config.menu),
        (&["quick_links"], &mut config.quick_links),
        (&["footer", "links"], &mut config.footer.links),
    ];
    for (keys, links) in lists {
        let mut i = 0;
        links.retain(|link| {
            let index = i;
            i += 1;
            let Err(refused) = crate::url_policy::check(&link.url) else {
                return true;
            };
            let mut path: Vec<Seg> = keys.iter().map(|k| Seg::Key(k.to_string())).collect();
            path.extend([Seg::Index(index), Seg::Key("url".into())]);
            let what = format!("`{}`", crate::content::yaml::dotted(&path));
            diags.push(
                Diagnostic::error(refused.message(&what))
                    .at(src.locate(&path))
                    .help(refused.help()),
            );
            false
        });
    }
}

/// A CMS path that is not a plain folder of the site is an error, and the CMS is published
/// at the default path instead; so is a GitLab address that is not `https://`.
fn check_cms(src: &Source<'_>, config: &mut SiteConfig, diags: &mut Vec<Diagnostic>) {
    let Cms::Settings(cms) = &mut config.cms else {
        return;
    };
    let at = |key: &str| src.locate(&[Seg::Key("cms".into()), Seg::Key(key.into())]);
    let path = cms.path.trim().trim_matches('/').to_string();
    let plain = |seg: &str| {
        !seg.is_empty()
            && seg != "."
            && seg != ".."
            && seg
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
    };
    if path.split('/').all(plain) {
        cms.path = path;
    } else {
        diags.push(
            Diagnostic::error(crate::msg!("cms-setting-path", found = cms.path.as_str()))
                .at(at("path"))
                .help(crate::tr!("cms-setting-path-help")),
        );
        cms.path = CmsSettings::default().path;
    }
    if !cms.base_url.trim().starts_with("https://") {
        diags.push(
            Diagnostic::error(crate::msg!("cms-setting-base-url", found = cms.base_url.as_str()))
                .at(at("base_url"))
                .help(crate::tr!("cms-setting-base-url-help")),
        );
    }
    cms.base_url = cms.base_url.trim().trim_end_matches('/').to_string();
}

/// Where `root/site.yaml` sets `output_dir`, for messages about the output folder; `None`
/// when the file cannot be read or does not set it.
pub fn output_dir_location(root: &Path) -> Option<Location> {
    let text = std::fs::read_to_string(root.join("site.yaml")).ok()?;
    let text = crate::content::front_matter::normalize(text);
    let src = Source::new(Path::new("site.yaml"), &text, 1);
    let key = "output_dir";
    src.parse()
        .ok()?
        .contains_key(key)
        .then(|| src.locate(&[Seg::Key(key.into())]))
}

/// `https://example.org/atelier` → `/atelier/`; `/` → `/`.
pub fn base_path(base_url: &str) -> Result<String, String> {
    let url = base_url.trim();
    let path = if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(crate::tr!("settings-base-url-no-host", url = url));
        }
        format!("/{path}")
    } else if url.starts_with('/') {
        url.to_string()
    } else {
        return Err(crate::tr!("settings-base-url-scheme", url = url));
    };
    if path.contains(['?', '#', ' ']) {
        return Err(crate::tr!("settings-base-url-query", url = url));
    }
    Ok(if path.ends_with('/') {
        path
    } else {
        format!("{path}/")
    })
}

#[cfg(test)]
mod tests;
