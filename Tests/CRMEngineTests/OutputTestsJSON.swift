import CRMStore
import Testing

@testable import CRMEngine

@Suite("Output: json and jsonl")
struct OutputJSONTests {
    @Test func everyValueTypeInOneRow() {
        let text = ResultWriter(format: .json).render(
            columns: OutputFixture.allTypesColumns, rows: [OutputFixture.allTypesRow])
        #expect(
            text
                == """
                [{"id":1,"name":"Acme Ltd","tier":"vip","amount":1200.50,"score":3.33,\
                "tags":["steel","north"],"created":"2026-12-01T17:00:00Z","late_by":"P2DT3H4M5S",\
                "active":true,"note":null}]

                """)
    }

    @Test func jsonLinesWritesOneObjectPerLine() {
        let text = ResultWriter(format: .jsonl).render(
            columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
        #expect(
            text
                == """
                {"id":1,"name":"Acme Ltd","amount":1200.50,"note":null}
                {"id":2,"name":"西安重工","amount":0.05,"note":"late delivery"}

                """)
    }

    @Test func jsonWritesAllRowsOnOneLine() {
        let text = ResultWriter(format: .json).render(
            columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
        #expect(
            text
                == """
                [{"id":1,"name":"Acme Ltd","amount":1200.50,"note":null},\
                {"id":2,"name":"西安重工","amount":0.05,"note":"late delivery"}]

                """)
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        let rows: [[FieldValue]] = [[.string(OutputFixture.awkwardText), .list(["a\"b", "中文"])]]
        let expected = #"{"say \"what\"":"He said \"hi, there\"\nthen\tleft\\ \u0001","tags":["a\"b","中文"]}"#
        #expect(
            ResultWriter(format: .jsonl).render(columns: ["say \"what\"", "tags"], rows: rows) == expected
                + "\n")
        #expect(
            ResultWriter(format: .json).render(columns: ["say \"what\"", "tags"], rows: rows)
                == "[\(expected)]\n")
    }

    @Test func escapesEveryControlCharacter() {
        var out = ""
        ResultWriter.appendJSONString("\u{0}\u{8}\u{C}\r\u{1F}\u{7F}é😀", to: &out)
        #expect(out == #""\u0000\b\f\r\u001f"# + "\u{7F}é😀\"")
    }

    @Test(arguments: [
        ("1200.50", "1200.50"), ("1200.00", "1200.00"), ("-0.50", "-0.50"), ("0.05", "0.05"), ("42", "42"),
        ("9223372036854775807", "9223372036854775807"), ("0.000000000000000001", "0.000000000000000001"),
    ])
    func decimalsAreWrittenExactlyAsStored(input: String, expected: String) {
        let text = ResultWriter(format: .jsonl).render(
            columns: ["amount"], rows: [[OutputFixture.decimal(input)]])
        #expect(text == "{\"amount\":\(expected)}\n")
    }

    @Test func realsAreRoundedAndNonFiniteRealsAreNull() {
        let rows: [[FieldValue]] = [[.real(3.5), .real(2.0 / 3.0), .real(4), .real(.nan), .real(-.infinity)]]
        let text = ResultWriter(format: .jsonl).render(columns: ["a", "b", "c", "d", "e"], rows: rows)
        #expect(text == #"{"a":3.5,"b":0.67,"c":4,"d":null,"e":null}"# + "\n")
    }

    @Test func nullAndEmptyValues() {
        let rows: [[FieldValue]] = [[.null, .string(""), .list([])]]
        let text = ResultWriter(format: .json).render(columns: ["a", "b", "c"], rows: rows)
        #expect(text == #"[{"a":null,"b":"","c":[]}]"# + "\n")
    }

    @Test func emptyResultSets() {
        #expect(ResultWriter(format: .json).render(columns: ["id"], rows: []) == "[]\n")
        #expect(ResultWriter(format: .jsonl).render(columns: ["id"], rows: []) == "")
    }

    @Test func timestampsUseTheSessionFormatter() {
        let writer = ResultWriter(format: .jsonl, formatTimestamp: OutputFixture.shanghai)
        let due = Timestamp(year: 2026, month: 12, day: 1, hour: 17)
        #expect(
            writer.render(columns: ["due"], rows: [[.timestamp(due)]])
                == #"{"due":"2026-12-02T01:00:00+08:00"}"# + "\n")
    }
}
