import CRMQuery
import CRMStore

/// How a `find`, `count`, `update` or `delete` runs: the access path, the conditions left
/// to check on each candidate, and whether the access path's order already is the order
/// asked for (so that `limit` can stop the walk early).
struct Plan {
    let entity: Entity
    let access: AccessPath
    /// Conditions the access path does not guarantee, checked on every candidate.
    let residual: [BoundPredicate]
    /// The texts of the residual conditions, for `explain`.
    let residualText: [String]
    /// Walk the access path backwards (newest first).
    let reverse: Bool
    /// Whether the rows come out in the order asked for.
    let ordered: Bool
    /// Whether the access path's ranges must be walked merged (`RecordScan`) for that order.
    var merged = false
}
