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

    @Test func aReadOfOneIndexPutsThatIndexAloneAndSeesItsEntries() throws {
        try store.write { (tx) throws in
            let acme = try tx.insert(Customer(name: "Acme"))
            let beta = try tx.insert(Customer(name: "Beta"))
            _ = try tx.customers(name: "acme").collectIDs()
            let heldBefore = tx.pendingIndexBytes
            var calls: [Int64] = []
            for _ in 0..<20 { calls.append(try tx.insert(Interaction(customer: acme.id, kind: .call)).id) }
            let interactionBytes = tx.pendingIndexBytes - heldBefore
            #expect(interactionBytes > 0)
            // An update of a customer reads and moves customer entries only: the
            // interactions' entries stay held back for one sorted run later.
            var renamed = beta
            renamed.tier = .vip
            _ = try tx.update(renamed)
            #expect(tx.pendingIndexBytes >= interactionBytes)
            #expect(try tx.customers(tier: .vip).collectIDs() == [beta.id])
            // Moving a held-back interaction to another customer deletes its held-back entry.
            var moved = try #require(try tx.get(Interaction.self, calls[0]))
            moved.customer = beta.id
            _ = try tx.update(moved)
            #expect(try tx.interactions(customer: acme.id).collectIDs().sorted() == Array(calls.dropFirst()))
            #expect(try tx.interactions(customer: beta.id).collectIDs() == [calls[0]])
        }
        #expect(try store.check().problems == [])
    }

    @Test func entriesPastTheBoundArePutBeforeTheWriteEnds() throws {
        try store.write { (tx) throws in
            tx.pendingIndexBytesBound = 2_000
            let acme = try tx.insert(Customer(name: "Acme"))
            var peak = 0
            for _ in 0..<500 {
                _ = try tx.insert(Interaction(customer: acme.id, kind: .note))
                peak = max(peak, tx.pendingIndexBytes)
            }
            #expect(peak > 0 && peak <= 2_000, "held back at most the bound after each write (\(peak) bytes)")
            #expect(try tx.interactionCount(customer: acme.id) == 500)
        }
        #expect(try store.check().problems == [])
        try store.read { (tx) throws in #expect(try tx.interactionCount(customer: 1) == 500) }
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

/// A bulk write gives the file's mapped pages back (`StoreOptions.releaseMappedPagesAfter`).
@Suite("Resident memory after bulk writes")
struct BulkWriteMemoryTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    /// Fills a store, reads all of it (mapping it in), then writes `writes` records; returns
    /// the file's resident KiB before and after that write.
    private func residentAround(writes: Int, threshold: Int?) throws -> (before: Int, after: Int) {
        let path = directory.file("bulk-\(threshold ?? 0).db")
        let store = try Store(
            path: path, options: StoreOptions(durability: .relaxed, releaseMappedPagesAfter: threshold))
        let note = String(repeating: "n", count: 2_000)
        try store.write { tx in
            for index in 0..<4_000 {
                var customer = Customer(name: "customer \(index)")
                customer.note = note
                _ = try tx.insert(customer)
            }
        }
        _ = try store.read { tx in try tx.all(Customer.self).collect().count }
        let before = try MappedMemory.residentKiB(of: path)
        try store.write { tx in
            for index in 0..<writes { _ = try tx.insert(Customer(name: "more \(index)")) }
        }
        return (before, try MappedMemory.residentKiB(of: path))
    }

    @Test func aWriteOfManyRecordsGivesTheMappedPagesBack() throws {
        let bulk = try residentAround(writes: 60, threshold: 50)
        #expect(bulk.before > 4_000, "reading the store mapped it in (\(bulk.before) KiB)")
        #expect(bulk.after < bulk.before / 4, "\(bulk.before) KiB before, \(bulk.after) KiB after")
        let small = try residentAround(writes: 10, threshold: 50)
        #expect(
            small.after > small.before / 2, "a small write keeps them (\(small.before) -> \(small.after) KiB)"
        )
    }
}
