extension Value {
    /// The value written back in the query language's own infix form, with only the
    /// parentheses its meaning needs: `amount * 0.005 * days(late_by)`, `(due - made) / 2`.
    /// A computed `select` column without `as` is named by it, whatever the spacing typed.
    public var expressionText: String {
        switch kind {
        case .arithmetic(let op, let left, let right):
            let precedence = Self.precedence(op)
            let leftText = left.binding < precedence ? "(\(left.expressionText))" : left.expressionText
            // `a - (b - c)` and `a / (b * c)` keep their brackets; `a + (b + c)` need not, but
            // keeping what was grouped on the right is clearer than proving it associative.
            let rightText = right.binding <= precedence ? "(\(right.expressionText))" : right.expressionText
            return "\(leftText) \(op) \(rightText)"
        case .negation(let operand):
            return operand.binding < Int.max ? "-(\(operand.expressionText))" : "-" + operand.expressionText
        case .call(let call):
            return call.name + "(" + call.arguments.map(\.expressionText).joined(separator: ", ") + ")"
        case .time(.range(let range)):
            return range.description
        default:
            return description
        }
    }

    /// How tightly the value holds together when written: operators by precedence, anything
    /// else (a literal, a path, a call) completely.
    private var binding: Int {
        switch kind {
        case .arithmetic(let op, _, _): Self.precedence(op)
        case .negation: 3
        default: Int.max
        }
    }

    private static func precedence(_ op: ArithmeticOperator) -> Int {
        op == .add || op == .subtract ? 1 : 2
    }
}
