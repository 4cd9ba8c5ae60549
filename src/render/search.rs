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

use rustc_hash::{FxHashMap, FxHashSet};

use rayon::prelude::*;

use super::Page;
use crate::kind::{self, Kind};
use crate::model::Portal;

/// A page to index: its title, path, kind label and text.
struct Entry<'a> {
    title: &'a str,
    path: String,
    kind: &'static str,
    text: Vec<&'a str>,
}

/// Words shorter than this are not indexed.
const MIN_WORD: usize = 2;

fn entries(p: &Portal) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let v = &p.vision;
    let mut vision_text = vec![
        v.statement.as_str(),
        v.target_group.as_str(),
        v.meta.body.text.as_str(),
    ];
    vision_text.extend(v.needs.iter().map(String::as_str));
    vision_text.extend(v.product.as_deref());
    out.push(Entry {
        title: &v.title,
        path: Kind::Vision.page(""),
        kind: "Vision",
        text: vision_text,
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
            title: &g.title,
            path: kind::goal_page(&g.id),
            kind: "Goal",
            text,
        });
    }
    for i in &p.items {
        out.push(Entry {
            title: &i.title,
            path: Kind::Backlog.page(&i.meta.id),
            kind: crate::keywords::Keyword::label(i.level),
            text: vec![i.meta.body.text.as_str()],
        });
    }
    for d in &p.decisions {
        let mut text = vec![d.meta.body.text.as_str()];
        text.extend(d.options.iter().map(|o| o.name.as_str()));
        text.extend(d.not_pursued.iter().map(String::as_str));
        out.push(Entry {
            title: &d.title,
            path: Kind::Tradeoff.page(&d.meta.id),
            kind: "Decision",
            text,
        });
    }
    for s in &p.stakeholders {
        let text = [
            s.position.as_deref(),
            s.organization.as_deref(),
            s.success.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        out.push(Entry {
            title: &s.name,
            path: Kind::Stakeholder.page(&s.meta.id),
            kind: "Stakeholder",
            text,
        });
    }
    for u in &p.updates {
        out.push(Entry {
            title: &u.title,
            path: Kind::Update.page(&u.meta.id),
            kind: "Update",
            text: vec![u.meta.body.text.as_str()],
        });
    }
    out
}

/// Lowercase words of `text`, letters and digits only; borrowed when the
/// word is lowercase already, as most are. ASCII, nearly all of it, is
/// handled byte by byte; other characters by their Unicode class.
fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            // Skip separators.
            while at < bytes.len() {
                let b = bytes[at];
                if b.is_ascii_alphanumeric() {
                    break;
                }
                if b < 0x80 {
                    at += 1;
                    continue;
                }
                let c = text[at..].chars().next()?;
                if c.is_alphanumeric() {
                    break;
                }
                at += c.len_utf8();
            }
            if at >= bytes.len() {
                return None;
            }
            let start = at;
            let mut upper = false;
            let mut chars = 0;
            while at < bytes.len() {
                let b = bytes[at];
                if b < 0x80 {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    upper |= b.is_ascii_uppercase();
                    at += 1;
                } else {
                    let c = text[at..].chars().next()?;
                    if !c.is_alphanumeric() {
                        break;
                    }
                    upper |= c.is_uppercase();
                    at += c.len_utf8();
                }
                chars += 1;
            }
            if chars >= MIN_WORD {
                let w = &text[start..at];
                return Some(if upper {
                    Cow::Owned(w.to_lowercase())
                } else {
                    Cow::Borrowed(w)
                });
            }
        }
    })
}

