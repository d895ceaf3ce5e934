import CRMQuery
import CRMStore

/// A path checked against the schema: zero or more to-one relation hops, then a field.
/// `customer.tier` on a promise is one hop (promise -> customer) and the field `tier`.
struct BoundPath: Sendable {
    let hops: [RelationSchema]
    let field: FieldInfo
    /// The path as written, for column names and messages.
    let text: String
    /// The values the path has led to, by the id of the record its first hop reaches: a
    /// statement reads `customer.tier` for many interactions of few customers.
    let cache = PathCache()

    /// Whether this is the record's own field, with no relation to follow.
    var isLocal: Bool { hops.isEmpty }
}

/// The values one path of one statement has led to, by the related record's id.
final class PathCache: @unchecked Sendable {
    // SAFETY: a statement runs on one thread, and its bound expressions are not shared
    // between statements running at once.
    var values: [Int64: FieldValue] = [:]
    /// The record's own field the first hop follows, once looked up.
    var hopField: FieldSchema?
}

/// One side of a comparison: a field, a value fixed when the statement was bound, or a
/// value computed from the record's fields (`due + 2bd`).
enum BoundOperand: Sendable {
    case path(BoundPath)
    case constant(FieldValue)
    case computed(Computation)

    /// The paths it reads.
    var paths: [BoundPath] {
        switch self {
        case .path(let path): [path]
        case .constant: []
        case .computed(let computation): computation.paths
        }
    }
}

/// A `where` condition checked against the schema, with every literal converted to the type
/// of what it is compared with.
indirect enum BoundPredicate: Sendable {
    case and([BoundPredicate])
    case or([BoundPredicate])
    case not(BoundPredicate)
    case compare(BoundOperand, ComparisonOperator, BoundOperand)
    /// A time compared with a range (`at in last 90 days`, `due = 2026-12-01`): `=` inside,
    /// `<` before its start, `>` after its end, `<=` up to its end, `>=` from its start.
    case timeRange(BoundOperand, ComparisonOperator, Range<Timestamp>)
    case inList(BoundOperand, [FieldValue], negated: Bool)
    case isNull(BoundOperand, negated: Bool)
    case contains(BoundOperand, BoundOperand)
    case startsWith(BoundOperand, BoundOperand)
    /// `any(REL where ...)` (or, when `negated`, `none(...)`).
    case exists(BoundRelationQuery, negated: Bool)
    /// `count(REL where ...) OP N`.
    case relationCount(BoundRelationQuery, ComparisonOperator, Int64)
    /// A bare boolean field: `overdue`, `urgent`.
    case truth(BoundOperand)
    case constant(Bool)
    /// The record's own reference field is one of `ids`: a condition on the related
    /// customer (`customer.tier = vip`) answered once from the customer index, so that no
    /// customer is read per candidate.
    case idIn(FieldSchema, IDSet)

    /// The top-level conjuncts: `a and (b and c)` gives [a, b, c].
    var conjuncts: [BoundPredicate] {
        if case .and(let parts) = self { return parts.flatMap(\.conjuncts) }
        return [self]
    }
}

/// `REL where EXPR` inside `any`, `none` or `count`, or a `with` include.
struct BoundRelationQuery: Sendable {
    let relation: RelationSchema
    let filter: BoundPredicate?
    let text: String
    /// The walk, once planned (`RelationScan.prepared`).
    let cache = RelationPlanCache()
}
