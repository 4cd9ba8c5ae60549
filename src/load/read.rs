//! Reading a file as text (bounded, UTF-8, a regular file), problems as diagnostics.

use std::io;
use std::path::Path;

use rayon::prelude::*;

use super::parse::parse_state;
use super::{FileState, Found};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::folders::Folders;
use crate::markdown::Bodies;
use crate::source::{FileId, SourceMap, SourceText, display_path};

/// Largest document cairn reads; past this it is almost surely not prose.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads and parses files, each on whichever core is free as soon as it
/// is read. Every file takes the next id of the source map in the order
/// given, read or not, so ids are stable.
pub fn read_all(
    root: &Path,
    found: Vec<Found>,
    sources: &mut SourceMap,
    bodies: Bodies,
) -> Vec<FileState> {
    let base = sources.len();
    let folders = Folders::default();
    let (texts, states): (Vec<(String, SourceText)>, Vec<FileState>) = found
        .into_par_iter()
        .enumerate()
        // Handed out a few files at a time: in bigger shares, one core is
        // left parsing its last share while the other has none.
        .with_max_len(16)
        .map(|(i, found)| {
            let file = base + i;
            let shown = display_path(root, &format!("content/{}", found.rel));
            match read_file(&folders, &found.path) {
                Ok(text) => {
                    let path = found.path.clone();
                    let state = parse_state(found, file, &text, bodies);
                    // Later stages seldom quote a file that parsed cleanly.
                    let text = if state.problems.is_empty() {
                        SourceText::on_disk(path, &text)
                    } else {
                        SourceText::held(text)
                    };
                    ((shown, text), state)
                }
                Err(problem) => {
                    let (text, d) = read_problem(problem, &shown, file);
                    let state = FileState {
                        found,
                        file: None,
                        doc: None,
                        problems: vec![d],
                    };
                    ((shown, SourceText::held(text)), state)
                }
            }
        })
        .unzip();
    for (shown, text) in texts {
        sources.add_text(shown, text);
    }
    states
}

/// Reads and parses one file again, reusing its source-map slot.
pub fn read_one(
    root: &Path,
    found: Found,
    previous: Option<FileId>,
    sources: &mut SourceMap,
    bodies: Bodies,
) -> FileState {
    let shown = display_path(root, &format!("content/{}", found.rel));
    match read_file(&Folders::default(), &found.path) {
        Ok(text) => {
            let file = match previous {
                Some(id) => {
                    sources.replace(id, text);
                    id
                }
                None => sources.add(shown, text),
            };
            parse_state(found, file, sources.text(file), bodies)
        }
        Err(problem) => {
            let file = previous.unwrap_or_else(|| sources.add(shown.clone(), String::new()));
            let (text, d) = read_problem(problem, &shown, file);
            sources.replace(file, text);
            FileState {
                found,
                file: None,
                doc: None,
                problems: vec![d],
            }
        }
    }
}

/// Why a file could not be read as text.
enum ReadProblem {
    Io(io::Error),
    TooLarge(u64),
    NotUtf8 { lossy: String, at: usize },
    NotAFile,
}

fn read_file(folders: &Folders, path: &Path) -> Result<String, ReadProblem> {
    // Opening a named pipe posing as a document would wait for a writer.
    // On Unix it is opened without waiting and refused once looked at;
    // elsewhere it is looked at by path first.
    #[cfg(not(unix))]
    if !std::fs::metadata(path).map_err(ReadProblem::Io)?.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    let file = folders.open(path).map_err(ReadProblem::Io)?;
    let meta = file.metadata().map_err(ReadProblem::Io)?;
    if !meta.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    // Through `take`, which does not stat the file again to size the read
    // as `fs::read` would: ten thousand files make it count.
    io::Read::read_to_end(&mut io::Read::take(file, MAX_FILE_BYTES + 1), &mut bytes)
        .map_err(ReadProblem::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge(bytes.len() as u64));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            return Err(ReadProblem::NotUtf8 { lossy, at });
        }
    };
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// The diagnostic for a file that could not be read, and the text to keep
/// as file `file` of the source map (what could be read of it, if any).
fn read_problem(problem: ReadProblem, shown: &str, file: FileId) -> (String, Diagnostic) {
    let shown = shown.to_string();
    match problem {
        ReadProblem::Io(e) => (
            String::new(),
            Diagnostic::error_at_path(format!("cannot read this file: {e}"), shown)
                .with_help("check that the file exists and that you may read it"),
        ),
        ReadProblem::TooLarge(n) => (
            String::new(),
            Diagnostic::error_at_path(
                format!(
                    "this file is {n} bytes; cairn reads documents up to {MAX_FILE_BYTES} bytes"
                ),
                shown,
            )
            .with_help("split it into several documents, or move large data to static/"),
        ),
        ReadProblem::NotAFile => (
            String::new(),
            Diagnostic::error_at_path("this is not a regular file", shown)
                .with_help("documents must be plain files; remove the device, pipe or socket"),
        ),
        ReadProblem::NotUtf8 { lossy, at } => (
            lossy,
            Diagnostic::error(
                "this file is not valid UTF-8",
                // The bad byte is U+FFFD in the kept text: point at all of it.
                Location::new(file, at..at + '\u{fffd}'.len_utf8()),
            )
            .with_label("invalid byte here")
            .with_help("save the file as UTF-8 in your editor"),
        ),
    }
}

/// Reads a file into the source map; reports and returns `None` on failure.
pub(super) fn read_text(
    path: &Path,
    shown: &str,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<FileId> {
    match read_file(&Folders::default(), path) {
        Ok(text) => Some(sources.add(shown.to_string(), text)),
        Err(problem) => {
            let file = sources.add(shown.to_string(), String::new());
            let (text, d) = read_problem(problem, shown, file);
            sources.replace(file, text);
            diags.push(d);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `portal` fuzz target: the span cut the replacement
    /// character in half, so slicing the text by it panicked.
    #[test]
    fn not_utf8_span_covers_the_whole_replacement_character() {
        let mut sources = SourceMap::default();
        let bytes = b"+++\ntitle = \"Caf\xe9\"\n+++\n".to_vec();
        let err = String::from_utf8(bytes.clone()).unwrap_err();
        let at = err.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        let file = sources.add("content/backlog/x.md".into(), String::new());
        let (kept, d) = read_problem(
            ReadProblem::NotUtf8 { lossy, at },
            "content/backlog/x.md",
            file,
        );
        sources.replace(file, kept);
        let l = d.location.expect("a location");
        assert_eq!(l.file, file);
        let text = sources.text(l.file);
        assert_eq!(&text[l.span.clone()], "\u{fffd}");
        assert_eq!(sources.line_col(l.file, l.span.start), (2, 13));
    }
}
