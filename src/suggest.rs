//! "Did you mean" for misspelt keys, keywords and ids.

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo (Jaro-Winkler similarity, as cargo and clap use).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(closest("serve", ["serves", "status"]), Some("serves"));
        assert_eq!(
            closest("in_progress", ["new", "in-progress"]),
            Some("in-progress")
        );
        assert_eq!(closest("zebra", ["serves", "status"]), None);
    }
}
