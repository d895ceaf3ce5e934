import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import TestSupport
import Testing

/// Declared custom fields seen from the query language: `define field`, conditions on
/// `attrs.NAME` answered by their index (and equal to a table scan), values bound to the
/// declared type, imports converting to it, `explain` naming the index, and the schema's
/// catalog listing the fields.
@Suite("Declared custom fields in queries, imports and the catalog")
struct CustomFieldQueryTests {
    let fixture: EngineFixture

    init() throws {
        var script = "begin\n"
        let regions = ["North", "north", "south", "West", "东"]
        for index in 0..<60 {
            let region = index % 7 == 0 ? "" : ", region: \"\(regions[index % regions.count])\""
            script += "insert customer {name: \"C\(index)\", attrs: {size: \(index % 4)\(region)}}\n"
        }
        script +=
            "define field customer.region: string indexed\ndefine field customer.size: integer indexed\ncommit\n"
        fixture = try EngineFixture(loading: script)
    }

    @Test(arguments: [
        "find customers where attrs.region = \"NORTH\"",
        "find customers where attrs.region in (\"north\", \"west\", \"north\")",
        "find customers where attrs.region starts with \"n\"",
        "find customers where attrs.region = \"north\" and attrs.size = 2",
        "find customers where attrs.size in (1, 3) and name starts with \"C1\"",
        "find customers where attrs.region != \"north\"",
        "find customers where attrs.region is null",
    ])
    func conditionsGiveTheSameRowsWithAndWithoutTheIndex(_ statement: String) throws {
        let ordered = statement + " order by id select id"
        let indexed = try fixture.column(ordered)
        fixture.session.usesIndexes = false
        defer { fixture.session.usesIndexes = true }
        let scanned = try fixture.column(ordered)
        #expect(indexed == scanned)
        #expect(!indexed.isEmpty)
    }

    @Test func explainNamesTheIndex() throws {
        let plan = try fixture.column("explain find customers where attrs.region = \"north\"", "plan")
        #expect(plan.contains("access: index customer.attrs.region (attrs.region = \"north\")"))
        let sizes = try fixture.column("explain find customers where attrs.size in (1, 2)", "plan")
        #expect(sizes.contains("access: index customer.attrs.size (attrs.size in (1, 2))"))
        // An undeclared custom field has no index.
        let other = try fixture.column("explain find customers where attrs.colour = \"red\"", "plan")
        #expect(other.contains("access: full table scan"))
    }

    @Test func valuesAreBoundToTheDeclaredType() throws {
        let before = try fixture.counts()
        let error = fixture.error("update customer 1 set attrs.size = \"big\"")
        #expect(
            error?.diagnostic.message
                == "attrs.size is an integer, not a string (write a whole number such as 42)")
        #expect(try fixture.counts() == before)
        let unknown = fixture.error("define field customer.due: date")
        #expect(unknown?.diagnostic.message.hasPrefix("'date' is not a field type") == true)
        #expect(unknown?.diagnostic.id == .unknownValue)
    }

    @Test func importConvertsToTheDeclaredTypes() throws {
        // Without the declaration, "007" would be read as the integer 7.
        let summary = fixture.importText(
            "name,attrs.region,attrs.size\nZed,007,5\n", .customer)
        #expect(summary.issues == [])
        let rows = try fixture.rows("find customers where attrs.region = \"007\" select name, attrs.size")
        #expect(rows == [["Zed", "5"]])
        let bad = fixture.importText("name,attrs.size\nYan,many\n", .customer)
        #expect(bad.issues.first?.contains("attrs.size takes a whole number") == true)
    }

    @Test func theCatalogListsDeclaredFields() throws {
        let fields = try SchemaCatalog.customFields(of: .customer, in: fixture.store)
        #expect(fields.map(\.name) == ["attrs.region", "attrs.size"])
        #expect(fields.map(\.type) == ["string", "integer"])
        #expect(fields.allSatisfy { $0.indexed })
        #expect(try SchemaCatalog.customFields(of: .promise, in: fixture.store).isEmpty)
    }

    @Test func parseErrorsPointAtTheMistake() {
        let cases: [(String, String)] = [
            ("define customer.region: string", "expected 'field' after 'define'"),
            ("define field customer region: string", "expected '.' and the field's name after customer"),
            ("define field customer.region string", "expected ':' and the field's type after the name"),
            ("define field customer.region:", "expected the field's type (string, integer, decimal, boolean"),
            ("drop field prospects.region", "unknown entity 'prospects'"),
        ]
        for (source, message) in cases {
            let result = Parser.parse(source)
            #expect(result.diagnostics.first?.message.hasPrefix(message) == true, "\(source)")
        }
        let parsed = Parser.parse("define field customers.attrs.region: string indexed")
        #expect(parsed.script.statements.first?.dump == "(define-field customer region string indexed)")
    }
}
