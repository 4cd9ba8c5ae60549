//! The last guard of a public build: every text that only private content
//! holds (private documents' titles and bodies, stakeholders' motivations,
//! risks and notes) is searched for in every output file. One hit fails the
//! build, naming the text, where it comes from and where it showed up.

use std::sync::Arc;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::load::{Document, Front, display_path};
use crate::render::Page;
use crate::resolve::privacy;

/// Shorter texts are too likely to occur by chance.
const MIN_TITLE: usize = 5;
const MIN_FRAGMENT: usize = 20;

/// A text that must not appear, and the file it comes from.
struct Secret {
    text: String,
    from: String,
}

fn push(out: &mut Vec<Secret>, text: &str, min: usize, from: &str) {
    let text = text.trim();
    if text.chars().count() >= min {
        out.push(Secret {
            text: text.to_string(),
            from: from.to_string(),
        });
    }
}

/// Long enough pieces of a body's text: its sentences and lines.
fn fragments(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '\n', '!', '?', ';']).map(str::trim)
}

fn secrets(documents: &[Arc<Document>]) -> Vec<Secret> {
    let private = privacy::private_paths(documents);
    let mut out = Vec::new();
    for doc in documents {
        let from = format!("content/{}", doc.path);
        if private.contains(&doc.path) {
            let title = match &doc.front {
                Front::Vision(v) => &v.title,
                Front::Stakeholder(s) => &s.name,
                Front::Tradeoff(t) => &t.title,
                Front::Item(i) => &i.title,
                Front::Update(u) => &u.title,
            };
            push(&mut out, title, MIN_TITLE, &from);
            for f in fragments(&doc.body.text) {
                push(&mut out, f, MIN_FRAGMENT, &from);
            }
        } else if let Front::Stakeholder(s) = &doc.front {
            for text in s.motivations.iter().chain(&s.risks) {
                push(&mut out, text, MIN_TITLE, &from);
            }
            for f in fragments(&doc.body.text) {
                push(&mut out, f, MIN_FRAGMENT, &from);
            }
        }
    }
    out
}

/// Finds private text in the pages of a public build; one error per text.
pub fn scan(
    root: &std::path::Path,
    documents: &[Arc<Document>],
    pages: &[Page],
) -> Vec<Diagnostic> {
    let secrets = secrets(documents);
    if secrets.is_empty() {
        return Vec::new();
    }
    // Pages hold text escaped for HTML (by the templates or by the
    // Markdown renderer), or raw in scripts: look for every spelling.
    let mut needles = Vec::new();
    let mut owner = Vec::new();
    for (i, s) in secrets.iter().enumerate() {
        let basic = s
            .text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        let mut spellings = vec![
            s.text.clone(),
            basic.replace('\'', "&#x27;").replace('/', "&#x2F;"),
            basic.replace('\'', "&#39;"),
            basic,
        ];
        spellings.sort();
        spellings.dedup();
        for spelling in spellings {
            needles.push(spelling);
            owner.push(i);
        }
    }
    let Ok(matcher) = AhoCorasick::new(&needles) else {
        return Vec::new();
    };
    let mut hits: Vec<(usize, &str)> = pages
        .par_iter()
        .flat_map_iter(|page| {
            matcher
                .find_iter(&page.bytes)
                .map(|m| (owner[m.pattern().as_usize()], page.path.as_str()))
                .collect::<Vec<_>>()
        })
        .collect();
    hits.sort();
    hits.dedup();
    let mut by_secret: Vec<(usize, Vec<&str>)> = Vec::new();
    for (secret, page) in hits {
        match by_secret.last_mut() {
            Some((s, pages)) if *s == secret => pages.push(page),
            _ => by_secret.push((secret, vec![page])),
        }
    }
    by_secret
        .into_iter()
        .map(|(i, pages)| {
            let s = &secrets[i];
            let shown = match pages.len() {
                1..=3 => pages.join(", "),
                n => format!("{} and {} more", pages[..3].join(", "), n - 3),
            };
            Diagnostic::error_at_path(
                format!("private text leaked into the public build: “{}” appears in {shown}", s.text),
                display_path(root, &s.from),
            )
            .with_help("this text is private; remove it from the public page that quotes it, or make its document public")
        })
        .collect()
}
