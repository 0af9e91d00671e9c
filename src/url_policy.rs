//! Which URLs content may publish: `http`, `https`, `mailto`, `tel` and references without
//! a scheme (`/path`, `page/`, `#anchor`, `?q=x`, `//host/path`, `@/file.md`). Anything else
//! (`javascript:`, `data:`, `vbscript:`, `file:`, a typo like `ttps:`) is refused: a link or
//! an image of a page must never run script on the site's domain, whoever wrote the fiche.
//!
//! The scheme is read the way a browser's URL parser reads it (WHATWG URL standard): leading
//! and trailing C0 control characters and spaces are ignored, tabs and newlines anywhere are
//! removed, and letters are compared without case, so `  JaVa\tScRiPt:` is `javascript:`.
//! Character references (`jav&#x61;script:`) are decoded before this check by whoever reads
//! the HTML or the Markdown: the value checked here is the value the browser gets.

/// The schemes content may use.
pub const ALLOWED: [&str; 4] = ["http", "https", "mailto", "tel"];

/// A URL content may not publish, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The scheme as the browser reads it, lowercased, without the colon.
    pub scheme: String,
}

impl Refused {
    /// The message of a diagnostic about `what` (`link`, `` `href` of `<a>` ``, `` `link` ``).
    pub fn message(&self, what: &str) -> String {
        crate::tr!("url-scheme-refused", what = what, scheme = self.scheme.as_str())
    }

    /// What the editor can do.
    pub fn help(&self) -> String {
        match self.scheme.as_str() {
            "javascript" | "vbscript" | "data" => crate::tr!("url-scheme-runs-code-help"),
            _ => crate::tr!("url-scheme-refused-help"),
        }
    }
}

/// Checks one URL, already decoded from HTML or Markdown.
pub fn check(url: &str) -> Result<(), Refused> {
    match scheme(url) {
        Some(s) if !ALLOWED.iter().any(|a| s.eq_ignore_ascii_case(a)) => Err(Refused {
            scheme: s.to_ascii_lowercase(),
        }),
        _ => Ok(()),
    }
}

/// The scheme of `url` as a browser reads it, `None` for a reference without one.
fn scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut chars = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let first = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let mut scheme = String::from(first);
    for c in chars {
        match c {
            ':' => return Some(scheme),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => scheme.push(c),
            _ => return None,
        }
    }
    None
}

/// The URLs of a `srcset` value (`a.png 1x, b.png 2x`), as the HTML standard splits it.
pub fn srcset(value: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return urls;
        }
        let end = rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len());
        let url = &rest[..end];
        let ends_candidate = url.ends_with(',');
        urls.push(url.trim_end_matches(','));
        rest = &rest[end..];
        if ends_candidate {
            continue;
        }
        // Descriptors run to the next comma outside parentheses.
        let mut depth = 0usize;
        let mut cut = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    cut = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &rest[cut..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(url: &str) -> Option<String> {
        check(url).err().map(|r| r.scheme)
    }

    #[test]
    fn allowed() {
        for ok in [
            "https://exemple.gouv.fr/a?b#c",
            "HTTP://EXEMPLE.FR",
            "mailto:equipe@exemple.gouv.fr",
            "tel:+33123456789",
            "/startups/",
            "../x/",
            "page.html",
            "#contexte",
            "?q=1",
            "//cdn.exemple.fr/x",
            "@/startups/languia.md",
            "",
            "   ",
            // No scheme: a path whose first segment holds a colon after a non-scheme character.
            "a b:c",
            "\u{a0}javascript:alert(1)",
            "https:&#x2F;&#x2F;kwenduparis.wixsite.com",
            "1x:y",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok:?}");
        }
    }

    #[test]
    fn refused_schemes_and_their_disguises() {
        let cases = [
            ("javascript:alert(1)", "javascript"),
            ("JaVaScRiPt:alert(1)", "javascript"),
            (" javascript:alert(1)", "javascript"),
            ("\u{1}\u{1f}javascript:alert(1)", "javascript"),
            ("java\tscript:alert(1)", "javascript"),
            ("java\nscript:alert(1)", "javascript"),
            ("jav\r\nascript:x", "javascript"),
            ("javascript\t:x", "javascript"),
            ("data:text/html;base64,PHNjcmlwdD4=", "data"),
            ("DATA:image/svg+xml,<svg onload=alert(1)>", "data"),
            ("vbscript:msgbox", "vbscript"),
            ("file:///etc/passwd", "file"),
            ("ttps://ofb.gouv.fr/", "ttps"),
            ("ftp://exemple.fr", "ftp"),
            ("blob:https://x/y", "blob"),
            ("c:\\windows", "c"),
            ("x-custom+v1.0:go", "x-custom+v1.0"),
        ];
        for (url, scheme) in cases {
            assert_eq!(refused(url).as_deref(), Some(scheme), "{url:?}");
        }
    }

    #[test]
    fn messages_say_what_is_allowed() {
        let r = check("javascript:x").unwrap_err();
        assert_eq!(
            r.message("`link`"),
            "`link`: the URL scheme `javascript:` is not allowed, only http, https, mailto, tel \
             and addresses of the site"
        );
        assert!(r.help().contains("never published"));
        assert!(check("ttps://x").unwrap_err().help().contains("https://"));
    }

    #[test]
    fn srcset_urls() {
        assert_eq!(srcset("a.png 1x, b.png 2x"), ["a.png", "b.png"]);
        assert_eq!(srcset("a.png,b.png"), ["a.png,b.png"]);
        assert_eq!(srcset(" a.png, javascript:x 2x"), ["a.png", "javascript:x"]);
        assert_eq!(srcset("a.png (x, y) 1x, data:x"), ["a.png", "data:x"]);
        assert_eq!(srcset("a.png,, b.png"), ["a.png", "b.png"]);
        assert!(srcset(" , ").is_empty());
    }
}
