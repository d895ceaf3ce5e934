/// A point or span of time written in a query.
///
/// Dates and date-times keep their literal text (already checked for impossible fields); the
/// engine interprets them in the session's time zone.
public enum TimeLiteral: Sendable, Hashable, CustomStringConvertible {
    /// `now`.
    case now
    /// A calendar date, `2026-12-01`.
    case date(String)
    /// A date and time, `2026-12-01T17:00`, optionally with seconds and `Z` or `+08:00`.
    case dateTime(String)
    /// An offset from now, `+2bd`.
    case offset(RelativeOffset)
    /// A named range, `last 90 days`.
    case range(TimeRange)

    /// The literal in dump form: `now`, `2026-12-01`, `+2bd`, `(range last 90 days)`.
    public var description: String {
        switch self {
        case .now: return "now"
        case .date(let text), .dateTime(let text): return text
        case .offset(let offset): return offset.description
        case .range(let range): return "(range \(range))"
        }
    }
}
