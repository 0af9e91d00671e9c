//! What each template depends on, found by scanning its source: the templates it extends
//! or includes, and the fields of the shared `site` variable it reads. `serve` uses it to
//! re-render only the pages a change can affect.
//!
//! The scan is conservative: when it cannot tell which fields a template reads (`site`
//! passed whole to a filter, `site["x"]`, `{% set s = site %}`), the template depends on
//! all of them; a template that calls components depends on every template defining one.

use std::collections::{BTreeMap, BTreeSet};

/// The `site` fields a template reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SiteFields {
    #[default]
    None,
    Some(BTreeSet<String>),
    All,
}

impl SiteFields {
    pub fn reads(&self, field: &str) -> bool {
        match self {
            SiteFields::None => false,
            SiteFields::Some(f) => f.contains(field),
            SiteFields::All => true,
        }
    }

    fn add(&mut self, field: Option<&str>) {
        match (field, &mut *self) {
            (_, SiteFields::All) => {}
            (None, _) => *self = SiteFields::All,
            (Some(f), SiteFields::Some(set)) => {
                set.insert(f.to_string());
            }
            (Some(f), SiteFields::None) => *self = SiteFields::Some(BTreeSet::from([f.to_string()])),
        }
    }

    fn merge(&mut self, other: &SiteFields) {
        match other {
            SiteFields::None => {}
            SiteFields::All => *self = SiteFields::All,
            SiteFields::Some(set) => set.iter().for_each(|f| self.add(Some(f))),
        }
    }
}

/// What one template file says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scan {
    /// Templates named by `{% extends %}` and `{% include %}`.
    pub uses: BTreeSet<String>,
    pub site: SiteFields,
    pub defines_components: bool,
    pub calls_components: bool,
}

/// What rendering one template needs: every template file it may run, and the `site`
/// fields any of them reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TemplateDeps {
    pub files: BTreeSet<String>,
    pub site: SiteFields,
}

/// The dependencies of every template, from the scans of all of them.
pub fn resolve(scans: &BTreeMap<String, Scan>) -> BTreeMap<String, TemplateDeps> {
    let component_files: Vec<&String> = scans
        .iter()
        .filter(|(_, s)| s.defines_components)
        .map(|(n, _)| n)
        .collect();
    scans
        .keys()
        .map(|name| {
            let mut deps = TemplateDeps::default();
            let mut todo = vec![name.clone()];
            while let Some(n) = todo.pop() {
                if !deps.files.insert(n.clone()) {
                    continue;
                }
                let Some(scan) = scans.get(&n) else { continue };
                deps.site.merge(&scan.site);
                todo.extend(scan.uses.iter().cloned());
                if scan.calls_components {
                    todo.extend(component_files.iter().map(|f| f.to_string()));
                }
            }
            (name.clone(), deps)
        })
        .collect()
}

/// Scans the Tera source of one template.
pub fn scan(source: &str) -> Scan {
    let mut out = Scan::default();
    let mut rest = source;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let (close, is_tag) = match after.as_bytes().first() {
            Some(b'{') => ("}}", false),
            Some(b'%') => ("%}", true),
            Some(b'#') => {
                rest = after.find("#}").map_or("", |i| &after[i + 2..]);
                continue;
            }
            _ => {
                rest = after;
                continue;
            }
        };
        let code_start = &after[1..];
        let (code, next) = split_code(code_start, close);
        rest = next;
        let code = code.trim_start_matches(['-', '+']).trim_end_matches(['-', '+']);
        let tokens = tokenize(code);
        if is_tag {
            match tokens.first().map(String::as_str) {
                Some("raw") => {
                    rest = rest.find("endraw").map_or("", |i| &rest[i..]);
                    continue;
                }
                Some("extends" | "include") => {
                    if let Some(name) = tokens.get(1).and_then(|t| t.strip_prefix('"')) {
                        out.uses.insert(name.to_string());
                    }
                }
                Some("component") => out.defines_components = true,
                _ => {}
            }
        }
        // Component calls: `{{ <Card ... /> }}`, `{% <Card()> %}`.
        if tokens.first().is_some_and(|t| t == "<") && tokens.get(1).is_some_and(|t| is_ident(t)) {
            out.calls_components = true;
        }
        // `image(path=...)` looks the image up in `site.images`.
        if tokens
            .windows(2)
            .enumerate()
            .any(|(i, w)| w[0] == "image" && w[1] == "(" && (i == 0 || tokens[i - 1] != "."))
        {
            out.site.add(Some("images"));
        }
        for (i, t) in tokens.iter().enumerate() {
            if t != "site" || (i > 0 && tokens[i - 1] == ".") {
                continue;
            }
            match (tokens.get(i + 1).map(String::as_str), tokens.get(i + 2)) {
                (Some("."), Some(field)) if is_ident(field) => out.site.add(Some(field)),
                _ => out.site.add(None),
            }
        }
    }
    out
}

