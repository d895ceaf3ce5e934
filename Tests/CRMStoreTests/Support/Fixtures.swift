import CRMStore
import Foundation
import Synchronization
import TestSupport

/// A clock the tests set by hand.
final class TestClock: Sendable {
    private let current: Mutex<Timestamp>

    init(_ start: Timestamp = Timestamp(year: 2026, month: 11, day: 25, hour: 12)) {
        current = Mutex(start)
    }

    var now: Timestamp { current.withLock { $0 } }

    func advance(seconds: Int64) {
        current.withLock { $0 = $0.adding(microseconds: seconds * 1_000_000) }
    }

    func set(_ time: Timestamp) {
        current.withLock { $0 = time }
    }
}

/// A store in a fresh temporary directory, with a clock the test controls.
struct StoreFixture {
    let directory: TemporaryDirectory
    let clock: TestClock
    let store: Store
    var path: String { store.path }

    init(
        mapSize: Int = 1 << 20, durability: StoreOptions.Durability = .full, clock: TestClock = TestClock(),
        releaseMappedPagesAfter: Int? = 1_000
    ) throws {
        directory = try TemporaryDirectory()
        self.clock = clock
        store = try Store(
            path: directory.file("crm.db"),
            options: StoreOptions(
                mapSize: mapSize, durability: durability, clock: { clock.now },
                releaseMappedPagesAfter: releaseMappedPagesAfter)
        )
    }

    /// Inserts a customer and returns it as stored.
    @discardableResult
    func customer(_ name: String, _ configure: (inout Customer) -> Void = { _ in }) throws -> Customer {
        var record = Customer(name: name)
        configure(&record)
        return try store.write { tx in try tx.insert(record) }
    }

    /// Inserts an interaction and returns it as stored.
    @discardableResult
    func interaction(
        _ customer: Int64, _ kind: InteractionKind = .call,
        _ configure: (inout Interaction) -> Void = { _ in }
    )
        throws -> Interaction
    {
        var record = Interaction(customer: customer, kind: kind)
        configure(&record)
        return try store.write { tx in try tx.insert(record) }
    }

    /// Inserts a promise and returns it as stored.
    @discardableResult
    func promise(_ customer: Int64, due: Timestamp, _ configure: (inout Promise) -> Void = { _ in }) throws
        -> Promise
    {
        var record = Promise(customer: customer, title: "promise to \(customer)", due: due)
        configure(&record)
        return try store.write { tx in try tx.insert(record) }
    }

    /// The number of records of each kind and of history entries: what "nothing was
    /// written" compares.
    func counts() throws -> [Int] {
        let stats = try store.statistics()
        return [
            stats.customers, stats.interactions, stats.promises, stats.historyEntries, stats.indexEntries,
        ]
    }
}

extension Timestamp {
    /// The clock's start plus `days` days.
    static func day(_ days: Int, hour: Int = 12) -> Timestamp {
        Timestamp(year: 2026, month: 11, day: 25 + days, hour: hour)
    }
}
