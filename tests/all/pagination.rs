//! Listings split into pages (`paginate_by`) and the share setting, on the real binary:
//! what an editor gets for a bad value, a key on a page that lists nothing, or a page of
//! the listing that would take another page's address; and the share links, which only a
//! site with `share: true` and a public address gets. The pages themselves are compared
//! byte for byte by the golden test (`tests/fixtures/sites/paging`), the DSFR markup is
//! checked by `tests/all/theme.rs`.

use crate::common::{DATE, TestSite};

fn news_list(paginate_by: &str) -> TestSite {
    let site = TestSite::fixture("paging");
    site.write(
        "content/actualites/_index.md",
        &format!("---\ntitle: Actualités\npaginate_by: {paginate_by}\n---\nLes nouvelles.\n"),
    );
    site
}

/// `stderr` reports `message` at `location` (`file:line:column`).
fn says(stderr: &str, message: &str, location: &str) {
    assert!(
        stderr.contains(message) && stderr.contains(&format!("--> {location}")),
        "expected `{message}` at {location}:\n{stderr}"
    );
}

#[test]
fn a_bad_paginate_by_is_an_error_at_its_value() {
    for (value, message) in [
        ("0", "`paginate_by` is 0"),
        ("-3", "`paginate_by` is -3"),
        ("dix", "expected a whole number, found the text `dix`"),
        ("2.5", "expected a whole number, found the number 2.5"),
    ] {
        let site = news_list(value);
        let run = site.run(&["build", "--date", DATE]);
        assert_eq!(run.code, 1, "{value}: the build refuses:\n{}", run.stderr);
        says(&run.stderr, message, "content/actualites/_index.md:3:14");
        assert!(
            !site.root().join("public").exists(),
            "{value}: nothing is written"
        );
    }
}

#[test]
fn paginate_by_on_a_page_that_lists_nothing_is_a_warning() {
    let site = TestSite::fixture("paging");
    site.write(
        "content/_index.md",
        "---\ntitle: Accueil\npaginate_by: 5\n---\nBienvenue.\n",
    );
    let run = site.build(&["--no-minify"]);
    says(
        &run.stderr,
        "warning: `paginate_by` on a page that lists nothing",
        "content/_index.md:3:14",
    );
    assert!(!site.root().join("public/page/2").exists());
}

