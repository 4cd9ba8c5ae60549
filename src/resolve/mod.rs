//! Stage 2, **resolve**: relate the loaded documents to each other. Ids are
//! indexed, every reference is checked against the right kind, the backlog
//! tree and its goal traces are derived, decisions are ranked, stakeholders'
//! engagement and overdue contacts are computed, and `@/` links are
//! checked. The result is an immutable [`Portal`].

mod assumptions;
mod backlog;
mod conversations;
mod decisions;
mod depends;
mod index;
mod links;
pub mod local_refs;
mod outcomes;
pub mod patch;
pub mod privacy;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use jiff::civil::Date;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::keywords::{Engagement, Level, Role};
use crate::kind::{self, Kind};
use crate::load::documents::{RawItem, RawStakeholder, RawTradeoff, RawUpdate, RawVision};
use crate::load::{Document, Front, Loaded};
use crate::model::{Decision, Goal, Item, Meta, Overdue, Portal, Stakeholder, Update, Vision};
use index::{Index, Target};

/// What the build was asked for that changes the model.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Keep `draft = true` documents.
    pub include_drafts: bool,
    /// Leave out `private = true` documents and private fields.
    pub public: bool,
    /// The date "overdue" is judged against.
    pub today: Date,
}

/// A document split into what every kind shares and its own fields, which
/// stay with the loaded document: the model copies out only what it keeps.
struct Part<'a, T> {
    meta: Meta,
    header: Range<usize>,
    raw: &'a T,
}

#[derive(Default)]
struct Parts<'a> {
    vision: Option<Part<'a, RawVision>>,
    stakeholders: Vec<Part<'a, RawStakeholder>>,
    tradeoffs: Vec<Part<'a, RawTradeoff>>,
    items: Vec<Part<'a, RawItem>>,
    updates: Vec<Part<'a, RawUpdate>>,
    assumptions: Vec<Part<'a, crate::load::documents::RawAssumption>>,
    conversations: Vec<Part<'a, crate::conversations::load::RawConversation>>,
}

/// Resolves a loaded portal. Returns `None` only when there is no vision to
/// anchor anything to (already reported); otherwise a portal, complete as
/// far as the errors in `diags` allow.
pub fn resolve(loaded: Loaded, settings: &Settings, diags: &mut Diagnostics) -> Option<Portal> {
    let Loaded {
        config,
        documents,
        unreadable,
        ..
    } = loaded;
    let documents = drop_duplicates(documents, diags);
    // Links only read the documents: they are checked on one core while
    // the other relates everything else.
    let (link_problems, (portal, problems)) = rayon::join(
        || {
            let mut found = Diagnostics::default();
            links::check(&documents, settings.include_drafts, &mut found);
            found
        },
        || {
            let mut found = Diagnostics::default();
            let portal = relate(documents.clone(), config, &unreadable, settings, &mut found);
            (portal, found)
        },
    );
    diags.extend(link_problems);
    diags.extend(problems);
    portal
}

