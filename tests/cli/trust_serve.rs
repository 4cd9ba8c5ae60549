//! `cairn serve` as an attacker and a tired author would try it: another
//! site's name in `Host`, methods other than GET, files swapped into
//! `static/` while serving, a portal broken from the start, a disk that
//! must stay untouched, and a terminal that must not repeat itself.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::serve::{Server, events, get, server_alive, start, start_with, wait_for};
use crate::support::{Portal, snapshot, starter};

/// Sends `head` (request line and headers, without the blank line) and
/// returns the status, the header block and the body.
fn raw(server: &Server, head: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(&server.host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(format!("{head}\r\nConnection: close\r\n\r\n").as_bytes())
        .unwrap();
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, headers.to_string(), body.to_string())
}

#[test]
fn a_spoofed_host_header_is_refused() {
    let portal = starter();
    let server = start(&portal);
    let port = server.host.rsplit(':').next().unwrap().to_string();
    let page = format!("{}index.html", server.prefix);
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("[::1]:{port}"),
        "127.0.0.1:1".to_string(),
    ] {
        let (status, _, body) = raw(&server, &format!("GET {page} HTTP/1.1\r\nHost: {host}"));
        assert_eq!(status, 403, "Host: {host}");
        assert!(!body.contains("My Product Portal"), "Host: {host}");
    }
    let (status, _, _) = raw(&server, &format!("GET {page} HTTP/1.1"));
    assert_eq!(status, 400, "HTTP/1.1 without Host");
    let (status, _, _) = raw(
        &server,
        &format!("GET {page} HTTP/1.1\r\nHost: localhost\r\nHost: evil.example"),
    );
    assert_eq!(status, 400, "two Host headers");
    for host in [
        server.host.clone(),
        format!("localhost:{port}"),
        "localhost".into(),
    ] {
        let (status, _, body) = raw(&server, &format!("GET {page} HTTP/1.1\r\nHost: {host}"));
        assert_eq!(status, 200, "Host: {host}");
        assert!(body.contains("My Product Portal"), "Host: {host}");
    }
    let (status, _, _) = raw(&server, &format!("GET {page} HTTP/1.0"));
    assert_eq!(status, 200, "HTTP/1.0 may leave Host out");
    // The event stream is guarded like any page.
    let (status, _, _) = raw(
        &server,
        &format!(
            "GET {}__cairn/events HTTP/1.1\r\nHost: evil.example",
            server.prefix
        ),
    );
    assert_eq!(status, 403);
}

#[test]
fn post_put_delete_get_405_and_head_gets_no_body() {
    let portal = starter();
    let server = start(&portal);
    let page = format!("{}index.html", server.prefix);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"] {
        let (status, headers, _) = raw(
            &server,
            &format!(
                "{method} {page} HTTP/1.1\r\nHost: {}\r\nContent-Length: 0",
                server.host
            ),
        );
        assert_eq!(status, 405, "{method}");
        assert!(
            headers.contains("\r\nAllow: GET, HEAD"),
            "{method}: {headers}"
        );
    }
    let (status, headers, body) = raw(
        &server,
        &format!("HEAD {page} HTTP/1.1\r\nHost: {}", server.host),
    );
    assert_eq!(status, 200);
    assert!(headers.contains("Content-Type: text/html"), "{headers}");
    assert_eq!(body, "", "HEAD has no body");
    let (status, _, body) = raw(
        &server,
        &format!(
            "HEAD {}__cairn/events HTTP/1.1\r\nHost: {}",
            server.prefix, server.host
        ),
    );
    assert_eq!(
        (status, body.as_str()),
        (200, ""),
        "HEAD on the event stream"
    );
}

#[test]
fn malformed_request_paths_get_4xx_and_the_server_lives() {
    let portal = starter();
    let server = start(&portal);
    let long = format!("/{}", "a".repeat(100_000));
    for path in [
        "/%ff%fe.html",
        "/%00",
        "/x%00.html",
        "/..",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%",
        "/%zz",
        "/%C0%AE%C0%AE/",
        "*",
        "http://evil.example/index.html",
        "index.html",
        long.as_str(),
    ] {
        let (status, _, _) = raw(
            &server,
            &format!("GET {path} HTTP/1.1\r\nHost: {}", server.host),
        );
        assert!(
            (400..500).contains(&status),
            "{}: {status}",
            path.get(..40).unwrap_or(path)
        );
    }
    // Bytes that are not ASCII in the request line: the connection is
    // closed unanswered (tiny_http), and nothing else happens.
    let (status, _, _) = raw(
        &server,
        &format!("GET /\u{1F600}.html HTTP/1.1\r\nHost: {}", server.host),
    );
    assert!(status == 0 || (400..500).contains(&status), "{status}");
    assert!(server_alive(&server), "the server survived");
}

