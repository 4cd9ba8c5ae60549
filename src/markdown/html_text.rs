//! The text of raw HTML an author wrote into a body, for search and the
//! leak scan (the rest of a body's text comes from its Markdown events).

/// Calls `each` with every run of text between the tags of `html`, its
/// entities decoded (in `decoded`, reused between calls). Comments and the
/// contents of `<script>` and `<style>` are no text; a `<` that starts no
/// tag is.
pub(super) fn for_each_run(html: &str, decoded: &mut String, mut each: impl FnMut(&str)) {
    let bytes = html.as_bytes();
    let mut text_from = 0;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + offset;
        let Some(end) = markup_end(html, open) else {
            at = open + 1;
            continue;
        };
        emit(&html[text_from..open], decoded, &mut each);
        at = end;
        text_from = end;
    }
    emit(&html[text_from..], decoded, &mut each);
}

/// Hands a run of text to `each`, decoded if it holds entities.
fn emit(run: &str, decoded: &mut String, each: &mut impl FnMut(&str)) {
    if run.is_empty() {
        return;
    }
    if run.contains('&') {
        decoded.clear();
        each(html_escape::decode_html_entities_to_string(run, decoded));
    } else {
        each(run);
    }
}

/// Where the markup that starts with the `<` at `open` ends: after a
/// comment, after a tag (quoted attribute values may hold `>`), or after
/// the closing tag of a script or style element. `None` when the `<` is
/// text.
fn markup_end(html: &str, open: usize) -> Option<usize> {
    let rest = &html[open..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return Some(comment.find("-->").map_or(html.len(), |i| open + 4 + i + 3));
    }
    let next = *rest.as_bytes().get(1)?;
    if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
        return None;
    }
    // The first `>` outside a quoted attribute value.
    let bytes = rest.as_bytes();
    let mut from = 1;
    let close = loop {
        let Some(found) = memchr::memchr3(b'>', b'"', b'\'', &bytes[from..]) else {
            break None;
        };
        let at = from + found;
        if bytes[at] == b'>' {
            break Some(open + at + 1);
        }
        match memchr::memchr(bytes[at], &bytes[at + 1..]) {
            Some(len) => from = at + 1 + len + 1,
            None => break None,
        }
    };
    let close = close.unwrap_or(html.len());
    let name_len = rest[1..]
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let name = &rest[1..1 + name_len];
    if ["script", "style"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
    {
        let end_tag = format!("</{name}");
        let found = html.as_bytes()[close..]
            .windows(end_tag.len())
            .position(|w| w.eq_ignore_ascii_case(end_tag.as_bytes()))
            .map(|i| close + i);
        return Some(match found {
            Some(start) => html[start..]
                .find('>')
                .map_or(html.len(), |i| start + i + 1),
            None => html.len(),
        });
    }
    Some(close)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_run(html, &mut String::new(), |r| out.push(r.to_string()));
        out
    }

    #[test]
    fn text_between_tags_comes_out_decoded() {
        assert_eq!(
            runs("<p>AT&amp;T <em>ships</em> &lt;fast&gt;&nbsp;now</p>"),
            ["AT&T ", "ships", " <fast>\u{a0}now"]
        );
    }

    #[test]
    fn attributes_comments_and_scripts_are_no_text() {
        let html = "<a title=\"x > y\" href='q'>link</a><!-- hidden -->\
                    <SCRIPT>var secret = 1;</script><style>p{}</style>after";
        assert_eq!(runs(html), ["link", "after"]);
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(runs("1 < 2 and 3 <4"), ["1 < 2 and 3 <4"]);
    }

    #[test]
    fn unclosed_markup_ends_the_text() {
        assert_eq!(runs("before<a href=\"x"), ["before"]);
        assert_eq!(runs("before<!-- open"), ["before"]);
        assert_eq!(runs("x<script>never closed"), ["x"]);
    }
}