/// Everything but the links: ids, references, the backlog tree, rankings
/// and reverse links.
fn relate(
    mut documents: Vec<Arc<Document>>,
    config: crate::config::Config,
    unreadable: &[(Kind, String)],
    settings: &Settings,
    diags: &mut Diagnostics,
) -> Option<Portal> {
    let mut index = Index::default();
    let mut excluded = rustc_hash::FxHashSet::default();
    if settings.public {
        let private = privacy::private_paths(&documents);
        privacy::warn_private_links(&documents, &private, diags);
        excluded.extend(privacy::pages(&documents, &private));
        documents.retain(|d| {
            // Conversations are resolved for the contact dates they give,
            // then left out (see below).
            let public = !private.contains(&d.path)
                || d.kind == Kind::Vision
                || d.kind == Kind::Conversation;
            if !public {
                index.insert_private(d.kind, &d.id);
            }
            public
        });
    }
    if !settings.include_drafts {
        // Links to drafts are errors; the pages still never point there.
        let drafts = documents
            .iter()
            .filter(|d| d.draft && d.kind != Kind::Vision);
        excluded.extend(drafts.map(|d| d.kind.page(&d.id)));
    }
    let bodies = crate::markdown::Rules::new(excluded, config.unsafe_html);
    for (kind, id) in unreadable {
        index.insert_unreadable(*kind, id);
    }
    let parts = split(&documents, settings, &mut index, diags);
    let vision_part = parts.vision?;

    let goals = goals(&vision_part, settings.today, &mut index, diags);
    for (i, s) in parts.stakeholders.iter().enumerate() {
        index.insert(Target::Doc(Kind::Stakeholder), &s.meta.id, i);
    }
    for (i, t) in parts.tradeoffs.iter().enumerate() {
        index.insert(Target::Doc(Kind::Tradeoff), &t.meta.id, i);
    }
    for (i, t) in parts.items.iter().enumerate() {
        index.insert(Target::Doc(Kind::Backlog), &t.meta.id, i);
    }
    for (i, t) in parts.assumptions.iter().enumerate() {
        index.insert(Target::Doc(Kind::Assumption), &t.meta.id, i);
    }

    let shows = if settings.public {
        config.public
    } else {
        crate::config::Shows::ALL
    };
    let mut portal = Portal {
        config,
        today: settings.today,
        shows,
        vision: vision(vision_part),
        goals,
        stakeholders: parts
            .stakeholders
            .into_iter()
            .map(|p| stakeholder(p.meta, p.raw, settings.today, settings.public))
            .collect(),
        decisions: Vec::new(),
        items: Vec::new(),
        updates: Vec::new(),
        bodies,
        assumptions: Vec::new(),
        conversations: Vec::new(),
        log: Default::default(),
        history: Default::default(),
    };
    portal.decisions = resolve_decisions(parts.tradeoffs, &index, diags);
    portal.items = resolve_items(parts.items, &index, &portal, diags)
        .into_iter()
        .map(Arc::new)
        .collect();
    portal.updates = parts
        .updates
        .into_iter()
        .map(|p| Update {
            audience: index.lookup_all(
                Target::Doc(Kind::Stakeholder),
                &p.raw.audience,
                "audience",
                p.meta.file,
                diags,
            ),
            title: p.raw.title.clone(),
            date: p.raw.date.unwrap_or(settings.today),
            meta: p.meta,
        })
        .collect();
    portal.assumptions = assumptions::resolve(parts.assumptions, &index, diags);
    derive_reverse_links(&mut portal);
    assumptions::link(&mut portal);
    portal.conversations =
        conversations::resolve(parts.conversations, &index, settings.today, diags);
    let written = portal.stakeholders.iter().map(|s| s.last_contact).collect();
    conversations::derive(&mut portal, written);
    if settings.public {
        // Team notes: only the contact dates they gave stay.
        portal.conversations.clear();
        portal.log = Default::default();
    }
    Some(portal)
}

/// Keeps the first document of each (kind, id); reports the others with
/// both files named.
fn drop_duplicates(documents: Vec<Arc<Document>>, diags: &mut Diagnostics) -> Vec<Arc<Document>> {
    let mut first: FxHashMap<(Kind, &str), usize> = FxHashMap::default();
    let mut dropped = vec![false; documents.len()];
    for (i, doc) in documents.iter().enumerate() {
        let Some(&f) = first.get(&(doc.kind, doc.id.as_str())) else {
            first.insert((doc.kind, doc.id.as_str()), i);
            continue;
        };
        let original = &documents[f];
        dropped[i] = true;
        diags.push(
            Diagnostic::error(
                format!(
                    "duplicate {} id `{}`: content/{} has it too",
                    doc.kind.singular(),
                    doc.id,
                    original.path
                ),
                Location::new(doc.file, doc.header.clone()),
            )
            .with_label("second document with this id")
            .with_related(Location::new(original.file, original.header.clone()), "first document with this id")
            .with_help(format!(
                "ids are file names and must be unique within content/{}/, subfolders included; rename one of the files",
                doc.kind.folder()
            )),
        );
    }
    documents
        .into_iter()
        .zip(dropped)
        .filter_map(|(d, drop)| (!drop).then_some(d))
        .collect()
}

