//! Decision records: the options rule (at least two, one chosen when
//! accepted), supersession without loops, and the CD3 ranking.

use std::sync::Arc;

use super::index::{Index, Target};
use super::parts::Part;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::keywords::DecisionStatus;
use crate::kind::Kind;
use crate::load::documents::RawDecision;
use crate::load::documents::RawOption;
use crate::model::Decision;
use crate::model::{Cd3Verdict, DecisionIx, DecisionOption};
use crate::source::FileId;

/// Checks the options of one decision and ranks them by CD3.
pub fn options(
    raw: &[RawOption],
    status: Option<DecisionStatus>,
    file: FileId,
    (options_at, status_at): (std::ops::Range<usize>, std::ops::Range<usize>),
    diags: &mut Diagnostics,
) -> (Vec<DecisionOption>, Option<Cd3Verdict>) {
    if raw.len() < 2 {
        diags.push(
            Diagnostic::error(
                format!(
                    "a decision must weigh at least two options, this one has {}",
                    raw.len()
                ),
                Location::new(file, options_at),
            )
            .with_label("a trade-off needs something traded off")
            .with_help(
                "add `[[options]]` tables with a `name` each; doing nothing is an option too",
            ),
        );
    }
    let chosen: Vec<&RawOption> = raw.iter().filter(|o| o.chosen).collect();
    if chosen.len() > 1 {
        // At the `chosen = true` lines: they are what to change.
        let at = |o: &RawOption| Location::new(file, o.chosen_at.clone().unwrap_or(o.span.clone()));
        let mut d = Diagnostic::error("more than one option is chosen", at(chosen[1]))
            .with_label(format!("“{}” is chosen here", chosen[1].name));
        for o in chosen.iter().take(1).chain(chosen.iter().skip(2)) {
            d = d.with_related(at(o), format!("and “{}” here", o.name));
        }
        diags.push(d.with_help(format!(
            "keep `chosen = true` on the option taken only, and remove it from the other{}",
            if chosen.len() > 2 { "s" } else { "" }
        )));
    } else if chosen.is_empty()
        && status == Some(DecisionStatus::Accepted)
        && raw.len() >= 2
        && !raw.iter().any(|o| o.chosen_broken)
    {
        diags.push(
            Diagnostic::error(
                "an accepted decision needs a chosen option",
                Location::new(file, status_at),
            )
            .with_label("no option has `chosen = true`")
            .with_help(
                "mark the option taken with `chosen = true`, or set `status = \"proposed\"`",
            ),
        );
    }
    let mut options: Vec<DecisionOption> = raw
        .iter()
        .map(|o| DecisionOption {
            written: o.clone(),
            cd3: match (o.cod_per_week, o.duration_weeks) {
                (Some(cod), Some(weeks)) if weeks > 0.0 => Some(cod / weeks),
                _ => None,
            },
            rank: None,
        })
        .collect();
    let verdict = rank(&mut options);
    (options, verdict)
}

