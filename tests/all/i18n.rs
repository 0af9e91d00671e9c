//! The message catalogues (`locales/*/atelier.ftl`): the same messages with the same
//! variables in every language, each used by the code and formatting without error, French
//! typography in French; and the real binary choosing its language from `--lang` and the
//! locale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::TestSite;
use atelier::i18n::{Lang, Value, format_in};
use fluent_syntax::ast;

/// Each message's id and the variables it uses, from a catalogue's text.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(lang.catalogue())
        .unwrap_or_else(|(_, errors)| panic!("{lang:?}: the catalogue does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                let pattern = m
                    .value
                    .unwrap_or_else(|| panic!("{lang:?}: `{}` has no text", m.id.name));
                pattern_vars(&pattern, &mut vars);
                assert!(
                    out.insert(m.id.name.to_string(), vars).is_none(),
                    "{lang:?}: `{}` twice",
                    m.id.name
                );
            }
            ast::Entry::Junk { content } => panic!("{lang:?}: not Fluent: {content}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        _ => {}
    }
}

#[test]
fn both_catalogues_have_the_same_messages_with_the_same_variables() {
    let en = messages(Lang::En);
    let fr = messages(Lang::Fr);
    let only = |a: &BTreeMap<String, _>, b: &BTreeMap<String, _>| {
        a.keys()
            .filter(|k| !b.contains_key(*k))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(only(&en, &fr), Vec::<String>::new(), "in English only");
    assert_eq!(only(&fr, &en), Vec::<String>::new(), "in French only");
    for (id, vars) in &en {
        assert_eq!(vars, &fr[id], "`{id}`: not the same variables");
    }
    assert!(en.len() > 50, "{} messages", en.len());
}

/// Every `tr!("id"` and `msg!("id"` of the code, outside comments.
fn ids_in_code() -> BTreeMap<String, String> {
    let mut ids = BTreeMap::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // Comments left out, lines kept (so positions stay right).
        let code: String = text
            .lines()
            .map(|l| if l.trim_start().starts_with("//") { "" } else { l })
            .flat_map(|l| [l, "\n"])
            .collect();
        let calls = code.match_indices("tr!(").chain(code.match_indices("msg!("));
        for (i, call) in calls {
            // `include_str!(…)` is not `tr!`.
            if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let Some(rest) = code[i + call.len()..].trim_start().strip_prefix('"') else {
                continue;
            };
            let id = &rest[..rest.find('"').unwrap()];
            let line = code[..i].matches('\n').count() + 1;
            let at = format!("{}:{line}", entry.path().strip_prefix(&src).unwrap().display());
            ids.entry(id.to_string()).or_insert(at);
        }
    }
    ids
}

#[test]
fn the_code_uses_every_message_and_only_messages_of_the_catalogues() {
    let used = ids_in_code();
    let known = messages(Lang::En);
    let missing: Vec<_> = used.iter().filter(|(id, _)| !known.contains_key(*id)).collect();
    assert!(missing.is_empty(), "used but in no catalogue: {missing:?}");
    let unused: Vec<_> = known.keys().filter(|id| !used.contains_key(*id)).collect();
    assert!(unused.is_empty(), "in the catalogues but never used: {unused:?}");
}

/// Variables that choose a plural form; every other one is given text.
const NUMBERS: [&str; 3] = ["count", "pages", "files"];

#[test]
fn every_message_formats_without_error_in_both_languages() {
    for lang in Lang::ALL {
        for (id, vars) in messages(lang) {
            // Numbers choose plural forms; every other value is text.
            for n in [0, 1, 2, 1500] {
                let args: Vec<(&str, Value<'_>)> = vars
                    .iter()
                    .map(|v| {
                        (
                            v.as_str(),
                            if NUMBERS.contains(&v.as_str()) {
                                Value::from(n)
                            } else {
                                Value::from("x")
                            },
                        )
                    })
                    .collect();
                let (text, errors) = format_in(lang, &id, &args);
                assert!(errors.is_empty(), "{lang:?} `{id}`: {errors:?}");
                assert!(!text.trim().is_empty(), "{lang:?} `{id}` is empty");
                assert!(
                    !text.contains(['\u{2068}', '\u{2069}']),
                    "{lang:?} `{id}`: isolation marks"
                );
            }
        }
    }
}

/// The texts a message can give, its placeables written `{}` and one text per variant.
fn texts(p: &ast::Pattern<&str>) -> Vec<String> {
    let mut out = vec![String::new()];
    for element in &p.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.iter_mut().for_each(|t| t.push_str(value)),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Select { variants, .. },
            } => {
                let ends: Vec<String> = variants.iter().flat_map(|v| texts(&v.value)).collect();
                out = out
                    .iter()
                    .flat_map(|t| ends.iter().map(move |e| format!("{t}{e}")))
                    .collect();
            }
            ast::PatternElement::Placeable { .. } => out.iter_mut().for_each(|t| t.push_str("{}")),
        }
    }
    out
}

