//! Bad-input fixtures: each folder under `tests/fixtures/bad/` overlays a
//! valid base portal (`tests/fixtures/base/`) with one defect, and says in
//! `expect.toml` what the user must be told:
//!
//! ```toml
//! remove = ["content/updates/october.md"]   # optional: base files to delete
//! [[expect]]
//! path = "content/backlog/x.md"   # as printed when run inside the portal
//! line = 3
//! column = 9                       # optional
//! message = "is not a valid level" # a part of the message
//! help = "did you mean `story`"    # optional: a part of the help
//! ```
//!
//! The run must exit 1 and report exactly the expected errors.

use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::support::{Portal, copy_dir, repo};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[serde(default)]
    remove: Vec<String>,
    expect: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    path: String,
    line: usize,
    column: Option<usize>,
    message: String,
    help: Option<String>,
}

#[derive(Deserialize, Debug)]
struct Reported {
    path: String,
    line: usize,
    column: usize,
    severity: String,
    message: String,
    help: Option<String>,
}

fn check_fixture(dir: &Path) -> Result<(), String> {
    let expect: Expect =
        toml::from_str(&fs::read_to_string(dir.join("expect.toml")).map_err(|e| e.to_string())?)
            .map_err(|e| format!("expect.toml: {e}"))?;
    let portal = Portal::copy_of("tests/fixtures/base");
    for rel in &expect.remove {
        fs::remove_file(portal.path(rel)).map_err(|e| format!("remove {rel}: {e}"))?;
    }
    let overlay = dir.join("portal");
    if overlay.is_dir() {
        copy_dir(&overlay, portal.root());
    }
    let out = portal.cairn(&["check", "--format", "json"]);
    let json = String::from_utf8_lossy(&out.stdout);
    let reported: Vec<Reported> =
        serde_json::from_str(&json).map_err(|e| format!("bad JSON ({e}): {json}"))?;
    let errors: Vec<&Reported> = reported.iter().filter(|r| r.severity == "error").collect();
    if out.status.code() != Some(1) {
        return Err(format!(
            "exit code {:?}, expected 1; reported {reported:#?}",
            out.status.code()
        ));
    }
    for e in &expect.expect {
        let found = errors.iter().any(|r| {
            r.path == e.path
                && r.line == e.line
                && e.column.is_none_or(|c| c == r.column)
                && r.message.contains(&e.message)
                && e.help
                    .as_ref()
                    .is_none_or(|h| r.help.as_deref().is_some_and(|rh| rh.contains(h.as_str())))
        });
        if !found {
            return Err(format!("expected {e:?}\nbut cairn reported {errors:#?}"));
        }
    }
    if errors.len() != expect.expect.len() {
        return Err(format!(
            "expected {} errors, cairn reported {errors:#?}",
            expect.expect.len()
        ));
    }
    Ok(())
}

#[test]
fn every_bad_input_fixture_reports_file_line_and_message() {
    let root = repo().join("tests/fixtures/bad");
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let failures: Vec<String> = dirs
        .iter()
        .filter_map(|d| {
            check_fixture(d)
                .err()
                .map(|e| format!("{}: {e}", d.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
    assert!(dirs.len() >= 30, "only {} bad-input fixtures", dirs.len());
}

#[test]
fn the_base_fixture_is_clean() {
    let portal = Portal::copy_of("tests/fixtures/base");
    let out = portal.cairn(&["check", "--deny-warnings"]);
    assert!(out.status.success(), "{}", crate::support::stderr(&out));
}
