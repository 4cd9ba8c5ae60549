//! The words of a body, read back out of its HTML. The search index and the
//! public build's leak guard both need a body's text; reading it from the
//! HTML that pages hold anyway spares keeping a second, plain copy of every
//! body in memory.

/// Calls `each` with every run of text between the tags of `html`, its
/// entities decoded (in `decoded`, reused between calls). Comments and the
/// contents of `<script>` and `<style>` are no text; a `<` that starts no
/// tag is.
pub fn for_each_run(html: &str, decoded: &mut String, mut each: impl FnMut(&str)) {
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

/// The text of `html`, its runs joined by spaces.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    for_each_run(html, &mut String::new(), |run| {
        out.push_str(run);
        out.push(' ');
    });
    out
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
    let mut quote = None;
    let mut close = None;
    for (i, b) in rest.bytes().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => {
                close = Some(open + i + 1);
                break;
            }
            _ => {}
        }
    }
    let close = close.unwrap_or(html.len());
    let name: String = rest[1..]
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase() as char)
        .collect();
    if name == "script" || name == "style" {
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
        assert_eq!(plain_text("<p>a</p><p>b</p>"), "a b ");
    }

    #[test]
    fn unclosed_markup_ends_the_text() {
        assert_eq!(runs("before<a href=\"x"), ["before"]);
        assert_eq!(runs("before<!-- open"), ["before"]);
        assert_eq!(runs("x<script>never closed"), ["x"]);
    }
}
