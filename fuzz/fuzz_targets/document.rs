//! `cairn::load::parse::parse_source` on arbitrary text: the first byte picks the
//! path under `content/` (so every kind is reached), the rest is the file.
//! Nothing may panic, every diagnostic's span must lie inside its file's
//! text on char boundaries, and rendering the diagnostics must not panic.
#![no_main]

use std::ops::Range;

use cairn::diagnostics::{Diagnostics, to_text};
use cairn::source::SourceMap;
use libfuzzer_sys::fuzz_target;

const PATHS: &[&str] = &[
    "vision.md",
    "backlog/x.md",
    "stakeholders/a.md",
    "tradeoffs/t.md",
    "updates/u.md",
    "backlog/sub/deep-item.md",
    "stakeholders/Bad_Id.md",
    "notes.md",
];

fn check_span(sources: &SourceMap, file: usize, span: &Range<usize>, what: &str) {
    let text = sources.text(file);
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let rel = PATHS[selector as usize % PATHS.len()];
    let text = String::from_utf8_lossy(rest);

    let (doc, problems, sources) = cairn::load::parse::parse_source(rel, &text);

    for d in &problems {
        if let Some(loc) = &d.location {
            check_span(&sources, loc.file, &loc.span, &d.message);
        }
        for (loc, label) in &d.related {
            check_span(&sources, loc.file, &loc.span, label);
        }
    }
    if let Some(doc) = &doc {
        check_span(&sources, doc.file, &doc.header, "document header");
        if let Some(span) = &doc.draft_span {
            check_span(&sources, doc.file, span, "draft span");
        }
        for link in &doc.body.links {
            check_span(&sources, doc.file, &link.span, "body link");
        }
    }

    let mut diags = Diagnostics::default();
    diags.extend(problems);
    let _ = to_text(&diags, &sources, false);
    let _ = cairn::diagnostics::to_json(&diags, &sources);
});
