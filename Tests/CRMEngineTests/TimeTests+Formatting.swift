import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import Testing

@Suite("Time: zones, parsing and formatting")
struct TimeParsingTests {
    @Test(
        "Zone names and fixed offsets",
        arguments: [
            ("UTC", "GMT", 0), ("utc", "GMT", 0), ("GMT", "GMT", 0), ("Z", "GMT", 0),
            ("Asia/Shanghai", "Asia/Shanghai", 28_800), ("asia/shanghai", "Asia/Shanghai", 28_800),
            (":Asia/Shanghai", "Asia/Shanghai", 28_800), ("America/New_York", "America/New_York", -18_000),
            ("Asia/Kolkata", "Asia/Kolkata", 19_800), ("+08:00", "GMT+0800", 28_800),
            ("-05:00", "GMT-0500", -18_000), ("+0530", "GMT+0530", 19_800), ("+8", "GMT+0800", 28_800),
            ("-11", "GMT-1100", -39_600), ("UTC+8", "GMT+0800", 28_800), ("GMT-05:00", "GMT-0500", -18_000),
            ("+00:00", "GMT", 0), ("+18:00", "GMT+1800", 64_800),
        ])
    func knownZone(name: String, identifier: String, winterOffset: Int) throws {
        let zone = try #require(TimeContext.timeZone(named: name))
        #expect(zone.identifier == identifier)
        let january = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        #expect(zone.secondsFromGMT(for: january) == winterOffset)
    }

    @Test(
        "Unknown zones are nil",
        arguments: [
            "", "Mars/Olympus", "Asia/Shanghai ", " UTC", "+25:00", "+18:01", "+08:60", "+08:0", "+080",
            "08:00",
            "CST", "IST", "PST", "../etc/passwd", "Asia/../Asia/Shanghai", "UTC+", "+", "Europe/Lóndon",
            String(repeating: "A", count: 10_000),
        ])
    func unknownZone(_ name: String) {
        #expect(TimeContext.timeZone(named: name) == nil)
    }

    @Test(
        "parseInstant reads --now text in the session zone",
        arguments: [
            ("2026-11-25", "2026-11-25T00:00:00+08:00"),
            ("2026-11-25T12:00", "2026-11-25T12:00:00+08:00"),
            ("2026-11-25T12:00:00", "2026-11-25T12:00:00+08:00"),
            ("2026-11-25T12:00:59", "2026-11-25T12:00:59+08:00"),
            ("2026-11-25T12:00:00Z", "2026-11-25T20:00:00+08:00"),
            ("2026-11-25T12:00Z", "2026-11-25T20:00:00+08:00"),
            ("2026-11-25T12:00:00+08:00", "2026-11-25T12:00:00+08:00"),
            ("2026-11-25T12:00:00-05:00", "2026-11-26T01:00:00+08:00"),
            ("2026-11-25T12:00+05:30", "2026-11-25T14:30:00+08:00"),
            ("2026-11-25T12:00:00.25Z", "2026-11-25T20:00:00.250+08:00"),
            ("2026-11-25T12:00:00.000001+08:00", "2026-11-25T12:00:00.000001+08:00"),
            ("2028-02-29T23:59:59", "2028-02-29T23:59:59+08:00"),
            ("0000-01-01T00:00:00Z", "0000-01-01T08:05:43+08:05:43"),
            ("0000-01-01T08:05:43+08:05:43", "0000-01-01T08:05:43+08:05:43"),
            ("9999-12-31T23:59:59Z", "10000-01-01T07:59:59+08:00"),
        ])
    func parseInstant(text: String, expected: String) throws {
        let time = try TimeCase.context("2026-01-01T00:00:00Z", "Asia/Shanghai")
        let instant = try #require(time.parseInstant(text))
        #expect(time.format(instant) == expected)
    }

    @Test(
        "parseInstant refuses anything else",
        arguments: [
            "", "now", "today", "2026-11-31", "2026-02-29", "2026-13-01", "2026-00-10", "2026-11-00",
            "2026-11-25 12:00", "2026-11-25t12:00", "2026-11-25T12:00z", "2026-11-25T24:00",
            "2026-11-25T12:60",
            "2026-11-25T12:00:60", "2026-11-25T12", "2026-11-25T", "26-11-25", "2026-1-25", "2026-11-25Z",
            "2026-11-25+08:00", "2026-11-25T12:00+8", "2026-11-25T12:00+0800", "2026-11-25T12:00+15:00",
            "2026-11-25T12:00+08:60", " 2026-11-25", "2026-11-25 ", "2026-11-25T12:00:00.Z",
            "2026-11-25T12:00:00.1234567Z", "2026-11-25T12:00.5", "２０２６-11-25", "2026-11-25T12:00:00Z+08:00",
            "+2d", "-2026-11-25", "20261125",
        ])
    func parseInstantRefuses(_ text: String) throws {
        let time = try TimeCase.context("2026-01-01T00:00:00Z", "Asia/Shanghai")
        #expect(time.parseInstant(text) == nil)
    }

