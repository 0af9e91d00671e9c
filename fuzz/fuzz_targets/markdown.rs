//! Markdown rendering with every extension the site enables; a body within the nesting
//! limit of `content::limits` is also minified, as `build` does, and must not overflow.
#![no_main]

use atelier::content::limits;
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
    match limits::nesting(src) {
        Some(deep) => assert!(deep.offset + deep.len <= src.len()),
        None => {
            let html = markdown::render(src, &Options { base_path: "/", resolve: &resolve }).html;
            let page = format!("<!doctype html><html><body>{}{html}{}</body></html>", "<div>".repeat(24), "</div>".repeat(24));
            let mut outputs = vec![atelier::render::Output { path: "p/index.html".into(), bytes: page.into_bytes() }];
            atelier::output::minify(&mut outputs);
        }
    }
});
