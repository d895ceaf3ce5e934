import CRMQuery
import CRMStore

/// Walks the records a relation leads to, through the index that holds them, narrowed by
/// what the relation's own filter says about time and status.
enum RelationScan {
    /// Calls `visit` for each related record until it returns false.
    /// The time field a relation's walk follows from `entity` (`at` for a customer's
    /// interactions, `due` for a customer's promises), so that an `order by` on it needs no
    /// sort; nil for other relations.
    static func orderField(_ query: BoundRelationQuery, from entity: Entity) -> FieldID? {
        switch (entity, query.relation.name) {
        case (.customer, "interactions"): .at
        case (.customer, "promises"): .due
        default: nil
        }
    }

    static func each(
        _ query: BoundRelationQuery,
        of record: AnyRecord,
        in context: ExecutionContext,
        reverse: Bool = false,
        _ visit: (AnyRecord) throws -> Bool
    ) throws {
        let conjuncts = query.filter?.conjuncts ?? []
        let tx = context.transaction
        switch (record, query.relation.name) {
        case (.customer(let customer), "interactions"):
            let bounds = TimeBounds(.at, in: conjuncts)
            var cursor = try tx.interactions(
                customer: customer.id, at: bounds.isBounded ? bounds.range : nil, newestFirst: reverse)
            while let next = try cursor.next() {
                context.statistics.recordsRead += 1
                try context.step()
                if try !visit(.interaction(next)) { return }
            }
        case (.customer(let customer), "promises"):
            let bounds = TimeBounds(.due, in: conjuncts)
            let range = bounds.isBounded ? bounds.range : nil
            var cursor =
                onlyPending(conjuncts)
                ? try tx.openPromises(customer: customer.id, due: range, latestFirst: reverse)
                : try tx.promises(customer: customer.id, due: range, latestFirst: reverse)
            while let next = try cursor.next() {
                context.statistics.recordsRead += 1
                try context.step()
                if try !visit(.promise(next)) { return }
            }
        case (.interaction(let interaction), "promises"):
            var cursor = try tx.promises(interaction: interaction.id)
            while let next = try cursor.next() {
                context.statistics.recordsRead += 1
                try context.step()
                if try !visit(.promise(next)) { return }
            }
        default:
            // A to-one relation: zero or one record.
            if let related = try Evaluator.follow(query.relation, from: record, in: context) {
                _ = try visit(related)
            }
        }
    }

    /// Counts the related records from index keys alone, without reading any record, when
    /// the relation's whole filter is a time span the index covers (`none(interactions where
    /// at in last 90 days)`); nil when the filter needs the records. With `atMost`, stops
    /// counting there (1 answers `any` and `none`).
    static func countFromIndex(
        _ query: BoundRelationQuery,
        of record: AnyRecord,
        in context: ExecutionContext,
        atMost limit: Int = .max
    ) throws -> Int? {
        guard case .customer(let customer) = record else { return nil }
        return try countFromIndex(query, ofCustomer: customer.id, in: context, atMost: limit)
    }

    /// Whether `countFromIndex` can answer `query` for a customer from its id alone.
    static func answersFromIndex(_ query: BoundRelationQuery) -> Bool {
        IndexCount(query) != nil
    }

    /// `countFromIndex` for the customer with `id`, without the customer's record.
    static func countFromIndex(
        _ query: BoundRelationQuery,
        ofCustomer id: Int64,
        in context: ExecutionContext,
        atMost limit: Int = .max
    ) throws -> Int? {
        guard let count = IndexCount(query) else { return nil }
        return try count.count(ofCustomer: id, in: context, atMost: limit)
    }

    /// A customer's interactions counted from the index keys: possible when the relation's
    /// whole filter is a time span on `at`. Worked out once per statement, so that testing
    /// thousands of customers does not go through the filter again for each.
    struct IndexCount {
        /// The span of `at` counted; nil for all.
        let range: Range<Timestamp>?

        /// How `query` is counted from the index, or nil when its filter needs the records.
        init?(_ query: BoundRelationQuery) {
            guard query.relation.name == "interactions", query.relation.target == .interaction else {
                return nil
            }
            let conjuncts = query.filter?.conjuncts ?? []
            let bounds = TimeBounds(.at, in: conjuncts)
            guard bounds.used.count == conjuncts.count else { return nil }
            range = bounds.isBounded ? bounds.range : nil
        }

        /// The number of the customer's interactions in the span, counting at most `limit`.
        func count(ofCustomer id: Int64, in context: ExecutionContext, atMost limit: Int = .max) throws -> Int
        {
            try context.step()
            return try context.transaction.interactionCount(customer: id, at: range, atMost: limit)
        }
    }

    /// Whether the conditions admit only pending promises (`status = pending`, `overdue`),
    /// so that the smaller pending-promise index can answer.
    static func onlyPending(_ conjuncts: [BoundPredicate]) -> Bool {
        conjuncts.contains { conjunct in
            switch conjunct {
            case .compare(.path(let path), .equal, .constant(.symbol("pending"))):
                path.isLocal && path.field.id == .promiseStatus
            case .truth(.path(let path)): path.isLocal && path.field.id == .overdue
            default: false
            }
        }
    }
}
