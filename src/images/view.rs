//! What a template sees of an image with variants (`page.image`, `site.news[].image`): the
//! URLs and sizes a theme needs to write its own `<picture>`. Pure.

use serde::{Deserialize, Serialize};

use super::plan::{Format, Picture};

/// An image as templates see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    /// The `<img src>`: a photo's largest variant (it holds pixels only, never the
    /// original's metadata); for drawings, the original, which every browser reads.
    pub src: String,
    /// The variants, `url 480w, url 960w`, for `<source srcset>`.
    pub srcset: String,
    /// The variants' MIME type, for `<source type>`.
    #[serde(rename = "type")]
    pub mime: String,
    /// The size of the largest variant, for `width` and `height` (no layout shift).
    pub width: u32,
    pub height: u32,
    /// Alternative text; empty for a decorative image.
    pub alt: String,
    /// The image is said decorative (`image_alt: ""`) or has no alternative text.
    pub decorative: bool,
    /// Each variant, by increasing width.
    pub variants: Vec<ViewVariant>,
    /// Where the original is published (a path of the site, with the base path): the
    /// fallback of drawings.
    pub original: String,
    /// The `sizes` a template asked for (`image(sizes=...)`), else empty.
    #[serde(default)]
    pub sizes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewVariant {
    pub src: String,
    pub width: u32,
    pub height: u32,
}

impl View {
    /// The view of `picture`, under the site's `base_path` (`None` for a plan without
    /// variants, which planning never makes).
    pub fn new(picture: &Picture, base_path: &str, alt: &str) -> Option<View> {
        let dest = picture.dest.as_str();
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
        View {
            src: String::new(),
            srcset: String::new(),
            mime: picture.format.mime().to_string(),
            width: 0,
            height: 0,
            alt: alt.to_string(),
            decorative: alt.is_empty(),
            variants,
            original: url(dest),
            sizes: String::new(),
        }
        .with_variants(|_| true)
    }

    /// The view with only the variants `keep` says (`image(widths=[480, 960])`), `src`,
    /// `srcset` and the size following; `None` when none is left.
    pub fn with_variants(mut self, keep: impl Fn(u32) -> bool) -> Option<View> {
        self.variants.retain(|v| keep(v.width));
        let largest = self.variants.last()?;
        self.src = if self.mime == Format::Jpeg.mime() {
            largest.src.clone()
        } else {
            self.original.clone()
        };
        (self.width, self.height) = (largest.width, largest.height);
        self.srcset = self
            .variants
            .iter()
            .map(|v| format!("{} {}w", v.src, v.width))
            .collect::<Vec<_>>()
            .join(", ");
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Key;

    #[test]
    fn photos_fall_back_on_their_largest_copy_drawings_on_the_original() {
        let photo = Picture::plan("x".into(), "img/a.jpg", Key(1), 10, 1, (2000, 1000));
        let v = View::new(&photo, "/atelier/", "Une salle").unwrap();
        assert_eq!(v.variants.len(), 3);
        assert!(v.src.starts_with("/atelier/img/a.1440w."), "{}", v.src);
        assert!(v.srcset.starts_with("/atelier/img/a.480w."), "{}", v.srcset);
        assert!(v.srcset.ends_with(" 1440w"), "{}", v.srcset);
        assert_eq!((v.width, v.height, v.mime.as_str()), (1440, 720, "image/jpeg"));
        assert!(!v.decorative);
        let drawing = Picture::plan("x".into(), "img/b.png", Key(1), 10, 1, (300, 200));
        let v = View::new(&drawing, "/", "").unwrap();
        assert_eq!(v.src, "/img/b.png");
        assert_eq!(v.mime, "image/webp");
        assert!(v.decorative);
        let photo = View::new(&photo, "/", "x").unwrap();
        let two = photo.clone().with_variants(|w| w <= 960).unwrap();
        assert_eq!(two.variants.len(), 2);
        assert!(two.src.starts_with("/img/a.960w."), "{}", two.src);
        assert_eq!((two.width, two.height), (960, 480));
        assert!(!two.srcset.contains("1440w"), "{}", two.srcset);
        assert_eq!(photo.with_variants(|w| w == 1), None);
    }
}
