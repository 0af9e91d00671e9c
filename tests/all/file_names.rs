//! Files as editors name them: an extension written in capitals (`Guide.MD`, `Logo.PNG`,
//! as some systems and cameras write them) means what it means in lower case.

use crate::common;

use crate::common::TestSite;

#[test]
fn markdown_in_capitals_is_a_page_and_images_in_capitals_are_found() {
    let site = TestSite::minimal();
    site.write(
        "content/Guide.MD",
        "---\ntitle: Guide\n---\nMode d'emploi.\n\n![Logo du ministère](/img/Logo.PNG)\n",
    );
    site.write("content/aide/Faq.Md", "---\ntitle: Questions\n---\nRéponses.\n");
    let mut png = Vec::new();
    image::RgbImage::new(8, 8)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    site.write_bytes("content/img/Logo.PNG", &png);
    let run = site.build(&[]);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let guide = site.read("public/Guide/index.html");
    assert!(guide.contains("Mode d’emploi."), "{guide}");
    assert!(guide.contains("/img/Logo.PNG"), "{guide}");
    assert!(site.read("public/aide/Faq/index.html").contains("Réponses."));
    // Rendered, not copied as it is.
    assert!(!site.root().join("public/Guide.MD").exists());
    assert!(!site.root().join("public/aide/Faq.Md").exists());
    assert!(site.root().join("public/img/Logo.PNG").is_file());

    let check = site.run(&["check", "--date", common::DATE]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains("no problems found"), "{}", check.stdout);
}
