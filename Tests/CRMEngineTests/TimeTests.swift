import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import Testing

/// One evaluation: at `clock` (ISO text with its offset) in `zone`, the time expression
/// `expression` (as written in a query) gives `expected`: an instant formatted in the zone, or a
/// range as `start ..< end`.
struct TimeCase: Sendable, CustomTestStringConvertible {
    let clock: String
    let zone: String
    let expression: String
    let expected: String

    init(_ clock: String, _ zone: String, _ expression: String, _ expected: String) {
        self.clock = clock
        self.zone = zone
        self.expression = expression
        self.expected = expected
    }

    var testDescription: String { "\(expression) at \(clock) in \(zone)" }
}

extension TimeCase {
    /// A context whose clock reads `clock` (ISO text with an offset) in the zone named `zone`.
    static func context(_ clock: String, _ zone: String) throws -> TimeContext {
        let timeZone = try #require(TimeContext.timeZone(named: zone), "unknown zone \(zone)")
        let now = try #require(
            TimeContext(now: Timestamp(microseconds: 0), timeZone: timeZone).parseInstant(clock),
            "bad clock \(clock)")
        return TimeContext(now: now, timeZone: timeZone)
    }

    /// The time literal in `find interactions where at = TEXT`, parsed by the real parser.
    static func literal(_ text: String) throws -> TimeLiteral {
        let result = Parser.parse("find interactions where at = \(text)")
        #expect(result.isValid, "\(result.diagnostics)")
        let statement = try #require(result.script.statements.first)
        var found: TimeLiteral?
        if case .find(let find) = statement.kind, let filter = find.filter,
            case .comparison(_, _, let value) = filter.kind, case .time(let literal) = value.kind
        {
            found = literal
        }
        return try #require(found, "'\(text)' is not a time literal: \(statement.dump)")
    }

    /// `range` as `start ..< end`, each formatted in the context's zone.
    static func describe(_ range: Range<Timestamp>, in time: TimeContext) -> String {
        time.format(range.lowerBound) + " ..< " + time.format(range.upperBound)
    }

    /// The bounds that results are clamped to: -99999-01-01T00:00:00Z and 99999-12-31T23:59:59.999999Z.
    static let earliest = Timestamp(year: -99_999, month: 1, day: 1)
    static let latest = Timestamp(year: 100_000, month: 1, day: 1).adding(microseconds: -1)
}

