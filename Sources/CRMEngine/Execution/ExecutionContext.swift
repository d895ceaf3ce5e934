import CRMQuery
import CRMStore

/// What a statement's evaluation needs beside the record: the transaction, the session's
/// "now", caches of related records, and counters of the work done.
final class ExecutionContext {
    let transaction: ReadTransaction
    let now: Timestamp
    var statistics = ExecutionStatistics()
    /// Asked every so often during a walk; true stops the statement with `.cancelled`.
    let isCancelled: @Sendable () -> Bool
    /// Where the statement is, for the cancellation error.
    let statementRange: SourceRange
    /// Whether the planner may use indexes (`Session.usesIndexes`); off, every statement
    /// reads whole tables.
    let usesIndexes: Bool
    private var steps = 0
    private var customers: [Int64: Customer?] = [:]
    private var interactions: [Int64: Interaction?] = [:]

    init(
        transaction: ReadTransaction,
        now: Timestamp,
        statementRange: SourceRange = SourceRange(at: SourceLocation(offset: 0, line: 1, column: 1)),
        usesIndexes: Bool = true,
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) {
        self.transaction = transaction
        self.usesIndexes = usesIndexes
        self.now = now
        self.statementRange = statementRange
        self.isCancelled = isCancelled
    }

    /// Throws `.cancelled` when cancellation was asked for; checks every 256 steps, so a
    /// walk of millions of records still stops within a moment of Ctrl-C.
    @inline(__always)
    func step() throws(QueryError) {
        steps &+= 1
        if steps & 255 == 1, isCancelled() {
            throw QueryError(
                .cancelled,
                "cancelled: the statement stopped before it finished, and nothing of it was written",
                at: statementRange)
        }
    }

    /// The customer with `id`, read once per statement.
    func customer(_ id: Int64) throws -> Customer? {
        if let cached = customers[id] { return cached }
        let customer = try transaction.customer(id)
        statistics.recordsRead += 1
        customers[id] = .some(customer)
        return customer
    }

    private var categories: [Int64: CustomerCategories?] = [:]

    /// The kind, tier and status of the customer with `id`, read once per statement and
    /// without decoding the rest of the customer.
    func customerCategories(_ id: Int64) throws -> CustomerCategories? {
        if let cached = categories[id] { return cached }
        if let customer = customers[id] {
            return customer.map { CustomerCategories(kind: $0.kind, tier: $0.tier, status: $0.status) }
        }
        let found = try transaction.customerCategories(id)
        categories[id] = .some(found)
        return found
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
        categories.removeAll()
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
