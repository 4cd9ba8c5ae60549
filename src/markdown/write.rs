//! Writing a body's events as HTML and text (see [`super::render`]).

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::headings::clean;
use super::{Links, Rendered, raw};

/// The target and title a link or image keeps under the URL rules, or
/// `None` when its target goes (its text stays).
fn kept_target<'t>(
    links: &Links<'_>,
    dest_url: &str,
    title: CowStr<'t>,
) -> Option<(CowStr<'t>, CowStr<'t>)> {
    let url = links.resolve(dest_url)?;
    Some((CowStr::from(url.into_owned()), clean(title)))
}

/// Writes the events of a body whose headings are done (see [`super::render`]).
pub fn write<'a>(
    events: impl Iterator<Item = Event<'a>>,
    links: Links<'_>,
    unsafe_html: bool,
    len: usize,
) -> Rendered {
    let mut text = String::with_capacity(len);
    let mut kept = Vec::with_capacity(events.size_hint().0);
    // Whether each open link and image was kept.
    let mut open_links: Vec<bool> = Vec::new();
    let mut open_images: Vec<bool> = Vec::new();
    let mut has_raw_html = false;
    let mut runs = String::new();
    for event in events {
        let in_image = open_images.last() == Some(&true);
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let target = kept_target(&links, &dest_url, title);
                open_links.push(target.is_some());
                if let Some((dest_url, title)) = target {
                    kept.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if open_links.pop() == Some(true) {
                    kept.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let target = kept_target(&links, &dest_url, title);
                open_images.push(target.is_some());
                if let Some((dest_url, title)) = target {
                    kept.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                if open_images.pop() == Some(true) {
                    kept.push(Event::End(TagEnd::Image));
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                has_raw_html = true;
                html_text_runs(&html, &mut runs, &mut text);
                let html = if unsafe_html {
                    html
                } else {
                    CowStr::from(raw::tag_filter(&html).into_owned())
                };
                kept.push(Event::InlineHtml(html));
            }
            // The text of a kept image is its `alt` attribute.
            Event::Text(t) | Event::Code(t) if in_image => kept.push(Event::Text(clean(t))),
            Event::Text(t) => {
                text.push_str(&t);
                kept.push(Event::Text(t));
            }
            Event::Code(t) => {
                text.push(' ');
                text.push_str(&t);
                text.push(' ');
                kept.push(Event::Code(t));
            }
            // Task-list boxes get a label, or screen readers announce a
            // bare box.
            Event::TaskListMarker(done) => kept.push(Event::InlineHtml(CowStr::from(if done {
                "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
            } else {
                "<input type=\"checkbox\" disabled aria-label=\"Not done\"> "
            }))),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                text.push(' ');
                kept.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(clean(
                    lang,
                )))));
            }
            other => {
                if !in_image {
                    text.push(' ');
                }
                kept.push(other);
            }
        }
    }
    let mut html = String::with_capacity(len * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, kept.into_iter());
    if has_raw_html && !unsafe_html {
        html = raw::sanitize(&html, links);
    }
    html.shrink_to_fit();
    text.shrink_to_fit();
    Rendered { html, text }
}

/// Adds the text of a raw HTML fragment the author wrote to `text`.
fn html_text_runs(html: &str, decoded: &mut String, text: &mut String) {
    super::html_text::for_each_run(html, decoded, |run| {
        text.push(' ');
        text.push_str(run);
    });
    text.push(' ');
}
