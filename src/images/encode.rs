//! One variant's bytes: the image resized (Lanczos 3), then encoded. Deterministic: the
//! same pixels give the same bytes. The encoders write pixels only: no EXIF, no XMP, no
//! colour profile, no date.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder};

use super::plan::{Format, JPEG_QUALITY, Variant};

/// `image` (already turned as its orientation says) at the size of `variant`.
pub fn resize(image: &DynamicImage, variant: &Variant) -> DynamicImage {
    if (image.width(), image.height()) == (variant.width, variant.height) {
        return image.clone();
    }
    image.resize_exact(variant.width, variant.height, FilterType::Lanczos3)
}

/// The bytes of an image, encoded in `format`.
pub fn variant(image: &DynamicImage, format: Format) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let written = match format {
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            JpegEncoder::new_with_quality(Cursor::new(&mut out), JPEG_QUALITY).write_image(
                rgb.as_raw(),
                rgb.width(),
                rgb.height(),
                image::ExtendedColorType::Rgb8,
            )
        }
        Format::WebpLossless => {
            let encoder = WebPEncoder::new_lossless(Cursor::new(&mut out));
            let (w, h) = (image.width(), image.height());
            if image.color().has_alpha() {
                let rgba = image.to_rgba8();
                encoder.write_image(rgba.as_raw(), w, h, image::ExtendedColorType::Rgba8)
            } else {
                let rgb = image.to_rgb8();
                encoder.write_image(rgb.as_raw(), w, h, image::ExtendedColorType::Rgb8)
            }
        }
    };
    written.map_err(|e| e.to_string())?;
    Ok(out)
}
