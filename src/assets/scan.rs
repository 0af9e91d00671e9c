//! Fast scans of generated HTML for what the asset selection needs: the
//! classes of the elements and the DSFR artwork files referenced; and of the
//! site's scripts, for the DSFR classes they name. No HTML parser: a small tag scanner reads
//! the attributes of start tags, so text content is never mistaken for
//! markup.

use std::collections::BTreeSet;

/// Adds the classes of the elements of `html` to `into`: every token of every
/// `class` attribute.
pub fn collect_classes(html: &str, into: &mut BTreeSet<String>) {
    for_each_attribute(html, |name, value| {
        if !name.eq_ignore_ascii_case("class") {
            return;
        }
        for class in value.split_ascii_whitespace() {
            if !into.contains(class) {
                into.insert(class.to_string());
            }
        }
    });
}

/// Adds to `into` the DSFR classes a script names: every `fr-` word (letters, digits,
/// `-`, `_`) of its text, as a script that builds elements writes them
/// (`el.className = 'fr-text--sm'`). A class a script puts together from pieces
/// (`'fr-text--' + size`) is not seen: name classes whole.
pub fn collect_script_classes(js: &str, into: &mut BTreeSet<String>) {
    let b = js.as_bytes();
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
    let mut i = 0;
    while let Some(at) = js[i..].find("fr-").map(|p| i + p) {
        let len = b[at..].iter().take_while(|&&c| is_word(c)).count();
        let starts_word = at == 0 || !is_word(b[at - 1]);
        if starts_word && len > 3 {
            into.insert(js[at..at + len].to_string());
        }
        i = at + len.max(3);
    }
}

/// Adds to `into` the DSFR artwork files `html` references, as paths
/// relative to the site's `dsfr/` folder: an attribute value containing
/// `dsfr/artwork/<...>.svg` (absolute or relative URL, `#fragment`
/// allowed) gives `artwork/<...>.svg`. Absolute `scheme://` URLs are
/// ignored.
pub fn collect_artwork(html: &str, into: &mut BTreeSet<String>) {
    for_each_attribute(html, |name, value| {
        let url_attr = ["href", "xlink:href", "src", "data"]
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name));
        if !url_attr || value.contains("://") || value.starts_with("//") {
            return;
        }
        let path = value.split(['#', '?']).next().unwrap_or_default();
        let Some(at) = path.find("dsfr/artwork/") else {
            return;
        };
        let at_segment = at == 0 || path.as_bytes()[at - 1] == b'/';
        if at_segment && path.ends_with(".svg") {
            into.insert(path[at + "dsfr/".len()..].to_string());
        }
    });
}

/// Calls `f(name, value)` for each attribute of each start tag in `html`
/// (values quoted with `"` or `'`, or unquoted; comments and the contents
/// of `<script>` and `<style>` are skipped).
fn for_each_attribute(html: &str, mut f: impl FnMut(&str, &str)) {
    let b = html.as_bytes();
    let mut i = 0;
    let take = |i: &mut usize, stop: &dyn Fn(u8) -> bool| {
        let start = *i;
        while *i < b.len() && !stop(b[*i]) {
            *i += 1;
        }
        &html[start..*i]
    };
    while let Some(lt) = html[i..].find('<').map(|p| i + p) {
        i = lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |p| i + p + 3);
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let tag = take(&mut i, &|c| c.is_ascii_whitespace() || c == b'/' || c == b'>');
        loop {
            take(&mut i, &|c| !(c.is_ascii_whitespace() || c == b'/'));
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let name = take(&mut i, &|c| c.is_ascii_whitespace() || b"=>/".contains(&c));
            take(&mut i, &|c| !c.is_ascii_whitespace());
            if b.get(i) != Some(&b'=') {
                f(name, "");
                continue;
            }
            i += 1;
            take(&mut i, &|c| !c.is_ascii_whitespace());
            let value = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    i += 1;
                    let v = take(&mut i, &|c| c == q);
                    i = (i + 1).min(b.len());
                    v
                }
                _ => take(&mut i, &|c| c.is_ascii_whitespace() || c == b'>'),
            };
            f(name, value);
        }
        for raw in ["script", "style"] {
            if tag.eq_ignore_ascii_case(raw) {
                let close = format!("</{raw}");
                i = b[i..]
                    .windows(close.len())
                    .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                    .map_or(html.len(), |p| i + p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_classes_from_any_quoting() {
        let html = r#"<a class="fr-btn fr-icon-arrow-right-line fr-btn--icon-right" href="/">x</a>
            <span CLASS='fr-fi-mail-line  fr-icon--sm'></span><i class=fr-icon-close-line>
            <p data-class="fr-not-me" title="class=fr-nor-me">class="fr-text"</p>
            <svg class = "fr-artwork fr-icon-check-line"></svg><script>x.className = "fr-js"</script>"#;
        let mut used = BTreeSet::new();
        collect_classes(html, &mut used);
        let got: Vec<&str> = used.iter().map(String::as_str).collect();
        assert_eq!(
            got,
            [
                "fr-artwork",
                "fr-btn",
                "fr-btn--icon-right",
                "fr-fi-mail-line",
                "fr-icon--sm",
                "fr-icon-arrow-right-line",
                "fr-icon-check-line",
                "fr-icon-close-line",
            ]
        );
    }

    #[test]
    fn collects_the_classes_a_script_names_whole() {
        let js = "p.className = 'fr-text--xs fr-mb-1v';\nh.classList.add(`fr-h5`);\n\
                  const x = 'fr-text--' + size; // not-fr-this, fr-\nif (a.fr-y) {}";
        let mut used = BTreeSet::new();
        collect_script_classes(js, &mut used);
        let got: Vec<&str> = used.iter().map(String::as_str).collect();
        assert_eq!(got, ["fr-h5", "fr-mb-1v", "fr-text--", "fr-text--xs", "fr-y"]);
    }

    #[test]
    fn collects_dsfr_artwork_references() {
        let html = r##"<svg><use class="fr-artwork-major" href="../dsfr/artwork/pictograms/environment/sun.svg#artwork-major"></use>
            <use xlink:href="/dsfr/artwork/pictograms/system/system.svg#artwork-minor"/></svg>
            <img src="dsfr/artwork/background/ovoid.svg?v=1" alt="">
            <a href="https://example.org/dsfr/artwork/x.svg">x</a><a href="/mydsfr/artwork/y.svg">y</a>
            <a href="/dsfr/artwork/readme.txt">z</a>"##;
        let mut art = BTreeSet::new();
        collect_artwork(html, &mut art);
        let got: Vec<&str> = art.iter().map(String::as_str).collect();
        assert_eq!(
            got,
            [
                "artwork/background/ovoid.svg",
                "artwork/pictograms/environment/sun.svg",
                "artwork/pictograms/system/system.svg"
            ]
        );
    }

    #[test]
    fn survives_truncated_markup() {
        let mut used = BTreeSet::new();
        for html in [
            "<a class=",
            "<a class=\"fr-icon-x",
            "=",
            "é=é class='",
            "<a class=fr-icon-é",
        ] {
            collect_classes(html, &mut used);
            collect_artwork(html, &mut BTreeSet::new());
        }
        assert!(used.contains("fr-icon-x") && used.contains("fr-icon-é"));
    }
}