/// The code up to the closing delimiter (strings skipped), and the text after it.
fn split_code<'a>(text: &'a str, close: &str) -> (&'a str, &'a str) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    i += 1;
                }
            }
            _ if text[i..].starts_with(close) => return (&text[..i], &text[i + close.len()..]),
            _ => {}
        }
        i += 1;
    }
    (text, "")
}

fn is_ident(t: &str) -> bool {
    t.starts_with(|c: char| c.is_alphabetic() || c == '_')
}

/// Identifiers, string literals (kept with their opening quote, without the closing one),
/// and single punctuation characters.
fn tokenize(code: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = code.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if !(c.is_alphanumeric() || c == '_') {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            tokens.push(code[start..end].to_string());
        } else if matches!(c, '"' | '\'' | '`') {
            let mut s = String::from('"');
            for (_, d) in chars.by_ref() {
                if d == c {
                    break;
                }
                s.push(d);
            }
            tokens.push(s);
        } else if !c.is_whitespace() {
            tokens.push(c.to_string());
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(src: &str) -> SiteFields {
        scan(src).site
    }

    fn some(names: &[&str]) -> SiteFields {
        SiteFields::Some(names.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn finds_the_site_fields_a_template_reads() {
        let cases: &[(&str, SiteFields)] = &[
            ("<p>Plan du site</p>", SiteFields::None),
            (
                "{{ site.title }} {% for s in site.startups %}{{ s.title }}{% endfor %}",
                some(&["startups", "title"]),
            ),
            ("{{ site . figures . active }}", some(&["figures"])),
            ("{% if page.site %}{{ x.site.y }}{% endif %}", SiteFields::None),
            (
                "{{ 'site' }} {# {{ site }} #} {{ \"site.startups\" }}",
                SiteFields::None,
            ),
            ("{{ site | json_encode }}", SiteFields::All),
            ("{% set s = site %}{{ s.title }}", SiteFields::All),
            ("{{ site[\"title\"] }}", SiteFields::All),
            (
                "{{- site.menu -}}{%- if site.news -%}{%- endif -%}",
                some(&["menu", "news"]),
            ),
            (
                "{% raw %}{{ site }}{% endraw %}{{ site.pages }}",
                some(&["pages"]),
            ),
            ("{{ \"}}\" }}{{ site.tagline }}", some(&["tagline"])),
        ];
        for (src, want) in cases {
            assert_eq!(&fields(src), want, "{src}");
        }
    }

    #[test]
    fn finds_extends_includes_and_components() {
        let s = scan("{% extends \"base.html\" %}{% block a %}{% include 'card.html' %}{% endblock a %}");
        assert_eq!(s.uses, BTreeSet::from(["base.html".into(), "card.html".into()]));
        assert!(!s.calls_components);
        assert!(scan("{% component Card(title) %}{{ title }}{% endcomponent Card %}").defines_components);
        assert!(scan("{{ <Card title=\"x\" /> }}").calls_components);
        assert!(scan("{% <Card()> %}x{% </Card> %}").calls_components);
        assert!(!scan("{% if a < b %}{% endif %}").calls_components);
    }

    #[test]
    fn resolves_through_parents_includes_and_components() {
        let scans: BTreeMap<String, Scan> = [
            ("base.html", "{{ site.menu }}{% block c %}{% endblock c %}"),
            ("card.html", "{{ site.figures }}"),
            (
                "page.html",
                "{% extends \"base.html\" %}{% block c %}{% include \"card.html\" %}{% endblock c %}",
            ),
            (
                "comp.html",
                "{% component Tag(x) %}{{ site.news }}{% endcomponent Tag %}",
            ),
            (
                "news.html",
                "{% extends \"base.html\" %}{% block c %}{{ <Tag x=1 /> }}{% endblock c %}",
            ),
            ("lone.html", "<p>x</p>"),
        ]
        .into_iter()
        .map(|(n, s)| (n.to_string(), scan(s)))
        .collect();
        let deps = resolve(&scans);
        let page = &deps["page.html"];
        assert_eq!(
            page.files,
            BTreeSet::from(["base.html".into(), "card.html".into(), "page.html".into()])
        );
        assert_eq!(page.site, some(&["figures", "menu"]));
        assert_eq!(deps["news.html"].site, some(&["menu", "news"]));
        assert!(deps["news.html"].files.contains("comp.html"));
        assert_eq!(deps["lone.html"].site, SiteFields::None);
        assert_eq!(deps["lone.html"].files.len(), 1);
    }
}
