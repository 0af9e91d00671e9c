//! Unit tests of shortcodes: syntax, arguments, nesting, placeholders.

use super::placeholders::OPEN;
use super::*;
use crate::markdown::{Options, render as render_body};

/// Renders with a caller that writes `[name id index args | body | children]`.
fn render(src: &str) -> Rendered {
    let resolve = |_: &str| None;
    let call = |c: &Shortcode<'_>| -> Result<String, ShortcodeError> {
        if c.name == "bad" {
            return Err(ShortcodeError {
                message: "bad".into(),
                help: String::new(),
                at: ErrorAt::Arg(1),
            });
        }
        let args: Vec<String> = c.args.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
        let children: Vec<&str> = c.children.iter().map(|k| k.id.as_str()).collect();
        let body = c.body.unwrap_or("");
        let tag = if c.body.is_some() { "div" } else { "span" };
        Ok(format!(
            "<{tag}>[{} {} {} {}|{body}|{}]</{tag}>",
            c.name,
            c.id,
            c.index,
            args.join(","),
            children.join(",")
        ))
    };
    render_body(
        src,
        &Options {
            base_path: "/",
            resolve: &resolve,
            raw_html: crate::raw_html::Mode::Sanitize,
            typography: false,
            images: &|_| None,
            shortcode: Some(&call),
        },
    )
}

#[test]
fn inline_calls_stay_in_their_paragraph() {
    let r = render("Avant {{ b(n=3, ok=true, x=-1.5, s='a\\'b') }} après.\n");
    assert_eq!(
        r.html,
        "<p>Avant <span>[b sc-b-1 1 n=Int(3),ok=Bool(true),x=Float(-1.5),s=Str(\"a'b\")||]</span> après.</p>\n"
    );
}

#[test]
fn bodies_are_markdown_and_nest() {
    let src = "# Titre\n\n{% g() %}\n{% a(t=\"1\") %}\n*un*\n{% end %}\n{% a(t=\"2\") %}\ndeux\n{% end %}\n{% end %}\n\n## Suite {#suite}\n";
    let r = render(src);
    assert!(
        r.html
            .starts_with("<h1 id=\"titre\">Titre</h1>\n<div>[g sc-g-1 1 |"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<div>[a sc-a-2 1 t=Str(\"1\")|<p><em>un</em></p>\n|]</div>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("[a sc-a-3 2 t=Str(\"2\")|<p>deux</p>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("|sc-a-2,sc-a-3]</div>\n<h2 id=\"suite\">Suite</h2>"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("<p><div>"), "{}", r.html);
    // Ranges point into the source as written.
    let suite = &r.headings[1];
    assert_eq!(&src[suite.range.clone()], "## Suite {#suite}\n");
}

#[test]
fn code_is_not_read() {
    let src = "`{{ b() }}`\n\n```\n{% a() %}\n```\n\n    {{ b() }}\n";
    let r = render(src);
    assert!(!r.html.contains('['), "{}", r.html);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn problems_point_at_the_source() {
    let src = "Texte.\n\n{{ ok(a=\"1\", b=2) }} {{ bad(a=\"1\", b=2) }}\n\n{% open() %}\n\n{{ b(a=) }}\n";
    let r = render(src);
    let at: Vec<(&str, &str)> = r
        .problems
        .iter()
        .map(|p| (&src[p.range.clone()], p.message.as_str()))
        .collect();
    assert_eq!(at[0], ("b", "bad"), "{at:?}");
    assert_eq!(at[1].0, "{% open() %}", "{at:?}");
    assert!(at[1].1.contains("never closed"), "{at:?}");
    assert!(at[2].1.contains("expected a value"), "{at:?}");
}

#[test]
fn hostile_input_stays_bounded() {
    // Deep nesting is an error, not a stack overflow.
    let deep = "{% a() %}\n".repeat(5_000) + &"{% end %}\n".repeat(5_000);
    let r = render(&deep);
    assert!(
        r.problems.iter().any(|p| p.message.contains("nest more than")),
        "{:?}",
        r.problems.first()
    );
    // Unfinished tags cost linear time: four times as many take about four times as long.
    // (The best of three runs, and a wide margin: quadratic would be 16 times.)
    let time = |n: usize| {
        let src = "{{ a(x=\"".repeat(n);
        (0..3)
            .map(|_| {
                let t = std::time::Instant::now();
                let r = render(&src);
                assert_eq!(r.problems.len(), n);
                t.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min)
    };
    let (small, large) = (time(10_000), time(40_000));
    assert!(
        large < small * 10.0,
        "10,000 tags: {small:.3} s, 40,000: {large:.3} s"
    );
}

#[test]
fn excerpts_and_word_counts_leave_placeholders_out() {
    let r = render("{{ b() }} Bonjour le monde.\n");
    assert_eq!(r.excerpt, "Bonjour le monde.");
    assert!(!r.html.contains(OPEN));
}
