//! Links and images in bodies that name a file of the site, not a document.

use crate::support::{starter, stderr};

/// The starter with a logo in static/ and `body` appended to an idea.
fn with_body(body: &str) -> crate::support::Portal {
    let p = starter();
    p.write(
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    p.write("static/docs/guide.pdf", "%PDF");
    let rel = "content/backlog/first-week.md";
    let text = p.read(rel);
    p.write(rel, &format!("{text}\n{body}\n"));
    p
}

#[test]
fn a_body_image_that_is_no_static_file_is_an_error_with_file_line_column_and_a_did_you_mean() {
    let p = with_body("![Our logo](/images/logo.sgv)");
    let out = p.cairn(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: broken image: `/images/logo.sgv` is no page and no file of static/"),
        "{err}"
    );
    assert!(err.contains("content/backlog/first-week.md:12:1"), "{err}");
    assert!(err.contains("did you mean `/images/logo.svg`?"), "{err}");
    assert!(!p.path("public").exists(), "nothing written");
}

#[test]
fn a_relative_body_link_to_a_missing_page_is_an_error_and_links_that_land_pass() {
    let p = with_body(
        "See [the board](../bord.html), [the real board](../board.html#main), \
         [the guide](/docs/guide.pdf), [a story](invite-teammates.html) and ![logo](../images/logo.svg).",
    );
    let out = p.cairn(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("broken link: `../bord.html`"), "{err}");
    assert!(err.contains("would lead to `bord.html`"), "{err}");
    assert_eq!(err.matches("error: broken").count(), 1, "{err}");
}

#[test]
fn a_body_link_above_the_portal_root_is_an_error() {
    let p = with_body("[up](../../secret.txt)");
    let err = stderr(&p.cairn(&["check"]));
    assert!(
        err.contains("`../../secret.txt` leads out of the portal"),
        "{err}"
    );
}

#[test]
fn an_image_without_alt_text_is_a_warning_and_still_builds() {
    let p = with_body("![](/images/logo.svg)\n\n![](https://example.org/x.png)");
    let out = p.cairn(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.matches("warning: this image has no alt text").count(),
        2,
        "{err}"
    );
    assert!(err.contains("content/backlog/first-week.md:12:1"), "{err}");
    let denied = p.cairn(&["build", "--deny-warnings", "--force"]);
    assert_eq!(denied.status.code(), Some(1));
}
