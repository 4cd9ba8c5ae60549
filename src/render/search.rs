//! The offline search index: small enough for a phone, loaded only when the
//! search box is first used, and readable from `file://`.
//!
//! `search/docs.js` lists every searchable page (title, path, kind). Words
//! are indexed in shards by their first two letters (`search/<hex>.js`), so
//! a query loads the list and one shard per word, never the whole index.
//! Each file is a script that hands its data to `window.cairnSearch`, not
//! JSON fetched at run time, because browsers refuse `fetch` on `file://`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use super::Page;
use crate::kind::{self, Kind};
use crate::markdown::Rendered;
use crate::model::Portal;
use std::sync::Arc;

/// A page to index: its title, path, kind label, texts and body.
struct Entry<'a> {
    title: Cow<'a, str>,
    path: String,
    kind: &'static str,
    text: Vec<&'a str>,
    /// The body's text, from the same pass that made its HTML.
    body: Option<Arc<Rendered>>,
}

/// Words shorter than this are not indexed.
const MIN_WORD: usize = 2;

fn entries(p: &Portal) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let v = &p.vision;
    let mut vision_text = vec![
        v.written.statement.as_str(),
        v.written.target_group.as_str(),
    ];
    vision_text.extend(v.written.needs.iter().map(String::as_str));
    vision_text.extend(v.written.product.as_deref());
    out.push(Entry {
        title: v.written.title.as_str().into(),
        path: Kind::Vision.page(""),
        kind: "Vision",
        text: vision_text,
        body: Some(p.body(&v.meta)),
    });
    for g in &p.goals {
        let text = [
            g.metric.as_deref(),
            g.baseline.as_deref(),
            g.target.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        out.push(Entry {
            title: g.title.as_str().into(),
            path: kind::goal_page(&g.id),
            kind: "Goal",
            text,
            body: None,
        });
    }
    for i in &p.items {
        out.push(Entry {
            title: i.written.title.as_str().into(),
            path: Kind::Backlog.page(&i.meta.id),
            kind: crate::keywords::Keyword::label(i.level()),
            text: Vec::new(),
            body: Some(p.body(&i.meta)),
        });
    }
    for d in &p.decisions {
        let mut text: Vec<&str> = d.options.iter().map(|o| o.written.name.as_str()).collect();
        text.extend(d.written.not_pursued.iter().map(String::as_str));
        out.push(Entry {
            title: d.written.title.as_str().into(),
            path: Kind::Decision.page(&d.meta.id),
            kind: "Decision",
            text,
            body: Some(p.body(&d.meta)),
        });
    }
    for s in &p.stakeholders {
        let text = [
            s.written.position.as_deref(),
            s.written.organization.as_deref(),
            s.written.success.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        out.push(Entry {
            title: s.written.name.as_str().into(),
            path: Kind::Stakeholder.page(&s.meta.id),
            kind: "Stakeholder",
            text,
            body: None,
        });
    }
    for u in &p.updates {
        out.push(Entry {
            title: u.written.title.as_str().into(),
            path: Kind::Update.page(&u.meta.id),
            kind: "Update",
            text: Vec::new(),
            body: Some(p.body(&u.meta)),
        });
    }
    for a in &p.assumptions {
        out.push(Entry {
            title: a.title.as_str().into(),
            path: Kind::Assumption.page(&a.meta.id),
            kind: "Assumption",
            text: a.test.as_deref().into_iter().collect(),
            body: Some(p.body(&a.meta)),
        });
    }
    // Empty in public builds: conversations are team notes.
    for c in &p.conversations {
        out.push(Entry {
            title: c.title.as_str().into(),
            path: Kind::Conversation.page(&c.meta.id),
            kind: "Conversation",
            text: Vec::new(),
            body: Some(p.body(&c.meta)),
        });
    }
    // Views after documents: a word found in a document lists it first.
    out.extend(super::search_views::views(p).into_iter().map(|v| Entry {
        title: v.title,
        path: v.path,
        kind: "Page",
        text: v.text.to_vec(),
        body: None,
    }));
    out
}

/// How [`for_each_word`] sees a byte: an ASCII letter or digit, a byte of
/// a character outside ASCII (whose Unicode class decides), or anything
/// else, which separates words.
const CLASS: [Class; 256] = {
    let mut table = [Class::Separator; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c >= 0x80 {
            Class::Wide
        } else if c.is_ascii_alphanumeric() {
            Class::Ascii
        } else {
            Class::Separator
        };
        b += 1;
    }
    table
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Separator,
    Ascii,
    Wide,
}

/// A word as [`for_each_word`] finds it, lowercased.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    /// An ASCII word of up to 16 bytes, as nearly every word is, packed
    /// into one number (its first byte lowest). No word holds a zero byte,
    /// so the padding cannot make two words equal. Looking one up hashes
    /// and compares a number instead of a string behind a pointer.
    Short(u128),
    /// Any other word.
    Long(&'a str),
}

impl<'a> Token<'a> {
    /// The token of a lowercased word.
    fn of(word: &'a str) -> Self {
        if word.is_ascii() && word.len() <= 16 {
            let mut bytes = [0u8; 16];
            bytes[..word.len()].copy_from_slice(word.as_bytes());
            Token::Short(u128::from_le_bytes(bytes))
        } else {
            Token::Long(word)
        }
    }

    /// The word.
    fn text(self) -> Cow<'a, str> {
        match self {
            Token::Short(key) => {
                let bytes = key.to_le_bytes();
                let len = bytes.iter().position(|&b| b == 0).unwrap_or(16);
                Cow::Owned(String::from_utf8_lossy(&bytes[..len]).into_owned())
            }
            Token::Long(text) => Cow::Borrowed(text),
        }
    }
}

