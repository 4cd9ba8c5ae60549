//! `depends_on` between backlog items (v2): the "needed by" links back, and
//! the rule that dependencies form no cycle. A cycle is one error naming
//! every file in it, reported once however many items it holds.

use super::backlog::Node;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::keywords::Status;
use crate::load::documents::RawItem;
use crate::model::Item;
use crate::source::FileId;

/// A done or dropped item with an explicit horizon: it is off the roadmap,
/// so the horizon says something that is no longer true.
pub fn horizon_of_finished(raw: &RawItem, file: FileId, diags: &mut Diagnostics) {
    let Some(h) = &raw.place.horizon else { return };
    if matches!(raw.status, Status::Done | Status::Dropped) {
        let status = if raw.status == Status::Done {
            "done"
        } else {
            "dropped"
        };
        diags.push(
            Diagnostic::warning(
                format!("a {status} item has a horizon"),
                Location::new(file, h.span.clone()),
            )
            .with_help(format!(
                "remove `horizon`: {status} items are not on the roadmap"
            )),
        );
    }
}

/// Each `depends_on` entry that names an item: the item and where it is
/// written.
pub type Written = Vec<(usize, std::ops::Range<usize>)>;

/// Fills `needed_by` and reports each dependency cycle.
pub fn link(items: &mut [Item], nodes: &[Node], written: &[Written], diags: &mut Diagnostics) {
    for i in 0..items.len() {
        for d in items[i].depends_on.clone() {
            items[d].needed_by.push(i);
        }
    }
    for cycle in cycles(items) {
        let first = cycle[0];
        let names: Vec<String> = cycle.iter().map(|&i| items[i].meta.path.clone()).collect();
        // Point at the entry that leads on round the cycle.
        let at = |i: usize| {
            let span = written[i]
                .iter()
                .find(|(to, _)| cycle.contains(to))
                .map_or_else(|| nodes[i].header.clone(), |(_, span)| span.clone());
            Location::new(nodes[i].file, span)
        };
        let mut d = Diagnostic::error(
            format!("`depends_on` forms a cycle through {}", names.join(", ")),
            at(first),
        )
        .with_help("remove one of these `depends_on` entries: an item cannot wait for itself");
        for &i in &cycle[1..] {
            d = d.with_related(at(i), "part of the cycle");
        }
        diags.push(d);
    }
}

/// Every cycle of `depends_on` (strongly connected components of two or
/// more items, or an item depending on itself), each listed from its
/// smallest index; linear in items and links (Tarjan, iteratively).
fn cycles(items: &[Item]) -> Vec<Vec<usize>> {
    let n = items.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut out = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = items[v].depends_on.get(*edge) {
                *edge += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 || items[v].depends_on.contains(&v) {
                    component.sort_unstable();
                    out.push(component);
                }
            }
        }
    }
    out.sort();
    out
}
