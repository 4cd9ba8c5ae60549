//! Heading ids and attributes, and footnote labels: what a body's
//! headings carry onto the page.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use rustc_hash::FxHashSet;

use super::Warning;
use super::ids::{self, slugify};

/// Gives every heading its id, keeps only safe classes and drops other
/// attributes (saying so in `warnings`), and moves footnote labels out of
/// the way of ids. Returns the heading ids in order.
pub fn headings(
    events: &mut [(Event, Range<usize>)],
    warnings: &mut Vec<Warning>,
    offset: usize,
) -> Vec<String> {
    let mut taken = ids::Taken::new();
    for (event, _) in events.iter_mut() {
        let (Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label))) =
            event
        else {
            continue;
        };
        let id = format!("{}{}", ids::FOOTNOTE_PREFIX, without_controls(label));
        taken.take(&id);
        *label = CowStr::from(id);
    }
    let at = |range: &Range<usize>| range.start + offset..range.end + offset;
    // Written ids are taken first, so that made ones step around them; a
    // written id already taken is made unique like any other.
    let mut twice = FxHashSet::default();
    for (i, (event, range)) in events.iter_mut().enumerate() {
        let Event::Start(Tag::Heading { id: slot, .. }) = event else {
            continue;
        };
        let Some(id) = slot.as_deref() else {
            continue;
        };
        if !ids::valid_id(id) {
            warnings.push(Warning {
                span: at(range),
                message: format!(
                    "heading id `{}` dropped: an id holds no blanks, control characters, quotes or `<>&`",
                    id.escape_debug()
                ),
                help: "write `{#id}` with letters, digits and `-`",
            });
            *slot = None;
        } else if !taken.take(id) {
            twice.insert(i);
        }
    }
    let mut anchors = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { .. }) = &events[i].0 else {
            i += 1;
            continue;
        };
        let mut text = String::new();
        let mut j = i + 1;
        while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
            if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                text.push_str(t);
            }
            j += 1;
        }
        let range = at(&events[i].1);
        let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = &mut events[i].0
        else {
            unreachable!()
        };
        let fresh = match id.take() {
            Some(written) if twice.contains(&i) => {
                let fresh = taken.unique(written.to_string());
                warnings.push(Warning {
                    span: range.clone(),
                    message: format!("heading id `{written}` is already used on this page; this heading gets `{fresh}`"),
                    help: "give each heading its own id (the theme uses `main` and the `search-*` ids)",
                });
                fresh
            }
            Some(written) => written.to_string(),
            None => taken.unique(slugify(&text)),
        };
        *id = Some(CowStr::from(fresh.clone()));
        let dropped_classes = classes.iter().filter(|c| !ids::valid_class(c)).count();
        if dropped_classes > 0 || !attrs.is_empty() {
            let names: Vec<String> = attrs
                .iter()
                .map(|(k, _)| k.escape_debug().to_string())
                .chain(
                    classes
                        .iter()
                        .filter(|c| !ids::valid_class(c))
                        .map(|c| format!(".{}", c.escape_debug())),
                )
                .collect();
            warnings.push(Warning {
                span: range,
                message: format!("heading attributes dropped: {}", names.join(", ")),
                help: "a heading keeps only `{#id}` and classes of letters, digits, `-` and `_`",
            });
            classes.retain(|c| ids::valid_class(c));
            attrs.clear();
        }
        anchors.push(fresh);
        i = j;
    }
    anchors
}

/// `text` without control characters.
fn without_controls(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

pub fn clean<'a>(text: CowStr<'a>) -> CowStr<'a> {
    if text.chars().any(char::is_control) {
        CowStr::from(without_controls(&text))
    } else {
        text
    }
}
