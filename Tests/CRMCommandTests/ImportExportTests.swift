import Foundation
import TestSupport
import Testing

/// `crm import` and `crm export` through the real binary.
@Suite("crm import and export")
struct ImportExportTests {
    let directory: TemporaryDirectory
    let database: String
    init() throws {
        directory = try TemporaryDirectory()
        database = directory.file("crm.db")
    }

    /// Writes `text` to a file in the test's directory and returns its path.
    private func file(_ name: String, _ text: String) throws -> String {
        let path = directory.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func count(_ kind: String) throws -> String {
        try CommandRunner.run([database, "--format", "csv", "-c", "count \(kind)"]).stdout
    }

    @Test func importAGoodFile() throws {
        let csv = try file(
            "customers.csv", "name,email,tier,tags\nAcme,info@acme.com,vip,\"steel, north\"\n西安公司,,key,\n")
        let result = try CommandRunner.run(["import", database, csv, "--kind", "customer"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 2 customers (0 updated)\n")
        #expect(result.stderr == "")
        let found = try CommandRunner.run([
            database, "--format", "csv", "-c", "find customers select name, tier, tags",
        ])
        #expect(found.stdout == "name,tier,tags\r\nAcme,vip,\"steel, north\"\r\n西安公司,key,\"\"\r\n")
    }

    @Test func aBadFileImportsNothing() throws {
        _ = try CommandRunner.run([database, "-c", "insert customer {name: \"Acme\"}"])
        let jsonl = try file(
            "bad.jsonl",
            """
            {"customer": 1, "title": "Fine", "due": "2026-12-01"}
            {"customer": 7, "title": "Nobody", "due": "2026-12-01"}
            {"customer": 1, "title": "Late", "due": "someday"}
            """)
        let result = try CommandRunner.run(["import", database, jsonl, "--kind", "promises"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                \(jsonl):2: error: promise refers to customer 7, which does not exist (insert the customer first)
                \(jsonl):3: error: due takes a date such as 2026-12-01, a time such as 2026-12-01T17:00, or an \
                offset such as +2bd, not 'someday'

                """)
        #expect(try count("promises") == "count\r\n0\r\n")
    }

    @Test func manyBadRowsAreCutAtAHundred() throws {
        let rows = (1...150).map { "Row \($0),not-an-email" }.joined(separator: "\n")
        let csv = try file("many.csv", "name,email\n" + rows + "\n")
        let result = try CommandRunner.run(["import", database, csv, "--kind", "customer"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 101)
        #expect(
            lines.first
                == "\(csv):2: error: customer email 'not-an-email' is not an email address (expected name@domain.tld)"
        )
        #expect(lines.last == "... and 50 more errors")
        #expect(try count("customers") == "count\r\n0\r\n")
    }

    @Test func upsertByEmail() throws {
        _ = try CommandRunner.run([
            database, "-c", "insert customer {name: \"Acme\", email: \"a@acme.com\", city: \"Xi'an\"}",
        ])
        let csv = try file("up.csv", "email,name,tier\nA@ACME.COM,Acme Ltd,vip\nb@beta.com,Beta,\n")
        let result = try CommandRunner.run([
            "import", database, csv, "--kind", "customer", "--upsert-by", "email",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 2 customers (1 updated)\n")
        let found = try CommandRunner.run([
            database, "--format", "csv", "-c", "find customers select id, name, tier, city",
        ])
        #expect(found.stdout == "id,name,tier,city\r\n1,Acme Ltd,vip,Xi'an\r\n2,Beta,standard,\r\n")
        let refused = try CommandRunner.run([
            "import", database, csv, "--kind", "customer", "--upsert-by", "city",
        ])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--upsert-by city cannot find customers: use email, id, name, phone"))
    }

    @Test func exportWithWhereToAFileAndBack() throws {
        _ = try CommandRunner.run([
            database, "-c",
            "insert customer {name: \"A \\\"quoted\\\", name\", tier: vip, attrs: {region: \"北\"}}",
            "-c", "insert customer {name: \"B\", tier: standard}",
        ])
        let stdout = try CommandRunner.run([
            "export", database, "--kind", "customer", "--where", "tier = vip",
        ])
        #expect(stdout.status == 0, "\(stdout.stderr)")
        let lines = stdout.stdout.components(separatedBy: "\r\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasSuffix(",tags,created,updated,attrs.region"))
        #expect(lines[1].hasPrefix("1,\"A \"\"quoted\"\", name\",organization,vip,active,"))
        #expect(lines[1].hasSuffix(",北"))
        let output = directory.file("out.jsonl")
        let written = try CommandRunner.run(["export", database, "--kind", "customers", "--output", output])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout == "exported 2 customers to \(output)\n")
        let copy = directory.file("copy.db")
        let imported = try CommandRunner.run(["import", copy, output, "--kind", "customer"])
        #expect(imported.stdout == "imported 2 customers (0 updated)\n", "\(imported.stderr)")
        let query = "find customers select id, name, tier, attrs.region"
        #expect(
            try CommandRunner.run([copy, "--format", "csv", "-c", query]).stdout
                == CommandRunner.run([database, "--format", "csv", "-c", query]).stdout)
    }

    @Test func exitStatuses() throws {
        let csv = try file("c.csv", "name\nAcme\n")
        let notAStore = try file("not-a-store.db", String(repeating: "not a database\n", count: 1000))
        let cannotOpen = try CommandRunner.run(["export", notAStore, "--kind", "customer"])
        #expect(cannotOpen.status == 3)
        #expect(cannotOpen.stderr.hasPrefix("crm: cannot open \(notAStore): "))
        #expect(try CommandRunner.run(["import", notAStore, csv, "--kind", "customer"]).status == 3)
        #expect(
            try CommandRunner.run(["export", directory.file("missing.db"), "--kind", "customer"]).status == 3)
        let badKind = try CommandRunner.run(["import", database, csv, "--kind", "custmer"])
        #expect(badKind.status == 64)
        #expect(
            badKind.stderr.contains(
                "--kind 'custmer' is not a kind of record (use customer, interaction or promise)"))
        #expect(try CommandRunner.run(["export", database, "--kind", "deal"]).status == 64)
        #expect(
            try CommandRunner.run(["export", database, "--kind", "customer", "--format", "xml"]).status == 64)
        let created = try CommandRunner.run([database, "-c", "insert customer {name: \"A\"}"])
        #expect(created.status == 0)
        let unknownField = try CommandRunner.run([
            "export", database, "--kind", "customer", "--where", "tierr = vip",
        ])
        #expect(unknownField.status == 64)
        #expect(
            unknownField.stderr
                == "crm export: --where: unknown field 'tierr' on customer (did you mean 'tier'?)\n")
        let missingFile = try CommandRunner.run([
            "import", database, directory.file("nope.csv"), "--kind", "customer",
        ])
        #expect(missingFile.status == 1)
        #expect(missingFile.stderr.hasPrefix("crm import: cannot read \(directory.file("nope.csv"))"))
    }
}