/// Ranks options by CD3 (1 = best) and compares the chosen one with the
/// best. Ties share a rank.
pub fn rank(options: &mut [DecisionOption]) -> Option<Cd3Verdict> {
    let mut scored: Vec<(usize, f64)> = options
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.cd3.map(|c| (i, c)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    for (pos, &(i, cd3)) in scored.iter().enumerate() {
        let tied_above = scored[..pos].iter().position(|&(_, c)| c == cd3);
        options[i].rank = Some(tied_above.unwrap_or(pos) + 1);
    }
    let &(best, best_cd3) = scored.first()?;
    let chosen = options.iter().position(|o| o.written.chosen)?;
    let chosen_cd3 = options[chosen].cd3?;
    let opportunity_cost = scored
        .iter()
        .find(|&&(i, _)| i != chosen)
        .and_then(|&(i, _)| options[i].written.cod_per_week);
    Some(Cd3Verdict {
        best,
        chosen_is_best: chosen_cd3 >= best_cd3,
        opportunity_cost,
    })
}

/// Reports every loop in the `supersedes` graph once. `edges[i]` lists
/// what decision `i` supersedes, with the span of each reference.
pub fn check_supersedes_loops(
    ids: &[&str],
    edges: &[Vec<(DecisionIx, std::ops::Range<usize>)>],
    files: &[FileId],
    diags: &mut Diagnostics,
) -> Vec<bool> {
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; ids.len()];
    let mut in_loop = vec![false; ids.len()];
    for start in 0..ids.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(DecisionIx, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(top) = stack.last_mut() {
            let node = top.0;
            if top.1 < edges[node].len() {
                let (target, span) = edges[node][top.1].clone();
                top.1 += 1;
                match state[target] {
                    0 => {
                        state[target] = 1;
                        stack.push((target, 0));
                    }
                    1 => {
                        let from = stack.iter().position(|&(n, _)| n == target).unwrap_or(0);
                        let mut chain: Vec<&str> =
                            stack[from..].iter().map(|&(n, _)| ids[n]).collect();
                        chain.push(ids[target]);
                        for &(n, _) in &stack[from..] {
                            in_loop[n] = true;
                        }
                        diags.push(
                            Diagnostic::error(
                                format!("the supersedes chain loops: {}", chain.join(" > ")),
                                Location::new(files[node], span),
                            )
                            .with_help("a decision cannot supersede itself, directly or through others; remove one entry of the loop"),
                        );
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    in_loop
}

pub(super) fn resolve_decisions(
    parts: Vec<Part<Arc<RawDecision>>>,
    index: &Index,
    diags: &mut Diagnostics,
) -> Vec<Decision> {
    let stakeholders = Target::Doc(Kind::Stakeholder);
    let mut edges = Vec::with_capacity(parts.len());
    let mut decisions = Vec::with_capacity(parts.len());
    for p in parts {
        let file = p.meta.file;
        let raw = p.raw;
        let mut supersedes = Vec::new();
        for r in &raw.supersedes {
            let own = p.meta.id.as_str();
            if let Some(ix) = index.lookup_other(
                Target::Doc(Kind::Decision),
                r,
                "supersedes",
                file,
                diags,
                own,
            ) {
                supersedes.push((ix, r.span.clone()));
            }
        }
        // Option-wide problems point at the options when there are any, and
        // a missing choice at the status that requires one.
        let status = raw.status.as_ref().map(|s| s.value);
        let status_at = raw
            .status
            .as_ref()
            .map_or(p.header.clone(), |s| s.span.clone());
        let options_at = raw
            .options
            .first()
            .map_or(p.header.clone(), |o| o.span.clone());
        let (options, cd3) = options(&raw.options, status, file, (options_at, status_at), diags);
        edges.push(supersedes);
        let serves = index.lookup_all(Target::Goal, &raw.serves, "serves", file, diags);
        let decided_by = index.lookup_all(stakeholders, &raw.decided_by, "decided_by", file, diags);
        let consulted = index.lookup_all(stakeholders, &raw.consulted, "consulted", file, diags);
        let informed = index.lookup_all(stakeholders, &raw.informed, "informed", file, diags);
        let affects = index.lookup_all(stakeholders, &raw.affects, "affects", file, diags);
        decisions.push(Decision {
            written: Arc::clone(raw),
            serves,
            decided_by,
            consulted,
            informed,
            affects,
            supersedes: Vec::new(),
            superseded_by: Vec::new(),
            options,
            cd3,
            items: Vec::new(),
            meta: p.meta,
        });
    }
    let ids: Vec<&str> = decisions.iter().map(|d| d.meta.id.as_str()).collect();
    let files: Vec<_> = decisions.iter().map(|d| d.meta.file).collect();
    let in_loop = check_supersedes_loops(&ids, &edges, &files, diags);
    for (i, list) in edges.into_iter().enumerate() {
        if in_loop[i] {
            continue;
        }
        for (target, _) in list {
            if !decisions[i].supersedes.contains(&target) {
                decisions[i].supersedes.push(target);
                decisions[target].superseded_by.push(i);
            }
        }
    }
    decisions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(name: &str, chosen: bool, cod: f64, weeks: f64) -> DecisionOption {
        DecisionOption {
            written: RawOption {
                name: name.into(),
                chosen,
                value: None,
                cost: None,
                cost_of_delay: None,
                cod_per_week: Some(cod),
                duration_weeks: Some(weeks),
                span: 0..0,
                chosen_at: None,
                chosen_broken: false,
            },
            cd3: Some(cod / weeks),
            rank: None,
        }
    }

    #[test]
    fn cd3_ranks_options_and_prices_the_road_not_taken() {
        let mut options = vec![
            option("slow", true, 40_000.0, 8.0),  // 5000
            option("fast", false, 30_000.0, 2.0), // 15000
            option("none", false, 1_000.0, 1.0),  // 1000
        ];
        let verdict = rank(&mut options).unwrap();
        assert_eq!(
            options.iter().map(|o| o.rank).collect::<Vec<_>>(),
            [Some(2), Some(1), Some(3)]
        );
        assert_eq!(verdict.best, 1);
        assert!(!verdict.chosen_is_best);
        assert_eq!(verdict.opportunity_cost, Some(30_000.0));
    }

    #[test]
    fn loops_in_supersedes_are_found_once() {
        let ids = ["a", "b", "c"];
        let edges = vec![vec![(1, 0..1)], vec![(0, 2..3)], vec![(0, 4..5)]];
        let mut diags = Diagnostics::default();
        let in_loop = check_supersedes_loops(&ids, &edges, &[0, 0, 0], &mut diags);
        assert_eq!(diags.count(crate::diagnostics::Severity::Error), 1);
        assert_eq!(in_loop, [true, true, false]);
    }
}
