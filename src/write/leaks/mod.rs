//! The last guard of a public build: every text that only private content
//! holds (private documents' titles and bodies, stakeholders' motivations,
//! risks and notes) is searched for in every output file, pages, search
//! index, theme assets and copies of `static/` alike. Text is compared as a
//! reader sees it (`normal`), so a quote escaped differently or split
//! across lines is found. One hit fails the build, naming the private
//! source, the output file and line that quote it, and the public source
//! that does, when one does.

mod normal;

use std::io::Read;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, Mutex};

use aho_corasick::AhoCorasick;

use crate::diagnostics::{Diagnostic, Location};
use crate::load::{Document, Front};
use crate::render::Page;
use crate::resolve::privacy;
use crate::source::{FileId, SourceMap};
use normal::Normal;

pub use normal::normalize;

/// Shorter texts are too likely to occur by chance.
const MIN_TITLE: usize = 5;
const MIN_FRAGMENT: usize = 20;

/// How much of a `static/` file is read at a time.
const CHUNK: usize = 1 << 20;

/// The largest buffer a thread keeps for the next page.
const KEPT_BUFFER: usize = 256 * 1024;

thread_local! {
    static NORMAL: std::cell::Cell<Normal> = std::cell::Cell::new(Normal::default());
}

/// A text that must not appear, and the document it comes from.
struct Secret {
    /// As written, whitespace collapsed: what the error quotes.
    text: String,
    file: FileId,
    header: Range<usize>,
}

/// The text of a document's body as a reader sees it. The one place the
/// guard reads a body.
fn body_text(doc: &Document) -> String {
    doc.body.plain_text()
}

fn push(out: &mut Vec<Secret>, text: &str, min: usize, doc: &Document) {
    let text = normal::collapse(text);
    if text.chars().count() >= min {
        out.push(Secret {
            text,
            file: doc.file,
            header: doc.header.clone(),
        });
    }
}

/// Long enough pieces of a body's text: its sentences and lines.
fn fragments(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '\n', '!', '?', ';']).map(str::trim)
}

/// Every private text of `documents`, and the files of the public ones.
fn secrets(documents: &[Arc<Document>]) -> (Vec<Secret>, Vec<FileId>) {
    let private = privacy::private_paths(documents);
    let mut out = Vec::new();
    let mut public = Vec::new();
    for doc in documents {
        if private.contains(&doc.path) {
            let title = match &doc.front {
                Front::Vision(v) => &v.title,
                Front::Stakeholder(s) => &s.name,
                Front::Decision(t) => &t.title,
                Front::Item(i) => &i.title,
                Front::Update(u) => &u.title,
                Front::Assumption(a) => &a.title,
                Front::Conversation(c) => &c.title,
            };
            push(&mut out, title, MIN_TITLE, doc);
            for f in fragments(&body_text(doc)) {
                push(&mut out, f, MIN_FRAGMENT, doc);
            }
            continue;
        }
        public.push(doc.file);
        if let Front::Stakeholder(s) = &doc.front {
            for text in s.motivations.iter().chain(&s.risks) {
                push(&mut out, text, MIN_TITLE, doc);
            }
            for f in fragments(&body_text(doc)) {
                push(&mut out, f, MIN_FRAGMENT, doc);
            }
        }
    }
    (out, public)
}

/// One place a secret showed up: which secret, in which output file, on
/// which line.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Hit {
    secret: usize,
    path: String,
    line: usize,
}

/// Looks for private text in the files of a public build as they are
/// written; one error per text at the end.
pub struct Scanner {
    secrets: Vec<Secret>,
    /// The files of public documents, which may be where a quote comes from.
    public: Vec<FileId>,
    matcher: AhoCorasick,
    /// The secret each needle spells.
    owner: Vec<usize>,
    /// The longest needle, in bytes: how much of a chunk the next must see.
    longest: usize,
    hits: Mutex<Vec<Hit>>,
}

