import CRMQuery
import CRMStore
import Foundation

/// The session's notion of time: the clock reading used for `now` and the time zone.
///
/// Every time expression of the query language is evaluated against one `TimeContext`, so a
/// statement sees one `now` throughout, and tests and scripts can pin the clock (`--now`) and
/// the zone (`--tz`).
///
/// Semantics, in the session zone:
/// - `min` and `h` offsets are exact durations; `d`, `w`, `mo` and `y` are calendar arithmetic
///   that keeps the wall-clock time across DST changes (`+1d` from 10:00 is 10:00 the next day,
///   23 or 25 hours later on the day clocks change); a month or year that lacks the day clamps
///   to its last day (Jan 31 + 1mo is Feb 28 or 29).
/// - `bd` and `bh` count working days and working hours on the session's working calendar
///   (``calendar``: Monday to Friday, 09:00-18:00 in the session zone unless one is set), with
///   its holidays and make-up working days; see ``apply(_:to:)``.
/// - A wall-clock time that does not exist (skipped by a spring-forward change) moves forward by
///   the length of the gap (02:30 on 2026-03-08 in New York is 03:30 EDT); an ambiguous one
///   (repeated by a fall-back change) is the earlier of its two instants.
/// - Results are clamped to ``WallClock/earliest`` ... ``WallClock/latest`` (the years -99999
///   to 99999 in UTC) rather than overflowing, so `+999999999y` is the latest instant. The clock
///   reading itself is clamped the same way before arithmetic. Working-time offsets beyond the
///   calendar's limits are errors instead (``WorkingCalendar/maximumWorkingDays``).
///
/// ```swift
/// let time = TimeContext(
///     now: Timestamp(year: 2026, month: 11, day: 27, hour: 2),
///     timeZone: TimeContext.timeZone(named: "Asia/Shanghai") ?? .gmt)
/// time.format(try time.apply(RelativeOffset(isNegative: false, amount: 1, unit: .businessDays), to: time.now))
/// // "2026-11-30T10:00:00+08:00" (Friday 10:00 in Shanghai + 1bd = Monday 10:00)
/// ```
public struct TimeContext: Sendable {
    /// The clock reading that `now` means.
    public var now: Timestamp
    /// The zone in which dates, date-times without an offset, days, weeks, months, quarters and
    /// years are read, and in which times are formatted.
    public var timeZone: TimeZone

    /// The working calendar chosen for the session, if any; ``calendar`` falls back to the
    /// standard one in ``timeZone`` without it.
    public var workingCalendar: WorkingCalendar?

    /// A context reading the clock as `now` in `timeZone`, counting working time on
    /// `calendar` (default: Monday to Friday, 09:00-18:00 in `timeZone`).
    public init(now: Timestamp, timeZone: TimeZone, calendar: WorkingCalendar? = nil) {
        self.now = now
        self.timeZone = timeZone
        self.workingCalendar = calendar
    }

    /// The calendar `+Nbd` and `+Nbh` count on: the session's, else Monday to Friday,
    /// 09:00-18:00 in the session zone, with no holidays.
    public var calendar: WorkingCalendar { workingCalendar ?? .standard(in: timeZone) }

    /// The earliest instant a computation gives: -99999-01-01T00:00:00Z.
    static let earliest = WallClock.earliest
    /// The latest instant a computation gives: 99999-12-31T23:59:59.999999Z.
    static let latest = WallClock.latest

    // MARK: - Instants

    /// An instant: `now`, a date (its start, or with `endOfDay` its last second, 23:59:59), a
    /// date-time (in the session zone unless it has `Z` or an offset), an offset from now.
    ///
    /// `endOfDay` is for a bare date given to a deadline such as `due`: "by 2026-12-01" means
    /// until 23:59:59 local time that day. It has no effect on other literals, since a date-time
    /// names its own time of day. A local time that does not exist moves forward by the DST gap;
    /// an ambiguous one is the earlier instant.
    ///
    /// - Throws: ``TimeError`` for a range literal such as `last 30 days` or `today`, which is not
    ///   one instant, for a working-time offset too far for the calendar, and for date text that
    ///   is malformed (the lexer refuses such text, so this happens only for a hand-built AST).
    public func instant(_ literal: TimeLiteral, endOfDay: Bool = false) throws(TimeError) -> Timestamp {
        switch literal {
        case .now:
            return now
        case .offset(let offset):
            return try apply(offset, to: now)
        case .date(let text):
            guard let parsed = DateTimeText(text), !parsed.hasTime else {
                throw TimeError(message: "malformed date '\(text)'; write YYYY-MM-DD")
            }
            if endOfDay {
                return resolve(LocalDateTime(day: parsed.local.day, microsecondOfDay: 86_399_000_000))
            }
            return resolve(parsed.local)
        case .dateTime(let text):
            guard let parsed = DateTimeText(text), parsed.hasTime else {
                throw TimeError(
                    message: "malformed date-time '\(text)'; write YYYY-MM-DDTHH:MM[:SS], "
                        + "optionally followed by Z or +HH:MM")
            }
            return instant(of: parsed)
        case .range(let range):
            throw TimeError(
                message: "'\(range)' is a range of time, not one instant; use it with 'in' "
                    + "(or '=', '<', '>', '<=', '>='), or give an instant such as 'now', a date or '+2d'")
        }
    }

