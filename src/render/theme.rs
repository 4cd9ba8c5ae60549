//! Templates and theme assets. The default theme is embedded in the binary;
//! a portal's `themes/<name>/` (when `theme` is set) and its `templates/`
//! folder override it one file at a time, by name, so an override can be a
//! single small template or block.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::diagnostics::{Diagnostic, Location};
use crate::source::display_path;

static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Templates ready to render, plus the theme's own static files.
pub struct Theme {
    /// The template engine with every template added.
    pub tera: tera::Tera,
    /// Files under the theme's `static/`, by output path.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Whether every template is cairn's own: rendering then cannot fail
    /// on a portal that resolved, so `cairn check` need not render.
    pub built_in: bool,
}

/// Where a template came from, for error messages.
struct Source {
    text: String,
    shown: String,
    built_in: bool,
}

/// Loads the embedded theme, then `themes/<theme>/` and `templates/` of
/// the portal at `root` over it.
pub fn load(
    root: &Path,
    theme: Option<&str>,
    theme_at: Option<Location>,
) -> Result<Theme, Vec<Diagnostic>> {
    let mut templates: BTreeMap<String, Source> = BTreeMap::new();
    let mut assets: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    embedded(&DEFAULT, &mut templates, &mut assets);
    let mut problems = Vec::new();
    if let Some(name) = theme.filter(|n| *n != "default") {
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            from_disk(
                root,
                &dir.join("templates"),
                &format!("themes/{name}/templates"),
                &mut templates,
                &mut problems,
            );
            assets_from_disk(&dir.join("static"), &mut assets, &mut problems);
        } else {
            let message = format!(
                "theme `{name}` not found: there is no folder themes/{name}/ next to cairn.toml"
            );
            let help =
                "create themes/<name>/templates/, or remove `theme` to use the built-in theme";
            problems.push(match theme_at {
                Some(at) => Diagnostic::error(message, at).with_help(help),
                None => Diagnostic::error_at_path(message, display_path(root, "cairn.toml"))
                    .with_help(help),
            });
        }
    }
    from_disk(
        root,
        &root.join("templates"),
        "templates",
        &mut templates,
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut tera = tera::Tera::new();
    let raw: Vec<(&str, &str)> = templates
        .iter()
        .map(|(n, s)| (n.as_str(), s.text.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(raw) {
        return Err(vec![template_error(&e, &templates)]);
    }
    let built_in = templates.values().all(|s| s.built_in);
    Ok(Theme {
        tera,
        assets,
        built_in,
    })
}

/// A template problem, pinned on the file it came from when tera says so.
pub fn template_error_for(e: &tera::Error, shown: Option<&str>) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        message.push_str(&format!("\n{inner}"));
        source = inner.source();
    }
    Diagnostic::error_at_path(
        format!("template error: {message}"),
        shown.unwrap_or("templates"),
    )
    .with_help(
        "fix the template; `cairn build` shows the built-in templates' names in this message",
    )
}

fn template_error(e: &tera::Error, templates: &BTreeMap<String, Source>) -> Diagnostic {
    let text = e.to_string();
    let shown = templates
        .iter()
        .find(|(name, _)| text.contains(name.as_str()))
        .map(|(_, s)| s.shown.as_str());
    template_error_for(e, shown)
}

fn embedded(
    dir: &Dir<'static>,
    templates: &mut BTreeMap<String, Source>,
    assets: &mut BTreeMap<String, Vec<u8>>,
) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(file.contents()).into_owned();
            templates.insert(
                name.to_string(),
                Source {
                    text,
                    shown: format!("(built-in theme) {path}"),
                    built_in: true,
                },
            );
        } else if let Some(name) = path.strip_prefix("static/") {
            assets.insert(name.to_string(), file.contents().to_vec());
        }
    }
    for sub in dir.dirs() {
        embedded(sub, templates, assets);
    }
}

/// Files under `dir`, by their `/`-separated path inside it, in name order.
fn files_under(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .max_depth(16)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, e.into_path()))
        })
        .collect()
}

fn from_disk(
    root: &Path,
    dir: &Path,
    shown_prefix: &str,
    templates: &mut BTreeMap<String, Source>,
    problems: &mut Vec<Diagnostic>,
) {
    for (name, path) in files_under(dir) {
        if !(name.ends_with(".html") || name.ends_with(".xml")) {
            continue;
        }
        let shown = display_path(root, &format!("{shown_prefix}/{name}"));
        match fs::read_to_string(&path) {
            Ok(text) => {
                templates.insert(
                    name,
                    Source {
                        text,
                        shown,
                        built_in: false,
                    },
                );
            }
            Err(e) => problems.push(Diagnostic::error_at_path(
                format!("cannot read this template: {e}"),
                shown,
            )),
        }
    }
}

fn assets_from_disk(
    dir: &Path,
    assets: &mut BTreeMap<String, Vec<u8>>,
    problems: &mut Vec<Diagnostic>,
) {
    for (name, path) in files_under(dir) {
        match fs::read(&path) {
            Ok(bytes) => {
                assets.insert(name, bytes);
            }
            Err(e) => problems.push(Diagnostic::error_at_path(
                format!("cannot read this file: {e}"),
                path.display().to_string(),
            )),
        }
    }
}
