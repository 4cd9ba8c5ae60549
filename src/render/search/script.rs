//! The index files as scripts: JSON that is safe inside a `<script>`, and
//! one shard's words with their pages.

use std::collections::BTreeMap;

use super::postings::Word;

/// The shard of a word: its first two characters, hex-encoded so any
/// script makes a safe file name.
pub fn shard_of(word: &str) -> String {
    let key: String = word.chars().take(2).collect();
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// JSON that is safe inside a script: no `</script>`, no line separators.
/// Escaped in one pass: the list of pages runs to a megabyte.
pub fn script_json(value: &impl serde::Serialize) -> String {
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

/// `cairnSearch.shard("<key>",{"word":[gaps],...});`. A word's pages are
/// written as gaps, each page's distance from the one before (the first
/// from 0), which keeps the numbers of common words to a digit or two;
/// `search.js` adds them up again. Only the words need escaping, so the
/// numbers are written directly.
pub fn shard_script(shard: &str, words: &BTreeMap<&str, &Word>) -> String {
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
    use crate::render::search::postings::Postings;
    use crate::render::search::words::Token;

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

    #[test]
    fn shards_are_safe_file_names() {
        assert_eq!(shard_of("checklist"), "6368");
        assert_eq!(shard_of("é"), "c3a9");
    }
}