@Suite("Time: offsets, instants and ranges")
struct TimeTests {
    static let offsets: [TimeCase] = [
        // Every unit, from Friday 2026-11-27 10:00 in Shanghai.
        TimeCase("2026-11-27T10:00:00+08:00", "Asia/Shanghai", "+90min", "2026-11-27T11:30:00+08:00"),
        TimeCase("2026-11-27T10:00:00+08:00", "Asia/Shanghai", "-90min", "2026-11-27T08:30:00+08:00"),
        TimeCase("2026-11-27T10:00:00+08:00", "Asia/Shanghai", "+24h", "2026-11-28T10:00:00+08:00"),
        TimeCase("2026-11-27T10:00:00+08:00", "Asia/Shanghai", "-30d", "2026-10-28T10:00:00+08:00"),
        TimeCase("2026-11-27T10:00:00+08:00", "Asia/Shanghai", "+2w", "2026-12-11T10:00:00+08:00"),
        TimeCase("2026-11-27T10:00:00+08:00", "Asia/Shanghai", "-3mo", "2026-08-27T10:00:00+08:00"),
        TimeCase("2026-11-27T10:00:00+08:00", "Asia/Shanghai", "+1y", "2027-11-27T10:00:00+08:00"),
        TimeCase("2026-11-27T10:00:00+08:00", "Asia/Shanghai", "+1bd", "2026-11-30T10:00:00+08:00"),
        TimeCase("2026-11-27T10:00:00+08:00", "Asia/Shanghai", "now", "2026-11-27T10:00:00+08:00"),
        // Working days: across weekends and month ends, both ways.
        TimeCase("2026-11-27T10:00:00Z", "UTC", "+0bd", "2026-11-27T10:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "-1bd", "2026-11-26T10:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "+3bd", "2026-12-02T10:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "+5bd", "2026-12-04T10:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "-6bd", "2026-11-19T10:00:00Z"),
        TimeCase("2026-11-25T09:00:00Z", "UTC", "+5bd", "2026-12-02T09:00:00Z"),
        TimeCase("2026-11-25T09:00:00Z", "UTC", "+2bd", "2026-11-27T09:00:00Z"),
        TimeCase("2026-11-25T09:00:00Z", "UTC", "+3bd", "2026-11-30T09:00:00Z"),
        TimeCase("2026-11-30T09:00:00Z", "UTC", "-1bd", "2026-11-27T09:00:00Z"),
        TimeCase("2026-11-30T09:00:00Z", "UTC", "+10bd", "2026-12-14T09:00:00Z"),
        // Outside working hours (09:00-18:00 by default) counting starts at the next opening,
        // or for -N at the previous closing: Saturday + 1bd is Tuesday 09:00.
        TimeCase("2026-11-28T15:00:00Z", "UTC", "+1bd", "2026-12-01T09:00:00Z"),
        TimeCase("2026-11-28T15:00:00Z", "UTC", "+5bd", "2026-12-07T09:00:00Z"),
        TimeCase("2026-11-28T15:00:00Z", "UTC", "-1bd", "2026-11-26T18:00:00Z"),
        TimeCase("2026-11-29T15:00:00Z", "UTC", "+1bd", "2026-12-01T09:00:00Z"),
        TimeCase("2026-11-29T15:00:00Z", "UTC", "-1bd", "2026-11-26T18:00:00Z"),
        TimeCase("2026-11-29T15:00:00Z", "UTC", "+0bd", "2026-11-29T15:00:00Z"),
        TimeCase("2026-06-30T08:00:00Z", "UTC", "+1bd", "2026-07-01T09:00:00Z"),
        TimeCase("2026-04-30T08:00:00Z", "UTC", "+2bd", "2026-05-04T09:00:00Z"),
        TimeCase("2026-06-01T08:00:00Z", "UTC", "-1bd", "2026-05-28T18:00:00Z"),
        TimeCase("2026-12-31T08:00:00Z", "UTC", "+1bd", "2027-01-01T09:00:00Z"),
        TimeCase("2027-01-01T08:00:00Z", "UTC", "+1bd", "2027-01-04T09:00:00Z"),
        TimeCase("2026-11-27T17:59:00Z", "UTC", "+1bd", "2026-11-30T17:59:00Z"),
        TimeCase("2026-11-27T18:00:00Z", "UTC", "+1bd", "2026-12-01T09:00:00Z"),
        TimeCase("2026-11-27T18:00:00Z", "UTC", "-1bd", "2026-11-26T18:00:00Z"),
        // The weekday and the hours are the local ones: Friday 23:00 UTC is Saturday 07:00 in
        // Shanghai.
        TimeCase("2026-11-27T23:00:00Z", "UTC", "+1bd", "2026-12-01T09:00:00Z"),
        TimeCase("2026-11-27T23:00:00Z", "Asia/Shanghai", "+1bd", "2026-12-01T09:00:00+08:00"),
        TimeCase("2026-11-27T03:00:00Z", "Asia/Shanghai", "+1bd", "2026-11-30T11:00:00+08:00"),
        // Working hours: only time inside the hours counts; the result may be a closing time.
        TimeCase("2026-11-27T10:00:00Z", "UTC", "+2bh", "2026-11-27T12:00:00Z"),
        TimeCase("2026-11-27T17:00:00Z", "UTC", "+2bh", "2026-11-30T10:00:00Z"),
        TimeCase("2026-11-30T09:00:00Z", "UTC", "+9bh", "2026-11-30T18:00:00Z"),
        TimeCase("2026-11-28T15:00:00Z", "UTC", "+1bh", "2026-11-30T10:00:00Z"),
        TimeCase("2026-11-30T10:00:00Z", "UTC", "-2bh", "2026-11-27T17:00:00Z"),
        TimeCase("2026-11-30T18:00:00Z", "UTC", "-9bh", "2026-11-30T09:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "+0bh", "2026-11-27T10:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "+45bh", "2026-12-04T10:00:00Z"),
        // Months clamp to the month's last day; years from Feb 29.
        TimeCase("2026-01-31T12:00:00Z", "UTC", "+1mo", "2026-02-28T12:00:00Z"),
        TimeCase("2028-01-31T12:00:00Z", "UTC", "+1mo", "2028-02-29T12:00:00Z"),
        TimeCase("2026-03-31T12:00:00Z", "UTC", "-1mo", "2026-02-28T12:00:00Z"),
        TimeCase("2026-08-31T12:00:00Z", "UTC", "+13mo", "2027-09-30T12:00:00Z"),
        TimeCase("2028-02-29T12:00:00Z", "UTC", "+1y", "2029-02-28T12:00:00Z"),
        TimeCase("2028-02-29T12:00:00Z", "UTC", "-4y", "2024-02-29T12:00:00Z"),
        // DST in New York: calendar units keep the wall clock, hours and minutes do not.
        TimeCase("2026-03-07T10:00:00-05:00", "America/New_York", "+1d", "2026-03-08T10:00:00-04:00"),
        TimeCase("2026-03-07T10:00:00-05:00", "America/New_York", "+24h", "2026-03-08T11:00:00-04:00"),
        TimeCase("2026-03-09T10:00:00-04:00", "America/New_York", "-1d", "2026-03-08T10:00:00-04:00"),
        TimeCase("2026-03-09T10:00:00-04:00", "America/New_York", "-2d", "2026-03-07T10:00:00-05:00"),
        TimeCase("2026-10-31T10:00:00-04:00", "America/New_York", "+1d", "2026-11-01T10:00:00-05:00"),
        TimeCase("2026-10-31T10:00:00-04:00", "America/New_York", "+24h", "2026-11-01T09:00:00-05:00"),
        TimeCase("2026-03-05T09:00:00-05:00", "America/New_York", "+1w", "2026-03-12T09:00:00-04:00"),
        TimeCase("2026-02-15T09:00:00-05:00", "America/New_York", "+1mo", "2026-03-15T09:00:00-04:00"),
        TimeCase("2026-03-06T09:00:00-05:00", "America/New_York", "+1bd", "2026-03-09T09:00:00-04:00"),
        TimeCase("2026-03-08T01:59:00-05:00", "America/New_York", "+1min", "2026-03-08T03:00:00-04:00"),
        // A wall time in the spring gap moves forward by the gap; a repeated one takes the first.
        TimeCase("2026-03-07T02:30:00-05:00", "America/New_York", "+1d", "2026-03-08T03:30:00-04:00"),
        TimeCase("2026-10-31T01:30:00-04:00", "America/New_York", "+1d", "2026-11-01T01:30:00-04:00"),
        TimeCase("2026-11-02T01:30:00-05:00", "America/New_York", "-1d", "2026-11-01T01:30:00-04:00"),
        // Too far clamps to the supported span instead of trapping.
        TimeCase("2026-11-27T10:00:00Z", "UTC", "+999999999y", "99999-12-31T23:59:59.999999Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "-999999999y", "-99999-01-01T00:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "+9223372036854775807min", "99999-12-31T23:59:59.999999Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "-9223372036854775807h", "-99999-01-01T00:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "+9223372036854775807d", "99999-12-31T23:59:59.999999Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "-9223372036854775807w", "-99999-01-01T00:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "+9223372036854775807mo", "99999-12-31T23:59:59.999999Z"),
    ]

