/// Working-time arithmetic: `+Nbd`, `+Nbh`, `working_days(FROM, TO)` and the working time
/// between two instants.
///
/// The rules (the README and the grammar state them too):
/// - `+N` working days from inside working hours lands on the same wall-clock time N working
///   days later (Friday 10:00 + 1 is Monday 10:00). From outside working hours (before the
///   opening, between intervals, after the closing, or on a day that is not a working day) it
///   starts at the next opening (Saturday + 1 is Tuesday at the opening: Monday's opening is
///   where counting starts, and one working day after it is Tuesday's). `-N` mirrors this:
///   from outside the hours it starts at the previous closing. Zero leaves the instant as it is.
/// - Every working day has the same hours, so the kept time of day is inside the hours on the
///   day it lands on, except where a DST change skips that wall-clock time: then, as
///   everywhere in the language, it moves forward by the length of the gap.
/// - `+N` working hours is the earliest instant at which N hours of working time have passed
///   since the start (Monday 09:00 + 9 is Monday 18:00, the closing, with 09:00-18:00 hours);
///   `-N` the latest instant N working hours before. Time outside the hours does not count.
/// - Working time is real elapsed time inside the hours of working days.
///
/// Cost grows with the holidays and zone changes crossed, not with the size of the offset:
/// whole weeks are counted at once. Offsets beyond ``maximumWorkingDays`` or
/// ``maximumWorkingHours`` are refused with `.tooFar`.
extension WorkingCalendar {
    /// The most working days an offset may move: about 380 years of five-day weeks.
    public static let maximumWorkingDays = 100_000
    /// The most working hours an offset may move: about 420 years of 9-hour days.
    public static let maximumWorkingHours = 1_000_000
    /// The longest span, in days, that ``workingTime(from:to:)`` measures: about 1,000 years.
    public static let maximumSpanDays = 366_000

    private static let microsecondsPerHour: Int64 = 3_600_000_000
    private static let day = LocalDateTime.microsecondsPerDay
    /// Skipping whole days at once costs a zone lookup; below this many days stepping is cheaper.
    private static let bulkThreshold = 14

    /// `time` moved by `count` working days (back when negative).
    ///
    /// - Throws: ``CalendarError`` `.tooFar` beyond ``maximumWorkingDays``.
    public func adding(workingDays count: Int, to time: Timestamp) throws(CalendarError) -> Timestamp {
        guard count != 0 else { return time }
        guard count.magnitude <= UInt(Self.maximumWorkingDays) else {
            throw tooFar("\(count) working days", limit: "\(Self.maximumWorkingDays) working days")
        }
        let reading = clock.local(time)
        let timeOfDay = reading.microsecondOfDay
        let spans = self.spans
        let workingToday = days.isWorking(reading.day)
        let inside = workingToday && interval(containing: timeOfDay) != nil
        if count > 0 {
            let anchor: (day: Int, time: Int64)
            if inside {
                anchor = (reading.day, timeOfDay)
            } else if workingToday, let next = spans.first(where: { $0.start > timeOfDay }) {
                anchor = (reading.day, next.start)
            } else {
                anchor = (days.day(after: reading.day, skipping: 1), spans[0].start)
            }
            return instant(day: days.day(after: anchor.day, skipping: count), at: anchor.time)
        }
        let anchor: (day: Int, time: Int64)
        if inside {
            anchor = (reading.day, timeOfDay)
        } else if workingToday, let previous = spans.last(where: { $0.end <= timeOfDay }) {
            anchor = (reading.day, previous.end)
        } else {
            anchor = (days.day(before: reading.day, skipping: 1), spans[spans.count - 1].end)
        }
        return instant(day: days.day(before: anchor.day, skipping: -count), at: anchor.time)
    }

    /// `time` moved by `count` working hours (back when negative).
    ///
    /// - Throws: ``CalendarError`` `.tooFar` beyond ``maximumWorkingHours``.
    public func adding(workingHours count: Int, to time: Timestamp) throws(CalendarError) -> Timestamp {
        guard count.magnitude <= UInt(Self.maximumWorkingHours) else {
            throw tooFar("\(count) working hours", limit: "\(Self.maximumWorkingHours) working hours")
        }
        return try adding(workingTime: Int64(count) * Self.microsecondsPerHour, to: time)
    }

