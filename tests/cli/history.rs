//! What changed: histories scripted with the git CLI (fixed dates and
//! authors), read by cairn with its own git reader.

use std::path::Path;
use std::process::Command;

use crate::support::{Portal, cairn_in, stderr, stdout};

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

fn build(p: &Portal, extra: &[&str]) -> std::process::Output {
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
fn output_texts(p: &Portal) -> Vec<(String, String)> {
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
fn a_shallow_clone_builds_with_one_note() {
    let p = repository();
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "ready", false),
    );
    commit(p.root(), "2026-10-05", "ready");
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", p.root().display());
    git(
        clone.path(),
        "2026-10-06",
        &["clone", "-q", "--depth", "1", &url, "c"],
    );
    let c = clone.path().join("c");
    let out = cairn_in(&c, &["build", "--today", "2026-11-30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("no history").count(), 1, "{err}");
    assert!(
        err.contains("shallow clone") && err.contains("fetch-depth: 0"),
        "{err}"
    );
    assert!(!c.join("public/changes.html").exists());
    assert!(c.join("public/index.html").exists());
}

#[test]
fn a_portal_outside_git_builds_with_one_note() {
    let p = Portal::copy_of("tests/fixtures/base");
    let out = p.cairn(&["build", "--today", "2026-11-30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("no history").count(), 1, "{err}");
    assert!(err.contains("not in a git repository"), "{err}");
    assert!(!p.path("public/changes.html").exists());
}

#[test]
fn history_can_be_turned_off() {
    let p = Portal::copy_of("tests/fixtures/base");
    p.write(
        "cairn.toml",
        "title = \"Acme Onboarding\"\n[history]\nenabled = false\n",
    );
    let out = p.cairn(&["build", "--today", "2026-11-30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("no history"), "{}", stderr(&out));
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

#[test]
fn changes_prints_the_digest_since_a_date_or_a_revision() {
    let p = repository();
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "ready", false),
    );
    commit(p.root(), "2026-10-05", "ready");
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "done", false),
    );
    commit(p.root(), "2026-10-20", "done");
    let out = p.cairn(&["changes", "--since", "2026-10-10", "--today", "2026-11-30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.contains("## Week of 19 Oct 2026"), "{md}");
    assert!(md.contains("status moved from ready to done"), "{md}");
    assert!(!md.contains("new to ready"), "{md}");
    let out = p.cairn(&["changes", "--since", "HEAD~1", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), 1, "{json}");
    assert_eq!(list[0]["to"], "done");
    assert_eq!(list[0]["date"], "2026-10-20");
    // `last`: since the newest update (31 Oct 2026 in the fixture).
    let out = p.cairn(&["changes", "--since", "last"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "No changes.\n");
}

#[test]
fn a_public_build_shows_nothing_of_private_times() {
    let p = repository();
    let r = p.root();
    // A: private, then public.
    p.write(
        "content/backlog/alpha.md",
        &item("ALPHA-WHEN-PRIVATE-MARKER", "ready", true),
    );
    // B: public, then private.
    p.write(
        "content/backlog/beta.md",
        &item("BETA-EARLIER-PUBLIC-MARKER", "ready", false),
    );
    commit(r, "2026-10-03", "a and b");
    p.write(
        "content/backlog/alpha.md",
        &item("ALPHA-STILL-PRIVATE-MARKER", "in-progress", true),
    );
    p.write(
        "content/backlog/beta.md",
        &item("BETA-EARLIER-PUBLIC-MARKER", "in-progress", false),
    );
    commit(r, "2026-10-04", "both move");
    p.write(
        "content/backlog/alpha.md",
        &item("Alpha in the open", "done", false),
    );
    p.write(
        "content/backlog/beta.md",
        &item("BETA-NOW-PRIVATE-MARKER", "done", true),
    );
    commit(r, "2026-10-05", "a opens, b closes");
    build(&p, &["--public"]);
    let changes = p.read("public/changes.html");
    assert!(
        changes.contains("Alpha in the open</a>: added as done"),
        "{changes}"
    );
    assert!(!changes.contains("ready to in-progress"), "{changes}");
    for (path, text) in output_texts(&p) {
        for marker in [
            "ALPHA-WHEN-PRIVATE-MARKER",
            "ALPHA-STILL-PRIVATE-MARKER",
            "BETA-EARLIER-PUBLIC-MARKER",
            "BETA-NOW-PRIVATE-MARKER",
            "beta.html",
            "Ada Author",
        ] {
            assert!(!text.contains(marker), "{marker} in {path}");
        }
    }
    let out = p.cairn(&["changes", "--since", "2026-01-01", "--public"]);
    let md = stdout(&out);
    assert!(!md.contains("MARKER"), "{md}");
    // The team build shows both.
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    assert!(changes.contains("BETA-NOW-PRIVATE-MARKER"), "{changes}");
}

#[test]
fn a_stakeholder_page_lists_what_touched_them_since_the_last_contact() {
    let p = repository();
    let r = p.root();
    let dana = p.read("content/stakeholders/dana.md");
    p.write(
        "content/stakeholders/dana.md",
        &dana.replace("interest = 4", "interest = 4\nlast_contact = 2026-10-10"),
    );
    commit(r, "2026-10-02", "met dana");
    let decision = p.read("content/tradeoffs/sso-first.md");
    p.write(
        "content/tradeoffs/sso-first.md",
        &decision.replace("status = \"accepted\"", "status = \"proposed\""),
    );
    commit(r, "2026-10-08", "before the contact");
    p.write(
        "content/tradeoffs/sso-first.md",
        &decision.replace("status = \"accepted\"", "status = \"rejected\""),
    );
    p.write(
        "content/stakeholders/dana.md",
        &dana.replace("interest = 4", "interest = 2\nlast_contact = 2026-10-10"),
    );
    p.write(
        "content/vision.md",
        &p.read("content/vision.md").replace(
            "title = \"Double week-1 activation\"",
            "title = \"Double week-1 activation\"\n[[goals.readings]]\ndate = 2026-10-15\nvalue = 0.4",
        ),
    );
    p.write(
        "content/conversations/dana-2026-10-16.md",
        "+++\ntitle = \"Call with Dana\"\ndate = 2026-10-12\nwith = [\"dana\"]\n+++\nNotes.\n",
    );
    commit(r, "2026-10-16", "after the contact");
    // History follows readings as raw TOML, whatever the loader makes of
    // them; a reading taken out again stays in the history.
    let vision = p.read("content/vision.md");
    let at = vision.find("[[goals.readings]]").unwrap();
    let end = at + vision[at..].find("value = 0.4\n").unwrap() + "value = 0.4\n".len();
    p.write(
        "content/vision.md",
        &format!("{}{}", &vision[..at], &vision[end..]),
    );
    commit(r, "2026-10-17", "tidy");
    build(&p, &[]);
    let page = p.read("public/stakeholders/dana.html");
    let at = page
        .find("Changed since the last contact")
        .expect("section");
    let section = &page[at..at + page[at..].find("</section>").unwrap()];
    assert!(section.contains("rejected (was proposed)"), "{section}");
    assert!(!section.contains("proposed (was accepted)"), "{section}");
    let engagement = p.read("public/engagement.html");
    assert!(engagement.contains("interest 4 → 2"), "{engagement}");
    // The map draws the move as an arrow from the old cell, and its table
    // says it.
    assert!(engagement.contains("<line class=\"moved\""), "{engagement}");
    assert!(engagement.contains("<th scope=\"col\">Moved (90 days)</th>"));
    assert!(
        engagement.contains("<td>interest 4 → 2 since"),
        "{engagement}"
    );
    let changes = p.read("public/changes.html");
    assert!(
        changes.contains("reading added: date = 2026-10-15, value = 0.4"),
        "{changes}"
    );
    assert!(section.contains("reading added"), "{section}");
    assert!(changes.contains("Call with Dana</a>: logged"), "{changes}");
}
