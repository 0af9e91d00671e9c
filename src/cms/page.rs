//! The CMS's page: `index.html` loads Decap CMS from the site's own folder (nothing from
//! another host), and `atelier-cms.js` registers the site's stylesheets for the preview.
//! The stylesheets are named by `<link rel="alternate stylesheet">`: the browser does not
//! apply them to the CMS itself, and the write stage rewrites their addresses to the
//! hashed names as in any page.

/// Registers the stylesheets named on the page as the preview's (`CMS.registerPreviewStyle`);
/// under `serve` ([`SERVE_SCRIPT`] ran first), starts the CMS with the address of the
/// preview server's local backend, which Decap wants absolute. Files, not inline scripts,
/// so that a Content-Security-Policy without `'unsafe-inline'` lets them run.
pub const SCRIPT: &str = r#"// Written by atelier: the CMS's preview shows the entry with the site's own stylesheets.
(function () {
  var links = document.querySelectorAll('link[rel="alternate stylesheet"][title="apercu"]');
  for (var i = 0; i < links.length; i++) {
    window.CMS.registerPreviewStyle(links[i].href);
  }
  if (window.CMS_MANUAL_INIT) {
    // atelier serve: the CMS edits the working tree through the preview server itself.
    window.CMS.init({
      config: {
        local_backend: { url: location.origin + "/api/v1", allowed_hosts: [location.hostname] }
      }
    });
  }
})();
"#;

/// `serve` only, before the CMS: keeps it from starting before [`SCRIPT`] gives it the
/// local backend's address.
pub const SERVE_SCRIPT: &str = "// Written by atelier serve: atelier-cms.js starts the CMS.
window.CMS_MANUAL_INIT = true;
";

/// The CMS's `index.html`: French, kept out of search engines, the site's `title` in its
/// title, `styles` the stylesheets of the preview.
pub fn index(title: &str, styles: &[String], serve: bool) -> String {
    let before = if serve {
        "<script src=\"atelier-cms-serve.js\"></script>\n"
    } else {
        ""
    };
    let mut links = String::new();
    for href in styles {
        links.push_str(&format!(
            "<link rel=\"alternate stylesheet\" title=\"apercu\" href=\"{}\">\n",
            escape(href)
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n\
         <title>Édition du site – {}</title>\n{links}</head>\n<body>\n\
         {before}<script src=\"decap-cms.js\"></script>\n<script src=\"atelier-cms.js\"></script>\n\
         </body>\n</html>\n",
        escape(title)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The addresses of the stylesheets a page links (`<link rel="stylesheet" href>`), quoted
/// or not (a minified page drops the quotes), in their order; only addresses of the site
/// itself (starting with one `/`).
pub fn stylesheets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<link") {
        let start = from + i + "<link".len();
        let end = lower[start..].find('>').map_or(html.len(), |e| start + e);
        let attrs = attributes(&html[start..end]);
        let get = |name: &str| attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let is_sheet = get("rel").is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case("stylesheet"))
                && !r.to_ascii_lowercase().contains("alternate")
        });
        if let (true, Some(href)) = (is_sheet, get("href"))
            && href.starts_with('/')
            && !href.starts_with("//")
        {
            out.push(href.to_string());
        }
        from = end;
    }
    out
}

/// The attributes of a tag's inside, names lowercased.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace() || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let e = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..e], &after[e..])
                }
            };
            value = v.to_string();
            rest = next.trim_start();
        } else if name.is_empty() {
            rest = rest.get(1..).unwrap_or("").trim_start();
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_of_a_page_quoted_or_not() {
        let html = r#"<link rel=stylesheet href=/dsfr/dsfr.min.css><link rel="preload" href="/a.woff2">
<LINK REL="stylesheet" HREF="/theme/atelier.css" /><link rel="stylesheet" href="https://cdn.test/x.css">
<link rel="alternate stylesheet" href="/alt.css"><link rel='stylesheet' href='//cdn.test/y.css'>"#;
        assert_eq!(stylesheets(html), ["/dsfr/dsfr.min.css", "/theme/atelier.css"]);
    }

    #[test]
    fn index_loads_the_cms_from_its_folder_only() {
        let html = index(
            "L'Atelier <numérique>",
            &["/dsfr/dsfr.min.css".to_string()],
            false,
        );
        assert!(html.contains("<html lang=\"fr\">"), "{html}");
        assert!(html.contains("<title>Édition du site – L'Atelier &lt;numérique&gt;</title>"));
        assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
        assert!(html.contains("title=\"apercu\" href=\"/dsfr/dsfr.min.css\""));
        let srcs: Vec<&str> = html
            .split("src=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(srcs, ["decap-cms.js", "atelier-cms.js"]);
        let html = index("A", &[], true);
        let srcs: Vec<&str> = html
            .split("src=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(srcs, ["atelier-cms-serve.js", "decap-cms.js", "atelier-cms.js"]);
    }
}
