import Testing

@testable import CRMStore

@Suite("Insert, update, delete and history")
struct StoreWriteTests {
    let fixture: StoreFixture
    init() throws { fixture = try StoreFixture() }
    var store: Store { fixture.store }

    @Test func insertAssignsIdsAndTimesAndDefaults() throws {
        let acme = try fixture.customer("Acme Ltd")
        let beta = try fixture.customer("Beta")
        #expect(acme.id == 1)
        #expect(beta.id == 2)
        #expect(acme.created == fixture.clock.now)
        #expect(acme.updated == fixture.clock.now)
        #expect(acme.kind == .organization && acme.tier == .standard && acme.status == .active)
        let call = try fixture.interaction(acme.id, .call)
        #expect(call.id == 1, "each kind has its own ids")
        #expect(call.at == fixture.clock.now, "at defaults to now")
        #expect(call.direction == .inbound && !call.urgent)
        let promise = try fixture.promise(acme.id, due: .day(2))
        #expect(promise.made == fixture.clock.now)
        #expect(promise.status == .pending && promise.resolved == nil && promise.direction == .toCustomer)
        #expect(try store.read { tx in try tx.customer(1) } == acme)
        #expect(try store.read { tx in try tx.promise(promise.id) } == promise)
        #expect(try store.read { tx in try tx.customer(99) } == nil)
    }

    @Test func idsAreNeverReused() throws {
        let first = try fixture.customer("First")
        try store.write { tx in try tx.delete(Customer.self, first.id) }
        let second = try fixture.customer("Second")
        #expect(second.id == 2)
        // An insert that failed took no id either way: the next one follows the last stored.
        #expect(throws: StoreError.self) { try fixture.customer("") }
        #expect(try fixture.customer("Third").id == 3)
    }

