//! The weight of the images bodies show: what a visitor downloads for the largest variant
//! of an image, over a budget, is a warning at the image.

use crate::diagnostic::Diagnostic;
use crate::images::Picture;

/// The most a visitor should download for one image of a body, in bytes.
pub const BUDGET: u64 = 500 * 1000;

/// A warning when the largest variant of `picture` (its bytes by output path: `size`)
/// weighs more than [`BUDGET`]; the caller locates it.
pub fn budget(picture: &Picture, size: impl Fn(&str) -> u64) -> Option<Diagnostic> {
    let largest = picture.largest();
    let weight = size(&largest.path);
    (weight > BUDGET).then(|| {
        Diagnostic::warning(format!(
            "image of {} kB once resized to {} pixels wide, over the budget of {} kB",
            weight / 1000,
            largest.width,
            BUDGET / 1000
        ))
        .help(
            "a photo saved as JPEG weighs less than as PNG; crop the image, or save it with fewer \
             colours (a screenshot, a drawing)",
        )
    })
}