    /// `time` moved by `microseconds` of working time (back when negative): the earliest
    /// instant after which that much working time has passed, or the latest before.
    ///
    /// - Throws: ``CalendarError`` `.tooFar` beyond ``maximumWorkingHours``.
    public func adding(workingTime microseconds: Int64, to time: Timestamp) throws(CalendarError) -> Timestamp
    {
        guard microseconds != 0 else { return time }
        guard microseconds.magnitude <= UInt64(Self.maximumWorkingHours) * UInt64(Self.microsecondsPerHour)
        else {
            throw tooFar("that much working time", limit: "\(Self.maximumWorkingHours) working hours")
        }
        let time = WallClock.clamp(time)
        return microseconds > 0
            ? forward(microseconds, from: time) : backward(-microseconds, from: time)
    }

    /// The number of whole working days from `from` to `to`, negative when `to` is earlier:
    /// `working_days(t, t + 5bd)` is 5 for any `t`.
    ///
    /// Each instant has a place in working time: a working day and the share of that day's
    /// working time already past (an instant outside the hours stands at the next opening).
    /// The result is the difference of the two places, rounded toward zero.
    public func workingDays(from: Timestamp, to: Timestamp) -> Int {
        guard from <= to else { return -workingDays(from: to, to: from) }
        let start = place(of: WallClock.clamp(from))
        let end = place(of: WallClock.clamp(to))
        let whole = days.count(from: start.day, to: end.day)
        // Compare the shares of the day as fractions, without rounding: end.past / end.length
        // against start.past / start.length.
        let endShare = Int128(end.past) * Int128(start.length)
        let startShare = Int128(start.past) * Int128(end.length)
        return endShare >= startShare ? whole : whole - 1
    }

    /// The working time from `from` to `to` in microseconds, negative when `to` is earlier.
    ///
    /// - Throws: ``CalendarError`` `.tooFar` for a span longer than ``maximumSpanDays``.
    public func workingTime(from: Timestamp, to: Timestamp) throws(CalendarError) -> Int64 {
        let from = WallClock.clamp(from)
        let to = WallClock.clamp(to)
        guard from <= to else { return -(try workingTime(from: to, to: from)) }
        let startDay = clock.local(from).day
        let endDay = clock.local(to).day
        guard endDay - startDay <= Self.maximumSpanDays else {
            throw tooFar("a span of \(endDay - startDay) days", limit: "\(Self.maximumSpanDays) days")
        }
        var total: Int64 = 0
        var day = days.isWorking(startDay) ? startDay : days.day(after: startDay, skipping: 1)
        while day <= endDay {
            if day != startDay {
                let whole = wholeDays(from: day, count: days.count(from: day, to: endDay))
                if whole > 0 {
                    total += Int64(whole) * nominalLength
                    day = days.day(after: day, skipping: whole)
                    continue
                }
            }
            for span in spans {
                let open = max(from, instant(day: day, at: span.start))
                let close = min(to, instant(day: day, at: span.end))
                if close > open { total += close.microseconds - open.microseconds }
            }
            day = days.day(after: day, skipping: 1)
        }
        return total
    }

    // MARK: - Walking working time

    private func forward(_ amount: Int64, from time: Timestamp) -> Timestamp {
        var remaining = amount
        let lastDay = clock.local(WallClock.latest).day
        let reading = clock.local(time)
        var day = reading.day
        var from = reading.microsecondOfDay
        var first = true
        if !days.isWorking(day) {
            day = days.day(after: day, skipping: 1)
            from = 0
            first = false
        }
        while true {
            for span in spans where span.end > from {
                let open = instant(day: day, at: span.start)
                let begin = first ? max(time, open) : open
                let available = instant(day: day, at: span.end).microseconds - begin.microseconds
                guard available > 0 else { continue }
                if remaining <= available { return WallClock.clamp(begin.adding(microseconds: remaining)) }
                remaining -= available
            }
            first = false
            from = 0
            day = days.day(after: day, skipping: 1)
            // Whole days while more than a day is left, so that the last one is walked.
            let whole = wholeDays(from: day, count: Int((remaining - 1) / max(1, nominalLength)))
            if whole > 0 {
                remaining -= Int64(whole) * nominalLength
                day = days.day(after: day, skipping: whole)
            }
            // Past the last instant there is no working time left to find.
            if day > lastDay { return WallClock.latest }
        }
    }

