//! Just enough CSS handling for DSFR's minified stylesheets: find `url()`
//! references, and cut a stylesheet down to the rules of some classes (the
//! `fr-icon-*` subset), or to the rules that can apply to elements of some
//! classes (the main stylesheet). Comments, strings and `url()` arguments
//! are skipped while looking for structure, so data URIs holding `{` or `,`
//! do not confuse it.

use std::collections::BTreeSet;

/// The `url()` targets of `css` that point to files next to it (relative
/// paths, without `?query`/`#fragment`), in order of appearance.
pub(crate) fn local_urls(css: &str) -> Vec<String> {
    let mut found = Vec::new();
    rewrite_urls(css, |target| {
        if let Some(path) = local_target(target) {
            found.push(path.to_string());
        }
        None
    });
    found
}

/// `path` for a relative file reference, `None` for data URIs, absolute
/// URLs and fragments.
fn local_target(url: &str) -> Option<&str> {
    let url = url.trim();
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let scheme = path.find(':').is_some_and(|c| !path[..c].contains('/'));
    (!path.is_empty() && !scheme && !path.starts_with('/')).then_some(path)
}

/// Resolves the relative `path` against the directory `base` (both
/// `/`-separated, relative to the package's `dist/`); `None` if it climbs
/// out of `dist/`.
pub(crate) fn resolve(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The relative URL from directory `from_dir` to the file `to`.
fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out = vec![".."; from.len() - common];
    out.extend(&to[common..]);
    out.join("/")
}

/// Keeps from `css` (a file at `src_dir` under dist/) the rules whose
/// selectors name one of `classes` (without the dot), dropping the other
/// selectors of a kept rule and the emptied `@media` blocks. The leading
/// `/*! ... */` licence banner is kept. Relative `url()`s are rewritten
/// for a file in `dest_dir`. Returns the CSS and the dist-relative files
/// it references, or what is wrong with the CSS.
pub(crate) fn subset(
    css: &str,
    src_dir: &str,
    dest_dir: &str,
    classes: &BTreeSet<String>,
) -> Result<(String, BTreeSet<String>), String> {
    let mut out = String::new();
    if let Some(banner) = css.trim_start().strip_prefix("/*!") {
        if let Some(end) = banner.find("*/") {
            out.push_str("/*!");
            out.push_str(&banner[..end + 2]);
            out.push('\n');
        }
    }
    let mut refs = BTreeSet::new();
    let mut error = None;
    let mut rebase = |target: &str| {
        let path = local_target(target)?;
        match resolve(src_dir, path) {
            Some(file) => {
                let url = relative(dest_dir, &file);
                refs.insert(file);
                Some(url)
            }
            None => {
                error.get_or_insert_with(|| format!("url({target}) points outside dist/"));
                None
            }
        }
    };
    let keep = Keep {
        selector: &|sel| class_names(sel).any(|c| classes.contains(c)),
        at_rules: false,
    };
    for item in filter_rules(css, &keep, &mut rebase)? {
        out.push_str(&item);
        out.push('\n');
    }
    match error {
        Some(e) => Err(e),
        None => Ok((out, refs)),
    }
}

/// Keeps from `css` the rules that can apply to an element whose classes are all
/// `possible`: a selector goes when it requires a class that is not (see
/// [`required_classes`]), a rule when all its selectors went, an `@media` or `@supports`
/// block when all its rules went. Everything else is kept, in its order, so the kept rules
/// cascade as they did: selectors without classes (`a`, `[data-fr-theme=dark]`), states
/// (`:hover`, `[aria-expanded=true]`), the other at-rules (`@font-face`, `@keyframes`),
/// the leading `@charset` and licence banner. `url()`s are left as they are.
pub(crate) fn select_rules(css: &str, possible: &dyn Fn(&str) -> bool) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = css.trim_start();
    if rest.starts_with("@charset")
        && let Some(end) = find_top(rest, b";")
    {
        out.push_str(&rest[..=end]);
        out.push('\n');
        rest = &rest[end + 1..];
    }
    if let Some(banner) = rest.trim_start().strip_prefix("/*!")
        && let Some(end) = banner.find("*/")
    {
        out.push_str("/*!");
        out.push_str(&banner[..end + 2]);
        out.push('\n');
    }
    out.push_str("/* The rules that can apply to the classes of this site's pages (atelier). */\n");
    let keep = Keep {
        selector: &|sel| required_classes(sel).iter().all(|c| possible(c)),
        at_rules: true,
    };
    for item in filter_rules(rest, &keep, &mut |_| None)? {
        out.push_str(&item);
        out.push('\n');
    }
    Ok(out)
}

