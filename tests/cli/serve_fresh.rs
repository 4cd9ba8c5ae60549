//! `cairn serve` keeps rendered pages between saves and re-renders only the
//! ones an edit can change. The proof that it picks them all: after each
//! edit of the outcome, roadmap, assumption and engagement-log fields, every
//! page it serves is byte for byte what a fresh full build writes.

use std::collections::BTreeSet;
use std::path::Path;

use crate::serve::{Server, events, get, start, wait_for};
use crate::support::{Portal, cairn_in, stderr};

/// The site files of a fresh `cairn build`, as the server would address
/// them (base_url pointing at it), path and text.
fn fresh_build(portal: &Portal, server: &Server) -> Vec<(String, String)> {
    let out = tempfile::tempdir().unwrap();
    let base = format!("http://{}{}", server.host, server.prefix);
    let run = cairn_in(
        portal.root(),
        &[
            "build",
            ".",
            "--today",
            "2026-11-22",
            "--base-url",
            &base,
            "-o",
            out.path().to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let mut files = Vec::new();
    walk(out.path(), out.path(), &mut files);
    files
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(root, &path, out);
            continue;
        }
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let page = [".html", ".xml", "docs.js"]
            .iter()
            .any(|e| rel.ends_with(e));
        if page {
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The page as built: without the live-reload script the server adds.
fn served(server: &Server, rel: &str) -> (u16, String) {
    let (status, body) = get(server, &format!("{}{rel}", server.prefix));
    let tag = format!("<script src=\"{}__cairn/live.js\"", server.prefix);
    let body = match body.find(&tag) {
        Some(at) => {
            let end = at + body[at..].find("</script>").unwrap() + "</script>".len();
            format!("{}{}", &body[..at], &body[end..])
        }
        None => body,
    };
    (status, body)
}

/// Every page the server serves equals the fresh build's; pages of an older
/// build that the fresh one no longer has are gone. Fetching every page
/// also fills the server's cache, so the next edit has every page to keep
/// or re-render.
fn assert_fresh(portal: &Portal, server: &Server, step: &str, known: &mut BTreeSet<String>) {
    let fresh = fresh_build(portal, server);
    let mut stale = Vec::new();
    for (rel, want) in &fresh {
        let (status, body) = served(server, rel);
        if status != 200 || &body != want {
            stale.push(format!(
                "{rel} (HTTP {status}){}",
                first_difference(want, &body)
            ));
        }
    }
    let now: BTreeSet<String> = fresh.into_iter().map(|(rel, _)| rel).collect();
    for gone in known.difference(&now) {
        let (status, _) = served(server, gone);
        if status != 404 {
            stale.push(format!(
                "{gone}: still served (HTTP {status}) after the build dropped it"
            ));
        }
    }
    *known = now;
    assert!(
        stale.is_empty(),
        "after {step}, {} page(s) differ from a fresh build:\n{}",
        stale.len(),
        stale.join("\n")
    );
}

/// Where two texts part, with a little of each, for the failure message.
fn first_difference(want: &str, got: &str) -> String {
    let (want, got): (Vec<char>, Vec<char>) = (want.chars().collect(), got.chars().collect());
    let at = want.iter().zip(&got).take_while(|(a, b)| a == b).count();
    let snip = |s: &[char]| {
        let start = at.saturating_sub(60).min(s.len());
        let end = (at + 60).min(s.len());
        s[start..end].iter().collect::<String>().replace('\n', " ")
    };
    format!(
        ":\n    built:  …{}…\n    served: …{}…",
        snip(&want),
        snip(&got)
    )
}

/// Writes `text` to `rel` (or deletes it) and waits for the build after it;
/// returns how many rendered pages that build kept from the one before.
fn save(
    portal: &Portal,
    server: &Server,
    rel: &str,
    text: Option<&str>,
    generation: &mut i64,
) -> usize {
    while server.log.try_recv().is_ok() {}
    let rx = events(server);
    match text {
        Some(text) => portal.write(rel, text),
        None => std::fs::remove_file(portal.path(rel)).unwrap(),
    }
    let event = wait_for(&rx, |e| {
        e["generation"].as_i64().unwrap() > *generation || e["errors"].is_string()
    });
    assert!(event["errors"].is_null(), "{rel}: {event}");
    *generation = event["generation"].as_i64().unwrap();
    // The rebuild's line, printed before the build is published:
    // "FILE: patched in 12 ms (80 pages kept)".
    loop {
        let line = server
            .log
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the rebuild's line");
        if let Some((head, _)) = line.rsplit_once(" kept)") {
            let count = head.rsplit_once('(').unwrap().1;
            return count.split(' ').next().unwrap().parse().unwrap();
        }
    }
}

/// Replaces `from` by `to` in `rel`, which must contain it.
fn edit(portal: &Portal, rel: &str, from: &str, to: &str) -> String {
    let text = portal.read(rel);
    assert!(text.contains(from), "{rel} has no {from:?}");
    text.replacen(from, to, 1)
}

#[test]
fn every_served_page_equals_a_fresh_build_after_each_outcome_roadmap_and_log_edit() {
    let portal = Portal::copy_of("content-example");
    let server = start(&portal);
    let rx = events(&server);
    let mut generation = wait_for(&rx, |_| true)["generation"].as_i64().unwrap();
    drop(rx);
    let mut known = BTreeSet::new();
    assert_fresh(&portal, &server, "the first build", &mut known);

    // Each step saves one file, then compares every page. The edits that
    // the server renders incrementally (a conversation's notes or date, a
    // new conversation) must keep most pages, or this would prove nothing.
    let mut step = |what: &str, rel: &str, text: Option<String>| {
        let kept = save(&portal, &server, rel, text.as_deref(), &mut generation);
        assert_fresh(&portal, &server, what, &mut known);
        kept
    };
    let vision = "content/vision.md";
    step(
        "a new goal reading",
        vision,
        Some(edit(
            &portal,
            vision,
            "{ date = 2026-10-31, value = 44 },",
            "{ date = 2026-10-31, value = 44 },\n  { date = 2026-11-20, value = 52, note = \"new reading\" },",
        )),
    );
    step(
        "an edited goal reading",
        vision,
        Some(edit(&portal, vision, "value = 52", "value = 38")),
    );
    let assumption = "content/assumptions/trials-skip-onboarding-call.md";
    step(
        "an assumption's status and evidence",
        assumption,
        Some(edit(
            &portal,
            assumption,
            "status = \"testing\"\nimportance = 5\nevidence = 2",
            "status = \"invalidated\"\nimportance = 5\nevidence = 4\nlearned = 2026-11-20",
        )),
    );
    step(
        "an assumption's notes",
        assumption,
        Some(edit(
            &portal,
            assumption,
            "Three of the eight",
            "Five of the eight",
        )),
    );
    let sample = "content/backlog/sample-day.md";
    step(
        "an item's horizon",
        sample,
        Some(edit(
            &portal,
            sample,
            "horizon = \"next\"",
            "horizon = \"now\"",
        )),
    );
    step(
        "an item's depends_on",
        sample,
        Some(edit(
            &portal,
            sample,
            "horizon = \"now\"",
            "horizon = \"now\"\ndepends_on = [\"customer-import\"]",
        )),
    );
    let new = "content/conversations/tomas-checkout-call.md";
    let kept = step(
        "a new conversation",
        new,
        Some(
            "+++\ntitle = \"Checkout call with Tomas\"\ndate = 2026-06-15\nwith = [\"tomas-eriksen\"]\nmode = \"call\"\ntradeoffs = [\"hosted-card-checkout\"]\nfollow_up = 2026-11-30\n+++\n\nTomas wants the hosted page.\n"
                .into(),
        ),
    );
    assert!(
        kept > 40,
        "a new conversation re-renders few pages ({kept} kept)"
    );
    let kept = step(
        "a conversation moved after the decision it was about",
        new,
        Some(edit(&portal, new, "date = 2026-06-15", "date = 2026-06-25")),
    );
    assert!(
        kept > 40,
        "a moved conversation re-renders few pages ({kept} kept)"
    );
    let panel = "content/conversations/panel-offline-demo.md";
    step(
        "the conversation that cleared an overdue contact moved back before it",
        panel,
        Some(edit(
            &portal,
            panel,
            "date = 2026-11-20",
            "date = 2026-09-01",
        )),
    );
    let first = "content/conversations/arrival-texts-workshop.md";
    step(
        "the first conversation moved earlier (the log starts earlier)",
        first,
        Some(edit(
            &portal,
            first,
            "date = 2026-05-12",
            "date = 2026-03-01",
        )),
    );
    let kept = step(
        "a conversation's notes",
        new,
        Some(edit(
            &portal,
            new,
            "wants the hosted page",
            "now wants tap to pay",
        )),
    );
    assert!(kept > 80, "notes re-render their page only ({kept} kept)");
    step(
        "a conversation with someone else",
        new,
        Some(edit(
            &portal,
            new,
            "with = [\"tomas-eriksen\"]",
            "with = [\"maria-delgado\", \"tomas-eriksen\"]",
        )),
    );
    step(
        "a conversation about something else",
        new,
        Some(edit(
            &portal,
            new,
            "tradeoffs = [\"hosted-card-checkout\"]",
            "goals = [\"self-serve-setup\"]\nitems = [\"sample-day\"]",
        )),
    );
    step("a deleted conversation", new, None);
}

#[test]
fn every_served_page_of_the_second_fixture_equals_a_fresh_build_after_log_edits() {
    let portal = Portal::copy_of("tests/fixtures/other");
    let server = start(&portal);
    let rx = events(&server);
    let mut generation = wait_for(&rx, |_| true)["generation"].as_i64().unwrap();
    drop(rx);
    let mut known = BTreeSet::new();
    assert_fresh(&portal, &server, "the first build", &mut known);
    let mut step = |what: &str, rel: &str, text: Option<String>| {
        save(&portal, &server, rel, text.as_deref(), &mut generation);
        assert_fresh(&portal, &server, what, &mut known);
    };
    let survey = "content/conversations/reader-survey-autumn.md";
    step(
        "a survey moved a month later",
        survey,
        Some(edit(
            &portal,
            survey,
            "date = 2026-10-08",
            "date = 2026-11-08",
        )),
    );
    let workshop = "content/conversations/transliteration-workshop.md";
    step(
        "the first conversation moved after the decision it proved",
        workshop,
        Some(edit(
            &portal,
            workshop,
            "date = 2026-07-02",
            "date = 2026-07-20",
        )),
    );
    step(
        "a conversation retitled, its mode and follow-up changed",
        survey,
        Some(
            edit(&portal, survey, "mode = \"survey\"", "mode = \"email\"")
                .replacen("follow_up = 2026-11-15", "follow_up = 2026-12-15", 1)
                .replacen("Autumn reader survey", "Reader survey by email", 1),
        ),
    );
    let new = "content/conversations/ngozi-visit.md";
    step(
        "a new conversation with someone never met",
        new,
        Some(
            "+++\ntitle = \"Visit to Ngozi's reading room\"\ndate = 2026-07-10\nwith = [\"ngozi\"]\nmode = \"meeting\"\ntradeoffs = [\"six-ways-to-store-scripts\"]\n+++\n\nNgozi reads Igbo titles in Latin script.\n"
                .into(),
        ),
    );
    let vision = "content/vision.md";
    step(
        "a first reading of a goal never measured",
        vision,
        Some(edit(
            &portal,
            vision,
            "baseline = 2\ntarget = 40\n",
            "baseline = 2\ntarget = 40\nreadings = [{ date = 2026-11-01, value = 5 }]\n",
        )),
    );
    let assumption = "content/assumptions/readers-type-own-script.md";
    step(
        "an assumption now under test",
        assumption,
        Some(edit(
            &portal,
            assumption,
            "status = \"untested\"",
            "status = \"testing\"",
        )),
    );
    step("a deleted conversation", new, None);
}

#[test]
fn the_first_conversation_of_a_portal_shows_on_every_served_page() {
    // The log's link joins the navigation of every page.
    let portal = crate::support::starter();
    let server = start(&portal);
    let rx = events(&server);
    let mut generation = wait_for(&rx, |_| true)["generation"].as_i64().unwrap();
    drop(rx);
    let mut known = BTreeSet::new();
    assert_fresh(&portal, &server, "the first build", &mut known);
    let first = "+++\ntitle = \"First call\"\ndate = 2026-11-20\nwith = [\"dana\"]\n+++\n";
    save(
        &portal,
        &server,
        "content/conversations/first-call.md",
        Some(first),
        &mut generation,
    );
    assert_fresh(&portal, &server, "the first conversation", &mut known);
}
