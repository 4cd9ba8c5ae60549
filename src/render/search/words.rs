//! Words as the index finds them: runs of letters and digits, lowercased,
//! an ASCII word of up to 16 bytes packed into one number.
//!
//! Measured against the plain version (`str::split` on what is not
//! alphanumeric, words as strings in the map, a word's pages as a list
//! with the last page read off its end) at 10,000 items, paired runs:
//! the byte-class table, the `u128` keys and the split arrays together
//! paid 7.6 % of wall time (median 2.63 s against 2.83 s, 15 pairs) and
//! 5.4 % of user time (BENCHMARKS.md, "What stays for speed").

use std::borrow::Cow;

/// Words shorter than this (in characters) are not indexed.
pub const MIN_WORD: usize = 2;

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
pub enum Token<'a> {
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
    pub fn of(word: &'a str) -> Self {
        if word.is_ascii() && word.len() <= 16 {
            let mut bytes = [0u8; 16];
            bytes[..word.len()].copy_from_slice(word.as_bytes());
            Token::Short(u128::from_le_bytes(bytes))
        } else {
            Token::Long(word)
        }
    }

    /// The word.
    pub fn text(self) -> Cow<'a, str> {
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
pub fn for_each_word(text: &str, scratch: &mut String, mut each: impl FnMut(Token<'_>)) {
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
}