    @Test("An offset or now is an instant", arguments: offsets)
    func offsetInstant(_ row: TimeCase) throws {
        let time = try TimeCase.context(row.clock, row.zone)
        let literal = try TimeCase.literal(row.expression)
        #expect(time.format(try time.instant(literal)) == row.expected)
        #expect(time.range(literal) == nil)
        if case .offset(let offset) = literal {
            #expect(try time.apply(offset, to: time.now) == (try time.instant(literal)))
        }
    }

    @Test(
        "A working-time offset too far to count is an error, not a clamp",
        arguments: [
            ("+100001bd", "at most 100000bd"), ("-9223372036854775807bd", "at most 100000bd"),
            ("+1000001bh", "at most 1000000bh"),
        ])
    func workingTimeTooFar(_ text: String, _ limit: String) throws {
        let time = try TimeCase.context("2026-11-27T10:00:00Z", "UTC")
        let literal = try TimeCase.literal(text)
        do {
            _ = try time.instant(literal)
            Issue.record("\(text) gave an instant")
        } catch {
            #expect(error.message == "offset '\(text)' is too far to count in working time (\(limit))")
        }
        // The most allowed is counted: 100000 working days of five a week is 20000 weeks.
        let most = try time.apply(
            RelativeOffset(isNegative: false, amount: 100_000, unit: .businessDays), to: time.now)
        #expect(time.format(most) == "2410-03-19T10:00:00Z")
    }

