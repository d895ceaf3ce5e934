import CRMStore

extension TimeContext {
    /// ISO 8601 with the session's offset: "2026-12-01T17:00:00+08:00"; "Z" when the offset is zero;
    /// a fraction (".123456", trailing zeros trimmed to milliseconds or microseconds) only when non-zero.
    ///
    /// The offset is the one in force at `time`, so one zone gives `-05:00` in winter and `-04:00`
    /// in summer. Historical offsets with seconds (local mean time before 1900, such as
    /// `-04:56:02`) print their seconds. Years print with at least four digits, and a `-` before
    /// year 0. Every `Timestamp` formats, none traps.
    ///
    ///     time.format(Timestamp(year: 2026, month: 12, day: 1, hour: 9))  // "2026-12-01T17:00:00+08:00"
    public func format(_ time: Timestamp) -> String {
        let offset = offsetSeconds(at: time)
        let reading = LocalDateTime(time, offsetSeconds: offset)
        let (year, month, day) = reading.date
        let seconds = reading.microsecondOfDay / 1_000_000
        let micro = Int(reading.microsecondOfDay % 1_000_000)
        var text = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        text += "T" + Self.pad(Int(seconds / 3600), 2) + ":" + Self.pad(Int(seconds / 60 % 60), 2)
        text += ":" + Self.pad(Int(seconds % 60), 2)
        if micro != 0 {
            text += micro % 1000 == 0 ? "." + Self.pad(micro / 1000, 3) : "." + Self.pad(micro, 6)
        }
        guard offset != 0 else { return text + "Z" }
        let magnitude = abs(offset)
        text +=
            (offset < 0 ? "-" : "+") + Self.pad(magnitude / 3600, 2) + ":" + Self.pad(magnitude / 60 % 60, 2)
        if magnitude % 60 != 0 { text += ":" + Self.pad(magnitude % 60, 2) }
        return text
    }

    /// A timestamp as a table shows it, for people: the date and time of day in the session's
    /// zone without the offset (`.tz` names the zone), cut (not rounded) to `precision`:
    /// `2026-12-01 17:00`, `2026-12-01 17:00:05`, `2026-12-01 17:00:05.250`. JSON, JSONL and
    /// CSV keep ``format(_:)``.
    ///
    ///     time.formatForTable(Timestamp(year: 2026, month: 12, day: 1, hour: 9), precision: .minute)
    ///     // "2026-12-01 17:00" in Asia/Shanghai
    public func formatForTable(_ time: Timestamp, precision: TimestampPrecision) -> String {
        let reading = LocalDateTime(time, offsetSeconds: offsetSeconds(at: time))
        let (year, month, day) = reading.date
        let seconds = reading.microsecondOfDay / 1_000_000
        let micro = Int(reading.microsecondOfDay % 1_000_000)
        var text = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        text += " " + Self.pad(Int(seconds / 3600), 2) + ":" + Self.pad(Int(seconds / 60 % 60), 2)
        if precision >= .second { text += ":" + Self.pad(Int(seconds % 60), 2) }
        if precision >= .fraction {
            text += micro % 1000 == 0 ? "." + Self.pad(micro / 1000, 3) : "." + Self.pad(micro, 6)
        }
        return text
    }

    /// `value` in decimal with at least `width` digits, a `-` before negative numbers.
    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + zeros + digits
    }
}
