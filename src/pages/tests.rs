use std::collections::HashSet;

use super::*;

fn portal(fixture: &str, public: bool, base_url: Option<&str>) -> Portal {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
    let session = crate::load::session::Session::open(&root).unwrap();
    let options = crate::pipeline::Options {
        root,
        include_drafts: false,
        public,
        today: jiff::civil::date(2026, 11, 22),
        base_url: base_url.map(String::from),
    };
    let mut diagnostics = crate::diagnostics::Diagnostics::default();
    crate::pipeline::resolve_portal(&session, &options, &mut diagnostics).unwrap()
}

/// Each build kind: team and public, with and without a base URL.
fn builds() -> Vec<Portal> {
    let url = Some("https://acme.example/portal/");
    vec![
        portal("content-example", false, None),
        portal("content-example", true, url),
        portal("tests/fixtures/other", false, url),
    ]
}

#[test]
fn every_page_lands_on_a_path_of_its_own() {
    for p in builds() {
        let paths: Vec<String> = all(&p).into_iter().map(|page| path(&p, page)).collect();
        let unique: HashSet<&String> = paths.iter().collect();
        assert_eq!(unique.len(), paths.len(), "{paths:?}");
        for page in all(&p) {
            let ext = if page.is_html() { ".html" } else { ".xml" };
            assert!(path(&p, page).ends_with(ext), "{page:?}");
        }
    }
}

/// The navigation, tabs, quick links, trails and `site.pages` never point
/// at a page the build does not write (the engagement page of a public
/// build, the feed without a base URL, the log where it is not kept).
#[test]
fn every_navigation_link_leads_to_a_page_of_the_build() {
    for p in builds() {
        let written: HashSet<String> = all(&p).into_iter().map(|page| path(&p, page)).collect();
        let mut hrefs: Vec<&str> = nav::main(&p).iter().map(|e| e.href).collect();
        hrefs.extend(nav::quick_links(&p).iter().map(|l| l.href));
        hrefs.extend(nav::fixed_pages(&p).values());
        for page in all(&p) {
            hrefs.extend(nav::tabs(&p, page).iter().map(|l| l.href));
            hrefs.extend(nav::trail(page).iter().map(|l| l.href));
        }
        for href in hrefs {
            assert!(written.contains(href), "{href} is not written");
        }
    }
}

#[test]
fn a_public_build_shows_no_stakeholder_tabs_and_no_engagement_link() {
    let url = Some("https://acme.example/");
    let (team, public) = (
        portal("content-example", false, url),
        portal("content-example", true, url),
    );
    assert_eq!(nav::tabs(&team, PageId::Stakeholders).len(), 2);
    assert!(nav::tabs(&public, PageId::Stakeholders).is_empty());
    assert!(
        nav::quick_links(&team)
            .iter()
            .any(|l| l.href == "engagement.html")
    );
    assert!(
        !nav::quick_links(&public)
            .iter()
            .any(|l| l.href == "engagement.html")
    );
    let current: Vec<&str> = nav::tabs(&team, PageId::Moscow)
        .iter()
        .filter(|t| t.current)
        .map(|t| t.title)
        .collect();
    assert_eq!(current, ["MoSCoW"]);
}

#[test]
fn a_document_page_is_where_links_to_the_document_point() {
    let p = portal("content-example", false, None);
    for page in all(&p) {
        if let PageId::Item(i) = page {
            assert_eq!(path(&p, page), Kind::Backlog.page(&p.items[i].meta.id));
            assert_eq!(title(&p, page), p.items[i].written.title);
        }
    }
    assert_eq!(path(&p, PageId::Vision), Kind::Vision.page("vision"));
}
