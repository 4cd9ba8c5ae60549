//! Page rules checked on `tests/fixtures/other` without a browser, so they
//! hold even where the browser checks are skipped.

use std::path::Path;

use crate::support::{Portal, stderr};

fn other_built(args: &[&str]) -> Portal {
    let p = Portal::copy_of("tests/fixtures/other");
    let mut all = vec!["build", "--today", "2026-11-22"];
    all.extend(args);
    let out = p.cairn(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    p
}

fn html_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

/// The levels of `<h1>`..`<h6>` in document order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(i, _)| {
            let b = html.as_bytes();
            let level = *b.get(i + 2)?;
            let after = *b.get(i + 3)?;
            ((b'1'..=b'6').contains(&level) && (after == b'>' || after == b' '))
                .then_some(level - b'0')
        })
        .collect()
}

#[test]
fn no_page_skips_a_heading_level() {
    let p = other_built(&[]);
    let mut files = Vec::new();
    html_files(&p.path("public"), &mut files);
    assert!(files.len() > 60);
    for file in files {
        let html = std::fs::read_to_string(&file).unwrap();
        let mut previous = 0;
        for level in heading_levels(&html) {
            assert!(
                level <= previous + 1,
                "{}: h{level} after h{previous}",
                file.display()
            );
            previous = level;
        }
    }
}

#[test]
fn a_shortened_map_label_is_the_start_of_its_points_accessible_name() {
    let p = other_built(&[]);
    let html = p.read("public/engagement.html");
    let mut shortened = 0;
    for point in crate::support::select(&html, "a.point[aria-label]") {
        let name = point.attr("aria-label").unwrap();
        let title = point.text_of("title").unwrap();
        let full = title.split(": power ").next().unwrap();
        let label = point.text_of("text").unwrap();
        let label = label.as_str();
        assert!(name.starts_with(label), "name {name:?} label {label:?}");
        assert!(name.ends_with(full), "name {name:?} full {full:?}");
        assert!(
            html.contains(&format!(">{full}</a></th>")),
            "{full} in the table"
        );
        shortened += usize::from(label != full);
    }
    assert!(shortened >= 3, "the fixture has shortened labels");
}

#[test]
fn the_404_page_finds_the_portal_root_by_itself_only_without_base_url() {
    let with = other_built(&[]);
    let html = with.read("public/404.html");
    assert!(html.contains("href=\"https://example.org/team/portal/index.html\""));
    assert!(
        !html.contains("<script"),
        "with base_url the links are absolute"
    );
    let without = Portal::copy_of("tests/fixtures/other");
    let toml = without.read("cairn.toml");
    let toml: String = toml
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    without.write("cairn.toml", &toml);
    assert!(without.cairn(&["build"]).status.success());
    let html = without.read("public/404.html");
    assert!(
        html.contains("href=\"/index.html\""),
        "works at the server's root without script"
    );
    assert!(
        html.contains("fetch(dir + '404.html'"),
        "finds a sub-path with script"
    );
}

#[test]
fn view_pages_are_found_by_search() {
    let p = other_built(&[]);
    let docs = p.read("public/search/docs.js");
    for (title, page) in [
        ("MoSCoW priorities", "moscow.html"),
        ("Board", "board.html"),
        ("Traceability", "traceability.html"),
        ("Engagement", "engagement.html"),
        ("Accepted decisions", "tradeoffs/status/accepted.html"),
    ] {
        assert!(
            docs.contains(&format!("[\"{title}\",\"{page}\",\"Page\"]")),
            "{page}: {docs}"
        );
    }
}
