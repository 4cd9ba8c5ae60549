//! Every non-body form of a reference to a private document leaves it out
//! of a public build: feeds, the search index, lists and views, trails,
//! cross-links between people and decisions, counts.

use super::{MARKERS, portal};
use crate::support::{Portal, snapshot, stderr};

/// The leak portal with public documents that refer to private ones in
/// every form a page can: a decision consulting the private investor and
/// superseding the private deal, an update addressed to them, a private
/// MMF under a public idea with a public story under it.
fn cross_linked() -> Portal {
    let p = portal();
    p.write(
        "content/tradeoffs/open-pricing.md",
        "+++\ntitle = \"Publish our prices\"\nstatus = \"accepted\"\ndate = 2026-10-20\nconsulted = [\"secret-investor\", \"legal\"]\naffects = [\"secret-investor\"]\ninformed = [\"sam\"]\nsupersedes = [\"secret-deal\"]\n\n[[options]]\nname = \"Publish\"\nchosen = true\n\n[[options]]\nname = \"Keep them secret\"\n+++\n",
    );
    p.write(
        "content/updates/pricing-news.md",
        "+++\ntitle = \"Prices are public\"\ndate = 2026-11-03\naudience = [\"sam\", \"secret-investor\"]\n+++\nOur prices are on the site now.\n",
    );
    p.write(
        "content/backlog/secret-mmf.md",
        "+++\ntitle = \"PRIVATE-MMF-TITLE-77aa\"\nlevel = \"mmf\"\nparent = \"first-week\"\nprivate = true\n+++\n",
    );
    p.write(
        "content/backlog/story-under-secret-mmf.md",
        "+++\ntitle = \"PRIVATE-STORY-UNDER-MMF-88bb\"\nlevel = \"story\"\nparent = \"secret-mmf\"\nstatus = \"done\"\nestimate = 3\n+++\n",
    );
    let out = p.cairn(&["build", "--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    p
}

/// Asserts that `file` of the public build shows no private document, by
/// its markers, ids or titles.
fn no_private_in(p: &Portal, file: &str) {
    let text = p.read(&format!("public/{file}"));
    for marker in MARKERS.iter().chain(&[
        "PRIVATE-MMF-TITLE-77aa",
        "PRIVATE-STORY-UNDER-MMF-88bb",
        "secret-",
    ]) {
        assert!(!text.contains(marker), "{marker} shows in {file}");
    }
}

#[test]
fn feed_entries_leave_out_private_updates_and_their_audience() {
    let p = cross_linked();
    no_private_in(&p, "feed.xml");
    let feed = p.read("public/feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 2, "{feed}");
    assert!(feed.contains("<summary>For Sam Ortega</summary>"), "{feed}");
}

#[test]
fn search_index_leaves_out_private_documents_and_their_words() {
    let p = cross_linked();
    no_private_in(&p, "search/docs.js");
    assert!(
        p.read("public/search/docs.js")
            .contains("Prices are public")
    );
    for (path, bytes) in snapshot(&p.path("public/search")) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        // Markers are split into words: their hex tails are words of their own.
        for tail in [
            "7f3a", "91c2", "4b8e", "0d6f", "5e21", "a1b2", "c3d4", "e5f6", "0a9b", "77aa", "88bb",
        ] {
            assert!(!text.contains(tail), "{tail} indexed in {}", path.display());
        }
    }
}

#[test]
fn lists_and_views_leave_out_private_documents() {
    let p = cross_linked();
    for view in [
        "index.html",
        "backlog/index.html",
        "board.html",
        "moscow.html",
        "traceability.html",
        "goals/index.html",
        "goals/activation.html",
        "goals/retention.html",
        "stakeholders/index.html",
        "tradeoffs/index.html",
        "tradeoffs/status/accepted.html",
        "updates/index.html",
        "sitemap.xml",
    ] {
        no_private_in(&p, view);
    }
}

#[test]
fn trails_and_children_leave_out_private_items() {
    let p = cross_linked();
    assert!(
        !p.path("public/backlog/story-under-secret-mmf.html")
            .exists(),
        "a story under a private MMF is private: its trail would name it"
    );
    no_private_in(&p, "backlog/first-week.html");
    no_private_in(&p, "backlog/guided-setup.html");
    no_private_in(&p, "backlog/setup-checklist.html");
}

#[test]
fn decision_and_stakeholder_cross_links_leave_out_private_documents() {
    let p = cross_linked();
    no_private_in(&p, "tradeoffs/open-pricing.html");
    let decision = p.read("public/tradeoffs/open-pricing.html");
    assert!(decision.contains("Legal team"), "public people stay");
    assert!(!decision.contains("Supersedes"), "{decision}");
    for page in [
        "stakeholders/sam.html",
        "stakeholders/legal.html",
        "stakeholders/dana.html",
        "updates/pricing-news.html",
        "backlog/guided-setup.html",
    ] {
        no_private_in(&p, page);
    }
}

#[test]
fn counts_leave_out_private_documents() {
    let p = cross_linked();
    let out = p.cairn(&["build", "-o", "team"]);
    assert!(out.status.success());
    // The team sees the private deal, MMF and story; readers do not.
    assert!(p.read("team/tradeoffs/index.html").contains(">All (3)<"));
    assert!(p.read("public/tradeoffs/index.html").contains(">All (2)<"));
    let count = |file: &str| {
        let text = p.read(file);
        let at = text.find(" items: big ideas").expect("backlog count");
        let digits: String = text[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.chars().rev().collect::<String>()
    };
    assert_eq!(count("team/backlog/index.html"), "8");
    assert_eq!(count("public/backlog/index.html"), "4");
    let goal = p.read("public/goals/activation.html");
    assert!(!goal.contains("PRIVATE"), "{goal}");
    // Progress counts only public work: the private story was done.
    assert!(p.read("team/goals/activation.html").contains("2 of 6 done"));
    assert!(
        p.read("public/goals/activation.html")
            .contains("1 of 4 done")
    );
}
