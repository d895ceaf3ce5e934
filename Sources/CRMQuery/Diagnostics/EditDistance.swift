/// Edit distance between words, for "did you mean" suggestions.
///
/// The distance is optimal string alignment (Levenshtein plus adjacent transposition), counted in
/// Unicode scalars and ignoring ASCII case, so `wehre` is one edit from `where`.
public enum EditDistance {
    /// The number of single-scalar insertions, deletions, substitutions or adjacent swaps that
    /// turn `source` into `target`, ignoring case.
    ///
    /// ```swift
    /// EditDistance.distance("custmer", "customer")  // 1
    /// ```
    public static func distance(_ source: String, _ target: String) -> Int {
        let a = Array(source.lowercased().unicodeScalars)
        let b = Array(target.lowercased().unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, previousPrevious[j - 2] + 1)
                }
                current[j] = best
            }
            previousPrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}
