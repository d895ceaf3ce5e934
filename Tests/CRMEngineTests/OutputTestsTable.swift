import CRMStore
import Testing

@testable import CRMEngine

@Suite("Output: table")
struct OutputTableTests {
    @Test func alignsNumbersRightTextLeftAndChineseByDisplayWidth() {
        let text = ResultWriter(format: .table).render(
            columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
        #expect(
            text
                == """
                id | name     |  amount | note
                ---+----------+---------+--------------
                 1 | Acme Ltd | 1200.50 |
                 2 | 西安重工 |    0.05 | late delivery
                (2 rows)

                """)
    }

    /// Durations read as people write them in a table (`2d 3h 4min 5s`); csv and json keep ISO 8601.
    @Test func everyValueTypeInOneRow() {
        let text = ResultWriter(format: .table).render(
            columns: OutputFixture.allTypesColumns, rows: [OutputFixture.allTypesRow])
        #expect(
            text
                == """
                id | name     | tier |  amount | score | tags         | created              | late_by       \
                | active | note
                ---+----------+------+---------+-------+--------------+----------------------+---------------\
                +--------+-----
                 1 | Acme Ltd | vip  | 1200.50 |  3.33 | steel, north | 2026-12-01T17:00:00Z | 2d 3h 4min 5s \
                | true   |
                (1 row)

                """)
    }

    @Test func lineBreaksTabsAndControlsStayOnOneLine() {
        let rows: [[FieldValue]] = [[.string(OutputFixture.awkwardText)], [.string("a\r\nb\u{1B}[31m")]]
        let text = ResultWriter(format: .table).render(columns: ["note"], rows: rows)
        #expect(
            text
                == """
                note
                --------------------------------
                He said "hi, there"↵then left\\ ␁
                a↵b␛[31m
                (2 rows)

                """)
    }

    @Test func nullIsBlankAndMixedColumnsAreText() {
        let rows: [[FieldValue]] = [[.null, .integer(7)], [.integer(12), .string("n/a")], [.null, .null]]
        let text = ResultWriter(format: .table).render(columns: ["count", "value"], rows: rows)
        #expect(
            text
                == """
                count | value
                ------+------
                      | 7
                   12 | n/a
                      |
                (3 rows)

                """)
    }

    @Test func emptyResultSetKeepsTheHeader() {
        let text = ResultWriter(format: .table).render(columns: ["id", "name"], rows: [])
        #expect(text == "id | name\n---+-----\n(0 rows)\n")
    }

    // Only text columns shrink: ids, numbers and timestamps are never cut (a cut number such
    // as `1200.…` reads as another number), so `amount` keeps its seven columns.
    @Test func fitsANarrowTerminalByShrinkingTheWidestTextColumns() {
        let text = ResultWriter(format: .table, maxWidth: 30).render(
            columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
        #expect(
            text
                == """
                id | name   |  amount | note
                ---+--------+---------+-------
                 1 | Acme … | 1200.50 |
                 2 | 西安…  |    0.05 | late …
                (2 rows)

                """)
    }

    @Test func neverCutsAWideCharacterInHalf() {
        let text = ResultWriter(format: .table, maxWidth: 28).render(
            columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
        #expect(
            text
                == """
                id | name  |  amount | note
                ---+-------+---------+------
                 1 | Acme… | 1200.50 |
                 2 | 西安… |    0.05 | late…
                (2 rows)

                """)
    }

    @Test func aWideEnoughTerminalChangesNothing() {
        let wide = ResultWriter(format: .table, maxWidth: 39).render(
            columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
        let unlimited = ResultWriter(format: .table).render(
            columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
        #expect(wide == unlimited)
    }

    @Test(arguments: [12, 20, 21, 22, 24, 29, 30, 35, 40, 60, 80, 120])
    func everyLineFitsAndColumnsLineUp(maxWidth: Int) {
        let columns = ["id", "name", "city", "tier", "amount", "note"]
        let rows: [[FieldValue]] = [
            [
                .integer(1), .string("Acme Ltd"), .string("Xi'an"), .symbol("vip"),
                OutputFixture.decimal("1200.50"),
                .string("Reply with a solution by Friday"),
            ],
            [
                .integer(22), .string("西安重工集团有限公司"), .string("西安"), .symbol("key"), .null,
                .string("客户投诉：交货延迟，需要在两个工作日内回复"),
            ],
            [
                .integer(333), .string("Café ☕ 🚀 Ünïcödé"), .null, .null, OutputFixture.decimal("-0.05"),
                .string("line one\nline two\tand a tab"),
            ],
        ]
        let text = ResultWriter(format: .table, maxWidth: maxWidth).render(columns: columns, rows: rows)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.removeLast() == "")
        #expect(lines.removeLast() == "(3 rows)")
        #expect(lines.count == 5)
        let expectedPositions = Self.joinPositions(in: lines[1], marker: "+")
        #expect(expectedPositions.count == columns.count - 1)
        // Text columns shrink to one column at the least, the others never: below that (32
        // here: id 3, tier 4, amount 7, three text columns of 1, separators) the table overflows.
        let narrowest = 3 + 4 + 7 + 3 + 3 * (columns.count - 1)
        for line in lines {
            #expect(TerminalText.width(of: line) <= max(maxWidth, narrowest), "\(line)")
        }
        for line in lines where line != lines[1] {
            // A row may end early (trailing blanks are dropped), never misplace a separator.
            let positions = Self.joinPositions(in: line, marker: "|")
            #expect(positions == expectedPositions, "\(line)")
        }
    }

    @Test func tooNarrowForOneColumnPerFieldOverflowsButStaysAligned() {
        let text = ResultWriter(format: .table, maxWidth: 5).render(
            columns: ["a", "b", "c"], rows: [[.string("xyz"), .string("西安"), .integer(100)]])
        #expect(text == "a | b |   c\n--+---+----\n… | … | 100\n(1 row)\n")
    }

    @Test(arguments: [
        ([5, 20, 3], 100, [5, 20, 3]),
        ([5, 20, 3], 20, [5, 12, 3]),
        ([10, 10, 10], 20, [7, 7, 6]),
        ([2, 8, 7, 13], 21, [2, 7, 6, 6]),
        ([4, 4], 2, [1, 1]),
        ([4, 4], 1, [1, 1]),
        ([0, 9], 3, [0, 3]),
    ])
    func shrinkCutsTheWidestColumnsFirst(natural: [Int], total: Int, expected: [Int]) {
        #expect(ResultWriter.shrink(natural, toTotal: total) == expected)
    }

    /// The display columns at which `marker` occurs in `line`.
    static func joinPositions(in line: Substring, marker: Character) -> [Int] {
        var positions: [Int] = []
        var column = 0
        for character in line {
            if character == marker { positions.append(column) }
            column += TerminalText.width(of: character)
        }
        return positions
    }
}

