/// `REL [where EXPR]` inside `any(...)`, `none(...)` or `count(...)`.
public struct RelationFilter: Sendable, Equatable, CustomStringConvertible {
    /// The relation, such as `interactions`.
    public var relation: Path
    /// The optional condition on related records.
    public var filter: Expression?
    /// From the relation to the end of the filter.
    public var range: SourceRange

    /// `interactions (where ...)`.
    public var description: String {
        relation.description + (filter.map { " (where \($0))" } ?? "")
    }
}
