import Testing

@testable import CRMStore

/// `interactionCount` answers `any` / `none(interactions where at in ...)` from index keys.
@Suite("Counting a customer's interactions in a time range")
struct InteractionCountTests {
    let fixture: StoreFixture
    init() throws { fixture = try StoreFixture() }
    var store: Store { fixture.store }

    @Test func countsOnlyThisCustomersInteractionsFromTheStartUpToTheEnd() throws {
        let first = try fixture.customer("First")
        let middle = try fixture.customer("Middle")
        let last = try fixture.customer("Last")
        for customer in [first.id, last.id] {
            for day in 0..<10 { _ = try fixture.interaction(customer) { $0.at = .day(day) } }
        }
        for day in [2, 3, 4] { _ = try fixture.interaction(middle.id) { $0.at = .day(day) } }
        try store.read { (tx) throws in
            #expect(try tx.interactionCount(customer: middle.id) == 3)
            #expect(
                try tx.interactionCount(customer: middle.id, at: Timestamp.day(3)..<Timestamp.day(4)) == 1,
                "end excluded")
            #expect(
                try tx.interactionCount(customer: middle.id, at: Timestamp.day(3)..<Timestamp.day(5)) == 2,
                "start included")
            #expect(
                try tx.interactionCount(customer: middle.id, at: Timestamp.day(5)..<Timestamp.day(9)) == 0)
            #expect(
                try tx.interactionCount(customer: middle.id, at: Timestamp.day(-9)..<Timestamp.day(2)) == 0)
            #expect(
                try tx.interactionCount(
                    customer: first.id, at: Timestamp.day(0)..<Timestamp.day(10), atMost: 4) == 4)
            #expect(try tx.interactionCount(customer: last.id, at: Timestamp.day(8)..<Timestamp.day(99)) == 2)
            #expect(try tx.interactionCount(customer: 99) == 0, "no such customer")
        }
    }
}
