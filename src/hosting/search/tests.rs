use super::*;

/// A minified page as minify-html writes it: no whitespace between elements, optional end
/// tags left out.
const MINIFIED: &str = "<!doctype html><html lang=fr><body><header>Menu</header><main>\
    <h1>Ada</h1><table><caption>Dates</caption><tr><th>Phase<th>Début<tr><td>Investigation<td>2025\
    </table><dl><dt>Statut<dd>en cours</dl><p><strong>Fa</strong><em>ritas</em></main></body></html>";

#[test]
fn words_of_touching_blocks_stay_apart_in_the_index() {
    let files = build("fr", pages_of(MINIFIED)).expect("an index");
    let text = indexed_text(&files);
    assert_eq!(text.len(), 1, "{text:?}");
    let words: Vec<&str> = text[0].split(|c: char| !c.is_alphanumeric()).collect();
    for word in ["Dates", "Phase", "Début", "Investigation", "2025", "Statut", "en"] {
        assert!(words.contains(&word), "`{word}` is not a word of {:?}", text[0]);
    }
    // Inline elements are left touching: a word split by emphasis stays one word.
    assert!(words.contains(&"Faritas"), "{:?}", text[0]);
    assert!(!text[0].contains("Menu"), "only <main> is indexed: {:?}", text[0]);
    // Pagefind ends a heading or a paragraph with a full stop, for excerpts that read well.
    assert!(text[0].starts_with("Ada. "), "{:?}", text[0]);
}

/// The page at `url` of the site, as [`pages`] gives it, from its rendered `html`.
fn indexed(url: &str, html: &str) -> Page {
    let source = Source::of(html);
    Page {
        url: url.to_string(),
        path: format!("{}index.html", url.trim_start_matches('/')),
        key: record_key("fr", url, &source),
        html: Some(source.html()),
    }
}

fn pages_of(html: &str) -> Vec<Page> {
    vec![indexed("/startups/ada/", html)]
}

/// The rendered page at `url`, saying `text`.
fn rendered(url: &str, text: &str) -> String {
    format!("<html lang=fr><body><main><h1>{url}</h1><p>{text}</p></main></body></html>")
}

/// A page of the site, as [`pages`] gives it.
fn page(url: &str, text: &str) -> Page {
    indexed(url, &rendered(url, text))
}

/// Builds `pages` with what `reuse` holds, and checks that the files are a clean
/// build's, byte for byte; returns what the next build can reuse.
fn same_as_clean(pages: Vec<Page>, reuse: Reuse) -> Reuse {
    let clean = build("fr", pages.clone()).expect("a clean index");
    let mut kept = Kept::decoded(reuse, Vec::new());
    let (files, used) = build_reusing("fr", pages.clone(), &mut kept).expect("an index");
    let paths = |f: &[Output]| f.iter().map(|o| o.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&files), paths(&clean));
    for (a, b) in files.iter().zip(&clean) {
        assert!(a.bytes == b.bytes, "{} differs from a clean build's", a.path);
    }
    assert_eq!(
        used.records.len(),
        pages.len(),
        "a record for each page, no other"
    );
    used
}

