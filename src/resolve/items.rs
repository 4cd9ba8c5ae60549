//! Backlog items: references looked up, tree and goal traces, dependencies.

use std::sync::Arc;

use rayon::prelude::*;

use super::index::{Index, Target};
use super::parts::Part;
use super::{backlog, depends};
use crate::diagnostics::Diagnostics;
use crate::kind::Kind;
use crate::load::documents::RawItem;
use crate::model::{Item, Meta, Portal};

pub(super) fn resolve_items(
    parts: Vec<Part<Arc<RawItem>>>,
    index: &Index,
    portal: &Portal,
    diags: &mut Diagnostics,
) -> Vec<Item> {
    let stakeholders = Target::Doc(Kind::Stakeholder);
    // Each item's references are looked up on whichever core is free; the
    // problems are kept in item order.
    let looked_up: Vec<(backlog::Node, Item, Diagnostics, depends::Written)> = parts
        .into_par_iter()
        .map(|p| {
            let mut found = Diagnostics::default();
            let file = p.meta.file;
            let raw = p.raw;
            let parent = raw.place.parent.as_ref().and_then(|r| {
                index.lookup_other(
                    Target::Doc(Kind::Backlog),
                    r,
                    "parent",
                    file,
                    &mut found,
                    &p.meta.id,
                )
            });
            let serves =
                index.lookup_all(Target::Goal, &raw.place.serves, "serves", file, &mut found);
            let serves_unresolved = raw
                .place
                .serves
                .iter()
                .any(|r| index.get(Target::Goal, &r.value).is_none());
            let node = backlog::Node {
                id: p.meta.id.clone(),
                file,
                header: p.header.clone(),
                level: raw.place.level.as_ref().map(|l| l.value),
                goals_unknown: (raw.place.parent.is_some() && parent.is_none())
                    || raw.place.parent_broken
                    || raw.place.serves_broken
                    || serves_unresolved,
                parent_ref: raw.place.parent.as_ref(),
                parent,
                serves: serves.clone(),
            };
            let requested_by = index.lookup_all(
                stakeholders,
                &raw.place.requested_by,
                "requested_by",
                file,
                &mut found,
            );
            let decisions = index.lookup_all(
                Target::Doc(Kind::Decision),
                &raw.place.tradeoffs,
                "tradeoffs",
                file,
                &mut found,
            );
            let depends_on = index.lookup_all(
                Target::Doc(Kind::Backlog),
                &raw.place.depends_on,
                "depends_on",
                file,
                &mut found,
            );
            depends::horizon_of_finished(raw, file, &mut found);
            let written: depends::Written = raw
                .place
                .depends_on
                .iter()
                .filter_map(|r| {
                    Some((
                        index.get(Target::Doc(Kind::Backlog), &r.value)?,
                        r.span.clone(),
                    ))
                })
                .collect();
            let refs = Refs {
                serves,
                requested_by,
                decisions,
                depends_on,
            };
            (node, new_item(p.meta, raw, refs), found, written)
        })
        .collect();
    let mut nodes = Vec::with_capacity(looked_up.len());
    let mut items = Vec::with_capacity(looked_up.len());
    let mut written = Vec::with_capacity(looked_up.len());
    for (node, item, found, w) in looked_up {
        written.push(w);
        nodes.push(node);
        items.push(item);
        diags.extend(found);
    }
    let goal_ids: Vec<&str> = portal.goals.iter().map(|g| g.id.as_str()).collect();
    let mut tree = backlog::build(&nodes, &goal_ids, diags);
    for (i, item) in items.iter_mut().enumerate() {
        item.parent = tree.parent[i];
        item.ancestors = std::mem::take(&mut tree.ancestors[i]);
        item.children = std::mem::take(&mut tree.children[i]);
        item.goals = std::mem::take(&mut tree.goals[i]);
    }
    depends::link(&mut items, &nodes, &written, diags);
    items
}

/// The references an item makes, looked up.
struct Refs {
    serves: Vec<usize>,
    requested_by: Vec<usize>,
    decisions: Vec<usize>,
    depends_on: Vec<usize>,
}

/// An item from its own fields and looked-up references; the tree
/// (parent, ancestors, children, goals) is filled in afterwards.
fn new_item(meta: Meta, raw: &Arc<RawItem>, refs: Refs) -> Item {
    Item {
        written: Arc::clone(raw),
        parent: None,
        serves: refs.serves,
        goals: Vec::new(),
        ancestors: Vec::new(),
        children: Vec::new(),
        requested_by: refs.requested_by,
        decisions: refs.decisions,
        depends_on: refs.depends_on,
        needed_by: Vec::new(),
        assumptions: Vec::new(),
        meta,
    }
}
