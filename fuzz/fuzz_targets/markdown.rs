//! Markdown rendering with every extension the site enables, raw HTML sanitized and trusted.
//! Besides not panicking: a sanitized body holds nothing a browser would run or load from a
//! refused URL (read by html5ever's tree builder, as a browser reads it), and ends where it
//! ends (what follows it in the page is shown). Trusted HTML is its author's: its URL rule is
//! a safeguard against mistakes, checked block by block, not across blocks, so only ranges
//! are checked there.
//! A body within the nesting limit of `content::limits` is also minified, as `build` does,
//! and must not overflow.
#![no_main]

use atelier::content::limits;
use atelier::markdown::{self, Options};
use atelier::raw_html::{self, Mode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let resolve = |rel: &str| (rel == "a.md" || rel == "startups/x.md").then(|| "/atelier/a/".to_string());
    for base_path in ["/", "/atelier/"] {
        for raw in [Mode::Sanitize, Mode::Trusted] {
            // Every shortcode renders as its name and body: the fuzzer drives the shortcode parser.
            let shortcode = |c: &markdown::shortcodes::Shortcode<'_>| Ok(format!("<div>{}{}</div>", c.name, c.body.unwrap_or("")));
            let opts = Options {
                base_path,
                resolve: &resolve,
                raw_html: raw,
                typography: raw == Mode::Sanitize,
                images: &|_| None,
                shortcode: Some(&shortcode),
            };
            let r = markdown::render(src, &opts);
            for range in r.headings.iter().map(|h| &h.range).chain(r.links.iter().map(|l| &l.range)) {
                assert!(range.start <= range.end && range.end <= src.len());
            }
            for p in &r.problems {
                assert!(p.range.end <= src.len());
            }
            if raw == Mode::Sanitize {
                let lower = r.html.to_ascii_lowercase();
                for tag in ["<script", "<iframe", "<style", "<svg", "<object", "<embed", "<form"] {
                    assert!(!lower.contains(tag), "{tag} in {:?}", r.html);
                }
            }
            if raw == Mode::Sanitize
                && let Some(found) = raw_html::in_browser(&r.html, raw)
            {
                panic!("{found:?} in {:?}", r.html);
            }
        }
    }
    match limits::nesting(src) {
        Some(deep) => assert!(deep.offset + deep.len <= src.len()),
        None => {
            let opts = Options {
                base_path: "/",
                resolve: &resolve,
                raw_html: Mode::Sanitize,
                typography: true,
                images: &|_| None,
                shortcode: None,
            };
            let html = markdown::render(src, &opts).html;
            let page = format!("<!doctype html><html><body>{}{html}{}</body></html>", "<div>".repeat(24), "</div>".repeat(24));
            let mut outputs = vec![atelier::pipeline::Output { path: "p/index.html".into(), bytes: page.into_bytes() }];
            atelier::output::minify(&mut outputs);
        }
    }
});
