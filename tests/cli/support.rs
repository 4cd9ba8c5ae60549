//! A fixture portal in a temporary folder and the `cairn` binary to run on
//! it (mdBook's BookTest pattern).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A portal copied into a fresh temporary folder.
pub struct Portal {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
}

impl Portal {
    /// Copies `tests/fixtures/<name>` (or any folder under the repo).
    pub fn copy_of(rel: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join(rel), dir.path());
        Portal { dir }
    }

    /// The portal root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path under the root.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file, creating folders.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Reads an output or source file.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// `cairn ARGS` run inside the portal, with a fixed build date.
    pub fn cairn(&self, args: &[&str]) -> Output {
        cairn_in(self.root(), args)
    }
}

/// A fresh copy of the starter portal `cairn init` writes.
pub fn starter() -> Portal {
    let parent = tempfile::tempdir().unwrap();
    let init = cairn_in(parent.path(), &["init", "p"]);
    assert!(init.status.success(), "init failed: {}", stderr(&init));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&parent.path().join("p"), dir.path());
    Portal { dir }
}

/// Runs the binary in `dir` with a fixed date and no colour.
pub fn cairn_in(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("cairn")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1795305600") // 2026-11-22
        .args(args)
        .output()
        .unwrap()
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, for before/after comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir(dir) {
        out.push((
            entry.strip_prefix(dir).unwrap().to_path_buf(),
            fs::read(&entry).unwrap(),
        ));
    }
    out.sort();
    out
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            files.extend(walkdir(&entry.path()));
        } else {
            files.push(entry.path());
        }
    }
    files
}

/// Text of stderr.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Text of stdout.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The `<main>` element of a page, where assertions about content belong.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.rfind("</main>").expect("page has </main>");
    &html[start..end]
}

/// The elements of `html` that CSS `selector` matches, parsed as a browser
/// parses the page; for reading attributes and text instead of scanning
/// the markup by hand.
pub fn select(html: &str, selector: &str) -> Vec<Element> {
    let selector = scraper::Selector::parse(selector).expect("a valid CSS selector");
    scraper::Html::parse_document(html)
        .select(&selector)
        .map(|e| Element {
            attrs: e
                .value()
                .attrs()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
            html: e.html(),
        })
        .collect()
}

/// An element found by [`select`]: its attributes (entities decoded) and
/// its markup.
pub struct Element {
    attrs: Vec<(String, String)>,
    pub html: String,
}

impl Element {
    /// The value of attribute `name`, as a browser reads it.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The text of the first element under this one that `selector`
    /// matches.
    pub fn text_of(&self, selector: &str) -> Option<String> {
        let selector = scraper::Selector::parse(selector).expect("a valid CSS selector");
        let fragment = scraper::Html::parse_fragment(&self.html);
        let found = fragment.select(&selector).next()?;
        Some(found.text().collect())
    }
}
