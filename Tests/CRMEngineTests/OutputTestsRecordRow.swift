import CRMQuery
import CRMStore
import Foundation
import LMDB
import TestSupport
import Testing

@testable import CRMEngine

/// Rows of a `find` of a record's own fields reach csv, json and jsonl as the record read in
/// place (`RecordRow`), and are written from its bytes: every byte must be the same as when
/// the row is written from its values, for every type, absent fields, escapes, zones and
/// windows.
@Suite("Output: rows written from the record's bytes")
struct RecordRowOutputTests {
    /// Writes each row twice: once from the record's bytes, once from its values.
    final class TwoWays: ResultReceiver {
        let fromBytes: ResultStream
        let fromValues: ResultStream
        var bytes: [UInt8] = []
        var values: [UInt8] = []
        var recordRows = 0
        var valueRows = 0
        var errors: [String] = []

        init(_ writer: ResultWriter) {
            fromBytes = ResultStream(writer: writer)
            fromValues = ResultStream(writer: writer)
        }

        func section(title: String?, columns: [String]) {
            fromBytes.beginSection(title: title, columns: columns, into: &bytes)
            fromValues.beginSection(title: title, columns: columns, into: &values)
        }

        func row(_ values: [FieldValue]) {
            valueRows += 1
            fromBytes.row(values, into: &bytes)
            fromValues.row(values, into: &self.values)
        }

        func row(record: RecordRow) throws {
            recordRows += 1
            try fromBytes.row(record, into: &bytes)
            fromValues.row(try record.values(), into: &values)
        }

        func failed(_ error: QueryError) { errors.append(error.diagnostic.message) }

        func end() {
            fromBytes.endSection(into: &bytes)
            fromValues.endSection(into: &values)
        }
    }

