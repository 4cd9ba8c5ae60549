//! Outcomes over output (issue 21): what a reader sees of goal readings.

use crate::support::{Portal, main_of, starter, stderr};

/// The starter portal with `activation` measured as numbers.
fn measured(readings: &str, args: &[&str]) -> Portal {
    let portal = starter();
    let vision = portal.read("content/vision.md").replacen(
        "baseline = \"18%\"\ntarget = \"36%\"\nby = 2027-06-30",
        &format!(
            "unit = \"%\"\nbaseline = 18\ntarget = 36\nby = 2027-06-30\nreadings = [\n{readings}\n]"
        ),
        1,
    );
    portal.write("content/vision.md", &vision);
    let mut all = vec!["build", "--today", "2026-11-22"];
    all.extend_from_slice(args);
    let out = portal.cairn(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    portal
}

const RISING: &str = "  { date = 2026-08-31, value = 19 },\n  { date = 2026-09-30, value = 23, note = \"checklist shipped\" },\n  { date = 2026-10-31, value = 26 },";

#[test]
fn a_measured_goal_shows_latest_value_share_state_chart_and_table() {
    let p = measured(RISING, &[]);
    let html = p.read("public/goals/activation.html");
    let main = main_of(&html);
    assert!(main.contains("Are we getting closer?"), "{main}");
    assert!(main.contains("Latest 26% (31 Oct 2026)"), "{main}");
    // (26 - 18) / (36 - 18) = 44%.
    assert!(
        main.contains("44% of the way from baseline to target"),
        "{main}"
    );
    assert!(main.contains(">On track<"), "{main}");
    assert!(
        main.contains("<svg class=\"outcome-chart\""),
        "an inline chart"
    );
    assert!(main.contains("target 36%") && main.contains("by 30 Jun 2027"));
    assert!(
        main.contains("class=\"chart-trend\""),
        "the projected trend"
    );
    assert!(!main.contains("<script"), "no script");
    assert!(
        main.contains("<td>30 Sep 2026</td><td>23%</td><td>checklist shipped</td>"),
        "{main}"
    );
}

#[test]
fn home_cards_label_outcome_and_output_apart() {
    let p = measured(RISING, &[]);
    let home = p.read("public/index.html");
    let main = main_of(&home);
    let outcome = main.find("Outcome (the metric)").expect("outcome labelled");
    let output = main.find("Output (work done)").expect("output labelled");
    assert!(outcome < output);
    assert!(main.contains("44% of the way"), "{main}");
}

#[test]
fn a_flat_trend_is_behind_and_lower_is_better_is_said() {
    let p = measured(
        "  { date = 2026-08-31, value = 19 },\n  { date = 2026-10-31, value = 19.5 },",
        &[],
    );
    let main = p.read("public/goals/activation.html");
    assert!(main.contains(">Behind<"), "{main}");
    let p = measured("  { date = 2026-10-31, value = 20 },", &[]);
    let main = p.read("public/goals/activation.html");
    assert!(main.contains(">Not enough readings<"), "{main}");
    // A target below the baseline: falling readings are progress.
    let p = starter();
    let vision = p.read("content/vision.md").replacen(
        "baseline = \"18%\"\ntarget = \"36%\"\nby = 2027-06-30",
        "unit = \"min\"\nbaseline = 47\ntarget = 10\nby = 2027-06-30\nreadings = [\n  { date = 2026-08-31, value = 40 },\n  { date = 2026-10-31, value = 30 },\n]",
        1,
    );
    p.write("content/vision.md", &vision);
    assert!(
        p.cairn(&["build", "--today", "2026-11-22"])
            .status
            .success()
    );
    let main = p.read("public/goals/activation.html");
    assert!(main.contains("(lower is better)"), "{main}");
    // (30 - 47) / (10 - 47) = 46% of the way.
    assert!(main.contains("46% of the way"), "{main}");
    assert!(main.contains(">On track<"), "{main}");
}

#[test]
fn the_projected_value_is_as_precise_as_the_readings() {
    let p = measured(RISING, &[]);
    let main = p.read("public/goals/activation.html");
    let at = main
        .find("The trend of the readings reaches ")
        .expect("a trend")
        + 34;
    let value = &main[at..at + main[at..].find(" by ").unwrap()];
    assert!(
        value.ends_with('%') && !value.contains('.'),
        "whole readings, a whole projection: {value}"
    );
}

#[test]
fn old_readings_and_unmeasured_numeric_targets_are_health_findings() {
    let p = measured("  { date = 2026-05-31, value = 19 },", &[]);
    let home = p.read("public/index.html");
    assert!(
        home.contains("was last measured on 31 May 2026, more than 90 days ago"),
        "{}",
        main_of(&home)
    );
    let p = measured("", &[]);
    let home = p.read("public/index.html");
    assert!(home.contains("outcome not measured"), "{}", main_of(&home));
    assert!(
        main_of(&home).contains("Not measured yet: no reading."),
        "the goal card says so too"
    );
    assert!(
        !p.read("public/goals/activation.html")
            .contains("outcome-chart")
    );
}

#[test]
fn text_baselines_and_targets_keep_working_without_a_chart() {
    let p = starter();
    let out = p.cairn(&["build", "--today", "2026-11-22"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let main = p.read("public/goals/activation.html");
    assert!(main.contains("18%") && main.contains("36%"));
    assert!(!main.contains("outcome-chart"));
}

/// An MMF now, waiting for one not started.
const WAITING: &str = "+++\ntitle = \"Team templates\"\nlevel = \"mmf\"\nparent = \"first-week\"\nstatus = \"ready\"\nhorizon = \"now\"\nconfidence = \"low\"\ndepends_on = [\"billing-export\"]\n+++\n";
const NOT_STARTED: &str =
    "+++\ntitle = \"Billing export\"\nlevel = \"mmf\"\nparent = \"first-week\"\n+++\n";

fn with_roadmap(extra: &[(&str, &str)], config: Option<&str>) -> (Portal, std::process::Output) {
    let p = starter();
    for (path, text) in extra {
        p.write(path, text);
    }
    if let Some(c) = config {
        let toml = p.read("cairn.toml");
        p.write("cairn.toml", &format!("{toml}\n{c}\n"));
    }
    let out = p.cairn(&["build", "--today", "2026-11-22"]);
    assert!(out.status.success(), "{}", stderr(&out));
    (p, out)
}

#[test]
fn the_roadmap_has_now_next_later_and_done_by_goal_with_the_default_note() {
    let (p, _) = with_roadmap(
        &[
            ("content/backlog/team-templates.md", WAITING),
            ("content/backlog/billing-export.md", NOT_STARTED),
        ],
        None,
    );
    let html = p.read("public/roadmap.html");
    let main = main_of(&html);
    assert!(main.contains("A roadmap is not a promise"), "{main}");
    for column in [">Now<", ">Next<", ">Later<", ">Recently done<"] {
        assert!(main.contains(column), "{column}");
    }
    assert!(main.contains("id=\"goal-activation\""), "one row per goal");
    assert!(main.contains("Low confidence"), "confidence on the card");
    assert!(
        main.contains("2 stories"),
        "stories counted in the MMF card: {main}"
    );
    let nav = p.read("public/index.html");
    assert!(
        nav.contains("href=\"roadmap.html\""),
        "linked from the navigation"
    );
}

#[test]
fn a_blocked_item_says_what_it_waits_for_on_roadmap_board_and_page() {
    let (p, _) = with_roadmap(
        &[
            ("content/backlog/team-templates.md", WAITING),
            ("content/backlog/billing-export.md", NOT_STARTED),
        ],
        None,
    );
    let roadmap = p.read("public/roadmap.html");
    assert!(
        main_of(&roadmap).contains("Team templates</a> waits for <a href=\"backlog/billing-export.html\">Billing export</a>"),
        "{}",
        main_of(&roadmap)
    );
    let board = p.read("public/board.html");
    assert!(
        main_of(&board).contains("Team templates</a> <span class=\"badge blocked\">Blocked</span>"),
        "{}",
        main_of(&board)
    );
    let page = p.read("public/backlog/team-templates.html");
    let main = main_of(&page);
    assert!(
        main.contains("Waits for <a href=\"../backlog/billing-export.html\">Billing export</a>"),
        "{main}"
    );
    assert!(main.contains("<dt>Depends on</dt>"), "{main}");
    let other = p.read("public/backlog/billing-export.html");
    assert!(main_of(&other).contains(
        "<dt>Needed by</dt><dd><a href=\"../backlog/team-templates.html\">Team templates</a>"
    ));
}

#[test]
fn work_that_is_under_way_unblocks_and_a_custom_note_replaces_the_default() {
    let started = NOT_STARTED
        .replace("+++\n", "")
        .replace("first-week\"", "first-week\"\nstatus = \"in-progress\"");
    let started = format!("+++\n{started}+++\n");
    let (p, _) = with_roadmap(
        &[
            ("content/backlog/team-templates.md", WAITING),
            ("content/backlog/billing-export.md", &started),
        ],
        Some("[roadmap]\nnote = \"Now is committed; Later is a guess.\""),
    );
    let main = p.read("public/roadmap.html");
    assert!(main.contains("Now is committed; Later is a guess."));
    assert!(!main.contains("A roadmap is not a promise"));
    assert!(main.contains("Nothing is blocked"), "{}", main_of(&main));
}

#[test]
fn a_done_item_with_a_horizon_is_a_warning() {
    let done = "+++\ntitle = \"Old work\"\nlevel = \"mmf\"\nparent = \"first-week\"\nstatus = \"done\"\nhorizon = \"next\"\n+++\n";
    let (_, out) = with_roadmap(&[("content/backlog/old-work.md", done)], None);
    let err = stderr(&out);
    assert!(err.contains("a done item has a horizon"), "{err}");
    assert!(err.contains("content/backlog/old-work.md:6:11"), "{err}");
}

const BET: &str = "+++\ntitle = \"Teams import a spreadsheet first\"\nimportance = 5\nevidence = 1\nserves = [\"activation\"]\nunderlies = [\"guided-setup\"]\ntest = \"Fake-door import button\"\n+++\n\nWhat we heard in interviews.\n";
const WRONG: &str = "+++\ntitle = \"Teams read the manual\"\nstatus = \"invalidated\"\nimportance = 3\nevidence = 4\nunderlies = [\"invite-teammates\"]\nlearned = 2026-10-12\n+++\n";

#[test]
fn the_assumptions_page_maps_importance_against_evidence_and_names_test_first() {
    let (p, _) = with_roadmap(
        &[
            ("content/assumptions/spreadsheet-first.md", BET),
            ("content/assumptions/manual.md", WRONG),
        ],
        None,
    );
    let html = p.read("public/assumptions/index.html");
    let main = main_of(&html);
    assert!(main.contains("<svg class=\"assumption-map\""), "{main}");
    assert!(main.contains(">Test first</text>"), "the quadrant is named");
    assert!(
        main.contains("<a href=\"../assumptions/spreadsheet-first.html\" aria-label"),
        "points link to the pages"
    );
    assert!(
        main.contains("<td>5</td><td>1</td><td>Untested</td><td>Test first</td>"),
        "{main}"
    );
    assert!(main.contains("Untested bets: test first"));
    assert!(
        main.contains("id=\"status-invalidated\""),
        "lists by status"
    );
    let page = p.read("public/assumptions/spreadsheet-first.html");
    let page = main_of(&page);
    assert!(
        page.contains("Fake-door import button") && page.contains("5 of 5"),
        "{page}"
    );
    assert!(
        page.contains("Work: <a href=\"../backlog/guided-setup.html\">"),
        "{page}"
    );
    let item = p.read("public/backlog/guided-setup.html");
    assert!(main_of(&item).contains("Assumptions it rests on"));
    assert!(main_of(&item).contains("Teams import a spreadsheet first</a> <span class=\"badge assumption-status status-untested\">Untested</span>"));
    let goal = p.read("public/goals/activation.html");
    assert!(main_of(&goal).contains("Teams import a spreadsheet first</a> <span class=\"badge assumption-status status-untested\">Untested</span>"));
    let home = p.read("public/index.html");
    assert!(
        home.contains("href=\"assumptions/index.html\""),
        "one click from home"
    );
}

#[test]
fn leaps_of_faith_and_invalidated_assumptions_are_health_findings() {
    let (p, out) = with_roadmap(
        &[
            ("content/assumptions/spreadsheet-first.md", BET),
            ("content/assumptions/manual.md", WRONG),
        ],
        None,
    );
    let err = stderr(&out);
    assert!(err.contains("1 leap of faith"), "{err}");
    assert!(err.contains("1 item on an invalidated assumption"), "{err}");
    let home = p.read("public/index.html");
    assert!(
        home.contains("is in progress on a leap of faith"),
        "{}",
        main_of(&home)
    );
    assert!(home.contains("which was invalidated"));
}

#[test]
fn a_private_assumption_leaves_no_trace_in_a_public_build() {
    let secret = BET.replace("importance = 5", "private = true\nimportance = 5");
    let p = starter();
    p.write("content/assumptions/spreadsheet-first.md", &secret);
    let out = p.cairn(&["build", "--today", "2026-11-22", "--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !p.root()
            .join("public/assumptions/spreadsheet-first.html")
            .exists()
    );
    for page in [
        "public/assumptions/index.html",
        "public/backlog/guided-setup.html",
        "public/search-index.json",
    ] {
        if p.root().join(page).exists() {
            assert!(!p.read(page).contains("spreadsheet first"), "{page}");
        }
    }
}
