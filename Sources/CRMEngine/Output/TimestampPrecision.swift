/// How much of a timestamp a table shows: to the minute unless seconds matter.
public enum TimestampPrecision: Int, Comparable, CaseIterable, Sendable {
    /// `2026-12-01 17:00`.
    case minute
    /// `2026-12-01 17:00:05`.
    case second
    /// `2026-12-01 17:00:05.25`: the fraction, when even seconds do not tell values apart.
    case fraction

    /// Coarser precisions first.
    public static func < (lhs: TimestampPrecision, rhs: TimestampPrecision) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
