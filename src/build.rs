//! The pipeline, top to bottom: **load** -> **resolve** -> **render** ->
//! **write**. `cairn check` stops before writing; `cairn build` writes when
//! nothing failed. Each stage is timed for `--timings`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::load::display_path;
use crate::model::Portal;
use crate::render::{self, Page, theme};
use crate::resolve::{self, Settings};
use crate::session::Session;
use crate::source::SourceMap;
use crate::write::{self, StaticFile};

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

/// The built site, in memory.
pub struct Site {
    /// The resolved portal.
    pub portal: Portal,
    /// Rendered pages and theme assets.
    pub pages: Vec<Page>,
    /// Files of `static/`, copied at write time.
    pub statics: Vec<StaticFile>,
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
    /// `[build] output` of `cairn.toml`, if set.
    pub configured_output: Option<String>,
    /// The portal root.
    pub root: PathBuf,
    /// What the product owner should act on (only for a sound portal).
    pub health: Vec<crate::health::Finding>,
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
        loaded.config.base_url = Some(crate::config::with_slash(url));
    }
    resolve::resolve(loaded, &options.settings(), diagnostics)
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
    Checked {
        portal,
        theme,
        statics,
    }
}

/// Runs load, resolve and render on the portal at `options.root`.
pub fn run(options: &Options) -> Result<Run, Error> {
    let mut diagnostics = Diagnostics::default();
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    let session = Session::open(&options.root)?;
    let configured_output = session.config().output.clone();
    lap("load", &mut timings);

    let checked = check(&session, options, &mut diagnostics);
    lap("resolve", &mut timings);

    let site = match (checked.portal, checked.theme) {
        (Some(portal), Some(theme)) if !diagnostics.has_errors() => {
            match render::render(&portal, &theme) {
                Ok(pages) => assemble(
                    portal,
                    pages,
                    &theme,
                    checked.statics,
                    &options.root,
                    &mut diagnostics,
                ),
                Err(problems) => {
                    diagnostics.extend(problems);
                    None
                }
            }
        }
        _ => None,
    };
    lap("render", &mut timings);
    let site = match site {
        Some(site) if options.public => {
            let documents = session.documents();
            let leaks = crate::leaks::scan(&options.root, &documents, &site.pages);
            if leaks.is_empty() {
                Some(site)
            } else {
                diagnostics.extend(leaks);
                None
            }
        }
        other => other,
    };
    let health = site
        .as_ref()
        .map(|s| crate::health::findings(&s.portal))
        .unwrap_or_default();
    Ok(Run {
        root: options.root.clone(),
        health,
        sources: session.sources,
        diagnostics,
        site,
        timings,
        configured_output,
    })
}

/// Adds the theme's assets (unless `static/` has a file of the same name)
/// and checks that no static file would overwrite a page.
fn assemble(
    portal: Portal,
    mut pages: Vec<Page>,
    theme: &theme::Theme,
    statics: Vec<StaticFile>,
    root: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<Site> {
    let page_paths: BTreeMap<&str, ()> = pages.iter().map(|p| (p.path.as_str(), ())).collect();
    let mut clash = false;
    for s in &statics {
        if page_paths.contains_key(s.path.as_str()) || s.path == write::MARKER {
            clash = true;
            diagnostics.push(
                Diagnostic::error_at_path(
                    format!(
                        "static/{} would overwrite the generated page `{}`",
                        s.path, s.path
                    ),
                    display_path(root, &format!("static/{}", s.path)),
                )
                .with_help("rename or move the file: two sources cannot write one output path"),
            );
        }
    }
    if clash {
        return None;
    }
    for (path, bytes) in &theme.assets {
        if !statics.iter().any(|s| &s.path == path) {
            pages.push(Page {
                path: path.clone(),
                bytes: bytes.clone(),
            });
        }
    }
    Some(Site {
        portal,
        pages,
        statics,
    })
}

/// Lists the files of `static/`; links out of the portal are refused.
pub fn static_files(root: &Path, diagnostics: &mut Diagnostics) -> Vec<StaticFile> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Vec::new();
    }
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .max_depth(32)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(Diagnostic::error_at_path(
                    format!("cannot read static files: {e}"),
                    display_path(root, "static"),
                ));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() {
            continue;
        }
        let shown = display_path(root, &format!("static/{rel}"));
        if entry.file_type().is_symlink() {
            let inside = std::fs::canonicalize(entry.path())
                .is_ok_and(|t| t.starts_with(&canonical_root) && t.is_file());
            if !inside {
                diagnostics.push(
                    Diagnostic::error_at_path(
                        "this link points outside the portal; cairn does not follow it",
                        shown,
                    )
                    .with_help("copy the file into static/ instead of linking to it"),
                );
                continue;
            }
        }
        out.push(StaticFile {
            path: rel,
            source: entry.path().to_path_buf(),
        });
    }
    out
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
