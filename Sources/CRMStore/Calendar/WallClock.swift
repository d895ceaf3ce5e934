import Foundation

/// Converts instants to wall-clock readings in one time zone and back: the one place where
/// the query language's times and the working calendars meet Foundation's zone rules.
///
/// Both directions are total: every `Timestamp` has a reading, and every reading resolves
/// to an instant, with a rule for the readings a DST change skips or repeats:
/// - a reading that does not exist (clocks sprang forward over it) is read with the offset in
///   force before the change, which moves it forward by the length of the gap (02:30 on
///   2026-03-08 in New York is 03:30 EDT);
/// - an ambiguous reading (clocks fell back over it) is the earlier of its two instants.
///
/// Results are clamped to ``earliest`` ... ``latest`` (the years -99999 to 99999 in UTC).
///
///     let clock = WallClock(TimeZone(identifier: "Asia/Shanghai") ?? .gmt)
///     clock.resolve(LocalDateTime(year: 2026, month: 12, day: 1, hour: 9))  // 2026-12-01T01:00:00Z
public struct WallClock: Sendable, Hashable {
    /// The zone whose rules the clock follows.
    public let timeZone: TimeZone

    /// The offset of a zone that never changes it (UTC, `+08:00`), so that conversions need
    /// no zone lookup; nil for a zone with rules.
    private let fixedOffset: Int?

    /// A clock in `timeZone`.
    public init(_ timeZone: TimeZone) {
        self.timeZone = timeZone
        // Foundation names fixed-offset zones GMT, UTC or GMT+0800; reading the name is cheap,
        // asking the zone for its transitions is not, and clocks are made per statement.
        let name = timeZone.identifier
        let fixed = name == "UTC" || name == "GMT" || name.hasPrefix("GMT+") || name.hasPrefix("GMT-")
        fixedOffset = fixed ? timeZone.secondsFromGMT() : nil
    }

    /// The earliest instant a computation gives: -99999-01-01T00:00:00Z.
    public static let earliest = Timestamp(year: -99_999, month: 1, day: 1)
    /// The latest instant a computation gives: 99999-12-31T23:59:59.999999Z.
    public static let latest = Timestamp(year: 100_000, month: 1, day: 1).adding(microseconds: -1)

    /// `time` limited to ``earliest`` ... ``latest``.
    public static func clamp(_ time: Timestamp) -> Timestamp {
        min(max(time, earliest), latest)
    }

    /// The zone's offset from UTC in seconds at `time` (east positive).
    public func offsetSeconds(at time: Timestamp) -> Int {
        if let fixedOffset { return fixedOffset }
        // Zone changes happen on whole seconds, so the second containing `time` has its offset;
        // whole seconds also avoid `Double` rounding a microsecond before a change onto it.
        var seconds = time.microseconds / 1_000_000
        if time.microseconds % 1_000_000 < 0 { seconds -= 1 }
        return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
    }

    /// The wall-clock reading of `time` in the zone.
    public func local(_ time: Timestamp) -> LocalDateTime {
        LocalDateTime(time, offsetSeconds: offsetSeconds(at: time))
    }

    /// The instant a wall-clock reading in the zone stands for, clamped: the earlier instant
    /// of an ambiguous reading, and a skipped reading moved forward by the gap.
    public func resolve(_ reading: LocalDateTime) -> Timestamp {
        // Beyond about 110,000 years either way the result clamps anyway; checking first keeps
        // the arithmetic below from overflowing.
        let dayLimit = 40_000_000
        guard reading.day > -dayLimit else { return Self.earliest }
        guard reading.day < dayLimit else { return Self.latest }
        let wall = Int64(reading.day) * LocalDateTime.microsecondsPerDay + reading.microsecondOfDay
        // The offsets in force within a day either side: one, or the two around a change.
        var offsets: [Int] = []
        for probe in [-LocalDateTime.microsecondsPerDay, 0, LocalDateTime.microsecondsPerDay] {
            let offset = offsetSeconds(at: Timestamp(microseconds: wall + probe))
            if !offsets.contains(offset) { offsets.append(offset) }
        }
        if offsets.count == 1 {
            // The common case: no change near, one candidate.
            return Self.clamp(Timestamp(microseconds: wall - Int64(offsets[0]) * 1_000_000))
        }
        let candidates = offsets.map { Timestamp(microseconds: wall - Int64($0) * 1_000_000) }
        let valid = zip(offsets, candidates).filter { offsetSeconds(at: $0.1) == $0.0 }.map(\.1)
        if let first = valid.min() { return Self.clamp(first) }
        // In a gap: the earlier offset gives the later candidate.
        return Self.clamp(candidates.max() ?? Timestamp(microseconds: wall))
    }

    /// The next instant after `time` at which the zone's offset changes, or nil when it never
    /// does again (a fixed offset, or a zone that no longer observes DST).
    public func nextChange(after time: Timestamp) -> Timestamp? {
        let date = Date(timeIntervalSince1970: Double(time.seconds))
        guard let next = timeZone.nextDaylightSavingTimeTransition(after: date) else { return nil }
        let seconds = next.timeIntervalSince1970.rounded(.down)
        guard seconds.magnitude < 9e12 else { return nil }
        return Timestamp(seconds: Int64(seconds))
    }
}
