import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import Testing

/// Arithmetic in the query language, against the engine fixture (clock 2026-11-25T12:00Z, a
/// Wednesday, in UTC; every promise was made then). Promise 1 is due 2026-11-22 (end of day)
/// with 1200.50 at stake, 2 due 2026-12-10, 3 kept late (due 2026-11-01, resolved
/// 2026-11-03T10:00), 4 due 2026-11-24T17:00 with 0.05.
@Suite("Engine: arithmetic on numbers, durations and times")
struct ArithmeticTests {
    let fixture: EngineFixture
    init() throws { fixture = try EngineFixture() }

    @Test func theSpecPenaltyExampleRuns() throws {
        let results = try fixture.session.execute(
            "find promises where status = broken or kept_late select title, amount, days(late_by), "
                + "amount * 0.005 * days(late_by) as penalty")
        #expect(results[0].columns == ["title", "amount", "days(late_by)", "penalty"])
        #expect(
            try fixture.rows(
                "find promises where status = broken or kept_late select title, amount, days(late_by), amount * 0.005 * days(late_by) as penalty"
            ) == [["Visit", "null", "1", "null"]])
        #expect(
            try fixture.rows("find promises where id = 1 select amount * 0.005 * days(late_by) as penalty")
                == [["12.00500"]])
    }

    static let numbers: [(String, String)] = [
        ("1200.50 + 0.005", "1200.505"), ("1200.50 - 1200.505", "-0.005"), ("0.125 * 2", "0.250"),
        ("1200.50 * 0.005", "6.00250"), ("7 / 2", "3.5"), ("10 / 2", "5"), ("1 / 3", "0.333333"),
        ("2 / 3", "0.666667"), ("-7 / 2", "-3.5"), ("1200.50 / 4", "300.125"), ("1.50 / 1", "1.50"),
        ("1 / 3.0000000", "0.3333333"), ("round(2.345, 2)", "2.34"), ("round(2.355, 2)", "2.36"),
        ("round(-2.5)", "-2"), ("round(2.5)", "2"), ("round(3.5)", "4"), ("round(1.5, 3)", "1.500"),
        ("round(7)", "7"), ("3 * 4 - 2 * 5", "2"), ("2 - 3 - 4", "-5"), ("2 * (3 + 4)", "14"),
        ("-(2 - 5)", "3"),
        ("8 / 2 / 2", "2"), ("1 - -1", "2"), ("amount -0.50", "1200.00"), ("amount * 2", "2401.00"),
        ("amount + null", "null"), ("9223372036854775806 + 1", "9223372036854775807"),
    ]

    @Test("Integers and exact decimals compute exactly; quotients round half-even", arguments: numbers)
    func exactNumbers(_ expression: String, _ expected: String) throws {
        #expect(try fixture.rows("find promises where id = 1 select \(expression)") == [[expected]])
    }

    static let times: [(String, String)] = [
        ("made + 1d", "2026-11-26T12:00:00Z"), ("made + 2bd", "2026-11-27T12:00:00Z"),
        ("made - 1bd", "2026-11-24T12:00:00Z"), ("made + 3bh", "2026-11-25T15:00:00Z"),
        ("made + 7bh", "2026-11-26T10:00:00Z"), ("made + 90min", "2026-11-25T13:30:00Z"),
        ("made -1mo", "2026-10-25T12:00:00Z"), ("2d + made", "2026-11-27T12:00:00Z"),
        ("due - made", "-P2DT12H1S"), ("late_by", "P2DT12H1S"), ("late_by + 1h", "P2DT13H1S"),
        ("late_by + 2d", "P4DT12H1S"), ("late_by * 2", "P5DT2S"), ("late_by / 2", "P1DT6H"),
        ("hours(late_by)", "60"), ("days(late_by)", "2"), ("days(-late_by)", "-2"), ("days(2w)", "14"),
        ("made + (due - made)", "2026-11-22T23:59:59Z"), ("made - late_by", "2026-11-22T23:59:59Z"),
        ("working_days(made, due)", "-2"), ("working_days(due, made)", "2"),
        ("2026-11-27T09:30 + 24bh", "2026-12-01T15:30:00Z"), ("now + 2bd", "2026-11-27T12:00:00Z"),
    ]

    @Test("Times move by offsets on the calendar; times subtract to durations", arguments: times)
    func timesAndDurations(_ expression: String, _ expected: String) throws {
        #expect(try fixture.rows("find promises where id = 1 select \(expression)") == [[expected]])
    }

    @Test func theReadmeArithmeticExamplesRun() throws {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        var readme: String?
        for _ in 0..<4 {
            directory = directory.deletingLastPathComponent()
            readme = try? String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
            if readme != nil { break }
        }
        let text = try #require(readme)
        let start = try #require(text.range(of: "Arithmetic works wherever a value does"))
        let block = try #require(text[start.upperBound...].components(separatedBy: "```").dropFirst().first)
        let statements = block.split(separator: "\n").filter { !$0.isEmpty }
        #expect(statements.count == 5)
        for statement in statements {
            _ = try fixture.session.execute(String(statement))
        }
    }

    @Test func comparisonsWithComputedValues() throws {
        #expect(try fixture.column("find promises where late_by > 2d") == ["1"])
        #expect(try fixture.column("find promises where late_by > 1d order by id") == ["1", "3"])
        #expect(try fixture.column("find promises where 2d < late_by") == ["1"])
        #expect(try fixture.column("find promises where resolved > due + 1d") == ["3"])
        #expect(try fixture.column("find promises where resolved > due + 2d") == [])
        #expect(try fixture.column("find promises where due < now + 2bd order by id") == ["1", "3", "4"])
        #expect(try fixture.column("find promises where now + 2bd > due order by id") == ["1", "3", "4"])
        #expect(try fixture.column("find promises where (due - made) > -1d order by id") == ["2", "4"])
        #expect(try fixture.column("find promises where days(due - made) = 15") == ["2"])
        #expect(try fixture.column("find promises where amount * 2 > 100") == ["1"])
        #expect(
            try fixture.column("find promises where due - 1d in (2026-11-21, 2026-12-09) order by id") == [
                "1", "2",
            ])
        #expect(try fixture.column("find promises where amount / 2 is null order by id") == ["2", "3"])
        #expect(try fixture.column("find promises where working_days(made, due) > 10") == ["2"])
    }

    @Test func orderingByComputedValuesAndAliases() throws {
        #expect(try fixture.column("find promises order by due - made desc") == ["2", "4", "1", "3"])
        #expect(
            try fixture.column("find promises select id, due - made as span order by span") == [
                "3", "1", "4", "2",
            ])
        #expect(
            try fixture.rows(
                "find promises group by status select status, count(), days(now - 2026-11-20) order by status"
            )
                == [["pending", "3", "5"], ["kept", "1", "5"]])
    }

    @Test func updatesComputeFromTheRecordAsItWas() throws {
        _ = try fixture.session.execute(
            "update promises where overdue and owner = \"li.wei\" set due = due + 2bd")
        // Sunday 2026-11-22 23:59:59 is outside the hours: counting starts Monday 09:00.
        #expect(
            try fixture.rows("find promises where id in (1, 4) select id, due order by id") == [
                ["1", "2026-11-25T09:00:00Z"], ["4", "2026-11-26T17:00:00Z"],
            ])
        _ = try fixture.session.execute("update promise 2 set made = due, due = made, amount = 3 * 2")
        #expect(
            try fixture.rows("get promise 2").first.map { [$0[5], $0[6], $0[10]] }
                == ["2026-12-10T23:59:59Z", "2026-11-25T12:00:00Z", "6"])
        _ = try fixture.session.execute("update promise 1 set amount = amount * 2")
        #expect(try fixture.rows("find promises where id = 1 select amount") == [["2401.00"]])
        let inserted = try fixture.session.execute(
            "insert promise {customer: 1, title: \"x\", due: 2026-11-27T09:30 + 24bh, amount: 100 / 3}")
        #expect(
            inserted[0].rows[0][6]
                == .timestamp(Timestamp(year: 2026, month: 12, day: 1, hour: 15, minute: 30)))
        #expect(inserted[0].rows[0][10] == .decimal(try #require(ExactDecimal(parsing: "33.333333"))))
    }

    static let errors: [(String, DiagnosticID, String, String)] = [
        (
            "find promises where due + made > now", .typeMismatch,
            "cannot add a timestamp to a timestamp; subtract them to get a duration", "due + made"
        ),
        (
            "find promises where late_by > 2bd", .typeMismatch,
            "2bd has no fixed length: add it to a time, as in due + 2bd", "2bd"
        ),
        (
            "find promises where due > 2d", .typeMismatch,
            "2d is a length of time: add it to a time (now + 2d), or write +2d for 2d from now", "2d"
        ),
        (
            "find promises where title + 1 = 2", .typeMismatch, "cannot add an integer to a string",
            "title + 1"
        ),
        (
            "find promises where late_by > due + 1d", .typeMismatch,
            "cannot compare a duration with a timestamp",
            "late_by > due + 1d"
        ),
        (
            "find promises where due - 2 > now", .typeMismatch,
            "cannot subtract an integer from a timestamp; add a length of time such as 2d or 24bh", "due - 2"
        ),
        (
            "find promises where 2d * 3 > late_by", .typeMismatch,
            "a length of time cannot be multiplied or divided; write it whole, as in 6d", "2d * 3"
        ),
        ("find promises where -due > now", .typeMismatch, "cannot negate a timestamp", "-due"),
        (
            "find promises where tags + 1d > now", .typeMismatch,
            "cannot add 1d to a set of tags; a length of time goes with a time, as in due + 2d", "tags + 1d"
        ),
        (
            "find promises select dayz(late_by)", .unknownFunction,
            "unknown function 'dayz' (there are days, hours, round, working_days)", "dayz"
        ),
        (
            "find promises select days(due)", .typeMismatch,
            "days() takes a duration, not a timestamp (subtract two times for one: resolved - due)", "due"
        ),
        (
            "find promises select days(late_by, 2)", .typeMismatch,
            "days() takes one duration, as in days(late_by) or days(resolved - due)", "days(late_by, 2)"
        ),
        (
            "find promises select working_days(made, due, \"cn\")", .unknownCalendar,
            "unknown calendar 'cn' (this store has no calendars)", "\"cn\""
        ),
        (
            "find promises select round(amount, 19)", .typeMismatch,
            "round() keeps 0 to 18 decimal places, written as a whole number", "19"
        ),
        (
            "find promises where sum(amount) > 1", .aggregateNotAllowed,
            "sum() is an aggregate: it goes on its own in select, as in select sum(amount)", "sum(amount)"
        ),
        (
            "find promises select 9223372036854775807 + 1", .arithmeticError,
            "9223372036854775807 + 1 does not fit in a whole number (arithmetic overflow)",
            "9223372036854775807 + 1"
        ),
        ("find promises where 1 / 0 = 1", .arithmeticError, "division by zero", "1 / 0"),
        (
            "find promises where amount / (amount - amount) > 1", .arithmeticError, "division by zero",
            "amount / (amount - amount)"
        ),
        (
            "find promises where due < now + 100001bd", .arithmeticError,
            "offset '+100001bd' is too far to count in working time (at most 100000bd)", "now + 100001bd"
        ),
        (
            "insert promise {customer: 1, title: \"x\", due: made + 2bd}", .typeMismatch,
            "due takes a value known before any record is read, but 'made + 2bd' reads a field", "made + 2bd"
        ),
        (
            "find promises group by status select status, days(late_by)", .aggregateNotAllowed,
            "late_by is neither grouped nor aggregated (add it to group by, or use min(late_by))",
            "days(late_by)"
        ),
        (
            "update promise 1 set due = due + late_by * 20000000", .arithmeticError,
            "the time is beyond the years -99999 to 99999", "due + late_by * 20000000"
        ),
        (
            "update promise 1 set due = due + late_by * 99999999999", .arithmeticError,
            "the duration is too long (arithmetic overflow)", "late_by * 99999999999"
        ),
        (
            "update promise 1 set title = amount * 2", .typeMismatch,
            "title is a string, not a decimal (write a quoted string such as \"Acme\")", "amount * 2"
        ),
    ]

    @Test("Bad arithmetic is an error with a caret under the expression", arguments: errors)
    func errorsPointAtTheExpression(_ source: String, _ id: DiagnosticID, _ message: String, _ marked: String)
        throws
    {
        let before = try fixture.counts()
        let error = try #require(fixture.error(source), "\(source) ran")
        #expect(error.diagnostic.id == id)
        #expect(error.diagnostic.message == message)
        let range = error.diagnostic.range
        let utf8 = Array(source.utf8)
        let text = String(decoding: utf8[range.start.offset..<range.end.offset], as: UTF8.self)
        #expect(text == marked)
        #expect(try fixture.counts() == before)
    }

    @Test func aConstantComputationIsPlannedLikeALiteral() throws {
        func access(_ statement: String) throws -> String? {
            try fixture.column("explain " + statement, "plan").first { $0.hasPrefix("access: ") }
        }
        #expect(
            try access("find promises where due < now + 2bd")
                == "access: index promise.status_due (every status, due < 2026-11-27T12:00:00Z)")
        #expect(
            try access("find promises where status = pending and due < now + 2bd")
                == "access: index promise.status_due (status in pending, due < 2026-11-27T12:00:00Z)")
        #expect(
            try access("find promises where now + 2bd > due and status = pending")
                == "access: index promise.status_due (status in pending, due < 2026-11-27T12:00:00Z)")
        #expect(
            try access("find interactions where at >= now - 30d")
                == "access: index interaction.kind_at (every kind, at >= 2026-10-26T12:00:00Z)")
        // A computation that reads the record cannot seek an index.
        #expect(try access("find promises where due - 1d < now") == "access: full table scan")
    }
}
