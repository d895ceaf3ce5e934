import TestSupport
import Testing

@testable import CRMStore

/// The README's Swift example, line for line, so that it keeps compiling and working.
@Suite("README example")
struct ReadmeExampleTests {
    @Test func theTourRuns() throws {
        let directory = try TemporaryDirectory()
        let store = try Store(path: directory.file("crm.db"))

        let acme = try store.write { tx in
            var customer = Customer(name: "Acme Ltd")
            customer.tier = .vip
            customer.city = "Xi'an"
            customer.tags = ["steel", "north"]
            return try tx.insert(customer)
        }

        try store.write { tx in
            var complaint = Interaction(customer: acme.id, kind: .complaint)
            complaint.subject = "late delivery"
            complaint = try tx.insert(complaint)

            var reply = Promise(
                customer: acme.id, title: "Reply with a solution",
                due: Timestamp.now().adding(microseconds: 48 * 3_600_000_000))
            reply.interaction = complaint.id
            reply.owner = "li.wei"
            _ = try tx.insert(reply)
        }

        let overdue = try store.read { tx in
            try tx.promises(status: .pending, due: Timestamp(microseconds: .min)..<tx.now).collect()
        }
        let vipNames = try store.read { tx in try tx.customers(tier: .vip).collect().map(\.name) }
        #expect(overdue.isEmpty)
        #expect(vipNames == ["Acme Ltd"])

        try store.write { tx in try tx.update(Promise.self, 1) { $0.status = .kept } }
        let history = try store.read { tx in try tx.history(.promise, 1) }
        let open = try store.read { tx in try tx.openPromiseCount(customer: acme.id) }
        #expect(history.map(\.operation) == [.insert, .update])
        #expect(open == 0)

        try store.write { tx in try tx.delete(Customer.self, acme.id, cascade: true) }

        let report = try store.check()
        #expect(report.isHealthy)
        #expect(try store.statistics().customers == 0)
    }
}