/// Sorts documents by kind, setting drafts aside unless asked for.
fn split<'a>(
    documents: &'a [Arc<Document>],
    settings: &Settings,
    index: &mut Index,
    diags: &mut Diagnostics,
) -> Parts<'a> {
    let mut parts = Parts::default();
    parts.items.reserve(documents.len());
    for doc in documents {
        if doc.draft && !settings.include_drafts {
            if doc.kind == Kind::Vision {
                diags.push(
                    Diagnostic::error(
                        "the vision cannot be a draft",
                        Location::new(
                            doc.file,
                            doc.draft_span.clone().unwrap_or(doc.header.clone()),
                        ),
                    )
                    .with_help(
                        "remove `draft = true`: every page of the portal hangs off the vision",
                    ),
                );
            } else {
                index.insert_draft(doc.kind, &doc.id, &doc.path);
                continue;
            }
        }
        let meta = meta_of(doc);
        let header = doc.header.clone();
        match &doc.front {
            Front::Vision(raw) => parts.vision = Some(Part { meta, header, raw }),
            Front::Stakeholder(raw) => parts.stakeholders.push(Part { meta, header, raw }),
            Front::Tradeoff(raw) => parts.tradeoffs.push(Part { meta, header, raw }),
            Front::Item(raw) => parts.items.push(Part { meta, header, raw }),
            Front::Update(raw) => parts.updates.push(Part { meta, header, raw }),
            Front::Assumption(raw) => parts.assumptions.push(Part { meta, header, raw }),
            Front::Conversation(raw) => parts.conversations.push(Part { meta, header, raw }),
        }
    }
    parts
}

/// What every kind shares, copied out of a document.
fn meta_of(doc: &Document) -> Meta {
    Meta {
        id: doc.id.clone(),
        path: doc.path.clone(),
        file: doc.file,
        private: doc.private,
        draft: doc.draft,
        extra: doc.extra.clone(),
        body: doc.body.clone(),
    }
}

fn goals(
    vision: &Part<RawVision>,
    today: Date,
    index: &mut Index,
    diags: &mut Diagnostics,
) -> Vec<Goal> {
    let mut goals: Vec<Goal> = Vec::new();
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    for raw in &vision.raw.goals {
        let Some(id) = &raw.id else { continue };
        let at = Location::new(vision.meta.file, id.span.clone());
        if !kind::is_valid_id(&id.value) {
            diags.push(
                Diagnostic::error(format!("invalid goal id `{}`", id.value), at).with_help(
                    format!(
                        "ids use lowercase letters, digits and `-`, e.g. `{}`",
                        kind::suggest_id(&id.value)
                    ),
                ),
            );
            continue;
        }
        if let Some(first) = seen.get(&id.value) {
            diags.push(
                Diagnostic::error(format!("duplicate goal id `{}`", id.value), at)
                    .with_related(
                        Location::new(vision.meta.file, first.clone()),
                        "first used here",
                    )
                    .with_help("give each goal its own id"),
            );
            continue;
        }
        seen.insert(id.value.clone(), id.span.clone());
        index.insert(Target::Goal, &id.value, goals.len());
        let m = outcomes::measured(raw, vision.meta.file, today, diags);
        goals.push(Goal {
            id: id.value.clone(),
            title: raw.title.clone(),
            metric: raw.metric.clone(),
            baseline: m.baseline,
            target: m.target,
            by: raw.by,
            unit: raw.unit.clone(),
            readings: m.readings,
            outcome: m.outcome,
            numeric_target: m.numeric_target,
            assumptions: Vec::new(),
            extra: raw.extra.clone(),
            items: Vec::new(),
            decisions: Vec::new(),
            progress: Default::default(),
        });
    }
    goals
}