    /// The instant a parsed date or date-time names: the written offset when there is one, else
    /// the wall-clock time in the session zone. A bare date is its first instant.
    func instant(of text: DateTimeText) -> Timestamp {
        guard let offset = text.offsetSeconds else { return resolve(text.local) }
        let wall = Int64(text.local.day) * LocalDateTime.microsecondsPerDay + text.local.microsecondOfDay
        return Self.clamp(Timestamp(microseconds: wall - Int64(offset) * 1_000_000))
    }

    // MARK: - Ranges

    /// The half-open span [start, end) of a range literal or of a bare date (one whole day in the
    /// zone); nil for `now`, date-times and offsets (and for malformed date text).
    ///
    /// - `today`, `yesterday`, `tomorrow`: that whole local day, 23 or 25 hours long on the days
    ///   clocks change.
    /// - `this|last|next week`: the ISO week (Monday 00:00 to the next Monday 00:00) containing
    ///   now, before it, after it; likewise `month`, `quarter` (Jan-Mar, Apr-Jun, Jul-Sep,
    ///   Oct-Dec) and `year`.
    /// - `last N days|weeks|months`: [now - N units, now + 1 µs), rolling and including now;
    ///   `next N days|weeks|months`: [now, now + N units). The units are calendar units, as in
    ///   ``apply(_:to:)``. `last 0 days` holds only now; `next 0 days` is empty.
    ///
    /// A day that starts inside a DST gap starts at the first instant after it.
    ///
    ///     time.range(.range(.calendar(.this, .quarter)))
    ///     // 2026-10-01T00:00 ..< 2027-01-01T00:00 local, when now is in November 2026
    public func range(_ literal: TimeLiteral) -> Range<Timestamp>? {
        switch literal {
        case .now, .dateTime, .offset:
            return nil
        case .date(let text):
            guard let parsed = DateTimeText(text), !parsed.hasTime else { return nil }
            return days(parsed.local.day, count: 1)
        case .range(let range):
            return span(of: range)
        }
    }

    /// The span of a named range, against the clamped clock.
    private func span(of range: TimeRange) -> Range<Timestamp> {
        let clock = Self.clamp(now)
        let today = local(clock).day
        switch range {
        case .today:
            return days(today, count: 1)
        case .yesterday:
            return days(today - 1, count: 1)
        case .tomorrow:
            return days(today + 1, count: 1)
        case .calendar(let direction, let unit):
            let step = direction == .this ? 0 : direction == .last ? -1 : 1
            switch unit {
            case .week:
                let monday = today - local(clock).weekday
                return days(monday + step * 7, count: 7)
            case .month:
                return months(startingWith: local(clock), rounding: 1, step: step)
            case .quarter:
                return months(startingWith: local(clock), rounding: 3, step: step)
            case .year:
                return months(startingWith: local(clock), rounding: 12, step: step)
            }
        case .rolling(let direction, let count, let unit):
            let offsetUnit: OffsetUnit
            switch unit {
            case .days: offsetUnit = .days
            case .weeks: offsetUnit = .weeks
            case .months: offsetUnit = .months
            }
            if direction == .next {
                let end = applyCalendar(
                    RelativeOffset(isNegative: false, amount: count, unit: offsetUnit), to: clock)
                return Self.span(clock, end)
            }
            let start = applyCalendar(
                RelativeOffset(isNegative: true, amount: count, unit: offsetUnit), to: clock)
            return Self.span(start, clock.adding(microseconds: 1))
        }
    }

    /// The local days `first ..< first + count`, from the start of the first to the start of the
    /// one after the last.
    private func days(_ first: Int, count: Int) -> Range<Timestamp> {
        Self.span(resolve(LocalDateTime(day: first)), resolve(LocalDateTime(day: first + count)))
    }

    /// The period of `length` months, aligned to a multiple of `length` from January, that holds
    /// `reading`, moved by `step` periods.
    private func months(startingWith reading: LocalDateTime, rounding length: Int, step: Int) -> Range<
        Timestamp
    > {
        let (year, month, _) = reading.date
        let firstMonth = (month - 1) / length * length + 1
        let start = LocalDateTime(day: Timestamp.daysFromCivil(year: year, month: firstMonth, day: 1))
            .addingMonths(step * length)
        return Self.span(resolve(start), resolve(start.addingMonths(length)))
    }

    /// `start ..< end`, or an empty range at `start` if clamping left `end` before it.
    private static func span(_ start: Timestamp, _ end: Timestamp) -> Range<Timestamp> {
        start..<max(start, end)
    }

    // MARK: - Offsets

    /// The most days, months or working days a calendar offset moves: more than the span
    /// between ``earliest`` and ``latest``, so a larger amount clamps to the same result.
    private static let calendarLimit = 100_000_000

