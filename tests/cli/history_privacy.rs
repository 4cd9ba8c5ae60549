//! History in a public build: nothing of private times, no earlier text of
//! a document private now, no author names; checked in every output file
//! (the changes page and its feed included) with unique markers.

use crate::history::{build, commit, item, output_texts, repository};
use crate::support::stdout;

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
