//! What a product owner new to cairn sees when they write what another
//! tool, or another kind of document, would take: the message names the
//! mistake and the fix, and suggests only what is valid where they wrote.

use std::fs;

use crate::support::{Portal, starter, stderr};

/// `cairn check` on the starter portal after `edit`; its stderr.
fn check_after(edit: impl FnOnce(&Portal)) -> String {
    let portal = starter();
    edit(&portal);
    let out = portal.cairn(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

fn replace(portal: &Portal, rel: &str, from: &str, to: &str) {
    let text = portal.read(rel);
    assert!(text.contains(from), "{rel} has no `{from}`");
    portal.write(rel, &text.replacen(from, to, 1));
}

#[test]
fn a_decision_status_on_a_backlog_item_names_its_kind_and_the_items_value() {
    let err = check_after(|p| {
        replace(
            p,
            "content/backlog/first-week.md",
            "status = \"in-progress\"",
            "status = \"proposed\"",
        )
    });
    assert!(
        err.contains(
            "= help: `proposed` is a status of a decision record, not of a backlog item; \
             did you mean `new`? The choices are `new`, `ready`, `in-progress`, `done` or `dropped`"
        ),
        "{err}"
    );
    assert!(!err.contains("`dropped`?"), "{err}");
}

#[test]
fn a_backlog_status_on_a_decision_names_its_kind_and_the_decisions_value() {
    let err = check_after(|p| {
        replace(
            p,
            "content/tradeoffs/checklist-first.md",
            "status = \"accepted\"",
            "status = \"done\"",
        )
    });
    assert!(
        err.contains(
            "`done` is a status of a backlog item, not of a decision record; did you mean `accepted`?"
        ),
        "{err}"
    );
}

#[test]
fn a_key_of_another_kind_says_whose_it_is_instead_of_a_lookalike() {
    let err = check_after(|p| {
        replace(
            p,
            "content/backlog/first-week.md",
            "level = \"idea\"",
            "level = \"idea\"\ndate = 2026-10-01",
        )
    });
    assert!(err.contains("error: unknown key `date`"), "{err}");
    assert!(
        err.contains(
            "= help: `date` is a key of a decision record, an update and a conversation, not of a backlog item; \
             the keys of a backlog item are `title`, `level`"
        ),
        "{err}"
    );
}

#[test]
fn a_decisions_folder_suggests_tradeoffs() {
    let err = check_after(|p| {
        fs::rename(p.path("content/tradeoffs"), p.path("content/decisions")).unwrap();
    });
    assert!(
        err.contains("error: unknown folder `decisions` in content/"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `tradeoffs/`? Decision records go in tradeoffs/"),
        "{err}"
    );
}

#[test]
fn yaml_front_matter_says_cairn_reads_toml_between_plus_lines_and_shows_the_fix() {
    let err = check_after(|p| {
        p.write(
            "content/backlog/yaml-item.md",
            "---\ntitle: Import a spreadsheet\nlevel: story\nparent: guided-setup\nestimate: 2\n---\n\nBody.\n",
        )
    });
    let expected = "\
error: front matter between `---` lines is YAML; cairn reads TOML between `+++` lines
  ┌─ content/backlog/yaml-item.md:1:1
  │
1 │ ---
  │ ^^^ YAML front matter starts here
  │
  = help: replace both `---` lines with `+++` and write each key as TOML, `key = value`:
    +++
    title = \"Import a spreadsheet\"
    level = \"story\"
    parent = \"guided-setup\"
    estimate = 2
    +++
";
    assert!(err.contains(expected), "{err}");
}

#[test]
fn two_chosen_options_point_at_the_two_chosen_lines() {
    let err = check_after(|p| {
        replace(
            p,
            "content/tradeoffs/checklist-first.md",
            "name = \"Product tour first\"\n",
            "name = \"Product tour first\"\nchosen = true\n",
        )
    });
    let expected = "\
error: more than one option is chosen
   ┌─ content/tradeoffs/checklist-first.md:21:10
   │
13 │ chosen = true
   │          ---- and “Checklist first” here
   ·
21 │ chosen = true
   │          ^^^^ “Product tour first” is chosen here
   │
   = help: keep `chosen = true` on the option taken only, and remove it from the other
";
    assert!(err.contains(expected), "{err}");
}

#[test]
fn init_prints_next_steps_with_serve_and_the_starter_points_at_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::support::cairn_in(dir.path(), &["init", "my-portal"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = crate::support::stdout(&out);
    assert!(
        said.contains(
            "Next:\n  cairn serve my-portal    see it at http://127.0.0.1:1111/; it reloads as you edit my-portal/content/\n"
        ),
        "{said}"
    );
    assert!(said.contains("docs/reference.md"), "{said}");
    let toml = fs::read_to_string(dir.path().join("my-portal/cairn.toml")).unwrap();
    assert!(toml.contains("docs/reference.md"), "{toml}");
    assert!(crate::support::repo().join("docs/reference.md").is_file());
    let help = crate::support::cairn_in(dir.path(), &["--help"]);
    assert!(
        crate::support::stdout(&help).contains("cairn serve my-portal"),
        "{}",
        crate::support::stdout(&help)
    );
}

/// Every "1 <plural>" in `text`, as a reader would trip over it.
fn singular_slips(text: &str) -> Vec<String> {
    let nouns = [
        "items",
        "decisions",
        "updates",
        "goals",
        "stakeholders",
        "pages",
        "days",
        "stories",
        "errors",
        "warnings",
        "files",
        "findings",
    ];
    let mut slips = Vec::new();
    for (at, _) in text.match_indices("1 ") {
        let digit_before = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit());
        let rest = &text[at + 2..];
        if let Some(noun) = nouns.iter().find(|n| rest.starts_with(*n))
            && !digit_before
        {
            slips.push(format!("1 {noun}"));
        }
    }
    slips
}

#[test]
fn counts_of_one_read_in_the_singular_in_the_terminal_and_on_pages() {
    let portal = starter();
    replace(
        &portal,
        "content/stakeholders/sam.md",
        "cadence_days = 30\nlast_contact = 2026-10-15",
        "cadence_days = 1\nlast_contact = 2026-11-22",
    );
    // One backlog item under `retention` alone, and one in the "should" group.
    portal.write(
        "content/backlog/keep-teams.md",
        "+++\ntitle = \"Keep teams\"\nlevel = \"idea\"\nserves = [\"retention\"]\npriority = \"should\"\n+++\n",
    );
    let out = portal.cairn(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("built My Product Portal: 2 goals, 5 backlog items, 1 decision, 3 stakeholders, 1 update;"),
        "{err}"
    );
    assert_eq!(singular_slips(&err), Vec::<String>::new(), "{err}");
    for page in [
        "stakeholders/sam.html",
        "engagement.html",
        "traceability.html",
        "moscow.html",
        "board.html",
        "backlog/index.html",
        "index.html",
    ] {
        let html = portal.read(&format!("public/{page}"));
        assert_eq!(singular_slips(&html), Vec::<String>::new(), "{page}");
    }
    assert!(
        portal
            .read("public/stakeholders/sam.html")
            .contains("<dd>1 day</dd>")
    );
    assert!(
        portal
            .read("public/engagement.html")
            .contains("Due in 1 day")
    );
}

/// The starter portal with `n` more stakeholders overdue for a conversation.
fn with_overdue_people(n: usize) -> Portal {
    let portal = starter();
    // Outside git; without this, the history note would be a line more.
    let config = portal.read("cairn.toml");
    portal.write(
        "cairn.toml",
        &format!("{config}\n[history]\nenabled = false\n"),
    );
    for i in 0..n {
        portal.write(
            &format!("content/stakeholders/p{i}.md"),
            &format!(
                "+++\nname = \"Person {i}\"\nrole = \"user\"\npower = 2\ninterest = 2\ncadence_days = 7\n+++\n"
            ),
        );
    }
    portal
}

#[test]
fn a_build_counts_portal_health_in_one_line_and_verbose_or_check_lists_each() {
    let portal = with_overdue_people(300);
    let out = portal.cairn(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.lines().next(),
        Some(
            "note: portal health: 302 overdue conversations, “must” above 60% of the effort \
             (on the home page; `--verbose` or `cairn check` lists each)"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.lines()
            .nth(1)
            .unwrap()
            .starts_with("built My Product Portal:"),
        "{err}"
    );

    for args in [&["build", "--verbose"][..], &["check"][..]] {
        let out = portal.cairn(args);
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        assert!(
            err.starts_with(
                "note: portal health: 302 overdue conversations, “must” above 60% of the effort\n"
            ),
            "{args:?}: {err}"
        );
        let listed = err
            .lines()
            .filter(|l| l.starts_with("  - Conversation with"))
            .count();
        assert_eq!(listed, 302, "{args:?}: {err}");
        assert!(err.contains("  - Conversation with Person 299 is overdue (no contact recorded) (content/stakeholders/p299.md)"));
    }
}

#[test]
fn a_colon_for_an_equals_sign_is_one_error_that_shows_the_toml_line() {
    let err = check_after(|p| {
        replace(
            p,
            "content/backlog/first-week.md",
            "title = \"A first week that sells itself\"",
            "title: \"A first week that sells itself\"",
        )
    });
    assert!(
        err.contains(
            "= help: TOML puts `=` between a key and its value, not `:`: \
             `title = \"A first week that sells itself\"`"
        ),
        "{err}"
    );
    // Not "does not trace to any goal": the keys after a syntax error may be lost.
    assert!(err.ends_with("1 error, 0 warnings\n"), "{err}");
}
