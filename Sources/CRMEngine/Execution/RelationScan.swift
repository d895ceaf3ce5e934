import CRMQuery
import CRMStore

/// Walks the records a relation leads to. A to-many relation (`customer.interactions`) is a
/// statement on the target kind with one more condition, the target's field equal to the
/// record's id, so it is planned as any statement is: the same rule picks the index
/// (`interaction.customer_at`, narrowed by what the relation's filter says about time), and
/// a relation whose whole filter the index answers is counted from index keys alone.
enum RelationScan {
    /// A relation's walk planned once, for any record: the plan holds a placeholder where
    /// the record's id goes.
    struct Prepared {
        let query: BoundRelationQuery
        let plan: Plan
        /// Whether the index answers every condition, so that related records can be
        /// counted from its keys without reading them.
        var answersFromIndex: Bool { plan.residual.isEmpty }

        /// The plan for the record with `id`.
        func plan(for id: Int64) -> Plan {
            plan.replacing(placeholder, with: id)
        }
    }

    /// The id that stands for the record's own in a prepared plan.
    static let placeholder = Int64.min

    /// Plans the walk of `query` (a to-many relation) from `entity`, ordered by `orderBy`.
    static func prepare(
        _ query: BoundRelationQuery,
        from entity: Entity,
        orderBy: [(field: FieldRef?, descending: Bool)] = [],
        in context: ExecutionContext
    ) -> Prepared? {
        guard query.relation.toMany, let field = query.relation.target.schema.field(query.relation.field)
        else {
            return nil
        }
        let target = Entity(query.relation.target)
        let link = BoundPredicate.compare(
            .path(BoundPath(hops: [], field: FieldInfo(field), text: field.name)), .equal,
            .constant(.integer(placeholder)))
        let conjuncts = [link] + (query.filter?.conjuncts ?? [])
        let plan = Planner(
            entity: target, orderBy: orderBy, now: context.now, usesIndexes: context.usesIndexes
        )
        .plan(.and(conjuncts), texts: [])
        return Prepared(query: query, plan: plan)
    }

    /// The walk of `query` prepared once per statement (see `BoundRelationQuery.cache`).
    static func prepared(_ query: BoundRelationQuery, from entity: Entity, in context: ExecutionContext)
        -> Prepared?
    {
        if let cached = query.cache.prepared { return cached }
        let prepared = prepare(query, from: entity, in: context)
        query.cache.prepared = prepared
        return prepared
    }

    /// Calls `visit` for each related record until it returns false. The records passed are
    /// valid only during the call.
    static func each(
        _ query: BoundRelationQuery,
        of record: AnyRecord,
        in context: ExecutionContext,
        prepared: Prepared? = nil,
        _ visit: (AnyRecord) throws -> Bool
    ) throws {
        guard let walk = prepared ?? Self.prepared(query, from: record.entity, in: context) else {
            // A to-one relation: zero or one record.
            if let related = try Evaluator.follow(query.relation, from: record, in: context),
                try query.filter.map({ try Evaluator.test($0, related, in: context) }) ?? true
            {
                _ = try visit(related)
            }
            return
        }
        let source = try RecordSource(walk.plan(for: record.id), in: context)
        try source.walk { candidate in
            guard try source.condition.passes(candidate, in: context) else { return true }
            return try visit(candidate)
        }
    }

    /// How many records `query` relates to the record with `id` (at most `limit`), counted
    /// from index keys alone; nil when its conditions need the records.
    static func countFromIndex(
        _ query: BoundRelationQuery, of id: Int64, from entity: Entity, in context: ExecutionContext,
        atMost limit: Int = .max
    ) throws -> Int? {
        guard let walk = prepared(query, from: entity, in: context), walk.answersFromIndex else { return nil }
        guard limit > 0 else { return 0 }
        if let counter = try counter(walk, query.cache, context) {
            try context.step()
            return try counter.count(id, atMost: limit)
        }
        let source = try RecordSource(walk.plan(for: id), in: context, needs: [])
        var count = 0
        try source.walk { _ in
            count += 1
            return count < limit
        }
        return count
    }
}

extension RelationScan {
    /// The counter of a walk whose one index range varies only in the record's id (a
    /// customer's interactions in a span), made once per statement; nil for other walks.
    fileprivate static func counter(_ walk: Prepared, _ cache: RelationPlanCache, _ context: ExecutionContext)
        throws -> IndexCounter?
    {
        if let made = cache.counter { return made }
        var counter: IndexCounter? = nil
        if case .index(let index, let prefixes, let bounds) = walk.plan.access, prefixes.count == 1,
            let varying = prefixes[0].firstIndex(of: .integer(placeholder))
        {
            counter = try IndexCounter(
                context.transaction, index: index, equal: prefixes[0], varying: varying, then: bounds)
        }
        cache.counter = .some(counter)
        return counter
    }
}

/// Where a bound relation query keeps its walk once planned: a statement tests the same
/// relation on every candidate, and plans it once.
final class RelationPlanCache: @unchecked Sendable {
    // SAFETY: a statement runs on one thread, and its bound expressions are not shared
    // between statements running at once.
    var prepared: RelationScan.Prepared?
    /// The walk's counter (`RelationScan.counter`), once made: `.some(nil)` when the walk
    /// has none.
    var counter: IndexCounter??
}

extension Plan {
    /// This plan with every `placeholder` id in its access path and conditions replaced by
    /// `id`.
    func replacing(_ placeholder: Int64, with id: Int64) -> Plan {
        func swap(_ value: FieldValue) -> FieldValue { value == .integer(placeholder) ? .integer(id) : value }
        let access: AccessPath
        switch self.access {
        case .index(let index, let prefixes, let bounds):
            access = .index(index, prefixes: prefixes.map { $0.map(swap) }, bounds: bounds)
        case .ids(let ids): access = .ids(ids.map { $0 == placeholder ? id : $0 })
        case .table: access = .table
        }
        let residual = self.residual.map { condition -> BoundPredicate in
            if case .compare(let left, .equal, .constant(.integer(placeholder))) = condition {
                return .compare(left, .equal, .constant(.integer(id)))
            }
            return condition
        }
        return Plan(
            entity: entity, access: access, residual: residual, residualText: residualText, reverse: reverse,
            ordered: ordered, merged: merged)
    }
}