    static let instants: [TimeCase] = [
        TimeCase("2026-11-27T10:00:00Z", "UTC", "2026-12-01", "2026-12-01T00:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "Asia/Shanghai", "2026-12-01", "2026-12-01T00:00:00+08:00"),
        TimeCase("2026-11-27T10:00:00Z", "America/New_York", "2026-12-01", "2026-12-01T00:00:00-05:00"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "2026-12-01T17:00", "2026-12-01T17:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "Asia/Shanghai", "2026-12-01T17:00", "2026-12-01T17:00:00+08:00"),
        TimeCase("2026-11-27T10:00:00Z", "Asia/Shanghai", "2026-12-01T17:00:30", "2026-12-01T17:00:30+08:00"),
        TimeCase(
            "2026-11-27T10:00:00Z", "Asia/Shanghai", "2026-12-01T17:00:00Z", "2026-12-02T01:00:00+08:00"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "2026-12-01T17:00:00+08:00", "2026-12-01T09:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "2026-12-01T17:00-05:00", "2026-12-01T22:00:00Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "Asia/Shanghai", "2026-12-01T17:00:00+08:00",
            "2026-12-01T17:00:00+08:00"),
        TimeCase("2026-11-27T10:00:00Z", "America/New_York", "2026-07-01T12:00", "2026-07-01T12:00:00-04:00"),
        TimeCase("2026-11-27T10:00:00Z", "America/New_York", "2026-03-08T02:30", "2026-03-08T03:30:00-04:00"),
        TimeCase("2026-11-27T10:00:00Z", "America/New_York", "2026-11-01T01:30", "2026-11-01T01:30:00-04:00"),
        TimeCase(
            "2026-11-27T10:00:00Z", "America/New_York", "2026-11-01T01:30-05:00",
            "2026-11-01T01:30:00-05:00"),
    ]

    @Test(
        "A date is its first instant; a date-time is read in the zone unless it has one", arguments: instants)
    func literalInstant(_ row: TimeCase) throws {
        let time = try TimeCase.context(row.clock, row.zone)
        let literal = try TimeCase.literal(row.expression)
        #expect(time.format(try time.instant(literal)) == row.expected)
        if case .dateTime = literal {
            #expect(time.range(literal) == nil)
            #expect(try time.instant(literal, endOfDay: true) == time.instant(literal))
        }
    }

    static let endsOfDay: [TimeCase] = [
        TimeCase("2026-11-27T10:00:00Z", "UTC", "2026-12-01", "2026-12-01T23:59:59Z"),
        TimeCase("2026-11-27T10:00:00Z", "Asia/Shanghai", "2026-12-01", "2026-12-01T23:59:59+08:00"),
        TimeCase("2026-11-27T10:00:00Z", "America/New_York", "2026-03-08", "2026-03-08T23:59:59-04:00"),
        TimeCase("2026-11-27T10:00:00Z", "America/New_York", "2026-11-01", "2026-11-01T23:59:59-05:00"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "2028-02-29", "2028-02-29T23:59:59Z"),
    ]

    @Test("A date with endOfDay is its last second", arguments: endsOfDay)
    func endOfDay(_ row: TimeCase) throws {
        let time = try TimeCase.context(row.clock, row.zone)
        #expect(
            time.format(try time.instant(try TimeCase.literal(row.expression), endOfDay: true))
                == row.expected)
    }

    static let ranges: [TimeCase] = [
        // Bare dates are one local day.
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "2026-12-01", "2026-12-01T00:00:00Z ..< 2026-12-02T00:00:00Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "Asia/Shanghai", "2026-12-01",
            "2026-12-01T00:00:00+08:00 ..< 2026-12-02T00:00:00+08:00"),
        TimeCase(
            "2026-11-27T10:00:00Z", "America/New_York", "2026-03-08",
            "2026-03-08T00:00:00-05:00 ..< 2026-03-09T00:00:00-04:00"),
        TimeCase(
            "2026-11-27T10:00:00Z", "America/New_York", "2026-12-31",
            "2026-12-31T00:00:00-05:00 ..< 2027-01-01T00:00:00-05:00"),
        // today, yesterday, tomorrow.
        TimeCase("2026-11-27T10:00:00Z", "UTC", "today", "2026-11-27T00:00:00Z ..< 2026-11-28T00:00:00Z"),
        TimeCase("2026-11-26T17:00:00Z", "UTC", "today", "2026-11-26T00:00:00Z ..< 2026-11-27T00:00:00Z"),
        TimeCase(
            "2026-11-26T17:00:00Z", "Asia/Shanghai", "today",
            "2026-11-27T00:00:00+08:00 ..< 2026-11-28T00:00:00+08:00"),
        TimeCase(
            "2026-11-27T23:30:00+08:00", "Asia/Shanghai", "today",
            "2026-11-27T00:00:00+08:00 ..< 2026-11-28T00:00:00+08:00"),
        TimeCase(
            "2026-11-27T00:00:00+08:00", "Asia/Shanghai", "yesterday",
            "2026-11-26T00:00:00+08:00 ..< 2026-11-27T00:00:00+08:00"),
        TimeCase("2026-12-31T10:00:00Z", "UTC", "tomorrow", "2027-01-01T00:00:00Z ..< 2027-01-02T00:00:00Z"),
        TimeCase(
            "2026-03-08T12:00:00-04:00", "America/New_York", "today",
            "2026-03-08T00:00:00-05:00 ..< 2026-03-09T00:00:00-04:00"),
        TimeCase(
            "2026-11-01T12:00:00-05:00", "America/New_York", "today",
            "2026-11-01T00:00:00-04:00 ..< 2026-11-02T00:00:00-05:00"),
        TimeCase(
            "2026-03-09T08:00:00-04:00", "America/New_York", "yesterday",
            "2026-03-08T00:00:00-05:00 ..< 2026-03-09T00:00:00-04:00"),
        TimeCase(
            "2026-10-31T20:00:00-04:00", "America/New_York", "tomorrow",
            "2026-11-01T00:00:00-04:00 ..< 2026-11-02T00:00:00-05:00"),
        // ISO weeks start on Monday.
        TimeCase("2026-11-29T15:00:00Z", "UTC", "this week", "2026-11-23T00:00:00Z ..< 2026-11-30T00:00:00Z"),
        TimeCase("2026-11-30T00:00:00Z", "UTC", "this week", "2026-11-30T00:00:00Z ..< 2026-12-07T00:00:00Z"),
        TimeCase("2026-11-30T09:00:00Z", "UTC", "last week", "2026-11-23T00:00:00Z ..< 2026-11-30T00:00:00Z"),
        TimeCase("2026-11-29T23:59:59Z", "UTC", "next week", "2026-11-30T00:00:00Z ..< 2026-12-07T00:00:00Z"),
        TimeCase("2026-12-31T09:00:00Z", "UTC", "this week", "2026-12-28T00:00:00Z ..< 2027-01-04T00:00:00Z"),
        TimeCase(
            "2026-11-29T20:00:00Z", "Asia/Shanghai", "this week",
            "2026-11-30T00:00:00+08:00 ..< 2026-12-07T00:00:00+08:00"),
        TimeCase(
            "2026-03-10T09:00:00-04:00", "America/New_York", "this week",
            "2026-03-09T00:00:00-04:00 ..< 2026-03-16T00:00:00-04:00"),
        TimeCase(
            "2026-03-10T09:00:00-04:00", "America/New_York", "last week",
            "2026-03-02T00:00:00-05:00 ..< 2026-03-09T00:00:00-04:00"),
        // Months, quarters (one in each), years.
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "this month", "2026-11-01T00:00:00Z ..< 2026-12-01T00:00:00Z"),
        TimeCase(
            "2026-11-27T10:00:00-05:00", "America/New_York", "last month",
            "2026-10-01T00:00:00-04:00 ..< 2026-11-01T00:00:00-04:00"),
        TimeCase(
            "2026-12-15T10:00:00Z", "UTC", "next month", "2027-01-01T00:00:00Z ..< 2027-02-01T00:00:00Z"),
        TimeCase(
            "2026-01-31T10:00:00Z", "UTC", "next month", "2026-02-01T00:00:00Z ..< 2026-03-01T00:00:00Z"),
        TimeCase(
            "2026-02-10T10:00:00Z", "UTC", "this quarter", "2026-01-01T00:00:00Z ..< 2026-04-01T00:00:00Z"),
        TimeCase(
            "2026-05-20T10:00:00Z", "UTC", "this quarter", "2026-04-01T00:00:00Z ..< 2026-07-01T00:00:00Z"),
        TimeCase(
            "2026-08-31T10:00:00Z", "UTC", "this quarter", "2026-07-01T00:00:00Z ..< 2026-10-01T00:00:00Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "this quarter", "2026-10-01T00:00:00Z ..< 2027-01-01T00:00:00Z"),
        TimeCase(
            "2026-02-10T10:00:00Z", "UTC", "last quarter", "2025-10-01T00:00:00Z ..< 2026-01-01T00:00:00Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "next quarter", "2027-01-01T00:00:00Z ..< 2027-04-01T00:00:00Z"),
        TimeCase(
            "2026-03-31T20:00:00-04:00", "America/New_York", "this quarter",
            "2026-01-01T00:00:00-05:00 ..< 2026-04-01T00:00:00-04:00"),
        TimeCase(
            "2026-03-31T20:00:00-04:00", "UTC", "this quarter",
            "2026-04-01T00:00:00Z ..< 2026-07-01T00:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "this year", "2026-01-01T00:00:00Z ..< 2027-01-01T00:00:00Z"),
        TimeCase("2026-11-27T10:00:00Z", "UTC", "last year", "2025-01-01T00:00:00Z ..< 2026-01-01T00:00:00Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "Asia/Shanghai", "next year",
            "2027-01-01T00:00:00+08:00 ..< 2028-01-01T00:00:00+08:00"),
        // Rolling ranges include now when looking back and start at now when looking ahead.
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "last 30 days",
            "2026-10-28T10:00:00Z ..< 2026-11-27T10:00:00.000001Z"),
        TimeCase(
            "2026-11-27T10:00:00+08:00", "Asia/Shanghai", "last 30 days",
            "2026-10-28T10:00:00+08:00 ..< 2026-11-27T10:00:00.000001+08:00"),
        TimeCase(
            "2026-11-15T10:00:00-05:00", "America/New_York", "last 30 days",
            "2026-10-16T10:00:00-04:00 ..< 2026-11-15T10:00:00.000001-05:00"),
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "last 2 weeks",
            "2026-11-13T10:00:00Z ..< 2026-11-27T10:00:00.000001Z"),
        TimeCase(
            "2026-05-31T10:00:00Z", "UTC", "last 3 months",
            "2026-02-28T10:00:00Z ..< 2026-05-31T10:00:00.000001Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "next 7 days", "2026-11-27T10:00:00Z ..< 2026-12-04T10:00:00Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "next 2 weeks", "2026-11-27T10:00:00Z ..< 2026-12-11T10:00:00Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "next 1 month", "2026-11-27T10:00:00Z ..< 2026-12-27T10:00:00Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "last 0 days",
            "2026-11-27T10:00:00Z ..< 2026-11-27T10:00:00.000001Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "next 0 days", "2026-11-27T10:00:00Z ..< 2026-11-27T10:00:00Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "last 9223372036854775807 months",
            "-99999-01-01T00:00:00Z ..< 2026-11-27T10:00:00.000001Z"),
        TimeCase(
            "2026-11-27T10:00:00Z", "UTC", "next 9223372036854775807 days",
            "2026-11-27T10:00:00Z ..< 99999-12-31T23:59:59.999999Z"),
    ]

