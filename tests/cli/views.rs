//! The reader views: each asserts a fact a reader comes to the portal for.

use crate::support::{Portal, main_of, starter, stderr};

/// A starter portal (`cairn init`) with extra documents, built.
fn built(extra: &[(&str, &str)], args: &[&str]) -> Portal {
    let portal = starter();
    for (path, text) in extra {
        portal.write(path, text);
    }
    let mut all = vec!["build", "--today", "2026-11-22"];
    all.extend_from_slice(args);
    let out = portal.cairn(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    portal
}

const OLD_DECISION: &str = "+++\ntitle = \"Tour first\"\nstatus = \"deprecated\"\ndate = 2026-06-01\ndecided_by = [\"dana\"]\n\n[[options]]\nname = \"Tour\"\nchosen = true\n\n[[options]]\nname = \"Nothing\"\n+++\n";

const SLOW_CHOICE: &str = "+++\ntitle = \"Build the importer in house\"\nstatus = \"accepted\"\ndate = 2026-08-01\naffects = [\"legal\"]\n\n[[options]]\nname = \"In house\"\nchosen = true\ncod_per_week = 10000\nduration_weeks = 10\n\n[[options]]\nname = \"Buy a library\"\ncod_per_week = 8000\nduration_weeks = 2\n\n[[options]]\nname = \"Skip it\"\ncod_per_week = 1000\nduration_weeks = 1\n+++\n";

#[test]
fn a_superseded_decision_links_to_what_replaced_it_and_back() {
    let mut supersedes = std::fs::read_to_string(
        crate::support::repo().join("src/starter/content/tradeoffs/checklist-first.md"),
    )
    .unwrap();
    supersedes = supersedes.replacen(
        "serves = [\"activation\"]",
        "serves = [\"activation\"]\nsupersedes = [\"tour-first\"]",
        1,
    );
    let p = built(
        &[
            ("content/tradeoffs/tour-first.md", OLD_DECISION),
            ("content/tradeoffs/checklist-first.md", &supersedes),
        ],
        &[],
    );
    let old = p.read("public/tradeoffs/tour-first.html");
    assert!(
        main_of(&old).contains("Superseded by <a href=\"../tradeoffs/checklist-first.html\">Ship the checklist before the tour</a>"),
        "{}",
        main_of(&old)
    );
    let new = p.read("public/tradeoffs/checklist-first.html");
    assert!(
        main_of(&new)
            .contains("Supersedes <a href=\"../tradeoffs/tour-first.html\">Tour first</a>")
    );
    let log = p.read("public/tradeoffs/index.html");
    assert!(main_of(&log).contains("Superseded"), "the log marks it");
}

#[test]
fn cd3_ranks_the_options_and_names_the_opportunity_cost() {
    let p = built(&[("content/tradeoffs/importer.md", SLOW_CHOICE)], &[]);
    let html = p.read("public/tradeoffs/importer.html");
    let main = main_of(&html);
    // CD3: in house 1,000; library 4,000; skip 1,000.
    let ranks: Vec<&str> = ["In house", "Buy a library", "Skip it"]
        .iter()
        .map(|name| {
            let row = &main[main.find(&format!(">{name}")).unwrap()..];
            let row = &row[..row.find("</tr>").unwrap()];
            let cells: Vec<&str> = row.split("<td>").collect();
            cells.last().unwrap().split('<').next().unwrap()
        })
        .collect();
    assert_eq!(ranks, ["2", "1", "2"], "{main}");
    assert!(
        main.contains("is not the best by CD3: “Buy a library” ranks first"),
        "{main}"
    );
    assert!(main.contains("Opportunity cost: 8,000 a week"), "{main}");
}

/// The option a decision picked is "proposed" while the decision is, and
/// "chosen" once it is accepted: in its badge and in the CD3 verdict.
#[test]
fn a_proposed_decision_calls_its_option_proposed_not_chosen() {
    let proposed = SLOW_CHOICE.replace("status = \"accepted\"", "status = \"proposed\"");
    let p = built(
        &[
            ("content/tradeoffs/importer.md", SLOW_CHOICE),
            ("content/tradeoffs/importer-next.md", &proposed),
        ],
        &[],
    );
    let made = p.read("public/tradeoffs/importer.html");
    let main = main_of(&made);
    assert!(
        main.contains("<span class=\"badge chosen\">Chosen</span>"),
        "{main}"
    );
    assert!(
        main.contains("The chosen option is not the best by CD3"),
        "{main}"
    );
    let open = p.read("public/tradeoffs/importer-next.html");
    let main = main_of(&open);
    assert!(
        main.contains("<span class=\"badge chosen\">Proposed</span>"),
        "{main}"
    );
    assert!(
        main.contains("The proposed option is not the best by CD3"),
        "{main}"
    );
}

#[test]
fn the_board_counts_items_by_level_and_status() {
    let p = built(&[], &[]);
    let html = p.read("public/board.html");
    let main = main_of(&html);
    assert!(
        main.contains("Story <span class=\"count\">(2)</span>"),
        "{main}"
    );
    assert!(
        main.contains("Done <span class=\"count\">(1)</span>"),
        "{main}"
    );
    assert!(main.contains("Setup checklist on first login"));
}

#[test]
fn moscow_shows_the_must_share_and_warns_above_sixty_percent() {
    let p = built(&[], &[]);
    let html = p.read("public/moscow.html");
    let main = main_of(&html);
    // Must: 8 + 3 of 13 estimated.
    assert!(
        main.contains("<strong>85%</strong> of the estimated effort is “must have”, above the 60%"),
        "{main}"
    );
    assert!(main.contains("Non-goals of the vision"));
    assert!(main.contains("Enterprise migration tooling this year"));
    let home = p.read("public/index.html");
    assert!(
        main_of(&home).contains("85% of the estimated effort is “must have”"),
        "health on the home page"
    );
}

#[test]
fn traceability_marks_own_and_inherited_goals_and_multi_goal_ideas() {
    let p = built(&[], &[]);
    let html = p.read("public/traceability.html");
    let main = main_of(&html);
    let idea = &main[main.find("A first week that sells itself").unwrap()..];
    let idea_row = &idea[..idea.find("</tr>").unwrap()];
    assert!(idea_row.contains("Serves several goals"), "{idea_row}");
    assert_eq!(idea_row.matches("title=\"serves\"").count(), 2);
    let mmf = &main[main.find(">Guided setup</a>").unwrap()..];
    let mmf_row = &mmf[..mmf.find("</tr>").unwrap()];
    assert_eq!(
        mmf_row.matches("title=\"inherited\"").count(),
        2,
        "{mmf_row}"
    );
}

#[test]
fn goals_without_work_stand_out() {
    let vision = std::fs::read_to_string(
        crate::support::repo().join("src/starter/content/vision.md"),
    )
    .unwrap()
    .replace(
        "[[goals]]\nid = \"retention\"",
        "[[goals]]\nid = \"nps\"\ntitle = \"Be recommended\"\n\n[[goals]]\nid = \"retention\"",
    );
    let p = built(&[("content/vision.md", &vision)], &[]);
    let trace = p.read("public/traceability.html");
    assert!(
        main_of(&trace).contains("class=\"no-work\"><a href=\"goals/nps.html\">Be recommended</a>"),
        "{}",
        main_of(&trace)
    );
    let home = p.read("public/index.html");
    assert!(main_of(&home).contains("Goal “Be recommended” has no work tracing to it"));
}

#[test]
fn the_engagement_plan_puts_overdue_first_and_the_map_links_people() {
    let p = built(&[], &[]);
    let html = p.read("public/engagement.html");
    let main = main_of(&html);
    let plan = &main[main.find("Engagement plan").unwrap()..];
    let dana = plan.find(">Dana Whitfield<").unwrap();
    let sam = plan.find(">Sam Ortega<").unwrap();
    let legal = plan.find(">Legal team<").unwrap();
    assert!(dana < sam && sam < legal, "overdue first, then no cadence");
    assert!(plan.contains("Overdue by 9 days"), "{plan}");
    assert!(
        main.contains(
            "<a href=\"stakeholders/dana.html\" aria-label=\"Dana Whitfield\" class=\"point engagement-collaborate is-overdue\">"
        ),
        "{main}"
    );
    assert!(
        main.contains("Manage closely")
            && main.contains("Keep satisfied")
            && main.contains("Keep informed")
            && main.contains("Monitor")
    );
}

#[test]
fn the_decision_log_has_a_page_per_status() {
    let p = built(&[("content/tradeoffs/tour-first.md", OLD_DECISION)], &[]);
    let accepted = p.read("public/tradeoffs/status/accepted.html");
    assert!(main_of(&accepted).contains("Ship the checklist before the tour"));
    assert!(!main_of(&accepted).contains("Tour first"));
    let deprecated = p.read("public/tradeoffs/status/deprecated.html");
    assert!(main_of(&deprecated).contains("Tour first"));
    assert!(main_of(&deprecated).contains("aria-current=\"page\">Deprecated (1)"));
}

#[test]
fn health_flags_a_veto_holder_who_had_no_say() {
    let p = built(&[("content/tradeoffs/importer.md", SLOW_CHOICE)], &[]);
    let home = p.read("public/index.html");
    assert!(
        main_of(&home).contains(
            "affects Legal team, who can veto, but they neither decided nor were consulted"
        ),
        "{}",
        main_of(&home)
    );
}

#[test]
fn with_base_url_an_atom_feed_and_sitemap_are_written() {
    let p = built(&[], &["--base-url", "https://acme.example/portal"]);
    let feed = p.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&feed).expect("feed.xml is well-formed XML");
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    for required in ["id", "title", "updated", "author"] {
        assert!(
            root.children().any(|c| c.tag_name().name() == required),
            "feed lacks <{required}>"
        );
    }
    let entry = root
        .children()
        .find(|c| c.tag_name().name() == "entry")
        .expect("an entry");
    let link = entry
        .children()
        .find(|c| c.tag_name().name() == "link")
        .unwrap();
    assert_eq!(
        link.attribute("href"),
        Some("https://acme.example/portal/updates/first-update.html")
    );
    let content = entry
        .children()
        .find(|c| c.tag_name().name() == "content")
        .unwrap()
        .text()
        .unwrap();
    assert!(
        content.contains("<p>The setup checklist shipped"),
        "{content}"
    );
    let sitemap = p.read("public/sitemap.xml");
    roxmltree::Document::parse(&sitemap).expect("sitemap.xml is well-formed");
    assert!(sitemap.contains("<loc>https://acme.example/portal/backlog/guided-setup.html</loc>"));
    assert!(
        p.read("public/index.html")
            .contains("href=\"https://acme.example/portal/feed.xml\"")
    );
}

