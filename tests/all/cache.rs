//! The build cache (`.atelier-cache/`): a build that takes pages from the cache writes the
//! same bytes as a build without it (`--no-cache`), after any edit. Random edits of the
//! fixture site with the test theme, then edits of the real site with the shipped theme;
//! each round compares the two outputs file by file, and the cache must have been used.

use crate::common;

use crate::common::{TestSite, corpus, tree};

/// A small deterministic generator (xorshift), so that a failing round can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `cache: N of M pages reused`, from `build --timings`.
fn reused(stdout: &str) -> (usize, usize) {
    common::cache_use(stdout, "pages reused")
}

/// Builds with the cache into `public/` and without into `clean/`; they must be equal.
fn compare(site: &TestSite, round: &str) -> (usize, usize) {
    let cached = site.build(&["--timings"]);
    let clean = site.build(&["--no-cache", "-o", "clean"]);
    // The same problems are reported, in the same words.
    assert_eq!(cached.stderr, clean.stderr, "{round}: not the same problems");
    same_trees(site, round);
    reused(&cached.stdout)
}

/// Damages the largest of the memo files whose name starts with `prefix` (`bodies-`,
/// `check-`): `run` bytes in its middle become `#`. Returns its path and file name.
pub(crate) fn damage_largest_memo(site: &TestSite, prefix: &str, run: usize) -> (std::path::PathBuf, String) {
    let memo = std::fs::read_dir(site.root().join(".atelier-cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap_or_else(|| panic!("no {prefix} memo in the cache"));
    let name = memo.file_name().unwrap().to_string_lossy().into_owned();
    let mut bytes = std::fs::read(&memo).unwrap();
    let n = bytes.len();
    for b in &mut bytes[n / 2..n / 2 + run] {
        *b = b'#';
    }
    std::fs::write(&memo, &bytes).unwrap();
    (memo, name)
}

/// The build's messages say, in one note and nothing else of the kind, that the memo file
/// `name` was damaged.
pub(crate) fn says_damaged_once(stderr: &str, name: &str) {
    assert!(stderr.contains(&format!("{name}: damaged")), "{stderr}");
    assert_eq!(stderr.matches("note:").count(), 1, "{stderr}");
}

/// `public/` (a build with the cache) and `clean/` (one without) hold the same files.
pub(crate) fn same_trees(site: &TestSite, round: &str) {
    let (a, b) = (
        tree(&site.root().join("public")),
        tree(&site.root().join("clean")),
    );
    let strip =
        |t: std::collections::BTreeMap<String, Vec<u8>>| -> std::collections::BTreeMap<String, Vec<u8>> {
            t.into_iter().filter(|(p, _)| p != ".atelier-manifest").collect()
        };
    let (a, b) = (strip(a), strip(b));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{round}: not the same files"
    );
    for (path, bytes) in &a {
        assert!(
            *bytes == b[path],
            "{round}: {path} differs with the cache:\n--- cached\n{}\n--- clean\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[path])
        );
    }
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} has no {from:?}");
    site.write(rel, &text.replacen(from, to, 1));
}

