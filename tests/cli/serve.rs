//! `cairn serve` against a temporary portal: pages, live reload, the error
//! overlay, refused paths, and an output folder left alone.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::support::{Portal, snapshot, starter};

/// A running `cairn serve`, stopped on drop.
pub struct Server {
    pub child: Child,
    /// `ip:port`.
    pub host: String,
    /// The path the site is served under.
    pub prefix: String,
    /// Its stderr after the URL line, line by line.
    pub log: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(portal: &Portal) -> Server {
    start_with(portal, Command::new(assert_cmd::cargo::cargo_bin("cairn")))
}

/// Starts `command` (`cairn` with whatever environment the test needs) as
/// `cairn serve` on `portal`; returns once it printed its URL.
pub fn start_with(portal: &Portal, mut command: Command) -> Server {
    let child = command
        .args(["serve", ".", "--port", "0", "--today", "2026-11-22"])
        .current_dir(portal.root())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = channel();
    // Owned by `Server` from here, so it is killed and reaped on any exit.
    let mut server = Server {
        child,
        host: String::new(),
        prefix: String::new(),
        log: rx,
    };
    let stderr = server.child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let line = server
            .log
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve prints its URL");
        if let Some(at) = line.find("http://") {
            let url = line[at..].split_whitespace().next().unwrap();
            let rest = &url["http://".len()..];
            let slash = rest.find('/').unwrap();
            server.host = rest[..slash].to_string();
            server.prefix = rest[slash..].to_string();
            return server;
        }
    }
}

/// A plain HTTP/1.1 GET: status and body.
pub fn get(server: &Server, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(&server.host).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.host
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text[9..12].parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// The `data:` lines of the event stream, as they arrive.
pub fn events(server: &Server) -> Receiver<serde_json::Value> {
    let mut s = TcpStream::connect(&server.host).unwrap();
    write!(
        s,
        "GET {}__cairn/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.prefix, server.host
    )
    .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(data) = line.strip_prefix("data: ") {
                let _ = tx.send(serde_json::from_str(data).unwrap());
            }
        }
    });
    rx
}

/// Waits for an event that satisfies `want`.
pub fn wait_for(
    rx: &Receiver<serde_json::Value>,
    want: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let event = rx.recv_timeout(left).expect("the expected event in time");
        if want(&event) {
            return event;
        }
    }
}

#[test]
fn an_edit_reloads_open_pages_with_the_new_text() {
    let portal = starter();
    let server = start(&portal);
    let page = format!("{}backlog/setup-checklist.html", server.prefix);
    let (status, body) = get(&server, &page);
    assert_eq!(status, 200);
    assert!(body.contains("so that I get going without help"));
    assert!(
        body.contains("__cairn/live.js"),
        "the reload script is injected"
    );
    let rx = events(&server);
    let first = wait_for(&rx, |_| true);
    let generation = first["generation"].as_i64().unwrap();
    let story = portal.read("content/backlog/setup-checklist.md");
    portal.write(
        "content/backlog/setup-checklist.md",
        &story.replace("without help", "on my own"),
    );
    wait_for(&rx, |e| e["generation"].as_i64().unwrap() > generation);
    let (_, body) = get(&server, &page);
    assert!(
        body.contains("so that I get going on my own"),
        "new text after the reload event"
    );
    // A title edit shows on the pages that list the story too.
    let story = portal.read("content/backlog/setup-checklist.md");
    portal.write(
        "content/backlog/setup-checklist.md",
        &story.replace(
            "title = \"Setup checklist on first login\"",
            "title = \"First-login checklist\"",
        ),
    );
    wait_for(&rx, |e| e["generation"].as_i64().unwrap() > generation + 1);
    for listing in [
        "backlog/guided-setup.html",
        "board.html",
        "goals/activation.html",
        "backlog/index.html",
    ] {
        let (_, body) = get(&server, &format!("{}{listing}", server.prefix));
        assert!(
            body.contains("First-login checklist"),
            "{listing} is not stale"
        );
    }
}

#[test]
fn an_error_is_reported_while_the_last_good_build_stays_served() {
    let portal = starter();
    let server = start(&portal);
    let rx = events(&server);
    let generation = wait_for(&rx, |_| true)["generation"].as_i64().unwrap();
    let good = portal.read("content/backlog/guided-setup.md");
    portal.write(
        "content/backlog/guided-setup.md",
        &good.replace("level = \"mmf\"", "level = \"mmff\""),
    );
    let broken = wait_for(&rx, |e| e["errors"].is_string());
    let report = broken["errors"].as_str().unwrap();
    assert!(
        report.contains("content/backlog/guided-setup.md:3:9"),
        "{report}"
    );
    assert!(report.contains("help: did you mean `mmf`?"), "{report}");
    let (status, body) = get(
        &server,
        &format!("{}backlog/guided-setup.html", server.prefix),
    );
    assert_eq!(status, 200, "the last good page is still served");
    assert!(body.contains("Guided setup"));
    portal.write("content/backlog/guided-setup.md", &good);
    let fixed = wait_for(&rx, |e| e["errors"].is_null());
    assert!(
        fixed["generation"].as_i64().unwrap() > generation,
        "fixing reloads"
    );
}

