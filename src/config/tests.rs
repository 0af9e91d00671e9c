//! Unit tests of the settings: defaults, errors and where they point.

use super::*;

#[test]
fn minimal_config_gets_defaults() {
    let c = SiteConfig::parse("title: Atelier\n").unwrap();
    assert_eq!(c.theme, "dsfr");
    assert!(c.minify);
    assert_eq!(c.accessibility_status, AccessibilityStatus::NonConforme);
    assert_eq!(c.base_path(), "/");
}

#[test]
fn unknown_keys_are_errors_with_a_hint() {
    let errs = SiteConfig::parse("title: A\nthme: dsfr\nfooter:\n  descripton: x\n").unwrap_err();
    let msgs: Vec<String> = errs
        .iter()
        .map(|d| format!("{} {} {:?}", d.location.as_ref().unwrap(), d.message, d.help))
        .collect();
    assert_eq!(
        msgs,
        [
            "site.yaml:2:1 unknown key `thme` Some(\"did you mean `theme`?\")",
            "site.yaml:4:3 unknown key `footer.descripton` Some(\"did you mean `description`?\")",
        ]
    );
}

#[test]
fn bad_status_names_the_choices() {
    let errs = SiteConfig::parse("title: A\naccessibility_status: conforme\n").unwrap_err();
    assert_eq!(errs[0].location.as_ref().unwrap().to_string(), "site.yaml:2:23");
    assert!(errs[0].message.contains("non conforme"), "{}", errs[0].message);
}

#[test]
fn base_paths() {
    assert_eq!(base_path("https://example.org").unwrap(), "/");
    assert_eq!(base_path("https://example.org/atelier").unwrap(), "/atelier/");
    assert_eq!(base_path("/preview/").unwrap(), "/preview/");
    assert!(base_path("example.org").is_err());
    assert!(base_path("https:///x").is_err());
}

#[test]
fn raw_html_setting() {
    use crate::raw_html::Mode;
    assert_eq!(SiteConfig::parse("title: A\n").unwrap().raw_html, Mode::Sanitize);
    let c = SiteConfig::parse("title: A\nraw_html: trusted\n").unwrap();
    assert_eq!(c.raw_html, Mode::Trusted);
    let errs = SiteConfig::parse("title: A\nraw_html: yes\n").unwrap_err();
    assert_eq!(errs[0].location.as_ref().unwrap().to_string(), "site.yaml:2:11");
}

#[test]
fn refused_link_urls_are_errors_and_left_out() {
    let yaml = "title: A\nmenu:\n - {title: a, url: /}\n - title: b\n   url: 'JavaScript:alert(1)'\n\
                footer:\n  links:\n   - title: c\n     url: \"data:text/html,x\"\n   - {title: d, url: 'mailto:a@b.fr'}\n";
    let (c, diags) = SiteConfig::parse_partial(yaml).unwrap();
    let found: Vec<String> = diags
        .iter()
        .map(|d| format!("{} {}", d.location.as_ref().unwrap(), d.message))
        .collect();
    assert_eq!(
        found,
        [
            "site.yaml:5:9 `menu[1].url`: the URL scheme `javascript:` is not allowed, only \
             http, https, mailto, tel and addresses of the site",
            "site.yaml:9:11 `footer.links[0].url`: the URL scheme `data:` is not allowed, only \
             http, https, mailto, tel and addresses of the site",
        ]
    );
    assert!(diags.iter().all(Diagnostic::is_error));
    let urls: Vec<&str> = c
        .menu
        .iter()
        .chain(&c.footer.links)
        .map(|l| l.url.as_str())
        .collect();
    assert_eq!(urls, ["/", "mailto:a@b.fr"]);
}

#[test]
fn cms_setting() {
    let c = SiteConfig::parse("title: A\n").unwrap();
    assert_eq!(c.cms, Cms::Default);
    assert_eq!(c.cms.published(true).unwrap().path, "admin");
    assert_eq!(c.cms.published(false), None);
    let c = SiteConfig::parse("title: A\ncms: none\n").unwrap();
    assert_eq!(c.cms.published(true), None);
    let c = SiteConfig::parse("title: A\ncms:\n  path: /edition/cms/\n  repo: culture/atelier\n").unwrap();
    let s = c.cms.published(false).unwrap();
    assert_eq!(
        (s.path.as_str(), s.repo.as_deref()),
        ("edition/cms", Some("culture/atelier"))
    );
    assert_eq!(
        (s.branch.as_str(), s.base_url.as_str()),
        ("main", "https://gitlab.com")
    );
    let errs = SiteConfig::parse("title: A\ncms: aucun\n").unwrap_err();
    assert_eq!(errs[0].location.as_ref().unwrap().to_string(), "site.yaml:2:6");
    assert!(errs[0].message.contains("`none`"), "{}", errs[0].message);
    let errs = SiteConfig::parse("title: A\ncms:\n  rep: x\n  path: ../x\n").unwrap_err();
    let msgs: Vec<String> = errs
        .iter()
        .map(|d| format!("{} {}", d.location.as_ref().unwrap(), d.message))
        .collect();
    assert_eq!(
        msgs,
        [
            "site.yaml:3:3 unknown key `cms.rep`",
            "site.yaml:4:9 `cms.path` must be a folder of the site, found `../x`",
        ]
    );
}

#[test]
fn too_many_quick_links() {
    let yaml = "title: A\nquick_links:\n - {title: a, url: /}\n - {title: b, url: /}\n - {title: c, url: /}\n - {title: d, url: /}\n";
    let errs = SiteConfig::parse(yaml).unwrap_err();
    assert!(errs[0].message.contains("at most three"));
    assert_eq!(errs[0].location.as_ref().unwrap().line, 6);
}
