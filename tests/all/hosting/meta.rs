//! What each page says about itself (`partials/meta.html`), and template includes.

use super::site::{build_site, copy_repo_site};
use crate::common::{DATE, TestSite};

#[test]
fn every_page_describes_itself_with_absolute_urls() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let base = "https://atelier.exemple.gouv.fr/atelier/";
    let root = copy_repo_site(tmp.path());
    // An old address of a startup, as fiches of the beta.gouv.fr network have.
    let fiche = root.join("content/startups/languia.md");
    let text = std::fs::read_to_string(&fiche).unwrap();
    let text = text.replacen(
        "---\n",
        "---\nredirect_from:\n  - /startups/ancienne-adresse\n",
        1,
    );
    std::fs::write(&fiche, text).unwrap();
    build_site(&root, &out, base, &["--no-minify"]);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let mut checked = 0;
    let mut redirects = 0;
    for (rel, html) in crate::common::html_pages(&out) {
        let doc = scraper::Html::parse_document(&html);
        let attr = |css: &str, name: &str| -> Vec<String> {
            doc.select(&select(css))
                .filter_map(|e| e.value().attr(name).map(str::to_string))
                .collect()
        };
        if html.contains("http-equiv=\"refresh\"") {
            // An old address: its canonical URL is the new address, absolute.
            let refresh = attr("meta[http-equiv=refresh]", "content");
            let target = refresh[0].split("url=").nth(1).unwrap();
            let absolute = format!("{}{target}", base.trim_end_matches("/atelier/"));
            assert_eq!(attr("link[rel=canonical]", "href"), [absolute], "{rel}");
            redirects += 1;
            continue;
        }
        let page_url = format!("{base}{}", rel.trim_end_matches("index.html"));
        assert_eq!(attr("html", "lang"), ["fr"], "{rel}");
        // The 404 page is served at every missing address: it names no address of its own.
        let own_url: &[&str] = if rel == "404.html" {
            &[]
        } else {
            &[page_url.as_str()]
        };
        assert_eq!(attr("link[rel=canonical]", "href"), own_url, "{rel}");
        assert_eq!(attr("meta[property='og:url']", "content"), own_url, "{rel}");
        assert_eq!(attr("meta[property='og:locale']", "content"), ["fr_FR"], "{rel}");
        let description = attr("meta[name=description]", "content");
        assert!(
            description.len() == 1 && !description[0].is_empty(),
            "{rel}: {description:?}"
        );
        let image = attr("meta[property='og:image']", "content");
        assert_eq!(image.len(), 1, "{rel}");
        let image_file = image[0]
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{rel}: og:image {} is not on the site", image[0]));
        assert!(
            out.join(image_file).is_file(),
            "{rel}: og:image {image_file} does not exist"
        );
        assert_eq!(
            attr("meta[name='twitter:card']", "content"),
            ["summary_large_image"],
            "{rel}"
        );
        assert_eq!(
            attr("link[rel=alternate][type='application/atom+xml']", "href"),
            ["/atelier/actualites/atom.xml"],
            "{rel}"
        );
        let robots = attr("meta[name=robots]", "content");
        let og_type = attr("meta[property='og:type']", "content");
        match rel.as_str() {
            // The search results, and the components page written for editors.
            "recherche/index.html" | "composants/index.html" => assert_eq!(robots, ["noindex"], "{rel}"),
            _ => assert!(robots.is_empty(), "{rel}: {robots:?}"),
        }
        // News items; the news list and its pages (`actualites/page/2/`) are listings.
        if rel.starts_with("actualites/")
            && rel != "actualites/index.html"
            && !rel.starts_with("actualites/page/")
        {
            assert_eq!(og_type, ["article"], "{rel}");
            assert_eq!(
                attr("meta[property='article:published_time']", "content").len(),
                1,
                "{rel}"
            );
        } else {
            assert_eq!(og_type, ["website"], "{rel}");
        }
        checked += 1;
    }
    assert!(checked > 70, "{checked} pages checked");
    assert!(redirects > 0, "the site has old addresses (redirect_from)");
}

#[test]
fn templates_can_include_partials_and_missing_ones_are_reported() {
    let site = TestSite::minimal();
    site.write("templates/partials/note.html", "<p>Note : {{ page.title }}</p>");
    site.write(
        "templates/home.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"partials/note.html\" %}{% endblock content %}",
    );
    site.build(&["--no-minify"]);
    assert!(site.read("public/index.html").contains("<p>Note : Accueil</p>"));
    site.write(
        "templates/home.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"partials/absente.html\" %}{% endblock content %}",
    );
    let run = site.run(&["build", "--date", DATE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("Unknown template `partials/absente.html`"),
        "{}",
        run.stderr
    );
}
