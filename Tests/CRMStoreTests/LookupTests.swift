import Testing

@testable import CRMStore

@Suite("Index lookups and derived values")
struct LookupTests {
    let fixture: StoreFixture
    var store: Store { fixture.store }

    init() throws {
        fixture = try StoreFixture()
        try fixture.customer("Acme Ltd") {
            $0.tier = .vip
            $0.email = "Info@Acme.com"
            $0.phone = "+86 (29) 1234-5678"
            $0.city = "Xi'an"
            $0.owner = "li.wei"
            $0.tags = ["steel", "North"]
        }
        try fixture.customer("acme Holdings") {
            $0.tier = .key
            $0.status = .prospect
            $0.city = "xi'AN"
            $0.tags = ["steel"]
        }
        try fixture.customer("Beta 北京") {
            $0.tier = .vip
            $0.owner = "LI.WEI"
            $0.city = "北京"
        }
        try fixture.customer("Gamma") { $0.status = .lost }
    }

    func names(_ body: (ReadTransaction) throws -> RecordCursor<Customer>) throws -> [String] {
        try store.read { tx in
            return try body(tx).collect().map(\.name)
        }
    }

    @Test func customersByEveryIndex() throws {
        #expect(
            try names { try $0.customers(namePrefix: "ACME") }
                == ["Acme Ltd", "acme Holdings"].sorted { $0.lowercased() < $1.lowercased() })
        #expect(try names { try $0.customers(namePrefix: "acme l") } == ["Acme Ltd"])
        #expect(try names { try $0.customers(namePrefix: "") }.count == 4)
        #expect(try names { try $0.customers(name: "beta 北京") } == ["Beta 北京"])
        #expect(try names { try $0.customers(name: "acme") } == [], "an exact name is not a prefix")
        #expect(try names { try $0.customers(email: "info@acme.COM") } == ["Acme Ltd"])
        #expect(try names { try $0.customers(phone: "+86 29 12345678") } == ["Acme Ltd"])
        #expect(try names { try $0.customers(tier: .vip) } == ["Acme Ltd", "Beta 北京"])
        #expect(try names { try $0.customers(tier: .standard) } == ["Gamma"])
        #expect(try names { try $0.customers(status: .prospect) } == ["acme Holdings"])
        #expect(try names { try $0.customers(owner: "li.wei") } == ["Acme Ltd", "Beta 北京"])
        #expect(try names { try $0.customers(tag: "STEEL") } == ["Acme Ltd", "acme Holdings"])
        #expect(try names { try $0.customers(tag: "north") } == ["Acme Ltd"])
        #expect(try names { try $0.customers(city: "XI'AN") } == ["Acme Ltd", "acme Holdings"])
        #expect(
            try names { try $0.all(Customer.self, reverse: true) } == [
                "Gamma", "Beta 北京", "acme Holdings", "Acme Ltd",
            ])
        #expect(try names { try $0.all(Customer.self, from: 3) } == ["Beta 北京", "Gamma"])
    }

    @Test func indexesFollowUpdates() throws {
        _ = try store.write { tx in
            try tx.update(Customer.self, 1) {
                $0.tier = .standard
                $0.email = nil
                $0.tags = ["south"]
                $0.name = "Zeta"
            }
        }
        #expect(try names { try $0.customers(tier: .vip) } == ["Beta 北京"])
        #expect(try names { try $0.customers(email: "info@acme.com") } == [])
        #expect(try names { try $0.customers(tag: "steel") } == ["acme Holdings"])
        #expect(try names { try $0.customers(namePrefix: "z") } == ["Zeta"])
        #expect(try store.check().isHealthy)
    }

    @Test func timelinesAndPromisesByTime() throws {
        for day in [3, 1, 2] {
            try fixture.interaction(1, day == 2 ? .complaint : .call) { $0.at = .day(-day) }
        }
        try fixture.interaction(2, .complaint) { $0.at = .day(-1) }
        let acmeDays = try store.read { tx in
            return try tx.interactions(customer: 1, newestFirst: true).collect().map(\.at)
        }
        #expect(acmeDays == [.day(-1), .day(-2), .day(-3)])
        let lastTwoDays = try store.read { tx in
            return try tx.interactions(at: Timestamp.day(-2, hour: 0)..<Timestamp.day(0)).collectIDs()
        }
        #expect(lastTwoDays == [3, 2, 4], "by time, ties by id")
        let complaints = try store.read { tx in
            return try tx.interactions(kind: .complaint).collect().map(\.customer)
        }
        #expect(complaints == [1, 2])

        try fixture.promise(1, due: .day(5)) { $0.owner = "Li.Wei" }
        try fixture.promise(1, due: .day(-1)) { $0.owner = "li.wei" }
        try fixture.promise(2, due: .day(-2)) { $0.status = .kept }
        let pendingByDue = try store.read { tx in
            return try tx.promises(status: .pending).collectIDs()
        }
        #expect(pendingByDue == [2, 1])
        let overdue = try store.read { tx in
            return try tx.promises(status: .pending, due: Timestamp(microseconds: .min)..<tx.now).collectIDs()
        }
        #expect(overdue == [2])
        let owned = try store.read { tx in
            return try tx.promises(owner: "LI.WEI", latestFirst: true).collectIDs()
        }
        #expect(owned == [1, 2])
        let acmePromises = try store.read { tx in
            return try tx.promises(customer: 1).count()
        }
        #expect(acmePromises == 2)
    }

    @Test func promisesMadeOnAnInteraction() throws {
        let complaint = try fixture.interaction(1, .complaint)
        try fixture.promise(1, due: .day(1)) { $0.interaction = complaint.id }
        try fixture.promise(1, due: .day(2))
        try fixture.promise(1, due: .day(3)) { $0.interaction = complaint.id }
        let ids = try store.read { tx in
            return try tx.promises(interaction: complaint.id).collectIDs()
        }
        #expect(ids == [1, 3])
    }

    @Test func derivedValuesComeFromIndexesAndSummaries() throws {
        try store.read { tx throws in
            #expect(try tx.lastContact(customer: 1) == nil)
            #expect(try tx.satisfaction(customer: 1) == nil)
            #expect(try tx.openPromiseCount(customer: 1) == 0)
        }
        try fixture.interaction(1, .survey) {
            $0.at = .day(-10)
            $0.score = 5
        }
        let recent = try fixture.interaction(1, .survey) {
            $0.at = .day(-1)
            $0.score = 2
        }
        try fixture.interaction(1, .call) { $0.at = .day(-5) }
        try fixture.promise(1, due: .day(-1))
        try fixture.promise(1, due: .day(3))
        let kept = try fixture.promise(1, due: .day(-4))
        try store.write { tx in try tx.update(Promise.self, kept.id) { $0.status = .kept } }
        try store.read { tx throws in
            #expect(try tx.lastContact(customer: 1) == .day(-1))
            #expect(try tx.satisfaction(customer: 1) == 3.5)
            #expect(try tx.openPromiseCount(customer: 1) == 2)
            #expect(try tx.overduePromiseCount(customer: 1) == 1)
            #expect(try tx.overduePromiseCount(customer: 1, at: .day(4)) == 2)
        }
        try store.write { tx in _ = try tx.update(Interaction.self, recent.id) { $0.score = 4 } }
        #expect(try store.read { tx in try tx.satisfaction(customer: 1) } == 4.5)
        try store.write { tx in try tx.delete(Interaction.self, recent.id) }
        try store.read { tx throws in
            #expect(try tx.satisfaction(customer: 1) == 5)
            #expect(try tx.lastContact(customer: 1) == .day(-5))
        }
        #expect(try store.check().isHealthy)
    }

    @Test func countsComeFromTheTrees() throws {
        try store.read { tx throws in
            #expect(try tx.count(Customer.self) == 4)
            #expect(try tx.count(Interaction.self) == 0)
        }
        let stats = try store.statistics()
        #expect(stats.customers == 4)
        #expect(stats.historyEntries == 0, "a record never changed since its insert has no history entry yet")
        #expect(stats.indexEntries > 0)
        #expect(stats.fileSize > 0 && stats.mapUsed > 0 && stats.mapSize >= stats.mapUsed)
    }
}
