//! The pages that show a view of the portal rather than one document (the
//! board, MoSCoW, traceability, engagement, the list pages), as search
//! entries: a reader who types "priorities" or "board" expects the page
//! that shows it. Each is indexed by its title and the headings the default
//! theme gives it.

use std::borrow::Cow;

use crate::model::Portal;
use crate::pages::{self, PageId};

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
            let text = words(page)?;
            // The home page's title is the vision's; search calls it home.
            let title = match page {
                PageId::Home => Cow::Borrowed(page.row().name),
                _ => Cow::Owned(pages::title(p, page).into_owned()),
            };
            Some(View {
                title,
                path: pages::path(p, page),
                text,
            })
        })
        .collect()
}

type Words = &'static [&'static str];

/// The words of a view (its title is the page table's); `None` for
/// documents (indexed with their own text) and for pages that are no place
/// to go (404, feed, sitemap).
/// Every page kind is named here, so a new one has to be decided on.
fn words(page: PageId) -> Option<Words> {
    let words: Words = match page {
        PageId::Home => &[
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
        PageId::Goals => &["Business goals of the vision, progress"],
        PageId::Stakeholders => &["Users", "Buyers", "Influencers"],
        PageId::Engagement => &[
            "Power and interest map",
            "Engagement plan",
            "Overdue conversations",
        ],
        PageId::Decisions | PageId::DecisionsWith(_) => &["Decision log", "Trade-offs"],
        PageId::Backlog => &["Big ideas, MMFs and stories"],
        PageId::Board => &["Backlog items by level and status"],
        PageId::Moscow => &[
            "Must have",
            "Should have",
            "Could have",
            "Won't have this time",
            "What we are not doing",
            "Non-goals of the vision",
        ],
        PageId::Traceability => &["Traceability matrix: goals against ideas and MMFs"],
        PageId::Updates => &["News"],
        PageId::Assumptions => &["Assumption map", "Test first", "What we are betting on"],
        PageId::Roadmap => &["Now, next, later", "What comes when", "Blocked work"],
        PageId::Conversations => &[
            "Engagement log",
            "Who we talked to, when, about what",
            "Follow-ups",
        ],
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
        PageId::Changes => &["Changes", "History", "Recent changes"],
    };
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page a reader can reach is found by search: documents through
    /// their own entries, every other page here.
    #[test]
    fn every_page_but_404_feed_and_sitemap_is_in_the_search_index() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/other");
        let session = crate::load::session::Session::open(&root).unwrap();
        let options = crate::pipeline::Options {
            root: root.clone(),
            include_drafts: false,
            public: false,
            today: jiff::civil::date(2026, 11, 22),
            base_url: None,
        };
        let mut diags = crate::diagnostics::Diagnostics::default();
        let portal = crate::pipeline::resolve_portal(&session, &options, &mut diags).unwrap();
        let docs = super::super::search::index(&portal)
            .into_iter()
            .find(|page| page.path == "search/docs.js")
            .unwrap();
        let docs = String::from_utf8(docs.bytes).unwrap();
        for page in pages::all(&portal) {
            let path = pages::path(&portal, page);
            let listed = docs.contains(&format!("\"{path}\""));
            let reachable = page.row().listed;
            assert_eq!(listed, reachable, "{path} in search/docs.js");
        }
        for title in ["Board", "MoSCoW priorities", "Traceability", "Engagement"] {
            assert!(docs.contains(&format!("\"{title}\"")), "{title}");
        }
    }
}