#[test]
fn an_index_made_with_kept_records_is_a_clean_build_s() {
    let mut pages: Vec<_> = (0..6)
        .map(|i| {
            page(
                &format!("/startups/s{i}/"),
                &format!("Les lanternes numéro {i} éclairent."),
            )
        })
        .collect();
    let reuse = same_as_clean(pages.clone(), Reuse::default());
    assert!(!reuse.gzipped.is_empty(), "gzipped files are kept");
    // A page's text changes, not its URL.
    pages[2] = page("/startups/s2/", "Un texte tout autre, sur les phares.");
    let reuse = same_as_clean(pages.clone(), reuse);
    // A page added in the middle, which moves the page numbers after it.
    pages.insert(1, page("/startups/nouvelle/", "Une nouvelle startup."));
    let reuse = same_as_clean(pages.clone(), reuse);
    // A page removed.
    pages.remove(4);
    let reuse = same_as_clean(pages.clone(), reuse);
    // Records of other pages, and gzipped bytes that are not what their key says, are
    // never given to pages they are not the key of: only a key's record is used.
    let mut wrong = Reuse::default();
    let other = reuse.records.values().next().unwrap().clone();
    let mut damaged = Reuse::default();
    for page in &pages {
        damaged.records.insert(page.key, Bytes(b"not a record".to_vec()));
    }
    same_as_clean(pages.clone(), damaged);
    for page in &pages {
        let html = format!("{} ", rendered(&page.url, "autre"));
        wrong
            .records
            .insert(record_key("fr", &page.url, &Source::of(&html)), other.clone());
    }
    same_as_clean(pages.clone(), wrong);
    // The pages whose records are kept are given without their text, as `pages` gives
    // them: the index is the same.
    let kept = Kept::decoded(reuse, Vec::new());
    let without_text: Vec<Page> = pages
        .iter()
        .map(|p| Page {
            html: p.html.clone().filter(|_| !kept.has(&p.key)),
            ..p.clone()
        })
        .collect();
    assert!(without_text.iter().any(|p| p.html.is_none()));
    let clean = build("fr", pages).expect("a clean index");
    let (files, _) = build_reusing("fr", without_text.clone(), &mut { kept }).expect("an index");
    assert!(files == clean, "an index of pages without their text differs");
    // A page given without its text, whose record is not kept, is an error, not a panic.
    let err = build("fr", without_text).expect_err("no text, no record");
    assert!(err.to_string().contains("without its text"), "{err}");
}

/// The kept records are read once told to, or when taken, and never when let go of untold
/// (a build whose index the cache holds).
#[test]
fn kept_records_are_read_only_when_wanted() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let opened = Arc::new(AtomicUsize::new(0));
    let reading = |opened: &Arc<AtomicUsize>| {
        let opened = Arc::clone(opened);
        KeptReading::start(move || {
            opened.fetch_add(1, Ordering::SeqCst);
            None
        })
    };
    drop(reading(&opened));
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(
        opened.load(Ordering::SeqCst),
        0,
        "let go of untold, it read the memos"
    );
    let kept = reading(&opened);
    kept.go();
    kept.go();
    assert!(kept.take().records.is_empty());
    assert_eq!(opened.load(Ordering::SeqCst), 1, "told twice, taken: read once");
    assert!(reading(&opened).take().records.is_empty());
    assert_eq!(opened.load(Ordering::SeqCst), 2, "taken untold: read");
}

#[test]
fn the_records_of_a_language_are_not_another_s() {
    let html = rendered("/a/", "Lanternes");
    let source = Source::of(&html);
    assert_ne!(record_key("fr", "/a/", &source), record_key("en", "/a/", &source));
    assert_ne!(record_key("fr", "/a/", &source), record_key("fr", "/b/", &source));
    // The page's language is read by Pagefind: it is in the key.
    let english = html.replace("lang=fr", "lang=en");
    assert_ne!(
        record_key("fr", "/a/", &source),
        record_key("fr", "/a/", &Source::of(&english))
    );
    // What is outside `<main>` is not.
    let menu = html.replace("<body>", "<body><header>Menu</header>");
    assert_eq!(
        record_key("fr", "/a/", &source),
        record_key("fr", "/a/", &Source::of(&menu))
    );
}

#[test]
fn a_space_goes_around_every_tag_but_inline_ones() {
    let normalized = |html: &str| spaced(html).split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        normalized("<tr><th>A</th><th>B</th></tr>"),
        "<tr> <th>A</th> <th>B</th> </tr>"
    );
    // minify-html leaves out the end tags HTML lets go.
    assert_eq!(
        normalized("<dl><dt>Statut<dd>en cours</dl>"),
        "<dl> <dt>Statut <dd>en cours</dl>"
    );
    assert_eq!(normalized("<p><b>Fa</b><i>ritas</i>"), "<p><b>Fa</b><i>ritas</i>");
    assert_eq!(
        normalized("x<!-- a<b --><td title=\"a>b\">y"),
        "x <!-- a<b --> <td title=\"a>b\">y"
    );
    assert_eq!(spaced("texte sans balise"), "texte sans balise");
}

