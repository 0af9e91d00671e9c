//! The images bodies show: what a visitor downloads for the largest variant of an image,
//! over a budget, and an original file that tells where the photo was taken, are warnings
//! at the image.

use crate::diagnostic::Diagnostic;
use crate::images::Picture;
use crate::{msg, tr};

/// The most a visitor should download for one image of a body, in bytes.
pub const BUDGET: u64 = 500 * 1000;

/// A warning when the largest variant of `picture` (its bytes by output path: `size`)
/// weighs more than [`BUDGET`]; the caller locates it.
pub fn budget(picture: &Picture, size: impl Fn(&str) -> u64) -> Option<Diagnostic> {
    let largest = picture.largest();
    let weight = size(&largest.path);
    (weight > BUDGET).then(|| {
        Diagnostic::warning(msg!(
            "image-over-budget",
            size = (weight / 1000).to_string(),
            width = largest.width.to_string(),
            budget = (BUDGET / 1000).to_string()
        ))
        .help(tr!("image-over-budget-help"))
    })
}

/// A warning when the file of `picture` holds a GPS position: pages show its copies, which
/// hold pixels only, but the file itself is published as it is, at its own address.
pub fn located(picture: &Picture) -> Option<Diagnostic> {
    picture.located.then(|| {
        Diagnostic::warning(msg!(
            "image-gps",
            file = picture
                .src
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ))
        .help(tr!("image-gps-help"))
    })
}
