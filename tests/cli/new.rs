//! `cairn new`: what it writes builds, and what it refuses it names.

use crate::support::{Portal, stderr, stdout};

fn new(p: &Portal, args: &[&str]) -> std::process::Output {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    p.cairn(&all)
}

#[test]
fn every_kind_it_writes_builds_without_errors_or_warnings() {
    let p = Portal::copy_of("content-example");
    let made = [
        (
            vec![
                "idea",
                "n-idea",
                "--serves",
                "retention",
                "--with",
                "maria-delgado",
            ],
            "content/backlog/n-idea.md",
        ),
        (
            vec![
                "mmf",
                "n-mmf",
                "--parent",
                "n-idea",
                "--title",
                "A \"quoted\" title # not a comment",
            ],
            "content/backlog/n-mmf.md",
        ),
        (
            vec![
                "story",
                "n-story",
                "--parent",
                "n-mmf",
                "--serves",
                "full-days",
                "retention",
            ],
            "content/backlog/n-story.md",
        ),
        (
            vec![
                "decision",
                "n-decision",
                "--serves",
                "retention",
                "--with",
                "maria-delgado",
            ],
            "content/tradeoffs/n-decision.md",
        ),
        (
            vec!["stakeholder", "n-person", "--title", "Noor Haddad"],
            "content/stakeholders/n-person.md",
        ),
        (
            vec![
                "update",
                "n-update",
                "--audience",
                "maria-delgado",
                "ray-okafor",
            ],
            "content/updates/n-update.md",
        ),
        (
            vec!["assumption", "n-bet", "--serves", "retention"],
            "content/assumptions/n-bet.md",
        ),
    ];
    for (args, path) in &made {
        let out = new(&p, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out).trim(), *path, "prints the path");
    }
    let check = p.cairn(&["check", "--deny-warnings"]);
    assert!(check.status.success(), "{}", stderr(&check));
    // And the pages show what was given.
    let build = p.cairn(&["build", "-o", "out"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        p.read("out/backlog/n-mmf.html")
            .contains("A &quot;quoted&quot; title # not a comment")
    );
    assert!(
        p.read("out/stakeholders/n-person.html")
            .contains("Noor Haddad")
    );
}

#[test]
fn an_update_is_dated_today_and_optional_keys_are_explained() {
    let p = Portal::copy_of("content-example");
    assert!(new(&p, &["update", "december"]).status.success());
    let text = p.read("content/updates/december.md");
    assert!(text.contains("date = 2026-11-22"), "{text}");
    assert!(text.contains("title = \"December\""), "{text}");
    assert!(text.contains("# private = true"), "{text}");
    assert!(
        new(&p, &["story", "s2", "--serves", "retention"])
            .status
            .success()
    );
    let story = p.read("content/backlog/s2.md");
    assert!(story.contains("# priority = \"should\""), "{story}");
    assert!(story.contains("must | should | could | wont"), "{story}");
    assert!(new(&p, &["stakeholder", "noor-haddad"]).status.success());
    assert!(
        p.read("content/stakeholders/noor-haddad.md")
            .contains("name = \"Noor Haddad\"")
    );
}

#[test]
fn an_existing_id_is_refused_and_the_file_named() {
    let p = Portal::copy_of("content-example");
    let before = p.read("content/backlog/csv-import.md");
    let out = new(&p, &["story", "csv-import", "--serves", "retention"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("already exists: content/backlog/csv-import.md"),
        "{}",
        stderr(&out)
    );
    assert_eq!(p.read("content/backlog/csv-import.md"), before);
    // In a subfolder too: ids ignore subfolders.
    let sub = std::fs::read_dir(p.path("content/stakeholders/customers"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let id = sub
        .file_name()
        .to_string_lossy()
        .trim_end_matches(".md")
        .to_string();
    let out = new(&p, &["stakeholder", &id]);
    assert!(
        stderr(&out).contains(&format!("content/stakeholders/customers/{id}.md")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn misspelt_ids_are_refused_with_did_you_mean() {
    let p = Portal::copy_of("content-example");
    for (args, says) in [
        (
            vec!["story", "x", "--serves", "retenton"],
            "did you mean `retention`?",
        ),
        (
            vec!["story", "x", "--parent", "customer-imports"],
            "did you mean `customer-import`?",
        ),
        (
            vec!["update", "x", "--audience", "maria-delgadoo"],
            "did you mean `maria-delgado`?",
        ),
        (vec!["story", "x"], "must trace to a goal"),
        (
            vec!["idea", "x", "--parent", "customer-import"],
            "`--parent` does not apply to an idea",
        ),
        (
            vec!["mmf", "x", "--parent", "csv-import"],
            "cannot sit under `csv-import`",
        ),
        (vec!["story", "Bad Id", "--serves", "retention"], "`bad-id`"),
        (vec!["story", "index", "--serves", "retention"], "list page"),
    ] {
        let out = new(&p, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    assert!(!p.path("content/backlog/x.md").exists());
}

#[test]
fn completion_scripts_name_every_command_and_bash_reads_its_own() {
    let p = Portal::copy_of("tests/fixtures/base");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = p.cairn(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for word in [
            "build",
            "check",
            "serve",
            "new",
            "stakeholder",
            "deny-warnings",
        ] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
    }
    let bash = stdout(&p.cairn(&["completions", "bash"]));
    let syntax = std::process::Command::new("bash")
        .args(["-n", "-c", &bash])
        .output();
    if let Ok(syntax) = syntax {
        assert!(syntax.status.success(), "{}", stderr(&syntax));
    }
    let out = p.cairn(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}