/// `get_files_once` (the vendored patch atelier builds with) gives the pages up instead of
/// copying them, and pages read by `read_html_files` come with their words packed for the
/// index (with their own metadata field numbers): the files must be those of Pagefind's
/// own `get_files` from `add_html_file`, byte for byte, with a page that has no words left
/// out by all, and a page with an image (two metadata fields more than the others).
#[test]
fn files_made_once_are_pagefind_s_own() {
    let mut pages: Vec<(String, String)> = (0..5)
        .map(|i| {
            let url = format!("/startups/s{i}/");
            let html = rendered(&url, &format!("Les archives numéro {i} s'ouvrent."));
            (url, html)
        })
        .collect();
    pages.push((
        "/vide/".to_string(),
        "<html lang=fr><body><main></main></body></html>".to_string(),
    ));
    pages.push((
        "/image/".to_string(),
        "<html lang=fr><body><main><h1>Une affiche</h1><img src=/a.png alt=\"Affiche des archives\">\
         <p>Les archives en images.</p></main></body></html>"
            .to_string(),
    ));
    #[derive(Clone, Copy)]
    enum Made {
        Own,
        Once,
        Records,
    }
    let files = |made: Made| {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        runtime.block_on(async {
            let options = PagefindServiceConfig::builder()
                .root_selector("main".to_string())
                .force_language("fr".to_string())
                .keep_index_url(false)
                .build();
            let mut index = PagefindIndex::new(Some(options)).unwrap();
            if let Made::Records = made {
                let records = index.read_html_files(pages.clone()).await;
                index
                    .add_records(records.into_iter().map(|r| r.unwrap()).collect())
                    .await;
            } else {
                for (url, html) in &pages {
                    index
                        .add_html_file(None, Some(url.clone()), html.clone())
                        .await
                        .unwrap();
                }
            }
            let mut files = match made {
                Made::Own => index.get_files().await.unwrap(),
                Made::Once | Made::Records => index.get_files_once().await.unwrap(),
            };
            files.sort_by(|a, b| a.filename.cmp(&b.filename));
            files
                .into_iter()
                .map(|f| (f.filename, f.contents))
                .collect::<Vec<_>>()
        })
    };
    let own = files(Made::Own);
    // The files of Pagefind 1.6.0 before atelier's patches for these pages (their names
    // are hashes of their bytes): to make again with an upgrade of Pagefind.
    let names: Vec<String> = own
        .iter()
        .map(|(name, _)| name.display().to_string())
        .filter(|name| name.contains(".pf_"))
        .collect();
    assert_eq!(
        names,
        [
            "fragment/fr_9557b6a.pf_fragment",
            "fragment/fr_9630a1a.pf_fragment",
            "fragment/fr_c35a893.pf_fragment",
            "fragment/fr_c846677.pf_fragment",
            "fragment/fr_ce90b68.pf_fragment",
            "fragment/fr_f7dc0ea.pf_fragment",
            "index/fr_9f26f56.pf_index",
            "pagefind.fr_f9598c8587.pf_meta",
        ]
    );
    for made in [Made::Once, Made::Records] {
        let other = files(made);
        let fragments = other
            .iter()
            .filter(|(name, _)| name.starts_with("fragment"))
            .count();
        assert_eq!(fragments, 6, "one fragment per page with words");
        assert_eq!(other.len(), own.len());
        for ((a, x), (b, y)) in other.iter().zip(&own) {
            assert_eq!(a, b);
            assert!(x == y, "{} differs from get_files'", a.display());
        }
    }
}
