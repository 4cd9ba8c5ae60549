//! `docs/reference.md` against the loader: every key the loader accepts is
//! documented in its table's section, and every key documented there is
//! one the loader accepts (or is marked "not implemented").

use std::collections::BTreeMap;
use std::fs;

use cairn::load::keys::TABLES;

use crate::support::repo;

/// The keys in the first column of the tables of each section, by the
/// section's heading (without `#`, backticks or HTML entities).
fn documented() -> BTreeMap<String, Vec<(String, String)>> {
    let text = fs::read_to_string(repo().join("docs/reference.md")).expect("docs/reference.md");
    let mut sections: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut heading = String::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix('#') {
            heading = h
                .trim_start_matches('#')
                .trim()
                .replace('`', "")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            sections.entry(heading.clone()).or_default();
            continue;
        }
        let Some(row) = line.strip_prefix("| `") else {
            continue;
        };
        let Some((key, _)) = row.split_once("` |") else {
            continue;
        };
        sections
            .entry(heading.clone())
            .or_default()
            .push((key.to_string(), line.to_string()));
    }
    sections
}

#[test]
fn every_key_the_loader_accepts_is_in_the_reference() {
    let sections = documented();
    let mut missing = Vec::new();
    for table in TABLES {
        let Some(rows) = sections.get(table.heading) else {
            missing.push(format!("no section `{}` at all", table.heading));
            continue;
        };
        for key in table.keys {
            if !rows.iter().any(|(k, _)| k == key) {
                missing.push(format!(
                    "`{key}` of {} (section `{}`)",
                    table.what, table.heading
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/reference.md does not document:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn every_key_in_the_reference_is_accepted_by_the_loader() {
    let sections = documented();
    let mut wrong = Vec::new();
    for table in TABLES {
        let rows = sections.get(table.heading).map_or(&[][..], Vec::as_slice);
        for (key, line) in rows {
            let accepted = table.keys.contains(&key.as_str());
            let marked = line.contains("not implemented");
            if accepted == marked {
                wrong.push(format!(
                    "`{key}` in section `{}`: the loader {} it, the reference {}",
                    table.heading,
                    if accepted { "accepts" } else { "rejects" },
                    if marked {
                        "says it is not implemented"
                    } else {
                        "lists it"
                    }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_readme_links_the_reference_on_its_first_screen() {
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let first_screen: Vec<&str> = readme.lines().take(30).collect();
    assert!(
        first_screen
            .iter()
            .any(|l| l.contains("](docs/reference.md)")),
        "README.md's first 30 lines do not link docs/reference.md"
    );
}
