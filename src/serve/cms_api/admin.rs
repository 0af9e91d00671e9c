//! What `serve` gives the CMS's page (`/admin/`, published by the CMS's settings): a
//! script of its own instead of the pages' live-reload script.

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
/// `EVENTS` is replaced by the URL of the event stream, `API` by [`super::PATH`], and the
/// panel's texts by messages of the catalogues: `TITLE_ONE` and `TITLE_MANY` by
/// `cms-problems-title` rendered for one problem and for many (its `COUNT` standing for the
/// number), `HIDE` by `cms-problems-hide`, each as a JavaScript string.
pub const SCRIPT: &str = r#"// atelier serve: the CMS edits this preview's site; the site's problems shown in it.
(() => {
  const first = !window.CMS;
  if (first) window.CMS_MANUAL_INIT = true;
  document.addEventListener("DOMContentLoaded", () => {
    if (first && window.CMS) {
      window.CMS.init({ config: { local_backend: {
        url: location.origin + "API", allowed_hosts: [location.hostname] } } });
    }
  });
  let panel = null;
  const show = (errors) => {
    if (panel) { panel.remove(); panel = null; }
    if (!errors.length) return;
    panel = document.createElement("atelier-cms-problems");
    const root = panel.attachShadow({ mode: "open" });
    const box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483647;" +
      "max-width:min(48rem,calc(100vw - 2rem));max-height:45vh;overflow:auto;padding:1rem;" +
      "background:rgba(20,20,30,.96);color:#f4f4f4;font:13px/1.5 ui-monospace,monospace;" +
      "border-left:4px solid #ff8a8a";
    const title = document.createElement("p");
    title.style.cssText = "font-weight:bold;color:#ff8a8a;margin:0 0 .75rem";
    title.textContent = errors.length === 1 ? TITLE_ONE
      : TITLE_MANY.replace("COUNT", String(errors.length));
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", HIDE);
    close.style.cssText = "float:right;background:none;border:0;color:inherit;font-size:1.25rem;cursor:pointer";
    close.addEventListener("click", () => { if (panel) { panel.remove(); panel = null; } });
    box.append(close, title);
    for (const e of errors) {
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0 0 1rem";
      pre.textContent = e.text;
      box.append(pre);
    }
    root.append(box);
    document.documentElement.append(panel);
  };
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
    let js = |text: String| serde_json::Value::String(text).to_string();
    // `count` given as text selects the catalogue's form for many, keeping `COUNT` for the
    // script to replace by the number.
    SCRIPT
        .replace(
            "EVENTS",
            &format!("{base_path}{}events", crate::serve::reload::PREFIX),
        )
        .replace("\"API\"", &format!("\"{}\"", super::PATH))
        .replace("TITLE_ONE", &js(crate::tr!("cms-problems-title", count = 1)))
        .replace(
            "TITLE_MANY",
            &js(crate::tr!("cms-problems-title", count = "COUNT")),
        )
        .replace("HIDE", &js(crate::tr!("cms-problems-hide")))
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
        assert!(s.contains("errors.length === 1 ? \"1 problem to fix:\"\n"), "{s}");
        assert!(
            s.contains(": \"COUNT problems to fix:\".replace(\"COUNT\", String(errors.length))"),
            "{s}"
        );
        assert!(
            s.contains("setAttribute(\"aria-label\", \"Hide the problems\")"),
            "{s}"
        );
        assert!(is_cms_page(
            b"<script src=\"/atelier/__atelier/cms.js\"></script>"
        ));
        assert!(!is_cms_page(b"<script src=\"/__atelier/live.js\"></script>"));
    }
}
