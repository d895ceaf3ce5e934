/// The hours of a working day: one or more intervals within a day, as in
/// `"09:00-12:00, 13:30-18:00"`, the same on every working day of a calendar.
///
/// Each interval includes its start and excludes its end (at 12:00 the morning is over), lies
/// within 00:00 to 24:00, ends after it starts, and shares no time with another; intervals
/// may touch (`09:00-12:00, 12:00-18:00`). They are kept in order of time.
///
///     let hours = try WorkingHours(parsing: "09:00-12:00, 13:30-18:00")
///     hours.minutesPerDay  // 450
public struct WorkingHours: Sendable, Hashable, CustomStringConvertible {
    /// One interval of a working day, in minutes since midnight: `start ..< end`.
    public struct Interval: Sendable, Hashable {
        /// The first minute inside: 540 for 09:00.
        public let start: Int
        /// The first minute after: 1080 for 18:00; at most 1440 (24:00).
        public let end: Int

        /// `start ..< end` in microseconds since midnight.
        var microseconds: (start: Int64, end: Int64) { (Int64(start) * 60_000_000, Int64(end) * 60_000_000) }
    }

    /// The intervals, in order of time.
    public let intervals: [Interval]

    /// Hours from minute ranges (`540..<720` is 09:00-12:00), checked as the text form is.
    ///
    /// - Throws: ``CalendarError`` when there are none, or one is reversed, out of range or
    ///   overlaps another.
    public init(minutes ranges: [(start: Int, end: Int)]) throws(CalendarError) {
        try self.init(checking: ranges.map { ($0.start, $0.end, nil) })
    }

    /// Parses `HH:MM-HH:MM` intervals separated by commas (spaces allowed around each part;
    /// the hour may have one digit; `24:00` is the end of the day).
    ///
    /// - Throws: ``CalendarError`` with `field` "hours" and `span` the UTF-8 offsets of the
    ///   offending part of `text`.
    public init(parsing text: String) throws(CalendarError) {
        var scanner = HoursScanner(bytes: Array(text.utf8))
        var parsed: [(Int, Int, Range<Int>?)] = []
        scanner.skipSpaces()
        if scanner.atEnd {
            throw CalendarError(
                .noHours, "working hours are empty; write them as \"09:00-12:00, 13:30-18:00\"",
                field: "hours")
        }
        while true {
            let start = scanner.position
            let from = try scanner.time()
            scanner.skipSpaces()
            guard scanner.consume(UInt8(ascii: "-")) else {
                throw scanner.malformed(
                    "expected '-' after \(Self.text(from)), as in 09:00-18:00", at: scanner.position)
            }
            scanner.skipSpaces()
            let to = try scanner.time()
            parsed.append((from, to, start..<scanner.position))
            scanner.skipSpaces()
            if scanner.atEnd { break }
            guard scanner.consume(UInt8(ascii: ",")) else {
                throw scanner.malformed(
                    "expected ',' between intervals, as in 09:00-12:00, 13:30-18:00", at: scanner.position)
            }
            scanner.skipSpaces()
        }
        try self.init(checking: parsed)
    }

    private init(checking ranges: [(start: Int, end: Int, span: Range<Int>?)]) throws(CalendarError) {
        guard !ranges.isEmpty else {
            throw CalendarError(
                .noHours, "working hours are empty; write them as \"09:00-12:00, 13:30-18:00\"",
                field: "hours")
        }
        for range in ranges {
            for minute in [range.start, range.end] where !(0...1440).contains(minute) {
                throw CalendarError(
                    .hoursOutOfRange,
                    "working hours lie within one day, from 00:00 to 24:00; \(minute) minutes is outside",
                    field: "hours", span: range.span)
            }
            guard range.end > range.start else {
                throw CalendarError(
                    .reversedHours,
                    "working hours \(Self.text(range.start))-\(Self.text(range.end)) end "
                        + (range.end == range.start ? "where" : "before") + " they start (each interval "
                        + "lies within one day, 00:00 to 24:00; split a night shift at midnight)",
                    field: "hours", span: range.span)
            }
        }
        let sorted = ranges.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.start < earlier.end {
            // Point at whichever of the two was written second.
            let span = [earlier.span, later.span].compactMap { $0 }.max { $0.lowerBound < $1.lowerBound }
            throw CalendarError(
                .overlappingHours,
                "working hours \(Self.text(earlier.start))-\(Self.text(earlier.end)) and "
                    + "\(Self.text(later.start))-\(Self.text(later.end)) overlap",
                field: "hours", span: span)
        }
        intervals = sorted.map { Interval(start: $0.start, end: $0.end) }
    }

    /// Intervals already known to be valid and in order.
    init(unchecked intervals: [Interval]) {
        self.intervals = intervals
    }

    /// The working minutes of one day.
    public var minutesPerDay: Int { intervals.reduce(0) { $0 + $1.end - $1.start } }

    /// `09:00-12:00, 13:30-18:00`.
    public var description: String {
        intervals.map { Self.text($0.start) + "-" + Self.text($0.end) }.joined(separator: ", ")
    }

    /// `HH:MM` for minutes since midnight.
    static func text(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return (hours < 10 ? "0" : "") + String(hours) + ":" + (rest < 10 ? "0" : "") + String(rest)
    }
}

/// Reads the hours text byte by byte, with UTF-8 offsets for errors.
private struct HoursScanner {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position >= bytes.count }

    mutating func skipSpaces() {
        while position < bytes.count,
            bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t")
        {
            position += 1
        }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// `H:MM` or `HH:MM`, in minutes since midnight; 24:00 is the end of the day.
    mutating func time() throws(CalendarError) -> Int {
        let start = position
        var hourDigits: [UInt8] = []
        while position < bytes.count, isDigit(bytes[position]), hourDigits.count < 3 {
            hourDigits.append(bytes[position])
            position += 1
        }
        guard (1...2).contains(hourDigits.count), consume(UInt8(ascii: ":")),
            position + 2 <= bytes.count, isDigit(bytes[position]), isDigit(bytes[position + 1])
        else {
            while position < bytes.count, !isSeparator(bytes[position]) { position += 1 }
            let found = String(decoding: bytes[start..<max(start, position)], as: UTF8.self)
            throw CalendarError(
                .malformedHours,
                found.isEmpty
                    ? "expected a time such as 09:00 in the working hours"
                    : "'\(found)' is not a time of day; write HH:MM, as in 09:00-18:00",
                field: "hours", span: start..<max(start + 1, position))
        }
        let hour = CalendarDate.number(hourDigits[...]) ?? 0
        let minute = CalendarDate.number(bytes[position..<position + 2]) ?? 0
        position += 2
        guard hour < 24 && minute < 60 || hour == 24 && minute == 0 else {
            let found = String(decoding: bytes[start..<position], as: UTF8.self)
            throw CalendarError(
                .hoursOutOfRange, "'\(found)' is not a time of day (00:00 to 24:00)", field: "hours",
                span: start..<position)
        }
        return hour * 60 + minute
    }

    func malformed(_ message: String, at offset: Int) -> CalendarError {
        CalendarError(.malformedHours, message, field: "hours", span: offset..<(offset + 1))
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ")
    }
}
