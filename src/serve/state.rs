//! What the dev server serves: the last good build, held in memory, with
//! pages rendered when first asked for and kept until an edit can change
//! them; and the errors of the last save, if it had any.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use crate::model::Portal;
use crate::render::pages::{self, PageId};
use crate::render::theme::Theme;
use crate::render::{self, search};
use crate::write::StaticFile;

/// A file that is not a page.
pub enum Asset {
    /// A theme asset, embedded or read once.
    Bytes(Arc<Vec<u8>>),
    /// A file of `static/`, read when asked for.
    File(PathBuf),
}

/// One good build.
pub struct Built {
    /// Counts builds; pages carry it so open tabs know they are stale.
    pub generation: u64,
    portal: Arc<Portal>,
    theme: Arc<Theme>,
    common: render::Common,
    /// Shared with the previous build when both have the same pages.
    pages: Arc<HashMap<String, PageId>>,
    assets: HashMap<String, Asset>,
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
        statics: &[StaticFile],
        previous: Option<&Built>,
    ) -> Self {
        let common = render::Common::new(&portal);
        let pages = match previous {
            Some(old) if same_pages(&old.portal, &portal) => old.pages.clone(),
            _ => Arc::new(
                pages::all(&portal)
                    .into_iter()
                    .map(|id| (pages::job_path(&portal, id), id))
                    .collect(),
            ),
        };
        let mut assets: HashMap<String, Asset> = theme
            .assets
            .iter()
            .map(|(path, bytes)| (path.clone(), Asset::Bytes(Arc::new(bytes.clone()))))
            .collect();
        for s in statics {
            assets.insert(s.path.clone(), Asset::File(s.source.clone()));
        }
        Built {
            generation,
            portal,
            theme,
            common,
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
    /// A theme asset or search file.
    Bytes(Arc<Vec<u8>>),
    /// A static file.
    File(PathBuf),
    /// A page whose template failed.
    Failed(String),
    /// Nothing.
    Missing,
}

/// State shared by the request threads and the rebuild loop.
pub struct Shared {
    /// The URL path the site is served under (`/` or from `base_url`).
    pub prefix: String,
    built: RwLock<Arc<Built>>,
    errors: RwLock<Option<String>>,
    clients: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    /// Starts with a first good build.
    pub fn new(prefix: String, built: Built) -> Self {
        Shared {
            prefix,
            built: RwLock::new(Arc::new(built)),
            errors: RwLock::new(None),
            clients: Mutex::default(),
        }
    }

    /// The current build.
    pub fn built(&self) -> Arc<Built> {
        self.built
            .read()
            .map(|b| b.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// Looks a path up, rendering the page if it is not cached.
    pub fn find(&self, path: &str) -> Found {
        let built = self.built();
        if let Some(&id) = built.pages.get(path) {
            if let Some(bytes) = built.cache.lock().ok().and_then(|c| c.get(path).cloned()) {
                return Found::Page {
                    bytes,
                    generation: built.generation,
                };
            }
            return match render::render_page(&built.portal, &built.theme, &built.common, id) {
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
            Some(Asset::Bytes(b)) => Found::Bytes(b.clone()),
            Some(Asset::File(f)) => Found::File(f.clone()),
            None => Found::Missing,
        }
    }

    /// Serves a new good build and tells every open tab.
    pub fn publish(&self, built: Built) {
        if let Ok(mut slot) = self.built.write() {
            *slot = Arc::new(built);
        }
        if let Ok(mut errors) = self.errors.write() {
            *errors = None;
        }
        self.broadcast();
    }

    /// Keeps the last good build and shows `report` over every open tab.
    pub fn fail(&self, report: String) {
        if let Ok(mut errors) = self.errors.write() {
            *errors = Some(report);
        }
        self.broadcast();
    }

    /// The state every tab is told: the build generation and the errors.
    pub fn state_event(&self) -> String {
        let errors = self.errors.read().ok().and_then(|e| e.clone());
        serde_json::json!({ "generation": self.built().generation, "errors": errors }).to_string()
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