#[test]
fn edits_saved_while_the_portal_is_broken_all_show_once_it_is_fixed() {
    let portal = starter();
    let server = start(&portal);
    let rx = events(&server);
    wait_for(&rx, |_| true);
    let good = portal.read("content/backlog/invite-teammates.md");
    portal.write(
        "content/backlog/invite-teammates.md",
        &good.replace("status = \"ready\"", "status = \"redy\""),
    );
    wait_for(&rx, |e| e["errors"].is_string());
    // Another document changes while the portal does not build...
    let story = portal.read("content/backlog/setup-checklist.md");
    portal.write(
        "content/backlog/setup-checklist.md",
        &story.replace(
            "Setup checklist on first login",
            "Checklist edited meanwhile",
        ),
    );
    wait_for(&rx, |e| e["errors"].is_string());
    // ...and fixing the first must not serve a build that misses it.
    portal.write("content/backlog/invite-teammates.md", &good);
    wait_for(&rx, |e| e["errors"].is_null());
    for page in ["backlog/guided-setup.html", "board.html"] {
        let (_, body) = get(&server, &format!("{}{page}", server.prefix));
        assert!(
            body.contains("Checklist edited meanwhile"),
            "{page} is stale"
        );
    }
}

#[test]
fn paths_outside_the_site_are_refused() {
    let portal = starter();
    portal.write("secret.txt", "do not serve me");
    let server = start(&portal);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/backlog/..%2F..%2Fsecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/cairn.toml",
        "/content/vision.md",
        "/vision%0d%0aSet-Cookie:%20x=1",
    ] {
        let (status, body) = get(&server, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("do not serve me") && !body.contains("[[goals]]"),
            "{path}"
        );
    }
    let (status, body) = get(&server, "/no-such-page.html");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the portal's 404 page");
}

#[test]
fn serving_never_writes_the_output_folder() {
    let portal = starter();
    portal.write("public/index.html", "an old build");
    let before = snapshot(&portal.path("public"));
    let server = start(&portal);
    let rx = events(&server);
    wait_for(&rx, |_| true);
    let (status, _) = get(&server, "/index.html");
    assert_eq!(status, 200);
    let story = portal.read("content/backlog/invite-teammates.md");
    portal.write(
        "content/backlog/invite-teammates.md",
        &format!("{story}\nMore.\n"),
    );
    wait_for(&rx, |e| e["generation"].as_i64().unwrap() > 1);
    assert_eq!(snapshot(&portal.path("public")), before);
}

#[test]
fn editors_renames_deletes_new_folders_and_bursts_end_in_the_right_state() {
    let portal = starter();
    let server = start(&portal);
    let rx = events(&server);
    let mut generation = wait_for(&rx, |_| true)["generation"].as_i64().unwrap();
    let mut next = |rx: &Receiver<serde_json::Value>| {
        let e = wait_for(rx, |e| {
            e["generation"].as_i64().unwrap() > generation || e["errors"].is_string()
        });
        generation = e["generation"].as_i64().unwrap();
        e
    };
    let page = |path: &str| get(&server, &format!("{}{path}", server.prefix));

    // An atomic save: write a temporary file, rename it over the document.
    let story = portal.read("content/backlog/invite-teammates.md");
    portal.write(
        "content/backlog/.invite.tmp",
        &story.replace("in one step", "in one atomic step"),
    );
    std::fs::rename(
        portal.path("content/backlog/.invite.tmp"),
        portal.path("content/backlog/invite-teammates.md"),
    )
    .unwrap();
    next(&rx);
    assert!(
        page("backlog/invite-teammates.html")
            .1
            .contains("in one atomic step")
    );

    // A new folder with a new story in it.
    portal.write(
        "content/backlog/later/export.md",
        "+++\ntitle = \"Export the checklist\"\nlevel = \"story\"\nparent = \"guided-setup\"\n+++\n",
    );
    // The folder and the file may arrive in two bursts on a busy machine.
    while page("backlog/export.html").0 != 200 {
        next(&rx);
    }
    assert!(
        page("backlog/guided-setup.html")
            .1
            .contains("Export the checklist")
    );

    // A delete: the page goes, and so do the listings of it.
    std::fs::remove_file(portal.path("content/backlog/later/export.md")).unwrap();
    // A late event of the save above may bring one more build that still
    // has the story; `next` fails the test if the delete never lands.
    while page("backlog/export.html").0 != 404 {
        next(&rx);
    }
    assert!(!page("board.html").1.contains("Export the checklist"));

    // Invalid UTF-8: reported, the last good build stays.
    std::fs::write(
        portal.path("content/backlog/invite-teammates.md"),
        b"+++\ntitle = \"\xff\"\n+++\n",
    )
    .unwrap();
    let broken = next(&rx);
    assert!(
        broken["errors"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8"),
        "{broken}"
    );
    assert!(
        page("backlog/invite-teammates.html")
            .1
            .contains("in one atomic step")
    );

    // A burst of a hundred saves: the last one wins.
    for i in 0..100 {
        portal.write(
            "content/backlog/invite-teammates.md",
            &story.replace("in one step", &format!("in step {i}")),
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let body = page("backlog/invite-teammates.html").1;
        if body.contains("in step 99") {
            break;
        }
        assert!(Instant::now() < deadline, "the last save never showed up");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(server_alive(&server), "the server survived");
}

pub fn server_alive(server: &Server) -> bool {
    get(server, &format!("{}index.html", server.prefix)).0 == 200
}
