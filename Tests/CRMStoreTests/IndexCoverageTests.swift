import LMDB
import TestSupport
import Testing

@testable import CRMStore

/// The pieces derived from the declarations agree with them, for random records: every
/// index holds exactly the entries its declaration gives the records (a full scan of each
/// table against its records), an entry gives back the values it declares it covers, and
/// each derived field computed from its declared inputs alone equals the value computed
/// from the whole record.
@Suite("Indexes, covered reads and derived fields follow the declarations")
struct IndexCoverageTests {
    let fixture: StoreFixture
    init() throws { fixture = try StoreFixture(mapSize: 16 << 20, durability: .relaxed) }
    var store: Store { fixture.store }

    static let cities = ["Xi'an", "xi'an", "北京", "Lyon", nil]
    static let owners = ["li.wei", "LI.WEI", "wang.fang", nil]
    static let tags = ["steel", "north", "Steel", "钢"]

    /// Fills the store with random customers, interactions and promises, and changes some.
    func fillRandomly(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        try store.write { tx in
            var customers: [Int64] = []
            var interactions: [Int64: [Int64]] = [:]
            for index in 0..<60 {
                var customer = Customer(name: "Customer \(index % 17)")
                customer.tier = pick(CustomerTier.allCases)
                customer.status = pick(CustomerStatus.allCases)
                customer.city = pick(Self.cities)
                customer.owner = pick(Self.owners)
                customer.email = random.next() % 2 == 0 ? "c\(index)@x.com" : nil
                customer.phone = random.next() % 3 == 0 ? "+86 10 \(1000 + index)" : nil
                customer.tags = (0..<(random.next() % 3)).map { _ in pick(Self.tags) }
                customers.append(try tx.insert(customer).id)
            }
            for _ in 0..<200 {
                let customer = pick(customers)
                var interaction = Interaction(customer: customer, kind: pick(InteractionKind.allCases))
                interaction.at = .day(Int(random.next() % 90) - 60, hour: Int(random.next() % 24))
                interaction.score = random.next() % 3 == 0 ? Int64(random.next() % 5 + 1) : nil
                interactions[customer, default: []].append(try tx.insert(interaction).id)
            }
            for _ in 0..<150 {
                let customer = pick(customers)
                var promise = Promise(
                    customer: customer, title: "p", due: .day(Int(random.next() % 60) - 30, hour: 3))
                promise.status = pick(PromiseStatus.allCases)
                promise.owner = pick(Self.owners)
                if let made = interactions[customer], random.next() % 2 == 0 {
                    promise.interaction = pick(made)
                }
                _ = try tx.insert(promise)
            }
            for (index, zone) in ["UTC", "Asia/Shanghai", "Europe/Paris"].enumerated() {
                let name = "cal\(index)"
                _ = try tx.insert(
                    WorkCalendar(name: name, zone: zone, days: ["mon", "fri"], hours: "09:00-17:00"))
                _ = try tx.insert(Holiday(calendar: name, from: "2026-10-0\(index + 1)", to: "2026-10-08"))
                _ = try tx.insert(
                    Policy(name: "p\(index)", on: "kind = complaint", title: "Reply", within: "2bd"))
                _ = try tx.insert(SavedView(name: "v\(index)", statement: "find customers"))
            }
            // Changes move entries between keys.
            for id in Int64(1)...20 {
                try tx.update(Customer.self, id) { $0.tier = pick(CustomerTier.allCases) }
                try tx.update(Promise.self, id) { $0.status = pick(PromiseStatus.allCases) }
            }
        }
    }

    @Test func everyIndexHoldsExactlyTheEntriesItsRecordsDeclare() throws {
        try fillRandomly(seed: 41)
        try store.read { tx throws in
            for (ordinal, index) in StoreSchema.indexes.enumerated() {
                var expected = Set<[UInt8]>()
                var records = try tx.scan(index.kind)
                while try records.nextID() != nil {
                    let values = try #require(try records.view()).values()
                    for entry in values.indexEntries(tx.tables.layout) where entry.ordinal == ordinal {
                        expected.insert(entry.key)
                    }
                }
                var actual = Set<[UInt8]>()
                var scan = try tx.storage.scan(tx.tables.index(ordinal))
                while let entry = try scan.next() { actual.insert(Array(entry.key)) }
                #expect(actual == expected, "\(index.name)")
                #expect(!actual.isEmpty || index.name == "customer.phone", "\(index.name) holds nothing")
            }
        }
        #expect(try store.check().problems == [])
    }

    @Test func anEntryGivesBackTheValuesItCovers() throws {
        try fillRandomly(seed: 42)
        try store.read { tx throws in
            var checked = 0
            for index in StoreSchema.indexes {
                let covered = IndexEntryView.coveredFields(of: index)
                var scan = try tx.scan(index: index, equal: [])
                while try scan.nextID() != nil {
                    let entry = try #require(scan.entry())
                    let record = try #require(try scan.view())
                    for field in index.kind.schema.fields {
                        let value = entry.value(field)
                        if covered.contains(field.name) {
                            #expect(value == (try record.value(field)), "\(index.name) \(field.name)")
                            checked += 1
                        } else {
                            #expect(value == nil, "\(index.name) claims \(field.name)")
                        }
                    }
                }
            }
            #expect(checked > 1_000)
        }
    }

    @Test func derivedFieldsNeedOnlyTheirDeclaredInputs() throws {
        try fillRandomly(seed: 43)
        try store.read { tx throws in
            var computed = 0
            for schema in StoreSchema.kinds {
                var scan = try tx.scan(schema.kind)
                while try scan.nextID() != nil {
                    let values = try #require(try scan.view()).values()
                    for derived in schema.derived {
                        // The whole record's values, by the field's own name lookup...
                        let whole = try derived.compute(
                            DerivedInput(
                                id: values.id, now: tx.now, transaction: tx, names: schema.fields.map(\.name),
                                values: schema.fields.map { values[$0] }))
                        // ...and only the declared inputs, as a partial read gives them.
                        let partial = try derived.value(
                            id: values.id, inputs: derived.inputs.map { values[$0] }, now: tx.now, in: tx)
                        #expect(whole == partial, "\(schema.kind.rawValue) \(derived.name)")
                        computed += 1
                    }
                }
            }
            #expect(computed > 500)
        }
    }

    @Test func movingAPromiseToAnotherCustomerRewritesTheEntriesThatCarryTheCustomer() throws {
        let acme = try fixture.customer("Acme")
        let beta = try fixture.customer("Beta")
        let promise = try fixture.promise(acme.id, due: .day(3))
        try store.write { tx in _ = try tx.update(Promise.self, promise.id) { $0.customer = beta.id } }
        try store.read { (tx) throws in
            var cursor = try tx.promises(status: .pending)
            _ = try cursor.nextID()
            let customer = try #require(Promise.schema.field("customer"))
            #expect(cursor.scanEntry?.value(customer) == .integer(beta.id))
        }
        #expect(try store.check().problems == [])
    }

    @Test func damagedEntriesGiveNothingInsteadOfACrash() {
        var random = SplitMix64(seed: 17)
        var read = 0
        for _ in 0..<3_000 {
            let key = (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let value = (0..<Int(random.next() % 12)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            key.withUnsafeBytes { key in
                value.withUnsafeBytes { value in
                    for index in StoreSchema.indexes {
                        let entry = IndexEntryView(
                            index: index, id: 1, key: key, value: value, layout: .compact)
                        for field in index.kind.schema.fields where entry.value(field) != nil { read += 1 }
                    }
                }
            }
        }
        #expect(read > 0, "some random entries read as values")
    }
}
