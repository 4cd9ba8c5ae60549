//! The pages that show a view of the portal rather than one document (the
//! board, MoSCoW, traceability, engagement, the list pages), as search
//! entries: a reader who types "priorities" or "board" expects the page
//! that shows it. Each is indexed by its title and the headings the default
//! theme gives it.

use std::borrow::Cow;

use super::pages::{self, PageId};
use crate::keywords::Keyword;
use crate::model::Portal;

/// A view page to index.
pub struct View {
    pub title: Cow<'static, str>,
    pub path: String,
    /// Its headings and the words a reader may look for it by.
    pub text: &'static [&'static str],
}

/// Every view page of `p`, in page order.
pub fn views(p: &Portal) -> Vec<View> {
    pages::all(p)
        .into_iter()
        .filter_map(|page| {
            let (title, text) = view(page)?;
            Some(View {
                title,
                path: pages::job_path(p, page),
                text,
            })
        })
        .collect()
}

type Words = &'static [&'static str];

/// The title and words of a view; `None` for documents (indexed with their
/// own text) and for pages that are no place to go (404, feed, sitemap).
/// Every page kind is named here, so a new one has to be decided on.
fn view(page: PageId) -> Option<(Cow<'static, str>, Words)> {
    let (title, words): (Cow<'static, str>, Words) = match page {
        PageId::Home => (
            "Home".into(),
            &[
                "Product Vision Board",
                "Target group",
                "Needs",
                "Business goals",
                "Not pursued",
                "Constraints",
                "Portal health",
                "Latest decisions",
                "Latest updates",
            ],
        ),
        PageId::Goals => ("Goals".into(), &["Business goals of the vision, progress"]),
        PageId::Stakeholders => ("Stakeholders".into(), &["Users", "Buyers", "Influencers"]),
        PageId::Engagement => (
            "Engagement".into(),
            &[
                "Power and interest map",
                "Engagement plan",
                "Overdue conversations",
            ],
        ),
        PageId::Decisions => ("Decisions".into(), &["Decision log", "Trade-offs"]),
        PageId::DecisionsWith(status) => (
            format!("{} decisions", status.label()).into(),
            &["Decision log", "Trade-offs"],
        ),
        PageId::Backlog => ("Backlog".into(), &["Big ideas, MMFs and stories"]),
        PageId::Board => ("Board".into(), &["Backlog items by level and status"]),
        PageId::Moscow => (
            "MoSCoW priorities".into(),
            &[
                "Must have",
                "Should have",
                "Could have",
                "Won't have this time",
                "What we are not doing",
                "Non-goals of the vision",
            ],
        ),
        PageId::Traceability => (
            "Traceability".into(),
            &["Traceability matrix: goals against ideas and MMFs"],
        ),
        PageId::Updates => ("Updates".into(), &["News"]),
        PageId::Assumptions => (
            "Assumptions".into(),
            &["Assumption map", "Test first", "What we are betting on"],
        ),
        PageId::Roadmap => (
            "Roadmap".into(),
            &["Now, next, later", "What comes when", "Blocked work"],
        ),
        PageId::Conversations => (
            "Conversations".into(),
            &[
                "Engagement log",
                "Who we talked to, when, about what",
                "Follow-ups",
            ],
        ),
        PageId::Changes => (
            "What changed".into(),
            &["Changes", "History", "Recent changes"],
        ),
        PageId::Vision
        | PageId::Goal(_)
        | PageId::Stakeholder(_)
        | PageId::Decision(_)
        | PageId::Item(_)
        | PageId::Update(_)
        | PageId::Assumption(_)
        | PageId::Conversation(_)
        | PageId::NotFound
        | PageId::Feed
        | PageId::ChangesFeed
        | PageId::Sitemap => return None,
    };
    Some((title, words))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page a reader can reach is found by search: documents through
    /// their own entries, every other page here.
    #[test]
    fn every_page_but_404_feed_and_sitemap_is_in_the_search_index() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other");
        let session = crate::session::Session::open(&root).unwrap();
        let options = crate::build::Options {
            root: root.clone(),
            include_drafts: false,
            public: false,
            today: jiff::civil::date(2026, 11, 22),
            base_url: None,
        };
        let mut diags = crate::diagnostics::Diagnostics::default();
        let portal = crate::build::resolve_portal(&session, &options, &mut diags).unwrap();
        let docs = super::super::search::index(&portal)
            .into_iter()
            .find(|page| page.path == "search/docs.js")
            .unwrap();
        let docs = String::from_utf8(docs.bytes).unwrap();
        for page in pages::all(&portal) {
            let path = pages::job_path(&portal, page);
            let listed = docs.contains(&format!("\"{path}\""));
            let reachable = !matches!(
                page,
                PageId::NotFound | PageId::Feed | PageId::Sitemap | PageId::ChangesFeed
            );
            assert_eq!(listed, reachable, "{path} in search/docs.js");
        }
        for title in ["Board", "MoSCoW priorities", "Traceability", "Engagement"] {
            assert!(docs.contains(&format!("\"{title}\"")), "{title}");
        }
    }
}
