//! `cairn new update ID --since …`: the new update starts with what a
//! public build shows changed since then, and builds as written.

use crate::history::{build, commit, item, output_texts, repository};
use crate::support::{Portal, cairn_in, main_of, select, stderr, stdout};

const PRIVATE_MARKER: &str = "PRIVATE-PREFILL-MARKER";
const TALK_MARKER: &str = "CONVERSATION-PREFILL-MARKER";

fn new_update(p: &Portal, id: &str, since: &str) -> std::process::Output {
    p.cairn(&[
        "new",
        "update",
        id,
        "--since",
        since,
        "--today",
        "2026-11-30",
    ])
}

/// The base fixture's history (its October update is dated 31 Oct 2026),
/// then: an item ready before that update and done after it, a goal
/// reading, a private item, a conversation and a draft after it.
fn portal_with_changes() -> Portal {
    let p = repository();
    let r = p.root();
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "ready", false),
    );
    commit(r, "2026-10-20", "ready");
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "done", false),
    );
    p.write(
        "content/backlog/secret.md",
        &item(PRIVATE_MARKER, "ready", true),
    );
    p.write(
        "content/vision.md",
        &p.read("content/vision.md").replace(
            "title = \"Double week-1 activation\"",
            "title = \"Double week-1 activation\"\n[[goals.readings]]\ndate = 2026-11-03\nvalue = 0.4",
        ),
    );
    commit(r, "2026-11-04", "done; a reading; a private plan");
    p.write(
        "content/backlog/secret.md",
        &item(PRIVATE_MARKER, "done", true),
    );
    p.write(
        "content/conversations/dana-call.md",
        &format!(
            "+++\ntitle = \"{TALK_MARKER}\"\ndate = 2026-11-10\nwith = [\"dana\"]\n+++\n{TALK_MARKER} notes.\n"
        ),
    );
    p.write(
        "content/backlog/draft.md",
        &item("DRAFT-PREFILL-MARKER", "new", false).replace("+++\n\n", "draft = true\n+++\n\n"),
    );
    commit(r, "2026-11-10", "private plan done; a call; a draft");
    p
}

/// The hrefs of the links in the main part of an output page.
fn hrefs(p: &Portal, page: &str) -> Vec<String> {
    let html = p.read(page);
    select(main_of(&html), ".body a")
        .iter()
        .filter_map(|a| a.attr("href").map(str::to_string))
        .collect()
}

