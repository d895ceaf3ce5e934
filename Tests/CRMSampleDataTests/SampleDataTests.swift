import CRMSampleData
import CRMStore
import TestSupport
import Testing

@Suite("Sample data: deterministic, shaped like BENCH.md, loads cleanly")
struct SampleDataTests {
    @Test func theSameSeedGivesTheSameRecords() {
        let a = SampleData(seed: 42, customers: 50)
        let b = SampleData(seed: 42, customers: 50)
        let c = SampleData(seed: 43, customers: 50)
        #expect((0..<50).map(a.customer) == (0..<50).map(b.customer))
        #expect(
            (0..<50).map { a.interactions(ofCustomer: $0) } == (0..<50).map { b.interactions(ofCustomer: $0) }
        )
        #expect(
            (0..<50).map { a.promises(ofCustomer: $0, firstInteraction: 1) }
                == (0..<50).map { b.promises(ofCustomer: $0, firstInteraction: 1) })
        #expect((0..<50).map(a.customer) != (0..<50).map(c.customer))
    }

    @Test func proportionsFollowTheBenchmarkSpec() {
        let sample = SampleData(seed: 1, customers: 4000)
        let customers = (0..<4000).map(sample.customer)
        let vip = customers.filter { $0.tier == .vip }.count
        let key = customers.filter { $0.tier == .key }.count
        let email = customers.filter { $0.email != nil }.count
        #expect((160...240).contains(vip), "about 5% vip: \(vip)")
        #expect((520...680).contains(key), "about 15% key: \(key)")
        #expect((1800...2200).contains(email), "about half with email: \(email)")
        #expect(Set(customers.compactMap(\.city)).count == 50)
        let interactions = (0..<4000).reduce(0) { $0 + sample.interactionCount($1) }
        let promises = (0..<4000).flatMap { sample.promises(ofCustomer: $0, firstInteraction: 1) }
        #expect((36_000...44_000).contains(interactions), "about 10 per customer: \(interactions)")
        #expect((10_800...13_200).contains(promises.count), "about 3 per customer: \(promises.count)")
        let pending = promises.filter { $0.status == .pending }.count
        let kept = promises.filter { $0.status == .kept }.count
        #expect(abs(Double(pending) / Double(promises.count) - 0.25) < 0.03)
        #expect(abs(Double(kept) / Double(promises.count) - 0.60) < 0.03)
        #expect(promises.contains { $0.isOverdue(at: sample.now) })
        #expect(promises.allSatisfy { $0.due > ($0.made ?? $0.due) })
    }

    @Test func loadingGivesAHealthyStoreWithTheExpectedCounts() throws {
        let directory = try TemporaryDirectory()
        let store = try Store(path: directory.file("seed.db"), options: StoreOptions(durability: .relaxed))
        // A record already in the store: the sample's references must follow the store's ids.
        try store.write { tx in _ = try tx.insert(Customer(name: "Existing")) }
        let sample = SampleData(seed: 9, customers: 300)
        var reports: [Int] = []
        try sample.load(into: store, batch: 500) { reports.append($0) }
        let stats = try store.statistics()
        let expectedInteractions = (0..<300).reduce(0) { $0 + sample.interactionCount($1) }
        let expectedPromises = (0..<300).reduce(0) { $0 + sample.promiseCount($1) }
        #expect(stats.customers == 301)
        #expect(stats.interactions == expectedInteractions)
        #expect(stats.promises == expectedPromises)
        #expect(reports.last == 300 + expectedInteractions + expectedPromises)
        #expect(try store.check().isHealthy)
    }
}

@Suite("Sample data: loading survives map growth")
struct SampleDataGrowthTests {
    /// A map that must grow many times mid-batch: every write closure runs again, and must
    /// insert the same records the second time (a bug once shifted promise references twice).
    @Test func loadingIntoATinyMapGivesTheSameHealthyStore() throws {
        let directory = try TemporaryDirectory()
        let store = try Store(
            path: directory.file("tiny.db"), options: StoreOptions(mapSize: 64 << 10, durability: .relaxed))
        try SampleData(seed: 3, customers: 400).load(into: store, batch: 2_000)
        #expect(try store.check().isHealthy)
        let promises = try store.read { tx in try tx.all(Promise.self).collect() }
        let interactions = try store.read { tx in try tx.all(Interaction.self).collect() }
        let owner = Dictionary(uniqueKeysWithValues: interactions.map { ($0.id, $0.customer) })
        #expect(
            promises.allSatisfy { promise in promise.interaction.map { owner[$0] == promise.customer } ?? true
            })
    }
}
