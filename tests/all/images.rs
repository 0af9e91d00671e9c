//! The image pipeline, on the real binary: images of `static/` and `content/` shown in
//! Markdown get variants at a few widths (never wider than the image), in the format the
//! page says, with the intrinsic size, the orientation applied and no metadata; the same
//! site gives the same bytes; a second build encodes nothing; a bad image is an error at
//! the place it is shown.

use crate::common;

use std::io::Cursor;

use crate::common::{TestSite, tree};
use image::{DynamicImage, GenericImageView, ImageFormat, RgbImage, Rgba, RgbaImage};

/// A smooth picture (a photo's gradients), `w`×`h`.
fn photo(w: u32, h: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, ((x + y) % 256) as u8])
    }))
}

fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    image.write_to(&mut Cursor::new(&mut out), format).unwrap();
    out
}

/// A JPEG with an EXIF segment saying `orientation` (and a camera maker, to see it go).
fn jpeg_with_exif(image: &DynamicImage, orientation: u16, gps: bool) -> Vec<u8> {
    let jpeg = encode(image, ImageFormat::Jpeg);
    // TIFF header (little-endian), one IFD: Make (0x010f), Orientation (0x0112) and, with
    // `gps`, a pointer to an (empty) GPS IFD (0x8825).
    let entries: u16 = if gps { 3 } else { 2 };
    let data = 8 + 2 + 12 * u32::from(entries) + 4;
    let make = b"SecretCam\0";
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&entries.to_le_bytes());
    tiff.extend_from_slice(&0x010fu16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&(make.len() as u32).to_le_bytes());
    tiff.extend_from_slice(&data.to_le_bytes());
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    if gps {
        tiff.extend_from_slice(&0x8825u16.to_le_bytes());
        tiff.extend_from_slice(&4u16.to_le_bytes());
        tiff.extend_from_slice(&1u32.to_le_bytes());
        tiff.extend_from_slice(&(data + make.len() as u32).to_le_bytes());
    }
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(make);
    if gps {
        tiff.extend_from_slice(&[0; 6]); // the GPS IFD: no entry, no next IFD
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec(); // SOI
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// The `<picture>` elements of a page, each as its text.
fn pictures(html: &str) -> Vec<String> {
    html.split("<picture>")
        .skip(1)
        .map(|p| p[..p.find("</picture>").unwrap()].to_string())
        .collect()
}

/// The value of attribute `name` in a tag's text (minified: quoted or not).
fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}="))? + name.len() + 2;
    let rest = &tag[at..];
    Some(match rest.strip_prefix('"') {
        Some(q) => q[..q.find('"').unwrap()].to_string(),
        None => rest[..rest.find([' ', '>']).unwrap_or(rest.len())].to_string(),
    })
}

