import CRMStore

/// The parts of an ISO 8601 date or date-time as the query language and `--now` write them:
/// `2026-12-01`, `2026-12-01T17:00`, `2026-12-01T17:00:00`, then optionally `Z` or `+08:00`.
///
/// Only this extended form is accepted (no week dates, no `2026-12-01 17:00`, no lower-case
/// `t` or `z`): the lexer accepts exactly this, so the engine and the shell agree on what a
/// time is. The year has four digits (0000 to 9999); impossible dates and times are refused.
///
///     DateTimeText("2026-12-01T17:00+08:00")?.offsetSeconds  // 28_800
struct DateTimeText: Sendable {
    /// The wall-clock reading written.
    var local: LocalDateTime
    /// Whether a time of day was written (`T...`); a bare date is a whole day.
    var hasTime: Bool
    /// The written UTC offset in seconds (`Z` is 0), or nil when the text names no zone.
    var offsetSeconds: Int?

    /// Parses `text`; nil when it is not exactly a date or date-time of the accepted form.
    ///
    /// With `allowsFraction`, seconds may carry one to six fractional digits (`17:00:00.25`) and
    /// the offset may have seconds (`+08:05:43`, a historical local mean time), so that
    /// ``TimeContext/format(_:)`` output for years 0000 to 9999 can be read back.
    init?(_ text: String, allowsFraction: Bool = false) {
        var scanner = DateTextScanner(bytes: Array(text.utf8))
        guard let year = scanner.digits(4), scanner.consume("-"), let month = scanner.digits(2),
            scanner.consume("-"), let day = scanner.digits(2), (1...12).contains(month),
            (1...LocalDateTime.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        guard scanner.consume("T") else {
            guard scanner.atEnd else { return nil }
            self.local = LocalDateTime(year: year, month: month, day: day)
            self.hasTime = false
            self.offsetSeconds = nil
            return
        }
        guard let hour = scanner.digits(2), hour < 24, scanner.consume(":"), let minute = scanner.digits(2),
            minute < 60
        else { return nil }
        var second = 0
        var microsecond = 0
        if scanner.consume(":") {
            guard let value = scanner.digits(2), value < 60 else { return nil }
            second = value
            if allowsFraction, scanner.consume(".") {
                guard let fraction = scanner.fraction() else { return nil }
                microsecond = fraction
            }
        }
        var offset: Int?
        if scanner.consume("Z") {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let zoneHour = scanner.digits(2), zoneHour <= 14, scanner.consume(":"),
                let zoneMinute = scanner.digits(2), zoneMinute < 60
            else { return nil }
            var zoneSecond = 0
            if allowsFraction, scanner.consume(":") {
                guard let value = scanner.digits(2), value < 60 else { return nil }
                zoneSecond = value
            }
            offset = sign * (zoneHour * 3600 + zoneMinute * 60 + zoneSecond)
        }
        guard scanner.atEnd else { return nil }
        self.local = LocalDateTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            microsecond: microsecond)
        self.hasTime = true
        self.offsetSeconds = offset
    }
}

/// Reads ASCII digits and punctuation from the front of a byte array; never traps.
private struct DateTextScanner {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { position == bytes.count }

    /// Consumes `character` if it is next.
    mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// Consumes `+` (giving 1) or `-` (giving -1).
    mutating func sign() -> Int? {
        if consume("+") { return 1 }
        if consume("-") { return -1 }
        return nil
    }

    /// Consumes exactly `count` digits and gives their value.
    mutating func digits(_ count: Int) -> Int? {
        guard bytes.count - position >= count else { return nil }
        var value = 0
        for byte in bytes[position..<(position + count)] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    /// Consumes one to six digits of a decimal fraction and gives it in microseconds.
    mutating func fraction() -> Int? {
        var value = 0
        var count = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            guard count < 6 else { return nil }
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            count += 1
            position += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<6 { value *= 10 }
        return value
    }
}