/// What [`filter_rules`] keeps.
struct Keep<'a> {
    /// Whether one selector of a rule's list is kept.
    selector: &'a dyn Fn(&str) -> bool,
    /// Whether the at-rules that hold no style rules (`@font-face`, `@keyframes`) are.
    at_rules: bool,
}

/// The kept rules of `css` (see [`subset`] and [`select_rules`]), one string per
/// top-level item.
fn filter_rules(
    css: &str,
    keep: &Keep<'_>,
    rebase: &mut dyn FnMut(&str) -> Option<String>,
) -> Result<Vec<String>, String> {
    let mut kept = Vec::new();
    let mut rest = css;
    loop {
        rest = skip_space_and_comments(rest);
        if rest.is_empty() {
            return Ok(kept);
        }
        let Some(stop) = find_top(rest, b"{;}") else {
            return Err(format!("unterminated rule {:?}", head(rest)));
        };
        let (prelude, after) = (rest[..stop].trim(), &rest[stop..]);
        if !after.starts_with('{') {
            // `@charset ...;` and the like, or a stray `}`: nothing to keep.
            rest = &after[1..];
            continue;
        }
        let Some(close) = matching_brace(after) else {
            return Err(format!("unbalanced braces after {:?}", head(prelude)));
        };
        let body = &after[1..close];
        rest = &after[close + 1..];
        if prelude.starts_with('@') {
            let nested = ["@media", "@supports", "@layer", "@container"]
                .iter()
                .any(|at| prelude.starts_with(at));
            if nested {
                let inner = filter_rules(body, keep, rebase)?;
                if !inner.is_empty() {
                    kept.push(format!("{prelude}{{{}}}", inner.concat()));
                }
            } else if keep.at_rules {
                kept.push(format!("{prelude}{{{}}}", rewrite_urls(body, &mut *rebase)));
            }
            continue;
        }
        let selectors: Vec<&str> = split_top(prelude, b',')
            .into_iter()
            .map(str::trim)
            .filter(|sel| (keep.selector)(sel))
            .collect();
        if !selectors.is_empty() {
            kept.push(format!(
                "{}{{{}}}",
                selectors.join(","),
                rewrite_urls(body, &mut *rebase)
            ));
        }
    }
}

fn head(s: &str) -> &str {
    &s[..s.char_indices().nth(40).map_or(s.len(), |(i, _)| i)]
}

/// The class names (without the dot) in a selector.
fn class_names(selector: &str) -> impl Iterator<Item = &str> {
    selector.split('.').skip(1).map(|rest| {
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii()))
            .unwrap_or(rest.len());
        &rest[..end]
    })
}

