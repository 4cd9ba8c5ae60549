//! Property test: random portals, valid and broken, through the real
//! pipeline. Whatever the input: no panic; either a site, or diagnostics
//! that each name a file that exists with a position inside its text; and
//! a failed build leaves the output folder as it was.

use std::fs;
use std::path::Path;

use cairn::diagnostics::Diagnostics;
use cairn::load::session::Session;
use cairn::pipeline::{self, Options};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

mod public;

/// One document: its path under content/ and its text.
type Doc = (String, String);

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("activation".to_string()),
        Just("retention".to_string()),
        Just("idea-1".to_string()),
        Just("mmf-1".to_string()),
        Just("story-1".to_string()),
        Just("dana".to_string()),
        Just("t-1".to_string()),
        "[a-z]{1,8}",
        "[A-Za-z0-9 _\\-\\.\"'<>/]{0,12}",
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        word().prop_map(|w| format!("{w:?}")),
        prop::collection::vec(word(), 0..4).prop_map(|ws| format!(
            "[{}]",
            ws.iter()
                .map(|w| format!("{w:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        (-3i64..9).prop_map(|n| n.to_string()),
        Just("true".to_string()),
        Just("2026-10-30".to_string()),
        Just("2026-13-40".to_string()),
        Just("\"2026-10-30\"".to_string()),
        "[ -~]{0,10}",
    ]
}

const KEYS: &[&str] = &[
    "title",
    "statement",
    "target_group",
    "name",
    "role",
    "power",
    "interest",
    "level",
    "parent",
    "serves",
    "status",
    "priority",
    "date",
    "decided_by",
    "supersedes",
    "requested_by",
    "tradeoffs",
    "estimate",
    "audience",
    "draft",
    "private",
    "cadence_days",
    "last_contact",
    "engagement",
    "serve",
    "levle",
];

/// Front matter that is mostly right: the keys a kind needs, each value
/// sometimes wrong, sometimes a stray key.
fn front(kind: &'static str) -> impl Strategy<Value = String> {
    let base: &[(&str, &str)] = match kind {
        "vision" => &[
            ("title", "\"V\""),
            ("statement", "\"S\""),
            ("target_group", "\"T\""),
        ],
        "stakeholders" => &[
            ("name", "\"Dana\""),
            ("role", "\"buyer\""),
            ("power", "4"),
            ("interest", "5"),
            ("cadence_days", "14"),
            ("last_contact", "2026-10-01"),
        ],
        "tradeoffs" => &[
            ("title", "\"T\""),
            ("status", "\"accepted\""),
            ("date", "2026-09-14"),
            ("serves", "[\"activation\"]"),
        ],
        "idea" => &[
            ("title", "\"I\""),
            ("level", "\"idea\""),
            ("serves", "[\"activation\"]"),
            ("estimate", "3"),
        ],
        "mmf" => &[
            ("title", "\"M\""),
            ("level", "\"mmf\""),
            ("parent", "\"idea-1\""),
            ("status", "\"done\""),
        ],
        "story" => &[
            ("title", "\"S\""),
            ("level", "\"story\""),
            ("parent", "\"mmf-1\""),
            ("requested_by", "[\"dana\"]"),
        ],
        _ => &[
            ("title", "\"U\""),
            ("date", "2026-10-31"),
            ("audience", "[\"dana\"]"),
        ],
    };
    let base: Vec<(String, String)> = base
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    (
        prop::collection::vec((prop::bool::weighted(0.04), value()), base.len()),
        (prop::bool::weighted(0.05), prop::sample::select(KEYS), value())
            .prop_map(|(stray, k, v)| if stray { vec![(k, v)] } else { Vec::new() }),
        any::<bool>(),
    )
        .prop_map(move |(changes, extra, tables)| {
            let mut out = String::new();
            for ((k, v), (replace, new)) in base.iter().zip(changes) {
                out.push_str(&format!("{k} = {}\n", if replace { new } else { v.clone() }));
            }
            for (k, v) in extra {
                out.push_str(&format!("{k} = {v}\n"));
            }
            if kind == "vision" {
                out.push_str("\n[[goals]]\nid = \"activation\"\ntitle = \"A\"\n");
                if tables {
                    out.push_str("\n[[goals]]\nid = \"retention\"\ntitle = \"R\"\n");
                }
            }
            if kind == "tradeoffs" {
                out.push_str("\n[[options]]\nname = \"A\"\nchosen = true\ncod_per_week = 10\nduration_weeks = 2\n");
                if tables {
                    out.push_str("\n[[options]]\nname = \"B\"\ncod_per_week = 30\nduration_weeks = 1\n");
                }
            }
            out
        })
}

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just(String::new()),
        6 => Just("## Scope\n\nText with [the vision](@/vision.md) and **bold** words.\n\n- [ ] a task\n".to_string()),
        2 => Just("<details><summary>x</summary><script>alert(1)</script></details>\n".to_string()),
        1 => Just("A [bad link](@/backlog/nope.md#x).\n".to_string()),
        1 => "[ -~\n#>*\\[\\]()@/]{0,80}",
    ]
}

fn doc(path: &'static str, kind: &'static str) -> impl Strategy<Value = Doc> {
    (front(kind), body(), 0u8..100).prop_map(move |(front, body, damage)| {
        let text = match damage {
            0 => format!("+++\n{front}"),                     // unclosed
            1 => format!("{front}+++\n{body}"),               // no opening fence
            2 => format!("+++\n{front}\n= = =\n+++\n{body}"), // bad TOML
            3 => format!(
                "\u{feff}+++\r\n{}+++\r\n{body}",
                front.replace('\n', "\r\n")
            ),
            _ => format!("+++\n{front}+++\n{body}"),
        };
        (path.to_string(), text)
    })
}

