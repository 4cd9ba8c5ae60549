//! The pages the search index lists, each with the texts it is found by.

use std::borrow::Cow;
use std::sync::Arc;

use crate::kind::{self, Kind};
use crate::markdown::Rendered;
use crate::model::Portal;

/// A page to index: its title, path, kind label, texts and body.
pub struct Entry<'a> {
    pub title: Cow<'a, str>,
    pub path: String,
    pub kind: &'static str,
    pub text: Vec<&'a str>,
    /// The body's text, from the same pass that made its HTML.
    pub body: Option<Arc<Rendered>>,
}

/// Every page to index: documents first, then views.
pub fn entries(p: &Portal) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let v = &p.vision;
    let mut vision_text = vec![
        v.written.statement.as_str(),
        v.written.target_group.as_str(),
    ];
    vision_text.extend(v.written.needs.iter().map(String::as_str));
    vision_text.extend(v.written.product.as_deref());
    out.push(Entry {
        title: v.written.title.as_str().into(),
        path: Kind::Vision.page(""),
        kind: "Vision",
        text: vision_text,
        body: Some(p.body(&v.meta)),
    });
    for g in &p.goals {
        let text = [
            g.written.metric.as_deref(),
            g.baseline.as_deref(),
            g.target.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        out.push(Entry {
            title: g.written.title.as_str().into(),
            path: kind::goal_page(&g.id),
            kind: "Goal",
            text,
            body: None,
        });
    }
    for i in &p.items {
        out.push(Entry {
            title: i.written.title.as_str().into(),
            path: Kind::Backlog.page(&i.meta.id),
            kind: crate::keywords::Keyword::label(i.level()),
            text: Vec::new(),
            body: Some(p.body(&i.meta)),
        });
    }
    for d in &p.decisions {
        let mut text: Vec<&str> = d.options.iter().map(|o| o.written.name.as_str()).collect();
        text.extend(d.written.not_pursued.iter().map(String::as_str));
        out.push(Entry {
            title: d.written.title.as_str().into(),
            path: Kind::Decision.page(&d.meta.id),
            kind: "Decision",
            text,
            body: Some(p.body(&d.meta)),
        });
    }
    for s in &p.stakeholders {
        let text = [
            s.written.position.as_deref(),
            s.written.organization.as_deref(),
            s.written.success.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        out.push(Entry {
            title: s.written.name.as_str().into(),
            path: Kind::Stakeholder.page(&s.meta.id),
            kind: "Stakeholder",
            text,
            body: None,
        });
    }
    for u in &p.updates {
        out.push(Entry {
            title: u.written.title.as_str().into(),
            path: Kind::Update.page(&u.meta.id),
            kind: "Update",
            text: Vec::new(),
            body: Some(p.body(&u.meta)),
        });
    }
    for a in &p.assumptions {
        out.push(Entry {
            title: a.written.title.as_str().into(),
            path: Kind::Assumption.page(&a.meta.id),
            kind: "Assumption",
            text: a.written.test.as_deref().into_iter().collect(),
            body: Some(p.body(&a.meta)),
        });
    }
    // Empty in public builds: conversations are team notes.
    for c in &p.conversations {
        out.push(Entry {
            title: c.written.title.as_str().into(),
            path: Kind::Conversation.page(&c.meta.id),
            kind: "Conversation",
            text: Vec::new(),
            body: Some(p.body(&c.meta)),
        });
    }
    // Views after documents: a word found in a document lists it first.
    out.extend(
        crate::render::search_views::views(p)
            .into_iter()
            .map(|v| Entry {
                title: v.title,
                path: v.path,
                kind: "Page",
                text: v.text.to_vec(),
                body: None,
            }),
    );
    out
}
