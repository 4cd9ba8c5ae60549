//! History read from repositories an attacker (or an accident) shaped:
//! folders nested deeper than the loader reads, tree objects git never
//! writes, control characters in old versions, thousands of documents
//! moved at once, documents that change kind or come back. The build
//! never fails on history and writes nothing the loader would refuse.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::history::{build, commit, git, item, output_texts, repository};
use crate::support::stderr;

/// Runs git in `dir` with `input` on its standard input; its output.
fn git_with_input(dir: &Path, args: &[&str], input: &[u8]) -> String {
    let mut child = Command::new("git")
        .args([
            "-c",
            "user.name=Ada Author",
            "-c",
            "user.email=ada@example.com",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_COMMITTER_DATE", "2026-10-05T12:00:00Z")
        .env("GIT_AUTHOR_DATE", "2026-10-05T12:00:00Z")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("git runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Every text file of the output holds none of `markers`.
fn nowhere_in_output(p: &crate::support::Portal, markers: &[&str]) {
    for (path, text) in output_texts(p) {
        for marker in markers {
            assert!(!text.contains(marker), "{marker:?} in {path}");
        }
    }
}

#[test]
fn a_folder_nested_deeper_than_the_loader_reads_in_an_old_commit_is_not_followed() {
    // 6,000 folders deep overflowed the stack of a walk that recursed per
    // level.
    let p = repository();
    let deep = format!("content/backlog/{}x.md", "d/".repeat(6_000));
    let shallow = format!("content/backlog/{}shallow.md", "d/".repeat(30));
    let (x, s) = (
        item("DEEP-MARKER", "ready", false),
        item("Thirty folders down", "ready", false),
    );
    let mut stream = String::from(
        "commit refs/heads/main\ncommitter A <a@x> 1791201600 +0000\ndata 4\ndeep\nfrom refs/heads/main^0\n",
    );
    for (path, text) in [(&deep, &x), (&shallow, &s)] {
        stream.push_str(&format!(
            "M 100644 inline {path}\ndata {}\n{text}\n",
            text.len()
        ));
    }
    stream.push_str(
        "commit refs/heads/main\ncommitter A <a@x> 1791288000 +0000\ndata 4\ngone\nD content/backlog/d\n\n",
    );
    git_with_input(p.root(), &["fast-import", "--quiet"], stream.as_bytes());
    git(p.root(), "2026-10-06", &["reset", "-q", "--hard"]);
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    // As deep as the loader reads, history follows; deeper, it does not.
    assert!(
        changes.contains("Thirty folders down: removed"),
        "{changes}"
    );
    assert!(!changes.contains("DEEP-MARKER"), "{changes}");
}

/// Tree objects no git writes (truncated, out of order, duplicate names,
/// garbage between entries), found by fuzzing the tree comparison.
const MALFORMED_TREES: &[&str] = &[
    "31303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c5313030363434207472756e632e6d64000102",
    "31303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f82c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420622e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c5343030303020782e6d640082a4f2fd15fa7ed0c8c44467dfe6940f993f88c531303036343420782e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c5313030363434207a2e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c5313030fd343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c5313030363434206d2e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c5",
    "31dd3036343420006261642e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420632e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c56761726261676520776974686f7574207370616365206f72206e756c6761726261676520776974686f7574207370616365206f72206e756c6761726261676520776974686f7574207370616365206f72206e756c31303036343420712e6d640082a4f2fd0efa7ed0c8c44467df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420622e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c5",
    "31dd3036343420006261640f6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420632e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c56761726261676520776974686f7574207370616365206f72206e756c6761726261676520776974686f7574207370616365206f72206e756c6761726261676534776974686f7574207370616365206f72206e756c31303036343420712e6d640082a4f2fd0efa7ed0c8c44467df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420622e6d640082a4f2fd15fa7ed0c8c44475df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c5313030363434207472756e632e6d6400010231303036343420006261642e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420632e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c5",
    "313030363434207a2e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c5313030363434206d2e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531dd3036343420006261640f6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420632e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c56761726261676520776974686f7574207370616365206f72206e756c6761726261676520776974686f7574207370616365206f72206e756c6761726261676534776974686f7574207370616365206f72206e756c31303036343420712e6d640082a4f2fd0efa7ed0c8c44467df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420622e6d640082a4f2fd15fa7ed0c8c44475df7c940f993f88c531303036343420612e6d640082a4f2fd15fa7ed0c8c44467df6e940f993f88c5313030363434207472716e632e6d6400010231303036343420006261642e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420632e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c531303036343420612e6d640082a4f2fd0efa7ed0c8c44467df7c940f993f88c56761726261676520776974686f7574207370616365206f72206e756c6761726261676520776974686f7574207370616365206f72206e756c6761726261676520776974686f7574207370616365206f72206e756c31303036343420712e6d640082a4f2fd15fa7ed0c8c44467df7c940f993f88c5",
];

#[test]
fn malformed_tree_objects_in_old_commits_do_not_fail_the_build() {
    let p = repository();
    let r = p.root();
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "ready", false),
    );
    commit(r, "2026-10-02", "ready");
    let run = |args: &[&str], input: &[u8]| git_with_input(r, args, input);
    let start = run(&["rev-parse", "HEAD"], b"");
    let listing = |rev: &str| run(&["ls-tree", rev], b"");
    let mut parent = start.clone();
    // One commit per malformed `content/backlog` tree, then the good one.
    for hex in MALFORMED_TREES {
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        let bad = run(
            &["hash-object", "-t", "tree", "--literally", "-w", "--stdin"],
            &bytes,
        );
        let swap = |rev: &str, name: &str, id: &str| {
            let mut entries: Vec<String> = listing(rev)
                .lines()
                .filter(|l| !l.ends_with(&format!("\t{name}")))
                .map(str::to_string)
                .collect();
            entries.push(format!("040000 tree {id}\t{name}"));
            run(
                &["mktree", "--missing"],
                (entries.join("\n") + "\n").as_bytes(),
            )
        };
        let content = swap(&format!("{start}:content"), "backlog", &bad);
        let root = swap(&start, "content", &content);
        parent = run(&["commit-tree", &root, "-p", &parent, "-m", "bad"], b"");
    }
    let tree = run(&["rev-parse", &format!("{start}^{{tree}}")], b"");
    let last = run(&["commit-tree", &tree, "-p", &parent, "-m", "good"], b"");
    run(&["update-ref", "refs/heads/main", &last], b"");
    let out = build(&p, &[]);
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    let changes = p.read("public/changes.html");
    assert!(
        changes.contains("status moved from new to ready"),
        "{changes}"
    );
}

#[test]
fn a_control_character_in_an_old_version_never_reaches_the_output() {
    let p = repository();
    let r = p.root();
    // A title, and a file name, the loader refuses: committed, then gone.
    p.write(
        "content/backlog/odd.md",
        "+++\ntitle = \"Odd\\u0001title\"\nlevel = \"idea\"\nserves = [\"activation\"]\n+++\n",
    );
    p.write(
        "content/backlog/a\u{1}b.md",
        &item("Control in its name", "ready", false),
    );
    p.write(
        "content/backlog/a\u{1}d/in-odd-folder.md",
        &item("Control in its folder", "ready", false),
    );
    // And an author's name, shown with `authors = true`.
    p.write(
        "cairn.toml",
        "title = \"Acme Onboarding\"\n[history]\nauthors = true\n",
    );
    p.write(
        "content/backlog/guided-setup.md",
        &item("Guided setup", "ready", false),
    );
    git(r, "2026-10-03", &["add", "-A"]);
    git(
        r,
        "2026-10-03",
        &["-c", "user.name=Eve\u{1}Odd", "commit", "-q", "-m", "odd"],
    );
    git(r, "2026-10-04", &["rm", "-q", "content/backlog/odd.md"]);
    git(r, "2026-10-04", &["rm", "-q", "content/backlog/a\u{1}b.md"]);
    git(r, "2026-10-04", &["rm", "-rq", "content/backlog/a\u{1}d"]);
    commit(r, "2026-10-04", "gone");
    for public in [false, true] {
        build(&p, if public { &["--public"] } else { &[] });
        let feed = p.read("public/changes.xml");
        roxmltree::Document::parse(&feed).expect("changes.xml is well-formed XML");
        nowhere_in_output(
            &p,
            &["\u{1}", "Control in its name", "Control in its folder"],
        );
        let page = p.read("public/backlog/guided-setup.html");
        assert!(page.contains("by EveOdd"), "{page}");
    }
}

#[test]
fn a_folder_named_with_a_control_character_is_refused() {
    // Its name would be part of a change's id in changes.xml.
    let p = repository();
    p.write(
        "content/backlog/q\u{1}3/plan.md",
        &item("Plan", "ready", false),
    );
    let out = p.cairn(&["build", "--today", "2026-11-30"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("this folder name holds a control character"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_hidden_file_in_an_old_commit_has_no_history() {
    // The loader never reads it, so no build ever showed it.
    let p = repository();
    let r = p.root();
    p.write(
        "content/backlog/.scratch.md",
        &item("HIDDEN-SCRATCH-MARKER", "ready", false),
    );
    p.write(
        "content/backlog/.old/kept.md",
        &item("HIDDEN-FOLDER-MARKER", "ready", false),
    );
    commit(r, "2026-10-03", "scratch");
    git(
        r,
        "2026-10-04",
        &[
            "rm",
            "-rq",
            "content/backlog/.scratch.md",
            "content/backlog/.old",
        ],
    );
    commit(r, "2026-10-04", "gone");
    build(&p, &[]);
    nowhere_in_output(&p, &["HIDDEN-SCRATCH-MARKER", "HIDDEN-FOLDER-MARKER"]);
}

#[test]
fn a_conversation_replaced_by_a_decision_of_its_name_is_not_its_history() {
    let p = repository();
    let r = p.root();
    p.write(
        "content/conversations/pricing.md",
        "+++\ntitle = \"CONVERSATION-MARKER\"\ndate = 2026-10-02\nwith = [\"dana\"]\n+++\n\nNotes.\n",
    );
    commit(r, "2026-10-02", "log call");
    git(
        r,
        "2026-10-03",
        &["rm", "-q", "content/conversations/pricing.md"],
    );
    p.write(
        "content/tradeoffs/pricing.md",
        "+++\ntitle = \"Pricing\"\nstatus = \"proposed\"\ndate = 2026-10-03\n[[options]]\nname = \"a\"\n[[options]]\nname = \"b\"\n+++\n",
    );
    commit(r, "2026-10-03", "the call becomes a decision");
    // The decision was proposed when it was written, not when the call
    // was logged; the call stays a conversation.
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    assert!(
        changes.contains("<li data-changed=\"2026-10-03\"><span class=\"change-subject\">Decision</span> <a href=\"tradeoffs/pricing.html\">Pricing</a>: proposed"),
        "{changes}"
    );
    assert!(
        changes.contains("Conversation</span> CONVERSATION-MARKER: logged"),
        "{changes}"
    );
    assert!(
        !changes.contains("data-changed=\"2026-10-02\"><span class=\"change-subject\">Decision"),
        "{changes}"
    );
    // A public build shows no conversation, under any kind.
    build(&p, &["--public"]);
    nowhere_in_output(&p, &["CONVERSATION-MARKER"]);
}

#[test]
fn a_document_removed_and_restored_keeps_its_history() {
    // Removed, then restored (`git revert`), then made private: the
    // versions from before the removal are its history too, so a public
    // build shows none of them.
    let p = repository();
    let r = p.root();
    p.write(
        "content/backlog/acquire.md",
        &item("EARLIER-TITLE-MARKER", "in-progress", false),
    );
    commit(r, "2026-10-02", "start");
    git(r, "2026-10-03", &["rm", "-q", "content/backlog/acquire.md"]);
    commit(r, "2026-10-03", "removed");
    git(r, "2026-10-04", &["revert", "--no-edit", "HEAD"]);
    p.write(
        "content/backlog/acquire.md",
        &item("Falcon", "in-progress", true),
    );
    commit(r, "2026-10-05", "private");
    build(&p, &["--public"]);
    nowhere_in_output(&p, &["EARLIER-TITLE-MARKER", "acquire"]);
    // The team sees one history under today's title: added, removed, and
    // added back; not a second document that went away.
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    assert!(changes.contains("Falcon: removed"), "{changes}");
    assert_eq!(changes.matches("Falcon</a>: added").count(), 2, "{changes}");
    assert!(!changes.contains("EARLIER-TITLE-MARKER"), "{changes}");
}

#[test]
fn a_replace_object_that_makes_the_history_loop_is_a_note_not_a_hang() {
    let p = repository();
    let r = p.root();
    p.write("content/backlog/tour.md", &item("Tour", "ready", false));
    commit(r, "2026-10-02", "two");
    // The root commit replaced by one whose parent is HEAD: a loop.
    let text = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(r)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let root = text(&["rev-list", "--max-parents=0", "HEAD"]);
    let head = text(&["rev-parse", "HEAD"]);
    let looped =
        text(&["cat-file", "commit", &root]).replacen('\n', &format!("\nparent {head}\n"), 1);
    let mut hash = Command::new("git")
        .args(["hash-object", "-t", "commit", "-w", "--stdin"])
        .current_dir(r)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    hash.stdin
        .take()
        .unwrap()
        .write_all(looped.as_bytes())
        .unwrap();
    let replacement = String::from_utf8(hash.wait_with_output().unwrap().stdout).unwrap();
    git(r, "2026-10-03", &["replace", &root, replacement.trim()]);
    let out = build(&p, &[]);
    let err = stderr(&out);
    assert!(
        err.contains("no history") && err.contains("comes back"),
        "{err}"
    );
    let out = p.cairn(&["changes", "--since", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn the_feed_keeps_each_entry_id_as_history_grows() {
    let p = repository();
    let r = p.root();
    p.write("content/backlog/tour.md", &item("Tour", "ready", false));
    commit(r, "2026-10-02", "a tour");
    build(&p, &[]);
    let ids = |feed: &str| -> Vec<String> {
        feed.split("<id>")
            .skip(2)
            .filter_map(|s| s.split("</id>").next())
            .map(str::to_string)
            .collect()
    };
    let before = ids(&p.read("public/changes.xml"));
    assert!(before.len() > 3, "{before:?}");
    p.write("content/backlog/tour.md", &item("Tour", "done", false));
    commit(r, "2026-10-09", "the tour is done");
    build(&p, &[]);
    let after = ids(&p.read("public/changes.xml"));
    for id in &before {
        assert!(after.contains(id), "{id} lost: {after:?}");
    }
}
