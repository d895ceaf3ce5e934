import CRMStore
import Foundation
import Testing

@testable import CRMEngine

/// Tables for people: box and Markdown styles, expanded records (psql's `\x`), timestamps to
/// the minute unless seconds matter.
@Suite("Output: table styles, expanded records, timestamps")
struct OutputLayoutTests {
    static func writer(
        maxWidth: Int? = nil, style: TableStyle = .plain, expanded: ExpandedMode = .off
    ) -> ResultWriter {
        let time = TimeContext(
            now: Timestamp(microseconds: 0), timeZone: TimeZone(identifier: "UTC") ?? .current)
        return ResultWriter(
            format: .table, maxWidth: maxWidth,
            table: TableOptions(
                style: style, expanded: expanded, formatTimestamp: { time.formatForTable($0, precision: $1) })
        )
    }

    @Test func boxStyleDrawsLines() {
        let text = Self.writer(style: .box).render(
            columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
        #expect(
            text
                == """
                ┌────┬──────────┬─────────┬───────────────┐
                │ id │ name     │  amount │ note          │
                ├────┼──────────┼─────────┼───────────────┤
                │  1 │ Acme Ltd │ 1200.50 │               │
                │  2 │ 西安重工 │    0.05 │ late delivery │
                └────┴──────────┴─────────┴───────────────┘
                (2 rows)

                """)
    }

    @Test func markdownEscapesBarsAndAlignsNumbersRight() {
        let rows: [[FieldValue]] = [[.integer(7), .string("a | b")], [.integer(12), .null]]
        let text = Self.writer(maxWidth: 10, style: .markdown, expanded: .auto).render(
            columns: ["id", "note"], rows: rows)
        #expect(
            text
                == """
                |  id | note   |
                |----:|--------|
                |   7 | a \\| b |
                |  12 |        |

                """)
    }

    @Test func expandedShowsOneFieldALineAndNumbersEachRecord() {
        let text = Self.writer(expanded: .on).render(
            columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
        #expect(
            text
                == """
                -[ RECORD 1 ]---------
                id     | 1
                name   | Acme Ltd
                amount | 1200.50
                note   |
                -[ RECORD 2 ]---------
                id     | 2
                name   | 西安重工
                amount | 0.05
                note   | late delivery
                (2 rows)

                """)
    }

    @Test func oneRecordExpandedHasNoRecordLine() {
        let text = Self.writer(expanded: .on).render(
            columns: ["id", "name"], rows: [[.integer(1), .string("Acme")]])
        #expect(text == "id   | 1\nname | Acme\n(1 row)\n")
    }

    @Test(arguments: [(39, false), (38, true), (200, false)])
    func autoExpandsOnlyWhatDoesNotFit(maxWidth: Int, expanded: Bool) {
        // The natural table is 39 columns wide.
        let text = Self.writer(maxWidth: maxWidth, expanded: .auto).render(
            columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
        #expect(text.contains("-[ RECORD 1 ]") == expanded, "\(text)")
        #expect(!text.contains("…"))
    }

    @Test func autoNeverExpandsWithoutAWidthOrRows() {
        let wide = [[FieldValue.string(String(repeating: "x", count: 500))]]
        #expect(!Self.writer(expanded: .auto).render(columns: ["note"], rows: wide).contains("RECORD"))
        #expect(
            Self.writer(maxWidth: 3, expanded: .auto).render(columns: ["id", "name"], rows: []).hasPrefix(
                "id |"))
    }

    @Test func expandedWrapsLongValuesInsteadOfCuttingThem() {
        let note = "the supplier failed twice so we owe the customer a replacement and a visit"
        let text = Self.writer(maxWidth: 30, expanded: .on).render(
            columns: ["id", "note"], rows: [[.integer(1), .string(note)]])
        let lines = text.split(separator: "\n").dropLast()
        #expect(lines.allSatisfy { TerminalText.width(of: $0) <= 30 }, "\(text)")
        #expect(lines.first == "id   | 1")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("note | ") || $0.hasPrefix("     | ") })
        let rejoined = lines.dropFirst().map { $0.dropFirst(7) }.joined(separator: " ")
        #expect(rejoined == note)
    }

    @Test func timestampsShowToTheMinuteUnlessSecondsTellRowsApart() {
        let base = Timestamp(year: 2026, month: 12, day: 1, hour: 17)
        let minutes: [[FieldValue]] = [
            [.timestamp(base)], [.timestamp(Timestamp(microseconds: base.microseconds + 61_000_000))],
        ]
        let seconds: [[FieldValue]] = [
            [.timestamp(base)], [.timestamp(Timestamp(microseconds: base.microseconds + 5_000_000))],
        ]
        let fraction: [[FieldValue]] = [
            [.timestamp(base)], [.timestamp(Timestamp(microseconds: base.microseconds + 250_000))],
        ]
        let writer = Self.writer()
        #expect(writer.render(columns: ["at"], rows: minutes).contains("2026-12-01 17:01\n"))
        #expect(writer.render(columns: ["at"], rows: seconds).contains("2026-12-01 17:00:05\n"))
        #expect(writer.render(columns: ["at"], rows: fraction).contains("2026-12-01 17:00:00.250\n"))
        // Equal timestamps do not need seconds to be told apart.
        #expect(
            writer.render(columns: ["at"], rows: [[.timestamp(base)], [.timestamp(base)]]).contains(
                " 17:00\n"))
        // Without table timestamps the writer prints them in full, as before.
        #expect(ResultWriter(format: .table).render(columns: ["at"], rows: minutes).contains("17:00:00Z"))
    }

    @Test func tableTimestampsAreInTheSessionZone() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let time = TimeContext(now: Timestamp(microseconds: 0), timeZone: zone)
        let instant = Timestamp(year: 2026, month: 12, day: 1, hour: 9)
        #expect(time.formatForTable(instant, precision: .minute) == "2026-12-01 17:00")
        #expect(time.formatForTable(instant, precision: .second) == "2026-12-01 17:00:00")
    }

    @Test func idsNumbersAndTimestampsAreNeverCut() {
        let rows: [[FieldValue]] = [
            [
                .integer(123_456), .string("Deliver the missing parts"),
                .timestamp(Timestamp(year: 2026, month: 12, day: 1, hour: 17)),
                OutputFixture.decimal("2569.97"),
            ]
        ]
        let text = Self.writer(maxWidth: 50).render(columns: ["id", "title", "due", "amount"], rows: rows)
        #expect(text.contains("123456 | "))
        #expect(text.contains("| 2026-12-01 17:00 | 2569.97"))
        #expect(text.contains("| Deliver the… |"))
    }
}
