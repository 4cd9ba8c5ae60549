//! Team politics stay in the team build: a public build shows who people
//! are and what they asked for, never how the team rates or chases them,
//! nor the portal's health, unless `[public]` in `cairn.toml` opts it in.

use crate::support::{Portal, snapshot, starter, stderr};

/// What a reader can see in every output file: text files, with the
/// theme's stylesheet (which names classes such as `.is-overdue`) left out.
fn readable(p: &Portal, out: &str) -> Vec<(String, String)> {
    snapshot(&p.path(out))
        .into_iter()
        .filter(|(path, _)| path.extension().is_none_or(|e| e != "css"))
        .map(|(path, bytes)| {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            // The 404 page inlines the stylesheet.
            let text = match (text.find("<style>"), text.find("</style>")) {
                (Some(a), Some(b)) => format!("{}{}", &text[..a], &text[b..]),
                _ => text,
            };
            (path.display().to_string(), text)
        })
        .collect()
}

/// Team politics as they show in a team build of the starter portal: Dana
/// (power 5, interest 4, every 14 days, last talked to on 30 Oct, so
/// overdue since 13 Nov) and Sam (overdue since 14 Nov).
const POLITICS: &[&str] = &[
    "overdue",
    "Overdue",
    "5 of 5",
    "4 of 5",
    "Power",
    "power",
    "Interest",
    "interest",
    "Manage closely",
    "Keep satisfied",
    "Keep informed",
    "Collaborate",
    "engagement-",
    "Engagement",
    "Talk every",
    "14 days",
    "Last contact",
    "30 Oct 2026",
    "Next due",
    "13 Nov 2026",
    "Portal health",
    "Nothing needs attention",
    "Conversation with",
    "leaves room to deliver",
];

fn assert_absent(p: &Portal, out: &str, words: &[&str]) {
    for (path, text) in readable(p, out) {
        for word in words {
            assert!(!text.contains(word), "“{word}” shows in {out}/{path}");
        }
    }
}

#[test]
fn a_public_build_shows_no_scores_quadrants_modes_contact_dates_overdue_states_or_health() {
    let p = starter();
    p.write(
        "cairn.toml",
        "title = \"Acme\"\nbase_url = \"https://acme.example/\"\n",
    );
    let team = p.cairn(&["build", "--verbose", "-o", "team"]);
    assert!(team.status.success(), "{}", stderr(&team));
    let team_text: String = readable(&p, "team").into_iter().map(|(_, t)| t).collect();
    for word in POLITICS.iter().filter(|w| **w != "Nothing needs attention") {
        assert!(team_text.contains(word), "the team build shows “{word}”");
    }

    let public = p.cairn(&["build", "--public", "--verbose"]);
    assert!(public.status.success(), "{}", stderr(&public));
    assert_absent(&p, "public", POLITICS);
    // Who people are and what they asked for stay.
    let dana = p.read("public/stakeholders/dana.html");
    for kept in [
        "Dana Whitfield",
        "VP Customer Success",
        "Acme",
        "Buyer",
        "Renewals without onboarding escalations",
        "Guided setup",
    ] {
        assert!(
            dana.contains(kept),
            "{kept} missing from Dana's public page"
        );
    }
    assert!(!p.path("public/engagement.html").exists());
    for page in ["index.html", "stakeholders/index.html", "sitemap.xml"] {
        assert!(
            !p.read(&format!("public/{page}"))
                .contains("engagement.html"),
            "{page} links to the engagement page, which a public build has not"
        );
    }
    // The terminal is the team's: it still lists what to act on.
    assert!(
        stderr(&public).contains("Conversation with Dana Whitfield is overdue")
            && stderr(&public).contains("(not shown on the pages of this public build)"),
        "{}",
        stderr(&public)
    );
    assert_eq!(
        health_lines(&stderr(&public)),
        health_lines(&stderr(&team)),
        "the terminal lists the same findings for a public build"
    );
}

fn health_lines(err: &str) -> Vec<&str> {
    err.lines()
        .filter(|l| l.trim_start().starts_with("- "))
        .collect()
}

#[test]
fn public_opts_engagement_and_health_back_in() {
    let p = starter();
    p.write(
        "cairn.toml",
        "title = \"Acme\"\n\n[public]\nengagement = true\n",
    );
    let out = p.cairn(&["build", "--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dana = p.read("public/stakeholders/dana.html");
    for shown in [
        "5 of 5",
        "Collaborate",
        "Talk every",
        "30 Oct 2026",
        "Conversation overdue",
    ] {
        assert!(dana.contains(shown), "{shown} missing: {dana}");
    }
    assert!(p.read("public/engagement.html").contains("Manage closely"));
    assert_absent(&p, "public", &["Portal health", "Conversation with"]);

    p.write(
        "cairn.toml",
        "title = \"Acme\"\n\n[public]\nhealth = true\n",
    );
    let out = p.cairn(&["build", "--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = p.read("public/index.html");
    assert!(home.contains("Portal health"));
    assert!(home.contains("Conversation with Dana Whitfield is overdue"));
    assert!(!p.read("public/stakeholders/dana.html").contains("5 of 5"));
    assert!(!p.path("public/engagement.html").exists());
}

#[test]
fn a_misspelt_public_key_is_an_error_with_a_suggestion() {
    let p = starter();
    p.write(
        "cairn.toml",
        "title = \"Acme\"\n\n[public]\nengagment = true\nhealth = \"yes\"\n",
    );
    let out = p.cairn(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error: unknown key `engagment`"), "{err}");
    assert!(err.contains("cairn.toml:4:1"), "{err}");
    assert!(err.contains("did you mean `engagement`?"), "{err}");
    assert!(err.contains("cairn.toml:5:10"), "{err}");
}

#[test]
fn a_private_vision_is_an_error_at_its_private_key() {
    let p = starter();
    let vision = p.read("content/vision.md");
    p.write(
        "content/vision.md",
        &vision.replacen("+++\n", "+++\nprivate = true\n", 1),
    );
    for args in [&["check"][..], &["build", "--public"]] {
        let out = p.cairn(args);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(err.contains("error: the vision cannot be private"), "{err}");
        assert!(err.contains("content/vision.md:2:1\n"), "{err}");
        assert!(!err.contains("leaked"), "no misleading leak errors: {err}");
    }
}

#[test]
fn a_custom_template_that_prints_a_score_fails_a_public_build_instead_of_leaking_it() {
    let p = starter();
    p.write(
        "templates/stakeholder.html",
        "{% extends \"base.html\" %}{% block main %}<p>Power {{ stakeholder.power }}</p>{% endblock main %}",
    );
    let team = p.cairn(&["build", "-o", "team"]);
    assert!(team.status.success(), "{}", stderr(&team));
    assert!(p.read("team/stakeholders/dana.html").contains("Power 5"));
    let public = p.cairn(&["build", "--public"]);
    assert_eq!(public.status.code(), Some(1), "{}", stderr(&public));
    assert!(
        stderr(&public).contains("Field `power` is not defined"),
        "{}",
        stderr(&public)
    );
    assert!(!p.path("public").exists());
}
