import CRMQuery
import CRMStore

/// The candidate records of an access path, read lazily from the store and handed to a
/// closure one at a time (`walk`): a walk pushed through one tight loop per index range
/// or table, rather than pulled a record at a time.
///
/// Conditions that need only a candidate's id (see `Evaluator.needsOnlyID`) are checked on
/// the index key before the record is read, so candidates they reject are never read. When
/// the conditions left read only fields an index entry holds (`IndexEntryView`), candidates
/// come as their entries and the record is read only for those that pass.
///
/// A candidate read in place is valid only during the call that receives it; `copy(into:)`
/// keeps one.
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
    // SAFETY: the executor holds the context for the whole statement, which outlives this
    // source; unowned, so that each candidate costs no reference count.
    private unowned(unsafe) let context: ExecutionContext
    private let plan: Plan
    /// Whether candidates come as their index entries.
    private let entries: Bool

    /// `needs`: the stored fields the conditions read (`FieldNeeds`); nil when unknown. When
    /// an index entry holds them all, candidates come as entries.
    init(_ plan: Plan, in context: ExecutionContext, needs: Set<String>? = nil) throws {
        self.context = context
        self.plan = plan
        let onlyID = plan.residual.map { Evaluator.needsOnlyID($0, entity: plan.entity, in: context) }
        residual = zip(plan.residual, onlyID).filter { !$1 }.map(\.0)
        idResidual = zip(plan.residual, onlyID).filter { $1 }.map(\.0)
        idTests = idResidual.map { Evaluator.idTest($0, entity: plan.entity, in: context) }
        condition = Condition(all: residual)
        switch plan.access {
        case .ids, .table:
            entries = false
        case .index(let index, _, _):
            entries = needs.map { $0.isSubset(of: IndexEntryView.coveredFields(of: index)) } ?? false
        }
        if case .table = plan.access { walksTable = true } else { walksTable = false }
    }

    /// Calls `body` with each candidate that passes the id conditions, in the access path's
    /// order, until it returns false. Each candidate is valid only during its call.
    func walk(_ body: (AnyRecord) throws -> Bool) throws {
        // The closures below use locals, not `self`: reaching `self`'s parts from them costs a
        // retain and a release per record, a twentieth of a table scan.
        let context = context
        let idTests = idTests
        let entries = entries
        @inline(__always) func accepts(_ id: Int64) throws -> Bool {
            try context.step()
            guard !idTests.isEmpty else { return true }
            for test in idTests where try !test(id) { return false }
            return true
        }
        let tx = context.transaction
        let kind = RecordKind(plan.entity)
        switch plan.access {
        case .ids(let ids):
            for id in plan.reverse ? ids.reversed() : ids {
                guard try accepts(id), let view = try tx.view(kind, id) else { continue }
                context.countRead()
                guard try body(AnyRecord(view)) else { return }
            }
        case .table:
            // A table walk's candidate is the entry it is on, counted as read when its row
            // is made (`Executor`).
            try tx.walk(kind, reverse: plan.reverse) { view in
                guard try accepts(view.id) else { return true }
                return try body(AnyRecord(view))
            }
        case .index(let index, let prefixes, let bounds) where plan.merged:
            // Several ranges merged into the order asked for (a skip scan over every kind).
            let scan = try tx.scan(index: index, prefixes: prefixes, then: bounds, reverse: plan.reverse)
            while let id = try scan.nextID() {
                guard try accepts(id) else { continue }
                if entries, let entry = scan.entry() {
                    guard try body(AnyRecord(entry)) else { return }
                    continue
                }
                guard let view = try scan.view() else {
                    throw StoreError(
                        .corrupt, "an index names \(kind.rawValue) \(id), which does not exist (run check)")
                }
                context.countRead()
                guard try body(AnyRecord(view)) else { return }
            }
        case .index(let index, let prefixes, let bounds):
            // Each range is walked backwards when `reverse`, and the ranges come in reverse
            // order too.
            var going = true
            for prefix in plan.reverse ? prefixes.reversed() : prefixes where going {
                try tx.walk(index: index, equal: prefix, then: bounds, reverse: plan.reverse) { entry in
                    guard try accepts(entry.id) else { return true }
                    if entries {
                        going = try body(AnyRecord(entry))
                        return going
                    }
                    guard let view = try tx.view(kind, entry.id) else {
                        throw StoreError(
                            .corrupt,
                            "an index names \(kind.rawValue) \(entry.id), which does not exist (run check)")
                    }
                    context.countRead()
                    going = try body(AnyRecord(view))
                    return going
                }
            }
        }
    }

    /// The record of `entity` with `id`, read in place, or nil.
    static func fetch(_ entity: Entity, _ id: Int64, _ tx: ReadTransaction) throws -> AnyRecord? {
        try tx.view(RecordKind(entity), id).map(AnyRecord.init)
    }
}
