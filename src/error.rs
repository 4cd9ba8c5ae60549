//! Problems that stop a run before or after the content is judged: no
//! portal found, a refused output folder, an I/O failure while writing.
//! Content problems are [`crate::diagnostics::Diagnostic`]s instead.

use std::io;
use std::path::PathBuf;

/// A run-stopping problem; `main` maps every one to exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `cairn.toml` where the user pointed, or above the current folder.
    #[error(
        "no portal at `{}`: there is no cairn.toml there or in any folder above\n  help: point cairn at the folder holding cairn.toml, or create one with `cairn init <folder>`",
        .0.display()
    )]
    NoPortal(PathBuf),
    /// The output folder is not one cairn may write to.
    #[error("{reason}\n  help: {help}")]
    Refused {
        /// What is wrong.
        reason: String,
        /// How to get past it.
        help: String,
    },
    /// Reading or writing a path failed.
    #[error("could not {action} `{}`: {source}", path.display())]
    Io {
        /// What cairn was doing.
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// Anything else the user asked for that cannot be done.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Wraps an I/O error with what was being done to which path.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
