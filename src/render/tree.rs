//! Backlog trees as recursive data: each item with the items under it, to
//! any depth, siblings in priority order. `partials/tree.html` lays a tree
//! out with a component that calls itself.

use serde::Serialize;

use super::views::{Values, sort_items};
use crate::model::Portal;

/// A node of a backlog tree.
#[derive(Serialize)]
pub struct TreeNode {
    pub item: tera::Value,
    pub children: Vec<TreeNode>,
}

/// The items `within` as a tree: an item is a root when its parent is not
/// in `within`. Siblings are ordered by priority, then title.
pub fn tree(p: &Portal, values: &Values, within: &[usize]) -> Vec<TreeNode> {
    let mut member = vec![false; p.items.len()];
    for &i in within {
        member[i] = true;
    }
    let mut roots: Vec<usize> = within
        .iter()
        .copied()
        .filter(|&i| p.items[i].parent.is_none_or(|parent| !member[parent]))
        .collect();
    sort_items(p, &mut roots);
    roots
        .into_iter()
        .map(|i| node(p, values, i, &member, 0))
        .collect()
}

fn node(p: &Portal, values: &Values, i: usize, member: &[bool], depth: usize) -> TreeNode {
    let mut children: Vec<usize> = p.items[i]
        .children
        .iter()
        .copied()
        .filter(|&c| member[c])
        .collect();
    sort_items(p, &mut children);
    TreeNode {
        item: values.item(p, i),
        // Levels cap real trees at three; the guard only matters for
        // portals with errors, which are never rendered anyway.
        children: if depth < 8 {
            children
                .into_iter()
                .map(|c| node(p, values, c, member, depth + 1))
                .collect()
        } else {
            Vec::new()
        },
    }
}
