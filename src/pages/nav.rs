//! Navigation as data, from the page table: the main menu, the tabs of the
//! backlog and stakeholder views, the home page's quick links, the trail
//! above a document and the paths of the fixed pages.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{PageId, Section, exists};
use crate::model::Portal;

/// An entry of the main navigation.
#[derive(Serialize)]
pub struct NavEntry {
    pub title: &'static str,
    pub href: &'static str,
    pub section: Section,
}

/// A link to a fixed page, as tabs, quick links and trails show it.
#[derive(Serialize)]
pub struct Link {
    pub title: &'static str,
    pub href: &'static str,
    /// Whether it is the page it is shown on.
    pub current: bool,
}

/// The main navigation, in order; the engagement log only where kept,
/// the changes only where history was read.
const MAIN: [PageId; 10] = [
    PageId::Vision,
    PageId::Goals,
    PageId::Roadmap,
    PageId::Assumptions,
    PageId::Backlog,
    PageId::Decisions,
    PageId::Stakeholders,
    PageId::Updates,
    PageId::Conversations,
    PageId::Changes,
];

/// Sets of tabs: each page of a set shows them all, current marked.
const TABS: [&[(PageId, &str)]; 2] = [
    &[
        (PageId::Backlog, "Tree"),
        (PageId::Board, "Board"),
        (PageId::Moscow, "MoSCoW"),
        (PageId::Traceability, "Traceability"),
    ],
    &[
        (PageId::Stakeholders, "By role"),
        (PageId::Engagement, "Map and engagement plan"),
    ],
];

/// The views the home page links to.
const QUICK_LINKS: [(PageId, &str); 5] = [
    (PageId::Board, "Board"),
    (PageId::Moscow, "MoSCoW"),
    (PageId::Traceability, "Traceability"),
    (PageId::Engagement, "Engagement plan"),
    (PageId::Decisions, "Decision log"),
];

/// The main navigation of `p`'s pages.
pub fn main(p: &Portal) -> Vec<NavEntry> {
    MAIN.iter()
        .filter(|&&page| exists(p, page))
        .map(|&page| {
            let row = page.row();
            NavEntry {
                title: row.name,
                href: page.fixed_path().unwrap_or_default(),
                section: row.section,
            }
        })
        .collect()
}

/// The tabs `page` shows: none when it is in no set, or when its set has
/// a single page in this build (the stakeholders' without the engagement
/// page).
pub fn tabs(p: &Portal, page: PageId) -> Vec<Link> {
    let Some(set) = TABS.iter().find(|set| set.iter().any(|&(t, _)| t == page)) else {
        return Vec::new();
    };
    let tabs = links(p, set, page);
    if tabs.len() < 2 { Vec::new() } else { tabs }
}

/// The home page's links to the views.
pub fn quick_links(p: &Portal) -> Vec<Link> {
    links(p, &QUICK_LINKS, PageId::Home)
}

/// The list pages above a document's page, outermost first (the trail of
/// a backlog item, up through its goals, is its own: see
/// `render::context`).
pub fn trail(page: PageId) -> Vec<Link> {
    let up: &[PageId] = match page {
        PageId::Goal(_) => &[PageId::Vision, PageId::Goals],
        PageId::Decision(_) => &[PageId::Decisions],
        PageId::Stakeholder(_) => &[PageId::Stakeholders],
        PageId::Update(_) => &[PageId::Updates],
        PageId::Assumption(_) => &[PageId::Assumptions],
        PageId::Conversation(_) => &[PageId::Conversations],
        _ => &[],
    };
    up.iter()
        .map(|&up| Link {
            title: up.row().name,
            href: up.fixed_path().unwrap_or_default(),
            current: false,
        })
        .collect()
}

/// The path of every fixed page of this build, by the name of its
/// template (`roadmap`, `feed`, `404`): `site.pages` in templates.
pub fn fixed_pages(p: &Portal) -> BTreeMap<&'static str, &'static str> {
    super::all(p)
        .into_iter()
        .filter_map(|page| {
            let path = page.fixed_path()?;
            let name = page.row().template.split('.').next()?;
            Some((name, path))
        })
        .collect()
}

fn links(p: &Portal, set: &[(PageId, &'static str)], current: PageId) -> Vec<Link> {
    set.iter()
        .filter(|&&(page, _)| exists(p, page))
        .map(|&(page, title)| Link {
            title,
            href: page.fixed_path().unwrap_or_default(),
            current: page == current,
        })
        .collect()
}
