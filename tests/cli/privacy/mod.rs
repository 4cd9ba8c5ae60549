//! Public builds: private documents and private fields leave no trace in
//! any output file, and a leak fails the build.

use std::fs;

use crate::support::{Portal, snapshot, starter, stderr};

mod references;

/// Markers that only private content holds.
pub(super) const MARKERS: [&str; 9] = [
    "PRIVATE-NAME-7f3a",
    "PRIVATE-BODY-91c2",
    "PRIVATE-MOTIVATION-4b8e",
    "PRIVATE-RISK-0d6f",
    "PRIVATE-NOTES-5e21",
    "PRIVATE-IDEA-TITLE-a1b2",
    "PRIVATE-STORY-UNDER-IDEA-c3d4",
    "PRIVATE-DECISION-e5f6",
    "PRIVATE-UPDATE-0a9b",
];

pub(super) fn portal() -> Portal {
    let p = starter();
    p.write(
        "cairn.toml",
        "title = \"Acme\"\nbase_url = \"https://acme.example/\"\n",
    );
    p.write(
        "content/stakeholders/secret-investor.md",
        "+++\nname = \"PRIVATE-NAME-7f3a\"\nrole = \"influencer\"\npower = 5\ninterest = 5\nfunding = true\nprivate = true\n+++\nPRIVATE-BODY-91c2 is what we say about them behind closed doors.\n",
    );
    p.write(
        "content/stakeholders/dana.md",
        "+++\nname = \"Dana Whitfield\"\nrole = \"buyer\"\npower = 5\ninterest = 4\nmotivations = [\"PRIVATE-MOTIVATION-4b8e\"]\nrisks = [\"PRIVATE-RISK-0d6f\"]\n+++\nPRIVATE-NOTES-5e21 how she reacts to surprises in reviews.\n",
    );
    p.write(
        "content/backlog/secret-idea.md",
        "+++\ntitle = \"PRIVATE-IDEA-TITLE-a1b2\"\nlevel = \"idea\"\nserves = [\"retention\"]\nrequested_by = [\"secret-investor\"]\nprivate = true\n+++\n",
    );
    p.write(
        "content/backlog/secret-story.md",
        "+++\ntitle = \"PRIVATE-STORY-UNDER-IDEA-c3d4\"\nlevel = \"story\"\nparent = \"secret-idea\"\n+++\n",
    );
    p.write(
        "content/tradeoffs/secret-deal.md",
        "+++\ntitle = \"PRIVATE-DECISION-e5f6\"\nstatus = \"accepted\"\ndate = 2026-10-01\ndecided_by = [\"secret-investor\"]\nprivate = true\n\n[[options]]\nname = \"Take the money\"\nchosen = true\n\n[[options]]\nname = \"Walk away\"\n+++\n",
    );
    p.write(
        "content/updates/secret-update.md",
        "+++\ntitle = \"PRIVATE-UPDATE-0a9b\"\ndate = 2026-11-02\naudience = [\"secret-investor\"]\nprivate = true\n+++\n",
    );
    // A public item that names the private investor and links to the idea.
    let guided = p.read("content/backlog/guided-setup.md").replace(
        "requested_by = [\"sam\"]",
        "requested_by = [\"sam\", \"secret-investor\"]",
    );
    p.write(
        "content/backlog/guided-setup.md",
        &format!("{guided}\nSee [the idea](@/backlog/secret-idea.md).\n"),
    );
    p
}

#[test]
fn a_public_build_leaves_no_trace_of_private_content() {
    let p = portal();
    let out = p.cairn(&["build", "--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: this links to a private document (content/backlog/secret-idea.md)"),
        "{err}"
    );
    for (path, bytes) in snapshot(&p.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        for marker in MARKERS {
            assert!(
                !text.contains(marker),
                "{marker} leaked into {}",
                path.display()
            );
        }
        assert!(
            !text.contains("secret-"),
            "a private id leaked into {}",
            path.display()
        );
    }
    assert!(!p.path("public/stakeholders/secret-investor.html").exists());
    assert!(
        !p.path("public/backlog/secret-story.html").exists(),
        "work under a private idea is private too"
    );
    let guided = p.read("public/backlog/guided-setup.html");
    assert!(
        guided.contains("See the idea."),
        "the link became plain text"
    );
    let log = p.read("public/tradeoffs/index.html");
    assert!(
        log.contains(">All (1)<"),
        "counts do not reveal the private decision"
    );
    // The same portal, built for the team, shows everything.
    let out = p.cairn(&["build", "-o", "team"]);
    assert!(out.status.success());
    let team: String = snapshot(&p.path("team"))
        .into_iter()
        .map(|(_, b)| String::from_utf8_lossy(&b).into_owned())
        .collect();
    for marker in MARKERS {
        assert!(
            team.contains(marker),
            "{marker} missing from the team build"
        );
    }
    assert!(p.read("team/tradeoffs/index.html").contains(">All (2)<"));
}

