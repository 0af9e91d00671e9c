//! What an image becomes: its variants' widths, format and output names. Pure.

use std::path::PathBuf;

use serde::Serialize;

use crate::cache::{Hasher, Key};

/// The widths variants are made at, in pixels: below the image's own width only (never
/// upscaled), plus the image's own width when it is under the largest.
pub const WIDTHS: [u32; 3] = [480, 960, 1440];

/// Changes whenever the variants of the same source would have other bytes (another
/// encoder setting, another filter): old cached variants are then never used.
const RECIPE: &str = "atelier-images/1 lanczos3-from-the-next-larger jpeg-q80 webp-lossless";

/// JPEG quality of the variants of photos.
pub const JPEG_QUALITY: u8 = 80;

/// The format of an image's variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Format {
    /// Photos (JPEG sources): lossy, as WebP lossless made them two to four times the size
    /// of the JPEG (see the bench README).
    Jpeg,
    /// Drawings, screenshots, logos (PNG, GIF, WebP sources): lossless WebP.
    WebpLossless,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::WebpLossless => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::WebpLossless => "image/webp",
        }
    }
}

/// An image a body shows, and what it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Picture {
    /// The source file.
    pub src: PathBuf,
    /// Where the original is published: output path, `/`-separated.
    pub dest: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// EXIF orientation (1 to 8; 1 when there is none).
    pub orientation: u8,
    /// Width and height as shown (orientation applied).
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// By increasing width; the last is the largest.
    pub variants: Vec<Variant>,
    /// Its metadata holds a GPS position (the variants never do).
    pub located: bool,
}

/// One resized copy of an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// Output path, `/`-separated, relative to the output folder.
    pub path: String,
    /// What its bytes are made from: the source's bytes and the recipe.
    pub key: Key,
}

impl Picture {
    /// The plan of the image whose original is published at `dest` (output path), of
    /// bytes digest `digest`, shown `width`×`height` (orientation applied).
    pub fn plan(
        src: PathBuf,
        dest: &str,
        digest: Key,
        bytes: u64,
        orientation: u8,
        size: (u32, u32),
    ) -> Picture {
        let (width, height) = size;
        let format =
            if dest.to_ascii_lowercase().ends_with(".jpg") || dest.to_ascii_lowercase().ends_with(".jpeg") {
                Format::Jpeg
            } else {
                Format::WebpLossless
            };
        let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
        let largest = width.min(WIDTHS[WIDTHS.len() - 1]);
        if widths.last() != Some(&largest) {
            widths.push(largest);
        }
        let stem = dest.rsplit_once('.').map_or(dest, |(s, _)| s);
        let variants = widths
            .into_iter()
            .map(|w| {
                let h = scaled_height(width, height, w);
                let key = Hasher::new()
                    .str(RECIPE)
                    .key(digest)
                    .u64(u64::from(orientation))
                    .u64(u64::from(w))
                    .u64(u64::from(h))
                    .str(format.extension())
                    .finish();
                let hash = format!("{:032x}", key.0);
                Variant {
                    width: w,
                    height: h,
                    path: format!("{stem}.{w}w.{}.{}", &hash[..10], format.extension()),
                    key,
                }
            })
            .collect();
        Picture {
            src,
            dest: dest.to_string(),
            bytes,
            orientation,
            width,
            height,
            format,
            variants,
            located: false,
        }
    }

    /// The largest variant.
    pub fn largest(&self) -> &Variant {
        &self.variants[self.variants.len() - 1]
    }
}

/// The height of an image `width`×`height` scaled to `to` pixels wide, rounded, at least 1.
fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    if to >= width {
        return height;
    }
    let h = (u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(dest: &str, size: (u32, u32)) -> Picture {
        Picture::plan(PathBuf::from("x"), dest, Key(7), 1000, 1, size)
    }

    #[test]
    fn widths_never_exceed_the_original() {
        let widths = |w| {
            plan("a.png", (w, 100))
                .variants
                .iter()
                .map(|v| v.width)
                .collect::<Vec<_>>()
        };
        assert_eq!(widths(4000), [480, 960, 1440]);
        assert_eq!(widths(1000), [480, 960, 1000]);
        assert_eq!(widths(960), [480, 960]);
        assert_eq!(widths(300), [300]);
        assert_eq!(widths(1), [1]);
    }

    #[test]
    fn heights_keep_the_ratio_and_names_say_width_and_hash() {
        let p = plan("photos/equipe.JPG", (3000, 2000));
        assert_eq!(p.format, Format::Jpeg);
        assert_eq!(p.variants[0].height, 320);
        assert_eq!(p.largest().height, 960);
        assert!(
            p.variants[0].path.starts_with("photos/equipe.480w."),
            "{}",
            p.variants[0].path
        );
        assert!(p.variants[0].path.ends_with(".jpg"));
        assert_eq!(scaled_height(3, 1000, 1), 333);
        assert_eq!(scaled_height(1000, 1, 480), 1);
        let other = Picture::plan(
            PathBuf::from("x"),
            "photos/equipe.JPG",
            Key(8),
            1000,
            1,
            (3000, 2000),
        );
        assert_ne!(
            p.variants[0].path, other.variants[0].path,
            "other bytes, other name"
        );
        assert_eq!(plan("logo.png", (10, 10)).format, Format::WebpLossless);
    }
}
