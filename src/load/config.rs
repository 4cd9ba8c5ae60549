//! `cairn.toml`: the portal's settings, read with the same field reader as
//! front matter so its mistakes are reported the same way.

use toml::de::DeTable;

use crate::diagnostics::{Diagnostic, Location};
use crate::fields::Fields;
use crate::source::{FileId, first_line};

/// Site settings.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The portal's title.
    pub title: String,
    /// Absolute URL the portal is published at, ending in `/`.
    pub base_url: Option<String>,
    /// One sentence under the title.
    pub description: Option<String>,
    /// `lang` of every page.
    pub language: String,
    /// `themes/<name>` next to `cairn.toml`, else the built-in theme.
    pub theme: Option<String>,
    /// Where `theme` was written, for "theme not found".
    pub theme_at: Option<Location>,
    /// `[build] output`, relative to the portal root.
    pub output: Option<String>,
    /// Publish raw HTML in bodies unsanitized (warned about on every build).
    pub unsafe_html: bool,
    /// `[public]`: what a `--public` build shows beyond the default.
    pub public: Shows,
    /// Free data for templates.
    pub extra: serde_json::Value,
    /// `[links]`: edit and feedback links on document pages.
    pub links: crate::page_links::Links,
    /// (v2) `[roadmap] note`: stands above the roadmap.
    pub roadmap_note: Option<String>,
    /// `[history]`: what changed, read from git.
    pub history: crate::history::Settings,
}

/// What pages show of how the team works. A team build shows everything; a
/// public build only what `[public]` opts back in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shows {
    /// Power and interest, quadrants and the map, engagement modes,
    /// cadences, contact dates and overdue conversations.
    pub engagement: bool,
    /// Portal-health findings.
    pub health: bool,
}

impl Shows {
    /// Everything: a team build.
    pub const ALL: Shows = Shows {
        engagement: true,
        health: true,
    };
}

/// The top-level keys of `cairn.toml`.
pub const KEYS: &[&str] = &[
    "unsafe_html",
    "title",
    "base_url",
    "description",
    "language",
    "theme",
    "build",
    "links",
    "public",
    "roadmap",
    "history",
];
/// The keys of its `[roadmap]` table (v2).
pub const ROADMAP_KEYS: &[&str] = &["note"];
/// The keys of its `[build]` table.
pub const BUILD_KEYS: &[&str] = &["output"];
/// The keys of its `[public]` table.
pub const PUBLIC_KEYS: &[&str] = &["engagement", "health"];

/// Parses `cairn.toml` (file `file`, text `text`), pushing every problem.
pub fn parse(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Config {
    let (table, errors) = DeTable::parse_recoverable(text);
    diags.extend(crate::fields::syntax::toml_errors(
        file,
        text,
        0,
        &errors,
        "cairn.toml",
    ));
    let broken = errors.iter().filter_map(|e| e.span()).collect();
    let table = table.into_inner();
    let anchor = first_line(text);
    let mut f = Fields::new(
        &table,
        ("cairn.toml", KEYS),
        (file, 0, anchor),
        super::keys::REGISTRY,
        diags,
    )
    .with_syntax_errors(broken);
    let title = f.string("title", true).map(|s| s.value).unwrap_or_default();
    let base_url = f.string("base_url", false).and_then(|url| {
        let value = url.value.trim();
        // Spelled as pages print it (scheme in lowercase), and a URL the
        // `url` crate reads, with a host.
        let web = value.starts_with("http://") || value.starts_with("https://");
        if web && url::Url::parse(value).is_ok_and(|u| u.has_host()) {
            Some(with_slash(value))
        } else {
            f.error(
                url.span,
                "`base_url` must be an absolute http or https URL".into(),
                Some("write e.g. `base_url = \"https://acme.example/portal/\"`, or leave it out for relative links".into()),
            );
            None
        }
    });
    let description = f.string("description", false).map(|s| s.value);
    let language = f
        .string("language", false)
        .map_or_else(|| "en".to_string(), |s| s.value);
    let theme_sp = f.string("theme", false);
    let theme_at = theme_sp
        .as_ref()
        .map(|s| Location::new(file, s.span.clone()));
    let theme = theme_sp.map(|s| s.value);
    // The portal's own file may not aim `--force` at a folder outside it:
    // a cloned portal's `output = "../../Documents"` would be replaced.
    let output = f.table("build", "the [build] table", BUILD_KEYS, |b| {
        let output = b.string("output", false)?;
        if stays_inside(&output.value) {
            return Some(output.value);
        }
        b.error(
            output.span,
            "`output` must be a folder inside the portal".into(),
            Some("write a relative path without `..` (e.g. `output = \"site\"`); to build elsewhere, pass `-o DIR`".into()),
        );
        None
    });
    let links = crate::page_links::parse(&mut f, text);
    let public = f.table("public", "the [public] table", PUBLIC_KEYS, |t| Shows {
        engagement: t.boolean("engagement"),
        health: t.boolean("health"),
    });
    let roadmap_note = f.table("roadmap", "the [roadmap] table", ROADMAP_KEYS, |r| {
        r.string("note", false).map(|s| s.value)
    });
    let history = f.table(
        "history",
        "the [history] table",
        crate::history::KEYS,
        |h| crate::history::Settings {
            enabled: h.boolean_at("enabled").is_none_or(|b| b.value),
            authors: h.boolean_at("authors").is_some_and(|b| b.value),
        },
    );
    let unsafe_html = f.boolean_at("unsafe_html");
    if let Some(on) = unsafe_html.as_ref().filter(|b| b.value) {
        f.warn(
            on.span.clone(),
            "`unsafe_html` is on: raw HTML in bodies, scripts included, is published as written"
                .into(),
            "remove it unless every author of this portal is trusted with the site's visitors"
                .into(),
        );
    }
    let unsafe_html = unsafe_html.is_some_and(|b| b.value);
    let extra = f.extra();
    Config {
        title,
        base_url,
        description,
        language,
        theme,
        theme_at,
        output,
        unsafe_html,
        public,
        extra,
        links,
        roadmap_note,
        history,
    }
}

/// Whether the relative path `path` names a folder inside the portal:
/// neither absolute nor climbing out with `..`, nor the portal itself.
fn stays_inside(path: &str) -> bool {
    use std::path::Component;
    let parts: Vec<_> = std::path::Path::new(path).components().collect();
    parts
        .iter()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        && parts.iter().any(|c| matches!(c, Component::Normal(_)))
}

/// `url` ending in exactly one `/`.
pub fn with_slash(url: &str) -> String {
    format!("{}/", url.trim_end_matches('/'))
}
