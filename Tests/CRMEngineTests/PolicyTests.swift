import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import TestSupport
import Testing

/// SLA policies: a policy fires on every interaction insert it holds for (statement, Swift
/// API, import), its promise due `within` working time on its calendar; `at_risk` and
/// `time_left` count on that calendar; bad policies and calendars are refused with a caret.
@Suite("SLA policies and stored calendars")
struct PolicyTests {
    let fixture: EngineFixture

    static let rules = """
        insert calendar {name: "cn", zone: "Asia/Shanghai", days: [mon, tue, wed, thu, fri], hours: "09:00-12:00, 13:30-18:00"}
        insert calendar {name: "office", zone: "UTC", days: [mon, tue, wed, thu, fri], hours: "09:00-17:00"}
        insert policy {name: "complaint reply", on: "kind = complaint", title: "Reply to the complaint", within: 24bh, calendar: "cn", owner: "service desk", warn: 75}
        insert policy {name: "complaint solve", on: "kind = complaint", title: "Solve it", within: 5bd, calendar: "cn"}
        insert policy {name: "urgent call", on: "kind = call and urgent", title: "Call back", within: 4bh, calendar: "office", warn: 75}
        insert policy {name: "retired", on: "kind = complaint", title: "Old rule", within: 1d, active: false}
        """

    init() throws {
        fixture = try EngineFixture()
        _ = try fixture.session.execute(Self.rules)
    }

    /// The policy-made promises of interaction `id`: title, owner, made, due, policy name.
    func made(for id: Int) throws -> [[String]] {
        try fixture.rows(
            "find promises where interaction = \(id) and policy is not null order by id "
                + "select title, owner, made, due, policy.name, customer")
    }

