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
        return Err(crate::tr!("image-format-unknown"));
    }
    let decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(crate::tr!("image-no-pixels"));
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(crate::tr!(
            "image-too-many-pixels",
            width = w.to_string(),
            height = h.to_string(),
            limit = (MAX_PIXELS / 1_000_000).to_string()
        ));
    }
    Ok(decoder)
}

/// Whether the image's EXIF metadata holds a GPS position (a GPS IFD pointer, tag 0x8825, in
/// its first IFD): where the photo was taken, which the published original would tell.
pub fn located(bytes: &[u8]) -> bool {
    let exif = decoder(bytes)
        .ok()
        .and_then(|mut d| d.exif_metadata().ok().flatten());
    exif.is_some_and(|tiff| has_gps(&tiff))
}

/// [`located`] on the TIFF structure of EXIF metadata; any malformed structure says no.
fn has_gps(tiff: &[u8]) -> bool {
    let little = match tiff.get(..2) {
        Some(b"II") => true,
        Some(b"MM") => false,
        _ => return false,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let Some(ifd) = u32_at(4).map(|o| o as usize) else {
        return false;
    };
    let count = u16_at(ifd).unwrap_or(0) as usize;
    (0..count).any(|i| u16_at(ifd + 2 + i * 12) == Some(0x8825))
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
    #[test]
    fn a_gps_pointer_in_the_first_ifd_is_found_in_either_byte_order() {
        // Little-endian: one entry, GPS IFD pointer.
        let mut le = b"II*\0".to_vec();
        le.extend_from_slice(&8u32.to_le_bytes());
        le.extend_from_slice(&1u16.to_le_bytes());
        le.extend_from_slice(&0x8825u16.to_le_bytes());
        le.extend_from_slice(&[4, 0, 1, 0, 0, 0, 26, 0, 0, 0]);
        assert!(super::has_gps(&le));
        let mut be = b"MM\0*".to_vec();
        be.extend_from_slice(&8u32.to_be_bytes());
        be.extend_from_slice(&1u16.to_be_bytes());
        be.extend_from_slice(&0x0112u16.to_be_bytes());
        be.extend_from_slice(&[0, 3, 0, 0, 0, 1, 0, 1, 0, 0]);
        assert!(!super::has_gps(&be), "an orientation alone");
        for cut in [&le[..3], &le[..9], &b"XX*\0\x08\0\0\0"[..], &[][..]] {
            assert!(!super::has_gps(cut));
        }
        let mut huge = le.clone();
        huge[8..10].copy_from_slice(&u16::MAX.to_le_bytes());
        assert!(super::has_gps(&huge), "entries past the end are not read");
    }

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
