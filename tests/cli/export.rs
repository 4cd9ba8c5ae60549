//! `cairn export`: the JSON matches its schema and a public export holds
//! what a public build shows (the CSV files: `export_csv.rs`).

use std::collections::BTreeSet;

use crate::support::{Portal, repo, stderr, stdout};

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("docs/export.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn export_json(p: &Portal, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["export"];
    args.extend_from_slice(extra);
    let out = p.cairn(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

fn assert_valid(value: &serde_json::Value) {
    let errors: Vec<String> = schema()
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_json_export_of_the_example_matches_its_schema_in_every_mode() {
    let p = Portal::copy_of("content-example");
    for flags in [
        &[][..],
        &["--public"],
        &["--drafts"],
        &["--public", "--drafts"],
    ] {
        let value = export_json(&p, flags);
        assert_valid(&value);
        assert_eq!(value["version"], 1);
    }
    let full = export_json(&p, &[]);
    // Derived facts are there: trail, goals through the parent, CD3 ranks.
    let item = |id: &str| {
        full["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    let story = item("customer-signature");
    assert_eq!(
        story["trail"],
        serde_json::json!(["paid-on-site", "invoice-from-job"])
    );
    assert_eq!(story["goals"], serde_json::json!(["paid-same-day"]));
    assert!(item("paid-on-site")["progress"]["total"].as_u64().unwrap() > 0);
    let ranked = full["decisions"].as_array().unwrap().iter().any(|d| {
        d["options"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["cd3_rank"] == 1)
    });
    assert!(ranked, "CD3 ranks are exported");
    assert!(!full["health"].as_array().unwrap().is_empty());
}

fn find<'a>(value: &'a serde_json::Value, list: &str, id: &str) -> &'a serde_json::Value {
    value[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("{list}: no {id}"))
}

#[test]
fn the_json_export_holds_outcomes_the_roadmap_assumptions_and_the_engagement_log() {
    let p = Portal::copy_of("content-example");
    let full = export_json(&p, &[]);
    let goal = find(&full, "goals", "self-serve-setup");
    assert_eq!(goal["unit"], "%");
    assert_eq!(goal["readings"].as_array().unwrap().len(), 4);
    assert_eq!(goal["readings"][0]["date"], "2026-06-30");
    assert_eq!(goal["outcome"]["latest"]["value"], 44.0);
    assert_eq!(goal["outcome"]["state"], "behind");
    assert_eq!(
        goal["assumptions"],
        serde_json::json!(["trials-skip-onboarding-call"])
    );
    let item = find(&full, "items", "card-on-site");
    assert_eq!(item["horizon"], "now");
    assert_eq!(item["roadmap"], "now");
    assert_eq!(item["confidence"], "medium");
    assert_eq!(item["depends_on"], serde_json::json!(["invoice-from-job"]));
    assert_eq!(item["blocked_by"], serde_json::json!(["invoice-from-job"]));
    assert!(
        find(&full, "items", "invoice-from-job")["needed_by"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("card-on-site"))
    );
    let assumption = find(&full, "assumptions", "homeowners-pay-by-card");
    assert!(
        assumption["underlies"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("card-on-site"))
    );
    let conversations = full["conversations"].as_array().unwrap();
    assert_eq!(conversations.len(), 12);
    let talk = find(&full, "conversations", "arrival-texts-workshop");
    assert_eq!(
        talk["with"],
        serde_json::json!(["jonas-berg", "ray-okafor"])
    );
    assert_eq!(talk["mode"], "workshop");
    assert!(
        find(&full, "stakeholders", "jonas-berg")["conversations"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("arrival-texts-workshop"))
    );
    assert_eq!(
        find(&full, "conversations", "hollis-board-prep")["follow_up_owed"],
        true
    );
}

#[test]
fn the_schema_rejects_what_the_export_never_writes() {
    // A schema that accepts anything proves nothing.
    let p = Portal::copy_of("content-example");
    let mut value = export_json(&p, &[]);
    value["items"][0]["invented"] = serde_json::json!(1);
    assert!(!schema().is_valid(&value));
    let mut value = export_json(&p, &[]);
    value["items"][0]["status"] = serde_json::json!("finished");
    assert!(!schema().is_valid(&value));
    let mut value = export_json(&p, &[]);
    value["goals"][0]["outcome"]["state"] = serde_json::json!("fine");
    assert!(!schema().is_valid(&value));
    // Conversations are team notes: a public export with any is invalid.
    let conversations = export_json(&p, &[])["conversations"].clone();
    let mut value = export_json(&p, &["--public"]);
    assert!(schema().is_valid(&value));
    value["conversations"] = conversations;
    assert!(!schema().is_valid(&value));
}

#[test]
fn the_export_is_the_same_bytes_every_run() {
    let p = Portal::copy_of("content-example");
    let a = p.cairn(&["export"]);
    let b = p.cairn(&["export"]);
    assert_eq!(a.stdout, b.stdout);
    let value: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    for list in [
        "items",
        "decisions",
        "stakeholders",
        "updates",
        "assumptions",
        "conversations",
    ] {
        let paths: Vec<&str> = value[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].as_str().unwrap())
            .collect();
        assert!(paths.is_sorted(), "{list} in path order");
    }
}

/// Pages of a kind in a build folder, by id.
fn pages(dir: &std::path::Path, folder: &str) -> BTreeSet<String> {
    std::fs::read_dir(dir.join(folder))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".html")
                .filter(|n| *n != "index")
                .map(String::from)
        })
        .filter(|n| !n.contains('/'))
        .collect()
}

