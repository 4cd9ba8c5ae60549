//! The data of a backlog item's page.

use tera::Context;

use super::list;
use crate::format;
use crate::model::Portal;
use crate::pages::{self, PageId};
use crate::render::views::{self, Values};

pub(super) fn item(p: &Portal, values: &Values, i: usize, ctx: &mut Context) {
    let it = &p.items[i];
    ctx.insert_value("item", values.item(p, i));
    ctx.insert_value("body", p.body(&it.meta).html.as_str().into());
    ctx.insert("value", &it.written.value.map(format::number));
    ctx.insert_value("goals", list(&it.goals, |g| values.goal(p, g)));
    ctx.insert_value("ancestors", list(&it.ancestors, |a| values.item(p, a)));
    let mut children = it.children.clone();
    views::sort_items(p, &mut children);
    ctx.insert_value("children", list(&children, |c| values.item(p, c)));
    let requested = list(&it.requested_by, |s| values.stakeholder(p, s));
    ctx.insert_value("requested_by", requested);
    ctx.insert_value("decisions", list(&it.decisions, |d| values.decision(p, d)));
    ctx.insert("vision_href", &pages::path(p, PageId::Vision));
    ctx.insert("vision_title", &p.vision.written.title);
    ctx.insert("deps", &crate::render::roadmap_views::dependencies(p, i));
    let rests_on = crate::render::assumption_views::refs(p, &it.assumptions);
    ctx.insert("rests_on", &rests_on);
    ctx.insert(
        "conversations",
        &crate::conversations::views::about_item(p, i),
    );
}
