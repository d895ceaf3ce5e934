import CRMQuery
import CRMStore

/// Evaluates bound paths and predicates on records.
///
/// Text compares without regard to case, everywhere: the name, email, city, owner and tag
/// indexes are case-folded, so a condition must mean the same whether an index answers it or
/// a scan does.
enum Evaluator {
    /// The value of `operand` for `record`; a path through a missing related record is null.
    static func value(_ operand: BoundOperand, of record: AnyRecord, in context: ExecutionContext) throws
        -> FieldValue
    {
        switch operand {
        case .constant(let value): return value
        case .path(let path): return try value(path, of: record, in: context)
        case .computed(let computation): return try computation.value(of: record, in: context)
        }
    }

    /// The value at the end of `path`, following its to-one relations.
    static func value(_ path: BoundPath, of record: AnyRecord, in context: ExecutionContext) throws
        -> FieldValue
    {
        // The record's own field: read it in place.
        guard let first = path.hops.first else { return try record.value(path.field.ref, in: context) }
        // One hop (`customer.tier`): the value itself is kept per related id, so that many
        // records of one customer read the customer once.
        if path.hops.count == 1, !first.toMany,
            let field = path.cache.hopField ?? record.kind.schema.field(first.field)
        {
            path.cache.hopField = field
            guard case .integer(let id) = try record.value(field, in: context) else { return .null }
            if let known = path.cache.values[id] { return known }
            let value =
                try context.transaction.view(first.target, id).map { view in
                    context.countRead()
                    return try AnyRecord(view).value(path.field.ref, in: context)
                } ?? .null
            path.cache.values[id] = value
            return value
        }
        guard var current = try follow(first, from: record, in: context) else { return .null }
        for hop in path.hops.dropFirst() {
            guard let next = try follow(hop, from: current, in: context) else { return .null }
            current = next
        }
        return try current.value(path.field.ref, in: context)
    }

    /// The record a to-one relation leads to, or nil.
    static func follow(_ relation: RelationSchema, from record: AnyRecord, in context: ExecutionContext)
        throws
        -> AnyRecord?
    {
        guard !relation.toMany, let field = record.kind.schema.field(relation.field),
            case .integer(let id) = try record.value(field, in: context)
        else { return nil }
        return try context.related(relation.target, id)
    }

    /// Whether `record` satisfies `predicate`: whether the condition is true (unknown, as a
    /// comparison with null is, leaves the record out, as in SQL).
    static func test(_ predicate: BoundPredicate, _ record: AnyRecord, in context: ExecutionContext) throws
        -> Bool
    {
        try truth(predicate, record, in: context) == true
    }

    /// The condition's truth for `record` in SQL's three-valued logic: nil is unknown. A
    /// comparison with null is unknown, `not` of unknown is unknown, `and` is false when any
    /// part is false and `or` true when any part is true; otherwise unknown wins over the rest.
    /// So `not (city = "X")` and `city != "X"` agree: both leave out records without a city.
    static func truth(_ predicate: BoundPredicate, _ record: AnyRecord, in context: ExecutionContext) throws
        -> Bool?
    {
        switch predicate {
        case .and(let parts):
            var result: Bool? = true
            for part in parts {
                switch try truth(part, record, in: context) {
                case false?: return false
                case nil: result = nil
                case true?: break
                }
            }
            return result
        case .or(let parts):
            var result: Bool? = false
            for part in parts {
                switch try truth(part, record, in: context) {
                case true?: return true
                case nil: result = nil
                case false?: break
                }
            }
            return result
        case .not(let inner):
            return try truth(inner, record, in: context).map { !$0 }
        case .constant(let flag):
            return flag
        case .idIn(let field, let ids):
            guard case .integer(let id) = try record.value(field, in: context) else { return nil }
            return ids.contains(id)
        case .compare(let left, let op, let right):
            let a = try value(left, of: record, in: context)
            let b = try value(right, of: record, in: context)
            if a == .null || b == .null { return nil }
            // Values of types that do not compare are unequal and unordered.
            guard let order = compare(a, b) else { return op == .notEqual }
            return op.holds(order)
        case .timeRange(let operand, let op, let range):
            let value = try value(operand, of: record, in: context)
            guard case .timestamp(let time) = value else { return value == .null ? nil : op == .notEqual }
            switch op {
            case .equal: return range.contains(time)
            case .notEqual: return !range.contains(time)
            case .less: return time < range.lowerBound
            case .lessOrEqual: return time < range.upperBound
            case .greater: return time >= range.upperBound
            case .greaterOrEqual: return time >= range.lowerBound
            }
        case .inList(let operand, let items, let negated):
            let value = try value(operand, of: record, in: context)
            if value == .null { return nil }
            let found = items.contains { compare(value, $0) == 0 }
            return found != negated
        case .isNull(let operand, let negated):
            let value = try value(operand, of: record, in: context)
            let isNull = value == .null || value == .list([])
            return isNull != negated
        case .contains(let left, let right):
            let haystack = try value(left, of: record, in: context)
            guard case .string(let needle) = try value(right, of: record, in: context) else { return nil }
            switch haystack {
            case .list(let tags): return tags.contains { FoldedText.compare($0, needle) == 0 }
            case .string(let text): return FoldedText.contains(text, needle)
            case .null: return nil
            default: return false
            }
        case .startsWith(let left, let right):
            let subject = try value(left, of: record, in: context)
            guard case .string(let prefix) = try value(right, of: record, in: context) else { return nil }
            switch subject {
            case .string(let text): return FoldedText.hasPrefix(text, prefix)
            case .null: return nil
            default: return false
            }
        case .truth(let operand):
            switch try value(operand, of: record, in: context) {
            case .bool(let flag): return flag
            case .null: return nil
            default: return false
            }
        case .exists(let query, let negated):
            if let count = try RelationScan.countFromIndex(
                query, of: record.id, from: record.entity, in: context, atMost: 1)
            {
                return (count > 0) != negated
            }
            var found = false
            try RelationScan.each(query, of: record, in: context) { _ in
                found = true
                return false
            }
            return found != negated
        case .relationCount(let query, let op, let target):
            var count: Int64 = 0
            if let indexed = try RelationScan.countFromIndex(
                query, of: record.id, from: record.entity, in: context)
            {
                count = Int64(indexed)
            } else {
                try RelationScan.each(query, of: record, in: context) { _ in
                    count += 1
                    return true
                }
            }
            return op.holds(count < target ? -1 : (count == target ? 0 : 1))
        }
    }

