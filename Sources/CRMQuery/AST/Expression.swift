/// A boolean condition, as in `where tier = vip and not urgent`.
///
/// Precedence from loosest to tightest: `or`, `and`, `not`, then one comparison.
public struct Expression: Sendable, Equatable, CustomStringConvertible {
    /// The shape of the condition.
    public indirect enum Kind: Sendable, Equatable {
        /// `a or b`.
        case or(Expression, Expression)
        /// `a and b`.
        case and(Expression, Expression)
        /// `not a`.
        case not(Expression)
        /// `left OP right`.
        case comparison(Value, ComparisonOperator, Value)
        /// `value in (a, b)` or, when `negated`, `value not in (a, b)`.
        case inList(Value, [Value], negated: Bool)
        /// `value in RANGE` (such as `at in last 90 days`), or `not in` when `negated`.
        case inRange(Value, Value, negated: Bool)
        /// `value is null` or, when `negated`, `value is not null`.
        case isNull(Value, negated: Bool)
        /// `value contains item`: tag membership or case-insensitive substring.
        case contains(Value, Value)
        /// `value starts with prefix`.
        case startsWith(Value, Value)
        /// `any(REL [where EXPR])`.
        case any(RelationFilter)
        /// `none(REL [where EXPR])`.
        case none(RelationFilter)
        /// `count(REL [where EXPR]) OP N`.
        case relationCount(RelationFilter, ComparisonOperator, Value)
        /// A bare value used as a condition, such as the boolean field `overdue`.
        case truth(Value)
    }

    /// The shape of the condition.
    public var kind: Kind
    /// Where the whole condition is.
    public var range: SourceRange

    /// The condition as an S-expression, such as `(and (= tier vip) overdue)`.
    public var description: String {
        switch kind {
        case .or(let left, let right): return "(or \(left) \(right))"
        case .and(let left, let right): return "(and \(left) \(right))"
        case .not(let operand): return "(not \(operand))"
        case .comparison(let left, let op, let right): return "(\(op) \(left) \(right))"
        case .inList(let value, let list, let negated):
            let items = list.map(\.description).joined(separator: " ")
            return "(\(negated ? "not-in" : "in") \(value) [\(items)])"
        case .inRange(let value, let range, let negated):
            return "(\(negated ? "not-in" : "in") \(value) \(range))"
        case .isNull(let value, let negated): return "(\(negated ? "is-not-null" : "is-null") \(value))"
        case .contains(let value, let item): return "(contains \(value) \(item))"
        case .startsWith(let value, let prefix): return "(starts-with \(value) \(prefix))"
        case .any(let relation): return "(any \(relation))"
        case .none(let relation): return "(none \(relation))"
        case .relationCount(let relation, let op, let value): return "(\(op) (count \(relation)) \(value))"
        case .truth(let value): return value.description
        }
    }
}
