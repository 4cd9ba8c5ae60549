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

#[test]
fn a_public_build_shows_no_history_of_power_interest_or_contacts() {
    let p = repository();
    let r = p.root();
    let dana = p.read("content/stakeholders/dana.md");
    p.write(
        "content/stakeholders/dana.md",
        &dana
            .replace("power = 5", "power = 2")
            .replace("interest = 4", "interest = 1\nlast_contact = 2026-10-06"),
    );
    let decision = p.read("content/tradeoffs/sso-first.md");
    p.write(
        "content/tradeoffs/sso-first.md",
        &decision.replace("status = \"accepted\"", "status = \"rejected\""),
    );
    commit(r, "2026-10-08", "dana lost power");
    build(&p, &["--public"]);
    for (path, text) in output_texts(&p) {
        for politics in ["power 5", "interest 4", "Changed since"] {
            assert!(!text.contains(politics), "{politics} in {path}");
        }
    }
    // What outside readers may see of the same commit stays.
    let changes = p.read("public/changes.html");
    assert!(changes.contains("rejected"), "{changes}");
    let md = stdout(&p.cairn(&["changes", "--since", "2026-01-01", "--public"]));
    assert!(!md.contains("power 5"), "{md}");
    // `[public] engagement = true` shows them.
    let config = p.read("cairn.toml");
    p.write(
        "cairn.toml",
        &format!("{config}\n[public]\nengagement = true\n"),
    );
    build(&p, &["--public"]);
    let changes = p.read("public/changes.html");
    assert!(changes.contains("power 5 → 2"), "{changes}");
}

#[test]
fn a_public_build_dates_a_stakeholder_by_what_it_shows_of_them() {
    let p = repository();
    let r = p.root();
    let dana = p.read("content/stakeholders/dana.md");
    p.write(
        "content/stakeholders/dana.md",
        &dana.replace(
            "role = \"buyer\"",
            "role = \"buyer\"\norganization = \"Acme\"",
        ),
    );
    commit(r, "2026-10-05", "dana's organization");
    // Only what a public build leaves out changes: her notes and power.
    let dana = p.read("content/stakeholders/dana.md");
    p.write(
        "content/stakeholders/dana.md",
        &format!(
            "{}\nWorried about the renewal.\n",
            dana.replace("power = 5", "power = 3")
        ),
    );
    commit(r, "2026-10-20", "private notes on dana");
    build(&p, &["--public"]);
    let page = p.read("public/stakeholders/dana.html");
    assert!(page.contains("datetime=\"2026-10-05\""), "{page}");
    assert!(!page.contains("2026-10-20"), "{page}");
    build(&p, &[]);
    let page = p.read("public/stakeholders/dana.html");
    assert!(page.contains("datetime=\"2026-10-20\""), "{page}");
}

#[test]
fn a_public_build_shows_nothing_of_the_time_an_item_was_below_a_private_one() {
    let p = repository();
    let r = p.root();
    let idea = p.read("content/backlog/guided-setup.md");
    let story = p.read("content/backlog/first-project.md");
    p.write(
        "content/backlog/guided-setup.md",
        &idea.replace("level = \"idea\"", "level = \"idea\"\nprivate = true"),
    );
    p.write(
        "content/backlog/first-project.md",
        &story
            .replace("Create the first project", "FIRST-UNDER-PRIVATE-MARKER")
            .replace(
                "level = \"story\"",
                "level = \"story\"\nstatus = \"in-progress\"",
            ),
    );
    commit(r, "2026-10-03", "the idea goes private, its story moves");
    p.write("content/backlog/guided-setup.md", &idea);
    p.write(
        "content/backlog/first-project.md",
        &story.replace("level = \"story\"", "level = \"story\"\nstatus = \"done\""),
    );
    commit(r, "2026-10-09", "in the open again");
    build(&p, &["--public"]);
    for (path, text) in output_texts(&p) {
        assert!(
            !text.contains("FIRST-UNDER-PRIVATE-MARKER"),
            "marker in {path}"
        );
    }
    let changes = p.read("public/changes.html");
    assert!(!changes.contains("in-progress"), "{changes}");
    // To a public reader nothing happened while it was hidden by its
    // parent: what changed then shows with the next version it sees.
    assert!(
        changes.contains("Create the first project</a>: status moved from new to done"),
        "{changes}"
    );
    let page = p.read("public/backlog/first-project.html");
    assert!(page.contains("datetime=\"2026-10-09\""), "{page}");
    // The team build shows the whole story.
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    assert!(changes.contains("in-progress"), "{changes}");
}