#[test]
fn since_last_lists_what_a_public_build_shows_since_the_newest_update() {
    let p = portal_with_changes();
    let out = new_update(&p, "december", "last");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "content/updates/december.md");
    let text = p.read("content/updates/december.md");
    // Since 31 Oct 2026: the change of 20 Oct is before it.
    assert!(text.contains("What changed since 31 Oct 2026:"), "{text}");
    assert!(text.contains("## Week of 2 Nov 2026"), "{text}");
    assert!(
        text.contains(
            "- 2026-11-04: Backlog item [Guided setup](@/backlog/guided-setup.md): status moved from ready to done\n"
        ),
        "{text}"
    );
    assert!(!text.contains("new to ready"), "{text}");
    assert!(
        text.contains("Goal [Double week-1 activation](/goals/activation.html): reading added: "),
        "{text}"
    );
    for marker in [PRIVATE_MARKER, TALK_MARKER, "DRAFT-PREFILL-MARKER"] {
        assert!(!text.contains(marker), "{marker} in {text}");
    }
    assert!(!text.contains("Conversation"), "{text}");
    // It builds as written, for the team and for the public, and the
    // reader sees the change with a working link.
    build(&p, &[]);
    let page = p.read("public/updates/december.html");
    let main = main_of(&page);
    assert!(main.contains("status moved from ready to done"), "{main}");
    let links = select(main, ".body a[href$='backlog/guided-setup.html']");
    assert_eq!(links.len(), 1, "{main}");
    assert!(
        links[0].html.contains(">Guided setup</a>"),
        "{}",
        links[0].html
    );
    assert_eq!(
        select(main, ".body a[href$='goals/activation.html']").len(),
        1
    );
    let out = p.cairn(&["build", "--public", "--today", "2026-11-30", "-o", "site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = p.read("site/updates/december.html");
    assert!(public.contains("status moved from ready to done"));
    assert!(!public.contains(PRIVATE_MARKER) && !public.contains(TALK_MARKER));
}

#[test]
fn a_title_with_markdown_characters_is_one_link_reading_as_written() {
    let p = repository();
    let title = "Fix <b>[it]</b> *now* & `then` ](@/vision.md) #1 \\";
    let toml_title = title.replace('\\', "\\\\").replace('"', "\\\"");
    p.write(
        "content/backlog/guided-setup.md",
        &item(&toml_title, "done", false),
    );
    commit(p.root(), "2026-11-04", "a tricky title");
    let out = new_update(&p, "december", "2026-11-01");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = p.cairn(&["build", "--deny-warnings", "--today", "2026-11-30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = p.read("public/updates/december.html");
    let main = main_of(&page);
    let links = select(main, ".body a");
    assert_eq!(links.len(), 1, "one link, nothing injected: {main}");
    assert!(
        links[0]
            .attr("href")
            .unwrap()
            .ends_with("backlog/guided-setup.html"),
        "{}",
        links[0].html
    );
    let text = select(&links[0].html, "a")[0].html.clone();
    let read = scraper::Html::parse_fragment(&text)
        .root_element()
        .text()
        .collect::<String>();
    assert_eq!(read, title, "{main}");
    assert!(
        select(main, ".body :is(b, em, strong, code)").is_empty(),
        "{main}"
    );
}

#[test]
fn since_a_revision_with_nothing_after_it_says_so_in_one_line() {
    let p = portal_with_changes();
    let out = new_update(&p, "quiet", "HEAD");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = p.read("content/updates/quiet.md");
    let body = &text[text.rfind("+++\n").unwrap() + 4..];
    assert_eq!(
        body,
        "\nWhat changed, what we decided, what comes next.\n\nNo changes since 10 Nov 2026.\n"
    );
    build(&p, &[]);
    assert!(
        p.read("public/updates/quiet.html")
            .contains("No changes since 10 Nov 2026.")
    );
}

#[test]
fn since_is_refused_on_anything_but_an_update() {
    let p = repository();
    let out = p.cairn(&[
        "new",
        "story",
        "s",
        "--serves",
        "activation",
        "--since",
        "last",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("`--since` does not apply to a story"), "{err}");
    assert!(!p.path("content/backlog/s.md").exists());
    let help = stdout(&p.cairn(&["new", "--help"]));
    assert!(help.contains("--since last"), "{help}");
    assert!(help.contains("what a public build shows"), "{help}");
}

#[test]
fn without_history_or_an_earlier_update_it_says_why_and_writes_nothing() {
    let outside = Portal::copy_of("tests/fixtures/base");
    let out = new_update(&outside, "december", "2026-11-01");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("not in a git repository") && err.contains("git init"),
        "{err}"
    );
    assert!(!outside.path("content/updates/december.md").exists());

    let p = repository();
    let (_clone, c) = crate::history::shallow_clone(&p);
    let out = cairn_in(&c, &["new", "update", "december", "--since", "last"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("shallow clone") && err.contains("--unshallow"),
        "{err}"
    );
    assert!(!c.join("content/updates/december.md").exists());

    std::fs::remove_file(p.path("content/updates/october.md")).unwrap();
    commit(p.root(), "2026-10-02", "no update yet");
    let out = new_update(&p, "first", "last");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("there is no earlier update"), "{err}");
    assert!(err.contains("--since DATE"), "{err}");
    assert!(!p.path("content/updates/first.md").exists());

    let config = p.read("cairn.toml");
    p.write(
        "cairn.toml",
        &format!("{config}\n[history]\nenabled = false\n"),
    );
    let out = new_update(&p, "first", "2026-10-01");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("history is turned off"),
        "{}",
        stderr(&out)
    );
    assert!(!p.path("content/updates/first.md").exists());
}

#[test]
fn no_output_file_of_a_public_build_holds_what_the_prefill_left_out() {
    let p = portal_with_changes();
    assert!(new_update(&p, "december", "2026-10-01").status.success());
    commit(p.root(), "2026-11-30", "december update");
    let out = p.cairn(&["build", "--public", "--today", "2026-11-30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (path, text) in output_texts(&p) {
        assert!(!text.contains(PRIVATE_MARKER), "{path}");
        assert!(!text.contains(TALK_MARKER), "{path}");
    }
    let links = hrefs(&p, "public/updates/december.html");
    assert!(
        links
            .iter()
            .any(|h| h.ends_with("backlog/guided-setup.html")),
        "{links:?}"
    );
}

#[test]
fn power_and_interest_moves_stay_out_unless_public_builds_show_engagement() {
    let p = repository();
    let dana = p.read("content/stakeholders/dana.md");
    p.write(
        "content/stakeholders/dana.md",
        &dana.replace("power = 5", "power = 2"),
    );
    commit(p.root(), "2026-11-04", "dana lost power");
    assert!(new_update(&p, "quiet", "last").status.success());
    let text = p.read("content/updates/quiet.md");
    assert!(text.contains("No changes since 31 Oct 2026."), "{text}");
    let config = p.read("cairn.toml");
    p.write(
        "cairn.toml",
        &format!("{config}\n[public]\nengagement = true\n"),
    );
    assert!(new_update(&p, "shown", "2026-11-01").status.success());
    let text = p.read("content/updates/shown.md");
    assert!(text.contains("power 5 → 2"), "{text}");
}

#[test]
fn since_last_starts_at_the_newest_published_update_not_a_private_one() {
    let p = repository();
    p.write(
        "content/updates/board-only.md",
        "+++\ntitle = \"Board only\"\ndate = 2026-11-17\nprivate = true\n+++\n",
    );
    commit(p.root(), "2026-11-18", "a private update");
    let out = new_update(&p, "december", "last");
    assert!(out.status.success(), "{}", stderr(&out));
    let written = p.read("content/updates/december.md");
    assert!(written.contains("since 31 Oct 2026"), "{written}");
    assert!(!written.contains("17 Nov"), "{written}");
}
