import CRMQuery
import CRMStore

/// Walks the records a relation leads to, through the index that holds them, narrowed by
/// what the relation's own filter says about time and status.
enum RelationScan {
    /// Calls `visit` for each related record until it returns false.
    static func each(
        _ query: BoundRelationQuery,
        of record: AnyRecord,
        in context: ExecutionContext,
        _ visit: (AnyRecord) throws -> Bool
    ) throws {
        let conjuncts = query.filter?.conjuncts ?? []
        let tx = context.transaction
        switch (record, query.relation.name) {
        case (.customer(let customer), "interactions"):
            let bounds = TimeBounds(.at, in: conjuncts)
            var cursor = try tx.interactions(customer: customer.id, at: bounds.isBounded ? bounds.range : nil)
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
                ? try tx.openPromises(customer: customer.id, due: range)
                : try tx.promises(customer: customer.id, due: range)
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