/// The shard of a word: its first two characters, hex-encoded so any
/// script makes a safe file name.
pub fn shard_of(word: &str) -> String {
    let key: String = word.chars().take(2).collect();
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// JSON that is safe inside a script: no `</script>`, no line separators.
fn script_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// A page's distinct words.
type Words<'a> = FxHashSet<Cow<'a, str>>;
/// The pages (by position) each word occurs on.
type Postings<'a> = FxHashMap<Cow<'a, str>, Vec<u32>>;

/// The index files.
pub fn index(p: &Portal) -> Vec<Page> {
    let entries = entries(p);
    // Each page's distinct words, then postings per word, merged in page
    // order so every list comes out sorted; all on every core.
    let postings: Postings = entries
        .par_iter()
        .enumerate()
        .fold(
            || {
                (
                    FxHashSet::with_capacity_and_hasher(1024, Default::default()),
                    FxHashMap::default(),
                )
            },
            |(mut seen, mut postings): (Words, Postings), (n, e)| {
                seen.clear();
                for w in words(e.title).chain(e.text.iter().flat_map(|t| words(t))) {
                    seen.insert(w);
                }
                for w in seen.drain() {
                    postings.entry(w).or_default().push(n as u32);
                }
                (seen, postings)
            },
        )
        .map(|(_, postings)| postings)
        .reduce(FxHashMap::default, |mut left, right| {
            for (word, ids) in right {
                left.entry(word).or_default().extend(ids);
            }
            left
        });
    let mut shards: BTreeMap<String, BTreeMap<&str, &Vec<u32>>> = BTreeMap::new();
    for (word, ids) in &postings {
        shards.entry(shard_of(word)).or_default().insert(word, ids);
    }
    let docs: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (e.title, e.path.as_str(), e.kind))
        .collect();
    let mut pages = vec![Page {
        path: "search/docs.js".into(),
        bytes: format!("cairnSearch.docs({});\n", script_json(&docs)).into_bytes(),
    }];
    let shards: Vec<(String, BTreeMap<&str, &Vec<u32>>)> = shards.into_iter().collect();
    pages.par_extend(shards.par_iter().map(|(shard, words)| Page {
        path: format!("search/{shard}.js"),
        bytes: shard_script(shard, words).into_bytes(),
    }));
    pages
}

/// `cairnSearch.shard("<key>",{"word":[ids],...});`: only the words need
/// escaping, so the lists of numbers are written directly.
fn shard_script(shard: &str, words: &BTreeMap<&str, &Vec<u32>>) -> String {
    use std::fmt::Write;
    let size: usize = words
        .iter()
        .map(|(w, ids)| w.len() + 8 + ids.len() * 6)
        .sum();
    let mut out = String::with_capacity(size + 40);
    let _ = write!(out, "cairnSearch.shard(\"{shard}\",{{");
    for (i, (word, ids)) in words.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&script_json(word));
        out.push_str(":[");
        for (j, id) in ids.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let _ = write!(out, "{id}");
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
        let w: Vec<String> = words("Dispatch-board: drag & DROP, a 2nd time, Éclair")
            .map(|w| w.into_owned())
            .collect();
        assert_eq!(
            w,
            ["dispatch", "board", "drag", "drop", "2nd", "time", "éclair"]
        );
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&"</script><script>alert(1)</script>\u{2028}");
        assert!(!s.contains('<') && !s.contains('\u{2028}'), "{s}");
    }

    #[test]
    fn a_shard_is_the_json_serde_would_write() {
        let ids = vec![1, 20, 300];
        let none = vec![];
        let mut words = BTreeMap::new();
        words.insert("a</script>", &ids);
        words.insert("board", &none);
        let script = shard_script("6162", &words);
        let json = script
            .strip_prefix("cairnSearch.shard(\"6162\",")
            .and_then(|s| s.strip_suffix(");\n"))
            .unwrap();
        let parsed: BTreeMap<String, Vec<u32>> = serde_json::from_str(json).unwrap();
        assert_eq!(parsed["a</script>"], ids);
        assert!(parsed["board"].is_empty());
        assert!(!script.contains("</script>"));
    }

    #[test]
    fn shards_are_safe_file_names() {
        assert_eq!(shard_of("checklist"), "6368");
        assert_eq!(shard_of("é"), "c3a9");
    }
}
