import TestSupport
import Testing

@testable import CRMStore

/// An update's history lists the changed fields: own fields and tags in their order, then
/// custom fields added or changed (by name), then custom fields removed.
@Suite("The changes an update records")
struct HistoryChangesTests {
    /// The same list, worked out plainly with dictionaries.
    private func reference(_ old: Customer, _ new: Customer) -> [HistoryEntry.Change] {
        let before = Dictionary(
            old.historyValues.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.historyValues.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        var changes = new.historyValues.compactMap { name, value in
            before[name, default: .null] != value
                ? HistoryEntry.Change(field: name, old: before[name, default: .null], new: value) : nil
        }
        changes += old.historyValues.compactMap { name, value in
            after[name] == nil && value != .null
                ? HistoryEntry.Change(field: name, old: value, new: .null) : nil
        }
        return changes
    }

    private func randomCustomer(_ random: inout SplitMix64) -> Customer {
        var customer = Customer(name: "c\(random.next() % 3)")
        if random.next() % 2 == 0 { customer.email = "e\(random.next() % 3)@x.example" }
        customer.tier = random.next() % 2 == 0 ? .vip : .standard
        customer.tags = ["a", "b", "c"].filter { _ in random.next() % 2 == 0 }
        for name in ["region", "seats", "since", "zone"] where random.next() % 2 == 0 {
            customer.attrs[name] = random.next() % 3 == 0 ? .integer(Int64(random.next() % 3)) : .string("v")
        }
        return customer
    }

    @Test func matchesThePlainDefinitionOnRandomPairs() {
        var random = SplitMix64(seed: 23)
        for _ in 0..<2_000 {
            let old = randomCustomer(&random)
            let new = randomCustomer(&random)
            #expect(
                WriteTransaction.changes(from: old.storedValues, to: new.storedValues) == reference(old, new))
        }
    }
}
