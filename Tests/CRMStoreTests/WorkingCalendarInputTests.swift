import Foundation
import Testing

@testable import CRMStore

@Suite("Working calendars: reading hours, days, zones and holidays")
struct WorkingCalendarInputTests {
    @Test(
        "Hours text reads as ordered intervals",
        arguments: [
            ("09:00-18:00", "09:00-18:00", 540),
            ("13:30-18:00, 09:00-12:00", "09:00-12:00, 13:30-18:00", 450),
            ("9:00 - 12:00,13:00-17:30", "09:00-12:00, 13:00-17:30", 450),
            ("00:00-24:00", "00:00-24:00", 1440),
            ("08:00-12:00, 12:00-16:00", "08:00-12:00, 12:00-16:00", 480),
        ])
    func hoursParse(_ text: String, _ printed: String, _ minutes: Int) throws {
        let hours = try WorkingHours(parsing: text)
        #expect(hours.description == printed)
        #expect(hours.minutesPerDay == minutes)
    }

    @Test(
        "Bad hours are refused with the problem and where it is",
        arguments: [
            (
                "", CalendarError.Code.noHours,
                "working hours are empty; write them as \"09:00-12:00, 13:30-18:00\"", nil
            ),
            (
                "09:00-12:00, 11:00-13:00", .overlappingHours,
                "working hours 09:00-12:00 and 11:00-13:00 overlap", 13..<24
            ),
            (
                "18:00-09:00", .reversedHours,
                "working hours 18:00-09:00 end before they start (each interval lies within one day, 00:00 to 24:00; split a night shift at midnight)",
                0..<11
            ),
            (
                "09:00-09:00", .reversedHours,
                "working hours 09:00-09:00 end where they start (each interval lies within one day, 00:00 to 24:00; split a night shift at midnight)",
                0..<11
            ),
            ("09:00-25:00", .hoursOutOfRange, "'25:00' is not a time of day (00:00 to 24:00)", 6..<11),
            ("09:60-12:00", .hoursOutOfRange, "'09:60' is not a time of day (00:00 to 24:00)", 0..<5),
            ("24:30-24:45", .hoursOutOfRange, "'24:30' is not a time of day (00:00 to 24:00)", 0..<5),
            ("9am-5pm", .malformedHours, "'9am' is not a time of day; write HH:MM, as in 09:00-18:00", 0..<3),
            ("09:00", .malformedHours, "expected '-' after 09:00, as in 09:00-18:00", 5..<6),
            (
                "09:00-12:00; 13:00-17:00", .malformedHours,
                "expected ',' between intervals, as in 09:00-12:00, 13:30-18:00", 11..<12
            ),
        ] as [(String, CalendarError.Code, String, Range<Int>?)])
    func badHours(_ text: String, _ code: CalendarError.Code, _ message: String, _ span: Range<Int>?) {
        do {
            let hours = try WorkingHours(parsing: text)
            Issue.record("'\(text)' read as \(hours)")
        } catch {
            #expect(error.code == code)
            #expect(error.message == message)
            #expect(error.field == "hours")
            #expect(error.span == span)
        }
    }

