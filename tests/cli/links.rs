//! `[links]`: edit and feedback links on every document page, their
//! templates checked, their values encoded.

use crate::support::starter;

const LINKS: &str = "\n[links]\nedit = \"https://github.com/tern/vision/edit/main/content/{path}\"\nfeedback = \"https://github.com/tern/vision/issues/new?title=Feedback%3A%20{title}&body={url}\"\n";

/// The `href` of the link with class `class` in `html`, as a browser reads it.
fn href(html: &str, class: &str) -> Option<String> {
    let links = crate::support::select(html, &format!("a[class=\"{class}\"]"));
    Some(links.first()?.attr("href")?.to_string())
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

#[test]
fn every_document_page_links_to_its_source_and_to_feedback_with_its_title() {
    let p = crate::support::Portal::copy_of("content-example");
    p.write("cairn.toml", &(p.read("cairn.toml") + LINKS));
    let title = "Quotes \"&\" <tags> #anchors ?query 100% ✓";
    p.write(
        "content/backlog/field/tricky-title.md",
        &format!("+++\ntitle = '{title}'\nlevel = \"idea\"\nserves = [\"retention\"]\n+++\n"),
    );
    let out = p.cairn(&["build", "-o", "site"]);
    assert!(out.status.success(), "{}", crate::support::stderr(&out));
    let site = p.path("site");
    let mut documents = 0;
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&site)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let document = rel == "vision/index.html"
            || ([
                "backlog/",
                "stakeholders/",
                "tradeoffs/",
                "updates/",
                "conversations/",
            ]
            .iter()
            .any(|f| rel.starts_with(f))
                && !rel.ends_with("index.html")
                && !rel.starts_with("tradeoffs/status/"));
        assert_eq!(html.contains("Edit this page"), document, "{rel}");
        assert_eq!(html.contains("Give feedback"), document, "{rel}");
        if document {
            documents += 1;
            let edit = href(&html, "page-link-edit").unwrap();
            let source = edit
                .strip_prefix("https://github.com/tern/vision/edit/main/content/")
                .unwrap();
            assert!(
                p.path(&format!("content/{}", decode(source))).is_file(),
                "{rel}: {edit}"
            );
        }
    }
    assert!(documents > 40);
    let html = p.read("site/backlog/tricky-title.html");
    let feedback = href(&html, "page-link-feedback").unwrap();
    let query = feedback.split_once('?').unwrap().1;
    let params: Vec<(&str, &str)> = query
        .split('&')
        .map(|kv| kv.split_once('=').unwrap())
        .collect();
    assert_eq!(params.len(), 2, "a title cannot add parameters: {feedback}");
    assert_eq!(decode(params[0].1), format!("Feedback: {title}"));
    assert_eq!(
        decode(params[1].1),
        "https://tern.example/portal/backlog/tricky-title.html"
    );
    let edit = href(&html, "page-link-edit").unwrap();
    assert!(
        edit.ends_with("/content/backlog/field/tricky-title.md"),
        "{edit}"
    );
}

#[test]
fn link_templates_are_checked_when_cairn_toml_is_read() {
    for (links, says) in [
        (
            "edit = \"ftp://h/{path}\"",
            "must be an http, https or mailto URL",
        ),
        (
            "edit = \"javascript:alert(1)//{path}\"",
            "must be an http, https or mailto URL",
        ),
        (
            "feedback = \"https://h/new?t={titel}\"",
            "did you mean `{title}`?",
        ),
        (
            "feedback = \"https://h/new?t={name}\"",
            "unknown placeholder `{name}`",
        ),
        (
            "feedback = \"https://h/new?t={title\"",
            "not part of a placeholder",
        ),
        ("edit = \"https://h/}{path}\"", "not part of a placeholder"),
        ("edits = \"https://h/{path}\"", "edit"),
    ] {
        let p = starter();
        p.write(
            "cairn.toml",
            &format!("{}\n[links]\n{links}\n", p.read("cairn.toml")),
        );
        let out = p.cairn(&["check"]);
        assert_eq!(out.status.code(), Some(1), "{links}");
        let err = crate::support::stderr(&out);
        assert!(err.contains(says), "{links}: {err}");
        assert!(
            err.contains("cairn.toml:"),
            "{links}: points into cairn.toml: {err}"
        );
    }
    let p = starter();
    p.write(
        "cairn.toml",
        &format!(
            "{}\n[links]\nfeedback = \"mailto:team@acme.example?subject={{title}}\"\n",
            p.read("cairn.toml")
        ),
    );
    let out = p.cairn(&["check", "--deny-warnings"]);
    assert!(out.status.success(), "{}", crate::support::stderr(&out));
}
