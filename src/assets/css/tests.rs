//! Unit tests of the DSFR stylesheet scan and rewrite.

use super::*;

const FIXTURE: &str = "/*!\n * DSFR v9.9.9 | SPDX-License-Identifier: Etalab-2.0\n */\
    .fr-icon-a-line:after,.fr-icon-a-line:before{-webkit-mask-image:url(../../icons/x/a-line.svg);mask-image:url(../../icons/x/a-line.svg)}\
    .fr-icon-b-fill:after,.fr-icon-b-fill:before{mask-image:url(\"../../icons/y/b-fill.svg\")}\
    .fr-icon-c:before{mask-image:url(../../icons/x/c.svg)}\
    .fr-fi-a-line:before,.fr-icon-b-fill.fr-x:before{content:\"{,}\";background:url('data:image/svg+xml;utf8,<svg>{}</svg>')}\
    @media (min-width:36em){\n  /*! media sm */\n}\
    @media screen and (-ms-high-contrast:active){.fr-icon-a-line:before{background-image:url(../../icons/x/a-line.svg)}.fr-icon-c:before{x:y}}";

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn subsets_two_icon_classes() {
    let used = set(&["fr-icon-a-line", "fr-icon-b-fill", "fr-icon-unknown"]);
    let (css, refs) = subset(FIXTURE, "utility/icons", "utility", &used).unwrap();
    assert_eq!(
        css,
        "/*!\n * DSFR v9.9.9 | SPDX-License-Identifier: Etalab-2.0\n */\n\
         .fr-icon-a-line:after,.fr-icon-a-line:before{-webkit-mask-image:url(../icons/x/a-line.svg);mask-image:url(../icons/x/a-line.svg)}\n\
         .fr-icon-b-fill:after,.fr-icon-b-fill:before{mask-image:url(\"../icons/y/b-fill.svg\")}\n\
         .fr-icon-b-fill.fr-x:before{content:\"{,}\";background:url('data:image/svg+xml;utf8,<svg>{}</svg>')}\n\
         @media screen and (-ms-high-contrast:active){.fr-icon-a-line:before{background-image:url(../icons/x/a-line.svg)}}\n"
    );
    assert_eq!(refs, set(&["icons/x/a-line.svg", "icons/y/b-fill.svg"]));
}

#[test]
fn subset_of_nothing_keeps_the_banner_only() {
    let (css, refs) = subset(FIXTURE, "utility/icons", "utility", &set(&[])).unwrap();
    assert_eq!(
        css,
        "/*!\n * DSFR v9.9.9 | SPDX-License-Identifier: Etalab-2.0\n */\n"
    );
    assert!(refs.is_empty());
}

#[test]
fn reports_broken_css_and_escaping_urls() {
    let used = set(&["fr-icon-a"]);
    let err = subset(".fr-icon-a{x:url(../../../a.svg)}", "utility", "utility", &used);
    assert_eq!(err.unwrap_err(), "url(../../../a.svg) points outside dist/");
    assert!(
        subset(".fr-icon-a{x:y", "", "", &used)
            .unwrap_err()
            .starts_with("unbalanced")
    );
}

#[test]
fn a_selector_requires_the_classes_outside_parentheses_and_brackets() {
    let req = |sel: &str| required_classes(sel);
    assert_eq!(req(".fr-a .fr-b>.fr-c:hover"), ["fr-a", "fr-b", "fr-c"]);
    assert_eq!(req(".fr-a:not(.fr-b):is(.fr-c,.fr-d)::before"), ["fr-a"]);
    assert_eq!(
        req("a[href$=\".pdf\"][class*=\" fr-icon-\"]"),
        Vec::<String>::new()
    );
    assert_eq!(
        req(".fr-tile--vertical\\@md .fr-x"),
        ["fr-tile--vertical@md", "fr-x"]
    );
    assert_eq!(req(".fr-\\31 0 .b"), ["fr-10", "b"]);
    assert_eq!(req(":root[data-fr-theme=dark]"), Vec::<String>::new());
}

#[test]
fn selects_the_rules_that_can_apply() {
    let css = "@charset \"UTF-8\";/*! banner */a{x:y}.fr-a,.fr-b{x:y}.fr-a .fr-b{x:y}\
               .fr-a:not(.fr-b){x:y}@keyframes k{0%{x:y}}@media (min-width:1em){.fr-b{x:y}}\
               @media print{.fr-a{x:y}}[class*=\" fr-b\"]{x:url(i/b.svg)}";
    let out = select_rules(css, &|c| c == "fr-a").unwrap();
    assert_eq!(
        out,
        "@charset \"UTF-8\";\n/*! banner */\n\
         /* The rules that can apply to the classes of this site's pages (atelier). */\n\
         a{x:y}\n.fr-a{x:y}\n.fr-a:not(.fr-b){x:y}\n@keyframes k{0%{x:y}}\n\
         @media print{.fr-a{x:y}}\n[class*=\" fr-b\"]{x:url(i/b.svg)}\n"
    );
    assert!(select_rules(".fr-a{", &|_| true).is_err());
}

#[test]
fn finds_the_words_a_script_quotes() {
    let js = "ns.selector('collapsing'); id: \"expanded\", `opened`; re = /['\"]/; 'Not', 'a b', 'x'+'y'";
    let got: Vec<String> = script_names(js).into_iter().collect();
    assert_eq!(got, ["collapsing", "expanded", "opened", "x", "y"]);
}

#[test]
fn finds_local_urls_only() {
    let css = "@font-face{src:url(fonts/M.woff2) format(\"woff2\"),url('fonts/M.woff?v=1#x')}\
               a{b:url(\"data:image/svg+xml,<svg>url(x.svg)</svg>\");c:url(https://e.org/x.svg);d:url(#m);e:url( icons/a.svg )}";
    assert_eq!(local_urls(css), ["fonts/M.woff2", "fonts/M.woff", "icons/a.svg"]);
}

#[test]
fn resolves_and_relativises_paths() {
    assert_eq!(
        resolve("utility/icons", "../../icons/a.svg").unwrap(),
        "icons/a.svg"
    );
    assert_eq!(resolve("", "./fonts/a.woff").unwrap(), "fonts/a.woff");
    assert_eq!(resolve("", "../a"), None);
    assert_eq!(relative("utility", "icons/a.svg"), "../icons/a.svg");
    assert_eq!(relative("", "icons/a.svg"), "icons/a.svg");
    assert_eq!(relative("a/b", "a/c/d"), "../c/d");
}
