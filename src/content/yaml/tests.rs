use super::locator::key_of;
use super::*;
use serde::Deserialize;

const DOC: &str = "title: Ada\nphases:\n  - name: investigation\n    start: 2022-04-08\n  - name: construction\n    start: 2023-13-11\nthematiques: [a, b]\nsponsors:\n- /organisations/mc\n";

fn src(yaml: &str) -> Source<'_> {
    Source::new(Path::new("f.md"), yaml, 2)
}

fn at(s: &Source<'_>, path: &[Seg]) -> (usize, usize, usize) {
    let l = s.locate(path);
    (l.line, l.col, l.len)
}

fn k(s: &str) -> Seg {
    Seg::Key(s.into())
}

#[test]
fn locates_values_in_block_yaml() {
    let s = src(DOC);
    assert_eq!(at(&s, &[k("title")]), (2, 8, 3));
    assert_eq!(at(&s, &[k("phases"), Seg::Index(1), k("start")]), (7, 12, 10));
    assert_eq!(at(&s, &[k("phases"), Seg::Index(0), k("name")]), (4, 11, 13));
    assert_eq!(at(&s, &[k("thematiques"), Seg::Index(1)]), (8, 14, 6));
    assert_eq!(at(&s, &[k("sponsors"), Seg::Index(0)]), (10, 3, 17));
    // Unknown paths fall back to the deepest part found (here the list).
    assert_eq!(at(&s, &[k("phases"), Seg::Index(5)]), (4, 3, 21));
}

#[test]
fn locates_keys() {
    let s = src(DOC);
    let l = s.locate_key(&[k("phases"), Seg::Index(1), k("start")]);
    assert_eq!((l.line, l.col, l.len), (7, 5, 5));
}

#[derive(Deserialize, Debug)]
struct Ph {
    #[allow(dead_code)]
    name: String,
    #[allow(dead_code)]
    start: crate::date::Date,
}
#[derive(Deserialize, Debug)]
struct Doc {
    #[allow(dead_code)]
    title: Option<String>,
    phases: Option<Vec<Ph>>,
    #[allow(dead_code)]
    thematiques: Option<Vec<String>>,
    #[allow(dead_code)]
    sponsors: Option<Vec<String>>,
}

fn known(p: &[Seg]) -> &'static [&'static str] {
    if p.is_empty() {
        fields::<Doc>()
    } else {
        fields::<Ph>()
    }
}

#[test]
fn reports_every_problem_and_keeps_the_rest() {
    let yaml = "title: [x]\nphases: construction\nthematiques: [a]\ntitel: x\n";
    let s = src(yaml);
    let mut out = Vec::new();
    let doc: Doc = s
        .deserialize(s.parse().unwrap(), Unknown::Warn(&known), &mut out)
        .unwrap();
    assert!(doc.phases.is_none());
    let msgs: Vec<String> = out
        .iter()
        .map(|d| format!("{} {}", d.location.as_ref().unwrap(), d.message))
        .collect();
    assert_eq!(
        msgs,
        [
            "f.md:2:8 `title`: expected text, found a list",
            "f.md:3:9 `phases`: expected a list, found the text `construction`",
            "f.md:5:1 unknown key `titel`",
        ]
    );
    assert_eq!(out[2].help.as_deref(), Some("did you mean `title`?"));
}

#[test]
fn nested_errors_point_at_the_nested_value() {
    let s = src(DOC);
    let mut out = Vec::new();
    let _: Option<Doc> = s.deserialize(s.parse().unwrap(), Unknown::Warn(&known), &mut out);
    assert_eq!(out.len(), 1);
    let d = &out[0];
    assert_eq!(d.location.as_ref().unwrap().to_string(), "f.md:7:12");
    assert_eq!(
        d.message,
        "`phases[1].start`: expected a date written YYYY-MM-DD (like 2024-01-15), found `2023-13-11`"
    );
}

