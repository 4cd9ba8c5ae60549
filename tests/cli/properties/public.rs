//! Property test of public builds, with a leak oracle: random portals of
//! documents that refer to each other in every way the content model
//! allows, some of them private. Whatever the mix, a public build succeeds
//! and no output file holds any private document's title, body, page path,
//! a public stakeholder's private fields, or how the team rates and chases
//! people.

use std::fs;
use std::path::Path;

use cairn::pipeline::{self, Options, Target};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// One generated document: where it goes, its text, whether it is private
/// itself, its parent (items), and the markers only it holds.
#[derive(Debug, Clone)]
struct Gen {
    path: String,
    page: String,
    text: String,
    private: bool,
    parent: Option<usize>,
    /// Markers of its title and body.
    markers: Vec<String>,
    /// Markers of private fields (a stakeholder's motivations, risks and
    /// notes), never shown publicly even when the document is.
    private_fields: Vec<String>,
}

fn pick(ids: &[&str], mask: u8) -> String {
    let chosen: Vec<String> = ids
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, id)| format!("{id:?}"))
        .collect();
    format!("[{}]", chosen.join(", "))
}

/// Markers are lowercase single words, so that the search index, which
/// lowercases and splits words, holds them whole if at all.
fn marker(kind: char, i: usize, field: char) -> String {
    format!("qz{kind}{i}{field}x7")
}

const PEOPLE: [&str; 3] = ["p-0", "p-1", "p-2"];

/// Documents from flags: which are private, who refers to whom, and where
/// bodies link.
fn portal() -> impl Strategy<Value = Vec<Gen>> {
    (
        prop::collection::vec(any::<bool>(), 14),
        prop::collection::vec(any::<u8>(), 14),
        prop::collection::vec(0usize..14, 14),
    )
        .prop_map(|(private, refs, links)| {
            let mut docs: Vec<Gen> = Vec::new();
            let mut add = |path: String, page: String, kind: char, front: String, parent| {
                let i = docs.len();
                let title = marker(kind, i, 't');
                let body = marker(kind, i, 'b');
                let mut fields = Vec::new();
                let mut front = front.replace("TITLE", &format!("Title {title}"));
                if kind == 's' {
                    let (m, r) = (marker(kind, i, 'm'), marker(kind, i, 'r'));
                    front.push_str(&format!("motivations = [\"{m}\"]\nrisks = [\"{r}\"]\n"));
                    fields = vec![m, r, body.clone()];
                }
                if private[i] {
                    // Before any `[[options]]` table.
                    front.insert_str(0, "private = true\n");
                }
                docs.push(Gen {
                    path,
                    page,
                    text: format!("+++\n{front}+++\nThe {body} text. See @LINK.\n"),
                    private: private[i],
                    parent,
                    markers: vec![title, body],
                    private_fields: fields,
                });
            };
            for (n, id) in PEOPLE.iter().enumerate() {
                add(
                    format!("stakeholders/{id}.md"),
                    format!("stakeholders/{id}.html"),
                    's',
                    format!("name = \"TITLE\"\nrole = \"buyer\"\npower = {}\ninterest = 4\ncadence_days = 14\nlast_contact = 2026-10-01\n", n + 3),
                    None,
                );
            }
            let r = |i: usize| refs[i] & 0b111;
            for k in 0..2 {
                add(format!("backlog/idea-{k}.md"), format!("backlog/idea-{k}.html"), 'i',
                    format!("title = \"TITLE\"\nlevel = \"idea\"\nserves = [\"activation\"]\nrequested_by = {}\n", pick(&PEOPLE, r(3 + k))), None);
            }
            for k in 0..2 {
                let parent = refs[5 + k] as usize % 2;
                add(format!("backlog/mmf-{k}.md"), format!("backlog/mmf-{k}.html"), 'm',
                    format!("title = \"TITLE\"\nlevel = \"mmf\"\nparent = \"idea-{parent}\"\nstatus = \"done\"\nestimate = 2\n"), Some(3 + parent));
            }
            for k in 0..3 {
                let parent = refs[7 + k] as usize % 2;
                add(format!("backlog/story-{k}.md"), format!("backlog/story-{k}.html"), 'y',
                    format!("title = \"TITLE\"\nlevel = \"story\"\nparent = \"mmf-{parent}\"\nrequested_by = {}\n", pick(&PEOPLE, r(7 + k))), Some(5 + parent));
            }
            for k in 0..2 {
                let supersedes = if k == 1 && refs[10] & 8 != 0 { "supersedes = [\"t-0\"]\n" } else { "" };
                add(format!("tradeoffs/t-{k}.md"), format!("tradeoffs/t-{k}.html"), 't',
                    format!("title = \"TITLE\"\nstatus = \"accepted\"\ndate = 2026-09-1{k}\nserves = [\"activation\"]\ndecided_by = {}\nconsulted = {}\n{supersedes}\n[[options]]\nname = \"A\"\nchosen = true\n\n[[options]]\nname = \"B\"\n", pick(&PEOPLE, r(10 + k)), pick(&PEOPLE, refs[10 + k] >> 3)), None);
            }
            for k in 0..2 {
                add(format!("updates/u-{k}.md"), format!("updates/u-{k}.html"), 'u',
                    format!("title = \"TITLE\"\ndate = 2026-10-0{}\naudience = {}\n", k + 1, pick(&PEOPLE, r(12 + k))), None);
            }
            let paths: Vec<String> = docs.iter().map(|d| d.path.clone()).collect();
            for (d, &to) in docs.iter_mut().zip(&links) {
                d.text = d.text.replace("@LINK", &format!("[this](@/{})", paths[to]));
            }
            docs
        })
}

