//! `cairn export`: the resolved portal as data, JSON or CSV. With
//! `--public` it holds what a public build shows and nothing more, and the
//! exported bytes go through the same leak scan as a public build's pages.

pub mod csv;
mod csv_notes;
pub mod json;
pub mod shape;

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::load::session::{Purpose, Session};
use crate::pipeline::{self, Options};
use crate::render::Page;
use crate::source::SourceMap;

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON document.
    Json,
    /// One CSV file per kind.
    Csv,
}

/// An export's files, before they are written.
pub struct Files {
    /// (file name, bytes); one file for JSON.
    pub files: Vec<(String, Vec<u8>)>,
}

/// What an export run found.
pub struct Exported {
    /// Every file read, for rendering diagnostics.
    pub sources: SourceMap,
    /// Problems with the portal, or leaks.
    pub diagnostics: Diagnostics,
    /// The files, when there were no errors.
    pub files: Option<Files>,
}

/// Resolves the portal and lays out its export.
pub fn run(options: &Options, format: Format) -> Result<Exported, Error> {
    // A public export scans for private bodies, which only a body rendered
    // for pages has.
    let purpose = if options.public {
        Purpose::Pages
    } else {
        Purpose::Check
    };
    let mut session = Session::open_for(&options.root, purpose)?;
    let mut diagnostics = Diagnostics::default();
    let portal = pipeline::resolve_portal(&session, options, &mut diagnostics);
    let sources = std::mem::take(&mut session.sources);
    let Some(portal) = portal.filter(|_| !diagnostics.has_errors()) else {
        return Ok(Exported {
            sources,
            diagnostics,
            files: None,
        });
    };
    let health = crate::health::findings(&portal);
    // One place decides what a public export leaves out, as public pages do.
    let shown = portal.shows;
    let data = json::export(
        &portal,
        &health,
        shown,
        options.public,
        options.include_drafts,
    );
    let files: Vec<(String, Vec<u8>)> = match format {
        Format::Json => {
            let mut bytes = serde_json::to_vec_pretty(&data)
                .map_err(|e| Error::Usage(format!("could not lay out the export: {e}")))?;
            bytes.push(b'\n');
            vec![("export.json".to_string(), bytes)]
        }
        Format::Csv => csv::files(&data, shown)
            .into_iter()
            .map(|f| (f.name.to_string(), f.bytes))
            .collect(),
    };
    if options.public
        && let Some(scanner) = crate::write::leaks::Scanner::new(&session.documents())
    {
        for (name, bytes) in &files {
            scanner.scan(&Page {
                path: name.clone(),
                bytes: bytes.clone(),
            });
            // Quotes and backslashes are escaped in JSON and doubled in
            // CSV: scan the values as written too.
            scanner.scan(&Page {
                path: name.clone(),
                bytes: decoded(format, bytes).into_bytes(),
            });
        }
        let leaks = scanner.finish(&sources);
        if !leaks.is_empty() {
            diagnostics.extend(leaks);
            return Ok(Exported {
                sources,
                diagnostics,
                files: None,
            });
        }
    }
    Ok(Exported {
        sources,
        diagnostics,
        files: Some(Files { files }),
    })
}

/// Every string value of an export file, one a line.
fn decoded(format: Format, bytes: &[u8]) -> String {
    let mut out = String::new();
    match format {
        Format::Json => {
            fn walk(v: &serde_json::Value, out: &mut String) {
                match v {
                    serde_json::Value::String(s) => {
                        out.push_str(s);
                        out.push('\n');
                    }
                    serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                    serde_json::Value::Object(o) => o.values().for_each(|v| walk(v, out)),
                    _ => {}
                }
            }
            if let Ok(v) = serde_json::from_slice(bytes) {
                walk(&v, &mut out);
            }
        }
        Format::Csv => {
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(bytes);
            for record in reader.records().flatten() {
                for cell in &record {
                    out.push_str(cell);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Writes the files: JSON to `output` or stdout, CSV into the folder
/// `output`. Returns what was written, for the summary.
pub fn write(files: &Files, format: Format, output: Option<&Path>) -> Result<Vec<PathBuf>, Error> {
    use std::io::Write;
    match (format, output) {
        (Format::Json, None) => {
            let mut stdout = std::io::stdout().lock();
            for (_, bytes) in &files.files {
                stdout
                    .write_all(bytes)
                    .map_err(|e| Error::io("write", "standard output", e))?;
            }
            Ok(Vec::new())
        }
        (Format::Json, Some(path)) => {
            let bytes = files
                .files
                .first()
                .map(|(_, b)| b.as_slice())
                .unwrap_or_default();
            std::fs::write(path, bytes).map_err(|e| Error::io("write", path, e))?;
            Ok(vec![path.to_path_buf()])
        }
        (Format::Csv, None) => Err(Error::Usage(
            "a CSV export is one file per kind: name a folder for them with `-o FOLDER`".into(),
        )),
        (Format::Csv, Some(dir)) => {
            if dir.is_file() {
                return Err(Error::Usage(format!(
                    "`{}` is a file; a CSV export needs a folder (`-o FOLDER`)",
                    dir.display()
                )));
            }
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
            let mut written = Vec::new();
            for (name, bytes) in &files.files {
                let path = dir.join(name);
                std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))?;
                written.push(path);
            }
            Ok(written)
        }
    }
}
