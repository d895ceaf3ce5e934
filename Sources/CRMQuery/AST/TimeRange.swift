/// A named span of time, evaluated by the engine against the session clock and time zone.
public enum TimeRange: Sendable, Hashable, CustomStringConvertible {
    /// Which way a range points from now.
    public enum Direction: String, Sendable, Hashable, CaseIterable {
        /// The period containing now: `this`.
        case this
        /// The period before: `last`.
        case last
        /// The period after: `next`.
        case next
    }

    /// A calendar period for `this|last|next UNIT`.
    public enum CalendarUnit: String, Sendable, Hashable, CaseIterable {
        /// A calendar week.
        case week
        /// A calendar month.
        case month
        /// A calendar quarter.
        case quarter
        /// A calendar year.
        case year
    }

    /// A unit for the rolling `last|next N UNIT` form.
    public enum RollingUnit: String, Sendable, Hashable, CaseIterable {
        /// Days.
        case days
        /// Weeks.
        case weeks
        /// Months.
        case months
    }

    /// `today`.
    case today
    /// `yesterday`.
    case yesterday
    /// `tomorrow`.
    case tomorrow
    /// `this week`, `last month`, `next quarter`, ...
    case calendar(Direction, CalendarUnit)
    /// `last 90 days`, `next 2 weeks`, ...; the direction is never `.this`.
    case rolling(Direction, count: Int, RollingUnit)

    /// The range as words, such as `last 90 days`.
    public var description: String {
        switch self {
        case .today: return "today"
        case .yesterday: return "yesterday"
        case .tomorrow: return "tomorrow"
        case .calendar(let direction, let unit): return "\(direction.rawValue) \(unit.rawValue)"
        case .rolling(let direction, let count, let unit):
            return "\(direction.rawValue) \(count) \(unit.rawValue)"
        }
    }
}