#[test]
fn missing_nested_key_points_at_the_item() {
    let s = src("phases:\n  - start: 2024-01-01\n");
    let mut out = Vec::new();
    let _: Option<Doc> = s.deserialize(s.parse().unwrap(), Unknown::Warn(&known), &mut out);
    assert_eq!(out[0].message, "missing key `name`");
    assert_eq!(out[0].location.as_ref().unwrap().to_string(), "f.md:3:5");
}

#[test]
fn syntax_errors_are_located_and_explained() {
    let s = src("title: Ada\nmission: Compar:IA: x\n");
    let d = s.parse().unwrap_err();
    assert_eq!(d.location.as_ref().unwrap().to_string(), "f.md:3:19");
    assert_eq!(
        d.message,
        "invalid YAML: mapping values are not allowed in this context"
    );
    assert!(d.help.unwrap().contains("quotes"));

    let d = src("title: 'Ada\nmission: x\n").parse().unwrap_err();
    assert_eq!(d.location.as_ref().unwrap().to_string(), "f.md:2:8");

    let d = src("title: a\nmission: b\ntitle: c\n").parse().unwrap_err();
    assert_eq!(d.message, "the key `title` appears twice");
    assert_eq!(d.location.as_ref().unwrap().to_string(), "f.md:4:1");
}

#[test]
fn non_mapping_front_matter() {
    let d = src("- a\n- b\n").parse().unwrap_err();
    assert!(d.message.contains("found a list"), "{}", d.message);
}

#[test]
fn humanizes_serde_messages() {
    assert_eq!(
        humanize("invalid type: string \"x\", expected a sequence"),
        "expected a list, found the text `x`"
    );
    assert_eq!(
        humanize("invalid type: map, expected a string"),
        "expected text, found a block of `key: value` lines"
    );
    assert_eq!(humanize("missing field `name`"), "missing key `name`");
}

#[test]
fn keys_are_read_as_yaml_reads_them() {
    assert_eq!(key_of("title: Ada"), Some("title"));
    assert_eq!(key_of("title   :"), Some("title"));
    assert_eq!(key_of("url: https://a.fr: b"), Some("url"));
    assert_eq!(key_of("http://a.fr: x"), Some("http://a.fr"));
    assert_eq!(key_of("\"a: b\": x"), Some("a: b"));
    assert_eq!(key_of("'l''x': y"), None);
    assert_eq!(key_of("- item"), None);
    assert_eq!(key_of("texte sans clé"), None);
}

#[test]
fn every_unknown_key_of_many_is_found_on_its_line() {
    let mut yaml = String::from("title: Ada\nphases:\n");
    for i in 0..2_000 {
        yaml.push_str(&format!(
            "  - name: investigation\n    start: 2024-01-01\n    note{i}: x\n"
        ));
    }
    for i in 0..2_000 {
        let key = match i % 3 {
            0 => format!("k{i}"),
            1 => format!("\"k {i}\""),
            _ => format!("k{i}  "),
        };
        yaml.push_str(&format!("{key}: v\n"));
    }
    let s = src(&yaml);
    let mut out = Vec::new();
    let _: Option<Doc> = s.deserialize(s.parse().unwrap(), Unknown::Warn(&known), &mut out);
    assert_eq!(out.len(), 4_000);
    for d in &out {
        let loc = d.location.as_ref().unwrap();
        let key = d
            .message
            .trim_start_matches("unknown key `")
            .trim_end_matches('`');
        let key = key.rsplit('.').next().unwrap();
        assert!(loc.line_text.contains(key), "{}: {}", d.message, loc.line_text);
        assert_eq!(
            loc.line_text[loc.col - 1..]
                .trim_start_matches('"')
                .split([':', '"'])
                .next()
                .unwrap()
                .trim_end(),
            key
        );
    }
}

#[test]
fn field_names_by_probe() {
    assert_eq!(fields::<Ph>(), ["name", "start"]);
}
