//! Text as a reader sees it: character references (`&amp;`, `&#39;`,
//! `&quot;`) and script escapes (`\u0026`, `\"`) decoded, and every run of
//! whitespace one space. Private text and output files both pass through
//! here, so a quote that is escaped differently, or split across a line
//! break, still compares equal.

/// Normalized text being built from one file, chunk by chunk, with where
/// its lines start (for naming the line that quotes a secret).
#[derive(Default)]
pub struct Normal {
    /// The normalized bytes.
    pub text: Vec<u8>,
    /// Offsets in `text` where a line of the input starts (after the
    /// first).
    pub line_starts: Vec<usize>,
    /// Whether `text` ends in whitespace (the next run is dropped).
    in_space: bool,
    /// Whether tags are set apart from the text, so that a quote with
    /// markup inside (`the <em>whole</em> plan`) reads as its text does.
    pub without_tags: bool,
    /// Set apart, the tags themselves (their attribute values, comments),
    /// normalized, each after a NUL: still searched, but apart from the
    /// text, in the same one pass.
    pub tags: Option<Box<Normal>>,
    /// Where each tag starts in `tags`, and how many lines of the input
    /// came before it.
    tag_lines: Vec<(usize, usize)>,
}

/// Made once: a searcher made per run of text cost more than the search.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// The longest character reference looked at (`&CounterClockwiseContourIntegral;`).
const MAX_REFERENCE: usize = 34;
/// Bytes that may start something other than itself: whitespace other
/// than a space (runs of spaces are found in [`Normal::copy_run`]), a
/// reference, an escape, or a character that may be whitespace.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let special: &[u8] = &[
        b'\t', b'\n', b'\r', 0x0c, b'&', b'\\', 0xc2, 0xe1, 0xe2, 0xe3,
    ];
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

impl Normal {
    /// Appends `raw`, normalized. When `last` is false, stops before an
    /// escape or character that might continue in the next chunk and
    /// returns how many bytes were taken; the rest must be passed again
    /// with the next chunk.
    pub fn push(&mut self, raw: &[u8], last: bool) -> usize {
        self.text.reserve(raw.len());
        let mut at = 0;
        // Where the next `>` is, once a tag asked.
        let mut next_gt: Option<usize> = None;
        while at < raw.len() {
            // Most bytes are copied as they are, a run at a time; single
            // spaces are part of a run.
            let special = if self.without_tags {
                &SPECIAL_OR_TAG
            } else {
                &SPECIAL
            };
            let run = raw[at..]
                .iter()
                .position(|&b| special[b as usize])
                .unwrap_or(raw.len() - at);
            if run > 0 {
                self.copy_run(&raw[at..at + run]);
                at += run;
                continue;
            }
            let b = raw[at];
            let rest = &raw[at..];
            let decoded = match b {
                b'\n' => {
                    self.space();
                    self.line_starts.push(self.text.len());
                    at += 1;
                    continue;
                }
                b'\t' | b'\r' | 0x0c => {
                    self.space();
                    at += 1;
                    continue;
                }
                b'<' if starts_tag(rest) => {
                    // Found once for every `<` up to it, so that a run of
                    // `<` with no `>` is read once, not once per `<`.
                    let gt = match next_gt {
                        Some(gt) if gt >= at => gt,
                        _ => memchr::memchr(b'>', rest).map_or(raw.len(), |i| at + i),
                    };
                    next_gt = Some(gt);
                    if gt < raw.len() {
                        let tags = self.tags.get_or_insert_with(Default::default);
                        tags.text.push(0);
                        tags.in_space = false;
                        self.tag_lines
                            .push((tags.text.len(), self.line_starts.len()));
                        let lines = tags.line_starts.len();
                        tags.push(&raw[at..=gt], true);
                        // Its line breaks still count.
                        for _ in lines..tags.line_starts.len() {
                            self.line_starts.push(self.text.len());
                        }
                        at = gt + 1;
                        continue;
                    }
                    if !last && rest.len() < MAX_TAG {
                        return at;
                    }
                    None
                }
                b'&' | b'\\' if !last && rest.len() <= MAX_REFERENCE => return at,
                b'&' => reference(rest),
                b'\\' => escape(rest),
                // The first byte of a character that may be whitespace
                // (U+00A0, U+2028, U+3000...).
                _ => {
                    let len = utf8_len(b);
                    if rest.len() < len {
                        if !last {
                            return at;
                        }
                        None
                    } else {
                        std::str::from_utf8(&rest[..len])
                            .ok()
                            .and_then(|s| s.chars().next())
                            .map(|c| (c, len))
                    }
                }
            };
            match decoded {
                Some((c, len)) => {
                    self.push_char(c);
                    at += len;
                }
                None => {
                    self.push_byte(b);
                    at += 1;
                }
            }
        }
        raw.len()
    }