impl Scanner {
    /// A scanner for the private texts of `documents`; `None` when there
    /// are none.
    pub fn new(documents: &[Arc<Document>]) -> Option<Self> {
        let (secrets, public) = secrets(documents);
        if secrets.is_empty() {
            return None;
        }
        // As written and as decoded: a text that holds `&amp;` or `\\`
        // reads either way, depending on how the output escaped it.
        let mut needles = Vec::new();
        let mut owner = Vec::new();
        for (i, s) in secrets.iter().enumerate() {
            let mut spellings = vec![s.text.clone(), normalize(&s.text)];
            spellings.dedup();
            for spelling in spellings.into_iter().filter(|n| !n.is_empty()) {
                needles.push(spelling);
                owner.push(i);
            }
        }
        let longest = needles.iter().map(String::len).max().unwrap_or(0);
        let matcher = AhoCorasick::new(&needles).ok()?;
        Some(Scanner {
            secrets,
            public,
            matcher,
            owner,
            longest,
            hits: Mutex::default(),
        })
    }

    /// Looks through one rendered file.
    pub fn scan(&self, page: &Page) {
        // Each thread keeps its buffer from page to page.
        let mut n = NORMAL.take();
        n.clear();
        n.without_tags = is_markup(&page.path);
        n.push(&page.bytes, true);
        let found = self.find(&n, &page.path, 0, 0);
        self.record(found);
        if n.text.capacity() <= KEPT_BUFFER {
            NORMAL.set(n);
        }
    }