/// Whether a document is left out of a public build: private itself, or
/// below a private item.
fn left_out(docs: &[Gen], mut i: usize) -> bool {
    loop {
        if docs[i].private {
            return true;
        }
        match docs[i].parent {
            Some(p) => i = p,
            None => return false,
        }
    }
}

fn write(root: &Path, docs: &[Gen]) {
    let _ = fs::remove_dir_all(root.join("content"));
    fs::write(
        root.join("cairn.toml"),
        "title = \"Random\"\nbase_url = \"https://example.org/p/\"\n",
    )
    .unwrap();
    let vision = "+++\ntitle = \"V\"\nstatement = \"S\"\ntarget_group = \"T\"\n\n[[goals]]\nid = \"activation\"\ntitle = \"A\"\n+++\n";
    let all = docs
        .iter()
        .map(|d| (d.path.as_str(), d.text.as_str()))
        .chain([("vision.md", vision)]);
    for (path, text) in all {
        let file = root.join("content").join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
}

#[test]
fn public_builds_of_random_portals_leak_nothing_private_or_political() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let out = root.join("site");
    let cases: u32 = std::env::var("CAIRN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(150, |n| n / 20 + 1);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&portal(), |docs| {
            write(&root, &docs);
            let options = Options {
                root: root.clone(),
                include_drafts: false,
                public: true,
                today: jiff::civil::date(2026, 11, 22),
                base_url: None,
            };
            let target = Target::Folder {
                flag: Some(out.clone()),
                force: true,
                deny_warnings: false,
            };
            let run =
                pipeline::run(&options, &target).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let errors: Vec<&str> = run
                .diagnostics
                .iter()
                .filter(|d| d.severity == cairn::diagnostics::Severity::Error)
                .map(|d| d.message.as_str())
                .collect();
            prop_assert!(errors.is_empty(), "{errors:?}");
            let mut forbidden: Vec<String> = Vec::new();
            for (i, d) in docs.iter().enumerate() {
                forbidden.extend(d.private_fields.iter().cloned());
                if left_out(&docs, i) {
                    forbidden.extend(d.markers.iter().cloned());
                    forbidden.push(d.page.clone());
                }
            }
            forbidden.extend(
                [
                    "overdue",
                    "power",
                    "interest",
                    "manage closely",
                    "keep satisfied",
                    "portal health",
                ]
                .map(String::from),
            );
            for (path, bytes) in crate::support::snapshot(&out) {
                if path.extension().is_some_and(|e| e == "css") {
                    continue;
                }
                let text = String::from_utf8_lossy(&bytes).to_lowercase();
                // The 404 page inlines the stylesheet, which names classes.
                let text = match (text.find("<style>"), text.find("</style>")) {
                    (Some(a), Some(b)) => format!("{}{}", &text[..a], &text[b..]),
                    _ => text,
                };
                for f in &forbidden {
                    prop_assert!(!text.contains(f.as_str()), "{f} in {}", path.display());
                }
            }
            Ok(())
        })
        .unwrap();
}
