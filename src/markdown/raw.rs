//! Raw HTML in bodies: the tag filter that shows a mention of a dangerous
//! tag as text, the `@/` links written in attributes (for the checks), and
//! the sanitizer every body holding raw HTML passes.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Mutex;

use rustc_hash::FxHashSet;

use super::ids::{THEME_IDS, valid_class, valid_id};
use super::urls::{Links, SCHEMES, cleaned};

/// Tags GFM's tag filter shows as text: they would swallow what follows
/// (raw text elements) or run code.
const FILTERED: [&str; 9] = [
    "title",
    "textarea",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "script",
    "plaintext",
];

/// `html` with the `<` of every filtered tag written `&lt;`, so that
/// `Never put a <script> tag here.` shows as written and nothing after it
/// is lost.
pub fn tag_filter(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        let name_at = at + 1 + usize::from(bytes.get(at + 1) == Some(&b'/'));
        let filtered = FILTERED.iter().any(|name| {
            let end = name_at + name.len();
            bytes
                .get(name_at..end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && bytes
                    .get(end)
                    .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        });
        if filtered {
            out.push_str(&html[copied..at]);
            out.push_str("&lt;");
            copied = at + 1;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// The values of `href` and `src` attributes in `html`, decoded, with the
/// byte range of each as written.
pub fn url_attributes(html: &str) -> Vec<(Range<usize>, String)> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        at = open + 1;
        if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        while at < bytes.len()
            && !bytes[at].is_ascii_whitespace()
            && !matches!(bytes[at], b'>' | b'/')
        {
            at += 1;
        }
        // Attributes, up to the `>` that ends the tag.
        loop {
            while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
                at += 1;
            }
            if at >= bytes.len() || bytes[at] == b'>' {
                break;
            }
            let name_start = at;
            while at < bytes.len()
                && !bytes[at].is_ascii_whitespace()
                && !matches!(bytes[at], b'=' | b'>' | b'/')
            {
                at += 1;
            }
            let name = &html[name_start..at];
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            if bytes.get(at) != Some(&b'=') {
                continue;
            }
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let value = match bytes.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end =
                        memchr::memchr(q, &bytes[at + 1..]).map_or(bytes.len(), |i| at + 1 + i);
                    let value = at + 1..end;
                    at = (end + 1).min(bytes.len());
                    value
                }
                _ => {
                    let start = at;
                    while at < bytes.len() && !bytes[at].is_ascii_whitespace() && bytes[at] != b'>'
                    {
                        at += 1;
                    }
                    start..at
                }
            };
            if name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src") {
                let decoded = html_escape::decode_html_entities(&html[value.clone()]);
                found.push((value, cleaned(&decoded).into_owned()));
            }
        }
    }
    found
}

/// The link rules, as the sanitizer asks for them.
struct Resolve<'a>(Links<'a>);

impl<'a> ammonia::UrlRelativeEvaluate<'a> for Resolve<'a> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        self.0.resolve(url)
    }
}

/// Cleans a whole body's HTML: structure and the attributes cairn writes
/// itself stay; scripts, styles, event handlers, unknown schemes, ids a
/// page already has and control characters go; every link and image
/// follows `links`.
pub fn sanitize(html: &str, links: Links<'_>) -> String {
    let ids: Mutex<FxHashSet<String>> =
        Mutex::new(THEME_IDS.iter().map(|s| s.to_string()).collect());
    let mut b = ammonia::Builder::default();
    b.add_tags(["input"]);
    // Most links are internal; `rel` belongs on links that open new tabs.
    b.link_rel(None);
    b.url_schemes(SCHEMES.into());
    b.url_relative(ammonia::UrlRelative::Custom(Box::new(Resolve(links))));
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(h, ["id", "class"]);
    }
    b.add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"]);
    b.add_tag_attributes("div", ["class", "id"]);
    b.add_tag_attributes("sup", ["class", "id"]);
    b.add_tag_attributes("code", ["class"]);
    b.add_tag_attributes("th", ["style"]);
    b.add_tag_attributes("td", ["style"]);
    b.add_tag_attributes("a", ["id"]);
    b.filter_style_properties(["text-align"].into());
    b.attribute_filter(move |element, attribute, value| {
        if value.chars().any(char::is_control) {
            return None;
        }
        match (element, attribute) {
            ("input", "type") => (value == "checkbox").then_some(value.into()),
            ("code", "class") => value.starts_with("language-").then_some(value.into()),
            ("div" | "sup", "class") => value.starts_with("footnote-").then_some(value.into()),
            (_, "class") => {
                let kept: Vec<&str> = value
                    .split_ascii_whitespace()
                    .filter(|c| valid_class(c))
                    .collect();
                (!kept.is_empty()).then(|| kept.join(" ").into())
            }
            // The first element with an id keeps it; a theme's id or a
            // second use goes.
            (_, "id") => {
                let mut ids = ids
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                (valid_id(value) && ids.insert(value.to_string())).then_some(value.into())
            }
            _ => Some(value.into()),
        }
    });
    b.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_filter_escapes_only_the_dangerous_tags() {
        assert_eq!(tag_filter("a <script> b"), "a &lt;script> b");
        assert_eq!(
            tag_filter("</TITLE><textarea/>"),
            "&lt;/TITLE>&lt;textarea/>"
        );
        assert_eq!(tag_filter("<em><scripts><style"), "<em><scripts>&lt;style");
        assert!(matches!(tag_filter("<b>x</b>"), Cow::Borrowed(_)));
    }

    #[test]
    fn url_attributes_are_found_decoded_with_their_place() {
        let html =
            r#"<a class=x href="@/backlog/a.md">x</a><img src='/i.png'><a HREF=&#64;/vision.md>"#;
        let found = url_attributes(html);
        let values: Vec<&str> = found.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(values, ["@/backlog/a.md", "/i.png", "@/vision.md"]);
        assert_eq!(&html[found[0].0.clone()], "@/backlog/a.md");
    }
}
