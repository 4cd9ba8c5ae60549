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

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// The theme lays out a tree of any depth, not a fixed number of
    /// levels: a story under a story under ... shows at the bottom.
    #[test]
    fn the_tree_partial_lays_out_every_level() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
        let theme = super::super::theme::load(&root, None, None).unwrap();
        let item = |n: usize| {
            json!({"href": format!("backlog/level-{n}.html"), "title": format!("Level {n}"),
                "level": {"key": "story", "label": "Story"}, "status": {"key": "new", "label": "New"},
                "priority": null, "blocked": false})
        };
        let mut tree = json!([]);
        for n in (1..=6).rev() {
            tree = json!([{"item": item(n), "children": tree}]);
        }
        let mut context = tera::Context::new();
        context.insert("tree", &tree);
        context.insert("page", &json!({"root": "../"}));
        let html = theme.tera.render("partials/tree.html", &context).unwrap();
        assert_eq!(html.matches("<ul").count(), 6, "{html}");
        let deepest = html.find("../backlog/level-6.html").unwrap();
        assert_eq!(html[deepest..].matches("</ul>").count(), 6, "{html}");
    }
}