#[test]
fn a_page_of_the_listing_at_the_address_of_another_page_is_an_error() {
    let site = TestSite::fixture("paging");
    site.write(
        "content/actualites/page/2.md",
        "---\ntitle: Une page\n---\nTexte.\n",
    );
    let run = site.run(&["build", "--date", DATE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    says(
        &run.stderr,
        "page 2 of this listing would be `/actualites/page/2/`",
        "content/actualites/_index.md:3:14",
    );
}

#[test]
fn the_last_page_holds_the_rest_and_no_page_is_empty() {
    for (per_page, pages) in [("1", 5), ("2", 3), ("4", 2), ("5", 1), ("100", 1)] {
        let site = news_list(per_page);
        site.build(&["--no-minify"]);
        for n in 2..=pages {
            let page = site.read(&format!("public/actualites/page/{n}/index.html"));
            assert!(
                page.contains(&format!("page {n} sur {pages}")),
                "{per_page}: {page}"
            );
            assert!(
                page.contains("<li><a href=\"/atelier/actualites/nouvelle-"),
                "{per_page}: page {n} lists items"
            );
        }
        assert!(
            !site
                .root()
                .join(format!("public/actualites/page/{}", pages + 1))
                .exists(),
            "{per_page}: {pages} pages"
        );
        let sitemap = site.read("public/sitemap.xml");
        assert_eq!(
            sitemap.matches("/actualites/page/").count(),
            pages - 1,
            "{per_page}: {sitemap}"
        );
    }
}

#[test]
fn share_links_need_the_setting_and_a_public_address() {
    let site = TestSite::fixture("paging");
    site.build(&["--no-minify"]);
    assert!(
        site.read("public/actualites/nouvelle-1/index.html")
            .contains("class=\"share\"")
    );
    assert!(
        site.read("public/startups/alpha/index.html")
            .contains("class=\"share\"")
    );
    assert!(
        !site
            .read("public/actualites/index.html")
            .contains("class=\"share\""),
        "not on listings"
    );

    let settings = site.read("site.yaml");
    site.write("site.yaml", &settings.replace("share: true\n", ""));
    site.build(&["--no-minify"]);
    assert!(
        !site
            .read("public/actualites/nouvelle-1/index.html")
            .contains("class=\"share\""),
        "off by default"
    );

    site.write(
        "site.yaml",
        &settings.replace(
            "base_url: https://exemple.gouv.fr/atelier/",
            "base_url: /atelier/",
        ),
    );
    site.build(&["--no-minify"]);
    assert!(
        !site
            .read("public/actualites/nouvelle-1/index.html")
            .contains("class=\"share\""),
        "no absolute address to share"
    );
}

/// `check --external` does not request the share links: one per page to each network, which
/// turns robots away. The fixture has no other external link.
#[test]
fn external_checks_leave_the_share_links_alone() {
    let site = TestSite::fixture("paging");
    let run = site.run(&["check", "--date", DATE, "--external"]);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(run.code, 0, "{said}");
    assert!(said.contains("External links: 0 checked"), "{said}");
}

/// The paging fixture with `terms_paginate_by` (its five startups are all in construction).
fn phases_by(per_page: &str) -> TestSite {
    let site = TestSite::fixture("paging");
    let settings = site.read("site.yaml");
    site.write("site.yaml", &format!("{settings}terms_paginate_by: {per_page}\n"));
    site
}

#[test]
fn the_page_of_a_phase_splits_with_terms_paginate_by() {
    let site = phases_by("2");
    site.build(&["--no-minify"]);
    let first = site.read("public/startups/phase/construction/index.html");
    let second = site.read("public/startups/phase/construction/page/2/index.html");
    let third = site.read("public/startups/phase/construction/page/3/index.html");
    assert!(
        !site
            .root()
            .join("public/startups/phase/construction/page/4")
            .exists(),
        "five startups, two a page: three pages"
    );
    // Each page shows its share of the startups, in the order of the whole list.
    let shown = |page: &str| {
        ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
            .into_iter()
            .filter(|name| page.contains(&format!(">Startup {name}</a> (")))
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&first), ["Alpha", "Bravo"], "{first}");
    assert_eq!(shown(&second), ["Charlie", "Delta"], "{second}");
    assert_eq!(shown(&third), ["Echo"], "{third}");
    // Its title, its pagination and its links to the pages before and after.
    assert!(second.contains("page 2 sur 3"), "{second}");
    assert!(
        second.contains("<link rel=\"prev\" href=\"/atelier/startups/phase/construction/\">"),
        "{second}"
    );
    assert!(
        second.contains("<link rel=\"next\" href=\"/atelier/startups/phase/construction/page/3/\">"),
        "{second}"
    );
    assert!(first.contains("Page 1 sur 3 (5 éléments, 2 par page)"), "{first}");
    // The search engines are told of every page.
    let sitemap = site.read("public/sitemap.xml");
    assert_eq!(
        sitemap.matches("/startups/phase/construction/page/").count(),
        2,
        "{sitemap}"
    );
}

#[test]
fn without_terms_paginate_by_a_phase_is_one_page_and_zero_is_an_error() {
    let site = TestSite::fixture("paging");
    site.build(&["--no-minify"]);
    let page = site.read("public/startups/phase/construction/index.html");
    assert!(!page.contains("Page 1 sur"), "{page}");
    assert!(
        !site
            .root()
            .join("public/startups/phase/construction/page")
            .exists()
    );

    refused_at_terms_paginate_by(&phases_by("0"), "`terms_paginate_by` is 0");
}

/// The build of `site` (made by [`phases_by`]) refuses, reporting `message` at the value of
/// `terms_paginate_by`, the last line of its `site.yaml`.
fn refused_at_terms_paginate_by(site: &TestSite, message: &str) {
    let run = site.run(&["build", "--date", DATE]);
    assert_eq!(run.code, 1, "the build refuses:\n{}", run.stderr);
    let line = site.read("site.yaml").lines().count();
    says(&run.stderr, message, &format!("site.yaml:{line}:20"));
}

#[test]
fn a_page_of_a_phase_at_the_address_of_another_page_is_an_error_at_the_setting() {
    let site = phases_by("2");
    site.write(
        "content/startups/phase/construction/page/2.md",
        "---\ntitle: Une page\n---\nTexte.\n",
    );
    refused_at_terms_paginate_by(
        &site,
        "page 2 of this listing would be `/startups/phase/construction/page/2/`",
    );
}
