//! The page table: every page cairn writes, with its output path, the
//! section of the navigation it belongs to, its title and its template.
//!
//! Links, the navigation ([`nav`]), the sitemap, the search index, the dev
//! server and the link checks all take paths from here, so they agree. A
//! new page is one [`PageId`] variant and its row in [`PageId::row`] (the
//! compiler then asks for its data in `render::context` and its search
//! entry in `render::search_views`).

pub mod nav;

use std::borrow::Cow;

use serde::Serialize;

use crate::keywords::{DecisionStatus, Keyword};
use crate::kind::Kind;
use crate::model::Portal;

/// One page of the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageId {
    Home,
    Vision,
    Goals,
    Goal(usize),
    Stakeholders,
    Stakeholder(usize),
    Decisions,
    Decision(usize),
    Backlog,
    Item(usize),
    Updates,
    Update(usize),
    NotFound,
    Board,
    Moscow,
    Traceability,
    Engagement,
    /// (v2)
    Roadmap,
    /// (v2)
    Assumptions,
    /// (v2)
    Assumption(usize),
    DecisionsWith(DecisionStatus),
    Feed,
    Sitemap,
    /// The engagement log (team builds that keep one).
    Conversations,
    Conversation(usize),
    /// What changed (`changes.html`), when history was read.
    Changes,
    /// Its Atom feed (`changes.xml`), with `base_url`.
    ChangesFeed,
}

/// The part of the portal a page belongs to: the main navigation marks
/// its entry as current. Templates see the lowercase name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// Pages outside the navigation (404, feed, sitemap).
    #[serde(rename = "")]
    None,
    Home,
    Vision,
    Goals,
    Roadmap,
    Assumptions,
    Backlog,
    Decisions,
    Stakeholders,
    Updates,
    Conversations,
    Changes,
}

