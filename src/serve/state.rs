//! What the dev server serves: the last good build, held in memory (its
//! static files included), with pages rendered when first asked for and
//! kept until an edit can change them; and the errors of the last save, if
//! it had any. Before the first good build there is nothing to serve.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use crate::model::Portal;
use crate::pages::{self, PageId};
use crate::render::theme::Theme;
use crate::render::{self, search};

use super::statics::Statics;

/// One good build.
pub struct Built {
    /// Counts builds; pages carry it so open tabs know they are stale.
    pub generation: u64,
    portal: Arc<Portal>,
    theme: Arc<Theme>,
    shared: render::Shared,
    /// Shared with the previous build when both have the same pages.
    pages: Arc<HashMap<String, PageId>>,
    /// Theme assets, then the files of `static/` over them.
    assets: HashMap<String, Arc<Vec<u8>>>,
    cache: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    search: OnceLock<HashMap<String, Arc<Vec<u8>>>>,
}

impl Built {
    /// A build with nothing rendered yet. Its page paths are taken from
    /// `previous` when the two portals have the same pages.
    pub fn new(
        generation: u64,
        portal: Arc<Portal>,
        theme: Arc<Theme>,
        statics: Statics,
        previous: Option<&Built>,
    ) -> Self {
        let shared = render::Shared::new(&portal);
        let pages = match previous {
            Some(old) if same_pages(&old.portal, &portal) => old.pages.clone(),
            _ => Arc::new(
                pages::all(&portal)
                    .into_iter()
                    .map(|id| (pages::path(&portal, id), id))
                    .collect(),
            ),
        };
        let mut assets: HashMap<String, Arc<Vec<u8>>> = theme
            .assets
            .iter()
            .map(|(path, bytes)| (path.clone(), Arc::new(bytes.clone())))
            .collect();
        for (path, bytes) in statics.iter() {
            assets.insert(path.clone(), bytes.clone());
        }
        Built {
            generation,
            portal,
            theme,
            shared,
            pages,
            assets,
            cache: Mutex::default(),
            search: OnceLock::new(),
        }
    }

    /// Keeps the rendered pages of `old` except `stale` (paths), when the
    /// new build differs from it only there. The search index is always
    /// rebuilt, on demand.
    pub fn keep_from(self, old: &Built, stale: &HashSet<String>) -> Self {
        let kept: HashMap<String, Arc<Vec<u8>>> = old
            .cache
            .lock()
            .map(|c| {
                c.iter()
                    .filter(|(p, _)| !stale.contains(*p))
                    .map(|(p, b)| (p.clone(), b.clone()))
                    .collect()
            })
            .unwrap_or_default();
        if let Ok(mut cache) = self.cache.lock() {
            *cache = kept;
        }
        self
    }

    /// How many pages are rendered and cached (for the rebuild report).
    pub fn cached(&self) -> usize {
        self.cache.lock().map(|c| c.len()).unwrap_or(0)
    }

    /// The theme.
    pub fn theme(&self) -> &Arc<Theme> {
        &self.theme
    }

    /// The resolved portal.
    pub fn portal(&self) -> &Arc<Portal> {
        &self.portal
    }
}

/// Whether two portals have the same page paths: the same documents and
/// goals, by id and position, and the same feed setting.
fn same_pages(a: &Portal, b: &Portal) -> bool {
    fn ids<'a, T: 'a>(a: &'a [T], b: &'a [T], id: impl Fn(&'a T) -> &'a str) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| id(x) == id(y))
    }
    a.config.base_url.is_some() == b.config.base_url.is_some()
        && ids(&a.goals, &b.goals, |g| g.id.as_str())
        && ids(&a.stakeholders, &b.stakeholders, |s| s.meta.id.as_str())
        && ids(&a.decisions, &b.decisions, |d| d.meta.id.as_str())
        && ids(&a.items, &b.items, |i| i.meta.id.as_str())
        && ids(&a.updates, &b.updates, |u| u.meta.id.as_str())
        && ids(&a.conversations, &b.conversations, |c| c.meta.id.as_str())
}

