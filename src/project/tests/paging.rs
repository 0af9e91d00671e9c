//! Listings split into pages (`paginate_by`) in the preview: a new, removed or redated
//! news item moves items across pages, adds or removes a page; a new `paginate_by` makes
//! other pages. After each edit the preview is the site a fresh build makes.

use super::Fixture;

/// The fixture's news list by 1, shown by a site template that renders the paginator and
/// the slice of the list it shows.
const TEMPLATE: &str = "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>\
<ul>{% for n in site.news[paginator.start:paginator.end] %}<li>{{ n.title }}</li>{% endfor %}</ul>\
<p>{{ paginator.number }}/{{ paginator.pages }} {{ paginator.previous }} {{ paginator.next }}</p>\
{% endblock content %}";

fn news(f: &Fixture, slug: &str, date: &str, title: &str) {
    f.write(
        &format!("content/actualites/{date}-{slug}.md"),
        &format!("---\ntitle: {title}\ndate: {date}\n---\nTexte.\n"),
    );
}

#[test]
fn news_move_across_pages_as_in_a_fresh_build() {
    news_across_pages(TEMPLATE);
}

#[test]
fn pages_that_show_only_the_paginator_follow_it() {
    news_across_pages(NUMBERS);
}

fn news_across_pages(template: &str) {
    let mut f = Fixture::with(&[(
        "content/actualites/_index.md",
        "---\ntitle: Actualités\npaginate_by: 1\n---\nLes nouvelles.\n",
    )]);
    f.write("templates/news_list.html", template);
    f.apply(&["templates/news_list.html"]);
    f.assert_fresh("site template");
    assert!(
        f.project.output("actualites/page/2/index.html").is_none(),
        "one item, one page"
    );

    news(&f, "deux", "2026-02-01", "Deuxième");
    f.apply(&["content/actualites/2026-02-01-deux.md"]);
    f.assert_fresh("a newer item");
    let second =
        String::from_utf8_lossy(f.project.output("actualites/page/2/index.html").unwrap()).into_owned();
    assert!(second.contains("2/2"), "page 2 of 2:\n{second}");

    news(&f, "trois", "2026-03-01", "Troisième");
    f.apply(&["content/actualites/2026-03-01-trois.md"]);
    f.assert_fresh("a third item");

    std::fs::remove_file(f.root.join("content/actualites/2026-02-01-deux.md")).unwrap();
    news(&f, "deux", "2025-12-01", "Deuxième");
    f.apply(&[
        "content/actualites/2026-02-01-deux.md",
        "content/actualites/2025-12-01-deux.md",
    ]);
    f.assert_fresh("an item redated to the end");

    std::fs::remove_file(f.root.join("content/actualites/2026-03-01-trois.md")).unwrap();
    f.apply(&["content/actualites/2026-03-01-trois.md"]);
    f.assert_fresh("an item removed");
    assert!(
        f.project.output("actualites/page/3/index.html").is_none(),
        "the last page is gone"
    );

    f.replace("content/actualites/_index.md", "paginate_by: 1", "paginate_by: 2");
    f.apply(&["content/actualites/_index.md"]);
    f.assert_fresh("two per page");
    assert!(f.project.output("actualites/page/2/index.html").is_none());
}

/// A listing template (also of the phase and thématique pages) that shows the paginator
/// and nothing of the list: what it shows depends on the number of items only through
/// the paginator.
const NUMBERS: &str = "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>\
{% if paginator is defined %}<p>{{ paginator.number }}/{{ paginator.pages }} ({{ paginator.items }}) {{ paginator.next }}</p>{% endif %}\
{% endblock content %}";

#[test]
fn startups_move_across_pages_as_in_a_fresh_build() {
    let mut f = Fixture::with(&[(
        "content/startups/_index.md",
        "---\ntitle: Les startups\npaginate_by: 2\n---\nToutes.\n",
    )]);
    assert!(f.project.output("startups/page/2/index.html").is_some());
    f.write("templates/startups.html", NUMBERS);
    f.apply(&["templates/startups.html"]);
    f.assert_fresh("site template");
    f.replace("content/startups/ada.md", "title: Ada", "title: Zed");
    f.apply(&["content/startups/ada.md"]);
    f.assert_fresh("a startup renamed to the end of the list");
    std::fs::remove_file(f.root.join("content/startups/carto.md")).unwrap();
    f.apply(&["content/startups/carto.md"]);
    f.assert_fresh("a startup removed");
    assert!(f.project.output("startups/page/2/index.html").is_none());
}