    /// Records with every kind of cell: quotes, commas, backslashes, newlines and tabs in
    /// text, text that is not ASCII, absent optional fields, enums at and off their default,
    /// flags, decimals, tags, custom fields, a record updated and ones never updated.
    static let dataset = #"""
        insert customer {name: "Quote \"q\", comma", note: "line1\nline2\ttab \\ back", city: "a,b", attrs: {region: "eu"}}
        insert customer {name: "Z", note: "", email: "x@y.z", verified: 2026-11-02T10:00, tags: [a, "b c", "d,e"]}
        update customer 1 set note = "called"
        insert interaction {customer: 3, kind: note, subject: "say \"hi\"\n", body: "ünïcödé", at: 2026-11-24T23:30}
        """#

    /// The engine's fixture, a custom field `region` declared, and ``dataset``.
    static func fixture() throws -> EngineFixture {
        let fixture = try EngineFixture()
        _ = try fixture.session.execute("define field customer.region: string")
        _ = try fixture.session.execute(dataset)
        return fixture
    }

    static let statements = [
        "find customers",
        "find interactions",
        "find promises",
        "find customers select id, name, attrs.region, tier, updated",
        "find promises select id, title, overdue, at_risk, amount, status",
        "find customers where tier = vip",
        "find interactions order by at desc limit 3 offset 1",
        "find customers order by name",
    ]

    /// Writers of `format`: in UTC, in a zone eight hours east, and with no zone (timestamps
    /// through the writer's function, which bytes cannot take).
    static func writers(_ format: OutputFormat) -> [(String, ResultWriter)] {
        [
            ("UTC", ResultWriter(format: format, timeZone: TimeZone(identifier: "UTC")!)),
            ("Shanghai", ResultWriter(format: format, timeZone: TimeZone(identifier: "Asia/Shanghai")!)),
            ("no zone", ResultWriter(format: format)),
        ]
    }

    @Test(arguments: [OutputFormat.csv, .json, .jsonl])
    func bytesAndValuesWriteTheSameRows(format: OutputFormat) throws {
        let fixture = try Self.fixture()
        for (zone, writer) in Self.writers(format) {
            for statement in Self.statements {
                let receiver = TwoWays(writer)
                let report = fixture.session.run(statement, receiver: receiver)
                receiver.end()
                #expect(report.succeeded, "\(statement): \(receiver.errors)")
                #expect(receiver.recordRows > 0, "\(statement) sends records, not values")
                #expect(receiver.valueRows == 0, "\(statement)")
                #expect(
                    String(decoding: receiver.bytes, as: UTF8.self)
                        == String(decoding: receiver.values, as: UTF8.self),
                    "\(format) \(zone): \(statement)")
            }
        }
    }

    /// Only `find`s of the record's own fields send records; the rest send values, written
    /// as before.
    @Test func computedAndRelatedColumnsAreSentAsValues() throws {
        let fixture = try Self.fixture()
        for statement in [
            "find interactions select id, customer.name", "find promises select id, amount * 2",
            "count customers group by tier",
        ] {
            let receiver = TwoWays(ResultWriter(format: .json))
            #expect(fixture.session.run(statement, receiver: receiver).succeeded, "\(statement)")
            receiver.end()
            #expect(receiver.recordRows == 0, "\(statement)")
            #expect(receiver.valueRows > 0, "\(statement)")
        }
    }

    /// The window of a sorted find is cut before any row is made: `limit 2 offset 1` of four
    /// interactions by time (4, 3, 2, 1) sends 3 and 2.
    @Test func aSortedFindSendsOnlyItsWindow() throws {
        let fixture = try EngineFixture()
        let receiver = TwoWays(ResultWriter(format: .jsonl))
        let report = fixture.session.run(
            "find interactions order by at limit 2 offset 1 select id", receiver: receiver)
        receiver.end()
        #expect(report.succeeded)
        #expect(String(decoding: receiver.bytes, as: UTF8.self) == "{\"id\":3}\n{\"id\":2}\n")
    }

    /// A record written before checksums (format 2) whose tier byte is out of range: the
    /// error names it, and nothing of its row is written, in any format.
    @Test(arguments: [OutputFormat.csv, .json, .jsonl])
    func aDamagedCellLeavesNoPartOfItsRow(format: OutputFormat) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("crm.db")
        do {
            let store = try Store(path: path, options: StoreOptions(clock: { EngineFixture.now }))
            _ = try Session(store: store, timeZone: TimeZone(identifier: "UTC"), now: EngineFixture.now)
                .execute(EngineFixture.dataset)
        }
        let env = try Environment(path: path)
        try env.write { tx in
            let customers = try tx.openDatabase("customer")
            let cursor = try tx.cursor(customers)
            guard try cursor.first() != nil, let second = try cursor.next() else {
                throw PageSurgery.Failure(description: "fewer than two customers")
            }
            var value = Array(second.value)
            let tier = try Self.offset(of: "tier", in: value, id: 2)
            // Format 2 has no checksum: the bad byte is found when the field is read.
            value = [2] + value[1..<(value.count - 4)]
            value[tier] = 0x7F
            try tx.put(customers, key: Array(second.key), value: value)
        }
        let store = try Store(path: path)
        let session = Session(store: store, timeZone: TimeZone(identifier: "UTC"), now: EngineFixture.now)
        let receiver = TwoWays(ResultWriter(format: format, timeZone: TimeZone(identifier: "UTC")!))
        let report = session.run("find customers select id, name, tier", receiver: receiver)
        receiver.end()
        #expect(!report.succeeded)
        #expect(receiver.errors == ["customer 2 is damaged: its tier cannot be read"])
        let expected: String =
            switch format {
            case .csv: "id,name,tier\r\n1,Acme Ltd,vip\r\n"
            case .json: "[{\"id\":1,\"name\":\"Acme Ltd\",\"tier\":\"vip\"}]\n"
            default: "{\"id\":1,\"name\":\"Acme Ltd\",\"tier\":\"vip\"}\n"
            }
        #expect(String(decoding: receiver.bytes, as: UTF8.self) == expected)
    }

    /// Where the bytes of customer `id`'s field `name` start in its stored form `value`.
    static func offset(of name: String, in value: [UInt8], id: Int64) throws -> Int {
        let schema = Customer.schema
        guard let field = schema.field(name) else { throw PageSurgery.Failure(description: "no \(name)") }
        return try value.withUnsafeBytes { bytes in
            let view = try RecordView(id: id, bytes: bytes, schema: schema, arena: ByteArena())
            guard let payload = try view.payload(slot: field.slot), let start = payload.baseAddress,
                let base = bytes.baseAddress
            else { throw PageSurgery.Failure(description: "customer \(id) has no \(name)") }
            return start - base
        }
    }
}
