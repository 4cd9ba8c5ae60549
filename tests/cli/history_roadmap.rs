//! The roadmap's "recently done" with history: what became done in the
//! last 90 days, with the day.

use crate::history::{commit, item, repository};
use crate::support::stderr;

#[test]
fn recently_done_is_what_became_done_in_the_last_90_days() {
    let p = repository();
    p.write(
        "content/backlog/guided-setup.md",
        &item("Long-done idea", "done", false),
    );
    commit(p.root(), "2026-10-05", "done long ago");
    p.write(
        "content/backlog/first-project.md",
        &item("Lately done idea", "done", false),
    );
    commit(p.root(), "2026-11-25", "done lately");
    let out = p.cairn(&["build", "--today", "2027-01-20"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let roadmap = p.read("public/roadmap.html");
    assert!(roadmap.contains("Done in the last 90 days"), "{roadmap}");
    assert!(roadmap.contains("Lately done idea"), "{roadmap}");
    assert!(roadmap.contains("Done 25 Nov 2026"), "{roadmap}");
    assert!(!roadmap.contains("Long-done idea"), "{roadmap}");
    // Without history, every done item, as before.
    let config = p.read("cairn.toml");
    p.write(
        "cairn.toml",
        &format!("{config}\n[history]\nenabled = false\n"),
    );
    let out = p.cairn(&["build", "--today", "2027-01-20"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let roadmap = p.read("public/roadmap.html");
    assert!(roadmap.contains("Recently done"), "{roadmap}");
    assert!(roadmap.contains("Long-done idea"), "{roadmap}");
}