    /// `base` moved by an offset.
    ///
    /// - `min`, `h`: exact durations (`+24h` across a DST change is 24 hours, not one day).
    /// - `d`, `w`: whole local days (a week is seven), keeping the wall-clock time.
    /// - `mo`, `y`: calendar months (a year is twelve), keeping the day of the month where it
    ///   exists, else the month's last day, and the wall-clock time.
    /// - `bd`: working days on ``calendar``. From inside working hours, the same wall-clock
    ///   time on the Nth working day after (before) base's day: Friday 10:00 + 1bd is Monday
    ///   10:00. From outside working hours, counting starts at the next opening (the previous
    ///   closing for `-N`): Saturday + 1bd is Tuesday 09:00. `+0bd` is base itself.
    /// - `bh`: working hours on ``calendar``: the earliest instant at which N hours of working
    ///   time have passed (Monday 17:00 + 2bh is Tuesday 10:00), or for `-N` the latest
    ///   instant N working hours before.
    ///
    /// The result is clamped to ``WallClock/earliest`` ... ``WallClock/latest``; `base` is
    /// clamped first.
    ///
    /// - Throws: ``TimeError`` when a working-time offset is beyond the calendar's limits
    ///   (``WorkingCalendar/maximumWorkingDays``, ``WorkingCalendar/maximumWorkingHours``).
    public func apply(_ offset: RelativeOffset, to base: Timestamp) throws(TimeError) -> Timestamp {
        try apply(offset, to: base, on: calendar)
    }

    /// `base` moved by an offset, counting working time on `calendar` (see ``apply(_:to:)``).
    public func apply(_ offset: RelativeOffset, to base: Timestamp, on calendar: WorkingCalendar)
        throws(TimeError) -> Timestamp
    {
        let base = Self.clamp(base)
        let signed = offset.isNegative ? -offset.amount : offset.amount
        do throws(CalendarError) {
            switch offset.unit {
            case .businessDays:
                guard offset.amount <= WorkingCalendar.maximumWorkingDays else { break }
                return try calendar.adding(workingDays: signed, to: base)
            case .businessHours:
                guard offset.amount <= WorkingCalendar.maximumWorkingHours else { break }
                return try calendar.adding(workingHours: signed, to: base)
            default:
                return applyCalendar(offset, to: base)
            }
        } catch {
            throw TimeError(message: error.message)
        }
        let limit =
            offset.unit == .businessDays
            ? "\(WorkingCalendar.maximumWorkingDays)bd" : "\(WorkingCalendar.maximumWorkingHours)bh"
        throw TimeError(message: "offset '\(offset)' is too far to count in working time (at most \(limit))")
    }

    /// `base` moved by an offset of fixed or calendar units (not working time), clamped.
    private func applyCalendar(_ offset: RelativeOffset, to base: Timestamp) -> Timestamp {
        let base = Self.clamp(base)
        let magnitude = offset.amount.magnitude
        // Calendar amounts beyond the limit clamp to the same result, and keep the day and month
        // arithmetic far from overflowing.
        let count = Int(min(magnitude, UInt(Self.calendarLimit))) * (offset.isNegative ? -1 : 1)
        switch offset.unit {
        case .minutes:
            return Self.move(base, by: magnitude, times: 60_000_000, backward: offset.isNegative)
        case .hours:
            return Self.move(base, by: magnitude, times: 3_600_000_000, backward: offset.isNegative)
        case .days:
            return resolve(local(base).addingDays(count))
        case .businessDays, .businessHours:
            // Working time is the calendar's (`apply(_:to:on:)`); nothing calls this with it.
            return base
        case .weeks:
            return resolve(local(base).addingDays(count * 7))
        case .months:
            return resolve(local(base).addingMonths(count))
        case .years:
            return resolve(local(base).addingMonths(count * 12))
        }
    }

    /// `base` moved by `count * unit` microseconds, saturating instead of overflowing.
    private static func move(_ base: Timestamp, by count: UInt, times unit: Int64, backward: Bool)
        -> Timestamp
    {
        let limit = UInt(Int64.max / unit)
        let delta = Int64(min(count, limit)) * unit
        let (moved, overflow) =
            backward
            ? base.microseconds.subtractingReportingOverflow(delta)
            : base.microseconds.addingReportingOverflow(delta)
        guard !overflow else { return backward ? earliest : latest }
        return clamp(Timestamp(microseconds: moved))
    }

    // MARK: - Zone conversion

    /// `time` limited to ``WallClock/earliest`` ... ``WallClock/latest``.
    static func clamp(_ time: Timestamp) -> Timestamp { WallClock.clamp(time) }

    /// The session zone's wall clock.
    public var clock: WallClock { WallClock(timeZone) }

    /// The zone's offset from UTC in seconds at `time` (east positive).
    func offsetSeconds(at time: Timestamp) -> Int { clock.offsetSeconds(at: time) }

    /// The wall-clock reading of `time` in the session zone.
    func local(_ time: Timestamp) -> LocalDateTime { clock.local(time) }

    /// The instant a wall-clock reading in the session zone stands for, clamped (see
    /// ``WallClock/resolve(_:)``).
    func resolve(_ reading: LocalDateTime) -> Timestamp { clock.resolve(reading) }
}
