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
