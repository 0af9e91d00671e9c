use super::*;

#[test]
fn elements_nest_as_minify_html_nests_them() {
    let cases = [
        ("<div><div><div>x", 3),
        // Optional end tags: an item ends the one before, a cell the one before.
        ("<ul><li>a<li>b<li>c</ul>", 2),
        ("<select><option>a<option>b</select>", 2),
        ("<p>a<p>b<p>c", 1),
        ("<table><tr><td>a<td>b<td>c</table>", 3),
        // But a row does not end a cell, nor a cell's row: without a table they pile up.
        (&"<tr><td>".repeat(20), 40),
        // An end tag that names no open element, or not the current one, is dropped.
        ("<div><span></div><div><span></div>", 4),
        ("</div></div><div>", 1),
        // It closes the current element and its parent where the current one's end may be
        // left out.
        ("<ul><li>a</ul><ul><li>b</ul>", 2),
        // What a comment, a script, a style or a title holds is text.
        ("<!-- <div><div> --><div>", 1),
        ("<script>'<div><div>'</script><div>", 1),
        ("<title><div></title><div>", 1),
        // A quoted attribute value holds `>` and `</div>` as text.
        ("<div title=\"a > </div> b\"><div>", 2),
        // In SVG `<x/>` holds nothing; in HTML the slash means nothing.
        ("<svg><path/><path/><g><path/></g></svg>", 2),
        ("<div/><div/><div/>", 3),
        ("<math><mi/><mi/>", 3),
        // In SVG a title's content is markup.
        ("<svg><title><g><g>", 4),
        // A tag's name may start with a digit.
        ("<1><2><3>", 3),
        ("<div>x</ div><div>", 2),
    ];
    for (html, depth) in cases {
        assert_eq!(deepest(html.as_bytes()), depth, "{html}");
    }
}

#[test]
fn read_stops_at_the_tag_past_the_limit() {
    let html = "<div><p>a</p><div> <span>";
    let mut n = Nesting::default();
    assert_eq!(n.read(html, 2), Some((19, 6)));
    let mut n = Nesting::default();
    assert_eq!(n.read(html, 3), None);
    assert_eq!(n.depth(), 3);
}

#[test]
fn opaque_elements_are_closed_only_by_their_writer() {
    let mut n = Nesting::default();
    n.open_opaque();
    // An end tag read in the HTML does not close it.
    assert_eq!(n.read("</p></div>", 10), None);
    assert_eq!(n.depth(), 1);
    // An element left open inside keeps it open.
    assert_eq!(n.read("<span>", 10), None);
    n.close_opaque();
    assert_eq!(n.depth(), 2);
    // Its writer's end tag came while the span was open: minify-html dropped it, so the
    // element stays open once the span is closed.
    assert_eq!(n.read("</span>", 10), None);
    assert_eq!(n.depth(), 1);
    let mut n = Nesting::default();
    n.open_opaque();
    n.close_opaque();
    assert_eq!(n.depth(), 0);
}

#[test]
fn long_texts_are_read_in_linear_time() {
    let html = "<div title='a'>x</div><!-- c --><script>1</script>".repeat(100_000);
    let started = std::time::Instant::now();
    assert_eq!(deepest(html.as_bytes()), 1);
    let unclosed = "<!--".to_string() + &"-".repeat(1_000_000);
    assert_eq!(deepest(unclosed.as_bytes()), 0);
    assert!(started.elapsed().as_secs() < 10);
}
