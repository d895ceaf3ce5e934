import CRMQuery
import CRMStore
import Testing

@testable import CRMEngine

@Suite("Engine: reading statements against a real store")
struct EngineQueryTests {
    let fixture: EngineFixture
    init() throws { fixture = try EngineFixture() }

    @Test func findReturnsDefaultColumnsInSpecOrder() throws {
        let result = try fixture.session.execute("find customers where id = 1")[0]
        #expect(
            result.columns == [
                "id", "name", "kind", "tier", "status", "company", "email", "phone", "city", "address",
                "owner",
                "verified", "note", "tags", "created", "updated",
            ])
        #expect(result.rows[0][1] == .string("Acme Ltd"))
        #expect(result.rows[0][3] == .symbol("vip"))
        #expect(result.rows[0][13] == .list(["steel", "north"]))
    }

    @Test(arguments: [
        ("find customers where tier = vip", ["1"]),
        ("find customers where tier != vip", ["2", "3"]),
        ("find customers where tier in (key, vip) order by name", ["1", "2"]),
        ("find customers where tier not in (key, vip)", ["3"]),
        ("find customers where tier >= key order by id", ["1", "2"]),
        ("find customers where tier < key", ["3"]),
        ("find customers where city = \"xi'an\"", ["1"]),
        ("find customers where city = \"北京\"", ["2"]),
        ("find customers where email is not null", ["1"]),
        ("find customers where email is null order by id", ["2", "3"]),
        ("find customers where email = null", ["2", "3"]),
        ("find customers where tags contains STEEL", ["1"]),
        ("find customers where tags contains trade or tags contains north", ["1", "2"]),
        ("find customers where not tags contains steel", ["2", "3"]),
        ("find customers where name contains \"贸易\"", ["2"]),
        ("find customers where name contains \"ACME\"", ["1"]),
        ("find customers where name starts with \"ac\"", ["1"]),
        ("find customers where phone = \"+86 10 1234 5678\"", ["2"]),
        ("find customers where owner = \"LI.WEI\"", ["1"]),
        ("find customers where status = prospect and city = \"Berlin\"", ["3"]),
        ("find customers where (tier = vip or tier = key) and not city = \"北京\"", ["1"]),
        ("find customers where attrs.employees > 10", ["3"]),
        ("find customers where attrs.region = \"eu\"", ["3"]),
        ("find customers where attrs.missing is null order by id desc", ["3", "2", "1"]),
        ("find customers order by name desc", ["2", "3", "1"]),
        ("find customers order by id limit 2 offset 1", ["2", "3"]),
        ("find interactions where urgent", ["1"]),
        ("find interactions where not urgent order by id", ["2", "3", "4"]),
        ("find interactions where score >= 3", ["2"]),
        ("find interactions where score < 3", ["3"]),
        ("find interactions where kind = survey order by at desc", ["2", "3"]),
        ("find interactions where customer = 2 order by at", ["4", "3"]),
        ("find interactions where customer.tier = vip order by id", ["1", "2"]),
        ("find interactions where subject contains refund", ["3"]),
        ("find interactions where channel = phone", ["1"]),
        ("find interactions where by = \"wang.fang\"", ["4"]),
        ("find interactions where none(promises)", ["2", "3", "4"]),
        ("find interactions where any(promises where owner = \"li.wei\")", ["1"]),
        ("find promises where overdue order by due", ["1", "4"]),
        ("find promises where status = pending order by due desc", ["2", "4", "1"]),
        ("find promises where amount > 1000", ["1"]),
        ("find promises where amount = 0.05", ["4"]),
        ("find promises where amount = 1200.5", ["1"]),
        ("find promises where amount is null", ["2", "3"]),
        ("find promises where owner = \"li.wei\" order by due", ["1", "4"]),
        ("find promises where customer.city = \"北京\" order by id", ["3", "4"]),
        ("find promises where interaction.kind = complaint", ["1"]),
        ("find promises where kept_late", ["3"]),
        ("find promises where resolved > due", ["3"]),
        ("find customers where any(promises where overdue) order by id", ["1", "2"]),
        ("find customers where count(interactions) >= 2 order by id", ["1", "2"]),
        ("find customers where count(promises where status = pending) = 1", ["2"]),
        ("find customers where none(interactions)", ["3"]),
    ])
    func whereConditions(_ query: String, _ ids: [String]) throws {
        #expect(try fixture.column(query) == ids, "\(query)")
    }

    @Test func decimalsStayExactToTheCent() throws {
        let rows = try fixture.rows(
            "find promises where amount is not null select title, amount order by amount")
        #expect(rows == [["Call back", "0.05"], ["Reply with a solution", "1200.50"]])
        let sum = try fixture.rows("find promises select sum(amount), count(amount), count()")
        #expect(sum == [["1200.55", "2", "4"]])
    }

    @Test func derivedFieldsOnRequest() throws {
        let rows = try fixture.rows(
            "find customers select name, last_contact, open_promises, overdue_promises, satisfaction order by id"
        )
        #expect(rows[0] == ["Acme Ltd", "2026-11-20T09:00:00Z", "2", "1", "4"])
        #expect(rows[1] == ["北京贸易", "2026-10-15T00:00:00Z", "1", "1", "2"])
        #expect(rows[2] == ["Gamma GmbH", "null", "0", "0", "null"])
        let late = try fixture.rows("find promises where id = 3 select overdue, kept_late, late_by")
        // Due 2026-11-01 means the end of that day, 23:59:59; resolved 2026-11-03T10:00.
        #expect(late == [["false", "true", "P1DT10H1S"]])
    }

    @Test func countAndGroupBy() throws {
        #expect(try fixture.rows("count customers") == [["3"]])
        #expect(try fixture.rows("count promises where overdue") == [["2"]])
        #expect(
            try fixture.rows("count interactions group by kind") == [
                ["call", "1"], ["complaint", "1"], ["survey", "2"],
            ])
        let grouped = try fixture.rows(
            "find interactions where kind = survey group by customer select customer.name, avg(score), count()"
        )
        #expect(grouped == [["Acme Ltd", "4", "1"], ["北京贸易", "2", "1"]])
        let ordered = try fixture.rows("count promises group by customer.tier")
        #expect(ordered == [["key", "2"], ["vip", "2"]])
        let empty = try fixture.rows("find promises where amount > 5000 select count(), max(amount)")
        #expect(empty == [["0", "null"]])
    }

    @Test func getWithIncludes() throws {
        let result = try fixture.session.execute(
            "get customer 1 with interactions(order by at desc limit 1), promises(where status = pending)")[0]
        #expect(result.sections.count == 3)
        #expect(result.main.value(0, "name") == .string("Acme Ltd"))
        #expect(result.sections[1].title == "interactions")
        #expect(result.sections[1].column("id") == [.integer(1)])
        #expect(result.sections[2].title == "promises")
        #expect(result.sections[2].column("id") == [.integer(1), .integer(2)])
    }

    @Test func parametersAreValuesNeverSyntax() throws {
        let byName = try fixture.rows(
            "find promises where owner = $o select id order by id", parameters: ["o": "li.wei"])
        #expect(byName == [["1"], ["4"]])
        let positional = try fixture.rows("find customers where tier = $1 select id", parameters: ["vip"])
        #expect(positional == [["1"]])
        // Quotes, keywords and operators in a parameter stay inside the value.
        for hostile in [
            "li.wei\" or owner != \"", "x' or 1=1 --", "li.wei or true", "\"; delete customers where id > 0",
        ] {
            let rows = try fixture.rows(
                "find promises where owner = $o select id", parameters: ["o": .string(hostile)])
            #expect(rows.isEmpty, "\(hostile)")
        }
        #expect(try fixture.counts()[0] == 3)
        let missing = fixture.error("find promises where owner = $nobody")
        #expect(missing?.diagnostic.id == .missingParameter)
    }

    @Test func historyListsChangesOldestFirst() throws {
        _ = try fixture.session.execute("update promise 2 set status = kept, note = \"done\"")
        let rows = try fixture.rows("history promise 2")
        #expect(rows.first?[1] == "insert")
        #expect(rows.contains(["2026-11-25T12:00:00Z", "update", "status", "pending", "kept"]))
        #expect(rows.contains(["2026-11-25T12:00:00Z", "update", "note", "null", "done"]))
    }
}

