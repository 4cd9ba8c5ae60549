//! A public build tells the history of the documents it shows, as public
//! readers could see them then: found by an attacker's probes (renames
//! into private names, restores, hidden files, supersedes, parents).

use crate::history::{build, commit, git, item, output_texts, repository};
use crate::support::{Portal, stdout};

/// Every output file of a public build, and `cairn changes --public`.
fn public_texts(p: &Portal) -> Vec<(String, String)> {
    build(p, &["--public"]);
    let mut texts = output_texts(p);
    for format in ["markdown", "json"] {
        let out = p.cairn(&[
            "changes",
            "--since",
            "2000-01-01",
            "--public",
            "--format",
            format,
        ]);
        texts.push((format!("changes --format {format}"), stdout(&out)));
    }
    texts
}

fn assert_absent(texts: &[(String, String)], markers: &[&str]) {
    for (path, text) in texts {
        for marker in markers {
            assert!(!text.contains(marker), "{marker} in {path}");
        }
    }
}

#[test]
fn a_public_build_tells_nothing_of_documents_gone_from_the_portal() {
    let p = repository();
    let r = p.root();
    // Renamed into a private name, then removed.
    git(
        r,
        "2026-10-02",
        &[
            "mv",
            "content/backlog/first-project.md",
            "content/backlog/acquire-foo-corp.md",
        ],
    );
    let moved = p.read("content/backlog/acquire-foo-corp.md");
    p.write(
        "content/backlog/acquire-foo-corp.md",
        &moved.replace("level = \"story\"", "level = \"story\"\nprivate = true"),
    );
    // Public, then renamed with a new title into a private document in a
    // commit that adds another item: no history can pair them.
    p.write(
        "content/backlog/willgo.md",
        &item("EARLY-PUBLIC-TITLE-MARKER", "ready", false),
    );
    // Never built: a hidden file.
    p.write(
        "content/backlog/.scratch.md",
        &item("HIDDEN-FILE-MARKER", "ready", false),
    );
    commit(r, "2026-10-02", "first round");
    git(
        r,
        "2026-10-03",
        &[
            "rm",
            "-q",
            "content/backlog/acquire-foo-corp.md",
            "content/backlog/.scratch.md",
        ],
    );
    git(
        r,
        "2026-10-03",
        &[
            "mv",
            "content/backlog/willgo.md",
            "content/backlog/falcon.md",
        ],
    );
    p.write("content/backlog/falcon.md", &item("Falcon", "ready", true));
    p.write("content/backlog/other.md", &item("Other", "ready", false));
    commit(r, "2026-10-03", "second round");
    let texts = public_texts(&p);
    assert_absent(
        &texts,
        &[
            "acquire-foo-corp",
            "EARLY-PUBLIC-TITLE-MARKER",
            "HIDDEN-FILE-MARKER",
            "falcon",
            "scratch",
        ],
    );
    // The team build tells of the removals, naming without linking.
    build(&p, &[]);
    let changes = p.read("public/changes.html");
    assert!(
        changes.contains("EARLY-PUBLIC-TITLE-MARKER: removed"),
        "{changes}"
    );
    assert!(!changes.contains("HIDDEN-FILE-MARKER"), "{changes}");
}

#[test]
fn a_decision_that_supersedes_a_private_one_does_not_name_it() {
    let p = repository();
    let r = p.root();
    let decision = p.read("content/tradeoffs/sso-first.md");
    p.write(
        "content/tradeoffs/secret-deal.md",
        "+++\ntitle = \"Sign the deal\"\nstatus = \"rejected\"\ndate = 2026-09-01\nprivate = true\n[[options]]\nname = \"Yes\"\n[[options]]\nname = \"No\"\n+++\n",
    );
    commit(r, "2026-10-02", "a private decision");
    p.write(
        "content/tradeoffs/sso-first.md",
        &decision.replace(
            "status = \"accepted\"",
            "status = \"accepted\"\nsupersedes = [\"secret-deal\"]",
        ),
    );
    commit(r, "2026-10-03", "supersedes it");
    // An older version names it, not only the one the build reads.
    let now = p.read("content/tradeoffs/sso-first.md");
    p.write("content/tradeoffs/sso-first.md", &format!("{now}\nMore.\n"));
    commit(r, "2026-10-04", "an edit");
    assert_absent(&public_texts(&p), &["secret-deal"]);
}