#[test]
fn cached_builds_equal_clean_builds_after_random_edits() {
    let site = TestSite::fixture("basic");
    let (reused, _) = compare(&site, "first build");
    assert_eq!(reused, 0, "nothing to reuse on the first build");
    let (reused, total) = compare(&site, "no change");
    assert_eq!(reused, total, "an unchanged site is taken whole from the cache");

    type Edit = fn(&TestSite, usize);
    let edits: [(&str, Edit); 9] = [
        ("a startup's title", |s, n| {
            let t = s.read("content/startups/gamma.md");
            let title = t.lines().find(|l| l.starts_with("title: ")).unwrap().to_string();
            edit(
                s,
                "content/startups/gamma.md",
                &title,
                &format!("title: Écho Gamma {n}"),
            );
        }),
        ("a startup's body", |s, n| {
            let t = s.read("content/startups/gamma.md");
            s.write("content/startups/gamma.md", &format!("{t}\nParagraphe {n}.\n"));
        }),
        ("a startup's phase", |s, n| {
            let phase = ["abandon-investigation", "construction", "acceleration"][n % 3];
            let t = s.read("content/startups/gamma.md");
            let last = t
                .lines()
                .rfind(|l| l.starts_with("  - name: "))
                .unwrap()
                .to_string();
            edit(
                s,
                "content/startups/gamma.md",
                &last,
                &format!("  - name: {phase}"),
            );
        }),
        ("an organisation's name", |s, n| {
            let t = s.read("content/organisations/mc.md");
            let name = t.lines().find(|l| l.starts_with("name: ")).unwrap().to_string();
            edit(
                s,
                "content/organisations/mc.md",
                &name,
                &format!("name: Ministère de la Culture {n}"),
            );
        }),
        ("a new startup", |s, n| {
            s.write(
                &format!("content/startups/nouvelle-{n}.md"),
                &format!(
                    "---\ntitle: Nouvelle {n}\nmission: Essayer.\nincubator: culture\ncontact: n@exemple.gouv.fr\nphases:\n  - name: investigation\n    start: 2024-01-0{}\nthematiques:\n  - patrimoine\n---\nTexte {n}.\n",
                    1 + n % 9
                ),
            );
        }),
        ("a startup removed", |s, _| {
            let dir = s.root().join("content/startups");
            let added: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("nouvelle-"))
                .collect();
            if let Some(p) = added.first() {
                std::fs::remove_file(p).unwrap();
            }
        }),
        ("the menu", |s, n| {
            let t = s.read("site.yaml");
            let title = t
                .lines()
                .find(|l| l.contains("title: Source"))
                .unwrap()
                .to_string();
            edit(s, "site.yaml", &title, &format!("  - title: Source {n}"));
        }),
        ("a template", |s, n| {
            let rel = "themes/test/templates/startup.html";
            edit(
                s,
                rel,
                "{% endblock content %}",
                &format!("<p>{n}</p>{{% endblock content %}}"),
            );
        }),
        ("a news item", |s, n| {
            let rel = "content/actualites/2025-03-14-lancement.md";
            let t = s.read(rel);
            let title = t.lines().find(|l| l.starts_with("title: ")).unwrap().to_string();
            edit(s, rel, &title, &format!("title: Lancement {n}"));
        }),
    ];
    let mut rng = Rng(0x5eed_a7e1_1e2c_ac4e);
    let mut partly = 0;
    for round in 0..14 {
        let mut done = Vec::new();
        for _ in 0..1 + rng.below(2) {
            let (name, f) = edits[rng.below(edits.len())];
            f(&site, round);
            done.push(name);
        }
        let (reused, total) = compare(&site, &format!("round {round} ({})", done.join(", ")));
        if reused > 0 && reused < total {
            partly += 1;
        }
    }
    assert!(
        partly >= 3,
        "the cache served only part of the site in {partly} rounds"
    );
}

/// Listings split into pages (`paginate_by`): items that move across pages, pages that
/// appear and go, with the theme's listing and with a site template that shows only the
/// paginator (what it shows changes only through `render::reads`' paginator read).
#[test]
fn cached_builds_equal_clean_builds_as_items_move_across_pages() {
    let site = TestSite::fixture("paging");
    compare(&site, "first build");
    let news = |date: &str, title: &str| {
        site.write(
            &format!("content/actualites/{date}-n{}.md", &date[5..7]),
            &format!("---\ntitle: {title}\n---\nTexte.\n"),
        )
    };
    news("2026-09-01", "Une nouvelle plus récente");
    let (reused, total) = compare(&site, "a newer news item");
    assert!(
        reused > 0 && reused < total,
        "pages of the listing are rendered again, not the others"
    );
    site.write(
        "templates/news_list.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>\
         <p>{{ paginator.number }}/{{ paginator.pages }} ({{ paginator.items }})</p>{% endblock content %}",
    );
    compare(&site, "a site template showing only the paginator");
    news("2026-10-01", "Une autre");
    compare(&site, "another item: a fourth page");
    std::fs::remove_file(site.root().join("content/actualites/2026-09-01-n09.md")).unwrap();
    compare(&site, "an item removed");
    edit(
        &site,
        "content/actualites/_index.md",
        "paginate_by: 2",
        "paginate_by: 4",
    );
    compare(&site, "four per page");
    std::fs::remove_file(site.root().join("templates/news_list.html")).unwrap();
    site.write(
        "content/startups/aaa.md",
        "---\ntitle: Aaa\nmission: En tête.\nincubator: culture\ncontact: a@exemple.gouv.fr\nphases:\n  - name: construction\n    start: 2025-01-01\n---\n",
    );
    compare(&site, "a startup at the head of the list");
    edit(
        &site,
        "content/startups/_index.md",
        "paginate_by: 1",
        "paginate_by: 3",
    );
    compare(&site, "three startups per page");
}