/// Calls `each` with every word of `text` (letters and digits only, at
/// least [`MIN_WORD`] characters), lowercased. A word of ASCII letters and
/// digits, nearly every word, is found by a table of byte classes and
/// lowercased and packed in one step ([`ascii_key`]); a word with other
/// characters is read again by their Unicode classes and lowercased in
/// `scratch`.
fn for_each_word(text: &str, scratch: &mut String, mut each: impl FnMut(Token<'_>)) {
    let bytes = text.as_bytes();
    let class = |at: usize| {
        bytes
            .get(at)
            .map_or(Class::Separator, |&b| CLASS[b as usize])
    };
    let char_at = |at: usize| text[at..].chars().next().unwrap_or(' ');
    let mut at = 0;
    while at < bytes.len() {
        match CLASS[bytes[at] as usize] {
            Class::Separator => {
                at += 1;
                continue;
            }
            Class::Wide if !char_at(at).is_alphanumeric() => {
                at += char_at(at).len_utf8();
                continue;
            }
            _ => {}
        }
        let start = at;
        at += bytes[at..]
            .iter()
            .position(|&b| CLASS[b as usize] != Class::Ascii)
            .unwrap_or(bytes.len() - at);
        let goes_on = class(at) == Class::Wide && char_at(at).is_alphanumeric();
        if !goes_on {
            let len = at - start;
            if len < MIN_WORD {
                continue;
            }
            if len <= 16 {
                each(Token::Short(ascii_key(bytes, start, len)));
            } else {
                scratch.clear();
                scratch.push_str(&text[start..at]);
                scratch.make_ascii_lowercase();
                each(Token::Long(scratch));
            }
            continue;
        }
        while at < bytes.len() && char_at(at).is_alphanumeric() {
            at += char_at(at).len_utf8();
        }
        let word = &text[start..at];
        if word.chars().count() < MIN_WORD {
            continue;
        }
        scratch.clear();
        scratch.extend(word.chars().flat_map(char::to_lowercase));
        each(Token::of(scratch));
    }
}

/// The [`Token::Short`] key of the ASCII letters and digits
/// `bytes[start..start + len]` (`len` at most 16), lowercased: setting bit
/// 5 lowercases a letter and leaves a digit as it is. Reads the sixteen
/// bytes at `start` in one load where the text is long enough.
fn ascii_key(bytes: &[u8], start: usize, len: usize) -> u128 {
    let mut window = [0u8; 16];
    match bytes.get(start..start + 16) {
        Some(sixteen) => window.copy_from_slice(sixteen),
        None => window[..len].copy_from_slice(&bytes[start..start + len]),
    }
    (u128::from_le_bytes(window) | u128::from_le_bytes([0x20; 16])) & KEEP[len]
}

/// `KEEP[len]` keeps the first `len` bytes of a [`Token::Short`] key.
const KEEP: [u128; 17] = {
    let mut keep = [0; 17];
    let mut len = 1;
    while len <= 16 {
        keep[len] = u128::MAX >> (8 * (16 - len));
        len += 1;
    }
    keep
};

/// The shard of a word: its first two characters, hex-encoded so any
/// script makes a safe file name.
pub fn shard_of(word: &str) -> String {
    let key: String = word.chars().take(2).collect();
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// JSON that is safe inside a script: no `</script>`, no line separators.
/// Escaped in one pass: the list of pages runs to a megabyte.
fn script_json(value: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let mut from = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escaped = match (byte, bytes.get(at + 1..at + 3)) {
            (b'<', _) => "\\u003c",
            (b'>', _) => "\\u003e",
            (b'&', _) => "\\u0026",
            // U+2028 and U+2029, which end a line in a script.
            (0xE2, Some([0x80, 0xA8])) => "\\u2028",
            (0xE2, Some([0x80, 0xA9])) => "\\u2029",
            _ => continue,
        };
        out.push_str(&json[from..at]);
        out.push_str(escaped);
        from = at + if byte == 0xE2 { 3 } else { 1 };
    }
    out.push_str(&json[from..]);
    out
}

/// One slice of the pages' postings: every word met, in the order met,
/// with the pages (by position, ascending) it occurs on.
#[derive(Default)]
struct Postings {
    /// Ids of the words that are [`Token::Short`], nearly all of them.
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    words: Vec<Word>,
    /// The last page added to each word, [`NO_PAGE`] before the first;
    /// apart from the words, so that the check each occurrence of a word
    /// makes (is this page there yet?) reads a small array.
    last: Vec<u32>,
}

/// [`Postings::last`] of a word with no pages yet.
const NO_PAGE: u32 = u32::MAX;

/// A word and its pages, held as the index writes them: each page as its
/// gap from the one before (the first from 0), in LEB128 bytes. Most gaps
/// take one byte where a page number would take four.
struct Word {
    text: Box<str>,
    gaps: Vec<u8>,
}

impl Word {
    /// The gaps, as numbers.
    fn gaps(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        std::iter::from_fn(move || {
            (at < self.gaps.len()).then(|| {
                let (gap, len) = read_varint(&self.gaps[at..]);
                at += len;
                gap
            })
        })
    }
}

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The number at the start of `bytes`, and how many bytes it took.
fn read_varint(bytes: &[u8]) -> (u32, usize) {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        n |= u32::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            return (n, i + 1);
        }
    }
    (n, bytes.len())
}

