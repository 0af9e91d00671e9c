//! What the checks read of each rendered page, once per page: its ids, links and footer
//! ([`html::parse`]) and the inline scripts its own policy blocks ([`csp::blocked`]). A pure
//! function of the page's bytes, which the build cache keeps by their digest.

use rayon::prelude::*;

use super::{csp, html};
use crate::pipeline::Output;

/// What the checks read of a page.
pub fn read(bytes: &[u8]) -> html::Page {
    let mut page = html::parse(&String::from_utf8_lossy(bytes));
    // A page that is not UTF-8 runs no script the checks can read.
    if let Ok(text) = std::str::from_utf8(bytes) {
        page.blocked = csp::blocked(text);
    }
    page
}

/// Whether an output is a page the checks read.
pub fn is_page(output: &Output) -> bool {
    output.path.ends_with(".html")
}

/// Reads every HTML output, in parallel; `None` for other files.
pub fn index(outputs: &[Output]) -> Vec<Option<html::Page>> {
    outputs
        .par_iter()
        .map(|o| is_page(o).then(|| read(&o.bytes)))
        .collect()
}