#[test]
fn without_base_url_there_is_no_feed_or_sitemap() {
    let p = built(&[], &[]);
    assert!(!p.path("public/feed.xml").exists());
    assert!(!p.path("public/sitemap.xml").exists());
}

#[test]
fn the_404_page_carries_its_own_styles_and_absolute_links() {
    let p = built(&[], &["--base-url", "https://acme.example/portal/"]);
    let html = p.read("public/404.html");
    assert!(html.contains("<style>"), "works at any depth");
    assert!(!html.contains("href=\"style.css\""));
    assert!(html.contains("href=\"https://acme.example/portal/index.html\""));
}

#[test]
fn the_search_index_finds_a_story_by_a_word_of_its_body() {
    let p = built(&[], &[]);
    let docs = p.read("public/search/docs.js");
    let docs: serde_json::Value = serde_json::from_str(
        docs.trim()
            .trim_start_matches("cairnSearch.docs(")
            .trim_end_matches(");"),
    )
    .unwrap();
    let n = docs
        .as_array()
        .unwrap()
        .iter()
        .position(|d| d[1] == "backlog/invite-teammates.html")
        .expect("story listed");
    // "teammates" is in the title; "step" only in the body.
    let shard = p.read("public/search/7374.js"); // "st"
    let json = shard
        .trim()
        .trim_start_matches("cairnSearch.shard(\"7374\",")
        .trim_end_matches(");");
    let words: serde_json::Value = serde_json::from_str(json).unwrap();
    // Pages are listed as gaps from the page before.
    let pages: Vec<u64> = words["step"]
        .as_array()
        .unwrap()
        .iter()
        .scan(0, |page, gap| {
            *page += gap.as_u64().unwrap();
            Some(*page)
        })
        .collect();
    assert!(pages.contains(&(n as u64)), "{json}");
    let home = p.read("public/index.html");
    assert!(home.contains("<form role=\"search\""), "the search box");
    assert!(home.contains("search.js\" defer"));
}
