import CRMEngine
import CRMQuery
import CRMStore
import Testing

@Suite("Transfer: bad files import nothing and report every bad row")
struct TransferErrorTests {
    let fixture: EngineFixture
    init() throws { fixture = try EngineFixture() }

    @Test func everyBadRowIsReportedAndNothingIsImported() throws {
        let before = try fixture.counts()
        let csv = """
            customer,kind,at,score,urgent
            1,call,2026-11-01,3,false
            1,teleport,2026-11-01,,
            42,visit,,,
            1,call,yesterday-ish,five,maybe
            2,"note
            with a line break",,,
            1,email,2026-11-02T10:00,,true
            """
        let result = fixture.importText(csv, .interaction)
        #expect(
            result.issues == [
                "3: 'teleport' is not a value of kind (expected one of: call, email, visit, meeting, message, "
                    + "letter, complaint, enquiry, suggestion, survey, service, care, note)",
                "4: interaction refers to customer 42, which does not exist (insert the customer first)",
                "5: at takes a date such as 2026-12-01, a time such as 2026-12-01T17:00, or an offset such as "
                    + "+2bd, not 'yesterday-ish'",
                "5: score takes a whole number such as 42, not 'five'",
                "5: urgent takes true or false, not 'maybe'",
                "6: 'note\nwith a line break' is not a value of kind (expected one of: call, email, visit, "
                    + "meeting, message, letter, complaint, enquiry, suggestion, survey, service, care, note) "
                    + "(did you mean 'note'?)",
            ])
        guard case .failure(let error) = result else { return }
        #expect(error.code == .invalidRows)
        #expect(error.message == "6 problems found; nothing was imported")
        #expect(try fixture.counts() == before)
    }

    @Test func theReportNamesTheFileAndStopsAtTheLimit() throws {
        let rows = (1...6).map { "\($0),visit" }.joined(separator: "\n")
        let result = fixture.importText("customer,kind\n" + rows, .interaction)
        guard case .failure(let error) = result else {
            Issue.record("expected failure")
            return
        }
        #expect(
            error.report(file: "in.csv", limit: 2)
                == """
                in.csv:5: error: interaction refers to customer 4, which does not exist (insert the customer first)
                in.csv:6: error: interaction refers to customer 5, which does not exist (insert the customer first)
                ... and 1 more error
                """)
    }

    @Test func headerProblemsAreReportedOnLineOne() throws {
        let result = fixture.importText("nmae,emial,last_contact,Email,email\nAcme,a@b.co,,,\n", .customer)
        #expect(
            result.issues == [
                "1: unknown column 'nmae' for customer (did you mean 'name'?)",
                "1: unknown column 'emial' for customer (did you mean 'email'?)",
                "1: column 'last_contact' is computed by the store and cannot be imported (remove the column)",
                "1: column 'email' repeats column 'Email'",
                "1: the header has no column 'name' (a customer needs name)",
            ])
    }

    @Test func missingColumnsAndRaggedRows() throws {
        let result = fixture.importText("customer,title\n1,Call\n1,Visit,extra\n2\n", .promise)
        #expect(
            result.issues == [
                "1: the header has no column 'due' (a promise needs customer, title and due)",
                "3: this row has 3 fields but the header has 2 (a field holding a comma, a quote or a line "
                    + "break must be in double quotes, with each quote doubled)",
                "4: this row has 1 field but the header has 2 (a field holding a comma, a quote or a line "
                    + "break must be in double quotes, with each quote doubled)",
            ])
    }

    @Test func wrongTypesAndUnknownFieldsInJSONLines() throws {
        let jsonl = """
            {"customer": "1", "title": "A", "due": "2026-12-01"}
            {"customer": 1, "title": "B", "due": "2026-12-01", "amount": 1e3}
            {"customer": 1, "titel": "C", "due": 5}
            [1, 2]
            {"customer": 1, "title": "D", "due": "2026-12-01", "amount": 1.5
            {"customer": 1, "title": "E", "due": "2026-12-01", "interaction": 3}
            {"customer": 1, "title": "", "due": "2026-12-01"}
            """
        let result = fixture.importText(jsonl, .promise, .jsonl)
        #expect(
            result.issues == [
                "1: customer takes a record id such as 1, not a string",
                "2: amount takes a number such as 1200.50, not '1e3'",
                "3: unknown field 'titel' for promise (did you mean 'title'?)",
                "3: due takes a string holding a date such as \"2026-12-01\" or \"2026-12-01T17:00:00Z\", "
                    + "not a number",
                "4: expected a JSON object such as {\"name\": \"Acme\"}, found an array",
                "5: not valid JSON at column 65: expected ',' or '}', found the end of the line",
                "6: promise is for customer 1 but interaction 3 belongs to customer 2 (a promise's "
                    + "interaction must be with the same customer)",
                "7: promise title is required (give a non-empty text)",
            ])
        #expect(try fixture.rows("count promises") == [["4"]])
    }

    @Test func invalidUTF8IsReportedOnItsLine() throws {
        var bytes = Array("name,city\nGood,Xi'an\nBad,".utf8)
        bytes += [0xE4, 0xB8]
        bytes += Array("\nAlso good,北京\n".utf8)
        let result = fixture.importBytes(bytes, .customer)
        #expect(
            result.issues == ["3: invalid UTF-8 (byte 0xE4 at byte 5 of the line); save the file as UTF-8"])
        let jsonl: [UInt8] = Array("{\"name\": \"".utf8) + [0xFF] + Array("\"}\n".utf8)
        #expect(
            fixture.importBytes(jsonl, .customer, .jsonl).issues
                == ["1: invalid UTF-8 (byte 0xFF at byte 11 of the line); save the file as UTF-8"])
        #expect(try fixture.rows("count customers") == [["3"]])
    }

    @Test func duplicateUpsertKeysInTheFile() throws {
        let csv = "email,name\nx@y.com,One\nother@y.com,Two\nX@Y.COM,Three\n"
        #expect(
            fixture.importText(csv, .customer, upsertBy: "email").issues == [
                "4: email 'X@Y.COM' is also on line 2 (with --upsert-by email, each record may appear once)"
            ])
    }

    @Test func aDeeplyNestedLineIsAnErrorNotACrash() throws {
        let line = "{\"name\": \"x\", \"attrs\": " + String(repeating: "[", count: 100_000) + "}"
        #expect(
            fixture.importText(line, .customer, .jsonl).issues == [
                "1: not valid JSON at column 55: JSON nested too deeply"
            ])
    }

    @Test func emptyRequiredFieldOnUpdate() throws {
        let csv = "email,name\ninfo@acme.com,\n"
        #expect(
            fixture.importText(csv, .customer, upsertBy: "email").issues == [
                "2: name is empty (a customer needs name)"
            ])
    }
}