fn ids(value: &serde_json::Value, list: &str) -> BTreeSet<String> {
    value[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_public_export_holds_the_documents_a_public_build_shows_and_no_team_politics() {
    let p = Portal::copy_of("content-example");
    let build = p.cairn(&["build", "--public", "-o", "site"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let value = export_json(&p, &["--public"]);
    for (list, folder) in [
        ("stakeholders", "stakeholders"),
        ("decisions", "tradeoffs"),
        ("items", "backlog"),
        ("updates", "updates"),
        ("assumptions", "assumptions"),
    ] {
        assert_eq!(ids(&value, list), pages(&p.path("site"), folder), "{list}");
    }
    assert!(!p.path("site/conversations").exists());
    let text = serde_json::to_string(&value).unwrap();
    // No conversation, nor any list of them, nor a word of one.
    assert!(
        !text.contains("\"conversations\""),
        "conversations in a public export"
    );
    assert!(!text.contains("arrival-texts-workshop"));
    assert!(!text.contains("Arrival texts workshop"));
    assert!(!text.contains("hollis-capital") && !text.contains("Hollis"));
    for key in [
        "\"power\"",
        "\"interest\"",
        "\"engagement\"",
        "\"last_contact\"",
        "\"overdue\"",
        "\"health\"",
        "\"motivations\"",
        "\"risks\"",
    ] {
        assert!(!text.contains(key), "{key} in a public export");
    }
    let csv_out = p.cairn(&["export", "--public", "--format", "csv", "-o", "sheets"]);
    assert!(csv_out.status.success(), "{}", stderr(&csv_out));
    let header = p.read("sheets/stakeholders.csv");
    let header = header.lines().next().unwrap();
    for column in [
        "power",
        "interest",
        "engagement",
        "overdue",
        "motivations",
        "risks",
        "last_contact",
    ] {
        assert!(
            !header.split(',').any(|c| c == column),
            "{column} column in a public CSV"
        );
    }
    for file in [
        "goals",
        "backlog",
        "decisions",
        "stakeholders",
        "updates",
        "assumptions",
    ] {
        assert!(!p.read(&format!("sheets/{file}.csv")).contains("Hollis"));
    }
    assert!(
        !p.path("sheets/conversations.csv").exists(),
        "a public CSV export has no conversations file"
    );
}

#[test]
fn a_public_export_that_would_leak_private_text_fails_and_writes_nothing() {
    let p = Portal::copy_of("content-example");
    // A public item quotes a stakeholder's risk (private even when the
    // stakeholder is not), quotes and all: JSON and CSV escape quotes.
    let risk = "If the winter rush goes badly she will say so at the chapter meeting";
    let path = "content/stakeholders/customers/maria-delgado.md";
    p.write(
        path,
        &p.read(path)
            .replace(risk, "She will say \\\"no\\\" at the chapter meeting"),
    );
    p.write(
        "content/backlog/leaky.md",
        "+++\ntitle = 'Answer: She will say \"no\" at the chapter meeting'\nlevel = \"idea\"\nserves = [\"retention\"]\n+++\n",
    );
    for format in ["json", "csv"] {
        let out = p.cairn(&["export", "--public", "--format", format, "-o", "leak-out"]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(
            stderr(&out).contains("private text leaked"),
            "{format}: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("maria-delgado.md"),
            "{}",
            stderr(&out)
        );
        assert!(!p.path("leak-out").exists(), "{format}: nothing is written");
    }
}

#[test]
fn an_export_of_a_broken_portal_reports_the_errors_and_writes_nothing() {
    let p = Portal::copy_of("content-example");
    let path = "content/backlog/csv-import.md";
    p.write(
        path,
        &p.read(path)
            .replace("status = \"done\"", "status = \"finished\""),
    );
    let out = p.cairn(&["export", "-o", "out.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("finished"), "{}", stderr(&out));
    assert!(!p.path("out.json").exists());
    assert!(stdout(&out).is_empty());
    let out = p.cairn(&["export", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-o FOLDER"), "{}", stderr(&out));
}
