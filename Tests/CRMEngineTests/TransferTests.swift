import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import Testing

/// Helpers shared by the import and export tests: import text into the fixture's store.
extension EngineFixture {
    /// Imports `text` as a file of `format`; the summary, or the error.
    func importText(
        _ text: String, _ entity: Entity, _ format: TransferFormat = .csv, upsertBy: String? = nil
    ) -> Result<ImportSummary, TransferError> {
        importBytes(Array(text.utf8), entity, format, upsertBy: upsertBy)
    }

    /// Imports raw bytes, which need not be valid UTF-8.
    func importBytes(
        _ bytes: [UInt8], _ entity: Entity, _ format: TransferFormat = .csv, upsertBy: String? = nil
    ) -> Result<ImportSummary, TransferError> {
        let options = ImportOptions(entity: entity, format: format, upsertBy: upsertBy)
        do {
            return .success(try Importer(session: session, options: options).importBytes(bytes))
        } catch {
            return .failure(error)
        }
    }

    /// The export as one string.
    func exportText(_ entity: Entity, _ format: TransferFormat, where condition: String? = nil) throws
        -> String
    {
        var text = ""
        try Exporter(session: session, entity: entity, format: format, where: condition).export { text += $0 }
        return text
    }
}

extension Result where Success == ImportSummary, Failure == TransferError {
    /// The problems as `LINE: MESSAGE`, empty on success.
    var issues: [String] {
        guard case .failure(let error) = self else { return [] }
        return error.issues.map(\.description)
    }

    /// The summary's line, or nil on failure.
    var summary: String? {
        guard case .success(let summary) = self else { return nil }
        return summary.description
    }
}

@Suite("Transfer: importing good files")
struct TransferTests {
    let fixture: EngineFixture
    init() throws { fixture = try EngineFixture() }

