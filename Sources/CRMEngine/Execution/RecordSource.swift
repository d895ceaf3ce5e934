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
    /// `residual` prepared for testing many candidates in place.
    let condition: Condition
    /// The conditions checked on each candidate's id first.
    let idResidual: [BoundPredicate]
    /// Whether the candidates come from walking the table itself.
    let walksTable: Bool
    /// `idResidual` prepared as tests of an id (`Evaluator.idTest`).
    private let idTests: [(Int64) throws -> Bool]
    private let context: ExecutionContext
    private let kind: RecordKind
    /// For an access by ids: the ids, and the next to read.
    private let ids: [Int64]
    private var nextIDIndex = 0
    /// For a walk: the index ranges or the table, and the one being walked.
    private let scans: [RecordScan]
    private var current = 0
    /// Whether candidates come as their index entries.
    private let entries: Bool

    /// `needs`: the stored fields the conditions read (`FieldNeeds`); nil when unknown. When
    /// an index entry holds them all, candidates come as entries.
    init(_ plan: Plan, in context: ExecutionContext, needs: Set<String>? = nil) throws {
        self.context = context
        kind = RecordKind(plan.entity)
        let onlyID = plan.residual.map { Evaluator.needsOnlyID($0, entity: plan.entity, in: context) }
        residual = zip(plan.residual, onlyID).filter { !$1 }.map(\.0)
        idResidual = zip(plan.residual, onlyID).filter { $1 }.map(\.0)
        idTests = idResidual.map { Evaluator.idTest($0, entity: plan.entity, in: context) }
        condition = Condition(all: residual)
        let tx = context.transaction
        switch plan.access {
        case .ids(let ids):
            self.ids = plan.reverse ? ids.reversed() : ids
            scans = []
            entries = false
            walksTable = false
        case .table:
            ids = []
            scans = [try tx.scan(kind, reverse: plan.reverse)]
            entries = false
            walksTable = true
        case .index(let index, let prefixes, let bounds):
            ids = []
            // Each range is walked backwards when `reverse`, and the ranges come in reverse
            // order too.
            let ordered = plan.reverse ? prefixes.reversed() : prefixes
            scans = try ordered.map {
                try tx.scan(index: index, equal: $0, then: bounds, reverse: plan.reverse)
            }
            entries = needs.map { $0.isSubset(of: IndexEntryView.coveredFields(of: index)) } ?? false
            walksTable = false
        }
    }

    /// Whether the id conditions accept `id`; counts the step.
    @inline(__always)
    private func accepts(_ id: Int64) throws -> Bool {
        try context.step()
        for test in idTests where try !test(id) { return false }
        return true
    }

    /// The next candidate that passes the id conditions, or nil when the access path is done.
    mutating func next() throws -> AnyRecord? {
        if !ids.isEmpty {
            while nextIDIndex < ids.count {
                let id = ids[nextIDIndex]
                nextIDIndex += 1
                guard try accepts(id), let view = try context.transaction.view(kind, id) else { continue }
                context.countRead()
                return AnyRecord(view)
            }
            return nil
        }
        while current < scans.count {
            let scan = scans[current]
            while let id = try scan.nextID() {
                guard try accepts(id) else { continue }
                if entries, let entry = scan.entry() { return AnyRecord(entry) }
                guard let view = try scan.view() else {
                    throw StoreError(
                        .corrupt, "an index names \(kind.rawValue) \(id), which does not exist (run check)")
                }
                // A record found through an index is read by id; a table walk's candidate is
                // the entry it is on, counted as read when its row is made (`Executor`).
                if !walksTable { context.countRead() }
                return AnyRecord(view)
            }
            current += 1
        }
        return nil
    }

    /// The next candidate's id: from the index entry alone when the source gives entries.
    mutating func nextID() throws -> Int64? {
        try next()?.id
    }

    /// The record of `entity` with `id`, read in place, or nil.
    static func fetch(_ entity: Entity, _ id: Int64, _ tx: ReadTransaction) throws -> AnyRecord? {
        try tx.view(RecordKind(entity), id).map(AnyRecord.init)
    }
}
