//! `cairn changes`: the digest since a date, a revision or the last update.

use crate::history::{commit, item, repository};
use crate::support::{stderr, stdout};

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
fn since_a_revision_counts_the_commits_after_it_even_in_the_same_second() {
    let p = repository();
    for status in ["ready", "in-progress", "done"] {
        p.write(
            "content/backlog/guided-setup.md",
            &item("Guided setup", status, false),
        );
        // Scripted commits: one second for all three.
        commit(p.root(), "2026-10-05", status);
    }
    let out = p.cairn(&["changes", "--since", "HEAD~1", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), 1, "{json}");
    assert_eq!(list[0]["from"], "in-progress");
    assert_eq!(list[0]["to"], "done");
}

#[test]
fn a_change_is_dated_by_the_committers_own_day() {
    let p = repository();
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "done", false),
    );
    let stamp = "2026-02-05T23:30:00-05:00";
    for args in [&["add", "-A"][..], &["commit", "-qm", "late in New York"]] {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=Ada", "-c", "user.email=a@example.com"])
            .args(args)
            .current_dir(p.root())
            .env("GIT_AUTHOR_DATE", stamp)
            .env("GIT_COMMITTER_DATE", stamp)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = p.cairn(&["changes", "--since", "HEAD~1", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json[0]["date"], "2026-02-05", "{json}");
}

#[test]
fn a_superseded_decision_is_named_by_its_title() {
    let p = repository();
    let decision = p.read("content/tradeoffs/sso-first.md");
    p.write(
        "content/tradeoffs/sso-first.md",
        &decision.replace(
            "status = \"accepted\"",
            "status = \"accepted\"\nsupersedes = [\"checklist-first\"]",
        ),
    );
    commit(p.root(), "2026-10-05", "supersedes the checklist");
    let md = stdout(&p.cairn(&["changes", "--since", "2026-10-05"]));
    assert!(
        md.contains("supersedes “Checklist before the tour”"),
        "{md}"
    );
    let out = p.cairn(&["changes", "--since", "2026-10-05", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let entry = json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["other"] == "checklist-first")
        .expect("a supersedes entry");
    assert_eq!(entry["other_title"], "Checklist before the tour", "{json}");
}
