import Testing

@testable import CRMStore

/// An insert is stored without its values; history rebuilds them by undoing later changes.
@Suite("History of inserts rebuilt from later changes")
struct HistoryReplayTests {
    let fixture: StoreFixture
    init() throws { fixture = try StoreFixture() }
    var store: Store { fixture.store }

    /// What the insert entry must list: every non-null value the record was inserted with.
    private func insertValues(_ record: some Record) -> [HistoryEntry.Change] {
        WriteTransaction.changes(from: nil, to: record.storedValues)
    }

    @Test func insertEntryListsTheOriginalValuesAfterManyUpdates() throws {
        let original = try fixture.customer("Acme") {
            $0.email = "sales@acme.example"
            $0.tags = ["steel", "north"]
            $0.attrs["region"] = .string("north")
            $0.attrs["seats"] = .integer(12)
        }
        for step in 0..<3 {
            fixture.clock.advance(seconds: 60)
            try store.write { tx in
                try tx.update(Customer.self, original.id) {
                    $0.name = "Acme \(step)"
                    $0.email = step == 1 ? nil : "ops\(step)@acme.example"
                    $0.tags = step == 2 ? [] : ["steel", "south\(step)"]
                    $0.attrs["region"] = nil
                    $0.attrs["since"] = .integer(Int64(2000 + step))
                    $0.tier = .vip
                }
            }
        }
        let history = try store.read { tx in try tx.history(.customer, original.id) }
        #expect(history.map(\.operation) == [.insert, .update, .update, .update])
        #expect(history[0].changes == insertValues(original))
        #expect(history[0].changes.contains { $0.field == "attrs.region" && $0.new == .string("north") })
        #expect(!history[0].changes.contains { $0.field == "attrs.since" }, "added later, not at insert")
        #expect(history[0].time == original.created)
    }

    @Test func insertEntryOfADeletedRecordComesFromItsDeleteEntry() throws {
        let acme = try fixture.customer("Acme")
        let original = try fixture.promise(acme.id, due: .day(3)) {
            $0.note = "call first"
            $0.amount = try? ExactDecimal(parsing: "1200.50")
        }
        fixture.clock.advance(seconds: 60)
        try store.write { tx in
            try tx.update(Promise.self, original.id) {
                $0.note = nil
                $0.status = .kept
            }
        }
        try store.write { tx in _ = try tx.delete(Promise.self, original.id) }
        let history = try store.read { tx in try tx.history(.promise, original.id) }
        #expect(history.map(\.operation) == [.insert, .update, .delete])
        #expect(history[0].changes == insertValues(original))
        #expect(history[0].changes.contains { $0.field == "note" && $0.new == .string("call first") })
        #expect(!history[0].changes.contains { $0.field == "resolved" }, "set by the later update")
    }

    @Test func anInsertEntryWrittenInFullIsReadAsItIs() throws {
        let acme = try fixture.customer("Acme")
        let full = HistoryEntry(
            kind: .customer, id: acme.id, sequence: 1, time: acme.created, operation: .insert,
            changes: [HistoryEntry.Change(field: "name", old: .null, new: .string("Acme (as first written)"))]
        )
        try store.write { tx in
            _ = try (tx.storage as? any StorageWriter)?.put(
                tx.tables.history, key: full.key, value: full.encoded(), flags: [])
        }
        let history = try store.read { tx in try tx.history(.customer, acme.id) }
        #expect(history == [full])
    }
}
