//! `cairn changes`: the digest of what changed since a revision or a
//! date, grouped by week like the changes page, as Markdown to paste into
//! the next stakeholder update, or as JSON.

use std::path::Path;

use jiff::civil::Date;

use super::views::{summary, weeks};
use super::{Change, History};

/// Where the digest starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Since {
    /// Changes on or after this day.
    Date(Date),
    /// Changes made after this commit: by its place in the first-parent
    /// chain when it is on it (commit times may tie or run backwards), else
    /// by its commit time.
    After { time: i64, place: Option<u32> },
}

/// Reads `--since`: `last` (the newest update's date, see [`run`]), a
/// date `YYYY-MM-DD`, else a revision of the portal's
/// repository (`HEAD~5`, a tag, a commit id).
pub fn since(root: &Path, spec: &str) -> Result<Since, String> {
    if let Ok(date) = spec.parse::<Date>() {
        return Ok(Since::Date(date));
    }
    let (repo, _) = super::walk::open(root).map_err(|_| {
        format!(
            "`{spec}` is not a date (YYYY-MM-DD), and the portal has no git history to find it in"
        )
    })?;
    let id = repo
        .rev_parse_single(spec)
        .map_err(|e| format!("`{spec}` is neither a date (YYYY-MM-DD) nor a revision: {e}"))?;
    let commit = id
        .object()
        .ok()
        .and_then(|o| o.peel_to_commit().ok())
        .ok_or_else(|| format!("`{spec}` does not name a commit"))?;
    let time = commit.time().map_err(|e| e.to_string())?.seconds;
    let place =
        super::walk::head(&repo).and_then(|head| super::walk::place(&repo, head, commit.id));
    Ok(Since::After { time, place })
}

/// What `cairn changes` found.
pub struct Digest {
    /// The digest, unless the portal did not resolve.
    pub text: Option<String>,
    pub diagnostics: crate::diagnostics::Diagnostics,
    pub sources: crate::source::SourceMap,
}

/// `cairn changes`: resolves the portal (for what a build shows), reads its
/// history and prints the changes since `spec`.
pub fn run(
    options: &crate::pipeline::Options,
    spec: &str,
    format: crate::cli::ChangesFormat,
) -> Result<Digest, crate::error::Error> {
    // `last`: since the newest update, read once the portal is resolved.
    let last = spec == "last";
    let since_spec = if last {
        Since::After {
            time: i64::MIN,
            place: None,
        }
    } else {
        since(&options.root, spec).map_err(crate::error::Error::Usage)?
    };
    let mut session = crate::load::session::Session::open(&options.root)?;
    let mut diagnostics = crate::diagnostics::Diagnostics::default();
    let portal = crate::pipeline::resolve_portal(&session, options, &mut diagnostics);
    let sources = std::mem::take(&mut session.sources);
    let text = portal.filter(|_| !diagnostics.has_errors()).map(|p| {
        let since = match p.updates.iter().map(|u| u.date).max() {
            Some(date) if last => Since::Date(date),
            _ => since_spec.clone(),
        };
        let changes = select(&p.history, &since);
        match format {
            crate::cli::ChangesFormat::Markdown => markdown(&changes, p.config.base_url.as_deref()),
            crate::cli::ChangesFormat::Json => json(&changes),
        }
    });
    Ok(Digest {
        text,
        diagnostics,
        sources,
    })
}

/// The changes of `history` since `since`, newest first.
pub fn select<'a>(history: &'a History, since: &Since) -> Vec<&'a Change> {
    history
        .changes
        .iter()
        .filter(|c| match since {
            Since::Date(d) => c.date >= *d,
            Since::After { place: Some(p), .. } => c.seq.is_none_or(|s| s > *p),
            Since::After { time, place: None } => c.time > *time,
        })
        .collect()
}

/// The digest as Markdown: a heading per week, a line per change.
pub fn markdown(changes: &[&Change], base_url: Option<&str>) -> String {
    let mut out = String::new();
    if changes.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    for week in weeks(changes.iter().copied()) {
        out.push_str(&format!("## {}\n\n", week.label));
        // Titles and names as text: the digest is pasted into updates.
        for c in &week.changes {
            let title = match (&c.href, base_url) {
                (Some(href), Some(base)) => format!("[{}](<{base}{href}>)", text(c.title)),
                _ => text(c.title),
            };
            let by = c
                .author
                .map(|a| format!(" ({})", text(a)))
                .unwrap_or_default();
            let when = if c.uncommitted {
                "not committed yet".to_string()
            } else {
                c.date.clone()
            };
            out.push_str(&format!(
                "- {when}: {} {title}: {}{by}\n",
                c.subject,
                text(&c.summary)
            ));
        }
        out.push('\n');
    }
    out
}

/// The digest as JSON: a list of changes, newest first.
pub fn json(changes: &[&Change]) -> String {
    let list: Vec<serde_json::Value> = changes
        .iter()
        .map(|c| {
            let mut v = serde_json::to_value(c).unwrap_or_default();
            if let Some(map) = v.as_object_mut() {
                map.insert("summary".into(), summary(c).into());
            }
            v
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
}

/// `raw` as Markdown text that reads as written: what could start markup
/// is escaped, and line breaks become spaces (a change is one line).
pub fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for ch in raw.trim().chars() {
        if ch.is_control() {
            out.push(' ');
            continue;
        }
        if matches!(
            ch,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '&'
                | '!'
                | '~'
                | '|'
                | '#'
                | '{'
                | '}'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}
