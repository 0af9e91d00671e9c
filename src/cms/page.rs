//! The CMS's page: `index.html` loads Decap CMS from the site's own folder (nothing from
//! another host), and `atelier-cms.js` registers the site's stylesheets for the preview.
//! The stylesheets are named by `<link rel="alternate stylesheet">`: the browser does not
//! apply them to the CMS itself, and the write stage rewrites their addresses to the
//! hashed names as in any page.

/// Registers the stylesheets named on the page as the preview's (`CMS.registerPreviewStyle`)
/// and, for each of `collections`, a preview laid out as the site's pages are (a DSFR
/// container, the title, the lead sentence, the text). Under `serve`, [`SERVE_SCRIPT`] ran
/// first and starts the CMS once the page is read, with the preview server as its local
/// backend. A file, not an inline script, so that a Content-Security-Policy without
/// `'unsafe-inline'` lets it run.
pub fn script(collections: &[&str]) -> String {
    let names: Vec<String> = collections.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        r#"// Written by atelier: the CMS's preview shows the entry as the site lays out a page.
(function () {{
  var cms = window.CMS;
  var h = window.h;
  var links = document.querySelectorAll('link[rel="alternate stylesheet"][title="apercu"]');
  for (var i = 0; i < links.length; i++) {{
    cms.registerPreviewStyle(links[i].href);
  }}
  function data(entry, name) {{
    var value = entry.getIn(["data", name]);
    return typeof value === "string" ? value : "";
  }}
  function preview(props) {{
    var entry = props.entry;
    var lead = data(entry, "mission") || data(entry, "description");
    return h("main", {{ className: "fr-container fr-mt-4w" }},
      h("h1", null, data(entry, "title") || data(entry, "name")),
      lead ? h("p", {{ className: "fr-text--lead" }}, lead) : null,
      h("div", {{ className: "fr-mt-4w" }}, props.widgetFor("body")));
  }}
  [{}].forEach(function (name) {{
    cms.registerPreviewTemplate(name, preview);
  }});
}})();
"#,
        names.join(", ")
    )
}

/// `serve` only, loaded before the CMS, from the site's root: the preview server's script
/// (`src/serve/cms_api/admin.rs`) that starts the CMS with the server as its local backend
/// (Decap wants its address absolute, known only in the browser) and shows the site's
/// problems over it.
pub const SERVE_SCRIPT: &str = "__atelier/cms.js";

