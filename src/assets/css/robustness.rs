//! Random input never makes the stylesheet scanners panic or run long.

use super::*;
use crate::assets::{collect_artwork, collect_classes};

/// Random soups of CSS/HTML pieces (fixed seed) never make the scanners
/// panic.
#[test]
fn never_panics_on_garbage() {
    const PIECES: &[&str] = &[
        "{",
        "}",
        "(",
        ")",
        ";",
        ",",
        "\"",
        "'",
        "\\",
        "/*",
        "*/",
        "url(",
        "URL( ",
        "@media x",
        ".fr-icon-a",
        ".fr-fi-b",
        ":before",
        "é",
        "€",
        "../",
        "data:",
        "<",
        ">",
        "=",
        "class",
        " ",
        "<!--",
        "-->",
        "<script>",
        "</script",
        "dsfr/artwork/",
        ".svg",
        "#",
        "<a ",
    ];
    let used: BTreeSet<String> = ["fr-icon-a", "fr-fi-b"].map(String::from).into();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(seed % 40) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
        }
        let _ = subset(&text, "utility/icons", "utility", &used);
        let _ = local_urls(&text);
        collect_classes(&text, &mut BTreeSet::new());
        collect_artwork(&text, &mut BTreeSet::new());
    }
}
