//! The pipeline, top to bottom: **load** -> **resolve** -> **render** ->
//! **write**. `cairn check` stops before writing; `cairn build` writes when
//! nothing failed. Each stage is timed for `--timings`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use jiff::civil::Date;

use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::load::session::{Purpose, Session};
use crate::model::Portal;
use crate::render::{self, Page, theme};
use crate::resolve::{self, Settings};
use crate::source::SourceMap;
use crate::write::{self, StaticFile, Written};

mod statics;

pub use statics::static_files;
use statics::statics_fit;

/// What a run was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The portal folder (holding `cairn.toml`).
    pub root: PathBuf,
    /// Keep drafts.
    pub include_drafts: bool,
    /// Leave out private documents and fields.
    pub public: bool,
    /// The build date.
    pub today: Date,
    /// Overrides `base_url` of `cairn.toml`.
    pub base_url: Option<String>,
}

/// The built site.
pub struct Site {
    /// The resolved portal.
    pub portal: Portal,
    /// How many HTML pages it has.
    pub pages: usize,
    /// Where it was written and what writing did (`cairn build` only).
    pub written: Option<(PathBuf, Written)>,
}

/// Everything a run produced: its diagnostics and, when there were no
/// errors, the site.
pub struct Run {
    /// Every file read, for rendering diagnostics.
    pub sources: SourceMap,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// The site, when no error was found.
    pub site: Option<Site>,
    /// How long each stage took.
    pub timings: Vec<(&'static str, Duration)>,
    /// The portal root.
    pub root: PathBuf,
    /// What the product owner should act on (only for a sound portal).
    pub health: Vec<crate::health::Finding>,
}

/// Where a run's pages go.
#[derive(Debug, Clone)]
pub enum Target {
    /// `cairn check`: nowhere. Pages are rendered (and dropped) only when
    /// the portal has templates of its own, which could fail on its data
    /// (the built-in ones cannot fail on a portal that resolved), or for a
    /// public check, whose pages are scanned for private text.
    Check,
    /// `cairn build`: into an output folder, atomically.
    Folder {
        /// `-o`; else `[build] output` of `cairn.toml`, else `public/`.
        flag: Option<PathBuf>,
        /// Replace a folder cairn did not make.
        force: bool,
        /// Write nothing when there are warnings.
        deny_warnings: bool,
    },
}

/// A resolved portal with what rendering it needs.
pub struct Checked {
    /// The portal, unless it could not be resolved at all.
    pub portal: Option<Portal>,
    /// The templates, unless they are broken.
    pub theme: Option<theme::Theme>,
    /// Files of `static/`.
    pub statics: Vec<StaticFile>,
}

impl Options {
    /// What of the options changes the resolved model.
    pub fn settings(&self) -> Settings {
        Settings {
            include_drafts: self.include_drafts,
            public: self.public,
            today: self.today,
        }
    }
}

/// Resolves the session's documents.
pub fn resolve_portal(
    session: &Session,
    options: &Options,
    diagnostics: &mut Diagnostics,
) -> Option<Portal> {
    let mut loaded = session.loaded(diagnostics);
    if let Some(url) = &options.base_url {
        loaded.config.base_url = Some(crate::load::config::with_slash(url));
    }
    let mut portal = resolve::resolve(loaded, &options.settings(), diagnostics)?;
    crate::history::attach(
        &mut portal,
        &options.root,
        options.public,
        options.include_drafts,
        diagnostics,
    );
    Some(portal)
}

/// Resolves the session's documents and loads the theme and static files.
pub fn check(session: &Session, options: &Options, diagnostics: &mut Diagnostics) -> Checked {
    let portal = resolve_portal(session, options, diagnostics);
    let config = session.config();
    let statics = static_files(&options.root, diagnostics);
    let theme = match theme::load(
        &options.root,
        config.theme.as_deref(),
        config.theme_at.clone(),
    ) {
        Ok(theme) => Some(theme),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    if let (Some(portal), Some(theme)) = (&portal, &theme) {
        check_local_refs(portal, theme, &statics, diagnostics);
    }
    Checked {
        portal,
        theme,
        statics,
    }
}

/// Local links and images of bodies against every file the build writes.
pub fn check_local_refs(
    portal: &Portal,
    theme: &theme::Theme,
    statics: &[StaticFile],
    diagnostics: &mut Diagnostics,
) {
    use crate::pages;
    let mut all: FxHashSet<String> = pages::all(portal)
        .into_iter()
        .map(|page| pages::path(portal, page))
        .collect();
    all.extend(theme.assets.keys().cloned());
    all.extend(statics.iter().map(|s| s.path.clone()));
    let files = resolve::local_refs::SiteFiles {
        all,
        statics: statics.iter().map(|s| s.path.as_str()).collect(),
    };
    resolve::local_refs::check(portal, &files, diagnostics);
}

/// Runs the pipeline on the portal at `options.root`: load, resolve, and
/// unless that found errors, render and write into `target`. Returns
/// `Err` only when the run could not start or could not write; problems
/// with the portal are in the run's diagnostics.
pub fn run(options: &Options, target: &Target) -> Result<Run, Error> {
    let mut diagnostics = Diagnostics::default();
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let purpose = match target {
        Target::Check if !options.public => Purpose::Check,
        _ => Purpose::Build,
    };
    let mut session = Session::open_for(&options.root, purpose)?;
    timings.push(("load", clock.elapsed()));
    clock = Instant::now();

    let checked = check(&session, options, &mut diagnostics);
    timings.push(("resolve", clock.elapsed()));

    let denied = matches!(
        target,
        Target::Folder {
            deny_warnings: true,
            ..
        }
    ) && diagnostics.count(crate::diagnostics::Severity::Warning) > 0;
    let site = if diagnostics.has_errors() || denied {
        None
    } else {
        produce(
            &session,
            options,
            target,
            checked,
            &mut diagnostics,
            &mut timings,
        )?
    };
    let health = site
        .as_ref()
        .map(|s| crate::health::findings(&s.portal))
        .unwrap_or_default();
    let sources = std::mem::take(&mut session.sources);
    // Freeing ten thousand documents takes ~10 ms, which the run need not
    // wait for: another core does it.
    rayon::spawn(move || drop(session));
    Ok(Run {
        root: options.root.clone(),
        health,
        sources,
        diagnostics,
        site,
        timings,
    })
}

/// Render and write: pages go into the staging folder as they are
/// rendered, then static files; the folder replaces the output only when
/// nothing failed.
fn produce(
    session: &Session,
    options: &Options,
    target: &Target,
    checked: Checked,
    diagnostics: &mut Diagnostics,
    timings: &mut Vec<(&'static str, Duration)>,
) -> Result<Option<Site>, Error> {
    let (Some(portal), Some(theme)) = (checked.portal, checked.theme) else {
        return Ok(None);
    };
    let clock = Instant::now();
    let scanner = if options.public {
        crate::write::leaks::Scanner::new(&session.documents())
    } else {
        None
    };
    // After the leak scanner has read the bodies it needs.
    let changed = portal.settle_bodies(&session.sources);
    if !changed.is_empty() {
        diagnostics.extend(changed.into_iter().map(|m| {
            crate::diagnostics::Diagnostic::error_at_path(
                "this file changed while the portal was built",
                session.sources.path(m.file),
            )
            .with_help("build again")
        }));
        return Ok(None);
    }
    let Target::Folder { flag, force, .. } = target else {
        // A public check renders too: a leak shows only in the pages.
        let rendered = if theme.built_in && !options.public {
            Ok(render::page_count(&portal))
        } else {
            render::render_each(&portal, &theme, &|page| {
                if let Some(scanner) = &scanner {
                    scanner.scan(page);
                }
            })
        };
        timings.push(("render", clock.elapsed()));
        let leaks = scanner
            .map(|s| {
                // The files a build would copy are part of what it publishes.
                checked
                    .statics
                    .par_iter()
                    .for_each(|f| s.scan_file(&f.path, &f.source));
                s.finish(&session.sources)
            })
            .unwrap_or_default();
        return Ok(match rendered {
            Ok(pages) if leaks.is_empty() => Some(Site {
                portal,
                pages,
                written: None,
            }),
            Ok(_) => {
                diagnostics.extend(leaks);
                None
            }
            Err(problems) => {
                diagnostics.extend(problems);
                None
            }
        });
    };
    let out = output_dir(
        &options.root,
        flag.as_deref(),
        session.config().output.as_deref(),
    );
    let staging = write::Staging::new(write::check_output(&options.root, &out, *force)?)?;
    let statics = checked.statics;
    // Paths a static file and a page would both write, found as pages go
    // by (most portals have no static files, so this is nearly free).
    let static_paths: FxHashSet<&str> = statics.iter().map(|s| s.path.as_str()).collect();
    let clashes: Mutex<Vec<String>> = Mutex::default();
    let put = |page: &Page| {
        if let Some(scanner) = &scanner {
            scanner.scan(page);
        }
        staging.put(page);
    };
    let rendered = render::render_each(&portal, &theme, &|page| {
        if static_paths.contains(page.path.as_str())
            && let Ok(mut clashes) = clashes.lock()
        {
            clashes.push(page.path.clone());
        }
        put(page);
    });
    let pages = match rendered {
        Ok(pages) => pages,
        Err(problems) => {
            diagnostics.extend(problems);
            return Ok(None);
        }
    };
    timings.push(("render", clock.elapsed()));
    let clock = Instant::now();
    let clashes = clashes.into_inner().unwrap_or_else(|e| e.into_inner());
    if !statics_fit(&statics, &clashes, &options.root, diagnostics) {
        return Ok(None);
    }
    // The theme's assets, unless `static/` has a file of the same name.
    for (path, bytes) in &theme.assets {
        if !statics.iter().any(|s| &s.path == path) {
            put(&Page {
                path: path.clone(),
                bytes: bytes.clone(),
            });
        }
    }
    statics.par_iter().for_each(|s| {
        if let Some(scanner) = &scanner {
            scanner.scan_file(&s.path, &s.source);
        }
        staging.copy(s);
    });
    if let Some(scanner) = scanner {
        let leaks = scanner.finish(&session.sources);
        if !leaks.is_empty() {
            diagnostics.extend(leaks);
            return Ok(None);
        }
    }
    let written = staging.finish()?;
    timings.push(("write", clock.elapsed()));
    Ok(Some(Site {
        portal,
        pages,
        written: Some((out, written)),
    }))
}

/// The output folder: `-o`, else `[build] output` under the portal, else
/// `public/` under the portal.
pub fn output_dir(root: &Path, flag: Option<&Path>, configured: Option<&str>) -> PathBuf {
    match (flag, configured) {
        (Some(path), _) => path.to_path_buf(),
        (None, Some(rel)) => root.join(rel),
        (None, None) => root.join("public"),
    }
}
