import CRMQuery
import CRMStore

/// Which stored fields of the record itself a statement's conditions, groups and aggregates
/// read: when an index entry holds them all, candidates are tested on their entries and
/// only those kept are read (`RecordSource`).
struct FieldNeeds {
    let entity: Entity
    /// The stored fields' names; `attrs` for any custom field (never held by an entry).
    private(set) var names = Set<String>()

    init(_ entity: Entity) {
        self.entity = entity
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
            // A to-many relation is found by the record's id; a to-one one by its own field.
            if !query.relation.toMany { names.insert(query.relation.field) }
        case .idIn(let field, _): names.insert(field.name)
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
        for path in operand.paths { add(path) }
    }

    mutating func add(_ path: BoundPath) {
        if let hop = path.hops.first {
            if !hop.toMany { names.insert(hop.field) }
            return
        }
        switch path.field.ref {
        case .id: break
        case .stored(let field): names.insert(field.name)
        case .derived(let derived): names.formUnion(derived.inputs)
        case .attribute: names.insert("attrs")
        }
    }
}
