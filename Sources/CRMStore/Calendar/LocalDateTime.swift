/// A wall-clock reading with no time zone: a proleptic Gregorian day and the time into that day.
///
/// Calendar arithmetic (`+1d`, `+1mo`, working days, the start of a week or quarter) happens on
/// these readings; a ``WallClock`` converts them to and from instants in a zone, so the
/// arithmetic itself never sees a DST change and keeps the time of day.
///
///     LocalDateTime(year: 2026, month: 1, day: 31).addingMonths(1)  // 2026-02-28T00:00
public struct LocalDateTime: Hashable, Sendable {
    /// Microseconds in one wall-clock day.
    public static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Days since 1970-01-01 on the local calendar; negative before.
    public var day: Int
    /// Microseconds since local midnight, in `0..<microsecondsPerDay`.
    public var microsecondOfDay: Int64

    /// The reading `microsecondOfDay` into `day`.
    public init(day: Int, microsecondOfDay: Int64 = 0) {
        self.day = day
        self.microsecondOfDay = microsecondOfDay
    }

    /// The reading of a calendar date and time of day; the parts must be in range.
    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0
    ) {
        self.day = Timestamp.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
        self.microsecondOfDay = seconds * 1_000_000 + Int64(microsecond)
    }

    /// The wall-clock reading of `time` at `offsetSeconds` east of UTC. Safe for every
    /// `Timestamp`, including `Int64.min` and `Int64.max`.
    public init(_ time: Timestamp, offsetSeconds: Int) {
        var seconds = time.microseconds / 1_000_000
        var micro = time.microseconds % 1_000_000
        if micro < 0 {
            seconds -= 1
            micro += 1_000_000
        }
        let local = seconds + Int64(offsetSeconds)
        var days = local / 86_400
        var secondOfDay = local % 86_400
        if secondOfDay < 0 {
            days -= 1
            secondOfDay += 86_400
        }
        self.day = Int(days)
        self.microsecondOfDay = secondOfDay * 1_000_000 + micro
    }

    /// The calendar date.
    public var date: (year: Int, month: Int, day: Int) { Timestamp.civil(fromDays: day) }

    /// The day of the week, 0 for Monday through 6 for Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { Self.weekday(ofDay: day) }

    /// The day of the week of a day number, 0 for Monday through 6 for Sunday.
    public static func weekday(ofDay day: Int) -> Int { ((day % 7) + 7 + 3) % 7 }

    /// Midnight at the start of this reading's day.
    public var startOfDay: LocalDateTime { LocalDateTime(day: day) }

    /// The same time of day `count` days later (earlier when negative).
    public func addingDays(_ count: Int) -> LocalDateTime {
        LocalDateTime(day: day + count, microsecondOfDay: microsecondOfDay)
    }

    /// The same day of the month and time of day `count` months later (earlier when negative),
    /// the day clamped to the target month's length: Jan 31 + 1 month is Feb 28 (29 in a leap year).
    public func addingMonths(_ count: Int) -> LocalDateTime {
        let (year, month, dayOfMonth) = date
        let index = year * 12 + (month - 1) + count
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        let newDay = min(dayOfMonth, Self.daysIn(month: newMonth, year: newYear))
        let target = Timestamp.daysFromCivil(year: newYear, month: newMonth, day: newDay)
        return LocalDateTime(day: target, microsecondOfDay: microsecondOfDay)
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
