//! Splits a document into its TOML front matter (between two `+++` lines)
//! and its Markdown body, keeping the byte offsets of both so diagnostics
//! point at the right line of the file.

use std::ops::Range;

/// A document cut in two.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML text between the fences.
    pub front: &'a str,
    /// Offset of `front` in the file.
    pub front_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Offset of `body` in the file.
    pub body_offset: usize,
    /// Span of the opening fence, where a missing key points.
    pub opening: Range<usize>,
}

/// Why a document could not be split.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The first line is not `+++`.
    Missing,
    /// No closing `+++` line; carries the opening fence's span.
    Unclosed(Range<usize>),
}

/// Cuts `text` (BOM already removed) at its front-matter fences. A fence is
/// a line holding `+++`, with trailing blanks and CRLF tolerated.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = lines_with_offsets(text);
    let Some((start, first)) = lines.next() else {
        return Err(SplitError::Missing);
    };
    if !is_fence(first) {
        return Err(SplitError::Missing);
    }
    let opening = start..start + first.trim_end().len();
    let front_offset = start + first.len();
    for (offset, line) in lines {
        if is_fence(line) {
            let body_offset = offset + line.len();
            return Ok(Split {
                front: &text[front_offset..offset],
                front_offset,
                body: &text[body_offset..],
                body_offset,
                opening,
            });
        }
    }
    Err(SplitError::Unclosed(opening))
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// Lines with their start offsets, each keeping its line break.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        (start, line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body_with_offsets() {
        let text = "+++\ntitle = \"x\"\n+++\n# Body\n";
        let s = split(text).unwrap();
        assert_eq!(s.front, "title = \"x\"\n");
        assert_eq!(s.front_offset, 4);
        assert_eq!(s.body, "# Body\n");
        assert_eq!(&text[s.body_offset..], "# Body\n");
    }

    #[test]
    fn accepts_crlf_and_trailing_blanks_after_fences() {
        let text = "+++  \r\ntitle = \"x\"\r\n+++\t\r\nbody";
        let s = split(text).unwrap();
        assert_eq!(s.front, "title = \"x\"\r\n");
        assert_eq!(s.body, "body");
        assert_eq!(s.opening, 0..3);
    }

    #[test]
    fn front_matter_only_has_an_empty_body() {
        let s = split("+++\na = 1\n+++").unwrap();
        assert_eq!(s.body, "");
    }

    #[test]
    fn reports_missing_and_unclosed_fences() {
        assert_eq!(split("# no front matter"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("+++\ntitle = 1\n"), Err(SplitError::Unclosed(0..3)));
    }
}
