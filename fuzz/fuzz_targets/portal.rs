//! The whole pipeline (load, resolve, render) on a portal made from the
//! input. The input is cut at "\n=====\n" into up to 6 files, written to a
//! fresh temp dir, in this order:
//!
//!   cairn.toml, content/vision.md, content/backlog/guided-setup.md,
//!   content/stakeholders/dana.md, content/tradeoffs/sso-first.md,
//!   content/updates/october.md
//!
//! (the last one takes the rest of the input, separators included). Then
//! `Session::open`, `pipeline::check` and, when there are no errors,
//! `render::render`. Nothing may panic; every diagnostic's span must lie
//! inside its file's text, and rendering the diagnostics must not panic.
//!
//! Set `CAIRN_FUZZ_DEBUG=1` to print each input's diagnostics and how far
//! it got (useful to check that seeds reach the render stage).
#![no_main]

use std::fs;
use std::ops::Range;
use std::sync::LazyLock;

use cairn::pipeline::{self, Options};
use cairn::diagnostics::{Diagnostic, Diagnostics, to_text};
use cairn::load::session::Session;
use cairn::source::SourceMap;
use libfuzzer_sys::fuzz_target;

static DEBUG: LazyLock<bool> = LazyLock::new(|| std::env::var_os("CAIRN_FUZZ_DEBUG").is_some());

const SEPARATOR: &str = "\n=====\n";

const PATHS: [&str; 6] = [
    "cairn.toml",
    "content/vision.md",
    "content/backlog/guided-setup.md",
    "content/stakeholders/dana.md",
    "content/tradeoffs/sso-first.md",
    "content/updates/october.md",
];

fn check_span(sources: &SourceMap, file: usize, span: &Range<usize>, what: &str) {
    let text = sources.text(file);
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside {} ({} bytes)",
        sources.path(file),
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries of {}",
        sources.path(file)
    );
}

fn check_spans<'a>(sources: &SourceMap, diags: impl IntoIterator<Item = &'a Diagnostic>) {
    for d in diags {
        if let Some(loc) = &d.location {
            check_span(sources, loc.file, &loc.span, &d.message);
        }
        for (loc, label) in &d.related {
            check_span(sources, loc.file, &loc.span, label);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // Files are read from disk, so non-UTF-8 input is allowed through: it
    // exercises the "not UTF-8" path of the loader.
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::create_dir_all(root.join("content/backlog")).unwrap();
    fs::create_dir_all(root.join("content/stakeholders")).unwrap();
    fs::create_dir_all(root.join("content/tradeoffs")).unwrap();
    fs::create_dir_all(root.join("content/updates")).unwrap();
    for (i, part) in split_bytes(data, SEPARATOR.as_bytes(), PATHS.len())
        .into_iter()
        .enumerate()
    {
        fs::write(root.join(PATHS[i]), part).unwrap();
    }

    let session = match Session::open(root) {
        Ok(s) => s,
        Err(_) => return,
    };
    let options = Options {
        root: root.to_path_buf(),
        include_drafts: false,
        public: false,
        today: jiff::civil::date(2026, 11, 22),
        base_url: None,
    };
    let mut diags = Diagnostics::default();
    let checked = pipeline::check(&session, &options, &mut diags);
    if let (Some(portal), Some(theme)) = (&checked.portal, &checked.theme)
        && !diags.has_errors()
    {
        let rendered = cairn::render::render(portal, theme);
        if *DEBUG {
            match &rendered {
                Ok(pages) => eprintln!("cairn-fuzz: rendered {} pages", pages.len()),
                Err(p) => eprintln!("cairn-fuzz: render failed with {} problems", p.len()),
            }
        }
        if let Err(problems) = rendered {
            diags.extend(problems);
        }
    }
    check_spans(&session.sources, diags.iter());
    let text = to_text(&diags, &session.sources, false);
    if *DEBUG {
        eprintln!("cairn-fuzz: diagnostics:\n{}", String::from_utf8_lossy(&text));
    }
});

/// Cuts `data` at `sep` into at most `max` parts; the last one keeps the
/// rest.
fn split_bytes<'a>(data: &'a [u8], sep: &[u8], max: usize) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while parts.len() + 1 < max {
        match rest.windows(sep.len()).position(|w| w == sep) {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + sep.len()..];
            }
            None => break,
        }
    }
    parts.push(rest);
    parts
}