    /// Copies bytes with no whitespace but single spaces, collapsing
    /// the spaces that follow whitespace.
    fn copy_run(&mut self, mut run: &[u8]) {
        while !run.is_empty() {
            if self.in_space {
                let spaces = run.iter().take_while(|&&b| b == b' ').count();
                run = &run[spaces..];
                if run.is_empty() {
                    return;
                }
            }
            // Up to and with the first space of a double one.
            let end = DOUBLE_SPACE.find(run).map_or(run.len(), |i| i + 1);
            self.text.extend_from_slice(&run[..end]);
            self.in_space = run[end - 1] == b' ';
            run = &run[end..];
        }
    }

    fn space(&mut self) {
        if !self.in_space {
            self.text.push(b' ');
            self.in_space = true;
        }
    }

    fn push_byte(&mut self, b: u8) {
        self.in_space = false;
        self.text.push(b);
    }

    fn push_char(&mut self, c: char) {
        if c.is_whitespace() {
            self.space();
        } else {
            self.in_space = false;
            let mut buf = [0; 4];
            self.text
                .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }

    /// Empties it for the next file, keeping its memory.
    pub fn clear(&mut self) {
        self.text.clear();
        self.line_starts.clear();
        self.in_space = false;
        self.without_tags = false;
        self.clear_tags();
    }

    /// Empties the tags set apart (searched already).
    pub fn clear_tags(&mut self) {
        if let Some(tags) = &mut self.tags {
            tags.clear();
        }
        self.tag_lines.clear();
    }

    /// The line (from 1) of the input that holds offset `at` of `tags`.
    pub fn tag_line_of(&self, at: usize) -> usize {
        let Some(tags) = &self.tags else { return 1 };
        let i = self.tag_lines.partition_point(|&(start, _)| start <= at);
        let Some(&(start, before)) = i.checked_sub(1).and_then(|i| self.tag_lines.get(i)) else {
            return 1;
        };
        let inside = tags.line_starts.partition_point(|&s| s <= at)
            - tags.line_starts.partition_point(|&s| s < start);
        1 + before + inside
    }

    /// The line (from 1) of the input that holds normalized offset `at`.
    pub fn line_of(&self, at: usize) -> usize {
        1 + self.line_starts.partition_point(|&start| start <= at)
    }
}

/// [`SPECIAL`], and the `<` that may start a tag.
const SPECIAL_OR_TAG: [bool; 256] = {
    let mut table = SPECIAL;
    table[b'<' as usize] = true;
    table
};

/// A tag without its `>` longer than this is text.
const MAX_TAG: usize = 64 * 1024;

/// Whether a tag, comment or declaration starts at the start of `raw`.
fn starts_tag(raw: &[u8]) -> bool {
    raw.get(1)
        .is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
}

/// `text` normalized, with its ends trimmed.
pub fn normalize(text: &str) -> String {
    let mut n = Normal::default();
    n.push(text.as_bytes(), true);
    String::from_utf8_lossy(&n.text).trim().to_string()
}

/// `text` with only its whitespace collapsed and trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

/// The character a reference at the start of `raw` (`&name;`, `&#n;`,
/// `&#xh;`) stands for, and its length.
fn reference(raw: &[u8]) -> Option<(char, usize)> {
    let end = raw.iter().take(MAX_REFERENCE).position(|&b| b == b';')?;
    let body = &raw[1..end];
    if body.is_empty() || !body.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'#') {
        return None;
    }
    let whole = std::str::from_utf8(&raw[..=end]).ok()?;
    let decoded = html_escape::decode_html_entities(whole);
    if decoded == whole {
        return None;
    }
    let mut chars = decoded.chars();
    let c = chars.next()?;
    // A few references stand for two characters; they are kept as written.
    chars.next().is_none().then_some((c, end + 1))
}