    @Test("A range or a bare date is a half-open span", arguments: ranges)
    func range(_ row: TimeCase) throws {
        let time = try TimeCase.context(row.clock, row.zone)
        let range = try #require(time.range(try TimeCase.literal(row.expression)))
        #expect(TimeCase.describe(range, in: time) == row.expected)
    }

    @Test(
        "A local day lasts 23, 24 or 25 hours",
        arguments: [
            ("2026-03-08T12:00:00-04:00", "America/New_York", 23),
            ("2026-11-01T12:00:00-05:00", "America/New_York", 25),
            ("2026-07-01T12:00:00-04:00", "America/New_York", 24),
            ("2026-03-08T12:00:00+08:00", "Asia/Shanghai", 24),
            ("2026-11-01T12:00:00Z", "UTC", 24),
        ])
    func dayLength(clock: String, zone: String, hours: Int64) throws {
        let time = try TimeCase.context(clock, zone)
        let today = try #require(time.range(.range(.today)))
        #expect(today.upperBound.microseconds - today.lowerBound.microseconds == hours * 3_600_000_000)
    }

    @Test(
        "A range is not one instant",
        arguments: [
            "today", "yesterday", "this week", "last quarter", "next year", "last 30 days", "next 2 weeks",
        ])
    func rangeIsNotAnInstant(_ text: String) throws {
        let time = try TimeCase.context("2026-11-27T10:00:00Z", "UTC")
        let literal = try TimeCase.literal(text)
        #expect(throws: TimeError.self) { try time.instant(literal) }
        do {
            _ = try time.instant(literal, endOfDay: true)
        } catch {
            #expect(error.message.contains("'\(text)' is a range of time, not one instant"))
        }
    }