/// A file's front matter is taken from the cache while the file holds the same bytes,
/// and read again once it changes: by an edit, or by a damaged memo file.
#[test]
fn front_matter_is_taken_from_the_cache_only_while_the_file_is_the_same() {
    let site = TestSite::fixture("basic");
    let front = |run: &common::Run| common::cache_use(&run.stdout, "front matters reused");
    let (taken, total) = front(&site.build(&["--timings"]));
    assert_eq!(taken, 0, "nothing kept before the first build");
    let (kept, _) = front(&site.build(&["--timings"]));
    assert!(kept > total / 2, "{kept} of {total} taken");
    edit(&site, "content/startups/gamma.md", "title: ", "title: Nouveau ");
    let run = site.build(&["--timings"]);
    assert_eq!(
        front(&run),
        (kept - 1, total),
        "the edited file alone is read again"
    );
    let clean = site.build(&["--no-cache", "-o", "clean"]);
    assert_eq!(run.stderr, clean.stderr);
    same_trees(&site, "a title edited");
    assert!(site.read("public/startups/gamma/index.html").contains("Nouveau "));
    let (memo, name) = damage_largest_memo(&site, "documents-", 16);
    let run = site.build(&["--timings"]);
    says_damaged_once(&run.stderr, &name);
    assert!(front(&run).0 < kept, "nothing taken from the damaged file");
    site.build(&["--no-cache", "-o", "clean"]);
    same_trees(&site, "damaged front matters");
    assert!(memo.exists());
    assert_eq!(
        front(&site.build(&["--timings"])).0,
        kept,
        "the damaged file is made again"
    );
}

/// A build run in the site's folder and one given the folder with `--root`, from its
/// parent, by a relative or an absolute path, find each other's pages and bodies.
#[test]
fn the_cache_is_found_whichever_way_the_site_s_folder_is_named() {
    let site = TestSite::fixture("basic");
    let parent = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_str().unwrap();
    let absolute = site.root().to_str().unwrap();
    let build_from = |dir: &std::path::Path, root: &str| {
        let run = common::run_at(
            dir,
            &["build", "--date", common::DATE, "--root", root, "--timings"],
            &[],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        run
    };
    build_from(site.root(), ".");
    for (dir, root) in [
        (parent, name),
        (std::path::Path::new("/"), absolute),
        (site.root(), "."),
    ] {
        let run = build_from(dir, root);
        for what in ["pages reused", "Markdown bodies reused"] {
            let (reused, total) = common::cache_use(&run.stdout, what);
            assert_eq!(reused, total, "--root {root} from {}: {what}", dir.display());
        }
    }
}

#[test]
fn a_damaged_cache_is_set_aside_with_one_line() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let pack = site.root().join(".atelier-cache/pages.pack");
    let mut bytes = std::fs::read(&pack).unwrap();
    let n = bytes.len();
    for b in &mut bytes[n / 3..n / 3 + 64] {
        *b = b'#';
    }
    std::fs::write(&pack, bytes).unwrap();
    let (reused, total) = compare(&site, "damaged pack");
    assert!(reused < total, "damaged pages are rendered again");
    std::fs::write(site.root().join(".atelier-cache/pages.idx"), b"not an index").unwrap();
    let run = site.build(&["--timings"]);
    assert!(run.stderr.contains("pages.idx is damaged"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("note:").count(), 1, "{}", run.stderr);
    compare(&site, "after a damaged index");
}

/// The index of another atelier version, whose pages are laid out otherwise, is not
/// damaged: it is made again without a word, as after an update.
#[test]
fn the_cache_of_another_version_is_made_again_quietly() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    // postcard's strings: a length, then the bytes; then pages in a layout of old.
    let mut index = Vec::new();
    for text in ["atelier-cache/1", "atelier 0.0.1"] {
        index.push(text.len() as u8);
        index.extend_from_slice(text.as_bytes());
    }
    index.extend_from_slice(&[7, 200, 1, 2, 3]);
    std::fs::write(site.root().join(".atelier-cache/pages.idx"), index).unwrap();
    let run = site.build(&["--timings"]);
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
    let (reused, total) = compare(&site, "after another version's cache");
    assert_eq!(reused, total, "the cache was made again");
}

