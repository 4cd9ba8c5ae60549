//! Publishing: GitHub annotations, and the recipes of docs/publishing.md
//! run as written.

use crate::support::{cairn_in, copy_dir, starter, stdout};

/// Undoes the Actions toolkit's escaping.
fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// `::error file=…,line=…::message` -> (command, properties, message).
fn parse_annotation(line: &str) -> (String, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").expect("starts with ::");
    let (head, message) = rest.split_once("::").expect("has a message");
    let (command, props) = head.split_once(' ').unwrap_or((head, ""));
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_string(), unescape(v))
        })
        .collect();
    assert!(!message.contains(['\n', '\r']), "raw newline in {line:?}");
    (command.to_string(), props, unescape(message))
}

#[test]
fn github_annotations_survive_commas_colons_percents_and_newlines_in_paths() {
    let p = starter();
    // The portal folder's name is part of every path shown.
    let parent = tempfile::tempdir().unwrap();
    let name = "team, a: 100%";
    copy_dir(p.root(), &parent.path().join(name));
    let root = parent.path().join(name);
    let story = root.join("content/backlog/guided-setup.md");
    let text = std::fs::read_to_string(&story).unwrap();
    std::fs::write(
        &story,
        text.replace("priority = \"must\"", "priority = \"shuld\""),
    )
    .unwrap();
    std::fs::write(
        root.join("content/stakeholders/sam.md"),
        std::fs::read_to_string(root.join("content/stakeholders/sam.md"))
            .unwrap()
            .replace("power = ", "power = 9 #"),
    )
    .unwrap();

    let out = cairn_in(parent.path(), &["check", name, "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    let errors: Vec<_> = lines
        .iter()
        .map(|l| parse_annotation(l))
        .filter(|(c, _, _)| c == "error")
        .collect();
    assert_eq!(errors.len(), 2, "{lines:#?}");
    for (_, props, _) in &errors {
        let get = |k: &str| {
            props
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        let file = get("file").expect("file");
        assert!(
            parent.path().join(&file).is_file(),
            "{file} is the real file"
        );
        assert!(get("line").unwrap().parse::<usize>().unwrap() > 1);
        assert!(get("col").unwrap().parse::<usize>().unwrap() >= 1);
    }
    let (_, props, message) = &errors[0];
    assert!(props.contains(&(
        "file".into(),
        format!("{name}/content/backlog/guided-setup.md")
    )));
    assert!(props.contains(&("line".into(), "6".into())));
    assert!(
        message.contains("\nhelp: did you mean `should`"),
        "{message:?}"
    );
}
