//! The front matter splitter, the YAML layer and the typed front matter of every kind,
//! plus the locator that points diagnostics at key paths.
#![no_main]

use std::path::Path;

use atelier::content::{self, front_matter, yaml::Seg};
use libfuzzer_sys::fuzz_target;

/// The first byte picks the kind of file; the rest is its text.
const FILES: [&str; 6] = [
    "startups/ada.md",
    "a-propos.md",
    "_index.md",
    "organisations/mc.md",
    "actualites/2025-03-14-lancement.md",
    "startups/_index.md",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let rel = FILES[pick as usize % FILES.len()];
    let text = front_matter::normalize(String::from_utf8_lossy(rest).into_owned());
    let path = Path::new("content").join(rel);
    let mut diags = Vec::new();
    let doc = content::parse_document(&path, rel, &text, &mut diags);
    for d in &diags {
        let _ = d.render(false);
    }
    let Ok(split) = front_matter::split(&text) else { return };
    let src = content::yaml::Source::new(&path, split.yaml, split.yaml_line);
    let key = |k: &str| Seg::Key(k.to_string());
    let mut paths = vec![
        vec![],
        vec![key("title")],
        vec![key("phases"), Seg::Index(0), key("start")],
        vec![key("phases"), Seg::Index(2), key("end")],
        vec![key("sponsors"), Seg::Index(1)],
        vec![key("events"), Seg::Index(0)],
    ];
    if let Ok(map) = src.parse() {
        for k in map.keys().filter_map(|k| k.as_str()) {
            paths.push(vec![key(k)]);
            paths.push(vec![key(k), Seg::Index(1), key(k)]);
        }
    }
    for p in &paths {
        let _ = src.locate(p).to_string();
        let _ = src.locate_key(p).to_string();
    }
    if let Some(doc) = doc {
        let _ = doc.front_matter().locate(&[key("title")]);
        let _ = doc.body();
    }
});
