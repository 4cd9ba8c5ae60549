//! What a diagnostic shows of its source: only the lines its labels touch,
//! each cut to a window around the labels and with control characters
//! written out (`\u{1b}`), so that content can neither drive the terminal
//! nor make one long line cost its full length once per problem on it.
//! Line and column numbers stay those of the real file.

use std::ops::Range;

use codespan_reporting::files::{self, Files};

use crate::source::{FileId, SourceMap};

/// Characters shown on each side of a label in a long line.
const CONTEXT: usize = 60;
/// A line up to this many bytes is shown whole.
const SHORT_LINE: usize = 200;
/// At most this much of a label is shown before its window is cut.
const LONGEST_LABEL: usize = 200;

/// Writes `text` with every control and bidirectional formatting character
/// (tab and line feed aside) replaced by its escape, e.g. `\u{1b}`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
}

/// Line and column of offsets, for diagnostics in file and offset order:
/// a column is counted on from the last one asked on the same line, so a
/// thousand problems on one long line cost one pass over it, not a
/// thousand.
#[derive(Default)]
pub struct Columns {
    /// File, line index, offset and column of the last answer.
    last: Option<(FileId, usize, usize, usize)>,
}

impl Columns {
    /// 1-based line and column (in characters) of `offset` in `file`.
    pub fn at(&mut self, sources: &SourceMap, file: FileId, offset: usize) -> (usize, usize) {
        let text = sources.text(file);
        let offset = floor_boundary(text, offset.min(text.len()));
        let line = line_of(sources, file, offset);
        let start = sources
            .line_range(file, line)
            .map_or(0, |r| r.start)
            .min(offset);
        let (from, column) = match self.last {
            Some((f, l, at, column)) if f == file && l == line && at <= offset => (at, column),
            _ => (start, 1),
        };
        let column = column + text[from..offset].chars().count();
        self.last = Some((file, line, offset, column));
        (line + 1, column)
    }
}

/// One line of a file as shown.
struct Line {
    /// Its index in the real file.
    index: usize,
    /// Its range in the excerpt's text (without the line break).
    shown: Range<usize>,
}

/// The shown lines of one file.
struct ShownFile {
    id: FileId,
    text: String,
    lines: Vec<Line>,
    /// Real columns of the places labels start and end, by excerpt offset.
    columns: Vec<(usize, usize)>,
}

/// The lines of the files a diagnostic's labels point into, as shown.
pub struct Excerpt<'a> {
    sources: &'a SourceMap,
    files: Vec<ShownFile>,
}

impl<'a> Excerpt<'a> {
    /// The excerpt for `spans` (file and byte range of each label); returns
    /// it with the spans as they fall in it, in the same order.
    pub fn new(
        sources: &'a SourceMap,
        spans: &[(FileId, Range<usize>)],
        columns: &mut Columns,
    ) -> (Self, Vec<Range<usize>>) {
        let mut files: Vec<ShownFile> = Vec::new();
        let mut mapped = vec![0..0; spans.len()];
        let mut ids: Vec<FileId> = spans.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let ours: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].0 == id).collect();
            let text = sources.text(id);
            let clamp = |at: usize| floor_boundary(text, at.min(text.len()));
            let points: Vec<usize> = ours
                .iter()
                .flat_map(|&i| [clamp(spans[i].1.start), clamp(spans[i].1.end)])
                .collect();
            let mut shown = ShownFile {
                id,
                text: String::new(),
                lines: Vec::new(),
                columns: Vec::new(),
            };
            let mut wanted: Vec<usize> = Vec::new();
            for &i in &ours {
                let (start, end) = (clamp(spans[i].1.start), clamp(spans[i].1.end));
                let first = line_of(sources, id, start);
                wanted.extend(first..=line_of(sources, id, end).max(first));
            }
            wanted.sort_unstable();
            wanted.dedup();
            // A line alone between two shown ones is shown rather than cut.
            let gaps: Vec<usize> = wanted
                .windows(2)
                .filter(|w| w[1] == w[0] + 2)
                .map(|w| w[0] + 1)
                .collect();
            wanted.extend(gaps);
            wanted.sort_unstable();
            let mut offsets: Vec<(usize, usize)> = Vec::new();
            for index in wanted {
                let Ok(range) = sources.line_range(id, index) else {
                    continue;
                };
                let line = text[range.clone()].trim_end_matches(['\n', '\r']);
                let focus: Vec<usize> = points
                    .iter()
                    .filter(|&&p| p >= range.start && p <= range.start + line.len())
                    .map(|&p| p - range.start)
                    .collect();
                let at = shown.text.len();
                show_line(&mut shown, line, &focus, |real, syn| {
                    offsets.push((range.start + real, at + syn))
                });
                shown.lines.push(Line {
                    index,
                    shown: at..shown.text.len(),
                });
                shown.text.push('\n');
            }
            for &i in &ours {
                let find = |real: usize| {
                    offsets
                        .iter()
                        .find(|(r, _)| *r == real)
                        .map_or(0, |(_, s)| *s)
                };
                let (start, end) = (clamp(spans[i].1.start), clamp(spans[i].1.end));
                let (s, e) = (find(start), find(end));
                mapped[i] = s..e.max(s);
                let (_, column) = columns.at(sources, id, start);
                shown.columns.push((s, column));
            }
            files.push(shown);
        }
        (Excerpt { sources, files }, mapped)
    }

    fn file(&self, id: FileId) -> Result<&ShownFile, files::Error> {
        self.files
            .iter()
            .find(|f| f.id == id)
            .ok_or(files::Error::FileMissing)
    }
}