#[test]
fn private_text_quoted_in_a_public_page_fails_the_public_build() {
    let p = portal();
    p.write(
        "content/updates/first-update.md",
        "+++\ntitle = \"Guided setup is under way\"\ndate = 2026-11-01\n+++\nWe met PRIVATE-NAME-7f3a last week.\n",
    );
    p.write("public/.cairn-output", "");
    let before = snapshot(&p.path("public"));
    let out = p.cairn(&["build", "--public"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("private text leaked into the public build: “PRIVATE-NAME-7f3a” appears in feed.xml:18, updates/first-update.html:57"),
        "{err}"
    );
    assert!(
        err.contains("content/stakeholders/secret-investor.md"),
        "{err}"
    );
    assert!(
        err.contains("content/updates/first-update.md:5:1"),
        "the public source that quotes it is named: {err}"
    );
    assert!(
        err.contains("content/stakeholders/secret-investor.md:2:1"),
        "the private text is pointed at where it is written: {err}"
    );
    assert_eq!(snapshot(&p.path("public")), before, "nothing written");
    fs::remove_dir_all(p.path("public")).unwrap();
    // A public check finds the same leak, writing nothing.
    let out = p.cairn(&["check", "--public"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("“PRIVATE-NAME-7f3a” appears in feed.xml:18, updates/first-update.html:57"),
        "{}",
        stderr(&out)
    );
    assert!(!p.path("public").exists());
}

/// A private decision whose title and body a public page may quote.
fn with_secret_plan() -> Portal {
    let p = portal();
    p.write(
        "content/tradeoffs/pricing.md",
        "+++\ntitle = \"Q3 \\\"Fast & Loose\\\" pricing\"\nstatus = \"proposed\"\ndate = 2026-11-01\nprivate = true\n+++\nThe board will cut the onboarding budget in March.\n",
    );
    p
}

/// Builds publicly and returns the error, which must name the private
/// source and each `file:line` given.
fn leak_error(p: &Portal, places: &[&str]) -> String {
    let out = p.cairn(&["build", "--public"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("private text leaked into the public build"),
        "{err}"
    );
    assert!(err.contains("content/tradeoffs/pricing.md"), "{err}");
    for place in places {
        assert!(err.contains(place), "{place} not named: {err}");
    }
    assert!(!p.path("public/index.html").exists(), "nothing written");
    err
}

#[test]
fn private_text_split_across_a_soft_line_break_is_found() {
    let p = with_secret_plan();
    p.write(
        "content/updates/first-update.md",
        "+++\ntitle = \"News\"\ndate = 2026-11-01\n+++\nAs we heard: The board will cut the\nonboarding   budget in March.\n",
    );
    let err = leak_error(
        &p,
        &[
            "updates/first-update.html:",
            "content/updates/first-update.md:5:1",
        ],
    );
    assert!(
        err.contains("“The board will cut the onboarding budget in March”"),
        "{err}"
    );
}

#[test]
fn private_text_escaped_differently_is_found() {
    // The title holds `"` next to `&`: Markdown, raw HTML with numeric
    // references and a script escape each spell it their own way.
    for quote in [
        "Q3 \"Fast & Loose\" pricing",
        "<p>Q3 &#34;Fast &#x26; Loose&#x22; pricing</p>",
        "<p>Q3 &quot;Fast&#32;&amp;&nbsp;Loose&quot; pricing</p>",
    ] {
        let p = with_secret_plan();
        p.write(
            "content/updates/first-update.md",
            &format!("+++\ntitle = \"News\"\ndate = 2026-11-01\n+++\n{quote}\n"),
        );
        let err = leak_error(&p, &["updates/first-update.html:"]);
        assert!(
            err.contains("“Q3 \"Fast & Loose\" pricing”"),
            "{quote}: {err}"
        );
    }
}

#[test]
fn private_text_in_a_copied_static_file_is_found() {
    let p = with_secret_plan();
    p.write(
        "static/notes/plan.txt",
        "Draft notes\nthe board will cut the onboarding\nbudget in March: The board will cut the\nonboarding budget in March\n",
    );
    leak_error(&p, &["notes/plan.txt:3"]);
    let p = with_secret_plan();
    p.write(
        "static/data.json",
        "{\n  \"plan\": \"Q3 \\\"Fast \\u0026 Loose\\\" pricing\"\n}\n",
    );
    leak_error(&p, &["data.json:2"]);
    // A public check reads the files a build would copy, too.
    let out = p.cairn(&["check", "--public"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("data.json:2"), "{}", stderr(&out));
}

#[test]
fn private_text_across_the_chunks_of_a_large_static_file_is_found_on_its_line() {
    let p = with_secret_plan();
    // Static files are read a megabyte at a time: put the quote across the
    // first boundary, escaped and split over lines.
    let filler = "lorem ipsum dolor\n";
    let lines = (1 << 20) / filler.len();
    let mut big = filler.repeat(lines);
    big.truncate((1 << 20) - 20);
    big.push_str("\nQ3 &quot;Fast\n&amp; Loose&quot;\n   pricing\n");
    big.push_str(&filler.repeat(lines));
    p.write("static/big.txt", &big);
    let line = big[..(1 << 20) - 20].matches('\n').count() + 2;
    leak_error(&p, &[&format!("big.txt:{line}")]);
}

#[test]
fn private_text_with_markup_inside_the_quote_is_found() {
    let p = with_secret_plan();
    p.write(
        "content/updates/first-update.md",
        "+++\ntitle = \"News\"\ndate = 2026-11-01\n+++\nAs we heard: The board will *cut* the\nonboarding budget in <span>March</span>.\n",
    );
    leak_error(&p, &["updates/first-update.html:"]);
    let p = with_secret_plan();
    p.write(
        "static/note.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Q3 &quot;Fast</text>\n<text>&amp; Loose&quot; pricing</text></svg>\n",
    );
    leak_error(&p, &["note.svg:1"]);
    // Text in attributes and comments is set apart from the text, and
    // searched all the same.
    for tag in [
        "<img alt=\"Q3 &quot;Fast &amp; Loose&quot; pricing\" src=\"x.png\">",
        "<!-- Q3 \"Fast\n& Loose\" pricing -->",
    ] {
        let p = with_secret_plan();
        p.write("static/page.html", &format!("<p>Hello</p>\n{tag}\n"));
        leak_error(&p, &["page.html:2"]);
    }
}
