import CRMStore
import Foundation
import TestSupport
import Testing

@testable import CRMEngine

@Suite("Output: streamed sections")
struct OutputStreamingTests {
    /// Every row fed through a stream, as one string.
    static func streamed(
        _ writer: ResultWriter, columns: [String], rows: [[FieldValue]], title: String? = nil,
        sample: Int = 1_000
    ) -> String {
        let stream = ResultStream(writer: writer, tableSampleSize: sample)
        var out: [UInt8] = []
        stream.beginSection(title: title, columns: columns, into: &out)
        for row in rows { stream.row(row, into: &out) }
        stream.endSection(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: OutputFormat.allCases)
    func aStreamWritesWhatRenderWrites(_ format: OutputFormat) {
        let writer = ResultWriter(format: format)
        let rows = [OutputFixture.allTypesRow, OutputFixture.allTypesRow.map { _ in FieldValue.null }]
        #expect(
            Self.streamed(writer, columns: OutputFixture.allTypesColumns, rows: rows)
                == writer.render(columns: OutputFixture.allTypesColumns, rows: rows))
        #expect(Self.streamed(writer, columns: ["id"], rows: []) == writer.render(columns: ["id"], rows: []))
    }

    @Test func jsonWritesItsArrayAsRowsCome() {
        let stream = ResultStream(writer: ResultWriter(format: .json))
        var out: [UInt8] = []
        stream.beginSection(title: nil, columns: ["id"], into: &out)
        stream.row([.integer(1)], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"[{"id":1}"#)
        stream.row([.integer(2)], into: &out)
        stream.endSection(into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"[{"id":1},{"id":2}]"# + "\n")
    }

    @Test func aTableMeasuresItsFirstRowsThenStreamsTheRest() {
        let rows: [[FieldValue]] = [
            [.integer(1), .string("Acme")], [.integer(2), .string("Bo")],
            [.integer(300), .string("A much longer name")],
        ]
        let stream = ResultStream(writer: ResultWriter(format: .table), tableSampleSize: 2)
        var out: [UInt8] = []
        stream.beginSection(title: nil, columns: ["id", "name"], into: &out)
        stream.row(rows[0], into: &out)
        #expect(out.isEmpty, "the first rows are held to measure the columns")
        stream.row(rows[1], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "id | name\n---+-----\n 1 | Acme\n 2 | Bo\n")
        stream.row(rows[2], into: &out)
        stream.endSection(into: &out)
        #expect(
            String(decoding: out, as: UTF8.self)
                == "id | name\n---+-----\n 1 | Acme\n 2 | Bo\n300 | A much longer name\n(3 rows)\n",
            "a later, wider cell is written whole: piped output is never cut")
    }

    @Test func onATerminalALaterWideCellIsCutToTheMeasuredWidth() {
        let writer = ResultWriter(format: .table, maxWidth: 80)
        let text = Self.streamed(
            writer, columns: ["id", "name"],
            rows: [[.integer(1), .string("Acme")], [.integer(2), .string("A much longer name")]], sample: 1)
        #expect(text == "id | name\n---+-----\n 1 | Acme\n 2 | A m…\n(2 rows)\n")
    }

    @Test func aTitledTableSectionHasItsHeading() {
        let text = Self.streamed(
            ResultWriter(format: .table), columns: ["id"], rows: [[.integer(1)]], title: "interactions")
        #expect(text == "\ninteractions:\nid\n--\n 1\n(1 row)\n")
    }

    @Test func timestampsInAZoneMatchTheSessionFormat() {
        let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone.current
        let due = Timestamp(year: 2026, month: 12, day: 1, hour: 17)
        let writer = ResultWriter(format: .csv, timeZone: zone)
        #expect(
            writer.render(columns: ["due"], rows: [[.timestamp(due)]])
                == "due\r\n2026-12-02T01:00:00+08:00\r\n")
    }

    /// The fast formatter gives `TimeContext.format`'s text, across zone changes (summer
    /// time, half-hour zones, local mean time before 1900) and fractions of a second.
    @Test(arguments: [
        "UTC", "+08:00", "-03:30", "America/New_York", "Europe/London", "Australia/Lord_Howe",
        "Asia/Kathmandu", "Europe/Amsterdam", "America/St_Johns",
    ])
    func theTimestampFormatterAgreesWithTheSessionFormat(_ name: String) throws {
        let zone = try #require(TimeContext.timeZone(named: name))
        let time = TimeContext(now: Timestamp(microseconds: 0), timeZone: zone)
        let formatter = TimestampFormatter(timeZone: zone)
        var random = SplitMix64(seed: 7)
        var samples: [Timestamp] = []
        // Around the summer-time changes of 2026 in the northern and southern halves.
        for day in [(3, 8), (3, 29), (4, 5), (10, 4), (10, 25), (11, 1)] {
            let base = Timestamp(year: 2026, month: day.0, day: day.1).microseconds
            for minute in stride(from: -180, through: 180, by: 7) {
                samples.append(Timestamp(microseconds: base + Int64(minute) * 60_000_000))
            }
        }
        for _ in 0..<3_000 {
            // 1850 to 2100, with a fraction now and then.
            let seconds = Int64(random.next() % 7_890_000_000) - 3_786_000_000
            let fraction = random.next() % 3 == 0 ? Int64(random.next() % 1_000_000) : 0
            samples.append(Timestamp(microseconds: seconds * 1_000_000 + fraction))
        }
        samples.append(Timestamp(microseconds: 1_000))
        samples.append(Timestamp(microseconds: -1))
        for sample in samples {
            var bytes: [UInt8] = []
            formatter.append(sample, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == time.format(sample), "\(sample.microseconds)")
        }
    }
}
