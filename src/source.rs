//! Source files of a portal run, kept in memory so every diagnostic can quote
//! the line it points at. Paths are shown as the user named the portal
//! (`content-example/content/backlog/x.md`), never canonicalized.

use std::ops::Range;
use std::sync::OnceLock;

use codespan_reporting::files::{self, Files};

/// Index of a file in a [`SourceMap`].
pub type FileId = usize;

/// Every file read in one run, with its text (BOM removed).
#[derive(Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

/// One file. Its line index is made the first time a diagnostic quotes it:
/// most files never are, and indexing ten thousand of them up front is a
/// pass over every byte on one core.
struct SourceFile {
    name: String,
    text: String,
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    fn new(name: String, text: String) -> Self {
        SourceFile {
            name,
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts
            .get_or_init(|| files::line_starts(&self.text).collect())
    }

    /// Where line `line_index` starts; the text's end for the line after
    /// the last.
    fn line_start(&self, line_index: usize) -> Result<usize, files::Error> {
        let starts = self.line_starts();
        match line_index.cmp(&starts.len()) {
            std::cmp::Ordering::Less => Ok(starts[line_index]),
            std::cmp::Ordering::Equal => Ok(self.text.len()),
            std::cmp::Ordering::Greater => Err(files::Error::LineTooLarge {
                given: line_index,
                max: starts.len() - 1,
            }),
        }
    }
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, display_path: String, text: String) -> FileId {
        self.files.push(SourceFile::new(display_path, text));
        self.files.len() - 1
    }

    /// How many files it holds: the next id [`SourceMap::add`] gives.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Replaces the text of a file read again (the dev server).
    pub fn replace(&mut self, id: FileId, text: String) {
        let name = std::mem::take(&mut self.files[id].name);
        self.files[id] = SourceFile::new(name, text);
    }

    /// The path of a file as shown to the user.
    pub fn path(&self, id: FileId) -> &str {
        &self.files[id].name
    }

    /// The text of a file.
    pub fn text(&self, id: FileId) -> &str {
        &self.files[id].text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        let text = self.text(id);
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

impl SourceMap {
    fn file(&self, id: FileId) -> Result<&SourceFile, files::Error> {
        self.files.get(id).ok_or(files::Error::FileMissing)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl<'a> Files<'a> for SourceMap {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(&self.file(id)?.name)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(&self.file(id)?.text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        Ok(self
            .file(id)?
            .line_starts()
            .binary_search(&byte_index)
            .unwrap_or_else(|next_line| next_line - 1))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, files::Error> {
        let file = self.file(id)?;
        Ok(file.line_start(line_index)?..file.line_start(line_index + 1)?)
    }
}

/// Byte range of the first line of a text (without its line break); where a
/// file-level problem points.
pub fn first_line(text: &str) -> Range<usize> {
    let end = text.find(['\r', '\n']).unwrap_or(text.len());
    0..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let mut map = SourceMap::default();
        let id = map.add("a.md".into(), "+++\ntitle = \"é\" x\n".into());
        let x = map.text(id).find('x').unwrap();
        assert_eq!(map.line_col(id, x), (2, 13));
        assert_eq!(map.line_col(id, 0), (1, 1));
    }

    #[test]
    fn lines_are_found_as_codespan_would() {
        let mut map = SourceMap::default();
        let id = map.add("a.md".into(), "one\ntwo\n\nfour".into());
        assert_eq!(map.line_index(id, 0).unwrap(), 0);
        assert_eq!(map.line_index(id, 5).unwrap(), 1);
        assert_eq!(map.line_index(id, 8).unwrap(), 2);
        assert_eq!(map.line_index(id, 9).unwrap(), 3);
        assert_eq!(map.line_range(id, 1).unwrap(), 4..8);
        assert_eq!(map.line_range(id, 3).unwrap(), 9..13);
        assert!(map.line_range(id, 5).is_err());
    }
}
