/// A day on the proleptic Gregorian calendar, with no time and no zone: the `from` and `to`
/// of a holiday, read in its calendar's zone.
///
///     CalendarDate(parsing: "2026-10-01")?.adding(days: 6).description  // "2026-10-07"
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01; negative before.
    public let day: Int

    /// The date `day` days after 1970-01-01.
    public init(day: Int) {
        self.day = day
    }

    /// The date `year-month-day`; nil when there is no such date (month 13, February 30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...LocalDateTime.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.day = Timestamp.daysFromCivil(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` (four-digit year); nil for anything else or a date not on the calendar.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
            let day = Self.number(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date `count` days later (earlier when negative).
    public func adding(days count: Int) -> CalendarDate { CalendarDate(day: day + count) }

    /// The year, month and day of the month.
    public var components: (year: Int, month: Int, day: Int) { Timestamp.civil(fromDays: day) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value.magnitude)
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count))
                + digits
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// Orders dates by time.
    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.day < b.day }

    /// The decimal value of ASCII digits, or nil when one is not a digit.
    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
