//! History for stakeholders: the changes touching a person since their last
//! contact, and who moved on the power/interest map.

use crate::history::{build, commit, repository};

#[test]
fn a_stakeholder_page_lists_what_touched_them_since_the_last_contact() {
    let p = repository();
    let r = p.root();
    let dana = p.read("content/stakeholders/dana.md");
    p.write(
        "content/stakeholders/dana.md",
        &dana.replace("interest = 4", "interest = 4\nlast_contact = 2026-10-10"),
    );
    commit(r, "2026-10-02", "met dana");
    let decision = p.read("content/tradeoffs/sso-first.md");
    p.write(
        "content/tradeoffs/sso-first.md",
        &decision.replace("status = \"accepted\"", "status = \"proposed\""),
    );
    commit(r, "2026-10-08", "before the contact");
    p.write(
        "content/tradeoffs/sso-first.md",
        &decision.replace("status = \"accepted\"", "status = \"rejected\""),
    );
    p.write(
        "content/stakeholders/dana.md",
        &dana.replace("interest = 4", "interest = 2\nlast_contact = 2026-10-10"),
    );
    p.write(
        "content/vision.md",
        &p.read("content/vision.md").replace(
            "title = \"Double week-1 activation\"",
            "title = \"Double week-1 activation\"\n[[goals.readings]]\ndate = 2026-10-15\nvalue = 0.4",
        ),
    );
    p.write(
        "content/conversations/dana-2026-10-16.md",
        "+++\ntitle = \"Call with Dana\"\ndate = 2026-10-12\nwith = [\"dana\"]\n+++\nNotes.\n",
    );
    commit(r, "2026-10-16", "after the contact");
    // History follows readings as raw TOML, whatever the loader makes of
    // them; a reading taken out again stays in the history.
    let vision = p.read("content/vision.md");
    let at = vision.find("[[goals.readings]]").unwrap();
    let end = at + vision[at..].find("value = 0.4\n").unwrap() + "value = 0.4\n".len();
    p.write(
        "content/vision.md",
        &format!("{}{}", &vision[..at], &vision[end..]),
    );
    commit(r, "2026-10-17", "tidy");
    build(&p, &[]);
    let page = p.read("public/stakeholders/dana.html");
    let at = page
        .find("Changed since the last contact")
        .expect("section");
    let section = &page[at..at + page[at..].find("</section>").unwrap()];
    assert!(section.contains("rejected (was proposed)"), "{section}");
    assert!(!section.contains("proposed (was accepted)"), "{section}");
    let engagement = p.read("public/engagement.html");
    assert!(engagement.contains("interest 4 → 2"), "{engagement}");
    // The map draws the move as an arrow from the old cell, and its table
    // says it.
    assert!(engagement.contains("<line class=\"moved\""), "{engagement}");
    assert!(engagement.contains("<th scope=\"col\">Moved (90 days)</th>"));
    assert!(
        engagement.contains("<td>interest 4 → 2 on 16 Oct 2026</td>"),
        "{engagement}"
    );
    let changes = p.read("public/changes.html");
    assert!(
        changes.contains("reading added: date = 2026-10-15, value = 0.4"),
        "{changes}"
    );
    assert!(section.contains("reading added"), "{section}");
    assert!(changes.contains("Call with Dana</a>: logged"), "{changes}");
}
