import CRMEngine
import CRMQuery
import CRMStore
import Foundation
import TestSupport
import Testing

@Suite("Engine: index choice, explain, and reading only what is needed")
struct EnginePlanningTests {
    let fixture: EngineFixture
    init() throws { fixture = try EngineFixture() }

    func plan(_ statement: String) throws -> [String] {
        try fixture.column("explain " + statement, "plan")
    }

    @Test(arguments: [
        ("find customers where id = 2", "primary key (id in 2)"),
        ("find customers where tier = vip", "index customer.tier (tier in vip)"),
        ("find customers where status = lost", "index customer.status (status in lost)"),
        ("find customers where email = \"info@acme.com\"", "index customer.email"),
        ("find customers where phone = \"1\"", "index customer.phone"),
        ("find customers where name starts with \"Ac\"", "index customer.name (name starts with \"Ac\")"),
        ("find customers where name = \"Acme Ltd\"", "index customer.name (name = \"Acme Ltd\")"),
        ("find customers where owner = \"li.wei\"", "index customer.owner"),
        ("find customers where city = \"Berlin\"", "index customer.city"),
        ("find customers where tags contains steel", "index customer.tag"),
        ("find customers where note contains \"x\"", "full table scan"),
        ("find interactions where customer = 1", "index interaction.customer_at (customer = 1)"),
        (
            "find interactions where customer = 1 and at >= 2026-11-01",
            "index interaction.customer_at (customer = 1, at >= 2026-11-01T00:00:00Z)"
        ),
        ("find interactions where kind = complaint", "index interaction.kind_at (kind in complaint)"),
        (
            "find interactions where at > 2026-11-01T00:00:00Z",
            "index interaction.kind_at (every kind, at >= "
        ),
        ("find interactions where subject contains \"refund\"", "full table scan"),
        ("find promises where customer = 1", "index promise.customer_due (customer = 1)"),
        ("find promises where status = kept", "index promise.status_due (status in kept)"),
        (
            "find promises where overdue",
            "index promise.status_due (status in pending, due < 2026-11-25T12:00:00Z)"
        ),
        ("find promises where owner = \"li.wei\"", "index promise.owner_due"),
        ("find promises where interaction = 1", "index promise.interaction (interaction = 1)"),
        ("find promises where title = \"x\"", "full table scan"),
    ])
    func eachIndexedPredicateUsesItsIndex(_ statement: String, _ access: String) throws {
        let lines = try plan(statement)
        #expect(lines.contains { $0.hasPrefix("access: " + access) }, "\(statement): \(lines)")
    }

    @Test func explainShowsWhatIsLeftToFilterAndWhetherItSorts() throws {
        let lines = try plan("find promises where overdue and customer.tier = vip order by due limit 100")
        #expect(
            lines == [
                "find promises",
                "access: index promise.status_due (status in pending, due < 2026-11-25T12:00:00Z)",
                "filter: customer.tier = vip",
                "order: due asc (index order, no sort)",
                "limit: 100 (stops the walk early)",
            ])
        let sorted = try plan("find customers where tier = vip order by name")
        #expect(sorted.contains("order: name asc (sorted)"))
    }

    /// A store large enough that reading it all would show: 200 customers, 1 in 20 vip.
    @Test func anIndexedQueryReadsOnlyTheRecordsItReturns() throws {
        var script = ""
        for i in 0..<200 {
            script +=
                "insert customer {name: \"C\(i)\", tier: \(i % 20 == 0 ? "vip" : "standard"), city: \"City\(i % 10)\"}\n"
        }
        let big = try EngineFixture(loading: script)
        let vip = try big.session.execute("find customers where tier = vip")[0]
        #expect(vip.rows.count == 10)
        #expect(vip.statistics.recordsRead == 10)
        let city = try big.session.execute("find customers where city = \"city3\" and tier = standard")[0]
        #expect(city.rows.count == 20)
        #expect(city.statistics.recordsRead == 20, "the city index narrows to 20; tier is checked on those")
        let one = try big.session.execute("find customers where id = 77")[0]
        #expect(one.statistics.recordsRead == 1)
        let limited = try big.session.execute("find customers order by id limit 5")[0]
        #expect(limited.statistics.recordsRead == 5)
        let scan = try big.session.execute("find customers where name contains \"C19\"")[0]
        #expect(scan.statistics.entriesScanned == 200, "no index: every record is examined")
        #expect(scan.statistics.recordsRead == 11, "but only the matches are read whole")
        #expect(scan.rows.count == 11)
        let counted = try big.session.execute("count customers")[0]
        #expect(counted.statistics.recordsRead == 0)
    }

    @Test func randomTokenSequencesAndMutationsNeverCrashTheEngine() throws {
        let words = [
            "find", "count", "get", "update", "delete", "insert", "customers", "promises", "interactions",
            "where",
            "and", "or", "not", "=", "!=", "<", ">=", "in", "(", ")", "tier", "vip", "due", "now", "+2bd",
            "last", "30", "days", "this", "month", "contains", "starts", "with", "any", "none", "count(",
            "order",
            "by", "limit", "1", "\"x\"", "null", "is", "select", "group", "avg(score)", "set", "{", "}",
            "name:",
            ",", "overdue", "customer.tier", "attrs.x", "$1", "explain", "history", "cascade", "1200.50",
            "2026-12-01",
        ]
        var rng = SplitMix64(seed: 7)
        let before = try fixture.counts()
        for _ in 0..<3000 {
            let count = Int(rng.next() % 12) + 1
            let statement = (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(
                separator: " ")
            // Reads and failed writes must not crash; successful writes are allowed to write.
            _ = fixture.session.run(statement, parameters: ["x"], options: RunOptions(stopOnError: false))
        }
        #expect(try fixture.store.check().isHealthy)
        #expect(try fixture.counts()[0] >= before[0] - 3, "deletes are possible, nothing else broken")
    }
}

@Suite("Engine: includes read only what they show")
struct IncludePushdownTests {
    @Test func aTimelineReadsItsLimitNotEveryInteraction() throws {
        var script = "insert customer {name: \"Busy\"}\n"
        for day in 1...28 {
            script +=
                "insert interaction {customer: 1, kind: call, at: 2026-10-\(day < 10 ? "0" : "")\(day)}\n"
        }
        let fixture = try EngineFixture(loading: script)
        let result = try fixture.session.execute(
            "get customer 1 with interactions(order by at desc limit 3)")[0]
        #expect(
            result.sections[1].column("at").map(\.description) == [
                "2026-10-28T00:00:00Z", "2026-10-27T00:00:00Z", "2026-10-26T00:00:00Z",
            ])
        #expect(result.statistics.recordsRead == 4, "the customer and three interactions")
        let ascending = try fixture.session.execute("get customer 1 with interactions(order by at limit 2)")[
            0]
        #expect(ascending.sections[1].column("id") == [.integer(1), .integer(2)])
    }

    @Test func lapsedCustomersAreFoundFromIndexKeysBeforeTheirRecordsAreRead() throws {
        var script = ""
        for i in 1...20 { script += "insert customer {name: \"C\(i)\", tier: vip}\n" }
        for i in 1...15 { script += "insert interaction {customer: \(i), kind: call, at: 2026-11-20}\n" }
        let fixture = try EngineFixture(loading: script)
        let result = try fixture.session.execute(
            "find customers where tier = vip and none(interactions where at in last 90 days)")[0]
        #expect(result.rows.count == 5)
        #expect(result.statistics.recordsRead == 5, "only the five lapsed customers are read")
    }
}
