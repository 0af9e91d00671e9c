//! Live reload: the few lines of script injected into every HTML page `serve` answers
//! (never into `build` output), and the server-sent events it listens to.
//!
//! Two events: `reload` lists the site paths whose page changed (`*` for all), so a tab
//! reloads only when its own page changed, keeping its scroll position; `errors` carries
//! the current problems, shown over every page until they are fixed. Each new connection
//! gets the current `errors` first.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};

/// Folder of serve's own URLs, under the site's base path.
pub const PREFIX: &str = "__atelier/";

/// The problems panel, shared by the pages' script and the CMS's page's (in `cms_api`):
/// `problemsPanel(options)` returns `show(errors)`, which replaces the panel with one listing
/// `errors` (as the terminal prints them), or removes it when there are none. Its options:
/// `tag` (the custom element holding the panel's shadow root), `box` (the panel's place and
/// size, as CSS), `font`, `one` and `many` (the titles; `COUNT` in `many` stands for the
/// number), and `hide` (the label of a button closing the panel; none without it).
pub const PANEL: &str = r#"const problemsPanel = (o) => {
  let panel = null;
  const remove = () => { if (panel) { panel.remove(); panel = null; } };
  return (errors) => {
    remove();
    if (!errors.length) return;
    panel = document.createElement(o.tag);
    const root = panel.attachShadow({ mode: "open" });
    const box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.style.cssText = o.box + "z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,30,.95);color:#f4f4f4;font:" + o.font + " ui-monospace,monospace";
    const title = document.createElement("p");
    title.style.cssText = "font-weight:bold;color:#ff8a8a;margin:0 0 1rem";
    title.textContent = errors.length === 1 ? o.one
      : o.many.replace("COUNT", String(errors.length));
    if (o.hide) {
      const close = document.createElement("button");
      close.type = "button";
      close.textContent = "×";
      close.setAttribute("aria-label", o.hide);
      close.style.cssText = "float:right;background:none;border:0;color:inherit;font-size:1.25rem;cursor:pointer";
      close.addEventListener("click", remove);
      box.append(close);
    }
    box.append(title);
    for (const e of errors) {
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0 0 1rem";
      pre.textContent = e.text;
      box.append(pre);
    }
    root.append(box);
    document.documentElement.append(panel);
  };
};
"#;

/// The pages' script, after [`PANEL`]. `EVENTS` is replaced by the URL of the event stream,
/// `OVERLAY_ONE` and `OVERLAY_MANY` by the overlay's titles in the language of the messages.
const SCRIPT: &str = r#"// atelier serve: live reload and problem overlay (preview only).
(() => {
  PANEL
  const key = "atelier-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    const [x, y] = JSON.parse(saved);
    const restore = () => window.scrollTo(x, y);
    restore();
    window.addEventListener("load", restore);
  }
  const here = decodeURI(location.pathname).replace(/index\.html$/, "");
  const show = problemsPanel({ tag: "atelier-problems", box: "position:fixed;inset:0;padding:2rem;",
    font: "14px/1.5", one: OVERLAY_ONE, many: OVERLAY_MANY });
  const events = new EventSource("EVENTS");
  events.addEventListener("errors", (e) => show(JSON.parse(e.data).errors));
  events.addEventListener("reload", (e) => {
    const paths = JSON.parse(e.data).paths;
    if (paths.includes("*") || paths.includes(here)) {
      sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY]));
      location.reload();
    }
  });
})();
"#;

/// The script, listening to the event stream of a site served under `base_path`.
pub fn script(base_path: &str) -> String {
    SCRIPT
        .replace("EVENTS", &format!("{base_path}{PREFIX}events"))
        .replace("OVERLAY_ONE", &js(crate::tr!("serve-overlay-one")))
        .replace(
            "OVERLAY_MANY",
            &js(crate::tr!("serve-overlay-many", count = "COUNT")),
        )
        // Last, so that nothing above rewrites the panel's own code.
        .replace("PANEL\n", PANEL)
}

/// `text` as a JavaScript string literal.
pub fn js(text: String) -> String {
    serde_json::Value::String(text).to_string()
}

/// The page with the script tag added before `</body>`, or at the end when the closing tag
/// was left out (minified pages omit it).
pub fn inject(html: &[u8], base_path: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{base_path}{PREFIX}live.js\" defer></script>");
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=hay.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
    /// As the terminal prints it: location, source line with a caret, help.
    text: String,
}

/// The `errors` event: the errors among `diags` (warnings stay in the terminal).
pub fn errors_payload(diags: &[Diagnostic]) -> String {
    let problems: Vec<Problem<'_>> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| Problem {
            diagnostic: d,
            text: d.render(false).trim_end().to_string(),
        })
        .collect();
    serde_json::json!({ "errors": problems }).to_string()
}

/// The `reload` event for the given site paths (`/startups/ada/`, or `*` for all).
pub fn reload_payload(paths: &[String]) -> String {
    serde_json::json!({ "paths": paths }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;
    use std::path::Path;

    #[test]
    fn injects_before_the_closing_body_tag_or_at_the_end() {
        let tag = "<script src=\"/__atelier/live.js\" defer></script>";
        assert_eq!(
            String::from_utf8(inject(b"<p>a</p></BODY></html>", "/")).unwrap(),
            format!("<p>a</p>{tag}</BODY></html>")
        );
        assert_eq!(
            String::from_utf8(inject(b"<!doctype html><p>a", "/")).unwrap(),
            format!("<!doctype html><p>a{tag}")
        );
        let sub = String::from_utf8(inject(b"", "/atelier/")).unwrap();
        assert_eq!(sub, "<script src=\"/atelier/__atelier/live.js\" defer></script>");
    }

    #[test]
    fn the_script_listens_under_the_base_path() {
        let s = script("/atelier/");
        assert!(
            s.contains("new EventSource(\"/atelier/__atelier/events\")"),
            "{s}"
        );
        // The panel's code is there, once, untouched by the replacements; its titles are
        // the catalogue's (English in the library's tests) and it has no close button.
        assert_eq!(s.matches(PANEL).count(), 1, "{s}");
        assert!(
            s.contains("one: \"1 problem to fix (the last good pages are shown):\""),
            "{s}"
        );
        assert!(!s.contains("OVERLAY_") && !s.contains("hide:"), "{s}");
    }

    #[test]
    fn errors_carry_the_terminal_text_and_leave_warnings_out() {
        let src = "title: <b>x\nmission: [\n";
        let d = Diagnostic::error("did not find expected node content")
            .at(Location::in_source(
                Path::new("content/startups/ada.md"),
                src,
                2,
                21,
                1,
            ))
            .help("close the list with `]`");
        let w = Diagnostic::warning("unknown user type");
        let json: serde_json::Value = serde_json::from_str(&errors_payload(&[d, w])).unwrap();
        let errors = json["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0]["path"], "content/startups/ada.md");
        assert_eq!(errors[0]["line"], 3);
        assert_eq!(errors[0]["col"], 10);
        let text = errors[0]["text"].as_str().unwrap();
        assert!(text.contains("--> content/startups/ada.md:3:10"), "{text}");
        assert!(text.contains("mission: ["), "{text}");
        assert!(text.contains("help: close the list"), "{text}");
    }
}
