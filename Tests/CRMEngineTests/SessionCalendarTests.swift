import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import Testing

/// The session's working calendar: set by the API, used by `+Nbd`, `+Nbh` and
/// `working_days`, and named calendars found through the session's lookup.
@Suite("Engine: the session's working calendar")
struct SessionCalendarTests {
    let fixture: EngineFixture
    init() throws { fixture = try EngineFixture() }

    /// Shanghai hours with a lunch break, National Day week off and a make-up Saturday.
    static func china() throws -> WorkingCalendar {
        try WorkingCalendar(
            name: "cn", zone: "Asia/Shanghai", days: ["mon", "tue", "wed", "thu", "fri"],
            hours: "09:00-12:00, 13:30-18:00",
            holidays: [
                try .init(from: "2026-10-01", to: "2026-10-07", name: "国庆节"),
                try .init(from: "2026-10-10", to: "2026-10-10", name: "调休", working: true),
            ])
    }

    func value(_ expression: String) throws -> String? {
        try fixture.rows("find promises where id = 1 select \(expression)").first?.first
    }

    @Test func theStandardCalendarFollowsTheSessionZone() throws {
        // Wednesday 12:00 UTC is inside 09:00-18:00 UTC: + 7bh is Thursday 10:00.
        #expect(try value("now + 7bh") == "2026-11-26T10:00:00Z")
        // In Shanghai it is 20:00, after the closing: counting starts Thursday 09:00 there.
        fixture.session.timeZone = try #require(TimeZone(identifier: "Asia/Shanghai"))
        #expect(try value("now + 7bh") == "2026-11-26T08:00:00Z")
        #expect(try value("now + 1bd") == "2026-11-27T01:00:00Z")
    }

    @Test func aCalendarSetOnTheSessionCountsItsHolidays() throws {
        fixture.session.workingCalendar = try Self.china()
        #expect(try value("2026-09-30T02:00:00Z + 1bd") == "2026-10-08T02:00:00Z")
        #expect(try value("2026-09-30T02:00:00Z + 3bd") == "2026-10-10T02:00:00Z")
        #expect(try value("2026-09-30T09:00:00Z + 2bh") == "2026-10-08T02:00:00Z")
        #expect(try value("working_days(2026-09-30T02:00:00Z, 2026-10-12T02:00:00Z)") == "4")
        let due = try fixture.rows(
            "insert promise {customer: 1, title: \"Reply\", due: 2026-09-30T02:00:00Z + 1bd}")
        #expect(due.first?[6] == "2026-10-08T02:00:00Z")
        // Back to the standard calendar: Monday to Friday, no holidays.
        fixture.session.workingCalendar = nil
        #expect(try value("2026-09-30T10:00:00Z + 1bd") == "2026-10-01T10:00:00Z")
    }

    @Test func namedCalendarsComeFromTheLookupInsideTheStatementsTransaction() throws {
        let china = try Self.china()
        var asked: [String] = []
        fixture.session.calendarLookup = { name, transaction in
            asked.append(name)
            // The lookup reads in the statement's transaction, as a stored calendar would be read.
            _ = try transaction.count(.promise)
            return name == "cn" ? china : nil
        }
        #expect(try value("working_days(2026-09-30T02:00:00Z, 2026-10-12T02:00:00Z, \"cn\")") == "4")
        #expect(try value("working_days(2026-09-30T02:00:00Z, 2026-10-12T02:00:00Z)") == "8")
        let error = try #require(fixture.error("find promises select working_days(made, due, \"us\")"))
        #expect(error.diagnostic.id == .unknownCalendar)
        #expect(error.diagnostic.message == "unknown calendar 'us'")
        #expect(asked == ["cn", "us"])
        fixture.session.calendarLookup = { _, _ in
            throw StoreError(.corrupt, "the calendar record is damaged")
        }
        let damaged = try #require(fixture.error("find promises select working_days(made, due, \"cn\")"))
        #expect(damaged.diagnostic.message.hasPrefix("calendar 'cn' could not be read: "))
        #expect(damaged.diagnostic.message.contains("the calendar record is damaged"))
    }

    @Test func theCalendarCanBeNamedByAParameter() throws {
        let china = try Self.china()
        fixture.session.calendarLookup = { name, _ in name == "cn" ? china : nil }
        let rows = try fixture.rows(
            "find promises where id = 1 select working_days(2026-09-30T02:00:00Z, 2026-10-12T02:00:00Z, $c)",
            parameters: ["c": "cn"])
        #expect(rows == [["4"]])
    }
}
