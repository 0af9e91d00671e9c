//! HTML minification of the rendered pages (minify-html), before they are written.

use rayon::prelude::*;

use crate::pipeline::Output;

/// Minifies the HTML outputs in parallel. Deterministic: same bytes in, same bytes out.
pub fn minify(outputs: &mut [Output]) {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    // Without its end tag, `<p>Séjour<p>Accélération` ends its paragraph where the next
    // begins, and the search index (which reads the minified pages) lost the full stop it
    // puts between paragraphs in result excerpts. The end tags add 1 % to the gzipped pages.
    cfg.keep_closing_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = true;
    outputs
        .par_iter_mut()
        .filter(|o| o.path.ends_with(".html"))
        .for_each(|o| {
            o.bytes = minify_page(&o.bytes, &cfg);
            o.bytes.shrink_to_fit();
        });
}

/// minify-html takes `crossorigin` for a boolean attribute and drops its value, which would
/// turn the DSFR manifest link's `crossorigin="use-credentials"` into `anonymous`. The value
/// is hidden from the minifier under a private attribute, then written back.
const USE_CREDENTIALS: [&str; 2] = ["crossorigin=\"use-credentials\"", "crossorigin='use-credentials'"];
const HIDDEN_CREDENTIALS: &str = "data-atelier-use-credentials";

/// The deepest page minify-html is given. It recurses once per nested element and, on a
/// rayon worker's 2 MiB stack, survives about 460 levels (optimised build); a page the
/// theme builds around a body within `content::limits` stays under 150. A deeper page,
/// which only a gap in those limits could let through, is written as rendered.
const MAX_DEPTH: usize = 300;

fn minify_page(html: &[u8], cfg: &minify_html::Cfg) -> Vec<u8> {
    if crate::html_nesting::deepest(html) > MAX_DEPTH {
        return html.to_vec();
    }
    // Every page of a DSFR site links its manifest so: found, and put back, with a
    // vectorized search (the standard library's search and its copies of the page were a
    // tenth of the minification of the corpus site).
    let hidden = USE_CREDENTIALS.iter().fold(None, |hidden: Option<Vec<u8>>, a| {
        let from = hidden.as_deref().unwrap_or(html);
        replace_all(from, a.as_bytes(), HIDDEN_CREDENTIALS.as_bytes()).or(hidden)
    });
    match hidden {
        Some(hidden) => {
            let min = minify_html::minify(&hidden, cfg);
            replace_all(
                &min,
                HIDDEN_CREDENTIALS.as_bytes(),
                b"crossorigin=use-credentials",
            )
            .unwrap_or(min)
        }
        None => minify_html::minify(html, cfg),
    }
}

/// `bytes` with every `from` replaced by `to`; `None` when there is no `from` in them.
fn replace_all(bytes: &[u8], from: &[u8], to: &[u8]) -> Option<Vec<u8>> {
    let mut found = memchr::memmem::find_iter(bytes, from).peekable();
    found.peek()?;
    let mut out = Vec::with_capacity(bytes.len() + to.len());
    let mut at = 0;
    for i in found {
        out.extend_from_slice(&bytes[at..i]);
        out.extend_from_slice(to);
        at = i + from.len();
    }
    out.extend_from_slice(&bytes[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str, text: &str) -> Output {
        Output {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_page_too_deep_for_the_minifier_is_written_as_rendered() {
        // Rows and cells without a table are not closed by the next row: they pile up.
        let deep = "<tr><td>".repeat(5_000);
        let mut o = vec![out("deep.html", &deep), out("ok.html", &"<tr><td> ".repeat(100))];
        // On a rayon worker's stack: minify-html overflowed it and aborted the process.
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                minify(&mut o);
                assert_eq!(o[0].bytes, deep.as_bytes());
                assert_eq!(o[1].bytes, "<tr><td>".repeat(100).as_bytes(), "minified");
            })
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn minifies_html_only() {
        let mut o = vec![out("a.html", "<p>  a  </p>\n\n"), out("a.css", "a  {  }")];
        minify(&mut o);
        assert_eq!(o[0].bytes, b"<p>a</p>", "end tags are kept, for the search index");
        assert_eq!(o[1].bytes, b"a  {  }");
    }

    #[test]
    fn keeps_crossorigin_use_credentials() {
        let html = r#"<link rel="manifest" href="/m.webmanifest" crossorigin="use-credentials"><script crossorigin="anonymous" src="/a.js"></script>"#;
        let mut o = vec![out("a.html", html)];
        minify(&mut o);
        let min = String::from_utf8(o[0].bytes.clone()).unwrap();
        assert!(min.contains("crossorigin=use-credentials"), "{min}");
        assert!(!min.contains("data-atelier"), "{min}");
    }

    /// The entity table of minify-html is vendored with a patch (vendor/minify-html-common,
    /// stored compactly): named entities, the longest name that matches, numeric forms and
    /// names that are not entities must all read as before.
    #[test]
    fn reads_entities_as_the_html_standard_says() {
        let html = "<p>&eacute;t&eacute; &notin; &notit; &amp;amp &lt;b&gt; &#65;&#x42; &Zopf; &zwnj;x &bogus; &am</p>";
        let mut o = vec![out("a.html", html)];
        minify(&mut o);
        let min = String::from_utf8(o[0].bytes.clone()).unwrap();
        assert_eq!(
            min,
            "<p>été ∉ ¬it; &amp;amp &lt;b> AB ℤ \u{200c}x &bogus; &am</p>"
        );
    }
}
