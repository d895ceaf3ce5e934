import CRMStore
import Foundation

/// Writes timestamps as `TimeContext.format` does, as bytes, for results of a million rows.
///
/// The text is the same: ISO 8601 with the zone's offset at that instant, `Z` for zero, a
/// fraction only when non-zero. What differs is the cost: the zone's offset, which Foundation
/// looks up through ICU on every call, is asked once per UTC hour and kept while it is the
/// same at both ends of that hour (zone changes are hours apart; an hour with a change in it
/// is looked up at every call); a zone with one fixed offset (UTC, `+08:00`) is never asked.
/// The digits are written straight into the output, with no `String` per field.
///
///     var formatter = TimestampFormatter(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
///     var bytes: [UInt8] = []
///     formatter.append(Timestamp(year: 2026, month: 12, day: 1, hour: 9), to: &bytes)
///     // "2026-12-01T17:00:00+08:00"
struct TimestampFormatter {
    /// The zone whose wall clock is written.
    let timeZone: TimeZone
    /// The offset of a zone that has only one, or nil.
    private let fixedOffset: Int?
    /// Offsets by UTC hour, for hours with one offset throughout.
    private var hourOffsets: [Int64: Int] = [:]
    /// The hour looked up last and its offset: rows in time order hit it nearly always.
    private var lastHour: Int64 = .min
    private var lastOffset = 0

    /// The most hours kept before the cache starts over: a few years of hours.
    private static let cacheLimit = 65_536

    /// A formatter for `timeZone`.
    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        let identifier = timeZone.identifier
        let fixed =
            identifier == "GMT" || identifier == "UTC" || identifier.hasPrefix("GMT+")
            || identifier.hasPrefix("GMT-")
        fixedOffset = fixed ? timeZone.secondsFromGMT() : nil
    }

    /// The zone's offset in seconds east of UTC at the whole second `seconds`, as
    /// `TimeContext.offsetSeconds(at:)` finds it.
    private func lookUp(_ seconds: Int64) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
    }

    /// The offset in force at `time`.
    mutating func offsetSeconds(at time: Timestamp) -> Int {
        if let fixedOffset { return fixedOffset }
        var seconds = time.microseconds / 1_000_000
        if time.microseconds % 1_000_000 < 0 { seconds -= 1 }
        var hour = seconds / 3600
        if seconds % 3600 < 0 { hour -= 1 }
        if hour == lastHour { return lastOffset }
        if let known = hourOffsets[hour] {
            lastHour = hour
            lastOffset = known
            return known
        }
        let (start, overflow) = hour.multipliedReportingOverflow(by: 3600)
        guard !overflow, start <= Int64.max - 3599 else { return lookUp(seconds) }
        let first = lookUp(start)
        guard lookUp(start + 3599) == first else { return lookUp(seconds) }
        if hourOffsets.count >= Self.cacheLimit { hourOffsets.removeAll(keepingCapacity: true) }
        hourOffsets[hour] = first
        lastHour = hour
        lastOffset = first
        return first
    }

    /// Appends `time` in the zone: `2026-12-01T17:00:00+08:00`.
    mutating func append(_ time: Timestamp, to out: inout [UInt8]) {
        let offset = offsetSeconds(at: time)
        let reading = LocalDateTime(time, offsetSeconds: offset)
        let (year, month, day) = reading.date
        let seconds = Int(reading.microsecondOfDay / 1_000_000)
        let micro = Int(reading.microsecondOfDay % 1_000_000)
        ByteText.appendPadded(year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        ByteText.appendPadded(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        ByteText.appendPadded(day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        ByteText.appendPadded(seconds / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ByteText.appendPadded(seconds / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ByteText.appendPadded(seconds % 60, width: 2, to: &out)
        if micro != 0 {
            out.append(UInt8(ascii: "."))
            if micro % 1000 == 0 {
                ByteText.appendPadded(micro / 1000, width: 3, to: &out)
            } else {
                ByteText.appendPadded(micro, width: 6, to: &out)
            }
        }
        guard offset != 0 else {
            out.append(UInt8(ascii: "Z"))
            return
        }
        let magnitude = abs(offset)
        out.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        ByteText.appendPadded(magnitude / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ByteText.appendPadded(magnitude / 60 % 60, width: 2, to: &out)
        if magnitude % 60 != 0 {
            out.append(UInt8(ascii: ":"))
            ByteText.appendPadded(magnitude % 60, width: 2, to: &out)
        }
    }
}