/// `(url, width)` of each candidate of a `srcset`.
fn candidates(srcset: &str) -> Vec<(String, u32)> {
    srcset
        .split(", ")
        .map(|c| {
            let (url, w) = c.split_once(' ').unwrap();
            (url.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

fn site_with(body: &str) -> TestSite {
    let site = TestSite::minimal();
    site.write(
        "content/_index.md",
        &format!("---\ntitle: Accueil\n---\n{body}\n"),
    );
    site
}

#[test]
fn variants_have_the_widths_formats_and_sizes_the_page_says() {
    let site = site_with(
        "Bonjour.\n\n![Le lac](/img/lac.jpg)\n\n![Le schéma](/img/schema.png)\n\n\
         ![La vignette](vignette.png)\n\n![Un dessin](/img/dessin.svg)\n",
    );
    site.write_bytes(
        "static/img/lac.jpg",
        &encode(&photo(2000, 1000), ImageFormat::Jpeg),
    );
    let mut drawing = RgbaImage::from_pixel(1000, 500, Rgba([255, 255, 255, 0]));
    for x in 100..900 {
        drawing.put_pixel(x, 250, Rgba([0, 0, 145, 255]));
    }
    site.write_bytes(
        "static/img/schema.png",
        &encode(&DynamicImage::ImageRgba8(drawing), ImageFormat::Png),
    );
    site.write_bytes(
        "content/vignette.png",
        &encode(&photo(300, 200), ImageFormat::Png),
    );
    site.write(
        "static/img/dessin.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.build(&["--no-cache"]);
    let html = site.read("public/index.html");
    let found = pictures(&html);
    assert_eq!(found.len(), 3, "the SVG stays a plain image:\n{html}");
    assert!(html.contains("src=/img/dessin.svg") || html.contains("src=\"/img/dessin.svg\""));

    let expect = [
        (
            "/img/lac.jpg",
            "image/jpeg",
            ImageFormat::Jpeg,
            vec![480, 960, 1440],
            (1440, 720),
        ),
        (
            "/img/schema.png",
            "image/webp",
            ImageFormat::WebP,
            vec![480, 960, 1000],
            (1000, 500),
        ),
        (
            "vignette.png",
            "image/webp",
            ImageFormat::WebP,
            vec![300],
            (300, 200),
        ),
    ];
    for (i, (picture, (src, mime, format, widths, (w, h)))) in found.iter().zip(expect).enumerate() {
        let img = &picture[picture.find("<img").unwrap()..];
        let fallback = attr(img, "src").unwrap();
        if mime == "image/jpeg" {
            // A photo's fallback is its largest copy: the page never points at the original,
            // whose metadata may say where it was taken.
            let largest = candidates(&attr(picture, "srcset").unwrap())
                .last()
                .unwrap()
                .0
                .clone();
            assert_eq!(fallback, largest, "{src}: the largest copy is the fallback");
        } else {
            assert_eq!(fallback, src, "the original is the fallback");
        }
        assert_eq!(attr(picture, "type").as_deref(), Some(mime));
        assert_eq!(attr(img, "width"), Some(w.to_string()), "{src}: intrinsic width");
        assert_eq!(
            attr(img, "height"),
            Some(h.to_string()),
            "{src}: intrinsic height"
        );
        assert_eq!(attr(img, "decoding").as_deref(), Some("async"));
        let lazy = attr(img, "loading");
        if i == 0 {
            assert_eq!(lazy, None, "the first image of the page loads at once");
        } else {
            assert_eq!(
                lazy.as_deref(),
                Some("lazy"),
                "{src}: the others when scrolled near"
            );
        }
        assert!(attr(picture, "sizes").is_some());
        let srcset = candidates(&attr(picture, "srcset").unwrap());
        assert_eq!(srcset.iter().map(|c| c.1).collect::<Vec<_>>(), widths, "{src}");
        for (url, width) in srcset {
            let bytes = std::fs::read(site.root().join("public").join(&url[1..])).unwrap();
            assert_eq!(image::guess_format(&bytes).unwrap(), format, "{url}");
            let decoded = image::load_from_memory(&bytes).unwrap();
            assert_eq!(decoded.width(), width, "{url}");
            assert_eq!(decoded.height(), width * h / w, "{url}: the ratio is kept");
        }
    }
    // The originals are published as they were.
    assert_eq!(
        std::fs::read(site.root().join("public/img/lac.jpg")).unwrap(),
        std::fs::read(site.root().join("static/img/lac.jpg")).unwrap()
    );
}

#[test]
fn exif_orientation_is_applied_and_metadata_left_out() {
    let site = site_with("![Portrait](/img/portrait.jpg)");
    // Stored 600×300, red on the left: orientation 6 shows it turned a quarter clockwise,
    // 300×600, red on top.
    let stored = DynamicImage::ImageRgb8(RgbImage::from_fn(600, 300, |x, _| {
        if x < 300 {
            image::Rgb([255, 0, 0])
        } else {
            image::Rgb([0, 0, 255])
        }
    }));
    let original = jpeg_with_exif(&stored, 6, false);
    assert!(original.windows(9).any(|w| w == b"SecretCam"));
    site.write_bytes("static/img/portrait.jpg", &original);
    site.build(&["--no-cache"]);
    let html = site.read("public/index.html");
    let picture = &pictures(&html)[0];
    assert!(
        !picture.contains("portrait.jpg"),
        "the page never points at the original: {picture}"
    );
    assert_eq!(attr(picture, "width").as_deref(), Some("300"), "{picture}");
    assert_eq!(attr(picture, "height").as_deref(), Some("600"));
    let srcset = candidates(&attr(picture, "srcset").unwrap());
    assert_eq!(srcset.iter().map(|c| c.1).collect::<Vec<_>>(), [300]);
    let bytes = std::fs::read(site.root().join("public").join(&srcset[0].0[1..])).unwrap();
    assert!(
        !bytes.windows(9).any(|w| w == b"SecretCam"),
        "the camera's EXIF is left out"
    );
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no EXIF at all");
    let shown = image::load_from_memory(&bytes).unwrap();
    assert_eq!(shown.dimensions(), (300, 600));
    let [r, _, b, _] = shown.get_pixel(150, 100).0;
    assert!(r > 200 && b < 60, "red on top, as the camera meant: {r} {b}");
    let [r, _, b, _] = shown.get_pixel(150, 500).0;
    assert!(b > 200 && r < 60, "blue below: {r} {b}");
}

/// The variant files of a built site.
fn variants(site: &TestSite, out: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(&site.root().join(out))
        .into_iter()
        .filter(|(p, _)| p.contains("w.") && (p.ends_with(".webp") || p.ends_with(".jpg")))
        .collect()
}

#[test]
fn the_same_images_give_the_same_bytes_and_names() {
    let site = site_with("![Le lac](/img/lac.jpg)\n\n![Le schéma](/img/schema.png)");
    site.write_bytes(
        "static/img/lac.jpg",
        &encode(&photo(1000, 700), ImageFormat::Jpeg),
    );
    site.write_bytes(
        "static/img/schema.png",
        &encode(&photo(700, 500), ImageFormat::Png),
    );
    site.build(&["--no-cache"]);
    site.build(&["--no-cache", "-o", "again"]);
    let (a, b) = (variants(&site, "public"), variants(&site, "again"));
    assert_eq!(a.len(), 5, "{:?}", a.keys());
    assert_eq!(a, b);
    assert_eq!(site.read("public/index.html"), site.read("again/index.html"));
    // Another image under the same name: other variant names (no stale copy in a browser).
    site.write_bytes(
        "static/img/lac.jpg",
        &encode(&photo(1000, 600), ImageFormat::Jpeg),
    );
    site.build(&["--no-cache", "-o", "changed"]);
    let c = variants(&site, "changed");
    let lac = |t: &std::collections::BTreeMap<String, Vec<u8>>| {
        t.keys()
            .filter(|k| k.contains("lac."))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(
        lac(&a).iter().all(|k| !c.contains_key(k)),
        "{:?} {:?}",
        lac(&a),
        lac(&c)
    );
    assert_eq!(
        a.keys().filter(|k| k.contains("schema.")).collect::<Vec<_>>(),
        c.keys().filter(|k| k.contains("schema.")).collect::<Vec<_>>()
    );
}

/// `images: N encoded, M from the cache`, from `build --timings`.
fn image_counts(stdout: &str) -> (usize, usize) {
    let line = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("images: "))
        .unwrap_or_else(|| panic!("no images line in:\n{stdout}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    (words[0].parse().unwrap(), words[2].parse().unwrap())
}

#[test]
fn a_second_build_encodes_nothing_and_gives_the_same_site() {
    let site = site_with("![Le lac](/img/lac.jpg)\n\nTexte.\n\n![Le schéma](schema.png)");
    site.write_bytes(
        "static/img/lac.jpg",
        &encode(&photo(1200, 800), ImageFormat::Jpeg),
    );
    site.write_bytes("content/schema.png", &encode(&photo(500, 400), ImageFormat::Png));
    let first = site.build(&["--timings"]);
    assert_eq!(image_counts(&first.stdout), (5, 0), "480, 960, 1200; 480, 500");
    let second = site.build(&["--timings"]);
    assert_eq!(image_counts(&second.stdout), (0, 5), "nothing encoded again");
    // `--no-cache` neither reads nor writes the kept variants, and gives the same site.
    let clean = site.build(&["--no-cache", "--timings", "-o", "clean"]);
    assert_eq!(image_counts(&clean.stdout), (5, 0));
    let strip = |t: std::collections::BTreeMap<String, Vec<u8>>| {
        t.into_iter()
            .filter(|(p, _)| p != ".atelier-manifest")
            .collect::<Vec<_>>()
    };
    assert!(strip(tree(&site.root().join("public"))) == strip(tree(&site.root().join("clean"))));

    // One image changed: its variants only are encoded; the page shows the new ones, as a
    // build without the cache does.
    site.write_bytes("content/schema.png", &encode(&photo(520, 400), ImageFormat::Png));
    let third = site.build(&["--timings"]);
    assert_eq!(image_counts(&third.stdout), (2, 3));
    site.build(&["--no-cache", "-o", "clean"]);
    assert_eq!(site.read("public/index.html"), site.read("clean/index.html"));
    assert!(site.read("public/index.html").contains("width=520"));
    assert!(strip(tree(&site.root().join("public"))) == strip(tree(&site.root().join("clean"))));

    // A kept variant damaged on disk is encoded again, never published as it is.
    let kept = site.root().join(".atelier-cache/images");
    for entry in std::fs::read_dir(&kept).unwrap() {
        let path = entry.unwrap().path();
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.truncate(bytes.len() / 2);
        std::fs::write(&path, bytes).unwrap();
    }
    let fourth = site.build(&["--timings"]);
    assert_eq!(image_counts(&fourth.stdout), (5, 0));
    assert!(strip(tree(&site.root().join("public"))) == strip(tree(&site.root().join("clean"))));
}

#[test]
fn a_bad_image_is_an_error_where_it_is_shown() {
    let site = site_with(
        "Texte.\n\n![Coupée](/img/coupee.png)\n\n![Pas une image](/img/faux.jpg)\n\n![Énorme](/img/bombe.png)\n",
    );
    let mut cut = encode(&photo(400, 300), ImageFormat::Png);
    cut.truncate(cut.len() / 3);
    site.write_bytes("static/img/coupee.png", &cut);
    site.write("static/img/faux.jpg", "ceci n'est pas une image");
    // A valid PNG header claiming 30,000 × 30,000 pixels (a decoding bomb), then nothing.
    let mut bomb = encode(&photo(1, 1), ImageFormat::Png);
    bomb[16..20].copy_from_slice(&30_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&30_000u32.to_be_bytes());
    site.write_bytes("static/img/bombe.png", &bomb);
    let run = site.run(&["build", "--no-cache", "--date", common::DATE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let err = &run.stderr;
    for (line, what) in [(6, "coupee.png"), (8, "faux.jpg"), (10, "bombe.png")] {
        let at = format!("content/_index.md:{line}:1");
        assert!(err.contains(&at), "{what} located at {at}:\n{err}");
        assert!(err.contains(what), "{what} named:\n{err}");
    }
    assert!(err.contains("cannot be decoded"), "{err}");
    assert!(err.contains("megapixels") || err.contains("dimensions"), "{err}");
    assert!(!site.root().join("public").exists(), "nothing written");
}

#[test]
fn a_heavy_image_is_a_warning() {
    // Noise does not compress: at 1,000 × 800 pixels, lossless WebP keeps about 2 MB.
    let mut seed = 7u32;
    let noise = DynamicImage::ImageRgb8(RgbImage::from_fn(1000, 800, |_, _| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        image::Rgb(seed.to_le_bytes()[..3].try_into().unwrap())
    }));
    let site = site_with("Texte.\n\n![Du bruit](/img/bruit.png)");
    site.write_bytes("static/img/bruit.png", &encode(&noise, ImageFormat::Png));
    let run = site.build(&["--no-cache"]);
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stderr.contains("over the budget"), "{}", run.stderr);
    assert!(run.stderr.contains("content/_index.md:6:1"), "{}", run.stderr);
}

/// A photo whose metadata says where it was taken: the page shows copies without it, but
/// the original file is published as it is, so the editor is warned at the image.
#[test]
fn a_photo_that_tells_where_it_was_taken_is_a_warning() {
    let photo = DynamicImage::ImageRgb8(RgbImage::from_pixel(300, 200, image::Rgb([90, 120, 60])));
    let site = site_with("Texte.\n\n![Le jardin](/img/jardin.jpg)");
    site.write_bytes("static/img/jardin.jpg", &jpeg_with_exif(&photo, 1, true));
    let run = site.build(&["--no-cache"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("`jardin.jpg` holds a GPS position"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/_index.md:6:1"), "{}", run.stderr);

    site.write_bytes("static/img/jardin.jpg", &jpeg_with_exif(&photo, 1, false));
    let run = site.build(&["--no-cache"]);
    assert!(!run.stderr.contains("GPS"), "{}", run.stderr);
}

/// The cache keeps the variants of the images the site shows, not of every image it ever
/// showed: a build with the cache removes the variants no page uses any more, once the
/// site is published.
#[test]
fn the_cache_keeps_only_the_variants_the_site_shows() {
    let site = site_with("![Le lac](/img/lac.jpg)");
    let kept = |site: &TestSite| -> Vec<String> {
        let dir = site.root().join(".atelier-cache/images");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    site.write_bytes(
        "static/img/lac.jpg",
        &encode(&photo(1000, 500), ImageFormat::Jpeg),
    );
    site.build(&[]);
    let first = kept(&site);
    assert_eq!(first.len(), 3, "480, 960 and 1000 px: {first:?}");
    site.build(&[]);
    assert_eq!(kept(&site), first, "nothing changed, nothing removed");

    site.write_bytes("static/img/lac.jpg", &encode(&photo(600, 300), ImageFormat::Jpeg));
    site.build(&[]);
    let second = kept(&site);
    assert_eq!(second.len(), 2, "480 and 600 px: {second:?}");
    assert!(
        second.iter().all(|n| !first.contains(n)),
        "{first:?} → {second:?}"
    );

    // A check reads the cache and removes nothing; a build without the image empties it.
    site.run(&["check"]);
    assert_eq!(kept(&site), second);
    site.write("content/_index.md", "---\ntitle: Accueil\n---\nPlus d'image.\n");
    site.build(&[]);
    assert_eq!(kept(&site), Vec::<String>::new());
}

/// Adds `lines` to the front matter of the content file `rel`.
fn front_matter(site: &TestSite, rel: &str, lines: &str) {
    let text = site.read(rel);
    let rest = text.strip_prefix("---\n").unwrap();
    site.write(rel, &format!("---\n{lines}{rest}"));
}

const NEWS: &str = "content/actualites/2026-06-03-comparia-entre-en-consolidation.md";
const NEWS_PAGE: &str = "public/actualites/comparia-entre-en-consolidation/index.html";

#[test]
fn a_cover_image_shows_on_its_page_on_the_news_cards_and_in_the_share_preview() {
    let site = common::real_site();
    site.write_bytes(
        "content/actualites/vote.jpg",
        &encode(&photo(2000, 1000), ImageFormat::Jpeg),
    );
    front_matter(
        &site,
        NEWS,
        "image: vote.jpg\nimage_alt: Deux réponses côte à côte\n",
    );
    // A drawing of `content/images/`, said decorative.
    front_matter(
        &site,
        "content/a-propos.md",
        "image: /images/atelier-numerique.png\nimage_alt: \"\"\n",
    );
    let first = site.build(&["--timings"]);
    assert!(!first.stderr.contains("warning"), "{}", first.stderr);

    // The news page: the cover at the top, every copy, its size, its alternative text.
    let html = site.read(NEWS_PAGE);
    let cover = &pictures(&html)[0];
    let img = &cover[cover.find("<img").unwrap()..];
    assert_eq!(attr(img, "alt").as_deref(), Some("Deux réponses côte à côte"));
    assert_eq!(attr(img, "width").as_deref(), Some("1440"));
    assert_eq!(attr(img, "height").as_deref(), Some("720"));
    assert_eq!(
        attr(img, "loading"),
        None,
        "the cover is at the top: loaded at once"
    );
    let srcset = candidates(&attr(cover, "srcset").unwrap());
    assert_eq!(srcset.iter().map(|c| c.1).collect::<Vec<_>>(), [480, 960, 1440]);
    for (url, width) in &srcset {
        assert!(url.starts_with("/actualites/vote."), "{url}");
        let bytes = std::fs::read(site.root().join("public").join(&url[1..])).unwrap();
        assert_eq!(image::load_from_memory(&bytes).unwrap().width(), *width);
    }
    // Networks get the largest copy, by its absolute URL, and the alternative text.
    let og = format!(
        "<meta content=https://atelier-numerique.culture.gouv.fr{} property=og:image>",
        srcset[2].0
    );
    assert!(html.contains(&og), "{og} in:\n{html}");
    assert!(html.contains("<meta content=\"Deux réponses côte à côte\" property=og:image:alt>"));

    // The news list: the card shows the copies a card needs, with an empty alternative
    // (the card's link names the news).
    let list = site.read("public/actualites/index.html");
    let card = pictures(&list)
        .into_iter()
        .find(|p| p.contains("/actualites/vote."))
        .expect("the card shows the cover");
    let widths: Vec<u32> = candidates(&attr(&card, "srcset").unwrap())
        .iter()
        .map(|c| c.1)
        .collect();
    assert_eq!(widths, [480, 960], "image(widths=[480, 960]) in the theme");
    let card_img = &card[card.find("<img").unwrap()..];
    assert!(card_img.contains("<img alt "), "empty alternative: {card_img}");
    assert_eq!(attr(card_img, "width").as_deref(), Some("960"));
    assert!(list.contains("fr-card__img"), "the DSFR card image");

    // A decorative drawing: an empty alternative, the original as fallback (every browser
    // reads PNG), and no alternative text told to the networks.
    let about = site.read("public/a-propos/index.html");
    let drawing = &pictures(&about)[0];
    assert_eq!(attr(drawing, "type").as_deref(), Some("image/webp"));
    assert!(drawing.contains("<img alt "), "{drawing}");
    assert_eq!(
        attr(&drawing[drawing.find("<img").unwrap()..], "src").as_deref(),
        Some("/images/atelier-numerique.png")
    );
    assert!(about.contains("/images/atelier-numerique.png property=og:image>"));
    assert!(
        !about.contains("og:image:alt"),
        "nothing to say for a decorative image"
    );

    // A second build encodes nothing and publishes the same bytes; so does a clean one.
    assert_eq!(image_counts(&first.stdout).1, 0);
    let before = tree(&site.root().join("public"));
    let second = site.build(&["--timings"]);
    assert_eq!(image_counts(&second.stdout).0, 0, "nothing encoded again");
    assert!(before == tree(&site.root().join("public")), "the same site");
    site.build(&["--no-cache", "-o", "clean"]);
    for page in [
        NEWS_PAGE,
        "public/actualites/index.html",
        "public/a-propos/index.html",
    ] {
        let clean = page.replacen("public/", "clean/", 1);
        assert_eq!(site.read(page), site.read(&clean), "{page}");
    }

    // Another photo under the same name: the page and the card show its new copies, as a
    // clean build does (the build cache follows the cover's bytes).
    site.write_bytes(
        "content/actualites/vote.jpg",
        &encode(&photo(1000, 1000), ImageFormat::Jpeg),
    );
    let third = site.build(&["--timings"]);
    assert_eq!(image_counts(&third.stdout).0, 3, "480, 960, 1000");
    site.build(&["--no-cache", "-o", "clean"]);
    for page in [NEWS_PAGE, "public/actualites/index.html"] {
        let clean = page.replacen("public/", "clean/", 1);
        assert_eq!(site.read(page), site.read(&clean), "{page}");
        assert!(
            !site.read(page).contains(&srcset[0].0),
            "{page}: the old copies are gone"
        );
    }
    assert!(site.read(NEWS_PAGE).contains("1000w"));
}

#[test]
fn a_cover_image_that_cannot_be_shown_is_an_error_at_its_line() {
    let site = TestSite::minimal();
    let page = |name: &str, image: &str| {
        site.write(
            &format!("content/{name}.md"),
            &format!("---\ntitle: Une page\nimage: {image}\nimage_alt: Une salle\n---\nTexte.\n"),
        );
    };
    page("absente", "salle.jpg");
    page("dehors", "../../secret.jpg");
    page("ailleurs", "https://exemple.org/salle.jpg");
    page("dessin", "/img/dessin.svg");
    page("fausse", "/img/fausse.jpg");
    site.write(
        "static/img/dessin.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write("static/img/fausse.jpg", "ceci n'est pas une image");
    site.write_bytes(
        "static/img/bonne.jpg",
        &encode(&photo(600, 400), ImageFormat::Jpeg),
    );
    site.write(
        "content/sans-alt.md",
        "---\ntitle: Sans alternative\nimage: /img/bonne.jpg\n---\nTexte.\n",
    );
    let run = site.run(&["build", "--no-cache", "--date", common::DATE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(!err.contains("panicked"), "{err}");
    for (file, what) in [
        (
            "absente",
            "not a file of the site (`salle.jpg` is not in `static/`",
        ),
        ("dehors", "leads out of the site"),
        ("ailleurs", "is not a file of the site"),
        ("dessin", "is not a JPEG, PNG, GIF or WebP file"),
        ("fausse", "cannot be read"),
    ] {
        let at = format!("--> content/{file}.md:3:8");
        let block = err
            .split("\n\n")
            .find(|b| b.contains(&at))
            .unwrap_or_else(|| panic!("{file}: no problem at {at}:\n{err}"));
        assert!(block.starts_with("error:"), "{block}");
        assert!(block.contains(what), "{file}: {what}:\n{block}");
        assert!(block.contains("= help:"), "{block}");
    }
    let warning = err
        .split("\n\n")
        .find(|b| b.contains("--> content/sans-alt.md:3:8"))
        .unwrap_or_else(|| panic!("no warning for the missing alternative:\n{err}"));
    assert!(
        warning.starts_with("warning:") && warning.contains("no alternative text"),
        "{warning}"
    );
    assert!(!site.root().join("public").exists(), "nothing written");
}

#[test]
fn the_image_function_gives_a_theme_the_copies_it_asks_for() {
    let site = site_with("![Le lac](/img/lac.jpg)");
    site.write_bytes(
        "static/img/lac.jpg",
        &encode(&photo(2000, 1000), ImageFormat::Jpeg),
    );
    site.write(
        "themes/test/templates/vignette.html",
        "{% set i = image(path=\"/img/lac.jpg\", widths=[480, 960], sizes=\"50vw\", alt=\"Le lac\") %}\
         [{{ i.srcset }}|{{ i.src }}|{{ i.width }}x{{ i.height }}|{{ i.type }}|{{ i.sizes }}|{{ i.alt }}]",
    );
    site.write(
        "content/vignette.md",
        "---\ntitle: Vignette\ntemplate: vignette.html\n---\n",
    );
    site.build(&[]);
    let html = site.read("public/vignette/index.html");
    let shown = &html[html.find('[').unwrap() + 1..html.rfind(']').unwrap()];
    let parts: Vec<&str> = shown.split('|').collect();
    let srcset = candidates(parts[0]);
    assert_eq!(srcset.iter().map(|c| c.1).collect::<Vec<_>>(), [480, 960]);
    assert_eq!(
        parts[1], srcset[1].0,
        "a photo's fallback is its largest copy asked"
    );
    assert_eq!(&parts[2..], ["960x480", "image/jpeg", "50vw", "Le lac"]);
    // The same copies as the body's: nothing made twice.
    let body = &pictures(&site.read("public/index.html"))[0];
    assert!(
        body.contains(&srcset[0].0) && body.contains(&srcset[1].0),
        "{body}"
    );

    // An image no page shows, or widths it has no copy of: errors that say so.
    for (call, what) in [
        (
            "image(path=\"/img/autre.jpg\")",
            "no image of the site at this path has copies",
        ),
        (
            "image(path=\"/img/lac.jpg\", widths=[300])",
            "no copy of the widths asked (300)",
        ),
    ] {
        site.write(
            "themes/test/templates/vignette.html",
            &format!("{{% set i = {call} %}}{{{{ i.src }}}}"),
        );
        let run = site.run(&["build", "--date", common::DATE]);
        assert_eq!(run.code, 1, "{call}");
        assert!(run.stderr.contains(what), "{call}: {what}:\n{}", run.stderr);
    }
}

const FICHE: &str = "content/startups/archeolog-ia.md";

/// The cards of `html` that link to `url`, each from its `fr-card` to its end.
fn cards_of<'a>(html: &'a str, url: &str) -> Vec<&'a str> {
    html.split("<div class=\"fr-card ")
        .skip(1)
        .filter(|c| c.contains(&format!("href={url}")) || c.contains(&format!("href=\"{url}\"")))
        .collect()
}

#[test]
fn a_startup_cover_shows_on_its_cards_in_every_listing_and_follows_its_file() {
    let site = common::real_site();
    site.write_bytes(
        "content/startups/lidar.jpg",
        &encode(&photo(2000, 1000), ImageFormat::Jpeg),
    );
    front_matter(&site, FICHE, "image: lidar.jpg\nimage_alt: Un relevé LiDAR\n");
    // Cards in a body, through the `startups` shortcode.
    site.write(
        "content/cartes.md",
        "---\ntitle: Cartes\n---\n{{ startups(phase=\"construction\") }}\n",
    );
    let first = site.build(&[]);
    assert!(!first.stderr.contains("warning"), "{}", first.stderr);
    let url = "/startups/archeolog-ia/";
    let listings = [
        "public/startups/index.html",
        "public/startups/phase/construction/index.html",
        "public/startups/thematique/patrimoine/index.html",
        "public/cartes/index.html",
    ];
    let mut small = String::new();
    for page in listings {
        let html = site.read(page);
        let cards = cards_of(&html, url);
        assert_eq!(cards.len(), 1, "{page}: one card of the startup");
        let card = cards[0];
        assert!(card.contains("fr-card__img"), "{page}: the DSFR card image");
        let picture = &pictures(card)[0];
        let widths: Vec<(String, u32)> = candidates(&attr(picture, "srcset").unwrap());
        assert_eq!(
            widths.iter().map(|c| c.1).collect::<Vec<_>>(),
            [480, 960],
            "{page}: the copies a card needs"
        );
        assert!(widths[0].0.starts_with("/startups/lidar."), "{}", widths[0].0);
        small.clone_from(&widths[0].0);
        let img = &picture[picture.find("<img").unwrap()..];
        assert!(img.contains("<img alt "), "{page}: an empty alternative: {img}");
        assert_eq!(attr(img, "loading").as_deref(), Some("lazy"), "{page}");
        assert_eq!(attr(img, "width").as_deref(), Some("960"), "{page}");
    }
    // Another photo under the same name: the cached build shows its copies, as a clean
    // build does.
    site.write_bytes(
        "content/startups/lidar.jpg",
        &encode(&photo(1800, 1000), ImageFormat::Jpeg),
    );
    site.build(&[]);
    site.build(&["--no-cache", "-o", "clean"]);
    for page in listings {
        let clean = page.replacen("public/", "clean/", 1);
        assert_eq!(site.read(page), site.read(&clean), "{page}");
        assert!(
            !site.read(page).contains(&small),
            "{page}: the old copies are gone"
        );
    }
}
