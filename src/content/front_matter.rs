//! Splits a content file into its YAML front matter and its Markdown body.
//!
//! The front matter is everything between a first line `---` and the next line that is
//! exactly `---` (trailing spaces allowed). Bodies may contain their own `---` lines
//! (thematic breaks, setext headings): only the first closing line counts.

/// A content file cut in two. Offsets are byte offsets into the normalized source
/// (BOM removed, CRLF turned into LF), which keeps line and column numbers of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line in the file (2 when the file starts with `---`).
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the body's first line.
    pub body_line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The first line is not `---`.
    Missing,
    /// No line `---` closes the front matter opened on line 1.
    Unclosed,
}

/// Removes a leading byte order mark and turns CRLF (and lone CR) line endings into LF.
pub fn normalize(src: String) -> String {
    let src = match src.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => src,
    };
    if src.contains('\r') {
        src.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        src
    }
}

fn is_delimiter(line: &str) -> bool {
    line.trim_end_matches([' ', '\t']) == "---"
}

/// Splits a normalized source (see [`normalize`]).
pub fn split(src: &str) -> Result<Split<'_>, SplitError> {
    let first_end = src.find('\n').unwrap_or(src.len());
    if !is_delimiter(&src[..first_end]) {
        return Err(SplitError::Missing);
    }
    let yaml_start = (first_end + 1).min(src.len());
    let mut pos = yaml_start;
    let mut line = 2;
    while pos < src.len() {
        let end = src[pos..].find('\n').map_or(src.len(), |i| pos + i);
        if is_delimiter(&src[pos..end]) {
            let body_start = (end + 1).min(src.len());
            return Ok(Split {
                yaml: &src[yaml_start..pos],
                yaml_line: 2,
                body: &src[body_start..],
                body_line: line + 1,
            });
        }
        pos = end + 1;
        line += 1;
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(src: &str) -> (&str, &str, usize) {
        let s = split(src).unwrap();
        (s.yaml, s.body, s.body_line)
    }

    #[test]
    fn splits_at_the_first_closing_line_only() {
        let src = "---\ntitle: A\n---\n---\nbody\n---\nmore\n";
        assert_eq!(parts(src), ("title: A\n", "---\nbody\n---\nmore\n", 4));
    }

    #[test]
    fn body_right_after_delimiter_and_setext_headings() {
        let src = "---\na: 1\n---\nSécurité\n--\ntext";
        assert_eq!(parts(src), ("a: 1\n", "Sécurité\n--\ntext", 4));
    }

    #[test]
    fn empty_body_and_no_final_newline() {
        assert_eq!(parts("---\na: 1\n---\n"), ("a: 1\n", "", 4));
        assert_eq!(parts("---\na: 1\n---"), ("a: 1\n", "", 4));
    }

    #[test]
    fn empty_front_matter() {
        assert_eq!(parts("---\n---\nbody"), ("", "body", 3));
    }

    #[test]
    fn tolerates_trailing_spaces_on_delimiters() {
        assert_eq!(parts("--- \na: 1\n---\t\nb"), ("a: 1\n", "b", 4));
    }

    #[test]
    fn longer_dash_lines_are_not_delimiters() {
        assert_eq!(split("----\na: 1\n----\n"), Err(SplitError::Missing));
        assert_eq!(split("---\na: 1\n----\n"), Err(SplitError::Unclosed));
    }

    #[test]
    fn missing_and_unclosed() {
        assert_eq!(split("title: A\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::Unclosed));
    }

    #[test]
    fn normalizes_bom_and_crlf() {
        let src = normalize("\u{feff}---\r\ntitle: A\r\n---\r\nbody\r\n".to_string());
        assert_eq!(parts(&src), ("title: A\n", "body\n", 4));
    }
}
