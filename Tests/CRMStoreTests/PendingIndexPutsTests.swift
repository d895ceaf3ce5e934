import TestSupport
import Testing

@testable import CRMStore

/// A write holds its new index entries back and puts them in key order; nothing it or a
/// later reader does may see an index without them.
@Suite("Index entries held back within a write")
struct PendingIndexPutsTests {
    let fixture: StoreFixture
    init() throws { fixture = try StoreFixture() }
    var store: Store { fixture.store }

    @Test func aWriteSeesItsOwnNewEntriesAtOnce() throws {
        try store.write { (tx) throws in
            let acme = try tx.insert(Customer(name: "Acme"))
            #expect(try tx.customers(name: "acme").collectIDs() == [acme.id])
            let call = try tx.insert(Interaction(customer: acme.id, kind: .call))
            #expect(try tx.interactions(customer: acme.id).collectIDs() == [call.id])
            #expect(try tx.interactionCount(customer: acme.id) == 1)
            _ = try tx.insert(Interaction(customer: acme.id, kind: .email))
            #expect(try tx.interactionCount(customer: acme.id) == 2, "a reused cursor sees later inserts")
            #expect(try tx.lastContact(customer: acme.id) != nil)
        }
        #expect(try store.check().isHealthy)
    }

    @Test func updatesAndDeletesInTheSameWriteMoveTheHeldBackEntries() throws {
        try store.write { (tx) throws in
            var acme = try tx.insert(Customer(name: "Acme"))
            acme.name = "Beta"
            acme.tier = .vip
            acme = try tx.update(acme)
            acme.name = "Acme"
            acme = try tx.update(acme)
            let gone = try tx.insert(Customer(name: "Gamma"))
            _ = try tx.delete(Customer.self, gone.id)
            #expect(try tx.customers(name: "beta").collectIDs().isEmpty)
            #expect(try tx.customers(name: "gamma").collectIDs().isEmpty)
            #expect(try tx.customers(tier: .vip).collectIDs() == [acme.id])
        }
        let report = try store.check()
        #expect(report.problems == [])
        try store.read { (tx) throws in
            #expect(try tx.customers(name: "acme").collectIDs() == [1])
            #expect(try tx.customers(tier: .standard).collectIDs().isEmpty)
        }
    }

    @Test func manyEntriesInOneWriteAreAllPutInOrder() throws {
        var random = SplitMix64(seed: 7)
        let names = (0..<2_000).map { _ in "customer \(random.next() % 100_000)" }
        try store.write { (tx) throws in
            for name in names { _ = try tx.insert(Customer(name: name)) }
        }
        #expect(try store.check().isHealthy)
        try store.read { (tx) throws in
            for name in Set(names).prefix(50) {
                #expect(try tx.customers(name: name).collectIDs().count == names.filter { $0 == name }.count)
            }
        }
    }
}
