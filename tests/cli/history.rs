//! What changed: histories scripted with the git CLI (fixed dates and
//! authors), read by cairn with its own git reader.

use std::path::Path;
use std::process::Command;

use crate::support::{Portal, cairn_in, stderr};

/// Runs git in `dir` as "Ada Author", committing at `date` (noon UTC).
pub fn git(dir: &Path, date: &str, args: &[&str]) {
    let stamp = format!("{date}T12:00:00Z");
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Ada Author",
            "-c",
            "user.email=ada@example.com",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Commits everything in `dir` at `date`.
pub fn commit(dir: &Path, date: &str, message: &str) {
    git(dir, date, &["add", "-A"]);
    git(dir, date, &["commit", "-q", "-m", message]);
}

/// A clone of `p` holding only its last commit (removed with the folder).
pub fn shallow_clone(p: &Portal) -> (tempfile::TempDir, std::path::PathBuf) {
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", p.root().display());
    git(
        clone.path(),
        "2026-10-06",
        &["clone", "-q", "--depth", "1", &url, "c"],
    );
    let c = clone.path().join("c");
    (clone, c)
}

/// The base fixture in a fresh repository, first committed on 1 Oct 2026.
pub fn repository() -> Portal {
    let p = Portal::copy_of("tests/fixtures/base");
    git(p.root(), "2026-10-01", &["init", "-q"]);
    commit(p.root(), "2026-10-01", "start");
    p
}

pub fn item(title: &str, status: &str, private: bool) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nlevel = \"idea\"\nstatus = \"{status}\"\nserves = [\"activation\"]\nprivate = {private}\n+++\n\nBody of {title}.\n"
    )
}

pub fn build(p: &Portal, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "build",
        "--today",
        "2026-11-30",
        "--base-url",
        "https://acme.example/",
    ];
    args.extend(extra);
    let out = p.cairn(&args);
    assert!(out.status.success(), "build failed: {}", stderr(&out));
    out
}

/// Every file of the output, as text.
pub fn output_texts(p: &Portal) -> Vec<(String, String)> {
    walkdir(&p.path("public"))
}

fn walkdir(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            out.push((path.display().to_string(), text));
        }
    }
    out
}

#[test]
fn each_kind_of_change_appears_with_its_date_and_link() {
    let p = repository();
    let r = p.root();
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "ready", false),
    );
    commit(r, "2026-10-05", "guided setup is ready");
    let decision = p.read("content/tradeoffs/sso-first.md");
    p.write(
        "content/tradeoffs/sso-first.md",
        &decision.replace("status = \"accepted\"", "status = \"rejected\""),
    );
    let dana = p.read("content/stakeholders/dana.md");
    p.write(
        "content/stakeholders/dana.md",
        &dana.replace("power = 5", "power = 2"),
    );
    commit(r, "2026-10-12", "sso rejected; dana lost power");
    p.write(
        "content/updates/november.md",
        "+++\ntitle = \"November news\"\ndate = 2026-11-02\n+++\n\nNews.\n",
    );
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "dropped", false),
    );
    commit(r, "2026-11-02", "november");
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    for expected in [
        "status moved from new to ready",
        "rejected (was accepted)",
        "power 5 → 2",
        "November news</a>: published",
        "dropped (was ready)",
        "5 Oct 2026",
        "12 Oct 2026",
        "href=\"backlog/guided-setup.html\"",
        "Week of 2 Nov 2026",
        "data-changed=\"2026-11-02\"",
    ] {
        assert!(
            changes.contains(expected),
            "changes.html lacks {expected:?}"
        );
    }
    // Newest first.
    assert!(changes.find("November news").unwrap() < changes.find("power 5").unwrap());
    let page = p.read("public/backlog/guided-setup.html");
    assert!(
        page.contains("Last changed on <time datetime=\"2026-11-02\">"),
        "{page}"
    );
    let feed = p.read("public/changes.xml");
    let doc = roxmltree::Document::parse(&feed).expect("changes.xml is XML");
    let entries = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .count();
    assert!(entries >= 5, "{entries} entries");
    assert!(p.read("public/index.html").contains("changes.html"));
    assert!(p.read("public/board.html").contains("changes.js"));
    // Authors are off by default.
    for (path, text) in output_texts(&p) {
        assert!(!text.contains("Ada Author"), "{path} names the author");
    }
}

#[test]
fn authors_show_only_when_opted_in() {
    let p = repository();
    p.write(
        "cairn.toml",
        "title = \"Acme Onboarding\"\n[history]\nauthors = true\n",
    );
    commit(p.root(), "2026-10-03", "authors");
    build(&p, &[]);
    assert!(p.read("public/vision/index.html").contains("by Ada Author"));
}

