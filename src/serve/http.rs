//! Answering requests: check who asks and how ([`guard`]), then map the
//! URL to a page, a search file, a theme asset or a static file, all held
//! in memory by the build, with the live-reload script added to HTML on the
//! way out. Nothing here touches the disk.

use std::io::{Cursor, Write};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use percent_encoding::percent_decode_str;
use tiny_http::{HTTPVersion, Header, Method, Request, Response, StatusCode};

use super::guard::{self, Asked};
use super::state::{Found, Shared};

const LIVE_JS: &str = include_str!("live.js");

/// What a URL names, once checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A path under the site root, `/`-separated, never escaping it.
    Site(String),
    /// The server's own endpoint (`__cairn/...`).
    Cairn(String),
    /// The site root without its trailing slash: redirect.
    Redirect(String),
    /// Outside the site, or unsafe.
    Refused,
}

/// Maps a request URL to a target under `prefix` (`/` or `/sub/path/`).
/// Percent-encoding is decoded first; `..`, `.`, backslashes, NUL and
/// empty segments are refused, so no URL can name a file outside the site.
pub fn target(prefix: &str, url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if format!("{path}/") == prefix || (path == "/" && prefix != "/") {
        return Target::Redirect(prefix.to_string());
    }
    let Some(rest) = path.strip_prefix(prefix) else {
        return Target::Refused;
    };
    let Ok(decoded) = percent_decode_str(rest).decode_utf8() else {
        return Target::Refused;
    };
    // Control characters (CR, LF...) have no place in a path, and would end
    // up in a `Location` header.
    if decoded.contains('\\') || decoded.chars().any(char::is_control) || decoded.starts_with('/') {
        return Target::Refused;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    for (i, s) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if *s == ".." || *s == "." || (s.is_empty() && !last) {
            return Target::Refused;
        }
    }
    if let Some(own) = decoded.strip_prefix("__cairn/") {
        return Target::Cairn(own.to_string());
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        return Target::Site(format!("{decoded}index.html"));
    }
    Target::Site(decoded.into_owned())
}

/// A response header; `None` for a value a header cannot carry (paths are
/// checked before they get here, so this is a last line of defence).
fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// Adds a header when it can be made.
fn with<R: std::io::Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    match header(name, value) {
        Some(h) => response.with_header(h),
        None => response,
    }
}

fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if mime.subtype() == "javascript" => "text/javascript; charset=utf-8".into(),
        _ => mime.to_string(),
    }
}

/// Adds the live-reload script before `</body>`.
fn inject(html: &[u8], prefix: &str, generation: u64) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{prefix}__cairn/live.js\" data-events=\"{prefix}__cairn/events\" data-generation=\"{generation}\"></script>"
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// What a page is before the portal first builds: nothing but the overlay
/// the live-reload script puts over it. Never another portal's content.
const NO_BUILD: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>cairn: the portal has errors</title></head><body></body></html>";

/// Checks the request with [`guard::check`].
fn admitted(request: &Request, shared: &Shared) -> Result<(), guard::Refusal> {
    let asked = Asked {
        read_only: matches!(request.method(), Method::Get | Method::Head),
        http11: *request.http_version() >= HTTPVersion(1, 1),
        hosts: request
            .headers()
            .iter()
            .filter(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str())
            .collect(),
        url: request.url(),
    };
    guard::check(&asked, shared.bound)
}

/// A response body, shared with the build when it comes from it (a large
/// static file is not copied for every request).
struct Body(Arc<Vec<u8>>);