    /// Looks through a file copied into the output (`path` under the
    /// output root), a chunk at a time, so that a large file is never held
    /// whole. A file that cannot be read is copied by nobody either; the
    /// copy reports it.
    pub fn scan_file(&self, path: &str, source: &Path) {
        let Ok(mut file) = std::fs::File::open(source) else {
            return;
        };
        let mut n = Normal::default();
        n.without_tags = is_markup(path);
        let mut raw: Vec<u8> = Vec::with_capacity(CHUNK);
        let mut chunk = vec![0; CHUNK];
        // Bytes of `n.text` already searched, and lines dropped before it.
        let (mut searched, mut lines_before) = (0, 0);
        let mut found = Vec::new();
        loop {
            let read = match file.read(&mut chunk) {
                Ok(read) => read,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            let last = read == 0;
            raw.extend_from_slice(&chunk[..read]);
            let taken = n.push(&raw, last);
            raw.drain(..taken);
            found.extend(self.find(&n, path, searched, lines_before));
            if last {
                break;
            }
            // Tags come whole, and no text runs from one to the next.
            n.clear_tags();
            // Keep what a needle crossing into the next chunk needs.
            let cut = n.text.len().saturating_sub(self.longest);
            n.text.drain(..cut);
            let dropped = n.line_starts.partition_point(|&s| s <= cut);
            lines_before += dropped;
            n.line_starts.drain(..dropped);
            n.line_starts.iter_mut().for_each(|s| *s -= cut);
            searched = n.text.len();
        }
        self.record(found);
    }

    /// The hits in `n` that end after its first `searched` bytes, and in
    /// the tags set apart from it.
    fn find(&self, n: &Normal, path: &str, searched: usize, lines_before: usize) -> Vec<Hit> {
        let hit = |m: aho_corasick::Match, line: usize| Hit {
            secret: self.owner[m.pattern().as_usize()],
            path: path.to_string(),
            line: lines_before + line,
        };
        let mut found: Vec<Hit> = self
            .matcher
            .find_iter(&n.text)
            .filter(|m| m.end() > searched)
            .map(|m| hit(m, n.line_of(m.start())))
            .collect();
        if let Some(tags) = &n.tags {
            found.extend(
                self.matcher
                    .find_iter(&tags.text)
                    .map(|m| hit(m, n.tag_line_of(m.start()))),
            );
        }
        found
    }

    fn record(&self, found: Vec<Hit>) {
        if !found.is_empty()
            && let Ok(mut hits) = self.hits.lock()
        {
            hits.extend(found);
        }
    }

    /// One error per private text found, at its private source, naming
    /// the output files and lines that quote it and the public sources
    /// that hold the quote.
    pub fn finish(mut self, sources: &SourceMap) -> Vec<Diagnostic> {
        let mut hits = std::mem::take(self.hits.get_mut().unwrap_or_else(|e| e.into_inner()));
        hits.sort();
        hits.dedup_by(|a, b| a.secret == b.secret && a.path == b.path);
        let mut by_secret: Vec<(usize, Vec<String>)> = Vec::new();
        for hit in &hits {
            let at = format!("{}:{}", hit.path, hit.line);
            match by_secret.last_mut() {
                Some((s, places)) if *s == hit.secret => places.push(at),
                _ => by_secret.push((hit.secret, vec![at])),
            }
        }
        if by_secret.is_empty() {
            return Vec::new();
        }
        let leaked: Vec<usize> = by_secret.iter().map(|(i, _)| *i).collect();
        let quotes = self.quotes(sources, &leaked);
        let own = self.own_lines(sources, &leaked);
        by_secret
            .into_iter()
            .map(|(i, places)| {
                let s = &self.secrets[i];
                let shown = match places.len() {
                    1..=3 => places.join(", "),
                    n => format!("{} and {} more", places[..3].join(", "), n - 3),
                };
                let at = own
                    .iter()
                    .find(|(secret, _)| *secret == i)
                    .map_or_else(|| Location::new(s.file, s.header.clone()), |(_, at)| at.clone());
                let mut d = Diagnostic::error(
                    format!(
                        "private text leaked into the public build: “{}” appears in {shown}",
                        s.text
                    ),
                    at,
                )
                .with_label("private: left out of public builds")
                .with_help("this text is private; remove it from the public page that quotes it, or make its document public");
                for (secret, at) in &quotes {
                    if *secret == i {
                        d = d.with_related(at.clone(), "quoted here, in a public document");
                    }
                }
                d
            })
            .collect()
    }

    /// The lines of public documents that quote a leaked secret (at most
    /// three per secret). Read only when something leaked.
    fn quotes(&self, sources: &SourceMap, leaked: &[usize]) -> Vec<(usize, Location)> {
        let mut out: Vec<(usize, Location)> = Vec::new();
        for &file in &self.public {
            for (secret, at) in self.lines_quoting(sources, file, leaked) {
                let shown = out.iter().filter(|(s, _)| *s == secret).count();
                if shown < 3 && self.secrets[secret].file != file {
                    out.push((secret, at));
                }
            }
        }
        out
    }

    /// Where each leaked secret is written in its own private document.
    fn own_lines(&self, sources: &SourceMap, leaked: &[usize]) -> Vec<(usize, Location)> {
        let mut files: Vec<FileId> = leaked.iter().map(|&i| self.secrets[i].file).collect();
        files.sort_unstable();
        files.dedup();
        files
            .into_iter()
            .flat_map(|file| self.lines_quoting(sources, file, leaked))
            .filter(|(secret, at)| self.secrets[*secret].file == at.file)
            .collect()
    }

    /// The lines of source `file` that hold one of the `leaked` secrets.
    fn lines_quoting(
        &self,
        sources: &SourceMap,
        file: FileId,
        leaked: &[usize],
    ) -> Vec<(usize, Location)> {
        let text = sources.text(file);
        let mut n = Normal::default();
        n.push(text.as_bytes(), true);
        self.matcher
            .find_iter(&n.text)
            .map(|m| (self.owner[m.pattern().as_usize()], m.start()))
            .filter(|(secret, _)| leaked.contains(secret))
            .map(|(secret, start)| {
                let span = line_span(text, n.line_of(start));
                (secret, Location::new(file, span))
            })
            .collect()
    }
}

/// Whether a reader sees the file through its markup (its text is also
/// read without tags, so that markup inside a quote cannot hide it).
fn is_markup(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    ["html", "htm", "xhtml", "xml", "svg"]
        .iter()
        .any(|m| ext.eq_ignore_ascii_case(m))
}

/// The bytes of line `line` (from 1) of `text`, without its line break
/// and indent.
fn line_span(text: &str, line: usize) -> Range<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let rest = &text[start..];
    let indent = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
    start + indent.min(end)..start + end
}
