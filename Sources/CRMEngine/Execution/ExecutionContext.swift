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

    /// The record of `kind` with `id` that a path leads to (`customer.tier`), read once per
    /// statement and kept as a copy.
    func related(_ kind: RecordKind, _ id: Int64) throws -> AnyRecord? {
        let key = RelatedKey(kind: kind, id: id)
        if let cached = relatedRecords[key] { return cached }
        let record = try transaction.view(kind, id).map { AnyRecord($0.copy()) }
        statistics.recordsRead += 1
        relatedRecords[key] = .some(record)
        return record
    }

    private struct RelatedKey: Hashable {
        let kind: RecordKind
        let id: Int64
    }

    private var relatedRecords: [RelatedKey: AnyRecord?] = [:]

    /// Forgets cached records: after a write in the same transaction changed them.
    func forgetCachedRecords() {
        relatedRecords.removeAll()
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
