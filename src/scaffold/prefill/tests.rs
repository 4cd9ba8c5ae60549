use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::*;
use crate::history::Subject;

fn change(path: &str, title: &str, what: What) -> Change {
    let (subject, id) = Subject::of(path).unwrap();
    Change {
        time: 0,
        seq: Some(0),
        date: Date::constant(2026, 11, 4),
        uncommitted: false,
        author: None,
        path: path.into(),
        subject,
        id,
        title: title.into(),
        gone: false,
        what,
    }
}

fn done() -> What {
    What::Status {
        from: "ready".into(),
        to: "done".into(),
    }
}

fn targets(paths: &[&str], goals: &[&str]) -> Targets {
    Targets {
        documents: paths.iter().map(|p| p.to_string()).collect(),
        goals: goals.iter().map(|g| g.to_string()).collect(),
    }
}

/// The links of `markdown` as CommonMark reads it: destination and text.
fn links(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                open = Some((dest_url.to_string(), String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut open {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Link) => out.extend(open.take()),
            Event::Start(_) | Event::InlineHtml(_) | Event::Html(_) if open.is_some() => {
                panic!("markup inside the link text: {event:?} in {markdown}")
            }
            _ => {}
        }
    }
    out
}

#[test]
fn a_title_with_markdown_characters_reads_as_written_in_one_link() {
    let hostile = [
        "Plain",
        "A ] closes [ opens",
        "*bold* _em_ `code` ~~gone~~",
        "<script>alert(1)</script> & &amp; <b>",
        "[x](javascript:alert(1)) ![img](/a.png)",
        "back\\slash\\",
        "# not a heading {#id} | a | b |",
        "two\nlines\r\nthree",
    ];
    for title in hostile {
        let c = change("backlog/x.md", title, done());
        let md = markdown(&[&c], &targets(&["backlog/x.md"], &[]), "1 Nov 2026");
        let found = links(&md);
        let expected = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let read: Vec<(String, String)> = found
            .into_iter()
            .map(|(d, t)| (d, t.split_whitespace().collect::<Vec<_>>().join(" ")))
            .collect();
        assert_eq!(read, [("@/backlog/x.md".to_string(), expected)], "{md}");
    }
}

#[test]
fn only_what_the_build_has_is_linked() {
    let kept = change("backlog/kept.md", "Kept", done());
    let gone = change("backlog/gone.md", "Gone", done());
    let removed = change("backlog/kept.md", "Kept", What::Removed);
    let reading = change(
        "vision.md",
        "Vision",
        What::Reading {
            goal: "activation".into(),
            goal_title: "Activation".into(),
            reading: "42 %".into(),
        },
    );
    let old_goal = change(
        "vision.md",
        "Vision",
        What::Reading {
            goal: "dropped-goal".into(),
            goal_title: "Dropped".into(),
            reading: "1".into(),
        },
    );
    let spaced = change("backlog/Q3 (plans)/x.md", "Spaced", done());
    let all = [&kept, &gone, &removed, &reading, &old_goal, &spaced];
    let t = targets(
        &["backlog/kept.md", "backlog/Q3 (plans)/x.md"],
        &["activation"],
    );
    let md = markdown(&all, &t, "1 Nov 2026");
    let dests: Vec<String> = links(&md).into_iter().map(|(d, _)| d).collect();
    assert_eq!(
        dests,
        [
            "@/backlog/kept.md",
            "/goals/activation.html",
            "@/backlog/Q3 (plans)/x.md"
        ],
        "{md}"
    );
    assert!(
        md.starts_with("What changed since 1 Nov 2026:\n\n## Week of 2 Nov 2026\n\n"),
        "{md}"
    );
    assert!(
        md.contains("- 2026-11-04: Backlog item Gone: status moved from ready to done\n"),
        "{md}"
    );
}

#[test]
fn no_changes_is_one_line_and_authors_are_escaped() {
    assert_eq!(
        markdown(&[], &Targets::default(), "31 Oct 2026"),
        "No changes since 31 Oct 2026.\n"
    );
    let mut c = change("backlog/x.md", "X", done());
    c.author = Some(Arc::from("*Ada*"));
    let md = markdown(&[&c], &Targets::default(), "31 Oct 2026");
    assert!(md.contains("(\\*Ada\\*)"), "{md}");
}
