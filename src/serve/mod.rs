//! `cairn serve`: build in memory, serve, watch, rebuild on every save and
//! tell open tabs to reload (Server-Sent Events).
//!
//! An edit re-reads only the files that changed. When the edits move no
//! reference, link, heading or id (a title, a status, prose), they are
//! patched into the served portal ([`resolve::patch`]); otherwise the
//! portal is resolved in full, every check included. A template or static
//! file change keeps the portal as it is. Pages are then rendered lazily,
//! when a browser asks for them. What stays cached across an edit depends
//! on the edit: a change to a document's body keeps every page but its own
//! (and the search index, and for the vision the home page, for an update
//! the feed); any other change drops the cache, since a title or a
//! reference can show up on many pages. Nothing is ever written to the
//! output folder.

mod http;
mod state;
mod watch;

use std::collections::HashSet;
use std::io::IsTerminal;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::build::{self, Options};
use crate::diagnostics::{self, Diagnostics};
use crate::error::Error;
use crate::kind::Kind;
use crate::render::theme;
use crate::resolve::{self, patch::Edit};
use crate::session::Session;
use state::{Built, Shared};
use watch::Change;

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
    let mut session = Session::open(&options.build.root)?;
    let prefix = prefix_of(session.config().base_url.as_deref());
    let mut build_options = options.build.clone();
    // Links that must be absolute (feed, 404) point at this server.
    build_options.base_url = Some(format!("http://{addr}{prefix}"));

    let (built, report) = first_build(&mut session, &build_options);
    // Whether the served build was resolved from the session as it is: only
    // then may an edit be patched into it.
    // (The placeholder shown when the first build fails is generation 0.)
    let mut in_sync = built.generation > 0;
    let shared = Arc::new(Shared::new(prefix.clone(), built));
    if let Some(report) = report {
        eprint!("{report}");
        shared.fail(report);
    }
    // Watch before announcing: an edit made as soon as the URL is printed
    // must not be missed.
    let mut watcher = watch::Watcher::start(&options.build.root)?;
    let url = format!("http://{addr}{prefix}");
    eprintln!(
        "serving {} at {url}  (Ctrl-C to stop)",
        session.config().title
    );
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
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let shared = requests.clone();
            std::thread::spawn(move || http::handle(request, &shared));
        }
    });

    while let Some(batch) = watcher.next_batch() {
        in_sync = rebuild(&mut session, &build_options, &shared, &batch, in_sync);
    }
    Ok(())
}

