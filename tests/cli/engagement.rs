//! The engagement log as a reader sees it: the log page, a conversation's
//! page, a stakeholder's history and derived last contact, the proof of
//! consultation beside each consulted person, health, and nothing of it in
//! a public build.

use std::fs;

use crate::support::{Portal, main_of, snapshot, stderr};

/// Notes no other text of the portal holds: a public build must show none.
const MARKERS: [&str; 2] = [
    "Marker kickoff notes zq7vx3 about SSO timing",
    "Marker renewal notes kp4wy9 about the checklist",
];

/// The base portal with a small log: Sam consulted on SSO before the
/// decision, Legal listed as consulted but never talked to, Dana overdue
/// by `last_contact` but cleared by a call, with a follow-up owed.
fn with_log() -> Portal {
    let portal = Portal::copy_of("tests/fixtures/base");
    let dana = portal.read("content/stakeholders/dana.md");
    portal.write(
        "content/stakeholders/dana.md",
        &dana.replacen(
            "interest = 4\n",
            "interest = 4\ncadence_days = 30\nlast_contact = 2026-08-01\n",
            1,
        ),
    );
    let sso = portal.read("content/tradeoffs/sso-first.md");
    portal.write(
        "content/tradeoffs/sso-first.md",
        &sso.replacen(
            "decided_by = [\"dana\"]\n",
            "decided_by = [\"dana\"]\nconsulted = [\"sam\", \"legal\"]\n",
            1,
        ),
    );
    portal.write(
        "content/conversations/kickoff.md",
        &format!(
            "+++\ntitle = \"SSO kickoff with Sam\"\ndate = 2026-09-01\nwith = [\"sam\"]\nmode = \"meeting\"\ngoals = [\"activation\"]\ntradeoffs = [\"sso-first\"]\n+++\n\n{}.\n",
            MARKERS[0]
        ),
    );
    portal.write(
        "content/conversations/renewal.md",
        &format!(
            "+++\ntitle = \"Renewal check-in call\"\ndate = 2026-11-10\nwith = [\"dana\"]\nmode = \"call\"\nitems = [\"setup-checklist\"]\nfollow_up = 2026-11-15\n+++\n\n{}.\n",
            MARKERS[1]
        ),
    );
    portal
}

fn built() -> Portal {
    let portal = with_log();
    let out = portal.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    portal
}

#[test]
fn the_log_lists_conversations_newest_first_by_month_and_by_mode() {
    let portal = built();
    let log = portal.read("public/conversations/index.html");
    let main = main_of(&log);
    let renewal = main.find("Renewal check-in call").expect("renewal listed");
    let kickoff = main.find("SSO kickoff with Sam").expect("kickoff listed");
    assert!(renewal < kickoff, "newest first");
    for heading in ["November 2026", "September 2026", "Meeting", "Call"] {
        assert!(main.contains(heading), "no group {heading}: {main}");
    }
    assert!(
        main.contains("href=\"#month-2026-11\""),
        "groups are reached by plain links"
    );
    let home = portal.read("public/index.html");
    assert!(
        home.contains("href=\"conversations/index.html\""),
        "nav links the log"
    );
}

#[test]
fn a_conversation_page_shows_when_how_who_what_and_the_notes() {
    let portal = built();
    let page = portal.read("public/conversations/renewal.html");
    let main = main_of(&page);
    assert!(main.contains("10 Nov 2026") && main.contains("Call"));
    assert!(main.contains("href=\"../stakeholders/dana.html\"><bdi>Dana Whitfield</bdi></a>"));
    assert!(main.contains("href=\"../backlog/setup-checklist.html\""));
    assert!(main.contains("15 Nov 2026") && main.contains("overdue"));
    assert!(main.contains(MARKERS[1]));
}

