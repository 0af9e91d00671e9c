//! The modules of the crate depend on each other one way: no cycle between the top-level
//! modules (`build` → `check` → `site` → `content` …), nor between the modules of one
//! folder (`check/links.rs`, `check/settings.rs` …). `ARCHITECTURE.md` gives the layers.
//!
//! This test reads every file under `src/`, takes each `crate::` path (in `use` lines,
//! grouped `use crate::{a, b::c}` trees, expressions and doc links alike) and each
//! `super::` path outside the file's test module, and looks for strongly connected
//! components (Tarjan) among the children of every module. A doc link counts: a comment
//! that names a module above it says the layers are wrong as much as code does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path of a source file: `src/check/links.rs` → `[check, links]`, `src/render.rs`
/// and `src/render/mod.rs` → `[render]`, `src/lib.rs` → `[]`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main") {
        parts.clear();
    }
    parts
}

fn ident_at(text: &str, at: usize) -> Option<&str> {
    let rest = &text[at..];
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

/// The paths a `use` tree or a path expression names from `at` (just after `crate::` or
/// `super::`), each as its segments: `a::{b, c::d}` → `[a, b]`, `[a, c, d]`.
fn paths_at(text: &str, at: usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut segs = prefix.to_vec();
    let mut i = at;
    loop {
        if text[i..].starts_with('{') {
            // A group: each item at depth one starts a path of its own.
            let mut depth = 0;
            let mut item_start = i + 1;
            for (j, c) in text[i..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' | ',' if depth == 1 => {
                        let item =
                            item_start + text[item_start..].len() - text[item_start..].trim_start().len();
                        if item < i + j {
                            paths_at(text, item, &segs, out);
                        }
                        item_start = i + j + 1;
                        if c == '}' {
                            break;
                        }
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            return;
        }
        let Some(id) = ident_at(text, i) else { break };
        segs.push(id.to_string());
        i += id.len();
        if text[i..].starts_with("::") {
            i += 2;
        } else {
            break;
        }
    }
    if !segs.is_empty() {
        out.push(segs);
    }
}

/// Every module path a file names, resolved from the crate root.
fn references(module: &[String], text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        if at > 0 && text[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        paths_at(text, at + "crate::".len(), &[], &mut out);
    }
    // `super::` inside the file's test module would resolve from that module: leave it out.
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut i = 0;
    while let Some(found) = code[i..].find("super::") {
        let start = i + found;
        if start > 0 && code[..start].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            i = start + 1;
            continue;
        }
        let mut base = module.to_vec();
        let mut at = start;
        while code[at..].starts_with("super::") {
            base.pop();
            at += "super::".len();
        }
        paths_at(code, at, &base, &mut out);
        i = at;
    }
    out
}

/// Strongly connected components of more than one node (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let edges = s.edges;
        for w in edges.get(v).into_iter().flatten() {
            if !s.index.contains_key(w.as_str()) {
                visit(s, w);
                let low = s.low[v].min(s.low[w.as_str()]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w.as_str()) {
                let low = s.low[v].min(s.index[w.as_str()]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}

/// For every module, the graph among its children: `child → child` with the file that
/// makes each edge.
type Graphs = BTreeMap<Vec<String>, BTreeMap<String, BTreeMap<String, String>>>;

fn graphs(src: &Path) -> Graphs {
    let mut graphs = Graphs::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(src).unwrap();
        let module = module_of(rel);
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for target in references(&module, &text) {
            // The closest module both are under, and the child of it on each side.
            let shared = module.iter().zip(&target).take_while(|(a, b)| a == b).count();
            let (Some(from), Some(to)) = (module.get(shared), target.get(shared)) else {
                continue;
            };
            graphs
                .entry(module[..shared].to_vec())
                .or_default()
                .entry(from.clone())
                .or_default()
                .entry(to.clone())
                .or_insert_with(|| rel.display().to_string());
        }
    }
    graphs
}

#[test]
fn modules_depend_on_each_other_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    for (parent, graph) in graphs(&src) {
        let edges = graph
            .iter()
            .map(|(from, to)| (from.clone(), to.keys().cloned().collect()))
            .collect();
        for cycle in cycles(&edges) {
            let made_by: Vec<String> = cycle
                .iter()
                .flat_map(|from| {
                    graph[from]
                        .iter()
                        .filter(|(to, _)| cycle.contains(to))
                        .map(move |(to, file)| format!("{from} → {to} ({file})"))
                })
                .collect();
            problems.push(format!(
                "cycle in `crate::{}`: {}",
                parent.join("::"),
                made_by.join(", ")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scan_finds_grouped_and_relative_paths_and_cycles() {
    let module = module_of(Path::new("check/links.rs"));
    assert_eq!(module, ["check", "links"]);
    assert_eq!(module_of(Path::new("render/mod.rs")), ["render"]);
    let found = references(
        &module,
        "use crate::{a::{b, c::d}, e};\nlet x = super::settings::hrefs(site);\n#[cfg(test)]\nmod tests { use super::Targets; }",
    );
    let found: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    assert_eq!(found, ["a::b", "a::c::d", "e", "check::settings::hrefs"]);
    let edges: BTreeMap<String, BTreeSet<String>> = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
        .into_iter()
        .fold(BTreeMap::new(), |mut m, (f, t)| {
            m.entry(f.to_string())
                .or_insert_with(BTreeSet::new)
                .insert(t.to_string());
            m
        });
    assert_eq!(cycles(&edges), [["a", "b", "c"]]);
}