/// Appends `line` to `shown.text`, cut around `focus` (byte offsets in the
/// line) when long; reports where each focus point lands.
fn show_line(shown: &mut ShownFile, line: &str, focus: &[usize], mut at: impl FnMut(usize, usize)) {
    let base = shown.text.len();
    let (from, to) = if line.len() <= SHORT_LINE {
        (0, line.len())
    } else {
        let first = focus.iter().copied().min().unwrap_or(0);
        let last = focus.iter().copied().max().unwrap_or(0);
        let last = last.min(forward(line, first, LONGEST_LABEL));
        (back(line, first, CONTEXT), forward(line, last, CONTEXT))
    };
    if from > 0 {
        shown.text.push('…');
    }
    let mut points: Vec<usize> = focus.to_vec();
    points.sort_unstable();
    points.dedup();
    let mut done = from;
    for real in points {
        // A point beyond the cut lands at its edge.
        let p = real.clamp(from, to).max(done);
        escape_into(&mut shown.text, &line[done..p]);
        done = p;
        at(real, shown.text.len() - base);
    }
    escape_into(&mut shown.text, &line[done..to]);
    if to < line.len() {
        shown.text.push('…');
    }
}

/// The byte offset `n` characters before `at` in `line` (or its start).
fn back(line: &str, at: usize, n: usize) -> usize {
    line[..at]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at` in `line` (or its end).
fn forward(line: &str, at: usize, n: usize) -> usize {
    line[at..]
        .char_indices()
        .nth(n)
        .map_or(line.len(), |(i, _)| at + i)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn line_of(sources: &SourceMap, id: FileId, at: usize) -> usize {
    sources.line_index(id, at).unwrap_or(0)
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = FileId;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<String, files::Error> {
        Ok(escape(self.sources.name(id)?))
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(&self.file(id)?.text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        let file = self.file(id)?;
        let at = file.lines.partition_point(|l| l.shown.end < byte_index);
        file.lines
            .get(at)
            .or(file.lines.last())
            .map(|l| l.index)
            .ok_or(files::Error::FileMissing)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, files::Error> {
        let file = self.file(id)?;
        let at = file.lines.partition_point(|l| l.index < line_index);
        match file.lines.get(at) {
            Some(line) if line.index == line_index => Ok(line.shown.start..line.shown.end + 1),
            _ => Err(files::Error::LineTooLarge {
                given: line_index,
                max: file.lines.last().map_or(0, |l| l.index),
            }),
        }
    }

    fn column_number(
        &'a self,
        id: FileId,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let file = self.file(id)?;
        if let Some((_, column)) = file.columns.iter().find(|(at, _)| *at == byte_index) {
            return Ok(*column);
        }
        let range = self.line_range(id, line_index)?;
        Ok(files::column_index(&file.text, range, byte_index) + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_written_out() {
        assert_eq!(
            escape("a\u{1b}[31mb\tc\u{7}\u{202e}\r\n"),
            "a\\u{1b}[31mb\tc\\u{7}\\u{202e}\\u{d}\n"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_label_and_keeps_its_column() {
        let mut sources = SourceMap::default();
        let line: String = "x".repeat(1000) + "HERE" + &"y".repeat(1000);
        let id = sources.add("a.md".into(), format!("first\n{line}\nlast\n"));
        let start = 6 + 1000;
        let (excerpt, spans) =
            Excerpt::new(&sources, &[(id, start..start + 4)], &mut Columns::default());
        let text = excerpt.source(id).unwrap();
        assert_eq!(&text[spans[0].clone()], "HERE");
        assert!(text.len() < 200, "{text}");
        assert!(
            text.starts_with('…') && text.trim_end().ends_with('…'),
            "{text}"
        );
        assert_eq!(excerpt.line_index(id, spans[0].start).unwrap(), 1);
        assert_eq!(excerpt.column_number(id, 1, spans[0].start).unwrap(), 1001);
    }

    #[test]
    fn columns_counted_on_agree_with_columns_counted_afresh() {
        let mut sources = SourceMap::default();
        let id = sources.add("a.md".into(), "ab\ncé x é y\n\nz".into());
        let mut columns = Columns::default();
        for offset in [0, 1, 3, 5, 7, 9, 4, 13, 14, 99] {
            let fresh = sources.line_col(id, offset);
            assert_eq!(columns.at(&sources, id, offset), fresh, "offset {offset}");
        }
    }
}
