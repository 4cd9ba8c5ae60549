//! The backlog tree: parent levels (idea > MMF > story), loops, inherited
//! goals, and the rule that every item traces to a vision goal.

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::fields::Sp;
use crate::keywords::{Keyword, Level};
use crate::model::{GoalIx, ItemIx};
use crate::source::FileId;

/// What the tree needs to know of one item.
pub struct Node<'a> {
    pub id: String,
    pub file: FileId,
    pub header: std::ops::Range<usize>,
    pub level: Option<Level>,
    /// The `parent` as written.
    pub parent_ref: Option<&'a Sp<String>>,
    /// The parent, once looked up.
    pub parent: Option<ItemIx>,
    /// Whether its goals cannot be known: `parent` or `serves` was written
    /// but could not be read or names nothing kept (already reported).
    pub goals_unknown: bool,
    /// Its own `serves`.
    pub serves: Vec<GoalIx>,
}

/// Derived structure of each item.
pub struct Tree {
    /// The parent, after loops were cut.
    pub parent: Vec<Option<ItemIx>>,
    /// Ancestors, the top-most first.
    pub ancestors: Vec<Vec<ItemIx>>,
    /// Direct children.
    pub children: Vec<Vec<ItemIx>>,
    /// Own and inherited goals, in vision order.
    pub goals: Vec<Vec<GoalIx>>,
}

/// How far up a parent chain is followed. Valid chains are at most three
/// deep (idea > MMF > story); a broken one (stories under stories) is
/// reported at every bad link, so walking further would only cost time:
/// without a cap, a 20,000-deep chain takes minutes.
const MAX_DEPTH: usize = 32;

/// Checks levels and loops, derives the tree, and reports items that serve
/// no goal. `goal_ids` names the goals, for the help text.
pub fn build(nodes: &[Node], goal_ids: &[&str], diags: &mut Diagnostics) -> Tree {
    let mut parent: Vec<Option<ItemIx>> = nodes.iter().map(|n| n.parent).collect();
    // Loops first: an item in a loop also breaks a level rule, but the loop
    // is what the user must fix.
    let mut looped = vec![false; nodes.len()];
    for i in 0..nodes.len() {
        let mut seen = vec![i];
        let mut at = parent[i];
        while let Some(p) = at {
            if p == i {
                let chain: Vec<&str> = seen
                    .iter()
                    .map(|&s| nodes[s].id.as_str())
                    .chain([nodes[i].id.as_str()])
                    .collect();
                let span = nodes[i]
                    .parent_ref
                    .as_ref()
                    .map_or(nodes[i].header.clone(), |r| r.span.clone());
                diags.push(
                    Diagnostic::error(
                        format!("the parent chain loops: {}", chain.join(" > ")),
                        Location::new(nodes[i].file, span),
                    )
                    .with_help(
                        "an item cannot be its own ancestor; remove one `parent` of the loop",
                    ),
                );
                for &s in &seen {
                    looped[s] = true;
                }
                parent[i] = None;
                break;
            }
            if seen.contains(&p) || seen.len() > MAX_DEPTH {
                break; // a loop above us (reported from one of its members), or too deep
            }
            seen.push(p);
            at = parent[p];
        }
    }
    for (i, node) in nodes.iter().enumerate() {
        let (Some(p), Some(r)) = (node.parent, &node.parent_ref) else {
            continue;
        };
        // A level error keeps the parent: the goals still flow down, so the
        // item is not also reported as tracing to nothing.
        if !looped[i] && !level_allows(node.level, nodes[p].level) {
            diags.push(level_error(
                node,
                &nodes[p],
                Location::new(node.file, r.span.clone()),
            ));
        }
    }
    let mut ancestors = vec![Vec::new(); nodes.len()];
    let mut children = vec![Vec::new(); nodes.len()];
    let mut goals = vec![Vec::new(); nodes.len()];
    for i in 0..nodes.len() {
        let mut chain = Vec::new();
        let mut at = parent[i];
        while let Some(p) = at {
            if chain.contains(&p) || p == i || chain.len() >= MAX_DEPTH {
                break;
            }
            chain.push(p);
            at = parent[p];
        }
        chain.reverse();
        let mut mine: Vec<GoalIx> = nodes[i].serves.clone();
        for &a in &chain {
            mine.extend(&nodes[a].serves);
        }
        mine.sort_unstable();
        mine.dedup();
        goals[i] = mine;
        ancestors[i] = chain;
        if let Some(p) = parent[i] {
            children[p].push(i);
        }
    }
    // Without goals, an item's descendants have none either: report the
    // top of each such chain once, with how much work hangs below it.
    let mut below = vec![0usize; nodes.len()];
    for chain in &ancestors {
        for &a in chain {
            below[a] += 1;
        }
    }
    for (i, node) in nodes.iter().enumerate() {
        let blocked_above =
            node.goals_unknown || ancestors[i].iter().any(|&a| nodes[a].goals_unknown);
        // Without any goal in the vision, that one problem is reported.
        if goals[i].is_empty() && !blocked_above && parent[i].is_none() && !goal_ids.is_empty() {
            let also = match below[i] {
                0 => String::new(),
                1 => " (nor does the item below it)".to_string(),
                n => format!(" (nor do the {n} items below it)"),
            };
            let example = goal_ids.first().copied().unwrap_or("activation");
            let listed: Vec<String> = goal_ids.iter().map(|g| format!("`{g}`")).collect();
            diags.push(
                Diagnostic::error(
                    format!(
                        "backlog item `{}` does not trace to any vision goal{also}",
                        node.id
                    ),
                    Location::new(node.file, node.header.clone()),
                )
                .with_label("every piece of work must serve a goal")
                .with_help(format!(
                    "add `serves = [\"{example}\"]` (the goals are {}), or give it a `parent` that serves one",
                    listed.join(", ")
                )),
            );
        }
    }
    Tree {
        parent,
        ancestors,
        children,
        goals,
    }
}