    private func backward(_ amount: Int64, from time: Timestamp) -> Timestamp {
        var remaining = amount
        let firstDay = clock.local(WallClock.earliest).day
        let reading = clock.local(time)
        var day = reading.day
        var until = reading.microsecondOfDay
        var first = true
        if !days.isWorking(day) {
            day = days.day(before: day, skipping: 1)
            until = Self.day
            first = false
        }
        while true {
            for span in spans.reversed() where span.start < until {
                let close = instant(day: day, at: span.end)
                let end = first ? min(time, close) : close
                let available = end.microseconds - instant(day: day, at: span.start).microseconds
                guard available > 0 else { continue }
                if remaining <= available { return WallClock.clamp(end.adding(microseconds: -remaining)) }
                remaining -= available
            }
            first = false
            until = Self.day
            day = days.day(before: day, skipping: 1)
            let whole = wholeDaysBack(from: day, count: Int((remaining - 1) / max(1, nominalLength)))
            if whole > 0 {
                remaining -= Int64(whole) * nominalLength
                day = days.day(before: day, skipping: whole)
            }
            if day < firstDay { return WallClock.earliest }
        }
    }

    /// How many of the `count` working days from `day` on (`day` itself a working day) can be
    /// counted as whole days of ``nominalLength``: those before the zone's next offset change,
    /// with a day to spare. Zero when stepping is cheaper.
    private func wholeDays(from day: Int, count: Int) -> Int {
        guard count >= Self.bulkThreshold else { return 0 }
        let last = count > 1 ? days.day(after: day, skipping: count - 1) : day
        let start = instant(day: day, at: 0)
        guard let change = clock.nextChange(after: start.adding(microseconds: -Self.day)),
            change < instant(day: last + 1, at: 0).adding(microseconds: Self.day)
        else { return count }
        return min(count, days.count(from: day, to: clock.local(change).day - 1))
    }

    /// Like ``wholeDays(from:count:)`` going back: how many of the `count` working days from
    /// `day` back (`day` itself a working day) lie after the zone's last offset change.
    private func wholeDaysBack(from day: Int, count: Int) -> Int {
        var count = count
        while count >= Self.bulkThreshold {
            let earliest = count > 1 ? days.day(before: day, skipping: count - 1) : day
            let start = instant(day: earliest, at: 0).adding(microseconds: -Self.day)
            guard let change = clock.nextChange(after: start),
                change < instant(day: day + 1, at: 0).adding(microseconds: Self.day)
            else { return count }
            // Only the days after the change (and a day to spare) are whole.
            let next = days.count(from: clock.local(change).day + 2, to: day + 1)
            guard next < count else { return 0 }
            count = next
        }
        return 0
    }

    // MARK: - Helpers

    /// The working time of a day whose hours no zone change touches.
    private var nominalLength: Int64 { spans.reduce(0) { $0 + $1.end - $1.start } }

    /// The instant of `microsecond` into local `day` (24:00 is the next day's midnight).
    private func instant(day: Int, at microsecond: Int64) -> Timestamp {
        microsecond >= Self.day
            ? clock.resolve(LocalDateTime(day: day + 1, microsecondOfDay: microsecond - Self.day))
            : clock.resolve(LocalDateTime(day: day, microsecondOfDay: microsecond))
    }

    /// An instant's place in working time: its working day, the working time of that day
    /// already past, and the day's working time. After the closing, or on a day that is not
    /// a working day, it is the start of the next working day.
    private func place(of time: Timestamp) -> (day: Int, past: Int64, length: Int64) {
        let reading = clock.local(time)
        let spans = self.spans
        guard days.isWorking(reading.day), reading.microsecondOfDay < spans[spans.count - 1].end else {
            return (days.day(after: reading.day, skipping: 1), 0, 1)
        }
        var past: Int64 = 0
        var length: Int64 = 0
        for span in spans {
            let open = instant(day: reading.day, at: span.start)
            let close = instant(day: reading.day, at: span.end)
            length += close.microseconds - open.microseconds
            past += max(0, min(time, close).microseconds - open.microseconds)
        }
        return (reading.day, past, max(1, length))
    }

    private func tooFar(_ what: String, limit: String) -> CalendarError {
        CalendarError(.tooFar, "\(what) is too far to count on calendar '\(name)' (at most \(limit))")
    }
}