#[test]
fn when_did_we_last_talk_to_dana_and_what_about() {
    let portal = built();
    // Home -> Stakeholders -> Dana: two clicks.
    let home = portal.read("public/index.html");
    assert!(home.contains("href=\"stakeholders/index.html\""));
    let list = portal.read("public/stakeholders/index.html");
    assert!(list.contains("dana.html"));
    let dana = portal.read("public/stakeholders/dana.html");
    let main = main_of(&dana);
    assert!(
        main.contains("<dt>Last contact</dt><dd>10 Nov 2026</dd>"),
        "last contact is the latest conversation, not the older last_contact: {main}"
    );
    assert!(
        !main.contains("Conversation overdue"),
        "logging the call cleared overdue"
    );
    assert!(main.contains("Renewal check-in call") && main.contains("Setup checklist"));
    assert!(main.contains("Follow-ups we owe them"));
    assert!(main.contains("Follow-up overdue since 15 Nov 2026"));
    // The engagement plan judges her by the derived date too.
    let plan = portal.read("public/engagement.html");
    let row = &plan[plan.rfind("stakeholders/dana.html").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains("10 Nov 2026") && row.contains("10 Dec 2026"),
        "{row}"
    );
    assert!(!row.contains("verdue"), "{row}");
}

#[test]
fn was_legal_really_consulted_on_sso_first() {
    let portal = built();
    // Home -> Decisions -> the decision: two clicks.
    let home = portal.read("public/index.html");
    assert!(home.contains("href=\"tradeoffs/index.html\""));
    assert!(
        portal
            .read("public/tradeoffs/index.html")
            .contains("sso-first.html")
    );
    let page = portal.read("public/tradeoffs/sso-first.html");
    let main = main_of(&page);
    let sam = main.find(">Sam").expect("Sam listed");
    let legal = main.find(">Legal").expect("Legal listed");
    let (sam_part, legal_part) = if sam < legal {
        (&main[sam..legal], &main[legal..])
    } else {
        (&main[sam..], &main[legal..sam])
    };
    assert!(sam_part.contains("On record:") && sam_part.contains("SSO kickoff with Sam"));
    assert!(legal_part.contains("Not on record"), "{legal_part}");
}

#[test]
fn goals_and_items_list_the_conversations_about_them() {
    let portal = built();
    let goal = portal.read("public/goals/activation.html");
    assert!(main_of(&goal).contains("SSO kickoff with Sam"));
    let item = portal.read("public/backlog/setup-checklist.html");
    assert!(main_of(&item).contains("Renewal check-in call"));
}

#[test]
fn health_reports_a_consultation_not_on_record_and_an_overdue_follow_up() {
    let portal = with_log();
    let out = portal.cairn(&["check"]);
    let err = stderr(&out);
    assert!(err.contains("1 consultation not on record"), "{err}");
    assert!(err.contains("1 overdue follow-up"), "{err}");
    assert!(err.contains("lists Legal"), "{err}");
    assert!(
        !err.contains("Conversation with Dana Whitfield is overdue"),
        "{err}"
    );
}

#[test]
fn decisions_before_the_first_conversation_are_not_asked_for_proof() {
    let portal = with_log();
    portal.write(
        "content/conversations/kickoff.md",
        "+++\ntitle = \"Later chat\"\ndate = 2026-10-01\nwith = [\"sam\"]\n+++\n",
    );
    let out = portal.cairn(&["check"]);
    assert!(!stderr(&out).contains("not on record"), "{}", stderr(&out));
}

