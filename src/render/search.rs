//! The offline search index: small enough for a phone, loaded only when the
//! search box is first used, and readable from `file://`.
//!
//! `search/docs.js` lists every searchable page (title, path, kind). Words
//! are indexed in shards by their first two letters (`search/<hex>.js`), so
//! a query loads the list and one shard per word, never the whole index.
//! Each file is a script that hands its data to `window.cairnSearch`, not
//! JSON fetched at run time, because browsers refuse `fetch` on `file://`.

use std::collections::{BTreeMap, BTreeSet};

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

/// Lowercase words of `text`, letters and digits only.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= MIN_WORD)
        .map(str::to_lowercase)
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

/// The index files.
pub fn index(p: &Portal) -> Vec<Page> {
    let entries = entries(p);
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    for (n, e) in entries.iter().enumerate() {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for w in words(e.title).chain(e.text.iter().flat_map(|t| words(t))) {
            if seen.insert(w.clone()) {
                shards
                    .entry(shard_of(&w))
                    .or_default()
                    .entry(w)
                    .or_default()
                    .push(n);
            }
        }
    }
    let docs: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (e.title, e.path.as_str(), e.kind))
        .collect();
    let mut pages = vec![Page {
        path: "search/docs.js".into(),
        bytes: format!("cairnSearch.docs({});\n", script_json(&docs)).into_bytes(),
    }];
    for (shard, words) in shards {
        pages.push(Page {
            path: format!("search/{shard}.js"),
            bytes: format!("cairnSearch.shard(\"{shard}\",{});\n", script_json(&words))
                .into_bytes(),
        });
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_and_split_on_punctuation() {
        let w: Vec<String> = words("Dispatch-board: drag & DROP, a 2nd time").collect();
        assert_eq!(w, ["dispatch", "board", "drag", "drop", "2nd", "time"]);
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&"</script><script>alert(1)</script>\u{2028}");
        assert!(!s.contains('<') && !s.contains('\u{2028}'), "{s}");
    }

    #[test]
    fn shards_are_safe_file_names() {
        assert_eq!(shard_of("checklist"), "6368");
        assert_eq!(shard_of("é"), "c3a9");
    }
}
