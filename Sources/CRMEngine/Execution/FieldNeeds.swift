import CRMQuery
import CRMStore

/// Which stored fields a statement's conditions, groups and aggregates read, so that
/// candidates can be decoded with only those fields (`Record.fieldMask(for:)`) and whole
/// records read only for the rows that are kept.
struct FieldNeeds {
    let entity: Entity
    private(set) var names = Set<String>()

    init(_ entity: Entity) {
        self.entity = entity
    }

    /// The mask for the fields gathered so far.
    var mask: UInt64 {
        switch entity {
        case .customer: Customer.fieldMask(for: names) ?? .max
        case .interaction: Interaction.fieldMask(for: names) ?? .max
        case .promise: Promise.fieldMask(for: names) ?? .max
        }
    }

    mutating func add(_ predicate: BoundPredicate) {
        switch predicate {
        case .and(let parts), .or(let parts): for part in parts { add(part) }
        case .not(let inner): add(inner)
        case .compare(let left, _, let right), .contains(let left, let right),
            .startsWith(let left, let right):
            add(left)
            add(right)
        case .timeRange(let operand, _, _), .inList(let operand, _, _), .isNull(let operand, _),
            .truth(let operand):
            add(operand)
        case .exists(let query, _), .relationCount(let query, _, _):
            // A customer's and an interaction's lists are found by the record's id; a to-one
            // relation by the record's own reference field.
            if let field = query.relation.field { add(field) }
        case .idIn(let field, _): add(field)
        case .constant: break
        }
    }

    mutating func add(_ predicates: [BoundPredicate]) {
        for predicate in predicates { add(predicate) }
    }

    mutating func add(_ paths: [BoundPath]) {
        for path in paths { add(path) }
    }

    mutating func add(_ operand: BoundOperand) {
        if case .path(let path) = operand { add(path) }
    }

    mutating func add(_ path: BoundPath) {
        if let hop = path.hops.first, let field = hop.field {
            add(field)
        } else {
            add(path.field.id)
        }
    }

    /// A field of the record itself, by id: its stored name, or what a derived field is
    /// computed from.
    private mutating func add(_ id: FieldID) {
        switch id {
        case .id, .lastContact, .openPromises, .overduePromises, .satisfaction: return
        case .attribute: names.insert("attrs")
        case .overdue: names.formUnion(["status", "due"])
        case .keptLate, .lateBy: names.formUnion(["status", "resolved", "due"])
        default:
            if let name = Schema.fields(of: entity).first(where: { $0.id == id })?.name { names.insert(name) }
        }
    }
}
