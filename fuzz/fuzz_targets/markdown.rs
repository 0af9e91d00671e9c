//! Markdown rendering with every extension the site enables.
#![no_main]

use atelier::markdown::{self, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let resolve = |rel: &str| (rel == "a.md" || rel == "startups/x.md").then(|| "/atelier/a/".to_string());
    for base_path in ["/", "/atelier/"] {
        let r = markdown::render(src, &Options { base_path, resolve: &resolve });
        for range in r.headings.iter().map(|h| &h.range).chain(r.links.iter().map(|l| &l.range)) {
            assert!(range.start <= range.end && range.end <= src.len());
        }
        for p in &r.problems {
            assert!(p.range.end <= src.len());
        }
    }
});
