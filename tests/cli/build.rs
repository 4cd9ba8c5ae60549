//! Building portals: every page kind present and linked, trails, overrides,
//! drafts, atomic writes and the output-folder guards.

use std::fs;

use crate::support::{cairn_in, main_of, snapshot, starter, stderr, stdout};

#[test]
fn init_writes_a_portal_that_builds_without_problems() {
    let portal = starter();
    let out = portal.cairn(&["build", "--deny-warnings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("built My Product Portal: 2 goals, 4 backlog items"),
        "{}",
        stderr(&out)
    );
    for page in [
        "index.html",
        "vision/index.html",
        "goals/index.html",
        "goals/activation.html",
        "stakeholders/index.html",
        "stakeholders/dana.html",
        "tradeoffs/index.html",
        "tradeoffs/checklist-first.html",
        "backlog/index.html",
        "backlog/setup-checklist.html",
        "updates/index.html",
        "updates/first-update.html",
        "404.html",
        "style.css",
    ] {
        assert!(portal.path("public").join(page).is_file(), "missing {page}");
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = cairn_in(dir.path(), &["init", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("already exists and is not empty"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_story_page_shows_its_trail_up_to_the_vision() {
    let portal = starter();
    assert!(portal.cairn(&["build"]).status.success());
    let html = portal.read("public/backlog/setup-checklist.html");
    let main = main_of(&html);
    let trail_start = main.find("class=\"trail\"").expect("trail");
    let trail = &main[trail_start..main[trail_start..].find("</nav>").unwrap() + trail_start];
    let order = [
        "href=\"../vision/index.html\">Effortless first week",
        "href=\"../goals/activation.html\">Double week-1 activation",
        "href=\"../backlog/first-week.html\">A first week that sells itself",
        "href=\"../backlog/guided-setup.html\">Guided setup",
        "Setup checklist on first login",
    ];
    let mut at = 0;
    for step in order {
        let found = trail[at..]
            .find(step)
            .unwrap_or_else(|| panic!("trail lacks {step} after byte {at}:\n{trail}"));
        at += found + step.len();
    }
}

#[test]
fn every_internal_link_of_the_output_resolves() {
    let portal = starter();
    assert!(portal.cairn(&["build"]).status.success());
    let out = portal.path("public");
    for (rel, bytes) in snapshot(&out) {
        if rel.extension().is_none_or(|e| e != "html") || rel == std::path::Path::new("404.html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for href in html
            .split("href=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
        {
            if href.starts_with("http") || href.starts_with('#') || href.starts_with("mailto:") {
                continue;
            }
            let path = href.split('#').next().unwrap();
            let target = out.join(rel.parent().unwrap()).join(path);
            assert!(target.is_file(), "{}: broken link {href}", rel.display());
        }
    }
}

#[test]
fn goal_pages_roll_up_progress_and_list_their_work() {
    let portal = starter();
    assert!(portal.cairn(&["build"]).status.success());
    let html = portal.read("public/goals/activation.html");
    let main = main_of(&html);
    // Four items trace to activation; one story (estimate 3 of 13) is done.
    assert!(main.contains("1 of 4 done (25%)"), "{main}");
    assert!(main.contains("by estimate 3 of 13 (23%)"), "{main}");
    assert!(
        main.contains("Invite teammates from the checklist"),
        "{main}"
    );
    assert!(
        main.contains("Ship the checklist before the tour"),
        "{main}"
    );
}

#[test]
fn stakeholder_pages_show_overdue_conversations_and_involvement() {
    let portal = starter();
    assert!(
        portal
            .cairn(&["build", "--today", "2026-11-22"])
            .status
            .success()
    );
    // Dana: last contact 30 Oct, every 14 days: due 13 Nov, overdue on 22 Nov.
    let dana = portal.read("public/stakeholders/dana.html");
    assert!(
        main_of(&dana).contains("Conversation overdue: due since 13 Nov 2026"),
        "{}",
        main_of(&dana)
    );
    assert!(main_of(&dana).contains("Ship the checklist before the tour"));
    // Sam: last contact 15 Oct, every 30 days: due 14 Nov.
    let out = portal.cairn(&["build", "--today", "2026-11-10"]);
    assert!(out.status.success());
    let dana = portal.read("public/stakeholders/dana.html");
    assert!(
        !main_of(&dana).contains("overdue"),
        "not overdue before the due date"
    );
    let legal = portal.read("public/stakeholders/legal.html");
    assert!(
        main_of(&legal).contains("Consult"),
        "default engagement from the grid (power 4, interest 2)"
    );
}

#[test]
fn front_matter_text_is_escaped_and_body_html_sanitized() {
    let portal = starter();
    portal.write(
        "content/backlog/hostile.md",
        "+++\ntitle = \"<script>alert('t')</script>\"\nlevel = \"story\"\nparent = \"guided-setup\"\n+++\n<img src=x onerror=\"alert(1)\"><script>alert(2)</script>\n<details><summary>More</summary>kept</details>\n",
    );
    let out = portal.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = portal.read("public/backlog/hostile.html");
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "title must be escaped");
    assert!(!html.contains("onerror"), "{html}");
    assert!(html.contains("<details><summary>More</summary>kept</details>"));
    let backlog = portal.read("public/backlog/index.html");
    assert!(!backlog.contains("<script>"));
}

#[test]
fn a_portal_template_overrides_the_theme_by_name() {
    let portal = starter();
    portal.write(
        "templates/partials/footer.html",
        "<footer class=\"site-footer\"><p>Custom footer for {{ site.title }}</p></footer>\n",
    );
    assert!(portal.cairn(&["build"]).status.success());
    let home = portal.read("public/index.html");
    assert!(home.contains("Custom footer for My Product Portal"));
    assert!(
        home.contains("Product Vision Board"),
        "the rest of the theme stays"
    );
}

#[test]
fn the_site_header_sees_the_section_depth_and_title_of_its_page() {
    let portal = starter();
    portal.write(
        "templates/partials/header.html",
        "<header>{{ site.title }} in {{ page.section }} at [{{ page.root }}]</header>\n",
    );
    assert!(portal.cairn(&["build"]).status.success());
    let home = portal.read("public/index.html");
    assert!(
        home.contains("<header>My Product Portal in home at []</header>"),
        "{home}"
    );
    let item = portal.read("public/backlog/guided-setup.html");
    assert!(
        item.contains("<header>My Product Portal in backlog at [../]</header>"),
        "{item}"
    );

    portal.write(
        "templates/partials/header.html",
        "<header>Now at {{ page.title }}</header>\n",
    );
    assert!(portal.cairn(&["build"]).status.success());
    let item = portal.read("public/backlog/guided-setup.html");
    assert!(
        item.contains("<header>Now at Guided setup</header>"),
        "{item}"
    );

    // One kind of page can have a header of its own.
    std::fs::remove_file(portal.path("templates/partials/header.html")).unwrap();
    portal.write(
        "templates/item.html",
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/item.html"),
        )
        .unwrap()
        .replace(
            "{% block main %}",
            "{% block header %}<header>Now reading: {{ page.title }}</header>{% endblock header %}{% block main %}",
        ),
    );
    assert!(portal.cairn(&["build"]).status.success());
    let item = portal.read("public/backlog/guided-setup.html");
    assert!(
        item.contains("<header>Now reading: Guided setup</header>"),
        "{item}"
    );
}

#[test]
fn a_broken_template_override_is_reported_and_nothing_written() {
    let portal = starter();
    portal.write(
        "templates/item.html",
        "{% extends \"base.html\" %}{% block main %}{{ item.title \n{% endblock main %}",
    );
    let out = portal.cairn(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("template error"), "{}", stderr(&out));
    assert!(!portal.path("public").exists());
}

#[test]
fn check_renders_a_portals_own_templates_to_find_errors_that_depend_on_data() {
    let portal = starter();
    // Compiles, but fails on every item page: only rendering finds it.
    portal.write(
        "templates/item.html",
        "{% extends \"base.html\" %}{% block main %}{{ item.no_such_field }}{% endblock main %}",
    );
    let out = portal.cairn(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("template error"), "{}", stderr(&out));
    let out = portal.cairn(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!portal.path("public").exists(), "nothing written");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let portal = starter();
    portal.write(
        "content/backlog/secret-plan.md",
        "+++\ntitle = \"Secret plan\"\nlevel = \"story\"\nparent = \"guided-setup\"\ndraft = true\n+++\n",
    );
    assert!(portal.cairn(&["build"]).status.success());
    assert!(!portal.path("public/backlog/secret-plan.html").exists());
    assert!(
        !portal
            .read("public/backlog/index.html")
            .contains("Secret plan")
    );
    assert!(portal.cairn(&["build", "--drafts"]).status.success());
    assert!(
        portal
            .read("public/backlog/index.html")
            .contains("Secret plan")
    );
}

#[test]
fn static_files_are_copied_and_may_not_overwrite_pages() {
    let portal = starter();
    portal.write(
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    assert!(portal.cairn(&["build"]).status.success());
    assert!(portal.path("public/images/logo.svg").is_file());
    portal.write("static/index.html", "mine");
    let out = portal.cairn(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("would overwrite the generated page `index.html`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_failing_build_leaves_the_previous_output_byte_for_byte() {
    let portal = starter();
    assert!(portal.cairn(&["build"]).status.success());
    let before = snapshot(&portal.path("public"));
    portal.write(
        "content/backlog/guided-setup.md",
        "+++\ntitle = \"Broken\"\nlevel = \"nope\"\n+++\n",
    );
    let out = portal.cairn(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(snapshot(&portal.path("public")), before);
    let leftovers: Vec<_> = fs::read_dir(portal.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".cairn"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

#[test]
fn a_rebuild_replaces_removed_pages() {
    let portal = starter();
    assert!(portal.cairn(&["build"]).status.success());
    assert!(portal.path("public/updates/first-update.html").is_file());
    fs::remove_file(portal.path("content/updates/first-update.md")).unwrap();
    assert!(portal.cairn(&["build"]).status.success());
    assert!(!portal.path("public/updates/first-update.html").exists());
}

#[test]
fn refuses_to_replace_a_folder_cairn_did_not_write_unless_forced() {
    let portal = starter();
    portal.write("site/important.txt", "do not lose me");
    let out = portal.cairn(&["build", "-o", "site"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("holds files cairn did not write"),
        "{}",
        stderr(&out)
    );
    assert_eq!(portal.read("site/important.txt"), "do not lose me");
    let out = portal.cairn(&["build", "-o", "site", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(portal.path("site/index.html").is_file());
}

#[test]
fn refuses_to_write_into_the_portal_or_its_sources() {
    let portal = starter();
    for target in [".", "..", "content", "content/site", "static"] {
        let out = portal.cairn(&["build", "-o", target]);
        assert_eq!(out.status.code(), Some(2), "-o {target}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("refusing"),
            "-o {target}: {}",
            stderr(&out)
        );
    }
    assert!(portal.path("content/vision.md").is_file());
}

#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let portal = starter();
    portal.write("out.txt", "x");
    let out = portal.cairn(&["build", "-o", "out.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is a file, not a folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_writes_nothing_and_json_is_an_array() {
    let portal = starter();
    portal.write(
        "content/backlog/bad.md",
        "+++\ntitle = \"x\"\nlevel = \"storyy\"\n+++\n",
    );
    let out = portal.cairn(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let first = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("is not a valid level")
        })
        .expect("the level error");
    assert_eq!(first["path"], "content/backlog/bad.md");
    assert_eq!(first["line"], 3);
    assert_eq!(first["column"], 9);
    assert_eq!(first["severity"], "error");
    assert!(
        first["help"]
            .as_str()
            .unwrap()
            .contains("did you mean `story`?")
    );
    assert!(!portal.path("public").exists());
}

#[test]
fn human_diagnostics_quote_the_line_with_a_caret_and_help() {
    let portal = starter();
    portal.write(
        "content/backlog/bad.md",
        "+++\ntitle = \"x\"\nlevel = \"story\"\nserve = [\"activation\"]\n+++\n",
    );
    let out = portal.cairn(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error: unknown key `serve`"), "{err}");
    assert!(err.contains("content/backlog/bad.md:4:1"), "{err}");
    assert!(err.contains("4 │ serve = [\"activation\"]"), "{err}");
    assert!(err.contains("^^^^^ not a key of a backlog item"), "{err}");
    assert!(err.contains("help: did you mean `serves`?"), "{err}");
    // The misspelt key is the one problem: no follow-on "traces to no goal".
    assert!(!err.contains("does not trace"), "{err}");
    assert!(err.contains("1 error, 0 warnings"), "{err}");
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_accepted() {
    let portal = starter();
    portal.write(
        "content/backlog/windows.md",
        "\u{feff}+++\r\ntitle = \"From Windows\"\r\nlevel = \"story\"\r\nparent = \"guided-setup\"\r\n+++\r\n# Notes\r\n\r\nBody.\r\n",
    );
    let out = portal.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        portal
            .read("public/backlog/windows.html")
            .contains("From Windows")
    );
}

#[test]
fn the_portal_is_found_upward_from_a_subfolder() {
    let portal = starter();
    let out = cairn_in(&portal.path("content/backlog"), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cairn_in(&std::env::temp_dir(), &["check", "/nonexistent-portal"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no portal at `/nonexistent-portal`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_explains_each_command_with_an_example() {
    let portal = starter();
    for cmd in ["build", "check", "init"] {
        let out = portal.cairn(&[cmd, "--help"]);
        assert!(out.status.success());
        assert!(
            stdout(&out).contains("Example"),
            "{cmd} --help has no example"
        );
    }
}

#[test]
fn a_rebuild_after_a_small_edit_writes_only_what_changed() {
    let portal = starter();
    let out = portal.cairn(&["build"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains(" 0 unchanged)"), "{}", stderr(&out));
    let unchanged = portal.cairn(&["build"]);
    assert!(
        stderr(&unchanged).contains("(0 files written,"),
        "{}",
        stderr(&unchanged)
    );
    let story = portal.read("content/backlog/invite-teammates.md");
    portal.write(
        "content/backlog/invite-teammates.md",
        &story.replace("in one step", "in two steps"),
    );
    let edited = portal.cairn(&["build"]);
    let err = stderr(&edited);
    let before = &err[..err.find(" files written").expect("a write count")];
    let written: usize = before.rsplit('(').next().unwrap().parse().unwrap();
    // The story's page and the search shards holding "one"/"two".
    assert!((1..=4).contains(&written), "{err}");
    assert!(
        portal
            .read("public/backlog/invite-teammates.html")
            .contains("in two steps")
    );
}
