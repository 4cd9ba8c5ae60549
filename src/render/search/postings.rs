//! The postings: for each word, the pages it is on, gathered on every
//! core in slices of the pages and joined in page order.

use rustc_hash::FxHashMap;

use super::entries::Entry;
use super::words::{Token, for_each_word};

/// One slice of the pages' postings: every word met, in the order met,
/// with the pages (by position, ascending) it occurs on.
#[derive(Default)]
pub struct Postings {
    /// Ids of the words that are [`Token::Short`], nearly all of them.
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    pub words: Vec<Word>,
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
pub struct Word {
    pub text: Box<str>,
    pub gaps: Vec<u8>,
}

impl Word {
    /// The gaps, as numbers.
    pub fn gaps(&self) -> impl Iterator<Item = u32> + '_ {
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
    pub fn of(entries: &[Entry<'_>], first: usize) -> Self {
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
    pub fn add(&mut self, token: Token<'_>, page: u32) {
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
    pub fn append(mut self, later: Postings) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Rendered;
    use std::collections::BTreeMap;
    use std::sync::Arc;

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
}
