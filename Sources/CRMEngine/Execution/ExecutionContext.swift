import CRMQuery
import CRMStore

/// What a statement's evaluation needs beside the record: the transaction, the session's
/// "now", caches of related records, and counters of the work done.
final class ExecutionContext {
    let transaction: ReadTransaction
    let now: Timestamp
    /// Where records the statement keeps past the walk that read them are copied (to sort
    /// them, to group them): freed with the statement.
    let arena = ByteArena()
    /// The counters of the work done (and of steps, for cancellation), behind a pointer:
    /// they change for every candidate of a walk, and a class's own stored properties would
    /// pay a runtime exclusivity check on each change.
    private let counters: UnsafeMutablePointer<Counters>

    private struct Counters {
        var statistics = ExecutionStatistics()
        var steps = 0
    }

    /// How much the statement read and produced so far.
    var statistics: ExecutionStatistics {
        get { counters.pointee.statistics }
        set { counters.pointee.statistics = newValue }
    }

    /// Counts one record read.
    @inline(__always)
    func countRead() { counters.pointee.statistics.recordsRead &+= 1 }

    /// Counts one row produced.
    @inline(__always)
    func countRow() { counters.pointee.statistics.rowsProduced &+= 1 }
    /// Asked every so often during a walk; true stops the statement with `.cancelled`.
    let isCancelled: @Sendable () -> Bool
    /// Where the statement is, for the cancellation error.
    let statementRange: SourceRange
    /// Whether the planner may use indexes (`Session.usesIndexes`); off, every statement
    /// reads whole tables.
    let usesIndexes: Bool
    /// The custom fields the store declares (`define field`), read once per statement. A
    /// store whose declarations cannot be read behaves as one with none: the fields are
    /// then plain custom fields, which only loses the index.
    private(set) lazy var customFields: CustomFields = (try? transaction.customFields()) ?? CustomFields()

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
        counters = UnsafeMutablePointer<Counters>.allocate(capacity: 1)
        counters.initialize(to: Counters())
    }

    deinit {
        counters.deinitialize(count: 1)
        counters.deallocate()
    }

    /// Counts one entry scanned, and throws `.cancelled` when cancellation was asked for;
    /// checks every 256 steps, so a walk of millions of records still stops within a moment
    /// of Ctrl-C.
    @inline(__always)
    func step() throws(QueryError) {
        counters.pointee.steps &+= 1
        counters.pointee.statistics.entriesScanned &+= 1
        if counters.pointee.steps & 255 == 1, isCancelled() {
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
        let record = try transaction.view(kind, id).map { AnyRecord($0.copy(into: arena)) }
        countRead()
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
