//! The last guard of a public build: every text that only private content
//! holds (private documents' titles and bodies, stakeholders' motivations,
//! risks and notes) is searched for in every output file. One hit fails the
//! build, naming the text, where it comes from and where it showed up.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use aho_corasick::AhoCorasick;

use crate::diagnostics::Diagnostic;
use crate::html_text;
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
                Front::Conversation(c) => &c.title,
            };
            push(&mut out, title, MIN_TITLE, &from);
            for f in fragments(&html_text::plain_text(&doc.body.html)) {
                push(&mut out, f, MIN_FRAGMENT, &from);
            }
        } else if let Front::Stakeholder(s) = &doc.front {
            for text in s.motivations.iter().chain(&s.risks) {
                push(&mut out, text, MIN_TITLE, &from);
            }
            for f in fragments(&html_text::plain_text(&doc.body.html)) {
                push(&mut out, f, MIN_FRAGMENT, &from);
            }
        }
    }
    out
}

/// Looks for private text in the pages of a public build as they are
/// rendered; one error per text at the end.
pub struct Scanner {
    root: PathBuf,
    secrets: Vec<Secret>,
    matcher: AhoCorasick,
    /// The secret each needle spells.
    owner: Vec<usize>,
    /// (secret, page path) of every hit.
    hits: Mutex<Vec<(usize, String)>>,
}

impl Scanner {
    /// A scanner for the private texts of `documents`; `None` when there
    /// are none.
    pub fn new(root: &Path, documents: &[Arc<Document>]) -> Option<Self> {
        let secrets = secrets(documents);
        if secrets.is_empty() {
            return None;
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
        let matcher = AhoCorasick::new(&needles).ok()?;
        Some(Scanner {
            root: root.to_path_buf(),
            secrets,
            matcher,
            owner,
            hits: Mutex::default(),
        })
    }

    /// Looks through one output file.
    pub fn scan(&self, page: &Page) {
        let found: Vec<(usize, String)> = self
            .matcher
            .find_iter(&page.bytes)
            .map(|m| (self.owner[m.pattern().as_usize()], page.path.clone()))
            .collect();
        if !found.is_empty()
            && let Ok(mut hits) = self.hits.lock()
        {
            hits.extend(found);
        }
    }

    /// One error per private text found, naming where it showed up.
    pub fn finish(self) -> Vec<Diagnostic> {
        let mut hits = self.hits.into_inner().unwrap_or_else(|e| e.into_inner());
        hits.sort();
        hits.dedup();
        let mut by_secret: Vec<(usize, Vec<&str>)> = Vec::new();
        for (secret, page) in &hits {
            match by_secret.last_mut() {
                Some((s, pages)) if s == secret => pages.push(page),
                _ => by_secret.push((*secret, vec![page])),
            }
        }
        by_secret
            .into_iter()
            .map(|(i, pages)| {
                let s = &self.secrets[i];
                let shown = match pages.len() {
                    1..=3 => pages.join(", "),
                    n => format!("{} and {} more", pages[..3].join(", "), n - 3),
                };
                Diagnostic::error_at_path(
                    format!("private text leaked into the public build: “{}” appears in {shown}", s.text),
                    display_path(&self.root, &s.from),
                )
                .with_help("this text is private; remove it from the public page that quotes it, or make its document public")
            })
            .collect()
    }
}
