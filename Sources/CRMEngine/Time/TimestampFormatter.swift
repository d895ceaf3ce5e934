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
/// The date of the last few days written is kept as text (rows often share a day), so most
/// timestamps cost a copy of ten bytes and six digits.
///
///     let formatter = TimestampFormatter(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
///     var bytes: [UInt8] = []
///     formatter.append(Timestamp(year: 2026, month: 12, day: 1, hour: 9), to: &bytes)
///     // "2026-12-01T17:00:00+08:00"
///
/// Not thread-safe: one formatter per stream.
final class TimestampFormatter {
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

    /// Dates written lately, as text, in slots by day number: `dateDays[slot]` is the day
    /// whose text is the `dateLengths[slot]` bytes at `dateText + slot * 16`. Raw memory,
    /// owned here: this is the hottest loop of an export.
    private let dateDays: UnsafeMutablePointer<Int>
    private let dateLengths: UnsafeMutablePointer<Int>
    private let dateText: UnsafeMutablePointer<UInt8>
    private static let dateSlots = 64

    /// A formatter for `timeZone`.
    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        let identifier = timeZone.identifier
        let fixed =
            identifier == "GMT" || identifier == "UTC" || identifier.hasPrefix("GMT+")
            || identifier.hasPrefix("GMT-")
        fixedOffset = fixed ? timeZone.secondsFromGMT() : nil
        dateDays = .allocate(capacity: Self.dateSlots)
        dateDays.initialize(repeating: .min, count: Self.dateSlots)
        dateLengths = .allocate(capacity: Self.dateSlots)
        dateLengths.initialize(repeating: 0, count: Self.dateSlots)
        dateText = .allocate(capacity: Self.dateSlots * 16)
        dateText.initialize(repeating: 0, count: Self.dateSlots * 16)
    }

    deinit {
        dateDays.deallocate()
        dateLengths.deallocate()
        dateText.deallocate()
    }

    /// The zone's offset in seconds east of UTC at the whole second `seconds`, as
    /// `TimeContext.offsetSeconds(at:)` finds it.
    private func lookUp(_ seconds: Int64) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
    }

    /// The offset in force at `time`.
    func offsetSeconds(at time: Timestamp) -> Int {
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
    func append(_ time: Timestamp, to out: inout [UInt8]) {
        let offset = offsetSeconds(at: time)
        let reading = LocalDateTime(time, offsetSeconds: offset)
        var text = ByteScratch()
        putDate(reading.day, into: &text)
        let seconds = Int(reading.microsecondOfDay / 1_000_000)
        let micro = Int(reading.microsecondOfDay % 1_000_000)
        text.put(UInt8(ascii: "T"))
        text.putTwoDigits(seconds / 3600)
        text.put(UInt8(ascii: ":"))
        text.putTwoDigits(seconds / 60 % 60)
        text.put(UInt8(ascii: ":"))
        text.putTwoDigits(seconds % 60)
        if micro != 0 {
            text.put(UInt8(ascii: "."))
            if micro % 1000 == 0 {
                text.putDigits(UInt64(micro / 1000), minimumWidth: 3)
            } else {
                text.putDigits(UInt64(micro), minimumWidth: 6)
            }
        }
        if offset == 0 {
            text.put(UInt8(ascii: "Z"))
        } else {
            let magnitude = abs(offset)
            text.put(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            text.putTwoDigits(magnitude / 3600)
            text.put(UInt8(ascii: ":"))
            text.putTwoDigits(magnitude / 60 % 60)
            if magnitude % 60 != 0 {
                text.put(UInt8(ascii: ":"))
                text.putTwoDigits(magnitude % 60)
            }
        }
        text.flush(to: &out)
    }

    /// Puts the date of `day` (days since 1970-01-01): `2026-12-01`.
    private func putDate(_ day: Int, into text: inout ByteScratch) {
        let slot = day & (Self.dateSlots - 1)
        // SAFETY: `slot` is below `dateSlots`; each slot has 16 bytes of `dateText`, and a date
        // longer than that is never kept.
        let kept = dateText + slot * 16
        if dateDays[slot] != day {
            let (year, month, dayOfMonth) = Timestamp.civil(fromDays: day)
            guard year >= 0 && year <= 9999 else {
                if year < 0 { text.put(UInt8(ascii: "-")) }
                text.putDigits(UInt64(year.magnitude), minimumWidth: 4)
                text.put(UInt8(ascii: "-"))
                text.putTwoDigits(month)
                text.put(UInt8(ascii: "-"))
                text.putTwoDigits(dayOfMonth)
                return
            }
            let zero = UInt8(ascii: "0")
            kept[0] = zero &+ UInt8(truncatingIfNeeded: year / 1000)
            kept[1] = zero &+ UInt8(truncatingIfNeeded: year / 100 % 10)
            kept[2] = zero &+ UInt8(truncatingIfNeeded: year / 10 % 10)
            kept[3] = zero &+ UInt8(truncatingIfNeeded: year % 10)
            kept[4] = UInt8(ascii: "-")
            kept[5] = zero &+ UInt8(truncatingIfNeeded: month / 10)
            kept[6] = zero &+ UInt8(truncatingIfNeeded: month % 10)
            kept[7] = UInt8(ascii: "-")
            kept[8] = zero &+ UInt8(truncatingIfNeeded: dayOfMonth / 10)
            kept[9] = zero &+ UInt8(truncatingIfNeeded: dayOfMonth % 10)
            dateDays[slot] = day
            dateLengths[slot] = 10
        }
        text.put(UnsafePointer(kept), count: dateLengths[slot])
    }
}
