import CRMQuery
import CRMStore

/// Rewrites conditions on a related customer's indexed enum (`customer.tier = vip`,
/// `customer.status in (...)`) into a set of customer ids read once from the customer
/// index, keys only, so that candidates are tested without reading their customers.
///
/// Only when the set stays small (the index range is walked up to `limit` entries);
/// otherwise the condition is left as it was and checked per candidate.
enum SemiJoin {
    static let limit = 20_000

    static func prepare(_ plan: Plan, in context: ExecutionContext) throws -> Plan {
        guard context.usesIndexes else { return plan }
        var changed = false
        var residual: [BoundPredicate] = []
        for condition in plan.residual {
            if let rewritten = try rewrite(condition, context.transaction) {
                residual.append(rewritten)
                changed = true
            } else {
                residual.append(condition)
            }
        }
        guard changed else { return plan }
        return Plan(
            entity: plan.entity, access: plan.access, residual: residual, residualText: plan.residualText,
            reverse: plan.reverse, ordered: plan.ordered)
    }

    private static func rewrite(_ condition: BoundPredicate, _ tx: ReadTransaction) throws -> BoundPredicate?
    {
        let operand: BoundOperand
        let names: [String]
        switch condition {
        case .compare(let left, .equal, .constant(.symbol(let name))):
            operand = left
            names = [name]
        case .inList(let left, let items, negated: false):
            operand = left
            names = items.compactMap { if case .symbol(let name) = $0 { name } else { nil } }
            guard names.count == items.count else { return nil }
        default: return nil
        }
        guard case .path(let path) = operand, path.hops.count == 1, let hop = path.hops.first,
            hop.target == .customer, let local = hop.field
        else { return nil }
        var ids: [Int64] = []
        for name in names {
            var cursor: RecordCursor<Customer>
            switch path.field.id {
            case .tier:
                guard let tier = try? CustomerTier.named(name) else { return nil }
                cursor = try tx.customers(tier: tier)
            case .customerStatus:
                guard let status = try? CustomerStatus.named(name) else { return nil }
                cursor = try tx.customers(status: status)
            default: return nil
            }
            while let id = try cursor.nextID() {
                ids.append(id)
                if ids.count > limit { return nil }
            }
        }
        return .idIn(local, IDSet(ids))
    }
}