@Suite("README: the Swift example of the query language")
struct ReadmeQueryExampleTests {
    @Test func theSessionExampleRuns() throws {
        let fixture = try EngineFixture()
        let results = try fixture.session.execute(
            "find promises where owner = $o and overdue order by due", parameters: ["o": "li.wei"])
        #expect(results[0].rows.count == 2)
        let text = ResultWriter(format: .table).render(columns: results[0].columns, rows: results[0].rows)
        #expect(text.hasSuffix("(2 rows)\n"))
    }
}

@Suite("Engine: rows stream to a receiver")
struct EngineStreamingTests {
    final class Counter: ResultReceiver {
        var headers: [[String]] = []
        var rows: [[FieldValue]] = []
        func section(title: String?, columns: [String]) { headers.append(columns) }
        func row(_ values: [FieldValue]) { rows.append(values) }
    }

    @Test func aFindStreamsItsRowsInsteadOfHoldingThem() throws {
        let fixture = try EngineFixture()
        let counter = Counter()
        let report = fixture.session.run(
            "find interactions where subject contains \"e\" select id\ninsert customer {name: \"Z\"}",
            receiver: counter)
        #expect(report.succeeded)
        #expect(counter.headers.first == ["id"])
        #expect(counter.rows.first == [.integer(1)])
        #expect(counter.rows.count == 3, "two interactions, then the inserted customer's row")
        // Streamed rows are not kept in the results as well.
        #expect(report.results.allSatisfy { $0.rows.isEmpty })
        #expect(report.results.first?.columns == ["id"])
    }
}

@Suite("Text compares ignoring case")
struct FoldedTextTests {
    @Test(arguments: [
        ("late delivery", "DELIVERY", true), ("Refund", "fun", true), ("abc", "abcd", false), ("", "", true),
        ("退款 Refund request", "REFUND", true), ("退款 refund", "退款", true), ("Straße", "STRASSE", false),
        ("ÉCOLE", "école", true), ("xyz", "", true), ("a", "b", false), ("aaab", "aab", true),
    ])
    func containsIgnoresCase(_ text: String, _ needle: String, _ expected: Bool) {
        #expect(FoldedText.contains(text, needle) == expected)
        #expect(
            FoldedText.contains(text, needle)
                == (needle.isEmpty || text.lowercased().contains(needle.lowercased())))
    }

    @Test(arguments: [
        ("Acme", "acme", 0), ("acme", "Beta", -1), ("b", "A", 1), ("ab", "a", 1), ("Zed", "zed ltd", -1),
        ("北京", "Acme", 1), ("É", "é", 0),
    ])
    func compareIgnoresCase(_ a: String, _ b: String, _ expected: Int) {
        #expect(FoldedText.compare(a, b) == expected)
        #expect(FoldedText.compare(b, a) == -expected)
    }
}
