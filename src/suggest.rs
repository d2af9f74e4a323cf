//! "Did you mean": the closest of the names a site has to one that was mistyped.

/// The candidate nearest to `word` (optimal string alignment distance, so a swapped pair of
/// letters counts once), if it is close enough to be the likely intent: at most a third of the
/// word's length, and at least one edit (so words under three letters get none, except a difference in case). Ties go to the first candidate, so callers list
/// candidates in a meaningful order.
pub(crate) fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = word.chars().count() / 3;
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        // A difference in case alone is always worth suggesting, even for short words.
        let distance = strsim::osa_distance(&lower, &candidate.to_lowercase());
        if (distance <= limit || distance == 0) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_likely_intent_only() {
        let fields = ["title", "description", "weight", "key", "slug"];
        assert_eq!(closest("weigth", fields), Some("weight"));
        assert_eq!(closest("Titel", fields), Some("title"));
        assert_eq!(closest("colour", fields), None);
        assert_eq!(closest("thema/wonen.md", ["themas/wonen.md", "themas/werk.md"]), Some("themas/wonen.md"));
        assert_eq!(closest("x", ["y"]), None, "too short to guess");
        assert_eq!(closest("EN", ["en", "nl"]), Some("en"), "case alone");
        assert_eq!(closest("title", fields), None, "the word itself is no suggestion");
    }
}