#[test]
fn a_public_build_holds_no_conversation() {
    let portal = with_log();
    let out = portal.cairn(&["build", "--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!portal.path("public/conversations").exists());
    let secrets = [
        MARKERS[0],
        MARKERS[1],
        "SSO kickoff with Sam",
        "Renewal check-in call",
        "conversations/",
        "Not on record",
        "Follow-ups we owe",
    ];
    for (path, bytes) in snapshot(&portal.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        for s in secrets {
            assert!(!text.contains(s), "{} holds {s:?}", path.display());
        }
    }
    let _ = fs::metadata(portal.path("public/index.html")).expect("built");
}

#[test]
fn serve_shows_a_new_or_edited_conversation_on_the_stakeholders_page() {
    use crate::serve::{events, get, start, wait_for};
    let portal = with_log();
    let server = start(&portal);
    let dana = format!("{}stakeholders/dana.html", server.prefix);
    assert!(get(&server, &dana).1.contains("<dd>10 Nov 2026</dd>"));
    // Pages that do not show the conversation or Dana are kept.
    let unrelated = || {
        for page in ["board.html", "vision/index.html"] {
            assert_eq!(get(&server, &format!("{}{page}", server.prefix)).0, 200);
        }
    };
    unrelated();
    let rx = events(&server);
    let generation = wait_for(&rx, |_| true)["generation"].as_i64().unwrap();
    let next_line = |want: &str| {
        std::iter::from_fn(|| {
            server
                .log
                .recv_timeout(std::time::Duration::from_secs(10))
                .ok()
        })
        .find(|l| l.contains(want))
        .unwrap_or_else(|| panic!("no line with {want:?}"))
    };
    portal.write(
        "content/conversations/pricing.md",
        "+++\ntitle = \"Pricing follow-up\"\ndate = 2026-11-20\nwith = [\"dana\"]\nmode = \"email\"\n+++\n\nSent the numbers.\n",
    );
    wait_for(&rx, |e| e["generation"].as_i64().unwrap() > generation);
    let line = next_line("rebuilt in");
    assert!(
        line.contains("(2 pages kept)"),
        "an added conversation keeps unrelated pages: {line}"
    );
    let body = get(&server, &dana).1;
    assert!(body.contains("<dd>20 Nov 2026</dd>"), "derived date moved");
    assert!(body.contains("Pricing follow-up"));
    let (status, page) = get(
        &server,
        &format!("{}conversations/pricing.html", server.prefix),
    );
    assert_eq!(status, 200);
    assert!(page.contains("Sent the numbers."));
    assert!(
        get(
            &server,
            &format!("{}conversations/index.html", server.prefix)
        )
        .1
        .contains("Pricing follow-up")
    );
    unrelated();
    // An edit of its date moves the stakeholder's last contact again.
    let text = portal.read("content/conversations/pricing.md");
    portal.write(
        "content/conversations/pricing.md",
        &text.replace("2026-11-20", "2026-11-21"),
    );
    wait_for(&rx, |e| e["generation"].as_i64().unwrap() > generation + 1);
    assert!(get(&server, &dana).1.contains("<dd>21 Nov 2026</dd>"));
    // Incremental: patched into the served portal, most pages kept.
    let line = next_line("patched in");
    assert!(line.contains("(2 pages kept)"), "{line}");
    // A notes-only edit shows on the conversation's page.
    let text = portal.read("content/conversations/pricing.md");
    portal.write(
        "content/conversations/pricing.md",
        &text.replace("Sent the numbers.", "Sent the revised numbers."),
    );
    wait_for(&rx, |e| e["generation"].as_i64().unwrap() > generation + 2);
    let (_, page) = get(
        &server,
        &format!("{}conversations/pricing.html", server.prefix),
    );
    assert!(page.contains("Sent the revised numbers."));
}

#[test]
fn cairn_new_conversation_is_dated_today_with_the_people_named_and_builds() {
    let portal = with_log();
    let out = portal.cairn(&[
        "new",
        "conversation",
        "audit-chat",
        "--with",
        "dana",
        "legal",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = portal.read("content/conversations/audit-chat.md");
    assert!(text.contains("date = 2026-11-22"), "{text}");
    assert!(text.contains("with = [\"dana\", \"legal\"]"), "{text}");
    let out = portal.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let legal = portal.read("public/stakeholders/legal.html");
    assert!(main_of(&legal).contains("Audit chat"));
}

#[test]
fn cairn_new_conversation_without_anyone_is_refused() {
    let portal = with_log();
    let out = portal.cairn(&["new", "conversation", "alone"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("must be with someone") && err.contains("--with"),
        "{err}"
    );
    assert!(!portal.path("content/conversations/alone.md").exists());
}

#[test]
fn conversation_notes_quoted_in_a_public_page_fail_the_public_build() {
    let portal = with_log();
    portal.write(
        "content/updates/october.md",
        &format!(
            "+++\ntitle = \"October update\"\ndate = 2026-10-31\n+++\n\nAs Sam said: {}.\n",
            MARKERS[0]
        ),
    );
    let out = portal.cairn(&["build", "--public"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("private text leaked into the public build"),
        "{err}"
    );
    assert!(err.contains("content/conversations/kickoff.md"), "{err}");
    assert!(!portal.path("public/updates/october.html").exists());
}

#[test]
fn a_public_build_shows_the_derived_last_contact_only_where_contact_dates_show() {
    // By default a public build shows no contact date at all; `[public]
    // engagement = true` shows the one conversations give, and still no
    // conversation.
    let portal = with_log();
    let out = portal.cairn(&["build", "--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dana = portal.read("public/stakeholders/dana.html");
    assert!(!dana.contains("10 Nov 2026"), "no contact date by default");
    assert!(!dana.contains("Last contact"));

    let config = portal.read("cairn.toml");
    portal.write(
        "cairn.toml",
        &format!("{config}\n[public]\nengagement = true\n"),
    );
    let out = portal.cairn(&["build", "--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let main = main_of(&portal.read("public/stakeholders/dana.html")).to_string();
    assert!(
        main.contains("<dt>Last contact</dt><dd>10 Nov 2026</dd>"),
        "the derived last contact shows where contact dates do: {main}"
    );
    assert!(!main.contains("Conversation overdue"));
    for (path, bytes) in snapshot(&portal.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        for s in [
            MARKERS[0],
            MARKERS[1],
            "Renewal check-in call",
            "Follow-ups we owe",
        ] {
            assert!(!text.contains(s), "{} holds {s:?}", path.display());
        }
    }
}

#[test]
fn a_public_build_with_health_shown_counts_no_finding_from_the_log() {
    // Portal health in a public build may show cadence findings, never the
    // ones only conversations give (their counts included).
    let portal = with_log();
    let config = portal.read("cairn.toml");
    portal.write(
        "cairn.toml",
        &format!("{config}\n[public]\nengagement = true\nhealth = true\n"),
    );
    let team = portal.cairn(&["check", "--verbose"]);
    let text = stderr(&team);
    assert!(
        text.contains("consultation not on record") && text.contains("overdue follow-up"),
        "the team sees both: {text}"
    );
    let out = portal.cairn(&["build", "--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        portal.read("public/index.html").contains("Portal health"),
        "health is shown"
    );
    for (path, bytes) in snapshot(&portal.path("public")) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for s in [
            "not on record",
            "follow-up",
            "consultation",
            "conversations/",
        ] {
            assert!(!text.contains(s), "{} holds {s:?}", path.display());
        }
    }
}

#[test]
fn a_right_to_left_conversation_title_keeps_its_date_after_it() {
    // Unisolated, an Arabic title pulls the date's day before it
    // ("20 <title> Sep 2026"); each title and name is its own bidi run.
    let portal = Portal::copy_of("tests/fixtures/other");
    let out = portal.cairn(&["build", "--today", "2026-11-22"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = portal.read("public/stakeholders/al-hashimi.html");
    let main = main_of(&page);
    assert!(
        main.contains(
            "<bdi>مراجعة التخطيط من اليمين إلى اليسار مع مكتبة الإسكندرية</bdi></a> <time"
        ),
        "{main}"
    );
    assert!(main.contains("With <bdi>محمد عبد الرحمن"), "{main}");
    // A person's name and position beside it, in any list of people.
    let decision = portal.read("public/tradeoffs/six-ways-to-store-scripts.html");
    assert!(
        decision.contains("<bdi>محمد عبد الرحمن بن عبد العزيز الهاشمي</bdi></a> <span class=\"muted\"><bdi>مدير المكتبة الرقمية</bdi>"),
        "{decision}"
    );
}
