//! `cairn serve` and history: a commit while serving updates the changes
//! page; a plain save is patched in without reading history again.

use std::time::{Duration, Instant};

use crate::history::{commit, item, repository};
use crate::serve::{get, start};
use crate::support::main_of;

/// Fetches `path` until `want` holds (the server rebuilds in the
/// background); the page as last fetched.
fn until(server: &crate::serve::Server, path: &str, want: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, body) = get(server, path);
        if want(&body) || Instant::now() > deadline {
            return body;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_commit_while_serving_updates_the_changes_page() {
    let p = repository();
    let server = start(&p);
    let page = format!("{}changes.html", server.prefix);
    let (status, first) = get(&server, &page);
    assert_eq!(status, 200);
    assert!(!first.contains("status moved from new to in-progress"));
    // A plain save: the item's page shows it; history is not read again.
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "in-progress", false),
    );
    let item_page = format!("{}backlog/guided-setup.html", server.prefix);
    let saved = until(&server, &item_page, |b| b.contains("In progress"));
    assert!(saved.contains("In progress"), "{saved}");
    let (_, unchanged) = get(&server, &page);
    assert_eq!(
        main_of(&unchanged),
        main_of(&first),
        "a save does not read history again"
    );
    // The commit moves HEAD: history is read again, the edit is dated.
    commit(p.root(), "2026-11-20", "started");
    let committed = until(&server, &page, |b| {
        b.contains("status moved from new to in-progress")
    });
    assert!(
        committed.contains("status moved from new to in-progress"),
        "{committed}"
    );
    assert!(!committed.contains("not committed yet"), "{committed}");
    assert!(committed.contains("20 Nov 2026"), "{committed}");
}
