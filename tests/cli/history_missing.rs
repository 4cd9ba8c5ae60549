//! When there is no history to read: a shallow clone, a portal outside
//! git, history turned off. Each builds as before, with one note or none.

use crate::history::{commit, item, repository, shallow_clone};
use crate::support::{Portal, cairn_in, stderr};

#[test]
fn a_shallow_clone_builds_with_one_note() {
    let p = repository();
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "ready", false),
    );
    commit(p.root(), "2026-10-05", "ready");
    let (_clone, c) = shallow_clone(&p);
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
