import Foundation
import TestSupport
import Testing

@testable import CRMStore

/// Calendars for the tests: `cn` is the seed documents' (Shanghai, a lunch break, National
/// Day week off, a make-up Saturday); `ny` has DST changes; `always` works around the clock.
enum Calendars {
    static let cn: WorkingCalendar = make {
        try WorkingCalendar(
            name: "cn", zone: "Asia/Shanghai", days: ["mon", "tue", "wed", "thu", "fri"],
            hours: "09:00-12:00, 13:30-18:00",
            holidays: [
                try .init(from: "2026-10-01", to: "2026-10-07", name: "国庆节"),
                try .init(from: "2026-10-10", to: "2026-10-10", name: "调休", working: true),
            ])
    }
    static let ny: WorkingCalendar = make {
        try WorkingCalendar(
            name: "ny", zone: "America/New_York", days: ["Monday", "TUE", "wed", "thu", "fri"],
            hours: "9:00-17:00")
    }
    static let always: WorkingCalendar = make {
        try WorkingCalendar(
            name: "always", zone: "America/New_York",
            days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], hours: "00:00-24:00")
    }

    private static func make(_ build: () throws -> WorkingCalendar) -> WorkingCalendar {
        do {
            return try build()
        } catch {
            Issue.record("test calendar: \(error)")
            return .standard(in: TimeZone(secondsFromGMT: 0) ?? .current)
        }
    }

    /// The instant of local `YYYY-MM-DDTHH:MM` on `calendar`'s clock.
    static func at(_ text: String, on calendar: WorkingCalendar) throws -> Timestamp {
        let parts = text.split(separator: "T")
        let date = try #require(CalendarDate(parsing: parts[0]), "bad date in \(text)")
        let clock = parts[1].split(separator: ":").compactMap { Int($0) }
        let reading = LocalDateTime(
            day: date.day, microsecondOfDay: Int64(clock[0] * 60 + clock[1]) * 60_000_000)
        return calendar.clock.resolve(reading)
    }

    /// `YYYY-MM-DDTHH:MM±HH:MM` in `calendar`'s zone.
    static func text(_ time: Timestamp, on calendar: WorkingCalendar) -> String {
        let offset = calendar.clock.offsetSeconds(at: time)
        let reading = LocalDateTime(time, offsetSeconds: offset)
        let minutes = Int(reading.microsecondOfDay / 60_000_000)
        let zone = (offset < 0 ? "-" : "+") + pad(abs(offset) / 3600) + ":" + pad(abs(offset) / 60 % 60)
        return CalendarDate(day: reading.day).description + "T" + pad(minutes / 60) + ":" + pad(minutes % 60)
            + zone
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

@Suite("Working calendars: days, hours, holidays and their arithmetic")
struct WorkingCalendarTests {
    // MARK: - Working days

    static let workingDays: [(String, Int, String)] = [
        // Inside hours: the same time of day, National Day week skipped.
        ("2026-09-30T10:00", 1, "2026-10-08T10:00+08:00"),
        ("2026-09-30T10:00", 2, "2026-10-09T10:00+08:00"),
        // The make-up Saturday is a working day with the usual hours.
        ("2026-09-30T10:00", 3, "2026-10-10T10:00+08:00"),
        ("2026-09-30T10:00", 4, "2026-10-12T10:00+08:00"),
        ("2026-10-10T10:00", 1, "2026-10-12T10:00+08:00"),
        // Opening included, closing excluded.
        ("2026-09-30T09:00", 1, "2026-10-08T09:00+08:00"),
        ("2026-09-30T17:59", 1, "2026-10-08T17:59+08:00"),
        // Outside hours: from the next opening (after lunch, the next morning, after the week off).
        ("2026-09-30T12:30", 1, "2026-10-08T13:30+08:00"),
        ("2026-09-30T18:00", 1, "2026-10-09T09:00+08:00"),
        ("2026-09-30T07:00", 1, "2026-10-08T09:00+08:00"),
        ("2026-10-03T10:00", 1, "2026-10-09T09:00+08:00"),
        ("2026-10-11T10:00", 1, "2026-10-13T09:00+08:00"),
        // Back: the same time of day, or from outside the hours the previous closing.
        ("2026-10-08T10:00", -1, "2026-09-30T10:00+08:00"),
        ("2026-10-12T10:00", -1, "2026-10-10T10:00+08:00"),
        ("2026-10-08T08:00", -1, "2026-09-29T18:00+08:00"),
        ("2026-10-08T12:45", -1, "2026-09-30T12:00+08:00"),
        ("2026-10-05T10:00", -2, "2026-09-28T18:00+08:00"),
        // Zero moves nothing, even outside the hours.
        ("2026-10-03T10:00", 0, "2026-10-03T10:00+08:00"),
    ]

    @Test(
        "Working days skip days off, count make-up days, and start outside hours at the opening",
        arguments: workingDays)
    func addingWorkingDays(_ start: String, _ count: Int, _ expected: String) throws {
        let cn = Calendars.cn
        let result = try cn.adding(workingDays: count, to: try Calendars.at(start, on: cn))
        #expect(Calendars.text(result, on: cn) == expected)
    }

    static let workingHours: [(String, Int, String)] = [
        ("2026-09-30T11:00", 2, "2026-09-30T14:30+08:00"),
        ("2026-09-30T17:00", 2, "2026-10-08T10:00+08:00"),
        ("2026-09-30T12:15", 1, "2026-09-30T14:30+08:00"),
        // The earliest instant: a closing time when the hours run out exactly.
        ("2026-09-30T09:00", 3, "2026-09-30T12:00+08:00"),
        // Friday, the make-up Saturday, Monday, then 1.5 hours of Tuesday.
        ("2026-10-09T09:00", 24, "2026-10-13T10:30+08:00"),
        ("2026-10-08T10:00", -2, "2026-09-30T17:00+08:00"),
        ("2026-10-08T08:00", -1, "2026-09-30T17:00+08:00"),
        // The latest instant going back: an opening time when the hours run out exactly.
        ("2026-09-30T12:00", -3, "2026-09-30T09:00+08:00"),
        ("2026-10-03T10:00", 0, "2026-10-03T10:00+08:00"),
    ]

    @Test("Working hours count only time inside the hours of working days", arguments: workingHours)
    func addingWorkingHours(_ start: String, _ count: Int, _ expected: String) throws {
        let cn = Calendars.cn
        let result = try cn.adding(workingHours: count, to: try Calendars.at(start, on: cn))
        #expect(Calendars.text(result, on: cn) == expected)
    }

    @Test("working_days counts whole working days between two instants, either way")
    func countingWorkingDays() throws {
        let cn = Calendars.cn
        func days(_ from: String, _ to: String) throws -> Int {
            cn.workingDays(from: try Calendars.at(from, on: cn), to: try Calendars.at(to, on: cn))
        }
        #expect(try days("2026-09-30T10:00", "2026-10-08T10:00") == 1)
        #expect(try days("2026-09-30T10:00", "2026-10-08T09:59") == 0)
        #expect(try days("2026-09-30T10:00", "2026-10-12T10:00") == 4)
        #expect(try days("2026-10-12T10:00", "2026-09-30T10:00") == -4)
        #expect(try days("2026-09-28T00:00", "2026-10-02T00:00") == 3)
        #expect(try days("2026-10-03T10:00", "2026-10-04T10:00") == 0)
        #expect(try days("2026-09-30T17:00", "2026-10-08T09:30") == 0)
        #expect(try days("2026-09-30T17:00", "2026-10-08T17:00") == 1)
    }

    @Test("working time sums the hours of working days in a span")
    func measuringWorkingTime() throws {
        let cn = Calendars.cn
        let hour: Int64 = 3_600_000_000
        func time(_ from: String, _ to: String) throws -> Int64 {
            try cn.workingTime(from: try Calendars.at(from, on: cn), to: try Calendars.at(to, on: cn))
        }
        #expect(try time("2026-09-30T17:00", "2026-10-08T10:00") == 2 * hour)
        #expect(try time("2026-10-08T10:00", "2026-09-30T17:00") == -2 * hour)
        // 21 working days of 7.5 hours: 3 in September, the make-up Saturday, 17 in October.
        #expect(try time("2026-09-28T00:00", "2026-10-31T00:00") == 315 * hour / 2)
        #expect(try time("2026-10-03T00:00", "2026-10-06T00:00") == 0)
    }

    // MARK: - Time zones

    @Test("Working time across DST changes keeps the wall clock and counts real hours")
    func acrossDST() throws {
        let ny = Calendars.ny
        // Friday before the spring change + 1bd is Monday at the same wall-clock time, EDT.
        let friday = try Calendars.at("2026-03-06T10:00", on: ny)
        #expect(Calendars.text(try ny.adding(workingDays: 1, to: friday), on: ny) == "2026-03-09T10:00-04:00")
        let late = try Calendars.at("2026-03-06T16:00", on: ny)
        #expect(Calendars.text(try ny.adding(workingHours: 2, to: late), on: ny) == "2026-03-09T10:00-04:00")
        #expect(
            Calendars.text(
                try ny.adding(workingDays: -1, to: try Calendars.at("2026-11-02T10:00", on: ny)), on: ny)
                == "2026-10-30T10:00-04:00")
        // Around the clock: the spring-forward day has 23 working hours, the fall-back one 25.
        let always = Calendars.always
        let hour: Int64 = 3_600_000_000
        let spring = try always.workingTime(
            from: try Calendars.at("2026-03-08T00:00", on: always),
            to: try Calendars.at("2026-03-09T00:00", on: always))
        #expect(spring == 23 * hour)
        let fall = try always.workingTime(
            from: try Calendars.at("2026-11-01T00:00", on: always),
            to: try Calendars.at("2026-11-02T00:00", on: always))
        #expect(fall == 25 * hour)
        let saturday = try Calendars.at("2026-03-07T12:00", on: always)
        #expect(
            Calendars.text(try always.adding(workingHours: 24, to: saturday), on: always)
                == "2026-03-08T13:00-04:00")
        // A kept wall-clock time that the change skips moves forward by the gap.
        let night = try Calendars.at("2026-03-07T02:30", on: always)
        #expect(
            Calendars.text(try always.adding(workingDays: 1, to: night), on: always)
                == "2026-03-08T03:30-04:00")
    }

    @Test(
        "Long offsets count whole weeks and agree with the working time they span", arguments: [false, true])
    func longOffsetsAgree(_ backward: Bool) throws {
        var random = SplitMix64(seed: backward ? 7 : 11)
        func below(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &random) }
        for calendar in [Calendars.cn, Calendars.ny, Calendars.always] {
            for _ in 0..<40 {
                let start = Timestamp(seconds: 1_767_225_600 + Int64(below(3 * 365 * 86_400)))
                let hours = 1 + below(20_000)
                let moved = try calendar.adding(workingHours: backward ? -hours : hours, to: start)
                let spent = try calendar.workingTime(from: start, to: moved)
                #expect(
                    spent == Int64(backward ? -hours : hours) * 3_600_000_000,
                    "\(calendar.name) \(start) \(hours)")
                #expect(calendar.isWorkingTime(moved.adding(microseconds: backward ? 0 : -1)))
                let days = below(2_000) * (backward ? -1 : 1)
                let landed = try calendar.adding(workingDays: days, to: start)
                if calendar.name == "cn" {
                    // No DST in Shanghai, so every landing keeps its place in the working day.
                    #expect(calendar.workingDays(from: start, to: landed) == days, "\(start) \(days)")
                }
            }
        }
    }

    @Test("The arithmetic agrees with a day-by-day walk using Foundation's Calendar")
    func agreesWithFoundation() throws {
        let ny = Calendars.ny
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = ny.timeZone
        let start = try Calendars.at("2026-01-05T00:00", on: ny)
        let end = try Calendars.at("2028-01-03T00:00", on: ny)
        var expected: Int64 = 0
        var date = Date(timeIntervalSince1970: Double(start.seconds))
        while date.timeIntervalSince1970 < Double(end.seconds) {
            let weekday = gregorian.component(.weekday, from: date)
            if (2...6).contains(weekday),
                let open = gregorian.date(bySettingHour: 9, minute: 0, second: 0, of: date),
                let close = gregorian.date(bySettingHour: 17, minute: 0, second: 0, of: date)
            {
                expected += Int64(close.timeIntervalSince(open)) * 1_000_000
            }
            guard let next = gregorian.date(byAdding: .day, value: 1, to: date) else { break }
            date = next
        }
        #expect(try ny.workingTime(from: start, to: end) == expected)
        #expect(
            try ny.adding(workingTime: expected, to: start) == (try Calendars.at("2027-12-31T17:00", on: ny)))
    }

    @Test("Offsets beyond the limits are refused with a message")
    func tooFar() throws {
        let cn = Calendars.cn
        let now = try Calendars.at("2026-09-30T10:00", on: cn)
        #expect(throws: CalendarError.self) { try cn.adding(workingDays: 100_001, to: now) }
        do {
            _ = try cn.adding(workingHours: -1_000_001, to: now)
            Issue.record("no error")
        } catch {
            #expect(error.code == .tooFar)
            #expect(
                error.message
                    == "-1000001 working hours is too far to count on calendar 'cn' (at most 1000000 working hours)"
            )
        }
        #expect(throws: CalendarError.self) {
            try cn.workingTime(from: WallClock.earliest, to: WallClock.latest)
        }
        // The most allowed still answers, and at the ends of time the result is clamped.
        _ = try cn.adding(workingHours: 1_000_000, to: now)
        #expect(try cn.adding(workingHours: 10, to: WallClock.latest) == WallClock.latest)
        #expect(try cn.adding(workingHours: -10, to: WallClock.earliest) == WallClock.earliest)
    }
}
