//! The offline search index: small enough for a phone, loaded only when the
//! search box is first used, and readable from `file://`.
//!
//! `search/docs.js` lists every searchable page (title, path, kind). Words
//! are indexed in shards by their first two letters (`search/<hex>.js`), so
//! a query loads the list and one shard per word, never the whole index.
//! Each file is a script that hands its data to `window.cairnSearch`, not
//! JSON fetched at run time, because browsers refuse `fetch` on `file://`.

mod entries;
mod postings;
mod script;
mod words;

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::Page;
use crate::model::Portal;
use entries::Entry;
use postings::{Postings, Word};
use script::{script_json, shard_of, shard_script};

/// The index files.
pub fn index(p: &Portal) -> Vec<Page> {
    let entries = entries::entries(p);
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