#[cfg(unix)]
#[test]
fn a_static_file_swapped_for_a_link_after_start_is_not_served() {
    let portal = starter();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "outside the portal").unwrap();
    portal.write("static/notes.txt", "the portal's notes");
    let server = start(&portal);
    let rx = events(&server);
    wait_for(&rx, |e| e["errors"].is_null());
    let notes = format!("{}notes.txt", server.prefix);
    assert_eq!(get(&server, &notes), (200, "the portal's notes".into()));

    // Swapped for a link out of the portal: the build's bytes stay served.
    std::fs::remove_file(portal.path("static/notes.txt")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        portal.path("static/notes.txt"),
    )
    .unwrap();
    let broken = wait_for(&rx, |e| e["errors"].is_string());
    assert!(
        broken["errors"]
            .as_str()
            .unwrap()
            .contains("static/notes.txt"),
        "{broken}"
    );
    assert_eq!(get(&server, &notes), (200, "the portal's notes".into()));

    // A link to a device is never read, however long the server runs.
    std::fs::remove_file(portal.path("static/notes.txt")).unwrap();
    portal.write("static/notes.txt", "the portal's notes, edited");
    std::os::unix::fs::symlink("/dev/zero", portal.path("static/zero.bin")).unwrap();
    wait_for(&rx, |e| {
        e["errors"]
            .as_str()
            .is_some_and(|t| t.contains("static/zero.bin") && !t.contains("static/notes.txt"))
    });
    let zero = format!("{}zero.bin", server.prefix);
    assert_eq!(get(&server, &zero).0, 404);
    std::fs::remove_file(portal.path("static/zero.bin")).unwrap();
    wait_for(&rx, |e| e["errors"].is_null());
    assert_eq!(
        get(&server, &notes),
        (200, "the portal's notes, edited".into())
    );
}

#[test]
fn a_start_with_errors_serves_no_starter_content() {
    let portal = Portal::copy_of("tests/fixtures/base");
    let good = portal.read("content/backlog/guided-setup.md");
    portal.write(
        "content/backlog/guided-setup.md",
        &good.replace("level = \"idea\"", "level = \"ideaa\""),
    );
    let server = start(&portal);
    let rx = events(&server);
    let first = wait_for(&rx, |_| true);
    assert_eq!(first["generation"], 0, "{first}");
    assert!(
        first["errors"]
            .as_str()
            .unwrap()
            .contains("guided-setup.md")
    );
    for path in [
        "",
        "index.html",
        "backlog/setup-checklist.html",
        "no-such.html",
    ] {
        let (status, body) = get(&server, &format!("{}{path}", server.prefix));
        assert!(status >= 400, "{path}: {status}");
        assert!(
            body.contains("__cairn/live.js"),
            "{path}: the overlay comes"
        );
        for starter_text in ["My Product Portal", "Effortless first week", "Guided setup"] {
            assert!(
                !body.contains(starter_text),
                "{path} shows `{starter_text}`"
            );
        }
    }
    portal.write("content/backlog/guided-setup.md", &good);
    wait_for(&rx, |e| e["generation"] == 1 && e["errors"].is_null());
    let (status, body) = get(
        &server,
        &format!("{}backlog/guided-setup.html", server.prefix),
    );
    assert_eq!(status, 200);
    assert!(body.contains("Acme Onboarding"));
}

#[test]
fn serving_leaves_no_file_in_the_portal_or_the_temp_folder() {
    let portal = Portal::copy_of("tests/fixtures/base");
    let good = portal.read("content/backlog/guided-setup.md");
    let broken = good.replace("level = \"idea\"", "level = \"ideaa\"");
    portal.write("content/backlog/guided-setup.md", &broken);
    let before = snapshot(portal.root());
    let tmp = tempfile::tempdir().unwrap();
    // Read-only as well as watched: a write made and removed again fails
    // there too (for any user but root, who may write anyway).
    #[cfg(unix)]
    let writable = set_mode(tmp.path(), 0o500);
    let mut cairn = Command::new(assert_cmd::cargo::cargo_bin("cairn"));
    cairn.env("TMPDIR", tmp.path());
    let server = start_with(&portal, cairn);
    let rx = events(&server);
    wait_for(&rx, |e| e["errors"].is_string());
    get(&server, &format!("{}index.html", server.prefix));
    portal.write("content/backlog/guided-setup.md", &good);
    wait_for(&rx, |e| e["errors"].is_null());
    for path in ["index.html", "board.html", "search/index.json", "feed.xml"] {
        get(&server, &format!("{}{path}", server.prefix));
    }
    portal.write("content/backlog/guided-setup.md", &broken);
    wait_for(&rx, |e| e["errors"].is_string());
    assert_eq!(
        snapshot(portal.root()),
        before,
        "the portal folder is as it was"
    );
    assert!(server_alive(&server));
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    #[cfg(unix)]
    set_mode(tmp.path(), writable);
    assert!(left.is_empty(), "temporary files: {left:?}");
}