/// Where a page lands.
#[derive(Clone, Copy)]
enum At {
    /// This root-relative path.
    Fixed(&'static str),
    /// The page of one document of this kind ([`Kind::page`]).
    Document(Kind),
    /// The page of one goal ([`goal_page`]).
    Goal,
    /// The decision log filtered to one status ([`status_page`]).
    Status(DecisionStatus),
}

/// What a page is called in its `<title>`.
#[derive(Clone, Copy)]
enum Title {
    Fixed(&'static str),
    /// The vision's title.
    Vision,
    /// The title (a stakeholder's name) of the document or goal it shows.
    Own,
    /// "Accepted decisions".
    Status(DecisionStatus),
}

/// One row of the page table.
#[derive(Clone, Copy)]
pub struct Row {
    at: At,
    /// Which navigation entry is current on the page.
    pub section: Section,
    /// The theme's template that lays it out.
    pub template: &'static str,
    title: Title,
    /// What links to it call it (navigation, tabs, trails); empty for
    /// document pages, which links call by their own title.
    pub name: &'static str,
    /// Whether a reader goes there: listed in the sitemap and the search
    /// index (not the 404 page, the feed or the sitemap).
    pub listed: bool,
}

const VISION_PAGE: &str = "vision/index.html";

impl PageId {
    /// The page's row of the table.
    #[rustfmt::skip]
    pub fn row(self) -> Row {
        use At::{Document, Fixed};
        use PageId as P;
        use Section as S;
        use Title as T;
        let (at, section, template, title, name) = match self {
            P::Home => (Fixed("index.html"), S::Home, "home.html", T::Vision, "Home"),
            P::Vision => (Fixed(VISION_PAGE), S::Vision, "vision.html", T::Vision, "Vision"),
            P::Goals => (Fixed("goals/index.html"), S::Goals, "goals.html", T::Fixed("Goals"), "Goals"),
            P::Goal(_) => (At::Goal, S::Goals, "goal.html", T::Own, ""),
            P::Roadmap => (Fixed("roadmap.html"), S::Roadmap, "roadmap.html", T::Fixed("Roadmap"), "Roadmap"),
            P::Assumptions => (Fixed("assumptions/index.html"), S::Assumptions, "assumptions.html", T::Fixed("Assumptions"), "Assumptions"),
            P::Assumption(_) => (Document(Kind::Assumption), S::Assumptions, "assumption.html", T::Own, ""),
            P::Backlog => (Fixed("backlog/index.html"), S::Backlog, "backlog.html", T::Fixed("Backlog"), "Backlog"),
            P::Item(_) => (Document(Kind::Backlog), S::Backlog, "item.html", T::Own, ""),
            P::Board => (Fixed("board.html"), S::Backlog, "board.html", T::Fixed("Board"), "Board"),
            P::Moscow => (Fixed("moscow.html"), S::Backlog, "moscow.html", T::Fixed("MoSCoW priorities"), "MoSCoW"),
            P::Traceability => (Fixed("traceability.html"), S::Backlog, "traceability.html", T::Fixed("Traceability"), "Traceability"),
            P::Decisions => (Fixed("tradeoffs/index.html"), S::Decisions, "decisions.html", T::Fixed("Decisions"), "Decisions"),
            P::DecisionsWith(s) => (At::Status(s), S::Decisions, "decisions.html", T::Status(s), ""),
            P::Decision(_) => (Document(Kind::Decision), S::Decisions, "decision.html", T::Own, ""),
            P::Stakeholders => (Fixed("stakeholders/index.html"), S::Stakeholders, "stakeholders.html", T::Fixed("Stakeholders"), "Stakeholders"),
            P::Stakeholder(_) => (Document(Kind::Stakeholder), S::Stakeholders, "stakeholder.html", T::Own, ""),
            P::Engagement => (Fixed("engagement.html"), S::Stakeholders, "engagement.html", T::Fixed("Engagement"), "Engagement"),
            P::Updates => (Fixed("updates/index.html"), S::Updates, "updates.html", T::Fixed("Updates"), "Updates"),
            P::Update(_) => (Document(Kind::Update), S::Updates, "update.html", T::Own, ""),
            P::Conversations => (Fixed("conversations/index.html"), S::Conversations, "conversations.html", T::Fixed("Conversations"), "Conversations"),
            P::Conversation(_) => (Document(Kind::Conversation), S::Conversations, "conversation.html", T::Own, ""),
            P::NotFound => (Fixed("404.html"), S::None, "404.html", T::Fixed("Page not found"), ""),
            P::Feed => (Fixed("feed.xml"), S::None, "feed.xml", T::Fixed("Updates"), ""),
            P::Sitemap => (Fixed("sitemap.xml"), S::None, "sitemap.xml", T::Fixed("Sitemap"), ""),
            P::Changes => (Fixed("changes.html"), S::Changes, "changes.html", T::Fixed("What changed"), "Changes"),
            P::ChangesFeed => (Fixed("changes.xml"), S::None, "changes.xml", T::Fixed("What changed"), ""),
        };
        Row {
            at,
            section,
            template,
            title,
            name,
            listed: !matches!(self, P::NotFound | P::Feed | P::Sitemap | P::ChangesFeed),
        }
    }

    /// The path of a page that is not one document's: the same in every
    /// portal.
    pub fn fixed_path(self) -> Option<&'static str> {
        match self.row().at {
            At::Fixed(path) => Some(path),
            _ => None,
        }
    }

