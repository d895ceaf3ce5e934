import TestSupport
import Testing

@testable import CRMStore

/// A masked read through an index is answered from the index entry when it holds every
/// field asked for, and from the record otherwise.
@Suite("Partial records read from index entries")
struct IndexCoverageTests {
    let fixture: StoreFixture
    init() throws { fixture = try StoreFixture() }
    var store: Store { fixture.store }

    private func mask<R: Record>(_ type: R.Type, _ names: [String]) throws -> UInt64 {
        try #require(R.fieldMask(for: names))
    }

    @Test func promiseStatusEntriesHoldCustomerStatusAndDue() throws {
        let acme = try fixture.customer("Acme")
        let promise = try fixture.promise(acme.id, due: .day(3)) { $0.note = "call first" }
        try store.read { (tx) throws in
            var cursor = try tx.promises(status: .pending)
            #expect(try cursor.nextID() == promise.id)
            let partial = try #require(
                try cursor.current(mask: try mask(Promise.self, ["customer", "status", "due"])))
            #expect(partial.id == promise.id && partial.customer == acme.id)
            #expect(partial.status == .pending && partial.due == promise.due)
            #expect(partial.title == "" && partial.note == nil, "read from the index entry, not the record")
            let fuller = try #require(try cursor.current(mask: try mask(Promise.self, ["customer", "note"])))
            #expect(fuller.note == "call first", "a field the entry lacks reads the record")
        }
    }

    @Test func interactionKindEntriesHoldCustomerKindAndTime() throws {
        let acme = try fixture.customer("Acme")
        let call = try fixture.interaction(acme.id, .complaint) { $0.subject = "late" }
        try store.read { (tx) throws in
            var cursor = try tx.interactions(kind: .complaint)
            #expect(try cursor.nextID() == call.id)
            let partial = try #require(
                try cursor.current(mask: try mask(Interaction.self, ["customer", "kind", "at"])))
            #expect(partial.customer == acme.id && partial.kind == .complaint && partial.at == call.at)
            #expect(partial.subject == nil)
        }
    }

    @Test func movingAPromiseToAnotherCustomerRewritesTheEntriesThatHoldTheCustomer() throws {
        let acme = try fixture.customer("Acme")
        let beta = try fixture.customer("Beta")
        let promise = try fixture.promise(acme.id, due: .day(3))
        try store.write { tx in _ = try tx.update(Promise.self, promise.id) { $0.customer = beta.id } }
        try store.read { (tx) throws in
            var cursor = try tx.promises(status: .pending)
            _ = try cursor.nextID()
            #expect(try cursor.current(mask: try mask(Promise.self, ["customer"]))?.customer == beta.id)
        }
        #expect(try store.check().problems == [])
    }

    @Test func damagedEntriesGiveNoRecordInsteadOfACrash() {
        var random = SplitMix64(seed: 17)
        var built = 0
        var wrongID = 0
        for _ in 0..<3_000 {
            let key = (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let value = (0..<Int(random.next() % 12)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            // Half the time no fields at all (any entry that reads answers), else any mask.
            let mask = random.next() % 2 == 0 ? 0 : random.next()
            key.withUnsafeBytes { key in
                value.withUnsafeBytes { value in
                    for index in Index.allCases {
                        let ids = [
                            Customer.covered(by: index, key: key, value: value, id: 1, mask: mask)?.id,
                            Interaction.covered(by: index, key: key, value: value, id: 1, mask: mask)?.id,
                            Promise.covered(by: index, key: key, value: value, id: 1, mask: mask)?.id,
                        ].compactMap { $0 }
                        built += ids.count
                        wrongID += ids.filter { $0 != 1 }.count
                    }
                }
            }
        }
        #expect(built > 0, "an empty mask is answered from any entry that reads")
        #expect(wrongID == 0)
    }
}
