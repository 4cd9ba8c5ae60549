//! `cairn serve`: build in memory, serve, watch, rebuild on every save and
//! tell open tabs to reload (Server-Sent Events).
//!
//! An edit re-reads only the files that changed. When the edits move no
//! reference, link, heading or id (a title, a status, prose), they are
//! patched into the served portal ([`crate::resolve::patch`]); otherwise the
//! portal is resolved in full, every check included. A template or static
//! file change keeps the portal as it is. Pages are then rendered lazily,
//! when a browser asks for them. What stays cached across an edit depends
//! on the edit: a change to a document's body keeps every page but its own
//! (and the search index, and for the vision the home page, for an update
//! the feed); any other change drops the cache, since a title or a
//! reference can show up on many pages. Nothing is ever written to disk:
//! not the output folder, not a temporary file.

mod guard;
mod http;
mod problems;
mod rebuild;
mod state;
mod statics;
mod watch;

use std::io::IsTerminal;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::Error;
use crate::load::session::Session;
use crate::pipeline::Options;
use rebuild::Rebuilder;
use state::Shared;

/// What `cairn serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What to build.
    pub build: Options,
    /// Address to bind.
    pub bind: std::net::IpAddr,
    /// First port to try.
    pub port: u16,
    /// Open a browser once serving.
    pub open: bool,
}

/// How many ports above the asked one are tried when it is taken.
const PORT_TRIES: u16 = 10;

/// Builds, serves and watches until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<(), Error> {
    let listener = bind(options.bind, options.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io("bind", "server", e))?;
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}, reachable from other machines; drafts and private content are visible to them",
            options.bind
        );
    }
    let session = Session::open(&options.build.root)?;
    let prefix = prefix_of(session.config().base_url.as_deref());
    let title = session.config().title.clone();
    let mut build_options = options.build.clone();
    // Links that must be absolute (feed, 404) point at this server.
    build_options.base_url = Some(format!("http://{addr}{prefix}"));

    // With errors from the start there is no build: pages are empty but
    // for the errors, until the portal builds.
    let (mut rebuilder, built, errors) = Rebuilder::first(session, build_options);
    let shared = Arc::new(Shared::new(prefix.clone(), addr, built));
    if let Some(errors) = errors {
        shared.fail(errors);
    }
    // Watch before announcing: an edit made as soon as the URL is printed
    // must not be missed.
    let mut watcher = watch::Watcher::start(&options.build.root)?;
    let url = format!("http://{addr}{prefix}");
    eprintln!("serving {title} at {url}  (Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }
    ctrlc::set_handler(|| {
        eprintln!("\nstopped");
        std::process::exit(0);
    })
    .map_err(|e| Error::Usage(format!("cannot handle Ctrl-C: {e}")))?;

    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    let requests = shared.clone();
    // `Builder::spawn` rather than `thread::spawn`, which panics when the
    // system has no thread to give: then the request is dropped unanswered.
    std::thread::Builder::new()
        .spawn(move || {
            for request in server.incoming_requests() {
                let shared = requests.clone();
                let _ = std::thread::Builder::new().spawn(move || http::handle(request, &shared));
            }
        })
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;

    while let Some(mut batch) = watcher.next_batch() {
        // Git writes its folder for more than commits: history is read
        // again only when HEAD moved.
        if batch.contains(&watch::Change::Head) && !crate::history::head_moved(&options.build.root)
        {
            batch.retain(|c| *c != watch::Change::Head);
        }
        if !batch.is_empty() {
            rebuilder.rebuild(&shared, &batch);
        }
    }
    Ok(())
}

/// The URL path the site lives under: the path of `base_url`, else `/`.
fn prefix_of(base_url: Option<&str>) -> String {
    let url = base_url.and_then(|u| url::Url::parse(u).ok());
    let path = url.as_ref().map_or("/", url::Url::path);
    format!("/{}/", path.trim_matches('/')).replace("//", "/")
}

fn bind(ip: std::net::IpAddr, port: u16) -> Result<TcpListener, Error> {
    let mut last = None;
    for p in port..=port.saturating_add(PORT_TRIES) {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => {
                if p != port {
                    eprintln!("port {port} is in use; using {p} instead");
                }
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(Error::io("listen on", format!("{ip}:{p}"), e)),
        }
    }
    Err(Error::Refused {
        reason: format!(
            "ports {port} to {} are all in use: {}",
            port.saturating_add(PORT_TRIES),
            last.map(|e| e.to_string()).unwrap_or_default()
        ),
        help: "pass another port with --port".into(),
    })
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err()
        && std::io::stderr().is_terminal()
    {
        eprintln!("could not open a browser; visit {url}");
    }
}

/// Where a path of the portal sits, for the watcher.
pub fn portal_root(root: &std::path::Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::prefix_of;

    #[test]
    fn the_site_is_served_under_the_path_of_base_url() {
        assert_eq!(prefix_of(None), "/");
        assert_eq!(prefix_of(Some("https://acme.example/")), "/");
        assert_eq!(prefix_of(Some("https://acme.example/portal/")), "/portal/");
        assert_eq!(prefix_of(Some("https://acme.example/a/b")), "/a/b/");
        // Not the query or fragment; the path as a browser asks for it.
        assert_eq!(prefix_of(Some("https://acme.example/p/?v=1#top")), "/p/");
        assert_eq!(prefix_of(Some("https://acme.example/a/../b/")), "/b/");
        assert_eq!(prefix_of(Some("https://acme.example/s p/")), "/s%20p/");
    }
}
