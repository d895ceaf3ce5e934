import Foundation
import TestSupport
import Testing

/// Stored calendars through the real binary: `--calendar`, holidays from an iCalendar file
/// (`crm import FILE.ics --kind holiday --calendar NAME`), and a policy firing on import.
@Suite("crm with stored calendars and policies")
struct CalendarCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.file("crm.db")
        let made = try CommandRunner.run(
            [
                database, "-c", "insert customer {name: \"Acme\"}", "-c",
                "insert calendar {name: \"cn\", zone: \"Asia/Shanghai\", days: [mon, tue, wed, thu, fri], hours: \"09:00-18:00\"}",
            ])
        #expect(made.status == 0, "\(made.stderr)")
    }

    private func file(_ name: String, _ text: String) throws -> String {
        let path = directory.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let holidays = ICalendarSample.twoDaysOff

    /// `now + 1bd` at Wednesday 2026-11-25 12:00 UTC (20:00 in Shanghai), with `arguments`.
    private func nextWorkingDay(_ arguments: [String]) throws -> CommandRunner.Outcome {
        try CommandRunner.run(
            [database, "--now", "2026-11-25T12:00:00Z", "--format", "csv"] + arguments + [
                "-c", "find customers select now + 1bd as next",
            ])
    }

    @Test func holidaysImportedFromICalendarMoveWorkingDays() throws {
        #expect(try nextWorkingDay(["--calendar", "cn"]).stdout == "next\r\n2026-11-27T01:00:00Z\r\n")
        let ics = try file("days-off.ics", Self.holidays)
        let imported = try CommandRunner.run([
            "import", database, ics, "--kind", "holiday", "--calendar", "cn",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "imported 1 holiday into calendar cn\n")
        // Thursday and Friday are off now: the next opening is Monday, and 1bd is Tuesday.
        #expect(try nextWorkingDay(["--calendar", "cn"]).stdout == "next\r\n2026-12-01T01:00:00Z\r\n")
    }

    @Test func badICalendarImportsWriteNothing() throws {
        let ics = try file("days-off.ics", Self.holidays)
        let unknown = try CommandRunner.run([
            "import", database, ics, "--kind", "holiday", "--calendar", "mars",
        ])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("there is no calendar named mars"))
        let noCalendar = try CommandRunner.run(["import", database, ics, "--kind", "holiday"])
        #expect(noCalendar.status == 64)
        #expect(noCalendar.stderr.contains("--calendar NAME"))
        let broken = try file(
            "broken.ics",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261126T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        let timed = try CommandRunner.run([
            "import", database, broken, "--kind", "holiday", "--calendar", "cn",
        ])
        #expect(timed.status == 1)
        #expect(timed.stderr.hasPrefix("\(broken):3: error: "), "\(timed.stderr)")
        let count = try CommandRunner.run([database, "--format", "csv", "-c", "count holidays"])
        #expect(count.stdout == "count\r\n0\r\n")
    }

    @Test func aScriptChoosesItsCalendarWithDotCalendar() throws {
        let result = try CommandRunner.run(
            [database, "--now", "2026-11-25T12:00:00Z", "--format", "csv"],
            input: ".calendar cn\nfind customers select now + 1bd as next\n.calendar mars\n")
        #expect(result.status == 1)
        #expect(result.stdout == "next\r\n2026-11-27T01:00:00Z\r\n")
        #expect(result.stderr.contains("<stdin>:3:1: error: no calendar named mars"), "\(result.stderr)")
    }

    @Test func anUnknownCalendarIsAnErrorNamingTheOnesThereAre() throws {
        let result = try nextWorkingDay(["--calendar", "mars"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("no calendar named mars (set by --calendar or .calendar); there are cn"))
    }

    @Test func aPolicyFiresForImportedInteractions() throws {
        let policy = try CommandRunner.run([
            database, "-c",
            "insert policy {name: \"reply\", on: \"kind = complaint\", title: \"Reply\", within: 2bd, calendar: \"cn\"}",
        ])
        #expect(policy.status == 0, "\(policy.stderr)")
        let csv = try file(
            "in.csv", "customer,kind,at\n1,complaint,2026-11-25T02:00:00Z\n1,call,2026-11-25T02:00:00Z\n")
        let imported = try CommandRunner.run(["import", database, csv, "--kind", "interaction"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let promises = try CommandRunner.run([
            database, "--format", "csv", "-c", "find promises select title, interaction, due, policy.name",
        ])
        #expect(
            promises.stdout == "title,interaction,due,policy.name\r\nReply,1,2026-11-27T02:00:00Z,reply\r\n")
    }
}
