import TestSupport
import Testing

@testable import CRMStore

/// Thousands of random inserts, updates and deletes applied both to the store and to a
/// plain in-memory model; after each batch every lookup must agree with the model and
/// `check()` must find nothing.
@Suite("Randomised model test")
struct ModelTests {
    /// What the store should hold.
    struct Model {
        var customers: [Int64: Customer] = [:]
        var interactions: [Int64: Interaction] = [:]
        var promises: [Int64: Promise] = [:]
        var nextID: [RecordKind: Int64] = [.customer: 1, .interaction: 1, .promise: 1]

        mutating func take(_ kind: RecordKind) -> Int64 {
            defer { nextID[kind, default: 1] += 1 }
            return nextID[kind, default: 1]
        }
    }

    static let cities = ["Xi'an", "xi'an", "北京", "Lyon", "Oslo"]
    static let owners = ["li.wei", "LI.WEI", "wang.fang", "ana"]
    static let tags = ["steel", "north", "Steel", "vip-2025", "钢"]

    @Test func storeAgreesWithAModel() throws {
        let clock = TestClock()
        let fixture = try StoreFixture(durability: .relaxed, clock: clock)
        let store = fixture.store
        var model = Model()
        var rng = SplitMix64(seed: 2026)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }
        // Picks by sorted key: a dictionary's own order changes from run to run.
        func pickValue<V>(_ records: [Int64: V]) -> V? {
            records.isEmpty ? nil : records[pick(records.keys.sorted())]
        }
        func time() -> Timestamp { .day(Int(rng.next() % 60) - 30, hour: Int(rng.next() % 24)) }

