//! `cairn::load::frontmatter::split` on arbitrary UTF-8: it must never
//! panic, and the offsets it returns must point at the slices it returns.
#![no_main]

use cairn::load::frontmatter::{SplitError, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match split(text) {
        Ok(s) => {
            let front = text
                .get(s.front_offset..s.front_offset + s.front.len())
                .expect("front_offset..+len is not a char range of the text");
            assert_eq!(front, s.front, "front does not sit at front_offset");
            let body = text
                .get(s.body_offset..s.body_offset + s.body.len())
                .expect("body_offset..+len is not a char range of the text");
            assert_eq!(body, s.body, "body does not sit at body_offset");
            // The body is everything after the closing fence.
            assert_eq!(s.body_offset + s.body.len(), text.len());
            // Opening fence, front matter and body come in that order.
            assert!(s.opening.end <= s.front_offset);
            assert!(s.front_offset + s.front.len() <= s.body_offset);
            assert_eq!(text.get(s.opening.clone()), Some("+++"));
        }
        Err(SplitError::Unclosed(opening)) => {
            assert_eq!(text.get(opening), Some("+++"));
        }
        Err(SplitError::Missing) => {}
    }
});
