//! "Did you mean" for misspelt keys, keywords and ids.

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo (Jaro-Winkler similarity, as cargo and clap use).
/// Short words also match at one edit (a swap counts as one: `sma` is
/// `sam`), where similarity scores are unreliable.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            let near = strsim::osa_distance(word, c) <= 1 && word.len().min(c.len()) >= 2;
            let score = strsim::jaro_winkler(word, c);
            (if near { score.max(0.81) + 1.0 } else { score }, c)
        })
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
        assert_eq!(closest("sma", ["sam", "dana", "legal"]), Some("sam"));
        assert_eq!(
            closest("stakeholder", ["stakeholders", "backlog"]),
            Some("stakeholders")
        );
    }
}
