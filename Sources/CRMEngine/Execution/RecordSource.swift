import CRMQuery
import CRMStore

/// The candidate records of an access path, one at a time, read lazily from the store.
///
/// Conditions that need only a candidate's id (see `Evaluator.needsOnlyID`) are checked on
/// the index key before the record is read, so candidates they reject are never read. When
/// the conditions left read only fields an index entry holds (`IndexEntryView`), candidates
/// come as their entries and the record is read only for those that pass.
///
/// A candidate read in place is valid until `next()` is called again.
struct RecordSource {
    /// The conditions left to check on each candidate's record.
    let residual: [BoundPredicate]
    /// The conditions checked on each candidate's id first.
    let idResidual: [BoundPredicate]
    /// `idResidual` prepared as tests of an id (`Evaluator.idTest`).
    private let idTests: [(Int64) throws -> Bool]
    private var pending: [Stream]
    private var current: Stream?
    private let context: ExecutionContext
    /// Whether the candidates come from walking the table itself.
    let walksTable: Bool

    /// Yields the next accepted candidate of one index range or table: `accept` sees each
    /// id first, and the candidate is read only when it says yes.
    typealias Stream = ((Int64) throws -> Bool) throws -> AnyRecord?

    /// `needs`: the stored fields the conditions read (`FieldNeeds`); nil when unknown. When
    /// an index entry holds them all, candidates come as entries.
    init(_ plan: Plan, in context: ExecutionContext, needs: Set<String>? = nil) throws {
        self.context = context
        if case .table = plan.access { walksTable = true } else { walksTable = false }
        residual = plan.residual.filter { !Evaluator.needsOnlyID($0, entity: plan.entity, in: context) }
        idResidual = plan.residual.filter { Evaluator.needsOnlyID($0, entity: plan.entity, in: context) }
        idTests = idResidual.map { Evaluator.idTest($0, entity: plan.entity, in: context) }
        // Each stream walks its own range backwards when `reverse`; the ranges come in
        // reverse order too.
        pending = try Self.streams(plan, context, needs: needs)
        if plan.reverse { pending.reverse() }
    }

    /// The next candidate that passes the id conditions, or nil when the access path is done.
    mutating func next() throws -> AnyRecord? {
        let context = self.context
        let idTests = self.idTests
        let accept: (Int64) throws -> Bool = { id in
            try context.step()
            context.statistics.entriesScanned += 1
            for test in idTests where try !test(id) { return false }
            return true
        }
        while true {
            if current == nil {
                guard !pending.isEmpty else { return nil }
                current = pending.removeFirst()
            }
            if let record = try current?(accept) {
                // A record found through an index is read by id; a table walk's candidate is
                // the entry it is on, counted as read when its row is made (`Executor`).
                if record.view != nil, !walksTable { context.statistics.recordsRead += 1 }
                return record
            }
            current = nil
        }
    }

    /// The next candidate's id: from the index entry alone when the source gives entries.
    mutating func nextID() throws -> Int64? {
        try next()?.id
    }

    /// One stream per index range the access path covers (several for `tier in (key, vip)`).
    private static func streams(_ plan: Plan, _ context: ExecutionContext, needs: Set<String>?) throws
        -> [Stream]
    {
        let tx = context.transaction
        let kind = RecordKind(plan.entity)
        switch plan.access {
        case .ids(let ids):
            return ids.map { id in
                var done = false
                return { accept in
                    guard !done else { return nil }
                    done = true
                    guard try accept(id), let view = try tx.view(kind, id) else { return nil }
                    return AnyRecord(view)
                }
            }
        case .table:
            return [stream(try tx.scan(kind, reverse: plan.reverse), entries: false)]
        case .index(let index, let prefixes, let bounds):
            let entries = needs.map { $0.isSubset(of: IndexEntryView.coveredFields(of: index)) } ?? false
            return try prefixes.map { prefix in
                stream(
                    try tx.scan(index: index, equal: prefix, then: bounds, reverse: plan.reverse),
                    entries: entries)
            }
        }
    }

    /// A stream over `scan`: ids first, then the candidates `accept` wants, as their index
    /// entries (`entries`) or read in place.
    private static func stream(_ scan: RecordScan, entries: Bool) -> Stream {
        var scan = scan
        return { accept in
            while let id = try scan.nextID() {
                guard try accept(id) else { continue }
                if entries, let entry = scan.entry() { return AnyRecord(entry) }
                guard let view = try scan.view() else {
                    throw StoreError(
                        .corrupt,
                        "an index names \(scan.schema.kind.rawValue) \(id), which does not exist (run check)")
                }
                return AnyRecord(view)
            }
            return nil
        }
    }

    /// The record of `entity` with `id`, read in place, or nil.
    static func fetch(_ entity: Entity, _ id: Int64, _ tx: ReadTransaction) throws -> AnyRecord? {
        try tx.view(RecordKind(entity), id).map(AnyRecord.init)
    }
}