/// What French typography finds wrong in `text`, code in backticks left out.
fn typography_faults(text: &str) -> Vec<String> {
    let mut faults = Vec::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            continue;
        }
        let chars: Vec<char> = part.chars().collect();
        for (j, &c) in chars.iter().enumerate() {
            let before = j.checked_sub(1).map(|k| chars[k]);
            let after = chars.get(j + 1).copied();
            if matches!(c, ':' | ';' | '!' | '?') && before == Some(' ') {
                faults.push(format!("an ordinary space before `{c}`"));
            }
            if matches!(c, ';' | '!' | '?' | ':') && before.is_some_and(char::is_alphanumeric) && c != ':' {
                faults.push(format!("no narrow no-break space before `{c}`"));
            }
            if c == '\'' && before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic)
            {
                faults.push("a straight apostrophe (’ is the French one)".into());
            }
            if (c == '«' && after != Some('\u{202f}')) || (c == '»' && before != Some('\u{202f}')) {
                faults.push("« » without narrow no-break spaces inside".into());
            }
        }
    }
    faults
}

#[test]
fn the_french_catalogue_follows_french_typography() {
    let resource = fluent_syntax::parser::parse(Lang::Fr.catalogue()).unwrap();
    let mut faults = Vec::new();
    for entry in &resource.body {
        if let ast::Entry::Message(m) = entry {
            for text in texts(m.value.as_ref().unwrap()) {
                for fault in typography_faults(&text) {
                    faults.push(format!("`{}`: {fault}: {text}", m.id.name));
                }
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    // The checker finds what it is meant to find.
    assert_eq!(typography_faults("il manque : rien").len(), 1);
    assert_eq!(typography_faults("l'accueil").len(), 1);
    assert_eq!(typography_faults("vraiment?").len(), 1);
    assert!(typography_faults("`title: l'atelier ?`").is_empty());
    assert!(typography_faults("l’accueil\u{202f}: « a »").len() == 2);
}

/// A site whose page has an unknown front matter key.
fn site_with_a_problem() -> TestSite {
    let site = TestSite::minimal();
    site.write(
        "content/equipe.md",
        "---\ntitle: L'équipe\nauteur: Camille\n---\nBonjour.\n",
    );
    site
}

const ENGLISH: &str = "unknown key `auteur`";
const FRENCH: &str = "clé inconnue `auteur`";

#[test]
fn check_speaks_french_with_lang_fr() {
    let site = site_with_a_problem();
    let run = site.run(&["check", "--lang", "fr"]);
    assert!(run.stderr.contains(FRENCH), "{}", run.stderr);
    assert!(!run.stderr.contains(ENGLISH), "{}", run.stderr);
    // The label and summary too, with French typography.
    assert!(
        run.stderr.contains("clé inconnue") && run.stdout.contains("vérifiées\u{202f}:"),
        "{}{}",
        run.stderr,
        run.stdout
    );
    assert!(!format!("{}{}", run.stdout, run.stderr).contains(['\u{2068}', '\u{2069}']));
}

#[test]
fn check_speaks_french_when_the_locale_is_french() {
    let site = site_with_a_problem();
    let run = site.run_env(&["check"], &[("LANG", "fr_FR.UTF-8")]);
    assert!(run.stderr.contains(FRENCH), "{}", run.stderr);
    let run = site.run_env(&["check"], &[("LANG", "C"), ("LC_MESSAGES", "fr_FR.UTF-8")]);
    assert!(run.stderr.contains(FRENCH), "{}", run.stderr);
}

#[test]
fn check_speaks_english_otherwise_and_lang_beats_the_locale() {
    let site = site_with_a_problem();
    let run = site.run_env(&["check"], &[("LANG", "C")]);
    assert!(run.stderr.contains(ENGLISH), "{}", run.stderr);
    assert!(run.stdout.contains("Checked"), "{}", run.stdout);
    let run = site.run(&["check"]);
    assert!(run.stderr.contains(ENGLISH), "{}", run.stderr);
    let run = site.run_env(&["check", "--lang", "en"], &[("LANG", "fr_FR.UTF-8")]);
    assert!(run.stderr.contains(ENGLISH), "{}", run.stderr);
    // LC_ALL comes before LANG.
    let run = site.run_env(&["check"], &[("LANG", "fr_FR.UTF-8"), ("LC_ALL", "C")]);
    assert!(run.stderr.contains(ENGLISH), "{}", run.stderr);
}

#[test]
fn build_and_new_speak_french_too() {
    let site = site_with_a_problem();
    site.write(
        "content/liens.md",
        "---\ntitle: Liens\n---\nVoir [la page](/nulle-part/).\n",
    );
    let run = site.run(&["build", "--lang", "fr"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("erreur\u{202f}: lien cassé\u{202f}: `/nulle-part/` ne mène à aucune page du site"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "Échec de la construction\u{202f}: 1 erreur et 1 avertissement\u{202f}; rien n’a été écrit."
        ),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "startup", "Mon Service", "--lang", "fr"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`Mon Service` n’est pas un identifiant de startup valide"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("par exemple `mon-service`"), "{}", run.stderr);
}

#[test]
fn french_summaries_agree_with_their_counts() {
    let checked = |n: usize| {
        format_in(
            Lang::Fr,
            "check-checked",
            &[("count", n.into()), ("found", "aucun problème".into())],
        )
        .0
    };
    assert_eq!(checked(1), "1 page vérifiée\u{202f}: aucun problème.");
    assert_eq!(checked(12), "12 pages vérifiées\u{202f}: aucun problème.");
    // Counts are grouped by thousands with a narrow no-break space.
    assert_eq!(
        checked(1500),
        "1\u{202f}500 pages vérifiées\u{202f}: aucun problème."
    );
    let built = |pages: usize, files: usize| {
        format_in(
            Lang::Fr,
            "build-built",
            &[
                ("pages", pages.into()),
                ("files", files.into()),
                ("folder", "public".into()),
                ("ms", "12".into()),
                ("warnings", "0 avertissement".into()),
            ],
        )
        .0
    };
    assert_eq!(
        built(1, 1),
        "1 page produite et 1 fichier copié dans public en 12 ms (0 avertissement)."
    );
    assert_eq!(
        built(16, 4),
        "16 pages produites et 4 fichiers copiés dans public en 12 ms (0 avertissement)."
    );
}

#[test]
fn json_diagnostics_carry_the_message_id_in_every_language() {
    let site = site_with_a_problem();
    let line = |lang: &str| {
        let run = site.run(&["check", "--format", "json", "--lang", lang]);
        let line = run
            .stdout
            .lines()
            .find(|l| l.contains("auteur"))
            .unwrap_or_default()
            .to_string();
        serde_json::from_str::<serde_json::Value>(&line).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
    };
    let (en, fr) = (line("en"), line("fr"));
    assert_eq!(en["code"], "yaml-unknown-key");
    assert_eq!(fr["code"], "yaml-unknown-key");
    assert_eq!(en["message"], ENGLISH);
    assert_eq!(fr["message"], FRENCH);
}

/// YAML syntax errors are the ones editors make most: the parser's English words become
/// French too (the help already was).
#[test]
fn yaml_syntax_errors_read_in_french() {
    let site = TestSite::minimal();
    site.write("content/essai.md", "---\ntitle: 'Ada\nmission: x\n---\n");
    site.write("content/deux.md", "---\ntitle: a: b\n---\n");
    let run = site.run(&["check", "--lang", "fr"]);
    assert!(
        run.stderr.contains(
            "YAML invalide\u{202f}: le texte s’arrête avant la fin attendue, en lisant un texte entre guillemets"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "YAML invalide\u{202f}: un «\u{202f}:\u{202f}» suivi d’une valeur n’est pas permis à cet endroit"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("while scanning"), "{}", run.stderr);
    // In English, the parser's own words.
    let run = site.run(&["check", "--lang", "en"]);
    assert!(
        run.stderr
            .contains("invalid YAML: found unexpected end of stream, while scanning a quoted scalar"),
        "{}",
        run.stderr
    );
}
