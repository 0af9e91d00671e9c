//! Reading images within limits: a corrupt file, an unknown format or a decoding bomb (a
//! small file claiming a huge size) is a message, never a panic nor a huge allocation.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits, metadata::Orientation};

/// The largest width or height read.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels read (a 40-megapixel photo; 160 MB once decoded).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The largest source file read, in bytes.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    limits
}

fn decoder(bytes: &[u8]) -> Result<impl ImageDecoder + '_, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    reader.limits(limits());
    if reader.format().is_none() {
        return Err("not an image atelier can read (JPEG, PNG, GIF or WebP)".into());
    }
    let decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err("the image has no pixels".into());
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "the image is {w}×{h} pixels, more than atelier reads ({} megapixels)",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(decoder)
}

/// The size an image is shown at (EXIF orientation applied) and its EXIF orientation.
pub fn header(bytes: &[u8]) -> Result<((u32, u32), u8), String> {
    let mut decoder = decoder(bytes)?;
    let (w, h) = decoder.dimensions();
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let turned = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let size = if turned { (h, w) } else { (w, h) };
    Ok((size, orientation.to_exif()))
}

/// The pixels of an image, turned as its EXIF orientation says. What the decoder found
/// beside the pixels (EXIF, XMP, ICC profile) is not kept.
pub fn pixels(bytes: &[u8], orientation: u8) -> Result<DynamicImage, String> {
    let decoder = decoder(bytes)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    if let Some(o) = Orientation::from_exif(orientation) {
        image.apply_orientation(o);
    }
    Ok(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        DynamicImage::new_rgb8(w, h)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn reads_the_size_and_refuses_what_is_not_an_image() {
        assert_eq!(header(&png(30, 20)).unwrap(), ((30, 20), 1));
        assert!(header(b"not an image at all").is_err());
        let mut cut = png(300, 200);
        cut.truncate(60);
        assert!(pixels(&cut, 1).is_err(), "a truncated file is an error");
    }

    #[test]
    fn refuses_a_decoding_bomb_from_its_header() {
        // A PNG header claiming 20,000 × 20,000 pixels, then nothing.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        let e = header(&bomb).unwrap_err();
        assert!(!e.is_empty());
        // Under the side limit, over the pixel count.
        let mut wide = png(1, 1);
        wide[16..20].copy_from_slice(&16_000u32.to_be_bytes());
        wide[20..24].copy_from_slice(&16_000u32.to_be_bytes());
        assert!(header(&wide).is_err());
    }
}
