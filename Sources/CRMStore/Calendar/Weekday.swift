/// A day of the week, as a calendar's `days` list names it: `mon` to `sun`.
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Monday.
    case monday = 0
    /// Tuesday.
    case tuesday
    /// Wednesday.
    case wednesday
    /// Thursday.
    case thursday
    /// Friday.
    case friday
    /// Saturday.
    case saturday
    /// Sunday.
    case sunday

    /// The day a word names, ignoring case: `mon` or `monday`; nil for anything else.
    public init?(name: String) {
        let lowered = name.lowercased()
        guard
            let day = Weekday.allCases.first(where: {
                $0.description == lowered || $0.fullName == lowered
            })
        else { return nil }
        self = day
    }

    /// The day of `date`.
    public init(_ date: CalendarDate) {
        self = Weekday(rawValue: LocalDateTime.weekday(ofDay: date.day)) ?? .monday
    }

    /// The short name: `mon`.
    public var description: String { String(fullName.prefix(3)) }

    /// The whole name in lower case: `monday`.
    public var fullName: String {
        switch self {
        case .monday: "monday"
        case .tuesday: "tuesday"
        case .wednesday: "wednesday"
        case .thursday: "thursday"
        case .friday: "friday"
        case .saturday: "saturday"
        case .sunday: "sunday"
        }
    }

    /// Orders Monday first, as ISO weeks do.
    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}