    @Test("A wall time in the zone: a gap moves forward, a repeat takes the earlier instant")
    func parseInstantAcrossDST() throws {
        let time = try TimeCase.context("2026-01-01T00:00:00Z", "America/New_York")
        #expect(time.parseInstant("2026-03-08T02:00").map(time.format) == "2026-03-08T03:00:00-04:00")
        #expect(time.parseInstant("2026-03-08T02:59:59").map(time.format) == "2026-03-08T03:59:59-04:00")
        #expect(time.parseInstant("2026-03-08T03:00").map(time.format) == "2026-03-08T03:00:00-04:00")
        #expect(time.parseInstant("2026-03-08T01:59:59").map(time.format) == "2026-03-08T01:59:59-05:00")
        #expect(time.parseInstant("2026-11-01T00:59:59").map(time.format) == "2026-11-01T00:59:59-04:00")
        #expect(time.parseInstant("2026-11-01T01:00").map(time.format) == "2026-11-01T01:00:00-04:00")
        #expect(time.parseInstant("2026-11-01T01:59:59").map(time.format) == "2026-11-01T01:59:59-04:00")
        #expect(time.parseInstant("2026-11-01T02:00").map(time.format) == "2026-11-01T02:00:00-05:00")
        #expect(
            time.parseInstant("2026-11-01T01:30:00-05:00").map(time.format) == "2026-11-01T01:30:00-05:00")
    }

    @Test(
        "format writes ISO 8601 with the zone's offset at that instant",
        arguments: [
            ("UTC", Timestamp(year: 2026, month: 12, day: 1, hour: 9).microseconds, "2026-12-01T09:00:00Z"),
            (
                "Asia/Shanghai", Timestamp(year: 2026, month: 12, day: 1, hour: 9).microseconds,
                "2026-12-01T17:00:00+08:00"
            ),
            (
                "+08:00", Timestamp(year: 2026, month: 12, day: 1, hour: 9).microseconds,
                "2026-12-01T17:00:00+08:00"
            ),
            (
                "America/New_York", Timestamp(year: 2026, month: 12, day: 1, hour: 9).microseconds,
                "2026-12-01T04:00:00-05:00"
            ),
            (
                "-05:00", Timestamp(year: 2026, month: 7, day: 1, hour: 9).microseconds,
                "2026-07-01T04:00:00-05:00"
            ),
            (
                "America/New_York", Timestamp(year: 2026, month: 7, day: 1, hour: 16).microseconds,
                "2026-07-01T12:00:00-04:00"
            ),
            (
                "Asia/Kolkata", Timestamp(year: 2026, month: 12, day: 1).microseconds,
                "2026-12-01T05:30:00+05:30"
            ),
            (
                "Asia/Shanghai", Timestamp(year: 2026, month: 12, day: 1, hour: 16).microseconds,
                "2026-12-02T00:00:00+08:00"
            ),
            (
                "UTC", Timestamp(seconds: 0).adding(microseconds: 123_456).microseconds,
                "1970-01-01T00:00:00.123456Z"
            ),
            (
                "UTC", Timestamp(seconds: 0).adding(microseconds: 120_000).microseconds,
                "1970-01-01T00:00:00.120Z"
            ),
            (
                "UTC", Timestamp(seconds: 0).adding(microseconds: 500_000).microseconds,
                "1970-01-01T00:00:00.500Z"
            ),
            (
                "UTC", Timestamp(seconds: 0).adding(microseconds: 100).microseconds,
                "1970-01-01T00:00:00.000100Z"
            ),
            (
                "+08:00", Timestamp(seconds: 0).adding(microseconds: 1_000).microseconds,
                "1970-01-01T08:00:00.001+08:00"
            ),
            ("UTC", Timestamp(microseconds: -1).microseconds, "1969-12-31T23:59:59.999999Z"),
            ("UTC", Timestamp(year: 0, month: 1, day: 1).microseconds, "0000-01-01T00:00:00Z"),
            ("UTC", Timestamp(year: -1, month: 12, day: 31).microseconds, "-0001-12-31T00:00:00Z"),
            ("UTC", Timestamp(microseconds: Int64.max).microseconds, "294247-01-10T04:00:54.775807Z"),
            ("UTC", Timestamp(microseconds: Int64.min).microseconds, "-290308-12-21T19:59:05.224192Z"),
            (
                "America/New_York", Timestamp(year: 1800, month: 1, day: 1).microseconds,
                "1799-12-31T19:03:58-04:56:02"
            ),
        ])
    func format(zone: String, microseconds: Int64, expected: String) throws {
        // Arguments are plain integers: `Timestamp.description` traps on `Int64.min`.
        let time = Timestamp(microseconds: microseconds)
        let context = TimeContext(now: time, timeZone: try #require(TimeContext.timeZone(named: zone)))
        #expect(context.format(time) == expected)
    }

    @Test("In UTC, format agrees with Timestamp.description, and parseInstant reads it back")
    func formatRoundTrips() throws {
        let utc = TimeContext(
            now: Timestamp(microseconds: 0), timeZone: try #require(TimeContext.timeZone(named: "UTC")))
        let shanghai = TimeContext(
            now: Timestamp(microseconds: 0),
            timeZone: try #require(TimeContext.timeZone(named: "Asia/Shanghai")))
        var generator = SystemRandomNumberGenerator()
        // Local years 0000 to 9999 in both zones: what parseInstant reads.
        let span: ClosedRange<Int64> = -62_167_132_800_000_000...253_402_214_399_999_999
        var samples: [Int64] = [0, 1, -1, 999_999, 1_000_000, -1_000_000, span.lowerBound, span.upperBound]
        for _ in 0..<500 {
            samples.append(Int64.random(in: span, using: &generator))
        }
        for microseconds in samples {
            let time = Timestamp(microseconds: microseconds)
            let text = utc.format(time)
            // Timestamp.description always writes six fractional digits; format trims to three.
            let described = time.description
            let trimmed =
                described.hasSuffix("000Z") && described.contains(".")
                ? String(described.dropLast(4)) + "Z" : described
            #expect(text == trimmed)
            #expect(utc.parseInstant(text) == time, "\(text)")
            #expect(shanghai.parseInstant(shanghai.format(time)) == time, "\(shanghai.format(time))")
        }
    }
}