        var operations = 0
        for batch in 0..<60 {
            for _ in 0..<50 {
                operations += 1
                clock.advance(seconds: 61)
                let roll = rng.next() % 100
                if roll < 15 || model.customers.isEmpty {
                    var c = Customer(name: "Customer \(rng.next() % 1000)")
                    c.tier = pick(CustomerTier.allCases)
                    c.status = pick(CustomerStatus.allCases)
                    c.city = chance(70) ? pick(Self.cities) : nil
                    c.owner = chance(60) ? pick(Self.owners) : nil
                    c.email = chance(50) ? "c\(rng.next() % 50)@x.com" : nil
                    c.tags = (0..<(rng.next() % 3)).map { _ in pick(Self.tags) }
                    let stored = try store.write { tx in try tx.insert(c) }
                    c.id = model.take(.customer)
                    c.created = clock.now
                    c.updated = clock.now
                    c.tags = try Validation.tags(c.tags)
                    #expect(stored == c)
                    model.customers[c.id] = c
                } else if roll < 40 {
                    var i = Interaction(
                        customer: pick(model.customers.keys.sorted()), kind: pick(InteractionKind.allCases))
                    i.at = time()
                    i.score = chance(40) ? Int64(rng.next() % 5 + 1) : nil
                    let stored = try store.write { tx in try tx.insert(i) }
                    i.id = model.take(.interaction)
                    i.created = clock.now
                    i.updated = clock.now
                    #expect(stored == i)
                    model.interactions[i.id] = i
                } else if roll < 60 {
                    let customer = pick(model.customers.keys.sorted())
                    var p = Promise(customer: customer, title: "p", due: time())
                    p.owner = chance(70) ? pick(Self.owners) : nil
                    p.status = chance(70) ? .pending : pick(PromiseStatus.allCases)
                    let sources = model.interactions.values.filter { $0.customer == customer }.map(\.id)
                        .sorted()
                    if !sources.isEmpty && chance(50) { p.interaction = pick(sources) }
                    let stored = try store.write { tx in try tx.insert(p) }
                    p.id = model.take(.promise)
                    p.created = clock.now
                    p.updated = clock.now
                    p.made = clock.now
                    if p.status != .pending { p.resolved = clock.now }
                    #expect(stored == p)
                    model.promises[p.id] = p
                } else if roll < 70 {
                    var c = pick(model.customers.keys.sorted().compactMap { model.customers[$0] })
                    c.tier = pick(CustomerTier.allCases)
                    c.city = chance(50) ? pick(Self.cities) : nil
                    c.tags = try Validation.tags((0..<(rng.next() % 3)).map { _ in pick(Self.tags) })
                    let old = model.customers[c.id]
                    try store.write { tx in try tx.update(c) }
                    if c != old {
                        c.updated = clock.now
                        model.customers[c.id] = c
                    }
                } else if roll < 80, var p = pickValue(model.promises) {
                    let wasPending = p.status == .pending
                    p.status = pick(PromiseStatus.allCases)
                    p.due = chance(30) ? time() : p.due
                    p.owner = chance(30) ? pick(Self.owners) : p.owner
                    let old = model.promises[p.id]
                    try store.write { tx in try tx.update(p) }
                    if p.status == .pending {
                        p.resolved = nil
                    } else if wasPending {
                        p.resolved = clock.now
                    }
                    if p != old {
                        p.updated = clock.now
                        model.promises[p.id] = p
                    }
                } else if roll < 86, let i = pickValue(model.interactions) {
                    let referenced = model.promises.values.contains { $0.interaction == i.id }
                    if referenced {
                        let error = #expect(throws: StoreError.self) {
                            try store.write { tx in try tx.delete(Interaction.self, i.id) }
                        }
                        #expect(error?.code == .hasDependents)
                    } else {
                        try store.write { tx in try tx.delete(Interaction.self, i.id) }
                        model.interactions[i.id] = nil
                    }
                } else if roll < 92, let p = pickValue(model.promises) {
                    try store.write { tx in try tx.delete(Promise.self, p.id) }
                    model.promises[p.id] = nil
                } else if roll < 97, let c = pickValue(model.customers) {
                    let hasRecords =
                        model.interactions.values.contains { $0.customer == c.id }
                        || model.promises.values.contains { $0.customer == c.id }
                    let cascade = chance(60)
                    if hasRecords && !cascade {
                        #expect(throws: StoreError.self) {
                            try store.write { tx in try tx.delete(Customer.self, c.id) }
                        }
                    } else {
                        try store.write { tx in try tx.delete(Customer.self, c.id, cascade: cascade) }
                        model.customers[c.id] = nil
                        model.interactions = model.interactions.filter { $0.value.customer != c.id }
                        model.promises = model.promises.filter { $0.value.customer != c.id }
                    }
                } else {
                    // A transaction that fails part-way must leave nothing behind.
                    #expect(throws: StoreError.self) {
                        try store.write { tx in
                            _ = try tx.insert(Customer(name: "doomed"))
                            _ = try tx.insert(Interaction(customer: -5, kind: .call))
                        }
                    }
                }
            }
            try verify(store, against: model, batch: batch)
        }
        #expect(operations == 3000)
    }

    /// Newest first, ties by the larger id: the order of a reversed (customer, at, id) scan.
    static func newestFirst(_ a: Interaction, _ b: Interaction) -> Bool {
        let timeA = a.at ?? a.created
        let timeB = b.at ?? b.created
        if timeA != timeB { return timeA > timeB }
        return a.id > b.id
    }

    func verify(_ store: Store, against model: Model, batch: Int) throws {
        let report = try store.check()
        #expect(report.isHealthy, "batch \(batch): \(report.problems.prefix(5))")
        try store.read { tx throws in
            #expect(try tx.all(Customer.self).collect() == model.customers.values.sorted { $0.id < $1.id })
            #expect(
                try tx.all(Interaction.self).collect() == model.interactions.values.sorted { $0.id < $1.id })
            #expect(try tx.all(Promise.self).collect() == model.promises.values.sorted { $0.id < $1.id })
            let customers = model.customers.values.sorted { $0.id < $1.id }
            for tier in CustomerTier.allCases {
                #expect(
                    try tx.customers(tier: tier).collectIDs()
                        == customers.filter { $0.tier == tier }.map(\.id))
            }
            for status in CustomerStatus.allCases {
                #expect(
                    try tx.customers(status: status).collectIDs()
                        == customers.filter { $0.status == status }.map(\.id))
            }
            for city in Self.cities {
                let expected = customers.filter { $0.city?.lowercased() == city.lowercased() }.map(\.id)
                #expect(try tx.customers(city: city).collectIDs() == expected)
            }
            for tag in Self.tags {
                let expected = customers.filter { $0.tags.contains { $0.lowercased() == tag.lowercased() } }
                    .map(\.id)
                #expect(try tx.customers(tag: tag).collectIDs() == expected)
            }
            for owner in Self.owners {
                let expected = customers.filter { $0.owner?.lowercased() == owner.lowercased() }.map(\.id)
                #expect(try tx.customers(owner: owner).collectIDs() == expected)
                let promises = model.promises.values.filter { $0.owner?.lowercased() == owner.lowercased() }
                    .sorted { ($0.due, $0.id) < ($1.due, $1.id) }.map(\.id)
                #expect(try tx.promises(owner: owner).collectIDs() == promises)
            }
            for status in PromiseStatus.allCases {
                let expected = model.promises.values.filter { $0.status == status }
                    .sorted { ($0.due, $0.id) < ($1.due, $1.id) }.map(\.id)
                #expect(try tx.promises(status: status).collectIDs() == expected)
            }
            for kind in InteractionKind.allCases {
                let expected = model.interactions.values.filter { $0.kind == kind }
                    .sorted { ($0.at ?? $0.created, $0.id) < ($1.at ?? $1.created, $1.id) }.map(\.id)
                #expect(try tx.interactions(kind: kind).collectIDs() == expected)
            }
            for customer in customers {
                let interactions = model.interactions.values.filter { $0.customer == customer.id }
                let timeline = interactions.sorted(by: Self.newestFirst)
                let got = try tx.interactions(customer: customer.id, newestFirst: true).collectIDs()
                #expect(
                    got == timeline.map(\.id), "\(customer.id): \(got) vs \(timeline.map { ($0.id, $0.at) })")
                #expect(try tx.lastContact(customer: customer.id) == timeline.first?.at)
                let scores = interactions.compactMap(\.score)
                let mean = scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
                #expect(try tx.satisfaction(customer: customer.id) == mean)
                let promises = model.promises.values.filter { $0.customer == customer.id }
                #expect(
                    try tx.openPromiseCount(customer: customer.id)
                        == promises.filter { $0.status == .pending }.count)
                #expect(
                    try tx.overduePromiseCount(customer: customer.id)
                        == promises.filter { $0.isOverdue(at: tx.now) }.count)
            }
        }
    }
}
