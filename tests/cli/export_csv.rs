//! `cairn export --format csv`: the files read back in a spreadsheet's way,
//! cell for cell, with the columns of every kind.

use crate::support::{Portal, stderr};

#[test]
fn csv_files_read_back_cell_for_cell_with_formulas_defused() {
    let p = Portal::copy_of("content-example");
    let path = "content/backlog/csv-import.md";
    let tricky = "=HYPERLINK(\"x\"), a \"quoted\"; line";
    p.write(
        path,
        &p.read(path).replace(
            "title = \"Import customers from a CSV file\"",
            &format!("title = '{tricky}'"),
        ),
    );
    let out = p.cairn(&["export", "--format", "csv", "-o", "sheets"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in [
        "goals",
        "backlog",
        "decisions",
        "stakeholders",
        "updates",
        "assumptions",
        "conversations",
    ] {
        let bytes = std::fs::read(p.path(&format!("sheets/{file}.csv"))).unwrap();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "{file}: UTF-8 with a BOM for Excel"
        );
        assert!(std::str::from_utf8(&bytes).is_ok());
        let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
        let width = reader.headers().unwrap().len();
        for record in reader.records() {
            assert_eq!(
                record.unwrap().len(),
                width,
                "{file}: every row as wide as the header"
            );
        }
    }
    let bytes = std::fs::read(p.path("sheets/backlog.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = rows.iter().find(|r| &r[col("id")] == "csv-import").unwrap();
    assert_eq!(&row[col("title")], format!("'{tricky}"));
    assert_eq!(
        &row[col("trail")],
        "self-serve-onboarding > customer-import"
    );
    assert!(
        row[col("goals")]
            .split("; ")
            .any(|g| g == "self-serve-setup")
    );
    assert!(
        String::from_utf8_lossy(&bytes).contains("\r\n"),
        "RFC 4180 line ends"
    );
    for (id, column, want) in [
        ("card-on-site", "horizon", "now"),
        ("card-on-site", "confidence", "medium"),
        ("card-on-site", "blocked_by", "invoice-from-job"),
        ("card-on-site", "assumptions", "homeowners-pay-by-card"),
    ] {
        let row = rows.iter().find(|r| &r[col("id")] == id).unwrap();
        assert_eq!(&row[col(column)], want, "{id} {column}");
    }
    let sheet = |file: &str| -> Vec<std::collections::HashMap<String, String>> {
        let bytes = std::fs::read(p.path(&format!("sheets/{file}.csv"))).unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        reader.deserialize().map(Result::unwrap).collect()
    };
    let goals = sheet("goals");
    let goal = goals
        .iter()
        .find(|r| r["id"] == "self-serve-setup")
        .unwrap();
    assert_eq!(goal["unit"], "%");
    assert!(goal["readings"].starts_with("2026-06-30: 31; "));
    assert_eq!(goal["latest_reading"], "44");
    assert_eq!(goal["outcome"], "behind");
    let assumptions = sheet("assumptions");
    assert!(
        assumptions
            .iter()
            .any(|r| r["id"] == "homeowners-pay-by-card" && r["underlies"].contains("card-on-site"))
    );
    let conversations = sheet("conversations");
    assert_eq!(conversations.len(), 12);
    let talk = conversations
        .iter()
        .find(|r| r["id"] == "arrival-texts-workshop")
        .unwrap();
    assert_eq!(talk["with"], "jonas-berg; ray-okafor");
    let bytes = std::fs::read(p.path("sheets/decisions.csv")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.lines().next().unwrap().contains("chosen_option"));
    assert!(text.contains("QuickBooks Online first"));
}
