//! A body through cairn's one gate (`cairn::markdown::render`), with an
//! oracle that reads the output as a browser's tokenizer does: whatever
//! the input, no `on*` attribute, no URL with a scheme outside `http`,
//! `https`, `mailto` and `tel`, no element that runs or swallows markup
//! (`script`, `style`, `iframe` and the other raw-text ones), no control
//! character in an attribute, and no link left to the excluded page.
#![no_main]

use std::cell::RefCell;

use cairn::markdown::{Bodies, Rules, scan, scheme};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use libfuzzer_sys::fuzz_target;

const FORBIDDEN: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "title", "textarea", "xmp", "noembed",
    "noframes", "plaintext", "base", "meta", "link", "form", "frame", "frameset", "svg", "math",
];
const URL_ATTRS: &[&str] = &[
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset",
    "cite", "ping", "longdesc",
];

struct Oracle(RefCell<Vec<String>>);

impl TokenSink for Oracle {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let mut problems = self.0.borrow_mut();
        let name = tag.name.to_ascii_lowercase();
        if tag.kind == TagKind::StartTag && FORBIDDEN.contains(&name.as_str()) {
            problems.push(format!("element <{name}>"));
        }
        for attr in &tag.attrs {
            let attr_name = attr.name.local.to_ascii_lowercase();
            let value: &str = &attr.value;
            if attr_name.starts_with("on") {
                problems.push(format!("attribute {attr_name}"));
            }
            if value.chars().any(|c| c.is_control()) {
                problems.push(format!("control character in {attr_name}={value:?}"));
            }
            if URL_ATTRS.contains(&attr_name.as_str()) {
                let cleaned: String = value
                    .trim_matches(|c: char| c <= ' ')
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect();
                if let Some(s) = scheme(&cleaned)
                    && !["http", "https", "mailto", "tel"].contains(&s.as_str())
                {
                    problems.push(format!("{attr_name}={value:?}"));
                }
                if page(&cleaned) == "backlog/secret.html" {
                    problems.push(format!("link to an excluded page: {value:?}"));
                }
            }
        }
        TokenSinkResult::Continue
    }
}

/// The page a URL of a body on `backlog/x.html` (or in the feed) leads to.
fn page(url: &str) -> String {
    let url = url.strip_prefix(FEED_ROOT).map_or(url.to_string(), |rest| format!("/{rest}"));
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy().replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    let start = if path.starts_with('/') { "" } else { "backlog" };
    for seg in start.split('/').chain(path.split('/')) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            seg => parts.push(seg),
        }
    }
    parts.join("/")
}

const FEED_ROOT: &str = "https://x.example/p/";

fn problems(html: &str) -> Vec<String> {
    let tokenizer = Tokenizer::new(Oracle(RefCell::default()), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.take()
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (body, _) = scan(&text, 0, "backlog/x.md", Bodies::Pages { unsafe_html: false, keep_source: true });
    for link in &body.links {
        assert!(link.span.end <= text.len() && link.span.start <= link.span.end);
    }
    let excluded = ["backlog/secret.html".to_string()].into_iter().collect();
    let rules = Rules::new(excluded, false);
    let rendered = body.rendered(&rules, "backlog/x.md");
    let found = problems(&rendered.html);
    assert!(found.is_empty(), "{found:?} in {:?}", rendered.html);
    let feed = body.absolute(&rules, "backlog/x.md", FEED_ROOT);
    let found = problems(&feed.html);
    assert!(found.is_empty(), "feed: {found:?} in {:?}", feed.html);
});