/// Sets a folder's mode; returns the one it had.
#[cfg(unix)]
fn set_mode(path: &std::path::Path, mode: u32) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    let old = std::fs::metadata(path).unwrap().permissions().mode();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    old
}

/// Reads the server's log until a line holds `until`; returns it all.
fn log_until(server: &Server, until: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut text = String::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = server
            .log
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no `{until}` in the log:\n{text}"));
        text.push_str(&line);
        text.push('\n');
        if line.contains(until) {
            return text;
        }
    }
}

#[test]
fn repeated_saves_print_each_problem_once() {
    let portal = starter();
    let server = start(&portal);
    let rx = events(&server);
    wait_for(&rx, |e| e["errors"].is_null());
    let guided = portal.read("content/backlog/guided-setup.md");
    let invite = portal.read("content/backlog/invite-teammates.md");
    let story = portal.read("content/backlog/setup-checklist.md");
    let mut failure = 0;
    // Saves, and waits for a failed build (a newer one) whose errors hold
    // `shows`.
    let mut save = |rel: &str, text: &str, shows: &str| {
        portal.write(rel, text);
        let e = wait_for(&rx, |e| {
            e["errors"].as_str().is_some_and(|t| t.contains(shows))
                && e["failure"].as_u64() != Some(failure)
        });
        failure = e["failure"].as_u64().unwrap();
        e
    };
    let first = save(
        "content/backlog/guided-setup.md",
        &guided.replace("level = \"mmf\"", "level = \"mmff\""),
        "guided-setup.md:3:9",
    );
    assert!(first["errors"].as_str().unwrap().contains("mmff"));
    let second = save(
        "content/backlog/invite-teammates.md",
        &invite.replace("status = \"ready\"", "status = \"redy\""),
        "redy",
    );
    // The overlay shows every error, old and new.
    let overlay = second["errors"].as_str().unwrap();
    assert!(overlay.contains("guided-setup.md:3:9") && overlay.contains("invite-teammates.md"));
    for i in 0..3 {
        save(
            "content/backlog/setup-checklist.md",
            &story.replace("without help", &format!("without help {i}")),
            "redy",
        );
    }
    portal.write("content/backlog/guided-setup.md", &guided);
    portal.write("content/backlog/invite-teammates.md", &invite);
    wait_for(&rx, |e| e["errors"].is_null());
    let log = log_until(&server, "pages kept");
    let log = format!("{log}{}", log_until_fixed(&server, &log));
    assert_eq!(log.matches("guided-setup.md:3:9").count(), 1, "{log}");
    // `file:line:col` starts each diagnostic (the rebuild lines say `file: `).
    let located = log
        .match_indices("invite-teammates.md:")
        .filter(|(at, m)| log[at + m.len()..].starts_with(|c: char| c.is_ascii_digit()))
        .count();
    assert_eq!(located, 1, "{log}");
    assert!(log.matches("errors, still serving").count() >= 5, "{log}");
    assert!(log.contains("(2 errors, 0 warnings; 0 new)"), "{log}");
}

/// The `fixed:` lines that finish the log, unless `log` has them all.
fn log_until_fixed(server: &Server, log: &str) -> String {
    let fixed: usize = log
        .lines()
        .filter_map(|l| l.strip_prefix("fixed: "))
        .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
        .sum();
    if fixed >= 2 {
        String::new()
    } else {
        log_until(server, "fixed: ")
    }
}

#[test]
fn a_file_name_with_escape_sequences_never_reaches_the_terminal() {
    // The line naming what changed copied a new file's name as it was:
    // ESC ] 0 ; … BEL retitled the terminal, ESC [ 2 J cleared it.
    let portal = starter();
    let server = start(&portal);
    let name = "content/backlog/x\u{1b}]0;PWNED\u{7}\u{1b}[2Jy.md";
    portal.write(name, &portal.read("content/backlog/first-week.md"));
    let log = log_until(&server, "still serving");
    assert!(!log.contains('\u{1b}') && !log.contains('\u{7}'), "{log:?}");
    assert!(log.contains("x\\u{1b}]0;PWNED"), "{log}");
}
