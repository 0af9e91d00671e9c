//! The images bodies show (see [`crate::images`]): which copied file an image's URL names,
//! and the variants of every image shown, encoded or taken from the cache, kept among the
//! outputs like any generated file.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use crate::content::Document;
use crate::diagnostic::{Diagnostic, Lines};
use crate::images::{Library, Looked, Picture};

use super::Project;

/// What the image lookup of a body reads: the copied files that are images, by output
/// path, and the library that reads them.
pub(super) struct Sources {
    pub(super) library: Arc<Library>,
    pub(super) files: HashMap<String, PathBuf>,
}

impl Sources {
    /// The variants of the image at `href` (as rendered in a body at site path `page`),
    /// when it is a copied JPEG, PNG, GIF or WebP file.
    pub(super) fn look(&self, base_path: &str, page: &str, href: &str) -> Looked {
        let dest = dest_of(base_path, page, href)?;
        let src = self.files.get(&dest)?;
        Some(self.library.look(src, &dest))
    }
}

impl Sources {
    /// The cover image `doc`'s front matter names, found among the copied files, with its
    /// plan; or the problem, at the `image:` line.
    pub(super) fn cover(&self, base_path: &str, doc: &Document) -> Option<crate::images::CoverLooked> {
        let cover = doc.cover()?;
        let image = cover.path.as_str();
        // The CMS writes the path with the site's base path (`/atelier/images/x.jpg`).
        let rooted = match image.strip_prefix(base_path.trim_end_matches('/')) {
            Some(rest) if base_path != "/" && rest.starts_with('/') => rest,
            _ => image,
        };
        let Some(dest) = cover_dest(&doc.rel, rooted) else {
            return Some(Err(Diagnostic::error(crate::msg!(
                "cover-escapes",
                image = image
            ))
            .at(cover.at.clone())
            .help(crate::tr!("cover-escapes-help"))));
        };
        if !crate::images::processed(&dest) {
            return Some(Err(Diagnostic::error(crate::msg!(
                "cover-not-processed",
                image = image
            ))
            .at(cover.at.clone())
            .help(crate::tr!("cover-not-processed-help"))));
        }
        let Some(src) = self.files.get(&dest) else {
            return Some(Err(Diagnostic::error(crate::msg!(
                "cover-missing",
                image = image,
                path = dest.as_str()
            ))
            .at(cover.at.clone())
            .help(crate::tr!("cover-missing-help"))));
        };
        Some(match self.library.look(src, &dest) {
            Ok(picture) => Ok(crate::images::Cover {
                picture,
                dest,
                alt: cover.alt.clone().unwrap_or_default(),
            }),
            Err(problem) => {
                Err(
                    Diagnostic::error(crate::msg!("image-unreadable", image = image, problem = problem))
                        .at(cover.at.clone())
                        .help(crate::tr!("image-unreadable-help")),
                )
            }
        })
    }
}