/// The Content-Security-Policy of the CMS's page, stricter than nothing but looser than the
/// pages': Decap compiles its configuration's schema with `new Function` (ajv), hence
/// `'unsafe-eval'`, and styles its interface with `<style>` elements it writes (emotion),
/// hence `'unsafe-inline'` for styles. Scripts still come from the site alone; the CMS talks
/// to the site (`serve`'s `/api/v1`) and to the GitLab at `gitlab` (its origin), nothing else.
pub fn policy(gitlab: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob: https:; media-src 'self' blob: https:; connect-src 'self' {gitlab}; \
         frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// The CMS's `index.html`: French, kept out of search engines, the site's `title` in its
/// title, `head` the home page's icons and stylesheets (those for the preview only), its
/// own policy ([`policy`]) right after `<meta charset>`.
///
/// `dir` is the CMS's folder as a site path (`/admin/`): the scripts are named from the
/// site's root, like every other file a page loads.
pub fn index(title: &str, head: &[HeadLink], serve: Option<&str>, gitlab: &str, dir: &str) -> String {
    let dir = escape(dir);
    let before = if let Some(base_path) = serve {
        format!("<script src=\"{}{SERVE_SCRIPT}\"></script>\n", escape(base_path))
    } else {
        String::new()
    };
    let mut links = String::new();
    for link in head {
        if link.is_stylesheet() {
            links.push_str(&format!(
                "<link rel=\"alternate stylesheet\" title=\"apercu\" href=\"{}\">\n",
                escape(&link.href)
            ));
        } else {
            let kind = link
                .kind
                .as_deref()
                .map(|t| format!(" type=\"{}\"", escape(t)))
                .unwrap_or_default();
            links.push_str(&format!(
                "<link rel=\"{}\" href=\"{}\"{kind}>\n",
                escape(&link.rel),
                escape(&link.href)
            ));
        }
    }
    format!(
        "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n\
         <title>Édition du site – {}</title>\n{links}</head>\n<body>\n\
         {before}<script src=\"{dir}decap-cms.js\"></script>\n<script src=\"{dir}atelier-cms.js\"></script>\n\
         </body>\n</html>\n",
        escape(&policy(gitlab)),
        escape(title)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A `<link>` of the home page the CMS's page repeats: a stylesheet (for the preview) or
/// an icon (so that the browser does not ask for a `/favicon.ico` the site may not have).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadLink {
    /// `stylesheet`, `icon`, `shortcut icon`, `apple-touch-icon`.
    pub rel: String,
    pub href: String,
    pub kind: Option<String>,
}

impl HeadLink {
    pub fn is_stylesheet(&self) -> bool {
        self.rel.eq_ignore_ascii_case("stylesheet")
    }
}

/// The stylesheets and icons a page links (`<link rel="stylesheet" href>`, `rel` with
/// `icon`), quoted or not (a minified page drops the quotes), in their order; only
/// addresses of the site itself (starting with one `/`).
pub fn head_links(html: &str) -> Vec<HeadLink> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<link") {
        let start = from + i + "<link".len();
        let end = lower[start..].find('>').map_or(html.len(), |e| start + e);
        let attrs = attributes(&html[start..end]);
        let get = |name: &str| attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let rel = get("rel").unwrap_or_default().trim().to_ascii_lowercase();
        let tokens: Vec<&str> = rel.split_ascii_whitespace().collect();
        let wanted = tokens == ["stylesheet"] || tokens.iter().any(|t| t.ends_with("icon"));
        if let (true, Some(href)) = (wanted, get("href"))
            && href.starts_with('/')
            && !href.starts_with("//")
        {
            out.push(HeadLink {
                rel: tokens.join(" "),
                href,
                kind: get("type"),
            });
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
    fn stylesheets_and_icons_of_a_page_quoted_or_not() {
        let html = r#"<link rel=stylesheet href=/dsfr/dsfr.min.css><link rel="preload" href="/a.woff2">
<LINK REL="stylesheet" HREF="/theme/atelier.css" /><link rel="stylesheet" href="https://cdn.test/x.css">
<link rel="alternate stylesheet" href="/alt.css"><link rel='stylesheet' href='//cdn.test/y.css'>
<link href=/f.svg rel=icon type=image/svg+xml><link rel="shortcut icon" href=/f.ico><link rel=manifest href=/m>"#;
        let found: Vec<(String, String, Option<String>)> = head_links(html)
            .into_iter()
            .map(|l| (l.rel, l.href, l.kind))
            .collect();
        let own = |r: &str, h: &str, k: Option<&str>| (r.to_string(), h.to_string(), k.map(str::to_string));
        assert_eq!(
            found,
            [
                own("stylesheet", "/dsfr/dsfr.min.css", None),
                own("stylesheet", "/theme/atelier.css", None),
                own("icon", "/f.svg", Some("image/svg+xml")),
                own("shortcut icon", "/f.ico", None),
            ]
        );
    }

    #[test]
    fn the_script_lays_out_the_preview_of_each_collection() {
        let js = script(&["startups", "pages"]);
        assert!(js.contains(r#"["startups", "pages"].forEach"#), "{js}");
        assert!(js.contains("cms.registerPreviewTemplate(name, preview)"));
        assert!(js.contains(r#"className: "fr-container fr-mt-4w""#));
    }

    #[test]
    fn index_loads_the_cms_from_its_folder_only() {
        let head = head_links("<link rel=stylesheet href=/dsfr/dsfr.min.css><link rel=icon href=/f.svg>");
        let html = index(
            "L'Atelier <numérique>",
            &head,
            None,
            "https://gitlab.test",
            "/admin/",
        );
        assert!(html.contains("<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'unsafe-eval';"));
        assert!(html.contains("connect-src 'self' https://gitlab.test;"));
        assert!(html.contains("<link rel=\"icon\" href=\"/f.svg\">"), "{html}");
        assert!(html.contains("<html lang=\"fr\">"), "{html}");
        assert!(html.contains("<title>Édition du site – L'Atelier &lt;numérique&gt;</title>"));
        assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
        assert!(html.contains("title=\"apercu\" href=\"/dsfr/dsfr.min.css\""));
        let srcs: Vec<&str> = html
            .split("src=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(srcs, ["/admin/decap-cms.js", "/admin/atelier-cms.js"]);
        let html = index("A", &[], Some("/a/"), "https://gitlab.test", "/a/cms/");
        let srcs: Vec<&str> = html
            .split("src=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(
            srcs,
            [
                "/a/__atelier/cms.js",
                "/a/cms/decap-cms.js",
                "/a/cms/atelier-cms.js"
            ]
        );
    }
}
