import LMDB
import Testing

@testable import CRMStore

@Suite("Cascade delete erases a customer everywhere")
struct ErasureTests {
    @Test func cascadeLeavesNothingReachableButTheErasureEntry() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let keep = try fixture.customer("Keep Ltd") {
            $0.email = "keep@x.com"
            $0.tags = ["steel"]
        }
        let gone = try fixture.customer("Gone Ltd") {
            $0.email = "gone@x.com"
            $0.phone = "12345"
            $0.tier = .vip
            $0.owner = "li"
            $0.city = "Xi'an"
            $0.tags = ["steel", "secret"]
        }
        let keptCall = try fixture.interaction(keep.id) { $0.score = 3 }
        let complaint = try fixture.interaction(gone.id, .complaint) { $0.score = 1 }
        try fixture.interaction(gone.id, .survey) { $0.score = 2 }
        try fixture.promise(gone.id, due: .day(1)) {
            $0.interaction = complaint.id
            $0.owner = "li"
        }
        try fixture.promise(gone.id, due: .day(-1))
        try fixture.promise(keep.id, due: .day(1))
        try store.write { tx in try tx.update(Customer.self, gone.id) { $0.note = "private" } }

        let refused = #expect(throws: StoreError.self) {
            try store.write { tx in try tx.delete(Customer.self, gone.id) }
        }
        #expect(refused?.code == .hasDependents)

        let deletion = try store.write { tx in try tx.delete(Customer.self, gone.id, cascade: true) }
        #expect(deletion.customers == [gone.id])
        #expect(deletion.interactions == [2, 3])
        #expect(deletion.promises == [1, 2])

        try store.read { tx throws in
            #expect(try tx.customer(gone.id) == nil)
            for id: Int64 in [2, 3] { #expect(try tx.interaction(id) == nil) }
            for id: Int64 in [1, 2] { #expect(try tx.promise(id) == nil) }
            #expect(try tx.customers(email: "gone@x.com").collect().isEmpty)
            #expect(try tx.customers(phone: "12345").collect().isEmpty)
            #expect(try tx.customers(tier: .vip).collect().isEmpty)
            #expect(try tx.customers(owner: "li").collect().isEmpty)
            #expect(try tx.customers(city: "xi'an").collect().isEmpty)
            #expect(try tx.customers(tag: "secret").collect().isEmpty)
            #expect(try tx.customers(tag: "steel").collect().map(\.id) == [keep.id])
            #expect(try tx.customers(namePrefix: "gone").collect().isEmpty)
            #expect(try tx.interactions(customer: gone.id).collect().isEmpty)
            #expect(try tx.interactions(kind: .complaint).collect().isEmpty)
            #expect(try tx.interactions(at: nil).collectIDs() == [keptCall.id])
            #expect(try tx.promises(customer: gone.id).collect().isEmpty)
            #expect(try tx.promises(owner: "li").collect().isEmpty)
            #expect(try tx.promises(status: .pending).collectIDs() == [3])
            #expect(try tx.promises(interaction: complaint.id).collect().isEmpty)
            #expect(try tx.openPromiseCount(customer: gone.id) == 0)
            #expect(try tx.satisfaction(customer: gone.id) == nil)
            #expect(try tx.satisfaction(customer: keep.id) == 3)
            for id: Int64 in [2, 3] { #expect(try tx.history(.interaction, id).isEmpty) }
            for id: Int64 in [1, 2] { #expect(try tx.history(.promise, id).isEmpty) }
            let history = try tx.history(.customer, gone.id)
            #expect(history.count == 1)
            #expect(history.first?.operation == .erase)
            #expect(history.first?.changes == [])
            #expect(try tx.history(.customer, keep.id).count == 1, "other customers' history stays")
        }
        #expect(try store.check().isHealthy)

        // No byte of the erased customer's text is left in any table of the open store.
        let environment = try Environment.shared(path: fixture.path)
        let secrets = ["Gone Ltd", "gone@x.com", "private", "gone ltd"].map { Array($0.utf8) }
        try environment.read { tx throws in
            for name in Tables.allNames {
                let db = try tx.openDatabase(name)
                var scan = try tx.scan(db)
                while let entry = try scan.next() {
                    for secret in secrets {
                        #expect(!contains(entry.key, secret) && !contains(entry.value, secret), "\(name)")
                    }
                }
            }
        }
    }

    func contains(_ buffer: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard buffer.count >= needle.count else { return false }
        return (0...(buffer.count - needle.count)).contains { start in
            needle.indices.allSatisfy { buffer[start + $0] == needle[$0] }
        }
    }
}
