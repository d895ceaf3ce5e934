import CRMQuery
import CRMStore

extension Binder {
    /// `left OP right` where a side is computed (`resolved > due + 1d`, `late_by > 2d`,
    /// `due < now + 2bd`). A side that reads no field is folded to a constant and put on the
    /// right, so that the planner sees `due < CONSTANT` and can answer it from an index.
    func computedComparison(_ left: Value, _ op: ComparisonOperator, _ right: Value) throws(QueryError)
        -> BoundPredicate
    {
        if Self.isLiteral(left) && !Self.isLiteral(right) || Self.isInterval(left) && !Self.isInterval(right)
        {
            return try computedComparison(right, op.flipped, left)
        }
        let (leftOperand, leftType) = try operand(left)
        if case .time(let literal) = right.kind, let span = time.range(literal) {
            // A bare date or a named range means inside it, as everywhere.
            guard leftType == .timestamp || leftType == .custom else {
                throw QueryError(
                    .typeMismatch,
                    "'\(left)' is \(leftType.article), not a time, so it has no place in a time range",
                    at: right.range)
            }
            return .timeRange(leftOperand, op, span)
        }
        var rightOperand: BoundOperand
        let rightType: FieldType
        if right.isComputed {
            (rightOperand, rightType) = try bindValue(right, expecting: leftType)
        } else if case .path(let path) = right.kind, !isValueWord(path, for: leftType) {
            let bound = try bind(path)
            (rightOperand, rightType) = (.path(bound), bound.field.type)
        } else {
            let value = try constant(right, for: leftType, describing: left)
            (rightOperand, rightType) = (.constant(value), Self.type(of: value))
        }
        guard Self.comparable(leftType, rightType) else {
            throw QueryError(
                .typeMismatch, "cannot compare \(leftType.article) with \(rightType.article)",
                at: left.range.union(right.range))
        }
        var leftSide = leftOperand
        var op = op
        if case .constant(let value) = rightOperand, value == .null {
            // `x = null` means `x is null`, here as in plain comparisons.
            switch op {
            case .equal: return .isNull(leftSide, negated: false)
            case .notEqual: return .isNull(leftSide, negated: true)
            default: throw QueryError(.typeMismatch, "null cannot be ordered; use is null", at: right.range)
            }
        }
        if case .constant = leftSide, !Self.isConstant(rightOperand) {
            swap(&leftSide, &rightOperand)
            op = op.flipped
        }
        return .compare(leftSide, op, rightOperand)
    }

    /// Whether values of the two types can be ordered against each other.
    static func comparable(_ a: FieldType, _ b: FieldType) -> Bool {
        let numbers: [FieldType] = [.integer, .decimal, .real]
        if a == .custom || b == .custom || a == b { return true }
        if numbers.contains(a) && numbers.contains(b) { return true }
        switch (a, b) {
        case (.reference, .integer), (.integer, .reference), (.enumeration, .text), (.text, .enumeration):
            return true
        default:
            return false
        }
    }

    private static func isLiteral(_ value: Value) -> Bool {
        if value.isComputed { return false }
        if case .path = value.kind { return false }
        return true
    }

    private static func isInterval(_ value: Value) -> Bool {
        if case .interval = value.kind { return true }
        return false
    }

    private static func isConstant(_ operand: BoundOperand) -> Bool {
        if case .constant = operand { return true }
        return false
    }
}
