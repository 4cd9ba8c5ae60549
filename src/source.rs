//! Source files of a portal run, kept in memory so every diagnostic can quote
//! the line it points at. Paths are shown as the user named the portal
//! (`content-example/content/backlog/x.md`), never canonicalized.

use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::files::{self, Files, SimpleFile};

/// Index of a file in a [`SourceMap`].
pub type FileId = usize;

/// Every file read in one run, with its text (BOM removed).
#[derive(Default)]
pub struct SourceMap {
    files: Vec<SimpleFile<String, Arc<str>>>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, display_path: String, text: String) -> FileId {
        self.files
            .push(SimpleFile::new(display_path, Arc::from(text)));
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
        let name = self.files[id].name().clone();
        self.files[id] = SimpleFile::new(name, Arc::from(text));
    }

    /// The path of a file as shown to the user.
    pub fn path(&self, id: FileId) -> &str {
        self.files[id].name()
    }

    /// The text of a file.
    pub fn text(&self, id: FileId) -> &str {
        self.files[id].source()
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
        Ok(self.files.get(id).ok_or(files::Error::FileMissing)?.name())
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(self
            .files
            .get(id)
            .ok_or(files::Error::FileMissing)?
            .source())
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        self.files
            .get(id)
            .ok_or(files::Error::FileMissing)?
            .line_index((), byte_index)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, files::Error> {
        self.files
            .get(id)
            .ok_or(files::Error::FileMissing)?
            .line_range((), line_index)
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
}
