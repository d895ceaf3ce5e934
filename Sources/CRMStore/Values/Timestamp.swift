#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An instant, as whole microseconds since 1970-01-01T00:00:00Z.
///
/// A plain integer rather than Foundation's `Date`: exact, cheap to compare and encode,
/// and it sorts in keys as numbers do.
///
///     let due = Timestamp(year: 2026, month: 12, day: 1, hour: 17)
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since the Unix epoch; negative before 1970.
    public var microseconds: Int64

    /// The instant `microseconds` after the Unix epoch.
    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    /// The instant `seconds` after the Unix epoch.
    public init(seconds: Int64) {
        self.microseconds = seconds &* 1_000_000
    }

    /// The instant of a UTC calendar date and time. Out-of-range parts roll over as in
    /// `timegm` (month 13 is January of the next year).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let seconds = ((Int64(days) * 24 + Int64(hour)) * 60 + Int64(minute)) * 60 + Int64(second)
        self.init(seconds: seconds)
    }

    /// The system clock's current time.
    public static func now() -> Timestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Timestamp(microseconds: Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000)
    }

    /// Whole seconds since the Unix epoch, rounded down.
    public var seconds: Int64 {
        // Floor division without the overflow that `microseconds - 999_999` has near .min.
        let quotient = microseconds / 1_000_000
        return microseconds % 1_000_000 < 0 ? quotient - 1 : quotient
    }

    /// This instant moved by `microseconds`.
    public func adding(microseconds delta: Int64) -> Timestamp {
        Timestamp(microseconds: microseconds &+ delta)
    }

    /// Orders instants by time.
    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.microseconds < b.microseconds }

    /// ISO 8601 in UTC: `2026-12-01T17:00:00Z`, with a fraction only when there is one.
    public var description: String {
        let seconds = self.seconds
        let micro = (microseconds % 1_000_000 + 1_000_000) % 1_000_000
        let days = seconds / 86_400 - (seconds % 86_400 < 0 ? 1 : 0)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Self.civil(fromDays: Int(days))
        var text = "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
        text += "T\(Self.pad(Int(secondOfDay / 3600), 2)):\(Self.pad(Int(secondOfDay / 60 % 60), 2))"
        text += ":\(Self.pad(Int(secondOfDay % 60), 2))"
        if micro != 0 { text += "." + Self.pad(Int(micro), 6) }
        return text + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let monthIndex = month - 1
        let y = year + (monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12)
        let m = ((monthIndex % 12) + 12) % 12 + 1
        let shifted = m <= 2 ? y - 1 : y
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day number since 1970-01-01.
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