impl Postings {
    /// The postings of `entries`, which start at page `first`.
    fn of(entries: &[Entry<'_>], first: usize) -> Self {
        let mut postings = Postings::default();
        let mut scratch = String::new();
        for (i, e) in entries.iter().enumerate() {
            let page = (first + i) as u32;
            // A page adds itself to a word once: the word's last page says
            // whether it already has, without a set of the page's words.
            let mut add = |token: Token<'_>| postings.add(token, page);
            for text in std::iter::once(&*e.title).chain(e.text.iter().copied()) {
                for_each_word(text, &mut scratch, &mut add);
            }
            if let Some(body) = &e.body {
                for_each_word(&body.text, &mut scratch, &mut add);
            }
        }
        postings
    }

    /// The id of `token`; a new word gets the next one (`words.len()`),
    /// and its entry is for the caller to push.
    fn id(&mut self, token: Token<'_>) -> u32 {
        let next = self.words.len() as u32;
        match token {
            Token::Short(key) => *self.short.entry(key).or_insert(next),
            Token::Long(text) => match self.long.get(text) {
                Some(&id) => id,
                None => *self.long.entry(text.into()).or_insert(next),
            },
        }
    }

    /// Adds `page`, which is after every page added before, to the pages
    /// of `token`.
    fn add(&mut self, token: Token<'_>, page: u32) {
        let id = self.id(token) as usize;
        if id == self.words.len() {
            self.words.push(Word {
                text: token.text().into(),
                gaps: Vec::new(),
            });
            self.last.push(NO_PAGE);
        }
        let last = &mut self.last[id];
        if *last != page {
            let gap = if *last == NO_PAGE { page } else { page - *last };
            push_varint(&mut self.words[id].gaps, gap);
            *last = page;
        }
    }

    /// Appends `later`, whose pages all come after this one's.
    fn append(mut self, later: Postings) -> Self {
        for (word, last) in later.words.into_iter().zip(later.last) {
            let id = self.id(Token::of(&word.text)) as usize;
            if id == self.words.len() {
                self.words.push(word);
                self.last.push(last);
                continue;
            }
            // The first gap of `later` counts from 0; it now counts from
            // this slice's last page.
            let (first, len) = read_varint(&word.gaps);
            let into = &mut self.words[id];
            push_varint(&mut into.gaps, first - self.last[id]);
            into.gaps.extend_from_slice(&word.gaps[len..]);
            self.last[id] = last;
        }
        self
    }
}

/// The index files.
pub fn index(p: &Portal) -> Vec<Page> {
    let entries = entries(p);
    // Slices of pages on every core, joined in page order so that every
    // list comes out sorted; the list of pages meanwhile.
    let slice = entries.len() / (rayon::current_num_threads() * 4) + 1;
    let (docs, postings) = rayon::join(
        || docs_page(&entries),
        || {
            entries
                .par_chunks(slice)
                .enumerate()
                .map(|(n, chunk)| Postings::of(chunk, n * slice))
                .reduce_with(Postings::append)
        },
    );
    let mut shards: BTreeMap<String, BTreeMap<&str, &Word>> = BTreeMap::new();
    for word in postings.iter().flat_map(|p| &p.words) {
        shards
            .entry(shard_of(&word.text))
            .or_default()
            .insert(&word.text, word);
    }
    let mut pages = vec![docs];
    let shards: Vec<(String, BTreeMap<&str, &Word>)> = shards.into_iter().collect();
    pages.par_extend(shards.par_iter().map(|(shard, words)| Page {
        path: format!("search/{shard}.js"),
        bytes: shard_script(shard, words).into_bytes(),
    }));
    pages
}

/// `search/docs.js`: every page's title, path and kind, by position.
fn docs_page(entries: &[Entry<'_>]) -> Page {
    let docs: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (&*e.title, e.path.as_str(), e.kind))
        .collect();
    Page {
        path: "search/docs.js".into(),
        bytes: format!("cairnSearch.docs({});\n", script_json(&docs)).into_bytes(),
    }
}

/// `cairnSearch.shard("<key>",{"word":[gaps],...});`. A word's pages are
/// written as gaps, each page's distance from the one before (the first
/// from 0), which keeps the numbers of common words to a digit or two;
/// `search.js` adds them up again. Only the words need escaping, so the
/// numbers are written directly.
fn shard_script(shard: &str, words: &BTreeMap<&str, &Word>) -> String {
    let size: usize = words
        .iter()
        .map(|(w, word)| w.len() + 8 + word.gaps.len() * 3)
        .sum();
    let mut out = String::with_capacity(size + 40);
    out.push_str("cairnSearch.shard(\"");
    out.push_str(shard);
    out.push_str("\",{");
    let mut digits = itoa::Buffer::new();
    for (i, (text, word)) in words.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&script_json(text));
        out.push_str(":[");
        for (j, gap) in word.gaps().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str(digits.format(gap));
        }
        out.push(']');
    }
    out.push_str("});\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_and_split_on_punctuation() {
        let mut w: Vec<String> = Vec::new();
        let text = "Dispatch-board: drag & DROP, a 2nd time, Éclair, ÄRGER — x";
        for_each_word(text, &mut String::new(), |word| {
            w.push(word.text().into_owned())
        });
        assert_eq!(
            w,
            [
                "dispatch", "board", "drag", "drop", "2nd", "time", "éclair", "ärger"
            ]
        );
    }

    #[test]
    fn a_word_has_one_token_however_it_is_read() {
        let tokens = |text: &str| {
            let mut found = Vec::new();
            for_each_word(text, &mut String::new(), |t| {
                found.push((t.text().into_owned(), matches!(t, Token::Short(_))))
            });
            found
        };
        // The Kelvin sign lowercases to an ASCII k: read the slow way, it
        // must still be the same word as the one read the fast way.
        let short = |w: &str| (w.to_string(), true);
        assert_eq!(
            tokens("KM \u{212A}m km"),
            [short("km"), short("km"), short("km")]
        );
        assert_eq!(
            tokens("Internationalization über-Größe"),
            [
                ("internationalization".to_string(), false),
                ("über".to_string(), false),
                ("größe".to_string(), false)
            ]
        );
        assert_eq!(Token::of("km"), Token::of(&"KM".to_lowercase()));
    }

    proptest::proptest! {
        /// Words found the fast way are the words of the plain definition:
        /// runs of letters and digits, lowercased, two or more long;
        /// wherever they sit, however close to the end of the text.
        #[test]
        fn words_are_the_runs_of_letters_and_digits(text in "[a-zA-Z0-9 ,.<>&éÄ\u{212A}-]{0,60}") {
            let mut fast: Vec<String> = Vec::new();
            for_each_word(&text, &mut String::new(), |w| fast.push(w.text().into_owned()));
            let plain: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= MIN_WORD)
                .map(str::to_lowercase)
                .collect();
            proptest::prop_assert_eq!(fast, plain);
        }
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&"</script><script>alert(1)</script>\u{2028}");
        assert!(!s.contains('<') && !s.contains('\u{2028}'), "{s}");
        // Other characters that start with the same byte as U+2028 stay.
        assert_eq!(
            script_json(&"a<b>&c\u{2028}\u{2029}\u{2014}\u{20ac}"),
            "\"a\\u003cb\\u003e\\u0026c\\u2028\\u2029\u{2014}\u{20ac}\""
        );
    }

    #[test]
    fn a_shard_is_the_json_serde_would_write_with_pages_as_gaps() {
        let word = |text: &str, pages: &[u32]| {
            let mut postings = Postings::default();
            pages
                .iter()
                .for_each(|&p| postings.add(Token::Long(text), p));
            // A word with no pages is never added; made by hand.
            postings.words.pop().unwrap_or(Word {
                text: text.into(),
                gaps: Vec::new(),
            })
        };
        let (script_word, board) = (word("a</script>", &[1, 20, 300]), word("board", &[]));
        let mut words: BTreeMap<&str, &Word> = BTreeMap::new();
        words.insert("a</script>", &script_word);
        words.insert("board", &board);
        let script = shard_script("6162", &words);
        let json = script
            .strip_prefix("cairnSearch.shard(\"6162\",")
            .and_then(|s| s.strip_suffix(");\n"))
            .unwrap();
        let parsed: BTreeMap<String, Vec<u32>> = serde_json::from_str(json).unwrap();
        assert_eq!(parsed["a</script>"], [1, 19, 280]);
        assert!(parsed["board"].is_empty());
        assert!(!script.contains("</script>"));
    }

    fn entry<'a>(title: &'a str, markdown: &'a str) -> Entry<'a> {
        let (body, _) = crate::markdown::scan(
            markdown,
            0,
            "backlog/x.md",
            crate::markdown::Bodies::ChecksOnly,
        );
        Entry {
            title: title.into(),
            path: String::new(),
            kind: "Story",
            text: Vec::new(),
            body: Some(Arc::new(Rendered {
                html: String::new(),
                text: body.plain_text(),
            })),
        }
    }

    #[test]
    fn postings_list_each_page_once_in_order_however_the_pages_are_sliced() {
        let entries = [
            entry("Board", "drag the *board*, the BOARD"),
            entry(
                "Invite",
                "<p title=\"hidden\">invite a teammate &amp; friend</p>",
            ),
            entry("Board filters", "- filter the board"),
            entry("Éclair", "the end"),
        ];
        let whole = Postings::of(&entries, 0);
        let sliced = Postings::of(&entries[..1], 0)
            .append(Postings::of(&entries[1..3], 1))
            .append(Postings::of(&entries[3..], 3));
        for postings in [whole, sliced] {
            let pages: BTreeMap<&str, Vec<u32>> = postings
                .words
                .iter()
                .map(|w| {
                    let pages = w.gaps().scan(0, |page, gap| {
                        *page += gap;
                        Some(*page)
                    });
                    (&*w.text, pages.collect())
                })
                .collect();
            assert_eq!(pages["board"], [0, 2]);
            assert_eq!(pages["the"], [0, 2, 3]);
            assert_eq!(pages["éclair"], [3]);
            assert_eq!(pages["invite"], [1]);
            assert_eq!(pages["friend"], [1]);
            for markup in ["em", "li", "amp", "title", "hidden"] {
                assert!(!pages.contains_key(markup), "{markup} is markup, not text");
            }
            assert!(!pages.contains_key("a"), "one-letter words are left out");
        }
    }

    #[test]
    fn gaps_of_any_size_read_back_as_written() {
        let mut bytes = Vec::new();
        let numbers = [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX];
        numbers.iter().for_each(|&n| push_varint(&mut bytes, n));
        assert_eq!(bytes.len(), 1 + 1 + 1 + 2 + 2 + 2 + 3 + 5);
        let mut at = 0;
        for &n in &numbers {
            let (read, len) = read_varint(&bytes[at..]);
            assert_eq!(read, n);
            at += len;
        }
    }

    #[test]
    fn shards_are_safe_file_names() {
        assert_eq!(shard_of("checklist"), "6368");
        assert_eq!(shard_of("é"), "c3a9");
    }
}