fn level_allows(child: Option<Level>, parent: Option<Level>) -> bool {
    match (child, parent) {
        (Some(Level::Mmf), Some(Level::Idea)) => true,
        (Some(Level::Story), Some(Level::Mmf | Level::Idea)) => true,
        (Some(_), Some(_)) => false,
        // A missing level was reported already; do not pile on.
        _ => true,
    }
}

fn level_error(node: &Node, parent: &Node, at: Location) -> Diagnostic {
    let p_level = parent.level.map_or("item", |l| l.key());
    match node.level {
        Some(Level::Idea) => Diagnostic::error(
            format!(
                "an idea cannot have a parent (`{}` is an {p_level})",
                parent.id
            ),
            at,
        )
        .with_label("big ideas sit at the top of the backlog")
        .with_help("remove `parent`, or make this item an `mmf` or a `story`"),
        Some(Level::Mmf) => Diagnostic::error(
            format!(
                "an MMF's parent must be an idea, but `{}` is a {p_level}",
                parent.id
            ),
            at,
        )
        .with_label("levels nest downward: idea > mmf > story")
        .with_help("point `parent` at a big idea, or remove it"),
        _ => Diagnostic::error(
            format!(
                "a story's parent must be an MMF or an idea, but `{}` is a {p_level}",
                parent.id
            ),
            at,
        )
        .with_label("levels nest downward: idea > mmf > story")
        .with_help("point `parent` at an MMF or an idea"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static PARENT: std::sync::LazyLock<Sp<String>> =
        std::sync::LazyLock::new(|| Sp::new("p".into(), 0..1));

    fn node(id: &str, level: Level, parent: Option<usize>, serves: Vec<usize>) -> Node<'static> {
        Node {
            id: id.into(),
            file: 0,
            header: 0..3,
            level: Some(level),
            parent_ref: parent.map(|_| &*PARENT),
            parent,
            goals_unknown: false,
            serves,
        }
    }

    #[test]
    fn a_very_deep_broken_chain_is_reported_link_by_link() {
        let n = 20_000;
        let nodes: Vec<Node> = (0..n)
            .map(|i| {
                node(
                    "s",
                    Level::Story,
                    (i > 0).then(|| i - 1),
                    if i == 0 { vec![0] } else { vec![] },
                )
            })
            .collect();
        let mut diags = Diagnostics::default();
        let tree = build(&nodes, &["a"], &mut diags);
        // Every story-under-story link is reported; chains are followed only
        // MAX_DEPTH up (this case took minutes before the cap).
        assert_eq!(diags.count(crate::diagnostics::Severity::Error), n - 1);
        assert_eq!(tree.ancestors[n - 1].len(), MAX_DEPTH);
    }

    #[test]
    fn children_inherit_goals_as_a_union() {
        let nodes = vec![
            node("idea", Level::Idea, None, vec![1]),
            node("mmf", Level::Mmf, Some(0), vec![0]),
            node("story", Level::Story, Some(1), vec![]),
        ];
        let mut diags = Diagnostics::default();
        let tree = build(&nodes, &["a", "b"], &mut diags);
        assert!(diags.is_empty());
        assert_eq!(tree.goals[2], vec![0, 1]);
        assert_eq!(tree.ancestors[2], vec![0, 1]);
        assert_eq!(tree.children[0], vec![1]);
    }

    #[test]
    fn an_item_without_goals_is_an_error_and_levels_must_nest() {
        let nodes = vec![
            node("lonely", Level::Story, None, vec![]),
            node("story", Level::Story, None, vec![0]),
            node("sub", Level::Story, Some(1), vec![0]),
        ];
        let mut diags = Diagnostics::default();
        let tree = build(&nodes, &["a"], &mut diags);
        assert_eq!(diags.count(crate::diagnostics::Severity::Error), 2);
        // The bad parent still passes its goals down.
        assert_eq!(tree.parent[2], Some(1));
    }
}