fn portal() -> impl Strategy<Value = Vec<Doc>> {
    (
        doc("vision.md", "vision"),
        prop::collection::vec(doc("stakeholders/dana.md", "stakeholders"), 0..2),
        prop::collection::vec(doc("tradeoffs/t-1.md", "tradeoffs"), 0..2),
        doc("backlog/idea-1.md", "idea"),
        doc("backlog/mmf-1.md", "mmf"),
        doc("backlog/sub/story-1.md", "story"),
        prop::collection::vec(doc("updates/u.md", "updates"), 0..2),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(v, s, t, i, m, st, u, dup)| {
            let mut all = vec![v, i, m, st];
            all.extend(s);
            all.extend(t);
            all.extend(u);
            if dup {
                all.push((
                    "backlog/other/story-1.md".into(),
                    "+++\ntitle = \"Dup\"\nlevel = \"story\"\n+++\n".into(),
                ));
            }
            all
        })
}

fn write_portal(root: &Path, docs: &[Doc]) {
    let _ = fs::remove_dir_all(root.join("content"));
    fs::write(root.join("cairn.toml"), "title = \"Random\"\n").unwrap();
    for (path, text) in docs {
        let file = root.join("content").join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
}

/// Every diagnostic points into a real file, inside its text.
fn check_locations(
    root: &Path,
    session: &Session,
    diags: &Diagnostics,
) -> Result<(), TestCaseError> {
    for d in diags.iter() {
        match &d.location {
            Some(l) => {
                let text = session.sources.text(l.file);
                prop_assert!(
                    l.span.start <= l.span.end && l.span.end <= text.len(),
                    "span {:?} outside {} ({})",
                    l.span,
                    session.sources.path(l.file),
                    d.message
                );
                prop_assert!(
                    text.is_char_boundary(l.span.start) && text.is_char_boundary(l.span.end)
                );
                let shown = session.sources.path(l.file);
                prop_assert!(
                    Path::new(shown).exists(),
                    "{shown} does not exist ({})",
                    d.message
                );
            }
            None => {
                let path = d.path_hint.as_deref().unwrap_or("");
                let missing_vision = d.message == "the portal has no vision";
                prop_assert!(
                    missing_vision || Path::new(path).exists(),
                    "{path} does not exist ({})",
                    d.message
                );
            }
        }
    }
    let _ = root;
    Ok(())
}

#[test]
fn random_portals_never_panic_and_every_problem_points_into_a_real_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let cases: u32 = std::env::var("CAIRN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4000);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    // The built-in theme, loaded once: it does not change between cases.
    let theme = cairn::render::theme::load(&root, None, None)
        .unwrap_or_else(|_| panic!("the built-in theme loads"));
    let (built, failed) = (std::cell::Cell::new(0u32), std::cell::Cell::new(0u32));
    runner
        .run(&portal(), |docs| {
            write_portal(&root, &docs);
            let session = Session::open(&root).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let options = Options {
                root: root.clone(),
                include_drafts: false,
                public: false,
                today: jiff::civil::date(2026, 11, 22),
                base_url: None,
            };
            let mut diags = Diagnostics::default();
            let portal = pipeline::resolve_portal(&session, &options, &mut diags);
            check_locations(&root, &session, &diags)?;
            if diags.has_errors() {
                failed.set(failed.get() + 1);
                if std::env::var_os("CAIRN_PROPTEST_DEBUG").is_some() {
                    let first = diags
                        .iter()
                        .find(|d| d.severity == cairn::diagnostics::Severity::Error)
                        .unwrap();
                    eprintln!("FAIL {}", first.message);
                }
            } else {
                let Some(portal) = portal else {
                    return Err(TestCaseError::fail("no errors but no portal"));
                };
                let pages = cairn::render::render(&portal, &theme)
                    .map_err(|e| TestCaseError::fail(format!("{:?}", e[0].message)))?;
                prop_assert!(pages.iter().any(|p| p.path == "index.html"));
                built.set(built.get() + 1);
            }
            // Rendering the report must work too.
            let _ = cairn::diagnostics::to_text(&diags, &session.sources, false);
            Ok(())
        })
        .unwrap();
    // Both outcomes must be exercised, or the generator is broken.
    let (built, failed) = (built.get(), failed.get());
    assert!(
        built > cases / 50 && failed > cases / 50,
        "built {built}, failed {failed} of {cases}"
    );
}

#[test]
fn a_failed_build_leaves_the_output_folder_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let mut runner = TestRunner::new(Config {
        cases: 40,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&portal(), |docs| {
            write_portal(&root, &docs);
            let out = root.join("public");
            let _ = fs::remove_dir_all(&out);
            fs::create_dir_all(&out).unwrap();
            fs::write(out.join(".cairn-output"), "").unwrap();
            fs::write(out.join("index.html"), "previous build").unwrap();
            let run = crate::support::cairn_in(&root, &["build", "--today", "2026-11-22"]);
            let code = run.status.code();
            prop_assert!(
                code == Some(0) || code == Some(1),
                "exit {code:?}: {}",
                String::from_utf8_lossy(&run.stderr)
            );
            if code == Some(1) {
                prop_assert_eq!(
                    fs::read_to_string(out.join("index.html")).unwrap(),
                    "previous build"
                );
                prop_assert_eq!(fs::read_dir(&out).unwrap().count(), 2);
            } else {
                prop_assert!(
                    fs::read_to_string(out.join("index.html"))
                        .unwrap()
                        .contains("<!DOCTYPE html>")
                );
            }
            Ok(())
        })
        .unwrap();
}
