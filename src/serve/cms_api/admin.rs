//! What `serve` gives the CMS's page (`/admin/`, published by the CMS's settings): a
//! script of its own instead of the pages' live-reload script.

use crate::serve::reload::{self, js};

/// The script the CMS's page loads under `serve`, before Decap CMS's own script and
/// without `defer` (`<script src="/__atelier/cms.js"></script>`):
///
/// - it starts Decap CMS itself with this preview as its local backend, at the address the
///   page was opened with (`localhost`, `127.0.0.1` or `[::1]` alike: the API answers
///   only its own origin), merged into `config.yml` (Decap's `CMS_MANUAL_INIT`);
/// - it shows the problems of the site, the saved file's among them, in a panel over the
///   corner of the CMS that leaves it usable, as they come on the preview's event stream.
///   Unlike the pages' script, it never reloads the CMS (an editor's unsaved text would
///   be lost).
///
/// After [`reload::PANEL`], `EVENTS` is replaced by the URL of the event stream, `API` by
/// [`super::PATH`], and the panel's texts by messages of the catalogues: `TITLE_ONE` and
/// `TITLE_MANY` by `cms-problems-title` rendered for one problem and for many (its `COUNT`
/// standing for the number), `HIDE` by `cms-problems-hide`, each as a JavaScript string.
pub const SCRIPT: &str = r#"// atelier serve: the CMS edits this preview's site; the site's problems shown in it.
(() => {
  PANEL
  const first = !window.CMS;
  if (first) window.CMS_MANUAL_INIT = true;
  document.addEventListener("DOMContentLoaded", () => {
    if (first && window.CMS) {
      window.CMS.init({ config: { local_backend: {
        url: location.origin + "API", allowed_hosts: [location.hostname] } } });
    }
  });
  const show = problemsPanel({ tag: "atelier-cms-problems",
    box: "position:fixed;right:1rem;bottom:1rem;max-width:min(48rem,calc(100vw - 2rem));" +
      "max-height:45vh;padding:1rem;border-left:4px solid #ff8a8a;",
    font: "13px/1.5", one: TITLE_ONE, many: TITLE_MANY, hide: HIDE });
  const events = new EventSource("EVENTS");
  events.addEventListener("errors", (e) => show(JSON.parse(e.data).errors));
})();
"#;

/// Whether a page is the CMS's (it loads [`SCRIPT`]): `serve` adds no live-reload script
/// to it, whose reloads would lose what the editor is typing and whose overlay would hide
/// the CMS.
pub fn is_cms_page(html: &[u8]) -> bool {
    let needle = crate::cms::page::SERVE_SCRIPT.as_bytes();
    html.windows(needle.len()).any(|w| w == needle)
}

/// [`SCRIPT`], listening to the event stream of a site served under `base_path`, its
/// texts in the current language.
pub fn script(base_path: &str) -> String {
    // `count` given as text selects the catalogue's form for many, keeping `COUNT` for the
    // script to replace by the number.
    SCRIPT
        .replace("EVENTS", &format!("{base_path}{}events", reload::PREFIX))
        .replace("\"API\"", &format!("\"{}\"", super::PATH))
        .replace("TITLE_ONE", &js(crate::tr!("cms-problems-title", count = 1)))
        .replace(
            "TITLE_MANY",
            &js(crate::tr!("cms-problems-title", count = "COUNT")),
        )
        .replace("HIDE", &js(crate::tr!("cms-problems-hide")))
        // Last, so that nothing above rewrites the panel's own code.
        .replace("PANEL\n", reload::PANEL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cms_page_names_the_script_the_server_answers() {
        // `cms::page` writes the address into the CMS's page; `http` routes it here.
        assert_eq!(
            crate::cms::page::SERVE_SCRIPT,
            format!("{}cms.js", crate::serve::reload::PREFIX)
        );
    }

    #[test]
    fn the_cms_script_listens_under_the_base_path_and_never_reloads() {
        let s = script("/atelier/");
        assert!(
            s.contains("new EventSource(\"/atelier/__atelier/events\")"),
            "{s}"
        );
        assert!(s.contains("url: location.origin + \"/api/v1\""), "{s}");
        assert!(!s.contains("reload"));
        // The panel's texts come from the catalogues (English in the library's tests).
        assert!(
            s.contains("one: \"1 problem to fix:\", many: \"COUNT problems to fix:\""),
            "{s}"
        );
        assert!(s.contains("hide: \"Hide the problems\""), "{s}");
        // The panel's code is there, once, and untouched by the replacements.
        assert_eq!(s.matches(reload::PANEL).count(), 1, "{s}");
        assert!(is_cms_page(
            b"<script src=\"/atelier/__atelier/cms.js\"></script>"
        ));
        assert!(!is_cms_page(b"<script src=\"/__atelier/live.js\"></script>"));
    }
}