impl From<Arc<Vec<u8>>> for Body {
    fn from(bytes: Arc<Vec<u8>>) -> Self {
        Body(bytes)
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body(Arc::new(bytes))
    }
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Sends `body` with `status`, never cached.
fn respond(request: Request, status: u16, kind: &str, body: impl Into<Body>) {
    let body = body.into();
    let length = body.0.len();
    let response = Response::new(
        StatusCode(status),
        Vec::new(),
        Cursor::new(body),
        Some(length),
        None,
    );
    let response = with(
        with(response, "Content-Type", kind),
        "Cache-Control",
        "no-store",
    );
    let _ = request.respond(response);
}

/// Answers one request.
pub fn handle(request: Request, shared: &Arc<Shared>) {
    if let Err(refusal) = admitted(&request, shared) {
        let (status, text) = refusal.status();
        let response = with(
            Response::from_string(format!("{text}\n")).with_status_code(status),
            "Content-Type",
            "text/plain; charset=utf-8",
        );
        let response = match refusal {
            guard::Refusal::Method => with(response, "Allow", "GET, HEAD"),
            _ => response,
        };
        let _ = request.respond(response);
        return;
    }
    let prefix = shared.prefix.clone();
    match target(&prefix, request.url()) {
        Target::Refused => {
            let body = not_found(shared, &prefix);
            respond(request, 404, "text/html; charset=utf-8", body)
        }
        Target::Redirect(to) => {
            let response = with(Response::empty(301), "Location", &to);
            let _ = request.respond(response);
        }
        Target::Cairn(own) => match own.as_str() {
            "live.js" => respond(
                request,
                200,
                "text/javascript; charset=utf-8",
                LIVE_JS.as_bytes().to_vec(),
            ),
            "events" if *request.method() == Method::Head => {
                respond(request, 200, "text/event-stream", Vec::new())
            }
            "events" => events(request, shared),
            _ => respond(
                request,
                404,
                "text/plain; charset=utf-8",
                b"not found".to_vec(),
            ),
        },
        Target::Site(path) => match shared.find(&path) {
            Found::Page { bytes, generation } if path.ends_with(".html") => respond(
                request,
                200,
                "text/html; charset=utf-8",
                inject(&bytes, &prefix, generation),
            ),
            Found::Page { bytes, .. } => respond(request, 200, &content_type(&path), bytes),
            Found::Bytes(bytes) => respond(request, 200, &content_type(&path), bytes),
            Found::NoBuild => respond(
                request,
                503,
                "text/html; charset=utf-8",
                inject(NO_BUILD.as_bytes(), &prefix, 0),
            ),
            Found::Failed(message) => respond(
                request,
                500,
                "text/plain; charset=utf-8",
                message.into_bytes(),
            ),
            Found::Missing => {
                // `/vision` means the folder: send the browser to `/vision/`.
                if !path.contains('.')
                    && matches!(
                        shared.find(&format!("{path}/index.html")),
                        Found::Page { .. }
                    )
                {
                    let response = with(
                        Response::empty(301),
                        "Location",
                        &format!("{prefix}{path}/"),
                    );
                    let _ = request.respond(response);
                } else {
                    respond(
                        request,
                        404,
                        "text/html; charset=utf-8",
                        not_found(shared, &prefix),
                    )
                }
            }
        },
    }
}

fn not_found(shared: &Arc<Shared>, prefix: &str) -> Vec<u8> {
    let page = crate::pages::PageId::NotFound.fixed_path();
    match shared.find(page.unwrap_or_default()) {
        Found::Page { bytes, generation } => inject(&bytes, prefix, generation),
        Found::NoBuild => inject(NO_BUILD.as_bytes(), prefix, 0),
        _ => b"<!DOCTYPE html><title>Not found</title><p>Not found.".to_vec(),
    }
}

/// A Server-Sent Events stream: the current state at once, then a state
/// event after every rebuild, and a comment now and then to keep proxies
/// from closing it.
fn events(request: Request, shared: &Arc<Shared>) {
    let (tx, rx) = mpsc::channel::<String>();
    let first = shared.state_event();
    shared.subscribe(tx);
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if out.write_all(head.as_bytes()).is_err() || write_event(&mut out, &first).is_err() {
        return;
    }
    loop {
        let sent = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => write_event(&mut out, &event),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                out.write_all(b": keep-alive\n\n").and_then(|_| out.flush())
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if sent.is_err() {
            return;
        }
    }
}

fn write_event(out: &mut Box<dyn Write + Send>, data: &str) -> std::io::Result<()> {
    out.write_all(format!("event: state\ndata: {data}\n\n").as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_site_paths() {
        assert_eq!(target("/", "/"), Target::Site("index.html".into()));
        assert_eq!(
            target("/", "/vision/"),
            Target::Site("vision/index.html".into())
        );
        assert_eq!(
            target("/", "/backlog/x.html?a=1#top"),
            Target::Site("backlog/x.html".into())
        );
        assert_eq!(target("/", "/a%20b.html"), Target::Site("a b.html".into()));
        assert_eq!(
            target("/sub/", "/sub/board.html"),
            Target::Site("board.html".into())
        );
        assert_eq!(target("/sub/", "/sub"), Target::Redirect("/sub/".into()));
        assert_eq!(target("/sub/", "/"), Target::Redirect("/sub/".into()));
        assert_eq!(
            target("/", "/__cairn/events"),
            Target::Cairn("events".into())
        );
    }

    #[test]
    fn traversal_is_refused_in_every_spelling() {
        for url in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/backlog/../../etc/passwd",
            "/..%5c..%5cwindows",
            "/a\\b",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/x%00.html",
            "/a%0d%0aSet-Cookie:%20x=1",
            "/vision%0a",
            "/./index.html",
            "/other/index.html",
        ] {
            let prefix = if url.starts_with("/other") {
                "/sub/"
            } else {
                "/"
            };
            assert_eq!(target(prefix, url), Target::Refused, "{url}");
        }
    }

    #[test]
    fn the_script_goes_before_the_end_of_body() {
        let html = inject(b"<html><body><p>x</p></body></html>", "/", 3);
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.ends_with("data-generation=\"3\"></script></body></html>"),
            "{html}"
        );
    }
}
