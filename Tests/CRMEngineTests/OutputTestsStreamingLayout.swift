import CRMStore
import Foundation
import Testing

@testable import CRMEngine

/// A streamed table keeps the shell's looks past the rows it measures: box and Markdown
/// styles, expanded records, whole ids, numbers and timestamps, durations as `3d 4h`.
@Suite("Output: streamed tables in every style")
struct OutputStreamingLayoutTests {
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

    static let rows: [[FieldValue]] = [
        [.integer(1), .string("Acme")], [.integer(2), .string("Bo")],
        [.integer(300), .string("A much longer name")],
    ]

    @Test func aBoxKeepsItsFrameForRowsAfterTheMeasuredOnes() {
        let text = OutputStreamingTests.streamed(
            Self.writer(style: .box), columns: ["id", "name"], rows: Self.rows, sample: 2)
        #expect(
            text
                == """
                ┌────┬──────┐
                │ id │ name │
                ├────┼──────┤
                │  1 │ Acme │
                │  2 │ Bo   │
                │ 300 │ A much longer name │
                └────┴──────┘
                (3 rows)

                """)
    }

    @Test func markdownEscapesLaterCellsAndHasNoFooter() {
        let text = OutputStreamingTests.streamed(
            Self.writer(style: .markdown), columns: ["id", "name"],
            rows: [[.integer(1), .string("a")], [.integer(22), .string("b | c")]], sample: 1)
        #expect(
            text
                == """
                |  id | name |
                |----:|------|
                |   1 | a    |
                |  22 | b \\| c |

                """)
    }

    @Test func expandedRecordsAreNumberedWhenMoreMayFollowTheMeasuredOnes() {
        let text = OutputStreamingTests.streamed(
            Self.writer(expanded: .on), columns: ["id", "name"], rows: Array(Self.rows.prefix(2)), sample: 1)
        #expect(
            text == "-[ RECORD 1 ]\nid   | 1\nname | Acme\n-[ RECORD 2 ]\nid   | 2\nname | Bo\n(2 rows)\n")
    }

    @Test func autoExpandsWhenTheMeasuredRowsDoNotFitAndLaterRowsFollowExpanded() {
        let text = OutputStreamingTests.streamed(
            Self.writer(maxWidth: 20, expanded: .auto), columns: ["id", "note"],
            rows: [
                [.integer(1), .string("a note much too long for the terminal")], [.integer(2), .string("x")],
            ],
            sample: 1)
        #expect(text.hasPrefix("-[ RECORD 1 ]"))
        #expect(text.hasSuffix("-[ RECORD 2 ]----------\nid   | 2\nnote | x\n(2 rows)\n"), "\(text)")
        for line in text.split(separator: "\n") { #expect(line.count <= 23, "\(line)") }
    }

    /// On a terminal only text shrinks: a later id, number or timestamp wider than its
    /// measured column is printed whole; durations read `3d 4h`.
    @Test func laterIdsAndTimestampsAreNeverCutAndDurationsReadAsPeopleWriteThem() {
        let made = Timestamp(year: 2026, month: 12, day: 1, hour: 17)
        let later = Timestamp(year: 2026, month: 12, day: 2, hour: 9, minute: 30)
        let hour: Int64 = 3_600_000_000
        let text = OutputStreamingTests.streamed(
            Self.writer(maxWidth: 40), columns: ["id", "name", "due", "late"],
            rows: [
                [.integer(1), .string("Acme"), .timestamp(made), .duration(76 * hour)],
                [
                    .integer(123_456_789), .string("A much longer name"), .timestamp(later),
                    .duration(24 * hour),
                ],
            ], sample: 1)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(text)")
        #expect(lines[2] == " 1 | Acme | 2026-12-01 17:00 | 3d 4h")
        #expect(lines[3] == "123456789 | A m… | 2026-12-02 09:30 | 1d")
        #expect(lines[4] == "(2 rows)")
    }

    /// Measured whole (as `render` does), the stream's table is the shell's table.
    @Test(arguments: [TableStyle.plain, .box, .markdown])
    func aTableMeasuredWholeIsWhatRenderPrints(_ style: TableStyle) {
        let writer = Self.writer(maxWidth: 30, style: style, expanded: .auto)
        #expect(
            OutputStreamingTests.streamed(
                writer, columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
                == writer.render(columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows))
    }
}