    @Test("A calendar needs a working day, known day names and a known zone")
    func badCalendars() {
        func error(_ build: () throws(CalendarError) -> WorkingCalendar) -> CalendarError? {
            do {
                _ = try build()
                return nil
            } catch {
                return error
            }
        }
        let noDays = error { () throws(CalendarError) in
            try WorkingCalendar(name: "x", zone: "UTC", days: [], hours: "09:00-17:00")
        }
        #expect(noDays?.code == .noWorkingDays)
        #expect(
            noDays?.message
                == "a calendar needs at least one working day, as in days: [mon, tue, wed, thu, fri]")
        #expect(noDays?.field == "days")
        let badDay = error { () throws(CalendarError) in
            try WorkingCalendar(name: "x", zone: "UTC", days: ["mon", "tues"], hours: "09:00-17:00")
        }
        #expect(badDay?.code == .unknownWeekday)
        #expect(
            badDay?.message == "'tues' is not a day of the week; write mon, tue, wed, thu, fri, sat or sun")
        #expect(badDay?.span == 1..<2)
        let badZone = error { () throws(CalendarError) in
            try WorkingCalendar(name: "x", zone: "CST", days: ["mon"], hours: "09:00-17:00")
        }
        #expect(badZone?.code == .unknownZone)
        #expect(badZone?.field == "zone")
        let badHours = error { () throws(CalendarError) in
            try WorkingCalendar(name: "x", zone: "+08:00", days: ["mon"], hours: "17:00-09:00")
        }
        #expect(badHours?.code == .reversedHours)
    }

    @Test("A holiday ends on or after its first day, and its dates are real")
    func holidays() throws {
        let holiday = try WorkingCalendar.Holiday(from: "2026-10-01", to: "2026-10-07", name: "国庆节")
        #expect(holiday.from.description == "2026-10-01" && holiday.to.adding(days: -6) == holiday.from)
        do {
            _ = try WorkingCalendar.Holiday(from: "2026-10-08", to: "2026-10-07", name: "国庆节")
            Issue.record("a reversed holiday was accepted")
        } catch {
            #expect(error.code == .reversedHoliday)
            #expect(
                error.message
                    == "holiday '国庆节' ends on 2026-10-07 before it starts on 2026-10-08 (to is the last day, included: a one-day holiday has to = from)"
            )
            #expect(error.field == "to")
        }
        #expect(throws: CalendarError.self) {
            try WorkingCalendar.Holiday(from: "2026-02-30", to: "2026-03-01", name: "")
        }
        #expect(throws: CalendarError.self) {
            try WorkingCalendar.Holiday(from: "2026-10-01", to: "20261007", name: "")
        }
    }

    @Test("Overlapping days off and make-up days: a make-up day wins over a day off")
    func overlappingHolidays() throws {
        let calendar = try WorkingCalendar(
            name: "x", zone: "UTC", days: ["mon", "tue", "wed", "thu", "fri"], hours: "09:00-17:00",
            holidays: [
                try .init(from: "2026-12-21", to: "2026-12-31", name: "winter"),
                try .init(from: "2026-12-24", to: "2026-12-26", name: "christmas"),
                try .init(from: "2026-12-28", to: "2026-12-28", name: "on call", working: true),
                try .init(from: "2026-12-19", to: "2026-12-19", name: "make-up saturday", working: true),
            ])
        let working = (14...31).filter {
            calendar.isWorkingDay(CalendarDate(year: 2026, month: 12, day: $0) ?? CalendarDate(day: 0))
        }
        #expect(working == [14, 15, 16, 17, 18, 19, 28])
        let days = calendar.days
        let first = try #require(CalendarDate(year: 2026, month: 12, day: 14)).day
        #expect(days.count(from: first, to: first + 18) == 7)
        #expect(days.day(after: first + 5, skipping: 1) == first + 14)
        // After the on-call Monday, the next working day is Friday 2027-01-01.
        #expect(days.day(after: first + 5, skipping: 2) == first + 18)
        #expect(days.day(before: first + 14, skipping: 2) == first + 4)
        #expect(days.day(before: first + 18, skipping: 1) == first + 14)
    }

    @Test("The standard calendar is Monday to Friday, 09:00 to 18:00")
    func standard() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let calendar = WorkingCalendar.standard(in: utc)
        #expect(calendar.workingDays == [.monday, .tuesday, .wednesday, .thursday, .friday])
        #expect(calendar.hours.description == "09:00-18:00")
        #expect(calendar.isWorkingTime(Timestamp(year: 2026, month: 11, day: 27, hour: 9)))
        #expect(!calendar.isWorkingTime(Timestamp(year: 2026, month: 11, day: 27, hour: 18)))
        #expect(!calendar.isWorkingTime(Timestamp(year: 2026, month: 11, day: 28, hour: 10)))
        #expect(Weekday(name: "THURSDAY") == .thursday && Weekday(name: "thurs") == nil)
        #expect(Weekday(CalendarDate(day: 0)) == .thursday)
    }
}