fn vision(part: Part<RawVision>) -> Vision {
    let raw = part.raw;
    Vision {
        meta: part.meta,
        title: raw.title.clone(),
        statement: raw.statement.clone(),
        target_group: raw.target_group.clone(),
        needs: raw.needs.clone(),
        product: raw.product.clone(),
        non_goals: raw.non_goals.clone(),
        constraints: raw.constraints.clone(),
    }
}

fn stakeholder(mut meta: Meta, raw: &RawStakeholder, today: Date, public: bool) -> Stakeholder {
    // What a stakeholder fears or wants stays with the team.
    let (motivations, risks) = if public {
        meta.body = Default::default();
        (Vec::new(), Vec::new())
    } else {
        (raw.motivations.clone(), raw.risks.clone())
    };
    let power = raw.power.unwrap_or(1);
    let interest = raw.interest.unwrap_or(1);
    let (next_due, overdue) = contact_dates(raw.last_contact, raw.cadence_days, today);
    Stakeholder {
        meta,
        name: raw.name.clone(),
        position: raw.position.clone(),
        organization: raw.organization.clone(),
        role: raw.role.unwrap_or(Role::User),
        category: raw.category,
        power,
        interest,
        funding: raw.funding,
        veto: raw.veto,
        engagement: raw
            .engagement
            .unwrap_or(Engagement::from_grid(power, interest)),
        engagement_is_default: raw.engagement.is_none(),
        cadence_days: raw.cadence_days,
        last_contact: raw.last_contact,
        next_due,
        overdue,
        success: raw.success.clone(),
        motivations,
        risks,
        requested: Vec::new(),
        decided: Vec::new(),
        consulted: Vec::new(),
        informed: Vec::new(),
        affected: Vec::new(),
        updates: Vec::new(),
    }
}

/// When the next conversation is due, and whether it is overdue on `today`.
fn contact_dates(
    last_contact: Option<Date>,
    cadence_days: Option<u32>,
    today: Date,
) -> (Option<Date>, Option<Overdue>) {
    let next_due = match (last_contact, cadence_days) {
        (Some(last), Some(days)) => last
            .checked_add(jiff::Span::new().days(i64::from(days)))
            .ok(),
        _ => None,
    };
    let overdue = match (cadence_days, last_contact, next_due) {
        (Some(_), None, _) => Some(Overdue::NoContact),
        (Some(_), Some(_), Some(due)) if due < today => Some(Overdue::Since(due)),
        _ => None,
    };
    (next_due, overdue)
}

fn resolve_decisions(
    parts: Vec<Part<RawTradeoff>>,
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
                Target::Doc(Kind::Tradeoff),
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
        let (options, cd3) =
            decisions::options(&raw.options, status, file, (options_at, status_at), diags);
        edges.push(supersedes);
        decisions.push(Decision {
            title: raw.title.clone(),
            status: status.unwrap_or(crate::keywords::DecisionStatus::Proposed),
            date: raw.date.unwrap_or(jiff::civil::date(1970, 1, 1)),
            serves: index.lookup_all(Target::Goal, &raw.serves, "serves", file, diags),
            decided_by: index.lookup_all(stakeholders, &raw.decided_by, "decided_by", file, diags),
            consulted: index.lookup_all(stakeholders, &raw.consulted, "consulted", file, diags),
            informed: index.lookup_all(stakeholders, &raw.informed, "informed", file, diags),
            affects: index.lookup_all(stakeholders, &raw.affects, "affects", file, diags),
            supersedes: Vec::new(),
            superseded_by: Vec::new(),
            not_pursued: raw.not_pursued.clone(),
            options,
            cd3,
            items: Vec::new(),
            meta: p.meta,
        });
    }
    let ids: Vec<&str> = decisions.iter().map(|d| d.meta.id.as_str()).collect();
    let files: Vec<_> = decisions.iter().map(|d| d.meta.file).collect();
    let in_loop = decisions::check_supersedes_loops(&ids, &edges, &files, diags);
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

