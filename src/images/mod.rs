//! The image pipeline: images of `content/` and `static/` that bodies show are resized to
//! a few widths (never upscaled), with EXIF orientation applied and no metadata kept, and
//! written under content-hashed names beside the original, which stays as the fallback.
//!
//! - `plan`: what an image becomes (widths, formats, output names), from its size and
//!   digest; pure;
//! - `decode`: reading an image's header (size, orientation) and whole pixels, within
//!   limits, so that a corrupt or oversized file is a message, never a panic;
//! - `encode`: one variant's bytes (resize, then WebP lossless or JPEG), deterministic;
//! - `view`: what templates see of an image (URLs, `srcset`, size), pure;
//! - `library`: what `serve` and `build` keep between looks (each source read once while
//!   it is unchanged), and the encoded variants, taken from `.atelier-cache/images/` when
//!   a build before made them.

mod decode;
mod encode;
mod library;
mod plan;
mod view;

pub use library::{Counts, Library, Write};
pub use plan::{Format, Picture, Variant, WIDTHS};
pub use view::{View, ViewVariant};

/// What looking an image up gives: nothing (not an image the pipeline processes), its
/// plan, or why it cannot be read.
pub type Looked = Option<Result<std::sync::Arc<Picture>, String>>;

/// Extensions of the images the pipeline processes (lowercase). SVG is drawn at any size,
/// and stays as it is.
pub const EXTENSIONS: [&str; 5] = ["jpg", "jpeg", "png", "gif", "webp"];

/// Whether a path names an image the pipeline processes, by its extension.
pub fn processed(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext))
}

/// A front matter's cover image, found among the site's files: its plan, where its
/// original is published (output path) and its alternative text (empty: decorative).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    pub picture: std::sync::Arc<Picture>,
    pub dest: String,
    pub alt: String,
}

/// A cover image looked up: found, or the problem, located at its `image:` line.
pub type CoverLooked = Result<Cover, crate::diagnostic::Diagnostic>;
