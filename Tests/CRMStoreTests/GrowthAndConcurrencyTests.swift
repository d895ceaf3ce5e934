import Dispatch
import Foundation
import Synchronization
import Testing

@testable import CRMStore

@Suite("Map growth, threads and a second process")
struct GrowthAndConcurrencyTests {
    @Test func aStoreOpenedWithA64KiBMapTakes200000Records() throws {
        let fixture = try StoreFixture(mapSize: 64 << 10, durability: .relaxed)
        let total = 200_000
        let batch = 10_000
        for start in stride(from: 0, to: total, by: batch) {
            try fixture.store.write { tx in
                for i in start..<(start + batch) {
                    var customer = Customer(name: "Customer \(i)")
                    customer.tier = i % 20 == 0 ? .vip : .standard
                    customer.city = "City \(i % 50)"
                    _ = try tx.insert(customer)
                }
            }
        }
        let stats = try fixture.store.statistics()
        #expect(stats.customers == total)
        #expect(stats.mapSize > 64 << 10)
        try fixture.store.read { tx throws in
            #expect(try tx.customer(Int64(total))?.name == "Customer \(total - 1)")
            #expect(try tx.customers(tier: .vip).count() == total / 20)
            #expect(try tx.customers(city: "city 7").count() == total / 50)
            #expect(try tx.customers(namePrefix: "customer 19999").count() == 11)
        }
    }

    /// A writer moves money between two customers and inserts customers in pairs; readers
    /// must never see a half-done transaction: the balance always sums to 1000 and the
    /// number of customers is always even. Run twice: with the default release of mapped
    /// pages (after bulk writes only), and releasing them after every write and every index's
    /// puts, while the readers read through the same map.
    @Test(arguments: [1_000, 1])
    func readersOnManyThreadsSeeOnlyWholeTransactions(releaseMappedPagesAfter: Int) throws {
        // A small map, so that it must grow while the readers run.
        let fixture = try StoreFixture(
            mapSize: 64 << 10, durability: .relaxed, releaseMappedPagesAfter: releaseMappedPagesAfter)
        let store = fixture.store
        try store.write { tx in
            var a = Customer(name: "A")
            a.attrs["balance"] = .integer(1000)
            var b = Customer(name: "B")
            b.attrs["balance"] = .integer(0)
            _ = try tx.insert(a)
            _ = try tx.insert(b)
        }
        let inconsistencies = Atomic<Int>(0)
        let reads = Atomic<Int>(0)
        let errors = Mutex<[String]>([])
        // 400 in the suite; CRM_CONCURRENCY_WRITES=N runs longer (the closing notes report such runs).
        let writes = ProcessInfo.processInfo.environment["CRM_CONCURRENCY_WRITES"].flatMap(Int.init) ?? 400
        let writerDone = Atomic<Bool>(false)
        let finished = DispatchGroup()
        for _ in 0..<8 {
            finished.enter()
            Thread {
                defer { finished.leave() }
                do {
                    repeat {
                        try store.read { tx in
                            let a = try tx.customer(1).map(Self.balance) ?? -1
                            let b = try tx.customer(2).map(Self.balance) ?? -1
                            let count = try tx.all(Customer.self).count()
                            if a + b != 1000 || count % 2 != 0 {
                                inconsistencies.add(1, ordering: .relaxed)
                            }
                            reads.add(1, ordering: .relaxed)
                        }
                    } while !writerDone.load(ordering: .acquiring)
                } catch {
                    errors.withLock { $0.append("\(error)") }
                }
            }.start()
        }
        do {
            defer { writerDone.store(true, ordering: .releasing) }
            for round in 0..<writes {
                try store.write { tx in
                    let amount = Int64(round % 7 + 1)
                    try tx.update(Customer.self, 1) {
                        $0.attrs["balance"] = .integer(Self.balance($0) - amount)
                    }
                    try tx.update(Customer.self, 2) {
                        $0.attrs["balance"] = .integer(Self.balance($0) + amount)
                    }
                    _ = try tx.insert(Customer(name: "pair \(round) a"))
                    _ = try tx.insert(Customer(name: "pair \(round) b"))
                }
            }
        }
        finished.wait()
        #expect(errors.withLock { $0 } == [])
        #expect(inconsistencies.load(ordering: .relaxed) == 0)
        #expect(reads.load(ordering: .relaxed) >= 8)
        #expect(try store.read { tx in try tx.count(Customer.self) } == 2 + 2 * writes)
        #expect(try store.check().isHealthy)
        #expect(try store.statistics().mapSize > 64 << 10)
    }

    static func balance(_ customer: Customer) -> Int64 {
        if case .integer(let value) = customer.attrs["balance"] { return value }
        return -1_000_000
    }

    /// The probe program built beside the test bundle.
    static var probePath: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("crm-store-probe").path
    }

    static func runProbe(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: probePath)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Another process writes (and grows the map far past this process's) while this
    /// process holds the store open; its commits are seen here after they are made, and
    /// this process keeps reading and writing without an error.
    @Test func aSecondProcessCommitsAreSeenAndItsMapGrowthAdopted() throws {
        #expect(
            FileManager.default.isExecutableFile(atPath: Self.probePath), "build the probe: \(Self.probePath)"
        )
        let fixture = try StoreFixture(mapSize: 64 << 10)
        try fixture.customer("Mine")
        let mapBefore = try fixture.store.statistics().mapSize
        let result = try Self.runProbe(["insert", fixture.path, "3000", "2000"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("inserted 3000"))
        try fixture.store.read { tx throws in
            #expect(try tx.count(Customer.self) == 3001)
            #expect(try tx.customer(3001)?.name == "probe 2999")
        }
        #expect(try fixture.store.statistics().mapSize > mapBefore)
        let mine = try fixture.customer("Mine again")
        #expect(mine.id == 3002)
        let count = try Self.runProbe(["count", fixture.path])
        #expect(count.output == "3002\n")
        #expect(try fixture.store.check().isHealthy)
    }
}