fn resolve_items(
    parts: Vec<Part<RawItem>>,
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
            let parent = raw.parent.as_ref().and_then(|r| {
                index.lookup_other(
                    Target::Doc(Kind::Backlog),
                    r,
                    "parent",
                    file,
                    &mut found,
                    &p.meta.id,
                )
            });
            let serves = index.lookup_all(Target::Goal, &raw.serves, "serves", file, &mut found);
            let serves_unresolved = raw
                .serves
                .iter()
                .any(|r| index.get(Target::Goal, &r.value).is_none());
            let node = backlog::Node {
                id: p.meta.id.clone(),
                file,
                header: p.header.clone(),
                level: raw.level.as_ref().map(|l| l.value),
                goals_unknown: (raw.parent.is_some() && parent.is_none())
                    || raw.parent_broken
                    || raw.serves_broken
                    || serves_unresolved,
                parent_ref: raw.parent.as_ref(),
                parent,
                serves: serves.clone(),
            };
            let requested_by = index.lookup_all(
                stakeholders,
                &raw.requested_by,
                "requested_by",
                file,
                &mut found,
            );
            let decisions = index.lookup_all(
                Target::Doc(Kind::Tradeoff),
                &raw.tradeoffs,
                "tradeoffs",
                file,
                &mut found,
            );
            let depends_on = index.lookup_all(
                Target::Doc(Kind::Backlog),
                &raw.depends_on,
                "depends_on",
                file,
                &mut found,
            );
            depends::horizon_of_finished(raw, file, &mut found);
            let written: depends::Written = raw
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
fn new_item(meta: Meta, raw: &RawItem, refs: Refs) -> Item {
    Item {
        title: raw.title.clone(),
        level: raw.level.as_ref().map_or(Level::Story, |l| l.value),
        parent: None,
        serves: refs.serves,
        goals: Vec::new(),
        ancestors: Vec::new(),
        children: Vec::new(),
        status: raw.status,
        priority: raw.priority,
        requested_by: refs.requested_by,
        decisions: refs.decisions,
        estimate: raw.estimate,
        value: raw.value,
        horizon: raw.horizon.as_ref().map(|h| h.value),
        confidence: raw.confidence,
        depends_on: refs.depends_on,
        needed_by: Vec::new(),
        assumptions: Vec::new(),
        meta,
    }
}

/// Goal progress, from the status and estimate of every item tracing to
/// each goal.
fn rollups(portal: &mut Portal) {
    for goal in &mut portal.goals {
        goal.progress = Default::default();
        for &i in &goal.items {
            let item = &portal.items[i];
            goal.progress.add(item.status, item.estimate);
        }
    }
}

/// Fills every "who points at me" list: goal rollups, stakeholder
/// involvement, the items a decision shaped, supersession both ways (done
/// when resolving decisions).
fn derive_reverse_links(portal: &mut Portal) {
    for (i, item) in portal.items.iter().enumerate() {
        for &g in &item.goals {
            portal.goals[g].items.push(i);
        }
        for &s in &item.requested_by {
            portal.stakeholders[s].requested.push(i);
        }
        for &d in &item.decisions {
            portal.decisions[d].items.push(i);
        }
    }
    for (i, d) in portal.decisions.iter().enumerate() {
        for &g in &d.serves {
            portal.goals[g].decisions.push(i);
        }
        for &s in &d.decided_by {
            portal.stakeholders[s].decided.push(i);
        }
        for &s in &d.consulted {
            portal.stakeholders[s].consulted.push(i);
        }
        for &s in &d.informed {
            portal.stakeholders[s].informed.push(i);
        }
        for &s in &d.affects {
            portal.stakeholders[s].affected.push(i);
        }
    }
    for (i, u) in portal.updates.iter().enumerate() {
        for &s in &u.audience {
            portal.stakeholders[s].updates.push(i);
        }
    }
    rollups(portal);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keywords::Status;
    use crate::model::Progress;

    fn person(
        power: u8,
        interest: u8,
        cadence: Option<u32>,
        last: Option<Date>,
    ) -> (Meta, RawStakeholder) {
        (
            Meta {
                id: "p".into(),
                path: "stakeholders/p.md".into(),
                file: 0,
                private: false,
                draft: false,
                extra: serde_json::Value::Null,
                body: Default::default(),
            },
            RawStakeholder {
                name: "P".into(),
                position: None,
                organization: None,
                role: Some(Role::Buyer),
                category: None,
                power: Some(power),
                interest: Some(interest),
                funding: false,
                veto: false,
                engagement: None,
                cadence_days: cadence,
                last_contact: last,
                success: None,
                motivations: vec![],
                risks: vec![],
            },
        )
    }

    fn stakeholder_of(p: (Meta, RawStakeholder), today: Date) -> Stakeholder {
        stakeholder(p.0, &p.1, today, false)
    }

    #[test]
    fn private_fields_are_left_out_of_public_builds() {
        let mut p = person(5, 5, None, None);
        p.1.motivations = vec!["Bonus tied to renewals".into()];
        p.1.risks = vec!["Escalates".into()];
        let s = stakeholder(p.0, &p.1, jiff::civil::date(2026, 11, 22), true);
        assert!(s.motivations.is_empty() && s.risks.is_empty() && s.meta.body.is_blank());
    }

    #[test]
    fn overdue_is_judged_against_the_build_date() {
        let today = jiff::civil::date(2026, 11, 22);
        let due_yesterday = stakeholder_of(
            person(5, 5, Some(14), Some(jiff::civil::date(2026, 11, 7))),
            today,
        );
        assert_eq!(
            due_yesterday.overdue,
            Some(Overdue::Since(jiff::civil::date(2026, 11, 21)))
        );
        let due_today = stakeholder_of(
            person(5, 5, Some(14), Some(jiff::civil::date(2026, 11, 8))),
            today,
        );
        assert_eq!(due_today.overdue, None, "due today is not yet overdue");
        assert_eq!(due_today.next_due, Some(today));
        let never_met = stakeholder_of(person(1, 1, Some(30), None), today);
        assert_eq!(never_met.overdue, Some(Overdue::NoContact));
        let no_cadence = stakeholder_of(
            person(1, 1, None, Some(jiff::civil::date(2020, 1, 1))),
            today,
        );
        assert_eq!(no_cadence.overdue, None);
    }

    #[test]
    fn engagement_defaults_from_the_grid_unless_written() {
        let today = jiff::civil::date(2026, 11, 22);
        let s = stakeholder_of(person(4, 2, None, None), today);
        assert_eq!(s.engagement, Engagement::Consult);
        assert!(s.engagement_is_default);
        let mut written = person(4, 2, None, None);
        written.1.engagement = Some(Engagement::Collaborate);
        let s = stakeholder_of(written, today);
        assert_eq!(s.engagement, Engagement::Collaborate);
        assert!(!s.engagement_is_default);
    }

    #[test]
    fn progress_counts_done_against_all_but_dropped() {
        let mut p = Progress::default();
        p.add(Status::Done, Some(3.0));
        p.add(Status::InProgress, Some(5.0));
        p.add(Status::Dropped, Some(8.0));
        p.add(Status::New, None);
        assert_eq!((p.done, p.total), (1, 3));
        assert_eq!((p.done_estimate, p.total_estimate), (3.0, 8.0));
        assert_eq!(p.percent(), 33);
        assert_eq!(p.percent_estimate(), 38);
    }
}
