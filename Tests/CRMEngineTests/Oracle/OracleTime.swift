import CRMQuery
import CRMStore

/// Time as SPEC.md section 3 describes it, for a session in UTC with a fixed clock: instants,
/// ranges and the five range comparisons. Written for UTC only (no daylight saving), which
/// keeps every day 24 hours long.
///
/// Decisions where the spec is silent (each is what the spec's words most plainly mean):
/// - `last N days|weeks|months` runs from N units before now up to and including now;
///   `next N ...` from now up to (not including) N units after now.
/// - weeks start on Monday (ISO 8601); quarters are Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec.
/// - "the end of that day" (a bare date given to `due`) is its last second, 23:59:59.
enum OracleTime {
    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Midnight at the start of a UTC date.
    static func startOfDay(year: Int, month: Int, day: Int) -> Timestamp {
        Timestamp(year: year, month: month, day: day)
    }

    /// The UTC date of an instant.
    static func date(of time: Timestamp) -> (year: Int, month: Int, day: Int) {
        let days = floorDivide(time.microseconds, microsecondsPerDay)
        return Timestamp.civil(fromDays: Int(days))
    }

    /// Midnight at the start of the day holding `time`.
    static func startOfDay(_ time: Timestamp) -> Timestamp {
        Timestamp(microseconds: floorDivide(time.microseconds, microsecondsPerDay) * microsecondsPerDay)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// `time` moved by whole calendar months, keeping the day of the month where the month has
    /// it (else its last day) and the time of day.
    static func addingMonths(_ months: Int, to time: Timestamp) -> Timestamp {
        let (year, month, day) = date(of: time)
        let timeOfDay = time.microseconds - startOfDay(time).microseconds
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        let firstOfNext = Timestamp.daysFromCivil(year: newYear, month: newMonth + 1, day: 1)
        let lastDay = firstOfNext - Timestamp.daysFromCivil(year: newYear, month: newMonth, day: 1)
        let start = startOfDay(year: newYear, month: newMonth, day: min(day, lastDay))
        return start.adding(microseconds: timeOfDay)
    }

    /// `YYYY-MM-DD` as a date.
    static func parseDate(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return (year, month, day)
    }

    /// `YYYY-MM-DDTHH:MM`, optionally with `:SS` and a final `Z`: read in UTC either way.
    static func parseDateTime(_ text: String) -> Timestamp? {
        let halves = text.split(separator: "T")
        guard halves.count == 2, let date = parseDate(String(halves[0])) else { return nil }
        let clock = halves[1].hasSuffix("Z") ? halves[1].dropLast() : halves[1]
        let fields = clock.split(separator: ":").compactMap { Int($0) }
        guard fields.count == 2 || fields.count == 3 else { return nil }
        return Timestamp(
            year: date.year, month: date.month, day: date.day, hour: fields[0], minute: fields[1],
            second: fields.count == 3 ? fields[2] : 0)
    }

    /// The instant a literal names: `now`, a date (its start, or with `endOfDay` its last
    /// second), a date-time, or an offset from now. Nil for ranges and for offsets in working
    /// days, which the oracle does not model.
    static func instant(_ literal: TimeLiteral, now: Timestamp, endOfDay: Bool = false) -> Timestamp? {
        switch literal {
        case .now: return now
        case .date(let text):
            guard let date = parseDate(text) else { return nil }
            let start = startOfDay(year: date.year, month: date.month, day: date.day)
            return endOfDay ? start.adding(microseconds: microsecondsPerDay - 1_000_000) : start
        case .dateTime(let text): return parseDateTime(text)
        case .offset(let offset):
            let sign: Int64 = offset.isNegative ? -1 : 1
            let amount = Int64(offset.amount)
            switch offset.unit {
            case .minutes: return now.adding(microseconds: sign * amount * 60_000_000)
            case .hours: return now.adding(microseconds: sign * amount * 3_600_000_000)
            case .days: return now.adding(microseconds: sign * amount * microsecondsPerDay)
            case .weeks: return now.adding(microseconds: sign * amount * 7 * microsecondsPerDay)
            case .months: return addingMonths(Int(sign * amount), to: now)
            case .years: return addingMonths(Int(sign * amount) * 12, to: now)
            case .businessDays, .businessHours: return nil
            }
        case .range: return nil
        }
    }

    /// The span `[start, end)` of a literal that is a range: a bare date (one whole day) or a
    /// named range such as `this month` or `last 30 days`. Nil for instants.
    static func range(_ literal: TimeLiteral, now: Timestamp) -> Range<Timestamp>? {
        switch literal {
        case .date(let text):
            guard let date = parseDate(text) else { return nil }
            let start = startOfDay(year: date.year, month: date.month, day: date.day)
            return start..<start.adding(microseconds: microsecondsPerDay)
        case .range(let range): return span(range, now: now)
        default: return nil
        }
    }

    private static func days(from start: Timestamp, count: Int64) -> Range<Timestamp> {
        start..<start.adding(microseconds: count * microsecondsPerDay)
    }

    private static func span(_ range: TimeRange, now: Timestamp) -> Range<Timestamp> {
        let today = startOfDay(now)
        let day = microsecondsPerDay
        switch range {
        case .today: return days(from: today, count: 1)
        case .yesterday: return days(from: today.adding(microseconds: -day), count: 1)
        case .tomorrow: return days(from: today.adding(microseconds: day), count: 1)
        case .calendar(let direction, let unit):
            let step = direction == .this ? 0 : (direction == .last ? -1 : 1)
            let (year, month, _) = date(of: now)
            switch unit {
            case .week:
                // 1970-01-01 was a Thursday: day number + 3, modulo 7, counts from Monday.
                let dayNumber = today.microseconds / day
                let weekday = ((dayNumber + 3) % 7 + 7) % 7
                let monday = today.adding(microseconds: -weekday * day + Int64(step) * 7 * day)
                return days(from: monday, count: 7)
            case .month, .quarter, .year:
                let length = unit == .month ? 1 : (unit == .quarter ? 3 : 12)
                let firstMonth = (month - 1) / length * length + 1
                let start = addingMonths(step * length, to: startOfDay(year: year, month: firstMonth, day: 1))
                return start..<addingMonths(length, to: start)
            }
        case .rolling(let direction, let count, let unit):
            func moved(_ amount: Int) -> Timestamp {
                switch unit {
                case .days: now.adding(microseconds: Int64(amount) * day)
                case .weeks: now.adding(microseconds: Int64(amount) * 7 * day)
                case .months: addingMonths(amount, to: now)
                }
            }
            if direction == .next { return now..<max(now, moved(count)) }
            // Up to and including now.
            return moved(-count)..<now.adding(microseconds: 1)
        }
    }

    /// `time OP range`, as SPEC.md section 3 puts it: `=` (and `in`) inside it, `<` before
    /// its start, `>` after its end, `<=` up to its end, `>=` from its start; `!=` outside.
    static func compare(_ time: Timestamp, _ op: ComparisonOperator, _ range: Range<Timestamp>) -> Bool {
        switch op {
        case .equal: range.contains(time)
        case .notEqual: !range.contains(time)
        case .less: time < range.lowerBound
        case .lessOrEqual: time < range.upperBound
        case .greater: time >= range.upperBound
        case .greaterOrEqual: time >= range.lowerBound
        }
    }
}