/// The URL path the site lives under: the path of `base_url`, else `/`.
fn prefix_of(base_url: Option<&str>) -> String {
    let path = base_url
        .and_then(|u| u.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
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

/// The first build; with errors, an empty portal would serve nothing, so
/// the errors are the result.
fn first_build(session: &mut Session, options: &Options) -> (Built, Option<String>) {
    let mut diags = Diagnostics::default();
    let checked = build::check(session, options, &mut diags);
    let text = report(&diags, session);
    match (checked.portal, checked.theme) {
        (Some(portal), Some(theme)) if !diags.has_errors() => {
            let built = Built::new(1, Arc::new(portal), Arc::new(theme), &checked.statics, None);
            (built, (!diags.is_empty()).then_some(text))
        }
        _ => (placeholder(session, options), Some(text)),
    }
}

/// A build of the built-in starter shown when the portal does not build at
/// first; the overlay carries the real errors.
fn placeholder(_session: &Session, options: &Options) -> Built {
    let dir = std::env::temp_dir().join(format!("cairn-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let portal = crate::init::create(&dir).ok().and_then(|_| {
        let mut diags = Diagnostics::default();
        let session = Session::open(&dir).ok()?;
        let opts = Options {
            root: dir.clone(),
            ..options.clone()
        };
        let checked = build::check(&session, &opts, &mut diags);
        Some((checked.portal?, checked.theme?))
    });
    let _ = std::fs::remove_dir_all(&dir);
    let (portal, theme) = portal.expect("the built-in starter portal builds");
    Built::new(0, Arc::new(portal), Arc::new(theme), &[], None)
}

fn report(diags: &Diagnostics, session: &Session) -> String {
    String::from_utf8_lossy(&diagnostics::to_text(diags, &session.sources, false)).into_owned()
}

/// Applies a batch of changes and publishes the new build, or the errors.
/// Returns whether the published build is now resolved from the session as
/// it is (`in_sync` says whether it was before).
///
/// When every change is an edit of a document that moves nothing (see
/// [`resolve::patch`]), the edits are patched into the served portal;
/// otherwise the portal is resolved in full.
fn rebuild(
    session: &mut Session,
    options: &Options,
    shared: &Arc<Shared>,
    batch: &[Change],
    in_sync: bool,
) -> bool {
    let start = Instant::now();
    let old = shared.built();
    let mut theme = old.theme().clone();
    let mut keep: Option<HashSet<String>> = Some(HashSet::new());
    let mut diags = Diagnostics::default();
    let mut what = Vec::new();
    let mut edits: Option<Vec<Edit>> = in_sync.then(Vec::new);
    for change in batch {
        if !matches!(change, Change::Document(_)) {
            edits = None;
        }
        what.push(change.describe());
        match change {
            Change::Config => {
                if let Err(e) = session.reload_config() {
                    shared.fail(format!("error: {e}\n"));
                    return false;
                }
                keep = None;
            }
            Change::Templates => {
                let config = session.config();
                match theme::load(
                    &options.root,
                    config.theme.as_deref(),
                    config.theme_at.clone(),
                ) {
                    Ok(t) => theme = Arc::new(t),
                    Err(problems) => diags.extend(problems),
                }
                keep = None;
            }
            Change::Static => keep = None,
            Change::Document(rel) => {
                let shared_before = session.shared(rel);
                let before = session
                    .document(rel)
                    .map(|d| (d.kind, d.id.clone(), d.front_hash));
                if !session.reload_file(rel) {
                    session.rescan();
                    keep = None;
                    edits = None;
                    continue;
                }
                edits = match (edits, shared_before, session.shared(rel)) {
                    (Some(mut list), Some(before), Some(after)) => {
                        list.push(Edit { before, after });
                        Some(list)
                    }
                    _ => None,
                };
                let after = session
                    .document(rel)
                    .map(|d| (d.kind, d.id.clone(), d.front_hash));
                match (before, after, keep.as_mut()) {
                    // Only the body changed: only the pages showing it.
                    (Some(b), Some(a), Some(stale)) if a == b => {
                        stale.extend(body_pages(a.0, &a.1))
                    }
                    _ => keep = None,
                }
            }
            Change::Layout => {
                session.rescan();
                keep = None;
            }
        }
    }
    let content_changed = batch
        .iter()
        .any(|c| !matches!(c, Change::Templates | Change::Static));
    let (checked, how) = if in_sync && !content_changed {
        // Templates and static files do not change the portal.
        (Some(old.portal().clone()), "re-rendered")
    } else if let Some(portal) =
        edits.and_then(|e| resolve::patch::patch(old.portal(), &e, &options.settings()))
    {
        (Some(Arc::new(portal)), "patched")
    } else {
        let portal = build::resolve_portal(session, options, &mut diags);
        (portal.map(Arc::new), "rebuilt")
    };
    let statics = build::static_files(&options.root, &mut diags);
    let took = start.elapsed().as_secs_f64() * 1000.0;
    let what = if what.len() > 3 {
        format!("{} and {} more", what[..2].join(", "), what.len() - 2)
    } else {
        what.join(", ")
    };
    match checked {
        Some(portal) if !diags.has_errors() => {
            let mut built = Built::new(old.generation + 1, portal, theme, &statics, Some(&old));
            if let Some(stale) = &keep {
                built = built.keep_from(&old, stale);
            }
            let kept = built.cached();
            shared.publish(built);
            let kept = crate::render::format::count(kept, "page");
            eprintln!("{what}: {how} in {took:.0} ms ({kept} kept)");
            true
        }
        _ => {
            let text = report(&diags, session);
            eprintln!("{what}: errors, still serving the last good build\n{text}");
            shared.fail(text);
            false
        }
    }
}

/// The pages that show a document's body.
fn body_pages(kind: Kind, id: &str) -> Vec<String> {
    let mut pages = vec![kind.page(id)];
    match kind {
        Kind::Vision => pages.push("index.html".into()),
        Kind::Update => pages.push("feed.xml".into()),
        _ => {}
    }
    pages
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
    }
}
