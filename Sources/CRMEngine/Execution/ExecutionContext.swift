import CRMQuery
import CRMStore

/// What a statement's evaluation needs beside the record: the transaction, the session's
/// "now", caches of related records, and counters of the work done.
final class ExecutionContext {
    let transaction: ReadTransaction
    let now: Timestamp
    var statistics = ExecutionStatistics()
    private var customers: [Int64: Customer?] = [:]
    private var interactions: [Int64: Interaction?] = [:]

    init(transaction: ReadTransaction, now: Timestamp) {
        self.transaction = transaction
        self.now = now
    }

    /// The customer with `id`, read once per statement.
    func customer(_ id: Int64) throws -> Customer? {
        if let cached = customers[id] { return cached }
        let customer = try transaction.customer(id)
        statistics.recordsRead += 1
        customers[id] = .some(customer)
        return customer
    }

    /// The interaction with `id`, read once per statement.
    func interaction(_ id: Int64) throws -> Interaction? {
        if let cached = interactions[id] { return cached }
        let interaction = try transaction.interaction(id)
        statistics.recordsRead += 1
        interactions[id] = .some(interaction)
        return interaction
    }

    /// Forgets cached records: after a write in the same transaction changed them.
    func forgetCachedRecords() {
        customers.removeAll()
        interactions.removeAll()
    }
}

/// How much a statement read: the proof that an indexed query did not read the whole table.
public struct ExecutionStatistics: Sendable, Equatable {
    /// Records read and decoded, including related records read through a path.
    public var recordsRead = 0
    /// Index or table entries walked to find candidates.
    public var entriesScanned = 0
    /// Rows produced.
    public var rowsProduced = 0
}
