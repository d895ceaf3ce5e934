/// One relation loaded by `get ... with REL(...)`, with its optional filter, order and limit.
public struct Include: Sendable, Equatable, CustomStringConvertible {
    /// The relation, such as `interactions`.
    public var relation: Path
    /// `where EXPR` inside the parentheses.
    public var filter: Expression?
    /// `order by ...` inside the parentheses.
    public var orderBy: [OrderKey]
    /// `limit N` inside the parentheses.
    public var limit: IntegerArgument?
    /// Where the include is.
    public var range: SourceRange

    /// `(with REL (where ...) (order-by ...) (limit N))`.
    public var description: String {
        var parts = ["with", relation.description]
        if let filter { parts.append("(where \(filter))") }
        if !orderBy.isEmpty {
            parts.append("(order-by " + orderBy.map(\.description).joined(separator: " ") + ")")
        }
        if let limit { parts.append("(limit \(limit))") }
        return "(" + parts.joined(separator: " ") + ")"
    }
}