    /// Whether the page is an HTML page (not the feed or the sitemap).
    pub fn is_html(self) -> bool {
        self.row().template.ends_with(".html")
    }
}

/// Every page of `p`, in a stable order (the sitemap's).
pub fn all(p: &Portal) -> Vec<PageId> {
    use PageId as P;
    let mut pages = vec![
        P::Home,
        P::Vision,
        P::Goals,
        P::Stakeholders,
        P::Decisions,
        P::Backlog,
        P::Updates,
        P::NotFound,
        P::Board,
        P::Moscow,
        P::Traceability,
        P::Roadmap,
        P::Assumptions,
        P::Engagement,
    ];
    pages.extend(
        DecisionStatus::ALL
            .iter()
            .map(|&(_, s)| P::DecisionsWith(s)),
    );
    pages.extend([P::Feed, P::Sitemap, P::Changes, P::ChangesFeed]);
    pages.retain(|&page| exists(p, page));
    pages.extend((0..p.goals.len()).map(P::Goal));
    pages.extend((0..p.stakeholders.len()).map(P::Stakeholder));
    pages.extend((0..p.decisions.len()).map(P::Decision));
    pages.extend((0..p.items.len()).map(P::Item));
    pages.extend((0..p.updates.len()).map(P::Update));
    pages.extend((0..p.assumptions.len()).map(P::Assumption));
    if exists(p, P::Conversations) {
        pages.push(P::Conversations);
        pages.extend((0..p.conversations.len()).map(P::Conversation));
    }
    pages
}

/// Whether a page that is not one document's is part of `p`'s output.
pub fn exists(p: &Portal, page: PageId) -> bool {
    match page {
        // How the team manages people is a page only where it may be shown.
        PageId::Engagement => p.shows.engagement,
        // Both need absolute URLs.
        PageId::Feed | PageId::Sitemap => p.config.base_url.is_some(),
        PageId::Conversations => crate::conversations::kept(p),
        PageId::Changes => crate::history::views::has_changes_page(p),
        PageId::ChangesFeed => {
            crate::history::views::has_changes_page(p) && p.config.base_url.is_some()
        }
        _ => true,
    }
}

/// Root-relative path of `page` in `p`'s output.
pub fn path(p: &Portal, page: PageId) -> String {
    match page.row().at {
        At::Fixed(path) => path.into(),
        At::Status(status) => status_page(status),
        At::Goal => goal_page(shown(p, page).0),
        At::Document(kind) => kind.page(shown(p, page).0),
    }
}

/// The `<title>` of `page`, before the site's title.
pub fn title(p: &Portal, page: PageId) -> Cow<'_, str> {
    match page.row().title {
        Title::Fixed(title) => title.into(),
        Title::Vision => p.vision.written.title.as_str().into(),
        Title::Status(status) => format!("{} decisions", status.label()).into(),
        Title::Own => shown(p, page).1.into(),
    }
}

/// The id and title of the document or goal a page shows (empty for the
/// other pages).
fn shown(p: &Portal, page: PageId) -> (&str, &str) {
    match page {
        PageId::Goal(i) => (&p.goals[i].id, &p.goals[i].written.title),
        PageId::Stakeholder(i) => (&p.stakeholders[i].meta.id, &p.stakeholders[i].written.name),
        PageId::Decision(i) => (&p.decisions[i].meta.id, &p.decisions[i].written.title),
        PageId::Item(i) => (&p.items[i].meta.id, &p.items[i].written.title),
        PageId::Update(i) => (&p.updates[i].meta.id, &p.updates[i].written.title),
        PageId::Assumption(i) => (&p.assumptions[i].meta.id, &p.assumptions[i].written.title),
        PageId::Conversation(i) => (
            &p.conversations[i].meta.id,
            &p.conversations[i].written.title,
        ),
        _ => ("", ""),
    }
}

impl Kind {
    /// Root-relative path of a document's page.
    pub fn page(self, id: &str) -> String {
        match self {
            Kind::Vision => VISION_PAGE.into(),
            _ => format!("{}/{id}.html", self.folder()),
        }
    }
}

/// Root-relative path of a goal's page.
pub fn goal_page(id: &str) -> String {
    format!("goals/{id}.html")
}

/// Root-relative path of the decision log filtered to one status.
pub fn status_page(status: DecisionStatus) -> String {
    format!("tradeoffs/status/{}.html", status.key())
}

#[cfg(test)]
mod tests;
