import CRMQuery
import CRMStore

/// Rewrites a condition on a related record's indexed field (`customer.tier = vip`,
/// `customer.city in ("Lagos", "Oslo")`) into the set of related ids, read once from that
/// record kind's index, keys only, so that candidates are tested without reading their
/// related records. Any condition the planner answers wholly from an index of the related
/// kind qualifies.
///
/// Only when the set stays small (the index is walked up to `limit` entries); otherwise the
/// condition is left as it was and checked per candidate.
enum SemiJoin {
    static let limit = 20_000

    static func prepare(_ plan: Plan, in context: ExecutionContext) throws -> Plan {
        guard context.usesIndexes else { return plan }
        var changed = false
        var residual: [BoundPredicate] = []
        for condition in plan.residual {
            if let rewritten = try rewrite(condition, entity: plan.entity, context) {
                residual.append(rewritten)
                changed = true
            } else {
                residual.append(condition)
            }
        }
        guard changed else { return plan }
        return Plan(
            entity: plan.entity, access: plan.access, residual: residual, residualText: plan.residualText,
            reverse: plan.reverse, ordered: plan.ordered, merged: plan.merged)
    }

    private static func rewrite(_ condition: BoundPredicate, entity: Entity, _ context: ExecutionContext)
        throws
        -> BoundPredicate?
    {
        let path: BoundPath
        let local: (BoundOperand) -> BoundPredicate
        switch condition {
        case .compare(.path(let left), .equal, let right):
            path = left
            local = { .compare($0, .equal, right) }
        case .inList(.path(let left), let items, negated: false):
            path = left
            local = { .inList($0, items, negated: false) }
        default: return nil
        }
        guard path.hops.count == 1, let hop = path.hops.first, !hop.toMany,
            let field = entity.schema.field(hop.field)
        else { return nil }
        let inner = local(.path(BoundPath(hops: [], field: path.field, text: path.field.name)))
        let plan = Planner(entity: Entity(hop.target), orderBy: [], now: context.now).plan(inner, texts: [])
        guard plan.residual.isEmpty, case .index = plan.access else { return nil }
        let source = try RecordSource(plan, in: context, needs: [])
        var ids: [Int64] = []
        try source.walk { candidate in
            ids.append(candidate.id)
            return ids.count <= limit
        }
        return ids.count > limit ? nil : .idIn(field, IDSet(ids))
    }
}