@Suite("Output: display width")
struct OutputWidthTests {
    @Test(arguments: [
        ("abc", 3), ("西安", 4), ("ｱ", 1), ("Ｘ", 2), ("e\u{301}", 1), ("\u{301}", 0), ("a\u{200B}b", 2),
        ("👍", 2), ("🚀", 2), ("❤️", 2), ("❤", 1), ("🇨🇳", 2), ("👨‍👩‍👧", 2), ("1️⃣", 2), ("한국어", 6), ("", 0),
    ])
    func widthOfText(text: String, expected: Int) {
        #expect(TerminalText.width(of: text) == expected)
    }

    @Test(arguments: [
        ("西安重工", 8, "西安重工"), ("西安重工", 7, "西安重…"), ("西安重工", 6, "西安… "), ("西安重工", 2, "… "),
        ("abc", 5, "abc  "), ("abcdef", 4, "abc…"), ("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}…"),
        ("abc", 0, ""),
    ])
    func fittedCutsWholeCharacters(text: String, width: Int, expected: String) {
        let fitted = TerminalText.fitted(text, width: width, alignRight: false)
        #expect(fitted == expected)
        #expect(TerminalText.width(of: fitted) == width)
    }

    @Test func rightAlignmentPadsOnTheLeft() {
        #expect(TerminalText.fitted("42", width: 5, alignRight: true) == "   42")
        #expect(TerminalText.fitted("123456", width: 5, alignRight: true) == "1234…")
    }

    @Test(
        "Durations in a table: days, hours, minutes and seconds, zero parts left out",
        arguments: [
            (0, "0s"), (999_999, "0s"), (2_700_000_000, "45min"), (273_600_000_000, "3d 4h"),
            (-9_000_000_000, "-2h 30min"), (86_400_000_001, "1d"),
        ] as [(Int64, String)])
    func durationsInATable(_ microseconds: Int64, _ text: String) {
        #expect(ResultWriter.compact(duration: microseconds) == text)
        let csv = ResultWriter(format: .csv).render(columns: ["d"], rows: [[.duration(microseconds)]])
        #expect(csv == "d\r\n\(FieldValue.format(duration: microseconds))\r\n")
    }
}