    @Test func updateKeepsCreatedSetsUpdatedAndRecordsHistory() throws {
        let acme = try fixture.customer("Acme") { $0.tags = ["steel"] }
        fixture.clock.advance(seconds: 60)
        let updated = try store.write { tx in
            try tx.update(Customer.self, acme.id) {
                $0.tier = .vip
                $0.tags.append("north")
                $0.attrs["region"] = .string("north")
            }
        }
        #expect(updated.created == acme.created)
        #expect(updated.updated == fixture.clock.now)
        #expect(updated.tier == .vip)
        let history = try store.read { tx in try tx.history(.customer, acme.id) }
        #expect(history.map(\.operation) == [.insert, .update])
        #expect(
            history[0].changes.contains { $0.field == "name" && $0.old == .null && $0.new == .string("Acme") }
        )
        #expect(
            history[1].changes == [
                .init(field: "tier", old: .symbol("standard"), new: .symbol("vip")),
                .init(field: "tags", old: .list(["steel"]), new: .list(["steel", "north"])),
                .init(field: "attrs.region", old: .null, new: .string("north")),
            ])
        #expect(history[1].time == fixture.clock.now)
        #expect(history[0].sequence < history[1].sequence)
    }

    /// `update(kind, id) { values in ... }` changes the record read once, keeps its index
    /// entries in step (the old tier's entry goes, the new one's comes), and gives nil,
    /// writing nothing, for an id that is not there.
    @Test func anUpdateByKindAndIdChangesTheValuesItReads() throws {
        let acme = try fixture.customer("Acme")
        let tier = try #require(Customer.schema.field("tier"))
        let updated = try store.write { tx in
            try tx.update(.customer, acme.id) { values in values[tier] = .symbol("vip") }
        }
        #expect(updated?[tier] == .symbol("vip"))
        #expect(try store.read { tx in try tx.customer(acme.id)?.tier } == .vip)
        let vips = try store.read { tx in try tx.customers(tier: .vip).collect().map(\.id) }
        let standards = try store.read { tx in try tx.customers(tier: .standard).collect().map(\.id) }
        #expect(vips == [acme.id] && standards.isEmpty)
        let before = try store.read { tx in try tx.history(.customer, acme.id) }
        let missing = try store.write { tx in
            try tx.update(.customer, 99) { values in values[tier] = .symbol("key") }
        }
        #expect(missing == nil)
        #expect(try store.read { tx in try tx.history(.customer, acme.id) } == before)
        #expect(try store.read { tx in try tx.customer(99) } == nil)
    }

    @Test func anUpdateThatChangesNothingWritesNothing() throws {
        let acme = try fixture.customer("Acme")
        let before = try fixture.counts()
        fixture.clock.advance(seconds: 5)
        let same = try store.write { tx in try tx.update(acme) }
        #expect(same.updated == acme.updated)
        #expect(try fixture.counts() == before)
    }

    @Test func resolvedIsSetWhenAPromiseLeavesPendingAndClearedWhenItReturns() throws {
        let acme = try fixture.customer("Acme")
        let promise = try fixture.promise(acme.id, due: .day(1))
        fixture.clock.advance(seconds: 3600)
        let kept = try store.write { tx in try tx.update(Promise.self, promise.id) { $0.status = .kept } }
        #expect(kept.resolved == fixture.clock.now)
        let reopened = try store.write { tx in
            try tx.update(Promise.self, promise.id) { $0.status = .pending }
        }
        #expect(reopened.resolved == nil)
        let given = Timestamp.day(-3)
        let broken = try store.write { tx in
            try tx.update(Promise.self, promise.id) {
                $0.status = .broken
                $0.resolved = given
            }
        }
        #expect(broken.resolved == given, "a resolved time that is given is kept")
        let insertedKept = try fixture.promise(acme.id, due: .day(1)) { $0.status = .kept }
        #expect(insertedKept.resolved == fixture.clock.now)
    }

    @Test func deleteRemovesTheRecordAndKeepsADeleteEntryInHistory() throws {
        let acme = try fixture.customer("Acme")
        let call = try fixture.interaction(acme.id) { $0.subject = "hello" }
        try store.write { tx in try tx.delete(Interaction.self, call.id) }
        #expect(try store.read { tx in try tx.interaction(call.id) } == nil)
        let history = try store.read { tx in try tx.history(.interaction, call.id) }
        #expect(history.map(\.operation) == [.insert, .delete])
        #expect(
            history[1].changes.contains {
                $0.field == "subject" && $0.old == .string("hello") && $0.new == .null
            })
    }

    @Test func notFoundIsAnError() throws {
        let error = #expect(throws: StoreError.self) {
            try store.write { tx in try tx.update(Promise.self, 42) { $0.status = .kept } }
        }
        #expect(error?.code == .notFound)
        #expect(error?.message == "promise 42 does not exist")
        let deleteError = #expect(throws: StoreError.self) {
            try store.write { tx in try tx.delete(Customer.self, 5) }
        }
        #expect(deleteError?.code == .notFound)
    }

    @Test func aFailedStatementInAWriteLeavesNothingBehind() throws {
        let acme = try fixture.customer("Acme")
        let before = try fixture.counts()
        #expect(throws: StoreError.self) {
            try store.write { tx in
                _ = try tx.insert(Customer(name: "Good"))
                _ = try tx.insert(Interaction(customer: acme.id, kind: .call))
                _ = try tx.insert(Interaction(customer: 999, kind: .call))
            }
        }
        #expect(try fixture.counts() == before)
        #expect(try store.check().isHealthy)
    }

    @Test func promisesMayNotMoveAwayFromTheirInteractionsCustomer() throws {
        let acme = try fixture.customer("Acme")
        let beta = try fixture.customer("Beta")
        let complaint = try fixture.interaction(acme.id, .complaint)
        let promise = try fixture.promise(acme.id, due: .day(1)) { $0.interaction = complaint.id }
        let error = #expect(throws: StoreError.self) {
            try store.write { tx in try tx.update(Promise.self, promise.id) { $0.customer = beta.id } }
        }
        #expect(error?.code == .badReference)
        let moveError = #expect(throws: StoreError.self) {
            try store.write { tx in try tx.update(Interaction.self, complaint.id) { $0.customer = beta.id } }
        }
        #expect(
            moveError?.message.contains("promise \(promise.id) of customer \(acme.id) refers to it") == true
        )
        let deleteError = #expect(throws: StoreError.self) {
            try store.write { tx in try tx.delete(Interaction.self, complaint.id) }
        }
        #expect(deleteError?.code == .hasDependents)
    }
}
