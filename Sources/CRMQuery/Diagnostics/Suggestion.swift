/// Picks the closest correct spelling for a misspelled word.
///
/// The engine reuses this for field names, so the rule is kept in one place: a candidate is close
/// when its ``EditDistance`` is at most `max(1, length / 3)` (at most 3), or when one word is a
/// prefix of the other and the shorter has at least 3 characters (`duedate` -> `due`).
public enum Suggestion {
    /// The candidate closest to `word`, or `nil` when none is close enough.
    ///
    /// Ties go to the candidate listed first. An exact match (ignoring case) is not a suggestion,
    /// because the word was then not misspelled.
    ///
    /// ```swift
    /// Suggestion.closest(to: "wher", among: ["where", "order"])  // "where"
    /// ```
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        let length = lowered.unicodeScalars.count
        guard length > 0 else { return nil }
        let limit = min(3, max(1, length / 3))
        var best: (candidate: String, score: Int)?
        for candidate in candidates {
            let other = candidate.lowercased()
            if other == lowered { return nil }
            var score = EditDistance.distance(lowered, other)
            if score > limit {
                let shorter = min(length, other.unicodeScalars.count)
                guard shorter >= 3, lowered.hasPrefix(other) || other.hasPrefix(lowered) else { continue }
                score = limit + 1
            }
            if best.map({ score < $0.score }) ?? true {
                best = (candidate, score)
            }
        }
        return best?.candidate
    }
}
