//! md-baseline: the "bare pulldown-cmark pass" that cairn is measured against.
//!
//!     md-baseline PORTAL [--threads N]
//!
//! Reads every `.md` under `PORTAL/content/`, strips the TOML front matter
//! (everything up to and including the second `+++` line), renders each body
//! to HTML with pulldown-cmark using the options cairn uses (tables,
//! footnotes, strikethrough, task lists, heading attributes) and prints how
//! long the walk + read + render pass took:
//!
//!     files=1167 body_bytes=2893310 html_bytes=3390213 threads=1 elapsed_ms=41.2
//!
//! `--threads 1` (the default) is a single sequential pass; `--threads N`
//! splits the files over N scoped threads (`--threads 0`: one per core). No
//! link rewriting, no templates, no writing: it is the floor, not a peer.

use pulldown_cmark::{Options, Parser, html};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The body: what follows the second `+++` line, or the whole text when the
/// file has no front matter.
fn body(text: &str) -> &str {
    let mut fences = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "+++" {
            fences += 1;
            if fences == 2 {
                return &text[offset..];
            }
        }
    }
    text
}

/// Reads and renders `files`; returns (body bytes, HTML bytes).
fn pass(files: &[PathBuf]) -> (usize, usize) {
    let mut body_bytes = 0;
    let mut html_bytes = 0;
    let mut out = String::new();
    for path in files {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let body = body(&text);
        out.clear();
        html::push_html(&mut out, Parser::new_ext(body, options()));
        body_bytes += body.len();
        html_bytes += out.len();
    }
    (body_bytes, html_bytes)
}

fn usage() -> ! {
    eprintln!("usage: md-baseline PORTAL [--threads N]");
    std::process::exit(2);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut portal = None;
    let mut threads = 1usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => {
                threads = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| usage());
            }
            "-h" | "--help" => usage(),
            _ if portal.is_none() => portal = Some(PathBuf::from(arg)),
            _ => usage(),
        }
    }
    let portal = portal.unwrap_or_else(|| usage());
    if threads == 0 {
        threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    }
    let content = portal.join("content");
    if !content.is_dir() {
        eprintln!("md-baseline: {} has no content/ folder", portal.display());
        std::process::exit(2);
    }

    let start = Instant::now();
    let files = markdown_files(&content);
    let (body_bytes, html_bytes) = if threads <= 1 {
        pass(&files)
    } else {
        let chunk = files.len().div_ceil(threads).max(1);
        std::thread::scope(|s| {
            let handles: Vec<_> = files.chunks(chunk).map(|c| s.spawn(|| pass(c))).collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a render thread panicked"))
                .fold((0, 0), |(a, b), (c, d)| (a + c, b + d))
        })
    };
    let elapsed = start.elapsed();

    println!(
        "files={} body_bytes={body_bytes} html_bytes={html_bytes} threads={threads} elapsed_ms={:.1}",
        files.len(),
        elapsed.as_secs_f64() * 1000.0
    );
}

fn markdown_files(content: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.expect("cannot walk content/"))
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect()
}
