//! Input that must be refused clearly, never followed or read: devices and
//! pipes posing as documents, links out of the portal, escaping `@/` paths,
//! non-ASCII file names. And Unicode text that must come out intact.

use std::process::Command;

use crate::support::{Portal, starter, stderr, stdout};

fn json(p: &Portal) -> Vec<serde_json::Value> {
    let out = p.cairn(&["check", "--format", "json"]);
    serde_json::from_str::<serde_json::Value>(&stdout(&out))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn has(diags: &[serde_json::Value], path: &str, message: &str) -> bool {
    diags
        .iter()
        .any(|d| d["path"] == path && d["message"].as_str().unwrap().contains(message))
}

#[test]
fn a_pipe_posing_as_a_document_is_refused_without_blocking() {
    let p = starter();
    let fifo = p.path("content/backlog/pipe.md");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let diags = json(&p);
    assert!(
        has(
            &diags,
            "content/backlog/pipe.md",
            "this is not a regular file"
        ),
        "{diags:?}"
    );
}

#[test]
fn a_link_out_of_the_portal_is_not_followed() {
    let p = starter();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "+++\ntitle = \"Outside\"\nlevel = \"idea\"\nserves = [\"activation\"]\n+++\nSECRET-OUTSIDE\n").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        p.path("content/backlog/secret.md"),
    )
    .unwrap();
    let diags = json(&p);
    assert!(
        has(
            &diags,
            "content/backlog/secret.md",
            "this link points outside the portal"
        ),
        "{diags:?}"
    );
    let out = p.cairn(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!p.path("public").exists());
}

#[test]
fn escaping_link_paths_are_refused_and_never_read() {
    let p = starter();
    let story = p.read("content/backlog/invite-teammates.md");
    p.write(
        "content/backlog/invite-teammates.md",
        &format!("{story}\n[a](@/../../etc/passwd) [b](@/backlog/%2e%2e/%2e%2e/etc/passwd.md) [c](@//etc/passwd) [d](@/backlog/../../../etc/x.md)\n"),
    );
    let diags = json(&p);
    let about: Vec<&serde_json::Value> = diags
        .iter()
        .filter(|d| d["path"] == "content/backlog/invite-teammates.md")
        .collect();
    assert_eq!(about.len(), 4, "{about:?}");
    assert!(
        about
            .iter()
            .all(|d| d["line"] == 12 && d["severity"] == "error"),
        "{about:?}"
    );
    assert!(
        !stdout(&p.cairn(&["check", "--format", "json"])).contains("root:"),
        "nothing was read"
    );
}

#[test]
fn a_non_ascii_file_name_is_refused_with_a_suggestion() {
    let p = starter();
    p.write(
        "content/backlog/café-menü.md",
        "+++\ntitle = \"Café\"\nlevel = \"story\"\nparent = \"guided-setup\"\n+++\n",
    );
    let out = p.cairn(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("invalid id `café-menü`"), "{err}");
    assert!(err.contains("rename the file to `caf-men.md`"), "{err}");
}

#[test]
fn unicode_text_comes_out_intact() {
    let p = starter();
    let nfd = "Cafe\u{301} crème";
    p.write(
        "content/backlog/unicode.md",
        &format!("+++\ntitle = \"{nfd} 🚀 שלום עולם\"\nlevel = \"story\"\nparent = \"guided-setup\"\n+++\n\tIndented with a tab.\n\nمرحبا بالعالم — 日本語のテキスト 👩‍👩‍👧\n"),
    );
    let out = p.cairn(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = p.read("public/backlog/unicode.html");
    assert!(
        html.contains(&format!("<h1>{nfd} 🚀 שלום עולם</h1>")),
        "titles keep their exact characters"
    );
    assert!(html.contains("مرحبا بالعالم — 日本語のテキスト 👩‍👩‍👧"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
}

#[test]
fn a_link_in_content_to_a_pipe_a_device_or_nowhere_is_refused() {
    let p = starter();
    let fifo = p.path("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let link = |name: &str, to: &std::path::Path| {
        std::os::unix::fs::symlink(to, p.path(&format!("content/backlog/{name}"))).unwrap();
    };
    link("pipe.md", &fifo);
    link("null.md", std::path::Path::new("/dev/null"));
    link("gone.md", &p.path("nowhere.md"));
    let diags = json(&p);
    for (name, message) in [
        (
            "pipe.md",
            "this link leads to something that is not a regular file",
        ),
        ("null.md", "this link points outside the portal"),
        ("gone.md", "this link leads nowhere"),
    ] {
        let path = format!("content/backlog/{name}");
        assert!(has(&diags, &path, message), "{name}: {diags:?}");
    }
}
