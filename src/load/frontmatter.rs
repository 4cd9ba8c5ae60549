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

/// When `text` opens with YAML front matter (a `---` line, as other site
/// generators write it), that front matter rewritten as cairn's: TOML
/// between `+++` lines, as far as its simple `key: value` lines go.
pub fn yaml_as_toml(text: &str) -> Option<String> {
    const SHOWN: usize = 12;
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut out = vec!["+++".to_string()];
    let mut list: Option<(String, Vec<String>)> = None;
    let flush = |list: &mut Option<(String, Vec<String>)>, out: &mut Vec<String>| {
        if let Some((key, items)) = list.take() {
            out.push(format!("{key} = [{}]", items.join(", ")));
        }
    };
    for line in lines {
        if line.trim_end() == "---" || out.len() > SHOWN {
            break;
        }
        let trimmed = line.trim();
        if let (Some(item), Some((_, items))) = (trimmed.strip_prefix("- "), list.as_mut()) {
            items.push(toml_value(item));
            continue;
        }
        flush(&mut list, &mut out);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            out.push(trimmed.to_string());
        } else if let Some((key, value)) = line.split_once(':') {
            let key = key.trim();
            match value.trim() {
                "" => list = Some((key.to_string(), Vec::new())),
                value => out.push(format!("{key} = {}", toml_value(value))),
            }
        } else {
            out.push(format!("# {trimmed}"));
        }
    }
    flush(&mut list, &mut out);
    if out.len() > SHOWN {
        out.truncate(SHOWN);
        out.push("...".into());
    }
    out.push("+++".into());
    Some(out.join("\n"))
}

/// A YAML scalar or flow list as TOML: numbers, booleans and dates bare,
/// anything else quoted.
fn toml_value(value: &str) -> String {
    let value = value.trim();
    match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Some(inner) => {
            let items: Vec<String> = inner
                .split(',')
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .map(toml_scalar)
                .collect();
            format!("[{}]", items.join(", "))
        }
        None => toml_scalar(value),
    }
}

/// One YAML scalar as TOML (never a list: nested lists are not rewritten).
fn toml_scalar(value: &str) -> String {
    let unquoted = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
    if let Some(text) = unquoted {
        return quoted(text);
    }
    let bare = matches!(value, "true" | "false")
        || value.parse::<f64>().is_ok_and(f64::is_finite)
        || jiff::civil::Date::strptime("%Y-%m-%d", value).is_ok();
    if bare {
        value.to_string()
    } else {
        quoted(value)
    }
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
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

    #[test]
    fn yaml_front_matter_is_rewritten_as_toml() {
        let yaml = "---\ntitle: Guided \"setup\"\nlevel: 'mmf'\nestimate: 3\nserves: [activation, retention]\nrequested_by:\n  - dana\ndate: 2026-10-30\n---\nBody";
        assert_eq!(
            yaml_as_toml(yaml).unwrap(),
            "+++\ntitle = \"Guided \\\"setup\\\"\"\nlevel = \"mmf\"\nestimate = 3\n\
             serves = [\"activation\", \"retention\"]\nrequested_by = [\"dana\"]\ndate = 2026-10-30\n+++"
        );
        assert_eq!(yaml_as_toml("+++\ntitle = 1\n+++"), None);
        assert_eq!(yaml_as_toml("---"), Some("+++\n+++".into()));
        // Nesting is quoted, not followed: a deep one cannot exhaust the stack.
        let deep = format!(
            "---\nk: {}{}\n---\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(yaml_as_toml(&deep).is_some());
    }
}