    @Test(
        "Malformed date text in a hand-built AST is an error or nil, not a trap",
        arguments: [
            TimeLiteral.date("2026-02-30"), .date("2026-12-01T17:00"), .date(""), .date("２０２６-12-01"),
            .dateTime("2026-12-01"), .dateTime("2026-12-01T25:00"), .dateTime("2026-12-01T17:00+08"),
            .dateTime("2026-12-01T17:00:00.5Z"),
        ])
    func malformedText(_ literal: TimeLiteral) throws {
        let time = try TimeCase.context("2026-11-27T10:00:00Z", "UTC")
        #expect(throws: TimeError.self) { try time.instant(literal) }
        #expect(time.range(literal) == nil)
    }

    @Test("Now, date-times and offsets are not ranges")
    func instantsAreNotRanges() throws {
        let time = try TimeCase.context("2026-11-27T10:00:00Z", "UTC")
        #expect(time.range(.now) == nil)
        #expect(time.range(.dateTime("2026-12-01T17:00")) == nil)
        #expect(time.range(.offset(RelativeOffset(isNegative: false, amount: 1, unit: .days))) == nil)
        #expect(try time.instant(.now) == time.now)
    }

    @Test(
        "An extreme clock clamps instead of trapping",
        arguments: [Int64.max, Int64.min, 0, -1, 3_155_760_000_000_000_000, -3_155_760_000_000_000_000])
    func extremeClock(_ microseconds: Int64) throws {
        for zone in ["UTC", "Asia/Shanghai", "America/New_York", "+14:00", "-12:00"] {
            let timeZone = try #require(TimeContext.timeZone(named: zone))
            let time = TimeContext(now: Timestamp(microseconds: microseconds), timeZone: timeZone)
            #expect(!time.format(time.now).isEmpty)
            for unit in OffsetUnit.allCases {
                for isNegative in [false, true] {
                    for amount in [0, 1, Int.max] {
                        let offset = RelativeOffset(isNegative: isNegative, amount: amount, unit: unit)
                        if amount == Int.max, unit == .businessDays || unit == .businessHours {
                            // Working time is counted, not clamped: an absurd amount is an error.
                            #expect(throws: TimeError.self) { try time.apply(offset, to: time.now) }
                            continue
                        }
                        let moved = try time.apply(offset, to: time.now)
                        #expect(moved >= TimeCase.earliest && moved <= TimeCase.latest)
                    }
                }
            }
            let ranges: [TimeRange] =
                [.today, .yesterday, .tomorrow]
                + TimeRange.Direction.allCases.flatMap { direction in
                    TimeRange.CalendarUnit.allCases.map { TimeRange.calendar(direction, $0) }
                }
                + [TimeRange.Direction.last, .next].flatMap { direction in
                    TimeRange.RollingUnit.allCases.flatMap { unit in
                        [0, 1, Int.max].map { TimeRange.rolling(direction, count: $0, unit) }
                    }
                }
            for range in ranges {
                let span = try #require(time.range(.range(range)))
                #expect(
                    span.lowerBound >= TimeCase.earliest
                        && span.upperBound <= TimeCase.latest.adding(microseconds: 1))
            }
        }
    }

    /// Calendar arithmetic agrees with Foundation's `Calendar` wherever the wall time exists.
    @Test(
        "Day, week, month and year offsets agree with Foundation's Calendar",
        arguments: [
            "America/New_York", "Asia/Shanghai", "Europe/London", "Australia/Sydney",
        ])
    func agreesWithCalendar(_ zone: String) throws {
        let timeZone = try #require(TimeContext.timeZone(named: zone))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let units: [(OffsetUnit, Calendar.Component, Int)] = [
            (.days, .day, 1), (.days, .day, -40), (.weeks, .weekOfYear, 3), (.months, .month, 1),
            (.months, .month, -5), (.years, .year, 1),
        ]
        let start = try #require(
            TimeContext(now: Timestamp(microseconds: 0), timeZone: timeZone).parseInstant("2026-01-01T10:00"))
        for day in 0..<366 {
            let time = TimeContext(now: start, timeZone: timeZone)
            let base = try time.apply(RelativeOffset(isNegative: false, amount: day, unit: .days), to: start)
            for (unit, component, value) in units {
                let offset = RelativeOffset(isNegative: value < 0, amount: abs(value), unit: unit)
                let ours = try time.apply(offset, to: base)
                let date = Date(timeIntervalSince1970: TimeInterval(base.microseconds / 1_000_000))
                let theirs = try #require(calendar.date(byAdding: component, value: value, to: date))
                #expect(
                    ours.microseconds == Int64(theirs.timeIntervalSince1970) * 1_000_000,
                    "\(time.format(base)) \(offset)")
            }
        }
    }
}