/// The output path of a cover image written `path` in the content file `rel` (relative to
/// `content/`): from the site's root when it starts with `/`, else from the file's folder.
/// `None` when it leads out of the site.
fn cover_dest(rel: &str, path: &str) -> Option<String> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let joined = match path.strip_prefix('/') {
        Some(rooted) => rooted.to_string(),
        None => format!("{}{path}", &rel[..rel.rfind('/').map_or(0, |i| i + 1)]),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The output path an image URL names, if it names one of this site: `href` is as
/// rendered (a site-absolute URL carries the base path), relative to `page`.
fn dest_of(base_path: &str, page: &str, href: &str) -> Option<String> {
    let href = href.split(['?', '#']).next()?;
    if href.starts_with("//") || href.contains(':') || href.is_empty() {
        return None;
    }
    let path = match href.strip_prefix('/') {
        Some(_) => href.strip_prefix(base_path.trim_end_matches('/'))?.to_string(),
        None => format!("{}{href}", &page[..page.rfind('/').map_or(0, |i| i + 1)]),
    };
    let path = percent_encoding::percent_decode_str(&path).decode_utf8().ok()?;
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let dest = parts.join("/");
    crate::images::processed(&dest).then_some(dest)
}

impl Project {
    /// The lookup bodies are rendered with, over the current copied files.
    pub(super) fn image_sources(&self) -> Sources {
        Sources {
            library: self.images.clone(),
            files: self
                .static_copies
                .iter()
                .filter(|c| crate::images::processed(&c.dest))
                .map(|c| (c.dest.clone(), c.src.clone()))
                .collect(),
        }
    }

    /// Makes the variants of every image the bodies show that are not among the outputs
    /// yet, drops those no body shows any more, and returns the output paths that changed.
    /// An image that cannot be decoded is an error at each place it is shown.
    pub(super) fn sync_images(&mut self) -> Vec<String> {
        let mut wanted: BTreeMap<String, Arc<Picture>> = BTreeMap::new();
        for body in &self.bodies {
            let cover = match &body.cover {
                Some(Ok(c)) => Some(&c.picture),
                _ => None,
            };
            for p in body.pictures.iter().map(|(_, p)| p).chain(cover) {
                for v in &p.variants {
                    wanted.entry(v.path.clone()).or_insert_with(|| p.clone());
                }
            }
        }
        let mut changed: Vec<String> = self
            .image_paths
            .keys()
            .filter(|p| !wanted.contains_key(*p))
            .cloned()
            .collect();
        for p in &changed {
            self.image_paths.remove(p);
            self.outputs.remove(p);
        }
        let mut todo: Vec<Arc<Picture>> = wanted
            .iter()
            .filter(|(path, p)| self.image_paths.get(*path) != Some(&p.src))
            .map(|(_, p)| p.clone())
            .collect();
        todo.sort_by(|a, b| a.src.cmp(&b.src));
        todo.dedup_by(|a, b| Arc::ptr_eq(a, b) || **a == **b);
        let mut failed: HashMap<PathBuf, String> = HashMap::new();
        let made = self.images.make(&todo);
        for (path, bytes) in made {
            let picture = &wanted[&path];
            match bytes {
                Ok(bytes) => {
                    self.outputs.insert(path.clone(), Arc::new(bytes));
                    self.image_paths.insert(path.clone(), picture.src.clone());
                    changed.push(path);
                }
                Err(e) => {
                    failed.insert(picture.src.clone(), e);
                }
            }
        }
        self.image_diags = self.image_problems(&failed);
        self.image_counts = self.images.take_counts();
        changed.sort();
        changed.dedup();
        changed
    }

    /// Where images that could not be decoded are shown, as errors; images over the size
    /// budget, as warnings.
    fn image_problems(&self, failed: &HashMap<PathBuf, String>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let size = |path: &str| self.outputs.get(path).map_or(0, |b| b.len() as u64);
        for (doc, body) in self.site.docs.iter().zip(&self.bodies) {
            match (&body.cover, doc.cover()) {
                (Some(Err(d)), _) => out.push(d.clone()),
                (Some(Ok(c)), Some(written)) => {
                    let p = &c.picture;
                    if let Some(e) = failed.get(&p.src) {
                        out.push(
                            Diagnostic::error(crate::msg!(
                                "image-undecodable",
                                image = written.path.as_str(),
                                error = e.to_string()
                            ))
                            .at(written.at.clone())
                            .help(crate::tr!("image-undecodable-help")),
                        );
                    } else {
                        let checks = [
                            crate::check::images::budget(p, size),
                            crate::check::images::located(p),
                        ];
                        out.extend(checks.into_iter().flatten().map(|d| d.at(written.at.clone())));
                    }
                }
                _ => {}
            }
            if body.pictures.is_empty() {
                continue;
            }
            let lines = Lines::new(&doc.path, doc.body(), doc.body_line);
            for (range, p) in &body.pictures {
                let at = || lines.locate(range.start, range.len());
                if let Some(e) = failed.get(&p.src) {
                    out.push(
                        Diagnostic::error(crate::msg!(
                            "image-undecodable",
                            image = shown(doc, p).to_string(),
                            error = e.to_string()
                        ))
                        .at(at())
                        .help(crate::tr!("image-undecodable-help")),
                    );
                    continue;
                }
                if let Some(d) = crate::check::images::budget(p, size) {
                    out.push(d.at(at()));
                }
                if let Some(d) = crate::check::images::located(p) {
                    out.push(d.at(at()));
                }
            }
        }
        out
    }

    /// What the image stage did in this run: variants encoded, and taken from the cache.
    pub fn image_counts(&self) -> crate::images::Counts {
        self.image_counts
    }
}

fn shown(doc: &Document, p: &Picture) -> String {
    let name = p.src.file_name().map(|n| n.to_string_lossy().into_owned());
    name.unwrap_or_else(|| doc.rel.clone())
}

#[cfg(test)]
mod tests {
    use super::dest_of;

    #[test]
    fn image_urls_name_output_paths() {
        assert_eq!(
            dest_of("/", "/blog/a/", "/img/x.png").as_deref(),
            Some("img/x.png")
        );
        assert_eq!(
            dest_of("/atelier/", "/blog/a/", "/atelier/img/x.JPG").as_deref(),
            Some("img/x.JPG")
        );
        assert_eq!(
            dest_of("/atelier/", "/blog/a/", "/img/x.png"),
            None,
            "outside the base path"
        );
        assert_eq!(dest_of("/", "/blog/a/", "x.png").as_deref(), Some("blog/a/x.png"));
        assert_eq!(
            dest_of("/", "/blog/a/", "../b/mon%20image.png?v=1").as_deref(),
            Some("blog/b/mon image.png")
        );
        assert_eq!(dest_of("/", "/", "../../x.png"), None);
        assert_eq!(dest_of("/", "/", "https://example.org/x.png"), None);
        assert_eq!(dest_of("/", "/", "//example.org/x.png"), None);
        assert_eq!(dest_of("/", "/", "/logo.svg"), None, "SVG stays as it is");
    }
}
