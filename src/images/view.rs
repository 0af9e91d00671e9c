//! What a template sees of an image with variants (`page.image`, `site.news[].image`): the
//! URLs and sizes a theme needs to write its own `<picture>`. Pure.

use serde::Serialize;

use super::plan::{Format, Picture};

/// An image as templates see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct View {
    /// The `<img src>`: a photo's largest variant (it holds pixels only, never the
    /// original's metadata); for drawings, the original, which every browser reads.
    pub src: String,
    /// The variants, `url 480w, url 960w`, for `<source srcset>`.
    pub srcset: String,
    /// The variants' MIME type, for `<source type>`.
    #[serde(rename = "type")]
    pub mime: &'static str,
    /// The size of the largest variant, for `width` and `height` (no layout shift).
    pub width: u32,
    pub height: u32,
    /// Alternative text; empty for a decorative image.
    pub alt: String,
    /// The image is said decorative (`image_alt: ""`) or has no alternative text.
    pub decorative: bool,
    /// Each variant, by increasing width.
    pub variants: Vec<ViewVariant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ViewVariant {
    pub src: String,
    pub width: u32,
    pub height: u32,
}

impl View {
    /// The view of `picture`, whose original is published at `dest` (output path), under
    /// the site's `base_path`.
    pub fn new(picture: &Picture, dest: &str, base_path: &str, alt: &str) -> View {
        let base = base_path.trim_end_matches('/');
        let url = |path: &str| format!("{base}/{path}");
        let variants: Vec<ViewVariant> = picture
            .variants
            .iter()
            .map(|v| ViewVariant {
                src: url(&v.path),
                width: v.width,
                height: v.height,
            })
            .collect();
        let largest = picture.largest();
        View {
            src: match picture.format {
                Format::Jpeg => url(&largest.path),
                Format::WebpLossless => url(dest),
            },
            srcset: variants
                .iter()
                .map(|v| format!("{} {}w", v.src, v.width))
                .collect::<Vec<_>>()
                .join(", "),
            mime: picture.format.mime(),
            width: largest.width,
            height: largest.height,
            alt: alt.to_string(),
            decorative: alt.is_empty(),
            variants,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Key;

    #[test]
    fn photos_fall_back_on_their_largest_copy_drawings_on_the_original() {
        let photo = Picture::plan("x".into(), "img/a.jpg", Key(1), 10, 1, (2000, 1000));
        let v = View::new(&photo, "img/a.jpg", "/atelier/", "Une salle");
        assert_eq!(v.variants.len(), 3);
        assert!(v.src.starts_with("/atelier/img/a.1440w."), "{}", v.src);
        assert!(v.srcset.starts_with("/atelier/img/a.480w."), "{}", v.srcset);
        assert!(v.srcset.ends_with(" 1440w"), "{}", v.srcset);
        assert_eq!((v.width, v.height, v.mime), (1440, 720, "image/jpeg"));
        assert!(!v.decorative);
        let drawing = Picture::plan("x".into(), "img/b.png", Key(1), 10, 1, (300, 200));
        let v = View::new(&drawing, "img/b.png", "/", "");
        assert_eq!(v.src, "/img/b.png");
        assert_eq!(v.mime, "image/webp");
        assert!(v.decorative);
    }
}
