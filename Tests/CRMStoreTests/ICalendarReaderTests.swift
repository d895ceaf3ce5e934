import Testing

@testable import CRMStore

@Suite("Reading holidays from iCalendar files")
struct ICalendarReaderTests {
    @Test("All-day events become holidays: folded lines, escapes, exclusive ends, durations")
    func readsHolidays() throws {
        let text = [
            "\u{FEFF}BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//Holidays//ZH",
            "BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "END:STANDARD", "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:1@example", "DTSTART;VALUE=DATE:20261001", "DTEND;VALUE=DATE:20261008",
            "SUMMARY;LANGUAGE=zh:国庆", " 节", "BEGIN:VALARM", "TRIGGER:-PT15M", "DTSTART:20261001T090000",
            "END:VALARM", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART:20261231", "SUMMARY:New Year\\, observed\\; closed\\\\", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270211", "DURATION:P1W", "SUMMARY:Spring", "\tFestival",
            "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "STATUS:CANCELLED", "SUMMARY:gone", "END:VEVENT",
            "END:VCALENDAR", "",
        ].joined(separator: "\r\n")
        let events = try ICalendarReader.holidays(in: text)
        #expect(events.map(\.name) == ["国庆节", "New Year, observed; closed\\", "SpringFestival"])
        #expect(events.map(\.from.description) == ["2026-10-01", "2026-12-31", "2027-02-11"])
        #expect(events.map(\.to.description) == ["2026-10-07", "2026-12-31", "2027-02-17"])
        #expect(events.map(\.line) == [12, 23, 27])
        let calendar = try WorkingCalendar(
            name: "cn", zone: "Asia/Shanghai", days: ["mon", "tue", "wed", "thu", "fri"],
            hours: "09:00-18:00",
            holidays: try events.map { try .init(from: $0.from, to: $0.to, name: $0.name) })
        #expect(!calendar.isWorkingDay(try #require(CalendarDate(parsing: "2026-10-07"))))
        #expect(calendar.isWorkingDay(try #require(CalendarDate(parsing: "2026-10-08"))))
    }

    @Test(
        "What cannot be a holiday is an error naming its line",
        arguments: [
            ("BEGIN:VEVENT\nEND:VEVENT", 1, "expected BEGIN:VCALENDAR, found BEGIN:VEVENT"),
            ("", 1, "expected BEGIN:VCALENDAR; the file is empty"),
            ("hello", 1, "expected NAME:VALUE, found 'hello'"),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261001T090000Z\nSUMMARY:Meeting\nEND:VEVENT\nEND:VCALENDAR",
                3,
                "the event 'Meeting' has a time of day (DTSTART:20261001T090000Z); only all-day events (DTSTART;VALUE=DATE:YYYYMMDD) are holidays"
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=YEARLY\nEND:VEVENT\nEND:VCALENDAR",
                4,
                "repeating events (RRULE) are not read as holidays; list each day off as its own event"
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR", 2,
                "the event 'x' has no DTSTART"
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261008\nDTEND;VALUE=DATE:20261001\nEND:VEVENT\nEND:VCALENDAR",
                4,
                "DTEND 20261001 is not after DTSTART 20261008 (DTEND is the day after the last day)"
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261301\nEND:VEVENT\nEND:VCALENDAR", 3,
                "DTSTART '20261301' is not a date; write YYYYMMDD"
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nDURATION:PT8H\nEND:VEVENT\nEND:VCALENDAR",
                4,
                "DURATION PT8H is not a whole number of days or weeks, such as P1D or P2W"
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nEND:VCALENDAR", 4,
                "END:VCALENDAR inside VEVENT (begun on line 2); expected END:VEVENT"
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\n", 2,
                "the file ends inside VEVENT begun on this line (add END:VEVENT)"
            ),
            ("BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR", 3, "END:VCALENDAR without a BEGIN"),
            (" folded\nBEGIN:VCALENDAR", 1, "a continued line with no line before it"),
            ("BEGIN:VCALENDAR\nX-A;B:1\nEND:VCALENDAR", 2, "malformed parameter 'B'; write NAME=VALUE"),
        ])
    func errors(_ text: String, _ line: Int, _ message: String) {
        do {
            let events = try ICalendarReader.holidays(in: text)
            Issue.record("read \(events)")
        } catch {
            #expect(error.line == line)
            #expect(error.message == message)
            #expect(error.description == "line \(line): \(message)")
        }
    }
}
