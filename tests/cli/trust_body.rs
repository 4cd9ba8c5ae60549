//! Bodies on the written pages: nothing an author writes runs, nothing
//! they write vanishes, no link reaches a page the build leaves out, and
//! links in raw HTML work like Markdown ones under a sub-path.

use crate::support::{Portal, main_of, snapshot, stderr};

fn portal() -> Portal {
    let p = Portal::copy_of("tests/fixtures/base");
    p.write(
        "cairn.toml",
        "title = \"Acme\"\nbase_url = \"https://acme.example/portal/\"\n",
    );
    p
}

/// Appends `body` to the body of `rel`.
fn append(p: &Portal, rel: &str, body: &str) {
    let text = p.read(rel);
    p.write(rel, &format!("{text}\n{body}\n"));
}

#[test]
fn a_public_build_leaves_no_reference_to_a_private_document_in_links_images_raw_html_or_feed() {
    let p = portal();
    p.write(
        "content/backlog/secret-plan.md",
        "+++\ntitle = \"Secret plan\"\nlevel = \"idea\"\nprivate = true\n+++\n# Hush\n",
    );
    let links = "See [md link](@/backlog/secret-plan.md#hush), [ref link][plan], \
        ![image alt](@/backlog/secret-plan.md), <a href=\"@/backlog/secret-plan.md\">raw link</a>, \
        <a href=\"../backlog/secret-plan.html\">relative link</a> and [kept](@/backlog/first-project.md).\n\n\
        [plan]: @/backlog/secret-plan.md\n";
    append(&p, "content/backlog/guided-setup.md", links);
    append(&p, "content/updates/october.md", links);
    let out = p.cairn(&["build", "--public", "-o", "out"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    for (path, bytes) in snapshot(&p.path("out")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("secret-plan"),
            "{} points at the private document",
            path.display()
        );
    }
    let page = p.read("out/backlog/guided-setup.html");
    for text in ["md link", "ref link", "raw link", "relative link"] {
        assert!(
            main_of(&page).contains(text),
            "{text} lost: {}",
            main_of(&page)
        );
    }
    assert!(
        page.contains(r#"<a href="../backlog/first-project.html">kept</a>"#),
        "{page}"
    );
    // One warning at each `@/` link, Markdown or raw HTML, naming the line.
    assert_eq!(
        err.matches("links to a private document").count(),
        8,
        "{err}"
    );
    assert!(err.contains("content/backlog/guided-setup.md:"), "{err}");
}

#[test]
fn root_relative_and_at_links_in_raw_html_work_under_a_sub_path() {
    let p = portal();
    p.write(
        "static/img/x.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    append(
        &p,
        "content/updates/october.md",
        "<img src=\"/img/x.svg\" alt=\"chart\"> <a href=\"@/backlog/first-project.md\">first</a> [md](/img/x.svg)\n",
    );
    let out = p.cairn(&["build", "-o", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = p.read("out/updates/october.html");
    assert!(page.contains(r#"src="../img/x.svg""#), "{page}");
    assert!(
        page.contains(r#"href="../backlog/first-project.html""#),
        "{page}"
    );
    assert!(page.contains(r#"href="../img/x.svg""#), "{page}");
    let feed = p.read("out/feed.xml");
    assert!(
        feed.contains("src=&quot;https://acme.example/portal/img/x.svg&quot;")
            || feed.contains("src=\"https://acme.example/portal/img/x.svg\""),
        "{feed}"
    );
    assert!(
        !feed.contains("@/") && !feed.contains("&quot;../"),
        "{feed}"
    );
}

#[test]
fn a_broken_at_link_in_raw_html_is_an_error_at_its_line() {
    let p = portal();
    append(
        &p,
        "content/backlog/guided-setup.md",
        "<a href=\"@/backlog/no-such-item.md\">gone</a>\n",
    );
    let out = p.cairn(&["build", "-o", "out"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("broken link: no document at content/backlog/no-such-item.md"),
        "{err}"
    );
    assert!(err.contains("content/backlog/guided-setup.md:"), "{err}");
}

#[test]
fn an_event_handler_in_heading_attributes_never_reaches_the_page() {
    let p = portal();
    append(
        &p,
        "content/backlog/guided-setup.md",
        "## Plan {onclick=\"alert(1)\" onmouseover=alert(2) .wide #plan-of-record}\n\n[link](javascript:alert(3))\n",
    );
    let out = p.cairn(&["build", "-o", "out"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let page = p.read("out/backlog/guided-setup.html");
    let lower = page.to_lowercase();
    assert!(
        !lower.contains("onclick")
            && !lower.contains("onmouseover")
            && !lower.contains("javascript:"),
        "{page}"
    );
    assert!(
        page.contains(r#"<h2 id="plan-of-record" class="wide">Plan</h2>"#),
        "{page}"
    );
    assert!(
        err.contains("warning: heading attributes dropped: onclick, onmouseover"),
        "{err}"
    );
    assert!(err.contains("content/backlog/guided-setup.md:"), "{err}");
}

#[test]
fn prose_mentioning_a_script_or_title_tag_keeps_the_rest_of_the_body() {
    let p = portal();
    append(
        &p,
        "content/backlog/guided-setup.md",
        "Never put a <script> tag here, and the <title> element is not a <textarea> box.\n\nThe LAST-PARAGRAPH-9f1 stays.\n",
    );
    let out = p.cairn(&["build", "-o", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = p.read("out/backlog/guided-setup.html");
    let main = main_of(&page);
    assert!(main.contains("Never put a &lt;script&gt; tag here, and the &lt;title&gt; element is not a &lt;textarea&gt; box."), "{main}");
    assert!(
        main.contains("<p>The LAST-PARAGRAPH-9f1 stays.</p>"),
        "{main}"
    );
}

#[test]
fn heading_ids_never_repeat_the_theme_ids_on_a_page() {
    let p = portal();
    append(
        &p,
        "content/backlog/guided-setup.md",
        "# Main\n\n## Search results {#search-results}\n\n## Again {#again}\n\n## Twice {#again}\n",
    );
    let out = p.cairn(&["build", "-o", "out"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let page = p.read("out/backlog/guided-setup.html");
    let mut ids: Vec<&str> = page
        .match_indices(" id=\"")
        .map(|(i, _)| {
            let rest = &page[i + 5..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "an id repeats: {page}");
    assert!(
        ids.contains(&"main-1") && ids.contains(&"search-results-1") && ids.contains(&"again-1"),
        "{ids:?}"
    );
    assert!(
        err.contains("heading id `again` is already used on this page"),
        "{err}"
    );
}