#[test]
fn a_folder_of_that_name_that_is_not_atelier_s_is_left_alone() {
    let site = TestSite::fixture("basic");
    site.write(".atelier-cache/notes.txt", "à moi");
    let run = site.build(&[]);
    assert!(
        run.stderr.contains("is not atelier's build cache"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read(".atelier-cache/notes.txt"), "à moi");
    let files: Vec<_> = std::fs::read_dir(site.root().join(".atelier-cache"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1, "nothing written into someone else's folder");
}

/// Other tools write `CACHEDIR.TAG` too, with the same signature: such a folder is theirs.
/// The comment of atelier's own tag may change between versions: the cache of an older
/// atelier is still its own, reused for what it can and its tag written anew.
#[test]
fn the_tag_says_whose_cache_it_is() {
    let site = TestSite::fixture("basic");
    let tag = ".atelier-cache/CACHEDIR.TAG";
    site.write(
        tag,
        "Signature: 8a477f597d28d172789f06886806bc55\n# Created by another tool\n",
    );
    let run = site.build(&[]);
    assert!(
        run.stderr.contains("is not atelier's build cache"),
        "{}",
        run.stderr
    );
    assert!(site.read(tag).contains("another tool"));

    std::fs::remove_dir_all(site.root().join(".atelier-cache")).unwrap();
    site.build(&[]);
    site.write(
        tag,
        "Signature: 8a477f597d28d172789f06886806bc55\n# atelier, older words\n",
    );
    let run = site.build(&["--timings"]);
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
    assert!(!run.stderr.contains("cache: 0 of"), "{}", run.stderr);
    assert!(!site.read(tag).contains("older words"), "the tag is written anew");
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let site = TestSite::fixture("basic");
    site.build(&["--no-cache"]);
    assert!(!site.root().join(".atelier-cache").exists());
}

#[test]
fn the_cache_is_ignored_by_git() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    assert_eq!(site.read(".atelier-cache/.gitignore").lines().last(), Some("*"));
    assert!(
        site.read(".atelier-cache/CACHEDIR.TAG")
            .starts_with("Signature: 8a477f597d28d172789f06886806bc55")
    );
}

#[test]
fn the_real_site_with_the_cache_is_the_real_site() {
    let site = common::real_site();
    compare(&site, "first build");
    let fiche = std::fs::read_dir(site.root().join("content/startups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .min()
        .unwrap();
    let rel = format!(
        "content/startups/{}",
        fiche.file_name().unwrap().to_string_lossy()
    );
    let text = site.read(&rel);
    site.write(
        &rel,
        &format!("{text}\nUn paragraphe ajouté, avec le mot lanterne.\n"),
    );
    let (reused, total) = compare(&site, "one fiche edited");
    assert!(
        reused > total / 2 && reused < total,
        "{reused} of {total} pages reused"
    );
    // Unchanged, the search index too is taken from the cache (and compared with a clean one).
    let (reused, total) = compare(&site, "no change");
    assert_eq!(reused, total);

    // The DSFR stylesheet cut down to the site's classes is kept too (`dsfr.memo`): a class
    // no page used before brings its rules, as in a clean build.
    assert!(site.root().join(".atelier-cache/dsfr.memo").is_file());
    let text = site.read(&rel);
    site.write(
        &rel,
        &format!(
            "{text}
> [!WARNING]
> Une alerte que le site n'avait pas.
"
        ),
    );
    compare(&site, "a new DSFR class");
    let css = std::fs::read_dir(site.root().join("public/dsfr"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("dsfr.min."))
        .unwrap();
    assert!(
        std::fs::read_to_string(css)
            .unwrap()
            .contains(".fr-alert--warning")
    );
}

/// A site without a search page keeps its pages minified only (nothing reads them as
/// rendered). Once a search page is added, most pages keep their key, but none kept that
/// way is taken: the index reads pages as rendered. The build is a clean build's, its
/// index included.
#[test]
fn pages_kept_for_a_site_without_search_are_rendered_again_for_its_index() {
    let site = common::real_site();
    let search = site.read("content/recherche.md");
    std::fs::remove_file(site.root().join("content/recherche.md")).unwrap();
    compare(&site, "without a search page");
    assert!(!site.root().join("public/pagefind").exists());
    let (reused, total) = compare(&site, "no change");
    assert_eq!(reused, total);
    site.write("content/recherche.md", &search);
    let (reused, _) = compare(&site, "a search page added");
    assert_eq!(
        reused, 0,
        "a page kept minified only was taken for the search index"
    );
    assert!(site.root().join("public/pagefind").is_dir());
}

#[test]
fn the_search_index_made_from_kept_page_records_is_a_clean_build_s() {
    let site = common::real_site();
    compare(&site, "first build");
    // The records are kept in shards: the largest is the one damaged below.
    let records = (0..16)
        .map(|i| {
            site.root()
                .join(format!(".atelier-cache/search-pages-{i:02}.memo"))
        })
        .inspect(|f| {
            assert!(
                f.is_file(),
                "{} is missing: each page's search record is kept",
                f.display()
            )
        })
        .max_by_key(|f| std::fs::metadata(f).unwrap().len())
        .unwrap();
    let records_name = records.file_name().unwrap().to_string_lossy().into_owned();
    let mut fiches: Vec<String> = std::fs::read_dir(site.root().join("content/startups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "_index.md")
        .map(|n| format!("content/startups/{n}"))
        .collect();
    fiches.sort();
    assert!(fiches.len() >= 2, "{fiches:?}");
    let append = |rel: &str, line: &str| {
        let text = site.read(rel);
        site.write(rel, &format!("{text}\n{line}\n"));
    };
    // A page whose text changes, not its URL: one shard of records loses the page's old
    // record, one gains its new one; the others are not written again.
    let shards = || -> Vec<std::time::SystemTime> {
        (0..16)
            .map(|i| {
                site.root()
                    .join(format!(".atelier-cache/search-pages-{i:02}.memo"))
            })
            .map(|f| std::fs::metadata(f).unwrap().modified().unwrap())
            .collect()
    };
    let before = shards();
    append(&fiches[0], "Un paragraphe ajouté, avec le mot lanterne.");
    compare(&site, "a fiche's text changed");
    let written = before.iter().zip(shards()).filter(|(a, b)| *a != b).count();
    assert!(
        (1..=2).contains(&written),
        "{written} shards of records written again"
    );
    // A page added, which moves the pages after it in the index.
    let text = site.read(&fiches[1]);
    site.write(
        "content/startups/aaa-lanterne.md",
        &text.replacen("title: ", "title: Lanterne ", 1),
    );
    compare(&site, "a fiche added");
    // A page removed (one no other page links to).
    std::fs::remove_file(site.root().join("content/startups/aaa-lanterne.md")).unwrap();
    compare(&site, "a fiche removed");
    // A damaged file of records is not trusted: one line says so, and the index is made
    // as a clean build makes it.
    let mut bytes = std::fs::read(&records).unwrap();
    let n = bytes.len();
    for b in &mut bytes[n / 2..n / 2 + 64] {
        *b = b'#';
    }
    std::fs::write(&records, bytes).unwrap();
    append(&fiches[0], "Et un autre, sur les phares.");
    let run = site.build(&["--timings"]);
    says_damaged_once(&run.stderr, &records_name);
    site.build(&["--no-cache", "-o", "clean"]);
    same_trees(&site, "damaged records");
    compare(&site, "after damaged records");
    // Nothing changed: the index is taken whole from the cache, by the pages' keys, before
    // any page or record is read: neither a damaged file of records nor a damaged page as
    // rendered (which only the index reads; minified pages have no line breaks) is noticed.
    damage_largest_memo(&site, "search-pages-", 64);
    let pack = site.root().join(".atelier-cache/pages.pack");
    let mut bytes = std::fs::read(&pack).unwrap();
    let at = bytes
        .windows(8)
        .position(|w| w == b"</main>\n")
        .expect("a page as rendered in the pack");
    bytes[at + 7] = b'#';
    std::fs::write(&pack, bytes).unwrap();
    let run = site.build(&["--timings"]);
    assert!(!run.stderr.contains("damaged"), "{}", run.stderr);
    let (reused, total) = reused(&run.stdout);
    assert_eq!(reused, total, "a page was read as rendered");
    same_trees(&site, "nothing changed, damaged records");
}

#[test]
#[ignore = "needs the beta.gouv.fr corpus (../shared/corpus/betagouv or ATELIER_CORPUS); run with -- --ignored"]
fn the_corpus_with_the_cache_after_random_edits() {
    let dir = corpus()
        .expect("no beta.gouv.fr corpus at ../shared/corpus/betagouv: set ATELIER_CORPUS to its folder");
    let (site, mut fiches) = common::corpus_site(&dir);
    compare(&site, "corpus, first build");
    let mut rng = Rng(0x0c0f_feeb_00c5);
    for round in 0..4 {
        let mut done = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let rel = &fiches[rng.below(fiches.len())];
            let text = site.read(rel);
            let text = match rng.below(3) {
                // The title: summaries, listings, the neighbours' links.
                0 => text.replacen("title: ", &format!("title: R{round} "), 1),
                // The body.
                1 => format!("{text}\nAjout {round}.\n"),
                // Removed, then the site without it.
                _ => {
                    std::fs::remove_file(site.root().join(rel)).unwrap();
                    done.push(format!("{rel} removed"));
                    continue;
                }
            };
            site.write(rel, &text);
            done.push(format!("{rel} edited"));
        }
        fiches.retain(|rel| site.root().join(rel).exists());
        let (reused, total) = compare(&site, &format!("corpus round {round} ({})", done.join(", ")));
        assert!(
            reused > total / 2,
            "round {round}: {reused} of {total} pages reused"
        );
    }
}

#[test]
fn the_cache_folder_is_never_the_output() {
    let site = TestSite::fixture("basic");
    let run = site.run(&["build", "--date", common::DATE, "-o", ".atelier-cache/site"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("build cache"), "{}", run.stderr);
}

#[test]
fn a_failed_build_leaves_the_cache_as_it_was() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let before = tree(&site.root().join(".atelier-cache"));
    // The failing build also shows a new image: its variants are encoded, not kept.
    let mut png = Vec::new();
    image::RgbImage::new(600, 300)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    site.write_bytes("static/img/nouvelle.png", &png);
    let text = site.read("content/startups/gamma.md");
    site.write(
        "content/startups/gamma.md",
        &format!("{text}\n![Une image](/img/nouvelle.png) [perdu](@/nulle-part.md)\n"),
    );
    let run = site.run(&["build", "--date", common::DATE, "--timings"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("\n  images "), "{}", run.stdout);
    assert_eq!(tree(&site.root().join(".atelier-cache")), before);

    // Published, the variants are kept: the next build encodes none.
    site.write(
        "content/startups/gamma.md",
        &format!("{text}\n![Une image](/img/nouvelle.png)\n"),
    );
    let first = site.run(&["build", "--date", common::DATE, "--timings"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let again = site.run(&["build", "--date", common::DATE, "--timings"]);
    assert!(again.stdout.contains("images: 0 encoded"), "{}", again.stdout);
}
