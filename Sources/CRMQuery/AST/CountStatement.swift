/// `count ENTITY [where EXPR] [group by PATHS]`.
public struct CountStatement: Sendable, Equatable, CustomStringConvertible {
    /// The kind of record counted.
    public var entity: EntityReference
    /// The `where` condition.
    public var filter: Expression?
    /// The `group by` paths.
    public var groupBy: [Path]

    /// `(count interaction (where ...) (group-by kind))`.
    public var description: String {
        let parts: [String?] = [
            "(count", entity.description, filter.map { "(where \($0))" }, groupBy.clause("group-by"),
        ]
        return parts.compactMap { $0 }.joined(separator: " ") + ")"
    }
}
