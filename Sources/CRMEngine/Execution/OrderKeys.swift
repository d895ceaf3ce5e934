import CRMQuery
import CRMStore

/// The `order by` keys of a statement, resolved either to output columns (for grouped
/// results, or a key naming a select alias) or to paths evaluated on each record.
struct OrderKeys {
    /// Keys evaluated on records, for plain results.
    var paths: [(path: BoundPath, descending: Bool)] = []
    /// Keys naming output columns, for grouped results.
    var columns: [(index: Int, descending: Bool)] = []

    /// The keys as the record's own fields, for the planner to match against an index's
    /// order; empty when any key is not a plain local field.
    var localFields: [(field: FieldID, descending: Bool)] {
        guard paths.allSatisfy({ $0.path.isLocal }) else { return [] }
        return paths.map { ($0.path.field.id, $0.descending) }
    }
}

extension Executor {
    func orderKeys(_ keys: [OrderKey], _ projections: [Projection], _ binder: Binder, aggregate: Bool) throws
        -> OrderKeys
    {
        var result = OrderKeys()
        for key in keys {
            let name = Projection.name(of: key.target)
            // Names compare ignoring case, without folding every column's name per statement.
            if let index = projections.indices.first(where: {
                FoldedText.compare(projections[$0].name, name) == 0
            }) {
                if aggregate {
                    result.columns.append((index, key.descending))
                    continue
                }
                if case .path(let path, _) = projections[index] {
                    result.paths.append((path, key.descending))
                    continue
                }
            }
            guard !aggregate, case .path(let path) = key.target else {
                throw QueryError(
                    .aggregateNotAllowed,
                    "order by \(name.lowercased()) must name a column of the result (\(projections.map(\.name).joined(separator: ", ")))",
                    at: key.range
                )
            }
            result.paths.append((try binder.bind(path), key.descending))
        }
        return result
    }
}