/// The classes (without the dot, unescaped: `.a\\@md` is `a@md`) an element must have
/// for `selector` to match it: those named outside parentheses and brackets, so
/// `:not(.a)`, `:is(.a,.b)` and `[class*=" fr-icon-"]` require none.
pub(crate) fn required_classes(selector: &str) -> Vec<String> {
    let b = selector.as_bytes();
    let mut found = Vec::new();
    let (mut i, mut depth) = (0, 0usize);
    while i < b.len() {
        match b[i] {
            b'"' | b'\'' => {
                i = end_of_string(selector, i);
                continue;
            }
            b'\\' => i += 1,
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'.' if depth == 0 => {
                let (name, end) = identifier(selector, i + 1);
                if !name.is_empty() {
                    found.push(name);
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// The CSS identifier starting at byte `start` of `s`, unescaped, and the index after it.
fn identifier(s: &str, start: usize) -> (String, usize) {
    let mut name = String::new();
    let mut chars = s[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            let mut hex = String::new();
            while let Some(&(_, h)) = chars
                .peek()
                .filter(|(_, h)| h.is_ascii_hexdigit() && hex.len() < 6)
            {
                hex.push(h);
                chars.next();
            }
            if hex.is_empty() {
                name.extend(chars.next().map(|(_, e)| e));
            } else {
                chars.next_if(|&(_, w)| w == ' ');
                let code = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                name.push(code.unwrap_or(char::REPLACEMENT_CHARACTER));
            }
        } else if c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii() {
            name.push(c);
        } else {
            return (name, start + i);
        }
    }
    (name, s.len())
}

/// The words a script holds as whole string literals (`'collapsing'`, `"opened"`): those
/// from which DSFR's script makes the classes it adds (`fr-collapsing`, `fr-modal--opened`).
/// A word is lowercase letters, digits, `-` and `_` between two equal quotes; each is
/// found on its own, so a regular expression or an escaped quote cannot shift the others.
pub(crate) fn script_names(js: &str) -> BTreeSet<String> {
    let b = js.as_bytes();
    let is_word = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_';
    let mut names = BTreeSet::new();
    for (i, &q) in b.iter().enumerate() {
        if !matches!(q, b'"' | b'\'' | b'`') || !b.get(i + 1).is_some_and(u8::is_ascii_lowercase) {
            continue;
        }
        let len = b[i + 1..].iter().take_while(|&&c| is_word(c)).count();
        if b.get(i + 1 + len) == Some(&q) {
            names.insert(js[i + 1..i + 1 + len].to_string());
        }
    }
    names
}

fn skip_space_and_comments(mut s: &str) -> &str {
    loop {
        s = s.trim_start();
        match s.strip_prefix("/*") {
            Some(c) => s = c.find("*/").map_or("", |e| &c[e + 2..]),
            None => return s,
        }
    }
}

/// Byte index of the end of the comment, string or `url()` starting at `i`
/// in `s`, or `None` if nothing of the kind starts there. Only ASCII bytes
/// are matched, so `i` may fall inside a multi-byte character.
fn skip_opaque(s: &str, i: usize) -> Option<usize> {
    let b = &s.as_bytes()[i..];
    match b.first()? {
        b'/' if b.get(1) == Some(&b'*') => Some(s[i + 2..].find("*/").map_or(s.len(), |e| i + 2 + e + 2)),
        b'"' | b'\'' => Some(end_of_string(s, i)),
        _ if is_url_start(b) => Some(url_arg(s, i + 4).2),
        _ => None,
    }
}

fn is_url_start(b: &[u8]) -> bool {
    b.len() >= 4 && b[..4].eq_ignore_ascii_case(b"url(")
}

/// The index after the string opened by the quote at `i`.
fn end_of_string(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            q if q == b[i] => return j + 1,
            _ => j += 1,
        }
    }
    s.len()
}

/// Parses a `url(` argument starting at `start` (just after the paren):
/// returns (target, quote char or 0, index after the closing paren).
fn url_arg(s: &str, start: usize) -> (&str, u8, usize) {
    let b = s.as_bytes();
    let mut i = start;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
        let end = end_of_string(s, i);
        let closed = end > i + 1 && b[end - 1] == b[i];
        let target = if closed { &s[i + 1..end - 1] } else { &s[i + 1..] };
        let close = s[end..].find(')').map_or(s.len(), |c| end + c + 1);
        return (target, b[i], close);
    }
    let close = s[i..].find(')').map_or(s.len(), |c| i + c);
    (s[i..close].trim_end(), 0, (close + 1).min(s.len()))
}

/// First index of one of `stops` in `s` outside comments, strings, url()
/// and parentheses.
fn find_top(s: &str, stops: &[u8]) -> Option<usize> {
    let b = s.as_bytes();
    let (mut i, mut depth) = (0, 0usize);
    while i < b.len() {
        if let Some(end) = skip_opaque(s, i) {
            i = end;
            continue;
        }
        match b[i] {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            c if depth == 0 && stops.contains(&c) => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Index of the `}` closing the `{` at index 0 of `s`.
fn matching_brace(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(j) = find_top(&s[i..], b"{}") {
        i += j;
        if s.as_bytes()[i] == b'{' {
            depth += 1;
        } else {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

fn split_top(s: &str, sep: u8) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s;
    while let Some(i) = find_top(rest, &[sep]) {
        parts.push(&rest[..i]);
        rest = &rest[i + 1..];
    }
    parts.push(rest);
    parts
}

/// Copies `css`, replacing each `url()` target for which `f` returns a new
/// one (the quoting is kept).
pub(crate) fn rewrite_urls(css: &str, mut f: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(css.len());
    let (mut i, mut copied) = (0, 0);
    while i < css.len() {
        let rest = &css[i..];
        if is_url_start(rest.as_bytes()) {
            let (target, quote, end) = url_arg(css, i + 4);
            if let Some(new) = f(target) {
                let q = if quote == 0 {
                    String::new()
                } else {
                    (quote as char).to_string()
                };
                out.push_str(&css[copied..i]);
                out.push_str(&format!("{}({q}{new}{q})", &rest[..3]));
                copied = end;
            }
            i = end;
        } else if let Some(end) = skip_opaque(css, i) {
            i = end;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out.push_str(&css[copied..]);
    out
}

#[cfg(test)]
mod robustness;
#[cfg(test)]
mod tests;