/// The character a script or JSON escape at the start of `raw` stands for,
/// and its length.
fn escape(raw: &[u8]) -> Option<(char, usize)> {
    let c = match *raw.get(1)? {
        b'"' => '"',
        b'\'' => '\'',
        b'\\' => '\\',
        b'/' => '/',
        b'n' => '\n',
        b't' => '\t',
        b'r' => '\r',
        b'u' => {
            let hex = std::str::from_utf8(raw.get(2..6)?).ok()?;
            let unit = u32::from_str_radix(hex, 16).ok()?;
            if (0xd800..0xdc00).contains(&unit) {
                // A surrogate pair: `\ud83d\ude00`.
                let low = raw.get(6..12)?;
                if &low[..2] != b"\\u" {
                    return None;
                }
                let low = u32::from_str_radix(std::str::from_utf8(&low[2..]).ok()?, 16).ok()?;
                if !(0xdc00..0xe000).contains(&low) {
                    return None;
                }
                let c = char::from_u32(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00))?;
                return Some((c, 12));
            }
            return char::from_u32(unit).map(|c| (c, 6));
        }
        _ => return None,
    };
    Some((c, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_text_read_the_same() {
        let plain = "Tom's \"A&B\" </plan>";
        for spelled in [
            "Tom's \"A&B\" </plan>",
            "Tom&#x27;s &quot;A&amp;B&quot; &lt;&#x2F;plan&gt;",
            "Tom&#39;s &#34;A&amp;B\" &lt;/plan&gt;",
            "Tom\\u0027s \\\"A\\u0026B\\\" \\u003c\\/plan\\u003e",
            "Tom's\n   \"A&B\"\t </plan>",
            "Tom's&nbsp;\"A&B\" </plan>",
        ] {
            assert_eq!(normalize(spelled), plain, "{spelled}");
        }
    }

    #[test]
    fn lines_are_counted_through_collapsed_whitespace() {
        let mut n = Normal::default();
        n.push(b"one\n\n  two\nthree", true);
        assert_eq!(String::from_utf8_lossy(&n.text), "one two three");
        assert_eq!(normalize("a  b   c  \n d \t e"), "a b c d e");
        assert_eq!(n.line_of(0), 1);
        assert_eq!(n.line_of(4), 3);
        assert_eq!(n.line_of(8), 4);
    }

    #[test]
    fn an_escape_cut_by_a_chunk_waits_for_the_next() {
        let mut n = Normal::default();
        let raw = b"a &amp; b \\u0026 c \xc3\xa9";
        let mut taken = 0;
        for cut in [4, 12, 22] {
            taken += n.push(&raw[taken..cut.min(raw.len())], false);
        }
        n.push(&raw[taken..], true);
        assert_eq!(String::from_utf8_lossy(&n.text), "a & b & c é");
    }

    #[test]
    fn without_tags_a_quote_with_markup_reads_as_text_and_keeps_its_lines() {
        let mut n = Normal {
            without_tags: true,
            ..Normal::default()
        };
        n.push(
            b"<p>the <em\nclass=\"x &amp; y\">whole</em>\nplan</p> a<b 1 < 2",
            true,
        );
        assert_eq!(String::from_utf8_lossy(&n.text), "the whole plan a<b 1 < 2");
        assert_eq!(n.line_of(n.text.len() - 1), 3);
        let tags = n.tags.as_ref().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&tags.text),
            "\0<p>\0<em class=\"x & y\">\0</em>\0</p>"
        );
        let y = tags.text.iter().position(|&b| b == b'y').unwrap();
        assert_eq!(n.tag_line_of(y), 2);
        assert_eq!(n.tag_line_of(1), 1);
    }

    #[test]
    fn surrogate_pairs_and_wide_spaces_are_read() {
        assert_eq!(
            normalize("a\\ud83d\\ude00b\u{3000}\u{2028}c\u{a0}"),
            "a\u{1f600}b c"
        );
    }

    #[test]
    fn unknown_references_and_lone_ampersands_stay() {
        assert_eq!(normalize("AT&T &nope; \\q"), "AT&T &nope; \\q");
    }
}