    @Test func aComplaintGetsAReplyAndASolutionDueOnTheCalendar() throws {
        // Friday 17:00 in Shanghai: one working hour left that day. 24 working hours of 7.5 a
        // day end on Thursday 09:30; 5 working days from inside hours keep the time of day.
        let id = try fixture.column(
            "insert interaction {customer: 2, kind: complaint, at: 2026-12-04T17:00+08:00, by: \"li.wei\"}")
        #expect(
            try made(for: Int(id[0]) ?? 0) == [
                [
                    "Reply to the complaint", "service desk", "2026-12-04T09:00:00Z", "2026-12-10T01:30:00Z",
                    "complaint reply", "2",
                ],
                [
                    "Solve it", "li.wei", "2026-12-04T09:00:00Z", "2026-12-11T09:00:00Z", "complaint solve",
                    "2",
                ],
            ])
    }

    @Test func onlyActivePoliciesWhoseConditionHoldsFire() throws {
        let before = try fixture.counts()
        let call = try fixture.column("insert interaction {customer: 1, kind: call, at: 2026-11-25T10:00Z}")
        #expect(try made(for: Int(call[0]) ?? 0) == [])
        let urgent = try fixture.column(
            "insert interaction {customer: 1, kind: call, urgent: true, at: 2026-11-25T10:00Z}")
        #expect(try made(for: Int(urgent[0]) ?? 0).map { $0[0] } == ["Call back"])
        #expect(try fixture.counts()[2] == before[2] + 1)
        #expect(try fixture.column("find promises where title = \"Old rule\"") == [])
    }

    @Test func theSwiftAPIAndImportsFireToo() throws {
        let inserted = try fixture.store.write { tx in
            var complaint = Interaction(customer: 1, kind: .complaint)
            complaint.at = Timestamp(year: 2026, month: 11, day: 23, hour: 2)
            return try tx.insert(complaint)
        }
        #expect(try made(for: Int(inserted.id)).count == 2)
        let directory = try TemporaryDirectory()
        let file = directory.file("complaints.csv")
        try "customer,kind,at,subject\n2,complaint,2026-11-24T03:00:00Z,broken\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let options = ImportOptions(entity: .interaction, format: .csv, upsertBy: nil)
        _ = try Importer(session: fixture.session, options: options).importFile(atPath: file) { _, _ in }
        let imported = try fixture.column("find interactions where subject = \"broken\"")
        #expect(try made(for: Int(imported[0]) ?? 0).map { $0[0] } == ["Reply to the complaint", "Solve it"])
    }

    @Test func atRiskFromTheWarningLineAndTimeLeftInWorkingTime() throws {
        // "now" is Wednesday 2026-11-25 12:00 UTC. Due 13:00 after 4 working hours from
        // 09:00: 3 of 4 used, exactly the 75% line. From 09:30: 2.5 of 4, not yet.
        _ = try fixture.session.execute(
            """
            insert interaction {customer: 1, kind: call, urgent: true, at: 2026-11-25T09:00Z, subject: "line"}
            insert interaction {customer: 1, kind: call, urgent: true, at: 2026-11-25T09:30Z, subject: "before"}
            """)
        #expect(
            try fixture.rows(
                "find promises where policy.name = \"urgent call\" order by due select due, at_risk, time_left"
            )
                == [
                    ["2026-11-25T13:00:00Z", "true", "PT1H"],
                    ["2026-11-25T13:30:00Z", "false", "PT1H30M"],
                ])
        #expect(
            try fixture.column("find promises where at_risk and policy is not null", "title") == ["Call back"]
        )
    }

    @Test func aPromiseMadeByHandIsAtRiskAtThreeQuartersOfItsTime() throws {
        // Made Monday 09:00 UTC, due Thursday 09:00: 24 working hours (9 to 18) on the
        // standard calendar, 21 used by Wednesday 12:00.
        _ = try fixture.session.execute(
            "insert promise {customer: 3, title: \"by hand\", made: 2026-11-23T09:00Z, due: 2026-11-26T09:00Z}"
        )
        #expect(
            try fixture.rows("find promises where title = \"by hand\" select at_risk, time_left") == [
                ["true", "PT6H"]
            ])
    }

    @Test func changingAPolicyLeavesItsPromisesAlone() throws {
        _ = try fixture.column(
            "insert interaction {customer: 2, kind: complaint, at: 2026-12-04T17:00+08:00}")
        let before = try fixture.column("find promises where policy is not null order by id", "due")
        _ = try fixture.session.execute(
            "update policy 1 set within = 1bh\nupdate policy 2 set active = false")
        #expect(try fixture.column("find promises where policy is not null order by id", "due") == before)
        let error = try #require(fixture.error("delete policy 1"))
        #expect(error.diagnostic.message.contains("promise"))
    }

    @Test func explainInsertInteractionListsThePoliciesThatWouldFire() throws {
        let plan = try fixture.column(
            "explain insert interaction {customer: 1, kind: complaint, at: 2026-12-04T17:00+08:00}", "plan")
        #expect(
            plan.contains(
                "fires policy complaint reply: promise \"Reply to the complaint\" due 2026-12-10T01:30:00Z (24bh on calendar cn)"
            ))
        #expect(plan.contains { $0.hasPrefix("fires policy complaint solve") })
        let none = try fixture.column("explain insert interaction {customer: 1, kind: note}", "plan")
        #expect(none.last == "policies: none of 3 would fire")
        #expect(try fixture.column("find interactions where kind = complaint").count == 1)
    }

    @Test(arguments: [
        (
            "insert policy {name: \"p\", on: \"kind = complant\", title: \"t\", within: 2bd}",
            "in the policy's on: 'complant' is not a value of kind", "complant"
        ),
        (
            "insert policy {name: \"p\", on: \"kind = complaint and subjct contains \\\"x\\\"\", title: \"t\", within: 2bd}",
            "in the policy's on: unknown field 'subjct' on interaction", "subjct"
        ),
        ("update policy 1 set on = \"urgnt\"", "in the policy's on: unknown field 'urgnt'", "urgnt"),
    ])
    func aBadConditionIsRefusedWithACaretInsideTheText(source: String, message: String, marked: String) throws
    {
        let before = try fixture.counts()
        let policies = try fixture.rows("find policies order by id select id, on")
        let error = try #require(fixture.error(source))
        #expect(error.diagnostic.message.hasPrefix(message), "\(error.diagnostic.message)")
        let range = error.diagnostic.range
        let utf8 = Array(source.utf8)
        #expect(String(decoding: utf8[range.start.offset..<range.end.offset], as: UTF8.self) == marked)
        #expect(range.start.column == range.start.offset + 1)
        #expect(try fixture.counts() == before)
        #expect(try fixture.rows("find policies order by id select id, on") == policies)
    }

    @Test(arguments: [
        (
            "insert policy {name: \"p\", on: \"kind = note\", title: \"t\", within: \"24 hours\"}",
            "is not an offset"
        ),
        (
            "insert policy {name: \"p\", on: \"kind = note\", title: \"t\", within: 2bd, calendar: \"mars\"}",
            "mars"
        ),
        (
            "insert policy {name: \"complaint reply\", on: \"kind = note\", title: \"t\", within: 2bd}",
            "complaint reply"
        ),
        ("insert calendar {name: \"x\", zone: \"UTC\", days: [], hours: \"09:00-17:00\"}", "day"),
        (
            "insert calendar {name: \"x\", zone: \"UTC\", days: [mon], hours: \"09:00-12:00, 11:00-13:00\"}",
            "overlap"
        ),
        (
            "insert calendar {name: \"x\", zone: \"Mars/Base\", days: [mon], hours: \"09:00-12:00\"}",
            "Mars/Base"
        ),
        ("insert holiday {calendar: \"cn\", from: 2026-10-07, to: 2026-10-01}", "before"),
        ("insert holiday {calendar: \"nope\", from: 2026-10-01, to: 2026-10-01}", "nope"),
        ("update calendar 1 set name = \"china\"", "cannot"),
    ])
    func badPoliciesCalendarsAndHolidaysWriteNothing(source: String, expected: String) throws {
        let before = try fixture.store.read { tx in
            [
                try tx.all(WorkCalendar.self).collect().count, try tx.all(Policy.self).collect().count,
                try tx.all(Holiday.self).collect().count,
            ]
        }
        let error = try #require(fixture.error(source))
        #expect(
            error.diagnostic.message.lowercased().contains(expected.lowercased()),
            "\(error.diagnostic.message)")
        let after = try fixture.store.read { tx in
            [
                try tx.all(WorkCalendar.self).collect().count, try tx.all(Policy.self).collect().count,
                try tx.all(Holiday.self).collect().count,
            ]
        }
        #expect(after == before)
        #expect(try fixture.column("find calendars order by id", "name") == ["cn", "office"])
    }

    @Test func theSessionCountsOnTheCalendarNamedDefaultOrTheOneItNames() throws {
        // Wednesday 12:00 UTC is 20:00 in Shanghai, after hours: 1bd from the next opening,
        // Thursday 09:00, is Friday 09:00 (01:00 UTC).
        let query = "find customers where id = 1 select now + 1bd as next"
        #expect(try fixture.column(query, "next") == ["2026-11-26T12:00:00Z"])
        fixture.session.calendarName = "cn"
        #expect(try fixture.column(query, "next") == ["2026-11-27T01:00:00Z"])
        fixture.session.calendarName = "nope"
        #expect(fixture.error(query)?.diagnostic.message.hasPrefix("no calendar named nope") == true)
        fixture.session.calendarName = nil
        _ = try fixture.session.execute(
            "insert calendar {name: \"default\", zone: \"Asia/Shanghai\", days: [mon, tue, wed, thu, fri], hours: \"09:00-18:00\"}"
        )
        #expect(try fixture.column(query, "next") == ["2026-11-27T01:00:00Z"])
    }

    @Test func holidaysFromAnICalendarFileCountAsDaysOff() throws {
        let ics = ICalendarSample.twoDaysOff
        let added = try fixture.store.write { tx in try tx.insertHolidays(fromICalendar: ics, calendar: "cn")
        }
        #expect(added.map(\.from) == ["2026-11-26"])
        #expect(added.map(\.to) == ["2026-11-27"])
        fixture.session.calendarName = "cn"
        // Thursday and Friday off: the next opening is Monday 09:00, and 1bd is Tuesday.
        #expect(
            try fixture.column("find customers where id = 1 select now + 1bd as next", "next") == [
                "2026-12-01T01:00:00Z"
            ])
        #expect(throws: StoreError.self) {
            try fixture.store.write { tx in try tx.insertHolidays(fromICalendar: ics, calendar: "nope") }
        }
        #expect(throws: ICalendarError.self) {
            try fixture.store.write { tx in
                try tx.insertHolidays(fromICalendar: "BEGIN:VEVENT\r\n", calendar: "cn")
            }
        }
        #expect(try fixture.store.read { tx in try tx.all(Holiday.self).collect().count } == 1)
    }
}