#[test]
fn a_renamed_document_keeps_its_history() {
    let p = repository();
    let r = p.root();
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "ready", false),
    );
    commit(r, "2026-10-05", "ready");
    git(
        r,
        "2026-10-06",
        &[
            "mv",
            "content/backlog/guided-setup.md",
            "content/backlog/guided-start.md",
        ],
    );
    let child = p.read("content/backlog/setup-checklist.md");
    p.write(
        "content/backlog/setup-checklist.md",
        &child.replace("\"guided-setup\"", "\"guided-start\""),
    );
    commit(r, "2026-10-06", "renamed");
    p.write(
        "content/backlog/guided-start.md",
        &item("Guided setup", "in-progress", false),
    );
    commit(r, "2026-10-07", "started");
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    assert!(
        changes.contains("status moved from ready to in-progress"),
        "{changes}"
    );
    assert!(
        changes.contains("status moved from new to ready"),
        "{changes}"
    );
    assert!(
        !changes.contains("removed"),
        "a rename is no removal: {changes}"
    );
    assert!(changes.contains("href=\"backlog/guided-start.html\""));
}

#[test]
fn a_rename_with_an_edit_in_one_commit_keeps_its_history() {
    let p = repository();
    let r = p.root();
    git(
        r,
        "2026-10-06",
        &[
            "mv",
            "content/backlog/guided-setup.md",
            "content/backlog/guided-start.md",
        ],
    );
    p.write(
        "content/backlog/guided-start.md",
        &item("Guided start", "ready", false),
    );
    let child = p.read("content/backlog/setup-checklist.md");
    p.write(
        "content/backlog/setup-checklist.md",
        &child.replace("\"guided-setup\"", "\"guided-start\""),
    );
    commit(r, "2026-10-06", "renamed and readied");
    // A move to another folder with an edit keeps its id (the file name).
    std::fs::create_dir_all(p.path("content/backlog/later")).unwrap();
    git(
        r,
        "2026-10-07",
        &[
            "mv",
            "content/backlog/guided-start.md",
            "content/backlog/later/guided-start.md",
        ],
    );
    p.write(
        "content/backlog/later/guided-start.md",
        &item("Guided start", "in-progress", false),
    );
    commit(r, "2026-10-07", "moved and started");
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    assert!(
        changes.contains("status moved from new to ready"),
        "{changes}"
    );
    assert!(
        changes.contains("status moved from ready to in-progress"),
        "{changes}"
    );
    assert!(
        !changes.contains("removed"),
        "a rename is no removal: {changes}"
    );
    assert_eq!(changes.matches("added as").count(), 4, "{changes}");
}

#[test]
fn an_uncommitted_edit_is_the_current_state() {
    let p = repository();
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "done", false),
    );
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    assert!(
        changes.contains("status moved from new to done"),
        "{changes}"
    );
    assert!(changes.contains("not committed yet"));
    let page = p.read("public/backlog/guided-setup.html");
    assert!(
        page.contains("Last changed in edits not committed yet"),
        "{page}"
    );
}

#[test]
fn a_merged_branch_counts_on_the_day_it_was_merged() {
    let p = repository();
    let r = p.root();
    git(r, "2026-10-02", &["checkout", "-q", "-b", "topic"]);
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "ready", false),
    );
    commit(r, "2026-10-02", "on a branch");
    git(r, "2026-10-03", &["checkout", "-q", "main"]);
    p.write(
        "content/updates/later.md",
        "+++\ntitle = \"Later\"\ndate = 2026-10-03\n+++\n",
    );
    commit(r, "2026-10-03", "meanwhile");
    git(
        r,
        "2026-10-09",
        &["merge", "-q", "--no-ff", "-m", "merge", "topic"],
    );
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    let at = changes
        .find("status moved from new to ready")
        .expect("merged change");
    let entry = &changes[at..changes[at..].find("</li>").unwrap() + at];
    assert!(entry.contains("9 Oct 2026"), "{entry}");
}

#[test]
fn a_broken_old_version_is_skipped() {
    let p = repository();
    p.write("content/backlog/guided-setup.md", "+++\ntitle = \n+++\n");
    commit(p.root(), "2026-10-04", "broken");
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "ready", false),
    );
    commit(p.root(), "2026-10-05", "fixed");
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    assert!(
        changes.contains("status moved from new to ready"),
        "{changes}"
    );
}

#[test]
fn a_portal_in_a_subfolder_of_a_bigger_repository() {
    let outer = tempfile::tempdir().unwrap();
    let inner = outer.path().join("docs/portal");
    crate::support::copy_dir(&crate::support::repo().join("tests/fixtures/base"), &inner);
    std::fs::write(outer.path().join("README"), "other work\n").unwrap();
    git(outer.path(), "2026-10-01", &["init", "-q"]);
    commit(outer.path(), "2026-10-01", "start");
    std::fs::write(
        inner.join("content/backlog/guided-setup.md"),
        item("Guided setup", "ready", false),
    )
    .unwrap();
    commit(outer.path(), "2026-10-05", "ready");
    let out = cairn_in(&inner, &["build", "--today", "2026-11-30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let changes = std::fs::read_to_string(inner.join("public/changes.html")).unwrap();
    assert!(
        changes.contains("status moved from new to ready"),
        "{changes}"
    );
}
