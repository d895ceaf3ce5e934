import CRMQuery
import CRMStore

/// The `order by` keys of a statement, resolved either to output columns (for grouped
/// results, or a key naming a select alias) or to paths evaluated on each record.
struct OrderKeys {
    /// Keys evaluated on records, for plain results.
    var paths: [(path: BoundPath, descending: Bool)] = []
    /// Keys naming output columns, for grouped results.
    var columns: [(index: Int, descending: Bool)] = []

    /// The keys for the planner to match against an index's order: each the record's own
    /// field it sorts on, or nil for one no index orders (a relation path such as
    /// `customer.name`).
    var indexKeys: [(field: FieldRef?, descending: Bool)] {
        paths.map { ($0.path.isLocal ? $0.path.field.ref : nil, $0.descending) }
    }

    /// The values a record sorts by, one per key, enums as their declared position.
    func sortValues(of record: AnyRecord, in context: ExecutionContext) throws -> [FieldValue] {
        try paths.map { key in
            Evaluator.sortValue(try Evaluator.value(key.path, of: record, in: context), key.path.field.type)
        }
    }
}

/// A group's values as grouping compares them, one or many: a lone key (the common `group
/// by kind`) makes no array per candidate.
enum GroupKeys: Hashable {
    case one(GroupKey)
    case many([GroupKey])

    init(_ values: [FieldValue]) {
        self = values.count == 1 ? .one(GroupKey(values[0])) : .many(values.map(GroupKey.init))
    }
}

/// A group's value as grouping compares it: text without regard to case, as every text
/// compare does, so that "Delhi" and "DELHI" fall in one group.
struct GroupKey: Hashable {
    let value: FieldValue

    init(_ value: FieldValue) {
        switch value {
        case .string(let text): self.value = .string(text.lowercased())
        case .list(let tags): self.value = .list(tags.map { $0.lowercased() })
        default: self.value = value
        }
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
