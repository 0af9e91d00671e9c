//! Markdown bodies rendered for the model: each with what it looked up while it rendered
//! (links, images, files, the startup summaries), so that `refresh` knows when to render
//! it again, and its problems located in its file.

use std::collections::HashMap;
use std::sync::Arc;

use tera::Value;

use crate::content::Document;
use crate::diagnostic::{Diagnostic, Location};
use crate::markdown::{self, Rendered};
use crate::render;
use crate::site::Site;

/// A rendered Markdown body and what it was made from.
pub(super) struct Body {
    pub(super) doc: Arc<Document>,
    pub(super) rendered: Arc<Rendered>,
    /// Every `@/` link target looked up, with what it resolved to.
    pub(super) links: Vec<(String, Option<String>)>,
    /// Every image looked up, with what it was.
    pub(super) images: Vec<(String, crate::images::Looked)>,
    /// Every file of the site a shortcode named, with its size then.
    pub(super) files: Vec<(String, Option<u64>)>,
    /// A shortcode showed the startup summaries.
    pub(super) summaries: bool,
    pub(super) problems: Vec<Diagnostic>,
}

impl Body {
    /// Whether every image the body shows is as it was when it was rendered.
    pub(super) fn same_images(&self, site: &Site, images: &super::images::Sources) -> bool {
        self.images
            .iter()
            .all(|(href, was)| images.look(&site.base_path, &self.doc.url, href) == *was)
            && images.cover(&site.base_path, &self.doc) == self.rendered.cover
    }
}

/// What bodies may look up while they render: images, and what shortcodes show.
pub(super) struct BodyEnv<'a> {
    pub(super) templates: Option<&'a render::Templates>,
    /// The size of each file of the site, by output path (`fichiers/guide.pdf`).
    pub(super) files: &'a HashMap<String, u64>,
    pub(super) startups: &'a Value,
    pub(super) images: &'a super::images::Sources,
}

pub(super) fn render_body(site: &Site, doc: &Arc<Document>, env: &BodyEnv<'_>) -> Body {
    let links = std::cell::RefCell::new(Vec::new());
    let files = std::cell::RefCell::new(Vec::new());
    let summaries = std::cell::Cell::new(false);
    let resolve = |rel: &str| {
        let to = site.resolve_in_body(rel);
        links.borrow_mut().push((rel.to_string(), to.clone()));
        to
    };
    let looked = std::cell::RefCell::new(Vec::new());
    let image = |href: &str| {
        let found = env.images.look(&site.base_path, &doc.url, href);
        looked.borrow_mut().push((href.to_string(), found.clone()));
        found
    };
    let file = |path: &str| {
        let dest = path.trim_start_matches('/');
        let bytes = env.files.get(dest).copied();
        files.borrow_mut().push((dest.to_string(), bytes));
        bytes.map(|bytes| render::shortcodes::FileInfo {
            url: site.link(dest),
            bytes,
        })
    };
    let shortcode_env = render::shortcodes::Env {
        base_path: &site.base_path,
        resolve: &resolve,
        file: &file,
        startups: env.startups,
        thematiques: &site.thematiques,
        typography: site.config.french_typography(),
    };
    let shortcode = |call: &markdown::shortcodes::Shortcode<'_>| {
        // Without templates nothing renders, and their errors are reported already.
        let Some(templates) = env.templates else {
            return Ok(String::new());
        };
        // A `thematique` argument is checked against the site's thematiques: they change
        // with the startups' summaries, so such a body follows them too.
        if let Some(Ok(schema)) = templates.shortcode_schema(call.name)
            && (schema.startups
                || schema
                    .args
                    .iter()
                    .any(|a| a.kind == render::shortcodes::ArgKind::Thematique))
        {
            summaries.set(true);
        }
        templates.shortcode(call, &shortcode_env)
    };
    let mut rendered = markdown::render(
        doc.body(),
        &markdown::Options {
            base_path: &site.base_path,
            resolve: &resolve,
            raw_html: site.config.raw_html,
            typography: site.config.french_typography(),
            images: &image,
            shortcode: Some(&shortcode),
        },
    );
    let problems = finish(site, doc, &mut rendered, env.images);
    Body {
        doc: doc.clone(),
        rendered: Arc::new(rendered),
        links: links.into_inner(),
        images: looked.into_inner(),
        files: files.into_inner(),
        summaries: summaries.get(),
        problems,
    }
}

/// Gives a rendered body what depends on its document but not on its text: the cover of
/// its front matter, and its problems located in its file (with `content_links` as set now).
/// A body rendered now and one taken from the build cache are finished alike.
pub(super) fn finish(
    site: &Site,
    doc: &Document,
    rendered: &mut Rendered,
    images: &super::images::Sources,
) -> Vec<Diagnostic> {
    rendered.cover = images.cover(&site.base_path, doc);
    let lenient = site.config.content_links == crate::config::LinkSeverity::Warning;
    rendered
        .problems
        .iter()
        .map(|p| markdown_problem(doc, p, lenient))
        .collect()
}

/// Whether what a body read of other files is as it was: every `@/` link resolves to the
/// same page, every file a shortcode named (`named`) has the same size in `files`.
pub(super) fn same_reads(
    site: &Site,
    links: &[(String, Option<String>)],
    named: &[(String, Option<u64>)],
    files: &HashMap<String, u64>,
) -> bool {
    links.iter().all(|(rel, to)| site.resolve_in_body(rel) == *to)
        && named
            .iter()
            .all(|(f, size)| files.get(f.as_str()) == size.as_ref())
}

/// What a page shows of a body.
pub(super) fn same_body(a: &Rendered, b: &Rendered) -> bool {
    a.html == b.html
        && a.toc == b.toc
        && a.excerpt == b.excerpt
        && a.word_count == b.word_count
        && a.cover == b.cover
}

/// A problem of a body, located in its file. A refused URL follows `content_links`: with
/// `warning` (imported content) it is reported and left out of the page, the rest published.
fn markdown_problem(doc: &Document, p: &markdown::Problem, lenient: bool) -> Diagnostic {
    let loc = Location::in_source(&doc.path, doc.body(), doc.body_line, p.range.start, p.range.len());
    let warning = p.severity == crate::diagnostic::Severity::Warning
        || (lenient && p.kind == markdown::ProblemKind::RefusedUrl);
    let d = if warning {
        Diagnostic::warning(p.message.clone())
    } else {
        Diagnostic::error(p.message.clone())
    };
    d.at(loc).help(p.help.clone())
}