    /// Whether `record` passes every condition of `conditions`.
    static func passes(_ conditions: [BoundPredicate], _ record: AnyRecord, in context: ExecutionContext)
        throws
        -> Bool
    {
        for condition in conditions where try !test(condition, record, in: context) { return false }
        return true
    }

    /// Whether `predicate` can be decided from a candidate's id alone, before its record is
    /// read: `none(interactions where at in last 90 days)`, from index keys.
    static func needsOnlyID(_ predicate: BoundPredicate, entity: Entity, in context: ExecutionContext) -> Bool
    {
        switch predicate {
        case .exists(let query, _), .relationCount(let query, _, _):
            return RelationScan.prepared(query, from: entity, in: context)?.answersFromIndex ?? false
        default: return false
        }
    }

    /// The test of a predicate for which `needsOnlyID` holds, prepared once for a
    /// statement's candidates: it takes a candidate's id.
    static func idTest(_ predicate: BoundPredicate, entity: Entity, in context: ExecutionContext)
        -> (Int64) throws -> Bool
    {
        switch predicate {
        case .exists(let query, let negated):
            return { id in
                let count =
                    try RelationScan.countFromIndex(query, of: id, from: entity, in: context, atMost: 1) ?? 0
                return (count > 0) != negated
            }
        case .relationCount(let query, let op, let target):
            return { id in
                let count = Int64(
                    try RelationScan.countFromIndex(query, of: id, from: entity, in: context) ?? 0)
                return op.holds(count < target ? -1 : (count == target ? 0 : 1))
            }
        default: return { _ in true }
        }
    }

    /// Orders two values of comparable types: numbers with numbers (exactly, for integers
    /// and decimals), text with text ignoring case, times with times; nil when either is
    /// null or the types do not compare.
    static func compare(_ a: FieldValue, _ b: FieldValue) -> Int? {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return order(x, y)
        case (.decimal(let x), .decimal(let y)): return order(x, y)
        case (.integer(let x), .decimal(let y)): return order(ExactDecimal(x), y)
        case (.decimal(let x), .integer(let y)): return order(x, ExactDecimal(y))
        case (.real(let x), _): return number(b).map { order(x, $0) }
        case (_, .real(let y)): return number(a).map { order($0, y) }
        case (.string(let x), .string(let y)), (.symbol(let x), .symbol(let y)),
            (.string(let x), .symbol(let y)),
            (.symbol(let x), .string(let y)):
            return x == y ? 0 : FoldedText.compare(x, y)
        case (.timestamp(let x), .timestamp(let y)): return order(x, y)
        case (.duration(let x), .duration(let y)): return order(x, y)
        case (.bool(let x), .bool(let y)): return order(x ? 1 : 0, y ? 1 : 0)
        case (.list(let x), .list(let y)):
            return FoldedText.compare(x.joined(separator: ","), y.joined(separator: ","))
        default: return nil
        }
    }

    /// The value as it sorts in a field of `type`: an enum value becomes its position in the
    /// declared order (standard < key < vip), so that `order by`, `min`, `max` and grouped
    /// results agree with `tier > key`. Other values are themselves.
    static func sortValue(_ value: FieldValue, _ type: FieldType?) -> FieldValue {
        guard case .enumeration(let enumType) = type, case .symbol(let name) = value,
            let position = enumType.position(of: name)
        else { return value }
        return .integer(Int64(position))
    }

    /// An order for sorting: like `compare`, with null first and unlike types by type.
    static func sortOrder(_ a: FieldValue, _ b: FieldValue) -> Int {
        if let order = compare(a, b) { return order }
        if a == .null { return b == .null ? 0 : -1 }
        if b == .null { return 1 }
        return order(a.typeName, b.typeName)
    }

    private static func number(_ value: FieldValue) -> Double? {
        switch value {
        case .integer(let x): Double(x)
        case .decimal(let x): x.doubleValue
        case .real(let x): x
        default: nil
        }
    }

    private static func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
}

extension ComparisonOperator {
    /// Whether the operator holds for a comparison result (-1, 0, 1).
    func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        }
    }
}
