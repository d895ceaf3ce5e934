import CRMQuery
import CRMStore

/// The `order by` keys of a statement, resolved either to output columns (for grouped
/// results, or a key naming a select alias) or to paths evaluated on each record.
struct OrderKeys {
    /// A key evaluated on records: a path, or a computed value (`due - made`).
    struct Key {
        let value: BoundOperand
        /// The type of its values, for enums' declared order.
        let type: FieldType?
        let descending: Bool

        /// The record's own field the key sorts on, which an index may hold in order.
        var field: FieldRef? {
            guard case .path(let path) = value, path.isLocal else { return nil }
            return path.field.ref
        }
    }

    /// Keys evaluated on records, for plain results.
    var paths: [Key] = []
    /// Keys naming output columns, for grouped results.
    var columns: [(index: Int, descending: Bool)] = []

    /// The keys for the planner to match against an index's order: each the record's own
    /// field it sorts on, or nil for a key that no index orders (a relation path such as
    /// `customer.name`, or a computed value).
    var indexKeys: [(field: FieldRef?, descending: Bool)] {
        paths.map { ($0.field, $0.descending) }
    }

    /// The values a record sorts by, one per key, enums as their declared position.
    func sortValues(of record: AnyRecord, in context: ExecutionContext) throws -> [FieldValue] {
        try paths.map { key in
            Evaluator.sortValue(try Evaluator.value(key.value, of: record, in: context), key.type)
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
                switch projections[index] {
                case .path(let path, _):
                    result.paths.append(
                        OrderKeys.Key(value: .path(path), type: path.field.type, descending: key.descending))
                    continue
                case .computed(let operand, let type, _):
                    result.paths.append(OrderKeys.Key(value: operand, type: type, descending: key.descending))
                    continue
                case .aggregate: break
                }
            }
            if !aggregate, case .expression(let value) = key.target {
                let (operand, type) = try binder.bindValue(value, expecting: nil)
                result.paths.append(OrderKeys.Key(value: operand, type: type, descending: key.descending))
                continue
            }
            guard !aggregate, case .path(let path) = key.target else {
                throw QueryError(
                    .aggregateNotAllowed,
                    "order by \(name.lowercased()) must name a column of the result (\(projections.map(\.name).joined(separator: ", ")))",
                    at: key.range
                )
            }
            let bound = try binder.bind(path)
            result.paths.append(
                OrderKeys.Key(value: .path(bound), type: bound.field.type, descending: key.descending))
        }
        return result
    }
}
