import CRMStore
import Testing

@testable import CRMEngine

@Suite("Output: csv")
struct OutputCSVTests {
    @Test func everyValueTypeInOneRow() {
        let text = ResultWriter(format: .csv).render(
            columns: OutputFixture.allTypesColumns, rows: [OutputFixture.allTypesRow])
        #expect(
            text
                == "id,name,tier,amount,score,tags,created,late_by,active,note\r\n"
                + "1,Acme Ltd,vip,1200.50,3.33,\"steel, north\",2026-12-01T17:00:00Z,P2DT3H4M5S,true,\r\n")
    }

    @Test func chineseTextNullAndCents() {
        let text = ResultWriter(format: .csv).render(
            columns: OutputFixture.customerColumns, rows: OutputFixture.customerRows)
        #expect(
            text
                == "id,name,amount,note\r\n"
                + "1,Acme Ltd,1200.50,\r\n"
                + "2,西安重工,0.05,late delivery\r\n")
    }

    @Test func quotesFieldsWithCommasQuotesAndLineBreaks() {
        let rows: [[FieldValue]] = [
            [.string(OutputFixture.awkwardText), .string("a\rb"), .string("plain"), .list(["steel"])],
            [.string("\"quoted\""), .string(""), .null, .list(["a,b", "c"])],
        ]
        let text = ResultWriter(format: .csv).render(columns: ["note, long", "cr", "x", "tags"], rows: rows)
        #expect(
            text
                == "\"note, long\",cr,x,tags\r\n"
                + "\"He said \"\"hi, there\"\"\nthen\tleft\\ \u{01}\",\"a\rb\",plain,steel\r\n"
                + "\"\"\"quoted\"\"\",\"\",,\"a,b, c\"\r\n")
    }

    @Test func emptyResultSetIsTheHeaderAlone() {
        #expect(ResultWriter(format: .csv).render(columns: ["id", "name"], rows: []) == "id,name\r\n")
    }

    @Test func timestampsUseTheSessionFormatter() {
        let writer = ResultWriter(format: .csv, formatTimestamp: OutputFixture.shanghai)
        let due = Timestamp(year: 2026, month: 12, day: 1, hour: 17, minute: 30)
        #expect(
            writer.render(columns: ["due"], rows: [[.timestamp(due)]])
                == "due\r\n2026-12-02T01:30:00+08:00\r\n")
    }
}