    @Test func customersFromCSV() throws {
        let csv = """
            Name,EMAIL,tier,status,city,tags,verified,attrs.region,attrs.employees
            Delta Co,d@delta.com,KEY,,Xi'an,"steel, north",2026-12-01,west,40
            Epsilon,,,lost,,,,,
            """
        #expect(fixture.importText(csv, .customer).summary == "imported 2 customers (0 updated)")
        #expect(
            try fixture.rows(
                "find customers where id >= 4 select name, email, tier, status, city, tags, verified, "
                    + "attrs.region, attrs.employees")
                == [
                    [
                        "Delta Co", "d@delta.com", "key", "active", "Xi'an", "steel, north",
                        "2026-12-01T00:00:00Z",
                        "west", "40",
                    ],
                    ["Epsilon", "null", "standard", "lost", "null", "", "null", "null", "null"],
                ])
    }

    @Test func interactionsAndPromisesFromJSONLines() throws {
        let interactions = """
            {"customer": 1, "kind": "Complaint", "channel": "phone", "at": "2026-11-24T09:30", "score": 2, "urgent": true, "tags": ["late"], "attrs": {"ticket": "T-9", "weight": 2.50}}

            {"customer": 2, "kind": "visit", "subject": "上门服务", "body": null}
            """
        #expect(
            fixture.importText(interactions, .interaction, .jsonl).summary
                == "imported 2 interactions (0 updated)")
        #expect(
            try fixture.rows(
                "find interactions where id >= 5 select customer, kind, channel, at, score, urgent, tags, attrs.ticket, attrs.weight, subject"
            )
                == [
                    [
                        "1", "complaint", "phone", "2026-11-24T09:30:00Z", "2", "true", "late", "T-9", "2.50",
                        "null",
                    ],
                    [
                        "2", "visit", "null", "2026-11-25T12:00:00Z", "null", "false", "", "null", "null",
                        "上门服务",
                    ],
                ])
        let promises = """
            {"customer": 1, "title": "Refund", "due": "2026-12-01", "amount": 12345678901234.56, "interaction": 5}
            {"customer": 2, "title": "Call", "due": "+2bd", "amount": "0.10", "direction": "from_customer"}
            """
        #expect(fixture.importText(promises, .promise, .jsonl).summary == "imported 2 promises (0 updated)")
        #expect(
            try fixture.rows("find promises where id >= 5 select title, due, amount, interaction, direction")
                == [
                    ["Refund", "2026-12-01T23:59:59Z", "12345678901234.56", "5", "to_customer"],
                    ["Call", "2026-11-27T12:00:00Z", "0.10", "null", "from_customer"],
                ])
    }

    @Test func datesAreReadInTheSessionZone() throws {
        fixture.session.timeZone = TimeContext.timeZone(named: "Asia/Shanghai") ?? .gmt
        let csv = "customer,title,due,made\n1,Visit,2026-12-01,2026-11-20T09:00\n"
        #expect(fixture.importText(csv, .promise).summary == "imported 1 promise (0 updated)")
        fixture.session.timeZone = .gmt
        #expect(
            try fixture.rows("find promises where id = 5 select due, made")
                == [["2026-12-01T15:59:59Z", "2026-11-20T01:00:00Z"]])
    }

    @Test func upsertByEmailUpdatesOnlyTheGivenColumnsAndInserts() throws {
        let csv = """
            email,tier,note
            INFO@ACME.COM,key,renewed
            new@zeta.com,,
            """
        let missingName = fixture.importText(csv, .customer, upsertBy: "email")
        #expect(missingName.issues == ["3: missing required field 'name' (a customer needs name)"])
        let good = "email,name,tier,note\nINFO@ACME.COM,Acme Ltd,key,renewed\nnew@zeta.com,Zeta,,\n"
        #expect(
            fixture.importText(good, .customer, upsertBy: "email").summary
                == "imported 2 customers (1 updated)")
        #expect(
            try fixture.rows("find customers where id in (1, 4) select name, tier, city, email, note, tags")
                == [
                    ["Acme Ltd", "key", "Xi'an", "INFO@ACME.COM", "renewed", "steel, north"],
                    ["Zeta", "standard", "null", "new@zeta.com", "null", ""],
                ])
    }

    @Test func upsertByIdAndItsErrors() throws {
        let jsonl = """
            {"id": 2, "status": "cancelled"}
            {"id": 99, "title": "x"}
            """
        let result = fixture.importText(jsonl, .promise, .jsonl, upsertBy: "id")
        #expect(
            result.issues == [
                "2: promise 99 does not exist (with --upsert-by id, a row with an id updates that record; "
                    + "leave id empty to insert a new one)"
            ])
        #expect(
            fixture.importText("{\"id\": 2, \"status\": \"kept\"}", .promise, .jsonl, upsertBy: "ID").summary
                == "imported 1 promise (1 updated)")
        #expect(
            try fixture.rows("find promises where id = 2 select status, title") == [["kept", "Send invoice"]])
    }

    @Test func upsertRefusesFieldsThatDoNotNameOneRecord() {
        guard case .failure(let error) = fixture.importText("city\nXi'an\n", .customer, upsertBy: "city")
        else {
            Issue.record("expected a usage error")
            return
        }
        #expect(error.code == .usage)
        #expect(
            error.message
                == "--upsert-by city cannot find customers: use email, id, name, phone (fields with an index "
                + "that names one record)")
        #expect(ImportOptions.upsertFields(for: .promise) == ["id"])
    }

    @Test func byteOrderMarkCRLFAndBlankLines() throws {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("name,note\r\n\r\nOmega,\"two\r\nlines\"\r\n\r\n".utf8)
        #expect(fixture.importBytes(bytes, .customer).summary == "imported 1 customer (0 updated)")
        #expect(
            try fixture.rows("find customers where id = 4 select name, note") == [["Omega", "two\r\nlines"]])
        let jsonl: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("{\"name\": \"Psi\"}\r\n\r\n{\"name\": \"Chi\"}".utf8)
        #expect(fixture.importBytes(jsonl, .customer, .jsonl).summary == "imported 2 customers (0 updated)")
    }

    @Test func formatFromTheFileExtension() {
        #expect(TransferFormat.inferred(fromPath: "/a/b.JSONL") == .jsonl)
        #expect(TransferFormat.inferred(fromPath: "x.json") == .jsonl)
        #expect(TransferFormat.inferred(fromPath: "x.csv") == .csv)
        #expect(TransferFormat.inferred(fromPath: "dir.jsonl/data") == .csv)
    }

    @Test func aHugeLineImports() throws {
        let note = String(repeating: "长文本 long text, ", count: 100_000)
        let csv = "name,note\nBig,\"\(note)\"\n"
        #expect(fixture.importText(csv, .customer).summary == "imported 1 customer (0 updated)")
        #expect(try fixture.rows("find customers where id = 4 select note") == [[note]])
    }
}