/// What a site path names.
pub enum Found {
    /// A rendered page.
    Page {
        /// Its HTML (or XML).
        bytes: Arc<Vec<u8>>,
        /// The build it comes from.
        generation: u64,
    },
    /// A theme asset, static file or search file.
    Bytes(Arc<Vec<u8>>),
    /// A page whose template failed.
    Failed(String),
    /// Nothing.
    Missing,
    /// No build yet: the portal had errors from the start.
    NoBuild,
}

/// State shared by the request threads and the rebuild loop.
pub struct Shared {
    /// The URL path the site is served under (`/` or from `base_url`).
    pub prefix: String,
    /// The address the server listens on, for the `Host` check.
    pub bound: SocketAddr,
    built: RwLock<Option<Arc<Built>>>,
    errors: RwLock<Errors>,
    clients: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    /// Starts with a first good build, or none.
    pub fn new(prefix: String, bound: SocketAddr, built: Option<Built>) -> Self {
        Shared {
            prefix,
            bound,
            built: RwLock::new(built.map(Arc::new)),
            errors: RwLock::new(Errors {
                report: None,
                // Counted from the start time, so that a tab that dismissed
                // failure N of an earlier server still sees this one's.
                failures: std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(0)),
            }),
            clients: Mutex::default(),
        }
    }

    /// The current build; `None` until the portal first builds.
    pub fn built(&self) -> Option<Arc<Built>> {
        self.built
            .read()
            .map(|b| b.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// The generation served: 0 before the first good build.
    pub fn generation(&self) -> u64 {
        self.built().map_or(0, |b| b.generation)
    }

    /// Looks a path up, rendering the page if it is not cached.
    pub fn find(&self, path: &str) -> Found {
        let Some(built) = self.built() else {
            return Found::NoBuild;
        };
        if let Some(&id) = built.pages.get(path) {
            if let Some(bytes) = built.cache.lock().ok().and_then(|c| c.get(path).cloned()) {
                return Found::Page {
                    bytes,
                    generation: built.generation,
                };
            }
            return match render::render_page(&built.portal, &built.theme, &built.shared, id) {
                Ok(page) => {
                    let bytes = Arc::new(page.bytes);
                    if let Ok(mut cache) = built.cache.lock() {
                        cache.insert(path.to_string(), bytes.clone());
                    }
                    Found::Page {
                        bytes,
                        generation: built.generation,
                    }
                }
                Err(d) => Found::Failed(d.message),
            };
        }
        if path.starts_with("search/") {
            let index = built.search.get_or_init(|| {
                search::index(&built.portal)
                    .into_iter()
                    .map(|p| (p.path, Arc::new(p.bytes)))
                    .collect()
            });
            return index
                .get(path)
                .map_or(Found::Missing, |b| Found::Bytes(b.clone()));
        }
        match built.assets.get(path) {
            Some(bytes) => Found::Bytes(bytes.clone()),
            None => Found::Missing,
        }
    }

    /// Serves a new good build and tells every open tab.
    pub fn publish(&self, built: Built) {
        if let Ok(mut slot) = self.built.write() {
            *slot = Some(Arc::new(built));
        }
        if let Ok(mut errors) = self.errors.write() {
            errors.report = None;
        }
        self.broadcast();
    }

    /// Keeps the last good build and shows `report` over every open tab.
    pub fn fail(&self, report: String) {
        if let Ok(mut errors) = self.errors.write() {
            errors.report = Some(report);
            errors.failures += 1;
        }
        self.broadcast();
    }

    /// The state every tab is told: the build generation, the errors, and
    /// which failed build they are from (a dismissed overlay comes back
    /// only for a newer one).
    pub fn state_event(&self) -> String {
        let (errors, failure) = self
            .errors
            .read()
            .map(|e| (e.report.clone(), e.failures))
            .unwrap_or_default();
        serde_json::json!({
            "generation": self.generation(),
            "errors": errors,
            "failure": failure,
        })
        .to_string()
    }

    /// Adds a tab to tell.
    pub fn subscribe(&self, tx: Sender<String>) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
    }

    fn broadcast(&self) {
        let event = self.state_event();
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(event.clone()).is_ok());
        }
    }
}

/// The errors of the last save.
struct Errors {
    /// The report shown over the page; `None` when the last build is good.
    report: Option<String>,
    /// Names the last failed build; one more for each.
    failures: u64,
}