#[test]
fn an_item_is_not_dated_by_a_time_its_parent_was_private_renamed_or_broken() {
    let p = repository();
    let r = p.root();
    let idea = p.read("content/backlog/guided-setup.md");
    let mmf = p.read("content/backlog/setup-checklist.md");
    p.write(
        "content/backlog/guided-setup.md",
        &idea.replace("level = \"idea\"", "level = \"idea\"\nprivate = true"),
    );
    commit(r, "2026-10-02", "the idea goes private");
    // The last commit of the checklist is made while its parent is private.
    p.write(
        "content/backlog/setup-checklist.md",
        &mmf.replace("level = \"mmf\"", "level = \"mmf\"\nstatus = \"done\""),
    );
    commit(r, "2026-10-05", "done below a private idea");
    // The parent is renamed and made public, its child pointed at it.
    git(
        r,
        "2026-10-20",
        &[
            "mv",
            "content/backlog/guided-setup.md",
            "content/backlog/guided.md",
        ],
    );
    p.write("content/backlog/guided.md", &idea);
    p.write(
        "content/backlog/setup-checklist.md",
        &mmf.replace("level = \"mmf\"", "level = \"mmf\"\nstatus = \"done\"")
            .replace("parent = \"guided-setup\"", "parent = \"guided\""),
    );
    for story in ["first-project", "invite-teammates"] {
        let path = format!("content/backlog/{story}.md");
        p.write(&path, &p.read(&path));
    }
    commit(r, "2026-10-20", "public again, renamed");
    let texts = public_texts(&p);
    assert_absent(&texts, &["5 Oct 2026", "2026-10-05"]);
    let page = p.read("public/backlog/setup-checklist.html");
    assert!(page.contains("datetime=\"2026-10-20\""), "{page}");
}

#[test]
fn an_edit_made_while_a_parent_was_private_is_never_dated_nor_signed() {
    let p = repository();
    let r = p.root();
    let config = p.read("cairn.toml");
    p.write(
        "cairn.toml",
        &format!("{config}\n[history]\nauthors = true\n"),
    );
    let idea = p.read("content/backlog/guided-setup.md");
    p.write(
        "content/backlog/guided-setup.md",
        &idea.replace("level = \"idea\"", "level = \"idea\"\nprivate = true"),
    );
    commit(r, "2026-10-02", "the idea goes private");
    // Only the grandchild's own file changes, while hidden.
    let story = p.read("content/backlog/first-project.md");
    p.write(
        "content/backlog/first-project.md",
        &story.replace("level = \"story\"", "level = \"story\"\nstatus = \"done\""),
    );
    git(r, "2026-10-17", &["add", "-A"]);
    git(
        r,
        "2026-10-17",
        &[
            "-c",
            "user.name=Hidden Editor",
            "commit",
            "-qm",
            "hidden edit",
        ],
    );
    p.write("content/backlog/guided-setup.md", &idea);
    commit(r, "2026-11-20", "public again");
    assert_absent(
        &public_texts(&p),
        &[
            "Hidden Editor",
            "17 Oct 2026",
            "2026-10-17",
            "Create the first project: removed",
        ],
    );
}

#[test]
fn a_goal_gone_from_the_vision_is_not_named_with_its_readings() {
    let p = repository();
    let r = p.root();
    let vision = p.read("content/vision.md");
    p.write(
        "content/vision.md",
        &vision.replacen(
            "[[goals]]",
            "[[goals]]\nid = \"old-goal\"\ntitle = \"GONE-GOAL-MARKER\"\n[[goals.readings]]\ndate = 2026-09-30\nvalue = 3\nnote = \"GONE-NOTE-MARKER\"\n\n[[goals]]",
            1,
        ),
    );
    commit(r, "2026-10-02", "a goal with a reading");
    p.write("content/vision.md", &vision);
    commit(r, "2026-10-05", "the goal is dropped");
    assert_absent(
        &public_texts(&p),
        &["GONE-GOAL-MARKER", "GONE-NOTE-MARKER", "old-goal"],
    );
}

#[test]
fn the_digest_is_text_when_pasted_into_an_update() {
    let p = repository();
    let r = p.root();
    p.write(
        "content/backlog/evil.md",
        &item(
            "Evil](http://evil.example/a) ![i](http://evil.example/b.png) <img src=x>",
            "ready",
            false,
        ),
    );
    commit(r, "2026-10-02", "a hostile title");
    let md = stdout(&p.cairn(&["changes", "--since", "2026-10-02"]));
    let update = format!("+++\ntitle = \"Pasted\"\ndate = 2026-10-03\n+++\n\n{md}");
    p.write("content/updates/pasted.md", &update);
    build(&p, &[]);
    let page = p.read("public/updates/pasted.html");
    assert!(!page.contains("evil.example/b.png\""), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("href=\"http://evil.example/a\""), "{page}");
}
