/// Which days are working days: the calendar's weekdays, less its days off, plus its make-up
/// working days, answered in time that grows with the number of holidays crossed, not with
/// the number of days.
///
/// Holidays are kept as disjoint, sorted segments of days that are all off or all working; a
/// make-up working day wins over a day off that covers it. Between segments the weekly
/// pattern holds, so whole weeks are counted at once.
struct WorkingDaySet: Sendable, Hashable {
    /// A run of days that are all working days, or all days off.
    struct Segment: Sendable, Hashable {
        let first: Int
        let last: Int
        let working: Bool
    }

    /// Whether each weekday, Monday first, is a working day.
    let weekdays: [Bool]
    /// How many weekdays are working days; at least one (the calendar checks).
    let perWeek: Int
    /// The holidays as disjoint segments in order of time.
    let segments: [Segment]

    init(weekdays working: Set<Weekday>, holidays: [WorkingCalendar.Holiday]) {
        weekdays = Weekday.allCases.map { working.contains($0) }
        perWeek = working.count
        segments = Self.segments(of: holidays)
    }

    /// Whether `day` is a working day.
    func isWorking(_ day: Int) -> Bool {
        let index = firstSegment(endingAtOrAfter: day)
        if index < segments.count, segments[index].first <= day { return segments[index].working }
        return weekdays[LocalDateTime.weekday(ofDay: day)]
    }

    /// The number of working days in `from ..< to` (zero when `to <= from`).
    func count(from: Int, to: Int) -> Int {
        guard from < to else { return 0 }
        var total = regular(from, to)
        var index = firstSegment(endingAtOrAfter: from)
        while index < segments.count, segments[index].first < to {
            let segment = segments[index]
            let start = max(from, segment.first)
            let end = min(to, segment.last + 1)
            total += (segment.working ? end - start : 0) - regular(start, end)
            index += 1
        }
        return total
    }

    /// The `count`th working day after `day` (`count` at least 1).
    func day(after day: Int, skipping count: Int) -> Int {
        var position = day + 1
        var remaining = count
        var index = firstSegment(endingAtOrAfter: position)
        while true {
            if index < segments.count, segments[index].first <= position {
                let segment = segments[index]
                if segment.working {
                    let length = segment.last - position + 1
                    if remaining <= length { return position + remaining - 1 }
                    remaining -= length
                }
                position = segment.last + 1
                index += 1
                continue
            }
            if index < segments.count {
                let stop = segments[index].first
                let available = regular(position, stop)
                if remaining > available {
                    remaining -= available
                    position = stop
                    continue
                }
            }
            // The answer lies in this stretch of plain weeks: skip whole weeks, then step.
            let weeks = (remaining - 1) / perWeek
            position += weeks * 7
            remaining -= weeks * perWeek
            while true {
                if weekdays[LocalDateTime.weekday(ofDay: position)] {
                    remaining -= 1
                    if remaining == 0 { return position }
                }
                position += 1
            }
        }
    }

    /// The `count`th working day before `day` (`count` at least 1).
    func day(before day: Int, skipping count: Int) -> Int {
        var position = day - 1
        var remaining = count
        var index = lastSegment(startingAtOrBefore: position)
        while true {
            if index >= 0, segments[index].last >= position {
                let segment = segments[index]
                if segment.working {
                    let length = position - segment.first + 1
                    if remaining <= length { return position - remaining + 1 }
                    remaining -= length
                }
                position = segment.first - 1
                index -= 1
                continue
            }
            if index >= 0 {
                let stop = segments[index].last
                let available = regular(stop + 1, position + 1)
                if remaining > available {
                    remaining -= available
                    position = stop
                    continue
                }
            }
            let weeks = (remaining - 1) / perWeek
            position -= weeks * 7
            remaining -= weeks * perWeek
            while true {
                if weekdays[LocalDateTime.weekday(ofDay: position)] {
                    remaining -= 1
                    if remaining == 0 { return position }
                }
                position -= 1
            }
        }
    }

    // MARK: - Helpers

    /// The working days of the weekly pattern alone in `from ..< to`.
    private func regular(_ from: Int, _ to: Int) -> Int {
        guard from < to else { return 0 }
        let length = to - from
        var total = length / 7 * perWeek
        var weekday = LocalDateTime.weekday(ofDay: from)
        for _ in 0..<(length % 7) {
            if weekdays[weekday] { total += 1 }
            weekday = weekday == 6 ? 0 : weekday + 1
        }
        return total
    }

    /// The index of the first segment whose last day is `day` or later (`segments.count` if none).
    private func firstSegment(endingAtOrAfter day: Int) -> Int {
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].last < day { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the last segment whose first day is `day` or earlier (-1 if none).
    private func lastSegment(startingAtOrBefore day: Int) -> Int {
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].first <= day { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    /// Holidays as disjoint segments: a sweep over their starts and ends, where a day covered
    /// by any make-up working day is working and one covered only by days off is off.
    private static func segments(of holidays: [WorkingCalendar.Holiday]) -> [Segment] {
        var events: [(day: Int, working: Int, off: Int)] = []
        for holiday in holidays {
            let change = holiday.working ? (1, 0) : (0, 1)
            events.append((holiday.from.day, change.0, change.1))
            events.append((holiday.to.day + 1, -change.0, -change.1))
        }
        events.sort { $0.day < $1.day }
        var segments: [Segment] = []
        var working = 0
        var off = 0
        var index = 0
        while index < events.count {
            let day = events[index].day
            while index < events.count, events[index].day == day {
                working += events[index].working
                off += events[index].off
                index += 1
            }
            guard index < events.count, working > 0 || off > 0 else { continue }
            let last = events[index].day - 1
            let isWorking = working > 0
            if let previous = segments.last, previous.working == isWorking, previous.last + 1 == day {
                segments[segments.count - 1] = Segment(first: previous.first, last: last, working: isWorking)
            } else {
                segments.append(Segment(first: day, last: last, working: isWorking))
            }
        }
        return segments
    }
}
