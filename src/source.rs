//! Source files of a portal run, so every diagnostic can quote the line it
//! points at. Paths are shown as the user named the portal
//! (`content-example/content/backlog/x.md`), never canonicalized.
//!
//! A file that had no problem when it was parsed is not kept: most never
//! get quoted, and ten thousand of them are 30 MB held through the whole
//! build. Such a file is read again the first time a later stage quotes
//! it, and used only if it is still the text that was parsed.

use std::hash::BuildHasher;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rustc_hash::FxBuildHasher;

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
    text: Text,
    line_starts: OnceLock<Vec<usize>>,
}

/// A file's text, held or left on disk.
enum Text {
    Held(String),
    /// Read again when first quoted; empty if the file no longer holds the
    /// text that was parsed (its spans would point at the wrong places).
    OnDisk {
        path: PathBuf,
        fingerprint: u64,
        read: OnceLock<String>,
    },
}

fn fingerprint(text: &str) -> u64 {
    FxBuildHasher.hash_one(text)
}

impl SourceFile {
    fn new(name: String, text: Text) -> Self {
        SourceFile {
            name,
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn text(&self) -> &str {
        match &self.text {
            Text::Held(text) => text,
            Text::OnDisk {
                path,
                fingerprint: expected,
                read,
            } => read.get_or_init(|| {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                if fingerprint(text) == *expected {
                    text.to_string()
                } else {
                    String::new()
                }
            }),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts
            .get_or_init(|| files::line_starts(self.text()).collect())
    }

    /// Where line `line_index` starts; the text's end for the line after
    /// the last.
    fn line_start(&self, line_index: usize) -> Result<usize, files::Error> {
        let starts = self.line_starts();
        match line_index.cmp(&starts.len()) {
            std::cmp::Ordering::Less => Ok(starts[line_index]),
            std::cmp::Ordering::Equal => Ok(self.text().len()),
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
        self.add_text(display_path, SourceText::held(text))
    }

    /// Adds a file, held or left on disk, and returns its id.
    pub fn add_text(&mut self, display_path: String, text: SourceText) -> FileId {
        self.files.push(SourceFile::new(display_path, text.0));
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
        self.files[id] = SourceFile::new(name, Text::Held(text));
    }

    /// The path of a file as shown to the user.
    pub fn path(&self, id: FileId) -> &str {
        &self.files[id].name
    }

    /// The text of a file.
    pub fn text(&self, id: FileId) -> &str {
        self.files[id].text()
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
        Ok(self.file(id)?.text())
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

/// A file's text as a source map will hold it: made where the file is read
/// (on any core), added to the map afterwards.
pub struct SourceText(Text);

impl SourceText {
    /// The text itself, held.
    pub fn held(text: String) -> Self {
        SourceText(Text::Held(text))
    }

    /// Only where to read `text` again and how to know it, for a file
    /// that is not expected to be quoted.
    pub fn on_disk(path: PathBuf, text: &str) -> Self {
        SourceText(Text::OnDisk {
            path,
            fingerprint: fingerprint(text),
            read: OnceLock::new(),
        })
    }
}

/// Byte range of the first line of a text (without its line break); where a
/// file-level problem points.
pub fn first_line(text: &str) -> Range<usize> {
    let end = text.find(['\r', '\n']).unwrap_or(text.len());
    0..end
}

/// Shows `root/rel` the way the user named the root.
pub fn display_path(root: &Path, rel: &str) -> String {
    if root == Path::new(".") {
        rel.to_string()
    } else {
        format!("{}/{rel}", root.display().to_string().trim_end_matches('/'))
    }
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
    fn a_file_left_on_disk_is_quoted_only_while_it_holds_the_parsed_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let text = "+++\ntitle = \"é\" x\n";
        std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
        let mut map = SourceMap::default();
        let id = map.add_text("a.md".into(), SourceText::on_disk(path.clone(), text));
        assert_eq!(map.text(id), text, "read again, BOM removed");
        assert_eq!(map.line_col(id, text.find('x').unwrap()), (2, 13));

        std::fs::write(&path, "+++\ntitle = 1\n").unwrap();
        let changed = map.add_text("a.md".into(), SourceText::on_disk(path, text));
        assert_eq!(
            map.text(changed),
            "",
            "spans into another text would mislead"
        );
        assert_eq!(map.line_col(changed, 9), (1, 1));
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
